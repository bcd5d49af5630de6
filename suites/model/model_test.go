package model

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

const fixtures = "../../fixtures/representations"

func decodeFixture(t *testing.T, name string, want Version) *Doc {
	t.Helper()
	body, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	f := JSON
	if strings.HasSuffix(name, ".xml") {
		f = XML
	}
	d, err := Decode(f, body, want)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

// checksOf lists the checks with hard problems, and those with soft ones.
func checksOf(problems []Problem) (hard, soft []string) {
	h, s := map[string]bool{}, map[string]bool{}
	for _, p := range problems {
		if p.Soft {
			s[p.Check] = true
		} else {
			h[p.Check] = true
		}
	}
	for k := range h {
		hard = append(hard, k)
	}
	for k := range s {
		soft = append(soft, k)
	}
	sort.Strings(hard)
	sort.Strings(soft)
	return hard, soft
}

func TestGoodRepresentationsHaveNoProblems(t *testing.T) {
	for _, tc := range []struct {
		file string
		v    Version
		typ  string
	}{
		{"v2/machine.json", V2, "Machine"},
		{"v2/machine.xml", V2, "Machine"},
		{"v2/machine-collection.json", V2, "MachineCollection"},
		{"v2/machine-collection.xml", V2, "MachineCollection"},
		{"v2/machine-configuration.json", V2, "MachineConfiguration"},
		{"v2/machine-configuration.xml", V2, "MachineConfiguration"},
		{"v1/machine-configuration.xml", V1, "MachineConfiguration"},
		{"v2/resource-metadata.json", V2, "ResourceMetadata"},
		{"v2/resource-metadata.xml", V2, "ResourceMetadata"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			d := decodeFixture(t, tc.file, tc.v)
			if d.Type == nil || d.Type.Name != tc.typ {
				t.Fatalf("type = %v, want %s", d.Type, tc.typ)
			}
			if d.Version != tc.v {
				t.Errorf("version = %q, want %q", d.Version, tc.v)
			}
			if p := Validate(d, tc.v, Full); len(p) > 0 {
				t.Errorf("unexpected problems: %v", p)
			}
		})
	}
}

func TestJSONAndXMLAgree(t *testing.T) {
	for _, base := range []string{"v2/machine", "v2/machine-collection", "v2/machine-configuration", "v2/resource-metadata"} {
		j := decodeFixture(t, base+".json", V2)
		x := decodeFixture(t, base+".xml", V2)
		if diffs := Compare(j.Type, V2, j.Root, x.Root); len(diffs) > 0 {
			t.Errorf("%s: JSON and XML differ: %v", base, diffs)
		}
	}
}

func TestCompareFindsDifferences(t *testing.T) {
	j := decodeFixture(t, "v2/machine.json", V2)
	x := decodeFixture(t, "v2/machine.xml", V2)
	x.Root.Set("cpu", I(4))
	x.Root.Delete("description")
	diffs := Compare(j.Type, V2, j.Root, x.Root)
	if len(diffs) != 2 {
		t.Fatalf("want 2 differences, got %v", diffs)
	}
}

func TestBadRepresentations(t *testing.T) {
	for _, tc := range []struct {
		file       string
		hard, soft []string
	}{
		{"bad/machine-int-as-string.json",
			[]string{CheckDateTime, CheckEmpty, CheckInteger, CheckOperations, CheckValues}, nil},
		{"bad/machine-wrong-namespace.xml",
			[]string{CheckMandatory, CheckNamespace}, nil},
		{"bad/machine-missing-mandatory.xml",
			[]string{CheckInteger, CheckMandatory}, []string{CheckXMLOrder}},
		{"bad/collection-items-ungrouped.xml", []string{CheckCollection}, nil},
		{"bad/resource-metadata-bad-vscope.json", []string{CheckInteger, CheckStructures, CheckValues}, nil},
		// A transient state is never a template's initialState (Table 19).
		{"bad/template-transient-initial-state.json", []string{CheckValues}, nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			d := decodeFixture(t, tc.file, V2)
			hard, soft := checksOf(Validate(d, V2, Full))
			if strings.Join(hard, ",") != strings.Join(tc.hard, ",") {
				t.Errorf("hard problems in %v, want %v\n%v", hard, tc.hard, Validate(d, V2, Full))
			}
			if strings.Join(soft, ",") != strings.Join(tc.soft, ",") {
				t.Errorf("soft problems in %v, want %v", soft, tc.soft)
			}
		})
	}
}

func TestMalformedBodiesAreErrors(t *testing.T) {
	for _, tc := range []struct {
		f    Format
		body string
	}{
		{JSON, `{"resourceURI": `},
		{JSON, `<html>hello</html>`},
		{XML, `<Machine><id>x</Machine>`},
		{XML, ``},
	} {
		if _, err := Decode(tc.f, []byte(tc.body), V2); err == nil {
			t.Errorf("%s %q: no error", tc.f, tc.body)
		}
	}
	if _, err := Decode(JSON, []byte(`[1,2]`), V2); err == nil || !strings.Contains(err.Error(), "not an object") {
		t.Errorf("a JSON array should be refused as not CIMI, got %v", err)
	}
}

func TestEncodeRoundTrips(t *testing.T) {
	body := Obj(
		"name", "m1",
		"properties", map[string]string{"k": "v"},
		"machineTemplate", Obj(
			"machineConfig", Ref("http://x/cfg"),
			"machineImage", Ref("http://x/img"),
			"initialState", "STARTED",
		),
	)
	for _, v := range []Version{V1, V2} {
		for _, f := range []Format{JSON, XML} {
			raw, err := Encode(f, v, "MachineCreate", body, false)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Decode(f, raw, v)
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", v, f, err, raw)
			}
			if d.Type == nil || d.Type.Name != "MachineCreate" {
				t.Fatalf("%s %s: decoded type %v\n%s", v, f, d.Type, raw)
			}
			if diffs := Compare(d.Type, v, body, d.Root); len(diffs) > 0 {
				t.Errorf("%s %s: round trip differs: %v\n%s", v, f, diffs, raw)
			}
		}
	}
}

func TestVersionHelpers(t *testing.T) {
	if got := V2.ActionURI("start"); got != "http://schemas.dmtf.org/cimi/2/action/start" {
		t.Error(got)
	}
	if TypeName("http://schemas.dmtf.org/cimi/1/Machine") != "Machine" || TypeName("http://example.com/Machine") != "" {
		t.Error("TypeName")
	}
	if _, err := ParseVersion("3.0"); err == nil {
		t.Error("3.0 accepted")
	}
}

func TestSchemaReferencesResolve(t *testing.T) {
	for _, v := range []Version{V1, V2} {
		cat := For(v)
		var check func(typ, path string, attrs []Attr)
		check = func(typ, path string, attrs []Attr) {
			for _, a := range attrs {
				p := typ + "." + path + a.Name
				switch a.Kind {
				case KRef, KCollection:
					if a.Target != "" && cat.Type(a.Target) == nil {
						t.Errorf("%s %s: target %s is not in the schema", v, p, a.Target)
					}
					if a.Kind == KCollection && a.Target != "" && !cat.Type(a.Target).IsCollection() {
						t.Errorf("%s %s: %s is not a collection type", v, p, a.Target)
					}
				case KArray:
					check(typ, path+a.Name+"[].", []Attr{*a.Item})
				case KStruct:
					check(typ, path+a.Name+".", a.Fields)
				}
				if a.Item != nil && a.Item.Kind == KStruct {
					check(typ, path+a.Name+"[].", a.Item.Fields)
				}
			}
		}
		for _, name := range cat.Names() {
			typ := cat.Type(name)
			check(name, "", typ.Attrs)
			if typ.IsCollection() && cat.Type(typ.Item) == nil {
				t.Errorf("%s %s: item type %s is not in the schema", v, name, typ.Item)
			}
		}
		for _, c := range CEPCollections(v) {
			if cat.Type(c.Collection) == nil || cat.Type(c.Item) == nil {
				t.Errorf("%s: CEP %s: %s or %s missing", v, c.Attr, c.Collection, c.Item)
			}
		}
		t.Logf("%s: %d types", v, len(cat.Names()))
	}
}

func TestArrayWrappersPerVersion(t *testing.T) {
	bare2 := `<Machine xmlns="http://schemas.dmtf.org/cimi/2"><id>x</id><operation rel="edit" href="x"/></Machine>`
	d, err := DecodeXML([]byte(bare2), V2)
	if err != nil {
		t.Fatal(err)
	}
	hard, _ := checksOf(Validate(d, V2, Partial))
	if strings.Join(hard, ",") != CheckArrays || len(d.Root.Operations()) != 1 {
		t.Errorf("2.0 bare <operation>: problems %v, operations %v", hard, d.Root.Operations())
	}
	wrapped1 := `<Machine xmlns="http://schemas.dmtf.org/cimi/1"><id>x</id><operations><operation rel="edit" href="x"/></operations></Machine>`
	d, err = DecodeXML([]byte(wrapped1), V1)
	if err != nil {
		t.Fatal(err)
	}
	hard, _ = checksOf(Validate(d, V1, Partial))
	if strings.Join(hard, ",") != CheckArrays || len(d.Root.Operations()) != 1 {
		t.Errorf("1.x <operations> wrapper: problems %v, operations %v", hard, d.Root.Operations())
	}
	badAvailable := `{"resourceURI": "http://schemas.dmtf.org/cimi/2/Machine", "id": "x", "operations": [{"rel": "edit", "href": "x", "available": "yes"}]}`
	d, _ = DecodeJSON([]byte(badAvailable), V2)
	hard, _ = checksOf(Validate(d, V2, Partial))
	if !strings.Contains(strings.Join(hard, ","), CheckOperations) {
		t.Errorf("available \"yes\": %v", hard)
	}
}

func TestCompareFindsValueScopeDifferences(t *testing.T) {
	j := decodeFixture(t, "v2/resource-metadata.json", V2)
	x := decodeFixture(t, "v2/resource-metadata.xml", V2)
	x.Root.Get("vscope").Items[0].Get("cpu").Set("maximum", I(9))
	diffs := Compare(j.Type, V2, j.Root, x.Root)
	if len(diffs) != 1 || !strings.Contains(diffs[0], "vscope[0]") {
		t.Fatalf("want one vscope difference, got %v", diffs)
	}
}

func TestPropertiesInTheOtherVersionsForm(t *testing.T) {
	for _, tc := range []struct {
		v    Version
		body string
	}{
		{V2, `<Machine xmlns="http://schemas.dmtf.org/cimi/2"><id>x</id><property key="a">1</property><property key="b">2</property></Machine>`},
		{V1, `<Machine xmlns="http://schemas.dmtf.org/cimi/1"><id>x</id><properties><property key="a">1</property><property key="b">2</property></properties></Machine>`},
	} {
		d, err := DecodeXML([]byte(tc.body), tc.v)
		if err != nil {
			t.Fatal(err)
		}
		hard, _ := checksOf(Validate(d, tc.v, Partial))
		if got := d.Root.Get("properties").StringMap(); len(got) != 2 || got["a"] != "1" || got["b"] != "2" {
			t.Errorf("%s: properties read as %v", tc.v, got)
		}
		if strings.Join(hard, ",") != CheckMap {
			t.Errorf("%s: problems %v, want only %s", tc.v, hard, CheckMap)
		}
	}
}
