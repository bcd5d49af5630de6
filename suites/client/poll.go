package client

import (
	"context"
	"errors"
	"fmt"
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
// timeout message.
func Poll(ctx context.Context, b Backoff, limit Limit, what string, check func() (done bool, seen string, err error)) error {
	timeout := limit.D
	start := time.Now()
	deadline := start.Add(timeout)
	wait := b.Min
	last := ""
	told := time.Duration(0)
	for {
		done, seen, err := check()
		if err != nil || done {
			return err
		}
		last = seen
		told = tellWaiting(ctx, told, time.Since(start), limit, what, last)
		remaining := time.Until(deadline)
		if remaining <= 0 {
			return &TimeoutError{What: what, After: timeout, Flag: limit.Flag, Last: last}
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

// A wait that goes on is told to the context's wait notice (the run's
// console) every so often, so that a user watching a slow endpoint sees
// what the run waits for.
type waitNotice struct {
	every time.Duration
	tell  func(string)
}

type waitNoticeKey struct{}

// WithWaitNotice gives ctx a function that hears, every so often, of each
// wait that goes on.
func WithWaitNotice(ctx context.Context, every time.Duration, tell func(string)) context.Context {
	return context.WithValue(ctx, waitNoticeKey{}, waitNotice{every: every, tell: tell})
}

// tellWaiting tells the context's notice of a wait that has gone past the
// next mark; it returns the mark reached.
func tellWaiting(ctx context.Context, told, elapsed time.Duration, limit Limit, what, last string) time.Duration {
	n, ok := ctx.Value(waitNoticeKey{}).(waitNotice)
	if !ok || n.every <= 0 || elapsed < told+n.every {
		return told
	}
	msg := fmt.Sprintf("still waiting for %s: %s of %s", what, elapsed.Round(time.Second), limit.D)
	if limit.Flag != "" {
		msg += " (" + limit.Flag + ")"
	}
	if last != "" {
		msg += "; last seen: " + last
	}
	n.tell(msg)
	return elapsed.Truncate(n.every)
}
