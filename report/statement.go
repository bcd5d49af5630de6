package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// StatementFile is the conformance statement a run with a profile writes.
const StatementFile = "statement.yaml"

// statementKind heads every statement, so that a file of another kind is
// refused for what it is.
const statementKind = "cimitest conformance statement 1"

// Statement is what a vendor hands an organizer: who was tested, by which
// build of cimitest, against which profile, with which verdict, and the
// digest of the results that show it. `cimitest verify` checks that a
// statement and a results file belong together and that the verdict follows
// from the results.
type Statement struct {
	Kind           string         `yaml:"statement"`
	Implementation Implementation `yaml:"implementation"`
	Endpoint       string         `yaml:"endpoint"`
	CIMIVersion    string         `yaml:"cimiVersion"`
	Tool           struct {
		Version   string `yaml:"version"`
		Catalogue string `yaml:"catalogue"`
	} `yaml:"cimitest"`
	Profile string `yaml:"profile"`
	// Verdict is "passed" or "not passed"; Reasons say why not.
	Verdict string   `yaml:"verdict"`
	Reasons []string `yaml:"reasons,omitempty"`
	// Counts are the results by status; ExpectedFailures those an
	// expectation (--expect) covers.
	Counts           map[Status]int `yaml:"counts"`
	ExpectedFailures int            `yaml:"expectedFailures,omitempty"`
	// Missing are the features the profile requires and the endpoint does
	// not advertise.
	Missing []string  `yaml:"missingFeatures,omitempty"`
	Started time.Time `yaml:"started"`
	Results struct {
		File   string `yaml:"file"`
		SHA256 string `yaml:"sha256"`
	} `yaml:"results"`
}

func verdict(passed bool) string {
	if passed {
		return "passed"
	}
	return "not passed"
}

// NewStatement states the results of a run with a profile, whose
// results.json is resultsJSON.
func NewStatement(r *Results, resultsJSON []byte) (*Statement, error) {
	if r.Profile == nil {
		return nil, fmt.Errorf("a conformance statement needs a profile (--profile)")
	}
	s := &Statement{Kind: statementKind, Endpoint: r.Run.Endpoint, CIMIVersion: r.Run.CIMIVersion,
		Profile: r.Profile.Name, Verdict: verdict(r.Summary.Passed), Reasons: r.Summary.Reasons,
		Counts: maps.Clone(r.Summary.Counts), ExpectedFailures: r.Summary.ExpectedFailures,
		Missing: r.Profile.Missing, Started: r.Run.Started.UTC()}
	if r.Implementation != nil {
		s.Implementation = *r.Implementation
	}
	s.Tool.Version, s.Tool.Catalogue = r.Tool.Version, r.Tool.Catalogue
	sum := sha256.Sum256(resultsJSON)
	s.Results.File, s.Results.SHA256 = JSONFile, hex.EncodeToString(sum[:])
	return s, nil
}

// WriteStatement writes a statement as YAML.
func WriteStatement(s *Statement) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Conformance statement written by cimitest; check it with\n#   cimitest verify statement.yaml results.json\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

// ReadStatement parses a statement.
func ReadStatement(data []byte) (*Statement, error) {
	var head struct {
		Kind string `yaml:"statement"`
	}
	if err := yaml.Unmarshal(data, &head); err != nil || head.Kind != statementKind {
		return nil, fmt.Errorf("not a cimitest conformance statement (no line statement: %q)", statementKind)
	}
	var s Statement
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("not a cimitest conformance statement: %v", err)
	}
	return &s, nil
}

// Verify checks that the statement belongs to the results and that what it
// states follows from them: the digest of the results file, who and what was
// tested, by which cimitest, and the verdict and counts judged again from
// the results themselves. It returns one sentence per disagreement.
func Verify(s *Statement, resultsJSON []byte) []string {
	var problems []string
	sum := sha256.Sum256(resultsJSON)
	if got := hex.EncodeToString(sum[:]); got != s.Results.SHA256 {
		problems = append(problems, fmt.Sprintf("the results file is not the one stated: its SHA-256 is %s, the statement gives %s", got, s.Results.SHA256))
	}
	var r Results
	if err := json.Unmarshal(resultsJSON, &r); err != nil {
		return append(problems, "the results file is not a cimitest results file: "+err.Error())
	}
	if r.SchemaVersion != SchemaVersion {
		return append(problems, fmt.Sprintf("the results file has schema version %q; this cimitest reads %q", r.SchemaVersion, SchemaVersion))
	}
	if r.Profile == nil {
		return append(problems, "the results judged no profile; a statement is made for a run with --profile")
	}
	stored := r.Summary
	r.Finish() // judge again from the results themselves
	if stored.Passed != r.Summary.Passed || !maps.Equal(stored.Counts, r.Summary.Counts) {
		problems = append(problems, fmt.Sprintf("the results' own summary (%s: %s) does not follow from their checks (%s: %s)",
			verdict(stored.Passed), CountsText(stored.Counts), verdict(r.Summary.Passed), CountsText(r.Summary.Counts)))
	}
	impl := Implementation{}
	if r.Implementation != nil {
		impl = *r.Implementation
	}
	for _, c := range []struct{ what, stated, found string }{
		{"the verdict", s.Verdict, verdict(r.Summary.Passed)},
		{"the profile", s.Profile, r.Profile.Name},
		{"the implementation", fmt.Sprint(s.Implementation), fmt.Sprint(impl)},
		{"the endpoint", s.Endpoint, r.Run.Endpoint},
		{"the CIMI version", s.CIMIVersion, r.Run.CIMIVersion},
		{"the cimitest version", s.Tool.Version, r.Tool.Version},
		{"the check catalogue", s.Tool.Catalogue, r.Tool.Catalogue},
		{"the counts", CountsText(s.Counts), CountsText(r.Summary.Counts)},
		{"the expected failures", fmt.Sprint(s.ExpectedFailures), fmt.Sprint(r.Summary.ExpectedFailures)},
		{"the missing features", fmt.Sprint(s.Missing), fmt.Sprint(r.Profile.Missing)},
		{"the start", s.Started.UTC().Format(time.RFC3339), r.Run.Started.UTC().Format(time.RFC3339)},
	} {
		if c.stated != c.found {
			problems = append(problems, fmt.Sprintf("%s: the statement says %q, the results %q", c.what, c.stated, c.found))
		}
	}
	if !slices.Equal(s.Reasons, r.Summary.Reasons) && s.Verdict == verdict(r.Summary.Passed) {
		problems = append(problems, "the reasons of the verdict differ from those the results give")
	}
	return problems
}

// CountsText gives counts in report order: "1848 pass, 2 not-supported".
func CountsText(counts map[Status]int) string {
	var parts []string
	for _, st := range Statuses {
		if n := counts[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	return strings.Join(parts, ", ")
}
