package reference

// Fault switches of the 2.0 network resources (§5.16).
var (
	FaultNetworkWithoutTemplate = fault("network-without-template",
		"makes a Network from a NetworkCreate that names no networkTemplate")
	FaultNetworkByValueRefused = fault("network-by-value-refused",
		"advertises NetworkTemplateByValue but refuses a NetworkCreate whose template is given by value")
	FaultNetworkInitialStateIgnored = fault("network-initial-state-ignored",
		"leaves a new Network STOPPED whatever its template's initialState")
	FaultNetworkStartSparesParts = fault("network-start-spares-components",
		"starts a Network but leaves its Segments and Services STOPPED")
	FaultNetworkStopSparesParts = fault("network-stop-spares-components",
		"stops a Network but leaves its Segments and Services STARTED")
	FaultNetworkTemplateMakesNothing = fault("network-template-makes-nothing",
		"makes no Segment or Service for a NetworkTemplate's segmentTemplates and serviceTemplates")
	FaultNetworkTemplateLinksIgnored = fault("network-template-links-ignored",
		"leaves the existing segments a NetworkTemplate names out of the new Network")
	FaultForeignTemplateAccepted = fault("network-foreign-template-accepted",
		"makes a Network from a template whose segment template belongs to another Network")
	FaultNetworkDeleteKeepsParts = fault("network-delete-keeps-components",
		"deletes a Network but keeps the Segments and Services made for it")
	FaultSegmentProtocolUnchecked = fault("segment-protocol-unchecked",
		"takes a ProtocolSegmentTemplate whose protocol is none of Ethernet, IPv4 and IPv6")
	FaultSegmentNetworkOptional = fault("segment-network-optional",
		"makes a ProtocolSegment through the segments collection from a template that names no network")
	FaultSegmentParametersDropped = fault("segment-parameters-dropped",
		"leaves netmask out of the parameters of the IPv4 Segments it makes")
	FaultSegmentStartIgnored = fault("segment-start-ignored",
		"answers a ProtocolSegment's start and leaves it STOPPED")
	FaultSegmentDeleteIgnored = fault("segment-delete-ignored",
		"answers the delete of a ProtocolSegment and keeps it")
	FaultNetwork1xCollectionListed = fault("network-1x-collection-listed",
		"lists the 1.x networkConfigs collection in the 2.0 Cloud Entry Point, pointing at the NetworkTemplateCollection")
	FaultNetworkTemplateDropsServices = fault("network-template-drops-service-templates",
		"stores a posted NetworkTemplate without its serviceTemplates")
	FaultSegmentWithoutTemplate = fault("segment-without-template-accepted",
		"makes an IPv4 ProtocolSegment from a ProtocolSegmentCreate that names no template")
	FaultSegmentCreatedStarted = fault("segment-created-started",
		"starts a new ProtocolSegment whose template names no initialState, although DefaultInitialState is STOPPED")
	FaultServiceWithoutTemplate = fault("service-without-template-accepted",
		"makes a NetworkService of type Other from a NetworkServiceCreate that names no template")
	FaultServiceTypeUnchecked = fault("service-type-unchecked",
		"takes a NetworkServiceTemplate whose type is none of Table 44")
	FaultServiceStopIgnored = fault("service-stop-ignored",
		"answers a NetworkService's stop and leaves it STARTED")
	FaultServiceDeleteIgnored = fault("service-delete-ignored",
		"answers the delete of a NetworkService and keeps it")
	FaultNetworkTransitionsReversed = fault("network-transitions-reversed",
		"shows a starting Network as STOPPING and a stopping one as STARTING")
	FaultSegmentParametersIgnored = fault("segment-parameters-ignored",
		"gives a ProtocolSegment made through the segments collection the subnet 10.0.0.0, whatever its template's parameters")
	FaultSegmentStopIgnored = fault("segment-stop-ignored",
		"answers a ProtocolSegment's stop and leaves it STARTED")
	FaultServicePoliciesDropped = fault("service-policies-dropped",
		"makes a NetworkService without its template's policies")
	FaultServiceNetworkOptional = fault("service-network-optional",
		"makes a NetworkService through the networkServices collection from a template that names no network")
	FaultServiceStartIgnored = fault("service-start-ignored",
		"answers a NetworkService's start and leaves it STOPPED")
	FaultServicesMisgrouped = fault("services-misgrouped",
		"in JSON, groups the items of a NetworkServiceCollection under networkServices instead of services")
)

// Fault switches of the 2.0 Endpoints and Interfaces (§5.16.9-16).
var (
	FaultEndpointOriginUnchecked = fault("endpoint-origin-unchecked",
		"takes a STATIC endpoint template without address and a DYNAMIC one with an address")
	FaultEndpointWithoutTemplate = fault("endpoint-without-template-accepted",
		"makes a DYNAMIC ProtocolEndpoint from a ProtocolEndpointCreate that names no template")
	FaultEndpointCreatedEnabled = fault("endpoint-created-enabled",
		"enables a new ProtocolEndpoint whose template names no initialState, although DefaultInitialState is DISABLED")
	FaultEndpointInterfaceDropped = fault("endpoint-interface-dropped",
		"makes a ProtocolEndpoint without the interface its template names")
	FaultEndpointProtocolWrong = fault("endpoint-protocol-wrong",
		"gives the Endpoints of an IPv4 Segment the protocol IPv6")
	FaultEndpointEnableIgnored = fault("endpoint-enable-ignored",
		"answers a ProtocolEndpoint's enable and leaves it DISABLED")
	FaultEndpointDisableIgnored = fault("endpoint-disable-ignored",
		"answers a ProtocolEndpoint's disable and leaves it ENABLED")
	FaultEndpointDeleteIgnored = fault("endpoint-delete-ignored",
		"answers the delete of a ProtocolEndpoint and keeps it")
	FaultInterfaceWithoutTemplate = fault("interface-without-template-accepted",
		"makes a NetworkInterface from a NetworkInterfaceCreate that names no template")
	FaultInterfaceCreatedEnabled = fault("interface-created-enabled",
		"enables a new NetworkInterface whose template names no initialState, although DefaultInitialState is DISABLED")
	FaultInterfaceMTUDropped = fault("interface-mtu-dropped",
		"makes a NetworkInterface without the mtu its template gives")
	FaultInterfaceEnableIgnored = fault("interface-enable-ignored",
		"answers a NetworkInterface's enable and leaves it DISABLED")
	FaultInterfaceDisableIgnored = fault("interface-disable-ignored",
		"answers a NetworkInterface's disable and leaves it ENABLED")
	FaultInterfaceDeleteIgnored = fault("interface-delete-ignored",
		"answers the delete of a NetworkInterface and keeps it")
)

// Fault switches of the 2.0 network representations (Tables 30-45): a
// state of no table, or an attribute of the wrong kind (those in JSON
// only: the XML writer follows the tables).
var (
	FaultNetworkTemplateTransientState = fault("network-template-transient-state",
		"takes a NetworkTemplate whose initialState is a transitional state and leaves the Network made from it there")
	FaultInterfaceTemplateTransientState = fault("interface-template-transient-state",
		"takes a NetworkInterfaceTemplate whose initialState is CREATING and leaves the Interface made from it there")
	FaultMachineInterfaceTemplatesIgnored = fault("machine-interface-templates-ignored",
		"makes a Machine without the NetworkInterfaces its template's interfaceTemplates ask for")
	FaultMachineInterfacesKept = fault("machine-interfaces-kept",
		"deletes a Machine but keeps its NetworkInterfaces")
	FaultSegmentByValueRefused = fault("segment-by-value-refused",
		"advertises ProtocolSegmentTemplateByValue but refuses a ProtocolSegmentCreate whose template is given by value")
	FaultEndpointByValueRefused = fault("endpoint-by-value-refused",
		"advertises ProtocolEndpointTemplateByValue but refuses a ProtocolEndpointCreate whose template is given by value")
	FaultInterfaceByValueRefused = fault("interface-by-value-refused",
		"advertises NetworkInterfaceTemplateByValue but refuses a NetworkInterfaceCreate whose template is given by value")
	FaultServiceByValueRefused = fault("service-by-value-refused",
		"advertises NetworkServiceTemplateByValue but refuses a NetworkServiceCreate whose template is given by value")
	FaultSegmentIPv6PrefixDropped = fault("segment-ipv6-prefix-dropped",
		"leaves prefixLength out of the parameters of the IPv6 Segments it makes")
	FaultSegmentEthernetMTUDropped = fault("segment-ethernet-mtu-dropped",
		"leaves mtu out of the parameters of the Ethernet Segments it makes")
	FaultServiceCreatedStarted = fault("service-created-started",
		"starts a new NetworkService whose template names no initialState, although DefaultInitialState is STOPPED")
	FaultForeignServiceTemplateAccepted = fault("network-foreign-service-template-accepted",
		"makes a Network from a template whose service template belongs to another Network")
	FaultInitialStatesUnpublished = fault("initial-states-unpublished",
		"leaves InitialStates out of the ProtocolSegment ResourceMetadata")
	FaultNetworkStateRunning = fault("network-state-running",
		"shows a started Network as RUNNING, a state Table 30 does not have")
	FaultNetworkSubnetworksArray = fault("network-subnetworks-array",
		"gives a Network's subnetworks in JSON as an array of references, not a collection reference")
	FaultSegmentRoutingString = fault("segment-routing-string",
		"gives a ProtocolSegment's noDefaultRouting in JSON as a string")
	FaultSegmentStateUp = fault("segment-state-up",
		"shows a started ProtocolSegment as UP, a state Table 32 does not have")
	FaultSegmentTemplateEndpointsCollection = fault("segment-template-endpoints-collection",
		"gives a ProtocolSegmentTemplate an endpoints collection reference in JSON, where Table 36 has an array")
	FaultEndpointOriginLowercase = fault("endpoint-origin-lowercase",
		"writes a ProtocolEndpoint's origin as static or dynamic")
	FaultEndpointStateActive = fault("endpoint-state-active",
		"shows an enabled ProtocolEndpoint as ACTIVE, a state Table 37 does not have")
	FaultEndpointInterfaceString = fault("endpoint-interface-string",
		"gives a ProtocolEndpoint's interface in JSON as a bare URI string, not a reference")
	FaultEndpointTemplateMetersCollection = fault("endpoint-template-meters-collection",
		"gives a ProtocolEndpointTemplate a meterTemplates collection reference in JSON, where Table 41 has an array")
	FaultInterfaceSpeedString = fault("interface-speed-string",
		"gives a NetworkInterface's speed in JSON as a string")
	FaultInterfaceStateUp = fault("interface-state-up",
		"shows an enabled NetworkInterface as UP, a state Table 42 does not have")
	FaultServicePoliciesList = fault("service-policies-list",
		"gives a NetworkService's policies in JSON as a list of key and value pairs, not a map")
	FaultServiceStateRunning = fault("service-state-running",
		"shows a started NetworkService as RUNNING, a state Table 44 does not have")
	FaultServiceTemplateSegmentsCollection = fault("service-template-segments-collection",
		"gives a NetworkServiceTemplate's segments in JSON as a collection reference, where Table 45 has an array")
)

// Fault switches of what every 2.0 network resource shares: Meters and an
// EventLog from its template, the collections it holds, its lifecycle
// states, its updates and its actions.
var (
	FaultNetworkMonitorsIgnored = fault("network-monitors-ignored",
		"makes no Meter and no EventLog for the meterTemplates and eventLogTemplate of a network template")
	FaultMeterTemplateByValueRefused = fault("meter-template-by-value-refused",
		"refuses a network or Volume template whose meterTemplates item is given by value")
	FaultPartMetersMistyped = fault("network-part-meters-mistyped",
		"serves the meters of every 2.0 network resource as a MeterTemplateCollection")
	FaultServiceEndpointsMistyped = fault("service-endpoints-mistyped",
		"serves a NetworkService's endpoints as a ProtocolSegmentCollection")
	FaultSegmentEndpointTemplatesIgnored = fault("segment-endpoint-templates-ignored",
		"makes no Endpoint for the endpointTemplates of a ProtocolSegmentTemplate")
	FaultSegmentEndpointTemplateByValueRefused = fault("segment-endpoint-template-by-value-refused",
		"refuses a ProtocolSegmentTemplate whose endpointTemplates item is given by value")
	FaultNetworkWithoutSegment = fault("network-without-segment",
		"makes a Network from a template without segments or segment templates, and gives it no Segment")
	FaultEndpointAddressProtocolUnchecked = fault("endpoint-address-protocol-unchecked",
		"takes a STATIC IPv6 Endpoint into an IPv4 Segment and gives it the protocol IPv6")
	FaultEndpointInTwoSegments = fault("endpoint-in-two-segments",
		"lists an Endpoint made in a Segment in the endpoints of every other Segment of its Network too")
	FaultTemplatePartsShared = fault("network-template-parts-shared",
		"gives a second Network made from a NetworkTemplate the Segments and Services made for the first, instead of new ones")
	FaultNetworkCreatingHidden = fault("network-creating-hidden",
		"shows a Network as STOPPED while it is being created, and takes forty times the latency")
	FaultNetworkDeletingHidden = fault("network-deleting-hidden",
		"keeps a Network's state while it is being deleted, and takes forty times the latency")
	FaultSegmentUpdateIgnored = fault("segment-update-ignored",
		"answers the PUT of a ProtocolSegment and keeps its name and description")
	FaultNetworkTemplateUpdateIgnored = fault("network-template-update-ignored",
		"answers the PUT of a NetworkTemplate and keeps its name and description")
	FaultEndpointCollectionMistyped = fault("endpoint-collection-mistyped",
		"gives the entry point's ProtocolEndpointCollection the type URI …/ProtocolEndpointsCollection")
	FaultEndpointTemplateCollectionMistyped = fault("endpoint-template-collection-mistyped",
		"gives the ProtocolEndpointTemplateCollection in JSON the type URI …/ProtocolEndpointTemplatesCollection")
	FaultEndpointAddressTypeUnchecked = fault("endpoint-address-type-unchecked",
		"takes an IPv6 endpoint template whose addressType is not the kind of its address, and keeps it")
	FaultEndpointParametersUntyped = fault("endpoint-parameters-untyped",
		"writes an Endpoint's parameters in JSON as strings only: prefixLength a string, aliases and groupAddresses joined by commas")
	FaultNetworkXMLActionRefused = fault("network-xml-action-refused",
		"refuses with 415 an Action in XML posted to a Network, Segment, Endpoint, Interface or Service")
)
