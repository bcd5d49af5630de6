package main

import (
	"slices"
	"strings"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// The 2.0 network switches (reference/faults_networks.go).

// networkFocus are the scenarios that reach the network code of the
// reference: the network scenario, and those that read everything the
// entry point leads to. No other scenario makes a network resource.
const networkFocus = "networks || entrypoint || metadata || query || serialization || crawl"

// withoutNetworks is the focus of a switch outside the network and System
// code: those scenarios cannot reach what it breaks (its protocol and
// representation checks are judged in every other scenario), and leaving
// them out keeps the self-test within the CI budget.
const withoutNetworks = "!networks && !systems && !ovf"

// reachesNetworks tells whether a case expects a network check to turn
// red or go untested: then the network scenario runs.
func reachesNetworks(fc faultCase) bool {
	for _, list := range [][]*checks.Check{fc.red, fc.blocked, fc.kin, fc.unsupported, fc.unobserved} {
		for _, c := range list {
			if c.Area == "networks" || c.Area == "systems" {
				return true
			}
		}
	}
	return false
}

// expectsArea tells whether a case expects a check of the area to change.
func expectsArea(fc faultCase, area string) bool {
	for _, list := range [][]*checks.Check{fc.red, fc.blocked, fc.kin, fc.unsupported, fc.unobserved} {
		for _, c := range list {
			if c.Area == area {
				return true
			}
		}
	}
	return false
}

// exampleBreakers are the switches the worked example runs into as well:
// it makes a Network by value, started, with a Segment and a DHCP Service,
// an Interface and an Endpoint it enables, disables and deletes.
var exampleBreakers = []string{reference.FaultNetworkStateRunning, reference.FaultNetworkInitialStateIgnored,
	reference.FaultServiceStateRunning, reference.FaultNetworkStartSparesParts, reference.FaultServicesMisgrouped,
	reference.FaultSegmentStateUp, reference.FaultNetworkTemplateMakesNothing, reference.FaultNetworkByValueRefused,
	reference.FaultInterfaceStateUp, reference.FaultInterfaceEnableIgnored, reference.FaultEndpointStateActive,
	reference.FaultEndpointEnableIgnored, reference.FaultEndpointInterfaceString, reference.FaultEndpointInterfaceDropped,
	reference.FaultEndpointOriginLowercase, reference.FaultEndpointDisableIgnored, reference.FaultEndpointDeleteIgnored,
	reference.FaultNetworkXMLActionRefused}

// networkOnly is the focus of the switches only the network scenarios
// meet: the representation checks judge every read there too, and the
// readers of everything (crawl, serialization, query) add nothing but
// time.
const networkOnly = "networks"

// needsOtherScenarios tells whether a case expects a check that only
// another scenario judges: one outside the family's area that is not a
// representation check (those judge every read of the family's scenario
// too, but the serialization scenario's comparison of JSON and XML). The
// others run with the family's scenarios alone.
func needsOtherScenarios(fc faultCase, area string) bool {
	for _, list := range [][]*checks.Check{fc.red, fc.blocked, fc.kin, fc.unsupported, fc.unobserved} {
		for _, c := range list {
			if c == checks.JSONXMLAgree || c.Area != area && !strings.HasPrefix(c.ID, "repr.") {
				return true
			}
		}
	}
	return false
}

// narrowCases are the network switches run with networkOnly.
var narrowCases = []string{reference.FaultNetworkStateRunning, reference.FaultNetworkSubnetworksArray,
	reference.FaultSegmentRoutingString, reference.FaultSegmentStateUp, reference.FaultSegmentTemplateEndpointsCollection,
	reference.FaultEndpointOriginLowercase, reference.FaultEndpointStateActive, reference.FaultEndpointInterfaceString,
	reference.FaultEndpointTemplateMetersCollection, reference.FaultInterfaceSpeedString, reference.FaultInterfaceStateUp,
	reference.FaultServicePoliciesList, reference.FaultServiceStateRunning, reference.FaultServiceTemplateSegmentsCollection,
	reference.FaultNetworkTemplateTransientState, reference.FaultInterfaceTemplateTransientState,
	reference.FaultMachineInterfaceTemplatesIgnored, reference.FaultMachineInterfacesKept, reference.FaultSegmentByValueRefused,
	reference.FaultEndpointByValueRefused, reference.FaultInterfaceByValueRefused, reference.FaultServiceByValueRefused,
	reference.FaultSegmentIPv6PrefixDropped, reference.FaultSegmentEthernetMTUDropped, reference.FaultServiceCreatedStarted,
	reference.FaultForeignServiceTemplateAccepted, reference.FaultInitialStatesUnpublished,
	reference.FaultNetworkMonitorsIgnored, reference.FaultPartMetersMistyped,
	reference.FaultServiceEndpointsMistyped, reference.FaultSegmentEndpointTemplatesIgnored,
	reference.FaultSegmentEndpointTemplateByValueRefused, reference.FaultNetworkWithoutSegment,
	reference.FaultEndpointAddressProtocolUnchecked, reference.FaultEndpointInTwoSegments, reference.FaultTemplatePartsShared,
	reference.FaultNetworkCreatingHidden, reference.FaultNetworkDeletingHidden, reference.FaultSegmentUpdateIgnored,
	reference.FaultNetworkTemplateUpdateIgnored, reference.FaultEndpointCollectionMistyped,
	reference.FaultEndpointTemplateCollectionMistyped, reference.FaultNetworkXMLActionRefused,
	reference.FaultEndpointAddressTypeUnchecked, reference.FaultEndpointParametersUntyped}

func init() {
	for _, name := range exampleBreakers {
		fc := networkCases[name]
		fc.red = append(fc.red, checks.NetworkExample)
		networkCases[name] = fc
	}
	for name, fc := range networkCases {
		fc.focus = networkFocus
		if slices.Contains(narrowCases, name) || !needsOtherScenarios(fc, "networks") {
			fc.focus = networkOnly
		}
		faultCases[name] = fc
	}
	// The by-value MeterTemplate switch is in the code network and Volume
	// templates share: both families' scenarios meet it.
	faultCases[reference.FaultMeterTemplateByValueRefused] = faultCase{focus: "networks || volumes",
		red: []*checks.Check{checks.NetworkMonitoringByValue, checks.VolumeMonitoringByValue}}
	faultCases11[reference.FaultMeterTemplateByValueRefused] = faultCase{focus: "volumes",
		red: []*checks.Check{checks.VolumeMonitoringByValue}}
	faultBreaks[reference.FaultMeterTemplateByValueRefused] = []string{"N-109", "V-36"}
	for name, rules := range map[string][]string{
		reference.FaultNetworkWithoutTemplate:                {"N-16"},
		reference.FaultNetworkTemplateLinksIgnored:           {"N-21"},
		reference.FaultNetworkByValueRefused:                 {"N-23"},
		reference.FaultNetworkInitialStateIgnored:            {"N-17"},
		reference.FaultNetworkStartSparesParts:               {"N-12", "N-18"},
		reference.FaultNetworkStopSparesParts:                {"N-14"},
		reference.FaultNetworkTemplateMakesNothing:           {"N-22"},
		reference.FaultForeignTemplateAccepted:               {"N-42"},
		reference.FaultNetworkDeleteKeepsParts:               {"N-36", "N-87"},
		reference.FaultNetworkTransitionsReversed:            {"N-13", "N-15"},
		reference.FaultSegmentParametersIgnored:              {"N-46"},
		reference.FaultSegmentStopIgnored:                    {"N-38"},
		reference.FaultServicePoliciesDropped:                {"N-96"},
		reference.FaultServiceNetworkOptional:                {"N-93"},
		reference.FaultServiceStartIgnored:                   {"N-88"},
		reference.FaultEndpointOriginUnchecked:               {"N-65", "N-66"},
		reference.FaultEndpointWithoutTemplate:               {"N-63"},
		reference.FaultEndpointCreatedEnabled:                {"N-64"},
		reference.FaultEndpointInterfaceDropped:              {"N-67"},
		reference.FaultEndpointProtocolWrong:                 {"N-51"},
		reference.FaultEndpointEnableIgnored:                 {"N-61"},
		reference.FaultEndpointDisableIgnored:                {"N-62"},
		reference.FaultEndpointDeleteIgnored:                 {"N-59", "N-60"},
		reference.FaultInterfaceWithoutTemplate:              {"N-78"},
		reference.FaultInterfaceMTUDropped:                   {"N-80"},
		reference.FaultInterfaceCreatedEnabled:               {"N-79"},
		reference.FaultInterfaceEnableIgnored:                {"N-76"},
		reference.FaultInterfaceDisableIgnored:               {"N-77"},
		reference.FaultInterfaceDeleteIgnored:                {"N-75"},
		reference.FaultSegmentProtocolUnchecked:              {"N-26", "N-43"},
		reference.FaultSegmentNetworkOptional:                {"N-41"},
		reference.FaultSegmentParametersDropped:              {"N-29"},
		reference.FaultSegmentStartIgnored:                   {"N-37"},
		reference.FaultSegmentDeleteIgnored:                  {"N-36"},
		reference.FaultNetwork1xCollectionListed:             {"N-01"},
		reference.FaultNetworkTemplateDropsServices:          {"N-20"},
		reference.FaultSegmentWithoutTemplate:                {"N-39"},
		reference.FaultSegmentCreatedStarted:                 {"N-40"},
		reference.FaultServiceWithoutTemplate:                {"N-91"},
		reference.FaultServiceTypeUnchecked:                  {"N-84", "N-95"},
		reference.FaultServiceStopIgnored:                    {"N-89"},
		reference.FaultServiceDeleteIgnored:                  {"N-87"},
		reference.FaultServicesMisgrouped:                    {"N-90", "N-11"},
		reference.FaultNetworkStateRunning:                   {"N-08"},
		reference.FaultInitialStatesUnpublished:              {"N-105"},
		reference.FaultForeignServiceTemplateAccepted:        {"N-94"},
		reference.FaultServiceCreatedStarted:                 {"N-92"},
		reference.FaultSegmentIPv6PrefixDropped:              {"N-30"},
		reference.FaultSegmentEthernetMTUDropped:             {"N-31"},
		reference.FaultSegmentByValueRefused:                 {"N-48"},
		reference.FaultEndpointByValueRefused:                {"N-69"},
		reference.FaultInterfaceByValueRefused:               {"N-81"},
		reference.FaultServiceByValueRefused:                 {"N-98"},
		reference.FaultMachineInterfaceTemplatesIgnored:      {"N-74"},
		reference.FaultMachineInterfacesKept:                 {"N-74"},
		reference.FaultNetworkTemplateTransientState:         {"N-104", "N-106"},
		reference.FaultInterfaceTemplateTransientState:       {"N-104"},
		reference.FaultNetworkSubnetworksArray:               {"N-07"},
		reference.FaultSegmentRoutingString:                  {"N-24"},
		reference.FaultSegmentStateUp:                        {"N-25"},
		reference.FaultSegmentTemplateEndpointsCollection:    {"N-47"},
		reference.FaultEndpointOriginLowercase:               {"N-52"},
		reference.FaultEndpointStateActive:                   {"N-50"},
		reference.FaultEndpointInterfaceString:               {"N-49"},
		reference.FaultEndpointTemplateMetersCollection:      {"N-68"},
		reference.FaultInterfaceSpeedString:                  {"N-70"},
		reference.FaultInterfaceStateUp:                      {"N-71"},
		reference.FaultServicePoliciesList:                   {"N-82"},
		reference.FaultServiceStateRunning:                   {"N-83"},
		reference.FaultServiceTemplateSegmentsCollection:     {"N-97"},
		reference.FaultNetworkMonitorsIgnored:                {"N-108"},
		reference.FaultPartMetersMistyped:                    {"N-11", "N-35", "N-58", "N-73", "N-86"},
		reference.FaultServiceEndpointsMistyped:              {"N-86"},
		reference.FaultSegmentEndpointTemplatesIgnored:       {"N-44"},
		reference.FaultSegmentEndpointTemplateByValueRefused: {"N-45"},
		reference.FaultNetworkWithoutSegment:                 {"N-03"},
		reference.FaultEndpointAddressProtocolUnchecked:      {"N-04"},
		reference.FaultEndpointInTwoSegments:                 {"N-05"},
		reference.FaultTemplatePartsShared:                   {"N-107"},
		reference.FaultNetworkCreatingHidden:                 {"N-112"},
		reference.FaultNetworkDeletingHidden:                 {"N-112"},
		reference.FaultSegmentUpdateIgnored:                  {"N-99"},
		reference.FaultNetworkTemplateUpdateIgnored:          {"N-99"},
		reference.FaultEndpointCollectionMistyped:            {"N-100"},
		reference.FaultEndpointTemplateCollectionMistyped:    {"N-101"},
		reference.FaultNetworkXMLActionRefused:               {"N-110"},
		reference.FaultEndpointAddressTypeUnchecked:          {"N-54"},
		reference.FaultEndpointParametersUntyped:             {"N-55"},
	} {
		faultBreaks[name] = rules
	}
}

// serviceSteps are the steps that need the Service the run makes on the
// Network's Segment.
var serviceSteps = []*checks.Check{checks.ServiceCreate, checks.ServiceDelete, checks.ServiceNeedsTemplate,
	checks.ServiceStartStop, checks.ServiceType, checks.ServiceRepresentation}

var networkCases = map[string]faultCase{
	reference.FaultNetworkWithoutTemplate:     {red: []*checks.Check{checks.NetworkNeedsTemplate}},
	reference.FaultNetworkByValueRefused:      {red: []*checks.Check{checks.NetworkByValue}},
	reference.FaultNetworkInitialStateIgnored: {red: []*checks.Check{checks.NetworkInitialState}},
	reference.FaultNetworkStartSparesParts:    {red: []*checks.Check{checks.NetworkInitialState, checks.NetworkStart}},
	reference.FaultNetworkStopSparesParts:     {red: []*checks.Check{checks.NetworkStop}},
	// Without a Segment in the Network there is nothing to make a Service on.
	reference.FaultNetworkTemplateMakesNothing: {red: []*checks.Check{checks.NetworkTemplateReuse, checks.NetworkCreate}, blocked: serviceSteps},
	reference.FaultForeignTemplateAccepted:     {red: []*checks.Check{checks.NetworkForeignTemplate}},
	reference.FaultNetworkTemplateLinksIgnored: {red: []*checks.Check{checks.NetworkLinks}},
	reference.FaultNetworkDeleteKeepsParts:     {red: []*checks.Check{checks.NetworkDelete}},
	// The value checks warn about the word too.
	reference.FaultSegmentProtocolUnchecked: {red: []*checks.Check{checks.SegmentProtocol}, kin: []*checks.Check{checks.ReprValues}},
	reference.FaultSegmentNetworkOptional:   {red: []*checks.Check{checks.SegmentNeedsNetwork}},
	reference.FaultSegmentParametersDropped: {red: []*checks.Check{checks.SegmentParameters}},
	reference.FaultSegmentStartIgnored:      {red: []*checks.Check{checks.SegmentStartStop}},
	reference.FaultSegmentDeleteIgnored:     {red: []*checks.Check{checks.SegmentDelete}},
	reference.FaultNetwork1xCollectionListed: {red: []*checks.Check{checks.NetworkCollections},
		kin: []*checks.Check{checks.ReprVersion}},
	// A template that loses its foreign service template makes a Network.
	reference.FaultNetworkTemplateDropsServices: {red: []*checks.Check{checks.NetworkTemplateReuse, checks.NetworkTemplateCreate, checks.NetworkCreate,
		checks.NetworkForeignTemplate}},
	reference.FaultSegmentWithoutTemplate: {red: []*checks.Check{checks.SegmentNeedsTemplate}},
	// A Segment made STARTED offers no start to begin with.
	reference.FaultSegmentCreatedStarted:      {red: []*checks.Check{checks.SegmentCreate}, blocked: []*checks.Check{checks.SegmentStartStop}},
	reference.FaultServiceWithoutTemplate:     {red: []*checks.Check{checks.ServiceNeedsTemplate}},
	reference.FaultServiceTypeUnchecked:       {red: []*checks.Check{checks.ServiceType}, kin: []*checks.Check{checks.ReprValues}},
	reference.FaultServiceStopIgnored:         {red: []*checks.Check{checks.ServiceStartStop}},
	reference.FaultServiceDeleteIgnored:       {red: []*checks.Check{checks.ServiceDelete}},
	reference.FaultNetworkTransitionsReversed: {red: []*checks.Check{checks.NetworkStart, checks.NetworkStop}},
	// The IPv6 and Ethernet Segments get IPv4 parameters too.
	reference.FaultSegmentParametersIgnored: {red: []*checks.Check{checks.SegmentCreate, checks.SegmentParameters}},
	reference.FaultSegmentStopIgnored:       {red: []*checks.Check{checks.SegmentStartStop}},
	reference.FaultServicePoliciesDropped:   {red: []*checks.Check{checks.ServiceCreate}},
	reference.FaultServiceNetworkOptional:   {red: []*checks.Check{checks.ServiceNeedsTemplate}},
	reference.FaultServiceStartIgnored:      {red: []*checks.Check{checks.ServiceStartStop}},
	// Items under another member are items nobody finds: the count, the
	// Network's services and the XML (which groups them right) disagree.
	reference.FaultEndpointOriginUnchecked: {red: []*checks.Check{checks.EndpointOrigin}},
	reference.FaultEndpointWithoutTemplate: {red: []*checks.Check{checks.EndpointNeedsTemplate}},
	// An Endpoint made ENABLED offers no enable to begin with.
	reference.FaultEndpointCreatedEnabled:   {red: []*checks.Check{checks.EndpointCreate}, blocked: []*checks.Check{checks.EndpointEnableDisable}},
	reference.FaultEndpointInterfaceDropped: {red: []*checks.Check{checks.EndpointCreate}},
	reference.FaultEndpointProtocolWrong:    {red: []*checks.Check{checks.SegmentEndpointTemplates, checks.SegmentSingleProtocol, checks.EndpointCreate}},
	reference.FaultEndpointEnableIgnored:    {red: []*checks.Check{checks.EndpointEnableDisable}},
	reference.FaultEndpointDisableIgnored:   {red: []*checks.Check{checks.EndpointEnableDisable}},
	// What cannot be deleted stays behind, and so does what it is part of.
	reference.FaultEndpointDeleteIgnored:    {red: []*checks.Check{checks.EndpointDelete}, leaks: true},
	reference.FaultInterfaceWithoutTemplate: {red: []*checks.Check{checks.InterfaceNeedsTemplate}},
	reference.FaultInterfaceMTUDropped:      {red: []*checks.Check{checks.InterfaceCreate, checks.MachineInterfaces20, checks.PartsByValue}},
	reference.FaultInterfaceCreatedEnabled:  {red: []*checks.Check{checks.InterfaceCreate}, blocked: []*checks.Check{checks.InterfaceEnableDisable}},
	reference.FaultInterfaceEnableIgnored:   {red: []*checks.Check{checks.InterfaceEnableDisable}},
	reference.FaultInterfaceDisableIgnored:  {red: []*checks.Check{checks.InterfaceEnableDisable}},
	reference.FaultInterfaceDeleteIgnored:   {red: []*checks.Check{checks.InterfaceDelete}, leaks: true},
	reference.FaultServicesMisgrouped: {red: []*checks.Check{checks.NetworkTemplateReuse, checks.ReprCollection, checks.NetworkCreate, checks.ServiceCreate,
		checks.MachineCollectionCount, checks.JSONXMLAgree}},
	// The representation switches: the family's own check and the
	// generic one see the shape; a state of no table also stops the waits
	// that expect the right one.
	reference.FaultNetworkStateRunning:     {red: []*checks.Check{checks.NetworkRepresentation, checks.NetworkStart, checks.ReprValues}},
	reference.FaultNetworkSubnetworksArray: {red: []*checks.Check{checks.NetworkUpdate, checks.NetworkRepresentation, checks.ReprReference}},
	reference.FaultSegmentRoutingString:    {red: []*checks.Check{checks.NetworkUpdate, checks.SegmentRepresentation, checks.ReprBoolean}},
	reference.FaultSegmentStateUp: {red: []*checks.Check{checks.SegmentRepresentation, checks.SegmentStartStop, checks.NetworkStart,
		checks.NetworkInitialState, checks.ReprValues}},
	reference.FaultSegmentTemplateEndpointsCollection: {red: []*checks.Check{checks.NetworkUpdate, checks.SegmentRepresentation, checks.ReprArrays},
		blocked: []*checks.Check{checks.JSONXMLAgree}},
	reference.FaultEndpointOriginLowercase: {red: []*checks.Check{checks.EndpointRepresentation, checks.ReprValues}},
	reference.FaultEndpointStateActive: {red: []*checks.Check{checks.EndpointRepresentation, checks.EndpointEnableDisable,
		checks.ReprValues}},
	reference.FaultEndpointInterfaceString: {red: []*checks.Check{checks.NetworkUpdate, checks.EndpointRepresentation, checks.EndpointCreate,
		checks.ReprReference}},
	reference.FaultEndpointTemplateMetersCollection: {red: []*checks.Check{checks.NetworkUpdate, checks.EndpointRepresentation, checks.ReprArrays},
		blocked: []*checks.Check{checks.JSONXMLAgree}},
	reference.FaultInterfaceSpeedString: {red: []*checks.Check{checks.NetworkUpdate, checks.InterfaceRepresentation, checks.ReprInteger}},
	reference.FaultInterfaceStateUp: {red: []*checks.Check{checks.InterfaceRepresentation, checks.InterfaceEnableDisable,
		checks.ReprValues}},
	reference.FaultServicePoliciesList: {red: []*checks.Check{checks.NetworkUpdate, checks.ServiceRepresentation, checks.ServiceCreate, checks.ReprMap}},
	reference.FaultServiceStateRunning: {red: []*checks.Check{checks.ServiceRepresentation, checks.ServiceStartStop, checks.NetworkStart,
		checks.NetworkInitialState, checks.ReprValues}},
	reference.FaultServiceTemplateSegmentsCollection: {red: []*checks.Check{checks.ServiceRepresentation, checks.ReprArrays}},
	reference.FaultNetworkTemplateTransientState:     {red: []*checks.Check{checks.NetworkInitialStateStable}},
	reference.FaultInterfaceTemplateTransientState:   {red: []*checks.Check{checks.NetworkInitialStateStable}},
	reference.FaultMachineInterfaceTemplatesIgnored:  {red: []*checks.Check{checks.MachineInterfaces20}},
	reference.FaultMachineInterfacesKept:             {red: []*checks.Check{checks.MachineInterfaces20}},
	reference.FaultSegmentByValueRefused:             {red: []*checks.Check{checks.SegmentEndpointTemplatesByValue, checks.PartsByValue}},
	reference.FaultEndpointByValueRefused:            {red: []*checks.Check{checks.PartsByValue}},
	reference.FaultInterfaceByValueRefused:           {red: []*checks.Check{checks.NetworkMonitoringByValue, checks.PartsByValue}},
	reference.FaultServiceByValueRefused:             {red: []*checks.Check{checks.PartsByValue}},
	reference.FaultSegmentIPv6PrefixDropped:          {red: []*checks.Check{checks.SegmentParameters}},
	reference.FaultSegmentEthernetMTUDropped:         {red: []*checks.Check{checks.SegmentParameters}},
	// A started Service offers stop, not start: start-stop is not supported.
	reference.FaultServiceCreatedStarted:          {red: []*checks.Check{checks.ServiceCreate}, unsupported: []*checks.Check{checks.ServiceStartStop}},
	reference.FaultForeignServiceTemplateAccepted: {red: []*checks.Check{checks.NetworkForeignTemplate}},
	// N-105 is a SHOULD: its failure warns.
	reference.FaultInitialStatesUnpublished: {red: []*checks.Check{checks.InitialStatesPublished}, warnOnly: true},

	// What every network resource shares (network_rules.go).
	reference.FaultNetworkMonitorsIgnored: {red: []*checks.Check{checks.NetworkMonitoring, checks.NetworkMonitoringByValue}},
	// The generic check sees the items under the wrong collection type.
	reference.FaultPartMetersMistyped:       {red: []*checks.Check{checks.NetworkPartCollections, checks.ReprResourceURI}},
	reference.FaultServiceEndpointsMistyped: {red: []*checks.Check{checks.NetworkPartCollections, checks.ReprResourceURI}},
	// One endpoint template named twice is also the template used twice.
	reference.FaultSegmentEndpointTemplatesIgnored: {red: []*checks.Check{checks.SegmentEndpointTemplates,
		checks.SegmentEndpointTemplatesByValue, checks.NetworkTemplateReuse}},
	reference.FaultSegmentEndpointTemplateByValueRefused: {red: []*checks.Check{checks.SegmentEndpointTemplatesByValue}},
	// N-03 is a soft rule the digest derives, judged as a SHOULD: it warns.
	reference.FaultNetworkWithoutSegment:            {red: []*checks.Check{checks.NetworkHasSegment}, warnOnly: true},
	reference.FaultEndpointAddressProtocolUnchecked: {red: []*checks.Check{checks.SegmentSingleProtocol}},
	// An IPv4 Endpoint listed by the IPv6 and Ethernet Segments too breaks
	// their single protocol as well.
	reference.FaultEndpointInTwoSegments:        {red: []*checks.Check{checks.EndpointOneSegment, checks.SegmentSingleProtocol}},
	reference.FaultTemplatePartsShared:          {red: []*checks.Check{checks.NetworkTemplateReuse}},
	reference.FaultNetworkCreatingHidden:        {red: []*checks.Check{checks.NetworkTransientStates}},
	reference.FaultNetworkDeletingHidden:        {red: []*checks.Check{checks.NetworkTransientStates}},
	reference.FaultSegmentUpdateIgnored:         {red: []*checks.Check{checks.NetworkUpdate}},
	reference.FaultNetworkTemplateUpdateIgnored: {red: []*checks.Check{checks.NetworkUpdate}},
	// Lists of the entry point's endpoints are read to see a delete: a
	// collection of another type is one the run cannot read.
	reference.FaultEndpointCollectionMistyped: {red: []*checks.Check{checks.NetworkCollections, checks.ReprResourceURI,
		checks.EndpointDelete, checks.NetworkExample}},
	reference.FaultEndpointTemplateCollectionMistyped: {red: []*checks.Check{checks.NetworkCollections, checks.ReprResourceURI}},
	// The XML run's actions are refused; the stop that follows a refused
	// start finds nothing to stop.
	reference.FaultNetworkXMLActionRefused: {red: []*checks.Check{checks.NetworkStart, checks.SegmentStartStop, checks.ServiceStartStop,
		checks.EndpointEnableDisable, checks.InterfaceEnableDisable}, blocked: []*checks.Check{checks.NetworkStop}},
	reference.FaultEndpointAddressTypeUnchecked: {red: []*checks.Check{checks.EndpointAddressType}},
	reference.FaultEndpointParametersUntyped:    {red: []*checks.Check{checks.EndpointParameters}},
}
