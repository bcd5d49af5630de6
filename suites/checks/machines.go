package checks

import (
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// Cloud Entry Point (§5.12).

var (
	CEPRead = declare(Check{ID: "cep.read", Title: "GET on the Cloud Entry Point returns it (200, type CloudEntryPoint)",
		Rule: "M-01", Clause: "5.12", Lines: "l.2059-2061", Level: Shall, Area: "entrypoint", Resource: "CloudEntryPoint", Operation: "read"})
	CEPBaseURI = declare(Check{ID: "cep.base-uri", Title: "the Cloud Entry Point has an absolute baseURI",
		Rule: "M-02, P-102", Clause: "5.12", Lines: "Table 8 (l.2064)", Level: Shall, Area: "entrypoint", Resource: "CloudEntryPoint", Operation: "read"})
	CEPCollections = declare(Check{ID: "cep.collections", Title: "each collection reference of the Cloud Entry Point leads to a collection of the matching type",
		Rule: "M-05", Clause: "5.12", Lines: "Table 8 (l.2064)", Level: Shall, Area: "entrypoint", Resource: "CloudEntryPoint", Operation: "read"})
	CEPMinimal = declare(Check{ID: "cep.minimal", Title: "the Cloud Entry Point offers resourceMetadata, machines, machineImages and machineConfigs",
		Rule: "M-07, P-104", Clause: "7.1", Lines: "l.4033-4034", Level: Shall, Area: "entrypoint", Resource: "CloudEntryPoint", Operation: "read", Only: model.V2})
	CEPOperations = declare(Check{ID: "cep.operations", Title: "the Cloud Entry Point offers no operation other than edit and delete",
		Rule: "M-09", Clause: "5.12.1", Lines: "l.2170-2171", Level: Shall, Area: "entrypoint", Resource: "CloudEntryPoint", Operation: "read"})
)

// Machine (§5.14.1, §5.14.2).

func machine(id, title, rule, clause, lines string, level Level, op string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "machines", Resource: "Machine", Operation: op, Mutating: true}
}

var (
	MachineCreate = declare(machine("machine.create", "POST of a MachineCreate to the MachineCollection's add operation is accepted with 201 or 202",
		"M-61, P-56", "5.5.12.1", "l.1616-1619", Shall, "create"), makeMachines...)
	MachineCreatingState = declare(machine("machine.creating-state", "while a create is processed the Machine is CREATING, and it passes only through the states that lead to its initial state",
		"M-63, P-59", "4.2.1.1", "l.914-915", Shall, "create"), makeMachines...)
	MachineInitialState = declare(machine("machine.initial-state", "without initialState a new Machine ends in the DefaultInitialState capability, or STOPPED",
		"M-72, R-21", "5.14.2.1", "l.2830-2833", Shall, "create"), makeMachines...)
	MachineInitialStarted = declare(machine("machine.initial-state-started", "initialState STARTED makes the new Machine end STARTED",
		"M-73", "5.14.2.1", "l.2833-2842", Shall, "create"), makeMachines...)
	MachineCreateAttributes = declare(machine("machine.create-attributes", "the name, description and properties of a MachineCreate end up on the new Machine",
		"M-66, P-63", "4.2.1.1", "l.959-964", Shall, "create"), makeMachines...)
	MachinePropertiesVerbatim = declare(machine("machine.properties-verbatim", "the Provider keeps properties exactly as given and adds none of its own",
		"P-123, R-49", "5.1", "l.1184-1189", Shall, "create"), makeMachines...)
	MachineByValue = declare(Check{ID: "machine.by-value", Title: "a MachineCreate whose template is given by value (configuration and image by reference) is accepted",
		Rule: "M-64", Clause: "7.1", Lines: "l.4024-4027", Level: Shall, Area: "machines", Resource: "Machine", Operation: "create", Mutating: true, Only: model.V2}, makeMachines...)
	MachineConfigApplied = declare(machine("machine.config-applied", "a Machine made from a MachineConfiguration has its cpu and memory",
		"M-98", "5.14.5", "Table 20 (l.2887)", Shall, "create"), makeMachines...)
	MachineListed = declare(machine("machine.listed", "a new Machine is listed in the MachineCollection",
		"M-60", "5.5.12.1", "l.1616-1619", Shall, "create"), makeMachines...)
	MachineCollectionCount = declare(Check{ID: "machine.collection-count", Title: "a collection's count equals the number of its items when all are returned",
		Rule: "P-98, M-60, C-04", Clause: "5.5.12", Lines: "l.1452-1453", Level: Shall, Area: "machines", Resource: "MachineCollection", Operation: "read"})
	MachineRead = declare(Check{ID: "machine.read", Title: "GET on a Machine returns that Machine, with the requested URI as its id",
		Rule: "M-11, P-01", Clause: "4.2.1.2", Lines: "l.1001-1009", Level: Shall, Area: "machines", Resource: "Machine", Operation: "read"}, makeMachines...)
	MachineDisks = declare(Check{ID: "machine.disks", Title: "a Machine's disks reference leads to a DiskCollection whose Disks have an id and an integer capacity",
		Rule: "M-15", Clause: "5.14.1.1.1", Lines: "l.2546-2548", Level: Shall, Area: "machines", Resource: "Disk", Operation: "read"}, makeMachines...)
	MachineSubCollections = declare(Check{ID: "machine.sub-collections", Title: "a Machine's volumes, interfaces and snapshots references lead to collections of the right type",
		Rule: "M-16, M-17", Clause: "5.14.1.1", Lines: "l.2549-2562", Level: Shall, Area: "machines", Resource: "Machine", Operation: "read"}, makeMachines...)
	MachineOperationsState = declare(machine("machine.operations-state", "the operations of a Machine offer only the actions its current state allows",
		"M-31, P-50, R-37", "4.2", "l.857-861", Shall, "read"), makeMachines...)
	MachineStart = declare(machine("machine.start", "start takes a STOPPED Machine through STARTING to STARTED",
		"M-38, M-35, P-77, R-40", "5.14.1.2", "l.2571-2580", Shall, "action:start"), machineAction("start")...)
	MachineStop = declare(machine("machine.stop", "stop takes a STARTED Machine through STOPPING to STOPPED",
		"M-41, M-35", "5.14.1.2", "l.2603-2618", Shall, "action:stop"), machineAction("stop")...)
	MachineStopForce = declare(machine("machine.stop-force", "stop accepts the force parameter where MachineStopForce is offered",
		"M-42, R-28", "5.14.1.2", "l.2606-2612", Shall, "action:stop"), with(machineAction("stop"), features.Capability("Machine", "MachineStopForce"))...)
	MachineRestart = declare(machine("machine.restart", "restart takes a STARTED Machine through stop and start back to STARTED",
		"M-44", "5.14.1.2", "l.2645-2658", Shall, "action:restart"), machineAction("restart")...)
	MachineRestartStopped = declare(machine("machine.restart-stopped", "restart of a STOPPED Machine starts it",
		"M-45", "5.14.1.2", "l.2646-2647, l.2656-2658", Shall, "action:restart"), machineAction("restart")...)
	MachinePause = declare(machine("machine.pause", "pause takes a STARTED Machine through PAUSING to PAUSED",
		"M-47", "5.14.1.2", "l.2683-2691", Shall, "action:pause"), machineAction("pause")...)
	MachineResumePaused = declare(machine("machine.resume-paused", "start resumes a PAUSED Machine to STARTED",
		"M-39", "5.14.1.2", "l.2581-2582", Shall, "action:start"), with(machineAction("pause"), features.Action("Machine", "start"))...)
	MachineSuspend = declare(machine("machine.suspend", "suspend takes a STARTED Machine through SUSPENDING to SUSPENDED",
		"M-48", "5.14.1.2", "l.2712-2721", Shall, "action:suspend"), machineAction("suspend")...)
	MachineResumeSuspended = declare(machine("machine.resume-suspended", "start resumes a SUSPENDED Machine to STARTED",
		"M-40", "5.14.1.2", "l.2581-2582", Shall, "action:start"), with(machineAction("suspend"), features.Action("Machine", "start"))...)
	MachineActionJob = declare(machine("machine.action-job", "the Job of an action targets the Machine and ends SUCCESS with progress 100 once the action is done",
		"M-34, J-15", "4.2.1.7", "l.1129-1131, Table 46", Shall, "action"), with(makeMachines, jobs)...)
	MachineUpdatedUnchanged = declare(machine("machine.updated-unchanged", "actions do not change a Machine's updated time",
		"M-26, P-124", "5.7.1", "Table 5 (l.1782)", Shall, "action"), makeMachines...)
	MachineStableState = declare(machine("machine.stable-state", "a Machine at rest keeps its state while nobody acts on it",
		"M-36, R-41", "5.8", "l.1811-1816", Shall, "read"), makeMachines...)
	MachineWrongStateRefused = declare(machine("machine.wrong-state-refused", "an action the state does not allow is refused with a 4xx",
		"M-32", "4.2", "l.857-861", Should, "action"), machineAction("start")...)
	MachineWrongStateUnmoved = declare(machine("machine.wrong-state-unmoved", "an action the state does not allow leaves the state as it was",
		"P-55, M-32", "5.8", "l.1811-1816", Shall, "action"), machineAction("start")...)
	MachineWrongAction = declare(machine("machine.wrong-action", "an Action body that names another action than the operation it is posted to is refused and changes nothing",
		"M-33", "4.2.1.5", "l.1097-1112", Should, "action"), makeMachines...)
	MachineCapture = declare(machine("machine.capture", "capture (where offered) makes a new IMAGE MachineImage that becomes AVAILABLE",
		"M-50, M-109", "5.14.7.1", "l.2917-2927", Shall, "action:capture"), machineAction("capture")...)
	MachineCaptureState = declare(machine("machine.capture-state", "during a capture or snapshot the Machine shows its state or CAPTURING, and returns to its prior state",
		"M-51", "5.14.7.1", "l.2932-2934", Shall, "action:capture"), machineAction("capture")...)
	MachineSnapshot = declare(machine("machine.snapshot", "snapshot (where offered) makes a SNAPSHOT image, listed in the Machine's snapshots and named by latestSnapshot, that no longer points at the Machine",
		"M-53, M-18", "5.14.7.1", "l.2928-2932, Table 16", Shall, "action:snapshot"), machineAction("snapshot")...)
	MachineSnapshotChain = declare(machine("machine.snapshot-chain", "a new SNAPSHOT's relatedImage is the Machine's previous latestSnapshot",
		"M-54", "5.14.7", "Table 21 (l.2913)", Shall, "action:snapshot"), machineAction("snapshot")...)
	MachineRestore = declare(machine("machine.restore", "restore from a SNAPSHOT of the Machine ends in a stable state with latestSnapshot naming that snapshot",
		"M-57", "5.14.1.2", "l.2754-2767", Shall, "action:restore"), machineAction("restore")...)
	MachineRestoreNeedsImage = declare(machine("machine.restore-needs-image", "a restore without an image is refused with a 4xx and the state does not change",
		"M-56", "5.14.1.2", "l.2757-2759", Shall, "action:restore"), machineAction("restore")...)
	MachineUpdate = declare(machine("machine.update", "PUT of the Machine with a new name, description and properties changes them and moves updated forward",
		"M-22, P-66", "4.2.1.3", "l.1016-1024", Shall, "update"), makeMachines...)
	MachineUpdateReadOnly = declare(machine("machine.update-read-only", "PUT that changes read-only attributes (state, id, created) is not refused and changes nothing",
		"M-23, M-24, P-67", "4.2.1.3", "l.1025-1027", Shall, "update"), makeMachines...)
	MachineUpdateRemoves = declare(machine("machine.update-removes", "an attribute left out of a full PUT is removed",
		"P-68", "5.5", "l.1274-1275", Shall, "update"), makeMachines...)
	MachineDelete = declare(machine("machine.delete", "DELETE removes the Machine: DELETING or gone while processed, then 404",
		"M-27, P-73", "4.2.1.4", "l.1085-1096", Shall, "delete"), makeMachines...)
	MachineDeleteChildren = declare(machine("machine.delete-children", "deleting a Machine deletes its Disks",
		"M-28, P-76", "5.10.2", "l.1847-1860", Shall, "delete"), makeMachines...)
	MachineDeleteUnlisted = declare(machine("machine.delete-unlisted", "a deleted Machine disappears from the MachineCollection",
		"P-74, M-30", "5.5.12", "l.1446-1447", Shall, "delete"), makeMachines...)
	MachineCreateNeedsTemplate = declare(machine("machine.create-needs-template", "a MachineCreate without machineTemplate is refused with a 4xx and creates nothing",
		"M-70", "5.14.2.1", "l.2829", Shall, "create"), makeMachines...)
	MachineCreateBadReference = declare(machine("machine.create-bad-reference", "a MachineCreate naming a configuration or image that does not exist is refused and creates nothing",
		"M-71", "4.2.1.1", "l.969-979", Should, "create"), makeMachines...)
	MachineCreateTransient = declare(machine("machine.create-transient-state", "a MachineCreate with a transient or unknown initialState does not produce a Machine in that state",
		"M-75, M-74", "5.14.3", "Table 19 (l.2850), l.2840-2842", Shall, "create"), makeMachines...)
)
