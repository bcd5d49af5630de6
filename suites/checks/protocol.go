package checks

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
		"P-93, J-08", "4.2.2", "l.1144-1152", Shall, "error"),
	proto(HTTPNotFound, "a request for a resource that does not exist (or no longer does) is answered 404",
		"M-27", "4.2.1.4", "l.1085-1096", Should, "read"),
	Check{ID: HTTPMalformedBody, Title: "a malformed JSON or XML body is refused with a 4xx, not a 5xx, and creates nothing",
		Rule: "P-79, M-33", Clause: "5.3", Lines: "l.1246-1248", Level: Shall, Area: "protocol",
		Resource: "MachineCollection", Operation: "create", Mutating: true},
	Check{ID: HTTPUnknownAttr, Title: "a request carrying an attribute the model does not define is refused with a 4xx",
		Rule: "P-79, M-25, M-83", Clause: "5.3", Lines: "l.1246-1248", Level: Shall, Area: "protocol",
		Resource: "Machine", Operation: "update", Mutating: true},
)
