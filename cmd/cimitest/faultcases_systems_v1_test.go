package main

import (
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// The 1.x System switches, and the System switches of both versions, run
// against the reference in 1.1 mode with the System scenario alone.

func init() {
	for name, fc := range systemCasesV1 {
		fc.focus = systemOnly
		faultCases11[name] = fc
	}
	for name, rules := range map[string][]string{
		reference.FaultSystemV1ItemsBare:                {"S-106"},
		reference.FaultSystemV1CollectionsMistyped:      {"S-105"},
		reference.FaultSystemV1TemplateDropsDescriptors: {"S-108"},
		reference.FaultSystemV1TemplateCreateWrapped:    {"S-111"},
	} {
		faultBreaks[name] = rules
	}
	// Switches of both versions break the 1.x rules too.
	for name, rules := range map[string][]string{
		reference.FaultSystemWithoutTemplate:       {"S-107"},
		reference.FaultSystemTemplateDropsQuantity: {"S-109"},
		reference.FaultOVFXMLExportRefused:         {"S-110"},
	} {
		faultBreaks[name] = append(faultBreaks[name], rules...)
	}
}

var systemCasesV1 = map[string]faultCase{
	// The generic checks see the mismatched types too.
	reference.FaultSystemV1ItemsBare:           {red: []*checks.Check{checks.SystemAssociationsV1, checks.ReprResourceURI}},
	reference.FaultSystemV1CollectionsMistyped: {red: []*checks.Check{checks.SystemRepresentationV1, checks.ReprResourceURI}},
	// No descriptor: an empty System, with nothing to associate.
	reference.FaultSystemV1TemplateDropsDescriptors: {red: []*checks.Check{checks.SystemTemplateV1, checks.SystemAssociationsV1}},
	// Nothing is made without its template: no create to follow either.
	reference.FaultSystemV1TemplateCreateWrapped: {red: []*checks.Check{checks.SystemTemplateV1},
		blocked: []*checks.Check{checks.SystemCreateV1, checks.SystemRepresentationV1, checks.SystemAssociationsV1, checks.SystemOVFActionsV1,
			checks.HTTPAsyncJob}},
	reference.FaultSystemWithoutTemplate: {red: []*checks.Check{checks.SystemCreateV1}},
	// One Machine where the descriptor asks for two.
	reference.FaultSystemTemplateDropsQuantity: {red: []*checks.Check{checks.SystemTemplateV1, checks.SystemAssociationsV1}},
	reference.FaultOVFXMLExportRefused:         {red: []*checks.Check{checks.SystemOVFActionsV1}},
}
