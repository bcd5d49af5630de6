package checks

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/cimitest/cimitest/suites/model"
)

// RuleLevel is the strength of a numbered rule (see ruletable.go).
type RuleLevel string

const (
	RuleShall   RuleLevel = "SHALL"
	RuleShall20 RuleLevel = "SHALL-2.0" // SHALL in 2.0, a recommendation in 1.x
	RuleShould  RuleLevel = "SHOULD"
	RuleMay     RuleLevel = "MAY"
	RuleInfo    RuleLevel = "INFO"
)

// Rule is one numbered rule of the spec digest.
type Rule struct {
	ID    string
	Level RuleLevel
	// Only confines the rule to one version ("" for both).
	Only model.Version
}

// LevelIn gives the rule's level in version v.
func (r Rule) LevelIn(v model.Version) RuleLevel {
	if r.Level == RuleShall20 {
		if v == model.V2 {
			return RuleShall
		}
		return RuleShould
	}
	return r.Level
}

// AppliesTo reports whether the rule binds version v.
func (r Rule) AppliesTo(v model.Version) bool { return r.Only == "" || r.Only == v }

var rules = parseRuleTable(ruleTable)

func parseRuleTable(table string) map[string]Rule {
	out := map[string]Rule{}
	for _, line := range strings.Split(table, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		r := Rule{ID: f[0], Level: RuleLevel(f[1])}
		if len(f) > 2 {
			r.Only = model.V2
			if f[2] == "1.x" {
				r.Only = model.V1
			}
		}
		out[r.ID] = r
	}
	return out
}

// RuleByID returns the rule with id.
func RuleByID(id string) (Rule, bool) {
	r, ok := rules[id]
	return r, ok
}

// Rules lists every rule, by family and number.
func Rules() []Rule {
	out := make([]Rule, 0, len(rules))
	for _, r := range rules {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return ruleLess(out[i].ID, out[j].ID) })
	return out
}

func ruleLess(a, b string) bool {
	fa, na, _ := strings.Cut(a, "-")
	fb, nb, _ := strings.Cut(b, "-")
	if fa != fb {
		return fa < fb
	}
	ia, _ := strconv.Atoi(na)
	ib, _ := strconv.Atoi(nb)
	return ia < ib
}

// Cites lists the rule IDs the check cites.
func (c *Check) Cites() []string {
	return strings.FieldsFunc(c.Rule, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
}

// RuleCoverage is what the catalogue does with one rule.
type RuleCoverage struct {
	Rule
	Judged     []string `json:"judgedBy,omitempty"`   // checks that run and cite it
	Untestable []string `json:"untestable,omitempty"` // checks that cite it but cannot run, with why
}

// Coverage lists every rule with the checks that cite it.
func Coverage() []RuleCoverage {
	by := map[string]*RuleCoverage{}
	var out []RuleCoverage
	for _, r := range Rules() {
		out = append(out, RuleCoverage{Rule: r})
	}
	for i := range out {
		by[out[i].ID] = &out[i]
	}
	for _, c := range All() {
		for _, id := range c.Cites() {
			rc := by[id]
			if rc == nil {
				continue
			}
			if c.Untestable != "" {
				rc.Untestable = append(rc.Untestable, fmt.Sprintf("%s: %s", c.ID, c.Untestable))
			} else {
				rc.Judged = append(rc.Judged, c.ID)
			}
		}
	}
	return out
}
