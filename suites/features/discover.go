package features

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// SchemaVersion is the version of the JSON that `cimitest discover --json`
// prints; new fields do not change it.
const SchemaVersion = "1"

// Endpoint is what discovery learnt of an endpoint.
type Endpoint struct {
	SchemaVersion string            `json:"schemaVersion"`
	URL           string            `json:"url"`
	Version       model.Version     `json:"cimiVersion"`
	BaseURI       string            `json:"baseURI"`
	Formats       []string          `json:"formats"`
	Operations    []string          `json:"operations,omitempty"` // of the Cloud Entry Point
	Collections   []CollectionInfo  `json:"collections"`
	Metadata      []TypeMetadata    `json:"resourceMetadata,omitempty"`
	Claims        map[Feature]Claim `json:"features"`
	// Notes say what discovery could not read.
	Notes         []string               `json:"notes,omitempty"`
	Features      *Set                   `json:"-"`
	CEP           *model.Node            `json:"-"`
	CEPResponse   *client.Response       `json:"-"`
	metadataNodes map[string]*model.Node // by the type the typeURI names
	// metadataByName holds the same by the name each gives.
	metadataByName map[string]*model.Node
}

// CollectionInfo is one collection of the Cloud Entry Point.
type CollectionInfo struct {
	Attr     string `json:"attr"`
	Type     string `json:"type"`
	URI      string `json:"uri"`
	Count    int64  `json:"count"`
	Add      bool   `json:"add"`
	Readable bool   `json:"readable"`
}

// TypeMetadata is the ResourceMetadata of one type (§5.11, Table 6).
type TypeMetadata struct {
	Name         string           `json:"name"`
	TypeURI      string           `json:"typeURI"`
	ID           string           `json:"id"`
	Attributes   []AttributeInfo  `json:"attributes,omitempty"`
	Capabilities []CapabilityInfo `json:"capabilities,omitempty"`
	Actions      []ActionInfo     `json:"actions,omitempty"`
	ValueScopes  int              `json:"valueScopes,omitempty"`
}

// AttributeInfo is one attribute entry; an extension has a namespace.
type AttributeInfo struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Type      string `json:"type,omitempty"`
}

// CapabilityInfo is one capability; Value is "true" when the entry has none.
type CapabilityInfo struct {
	Name  string `json:"name,omitempty"`
	URI   string `json:"uri"`
	Value string `json:"value"`
}

// ActionInfo is one action entry.
type ActionInfo struct {
	Name   string `json:"name"`
	URI    string `json:"uri"`
	Method string `json:"method,omitempty"`
}

// ErrNotUsable marks an endpoint that cannot be judged at all: unreachable,
// not CIMI, or of another version than asked. The message is one sentence.
var ErrNotUsable = errors.New("the endpoint cannot be judged")

type notUsable struct{ msg string }

func (e *notUsable) Error() string { return e.msg }
func (e *notUsable) Unwrap() error { return ErrNotUsable }

func refuse(format string, args ...any) error { return &notUsable{msg: fmt.Sprintf(format, args...)} }

// ErrBrokenEntryPoint marks an endpoint that answers as CIMI (a CIMI media
// type, a document in a CIMI version's namespace) with an entry point of no
// CIMI type: the endpoint fails, it is not misused.
var ErrBrokenEntryPoint = errors.New("the Cloud Entry Point is broken")

type brokenCEP struct{ msg string }

func (e *brokenCEP) Error() string { return e.msg }
func (e *brokenCEP) Unwrap() error { return ErrBrokenEntryPoint }

// Aim makes c resolve relative hrefs against the entry point's baseURI, or
// against the entry point's own URL when that is no absolute URI (judged by
// cep.base-uri).
func (ep *Endpoint) Aim(c *client.Client) {
	if err := c.SetBase(ep.BaseURI); err != nil {
		_ = c.SetBase(dirOf(ep.CEPResponse.URL))
	}
}

// Discover reads the endpoint's Cloud Entry Point, its collections and its
// ResourceMetadata. want is "auto", "1.1" or "2.0". The client's base URI
// is set from the entry point's baseURI.
func Discover(c *client.Client, endpoint, want string) (*Endpoint, error) {
	d, resp, err := fetchCEP(c, endpoint)
	if err != nil {
		return nil, err
	}
	ep := &Endpoint{SchemaVersion: SchemaVersion, URL: endpoint, Version: d.Version, CEP: d.Root, CEPResponse: resp,
		Features: NewSet(), metadataNodes: map[string]*model.Node{},
		metadataByName: map[string]*model.Node{}}
	if want != "" && want != "auto" {
		v, err := model.ParseVersion(want)
		if err != nil {
			return nil, refuse("%v", err)
		}
		if v != d.Version {
			return nil, refuse("the endpoint speaks CIMI %s (namespace %s) but --cimi-version %s was asked", d.Version, d.Version.Namespace(), want)
		}
	}
	ep.BaseURI = d.Root.Str("baseURI")
	ep.Aim(c)
	for _, op := range d.Root.Operations() {
		ep.Operations = append(ep.Operations, op.Rel)
	}
	ep.formats(c)
	ep.metadata(c)
	ep.collections(c)
	ep.Claims = ep.Features.claims
	return ep, nil
}

// fetchCEP reads the entry point in JSON, or in XML when JSON is not
// offered, and turns every way it can go wrong into one clear sentence.
func fetchCEP(c *client.Client, endpoint string) (*model.Doc, *client.Response, error) {
	var lastErr error
	for _, f := range []model.Format{model.JSON, model.XML} {
		resp := c.Get(endpoint, client.Accept(f))
		switch {
		case resp.Err != nil:
			return nil, nil, refuse("cannot reach the endpoint %s: %v", endpoint, rootCause(resp.Err))
		case resp.Status == 401 || resp.Status == 403:
			return nil, nil, refuse("the endpoint %s refused the request (HTTP %d): give --user and --password, or --token", endpoint, resp.Status)
		case resp.Status == 406 && f == model.JSON:
			// Not acceptable in JSON: an XML-only endpoint, perhaps.
			lastErr = refuse("the endpoint %s answered HTTP 406 to both JSON and XML", endpoint)
			continue
		case resp.Status != 200:
			return nil, nil, refuse("the endpoint %s answered HTTP %d; a Cloud Entry Point answers 200", endpoint, resp.Status)
		}
		got, ok := resp.Format()
		if !ok {
			lastErr = refuse("the endpoint %s is not a CIMI endpoint: it answered with Content-Type %q, not application/json or application/xml",
				endpoint, resp.Header.Get("Content-Type"))
			continue
		}
		d, err := model.Decode(got, resp.Body, "")
		if err != nil {
			if errors.Is(err, model.ErrNotCIMI) {
				lastErr = refuse("the endpoint %s is not a CIMI endpoint: %v", endpoint, err)
			} else {
				lastErr = refuse("the endpoint %s sent a body that cannot be read: %v", endpoint, err)
			}
			continue
		}
		if d.Type == nil && d.Version != "" {
			return nil, resp, &brokenCEP{msg: fmt.Sprintf("the endpoint %s answers %s with a document of type %q, which is no CIMI type: "+
				"a Cloud Entry Point's type URI is %s/CloudEntryPoint", endpoint, got.MediaType(), d.TypeURI, d.Version.Namespace())}
		}
		if d.Version == "" {
			lastErr = refuse("the endpoint %s is not a CIMI endpoint: its document names no CIMI type (resourceURI %q)", endpoint, d.TypeURI)
			continue
		}
		if d.Type == nil || d.Type.Name != "CloudEntryPoint" {
			return nil, nil, refuse("the document at %s is a %s, not a CloudEntryPoint: give the Cloud Entry Point URL", endpoint, d.TypeURI)
		}
		return d, resp, nil
	}
	return nil, nil, lastErr
}

// formats finds the serializations the entry point answers in.
func (ep *Endpoint) formats(c *client.Client) {
	for _, f := range []model.Format{model.JSON, model.XML} {
		r := c.Get(ep.URL, client.Accept(f))
		if got, ok := r.Format(); r.Status == 200 && ok && got == f {
			ep.Formats = append(ep.Formats, string(f))
			ep.Features.Add(Format(string(f)), Claim{Source: "GET on the Cloud Entry Point with Accept " + f.MediaType()})
		}
	}
}

// read GETs uri in JSON, or in XML from an endpoint that answers only XML.
func (ep *Endpoint) read(c *client.Client, uri string) (*model.Doc, bool) {
	f := model.JSON
	if !slices.Contains(ep.Formats, string(model.JSON)) && slices.Contains(ep.Formats, string(model.XML)) {
		f = model.XML
	}
	r := c.Get(uri, client.Accept(f))
	if r.Status != 200 {
		return nil, false
	}
	d, err := model.Decode(f, r.Body, ep.Version)
	return d, err == nil
}

// collections reads each collection the entry point lists.
func (ep *Endpoint) collections(c *client.Client) {
	for _, cc := range model.CEPCollections(ep.Version) {
		href := ep.CEP.Href(cc.Attr)
		if href == "" {
			continue
		}
		info := CollectionInfo{Attr: cc.Attr, Type: cc.Collection, URI: c.Resolve(href)}
		ep.Features.Add(Collection(cc.Attr), Claim{Source: "the Cloud Entry Point lists " + cc.Attr})
		if d, ok := ep.readCollection(c, info.URI); ok {
			info.Readable = true
			info.Count, _ = d.Root.Int("count")
			if _, ok := d.Root.Op("add"); ok {
				info.Add = true
				ep.Features.Add(Create(cc.Item), Claim{Source: "the " + cc.Collection + " offers add"})
			}
		}
		ep.Collections = append(ep.Collections, info)
	}
}

// readCollection reads a collection for its count and operations. Where
// the entry point advertises $first and $last it asks for one item, so
// that a collection of thousands costs one small exchange; a refusal of
// the window falls back to the whole collection.
func (ep *Endpoint) readCollection(c *client.Client, uri string) (*model.Doc, bool) {
	if _, ok := ep.Capability("CloudEntryPoint", "FirstParameter"); ok {
		if d, ok := ep.read(c, uri+sepFor(uri)+"$first=1&$last=1"); ok {
			return d, true
		}
	}
	return ep.read(c, uri)
}

// metadataPages bounds the pages of ResourceMetadata discovery reads.
const metadataPages = 100

func sepFor(uri string) string {
	if strings.Contains(uri, "?") {
		return "&"
	}
	return "?"
}

// metadata reads every ResourceMetadata entry: its capabilities, actions,
// attributes and value scopes (§5.11, §5.11.1).
func (ep *Endpoint) metadata(c *client.Client) {
	href := ep.CEP.Href("resourceMetadata")
	if href == "" {
		return
	}
	uri := c.Resolve(href)
	d, ok := ep.read(c, uri)
	if !ok || d.Type == nil {
		return
	}
	// The entries may come in pages (the entry that advertises $first may
	// itself be on a later one: read on regardless, it is only a GET).
	p, err := model.ReadOn(d, metadataPages, func(from int) (*model.Doc, error) {
		next, ok := ep.read(c, fmt.Sprintf("%s%s$first=%d", uri, sepFor(uri), from))
		if !ok {
			return nil, fmt.Errorf("the ResourceMetadataCollection page from $first=%d cannot be read", from)
		}
		return next, nil
	})
	if err != nil {
		ep.Notes = append(ep.Notes, err.Error())
	} else if why := p.Why("ResourceMetadataCollection", metadataPages); why != "" {
		ep.Notes = append(ep.Notes, why)
	}
	for _, it := range p.Items {
		rm := it
		if id := it.Str("id"); id != "" && (!it.Has("typeURI") || !it.Has("capabilities")) {
			if full, ok := ep.read(c, id); ok && full.Root.Has("typeURI") {
				rm = full.Root
			}
		}
		ep.addMetadata(rm)
	}
}

func (ep *Endpoint) addMetadata(rm *model.Node) {
	name := model.TypeName(rm.Str("typeURI"))
	tm := TypeMetadata{Name: rm.Str("name"), TypeURI: rm.Str("typeURI"), ID: rm.Str("id")}
	if name == "" {
		name = tm.Name
	}
	ep.metadataNodes[name] = rm
	if tm.Name != "" {
		ep.metadataByName[tm.Name] = rm
	}
	source := "the " + name + " ResourceMetadata"
	for _, a := range rm.Get("attributes").List() {
		tm.Attributes = append(tm.Attributes, AttributeInfo{Name: a.Str("name"), Namespace: a.Str("namespace"), Type: a.Str("type")})
	}
	for _, cp := range rm.Get("capabilities").List() {
		ci := CapabilityInfo{Name: cp.Str("name"), URI: cp.Str("uri"), Value: CapabilityValue(cp.Get("value"))}
		tm.Capabilities = append(tm.Capabilities, ci)
		if res, capName, ok := splitCapability(ep.Version, ci.URI); ok && ci.Value != "false" {
			ep.Features.Add(Capability(res, capName), Claim{Source: source, Value: ci.Value})
		}
	}
	for _, ac := range rm.Get("actions").List() {
		ai := ActionInfo{Name: ac.Str("name"), URI: ac.Str("uri"), Method: ac.Str("method")}
		tm.Actions = append(tm.Actions, ai)
		if uri := ai.URI; uri != "" {
			ep.Features.Add(Action(name, uri[strings.LastIndexByte(uri, '/')+1:]), Claim{Source: source})
		}
	}
	tm.ValueScopes = len(rm.Get("vscope").List())
	ep.Metadata = append(ep.Metadata, tm)
}

// MetadataOf gives the ResourceMetadata of a type, as read (nil when none).
// A ResourceMetadata is found by the type its typeURI names, else by its
// name: a typeURI that names no type still describes the type it names.
func (ep *Endpoint) MetadataOf(typ string) *model.Node {
	if rm := ep.metadataNodes[typ]; rm != nil {
		return rm
	}
	return ep.metadataByName[typ]
}

// Capability gives the value of a capability; ok is false when it is not
// advertised (an absent boolean capability is false, §5.11.1).
func (ep *Endpoint) Capability(resource, name string) (string, bool) {
	c, ok := ep.Features.Claim(Capability(resource, name))
	return c.Value, ok
}

// CapabilityValue renders a capability value; no value means true.
func CapabilityValue(v *model.Node) string {
	switch {
	case v == nil:
		return "true"
	case v.Kind == model.Array:
		var parts []string
		for _, x := range v.Items {
			parts = append(parts, x.Text)
		}
		return strings.Join(parts, ",")
	}
	return v.Text
}

// splitCapability reads a CIMI capability URI of version v.
func splitCapability(v model.Version, uri string) (resource, name string, ok bool) {
	rest, ok := strings.CutPrefix(uri, v.Namespace()+"/capability/")
	if !ok {
		return "", "", false
	}
	resource, name, ok = strings.Cut(rest, "/")
	return resource, name, ok && name != "" && !strings.Contains(name, "/")
}

func dirOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Path = p.Path[:strings.LastIndexByte(p.Path, '/')+1]
	p.RawQuery = ""
	return p.String()
}

// rootCause strips the URL wrapping from a transport error.
func rootCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
