package suites

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
)

// Scenarios side by side (--parallel N). Ginkgo runs its global suite once
// per process, one spec at a time, so a run with N workers starts N child
// processes of the same program. The parent discovers the endpoint once
// and hands the exchanges of that discovery down (replay.go): every worker
// judges the same claims without asking again. Each worker runs the whole
// tree in the same order, and runs a unit (one top-level scenario in one
// serialization) only if it is the first to claim it; the others skip it.
// A worker that finishes a unit claims the next free one, so the long
// scenarios do not hold the short ones back. Each worker writes down its
// results, the exchanges they cite, its transcript and its ledger; the
// parent merges them (results in the order of the units, exchanges
// renumbered in the order they ended) and cleans up once for the whole run.

// WorkerEnv names the environment variable that makes a process a worker:
// "INDEX:DIR", DIR holding the parent's hand-over.
const WorkerEnv = "CIMITEST_WORKER"

// Worker is a worker process's place in its run.
type Worker struct {
	Index int
	Dir   string
}

// WorkerFromEnv reads WorkerEnv (nil when the process is no worker).
func WorkerFromEnv() (*Worker, error) {
	v := os.Getenv(WorkerEnv)
	if v == "" {
		return nil, nil
	}
	i, dir, ok := strings.Cut(v, ":")
	n, err := strconv.Atoi(i)
	if !ok || err != nil || n < 1 || dir == "" {
		return nil, fmt.Errorf("%s=%q is not INDEX:DIR", WorkerEnv, v)
	}
	return &Worker{Index: n, Dir: dir}, nil
}

func (w *Worker) env() string { return fmt.Sprintf("%s=%d:%s", WorkerEnv, w.Index, w.Dir) }

func (w *Worker) path(name string) string {
	return filepath.Join(w.Dir, fmt.Sprintf("worker-%d.%s", w.Index, name))
}

// handoff is what the parent hands every worker.
type handoff struct {
	RunID     string          `json:"runID"`
	Endpoint  string          `json:"endpoint"`
	Discovery []recordedReply `json:"discovery"`
}

// stoppedFile, which the parent writes once the run has stopped, says why:
// its --timeout-run reaches the workers as an interrupt.
const stoppedFile = "stopped"

const handoffFile = "handoff.json"

// HandoffEndpoint gives the endpoint the parent aims at (the embedded
// reference server's, when the worker was given none).
func HandoffEndpoint(w *Worker) (string, error) {
	h, err := readHandoff(w.Dir)
	if err != nil {
		return "", err
	}
	return h.Endpoint, nil
}

func readHandoff(dir string) (*handoff, error) {
	data, err := os.ReadFile(filepath.Join(dir, handoffFile))
	if err != nil {
		return nil, fmt.Errorf("reading the parent's hand-over: %w", err)
	}
	var h handoff
	if err := json.Unmarshal(data, &h); err != nil {
		return nil, fmt.Errorf("reading the parent's hand-over: %w", err)
	}
	return &h, nil
}

// part is what a worker hands back.
type part struct {
	Results      []recorded          `json:"results"`
	Exchanges    []report.Exchange   `json:"exchanges,omitempty"` // those the results cite
	Count        int                 `json:"count"`               // exchanges made
	Ledger       ledgerState         `json:"ledger"`
	Leaks        []report.Leak       `json:"leaks,omitempty"`
	Notes        []string            `json:"notes,omitempty"`
	Errors       []string            `json:"errors,omitempty"`
	Inapplicable map[string][]string `json:"inapplicable,omitempty"`
}

// Units. A unit is a top-level scenario in one serialization: what one
// worker runs from start to end.

// unitKey names the unit of a spec from its containers.
func unitKey(containers []string) string {
	if len(containers) == 0 {
		return ""
	}
	if len(containers) > 1 && (containers[1] == "json" || containers[1] == "xml") {
		return containers[0] + " · " + containers[1]
	}
	return containers[0]
}

// unitOf gives the place of a spec's unit in declaration order.
func (e *runEnv) unitOf(containers []string) int {
	return e.units[unitKey(containers)]
}

// setUnits numbers the units in the order the previewed specs were
// declared, and notes the quiet ones.
func (e *runEnv) setUnits(specs []previewed) {
	e.units, e.quietUnits = map[string]int{}, map[string]bool{}
	for _, s := range specs {
		if _, ok := e.units[s.unit]; !ok {
			e.units[s.unit] = len(e.units)
		}
		if slices.Contains(s.labels, labelQuiet) {
			e.quietUnits[s.unit] = true
		}
	}
}

// otherWorker is the reason a worker skips a unit another one runs.
const otherWorker = "cimitest: another worker runs this scenario"

// claims is a worker's share of the units: each unit is claimed by
// creating a file no other worker has created.
type claims struct {
	w    *Worker
	mu   sync.Mutex
	mine map[string]bool // unit → claimed by this worker (false: by another)
	// quiet are the quiet units, which only the parent claims, once the
	// workers have claimed every other unit.
	quiet       map[string]bool
	quietWorker bool
}

// claim reports whether this worker runs unit, claiming it if it is free.
func (c *claims) claim(unit string) (mine, fresh bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.mine[unit]; ok {
		return m, false
	}
	if c.quiet[unit] && !c.quietWorker {
		return false, false
	}
	name := filepath.Join(c.w.Dir, "unit-"+safeName(unit)+".claim")
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err == nil {
		_ = f.Close()
	}
	c.mine[unit] = err == nil
	return err == nil, err == nil
}

// safeName makes a unit's name a file name.
func safeName(s string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(s))
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, s) + "-" + strconv.FormatUint(uint64(h.Sum32()), 16)
}

// runsHere reports whether this process runs the spec (always, but in a
// worker that did not claim its unit). A worker tells its parent which
// scenario it starts.
func (e *runEnv) runsHere(containers []string) bool {
	unit := unitKey(containers)
	if e.share == nil {
		if e.lastUnit != unit {
			e.lastUnit = unit
			e.con.tell(event{Kind: kindUnit, Text: unit})
		}
		return true
	}
	mine, fresh := e.share.claim(unit)
	if fresh {
		e.con.tell(event{Kind: kindUnit, Text: unit})
	}
	return mine
}

// Work runs the share of a run that falls to a worker process and writes it
// down for the parent (cfg.Worker says where). Its console is the parent's.
func Work(ctx context.Context, cfg Config) error {
	w := cfg.Worker
	if w == nil {
		return errors.New("not a worker")
	}
	h, err := readHandoff(w.Dir)
	if err != nil {
		return err
	}
	transcript, err := os.OpenFile(w.path("jsonl"), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer transcript.Close()
	e, err := newWorkerRun(ctx, cfg, h, transcript)
	if err != nil {
		return err
	}
	defer e.ctl.release()
	defer e.closePackageHost()
	if err := claimProcess(); err != nil {
		return err
	}
	e.declare(nil)
	if e.plan, err = e.makePlan(); err != nil {
		return err
	}
	if err := e.joinParent(w); err != nil {
		return err
	}
	e.runSpecs()
	e.markSkipped()
	leaks := e.settleWrites()
	return e.writePart(w, leaks)
}

// newWorkerRun makes a worker's run: the parent's run ID, its discovery
// replayed, its console the parent's.
func newWorkerRun(ctx context.Context, cfg Config, h *handoff, transcript io.Writer) (*runEnv, error) {
	events, err := newEventPipe()
	if err != nil {
		return nil, err
	}
	cfg.Log, cfg.Transcript, cfg.Parallel, cfg.StartWorker = nil, transcript, 0, nil
	e, err := newRun(ctx, cfg)
	if err != nil {
		return nil, err
	}
	e.console.close()
	e.con, e.ctl.out, e.console = events, events, nil
	e.runID, e.prefix = h.RunID, "cimitest-"+h.RunID
	if err := e.discoverReplayed(h.Discovery); err != nil {
		e.ctl.release()
		return nil, err
	}
	e.keepProfile()
	return e, nil
}

// joinParent makes the worker claim its units from the parent's directory,
// tell the others what it owns, learn why the parent stops it, and stop
// when the parent ends.
func (e *runEnv) joinParent(w *Worker) error {
	e.share = &claims{w: w, mine: map[string]bool{}, quiet: e.quietUnits}
	e.workDir = w.Dir
	if err := e.tellOwned(w); err != nil {
		return err
	}
	stopped := filepath.Join(w.Dir, stoppedFile)
	e.ctl.causeOf = func() error {
		why, _ := os.ReadFile(stopped)
		return causeNamed(string(why))
	}
	go e.watchParent()
	return nil
}

// tellOwned writes down, as the worker comes to own them, the resources it
// made, so that another worker can tell the run's own resources from
// others' (runOwns).
func (e *runEnv) tellOwned(w *Worker) error {
	f, err := os.OpenFile(w.path("owned"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	var mu sync.Mutex
	e.ledger.onOwn = func(o ownedState) {
		line, _ := json.Marshal(o)
		mu.Lock()
		defer mu.Unlock()
		_, _ = f.Write(append(line, '\n'))
	}
	return nil
}

// runOwns reports whether the run made the resource of type typ at uri,
// named name: this process, or another worker of the run; a create that
// named no resource is known by the name and type it gave.
func (e *runEnv) runOwns(uri, typ, name string) bool {
	if e.ledger.get(uri) != nil || (name != "" && e.ledger.madeUnnamed(name, typ)) {
		return true
	}
	if e.workDir == "" {
		return false
	}
	files, _ := filepath.Glob(filepath.Join(e.workDir, "worker-*.owned"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			var o ownedState
			if json.Unmarshal(line, &o) == nil && (o.URI == uri || (o.URI == "" && name != "" && o.Name == name && o.Type == typ)) {
				return true
			}
		}
	}
	return false
}

// watchParent stops the worker when its parent ends: the parent holds the
// other end of the worker's standard input, which then reads as ended.
func (e *runEnv) watchParent() {
	_, _ = io.Copy(io.Discard, os.Stdin)
	for range 3 {
		e.ctl.interrupt("the run this worker belongs to ended")
	}
}

// writePart writes down what the worker found.
func (e *runEnv) writePart(w *Worker, leaks []report.Leak) error {
	p := part{Results: e.rec.all(), Exchanges: e.client.Pinned(), Count: e.client.Count(), Ledger: e.ledger.state(),
		Leaks: leaks, Notes: e.notes, Errors: e.errors, Inapplicable: map[string][]string{}}
	e.mu.Lock()
	for c, why := range e.inapplicable {
		p.Inapplicable[c.ID] = why
	}
	e.mu.Unlock()
	if e.suiteReport != nil && !e.stopped() {
		for _, reason := range e.suiteReport.SpecialSuiteFailureReasons {
			p.Errors = append(p.Errors, "run: "+reason)
		}
	}
	data, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return os.WriteFile(w.path("json"), data, 0o600)
}

// eventPipe sends a worker's events to its parent, one JSON line each,
// on the file the parent handed it as descriptor 3.
type eventPipe struct {
	mu  sync.Mutex
	enc *json.Encoder
}

func newEventPipe() (*eventPipe, error) {
	f := os.NewFile(3, "events")
	if f == nil {
		return nil, errors.New("a worker needs its parent's event pipe as descriptor 3")
	}
	return &eventPipe{enc: json.NewEncoder(f)}, nil
}

func (p *eventPipe) tell(ev event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.enc.Encode(ev)
}

// runWorkers runs the planned steps in cfg.Parallel worker processes and
// merges what they found into this run.
func (e *runEnv) runWorkers() {
	dir, err := os.MkdirTemp("", "cimitest-run-")
	if err != nil {
		e.errors = append(e.errors, "cannot make the workers' directory: "+err.Error())
		return
	}
	defer os.RemoveAll(dir)
	e.workDir = dir
	h := handoff{RunID: e.runID, Endpoint: e.cfg.Endpoint, Discovery: e.discovery.recorded()}
	data, err := json.Marshal(h)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, handoffFile), data, 0o600)
	}
	if err != nil {
		e.errors = append(e.errors, "cannot hand the run to its workers: "+err.Error())
		return
	}
	// More workers than units would only wait.
	ws := make([]*Worker, min(e.cfg.Parallel, max(1, len(e.units)-len(e.quietUnits))))
	e.workers = len(ws)
	for i := range ws {
		ws[i] = &Worker{Index: i + 1, Dir: dir}
	}
	e.startAndWait(ws)
	e.mergeParts(ws)
	// The quiet units run here, alone, once the workers are done; the
	// workers claimed every other unit, to run it or to tell it was not run.
	e.share = &claims{w: &Worker{Index: 0, Dir: dir}, mine: map[string]bool{}, quiet: e.quietUnits, quietWorker: true}
	e.runSpecs()
}

// writeStopCause tells the workers why the run stopped, once it has.
func (e *runEnv) writeStopCause() {
	if stopped, cause := e.ctl.stopped(); stopped {
		_ = os.WriteFile(filepath.Join(e.workDir, stoppedFile), []byte(stopCauseName(cause)), 0o600)
	}
}

// startAndWait starts the workers, shows their events, passes each
// interrupt on to them and waits for them to end.
func (e *runEnv) startAndWait(ws []*Worker) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var running []*exec.Cmd
	for _, w := range ws {
		cmd, events, err := e.startWorker(w)
		if err != nil {
			e.errors = append(e.errors, fmt.Sprintf("worker %d did not start: %v", w.Index, err))
			continue
		}
		mu.Lock()
		running = append(running, cmd)
		mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.relay(w.Index, events)
			if err := cmd.Wait(); err != nil {
				e.workerFailed(w, err, cmd.Stderr.(*tail))
			}
		}()
	}
	stopForwarding := e.ctl.onInterrupt(func() {
		e.writeStopCause()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range running {
			interruptWorker(c)
		}
	})
	defer stopForwarding()
	wg.Wait()
}

// startWorker starts one worker with its event pipe.
func (e *runEnv) startWorker(w *Worker) (*exec.Cmd, io.ReadCloser, error) {
	cmd := e.cfg.StartWorker()
	cmd.Env = append(os.Environ(), w.env())
	r, wr, err := os.Pipe()
	if err != nil {
		return nil, nil, err
	}
	cmd.ExtraFiles = []*os.File{wr}
	cmd.Stdout, cmd.Stderr = io.Discard, &tail{}
	// The worker reads its standard input to its end, which comes when
	// this process ends, however it ends.
	if _, err := cmd.StdinPipe(); err != nil {
		r.Close()
		wr.Close()
		return nil, nil, err
	}
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		r.Close()
		wr.Close()
		return nil, nil, err
	}
	wr.Close()
	return cmd, r, nil
}

// relay shows a worker's events on the console.
func (e *runEnv) relay(index int, events io.ReadCloser) {
	defer events.Close()
	sc := bufio.NewScanner(events)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		if ev.Kind == kindSay {
			continue // what a worker says of a stop, the parent says once
		}
		ev.Worker = index
		e.con.tell(ev)
	}
	e.con.tell(event{Kind: kindUnit, Worker: index}) // the worker runs nothing more
}

func (e *runEnv) workerFailed(w *Worker, err error, stderr *tail) {
	msg := fmt.Sprintf("worker %d ended with %v", w.Index, err)
	if s := strings.TrimSpace(stderr.String()); s != "" {
		msg += ": " + s
	}
	e.mu.Lock()
	e.errors = append(e.errors, msg)
	e.mu.Unlock()
}

// tail keeps the last few KiB a worker wrote to its standard error.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 4<<10 {
		t.buf = t.buf[len(t.buf)-4<<10:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// mergeParts takes in every worker's part: the transcripts merged in the
// order their exchanges ended and renumbered after the parent's own, the
// results and evidence renumbered the same way, the ledgers joined for the
// one cleanup.
func (e *runEnv) mergeParts(ws []*Worker) {
	parts := make([]*part, len(ws))
	for i, w := range ws {
		data, err := os.ReadFile(w.path("json"))
		if err != nil {
			e.errors = append(e.errors, fmt.Sprintf("worker %d left no results: the steps it ran are not reported", w.Index))
			continue
		}
		var p part
		if err := json.Unmarshal(data, &p); err != nil {
			e.errors = append(e.errors, fmt.Sprintf("worker %d left unreadable results: %v", w.Index, err))
			continue
		}
		parts[i] = &p
	}
	ids, total, err := mergeTranscripts(ws, parts, e.client.Count(), e.cfg.Transcript)
	if err != nil {
		e.errors = append(e.errors, "merging the workers' transcripts: "+err.Error())
	}
	e.client.Advance(total)
	for i, p := range parts {
		if p == nil {
			continue
		}
		e.takePart(p, ids[i])
	}
}

// takePart adds one worker's findings, its exchange IDs mapped by ids.
func (e *runEnv) takePart(p *part, ids map[int]int) {
	renumber := func(old []int) []int {
		var out []int
		for _, id := range old {
			if n, ok := ids[id]; ok {
				out = append(out, n)
			}
		}
		return out
	}
	for i := range p.Results {
		p.Results[i].Evidence = renumber(p.Results[i].Evidence)
	}
	e.rec.merge(p.Results)
	for _, ex := range p.Exchanges {
		if n, ok := ids[ex.ID]; ok {
			ex.ID = n
			e.client.Keep(ex)
		}
	}
	e.ledger.take(p.Ledger)
	for _, n := range p.Notes {
		e.note(n)
	}
	for id, why := range p.Inapplicable {
		if c := checks.Get(id); c != nil {
			for _, w := range why {
				e.noteInapplicable(c, w)
			}
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.leaks = append(e.leaks, p.Leaks...)
	e.errors = append(e.errors, p.Errors...)
}

// tellStep tells the console how a step ended (its outcome is set by
// T.run just before it passes the outcome on to Ginkgo).
func (e *runEnv) tellStep(t *T, started time.Time) {
	ev := event{Kind: kindStep, Text: t.spec, State: t.outcome, Seconds: time.Since(started).Seconds(), Lines: t.lines}
	if ev.State == "" {
		ev.State = "panicked"
	}
	e.con.tell(ev)
}

// mergeTranscripts writes the workers' transcripts to out as one, in the
// order their exchanges ended, numbered from base+1; it gives, per worker,
// each old exchange ID's new one, and the number of exchanges.
func mergeTranscripts(ws []*Worker, parts []*part, base int, out io.Writer) ([]map[int]int, int, error) {
	ids := make([]map[int]int, len(ws))
	streams := make([]*transcriptStream, len(ws))
	var firstErr error
	for i, w := range ws {
		ids[i] = map[int]int{}
		f, err := os.Open(w.path("jsonl"))
		if err != nil {
			if parts[i] != nil && parts[i].Count > 0 && firstErr == nil {
				firstErr = err
			}
			continue
		}
		defer f.Close()
		streams[i] = &transcriptStream{r: bufio.NewReaderSize(f, 256<<10)}
		streams[i].next()
	}
	n := base
	for {
		best := -1
		for i, s := range streams {
			if s != nil && s.head != nil && (best < 0 || s.end().Before(streams[best].end())) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		s := streams[best]
		n++
		ids[best][s.head.ID] = n
		if out != nil {
			s.head.ID = n
			line, err := json.Marshal(s.head)
			if err == nil {
				_, err = out.Write(append(line, '\n'))
			}
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}
		s.next()
		if s.err != nil && firstErr == nil {
			firstErr = s.err
		}
	}
	return ids, n - base, firstErr
}

// transcriptStream reads one worker's transcript an exchange at a time.
type transcriptStream struct {
	r    *bufio.Reader
	head *report.Exchange
	err  error
}

func (s *transcriptStream) next() {
	s.head = nil
	line, err := s.r.ReadBytes('\n')
	if len(line) == 0 {
		if err != nil && err != io.EOF {
			s.err = err
		}
		return
	}
	var ex report.Exchange
	if err := json.Unmarshal(line, &ex); err != nil {
		s.err = err
		return
	}
	s.head = &ex
}

func (s *transcriptStream) end() time.Time {
	return s.head.Time.Add(time.Duration(s.head.Millis * float64(time.Millisecond)))
}
