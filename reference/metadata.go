package reference

// ResourceMetadata: what this provider offers beyond the bare standard
// (§5.11). The Cloud Entry Point has an entry, and so does every kind of
// the table with a meta id; a kind's metadata hook adds its capabilities,
// attributes and actions.

func (t *tenant) seedMetadata() {
	t.addMetadata("cloudEntryPoint", "CloudEntryPoint", map[string]any{"capabilities": t.cepCapabilities()})
	for _, k := range table {
		if k.meta == "" || !k.serves(t.s.major) {
			continue
		}
		vals := map[string]any{}
		if k.metadata != nil {
			k.metadata(t, vals)
		}
		t.addMetadata(k.meta, k.typ, vals)
	}
	if t.s.major == 2 {
		t.addMetadata("systemService", "SystemService", map[string]any{"actions": t.actions(serviceActions...)})
	}
}

func (t *tenant) addMetadata(id, typ string, vals map[string]any) {
	vals["name"], vals["typeURI"] = typ, t.s.ns+"/"+typ
	t.add("resourceMetadata", &resource{typ: "ResourceMetadata", path: "resourceMetadata/" + id, seeded: true, vals: vals})
}

// capability is one capability entry (Table 7).
func (t *tenant) capability(resource, name string, value any) map[string]any {
	return map[string]any{"name": name, "uri": t.s.ns + "/capability/" + resource + "/" + name, "value": value}
}

// cepCapabilities are the Provider-wide features: the query parameters
// this server implements (Table 7).
func (t *tenant) cepCapabilities() []any {
	cap := func(name string, value any) any { return t.capability("CloudEntryPoint", name, value) }
	caps := []any{cap("FilterParameter", true), cap("FirstParameter", true), cap("SelectParameter", true), cap("ExpandParameter", true)}
	if t.s.major == 2 {
		caps = append(caps, cap("MaxPropertyItems", int64(64)), cap("FormatParameter", true), cap("OrderByParameter", true),
			cap("QueryPathNotation", true), cap("ValueScopes", true))
	}
	return caps
}

// extensionAttribute declares an extension attribute of this server (§5.11,
// Table 6: an extension carries its namespace and type): the region of a
// Machine, the gpu flag of a MachineConfiguration.
func (t *tenant) extensionAttribute(name, typ string) map[string]any {
	a := map[string]any{"name": name, "namespace": ExtensionNamespace, "type": typ}
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
		out = append(out, map[string]any{"name": n, "uri": t.s.ns + "/action/" + n, "method": "POST",
			"inputMessage": "application/json", "outputMessage": "application/json"})
	}
	return out
}

// maxCPU is the most CPUs a MachineConfiguration may have here: the vscope
// of its ResourceMetadata says so.
const maxCPU = 64

// configMetadata: a MachineConfiguration has the gpu extension, and in 2.0
// a value scope on cpu.
func configMetadata(t *tenant, vals map[string]any) {
	vals["attributes"] = []any{t.extensionAttribute("gpu", "boolean")}
	if t.s.major == 2 {
		vals["vscope"] = []any{omap{{"cpu", omap{{"minimum", int64(1)}, {"maximum", int64(maxCPU)}}}}}
	}
}

// credentialMetadata: a CredentialCreate may give its template by value.
func credentialMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("Credential", "CredentialTemplateByValue", true)}
}
