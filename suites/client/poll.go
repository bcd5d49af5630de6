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
	deadline := time.Now().Add(timeout)
	wait := b.Min
	last := ""
	for {
		done, seen, err := check()
		if err != nil || done {
			return err
		}
		last = seen
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
