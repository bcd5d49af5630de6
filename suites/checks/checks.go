// Package checks is the catalogue of every check cimitest can make: its
// stable ID, the digest rule it judges, the clause and lines of DSP0263 it
// rests on, its level and its labels. The scenario specs judge checks by ID;
// `cimitest list` prints this catalogue.
package checks

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// Level is the strength of the rule: a failed SHALL check fails, a failed
// SHOULD check warns. A MAY feature that is absent is not supported; one that
// is advertised and broken fails like a SHALL.
type Level string

const (
	Shall  Level = "SHALL"
	Should Level = "SHOULD"
	May    Level = "MAY"
)

// Check is one entry of the catalogue.
type Check struct {
	ID    string
	Title string // what the endpoint must do, in cimitest's words
	// Rule lists the numbered rules of the spec digest the check judges
	// (rules.go holds their levels).
	Rule   string
	Clause string // DSP0263 2.0.0 clause, e.g. "4.2.1.1"
	Lines  string // the spec's margin lines, e.g. "l.988-1000"
	Level  Level
	Area   string
	// Resource and Operation name the default subject of the check; a
	// scenario may judge it on another resource type.
	Resource  string
	Operation string
	// Mutating checks create, change or delete resources; read-only mode
	// leaves them out.
	Mutating bool
	// Only restricts the check to one CIMI version ("" for both).
	Only model.Version
	// Untestable gives the reason a rule cannot be judged from outside; such
	// checks are listed but never run.
	Untestable string
	// Needs are the features the endpoint must advertise for the check to
	// apply: where one is missing the check is not supported, with where it
	// would have been advertised.
	Needs []features.Feature
	// Pervasive checks are judged on every exchange of their kind (every
	// representation read, every Job followed), by whichever step makes it:
	// every step carries their label, so that selecting one runs them all.
	Pervasive bool
}

// everywhere marks a check judged by every step that meets its subject.
func everywhere(c Check) Check {
	c.Pervasive = true
	return c
}

// String is the check's ID.
func (c *Check) String() string { return c.ID }

// Citation gives "§4.2.1.1 l.988-1000".
func (c *Check) Citation() string {
	s := "§" + c.Clause
	if c.Lines != "" {
		s += " " + c.Lines
	}
	return s
}

// AppliesTo reports whether the check is judged for version v.
func (c *Check) AppliesTo(v model.Version) bool { return c.Only == "" || c.Only == v }

var registry = map[string]*Check{}

// declare adds a check to the catalogue, with the features it needs, and
// returns it: scenarios and tests refer to a check by the variable it is
// declared as. IDs must be unique and well formed.
func declare(c Check, needs ...features.Feature) *Check {
	if _, dup := registry[c.ID]; dup {
		panic("checks: duplicate ID " + c.ID)
	}
	if err := validLabel(c.ID); err != nil {
		panic(err)
	}
	switch c.Level {
	case Shall, Should, May:
	default:
		panic("checks: " + c.ID + " has no level")
	}
	if c.Title == "" || c.Rule == "" || c.Clause == "" || c.Area == "" || c.Resource == "" || c.Operation == "" {
		panic("checks: " + c.ID + " lacks a title, rule, clause, area, resource or operation")
	}
	c.Needs = append(c.Needs, needs...)
	registry[c.ID] = &c
	return &c
}

// validLabel keeps IDs usable as Ginkgo labels (no &|!,()/ or spaces).
func validLabel(id string) error {
	if id == "" || strings.ContainsAny(id, "&|!,()/ \t:") {
		return fmt.Errorf("checks: %q cannot be a label", id)
	}
	return nil
}

// Get returns the check with id, or nil.
func Get(id string) *Check { return registry[id] }

// MustGet returns the check with id and panics on an unknown ID: a typo in a
// scenario is a bug of the suite, found by its own tests.
func MustGet(id string) *Check {
	c := registry[id]
	if c == nil {
		panic("checks: unknown check " + id)
	}
	return c
}

// Pervasive lists the checks judged on every exchange of their kind.
func Pervasive() []*Check {
	var out []*Check
	for _, c := range All() {
		if c.Pervasive {
			out = append(out, c)
		}
	}
	return out
}

// All lists the catalogue sorted by area, then ID.
func All() []*Check {
	out := make([]*Check, 0, len(registry))
	for _, c := range registry {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Area != out[j].Area {
			return out[i].Area < out[j].Area
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Digest identifies the catalogue: a SHA-256 over every check's ID, rules,
// citation, level, subject, needs and version. Two builds whose checks judge
// the same things give the same digest; any change of what a check is gives
// another.
func Digest() string {
	h := sha256.New()
	for _, c := range All() {
		needs := make([]string, len(c.Needs))
		for i, n := range c.Needs {
			needs[i] = string(n)
		}
		fmt.Fprintf(h, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%t\x1f%s\x1f%s\x1f%t\x1f%s\x1e",
			c.ID, c.Title, c.Rule, c.Clause, c.Lines, c.Level, c.Area, c.Resource+" "+c.Operation, c.Mutating,
			c.Only, c.Untestable, c.Pervasive, strings.Join(needs, ","))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
