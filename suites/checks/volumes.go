package checks

import (
	"github.com/cimitest/cimitest/suites/features"
)

// Volumes (§5.15) and their connection to Machines (§5.14.1.1.2,
// §5.5.12.2-4; 1.x DSP8009 MachineVolume).

var (
	makeVolumes         = []features.Feature{features.Collection("volumes"), features.Create("Volume")}
	makeVolumeTemplates = []features.Feature{features.Collection("volumeTemplates"), features.Create("VolumeTemplate")}
	volumesOnMachines   = with(makeVolumes, makeMachines...)
)

func volume(id, title, rule, clause, lines string, level Level, resource, op string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "volumes", Resource: resource, Operation: op, Mutating: true}
}

// aboutVolumes files a not-testable rule under the Volumes.
func aboutVolumes(c Check) Check { c.Area, c.Resource = "volumes", "Volume"; return c }

func reading(c Check) Check { c.Mutating = false; return c }

var (
	VolumeCollections = declare(reading(volume("volume.collections", "the Cloud Entry Point's volumes, volumeTemplates, volumeConfigs and volumeImages lead to collections of those types, whose items read as such",
		"V-01, V-02, V-03", "5.15.2", "l.3050-3054, Table 8 (l.2064)", Shall, "VolumeCollection", "read")), features.Collection("volumes"))
	VolumeConfigAttributes = declare(reading(volume("volume.config-attributes", "a VolumeConfiguration has an absolute type URI, an integer capacity in kilobytes and, when set, a format string",
		"V-41", "5.15.5", "Table 28 (l.3076)", Shall, "VolumeConfiguration", "read")), features.Collection("volumeConfigs"))
	VolumeConfigCreate = declare(volume("volume.config-create", "a VolumeConfiguration posted to its collection's add is made as given, listed, and deleted",
		"V-40, V-44, V-45, V-72", "5.15.6.1", "l.3077-3086", Shall, "VolumeConfiguration", "create"),
		features.Collection("volumeConfigs"), features.Create("VolumeConfiguration"))
	VolumeImageCreate = declare(volume("volume.image-create", "a VolumeImage registered from a location goes from CREATING to AVAILABLE, is listed, and is deleted",
		"V-47, V-48, V-49", "5.15.8.1", "l.3091-3099, Table 29 (l.3090)", Shall, "VolumeImage", "create"),
		features.Collection("volumeImages"), features.Create("VolumeImage"))
	VolumeImageLocation = declare(reading(volume("volume.image-location", "a VolumeImage's imageLocation is a URI (a string, not a reference), its state a VolumeImage state and bootable a boolean",
		"V-46, V-71", "5.15.7", "Table 29 (l.3090); DSP8009 VolumeImageElements", Shall, "VolumeImage", "read")), features.Collection("volumeImages"))
	VolumeTemplateCreate = declare(volume("volume.template-create", "a VolumeTemplate posted to its collection's add keeps its configuration and image, and is listed",
		"V-38, V-39, V-72", "5.15.4.1", "l.3062-3070", Shall, "VolumeTemplate", "create"), makeVolumeTemplates...)
	VolumeCreate = declare(volume("volume.create", "a VolumeCreate naming a VolumeTemplate by reference makes a Volume (201 or 202), listed in the VolumeCollection, in JSON and in XML",
		"V-26, V-27", "5.5.12.1", "l.1582, l.1616-1619", Shall, "Volume", "create"), makeVolumes...)
	VolumeCreatingState = declare(volume("volume.creating-state", "a new Volume is CREATING while it is made and then AVAILABLE",
		"V-29, V-06", "4.2.1.1", "l.914-915, Table 26 (l.2988)", Shall, "Volume", "create"), makeVolumes...)
	VolumeCreateAttributes = declare(volume("volume.create-attributes", "the name, description and properties of a VolumeCreate end up on the new Volume",
		"V-28", "4.2.1.1", "l.959-964", Shall, "Volume", "create"), makeVolumes...)
	VolumeCapacity = declare(volume("volume.capacity", "a Volume made from a VolumeConfiguration reports the configuration's capacity (kilobytes)",
		"V-09", "5.15.1", "Table 26 (l.2988)", Shall, "Volume", "create"), makeVolumes...)
	VolumeBootable = declare(volume("volume.bootable", "a Volume made from a bootable VolumeImage is bootable",
		"V-12", "5.15.7", "Table 29 (l.3090)", Should, "Volume", "create"), makeVolumes...)
	VolumeNeedsTemplate = declare(volume("volume.needs-template", "a VolumeCreate without volumeTemplate is refused with a 4xx and makes no Volume",
		"V-25", "5.15.2.1", "l.3054", Shall, "Volume", "create"), makeVolumes...)
	VolumeTemplateReuse = declare(volume("volume.template-reuse", "two creates from one VolumeTemplate make two distinct Volumes",
		"V-33", "5.15.3", "l.3056-3057", May, "Volume", "create"), makeVolumes...)
	VolumeByValue = declare(v2(volume("volume.by-value", "a VolumeCreate whose template is given by value, with its configuration and image inline where the capabilities say so, is accepted",
		"V-54, V-55, V-56, V-34, R-33", "5.11.1", "Table 7 (l.1977)", Shall, "Volume", "create")),
		with(makeVolumes, features.Capability("Volume", "VolumeTemplateByValue"))...)
	VolumeUpdate = declare(volume("volume.update", "a PUT to the Volume's edit operation changes its name and description",
		"V-17", "5.15.1.2", "l.3007-3009", Shall, "Volume", "update"), makeVolumes...)
	VolumeResize = declare(v2(volume("volume.resize", "an update that raises a Volume's capacity leaves it reporting the new capacity",
		"V-11", "5.15.1", "Table 26 (l.2988)", May, "Volume", "update")), makeVolumes...)
	VolumeSubCollections = declare(volume("volume.sub-collections", "a Volume's images lead to a VolumeImage collection (1.x: VolumeVolumeImage) and its meters to a MeterCollection",
		"V-14, V-16", "5.15.1.1", "l.2994-3005", Shall, "Volume", "read"), makeVolumes...)
	VolumeImagesV1 = declare(v1(volume("volume.images-v1", "a 1.x Volume's images hold VolumeVolumeImage items, each naming a VolumeImage, and offer no operation",
		"V-67", "5.15.1.1.1", "DSP8009 VolumeVolumeImageCollRef", Shall, "Volume", "read")), makeVolumes...)
	VolumeSnapshot = declare(v2(volume("volume.snapshot", "a VolumeImage posted to the Volume's snapshot operation with the Volume as imageLocation is a snapshot that becomes AVAILABLE",
		"V-18, V-50, V-57, R-31", "5.15.8.1", "l.3010-3017, l.3100-3101", Shall, "Volume", "action:snapshot")),
		with(makeVolumes, features.Action("Volume", "snapshot"))...)
	VolumeSnapshotCopy = declare(v2(volume("volume.snapshot-copy", "a finished snapshot's imageLocation no longer names the Volume",
		"V-51", "5.15.8.1", "l.3102-3103", Shall, "Volume", "action:snapshot")), with(makeVolumes, features.Action("Volume", "snapshot"))...)
	VolumeSnapshotListed = declare(v2(volume("volume.snapshot-listed", "a finished snapshot is listed in its Volume's images",
		"V-52", "5.15.8.1", "l.3103-3105", Shall, "Volume", "action:snapshot")), with(makeVolumes, features.Action("Volume", "snapshot"))...)
	VolumeSnapshotStates = declare(v2(volume("volume.snapshot-states", "during a snapshot the Volume is AVAILABLE or CAPTURING, and AVAILABLE again after it",
		"V-53", "5.15.8.1", "l.3105-3106", May, "Volume", "action:snapshot")), with(makeVolumes, features.Action("Volume", "snapshot"))...)
	VolumeRestore = declare(v2(volume("volume.restore", "restore with an image takes the Volume through RESTORING back to AVAILABLE, with a JSON or an XML Action",
		"V-20, V-22, V-23, V-24", "5.15.1.2", "l.3018-3049", Shall, "Volume", "action:restore")),
		with(makeVolumes, features.Action("Volume", "restore"))...)
	VolumeRestoreNeedsImage = declare(v2(volume("volume.restore-needs-image", "restore without image is refused with a 4xx and the Volume keeps its state",
		"V-21", "5.15.1.2", "l.3020-3023", Shall, "Volume", "action:restore")), with(makeVolumes, features.Action("Volume", "restore"))...)
	VolumeDelete = declare(volume("volume.delete", "a deleted Volume is DELETING or gone at once, then answers 404 and leaves the VolumeCollection",
		"V-30, V-31", "4.2.1.4", "l.1085-1096, l.1446-1447", Shall, "Volume", "delete"), makeVolumes...)
	VolumeImagesSurvive = declare(v2(volume("volume.images-survive", "the snapshots of a deleted Volume remain",
		"V-13", "5.15.1", "Table 26 (l.2988)", Shall, "Volume", "delete")), with(makeVolumes, features.Action("Volume", "snapshot"))...)
	VolumeInsert = declare(v2(volume("volume.insert", "a Machine's volumes are a locatedVolume collection whose insert connects a Volume at its initialLocation",
		"V-60, V-61, M-119", "5.5.12.2", "l.1620-1642, l.2555-2556", Shall, "Machine", "insert")), volumesOnMachines...)
	VolumeRemove = declare(v2(volume("volume.remove", "remove on a Machine's volumes disconnects the Volume, which remains",
		"V-62, M-119", "5.5.12.3", "l.1643-1659", Shall, "Machine", "remove")), volumesOnMachines...)
	VolumeConnect = declare(v2(volume("volume.connectvolume", "the Machine's connectvolume lists the Volume in its volumes at the given initialLocation",
		"V-63, M-59", "5.14.1.2", "l.2791-2824", Shall, "Machine", "action:connectvolume")),
		with(volumesOnMachines, features.Action("Machine", "connectvolume"))...)
	VolumeShared = declare(v2(volume("volume.shared", "with SharedVolumeSupport one Volume is connected to two Machines at once",
		"V-58, R-30", "5.11.1", "Table 7 (l.1977)", Shall, "Volume", "insert")),
		with(volumesOnMachines, features.Capability("Volume", "SharedVolumeSupport"))...)
	VolumeAttachV1 = declare(v1(volume("volume.attach-v1", "a MachineVolume posted to a 1.x Machine's volumes add records the Volume and its initialLocation",
		"V-73, V-74, M-117", "5.5.12.1", "l.1571-1619; DSP8009 MachineVolume", Shall, "Machine", "add")), volumesOnMachines...)
	VolumeDetachV1 = declare(v1(volume("volume.detach-v1", "deleting a 1.x MachineVolume takes it out of the Machine's volumes and leaves the Volume",
		"M-118", "5.5.12", "l.1446-1447", Shall, "Machine", "delete")), volumesOnMachines...)
	VolumeDetachOnDelete = declare(volume("volume.detach-on-delete", "deleting a connected Volume takes it out of the Machine's volumes",
		"M-120", "5.5.12.4", "l.1660-1664", Shall, "Volume", "delete"), volumesOnMachines...)
	VolumeSurvivesMachine = declare(volume("volume.survives-machine", "deleting a Machine leaves the Volumes connected to it",
		"V-64", "5.14.1", "Table 16 (l.2540)", Shall, "Machine", "delete"), volumesOnMachines...)
	MachineTemplateVolumes = declare(volume("volume.machine-template-volumes", "a MachineTemplate's volumes connect existing Volumes to the new Machine at their initialLocation",
		"M-82", "5.14.3", "Table 19 (l.2850)", Shall, "Machine", "create"), volumesOnMachines...)
	MachineVolumeTemplates = declare(v2(volume("volume.machine-volume-templates", "a MachineTemplate's volumeTemplates, given by value, make new Volumes connected to the new Machine and listed among the create Job's affected resources",
		"V-65, M-81, J-13", "5.14.3", "Table 19 (l.2850), Table 7 (l.1977)", Shall, "Machine", "create")),
		with(volumesOnMachines, features.Capability("Machine", "MachineVolumeTemplatesByValue"))...)
	VolumeGenMetadata = declare(v2(volume("volume.gen-metadata", "a Volume made from a template with genResourceMetadata names that ResourceMetadata",
		"V-37", "5.15.3", "Table 27 (l.3058)", Shall, "Volume", "create")),
		with(makeVolumes, features.Collection("resourceMetadata"))...)
	VolumeAvailabilityLevel = declare(v2(reading(volume("volume.availability-level", "with VolumeAvailabilityLevel the Volume and VolumeTemplate ResourceMetadata describe an extension attribute",
		"V-59, R-34", "5.11.1", "Table 7 (l.1977)", Shall, "ResourceMetadata", "read"))),
		features.Collection("resourceMetadata"), features.Capability("Volume", "VolumeAvailabilityLevel"))
	VolumeRepresentation = declare(v2(volume("volume.representation", "Volumes and VolumeTemplates the run made read with the Table 26 and 27 names, types and states",
		"V-04, V-05, V-32", "5.15.1", "Table 26 (l.2988), Table 27 (l.3058)", Shall, "Volume", "read")), makeVolumes...)
	VolumeRepresentationV1 = declare(v1(volume("volume.representation-v1", "1.x Volumes, VolumeTemplates and VolumeConfigurations follow the DSP8009 element order and types",
		"V-66, V-69, V-70", "5.15", "DSP8009 VolumeElements, VolumeTemplateElements, VolumeConfigurationElements", Shall, "Volume", "read")), makeVolumes...)

	// What cannot be judged from outside.
	VolumeMappedShared = declare(aboutVolumes(v2(untestable("volume.mapped-shared", "a mapped Volume is reachable from several Machines without a mount step", "V-07", "5.15.1", "Table 26 (l.2988)",
		"needs a login to the guests of two Machines"))))
	VolumePermissions = declare(aboutVolumes(untestable("volume.type-and-size-freedom", "other Volume types may be defined, an unlimited Volume may leave out capacity, and a 2.0 type may be spelled /cimi/1/mapped",
		"V-08, V-10, V-43", "5.15.1", "Table 26 (l.2988), Table 28 (l.3076)",
		"permissions given to the Provider that no answer can break: cimitest takes any absolute URI as a type and does not require a capacity where none is set")))
	VolumeConsumerSnapshots = declare(aboutVolumes(v2(untestable("volume.consumer-snapshots", "Consumers take snapshots by making a VolumeImage, not through add on images", "V-15", "5.15.1.1.1", "l.2999-3000",
		"a rule for Consumers; cimitest itself takes snapshots by making a VolumeImage"))))
	VolumeCapturingOps = declare(aboutVolumes(v2(untestable("volume.capturing-operations", "a Volume that cannot take operations during a snapshot is CAPTURING", "V-19", "5.15.1.2", "l.3016-3017",
		"which operations a snapshot holds back is the Provider's choice and is advertised nowhere, so it can be told only by trying each during a snapshot"))))
	VolumeMonitoring = declare(volume("volume.meters-eventlog", "a Volume made from a VolumeTemplate naming a MeterTemplate and an EventLogTemplate lists one Meter metering it in its meters, and names a new EventLog that logs it",
		"V-35", "5.15.3", "Table 27 (l.3058)", Shall, "Volume", "create"), with(makeVolumes, monitorParts...)...)
	VolumeMonitoringByValue = declare(volume("volume.meters-eventlog-by-value", "a Volume made from an inline template giving its meterTemplates item and eventLogTemplate by value has that Meter and a new EventLog",
		"V-36", "5.15.3", "Table 27 (l.3058)", May, "Volume", "create"),
		with(with(makeVolumes, monitorParts...), features.Capability("Volume", "VolumeTemplateByValue"))...)
	VolumeUnformatted = declare(aboutVolumes(v2(untestable("volume.unformatted", "a configuration without format makes Volumes with no file system", "V-42", "5.15.5", "Table 28 (l.3076)",
		"no attribute of a Volume shows its file system; only the guest can see it"))))
	VolumeCreateBodyV1 = declare(aboutVolumes(v1(untestable("volume.create-body-v1", "a 1.x VolumeCreate holds exactly one volumeTemplate", "V-68", "5.15.2", "DSP8009 VolumeCreate",
		"a rule for the bodies a Consumer sends; cimitest's own 1.x VolumeCreate follows it"))))
)
