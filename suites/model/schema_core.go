package model

// The Cloud Entry Point, ResourceMetadata, Job, Action and the collection
// types the Cloud Entry Point points at.

// cepCollections lists the collection attributes of the Cloud Entry Point in
// serialization order (2.0 Table 8, l.2064; 1.x DSP8009 CloudEntryPoint).
var cepCollections = []struct {
	attr, coll, item, member string
	only                     Version
}{
	{"resourceMetadata", "ResourceMetadataCollection", "ResourceMetadata", "resourceMetadatas", ""},
	{"systems", "SystemCollection", "System", "systems", ""},
	{"systemTemplates", "SystemTemplateCollection", "SystemTemplate", "systemTemplates", ""},
	{"machines", "MachineCollection", "Machine", "machines", ""},
	{"machineTemplates", "MachineTemplateCollection", "MachineTemplate", "machineTemplates", ""},
	{"machineConfigs", "MachineConfigurationCollection", "MachineConfiguration", "machineConfigurations", ""},
	{"machineImages", "MachineImageCollection", "MachineImage", "machineImages", ""},
	{"credentials", "CredentialCollection", "Credential", "credentials", ""},
	{"credentialTemplates", "CredentialTemplateCollection", "CredentialTemplate", "credentialTemplates", ""},
	{"volumes", "VolumeCollection", "Volume", "volumes", ""},
	{"volumeTemplates", "VolumeTemplateCollection", "VolumeTemplate", "volumeTemplates", ""},
	{"volumeConfigs", "VolumeConfigurationCollection", "VolumeConfiguration", "volumeConfigurations", ""},
	{"volumeImages", "VolumeImageCollection", "VolumeImage", "volumeImages", ""},
	{"networks", "NetworkCollection", "Network", "networks", ""},
	{"networkTemplates", "NetworkTemplateCollection", "NetworkTemplate", "networkTemplates", ""},
	{"networkConfigs", "NetworkConfigurationCollection", "NetworkConfiguration", "networkConfigurations", V1},
	{"networkPorts", "NetworkPortCollection", "NetworkPort", "networkPorts", V1},
	{"networkPortTemplates", "NetworkPortTemplateCollection", "NetworkPortTemplate", "networkPortTemplates", V1},
	{"networkPortConfigs", "NetworkPortConfigurationCollection", "NetworkPortConfiguration", "networkPortConfigurations", V1},
	{"addresses", "AddressCollection", "Address", "addresses", V1},
	{"addressTemplates", "AddressTemplateCollection", "AddressTemplate", "addressTemplates", V1},
	{"forwardingGroups", "ForwardingGroupCollection", "ForwardingGroup", "forwardingGroups", V1},
	{"forwardingGroupTemplates", "ForwardingGroupTemplateCollection", "ForwardingGroupTemplate", "forwardingGroupTemplates", V1},
	{"segments", "ProtocolSegmentCollection", "ProtocolSegment", "segments", V2},
	{"segmentTemplates", "ProtocolSegmentTemplateCollection", "ProtocolSegmentTemplate", "segmentTemplates", V2},
	{"endpoints", "ProtocolEndpointCollection", "ProtocolEndpoint", "endpoints", V2},
	{"endpointTemplates", "ProtocolEndpointTemplateCollection", "ProtocolEndpointTemplate", "endpointTemplates", V2},
	{"interfaces", "NetworkInterfaceCollection", "NetworkInterface", "networkInterfaces", V2},
	{"interfaceTemplates", "NetworkInterfaceTemplateCollection", "NetworkInterfaceTemplate", "networkInterfaceTemplates", V2},
	{"networkServices", "NetworkServiceCollection", "NetworkService", "services", V2},
	{"networkServiceTemplates", "NetworkServiceTemplateCollection", "NetworkServiceTemplate", "networkServiceTemplates", V2},
	{"jobs", "JobCollection", "Job", "jobs", ""},
	{"meters", "MeterCollection", "Meter", "meters", ""},
	{"meterTemplates", "MeterTemplateCollection", "MeterTemplate", "meterTemplates", ""},
	{"meterConfigs", "MeterConfigurationCollection", "MeterConfiguration", "meterConfigurations", ""},
	{"eventLogs", "EventLogCollection", "EventLog", "eventLogs", ""},
	{"eventLogTemplates", "EventLogTemplateCollection", "EventLogTemplate", "eventLogTemplates", ""},
}

// CEPCollection describes one collection attribute of the Cloud Entry Point.
type CEPCollection struct {
	Attr       string // CEP attribute, e.g. "machineConfigs"
	Collection string // collection type, e.g. "MachineConfigurationCollection"
	Item       string // item type, e.g. "MachineConfiguration"
}

// CEPCollections lists the Cloud Entry Point collection attributes of v.
func CEPCollections(v Version) []CEPCollection {
	var out []CEPCollection
	for _, c := range cepCollections {
		if c.only == "" || c.only == v {
			out = append(out, CEPCollection{Attr: c.attr, Collection: c.coll, Item: c.item})
		}
	}
	return out
}

var _ = define(cloudEntryPoint(), resourceMetadata(V2), resourceMetadata(V1), job(), action())

var _ = func() bool {
	for _, c := range cepCollections {
		t := collection(c.coll, c.item, c.member, "5.5.12")
		t.Only = c.only
		if c.coll == "MachineConfigurationCollection" {
			// StratusLab used the CEP attribute name as the member name.
			t.AltMembers = []string{"machineConfigs"}
		}
		if c.coll == "ResourceMetadataCollection" {
			t.AltMembers = []string{"resourceMetadata"}
		}
		define(t)
	}
	return true
}()

func cloudEntryPoint() *Type {
	// The CEP's resourceMetadata attribute is its RM collection, not the 2.0
	// common resourceMetadata reference, so the common list is written out.
	attrs := []Attr{
		uri("id").need(Required).ro(),
		str("name"), str("description"),
		dateTime("created").ro(), dateTime("updated").ro(),
		strmap("properties"),
		ref("parent", "").ro().only(V2),
		uri("baseURI").need(Required).ro().at("5.12 Table 8"),
	}
	for _, c := range cepCollections {
		attrs = append(attrs, coll(c.attr, c.coll).ro().only(c.only).at("5.12 Table 8"))
	}
	attrs = append(attrs, operations())
	return &Type{Name: "CloudEntryPoint", Attrs: attrs, Where: "5.12"}
}

// resourceMetadata is Table 6 in 2.0; the 1.x schema has its own order and
// no description, created, updated or properties.
func resourceMetadata(v Version) *Type {
	if v == V1 {
		t := &Type{Name: "ResourceMetadata", Where: "DSP8009 ResourceMetadataElements", Only: V1}
		t.Attrs = append([]Attr{uri("id").need(Required).ro(), uri("typeURI").need(Required), str("name")},
			rmArrays()...)
		t.Attrs = append(t.Attrs, operations())
		return t
	}
	return with(resource("ResourceMetadata", "5.11 Table 6",
		append([]Attr{uri("typeURI").need(Required).at("5.11 Table 6")}, rmArrays()...)...), V2)
}

// rmArrays are the attributes, capabilities and actions of a ResourceMetadata.
func rmArrays() []Attr {
	return []Attr{
		array("attributes", "attribute",
			str("name").need(Required).xmlAttr(),
			uri("namespace").xmlAttr(),
			str("type").xmlAttr(),
			boolean("providerMandatory").xmlAttr().only(V2),
			boolean("consumerMandatory").xmlAttr().only(V2),
			boolean("mutable").xmlAttr().only(V2),
			boolean("consumerWritable").xmlAttr().only(V2),
			boolean("required").xmlAttr(),
			str("description").xmlAttr(),
		).at("5.11 Table 6"),
		scopes().only(V2),
		array("capabilities", "capability",
			str("name").xmlAttr(),
			uri("uri").need(Required).xmlAttr(),
			str("description").xmlAttr(),
			Attr{Name: "value", Kind: KAny},
		).at("5.11.1"),
		array("actions", "action",
			str("name").need(Required).xmlAttr(),
			uri("uri").need(Required).xmlAttr(),
			str("description").xmlAttr(),
			str("method").need(Required).xmlAttr(),
			str("inputMessage").xmlAttr(),
			str("outputMessage").xmlAttr(),
		).at("5.11 Table 6"),
	}
}

// JobStates are the values of Job state (Table 46).
var JobStates = []string{"QUEUED", "RUNNING", "FAILED", "SUCCESS", "STOPPING", "STOPPED"}

func job() *Type {
	return resource("Job", "5.17.1 Table 46",
		str("state").ro().values(JobStates...),
		ref("targetResource", "").ro(),
		refArray("affectedResources", "affectedResource", "").ro(),
		uri("action").ro().only(V2),
		str("action").ro().only(V1),
		integer("returnCode").ro(),
		integer("progress").ro(),
		str("statusMessage").ro(),
		dateTime("timeOfStatusChange").ro(),
		ref("parentJob", "Job").ro(),
		refArray("nestedJobs", "nestedJob", "Job").ro(),
	)
}

// action is the body of a custom operation (§4.2.1.5 and the operation
// clauses); the 1.x schema allows force, image, source or format/destination.
func action() *Type {
	return message("Action", "4.2.1.5",
		uri("action").need(Required),
		boolean("force"),
		ref("image", "MachineImage"),
		uri("source"),
		str("format"),
		uri("destination"),
		ref("volume", "Volume").only(V2),
		str("initialLocation").only(V2),
		ref("credentials", "Credential").only(V2),
		strmap("properties"),
	)
}
