package checks

import "github.com/cimitest/cimitest/suites/features"

// The CIMI 1.x network model (DSP8009): Networks made from a
// NetworkTemplate and a NetworkConfiguration, NetworkPorts listed by their
// Network as NetworkNetworkPort records, Addresses and ForwardingGroups,
// their templates posted as themselves, and the DSP8009 shape of each.

var (
	makeNetworksV1 = []features.Feature{features.Collection("networkConfigs"), features.Create("NetworkConfiguration"),
		features.Collection("networkTemplates"), features.Create("NetworkTemplate"),
		features.Collection("networks"), features.Create("Network")}
	makePortsV1 = with(makeNetworksV1, features.Collection("networkPortConfigs"), features.Create("NetworkPortConfiguration"),
		features.Collection("networkPortTemplates"), features.Create("NetworkPortTemplate"),
		features.Collection("networkPorts"), features.Create("NetworkPort"))
	makeAddressesV1 = with(makeNetworksV1, features.Collection("addressTemplates"), features.Create("AddressTemplate"),
		features.Collection("addresses"), features.Create("Address"))
	machinesOnNetworksV1 = with(with(makeAddressesV1, makeMachines...), templates...)
	makeGroupsV1         = with(makeNetworksV1, features.Collection("forwardingGroupTemplates"), features.Create("ForwardingGroupTemplate"),
		features.Collection("forwardingGroups"), features.Create("ForwardingGroup"))
)

// networkV1 is a 1.x network check; the lines are DSP8009's.
func networkV1(id, title, rule, lines, resource, op string) Check {
	return v1(Check{ID: id, Title: title, Rule: rule, Clause: "5.16", Lines: lines, Level: Shall,
		Area: "networks", Resource: resource, Operation: op, Mutating: true})
}

// soft lowers a check to SHOULD: N-132 is the digest's reading of a 2.0
// table for 1.x, which DSP8009 types only as a string.
func soft(c Check) Check { c.Level = Should; return c }

var (
	NetworkCollectionsV1 = declare(reading(networkV1("network.collections-v1", "a 1.x Cloud Entry Point names none of the 2.0 network collections, and each 1.x one it lists leads to a collection of its type",
		"N-113", "DSP8009 CloudEntryPoint (XSD l.192, l.213-222)", "CloudEntryPoint", "read")), features.Collection("networks"))
	NetworkCollectionItemsV1 = declare(reading(networkV1("network.collection-items-v1", "in 1.x XML, the items of the network collections follow count directly, with no grouping element",
		"N-129", "DSP8009 NetworkCollRef … ForwardingGroupTemplateCollRef (XSD l.1514)", "NetworkCollection", "read")), makeNetworksV1...)
	NetworkTemplatesPostedV1 = declare(networkV1("network.templates-posted-v1", "1.x network and port configurations and templates, address and forwarding-group templates posted as themselves are made as given and listed",
		"N-130", "§4.2.1.1 (l.953)", "NetworkTemplate", "create"), makeNetworksV1...)
	NetworkCreateV1 = declare(networkV1("network.create-v1", "a 1.x NetworkCreate naming a NetworkTemplate makes a Network with its configuration's networkType, mtu and classOfService, in the template's initialState; one naming no template is refused",
		"N-116", "DSP8009 NetworkCreate (XSD l.1561)", "Network", "create"), makeNetworksV1...)
	NetworkByValueV1 = declare(networkV1("network.by-value-v1", "with NetworkTemplateByValue, a 1.x NetworkCreate whose template and configuration are given inline makes a Network of that configuration",
		"N-116", "DSP8009 NetworkCreate (XSD l.1561), NetworkTemplateElements (XSD l.1583)", "Network", "create"),
		with(makeNetworksV1, features.Capability("Network", "NetworkTemplateByValue"))...)
	NetworkStatesV1 = declare(soft(networkV1("network.states-v1", "a 1.x Network and NetworkPort are read only in states of the network set, as the Network is made, started and stopped",
		"N-132", "§5.16.1 Table 30 (l.3123)", "Network", "read")), makeNetworksV1...)
	NetworkPortsV1 = declare(networkV1("network.ports-v1", "a 1.x Network's networkPorts lists a NetworkNetworkPort record naming each of its ports, offers no operation, and drops the record when the port is deleted",
		"N-115", "DSP8009 NetworkNetworkPortCollRef (XSD l.1545)", "Network", "read"), makePortsV1...)
	NetworkRepresentationV1 = declare(networkV1("network.representation-v1", "1.x Networks, NetworkTemplates and NetworkConfigurations have the DSP8009 elements, types and (in XML) order",
		"N-114, N-117, N-118", "DSP8009 NetworkElements (XSD l.1491), NetworkTemplateElements (l.1583), NetworkConfigurationElements (l.1629)", "Network", "read"),
		makeNetworksV1...)

	PortCreateV1 = declare(networkV1("port.create-v1", "a NetworkPortCreate naming a template makes a NetworkPort in the template's Network with its configuration's portType and classOfService; one naming no template is refused",
		"N-120", "DSP8009 NetworkPortCreate (XSD l.1719)", "NetworkPort", "create"), makePortsV1...)
	PortRepresentationV1 = declare(networkV1("port.representation-v1", "NetworkPorts, NetworkPortTemplates and NetworkPortConfigurations have the DSP8009 elements, types and (in XML) order",
		"N-119, N-121, N-122", "DSP8009 NetworkPortElements (XSD l.1681), NetworkPortTemplateElements (l.1741), NetworkPortConfigurationElements (l.1786)", "NetworkPort", "read"),
		makePortsV1...)

	AddressCreateV1 = declare(networkV1("address.create-v1", "an AddressCreate naming an AddressTemplate makes an Address with the template's ip, allocation, protocol, mask, network and every dns entry; one naming no template is refused",
		"N-124, N-123", "DSP8009 AddressCreate (XSD l.1878), AddressElements (l.1837)", "Address", "create"), makeAddressesV1...)
	AddressRepresentationV1 = declare(networkV1("address.representation-v1", "Addresses and AddressTemplates have the DSP8009 elements, types and (in XML) order, and no state",
		"N-123, N-125", "DSP8009 AddressElements (XSD l.1837), AddressTemplateElements (l.1900)", "Address", "read"), makeAddressesV1...)

	ForwardingGroupCreateV1 = declare(networkV1("forwarding-group.create-v1", "a ForwardingGroupCreate naming a template of two Networks makes a ForwardingGroup listing both; one naming no template is refused",
		"N-127", "DSP8009 ForwardingGroupCreate (XSD l.1982)", "ForwardingGroup", "create"), makeGroupsV1...)
	ForwardingGroupRepresentationV1 = declare(networkV1("forwarding-group.representation-v1", "ForwardingGroups and their templates list their Networks as repeated network references, with the DSP8009 elements and (in XML) order",
		"N-126, N-128", "DSP8009 ForwardingGroupElements (XSD l.1949), ForwardingGroupTemplate (l.2009)", "ForwardingGroup", "read"), makeGroupsV1...)

	MachineInterfaceTemplateV1 = declare(networkV1("machine.interface-template-v1", "a 1.x MachineTemplate keeps a networkInterface naming a Network, a state and an Address, and a Machine made from it has a MachineNetworkInterface on that Network",
		"N-131", "DSP8009 NetworkInterface (XSD l.990)", "MachineTemplate", "create"), machinesOnNetworksV1...)
	MachineInterfaces = declare(v1(machine("machine.network-interfaces", "a 1.x Machine's MachineNetworkInterfaces carry their template's network and state, a macAddress, an integer mtu, and addresses whose records name Addresses that can be read",
		"M-122", "5.14.1", "DSP8009 MachineNetworkInterface (XSD l.820)", Should, "read")), machinesOnNetworksV1...)
)
