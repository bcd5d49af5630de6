package reference

// Fault switches of the 2.0 System model (§5.13).
var (
	FaultSystemWithoutTemplate = fault("system-without-template",
		"makes an empty System from a SystemCreate that names no systemTemplate")
	FaultSystemQuantityIgnored = fault("system-quantity-ignored",
		"makes one component for a descriptor whose quantity is more than one")
	FaultSystemDescriptorNameIgnored = fault("system-descriptor-name-ignored",
		"gives a System's new components no name, instead of their descriptor's")
	FaultSystemParentWrong = fault("system-parent-wrong",
		"gives a System's new components the entry point's collection as parent, not the System's")
	FaultSystemVolumesUnlisted = fault("system-volumes-unlisted",
		"makes the Volumes of a System's descriptors but leaves them out of the System's volumes")
	FaultSystemStateFixed = fault("system-state-fixed",
		"shows every System STARTED once made, whatever its Machines' states")
	FaultSystemMachinesMistyped = fault("system-machines-mistyped",
		"serves a System's machines as a VolumeCollection")
	FaultSystemActionSparesMachines = fault("system-action-spares-a-machine",
		"starts or stops every Machine of a System but its first")
	FaultSystemDeletesAssociated = fault("system-deletes-associated",
		"deletes the resources a System only associated, with the System")
	FaultSystemChildrenKept = fault("system-children-kept",
		"deletes a System but keeps the components made for it")
	FaultSystemCreatingHidden = fault("system-creating-hidden",
		"shows a System as STOPPED while it is being created, and takes forty times the latency")
	FaultSystemAssociatedUnlisted = fault("system-associated-unlisted",
		"leaves the existing Volume a descriptor names out of the System's volumes")
	FaultSystemStateWord = fault("system-state-active",
		"shows a System whose Machines are all started as ACTIVE, a state Table 9 does not have")
	FaultSystemMachinesArray = fault("system-machines-array",
		"gives a System's machines in JSON as an array of references, not a collection reference")
	FaultSystemCollectionsMistyped = fault("system-collections-mistyped",
		"gives the SystemCollection and the SystemTemplateCollection in JSON the type URIs …/SystemsCollection and …/SystemTemplatesCollection")
	FaultSystemListsDeleted = fault("system-lists-deleted-machine",
		"keeps a deleted Machine in the machines of the System it belonged to")
	FaultSystemTemplateDropsQuantity = fault("system-template-drops-quantity",
		"stores a posted SystemTemplate without the quantity of its component descriptors")
	FaultSystemMonitorsIgnored = fault("system-monitors-ignored",
		"makes no Meter and no EventLog for the meterTemplates and eventLogTemplate of a SystemTemplate")
	FaultSystemDescriptorTypeUnchecked = fault("system-descriptor-type-unchecked",
		"takes a component descriptor whose type is not the type its template makes")
	FaultSystemByValueRefused = fault("system-component-by-value-refused",
		"advertises SystemComponentTemplateByValue but refuses a descriptor whose template is given inline")
	FaultSystemUpdateIgnored = fault("system-update-ignored",
		"answers the PUT of a System and keeps its name and description")
	FaultSystemRestartRel = fault("system-restart-rel-capitalized",
		"advertises a System's restart with the rel …/action/Restart")
	FaultSystemMixedActionRefused = fault("system-mixed-action-refused",
		"advertises the actions of a MIXED System but answers 409 to them")
	FaultSystemActionForcesState = fault("system-action-forces-state",
		"puts every Machine of a System in the state its action ends in, even one the action cannot take (a STOPPED Machine paused)")
	FaultSystemDescriptorsInOrder = fault("system-descriptors-in-order",
		"realizes component descriptors in array order, so a Machine listed before the Volume it names by #name is refused")
	FaultSystemNameRefFirst = fault("system-name-ref-first",
		"resolves a #name reference to the System's first component of that type, not the one named")
	FaultSystemTwoComponentsTaken = fault("system-two-components-taken",
		"takes a component descriptor with two component attributes and makes the first")
	FaultSystemMachineVolumesUnlisted = fault("system-machine-volumes-unlisted",
		"leaves the Volumes a component MachineTemplate's volumeTemplates make out of the System's volumes")
	FaultSystemListsAttachedVolumes = fault("system-lists-attached-volumes",
		"lists in a System's volumes the existing Volume a component MachineTemplate attaches")
	FaultSystemSharedVolumeTemplate = fault("system-shared-volume-template",
		"makes one Volume for a VolumeTemplate listed both in a SystemTemplate and in a component MachineTemplate")
	FaultSystemOverridesIgnored = fault("system-overrides-ignored",
		"ignores the attributes given next to the href of a descriptor's template")
	FaultSystemOverrideStored = fault("system-override-stored",
		"writes the attributes given next to the href of a descriptor's template into the stored template")
)

// Fault switches of the 2.0 SystemServices (§5.13.3).
var (
	FaultServiceParametersDropped = fault("service-parameters-dropped",
		"makes a System's SystemServices without the parameters of their descriptors")
	FaultServiceCoversNothing = fault("service-covers-nothing",
		"makes a SystemService whose machines leave out the Machines its descriptor names")
	FaultServiceNoBackup = fault("service-no-backup",
		"covers a Machine by a HighReliability service without making a backup Machine for it")
	FaultServiceBackupIgnored = fault("service-backup-ignored",
		"makes a new backup Machine on an addRM that names its backup")
	FaultServiceNodeOptional = fault("service-node-optional",
		"answers a SystemService action without node with 204")
	FaultServiceSwapIgnored = fault("service-swap-ignored",
		"answers swapBackup with 204 and swaps nothing")
	FaultServiceBackupKept = fault("service-backup-kept",
		"removes a Machine from a HighReliability service but keeps the backup Machine it made")
	FaultServiceDeleteTakesMachines = fault("service-delete-takes-machines",
		"deletes a SystemService with the Machines it covers")
	FaultServiceUpdateIgnored = fault("service-update-ignored",
		"answers the PUT of a SystemService and keeps its name")
	FaultServiceTypeShort = fault("service-type-short",
		"gives a System's SystemServices the serviceType highreliability/active or disasterrecovery/, without the namespace")
	FaultServiceDRRemoveIgnored = fault("service-dr-remove-ignored",
		"answers removeRM on a DisasterRecovery service with 204 and keeps the Machine")
	FaultSystemInsertAdopts = fault("system-insert-adopts",
		"makes a Network inserted into a System's networks the System's child: its parent changes and the System's delete takes it")
	FaultSystemMonitorsByValueIgnored = fault("system-monitors-by-value-ignored",
		"takes a SystemTemplate whose meterTemplates and eventLogTemplate are given by value, and makes no Meter and no EventLog from them")
	FaultSystemGenMetadataIgnored = fault("system-gen-metadata-ignored",
		"leaves a System made from a template with genResourceMetadata without that resourceMetadata")
	FaultSystemParentWriteShallow = fault("system-parent-write-shallow",
		"shows a System's networks as the parent of a Network a PUT gave that parent, but the System's delete leaves the Network")
)

// Fault switches of OVF export and import (§5.13.1.2, §5.13.2.1, §5.13.4.1,
// §5.13.5.1, Annex A).
var (
	FaultOVFServedAsXML = fault("ovf-served-as-xml",
		"serves an exported package as application/xml, not application/ovf")
	FaultOVFExportNoLocation = fault("ovf-export-no-location",
		"answers an export without destination with no Location header")
	FaultOVFExportPosts = fault("ovf-export-posts",
		"writes an export to an HTTP destination with POST, not PUT")
	FaultOVFExportBesideDestination = fault("ovf-export-beside-destination",
		"writes an export to package.ovf below its destination, not to the destination itself")
	FaultOVFExportMissesMachine = fault("ovf-export-misses-machine",
		"leaves a System's first Machine out of its exported package")
	FaultOVFTemplateExportMissesMachine = fault("ovf-template-export-misses-machine",
		"leaves the Machines of a SystemTemplate's first Machine descriptor out of its exported package")
	FaultOVFImportWithoutSource = fault("ovf-import-without-source",
		"takes an import without source, importing a package of its own instead")
	FaultOVFImportWritesSource = fault("ovf-import-writes-source",
		"writes back to the source of an import, marking the package imported")
	FaultOVFImportUnlisted = fault("ovf-import-unlisted",
		"leaves the System or SystemTemplate an import made out of its collection")
	FaultOVFImportFlat = fault("ovf-import-flat",
		"puts the Machines of a nested VirtualSystemCollection in the imported System itself, making no nested System")
	FaultOVFImportConfigIgnored = fault("ovf-import-config-ignored",
		"gives imported Machines and MachineConfigurations one CPU, whatever the VirtualHardwareSection says")
	FaultOVFImportOneTemplate = fault("ovf-import-one-template",
		"makes a MachineTemplate for the first VirtualSystem of each collection only")
	FaultOVFImportPartsUnlisted = fault("ovf-import-parts-unlisted",
		"makes the MachineTemplates of an imported SystemTemplate but leaves them out of their collection")
	FaultOVFImportImageMissing = fault("ovf-import-image-missing",
		"gives an imported SystemTemplate no importImage")
	FaultOVFImportImageWrong = fault("ovf-import-image-wrong",
		"gives an imported SystemTemplate an importImage that is not its source")
	FaultOVFXMLExportRefused = fault("ovf-xml-export-refused",
		"refuses export Actions sent in XML")
	FaultOVFImportNetworksIgnored = fault("ovf-import-networks-ignored",
		"makes no Network or NetworkTemplate for the NetworkSection of an imported package")
)

// Fault switches of the 1.x System model (DSP8009 System*).
var (
	FaultSystemV1ItemsBare = fault("system-v1-items-bare",
		"lists a 1.x System's components themselves in its collections, not SystemMachine and the other association items")
	FaultSystemV1CollectionsMistyped = fault("system-v1-collections-mistyped",
		"serves a 1.x System's collections with the 2.0 collection types (MachineCollection, not SystemMachineCollection)")
	FaultSystemV1TemplateCreateWrapped = fault("system-v1-template-create-wrapped",
		"takes a 1.x SystemTemplate only wrapped in a SystemTemplateCreate element, which DSP8009 does not have")
	FaultSystemV1TemplateDropsDescriptors = fault("system-v1-template-drops-descriptors",
		"stores a 1.x SystemTemplate without its componentDescriptor entries")
)
