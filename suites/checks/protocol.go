package checks

import (
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// Protocol checks (§4): media types, headers, Jobs and error answers, judged
// on the exchanges the scenarios make.

func proto(id, title, rule, clause, lines string, level Level, op string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "protocol", Resource: "any", Operation: op}
}

var (
	HTTPMediaType = declare(everywhere(proto("http.media-type", "a response body is application/json or application/xml",
		"P-04", "4.1.4", "l.584-587", Shall, "read")))
	HTTPAcceptHonored = declare(everywhere(proto("http.accept-honoured", "the response uses the media type the Accept header asked for",
		"P-05", "4.1.4", "l.600-602, l.911-913", Should, "read")))
	HTTPContentLength = declare(everywhere(proto("http.content-length", "a 200 or 201 answer with a body carries Content-Type and Content-Length",
		"P-58, P-65, P-69", "4.2.1.2", "l.1007-1009, l.990-993, l.1043-1046", Shall, "read")))
	HTTPJobURI = declare(everywhere(proto("http.job-uri", "with Jobs supported, every PUT, POST and DELETE answer names an absolute, readable Job in CIMI-Job-URI",
		"P-82, P-83, J-01", "4.2.1.6", "l.1116-1119", Shall, "write")), jobs)
	HTTPSyncJobDone = declare(everywhere(proto("http.sync-job-complete", "a synchronous answer (not 202) points at a Job that has ended, with progress 100",
		"P-84, J-02, P-85, J-03, J-04", "4.2.1.6", "l.1120-1122, l.1126-1128", Shall, "write")), jobs)
	HTTPAsyncJob = declare(everywhere(proto("http.async-job", "a 202 answer produces a Job that runs to its end; its body is a Job, a consistent partial resource or empty",
		"P-87, J-05, P-86, J-06", "4.2.1.7", "l.1123-1143", Shall, "write")), jobs)
	HTTPCreateLocation = declare(proto("http.create-location", "a create names the new resource in Location (mandatory on 201), and GET on it returns the resource",
		"P-57, J-07", "5.5.12.1", "l.1616-1619, l.988-989, l.1139-1140", Shall, "create"))
	HTTPCreateBody = declare(proto("http.create-body", "a 201 create that returns a body returns the new resource, with Location as its id",
		"M-62", "4.2.1.1", "l.990-1000", Shall, "create"))
	HTTPCreateJob = declare(proto("http.create-job", "the Job of a create targets the collection and lists the new resource",
		"M-84, J-12, P-88", "5.17.1", "Table 46, l.3759-3762", Shall, "create"), jobs)
	HTTPErrorJob = declare(proto("http.error-job", "an error answer carries a Job describing the failure",
		"P-93, P-94, J-08, J-09", "4.2.2", "l.1144-1152", Shall, "error"))
	HTTPNotFound = declare(proto("http.not-found", "a request for a resource that does not exist (or no longer does) is answered 404",
		"M-27", "4.2.1.4", "l.1085-1096", Should, "read"))
	HTTPMalformedBody = declare(Check{ID: "http.malformed-body", Title: "a malformed JSON or XML body is refused with a 4xx, not a 5xx, and creates nothing",
		Rule: "P-79, M-33", Clause: "5.3", Lines: "l.1246-1248", Level: Shall, Area: "protocol",
		Resource: "MachineCollection", Operation: "create", Mutating: true}, makeMachines...)
	HTTPIdentityKept = declare(everywhere(Check{ID: "http.identity-kept", Title: "a resource the run made still reads, at the URI its create gave, as that resource: its type and the name the run gave it",
		Rule: "P-01, P-63", Clause: "4.2.1.2", Lines: "l.1001-1009, l.959-964", Level: Shall, Area: "protocol",
		Resource: "any", Operation: "write", Mutating: true}))
	HTTPUnknownAttr = declare(Check{ID: "http.unknown-attribute", Title: "a request carrying an attribute the model does not define is refused with a 4xx",
		Rule: "P-79, M-25, M-83", Clause: "5.3", Lines: "l.1246-1248", Level: Shall, Area: "protocol",
		Resource: "Machine", Operation: "update", Mutating: true}, makeMachines...)
)

// More of the HTTP binding (§4.1, §4.2, §6).

func bad(id, title, rule, clause, lines string, level Level, resource string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "protocol", Resource: resource, Operation: "bad-input", Mutating: true}
}

func untestable(id, title, rule, clause, lines, why string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: Shall,
		Area: "protocol", Resource: "any", Operation: "none", Untestable: why}
}

var (
	HTTPNoAccept = declare(proto("http.no-accept", "without an Accept header the answer is JSON or XML",
		"P-06, P-04", "4.2.1.1", "l.911-914", Shall, "read"))
	HTTPAcceptAny = declare(proto("http.accept-any", "Accept: */* gets JSON or XML",
		"P-07", "4.1.4", "l.600-602", Should, "read"))
	HTTPNotAcceptable = declare(proto("http.not-acceptable", "an Accept that names neither CIMI media type gets 406, or JSON or XML anyway",
		"P-09", "4.1.4", "l.584-587", Should, "read"))
	HTTPHeaders = declare(everywhere(proto("http.headers", "headers are well formed: Content-Type parses and Content-Length is the length of the body",
		"P-10", "4.1.5", "l.603-606", Shall, "read")))
	HTTPUnsupportedMedia = declare(bad("http.unsupported-media-type", "a body with a Content-Type other than JSON or XML is refused (415 preferred) and creates nothing",
		"P-08", "4.1.4", "l.584-587", Should, "MachineCollection"), makeMachines...)
	HTTPOversizedBody = declare(bad("http.oversized-body", "a 10 MB body is refused with a 4xx (413 preferred), never a 5xx, and creates nothing",
		"P-81, R-46", "6", "", Shall, "MachineCollection"), makeMachines...)
	HTTPWrongType = declare(bad("http.wrong-type", "an attribute of the wrong type is refused with a 4xx and creates nothing",
		"P-79, P-112", "5.3", "l.1246-1248", Shall, "MachineConfigurationCollection"), features.Create("MachineConfiguration"))
	HTTPWrongResourceURI = declare(bad("http.wrong-resource-uri", "a body whose resourceURI names another type is refused with a 4xx and creates nothing",
		"P-105", "4.1.4", "l.595-599", Shall, "MachineCollection"), makeMachines...)
	HTTPMissingRequired = declare(bad("http.missing-required", "a MachineImage without imageLocation is refused with a 4xx and creates nothing",
		"M-101", "5.14.7.1", "Table 21 (l.2913)", Should, "MachineImageCollection"), features.Create("MachineImage"))
	HTTPUnadvertisedAdd = declare(func() Check {
		c := proto("http.unadvertised-add", "a POST to a collection that does not advertise add is refused and creates nothing",
			"P-54", "4.2.1.1", "l.895-898", Shall, "create")
		c.Mutating = true
		return c
	}())
	HTTPUnknownAction = declare(bad("http.unknown-action", "an Action naming an action the Provider does not define is refused and changes nothing",
		"M-33", "4.2.1.5", "l.1097-1112", Should, "Machine"), makeMachines...)
	HTTPNoResourceURI = declare(bad("http.no-resource-uri", "a create without resourceURI (optional for Consumers) is accepted",
		"P-64", "4.1.4", "l.595", Shall, "MachineCollection"), makeMachines...)
	HTTPUnauthenticated = declare(proto("http.unauthenticated", "a request without credentials is answered 401 with WWW-Authenticate",
		"P-127", "6", "", Should, "read"))
	HTTPVersionHeader = declare(Check{ID: "http.version-header", Title: "answers carry CIMI-Specification-Version, and a request naming only unknown versions gets 400",
		Rule: "P-128", Clause: "1.x implementations", Level: Should, Area: "protocol", Resource: "any", Operation: "read", Only: model.V1})
	HTTPETag = declare(Check{ID: "http.etag", Title: "where ETags are sent, If-Match is honoured: a stale one gets 412 and changes nothing, the current one succeeds",
		Rule: "P-95, P-96", Clause: "4.1.7.2", Lines: "l.845-848", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true}, makeMachines...)
	UpdateSelect = declare(Check{ID: "update.select", Title: "PUT ?$select=a changes a and nothing else",
		Rule: "P-70", Clause: "4.2.1.3.1", Lines: "l.1056-1064", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true}, with(makeMachines, selectParam)...)
	UpdateSelectReset = declare(Check{ID: "update.select-reset", Title: "PUT ?$select=a,b with only a in the body resets b",
		Rule: "P-71", Clause: "4.2.1.3.1", Lines: "l.1065-1066, l.1075-1084", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true}, with(makeMachines, selectParam)...)
	UpdateSelectExtra = declare(Check{ID: "update.select-extra", Title: "PUT ?$select=a with another attribute in the body is refused",
		Rule: "P-72", Clause: "4.2.1.3.1", Lines: "l.1071-1074", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true}, with(makeMachines, selectParam)...)
	CollectionInsert = declare(Check{ID: "collection.insert-remove", Title: "where a collection offers insert and remove, they add and drop an existing resource, which survives",
		Rule: "P-78", Clause: "5.5.12.2", Lines: "l.1620-1659", Level: Shall, Area: "protocol", Resource: "any", Operation: "insert", Only: model.V2, Mutating: true})
	ValueScope = declare(Check{ID: "value.vscope", Title: "a value outside a vscope of the ResourceMetadata is refused with a 4xx",
		Rule: "P-80, M-127, R-26, R-27", Clause: "5.11", Lines: "Table 6", Level: Shall, Area: "protocol", Resource: "any", Operation: "create", Only: model.V2, Mutating: true}, valueScopes, features.Create("MachineConfiguration"))
	JobDeleteRunning = declare(Check{ID: "job.delete-running", Title: "DELETE on a RUNNING Job stops it and removes it (or fails when the Job cannot be stopped)",
		Rule: "P-92, J-20, J-21", Clause: "5.17.1.1", Lines: "l.3776-3778", Level: Shall, Area: "jobs", Resource: "Job", Operation: "delete", Mutating: true}, jobs, features.Create("MachineImage"))
	JobNested = declare(Check{ID: "job.nested", Title: "a Job with nested Jobs is SUCCESS only when they all are, and each nested Job names it as parentJob",
		Rule: "P-91, J-17, J-18", Clause: "5.17.1", Lines: "l.3763-3769", Level: Shall, Area: "jobs", Resource: "Job", Operation: "read"}, jobs)
	ConsumerURIs = declare(untestable("consumer.opaque-uris", "Consumers treat URIs as opaque", "P-11", "4.1.3", "l.572-583",
		"a rule for Consumers: cimitest follows it and only adds CIMI query parameters to URIs it was given"))
	ConsumerQueryParams = declare(untestable("consumer.keep-query-params", "Consumers keep the query parameters of URIs they were given", "P-14", "4.1.6", "l.608-609",
		"a rule for Consumers: cimitest appends its parameters with &"))
	ConsumerCapabilities = declare(untestable("consumer.absent-capability", "an absent boolean capability means false", "P-16", "5.11.1", "",
		"how a Consumer reads capabilities: cimitest treats absent ones as false"))
	ConsumerUnordered = declare(untestable("consumer.unordered", "without $orderby the order of a collection is not defined", "P-33", "4.1.6.6", "l.802-836",
		"nothing for a Provider to do: cimitest compares unordered collections as sets"))
	CEPPerConsumer = declare(untestable("cep.per-consumer", "each Consumer's entry point lists only the collections it may use", "P-103, M-08, R-47", "5.12", "l.2059-2061",
		"needs two accounts with different rights; cimitest takes one"))
	DocumentedAuth = declare(untestable("doc.authentication", "the Provider documents its authentication", "P-126", "6", "",
		"documentation, outside the protocol"))
	DeprecatedFeatures = declare(untestable("doc.deprecated", "deprecated features should not be offered", "P-129", "1.2", "",
		"informative: the spec marks nothing a test could look for"))
)
