package suites

import (
	"fmt"
	"mime"
	"net/url"
	"slices"
	"strings"

	"github.com/beevik/etree"
	. "github.com/onsi/ginkgo/v2" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.11: ResourceMetadata, read in every serialization and judged entry by
// entry: attributes, capabilities (Table 7), actions.

var _ = scenario(func(r *runEnv) {
	Describe("ResourceMetadata", Label("metadata"), func() {
		formats(func(f model.Format) {
			judged := []*checks.Check{checks.RMEntries, checks.RMAttributes, checks.RMCapabilities, checks.RMImplied, checks.RMActions}
			if f == model.XML {
				judged = append(judged, checks.RMXMLForm)
			}
			r.step("describes each type it has metadata for", judged,
				func(t *T) {
					href := readCEP(t).Href("resourceMetadata")
					if href == "" {
						t.Skip("the Cloud Entry Point lists no resourceMetadata")
					}
					l := t.list(t.env.client.Resolve(href), "ResourceMetadataCollection")
					t.Must(l.doc != nil, "%s", l.why)
					if len(l.items) == 0 {
						t.Skip("the ResourceMetadataCollection is empty: no type has metadata beyond the spec")
					}
					if !l.whole() {
						t.env.note("the ResourceMetadata were judged on the part of their collection the run could read: " + l.why)
					}
					for _, it := range l.items {
						t.judgeMetadataEntry(it, l.resps[0])
					}
				})
		})
	})
})

// judgeMetadataEntry reads one ResourceMetadata at its id and judges it.
func (t *T) judgeMetadataEntry(item *model.Node, collResp *client.Response) {
	id := item.Str("id")
	typ := model.TypeName(item.Str("typeURI"))
	if typ == "" {
		typ = item.Str("name")
	}
	v := t.About("ResourceMetadata", "read")
	if id == "" {
		v.Fail(checks.RMEntries, "a ResourceMetadata item has no id", "an id", item.String(), collResp)
		return
	}
	d, r := t.read(id, "ResourceMetadata", model.Full)
	if d == nil {
		v.Fail(checks.RMEntries, "a ResourceMetadata cannot be read at its id", "200", r.Describe(), r)
		return
	}
	rm := d.Root
	u, err := url.Parse(rm.Str("typeURI"))
	switch {
	case rm.Str("typeURI") == "" || err != nil || !u.IsAbs():
		v.Fail(checks.RMEntries, "a ResourceMetadata has no absolute typeURI", "an absolute URI", rm.Str("typeURI"), r)
	case rm.Str("name") == "":
		v.Fail(checks.RMEntries, "a ResourceMetadata has no name", "the name of the type", "none", r)
	case item.Str("typeURI") != "" && item.Str("typeURI") != rm.Str("typeURI"):
		v.Fail(checks.RMEntries, "the collection and the entry disagree on typeURI", item.Str("typeURI"), rm.Str("typeURI"), collResp, r)
	default:
		v.Pass(checks.RMEntries)
	}
	t.judgeMetadataAttributes(rm, typ, r)
	t.judgeMetadataCapabilities(rm, typ, r)
	t.judgeMetadataActions(rm, r)
	if t.F == model.XML && t.env.version == model.V2 {
		t.judgeMetadataXMLForm(typ, r)
	}
}

// rmXMLArrays are the wrappers of a 2.0 XML ResourceMetadata and the items
// each holds (l.1936-1955).
var rmXMLArrays = [][2]string{{"attributes", "attribute"}, {"capabilities", "capability"}, {"actions", "action"}, {"operations", "operation"}}

// judgeMetadataXMLForm reads the XML as written: items inside their
// wrappers, the fields of attribute and action entries as XML attributes
// and a capability's value as its content.
func (t *T) judgeMetadataXMLForm(typ string, r *client.Response) {
	v := t.About("ResourceMetadata", "read")
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(r.Body); err != nil || doc.Root() == nil {
		return // the representation checks say the XML is broken
	}
	bad := rmXMLFormProblems(doc.Root())
	if len(bad) > 0 {
		v.Fail(checks.RMXMLForm, "the "+typ+" ResourceMetadata: "+strings.Join(bad, "; "), "", "", r)
		return
	}
	v.Pass(checks.RMXMLForm)
}

// rmXMLFormProblems lists how the 2.0 XML of one ResourceMetadata departs
// from its pseudo-schema.
func rmXMLFormProblems(root *etree.Element) []string {
	var bad []string
	ns := root.NamespaceURI()
	for _, pair := range rmXMLArrays {
		wrapper, item := pair[0], pair[1]
		if n := len(cimiChildren(root, item, ns)); n > 0 {
			bad = append(bad, fmt.Sprintf("%d <%s> outside an <%s> wrapper", n, item, wrapper))
		}
		for _, w := range cimiChildren(root, wrapper, ns) {
			for _, it := range cimiChildren(w, item, ns) {
				bad = append(bad, rmItemProblems(item, it, ns)...)
			}
		}
	}
	return bad
}

// rmItemProblems: an attribute or action entry is all XML attributes; a
// capability's value is its content, not an attribute.
func rmItemProblems(item string, it *etree.Element, ns string) []string {
	var bad []string
	switch item {
	case "attribute", "action":
		for _, c := range it.ChildElements() {
			if c.NamespaceURI() == ns {
				bad = append(bad, fmt.Sprintf("<%s> has a child <%s>; its fields are XML attributes", item, c.Tag))
				break
			}
		}
	case "capability":
		if it.SelectAttr("value") != nil {
			bad = append(bad, fmt.Sprintf("the capability %s gives its value as an XML attribute, not as the element's content", it.SelectAttrValue("uri", "")))
		}
		if it.SelectAttr("uri") == nil {
			bad = append(bad, "a <capability> has no uri attribute")
		}
	}
	return bad
}

// cimiChildren are the children of el named tag in the CIMI namespace ns.
func cimiChildren(el *etree.Element, tag, ns string) []*etree.Element {
	var out []*etree.Element
	for _, c := range el.ChildElements() {
		if c.Tag == tag && c.NamespaceURI() == ns {
			out = append(out, c)
		}
	}
	return out
}

// judgeMetadataAttributes: a CIMI attribute has neither namespace nor
// type, an extension has both; the constraints come as the four booleans
// (2.0) or required (Table 6; the 1.x schema).
func (t *T) judgeMetadataAttributes(rm *model.Node, typ string, r *client.Response) {
	v := t.About("ResourceMetadata", "read")
	cimi := model.For(t.env.version).Type(typ)
	var bad []string
	for _, a := range rm.Get("attributes").List() {
		name, ns, kind := a.Str("name"), a.Str("namespace"), a.Str("type")
		u, err := url.Parse(ns)
		switch {
		case name == "":
			bad = append(bad, "an attribute entry without a name")
		case cimi != nil && cimi.Attr(name) != nil && (ns != "" || kind != ""):
			bad = append(bad, name+" is a CIMI attribute: it has no namespace or type")
		case (cimi == nil || cimi.Attr(name) == nil) && (ns == "" || kind == ""):
			bad = append(bad, name+" is an extension: it needs a namespace and a type")
		case ns != "" && (err != nil || !u.IsAbs()):
			bad = append(bad, name+"'s namespace "+ns+" is not an absolute URI")
		case t.env.version == model.V2 && !a.Has("required") && !(a.Has("providerMandatory") && a.Has("mutable") && a.Has("consumerWritable")):
			bad = append(bad, name+" gives neither providerMandatory, mutable and consumerWritable nor required")
		}
	}
	if len(bad) > 0 {
		v.Fail(checks.RMAttributes, "the "+typ+" ResourceMetadata: "+strings.Join(bad, "; "), "", "", r)
	} else if rm.Get("attributes") != nil {
		v.Pass(checks.RMAttributes)
	}
}

// judgeMetadataCapabilities holds the capabilities against Table 7.
func (t *T) judgeMetadataCapabilities(rm *model.Node, typ string, r *client.Response) {
	v := t.About("ResourceMetadata", "read")
	prefix := t.env.version.Namespace() + "/capability/"
	seen := map[string]bool{}
	byValue := map[string]string{}
	var bad []string
	for _, c := range rm.Get("capabilities").List() {
		uri := c.Str("uri")
		u, err := url.Parse(uri)
		if uri == "" || err != nil || !u.IsAbs() {
			bad = append(bad, fmt.Sprintf("capability uri %q is not an absolute URI", uri))
			continue
		}
		if seen[uri] {
			bad = append(bad, uri+" appears twice")
		}
		seen[uri] = true
		rest, isCIMI := strings.CutPrefix(uri, prefix)
		if !isCIMI {
			continue // a Provider's own capability
		}
		resource, name, _ := strings.Cut(rest, "/")
		value := features.CapabilityValue(c.Get("value"))
		kind, known := model.Capability(t.env.version, resource, name)
		switch {
		case !known:
			bad = append(bad, uri+" is not a capability the spec defines")
		case resource != typ:
			bad = append(bad, uri+" sits in the "+typ+" ResourceMetadata, not in the "+resource+" one")
		default:
			var states []string
			if resource == "Machine" {
				states = model.StableMachineStates
			}
			if why := model.CheckCapabilityValue(kind, value, states); why != "" {
				bad = append(bad, name+" "+why)
			}
		}
		byValue[resource+"/"+name] = value
	}
	// DefaultInitialState is one of InitialStates where both are set (Table 7).
	if def, states := byValue["Machine/DefaultInitialState"], byValue["Machine/InitialStates"]; def != "" && states != "" &&
		!slices.Contains(strings.Split(strings.ReplaceAll(states, " ", ""), ","), def) {
		bad = append(bad, fmt.Sprintf("DefaultInitialState %s is not one of InitialStates %s", def, states))
	}
	if len(bad) > 0 {
		v.Fail(checks.RMCapabilities, "the "+typ+" ResourceMetadata: "+strings.Join(bad, "; "), "", "", r)
	} else if len(seen) > 0 {
		v.Pass(checks.RMCapabilities)
	}
	t.judgeImplied(typ, byValue, r)
}

// judgeImplied: a by-value capability of a part needs the template's own
// (Table 7 rows 13-16, 25-26).
func (t *T) judgeImplied(typ string, caps map[string]string, r *client.Response) {
	v := t.About("ResourceMetadata", "read")
	implied := map[string][]string{
		"Machine/MachineTemplateByValue": {"Machine/MachineConfigByValue", "Machine/MachineCredentialByValue",
			"Machine/MachineImageByValue", "Machine/MachineVolumeTemplatesByValue"},
		"Volume/VolumeTemplateByValue": {"Volume/VolumeConfigByValue", "Volume/VolumeImageByValue"},
	}
	judged := false
	for needed, parts := range implied {
		for _, p := range parts {
			if caps[p] != "true" {
				continue
			}
			judged = true
			if caps[needed] != "true" {
				v.Fail(checks.RMImplied, fmt.Sprintf("%s is true but %s is not", p, needed), needed+" true", caps[needed], r)
				return
			}
		}
	}
	if judged {
		v.Pass(checks.RMImplied)
	}
}

// judgeMetadataActions: each action names itself, its URI and its method.
func (t *T) judgeMetadataActions(rm *model.Node, r *client.Response) {
	v := t.About("ResourceMetadata", "read")
	var bad []string
	list := rm.Get("actions").List()
	for _, a := range list {
		u, err := url.Parse(a.Str("uri"))
		switch {
		case a.Str("name") == "":
			bad = append(bad, "an action without a name")
		case err != nil || !u.IsAbs():
			bad = append(bad, a.Str("name")+"'s uri is not an absolute URI")
		case a.Str("method") == "":
			bad = append(bad, a.Str("name")+" has no method")
		}
		for _, msg := range []string{"inputMessage", "outputMessage"} {
			if m := a.Str(msg); m != "" {
				if _, _, err := mime.ParseMediaType(m); err != nil {
					bad = append(bad, a.Str("name")+"'s "+msg+" "+m+" is not a media type")
				}
			}
		}
	}
	if len(bad) > 0 {
		v.Fail(checks.RMActions, strings.Join(bad, "; "), "", "", r)
	} else if len(list) > 0 {
		v.Pass(checks.RMActions)
	}
}

// judgeInstanceMetadata checks what the ResourceMetadata of a type says of
// one of its instances, wherever the suite reads one: the custom operations
// it offers are listed actions, the providerMandatory extensions are
// there, and its own resourceMetadata reference fits.
func (t *T) judgeInstanceMetadata(d *model.Doc, r *client.Response) {
	if d == nil || d.Type == nil || d.Type.IsCollection() {
		return
	}
	typ := d.Type.Name
	v := t.About(typ, "read")
	rm := t.env.metadata(typ)
	if rm != nil {
		t.judgeOperationsListed(v, rm, d.Root, typ, r)
		t.judgeExtensionsPresent(v, rm, d, typ, r)
	}
	if a := d.Type.Attr("resourceMetadata"); a == nil || a.Kind != model.KRef {
		return // the Cloud Entry Point's resourceMetadata is its collection
	}
	if ref := d.Root.Href("resourceMetadata"); ref != "" && t.env.version == model.V2 {
		target := t.env.decodeAs(t.env.client.Get(ref, client.Accept(model.JSON)), model.JSON)
		switch {
		case target == nil || target.Type == nil || target.Type.Name != "ResourceMetadata":
			v.Fail(checks.RMInstanceRef, "resourceMetadata does not lead to a ResourceMetadata", "a ResourceMetadata", ref, r)
		case target.Root.Str("typeURI") != d.TypeURI && d.Format == model.JSON:
			v.Fail(checks.RMInstanceRef, "resourceMetadata leads to the ResourceMetadata of another type", d.TypeURI, target.Root.Str("typeURI"), r)
		default:
			v.Pass(checks.RMInstanceRef)
		}
	}
}

func (t *T) judgeOperationsListed(v *T, rm, n *model.Node, typ string, r *client.Response) {
	actions := map[string]bool{}
	for _, a := range rm.Get("actions").List() {
		actions[a.Str("uri")] = true
	}
	if len(actions) == 0 {
		return
	}
	var missing []string
	for _, op := range n.Operations() {
		switch op.Rel {
		case "add", "edit", "delete", "insert", "remove":
			continue
		}
		if !actions[op.Rel] {
			missing = append(missing, op.Rel)
		}
	}
	if len(missing) > 0 {
		v.Fail(checks.RMOperations, "the "+typ+" offers operations its ResourceMetadata does not list", "only listed actions",
			strings.Join(missing, ", "), r)
		return
	}
	v.Pass(checks.RMOperations)
}

func (t *T) judgeExtensionsPresent(v *T, rm *model.Node, d *model.Doc, typ string, r *client.Response) {
	var missing []string
	judged := false
	for _, a := range rm.Get("attributes").List() {
		ns := a.Str("namespace")
		if ns == "" || a.Str("providerMandatory") != "true" {
			continue
		}
		judged = true
		name := a.Str("name")
		if d.Format == model.XML {
			name = "{" + ns + "}" + name
		}
		if !d.Root.Has(name) {
			missing = append(missing, a.Str("name"))
		}
	}
	switch {
	case len(missing) > 0:
		v.Fail(checks.RMExtensions, "the "+typ+" lacks extension attributes its ResourceMetadata declares providerMandatory",
			"present", strings.Join(missing, ", "), r)
	case judged:
		v.Pass(checks.RMExtensions)
	default:
		v.Inapplicable(checks.RMExtensions, "no ResourceMetadata declares an extension attribute providerMandatory")
	}
}

// claimedAction tells whether the type's ResourceMetadata lists the action.
var _ = scenario(func(r *runEnv) {
	Describe("Claims", Label("metadata", string(model.JSON), string(model.XML)), func() {
		r.step("matches the features the vendor claims",
			[]*checks.Check{checks.ClaimsMatch},
			func(t *T) { t.judgeClaims() })
	})
})

// judgeClaims compares the vendor's claim file with what discovery found:
// every difference is reported, both ways.
func (t *T) judgeClaims() {
	if t.env.cfg.ClaimsFile == "" {
		t.NotTested(checks.ClaimsMatch, "no --claims file was given")
		return
	}
	claimed := map[features.Feature]bool{}
	var notFound, notClaimed []string
	for _, f := range t.env.cfg.Claims {
		claimed[f] = true
		if !t.env.claims(f) {
			notFound = append(notFound, string(f))
		}
	}
	for _, f := range t.env.ep.Features.List() {
		if !claimed[f] {
			notClaimed = append(notClaimed, string(f))
		}
	}
	if len(notFound) == 0 && len(notClaimed) == 0 {
		t.About("CloudEntryPoint", "discover").Pass(checks.ClaimsMatch)
		return
	}
	var parts []string
	if len(notFound) > 0 {
		parts = append(parts, "claimed in "+t.env.cfg.ClaimsFile+" but not advertised: "+strings.Join(notFound, ", "))
	}
	if len(notClaimed) > 0 {
		parts = append(parts, "advertised but not claimed: "+strings.Join(notClaimed, ", "))
	}
	t.About("CloudEntryPoint", "discover").Fail(checks.ClaimsMatch, strings.Join(parts, "; "), "the claimed features", "the advertised ones")
}
