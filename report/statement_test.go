package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stated writes the reports of a passing run with a profile and reads back
// its statement and results.
func stated(t *testing.T) (st *Statement, resultsJSON []byte) {
	t.Helper()
	r := &Results{Tool: Tool{Name: "cimitest", Version: "v1.2.3", Catalogue: "sha256:abc"},
		Implementation: &Implementation{Organization: "Acme", Product: "Cloud", Version: "7"},
		Run:            Run{Endpoint: "https://cimi.acme.example/cep", CIMIVersion: "2.0"},
		Checks:         []CheckResult{{ID: "a", Status: Pass}, {ID: "b", Status: NotSupported}},
		Profile:        &ProfileResult{Name: "core", Title: "Minimal"}}
	r.Finish()
	dir := t.TempDir()
	if err := WriteAll(dir, r); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, StatementFile))
	if err != nil {
		t.Fatal(err)
	}
	if st, err = ReadStatement(data); err != nil {
		t.Fatal(err)
	}
	if resultsJSON, err = os.ReadFile(filepath.Join(dir, JSONFile)); err != nil {
		t.Fatal(err)
	}
	return st, resultsJSON
}

func TestStatementRoundTrip(t *testing.T) {
	st, results := stated(t)
	if problems := Verify(st, results); len(problems) > 0 {
		t.Fatalf("a statement does not verify against its own results: %v", problems)
	}
	if st.Verdict != "passed" || st.Implementation.Name() != "Acme Cloud 7" || st.Counts[Pass] != 1 || st.Profile != "core" {
		t.Errorf("statement %+v", st)
	}
	// Written again, it reads the same.
	data, err := WriteStatement(st)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadStatement(data)
	if err != nil || len(Verify(back, results)) > 0 {
		t.Errorf("written again: %v %v", err, Verify(back, results))
	}
}

func TestVerifyRefusesEditedResultsAndStatements(t *testing.T) {
	st, results := stated(t)
	edited := bytes.Replace(results, []byte(`"status": "not-supported"`), []byte(`"status": "pass"`), 1)
	if p := Verify(st, edited); len(p) == 0 || !strings.Contains(p[0], "not the one stated") {
		t.Errorf("edited results: %v", p)
	}
	// Results edited and the statement's digest brought up to date: the
	// verdict and counts judged again from the checks still disagree.
	var r Results
	if err := json.Unmarshal(results, &r); err != nil {
		t.Fatal(err)
	}
	r.Checks[0].Status = Fail
	forged, _ := json.Marshal(r)
	st2, _ := NewStatement(&r, forged)
	st2.Verdict, st2.Counts = st.Verdict, st.Counts
	if p := strings.Join(Verify(st2, forged), "; "); !strings.Contains(p, "does not follow from their checks") || !strings.Contains(p, `the verdict: the statement says "passed"`) {
		t.Errorf("forged results: %s", p)
	}
	for name, edit := range map[string]func(*Statement){
		"verdict":        func(s *Statement) { s.Verdict = "not passed" },
		"implementation": func(s *Statement) { s.Implementation.Version = "8" },
		"catalogue":      func(s *Statement) { s.Tool.Catalogue = "sha256:def" },
		"profile":        func(s *Statement) { s.Profile = "full-2.0" },
		"counts":         func(s *Statement) { s.Counts = map[Status]int{Pass: 2} },
	} {
		s := *st
		edit(&s)
		if p := Verify(&s, results); len(p) == 0 {
			t.Errorf("a statement with another %s verified", name)
		}
	}
	if _, err := ReadStatement(results); err == nil || !strings.Contains(err.Error(), "not a cimitest conformance statement") {
		t.Errorf("results read as a statement: %v", err)
	}
}

// A run without a profile writes no statement, and removes one left by an
// earlier run in the same directory.
func TestNoProfileNoStatement(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, StatementFile)
	if err := os.WriteFile(stale, []byte("statement: old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteAll(dir, sample2()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a stale statement stayed: %v", err)
	}
}

// sample2 is sample without its profile.
func sample2() *Results {
	r := sample()
	r.Profile = nil
	r.Finish()
	return r
}
