package reference

// Fault switches of the Volume family (§5.15) and of the Machine's volumes
// (§5.14.1.1.2, §5.5.12.2-4).
var (
	FaultVolumeCollectionMistyped = fault("volume-collection-mistyped",
		"gives the VolumeCollection the resourceURI …/VolumesCollection")
	FaultVolumeConfigDropsFormat = fault("volume-config-drops-format",
		"drops the format of a VolumeConfiguration a Consumer creates")
	FaultVolumeConfigTypeNotURI = fault("volume-config-type-not-uri",
		"gives its own VolumeConfigurations the type \"mapped\" instead of the type URI")
	FaultVolumeCapacityInBytes = fault("volume-capacity-in-bytes",
		"reports a new Volume's capacity in bytes rather than kilobytes")
	FaultVolumeImageStuck = fault("volume-image-stuck-creating",
		"leaves a VolumeImage imported from a location CREATING")
	FaultVolumeImageLocationRef = fault("volume-image-location-as-ref",
		"writes a VolumeImage's imageLocation as a reference {\"href\": …} instead of a URI")
	FaultVolumeTemplateDropsImage = fault("volume-template-drops-image",
		"drops the volumeImage of a VolumeTemplate a Consumer creates")
	FaultVolumeCreateUnlisted = fault("volume-create-unlisted",
		"leaves the Volumes a Consumer makes out of the VolumeCollection")
	FaultVolumeEndsInUse = fault("volume-ends-in-use",
		"makes a new Volume end IN-USE instead of AVAILABLE")
	FaultVolumeCreateDropsProperties = fault("volume-create-drops-properties",
		"drops the description and properties of a VolumeCreate")
	FaultVolumeTemplateOptional = fault("volume-template-optional",
		"makes a Volume from its own template when a VolumeCreate names none")
	FaultVolumeTemplateReuse = fault("volume-template-reuse-returns-first",
		"answers a second create from the same VolumeTemplate with the Volume made first")
	FaultVolumeConfigByValueRefused = fault("volume-config-by-value-refused",
		"refuses a volumeConfig given by value though VolumeConfigByValue is advertised")
	FaultVolumeBootableIgnored = fault("volume-bootable-ignored",
		"makes every Volume bootable=false, whatever its VolumeImage says")
	FaultVolumeUpdateIgnored = fault("volume-update-ignored",
		"answers a Volume update without changing anything")
	FaultVolumeResizeIgnored = fault("volume-resize-ignored",
		"accepts a larger capacity in a Volume update but keeps the old one")
	FaultVolumeImagesWrongCollection = fault("volume-images-wrong-collection",
		"points a Volume's images at a collection typed as its meters")
	FaultVolumeSnapshotRefused = fault("volume-snapshot-refused",
		"refuses a VolumeImage that points at a Volume though VolumeSnapshot is advertised")
	FaultVolumeSnapshotKeepsLocation = fault("volume-snapshot-keeps-location",
		"leaves a finished snapshot's imageLocation naming the Volume")
	FaultVolumeSnapshotUnlisted = fault("volume-snapshot-unlisted",
		"does not list a snapshot in its Volume's images")
	FaultVolumeSnapshotEndsError = fault("volume-snapshot-ends-error",
		"leaves a Volume in ERROR once its snapshot is taken")
	FaultVolumeRestoreRefused = fault("volume-restore-refused",
		"refuses every restore of a Volume though restore is advertised")
	FaultVolumeRestoreWithoutImage = fault("volume-restore-without-image-accepted",
		"accepts a restore without image and runs the Volume through RESTORING")
	FaultVolumeDeleteIgnored = fault("volume-delete-ignored",
		"answers a Volume delete but keeps the Volume")
	FaultVolumeDeleteTakesImages = fault("volume-delete-takes-images",
		"deletes the VolumeImages in a Volume's images with the Volume")
	FaultVolumeInsertDropsLocation = fault("volume-attach-drops-location",
		"drops the initialLocation of a Volume connected to a Machine")
	FaultVolumeRemoveIgnored = fault("volume-remove-ignored",
		"answers remove on a Machine's volumes without removing the Volume")
	FaultConnectVolumeIgnored = fault("connectvolume-ignored",
		"answers connectvolume without connecting the Volume")
	FaultSharedVolumeRefused = fault("shared-volume-refused",
		"refuses to connect a Volume to a second Machine though SharedVolumeSupport is advertised")
	FaultMachineVolumeDeleteIgnored = fault("machine-volume-delete-ignored",
		"answers DELETE of a 1.x MachineVolume but keeps it")
	FaultVolumeDeleteLeavesAttachments = fault("volume-delete-leaves-attachments",
		"leaves a deleted Volume's entry in the volumes of the Machines it was connected to")
	FaultMachineDeleteTakesVolumes = fault("machine-delete-takes-volumes",
		"deletes the Volumes connected to a Machine with the Machine")
	FaultTemplateVolumesIgnored = fault("template-volumes-ignored",
		"makes a Machine without connecting the Volumes its template lists in volumes")
	FaultTemplateVolumeTemplatesIgnored = fault("template-volume-templates-ignored",
		"makes a Machine without the Volumes its template lists in volumeTemplates")
	FaultVolumeGenMetadataIgnored = fault("volume-gen-metadata-ignored",
		"gives Volumes made from a template with genResourceMetadata no resourceMetadata")
	FaultVolumeCapacityQuoted = fault("volume-capacity-quoted",
		"writes a Volume's capacity as a JSON string")
	FaultV1VolumeCapacityUnit = fault("v1-volume-capacity-unit",
		"writes a 1.x Volume's capacity in XML with a unit (10485760KB), not as an xs:long")
	FaultVolumeConfigDeleteIgnored = fault("volume-config-delete-ignored",
		"answers a VolumeConfiguration delete but keeps it")
	FaultVolumeImageDeleteIgnored = fault("volume-image-delete-ignored",
		"answers a VolumeImage delete but keeps it")
	FaultXMLVolumeCreateRefused = fault("xml-volume-create-refused",
		"refuses every VolumeCreate sent as XML")
	FaultVolumeCreateProvisioning = fault("volume-create-provisioning",
		"ends a Volume create's Job while the Volume stays PROVISIONING for a while, instead of CREATING")
	FaultVolumeTemplateByValueRefused = fault("volume-template-by-value-refused",
		"refuses a volumeTemplate given by value though VolumeTemplateByValue is advertised")
	FaultVolumeImageByValueRefused = fault("volume-image-by-value-refused",
		"refuses a volumeImage given by value though VolumeImageByValue is advertised")
	FaultVolumeMetersWrongCollection = fault("volume-meters-wrong-collection",
		"points a Volume's meters at a collection typed as VolumeImageCollection")
	FaultVolumeRestoreEndsError = fault("volume-restore-ends-error",
		"leaves a restored Volume in ERROR")
	FaultVolumeTemplateByValueUnadvertised = fault("volume-template-by-value-unadvertised",
		"advertises VolumeConfigByValue and VolumeImageByValue but VolumeTemplateByValue false")
	FaultVolumeAvailabilityUndescribed = fault("volume-availability-undescribed",
		"advertises VolumeAvailabilityLevel without describing the attribute in the Volume ResourceMetadata")
	FaultVolumeMonitorsIgnored = fault("volume-monitors-ignored",
		"makes no Meter and no EventLog for the meterTemplates and eventLogTemplate of a VolumeTemplate")
)
