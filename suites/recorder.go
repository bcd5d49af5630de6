package suites

import (
	"sync"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
)

// recorder collects check results. One check judged several times on the
// same subject keeps one result: the most telling status, with its message
// and evidence, and the count of judgements.
type recorder struct {
	mu      sync.Mutex
	results map[string]*report.CheckResult
	order   []string
	// keep selects the checks the run reports (a profile's); nil keeps all.
	keep func(*checks.Check) bool
}

func newRecorder() *recorder {
	return &recorder{results: map[string]*report.CheckResult{}}
}

// subject is what a result is about.
type subject struct {
	resource, operation, format string
}

func (r *recorder) record(c *checks.Check, s subject, st report.Status, msg, expected, actual, spec string, evidence []int) {
	if r.keep != nil && !r.keep(c) {
		return
	}
	res := report.CheckResult{
		ID: c.ID, Title: c.Title, Rule: c.Rule, Clause: c.Clause, Lines: c.Lines, Level: string(c.Level),
		Area: c.Area, Resource: s.resource, Operation: s.operation, Format: s.format,
		Status: st, Message: msg, Expected: expected, Actual: actual, Evidence: evidence, Spec: spec, Count: 1,
	}
	if res.Resource == "" {
		res.Resource = c.Resource
	}
	if res.Operation == "" {
		res.Operation = c.Operation
	}
	key := res.Key()
	r.mu.Lock()
	defer r.mu.Unlock()
	prev, ok := r.results[key]
	if !ok {
		r.results[key] = &res
		r.order = append(r.order, key)
		return
	}
	prev.Count++
	if report.Worse(st, prev.Status) {
		res.Count = prev.Count
		*prev = res
	}
}

// judged reports whether check id has any result.
func (r *recorder) judged(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, res := range r.results {
		if res.ID == id {
			return true
		}
	}
	return false
}

// list returns the results in the order they were first recorded.
func (r *recorder) list() []report.CheckResult {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]report.CheckResult, 0, len(r.order))
	for _, k := range r.order {
		out = append(out, *r.results[k])
	}
	return out
}
