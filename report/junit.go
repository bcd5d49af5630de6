package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/jstemmer/go-junit-report/v2/junit"
)

// WriteJUnit writes junit.xml: one test suite per area, one test case per
// check and subject, with the rule and clause in the name. Warnings pass
// (JUnit has no warning) and say so in system-out; NotSupported and
// NotTested are skipped.
func WriteJUnit(w io.Writer, r *Results) error {
	byArea := map[string][]CheckResult{}
	for _, c := range r.Checks {
		byArea[c.Area] = append(byArea[c.Area], c)
	}
	areas := make([]string, 0, len(byArea))
	for a := range byArea {
		areas = append(areas, a)
	}
	sort.Strings(areas)
	suites := junit.Testsuites{Name: "cimitest " + r.Run.Endpoint}
	for i, area := range areas {
		ts := junit.Testsuite{Name: area, ID: i, Time: "0", Package: "cimitest"}
		ts.SetTimestamp(r.Run.Started)
		ts.AddProperty("endpoint", r.Run.Endpoint)
		ts.AddProperty("cimiVersion", r.Run.CIMIVersion)
		ts.AddProperty("runID", r.Run.ID)
		ts.AddProperty("cimitestVersion", r.Tool.Version)
		if r.Tool.Catalogue != "" {
			ts.AddProperty("catalogue", r.Tool.Catalogue)
		}
		if impl := r.Implementation; impl != nil {
			ts.AddProperty("implementation", impl.Name())
			if impl.Contact != "" {
				ts.AddProperty("implementationContact", impl.Contact)
			}
			if impl.URL != "" {
				ts.AddProperty("implementationURL", impl.URL)
			}
		}
		if r.Run.Profile != "" {
			ts.AddProperty("profile", r.Run.Profile)
		}
		for _, f := range r.Run.ReferenceFaults {
			ts.AddProperty("referenceFault", f)
		}
		for _, v := range r.Run.ReferenceVariations {
			ts.AddProperty("referenceVariation", v)
		}
		for _, n := range r.Notes {
			ts.AddProperty("note", n)
		}
		for _, c := range byArea[area] {
			ts.AddTestcase(testcase(r, c))
		}
		suites.AddSuite(ts)
	}
	if p := r.Profile; p != nil {
		ts := junit.Testsuite{Name: "profile " + p.Name, ID: len(areas) + 1, Time: "0", Package: "cimitest"}
		for _, f := range r.Features {
			if !f.Required {
				continue
			}
			tc := junit.Testcase{Name: "requires " + f.Feature, Classname: "profile." + p.Name}
			if !f.Discovered {
				tc.Failure = &junit.Result{Message: "the endpoint does not claim " + f.Feature + ": " + f.Source, Type: "missing-feature"}
			}
			ts.AddTestcase(tc)
		}
		suites.AddSuite(ts)
	}
	suites.AddSuite(runSuite(r, len(areas)))
	if _, err := io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"); err != nil {
		return err
	}
	return suites.WriteXML(w)
}

// runSuite holds what is about the run itself: its verdict (a failure
// listing every reason it did not pass, so that a CI reading only JUnit
// sees them, also those no check stands for: an interrupt, nothing judged),
// what it left behind and its own errors.
func runSuite(r *Results, id int) junit.Testsuite {
	ts := junit.Testsuite{Name: "run", ID: id, Time: "0", Package: "cimitest"}
	ts.SetTimestamp(r.Run.Started)
	ts.AddProperty("outcome", string(r.Run.Outcome))
	if m := r.Minimal; m != nil {
		ts.AddProperty("minimalConformance", map[bool]string{true: "met", false: "not met"}[m.Passed]+" ("+m.Title+")")
	}
	verdict := junit.Testcase{Name: "verdict: the run went to its end, judged what was asked and passed", Classname: "run"}
	if !r.Summary.Passed {
		typ := "not-passed"
		if r.Run.Outcome != OutcomeComplete {
			typ = string(r.Run.Outcome)
		}
		verdict.Failure = &junit.Result{Message: strings.Join(r.Summary.Reasons, "; "), Type: typ,
			Data: strings.Join(r.Summary.Reasons, "\n")}
	}
	ts.AddTestcase(verdict)
	for _, x := range r.Expectations {
		tc := junit.Testcase{Name: "expectation " + x.Check + " " + x.Subject + ": " + x.Reason, Classname: "run"}
		switch x.Outcome {
		case ExpectExpired, ExpectNowPasses:
			tc.Failure = &junit.Result{Message: x.Outcome, Type: "expectation"}
		case ExpectUnused:
			tc.Skipped = &junit.Result{Message: "the run judged nothing it names"}
		}
		ts.AddTestcase(tc)
	}
	for _, l := range r.Leaks {
		tc := junit.Testcase{Name: "cleanup " + l.Type + " " + l.URI, Classname: "run"}
		if l.Kept {
			tc.Skipped = &junit.Result{Message: "kept on purpose: " + l.Reason}
		} else {
			tc.Failure = &junit.Result{Message: "resource left behind: " + l.Reason, Type: "leak"}
		}
		ts.AddTestcase(tc)
	}
	for i, e := range r.Errors {
		ts.AddTestcase(junit.Testcase{Name: fmt.Sprintf("run error %d", i+1), Classname: "run",
			Error: &junit.Result{Message: e, Type: "error"}})
	}
	return ts
}

// CaseName names a check result the same way in every report.
func CaseName(c CheckResult) string {
	subject := c.Resource + " " + c.Operation
	if c.Format != "" {
		subject += " [" + c.Format + "]"
	}
	return fmt.Sprintf("%s %s: %s (%s, %s, %s)", c.ID, subject, c.Title, c.Rule, Citation(c), c.Level)
}

// Citation gives "§4.2.1.1 l.988-1000".
func Citation(c CheckResult) string {
	s := "§" + c.Clause
	if c.Lines != "" {
		s += " " + c.Lines
	}
	return s
}

func testcase(r *Results, c CheckResult) junit.Testcase {
	tc := junit.Testcase{Name: CaseName(c), Classname: c.Area + "." + c.Resource}
	detail := details(r, c)
	if c.ExpectedFailure != "" {
		// A CI reading JUnit would go red on a failure the gate accepted.
		tc.Skipped = &junit.Result{Message: "expected " + string(c.Status) + " (" + c.ExpectedFailure + "): " + c.Message}
		tc.SystemOut = &junit.Output{Data: detail}
		return tc
	}
	switch c.Status {
	case Fail:
		tc.Failure = &junit.Result{Message: c.Message, Type: c.Level, Data: detail}
	case Error:
		tc.Error = &junit.Result{Message: c.Message, Type: "error", Data: detail}
	case NotSupported, NotTested:
		tc.Skipped = &junit.Result{Message: string(c.Status) + ": " + c.Message}
	case Warn:
		tc.SystemOut = &junit.Output{Data: "WARNING: " + c.Message + "\n" + detail}
	}
	return tc
}

// details renders expected/actual and the evidence as plain text.
func details(r *Results, c CheckResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule %s, %s, level %s\n", c.Rule, Citation(c), c.Level)
	if c.Spec != "" {
		fmt.Fprintf(&b, "scenario: %s\n", c.Spec)
	}
	if c.Expected != "" || c.Actual != "" {
		fmt.Fprintf(&b, "expected: %s\nactual:   %s\n", c.Expected, c.Actual)
	}
	for _, id := range c.Evidence {
		if x := r.Exchange(id); x != nil {
			fmt.Fprintf(&b, "\n#%d %s %s -> %d\n%s\n", x.ID, x.Method, x.URL, x.Status, x.Curl)
		}
	}
	return b.String()
}
