package checks

import (
	"strings"

	"github.com/cimitest/cimitest/suites/features"
)

// The CIMI 2.0 System model (§5.13): SystemTemplates with component
// descriptors, Systems made from them with child and associated
// components, their state, start and stop, update and delete.

var (
	makeSystemTemplates = []features.Feature{features.Collection("systemTemplates"), features.Create("SystemTemplate")}
	// Systems are made from a SystemTemplate the run made, whose Machine
	// descriptor names a MachineTemplate the run made.
	makeSystems = with(makeSystemTemplates, features.Collection("systems"), features.Create("System"),
		features.Collection("machineTemplates"), features.Create("MachineTemplate"))
	// The associated component is a Volume the run made.
	makeSystemsWithVolume = with(makeSystems, features.Collection("volumeTemplates"), features.Create("VolumeTemplate"),
		features.Collection("volumes"), features.Create("Volume"))
)

func system(id, title, rule, clause, lines string, level Level, resource, op string) Check {
	return v2(Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "systems", Resource: resource, Operation: op, Mutating: true})
}

var (
	SystemCollections = declare(reading(system("system.collections", "the Cloud Entry Point's systems and systemTemplates lead to a SystemCollection and a SystemTemplateCollection",
		"S-01, S-29, S-81", "5.12, 5.13.2, 5.13.5", "Table 8 (l.2064), l.2287, l.2493", Shall, "CloudEntryPoint", "read")))
	SystemTemplateCreate = declare(system("system.template-create", "a SystemTemplate posted to its collection keeps its component descriptors (type, name, quantity, template or resource) and is listed",
		"S-79, S-61", "5.13.4, 5.13.4.1", "Table 14 (l.2445), l.2450", Shall, "SystemTemplate", "create"), makeSystems...)
	SystemNeedsTemplate = declare(system("system.needs-template", "a SystemCreate without systemTemplate is refused with a 4xx and makes nothing",
		"S-30", "5.13.2.1", "l.2290", Shall, "System", "create"), makeSystems...)
	SystemCreate = declare(system("system.create", "a SystemCreate makes a System whose collections list every component its descriptors made, and only those: two Machines named <name>1 and <name>2 from a descriptor of quantity 2, each with its descriptor's description and type",
		"S-31, S-65, S-72, S-03", "5.13.2.1, 5.13.4, 5.13.1", "l.2291, Table 14 (l.2445), l.2180", Shall, "System", "create"), makeSystems...)
	SystemChildren = declare(system("system.children", "each component a System made has the System's collection of its type as parent, and that collection has the System as parent",
		"S-05", "5.13.1", "l.2184", Shall, "System", "create"), makeSystems...)
	SystemAssociated = declare(system("system.associated", "an existing Volume a descriptor names is listed in the System's volumes, keeps its own parent, and outlives the System's delete",
		"S-06, S-71, S-88, S-04", "5.13.1, 5.13.4, 5.10.2", "l.2181-2187, Table 14 (l.2445), l.1861", Shall, "System", "create"), makeSystemsWithVolume...)
	SystemCollectionTypes = declare(system("system.collection-types", "each collection a System names has the collection type of its items",
		"S-14", "5.13.1.1", "Table 9 (l.2200)", Shall, "System", "read"), makeSystems...)
	SystemRepresentation = declare(system("system.representation", "a System has the Table 9 names and types, and a state of Table 9",
		"S-02, S-10", "5.13.1", "Table 9 (l.2200)", Shall, "System", "read"), makeSystems...)
	SystemState = declare(system("system.state", "a System whose Machines all rest in one state shows that state, and one whose Machines are in different states shows MIXED",
		"S-11, S-12", "5.13.1", "Table 9 (l.2200)", Shall, "System", "read"),
		with(makeSystems, features.Action("Machine", "start"))...)
	SystemStartStop = declare(system("system.start-stop", "stop leaves every Machine of a System and the System STOPPED; start leaves them STARTED",
		"S-18", "5.13.1.2", "l.2241", Shall, "System", "action:stop"),
		with(makeSystems, features.Action("System", "stop"))...)
	SystemUpdate = declare(system("system.update", "a PUT through a System's edit changes its name and description",
		"S-16", "5.13.1.2", "l.2235", Shall, "System", "update"), makeSystems...)
	SystemComponentDelete = declare(system("system.component-delete", "a Machine of a System that the run deletes leaves the System's machines",
		"S-89", "5.5.12", "l.1446", Shall, "Machine", "delete"), with(makeSystems, features.Collection("machines"))...)
	SystemDelete = declare(system("system.delete", "deleting a System deletes the components it made, and the System leaves the SystemCollection",
		"S-87", "5.10.2", "l.1850", Shall, "System", "delete"), makeSystems...)
	SystemMonitoring = declare(system("system.monitoring", "a System made from a template naming a MeterTemplate and an EventLogTemplate lists one Meter metering the System itself in its meters, names a new EventLog that logs it, and its delete takes the Meter",
		"S-74, S-15, MT-22", "5.13.4, 5.13.1", "Table 14 (l.2445), Table 9 (l.2200)", Shall, "System", "create"),
		with(makeSystems, monitorParts...)...)
	SystemDescriptorType = declare(system("system.descriptor-type", "a SystemTemplate whose descriptor's type is not the type its template makes is refused, when it is made or when a System is made from it",
		"S-66", "5.13.4", "Table 14 (l.2445)", Shall, "SystemTemplate", "create"), makeSystems...)
	SystemByValue = declare(system("system.component-by-value", "with SystemComponentTemplateByValue, a SystemTemplate whose descriptor gives its MachineTemplate inline is taken, and the System made from it lists that Machine",
		"S-86", "5.11.1", "Table 7 (l.1977)", Shall, "System", "create"),
		with(makeSystems, features.Capability("System", "SystemComponentTemplateByValue"))...)
	SystemTransientStates = declare(system("system.transient-states", "while the Job of a System's create runs the System reads CREATING, and while the Job of its delete runs, DELETING",
		"S-90", "4.2.1.1, 4.2.1.4", "l.914, l.1093", Shall, "System", "create"), makeSystems...)
	SystemActionRels = declare(system("system.action-rels", "every System action advertised in the states the run reads (resting, MIXED) has the rel …/2/action/ followed by start, stop, restart, pause or suspend, in lower case",
		"S-17", "5.13.1.2", "l.2239-2240", Shall, "System", "read"), makeSystems...)
	SystemMixedAction = declare(system("system.mixed-action", "a MIXED System's pause pauses its STARTED Machines and leaves its STOPPED ones STOPPED; its start then starts both kinds",
		"S-19, S-20", "5.13.1.2", "l.2241-2244", Shall, "System", "action:pause"),
		with(makeSystems, features.Action("Machine", "start"), features.Action("System", "pause"))...)
	SystemOneComponent = declare(system("system.descriptor-one-component", "a SystemTemplate whose descriptor carries both a machineTemplate and a volumeTemplate is refused, when it is made or when a System is made from it",
		"S-67", "5.13.4", "Table 14 (l.2445)", Shall, "SystemTemplate", "create"), makeSystems...)
	SystemMachineVolumes = declare(system("system.machine-volumes", "a System's Machine whose template makes a Volume from the VolumeTemplate another descriptor uses and attaches an existing Volume: the System lists both new Volumes, distinct, and not the existing one, which outlives the System",
		"S-32, S-33, S-34, S-09", "5.13.2.1, 5.14.3, 5.13.1", "l.2292-2296, Table 19 (l.2850), l.2196", Shall, "System", "create"),
		makeSystemsWithVolume...)
	SystemTemplateOverride = declare(system("system.template-override", "an initialState given next to a descriptor's machineTemplate href sets the state of that System's Machine, and the stored MachineTemplate keeps its own",
		"S-69, S-70", "5.13.4", "Table 14 (l.2445)", Shall, "System", "create"), makeSystemsWithVolume...)
	SystemNameRefs = declare(system("system.name-refs", "an inline MachineTemplate whose volumes name a Volume descriptor as #name, listed before that descriptor: the System is made, and the Machine's volume is the System's Volume of that name, not another",
		"S-62, S-63, S-64, S-68", "5.13.4", "l.2435-2443, Table 14 (l.2445)", Shall, "System", "create"),
		with(makeSystemsWithVolume, features.Capability("System", "SystemComponentTemplateByValue"))...)
	SystemServices = declare(system("system.services", "a System made from a template with a HighReliability and a DisasterRecovery service descriptor has both SystemServices, each with its descriptor's name, description, properties, serviceType and parameters (integers kept as integers), and each covering the Machine its #name names",
		"S-73, S-84, S-39, S-42, S-45, S-59, S-38", "5.13.4, 5.13.6.1, 5.13.3", "Table 14 (l.2445), Table 15 (l.2535), Tables 10, 11, 13 (l.2342-2416), l.2335", Shall, "SystemService", "create"), makeSystems...)
	SystemServiceBackups = declare(system("system.service-backups", "every Machine a HighReliability service covers has a backupmachine among the System's Machines; addRM without backup makes a new one, addRM with backup uses the Machine given",
		"S-46, S-48, S-49, S-55", "5.13.3.1.1, 5.13.3.1.2", "Table 12 (l.2353), l.2357-2363, l.2386-2393", Shall, "SystemService", "action:addRM"), withService("addRM")...)
	SystemServiceNode = declare(system("system.service-node-required", "addRM, removeRM, swapBackup and forceSync without node are refused with a 4xx",
		"S-52", "5.13.3.1.2, 5.13.3.2.1", "l.2375, 2383, 2391, 2399, 2424, 2431", Shall, "SystemService", "action:addRM"), withService("addRM")...)
	SystemServiceSwap = declare(system("system.service-swap", "swapBackup makes a covered Machine's backup the covered Machine, with the former one as its backupmachine",
		"S-53", "5.13.3.1.2", "l.2377-2385", Shall, "SystemService", "action:swapBackup"), withService("swapBackup")...)
	SystemServiceRemove = declare(system("system.service-remove", "removeRM takes a Machine out of a HighReliability service and discards the backup it made, and adds and removes one from a DisasterRecovery service",
		"S-56, S-60", "5.13.3.1.2, 5.13.3.2.1", "l.2394-2400, l.2418-2431", Shall, "SystemService", "action:removeRM"), withService("addRM", "removeRM")...)
	SystemServiceUpdateDelete = declare(system("system.service-update-delete", "a SystemService takes a PUT of its name and description, and its delete leaves every Machine it covered",
		"S-47, S-41", "5.13.3.1.2, 5.13.3", "l.2355, Table 10 (l.2342)", Shall, "SystemService", "delete"), makeSystems...)
	SystemServiceFailover = declare(untestableSystem("system.service-failover", "a HighReliability service's backup takes over, or is made from an image, when its Machine fails; forceSync brings the backup up to date; the service's Network connects its Machines",
		"S-43, S-44, S-51, S-85", "5.13.3.1, 5.13.3.1.2, 5.13.6.1", "Table 11 (l.2348), l.2370, Table 15 (l.2535)",
		"a Machine's failure cannot be caused through the API, and what a backup holds or what a Network carries between guests is seen only inside them"))
	SystemServiceInfo = declare(untestableSystem("system.service-permissions", "a DisasterRecovery switch has downtime; a Provider chooses how it offers disaster recovery; a service's items may carry accessory attributes; a backup may itself be covered; swapBackup may be missing",
		"S-57, S-58, S-40, S-50, S-54", "5.13.3.2, 5.13.3, 5.13.3.1.2", "l.2409, l.2411, Table 10 (l.2342), l.2364, l.2381",
		"informative text and permissions no answer can break: the suite reads service items with or without accessory attributes, a Provider may take or refuse a backup as a covered Machine, and without swapBackup system.service-swap is not supported"))
	SystemInsert = declare(system("system.insert", "a Network the run made through the entry point and inserted into a System's networks is listed there, keeps its parent, and outlives the System's delete",
		"S-07", "5.13.1, 5.5.12.2", "l.2188-2194, l.1620-1623", May, "System", "update"),
		with(makeSystems, features.Collection("networks"), features.Create("Network"), features.Collection("networkTemplates"),
			features.Create("NetworkTemplate"))...)
	SystemAdopt = declare(system("system.adopt-by-parent", "a Network the run inserted into a System's networks and then gave, by a PUT, that collection as parent becomes the System's child: the System's delete takes it",
		"S-08", "5.13.1", "l.2193-2194", May, "System", "update"),
		with(makeSystems, features.Collection("networks"), features.Create("Network"), features.Collection("networkTemplates"),
			features.Create("NetworkTemplate"))...)
	SystemMonitoringByValue = declare(system("system.monitoring-by-value", "a System from a template giving its MeterTemplate and EventLogTemplate by value lists one Meter metering it and names a new EventLog that logs it",
		"S-75", "5.13.4", "Table 14 (l.2445)", May, "System", "create"), with(makeSystems, monitorParts...)...)
	SystemGenMetadata = declare(system("system.gen-metadata", "a System made from a template whose genResourceMetadata names the Provider's ResourceMetadata of Systems has that resourceMetadata",
		"S-78", "5.13.4", "Table 14 (l.2445)", Shall, "System", "create"), with(makeSystems, features.Collection("resourceMetadata"))...)
	SystemStateInfo = declare(untestableSystem("system.transitional-state", "a System's transitional state may mirror its Machines', while a System operation is followed through its Job",
		"S-13", "5.13.1", "Table 9 (l.2200)", "informative and a permission: the state a System shows while its Machines move is judged by system.state, and its Job by the Job checks"))
)

// untestableSystem declares a System rule that cannot be judged from outside.
func untestableSystem(id, title, rule, clause, lines, why string) Check {
	c := v2(untestable(id, title, rule, clause, lines, why))
	c.Area, c.Resource = "systems", "SystemService"
	if strings.HasPrefix(rule, "S-13") || strings.HasPrefix(rule, "S-23") {
		c.Resource = "System"
	}
	return c
}

// withService needs a System and the SystemService actions named.
func withService(actions ...string) []features.Feature {
	out := makeSystems
	for _, a := range actions {
		out = with(out, features.Action("SystemService", a))
	}
	return out
}
