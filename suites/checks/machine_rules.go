package checks

import (
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

func v1(c Check) Check { c.Only = model.V1; return c }

// The Machine rules beyond one Machine's lifecycle: parts given by value,
// credentials and userData at creation, the chain of snapshots as images
// are deleted, what a template's update leaves alone, and the shapes a
// Machine's Disks and operations take.

var (
	snapshots = machineAction("snapshot")

	MachineConfigByValue = declare(machine("machine.config-by-value", "where MachineConfigByValue is offered, a machineConfig given inline makes a Machine with that cpu and memory",
		"M-78", "5.11.1", "Table 7 (l.1977)", May, "create"), with(makeMachines, features.Capability("Machine", "MachineConfigByValue"))...)
	MachineImageByValue = declare(machine("machine.image-by-value", "where MachineImageByValue is offered, a machineImage given inline is accepted",
		"M-79", "5.11.1", "Table 7 (l.1977)", May, "create"), with(makeMachines, features.Capability("Machine", "MachineImageByValue"))...)
	MachineCredentialByValue = declare(machine("machine.credential-by-value", "where MachineCredentialByValue is offered, a credential given inline is accepted",
		"M-80", "5.11.1", "Table 7 (l.1977)", May, "create"), with(makeMachines, features.Capability("Machine", "MachineCredentialByValue"))...)
	MachineBadCredential = declare(machine("machine.create-bad-credential", "a template whose credential is not a Credential makes no Machine: refused, or the creation fails",
		"M-76, M-116", "5.14.2.1", "l.2843-2844, Table 19", Shall, "create"), makeMachines...)
	MachineUserDataAdvertised = declare(machine("machine.userdata-advertised", "a Provider that accepts userData says so with the UserData capability",
		"M-85", "5.14.3", "l.2866-2870", Shall, "create"), makeMachines...)
	MachineUserDataBase64 = declare(machine("machine.userdata-base64", "userData that is not Base64 makes no Machine: refused, or the creation fails",
		"M-86", "5.14.3", "l.2856", Shall, "create"), with(makeMachines, features.Capability("Machine", "UserData"))...)
	MachineActionAnswer = declare(everywhere(machine("machine.action-answer", "the answer to an action is empty, a Job, or a representation of the Machine",
		"M-37", "5.14.1.2", "l.2602, l.2642", May, "action")), makeMachines...)
	MachineStopWhileStopping = declare(machine("machine.stop-while-stopping", "a forced stop sent while the Machine is STOPPING is accepted and the Machine ends STOPPED",
		"M-43", "5.14.1.2", "l.2619-2620", Should, "action:stop"), with(machineAction("stop"), features.Capability("Machine", "MachineStopForce"))...)
	MachineRestartForce = declare(machine("machine.restart-force", "restart accepts the force flag as stop does",
		"M-46", "5.14.1.2", "l.2649-2652", Shall, "action:restart"), machineAction("restart")...)
	MachinePauseURI = declare(v2(machine("machine.pause-uri", "pause is advertised under the action URI …/action/pause, not …/action.pause",
		"M-49", "5.14.1.2", "l.2693", Shall, "read")), makeMachines...)
	MachineDiskParent = declare(v2(machine("machine.disk-parent", "a Machine's Disk names its disks collection as parent, and that collection names the Machine",
		"M-123", "5.10.2", "l.1858-1860", Shall, "read")), makeMachines...)
	MachineDiskNoFormat = declare(machine("machine.disk-no-format", "a Machine's Disks carry no format",
		"M-100", "5.14.5", "l.2888-2890", Should, "read"), makeMachines...)
	MachineDiskAdd = declare(machine("machine.disk-add", "where a Machine's disks collection offers add, a posted Disk is made and listed there",
		"M-121", "5.14.1", "Table 16", May, "create"), makeMachines...)
	MachineDeleteKeepsImages = declare(machine("machine.delete-keeps-images", "the SNAPSHOT images of a deleted Machine remain",
		"M-29", "5.14.1", "Table 16", Shall, "delete"), snapshots...)
	MachineRestoreFromImage = declare(machine("machine.restore-image-refused", "without RestoreFromImage, a restore from an image that is not a SNAPSHOT is refused and the state does not change",
		"M-58", "5.14.1.2", "l.2764-2767", Shall, "action:restore"), machineAction("restore")...)
	MachineRestoreImageAccepted = declare(machine("machine.restore-from-image", "with RestoreFromImage, a restore from an image that is not a SNAPSHOT is accepted and the Machine ends in a stable state",
		"R-32", "5.11.1", "Table 7 (l.1977)", Shall, "action:restore"), with(machineAction("restore"), features.Capability("Machine", "RestoreFromImage"))...)

	MachineSnapshotRelated = declare(machine("machine.snapshot-related-ignored", "a relatedImage the Consumer sends with a snapshot is not applied",
		"M-55", "5.14.7", "Table 21 (l.2913)", Shall, "action:snapshot"), snapshots...)
	ImageDeleteRelinks = declare(image("image.delete-relinks", "deleting an image makes the SNAPSHOTs that named it as relatedImage name its own relatedImage (or none)",
		"M-105", "5.14.7", "Table 21 (l.2913)", Shall, "delete"), with(snapshots, features.Collection("machineImages"))...)
	ImageDeletePartials = declare(image("image.delete-partials", "deleting an image deletes the PARTIAL_SNAPSHOTs built on it, and those built on them",
		"M-106", "5.14.7", "Table 21 (l.2913)", Shall, "delete"), with(snapshots, features.Collection("machineImages"), features.Action("Machine", "capture"))...)

	TemplateSparesMachines = declare(template("template.update-spares-machines", "updating a template leaves the Machines made from it as they were",
		"M-94", "5.14.4", "Table 19", Should, "update"), with(templates, makeMachines...)...)
	TemplateStableInitialState = declare(template("template.initial-state", "a template with a transient initialState is refused, or stored without it",
		"M-91", "5.14.3", "Table 19 (l.2850)", Shall, "create"), templates...)

	CredentialAttributeNames = declare(credential("credential.attribute-names", "a Credential's userName, password and key are spelled so, key a string",
		"M-115", "5.14.9", "Tables 23-24", Shall, "read"), credentials...)
)

// Rules that cannot be judged from outside, or not yet: each says why.
var (
	CEPUpdate = declare(untestable("cep.update", "a PUT of the Cloud Entry Point that changes baseURI leaves it unchanged", "M-04", "5.12", "Table 8",
		"needs a write to the entry point every user shares, and a run writes only to what it made"))
	CEPDelete = declare(untestable("cep.delete", "deleting the Cloud Entry Point deletes what it refers to", "M-10", "5.12", "l.2062-2063",
		"destroys the endpoint; a run writes only to what it made"))
	MachineCapturingOps = declare(untestable("machine.capturing-operations", "while CAPTURING a Machine does not list the operations the capture makes unavailable", "M-52", "5.14.1", "Table 16",
		"which operations a capture holds back is the Provider's choice and is advertised nowhere, so a listed one can be told unavailable only by trying it during a capture"))
	MachineUserDataInGuest = declare(untestable("machine.userdata-in-guest", "the decoded userData is readable inside the guest through the advertised method", "M-87", "5.14.3", "l.2857-2872",
		"needs a login to the guest operating system"))
	MachineActionBodyOrder = declare(v1(untestable("machine.action-body-order", "1.x XML Action bodies put action first, then the parameters", "M-126", "5.14.1.2", "DSP8009",
		"a rule for the bodies a Consumer sends; cimitest's own 1.x Action bodies follow it")))
)

// MachineUnadvertisedRefused judges the operations a Machine leaves out: a
// PUT or DELETE it did not advertise to this caller must not succeed.
var MachineUnadvertisedRefused = declare(machine("machine.unadvertised-refused", "a PUT or DELETE the Machine did not advertise (no edit, no delete) is refused and changes nothing",
	"M-21, P-54", "4.2.1.3, 4.2.1.4, 4.2", "l.1022-1024, l.1087-1089", Shall, "update"), makeMachines...)
