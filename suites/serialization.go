package suites

import (
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §4.1.4: every resource has a JSON and an XML representation, and both
// describe the same resource (both serializations, always: docs/design.md).

var _ = scenario(func(r *runEnv) {
	Describe("Serializations", Label("serialization", labelQuiet, string(model.JSON), string(model.XML)), SpecPriority(-1), func() {
		r.step("reads the entry point, its collections and their items in JSON and in XML alike",
			[]*checks.Check{checks.JSONXMLAgree, checks.BothFormats},
			func(t *T) {
				if len(t.env.cfg.Formats) < 2 {
					t.NotTested(checks.JSONXMLAgree, "only one serialization was selected (--format)")
					t.NotTested(checks.BothFormats, "only one serialization was selected (--format)")
					return
				}
				t.agree(t.env.cepURL, "CloudEntryPoint")
				cep := readCEPIn(t, model.JSON)
				for _, c := range model.CEPCollections(t.env.version) {
					href := cep.Href(c.Attr)
					if href == "" {
						continue
					}
					coll := t.agree(t.env.client.Resolve(href), c.Collection)
					if its := coll.Items(); len(its) > 0 && its[0].Str("id") != "" {
						t.agree(t.env.client.Resolve(its[0].Str("id")), c.Item)
					}
				}
			})
	})
})

// agree reads uri in both serializations and compares them.
func (t *T) agree(uri, typ string) *model.Doc {
	v := t.About(typ, "read")
	jr := t.env.client.Get(uri, client.Accept(model.JSON))
	xr := t.env.client.Get(uri, client.Accept(model.XML))
	j, x := t.env.decodeAs(jr, model.JSON), t.env.decodeAs(xr, model.XML)
	if j == nil || x == nil {
		v.Fail(checks.BothFormats, "the resource cannot be read in both serializations", "200 in JSON and in XML",
			jr.Describe()+"; "+xr.Describe(), jr, xr)
		v.NotTested(checks.JSONXMLAgree, "the resource cannot be read in both serializations")
		return j
	}
	v.Pass(checks.BothFormats)
	v.judgeAgreement(uri, j, x, jr, xr)
	return j
}

// agreeAttempts bounds how often a resource that keeps changing is read again
// before its two forms are left unjudged.
const agreeAttempts = 4

// agreeSeen is how many times a difference must be seen, the resource
// unchanged around it, to count.
const agreeSeen = 2

// judgeAgreement compares the JSON and XML forms of uri read a moment apart.
// On a live endpoint the resource may change between the two reads (a
// Machine moves on from CREATING, a collection gains an item), so before
// failing it reads the JSON form again: if that also differs from the first
// JSON read the resource moved, and the pair is read afresh.
func (t *T) judgeAgreement(uri string, j, x *model.Doc, resps ...*client.Response) {
	// A difference counts when it is seen twice, each time with the JSON
	// form the same before and after the XML one: a resource (a collection
	// above all) that changed and changed back between two reads, as other
	// users' and the run's own resources come and go, is no disagreement.
	seen := 0
	for attempt := 1; ; attempt++ {
		diffs := t.formsDiffer(j, x)
		if len(diffs) == 0 {
			t.Pass(checks.JSONXMLAgree)
			return
		}
		again := t.env.client.Get(uri, client.Accept(model.JSON))
		resps = append(resps, again)
		if a := t.env.decodeAs(again, model.JSON); a != nil && len(model.Compare(j.Type, t.env.version, j.Root, a.Root)) == 0 {
			if seen++; seen == agreeSeen {
				t.Fail(checks.JSONXMLAgree, "the JSON and XML representations differ", "the same attributes and values",
					strings.Join(diffs, "; "), resps...)
				return
			}
		}
		if attempt == agreeAttempts {
			t.NotTested(checks.JSONXMLAgree, fmt.Sprintf("the resource changed between its reads %d times in a row", attempt))
			return
		}
		jr := t.env.client.Get(uri, client.Accept(model.JSON))
		xr := t.env.client.Get(uri, client.Accept(model.XML))
		resps = append(resps, jr, xr)
		if j, x = t.env.decodeAs(jr, model.JSON), t.env.decodeAs(xr, model.XML); j == nil || x == nil {
			t.NotTested(checks.JSONXMLAgree, "the resource could no longer be read in both serializations")
			return
		}
	}
}

// formsDiffer lists how the JSON and the XML form of one resource differ:
// their type (P-106: the XML root and namespace name the JSON resourceURI)
// and their attributes.
func (t *T) formsDiffer(j, x *model.Doc) []string {
	var diffs []string
	if j.TypeURI != x.TypeURI {
		diffs = append(diffs, fmt.Sprintf("type: %s in JSON, %s in XML", j.TypeURI, x.TypeURI))
	}
	return append(diffs, model.Compare(j.Type, t.env.version, j.Root, x.Root)...)
}

// decodeAs decodes a 200 answer in the given serialization (nil otherwise).
func (e *runEnv) decodeAs(r *client.Response, f model.Format) *model.Doc {
	if r.Status != 200 {
		return nil
	}
	if got, ok := r.Format(); !ok || got != f {
		return nil
	}
	d, err := model.Decode(f, r.Body, e.version)
	if err != nil {
		return nil
	}
	return d
}

func readCEPIn(t *T, f model.Format) *model.Node {
	d := t.env.decodeAs(t.env.client.Get(t.env.cepURL, client.Accept(f)), f)
	t.Must(d != nil, "the Cloud Entry Point cannot be read in %s", f)
	return d.Root
}
