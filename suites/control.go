package suites

import (
	"context"
	"errors"
	"fmt"
	"github.com/cimitest/cimitest/suites/client"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// How a run stops early, in stages. The first interrupt (Ctrl-C or SIGTERM,
// or the caller's context, or --timeout-run running out) stops the
// scenarios: no new request is sent but the cleanup's, the write in flight is
// waited for, and the cleanup runs to its end under --timeout-cleanup. A
// second interrupt stops the cleanup; a third stops waiting for the writes
// still in flight. The reports are written in every case, and list what the
// run left behind.

// Why a run stopped early.
var (
	errInterrupted = errors.New("interrupted")
	errTimeoutRun  = errors.New("--timeout-run ran out")
)

// waitNoticeEvery is how often a wait that goes on is told.
const waitNoticeEvery = 10 * time.Second

// control is the stop state of a run.
type control struct {
	out teller // the console, or a worker's parent

	run         context.Context // done once the scenarios must stop
	stopRun     context.CancelCauseFunc
	cleanup     context.Context // done once the cleanup must stop
	stopCleanup context.CancelCauseFunc
	abandon     context.Context // done once the run stops waiting for writes in flight
	stopAbandon context.CancelFunc

	mu         sync.Mutex
	interrupts int
	inCleanup  bool
	signals    chan os.Signal
	timer      *time.Timer
	// causeOf, in a worker, says why its parent stopped it: the parent's
	// --timeout-run reaches a worker as an interrupt.
	causeOf func() error
	// passOn hears every interrupt (a parent passes them to its workers).
	passOn map[int]func()
	nextID int
}

// onInterrupt calls fn on every interrupt from now on, and at once if the
// scenarios were stopped already; the returned function stops it.
func (c *control) onInterrupt(fn func()) func() {
	c.mu.Lock()
	if c.passOn == nil {
		c.passOn = map[int]func(){}
	}
	c.nextID++
	id := c.nextID
	c.passOn[id] = fn
	c.mu.Unlock()
	stopAtStop := context.AfterFunc(c.run, func() {
		c.mu.Lock()
		interrupted := c.interrupts > 0
		c.mu.Unlock()
		if !interrupted {
			fn() // --timeout-run or the caller's context: no interrupt passes on
		}
	})
	return func() {
		stopAtStop()
		c.mu.Lock()
		delete(c.passOn, id)
		c.mu.Unlock()
	}
}

func newControl(parent context.Context, out teller, timeoutRun time.Duration) *control {
	c := &control{out: out}
	c.run, c.stopRun = context.WithCancelCause(context.Background())
	c.cleanup, c.stopCleanup = context.WithCancelCause(context.Background())
	c.abandon, c.stopAbandon = context.WithCancel(context.Background())
	// Waits are told to the console, so that a slow endpoint does not look
	// like a run that hangs, and so that the reports can list the longest.
	watch := func(w client.WaitEvent) {
		if c.out != nil {
			c.out.tell(waitEvent(w))
		}
	}
	c.run = client.WithWaitWatch(c.run, waitNoticeEvery, watch)
	c.cleanup = client.WithWaitWatch(c.cleanup, waitNoticeEvery, watch)
	// The caller's context is the first stage: its end stops the scenarios.
	context.AfterFunc(parent, func() { c.interrupt("the caller's context ended") })
	if timeoutRun > 0 {
		c.timer = time.AfterFunc(timeoutRun, func() {
			c.say("cimitest: --timeout-run %s ran out: stopping the scenarios, then cleaning up", timeoutRun)
			c.stopRun(errTimeoutRun)
		})
	}
	return c
}

// handleSignals takes SIGINT and SIGTERM for the run. Ginkgo registers for
// them too while the specs run; takeSignals (from BeforeSuite) leaves this
// handler as their only receiver, so that an interrupt means what the stages
// above say and nothing else.
func (c *control) handleSignals() {
	c.signals = make(chan os.Signal, 4)
	signal.Notify(c.signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for range c.signals {
			c.interrupt("interrupted by a signal")
		}
	}()
}

// takeSignals makes this handler the only receiver of SIGINT and SIGTERM.
func (c *control) takeSignals() {
	if c.signals == nil {
		return
	}
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	signal.Notify(c.signals, os.Interrupt, syscall.SIGTERM)
}

// release gives the signals back.
func (c *control) release() {
	if c.timer != nil {
		c.timer.Stop()
	}
	if c.signals != nil {
		signal.Stop(c.signals)
	}
}

// interrupt moves the run to its next stage.
func (c *control) interrupt(why string) {
	c.mu.Lock()
	c.interrupts++
	n, cleaning := c.interrupts, c.inCleanup
	var passOn []func()
	for _, fn := range c.passOn {
		passOn = append(passOn, fn)
	}
	c.mu.Unlock()
	for _, fn := range passOn {
		fn()
	}
	switch {
	case n == 1 && !cleaning:
		c.say("cimitest: %s: finishing the request in flight, then removing what the run made (interrupt again to stop the cleanup; the reports are written either way)", why)
		cause := errInterrupted
		if c.causeOf != nil {
			cause = c.causeOf()
		}
		c.stopRun(cause)
	case n == 1:
		c.say("cimitest: %s: the cleanup is under way; interrupt again to stop it (the reports list whatever is left)", why)
	case n == 2:
		c.say("cimitest: %s again: stopping the cleanup; waiting for the writes in flight, then writing the reports", why)
		c.stopRun(errInterrupted)
		c.stopCleanup(errInterrupted)
	default:
		c.say("cimitest: %s a third time: not waiting for the writes in flight; writing the reports", why)
		c.stopRun(errInterrupted)
		c.stopCleanup(errInterrupted)
		c.stopAbandon()
	}
}

// stopCauseName and causeNamed carry why a run stopped to its workers.
func stopCauseName(cause error) string {
	if errors.Is(cause, errTimeoutRun) {
		return "timeout-run"
	}
	return "interrupted"
}

func causeNamed(name string) error {
	if name == "timeout-run" {
		return errTimeoutRun
	}
	return errInterrupted
}

// enterCleanup marks the end of the scenarios.
func (c *control) enterCleanup() {
	if c.timer != nil {
		c.timer.Stop()
	}
	c.mu.Lock()
	c.inCleanup = true
	// A first interrupt during the scenarios counts; one during the cleanup
	// is its own first stage for the cleanup.
	if c.interrupts > 0 {
		c.interrupts = 1
	}
	c.mu.Unlock()
}

// stopped reports whether the scenarios were stopped early, and why.
func (c *control) stopped() (bool, error) {
	if c.run.Err() == nil {
		return false, nil
	}
	return true, context.Cause(c.run)
}

func (c *control) say(format string, args ...any) {
	if c.out != nil {
		c.out.tell(event{Kind: kindSay, Text: fmt.Sprintf(format, args...)})
	}
}
