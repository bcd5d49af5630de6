package reference

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// query holds the CIMI query parameters of a request (§4.1.6). Parameters
// this server does not know are ignored (l.618).
type query struct {
	filters     []expr
	first, last int // 0 when not given
	hasFirst    bool
	hasLast     bool
	orderBy     []orderKey
	selected    map[string]bool // nil: no $select
	itemSel     map[string]bool // path notation coll/attr (QueryPathNotation)
	expand      map[string]bool // nil: no $expand
	expandAll   bool
}

type orderKey struct {
	attr string
	desc bool
}

// parseQuery reads the query parameters; a malformed $filter, $first or
// $last is a bad request.
func parseQuery(u *url.URL, fault func(string) bool) (*query, error) {
	q := &query{}
	vals := u.Query()
	if !fault(FaultFilterIgnored) {
		for _, f := range vals["$filter"] {
			e, err := parseFilter(f)
			if err != nil {
				return nil, errorf(http.StatusBadRequest, "$filter %q: %v", f, err)
			}
			q.filters = append(q.filters, e)
		}
	}
	for _, p := range []struct {
		name string
		dst  *int
		has  *bool
	}{{"$first", &q.first, &q.hasFirst}, {"$last", &q.last, &q.hasLast}} {
		if v := vals[p.name]; len(v) > 0 {
			n, err := strconv.Atoi(strings.TrimSpace(v[0]))
			if err != nil || n < 0 {
				return nil, errorf(http.StatusBadRequest, "%s must be a whole number, not %q", p.name, v[0])
			}
			*p.dst, *p.has = n, true
		}
	}
	if fault(FaultEmptyRangeError) && q.hasFirst && q.hasLast && q.first > q.last {
		return nil, errorf(http.StatusBadRequest, "$first %d is after $last %d", q.first, q.last)
	}
	for _, v := range vals["$orderby"] {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			k := orderKey{attr: part}
			if name, dir, ok := strings.Cut(part, ":"); ok {
				k.attr = name
				k.desc = strings.EqualFold(dir, "desc")
			}
			q.orderBy = append(q.orderBy, k)
		}
	}
	if sel, ok := vals["$select"]; ok && !fault(FaultSelectIgnored) {
		q.selected = map[string]bool{}
		for _, v := range sel {
			for _, name := range strings.Split(v, ",") {
				name = strings.TrimSpace(name)
				if coll, attr, ok := strings.Cut(name, "/"); ok && coll != "" {
					if q.itemSel == nil {
						q.itemSel = map[string]bool{}
					}
					q.itemSel[attr] = true
					continue
				}
				if name != "" {
					q.selected[name] = true
				}
			}
		}
		if fault(FaultSelectDropsOperations) {
			delete(q.selected, "operations")
		}
	}
	if exp, ok := vals["$expand"]; ok && !fault(FaultExpandIgnored) {
		if fault(FaultExpandLastOnly) {
			exp = exp[len(exp)-1:]
		}
		q.expand = map[string]bool{}
		for _, v := range exp {
			if strings.TrimSpace(v) == "" || strings.TrimSpace(v) == "*" {
				q.expandAll = true
			}
			for _, name := range strings.Split(v, ",") {
				if name = strings.TrimSpace(name); name != "" {
					q.expand[name] = true
				}
			}
		}
		if q.expand["*"] {
			q.expandAll = true
		}
	}
	return q, nil
}

// matches reports whether an item satisfies every $filter.
func (q *query) matches(v itemView) bool {
	for _, f := range q.filters {
		if !f.match(v) {
			return false
		}
	}
	return true
}

// window applies $first/$last (1-based, inclusive, §4.1.6.2) to n items.
func (q *query) window(n int, offByOne bool) (from, to int) {
	first, last := 1, n
	if q.hasFirst {
		first = q.first
	}
	if q.hasLast {
		last = q.last
	}
	if offByOne && q.hasFirst {
		first++
	}
	if first < 1 {
		first = 1
	}
	if last > n {
		last = n
	}
	if first > last {
		return 0, 0
	}
	return first - 1, last
}

// itemView is what $filter and $orderby see of an item: its stored values
// and the attributes the store keeps apart (id, created, updated), read in
// place rather than copied for each item.
type itemView struct {
	r    *resource
	rend *renderer // writes the id, only when a query asks for it
}

func (v itemView) get(name string) (any, bool) {
	switch name {
	case "id":
		return v.rend.abs(refPath(v.r.path)), true
	case "created":
		return v.r.created, true
	case "updated":
		return v.r.updated, true
	}
	x, ok := v.r.vals[name]
	return x, ok
}

// sortItems orders resources by the $orderby keys (§4.1.6.6): false before
// true, earlier dates first, smaller numbers first, strings in binary order
// after NFKD normalization; absent values last.
func sortItems(items []*resource, keys []orderKey, viewOf func(*resource) itemView) {
	if len(keys) == 0 {
		return
	}
	sort.SliceStable(items, func(i, j int) bool {
		a, b := viewOf(items[i]), viewOf(items[j])
		for _, k := range keys {
			x, _ := a.get(k.attr)
			y, _ := b.get(k.attr)
			c := compareForOrder(x, y)
			if c == 0 {
				continue
			}
			if k.desc {
				return c > 0
			}
			return c < 0
		}
		return false
	})
}

func compareForOrder(a, b any) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	switch x := a.(type) {
	case int64:
		if y, ok := b.(int64); ok {
			return cmpInt(x, y)
		}
	case bool:
		if y, ok := b.(bool); ok {
			switch {
			case x == y:
				return 0
			case !x:
				return -1
			}
			return 1
		}
	case time.Time:
		if y, ok := b.(time.Time); ok {
			return x.Compare(y)
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(norm.NFKD.String(x), norm.NFKD.String(y))
		}
	}
	return 0
}

// selectAttrs keeps the selected top-level attributes of a rendered object.
func selectAttrs(m omap, sel map[string]bool) omap {
	if sel == nil || sel["*"] {
		return m
	}
	out := omap{}
	for _, e := range m {
		if sel[e.k] {
			out = append(out, e)
		}
	}
	return out
}

// allBut selects every attribute of m except those named.
func allBut(m omap, names ...string) map[string]bool {
	sel := map[string]bool{}
	for _, e := range m {
		sel[e.k] = true
	}
	for _, n := range names {
		delete(sel, n)
	}
	return sel
}

// withValue replaces the value of attribute k of m (faults only).
func withValue(m omap, k string, v any) omap {
	out := append(omap{}, m...)
	for i := range out {
		if out[i].k == k {
			out[i].v = v
		}
	}
	return out
}

// collectionLevel names the attributes of a collection itself.
var collectionLevel = map[string]bool{"id": true, "count": true, "operations": true, "updated": true, "parent": true}
