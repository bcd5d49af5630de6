package main

import (
	"slices"
	"testing"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/checks"
)

// A check that cites several rules must be able to fail on each: for every
// rule it cites, some fault switch that turns it red breaks that rule
// (faultBreaks), or citedWithoutSwitch says why no switch can. A check
// citing one rule is held by its fault case alone.

// faultBreaks names the digest rules each switch breaks, for the checks
// that cite more than one rule.
var faultBreaks = map[string][]string{
	reference.FaultConfigHalvesMemory:         {"M-99", "P-104"},
	reference.FaultConfigDeleteIgnored:        {"M-99", "P-104"},
	reference.FaultIDNotSelf:                  {"P-01", "P-99"},
	reference.FaultMachineIDSlash:             {"P-01", "M-11"},
	reference.FaultBaseURIRelative:            {"M-02", "P-102"},
	reference.FaultCEPWithoutConfigs:          {"M-07", "P-104", "C-08"},
	reference.FaultImageImportStuck:           {"M-104"},
	reference.FaultDanglingImageRef:           {"P-75", "M-93"},
	reference.FaultRunningJobKept:             {"P-92", "J-20"},
	reference.FaultNestedFailureHidden:        {"P-91", "J-17"},
	reference.FaultJobProgressOver:            {"J-15", "P-89"},
	reference.FaultJobTargetNotAffected:       {"J-11", "P-88"},
	reference.FaultJobNeverEnds:               {"M-34", "P-84", "J-02", "P-85", "P-87", "J-05", "J-03", "J-04"},
	reference.FaultCaptureImageStuck:          {"M-50", "M-109"},
	reference.FaultCollectionCount:            {"P-98", "M-60"},
	reference.FaultXMLMachineCreateRefused:    {"M-61", "P-56"},
	reference.FaultCreateIgnoresName:          {"M-66", "P-63"},
	reference.FaultBadCredentialAccepted:      {"M-76", "M-116"},
	reference.FaultTransientInitialAccepted:   {"M-75", "M-74"},
	reference.FaultCreateProvisioning:         {"M-63", "P-59"},
	reference.FaultDeleteLeavesReadable:       {"M-27", "P-73"},
	reference.FaultDisksSurviveDelete:         {"M-28", "P-76"},
	reference.FaultDeletedStillListed:         {"P-74", "M-30"},
	reference.FaultOpsIgnoreState:             {"M-31", "P-50"},
	reference.FaultSnapshotUnlisted:           {"M-53", "M-18"},
	reference.FaultStartThroughStopping:       {"M-38", "M-35"},
	reference.FaultResumeRefused:              {"M-35", "P-77"},
	reference.FaultStopStaysStarted:           {"M-41", "M-35"},
	reference.FaultVolumesWrongCollection:     {"M-17", "V-60"},
	reference.FaultInterfacesWrongCollection:  {"M-16"},
	reference.FaultExtensionRejected:          {"M-22", "P-66", "M-23", "M-24", "P-67"},
	reference.FaultUpdatedOnAction:            {"M-26", "P-124"},
	reference.FaultJobUpdateOverwrites:        {"J-26"},
	reference.FaultJobUpdateIgnored:           {"J-19"},
	reference.FaultJobStopIgnored:             {"J-23"},
	reference.FaultWrongStateAccepted:         {"P-55", "M-32"},
	reference.FaultRMActionsIncomplete:        {"R-01"},
	reference.FaultRMExtensionNoNamespace:     {"R-08"},
	reference.FaultRMCIMIAttributeTyped:       {"R-07"},
	reference.FaultRMAttributeUnconstrained:   {"R-10"},
	reference.FaultRMCapabilityMisnamed:       {"R-15", "M-129"},
	reference.FaultDefaultInitialStateOutside: {"M-128"},
	reference.FaultRMCapabilityTwice:          {"R-14"},
	reference.FaultRMCapabilityMisplaced:      {"R-17"},
	reference.FaultRMCapabilityValueWord:      {"R-18"},
	reference.FaultRMByValueUnimplied:         {"R-19", "M-77"},
	reference.FaultInitialStateIgnored:        {"R-22", "M-73"},
	reference.FaultAcceptedAnswersText:        {"P-86", "J-06"},
	reference.FaultNoContentLength:            {"P-58", "P-65"},
	reference.FaultUpdateAnswerUntyped:        {"P-69"},
	reference.FaultDiskAddIgnored:             {"J-12", "P-88"},
	reference.FaultErrorWithoutJob:            {"P-93", "J-08"},
	reference.FaultErrorJobFakeID:             {"P-94", "J-09"},
	reference.FaultETagIgnored:                {"P-95"},
	reference.FaultRelativeJobURI:             {"P-83"},
	reference.FaultJobURIMissingOnPut:         {"P-82", "J-01"},
	reference.FaultMalformedBody500:           {"P-79", "M-33"},
	reference.FaultWildcardAcceptRefused:      {"P-06", "P-04"},
	reference.FaultUnknownAttrAccepted:        {"P-79", "M-25", "M-83"},
	reference.FaultWrongTypeCoerced:           {"P-79", "P-112"},
	reference.FaultVScopeIgnored:              {"P-80", "M-127"},
	reference.FaultExpandIgnored:              {"P-42", "P-15"},
	reference.FaultFilterIgnored:              {"P-17", "P-15", "P-21", "P-18"},
	reference.FaultCountIgnoresFilter:         {"P-24"},
	reference.FaultFirstLastOffByOne:          {"P-26"},
	reference.FaultSelectDropsResourceURI:     {"P-35"},
	reference.FaultSelectIgnored:              {"P-34", "P-15"},
	reference.FaultSelectDropsOperations:      {"P-36"},
	reference.FaultByValueTemplateExposed:     {"M-69", "P-62"},
	reference.FaultOverridePersists:           {"M-68", "P-61", "M-67", "P-60"},
	reference.FaultUnadvertisedHonoured:       {"M-21", "P-54"},
	reference.FaultRMExtensionMissing:         {"R-12"},
	reference.FaultCreateNoLocation:           {"P-57"},
	reference.FaultCreateBodyIsJob:            {"M-62"},
	reference.FaultTemplateDropsName:          {"M-89"},
	reference.FaultJobCollectionMistyped:      {"M-05"},
	reference.FaultDanglingReference:          {"P-02"},
}

// citedWithoutSwitch are the rules a check cites that no switch breaks
// alone, and why.
var citedWithoutSwitch = map[*checks.Check]map[string]string{
	checks.ImageCreate: {"M-107": "M-107 asks that images can be made at all: an endpoint that cannot " +
		"does not offer create/MachineImage, the check is then not supported, and the minimal conformance " +
		"verdict of a 2.0 run fails on the missing feature"},
	checks.JobDeleteRunning: {"J-21": "the other branch of J-20: the reference's running Jobs offer stop, " +
		"so a DELETE that must fail because a Job cannot be stopped cannot be brought about"},
	checks.JobNested: {"J-18": "judged with J-17 on the same nested Jobs; no switch writes a wrong parentJob yet"},
	checks.HTTPCreateJob: {"M-84": "the Machine create's Job is judged by the code that judges every create's " +
		"Job (P-88, J-12), which disk-add-ignored turns red"},
	checks.HTTPIdentityKept: {"P-01": "a create answered with the Location of another user's resource is " +
		"shown by TestTheRunTouchesOnlyWhatItMade, where the run refuses to write to it"},
	checks.HTTPETag: {"P-96": "P-96 makes the ETag optional: there is nothing to break, and without one " +
		"the check is not supported"},
}

// notHeldByCitation are the areas whose checks retell a story (the plug-fest
// walkthrough) and cite the rules each step of it exercises; the rules
// themselves are held by the checks that judge them one by one.
var notHeldByCitation = []string{"walkthrough"}

func init() {
	for name, rules := range volumeBreaks {
		faultBreaks[name] = rules
	}
	for c, rules := range volumeCitedWithoutSwitch {
		citedWithoutSwitch[c] = rules
	}
}

func TestCitedRulesCanFail(t *testing.T) {
	red := map[*checks.Check][]string{}
	for _, cases := range []map[string]faultCase{faultCases, faultCases11} {
		for name, fc := range cases {
			for _, c := range fc.red {
				red[c] = append(red[c], name)
			}
		}
	}
	for _, c := range checks.All() {
		_, elsewhere := provenElsewhere[c]
		if len(c.Cites()) < 2 || c.Untestable != "" || c.Area == "representation" || elsewhere ||
			slices.Contains(notHeldByCitation, c.Area) {
			continue
		}
		for _, rule := range c.Cites() {
			broken := slices.ContainsFunc(red[c], func(f string) bool { return slices.Contains(faultBreaks[f], rule) })
			_, excused := citedWithoutSwitch[c][rule]
			switch {
			case broken && excused:
				t.Errorf("%s: %s is broken by a switch; take it out of citedWithoutSwitch", c.ID, rule)
			case !broken && !excused:
				t.Errorf("%s cites %s, but no switch that turns it red breaks %s (faultBreaks), and citedWithoutSwitch says nothing",
					c.ID, rule, rule)
			}
		}
	}
}

// A switch breaks only rules that a check it turns red cites.
func TestFaultBreaksAreCitedByTheirChecks(t *testing.T) {
	for name, rules := range faultBreaks {
		// A switch run in both versions turns red what either run shows.
		fc20, in20 := faultCases[name]
		fc11, in11 := faultCases11[name]
		if !in20 && !in11 {
			t.Errorf("%s has rules in faultBreaks but no fault case", name)
			continue
		}
		red := slices.Concat(fc20.red, fc11.red)
		for _, rule := range rules {
			if !slices.ContainsFunc(red, func(c *checks.Check) bool { return slices.Contains(c.Cites(), rule) }) {
				t.Errorf("%s breaks %s, but no check it turns red cites %s", name, rule, rule)
			}
		}
	}
}
