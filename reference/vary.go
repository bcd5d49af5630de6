package reference

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// The legal variations as they are applied: each changes how the server
// answers in a way the standard allows (variations.go declares them). Like
// the presentation faults, they sit where every answer passes.

var (
	// VariationPageLimit: a Provider may return fewer items than count, a
	// page of its own choosing (§5.5.12, l.1554-1559).
	VariationPageLimit = variation("page-limit",
		"lists at most 2 items of a collection unless $first/$last ask for others (count stays the total)")
	// VariationRelativeHrefs: hrefs relative to baseURI (§5.5.10, l.1376-1388).
	VariationRelativeHrefs = variation("relative-hrefs",
		"writes every href and id relative to the Cloud Entry Point's baseURI")
	// VariationRelativeLocation: Location may be a relative reference
	// (RFC 7231 §7.1.2).
	VariationRelativeLocation = variation("relative-location",
		"answers a create with a Location relative to baseURI")
	// VariationPrefixedXML: the CIMI namespace bound to a prefix (XML
	// Namespaces 1.0; §4.1.2 asks for the namespace, not for a default one).
	VariationPrefixedXML = variation("prefixed-xml",
		"writes XML with the CIMI namespace bound to the prefix c:")
	// VariationMediaTypeParameters: media types carry parameters (RFC 7231
	// §3.1.1.1).
	VariationMediaTypeParameters = variation("media-type-parameters",
		"sends Content-Type application/json; charset=utf-8 (and the same for XML)")
	// VariationFractionalSeconds: xs:dateTime allows fractional seconds and
	// any UTC offset (§5.5.2).
	VariationFractionalSeconds = variation("fractional-seconds",
		"writes dateTimes with milliseconds and a +02:00 offset")
	// VariationMemberOrder: JSON objects are unordered (RFC 8259 §4).
	VariationMemberOrder = variation("json-member-order",
		"writes the members of every JSON object in reverse order")
	// VariationDelete204: a DELETE may answer 204 No Content (§4.2.1.4).
	VariationDelete204 = variation("delete-204",
		"answers a synchronous DELETE with 204 No Content")
	// VariationItemsCommon: collection items may show only their common
	// attributes; a Consumer reads the item for the rest (§5.5.12).
	VariationItemsCommon = variation("collection-items-common",
		"lists collection items with their common attributes only (id, name, description, created, updated, properties)")
	// VariationNoETag: an ETag is optional (§4.1.7.2).
	VariationNoETag = variation("no-etag",
		"sends no ETag (and so honours no If-Match)")
	// VariationPrettyJSON: whitespace between JSON tokens is insignificant.
	VariationPrettyJSON = variation("pretty-json",
		"writes JSON indented over many lines")
	// VariationProviderQuery: Provider query parameters without $ may ride in
	// the URIs it gives, and Consumers keep them (§4.1.6, l.608-609).
	VariationProviderQuery = variation("provider-query-parameter",
		"adds ?realm=cimitest to every href it writes, and accepts it back")
	// VariationXMLByDefault: without Accept, either serialization may come
	// back (§4.2.1.1).
	VariationXMLByDefault = variation("xml-by-default",
		"answers in XML when a request has no Accept header")
	// VariationCreatedWithoutBody: a 201 may come without the representation
	// (§4.2.1.1, l.990-1000).
	VariationCreatedWithoutBody = variation("created-without-body",
		"answers a finished create with 201 and Location but no body")
	// VariationAsyncCreates: any create may be asynchronous, answered 202
	// with a Job (§4.2.1.7).
	VariationAsyncCreates = variation("asynchronous-creates",
		"answers the creates of templates, configurations and credentials with 202 and a Job that ends later")
)

func (s *Server) varies(name string) bool { return s.vary[name] }

// pageSize is the page of the page-limit variation.
const pageSize = 2

// commonAttrs are what a collection item shows under collection-items-common,
// with the accessory attribute of a RecoverableMachine: only its entry in an
// enhanced collection holds it (§5.5.12, l.1540-1546).
var commonAttrs = map[string]bool{"id": true, "name": true, "description": true, "created": true, "updated": true,
	"properties": true, "operations": true, "backupmachine": true}

// varyItem trims a collection item as collection-items-common asks.
func (s *Server) varyItem(m omap, q *query) omap {
	if !s.varies(VariationItemsCommon) || q.selected != nil || q.itemSel != nil || q.expand != nil {
		return m
	}
	return selectAttrs(m, commonAttrs)
}

// varyHeaders changes the headers of an answer as the variations ask.
func (s *Server) varyHeaders(h http.Header, base string) {
	if loc := h.Get("Location"); loc != "" && s.varies(VariationRelativeLocation) {
		h.Set("Location", strings.TrimPrefix(loc, base))
	}
	if s.varies(VariationNoETag) {
		h.Del("ETag")
	}
	if ct := h.Get("Content-Type"); ct != "" && s.varies(VariationMediaTypeParameters) && !strings.Contains(ct, ";") {
		h.Set("Content-Type", ct+"; charset=utf-8")
	}
}

// offset is the UTC offset the fractional-seconds variation writes.
var offset = time.FixedZone("+02:00", 2*60*60)

// formatTime writes a dateTime as the renderer's variations and faults ask.
func (r *renderer) formatTime(t time.Time) string {
	switch {
	case r.noZone:
		return t.UTC().Format("2006-01-02T15:04:05")
	case r.fraction:
		return t.In(offset).Format("2006-01-02T15:04:05.000-07:00")
	}
	return t.UTC().Format(time.RFC3339)
}

// reorder reverses the members of every object of v (json-member-order).
func reorder(v any) any {
	switch x := v.(type) {
	case omap:
		out := make(omap, len(x))
		for i, e := range x {
			out[len(x)-1-i] = kv{e.k, reorder(e.v)}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = reorder(it)
		}
		return out
	case expanded:
		x.m = reorder(x.m).(omap)
		return x
	}
	return v
}

// json encodes an answer's JSON, its members reordered and its tokens
// spread over lines where the variations ask.
func (rq *request) json(v any, size int) []byte {
	if rq.s.varies(VariationMemberOrder) {
		v = reorder(v)
	}
	b := encodeJSONSized(v, size)
	if rq.s.varies(VariationPrettyJSON) {
		var out bytes.Buffer
		if json.Indent(&out, b, "", "  ") == nil {
			return out.Bytes()
		}
	}
	return b
}
