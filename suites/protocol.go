package suites

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §4.1, §4.2, §5.3 and §6: media types, credentials, and the bad requests an
// endpoint must refuse without creating anything.

var _ = scenario(func(r *runEnv) {
	Describe("HTTP binding", Label("protocol"), func() {
		formats(func(f model.Format) {
			r.step("negotiates the media type",
				[]*checks.Check{checks.HTTPNoAccept, checks.HTTPAcceptAny, checks.HTTPNotAcceptable},
				func(t *T) {
					cimi := func(r *client.Response) bool {
						_, ok := r.Format()
						return r.Status == 200 && ok
					}
					r := t.env.client.Get(t.env.cepURL)
					t.Check(checks.HTTPNoAccept, ev(r), func(g Gomega) {
						g.Expect(cimi(r)).To(BeTrue(), "GET without Accept answered %d with Content-Type %q", r.Status, r.Header.Get("Content-Type"))
					})
					r = t.env.client.Get(t.env.cepURL, client.AcceptRaw("*/*"))
					t.Check(checks.HTTPAcceptAny, ev(r), func(g Gomega) {
						g.Expect(cimi(r)).To(BeTrue(), "GET with Accept */* answered %d with Content-Type %q", r.Status, r.Header.Get("Content-Type"))
					})
					r = t.env.client.Get(t.env.cepURL, client.AcceptRaw("text/html"))
					t.Check(checks.HTTPNotAcceptable, ev(r), func(g Gomega) {
						g.Expect(r.Status == 406 || cimi(r)).To(BeTrue(), "GET with Accept text/html answered %d with Content-Type %q",
							r.Status, r.Header.Get("Content-Type"))
					})
				})

			r.step("names the specification version it speaks",
				[]*checks.Check{checks.HTTPVersionHeader},
				func(t *T) {
					r := t.get(t.env.cepURL)
					bad := t.get(t.env.cepURL, client.Header("CIMI-Specification-Version", "9.9"))
					t.Check(checks.HTTPVersionHeader, ev(r, bad), func(g Gomega) {
						g.Expect(r.Header.Get("CIMI-Specification-Version")).NotTo(BeEmpty(), "CIMI-Specification-Version on an answer")
						g.Expect(bad.Status).To(Equal(400), "a request that names only version 9.9")
					})
				})

			r.step("asks for credentials",
				[]*checks.Check{checks.HTTPUnauthenticated},
				func(t *T) {
					if t.env.cfg.User == "" && t.env.cfg.Token == "" {
						t.Skip("the run uses no credentials")
					}
					t.judgeUnauthenticated()
				})

			r.step("refuses a create where no add is advertised",
				[]*checks.Check{checks.HTTPUnadvertisedAdd},
				func(t *T) { t.judgeUnadvertisedAdd() })

			r.step("refuses a value outside a value scope",
				[]*checks.Check{checks.ValueScope},
				func(t *T) { t.judgeValueScope() })

			r.step("refuses bad requests and creates nothing",
				[]*checks.Check{checks.HTTPUnsupportedMedia, checks.HTTPOversizedBody, checks.HTTPWrongType, checks.HTTPWrongResourceURI,
					checks.HTTPMissingRequired, checks.HTTPNoResourceURI},
				func(t *T) { t.badRequests() })
		})
	})
})

// badRequests sends requests that must be refused, each with a unique name,
// and checks that nothing of that name appeared.
func (t *T) badRequests() {
	coll, add := machinesCollection(t)
	cfg, img := pickConfig(t), pickImage(t)
	create := func(n string, extra ...any) *model.Node {
		return model.Obj(append([]any{"name", n, "machineTemplate",
			model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")))}, extra...)...)
	}
	refusedAndNothing := func(id *checks.Check, collType, collURI, n string, r *client.Response, resType string) {
		refused := t.refused(r, resType, "bad-input")
		if loc := r.Header.Get("Location"); !refused && loc != "" && r.OK() {
			// Accepted: what was made is judged as any resource of its type.
			t.read(t.env.client.Resolve(loc), resType, model.Full)
		}
		t.About(collType, "bad-input").Check(id, ev(r), func(g Gomega) {
			g.Expect(r.Err).NotTo(HaveOccurred())
			g.Expect(r.Status).To(BeNumerically("<", 500), "a bad request answered with a server error")
			g.Expect(refused).To(BeTrue(), "the request is refused with a 4xx (got %s)", r.Describe())
			g.Expect(t.namedIn(collURI, collType, n)).To(BeFalse(), "nothing was created")
		})
	}

	// A body that is neither JSON nor XML.
	n := t.name("text-plain-" + string(t.F))
	raw, _ := model.Encode(model.JSON, t.env.version, "MachineCreate", create(n), false)
	r := t.do(http.MethodPost, add, client.Creates(coll, "Machine", n), client.Accept(t.F), client.RawBody("text/plain", raw))
	refusedAndNothing(checks.HTTPUnsupportedMedia, "MachineCollection", coll, n, r, "Machine")

	// A body of 10 MB.
	n = t.name("oversized-" + string(t.F))
	// Encoded small, then grown: 'x' needs no escaping in either form, and
	// encoding ten megabytes of it cost more than the rest of the step.
	const placeholder = "cimitest-oversized-description"
	raw, _ = model.Encode(t.F, t.env.version, "MachineCreate", create(n, "description", placeholder), false)
	raw = bytes.Replace(raw, []byte(placeholder), bytes.Repeat([]byte("x"), 10<<20), 1)
	r = t.do(http.MethodPost, add, client.Creates(coll, "Machine", n), client.Accept(t.F), client.Body(t.F, raw))
	refusedAndNothing(checks.HTTPOversizedBody, "MachineCollection", coll, n, r, "Machine")

	// An attribute of the wrong type: a MachineConfiguration with cpu "two"
	// where one can be posted, else a MachineCreate whose name is a number
	// (JSON only: XML has no types of its own).
	if cc, cadd := t.optionalAdd("machineConfigs", "MachineConfigurationCollection"); cadd != "" {
		n = t.name("wrong-type-" + string(t.F))
		r = t.post(cc, cadd, "MachineConfiguration", "MachineConfiguration", model.Obj("name", n, "cpu", "two", "memory", 1048576,
			"disks", model.Arr(model.Obj("capacity", 1048576, "format", "ext4"))))
		refusedAndNothing(checks.HTTPWrongType, "MachineConfigurationCollection", cc, n, r, "MachineConfiguration")
	} else if t.F == model.JSON {
		r = t.post(coll, add, "MachineCreate", "Machine", create("").Set("name", model.I(5)))
		refused := t.refused(r, "Machine", "bad-input")
		t.About("MachineCollection", "bad-input").Check(checks.HTTPWrongType, ev(r), func(g Gomega) {
			g.Expect(refused).To(BeTrue(), "a MachineCreate whose name is a number is refused (got %s)", r.Describe())
		})
	} else {
		t.NotTested(checks.HTTPWrongType, "XML carries no types, and no MachineConfiguration can be posted here")
	}

	// A resourceURI naming another type (JSON: XML names its type with the root element).
	if t.F == model.JSON {
		n = t.name("wrong-resource-uri")
		body := create(n).Set("resourceURI", model.S(t.env.version.TypeURI("VolumeCreate")))
		raw, _ = model.Encode(model.JSON, t.env.version, "MachineCreate", body, false)
		r = t.do(http.MethodPost, add, client.Creates(coll, "Machine", n), client.Accept(model.JSON), client.Body(model.JSON, raw))
		refusedAndNothing(checks.HTTPWrongResourceURI, "MachineCollection", coll, n, r, "Machine")
	} else {
		t.Inapplicable(checks.HTTPWrongResourceURI, "only JSON bodies carry a resourceURI")
	}

	// A MachineImage without imageLocation.
	if ic, iadd := t.optionalAdd("machineImages", "MachineImageCollection"); iadd != "" {
		n = t.name("no-location-" + string(t.F))
		r = t.post(ic, iadd, "MachineImage", "MachineImage", model.Obj("name", n, "type", "IMAGE"))
		refusedAndNothing(checks.HTTPMissingRequired, "MachineImageCollection", ic, n, r, "MachineImage")
	} else {
		t.NotSupported(checks.HTTPMissingRequired, "the MachineImageCollection offers no add")
	}

	// A create without resourceURI is fine (JSON; optional for Consumers).
	if t.F == model.JSON {
		n = t.name("no-resource-uri")
		raw, _ = model.Encode(model.JSON, t.env.version, "MachineCreate", create(n), true)
		r = t.do(http.MethodPost, add, client.Creates(coll, "Machine", n), client.Accept(model.JSON), client.Body(model.JSON, raw))
		t.About("MachineCollection", "create").Check(checks.HTTPNoResourceURI, ev(r), func(g Gomega) {
			g.Expect(r.Status).To(statusIn(201, 202), "a MachineCreate without resourceURI")
		})
		if r.OK() {
			t.followJob(r, "Machine", "create")
		}
	} else {
		t.Inapplicable(checks.HTTPNoResourceURI, "only JSON bodies carry a resourceURI")
	}
}

// optionalAdd finds a Cloud Entry Point collection and its add operation,
// or "" when either is not offered.
func (t *T) optionalAdd(attr, collType string) (coll, add string) {
	href := readCEP(t).Href(attr)
	if href == "" {
		return "", ""
	}
	coll = t.env.client.Resolve(href)
	d, _ := t.read(coll, collType, model.Full)
	if d == nil {
		return coll, ""
	}
	add, _ = d.Root.Op("add")
	return coll, add
}

// judgeHeaderForm checks that the body length matches Content-Length and
// that Content-Type parses (§4.1.5).
func (t *T) judgeHeaderForm(resp *client.Response, typeName string) {
	v := t.About(typeName, "read")
	cl := resp.Header.Get("Content-Length")
	if cl != "" && cl != fmt.Sprint(len(resp.Body)) {
		v.Fail(checks.HTTPHeaders, "Content-Length does not match the body", fmt.Sprint(len(resp.Body)), cl, resp)
		return
	}
	if _, ok := resp.Format(); !ok && !bytes.Equal(resp.Body, nil) && resp.Header.Get("Content-Type") == "" {
		v.Fail(checks.HTTPHeaders, "a body without Content-Type", "a Content-Type", "none", resp)
		return
	}
	v.Pass(checks.HTTPHeaders)
}

// judgeValueScope posts a MachineConfiguration whose cpu lies beyond the
// maximum of a vscope in its ResourceMetadata: it must be refused with a
// 4xx (§5.11 Table 6, §5.5.14).
func (t *T) judgeValueScope() {
	if t.env.version != model.V2 {
		t.Skip("vscope is a CIMI 2.0 feature")
	}
	rm := t.env.metadata("MachineConfiguration")
	var max int64
	found := false
	if vs := rm.Get("vscope"); vs != nil {
		for _, scope := range vs.Items {
			if m, ok := scope.Get("cpu").Int("maximum"); ok {
				max, found = m, true
			}
		}
	}
	if !found {
		t.Skip("no ResourceMetadata gives a MachineConfiguration cpu a maximum")
	}
	coll, add := t.optionalAdd("machineConfigs", "MachineConfigurationCollection")
	if add == "" {
		t.Skip("the MachineConfigurationCollection offers no add")
	}
	n := t.name("out-of-scope-" + string(t.F))
	r := t.post(coll, add, "MachineConfiguration", "MachineConfiguration", model.Obj("name", n, "cpu", max+1, "memory", 1048576,
		"disks", model.Arr(model.Obj("capacity", 1048576, "format", "ext4"))))
	refused := t.refused(r, "MachineConfiguration", "create")
	t.About("MachineConfiguration", "create").Check(checks.ValueScope, ev(r), func(g Gomega) {
		g.Expect(refused).To(BeTrue(), "a cpu of %d, beyond the vscope maximum %d, is refused with a 4xx (got %s)", max+1, max, r.Describe())
		g.Expect(t.namedIn(coll, "MachineConfigurationCollection", n)).To(BeFalse(), "nothing was created")
	})
}

// judgeUnauthenticated reads the entry point and every collection it lists
// (on the endpoint's origin) without credentials and with wrong ones: each
// is answered 401 with WWW-Authenticate. A Provider that guards only its
// entry point, or that checks only that some credentials came, fails.
func (t *T) judgeUnauthenticated() {
	targets := []string{t.env.cepURL}
	for _, c := range t.env.ep.Collections {
		if u := t.env.client.Resolve(c.URI); t.env.client.Allowed(u) {
			targets = append(targets, u)
		}
	}
	for _, u := range targets {
		for _, how := range []struct {
			what string
			opt  client.Option
		}{{"without credentials", client.NoAuth()}, {"with a wrong password or token", client.WrongAuth()}} {
			r := t.env.client.Get(u, client.Accept(t.F), how.opt)
			t.Check(checks.HTTPUnauthenticated, ev(r), func(g Gomega) {
				g.Expect(r.Status).To(Equal(401), "GET %s %s", u, how.what)
				g.Expect(r.Header.Get("WWW-Authenticate")).NotTo(BeEmpty(), "WWW-Authenticate on a 401")
			})
		}
	}
}

// judgeUnadvertisedAdd posts, to each collection the entry point lists
// without an add operation, a create of its item type: it must be refused
// and make nothing (P-54: a collection that accepts creation shows add).
// What is made anyway is the run's, and the cleanup removes it.
func (t *T) judgeUnadvertisedAdd() {
	tried := 0
	for _, c := range t.env.ep.Collections {
		uri := t.env.client.Resolve(c.URI)
		ct := model.For(t.env.version).Type(c.Type)
		if c.Add || !c.Readable || ct == nil || !ct.IsCollection() || !t.env.client.Allowed(uri) {
			continue
		}
		tried++
		name := t.name("unadvertised-" + strings.ToLower(ct.Item) + "-" + string(t.F))
		body := model.Obj("name", name, "description", "posted where no add is advertised")
		if ct.Item == "MachineConfiguration" {
			// A configuration complete enough to be made, were the POST taken.
			cfg := pickConfig(t)
			body.Set("cpu", cfg.Get("cpu")).Set("memory", cfg.Get("memory"))
			if d := cfg.Get("disks"); d != nil {
				body.Set("disks", d.Clone())
			}
		}
		r := t.post(uri, uri, ct.Item, ct.Item, body)
		refused := t.refused(r, ct.Item, "create")
		if r.OK() {
			t.followJob(r, ct.Item, "create")
		}
		made := t.namedIn(uri, c.Type, name)
		t.About(c.Type, "create").Check(checks.HTTPUnadvertisedAdd, ev(r), func(g Gomega) {
			g.Expect(refused).To(BeTrue(), "a POST to the %s, which advertises no add, is refused with a 4xx (got %s)", c.Type, r.Describe())
			g.Expect(made).To(BeFalse(), "nothing named %s is listed in the %s", name, c.Type)
		})
	}
	if tried == 0 {
		t.NotTested(checks.HTTPUnadvertisedAdd, "every collection the Cloud Entry Point lists advertises add")
	}
}
