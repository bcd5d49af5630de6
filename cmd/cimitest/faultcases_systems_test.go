package main

import (
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// The 2.0 System switches (reference/faults_systems.go), run with the
// System scenario alone: no other scenario makes a System.

const systemOnly = "systems"

func init() {
	for name, fc := range systemCases {
		fc.focus = systemOnly
		faultCases[name] = fc
	}
	for name, fc := range ovfCases {
		fc.focus = "ovf" // the OVF scenario makes its own System
		faultCases[name] = fc
	}
	for name, rules := range map[string][]string{
		reference.FaultSystemWithoutTemplate:          {"S-30"},
		reference.FaultSystemQuantityIgnored:          {"S-72"},
		reference.FaultSystemDescriptorNameIgnored:    {"S-65"},
		reference.FaultSystemParentWrong:              {"S-05"},
		reference.FaultSystemVolumesUnlisted:          {"S-31", "S-03"},
		reference.FaultSystemStateFixed:               {"S-11", "S-12"},
		reference.FaultSystemMachinesMistyped:         {"S-14"},
		reference.FaultSystemActionSparesMachines:     {"S-18"},
		reference.FaultSystemDeletesAssociated:        {"S-88"},
		reference.FaultSystemChildrenKept:             {"S-87"},
		reference.FaultSystemCreatingHidden:           {"S-90"},
		reference.FaultSystemUpdateIgnored:            {"S-16"},
		reference.FaultSystemAssociatedUnlisted:       {"S-06", "S-71", "S-03", "S-04"},
		reference.FaultSystemStateWord:                {"S-10"},
		reference.FaultSystemMachinesArray:            {"S-02"},
		reference.FaultSystemCollectionsMistyped:      {"S-01", "S-29", "S-81"},
		reference.FaultSystemListsDeleted:             {"S-89"},
		reference.FaultSystemTemplateDropsQuantity:    {"S-79", "S-61", "S-72"},
		reference.FaultSystemMonitorsIgnored:          {"S-74", "S-15", "MT-22"},
		reference.FaultSystemDescriptorTypeUnchecked:  {"S-66"},
		reference.FaultSystemByValueRefused:           {"S-86"},
		reference.FaultSystemRestartRel:               {"S-17"},
		reference.FaultSystemMixedActionRefused:       {"S-19"},
		reference.FaultSystemActionForcesState:        {"S-20"},
		reference.FaultSystemDescriptorsInOrder:       {"S-62"},
		reference.FaultSystemNameRefFirst:             {"S-63", "S-64", "S-68"},
		reference.FaultSystemTwoComponentsTaken:       {"S-67"},
		reference.FaultSystemMachineVolumesUnlisted:   {"S-32"},
		reference.FaultSystemListsAttachedVolumes:     {"S-33", "S-09"},
		reference.FaultSystemSharedVolumeTemplate:     {"S-34"},
		reference.FaultSystemOverridesIgnored:         {"S-69", "S-70"},
		reference.FaultSystemOverrideStored:           {"S-70"},
		reference.FaultServiceParametersDropped:       {"S-73", "S-84", "S-45", "S-59"},
		reference.FaultServiceCoversNothing:           {"S-73", "S-38"},
		reference.FaultServiceNoBackup:                {"S-46", "S-48"},
		reference.FaultServiceBackupIgnored:           {"S-49", "S-55"},
		reference.FaultServiceNodeOptional:            {"S-52"},
		reference.FaultServiceSwapIgnored:             {"S-53"},
		reference.FaultServiceBackupKept:              {"S-56"},
		reference.FaultServiceDeleteTakesMachines:     {"S-41"},
		reference.FaultServiceUpdateIgnored:           {"S-47"},
		reference.FaultServiceTypeShort:               {"S-39", "S-42", "S-59"},
		reference.FaultServiceDRRemoveIgnored:         {"S-60"},
		reference.FaultSystemInsertAdopts:             {"S-07"},
		reference.FaultSystemMonitorsByValueIgnored:   {"S-75"},
		reference.FaultSystemGenMetadataIgnored:       {"S-78"},
		reference.FaultSystemParentWriteShallow:       {"S-08"},
		reference.FaultOVFServedAsXML:                 {"S-94", "S-24"},
		reference.FaultOVFExportNoLocation:            {"S-25"},
		reference.FaultOVFExportPosts:                 {"S-27"},
		reference.FaultOVFExportBesideDestination:     {"S-22"},
		reference.FaultOVFExportMissesMachine:         {"S-21"},
		reference.FaultOVFTemplateExportMissesMachine: {"S-80"},
		reference.FaultOVFImportWithoutSource:         {"S-37"},
		reference.FaultOVFImportWritesSource:          {"S-91"},
		reference.FaultOVFImportUnlisted:              {"S-35", "S-82"},
		reference.FaultOVFImportFlat:                  {"S-103", "S-36"},
		reference.FaultOVFImportConfigIgnored:         {"S-104", "S-100"},
		reference.FaultOVFImportOneTemplate:           {"S-98"},
		reference.FaultOVFImportPartsUnlisted:         {"S-83"},
		reference.FaultOVFImportImageMissing:          {"S-76"},
		reference.FaultOVFImportImageWrong:            {"S-77"},
		reference.FaultOVFXMLExportRefused:            {"S-28"},
		reference.FaultOVFImportNetworksIgnored:       {"S-101", "S-104"},
	} {
		faultBreaks[name] = rules
	}
}

// serviceWork are the checks that find the service System's Machines by
// name.
var serviceWork = []*checks.Check{checks.SystemServiceBackups, checks.SystemServiceNode, checks.SystemServiceSwap,
	checks.SystemServiceRemove, checks.SystemServiceUpdateDelete}

var systemCases = map[string]faultCase{
	reference.FaultSystemWithoutTemplate: {red: []*checks.Check{checks.SystemNeedsTemplate}},
	// One Machine where two were asked for: none to delete alone.
	reference.FaultSystemQuantityIgnored: {red: []*checks.Check{checks.SystemCreate},
		blocked: []*checks.Check{checks.SystemComponentDelete, checks.SystemMixedAction}},
	// Components without the run's name are not the run's to write to.
	reference.FaultSystemDescriptorNameIgnored: {red: []*checks.Check{checks.SystemCreate, checks.HTTPIdentityKept, checks.SystemByValue,
		checks.SystemNameRefs}, blocked: append([]*checks.Check{checks.SystemComponentDelete, checks.SystemMixedAction, checks.SystemServices},
		serviceWork...)},
	reference.FaultSystemParentWrong:     {red: []*checks.Check{checks.SystemChildren}},
	reference.FaultSystemVolumesUnlisted: {red: []*checks.Check{checks.SystemCreate, checks.SystemMachineVolumes, checks.SystemNameRefs}},
	// The waits for the System's state see the wrong one too.
	reference.FaultSystemStateFixed: {red: []*checks.Check{checks.SystemState, checks.SystemStartStop},
		blocked: []*checks.Check{checks.SystemMixedAction}},
	// The generic checks see Machines in a VolumeCollection.
	reference.FaultSystemMachinesMistyped: {red: []*checks.Check{checks.SystemCollectionTypes, checks.ReprResourceURI,
		checks.ReprValues}},
	// Its Machines never part: no MIXED System.
	reference.FaultSystemActionSparesMachines: {red: []*checks.Check{checks.SystemStartStop},
		blocked: []*checks.Check{checks.SystemMixedAction}},
	reference.FaultSystemDeletesAssociated:  {red: []*checks.Check{checks.SystemAssociated, checks.SystemInsert}},
	reference.FaultSystemChildrenKept:       {red: []*checks.Check{checks.SystemDelete, checks.SystemAdopt}},
	reference.FaultSystemCreatingHidden:     {red: []*checks.Check{checks.SystemTransientStates}},
	reference.FaultSystemUpdateIgnored:      {red: []*checks.Check{checks.SystemUpdate}},
	reference.FaultSystemAssociatedUnlisted: {red: []*checks.Check{checks.SystemAssociated, checks.SystemCreate}},
	reference.FaultSystemStateWord: {red: []*checks.Check{checks.SystemRepresentation, checks.ReprValues, checks.SystemStartStop,
		checks.SystemState}, blocked: []*checks.Check{checks.SystemTemplateOverride}},
	// A list where a collection belongs: nothing reads the Machines, and
	// the PUT that echoes it back is refused.
	reference.FaultSystemMachinesArray: {red: []*checks.Check{checks.SystemRepresentation, checks.ReprReference, checks.SystemCreate, checks.SystemByValue,
		checks.SystemState, checks.SystemUpdate, checks.SystemNameRefs},
		blocked: append([]*checks.Check{checks.SystemComponentDelete, checks.SystemMixedAction, checks.SystemTemplateOverride},
			serviceWork...)},
	reference.FaultSystemCollectionsMistyped: {red: []*checks.Check{checks.SystemCollections, checks.SystemCollectionTypes,
		checks.ReprResourceURI, checks.SystemDelete, checks.SystemTemplateCreate}},
	reference.FaultSystemListsDeleted:            {red: []*checks.Check{checks.SystemComponentDelete}},
	reference.FaultSystemMonitorsIgnored:         {red: []*checks.Check{checks.SystemMonitoring, checks.SystemMonitoringByValue}},
	reference.FaultSystemDescriptorTypeUnchecked: {red: []*checks.Check{checks.SystemDescriptorType}},
	reference.FaultSystemByValueRefused:          {red: []*checks.Check{checks.SystemByValue, checks.SystemNameRefs}},
	// The System made from it has one Machine: none to delete alone.
	reference.FaultSystemTemplateDropsQuantity: {red: []*checks.Check{checks.SystemTemplateCreate, checks.SystemCreate},
		blocked: []*checks.Check{checks.SystemComponentDelete, checks.SystemMixedAction}},
	// The ResourceMetadata lists restart under its own rel.
	reference.FaultSystemRestartRel:             {red: []*checks.Check{checks.SystemActionRels, checks.RMOperations}},
	reference.FaultSystemMixedActionRefused:     {red: []*checks.Check{checks.SystemMixedAction}},
	reference.FaultSystemActionForcesState:      {red: []*checks.Check{checks.SystemMixedAction}},
	reference.FaultSystemDescriptorsInOrder:     {red: []*checks.Check{checks.SystemNameRefs}},
	reference.FaultSystemNameRefFirst:           {red: []*checks.Check{checks.SystemNameRefs}},
	reference.FaultSystemTwoComponentsTaken:     {red: []*checks.Check{checks.SystemOneComponent}},
	reference.FaultSystemMachineVolumesUnlisted: {red: []*checks.Check{checks.SystemMachineVolumes}},
	reference.FaultSystemListsAttachedVolumes:   {red: []*checks.Check{checks.SystemMachineVolumes}},
	reference.FaultSystemSharedVolumeTemplate:   {red: []*checks.Check{checks.SystemMachineVolumes}},
	reference.FaultSystemOverridesIgnored:       {red: []*checks.Check{checks.SystemTemplateOverride}},
	reference.FaultSystemOverrideStored:         {red: []*checks.Check{checks.SystemTemplateOverride}},
	reference.FaultServiceParametersDropped:     {red: []*checks.Check{checks.SystemServices}},
	// Nothing covered: no backup to judge or swap.
	reference.FaultServiceCoversNothing:       {red: []*checks.Check{checks.SystemServices, checks.SystemServiceBackups, checks.SystemServiceSwap}},
	reference.FaultServiceNoBackup:            {red: []*checks.Check{checks.SystemServiceBackups, checks.SystemServiceSwap}},
	reference.FaultServiceBackupIgnored:       {red: []*checks.Check{checks.SystemServiceBackups}},
	reference.FaultServiceNodeOptional:        {red: []*checks.Check{checks.SystemServiceNode}},
	reference.FaultServiceSwapIgnored:         {red: []*checks.Check{checks.SystemServiceSwap}},
	reference.FaultServiceBackupKept:          {red: []*checks.Check{checks.SystemServiceRemove}},
	reference.FaultServiceDeleteTakesMachines: {red: []*checks.Check{checks.SystemServiceUpdateDelete}},
	reference.FaultServiceUpdateIgnored:       {red: []*checks.Check{checks.SystemServiceUpdateDelete}},
	// No service of a type the suite knows: nothing to work.
	reference.FaultServiceTypeShort:       {red: []*checks.Check{checks.SystemServices}, blocked: serviceWork},
	reference.FaultServiceDRRemoveIgnored: {red: []*checks.Check{checks.SystemServiceRemove}},
	// The adopted Network goes with the System.
	reference.FaultSystemInsertAdopts:           {red: []*checks.Check{checks.SystemInsert}},
	reference.FaultSystemMonitorsByValueIgnored: {red: []*checks.Check{checks.SystemMonitoringByValue}},
	reference.FaultSystemGenMetadataIgnored:     {red: []*checks.Check{checks.SystemGenMetadata}},
	reference.FaultSystemParentWriteShallow:     {red: []*checks.Check{checks.SystemAdopt}},
}

// ovfCases are the OVF switches of 2.0, run with the OVF scenario alone.
var ovfCases = map[string]faultCase{
	// Both exports are served so; the packages still read and are judged.
	reference.FaultOVFServedAsXML: {red: []*checks.Check{checks.SystemExport, checks.SystemTemplateExport}},
	// No package to read: nothing to compare or import back.
	reference.FaultOVFExportNoLocation: {red: []*checks.Check{checks.SystemExport, checks.SystemTemplateExport},
		blocked: []*checks.Check{checks.SystemExportContent}},
	reference.FaultOVFExportPosts:             {red: []*checks.Check{checks.SystemExportDestination}},
	reference.FaultOVFExportBesideDestination: {red: []*checks.Check{checks.SystemExportDestination}},
	// The package written to a destination lacks it too.
	reference.FaultOVFExportMissesMachine:         {red: []*checks.Check{checks.SystemExportContent, checks.SystemExportDestination}},
	reference.FaultOVFTemplateExportMissesMachine: {red: []*checks.Check{checks.SystemTemplateExport}},
	reference.FaultOVFImportWithoutSource:         {red: []*checks.Check{checks.SystemImport, checks.SystemTemplateImport}},
	reference.FaultOVFImportWritesSource:          {red: []*checks.Check{checks.SystemImport, checks.SystemTemplateImport}},
	reference.FaultOVFImportUnlisted:              {red: []*checks.Check{checks.SystemImport, checks.SystemTemplateImport}},
	reference.FaultOVFImportFlat:                  {red: []*checks.Check{checks.SystemImportMapping}},
	reference.FaultOVFImportConfigIgnored:         {red: []*checks.Check{checks.SystemImportMapping, checks.SystemTemplateImportMapping}},
	// The template imported back from the export has one Machine too few.
	reference.FaultOVFImportOneTemplate:   {red: []*checks.Check{checks.SystemTemplateImportMapping, checks.SystemTemplateExport}},
	reference.FaultOVFImportPartsUnlisted: {red: []*checks.Check{checks.SystemTemplateImportMapping}},
	// Without importImage, there is none to compare with the source.
	reference.FaultOVFImportImageMissing: {red: []*checks.Check{checks.SystemImportImageGiven}, warnOnly: true,
		blocked: []*checks.Check{checks.SystemImportImage}},
	reference.FaultOVFImportImageWrong: {red: []*checks.Check{checks.SystemImportImage}},
	// Every export in XML is refused: none to read in that serialization.
	reference.FaultOVFXMLExportRefused: {red: []*checks.Check{checks.SystemExport, checks.SystemExportDestination, checks.SystemTemplateExport},
		blocked: []*checks.Check{checks.SystemExportContent}},
	reference.FaultOVFImportNetworksIgnored: {red: []*checks.Check{checks.SystemImportMapping, checks.SystemTemplateImportMapping}},
}
