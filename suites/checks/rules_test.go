package checks

import (
	"testing"

	"github.com/cimitest/cimitest/suites/model"
)

// levelExemptions are the checks whose level is not the strongest level of
// the rules they cite, and why.
var levelExemptions = map[*Check]string{
	ClaimsMatch: "a claim file is the vendor's statement, not a rule of the spec: a claim the endpoint " +
		"does not advertise warns",
	HTTPNotFound: "the rule's SHALL is on the deletion (machine.delete judges it); the status code of " +
		"the later GET is a recommendation (404, 410 tolerated)",
	TemplateErase: "the text gives the Consumer leave to erase a template attribute without saying in so " +
		"many words that the Provider shall honour it; judged as a recommendation",
	HTTPVersionHeader: "the header is what 1.x servers sent, not a sentence of the text: a missing one warns",
}

func TestCitedRulesExist(t *testing.T) {
	for _, c := range All() {
		if len(c.Cites()) == 0 {
			t.Errorf("%s cites no rule", c.ID)
		}
		for _, id := range c.Cites() {
			if _, ok := RuleByID(id); !ok {
				t.Errorf("%s cites %s, which is not a rule of the digest", c.ID, id)
			}
		}
	}
	if n := len(Rules()); n != 713 {
		t.Errorf("the rule table has %d rules, the digest 713", n)
	}
}

// A check judged in a version cites a rule of that version.
func TestCitedRulesApplyToTheCheckedVersions(t *testing.T) {
	for _, c := range All() {
		for _, v := range []model.Version{model.V2, model.V1} {
			if !c.AppliesTo(v) {
				continue
			}
			ok := false
			for _, id := range c.Cites() {
				r, _ := RuleByID(id)
				ok = ok || r.AppliesTo(v)
			}
			if !ok {
				t.Errorf("%s is judged in %s but cites only rules of another version (%s)", c.ID, v, c.Rule)
			}
		}
	}
}

// A check's level is the strongest level of the rules it cites. A MAY check
// may judge a SHALL rule when the check needs an advertised feature: absent
// the feature is not supported, advertised and broken it fails.
func TestCheckLevelsAreTheirRulesLevels(t *testing.T) {
	rank := map[RuleLevel]int{RuleInfo: 0, RuleMay: 1, RuleShould: 2, RuleShall: 3}
	for _, c := range All() {
		if c.Untestable != "" {
			continue
		}
		strongest := RuleInfo
		for _, id := range c.Cites() {
			r, _ := RuleByID(id)
			for _, v := range []model.Version{model.V2, model.V1} {
				if c.AppliesTo(v) && r.AppliesTo(v) && rank[r.LevelIn(v)] > rank[strongest] {
					strongest = r.LevelIn(v)
				}
			}
		}
		want := map[RuleLevel]Level{RuleShall: Shall, RuleShould: Should, RuleMay: May}[strongest]
		ok := c.Level == want || (strongest == RuleShall && c.Level == May && len(c.Needs) > 0)
		_, exempt := levelExemptions[c]
		switch {
		case strongest == RuleInfo && !exempt:
			t.Errorf("%s judges only rules that ask nothing of a Provider (%s)", c.ID, c.Rule)
		case !ok && !exempt:
			t.Errorf("%s is %s but the strongest rule it cites (%s) is %s", c.ID, c.Level, c.Rule, strongest)
		case ok && exempt:
			t.Errorf("%s is exempted but its level agrees with its rules: drop the exemption", c.ID)
		}
	}
}
