package reference

// Fault switches of the 1.x network resources (DSP8009).
var (
	FaultV1CEPListsSegments = fault("v1-cep-lists-segments",
		"lists the 2.0 segments collection in a 1.x Cloud Entry Point")
	FaultV1TemplateCreateWrapped = fault("v1-template-create-wrapped",
		"takes a 1.x network template or configuration only inside a …Create element, not posted as itself")
	FaultV1CreateWithoutTemplate = fault("v1-create-without-template",
		"makes a 1.x Network, NetworkPort, Address or ForwardingGroup from a create that names no template")
	FaultV1NetworkByValueRefused = fault("v1-network-by-value-refused",
		"advertises NetworkTemplateByValue in 1.x but refuses a NetworkCreate whose template is given by value")
	FaultV1NetworkConfigIgnored = fault("v1-network-config-ignored",
		"makes a 1.x Network without the networkType, mtu and classOfService of its template's configuration")
	FaultV1NetworkConfigDropsMTU = fault("v1-network-config-drops-mtu",
		"stores a posted NetworkConfiguration without its mtu")
	FaultV1NetworkStateRunning = fault("v1-network-state-running",
		"shows a started 1.x Network or NetworkPort as RUNNING, a state of no network set")
	FaultV1NetworkPortsResources = fault("v1-network-ports-resources",
		"lists NetworkPort resources in a 1.x Network's networkPorts instead of NetworkNetworkPort records")
	FaultV1NetworkPortsAddOffered = fault("v1-network-ports-add-offered",
		"offers an add operation on a 1.x Network's networkPorts")
	FaultV1NetworkPortsStale = fault("v1-network-ports-stale",
		"keeps a deleted NetworkPort's record in its Network's networkPorts")
	FaultV1PortConfigIgnored = fault("v1-port-config-ignored",
		"makes a NetworkPort without the portType and classOfService of its template's configuration")
	FaultV1AddressDNSFirstOnly = fault("v1-address-dns-first-only",
		"keeps only the first dns entry of an AddressTemplate in the Address made from it")
	FaultV1AddressHasState = fault("v1-address-has-state",
		"gives a 1.x Address a state element, which Addresses have not")
	FaultV1GroupFirstNetworkOnly = fault("v1-forwarding-group-first-network-only",
		"makes a ForwardingGroup with only the first of the Networks its template names")
	FaultV1MachineInterfaceNetworkDropped = fault("v1-machine-interface-network-dropped",
		"makes a Machine's MachineNetworkInterface without the network its template's networkInterface names")
	FaultV1MachineInterfaceAddressesEmpty = fault("v1-machine-interface-addresses-empty",
		"leaves a MachineNetworkInterface's addresses empty although its template's networkInterface names an Address")
	FaultV1TemplateInterfacesDropped = fault("v1-template-interfaces-dropped",
		"stores a posted 1.x MachineTemplate without its networkInterfaces")
	FaultV1GroupNetworksCollection = fault("v1-forwarding-group-networks-collection",
		"gives a ForwardingGroup's networks as a reference to a collection, not as repeated network references")
)

// v1OrderFaults move one element of a 1.x network type after the
// operations: the XML breaks the DSP8009 sequence, the JSON is unchanged.
var v1OrderFaults = map[string][2]string{
	fault("v1-network-order", "writes a 1.x Network's networkType after its operations in XML"):                            {"Network", "networkType"},
	fault("v1-network-template-order", "writes a 1.x NetworkTemplate's initialState after its operations in XML"):          {"NetworkTemplate", "initialState"},
	fault("v1-network-config-order", "writes a NetworkConfiguration's networkType after its operations in XML"):            {"NetworkConfiguration", "networkType"},
	fault("v1-port-order", "writes a NetworkPort's state after its operations in XML"):                                     {"NetworkPort", "state"},
	fault("v1-port-template-order", "writes a NetworkPortTemplate's network after its operations in XML"):                  {"NetworkPortTemplate", "network"},
	fault("v1-port-config-order", "writes a NetworkPortConfiguration's portType after its operations in XML"):              {"NetworkPortConfiguration", "portType"},
	fault("v1-address-order", "writes an Address's ip after its operations in XML"):                                        {"Address", "ip"},
	fault("v1-address-template-order", "writes an AddressTemplate's ip after its operations in XML"):                       {"AddressTemplate", "ip"},
	fault("v1-forwarding-group-order", "writes a ForwardingGroup's networks after its operations in XML"):                  {"ForwardingGroup", "networks"},
	fault("v1-forwarding-group-template-order", "writes a ForwardingGroupTemplate's networks after its operations in XML"): {"ForwardingGroupTemplate", "networks"},
}
