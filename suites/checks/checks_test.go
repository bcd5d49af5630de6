package checks

import (
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
	var out []string
	for _, p := range regexp.MustCompile(`,\s*`).Split(s, -1) {
		out = append(out, p)
	}
	return out
}

func TestUnknownIDPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustGet of an unknown ID did not panic")
		}
	}()
	MustGet("no.such-check")
}
