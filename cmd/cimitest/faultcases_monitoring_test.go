package main

import (
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// The Meter and EventLog switches (reference/faults_monitoring.go).

// monitoringFocus are the scenarios that reach the Meter and EventLog code
// of the reference: those that make the resources and those that read
// everything the entry point leads to. A switch confined to that code is
// run with them alone, which saves the self-test the Machine, Volume,
// image, template, credential, Job and protocol scenarios (about two thirds
// of a run); so are the Volume family's (volumeFocus).
const monitoringFocus = "monitoring || walkthrough || entrypoint || metadata || query || serialization || crawl"

// broadMonitoring are the switches of this file whose effect reaches
// beyond the Meters and EventLogs: they run with the whole suite.
var broadMonitoring = map[string]bool{
	reference.FaultMeterConfigsWrongCollection: true,
	reference.FaultEmptyCollectionMember:       true,
	reference.FaultRMCollectionMember:          true,
}

func init() {
	for _, set := range []struct{ from, to map[string]faultCase }{{monitoringCases, faultCases}, {monitoringCases11, faultCases11}} {
		for name, fc := range set.from {
			switch {
			case broadMonitoring[name]:
			case needsOtherScenarios(fc, "monitoring"):
				fc.focus = monitoringFocus
			default:
				fc.focus = "monitoring"
			}
			set.to[name] = fc
		}
	}
}

var monitoringCases = map[string]faultCase{
	reference.FaultMeterBareAccepted:        {red: []*checks.Check{checks.MeterBareRefused}, warnOnly: true},
	reference.FaultMeterTargetOptional:      {red: []*checks.Check{checks.MeterNeedsTarget}},
	reference.FaultMeterOtherTargetAccepted: {red: []*checks.Check{checks.MeterOwnTarget}},
	reference.FaultMeterTypeUnchecked:       {red: []*checks.Check{checks.MeterTargetType}},
	reference.FaultMeterNotInTarget:         {red: []*checks.Check{checks.MeterInTarget, checks.WalkMeter}},
	// Without samples there is nothing to stop or to read.
	reference.FaultMeterStartIgnored: {red: []*checks.Check{checks.MeterStart, checks.WalkMeter},
		blocked: []*checks.Check{checks.MeterSamples, checks.MeterStop}},
	reference.FaultMeterStopIgnored: {red: []*checks.Check{checks.MeterStop}},
	// The Meter that stays cannot be deleted by the cleanup either.
	reference.FaultMeterDeleteLeavesListed:      {red: []*checks.Check{checks.MeterDelete, checks.WalkMeter}, leaks: true},
	reference.FaultMetersOutliveTarget:          {red: []*checks.Check{checks.MeterGoesWithTarget, checks.WalkMeter}},
	reference.FaultMeterCollectionDeleteIgnored: {red: []*checks.Check{checks.MeterCollectionDelete}},
	// The Machine's own meters are posted a template by value too.
	reference.FaultMeterByValueRefused: {red: []*checks.Check{checks.MeterByValue}, kin: []*checks.Check{checks.MeterOwnTarget},
		blocked: []*checks.Check{checks.MeterCollectionDelete}},
	reference.FaultMeterConfigByValueRefused:    {red: []*checks.Check{checks.MeterByValue}},
	reference.FaultMeterCreateUnlisted:          {red: []*checks.Check{checks.MeterCreate}},
	reference.FaultMeterUpdateIgnored:           {red: []*checks.Check{checks.MeterUpdate}},
	reference.FaultMeterConfigsWrongCollection:  {red: []*checks.Check{checks.MonitoringCollections, checks.CEPCollections, checks.ReprResourceURI}},
	reference.FaultMeterTemplateUnlisted:        {red: []*checks.Check{checks.MeterTemplateCreate}},
	reference.FaultMeterConfigUpdateIgnored:     {red: []*checks.Check{checks.MeterConfigCreate}},
	reference.FaultMeterIntervalWithoutDuration: {red: []*checks.Check{checks.MeterConfigValues}},
	reference.FaultMeterAspectRelative:          {red: []*checks.Check{checks.MeterConfigValues}},
	reference.FaultMeterSamplesPastStopTime:     {red: []*checks.Check{checks.MeterTimes}},
	reference.FaultMeterNeverExpires:            {red: []*checks.Check{checks.MeterTimes}},
	reference.FaultSampleTimestampNotDateTime:   {red: []*checks.Check{checks.MeterSamples, checks.ReprDateTime}},
	reference.FaultTemplateMetersIgnored: {red: []*checks.Check{checks.MeterFromTemplate},
		blocked: []*checks.Check{checks.MeterGoesWithTarget}},

	reference.FaultEmptyCollectionMember: {red: []*checks.Check{checks.ReprEmpty}},
	reference.FaultRMCollectionMember:    {red: []*checks.Check{checks.ReprCollection}},
	// The generic array check sees the missing wrappers too; fields read
	// from elements are text, not booleans; a value read from nowhere is
	// not the JSON's.
	reference.FaultRMXMLUnwrapped:        {red: []*checks.Check{checks.RMXMLForm, checks.ReprArrays}},
	reference.FaultRMXMLFieldsAsElements: {red: []*checks.Check{checks.RMXMLForm, checks.ReprBoolean}},
	reference.FaultRMXMLValueAttribute:   {red: []*checks.Check{checks.RMXMLForm, checks.RMCapabilities, checks.JSONXMLAgree}},

	reference.FaultEventLogTemplateDropsPersistence: {red: []*checks.Check{checks.EventLogTemplateCreate, checks.EventLogCreate}},
	// A log without target logs nothing.
	reference.FaultEventLogTargetIgnored: {red: []*checks.Check{checks.EventLogCreate, checks.EventLogStateEvents, checks.EventLogPersistence,
		checks.EventLogFromTemplate, checks.WalkEventLog},
		blocked: []*checks.Check{checks.EventAttributes, checks.EventTimestamp, checks.EventContent, checks.EventLogLinked}},
	reference.FaultEventLogUpdateIgnored:     {red: []*checks.Check{checks.EventLogUpdate}},
	reference.FaultEventLogDeleteKeepsEvents: {red: []*checks.Check{checks.EventLogDelete, checks.WalkEventLog}},
	reference.FaultEventLogSummaryStale:      {red: []*checks.Check{checks.EventLogSummary, checks.WalkEventLog}},
	// The flat summary also spoils the PUT that sends the log back.
	reference.FaultEventLogSummaryFlat: {red: []*checks.Check{checks.EventLogSummary, checks.ReprStructures, checks.WalkEventLog},
		kin: []*checks.Check{checks.EventLogUpdate}},
	reference.FaultEventTypeRelative: {red: []*checks.Check{checks.EventAttributes, checks.WalkEventLog},
		blocked: []*checks.Check{checks.EventContent}},
	reference.FaultEventSeverityUppercase:      {red: []*checks.Check{checks.EventAttributes, checks.EventLogSummary, checks.ReprValues, checks.WalkEventLog}},
	reference.FaultEventOutcomeUnknownWord:     {red: []*checks.Check{checks.EventAttributes, checks.ReprValues}},
	reference.FaultEventStateContentStale:      {red: []*checks.Check{checks.EventLogStateEvents}},
	reference.FaultEventAlarmWithoutCode:       {red: []*checks.Check{checks.EventContent}},
	reference.FaultEventModelChangeWord:        {red: []*checks.Check{checks.EventContent}},
	reference.FaultEventAccessWithoutOperation: {red: []*checks.Check{checks.EventContent}},
	reference.FaultEventTimestampAfterCreated:  {red: []*checks.Check{checks.EventTimestamp}},
	reference.FaultEventsAddable:               {red: []*checks.Check{checks.EventsNotAddable}, warnOnly: true},
	reference.FaultEventLogOutlivesTarget:      {red: []*checks.Check{checks.EventLogLinked}},
	reference.FaultTemplateEventLogIgnored: {red: []*checks.Check{checks.EventLogFromTemplate},
		blocked: []*checks.Check{checks.EventLogLinked}},
	reference.FaultEventsPurgedAtOnce: {red: []*checks.Check{checks.EventLogPersistence, checks.WalkEventLog},
		kin: []*checks.Check{checks.EventLogStateEvents}},
}

// In 1.1 a Sample's values sit in a <sample> child, and the Events and
// Meters go through the 1.x serialization.
var monitoringCases11 = map[string]faultCase{
	reference.FaultSampleTimestampNotDateTime: monitoringCases[reference.FaultSampleTimestampNotDateTime],
	reference.FaultMeterStopIgnored:           monitoringCases[reference.FaultMeterStopIgnored],
	reference.FaultEventLogDeleteKeepsEvents:  monitoringCases[reference.FaultEventLogDeleteKeepsEvents],
}

func init() {
	for name, rules := range map[string][]string{
		reference.FaultMeterIntervalWithoutDuration:     {"MT-17"},
		reference.FaultMeterAspectRelative:              {"MT-18"},
		reference.FaultMeterByValueRefused:              {"MT-13"},
		reference.FaultMeterConfigByValueRefused:        {"MT-14"},
		reference.FaultMeterStartIgnored:                {"MT-05"},
		reference.FaultMeterDeleteLeavesListed:          {"MT-01", "MT-02"},
		reference.FaultEventLogTemplateDropsPersistence: {"E-07", "E-08"},
		reference.FaultEventLogDeleteKeepsEvents:        {"E-01"},
		reference.FaultEventLogUpdateIgnored:            {"E-04"},
		reference.FaultEventTypeRelative:                {"E-10"},
		reference.FaultEventSeverityUppercase:           {"E-11"},
		reference.FaultEventOutcomeUnknownWord:          {"E-13"},
		reference.FaultEventAlarmWithoutCode:            {"E-15"},
		reference.FaultEventModelChangeWord:             {"E-16"},
		reference.FaultEventAccessWithoutOperation:      {"E-17"},
		reference.FaultEventLogSummaryStale:             {"E-05"},
		reference.FaultEventLogSummaryFlat:              {"E-24"},
		reference.FaultEmptyCollectionMember:            {"C-05"},
		reference.FaultRMCollectionMember:               {"R-03"},
		reference.FaultRMXMLUnwrapped:                   {"R-48"},
		reference.FaultRestoreFromImageRefused:          {"R-32"},
		reference.FaultAsyncLocationLate:                {"J-07"},
		reference.FaultRMXMLFieldsAsElements:            {"R-48"},
		reference.FaultRMXMLValueAttribute:              {"R-48"},
		// The rules of other issues' checks that the monitoring issue cites
		// too: the same switch breaks both.
		reference.FaultDefaultStarted:                {"R-21", "M-72"},
		reference.FaultRMTypeURIMisspelled:           {"R-06", "P-107"},
		reference.FaultCollectionCount:               {"C-04"},
		reference.FaultStopStaysStarted:              {"R-28", "M-42"},
		reference.FaultOpsIgnoreState:                {"R-37"},
		reference.FaultStartThroughStopping:          {"R-40"},
		reference.FaultPropertyKeysFolded:            {"R-49", "P-123"},
		reference.FaultSelectIgnored:                 {"R-24", "P-41"},
		reference.FaultUnknownParamRejected:          {"R-45", "P-12"},
		reference.FaultFilterIgnored:                 {"R-23"},
		reference.FaultOversizedBody500:              {"R-46", "P-81"},
		reference.FaultVScopeIgnored:                 {"R-26", "R-27"},
		reference.FaultSharedVolumeRefused:           {"R-30", "V-58"},
		reference.FaultVolumeSnapshotRefused:         {"R-31"},
		reference.FaultVolumeTemplateByValueRefused:  {"R-33"},
		reference.FaultVolumeAvailabilityUndescribed: {"R-34", "V-59"},
		reference.FaultJobOmitsMadeVolumes:           {"J-13"},
		reference.FaultMetersOutliveTarget:           {"MT-03", "C-07"},
	} {
		faultBreaks[name] = append(faultBreaks[name], rules...)
	}
	citedWithoutSwitch[checks.MeterStart] = map[string]string{"MT-07": "a permission: a start answered with or without a body is accepted"}
	citedWithoutSwitch[checks.EventLogCreate] = map[string]string{"E-04": "the read of the new EventLog; a log that cannot be read fails the create itself, and eventlog-update-ignored breaks E-04's update"}
	citedWithoutSwitch[checks.EventLogDelete] = map[string]string{"E-04": "the delete of E-04 is the delete this check makes; eventlog-delete-keeps-events breaks what follows it (E-01)"}
}

// What the Meter and EventLog checks see of switches of other families.
func init() {
	more := func(cases map[string]faultCase, name string, edit func(*faultCase)) {
		fc := cases[name]
		edit(&fc)
		cases[name] = fc
	}
	for _, cases := range []map[string]faultCase{faultCases, faultCases11} {
		// A Machine that cannot be stopped gives no state Events to judge.
		more(cases, reference.FaultStopStaysStarted, func(fc *faultCase) {
			fc.blocked = append(fc.blocked, checks.EventLogStateEvents, checks.WalkEventLog)
		})
	}
	// A deleted Machine that stays keeps its Meters and its EventLog.
	more(faultCases, reference.FaultDeleteLeavesReadable, func(fc *faultCase) {
		fc.kin = append(fc.kin, checks.MeterGoesWithTarget, checks.EventLogLinked, checks.WalkMeter)
	})
	// The Machine with meterTemplates is created in XML too.
	more(faultCases, reference.FaultXMLMachineCreateRefused, func(fc *faultCase) {
		fc.red = append(fc.red, checks.MeterFromTemplate)
		fc.blocked = append(fc.blocked, checks.EventLogFromTemplate, checks.MeterGoesWithTarget, checks.EventLogLinked)
	})
	more(faultCases, reference.FaultJobCollectionMistyped, func(fc *faultCase) {
		fc.red = append(fc.red, checks.MonitoringCollections)
	})
}
