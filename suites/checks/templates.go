package checks

import "github.com/cimitest/cimitest/suites/model"

// MachineTemplate (§5.14.3-4), MachineConfiguration (§5.14.5-6),
// MachineImage (§5.14.7-8) and Credential (§5.14.9-12).
const (
	TemplateCreate      = "template.create"
	TemplateUpdate      = "template.update"
	TemplateDelete      = "template.delete"
	TemplateByReference = "template.by-reference"
	TemplateOverride    = "template.override"
	TemplateErase       = "template.erase"
	TemplateHidden      = "template.by-value-hidden"

	ConfigCreate = "config.create"
	ConfigDelete = "config.delete"

	ImageCreate      = "image.create"
	ImageDelete      = "image.delete"
	ImageNoRelated   = "image.no-related-image"
	RefDeletedTarget = "ref.deleted-target"

	CredentialTemplateCreate = "credential.template-create"
	CredentialCreate         = "credential.create"
	CredentialParameters     = "credential.parameters"
	CredentialNeedsTemplate  = "credential.needs-template"
	CredentialByValue        = "credential.by-value"
	CredentialUpdateDelete   = "credential.update-delete"
)

func area(a, res string) func(id, title, rule, clause, lines string, level Level, op string) Check {
	return func(id, title, rule, clause, lines string, level Level, op string) Check {
		return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
			Area: a, Resource: res, Operation: op, Mutating: op != "read"}
	}
}

var (
	template   = area("templates", "MachineTemplate")
	config     = area("configurations", "MachineConfiguration")
	image      = area("images", "MachineImage")
	credential = area("credentials", "Credential")
)

var _ = register(
	template(TemplateCreate, "POST of a MachineTemplate (by value) to the MachineTemplateCollection creates it with the given attributes, listed in the collection",
		"M-89, M-88", "5.14.4.1", "l.2879-2881, l.953", May, "create"),
	template(TemplateUpdate, "PUT of a MachineTemplate changes it",
		"M-90", "5.14.3.1", "l.2873-2875", May, "update"),
	template(TemplateDelete, "DELETE of a MachineTemplate removes it: 404 and no longer listed",
		"M-90", "5.14.3.1", "l.2873-2875", May, "delete"),
	template(TemplateByReference, "a MachineCreate naming a MachineTemplate by href makes a Machine from it",
		"M-65", "4.2.1.1", "l.943-952", Shall, "create"),
	template(TemplateOverride, "attributes given beside the template href override it for that Machine only; the template does not change",
		"M-67, P-60", "4.2.1.1", "l.969-979", Shall, "create"),
	template(TemplateErase, "a template attribute set to null (XML: an empty element) is erased for that Machine only",
		"M-68, P-61", "4.2.1.1", "l.980-984", Should, "create"),
	template(TemplateHidden, "a template given by value is never exposed: the MachineTemplateCollection does not grow",
		"M-69, P-62", "4.2.1.1", "l.966-968", Shall, "create"),

	config(ConfigCreate, "where the MachineConfigurationCollection offers add, a posted MachineConfiguration is created with its values",
		"M-99, P-104", "5.14.6.1", "l.2898-2900", May, "create"),
	config(ConfigDelete, "where a MachineConfiguration offers delete, DELETE removes it",
		"M-99, P-104", "5.14.5.1", "l.2891-2893", May, "delete"),

	image(ImageCreate, "where the MachineImageCollection offers add, an image posted with an external imageLocation is created and becomes AVAILABLE",
		"M-104, M-107", "5.14.8.1", "l.2938-2941", May, "create"),
	image(ImageDelete, "DELETE of a MachineImage removes it: 404 and no longer listed",
		"M-108", "4.2.1.4", "l.1085-1096", May, "delete"),
	image(ImageNoRelated, "a MachineImage of type IMAGE has no relatedImage",
		"M-103", "5.14.7", "Table 21 (l.2913)", Shall, "read"),
	Check{ID: RefDeletedTarget, Title: "a reference to a deleted resource becomes empty: a MachineTemplate loses the machineImage that was deleted",
		Rule: "P-75, M-93", Clause: "5.10.1", Lines: "l.1844-1846", Level: Shall, Area: "images",
		Resource: "MachineTemplate", Operation: "delete", Mutating: true},

	credential(CredentialTemplateCreate, "POST of a CredentialTemplate to its collection creates it",
		"M-114", "5.14.12.1", "l.2980-2982", May, "create"),
	credential(CredentialCreate, "a CredentialCreate naming a CredentialTemplate by href makes a Credential with the create's name, description and properties",
		"M-111", "5.14.10.1", "l.2964-2965, l.959-964", May, "create"),
	Check{ID: CredentialParameters, Title: "a Credential made from a CredentialTemplate copies its parameters",
		Rule: "M-113", Clause: "5.14.11", Lines: "Table 25 (l.2970)", Level: Shall, Area: "credentials",
		Resource: "Credential", Operation: "create", Mutating: true, Only: model.V2},
	credential(CredentialNeedsTemplate, "a CredentialCreate without credentialTemplate is refused with a 4xx and creates nothing",
		"M-110", "5.14.10.1", "l.2965", Shall, "create"),
	credential(CredentialByValue, "where CredentialTemplateByValue is offered, a CredentialCreate with the template by value is accepted",
		"M-112", "5.11.1", "Table 7", Shall, "create"),
	credential(CredentialUpdateDelete, "a Credential supports PUT and DELETE where it offers edit and delete",
		"M-114", "5.14.9.1", "l.2958-2960", May, "delete"),
)

// Jobs (§5.17.1).
const (
	JobProgress       = "job.progress"
	JobTargetAffected = "job.target-affected"
	JobNoDeleted      = "job.no-deleted"
	JobStatusTime     = "job.status-time"
)

var job = area("jobs", "Job")

var _ = register(
	job(JobProgress, "a Job's progress is 0-100 and 100 once it has ended",
		"J-15, P-89", "5.17.1", "Table 46 (l.3771)", Shall, "read"),
	job(JobTargetAffected, "a Job's affectedResources include its targetResource",
		"J-11, P-88", "5.17.1", "Table 46 (l.3771)", Shall, "read"),
	job(JobNoDeleted, "a deleted resource is never listed in a Job's affectedResources",
		"J-14", "5.17.1", "l.3761-3762", Shall, "read"),
	job(JobStatusTime, "a Job's timeOfStatusChange is not earlier than its creation",
		"J-27", "5.17.1", "Table 46 (l.3771)", Should, "read"),
)
