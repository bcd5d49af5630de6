package model

import (
	"fmt"
	"sort"
	"strings"

	"github.com/beevik/etree"
)

// valueScope (§5.5.14, l.1669-1760) maps attribute names to a scope: a
// single value, an enumeration, a range, a required unit, or ("item") the
// scopes of the items of a collection. JSON writes an enumeration as
// "values": [...]; XML repeats <value> elements (l.1749-1759).

// scopeKeys are the reserved words of a scope and whether each is numeric.
var scopeKeys = map[string]bool{"value": false, "values": false, "units": false, "default": false,
	"minimum": true, "maximum": true, "increment": true, "item": false}

// valueScopeXML reads <vscope><cpu><minimum>1</minimum>…</cpu></vscope> into
// the shape JSON gives it.
func (r *xmlReader) valueScopeXML(el *etree.Element, path string) *Node {
	n := &Node{Kind: Object}
	for _, attr := range el.ChildElements() {
		n.Set(attr.Tag, r.scopeXML(attr, path+"/"+attr.Tag))
	}
	return n
}

func (r *xmlReader) scopeXML(el *etree.Element, path string) *Node {
	n := &Node{Kind: Object}
	var values []*Node
	for _, c := range el.ChildElements() {
		switch {
		case c.Tag == "item":
			n.Set("item", r.valueScopeXML(c, path+"/item"))
		case c.Tag == "value":
			values = append(values, S(strings.TrimSpace(c.Text())))
		case scopeKeys[c.Tag]:
			n.Set(c.Tag, &Node{Kind: Number, Text: strings.TrimSpace(c.Text())})
		default:
			n.Set(c.Tag, S(strings.TrimSpace(c.Text())))
		}
	}
	switch len(values) {
	case 0:
	case 1:
		n.Set("value", values[0])
	default:
		n.Set("values", Arr(values...))
	}
	return n
}

// valueScope judges one valueScope map.
func (val *validator) valueScope(n *Node, path string) {
	if n.Kind != Object {
		val.add(CheckStructures, path, "a valueScope is a map of attribute names to scopes; got %s", n)
		return
	}
	if len(n.Fields) == 0 {
		val.add(CheckEmpty, path, "an empty valueScope is omitted, not sent (§5.5.15)")
	}
	for _, f := range n.Fields {
		p := join(path, f.Name)
		if !identRe.MatchString(f.Name) {
			val.add(CheckIdentifiers, p, "%q is not an attribute name", f.Name)
		}
		val.scope(f.Value, p)
	}
}

func (val *validator) scope(n *Node, path string) {
	if n.Kind != Object {
		val.add(CheckStructures, path, "a scope is a structure (value, values, minimum, maximum, …); got %s", n)
		return
	}
	for _, f := range n.Fields {
		p := join(path, f.Name)
		numeric, reserved := scopeKeys[f.Name]
		switch {
		case !reserved:
			val.add(CheckStructures, p, "%q is not one of the words of a scope (§5.5.14, l.1737-1759)", f.Name)
		case f.Name == "item":
			val.valueScope(f.Value, p)
		case f.Name == "values":
			if f.Value.Kind != Array || len(f.Value.Items) == 0 {
				val.add(CheckStructures, p, "values is a non-empty array; got %s", f.Value)
			}
		case f.Name == "units":
			if f.Value.Kind != String || f.Value.Text == "" {
				val.add(CheckString, p, "units is a string; got %s", f.Value)
			}
		case numeric && (f.Value.Kind != Number || !jsonNumberRe.MatchString(f.Value.Text)):
			val.add(CheckInteger, p, "%s is a number; got %s", f.Name, f.Value)
		}
	}
	_, hasMin := n.Get("minimum").number()
	_, hasMax := n.Get("maximum").number()
	if hasMin && hasMax {
		lo, _ := n.Get("minimum").number()
		hi, _ := n.Get("maximum").number()
		if lo > hi {
			val.add(CheckValues, path, "the range is empty: minimum %v is above maximum %v", lo, hi)
		}
	}
}

// number reads a numeric scalar.
func (n *Node) number() (float64, bool) {
	if n == nil || n.Kind != Number {
		return 0, false
	}
	var f float64
	_, err := fmt.Sscan(n.Text, &f)
	return f, err == nil
}

// sameScope compares two valueScopes by their words and texts: an
// enumeration of one value equals that value, numbers compare as text.
func sameScope(a, b *Node) bool { return canonScope(a) == canonScope(b) }

func canonScope(n *Node) string {
	if n == nil || n.Kind != Object {
		return n.String()
	}
	var parts []string
	for _, f := range n.Fields {
		parts = append(parts, f.Name+"="+canonWords(f.Value))
	}
	sort.Strings(parts)
	return "{" + strings.Join(parts, ";") + "}"
}

func canonWords(n *Node) string {
	if n == nil || n.Kind != Object {
		return n.String()
	}
	var parts []string
	for _, f := range n.Fields {
		name, v := f.Name, f.Value
		switch {
		case name == "item":
			parts = append(parts, "item="+canonScope(v))
			continue
		case name == "values" && v.Kind == Array && len(v.Items) == 1:
			name, v = "value", v.Items[0]
		}
		if v.Kind == Array {
			var texts []string
			for _, it := range v.Items {
				texts = append(texts, it.Text)
			}
			parts = append(parts, name+"=["+strings.Join(texts, ",")+"]")
			continue
		}
		parts = append(parts, name+"="+v.Text)
	}
	sort.Strings(parts)
	return "{" + strings.Join(parts, ";") + "}"
}
