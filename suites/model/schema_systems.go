package model

// Systems (§5.13, Tables 9-15; DSP8009 System*).

// SystemStates are the values of System state (Table 9).
var SystemStates = []string{"CREATING", "STARTING", "STARTED", "STOPPING", "STOPPED", "PAUSING", "PAUSED",
	"SUSPENDING", "SUSPENDED", "MIXED", "DELETING", "ERROR"}

// systemTemplateKinds are the template references a 1.x componentDescriptor
// may hold (DSP8009 componentDescriptor choice); 2.0 allows any template or
// resource reference, named after its type.
var systemTemplateKinds = []struct{ attr, typ string }{
	{"addressTemplate", "AddressTemplate"}, {"credentialTemplate", "CredentialTemplate"},
	{"eventLogTemplate", "EventLogTemplate"}, {"forwardingGroupTemplate", "ForwardingGroupTemplate"},
	{"machineTemplate", "MachineTemplate"}, {"meterTemplate", "MeterTemplate"},
	{"networkPortTemplate", "NetworkPortTemplate"}, {"networkTemplate", "NetworkTemplate"},
	{"systemTemplate", "SystemTemplate"}, {"volumeTemplate", "VolumeTemplate"},
	{"protocolSegmentTemplate", "ProtocolSegmentTemplate"}, {"protocolEndpointTemplate", "ProtocolEndpointTemplate"},
	{"networkInterfaceTemplate", "NetworkInterfaceTemplate"}, {"networkServiceTemplate", "NetworkServiceTemplate"},
	{"machine", "Machine"}, {"volume", "Volume"}, {"network", "Network"}, {"credential", "Credential"},
	{"system", "System"}, {"networkService", "NetworkService"},
}

func componentDescriptor() []Attr {
	fields := []Attr{str("name"), str("description"), strmap("properties"), uri("type").need(Required)}
	for _, k := range systemTemplateKinds {
		a := ref(k.attr, k.typ)
		switch k.typ {
		case "ProtocolSegmentTemplate", "ProtocolEndpointTemplate", "NetworkInterfaceTemplate", "NetworkServiceTemplate",
			"Machine", "Volume", "Network", "Credential", "System", "NetworkService":
			a = a.only(V2)
		case "AddressTemplate", "ForwardingGroupTemplate", "NetworkPortTemplate":
			a = a.only(V1)
		}
		fields = append(fields, a)
	}
	return append(fields, integer("quantity"))
}

var _ = define(
	resource("System", "5.13.1 Table 9",
		str("state").ro().values(SystemStates...),
		coll("systems", "SystemCollection").ro().only(V2),
		coll("machines", "MachineCollection").ro().only(V2),
		coll("credentials", "CredentialCollection").ro().only(V2),
		coll("volumes", "VolumeCollection").ro().only(V2),
		coll("networks", "NetworkCollection").ro().only(V2),
		coll("networkServices", "NetworkServiceCollection").ro().only(V2),
		coll("services", "SystemServiceCollection").ro().only(V2),
		coll("systems", "SystemSystemCollection").ro().only(V1),
		coll("machines", "SystemMachineCollection").ro().only(V1),
		coll("credentials", "SystemCredentialCollection").ro().only(V1),
		coll("volumes", "SystemVolumeCollection").ro().only(V1),
		coll("networks", "SystemNetworkCollection").ro().only(V1),
		coll("networkPorts", "SystemNetworkPortCollection").ro().only(V1),
		coll("addresses", "SystemAddressCollection").ro().only(V1),
		coll("forwardingGroups", "SystemForwardingGroupCollection").ro().only(V1),
		coll("meters", "MeterCollection").ro(),
		ref("eventLog", "EventLog").ro(),
	),
	message("SystemCreate", "5.13.2", append(createCommon(), ref("systemTemplate", "SystemTemplate").need(Required))...),
	resource("SystemTemplate", "5.13.4 Table 14",
		array("componentDescriptors", "componentDescriptor", componentDescriptor()...),
		array("serviceDescriptors", "serviceDescriptor",
			str("name"), str("description"), strmap("properties"), uri("serviceType"),
			Attr{Name: "parameters", Kind: KAny}).only(V2),
		refArray("meterTemplates", "meterTemplate", "MeterTemplate"),
		ref("eventLogTemplate", "EventLogTemplate"),
		uri("importImage"),
		ref("genResourceMetadata", "ResourceMetadata").only(V2),
	),
	// 2.0 SystemServices (Tables 10-13) and the RecoverableMachine items (Table 12).
	with(resource("SystemService", "5.13.3 Table 10",
		uri("serviceType").need(Required),
		coll("machines", "RecoverableMachineCollection").ro(),
		Attr{Name: "parameters", Kind: KAny}), V2),
	// No clause names this member; "services", the System's attribute, is
	// tolerated with a warning.
	with(alsoMember(collection("SystemServiceCollection", "SystemService", "systemServices", "5.13.1.1"), "services"), V2),
	with(&Type{Name: "RecoverableMachine", Where: "5.13.3.1.1 Table 12", Attrs: common(
		ref("backupmachine", "Machine"), operations())}, V2),
	with(collection("RecoverableMachineCollection", "RecoverableMachine", "recoverableMachines", "5.13.3.1.1"), V2),
)

// The 1.x System component collections hold association items: common
// attributes and one reference (DSP8009 SystemSystem … SystemForwardingGroup).
var _ = func() bool {
	for _, a := range []struct{ item, attr, target, member string }{
		{"SystemSystem", "system", "System", "systemSystems"},
		{"SystemMachine", "machine", "Machine", "systemMachines"},
		{"SystemCredential", "credential", "Credential", "systemCredentials"},
		{"SystemVolume", "volume", "Volume", "systemVolumes"},
		{"SystemNetwork", "network", "Network", "systemNetworks"},
		{"SystemNetworkPort", "networkPort", "NetworkPort", "systemNetworkPorts"},
		{"SystemAddress", "address", "Address", "systemAddresses"},
		{"SystemForwardingGroup", "forwardingGroup", "ForwardingGroup", "systemForwardingGroups"},
	} {
		define(with(resource(a.item, "DSP8009 "+a.item, ref(a.attr, a.target)), V1),
			with(collection(a.item+"Collection", a.item, a.member, "DSP8009"), V1))
	}
	return true
}()

// alsoMember tolerates another member name for a collection's items.
func alsoMember(t *Type, names ...string) *Type {
	t.AltMembers = append(t.AltMembers, names...)
	return t
}
