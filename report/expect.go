package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// An Expectation is a failure a CI gate has accepted for now (--expect): the
// results it names still fail, are reported as expected, and do not fail
// the run. It stops holding on its expiry date, and a run in which the
// failure it names is gone says to remove it.
type Expectation struct {
	// Check is the check's ID.
	Check string `json:"check" yaml:"check"`
	// Subject, when set, narrows the expectation to the results whose
	// subject "Resource/operation/format" matches this pattern (path.Match:
	// * stands for any text without a slash, e.g. "Machine/*/xml").
	Subject string `json:"subject,omitempty" yaml:"subject,omitempty"`
	// Reason says why the failure is accepted (a ticket, a known bug).
	Reason string `json:"reason" yaml:"reason"`
	// Expires is the last day (YYYY-MM-DD) on which the expectation holds.
	Expires string `json:"expires,omitempty" yaml:"expires,omitempty"`
}

// ExpectationResult is an expectation and what the run made of it.
type ExpectationResult struct {
	Expectation
	// Outcome is one of the Expect* values below.
	Outcome string `json:"outcome"`
	// Failing counts the failing results it covered; Passing the results it
	// names that passed.
	Failing int `json:"failing"`
	Passing int `json:"passing"`
}

// Outcomes of an expectation.
const (
	// ExpectHeld: it covered at least one failing result.
	ExpectHeld = "held"
	// ExpectExpired: its date is before the run's; it covered nothing.
	ExpectExpired = "expired"
	// ExpectNowPasses: what it names passed and nothing it names failed.
	ExpectNowPasses = "now-passes"
	// ExpectUnused: the run judged nothing it names (another selection,
	// another version); it does not fail the run.
	ExpectUnused = "unused"
)

// Subject is the result's subject as an expectation's pattern sees it.
func (c CheckResult) Subject() string {
	s := c.Resource + "/" + c.Operation
	if c.Format != "" {
		s += "/" + c.Format
	}
	return s
}

// ReadExpectations reads an expectations file: a YAML mapping whose
// `expectations` key lists them. known says whether a check ID exists, so
// that a typo is an error rather than an expectation that never holds.
func ReadExpectations(file string, known func(id string) bool) ([]Expectation, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read the expectations file: %v", err)
	}
	var doc struct {
		Expectations []Expectation `yaml:"expectations"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("the expectations file %s: %v", file, err)
	}
	if len(doc.Expectations) == 0 {
		return nil, fmt.Errorf("the expectations file %s lists no expectation under `expectations:`", file)
	}
	for i, e := range doc.Expectations {
		if err := e.validate(known); err != nil {
			return nil, fmt.Errorf("the expectations file %s, entry %d: %v", file, i+1, err)
		}
	}
	return doc.Expectations, nil
}

func (e Expectation) validate(known func(string) bool) error {
	switch {
	case e.Check == "":
		return errors.New("it names no check")
	case known != nil && !known(e.Check):
		return fmt.Errorf("%q is no check of this cimitest (cimitest list names them)", e.Check)
	case strings.TrimSpace(e.Reason) == "":
		return fmt.Errorf("%s: say why the failure is accepted (reason)", e.Check)
	}
	if _, err := path.Match(e.Subject, ""); err != nil {
		return fmt.Errorf("%s: subject %q is not a pattern: %v", e.Check, e.Subject, err)
	}
	if e.Expires != "" {
		if _, err := time.Parse(time.DateOnly, e.Expires); err != nil {
			return fmt.Errorf("%s: expires %q is not a date such as 2027-03-31", e.Check, e.Expires)
		}
	}
	return nil
}

// Expect records the expectations on the results and judges the run again.
func (r *Results) Expect(list []Expectation) {
	r.Expectations = make([]ExpectationResult, len(list))
	for i, e := range list {
		r.Expectations[i] = ExpectationResult{Expectation: e}
	}
	r.Finish()
}

// names reports whether the expectation is about the result.
func (e Expectation) names(c CheckResult) bool {
	if c.ID != e.Check {
		return false
	}
	ok, _ := path.Match(e.Subject, c.Subject())
	return e.Subject == "" || ok
}

// expiredOn reports whether the expectation no longer holds on day.
func (e Expectation) expiredOn(day time.Time) bool {
	if e.Expires == "" {
		return false
	}
	last, err := time.Parse(time.DateOnly, e.Expires)
	return err == nil && day.After(last.Add(24*time.Hour-time.Nanosecond))
}

func failing(s Status) bool { return s == Fail || s == Error }

// applyExpectations marks the failing results an expectation covers and
// gives each expectation its outcome. The day is the run's start, so that
// judging the same results again gives the same verdict.
func (r *Results) applyExpectations() {
	for i := range r.Checks {
		r.Checks[i].ExpectedFailure = ""
	}
	for i := range r.Expectations {
		x := &r.Expectations[i]
		x.Failing, x.Passing = 0, 0
		expired := x.expiredOn(r.Run.Started)
		for j := range r.Checks {
			c := &r.Checks[j]
			if !x.names(*c) {
				continue
			}
			switch {
			case c.Status == Pass:
				x.Passing++
			case failing(c.Status) && !expired:
				if c.ExpectedFailure == "" {
					c.ExpectedFailure = x.Reason
					x.Failing++
				}
			}
		}
		switch {
		case expired:
			x.Outcome = ExpectExpired
		case x.Failing > 0:
			x.Outcome = ExpectHeld
		case x.Passing > 0:
			x.Outcome = ExpectNowPasses
		default:
			x.Outcome = ExpectUnused
		}
	}
}

// expectationReasons says which expectations fail the run.
func (r *Results) expectationReasons() []string {
	var out []string
	for _, x := range r.Expectations {
		what := x.Check
		if x.Subject != "" {
			what += " on " + x.Subject
		}
		switch x.Outcome {
		case ExpectExpired:
			out = append(out, fmt.Sprintf("the expected failure of %s (%s) expired on %s: fix it or renew the expectation", what, x.Reason, x.Expires))
		case ExpectNowPasses:
			out = append(out, fmt.Sprintf("%s is expected to fail (%s) but passed: remove the expectation", what, x.Reason))
		}
	}
	return out
}
