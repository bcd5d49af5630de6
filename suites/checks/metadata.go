package checks

import "github.com/cimitest/cimitest/suites/features"

// ResourceMetadata and feature discovery (§5.11, §5.11.1).

func rm(id, title, rule, lines string, level Level, resource, op string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: "5.11", Lines: lines, Level: level,
		Area: "metadata", Resource: resource, Operation: op}
}

// resourceMetadata is the collection the ResourceMetadata checks read.
var resourceMetadata = features.Collection("resourceMetadata")

var (
	RMEntries = declare(rm("rm.entries", "each ResourceMetadata has an id, an absolute typeURI and a name, and reads the same at its id",
		"R-04", "Table 6 (l.1891)", Shall, "ResourceMetadata", "read"), resourceMetadata)
	RMAttributes = declare(rm("rm.attributes", "attribute entries describe CIMI attributes without namespace or type and extensions with both, with their constraints",
		"R-07, R-08, R-10", "Table 6 (l.1891)", Shall, "ResourceMetadata", "read"), resourceMetadata)
	RMCapabilities = declare(Check{ID: "rm.capabilities", Title: "capability URIs are absolute and unique; CIMI ones name a capability of Table 7 in the right ResourceMetadata, with a value of its type",
		Rule: "R-14, R-15, R-17, R-18, M-128, M-129", Clause: "5.11.1", Lines: "l.1959-1976, Table 7 (l.1977)", Level: Shall,
		Area: "metadata", Resource: "ResourceMetadata", Operation: "read"}, resourceMetadata)
	RMImplied = declare(Check{ID: "rm.capabilities-implied", Title: "a by-value capability of a Machine or Volume part comes with the template's by-value capability",
		Rule: "R-19, R-20, M-77", Clause: "5.11.1", Lines: "Table 7 (l.1977)", Level: Shall,
		Area: "metadata", Resource: "ResourceMetadata", Operation: "read"}, resourceMetadata)
	RMActions = declare(rm("rm.actions", "action entries have a name, an absolute uri and a method, and media types as messages",
		"R-35", "Table 6 (l.1891)", Shall, "ResourceMetadata", "read"), resourceMetadata)
	RMXMLForm = declare(v2(rm("rm.xml-form", "in 2.0 XML, attributes, capabilities, actions and operations sit in their wrappers; entry fields are XML attributes and a capability's value is the element's content",
		"R-48", "l.1931-1957", Shall, "ResourceMetadata", "read")), resourceMetadata)
	RMOperations = declare(rm("rm.operations-in-actions", "the custom operations an instance offers are among the actions of its ResourceMetadata",
		"R-36", "Table 6 (l.1891)", Shall, "any", "read"))
	RMExtensions = declare(v2(rm("rm.extensions-present", "an extension attribute the ResourceMetadata declares providerMandatory appears in the type's representations",
		"R-12", "Table 6 (l.1891), §5.3 l.1221-1225", Shall, "any", "read")))
	RMReadOnly = declare(v2(Check{ID: "rm.read-only-extension", Title: "a PUT that changes an attribute the ResourceMetadata declares not consumerWritable leaves it as it was, without error",
		Rule: "R-13", Clause: "5.3", Lines: "l.1236-1240, l.1025-1027", Level: Shall, Area: "metadata",
		Resource: "Machine", Operation: "update", Mutating: true}), makeMachines...)
	RMInstanceRef = declare(v2(rm("rm.instance-metadata", "a resource's resourceMetadata reference leads to a ResourceMetadata of its type",
		"R-43", "l.1874-1889", Shall, "any", "read")))
	RMTemplateRef = declare(v2(Check{ID: "rm.template-metadata", Title: "a Machine made from a template with genResourceMetadata names that ResourceMetadata",
		Rule: "R-44", Clause: "5.11", Lines: "l.1882-1885", Level: Shall, Area: "metadata",
		Resource: "Machine", Operation: "create", Mutating: true}), with(templates, makeMachines...)...)
	RMMaxProperties = declare(v2(Check{ID: "rm.max-property-items", Title: "where MaxPropertyItems is N, a properties map of N entries is stored whole",
		Rule: "R-25", Clause: "5.11.1", Lines: "Table 7 (l.1977)", Level: Shall, Area: "metadata",
		Resource: "Machine", Operation: "update", Mutating: true}), with(makeMachines, features.Capability("CloudEntryPoint", "MaxPropertyItems"))...)
	RMInitialStates = declare(Check{ID: "rm.initial-states", Title: "a Machine created with each state InitialStates lists settles in that state",
		Rule: "R-22, M-73", Clause: "5.11.1", Lines: "Table 7 (l.1977)", Level: Shall, Area: "metadata",
		Resource: "Machine", Operation: "create", Mutating: true}, with(makeMachines, features.Capability("Machine", "InitialStates"))...)
	ClaimsMatch = declare(Check{ID: "claims.match", Title: "the features a vendor claims (--claims) are the features the endpoint advertises",
		Rule: "R-01, C-08", Clause: "5.11", Lines: "l.1866-1870", Level: Should, Area: "metadata",
		Resource: "CloudEntryPoint", Operation: "discover"})
)

// aboutRM files a not-testable ResourceMetadata rule under the metadata area.
func aboutRM(c Check) Check { c.Area, c.Resource = "metadata", "ResourceMetadata"; return c }

var (
	RMTypesWithoutMetadata = declare(aboutRM(untestable("rm.types-without-metadata", "a type with nothing beyond CIMI's definition has no ResourceMetadata",
		"R-05", "5.12", "Table 8 (l.2064)",
		"whether a type has constraints or extensions of the Provider's is known only to the Provider; the suite asks for no entry per collection, so an absent one is never a failure")))
	RMDereferenceable = declare(aboutRM(untestable("rm.dereferenceable", "the namespaces of extension attributes and the Provider's own capability URIs can be dereferenced",
		"R-09, R-16", "5.11.1", "Table 6 (l.1891), l.1959-1962",
		"dereferencing them means requests to hosts other than the endpoint, which a run never sends")))
	RMStopForceDefault = declare(aboutRM(untestable("rm.stop-force-default", "MachineStopForceDefault says whether a stop without force is forced",
		"R-29", "5.11.1", "Table 7 (l.1977)",
		"a forced and a graceful stop differ only inside the guest (or in how long they take, which no rule bounds)")))
	RMPermissions = declare(aboutRM(untestable("rm.permissions", "edit, delete and the ResourceMetadata's add are offered only to Consumers allowed to use them",
		"R-39, R-42", "4.2.1.3, 4.2.1.4, 5.11.2", "l.1022-1024, l.1087-1089",
		"the run sees only what its own account may do to what it made; telling which rights another Consumer lacks needs a second account with narrower rights, and R-42 is informative")))
)
