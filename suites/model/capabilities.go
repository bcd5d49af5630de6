package model

import (
	"slices"
	"strings"
)

// CapabilityKind is the type of a capability's value (§5.11.1, Table 7).
type CapabilityKind string

const (
	CapBoolean  CapabilityKind = "boolean"
	CapInteger  CapabilityKind = "integer"  // a non-negative integer
	CapState    CapabilityKind = "state"    // one non-transient state of the resource
	CapStates   CapabilityKind = "states"   // a list of such states
	CapUserData CapabilityKind = "userData" // metadata, disk or imgmod (§5.14.3)
)

// capabilities2 is Table 7 of DSP0263 2.0.0 (l.1977): resource, name, kind.
var capabilities2 = map[string]map[string]CapabilityKind{
	"CloudEntryPoint": {"ExpandParameter": CapBoolean, "FilterParameter": CapBoolean, "FirstParameter": CapBoolean,
		"SelectParameter": CapBoolean, "FormatParameter": CapBoolean, "OrderByParameter": CapBoolean,
		"QueryPathNotation": CapBoolean, "MaxPropertyItems": CapInteger, "ValueScopes": CapBoolean},
	"System": {"SystemComponentTemplateByValue": CapBoolean},
	"Machine": {"DefaultInitialState": CapState, "InitialStates": CapStates, "MachineConfigByValue": CapBoolean,
		"MachineCredentialByValue": CapBoolean, "MachineImageByValue": CapBoolean, "MachineVolumeTemplatesByValue": CapBoolean,
		"MachineTemplateByValue": CapBoolean, "MachineStopForce": CapBoolean, "MachineStopForceDefault": CapBoolean,
		"RestoreFromImage": CapBoolean, "UserData": CapUserData, "MachineAvailabilityLevel": CapBoolean},
	"Credential": {"CredentialTemplateByValue": CapBoolean},
	"Volume": {"SharedVolumeSupport": CapBoolean, "VolumeConfigByValue": CapBoolean, "VolumeImageByValue": CapBoolean,
		"VolumeSnapshot": CapBoolean, "VolumeTemplateByValue": CapBoolean, "VolumeAvailabilityLevel": CapBoolean},
	"Network":          {"NetworkTemplateByValue": CapBoolean, "DefaultInitialState": CapState, "InitialStates": CapStates},
	"NetworkInterface": {"NetworkInterfaceTemplateByValue": CapBoolean, "DefaultInitialState": CapState, "InitialStates": CapStates},
	"NetworkService":   {"NetworkServiceTemplateByValue": CapBoolean, "DefaultInitialState": CapState, "InitialStates": CapStates},
	"ProtocolEndpoint": {"ProtocolEndpointTemplateByValue": CapBoolean, "DefaultInitialState": CapState, "InitialStates": CapStates},
	"ProtocolSegment":  {"ProtocolSegmentTemplateByValue": CapBoolean, "DefaultInitialState": CapState, "InitialStates": CapStates},
	"Job":              {"JobRetention": CapInteger},
	"Meter":            {"MeterConfigByValue": CapBoolean, "MeterTemplateByValue": CapBoolean},
	"EventLog":         {"Linked": CapBoolean},
}

// capabilities1 is the 1.0.1 table as the digest gives it; 1.x is
// otherwise unconfirmed, so 1.x also accepts the 2.0 names of a resource.
var capabilities1 = map[string]map[string]CapabilityKind{
	"CloudEntryPoint": {"ExpandParameter": CapBoolean, "FilterParameter": CapBoolean, "FirstParameter": CapBoolean,
		"firstParameter": CapBoolean, "SelectParameter": CapBoolean},
	"Network":         {"NetworkConfigByValue": CapBoolean, "NetworkTemplateByValue": CapBoolean},
	"NetworkPort":     {"NetworkPortConfigByValue": CapBoolean, "NetworkPortTemplateByValue": CapBoolean},
	"ForwardingGroup": {"MixedNetwork": CapBoolean},
}

// Capability gives the kind of a CIMI capability of a resource in version
// v; ok is false when the spec defines no such capability.
func Capability(v Version, resource, name string) (CapabilityKind, bool) {
	if k, ok := capabilities2[resource][name]; ok && (v == V2 || resource != "CloudEntryPoint") {
		return k, true
	}
	if v == V1 {
		k, ok := capabilities1[resource][name]
		return k, ok
	}
	return "", false
}

// CheckCapabilityValue tells what is wrong with a capability value of kind
// k ("" when nothing); states are the resource's non-transient states, nil
// when the schema does not know them.
func CheckCapabilityValue(k CapabilityKind, value string, states []string) string {
	switch k {
	case CapBoolean:
		if value != "true" && value != "false" {
			return "is a boolean capability; its value is " + value
		}
	case CapInteger:
		if !integerRe.MatchString(value) || strings.HasPrefix(value, "-") {
			return "takes a non-negative integer; its value is " + value
		}
	case CapState:
		if states != nil && !slices.Contains(states, value) {
			return "names a state the resource does not have: " + value
		}
	case CapStates:
		for _, s := range strings.Split(value, ",") {
			if states != nil && !slices.Contains(states, strings.TrimSpace(s)) {
				return "lists a state the resource does not have: " + s
			}
		}
	case CapUserData:
		if value != "metadata" && value != "disk" && value != "imgmod" {
			return "is one of metadata, disk and imgmod; its value is " + value
		}
	}
	return ""
}
