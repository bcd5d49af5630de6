package reference

// The types the reference serves from its Cloud Entry Point, one row each:
// where their collection lives, what it is called, how their resources are
// made, what they offer and how they go. Routing, the Cloud Entry Point, the
// collection types of the schema, ResourceMetadata and the generic read,
// list, query, update and delete all work from this table; what a type does
// differently is a hook. Adding a type that needs no special behaviour is
// one row (and its fields in schema.go).

// typeRow is one row.
type typeRow struct {
	typ    string // the resource type, e.g. "MachineTemplate"
	attr   string // the Cloud Entry Point attribute, also the path of the collection
	coll   string // the collection type
	member string // the JSON array of the collection's items
	// meta is the id of the type's ResourceMetadata entry ("" for none).
	meta string
	// only, when set, is the one CIMI major version that has the type.
	only int
	hooks
}

// hooks are what a type does differently from the generic handling. Every
// hook is optional.
type hooks struct {
	// create answers POST on the collection; without it the collection is
	// read-only.
	create func(rq *request) error
	// imports answers POST on the collection's import operation (OVF);
	// without it the collection offers none.
	imports func(rq *request) error
	// list gives the items the collection shows (default: those stored).
	list func(rq *request) []*resource
	// ops lists what may be done with a resource now (default: edit and
	// delete).
	ops func(rq *request, r *resource) []any
	// child answers a request below a resource: /machines/1/start.
	child func(rq *request, r *resource, rest []string) error
	// fixed are attributes set at creation that an update leaves as they are.
	fixed []string
	// update adjusts what an update writes: the body and the attributes it
	// replaces.
	update func(rq *request, r *resource, body map[string]any, names []string) ([]string, error)
	// remove deletes a resource (default: at once, with what it owns).
	remove func(rq *request, r *resource) error
	// metadata adds the type's own entries to its ResourceMetadata.
	metadata func(t *tenant, vals map[string]any)
	// live sets what a resource shows that follows other resources (a
	// System's state follows its Machines), as it is rendered.
	live func(rq *request, r *resource, vals map[string]any)
	// updateIgnored and deleteIgnored name the fault switches that make an
	// update or a delete of this type answer without doing anything.
	updateIgnored, deleteIgnored string
}

// table is the table, in the order of the Cloud Entry Point. It is filled
// in init: its hooks lead back to it.
var table []*typeRow

func init() {
	table = []*typeRow{
		{typ: "ResourceMetadata", attr: "resourceMetadata", coll: "ResourceMetadataCollection", member: "resourceMetadatas",
			hooks: hooks{ops: noOperations}},
	}
	table = append(table, systemRows()...)
	table = append(table, []*typeRow{
		{typ: "Machine", attr: "machines", coll: "MachineCollection", member: "machines", meta: "machine",
			hooks: hooks{create: (*request).createMachine, list: (*request).listMachines, ops: (*request).machineOps,
				child: (*request).machineChild, update: (*request).machineUpdate, remove: (*request).deleteMachine,
				metadata: machineMetadata}},
		{typ: "MachineTemplate", attr: "machineTemplates", coll: "MachineTemplateCollection", member: "machineTemplates",
			hooks: hooks{create: (*request).createTemplate, update: checkTemplateRefs,
				updateIgnored: FaultTemplateUpdateIgnored, deleteIgnored: FaultTemplateDeleteIgnored}},
		{typ: "MachineConfiguration", attr: "machineConfigs", coll: "MachineConfigurationCollection", member: "machineConfigurations",
			meta:  "machineConfiguration",
			hooks: hooks{create: (*request).createConfig, metadata: configMetadata, deleteIgnored: FaultConfigDeleteIgnored}},
		{typ: "MachineImage", attr: "machineImages", coll: "MachineImageCollection", member: "machineImages",
			hooks: hooks{create: func(rq *request) error { return rq.createImage(nil) }, ops: imageOps,
				fixed: []string{"type", "imageLocation"}, remove: (*request).deleteImage, deleteIgnored: FaultImageDeleteIgnored}},
		{typ: "Credential", attr: "credentials", coll: "CredentialCollection", member: "credentials", meta: "credential",
			hooks: hooks{create: (*request).createCredential, metadata: credentialMetadata, updateIgnored: FaultCredentialUpdateIgnored}},
		{typ: "CredentialTemplate", attr: "credentialTemplates", coll: "CredentialTemplateCollection", member: "credentialTemplates",
			hooks: hooks{create: (*request).createCredentialTemplate}},
	}...)
	table = append(table, volumeRows()...)
	// The entry point orders endpoints and interfaces between the segments
	// and the services (Table 8).
	nets := networkRows()
	table = append(table, nets[:4]...)
	table = append(table, endpointRows()...)
	table = append(table, nets[4:]...)
	table = append(table, networkRowsV1()...)
	table = append(table, []*typeRow{
		{typ: "Job", attr: "jobs", coll: "JobCollection", member: "jobs", meta: "job",
			hooks: hooks{ops: jobOps, child: (*request).jobChild, remove: (*request).deleteJob, metadata: jobMetadata, update: jobUpdate,
				updateIgnored: FaultJobUpdateIgnored}},
	}...)
	table = append(table, monitoringRows()...)
	addTableTypes()
}

// rowAt finds the row of the collection at path segment attr in CIMI
// major version major.
func rowAt(attr string, major int) *typeRow {
	for _, k := range table {
		if k.attr == attr && k.serves(major) {
			return k
		}
	}
	return nil
}

// serves tells whether CIMI major version major has the row's type.
func (k *typeRow) serves(major int) bool { return k.only == 0 || k.only == major }

// nestedRows are the types served only below another resource (no
// collection of the entry point) that still have hooks of their own.
var nestedRows []*typeRow

// rowOf finds the row of a resource type in CIMI major version major (nil
// for types below another without hooks, such as a Machine's Disks).
func rowOf(typ string, major int) *typeRow {
	for _, rows := range [][]*typeRow{table, nestedRows} {
		for _, k := range rows {
			if k.typ == typ && k.serves(major) {
				return k
			}
		}
	}
	return nil
}

func noOperations(*request, *resource) []any { return nil }
