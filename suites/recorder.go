package suites

import (
	"math"
	"sort"
	"sync"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
)

// recorder collects check results. One check judged several times on the
// same subject keeps one result: the most telling status, with its message
// and evidence, and the count of judgements.
//
// Results are listed in the order of the scenarios that first judged them
// (units, parallel.go), whichever order the scenarios ran in: a run with
// one worker and a run with eight list the same results in the same order.
type recorder struct {
	mu      sync.Mutex
	results map[string]*recorded
	seq     int
	// keep selects the checks the run reports (a profile's); nil keeps all.
	keep func(*checks.Check) bool
	// unit gives the unit of the scenario recording now.
	unit func() int
}

// Unit positions outside the scenarios: discovery comes first, the checks
// of steps that did not run after every scenario, the checks no step
// judged last.
const (
	unitDiscovery = -1
	unitSkipped   = 1 << 20 // plus the unit of the step that did not run
	unitUnjudged  = math.MaxInt32
)

// recorded is a result with where it stands in the list: the unit that
// first judged it, the unit whose judgement it keeps, and the order within
// the unit.
type recorded struct {
	report.CheckResult
	First, Kept, Seq int
}

func newRecorder() *recorder {
	return &recorder{results: map[string]*recorded{}, unit: func() int { return unitDiscovery }}
}

// subject is what a result is about.
type subject struct {
	resource, operation, format string
}

func (r *recorder) record(c *checks.Check, s subject, st report.Status, msg, expected, actual, spec string, evidence []int) {
	r.recordFrom(place{unit: r.unit()}, c, s, st, msg, expected, actual, spec, evidence)
}

// recordFrom records a result from a given place.
func (r *recorder) recordFrom(p place, c *checks.Check, s subject, st report.Status, msg, expected, actual, spec string, evidence []int) {
	if r.keep != nil && !r.keep(c) {
		return
	}
	r.recordAt(p, result(c, s, st, msg, expected, actual, spec, evidence))
}

// place is where a result is recorded from: a unit, and for a judgement
// made in the background after its step, the position the step reserved.
type place struct {
	unit int
	at   *reserved
}

// reserved is a position in the recorder's order kept for what a step
// judges later, so that the order of the results does not hang on when a
// background wait ends.
type reserved struct {
	mu   sync.Mutex
	seq  int
	used int
}

// seqStep leaves room between results for what a background judgement
// records at a reserved position.
const seqStep = 1000

// reserve keeps the next position for a later judgement.
func (r *recorder) reserve() *reserved {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq += seqStep
	return &reserved{seq: r.seq}
}

func (r *recorder) recordAt(p place, res report.CheckResult) {
	seq := 0
	if p.at != nil {
		p.at.mu.Lock()
		p.at.used++
		seq = p.at.seq + min(p.at.used, seqStep-1)
		p.at.mu.Unlock()
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if seq == 0 {
		r.seq += seqStep
		seq = r.seq
	}
	r.add(recorded{CheckResult: res, First: p.unit, Kept: p.unit, Seq: seq})
}

// result builds a check result.
func result(c *checks.Check, s subject, st report.Status, msg, expected, actual, spec string, evidence []int) report.CheckResult {
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
	return res
}

// add keeps one more judgement: the first fixes the result's place, the
// worst status its message (the earliest of equally bad ones).
func (r *recorder) add(in recorded) {
	key := in.Key()
	prev, ok := r.results[key]
	if !ok {
		r.results[key] = &in
		return
	}
	count := prev.Count + in.Count
	first, seq := prev.First, prev.Seq
	if in.First < first || (in.First == first && in.Seq < seq) {
		first, seq = in.First, in.Seq
	}
	if report.Worse(in.Status, prev.Status) || (in.Status == prev.Status && in.Kept < prev.Kept) {
		*prev = in
	}
	prev.Count, prev.First, prev.Seq = count, first, seq
}

// merge takes in a worker's results, whose exchanges were renumbered.
func (r *recorder) merge(in []recorded) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, res := range in {
		r.add(res)
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

// all returns the results with their places, in list order.
func (r *recorder) all() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]recorded, 0, len(r.results))
	for _, res := range r.results {
		out = append(out, *res)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].First != out[j].First {
			return out[i].First < out[j].First
		}
		return out[i].Seq < out[j].Seq
	})
	return out
}

// list returns the results in list order.
func (r *recorder) list() []report.CheckResult {
	all := r.all()
	out := make([]report.CheckResult, len(all))
	for i, res := range all {
		out[i] = res.CheckResult
	}
	return out
}
