package main

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
)

// TestEveryStatusOnPurpose brings about each of the six statuses with a
// known cause, and sees that the result says why and that the JUnit report
// files it where a CI system looks for it.
func TestEveryStatusOnPurpose(t *testing.T) {
	t.Parallel() // a few runs, waiting more than working: beside the others
	type want struct {
		check   *checks.Check
		status  report.Status
		message string // a part of the message that gives the cause
		junit   string // how junit.xml files it
	}
	runs := []struct {
		name  string
		args  []string
		wants []want
	}{
		{"clean", nil, []want{
			{checks.CEPRead, report.Pass, "", ""},
			{checks.CEPPerConsumer, report.NotTested, "not testable from outside", "<skipped"},
		}},
		{reference.FaultVolumeTemplateByValueUnadvertised, []string{"--reference-fault", reference.FaultVolumeTemplateByValueUnadvertised}, []want{
			{checks.VolumeByValue, report.NotSupported, "VolumeTemplateByValue", "<skipped"},
		}},
		{reference.FaultJobNeverEnds, []string{"--reference-fault", reference.FaultJobNeverEnds, "--timeout-job", "300ms"}, []want{
			{checks.HTTPSyncJobDone, report.Fail, "has not ended", "<failure"},
			{checks.HTTPAsyncJob, report.Error, "timed out", "<error"},
		}},
		{reference.FaultGoneAnswers410, []string{"--reference-fault", reference.FaultGoneAnswers410}, []want{
			{checks.HTTPNotFound, report.Warn, "not answered 404", "WARNING:"},
		}},
	}
	for _, run := range runs {
		t.Run(run.name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			cmd := exec.Command(bin, append(append([]string{"run"}, runArgs("2.0", run.args...)...), "--out", out)...)
			if b, err := cmd.CombinedOutput(); err != nil {
				if _, ok := err.(*exec.ExitError); !ok {
					t.Fatalf("%v\n%s", err, b)
				}
			}
			r, err := report.ReadJSON(filepath.Join(out, report.JSONFile))
			if err != nil {
				t.Fatal(err)
			}
			junit, err := os.ReadFile(filepath.Join(out, report.JUnitFile))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range run.wants {
				judgeStatus(t, r, string(junit), w.check.ID, w.status, w.message, w.junit)
			}
		})
	}
}

// judgeStatus finds a result of check id with the status and message, and
// the JUnit test case of that result with the marker.
func judgeStatus(t *testing.T, r *report.Results, junit, id string, status report.Status, message, marker string) {
	t.Helper()
	for _, c := range r.Checks {
		if c.ID != id || c.Status != status || !strings.Contains(c.Message, message) {
			continue
		}
		name := report.CaseName(c)
		i := strings.Index(junit, `name="`+xmlEscape(name)+`"`)
		if i < 0 {
			t.Errorf("%s: no JUnit test case %q", id, name)
			return
		}
		end := strings.Index(junit[i:], "</testcase>")
		if end < 0 {
			end = len(junit) - i
		}
		if tc := junit[i : i+end]; marker != "" && !strings.Contains(tc, marker) {
			t.Errorf("%s (%s): the JUnit test case lacks %s:\n%s", id, status, marker, tc)
		}
		return
	}
	var seen []string
	for _, c := range r.Checks {
		if c.ID == id {
			seen = append(seen, string(c.Status)+": "+c.Message)
		}
	}
	t.Errorf("no %s result of %s whose message has %q; seen %q", status, id, message, seen)
}

// xmlEscape writes s as encoding/xml, which writes junit.xml, does.
func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
