package checks

import "github.com/cimitest/cimitest/suites/features"

// The 1.x System model (DSP8009 SystemElements, SystemTemplateElements,
// SystemCreate and the System* association items).

func systemV1(id, title, rule, lines string, level Level, resource, op string) Check {
	return v1(Check{ID: id, Title: title, Rule: rule, Clause: "5.13", Lines: lines, Level: level,
		Area: "systems", Resource: resource, Operation: op, Mutating: true})
}

var makeSystemsV1 = []features.Feature{features.Collection("systemTemplates"), features.Create("SystemTemplate"),
	features.Collection("systems"), features.Create("System")}

var (
	SystemTemplateV1 = declare(systemV1("system.v1-template", "a 1.x SystemTemplate posted as itself (there is no SystemTemplateCreate) is made, and reads back with its componentDescriptor entries, each with its type, its one template and its quantity",
		"S-111, S-108, S-109", "DSP8009 SystemTemplateElements (XSD l.631-660), §4.2.1.1 (l.953)", Shall, "SystemTemplate", "create"), makeSystemsV1...)
	SystemCreateV1 = declare(systemV1("system.v1-create", "a 1.x SystemCreate naming one systemTemplate makes a System the SystemCollection lists; one naming none is refused with a 4xx",
		"S-107", "DSP8009 SystemCreate (XSD l.361-372)", Shall, "System", "create"), makeSystemsV1...)
	SystemRepresentationV1 = declare(systemV1("system.v1-representation", "a 1.x System's systems, machines, credentials, volumes, networks, networkPorts, addresses and forwardingGroups each lead to the System… association collection of its name, and it has no 2.0 attribute (parent, networkServices, services)",
		"S-105", "DSP8009 SystemElements (XSD l.318-335)", Shall, "System", "read"), makeSystemsV1...)
	SystemAssociationsV1 = declare(systemV1("system.v1-associations", "the items of a 1.x System's machines, volumes and networks are SystemMachine, SystemVolume and SystemNetwork entries, each with exactly one machine, volume or network reference that reads as a Machine, a Volume or a Network: one per component the template made",
		"S-106", "DSP8009 SystemSystem to SystemForwardingGroup (XSD l.374-620)", Shall, "System", "read"), makeSystemsV1...)
	SystemOVFActionsV1 = declare(systemV1("system.v1-ovf-actions", "a 1.x export Action with its format, and an import Action with its source (the exported package), are taken: the import makes a SystemTemplate",
		"S-110", "DSP8009 Action (XSD l.155-175)", Shall, "System", "action:export"), with(makeSystemsV1, features.Action("System", "export"))...)
)
