package suites

import (
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The worked example of the 2.0 network model, as a plug-fest would run it:
// a private IPv4 Network with a DHCP Service made from an inline template
// naming a segment template and a service template, an Interface enabled, a DYNAMIC Endpoint
// on it in the Segment, switched and deleted.

// exampleRun is what the worked example's steps share.
type exampleRun struct {
	net, segment, service string // the Network and the parts its template made
	nic, endpoint         string
}

var _ = scenario(func(r *runEnv) {
	Describe("Networks, the worked example", Label("networks"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("a private network with DHCP and an interface on it", Ordered, ContinueOnFailure, func() {
				ex := &exampleRun{}
				ids := []*checks.Check{checks.NetworkExample}
				r.step("makes a started Network from an inline template of an IPv4 segment template and a DHCP service template", ids,
					func(t *T) { t.exampleNetwork(ex) })
				r.step("makes a NetworkInterface and enables it", ids, func(t *T) { t.exampleInterface(ex) })
				r.step("makes a DYNAMIC Endpoint on the Interface in the Network's Segment, enables and disables it", ids,
					func(t *T) { t.exampleEndpoint(ex) })
				r.step("deletes the Endpoint, which leaves every endpoints collection", ids, func(t *T) { t.exampleDelete(ex) })
			})
		})
	})
})

// exampleTemplate makes a template of the run's in attr. The example
// names the Provider's templates, but the parts a Network makes take their
// template's name, and the run writes only to what is named like its own
// (the Endpoint is added to the Segment).
func (t *T) exampleTemplate(attr, typ string, body *model.Node) string {
	coll, add := addOf(t, attr, typ+"Collection")
	c := t.create(coll, add, typ, typ, body, checks.NetworkExample)
	t.Must(c.uri != "", "the create did not yield a %s", typ)
	return c.uri
}

func (t *T) exampleNetwork(ex *exampleRun) {
	if !t.env.capable("Network", "NetworkTemplateByValue") {
		t.NotSupported(checks.NetworkExample, "the Provider does not advertise NetworkTemplateByValue")
		return
	}
	seg := t.exampleTemplate("segmentTemplates", "ProtocolSegmentTemplate",
		model.Obj("name", t.name("example-segment-template-"+string(t.F)), "protocol", "IPv4", "parameters", ipv4Params()))
	svc := t.exampleTemplate("networkServiceTemplates", "NetworkServiceTemplate",
		model.Obj("name", t.name("example-dhcp-template-"+string(t.F)), "type", "DHCP"))
	c := t.createNetwork("example-backend", model.Obj("initialState", "STARTED",
		"segmentTemplates", model.Arr(model.Ref(seg)), "serviceTemplates", model.Arr(model.Ref(svc))), checks.NetworkExample)
	t.Must(c.uri != "", "the create did not yield a Network")
	ex.net = c.uri
	net, seen, err := t.waitState(c.uri, []string{"CREATING", "STARTING"}, "STARTED")
	if !t.judgeTransition(checks.NetworkExample, seen, err, []string{"STARTING"}, "STARTED", c.resp) {
		return
	}
	segs := t.networkParts(net, "segments", "ProtocolSegmentCollection")
	svcs := t.networkParts(net, "services", "NetworkServiceCollection")
	t.Check(checks.NetworkExample, ev(c.resp), func(g Gomega) {
		g.Expect(segs).To(HaveLen(1), "the Segments of the Network")
		g.Expect(svcs).To(HaveLen(1), "the Services of the Network")
		for _, s := range segs {
			g.Expect(s.Str("protocol")).To(Equal("IPv4"), "protocol of the Segment")
			g.Expect(s.Str("state")).To(Equal("STARTED"), "state of the Segment of a started Network")
		}
		for _, s := range svcs {
			g.Expect(s.Str("type")).To(Equal("DHCP"), "type of the Service")
			g.Expect(s.Str("state")).To(Equal("STARTED"), "state of the Service of a started Network")
		}
	})
	if len(segs) == 1 && len(svcs) == 1 {
		ex.segment, ex.service = t.env.client.Resolve(segs[0].Str("id")), t.env.client.Resolve(svcs[0].Str("id"))
		// Made for the run's Network: the run may add an Endpoint to them.
		t.env.ledger.own(ex.segment, "ProtocolSegment", "", "made by the template of a Network the run made")
		t.env.ledger.own(ex.service, "NetworkService", "", "made by the template of a Network the run made")
	}
}

func (t *T) exampleInterface(ex *exampleRun) {
	t.Must(ex.segment != "", "the Network has no Segment")
	tc, tadd := addOf(t, "interfaceTemplates", "NetworkInterfaceTemplateCollection")
	tmpl := t.create(tc, tadd, "NetworkInterfaceTemplate", "NetworkInterfaceTemplate",
		model.Obj("name", t.name("example-interface-template-"+string(t.F)), "mtu", 1500), checks.NetworkExample)
	t.Must(tmpl.uri != "", "the create did not yield a NetworkInterfaceTemplate")
	c, _ := t.createFrom("interfaces", "NetworkInterfaceCollection", "NetworkInterfaceCreate", "NetworkInterface", "example-interface",
		"networkInterfaceTemplate", tmpl.uri, checks.NetworkExample)
	t.Must(c.uri != "", "the create did not yield a NetworkInterface")
	ex.nic = c.uri
	_, err := t.settled(c.uri, []string{"CREATING"}, "DISABLED", "ENABLED")
	t.Must(err == nil, "the new Interface did not settle: %v", err)
	if t.state(c.uri) == "DISABLED" {
		t.switchPart(c.uri, "NetworkInterface", checks.NetworkExample, enableDisable[:1])
	}
}

func (t *T) exampleEndpoint(ex *exampleRun) {
	t.Must(ex.nic != "" && ex.segment != "", "no Interface or no Segment")
	tc, tadd := addOf(t, "endpointTemplates", "ProtocolEndpointTemplateCollection")
	tmpl := t.create(tc, tadd, "ProtocolEndpointTemplate", "ProtocolEndpointTemplate",
		model.Obj("name", t.name("example-endpoint-template-"+string(t.F)), "origin", "DYNAMIC", "interface", model.Ref(ex.nic)),
		checks.NetworkExample)
	t.Must(tmpl.uri != "", "the create did not yield a ProtocolEndpointTemplate")
	coll, add := t.segmentEndpoints(&networkRun{segment: ex.segment})
	c := t.create(coll, add, "ProtocolEndpointCreate", "ProtocolEndpoint",
		model.Obj("name", t.name("example-endpoint-"+string(t.F)), "protocolEndpointTemplate", model.Ref(tmpl.uri)),
		checks.NetworkExample, client.On(ex.segment))
	t.Must(c.uri != "", "the create did not yield a ProtocolEndpoint")
	ex.endpoint = c.uri
	e, err := t.settled(c.uri, []string{"CREATING"}, "DISABLED", "ENABLED")
	t.Must(err == nil, "the new Endpoint did not settle: %v", err)
	t.Check(checks.NetworkExample, ev(c.resp), func(g Gomega) {
		g.Expect(e.Str("origin")).To(Equal("DYNAMIC"), "origin of the Endpoint")
		g.Expect(t.env.client.Resolve(e.Href("interface"))).To(Equal(ex.nic), "interface of the Endpoint")
	})
	steps := enableDisable
	if e.Str("state") == "ENABLED" {
		steps = [][2]string{enableDisable[1]}
	}
	t.switchPart(c.uri, "ProtocolEndpoint", checks.NetworkExample, steps)
}

// exampleDelete deletes the Endpoint: it leaves the entry point's, the
// Segment's, the Interface's and the DHCP Service's endpoints, where each
// has one (N-59, N-60).
func (t *T) exampleDelete(ex *exampleRun) {
	t.Must(ex.endpoint != "", "no Endpoint was made")
	var holders []string
	for _, h := range []struct{ uri, typ string }{{ex.segment, "ProtocolSegment"}, {ex.nic, "NetworkInterface"}, {ex.service, "NetworkService"}} {
		if d, _ := t.read(h.uri, h.typ, model.Full); d != nil && d.Root.Href("endpoints") != "" {
			holders = append(holders, t.env.client.Resolve(d.Root.Href("endpoints")))
		}
	}
	if cep := readCEP(t).Href("endpoints"); cep != "" {
		holders = append(holders, t.env.client.Resolve(cep))
	}
	coll := t.env.client.Resolve(readCEP(t).Href("endpoints"))
	if coll == "" {
		coll = holders[0]
	}
	if !t.deleteSimple(coll, ex.endpoint, "ProtocolEndpoint", checks.NetworkExample) {
		return
	}
	for _, h := range holders {
		t.judgeListed(checks.NetworkExample, h, "ProtocolEndpointCollection", ex.endpoint, false,
			"the deleted Endpoint leaves "+strings.TrimPrefix(h, t.env.client.Resolve("")))
	}
}
