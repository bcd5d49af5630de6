package reference

import "strings"

// ResourceMetadata: what this provider offers beyond the bare standard
// (§5.11). Each type with capabilities or constraints has one entry.

func (t *tenant) seedMetadata() {
	ns := t.s.ns
	cap := func(resource, name string, value any) any {
		return map[string]any{"name": name, "uri": ns + "/capability/" + resource + "/" + name, "value": value}
	}
	entries := []struct {
		id, typ string
		caps    []any
	}{
		{"cloudEntryPoint", "CloudEntryPoint", t.cepCapabilities(cap)},
		{"machine", "Machine", []any{
			cap("Machine", "MachineTemplateByValue", true),
			cap("Machine", "MachineConfigByValue", true),
			cap("Machine", "MachineCredentialByValue", true),
			cap("Machine", "InitialStates", "STARTED,STOPPED"),
			cap("Machine", "DefaultInitialState", "STOPPED"),
			cap("Machine", "MachineStopForce", true),
			cap("Machine", "MachineStopForceDefault", false),
			cap("Machine", "UserData", "metadata"),
		}},
		{"credential", "Credential", []any{cap("Credential", "CredentialTemplateByValue", true)}},
		{"machineConfiguration", "MachineConfiguration", nil},
		{"job", "Job", []any{cap("Job", "JobRetention", int64(60))}},
	}
	for _, e := range entries {
		vals := map[string]any{"name": e.typ, "typeURI": ns + "/" + e.typ, "capabilities": t.spoilCapabilities(e.typ, e.caps, cap)}
		if e.typ == "Job" && t.s.fault(FaultRMEntryWithoutTypeURI) {
			delete(vals, "typeURI")
		}
		switch e.typ {
		case "Machine":
			vals["attributes"] = []any{t.extensionAttribute("region", "string")}
			if t.s.major == 2 {
				// DSP8009 allows one attribute entry only.
				vals["attributes"] = []any{t.constraint("cpu"), t.extensionAttribute("region", "string")}
			}
			vals["actions"] = t.actions(actionOrder...)
			if t.s.fault(FaultRMActionsIncomplete) {
				vals["actions"] = t.actions(actionOrder[:len(actionOrder)-1]...) // all but restore
			}
		case "Job":
			vals["actions"] = t.actions("stop")
		case "MachineConfiguration":
			delete(vals, "capabilities")
			vals["attributes"] = []any{t.extensionAttribute("gpu", "boolean")}
			if t.s.major == 2 {
				vals["vscope"] = []any{omap{{"cpu", omap{{"minimum", int64(1)}, {"maximum", int64(maxCPU)}}}}}
			}
		}
		t.add("resourceMetadata", &resource{typ: "ResourceMetadata", path: "resourceMetadata/" + e.id, seeded: true, vals: vals})
	}
}

// spoilCapabilities changes the capabilities of a type as fault switches ask.
func (t *tenant) spoilCapabilities(typ string, caps []any, cap func(string, string, any) any) []any {
	switch {
	case typ == "Machine" && t.s.fault(FaultRMCapabilityMisnamed):
		return append(caps, cap("Machine", "InitialState", "STOPPED"))
	case typ == "Machine" && t.s.fault(FaultRMByValueUnimplied):
		var out []any
		for _, c := range caps {
			if c.(map[string]any)["name"] != "MachineTemplateByValue" {
				out = append(out, c)
			}
		}
		return out
	case typ == "CloudEntryPoint" && t.s.fault(FaultNoQueryCapabilities):
		var out []any
		for _, c := range caps {
			if !strings.HasSuffix(c.(map[string]any)["name"].(string), "Parameter") && c.(map[string]any)["name"] != "QueryPathNotation" {
				out = append(out, c)
			}
		}
		return out
	}
	return caps
}

// cepCapabilities are the Provider-wide features: the query parameters
// this server implements (Table 7).
func (t *tenant) cepCapabilities(cap func(string, string, any) any) []any {
	caps := []any{
		cap("CloudEntryPoint", "FilterParameter", true),
		cap("CloudEntryPoint", "FirstParameter", true),
		cap("CloudEntryPoint", "SelectParameter", true),
		cap("CloudEntryPoint", "ExpandParameter", true),
	}
	if t.s.major == 2 {
		caps = append(caps,
			cap("CloudEntryPoint", "MaxPropertyItems", int64(64)),
			cap("CloudEntryPoint", "FormatParameter", true),
			cap("CloudEntryPoint", "OrderByParameter", true),
			cap("CloudEntryPoint", "QueryPathNotation", true),
			cap("CloudEntryPoint", "ValueScopes", true))
	}
	return caps
}

// extensionAttribute declares an extension attribute of this server (§5.11,
// Table 6: an extension carries its namespace and type): the region of a
// Machine, the gpu flag of a MachineConfiguration.
func (t *tenant) extensionAttribute(name, typ string) map[string]any {
	a := map[string]any{"name": name, "namespace": ExtensionNamespace, "type": typ}
	if t.s.fault(FaultRMExtensionNoNamespace) {
		delete(a, "namespace")
	}
	if t.s.major == 2 {
		a["providerMandatory"], a["consumerMandatory"], a["mutable"], a["consumerWritable"] = true, false, false, false
	} else {
		a["required"] = false
	}
	return a
}

// constraint describes, in 2.0, a CIMI attribute this provider constrains
// beyond the spec: a Machine's cpu comes from its configuration and cannot
// be written. A CIMI attribute carries no namespace and no type (Table 6).
func (t *tenant) constraint(name string) map[string]any {
	return map[string]any{"name": name, "providerMandatory": true, "consumerMandatory": false, "mutable": false, "consumerWritable": false}
}

// actions lists custom operations of a type (Table 6 actions): POST of an
// Action body, JSON or XML.
func (t *tenant) actions(names ...string) []any {
	var out []any
	for _, n := range names {
		a := map[string]any{"name": n, "uri": t.s.ns + "/action/" + n, "method": "POST",
			"inputMessage": "application/json", "outputMessage": "application/json"}
		if t.s.fault(FaultRMActionNoMethod) {
			delete(a, "method")
		}
		out = append(out, a)
	}
	return out
}

// maxCPU is the most CPUs a MachineConfiguration may have here: the vscope
// of its ResourceMetadata says so.
const maxCPU = 64
