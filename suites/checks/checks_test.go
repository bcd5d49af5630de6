package checks

import (
	"fmt"
	"regexp"
	"testing"
)

var ruleRe = regexp.MustCompile(`^[A-Z]{1,2}-[0-9]+$`)

func TestCatalogueIsWellFormed(t *testing.T) {
	all := All()
	if len(all) < 80 {
		t.Fatalf("only %d checks in the catalogue", len(all))
	}
	for _, c := range all {
		for _, r := range splitRules(c.Rule) {
			if !ruleRe.MatchString(r) {
				t.Errorf("%s: rule %q is not a digest rule ID", c.ID, r)
			}
		}
		if MustGet(c.ID) != c {
			t.Errorf("%s: lookup mismatch", c.ID)
		}
	}
}

func splitRules(s string) []string {
	return regexp.MustCompile(`,\s*`).Split(s, -1)
}

func TestUnknownIDPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustGet of an unknown ID did not panic")
		}
	}()
	MustGet("no.such-check")
}

// TestEveryProtocolRuleIsCovered holds the catalogue against the digest's
// protocol rules P-01 … P-129: each is judged by a check or listed as not
// testable, with the reason.
func TestEveryProtocolRuleIsCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range All() {
		for _, r := range splitRules(c.Rule) {
			covered[r] = true
		}
	}
	for i := 1; i <= 129; i++ {
		r := fmt.Sprintf("P-%02d", i)
		if i >= 100 {
			r = fmt.Sprintf("P-%d", i)
		}
		if !covered[r] {
			t.Errorf("%s is neither a check nor listed as not testable", r)
		}
	}
}
