package model

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The representation checks a Problem belongs to. The checks catalogue (suites/checks)
// (suites/checks) gives each its rule, clause and level.
const (
	CheckResourceURI = "repr.resource-uri"
	CheckNamespace   = "repr.namespace"
	CheckIdentifiers = "repr.identifiers"
	CheckBoolean     = "repr.boolean"
	CheckInteger     = "repr.integer"
	CheckDateTime    = "repr.datetime"
	CheckDuration    = "repr.duration"
	CheckURI         = "repr.uri"
	CheckReference   = "repr.reference"
	CheckBytes       = "repr.bytes"
	CheckString      = "repr.string"
	CheckEmpty       = "repr.empty-values"
	CheckArrays      = "repr.arrays"
	CheckStructures  = "repr.structures"
	CheckMap         = "repr.map"
	CheckMandatory   = "repr.mandatory"
	CheckValues      = "repr.values"
	CheckOperations  = "repr.operations"
	CheckXMLOrder    = "repr.xml-order"
	CheckCollection  = "repr.collection"
	CheckVersion     = "repr.version"
)

// RepresentationChecks lists every check Validate can report, in report order.
var RepresentationChecks = []string{
	CheckResourceURI, CheckNamespace, CheckIdentifiers, CheckString, CheckBoolean, CheckInteger,
	CheckDateTime, CheckDuration, CheckURI, CheckReference, CheckBytes, CheckEmpty,
	CheckArrays, CheckStructures, CheckMap, CheckMandatory, CheckValues, CheckOperations,
	CheckXMLOrder, CheckCollection, CheckVersion,
}

// Scope says how much of a representation the Provider was asked for.
type Scope uint8

const (
	// Full is a plain GET of a resource: every mandatory attribute must be there.
	Full Scope = iota
	// Partial is a subset ($select, a collection item, a 202 body, an
	// expanded reference): present attributes are judged, absent ones are not.
	Partial
)

var (
	identRe      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	integerRe    = regexp.MustCompile(`^[+-]?[0-9]+$`)
	jsonIntRe    = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)
	jsonNumberRe = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
	dateTimeRe   = regexp.MustCompile(`^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?$`)
	tzRe         = regexp.MustCompile(`(Z|[+-][0-9]{2}:[0-9]{2})$`)
	durationRe   = regexp.MustCompile(`^-?P(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?$`)
	hexRe        = regexp.MustCompile(`^([0-9a-fA-F]{2})*$`)
	crudRels     = map[string]bool{"add": true, "edit": true, "delete": true, "insert": true, "remove": true}
)

// Validate judges d against the schema of version v and returns every
// problem found, those of decoding included.
// ParseDateTime reads an xs:dateTime; one without a zone is taken as UTC.
func ParseDateTime(s string) (time.Time, bool) {
	if !dateTimeRe.MatchString(s) {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// IsDuration reports whether s is an xs:duration.
func IsDuration(s string) bool {
	return durationRe.MatchString(s) && !strings.HasSuffix(s, "T") && s != "P" && s != "-P"
}

func Validate(d *Doc, v Version, scope Scope) []Problem {
	val := &validator{v: v, format: d.Format}
	val.problems = append(val.problems, d.Problems...)
	val.identity(d)
	if d.Type != nil {
		val.object(d.Root, d.Type, d.Type.Attrs, "", scope, true)
		if d.Format == XML {
			val.order(d)
		}
	} else {
		val.generic(d.Root, "")
	}
	val.uris(d.Root, "")
	return val.problems
}

type validator struct {
	v        Version
	format   Format
	problems []Problem
}

func (val *validator) add(check, path, format string, args ...any) {
	val.problems = append(val.problems, Problem{Check: check, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func (val *validator) soft(check, path, format string, args ...any) {
	val.problems = append(val.problems, Problem{Check: check, Path: path, Msg: fmt.Sprintf(format, args...), Soft: true})
}

// identity checks the type URI (JSON resourceURI, XML root) against v.
func (val *validator) identity(d *Doc) {
	if d.Format == JSON && d.TypeURI == "" {
		val.add(CheckResourceURI, "resourceURI", "the JSON object has no resourceURI")
		return
	}
	if d.Format == JSON && !d.Root.Get("resourceURI").isString() {
		val.add(CheckResourceURI, "resourceURI", "resourceURI is not a string")
		return
	}
	got, ok := VersionOfURI(d.TypeURI)
	switch {
	case !ok:
		val.add(CheckResourceURI, "resourceURI", "%q is not a CIMI type URI (want %s/<Type>)", d.TypeURI, val.v.Namespace())
	case got != val.v:
		val.add(CheckVersion, "resourceURI", "%q is a CIMI %s type URI; the endpoint speaks %s", d.TypeURI, got, val.v)
	case d.Type == nil:
		val.add(CheckResourceURI, "resourceURI", "%q names no CIMI %s type", d.TypeURI, val.v)
	}
}

func (n *Node) isString() bool { return n != nil && n.Kind == String }

// object judges the members of an object described by attrs. t is the type
// when n is a whole resource or collection.
func (val *validator) object(n *Node, t *Type, attrs []Attr, path string, scope Scope, root bool) {
	if n == nil {
		return
	}
	if n.Kind != Object {
		val.add(CheckStructures, path, "expected an object, got %s %s", n.Kind, n)
		return
	}
	for _, f := range n.Fields {
		p := join(path, f.Name)
		if strings.HasPrefix(f.Name, "{") {
			continue // XML extension element in a foreign namespace
		}
		if !identRe.MatchString(f.Name) {
			val.add(CheckIdentifiers, p, "%q is not a valid CIMI identifier", f.Name)
		}
		if f.Name == "resourceURI" && val.format == JSON {
			continue
		}
		if t.IsCollection() && (f.Name == t.Member || slices.Contains(t.AltMembers, f.Name)) {
			val.items(n, t, f, p)
			continue
		}
		a := findAttr(attrs, f.Name)
		if a == nil {
			if t != nil && otherVersionHas(val.v, t.Name, f.Name) {
				val.soft(CheckVersion, p, "%s is an attribute of %s in CIMI %s only", f.Name, t.Name, other(val.v))
			}
			if t.IsCollection() {
				val.unknownMember(t, f, p)
			}
			continue // a Provider extension (§5.1): allowed
		}
		val.value(a, f.Value, p)
	}
	if scope == Partial {
		return
	}
	for i := range attrs {
		a := &attrs[i]
		need := a.NeedIn(val.v)
		if need == Optional || n.Has(a.Name) {
			continue
		}
		if need == Required {
			val.add(CheckMandatory, join(path, a.Name), "mandatory attribute %s is missing%s", a.Name, where(a, val.v))
		} else {
			val.soft(CheckMandatory, join(path, a.Name), "attribute %s is expected%s", a.Name, where(a, val.v))
		}
	}
}

func where(a *Attr, v Version) string {
	if v == V1 && a.hasNeed1 {
		return " (DSP8009 makes it optional; CIMI 2.0 requires it, §" + a.Where + ")"
	}
	if a.Where == "" {
		return ""
	}
	return " (§" + a.Where + ")"
}

// unknownMember flags an array of objects in a collection that is not the
// expected member: items under the wrong name.
func (val *validator) unknownMember(t *Type, f Field, path string) {
	if f.Value.Kind == Array && len(f.Value.Items) > 0 && f.Value.Items[0].Kind == Object {
		val.add(CheckCollection, path, "a %s lists its items as %q; the member is %q", t.Name, f.Name, t.Member)
	}
}

// items judges the members of a collection (§5.5.12, l.1449-1560).
func (val *validator) items(n *Node, t *Type, f Field, path string) {
	switch {
	case f.Name != t.Member && t.Name == "ResourceMetadataCollection" && val.v == V2:
		// §5.11.2 names this one member (l.2021-2026).
		val.add(CheckCollection, path, "a ResourceMetadataCollection lists its items as %q; the member is %q", f.Name, t.Member)
	case f.Name != t.Member:
		val.soft(CheckCollection, path, "items are listed as %q; the usual member name is %q", f.Name, t.Member)
	}
	arr := f.Value
	if arr.Kind != Array {
		val.add(CheckArrays, path, "the member %s is not an array", f.Name)
		return
	}
	if len(arr.Items) == 0 {
		val.add(CheckEmpty, path, "an empty collection omits its member array (§5.5.12, §5.5.11)")
		return
	}
	it := For(val.v).Type(t.Item)
	for i, item := range arr.Items {
		p := fmt.Sprintf("%s[%d]", path, i)
		if item.Kind != Object {
			val.add(CheckCollection, p, "a collection item is %s, not an object", item.Kind)
			continue
		}
		if !item.Has("id") && !item.Has("href") {
			val.add(CheckCollection, p, "a collection item has no id")
		}
		if val.format == JSON {
			want := val.v.TypeURI(t.Item)
			if got := item.Str("resourceURI"); got != want {
				val.add(CheckResourceURI, join(p, "resourceURI"), "item resourceURI is %q, want %q", got, want)
			}
		}
		if it != nil {
			val.object(item, it, it.Attrs, p, Partial, false)
		}
	}
}

// value judges one attribute value.
func (val *validator) value(a *Attr, n *Node, path string) {
	if n.Kind == Null {
		val.add(CheckEmpty, path, "a Provider omits attributes without a value instead of sending null (§5.5)")
		return
	}
	switch a.Kind {
	case KString:
		if val.scalar(CheckString, a, n, path, String) {
			val.enum(a, n, path)
		}
	case KInteger:
		val.integer(n, path)
	case KBoolean:
		if n.Kind != Bool || (n.Text != "true" && n.Text != "false") {
			val.add(CheckBoolean, path, "%s is not a boolean true or false", n)
		}
	case KDateTime:
		if val.scalar(CheckDateTime, a, n, path, String) {
			switch {
			case !dateTimeRe.MatchString(n.Text):
				val.add(CheckDateTime, path, "%q is not an xs:dateTime", n.Text)
			case !tzRe.MatchString(n.Text):
				val.soft(CheckDateTime, path, "%q has no UTC offset (§5.5.2 recommends one)", n.Text)
			}
		}
	case KDuration:
		if val.scalar(CheckDuration, a, n, path, String) && (!durationRe.MatchString(n.Text) || strings.HasSuffix(n.Text, "T") || n.Text == "P") {
			val.add(CheckDuration, path, "%q is not an xs:duration", n.Text)
		}
	case KURI:
		val.scalar(CheckURI, a, n, path, String)
	case KBytes:
		if val.scalar(CheckBytes, a, n, path, String) && val.format == XML && !hexRe.MatchString(n.Text) {
			val.add(CheckBytes, path, "%q is not xs:hexBinary", n.Text)
		}
	case KRef, KCollection:
		val.reference(a, n, path)
	case KMap:
		val.stringMap(n, path)
	case KStruct:
		val.object(n, nil, a.Fields, path, Full, false)
	case KArray:
		val.array(a, n, path)
	case KValueScope:
		val.valueScope(n, path)
	}
}

// scalar checks a string-valued attribute; it reports whether n is usable.
func (val *validator) scalar(check string, a *Attr, n *Node, path string, want NodeKind) bool {
	if n.Kind != want {
		val.add(check, path, "%s is a %s where a %s is expected", n, n.Kind, a.Kind)
		return false
	}
	if n.Text == "" && !(a.Name == "id" && path == "id") {
		val.add(CheckEmpty, path, "an empty string is omitted, not sent (§5.5.5)")
		return false
	}
	return true
}

func (val *validator) integer(n *Node, path string) {
	switch {
	case n.Kind == String:
		val.add(CheckInteger, path, "%s is a quoted string; integers are JSON numbers (§5.5.4)", n)
	case n.Kind != Number:
		val.add(CheckInteger, path, "%s is a %s, not an integer", n, n.Kind)
	case val.format == JSON && !jsonIntRe.MatchString(n.Text):
		val.add(CheckInteger, path, "%s is not an integer", n.Text)
	case val.format == XML && !integerRe.MatchString(n.Text):
		val.add(CheckInteger, path, "%q is not an xs:integer", n.Text)
	}
}

func (val *validator) enum(a *Attr, n *Node, path string) {
	allowed := a.ValuesIn(val.v)
	if slices.Contains(a.Excluded, n.Text) {
		val.add(CheckValues, path, "%q is a value this attribute never takes", n.Text)
		return
	}
	if len(allowed) == 0 || slices.Contains(allowed, n.Text) {
		return
	}
	if a.Open {
		val.soft(CheckValues, path, "%q is not one of the values CIMI %s defines (%s); Providers may add values", n.Text, val.v, strings.Join(allowed, ", "))
		return
	}
	val.add(CheckValues, path, "%q is not an allowed value in CIMI %s (%s)", n.Text, val.v, strings.Join(allowed, ", "))
}

// reference checks {"href": …} and, for expanded references, the inline
// attributes of the target (§5.5.6, §4.1.6.4); a template may stand by
// value, without href.
func (val *validator) reference(a *Attr, n *Node, path string) {
	if n.Kind != Object {
		val.add(CheckReference, path, "%s is not a reference object {\"href\": …}", n)
		return
	}
	href := n.Get("href")
	switch {
	case href == nil && strings.HasSuffix(a.Target, "Template"):
		// A template given by value where a template may stand (a
		// SystemTemplate's component, l.2445; Table 7's …ByValue):
		// judged as the template it is, below.
	case href == nil:
		val.add(CheckReference, path, "the reference has no href")
	case href.Kind != String || href.Text == "":
		val.add(CheckReference, path, "href is %s, not a URI string", href)
	}
	if len(n.Fields) == 1 {
		return
	}
	t := For(val.v).Type(a.Target)
	if t == nil {
		return
	}
	inline := &Node{Kind: Object}
	for _, f := range n.Fields {
		if f.Name != "href" {
			inline.Fields = append(inline.Fields, f)
		}
	}
	val.object(inline, t, t.Attrs, path, Partial, false)
}

func (val *validator) stringMap(n *Node, path string) {
	if n.Kind != Object {
		val.add(CheckMap, path, "%s is not a map (object of strings)", n)
		return
	}
	if len(n.Fields) == 0 {
		val.add(CheckEmpty, path, "an empty map is omitted, not sent (§5.5.7)")
	}
	for _, f := range n.Fields {
		if f.Value.Kind != String {
			val.add(CheckMap, join(path, f.Name), "map values are strings; got %s", f.Value)
		}
	}
}

func (val *validator) array(a *Attr, n *Node, path string) {
	if n.Kind != Array {
		val.add(CheckArrays, path, "%s is not an array", n)
		return
	}
	if len(n.Items) == 0 {
		val.add(CheckEmpty, path, "an empty array is omitted, not sent (§5.5.11)")
		return
	}
	if a.Name == "operations" {
		val.operations(n, path)
	}
	for i, it := range n.Items {
		val.value(a.Item, it, fmt.Sprintf("%s[%d]", path, i))
	}
}

// operations checks rel and href of every operation (§4.2, l.857-890).
func (val *validator) operations(n *Node, path string) {
	seen := map[string]bool{}
	for i, op := range n.Items {
		p := fmt.Sprintf("%s[%d]", path, i)
		rel, href := op.Get("rel"), op.Get("href")
		if rel == nil || rel.Kind != String || rel.Text == "" {
			val.add(CheckOperations, p, "an operation without a rel")
			continue
		}
		if href == nil || href.Kind != String || href.Text == "" {
			val.add(CheckOperations, p, "operation %q has no href", rel.Text)
		}
		if seen[rel.Text] {
			val.add(CheckOperations, p, "rel %q appears twice in one operations list", rel.Text)
		}
		if av := op.Get("available"); av != nil && (av.Kind != Bool || (av.Text != "true" && av.Text != "false")) {
			val.add(CheckOperations, p, "available is %s, not a boolean (§4.2, l.865-868)", av)
		}
		seen[rel.Text] = true
		if crudRels[rel.Text] {
			continue
		}
		u, err := url.Parse(rel.Text)
		if err != nil || !u.IsAbs() {
			val.add(CheckOperations, p, "rel %q is neither a standard operation nor an absolute URI", rel.Text)
		}
	}
}

// generic checks what can be checked without knowing the type.
func (val *validator) generic(n *Node, path string) {
	if n == nil {
		return
	}
	switch n.Kind {
	case Object:
		for _, f := range n.Fields {
			if strings.HasPrefix(f.Name, "{") {
				continue
			}
			if !identRe.MatchString(f.Name) && f.Name != "properties" {
				val.add(CheckIdentifiers, join(path, f.Name), "%q is not a valid CIMI identifier", f.Name)
			}
			if f.Name != "properties" {
				val.generic(f.Value, join(path, f.Name))
			}
		}
	case Array:
		for i, it := range n.Items {
			val.generic(it, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

// uris flags CIMI URIs of the other version anywhere in the document, and
// relative URIs that start with a slash (§5.5.10, l.1384-1386).
func (val *validator) uris(n *Node, path string) {
	if n == nil {
		return
	}
	switch n.Kind {
	case String:
		if v, ok := VersionOfURI(n.Text); ok && v != val.v {
			val.add(CheckVersion, path, "%q is a CIMI %s URI in a CIMI %s representation", n.Text, v, val.v)
		}
		if isHrefPath(path) && strings.HasPrefix(n.Text, "/") {
			val.add(CheckURI, path, "relative URI %q starts with a slash (§5.5.10)", n.Text)
		}
	case Object:
		for _, f := range n.Fields {
			if f.Name != "properties" {
				val.uris(f.Value, join(path, f.Name))
			}
		}
	case Array:
		for i, it := range n.Items {
			val.uris(it, fmt.Sprintf("%s[%d]", path, i))
		}
	}
}

func isHrefPath(path string) bool {
	return path == "id" || strings.HasSuffix(path, ".href") || strings.HasSuffix(path, ".id") || path == "baseURI"
}

// order compares the top-level XML element order with the schema order
// (§4.1.6.3; DSP8009 xs:sequence for 1.x). 2.0 publishes no schema, so a 2.0
// order departure is only a warning.
func (val *validator) order(d *Doc) {
	t := d.Type
	rank := map[string]int{}
	r := &xmlReader{v: val.v}
	for i := range t.Attrs {
		a := &t.Attrs[i]
		if a.XMLAttr || (val.v == V2 && (a.Name == "parent" || a.Name == "resourceMetadata")) {
			continue
		}
		rank[r.elementName(a)] = i
	}
	if t.IsCollection() {
		count := rank["count"]
		rank[t.Member] = count
		rank[t.Item] = count
	}
	last, lastName := -1, ""
	for _, tag := range d.Order {
		i, ok := rank[tag]
		if !ok {
			continue
		}
		if i < last {
			msg := fmt.Sprintf("<%s> comes after <%s>; the definition orders it before", tag, lastName)
			if val.v == V2 {
				val.soft(CheckXMLOrder, tag, "%s", msg)
			} else {
				val.add(CheckXMLOrder, tag, "%s", msg)
			}
			return
		}
		last, lastName = i, tag
	}
}

func findAttr(attrs []Attr, name string) *Attr {
	for i := range attrs {
		if attrs[i].Name == name {
			return &attrs[i]
		}
	}
	return nil
}

func other(v Version) Version {
	if v == V1 {
		return V2
	}
	return V1
}

// otherVersionHas reports whether type name has attribute attr in the other
// version only.
func otherVersionHas(v Version, name, attr string) bool {
	o := For(other(v)).Type(name)
	return o != nil && o.Attr(attr) != nil
}
