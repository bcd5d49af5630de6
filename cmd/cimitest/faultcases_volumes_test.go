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
	checks.VolumeSnapshotStates, checks.VolumeSubCollections, checks.VolumeSurvivesMachine, checks.VolumeTemplateReuse}

func init() {
	for name, fc := range volumeCases {
		faultCases[name] = fc
	}
	for name, fc := range volumeCases11 {
		faultCases11[name] = fc
	}
}

var volumeCases = map[string]faultCase{
	// Discovery no longer finds a VolumeCollection: the Volume steps are
	// not supported, and what reads the collection fails.
	reference.FaultVolumeCollectionMistyped: {red: []*checks.Check{checks.VolumeCollections, checks.CEPCollections, checks.ReprResourceURI},
		kin: []*checks.Check{checks.VolumeCreate, checks.VolumeDelete, checks.WalkCleanup}, cascade: true, leaks: true},
	reference.FaultVolumeConfigDropsFormat:  {red: []*checks.Check{checks.VolumeConfigCreate}},
	reference.FaultVolumeConfigTypeNotURI:   {red: []*checks.Check{checks.VolumeConfigAttributes}},
	reference.FaultVolumeCapacityInBytes:    {red: []*checks.Check{checks.VolumeCapacity, checks.VolumeByValue}},
	reference.FaultVolumeImageStuck:         {red: []*checks.Check{checks.VolumeImageCreate}},
	reference.FaultVolumeImageLocationRef:   {red: []*checks.Check{checks.VolumeImageLocation, checks.ReprURI}, kin: []*checks.Check{checks.JSONXMLAgree}},
	reference.FaultVolumeTemplateDropsImage: {red: []*checks.Check{checks.VolumeTemplateCreate, checks.VolumeBootable}},
	reference.FaultVolumeCreateUnlisted:     {red: []*checks.Check{checks.VolumeCreate}},
	reference.FaultVolumeEndsInUse: {red: []*checks.Check{checks.VolumeCreatingState, checks.ReprValues},
		kin: volumesWaitingOnAvailable},
	reference.FaultVolumeCreateDropsProperties: {red: []*checks.Check{checks.VolumeCreateAttributes}},
	reference.FaultVolumeTemplateOptional:      {red: []*checks.Check{checks.VolumeNeedsTemplate}, leaks: true},
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
}
