package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cimitest/cimitest/report"
)

// Workers (--parallel) change how long a run takes, never what it finds:
// the same results, in the same order, as one process running the
// scenarios one after the other; one transcript numbered in order; evidence
// that names exchanges the report holds; nothing left behind.
func TestParallelRunsFindWhatASerialRunFinds(t *testing.T) {
	for _, v := range []string{"2.0", "1.1"} {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			_, _, serial := runBin(t, runArgs(v, "--parallel", "1")...)
			out := t.TempDir()
			code, console, par := runBinIn(t, out, runArgs(v, "--parallel", "4")...)
			if code != 0 {
				t.Fatalf("the run with 4 workers exited %d:\n%s", code, console)
			}
			if d := verdictDiff(serial, par); d != "" {
				t.Errorf("4 workers found otherwise than one process:\n%s", d)
			}
			if par.Timing == nil || par.Timing.Workers != 4 || par.Timing.StepCount == 0 || len(par.Timing.Steps) == 0 {
				t.Errorf("timing %+v", par.Timing)
			}
			if len(par.Leaks) > 0 {
				t.Errorf("left behind: %+v", par.Leaks)
			}
			checkTranscript(t, filepath.Join(out, "transcript.jsonl"), par)
		})
	}
}

// verdictDiff lists where two runs differ in results, statuses or order.
func verdictDiff(a, b *report.Results) string {
	var diffs []string
	if len(a.Checks) != len(b.Checks) {
		diffs = append(diffs, fmt.Sprintf("%d results against %d", len(a.Checks), len(b.Checks)))
	}
	for i := 0; i < len(a.Checks) && i < len(b.Checks) && len(diffs) < 20; i++ {
		x, y := a.Checks[i], b.Checks[i]
		if x.Key() != y.Key() || x.Status != y.Status {
			diffs = append(diffs, fmt.Sprintf("result %d: %s %s against %s %s (%s)", i, x.Key(), x.Status, y.Key(), y.Status, y.Message))
		}
	}
	return strings.Join(diffs, "\n")
}

// checkTranscript: the exchanges are numbered 1…n in the order they ended,
// n is the count the results give, and every exchange a result cites is in
// the results.
func checkTranscript(t *testing.T, path string, r *report.Results) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		var ex report.Exchange
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			t.Fatal(err)
		}
		n++
		if ex.ID != n {
			t.Fatalf("exchange %d of the transcript is numbered %d", n, ex.ID)
		}
	}
	if n != r.Run.Exchanges {
		t.Errorf("the transcript holds %d exchanges, the results count %d", n, r.Run.Exchanges)
	}
	kept := map[int]bool{}
	for _, ex := range r.Exchanges {
		kept[ex.ID] = true
	}
	for _, c := range r.Checks {
		for _, id := range c.Evidence {
			if !kept[id] {
				t.Errorf("%s cites exchange %d, which the results do not hold", c.Key(), id)
			}
		}
	}
}

// An interrupt reaches every worker: the run stops, cleans up once for all
// of them, writes its reports, exits 3, and leaves no worker running.
func TestAnInterruptedParallelRunStopsEveryWorker(t *testing.T) {
	out := t.TempDir()
	cmd := exec.Command(bin, append([]string{"run"}, runArgs("2.0", "--parallel", "4", "--reference-latency", "100ms", "--out", out)...)...)
	var console strings.Builder
	cmd.Stdout, cmd.Stderr = &console, &console
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(4 * time.Second)
	_ = cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitInterrupted {
			t.Fatalf("the interrupted run ended with %v:\n%s", err, console.String())
		}
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("the interrupted run did not end within two minutes")
	}
	r, err := report.ReadJSON(filepath.Join(out, report.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	if r.Run.Outcome != report.OutcomeInterrupted || r.LeftBehind() > 0 {
		t.Errorf("outcome %s, %d left behind: %+v", r.Run.Outcome, r.LeftBehind(), r.Leaks)
	}
	if n := strings.Count(console.String(), "interrupted by a signal"); n != 1 {
		t.Errorf("the interrupt was told %d times:\n%s", n, console.String())
	}
	if ps, _ := exec.Command("pgrep", "-f", "--", "--out "+out).Output(); len(strings.TrimSpace(string(ps))) > 0 {
		t.Errorf("processes of the run are still there: %s", ps)
	}
}
