package checks

import "github.com/cimitest/cimitest/suites/features"

// The rules every 2.0 network resource shares (§5.16): the Meters and the
// EventLog its template asks for, the collections it holds, its states
// while it is made and deleted, its updates, a template used twice, and how
// Networks, Segments and Endpoints belong together.

var (
	// Monitored parts are made from templates naming a MeterTemplate the
	// run made, of a MeterConfiguration the run made.
	// monitorParts are what a template naming a MeterTemplate and an
	// EventLogTemplate needs made first.
	monitorParts = with(makeMeterConfigs, features.Collection("meterTemplates"), features.Create("MeterTemplate"),
		features.Collection("eventLogTemplates"), features.Create("EventLogTemplate"))
	makeMonitoredParts = with(with(makeEndpoints, makeServices...), monitorParts...)
	makeNetworkParts   = with(makeEndpoints, makeServices...)
)

var (
	NetworkMonitoring = declare(network("network.monitoring", "a Network, a Segment, an Endpoint, an Interface and a Service made from templates with meterTemplates and an eventLogTemplate each list one Meter metering it in their meters, and name a new EventLog that logs it",
		"N-108", "5.16.3, 5.16.7, 5.16.11, 5.16.15, 5.16.19", "Tables 31, 36, 41, 43, 45 (l.3227, l.3345, l.3466, l.3577, l.3730)", Shall, "Network", "create"),
		makeMonitoredParts...)
	NetworkMonitoringByValue = declare(network("network.monitoring-by-value", "a NetworkServiceTemplate stored with its meterTemplates item and eventLogTemplate given by value is taken and read back, and the Service made from it (and an Interface from an inline template giving both by value) has that Meter and a new EventLog",
		"N-109", "5.16.15, 5.16.19", "Tables 43, 45 (l.3577, l.3730)", May, "NetworkInterface", "create"),
		with(makeMonitoredParts, features.Capability("NetworkInterface", "NetworkInterfaceTemplateByValue"))...)
	NetworkPartCollections = declare(network("network.part-collections", "a Network's meters, a Segment's endpoints and meters, an Endpoint's and an Interface's meters, and a Service's endpoints, segments and meters lead to collections of those types",
		"N-11, N-35, N-58, N-73, N-86", "5.16.1.1, 5.16.5.2, 5.16.9.2.1, 5.16.13.1.1, 5.16.17.1", "l.3136-3149, l.3261-3267, l.3384, l.3495, l.3611-3621",
		Shall, "ProtocolSegment", "read"), makeNetworkParts...)
	SegmentEndpointTemplates = declare(network("segment.endpoint-templates", "a Segment made from a template with two endpointTemplates lists two new Endpoints of its protocol, one per template, with each template's address",
		"N-44", "5.16.7", "Table 36 (l.3345)", Shall, "ProtocolSegment", "create"), makeEndpoints...)
	SegmentEndpointTemplatesByValue = declare(network("segment.endpoint-templates-by-value", "a Segment made from an inline template whose endpointTemplates item is given by value has that Endpoint",
		"N-45", "5.16.7", "Table 36 (l.3345)", May, "ProtocolSegment", "create"),
		with(makeEndpoints, features.Capability("ProtocolSegment", "ProtocolSegmentTemplateByValue"))...)
	NetworkHasSegment = declare(network("network.has-segment", "a Network made from a template with neither segments nor segment templates is refused, or has a Segment once made",
		"N-03", "5.16", "l.3113", Should, "Network", "create"), makeNetworks...)
	SegmentSingleProtocol = declare(network("segment.single-protocol", "every Endpoint the run's Segments list has its Segment's protocol, and a STATIC IPv6 Endpoint posted into an IPv4 Segment is refused or made with the Segment's protocol",
		"N-04", "5.16", "l.3114", Shall, "ProtocolSegment", "read"), makeEndpoints...)
	EndpointOneSegment = declare(network("endpoint.one-segment", "an Endpoint the run makes in a Segment is listed by that Segment and by no other Segment of the segments collection",
		"N-05", "5.16", "l.3116", Should, "ProtocolEndpoint", "read"), makeEndpoints...)
	NetworkTemplateReuse = declare(network("network.template-reuse", "a NetworkTemplate used twice makes a second Network with Segments and Services of its own, and an endpoint template used twice a second Endpoint",
		"N-107", "5.16", "l.3224, l.3342, l.3463, l.3574, l.3727", May, "NetworkTemplate", "create"), makeEndpoints...)
	NetworkUpdate = declare(network("network.update", "each network resource and template the run made offers edit, and a PUT through it changes the name and description",
		"N-99", "5.16", "l.3152, l.3232, l.3269, l.3352, l.3388, l.3473, l.3499, l.3589, l.3623, l.3737", Shall, "Network", "update"),
		makeNetworkParts...)
	EndpointParameters = declare(network("endpoint.parameters", "STATIC Endpoints made in IPv4, IPv6 and Ethernet Segments keep the parameters their templates give, as Tables 38-40 type them: hostname a string, prefixLength an integer, aliases and groupAddresses lists of strings (the kinds judged in JSON, which has them)",
		"N-55", "5.16.9.1", "Tables 38-40 (l.3375-3377)", Shall, "ProtocolEndpoint", "create"), makeEndpoints...)
	EndpointAddressType = declare(network("endpoint.address-type", "an IPv6 Endpoint's addressType is a word of Table 38 and the kind of its address; an endpoint template whose addressType is another kind is refused, or the Endpoint made from it has the right one",
		"N-54", "5.16.9.1", "Table 38 (l.3375)", Shall, "ProtocolEndpoint", "create"), makeEndpoints...)
	NetworkTransientStates = declare(network("network.transient-states", "while the Job of a Network's create runs the Network reads CREATING, and while the Job of its delete runs, DELETING",
		"N-112", "4.2.1.1, 4.2.1.4", "l.914, l.1093", Shall, "Network", "create"), makeNetworks...)
)
