package suites

import (
	"sort"

	. "github.com/onsi/gomega" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §4.1.6.3 and §4.1.6.4: $select and $expand shape what a GET returns.

// shaped GETs uri with raw query parameters and decodes the answer.
func (t *T) shaped(uri, params string) (*model.Node, *client.Response) {
	r := t.get(uri + sepFor(uri) + params)
	d := t.env.decodeAs(r, t.F)
	if d == nil {
		return nil, r
	}
	return d.Root, r
}

// attrNames lists the attributes of a representation but resourceURI,
// which JSON always carries (§4.1.4).
func attrNames(n *model.Node) []string {
	var out []string
	for _, k := range n.Keys() {
		if k != "resourceURI" {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// judgeSelect checks $select on one MachineConfiguration and on the
// collection (§4.1.6.3, l.704-749).
func (t *T) judgeSelect() {
	q := readQueryData(t, "machineConfigs")
	t.Must(len(q.all) > 0, "the MachineConfigurationCollection is empty")
	id := q.ids[0]
	full := t.env.decodeAs(t.get(id), t.F)
	t.Must(full != nil, "the MachineConfiguration %s cannot be read", id)
	v := t.About(q.itemType, "query")
	n, r := t.shaped(id, "$select=name")
	v.Check(checks.QuerySelect, ev(r), func(g Gomega) {
		g.Expect(n).NotTo(BeNil(), "GET ?$select=name")
		g.Expect(attrNames(n)).To(Equal([]string{"name"}), "attributes of ?$select=name")
		if t.F == model.JSON {
			g.Expect(n.Str("resourceURI")).To(Equal(t.env.version.TypeURI(q.itemType)), "resourceURI under $select")
		}
	})
	if full.Root.Has("operations") {
		n, r = t.shaped(id, "$select=name,operations")
		v.Check(checks.QuerySelect, ev(r), func(g Gomega) {
			g.Expect(n).NotTo(BeNil())
			g.Expect(attrNames(n)).To(Equal([]string{"name", "operations"}), "attributes of ?$select=name,operations")
		})
	}
	n, r = t.shaped(id, "$select=name,zzcimitest")
	v.Check(checks.QuerySelectUnknown, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(Equal(200))
		g.Expect(attrNames(n)).To(Equal([]string{"name"}), "an unknown name in $select is ignored")
	})
	n, r = t.shaped(id, "$select=*")
	v.Check(checks.QuerySelectAll, ev(r), func(g Gomega) {
		g.Expect(n).NotTo(BeNil())
		g.Expect(attrNames(n)).To(Equal(attrNames(full.Root)), "attributes of ?$select=*")
	})
	a, ra := t.shaped(id, "$select=name&$select=cpu")
	b, rb := t.shaped(id, "$select=cpu,name,name")
	v.Check(checks.QuerySelectMerge, ev(ra, rb), func(g Gomega) {
		g.Expect(a).NotTo(BeNil())
		g.Expect(b).NotTo(BeNil())
		g.Expect(attrNames(a)).To(Equal([]string{"cpu", "name"}), "?$select=name&$select=cpu")
		g.Expect(attrNames(b)).To(Equal([]string{"cpu", "name"}), "?$select=cpu,name,name")
	})
	// On the collection: its own attributes, then the items' attributes.
	cv := t.About(q.collType, "query")
	_, _, cd, r := t.ask(q.coll, "$select=count")
	cv.Check(checks.QuerySelectCollection, ev(r), func(g Gomega) {
		g.Expect(cd).NotTo(BeNil())
		g.Expect(cd.Root.Has("count")).To(BeTrue(), "count under ?$select=count")
		g.Expect(cd.Items()).To(BeEmpty(), "items under ?$select=count")
	})
	got, _, cd, r := t.ask(q.coll, "$select=name")
	cv.Check(checks.QuerySelectCollection, ev(r), func(g Gomega) {
		g.Expect(cd).NotTo(BeNil())
		// Without count in the answer a page cut short cannot be read on.
		g.Expect(got).To(HaveLen(len(q.cut(q.ids, len(got)))), "items under ?$select=name")
		for _, it := range cd.Items() {
			g.Expect(attrNames(it)).To(Equal([]string{"name"}), "attributes of an item under ?$select=name")
		}
	})
	if t.env.version != model.V2 {
		return
	}
	if !t.env.capable("CloudEntryPoint", "QueryPathNotation") {
		cv.NotSupported(checks.QuerySelectPath, "the Provider does not advertise QueryPathNotation")
		return
	}
	member := cd.Type.Member
	got, _, cd, r = t.ask(q.coll, "$select="+member+"/name,count")
	cv.Check(checks.QuerySelectPath, ev(r), func(g Gomega) {
		g.Expect(cd).NotTo(BeNil())
		g.Expect(cd.Root.Has("count")).To(BeTrue(), "count")
		g.Expect(got).To(HaveLen(len(q.all)), "items")
		for _, it := range cd.Items() {
			g.Expect(attrNames(it)).To(Equal([]string{"name"}), "attributes of an item under ?$select=%s/name", member)
		}
	})
}

// judgeExpand checks $expand on a MachineTemplate that references a
// configuration and an image, and on the template collection (§4.1.6.4,
// l.750-787).
func (t *T) judgeExpand() {
	q := readQueryData(t, "machineTemplates")
	var tmpl *model.Node
	var id string
	for i, it := range q.all {
		if it.Href("machineConfig") != "" {
			tmpl, id = it, q.ids[i]
			break
		}
	}
	if tmpl == nil {
		t.Skip("no MachineTemplate with a machineConfig reference to expand")
	}
	plain := t.env.decodeAs(t.get(id), t.F)
	t.Must(plain != nil, "the MachineTemplate %s cannot be read", id)
	v := t.About(q.itemType, "query")
	n, r := t.shaped(id, "$expand=machineConfig")
	v.Check(checks.QueryExpand, ev(r), func(g Gomega) {
		g.Expect(n).NotTo(BeNil(), "GET ?$expand=machineConfig")
		g.Expect(expandedRef(n, "machineConfig")).To(BeTrue(), "machineConfig carries its href and the configuration's attributes")
		g.Expect(n.Path("machineConfig", "cpu")).NotTo(BeNil(), "the expanded configuration's cpu")
		if tmpl.Href("machineImage") != "" {
			g.Expect(expandedRef(n, "machineImage")).To(BeFalse(), "machineImage was not asked for")
		}
	})
	for _, raw := range []string{"$expand=*", "$expand"} {
		n, r = t.shaped(id, raw)
		v.Check(checks.QueryExpandAll, ev(r), func(g Gomega) {
			g.Expect(n).NotTo(BeNil(), "GET ?%s", raw)
			for _, attr := range []string{"machineConfig", "machineImage"} {
				if tmpl.Href(attr) != "" {
					g.Expect(expandedRef(n, attr)).To(BeTrue(), "%s is expanded by ?%s", attr, raw)
				}
			}
		})
	}
	n, r = t.shaped(id, "$expand=zzcimitest,name")
	v.Check(checks.QueryExpandIgnored, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(Equal(200))
		g.Expect(n).NotTo(BeNil())
		g.Expect(model.Compare(plain.Type, t.env.version, plain.Root, n)).To(BeEmpty(),
			"names that are unknown or not references change nothing")
	})
	// Several $expand parameters merge, and a name given twice counts once.
	if tmpl.Href("machineImage") != "" {
		n, r = t.shaped(id, "$expand=machineConfig&$expand=machineImage,machineImage")
		v.Check(checks.QueryExpandIgnored, ev(r), func(g Gomega) {
			g.Expect(n).NotTo(BeNil(), "GET ?$expand=machineConfig&$expand=machineImage,machineImage")
			g.Expect(expandedRef(n, "machineConfig")).To(BeTrue(), "machineConfig, named by the first $expand, is expanded")
			g.Expect(expandedRef(n, "machineImage")).To(BeTrue(), "machineImage, named twice by the second $expand, is expanded")
		})
	}
	_, _, cd, r := t.ask(q.coll, "$expand=machineConfig")
	t.About(q.collType, "query").Check(checks.QueryExpandCollection, ev(r), func(g Gomega) {
		g.Expect(cd).NotTo(BeNil())
		judged := 0
		for _, it := range cd.Items() {
			if it.Href("machineConfig") != "" {
				judged++
				g.Expect(expandedRef(it, "machineConfig")).To(BeTrue(), "the machineConfig of item %s", it.Str("id"))
			}
		}
		g.Expect(judged).To(BeNumerically(">", 0), "items showing a machineConfig")
		g.Expect(expandedRef(cd.Root, "machineConfig")).To(BeFalse(), "the collection itself has nothing to expand")
	})
}

// expandedRef reports whether a reference carries more than its href.
func expandedRef(n *model.Node, attr string) bool {
	ref := n.Get(attr)
	return ref != nil && ref.Str("href") != "" && len(ref.Fields) > 1
}

// judgeExpandDisks expands the Machine's disks, a reference to a collection:
// the collection, with its items, is written inside the reference
// (§4.1.6.4, l.750-771).
func (t *T) judgeExpandDisks(uri string, m *model.Node) {
	v := t.About("Machine", "query")
	if !t.env.capable("CloudEntryPoint", "ExpandParameter") {
		v.NotSupported(checks.QueryExpand, "the Provider does not advertise ExpandParameter")
		return
	}
	if m.Href("disks") == "" {
		v.Inapplicable(checks.QueryExpand, "the Machine has no disks collection to expand")
		return
	}
	disks := t.env.decodeAs(t.get(m.Href("disks")), t.F)
	n, r := t.shaped(uri, "$expand=disks")
	v.Check(checks.QueryExpand, ev(r), func(g Gomega) {
		g.Expect(disks).NotTo(BeNil(), "the Machine's disks can be read")
		g.Expect(n).NotTo(BeNil(), "GET ?$expand=disks")
		g.Expect(expandedRef(n, "disks")).To(BeTrue(), "disks carries its href and the collection's attributes")
		want, _ := disks.Root.Int("count")
		got, ok := n.Get("disks").Int("count")
		g.Expect(ok).To(BeTrue(), "the expanded disks have a count")
		g.Expect(got).To(Equal(want), "the count of the expanded disks")
		var listed []string
		if arr := n.Get("disks").Get(disks.Type.Member); arr != nil {
			for _, it := range arr.Items {
				listed = append(listed, t.env.client.Resolve(it.Str("id")))
			}
		}
		g.Expect(sortedCopy(listed)).To(Equal(sortedCopy(t.itemIDs(disks))), "the Disks listed inside the expanded reference")
	})
}
