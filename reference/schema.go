package reference

// The reference server's own description of the CIMI types it serves. It is
// written separately from the suite's schema (suites/model) so that the
// two readings of the standard check each other.

type kind uint8

const (
	kString kind = iota
	kInt
	kBool
	kTime
	kURI
	kRef  // stored as refPath (ours) or map[string]any (inline values)
	kColl // a reference to a collection, stored as refPath
	kMap  // map[string]string
	kStruct
	kArray
	kBytes
	kAny
	kScopes // vscope: a list of valueScope maps, stored as []any of omap (§5.5.14)
)

// field is one attribute of a type.
type field struct {
	name  string
	kind  kind
	to    string  // kRef: referenced type, for inline values
	item  string  // kArray: XML element of an item
	sub   []field // kStruct and arrays of structures
	ref   bool    // kArray: items are references
	ro    bool    // not consumer-writable: silently ignored on update
	only  int     // 0: both versions; 1 or 2: that major version only
	xattr bool    // an XML attribute rather than an element
	ns    string  // a Provider extension: its XML namespace (§5.1)
	// keyed: a kMap written in XML as an element per key (a Segment's
	// parameters, for which the spec prints no XML).
	keyed bool
	// typed: a keyed kMap whose values keep their JSON kinds (an
	// Endpoint's parameters: integers and lists of strings, Tables 38-40).
	typed bool
}

func (f field) readOnly() field   { f.ro = true; return f }
func (f field) v(major int) field { f.only = major; return f }
func (f field) attr() field       { f.xattr = true; return f }

func fString(n string) field  { return field{name: n, kind: kString} }
func fInt(n string) field     { return field{name: n, kind: kInt} }
func fBool(n string) field    { return field{name: n, kind: kBool} }
func fTime(n string) field    { return field{name: n, kind: kTime} }
func fURI(n string) field     { return field{name: n, kind: kURI} }
func fMap(n string) field     { return field{name: n, kind: kMap} }
func fKeyed(n string) field   { return field{name: n, kind: kMap, keyed: true} }
func fParams(n string) field  { return field{name: n, kind: kMap, keyed: true, typed: true} }
func fAny(n string) field     { return field{name: n, kind: kAny} }
func fScopes(n string) field  { return field{name: n, kind: kScopes, ro: true} }
func fRef(n, to string) field { return field{name: n, kind: kRef, to: to} }
func fColl(n string) field    { return field{name: n, kind: kColl, ro: true} }
func fList(n, item string, s ...field) field {
	return field{name: n, kind: kArray, item: item, sub: s}
}
func fRefs(n, item string) field { return field{name: n, kind: kArray, item: item, ref: true} }

// fRefsOrValues is an array of references whose items a create's inline
// template may give by value, as a `to`.
func fRefsOrValues(n, item, to string) field {
	return field{name: n, kind: kArray, item: item, ref: true, to: to}
}

// only keeps the fields of fs that apply to one major version and marks
// them as that version's: for types whose attribute order differs between
// 1.x and 2.0.
func only(major int, fs []field) []field {
	var out []field
	for _, f := range fs {
		if f.only != 0 && f.only != major {
			continue
		}
		f.only = major
		out = append(out, f)
	}
	return out
}

// rtype is a type the server serves or accepts.
type rtype struct {
	name   string
	fields []field
	// collections
	item, member string
}

func (t *rtype) field(name string, major int) *field {
	for i := range t.fields {
		f := &t.fields[i]
		if f.name == name && (f.only == 0 || f.only == major) {
			return f
		}
	}
	return nil
}

var types = map[string]*rtype{}

func addType(name string, fields ...field) *rtype {
	t := &rtype{name: name, fields: fields}
	types[name] = t
	return t
}

func addCollection(name, item, member string) {
	types[name] = &rtype{name: name, item: item, member: member, fields: []field{
		fURI("id").readOnly(), fRef("parent", "").readOnly().v(2), fInt("count").readOnly(), opsField(),
	}}
}

func opsField() field {
	return fList("operations", "operation",
		fString("rel").attr(), fURI("href").attr(), fBool("available").attr().v(2)).readOnly()
}

// withCommon prepends the common attributes (2.0 Table 5; 1.x commonElements)
// and appends operations.
func withCommon(own ...field) []field {
	fs := []field{
		fURI("id").readOnly(), fString("name"), fString("description"),
		fTime("created").readOnly(), fTime("updated").readOnly(), fMap("properties"),
		fRef("parent", "").readOnly().v(2), fRef("resourceMetadata", "ResourceMetadata").readOnly().v(2),
	}
	return append(append(fs, own...), opsField())
}

// templateFields are the MachineTemplate attributes, stored or inline.
func templateFields() []field {
	return []field{
		fString("initialState"),
		fRef("machineConfig", "MachineConfiguration"),
		fRef("machineImage", "MachineImage"),
		fRef("credential", "Credential"),
		fList("volumes", "volume", fURI("href").attr(), fString("initialLocation").attr()).v(1),
		fList("volumes", "volume", fString("initialLocation"), fRef("credential", "Credential"), fRef("volume", "Volume")).v(2),
		fList("volumeTemplates", "volumeTemplate", fURI("href").attr(), fString("initialLocation").attr()).v(1),
		fList("volumeTemplates", "volumeTemplate", fString("initialLocation"), fRef("volumeTemplate", "VolumeTemplate")).v(2),
		fList("networkInterfaces", "networkInterface", fRefs("addresses", "address"), fRef("network", "Network"),
			fRef("networkPort", "NetworkPort"), fString("state"), fInt("mtu")).v(1),
		fRefs("interfaceTemplates", "interfaceTemplate").v(2),
		fString("userData"),
		fRefs("meterTemplates", "meterTemplate"),
		fRef("eventLogTemplate", "EventLogTemplate"),
		fRef("genResourceMetadata", "ResourceMetadata").v(2),
	}
}

// ExtensionNamespace is the namespace of this server's extension
// attributes (declared in ResourceMetadata, §5.11).
const ExtensionNamespace = "http://cimitest.dev/ns/reference/1"

var credentialExtensions = []field{fString("userName"), fString("password"), {name: "key", kind: kBytes}}

func init() {
	addType("Machine", withCommon(
		fString("state").readOnly(), fInt("cpu").readOnly(), fInt("memory").readOnly(), fColl("disks"),
		fString("cpuArch").readOnly(), fInt("cpuSpeed").readOnly(), fColl("volumes"),
		fColl("networkInterfaces").v(1), fColl("interfaces").v(2),
		fRef("latestSnapshot", "MachineImage").readOnly(), fColl("snapshots"),
		fColl("meters"), fRef("eventLog", "EventLog").readOnly(),
		field{name: "region", kind: kString, ro: true, ns: ExtensionNamespace})...)
	addType("Disk", withCommon(fInt("capacity").readOnly(), fString("initialLocation"))...)
	// 1.x: a Machine's snapshots collection lists associations, whose
	// reference DSP8009 spells "shapshot".
	addType("MachineSnapshot", withCommon(fRef("shapshot", "MachineImage").readOnly())...)
	addType("MachineTemplate", withCommon(templateFields()...)...)
	addType("MachineConfiguration", withCommon(
		fInt("cpu"), fInt("memory"),
		fList("disks", "disk", fInt("capacity"), fString("format"), fString("initialLocation")),
		fString("cpuArch"), fInt("cpuSpeed"),
		field{name: "gpu", kind: kBool, ro: true, ns: ExtensionNamespace})...)
	addType("MachineImage", withCommon(
		fString("state").readOnly(), fString("type"), fURI("imageLocation"),
		fRef("relatedImage", "MachineImage").readOnly())...)
	// 2.0 puts the suggested extensions before the operations; DSP8009
	// (1.x) after them.
	credential := append(only(2, withCommon(append([]field{fMap("parameters")}, credentialExtensions...)...)),
		only(1, append(withCommon(), credentialExtensions...))...)
	addType("Credential", credential...)
	addType("CredentialTemplate", credential...)
	addType("Job", withCommon(
		fString("state").readOnly(), fRef("targetResource", "").readOnly(),
		fRefs("affectedResources", "affectedResource").readOnly(), fURI("action").readOnly(),
		fInt("returnCode").readOnly(), fInt("progress").readOnly(), fString("statusMessage").readOnly(),
		fTime("timeOfStatusChange").readOnly(), fRef("parentJob", "Job").readOnly(),
		fRefs("nestedJobs", "nestedJob").readOnly())...)
	rmLists := []field{
		fList("attributes", "attribute", fString("name").attr(), fURI("namespace").attr(), fString("type").attr(),
			fBool("providerMandatory").attr().v(2), fBool("consumerMandatory").attr().v(2),
			fBool("mutable").attr().v(2), fBool("consumerWritable").attr().v(2), fBool("required").attr().v(1)),
		fScopes("vscope").v(2), // after attributes (l.1903-1909, l.1936-1941)
		fList("capabilities", "capability", fString("name").attr(), fURI("uri").attr(), fString("description").attr(), fAny("value")),
		fList("actions", "action", fString("name").attr(), fURI("uri").attr(), fString("description").attr(),
			fString("method").attr(), fString("inputMessage").attr(), fString("outputMessage").attr()),
	}
	// 2.0 Table 6 has the common attributes; DSP8009 only id, typeURI and
	// name, in that order.
	rm2 := withCommon(append([]field{fURI("typeURI")}, rmLists...)...)
	rm1 := append(append([]field{fURI("id").readOnly(), fURI("typeURI"), fString("name")}, rmLists...), opsField())
	addType("ResourceMetadata", append(only(2, rm2), only(1, rm1)...)...)

	// Request messages.
	addType("MachineCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("machineTemplate", "MachineTemplate"))
	addType("CredentialCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("credentialTemplate", "CredentialTemplate"))
	addType("Action", fURI("action"), fBool("force"), fRef("image", "MachineImage"),
		fURI("source"), fString("format"), fURI("destination"),
		fRef("volume", "Volume").v(2), fString("initialLocation").v(2), fRef("credentials", "Credential").v(2),
		fRef("node", "Machine").v(2), fRef("backup", "Machine").v(2), fRef("machine", "Machine").v(2),
		fRef("network", "Network").v(2), fMap("properties"))

	addCollection("DiskCollection", "Disk", "disks")
	addCollection("locatedVolumeCollection", "locatedVolume", "locatedVolumes")
	addCollection("MachineVolumeCollection", "MachineVolume", "machineVolumes")
	addCollection("MachineNetworkInterfaceCollection", "MachineNetworkInterface", "machineNetworkInterfaces")
	addCollection("MachineSnapshotCollection", "MachineSnapshot", "machineSnapshots")
	addCollection("NetworkInterfaceCollection", "NetworkInterface", "networkInterfaces")
}

// addTableTypes adds the types the table of table.go makes: the Cloud Entry
// Point, with one collection reference per row, and each row's collection.
func addTableTypes() {
	cep := []field{fURI("id").readOnly(), fString("name"), fString("description"),
		fTime("created").readOnly(), fTime("updated").readOnly(), fMap("properties"),
		fURI("baseURI").readOnly()}
	for _, k := range table {
		cep = append(cep, fColl(k.attr).v(k.only))
		addCollection(k.coll, k.typ, k.member)
	}
	// Written only by a fault: a 1.x collection in a 2.0 entry point, and
	// the other way round.
	cep = append(cep, fColl("networkConfigs").v(2), fColl("segments").v(1))
	addType("CloudEntryPoint", append(cep, opsField())...)
}
