package model

import (
	"errors"
	"fmt"
	"mime"
	"slices"
	"strings"

	"github.com/beevik/etree"
	"github.com/tidwall/gjson"
)

// Format is a CIMI serialization.
type Format string

const (
	JSON Format = "json"
	XML  Format = "xml"
)

// MediaType is the media type of the format (§4.1.4, l.673-676).
func (f Format) MediaType() string {
	if f == XML {
		return "application/xml"
	}
	return "application/json"
}

// FormatOf maps a Content-Type header to a format; ok is false for anything
// other than application/json or application/xml (parameters are ignored).
func FormatOf(contentType string) (Format, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", false
	}
	switch mt {
	case "application/json":
		return JSON, true
	case "application/xml":
		return XML, true
	}
	return "", false
}

// Problem is one way a representation departs from the model. Check names the
// representation check it belongs to (one of the Check* constants).
type Problem struct {
	Check string `json:"check"`
	Path  string `json:"path,omitempty"`
	Msg   string `json:"message"`
	// Soft problems are tolerated departures: reported as warnings whatever
	// the level of the rule.
	Soft bool `json:"soft,omitempty"`
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	return p.Path + ": " + p.Msg
}

// Doc is a decoded representation.
type Doc struct {
	Format  Format
	Version Version // from the resourceURI or namespace; "" when not CIMI
	TypeURI string  // JSON resourceURI; XML namespace + root name, or the Collection resourceURI
	Type    *Type   // schema entry for TypeURI in Version; nil when unknown
	Root    *Node
	// Problems found while decoding: duplicate keys, foreign namespaces,
	// element order, elements the model does not know. Validate adds the rest.
	Problems []Problem
	// Order lists the top-level XML element names in document order.
	Order []string
}

// Items returns the members of a collection document (none for a nil
// document or one that is not a collection).
func (d *Doc) Items() []*Node {
	if d == nil || d.Type == nil || !d.Type.IsCollection() {
		return nil
	}
	for _, name := range append([]string{d.Type.Member}, d.Type.AltMembers...) {
		if m := d.Root.Get(name); m != nil && m.Kind == Array {
			return m.Items
		}
	}
	return nil
}

// ErrNotCIMI marks a body that is well-formed but not a CIMI representation.
var ErrNotCIMI = errors.New("not a CIMI representation")

// Decode reads a JSON or XML body. want is the version to read XML with when
// its namespace is not a CIMI one.
func Decode(f Format, body []byte, want Version) (*Doc, error) {
	if f == XML {
		return DecodeXML(body, want)
	}
	return DecodeJSON(body, want)
}

// DecodeJSON reads a JSON representation (§5.4).
func DecodeJSON(body []byte, want Version) (*Doc, error) {
	if err := checkDepth(JSON, body); err != nil {
		return nil, err
	}
	if !gjson.ValidBytes(body) {
		return nil, fmt.Errorf("malformed JSON (%s)", snippet(body))
	}
	root := gjson.ParseBytes(body)
	if !root.IsObject() {
		return nil, fmt.Errorf("%w: the JSON body is not an object (%s)", ErrNotCIMI, snippet(body))
	}
	d := &Doc{Format: JSON}
	d.Root = jsonNode(root, "", &d.Problems)
	d.TypeURI = d.Root.Str("resourceURI")
	d.classify(want)
	return d, nil
}

func jsonNode(r gjson.Result, path string, problems *[]Problem) *Node {
	switch r.Type {
	case gjson.Null:
		return &Node{Kind: Null}
	case gjson.False, gjson.True:
		return &Node{Kind: Bool, Text: r.Raw}
	case gjson.Number:
		return &Node{Kind: Number, Text: r.Raw}
	case gjson.String:
		return &Node{Kind: String, Text: r.Str}
	}
	if r.IsArray() {
		n := &Node{Kind: Array}
		i := 0
		r.ForEach(func(_, v gjson.Result) bool {
			n.Items = append(n.Items, jsonNode(v, fmt.Sprintf("%s[%d]", path, i), problems))
			i++
			return true
		})
		return n
	}
	n := &Node{Kind: Object}
	seen := map[string]bool{}
	r.ForEach(func(k, v gjson.Result) bool {
		p := join(path, k.Str)
		if seen[k.Str] {
			*problems = append(*problems, Problem{Check: CheckMap, Path: p, Msg: "the key appears more than once in one object"})
		}
		seen[k.Str] = true
		n.Fields = append(n.Fields, Field{Name: k.Str, Value: jsonNode(v, p, problems)})
		return true
	})
	return n
}

// classify fills Version and Type from TypeURI.
func (d *Doc) classify(want Version) {
	v, ok := VersionOfURI(d.TypeURI)
	if ok {
		d.Version = v
	}
	lookup := want
	if ok {
		lookup = v
	}
	if lookup == "" {
		return
	}
	if name := TypeName(d.TypeURI); name != "" {
		d.Type = For(lookup).Type(name)
	}
}

// DecodeXML reads an XML representation (§5.4, §5.5; DSP8009 for 1.x).
func DecodeXML(body []byte, want Version) (*Doc, error) {
	if err := checkDepth(XML, body); err != nil {
		return nil, err
	}
	x := etree.NewDocument()
	x.ReadSettings.Permissive = false
	if err := x.ReadFromBytes(body); err != nil {
		return nil, fmt.Errorf("malformed XML: %v (%s)", err, snippet(body))
	}
	root := x.Root()
	if root == nil {
		return nil, fmt.Errorf("%w: the XML body has no root element (%s)", ErrNotCIMI, snippet(body))
	}
	d := &Doc{Format: XML}
	ns := root.NamespaceURI()
	v, ok := VersionOfURI(ns)
	if ok && ns == v.Namespace() {
		d.Version = v
	} else {
		d.Problems = append(d.Problems, Problem{Check: CheckNamespace, Path: root.Tag,
			Msg: fmt.Sprintf("the root element is in namespace %q, not a CIMI namespace", ns)})
		if want == "" {
			return nil, fmt.Errorf("%w: root element <%s> in namespace %q", ErrNotCIMI, root.Tag, ns)
		}
		v = want
	}
	if root.Tag == "Collection" {
		d.TypeURI = root.SelectAttrValue("resourceURI", "")
		if d.TypeURI == "" {
			d.Problems = append(d.Problems, Problem{Check: CheckCollection, Path: "Collection",
				Msg: "a <Collection> root has no resourceURI attribute"})
		}
	} else {
		d.TypeURI = ns + "/" + root.Tag
	}
	name := root.Tag
	if root.Tag == "Collection" {
		name = TypeName(d.TypeURI)
	}
	if name != "" {
		d.Type = For(v).Type(name)
	}
	for _, c := range root.ChildElements() {
		d.Order = append(d.Order, c.Tag)
	}
	// Read the children in the root's own namespace, so that a document in a
	// wrong namespace is still judged on its content (the namespace problem
	// is reported once, above).
	r := &xmlReader{v: v, ns: ns, problems: &d.Problems}
	if d.Type != nil {
		d.Root = r.object(root, d.Type.Attrs, d.Type, root.Tag)
	} else {
		d.Root = r.object(root, nil, nil, root.Tag)
	}
	return d, nil
}

type xmlReader struct {
	v        Version
	ns       string
	problems *[]Problem
}

func (r *xmlReader) problem(check, path, format string, args ...any) {
	*r.problems = append(*r.problems, Problem{Check: check, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// soft records a departure that is tolerated with a warning.
func (r *xmlReader) soft(check, path, format string, args ...any) {
	*r.problems = append(*r.problems, Problem{Check: check, Path: path, Msg: fmt.Sprintf(format, args...), Soft: true})
}

// object converts the children and XML attributes of el using attrs. A
// collection type also collects its items.
func (r *xmlReader) object(el *etree.Element, attrs []Attr, t *Type, path string) *Node {
	n := &Node{Kind: Object}
	byElem := map[string]*Attr{}
	for i := range attrs {
		a := &attrs[i]
		if a.XMLAttr {
			if xa := el.SelectAttr(a.Name); xa != nil {
				n.Set(a.Name, &Node{Kind: scalarKind(a.Kind), Text: xa.Value, FromAttr: true})
			}
			continue
		}
		byElem[r.elementName(a)] = a
	}
	// A structure may be written with its fields as XML attributes or as
	// child elements (§5.5.8, l.1360-1369): read a field from an attribute
	// when no child element carries it.
	if t == nil {
		for i := range attrs {
			a := &attrs[i]
			if a.XMLAttr || a.Kind == KAny {
				continue
			}
			if xa := el.SelectAttr(a.Name); xa != nil && el.SelectElement(a.Name) == nil {
				n.Set(a.Name, &Node{Kind: scalarKind(a.Kind), Text: xa.Value, FromAttr: true})
			}
		}
	}
	// A structure may carry its value as element content (the capability
	// value of ResourceMetadata, §5.11.1).
	if v := findAttr(attrs, "value"); v != nil && v.Kind == KAny && len(el.ChildElements()) == 0 {
		if text := strings.TrimSpace(el.Text()); text != "" {
			n.Set("value", S(text))
		}
	}
	for _, c := range el.ChildElements() {
		p := path + "/" + c.Tag
		if c.NamespaceURI() == "" && r.ns != "" {
			// Neither CIMI's nor an extension's: reported, then read as the
			// CIMI element it was meant to be.
			r.problem(CheckNamespace, p, "<%s> is in no namespace; CIMI elements are in %s", c.Tag, r.ns)
		} else if c.NamespaceURI() != r.ns {
			// Extension elements live in a foreign namespace (§5.1, DSP8009 xs:any ##other).
			n.Set("{"+c.NamespaceURI()+"}"+c.Tag, r.untyped(c))
			continue
		}
		if t.IsCollection() && r.collectionChild(n, c, t, p) {
			continue
		}
		a := byElem[c.Tag]
		if a == nil {
			if w := r.wrongArrayForm(attrs, c.Tag); w != nil {
				r.fixArrayForm(n, w, c, p)
				continue
			}
			if props := findAttr(attrs, "properties"); props != nil && r.wrongPropertiesForm(c.Tag) {
				r.fixPropertiesForm(n, props, c, p)
				continue
			}
			n.Set(c.Tag, r.untyped(c))
			continue
		}
		r.member(n, a, c, p)
	}
	return n
}

// collectionChild handles the items of a collection: in 2.0 grouped under an
// element named like the JSON member, in 1.x directly under <Collection>
// (§5.5.12, l.1503-1532; DSP8009). It reports whether c was an item or group.
func (r *xmlReader) collectionChild(n *Node, c *etree.Element, t *Type, path string) bool {
	switch {
	case c.Tag == t.Item:
		if r.v == V2 {
			r.problem(CheckCollection, path, "a 2.0 collection groups its <%s> items under <%s>", t.Item, t.Member)
		}
		r.items(n, t.Member, []*etree.Element{c}, t, path)
		return true
	case c.Tag == t.Member || slices.Contains(t.AltMembers, c.Tag):
		if c.SelectAttr("href") != nil {
			return false
		}
		if r.v == V1 {
			r.problem(CheckCollection, path, "a 1.x collection has no grouping element; items sit under <Collection>")
		}
		if c.Tag != t.Member {
			r.soft(CheckCollection, path, "items grouped under <%s>; the usual name is <%s>", c.Tag, t.Member)
		}
		r.items(n, c.Tag, c.ChildElements(), t, path)
		return true
	}
	return false
}

// wrongArrayForm finds the array attribute an element belongs to when it
// uses the other version's form: a bare item in 2.0 (which wraps arrays of
// structures, l.1417-1427) or a wrapper in 1.x (which repeats the items,
// DSP8009).
func (r *xmlReader) wrongArrayForm(attrs []Attr, tag string) *Attr {
	for i := range attrs {
		a := &attrs[i]
		if a.Kind != KArray || a.Item.Kind == KRef || a.XMLAttr || a.Bare {
			continue
		}
		if (r.v == V2 && tag == a.Item.Name && tag != a.Name) || (r.v == V1 && tag == a.Name && tag != a.Item.Name) {
			return a
		}
	}
	return nil
}

// fixArrayForm reports the form and reads the items anyway.
func (r *xmlReader) fixArrayForm(n *Node, a *Attr, c *etree.Element, path string) {
	arr := n.Get(a.Name)
	if arr == nil {
		arr = &Node{Kind: Array}
		n.Set(a.Name, arr)
	}
	if r.v == V2 {
		r.problem(CheckArrays, path, "<%s> items must be wrapped in <%s> in 2.0", a.Item.Name, a.Name)
		arr.Items = append(arr.Items, r.value(a.Item, c, path))
		return
	}
	r.problem(CheckArrays, path, "1.x repeats <%s> items without a <%s> wrapper", a.Item.Name, a.Name)
	for _, it := range c.ChildElements() {
		arr.Items = append(arr.Items, r.value(a.Item, it, path+"/"+it.Tag))
	}
}

// wrongPropertiesForm tells a properties map in the other version's form:
// bare <property> items in 2.0, a <properties> wrapper in 1.x (§5.7.1,
// l.1798; DSP8009 commonElements).
func (r *xmlReader) wrongPropertiesForm(tag string) bool {
	return (r.v == V2 && tag == "property") || (r.v == V1 && tag == "properties")
}

// fixPropertiesForm reports the form and reads the entries anyway.
func (r *xmlReader) fixPropertiesForm(n *Node, a *Attr, c *etree.Element, path string) {
	if r.v == V2 {
		r.problem(CheckMap, path, "<property> entries are wrapped in <properties> in 2.0")
		wrapper := etree.NewElement("properties")
		wrapper.AddChild(c.Copy())
		r.member(n, a, wrapper, path)
		return
	}
	r.problem(CheckMap, path, "1.x repeats <property> entries without a <properties> wrapper")
	for _, e := range c.ChildElements() {
		r.member(n, a, e, path)
	}
}

// elementName is the element an attribute appears as: the attribute name,
// except for 1.x arrays (repeated items, no wrapper) and arrays of
// references in both versions (§5.5.11, l.1429-1433).
func (r *xmlReader) elementName(a *Attr) string {
	switch {
	case a.Kind == KMap && a.Name == "properties" && r.v == V1:
		return "property"
	case a.Kind == KArray && (r.v == V1 || a.Item.Kind == KRef || a.Bare):
		return a.Item.Name
	}
	return a.Name
}

// member adds the value of element c, described by a, to n.
func (r *xmlReader) member(n *Node, a *Attr, c *etree.Element, path string) {
	switch a.Kind {
	case KArray:
		arr := n.Get(a.Name)
		if arr == nil {
			arr = &Node{Kind: Array}
			n.Set(a.Name, arr)
		}
		if r.v == V1 || a.Item.Kind == KRef || a.Bare {
			arr.Items = append(arr.Items, r.value(a.Item, c, path))
			return
		}
		for _, it := range c.ChildElements() {
			if it.Tag != a.Item.Name {
				r.problem(CheckArrays, path+"/"+it.Tag, "an item of %s is <%s>; items are named <%s>", a.Name, it.Tag, a.Item.Name)
			}
			arr.Items = append(arr.Items, r.value(a.Item, it, path+"/"+it.Tag))
		}
	case KMap:
		m := n.Get(a.Name)
		if m == nil {
			m = &Node{Kind: Object}
			n.Set(a.Name, m)
		}
		entries := c.ChildElements()
		if a.Name == "properties" && r.v == V1 {
			entries = []*etree.Element{c}
		}
		for _, e := range entries {
			key := e.SelectAttr("key")
			if key == nil {
				r.problem(CheckMap, path, "a map entry has no key attribute")
				continue
			}
			if m.Has(key.Value) {
				r.problem(CheckMap, path, "the key %q appears more than once", key.Value)
			}
			m.Set(key.Value, &Node{Kind: String, Text: e.Text()})
		}
	default:
		if n.Has(a.Name) {
			r.problem(CheckXMLOrder, path, "<%s> appears more than once", c.Tag)
		}
		n.Set(a.Name, r.value(a, c, path))
	}
}

// value converts one element described by a.
func (r *xmlReader) value(a *Attr, el *etree.Element, path string) *Node {
	switch a.Kind {
	case KRef, KCollection:
		var fields []Attr
		var t *Type
		if a.Target != "" {
			t = For(r.v).Type(a.Target)
			if t != nil {
				fields = t.Attrs
			}
		}
		n := r.object(el, fields, t, path)
		if h := el.SelectAttr("href"); h != nil {
			n.Set("href", &Node{Kind: String, Text: h.Value, FromAttr: true})
			// Keep href first, as in JSON.
			n.Fields = append([]Field{n.Fields[len(n.Fields)-1]}, n.Fields[:len(n.Fields)-1]...)
		}
		return n
	case KStruct:
		return r.object(el, a.Fields, nil, path)
	case KAny:
		return r.untyped(el)
	case KValueScope:
		return r.valueScopeXML(el, path)
	}
	if len(el.ChildElements()) > 0 {
		r.problem(CheckStructures, path, "<%s> holds elements where a %s value is expected", el.Tag, a.Kind)
	}
	if len(el.Attr) > 0 && len(el.ChildElements()) == 0 && strings.TrimSpace(el.Text()) == "" && a.Kind != KString {
		// <x/> with attributes only: keep them visible to the checks.
		return r.untyped(el)
	}
	if len(el.ChildElements()) == 0 && el.Text() == "" && len(el.Attr) == 0 {
		return &Node{Kind: Null}
	}
	return &Node{Kind: scalarKind(a.Kind), Text: strings.TrimSpace(el.Text())}
}

// untyped converts an element the model does not describe: an element with
// an href is a reference, one with children an object, anything else a string.
func (r *xmlReader) untyped(el *etree.Element) *Node {
	kids := el.ChildElements()
	if len(kids) == 0 && len(el.Attr) == 0 {
		return &Node{Kind: String, Text: strings.TrimSpace(el.Text())}
	}
	n := &Node{Kind: Object}
	for _, at := range el.Attr {
		if at.Space == "xmlns" || at.Key == "xmlns" {
			continue
		}
		n.Set(at.Key, &Node{Kind: String, Text: at.Value, FromAttr: true})
	}
	for _, k := range kids {
		v := r.untyped(k)
		if prev := n.Get(k.Tag); prev != nil {
			if prev.Kind != Array {
				n.Set(k.Tag, &Node{Kind: Array, Items: []*Node{prev}})
				prev = n.Get(k.Tag)
			}
			prev.Items = append(prev.Items, v)
			continue
		}
		n.Set(k.Tag, v)
	}
	if len(kids) == 0 {
		if t := strings.TrimSpace(el.Text()); t != "" {
			n.Set("value", S(t))
		}
	}
	return n
}

// items appends collection items (elements named after the item type) to the
// member array called member.
func (r *xmlReader) items(n *Node, member string, els []*etree.Element, t *Type, path string) {
	arr := n.Get(member)
	if arr == nil {
		arr = &Node{Kind: Array}
		n.Set(member, arr)
	}
	it := For(r.v).Type(t.Item)
	for _, el := range els {
		p := path + "/" + el.Tag
		if el.Tag != t.Item {
			r.problem(CheckCollection, p, "an item of %s is <%s>; items are named <%s>", t.Name, el.Tag, t.Item)
		}
		var attrs []Attr
		if it != nil {
			attrs = it.Attrs
		}
		item := r.object(el, attrs, it, p)
		// A JSON item carries its resourceURI; give the XML item the same so
		// both serializations compare equal.
		item.Fields = append([]Field{{Name: "resourceURI", Value: S(r.v.TypeURI(el.Tag))}}, item.Fields...)
		arr.Items = append(arr.Items, item)
	}
}

func scalarKind(k Kind) NodeKind {
	switch k {
	case KInteger:
		return Number
	case KBoolean:
		return Bool
	}
	return String
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// snippet shows the start of a body in an error message.
func snippet(body []byte) string {
	s := strings.TrimSpace(string(body))
	if s == "" {
		return "empty body"
	}
	const max = 80
	if len(s) > max {
		s = s[:max] + "…"
	}
	return fmt.Sprintf("starts with %q", s)
}
