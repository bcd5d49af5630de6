package model

// Meters, EventLogs and Events (§5.17.3-13, Tables 47-55; DSP8009 Meter*,
// Sample, EventLog*, Event).

// Event outcome and severity values (Table 54).
var (
	EventOutcomes   = []string{"Pending", "Unknown", "Status", "Success", "Warning", "Failure"}
	EventSeverities = []string{"critical", "high", "medium", "low"}
)

var _ = define(
	resource("Meter", "5.17.3 Table 47",
		Attr{Name: "targetResource", Kind: KRef},
		uri("aspect"),
		str("units"),
		integer("sampleInterval"),
		str("timeScope").open("Point", "Interval"),
		duration("intervalDuration"),
		boolean("isContinuous"),
		coll("samples", "SampleCollection").ro(),
		str("minValue"),
		str("maxValue"),
		dateTime("stopTime"),
		dateTime("expiresTime"),
	),
	message("MeterCreate", "5.17.4", append(createCommon(), ref("meterTemplate", "MeterTemplate").need(Required))...),
	resource("MeterTemplate", "5.17.5 Table 49",
		Attr{Name: "targetResource", Kind: KRef},
		ref("meterConfig", "MeterConfiguration"),
	),
	resource("MeterConfiguration", "5.17.7 Table 50",
		refArray("associatedTo", "associatedTo", "").only(V1),
		strArray("associatedResources", "associatedResource").only(V2),
		uri("aspect"),
		str("units"),
		integer("sampleInterval"),
		str("timeScope").open("Point", "Interval"),
		duration("intervalDuration"),
		boolean("isContinuous"),
	),
	// 2.0 Sample (Table 48); in 1.x the values sit in a <sample> child.
	with(&Type{Name: "Sample", Where: "5.17.3.1.1 Table 48", Attrs: common(
		dateTime("timestamp"), str("value"), operations())}, V2),
	with(&Type{Name: "Sample", Where: "DSP8009 Sample", Attrs: common(
		structure("sample", dateTime("timestamp").xmlAttr(), str("value").xmlAttr()))}, V1),
	collection("SampleCollection", "Sample", "samples", "5.17.3.1.1"),
	resource("EventLog", "5.17.8 Table 52",
		Attr{Name: "targetResource", Kind: KRef},
		coll("events", "EventCollection").ro(),
		str("persistence"),
		structure("summary", integer("low"), integer("medium"), integer("high"), integer("critical")).ro(),
	),
	message("EventLogCreate", "5.17.10", append(createCommon(), ref("eventLogTemplate", "EventLogTemplate").need(Required))...),
	resource("EventLogTemplate", "5.17.11 Table 53",
		Attr{Name: "targetResource", Kind: KRef},
		str("persistence"),
	),
	with(&Type{Name: "Event", Where: "5.17.13 Table 54", Attrs: common(append(eventAttrs(V2), operations())...)}, V2),
	// DSP8009 gives the 1.x Event no operations, and a string type.
	with(&Type{Name: "Event", Where: "DSP8009 EventElements", Attrs: common(eventAttrs(V1)...)}, V1),
	collection("EventCollection", "Event", "events", "5.17.13"),
)

func eventAttrs(v Version) []Attr {
	typ := uri("type")
	if v == V1 {
		typ = str("type")
	}
	return []Attr{
		dateTime("timestamp"),
		typ,
		{Name: "content", Kind: KAny},
		str("outcome").open(EventOutcomes...),
		str("severity").values(EventSeverities...),
		str("contact"),
	}
}
