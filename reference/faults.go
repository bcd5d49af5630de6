package reference

import "sort"

// Fault switches: each makes the server break one rule of the standard the
// way a real implementation might, so that the self-test can prove the
// suite notices. The suite's expectations come from the spec, not from here.
const (
	FaultCreateNoLocation     = "create-no-location"
	FaultWrongResourceURI     = "wrong-resource-uri"
	FaultXMLNamespace         = "xml-wrong-namespace"
	FaultStopStaysStarted     = "stop-stays-started"
	FaultOpsIgnoreState       = "operations-ignore-state"
	FaultDeleteLeavesReadable = "delete-leaves-readable"
	FaultCollectionCount      = "wrong-collection-count"
	FaultJobNeverEnds         = "job-never-ends"
	FaultCreateIgnoresName    = "create-ignores-name"
	FaultOverridePersists     = "override-persists"
	FaultWrongStateAccepted   = "wrong-state-accepted"
	FaultUpdatedOnAction      = "updated-on-action"
	FaultRelativeJobURI       = "relative-job-uri"
	FaultErrorWithoutJob      = "error-without-job"
	FaultUnknownAttrAccepted  = "unknown-attribute-accepted"

	// Protocol, query and serialization faults.
	FaultFilterIgnored          = "filter-ignored"
	FaultCountIgnoresFilter     = "count-ignores-filter"
	FaultFirstLastOffByOne      = "first-last-off-by-one"
	FaultOrderByIgnored         = "orderby-ignored"
	FaultSelectIgnored          = "select-ignored"
	FaultSelectDropsResourceURI = "select-drops-resource-uri"
	FaultExpandIgnored          = "expand-ignored"
	FaultFormatIgnored          = "format-ignored"
	FaultUnknownParamRejected   = "unknown-parameter-rejected"
	FaultPartialUpdateIgnored   = "partial-update-ignores-select"
	FaultETagIgnored            = "etag-ignored"
	FaultMediaTypeAccepted      = "media-type-accepted"
	FaultDateTimeNoZone         = "datetime-without-zone"
	FaultExtensionRejected      = "extension-attribute-rejected"
	FaultJSONXMLDisagree        = "json-xml-disagree"
	FaultEmptyValuesSent        = "empty-values-sent"
	FaultOversizedBody500       = "oversized-body-500"
	FaultRelativeSlashURIs      = "relative-uris-with-slash"
	FaultDanglingReference      = "dangling-reference"
	FaultIDNotSelf              = "id-not-self"
	FaultProviderDollarParam    = "provider-dollar-parameter"
	FaultWildcardAcceptRefused  = "wildcard-accept-refused"
	FaultHTMLForUnknownAccept   = "html-for-unknown-accept"
	FaultNoContentLength        = "content-length-missing"
	FaultMalformedBody500       = "malformed-body-500"
	FaultImageWithoutLocation   = "image-without-location-accepted"
	FaultResourceURIRequired    = "resource-uri-required"
	FaultResourceURIIgnored     = "resource-uri-ignored"
	FaultActionBodyIgnored      = "action-body-ignored"
	FaultWrongTypeCoerced       = "wrong-type-coerced"
	FaultPartialUpdateKeeps     = "partial-update-keeps-missing"
	FaultVScopeIgnored          = "vscope-ignored"
	FaultRunningJobKept         = "running-job-delete-ignored"
	FaultNestedFailureHidden    = "nested-failure-hidden"
	FaultDanglingImageRef       = "deleted-image-still-referenced"
	FaultCountAfterSubset       = "count-after-subset"
	FaultExpandUnknownRejected  = "expand-unknown-rejected"
	FaultEmptyRangeError        = "empty-range-error"
	FaultSelectStarNoOps        = "select-star-drops-operations"
	FaultUnstableOrder          = "unstable-order"
	FaultNoAuthChallenge        = "401-without-challenge"

	// The Machine family, templates, credentials, images, Jobs.
	FaultPauseEndsStopped            = "pause-ends-stopped"
	FaultSuspendEndsPaused           = "suspend-ends-paused"
	FaultRestartStoppedRefused       = "restart-stopped-refused"
	FaultResumeRefused               = "resume-refused"
	FaultRestartEndsStopped          = "restart-ends-stopped"
	FaultCaptureImageStuck           = "capture-image-stuck"
	FaultCaptureChangesState         = "capture-changes-state"
	FaultSnapshotUnlisted            = "snapshot-unlisted"
	FaultSnapshotChainBroken         = "snapshot-chain-broken"
	FaultRestoreKeepsLatest          = "restore-keeps-latest"
	FaultRestoreWithoutImage         = "restore-without-image-accepted"
	FaultDefaultStarted              = "default-initial-started"
	FaultInitialStateIgnored         = "initial-state-ignored"
	FaultTransientInitialAccepted    = "transient-initial-state-accepted"
	FaultTemplateOptional            = "machine-template-optional"
	FaultBadReferenceAccepted        = "bad-reference-accepted"
	FaultDisksSurviveDelete          = "disks-survive-delete"
	FaultDeletedStillListed          = "deleted-machine-listed"
	FaultNewMachineUnlisted          = "new-machine-unlisted"
	FaultDiskCapacityString          = "disk-capacity-string"
	FaultVolumesWrongCollection      = "volumes-wrong-collection"
	FaultTemplateDropsName           = "template-drops-name"
	FaultTemplateUpdateIgnored       = "template-update-ignored"
	FaultTemplateDeleteIgnored       = "template-delete-ignored"
	FaultByValueTemplateExposed      = "by-value-template-exposed"
	FaultCredentialDropsParameters   = "credential-drops-parameters"
	FaultCredentialTemplateOptional  = "credential-template-optional"
	FaultCredentialByValueRefused    = "credential-by-value-refused"
	FaultCredentialTemplateDropsName = "credential-template-drops-name"
	FaultCredentialUpdateIgnored     = "credential-update-ignored"
	FaultCredentialDropsName         = "credential-drops-name"
	FaultConfigHalvesMemory          = "config-halves-memory"
	FaultConfigDeleteIgnored         = "config-delete-ignored"
	FaultImageImportStuck            = "image-import-stuck"
	FaultImageDeleteIgnored          = "image-delete-ignored"
	FaultImportedImageRelated        = "imported-image-related"
	FaultBaseURIRelative             = "base-uri-relative"
	FaultCEPOffersAdd                = "cep-offers-add"
	FaultJobCollectionMistyped       = "job-collection-mistyped"
	FaultJobProgressOver             = "job-progress-over-100"
	FaultJobTargetNotAffected        = "job-target-not-affected"
	FaultJobTimeTravel               = "job-status-before-created"
	FaultJobListsDeleted             = "job-lists-deleted"
	FaultCreateBodyIsJob             = "create-body-is-job"
	FaultDiskVendorMediaType         = "disk-vendor-media-type"
	FaultCreateAnswerJSON            = "create-answer-json"
	FaultResumePausedRefused         = "resume-paused-refused"
	FaultMachineIDSlash              = "machine-id-trailing-slash"
	FaultCreateProvisioning          = "create-lingers-provisioning"
	FaultXMLMachineCreateRefused     = "xml-machine-create-refused"
	FaultTemplateReferenceRefused    = "template-reference-refused"
	FaultCEPWithoutConfigs           = "cep-without-machine-configs"
	FaultDiskWithoutContentType      = "disk-without-content-type"
	FaultV1Wrappers                  = "v1-xml-with-2.0-wrappers"
	FaultV1NoVersionHeader           = "v1-no-version-header"
	// ResourceMetadata and discovery.
	FaultRMEntryWithoutTypeURI  = "rm-entry-without-typeuri"
	FaultRMExtensionNoNamespace = "rm-extension-without-namespace"
	FaultRMCapabilityMisnamed   = "rm-capability-misnamed"
	FaultRMByValueUnimplied     = "rm-by-value-unimplied"
	FaultRMActionNoMethod       = "rm-action-without-method"
	FaultRMActionsIncomplete    = "rm-actions-incomplete"
	FaultRMExtensionMissing     = "rm-extension-missing"
	FaultRMReadOnlyWritten      = "rm-read-only-extension-written"
	FaultRMInstanceWrong        = "rm-instance-metadata-wrong"
	FaultRMTemplateIgnored      = "rm-template-metadata-ignored"
	FaultMaxPropertiesTruncated = "max-properties-truncated"
	FaultInitialStoppedIgnored  = "initial-stopped-ignored"
	FaultNoQueryCapabilities    = "no-query-capabilities"
	FaultConfigWithoutCPUArch   = "config-without-cpu-arch"
	FaultGoneAnswers410         = "gone-answers-410"
)

// Fault describes one switch.
type Fault struct {
	Name        string
	Description string
}

var faultList = []Fault{
	{FaultCreateNoLocation, "answers a create without the Location header"},
	{FaultWrongResourceURI, "gives Machines the JSON resourceURI …/VirtualMachine"},
	{FaultXMLNamespace, "writes XML in the namespace http://schemas.dmtf.org/cimi/N/ (trailing slash)"},
	{FaultStopStaysStarted, "accepts stop but leaves the Machine STARTED"},
	{FaultOpsIgnoreState, "advertises every Machine action whatever the state"},
	{FaultDeleteLeavesReadable, "answers a Machine delete but keeps the Machine"},
	{FaultCollectionCount, "reports a collection count one higher than the items"},
	{FaultJobNeverEnds, "never ends a Job: it stays RUNNING at 50% after the work is done"},
	{FaultCreateIgnoresName, "drops the name, description and properties of a MachineCreate"},
	{FaultOverridePersists, "writes the overrides of a create by reference into the referenced MachineTemplate"},
	{FaultWrongStateAccepted, "accepts a start on a STARTED Machine and runs it through STARTING again"},
	{FaultUpdatedOnAction, "changes a Machine's updated time when an action completes"},
	{FaultRelativeJobURI, "sends a relative CIMI-Job-URI"},
	{FaultErrorWithoutJob, "answers errors with a plain-text body instead of a Job"},
	{FaultUnknownAttrAccepted, "silently drops unknown attributes instead of rejecting the request"},
	{FaultFilterIgnored, "ignores $filter although FilterParameter is advertised"},
	{FaultCountIgnoresFilter, "reports the unfiltered count of a filtered collection"},
	{FaultFirstLastOffByOne, "counts $first from 0: $first=2 starts at the third item"},
	{FaultOrderByIgnored, "ignores $orderby although OrderByParameter is advertised"},
	{FaultSelectIgnored, "ignores $select on GET and PUT although SelectParameter is advertised"},
	{FaultSelectDropsResourceURI, "drops resourceURI from JSON answers to a $select"},
	{FaultExpandIgnored, "ignores $expand although ExpandParameter is advertised"},
	{FaultFormatIgnored, "ignores $format and answers in the Accept format"},
	{FaultUnknownParamRejected, "answers 400 to a query parameter it does not know"},
	{FaultPartialUpdateIgnored, "treats PUT ?$select=… as a full update, removing what was not sent"},
	{FaultETagIgnored, "sends ETags but ignores If-Match"},
	{FaultMediaTypeAccepted, "accepts request bodies of any Content-Type as JSON"},
	{FaultDateTimeNoZone, "writes dateTimes without a UTC offset"},
	{FaultExtensionRejected, "refuses its own extension attribute when a client sends it back in a PUT"},
	{FaultJSONXMLDisagree, "reports a different cpu in XML than in JSON"},
	{FaultEmptyValuesSent, "sends empty values: an empty properties map and an empty description"},
	{FaultOversizedBody500, "answers an oversized body with 500 instead of 413"},
	{FaultRelativeSlashURIs, "writes hrefs as relative URIs that start with a slash"},
	{FaultDanglingReference, "gives the seeded MachineTemplate a credential reference that leads nowhere"},
	{FaultIDNotSelf, "answers GET on a ResourceMetadata with the id of its collection"},
	{FaultProviderDollarParam, "puts a query parameter of its own, $page, in the Cloud Entry Point's jobs href"},
	{FaultWildcardAcceptRefused, "answers 406 to a request without Accept or with Accept */*"},
	{FaultHTMLForUnknownAccept, "answers Accept: text/html with an HTML page"},
	{FaultNoContentLength, "sends bodies chunked, without Content-Length"},
	{FaultMalformedBody500, "answers a malformed JSON or XML body with 500"},
	{FaultImageWithoutLocation, "registers a MachineImage that has no imageLocation"},
	{FaultResourceURIRequired, "refuses JSON bodies that leave out resourceURI"},
	{FaultResourceURIIgnored, "accepts JSON bodies whose resourceURI names another type"},
	{FaultActionBodyIgnored, "does not compare the action of an Action body with the operation it is posted to"},
	{FaultWrongTypeCoerced, "turns a string where an integer belongs into 1 instead of refusing it"},
	{FaultPartialUpdateKeeps, "keeps an attribute that PUT ?$select names but the body leaves out"},
	{FaultVScopeIgnored, "accepts a MachineConfiguration outside the vscope it advertises"},
	{FaultRunningJobKept, "answers DELETE on a running Job with 200 and keeps it running"},
	{FaultNestedFailureHidden, "ends a capture's Job SUCCESS while its nested Job FAILED"},
	{FaultDanglingImageRef, "keeps references to a MachineImage after deleting it"},
	{FaultCountAfterSubset, "reports the number of items returned as count under $first/$last"},
	{FaultExpandUnknownRejected, "answers 400 to $expand naming an attribute that is not a reference"},
	{FaultEmptyRangeError, "answers 400 when $first is after $last"},
	{FaultSelectStarNoOps, "leaves operations out of the answer to $select=*"},
	{FaultUnstableOrder, "rotates the order of collection items on every request"},
	{FaultNoAuthChallenge, "answers 401 without WWW-Authenticate"},
	{FaultPauseEndsStopped, "takes a paused Machine to STOPPED instead of PAUSED"},
	{FaultSuspendEndsPaused, "takes a suspended Machine to PAUSED instead of SUSPENDED"},
	{FaultRestartStoppedRefused, "advertises restart on a STOPPED Machine but refuses it"},
	{FaultResumeRefused, "refuses start on a SUSPENDED Machine although it advertises it"},
	{FaultRestartEndsStopped, "leaves a restarted Machine STOPPED"},
	{FaultCaptureImageStuck, "leaves a captured image CREATING for ever"},
	{FaultCaptureChangesState, "leaves a captured Machine STOPPED whatever it was before"},
	{FaultSnapshotUnlisted, "does not list a snapshot in its Machine's snapshots"},
	{FaultSnapshotChainBroken, "gives a new snapshot no relatedImage"},
	{FaultRestoreKeepsLatest, "does not point latestSnapshot at the image a restore used"},
	{FaultRestoreWithoutImage, "accepts a restore that names no image"},
	{FaultDefaultStarted, "starts a new Machine that asked for no initialState"},
	{FaultInitialStateIgnored, "ignores initialState STARTED: new Machines end STOPPED"},
	{FaultTransientInitialAccepted, "accepts initialState STARTING and leaves the Machine there"},
	{FaultTemplateOptional, "makes a Machine from a MachineCreate without machineTemplate"},
	{FaultBadReferenceAccepted, "accepts a MachineCreate naming a configuration that does not exist"},
	{FaultDisksSurviveDelete, "keeps the Disks of a deleted Machine"},
	{FaultDeletedStillListed, "keeps listing a deleted Machine in the MachineCollection"},
	{FaultNewMachineUnlisted, "does not list new Machines in the MachineCollection"},
	{FaultDiskCapacityString, "writes Disk capacity as a string"},
	{FaultVolumesWrongCollection, "points a Machine's volumes at its disks collection"},
	{FaultTemplateDropsName, "drops the name of a posted MachineTemplate"},
	{FaultTemplateUpdateIgnored, "answers PUT on a MachineTemplate with 200 and changes nothing"},
	{FaultTemplateDeleteIgnored, "answers DELETE on a MachineTemplate with 200 and keeps it"},
	{FaultByValueTemplateExposed, "stores a template given by value in the MachineTemplateCollection"},
	{FaultCredentialDropsParameters, "does not copy a CredentialTemplate's parameters to the Credential"},
	{FaultCredentialTemplateOptional, "makes a Credential from a CredentialCreate without credentialTemplate"},
	{FaultCredentialByValueRefused, "refuses a credentialTemplate by value although it offers CredentialTemplateByValue"},
	{FaultCredentialTemplateDropsName, "drops the name of a posted CredentialTemplate"},
	{FaultCredentialUpdateIgnored, "answers PUT on a Credential with 200 and changes nothing"},
	{FaultCredentialDropsName, "drops the name of a CredentialCreate"},
	{FaultConfigHalvesMemory, "stores half the memory of a posted MachineConfiguration"},
	{FaultConfigDeleteIgnored, "answers DELETE on a MachineConfiguration with 200 and keeps it"},
	{FaultImageImportStuck, "leaves an imported image CREATING for ever"},
	{FaultImageDeleteIgnored, "answers DELETE on a MachineImage with 200 and keeps it"},
	{FaultImportedImageRelated, "gives an imported IMAGE a relatedImage"},
	{FaultBaseURIRelative, "writes baseURI as a relative URI"},
	{FaultCEPOffersAdd, "advertises an add operation on the Cloud Entry Point"},
	{FaultJobCollectionMistyped, "names the JobCollection …/JobsCollection"},
	{FaultJobProgressOver, "reports progress 101 on finished Jobs"},
	{FaultJobTargetNotAffected, "leaves the target out of a Job's affectedResources"},
	{FaultJobTimeTravel, "dates a Job's timeOfStatusChange before its creation"},
	{FaultJobListsDeleted, "keeps a deleted Machine in the affectedResources of its Jobs"},
	{FaultCreateBodyIsJob, "answers a synchronous create with the Job instead of the new resource"},
	{FaultDiskVendorMediaType, "serves Disks as application/vnd.cimi+json"},
	{FaultCreateAnswerJSON, "answers creates in JSON whatever the Accept header asks"},
	{FaultResumePausedRefused, "refuses start on a PAUSED Machine although it advertises it"},
	{FaultMachineIDSlash, "answers GET on a Machine with its id plus a trailing slash"},
	{FaultCreateProvisioning, "ends the create Job at once while the new Machine stays PROVISIONING for a while"},
	{FaultXMLMachineCreateRefused, "refuses every MachineCreate sent in XML"},
	{FaultTemplateReferenceRefused, "refuses a MachineCreate that names its MachineTemplate by href"},
	{FaultCEPWithoutConfigs, "leaves machineConfigs out of the Cloud Entry Point"},
	{FaultDiskWithoutContentType, "serves Disks without a Content-Type header"},
	{FaultV1Wrappers, "in 1.1 mode, wraps arrays, properties and collection items as 2.0 does"},
	{FaultV1NoVersionHeader, "in 1.1 mode, sends no CIMI-Specification-Version and ignores the one asked for"},
	{FaultRMEntryWithoutTypeURI, "gives the Job ResourceMetadata no typeURI"},
	{FaultRMExtensionNoNamespace, "declares the region extension without its namespace"},
	{FaultRMCapabilityMisnamed, "advertises Machine/InitialState, the spec's own misprint, beside InitialStates"},
	{FaultRMByValueUnimplied, "sets MachineConfigByValue without MachineTemplateByValue"},
	{FaultRMActionNoMethod, "lists the Machine actions without their method"},
	{FaultRMActionsIncomplete, "leaves restore out of the Machine actions while Machines offer it"},
	{FaultRMExtensionMissing, "declares region providerMandatory but leaves it out of Machines"},
	{FaultRMReadOnlyWritten, "lets a PUT change region, which it declares not writable"},
	{FaultRMInstanceWrong, "points each Machine's resourceMetadata at the Credential ResourceMetadata"},
	{FaultRMTemplateIgnored, "drops the resourceMetadata of Machines made from a template that names one in genResourceMetadata"},
	{FaultMaxPropertiesTruncated, "keeps only 8 properties while it advertises MaxPropertyItems 64"},
	{FaultInitialStoppedIgnored, "starts a Machine created with initialState STOPPED"},
	{FaultNoQueryCapabilities, "advertises none of its query parameters (it still honours them)"},
	{FaultConfigWithoutCPUArch, "seeds MachineConfigurations without cpuArch"},
	{FaultGoneAnswers410, "answers 410 Gone for a deleted Machine"},
}

var faultIndex = func() map[string]Fault {
	m := map[string]Fault{}
	for _, f := range faultList {
		m[f.Name] = f
	}
	return m
}()

// Faults lists every fault switch, sorted by name.
func Faults() []Fault {
	out := append([]Fault(nil), faultList...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
