package model

import (
	"strings"
	"testing"
)

// A 1.x endpoint is judged by 1.x's rules: the attributes 2.0's minimal
// conformance clause (§7.1) requires are optional in DSP8009, and FAILED is
// not a 1.x Machine state.
func TestEachVersionIsJudgedByItsOwnRules(t *testing.T) {
	machine := func(v Version, state string, extra string) []Problem {
		body := `{"resourceURI": "` + v.TypeURI("Machine") + `", "id": "http://c/m/1", "state": "` + state + `",
			"cpu": 1, "memory": 1, "disks": {"href": "http://c/m/1/disks"}` + extra + `}`
		d, err := DecodeJSON([]byte(body), v)
		if err != nil {
			t.Fatal(err)
		}
		return Validate(d, v, Full)
	}
	find := func(ps []Problem, check, text string) *Problem {
		for i := range ps {
			if ps[i].Check == check && strings.Contains(ps[i].String(), text) {
				return &ps[i]
			}
		}
		return nil
	}
	// Without cpuArch: a failure in 2.0, a warning in 1.x.
	if p := find(machine(V2, "STOPPED", ""), CheckMandatory, "cpuArch"); p == nil || p.Soft {
		t.Errorf("2.0 Machine without cpuArch: %+v", p)
	}
	if p := find(machine(V1, "STOPPED", ""), CheckMandatory, "cpuArch"); p == nil || !p.Soft || !strings.Contains(p.Msg, "DSP8009") {
		t.Errorf("1.x Machine without cpuArch: %+v", p)
	}
	// FAILED: a 2.0 state only.
	full := `, "cpuArch": "x86_64", "cpuSpeed": 1`
	if p := find(machine(V2, "FAILED", full), CheckValues, "FAILED"); p != nil {
		t.Errorf("2.0 Machine in FAILED: %+v", p)
	}
	if p := find(machine(V1, "FAILED", full), CheckValues, "FAILED"); p == nil || p.Soft {
		t.Errorf("1.x Machine in FAILED: %+v", p)
	}
}
