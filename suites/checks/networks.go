package checks

import (
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// The CIMI 2.0 network model (§5.16): Networks, ProtocolSegments and
// NetworkServices with their templates and collections, made, started,
// stopped and deleted.

var (
	makeNetworkTemplates = []features.Feature{features.Collection("networkTemplates"), features.Create("NetworkTemplate")}
	makeSegmentTemplates = []features.Feature{features.Collection("segmentTemplates"), features.Create("ProtocolSegmentTemplate")}
	makeServiceTemplates = []features.Feature{features.Collection("networkServiceTemplates"), features.Create("NetworkServiceTemplate")}
	// Networks are made from a NetworkTemplate the run made, which names a
	// segment template and a service template the run made.
	makeNetworks = with(append(append(append([]features.Feature(nil), makeNetworkTemplates...), makeSegmentTemplates...), makeServiceTemplates...),
		features.Collection("networks"), features.Create("Network"))
	makeSegments = with(makeNetworks, features.Collection("segments"), features.Create("ProtocolSegment"))
	makeServices = with(makeNetworks, features.Collection("networkServices"), features.Create("NetworkService"))
)

func network(id, title, rule, clause, lines string, level Level, resource, op string) Check {
	return v2(Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "networks", Resource: resource, Operation: op, Mutating: true})
}

var (
	NetworkCollections = declare(reading(network("network.collections", "a 2.0 Cloud Entry Point has none of the 1.x network collections, and each 2.0 one it lists leads to a collection of its type, whose type URI is that type's",
		"N-01, N-100, N-101", "5.12, 5.16", "Table 8 (l.2064), l.3210, l.3238, l.3328, l.3359, l.3449, l.3480, l.3560, l.3596, l.3743", Shall, "CloudEntryPoint", "read")))
	NetworkTemplateCreate = declare(network("network.template-create", "NetworkTemplates, ProtocolSegmentTemplates and NetworkServiceTemplates posted to their collections are made as given and listed; a NetworkTemplate keeps its segment and service templates",
		"N-20", "5.16.3, 5.16.7, 5.16.19", "Table 31 (l.3227), Table 36 (l.3345), Table 45 (l.3730)", Shall, "NetworkTemplate", "create"), makeNetworks...)
	NetworkCreate = declare(network("network.create", "a NetworkCreate naming a NetworkTemplate makes a Network with one new Segment and Service per segment and service template",
		"N-22, N-11, N-90", "5.16.3", "Table 31 (l.3227), l.3128-3150", Shall, "Network", "create"), makeNetworks...)
	NetworkNeedsTemplate = declare(network("network.needs-template", "a NetworkCreate without networkTemplate is refused with a 4xx and makes nothing",
		"N-16", "5.16.2.1", "l.3213", Shall, "Network", "create"), makeNetworks...)
	NetworkByValue = declare(network("network.by-value", "with NetworkTemplateByValue, a NetworkCreate whose template is given by value is accepted",
		"N-23", "5.11.1", "Table 7 (l.1977)", Shall, "Network", "create"), with(makeNetworks, features.Capability("Network", "NetworkTemplateByValue"))...)
	NetworkInitialState = declare(network("network.initial-state", "a new Network settles in its template's initialState, or DefaultInitialState, or STOPPED; one made STARTED has its Segments and Services started",
		"N-17, N-18", "5.16.2.1", "l.3214-3222", Shall, "Network", "create"), makeNetworks...)
	NetworkStart = declare(network("network.start", "start, posted as an Action in the run's serialization, takes a Network through STARTING to STARTED and starts its Segments and Services",
		"N-12, N-13, N-110", "5.16.1.2", "l.3151-3181", Shall, "Network", "action:start"), with(makeNetworks, features.Action("Network", "start"))...)
	NetworkStop = declare(network("network.stop", "stop takes a Network through STOPPING to STOPPED and stops its Segments and Services",
		"N-14, N-15", "5.16.1.2", "l.3182-3208", Shall, "Network", "action:stop"), with(makeNetworks, features.Action("Network", "stop"))...)
	NetworkForeignTemplate = declare(network("network.foreign-template", "a NetworkCreate whose segment or service template names another Network is refused with a 4xx",
		"N-42, N-94", "5.16.7, 5.16.19", "Table 36 (l.3345), Table 45 (l.3730)", Shall, "Network", "create"), makeNetworks...)
	NetworkLinks = declare(network("network.links", "a Network made from a template that names an existing Segment lists that Segment, and its delete leaves the Segment alone",
		"N-21", "5.16.3", "Table 31 (l.3227)", Shall, "Network", "create"), makeSegments...)
	NetworkInitialStateStable = declare(network("network.initial-state-stable", "a NetworkTemplate whose initialState is STARTING, and a NetworkInterfaceTemplate whose initialState is CREATING, are refused when made or when used",
		"N-104, N-106", "5.16, 5.11.1", "Table 31 (l.3227), Table 43 (l.3577), Table 7 (l.1977)", Shall, "NetworkTemplate", "create"), makeNetworks...)
	NetworkDelete = declare(network("network.delete", "deleting a Network deletes the Segments and Services made for it, which leave their collections",
		"N-36, N-87", "5.10.2, 5.16.5.3, 5.16.17.2", "l.1850-1856, l.3271-3273, l.3625-3627", Shall, "Network", "delete"), makeNetworks...)

	SegmentCreate = declare(network("segment.create", "a ProtocolSegmentCreate whose template names a Network makes a Segment of the template's protocol and parameters, listed in the segments collection",
		"N-46, N-40", "5.16.6.1", "l.3327-3340, Table 36 (l.3345)", Shall, "ProtocolSegment", "create"), makeSegments...)
	SegmentNeedsTemplate = declare(network("segment.needs-template", "a ProtocolSegmentCreate without protocolSegmentTemplate is refused with a 4xx",
		"N-39", "5.16.6.1", "l.3331", Shall, "ProtocolSegment", "create"), makeSegments...)
	SegmentNeedsNetwork = declare(network("segment.needs-network", "a ProtocolSegmentCreate whose template names no network is refused with a 4xx",
		"N-41", "5.16.7", "Table 36 (l.3345)", Shall, "ProtocolSegment", "create"), makeSegments...)
	SegmentProtocol = declare(network("segment.protocol", "a segment template whose protocol is not Ethernet, IPv4 or IPv6 is refused, when it is made or when it is used",
		"N-26, N-43", "5.16.5, 5.16.7", "Table 32 (l.3244), Table 36 (l.3345)", Shall, "ProtocolSegment", "create"), makeSegments...)
	SegmentParameters = declare(reading(network("segment.parameters", "every Segment read carries the parameters its protocol needs: IPv4 netmask and subnetAddress, IPv6 prefixLength and subnetAddress, Ethernet speed and mtu (the run makes one Segment of each)",
		"N-29, N-30, N-31", "5.16.5.1", "l.3248-3257, Tables 33-35", Shall, "ProtocolSegment", "read")), features.Collection("segments"))
	SegmentStartStop = declare(network("segment.start-stop", "start leaves a Segment STARTED and stop leaves it STOPPED, with no transitional state, each posted as an Action in the run's serialization",
		"N-37, N-38, N-110", "5.16.5.3", "l.3268-3326", Shall, "ProtocolSegment", "action:start"), with(makeSegments, features.Action("ProtocolSegment", "start"))...)
	SegmentDelete = declare(network("segment.delete", "a deleted Segment leaves the segments collection and its Network's segments",
		"N-36", "5.16.5.3", "l.3271-3273", Shall, "ProtocolSegment", "delete"), makeSegments...)

	ServiceCreate = declare(network("service.create", "a NetworkServiceCreate whose template names a Network makes a Service of the template's type, policies and segments, in DefaultInitialState (else STOPPED), listed in the Network's services",
		"N-96, N-92", "5.16.18.1", "l.3716-3725, Table 45 (l.3730)", Shall, "NetworkService", "create"), makeServices...)
	ServiceNeedsTemplate = declare(network("service.needs-template", "a NetworkServiceCreate without networkServiceTemplate, or whose template names no network, is refused with a 4xx",
		"N-91, N-93", "5.16.18.1, 5.16.19", "l.3716, Table 45 (l.3730)", Shall, "NetworkService", "create"), makeServices...)
	ServiceType = declare(network("service.type", "a service template whose type is not one of Table 44 is refused",
		"N-84, N-95", "5.16.17, 5.16.19", "Table 44 (l.3604), Table 45 (l.3730)", Shall, "NetworkService", "create"), makeServices...)
	ServiceStartStop = declare(network("service.start-stop", "start leaves a NetworkService STARTED and stop leaves it STOPPED, each posted as an Action in the run's serialization",
		"N-88, N-89, N-110", "5.16.17.2", "l.3622-3680", Shall, "NetworkService", "action:start"), with(makeServices, features.Action("NetworkService", "start"))...)
	ServiceDelete = declare(network("service.delete", "a deleted NetworkService leaves the networkServices collection and its Network's services",
		"N-87", "5.16.17.2", "l.3625-3627", Shall, "NetworkService", "delete"), makeServices...)
)

var (
	makeInterfaces = with(nil, features.Collection("interfaceTemplates"), features.Create("NetworkInterfaceTemplate"),
		features.Collection("interfaces"), features.Create("NetworkInterface"))
	// Endpoints are made in the run's Segment, with an Interface the run made.
	makeEndpoints = with(append(append([]features.Feature(nil), makeSegments...), makeInterfaces...),
		features.Collection("endpointTemplates"), features.Create("ProtocolEndpointTemplate"),
		features.Collection("endpoints"), features.Create("ProtocolEndpoint"))
)

var (
	EndpointCreate = declare(network("endpoint.create", "an Endpoint posted to a Segment's endpoints is listed there, has the Segment's protocol and its template's address and interface, and starts DISABLED (or DefaultInitialState)",
		"N-51, N-64, N-67", "5.16.10.1, 5.16.11", "l.3448-3461, Table 37 (l.3366), Table 41 (l.3466)", Shall, "ProtocolEndpoint", "create"), makeEndpoints...)
	EndpointNeedsTemplate = declare(network("endpoint.needs-template", "a ProtocolEndpointCreate without protocolEndpointTemplate is refused with a 4xx",
		"N-63", "5.16.10.1", "l.3452", Shall, "ProtocolEndpoint", "create"), makeEndpoints...)
	EndpointOrigin = declare(network("endpoint.origin", "a STATIC endpoint template without address, and a DYNAMIC one with an address, are refused when made or used",
		"N-65, N-66", "5.16.11", "Table 41 (l.3466)", Shall, "ProtocolEndpoint", "create"), makeEndpoints...)
	EndpointEnableDisable = declare(network("endpoint.enable-disable", "enable leaves an Endpoint ENABLED and disable leaves it DISABLED, each posted as an Action in the run's serialization",
		"N-61, N-62, N-110", "5.16.9.3", "l.3387-3447", Shall, "ProtocolEndpoint", "action:enable"), with(makeEndpoints, features.Action("ProtocolEndpoint", "enable"))...)
	EndpointDelete = declare(network("endpoint.delete", "a deleted Endpoint leaves the endpoints collection, its Segment's endpoints and its Interface's endpoints",
		"N-59, N-60", "5.16.9.3", "l.3390-3393", Shall, "ProtocolEndpoint", "delete"), makeEndpoints...)

	InterfaceCreate = declare(network("interface.create", "a NetworkInterfaceCreate makes an Interface with its template's speed and mtu, DISABLED (or DefaultInitialState), listed in the interfaces collection",
		"N-79, N-80", "5.16.14.1, 5.16.15", "l.3559-3572, Table 43 (l.3577)", Shall, "NetworkInterface", "create"), makeInterfaces...)
	InterfaceNeedsTemplate = declare(network("interface.needs-template", "a NetworkInterfaceCreate without networkInterfaceTemplate is refused with a 4xx",
		"N-78", "5.16.14.1", "l.3563", Shall, "NetworkInterface", "create"), makeInterfaces...)
	InterfaceEnableDisable = declare(network("interface.enable-disable", "enable leaves a NetworkInterface ENABLED and disable leaves it DISABLED, each posted as an Action in the run's serialization",
		"N-76, N-77, N-110", "5.16.13.2", "l.3498-3558", Shall, "NetworkInterface", "action:enable"), with(makeInterfaces, features.Action("NetworkInterface", "enable"))...)
	InterfaceDelete = declare(network("interface.delete", "a deleted NetworkInterface leaves the interfaces collection",
		"N-75", "5.16.13.2", "l.3501-3504", Shall, "NetworkInterface", "delete"), makeInterfaces...)
)

// aboutNetwork files a not-testable 2.0 network rule under the networks
// area.
func aboutNetwork(c Check, resource string) Check {
	c.Area, c.Resource, c.Only = "networks", resource, model.V2
	return c
}

var (
	NetworkTraffic = declare(aboutNetwork(untestable("network.traffic", "only Endpoints of one Segment talk without a Service; noDefaultRouting and a Service's reach decide the rest",
		"N-02, N-27, N-28, N-85", "5.16, 5.16.5, 5.16.17", "l.3111, Table 32 (l.3244), Table 44 (l.3604)",
		"what travels between guests is seen only from inside them; the API shows the settings, which the representation checks read"), "Network"))
	NetworkExternal = declare(aboutNetwork(untestable("network.external", "a Network (or a NetworkTemplate) reaches outside the Consumer's cloud",
		"N-09, N-10", "5.16.1", "l.3124-3127",
		"which Network reaches the Internet only the Provider knows: nothing in the representation says it"), "Network"))
	NetworkNominalSpeed = declare(aboutNetwork(untestable("network.nominal-speed", "a speed that cannot be measured is the nominal bandwidth",
		"N-32, N-72", "5.16.5.1, 5.16.13", "Table 35 (l.3254), Table 42 (l.3488)",
		"whether a speed was measured or is nominal only the Provider knows"), "ProtocolSegment"))
	NetworkConsumerEcho = declare(aboutNetwork(untestable("network.consumer-echo", "a Consumer sends unknown parameters back unchanged",
		"N-34, N-57", "5.16.5.1, 5.16.9.1", "l.3256, l.3379",
		"a rule for Consumers; cimitest sends back what it read (its PUTs clone the representation)"), "ProtocolSegment"))
	NetworkPermissions = declare(aboutNetwork(untestable("network.permissions", "Segments, Interfaces and Networks may have several Endpoints, Services and subnetworks; Providers may add parameter keys, assign DYNAMIC data late and answer actions without a body",
		"N-06, N-33, N-53, N-56, N-111", "5.16, 5.16.5.1, 5.16.9", "l.3115-3120, l.3255, Table 37 (l.3366), l.3378",
		"permissions: every outcome is allowed, and the checks accept each (an extra key, an address that comes later, an empty answer)"), "Network"))
	NetworkUnreachableState = declare(aboutNetwork(untestable("network.unreachable-initial-state", "a network resource its Provider cannot bring to its initial state is not made: the create is refused or its Job fails",
		"N-19, N-103", "5.16.2.1, 5.16", "l.3220, l.3338, l.3459, l.3570, l.3723",
		"a Consumer cannot make a Provider fail to reach a state; what a create does reach is judged by the initial-state and create checks, which fail a resource left in another stable state"), "Network"))
	NetworkInitialAsActions = declare(aboutNetwork(untestable("network.initial-state-as-actions", "reaching a part's initial state is as if the Provider ran its actions",
		"N-102", "5.16", "l.3336, l.3457, l.3568, l.3721",
		"whether the Provider ran its actions inside is not visible; the states and parts that result are judged by the initial-state and create checks"), "ProtocolSegment"))
)

// The 2.0 network representations (Tables 30-45), judged on every network
// resource and template the run reads whole.
var (
	NetworkRepresentation = declare(network("network.representation", "a Network has the Table 30 names and types, and a state of Table 30",
		"N-07, N-08", "5.16.1", "Table 30 (l.3123-3128)", Shall, "Network", "read"), makeNetworks...)
	SegmentRepresentation = declare(network("segment.representation", "ProtocolSegments and their templates have the Table 32 and Table 36 names and types (arrays where the template lists, no collection), and a Segment a state of Table 32",
		"N-24, N-25, N-47", "5.16.5, 5.16.7", "Table 32 (l.3244), Table 36 (l.3345-3350)", Shall, "ProtocolSegment", "read"), makeSegments...)
	EndpointRepresentation = declare(network("endpoint.representation", "ProtocolEndpoints and their templates have the Table 37 and Table 41 names and types, a state of Table 37 and an origin STATIC or DYNAMIC",
		"N-49, N-50, N-52, N-68", "5.16.9, 5.16.11", "Table 37 (l.3366), Table 41 (l.3466-3471)", Shall, "ProtocolEndpoint", "read"), makeEndpoints...)
	InterfaceRepresentation = declare(network("interface.representation", "a NetworkInterface has the Table 42 names and types (speed and mtu integers), and a state of Table 42",
		"N-70, N-71", "5.16.13", "Table 42 (l.3488)", Shall, "NetworkInterface", "read"), makeInterfaces...)
	ServiceRepresentation = declare(network("service.representation", "NetworkServices and their templates have the Table 44 and Table 45 names and types (policies a map, no collection in the template), and a Service a state of Table 44",
		"N-82, N-83, N-97", "5.16.17, 5.16.19", "Table 44 (l.3604), Table 45 (l.3730-3735)", Shall, "NetworkService", "read"), makeServices...)
)

// NetworkExample is the worked example of the network model, end to end.
var NetworkExample = declare(network("network.worked-example", "the worked example: a Network from an inline template passes STARTING to STARTED with its IPv4 Segment and DHCP Service started; a NetworkInterface is enabled; a DYNAMIC Endpoint on it in the Segment is enabled, disabled and deleted, leaving every endpoints collection",
	"N-18, N-23, N-67, N-61, N-62, N-59, N-60", "5.16", "l.3213-3222, Table 41 (l.3466), l.3390-3426", Shall, "Network", "create"),
	with(makeEndpoints, features.Capability("Network", "NetworkTemplateByValue"))...)

// MachineInterfaces20 judges a 2.0 Machine's interfaces.
var MachineInterfaces20 = declare(network("machine.interfaces", "a Machine made from a template naming an interface template lists one NetworkInterface of it in its interfaces, and the Machine's delete takes it",
	"N-74", "5.14.1.1.3", "l.2558", Shall, "Machine", "create"), with(with(makeInterfaces, makeMachines...), templates...)...)

// PartsByValue judges the parts' …TemplateByValue capabilities.
var PartsByValue = declare(network("network.parts-by-value", "where the …TemplateByValue capability of ProtocolSegment, ProtocolEndpoint, NetworkInterface or NetworkService is true, a create whose template is given inline is accepted and makes the part the template describes",
	"N-48, N-69, N-81, N-98", "5.11.1", "Table 7 (l.1977)", Shall, "ProtocolSegment", "create"), makeEndpoints...)

// InitialStatesPublished judges N-105 on the entry point's metadata.
var InitialStatesPublished = declare(reading(network("network.initial-states-published", "the ResourceMetadata of Network, ProtocolSegment, ProtocolEndpoint, NetworkInterface and NetworkService, where the Provider has one, publishes InitialStates",
	"N-105", "5.16", "Tables 31, 36, 41, 43, 45 (l.3227, l.3345, l.3466, l.3577, l.3730)", Should, "ResourceMetadata", "read")),
	features.Collection("networks"), features.Collection("resourceMetadata"))
