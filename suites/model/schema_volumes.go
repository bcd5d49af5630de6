package model

// Volumes (§5.15, Tables 26-29; DSP8009 Volume*).

// VolumeStates and VolumeImageStates are the state values of Tables 26 and 29.
var (
	VolumeStates      = []string{"CREATING", "AVAILABLE", "CAPTURING", "RESTORING", "DELETING", "ERROR"}
	VolumeImageStates = []string{"CREATING", "AVAILABLE", "DELETING", "ERROR"}
)

var _ = define(
	resource("Volume", "5.15.1 Table 26",
		str("state").ro().values(VolumeStates...),
		str("type").only(V1),
		uri("type").only(V2),
		integer("capacity"),
		boolean("bootable"),
		coll("images", "VolumeVolumeImageCollection").ro().only(V1),
		coll("images", "VolumeImageCollection").ro().only(V2),
		coll("meters", "MeterCollection").ro(),
		ref("eventLog", "EventLog").ro(),
	),
	message("VolumeCreate", "5.15.2",
		append(createCommon(), ref("volumeTemplate", "VolumeTemplate").need(Required))...),
	resource("VolumeTemplate", "5.15.3 Table 27",
		ref("volumeConfig", "VolumeConfiguration"),
		ref("volumeImage", "VolumeImage"),
		refArray("meterTemplates", "meterTemplate", "MeterTemplate"),
		ref("eventLogTemplate", "EventLogTemplate"),
		ref("genResourceMetadata", "ResourceMetadata").only(V2),
	),
	resource("VolumeConfiguration", "5.15.5 Table 28",
		uri("type"),
		str("format"),
		integer("capacity"),
	),
	resource("VolumeImage", "5.15.7 Table 29",
		str("state").ro().values(VolumeImageStates...),
		uri("imageLocation"),
		boolean("bootable"),
	),
	// 1.x: the Volume images collection holds association items.
	with(resource("VolumeVolumeImage", "DSP8009 VolumeVolumeImage",
		ref("volumeImage", "VolumeImage")), V1),
	with(collection("VolumeVolumeImageCollection", "VolumeVolumeImage", "volumeVolumeImages", "DSP8009"), V1),
	// 2.0: a Machine's volumes collection has locatedVolume items (Table 18).
	with(&Type{Name: "locatedVolume", Where: "5.14.1.1.2 Table 18", Attrs: common(
		str("initialLocation"), ref("volume", "Volume"), operations())}, V2),
	// 1.x: MachineVolume, the attach record of a Volume to a Machine.
	with(resource("MachineVolume", "DSP8009 MachineVolume",
		str("initialLocation"), ref("volume", "Volume")), V1),
)

// createCommon is what every <Type>Create message may carry besides its
// template: name, description and properties (§4.2.1.1, l.959-964).
// The 1.x schema gives them all the common elements.
func createCommon() []Attr {
	return []Attr{
		uri("id").only(V1), str("name"), str("description"),
		dateTime("created").only(V1), dateTime("updated").only(V1), strmap("properties"),
	}
}
