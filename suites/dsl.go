package suites

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/types" //nolint:revive // the Ginkgo DSL reads best unqualified
	"github.com/onsi/gomega"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// Labels used to select scenarios.
const (
	labelMutating = "mutating"
	labelReadOnly = "read-only"
	// labelQuiet marks a scenario that compares whole collections read at
	// different times (queries, the crawl, the two serializations of every
	// collection): with workers, it runs after the others and alone
	// (parallel.go), so that the run's own resources do not come and go
	// under it; without, its SpecPriority(-1) puts it last too, so that
	// both find the same resources.
	labelQuiet = "quiet"
)

// The scenarios that wait longest on an endpoint start first (Ginkgo runs
// higher priorities first, then its seeded order): with workers, the long
// ones then do not end last, each alone (measured at the reference's 1 s
// latency: the Machine lifecycle about 42 s per serialization, the Machine
// rules 25 s, the walkthrough 17 s, the images 11 s, the rest a few).
const (
	priorityLongest = 3
	priorityLong    = 2
	priorityMedium  = 1
)

// scenarios are the functions that declare each area's specs for a run:
// the specs close over the run they belong to (no state of a run is kept
// in the package).
var scenarios []func(r *runEnv)

// scenario adds an area's declarations; it is called from package
// initialization, once per area file.
func scenario(declare func(r *runEnv)) bool {
	scenarios = append(scenarios, declare)
	return true
}

// formats runs body once per serialization, each in a container labelled
// with the format so that --format selects them (both serializations,
// always: docs/design.md).
func formats(body func(f model.Format)) {
	for _, f := range []model.Format{model.JSON, model.XML} {
		Context(string(f), Label(string(f)), func() { body(f) })
	}
}

// step is an It that declares the checks it judges. The check IDs become
// labels (so --label-filter can pick one check), and a step with a mutating
// check is labelled "mutating" (left out in read-only mode).
func (r *runEnv) step(text string, ids []*checks.Check, body func(t *T), decorators ...any) {
	labels := Labels{r.nextStepLabel()}
	mutating := false
	only := map[model.Version]int{}
	for _, c := range ids {
		labels = append(labels, c.ID, c.Area)
		mutating = mutating || c.Mutating
		only[c.Only]++
	}
	if mutating {
		labels = append(labels, labelMutating)
	} else {
		labels = append(labels, labelReadOnly)
	}
	// A step whose checks all belong to one CIMI version runs only there.
	switch {
	case only[model.V1] == len(ids):
		labels = append(labels, labelV1)
	case only[model.V2] == len(ids):
		labels = append(labels, labelV2)
	}
	// Ginkgo shows where a step is: the checks it judges and their rules
	// mean something to a vendor, a line of this file does not.
	args := append([]any{labels, stepLocation(ids)}, decorators...)
	// The body takes Ginkgo's context so that, on an interrupt, Ginkgo waits
	// for it to end (within the grace period) rather than leaving it running
	// while the cleanup starts.
	args = append(args, func(_ SpecContext) {
		r.beforeStep()
		started := time.Now()
		t := r.newT(CurrentSpecReport().FullText(), ids)
		defer r.tellStep(t, started)
		t.run(body)
	})
	It(text, args...)
}

// T is the context of one step: its serialization, the checks it declared
// and what it has judged so far.
type T struct {
	env      *runEnv // the run the step belongs to
	F        model.Format
	spec     string
	declared []*checks.Check
	subject  subject
	book     *book // shared with the views About returns
	// outcome and lines are how the step ended, for the console.
	outcome string
	lines   []string
	// place is where the step's results stand in the list.
	place place
}

func newBook() *book {
	return &book{judged: map[*checks.Check]bool{}, failed: map[string]string{}, unsupported: map[*checks.Check]bool{}}
}

// later runs fn in the background once the step has gone on: for a wait
// that serves no verdict of the step (a Machine disposed of), or a verdict
// that rests on a resource settling (a create that must fail, judged once
// the Machine rests). The checks fn judges are declared judged now; its
// results keep the place of this call in the list. Background jobs run side
// by side, so that an endpoint that leaves resources in a transient state
// costs one --timeout-state, not one per step; the run waits for all of
// them before it reports and cleans up.
func (t *T) later(what string, judges []*checks.Check, fn func(t *T)) {
	for _, c := range judges {
		t.book.judged[c] = true
	}
	bg := *t
	bg.book = newBook()
	for c := range t.book.unsupported {
		bg.book.unsupported[c] = true
	}
	bg.place.at = t.env.rec.reserve()
	t.env.pending.Add(1)
	go func() {
		defer t.env.pending.Done()
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(stepAbort); !ok {
					t.env.addError(fmt.Sprintf("%s, after the step %q: %v", what, t.spec, r))
				}
			}
			if len(bg.book.failed) > 0 {
				t.env.con.tell(event{Kind: kindStep, Text: t.spec + " (" + what + ", after the step)", State: "failed",
					Lines: strings.Split(bg.book.brokenRules(), "\n")})
			}
		}()
		fn(&bg)
	}()
}

// book is what a step has judged, which checks failed, and which the
// endpoint does not claim the features of.
type book struct {
	judged      map[*checks.Check]bool
	failed      map[string]string // check ID → the line the console shows
	unsupported map[*checks.Check]bool
}

func (r *runEnv) newT(spec string, ids []*checks.Check) *T {
	t := &T{env: r, spec: spec, declared: ids, book: newBook(), place: place{unit: int(r.unitNow.Load())}}
	for _, l := range CurrentSpecReport().Labels() {
		if l == string(model.JSON) || l == string(model.XML) {
			t.F = model.Format(l)
			t.subject.format = l
		}
	}
	return t
}

// stepAbort carries the reason a step cannot go on.
type stepAbort struct {
	reason  string
	skip    bool
	stopped bool // the run was interrupted or ran out of time
}

// run executes the step body: checks not reached because the step was cut
// short are NotTested with the reason; a SHALL failure fails the step.
func (t *T) run(body func(t *T)) {
	if reason, none := t.withoutFeatures(); none {
		t.end("skipped", reason)
		Skip(reason)
		return
	}
	aborted := ""
	skipped, stopped := false, false
	func() {
		defer func() {
			if r := recover(); r != nil {
				a, ok := r.(stepAbort)
				if !ok {
					// A bug of the suite or a Ginkgo interrupt: record it and go on
					// unwinding.
					t.unreached(report.Error, fmt.Sprintf("the step stopped: %v", r))
					t.end("panicked", fmt.Sprint(r))
					panic(r)
				}
				aborted, skipped, stopped = a.reason, a.skip, a.stopped
			}
		}()
		body(t)
	}()
	if stopped || t.env.stopped() {
		reason := t.env.stopReason()
		if reason == "" {
			reason = aborted
		}
		t.unreached(report.NotTested, reason)
		t.end("skipped", reason)
		Skip(reason)
		return
	}
	if skipped {
		t.unreached(report.NotSupported, aborted)
		t.end("skipped", aborted)
		Skip(aborted)
		return
	}
	if aborted != "" {
		t.unreached(report.NotTested, "not reached: "+aborted)
		// What kept the step from its checks failed (or was missing)
		// elsewhere; the step itself is not a failure, and says why it
		// judged nothing, unless it already failed a check.
		if len(t.book.failed) > 0 {
			msg := t.book.brokenRules() + "\nthen it could not continue: " + aborted
			t.end("failed", msg)
			Fail(msg)
		}
		t.end("skipped", "not judged: "+aborted)
		Skip("not judged: " + aborted)
		return
	}
	t.unreached(report.NotTested, "not reached: the step ended before judging it (suite bug)")
	if len(t.book.failed) > 0 {
		t.end("failed", t.book.brokenRules())
		Fail(t.book.brokenRules())
	}
	t.end("passed", "")
}

// end keeps how the step ended, for the console.
func (t *T) end(outcome, msg string) {
	t.outcome = outcome
	if msg != "" {
		t.lines = strings.Split(msg, "\n")
	}
}

// brokenRules lists, for the console, one line per check the step failed.
func (b *book) brokenRules() string {
	lines := slices.Sorted(maps.Values(b.failed))
	return "rules broken:\n  - " + strings.Join(lines, "\n  - ")
}

// withoutFeatures records, for each declared check whose feature the
// endpoint does not claim, a not-supported result naming the feature; the
// step's later judgements of those checks are dropped. none is true when no
// declared check is left to judge.
func (t *T) withoutFeatures() (reason string, none bool) {
	left := 0
	for _, c := range t.declared {
		if !c.AppliesTo(t.env.version) {
			continue
		}
		f, missing := t.env.missingFeature(c)
		if !missing {
			left++
			continue
		}
		reason = features.Where(f)
		t.NotSupported(c, reason)
		t.book.unsupported[c] = true
	}
	return reason, left == 0
}

// unreached records declared checks that the step did not judge.
func (t *T) unreached(st report.Status, reason string) {
	for _, c := range t.declared {
		if !t.book.judged[c] && c.AppliesTo(t.env.version) {
			t.book.judged[c] = true
			t.env.rec.recordFrom(t.place, c, subject{format: t.subject.format}, st, reason, "", "", t.spec, nil)
		}
	}
}

// About returns a view of t whose results are about resource (and, when
// given, operation) instead of the checks' defaults.
func (t *T) About(resource string, operation ...string) *T {
	c := *t
	c.subject.resource = resource
	if len(operation) > 0 {
		c.subject.operation = operation[0]
	}
	return &c
}

// checkFailed is the panic that ends a check body at its first failed
// assertion.
type checkFailed struct{}

// gomegaPointer is the address Gomega prints beside a pointer's type; it
// would make two reports of the same run differ.
var gomegaPointer = regexp.MustCompile(` \| 0x[0-9a-f]+>`)

// Check judges one check: fn makes Gomega assertions, and the first that
// fails ends fn and records a failure (a warning for SHOULD checks). ev are
// the responses that show the outcome.
func (t *T) Check(c *checks.Check, ev []*client.Response, fn func(g gomega.Gomega)) bool {
	var msg string
	failed := false
	g := gomega.NewGomega(func(message string, _ ...int) {
		msg, failed = gomegaPointer.ReplaceAllString(message, ">"), true
		panic(checkFailed{})
	})
	func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(checkFailed); !ok {
					panic(r)
				}
			}
		}()
		fn(g)
	}()
	if failed {
		t.Fail(c, msg, "", "", ev...)
		return false
	}
	t.Pass(c)
	return true
}

// Pass records that check c held.
func (t *T) Pass(c *checks.Check) {
	t.result(c, report.Pass, "", "", "", nil)
}

// Fail records that check id did not hold; SHOULD checks warn.
func (t *T) Fail(c *checks.Check, msg, expected, actual string, ev ...*client.Response) {
	st := report.Fail
	if c.Level == checks.Should {
		st = report.Warn
	}
	t.result(c, st, msg, expected, actual, ev)
}

// Warn records a tolerated departure.
func (t *T) Warn(c *checks.Check, msg string, ev ...*client.Response) {
	t.result(c, report.Warn, msg, "", "", ev)
}

// Errorf records that the suite could not judge check id (a timeout, or the
// endpoint gave nothing to judge).
func (t *T) Errorf(c *checks.Check, err error, ev ...*client.Response) {
	t.result(c, report.Error, err.Error(), "", "", ev)
}

// NotSupported records that the endpoint does not offer what check id needs.
func (t *T) NotSupported(c *checks.Check, reason string) {
	t.result(c, report.NotSupported, reason, "", "", nil)
}

// Inapplicable says that check id, though declared, does not apply to what
// the endpoint did here (e.g. the 201 branch when it answered 202): no
// result is recorded for this step, and the reason is kept in case no other
// step judges the check either.
func (t *T) Inapplicable(c *checks.Check, reason string) {
	t.book.judged[c] = true
	t.env.noteInapplicable(c, reason)
}

// NotTested records that check id could not be judged here, with the reason.
func (t *T) NotTested(c *checks.Check, reason string) {
	t.result(c, report.NotTested, reason, "", "", nil)
}

func (t *T) result(c *checks.Check, st report.Status, msg, expected, actual string, ev []*client.Response) {
	if t.book.unsupported[c] && st != report.NotSupported {
		return
	}
	// Once the run has stopped, what a step still records rests on waits it
	// abandoned and requests it did not send: no verdict.
	if st != report.Pass && st != report.NotSupported && st != report.NotTested && t.env.stopped() {
		st, msg, expected, actual, ev = report.NotTested, t.env.stopReason(), "", "", nil
	}
	// A verdict never rests on a request that was not sent, except the
	// refusal to write to what is not the run's, which is itself the verdict
	// of http.identity-kept.
	for _, r := range ev {
		if ref := client.RefusalOf(errOf(r)); ref != nil && ref.Kind != client.RefusedNotOwned && st != report.NotTested {
			st, msg, expected, actual = report.NotTested, "not judged: "+ref.Error(), "", ""
		}
	}
	var ids []int
	if st != report.Pass && st != report.NotSupported {
		for _, r := range ev {
			if r != nil && r.ID > 0 {
				ids = append(ids, r.ID)
			}
		}
		if len(ids) == 0 {
			if last := t.env.client.Last(); last > 0 {
				ids = []int{last}
			}
		}
		ids = t.env.client.Pin(ids...)
	}
	t.env.rec.recordFrom(t.place, c, t.subject, st, msg, expected, actual, t.spec, ids)
	t.book.judged[c] = true
	if _, seen := t.book.failed[c.ID]; (st == report.Fail || st == report.Error) && !seen {
		t.book.failed[c.ID] = failureLine(c, st, msg, expected, actual)
	}
}

// Must stops the step when cond is false: the rest of its checks are
// NotTested, with the reason.
func (t *T) Must(cond bool, format string, args ...any) {
	if !cond {
		panic(stepAbort{reason: fmt.Sprintf(format, args...)})
	}
}

// Skip stops the step because the endpoint does not offer what it needs:
// its remaining checks are NotSupported, with the reason.
func (t *T) Skip(format string, args ...any) {
	panic(stepAbort{reason: fmt.Sprintf(format, args...), skip: true})
}

func errOf(r *client.Response) error {
	if r == nil {
		return nil
	}
	return r.Err
}

// stepLocation names a step by the checks it judges, with their rules, in
// place of a source line.
func stepLocation(ids []*checks.Check) types.CodeLocation {
	parts := make([]string, 0, len(ids))
	for _, c := range ids {
		parts = append(parts, c.ID+" ("+c.Rule+")")
	}
	return types.NewCustomCodeLocation("judges " + strings.Join(parts, ", "))
}

// failureLine says on the console what a failed check is, what it cites,
// and what was expected against what was seen.
func failureLine(c *checks.Check, st report.Status, msg, expected, actual string) string {
	line := fmt.Sprintf("%s [%s %s, §%s]: ", c.ID, c.Rule, c.Level, c.Clause)
	if st == report.Error {
		line += "could not be judged: "
	}
	line += firstLine(msg)
	if expected != "" || actual != "" {
		line += fmt.Sprintf(" (expected %s, saw %s)", orDash(expected), orDash(actual))
	}
	return line
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return firstLine(s)
}
