package main

import (
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// The Job rules' switches (reference/faults_jobs.go).

func init() {
	for name, fc := range jobCases {
		faultCases[name] = fc
	}
	for name, fc := range jobCases11 {
		faultCases11[name] = fc
	}
}

var jobCases = map[string]faultCase{
	reference.FaultJobStopOfferedWhenEnded: {red: []*checks.Check{checks.JobStopEnded}},
	reference.FaultJobStopIgnored:          {red: []*checks.Check{checks.JobStop}},
	reference.FaultJobUpdateOverwrites:     {red: []*checks.Check{checks.JobUpdate}},
	reference.FaultJobUpdateIgnored:        {red: []*checks.Check{checks.JobUpdate}},
	reference.FaultJobOmitsMadeVolumes:     {red: []*checks.Check{checks.MachineVolumeTemplates}},
	// Every XML reader of a Job's affectedResources misses them, and of a
	// NetworkTemplate's segment and service templates, of a
	// NetworkServiceTemplate's segments, and of the meterTemplates of a
	// segment and an endpoint template.
	reference.FaultXMLReferencesWrapped: {red: []*checks.Check{checks.JobForm, checks.JobTargetAffected, checks.ReprArrays, checks.JSONXMLAgree,
		checks.HTTPCreateJob, checks.WalkJob, checks.MachineVolumeTemplates, checks.NetworkTemplateCreate, checks.ServiceRepresentation,
		checks.SegmentRepresentation, checks.EndpointRepresentation}},
	// Every reader of the JobCollection misses its count.
	reference.FaultJobCollectionNoCount: {red: []*checks.Check{checks.JobCollectionShape, checks.MachineCollectionCount, checks.QueryFilter, checks.ReprMandatory}},
	// The forgotten Job cannot be updated either; one read in JSON may be
	// gone before its read in XML, as the run's timing goes.
	reference.FaultJobsForgotten: {red: []*checks.Check{checks.JobRetention}, blocked: []*checks.Check{checks.JobUpdate},
		kin: []*checks.Check{checks.BothFormats}},
}

var jobCases11 = map[string]faultCase{
	reference.FaultJobStopIgnored: jobCases[reference.FaultJobStopIgnored],
	reference.FaultJobsForgotten:  jobCases[reference.FaultJobsForgotten],
	// The stop the run looks for is not there: job.stop is not supported,
	// and a running Job that cannot be stopped must refuse its delete.
	reference.FaultJobStopOtherRel: {red: []*checks.Check{checks.JobStopAction, checks.JobDeleteRunning, checks.ReprVersion, checks.RMOperations},
		unsupported: []*checks.Check{checks.JobStop}},
}
