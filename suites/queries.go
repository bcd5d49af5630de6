package suites

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
	"github.com/cimitest/cimitest/suites/query"
)

// §4.1.6: the query parameters. Each is judged only where the Cloud Entry
// Point advertises it (§5.11.1). What a query must return is computed by the
// suite from the full, unfiltered items (suites/query), so any data set will
// do; the grammar is exercised on the MachineConfigurationCollection (only
// read), and the basics on every collection the entry point lists.

// queryData is a collection read in full, in JSON whatever the step's
// serialization: the suite computes its expectations from it.
type queryData struct {
	coll     string // collection URI
	collType string
	itemType string
	all      []*model.Node // items in full, in the collection's order
	ids      []string      // their resolved ids
	byID     map[string]*model.Node
	count    int64 // the collection's count, unfiltered and unsubset
	page     int   // the items of a page the Provider cut short (0: it gave all)
}

// readQueryData reads the collection the Cloud Entry Point lists as attr,
// and each of its items in full.
func readQueryData(t *T, attr string) *queryData {
	c, ok := t.cepCollection(attr)
	t.Must(ok, "suite bug: %s is not a Cloud Entry Point collection", attr)
	href := readCEP(t).Href(attr)
	if href == "" {
		t.Skip("the Cloud Entry Point lists no %s to query", attr)
	}
	q := &queryData{coll: t.env.client.Resolve(href), collType: c.Collection, itemType: c.Item, byID: map[string]*model.Node{}}
	l := t.env.readListing(q.coll, model.JSON, t.env.getJSON)
	t.Must(l.doc != nil, "%s", l.why)
	t.Must(l.whole(), "%s", l.why)
	q.count = l.count
	if n := len(l.doc.Items()); int64(n) < l.count {
		q.page = n
	}
	for _, it := range l.items {
		id := t.env.client.Resolve(it.Str("id"))
		full := t.env.decodeAs(t.env.client.Get(id, client.Accept(model.JSON)), model.JSON)
		t.Must(full != nil, "the %s %s cannot be read", c.Item, id)
		q.all = append(q.all, full.Root)
		q.ids = append(q.ids, id)
		q.byID[id] = full.Root
	}
	return q
}

func (t *T) cepCollection(attr string) (model.CEPCollection, bool) {
	for _, c := range model.CEPCollections(t.env.version) {
		if c.Attr == attr {
			return c, true
		}
	}
	return model.CEPCollection{}, false
}

// ask sends GET on the collection with raw query parameters (already
// encoded) in the step's serialization and returns the items' IDs, the
// count, the document and the answer (of the first page: without $first
// or $last, the items of every page are read).
func (t *T) ask(coll, params string) (ids []string, count int64, d *model.Doc, r *client.Response) {
	target := coll
	if params != "" {
		target += sepFor(coll) + params
	}
	l := t.env.readListing(target, t.F, func(u string) *client.Response { return t.get(u) })
	if l.doc == nil {
		return nil, -1, nil, l.resps[0]
	}
	// An answer cut short with no way to read on cannot be judged; one whose
	// count promises more than it gives is for the checks to judge.
	t.Must(l.whole(), "%s", l.why)
	return l.ids(t.env.client), l.count, l.doc, l.resps[0]
}

// expect computes the IDs the filters must keep, in collection order.
func (q *queryData) expect(filters ...string) ([]string, error) {
	exprs := make([]query.Expr, len(filters))
	for i, f := range filters {
		e, err := query.Parse(f)
		if err != nil {
			return nil, err
		}
		exprs[i] = e
	}
	var out []string
	for i, it := range q.all {
		keep := true
		for _, e := range exprs {
			keep = keep && e.Eval(it)
		}
		if keep {
			out = append(out, q.ids[i])
		}
	}
	return out, nil
}

// fullOf maps the items of an answer to the full items read before, so that
// an order can be judged on attributes the items do not show.
func (q *queryData) fullOf(ids []string) []*model.Node {
	out := make([]*model.Node, 0, len(ids))
	for _, id := range ids {
		if n := q.byID[id]; n != nil {
			out = append(out, n)
		}
	}
	return out
}

// cut gives what a window of want may hold when the Provider cuts pages
// short (§5.5.12): a prefix of want no shorter than the pages it gives
// unasked; a Provider that gave everything unasked must give all of want.
func (q *queryData) cut(want []string, got int) []string {
	if q.page > 0 && got >= q.page && got < len(want) {
		return want[:got]
	}
	return want
}

func sortedCopy(ids []string) []string {
	c := append([]string(nil), ids...)
	sort.Strings(c)
	return c
}

// enc escapes a query parameter value.
func enc(s string) string { return url.QueryEscape(s) }

func sepFor(uri string) string {
	if strings.Contains(uri, "?") {
		return "&"
	}
	return "?"
}

// quoted writes a $filter string literal, in double quotes when the value
// holds a single quote (the spec defines no escape, l.641).
func quoted(s string) string {
	if strings.Contains(s, "'") {
		return `"` + s + `"`
	}
	return "'" + s + "'"
}

var _ = scenario(func(r *runEnv) {
	Describe("Query parameters", Label("query", labelQuiet), SpecPriority(-1), func() {
		formats(func(f model.Format) {
			r.step("ignores query parameters it does not know",
				[]*checks.Check{checks.QueryUnknownIgnored},
				func(t *T) {
					uris := []string{t.env.cepURL}
					if h := readCEP(t).Href("machineConfigs"); h != "" {
						uris = append(uris, t.env.client.Resolve(h))
					}
					for _, uri := range uris {
						plain := t.env.decodeAs(t.get(uri), t.F)
						r := t.get(uri + sepFor(uri) + "zzcimitest=1&$zzcimitest=1")
						odd := t.env.decodeAs(r, t.F)
						typ := "CloudEntryPoint"
						if plain != nil && plain.Type != nil {
							typ = plain.Type.Name
						}
						t.About(typ, "query").Check(checks.QueryUnknownIgnored, ev(r), func(g Gomega) {
							g.Expect(r.Status).To(Equal(200), "GET with unknown parameters")
							g.Expect(plain).NotTo(BeNil())
							g.Expect(odd).NotTo(BeNil())
							g.Expect(model.Compare(plain.Type, t.env.version, plain.Root, odd.Root)).To(BeEmpty(),
								"the answer differs from the one without the unknown parameters")
						})
					}
				})

			r.step("filters a collection with $filter",
				[]*checks.Check{checks.QueryFilter, checks.QueryFilterReversed, checks.QueryFilterQuotes, checks.QueryFilterPrecedence,
					checks.QueryFilterOperators, checks.QueryFilterBoolean, checks.QueryFilterMultiple, checks.QueryFilterMalformed},
				func(t *T) {
					q := readQueryData(t, "machineConfigs")
					t.Must(len(q.all) >= 2, "the MachineConfigurationCollection has fewer than two items to filter")
					t.judgeFilters(q)
				})

			r.step("subsets a collection with $first and $last",
				[]*checks.Check{checks.QueryFirstLast, checks.QueryRangeOutside, checks.QueryRangeEmpty, checks.QueryCountUnsubset,
					checks.QueryFilterThenSubset, checks.QueryStableOrder},
				func(t *T) {
					q := readQueryData(t, "machineConfigs")
					t.Must(len(q.ids) >= 3, "the MachineConfigurationCollection has fewer than three items to subset")
					t.judgeSubsets(q)
				})

			r.step("sorts a collection with $orderby",
				[]*checks.Check{checks.QueryOrderBy},
				func(t *T) {
					q := readQueryData(t, "machineConfigs")
					v := t.About(q.collType, "query")
					for _, tc := range []struct {
						param string
						keys  []query.Key
					}{
						{"name", []query.Key{{Attr: "name"}}},
						{"name:desc", []query.Key{{Attr: "name", Desc: true}}},
						{"cpu:desc,memory:asc", []query.Key{{Attr: "cpu", Desc: true}, {Attr: "memory"}}},
						{"created:desc,name", []query.Key{{Attr: "created", Desc: true}, {Attr: "name"}}},
					} {
						got, _, d, r := t.ask(q.coll, "$orderby="+enc(tc.param))
						v.Check(checks.QueryOrderBy, ev(r), func(g Gomega) {
							g.Expect(d).NotTo(BeNil(), "GET ?$orderby=%s", tc.param)
							g.Expect(sortedCopy(got)).To(Equal(sortedCopy(q.ids)), "the same items, in another order")
							ok, at := query.Sorted(q.fullOf(got), tc.keys)
							g.Expect(ok).To(BeTrue(), "item %d is out of order for $orderby=%s", at+1, tc.param)
						})
					}
				})

			r.step("subsets a resource and a collection with $select",
				[]*checks.Check{checks.QuerySelect, checks.QuerySelectUnknown, checks.QuerySelectAll, checks.QuerySelectMerge,
					checks.QuerySelectCollection, checks.QuerySelectPath},
				func(t *T) { t.judgeSelect() })

			r.step("expands references with $expand",
				[]*checks.Check{checks.QueryExpand, checks.QueryExpandAll, checks.QueryExpandIgnored, checks.QueryExpandCollection},
				func(t *T) { t.judgeExpand() })

			r.step("picks the serialization with $format",
				[]*checks.Check{checks.QueryFormat},
				func(t *T) {
					for _, tc := range []struct {
						accept model.Format
						params string
						want   model.Format
					}{
						{model.XML, "$format=json", model.JSON},
						{model.JSON, "$format=XML", model.XML},
						{model.JSON, "$format=xml&$format=json", model.XML},
					} {
						r := t.env.client.Get(t.env.cepURL+sepFor(t.env.cepURL)+tc.params, client.Accept(tc.accept))
						got, _ := r.Format()
						t.Check(checks.QueryFormat, ev(r), func(g Gomega) {
							g.Expect(r.Status).To(Equal(200))
							g.Expect(got).To(Equal(tc.want), "?%s with Accept %s", tc.params, tc.accept.MediaType())
						})
					}
				})

			r.step("applies the query parameters to every collection it lists",
				[]*checks.Check{checks.QueryFilter, checks.QueryFirstLast, checks.QueryCountUnsubset, checks.QuerySelectCollection,
					checks.QueryOrderBy},
				func(t *T) { t.queryEveryCollection() })
		})
	})
})

// judgeFilters runs the $filter grammar over a collection (§4.1.6.1): each
// filter's items are judged by its own check, every count by query.filter
// (l.673-674).
func (t *T) judgeFilters(q *queryData) {
	v := t.About(q.collType, "query")
	judge := func(id *checks.Check, filters ...string) {
		want, err := q.expect(filters...)
		t.Must(err == nil, "suite bug: cannot read its own filter %v: %v", filters, err)
		var params []string
		for _, f := range filters {
			params = append(params, "$filter="+enc(f))
		}
		got, count, _, r := t.ask(q.coll, strings.Join(params, "&"))
		v.Check(id, ev(r), func(g Gomega) {
			g.Expect(r.Status).To(Equal(200), "GET with %v", filters)
			g.Expect(sortedCopy(got)).To(Equal(sortedCopy(want)), "items kept by %v", filters)
		})
		if r.Status == 200 {
			v.Check(checks.QueryFilter, ev(r), func(g Gomega) {
				g.Expect(count).To(BeEquivalentTo(len(want)), "count under %v", filters)
			})
		}
	}
	a, b := q.all[0], q.all[1]
	judge(checks.QueryFilter, "name="+quoted(a.Str("name")))
	judge(checks.QueryFilterReversed, quoted(a.Str("name"))+"=name")
	judge(checks.QueryFilterQuotes, `name="`+a.Str("name")+`"`)
	if cpu := a.Str("cpu"); cpu != "" {
		for _, op := range []string{"<", "<=", "=", ">=", ">", "!="} {
			judge(checks.QueryFilterOperators, "cpu"+op+cpu)
		}
		judge(checks.QueryFilterOperators, cpu+"<cpu")
	}
	judge(checks.QueryFilterOperators, "name!="+quoted(a.Str("name")))
	if created := a.Str("created"); created != "" {
		judge(checks.QueryFilterOperators, "created<="+created)
		judge(checks.QueryFilterOperators, "created>"+created)
		judge(checks.QueryFilterOperators, "created>=1970-01-01")
	}
	if attr, ok := booleanAttr(q.all); ok {
		for _, f := range []string{attr + "=true", attr + "=false", attr + "!=true", "true=" + attr} {
			judge(checks.QueryFilterBoolean, f)
		}
	} else {
		v.Inapplicable(checks.QueryFilterBoolean, "no item of the "+q.collType+" has a boolean attribute to filter on")
	}
	if a.Str("cpu") != "" && a.Str("cpu") != b.Str("cpu") {
		// X or Y and Z differs from (X or Y) and Z when Z excludes A.
		x, y, z := "name="+quoted(a.Str("name")), "name="+quoted(b.Str("name")), "cpu="+b.Str("cpu")
		judge(checks.QueryFilterPrecedence, x+" or "+y+" and "+z)
		judge(checks.QueryFilterPrecedence, "("+x+" or "+y+") and "+z)
		judge(checks.QueryFilterPrecedence, z+" and ("+x+" or "+y+")")
	} else {
		v.NotTested(checks.QueryFilterPrecedence, "the first two items have the same cpu: no filter here tells the readings apart")
	}
	judge(checks.QueryFilterMultiple, "cpu>=0", "name!="+quoted(a.Str("name")))
	for _, bad := range []string{"cpu>>1", "(name='x'", "name=", "and"} {
		_, _, _, r := t.ask(q.coll, "$filter="+enc(bad))
		if r.Status == 400 {
			v.Pass(checks.QueryFilterMalformed)
		} else {
			v.Fail(checks.QueryFilterMalformed, "a malformed $filter was not refused: "+bad, "400", r.Describe(), r)
		}
	}
}

// booleanAttr finds a top-level boolean attribute the items carry (a CIMI
// attribute or a Provider extension).
func booleanAttr(all []*model.Node) (string, bool) {
	for _, it := range all {
		for _, f := range it.Fields {
			if f.Value.Kind == model.Bool {
				return f.Name, true
			}
		}
	}
	return "", false
}

// judgeSubsets checks $first and $last (§4.1.6.2); count is judged by
// query.count-unsubset throughout: subsetting leaves it as the Provider
// gives it without $first and $last (l.701-703).
func (t *T) judgeSubsets(q *queryData) {
	v := t.About(q.collType, "query")
	n := len(q.ids)
	again, _, _, r0 := t.ask(q.coll, "")
	v.Check(checks.QueryStableOrder, ev(r0), func(g Gomega) {
		g.Expect(again).To(Equal(q.ids), "the order of two reads of an unchanged collection")
	})
	window := func(id *checks.Check, params string, want []string) {
		got, count, _, r := t.ask(q.coll, params)
		v.Check(id, ev(r), func(g Gomega) {
			g.Expect(r.Status).To(Equal(200), "GET ?%s", params)
			g.Expect(got).To(Equal(q.cut(want, len(got))), "items of ?%s", params)
		})
		if r.Status == 200 {
			v.Check(checks.QueryCountUnsubset, ev(r), func(g Gomega) {
				g.Expect(count).To(Equal(q.count), "count under ?%s", params)
			})
		}
	}
	window(checks.QueryFirstLast, "$first=2&$last=3", q.ids[1:3])
	window(checks.QueryFirstLast, "$first=2", q.ids[1:])
	window(checks.QueryFirstLast, "$last=2", q.ids[:2])
	window(checks.QueryFirstLast, "$first=1&$last=1", q.ids[:1])
	window(checks.QueryRangeOutside, fmt.Sprintf("$first=%d", n+5), nil)
	window(checks.QueryRangeOutside, fmt.Sprintf("$first=%d&$last=%d", n, n+100), q.ids[n-1:])
	window(checks.QueryRangeOutside, "$last=0", nil)
	window(checks.QueryRangeEmpty, "$first=3&$last=2", nil)
	if !t.env.capable("CloudEntryPoint", "FilterParameter") {
		v.NotSupported(checks.QueryFilterThenSubset, "the Provider does not advertise FilterParameter")
		return
	}
	filter := "name!=" + quoted(q.all[0].Str("name"))
	want, _ := q.expect(filter)
	t.Must(len(want) >= 2, "fewer than two items pass %s", filter)
	_, filtered, _, _ := t.ask(q.coll, "$filter="+enc(filter))
	got, count, _, r := t.ask(q.coll, "$filter="+enc(filter)+"&$first=2&$last=2")
	v.Check(checks.QueryFilterThenSubset, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(Equal(200), "GET with $filter and $first/$last")
		// Without $orderby the order is not defined: any second item of the
		// filtered set will do, not the second item of the whole collection.
		g.Expect(got).To(HaveLen(1), "the second of the filtered items")
		g.Expect(want).To(ContainElement(got[0]), "the item is one the filter keeps")
	})
	if r.Status == 200 {
		v.Check(checks.QueryCountUnsubset, ev(r), func(g Gomega) {
			g.Expect(count).To(Equal(filtered), "count of the filtered collection, with and without $first/$last")
		})
	}
}

// queryEveryCollection applies $filter, $first/$last, $select and $orderby
// to each collection the Cloud Entry Point lists that has items: queries
// that work on one collection must work on all (§4.1.6).
func (t *T) queryEveryCollection() {
	cep := readCEP(t)
	judged := 0
	for _, c := range model.CEPCollections(t.env.version) {
		href := cep.Href(c.Attr)
		if href == "" {
			continue
		}
		uri := t.env.client.Resolve(href)
		before := t.env.readListing(uri, model.JSON, t.env.getJSON)
		if len(before.items) == 0 || !before.whole() {
			continue
		}
		if t.queryCollection(uri, c.Collection, before.items, before.count) {
			judged++
		}
	}
	t.Must(judged > 0, "no collection of the Cloud Entry Point has items to query")
}

// queryCollection judges one collection; it reports false when the
// collection changed while it was queried (nothing is judged then).
func (t *T) queryCollection(uri, collType string, all []*model.Node, plainCount int64) bool {
	v := t.About(collType, "query")
	ids := make([]string, len(all))
	for i, it := range all {
		ids[i] = t.env.client.Resolve(it.Str("id"))
	}
	type verdict struct {
		id   *checks.Check
		resp *client.Response
		fail string
	}
	var verdicts []verdict
	add := func(id *checks.Check, r *client.Response, ok bool, format string, args ...any) {
		vd := verdict{id: id, resp: r}
		if !ok {
			vd.fail = fmt.Sprintf(format, args...)
		}
		verdicts = append(verdicts, vd)
	}
	if t.env.capable("CloudEntryPoint", "FilterParameter") {
		raw := all[0].Str("id")
		got, count, _, r := t.ask(uri, "$filter="+enc("id="+quoted(raw)))
		add(checks.QueryFilter, r, r.Status == 200 && slices.Equal(got, ids[:1]) && count == 1,
			"?$filter=id=%s kept %v (count %d); want the one item %s", quoted(raw), got, count, ids[0])
	}
	if t.env.capable("CloudEntryPoint", "FirstParameter") {
		got, count, _, r := t.ask(uri, "$first=1&$last=1")
		add(checks.QueryFirstLast, r, r.Status == 200 && slices.Equal(got, ids[:1]),
			"?$first=1&$last=1 gave %v; want the first item %s", got, ids[0])
		add(checks.QueryCountUnsubset, r, r.Status == 200 && count == plainCount,
			"count under ?$first=1&$last=1 is %d; without them %d", count, plainCount)
	}
	if t.env.capable("CloudEntryPoint", "SelectParameter") {
		got, count, d, r := t.ask(uri, "$select=count")
		add(checks.QuerySelectCollection, r, d != nil && len(got) == 0 && count == plainCount,
			"?$select=count gave %d items and count %d; want no items and the count %d", len(got), count, plainCount)
	}
	if t.env.version == model.V2 && t.env.capable("CloudEntryPoint", "OrderByParameter") {
		got, _, d, r := t.ask(uri, "$orderby=id:desc")
		var nodes []*model.Node
		for _, id := range got {
			nodes = append(nodes, model.Obj("id", id))
		}
		sorted, at := query.Sorted(nodes, []query.Key{{Attr: "id", Desc: true}})
		add(checks.QueryOrderBy, r, d != nil && sorted && len(got) == len(ids),
			"?$orderby=id:desc: %d of %d items, item %d out of order", len(got), len(ids), at+1)
	}
	if after := t.env.readListing(uri, model.JSON, t.env.getJSON); !slices.Equal(after.ids(t.env.client), ids) {
		return false
	}
	for _, vd := range verdicts {
		if vd.fail == "" {
			v.Pass(vd.id)
		} else {
			v.Fail(vd.id, vd.fail, "", "", vd.resp)
		}
	}
	return true
}
