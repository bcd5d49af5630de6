package checks

import "github.com/cimitest/cimitest/suites/model"

// Query parameters (§4.1.6): each is judged where the Cloud Entry Point
// advertises it (its capability, §5.11.1); an unsupported parameter must be
// ignored (l.618-620).

func query(id, title, rule, clause, lines string, level Level) Check {
	return Check{ID: id, Title: title, Rule: rule, Clause: clause, Lines: lines, Level: level,
		Area: "query", Resource: "MachineCollection", Operation: "query"}
}

func v2(c Check) Check { c.Only = model.V2; return c }

var (
	QueryUnknownIgnored = declare(query("query.unknown-ignored", "an unknown query parameter is ignored: the answer is the same as without it",
		"P-12, R-45", "4.1.6", "l.618-620", Shall))
	QueryProviderParams = declare(query("query.provider-params", "query parameters of the Provider's own in the URIs it returns do not start with $",
		"P-13", "4.1.6", "l.608-612", Shall))
	QueryFilter = declare(query("query.filter", "$filter keeps exactly the items that match, and count says how many",
		"P-17, P-24, P-15, R-23", "4.1.6.1", "l.621-629, l.673-674", Shall), filterParam)
	QueryFilterReversed = declare(query("query.filter-reversed", "$filter accepts the value before the attribute",
		"P-18", "4.1.6.1", "l.632-633", Shall), filterParam)
	QueryFilterQuotes = declare(query("query.filter-quotes", "$filter strings may be in single or double quotes",
		"P-19", "4.1.6.1", "l.641", Shall), filterParam)
	QueryFilterPrecedence = declare(query("query.filter-precedence", "in $filter, and binds tighter than or, and parentheses group",
		"P-20", "4.1.6.1", "l.630-635", Shall), filterParam)
	QueryFilterOperators = declare(query("query.filter-operators", "$filter compares integers and dates with < <= = >= > != and strings with = !=",
		"P-21", "4.1.6.1", "l.636, l.649-653", Shall), filterParam)
	QueryFilterBoolean = declare(query("query.filter-boolean", "$filter compares a boolean attribute with true and false, on either side",
		"P-21, P-18", "4.1.6.1", "l.638-642, l.651", Shall), filterParam)
	QueryFilterProperty = declare(query("query.filter-property", "$filter property['key']='value' matches items with that property",
		"P-22", "4.1.6.1", "l.643-647", Shall), with(makeMachines, filterParam)...)
	QueryFilterMultiple = declare(query("query.filter-multiple", "several $filter parameters must all hold",
		"P-23", "4.1.6.1", "l.654-656", Shall), filterParam)
	QueryFilterMalformed = declare(query("query.filter-malformed", "a malformed $filter is refused with 400",
		"P-25", "4.1.6.1", "l.625-629", Should), filterParam)
	QueryFirstLast = declare(query("query.first-last", "$first and $last pick items by 1-based, inclusive position; either may be left out",
		"P-26", "4.1.6.2", "l.681-689", Shall), firstParam)
	QueryRangeOutside = declare(query("query.range-outside", "a range partly or wholly outside the collection returns what is inside it, without error",
		"P-27", "4.1.6.2", "l.693-695", Shall), firstParam)
	QueryRangeEmpty = declare(query("query.range-empty", "$first after $last gives no items",
		"P-28", "4.1.6.2", "l.696-697", Shall), firstParam)
	QueryCountUnsubset = declare(query("query.count-unsubset", "count is not changed by $first and $last",
		"P-29", "4.1.6.2", "l.690-692", Shall), firstParam)
	QueryFilterThenSubset = declare(query("query.filter-then-subset", "$first and $last apply to the filtered (and sorted) items",
		"P-30", "4.1.6.2", "l.698-700", Shall), filterParam, firstParam)
	QueryStableOrder = declare(query("query.stable-order", "positions stay the same between two reads of an unchanged collection",
		"P-31", "4.1.6.2", "l.690-691", Shall), firstParam)
	QueryOrderBy = declare(v2(query("query.orderby", "$orderby sorts ascending by default, and :desc reverses",
		"P-32", "4.1.6.6", "l.802-836", Shall)), orderByParam)
	QuerySelect = declare(Check{ID: "query.select", Title: "$select returns only the named attributes (and resourceURI in JSON); operations may be named",
		Rule: "P-34, P-35, P-36, P-15", Clause: "4.1.6.3", Lines: "l.704-726, l.588-592", Level: Shall,
		Area: "query", Resource: "Machine", Operation: "query"}, selectParam)
	QuerySelectUnknown = declare(Check{ID: "query.select-unknown", Title: "unknown names in $select are ignored", Rule: "P-37", Clause: "4.1.6.3",
		Lines: "l.704-749", Level: Shall, Area: "query", Resource: "Machine", Operation: "query"}, selectParam)
	QuerySelectAll = declare(Check{ID: "query.select-all", Title: "$select=* returns every attribute, operations included", Rule: "P-38", Clause: "4.1.6.3",
		Lines: "l.704-749", Level: Shall, Area: "query", Resource: "Machine", Operation: "query"}, selectParam)
	QuerySelectMerge = declare(Check{ID: "query.select-merge", Title: "several $select parameters are merged, repeated names count once, their order does not matter",
		Rule: "P-39", Clause: "4.1.6.3", Lines: "l.704-749", Level: Shall, Area: "query", Resource: "Machine", Operation: "query"}, selectParam)
	QuerySelectCollection = declare(query("query.select-collection", "$select on a collection subsets the collection by its own attributes and every item by theirs",
		"P-40", "4.1.6.3", "l.727-749", Shall), selectParam)
	QuerySelectPath = declare(v2(query("query.select-path", "where QueryPathNotation is offered, $select=<collection>/attr subsets the items only",
		"P-41, R-24", "4.1.6.3", "l.727-749", Shall)), selectParam, pathNotation)
	QueryExpand = declare(Check{ID: "query.expand", Title: "$expand=attr writes the target's attributes beside the href (XML: inside the reference element)",
		Rule: "P-42, P-15", Clause: "4.1.6.4", Lines: "l.750-787", Level: Shall, Area: "query", Resource: "Machine", Operation: "query"}, expandParam)
	QueryExpandAll = declare(Check{ID: "query.expand-all", Title: "$expand=* and a bare $expand expand every reference", Rule: "P-43", Clause: "4.1.6.4",
		Lines: "l.750-787", Level: Shall, Area: "query", Resource: "Machine", Operation: "query"}, expandParam)
	QueryExpandIgnored = declare(Check{ID: "query.expand-ignored", Title: "$expand names that are unknown or not references are ignored, a name given twice counts once, and several $expand parameters merge", Rule: "P-44", Clause: "4.1.6.4",
		Lines: "l.750-787", Level: Shall, Area: "query", Resource: "Machine", Operation: "query"}, expandParam)
	QueryExpandCollection = declare(query("query.expand-collection", "$expand on a collection expands the references of every item",
		"P-45", "4.1.6.4", "l.750-787", Shall), expandParam)
	QueryFormat = declare(v2(Check{ID: "query.format", Title: "$format=json|xml (any case) wins over Accept; only the first $format counts",
		Rule: "P-46", Clause: "4.1.6.5", Lines: "l.788-801", Level: Shall, Area: "query", Resource: "CloudEntryPoint", Operation: "query"}), formatParam)
)
