package reference

// Fault switches of the Meters and EventLogs (§5.17.3-13).
var (
	FaultMeterBareAccepted = fault("meter-bare-accepted",
		"takes a bare Meter posted to the MeterCollection, without a meterTemplate, and makes it")
	FaultMeterTargetOptional = fault("meter-target-optional",
		"makes a Meter from a template without targetResource on the Cloud Entry Point's meters, metering nothing")
	FaultMeterOtherTargetAccepted = fault("meter-other-target-accepted",
		"takes a Meter posted to a Machine's meters whose template names another resource, and meters that one")
	FaultMeterTypeUnchecked = fault("meter-type-unchecked",
		"makes a Meter for a resource whose type its MeterConfiguration does not list")
	FaultMeterNotInTarget = fault("meter-not-in-target",
		"leaves a Meter made on the Cloud Entry Point's meters out of its target's meters")
	FaultMeterStartIgnored = fault("meter-start-ignored",
		"answers start and records no sample")
	FaultMeterStopIgnored = fault("meter-stop-ignored",
		"answers stop and goes on recording samples")
	FaultMeterDeleteLeavesListed = fault("meter-delete-leaves-listed",
		"keeps a deleted Meter listed in its target's meters")
	FaultMetersOutliveTarget = fault("meters-outlive-target",
		"keeps a resource's Meters when the resource is deleted")
	FaultMeterCollectionDeleteIgnored = fault("meter-collection-delete-ignored",
		"answers a DELETE of a Machine's meters and keeps its Meters")
	FaultMeterByValueRefused = fault("meter-by-value-refused",
		"refuses a MeterCreate whose template is given by value, though MeterTemplateByValue is advertised")
	FaultMeterConfigByValueRefused = fault("meter-config-by-value-refused",
		"refuses a meterConfig given by value, though MeterConfigByValue is advertised")
	FaultMeterCreateUnlisted = fault("meter-create-unlisted",
		"leaves the Meters a Consumer made out of the Cloud Entry Point's MeterCollection")
	FaultMeterUpdateIgnored = fault("meter-update-ignored",
		"answers 200 to a PUT of a Meter and changes nothing")
	FaultMeterConfigsWrongCollection = fault("meter-configs-wrong-collection",
		"answers the Cloud Entry Point's meterConfigs with a collection typed MeterTemplateCollection")
	FaultMeterTemplateUnlisted = fault("meter-template-unlisted",
		"leaves the MeterTemplates a Consumer made out of the MeterTemplateCollection")
	FaultMeterConfigUpdateIgnored = fault("meter-config-update-ignored",
		"answers 200 to a PUT of a MeterConfiguration and changes nothing")
	FaultMeterIntervalWithoutDuration = fault("meter-interval-without-duration",
		"offers a MeterConfiguration whose timeScope is Interval, without intervalDuration")
	FaultMeterAspectRelative = fault("meter-aspect-relative",
		"gives Meters and MeterConfigurations a bare aspect word (cpu) instead of its URI")
	FaultMeterSamplesPastStopTime = fault("meter-samples-past-stop-time",
		"records samples after a Meter's stopTime")
	FaultMeterNeverExpires = fault("meter-never-expires",
		"keeps a Meter after its expiresTime")
	FaultSampleTimestampNotDateTime = fault("sample-timestamp-not-datetime",
		"writes a Sample's timestamp as seconds since the epoch")
	FaultTemplateMetersIgnored = fault("template-meters-ignored",
		"makes no Meter for the meterTemplates of a MachineTemplate")

	// Catalogue and ResourceMetadata rules of the monitoring issue.
	FaultEmptyCollectionMember = fault("empty-collection-member-sent",
		"writes an empty collection's item array in JSON ([]) instead of leaving it out")
	// The 2.0 XML form of ResourceMetadata (l.1936-1951, R-48).
	FaultRMXMLUnwrapped = fault("rm-xml-unwrapped",
		"in 2.0 XML, writes the attributes, capabilities and actions of ResourceMetadata without their wrappers")
	FaultRMXMLFieldsAsElements = fault("rm-xml-fields-as-elements",
		"in 2.0 XML, writes the fields of ResourceMetadata attribute and action entries as child elements, not XML attributes")
	FaultRMXMLValueAttribute = fault("rm-xml-capability-value-attribute",
		"in 2.0 XML, writes a capability's value as a value attribute instead of the element's content")
	FaultRMCollectionMember = fault("rm-collection-member-misnamed",
		"lists the JSON ResourceMetadataCollection's items under resourceMetadata instead of resourceMetadatas")

	FaultEventLogTemplateDropsPersistence = fault("eventlog-template-drops-persistence",
		"stores a new EventLogTemplate without its persistence")
	FaultEventLogTargetIgnored = fault("eventlog-target-ignored",
		"makes an EventLog without the targetResource of its template")
	FaultEventLogUpdateIgnored = fault("eventlog-update-ignored",
		"answers 200 to a PUT of an EventLog and changes nothing")
	FaultEventLogDeleteKeepsEvents = fault("eventlog-delete-keeps-events",
		"keeps the Events of a deleted EventLog readable")
	FaultEventLogSummaryStale = fault("eventlog-summary-stale",
		"counts in an EventLog's summary only the Events it had when it was made")
	FaultEventLogSummaryFlat = fault("eventlog-summary-flat",
		"writes an EventLog's summary in JSON as one string instead of an object")
	FaultEventTypeRelative = fault("event-type-relative",
		"gives Events a bare type word (state) instead of its URI")
	FaultEventSeverityUppercase = fault("event-severity-uppercase",
		"writes Event severities in capitals (LOW)")
	FaultEventOutcomeUnknownWord = fault("event-outcome-unknown-word",
		"gives state Events the outcome Changed, which no Event type declares")
	FaultEventStateContentStale = fault("event-state-content-stale",
		"writes the previous state as content.state of a state Event")
	FaultEventAlarmWithoutCode = fault("event-alarm-without-code",
		"writes alarm Events without content.code")
	FaultEventModelChangeWord = fault("event-model-change-word",
		"writes model Events with change updated instead of update")
	FaultEventAccessWithoutOperation = fault("event-access-without-operation",
		"writes access Events without content.operation")
	FaultEventTimestampAfterCreated = fault("event-timestamp-after-created",
		"dates an Event's timestamp an hour after its created")
	FaultEventsAddable = fault("events-addable",
		"offers add on an EventLog's events and makes an Event a Consumer posts")
	FaultEventLogOutlivesTarget = fault("eventlog-outlives-target",
		"keeps a resource's EventLog when the resource is deleted, though Linked is advertised")
	FaultTemplateEventLogIgnored = fault("template-eventlog-ignored",
		"makes no EventLog for the eventLogTemplate of a MachineTemplate")
	FaultEventsPurgedAtOnce = fault("events-purged-at-once",
		"keeps only the latest Event of an EventLog, whatever its persistence")
)
