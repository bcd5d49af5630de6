package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cimitest/cimitest/report"
	browser "github.com/cimitest/cimitest/report/browsertest"
	"github.com/cimitest/cimitest/report/matrix"
)

// TestMeasureParallelMatrix measures `cimitest run` against the embedded
// reference at several latencies and --parallel values, and prints a table
// for docs/performance.md. It is a measurement, not a timed test: it runs
// only when CIMITEST_BENCH is set (`make bench`), and asserts only that
// each run finds what the serial run at the same latency finds.
// CIMITEST_BENCH_LATENCIES and CIMITEST_BENCH_PARALLEL change the matrix.
func TestMeasureParallelMatrix(t *testing.T) {
	if os.Getenv("CIMITEST_BENCH") == "" {
		t.Skip("a measurement: set CIMITEST_BENCH=1 (make bench)")
	}
	latencies := envList("CIMITEST_BENCH_LATENCIES", "0s,20ms,1s")
	parallels := envList("CIMITEST_BENCH_PARALLEL", "1,2,4,8")
	host, _ := os.Hostname()
	var rows []string
	for _, lat := range latencies {
		var serial *report.Results
		for _, p := range parallels {
			m := measureRun(t, "--reference-latency", lat, "--parallel", p)
			same := "—"
			if serial == nil {
				serial = m.results
			} else if d := verdictDiff(serial, m.results); d != "" {
				t.Errorf("latency %s, --parallel %s found otherwise than --parallel %s:\n%s", lat, p, parallels[0], d)
				same = "no"
			} else {
				same = "yes"
			}
			rows = append(rows, fmt.Sprintf("| %s | %s | %.1f s | %.1f s | %d | %d | %s |", lat, p, m.wall.Seconds(), m.cpu.Seconds(),
				m.results.Summary.Total, m.results.Run.Exchanges, same))
			t.Logf("latency %s, --parallel %s: %.1f s", lat, p, m.wall.Seconds())
		}
	}
	fmt.Printf("\n%s, %s, %d CPUs, %s\n\n", host, time.Now().Format("2006-01-02"), runtime.NumCPU(), runtime.Version())
	fmt.Println("| latency | --parallel | wall | CPU (user+sys) | results | exchanges | same verdicts as the first |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, r := range rows {
		fmt.Println(r)
	}
}

type measured struct {
	wall, cpu time.Duration
	results   *report.Results
}

// measureRun runs the suite once, both serializations, CIMI 2.0.
func measureRun(t *testing.T, args ...string) measured {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command(bin, append([]string{"run", "--out", out, "--quiet"}, args...)...)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 0) {
		t.Fatalf("cimitest run %v: %v", args, err)
	}
	r, rerr := report.ReadJSON(filepath.Join(out, report.JSONFile))
	if rerr != nil {
		t.Fatal(rerr)
	}
	return measured{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), results: r}
}

func envList(name, def string) []string {
	v := os.Getenv(name)
	if v == "" {
		v = def
	}
	return strings.Split(v, ",")
}

// TestMeasureReportPages measures what a person opening the reports of a
// full run meets: the size of report.html and of a matrix of a 2.0 and a
// 1.1 run, and how long each takes to load in a headless Chromium with its
// script run. A measurement (CIMITEST_BENCH, make bench), not a timed test.
func TestMeasureReportPages(t *testing.T) {
	if os.Getenv("CIMITEST_BENCH") == "" {
		t.Skip("a measurement: set CIMITEST_BENCH=1 (make bench)")
	}
	if browser.Find() == "" {
		t.Skip("did not run: no Chromium on this machine")
	}
	root := t.TempDir()
	for _, v := range []string{"2.0", "1.1"} {
		cmd := exec.Command(bin, "run", "--quiet", "--cimi-version", v, "--out", filepath.Join(root, v))
		if err := cmd.Run(); err != nil {
			t.Fatalf("cimitest run --cimi-version %s: %v", v, err)
		}
	}
	if code := run([]string{"matrix", "--out", filepath.Join(root, "matrix"), root}, io.Discard, io.Discard); code != 0 {
		t.Fatalf("matrix exited %d", code)
	}
	for _, page := range []string{filepath.Join(root, "2.0", report.HTMLFile), filepath.Join(root, "1.1", report.HTMLFile),
		filepath.Join(root, "matrix", matrix.HTMLFile)} {
		st, err := os.Stat(page)
		if err != nil {
			t.Fatal(err)
		}
		p := browser.Open(t, page)
		rows := p.Visible(t, "#result-table tbody tr, #matrix tr[data-kind]")
		fmt.Printf("| %s | %d KB | %d rows | %.2f s |\n", strings.TrimPrefix(page, root+"/"), st.Size()/1024, rows, p.Load.Seconds())
	}
}
