package checks

import "github.com/cimitest/cimitest/suites/features"

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
	NetworkCollections = declare(reading(network("network.collections", "a 2.0 Cloud Entry Point has none of the 1.x network collections, and each 2.0 one it lists leads to a collection of its type",
		"N-01", "5.12", "Table 8 (l.2064)", Shall, "CloudEntryPoint", "read")))
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
	NetworkStart = declare(network("network.start", "start takes a Network through STARTING to STARTED and starts its Segments and Services",
		"N-12, N-13", "5.16.1.2", "l.3151-3181", Shall, "Network", "action:start"), with(makeNetworks, features.Action("Network", "start"))...)
	NetworkStop = declare(network("network.stop", "stop takes a Network through STOPPING to STOPPED and stops its Segments and Services",
		"N-14, N-15", "5.16.1.2", "l.3182-3208", Shall, "Network", "action:stop"), with(makeNetworks, features.Action("Network", "stop"))...)
	NetworkForeignTemplate = declare(network("network.foreign-template", "a NetworkCreate whose segment template names another Network is refused with a 4xx",
		"N-42", "5.16.7, 5.16.19", "Table 36 (l.3345), Table 45 (l.3730)", Shall, "Network", "create"), makeNetworks...)
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
	SegmentParameters = declare(reading(network("segment.parameters", "every Segment read carries the parameters its protocol needs: IPv4 netmask and subnetAddress (and, judged where an endpoint has them, IPv6 prefixLength and subnetAddress, Ethernet speed and mtu)",
		"N-29", "5.16.5.1", "l.3248-3257, Tables 33-35", Shall, "ProtocolSegment", "read")), features.Collection("segments"))
	SegmentStartStop = declare(network("segment.start-stop", "start leaves a Segment STARTED and stop leaves it STOPPED, with no transitional state",
		"N-37, N-38", "5.16.5.3", "l.3268-3326", Shall, "ProtocolSegment", "action:start"), with(makeSegments, features.Action("ProtocolSegment", "start"))...)
	SegmentDelete = declare(network("segment.delete", "a deleted Segment leaves the segments collection and its Network's segments",
		"N-36", "5.16.5.3", "l.3271-3273", Shall, "ProtocolSegment", "delete"), makeSegments...)

	ServiceCreate = declare(network("service.create", "a NetworkServiceCreate whose template names a Network makes a Service of the template's type, policies and segments, listed in the Network's services",
		"N-96", "5.16.18.1", "l.3716-3725, Table 45 (l.3730)", Shall, "NetworkService", "create"), makeServices...)
	ServiceNeedsTemplate = declare(network("service.needs-template", "a NetworkServiceCreate without networkServiceTemplate, or whose template names no network, is refused with a 4xx",
		"N-91, N-93", "5.16.18.1, 5.16.19", "l.3716, Table 45 (l.3730)", Shall, "NetworkService", "create"), makeServices...)
	ServiceType = declare(network("service.type", "a service template whose type is not one of Table 44 is refused",
		"N-84, N-95", "5.16.17, 5.16.19", "Table 44 (l.3604), Table 45 (l.3730)", Shall, "NetworkService", "create"), makeServices...)
	ServiceStartStop = declare(network("service.start-stop", "start leaves a NetworkService STARTED and stop leaves it STOPPED",
		"N-88, N-89", "5.16.17.2", "l.3622-3680", Shall, "NetworkService", "action:start"), with(makeServices, features.Action("NetworkService", "start"))...)
	ServiceDelete = declare(network("service.delete", "a deleted NetworkService leaves the networkServices collection and its Network's services",
		"N-87", "5.16.17.2", "l.3625-3627", Shall, "NetworkService", "delete"), makeServices...)
)
