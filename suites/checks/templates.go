package checks

import (
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// MachineTemplate (§5.14.3-4), MachineConfiguration (§5.14.5-6),
// MachineImage (§5.14.7-8) and Credential (§5.14.9-12).

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
	// credentialTemplate checks judge the template, in the credentials area.
	credentialTemplate = area("credentials", "CredentialTemplate")
)

var (
	TemplateCreate = declare(template("template.create", "POST of a MachineTemplate (by value) to the MachineTemplateCollection creates it with the given attributes, listed in the collection",
		"M-89", "5.14.4.1", "l.2879-2881, l.953", May, "create"), templates...)
	TemplateUpdate = declare(template("template.update", "PUT of a MachineTemplate changes it",
		"M-90", "5.14.3.1", "l.2873-2875", May, "update"), templates...)
	TemplateDelete = declare(template("template.delete", "DELETE of a MachineTemplate removes it: 404 and no longer listed",
		"M-90", "5.14.3.1", "l.2873-2875", May, "delete"), templates...)
	TemplateByReference = declare(template("template.by-reference", "a MachineCreate naming a MachineTemplate by href makes a Machine from it",
		"M-65", "4.2.1.1", "l.943-952", Shall, "create"), with(templates, makeMachines...)...)
	TemplateOverride = declare(template("template.override", "attributes given beside the template href override it for that Machine only; the template does not change",
		"M-67, P-60", "4.2.1.1", "l.969-979", Shall, "create"), with(templates, makeMachines...)...)
	TemplateErase = declare(template("template.erase", "a template attribute set to null (XML: an empty element) is erased for that Machine only",
		"M-68, P-61", "4.2.1.1", "l.980-984", Should, "create"), with(templates, makeMachines...)...)
	TemplateHidden = declare(template("template.by-value-hidden", "a template given by value is never exposed: the MachineTemplateCollection does not grow",
		"M-69, P-62", "4.2.1.1", "l.966-968", Shall, "read"), with(makeMachines, features.Collection("machineTemplates"))...)
	ConfigCreate = declare(config("config.create", "where the MachineConfigurationCollection offers add, a posted MachineConfiguration is created with its values",
		"M-99, P-104", "5.14.6.1", "l.2898-2900", May, "create"), features.Create("MachineConfiguration"))
	ConfigDelete = declare(config("config.delete", "where a MachineConfiguration offers delete, DELETE removes it",
		"M-99, P-104", "5.14.5.1", "l.2891-2893", May, "delete"), features.Create("MachineConfiguration"))
	ImageCreate = declare(image("image.create", "where the MachineImageCollection offers add, an image posted with an external imageLocation is created and becomes AVAILABLE",
		"M-104, M-107", "5.14.8.1", "l.2938-2941", May, "create"), features.Create("MachineImage"))
	ImageDelete = declare(image("image.delete", "DELETE of a MachineImage removes it: 404 and no longer listed",
		"M-108", "4.2.1.4", "l.1085-1096", May, "delete"), features.Create("MachineImage"))
	ImageNoRelated = declare(image("image.no-related-image", "a MachineImage of type IMAGE has no relatedImage",
		"M-103", "5.14.7", "Table 21 (l.2913)", Shall, "read"), features.Collection("machineImages"))
	RefDeletedTarget = declare(Check{ID: "ref.deleted-target", Title: "a reference to a deleted resource becomes empty: a MachineTemplate loses the machineImage that was deleted",
		Rule: "P-75, M-93", Clause: "5.10.1", Lines: "l.1844-1846", Level: Shall, Area: "images",
		Resource: "MachineTemplate", Operation: "delete", Mutating: true}, features.Create("MachineImage"), features.Create("MachineTemplate"))
	CredentialTemplateCreate = declare(credentialTemplate("credential.template-create", "POST of a CredentialTemplate to its collection creates it",
		"M-114", "5.14.12.1", "l.2980-2982", May, "create"), credentials[:2]...)
	CredentialCreate = declare(credential("credential.create", "a CredentialCreate naming a CredentialTemplate by href makes a Credential with the create's name, description and properties",
		"M-111", "5.14.10.1", "l.2964-2965, l.959-964", May, "create"), credentials...)
	CredentialParameters = declare(Check{ID: "credential.parameters", Title: "a Credential made from a CredentialTemplate copies its parameters",
		Rule: "M-113", Clause: "5.14.11", Lines: "Table 25 (l.2970)", Level: Shall, Area: "credentials",
		Resource: "Credential", Operation: "create", Mutating: true, Only: model.V2}, credentials...)
	CredentialNeedsTemplate = declare(credential("credential.needs-template", "a CredentialCreate without credentialTemplate is refused with a 4xx and creates nothing",
		"M-110", "5.14.10.1", "l.2965", Shall, "create"), credentials[2:]...)
	CredentialByValue = declare(credential("credential.by-value", "where CredentialTemplateByValue is offered, a CredentialCreate with the template by value is accepted",
		"M-112", "5.11.1", "Table 7", Shall, "create"), with(credentials[2:], features.Capability("Credential", "CredentialTemplateByValue"))...)
	CredentialUpdateDelete = declare(credential("credential.update-delete", "a Credential supports PUT and DELETE where it offers edit and delete",
		"M-114", "5.14.9.1", "l.2958-2960", May, "delete"), credentials...)
)

// Jobs (§5.17.1).

var job = area("jobs", "Job")

var (
	JobProgress = declare(everywhere(job("job.progress", "a Job's progress is 0-100 and 100 once it has ended",
		"J-15, P-89", "5.17.1", "Table 46 (l.3771)", Shall, "read")), jobs)
	JobTargetAffected = declare(everywhere(job("job.target-affected", "a Job's affectedResources include its targetResource",
		"J-11, P-88", "5.17.1", "Table 46 (l.3771)", Shall, "read")), jobs)
	JobNoDeleted = declare(job("job.no-deleted", "a deleted resource is never listed in a Job's affectedResources",
		"J-14", "5.17.1", "l.3761-3762", Shall, "read"), with(makeMachines, jobs)...)
	JobStatusTime = declare(everywhere(job("job.status-time", "a Job's timeOfStatusChange is not earlier than its creation",
		"J-27", "5.17.1", "Table 46 (l.3771)", Shall, "read")), jobs)
	JobStop = declare(job("job.stop", "stop on a running Job is accepted and the Job goes through STOPPING to STOPPED",
		"J-23", "5.17.1.1", "l.3782-3786", Shall, "action:stop"), jobs, features.Create("MachineImage"), features.Action("Job", "stop"))
	JobStopAction = declare(only(model.V1, job("job.stop-action", "a running Job offers stop under the 1.x stop action URI, which a POSTed Action of that URI invokes",
		"J-22", "5.17.1.1", "l.3780-3781, l.3788-3789", Shall, "action:stop")), jobs, features.Create("MachineImage"), features.Action("Job", "stop"))
	JobStopEnded = declare(everywhere(job("job.stop-ended", "a Job that has ended no longer offers stop",
		"J-25", "5.17.1.1", "l.3782", Shall, "read")), jobs)
	JobForm = declare(everywhere(job("job.form", "a Job reads with its type URI, and affectedResources and nestedJobs as references: JSON arrays of {href}, XML repeated elements without a wrapper",
		"J-31", "5.17.1", "Table 46 (l.3745), l.1399-1433", Shall, "read")), jobs)
	JobUpdate = declare(job("job.update", "where a Job offers edit, a PUT is accepted and leaves the Provider's attributes (state, progress, action, target) as they were",
		"J-19, J-26", "5.17.1.1", "l.3776", Shall, "update"), jobs)
	JobCollectionShape = declare(job("job.collection", "the JobCollection follows the collection pattern and offers no add",
		"J-29", "5.17.2", "l.3807-3809", Should, "read"), jobs)
	JobRetention = declare(job("job.retention", "a Job that has ended can still be read for the JobRetention minutes the Provider advertises",
		"J-28", "5.11.1", "Table 7 (l.1977)", Shall, "read"), jobs, features.Capability("Job", "JobRetention"))
	JobReturnCode = declare(untestableJob("job.return-code", "returnCode values of the Provider's own lie outside 0-9999", "J-16", "5.17.1", "Table 46 (l.3771)",
		"which codes are the Provider's own cannot be told from outside; that returnCode is an integer is judged with every Job read (repr.values)"))
	JobStopEmptyBody = declare(untestableJob("job.stop-empty-body", "a stop may be answered without a body", "J-24", "5.17.1.1", "l.3806",
		"a permission: any 2xx answer to stop, with or without a body, is accepted by job.stop"))
	JobProviderJobs = declare(untestableJob("job.provider-jobs", "a Provider may show Jobs for work it started itself", "J-30", "5.17.1", "l.3757-3758",
		"a permission: such Jobs, when listed, are judged like every other Job read"))
	JobNoRollback = declare(untestableJob("job.no-rollback", "a FAILED or STOPPED Job implies no state of what it affected", "J-32", "5.17.1", "l.3759-3762",
		"informative: it forbids the suite, not the Provider, to expect a rollback, and no check does"))
)

// untestableJob declares a Job rule that cannot be judged from outside.
func untestableJob(id, title, rule, clause, lines, why string) Check {
	c := untestable(id, title, rule, clause, lines, why)
	c.Area, c.Resource = "jobs", "Job"
	return c
}

// only limits a check to one CIMI version.
func only(v model.Version, c Check) Check {
	c.Only = v
	return c
}
