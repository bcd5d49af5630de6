package reference

import "sort"

// Fault switches: each makes the server break one rule of the standard the
// way a real implementation might, so that the self-test can prove the
// suite notices. The suite's expectations come from the spec, not from here.
// Each switch is declared once, with its name and what it does. A switch
// that changes how an answer looks (a header, a status, the serialization,
// an attribute dropped or spoilt) is applied by the layer in spoil.go; one
// that changes what the server does (a stop that does not stop) sits in the
// code of the behaviour it breaks.
var (
	FaultCreateNoLocation = fault("create-no-location",
		"answers a create without the Location header")
	FaultWrongResourceURI = fault("wrong-resource-uri",
		"gives Machines the JSON resourceURI …/VirtualMachine")
	FaultXMLNamespace = fault("xml-wrong-namespace",
		"writes XML in the namespace http://schemas.dmtf.org/cimi/N/ (trailing slash)")
	FaultStopStaysStarted = fault("stop-stays-started",
		"accepts stop but leaves the Machine STARTED")
	FaultOpsIgnoreState = fault("operations-ignore-state",
		"advertises every Machine action whatever the state")
	FaultDeleteLeavesReadable = fault("delete-leaves-readable",
		"answers a Machine delete but keeps the Machine")
	FaultCollectionCount = fault("wrong-collection-count",
		"reports a collection count one higher than the items")
	FaultJobNeverEnds = fault("job-never-ends",
		"never ends a Job: it stays RUNNING at 50% after the work is done")
	FaultCreateIgnoresName = fault("create-ignores-name",
		"drops the name, description and properties of a MachineCreate")
	FaultOverridePersists = fault("override-persists",
		"writes the overrides of a create by reference into the referenced MachineTemplate")
	FaultWrongStateAccepted = fault("wrong-state-accepted",
		"accepts a start on a STARTED Machine and runs it through STARTING again")
	FaultUpdatedOnAction = fault("updated-on-action",
		"changes a Machine's updated time when an action completes")
	FaultRelativeJobURI = fault("relative-job-uri",
		"sends a relative CIMI-Job-URI")
	FaultErrorWithoutJob = fault("error-without-job",
		"answers errors with a plain-text body instead of a Job")
	FaultUnknownAttrAccepted = fault("unknown-attribute-accepted",
		"silently drops unknown attributes instead of rejecting the request")

	// Protocol, query and serialization faults.
	FaultFilterIgnored = fault("filter-ignored",
		"ignores $filter although FilterParameter is advertised")
	FaultCountIgnoresFilter = fault("count-ignores-filter",
		"reports the unfiltered count of a filtered collection")
	FaultFirstLastOffByOne = fault("first-last-off-by-one",
		"counts $first from 0: $first=2 starts at the third item")
	FaultOrderByIgnored = fault("orderby-ignored",
		"ignores $orderby although OrderByParameter is advertised")
	FaultSelectIgnored = fault("select-ignored",
		"ignores $select on GET and PUT although SelectParameter is advertised")
	FaultSelectDropsResourceURI = fault("select-drops-resource-uri",
		"drops resourceURI from JSON answers to a $select")
	FaultExpandIgnored = fault("expand-ignored",
		"ignores $expand although ExpandParameter is advertised")
	FaultExpandLastOnly = fault("expand-last-only",
		"honours only the last of several $expand parameters")
	FaultFormatIgnored = fault("format-ignored",
		"ignores $format and answers in the Accept format")
	FaultUnknownParamRejected = fault("unknown-parameter-rejected",
		"answers 400 to a query parameter it does not know")
	FaultPartialUpdateIgnored = fault("partial-update-ignores-select",
		"treats PUT ?$select=… as a full update, removing what was not sent")
	FaultETagIgnored = fault("etag-ignored",
		"sends ETags but ignores If-Match")
	FaultPropertyKeysFolded = fault("property-keys-folded",
		"stores a new Machine's property keys in lower case (keys that differ only in case merge)")
	FaultETagNeverChanges = fault("etag-never-changes",
		"gives each resource one ETag for life, so an If-Match from before an update still matches")
	FaultMediaTypeAccepted = fault("media-type-accepted",
		"accepts request bodies of any Content-Type as JSON")
	FaultDateTimeNoZone = fault("datetime-without-zone",
		"writes dateTimes without a UTC offset")
	FaultExtensionRejected = fault("extension-attribute-rejected",
		"refuses its own extension attribute when a client sends it back in a PUT")
	FaultJSONXMLDisagree = fault("json-xml-disagree",
		"reports a different cpu in XML than in JSON")
	FaultEmptyValuesSent = fault("empty-values-sent",
		"sends empty values: an empty properties map and an empty description")
	FaultOversizedBody500 = fault("oversized-body-500",
		"answers an oversized body with 500 instead of 413")
	FaultRelativeSlashURIs = fault("relative-uris-with-slash",
		"writes hrefs as relative URIs that start with a slash")
	FaultDanglingReference = fault("dangling-reference",
		"gives the seeded MachineTemplate a credential reference that leads nowhere")
	FaultIDNotSelf = fault("id-not-self",
		"answers GET on a ResourceMetadata with the id of its collection")
	FaultProviderDollarParam = fault("provider-dollar-parameter",
		"puts a query parameter of its own, $page, in the Cloud Entry Point's jobs href")
	FaultWildcardAcceptRefused = fault("wildcard-accept-refused",
		"answers 406 to a request without Accept or with Accept */*")
	FaultHTMLForUnknownAccept = fault("html-for-unknown-accept",
		"answers Accept: text/html with an HTML page")
	FaultNoContentLength = fault("content-length-missing",
		"sends bodies chunked, without Content-Length")
	FaultMalformedBody500 = fault("malformed-body-500",
		"answers a malformed JSON or XML body with 500")
	FaultImageWithoutLocation = fault("image-without-location-accepted",
		"registers a MachineImage that has no imageLocation")
	FaultResourceURIRequired = fault("resource-uri-required",
		"refuses JSON bodies that leave out resourceURI")
	FaultResourceURIIgnored = fault("resource-uri-ignored",
		"accepts JSON bodies whose resourceURI names another type")
	FaultActionBodyIgnored = fault("action-body-ignored",
		"does not compare the action of an Action body with the operation it is posted to")
	FaultWrongTypeCoerced = fault("wrong-type-coerced",
		"turns a string where an integer belongs into 1 instead of refusing it")
	FaultPartialUpdateKeeps = fault("partial-update-keeps-missing",
		"keeps an attribute that PUT ?$select names but the body leaves out")
	FaultVScopeIgnored = fault("vscope-ignored",
		"accepts a MachineConfiguration outside the vscope it advertises")
	FaultRunningJobKept = fault("running-job-delete-ignored",
		"answers DELETE on a running Job with 200 and keeps it running")
	FaultNestedFailureHidden = fault("nested-failure-hidden",
		"ends a capture's Job SUCCESS while its nested Job FAILED")
	FaultDanglingImageRef = fault("deleted-image-still-referenced",
		"keeps references to a MachineImage after deleting it")
	FaultCountAfterSubset = fault("count-after-subset",
		"reports the number of items returned as count under $first/$last")
	FaultExpandUnknownRejected = fault("expand-unknown-rejected",
		"answers 400 to $expand naming an attribute that is not a reference")
	FaultEmptyRangeError = fault("empty-range-error",
		"answers 400 when $first is after $last")
	FaultSelectStarNoOps = fault("select-star-drops-operations",
		"leaves operations out of the answer to $select=*")
	FaultUnstableOrder = fault("unstable-order",
		"rotates the order of collection items on every request")
	FaultNoAuthChallenge = fault("401-without-challenge",
		"answers 401 without WWW-Authenticate")
	FaultAuthOnlyEntryPoint = fault("auth-only-entry-point",
		"asks for credentials on the Cloud Entry Point only; every other resource answers without them")
	FaultAuthAnyPassword = fault("auth-any-password",
		"lets a known user in whatever password comes with the name")

	// The Machine family, templates, credentials, images, Jobs.
	FaultPauseEndsStopped = fault("pause-ends-stopped",
		"takes a paused Machine to STOPPED instead of PAUSED")
	FaultSuspendEndsPaused = fault("suspend-ends-paused",
		"takes a suspended Machine to PAUSED instead of SUSPENDED")
	FaultRestartStoppedRefused = fault("restart-stopped-refused",
		"advertises restart on a STOPPED Machine but refuses it")
	FaultResumeRefused = fault("resume-refused",
		"refuses start on a SUSPENDED Machine although it advertises it")
	FaultRestartEndsStopped = fault("restart-ends-stopped",
		"leaves a restarted Machine STOPPED")
	FaultCaptureImageStuck = fault("capture-image-stuck",
		"leaves a captured image CREATING for ever")
	FaultCaptureChangesState = fault("capture-changes-state",
		"leaves a captured Machine STOPPED whatever it was before")
	FaultSnapshotUnlisted = fault("snapshot-unlisted",
		"does not list a snapshot in its Machine's snapshots")
	FaultSnapshotChainBroken = fault("snapshot-chain-broken",
		"gives a new snapshot no relatedImage")
	FaultRestoreKeepsLatest = fault("restore-keeps-latest",
		"does not point latestSnapshot at the image a restore used")
	FaultRestoreWithoutImage = fault("restore-without-image-accepted",
		"accepts a restore that names no image")
	FaultDefaultStarted = fault("default-initial-started",
		"starts a new Machine that asked for no initialState")
	FaultInitialStateIgnored = fault("initial-state-ignored",
		"ignores initialState STARTED: new Machines end STOPPED")
	FaultTransientInitialAccepted = fault("transient-initial-state-accepted",
		"accepts initialState STARTING and leaves the Machine there")
	FaultTemplateOptional = fault("machine-template-optional",
		"makes a Machine from a MachineCreate without machineTemplate")
	FaultBadReferenceAccepted = fault("bad-reference-accepted",
		"accepts a MachineCreate naming a configuration that does not exist")
	FaultDisksSurviveDelete = fault("disks-survive-delete",
		"keeps the Disks of a deleted Machine")
	FaultDeletedStillListed = fault("deleted-machine-listed",
		"keeps listing a deleted Machine in the MachineCollection")
	FaultNewMachineUnlisted = fault("new-machine-unlisted",
		"does not list new Machines in the MachineCollection")
	FaultDiskCapacityString = fault("disk-capacity-string",
		"writes Disk capacity as a string")
	FaultVolumesWrongCollection = fault("volumes-wrong-collection",
		"points a Machine's volumes at its disks collection")
	FaultInterfacesWrongCollection = fault("interfaces-wrong-collection",
		"points a Machine's network interfaces at its disks collection")
	FaultTemplateDropsName = fault("template-drops-name",
		"drops the name of a posted MachineTemplate")
	FaultTemplateUpdateIgnored = fault("template-update-ignored",
		"answers PUT on a MachineTemplate with 200 and changes nothing")
	FaultTemplateDeleteIgnored = fault("template-delete-ignored",
		"answers DELETE on a MachineTemplate with 200 and keeps it")
	FaultByValueTemplateExposed = fault("by-value-template-exposed",
		"stores a template given by value in the MachineTemplateCollection")
	FaultCredentialDropsParameters = fault("credential-drops-parameters",
		"does not copy a CredentialTemplate's parameters to the Credential")
	FaultCredentialTemplateOptional = fault("credential-template-optional",
		"makes a Credential from a CredentialCreate without credentialTemplate")
	FaultCredentialByValueRefused = fault("credential-by-value-refused",
		"refuses a credentialTemplate by value although it offers CredentialTemplateByValue")
	FaultCredentialTemplateDropsName = fault("credential-template-drops-name",
		"drops the name of a posted CredentialTemplate")
	FaultCredentialUpdateIgnored = fault("credential-update-ignored",
		"answers PUT on a Credential with 200 and changes nothing")
	FaultCredentialDropsName = fault("credential-drops-name",
		"drops the name of a CredentialCreate")
	FaultConfigHalvesMemory = fault("config-halves-memory",
		"stores half the memory of a posted MachineConfiguration")
	FaultConfigDeleteIgnored = fault("config-delete-ignored",
		"answers DELETE on a MachineConfiguration with 200 and keeps it")
	FaultImageImportStuck = fault("image-import-stuck",
		"leaves an imported image CREATING for ever")
	FaultImageDeleteIgnored = fault("image-delete-ignored",
		"answers DELETE on a MachineImage with 200 and keeps it")
	FaultImportedImageRelated = fault("imported-image-related",
		"gives an imported IMAGE a relatedImage")
	FaultBaseURIRelative = fault("base-uri-relative",
		"writes baseURI as a relative URI")
	FaultCEPOffersAdd = fault("cep-offers-add",
		"advertises an add operation on the Cloud Entry Point")
	FaultJobCollectionMistyped = fault("job-collection-mistyped",
		"names the JobCollection …/JobsCollection")
	FaultJobProgressOver = fault("job-progress-over-100",
		"reports progress 101 on finished Jobs")
	FaultJobTargetNotAffected = fault("job-target-not-affected",
		"leaves the target out of a Job's affectedResources")
	FaultJobTimeTravel = fault("job-status-before-created",
		"dates a Job's timeOfStatusChange before its creation")
	FaultJobListsDeleted = fault("job-lists-deleted",
		"keeps a deleted Machine in the affectedResources of its Jobs")
	FaultCreateBodyIsJob = fault("create-body-is-job",
		"answers a synchronous create with the Job instead of the new resource")
	FaultDiskVendorMediaType = fault("disk-vendor-media-type",
		"serves Disks as application/vnd.cimi+json")
	FaultCreateAnswerJSON = fault("create-answer-json",
		"answers creates in JSON whatever the Accept header asks")
	FaultResumePausedRefused = fault("resume-paused-refused",
		"refuses start on a PAUSED Machine although it advertises it")
	FaultMachineIDSlash = fault("machine-id-trailing-slash",
		"answers GET on a Machine with its id plus a trailing slash")
	FaultCreateProvisioning = fault("create-lingers-provisioning",
		"ends the create Job at once while the new Machine stays PROVISIONING for a while")
	FaultXMLMachineCreateRefused = fault("xml-machine-create-refused",
		"refuses every MachineCreate sent in XML")
	FaultTemplateReferenceRefused = fault("template-reference-refused",
		"refuses a MachineCreate that names its MachineTemplate by href")
	FaultCEPWithoutConfigs = fault("cep-without-machine-configs",
		"leaves machineConfigs out of the Cloud Entry Point")
	FaultDiskWithoutContentType = fault("disk-without-content-type",
		"serves Disks without a Content-Type header")
	FaultV1Wrappers = fault("v1-xml-with-2.0-wrappers",
		"in 1.1 mode, wraps arrays, properties and collection items as 2.0 does")
	FaultV1NoVersionHeader = fault("v1-no-version-header",
		"in 1.1 mode, sends no CIMI-Specification-Version and ignores the one asked for")
	// ResourceMetadata and discovery.
	FaultRMEntryWithoutTypeURI = fault("rm-entry-without-typeuri",
		"gives the Job ResourceMetadata no typeURI")
	FaultRMTypeURIMisspelled = fault("rm-typeuri-misspelled",
		"gives the MachineConfiguration ResourceMetadata the typeURI …/Machineconfiguration")
	FaultRMCIMIAttributeTyped = fault("rm-cimi-attribute-typed",
		"describes the CIMI attribute cpu in the Machine ResourceMetadata with a namespace and a type, as if it were an extension")
	FaultRMAttributeUnconstrained = fault("rm-attribute-unconstrained",
		"leaves providerMandatory, mutable and consumerWritable out of the cpu entry of the Machine ResourceMetadata (2.0)")
	FaultConfigAddUnadvertised = fault("config-add-unadvertised",
		"advertises no add on the MachineConfigurationCollection, but makes what is posted there")
	FaultAcceptedAnswersText = fault("accepted-answers-text",
		"answers a Machine action it has not finished with 202 and a text/plain body")
	FaultJobURIMissingOnPut = fault("job-uri-missing-on-put",
		"sends no CIMI-Job-URI with the answer to a PUT, although it exposes Jobs")
	FaultSelectDropsOperations = fault("select-drops-operations",
		"leaves operations out of an answer to $select that names them")
	FaultRMCapabilityTwice = fault("rm-capability-twice",
		"lists the first capability of the Machine ResourceMetadata twice")
	FaultRMCapabilityMisplaced = fault("rm-capability-misplaced",
		"lists FilterParameter, a capability of the CloudEntryPoint, in the Machine ResourceMetadata too")
	FaultRMCapabilityValueWord = fault("rm-capability-value-word",
		"gives JobRetention the value \"one minute\" instead of a number of seconds")
	FaultRMExtensionNoNamespace = fault("rm-extension-without-namespace",
		"declares the region extension without its namespace")
	FaultRMCapabilityMisnamed = fault("rm-capability-misnamed",
		"advertises Machine/InitialState, the spec's own misprint, beside InitialStates")
	FaultRMByValueUnimplied = fault("rm-by-value-unimplied",
		"sets MachineConfigByValue without MachineTemplateByValue")
	FaultRMActionNoMethod = fault("rm-action-without-method",
		"lists the Machine actions without their method")
	FaultRMActionsIncomplete = fault("rm-actions-incomplete",
		"leaves restore out of the Machine actions while Machines offer it")
	FaultRMExtensionMissing = fault("rm-extension-missing",
		"declares region providerMandatory but leaves it out of Machines")
	FaultRMReadOnlyWritten = fault("rm-read-only-extension-written",
		"lets a PUT change region, which it declares not writable")
	FaultRMInstanceWrong = fault("rm-instance-metadata-wrong",
		"points each Machine's resourceMetadata at the Credential ResourceMetadata")
	FaultRMTemplateIgnored = fault("rm-template-metadata-ignored",
		"drops the resourceMetadata of Machines made from a template that names one in genResourceMetadata")
	FaultMaxPropertiesTruncated = fault("max-properties-truncated",
		"keeps only 8 properties while it advertises MaxPropertyItems 64")
	FaultInitialStoppedIgnored = fault("initial-stopped-ignored",
		"starts a Machine created with initialState STOPPED")
	FaultNoQueryCapabilities = fault("no-query-capabilities",
		"advertises none of its query parameters (it still honours them)")
	FaultConfigWithoutCPUArch = fault("config-without-cpu-arch",
		"seeds MachineConfigurations without cpuArch")
	FaultGoneAnswers410 = fault("gone-answers-410",
		"answers 410 Gone for a deleted Machine")
)

// The Machine rules beyond the lifecycle: by-value parts, credentials,
// userData, the image chain, templates and their Machines, Disks.
var (
	FaultDeleteMachineTakesSnapshots = fault("delete-machine-takes-snapshots",
		"deletes a Machine's SNAPSHOT images with the Machine")
	FaultActionAnswersText = fault("action-answers-text",
		"answers a Machine action with 200 and a text/plain body")
	FaultStopWhileStoppingRefused = fault("stop-while-stopping-refused",
		"refuses a stop (also a forced one) while the Machine is STOPPING")
	FaultStartThroughStopping = fault("start-through-stopping",
		"takes a STOPPED Machine to STARTED through STOPPING, then STARTING")
	FaultRestartRefusesForce = fault("restart-refuses-force",
		"refuses a restart whose Action carries force")
	FaultRestartDoesNothing = fault("restart-does-nothing",
		"answers a restart of a STARTED Machine with success but never stops or starts it")
	FaultUnadvertisedHonoured = fault("unadvertised-honoured",
		"advertises neither edit nor delete on a Machine, but honours a PUT or DELETE sent anyway")
	FaultPauseURITypo = fault("pause-uri-typo",
		"advertises pause under …/action.pause (2.0)")
	FaultSnapshotTakesRelatedImage = fault("snapshot-takes-related-image",
		"keeps the relatedImage a Consumer sends with a snapshot")
	FaultRestoreFromImageAccepted = fault("restore-from-image-accepted",
		"restores from an IMAGE although RestoreFromImage is not offered")
	FaultRestoreFromImageRefused = fault("restore-from-image-refused",
		"with the restore-from-image variation, advertises RestoreFromImage but refuses to restore from an IMAGE")
	FaultBadCredentialAccepted = fault("bad-credential-accepted",
		"makes a Machine whose template's credential is not a Credential")
	FaultConfigByValueIgnored = fault("config-by-value-ignored",
		"makes a Machine from the small configuration whatever machineConfig is given by value")
	FaultImageByValueRefused = fault("image-by-value-refused",
		"refuses a machineImage by value although it offers MachineImageByValue")
	FaultMachineCredentialByValueRefused = fault("machine-credential-by-value-refused",
		"refuses a credential by value in a Machine's template although it offers MachineCredentialByValue")
	FaultUserDataUnadvertised = fault("userdata-unadvertised",
		"accepts userData without the UserData capability")
	FaultUserDataNotBase64Accepted = fault("userdata-not-base64-accepted",
		"accepts userData that is not Base64")
	FaultTemplateUpdateChangesMachines = fault("template-update-changes-machines",
		"gives the Machines made from a template the hardware of its new configuration when it is updated")
	FaultMachineDiskFormat = fault("machine-disk-format",
		"gives a Machine's Disks the format of its configuration")
	FaultDeleteImageDropsLink = fault("delete-image-drops-link",
		"empties the relatedImage of a SNAPSHOT whose related image is deleted, instead of naming that image's own")
	FaultDeleteImageKeepsPartials = fault("delete-image-keeps-partials",
		"keeps the PARTIAL_SNAPSHOTs of a deleted image")
	FaultCredentialAttributeCase = fault("credential-attribute-case",
		"writes a Credential's userName as username")
	FaultDiskParentWrong = fault("disk-parent-wrong",
		"names the Machine, not its disks collection, as a Disk's parent (2.0)")
	FaultTemplateTransientInitialState = fault("template-transient-initial-state",
		"stores a MachineTemplate whose initialState is STARTING")
	FaultErrorJobFakeID = fault("error-job-fake-id",
		"gives error Jobs an id that cannot be read")
	FaultUpdateAnswerUntyped = fault("update-answer-untyped",
		"answers a PUT with 200 and the resource but no Content-Type")
	FaultPauseWhenStoppedAccepted = fault("pause-when-stopped-accepted",
		"accepts pause on a STOPPED Machine and pauses it")
	FaultDiskAddIgnored = fault("disk-add-ignored",
		"answers a Disk added to a Machine with 201 but keeps no Disk")
	FaultDefaultInitialStateOutside = fault("default-initial-state-outside",
		"advertises DefaultInitialState PAUSED with InitialStates STARTED,STOPPED")
)

// Fault describes one switch.
type Fault struct {
	Name        string
	Description string
}

// Faults lists every fault switch, sorted by name.
func Faults() []Fault {
	out := append([]Fault(nil), faultList...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

var (
	faultList  []Fault
	faultIndex = map[string]Fault{}
)

// fault declares a switch.
func fault(name, description string) string {
	if _, dup := faultIndex[name]; dup {
		panic("reference: fault " + name + " declared twice")
	}
	f := Fault{Name: name, Description: description}
	faultList = append(faultList, f)
	faultIndex[name] = f
	return name
}
