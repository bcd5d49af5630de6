package suites

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
)

// Results recorded by two workers and merged list the same results, in
// the same order, with the same kept message and count, as one process
// recording the same judgements unit after unit.
func TestMergedResultsEqualOneProcessRecording(t *testing.T) {
	type judgement struct {
		unit   int
		check  *checks.Check
		format string
		st     report.Status
		msg    string
	}
	js := []judgement{
		{0, checks.CEPRead, "json", report.Pass, "a"},
		{0, checks.HTTPJobURI, "json", report.Pass, "b"},
		{1, checks.HTTPJobURI, "json", report.Fail, "first fail"},
		{2, checks.CEPRead, "xml", report.Pass, "c"},
		{2, checks.HTTPJobURI, "json", report.Fail, "second fail"},
		{3, checks.HTTPJobURI, "xml", report.Warn, "w"},
		{3, checks.CEPRead, "json", report.Pass, "d"},
	}
	record := func(r *recorder, unit *int, j judgement) {
		*unit = j.unit
		r.record(j.check, subject{format: j.format}, j.st, j.msg, "", "", "", nil)
	}
	one, u := newRecorder(), 0
	one.unit = func() int { return u }
	for _, j := range js {
		record(one, &u, j)
	}
	// Worker A runs units 1 and 2, worker B units 0 and 3, in another order.
	a, ua := newRecorder(), 0
	a.unit = func() int { return ua }
	b, ub := newRecorder(), 0
	b.unit = func() int { return ub }
	for _, j := range []judgement{js[2], js[3], js[4]} {
		record(a, &ua, j)
	}
	for _, j := range []judgement{js[5], js[6], js[0], js[1]} {
		record(b, &ub, j)
	}
	merged := newRecorder()
	merged.merge(a.all())
	merged.merge(b.all())
	want, got := one.list(), merged.list()
	if len(want) != len(got) {
		t.Fatalf("%d results merged, %d recorded in one process", len(got), len(want))
	}
	for i := range want {
		if want[i].Key() != got[i].Key() || want[i].Status != got[i].Status || want[i].Message != got[i].Message || want[i].Count != got[i].Count {
			t.Errorf("result %d: merged %s %s %q ×%d, one process %s %s %q ×%d", i, got[i].Key(), got[i].Status, got[i].Message, got[i].Count,
				want[i].Key(), want[i].Status, want[i].Message, want[i].Count)
		}
	}
	if got[1].Message != "first fail" {
		t.Errorf("the kept failure is %q, want the first unit's", got[1].Message)
	}
}

// The workers' transcripts become one, in the order the exchanges ended,
// numbered after the parent's own, and each worker learns its new IDs.
func TestTranscriptsMergeInTimeOrder(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	write := func(w *Worker, exs ...report.Exchange) {
		var buf bytes.Buffer
		for _, ex := range exs {
			line, _ := json.Marshal(ex)
			buf.Write(append(line, '\n'))
		}
		if err := os.WriteFile(w.path("jsonl"), buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w1, w2 := &Worker{Index: 1, Dir: dir}, &Worker{Index: 2, Dir: dir}
	write(w1, report.Exchange{ID: 1, Time: t0, Millis: 10, URL: "a"}, report.Exchange{ID: 2, Time: t0.Add(50 * time.Millisecond), URL: "c"})
	write(w2, report.Exchange{ID: 1, Time: t0, Millis: 30, URL: "b"}, report.Exchange{ID: 2, Time: t0.Add(60 * time.Millisecond), URL: "d"})
	var out bytes.Buffer
	ids, n, err := mergeTranscripts([]*Worker{w1, w2}, []*part{{Count: 2}, {Count: 2}}, 5, &out)
	if err != nil || n != 4 {
		t.Fatalf("merged %d exchanges, err %v", n, err)
	}
	var urls []string
	for i, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var ex report.Exchange
		if err := json.Unmarshal([]byte(line), &ex); err != nil {
			t.Fatal(err)
		}
		if ex.ID != 6+i {
			t.Errorf("exchange %q numbered %d, want %d", ex.URL, ex.ID, 6+i)
		}
		urls = append(urls, ex.URL)
	}
	if strings.Join(urls, "") != "abcd" {
		t.Errorf("merged order %v, want a b c d", urls)
	}
	if ids[0][2] != 8 || ids[1][1] != 7 {
		t.Errorf("new IDs %v", ids)
	}
}

// A worker's discovery is answered from the parent's record, and a request
// the parent did not make is refused, not sent.
func TestDiscoveryIsReplayedNotSent(t *testing.T) {
	sent := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent++
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"path":"`+r.URL.Path+`"}`)
	}))
	defer srv.Close()
	rec := &discoveryRecorder{on: true, limit: 1 << 20}
	c, err := client.New(client.Config{Wrap: rec.wrap})
	if err != nil {
		t.Fatal(err)
	}
	first := c.Get(srv.URL + "/cep")
	rec.stop()
	c.Get(srv.URL + "/after")
	if got := rec.recorded(); len(got) != 1 || string(got[0].Body) != string(first.Body) {
		t.Fatalf("recorded %d answers: %+v", len(got), got)
	}
	rp := newReplayer(rec.recorded())
	r, err := client.New(client.Config{Transport: rp})
	if err != nil {
		t.Fatal(err)
	}
	again := r.Get(srv.URL + "/cep")
	if string(again.Body) != string(first.Body) || again.Status != 200 {
		t.Errorf("replayed %d %q, want %q", again.Status, again.Body, first.Body)
	}
	if missing := r.Get(srv.URL + "/other"); missing.Err == nil || !errors.Is(missing.Err, errNotRecorded) && !strings.Contains(missing.Err.Error(), "not part of") {
		t.Errorf("a request not in the record got %v", missing.Err)
	}
	if sent != 2 {
		t.Errorf("the server saw %d requests, want the 2 made before the replay", sent)
	}
}

// The console writes a line per finished step and per long wait without a
// terminal; only failures when quiet; one redrawn status line on a
// terminal, naming the wait that goes on; and it keeps the slowest.
func TestConsoleModes(t *testing.T) {
	step := func(text, state string, secs float64, lines ...string) event {
		return event{Kind: kindStep, Text: text, State: state, Seconds: secs, Lines: lines}
	}
	wait := func(phase client.WaitPhase, id int64, secs float64) event {
		return event{Kind: kindWait, Text: "the Machine m1 to reach STARTED", State: string(phase), Seconds: secs, Limit: 600,
			Flag: "--timeout-state", WaitID: id, Last: "state STARTING"}
	}
	feed := func(c *console) {
		c.tell(step("reads the entry point", "passed", 0.1))
		c.tell(wait(client.WaitBegin, 1, 0))
		c.tell(wait(client.WaitStill, 1, 10))
		c.tell(wait(client.WaitEnd, 1, 12))
		c.tell(step("starts the Machine", "failed", 12.5, "rules broken:", "  - machine.start [M-41 SHALL, §4.2.1]: it never started"))
		c.tell(step("skipped one", "skipped", 0, "not judged: no Machine"))
	}
	var lines bytes.Buffer
	c := newConsole(&lines, linesMode)
	feed(c)
	c.close()
	for _, want := range []string{"passed    0.1s  reads the entry point", "still waiting for the Machine m1 to reach STARTED: 10s of 10m0s (--timeout-state); last seen: state STARTING",
		"waited 12.0s for the Machine m1", "FAILED starts the Machine (12.5s)", "machine.start [M-41 SHALL"} {
		if !strings.Contains(lines.String(), want) {
			t.Errorf("lines mode lacks %q:\n%s", want, lines.String())
		}
	}
	if strings.Contains(lines.String(), "skipped one") || strings.Contains(lines.String(), "\r") {
		t.Errorf("lines mode tells a skipped step or redraws:\n%s", lines.String())
	}
	var quiet bytes.Buffer
	q := newConsole(&quiet, quietMode)
	feed(q)
	q.close()
	if strings.Contains(quiet.String(), "reads the entry point") || strings.Contains(quiet.String(), "waiting") || !strings.Contains(quiet.String(), "FAILED starts the Machine") {
		t.Errorf("quiet mode says:\n%s", quiet.String())
	}
	var live syncBuffer
	l := newConsole(&live, liveMode)
	l.tell(event{Kind: kindUnit, Text: "Machines · json"})
	l.tell(wait(client.WaitBegin, 2, 0))
	time.Sleep(600 * time.Millisecond)
	l.close()
	if s := live.String(); !strings.Contains(s, "\r\x1b[K") || !strings.Contains(s, "Machines · json") ||
		!strings.Contains(s, "of 10m0s (--timeout-state) for the Machine m1 to reach STARTED") {
		t.Errorf("live mode drew %q", s)
	}
	tm := c.timing()
	if tm.StepCount != 2 || len(tm.Steps) != 2 || tm.Steps[0].What != "starts the Machine" || tm.WaitCount != 1 || tm.Waits[0].Limit != "--timeout-state" {
		t.Errorf("timing %+v", tm)
	}
}

type syncBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (b *syncBuffer) lock() {
	if b.mu == nil {
		b.mu = make(chan struct{}, 1)
	}
	b.mu <- struct{}{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.lock()
	defer func() { <-b.mu }()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.lock()
	defer func() { <-b.mu }()
	return b.buf.String()
}

// A unit is claimed by one worker only; the quiet units by the quiet
// worker only.
func TestUnitsAreClaimedOnce(t *testing.T) {
	dir := t.TempDir()
	quiet := map[string]bool{"Query parameters · json": true}
	a := &claims{w: &Worker{Index: 1, Dir: dir}, mine: map[string]bool{}, quiet: quiet}
	b := &claims{w: &Worker{Index: 2, Dir: dir}, mine: map[string]bool{}, quiet: quiet}
	q := &claims{w: &Worker{Index: 3, Dir: dir}, mine: map[string]bool{}, quiet: quiet, quietWorker: true}
	if mine, fresh := a.claim("Machines · json"); !mine || !fresh {
		t.Error("the first claim failed")
	}
	if mine, _ := a.claim("Machines · json"); !mine {
		t.Error("a worker lost its own unit")
	}
	if mine, _ := b.claim("Machines · json"); mine {
		t.Error("a unit was claimed twice")
	}
	if mine, _ := a.claim("Query parameters · json"); mine {
		t.Error("a worker took a quiet unit")
	}
	if mine, _ := q.claim("Query parameters · json"); !mine {
		t.Error("the quiet worker did not get the quiet unit")
	}
	if mine, _ := q.claim("Machines · json"); mine {
		t.Error("the quiet worker took another worker's unit")
	}
	if _, err := os.Stat(filepath.Join(dir, "unit-"+safeName("Machines · json")+".claim")); err != nil {
		t.Error(err)
	}
}

// A worker knows the resources another worker made: by URI, and a create
// that named no resource by its name and type.
func TestRunOwnsWhatAnyWorkerMade(t *testing.T) {
	dir := t.TempDir()
	a := &runEnv{ledger: newLedger(), workDir: dir}
	if err := a.tellOwned(&Worker{Index: 1, Dir: dir}); err != nil {
		t.Fatal(err)
	}
	a.ledger.own("http://x/cimi/machineTemplates/3", "MachineTemplate", "cimitest-r-t", "test")
	a.ledger.onOwn(ownedState{Type: "MachineTemplate", Name: "cimitest-r-unnamed"})
	b := &runEnv{ledger: newLedger(), workDir: dir}
	for _, tc := range []struct {
		uri, typ, name string
		want           bool
	}{
		{"http://x/cimi/machineTemplates/3", "MachineTemplate", "", true},
		{"http://x/cimi/machineTemplates/9", "MachineTemplate", "cimitest-r-unnamed", true},
		{"http://x/cimi/machineTemplates/9", "Machine", "cimitest-r-unnamed", false},
		{"http://x/cimi/machineTemplates/9", "MachineTemplate", "someone-else", false},
	} {
		if got := b.runOwns(tc.uri, tc.typ, tc.name); got != tc.want {
			t.Errorf("runOwns(%s, %s, %s) = %v", tc.uri, tc.typ, tc.name, got)
		}
	}
}
