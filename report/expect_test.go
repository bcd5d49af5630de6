package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run gives results of two checks on two serializations, judged on the day.
func expectRun(statuses map[string]Status) *Results {
	r := &Results{Run: Run{Started: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}}
	for _, key := range []string{"machine.stop|json", "machine.stop|xml", "machine.start|json", "machine.start|xml"} {
		id, format, _ := strings.Cut(key, "|")
		st, ok := statuses[key]
		if !ok {
			st = Pass
		}
		r.Checks = append(r.Checks, CheckResult{ID: id, Resource: "Machine", Operation: "action:" + strings.TrimPrefix(id, "machine."),
			Format: format, Status: st, Message: "the state went to STARTED"})
	}
	r.Finish()
	return r
}

func TestExpectations(t *testing.T) {
	stopFails := map[string]Status{"machine.stop|json": Fail, "machine.stop|xml": Fail}
	for _, tc := range []struct {
		name     string
		statuses map[string]Status
		list     []Expectation
		passed   bool
		outcome  string
		reason   string
		expected int
	}{
		{"covered", stopFails, []Expectation{{Check: "machine.stop", Reason: "BUG-1"}}, true, ExpectHeld, "", 2},
		{"covered until its last day", stopFails, []Expectation{{Check: "machine.stop", Reason: "BUG-1", Expires: "2026-12-03"}}, true, ExpectHeld, "", 2},
		{"an error covered", map[string]Status{"machine.stop|json": Error}, []Expectation{{Check: "machine.stop", Reason: "BUG-1"}}, true, ExpectHeld, "", 1},
		{"the subject narrows it", stopFails, []Expectation{{Check: "machine.stop", Subject: "Machine/*/json", Reason: "BUG-2"}},
			false, ExpectHeld, "1 check failed that no expectation covers", 1},
		{"expired", stopFails, []Expectation{{Check: "machine.stop", Reason: "BUG-3", Expires: "2026-12-02"}},
			false, ExpectExpired, "the expected failure of machine.stop (BUG-3) expired on 2026-12-02", 0},
		{"now passes", nil, []Expectation{{Check: "machine.stop", Reason: "BUG-4"}},
			false, ExpectNowPasses, "machine.stop is expected to fail (BUG-4) but passed: remove the expectation", 0},
		{"another check fails", map[string]Status{"machine.start|xml": Fail}, []Expectation{{Check: "machine.stop", Subject: "Nothing/*", Reason: "BUG-5"}},
			false, ExpectUnused, "1 check failed", 0},
	} {
		r := expectRun(tc.statuses)
		r.Expect(tc.list)
		got := r.Expectations[0]
		reasons := strings.Join(r.Summary.Reasons, "; ")
		if r.Summary.Passed != tc.passed || got.Outcome != tc.outcome || r.Summary.ExpectedFailures != tc.expected ||
			(tc.reason != "" && !strings.Contains(reasons, tc.reason)) {
			t.Errorf("%s: passed %v (want %v), outcome %s (want %s), %d expected (want %d), reasons %q",
				tc.name, r.Summary.Passed, tc.passed, got.Outcome, tc.outcome, r.Summary.ExpectedFailures, tc.expected, reasons)
		}
		if r.Summary.Counts[Fail]+r.Summary.Counts[Error] != len(tc.statuses) {
			t.Errorf("%s: an expected failure must still count as failed: %v", tc.name, r.Summary.Counts)
		}
	}
}

func TestExpectedFailureIsSkippedInJUnit(t *testing.T) {
	r := expectRun(map[string]Status{"machine.stop|json": Fail})
	r.Expect([]Expectation{{Check: "machine.stop", Reason: "BUG-1"}})
	var b bytes.Buffer
	if err := WriteJUnit(&b, r); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); strings.Contains(s, "<failure") || !strings.Contains(s, `expected fail (BUG-1)`) {
		t.Errorf("junit.xml:\n%s", s)
	}
}

func TestReadExpectations(t *testing.T) {
	known := func(id string) bool { return id == "machine.stop" }
	dir := t.TempDir()
	for _, tc := range []struct{ name, yaml, err string }{
		{"good", "expectations:\n  - check: machine.stop\n    subject: Machine/*/xml\n    reason: BUG-1\n    expires: 2027-01-31\n", ""},
		{"unknown check", "expectations:\n  - check: machine.stpo\n    reason: x\n", `"machine.stpo" is no check`},
		{"no reason", "expectations:\n  - check: machine.stop\n", "say why"},
		{"bad date", "expectations:\n  - check: machine.stop\n    reason: x\n    expires: 31/01/2027\n", "not a date"},
		{"bad pattern", "expectations:\n  - check: machine.stop\n    reason: x\n    subject: \"Machine/[\"\n", "not a pattern"},
		{"unknown key", "expectations:\n  - check: machine.stop\n    reason: x\n    until: 2027-01-01\n", "until"},
		{"empty", "# nothing\n", "lists no expectation"},
	} {
		p := filepath.Join(dir, tc.name+".yaml")
		if err := os.WriteFile(p, []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		list, err := ReadExpectations(p, known)
		switch {
		case tc.err == "" && (err != nil || len(list) != 1 || list[0].Subject != "Machine/*/xml"):
			t.Errorf("%s: %v %v", tc.name, list, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: got %v, want an error saying %q", tc.name, err, tc.err)
		}
	}
}

func TestDiff(t *testing.T) {
	old := expectRun(map[string]Status{"machine.stop|json": Fail, "machine.start|xml": Pass})
	new := expectRun(map[string]Status{"machine.start|xml": Fail, "machine.stop|xml": NotSupported})
	new.Checks = append(new.Checks, CheckResult{ID: "volume.create", Resource: "Volume", Operation: "create", Format: "json", Status: Warn})
	d := Compare(old, new)
	names := func(l []Change) string {
		var s []string
		for _, c := range l {
			s = append(s, c.ID+" "+c.Subject+" "+string(c.Old)+">"+string(c.New))
		}
		return strings.Join(s, ", ")
	}
	if got := names(d.Regressions); got != "machine.start Machine/action:start/xml pass>fail, volume.create Volume/create/json >warn" {
		t.Errorf("regressions: %s", got)
	}
	if got := names(d.Fixes); got != "machine.stop Machine/action:stop/json fail>pass" {
		t.Errorf("fixes: %s", got)
	}
	if got := names(d.Unjudged); got != "machine.stop Machine/action:stop/xml pass>not-supported" {
		t.Errorf("unjudged: %s", got)
	}
	var b bytes.Buffer
	d.WriteText(&b, true)
	if s := b.String(); !strings.Contains(s, "### 2 regressions") || !strings.Contains(s, "- `machine.start` on Machine/action:start/xml: pass → **fail**") {
		t.Errorf("markdown:\n%s", s)
	}
	if d := Compare(old, old); len(d.Regressions)+len(d.Fixes)+len(d.Unjudged) != 0 {
		t.Errorf("a run compared with itself: %+v", d)
	}
}

func TestMarkdownSummary(t *testing.T) {
	r := sample()
	r.Implementation = &Implementation{Organization: "Acme", Product: "Cloud|<b>", Version: "2"}
	var b bytes.Buffer
	if err := WriteMarkdownSummary(&b, r, "reports"); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{"## cimitest: ❌ not passed", `Acme Cloud\|&lt;b&gt; 2`, "| fail | 1 |", "- fail `machine.stop` on Machine/action:stop/xml (M-41 §5.14.1.2 l.2603-2618)", "`reports/report.html`"} {
		if !strings.Contains(s, want) {
			t.Errorf("the summary lacks %q:\n%s", want, s)
		}
	}
}
