package reference

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// refPath is a reference to one of this server's resources, relative to the
// base URI (e.g. "machines/3"); it is written out as an absolute URI.
type refPath string

// omap is a JSON object that keeps its member order.
type omap []kv

type kv struct {
	k string
	v any
}

func (m omap) get(k string) any {
	for _, e := range m {
		if e.k == k {
			return e.v
		}
	}
	return nil
}

func (m omap) MarshalJSON() ([]byte, error) {
	return appendJSON(nil, m), nil
}

// appendJSON writes the output trees of this package as JSON. It is written
// by hand because encoding/json re-validates what MarshalJSON returns, which
// made large collections several times slower than XML.
func appendJSON(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, x)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case bool:
		return strconv.AppendBool(b, x)
	case omap:
		b = append(b, '{')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, e.k)
			b = append(b, ':')
			b = appendJSON(b, e.v)
		}
		return append(b, '}')
	case []any:
		b = append(b, '[')
		for i, it := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, it)
		}
		return append(b, ']')
	case expanded:
		out := omap{{"href", x.href}}
		if x.coll != nil {
			out = append(out, x.coll.json("")...)
		} else {
			out = append(out, x.m...)
		}
		return appendJSON(b, out)
	case map[string]string:
		b = append(b, '{')
		for i, k := range sortedKeys(x) {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = appendJSONString(b, x[k])
		}
		return append(b, '}')
	}
	// Anything else is a value of ours that encoding/json handles.
	out, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return append(b, out...)
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as a JSON string (RFC 8259 §7).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	if !needsEscape(s) {
		return append(append(b, s...), '"')
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			switch c {
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}

// renderer turns stored values into output trees for one request.
type renderer struct {
	major   int
	base    string // absolute base URI, ending in "/"
	ns      string
	noZone  bool // fault: dateTimes without a UTC offset
	slashed bool // fault: relative hrefs that start with a slash
	// Variations: hrefs relative to base, dateTimes with fractions and an
	// offset, a Provider query parameter on every URI.
	relative bool
	fraction bool
	query    string
}

func (r *renderer) typeURI(name string) string { return r.ns + "/" + name }

func (r *renderer) abs(p refPath) string {
	switch {
	case r.slashed:
		return "/cimi/" + string(p)
	case r.relative:
		return r.withQuery(string(p))
	}
	return r.withQuery(r.base + string(p))
}

// absolute is the absolute URI of a path, for the headers, which carry
// absolute URIs whatever the bodies use (§4.2.1.6, l.1116-1122).
func (r *renderer) absolute(p refPath) string { return r.withQuery(r.base + string(p)) }

// withQuery adds the Provider query parameter of a variation.
func (r *renderer) withQuery(uri string) string {
	if r.query == "" {
		return uri
	}
	if strings.Contains(uri, "?") {
		return uri + "&" + r.query
	}
	return uri + "?" + r.query
}

// local turns an href of this server into a path: absolute, or relative to
// baseURI with an absolute path or none (RFC 3986 §5.2), which resolve the
// same; a query is not part of the path.
func (r *renderer) local(href string) (string, bool) {
	if i := strings.IndexByte(href, '?'); i >= 0 {
		href = href[:i]
	}
	if p, ok := strings.CutPrefix(href, r.base); ok {
		return p, true
	}
	if p, ok := strings.CutPrefix(href, "/cimi/"); ok {
		return p, true
	}
	if href != "" && !strings.Contains(href, ":") && !strings.HasPrefix(href, "/") {
		return href, true
	}
	return "", false
}

// object renders the attributes of t found in vals, in schema order.
func (r *renderer) object(t *rtype, vals map[string]any, fields []field) omap {
	var out omap
	for i := range fields {
		f := &fields[i]
		if f.only != 0 && f.only != r.major {
			continue
		}
		v, ok := vals[f.name]
		if !ok {
			continue
		}
		if rv, keep := r.value(f, v); keep {
			out = append(out, kv{f.name, rv})
		}
	}
	return out
}

// value renders one value; keep is false for empty values, which are
// omitted (§5.5.15).
func (r *renderer) value(f *field, v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, false
	case string:
		return x, x != ""
	case int64, bool:
		return x, true
	case int:
		return int64(x), true
	case time.Time:
		return r.formatTime(x), !x.IsZero()
	case refPath:
		return omap{{"href", r.abs(x)}}, x != ""
	case map[string]string:
		return x, len(x) > 0
	case typedParams:
		return x, len(x) > 0
	case map[string]any:
		return r.inline(f, x)
	case []any:
		return r.list(f, x)
	case omap:
		return x, len(x) > 0
	case expanded:
		return x, true
	}
	return fmt.Sprint(v), true
}

// inline renders a structure, or a reference given by value.
func (r *renderer) inline(f *field, x map[string]any) (any, bool) {
	var out omap
	if h, ok := x["href"]; ok {
		if s, ok := h.(refPath); ok {
			out = append(out, kv{"href", r.abs(s)})
		} else if s, ok := h.(string); ok && s != "" {
			out = append(out, kv{"href", s})
		}
	}
	fields := f.sub
	if f.kind == kRef {
		if t := types[f.to]; t != nil {
			fields = t.fields
		}
	}
	out = append(out, r.object(nil, x, fields)...)
	return out, len(out) > 0
}

func (r *renderer) list(f *field, items []any) (any, bool) {
	var out []any
	for _, it := range items {
		switch x := it.(type) {
		case refPath:
			out = append(out, omap{{"href", r.abs(x)}})
		case map[string]any:
			inner := &field{kind: kStruct, sub: f.sub}
			if f.ref && f.to != "" {
				inner = &field{kind: kRef, to: f.to} // an item given by value
			}
			if v, ok := r.inline(inner, x); ok {
				out = append(out, v)
			}
		case omap:
			out = append(out, x)
		default:
			out = append(out, x)
		}
	}
	return out, len(out) > 0
}

// --- JSON -----------------------------------------------------------------

func encodeJSON(v any) []byte { return encodeJSONSized(v, 1024) }

// encodeJSONSized starts from a buffer of about the expected size, which
// spares a large collection most of the copies of a growing buffer.
func encodeJSONSized(v any, size int) []byte {
	return append(appendJSON(make([]byte, 0, size), v), '\n')
}

// --- XML ------------------------------------------------------------------

// xmlWriter writes output trees as CIMI XML: 2.0 wraps arrays of
// structures, properties and operations; 1.x repeats the items bare.
type xmlWriter struct {
	enc   *xml.Encoder
	major int
	// wrap2 writes the 2.0 wrappers in a 1.x document (a fault).
	wrap2 bool
	// wrapRefs wraps reference arrays too (a fault).
	wrapRefs bool
	// rm spoils the 2.0 XML form of ResourceMetadata (faults).
	rm rmXMLFaults
	// prefix, when set, is bound to the CIMI namespace and names every CIMI
	// element (a variation).
	prefix string
	err    error
}

// wraps tells whether arrays, properties and collection items get the 2.0
// wrapper elements.
func (w *xmlWriter) wraps() bool { return w.major == 2 || w.wrap2 }

// xmlStyle is how one request writes XML: the CIMI major version, the
// namespace of the root, and whether a fault spoils the 1.x form.
type xmlStyle struct {
	major  int
	ns     string
	wrap2  bool
	prefix string
	// wrapRefs wraps reference arrays too (a fault).
	wrapRefs bool
	rm       rmXMLFaults
}

// rmXMLFaults are the ways a fault spoils the XML form of a
// ResourceMetadata's attributes, capabilities and actions (l.1936-1951).
type rmXMLFaults struct {
	unwrapped      bool // items without their wrapper
	fieldsAsElems  bool // attribute and action fields as child elements
	valueAttribute bool // a capability's value in an XML attribute
}

// rmArrays are the arrays of a ResourceMetadata the rmXMLFaults spoil.
var rmArrays = map[string]bool{"attributes": true, "capabilities": true, "actions": true}

// newXMLWriter writes to b in style st.
func newXMLWriter(b *bytes.Buffer, st xmlStyle) *xmlWriter {
	return &xmlWriter{enc: xml.NewEncoder(b), major: st.major, wrap2: st.wrap2, prefix: st.prefix, wrapRefs: st.wrapRefs, rm: st.rm}
}

// nsAttr declares the CIMI namespace on the root: as the default namespace,
// or bound to the prefix.
func (w *xmlWriter) nsAttr(ns string) xml.Attr {
	if w.prefix != "" {
		return xattr("xmlns:"+w.prefix, ns)
	}
	return xattr("xmlns", ns)
}

// qual is the name of a CIMI element, prefixed where the style asks.
func (w *xmlWriter) qual(name string) string {
	if w.prefix != "" {
		return w.prefix + ":" + name
	}
	return name
}

func (w *xmlWriter) token(t xml.Token) {
	if w.err == nil {
		w.err = w.enc.EncodeToken(t)
	}
}

func (w *xmlWriter) start(name string, attrs ...xml.Attr) {
	w.token(xml.StartElement{Name: xml.Name{Local: w.qual(name)}, Attr: attrs})
}

func (w *xmlWriter) end(name string) { w.token(xml.EndElement{Name: xml.Name{Local: w.qual(name)}}) }

// extension writes an extension element in its own (default) namespace.
func (w *xmlWriter) extension(name, ns, s string) {
	w.token(xml.StartElement{Name: xml.Name{Local: name}, Attr: []xml.Attr{xattr("xmlns", ns)}})
	w.token(xml.CharData(s))
	w.token(xml.EndElement{Name: xml.Name{Local: name}})
}

func (w *xmlWriter) text(name, s string, attrs ...xml.Attr) {
	w.start(name, attrs...)
	w.token(xml.CharData(s))
	w.end(name)
}

func xattr(k, v string) xml.Attr { return xml.Attr{Name: xml.Name{Local: k}, Value: v} }

// members writes the members of m using the fields of a type or structure;
// extension elements come last, in their own namespace (§5.1).
func (w *xmlWriter) members(fields []field, m omap) {
	for pass := 0; pass < 2; pass++ {
		for i := range fields {
			f := &fields[i]
			if f.only != 0 && f.only != w.major || f.xattr || (f.ns != "") != (pass == 1) {
				continue
			}
			v := m.get(f.name)
			if v == nil {
				continue
			}
			if f.ns != "" {
				w.extension(f.name, f.ns, scalar(v))
				continue
			}
			w.member(f, v)
		}
	}
}

// xmlAttrs collects the XML-attribute fields of a structure.
func xmlAttrs(fields []field, m omap, major int) []xml.Attr {
	var out []xml.Attr
	for i := range fields {
		f := &fields[i]
		if !f.xattr || (f.only != 0 && f.only != major) {
			continue
		}
		if v := m.get(f.name); v != nil {
			out = append(out, xattr(f.name, scalar(v)))
		}
	}
	return out
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

func (w *xmlWriter) member(f *field, v any) {
	if x, ok := v.(expanded); ok {
		w.expanded(f.name, x)
		return
	}
	switch f.kind {
	case kRef, kColl:
		m, _ := v.(omap)
		var attrs []xml.Attr
		if h := m.get("href"); h != nil {
			attrs = append(attrs, xattr("href", h.(string)))
		}
		w.start(f.name, attrs...)
		fields := f.sub
		if t := types[f.to]; t != nil {
			fields = t.fields
		}
		w.members(fields, m)
		w.end(f.name)
	case kMap:
		if tp, ok := v.(typedParams); ok {
			w.typedParams(f.name, tp)
			return
		}
		m := v.(map[string]string)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		wrap := f.name != "properties" || w.wraps()
		if wrap {
			w.start(f.name)
		}
		for _, k := range keys {
			if f.keyed {
				w.text(k, m[k]) // an element per key, as a structure's fields
				continue
			}
			w.text("property", m[k], xattr("key", k))
		}
		if wrap {
			w.end(f.name)
		}
	case kStruct:
		m := v.(omap)
		w.start(f.name, xmlAttrs(f.sub, m, w.major)...)
		w.members(f.sub, m)
		w.end(f.name)
	case kArray:
		w.array(f, v.([]any))
	case kAny:
		// Written as element content by the enclosing array (capability values).
	case kScopes:
		for _, sc := range v.([]any) {
			w.start(f.name)
			w.valueScope(sc.(omap))
			w.end(f.name)
		}
	default:
		w.text(f.name, scalar(v))
	}
}

// valueScope writes one valueScope map: an element per scoped attribute
// holding the scope's words; an enumeration repeats <value> (l.1749-1759).
func (w *xmlWriter) valueScope(m omap) {
	for _, e := range m {
		w.start(e.k)
		for _, word := range e.v.(omap) {
			switch word.k {
			case "item":
				w.start("item")
				w.valueScope(word.v.(omap))
				w.end("item")
			case "values":
				for _, x := range word.v.([]any) {
					w.text("value", scalar(x))
				}
			default:
				w.text(word.k, scalar(word.v))
			}
		}
		w.end(e.k)
	}
}

func (w *xmlWriter) array(f *field, items []any) {
	wrap := w.wraps() && (!f.ref || w.wrapRefs) && !(w.rm.unwrapped && rmArrays[f.name])
	if wrap {
		w.start(f.name)
	}
	for _, it := range items {
		m, _ := it.(omap)
		if href, _ := m.get("href").(string); f.ref && href == "" && types[f.to] != nil {
			w.start(f.item) // an item given by value
			w.members(types[f.to].fields, m)
			w.end(f.item)
			continue
		}
		if f.ref {
			href, _ := m.get("href").(string)
			w.start(f.item, xattr("href", href))
			w.end(f.item)
			continue
		}
		if m == nil {
			w.text(f.item, scalar(it))
			continue
		}
		if w.rm.fieldsAsElems && (f.name == "attributes" || f.name == "actions") {
			w.fieldsAsElements(f, m)
			continue
		}
		attrs := xmlAttrs(f.sub, m, w.major)
		value, hasValue := anyValue(f.sub, m)
		if hasValue && w.rm.valueAttribute {
			attrs, hasValue = append(attrs, xattr("value", value)), false
		}
		w.start(f.item, attrs...)
		w.members(f.sub, m)
		// Capability values sit in the element content (2.0, l.1943-1944);
		// DSP8009 allows only elements there, so 1.x writes a <value>.
		if hasValue && w.major == 1 {
			w.text("value", value)
		} else if hasValue {
			w.token(xml.CharData(value))
		}
		w.end(f.item)
	}
	if wrap {
		w.end(f.name)
	}
}

// anyValue is the value of an item's any-typed field (a capability's
// value), as text.
func anyValue(fields []field, m omap) (string, bool) {
	for _, sf := range fields {
		if v := m.get(sf.name); sf.kind == kAny && v != nil {
			return scalar(v), true
		}
	}
	return "", false
}

// fieldsAsElements writes an item's XML-attribute fields as child elements
// (a fault).
func (w *xmlWriter) fieldsAsElements(f *field, m omap) {
	w.start(f.item)
	for _, sf := range f.sub {
		if v := m.get(sf.name); v != nil && (sf.only == 0 || sf.only == w.major) {
			w.text(sf.name, scalar(v))
		}
	}
	w.end(f.item)
}

// writeXML writes a resource or message as the root element name.
func writeXML(st xmlStyle, name string, t *rtype, m omap) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	w := newXMLWriter(&b, st)
	w.start(name, w.nsAttr(st.ns))
	w.members(t.fields, m)
	w.end(name)
	if w.err == nil {
		w.err = w.enc.Flush()
	}
	if w.err != nil {
		panic(w.err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// writeCollectionXML writes <Collection resourceURI="…"> with its items.
func writeCollectionXML(st xmlStyle, typeURI string, t *rtype, m omap, items []omap) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	w := newXMLWriter(&b, st)
	w.start("Collection", w.nsAttr(st.ns), xattr("resourceURI", typeURI))
	w.collectionBody(t, m, items)
	w.end("Collection")
	if w.err == nil {
		w.err = w.enc.Flush()
	}
	if w.err != nil {
		panic(w.err)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// collectionBody writes id, parent and count, the items (2.0: inside the
// grouping element, 1.x: bare) and the operations.
func (w *xmlWriter) collectionBody(t *rtype, m omap, items []omap) {
	w.members(t.fields[:3], m) // id, parent, count
	if len(items) > 0 {
		if w.wraps() {
			w.start(t.member)
		}
		it := types[t.item]
		for _, item := range items {
			w.start(t.item)
			w.members(it.fields, item)
			w.end(t.item)
		}
		if w.wraps() {
			w.end(t.member)
		}
	}
	w.members(t.fields[3:], m)
}

// expanded writes a reference with its target inside (§4.1.6.4): the
// target's elements without its root element.
func (w *xmlWriter) expanded(name string, x expanded) {
	w.start(name, xattr("href", x.href))
	if x.coll != nil {
		m := x.coll.m
		if len(x.coll.ops) > 0 {
			m = append(append(omap{}, m...), kv{"operations", x.coll.ops})
		}
		w.collectionBody(x.typ, m, x.coll.items)
	} else {
		w.members(x.typ.fields, x.m)
	}
	w.end(name)
}

// --- request decoding -----------------------------------------------------

// anyResourceURI, as a root, lets any JSON resourceURI through (a fault).
const anyResourceURI = "*"

// decodeBody reads a request body into plain values: map[string]any,
// []any, string, json.Number, bool and nil, whatever the format. For XML the
// schema of the expected type tells which elements are arrays or maps.
func decodeBody(format string, body []byte, major int, ns string, want *rtype, roots ...string) (map[string]any, error) {
	if format == "xml" {
		return decodeXML(body, major, ns, want, roots)
	}
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("malformed JSON: the body is not valid UTF-8")
	}
	if key, dup := duplicateKey(body); dup {
		return nil, fmt.Errorf("malformed JSON: the member %q appears twice in one object", key)
	}
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, fmt.Errorf("malformed JSON: %v", err)
	}
	if d.More() {
		return nil, fmt.Errorf("malformed JSON: data after the object")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the body is not a JSON object")
	}
	if ru, present := m["resourceURI"]; present {
		s, _ := ru.(string)
		okURI := false
		for _, r := range roots {
			if s == ns+"/"+r || r == anyResourceURI {
				okURI = true
			}
		}
		if !okURI {
			return nil, fmt.Errorf("resourceURI %q does not name a %s", s, roots[0])
		}
		delete(m, "resourceURI")
	}
	return m, nil
}

// duplicateKey finds a member named twice in one JSON object (RFC 8259
// leaves such documents' meaning open; a strict server refuses them).
func duplicateKey(body []byte) (string, bool) {
	d := json.NewDecoder(bytes.NewReader(body))
	type frame struct {
		object    bool
		expectKey bool
		seen      map[string]bool
	}
	var stack []*frame
	for {
		tok, err := d.Token()
		if err != nil {
			return "", false // malformed JSON is reported by the decoder
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.expectKey {
			if k, ok := tok.(string); ok {
				if top.seen[k] {
					return k, true
				}
				top.seen[k], top.expectKey = true, false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, expectKey: true, seen: map[string]bool{}})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return "", false
			}
		}
		if len(stack) == 0 {
			return "", false
		}
		if top = stack[len(stack)-1]; top.object {
			top.expectKey = true
		}
	}
}

type xnode struct {
	name  xml.Name
	attrs []xml.Attr
	kids  []*xnode
	text  strings.Builder
}

func parseXML(body []byte) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	var stack []*xnode
	var root *xnode
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" && root != nil && len(stack) == 0 {
				return root, nil
			}
			if root == nil && err.Error() == "EOF" {
				return nil, fmt.Errorf("malformed XML: no root element")
			}
			return nil, fmt.Errorf("malformed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: t.Name, attrs: t.Attr}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("malformed XML: more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			} else if strings.TrimSpace(string(t)) != "" {
				return nil, fmt.Errorf("malformed XML: text outside the root element")
			}
		}
	}
}

func (n *xnode) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}

func decodeXML(body []byte, major int, ns string, want *rtype, roots []string) (map[string]any, error) {
	root, err := parseXML(body)
	if err != nil {
		return nil, err
	}
	if root.name.Space != ns {
		return nil, fmt.Errorf("the root element is in namespace %q; this server speaks %s", root.name.Space, ns)
	}
	ok := false
	for _, r := range roots {
		ok = ok || root.name.Local == r
	}
	if !ok {
		return nil, fmt.Errorf("the root element is <%s>; expected <%s>", root.name.Local, roots[0])
	}
	return xmlObject(root, want.fields, major, ns)
}

// xmlObject converts the children of n into plain values using fields.
func xmlObject(n *xnode, fields []field, major int, ns string) (map[string]any, error) {
	out := map[string]any{}
	byElem := map[string]*field{}
	for i := range fields {
		f := &fields[i]
		if f.only != 0 && f.only != major {
			continue
		}
		if f.xattr {
			if v, ok := n.attr(f.name); ok {
				out[f.name] = v
			}
			continue
		}
		name := f.name
		if f.ns != "" {
			continue
		}
		switch {
		case f.kind == kMap && f.name == "properties" && major == 1:
			name = "property"
		case f.kind == kArray && (major == 1 || f.ref):
			name = f.item
		}
		byElem[name] = f
	}
	for _, a := range n.attrs {
		if a.Name.Local == "href" && a.Name.Space == "" {
			out["href"] = a.Value
		}
	}
	for _, k := range n.kids {
		if k.name.Space != ns {
			if f := findField(fields, k.name.Local, major); f != nil && f.ns == k.name.Space {
				out[f.name] = strings.TrimSpace(k.text.String())
				continue
			}
			return nil, fmt.Errorf("element <%s> is in namespace %q, which this server does not accept", k.name.Local, k.name.Space)
		}
		f := byElem[k.name.Local]
		if f == nil {
			// Keep it so that the unknown-attribute rule (§5.3) rejects it.
			out[k.name.Local] = strings.TrimSpace(k.text.String())
			continue
		}
		if err := xmlMember(out, f, k, major, ns); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func xmlMember(out map[string]any, f *field, k *xnode, major int, ns string) error {
	switch f.kind {
	case kMap:
		m, _ := out[f.name].(map[string]any)
		if m == nil {
			m = map[string]any{}
			out[f.name] = m
		}
		entries := k.kids
		if f.name == "properties" && major == 1 {
			entries = []*xnode{k}
		}
		for _, e := range entries {
			key, ok := e.attr("key")
			if !ok && f.keyed && e.name.Local != "property" {
				// The spec prints no XML for a Segment's or Endpoint's
				// parameters: an element per key is read too.
				key, ok = e.name.Local, true
			}
			if !ok {
				return fmt.Errorf("a <%s> entry has no key attribute", f.name)
			}
			if f.typed && len(e.kids) > 0 {
				// A list as a wrapper of items, as 2.0 writes arrays.
				var list []any
				for _, it := range e.kids {
					list = append(list, strings.TrimSpace(it.text.String()))
				}
				m[key] = list
				continue
			}
			if prev, dup := m[key]; dup && f.typed {
				// A list is its key repeated.
				list, _ := prev.([]any)
				if s, ok := prev.(string); ok {
					list = []any{s}
				}
				m[key] = append(list, e.text.String())
				continue
			} else if dup {
				return fmt.Errorf("the key %q appears twice in %s", key, f.name)
			}
			m[key] = e.text.String()
		}
	case kArray:
		list, _ := out[f.name].([]any)
		items := []*xnode{k}
		if major == 2 && !f.ref {
			items = k.kids
			if len(items) == 0 {
				out[f.name] = nil // <volumes/>: erase (§4.2.1.1)
				return nil
			}
		}
		for _, it := range items {
			if f.sub == nil && !f.ref {
				list = append(list, strings.TrimSpace(it.text.String()))
				continue
			}
			if f.ref {
				var fields []field
				if t := types[f.to]; t != nil && len(it.attrs) == 0 {
					fields = t.fields // an item given by value
				}
				obj, err := xmlObject(it, fields, major, ns)
				if err != nil {
					return err
				}
				list = append(list, obj)
				continue
			}
			obj, err := xmlObject(it, f.sub, major, ns)
			if err != nil {
				return err
			}
			list = append(list, obj)
		}
		out[f.name] = list
	case kRef, kColl, kStruct:
		if len(k.kids) == 0 && len(k.attrs) == 0 && strings.TrimSpace(k.text.String()) == "" {
			out[f.name] = nil
			return nil
		}
		fields := f.sub
		if t := types[f.to]; t != nil {
			fields = t.fields
		}
		obj, err := xmlObject(k, fields, major, ns)
		if err != nil {
			return err
		}
		out[f.name] = obj
	default:
		if len(k.kids) > 0 {
			return fmt.Errorf("<%s> holds elements where a value is expected", k.name.Local)
		}
		text := strings.TrimSpace(k.text.String())
		if text == "" && len(k.attrs) == 0 {
			out[f.name] = nil
			return nil
		}
		switch f.kind {
		case kInt:
			out[f.name] = json.Number(text)
		case kBool:
			switch text {
			case "true":
				out[f.name] = true
			case "false":
				out[f.name] = false
			default:
				return fmt.Errorf("<%s> is %q, not true or false", k.name.Local, text)
			}
		default:
			out[f.name] = text
		}
	}
	return nil
}

// typedParams is a typed map's value: strings, int64 and []string.
type typedParams map[string]any

// typedParams writes a typed map as an element per key, a list as a
// wrapper of <item> elements (the spec prints no XML for it; 2.0 wraps its
// arrays).
func (w *xmlWriter) typedParams(name string, m typedParams) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w.start(name)
	for _, k := range keys {
		switch v := m[k].(type) {
		case []string:
			w.start(k)
			for _, s := range v {
				w.text("item", s)
			}
			w.end(k)
		default:
			w.text(k, scalar(v))
		}
	}
	w.end(name)
}
