package checks

import "github.com/cimitest/cimitest/suites/features"

// OVF export and import of Systems and SystemTemplates (§5.13.1.2,
// §5.13.2.1, §5.13.4.1, §5.13.5.1, §4.3, Annex A). Imports read a package
// the run serves from its package host; exports to a destination write to
// it.

// ovfCheck declares an OVF check: area ovf, so that a run of the System
// scenario alone (--label-filter systems) leaves the OVF one out.
func ovfCheck(c Check) Check {
	c.Area = "ovf"
	return c
}

var (
	exportSystems   = with(makeSystems, features.Action("System", "export"))
	exportTemplates = with(makeSystems, features.Action("SystemTemplate", "export"),
		features.Action("SystemTemplateCollection", "import"))
	importSystems   = []features.Feature{features.Collection("systems"), features.Action("SystemCollection", "import")}
	importTemplates = []features.Feature{features.Collection("systemTemplates"), features.Action("SystemTemplateCollection", "import")}
)

var (
	SystemExport = declare(ovfCheck(system("system.export", "a System's export without format or destination, sent in the serialization under test, is accepted and names in its Location an OVF package the run can read, served as application/ovf",
		"S-24, S-25, S-28, S-94", "5.13.1.2, Annex A", "l.2253-2285, l.4047", Shall, "System", "action:export")), exportSystems...)
	SystemExportContent = declare(ovfCheck(system("system.export-content", "the package of a System's export has a VirtualSystem for each of its Machines, with that Machine's CPUs and memory, at least a Disk per Volume it lists and a Network per Network it lists",
		"S-21", "5.13.1.2", "l.2248", Shall, "System", "action:export")), exportSystems...)
	SystemExportDestination = declare(ovfCheck(system("system.export-destination", "a System's export to an http destination of the run's package host is written there by PUT, as an OVF package typed application/ovf, whether the destination is new or already holds a package, which it then replaces",
		"S-22, S-27", "5.13.1.2", "l.2248-2251, l.2256-2260", Shall, "System", "action:export")), exportSystems...)
	SystemImport = declare(ovfCheck(system("system.import", "an import into the SystemCollection without source is refused with a 4xx; one whose source is a package of the run's package host makes a System that the collection lists, and leaves the package as it was",
		"S-35, S-37, S-91", "5.13.2.1, 4.3", "l.2298-2306, l.1159-1160", Shall, "SystemCollection", "action:import")), importSystems...)
	SystemImportMapping = declare(ovfCheck(system("system.import-mapping", "the System an import makes from the three-tier package has a Machine per VirtualSystem of its collection with that VirtualSystem's CPUs and memory, a nested System with a Machine for the nested collection, a Volume per Disk with its capacity, and a Network per Network",
		"S-103, S-104, S-36", "Annex A, 5.13.2.1", "l.4080-4097, l.2300-2302", Shall, "SystemCollection", "action:import")), importSystems...)
	SystemTemplateImport = declare(ovfCheck(system("system.template-import", "an import into the SystemTemplateCollection without source is refused with a 4xx; one whose source is a package of the run's package host makes a SystemTemplate that the collection lists, and leaves the package as it was",
		"S-82, S-37, S-91", "5.13.5.1, 4.3", "l.2499-2505, l.1159-1160", Shall, "SystemTemplateCollection", "action:import")), importTemplates...)
	SystemImportImage = declare(ovfCheck(system("system.import-image", "a SystemTemplate made by an import that has an importImage names the import's source in it",
		"S-77", "5.13.4", "Table 14 (l.2445)", Shall, "SystemTemplateCollection", "action:import")), importTemplates...)
	SystemImportImageGiven = declare(ovfCheck(system("system.import-image-given", "a SystemTemplate made by an import has an importImage",
		"S-76", "5.13.4", "Table 14 (l.2445)", Should, "SystemTemplateCollection", "action:import")), importTemplates...)
	SystemTemplateImportMapping = declare(ovfCheck(system("system.template-import-mapping", "the SystemTemplate an import makes from the three-tier package has a Machine descriptor per VirtualSystem of its collection, each naming a new MachineTemplate whose new MachineConfiguration has that VirtualSystem's CPUs and memory and whose VolumeTemplates have the capacities of its Disks, a System descriptor naming a nested SystemTemplate for the nested collection, a NetworkTemplate per Network, and every template it made listed in its collection",
		"S-98, S-100, S-101, S-83", "Annex A, 5.13.5.1", "l.4059-4079, l.2499", Shall, "SystemTemplateCollection", "action:import")), importTemplates...)
	SystemTemplateExport = declare(ovfCheck(system("system.template-export", "a SystemTemplate's export names in its Location an OVF package with a VirtualSystem per Machine its descriptors make, at least a Disk per Volume and a Network per Network they make; imported back, it gives a SystemTemplate with a Machine descriptor per VirtualSystem",
		"S-80, S-24, S-25", "5.13.4.1", "l.2455-2470", Shall, "SystemTemplate", "action:export")), exportTemplates...)
	SystemOVFPermissions = declare(ovfCheck(untestableSystem("system.ovf-permissions", "other export formats; properties for a source or destination; OVF information CIMI does not map; which packages, imports and results a Provider supports; several VirtualHardwareSections; MachineImages from disk files",
		"S-23, S-26, S-92, S-93, S-95, S-96, S-97, S-99, S-102", "5.13.1.2, 4.3, Annex A", "l.2251, l.2258, l.1162-1167, l.4049-4076",
		"permissions and informative text: each import and export is judged only where offered, with OVF's own format; the run sends no properties, since they may carry credentials for another host; the run's package has one VirtualHardwareSection per VirtualSystem and no disk files, so what a Provider makes of several sections or of files is never asked")))
)
