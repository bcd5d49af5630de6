package model

import (
	"slices"
	"strings"
	"testing"
)

// TestEachRepresentationCheckCanFail holds one small bad representation per
// representation check: the check flags it, as a hard problem. Together
// with the good fixtures (no problem at all) it shows every checker can
// tell good from bad.
func TestEachRepresentationCheckCanFail(t *testing.T) {
	const machine = `{"resourceURI": "http://schemas.dmtf.org/cimi/2/Machine", "id": "http://c/m/1", "name": "m", ` +
		`"state": "STOPPED", "cpu": 2, "memory": 1024, "cpuArch": "x86_64", "cpuSpeed": 100, "disks": {"href": "http://c/m/1/disks"}` +
		`, "operations": [{"rel": "edit", "href": "http://c/m/1"}]}`
	patch := func(old, new string) string {
		if !strings.Contains(machine, old) {
			t.Fatalf("the base Machine has no %q", old)
		}
		return strings.Replace(machine, old, new, 1)
	}
	cases := []struct {
		check string
		f     Format
		v     Version
		body  string
	}{
		{CheckResourceURI, JSON, V2, patch(`cimi/2/Machine"`, `cimi/2/Machin"`)},
		{CheckNamespace, XML, V2, `<Machine xmlns="http://schemas.dmtf.org/cimi/20"><id>http://c/m/1</id></Machine>`},
		// A child in no namespace is no CIMI element, though the root is right.
		{CheckNamespace, XML, V2, `<Machine xmlns="http://schemas.dmtf.org/cimi/2"><id>http://c/m/1</id><name xmlns="">m</name></Machine>`},
		{CheckIdentifiers, JSON, V2, patch(`"name": "m"`, `"name": "m", "bad-name": "x"`)},
		{CheckString, JSON, V2, patch(`"name": "m"`, `"name": 5`)},
		{CheckBoolean, JSON, V2, `{"resourceURI": "http://schemas.dmtf.org/cimi/2/ResourceMetadata", "id": "http://c/rm/1", ` +
			`"typeURI": "http://schemas.dmtf.org/cimi/2/Machine", "attributes": [{"name": "cpu", "mutable": "yes"}]}`},
		{CheckInteger, JSON, V2, patch(`"cpu": 2`, `"cpu": "2"`)},
		{CheckDateTime, JSON, V2, patch(`"name": "m"`, `"name": "m", "created": "yesterday"`)},
		{CheckDuration, JSON, V2, `{"resourceURI": "http://schemas.dmtf.org/cimi/2/Meter", "id": "http://c/meters/1", "intervalDuration": "1 hour"}`},
		{CheckURI, JSON, V2, `{"resourceURI": "http://schemas.dmtf.org/cimi/2/MachineImage", "id": "http://c/i/1", "imageLocation": 7}`},
		{CheckReference, JSON, V2, patch(`"disks": {"href": "http://c/m/1/disks"}`, `"disks": "http://c/m/1/disks"`)},
		{CheckBytes, XML, V2, `<Credential xmlns="http://schemas.dmtf.org/cimi/2"><id>http://c/cred/1</id><key>not hex</key></Credential>`},
		{CheckEmpty, JSON, V2, patch(`"name": "m"`, `"name": "m", "description": ""`)},
		{CheckArrays, JSON, V2, patch(`"operations": [{"rel": "edit", "href": "http://c/m/1"}]`, `"operations": {"rel": "edit", "href": "http://c/m/1"}`)},
		{CheckStructures, JSON, V2, `{"resourceURI": "http://schemas.dmtf.org/cimi/2/MachineConfiguration", "id": "http://c/cfg/1", ` +
			`"cpu": 1, "memory": 1, "cpuArch": "x86_64", "cpuSpeed": 1, "disks": ["big"]}`},
		{CheckMap, JSON, V2, patch(`"name": "m"`, `"name": "m", "properties": {"a": 1}`)},
		{CheckMandatory, JSON, V2, patch(`"id": "http://c/m/1", `, ``)},
		{CheckValues, JSON, V2, patch(`"STOPPED"`, `"RUNNING"`)},
		{CheckOperations, JSON, V2, patch(`"rel": "edit"`, `"rel": "bogus"`)},
		{CheckXMLOrder, XML, V1, `<MachineConfiguration xmlns="http://schemas.dmtf.org/cimi/1"><cpu>1</cpu><id>http://c/cfg/1</id>` +
			`<memory>1</memory><cpuArch>x86_64</cpuArch></MachineConfiguration>`},
		{CheckCollection, JSON, V2, `{"resourceURI": "http://schemas.dmtf.org/cimi/2/MachineCollection", "id": "http://c/m", "count": 1, ` +
			`"machines": [{"resourceURI": "http://schemas.dmtf.org/cimi/2/Machine", "name": "no id"}]}`},
		{CheckVersion, JSON, V2, patch(`cimi/2/Machine"`, `cimi/1/Machine"`)},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.check] = true
		t.Run(tc.check, func(t *testing.T) {
			d, err := Decode(tc.f, []byte(tc.body), tc.v)
			if err != nil {
				t.Fatal(err)
			}
			hard, _ := checksOf(Validate(d, tc.v, Full))
			if !slices.Contains(hard, tc.check) {
				t.Errorf("%s not flagged; problems: %v", tc.check, Validate(d, tc.v, Full))
			}
		})
	}
	for _, c := range RepresentationChecks {
		if !covered[c] {
			t.Errorf("representation check %s has no failing case", c)
		}
	}
}
