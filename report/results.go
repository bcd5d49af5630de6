// Package report holds the results model of a cimitest run and writes it as
// JSON, JUnit and HTML. Every report is written from this one model.
package report

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// SchemaVersion is the version of the results.json layout. It changes when a
// field changes meaning or disappears; new fields do not change it.
const SchemaVersion = "1"

// Status is the outcome of one check.
type Status string

const (
	// Pass: the endpoint did what the rule asks.
	Pass Status = "pass"
	// Fail: the endpoint broke a SHALL (or an advertised MAY feature does not work).
	Fail Status = "fail"
	// Warn: the endpoint broke a SHOULD, or a rule the spec leaves unsettled.
	Warn Status = "warn"
	// NotSupported: an optional feature the endpoint does not advertise.
	NotSupported Status = "not-supported"
	// NotTested: the check did not run; Reason says why.
	NotTested Status = "not-tested"
	// Error: the suite could not judge (its own fault, or a timeout).
	Error Status = "error"
)

// rank orders statuses when one check is evaluated several times: the most
// telling outcome wins.
var rank = map[Status]int{Fail: 6, Error: 5, Warn: 4, Pass: 3, NotSupported: 2, NotTested: 1}

// Worse reports whether a tells more than b.
func Worse(a, b Status) bool { return rank[a] > rank[b] }

// Statuses lists every status in report order.
var Statuses = []Status{Fail, Error, Warn, Pass, NotSupported, NotTested}

// Results is everything a run found.
type Results struct {
	SchemaVersion string `json:"schemaVersion"`
	Tool          Tool   `json:"tool"`
	// Implementation is who was tested, when the run was told.
	Implementation *Implementation `json:"implementation,omitempty"`
	Run            Run             `json:"run"`
	Summary        Summary         `json:"summary"`
	Checks         []CheckResult   `json:"checks"`
	Rollup         []Rollup        `json:"rollup"`
	Exchanges      []Exchange      `json:"exchanges,omitempty"`
	Leaks          []Leak          `json:"leaks,omitempty"`
	Errors         []string        `json:"errors,omitempty"`
	// Notes are facts about the run that are no verdict on the endpoint.
	Notes []string `json:"notes,omitempty"`
	// Features are what the endpoint claims, what the profile requires and
	// what the vendor said it offers (--claims).
	Features []FeatureResult `json:"features,omitempty"`
	// Profile is the verdict of the profile the run judged, if any.
	Profile *ProfileResult `json:"profile,omitempty"`
	// Minimal is, in a run without a profile, the verdict of the version's
	// minimal conformance clause (2.0 §7.1), so that a run whose checks are
	// mostly not supported does not read as a plain pass.
	Minimal *ProfileResult `json:"minimalConformance,omitempty"`
	// Expectations are the failures a CI gate accepted (--expect) and what
	// the run made of each.
	Expectations []ExpectationResult `json:"expectations,omitempty"`
	// Timing lists where the run spent its time: the slowest steps and
	// waits, so that a vendor sees where their endpoint is slow.
	Timing *Timing `json:"timing,omitempty"`
}

// Timing is where a run spent its time.
type Timing struct {
	// Workers is how many scenarios ran at the same time (--parallel).
	Workers int `json:"workers"`
	// StepCount steps ran for StepSeconds in all (more than the wall time
	// when they ran side by side); WaitCount waits lasted WaitSeconds.
	StepCount   int     `json:"stepCount"`
	StepSeconds float64 `json:"stepSeconds"`
	WaitCount   int     `json:"waitCount"`
	WaitSeconds float64 `json:"waitSeconds"`
	// Steps and Waits are the slowest, slowest first.
	Steps []Timed `json:"slowestSteps,omitempty"`
	Waits []Timed `json:"slowestWaits,omitempty"`
}

// Timed is one step or wait and how long it took.
type Timed struct {
	What    string  `json:"what"`
	Seconds float64 `json:"seconds"`
	// Outcome is a step's end (passed, failed…) or what ended a wait.
	Outcome string `json:"outcome,omitempty"`
	// Limit is the flag that bounds a wait; Last what the wait saw last.
	Limit string `json:"limit,omitempty"`
	Last  string `json:"last,omitempty"`
}

// FeatureResult is one feature of the endpoint (suites/features).
type FeatureResult struct {
	Feature    string `json:"feature"`
	Discovered bool   `json:"discovered"`
	Source     string `json:"source,omitempty"` // where discovery found it, or why it is missing
	Value      string `json:"value,omitempty"`
	Required   bool   `json:"required,omitempty"` // by the profile
	// Claimed is what the vendor's claim file says; nil without one.
	Claimed *bool `json:"claimed,omitempty"`
}

// Disagrees reports whether the vendor's claim and discovery differ.
func (f FeatureResult) Disagrees() bool { return f.Claimed != nil && *f.Claimed != f.Discovered }

// ProfileResult is the verdict of a profile.
type ProfileResult struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Passed bool   `json:"passed"`
	// Missing are the required features the endpoint does not claim.
	Missing []string `json:"missing,omitempty"`
	// Checks counts the results of the profile's checks by status.
	Checks map[Status]int `json:"checks"`
}

// Tool identifies the program that wrote the results.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Catalogue is a digest of the check catalogue the run judged by, so
	// that two runs of builds with different checks can be told apart.
	Catalogue string `json:"catalogue,omitempty"`
}

// Run describes the run itself.
type Run struct {
	ID        string    `json:"id"`
	Started   time.Time `json:"started"`
	Finished  time.Time `json:"finished"`
	Seconds   float64   `json:"seconds"`
	Endpoint  string    `json:"endpoint"`
	Reference bool      `json:"reference"` // the embedded reference server was the endpoint
	// ReferenceFaults and ReferenceVariations are the switches the embedded
	// reference server had on: a report of a run against a spoiled
	// reference says so.
	ReferenceFaults     []string `json:"referenceFaults,omitempty"`
	ReferenceVariations []string `json:"referenceVariations,omitempty"`
	CIMIVersion         string   `json:"cimiVersion"`
	Formats             []string `json:"formats"`
	Profile             string   `json:"profile,omitempty"`
	ReadOnly            bool     `json:"readOnly,omitempty"`
	LabelFilter         string   `json:"labelFilter,omitempty"`
	Focus               []string `json:"focus,omitempty"`
	Exchanges           int      `json:"exchanges"` // HTTP exchanges made
	// Outcome says whether the run went to its end (OutcomeComplete), was
	// stopped early, or could not happen at all; Stopped says why when it
	// did not complete.
	Outcome Outcome `json:"outcome"`
	Stopped string  `json:"stopped,omitempty"`
	// Steps counts the scenario steps that ran; Selected those the user's
	// selection chose (the others ran because a selected step builds on
	// them).
	Steps    int `json:"steps"`
	Selected int `json:"selected"`
	// Asked are the checks the user named in --label-filter.
	Asked []string `json:"asked,omitempty"`
}

// Outcome is how far a run went.
type Outcome string

const (
	// OutcomeComplete: every selected step ran.
	OutcomeComplete Outcome = "complete"
	// OutcomeInterrupted: an interrupt (Ctrl-C, SIGTERM) stopped the run.
	OutcomeInterrupted Outcome = "interrupted"
	// OutcomeTimedOut: --timeout-run stopped the run.
	OutcomeTimedOut Outcome = "timed-out"
	// OutcomeNotRun: the run could not happen (Stopped says why).
	OutcomeNotRun Outcome = "not-run"
)

// Summary counts results by status and gives the verdict.
type Summary struct {
	Total  int            `json:"total"`
	Counts map[Status]int `json:"counts"`
	// Passed is true when the run went to its end, judged at least one
	// check (every check asked for by name among them), and nothing failed,
	// erred or was left behind.
	Passed bool `json:"passed"`
	// ExpectedFailures counts the failing results an expectation covers:
	// counted as failed, they do not fail the run.
	ExpectedFailures int `json:"expectedFailures,omitempty"`
	// Reasons say, one sentence each, why the run did not pass.
	Reasons []string `json:"reasons,omitempty"`
}

// CheckResult is one check judged on one subject (resource type, operation
// and serialization).
type CheckResult struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Rule      string `json:"rule"`
	Clause    string `json:"clause"`
	Lines     string `json:"lines,omitempty"`
	Level     string `json:"level"`
	Area      string `json:"area"`
	Resource  string `json:"resource"`
	Operation string `json:"operation"`
	Format    string `json:"format,omitempty"`
	Status    Status `json:"status"`
	// Message explains a status other than Pass (or the reason for NotTested).
	Message  string `json:"message,omitempty"`
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	// Evidence lists the IDs of the exchanges that show the outcome.
	Evidence []int `json:"evidence,omitempty"`
	// Spec is the scenario step that judged the check.
	Spec string `json:"spec,omitempty"`
	// Count is how many times the check was judged on this subject.
	Count int `json:"count"`
	// ExpectedFailure is the reason of the expectation (--expect) that
	// covers this failing result.
	ExpectedFailure string `json:"expectedFailure,omitempty"`
}

// Key identifies the subject of a result.
func (c CheckResult) Key() string {
	return c.ID + "|" + c.Resource + "|" + c.Operation + "|" + c.Format
}

// Rollup is the outcome per resource type x operation x serialization.
type Rollup struct {
	Resource  string         `json:"resource"`
	Operation string         `json:"operation"`
	Format    string         `json:"format,omitempty"`
	Status    Status         `json:"status"`
	Counts    map[Status]int `json:"counts"`
}

// Exchange is one recorded HTTP request and response, secrets redacted.
type Exchange struct {
	ID              int                 `json:"id"`
	Time            time.Time           `json:"time"`
	Millis          float64             `json:"millis"`
	Method          string              `json:"method"`
	URL             string              `json:"url"`
	RequestHeaders  map[string][]string `json:"requestHeaders,omitempty"`
	RequestBody     string              `json:"requestBody,omitempty"`
	Status          int                 `json:"status,omitempty"`
	ResponseHeaders map[string][]string `json:"responseHeaders,omitempty"`
	ResponseBody    string              `json:"responseBody,omitempty"`
	// Truncated is set when a body was cut for the report.
	Truncated bool   `json:"truncated,omitempty"`
	Error     string `json:"error,omitempty"`
	Curl      string `json:"curl"`
	// Note says why the suite made the request when it is not a check's own
	// (for instance, making sure a resource is the run's before a write).
	Note string `json:"note,omitempty"`
}

// Leak is a resource the run made and left behind: one it could not remove
// (Reason says what stopped it), or kept on purpose (--keep-resources).
type Leak struct {
	URI    string `json:"uri"`
	Type   string `json:"type"`
	Name   string `json:"name,omitempty"`
	Reason string `json:"reason"`
	// Kept marks a resource left on purpose; it does not fail the run.
	Kept bool `json:"kept,omitempty"`
	// Deleting marks a resource whose DELETE the endpoint accepted and that
	// had not yet gone when the cleanup ended: it may go by itself.
	Deleting bool `json:"deleting,omitempty"`
	// Unverified marks a resource the cleanup was stopped before it could
	// read: it may have gone with another, or by itself.
	Unverified bool `json:"unverified,omitempty"`
}

// Finish computes the summary and the rollup and sorts the checks.
func (r *Results) Finish() {
	r.SchemaVersion = SchemaVersion
	sort.SliceStable(r.Checks, func(i, j int) bool {
		a, b := r.Checks[i], r.Checks[j]
		if a.Area != b.Area {
			return a.Area < b.Area
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Resource != b.Resource {
			return a.Resource < b.Resource
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		return a.Format < b.Format
	})
	r.applyExpectations()
	r.Summary = Summary{Total: len(r.Checks), Counts: map[Status]int{}}
	for _, c := range r.Checks {
		r.Summary.Counts[c.Status]++
	}
	if r.Run.Outcome == "" {
		r.Run.Outcome = OutcomeComplete
	}
	r.Summary.Reasons = r.reasons()
	f, e := r.expectedFailures()
	r.Summary.ExpectedFailures = f + e
	r.Summary.Passed = len(r.Summary.Reasons) == 0
	if p := r.Profile; p != nil {
		p.Checks = r.Summary.Counts
		p.Passed = len(p.Missing) == 0 && r.Summary.Passed
		if len(p.Missing) > 0 {
			r.Summary.Reasons = append(r.Summary.Reasons, fmt.Sprintf("the endpoint does not advertise what the profile %s requires: %s",
				p.Name, strings.Join(p.Missing, ", ")))
		}
		r.Summary.Passed = p.Passed
	}
	if m := r.Minimal; m != nil {
		m.Passed = len(m.Missing) == 0 && m.Checks[Fail]+m.Checks[Error] == 0
		if len(m.Missing) > 0 {
			r.Summary.Reasons = append(r.Summary.Reasons, fmt.Sprintf("the endpoint does not meet %s: it does not advertise %s",
				m.Title, strings.Join(m.Missing, ", ")))
			r.Summary.Passed = false
		}
	}
	r.Rollup = rollup(r.Checks)
	if !r.Run.Finished.IsZero() {
		r.Run.Seconds = r.Run.Finished.Sub(r.Run.Started).Seconds()
	}
}

// reasons says why the run does not pass; none when it does.
func (r *Results) reasons() []string {
	var out []string
	c := r.Summary.Counts
	switch r.Run.Outcome {
	case OutcomeNotRun:
		return []string{"the run could not happen: " + r.Run.Stopped}
	case OutcomeInterrupted, OutcomeTimedOut:
		out = append(out, "the run did not finish: "+r.Run.Stopped)
	}
	expFail, expErr := r.expectedFailures()
	if n := c[Fail] - expFail; n > 0 {
		out = append(out, Plural(n, "check failed", "checks failed")+unexpected(expFail))
	}
	if n := c[Error] - expErr; n > 0 {
		out = append(out, Plural(n, "check could not be judged (error)", "checks could not be judged (error)")+unexpected(expErr))
	}
	out = append(out, r.expectationReasons()...)
	if n := r.LeftBehind(); n > 0 {
		out = append(out, Plural(n, "resource was left behind", "resources were left behind"))
	}
	if len(r.Errors) > 0 {
		out = append(out, Plural(len(r.Errors), "error of the run itself", "errors of the run itself"))
	}
	if c[Pass]+c[Fail]+c[Warn]+c[Error] == 0 {
		out = append(out, "no check was judged: the selection ran no step, or every check it reached was not supported or not tested")
	}
	if missed := r.unjudgedAsked(); len(missed) > 0 {
		out = append(out, fmt.Sprintf("%s asked for by name: %s", Plural(len(missed), "check was not judged", "checks were not judged"),
			strings.Join(missed, "; ")))
	}
	return out
}

// expectedFailures counts the failed and erred results an expectation
// covers.
func (r *Results) expectedFailures() (fail, err int) {
	for _, c := range r.Checks {
		switch {
		case c.ExpectedFailure == "":
		case c.Status == Fail:
			fail++
		case c.Status == Error:
			err++
		}
	}
	return fail, err
}

func unexpected(expected int) string {
	if expected == 0 {
		return ""
	}
	return " that no expectation covers"
}

// unjudgedAsked lists the checks named in --label-filter that have no
// verdict, with the reason the run gave.
func (r *Results) unjudgedAsked() []string {
	var out []string
	for _, id := range r.Run.Asked {
		judged, why := false, "no step judged it"
		for _, c := range r.Checks {
			if c.ID != id {
				continue
			}
			if c.Status != NotTested {
				judged = true
				break
			}
			why = c.Message
		}
		if !judged {
			out = append(out, id+" ("+why+")")
		}
	}
	return out
}

// LeftBehind counts the resources the run left and did not mean to.
func (r *Results) LeftBehind() int {
	n := 0
	for _, l := range r.Leaks {
		if !l.Kept {
			n++
		}
	}
	return n
}

// Plural gives "1 check" or "3 checks".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func rollup(checks []CheckResult) []Rollup {
	idx := map[string]*Rollup{}
	var keys []string
	for _, c := range checks {
		if c.Status == NotTested {
			continue
		}
		k := c.Resource + "|" + c.Operation + "|" + c.Format
		ru := idx[k]
		if ru == nil {
			ru = &Rollup{Resource: c.Resource, Operation: c.Operation, Format: c.Format, Status: NotTested, Counts: map[Status]int{}}
			idx[k] = ru
			keys = append(keys, k)
		}
		ru.Counts[c.Status]++
		if Worse(c.Status, ru.Status) {
			ru.Status = c.Status
		}
	}
	sort.Strings(keys)
	out := make([]Rollup, 0, len(keys))
	for _, k := range keys {
		out = append(out, *idx[k])
	}
	return out
}

// Exchange finds a recorded exchange by ID.
func (r *Results) Exchange(id int) *Exchange {
	i := sort.Search(len(r.Exchanges), func(i int) bool { return r.Exchanges[i].ID >= id })
	if i < len(r.Exchanges) && r.Exchanges[i].ID == id {
		return &r.Exchanges[i]
	}
	return nil
}

// Anchor is the fragment that names a result in report.html: a permalink
// that stays the same from run to run for the same check and subject.
func Anchor(c CheckResult) string {
	return "r-" + anchorSafe(c.ID+"--"+c.Resource+"--"+c.Operation+"--"+c.Format)
}

// CheckAnchor names a check's first result in report.html.
func CheckAnchor(id string) string { return "check-" + anchorSafe(id) }

// ExchangeAnchor names a recorded exchange in report.html.
func ExchangeAnchor(id int) string { return fmt.Sprintf("x-%d", id) }

func anchorSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '_'
	}, s)
}
