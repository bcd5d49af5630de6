// Package features names what a CIMI endpoint can offer and finds out what
// one claims, the way a Consumer does (§5.11, §5.12): the collections of its
// Cloud Entry Point, the add operation of each collection, the capabilities
// and actions of its ResourceMetadata, the serializations it answers in.
// Checks declare the features they need; a check whose feature is not
// claimed is not supported, and a claimed feature must work.
package features

import (
	"sort"
	"strings"
)

// Feature is the stable name of something an endpoint may offer, e.g.
// "collection/machines", "create/Machine",
// "capability/CloudEntryPoint/FilterParameter", "action/Machine/capture",
// "format/xml".
type Feature string

// Collection is a collection the Cloud Entry Point lists (§5.12, Table 8).
func Collection(attr string) Feature { return Feature("collection/" + attr) }

// Create is a type whose collection offers add (§5.5.12.1).
func Create(typ string) Feature { return Feature("create/" + typ) }

// Capability is a capability of a resource type set to true, or to a value
// (§5.11.1, Table 7).
func Capability(resource, name string) Feature {
	return Feature("capability/" + resource + "/" + name)
}

// Action is an operation a type's ResourceMetadata lists in actions (§5.11,
// Table 6), by the last segment of its URI.
func Action(typ, name string) Feature { return Feature("action/" + typ + "/" + name) }

// Format is a serialization the endpoint answers in (§4.1.4).
func Format(f string) Feature { return Feature("format/" + f) }

// Kind is the first segment of the name: collection, create, capability,
// action or format.
func (f Feature) Kind() string {
	k, _, _ := strings.Cut(string(f), "/")
	return k
}

// Claim is where a feature was found and, for a capability, its value.
type Claim struct {
	Source string `json:"source"`
	Value  string `json:"value,omitempty"`
}

// Set is what an endpoint claims.
type Set struct {
	claims map[Feature]Claim
	// actionTypes are the types whose ResourceMetadata lists actions: for
	// the others the actions an instance offers are only known when one is
	// read.
	actionTypes map[string]bool
}

// NewSet is an empty set.
func NewSet() *Set { return &Set{claims: map[Feature]Claim{}, actionTypes: map[string]bool{}} }

// Add records a claimed feature.
func (s *Set) Add(f Feature, c Claim) {
	if _, dup := s.claims[f]; !dup {
		s.claims[f] = c
	}
	if f.Kind() == "action" {
		typ := strings.Split(string(f), "/")[1]
		s.actionTypes[typ] = true
	}
}

// Has reports whether the endpoint claims f. known is false when the
// endpoint's metadata cannot say (the actions of a type whose
// ResourceMetadata lists none): then only the instances tell.
func (s *Set) Has(f Feature) (claimed, known bool) {
	if _, ok := s.claims[f]; ok {
		return true, true
	}
	if f.Kind() == "action" {
		typ := strings.Split(string(f), "/")[1]
		return false, s.actionTypes[typ]
	}
	return false, true
}

// Lacks reports whether the endpoint is known not to claim f.
func (s *Set) Lacks(f Feature) bool {
	claimed, known := s.Has(f)
	return known && !claimed
}

// Claim gives the claim of f.
func (s *Set) Claim(f Feature) (Claim, bool) {
	c, ok := s.claims[f]
	return c, ok
}

// List gives the claimed features, sorted.
func (s *Set) List() []Feature {
	out := make([]Feature, 0, len(s.claims))
	for f := range s.claims {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Where says where an endpoint would advertise f, for the reason of a
// not-supported result.
func Where(f Feature) string {
	parts := strings.Split(string(f), "/")
	switch f.Kind() {
	case "collection":
		return "the Cloud Entry Point lists no " + parts[1]
	case "create":
		return "the " + parts[1] + "Collection offers no add operation"
	case "capability":
		return "the " + parts[1] + " ResourceMetadata does not set the " + parts[2] + " capability"
	case "action":
		return "the " + parts[1] + " ResourceMetadata lists no " + parts[2] + " action"
	case "format":
		return "the endpoint does not answer in " + parts[1]
	}
	return "the endpoint does not advertise " + string(f)
}
