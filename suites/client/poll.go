package client

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// Backoff paces polling: the first wait is Min, each next one Factor times
// longer, never more than Max.
type Backoff struct {
	Min, Max time.Duration
	Factor   float64
}

// DefaultBackoff suits both a fast local endpoint and a slow cloud.
var DefaultBackoff = Backoff{Min: 25 * time.Millisecond, Max: 2 * time.Second, Factor: 1.6}

// Limit is a named wait: how long, and the flag that sets it, so that a
// timeout tells the user what to change.
type Limit struct {
	D    time.Duration
	Flag string // e.g. "--timeout-job"
}

// TimeoutError says which named wait ran out; it is the suite's finding, not
// a conformance failure of the rule being checked (docs/design.md, "Waits and timeouts").
type TimeoutError struct {
	What  string        // e.g. "Machine to reach STARTED"
	After time.Duration // the timeout that ran out
	Flag  string        // the flag that sets it
	Last  string        // what was seen last
}

func (e *TimeoutError) Error() string {
	msg := fmt.Sprintf("timed out after %s waiting for %s", e.After, e.What)
	if e.Last != "" {
		msg += " (last seen: " + e.Last + ")"
	}
	if e.Flag != "" {
		msg += "; " + e.Flag + " sets this limit"
	}
	return msg
}

// IsTimeout reports whether err is a *TimeoutError.
func IsTimeout(err error) bool {
	var te *TimeoutError
	return errors.As(err, &te)
}

// Poll calls check until it reports done, returns an error, or timeout runs
// out. check returns a short description of what it saw, used in the
// timeout message. The context's wait watch (WithWaitWatch) hears when a
// real wait begins, how it goes on and how it ends.
func Poll(ctx context.Context, b Backoff, limit Limit, what string, check func() (done bool, seen string, err error)) (err error) {
	timeout := limit.D
	start := time.Now()
	deadline := start.Add(timeout)
	wait := b.Min
	w := watchOf(ctx, what, limit)
	defer func() { w.end(time.Since(start), err) }()
	for {
		done, seen, err := check()
		if err != nil || done {
			return err
		}
		w.still(time.Since(start), seen)
		remaining := time.Until(deadline)
		if remaining <= 0 {
			return &TimeoutError{What: what, After: timeout, Flag: limit.Flag, Last: seen}
		}
		if wait > remaining {
			wait = remaining
		}
		select {
		case <-ctx.Done():
			return &StoppedError{What: what, Cause: context.Cause(ctx)}
		case <-time.After(wait):
		}
		wait = time.Duration(float64(wait) * b.Factor)
		if wait > b.Max {
			wait = b.Max
		}
	}
}

// StoppedError is a wait the run abandoned because it was stopped (an
// interrupt, --timeout-run, or the cleanup being cut short).
type StoppedError struct {
	What  string
	Cause error
}

func (e *StoppedError) Error() string {
	return fmt.Sprintf("stopped waiting for %s: %v", e.What, e.Cause)
}

// IsStopped reports whether err is a wait or a request the run abandoned
// because it stopped.
func IsStopped(err error) bool {
	var se *StoppedError
	if errors.As(err, &se) {
		return true
	}
	r := RefusalOf(err)
	return r != nil && r.Kind == RefusedStopped
}

// A wait is told to the context's wait watch (the run's console and its
// timings): when it begins (the first check found the state not reached),
// every so often while it goes on, and when it ends, so that a user
// watching a slow endpoint sees what the run waits for.

// WaitPhase is the moment of a wait an event tells.
type WaitPhase string

// The phases of a wait.
const (
	WaitBegin WaitPhase = "begin"
	WaitStill WaitPhase = "still"
	WaitEnd   WaitPhase = "end"
)

// WaitEvent is one moment of a wait.
type WaitEvent struct {
	ID      int64 // the same for every event of one wait
	Phase   WaitPhase
	What    string
	Limit   Limit
	Elapsed time.Duration
	Last    string // what the wait saw last
	Err     error  // at WaitEnd: why it ended without what it waited for
}

// String tells the event in one line.
func (e WaitEvent) String() string {
	var msg string
	switch e.Phase {
	case WaitBegin:
		msg = "waiting for " + e.What
	case WaitEnd:
		msg = fmt.Sprintf("waited %s for %s", e.Elapsed.Round(100*time.Millisecond), e.What)
		if e.Err != nil {
			msg += ": " + e.Err.Error()
		}
		return msg
	default:
		msg = fmt.Sprintf("still waiting for %s: %s of %s", e.What, e.Elapsed.Round(time.Second), e.Limit.D)
	}
	if e.Limit.Flag != "" && e.Phase == WaitStill {
		msg += " (" + e.Limit.Flag + ")"
	}
	if e.Last != "" {
		msg += "; last seen: " + e.Last
	}
	return msg
}

type waitWatch struct {
	every time.Duration
	tell  func(WaitEvent)
}

type waitWatchKey struct{}

var waitIDs atomic.Int64

// WithWaitWatch gives ctx a function that hears of each wait made under it:
// its beginning, a mark every so often while it lasts, and its end.
func WithWaitWatch(ctx context.Context, every time.Duration, tell func(WaitEvent)) context.Context {
	return context.WithValue(ctx, waitWatchKey{}, waitWatch{every: every, tell: tell})
}

// watching is one wait as its watch hears of it.
type watching struct {
	w      waitWatch
	ok     bool
	ev     WaitEvent
	began  bool
	toldAt time.Duration
}

func watchOf(ctx context.Context, what string, limit Limit) *watching {
	w, ok := ctx.Value(waitWatchKey{}).(waitWatch)
	return &watching{w: w, ok: ok && w.tell != nil, ev: WaitEvent{What: what, Limit: limit}}
}

// still tells the beginning of the wait, then a mark each time it has gone
// on past the next multiple of every.
func (w *watching) still(elapsed time.Duration, seen string) {
	if !w.ok {
		return
	}
	w.ev.Elapsed, w.ev.Last = elapsed, seen
	if !w.began {
		w.began = true
		w.ev.ID = waitIDs.Add(1)
		w.ev.Phase = WaitBegin
		w.w.tell(w.ev)
		return
	}
	if w.w.every > 0 && elapsed >= w.toldAt+w.w.every {
		w.toldAt = elapsed.Truncate(w.w.every)
		w.ev.Phase = WaitStill
		w.w.tell(w.ev)
	}
}

// end tells the end of a wait that began.
func (w *watching) end(elapsed time.Duration, err error) {
	if !w.ok || !w.began {
		return
	}
	w.ev.Phase, w.ev.Elapsed, w.ev.Err = WaitEnd, elapsed, err
	w.w.tell(w.ev)
}
