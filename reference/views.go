package reference

import (
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
)

// Views: a collection or a resource as one request sees it, with $filter,
// $orderby, $first/$last, $select and $expand applied (§4.1.6).

// collectionView is a collection after the query.
type collectionView struct {
	typ       *rtype
	path      string
	m         omap  // the collection attributes shown (id, count)
	ops       []any // its operations, when shown
	items     []omap
	itemTypes []string // JSON resourceURI of each item
	showItems bool
}

// viewCollection applies the query to a collection's items: filter, then
// sort, then subset (l.698-700); count is taken after the filter and before
// the subset (l.673-674, l.690-692).
func (rq *request) viewCollection(path, coll string, items []*resource, add bool, q *query, more ...any) collectionView {
	v := collectionView{typ: types[coll], path: path, showItems: true}
	matched := items
	if len(q.filters) > 0 {
		matched = nil
		for _, it := range items {
			if q.matches(itemView{r: it, rend: rq.rend}) {
				matched = append(matched, it)
			}
		}
	}
	if len(q.orderBy) > 0 && !rq.s.fault(FaultOrderByIgnored) {
		matched = append([]*resource(nil), matched...)
		sortItems(matched, q.orderBy, func(r *resource) itemView { return itemView{r: r, rend: rq.rend} })
	}
	count := int64(len(matched))
	if rq.s.fault(FaultCountIgnoresFilter) {
		count = int64(len(items))
	}
	if rq.s.fault(FaultUnstableOrder) && len(matched) > 1 {
		k := int(rq.s.requests.Add(1)) % len(matched)
		matched = append(append([]*resource(nil), matched[k:]...), matched[:k]...)
	}
	from, to := q.window(len(matched), rq.s.fault(FaultFirstLastOffByOne))
	if rq.s.varies(VariationPageLimit) && !q.hasFirst && !q.hasLast && to-from > pageSize {
		to = from + pageSize
	}
	page := matched[from:to]
	if rq.s.fault(FaultCountAfterSubset) && (q.hasFirst || q.hasLast) {
		count = int64(len(page))
	}

	// $select: names of the collection's own attributes select those; the
	// others select the attributes of every item (§4.1.6.3).
	collSel, itemSel := splitSelect(q)
	v.m = omap{{"id", rq.rend.abs(refPath(path))}}
	if rq.s.major == 2 && strings.Count(path, "/") == 2 {
		// A Machine's collections name the Machine (§5.10.2, l.1858-1860).
		v.m = append(v.m, kv{"parent", omap{{"href", rq.rend.abs(refPath(path[:strings.LastIndexByte(path, '/')]))}}})
	}
	if !(path == "jobs" && rq.s.fault(FaultJobCollectionNoCount)) {
		v.m = append(v.m, kv{"count", count})
	}
	rq.spoilCollection(&v)
	if add && !(path == "machineConfigs" && rq.s.fault(FaultConfigAddUnadvertised)) {
		v.ops = []any{op("add", rq.rend.abs(refPath(path)))}
	}
	v.ops = append(v.ops, more...)
	if collSel != nil {
		v.m = selectAttrs(v.m, collSel)
		if !collSel["operations"] {
			v.ops = nil
		}
	}
	if itemSel != nil && len(itemSel) == 0 {
		v.showItems = false
		return v
	}
	for _, it := range page {
		m := rq.s.varyItem(rq.expandRefs(rq.render(it), it, q), q)
		v.items = append(v.items, selectAttrs(m, itemSel))
		v.itemTypes = append(v.itemTypes, rq.typeURIOf(it.typ))
	}
	return v
}

// splitSelect sorts the $select names into those of the collection and
// those of its items; nil means no selection on that level.
func splitSelect(q *query) (coll, item map[string]bool) {
	if q.selected == nil && q.itemSel == nil {
		return nil, nil
	}
	if q.selected["*"] {
		return nil, nil
	}
	coll, item = map[string]bool{}, map[string]bool{}
	for name := range q.selected {
		if collectionLevel[name] {
			coll[name] = true
		} else {
			item[name] = true
		}
	}
	for name := range q.itemSel {
		item[name] = true
	}
	return coll, item
}

// listCollection answers GET on a collection.
// more are operations besides add (a Machine's volumes offer insert and
// remove).
func (rq *request) listCollection(path, coll string, items []*resource, add bool, more ...any) error {
	q, err := parseQuery(rq.r.URL, rq.s.fault)
	if err != nil {
		return err
	}
	v := rq.viewCollection(path, coll, items, add, q, more...)
	if rq.out == "xml" {
		m := v.m
		if len(v.ops) > 0 {
			m = append(append(omap{}, m...), kv{"operations", v.ops})
		}
		rq.send(http.StatusOK, writeCollectionXML(rq.s.xmlStyle(), rq.collectionTypeURI(coll, path), v.typ, m, v.items))
		return nil
	}
	rq.send(http.StatusOK, rq.json(rq.spoilCollectionJSON(coll, v.json(rq.collectionTypeURI(coll, path)), v), 1024+800*len(v.items)))
	return nil
}

// spoilCollectionJSON applies the switches that change a JSON collection: an
// empty item array sent, the ResourceMetadata items under another name.
func (rq *request) spoilCollectionJSON(coll string, out omap, v collectionView) omap {
	if len(v.items) == 0 && rq.s.fault(FaultEmptyCollectionMember) {
		out = append(out, kv{v.typ.member, []any{}})
	}
	if coll == "ResourceMetadataCollection" && rq.s.fault(FaultRMCollectionMember) {
		out = renamed(out, v.typ.member, "resourceMetadata")
	}
	if coll == "NetworkServiceCollection" && rq.s.fault(FaultServicesMisgrouped) {
		out = renamed(out, v.typ.member, "networkServices")
	}
	return out
}

// json renders the view as a JSON object with resourceURI first.
func (v collectionView) json(typeURI string) omap {
	out := omap{}
	if typeURI != "" {
		out = append(out, kv{"resourceURI", typeURI})
	}
	out = append(out, v.m...)
	if len(v.items) > 0 {
		list := make([]any, len(v.items))
		for i, it := range v.items {
			list[i] = append(omap{{"resourceURI", v.itemTypes[i]}}, it...)
		}
		out = append(out, kv{v.typ.member, list})
	}
	if len(v.ops) > 0 {
		out = append(out, kv{"operations", v.ops})
	}
	return out
}

// expanded is a reference written out with what it points at (§4.1.6.4):
// JSON keeps the href beside the target's attributes; XML nests the target's
// elements under the reference element.
type expanded struct {
	href string
	typ  *rtype
	m    omap
	coll *collectionView
}

// expandRefs expands the references of a rendered resource named by
// $expand (or all of them for * or an empty value).
func (rq *request) expandRefs(m omap, r *resource, q *query) omap {
	if q.expand == nil {
		return m
	}
	t := types[r.typ]
	out := make(omap, len(m))
	copy(out, m)
	for i, e := range out {
		f := t.field(e.k, rq.s.major)
		if f == nil || (f.kind != kRef && f.kind != kColl) || (!q.expandAll && !q.expand[e.k]) {
			continue
		}
		p, ok := r.vals[e.k].(refPath)
		if !ok {
			continue
		}
		if x := rq.expandPath(string(p)); x != nil {
			out[i].v = *x
		}
	}
	return out
}

// expandPath renders what a reference path points at: a stored resource,
// or one of the collections this server serves.
func (rq *request) expandPath(p string) *expanded {
	href := rq.rend.abs(refPath(p))
	if target := rq.t.get(p); target != nil {
		return &expanded{href: href, typ: types[target.typ], m: rq.render(target)}
	}
	segs := strings.Split(p, "/")
	if len(segs) == 3 && segs[0] == "machines" {
		if coll := subCollectionType(segs[2], rq.s.major); coll != "" && rq.t.get(segs[0]+"/"+segs[1]) != nil {
			v := rq.viewCollection(p, coll, rq.t.items(p), false, &query{})
			return &expanded{href: href, typ: v.typ, coll: &v}
		}
	}
	if k := rowAt(p, rq.s.major); k != nil {
		v := rq.viewCollection(p, k.coll, rq.t.items(p), k.create != nil, &query{})
		return &expanded{href: href, typ: v.typ, coll: &v}
	}
	return nil
}

// etag is a strong validator of a resource's current state.
func (rq *request) etag(r *resource) string { return rq.etagOf(r, nil) }

// etagOf is etag for a resource already rendered (nil: render it).
func (rq *request) etagOf(r *resource, rendered omap) string {
	h := fnv.New64a()
	if rq.s.fault(FaultETagNeverChanges) {
		_, _ = h.Write([]byte(r.path))
		return `"` + strconv.FormatUint(h.Sum64(), 16) + `"`
	}
	if rendered == nil {
		rendered = rq.render(r)
	}
	return etagOfEncoding(encodeJSON(rendered))
}

// etagOfEncoding is the ETag of a resource whose rendering encodes to enc.
func etagOfEncoding(enc []byte) string {
	h := fnv.New64a()
	_, _ = h.Write(enc)
	return `"` + strconv.FormatUint(h.Sum64(), 16) + `"`
}

// checkIfMatch refuses a change to r when If-Match names another state of
// it (RFC 7232 §3.1; CIMI §4.1.7.2 makes If-Match binding once ETags are
// sent).
func (rq *request) checkIfMatch(r *resource) error {
	want := rq.r.Header.Get("If-Match")
	if want == "" || want == "*" || rq.s.fault(FaultETagIgnored) || rq.s.varies(VariationNoETag) {
		return nil
	}
	cur := rq.etag(r)
	for _, part := range strings.Split(want, ",") {
		if strings.TrimSpace(part) == cur {
			return nil
		}
	}
	return errorf(http.StatusPreconditionFailed, "If-Match %s does not match the current ETag %s", want, cur)
}
