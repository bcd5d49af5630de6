package main

import (
	"strings"
	"testing"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
)

// The legal variations are the other half of the fault switches: a check
// that turns red on a behaviour the standard allows is as wrong as one that
// cannot turn red at all. With any variation on, every result must be what
// it is on the clean reference, except the checks a variation takes the
// evidence away from: those may go untested, and only with a reason.

// spared is a check a variation may leave not tested or not supported (or
// turn to warn, where warn is set), and the words its reason must contain.
type spared struct {
	check  *checks.Check
	reason string
	warn   bool
}

var variationSpares = map[string][]spared{
	// Without an ETag there is nothing to send in If-Match.
	reference.VariationNoETag: {{checks.HTTPETag, "no ETag", false}},
	// The body of a 201 is judged only where there is one.
	reference.VariationCreatedWithoutBody: {{checks.HTTPCreateBody, "201 without a body", false}},
	reference.VariationAsyncCreates:       {{checks.HTTPCreateBody, "answered 202", false}},
	// The other branch of RestoreFromImage; and the reference's claim file
	// does not claim what only the variation advertises.
	reference.VariationRestoreFromImage: {{checks.MachineRestoreFromImage, "offers RestoreFromImage", false},
		{checks.ClaimsMatch, "not claimed: capability/Machine/RestoreFromImage", true}},
}

func TestEachVariationIsLegal(t *testing.T) {
	base := statuses(cleanRun(t, "2.0"))
	for _, v := range reference.Variations() {
		t.Run("2.0/"+v.Name, func(t *testing.T) {
			t.Parallel()
			code, out, r := runBin(t, runArgs("2.0", "--reference-variation", v.Name)...)
			judgeVariationRun(t, code, out, r, base, variationSpares[v.Name])
			judgeShownByVariation(t, r, v.Name)
		})
	}
}

// Every variation at once, in both versions: variations that are legal one
// by one stay legal together.
func TestAllVariationsAtOnceAreLegal(t *testing.T) {
	var args, names []string
	var spares []spared
	for _, v := range reference.Variations() {
		args = append(args, "--reference-variation", v.Name)
		names = append(names, v.Name)
		spares = append(spares, variationSpares[v.Name]...)
	}
	for _, version := range []string{"2.0", "1.1"} {
		base := statuses(cleanRun(t, version))
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			code, out, r := runBin(t, runArgs(version, args...)...)
			judgeVariationRun(t, code, out, r, base, spares)
			if r != nil && strings.Join(r.Run.ReferenceVariations, ",") != strings.Join(names, ",") {
				t.Errorf("the report names variations %v, want %v", r.Run.ReferenceVariations, names)
			}
		})
	}
}

func judgeVariationRun(t *testing.T, code int, out string, r *report.Results, base map[string]report.Status, spares []spared) {
	t.Helper()
	if r == nil {
		t.Fatalf("no results (exit status %d)\n%s", code, tail(out))
	}
	if code != 0 {
		t.Errorf("exit status %d, want 0\n%s", code, tail(out))
	}
	for _, c := range r.Checks {
		want, known := base[c.Key()]
		if !known {
			want = report.Pass
		}
		// A variation may give evidence the clean run lacks (a Machine that
		// does not advertise delete lets machine.unadvertised-refused run).
		if c.Status == want || (c.Status == report.Pass && (want == report.NotSupported || want == report.NotTested)) || missedWindow(c) {
			continue
		}
		if sparedBy(spares, c) {
			continue
		}
		t.Errorf("%s on %s %s [%s] is %s (clean run: %s): %s", c.ID, c.Resource, c.Operation, c.Format, c.Status, want, c.Message)
	}
	if len(r.Leaks) > 0 || len(r.Errors) > 0 {
		t.Errorf("leaks %v, errors %v", r.Leaks, r.Errors)
	}
}

func sparedBy(spares []spared, c report.CheckResult) bool {
	for _, s := range spares {
		status := c.Status == report.NotTested || c.Status == report.NotSupported || (s.warn && c.Status == report.Warn)
		if status && s.check.ID == c.ID && strings.Contains(c.Message, s.reason) {
			return true
		}
	}
	return false
}

// judgeShownByVariation: the checks the clean reference cannot show pass
// under the variation that gives them something to judge.
func judgeShownByVariation(t *testing.T, r *report.Results, variation string) {
	t.Helper()
	if r == nil {
		return
	}
	for id, v := range unseenOnTheCleanReference {
		if v != variation {
			continue
		}
		passed := false
		for _, c := range r.Checks {
			if c.ID == id {
				passed = passed || c.Status == report.Pass
			}
		}
		if !passed {
			t.Errorf("%s is not passed under %s, the variation that shows it", id, variation)
		}
	}
}
