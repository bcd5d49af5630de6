package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
)

// Safety on a real cloud (docs/design.md, "Safety"): the run writes only to
// what it made, sends nothing to another origin, stops cleanly on an
// interrupt or --timeout-run, survives hostile bodies, keeps secrets out of
// every report, and never calls a run that judged nothing a pass. Each test
// aims the binary at the reference behind a small hostile proxy.

const owner, ownerPassword = "alice", "Sup3r-S3cr3t-pw"

// world is a reference server, a user's resources made before the run (as
// another user of the same account would, with curl), and a recording
// proxy in front of it all.
type world struct {
	t      *testing.T
	refURL string // the reference server itself
	proxy  *httptest.Server
	// hook may answer a request itself (true) instead of passing it on.
	hook    atomic.Pointer[func(w http.ResponseWriter, r *http.Request) bool]
	mu      sync.Mutex
	writes  []string // "METHOD path" of every write that reached the proxy
	count   atomic.Int64
	victims []string // URIs of the resources made before the run
}

func newWorld(t *testing.T, opts reference.Options) *world {
	t.Helper()
	opts.Users = map[string]string{owner: ownerPassword}
	s, err := reference.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ref := httptest.NewServer(s)
	t.Cleanup(func() { ref.Close(); s.Close() })
	return proxied(t, ref.URL)
}

// newServedWorld is a world whose reference is a `cimitest serve` process.
func newServedWorld(t *testing.T, args ...string) *world {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	serve := exec.CommandContext(ctx, bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--quiet",
		"--user", owner + ":" + ownerPassword}, args...)...)
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = serve.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	i := strings.Index(line, "http://")
	if err != nil || i < 0 {
		t.Fatalf("reading the serve banner %q: %v", line, err)
	}
	return proxied(t, strings.TrimSuffix(strings.TrimSpace(line[i:]), reference.EntryPointPath))
}

// proxied puts the recording proxy in front of the reference at refURL.
func proxied(t *testing.T, refURL string) *world {
	w := &world{t: t, refURL: refURL}
	target, _ := url.Parse(refURL)
	pass := httputil.NewSingleHostReverseProxy(target)
	w.proxy = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.count.Add(1)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.mu.Lock()
			w.writes = append(w.writes, r.Method+" "+r.URL.Path)
			w.mu.Unlock()
		}
		if h := w.hook.Load(); h != nil && (*h)(rw, r) {
			return
		}
		pass.ServeHTTP(rw, r)
	}))
	t.Cleanup(w.proxy.Close)
	return w
}

func (w *world) endpoint() string { return w.proxy.URL + reference.EntryPointPath }

func (w *world) setHook(h func(rw http.ResponseWriter, r *http.Request) bool) { w.hook.Store(&h) }

// do sends one request straight to the reference, as the owner.
func (w *world) do(method, path, body string) (int, http.Header, []byte) {
	w.t.Helper()
	u := path
	if !strings.HasPrefix(u, "http") {
		u = w.refURL + path
	}
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	req.SetBasicAuth(owner, ownerPassword)
	req.Header.Set("Accept", "application/json")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// make creates a resource directly on the reference and returns its URI
// (the proxy's spelling of it, as the run sees it).
func (w *world) make(coll, body string) string {
	w.t.Helper()
	status, hdr, b := w.do("POST", "/cimi/"+coll, body)
	if status != 201 && status != 202 {
		w.t.Fatalf("making a %s: %d %s", coll, status, b)
	}
	loc := hdr.Get("Location")
	w.victims = append(w.victims, strings.Replace(loc, w.refURL, w.proxy.URL, 1))
	return loc
}

// others makes one resource of every kind the run touches, as another user
// of the same account would before the run.
func (w *world) others() {
	cfg := w.refURL + "/cimi/machineConfigs/small"
	img := w.refURL + "/cimi/machineImages/debian-12"
	w.make("machineConfigs", `{"name": "prod-config", "cpu": 2, "memory": 2097152, "disks": [{"capacity": 1048576, "format": "ext4"}]}`)
	w.make("machineImages", `{"name": "prod-image", "type": "IMAGE", "imageLocation": "http://images.example.com/prod.qcow2"}`)
	tmpl := w.make("machineTemplates", `{"name": "prod-template", "machineConfig": {"href": "`+cfg+`"}, "machineImage": {"href": "`+img+`"}}`)
	ct := w.make("credentialTemplates", `{"name": "prod-credential-template", "userName": "ops", "password": "ops-pw"}`)
	w.make("credentials", `{"name": "prod-credential", "credentialTemplate": {"href": "`+ct+`"}}`)
	w.make("machines", `{"name": "prod-db", "machineTemplate": {"href": "`+tmpl+`", "initialState": "STARTED"}}`)
	w.make("machines", `{"name": "prod-web", "machineTemplate": {"machineConfig": {"href": "`+cfg+`"}, "machineImage": {"href": "`+img+`"}}}`)
	time.Sleep(300 * time.Millisecond) // let asynchronous creates finish
}

// snapshot renders every resource made before the run, in both
// serializations, byte for byte.
func (w *world) snapshot() string {
	w.t.Helper()
	var b strings.Builder
	for _, v := range w.victims {
		for _, accept := range []string{"application/json", "application/xml"} {
			req, _ := http.NewRequest("GET", strings.Replace(v, w.proxy.URL, w.refURL, 1), nil)
			req.SetBasicAuth(owner, ownerPassword)
			req.Header.Set("Accept", accept)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				w.t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Fprintf(&b, "%s %s %d\n%s\n", v, accept, resp.StatusCode, body)
		}
	}
	return b.String()
}

// writesTo lists the writes that reached a resource made before the run, or
// one of its operations.
func (w *world) writesTo() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, wr := range w.writes {
		path := wr[strings.IndexByte(wr, ' ')+1:]
		for _, v := range w.victims {
			vp := strings.TrimPrefix(v, w.proxy.URL)
			if path == vp || strings.HasPrefix(path, vp+"/") {
				out = append(out, wr)
			}
		}
	}
	return out
}

// remaining lists the resources named with the run's prefix that are still
// on the reference, by URI (the proxy's spelling).
func (w *world) remaining(runID string) []string {
	w.t.Helper()
	var out []string
	for _, coll := range []string{"machines", "machineTemplates", "machineConfigs", "machineImages", "credentials", "credentialTemplates"} {
		_, _, b := w.do("GET", "/cimi/"+coll, "")
		var c map[string]any
		if err := json.Unmarshal(b, &c); err != nil {
			w.t.Fatalf("reading %s: %v", coll, err)
		}
		for _, v := range c {
			items, ok := v.([]any)
			if !ok {
				continue
			}
			for _, it := range items {
				m, _ := it.(map[string]any)
				name, _ := m["name"].(string)
				id, _ := m["id"].(string)
				if strings.HasPrefix(name, "cimitest-"+runID) {
					out = append(out, strings.Replace(id, w.refURL, w.proxy.URL, 1))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// leftBehind lists the URIs the results say the run left.
func leftBehind(r *report.Results) []string {
	var out []string
	for _, l := range r.Leaks {
		out = append(out, l.URI)
	}
	sort.Strings(out)
	return out
}

// safetyArgs are the arguments of a run against a world: fast waits, the
// owner's credentials.
func (w *world) args(more ...string) []string {
	return append([]string{"--endpoint", w.endpoint(), "--user", owner, "--password", ownerPassword,
		"--timeout-job", "3s", "--timeout-state", "3s", "--timeout-cleanup", "20s"}, more...)
}

// Point 1 and the closing criterion: a full run against an endpoint that
// already holds another user's resources leaves every one of them byte for
// byte as it was, and nothing of its own; a create answered 303 with the
// Location of one of them does not make it the run's.
func TestTheRunTouchesOnlyWhatItMade(t *testing.T) {
	t.Parallel()
	w := newServedWorld(t, "--latency", "20ms")
	w.others()
	victim := w.victims[len(w.victims)-1] // a Machine
	var answered atomic.Int32
	w.setHook(func(rw http.ResponseWriter, r *http.Request) bool {
		// The first Machine create is answered 303, pointing at the victim.
		if r.Method == "POST" && r.URL.Path == "/cimi/machines" && answered.Add(1) == 1 {
			rw.Header().Set("Location", victim)
			rw.WriteHeader(http.StatusSeeOther)
			return true
		}
		return false
	})
	before := w.snapshot()
	code, out, r := runBin(t, w.args()...)
	if r == nil {
		t.Fatalf("no results (exit %d)\n%s", code, tail(out))
	}
	if got := w.writesTo(); len(got) > 0 {
		t.Errorf("the run wrote to resources it did not make: %v", got)
	}
	if after := w.snapshot(); after != before {
		t.Errorf("resources the run did not make changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if left := w.remaining(r.Run.ID); len(left) > 0 || len(r.Leaks) > 0 {
		t.Errorf("the run left %v (reported: %v)", left, r.Leaks)
	}
	failed303 := false
	for _, c := range r.Checks {
		failed303 = failed303 || (c.Status == report.Fail && strings.Contains(c.Actual, "answered 303"))
	}
	if code != 1 || !failed303 {
		t.Errorf("exit %d; the create answered 303 must fail a check", code)
	}
}

// Point 1, through a Job: creates answered without Location whose Jobs list
// another user's Machine among the affected resources. The run takes only
// the resource with the name it gave.
func TestAJobsAffectedResourcesAreNotTakenForTheRuns(t *testing.T) {
	t.Parallel()
	w := newWorld(t, reference.Options{Latency: 20 * time.Millisecond})
	w.others()
	victim := w.victims[len(w.victims)-1]
	var pending sync.Map // Job paths of creates
	w.setHook(func(rw http.ResponseWriter, r *http.Request) bool {
		rec := httptest.NewRecorder()
		target, _ := url.Parse(w.refURL)
		httputil.NewSingleHostReverseProxy(target).ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if r.Method == "POST" && r.URL.Path == "/cimi/machines" {
			rec.Header().Del("Location")
			if job := rec.Header().Get("CIMI-Job-URI"); job != "" {
				u, _ := url.Parse(job)
				pending.Store(u.Path, true)
			}
		}
		if _, isCreateJob := pending.Load(r.URL.Path); isCreateJob && r.Method == "GET" {
			body = bytes.Replace(body, []byte(`"affectedResources":[`), []byte(`"affectedResources":[{"href":"`+victim+`"},`), 1)
		}
		for k, v := range rec.Header() {
			rw.Header()[k] = v
		}
		rw.Header().Set("Content-Length", fmt.Sprint(len(body)))
		rw.WriteHeader(rec.Code)
		_, _ = rw.Write(body)
		return true
	})
	before := w.snapshot()
	code, out, r := runBin(t, w.args("--format", "json", "--label-filter", "machines")...)
	if r == nil {
		t.Fatalf("no results (exit %d)\n%s", code, tail(out))
	}
	if got := w.writesTo(); len(got) > 0 {
		t.Errorf("the run wrote to resources it did not make: %v", got)
	}
	if after := w.snapshot(); after != before {
		t.Errorf("resources the run did not make changed")
	}
	if left := w.remaining(r.Run.ID); len(left) > 0 {
		t.Errorf("the run left %v (reported: %v)", left, r.Leaks)
	}
	if st := statuses(r)["machine.start|Machine|action:start|json"]; st != report.Pass {
		t.Errorf("machine.start is %s: the run lost its own Machine", st)
	}
}

// Point 2: credentials and requests go only to the endpoint's origin.
func TestNothingGoesToAnotherOrigin(t *testing.T) {
	t.Parallel()
	var evilHits, evilAuth atomic.Int32
	evil := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		evilHits.Add(1)
		if r.Header.Get("Authorization") != "" {
			evilAuth.Add(1)
		}
		rw.WriteHeader(http.StatusNotFound)
	}))
	defer evil.Close()
	rewrite := func(w *world, only string) {
		w.setHook(func(rw http.ResponseWriter, r *http.Request) bool {
			if r.URL.Path != reference.EntryPointPath {
				return false
			}
			rec := httptest.NewRecorder()
			target, _ := url.Parse(w.refURL)
			httputil.NewSingleHostReverseProxy(target).ServeHTTP(rec, r)
			body := rec.Body.String()
			if only == "" {
				body = strings.ReplaceAll(body, w.proxy.URL+"/cimi/", evil.URL+"/cimi/")
			} else {
				body = strings.ReplaceAll(body, w.proxy.URL+"/cimi/"+only, evil.URL+"/cimi/"+only)
			}
			for k, v := range rec.Header() {
				rw.Header()[k] = v
			}
			rw.Header().Set("Content-Length", fmt.Sprint(len(body)))
			rw.WriteHeader(rec.Code)
			_, _ = io.WriteString(rw, body)
			return true
		})
	}

	// Everything elsewhere: the run cannot happen, and says how to allow it.
	w := newWorld(t, reference.Options{})
	rewrite(w, "")
	code, out, r := runBin(t, w.args()...)
	if code != 2 || !strings.Contains(out, "--allow-origin "+strings.Replace(evil.URL, "http://", "http://", 1)) {
		t.Errorf("exit %d, want 2 naming --allow-origin\n%s", code, tail(out))
	}
	if r == nil || r.Run.Outcome != report.OutcomeNotRun {
		t.Errorf("a run that could not happen wrote no results saying so: %+v", r)
	}

	// One collection elsewhere: the run goes on without it, and says so.
	w2 := newWorld(t, reference.Options{})
	rewrite(w2, "machineImages")
	_, out, r = runBin(t, w2.args("--label-filter", "entrypoint || crawl || images")...)
	if r == nil {
		t.Fatalf("no results\n%s", tail(out))
	}
	noted := false
	for _, n := range r.Notes {
		noted = noted || (strings.Contains(n, "were not sent") && strings.Contains(n, strings.TrimPrefix(evil.URL, "http://")))
	}
	if !noted {
		t.Errorf("no note names the other origin: %v", r.Notes)
	}
	if n := evilHits.Load(); n != 0 {
		t.Errorf("the other origin received %d requests", n)
	}

	// --allow-origin lets it, credentials included.
	w3 := newWorld(t, reference.Options{})
	rewrite(w3, "machineImages")
	runBin(t, w3.args("--label-filter", "entrypoint", "--allow-origin", evil.URL)...)
	if evilHits.Load() == 0 || evilAuth.Load() == 0 {
		t.Errorf("with --allow-origin the other origin received %d requests, %d with credentials", evilHits.Load(), evilAuth.Load())
	}
}

// runAsync starts the binary and returns it with its output directory and
// a reader of its stdout.
func runAsync(t *testing.T, args ...string) (*exec.Cmd, string, *bufio.Reader) {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command(bin, append(append([]string{"run"}, args...), "--out", out)...)
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return cmd, out, bufio.NewReader(pipe)
}

// finish reads the rest of the output and waits, within 4 minutes.
func finish(t *testing.T, cmd *exec.Cmd, out string, stdout *bufio.Reader, sofar string) (int, string, *report.Results) {
	t.Helper()
	rest, _ := io.ReadAll(stdout)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(4 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("the run did not end within 4 minutes\n%s", tail(sofar+string(rest)))
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	r, rerr := report.ReadJSON(filepath.Join(out, report.JSONFile))
	if rerr != nil {
		t.Fatalf("exit %d without results: %v\n%s", code, rerr, tail(sofar+string(rest)))
	}
	for _, f := range []string{report.JUnitFile, report.HTMLFile} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("no %s after the interrupt", f)
		}
	}
	return code, sofar + string(rest), r
}

// Point 3 and the closing criterion: interrupted at any moment, the run
// stops, cleans up, and what remains is exactly what the reports list.
func TestInterruptedAtAnyMoment(t *testing.T) {
	for _, tc := range []struct {
		name    string
		at      int64 // the request at which the first interrupt comes
		twice   bool  // a second interrupt when the cleanup starts
		vary    string
		wantOut report.Outcome
	}{
		{name: "during discovery", at: 3, wantOut: report.OutcomeInterrupted},
		{name: "early", at: 60, wantOut: report.OutcomeInterrupted},
		{name: "in the Machine lifecycle", at: 400, wantOut: report.OutcomeInterrupted},
		{name: "late", at: 1200, wantOut: report.OutcomeInterrupted},
		{name: "with Machines running that offer delete only when stopped", at: 500, vary: reference.VariationDeleteWhenStopped, wantOut: report.OutcomeInterrupted},
		{name: "and again during the cleanup", at: 700, twice: true, wantOut: report.OutcomeInterrupted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := reference.Options{Latency: 20 * time.Millisecond}
			if tc.vary != "" {
				opts.Variations = []string{tc.vary}
			}
			w := newWorld(t, opts)
			var proc atomic.Pointer[os.Process]
			var interrupted atomic.Bool
			w.setHook(func(_ http.ResponseWriter, r *http.Request) bool {
				if w.count.Load() == tc.at {
					if p := proc.Load(); p != nil {
						interrupted.Store(true)
						_ = p.Signal(syscall.SIGINT)
					}
				}
				if tc.twice && interrupted.Load() && r.Method == http.MethodDelete {
					time.Sleep(300 * time.Millisecond) // a cleanup slow enough to be cut short
				}
				return false
			})
			cmd, out, stdout := runAsync(t, w.args()...)
			proc.Store(cmd.Process)
			var sofar strings.Builder
			for {
				line, err := stdout.ReadString('\n')
				sofar.WriteString(line)
				if tc.twice && strings.Contains(line, "removing the") {
					time.Sleep(30 * time.Millisecond)
					_ = cmd.Process.Signal(syscall.SIGINT)
					break
				}
				if err != nil || (!tc.twice && strings.Contains(line, "interrupted by a signal")) {
					break
				}
			}
			code, text, r := finish(t, cmd, out, stdout, sofar.String())
			if code != exitInterrupted || r.Run.Outcome != tc.wantOut {
				t.Errorf("exit %d, outcome %s; want %d, %s\n%s", code, r.Run.Outcome, exitInterrupted, tc.wantOut, tail(text))
			}
			// What remains is what the reports list; a resource whose DELETE
			// was accepted as the cleanup stopped is listed, and may go by
			// itself meanwhile, and so may one the stopped cleanup could not
			// read (the endpoint may have removed it with another).
			left, reported := w.remaining(r.Run.ID), leftBehind(r)
			listed := map[string]report.Leak{}
			for _, l := range r.Leaks {
				listed[l.URI] = l
			}
			for _, uri := range left {
				if _, ok := listed[uri]; !ok {
					t.Errorf("%s is left on the endpoint and not listed in the reports", uri)
				}
				delete(listed, uri)
			}
			for uri, l := range listed {
				if !l.Deleting && !l.Unverified {
					t.Errorf("%s is listed as left behind but is gone: %+v", uri, l)
				}
			}
			t.Logf("left %d, listed %d", len(left), len(reported))
			if !tc.twice && len(left) > 0 {
				t.Errorf("a cleanup that was not stopped left %v: %+v", left, r.Leaks)
			}
			if tc.twice && (len(r.Leaks) == 0 || !strings.Contains(text, "stopping the cleanup")) {
				t.Errorf("the second interrupt did not stop the cleanup (%d left)\n%s", len(r.Leaks), tail(text))
			}
			if !strings.Contains(text, "STOPPED") {
				t.Errorf("the summary line does not say the run stopped\n%s", tail(text))
			}
		})
	}
}

// Point 8: --timeout-run stops a slow run, which cleans up and says so.
func TestTimeoutRunStopsASlowEndpoint(t *testing.T) {
	t.Parallel()
	w := newWorld(t, reference.Options{})
	w.setHook(func(http.ResponseWriter, *http.Request) bool {
		time.Sleep(150 * time.Millisecond)
		return false
	})
	code, out, r := runBin(t, w.args("--timeout-run", "6s")...)
	if code != exitInterrupted || r == nil || r.Run.Outcome != report.OutcomeTimedOut || !strings.Contains(out, "--timeout-run") {
		t.Fatalf("exit %d, want %d with --timeout-run named\n%s", code, exitInterrupted, tail(out))
	}
	if left := w.remaining(r.Run.ID); len(left) > 0 || len(r.Leaks) > 0 {
		t.Errorf("left %v, reported %v", left, r.Leaks)
	}
	notJudged := 0
	for _, c := range r.Checks {
		if c.Status == report.NotTested && strings.Contains(c.Message, "--timeout-run") {
			notJudged++
		}
	}
	if notJudged == 0 {
		t.Error("no result says it was not judged because of --timeout-run")
	}

	// A request that takes longer than its own limit names that limit.
	slow := newWorld(t, reference.Options{})
	slow.setHook(func(http.ResponseWriter, *http.Request) bool { time.Sleep(3 * time.Second); return false })
	code, out, _ = runBin(t, slow.args("--timeout-request", "1s")...)
	if code != 2 || !strings.Contains(out, "--timeout-request") {
		t.Errorf("exit %d; want 2 naming --timeout-request\n%s", code, tail(out))
	}
}

// Point 4: hostile bodies are refused with a sentence naming the limit, and
// the reports are still written.
func TestHostileBodies(t *testing.T) {
	t.Parallel()
	serve := func(h http.HandlerFunc) string {
		s := httptest.NewServer(h)
		t.Cleanup(s.Close)
		return s.URL + "/cep"
	}
	deep := func(n int) http.HandlerFunc {
		return func(rw http.ResponseWriter, _ *http.Request) {
			rw.Header().Set("Content-Type", "application/json")
			_, _ = rw.Write(bytes.Repeat([]byte("["), n))
			_, _ = rw.Write(bytes.Repeat([]byte("]"), n))
		}
	}
	huge := func(withLength bool) http.HandlerFunc {
		return func(rw http.ResponseWriter, _ *http.Request) {
			rw.Header().Set("Content-Type", "application/json")
			const size = 200 << 20
			if withLength {
				rw.Header().Set("Content-Length", fmt.Sprint(size))
			}
			chunk := bytes.Repeat([]byte(" "), 1<<20)
			for i := 0; i < size>>20; i++ {
				if _, err := rw.Write(chunk); err != nil {
					return
				}
			}
		}
	}
	for _, tc := range []struct {
		name, endpoint, want string
	}{
		{"50,000 nested arrays", serve(deep(50_000)), "--max-depth"},
		{"10 million nested arrays", serve(deep(10_000_000)), "--max-depth"},
		{"200 MB with its length", serve(huge(true)), "--max-body"},
		{"200 MB chunked", serve(huge(false)), "--max-body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, out, r := runBin(t, "--endpoint", tc.endpoint)
			if code != 2 || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, want 2 with a sentence naming %s\n%s", code, tc.want, tail(out))
			}
			if r == nil || r.Run.Outcome != report.OutcomeNotRun {
				t.Errorf("no results saying why")
			}
			t.Logf("refused in %s", time.Since(start).Round(time.Millisecond))
		})
	}
}

// Point 5: a password in the endpoint URL is taken as the credentials and
// never written anywhere.
func TestCredentialsInTheEndpointURL(t *testing.T) {
	t.Parallel()
	w := newWorld(t, reference.Options{})
	u, _ := url.Parse(w.endpoint())
	u.User = url.UserPassword(owner, ownerPassword)
	out := t.TempDir()
	cmd := exec.Command(bin, "run", "--endpoint", u.String(), "--out", out, "--label-filter", "entrypoint || credentials")
	stdout, err := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 0 {
		t.Fatalf("exit %d (%v)\n%s", cmd.ProcessState.ExitCode(), err, tail(string(stdout)))
	}
	everything := string(stdout)
	files, _ := os.ReadDir(out)
	for _, f := range files {
		b, _ := os.ReadFile(filepath.Join(out, f.Name()))
		everything += string(b)
	}
	r, _ := report.ReadJSON(filepath.Join(out, report.JSONFile))
	for _, secret := range []string{ownerPassword, r.Run.ID + "-secret"} {
		if strings.Contains(everything, secret) {
			t.Errorf("%q appears in the output or the reports", secret)
		}
	}
	if strings.Contains(r.Run.Endpoint, "@") {
		t.Errorf("the endpoint is recorded with its userinfo: %s", r.Run.Endpoint)
	}
	code := run([]string{"run", "--endpoint", u.String(), "--user", "bob", "--out", t.TempDir()}, io.Discard, io.Discard)
	if code != 2 {
		t.Errorf("credentials in the URL and a different --user: exit %d, want 2", code)
	}
}

// Point 6: selecting one step runs what it builds on; a run that judges
// nothing, or not what was asked for by name, is not a pass.
func TestAVacuousRunIsNotAPass(t *testing.T) {
	t.Parallel()
	code, out, r := runBin(t, runArgs("2.0", "--label-filter", "machine.restart")...)
	if code != 0 || r.Run.Selected >= r.Run.Steps {
		t.Errorf("exit %d, %d of %d steps selected\n%s", code, r.Run.Selected, r.Run.Steps, tail(out))
	}
	st := statuses(r)
	for _, k := range []string{"machine.restart|Machine|action:restart|json", "machine.restart|Machine|action:restart|xml",
		"machine.create|Machine|create|json"} {
		if st[k] != report.Pass {
			t.Errorf("%s is %s", k, st[k])
		}
	}

	code, out, r = runBin(t, runArgs("2.0", "--label-filter", "no-such-label")...)
	if code != 1 || r.Summary.Passed || !strings.Contains(out, "no check was judged") {
		t.Errorf("a run that judged nothing: exit %d\n%s", code, tail(out))
	}

	code, out, _ = runBin(t, runArgs("2.0", "--label-filter", "machine.restart", "--format", "xml",
		"--reference-fault", reference.FaultXMLMachineCreateRefused)...)
	if code != 1 || !strings.Contains(out, "asked for by name") || !strings.Contains(out, "machine.restart") {
		t.Errorf("a run that could not judge what was asked: exit %d\n%s", code, tail(out))
	}
}

// Point 9: the cleanup stops what offers delete only when stopped, and
// says for each resource it leaves what kept it.
func TestCleanupBringsResourcesToDeletion(t *testing.T) {
	t.Parallel()
	code, out, r := runBin(t, runArgs("2.0", "--reference-variation", reference.VariationDeleteWhenStopped)...)
	requireClean(t, code, out, r)
	code, out, r = runBin(t, runArgs("2.0", "--reference-fault", reference.FaultTemplateDeleteIgnored, "--label-filter", "templates")...)
	if code != 1 || r == nil || len(r.Leaks) == 0 {
		t.Fatalf("exit %d, leaks %v\n%s", code, r.Leaks, tail(out))
	}
	for _, l := range r.Leaks {
		if !regexp.MustCompile(`DELETE|delete|--timeout-cleanup`).MatchString(l.Reason) || l.Name == "" {
			t.Errorf("a resource left without what kept it: %+v", l)
		}
	}
	if !strings.Contains(out, "left behind") {
		t.Errorf("the summary line does not say what was left\n%s", tail(out))
	}
}

var _ = context.Background
