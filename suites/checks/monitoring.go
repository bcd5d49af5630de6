package checks

import "github.com/cimitest/cimitest/suites/features"

// Meters, MeterTemplates, MeterConfigurations and their samples
// (§5.17.3-7, §5.17.9), EventLogs, EventLogTemplates and their Events
// (§5.17.8, §5.17.10-13), and the monitoring attributes of the Cloud Entry
// Point (§5.12).

var (
	makeMeterConfigs   = []features.Feature{features.Collection("meterConfigs"), features.Create("MeterConfiguration")}
	makeMeterTemplates = []features.Feature{features.Collection("meterTemplates"), features.Create("MeterTemplate")}
	// Meters are made on a Machine the run made, from a configuration the
	// run made.
	makeMeters       = with(makeMachines, append(makeMeterConfigs, features.Collection("meters"), features.Create("Meter"))...)
	makeEventLogs    = with(makeMachines, features.Collection("eventLogs"), features.Create("EventLog"))
	makeLogTemplates = []features.Feature{features.Collection("eventLogTemplates"), features.Create("EventLogTemplate")}
)

func monitoring(id, title, rule, clause, lines string, level Level, resource, op string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "monitoring", Resource: resource, Operation: op, Mutating: true}
}

// aboutMonitoring files a not-testable rule under the monitoring area.
func aboutMonitoring(c Check, resource string) Check {
	c.Area, c.Resource, c.Mutating = "monitoring", resource, false
	return c
}

var (
	MonitoringCollections = declare(reading(monitoring("monitoring.collections", "the Cloud Entry Point's jobs, meters, meterTemplates, meterConfigs, eventLogs and eventLogTemplates are references to collections of those types",
		"C-10", "5.12", "Table 8 (l.2064)", Shall, "CloudEntryPoint", "read")))
	MeterConfigCreate = declare(monitoring("meter.config-create", "a MeterConfiguration posted to its collection's add is made as given, listed, updated by PUT and deleted",
		"MT-16", "5.17.7.1, 5.17.9.1", "l.3915-3917, l.3929-3931", Shall, "MeterConfiguration", "create"), makeMeterConfigs...)
	MeterConfigValues = declare(reading(monitoring("meter.config-values", "MeterConfigurations and Meters have an absolute aspect URI, a timeScope of Point or Interval and, for Interval, an xs:duration intervalDuration",
		"MT-17, MT-18", "5.17.7", "Table 47 (l.3816), Table 50 (l.3909), Table 51 (l.3914)", Shall, "MeterConfiguration", "read")), features.Collection("meterConfigs"))
	MeterTemplateCreate = declare(monitoring("meter.template-create", "a MeterTemplate posted to its collection's add keeps its target and configuration, and is listed",
		"MT-15", "5.17.6.1", "l.3903-3905", Shall, "MeterTemplate", "create"), with(makeMeters, makeMeterTemplates...)...)
	MeterCreate = declare(monitoring("meter.create", "a MeterCreate naming a MeterTemplate makes a Meter (201 or 202) that reads with its target and the configuration's aspect, and is listed",
		"MT-01", "5.17.3.2", "l.3826-3829", Shall, "Meter", "create"), makeMeters...)
	MeterInTarget = declare(monitoring("meter.in-target", "a Meter made on the Cloud Entry Point's meters is also listed in its target's meters",
		"MT-09", "5.17.4.1", "l.3890-3892", Shall, "Meter", "create"), makeMeters...)
	MeterBareRefused = declare(monitoring("meter.bare-refused", "a bare Meter posted to the MeterCollection, without a meterTemplate, is refused with a 4xx and makes nothing",
		"MT-08", "5.17.4.1", "l.3889", Should, "Meter", "create"), makeMeters...)
	MeterNeedsTarget = declare(monitoring("meter.needs-target", "a MeterCreate on the Cloud Entry Point's meters whose template has no targetResource is refused with a 4xx",
		"MT-10", "5.17.5", "Table 49 (l.3896)", Shall, "Meter", "create"), makeMeters...)
	MeterOwnTarget = declare(monitoring("meter.own-target", "on a Machine's own meters a template without targetResource meters that Machine, and one naming another resource is refused with a 4xx",
		"MT-11", "5.17.5", "Table 49 (l.3896)", Shall, "Meter", "create"), makeMeters...)
	MeterTargetType = declare(monitoring("meter.target-type", "a Meter whose MeterConfiguration does not list its target's type is refused with a 4xx",
		"MT-12", "5.17.5", "Table 49 (l.3896)", Shall, "Meter", "create"), makeMeters...)
	MeterByValue = declare(monitoring("meter.by-value", "a MeterCreate with its template by value, and with its meterConfig by value where MeterConfigByValue is advertised, is accepted",
		"MT-13, MT-14", "5.11.1", "Table 7 (l.1977)", Shall, "Meter", "create"),
		with(makeMeters, features.Capability("Meter", "MeterTemplateByValue"))...)
	MeterStart = declare(monitoring("meter.start", "start, posted as an Action, is answered with a 2xx (a body is optional) and the Meter's samples then grow",
		"MT-05, MT-07", "5.17.3.2", "l.3831-3857", Shall, "Meter", "action:start"), with(makeMeters, features.Action("Meter", "start"))...)
	MeterStop = declare(monitoring("meter.stop", "after stop the Meter's samples no longer grow",
		"MT-06", "5.17.3.2", "l.3858-3884", Shall, "Meter", "action:stop"), with(makeMeters, features.Action("Meter", "stop"))...)
	MeterSamples = declare(monitoring("meter.samples", "every Sample of a Meter has an xs:dateTime timestamp and a string value",
		"MT-20", "5.17.3.1.1", "Table 48 (l.3823)", Shall, "Sample", "read"), with(makeMeters, features.Action("Meter", "start"))...)
	MeterTimes = declare(monitoring("meter.stop-expire", "no Sample is later than the Meter's stopTime, and the Meter is gone once its expiresTime has passed",
		"MT-19", "5.17.3", "Table 47 (l.3816)", Shall, "Meter", "create"), with(makeMeters, features.Action("Meter", "start"))...)
	MeterUpdate = declare(monitoring("meter.update", "a PUT to the Meter's edit operation changes its name and description",
		"MT-01", "5.17.3.2", "l.3826-3827", Shall, "Meter", "update"), makeMeters...)
	MeterDelete = declare(monitoring("meter.delete", "a deleted Meter answers 404 and leaves its target's meters",
		"MT-01, MT-02", "5.17.3.2", "l.3826-3829", Shall, "Meter", "delete"), makeMeters...)
	MeterCollectionDelete = declare(monitoring("meter.collection-delete", "deleting a Machine's meters, where offered, deletes the Meters it listed",
		"MT-04", "5.17.3", "l.3812-3814", Shall, "MeterCollection", "delete"), makeMeters...)
	MeterGoesWithTarget = declare(monitoring("meter.target-delete", "deleting a Machine deletes its Meters",
		"MT-03, C-07", "5.17.3", "l.3812", Shall, "Meter", "delete"), makeMeters...)
	MeterFromTemplate = declare(monitoring("meter.from-template", "a Machine made from a template with meterTemplates has one Meter per entry in its meters, each metering it",
		"MT-21", "5.14.4", "Table 19 (l.2876)", Shall, "Machine", "create"), makeMeters...)

	EventLogTemplateCreate = declare(monitoring("eventlog.template-create", "an EventLogTemplate posted to its collection's add keeps its target and persistence, and is listed",
		"E-08", "5.17.12.1", "l.3955-3957", Shall, "EventLogTemplate", "create"), with(makeEventLogs, makeLogTemplates...)...)
	EventLogCreate = declare(monitoring("eventlog.create", "an EventLogCreate makes an EventLog (201 or 202) that reads with its target and persistence, is listed, and is named by the Machine's eventLog where it has one",
		"E-07, E-04", "5.17.10", "l.3942-3944, l.3940-3941", Shall, "EventLog", "create"), makeEventLogs...)
	EventLogUpdate = declare(monitoring("eventlog.update", "a PUT to the EventLog's edit operation changes its name and description",
		"E-04", "5.17.9.3", "l.3940-3941", Shall, "EventLog", "update"), makeEventLogs...)
	EventLogStateEvents = declare(monitoring("eventlog.state-events", "a stop and a start of the Machine are logged as state Events whose content names the Machine and a state other than the previous one",
		"E-14", "5.17.13", "Table 55 (l.3983)", Shall, "Event", "read"), with(makeEventLogs, features.Action("Machine", "stop"))...)
	EventAttributes = declare(monitoring("event.attributes", "every Event has an absolute type URI, a core outcome (or its type's own), and a severity of critical, high, medium or low where it has one",
		"E-10, E-11, E-13", "5.17.13", "Table 54 (l.3969), Table 55 (l.3983)", Shall, "Event", "read"), makeEventLogs...)
	EventTimestamp = declare(monitoring("event.timestamp", "an Event's timestamp is an xs:dateTime no later than its created",
		"E-20", "5.17.13", "Table 54 (l.3969)", Shall, "Event", "read"), makeEventLogs...)
	EventContent = declare(monitoring("event.content", "alarm, model and access Events carry the content their type defines (code and detail; change and detail; operation and resource)",
		"E-15, E-16, E-17", "5.17.13", "Table 55 (l.3983)", Shall, "Event", "read"), makeEventLogs...)
	EventsNotAddable = declare(monitoring("event.no-add", "an EventLog's events read as an EventCollection that offers no add",
		"E-09", "5.17.13", "l.3958-3969", Should, "Event", "create"), makeEventLogs...)
	EventLogSummary = declare(monitoring("eventlog.summary", "an EventLog's summary is a structure of low, medium, high and critical whose numbers are its Events' by severity",
		"E-05, E-24", "5.17.8", "Table 52 (l.3932)", Shall, "EventLog", "read"), makeEventLogs...)
	EventLogPersistence = declare(monitoring("eventlog.persistence", "the Events of a log with a daily persistence are all still there minutes after they happened",
		"E-06", "5.17.8", "Table 52 (l.3932)", May, "EventLog", "read"), makeEventLogs...)
	EventLogDelete = declare(monitoring("eventlog.delete", "a deleted EventLog answers 404, and so do its Events",
		"E-01, E-04", "5.17.8", "l.3924", Shall, "EventLog", "delete"), makeEventLogs...)
	EventLogLinked = declare(monitoring("eventlog.linked", "where Linked is advertised, deleting a Machine deletes its EventLog",
		"E-03", "5.11.1", "Table 7 (l.1977), l.3920-3923", Shall, "EventLog", "delete"),
		with(makeEventLogs, features.Capability("EventLog", "Linked"))...)
	EventLogFromTemplate = declare(monitoring("eventlog.from-template", "a Machine made from a template with an eventLogTemplate names a new EventLog that logs it",
		"E-22", "5.14.4", "Table 19 (l.2876)", Shall, "Machine", "create"), makeEventLogs...)

	MeterCEPAttributes = declare(aboutMonitoring(untestable("meter.cep-attributes", "the Cloud Entry Point may list the Meter collections",
		"MT-23", "5.12", "Table 8 (l.2064)",
		"a permission: an endpoint without them simply offers no Meters; the form of those it lists is judged by monitoring.collections"), "CloudEntryPoint"))
	EventLogMayGo = declare(aboutMonitoring(untestable("eventlog.may-go", "an EventLog may be deleted with its target",
		"E-02", "5.17.8", "l.3920-3922",
		"a permission: either outcome is allowed unless Linked is advertised, which eventlog.linked judges"), "EventLog"))
	EventSeverityRelevance = declare(aboutMonitoring(untestable("event.severity-relevance", "severity is left out where it means nothing for the type",
		"E-12", "5.17.13", "Table 54 (l.3969)",
		"which types a severity is relevant to is the Provider's own reading; no answer shows it wrong"), "Event"))
	EventCADF = declare(aboutMonitoring(untestable("event.cadf", "the content of a CADF audit Event follows the CADF event schema",
		"E-18", "5.17.13", "Table 55 (l.3983)",
		"the CADF schema (DSP0262) is not part of CIMI and cimitest does not carry it; the Event's CIMI attributes are judged as any Event's"), "Event"))
	EventMonitoring = declare(aboutMonitoring(untestable("event.monitoring-content", "a monitoring Event's content holds the resource, the measure and the status",
		"E-19", "5.17.13", "Table 54 (l.3969)",
		"CIMI defines no type URI for monitoring Events, so no Event can be known to be one"), "Event"))
	EventContact = declare(aboutMonitoring(untestable("event.contact", "an Event's contact may change after it is made",
		"E-21", "5.17.13", "Table 54 (l.3969)",
		"a permission to the Provider; the suite never compares contact between reads"), "Event"))
	EventTypeDereference = declare(aboutMonitoring(untestable("event.type-dereference", "Provider-defined Event types should be dereferenceable",
		"E-23", "5.17.13", "l.3977-3980",
		"dereferencing them means requests to hosts other than the endpoint, which a run never sends"), "Event"))
)
