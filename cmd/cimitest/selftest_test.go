package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
)

// The self-test runs the cimitest binary against the reference server:
// clean, in the asynchronous and the synchronous branch (every check must
// pass); through `cimitest serve` (the same results as the embedded run);
// and with each fault switch on (its checks turn red, the rest stay as in
// the clean run). Each run is a separate process: Ginkgo runs one suite per
// process.

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "cimitest-selftest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	bin = filepath.Join(dir, "cimitest")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building cimitest:", err)
		os.Exit(2)
	}
	// CIMITEST_SELFTEST_BIN aims the tests at another build, for instance an
	// older one, to show that a test fails where a fix is missing.
	if other := os.Getenv("CIMITEST_SELFTEST_BIN"); other != "" {
		bin = other
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fast settings: the reference answers in milliseconds. The runs log in,
// so that the embedded reference asks for credentials, and each runs in one
// process: a run with worker processes costs twice the CPU, and the
// self-test, a few hundred runs on two cores, is bound by the CPU. The
// parallel runner is judged apart: parallel_test.go compares it with a run
// in one process and interrupts it; the plug-fest runs use it.
var fast = []string{"--timeout-job", "2s", "--timeout-state", "3s", "--timeout-cleanup", "10s",
	"--user", selftestUser, "--password", selftestPassword, "--parallel", "1"}

const selftestUser, selftestPassword = "cimitest", "selftest"

// selftestRuntime is the Go runtime of each self-test run: the self-test
// runs sixteen at a time on two cores and is bound by their CPU; one
// processor per run and a less eager collector cut a run's CPU by about a
// fifth and leave its wall time as it was (docs/performance.md).
var selftestRuntime = []string{"GOMAXPROCS=1", "GOGC=200"}

// runArgs are the arguments of a self-test run against the reference in
// CIMI version v: fast, logged in, with the claim file of what the
// reference offers, so that claims.match is judged too.
func runArgs(v string, more ...string) []string {
	claims := filepath.Join("..", "..", "fixtures", "claims", "reference-"+v+".yaml")
	return append(append([]string{"--cimi-version", v, "--claims", claims}, fast...), more...)
}

// runBin runs cimitest and returns its exit status, output and results.
func runBin(t *testing.T, args ...string) (int, string, *report.Results) {
	t.Helper()
	return runBinIn(t, t.TempDir(), args...)
}

// runBinIn runs cimitest with its reports in out.
func runBinIn(t *testing.T, out string, args ...string) (int, string, *report.Results) {
	t.Helper()
	args = append(append([]string{"run"}, args...), "--out", out)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), selftestRuntime...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running cimitest %v: %v", args, err)
	}
	r, rerr := report.ReadJSON(filepath.Join(out, report.JSONFile))
	if rerr != nil {
		if code != 2 {
			t.Fatalf("cimitest %v exited %d without results: %v\n%s", args, code, rerr, buf.String())
		}
		return code, buf.String(), nil
	}
	for _, f := range []string{report.JUnitFile, report.HTMLFile, "transcript.jsonl"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("cimitest %v wrote no %s", args, f)
		}
	}
	return code, buf.String(), r
}

// statuses maps each result subject to its status.
func statuses(r *report.Results) map[string]report.Status {
	m := map[string]report.Status{}
	for _, c := range r.Checks {
		m[c.Key()] = c.Status
		if missedWindow(c) {
			m[c.Key()] = report.Pass // judged when the window is met
		}
	}
	return m
}

// requireClean fails unless every result passed or is not supported;
// untested lists the checks a run may leave untested (e.g. the 202 branch
// when every answer is synchronous).
func requireClean(t *testing.T, code int, out string, r *report.Results, untested ...string) {
	t.Helper()
	if r == nil {
		t.Fatalf("no results (exit status %d)\n%s", code, tail(out))
	}
	if code != 0 {
		t.Errorf("exit status %d, want 0\n%s", code, tail(out))
	}
	notTestable := untestable(t)
	for _, c := range r.Checks {
		_, unseen := unseenOnTheCleanReference[c.ID]
		ok := c.Status == report.Pass || c.Status == report.NotSupported || missedWindow(c) ||
			(c.Status == report.NotTested && (notTestable[c.ID] || unseen))
		for _, id := range untested {
			ok = ok || (c.ID == id && c.Status == report.NotTested)
		}
		if !ok {
			t.Errorf("%s on %s %s [%s]: %s: %s", c.ID, c.Resource, c.Operation, c.Format, c.Status, c.Message)
		}
	}
	if len(r.Leaks) > 0 || len(r.Errors) > 0 {
		t.Errorf("leaks %v, errors %v", r.Leaks, r.Errors)
	}
}

// windowed checks must catch a resource in a transient state, and say
// they were not tested when the reference was faster than the run (on a
// busy machine running several self-tests at once, it can be): that is
// never taken for a change of verdict, and never passes for a failure.
var windowed = map[string]string{
	checks.MachineStopWhileStopping.ID: "STOPPING",
	// A Network is made and deleted in the reference's latency: a busy
	// machine may read it only after the Job ended.
	checks.NetworkTransientStates.ID: "nothing was in progress",
	checks.SystemTransientStates.ID:  "nothing was in progress",
}

// missedWindow reports whether c is a windowed check that missed its window.
func missedWindow(c report.CheckResult) bool {
	w, ok := windowed[c.ID]
	return ok && c.Status == report.NotTested && strings.Contains(c.Message, w)
}

// unseenOnTheCleanReference are the checks the clean reference gives
// nothing to judge, with the variation that does (variations_test.go holds
// them to pass there).
var unseenOnTheCleanReference = map[string]string{
	// The clean reference advertises edit and delete on every resting Machine.
	"machine.unadvertised-refused": reference.VariationDeleteWhenStopped,
	// The clean reference restores only from SNAPSHOTs.
	"machine.restore-from-image": reference.VariationRestoreFromImage,
}

// untestable lists the checks the catalogue marks as not testable from
// outside: a run reports them not-tested, with the reason.
func untestable(t *testing.T) map[string]bool {
	t.Helper()
	out, err := exec.Command(bin, "list", "--json").Output()
	if err != nil {
		t.Fatalf("cimitest list --json: %v", err)
	}
	var rows []struct {
		ID         string `json:"id"`
		Untestable string `json:"untestable"`
	}
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatalf("cimitest list --json: %v", err)
	}
	ids := map[string]bool{}
	for _, r := range rows {
		if r.Untestable != "" {
			ids[r.ID] = true
		}
	}
	return ids
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}

// cleanRuns keeps the clean run of each CIMI version ("2.0", "1.1").
var (
	cleanRuns   = map[string]*report.Results{}
	cleanRunsMu sync.Mutex
)

func cleanRun(t *testing.T, version string) *report.Results {
	t.Helper()
	cleanRunsMu.Lock()
	defer cleanRunsMu.Unlock()
	if cleanRuns[version] == nil {
		code, out, r := runBin(t, runArgs(version)...)
		requireClean(t, code, out, r)
		cleanRuns[version] = r
	}
	return cleanRuns[version]
}

func TestCleanReferencePasses(t *testing.T) {
	for _, version := range []string{"2.0", "1.1"} {
		r := cleanRun(t, version)
		if r.Summary.Total < 500 || !r.Summary.Passed || r.Run.CIMIVersion != version {
			t.Errorf("%s: %d results, passed=%v, version %s", version, r.Summary.Total, r.Summary.Passed, r.Run.CIMIVersion)
		}
		// Without --profile, 2.0 is judged on its minimal conformance
		// clause; 1.x has none.
		switch m := r.Minimal; {
		case version == "2.0" && (m == nil || !m.Passed || m.Checks[report.Pass] == 0):
			t.Errorf("2.0: minimal conformance %+v, want met with passed checks", m)
		case version == "1.1" && m != nil:
			t.Errorf("1.1: minimal conformance %+v, want none", m)
		}
		judged := map[string]bool{}
		for _, c := range r.Checks {
			judged[c.ID] = true
		}
		// Every check of the version's catalogue was judged.
		code, out, _ := runList(t, version)
		if code != 0 {
			t.Fatalf("cimitest list failed: %s", out)
		}
		for _, id := range listedIDs(out) {
			if !judged[id] {
				t.Errorf("%s: check %s was never judged", version, id)
			}
		}
	}
}

func TestSynchronousReferencePasses(t *testing.T) {
	t.Parallel() // a few runs, waiting more than working: beside the others
	code, out, r := runBin(t, runArgs("2.0", "--reference-latency", "0")...)
	// Everything done before the answer: no Job to see running, no STOPPING
	// to send a second stop into, no restart to watch, no Network between
	// two states.
	requireClean(t, code, out, r, "http.async-job", "job.delete-running", "job.stop", "machine.stop-while-stopping",
		"machine.restart", "machine.restart-force", "network.transient-states", "system.transient-states")
	for _, c := range r.Checks {
		if c.ID == "http.async-job" && !strings.Contains(c.Message, "synchronously") {
			t.Errorf("http.async-job untested without saying why: %q", c.Message)
		}
		if c.ID == "job.delete-running" && c.Status == report.NotTested && !strings.Contains(c.Message, "at once") {
			t.Errorf("job.delete-running untested without saying why: %q", c.Message)
		}
		if c.ID == "network.transient-states" && c.Status == report.NotTested && !strings.Contains(c.Message, "nothing was in progress") {
			t.Errorf("network.transient-states untested without saying why: %q", c.Message)
		}
	}
}

func TestServeAndRunGiveTheSameResults(t *testing.T) {
	t.Parallel() // a few runs, waiting more than working: beside the others
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	serve := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--quiet", "--user", selftestUser+":"+selftestPassword)
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cancel(); _ = serve.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the serve banner: %v", err)
	}
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("no URL in %q", line)
	}
	endpoint := strings.TrimSpace(line[i:])
	before := snapshot(t, endpoint)
	code, out, r := runBin(t, runArgs("2.0", "--endpoint", endpoint)...)
	requireClean(t, code, out, r)
	// Nothing the run created remains, and nothing else changed.
	if after := snapshot(t, endpoint); after != before {
		t.Errorf("the endpoint changed during the run:\nbefore: %s\nafter:  %s", before, after)
	}
	want, got := statuses(cleanRun(t, "2.0")), statuses(r)
	for k, st := range want {
		if got[k] != st {
			t.Errorf("%s: %s against the served reference, %s against the embedded one", k, got[k], st)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d results against the served reference, %d against the embedded one", len(got), len(want))
	}
}

// snapshot reads every collection of the entry point but the Jobs (every
// write makes one) and renders what it holds.
func snapshot(t *testing.T, endpoint string) string {
	t.Helper()
	get := func(url string) map[string]any { return getJSON(t, url, selftestUser, selftestPassword) }
	cep := get(endpoint)
	var parts []string
	for _, attr := range []string{"machines", "machineTemplates", "machineConfigs", "machineImages", "credentials",
		"credentialTemplates", "resourceMetadata"} {
		ref, _ := cep[attr].(map[string]any)
		href, _ := ref["href"].(string)
		coll := get(href)
		delete(coll, "updated")
		b, _ := json.Marshal(coll)
		parts = append(parts, attr+"="+string(b))
	}
	return strings.Join(parts, "\n")
}

func TestEveryFaultHasACase(t *testing.T) {
	for _, f := range reference.Faults() {
		_, ok := faultCases[f.Name]
		_, ok11 := faultCases11[f.Name]
		if !ok && !ok11 {
			t.Errorf("fault %s has no self-test case", f.Name)
		}
	}
	if len(faultCases) < 8 {
		t.Errorf("only %d fault switches", len(faultCases))
	}
}

// TestEveryCheckCanTurnRed holds the catalogue against the fault cases: a
// check that no fault turns red must say where its failing side is proven.
// The representation checks are proven by suites/model's tests on bad
// representations.
func TestEveryCheckCanTurnRed(t *testing.T) {
	red := map[*checks.Check]bool{}
	for _, cases := range []map[string]faultCase{faultCases, faultCases11} {
		for _, fc := range cases {
			for _, c := range fc.red {
				red[c] = true
			}
		}
	}
	for _, c := range checks.All() {
		_, listed := provenElsewhere[c]
		switch {
		case red[c] && listed:
			t.Errorf("%s is turned red by a fault; take it out of provenElsewhere", c.ID)
		case red[c] || listed || c.Untestable != "" || c.Area == "representation":
		default:
			t.Errorf("no fault turns %s red, and provenElsewhere does not say where it can fail", c.ID)
		}
	}
}

func TestEachFaultTurnsItsChecksRed(t *testing.T) {
	for _, version := range []string{"2.0", "1.1"} {
		cases := faultCases
		if version == "1.1" {
			cases = faultCases11
		}
		runFaults(t, version, cases)
	}
}

func runFaults(t *testing.T, version string, cases map[string]faultCase) {
	base := statuses(cleanRun(t, version))
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		fc := cases[name]
		switch {
		case fc.focus != "":
		case !reachesNetworks(fc):
			fc.focus = withoutNetworks
		case !expectsArea(fc, "systems"):
			fc.focus = "!systems && !ovf" // the System scenarios add nothing it expects
		}
		t.Run(version+"/"+name, func(t *testing.T) {
			t.Parallel()
			more := append([]string{"--reference-fault", name}, fc.args...)
			if fc.focus != "" {
				more = append(more, "--label-filter", fc.focus)
			}
			args := runArgs(version, more...)
			code, out, r := runBin(t, args...)
			want := 1
			if fc.warnOnly || len(fc.red) == 0 {
				want = 0
			}
			if code != want {
				t.Errorf("exit status %d, want %d\n%s", code, want, tail(out))
			}
			judgeFaultRun(t, fc, base, r)
		})
	}
}

func judgeFaultRun(t *testing.T, fc faultCase, base map[string]report.Status, r *report.Results) {
	t.Helper()
	isRed := map[string]bool{}
	for _, c := range fc.red {
		isRed[c.ID] = false
	}
	blocked, kin := map[string]bool{}, map[string]bool{}
	for _, c := range fc.kin {
		kin[c.ID] = true
	}
	for _, c := range fc.blocked {
		blocked[c.ID] = true
	}
	hidden := map[string]int{}
	for _, c := range fc.unsupported {
		hidden[c.ID] = 0
	}
	unseen := map[string]int{}
	for _, c := range fc.unobserved {
		unseen[c.ID] = 0
	}
	for _, c := range r.Checks {
		if _, ok := hidden[c.ID]; ok {
			if c.Status != report.NotSupported {
				t.Errorf("%s on %s %s [%s] is %s, want not-supported: %s", c.ID, c.Resource, c.Operation, c.Format, c.Status, c.Message)
			}
			hidden[c.ID]++
			continue
		}
		if _, ok := unseen[c.ID]; ok {
			if c.Status != report.NotTested || !strings.Contains(c.Message, "could not be observed") {
				t.Errorf("%s on %s %s [%s] is %s, want not tested because it could not be observed: %s", c.ID, c.Resource, c.Operation, c.Format, c.Status, c.Message)
			}
			unseen[c.ID]++
			continue
		}
		if fc.focus != "" && strings.HasPrefix(c.Message, "left out by --label-filter") {
			continue
		}
		if _, ok := isRed[c.ID]; ok {
			if c.Status == report.Fail || c.Status == report.Warn || c.Status == report.Error {
				isRed[c.ID] = true
			}
			continue
		}
		if (blocked[c.ID] || fc.cascade) && (c.Status == report.NotTested || c.Status == report.NotSupported || c.Status == report.Pass) {
			continue
		}
		if kin[c.ID] || missedWindow(c) {
			continue
		}
		want, known := base[c.Key()]
		if !known {
			want = report.Pass
		}
		if c.Status != want && !(c.Status == report.Pass && want == report.NotSupported) {
			t.Errorf("%s on %s %s [%s] is %s (clean run: %s): %s", c.ID, c.Resource, c.Operation, c.Format, c.Status, want, c.Message)
		}
	}
	for id, red := range isRed {
		if !red {
			t.Errorf("check %s did not turn red", id)
		}
	}
	for id, n := range hidden {
		if n == 0 {
			t.Errorf("check %s has no result", id)
		}
	}
	for id, n := range unseen {
		if n == 0 {
			t.Errorf("check %s has no result", id)
		}
	}
	if (len(r.Leaks) > 0) != fc.leaks {
		t.Errorf("leaks: %v", r.Leaks)
	}
	for _, l := range r.Leaks {
		if l.Reason == "" || l.Type == "" {
			t.Errorf("a resource left behind without its type or the reason: %+v", l)
		}
	}
}

func runList(t *testing.T, version string) (int, string, error) {
	t.Helper()
	cmd := exec.Command(bin, "list", "--cimi-version", version)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	return code, buf.String(), err
}

// listedIDs takes the IDs from `cimitest list` output.
func listedIDs(out string) []string {
	var ids []string
	for _, line := range strings.Split(out, "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 0 && strings.Contains(f[0], ".") {
			ids = append(ids, f[0])
		}
	}
	return ids
}
