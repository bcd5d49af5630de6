package checks

import "github.com/cimitest/cimitest/suites/features"

// The end-to-end walkthroughs of the catalogue digest (§5, W1-W14), rebuilt
// from the DMTF plug-fest "CIMI basics" plan: one story from discovery to
// clean-up, each step judged as a whole.

func walk(id, title, rule, clause, lines string, mutating bool) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: Shall,
		Area: "walkthrough", Resource: "CloudEntryPoint", Operation: "scenario", Mutating: mutating}
}

var (
	WalkDiscover = declare(walk("walk.discover", "W1: the entry point reads in JSON and XML with its id, baseURI and collections, and $format picks the serialization where offered",
		"C-01, C-02, C-09, P-46", "5.12", "l.2059-2064, l.788-801", false))
	WalkMetadata = declare(walk("walk.metadata", "W2: the ResourceMetadata collection reads with a count of its items; each entry names its type, and its capabilities, actions and extensions are complete",
		"R-02, R-04, R-08, R-14, R-35", "5.11", "Table 6 (l.1891)", false), features.Collection("resourceMetadata"))
	WalkCatalogue = declare(walk("walk.images-configs", "W3: images and configurations are listed; an image has its imageLocation, a configuration its cpu, memory, disks, cpuArch and cpuSpeed",
		"M-96, P-104", "7.1", "l.4009-4018", false), features.Collection("machineImages"), features.Collection("machineConfigs"))
	WalkByValue = declare(walk("walk.machine-by-value", "W4: a Machine is made from an image and a configuration (its template by value): 201 with Location, or 202 and a Job",
		"M-64, P-57, P-59", "4.2.1.1", "l.911-1000", true), makeMachines...)
	WalkTemplate = declare(walk("walk.template", "W5: a MachineTemplate is made and read back, and a Machine is made from it by reference",
		"M-88, M-65", "5.14.4.1", "l.2884-2886", true), with(templates, makeMachines...)...)
	WalkRetrieve = declare(walk("walk.retrieve", "W6: the new Machine reads with integer cpu and memory, a state, its disks, and the operations its state allows",
		"M-11, M-31, P-112", "5.14.1", "Table 16 (l.2571)", true), makeMachines...)
	WalkStartStop = declare(walk("walk.start-stop", "W7: the Machine stops, starts and restarts through the states the spec names",
		"M-38, M-41, M-44", "5.14.1.2", "l.2571-2640", true), with(machineAction("stop"), features.Action("Machine", "start"), features.Action("Machine", "restart"))...)
	WalkModify = declare(walk("walk.modify", "W8: PUT ?$select=name,description with only a name renames the Machine and removes its description; updated moves, created does not",
		"P-70, P-71, P-67", "4.2.1.3.1", "l.1053-1084", true), with(makeMachines, selectParam)...)
	WalkVolume = declare(walk("walk.volume", "W9: a Volume is made and attached to the Machine, listed among its volumes, then detached and kept",
		"V-61, V-74, P-78", "5.14.1.1.2", "l.2708-2720", true), with(makeMachines, features.Collection("volumes"), features.Create("Volume"))...)
	WalkCapture = declare(walk("walk.capture", "W10: capture makes a new MachineImage from the Machine",
		"M-50", "5.14.7.1", "l.2917-2934", true), machineAction("capture")...)
	WalkJob = declare(walk("walk.job", "W11: the Job of an operation reads, names its target among the affected resources and ends with progress 100",
		"J-01, J-11, J-15", "5.17.1", "Table 46 (l.3745)", true), with(makeMachines, jobs)...)
	WalkMeter = declare(walk("walk.meter", "W12: a Meter on the Machine is made, records samples while started, and goes with the Machine",
		"MT-03, MT-05, MT-09", "5.17.3", "Table 47", true), with(makeMachines, features.Collection("meters"), features.Create("Meter"))...)
	WalkEventLog = declare(walk("walk.eventlog", "W13: an EventLog of the Machine records its state changes",
		"E-04, E-10", "5.17.8", "Table 52", true), with(makeMachines, features.Collection("eventLogs"), features.Create("EventLog"))...)
	WalkCleanup = declare(walk("walk.cleanup", "W14: what the walkthrough made is deleted: each goes through DELETING or at once, then is gone from its collection",
		"P-73, P-74, C-06", "4.2.1.4", "l.1085-1096", true), makeMachines...)
)
