package checks

import (
	"slices"
	"strings"
	"testing"

	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// A check of something optional must declare the feature it needs: without
// it, an endpoint that does not offer the feature gets a failure instead of
// "not supported". What a check is about (its resource and operation)
// says what it needs at least; the few checks that judge whatever the
// endpoint offers say why they need nothing here.
var needNothing = map[*Check]string{
	QueryUnknownIgnored:    "judged on every collection the entry point lists, whichever they are",
	QueryProviderParams:    "judged on every URI the entry point leads to",
	CollectionInsert:       "judged on whichever collection of a Machine offers insert or remove",
	MachineCollectionCount: "judged on every collection the run reads whole",
}

// expectedNeeds derives from a check's subject the features it cannot do
// without: the collection its resource lives in, the create of a create, the
// action of an action, and some capability for a query.
func expectedNeeds(c *Check) []features.Feature {
	if c.Area == "query" {
		return nil // judged on whichever collections offer the parameter
	}
	typ := strings.TrimSuffix(c.Resource, "Collection")
	if typ == "Disk" {
		typ = "Machine" // Disks live in their Machine
	}
	var out []features.Feature
	for _, v := range []model.Version{model.V2, model.V1} {
		for _, cc := range model.CEPCollections(v) {
			if cc.Item == typ && !slices.Contains(out, features.Collection(cc.Attr)) {
				out = append(out, features.Collection(cc.Attr))
			}
		}
	}
	switch op := c.Operation; {
	case op == "create" && len(out) > 0:
		out = append(out, features.Create(typ))
	case strings.HasPrefix(op, "action:") && c.Resource != typ:
		// An operation of a collection (import) is the collection's: the
		// item type's ResourceMetadata does not list it.
		out = append(out, features.Action(c.Resource, strings.TrimPrefix(op, "action:")))
	case strings.HasPrefix(op, "action:"):
		out = append(out, features.Action(typ, strings.TrimPrefix(op, "action:")))
	}
	return out
}

func TestOptionalFeaturesAreNeeded(t *testing.T) {
	for _, c := range All() {
		if c.Untestable != "" {
			continue
		}
		if why, ok := needNothing[c]; ok {
			if len(c.Needs) > 0 {
				t.Errorf("%s declares needs; take it out of needNothing (%s)", c.ID, why)
			}
			continue
		}
		for _, f := range expectedNeeds(c) {
			if !slices.Contains(c.Needs, f) && !impliedBy(f, c.Needs) {
				t.Errorf("%s judges %s %s, which needs %s: declare it", c.ID, c.Resource, c.Operation, f)
			}
		}
		if c.Level == May && len(c.Needs) == 0 {
			t.Errorf("%s judges a MAY feature and declares no need", c.ID)
		}
		if c.Area == "query" && c.Operation == "query" && !needsCapability(c) {
			t.Errorf("%s judges a query parameter and needs no capability", c.ID)
		}
	}
}

func needsCapability(c *Check) bool {
	for _, f := range c.Needs {
		if strings.HasPrefix(string(f), "capability/") {
			return true
		}
	}
	return false
}

// impliedBy reports whether the collection f is implied by a need of a
// create in it: an endpoint offers add only on a collection it lists.
func impliedBy(f features.Feature, needs []features.Feature) bool {
	attr, ok := strings.CutPrefix(string(f), "collection/")
	if !ok {
		return false
	}
	for _, v := range []model.Version{model.V2, model.V1} {
		for _, cc := range model.CEPCollections(v) {
			if cc.Attr == attr && slices.Contains(needs, features.Create(cc.Item)) {
				return true
			}
		}
	}
	return false
}
