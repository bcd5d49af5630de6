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
