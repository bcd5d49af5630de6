package suites

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/beevik/etree"
	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The 1.x network model (DSP8009): a NetworkConfiguration and a
// NetworkTemplate posted as themselves, a Network made from them (and one
// from an inline template), started and stopped; a NetworkPort in it,
// which the Network lists as a NetworkNetworkPort record; an Address with
// two dns entries; a ForwardingGroup of both Networks; the shape of each
// in the DSP8009 order; and the port deleted, its record with it.

// networkRunV1 is what the 1.x network steps share.
type networkRunV1 struct {
	cfg, tmpl   string // the NetworkConfiguration and the NetworkTemplate made from it
	net, inline string // a Network from tmpl, and one from an inline template
	portCfg     string // a NetworkPortConfiguration
	port        string // a NetworkPort in net
	address     string // an Address of net
}

// networkConfigV1 is the configuration the run posts.
var networkConfigV1 = map[string]any{"networkType": "PRIVATE", "mtu": int64(9000), "classOfService": "gold"}

var _ = scenario(func(r *runEnv) {
	Describe("Networks (1.x)", Label("networks"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("networks, ports, addresses and forwarding groups", Ordered, ContinueOnFailure, func() {
				nr := &networkRunV1{}
				r.step("reads the 1.x network collections", []*checks.Check{checks.NetworkCollectionsV1},
					func(t *T) { t.readNetworkCatalogueV1() })
				r.step("posts a NetworkConfiguration and a NetworkTemplate as themselves",
					[]*checks.Check{checks.NetworkTemplatesPostedV1, checks.NetworkRepresentationV1},
					func(t *T) { t.postNetworkTemplatesV1(nr) })
				r.step("makes a Network from the template, and refuses a NetworkCreate without one",
					[]*checks.Check{checks.NetworkCreateV1, checks.NetworkStatesV1, checks.NetworkRepresentationV1},
					func(t *T) { t.makeNetworkV1(nr) })
				r.step("makes a Network from an inline template where offered", []*checks.Check{checks.NetworkByValueV1, checks.NetworkStatesV1},
					func(t *T) { t.makeInlineNetworkV1(nr) })
				r.step("starts and stops the Network", []*checks.Check{checks.NetworkStatesV1},
					func(t *T) { t.startStopNetworkV1(nr) })
				r.step("makes a NetworkPort in the Network, which lists it as a record",
					[]*checks.Check{checks.NetworkTemplatesPostedV1, checks.PortCreateV1, checks.PortRepresentationV1, checks.NetworkPortsV1, checks.NetworkStatesV1},
					func(t *T) { t.makePortV1(nr) })
				r.step("makes an Address with two dns entries",
					[]*checks.Check{checks.NetworkTemplatesPostedV1, checks.AddressCreateV1, checks.AddressRepresentationV1},
					func(t *T) { t.makeAddressV1(nr) })
				r.step("gives the Address to a Machine through its template's network interface",
					[]*checks.Check{checks.MachineInterfaceTemplateV1, checks.MachineInterfaces},
					func(t *T) { t.machineOnNetworkV1(nr) })
				r.step("makes a ForwardingGroup of both Networks",
					[]*checks.Check{checks.NetworkTemplatesPostedV1, checks.ForwardingGroupCreateV1, checks.ForwardingGroupRepresentationV1},
					func(t *T) { t.makeForwardingGroupV1(nr) })
				if f == model.XML {
					r.step("reads the network collections as written", []*checks.Check{checks.NetworkCollectionItemsV1},
						func(t *T) { t.readNetworkItemsXMLV1() })
				}
				r.step("deletes the NetworkPort, and its record goes", []*checks.Check{checks.NetworkPortsV1},
					func(t *T) { t.deletePortV1(nr) })
			})
		})
	})
})

// networkCollectionsV1 are the 1.x Cloud Entry Point's network collections
// (DSP8009 l.213-222); the 2.0 ones are networkCollections.
var networkCollectionsV1 = []struct{ attr, coll string }{
	{"networks", "NetworkCollection"}, {"networkTemplates", "NetworkTemplateCollection"},
	{"networkConfigs", "NetworkConfigurationCollection"}, {"networkPorts", "NetworkPortCollection"},
	{"networkPortTemplates", "NetworkPortTemplateCollection"}, {"networkPortConfigs", "NetworkPortConfigurationCollection"},
	{"addresses", "AddressCollection"}, {"addressTemplates", "AddressTemplateCollection"},
	{"forwardingGroups", "ForwardingGroupCollection"}, {"forwardingGroupTemplates", "ForwardingGroupTemplateCollection"},
}

// readNetworkCatalogueV1 judges the entry point's network collections
// (N-113): none of the 2.0 names, each 1.x one of its type.
func (t *T) readNetworkCatalogueV1() {
	cep := readCEP(t)
	var bad []string
	var evs []*client.Response
	for _, c := range networkCollections {
		if c.attr != "networks" && c.attr != "networkTemplates" && cep.Has(c.attr) {
			bad = append(bad, c.attr+" is a 2.0 collection")
		}
	}
	for _, c := range networkCollectionsV1 {
		href := cep.Href(c.attr)
		if href == "" {
			continue
		}
		d, resp := t.read(t.env.client.Resolve(href), c.coll, model.Full)
		evs = append(evs, resp)
		if d == nil || d.Type == nil || d.Type.Name != c.coll {
			bad = append(bad, fmt.Sprintf("%s does not lead to a %s (%s)", c.attr, c.coll, resp.Describe()))
		}
	}
	if len(bad) > 0 {
		t.Fail(checks.NetworkCollectionsV1, strings.Join(bad, "; "), "the 1.x network collections only, each of its type", "", evs...)
		return
	}
	t.Pass(checks.NetworkCollectionsV1)
}

// postV1 posts a 1.x template or configuration as itself (N-130), reads it
// back, judges that it kept body's attributes and is listed, and gives its
// URI.
func (t *T) postV1(attr, typ string, body *model.Node, keep func(g Gomega, got *model.Node)) string {
	coll, add := addOf(t, attr, typ+"Collection")
	c := t.create(coll, add, typ, typ, body, checks.NetworkTemplatesPostedV1)
	t.Must(c.uri != "", "the create did not yield a %s", typ)
	got, resp := t.read(c.uri, typ, model.Full)
	t.Check(checks.NetworkTemplatesPostedV1, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the new %s can be read", typ)
		keep(g, got.Root)
	})
	t.judgeListed(checks.NetworkTemplatesPostedV1, coll, typ+"Collection", c.uri, true, "the collection lists the new "+typ)
	t.judgeNetworkShape(got, resp)
	return c.uri
}

// sameValues expects n to carry want's attributes.
func sameValues(g Gomega, n *model.Node, want map[string]any, what string) {
	for k, v := range want {
		switch x := v.(type) {
		case int64:
			got, _ := n.Int(k)
			g.Expect(got).To(Equal(x), "%s of the %s", k, what)
		default:
			g.Expect(n.Str(k)).To(Equal(fmt.Sprint(x)), "%s of the %s", k, what)
		}
	}
}

func (t *T) postNetworkTemplatesV1(nr *networkRunV1) {
	nr.cfg = t.postV1("networkConfigs", "NetworkConfiguration",
		model.Obj(append([]any{"name", t.name("network-config-" + string(t.F))}, flatten(networkConfigV1)...)...),
		func(g Gomega, got *model.Node) { sameValues(g, got, networkConfigV1, "NetworkConfiguration") })
	nr.tmpl = t.postV1("networkTemplates", "NetworkTemplate",
		model.Obj("name", t.name("network-template-"+string(t.F)), "initialState", "STARTED", "networkConfig", model.Ref(nr.cfg)),
		func(g Gomega, got *model.Node) {
			g.Expect(t.env.client.Resolve(got.Href("networkConfig"))).To(Equal(nr.cfg), "networkConfig of the NetworkTemplate")
			g.Expect(got.Str("initialState")).To(Equal("STARTED"), "initialState of the NetworkTemplate")
		})
}

// flatten gives a map's pairs as Obj arguments, in a fixed order.
func flatten(m map[string]any) []any {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []any
	for _, k := range keys {
		out = append(out, k, m[k])
	}
	return out
}

// statesV1 are the states a 1.x Network or NetworkPort may be read in
// (N-132: the 2.0 Network set).
func (t *T) judgeStatesV1(what string, seen []string, err error, resp *client.Response) {
	var bad []string
	for _, s := range seen {
		if !slices.Contains(model.NetworkStates, s) {
			bad = append(bad, s)
		}
	}
	if len(bad) > 0 {
		t.About("Network", "read").Fail(checks.NetworkStatesV1, fmt.Sprintf("the %s was read in %s (states seen: %s)", what,
			strings.Join(bad, ", "), strings.Join(seen, " → ")), strings.Join(model.NetworkStates, ", "), "", resp)
		return
	}
	if err != nil {
		t.NotTested(checks.NetworkStatesV1, "the "+what+" did not settle: "+err.Error())
		return
	}
	t.Pass(checks.NetworkStatesV1)
}

// createNetworkV1 posts a NetworkCreate with tmpl and waits for the
// Network to settle in want, judging the states it passes.
func (t *T) createNetworkV1(purpose string, tmpl *model.Node, id *checks.Check, want string) (string, *model.Node, *client.Response) {
	coll, add := addOf(t, "networks", "NetworkCollection")
	c := t.create(coll, add, "NetworkCreate", "Network", model.Obj("name", t.name(purpose+"-"+string(t.F)), "networkTemplate", tmpl), id)
	t.Must(c.uri != "", "the create did not yield a Network")
	n, seen, err := t.waitState(c.uri, []string{"CREATING", "STARTING"}, want)
	t.judgeStatesV1("new Network", seen, err, c.resp)
	t.Must(err == nil, "the new Network did not settle in %s: %v", want, err)
	return c.uri, n, c.resp
}

func (t *T) makeNetworkV1(nr *networkRunV1) {
	t.Must(nr.tmpl != "", "no NetworkTemplate was made")
	var resp *client.Response
	nr.net, _, resp = t.createNetworkV1("network", model.Ref(nr.tmpl), checks.NetworkCreateV1, "STARTED")
	got, _ := t.readShape(nr.net, "Network")
	t.Check(checks.NetworkCreateV1, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the new Network can be read")
		sameValues(g, got, networkConfigV1, "Network made from the template")
		g.Expect(got.Str("state")).To(Equal("STARTED"), "state of a Network whose template asks for STARTED")
	})
	t.judgeListed(checks.NetworkCreateV1, t.env.client.Resolve(readCEP(t).Href("networks")), "NetworkCollection", nr.net, true,
		"the networks collection lists the new Network")
	t.refusedNetworkCreate(checks.NetworkCreateV1, "networks", "NetworkCollection", "NetworkCreate", "Network",
		"network-without-template", model.Obj(), "a NetworkCreate without networkTemplate")
}

// makeInlineNetworkV1 gives the template and its configuration inline.
func (t *T) makeInlineNetworkV1(nr *networkRunV1) {
	if !t.env.capable("Network", "NetworkTemplateByValue") {
		t.NotSupported(checks.NetworkByValueV1, "the Provider does not advertise NetworkTemplateByValue")
		return
	}
	cfg := map[string]any{"networkType": "PRIVATE", "mtu": int64(1500)}
	tmpl := model.Obj("networkConfig", model.Obj(flatten(cfg)...))
	if !t.env.capable("Network", "NetworkConfigByValue") {
		t.Must(nr.cfg != "", "no NetworkConfiguration was made")
		tmpl, cfg = model.Obj("networkConfig", model.Ref(nr.cfg)), networkConfigV1
	}
	var resp *client.Response
	nr.inline, _, resp = t.createNetworkV1("network-inline", tmpl, checks.NetworkByValueV1, "STOPPED")
	got, _ := t.read(nr.inline, "Network", model.Full)
	t.Check(checks.NetworkByValueV1, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the new Network can be read")
		sameValues(g, got.Root, cfg, "Network made from an inline template")
	})
}

// startStopNetworkV1 stops the Network and starts it again where it offers
// the actions, judging every state it is read in.
func (t *T) startStopNetworkV1(nr *networkRunV1) {
	t.Must(nr.net != "", "no Network was made")
	for _, step := range []struct{ action, via, want string }{{"stop", "STOPPING", "STOPPED"}, {"start", "STARTING", "STARTED"}} {
		cur, _ := t.read(nr.net, "Network", model.Full)
		t.Must(cur != nil, "the Network cannot be read")
		href, ok := cur.Root.Op(t.env.version.ActionURI(step.action))
		if !ok {
			t.NotTested(checks.NetworkStatesV1, "the "+cur.Root.Str("state")+" Network offers no "+step.action)
			return
		}
		r := t.act(nr.net, href, step.action)
		t.Must(r.OK(), "the advertised %s was refused (%s)", step.action, r.Describe())
		_, seen, err := t.waitState(nr.net, []string{cur.Root.Str("state"), step.via}, step.want)
		t.followJob(r, "Network", "action:"+step.action)
		t.judgeStatesV1("Network after "+step.action, seen, err, r)
	}
}

func (t *T) makePortV1(nr *networkRunV1) {
	t.Must(nr.net != "", "no Network was made")
	portCfg := map[string]any{"portType": "ACCESS", "classOfService": "gold"}
	nr.portCfg = t.postV1("networkPortConfigs", "NetworkPortConfiguration",
		model.Obj(append([]any{"name", t.name("port-config-" + string(t.F))}, flatten(portCfg)...)...),
		func(g Gomega, got *model.Node) { sameValues(g, got, portCfg, "NetworkPortConfiguration") })
	tmpl := t.postV1("networkPortTemplates", "NetworkPortTemplate",
		model.Obj("name", t.name("port-template-"+string(t.F)), "network", model.Ref(nr.net), "networkPortConfig", model.Ref(nr.portCfg)),
		func(g Gomega, got *model.Node) {
			g.Expect(t.env.client.Resolve(got.Href("network"))).To(Equal(nr.net), "network of the NetworkPortTemplate")
			g.Expect(t.env.client.Resolve(got.Href("networkPortConfig"))).To(Equal(nr.portCfg), "networkPortConfig of the NetworkPortTemplate")
		})
	c, coll := t.createFrom("networkPorts", "NetworkPortCollection", "NetworkPortCreate", "NetworkPort", "port",
		"networkPortTemplate", tmpl, checks.PortCreateV1)
	nr.port = c.uri
	t.Must(c.uri != "", "the create did not yield a NetworkPort")
	port, seen, err := t.waitState(c.uri, []string{"CREATING", "STARTING"}, "STARTED", "STOPPED")
	t.judgeStatesV1("new NetworkPort", seen, err, c.resp)
	t.Must(port != nil, "the new NetworkPort cannot be read")
	t.readShape(c.uri, "NetworkPort")
	t.Check(checks.PortCreateV1, ev(c.resp), func(g Gomega) {
		g.Expect(t.env.client.Resolve(port.Href("network"))).To(Equal(nr.net), "network of the NetworkPort")
		sameValues(g, port, portCfg, "NetworkPort made from the template")
	})
	t.judgeListed(checks.PortCreateV1, coll, "NetworkPortCollection", c.uri, true, "the networkPorts collection lists the new NetworkPort")
	t.refusedNetworkCreate(checks.PortCreateV1, "networkPorts", "NetworkPortCollection", "NetworkPortCreate", "NetworkPort",
		"port-without-template", model.Obj(), "a NetworkPortCreate without networkPortTemplate")
	t.judgePortRecords(nr, true)
}

// judgePortRecords reads the Network's networkPorts (N-115): records of
// type NetworkNetworkPort naming the run's port (or not, once it is
// deleted), and no operation.
func (t *T) judgePortRecords(nr *networkRunV1, want bool) {
	net, _ := t.read(nr.net, "Network", model.Full)
	t.Must(net != nil, "the Network cannot be read")
	href := net.Root.Href("networkPorts")
	if href == "" {
		t.Fail(checks.NetworkPortsV1, "the Network has no networkPorts", "a NetworkNetworkPortCollection", "", nil)
		return
	}
	d, resp := t.read(t.env.client.Resolve(href), "NetworkNetworkPortCollection", model.Full)
	var named []string
	if d != nil && d.Type != nil && d.Type.Name == "NetworkNetworkPortCollection" {
		for _, it := range t.itemsRead(t.env.client.Resolve(href), "NetworkNetworkPortCollection") {
			named = append(named, t.env.client.Resolve(it.Href("networkPort")))
		}
	}
	t.Check(checks.NetworkPortsV1, ev(resp), func(g Gomega) {
		g.Expect(d).NotTo(BeNil(), "the networkPorts of the Network can be read")
		g.Expect(d.Type).NotTo(BeNil(), "the networkPorts of the Network has a type")
		g.Expect(d.Type.Name).To(Equal("NetworkNetworkPortCollection"), "the type of the Network's networkPorts")
		g.Expect(d.Root.Get("operations").List()).To(BeEmpty(), "operations of the Network's networkPorts")
		if want {
			g.Expect(named).To(ContainElement(nr.port), "the NetworkPorts the Network's records name")
		} else {
			g.Expect(named).NotTo(ContainElement(nr.port), "the NetworkPorts the Network's records name, after the port's delete")
		}
	})
}

func (t *T) makeAddressV1(nr *networkRunV1) {
	t.Must(nr.net != "", "no Network was made")
	vals := map[string]any{"ip": "10.9.8.7", "allocation": "static", "protocol": "IPv4", "mask": "255.255.255.0",
		"defaultGateway": "10.9.8.1", "hostname": "cimitest-host"}
	dns := []string{"10.9.8.2", "10.9.8.3"}
	body := model.Obj(append([]any{"name", t.name("address-template-" + string(t.F)), "dns", model.Arr(model.S(dns[0]), model.S(dns[1])),
		"network", model.Ref(nr.net)}, flatten(vals)...)...)
	judge := func(g Gomega, got *model.Node, what string) {
		sameValues(g, got, vals, what)
		var entries []string
		for _, it := range got.Get("dns").List() {
			entries = append(entries, it.Text)
		}
		g.Expect(entries).To(Equal(dns), "dns entries of the %s", what)
		g.Expect(t.env.client.Resolve(got.Href("network"))).To(Equal(nr.net), "network of the %s", what)
	}
	tmpl := t.postV1("addressTemplates", "AddressTemplate", body, func(g Gomega, got *model.Node) { judge(g, got, "AddressTemplate") })
	c, coll := t.createFrom("addresses", "AddressCollection", "AddressCreate", "Address", "address", "addressTemplate", tmpl, checks.AddressCreateV1)
	t.Must(c.uri != "", "the create did not yield an Address")
	nr.address = c.uri
	got, resp := t.readShape(c.uri, "Address")
	t.Check(checks.AddressCreateV1, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the new Address can be read")
		judge(g, got, "Address")
	})
	t.judgeListed(checks.AddressCreateV1, coll, "AddressCollection", c.uri, true, "the addresses collection lists the new Address")
	t.refusedNetworkCreate(checks.AddressCreateV1, "addresses", "AddressCollection", "AddressCreate", "Address",
		"address-without-template", model.Obj(), "an AddressCreate without addressTemplate")
}

func (t *T) makeForwardingGroupV1(nr *networkRunV1) {
	nets := []string{nr.net, nr.inline}
	if nr.inline == "" {
		// Without a Network by value, a second one from the template.
		second, _, _ := t.createNetworkV1("network-second", model.Ref(nr.tmpl), checks.ForwardingGroupCreateV1, "STARTED")
		nets[1] = second
	}
	t.Must(nets[0] != "" && nets[1] != "", "two Networks are needed")
	judge := func(g Gomega, got *model.Node, what string) {
		g.Expect(t.hrefs(got.Get("networks"))).To(And(HaveKey(nets[0]), HaveKey(nets[1])), "networks of the %s", what)
	}
	tmpl := t.postV1("forwardingGroupTemplates", "ForwardingGroupTemplate",
		model.Obj("name", t.name("group-template-"+string(t.F)), "networks", model.Arr(model.Ref(nets[0]), model.Ref(nets[1]))),
		func(g Gomega, got *model.Node) { judge(g, got, "ForwardingGroupTemplate") })
	c, coll := t.createFrom("forwardingGroups", "ForwardingGroupCollection", "ForwardingGroupCreate", "ForwardingGroup", "group",
		"forwardingGroupTemplate", tmpl, checks.ForwardingGroupCreateV1)
	t.Must(c.uri != "", "the create did not yield a ForwardingGroup")
	got, resp := t.readShape(c.uri, "ForwardingGroup")
	t.Check(checks.ForwardingGroupCreateV1, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the new ForwardingGroup can be read")
		judge(g, got, "ForwardingGroup")
	})
	t.judgeListed(checks.ForwardingGroupCreateV1, coll, "ForwardingGroupCollection", c.uri, true,
		"the forwardingGroups collection lists the new ForwardingGroup")
	t.refusedNetworkCreate(checks.ForwardingGroupCreateV1, "forwardingGroups", "ForwardingGroupCollection", "ForwardingGroupCreate",
		"ForwardingGroup", "group-without-template", model.Obj(), "a ForwardingGroupCreate without forwardingGroupTemplate")
}

// readNetworkItemsXMLV1 reads each 1.x network collection as written in
// XML (N-129): after id and count come the items, each named after its
// type, then the operations; nothing groups them.
func (t *T) readNetworkItemsXMLV1() {
	cep := readCEP(t)
	var bad []string
	var evs []*client.Response
	seen := 0
	for _, c := range networkCollectionsV1 {
		href := cep.Href(c.attr)
		if href == "" {
			continue
		}
		r := t.get(t.env.client.Resolve(href), client.Accept(model.XML))
		evs = append(evs, r)
		doc := etree.NewDocument()
		if r.Status != http.StatusOK || doc.ReadFromBytes(r.Body) != nil || doc.Root() == nil {
			continue // the representation checks say what is wrong
		}
		item := strings.TrimSuffix(c.coll, "Collection")
		for _, el := range doc.Root().ChildElements() {
			switch el.Tag {
			case "id", "count", "operation":
			case item:
				seen++
			default:
				if el.NamespaceURI() == doc.Root().NamespaceURI() {
					bad = append(bad, fmt.Sprintf("%s holds <%s>", c.attr, el.Tag))
				}
			}
		}
	}
	switch {
	case len(bad) > 0:
		t.Fail(checks.NetworkCollectionItemsV1, strings.Join(bad, "; "), "items directly after count", "", evs...)
	case seen == 0:
		t.NotTested(checks.NetworkCollectionItemsV1, "no 1.x network collection has an item")
	default:
		t.Pass(checks.NetworkCollectionItemsV1)
	}
}

func (t *T) deletePortV1(nr *networkRunV1) {
	t.Must(nr.port != "" && nr.net != "", "no NetworkPort was made")
	if !t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("networkPorts")), nr.port, "NetworkPort", checks.NetworkPortsV1) {
		return
	}
	t.judgePortRecords(nr, false)
}

// machineOnNetworkV1 posts a MachineTemplate with a networkInterface on the
// run's Network with its Address (N-131), makes a Machine from it and reads
// the Machine's MachineNetworkInterfaces (M-122).
func (t *T) machineOnNetworkV1(nr *networkRunV1) {
	t.Must(nr.net != "" && nr.address != "", "no Network and Address were made")
	coll, add := addOf(t, "machineTemplates", "MachineTemplateCollection")
	cfg, img := pickConfig(t), pickImage(t)
	nic := model.Obj("addresses", model.Arr(model.Ref(nr.address)), "network", model.Ref(nr.net), "state", "ACTIVE")
	c := t.create(coll, add, "MachineTemplate", "MachineTemplate", model.Obj("name", t.name("machine-template-nic-"+string(t.F)),
		"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")), "networkInterfaces", model.Arr(nic)),
		checks.MachineInterfaceTemplateV1)
	t.Must(c.uri != "", "the create did not yield a MachineTemplate")
	got, resp := t.read(c.uri, "MachineTemplate", model.Full)
	t.Check(checks.MachineInterfaceTemplateV1, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the new MachineTemplate can be read")
		nics := got.Root.Get("networkInterfaces").List()
		g.Expect(nics).To(HaveLen(1), "networkInterfaces of the MachineTemplate")
		g.Expect(t.env.client.Resolve(nics[0].Href("network"))).To(Equal(nr.net), "network of the template's networkInterface")
		g.Expect(nics[0].Str("state")).To(Equal("ACTIVE"), "state of the template's networkInterface")
		g.Expect(t.hrefs(nics[0].Get("addresses"))).To(HaveKey(nr.address), "addresses of the template's networkInterface")
	})
	m := t.machineFrom(model.Ref(c.uri), "machine-nic", checks.MachineInterfaceTemplateV1)
	t.Must(m != nil, "no Machine was made from the template")
	defer t.dispose(m.uri)
	machine := t.rest(m.uri, checks.MachineInterfaceTemplateV1)
	t.Must(machine != nil, "the new Machine does not come to rest")
	nics := t.networkParts(machine, "networkInterfaces", "MachineNetworkInterfaceCollection")
	var nets []string
	for _, n := range nics {
		nets = append(nets, t.env.client.Resolve(n.Href("network")))
	}
	t.Check(checks.MachineInterfaceTemplateV1, ev(m.resp), func(g Gomega) {
		g.Expect(nets).To(ContainElement(nr.net), "the Networks of the Machine's MachineNetworkInterfaces")
	})
	t.judgeMachineInterfaces(nics, nr.address, m.resp)
}

// judgeMachineInterfaces: each MachineNetworkInterface names its Network
// and a state, gives macAddress and mtu as strings and integers where it
// knows them, and its addresses name Addresses that can be read, among
// them the one its template gave (M-122).
func (t *T) judgeMachineInterfaces(nics []*model.Node, address string, resp *client.Response) {
	if len(nics) == 0 {
		t.Fail(checks.MachineInterfaces, "the Machine lists no MachineNetworkInterface", "one per networkInterface of its template", "", resp)
		return
	}
	var named []string
	var evs []*client.Response
	for _, n := range nics {
		for _, it := range t.itemsRead(t.env.client.Resolve(n.Href("addresses")), "MachineNetworkInterfaceAddressCollection") {
			h := t.env.client.Resolve(it.Href("address"))
			r := t.get(h)
			evs = append(evs, r)
			if r.Status == http.StatusOK {
				named = append(named, h)
			}
		}
	}
	t.Check(checks.MachineInterfaces, append(evs, resp), func(g Gomega) {
		for _, n := range nics {
			g.Expect(n.Href("network")).NotTo(BeEmpty(), "network of %s", n.Str("id"))
			g.Expect(n.Str("state")).NotTo(BeEmpty(), "state of %s", n.Str("id"))
			g.Expect(n.Href("addresses")).NotTo(BeEmpty(), "addresses of %s", n.Str("id"))
			if n.Has("mtu") {
				_, ok := n.Int("mtu")
				g.Expect(ok).To(BeTrue(), "mtu of %s is an integer", n.Str("id"))
			}
		}
		g.Expect(named).To(ContainElement(address), "the Addresses the interfaces' records name, which can be read")
	})
}
