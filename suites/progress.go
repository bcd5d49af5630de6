package suites

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/client"
)

// What a run says while it runs. Every step that ends, every wait that
// begins, goes on and ends, every scenario a worker starts and every
// message is an event; the console shows them and keeps the timings the
// reports list. A worker (parallel.go) sends its events to its parent as
// JSON lines, and the parent's console shows them all, so that a run looks
// the same with one worker or eight.

// event is one thing a run tells.
type event struct {
	Kind    string   `json:"kind"` // see the kind constants
	Worker  int      `json:"worker,omitempty"`
	Text    string   `json:"text,omitempty"`
	State   string   `json:"state,omitempty"` // a step's outcome; a wait's phase
	Seconds float64  `json:"seconds,omitempty"`
	Limit   float64  `json:"limit,omitempty"` // a wait's timeout, in seconds
	Flag    string   `json:"flag,omitempty"`  // the flag that sets it
	Last    string   `json:"last,omitempty"`  // what the wait saw last
	Err     string   `json:"err,omitempty"`
	WaitID  int64    `json:"waitID,omitempty"`
	Lines   []string `json:"lines,omitempty"` // a failed step's message
}

// The kinds of event.
const (
	kindStep = "step"
	kindWait = "wait"
	kindUnit = "unit" // a worker started a scenario
	kindSay  = "say"
)

// teller hears a run's events.
type teller interface{ tell(event) }

// waitEvent turns the client's wait event into the run's.
func waitEvent(w client.WaitEvent) event {
	ev := event{Kind: kindWait, Text: w.What, State: string(w.Phase), Seconds: w.Elapsed.Seconds(),
		Limit: w.Limit.D.Seconds(), Flag: w.Limit.Flag, Last: w.Last, WaitID: w.ID}
	if w.Err != nil {
		ev.Err = w.Err.Error()
	}
	return ev
}

// How much the console says.
type consoleMode int

const (
	// linesMode writes one line per finished step and per long wait (a CI log).
	linesMode consoleMode = iota
	// liveMode redraws one status line (a terminal) and writes failures above it.
	liveMode
	// quietMode writes failures, messages and the summary only.
	quietMode
	// verboseMode writes lines mode's lines, every wait as it begins, and
	// the reason of each step that judged nothing.
	verboseMode
)

// longWait is how long a wait lasts before lines mode tells its end.
const longWait = 5 * time.Second

// slowest is how many steps and waits the reports list.
const slowest = 10

// console shows a run's events and keeps their timings.
type console struct {
	mu      sync.Mutex
	out     io.Writer
	mode    consoleMode
	started time.Time
	counts  map[string]int
	units   map[int]string        // worker → the scenario it runs
	waits   map[[2]int64]liveWait // (worker, wait ID) → the wait
	steps   []report.Timed
	waited  []report.Timed
	shown   bool // the status line is on screen
	done    chan struct{}
	wg      sync.WaitGroup
}

type liveWait struct {
	what  string
	since time.Time
	limit time.Duration
	flag  string
}

func newConsole(out io.Writer, mode consoleMode) *console {
	if out == nil {
		out = io.Discard
	}
	c := &console{out: out, mode: mode, started: time.Now(), counts: map[string]int{}, units: map[int]string{},
		waits: map[[2]int64]liveWait{}, done: make(chan struct{})}
	if mode == liveMode {
		c.wg.Add(1)
		go c.redraw()
	}
	return c
}

// close ends the status line.
func (c *console) close() {
	select {
	case <-c.done:
		return
	default:
		close(c.done)
	}
	c.wg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clearLine()
}

func (c *console) redraw() {
	defer c.wg.Done()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			c.mu.Lock()
			c.drawLine()
			c.mu.Unlock()
		}
	}
}

func (c *console) tell(ev event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch ev.Kind {
	case kindUnit:
		if ev.Text == "" {
			delete(c.units, ev.Worker)
		} else {
			c.units[ev.Worker] = ev.Text
		}
	case kindStep:
		c.step(ev)
	case kindWait:
		c.wait(ev)
	case kindSay:
		c.print(ev.Text)
	}
}

func (c *console) step(ev event) {
	c.counts[ev.State]++
	if ev.State != "skipped" {
		c.steps = append(c.steps, report.Timed{What: ev.Text, Seconds: ev.Seconds, Outcome: ev.State})
	}
	switch {
	case ev.State == "failed" || ev.State == "panicked":
		msg := fmt.Sprintf("FAILED %s (%.1fs)", ev.Text, ev.Seconds)
		for _, l := range ev.Lines {
			msg += "\n  " + l
		}
		c.print(msg)
	case c.mode == linesMode || c.mode == verboseMode:
		if ev.State == "skipped" && c.mode != verboseMode {
			return
		}
		msg := fmt.Sprintf("%-7s %5.1fs  %s", ev.State, ev.Seconds, ev.Text)
		if ev.State == "skipped" && len(ev.Lines) > 0 {
			msg += ": " + ev.Lines[0]
		}
		c.print(msg)
	}
}

func (c *console) wait(ev event) {
	key := [2]int64{int64(ev.Worker), ev.WaitID}
	limit := time.Duration(ev.Limit * float64(time.Second))
	switch client.WaitPhase(ev.State) {
	case client.WaitBegin:
		c.waits[key] = liveWait{what: ev.Text, since: time.Now().Add(-time.Duration(ev.Seconds * float64(time.Second))),
			limit: limit, flag: ev.Flag}
		if c.mode == verboseMode {
			c.print("waiting for " + ev.Text)
		}
	case client.WaitStill:
		if c.mode == linesMode || c.mode == verboseMode {
			c.print(fmt.Sprintf("still waiting for %s: %s of %s (%s); last seen: %s", ev.Text,
				time.Duration(ev.Seconds*float64(time.Second)).Round(time.Second), limit, ev.Flag, orNone(ev.Last)))
		}
	case client.WaitEnd:
		delete(c.waits, key)
		outcome := "reached"
		if ev.Err != "" {
			outcome = ev.Err
		}
		c.waited = append(c.waited, report.Timed{What: ev.Text, Seconds: ev.Seconds, Outcome: outcome, Limit: ev.Flag, Last: ev.Last})
		long := ev.Seconds >= longWait.Seconds()
		if (long && c.mode == linesMode) || c.mode == verboseMode {
			c.print(fmt.Sprintf("waited %.1fs for %s", ev.Seconds, ev.Text))
		}
	}
}

// print writes msg above the status line.
func (c *console) print(msg string) {
	c.clearLine()
	fmt.Fprintln(c.out, msg)
	c.drawLine()
}

func (c *console) clearLine() {
	if c.shown {
		fmt.Fprint(c.out, "\r\x1b[K")
		c.shown = false
	}
}

// statusWidth keeps the status line on one line of a usual terminal.
const statusWidth = 140

// drawLine shows the status line: time, counts, what runs and the longest
// wait.
func (c *console) drawLine() {
	if c.mode != liveMode {
		return
	}
	line := c.status()
	if r := []rune(line); len(r) > statusWidth {
		line = string(r[:statusWidth-1]) + "…"
	}
	fmt.Fprint(c.out, "\r\x1b[K"+line)
	c.shown = true
}

func (c *console) status() string {
	parts := []string{fmt.Sprintf("[%s] %d steps", time.Since(c.started).Round(time.Second), c.finished())}
	var counts []string
	for _, st := range []string{"passed", "failed", "skipped"} {
		if n := c.counts[st]; n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, st))
		}
	}
	if len(counts) > 0 {
		parts[0] += " (" + strings.Join(counts, ", ") + ")"
	}
	if units := c.running(); units != "" {
		parts = append(parts, units)
	}
	if w, ok := c.longestWait(); ok {
		msg := fmt.Sprintf("waiting %s of %s", time.Since(w.since).Round(time.Second), w.limit)
		if w.flag != "" {
			msg += " (" + w.flag + ")"
		}
		parts = append(parts, msg+" for "+w.what)
	}
	return strings.Join(parts, " · ")
}

// running names the scenarios running, two at most.
func (c *console) running() string {
	names := slices.Sorted(maps.Values(c.units))
	if len(names) > 2 {
		return fmt.Sprintf("%s, %s and %d more", names[0], names[1], len(names)-2)
	}
	return strings.Join(names, ", ")
}

func (c *console) finished() int {
	n := 0
	for _, v := range c.counts {
		n += v
	}
	return n
}

func (c *console) longestWait() (liveWait, bool) {
	var best liveWait
	found := false
	for _, w := range c.waits {
		if !found || w.since.Before(best.since) {
			best, found = w, true
		}
	}
	return best, found
}

// timing gives the slowest steps and waits for the reports.
func (c *console) timing() *report.Timing {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &report.Timing{Steps: topTimed(c.steps), Waits: topTimed(c.waited)}
	for _, s := range c.steps {
		t.StepSeconds += s.Seconds
	}
	for _, w := range c.waited {
		t.WaitSeconds += w.Seconds
	}
	t.StepCount, t.WaitCount = len(c.steps), len(c.waited)
	return t
}

func topTimed(all []report.Timed) []report.Timed {
	out := append([]report.Timed(nil), all...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Seconds > out[j].Seconds })
	if len(out) > slowest {
		out = out[:slowest]
	}
	return out
}
