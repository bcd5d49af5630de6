package suites

import (
	"fmt"
	"net/url"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The crawl reads everything reachable from the Cloud Entry Point by its
// references (§4.1, l.560-567): every resource and collection in both
// serializations, judged against the model, the two forms compared. Large
// collections are sampled. It sends GET only: `--label-filter crawl` makes
// it the read-only health check to run first.

// cimiTypeSpace is where CIMI's type, action and capability URIs live.
const cimiTypeSpace = "http://schemas.dmtf.org/cimi/"

var cimiParams = map[string]bool{"$filter": true, "$first": true, "$last": true, "$orderby": true,
	"$select": true, "$expand": true, "$format": true}

var _ = scenario(func(r *runEnv) {
	Describe("Crawl", Label("crawl", labelQuiet, string(model.JSON), string(model.XML)), SpecPriority(-1), func() {
		r.step("reads everything reachable from the Cloud Entry Point, in both serializations",
			[]*checks.Check{checks.CrawlSelf, checks.CrawlReachable, checks.ReprMetadataType, checks.QueryProviderParams},
			func(t *T) { newCrawler(t).run() })
	})
})

type crawler struct {
	t           *T
	views       map[model.Format]*T
	seen        map[string]bool
	collections map[string]bool // URIs known to be collections (sampled)
	queue       []target
	visited     int
}

// target is a URI to read, with the type the reference to it promises and
// where the reference was found.
type target struct {
	uri, typ, from string
	// href is the reference as written, in the document read at source.
	href, source string
}

func newCrawler(t *T) *crawler {
	c := &crawler{t: t, views: map[model.Format]*T{}, seen: map[string]bool{}, collections: map[string]bool{}}
	for _, f := range t.env.cfg.Formats {
		v := *t
		v.F, v.subject.format = f, string(f)
		c.views[f] = &v
	}
	return c
}

func (c *crawler) push(href, typ, from string) { c.pushFrom(href, typ, from, "") }

// pushFrom queues a reference found in the document read at source.
func (c *crawler) pushFrom(href, typ, from, source string) {
	if href == "" || strings.HasPrefix(href, cimiTypeSpace) {
		// A type URI (a 1.x MeterConfiguration's associatedTo) names a
		// type, not a resource of the endpoint.
		return
	}
	u := c.t.env.client.Resolve(href)
	if !c.seen[u] {
		c.seen[u] = true
		c.queue = append(c.queue, target{uri: u, typ: typ, from: from, href: href, source: source})
	}
}

// vanished reports whether a reference that cannot be read is gone from
// where it was found: a resource deleted meanwhile (by another user, or by
// another scenario of the run) is no unreadable reference.
func (c *crawler) vanished(tg target, r *client.Response) bool {
	if tg.source == "" || (r.Status != 404 && r.Status != 410) {
		return false
	}
	again := c.t.env.client.Get(tg.source, client.Note("the crawl reads again where a reference that is gone was found"))
	if again.Status == 404 || again.Status == 410 {
		return true
	}
	return again.Status == 200 && !strings.Contains(string(again.Body), tg.href)
}

func (c *crawler) run() {
	c.push(c.t.env.cepURL, "CloudEntryPoint", fromConfiguration)
	for len(c.queue) > 0 && c.visited < c.t.env.cfg.CrawlLimit {
		next := c.queue[0]
		c.queue = c.queue[1:]
		c.visited++
		c.visit(next)
	}
	if len(c.queue) > 0 {
		c.t.env.note(fmt.Sprintf("the crawl stopped at its limit of %d resources with %d more reachable (--crawl-limit)",
			c.t.env.cfg.CrawlLimit, len(c.queue)))
	}
}

// visit reads one URI in every selected serialization.
func (c *crawler) visit(tg target) {
	uri := tg.uri
	var docs []*model.Doc
	var resps []*client.Response
	target := uri
	if c.collections[uri] && c.t.env.capable("CloudEntryPoint", "FirstParameter") {
		target += sepFor(uri) + fmt.Sprintf("$first=1&$last=%d", c.t.env.cfg.CrawlSample)
	}
	for _, f := range c.t.env.cfg.Formats {
		v := c.views[f]
		r := v.get(target)
		resps = append(resps, r)
		if r.Status != 200 && c.vanished(tg, r) {
			c.t.env.note("the crawl found references to resources deleted while it ran; it did not judge them")
			return
		}
		if r.Status != 200 {
			subject := tg.typ
			if subject == "" {
				subject = "any"
			}
			v.About(subject).Fail(checks.CrawlReachable, "a reference reachable from the Cloud Entry Point cannot be read (found in "+tg.from+")",
				"200", r.Describe(), r)
			return
		}
		d := v.judgeRead(r, "", model.Full)
		if d == nil {
			return
		}
		docs = append(docs, d)
		typ := "any"
		if d.Type != nil {
			typ = d.Type.Name
		}
		v.About(typ).Pass(checks.CrawlReachable)
		v.judgeSelf(d, uri, typ, r, tg.from == fromConfiguration)
		v.judgeMetadataType(d, tg.typ, typ, r)
		v.judgeProviderParams(d.Root, typ, r)
	}
	if len(docs) == 2 && docs[0].Type != nil {
		j, x := docs[0], docs[1]
		if j.Format != model.JSON {
			j, x = x, j
		}
		c.t.About(j.Type.Name).judgeAgreement(target, j, x, resps...)
	}
	if len(docs) > 0 {
		c.follow(docs[0], target)
	}
}

// follow queues the references and collection items of a document.
func (c *crawler) follow(d *model.Doc, source string) {
	if d.Type == nil {
		return
	}
	from := d.Type.Name + " " + d.Root.Str("id")
	push := func(href, typ, from string) { c.pushFrom(href, typ, from, source) }
	if d.Type.IsCollection() {
		for i, it := range d.Items() {
			if i >= c.t.env.cfg.CrawlSample {
				break
			}
			push(it.Str("id"), d.Type.Item, from)
		}
	}
	for _, a := range d.Type.Attrs {
		switch a.Kind {
		case model.KCollection:
			if h := d.Root.Href(a.Name); h != "" {
				c.markCollection(h)
				push(h, a.Target, from+" ("+a.Name+")")
			}
		case model.KRef:
			push(d.Root.Href(a.Name), a.Target, from+" ("+a.Name+")")
		case model.KArray:
			if a.Item.Kind == model.KRef && a.Name != "operations" {
				if arr := d.Root.Get(a.Name); arr != nil {
					for _, it := range arr.Items {
						push(it.Str("href"), a.Item.Target, from+" ("+a.Name+")")
					}
				}
			}
		}
	}
}

func (c *crawler) markCollection(href string) {
	c.collections[c.t.env.client.Resolve(href)] = true
}

// fromConfiguration marks the entry point's URI: the user gave it, not the
// Provider.
const fromConfiguration = "the run's configuration"

// judgeSelf checks that the id of what was read names it (P-01). A URI the
// user gave may be another spelling of the resource's own (a trailing
// slash, a parameter the Provider adds): there the id must lead back to a
// resource with the same id.
func (t *T) judgeSelf(d *model.Doc, uri, typ string, r *client.Response, given bool) {
	id := d.Root.Str("id")
	if id == "" {
		return // repr.mandatory reports it
	}
	if t.env.client.Resolve(id) == withoutCIMIParams(uri) {
		t.About(typ).Pass(checks.CrawlSelf)
		return
	}
	if given {
		again := t.get(t.env.client.Resolve(id))
		if ad := t.env.decodeAs(again, t.F); ad != nil && ad.Root.Str("id") == id {
			t.About(typ).Pass(checks.CrawlSelf)
			return
		}
		t.About(typ).Fail(checks.CrawlSelf, "GET on the id of the entry point does not return it with the same id", id, again.Describe(), r, again)
		return
	}
	t.About(typ).Fail(checks.CrawlSelf, "the id of a resource is not the URI it was read from", withoutCIMIParams(uri), id, r)
}

// withoutCIMIParams drops the CIMI query parameters ($first, $select…) the
// suite added to a URI; the Provider's own parameters are part of it
// (§4.1.6, l.608-609).
func withoutCIMIParams(u string) string {
	i := strings.IndexByte(u, '?')
	if i < 0 {
		return u
	}
	var kept []string
	for _, p := range strings.Split(u[i+1:], "&") {
		if p != "" && !strings.HasPrefix(p, "$") && !strings.HasPrefix(p, "%24") {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return u[:i]
	}
	return u[:i] + "?" + strings.Join(kept, "&")
}

// judgeMetadataType checks the type URI against the ResourceMetadata of the
// type, where there is one (P-107). The type is the one the reference to
// the resource promised, where it promised one: the resource's own type URI
// would find the metadata that agrees with it.
func (t *T) judgeMetadataType(d *model.Doc, promised, typ string, r *client.Response) {
	if promised != "" {
		typ = promised
	}
	want, ok := t.env.metadataTypeURI(typ)
	if !ok || d.Type == nil || d.Type.IsCollection() {
		return
	}
	if want == d.TypeURI {
		t.About(typ).Pass(checks.ReprMetadataType)
	} else {
		t.About(typ).Fail(checks.ReprMetadataType, "the type URI differs from the typeURI of the type's ResourceMetadata", want, d.TypeURI, r)
	}
}

// judgeProviderParams checks the query parameters in the URIs a Provider
// returns: its own may not start with $ (P-13, l.610-612).
func (t *T) judgeProviderParams(n *model.Node, typ string, r *client.Response) {
	var bad []string
	var walk func(n *model.Node)
	walk = func(n *model.Node) {
		if n == nil {
			return
		}
		for _, f := range n.Fields {
			if (f.Name == "href" || f.Name == "id") && f.Value.Kind == model.String {
				if u, err := url.Parse(f.Value.Text); err == nil {
					for k := range u.Query() {
						if strings.HasPrefix(k, "$") && !cimiParams[k] {
							bad = append(bad, f.Value.Text)
						}
					}
				}
			}
			walk(f.Value)
		}
		for _, it := range n.Items {
			walk(it)
		}
	}
	walk(n)
	if len(bad) > 0 {
		t.About(typ).Fail(checks.QueryProviderParams, "a URI carries a query parameter of the Provider that starts with $",
			"no $ parameters but CIMI's", strings.Join(bad, ", "), r)
		return
	}
	t.About(typ).Pass(checks.QueryProviderParams)
}
