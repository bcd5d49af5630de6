package model

// The Machine family (§5.14; DSP8009 Machine*, Credential*, Disk).

// MachineStates are the values of Machine state (Table 16); FAILED is 2.0
// only, so MachineStates1 lists those of 1.x.
var (
	MachineStates1 = []string{"CREATING", "STARTING", "STARTED", "STOPPING", "STOPPED",
		"PAUSING", "PAUSED", "SUSPENDING", "SUSPENDED", "CAPTURING", "RESTORING",
		"DELETING", "ERROR"}
	MachineStates = append(append([]string(nil), MachineStates1...), "FAILED")
)

// StableMachineStates are the states a Machine rests in until an operation or
// an error moves it (Table 16).
var StableMachineStates = []string{"STARTED", "STOPPED", "PAUSED", "SUSPENDED", "ERROR", "FAILED"}

// TransientMachineStates are the states a Machine passes through.
var TransientMachineStates = []string{"CREATING", "STARTING", "STOPPING", "PAUSING", "SUSPENDING", "CAPTURING",
	"RESTORING", "DELETING"}

// CPUArchs are the cpuArch values the spec names (Table 16, Table 20);
// Providers may add their own.
var CPUArchs = []string{"68000", "Alpha", "ARM", "Itanium", "MIPS", "PA_RISC", "POWER",
	"PowerPC", "x86", "x86_64", "z/Architecture", "SPARC"}

// ImageStates and ImageTypes are the MachineImage values of Table 21.
var (
	ImageStates = []string{"CREATING", "AVAILABLE", "DELETING", "ERROR"}
	ImageTypes  = []string{"IMAGE", "SNAPSHOT", "PARTIAL_SNAPSHOT"}
)

var _ = define(
	machine(),
	disk(),
	collection("DiskCollection", "Disk", "disks", "5.14.1.1.1"),
	machineCreate(),
	machineTemplate(),
	machineConfiguration(),
	machineImage(),
	credential("Credential", "5.14.9 Table 22", V2),
	credential("Credential", "DSP8009 CredentialElements", V1),
	credential("CredentialTemplate", "5.14.11 Table 25", V2),
	credential("CredentialTemplate", "DSP8009 CredentialTemplateElements", V1),
	message("CredentialCreate", "5.14.10.1",
		append(createCommon(), ref("credentialTemplate", "CredentialTemplate").need(Required))...),
	with(resource("MachineSnapshot", "DSP8009 MachineSnapshot", ref("shapshot", "MachineImage")), V1),
	// Sub-collections of a Machine that are not CEP collections.
	with(collection("MachineVolumeCollection", "MachineVolume", "machineVolumes", "DSP8009"), V1),
	with(collection("locatedVolumeCollection", "locatedVolume", "locatedVolumes", "5.14.1.1.2"), V2),
	with(collection("MachineNetworkInterfaceCollection", "MachineNetworkInterface", "machineNetworkInterfaces", "DSP8009"), V1),
	with(collection("MachineSnapshotCollection", "MachineSnapshot", "machineSnapshots", "DSP8009"), V1),
)

func with(t *Type, only Version) *Type { t.Only = only; return t }

func machine() *Type {
	return resource("Machine", "5.14.1 Table 16",
		str("state").ro().values(MachineStates...).valuesIn1x(MachineStates1...).at("5.14.1 Table 16"),
		integer("cpu").need(Required).at("7.1"),
		integer("memory").need(Required).at("7.1"),
		coll("disks", "DiskCollection").need(Required).ro().at("7.1"),
		str("cpuArch").need(Required).in1x(Expected).open(CPUArchs...).at("7.1"),
		integer("cpuSpeed").need(Required).in1x(Expected).at("7.1"),
		coll("volumes", "MachineVolumeCollection").ro().only(V1),
		coll("volumes", "locatedVolumeCollection").ro().only(V2).at("5.14.1.1.2"),
		coll("networkInterfaces", "MachineNetworkInterfaceCollection").ro().only(V1),
		coll("interfaces", "NetworkInterfaceCollection").ro().only(V2),
		ref("latestSnapshot", "MachineImage").ro(),
		coll("snapshots", "MachineSnapshotCollection").ro().only(V1),
		coll("snapshots", "MachineImageCollection").ro().only(V2),
		coll("meters", "MeterCollection").ro(),
		ref("eventLog", "EventLog").ro(),
	)
}

func disk() *Type {
	return resource("Disk", "5.14.1.1.1 Table 17",
		integer("capacity"),
		str("initialLocation"),
	)
}

// machineTemplateAttrs are the MachineTemplate attributes (Table 19; 1.x
// MachineTemplateElements), also accepted inline in a MachineCreate.
func machineTemplateAttrs() []Attr {
	return []Attr{
		// Table 19: a stored initialState is a state a Machine rests in.
		str("initialState").open("STARTED", "STOPPED", "PAUSED", "SUSPENDED").excluding(TransientMachineStates...),
		ref("machineConfig", "MachineConfiguration"),
		ref("machineImage", "MachineImage"),
		ref("credential", "Credential").only(V2),
		ref("credential", "CredentialTemplate").only(V1),
		// 1.x: <volume href="…" initialLocation="…"/>, repeated, no wrapper.
		array("volumes", "volume",
			uri("href").xmlAttr(), str("initialLocation").xmlAttr()).only(V1),
		array("volumes", "volume",
			str("initialLocation"), ref("credential", "Credential"), ref("volume", "Volume")).only(V2),
		array("volumeTemplates", "volumeTemplate",
			uri("href").xmlAttr(), str("initialLocation").xmlAttr()).only(V1),
		array("volumeTemplates", "volumeTemplate",
			str("initialLocation"), ref("volumeTemplate", "VolumeTemplate")).only(V2),
		array("networkInterfaces", "networkInterface",
			refArray("addresses", "address", "Address"),
			ref("network", "Network"), ref("networkPort", "NetworkPort"),
			str("state"), integer("mtu")).only(V1),
		refArray("interfaceTemplates", "interfaceTemplate", "NetworkInterfaceTemplate").only(V2),
		str("userData"),
		refArray("meterTemplates", "meterTemplate", "MeterTemplate"),
		ref("eventLogTemplate", "EventLogTemplate"),
		ref("genResourceMetadata", "ResourceMetadata").only(V2),
	}
}

func machineTemplate() *Type {
	return resource("MachineTemplate", "5.14.3 Table 19", machineTemplateAttrs()...)
}

func machineCreate() *Type {
	return message("MachineCreate", "4.2.1.1, 5.14.2.1",
		append(createCommon(), ref("machineTemplate", "MachineTemplate").need(Required))...)
}

func machineConfiguration() *Type {
	return resource("MachineConfiguration", "5.14.5 Table 20",
		integer("cpu").need(Required).at("7.1"),
		integer("memory").need(Required).at("7.1"),
		array("disks", "disk",
			integer("capacity").need(Required), str("format").need(Required),
			str("initialLocation")).need(Required).at("7.1"),
		str("cpuArch").need(Required).in1x(Expected).open(CPUArchs...).at("7.1"),
		integer("cpuSpeed").need(Required).in1x(Expected).at("7.1"),
	)
}

func machineImage() *Type {
	return resource("MachineImage", "5.14.7 Table 21",
		str("state").ro().values(ImageStates...),
		str("type").open(ImageTypes...),
		uri("imageLocation").need(Required).in1x(Expected).at("7.1"),
		ref("relatedImage", "MachineImage").ro(),
	)
}

// credential covers Credential and CredentialTemplate: 2.0 adds a parameters
// map; userName, password and key are the suggested extensions of Tables 23
// and 24. The 1.x schema puts the operations before these three.
func credential(name, where string, v Version) *Type {
	ext := []Attr{str("userName"), str("password"), {Name: "key", Kind: KBytes}}
	var t *Type
	if v == V2 {
		t = resource(name, where, append([]Attr{strmap("parameters")}, ext...)...)
	} else {
		t = &Type{Name: name, Where: where, Attrs: append(append(common(), operations()), ext...)}
	}
	t.Only = v
	return t
}
