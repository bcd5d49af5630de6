package main

import (
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// The 1.x network switches (reference/faults_networks_v1.go), run against
// the reference in 1.1 mode.

func init() {
	for name, fc := range networkCasesV1 {
		fc.focus = networkOnly
		faultCases11[name] = fc
	}
	for name, rules := range map[string][]string{
		reference.FaultV1CEPListsSegments:               {"N-113"},
		reference.FaultV1TemplateCreateWrapped:          {"N-130"},
		reference.FaultV1CreateWithoutTemplate:          {"N-116", "N-120", "N-124", "N-127"},
		reference.FaultV1NetworkByValueRefused:          {"N-116"},
		reference.FaultV1NetworkConfigIgnored:           {"N-116"},
		reference.FaultV1NetworkConfigDropsMTU:          {"N-130"},
		reference.FaultV1NetworkStateRunning:            {"N-132"},
		reference.FaultV1NetworkPortsResources:          {"N-115"},
		reference.FaultV1NetworkPortsAddOffered:         {"N-115"},
		reference.FaultV1NetworkPortsStale:              {"N-115"},
		reference.FaultV1PortConfigIgnored:              {"N-120"},
		reference.FaultV1AddressDNSFirstOnly:            {"N-124", "N-123"},
		reference.FaultV1AddressHasState:                {"N-123"},
		reference.FaultV1GroupFirstNetworkOnly:          {"N-127"},
		reference.FaultV1GroupNetworksCollection:        {"N-126"},
		reference.FaultV1Wrappers:                       {"N-129"},
		reference.FaultV1TemplateInterfacesDropped:      {"N-131"},
		reference.FaultV1MachineInterfaceNetworkDropped: {"M-122", "N-131"},
		reference.FaultV1MachineInterfaceAddressesEmpty: {"M-122"},
		"v1-network-order":                              {"N-114"},
		"v1-network-template-order":                     {"N-117"},
		"v1-network-config-order":                       {"N-118"},
		"v1-port-order":                                 {"N-119"},
		"v1-port-template-order":                        {"N-121"},
		"v1-port-config-order":                          {"N-122"},
		"v1-address-order":                              {"N-123"},
		"v1-address-template-order":                     {"N-125"},
		"v1-forwarding-group-order":                     {"N-126"},
		"v1-forwarding-group-template-order":            {"N-128"},
	} {
		faultBreaks[name] = rules
	}
	// Each order switch moves one element after the operations: the 1.x
	// XML order checks see it, the generic one and the family's own.
	for name, id := range map[string]*checks.Check{
		"v1-network-order": checks.NetworkRepresentationV1, "v1-network-template-order": checks.NetworkRepresentationV1,
		"v1-network-config-order": checks.NetworkRepresentationV1, "v1-port-order": checks.PortRepresentationV1,
		"v1-port-template-order": checks.PortRepresentationV1, "v1-port-config-order": checks.PortRepresentationV1,
		"v1-address-order": checks.AddressRepresentationV1, "v1-address-template-order": checks.AddressRepresentationV1,
		"v1-forwarding-group-order":          checks.ForwardingGroupRepresentationV1,
		"v1-forwarding-group-template-order": checks.ForwardingGroupRepresentationV1,
	} {
		faultCases11[name] = faultCase{red: []*checks.Check{id, checks.ReprXMLOrder}, focus: networkOnly}
	}
}

// withoutNetworkV1 are the steps that need the 1.x Network the run makes.
var withoutNetworkV1 = []*checks.Check{checks.MachineInterfaceTemplateV1, checks.MachineInterfaces, checks.AddressCreateV1, checks.AddressRepresentationV1, checks.ForwardingGroupCreateV1,
	checks.ForwardingGroupRepresentationV1, checks.NetworkPortsV1, checks.PortCreateV1, checks.PortRepresentationV1}

var networkCasesV1 = map[string]faultCase{
	reference.FaultV1CEPListsSegments: {red: []*checks.Check{checks.NetworkCollectionsV1}, kin: []*checks.Check{checks.ReprVersion}},
	// Nothing can be made without its template.
	reference.FaultV1TemplateCreateWrapped: {red: []*checks.Check{checks.NetworkTemplatesPostedV1},
		blocked: append([]*checks.Check{checks.NetworkCreateV1, checks.NetworkRepresentationV1}, withoutNetworkV1...)},
	reference.FaultV1CreateWithoutTemplate: {red: []*checks.Check{checks.NetworkCreateV1, checks.PortCreateV1, checks.AddressCreateV1,
		checks.ForwardingGroupCreateV1}},
	reference.FaultV1NetworkByValueRefused: {red: []*checks.Check{checks.NetworkByValueV1}},
	reference.FaultV1NetworkConfigIgnored:  {red: []*checks.Check{checks.NetworkCreateV1, checks.NetworkByValueV1}},
	reference.FaultV1NetworkConfigDropsMTU: {red: []*checks.Check{checks.NetworkTemplatesPostedV1, checks.NetworkCreateV1}},
	// A Network that never reads STARTED stops the steps that need it.
	reference.FaultV1NetworkStateRunning: {red: []*checks.Check{checks.NetworkStatesV1, checks.ReprValues},
		blocked: append([]*checks.Check{checks.NetworkRepresentationV1}, withoutNetworkV1...)},
	reference.FaultV1NetworkPortsResources:  {red: []*checks.Check{checks.NetworkPortsV1, checks.ReprResourceURI}},
	reference.FaultV1NetworkPortsAddOffered: {red: []*checks.Check{checks.NetworkPortsV1}},
	// The record names a port that is gone (a crawl could not read it).
	reference.FaultV1NetworkPortsStale:     {red: []*checks.Check{checks.NetworkPortsV1}},
	reference.FaultV1PortConfigIgnored:     {red: []*checks.Check{checks.PortCreateV1}},
	reference.FaultV1AddressDNSFirstOnly:   {red: []*checks.Check{checks.AddressCreateV1}},
	reference.FaultV1AddressHasState:       {red: []*checks.Check{checks.AddressRepresentationV1}},
	reference.FaultV1GroupFirstNetworkOnly: {red: []*checks.Check{checks.ForwardingGroupCreateV1}},
	// The JSON and XML then differ, read after read.
	reference.FaultV1GroupNetworksCollection: {red: []*checks.Check{checks.ForwardingGroupCreateV1, checks.ForwardingGroupRepresentationV1,
		checks.ReprArrays}, blocked: []*checks.Check{checks.JSONXMLAgree}},
	// A Machine made from a template without its interfaces has none.
	reference.FaultV1TemplateInterfacesDropped:      {red: []*checks.Check{checks.MachineInterfaceTemplateV1, checks.MachineInterfaces}},
	reference.FaultV1MachineInterfaceNetworkDropped: {red: []*checks.Check{checks.MachineInterfaceTemplateV1, checks.MachineInterfaces}},
	// M-122 is a SHOULD: its failure warns.
	reference.FaultV1MachineInterfaceAddressesEmpty: {red: []*checks.Check{checks.MachineInterfaces}, warnOnly: true},
}
