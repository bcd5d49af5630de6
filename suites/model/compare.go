package model

import (
	"fmt"
	"sort"
	"strings"
)

// Compare lists how two decodings of the same resource differ, typically
// its JSON and its XML form (principle: both serializations describe the
// same resource, §4.1.4). Only attributes the schema knows are compared:
// extensions look different in JSON and XML by design. Type problems are
// the validator's business, so scalars compare by their text.
func Compare(t *Type, v Version, a, b *Node) []string {
	c := &comparer{v: v}
	var attrs []Attr
	if t != nil {
		attrs = t.Attrs
	}
	c.object(t, attrs, a, b, "")
	return c.diffs
}

type comparer struct {
	v     Version
	diffs []string
}

func (c *comparer) diff(path, format string, args ...any) {
	c.diffs = append(c.diffs, fmt.Sprintf("%s: %s", orRoot(path), fmt.Sprintf(format, args...)))
}

func orRoot(path string) string {
	if path == "" {
		return "(root)"
	}
	return path
}

func (c *comparer) object(t *Type, attrs []Attr, a, b *Node, path string) {
	if a.Kind != Object || b.Kind != Object {
		c.diff(path, "%s against %s", a.Kind, b.Kind)
		return
	}
	for i := range attrs {
		at := &attrs[i]
		c.member(at, a.Get(at.Name), b.Get(at.Name), join(path, at.Name))
	}
	if t.IsCollection() {
		c.items(t, membersOf(t, a), membersOf(t, b), join(path, t.Member))
	}
}

func membersOf(t *Type, n *Node) []*Node {
	for _, name := range append([]string{t.Member}, t.AltMembers...) {
		if m := n.Get(name); m != nil && m.Kind == Array {
			return m.Items
		}
	}
	return nil
}

func (c *comparer) member(at *Attr, a, b *Node, path string) {
	switch {
	case a == nil && b == nil:
		return
	case a == nil || b == nil:
		c.diff(path, "present in one form only (%s / %s)", a, b)
		return
	}
	switch at.Kind {
	case KRef, KCollection:
		if a.Str("href") != b.Str("href") {
			c.diff(path+".href", "%q against %q", a.Str("href"), b.Str("href"))
		}
	case KMap:
		am, bm := a.StringMap(), b.StringMap()
		if !sameMap(am, bm) {
			c.diff(path, "%v against %v", am, bm)
		}
	case KStruct:
		c.object(nil, at.Fields, a, b, path)
	case KArray:
		if a.Kind != Array || b.Kind != Array || len(a.Items) != len(b.Items) {
			c.diff(path, "%s against %s", a, b)
			return
		}
		for i := range a.Items {
			c.member(at.Item, a.Items[i], b.Items[i], fmt.Sprintf("%s[%d]", path, i))
		}
	case KValueScope:
		if !sameScope(a, b) {
			c.diff(path, "%s against %s", a, b)
		}
	case KAny:
		if a.String() != b.String() && a.Text != b.Text {
			c.diff(path, "%s against %s", a, b)
		}
	default:
		if a.Text != b.Text {
			c.diff(path, "%q against %q", a.Text, b.Text)
		}
	}
}

// items matches collection items by id; the order of a collection without
// $orderby is not defined (§4.1.6.6).
func (c *comparer) items(t *Type, a, b []*Node, path string) {
	ids := func(items []*Node) map[string]*Node {
		m := map[string]*Node{}
		for _, it := range items {
			m[it.Str("id")] = it
		}
		return m
	}
	am, bm := ids(a), ids(b)
	if len(a) != len(b) {
		c.diff(path, "%d items against %d", len(a), len(b))
	}
	var missing []string
	for id := range am {
		if _, ok := bm[id]; !ok {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		c.diff(path, "items only in the first form: %s", strings.Join(missing, ", "))
	}
	it := For(c.v).Type(t.Item)
	var attrs []Attr
	if it != nil {
		attrs = it.Attrs
	}
	for id, x := range am {
		if y, ok := bm[id]; ok {
			c.object(nil, attrs, x, y, fmt.Sprintf("%s[id=%s]", path, id))
		}
	}
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
