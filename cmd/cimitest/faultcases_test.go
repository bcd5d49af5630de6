package main

import (
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// What each fault switch of the reference must do to a run, and where the
// checks no switch turns red are proven instead. The fault is named by the
// reference's constant and the checks by their catalogue variables: a typo
// does not compile.

// faultCase says what a fault switch must do to a run: the checks it turns
// red (fail, warn or error) and those that depend on them and so may go
// untested or unsupported.
type faultCase struct {
	red, blocked []*checks.Check
	leaks        bool
	args         []string
	// focus, when set, runs only the scenarios of these labels: for a
	// switch confined to one family's code, those that reach it. Results
	// left out by the filter are not compared.
	focus string
	// warnOnly faults break SHOULD rules only: the run warns and exits 0.
	warnOnly bool
	// cascade faults break something most scenarios build on: any other
	// check may go untested or unsupported, but none may turn red.
	cascade bool
	// kin judge the same defect where it shows, which depends on timing (a
	// state that lingers for a moment): they may turn red, or stay as in
	// the clean run.
	kin []*checks.Check
	// unsupported checks must all be not supported: the switch hides the
	// feature they need, and discovery must notice.
	unsupported []*checks.Check
	// unobserved checks must all be not tested: the switch takes away what
	// they would see (a restart that does nothing looks like a fast one),
	// and they must say so rather than pass.
	unobserved []*checks.Check
}

var faultCases = map[string]faultCase{
	// A Machine without the name the run gave cannot be told from another's:
	// the run refuses to write to it, and leaves it (identity-kept fails).
	reference.FaultCreateIgnoresName: {red: []*checks.Check{checks.MachineCreateAttributes, checks.MachinePropertiesVerbatim, checks.HTTPIdentityKept},
		cascade: true, leaks: true},
	reference.FaultCreateNoLocation: {red: []*checks.Check{checks.HTTPCreateLocation}, blocked: []*checks.Check{checks.RMTemplateRef, checks.ImageDeletePartials, checks.ImageDeleteRelinks, checks.MachineSnapshotRelated}},
	reference.FaultDeleteLeavesReadable: {red: []*checks.Check{checks.MachineDelete, checks.WalkCleanup}, leaks: true,
		blocked: []*checks.Check{checks.HTTPErrorJob, checks.HTTPNotFound, checks.JobNoDeleted, checks.MachineDeleteChildren, checks.MachineDeleteUnlisted, checks.MachineDeleteKeepsImages}},
	reference.FaultErrorWithoutJob: {red: []*checks.Check{checks.HTTPErrorJob}},
	reference.FaultJobNeverEnds: {red: []*checks.Check{checks.HTTPAsyncJob, checks.HTTPCreateJob, checks.MachineActionJob, checks.HTTPSyncJobDone, checks.WalkJob},
		blocked: []*checks.Check{checks.HTTPCreateBody, checks.JobNested}, args: []string{"--timeout-job", "300ms"}},
	reference.FaultOpsIgnoreState:   {red: []*checks.Check{checks.MachineOperationsState, checks.WalkRetrieve}},
	reference.FaultOverridePersists: {red: []*checks.Check{checks.TemplateOverride, checks.TemplateErase}},
	reference.FaultRelativeJobURI: {red: []*checks.Check{checks.HTTPJobURI},
		blocked: []*checks.Check{checks.HTTPAsyncJob, checks.HTTPCreateJob, checks.HTTPSyncJobDone, checks.JobNoDeleted, checks.MachineActionJob, checks.JobNested, checks.WalkJob}},
	reference.FaultStopStaysStarted:    {red: []*checks.Check{checks.MachineStop, checks.MachineStopForce, checks.MachineStopWhileStopping}, blocked: []*checks.Check{checks.MachineRestartStopped, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved, checks.MachineDeleteKeepsImages}},
	reference.FaultUnknownAttrAccepted: {red: []*checks.Check{checks.HTTPUnknownAttr}},
	reference.FaultUpdatedOnAction:     {red: []*checks.Check{checks.MachineUpdatedUnchanged}},
	reference.FaultCollectionCount:     {red: []*checks.Check{checks.MachineCollectionCount, checks.QueryFilter, checks.QueryFilterProperty, checks.WalkMetadata}},
	// Its 202 answers carry the Machine under that resourceURI: no partial Machine (P-86).
	reference.FaultWrongResourceURI:   {red: []*checks.Check{checks.ReprResourceURI, checks.JSONXMLAgree, checks.HTTPAsyncJob}, blocked: []*checks.Check{checks.RMExtensions, checks.RMInstanceRef, checks.RMOperations}},
	reference.FaultWrongStateAccepted: {red: []*checks.Check{checks.MachineWrongStateUnmoved, checks.MachineWrongStateRefused}},
	reference.FaultXMLNamespace:       {red: []*checks.Check{checks.ReprNamespace, checks.JSONXMLAgree, checks.ReprMetadataType, checks.WalkDiscover, checks.VolumeRepresentation}},

	// Protocol, query and serialization.
	reference.FaultCountIgnoresFilter: {red: []*checks.Check{checks.QueryFilter, checks.QueryFilterProperty}},
	reference.FaultDateTimeNoZone:     {red: []*checks.Check{checks.ReprDateTime}, warnOnly: true},
	reference.FaultEmptyValuesSent:    {red: []*checks.Check{checks.ReprEmpty, checks.JSONXMLAgree, checks.ReprMap, checks.WalkModify}},
	reference.FaultETagIgnored:        {red: []*checks.Check{checks.HTTPETag}},
	reference.FaultExpandIgnored:      {red: []*checks.Check{checks.QueryExpand, checks.QueryExpandAll, checks.QueryExpandCollection, checks.QueryExpandIgnored}},
	reference.FaultExtensionRejected: {red: []*checks.Check{checks.MachineUpdate, checks.MachineUpdateReadOnly, checks.MachineUpdateRemoves, checks.HTTPETag, checks.RMMaxProperties, checks.RMReadOnly},
		blocked: []*checks.Check{checks.HTTPJobURI, checks.HTTPSyncJobDone}},
	reference.FaultFilterIgnored:          {red: []*checks.Check{checks.QueryFilter, checks.QueryFilterReversed, checks.QueryFilterQuotes, checks.QueryFilterOperators, checks.QueryFilterBoolean, checks.QueryFilterPrecedence, checks.QueryFilterMultiple, checks.QueryFilterMalformed, checks.QueryFilterProperty}},
	reference.FaultFirstLastOffByOne:      {red: []*checks.Check{checks.QueryFirstLast, checks.QueryRangeOutside, checks.QueryFilterThenSubset}},
	reference.FaultFormatIgnored:          {red: []*checks.Check{checks.QueryFormat, checks.WalkDiscover}},
	reference.FaultJSONXMLDisagree:        {red: []*checks.Check{checks.JSONXMLAgree, checks.MachineConfigApplied, checks.MachineConfigByValue}},
	reference.FaultMediaTypeAccepted:      {red: []*checks.Check{checks.HTTPUnsupportedMedia}, warnOnly: true},
	reference.FaultOrderByIgnored:         {red: []*checks.Check{checks.QueryOrderBy}},
	reference.FaultOversizedBody500:       {red: []*checks.Check{checks.HTTPOversizedBody}},
	reference.FaultPartialUpdateIgnored:   {red: []*checks.Check{checks.UpdateSelect, checks.UpdateSelectExtra}},
	reference.FaultRelativeSlashURIs:      {red: []*checks.Check{checks.ReprURI, checks.VolumeRepresentation}},
	reference.FaultSelectDropsResourceURI: {red: []*checks.Check{checks.QuerySelect}},
	reference.FaultSelectIgnored:          {red: []*checks.Check{checks.QuerySelect, checks.QuerySelectUnknown, checks.QuerySelectMerge, checks.QuerySelectCollection, checks.QuerySelectPath, checks.UpdateSelect, checks.UpdateSelectExtra}},
	reference.FaultUnknownParamRejected:   {red: []*checks.Check{checks.QueryUnknownIgnored}},
	reference.FaultDanglingReference:      {red: []*checks.Check{checks.CrawlReachable}},
	reference.FaultIDNotSelf:              {red: []*checks.Check{checks.CrawlSelf}},
	reference.FaultProviderDollarParam:    {red: []*checks.Check{checks.QueryProviderParams}},
	reference.FaultWildcardAcceptRefused:  {red: []*checks.Check{checks.HTTPNoAccept, checks.HTTPAcceptAny}},
	reference.FaultHTMLForUnknownAccept:   {red: []*checks.Check{checks.HTTPNotAcceptable}, warnOnly: true},
	reference.FaultNoContentLength:        {red: []*checks.Check{checks.HTTPContentLength}},
	reference.FaultMalformedBody500:       {red: []*checks.Check{checks.HTTPMalformedBody}},
	reference.FaultImageWithoutLocation: {red: []*checks.Check{checks.HTTPMissingRequired, checks.ReprMandatory},
		blocked: []*checks.Check{checks.HTTPErrorJob}},
	reference.FaultResourceURIRequired:   {red: []*checks.Check{checks.HTTPNoResourceURI}},
	reference.FaultResourceURIIgnored:    {red: []*checks.Check{checks.HTTPWrongResourceURI}},
	reference.FaultActionBodyIgnored:     {red: []*checks.Check{checks.HTTPUnknownAction, checks.MachineWrongAction}, warnOnly: true},
	reference.FaultWrongTypeCoerced:      {red: []*checks.Check{checks.HTTPWrongType}},
	reference.FaultPartialUpdateKeeps:    {red: []*checks.Check{checks.UpdateSelectReset, checks.UpdateSelectExtra, checks.WalkModify}},
	reference.FaultVScopeIgnored:         {red: []*checks.Check{checks.ValueScope}},
	reference.FaultRunningJobKept:        {red: []*checks.Check{checks.JobDeleteRunning}},
	reference.FaultNestedFailureHidden:   {red: []*checks.Check{checks.JobNested}},
	reference.FaultDanglingImageRef:      {red: []*checks.Check{checks.RefDeletedTarget, checks.CrawlReachable}},
	reference.FaultCountAfterSubset:      {red: []*checks.Check{checks.QueryCountUnsubset}},
	reference.FaultExpandUnknownRejected: {red: []*checks.Check{checks.QueryExpandIgnored}},
	reference.FaultEmptyRangeError:       {red: []*checks.Check{checks.QueryRangeEmpty}},
	reference.FaultSelectStarNoOps:       {red: []*checks.Check{checks.QuerySelectAll}},
	// A collection whose order moves between two reads cannot have its JSON
	// and XML forms compared: repr.json-xml-agree is left not tested.
	reference.FaultUnstableOrder: {red: []*checks.Check{checks.QueryStableOrder, checks.QueryFirstLast, checks.QueryOrderBy, checks.QueryRangeOutside},
		blocked: []*checks.Check{checks.QueryFilter, checks.QueryCountUnsubset, checks.QuerySelectCollection, checks.JSONXMLAgree}},
	reference.FaultNoAuthChallenge: {red: []*checks.Check{checks.HTTPUnauthenticated}, warnOnly: true},
	// Credentials are asked for everywhere, and wrong ones are not enough.
	reference.FaultAuthOnlyEntryPoint: {red: []*checks.Check{checks.HTTPUnauthenticated}, warnOnly: true},
	reference.FaultAuthAnyPassword:    {red: []*checks.Check{checks.HTTPUnauthenticated}, warnOnly: true},

	// The Machine family, templates, credentials, images, Jobs.
	reference.FaultPauseEndsStopped:      {red: []*checks.Check{checks.MachinePause}, blocked: []*checks.Check{checks.MachineResumePaused, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved}},
	reference.FaultSuspendEndsPaused:     {red: []*checks.Check{checks.MachineSuspend}, blocked: []*checks.Check{checks.MachineResumeSuspended, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved}},
	reference.FaultRestartStoppedRefused: {red: []*checks.Check{checks.MachineRestartStopped}},
	reference.FaultResumeRefused: {red: []*checks.Check{checks.MachineResumeSuspended, checks.MachineStart},
		blocked: []*checks.Check{checks.MachineCapture, checks.MachineCaptureState, checks.MachineRestart, checks.MachineRestore, checks.MachineRestoreNeedsImage, checks.MachineSnapshot, checks.MachineSnapshotChain, checks.JobNested, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved}},
	reference.FaultRestartEndsStopped:  {red: []*checks.Check{checks.MachineRestart, checks.MachineRestartStopped, checks.WalkStartStop, checks.MachineRestartForce}},
	reference.FaultCaptureImageStuck:   {red: []*checks.Check{checks.MachineCapture, checks.WalkCapture}, leaks: true},
	reference.FaultCaptureChangesState: {red: []*checks.Check{checks.MachineCaptureState}},
	reference.FaultSnapshotUnlisted: {red: []*checks.Check{checks.MachineSnapshot},
		blocked: []*checks.Check{checks.MachineRestore, checks.MachineRestoreNeedsImage, checks.ImageDeletePartials}},
	reference.FaultSnapshotChainBroken:      {red: []*checks.Check{checks.MachineSnapshot, checks.MachineSnapshotChain}, blocked: []*checks.Check{checks.ImageDeletePartials, checks.ImageDeleteRelinks}},
	reference.FaultRestoreKeepsLatest:       {red: []*checks.Check{checks.MachineRestore}},
	reference.FaultRestoreWithoutImage:      {red: []*checks.Check{checks.MachineRestoreNeedsImage}},
	reference.FaultDefaultStarted:           {red: []*checks.Check{checks.MachineInitialState, checks.TemplateErase}},
	reference.FaultInitialStateIgnored:      {red: []*checks.Check{checks.MachineInitialStarted, checks.RMInitialStates}},
	reference.FaultTransientInitialAccepted: {red: []*checks.Check{checks.MachineCreateTransient}, leaks: true},
	reference.FaultTemplateOptional:         {red: []*checks.Check{checks.MachineCreateNeedsTemplate}},
	reference.FaultBadReferenceAccepted:     {red: []*checks.Check{checks.MachineCreateBadReference}, warnOnly: true},
	reference.FaultDisksSurviveDelete:       {red: []*checks.Check{checks.MachineDeleteChildren}, leaks: true},
	// The crawl reads the deleted Machine's href where it runs after a delete.
	reference.FaultDeletedStillListed: {red: []*checks.Check{checks.MachineDeleteUnlisted, checks.WalkCleanup},
		kin: []*checks.Check{checks.CrawlReachable}},
	reference.FaultNewMachineUnlisted: {red: []*checks.Check{checks.MachineListed, checks.QueryFilterProperty}},
	reference.FaultDiskCapacityString: {red: []*checks.Check{checks.MachineDisks, checks.ReprInteger}},
	// The Volume steps find no locatedVolume collection to insert into.
	reference.FaultVolumesWrongCollection: {red: []*checks.Check{checks.MachineSubCollections, checks.ReprResourceURI, checks.VolumeInsert},
		kin: []*checks.Check{checks.MachineTemplateVolumes, checks.MachineVolumeTemplates}, cascade: true},
	reference.FaultTemplateDropsName: {red: []*checks.Check{checks.TemplateCreate, checks.WalkTemplate, checks.HTTPIdentityKept}, leaks: true,
		blocked: []*checks.Check{checks.TemplateUpdate, checks.TemplateDelete, checks.TemplateSparesMachines}},
	reference.FaultTemplateUpdateIgnored:     {red: []*checks.Check{checks.TemplateUpdate}},
	reference.FaultTemplateDeleteIgnored:     {red: []*checks.Check{checks.TemplateDelete, checks.WalkCleanup}, leaks: true},
	reference.FaultByValueTemplateExposed:    {red: []*checks.Check{checks.TemplateHidden}},
	reference.FaultCredentialDropsParameters: {red: []*checks.Check{checks.CredentialParameters}},
	reference.FaultCredentialTemplateOptional: {red: []*checks.Check{checks.CredentialNeedsTemplate},
		blocked: []*checks.Check{checks.HTTPErrorJob}},
	reference.FaultCredentialByValueRefused:    {red: []*checks.Check{checks.CredentialByValue}},
	reference.FaultCredentialTemplateDropsName: {red: []*checks.Check{checks.CredentialTemplateCreate}, leaks: true},
	reference.FaultCredentialUpdateIgnored:     {red: []*checks.Check{checks.CredentialUpdateDelete}},
	reference.FaultCredentialDropsName: {red: []*checks.Check{checks.CredentialCreate, checks.HTTPIdentityKept}, leaks: true,
		blocked: []*checks.Check{checks.CredentialUpdateDelete}},
	reference.FaultConfigHalvesMemory:  {red: []*checks.Check{checks.ConfigCreate}},
	reference.FaultConfigDeleteIgnored: {red: []*checks.Check{checks.ConfigDelete}, leaks: true},
	reference.FaultImageImportStuck: {red: []*checks.Check{checks.ImageCreate}, leaks: true,
		blocked: []*checks.Check{checks.ImageDelete, checks.RefDeletedTarget, checks.HTTPJobURI, checks.HTTPSyncJobDone}},
	reference.FaultImageDeleteIgnored:    {red: []*checks.Check{checks.ImageDelete, checks.WalkCleanup}, leaks: true, blocked: []*checks.Check{checks.RefDeletedTarget, checks.ImageDeletePartials, checks.ImageDeleteRelinks}},
	reference.FaultImportedImageRelated:  {red: []*checks.Check{checks.ImageNoRelated}},
	reference.FaultBaseURIRelative:       {red: []*checks.Check{checks.CEPBaseURI, checks.ReprURI}},
	reference.FaultCEPOffersAdd:          {red: []*checks.Check{checks.CEPOperations}},
	reference.FaultJobCollectionMistyped: {red: []*checks.Check{checks.CEPCollections, checks.ReprResourceURI, checks.JobCollectionShape}},
	reference.FaultJobProgressOver:       {red: []*checks.Check{checks.JobProgress, checks.HTTPSyncJobDone, checks.MachineActionJob, checks.WalkJob}},
	reference.FaultJobTargetNotAffected:  {red: []*checks.Check{checks.JobTargetAffected, checks.WalkJob}},
	reference.FaultJobTimeTravel:         {red: []*checks.Check{checks.JobStatusTime}},
	// The crawl follows a Job's affected resources: one that is deleted is
	// a reference it cannot read, when the crawl comes upon that Job.
	reference.FaultJobListsDeleted:      {red: []*checks.Check{checks.JobNoDeleted}, kin: []*checks.Check{checks.CrawlReachable}},
	reference.FaultCreateBodyIsJob:      {red: []*checks.Check{checks.HTTPCreateBody, checks.ReprResourceURI}},
	reference.FaultDiskVendorMediaType:  {red: []*checks.Check{checks.HTTPMediaType}},
	reference.FaultCreateAnswerJSON:     {red: []*checks.Check{checks.HTTPAcceptHonored}, warnOnly: true},
	reference.FaultConfigWithoutCPUArch: {red: []*checks.Check{checks.WalkCatalogue, checks.ReprMandatory}},
	reference.FaultGoneAnswers410:       {red: []*checks.Check{checks.HTTPNotFound}, warnOnly: true},

	// ResourceMetadata and discovery.
	// The misspelt typeURI names no type: the ResourceMetadata is found by
	// its name, and the MachineConfigurations do not match it.
	// The configurations seem not creatable: their checks are not supported,
	// the claim file disagrees, and the POST sent anyway makes one.
	reference.FaultConfigAddUnadvertised:     {red: []*checks.Check{checks.HTTPUnadvertisedAdd, checks.ClaimsMatch}, cascade: true},
	reference.FaultStartThroughStopping:      {red: []*checks.Check{checks.MachineStart, checks.WalkStartStop}},
	reference.FaultInterfacesWrongCollection: {red: []*checks.Check{checks.MachineSubCollections, checks.ReprResourceURI}},
	reference.FaultRMCIMIAttributeTyped:      {red: []*checks.Check{checks.RMAttributes, checks.RMExtensions}},
	reference.FaultRMAttributeUnconstrained:  {red: []*checks.Check{checks.RMAttributes}},
	reference.FaultRMCapabilityTwice:         {red: []*checks.Check{checks.RMCapabilities}},
	reference.FaultRMCapabilityMisplaced:     {red: []*checks.Check{checks.RMCapabilities}},
	// job.retention cannot read a number of minutes in JobRetention.
	reference.FaultRMCapabilityValueWord: {red: []*checks.Check{checks.RMCapabilities}, blocked: []*checks.Check{checks.JobRetention}},
	// Without the header the Job of the PUT cannot be followed.
	reference.FaultJobURIMissingOnPut:    {red: []*checks.Check{checks.HTTPJobURI}, blocked: []*checks.Check{checks.HTTPSyncJobDone}},
	reference.FaultSelectDropsOperations: {red: []*checks.Check{checks.QuerySelect}},
	// The text answer is neither empty, a Job nor the Machine.
	reference.FaultAcceptedAnswersText:    {red: []*checks.Check{checks.HTTPAsyncJob, checks.MachineActionAnswer}},
	reference.FaultPropertyKeysFolded:     {red: []*checks.Check{checks.MachinePropertiesVerbatim}},
	reference.FaultExpandLastOnly:         {red: []*checks.Check{checks.QueryExpandIgnored}},
	reference.FaultETagNeverChanges:       {red: []*checks.Check{checks.HTTPETag}},
	reference.FaultRMTypeURIMisspelled:    {red: []*checks.Check{checks.ReprMetadataType}},
	reference.FaultRMEntryWithoutTypeURI:  {red: []*checks.Check{checks.RMEntries, checks.ReprMandatory, checks.ReprMetadataType, checks.WalkMetadata}},
	reference.FaultRMExtensionNoNamespace: {red: []*checks.Check{checks.RMAttributes, checks.VolumeAvailabilityLevel}, blocked: []*checks.Check{checks.RMExtensions, checks.RMReadOnly}},
	reference.FaultRMCapabilityMisnamed:   {red: []*checks.Check{checks.RMCapabilities, checks.ClaimsMatch}},
	reference.FaultRMByValueUnimplied:     {red: []*checks.Check{checks.RMImplied, checks.ClaimsMatch}},
	reference.FaultRMActionNoMethod:       {red: []*checks.Check{checks.RMActions, checks.ReprMandatory, checks.WalkMetadata}},
	reference.FaultRMActionsIncomplete:    {red: []*checks.Check{checks.RMOperations, checks.ClaimsMatch}, blocked: []*checks.Check{checks.MachineRestore, checks.MachineRestoreNeedsImage, checks.MachineRestoreFromImage}},
	reference.FaultRMExtensionMissing:     {red: []*checks.Check{checks.RMExtensions}, blocked: []*checks.Check{checks.RMReadOnly}},
	reference.FaultRMReadOnlyWritten:      {red: []*checks.Check{checks.RMReadOnly, checks.RMExtensions}},
	reference.FaultRMInstanceWrong:        {red: []*checks.Check{checks.RMInstanceRef, checks.RMTemplateRef}},
	reference.FaultRMTemplateIgnored:      {red: []*checks.Check{checks.RMTemplateRef}},
	reference.FaultMaxPropertiesTruncated: {red: []*checks.Check{checks.RMMaxProperties}},
	reference.FaultInitialStoppedIgnored:  {red: []*checks.Check{checks.RMInitialStates, checks.TemplateOverride}},
	reference.FaultNoQueryCapabilities:    {unsupported: []*checks.Check{checks.QueryFilter, checks.QueryFilterReversed, checks.QueryFirstLast, checks.QueryOrderBy, checks.QuerySelect, checks.QueryExpand, checks.QueryFormat, checks.UpdateSelect, checks.QueryCountUnsubset, checks.QueryExpandAll, checks.QueryExpandCollection, checks.QueryExpandIgnored, checks.QueryFilterBoolean, checks.QueryFilterMalformed, checks.QueryFilterMultiple, checks.QueryFilterOperators, checks.QueryFilterPrecedence, checks.QueryFilterProperty, checks.QueryFilterQuotes, checks.QueryFilterThenSubset, checks.QueryRangeEmpty, checks.QueryRangeOutside, checks.QuerySelectAll, checks.QuerySelectCollection, checks.QuerySelectMerge, checks.QuerySelectPath, checks.QuerySelectUnknown, checks.QueryStableOrder, checks.UpdateSelectExtra, checks.UpdateSelectReset, checks.WalkModify}, red: []*checks.Check{checks.ClaimsMatch}, warnOnly: true},
	reference.FaultResumePausedRefused: {red: []*checks.Check{checks.MachineResumePaused, checks.MachineStart},
		blocked: []*checks.Check{checks.MachineCapture, checks.MachineCaptureState, checks.MachineRestart, checks.MachineRestore, checks.MachineRestoreNeedsImage, checks.MachineSnapshot, checks.MachineSnapshotChain, checks.JobNested, checks.MachineSuspend, checks.MachineResumeSuspended, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved}},
	reference.FaultMachineIDSlash: {red: []*checks.Check{checks.MachineRead, checks.CrawlSelf, checks.MachineDiskParent}},
	reference.FaultCreateProvisioning: {red: []*checks.Check{checks.MachineCreatingState, checks.ReprValues, checks.TemplateByReference, checks.TemplateOverride, checks.TemplateErase, checks.RMInitialStates, checks.WalkByValue, checks.MachineConfigByValue},
		cascade: true, kin: []*checks.Check{checks.MachineCredentialByValue, checks.MachineImageByValue}},
	reference.FaultXMLMachineCreateRefused: {red: []*checks.Check{checks.MachineCreate, checks.MachineByValue, checks.TemplateByReference, checks.TemplateOverride, checks.TemplateErase, checks.TemplateHidden, checks.RMInitialStates, checks.WalkByValue, checks.WalkTemplate, checks.MachineConfigByValue, checks.MachineCredentialByValue, checks.MachineImageByValue, checks.MachineTemplateVolumes}, cascade: true},
	reference.FaultTemplateReferenceRefused: {red: []*checks.Check{checks.TemplateByReference, checks.TemplateOverride, checks.TemplateErase, checks.WalkTemplate},
		blocked: []*checks.Check{checks.MachineInitialStarted, checks.RMTemplateRef, checks.TemplateSparesMachines}},
	reference.FaultCEPWithoutConfigs:      {red: []*checks.Check{checks.CEPMinimal, checks.ClaimsMatch}, cascade: true},
	reference.FaultDiskWithoutContentType: {red: []*checks.Check{checks.HTTPHeaders, checks.HTTPContentLength, checks.HTTPMediaType}},
}

// machineRuleCases are the switches of the Machine rules beyond the
// lifecycle (suites/machine_rules.go and its kin).
var machineRuleCases = map[string]faultCase{
	reference.FaultDeleteMachineTakesSnapshots: {red: []*checks.Check{checks.MachineDeleteKeepsImages}},
	// A 200 that comes while the work goes on also breaks the synchronous answer.
	reference.FaultActionAnswersText:        {red: []*checks.Check{checks.MachineActionAnswer, checks.HTTPSyncJobDone}},
	reference.FaultStopWhileStoppingRefused: {red: []*checks.Check{checks.MachineStopWhileStopping}, warnOnly: true},
	reference.FaultRestartRefusesForce:      {red: []*checks.Check{checks.MachineRestartForce}},
	reference.FaultRestartDoesNothing:       {unobserved: []*checks.Check{checks.MachineRestart, checks.MachineRestartForce}},
	// The misprinted pause is no pause: the steps that need it are not
	// supported, and the ResourceMetadata does not list the misprint.
	reference.FaultPauseURITypo: {red: []*checks.Check{checks.MachinePauseURI, checks.RMOperations},
		blocked: []*checks.Check{checks.MachinePause, checks.MachineResumePaused, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved}},
	// The honoured DELETE takes the lifecycle's Machine away, and the
	// cleanup leaves what offers no delete.
	reference.FaultUnadvertisedHonoured:      {red: []*checks.Check{checks.MachineUnadvertisedRefused}, cascade: true, leaks: true},
	reference.FaultSnapshotTakesRelatedImage: {red: []*checks.Check{checks.MachineSnapshotRelated}},
	// The restore moves the Machine's latestSnapshot: the chain after it is off.
	reference.FaultRestoreFromImageAccepted: {red: []*checks.Check{checks.MachineRestoreFromImage}, blocked: []*checks.Check{checks.ImageDeleteRelinks}},
	// A 202's Location read as soon as its Job ended (J-07); the variation
	// gives the 202s, and leaves the 201 body nothing to judge.
	reference.FaultAsyncLocationLate: {red: []*checks.Check{checks.HTTPCreateLocation}, blocked: []*checks.Check{checks.HTTPCreateBody},
		args: []string{"--reference-variation", reference.VariationAsyncCreates}, focus: "configurations"},
	// Under the variation that offers RestoreFromImage: the refusal check
	// then has nothing to judge, and the claim file does not claim it.
	reference.FaultRestoreFromImageRefused: {red: []*checks.Check{checks.MachineRestoreImageAccepted},
		blocked: []*checks.Check{checks.MachineRestoreFromImage}, kin: []*checks.Check{checks.ClaimsMatch},
		args: []string{"--reference-variation", reference.VariationRestoreFromImage}, focus: "machines"},
	reference.FaultBadCredentialAccepted:           {red: []*checks.Check{checks.MachineBadCredential}},
	reference.FaultConfigByValueIgnored:            {red: []*checks.Check{checks.MachineConfigByValue}},
	reference.FaultImageByValueRefused:             {red: []*checks.Check{checks.MachineImageByValue}},
	reference.FaultMachineCredentialByValueRefused: {red: []*checks.Check{checks.MachineCredentialByValue}},
	reference.FaultUserDataUnadvertised: {red: []*checks.Check{checks.MachineUserDataAdvertised, checks.ClaimsMatch},
		unsupported: []*checks.Check{checks.MachineUserDataBase64}},
	reference.FaultUserDataNotBase64Accepted:     {red: []*checks.Check{checks.MachineUserDataBase64}},
	reference.FaultTemplateUpdateChangesMachines: {red: []*checks.Check{checks.TemplateSparesMachines}, warnOnly: true},
	reference.FaultMachineDiskFormat:             {red: []*checks.Check{checks.MachineDiskNoFormat}, warnOnly: true},
	reference.FaultDeleteImageDropsLink:          {red: []*checks.Check{checks.ImageDeleteRelinks}},
	reference.FaultDeleteImageKeepsPartials:      {red: []*checks.Check{checks.ImageDeletePartials}},
	// The renamed userName is what the by-value and update checks read too.
	reference.FaultCredentialAttributeCase:       {red: []*checks.Check{checks.CredentialAttributeNames, checks.CredentialByValue, checks.CredentialUpdateDelete}},
	reference.FaultDiskParentWrong:               {red: []*checks.Check{checks.MachineDiskParent}},
	reference.FaultTemplateTransientInitialState: {red: []*checks.Check{checks.TemplateStableInitialState, checks.ReprValues}},
	// A Machine's default state is what the capability says: the checks that
	// rely on it see the Machine end elsewhere.
	reference.FaultDefaultInitialStateOutside: {red: []*checks.Check{checks.RMCapabilities, checks.MachineInitialState, checks.TemplateErase}},
	// The Location and the Job of the ignored Disk name nothing.
	reference.FaultDiskAddIgnored:           {red: []*checks.Check{checks.MachineDiskAdd, checks.HTTPCreateLocation, checks.HTTPCreateJob}},
	reference.FaultPauseWhenStoppedAccepted: {red: []*checks.Check{checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved}},
	reference.FaultErrorJobFakeID:           {red: []*checks.Check{checks.HTTPErrorJob}},
	// The 200 of a PUT is an answer with a body like a read's (P-69).
	reference.FaultUpdateAnswerUntyped: {red: []*checks.Check{checks.HTTPContentLength, checks.HTTPMediaType, checks.HTTPHeaders}},
}

// machineRuleCases11 are those also run in 1.1, where the 1.x serialization
// (MachineSnapshot associations, XML Credentials) takes another path.
var machineRuleCases11 = []string{reference.FaultDeleteMachineTakesSnapshots, reference.FaultDeleteImageDropsLink,
	reference.FaultDeleteImageKeepsPartials, reference.FaultCredentialAttributeCase, reference.FaultRestartDoesNothing}

func init() {
	for name, fc := range machineRuleCases {
		faultCases[name] = fc
	}
	for _, name := range machineRuleCases11 {
		faultCases11[name] = machineRuleCases[name]
	}
}

// faultCases11 are the switches also run against the reference in 1.1
// mode, judged against the clean 1.1 run; the v1- switches break only the
// 1.x serialization.
var faultCases11 = map[string]faultCase{
	// The 1.x network steps read dns, operations and collection items wrapped.
	reference.FaultV1Wrappers: {red: []*checks.Check{checks.ReprArrays, checks.ReprCollection, checks.ReprMap, checks.VolumeRepresentationV1,
		checks.NetworkCollectionItemsV1, checks.NetworkRepresentationV1, checks.PortRepresentationV1, checks.AddressRepresentationV1,
		checks.ForwardingGroupRepresentationV1, checks.AddressCreateV1, checks.NetworkTemplatesPostedV1, checks.ReprEmpty,
		checks.JSONXMLAgree, checks.ReprStructures}},
	reference.FaultV1NoVersionHeader: {red: []*checks.Check{checks.HTTPVersionHeader}, warnOnly: true},
	reference.FaultXMLNamespace:      {red: []*checks.Check{checks.ReprNamespace, checks.JSONXMLAgree, checks.ReprMetadataType, checks.WalkDiscover, checks.VolumeRepresentationV1}},
	reference.FaultStopStaysStarted:  {red: []*checks.Check{checks.MachineStop, checks.MachineStopForce, checks.MachineStopWhileStopping}, blocked: []*checks.Check{checks.MachineRestartStopped, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved, checks.MachineDeleteKeepsImages}},
	reference.FaultFilterIgnored:     {red: []*checks.Check{checks.QueryFilter, checks.QueryFilterReversed, checks.QueryFilterQuotes, checks.QueryFilterOperators, checks.QueryFilterBoolean, checks.QueryFilterPrecedence, checks.QueryFilterMultiple, checks.QueryFilterMalformed, checks.QueryFilterProperty}},
	reference.FaultSnapshotUnlisted: {red: []*checks.Check{checks.MachineSnapshot},
		blocked: []*checks.Check{checks.MachineRestore, checks.MachineRestoreNeedsImage, checks.ImageDeletePartials}},
}

// provenElsewhere lists the checks no fault switch turns red, with where
// else their failing side is shown, or why it is not.
var provenElsewhere = map[*checks.Check]string{
	checks.CEPRead:            "an entry point that cannot be read stops the run before any check (TestEndpointsThatAreNotCIMIExit2)",
	checks.MachineStableState: "not proven: a Machine that moves at rest would break the waits of every other step",
}
