package checks

import "github.com/cimitest/cimitest/suites/features"

// What each check needs the endpoint to claim (suites/features): a check
// whose feature the endpoint does not advertise is not supported, with the
// reason. Kept apart from the checks, as features and tests are two things.

var (
	filterParam  = features.Capability("CloudEntryPoint", "FilterParameter")
	firstParam   = features.Capability("CloudEntryPoint", "FirstParameter")
	selectParam  = features.Capability("CloudEntryPoint", "SelectParameter")
	expandParam  = features.Capability("CloudEntryPoint", "ExpandParameter")
	orderByParam = features.Capability("CloudEntryPoint", "OrderByParameter")
	formatParam  = features.Capability("CloudEntryPoint", "FormatParameter")
	pathNotation = features.Capability("CloudEntryPoint", "QueryPathNotation")
	valueScopes  = features.Capability("CloudEntryPoint", "ValueScopes")

	jobs         = features.Collection("jobs")
	makeMachines = []features.Feature{features.Collection("machines"), features.Create("Machine")}
	templates    = []features.Feature{features.Collection("machineTemplates"), features.Create("MachineTemplate")}
	credentials  = []features.Feature{features.Collection("credentialTemplates"), features.Create("CredentialTemplate"),
		features.Collection("credentials"), features.Create("Credential")}
)

// machineAction is what a check of the Machine action name needs.
func machineAction(name string) []features.Feature {
	return append(append([]features.Feature(nil), makeMachines...), features.Action("Machine", name))
}

func with(base []features.Feature, more ...features.Feature) []features.Feature {
	return append(append([]features.Feature(nil), base...), more...)
}

var needs = map[string][]features.Feature{
	QueryFilter: {filterParam}, QueryFilterReversed: {filterParam}, QueryFilterQuotes: {filterParam},
	QueryFilterPrecedence: {filterParam}, QueryFilterOperators: {filterParam}, QueryFilterBoolean: {filterParam},
	QueryFilterMultiple: {filterParam}, QueryFilterMalformed: {filterParam}, QueryFilterProperty: with(makeMachines, filterParam),
	QueryFirstLast: {firstParam}, QueryRangeOutside: {firstParam}, QueryRangeEmpty: {firstParam},
	QueryCountUnsubset: {firstParam}, QueryStableOrder: {firstParam}, QueryFilterThenSubset: {filterParam, firstParam},
	QueryOrderBy: {orderByParam}, QueryFormat: {formatParam},
	QuerySelect: {selectParam}, QuerySelectUnknown: {selectParam}, QuerySelectAll: {selectParam},
	QuerySelectMerge: {selectParam}, QuerySelectCollection: {selectParam}, QuerySelectPath: {selectParam, pathNotation},
	QueryExpand: {expandParam}, QueryExpandAll: {expandParam}, QueryExpandIgnored: {expandParam}, QueryExpandCollection: {expandParam},
	UpdateSelect: with(makeMachines, selectParam), UpdateSelectReset: with(makeMachines, selectParam),
	UpdateSelectExtra: with(makeMachines, selectParam),
	ValueScope:        {valueScopes, features.Create("MachineConfiguration")},

	WalkMetadata:  {features.Collection("resourceMetadata")},
	WalkCatalogue: {features.Collection("machineImages"), features.Collection("machineConfigs")},
	WalkByValue:   makeMachines, WalkRetrieve: makeMachines, WalkCleanup: makeMachines,
	WalkTemplate:  with(templates, makeMachines...),
	WalkStartStop: with(machineAction("stop"), features.Action("Machine", "start"), features.Action("Machine", "restart")),
	WalkModify:    with(makeMachines, selectParam),
	WalkVolume:    with(makeMachines, features.Collection("volumes"), features.Create("Volume")),
	WalkCapture:   machineAction("capture"),
	WalkJob:       with(makeMachines, jobs),
	WalkMeter:     with(makeMachines, features.Collection("meters"), features.Create("Meter")),
	WalkEventLog:  with(makeMachines, features.Collection("eventLogs"), features.Create("EventLog")),

	RMTemplateRef:   with(templates, makeMachines...),
	RMMaxProperties: with(makeMachines, features.Capability("CloudEntryPoint", "MaxPropertyItems")),
	RMInitialStates: with(makeMachines, features.Capability("Machine", "InitialStates")),
	RMReadOnly:      makeMachines,

	HTTPJobURI: {jobs}, HTTPAsyncJob: {jobs}, HTTPSyncJobDone: {jobs}, HTTPCreateJob: {jobs},
	JobDeleteRunning: {jobs, features.Create("MachineImage")}, JobNested: {jobs}, JobNoDeleted: with(makeMachines, jobs),
	MachineActionJob: with(makeMachines, jobs),

	MachineCreate: makeMachines, MachineCreatingState: makeMachines, MachineInitialState: makeMachines,
	MachineInitialStarted: makeMachines, MachineCreateAttributes: makeMachines, MachinePropertiesVerbatim: makeMachines,
	MachineByValue: makeMachines, MachineConfigApplied: makeMachines, MachineListed: makeMachines, MachineRead: makeMachines,
	MachineDisks: makeMachines, MachineSubCollections: makeMachines, MachineOperationsState: makeMachines,
	MachineStableState: makeMachines, MachineUpdatedUnchanged: makeMachines, MachineUpdate: makeMachines,
	MachineUpdateReadOnly: makeMachines, MachineUpdateRemoves: makeMachines, MachineDelete: makeMachines,
	MachineDeleteChildren: makeMachines, MachineDeleteUnlisted: makeMachines, MachineCreateNeedsTemplate: makeMachines,
	MachineCreateBadReference: makeMachines, MachineCreateTransient: makeMachines,
	MachineWrongStateRefused: machineAction("start"), MachineWrongStateUnmoved: machineAction("start"),
	MachineWrongAction: makeMachines,
	MachineStart:       machineAction("start"), MachineStop: machineAction("stop"),
	MachineStopForce: with(machineAction("stop"), features.Capability("Machine", "MachineStopForce")),
	MachineRestart:   machineAction("restart"), MachineRestartStopped: machineAction("restart"),
	MachinePause: machineAction("pause"), MachineResumePaused: machineAction("pause"),
	MachineSuspend: machineAction("suspend"), MachineResumeSuspended: machineAction("suspend"),
	MachineCapture: machineAction("capture"), MachineCaptureState: machineAction("capture"),
	MachineSnapshot: machineAction("snapshot"), MachineSnapshotChain: machineAction("snapshot"),
	MachineRestore: machineAction("restore"), MachineRestoreNeedsImage: machineAction("restore"),
	HTTPUnknownAction: makeMachines, HTTPETag: makeMachines, HTTPUnknownAttr: makeMachines,
	HTTPMalformedBody: makeMachines, HTTPUnsupportedMedia: makeMachines, HTTPOversizedBody: makeMachines,
	HTTPWrongResourceURI: makeMachines, HTTPNoResourceURI: makeMachines,
	HTTPWrongType:       {features.Create("MachineConfiguration")},
	HTTPMissingRequired: {features.Create("MachineImage")},

	TemplateCreate: templates, TemplateUpdate: templates, TemplateDelete: templates,
	TemplateByReference: with(templates, makeMachines...), TemplateOverride: with(templates, makeMachines...),
	TemplateErase: with(templates, makeMachines...), TemplateHidden: with(makeMachines, features.Collection("machineTemplates")),

	ConfigCreate: {features.Create("MachineConfiguration")}, ConfigDelete: {features.Create("MachineConfiguration")},
	ImageCreate: {features.Create("MachineImage")}, ImageDelete: {features.Create("MachineImage")},
	RefDeletedTarget:         {features.Create("MachineImage"), features.Create("MachineTemplate")},
	CredentialTemplateCreate: credentials[:2], CredentialCreate: credentials, CredentialParameters: credentials,
	CredentialNeedsTemplate: credentials[2:], CredentialUpdateDelete: credentials,
	CredentialByValue: with(credentials[2:], features.Capability("Credential", "CredentialTemplateByValue")),
}

// Needs lists the features check id needs the endpoint to claim.
func Needs(id string) []features.Feature { return needs[id] }
