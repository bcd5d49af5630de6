package checks

import "github.com/cimitest/cimitest/suites/model"

// Protocol checks (§4): media types, headers, Jobs and error answers, judged
// on the exchanges the scenarios make.
const (
	HTTPMediaType      = "http.media-type"
	HTTPAcceptHonored  = "http.accept-honoured"
	HTTPContentLength  = "http.content-length"
	HTTPJobURI         = "http.job-uri"
	HTTPSyncJobDone    = "http.sync-job-complete"
	HTTPAsyncJob       = "http.async-job"
	HTTPErrorJob       = "http.error-job"
	HTTPNotFound       = "http.not-found"
	HTTPMalformedBody  = "http.malformed-body"
	HTTPCreateLocation = "http.create-location"
	HTTPCreateBody     = "http.create-body"
	HTTPCreateJob      = "http.create-job"
	HTTPUnknownAttr    = "http.unknown-attribute"
	HTTPIdentityKept   = "http.identity-kept"
)

func proto(id, title, rule, clause, lines string, level Level, op string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "protocol", Resource: "any", Operation: op}
}

var _ = register(
	proto(HTTPMediaType, "a response body is application/json or application/xml",
		"P-04", "4.1.4", "l.584-587", Shall, "read"),
	proto(HTTPAcceptHonored, "the response uses the media type the Accept header asked for",
		"P-05", "4.1.4", "l.600-602, l.911-913", Should, "read"),
	proto(HTTPContentLength, "a 200 or 201 answer with a body carries Content-Type and Content-Length",
		"P-58, P-65, P-69", "4.2.1.2", "l.1007-1009, l.990-993, l.1043-1046", Shall, "read"),
	proto(HTTPJobURI, "with Jobs supported, every PUT, POST and DELETE answer names an absolute, readable Job in CIMI-Job-URI",
		"P-82, P-83, J-01", "4.2.1.6", "l.1116-1119", Shall, "write"),
	proto(HTTPSyncJobDone, "a synchronous answer (not 202) points at a Job that has ended, with progress 100",
		"P-84, J-02", "4.2.1.6", "l.1120-1122", Shall, "write"),
	proto(HTTPAsyncJob, "a 202 answer produces a Job that runs to its end; its body is a Job, a consistent partial resource or empty",
		"P-85, P-86, P-87, J-05, J-06", "4.2.1.7", "l.1123-1143", Shall, "write"),
	proto(HTTPCreateLocation, "a create names the new resource in Location (mandatory on 201), and GET on it returns the resource",
		"P-57, J-07", "5.5.12.1", "l.1616-1619, l.988-989, l.1139-1140", Shall, "create"),
	proto(HTTPCreateBody, "a 201 create that returns a body returns the new resource, with Location as its id",
		"M-62, P-58", "4.2.1.1", "l.990-1000", Shall, "create"),
	proto(HTTPCreateJob, "the Job of a create targets the collection and lists the new resource",
		"M-84, J-12, P-88", "5.17.1", "Table 46, l.3759-3762", Shall, "create"),
	proto(HTTPErrorJob, "an error answer carries a Job describing the failure",
		"P-93, P-94, J-08, J-09", "4.2.2", "l.1144-1152", Shall, "error"),
	proto(HTTPNotFound, "a request for a resource that does not exist (or no longer does) is answered 404",
		"M-27", "4.2.1.4", "l.1085-1096", Should, "read"),
	Check{ID: HTTPMalformedBody, Title: "a malformed JSON or XML body is refused with a 4xx, not a 5xx, and creates nothing",
		Rule: "P-79, M-33", Clause: "5.3", Lines: "l.1246-1248", Level: Shall, Area: "protocol",
		Resource: "MachineCollection", Operation: "create", Mutating: true},
	Check{ID: HTTPIdentityKept, Title: "a resource the run made still reads, at the URI its create gave, as that resource: its type and the name the run gave it",
		Rule: "P-01, P-63", Clause: "4.2.1.2", Lines: "l.1001-1009, l.959-964", Level: Shall, Area: "protocol",
		Resource: "any", Operation: "write", Mutating: true},
	Check{ID: HTTPUnknownAttr, Title: "a request carrying an attribute the model does not define is refused with a 4xx",
		Rule: "P-79, M-25, M-83", Clause: "5.3", Lines: "l.1246-1248", Level: Shall, Area: "protocol",
		Resource: "Machine", Operation: "update", Mutating: true},
)

// More of the HTTP binding (§4.1, §4.2, §6).
const (
	HTTPNoAccept         = "http.no-accept"
	HTTPAcceptAny        = "http.accept-any"
	HTTPUnsupportedMedia = "http.unsupported-media-type"
	HTTPNotAcceptable    = "http.not-acceptable"
	HTTPHeaders          = "http.headers"
	HTTPOversizedBody    = "http.oversized-body"
	HTTPWrongType        = "http.wrong-type"
	HTTPWrongResourceURI = "http.wrong-resource-uri"
	HTTPMissingRequired  = "http.missing-required"
	HTTPUnknownAction    = "http.unknown-action"
	HTTPNoResourceURI    = "http.no-resource-uri"
	HTTPUnauthenticated  = "http.unauthenticated"
	HTTPVersionHeader    = "http.version-header"
	HTTPETag             = "http.etag"
	UpdateSelect         = "update.select"
	UpdateSelectReset    = "update.select-reset"
	UpdateSelectExtra    = "update.select-extra"
	CollectionInsert     = "collection.insert-remove"
	ValueScope           = "value.vscope"
	JobDeleteRunning     = "job.delete-running"
	JobNested            = "job.nested"
	ConsumerURIs         = "consumer.opaque-uris"
	ConsumerQueryParams  = "consumer.keep-query-params"
	ConsumerCapabilities = "consumer.absent-capability"
	ConsumerUnordered    = "consumer.unordered"
	CEPPerConsumer       = "cep.per-consumer"
	DocumentedAuth       = "doc.authentication"
	DeprecatedFeatures   = "doc.deprecated"
)

func bad(id, title, rule, clause, lines string, level Level, resource string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "protocol", Resource: resource, Operation: "bad-input", Mutating: true}
}

func untestable(id, title, rule, clause, lines, why string) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: Shall,
		Area: "protocol", Resource: "any", Operation: "none", Untestable: why}
}

var _ = register(
	proto(HTTPNoAccept, "without an Accept header the answer is JSON or XML",
		"P-06, P-04", "4.2.1.1", "l.911-914", Shall, "read"),
	proto(HTTPAcceptAny, "Accept: */* gets JSON or XML",
		"P-07", "4.1.4", "l.600-602", Should, "read"),
	proto(HTTPNotAcceptable, "an Accept that names neither CIMI media type gets 406, or JSON or XML anyway",
		"P-09", "4.1.4", "l.584-587", Should, "read"),
	proto(HTTPHeaders, "headers are well formed: Content-Type parses and Content-Length is the length of the body",
		"P-10", "4.1.5", "l.603-606", Shall, "read"),
	bad(HTTPUnsupportedMedia, "a body with a Content-Type other than JSON or XML is refused (415 preferred) and creates nothing",
		"P-08", "4.1.4", "l.584-587", Should, "MachineCollection"),
	bad(HTTPOversizedBody, "a 10 MB body is refused with a 4xx (413 preferred), never a 5xx, and creates nothing",
		"P-81", "6", "", Shall, "MachineCollection"),
	bad(HTTPWrongType, "an attribute of the wrong type is refused with a 4xx and creates nothing",
		"P-79, P-112", "5.3", "l.1246-1248", Shall, "MachineConfigurationCollection"),
	bad(HTTPWrongResourceURI, "a body whose resourceURI names another type is refused with a 4xx and creates nothing",
		"P-105", "4.1.4", "l.595-599", Should, "MachineCollection"),
	bad(HTTPMissingRequired, "a MachineImage without imageLocation is refused with a 4xx and creates nothing",
		"M-109, P-79", "5.14.7.1", "l.2917-2927", Should, "MachineImageCollection"),
	bad(HTTPUnknownAction, "an Action naming an action the Provider does not define is refused and changes nothing",
		"M-33, P-77", "4.2.1.5", "l.1097-1112", Should, "Machine"),
	bad(HTTPNoResourceURI, "a create without resourceURI (optional for Consumers) is accepted",
		"P-64", "4.1.4", "l.595", Shall, "MachineCollection"),
	proto(HTTPUnauthenticated, "a request without credentials is answered 401 with WWW-Authenticate",
		"P-127", "6", "", Should, "read"),
	Check{ID: HTTPVersionHeader, Title: "answers carry CIMI-Specification-Version, and a request naming only unknown versions gets 400",
		Rule: "P-128", Clause: "1.x implementations", Level: Should, Area: "protocol", Resource: "any", Operation: "read", Only: model.V1},
	Check{ID: HTTPETag, Title: "where ETags are sent, If-Match is honoured: a stale one gets 412 and changes nothing, the current one succeeds",
		Rule: "P-95, P-96", Clause: "4.1.7.2", Lines: "l.845-848", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true},
	Check{ID: UpdateSelect, Title: "PUT ?$select=a changes a and nothing else",
		Rule: "P-70", Clause: "4.2.1.3.1", Lines: "l.1056-1064", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true},
	Check{ID: UpdateSelectReset, Title: "PUT ?$select=a,b with only a in the body resets b",
		Rule: "P-71", Clause: "4.2.1.3.1", Lines: "l.1065-1066, l.1075-1084", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true},
	Check{ID: UpdateSelectExtra, Title: "PUT ?$select=a with another attribute in the body is refused",
		Rule: "P-72", Clause: "4.2.1.3.1", Lines: "l.1071-1074", Level: Shall, Area: "protocol", Resource: "Machine", Operation: "update", Mutating: true},
	Check{ID: CollectionInsert, Title: "where a collection offers insert and remove, they add and drop an existing resource, which survives",
		Rule: "P-78", Clause: "5.5.12.2", Lines: "l.1620-1659", Level: Shall, Area: "protocol", Resource: "any", Operation: "insert", Only: model.V2, Mutating: true},
	Check{ID: ValueScope, Title: "a value outside a vscope of the ResourceMetadata is refused with a 4xx",
		Rule: "P-80, M-127", Clause: "5.11", Lines: "Table 6", Level: Shall, Area: "protocol", Resource: "any", Operation: "create", Only: model.V2, Mutating: true},
	Check{ID: JobDeleteRunning, Title: "DELETE on a RUNNING Job stops it and removes it (or fails when the Job cannot be stopped)",
		Rule: "P-92, J-20, J-21", Clause: "5.17.1.1", Lines: "l.3776-3778", Level: Shall, Area: "jobs", Resource: "Job", Operation: "delete", Mutating: true},
	Check{ID: JobNested, Title: "a Job with nested Jobs is SUCCESS only when they all are, and each nested Job names it as parentJob",
		Rule: "P-91, J-17, J-18", Clause: "5.17.1", Lines: "l.3763-3769", Level: Shall, Area: "jobs", Resource: "Job", Operation: "read"},
	untestable(ConsumerURIs, "Consumers treat URIs as opaque", "P-11", "4.1.3", "l.572-583",
		"a rule for Consumers: cimitest follows it and only adds CIMI query parameters to URIs it was given"),
	untestable(ConsumerQueryParams, "Consumers keep the query parameters of URIs they were given", "P-14", "4.1.6", "l.608-609",
		"a rule for Consumers: cimitest appends its parameters with &"),
	untestable(ConsumerCapabilities, "an absent boolean capability means false", "P-16", "5.11.1", "",
		"how a Consumer reads capabilities: cimitest treats absent ones as false"),
	untestable(ConsumerUnordered, "without $orderby the order of a collection is not defined", "P-33", "4.1.6.6", "l.802-836",
		"nothing for a Provider to do: cimitest compares unordered collections as sets"),
	untestable(CEPPerConsumer, "each Consumer's entry point lists only the collections it may use", "P-103, M-08", "5.12", "l.2059-2061",
		"needs two accounts with different rights; cimitest takes one"),
	untestable(DocumentedAuth, "the Provider documents its authentication", "P-126", "6", "",
		"documentation, outside the protocol"),
	untestable(DeprecatedFeatures, "deprecated features should not be offered", "P-129", "1.2", "",
		"informative: the spec marks nothing a test could look for"),
)
