package checks

import "github.com/cimitest/cimitest/suites/features"

// The features checks need, named once for the declarations that share them
// (suites/features): a check whose feature the endpoint does not advertise
// is not supported, with the reason.

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
