package main

import (
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// The Volume family's switches (reference/faults_volumes.go).

// volumesWaitingOnAvailable are the steps that need an AVAILABLE Volume: a
// switch that keeps Volumes from resting there turns them red or leaves
// them untested.
var volumesWaitingOnAvailable = []*checks.Check{checks.CollectionInsert, checks.VolumeBootable, checks.VolumeByValue,
	checks.VolumeCapacity, checks.VolumeConnect, checks.VolumeCreateAttributes, checks.VolumeDetachOnDelete,
	checks.VolumeImagesSurvive, checks.VolumeInsert, checks.MachineTemplateVolumes, checks.MachineVolumeTemplates,
	checks.VolumeRemove, checks.VolumeRepresentation, checks.VolumeRestore, checks.VolumeRestoreNeedsImage,
	checks.VolumeShared, checks.VolumeSnapshot, checks.VolumeSnapshotCopy, checks.VolumeSnapshotListed,
	checks.VolumeSnapshotStates, checks.VolumeSubCollections, checks.VolumeSurvivesMachine, checks.VolumeTemplateReuse,
	checks.VolumeMonitoring, checks.VolumeMonitoringByValue}

// volumeFocus are the scenarios that reach the Volume code of the
// reference: the Volume scenario (which also connects Volumes to Machines
// and makes Machines from templates with Volumes), the walkthrough's W9,
// and those that read everything the entry point leads to.
const volumeFocus = "volumes || walkthrough || entrypoint || metadata || query || serialization || crawl"

func init() {
	for _, set := range []struct{ from, to map[string]faultCase }{{volumeCases, faultCases}, {volumeCases11, faultCases11}} {
		for name, fc := range set.from {
			fc.focus = volumeFocus
			if !needsOtherScenarios(fc, "volumes") {
				fc.focus = "volumes"
			}
			set.to[name] = fc
		}
	}
}

var volumeCases = map[string]faultCase{
	// Discovery no longer finds a VolumeCollection: the Volume steps are
	// not supported, and what reads the collection fails.
	reference.FaultVolumeCollectionMistyped: {red: []*checks.Check{checks.VolumeCollections, checks.CEPCollections, checks.ReprResourceURI},
		kin: []*checks.Check{checks.VolumeCreate, checks.VolumeDelete, checks.WalkCleanup}, cascade: true},
	reference.FaultVolumeConfigDropsFormat:  {red: []*checks.Check{checks.VolumeConfigCreate}},
	reference.FaultVolumeConfigTypeNotURI:   {red: []*checks.Check{checks.VolumeConfigAttributes}},
	reference.FaultVolumeCapacityInBytes:    {red: []*checks.Check{checks.VolumeCapacity, checks.VolumeByValue}},
	reference.FaultVolumeImageStuck:         {red: []*checks.Check{checks.VolumeImageCreate}, leaks: true},
	reference.FaultVolumeImageLocationRef:   {red: []*checks.Check{checks.VolumeImageLocation, checks.ReprURI}, kin: []*checks.Check{checks.JSONXMLAgree}},
	reference.FaultVolumeTemplateDropsImage: {red: []*checks.Check{checks.VolumeTemplateCreate, checks.VolumeBootable}},
	reference.FaultVolumeCreateUnlisted:     {red: []*checks.Check{checks.VolumeCreate}},
	reference.FaultVolumeEndsInUse: {red: []*checks.Check{checks.VolumeCreatingState, checks.ReprValues},
		kin: volumesWaitingOnAvailable},
	reference.FaultVolumeCreateDropsProperties: {red: []*checks.Check{checks.VolumeCreateAttributes}},
	reference.FaultVolumeTemplateOptional:      {red: []*checks.Check{checks.VolumeNeedsTemplate}},
	reference.FaultVolumeTemplateReuse: {red: []*checks.Check{checks.VolumeTemplateReuse}, kin: []*checks.Check{checks.HTTPCreateJob},
		blocked: []*checks.Check{checks.VolumeDetachOnDelete}},
	reference.FaultVolumeConfigByValueRefused: {red: []*checks.Check{checks.VolumeByValue}},
	reference.FaultVolumeBootableIgnored:      {red: []*checks.Check{checks.VolumeBootable}, warnOnly: true},
	reference.FaultVolumeUpdateIgnored:        {red: []*checks.Check{checks.VolumeUpdate}, kin: []*checks.Check{checks.VolumeResize}},
	reference.FaultVolumeResizeIgnored:        {red: []*checks.Check{checks.VolumeResize}},
	reference.FaultVolumeImagesWrongCollection: {red: []*checks.Check{checks.VolumeSubCollections, checks.ReprResourceURI},
		kin: []*checks.Check{checks.VolumeSnapshotListed}},
	reference.FaultVolumeSnapshotRefused: {red: []*checks.Check{checks.VolumeSnapshot},
		blocked: []*checks.Check{checks.VolumeImagesSurvive, checks.VolumeRestore, checks.VolumeSnapshotCopy, checks.VolumeSnapshotListed, checks.VolumeSnapshotStates},
		kin:     []*checks.Check{checks.VolumeRestoreNeedsImage}},
	reference.FaultVolumeSnapshotKeepsLocation: {red: []*checks.Check{checks.VolumeSnapshotCopy}},
	reference.FaultVolumeSnapshotUnlisted:      {red: []*checks.Check{checks.VolumeSnapshotListed}},
	reference.FaultVolumeSnapshotEndsError: {red: []*checks.Check{checks.VolumeSnapshotStates},
		kin: volumesWaitingOnAvailable},
	reference.FaultVolumeRestoreRefused:      {red: []*checks.Check{checks.VolumeRestore}},
	reference.FaultVolumeRestoreWithoutImage: {red: []*checks.Check{checks.VolumeRestoreNeedsImage}, kin: []*checks.Check{checks.VolumeRestore}},
	reference.FaultVolumeDeleteIgnored: {red: []*checks.Check{checks.VolumeDelete, checks.WalkCleanup}, leaks: true,
		blocked: []*checks.Check{checks.VolumeDetachOnDelete, checks.VolumeImagesSurvive}},
	reference.FaultVolumeDeleteTakesImages:   {red: []*checks.Check{checks.VolumeImagesSurvive}},
	reference.FaultVolumeInsertDropsLocation: {red: []*checks.Check{checks.VolumeInsert, checks.VolumeConnect, checks.MachineVolumeTemplates}},
	reference.FaultVolumeRemoveIgnored: {red: []*checks.Check{checks.VolumeRemove, checks.CollectionInsert, checks.WalkVolume},
		kin: []*checks.Check{checks.VolumeConnect}, blocked: []*checks.Check{checks.VolumeDetachOnDelete}},
	reference.FaultConnectVolumeIgnored:          {red: []*checks.Check{checks.VolumeConnect}},
	reference.FaultSharedVolumeRefused:           {red: []*checks.Check{checks.VolumeShared}},
	reference.FaultVolumeDeleteLeavesAttachments: {red: []*checks.Check{checks.VolumeDetachOnDelete}, kin: []*checks.Check{checks.CrawlReachable}},
	reference.FaultMachineDeleteTakesVolumes: {red: []*checks.Check{checks.VolumeSurvivesMachine},
		kin: []*checks.Check{checks.MachineTemplateVolumes, checks.VolumeDetachOnDelete}, blocked: []*checks.Check{checks.MachineVolumeTemplates, checks.VolumeDelete}},
	reference.FaultTemplateVolumesIgnored:         {red: []*checks.Check{checks.MachineTemplateVolumes}},
	reference.FaultTemplateVolumeTemplatesIgnored: {red: []*checks.Check{checks.MachineVolumeTemplates}},
	reference.FaultVolumeGenMetadataIgnored:       {red: []*checks.Check{checks.VolumeGenMetadata}},
	reference.FaultVolumeCapacityQuoted: {red: []*checks.Check{checks.VolumeRepresentation, checks.ReprInteger},
		kin: []*checks.Check{checks.VolumeUpdate}, blocked: []*checks.Check{checks.VolumeResize}},
	reference.FaultVolumeAvailabilityUndescribed: {red: []*checks.Check{checks.VolumeAvailabilityLevel}},
	reference.FaultVolumeConfigDeleteIgnored:     {red: []*checks.Check{checks.VolumeConfigCreate}, leaks: true},
	reference.FaultVolumeImageDeleteIgnored:      {red: []*checks.Check{checks.VolumeImageCreate}, leaks: true},
	// Every VolumeCreate in XML is refused: the XML Volume steps have no Volume.
	reference.FaultXMLVolumeCreateRefused: {red: []*checks.Check{checks.VolumeCreate, checks.WalkVolume, checks.VolumeMonitoring,
		checks.VolumeMonitoringByValue}, kin: []*checks.Check{checks.VolumeByValue, checks.VolumeGenMetadata}, cascade: true},
	reference.FaultVolumeCreateProvisioning: {red: []*checks.Check{checks.VolumeCreatingState, checks.ReprValues},
		kin: volumesWaitingOnAvailable},
	reference.FaultVolumeTemplateByValueRefused: {red: []*checks.Check{checks.VolumeByValue, checks.VolumeGenMetadata, checks.MachineTemplateVolumes, checks.WalkVolume,
		checks.VolumeMonitoringByValue},
		blocked: []*checks.Check{checks.MachineVolumeTemplates}},
	reference.FaultVolumeImageByValueRefused:   {red: []*checks.Check{checks.VolumeByValue}},
	reference.FaultVolumeMetersWrongCollection: {red: []*checks.Check{checks.VolumeSubCollections, checks.ReprResourceURI}},
	reference.FaultVolumeRestoreEndsError: {red: []*checks.Check{checks.VolumeRestore},
		kin: volumesWaitingOnAvailable},
	// The claim files say VolumeTemplateByValue: claims.match warns, and
	// the by-value create is not supported.
	reference.FaultVolumeTemplateByValueUnadvertised: {red: []*checks.Check{checks.RMImplied, checks.ClaimsMatch},
		unsupported: []*checks.Check{checks.VolumeByValue, checks.VolumeMonitoringByValue}},
	reference.FaultVolumeMonitorsIgnored: {red: []*checks.Check{checks.VolumeMonitoring, checks.VolumeMonitoringByValue}},
}

// volumeCases11 are the switches of the 1.x Volume checks, run in 1.1.
var volumeCases11 = map[string]faultCase{
	reference.FaultV1VolumeCapacityUnit: {red: []*checks.Check{checks.VolumeRepresentationV1, checks.ReprInteger, checks.JSONXMLAgree, checks.VolumeCapacity},
		kin: []*checks.Check{checks.VolumeUpdate}},
	reference.FaultVolumeSnapshotUnlisted:    {red: []*checks.Check{checks.VolumeImagesV1}},
	reference.FaultVolumeInsertDropsLocation: {red: []*checks.Check{checks.VolumeAttachV1, checks.MachineTemplateVolumes}},
	reference.FaultMachineVolumeDeleteIgnored: {red: []*checks.Check{checks.VolumeDetachV1, checks.WalkVolume},
		kin: []*checks.Check{checks.VolumeDetachOnDelete}},
	reference.FaultVolumeDeleteLeavesAttachments: {red: []*checks.Check{checks.VolumeDetachOnDelete}, kin: []*checks.Check{checks.CrawlReachable}},
	reference.FaultVolumeImageLocationRef:        {red: []*checks.Check{checks.VolumeImageLocation, checks.ReprURI}, kin: []*checks.Check{checks.JSONXMLAgree}},
	reference.FaultVolumeConfigDeleteIgnored:     {red: []*checks.Check{checks.VolumeConfigCreate}, leaks: true},
	reference.FaultXMLVolumeCreateRefused: {red: []*checks.Check{checks.VolumeCreate, checks.WalkVolume, checks.VolumeMonitoring,
		checks.VolumeMonitoringByValue}, cascade: true},
	reference.FaultVolumeMonitorsIgnored: {red: []*checks.Check{checks.VolumeMonitoring, checks.VolumeMonitoringByValue}},
}

// volumeBreaks are the rules each Volume switch breaks (faultBreaks), for
// the checks that cite several.
var volumeBreaks = map[string][]string{
	reference.FaultVolumeMonitorsIgnored:             {"V-35"},
	reference.FaultVolumeCollectionMistyped:          {"V-01", "V-02"},
	reference.FaultVolumeConfigDropsFormat:           {"V-45", "V-72"},
	reference.FaultVolumeConfigDeleteIgnored:         {"V-44"},
	reference.FaultVolumeImageStuck:                  {"V-47", "V-49"},
	reference.FaultVolumeImageDeleteIgnored:          {"V-48"},
	reference.FaultVolumeImageLocationRef:            {"V-46", "V-71"},
	reference.FaultVolumeTemplateDropsImage:          {"V-39", "V-72"},
	reference.FaultVolumeCreateUnlisted:              {"V-26"},
	reference.FaultXMLVolumeCreateRefused:            {"V-26", "V-27"},
	reference.FaultVolumeEndsInUse:                   {"V-06"},
	reference.FaultVolumeCreateProvisioning:          {"V-29"},
	reference.FaultVolumeTemplateByValueRefused:      {"V-54"},
	reference.FaultVolumeConfigByValueRefused:        {"V-55", "V-34"},
	reference.FaultVolumeImageByValueRefused:         {"V-56"},
	reference.FaultVolumeImagesWrongCollection:       {"V-14"},
	reference.FaultVolumeMetersWrongCollection:       {"V-16"},
	reference.FaultVolumeSnapshotRefused:             {"V-18", "V-50", "V-57"},
	reference.FaultVolumeRestoreRefused:              {"V-20", "V-23"},
	reference.FaultVolumeRestoreEndsError:            {"V-22"},
	reference.FaultVolumeDeleteIgnored:               {"V-30", "V-31"},
	reference.FaultVolumeInsertDropsLocation:         {"V-60", "V-61", "M-119", "V-73", "V-74", "M-117"},
	reference.FaultVolumeRemoveIgnored:               {"V-62", "M-119"},
	reference.FaultConnectVolumeIgnored:              {"V-63", "M-59"},
	reference.FaultTemplateVolumeTemplatesIgnored:    {"V-65", "M-81"},
	reference.FaultVolumeCapacityQuoted:              {"V-04"},
	reference.FaultV1VolumeCapacityUnit:              {"V-66"},
	reference.FaultVolumeTemplateByValueUnadvertised: {"R-20"},
}

// volumeCitedWithoutSwitch: the rules of the Volume checks no switch breaks
// yet, and why.
var volumeCitedWithoutSwitch = map[*checks.Check]map[string]string{
	checks.VolumeCollections: {"V-03": "the grouping name is a SHOULD; cimitest finds items by their type " +
		"wherever they are grouped, and no switch renames a grouping yet"},
	checks.VolumeConfigCreate: {"V-40": "a permission: a Provider that offers no add is not supported, not failed"},
	checks.VolumeTemplateCreate: {"V-38": "the step reads the template back (a read that fails is http's to " +
		"judge); it does not update or delete the template, which later steps use, so no switch on those can show"},
	checks.VolumeRestore: {"V-24": "a permission: an empty answer to restore is accepted, there is nothing to break"},
	checks.VolumeRepresentation: {
		"V-05": "a state outside Table 26 is judged on every read by repr.values (volume-ends-in-use); the Volume then " +
			"never rests AVAILABLE, so this step has none to read",
		"V-32": "the VolumeTemplate is judged by the same model reading as the Volume; no switch spoils a template yet"},
	checks.VolumeRepresentationV1: {
		"V-69": "the 1.x VolumeTemplate is judged by the same model reading as the Volume; no switch spoils it yet",
		"V-70": "the 1.x VolumeConfiguration is judged by the same model reading as the Volume; no switch spoils it yet"},
}
