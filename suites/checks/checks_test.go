package checks

import (
	"regexp"
	"slices"
	"strings"
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

// coveredFamilies are the digest's families the catalogue claims whole:
// every rule of these is judged by a check or declared not testable, with why.
var coveredFamilies = []string{"P", "M", "V", "MT", "E", "C"}

func TestEveryRuleOfACoveredFamilyIsCovered(t *testing.T) {
	seen := map[string]int{}
	for _, rc := range Coverage() {
		family := strings.TrimRight(rc.ID, "-0123456789")
		if !slices.Contains(coveredFamilies, family) {
			continue
		}
		seen[family]++
		if len(rc.Judged) == 0 && len(rc.Untestable) == 0 {
			t.Errorf("%s is neither judged by a check nor declared not testable", rc.ID)
		}
	}
	for _, f := range coveredFamilies {
		if seen[f] == 0 {
			t.Errorf("family %s has no rules in the table", f)
		}
	}
}
