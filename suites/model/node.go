package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// NodeKind is the shape of a value in a representation.
type NodeKind uint8

const (
	Null NodeKind = iota
	Bool
	Number
	String
	Object
	Array
)

func (k NodeKind) String() string {
	return [...]string{"null", "boolean", "number", "string", "object", "array"}[k]
}

// Node is one value of a representation, read from JSON or XML into one
// neutral shape so that checks are written once for both serializations.
// Scalars keep their lexical text, so that "4" and 4 stay distinguishable.
type Node struct {
	Kind   NodeKind
	Text   string  // lexical value of a scalar
	Fields []Field // members of an object, in document order
	Items  []*Node // items of an array
	// FromAttr marks a value read from an XML attribute rather than an element.
	FromAttr bool
}

// Field is one member of an object node.
type Field struct {
	Name  string
	Value *Node
}

// Get returns the member called name, or nil when n is not an object or has
// no such member.
func (n *Node) Get(name string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, f := range n.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return nil
}

// List gives the items of an array node; nil for anything else, a missing
// member included, so that a loop over it is safe.
func (n *Node) List() []*Node {
	if n == nil || n.Kind != Array {
		return nil
	}
	return n.Items
}

// Has reports whether the object n has a member called name.
func (n *Node) Has(name string) bool { return n.Get(name) != nil }

// Path follows member names: n.Path("machineTemplate", "href").
func (n *Node) Path(names ...string) *Node {
	for _, name := range names {
		n = n.Get(name)
	}
	return n
}

// Str is the text of the scalar member name ("" when absent or not a scalar).
func (n *Node) Str(name string) string {
	v := n.Get(name)
	if v == nil || v.Kind == Object || v.Kind == Array {
		return ""
	}
	return v.Text
}

// Int reads the member name as an integer; ok is false when it is absent or
// not a JSON/XML integer.
func (n *Node) Int(name string) (int64, bool) {
	v := n.Get(name)
	if v == nil || v.Kind != Number {
		return 0, false
	}
	i, err := strconv.ParseInt(v.Text, 10, 64)
	return i, err == nil
}

// Href is the href of the reference member name ("" when absent).
func (n *Node) Href(name string) string { return n.Get(name).Str("href") }

// Keys lists the member names of an object in document order.
func (n *Node) Keys() []string {
	if n == nil || n.Kind != Object {
		return nil
	}
	keys := make([]string, len(n.Fields))
	for i, f := range n.Fields {
		keys[i] = f.Name
	}
	return keys
}

// Set replaces or appends the member name of an object node.
func (n *Node) Set(name string, v *Node) *Node {
	for i, f := range n.Fields {
		if f.Name == name {
			n.Fields[i].Value = v
			return n
		}
	}
	n.Fields = append(n.Fields, Field{Name: name, Value: v})
	return n
}

// Delete removes the member name of an object node, if present.
func (n *Node) Delete(name string) *Node {
	for i, f := range n.Fields {
		if f.Name == name {
			n.Fields = append(n.Fields[:i:i], n.Fields[i+1:]...)
			return n
		}
	}
	return n
}

// Clone copies n deeply.
func (n *Node) Clone() *Node {
	if n == nil {
		return nil
	}
	c := &Node{Kind: n.Kind, Text: n.Text, FromAttr: n.FromAttr}
	for _, f := range n.Fields {
		c.Fields = append(c.Fields, Field{Name: f.Name, Value: f.Value.Clone()})
	}
	for _, it := range n.Items {
		c.Items = append(c.Items, it.Clone())
	}
	return c
}

// StringMap reads an object of string values (properties, parameters).
func (n *Node) StringMap() map[string]string {
	if n == nil || n.Kind != Object {
		return nil
	}
	m := make(map[string]string, len(n.Fields))
	for _, f := range n.Fields {
		m[f.Name] = f.Value.Text
	}
	return m
}

// Operation is one entry of an operations array (§4.2).
type Operation struct {
	Rel       string
	Href      string
	Available *bool // 2.0 only; nil when absent (means true)
}

// Operations lists the operations of a resource or collection node.
func (n *Node) Operations() []Operation {
	ops := n.Get("operations")
	if ops == nil || ops.Kind != Array {
		return nil
	}
	var out []Operation
	for _, it := range ops.Items {
		op := Operation{Rel: it.Str("rel"), Href: it.Str("href")}
		if a := it.Get("available"); a != nil && a.Kind == Bool {
			b := a.Text == "true"
			op.Available = &b
		}
		out = append(out, op)
	}
	return out
}

// Op finds the operation with rel; ok is false when it is not advertised or is
// advertised as unavailable.
func (n *Node) Op(rel string) (href string, ok bool) {
	for _, op := range n.Operations() {
		if op.Rel == rel && (op.Available == nil || *op.Available) {
			return op.Href, true
		}
	}
	return "", false
}

// Rels lists the rels of the usable operations, sorted.
func (n *Node) Rels() []string {
	var rels []string
	for _, op := range n.Operations() {
		if op.Available == nil || *op.Available {
			rels = append(rels, op.Rel)
		}
	}
	sort.Strings(rels)
	return rels
}

// Builders for request bodies and test fixtures.

// S is a string node.
func S(s string) *Node { return &Node{Kind: String, Text: s} }

// I is an integer node.
func I(i int64) *Node { return &Node{Kind: Number, Text: strconv.FormatInt(i, 10)} }

// B is a boolean node.
func B(b bool) *Node { return &Node{Kind: Bool, Text: strconv.FormatBool(b)} }

// NullNode is JSON null; in XML it becomes an empty element (§4.2.1.1, l.980-984).
func NullNode() *Node { return &Node{Kind: Null} }

// Ref is a reference {"href": uri}.
func Ref(uri string) *Node { return Obj("href", uri) }

// Obj builds an object from alternating names and values; values may be
// *Node, string, int, int64, bool, map[string]string or []*Node.
func Obj(kv ...any) *Node {
	if len(kv)%2 != 0 {
		panic("model.Obj: odd number of arguments")
	}
	n := &Node{Kind: Object}
	for i := 0; i < len(kv); i += 2 {
		n.Fields = append(n.Fields, Field{Name: kv[i].(string), Value: toNode(kv[i+1])})
	}
	return n
}

// Arr builds an array node.
func Arr(items ...*Node) *Node { return &Node{Kind: Array, Items: items} }

// Props builds a string map node with sorted keys.
func Props(m map[string]string) *Node {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	n := &Node{Kind: Object}
	for _, k := range keys {
		n.Fields = append(n.Fields, Field{Name: k, Value: S(m[k])})
	}
	return n
}

func toNode(v any) *Node {
	switch v := v.(type) {
	case *Node:
		return v
	case string:
		return S(v)
	case int:
		return I(int64(v))
	case int64:
		return I(v)
	case bool:
		return B(v)
	case map[string]string:
		return Props(v)
	case []*Node:
		return Arr(v...)
	case nil:
		return NullNode()
	}
	panic(fmt.Sprintf("model: cannot build a node from %T", v))
}

// String renders a node compactly, for messages.
func (n *Node) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

func (n *Node) write(b *strings.Builder) {
	if n == nil {
		b.WriteString("<absent>")
		return
	}
	switch n.Kind {
	case Null:
		b.WriteString("null")
	case String:
		b.WriteString(strconv.Quote(n.Text))
	case Number, Bool:
		b.WriteString(n.Text)
	case Object:
		b.WriteByte('{')
		for i, f := range n.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(f.Name))
			b.WriteString(": ")
			f.Value.write(b)
		}
		b.WriteByte('}')
	case Array:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			it.write(b)
		}
		b.WriteByte(']')
	}
}

// Hrefs lists every reference the node holds, at any depth, in document
// order; the hrefs of operations are not references to other resources and
// are left out.
func (n *Node) Hrefs() []string {
	var out []string
	var walk func(*Node)
	walk = func(x *Node) {
		if x == nil {
			return
		}
		switch x.Kind {
		case Object:
			for _, f := range x.Fields {
				switch {
				case f.Name == "operations":
				case f.Name == "href" && f.Value.Kind == String:
					out = append(out, f.Value.Text)
				default:
					walk(f.Value)
				}
			}
		case Array:
			for _, it := range x.Items {
				walk(it)
			}
		}
	}
	walk(n)
	return out
}
