package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cimitest/cimitest/report"
	browser "github.com/cimitest/cimitest/report/browsertest"
	"github.com/cimitest/cimitest/report/matrix"
)

// A plug-fest: three differently broken reference servers, each named as
// an implementation, set side by side by `cimitest matrix`; the statement of
// one verified and refused once its results are edited; `diff` between two
// of them; and a CI gate's expectations covering one run's failures.
func TestPlugfestWorkflows(t *testing.T) {
	root := t.TempDir()
	expect := filepath.Join(root, "expect.yaml")
	if err := os.WriteFile(expect, []byte("expectations:\n  - check: machine.initial-state\n    reason: \"TICKET-1: start is slow to report\"\n    expires: 2999-12-31\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	runs := []struct {
		dir   string
		args  []string
		fails string // a check the fault turns red (fail or error)
	}{
		{"acme", []string{"--reference-fault", "stop-stays-started", "--impl-organization", "Acme", "--impl-product", "Cloud", "--impl-version", "1.0"}, "machine.stop"},
		{"beta", []string{"--reference-fault", "restart-ends-stopped", "--impl-organization", "Beta", "--impl-product", "Compute",
			"--profile", "full-2.0"}, "machine.restart"},
		{"gamma", []string{"--reference-fault", "default-initial-started", "--impl-product", "Gamma", "--expect", expect}, "machine.initial-state"},
	}
	results := make([]*report.Results, len(runs))
	codes := make([]int, len(runs))
	var wg sync.WaitGroup
	for i, r := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _, results[i] = runBinIn(t, filepath.Join(root, "runs", r.dir), runArgs("2.0", append(r.args, "--label-filter", "machines", "--parallel", "2")...)...)
		}()
	}
	wg.Wait()
	for i, r := range runs {
		if results[i] == nil {
			t.Fatalf("%s: no results", r.dir)
		}
		if st := worst(results[i], r.fails); st != report.Fail && st != report.Error {
			t.Errorf("%s: %s is %q, want fail or error (the fault switch no longer breaks it)", r.dir, r.fails, st)
		}
	}
	if codes[0] != 1 || codes[1] != 1 {
		t.Errorf("the broken runs exited %d and %d, want 1", codes[0], codes[1])
	}

	t.Run("matrix", func(t *testing.T) {
		out := filepath.Join(root, "matrix")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"matrix", "--out", out, filepath.Join(root, "runs")}, &stdout, &stderr); code != 0 {
			t.Fatalf("matrix exited %d: %s", code, stderr.String())
		}
		var m matrix.Matrix
		data, err := os.ReadFile(filepath.Join(out, matrix.JSONFile))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		if got := labels(m); got != "Acme Cloud 1.0, Beta Compute, Gamma" {
			t.Errorf("columns %s", got)
		}
		// Each cell is the worst status of its check in that run, and each
		// check a run judged has its row.
		rows := map[string]matrix.Row{}
		for _, r := range m.Rows {
			if r.Kind == matrix.KindCheck {
				rows[r.Key] = r
			}
		}
		for i, res := range results {
			for _, c := range res.Checks {
				row, ok := rows[c.ID]
				if !ok {
					t.Fatalf("%s: %s has no row", runs[i].dir, c.ID)
				}
				if got, want := row.Cells[i].Status, string(worst(res, c.ID)); got != want {
					t.Errorf("%s %s: cell %s, the run %s", runs[i].dir, c.ID, got, want)
				}
			}
		}
		for _, r := range runs {
			if !rows[r.fails].Differs {
				t.Errorf("%s: failing in one run and passing in the others, but not marked as a difference", r.fails)
			}
		}
		if cell := rows["machine.stop"].Cells[0]; !strings.HasPrefix(cell.Link, "../runs/acme/report.html#r-machine.stop--") || cell.Exchange == "" {
			t.Errorf("the failing cell links to %q and %q", cell.Link, cell.Exchange)
		}
		if browser.Find() == "" {
			t.Log("matrix.html not opened: no Chromium on this machine")
			return
		}
		page := filepath.Join(out, matrix.HTMLFile)
		p := browser.Open(t, page)
		if n := p.Visible(t, "#matrix tr[data-kind]"); n != len(m.Rows) {
			t.Errorf("matrix.html shows %d rows, want %d", n, len(m.Rows))
		}
		if outside := p.Outside(page); len(outside) > 0 {
			t.Errorf("matrix.html asked for %v: it must open offline", outside)
		}
	})

	t.Run("statement", func(t *testing.T) {
		dir := filepath.Join(root, "runs", "beta")
		var stdout, stderr bytes.Buffer
		code := run([]string{"verify", filepath.Join(dir, report.StatementFile), filepath.Join(dir, report.JSONFile)}, &stdout, &stderr)
		if code != 0 || !strings.Contains(stdout.String(), "the statement holds: Beta Compute, CIMI 2.0, profile full-2.0, not passed") {
			t.Errorf("verify exited %d: %s%s", code, stdout.String(), stderr.String())
		}
		data, err := os.ReadFile(filepath.Join(dir, report.JSONFile))
		if err != nil {
			t.Fatal(err)
		}
		edited := filepath.Join(root, "edited.json")
		if err := os.WriteFile(edited, bytes.ReplaceAll(data, []byte(`"status": "fail"`), []byte(`"status": "pass"`)), 0o644); err != nil {
			t.Fatal(err)
		}
		stdout.Reset()
		if code := run([]string{"verify", filepath.Join(dir, report.StatementFile), edited}, &stdout, &stderr); code != 1 ||
			!strings.Contains(stdout.String(), "not the one stated") {
			t.Errorf("verify of edited results exited %d: %s", code, stdout.String())
		}
		if _, err := os.Stat(filepath.Join(root, "runs", "acme", report.StatementFile)); !os.IsNotExist(err) {
			t.Errorf("a run without --profile wrote a statement: %v", err)
		}
	})

	t.Run("diff", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		a, b := filepath.Join(root, "runs", "gamma"), filepath.Join(root, "runs", "acme")
		if code := run([]string{"diff", a, b}, &stdout, &stderr); code != 1 ||
			!strings.Contains(stdout.String(), "machine.stop on Machine/action:stop/json: pass → fail") ||
			!strings.Contains(stdout.String(), "machine.initial-state on Machine/create/json: fail → pass") {
			t.Errorf("diff exited %d:\n%s%s", code, stdout.String(), stderr.String())
		}
		stdout.Reset()
		summary := filepath.Join(root, "summary.md")
		t.Setenv("GITHUB_STEP_SUMMARY", summary)
		if code := run([]string{"diff", a, a}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "no result changed") {
			t.Errorf("a run against itself: exit %d:\n%s", code, stdout.String())
		}
		if data, _ := os.ReadFile(summary); !strings.Contains(string(data), "## cimitest diff") {
			t.Errorf("GITHUB_STEP_SUMMARY got %q", data)
		}
	})

	t.Run("expectations", func(t *testing.T) {
		g := results[2]
		if !g.Summary.Passed || codes[2] != 0 || g.Summary.ExpectedFailures == 0 || g.Expectations[0].Outcome != report.ExpectHeld {
			t.Errorf("the expected failures of machine.initial-state failed the run: exit %d, %v, %+v", codes[2], g.Summary.Reasons, g.Expectations)
		}
	})
}

// worst is the worst status of a check in a run ("" when the run has none).
func worst(r *report.Results, id string) report.Status {
	var w report.Status
	for _, c := range r.Checks {
		if c.ID == id && (w == "" || report.Worse(c.Status, w)) {
			w = c.Status
		}
	}
	return w
}

func labels(m matrix.Matrix) string {
	var l []string
	for _, c := range m.Columns {
		l = append(l, c.Label)
	}
	return strings.Join(l, ", ")
}
