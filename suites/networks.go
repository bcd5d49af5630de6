package suites

import (
	"fmt"
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.16, the 2.0 network model: templates the run made, a Network made from
// them with its Segment and Service, started and stopped; a Segment and a
// Service made through their own collections in that Network, started,
// stopped and deleted; and the Network deleted with its parts.

// networkRun is what the network steps share.
type networkRun struct {
	segTmpl, svcTmpl string            // templates without network, for Network creates
	netTmpl          string            // NetworkTemplate of segTmpl and svcTmpl, no initialState
	startedTmpl      string            // the same with initialState STARTED
	net              string            // the Network made from netTmpl
	inNetSegTmpl     string            // a segment template naming net
	segment, service string            // made through the segments and networkServices collections
	nic, endpoint    string            // a NetworkInterface, and an Endpoint of segment on it
	endpointTmpl     string            // the template of endpoint
	nicTmpl          string            // the template of nic
	otherSegs        map[string]string // the IPv6 and the Ethernet Segment, by protocol
}

var _ = scenario(func(r *runEnv) {
	Describe("Networks", Label("networks"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("networks, segments and services", Ordered, ContinueOnFailure, func() {
				nr := &networkRun{otherSegs: map[string]string{}}
				r.step("reads the network collections and the Segments listed",
					[]*checks.Check{checks.NetworkCollections, checks.SegmentParameters, checks.InitialStatesPublished},
					func(t *T) { t.readNetworkCatalogue(); t.judgeInitialStatesPublished() })
				r.step("creates segment, service and network templates", []*checks.Check{checks.NetworkTemplateCreate},
					func(t *T) { t.makeNetworkTemplates(nr) })
				r.step("makes a Network from a template", []*checks.Check{checks.NetworkCreate, checks.NetworkInitialState, checks.SegmentParameters},
					func(t *T) { t.makeNetwork(nr) })
				r.step("makes a second Network from the same template and deletes it, reading it while each runs",
					[]*checks.Check{checks.NetworkTransientStates, checks.NetworkTemplateReuse}, func(t *T) { t.watchNetwork(nr) })
				r.step("makes a Network from a template without segments", []*checks.Check{checks.NetworkHasSegment, checks.NetworkDelete},
					func(t *T) { t.needSegment(nr) })
				r.step("refuses a NetworkCreate without template", []*checks.Check{checks.NetworkNeedsTemplate},
					func(t *T) { t.refuseNetworkCreate(nr) })
				r.step("refuses templates whose initialState is transitional", []*checks.Check{checks.NetworkInitialStateStable},
					func(t *T) { t.refuseTransientInitialStates() })
				r.step("makes a started Network, its template by value where offered",
					[]*checks.Check{checks.NetworkByValue, checks.NetworkInitialState},
					func(t *T) { t.makeStartedNetwork(nr) })
				r.step("starts and stops the Network", []*checks.Check{checks.NetworkStart, checks.NetworkStop, checks.NetworkRepresentation},
					func(t *T) { t.startStopNetwork(nr) })
				r.step("refuses a Network whose segment template belongs to another", []*checks.Check{checks.NetworkForeignTemplate},
					func(t *T) { t.refuseForeignTemplate(nr) })
				r.step("makes a Segment in the Network, and refuses those without template, network or protocol",
					[]*checks.Check{checks.SegmentCreate, checks.SegmentNeedsTemplate, checks.SegmentNeedsNetwork, checks.SegmentProtocol, checks.SegmentParameters},
					func(t *T) { t.makeSegment(nr) })
				r.step("makes an IPv6 and an Ethernet Segment in the Network", []*checks.Check{checks.SegmentCreate, checks.SegmentParameters},
					func(t *T) { t.makeOtherSegments(nr) })
				r.step("makes a Network whose template names the Segment, and deletes it", []*checks.Check{checks.NetworkLinks},
					func(t *T) { t.linkSegment(nr) })
				r.step("starts and stops the Segment", []*checks.Check{checks.SegmentStartStop, checks.SegmentRepresentation},
					func(t *T) { t.startStopPart(nr.segment, "ProtocolSegment", checks.SegmentStartStop) })
				r.step("makes a NetworkInterface, and refuses one without template",
					[]*checks.Check{checks.InterfaceCreate, checks.InterfaceNeedsTemplate},
					func(t *T) { t.makeInterface(nr) })
				r.step("enables and disables the NetworkInterface", []*checks.Check{checks.InterfaceEnableDisable, checks.InterfaceRepresentation},
					func(t *T) { t.switchPart(nr.nic, "NetworkInterface", checks.InterfaceEnableDisable, enableDisable) })
				r.step("makes a Machine whose template names the interface template; its Interface goes with it",
					[]*checks.Check{checks.MachineInterfaces20}, func(t *T) { t.machineInterfaces(nr) })
				r.step("makes an Endpoint in the Segment on the Interface, and refuses those without template or with the wrong origin",
					[]*checks.Check{checks.EndpointCreate, checks.EndpointNeedsTemplate, checks.EndpointOrigin},
					func(t *T) { t.makeEndpoint(nr) })
				r.step("makes Segments whose templates give endpoint templates, and reads which Segments list which Endpoints",
					[]*checks.Check{checks.SegmentEndpointTemplates, checks.SegmentEndpointTemplatesByValue, checks.NetworkTemplateReuse,
						checks.SegmentSingleProtocol, checks.EndpointOneSegment, checks.SegmentDelete, checks.EndpointDelete},
					func(t *T) { t.segmentWithEndpoints(nr) })
				r.step("makes STATIC Endpoints with the parameters of each protocol, and refuses a wrong IPv6 addressType",
					[]*checks.Check{checks.EndpointParameters, checks.EndpointAddressType, checks.EndpointDelete},
					func(t *T) { t.endpointParameters(nr) })
				r.step("makes a Network, a Segment, an Endpoint, an Interface and a Service from templates asking for a Meter and an EventLog",
					[]*checks.Check{checks.NetworkMonitoring, checks.NetworkMonitoringByValue, checks.NetworkDelete, checks.SegmentDelete,
						checks.EndpointDelete, checks.InterfaceDelete, checks.ServiceDelete}, func(t *T) { t.monitorParts(nr) })
				r.step("makes a Segment, an Interface, an Endpoint and a Service from templates given by value, where offered",
					[]*checks.Check{checks.PartsByValue}, func(t *T) { t.makePartsByValue(nr) })
				r.step("enables and disables the Endpoint", []*checks.Check{checks.EndpointEnableDisable, checks.EndpointRepresentation},
					func(t *T) { t.switchPart(nr.endpoint, "ProtocolEndpoint", checks.EndpointEnableDisable, enableDisable) })
				r.step("reads the Network, the Segment, the Interface and the Endpoint whole",
					[]*checks.Check{checks.NetworkRepresentation, checks.SegmentRepresentation, checks.InterfaceRepresentation, checks.EndpointRepresentation},
					func(t *T) { t.readNetworkShapes(nr) })
				r.step("reads the collections of the run's network resources", []*checks.Check{checks.NetworkPartCollections},
					func(t *T) { t.judgePartCollections(nr) })
				r.step("updates each network resource and template the run made", []*checks.Check{checks.NetworkUpdate},
					func(t *T) { t.updateNetworkResources(nr) })
				r.step("deletes the Endpoint and the Interface", []*checks.Check{checks.EndpointDelete, checks.InterfaceDelete},
					func(t *T) { t.deleteEndpointAndInterface(nr) })
				r.step("deletes the Segment", []*checks.Check{checks.SegmentDelete},
					func(t *T) {
						t.deletePart(nr, nr.segment, "segments", "ProtocolSegment", "segments", checks.SegmentDelete)
					})
				r.step("makes a Service in the Network, and refuses those without template, network or known type",
					[]*checks.Check{checks.ServiceCreate, checks.ServiceNeedsTemplate, checks.ServiceType, checks.ServiceRepresentation},
					func(t *T) { t.makeService(nr) })
				r.step("starts and stops the Service", []*checks.Check{checks.ServiceStartStop, checks.ServiceRepresentation},
					func(t *T) { t.startStopPart(nr.service, "NetworkService", checks.ServiceStartStop) })
				r.step("deletes the Service", []*checks.Check{checks.ServiceDelete},
					func(t *T) {
						t.deletePart(nr, nr.service, "networkServices", "NetworkService", "services", checks.ServiceDelete)
					})
				r.step("deletes the Network with the parts made for it", []*checks.Check{checks.NetworkDelete},
					func(t *T) { t.deleteNetwork(nr) })
			})
		})
	})
})

// networkCollections are the 2.0 Cloud Entry Point's network collections
// and the 1.x ones a 2.0 entry point has not (Table 8; DSP8009).
var (
	networkCollections = []struct{ attr, coll string }{
		{"networks", "NetworkCollection"}, {"networkTemplates", "NetworkTemplateCollection"},
		{"segments", "ProtocolSegmentCollection"}, {"segmentTemplates", "ProtocolSegmentTemplateCollection"},
		{"endpoints", "ProtocolEndpointCollection"}, {"endpointTemplates", "ProtocolEndpointTemplateCollection"},
		{"interfaces", "NetworkInterfaceCollection"}, {"interfaceTemplates", "NetworkInterfaceTemplateCollection"},
		{"networkServices", "NetworkServiceCollection"}, {"networkServiceTemplates", "NetworkServiceTemplateCollection"},
	}
	networkCollections1x = []string{"networkConfigs", "networkPorts", "networkPortTemplates", "networkPortConfigs",
		"addresses", "addressTemplates", "forwardingGroups", "forwardingGroupTemplates"}
)

// readNetworkCatalogue judges the entry point's network collections
// (N-01) and the parameters of every Segment listed.
func (t *T) readNetworkCatalogue() {
	cep := readCEP(t)
	var bad []string
	var evs []*client.Response
	for _, name := range networkCollections1x {
		if cep.Has(name) {
			bad = append(bad, name+" is a 1.x collection")
		}
	}
	seen := 0
	for _, c := range networkCollections {
		href := cep.Href(c.attr)
		if href == "" {
			continue
		}
		seen++
		d, resp := t.read(t.env.client.Resolve(href), c.coll, model.Full)
		evs = append(evs, resp)
		if d == nil || d.Type == nil || d.Type.Name != c.coll {
			bad = append(bad, fmt.Sprintf("%s does not lead to a %s (%s)", c.attr, c.coll, resp.Describe()))
		}
	}
	switch {
	case seen == 0 && len(bad) == 0:
		t.NotSupported(checks.NetworkCollections, "the Cloud Entry Point lists no network collection")
	case len(bad) > 0:
		t.Fail(checks.NetworkCollections, strings.Join(bad, "; "), "the 2.0 network collections only, each of its type", "", evs...)
	default:
		t.Pass(checks.NetworkCollections)
	}
	if cep.Href("segments") == "" {
		t.NotSupported(checks.SegmentParameters, "the Cloud Entry Point lists no segments")
		return
	}
	segs := fullItems(t, "segments", "ProtocolSegmentCollection", "ProtocolSegment")
	if len(segs) == 0 {
		t.NotTested(checks.SegmentParameters, "the Provider lists no ProtocolSegment")
	}
	for _, s := range segs {
		t.judgeSegmentParameters(s, nil)
	}
}

// segmentKeys are the parameters each protocol needs and whether each is
// an integer (§5.16.5.1, Tables 33-35).
var segmentKeys = map[string]map[string]bool{
	"IPv4": {"netmask": false, "subnetAddress": false}, "IPv6": {"prefixLength": true, "subnetAddress": false},
	"Ethernet": {"speed": true, "mtu": true},
}

// judgeSegmentParameters: the keys the Segment's protocol needs are there,
// integers where the tables say so; other keys are the Provider's own.
func (t *T) judgeSegmentParameters(s *model.Node, resp *client.Response) {
	keys, known := segmentKeys[s.Str("protocol")]
	if !known {
		return // an unknown protocol is repr.values'
	}
	params := s.Get("parameters")
	t.About("ProtocolSegment", "read").Check(checks.SegmentParameters, ev(resp), func(g Gomega) {
		for k, integer := range keys {
			v, ok := parameter(params, k)
			g.Expect(ok).To(BeTrue(), "%s parameter %s of %s", s.Str("protocol"), k, s.Str("id"))
			if integer && ok {
				_, err := fmt.Sscan(v, new(int64))
				g.Expect(err).NotTo(HaveOccurred(), "%s of %s is an integer (got %q)", k, s.Str("id"), v)
			}
		}
	})
}

// parameter reads one key of a parameters map. The spec prints no XML
// for it: an element per key and <property key="…"> entries are both
// read.
func parameter(params *model.Node, key string) (string, bool) {
	if v := params.Get(key); v != nil {
		return v.Text, true
	}
	for _, p := range params.Get("property").List() {
		if p.Str("key") == key {
			return p.Str("value"), true
		}
	}
	return "", false
}

// ipv4Params are the parameters of the run's IPv4 Segments.
func ipv4Params() *model.Node {
	return model.Obj("netmask", "255.255.255.0", "subnetAddress", "10.9.8.0")
}

func (t *T) makeNetworkTemplates(nr *networkRun) {
	made := func(attr, coll, typ string, body *model.Node) string {
		c, add := addOf(t, attr, coll)
		got := t.create(c, add, typ, typ, body, checks.NetworkTemplateCreate)
		t.Must(got.uri != "", "the create did not yield a %s", typ)
		t.judgeListed(checks.NetworkTemplateCreate, c, coll, got.uri, true, "the collection lists the new "+typ)
		return got.uri
	}
	nr.segTmpl = made("segmentTemplates", "ProtocolSegmentTemplateCollection", "ProtocolSegmentTemplate",
		model.Obj("name", t.name("segment-template-"+string(t.F)), "protocol", "IPv4", "parameters", ipv4Params()))
	nr.svcTmpl = made("networkServiceTemplates", "NetworkServiceTemplateCollection", "NetworkServiceTemplate",
		model.Obj("name", t.name("service-template-"+string(t.F)), "type", "DHCP", "policies", model.Obj("leaseTime", "PT1H")))
	parts := func(name string) *model.Node {
		return model.Obj("name", t.name(name+"-"+string(t.F)),
			"segmentTemplates", model.Arr(model.Ref(nr.segTmpl)), "serviceTemplates", model.Arr(model.Ref(nr.svcTmpl)))
	}
	nr.netTmpl = made("networkTemplates", "NetworkTemplateCollection", "NetworkTemplate", parts("network-template"))
	nr.startedTmpl = made("networkTemplates", "NetworkTemplateCollection", "NetworkTemplate",
		parts("network-template-started").Set("initialState", model.S("STARTED")))
	got, resp := t.read(nr.netTmpl, "NetworkTemplate", model.Full)
	t.Check(checks.NetworkTemplateCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(t.hrefs(got.Root.Get("segmentTemplates"))).To(HaveKey(nr.segTmpl), "segmentTemplates of the NetworkTemplate")
		g.Expect(t.hrefs(got.Root.Get("serviceTemplates"))).To(HaveKey(nr.svcTmpl), "serviceTemplates of the NetworkTemplate")
	})
}

// createFrom posts a create message naming the template tmpl by reference
// (in its field) to a collection of the entry point, and gives the
// collection too.
func (t *T) createFrom(attr, collType, createType, resType, purpose, field, tmpl string, id *checks.Check) (created, string) {
	coll, add := addOf(t, attr, collType)
	return t.create(coll, add, createType, resType, model.Obj("name", t.name(purpose+"-"+string(t.F)), field, model.Ref(tmpl)), id), coll
}

// createNetwork posts a NetworkCreate with tmpl to the networks collection.
func (t *T) createNetwork(purpose string, tmpl *model.Node, id *checks.Check) created {
	coll, add := addOf(t, "networks", "NetworkCollection")
	return t.create(coll, add, "NetworkCreate", "Network", model.Obj("name", t.name(purpose+"-"+string(t.F)), "networkTemplate", tmpl), id)
}

// networkParts reads one of a Network's collections whole, and each item
// at its id: a collection may give its items' common attributes only.
func (t *T) networkParts(net *model.Node, attr, collType string) []*model.Node {
	href := net.Href(attr)
	if href == "" {
		return nil
	}
	return t.itemsRead(t.env.client.Resolve(href), collType)
}

// itemsRead lists a collection whole and reads each item at its id: a
// collection may give its items' common attributes only.
func (t *T) itemsRead(uri, collType string) []*model.Node {
	var out []*model.Node
	for _, it := range t.list(uri, collType).items {
		if d, _ := t.read(t.env.client.Resolve(it.Str("id")), strings.TrimSuffix(collType, "Collection"), model.Full); d != nil {
			out = append(out, d.Root)
		}
	}
	return out
}

// settled waits for a resource made or moved by the run to reach want.
func (t *T) settled(uri string, via []string, want ...string) (*model.Node, error) {
	n, _, err := t.waitState(uri, via, want...)
	return n, err
}

func (t *T) makeNetwork(nr *networkRun) {
	t.Must(nr.netTmpl != "", "no NetworkTemplate was made")
	c := t.createNetwork("network", model.Ref(nr.netTmpl), checks.NetworkCreate)
	nr.net = c.uri
	t.Must(c.uri != "", "the create did not yield a Network")
	net, err := t.settled(c.uri, []string{"CREATING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the new Network did not settle: %v", err)
	segs := t.networkParts(net, "segments", "ProtocolSegmentCollection")
	svcs := t.networkParts(net, "services", "NetworkServiceCollection")
	t.Check(checks.NetworkCreate, ev(c.resp), func(g Gomega) {
		g.Expect(segs).To(HaveLen(1), "Segments of a Network from a template with one segment template")
		g.Expect(svcs).To(HaveLen(1), "Services of a Network from a template with one service template")
		for _, s := range segs {
			g.Expect(s.Str("protocol")).To(Equal("IPv4"), "protocol of the Segment made from the template")
		}
		for _, s := range svcs {
			g.Expect(s.Str("type")).To(Equal("DHCP"), "type of the Service made from the template")
		}
	})
	for _, s := range segs {
		t.judgeSegmentParameters(s, c.resp)
	}
	t.judgeInitialNetwork(net, "", segs, svcs, c.resp)
	t.judgeListed(checks.NetworkCreate, t.env.client.Resolve(readCEP(t).Href("networks")), "NetworkCollection", c.uri, true,
		"the networks collection lists the new Network")
}

// judgeInitialNetwork: a Network settles in the state its template asks
// (want, "" for none: DefaultInitialState, else STOPPED), and its parts are
// started when it is (l.3214-3222).
func (t *T) judgeInitialNetwork(net *model.Node, want string, segs, svcs []*model.Node, resp *client.Response) {
	if want == "" {
		want = t.env.capabilityOr("Network", "DefaultInitialState", "")
	}
	if want == "" {
		want = "STOPPED"
	}
	t.Check(checks.NetworkInitialState, ev(resp), func(g Gomega) {
		g.Expect(net.Str("state")).To(Equal(want), "state of the new Network")
		if want == "STARTED" {
			for _, p := range append(append([]*model.Node(nil), segs...), svcs...) {
				g.Expect(p.Str("state")).To(Equal("STARTED"), "state of %s in the started Network", p.Str("id"))
			}
		}
	})
}

func (t *T) refuseNetworkCreate(nr *networkRun) {
	t.refusedNetworkCreate(checks.NetworkNeedsTemplate, "networks", "NetworkCollection", "NetworkCreate", "Network",
		"network-without-template", model.Obj(), "a NetworkCreate without template")
}

// makeStartedNetwork makes a Network whose template asks for STARTED: by
// value where NetworkTemplateByValue is offered, else by reference.
func (t *T) makeStartedNetwork(nr *networkRun) {
	t.Must(nr.startedTmpl != "", "no NetworkTemplate was made")
	tmpl, id := model.Ref(nr.startedTmpl), checks.NetworkInitialState
	if t.env.capable("Network", "NetworkTemplateByValue") {
		tmpl, id = model.Obj("initialState", "STARTED", "segmentTemplates", model.Arr(model.Ref(nr.segTmpl)),
			"serviceTemplates", model.Arr(model.Ref(nr.svcTmpl))), checks.NetworkByValue
	}
	c := t.createNetwork("network-started", tmpl, id)
	t.Must(c.uri != "", "the create did not yield a Network")
	net, err := t.settled(c.uri, []string{"CREATING", "STARTING"}, "STARTED", "STOPPED")
	t.Must(err == nil, "the new Network did not settle: %v", err)
	if id == checks.NetworkByValue {
		t.Pass(checks.NetworkByValue)
	}
	segs := t.networkParts(net, "segments", "ProtocolSegmentCollection")
	svcs := t.networkParts(net, "services", "NetworkServiceCollection")
	t.judgeInitialNetwork(net, "STARTED", segs, svcs, c.resp)
}

// startStopNetwork starts the Network and then stops it; each time its
// Segments and Services follow (l.3157, l.3184).
func (t *T) startStopNetwork(nr *networkRun) {
	t.Must(nr.net != "", "no Network was made")
	failed := "" // the action that failed before, if one did
	for _, step := range []struct {
		action, via, want string
		id                *checks.Check
	}{{"start", "STARTING", "STARTED", checks.NetworkStart}, {"stop", "STOPPING", "STOPPED", checks.NetworkStop}} {
		cur, resp := t.read(nr.net, "Network", model.Full)
		t.Must(cur != nil, "the Network cannot be read")
		t.judgeNetworkShape(cur, resp) // in each stable state
		href, ok := cur.Root.Op(t.env.version.ActionURI(step.action))
		switch {
		case !ok && failed != "":
			t.NotTested(step.id, "the Network is "+cur.Root.Str("state")+" because its "+failed+" failed, so it offers no "+step.action)
			continue
		case !ok:
			t.NotSupported(step.id, "the "+cur.Root.Str("state")+" Network offers no "+step.action)
			continue
		}
		r := t.act(nr.net, href, step.action)
		if !r.OK() {
			t.Fail(step.id, "the advertised "+step.action+" was refused", "200, 202 or 204", r.Describe(), r)
			failed = step.action
			continue
		}
		// The state first, while the action runs; then its Job.
		net, seen, err := t.waitState(nr.net, []string{cur.Root.Str("state"), step.via}, step.want)
		t.followJob(r, "Network", "action:"+step.action)
		if !t.judgeTransition(step.id, seen, err, []string{step.via}, step.want, r) {
			continue
		}
		parts := append(t.networkParts(net, "segments", "ProtocolSegmentCollection"), t.networkParts(net, "services", "NetworkServiceCollection")...)
		t.Check(step.id, ev(r), func(g Gomega) {
			for _, p := range parts {
				g.Expect(p.Str("state")).To(Equal(step.want), "state of %s after the Network's %s", p.Str("id"), step.action)
			}
		})
	}
}

// refuseForeignTemplate: a segment template naming the run's Network may
// not be used to make another Network (Table 36).
func (t *T) refuseForeignTemplate(nr *networkRun) {
	t.Must(nr.net != "", "no Network was made")
	sc, sadd := addOf(t, "segmentTemplates", "ProtocolSegmentTemplateCollection")
	st := t.create(sc, sadd, "ProtocolSegmentTemplate", "ProtocolSegmentTemplate",
		model.Obj("name", t.name("segment-template-in-network-"+string(t.F)), "protocol", "IPv4", "parameters", ipv4Params(),
			"network", model.Ref(nr.net)), checks.NetworkForeignTemplate)
	nr.inNetSegTmpl = st.uri
	t.Must(st.uri != "", "the create did not yield a ProtocolSegmentTemplate")
	nc, nadd := addOf(t, "networkTemplates", "NetworkTemplateCollection")
	name := t.name("network-foreign-" + string(t.F))
	body := model.Obj("name", name+"-template", "segmentTemplates", model.Arr(model.Ref(st.uri)))
	r := t.post(nc, nadd, "NetworkTemplate", "NetworkTemplate", body)
	if t.refused(r, "NetworkTemplate", "create") {
		t.Pass(checks.NetworkForeignTemplate) // refused as soon as the template is made
		return
	}
	tmpl := t.create(nc, nadd, "NetworkTemplate", "NetworkTemplate", body.Set("name", model.S(name+"-template-2")), checks.NetworkForeignTemplate)
	t.Must(tmpl.uri != "", "the NetworkTemplate was not made")
	coll, add := addOf(t, "networks", "NetworkCollection")
	nr2 := t.post(coll, add, "NetworkCreate", "Network", model.Obj("name", name, "networkTemplate", model.Ref(tmpl.uri)))
	t.Check(checks.NetworkForeignTemplate, ev(nr2), func(g Gomega) {
		g.Expect(t.refused(nr2, "Network", "create")).To(BeTrue(), "a Network from another Network's segment template is refused with a 4xx (got %s)", nr2.Describe())
		g.Expect(t.namedIn(coll, "NetworkCollection", name)).To(BeFalse(), "nothing was made")
	})
	t.refuseForeignServiceTemplate(nr)
}

// refuseForeignServiceTemplate: a service template naming the run's
// Network may not be used to make another Network either (N-94).
func (t *T) refuseForeignServiceTemplate(nr *networkRun) {
	sc, sadd := addOf(t, "networkServiceTemplates", "NetworkServiceTemplateCollection")
	st := t.create(sc, sadd, "NetworkServiceTemplate", "NetworkServiceTemplate",
		model.Obj("name", t.name("service-template-in-network-"+string(t.F)), "type", "DHCP", "network", model.Ref(nr.net)),
		checks.NetworkForeignTemplate)
	t.Must(st.uri != "", "the create did not yield a NetworkServiceTemplate")
	nc, nadd := addOf(t, "networkTemplates", "NetworkTemplateCollection")
	t.refusedMadeOrUsed(checks.NetworkForeignTemplate, nc, nadd, "NetworkTemplate",
		model.Obj("name", t.name("network-foreign-service-template-"+string(t.F)), "serviceTemplates", model.Arr(model.Ref(st.uri))),
		func(made string) {
			t.refusedNetworkCreate(checks.NetworkForeignTemplate, "networks", "NetworkCollection", "NetworkCreate", "Network",
				"network-foreign-service", model.Obj("networkTemplate", model.Ref(made)), "a Network from another Network's service template")
		})
}

// linkSegment makes a Network from a template that names the run's
// Segment: the Network lists it (Table 31), and deleting the Network
// leaves it (it was not made for that Network).
func (t *T) linkSegment(nr *networkRun) {
	t.Must(nr.segment != "", "no Segment was made")
	tc, tadd := addOf(t, "networkTemplates", "NetworkTemplateCollection")
	tmpl := t.create(tc, tadd, "NetworkTemplate", "NetworkTemplate",
		model.Obj("name", t.name("network-template-linking-"+string(t.F)), "segments", model.Arr(model.Ref(nr.segment))), checks.NetworkLinks)
	t.Must(tmpl.uri != "", "the create did not yield a NetworkTemplate")
	c := t.createNetwork("network-linking", model.Ref(tmpl.uri), checks.NetworkLinks)
	t.Must(c.uri != "", "the create did not yield a Network")
	net, err := t.settled(c.uri, []string{"CREATING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the new Network did not settle: %v", err)
	var ids []string
	for _, s := range t.networkParts(net, "segments", "ProtocolSegmentCollection") {
		ids = append(ids, t.env.client.Resolve(s.Str("id")))
	}
	t.Check(checks.NetworkLinks, ev(c.resp), func(g Gomega) {
		g.Expect(ids).To(ContainElement(nr.segment), "the segments of a Network whose template names the run's Segment")
	})
	if t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("networks")), c.uri, "Network", checks.NetworkLinks) {
		r := t.get(nr.segment)
		t.Check(checks.NetworkLinks, ev(r), func(g Gomega) {
			g.Expect(r.Status).To(Equal(http.StatusOK), "the Segment after the delete of a Network it was only linked into")
		})
	}
}

// refusedNetworkCreate posts body to a collection and wants a 4xx and nothing
// named so.
func (t *T) refusedNetworkCreate(id *checks.Check, attr, collType, typeName, resType, purpose string, body *model.Node, what string) {
	coll, add := addOf(t, attr, collType)
	name := t.name(purpose + "-" + string(t.F))
	r := t.post(coll, add, typeName, resType, body.Set("name", model.S(name)))
	t.Check(id, ev(r), func(g Gomega) {
		g.Expect(t.refused(r, resType, "create")).To(BeTrue(), "%s is refused with a 4xx (got %s)", what, r.Describe())
		g.Expect(t.namedIn(coll, collType, name)).To(BeFalse(), "nothing was made")
	})
}

func (t *T) makeSegment(nr *networkRun) {
	t.Must(nr.inNetSegTmpl != "" && nr.segTmpl != "", "no segment template was made")
	c, coll := t.createFrom("segments", "ProtocolSegmentCollection", "ProtocolSegmentCreate", "ProtocolSegment", "segment",
		"protocolSegmentTemplate", nr.inNetSegTmpl, checks.SegmentCreate)
	nr.segment = c.uri
	t.Must(c.uri != "", "the create did not yield a ProtocolSegment")
	seg, err := t.settled(c.uri, []string{"CREATING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the new Segment did not settle: %v", err)
	def := t.env.capabilityOr("ProtocolSegment", "DefaultInitialState", "")
	if def == "" {
		def = "STOPPED"
	}
	t.Check(checks.SegmentCreate, ev(c.resp), func(g Gomega) {
		g.Expect(seg.Str("protocol")).To(Equal("IPv4"), "protocol of the new Segment")
		subnet, _ := parameter(seg.Get("parameters"), "subnetAddress")
		g.Expect(subnet).To(Equal("10.9.8.0"), "subnetAddress of the new Segment")
		g.Expect(seg.Str("state")).To(Equal(def), "state of a Segment whose template has no initialState")
	})
	t.judgeSegmentParameters(seg, c.resp)
	t.judgeListed(checks.SegmentCreate, coll, "ProtocolSegmentCollection", c.uri, true, "the segments collection lists the new Segment")
	t.refusedNetworkCreate(checks.SegmentNeedsTemplate, "segments", "ProtocolSegmentCollection", "ProtocolSegmentCreate", "ProtocolSegment",
		"segment-without-template", model.Obj(), "a ProtocolSegmentCreate without template")
	t.refusedNetworkCreate(checks.SegmentNeedsNetwork, "segments", "ProtocolSegmentCollection", "ProtocolSegmentCreate", "ProtocolSegment",
		"segment-without-network", model.Obj("protocolSegmentTemplate", model.Ref(nr.segTmpl)), "a Segment whose template names no network")
	t.refuseUnknownWord(nr, "segmentTemplates", "ProtocolSegmentTemplateCollection", "ProtocolSegmentTemplate", checks.SegmentProtocol,
		model.Obj("protocol", "IPX", "parameters", ipv4Params()), "segments", "ProtocolSegmentCollection", "ProtocolSegmentCreate",
		"ProtocolSegment", "protocolSegmentTemplate")
}

// refuseUnknownWord: a template with a protocol or type the spec does not
// define is refused, when it is made or when a create uses it.
func (t *T) refuseUnknownWord(nr *networkRun, tmplAttr, tmplColl, tmplType string, id *checks.Check, tmpl *model.Node,
	attr, collType, createType, resType, tmplName string) {
	tc, tadd := addOf(t, tmplAttr, tmplColl)
	t.refusedMadeOrUsed(id, tc, tadd, tmplType, tmpl.Set("name", model.S(t.name("unknown-word-"+string(t.F)))).Set("network", model.Ref(nr.net)),
		func(made string) {
			t.refusedNetworkCreate(id, attr, collType, createType, resType, "unknown-word-create", model.Obj(tmplName, model.Ref(made)),
				"a create from a template with a word the spec does not define")
		})
}

// refusedMadeOrUsed posts a template that breaks a rule: refused there, it
// passes id; made, the run owns it and use must see a create from it
// refused.
func (t *T) refusedMadeOrUsed(id *checks.Check, coll, add, tmplType string, tmpl *model.Node, use func(made string)) {
	r := t.post(coll, add, tmplType, tmplType, tmpl)
	if t.refused(r, tmplType, "create") {
		t.Pass(id)
		return
	}
	made := t.env.client.Resolve(r.Header.Get("Location"))
	if made == "" {
		t.NotTested(id, "the template was accepted without a Location, so it cannot be used ("+r.Describe()+")")
		return
	}
	t.env.ledger.own(made, tmplType, tmpl.Str("name"), "the template the run posted")
	use(made)
}

// startStop and enableDisable are the actions of a part and the state
// each leaves it in (§4.16).
var (
	startStop     = [][2]string{{"start", "STARTED"}, {"stop", "STOPPED"}}
	enableDisable = [][2]string{{"enable", "ENABLED"}, {"disable", "DISABLED"}}
)

// startStopPart starts and then stops a Segment or a Service the run made.
func (t *T) startStopPart(uri, typ string, id *checks.Check) { t.switchPart(uri, typ, id, startStop) }

// switchPart takes a part the run made through its two actions: no
// transitional state, each ends where it says (§4.16).
func (t *T) switchPart(uri, typ string, id *checks.Check, steps [][2]string) {
	t.Must(uri != "", "no %s was made", typ)
	for _, step := range steps {
		action, want := step[0], step[1]
		cur, resp := t.read(uri, typ, model.Full)
		t.Must(cur != nil, "the %s cannot be read", typ)
		t.judgeNetworkShape(cur, resp) // in each stable state
		href, ok := cur.Root.Op(t.env.version.ActionURI(action))
		if !ok {
			t.NotSupported(id, "the "+cur.Root.Str("state")+" "+typ+" offers no "+action)
			return
		}
		r := t.act(uri, href, action)
		if !r.OK() {
			t.Fail(id, "the advertised "+action+" was refused", "200, 202 or 204", r.Describe(), r)
			return
		}
		t.followJob(r, typ, "action:"+action)
		if r.Status != http.StatusAccepted {
			// Done when answered: no state to wait through (§4.16).
			now, resp := t.read(uri, typ, model.Full)
			t.judgeNetworkShape(now, resp)
			st := ""
			if now != nil {
				st = now.Root.Str("state")
			}
			if st != want {
				t.Fail(id, "the "+action+" was answered as done, yet the "+typ+" is "+st, want, st, r)
				return
			}
			continue
		}
		_, seen, err := t.waitState(uri, []string{cur.Root.Str("state")}, want)
		if !t.judgeTransition(id, seen, err, nil, want, r) {
			return
		}
	}
	t.Pass(id)
}

// defaultState is the state a new part without initialState takes: its
// type's DefaultInitialState, else def (l.3332-3336, l.3453-3457).
func (t *T) defaultState(typ, def string) string {
	return t.env.capabilityOr(typ, "DefaultInitialState", def)
}

func (t *T) makeInterface(nr *networkRun) {
	tc, tadd := addOf(t, "interfaceTemplates", "NetworkInterfaceTemplateCollection")
	tmpl := t.create(tc, tadd, "NetworkInterfaceTemplate", "NetworkInterfaceTemplate",
		model.Obj("name", t.name("interface-template-"+string(t.F)), "speed", 1000000000, "mtu", 9000), checks.InterfaceCreate)
	t.Must(tmpl.uri != "", "the create did not yield a NetworkInterfaceTemplate")
	nr.nicTmpl = tmpl.uri
	c, coll := t.createFrom("interfaces", "NetworkInterfaceCollection", "NetworkInterfaceCreate", "NetworkInterface", "interface",
		"networkInterfaceTemplate", tmpl.uri, checks.InterfaceCreate)
	nr.nic = c.uri
	t.Must(c.uri != "", "the create did not yield a NetworkInterface")
	nic, err := t.settled(c.uri, []string{"CREATING"}, "DISABLED", "ENABLED")
	t.Must(err == nil, "the new Interface did not settle: %v", err)
	def := t.defaultState("NetworkInterface", "DISABLED")
	t.Check(checks.InterfaceCreate, ev(c.resp), func(g Gomega) {
		g.Expect(nic.Str("speed")).To(Equal("1000000000"), "speed of the new Interface")
		g.Expect(nic.Str("mtu")).To(Equal("9000"), "mtu of the new Interface")
		g.Expect(nic.Str("state")).To(Equal(def), "state of an Interface whose template has no initialState")
	})
	t.judgeListed(checks.InterfaceCreate, coll, "NetworkInterfaceCollection", c.uri, true, "the interfaces collection lists the new Interface")
	t.refusedNetworkCreate(checks.InterfaceNeedsTemplate, "interfaces", "NetworkInterfaceCollection", "NetworkInterfaceCreate",
		"NetworkInterface", "interface-without-template", model.Obj(), "a NetworkInterfaceCreate without template")
}

// segmentEndpoints is the run's Segment's endpoints collection and its add.
func (t *T) segmentEndpoints(nr *networkRun) (coll, add string) {
	seg, _ := t.read(nr.segment, "ProtocolSegment", model.Full)
	t.Must(seg != nil, "the Segment cannot be read")
	coll = t.env.client.Resolve(seg.Root.Href("endpoints"))
	if coll == "" {
		t.Skip("the Segment has no endpoints collection")
	}
	d, _ := t.read(coll, "ProtocolEndpointCollection", model.Full)
	t.Must(d != nil, "the Segment's endpoints cannot be read")
	add, ok := d.Root.Op("add")
	if !ok {
		t.Skip("the Segment's endpoints offer no add")
	}
	return coll, add
}

func (t *T) makeEndpoint(nr *networkRun) {
	t.Must(nr.segment != "" && nr.nic != "", "no Segment or no Interface was made")
	tc, tadd := addOf(t, "endpointTemplates", "ProtocolEndpointTemplateCollection")
	tmpl := t.create(tc, tadd, "ProtocolEndpointTemplate", "ProtocolEndpointTemplate",
		model.Obj("name", t.name("endpoint-template-"+string(t.F)), "origin", "STATIC", "address", "10.9.8.20",
			"interface", model.Ref(nr.nic)), checks.EndpointCreate)
	t.Must(tmpl.uri != "", "the create did not yield a ProtocolEndpointTemplate")
	nr.endpointTmpl = tmpl.uri
	coll, add := t.segmentEndpoints(nr)
	c := t.create(coll, add, "ProtocolEndpointCreate", "ProtocolEndpoint",
		model.Obj("name", t.name("endpoint-"+string(t.F)), "protocolEndpointTemplate", model.Ref(tmpl.uri)), checks.EndpointCreate, client.On(nr.segment))
	nr.endpoint = c.uri
	t.Must(c.uri != "", "the create did not yield a ProtocolEndpoint")
	e, err := t.settled(c.uri, []string{"CREATING"}, "DISABLED", "ENABLED")
	t.Must(err == nil, "the new Endpoint did not settle: %v", err)
	seg, _ := t.read(nr.segment, "ProtocolSegment", model.Full)
	t.Must(seg != nil, "the Segment cannot be read")
	def := t.defaultState("ProtocolEndpoint", "DISABLED")
	t.Check(checks.EndpointCreate, ev(c.resp), func(g Gomega) {
		if e.Has("protocol") {
			g.Expect(e.Str("protocol")).To(Equal(seg.Root.Str("protocol")), "protocol of the Endpoint, against its Segment's")
		}
		g.Expect(e.Str("address")).To(Equal("10.9.8.20"), "address of the STATIC Endpoint")
		g.Expect(t.env.client.Resolve(e.Href("interface"))).To(Equal(nr.nic), "interface of the Endpoint")
		g.Expect(e.Str("state")).To(Equal(def), "state of an Endpoint whose template has no initialState")
	})
	t.judgeListed(checks.EndpointCreate, coll, "ProtocolEndpointCollection", c.uri, true, "the Segment's endpoints list the new Endpoint")
	t.refusedInSegment(checks.EndpointNeedsTemplate, coll, add, nr, "endpoint-without-template", model.Obj(), "a ProtocolEndpointCreate without template")
	for _, bad := range []struct {
		purpose string
		tmpl    *model.Node
	}{
		{"endpoint-static-without-address", model.Obj("origin", "STATIC")},
		{"endpoint-dynamic-with-address", model.Obj("origin", "DYNAMIC", "address", "10.9.8.21")},
	} {
		t.refusedMadeOrUsed(checks.EndpointOrigin, tc, tadd, "ProtocolEndpointTemplate",
			bad.tmpl.Set("name", model.S(t.name(bad.purpose+"-"+string(t.F)))), func(made string) {
				t.refusedInSegment(checks.EndpointOrigin, coll, add, nr, bad.purpose, model.Obj("protocolEndpointTemplate", model.Ref(made)),
					"an Endpoint from a template whose origin and address disagree")
			})
	}
}

// refusedInSegment posts a ProtocolEndpointCreate to the Segment's
// endpoints and wants a 4xx and nothing named so.
func (t *T) refusedInSegment(id *checks.Check, coll, add string, nr *networkRun, purpose string, body *model.Node, what string) {
	name := t.name(purpose + "-" + string(t.F))
	r := t.post(coll, add, "ProtocolEndpointCreate", "ProtocolEndpoint", body.Set("name", model.S(name)), client.On(nr.segment))
	t.Check(id, ev(r), func(g Gomega) {
		g.Expect(t.refused(r, "ProtocolEndpoint", "create")).To(BeTrue(), "%s is refused with a 4xx (got %s)", what, r.Describe())
		g.Expect(t.namedIn(coll, "ProtocolEndpointCollection", name)).To(BeFalse(), "nothing was made")
	})
}

// deleteEndpointAndInterface deletes the Endpoint, which leaves the
// entry point's endpoints and its Segment's, then the Interface.
func (t *T) deleteEndpointAndInterface(nr *networkRun) {
	t.Must(nr.endpoint != "" && nr.nic != "", "no Endpoint or no Interface was made")
	seg, _ := t.read(nr.segment, "ProtocolSegment", model.Full)
	t.Must(seg != nil, "the Segment cannot be read")
	if t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("endpoints")), nr.endpoint, "ProtocolEndpoint", checks.EndpointDelete) {
		t.judgeListed(checks.EndpointDelete, t.env.client.Resolve(seg.Root.Href("endpoints")), "ProtocolEndpointCollection", nr.endpoint, false,
			"the Segment's endpoints no longer list the deleted Endpoint")
		if nic, _ := t.read(nr.nic, "NetworkInterface", model.Full); nic != nil && nic.Root.Href("endpoints") != "" {
			t.judgeListed(checks.EndpointDelete, t.env.client.Resolve(nic.Root.Href("endpoints")), "ProtocolEndpointCollection", nr.endpoint, false,
				"the Interface's endpoints no longer list the deleted Endpoint")
		}
	}
	t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("interfaces")), nr.nic, "NetworkInterface", checks.InterfaceDelete)
}

// deletePart deletes a Segment or Service the run made: it leaves the
// entry point's collection and its Network's.
func (t *T) deletePart(nr *networkRun, uri, attr, typ, netAttr string, id *checks.Check) {
	t.Must(uri != "" && nr.net != "", "no %s was made", typ)
	coll := t.env.client.Resolve(readCEP(t).Href(attr))
	if !t.deleteSimple(coll, uri, typ, id) {
		return
	}
	net, _ := t.read(nr.net, "Network", model.Full)
	t.Must(net != nil, "the Network cannot be read")
	href := t.env.client.Resolve(net.Root.Href(netAttr))
	t.Must(href != "", "the Network has no %s", netAttr)
	t.judgeListed(id, href, typ+"Collection", uri, false, "the Network's "+netAttr+" no longer lists the deleted "+typ)
}

func (t *T) makeService(nr *networkRun) {
	t.Must(nr.net != "" && nr.svcTmpl != "", "no Network or no service template was made")
	net, _ := t.read(nr.net, "Network", model.Full)
	t.Must(net != nil, "the Network cannot be read")
	segs := t.networkParts(net.Root, "segments", "ProtocolSegmentCollection")
	t.Must(len(segs) > 0, "the Network has no Segment")
	seg := t.env.client.Resolve(segs[0].Str("id"))
	tc, tadd := addOf(t, "networkServiceTemplates", "NetworkServiceTemplateCollection")
	tmpl := t.create(tc, tadd, "NetworkServiceTemplate", "NetworkServiceTemplate",
		model.Obj("name", t.name("service-template-in-network-"+string(t.F)), "type", "DNS", "network", model.Ref(nr.net),
			"segments", model.Arr(model.Ref(seg)), "policies", model.Obj("zone", "cimitest.example")), checks.ServiceCreate)
	t.Must(tmpl.uri != "", "the create did not yield a NetworkServiceTemplate")
	c, _ := t.createFrom("networkServices", "NetworkServiceCollection", "NetworkServiceCreate", "NetworkService", "service",
		"networkServiceTemplate", tmpl.uri, checks.ServiceCreate)
	nr.service = c.uri
	t.Must(c.uri != "", "the create did not yield a NetworkService")
	svc, err := t.settled(c.uri, []string{"CREATING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the new Service did not settle: %v", err)
	t.readShape(c.uri, "NetworkService")
	t.readShape(tmpl.uri, "NetworkServiceTemplate")
	served := t.networkParts(svc, "segments", "ProtocolSegmentCollection")
	var servedIDs []string
	for _, s := range served {
		servedIDs = append(servedIDs, t.env.client.Resolve(s.Str("id")))
	}
	t.Check(checks.ServiceCreate, ev(c.resp), func(g Gomega) {
		g.Expect(svc.Str("type")).To(Equal("DNS"), "type of the new Service")
		g.Expect(svc.Get("policies").Str("zone")).To(Equal("cimitest.example"), "policies of the new Service")
		g.Expect(servedIDs).To(ContainElement(seg), "the Service's segments list the template's Segment")
		g.Expect(svc.Str("state")).To(Equal(t.defaultState("NetworkService", "STOPPED")),
			"state of a Service whose template has no initialState")
	})
	t.judgeListed(checks.ServiceCreate, t.env.client.Resolve(net.Root.Href("services")), "NetworkServiceCollection", c.uri, true,
		"the Network's services list the new Service")
	t.refusedNetworkCreate(checks.ServiceNeedsTemplate, "networkServices", "NetworkServiceCollection", "NetworkServiceCreate", "NetworkService",
		"service-without-template", model.Obj(), "a NetworkServiceCreate without template")
	t.refusedNetworkCreate(checks.ServiceNeedsTemplate, "networkServices", "NetworkServiceCollection", "NetworkServiceCreate", "NetworkService",
		"service-without-network", model.Obj("networkServiceTemplate", model.Ref(nr.svcTmpl)), "a Service whose template names no network")
	t.refuseUnknownWord(nr, "networkServiceTemplates", "NetworkServiceTemplateCollection", "NetworkServiceTemplate", checks.ServiceType,
		model.Obj("type", "Teleporter"), "networkServices", "NetworkServiceCollection", "NetworkServiceCreate", "NetworkService",
		"networkServiceTemplate")
}

// deleteNetwork deletes the run's Network: the Segment and Service made
// for it go with it (§5.10.2) and leave their collections.
func (t *T) deleteNetwork(nr *networkRun) {
	t.Must(nr.net != "", "no Network was made")
	net, _ := t.read(nr.net, "Network", model.Full)
	t.Must(net != nil, "the Network cannot be read")
	var parts []string
	for _, p := range append(t.networkParts(net.Root, "segments", "ProtocolSegmentCollection"),
		t.networkParts(net.Root, "services", "NetworkServiceCollection")...) {
		parts = append(parts, t.env.client.Resolve(p.Str("id")))
	}
	coll := t.env.client.Resolve(readCEP(t).Href("networks"))
	if !t.deleteSimple(coll, nr.net, "Network", checks.NetworkDelete) {
		return
	}
	left, evs := t.stillReadable(parts)
	t.Check(checks.NetworkDelete, evs, func(g Gomega) {
		g.Expect(left).To(BeEmpty(), "the parts of the deleted Network that can still be read")
	})
}

// readNetworkShapes reads what the run made, whole, as the 2.0 tables
// describe it: the Network, the Segment and its template, the Interface,
// the Endpoint and its template.
func (t *T) readNetworkShapes(nr *networkRun) {
	for _, r := range []struct{ uri, typ string }{{nr.net, "Network"}, {nr.segment, "ProtocolSegment"},
		{nr.inNetSegTmpl, "ProtocolSegmentTemplate"}, {nr.nic, "NetworkInterface"}, {nr.endpoint, "ProtocolEndpoint"},
		{nr.endpointTmpl, "ProtocolEndpointTemplate"}} {
		if r.uri != "" {
			t.readShape(r.uri, r.typ)
		}
	}
}

// refuseTransientInitialStates: a template's initialState is a stable
// state of its type, one of InitialStates where that is set (N-104, N-106):
// a NetworkTemplate asking for STARTING, and a NetworkInterfaceTemplate
// asking for CREATING, are refused when made or when used.
func (t *T) refuseTransientInitialStates() {
	nc, nadd := addOf(t, "networkTemplates", "NetworkTemplateCollection")
	t.refusedMadeOrUsed(checks.NetworkInitialStateStable, nc, nadd, "NetworkTemplate",
		model.Obj("name", t.name("network-template-starting-"+string(t.F)), "initialState", "STARTING"), func(made string) {
			t.refusedNetworkCreate(checks.NetworkInitialStateStable, "networks", "NetworkCollection", "NetworkCreate", "Network",
				"network-starting", model.Obj("networkTemplate", model.Ref(made)), "a Network from a template asking for STARTING")
		})
	if !readCEP(t).Has("interfaceTemplates") {
		return
	}
	ic, iadd := addOf(t, "interfaceTemplates", "NetworkInterfaceTemplateCollection")
	t.refusedMadeOrUsed(checks.NetworkInitialStateStable, ic, iadd, "NetworkInterfaceTemplate",
		model.Obj("name", t.name("interface-template-creating-"+string(t.F)), "initialState", "CREATING"), func(made string) {
			t.refusedNetworkCreate(checks.NetworkInitialStateStable, "interfaces", "NetworkInterfaceCollection", "NetworkInterfaceCreate",
				"NetworkInterface", "interface-creating", model.Obj("networkInterfaceTemplate", model.Ref(made)),
				"an Interface from a template asking for CREATING")
		})
}

// machineInterfaces makes a Machine from a template naming the run's
// interface template: the Machine's interfaces list a NetworkInterface of
// it, which is the Machine's component and goes when the Machine is
// deleted (N-74).
func (t *T) machineInterfaces(nr *networkRun) {
	t.Must(nr.nicTmpl != "", "no NetworkInterfaceTemplate was made")
	coll, add := addOf(t, "machineTemplates", "MachineTemplateCollection")
	cfg, img := pickConfig(t), pickImage(t)
	c := t.create(coll, add, "MachineTemplate", "MachineTemplate", model.Obj("name", t.name("machine-template-interfaces-"+string(t.F)),
		"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")),
		"interfaceTemplates", model.Arr(model.Ref(nr.nicTmpl))), checks.MachineInterfaces20)
	t.Must(c.uri != "", "the create did not yield a MachineTemplate")
	m := t.machineFrom(model.Ref(c.uri), "machine-interfaces", checks.MachineInterfaces20)
	t.Must(m != nil, "no Machine was made from the template")
	machine := t.rest(m.uri, checks.MachineInterfaces20)
	t.Must(machine != nil, "the new Machine does not come to rest")
	nics := t.networkParts(machine, "interfaces", "NetworkInterfaceCollection")
	var ids []string
	for _, n := range nics {
		id := t.env.client.Resolve(n.Str("id"))
		ids = append(ids, id)
		t.env.ledger.own(id, "NetworkInterface", "", "made for a Machine the run made")
	}
	t.Check(checks.MachineInterfaces20, ev(m.resp), func(g Gomega) {
		g.Expect(nics).To(HaveLen(1), "the interfaces of a Machine whose template names one interface template")
		for _, n := range nics {
			g.Expect(n.Str("mtu")).To(Equal("9000"), "mtu of the Machine's Interface, from its template")
		}
	})
	if !t.deleteSimple(machinesCollectionURI(t), m.uri, "Machine", checks.MachineInterfaces20) {
		return
	}
	left, evs := t.stillReadable(ids)
	t.Check(checks.MachineInterfaces20, evs, func(g Gomega) {
		g.Expect(left).To(BeEmpty(), "the Machine's Interfaces that can still be read after its delete")
	})
}

// machinesCollectionURI is the entry point's MachineCollection.
func machinesCollectionURI(t *T) string { coll, _ := machinesCollection(t); return coll }

// stillReadable reads each of uris and gives those that answer 200, with
// the answers as evidence.
func (t *T) stillReadable(uris []string) (left []string, evs []*client.Response) {
	for _, u := range uris {
		r := t.get(u)
		evs = append(evs, r)
		if r.Status == http.StatusOK {
			left = append(left, u)
		}
	}
	return left, evs
}

// makePartsByValue makes one of each part from an inline template where
// its …TemplateByValue capability is true (Table 7): the create is
// accepted and the part is what the template says.
func (t *T) makePartsByValue(nr *networkRun) {
	t.Must(nr.net != "" && nr.segment != "" && nr.nic != "", "no Network, Segment or Interface was made")
	offered := 0
	byValue := func(typ string, make func() (string, string, func(g Gomega, got *model.Node))) {
		if !t.env.capable(typ, typ+"TemplateByValue") {
			return
		}
		offered++
		uri, resType, judge := make()
		if uri == "" {
			return // the create's refusal is already judged
		}
		got, err := t.settled(uri, []string{"CREATING"}, "STOPPED", "STARTED", "DISABLED", "ENABLED")
		t.Must(err == nil, "the %s made by value did not settle: %v", resType, err)
		t.About(resType, "create").Check(checks.PartsByValue, nil, func(g Gomega) { judge(g, got) })
	}
	byValue("ProtocolSegment", func() (string, string, func(Gomega, *model.Node)) {
		coll, add := addOf(t, "segments", "ProtocolSegmentCollection")
		c := t.create(coll, add, "ProtocolSegmentCreate", "ProtocolSegment", model.Obj("name", t.name("segment-by-value-"+string(t.F)),
			"protocolSegmentTemplate", model.Obj("network", model.Ref(nr.net), "protocol", "IPv4", "parameters", ipv4Params())), checks.PartsByValue)
		return c.uri, "ProtocolSegment", func(g Gomega, got *model.Node) {
			g.Expect(got.Str("protocol")).To(Equal("IPv4"), "protocol of the Segment made by value")
		}
	})
	byValue("NetworkInterface", func() (string, string, func(Gomega, *model.Node)) {
		coll, add := addOf(t, "interfaces", "NetworkInterfaceCollection")
		c := t.create(coll, add, "NetworkInterfaceCreate", "NetworkInterface", model.Obj("name", t.name("interface-by-value-"+string(t.F)),
			"networkInterfaceTemplate", model.Obj("mtu", 1280)), checks.PartsByValue)
		return c.uri, "NetworkInterface", func(g Gomega, got *model.Node) {
			g.Expect(got.Str("mtu")).To(Equal("1280"), "mtu of the Interface made by value")
		}
	})
	byValue("ProtocolEndpoint", func() (string, string, func(Gomega, *model.Node)) {
		coll, add := t.segmentEndpoints(nr)
		c := t.create(coll, add, "ProtocolEndpointCreate", "ProtocolEndpoint", model.Obj("name", t.name("endpoint-by-value-"+string(t.F)),
			"protocolEndpointTemplate", model.Obj("origin", "STATIC", "address", "10.9.8.30", "interface", model.Ref(nr.nic))),
			checks.PartsByValue, client.On(nr.segment))
		return c.uri, "ProtocolEndpoint", func(g Gomega, got *model.Node) {
			g.Expect(got.Str("address")).To(Equal("10.9.8.30"), "address of the Endpoint made by value")
		}
	})
	byValue("NetworkService", func() (string, string, func(Gomega, *model.Node)) {
		coll, add := addOf(t, "networkServices", "NetworkServiceCollection")
		c := t.create(coll, add, "NetworkServiceCreate", "NetworkService", model.Obj("name", t.name("service-by-value-"+string(t.F)),
			"networkServiceTemplate", model.Obj("network", model.Ref(nr.net), "type", "Firewall")), checks.PartsByValue)
		return c.uri, "NetworkService", func(g Gomega, got *model.Node) {
			g.Expect(got.Str("type")).To(Equal("Firewall"), "type of the Service made by value")
		}
	})
	if offered == 0 {
		t.NotSupported(checks.PartsByValue, "no part's …TemplateByValue capability is true")
	}
}

// otherSegments are the IPv6 and Ethernet Segments the run makes, with the
// parameters their protocols need (Tables 34, 35).
var otherSegments = []struct {
	protocol string
	params   *model.Node
}{
	{"IPv6", model.Obj("prefixLength", 64, "subnetAddress", "2001:db8:9:8::")},
	{"Ethernet", model.Obj("speed", 1000000000, "mtu", 1500)},
}

// makeOtherSegments makes an IPv6 and an Ethernet Segment in the run's
// Network and judges their parameters (N-30, N-31).
func (t *T) makeOtherSegments(nr *networkRun) {
	t.Must(nr.net != "", "no Network was made")
	tc, tadd := addOf(t, "segmentTemplates", "ProtocolSegmentTemplateCollection")
	for _, o := range otherSegments {
		tmpl := t.create(tc, tadd, "ProtocolSegmentTemplate", "ProtocolSegmentTemplate",
			model.Obj("name", t.name("segment-template-"+strings.ToLower(o.protocol)+"-"+string(t.F)), "protocol", o.protocol,
				"parameters", o.params, "network", model.Ref(nr.net)), checks.SegmentCreate)
		t.Must(tmpl.uri != "", "the create did not yield a ProtocolSegmentTemplate")
		c, _ := t.createFrom("segments", "ProtocolSegmentCollection", "ProtocolSegmentCreate", "ProtocolSegment",
			"segment-"+strings.ToLower(o.protocol), "protocolSegmentTemplate", tmpl.uri, checks.SegmentCreate)
		t.Must(c.uri != "", "the create did not yield a ProtocolSegment")
		nr.otherSegs[o.protocol] = c.uri
		seg, err := t.settled(c.uri, []string{"CREATING"}, "STOPPED", "STARTED")
		t.Must(err == nil, "the new Segment did not settle: %v", err)
		t.Check(checks.SegmentCreate, ev(c.resp), func(g Gomega) {
			g.Expect(seg.Str("protocol")).To(Equal(o.protocol), "protocol of the new Segment")
		})
		t.judgeSegmentParameters(seg, c.resp)
	}
}

// networkStateTypes are the network types with an InitialStates
// capability (Tables 31, 36, 41, 43, 45).
var networkStateTypes = []string{"Network", "ProtocolSegment", "ProtocolEndpoint", "NetworkInterface", "NetworkService"}

// judgeInitialStatesPublished: each network type the Provider describes in
// a ResourceMetadata publishes the initial states a template may ask for
// (N-105, a SHOULD).
func (t *T) judgeInitialStatesPublished() {
	var missing []string
	described := 0
	for _, typ := range networkStateTypes {
		if t.env.metadata(typ) == nil {
			continue
		}
		described++
		if _, ok := t.env.capability(typ, "InitialStates"); !ok {
			missing = append(missing, typ)
		}
	}
	switch {
	case described == 0:
		t.NotSupported(checks.InitialStatesPublished, "the Provider describes no network type in a ResourceMetadata")
	case len(missing) > 0:
		t.About("ResourceMetadata", "read").Fail(checks.InitialStatesPublished, "no InitialStates for "+strings.Join(missing, ", "),
			"InitialStates in each network type's ResourceMetadata", "")
	default:
		t.Pass(checks.InitialStatesPublished)
	}
}
