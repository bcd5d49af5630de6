package checks

import "github.com/cimitest/cimitest/suites/model"

// Representation checks: judged on every representation the suite reads,
// by the model validator (suites/model). Their IDs are the model's.

func repr(id, title, rule, clause, lines string, level Level) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "representation", Resource: "any", Operation: "read", Pervasive: true}
}

var (
	ReprResourceURI = declare(repr(model.CheckResourceURI, "a JSON representation names its type in a root resourceURI, and so does every collection item",
		"P-105, P-99", "4.1.4", "l.588-592", Shall))
	ReprNamespace = declare(repr(model.CheckNamespace, "XML elements are in the CIMI namespace of the version",
		"P-108", "4.1.2", "l.568-571", Shall))
	ReprIdentifiers = declare(repr(model.CheckIdentifiers, "attribute names are CIMI identifiers (letters, digits, underscore; no leading digit)",
		"P-110", "5.2", "l.1204-1214", Shall))
	ReprString = declare(repr(model.CheckString, "string attributes are strings",
		"P-121", "5.5.5", "l.1305-1311", Shall))
	ReprBoolean = declare(repr(model.CheckBoolean, "booleans are JSON booleans or the XML literals true and false",
		"P-111", "5.5.1", "l.1277-1281", Shall))
	ReprInteger = declare(repr(model.CheckInteger, "integers are JSON numbers (never quoted) and xs:integer in XML",
		"P-112", "5.5.4", "l.1299-1304", Shall))
	ReprDateTime = declare(repr(model.CheckDateTime, "dateTime values are xs:dateTime, with a UTC offset",
		"P-113", "5.5.2", "l.1282-1292", Shall))
	ReprDuration = declare(repr(model.CheckDuration, "duration values are xs:duration",
		"P-114", "5.5.3", "l.1293-1298", Shall))
	ReprURI = declare(repr(model.CheckURI, "URI values are strings; relative URIs do not start with a slash",
		"P-118, M-03, M-102", "5.5.10", "l.1376-1388", Shall))
	ReprReference = declare(repr(model.CheckReference, `references are {"href": …} in JSON and an href attribute in XML`,
		"P-115, M-20", "5.5.6", "l.1312-1339", Shall))
	ReprBytes = declare(repr(model.CheckBytes, "byte[] values are JSON strings and xs:hexBinary in XML",
		"P-116", "5.5.9", "l.1370-1375", Shall))
	ReprEmpty = declare(repr(model.CheckEmpty, "empty strings, maps, arrays and collections are omitted, and null is never sent",
		"P-117, P-52, P-100, C-05", "5.5.15", "l.1761-1766", Shall))
	ReprArrays = declare(repr(model.CheckArrays, "arrays use a member named after the attribute (XML 2.0: a wrapper of item elements; 1.x: bare items)",
		"P-119, P-120, P-53, M-92", "5.5.11", "l.1399-1433", Shall))
	ReprStructures = declare(repr(model.CheckStructures, "structures are JSON objects and XML elements with attributes or children",
		"P-121", "5.5.8", "l.1344-1369", Shall))
	ReprMap = declare(repr(model.CheckMap, "maps such as properties hold unique keys with string values",
		"P-122", "5.5.7", "l.1340-1343", Shall))
	ReprMandatory = declare(repr(model.CheckMandatory, "attributes the model requires are present (id, baseURI, the §7.1 minimum)",
		"P-125, M-12, M-96, M-97, P-104", "5.3", "l.1221-1225", Shall))
	ReprValues = declare(repr(model.CheckValues, "enumerated attributes hold values the spec defines (state, type, cpuArch)",
		"M-13, M-14, M-91, M-101, J-10, P-90", "5.14.1", "Table 16, Table 21, Table 46", Shall))
	ReprOperations = declare(repr(model.CheckOperations, "every operation has a rel and an href; rels are unique and standard words or absolute URIs",
		"P-47, P-48, P-49, P-51, M-19, R-38", "4.2", "l.862-890", Shall))
	ReprXMLOrder = declare(repr(model.CheckXMLOrder, "XML elements come in the order of the resource definition",
		"P-109, M-125", "4.1.6.3", "DSP8009 xs:sequence", Shall))
	ReprCollection = declare(repr(model.CheckCollection, "collections have id and count; items have an id and sit in the collection's member",
		"P-97, P-99, P-101, M-95, R-03", "5.5.12", "l.1449-1569", Shall))
	ReprVersion = declare(repr(model.CheckVersion, "type, action and capability URIs and attributes all belong to the endpoint's CIMI version",
		"M-124, M-06, M-16", "4.1.2", "l.568-571", Shall))
	JSONXMLAgree = declare(repr("repr.json-xml-agree", "the JSON and the XML representations of a resource say the same thing",
		"P-03, P-106", "4.1.4", "l.595-602", Shall))
	BothFormats = declare(repr("repr.both-formats", "every resource is available in both JSON and XML",
		"P-03, C-03", "4.1.4", "l.600-602", Shall))
)

// Crawl checks: judged on everything reachable from the Cloud Entry Point.

var (
	CrawlSelf = declare(Check{ID: "crawl.self", Title: "GET on a resource's id returns that resource, with the same id",
		Rule: "P-01, P-99", Clause: "4.1", Lines: "l.1560-1562", Level: Shall, Area: "crawl", Resource: "any", Operation: "read"})
	CrawlReachable = declare(Check{ID: "crawl.reachable", Title: "every reference and collection reachable from the Cloud Entry Point answers GET with 200",
		Rule: "P-02", Clause: "4.1", Lines: "l.560-567", Level: Shall, Area: "crawl", Resource: "any", Operation: "read"})
	ReprMetadataType = declare(Check{ID: "repr.metadata-type", Title: "a resource's type URI equals the typeURI of its ResourceMetadata",
		Rule: "P-107, R-06", Clause: "4.1.4", Lines: "l.595-597", Level: Shall, Area: "crawl", Resource: "any", Operation: "read"})
)
