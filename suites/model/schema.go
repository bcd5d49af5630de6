package model

import (
	"fmt"
	"sort"
	"sync"
)

// Kind is the CIMI data type of an attribute (§5.5).
type Kind uint8

const (
	KString     Kind = iota // §5.5.5
	KInteger                // §5.5.4: a JSON number, never a quoted string
	KBoolean                // §5.5.1
	KDateTime               // §5.5.2: xs:dateTime
	KDuration               // §5.5.3: xs:duration
	KURI                    // §5.5.10: a string holding a URI
	KRef                    // §5.5.6: {"href": …}, possibly with inline attributes
	KCollection             // §5.5.12: a reference to a Collection resource
	KMap                    // §5.5.7: string to string
	KStruct                 // §5.5.8: a structure of named fields
	KArray                  // §5.5.11: an ordered list of Item
	KBytes                  // §5.5.9: byte[]
	KAny                    // §5.5.13
	KValueScope             // §5.5.14: attribute name -> scope (value, values, range, units, item)
)

var kindNames = [...]string{"string", "integer", "boolean", "dateTime", "duration", "URI", "ref",
	"collection", "map", "structure", "array", "byte[]", "any", "valueScope"}

func (k Kind) String() string { return kindNames[k] }

// Need says how strictly the Provider must emit an attribute.
type Need uint8

const (
	// Optional attributes may be absent; most CIMI attributes are omitted when
	// empty (§5.5.15), so absence alone proves nothing.
	Optional Need = iota
	// Expected attributes are providerMandatory and cannot be empty; their
	// absence is reported as a warning.
	Expected
	// Required attributes must always be present (id, minimal conformance
	// attributes of §7.1, baseURI): their absence fails.
	Required
)

// Attr describes one attribute of a resource type.
type Attr struct {
	Name   string
	Kind   Kind
	Target string // KRef: the referenced type; KCollection: the collection type
	Item   *Attr  // KArray: the item; Item.Name is the XML element name of an item
	Fields []Attr // KStruct (and KArray items of structures)
	Need   Need
	// Need1 is the Need in 1.x where it differs (minimal conformance, §7.1,
	// is a 2.0 clause: DSP8009 makes those attributes optional); see NeedIn.
	Need1    Need
	hasNeed1 bool
	// ReadOnly marks attributes a Consumer cannot set (consumerWritable false).
	ReadOnly bool
	// Values lists the allowed values; Open means a Provider may add its own.
	// Values1 are those of 1.x where they differ (see ValuesIn).
	Values  []string
	Values1 []string
	Open    bool
	// Excluded are values an open attribute never takes (a template's
	// initialState is never a transient state).
	Excluded []string
	// Only restricts the attribute to one version ("" means both).
	Only Version
	// XMLAttr serializes a structure field as an XML attribute rather than a
	// child element (e.g. href, or the 1.x MachineTemplate volume fields).
	XMLAttr bool
	// Bare arrays repeat their item elements without a wrapper in XML in
	// both versions, as arrays of references do (vscope, l.1941).
	Bare bool
	// Where cites the clause that defines the attribute.
	Where string
}

// Type describes a resource, collection or message type.
type Type struct {
	Name  string
	Attrs []Attr // serialization order
	// Collection types: the item type and the JSON member (2.0 XML grouping).
	Item   string
	Member string
	// AltMembers are member names seen in the field that are tolerated with a warning.
	AltMembers []string
	// Message types (Create bodies, Action) are never stored.
	Message bool
	Only    Version
	Where   string
}

// IsCollection reports whether t is a collection type.
func (t *Type) IsCollection() bool { return t != nil && t.Item != "" }

// Attr finds an attribute by name.
func (t *Type) Attr(name string) *Attr {
	if t == nil {
		return nil
	}
	for i := range t.Attrs {
		if t.Attrs[i].Name == name {
			return &t.Attrs[i]
		}
	}
	return nil
}

// Schema is the resource model of one CIMI version.
type Schema struct {
	Version Version
	types   map[string]*Type
}

// Type looks a type up by name (e.g. "Machine", "MachineCollection").
func (c *Schema) Type(name string) *Type { return c.types[name] }

// Names lists every type of the version, sorted.
func (c *Schema) Names() []string {
	names := make([]string, 0, len(c.types))
	for n := range c.types {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var (
	schemaOnce sync.Once
	schemas    map[Version]*Schema
)

// For returns the schema of version v.
func For(v Version) *Schema {
	schemaOnce.Do(buildSchemas)
	c, ok := schemas[v]
	if !ok {
		panic(fmt.Sprintf("model: no schema for version %q", v))
	}
	return c
}

// definitions is filled by the schema_*.go files.
var definitions []*Type

func define(types ...*Type) bool {
	definitions = append(definitions, types...)
	return true
}

func buildSchemas() {
	schemas = map[Version]*Schema{}
	for _, v := range []Version{V1, V2} {
		c := &Schema{Version: v, types: map[string]*Type{}}
		for _, t := range definitions {
			if t.Only != "" && t.Only != v {
				continue
			}
			if _, dup := c.types[t.Name]; dup {
				panic("model: type defined twice for " + string(v) + ": " + t.Name)
			}
			c.types[t.Name] = t.forVersion(v)
		}
		schemas[v] = c
	}
}

// forVersion copies t keeping only the attributes of version v.
func (t *Type) forVersion(v Version) *Type {
	c := *t
	c.Attrs = filterAttrs(t.Attrs, v)
	return &c
}

func filterAttrs(attrs []Attr, v Version) []Attr {
	var out []Attr
	for _, a := range attrs {
		if a.Only != "" && a.Only != v {
			continue
		}
		if a.Item != nil {
			item := *a.Item
			item.Fields = filterAttrs(item.Fields, v)
			a.Item = &item
		}
		a.Fields = filterAttrs(a.Fields, v)
		out = append(out, a)
	}
	return out
}

// Small constructors keep the definitions readable.

func str(name string) Attr            { return Attr{Name: name, Kind: KString} }
func integer(name string) Attr        { return Attr{Name: name, Kind: KInteger} }
func boolean(name string) Attr        { return Attr{Name: name, Kind: KBoolean} }
func dateTime(name string) Attr       { return Attr{Name: name, Kind: KDateTime} }
func duration(name string) Attr       { return Attr{Name: name, Kind: KDuration} }
func uri(name string) Attr            { return Attr{Name: name, Kind: KURI} }
func strmap(name string) Attr         { return Attr{Name: name, Kind: KMap} }
func ref(name, target string) Attr    { return Attr{Name: name, Kind: KRef, Target: target} }
func coll(name, collType string) Attr { return Attr{Name: name, Kind: KCollection, Target: collType} }

func structure(name string, fields ...Attr) Attr {
	return Attr{Name: name, Kind: KStruct, Fields: fields}
}

// array of structures whose XML item element is itemName.
func array(name, itemName string, fields ...Attr) Attr {
	return Attr{Name: name, Kind: KArray, Item: &Attr{Name: itemName, Kind: KStruct, Fields: fields}}
}

// refArray is an array of references whose XML item element is itemName.
func refArray(name, itemName, target string) Attr {
	return Attr{Name: name, Kind: KArray, Item: &Attr{Name: itemName, Kind: KRef, Target: target}}
}

// scopes is the vscope attribute: an array of valueScope whose XML items are
// repeated <vscope> elements (§5.5.14, l.1707-1708, l.1941).
func scopes() Attr {
	return Attr{Name: "vscope", Kind: KArray, Bare: true, Item: &Attr{Name: "vscope", Kind: KValueScope}, Where: "5.5.14"}
}

// strArray is an array of strings whose XML item element is itemName.
func strArray(name, itemName string) Attr {
	return Attr{Name: name, Kind: KArray, Item: &Attr{Name: itemName, Kind: KString}}
}

func (a Attr) need(n Need) Attr { a.Need = n; return a }

// in1x sets the Need in 1.x, where it differs from 2.0's.
func (a Attr) in1x(n Need) Attr { a.Need1, a.hasNeed1 = n, true; return a }

// NeedIn is the Need of the attribute in version v.
func (a *Attr) NeedIn(v Version) Need {
	if v == V1 && a.hasNeed1 {
		return a.Need1
	}
	return a.Need
}
func (a Attr) ro() Attr                { a.ReadOnly = true; return a }
func (a Attr) only(v Version) Attr     { a.Only = v; return a }
func (a Attr) at(where string) Attr    { a.Where = where; return a }
func (a Attr) xmlAttr() Attr           { a.XMLAttr = true; return a }
func (a Attr) values(v ...string) Attr { a.Values = v; return a }

// valuesIn1x sets the values allowed in 1.x, where they differ from 2.0's.
func (a Attr) valuesIn1x(v ...string) Attr { a.Values1 = v; return a }

// ValuesIn lists the values allowed in version v.
func (a *Attr) ValuesIn(v Version) []string {
	if v == V1 && a.Values1 != nil {
		return a.Values1
	}
	return a.Values
}
func (a Attr) open(v ...string) Attr { a.Values = v; a.Open = true; return a }

func (a Attr) excluding(v ...string) Attr { a.Excluded = v; return a }

// common returns the common attributes of Table 5 (§5.7.1, l.1778-1800)
// followed by the type's own attributes. 1.x has no parent/resourceMetadata.
func common(own ...Attr) []Attr {
	attrs := []Attr{
		uri("id").need(Required).ro().at("5.7.1 Table 5"),
		str("name").at("5.7.1 Table 5"),
		str("description").at("5.7.1 Table 5"),
		dateTime("created").ro().at("5.7.1 Table 5"),
		dateTime("updated").ro().at("5.7.1 Table 5"),
		strmap("properties").at("5.7.1 Table 5"),
		ref("parent", "").ro().only(V2).at("5.7.1 Table 5"),
		ref("resourceMetadata", "ResourceMetadata").ro().only(V2).at("5.7.1 Table 5"),
	}
	return append(attrs, own...)
}

// operations is the operations array (§4.2, l.857-890); it comes last.
func operations() Attr {
	return array("operations", "operation",
		Attr{Name: "rel", Kind: KString, Need: Required, XMLAttr: true},
		Attr{Name: "href", Kind: KURI, Need: Required, XMLAttr: true},
		Attr{Name: "available", Kind: KBoolean, XMLAttr: true, Only: V2},
	).ro().at("4.2")
}

// resource defines a stored resource type with the common attributes first
// and operations last.
func resource(name, where string, own ...Attr) *Type {
	attrs := append(common(own...), operations())
	return &Type{Name: name, Attrs: attrs, Where: where}
}

// collection defines a Collection type (§5.5.12, l.1436-1560).
func collection(name, item, member, where string) *Type {
	return &Type{
		Name: name, Item: item, Member: member, Where: where,
		Attrs: []Attr{
			uri("id").need(Required).ro(),
			dateTime("updated").ro().only(V2),
			ref("parent", "").ro().only(V2),
			Attr{Name: "count", Kind: KInteger, Need: Required, ReadOnly: true},
			operations(),
		},
	}
}

// message defines a request-only type such as MachineCreate or Action.
func message(name, where string, attrs ...Attr) *Type {
	return &Type{Name: name, Attrs: attrs, Message: true, Where: where}
}
