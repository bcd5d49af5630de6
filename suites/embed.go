package suites

import (
	"context"
	"fmt"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2" //nolint:revive

	"github.com/cimitest/cimitest/report"
)

// Two ways for a vendor to run the checks from their own tests, besides Run
// (the cimitest binary's way): Test from a plain `go test`, and Register
// inside their own Ginkgo suite. Ginkgo runs its global suite once per
// process, so each of the three can happen once per test binary.

// Test runs the scenarios against cfg.Endpoint from a Go test and reports
// every failed or erred check as a test error, with its rule and message. It
// returns the results for the caller to look at or write.
func Test(t testing.TB, cfg Config) *report.Results {
	t.Helper()
	r, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("cimitest: %v", err)
	}
	for _, c := range r.Checks {
		if c.Status == report.Fail || c.Status == report.Error {
			t.Errorf("%s (%s, %s) on %s %s [%s]: %s: %s", c.ID, c.Rule, report.Citation(c), c.Resource, c.Operation, c.Format, c.Status, c.Message)
		}
	}
	for _, why := range r.Summary.Reasons {
		t.Log("cimitest: " + why)
	}
	if !r.Summary.Passed {
		t.Fail()
	}
	return r
}

// Register declares the scenarios in the caller's Ginkgo suite, to be run by
// the caller's RunSpecs with the caller's label filter and reporters:
//
//	var _ = suites.Register(cfg, func(r *report.Results, err error) { ... })
//
// Discovery happens before the first of its steps (an endpoint that cannot
// be judged fails them), the cleanup once the suite is over, and then done
// receives the results. Unlike Run, Register runs what the caller's filter
// selects and no more: selecting a step of an ordered scenario does not run
// the steps it builds on.
func Register(cfg Config, done func(*report.Results, error)) bool {
	started := time.Now()
	e, err := newRun(context.Background(), cfg)
	if err == nil {
		err = claimProcess()
	}
	if err != nil {
		if done != nil {
			done(nil, err)
		}
		return false
	}
	var openErr error
	e.declare(func() error {
		r, err := e.open(started)
		switch {
		case err != nil:
			openErr = err
		case r != nil:
			openErr = fmt.Errorf("the run was interrupted during discovery")
		}
		return openErr
	})
	// The cleanup and the results come once every spec is over; a reporting
	// node is the one kind a suite may have several of.
	ReportAfterSuite("cimitest cleanup and results", func(Report) {
		defer e.ctl.release()
		if openErr != nil || e.ep == nil {
			if done != nil {
				done(nil, openErr)
			}
			return
		}
		e.pending.Wait()
		r := e.close(started)
		if done != nil {
			done(r, nil)
		}
	})
	return true
}
