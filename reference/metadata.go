package reference

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
		{"machine", "Machine", []any{
			cap("Machine", "MachineTemplateByValue", true),
			cap("Machine", "MachineConfigByValue", true),
			cap("Machine", "MachineCredentialByValue", true),
			cap("Machine", "InitialStates", "STARTED,STOPPED"),
			cap("Machine", "MachineStopForce", true),
			cap("Machine", "MachineStopForceDefault", false),
			cap("Machine", "UserData", "metadata"),
		}},
		{"credential", "Credential", []any{cap("Credential", "CredentialTemplateByValue", true)}},
		{"job", "Job", []any{cap("Job", "JobRetention", int64(60))}},
	}
	for _, e := range entries {
		t.add("resourceMetadata", &resource{typ: "ResourceMetadata", path: "resourceMetadata/" + e.id, seeded: true,
			vals: map[string]any{"name": e.typ, "typeURI": ns + "/" + e.typ, "capabilities": e.caps}})
	}
}
