package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/beevik/etree"
)

// Encode writes a request body of type typeName in format f. The JSON form
// gets a resourceURI unless n already has one or omitResourceURI is set (a
// Consumer may leave it out, §4.1.4).
func Encode(f Format, v Version, typeName string, n *Node, omitResourceURI bool) ([]byte, error) {
	if f == XML {
		return EncodeXML(v, typeName, n)
	}
	if !omitResourceURI && !n.Has("resourceURI") {
		c := &Node{Kind: Object, Fields: append([]Field{{Name: "resourceURI", Value: S(v.TypeURI(typeName))}}, n.Fields...)}
		n = c
	}
	return EncodeJSON(n), nil
}

// EncodeJSON writes n as indented JSON, keeping member order.
func EncodeJSON(n *Node) []byte {
	var b bytes.Buffer
	writeJSON(&b, n, "")
	b.WriteByte('\n')
	return b.Bytes()
}

func writeJSON(b *bytes.Buffer, n *Node, indent string) {
	switch n.Kind {
	case Null:
		b.WriteString("null")
	case Bool, Number:
		b.WriteString(n.Text)
	case String:
		s, _ := json.Marshal(n.Text)
		b.Write(s)
	case Object:
		if len(n.Fields) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, f := range n.Fields {
			k, _ := json.Marshal(f.Name)
			b.WriteString(indent + "  ")
			b.Write(k)
			b.WriteString(": ")
			writeJSON(b, f.Value, indent+"  ")
			if i < len(n.Fields)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case Array:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJSON(b, it, indent)
		}
		b.WriteByte(']')
	}
}

// EncodeXML writes n as the XML element typeName in the namespace of v,
// ordering members as the schema does; members the schema does not
// know come last, as plain elements (for bad-input requests).
func EncodeXML(v Version, typeName string, n *Node) ([]byte, error) {
	doc := etree.NewDocument()
	root := doc.CreateElement(typeName)
	root.CreateAttr("xmlns", v.Namespace())
	w := &xmlWriter{v: v}
	var attrs []Attr
	if t := For(v).Type(typeName); t != nil {
		attrs = t.Attrs
	}
	if err := w.members(root, n, attrs); err != nil {
		return nil, err
	}
	doc.Indent(2)
	return doc.WriteToBytes()
}

type xmlWriter struct{ v Version }

func (w *xmlWriter) members(el *etree.Element, n *Node, attrs []Attr) error {
	if n.Kind != Object {
		return fmt.Errorf("model: cannot write %s as XML members", n.Kind)
	}
	done := map[string]bool{"resourceURI": true}
	for i := range attrs {
		a := &attrs[i]
		val := n.Get(a.Name)
		if val == nil {
			continue
		}
		done[a.Name] = true
		if err := w.attr(el, a, val); err != nil {
			return err
		}
	}
	for _, f := range n.Fields {
		if done[f.Name] {
			continue
		}
		// "{namespace}name" is an extension element read from XML (§5.1):
		// write it back in its own namespace.
		if ns, local, ok := strings.Cut(strings.TrimPrefix(f.Name, "{"), "}"); ok && strings.HasPrefix(f.Name, "{") {
			e := el.CreateElement(local)
			e.CreateAttr("xmlns", ns)
			w.plain(e, f.Value)
			continue
		}
		w.plain(el.CreateElement(f.Name), f.Value)
	}
	return nil
}

// attr writes one attribute value according to its kind.
func (w *xmlWriter) attr(el *etree.Element, a *Attr, val *Node) error {
	if a.XMLAttr {
		el.CreateAttr(a.Name, val.Text)
		return nil
	}
	if val.Kind == Null {
		el.CreateElement(a.Name) // erase a template attribute (§4.2.1.1, l.980-984)
		return nil
	}
	switch a.Kind {
	case KRef, KCollection:
		return w.ref(el.CreateElement(a.Name), a, val)
	case KMap:
		w.stringMap(el, a, val)
	case KStruct:
		return w.members(el.CreateElement(a.Name), val, a.Fields)
	case KArray:
		return w.array(el, a, val)
	case KAny:
		w.plain(el.CreateElement(a.Name), val)
	case KValueScope:
		w.valueScope(el.CreateElement(a.Name), val)
	default:
		el.CreateElement(a.Name).SetText(val.Text)
	}
	return nil
}

func (w *xmlWriter) ref(el *etree.Element, a *Attr, val *Node) error {
	if val.Kind != Object {
		el.SetText(val.Text)
		return nil
	}
	if h := val.Get("href"); h != nil {
		el.CreateAttr("href", h.Text)
	}
	inline := val.Clone().Delete("href")
	var attrs []Attr
	if t := For(w.v).Type(a.Target); t != nil {
		attrs = t.Attrs
	}
	return w.members(el, inline, attrs)
}

func (w *xmlWriter) stringMap(el *etree.Element, a *Attr, val *Node) {
	parent := el
	if a.Name != "properties" || w.v == V2 {
		parent = el.CreateElement(a.Name)
	}
	for _, f := range val.Fields {
		p := parent.CreateElement("property")
		p.CreateAttr("key", f.Name)
		p.SetText(f.Value.Text)
	}
}

func (w *xmlWriter) array(el *etree.Element, a *Attr, val *Node) error {
	parent := el
	if w.v == V2 && a.Item.Kind != KRef && !a.Bare {
		parent = el.CreateElement(a.Name)
	}
	for _, it := range val.Items {
		if err := w.attr(parent, a.Item, it); err != nil {
			return err
		}
	}
	return nil
}

// valueScope writes a valueScope map (§5.5.14, l.1749-1759): an enumeration
// becomes repeated <value> elements.
func (w *xmlWriter) valueScope(el *etree.Element, val *Node) {
	for _, f := range val.Fields {
		scope := el.CreateElement(f.Name)
		for _, word := range f.Value.Fields {
			switch {
			case word.Name == "item":
				w.valueScope(scope.CreateElement("item"), word.Value)
			case word.Name == "values":
				for _, it := range word.Value.Items {
					scope.CreateElement("value").SetText(it.Text)
				}
			default:
				scope.CreateElement(word.Name).SetText(word.Value.Text)
			}
		}
	}
}

// plain writes a value the schema does not describe.
func (w *xmlWriter) plain(el *etree.Element, val *Node) {
	switch val.Kind {
	case Object:
		for _, f := range val.Fields {
			if f.Name == "href" {
				el.CreateAttr("href", f.Value.Text)
				continue
			}
			w.plain(el.CreateElement(f.Name), f.Value)
		}
	case Array:
		for _, it := range val.Items {
			w.plain(el.CreateElement("item"), it)
		}
	case Null:
	default:
		el.SetText(val.Text)
	}
}
