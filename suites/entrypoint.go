package suites

import (
	"fmt"
	"net/url"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.12: the Cloud Entry Point and the collections it lists.

var _ = scenario(func(r *runEnv) {
	Describe("Cloud Entry Point", Label("entrypoint"), func() {
		formats(func(f model.Format) {
			r.step("reads the Cloud Entry Point",
				[]*checks.Check{checks.CEPRead, checks.CEPBaseURI, checks.CEPMinimal, checks.CEPOperations},
				func(t *T) {
					d, resp := t.read(t.env.cepURL, "CloudEntryPoint", model.Full)
					t.About("CloudEntryPoint").Check(checks.CEPRead, ev(resp), func(g Gomega) {
						g.Expect(resp.Err).NotTo(HaveOccurred())
						g.Expect(resp.Status).To(Equal(200), "GET on the Cloud Entry Point")
						g.Expect(d).NotTo(BeNil(), "a readable representation")
						g.Expect(d.Type).NotTo(BeNil(), "a CIMI type")
						g.Expect(d.Type.Name).To(Equal("CloudEntryPoint"))
					})
					t.Must(d != nil, "the Cloud Entry Point cannot be read")
					t.Check(checks.CEPBaseURI, ev(resp), func(g Gomega) {
						base := d.Root.Str("baseURI")
						g.Expect(base).NotTo(BeEmpty(), "baseURI")
						u, err := url.Parse(base)
						g.Expect(err).NotTo(HaveOccurred())
						g.Expect(u.IsAbs()).To(BeTrue(), "baseURI %q is absolute", base)
					})
					if t.env.version == model.V2 {
						t.Check(checks.CEPMinimal, ev(resp), func(g Gomega) {
							for _, attr := range []string{"resourceMetadata", "machines", "machineImages", "machineConfigs"} {
								g.Expect(d.Root.Href(attr)).NotTo(BeEmpty(), "the Cloud Entry Point lists %s", attr)
							}
						})
					}
					t.Check(checks.CEPOperations, ev(resp), func(g Gomega) {
						for _, op := range d.Root.Operations() {
							g.Expect(op.Rel).To(BeElementOf("edit", "delete"), "an operation of the Cloud Entry Point")
						}
					})
				})

			r.step("follows every collection the Cloud Entry Point lists",
				[]*checks.Check{checks.CEPCollections, checks.MachineCollectionCount},
				func(t *T) {
					cep := readCEP(t)
					listed := 0
					for _, c := range model.CEPCollections(t.env.version) {
						href := cep.Href(c.Attr)
						if href == "" {
							continue
						}
						listed++
						l := t.list(t.env.client.Resolve(href), c.Collection)
						d, resp := l.doc, l.resps[0]
						ok := t.About(c.Collection).Check(checks.CEPCollections, ev(resp), func(g Gomega) {
							g.Expect(resp.Status).To(Equal(200), "GET on the %s collection", c.Attr)
							g.Expect(d).NotTo(BeNil())
							g.Expect(d.TypeURI).To(Equal(t.env.version.TypeURI(c.Collection)), "the type of %s", c.Attr)
						})
						if ok {
							t.judgeCount(l, c.Collection)
						}
					}
					t.Must(listed > 0, "the Cloud Entry Point lists no collection")
				})
		})
	})
})

// judgeCount checks that a collection's count matches its items (§5.5.12,
// l.1452-1453), all of them: a Provider may give them in pages, and the
// listing reads on with $first until count is reached.
func (t *T) judgeCount(l *listing, collType string) {
	v := t.About(collType)
	if l.doc == nil {
		return
	}
	resp := l.resps[0]
	if _, ok := l.doc.Root.Int("count"); !ok {
		v.Fail(checks.MachineCollectionCount, "the collection has no integer count", "count", l.doc.Root.Get("count").String(), resp)
		return
	}
	if l.stalled {
		// The collection may have shrunk between two pages: read it again.
		if l = t.list(l.uri, collType); l.doc == nil {
			return
		}
	}
	switch n := int64(len(l.doc.Items())); {
	case n > l.count:
		v.Fail(checks.MachineCollectionCount, "more items than count", fmt.Sprint(l.count), fmt.Sprint(n), l.resps[0])
	case l.stalled:
		v.Fail(checks.MachineCollectionCount, fmt.Sprintf("count says %d but the collection gives %d items", l.count, len(l.items)),
			fmt.Sprint(l.count), fmt.Sprint(len(l.items)), l.resps...)
	case !l.complete:
		v.NotTested(checks.MachineCollectionCount, l.why)
	default:
		v.Pass(checks.MachineCollectionCount)
	}
}

// readCEP reads the entry point in the step's serialization; the step
// stops when it cannot.
func readCEP(t *T) *model.Node {
	r := t.get(t.env.cepURL)
	f, _ := r.Format()
	d, err := model.Decode(f, r.Body, t.env.version)
	t.Must(r.Status == 200 && err == nil, "the Cloud Entry Point cannot be read (%s)", r.Describe())
	return d.Root
}

func ev(r ...*client.Response) []*client.Response {
	out := make([]*client.Response, 0, len(r))
	for _, x := range r {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}
