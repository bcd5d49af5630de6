package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// The 1.x part of the schema is written by hand; this test holds it
// against the DMTF schema DSP8009 1.0.2 (a copy, with DMTF's notice, in
// fixtures/schemas): every 1.x type must list the schema's elements, in the
// schema's order, with compatible types.

const xsdPath = "../../fixtures/schemas/DSP8009_1.0.2.xsd"

// xsdDefects are departures of DSP8009 1.0.2 from the 1.x model that the
// schema does not copy.
var xsdDefects = map[string]string{
	"Disk": "the schema gives Disk no common elements, although a collection item needs an id",
}

type xsdElem struct{ name, typ string }

func loadXSD(t *testing.T) *etree.Element {
	t.Helper()
	if _, err := os.Stat(xsdPath); err != nil {
		t.Fatalf("DSP8009 is not at %s: %v", filepath.Clean(xsdPath), err)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromFile(xsdPath); err != nil {
		t.Fatal(err)
	}
	return doc.Root()
}

// xsdSequence flattens the element sequence of a schema node, following
// group references.
func xsdSequence(schema, node *etree.Element) []xsdElem {
	var out []xsdElem
	for _, c := range node.ChildElements() {
		switch c.Tag {
		case "sequence", "choice", "complexType", "complexContent", "extension":
			out = append(out, xsdSequence(schema, c)...)
		case "group":
			name := strings.TrimPrefix(c.SelectAttrValue("ref", ""), "tns:")
			for _, g := range schema.SelectElements("group") {
				if g.SelectAttrValue("name", "") == name {
					out = append(out, xsdSequence(schema, g)...)
				}
			}
		case "element":
			out = append(out, xsdElem{c.SelectAttrValue("name", c.SelectAttrValue("ref", "")),
				strings.TrimPrefix(c.SelectAttrValue("type", ""), "tns:")})
		}
	}
	return out
}

// schemaSequence is the element order the schema gives a 1.x type.
func schemaSequence(t *Type) []xsdElem {
	r := &xmlReader{v: V1}
	var out []xsdElem
	for i := range t.Attrs {
		a := &t.Attrs[i]
		if a.XMLAttr {
			continue
		}
		out = append(out, xsdElem{name: r.elementName(a)})
	}
	return out
}

func TestV1SchemaFollowsDSP8009(t *testing.T) {
	schema := loadXSD(t)
	cat := For(V1)
	checked := 0
	for _, el := range schema.SelectElements("element") {
		name := el.SelectAttrValue("name", "")
		typ := cat.Type(name)
		if typ == nil || name == "Collection" {
			if typ == nil && name != "Collection" && name != "NetworkInterface" {
				t.Errorf("DSP8009 defines %s; the 1.x schema does not", name)
			}
			continue
		}
		if why, ok := xsdDefects[name]; ok {
			t.Logf("%s: not compared (%s)", name, why)
			continue
		}
		want := xsdSequence(schema, el)
		var wantNames []string
		for _, w := range want {
			wantNames = append(wantNames, w.name)
		}
		var gotNames []string
		for _, g := range schemaSequence(typ) {
			gotNames = append(gotNames, g.name)
		}
		if strings.Join(gotNames, " ") != strings.Join(wantNames, " ") {
			t.Errorf("%s:\n schema %s\n DSP8009   %s", name, strings.Join(gotNames, " "), strings.Join(wantNames, " "))
			continue
		}
		for i, w := range want {
			a := typ.Attrs[attrIndex(typ, gotNames[i])]
			if !kindFits(a, w.typ) {
				t.Errorf("%s.%s: schema kind %s, schema type %s", name, a.Name, a.Kind, w.typ)
			}
		}
		checked++
	}
	t.Logf("%d 1.x types match DSP8009", checked)
}

func attrIndex(t *Type, elem string) int {
	r := &xmlReader{v: V1}
	for i := range t.Attrs {
		if !t.Attrs[i].XMLAttr && r.elementName(&t.Attrs[i]) == elem {
			return i
		}
	}
	return -1
}

// kindFits compares a schema kind with a schema type name.
func kindFits(a Attr, xsdType string) bool {
	k := a.Kind
	if k == KArray {
		k = a.Item.Kind
	}
	switch xsdType {
	case "xs:long", "xs:integer", "xs:int":
		return k == KInteger
	case "xs:boolean":
		return k == KBoolean
	case "xs:dateTime":
		return k == KDateTime
	case "xs:duration":
		return k == KDuration
	case "xs:anyURI":
		return k == KURI
	case "xs:hexBinary":
		return k == KBytes
	case "xs:string":
		return k == KString
	case "propertyType":
		return k == KMap
	case "operationType":
		return a.Name == "operations"
	case "":
		return k == KStruct || k == KAny || k == KArray || k == KRef || k == KCollection
	}
	if strings.HasSuffix(xsdType, "CollRef") {
		return k == KCollection
	}
	if strings.HasSuffix(xsdType, "Ref") || xsdType == "expRef" {
		return k == KRef
	}
	return k == KStruct || k == KAny
}
