package reference

import (
	"maps"
	"net/http"
	"slices"
	"strings"
)

// Networks, the CIMI 2.0 model (§5.16): a Network holds ProtocolSegments
// and NetworkServices, made from templates by reference or by value; a
// NetworkTemplate's segmentTemplates and serviceTemplates make new ones, its
// segments, services and subnetworks link existing ones. start and stop
// reach every component, recursively (l.3157, l.3184). Endpoints,
// interfaces are in endpoints.go, the 1.x model in networks_v1.go.

// Protocol parameters a Segment of each protocol must carry (§5.16.5.1,
// Tables 33-35).
var segmentParameters = map[string][]string{
	"IPv4": {"netmask", "subnetAddress"}, "IPv6": {"prefixLength", "subnetAddress"}, "Ethernet": {"speed", "mtu"},
}

// serviceTypes are the NetworkService types of Table 44.
var serviceTypes = []string{"Load Balancer", "QoS", "Firewall", "VPN", "DHCP", "DNS", "NAT", "Gateway",
	"Layer4 Port Forwarding", "IP Routing", "Virtual Network Device", "Other"}

func init() {
	// Network and NetworkTemplate differ between the versions (the 1.x
	// fields are in networks_v1.go).
	addType("Network", withCommon(append([]field{fString("state").readOnly(),
		fColl("segments").v(2), fColl("services").v(2), fColl("subnetworks").v(2),
		fColl("meters").v(2), fRef("eventLog", "EventLog").readOnly().v(2)}, networkFieldsV1()...)...)...)
	addType("NetworkTemplate", withCommon(append(networkTemplateFields(), networkTemplateFieldsV1()...)...)...)
	addType("NetworkCreate", fString("name"), fString("description"), fMap("properties"), fRef("networkTemplate", "NetworkTemplate"))
	addType("ProtocolSegment", withCommon(fString("state").readOnly(), fString("protocol"), fBool("noDefaultRouting"),
		fColl("endpoints"), fKeyed("parameters"), fColl("meters"), fRef("eventLog", "EventLog").readOnly())...)
	addType("ProtocolSegmentTemplate", withCommon(append([]field{fRef("network", "Network"), fString("initialState"), fString("protocol"),
		fBool("noDefaultRouting"), fRefs("endpoints", "endpoint"), fRefsOrValues("endpointTemplates", "endpointTemplate", "ProtocolEndpointTemplate"),
		fKeyed("parameters")}, monitorTemplateFields()...)...)...)
	addType("ProtocolSegmentCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("protocolSegmentTemplate", "ProtocolSegmentTemplate"))
	addType("NetworkService", withCommon(fString("state").readOnly(), fString("type"), fColl("endpoints"), fColl("segments"),
		fMap("policies"), fColl("meters"), fRef("eventLog", "EventLog").readOnly())...)
	addType("NetworkServiceTemplate", withCommon(append([]field{fRef("network", "Network"), fString("initialState"), fString("type"),
		fRefs("endpoints", "endpoint"), fRefs("segments", "segment"), fMap("policies")}, monitorTemplateFields()...)...)...)
	addType("NetworkServiceCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("networkServiceTemplate", "NetworkServiceTemplate"))
}

func networkTemplateFields() []field {
	return []field{
		fString("initialState"),
		fRefs("segments", "segment").v(2), fRefs("segmentTemplates", "segmentTemplate").v(2),
		fRefs("services", "service").v(2), fRefs("serviceTemplates", "serviceTemplate").v(2),
		fRefs("subnetworks", "subnetwork").v(2), fRefs("subnetworkTemplates", "subnetworkTemplate").v(2),
		fRefsOrValues("meterTemplates", "meterTemplate", "MeterTemplate").v(2), fRef("eventLogTemplate", "EventLogTemplate").v(2),
	}
}

// monitorTemplateFields are the last two attributes of every 2.0 network
// template (Tables 36, 41, 43, 45).
func monitorTemplateFields() []field {
	return []field{fRefsOrValues("meterTemplates", "meterTemplate", "MeterTemplate"), fRef("eventLogTemplate", "EventLogTemplate")}
}

// networkRows are the 2.0 network rows of the table.
func networkRows() []*typeRow {
	return []*typeRow{
		{typ: "Network", attr: "networks", coll: "NetworkCollection", member: "networks", meta: "network", only: 2,
			hooks: hooks{create: (*request).createNetwork, ops: (*request).startStopOps, child: monitored((*request).networkChild),
				remove: (*request).deleteNetwork, metadata: networkMetadata, update: adoptByParent}},
		{typ: "NetworkTemplate", attr: "networkTemplates", coll: "NetworkTemplateCollection", member: "networkTemplates", only: 2,
			hooks: hooks{create: (*request).createNetworkTemplate, update: localRefs, updateIgnored: FaultNetworkTemplateUpdateIgnored}},
		{typ: "ProtocolSegment", attr: "segments", coll: "ProtocolSegmentCollection", member: "segments", meta: "protocolSegment", only: 2,
			hooks: hooks{create: (*request).createSegment, ops: (*request).startStopOps, child: monitored((*request).segmentChild),
				fixed: []string{"protocol"}, metadata: segmentMetadata, deleteIgnored: FaultSegmentDeleteIgnored,
				updateIgnored: FaultSegmentUpdateIgnored}},
		{typ: "ProtocolSegmentTemplate", attr: "segmentTemplates", coll: "ProtocolSegmentTemplateCollection", member: "segmentTemplates", only: 2,
			hooks: hooks{create: (*request).createSegmentTemplate, update: localRefs}},
		{typ: "NetworkService", attr: "networkServices", coll: "NetworkServiceCollection", member: "services", meta: "networkService", only: 2,
			hooks: hooks{create: (*request).createService, ops: (*request).startStopOps, child: monitored((*request).serviceChild),
				fixed: []string{"type"}, metadata: serviceMetadata, deleteIgnored: FaultServiceDeleteIgnored}},
		{typ: "NetworkServiceTemplate", attr: "networkServiceTemplates", coll: "NetworkServiceTemplateCollection",
			member: "networkServiceTemplates", only: 2, hooks: hooks{create: (*request).createServiceTemplate, update: localRefs}},
	}
}

func networkMetadata(t *tenant, vals map[string]any) {
	cap := func(name string, value any) any { return t.capability("Network", name, value) }
	vals["capabilities"] = []any{cap("NetworkTemplateByValue", true),
		cap("InitialStates", "STARTED,STOPPED"), cap("DefaultInitialState", "STOPPED")}
	vals["actions"] = t.actions("start", "stop")
}

func segmentMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("ProtocolSegment", "ProtocolSegmentTemplateByValue", true),
		t.capability("ProtocolSegment", "DefaultInitialState", "STOPPED")}
	if !t.s.fault(FaultInitialStatesUnpublished) {
		vals["capabilities"] = append(vals["capabilities"].([]any), t.capability("ProtocolSegment", "InitialStates", "STARTED,STOPPED"))
	}
	vals["actions"] = t.actions("start", "stop")
}

func serviceMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("NetworkService", "NetworkServiceTemplateByValue", true),
		t.capability("NetworkService", "DefaultInitialState", "STOPPED"), t.capability("NetworkService", "InitialStates", "STARTED,STOPPED")}
	vals["actions"] = t.actions("start", "stop")
}

// seedNetworks gives every 2.0 user the Internet (a started Network with
// one IPv4 Segment, for reaching outside the cloud, l.3124), a private
// IPv4 segment template, a DHCP service template and a NetworkTemplate
// joining them.
func (t *tenant) seedNetworks() {
	if t.s.major != 2 {
		return
	}
	t.add("segmentTemplates", &resource{typ: "ProtocolSegmentTemplate", path: "segmentTemplates/ipv4-10.0.1.0-24", seeded: true,
		vals: map[string]any{"name": "ipv4-10.0.1.0-24", "description": "a private IPv4 subnet", "protocol": "IPv4",
			"parameters": map[string]string{"netmask": "255.255.255.0", "subnetAddress": "10.0.1.0"}}})
	t.add("networkServiceTemplates", &resource{typ: "NetworkServiceTemplate", path: "networkServiceTemplates/dhcp", seeded: true,
		vals: map[string]any{"name": "dhcp", "description": "addresses for the Endpoints of a Segment", "type": "DHCP",
			"policies": map[string]string{"leaseTime": "PT1H"}}})
	t.add("networkTemplates", &resource{typ: "NetworkTemplate", path: "networkTemplates/private", seeded: true,
		vals: map[string]any{"name": "private", "description": "a private IPv4 network with DHCP", "initialState": "STOPPED",
			"segmentTemplates": []any{refPath("segmentTemplates/ipv4-10.0.1.0-24")},
			"serviceTemplates": []any{refPath("networkServiceTemplates/dhcp")}}})
	net := t.add("networks", &resource{typ: "Network", path: "networks/internet", seeded: true,
		vals: map[string]any{"name": "internet", "description": "the world outside this cloud", "state": "STARTED"}})
	t.networkCollections(net)
	seg := t.add("segments", &resource{typ: "ProtocolSegment", path: "segments/internet-ipv4", seeded: true, partOf: net.path,
		vals: map[string]any{"name": "internet-ipv4", "state": "STARTED", "protocol": "IPv4", "noDefaultRouting": false,
			"endpoints":  refPath("segments/internet-ipv4/endpoints"),
			"parameters": map[string]string{"netmask": "0.0.0.0", "subnetAddress": "0.0.0.0"}}})
	t.link(net.path+"/segments", seg.path)
}

func (t *tenant) networkCollections(n *resource) {
	for _, c := range []string{"segments", "services", "subnetworks", "meters"} {
		n.vals[c] = refPath(n.path + "/" + c)
	}
}

// --- templates ---------------------------------------------------------------

// storeChecked handles POST on a template collection: the body is the
// template itself (a 1.x switch asks for a …Create wrapper instead),
// checked and stored.
func (rq *request) storeChecked(coll, typ string, check func(map[string]any) error) error {
	if rq.s.major == 1 && rq.s.fault(FaultV1TemplateCreateWrapped) {
		return rq.storeWrapped(coll, typ, check)
	}
	return rq.storeAs(coll, typ, check, typ)
}

// storeWrapped takes a template only inside a …Create element (a switch:
// 1.x templates are posted as themselves).
func (rq *request) storeWrapped(coll, typ string, check func(map[string]any) error) error {
	return rq.storeAs(coll, typ, check, typ+"Create")
}

// storeAs stores a body whose root element is one of roots.
func (rq *request) storeAs(coll, typ string, check func(map[string]any) error, roots ...string) error {
	body, err := rq.body(types[typ], roots...)
	if err != nil {
		return err
	}
	if err := check(body); err != nil {
		return err
	}
	return rq.store(coll, typ, body)
}

// checkNetworkTemplate resolves a NetworkTemplate's references (a switch
// drops its serviceTemplates).
func (rq *request) checkNetworkTemplate(body map[string]any) error {
	if err := rq.networkTemplateRefs(body); err != nil {
		return err
	}
	if rq.s.fault(FaultNetworkTemplateDropsServices) {
		delete(body, "serviceTemplates")
	}
	return nil
}

func (rq *request) createNetworkTemplate() error {
	return rq.storeChecked("networkTemplates", "NetworkTemplate", rq.checkNetworkTemplate)
}

// networkTemplateRefs resolves the references of a NetworkTemplate to our
// own resources, stored as paths.
func (rq *request) networkTemplateRefs(body map[string]any) error {
	if s, ok := body["initialState"].(string); ok && s != "STARTED" && s != "STOPPED" && !rq.s.fault(FaultNetworkTemplateTransientState) {
		return errorf(http.StatusBadRequest, "initialState %q is not one of InitialStates (STARTED, STOPPED)", s)
	}
	for name, typ := range map[string]string{"segments": "ProtocolSegment", "segmentTemplates": "ProtocolSegmentTemplate",
		"services": "NetworkService", "serviceTemplates": "NetworkServiceTemplate", "subnetworks": "Network",
		"subnetworkTemplates": "NetworkTemplate"} {
		if err := rq.resolveRefs(body, name, typ); err != nil {
			return err
		}
	}
	return rq.checkMonitorTemplates(body)
}

// resolveRefs turns the references of body[name] into paths of our own
// resources of type typ; items already resolved (a stored template's)
// stay.
func (rq *request) resolveRefs(body map[string]any, name, typ string) error {
	list, _ := body[name].([]any)
	var paths []any
	for _, it := range list {
		if p, ok := it.(refPath); ok {
			paths = append(paths, p)
			continue
		}
		m, _ := it.(map[string]any)
		href, _ := m["href"].(string)
		r := rq.resolve(href, typ)
		if r == nil {
			return errorf(http.StatusBadRequest, "%s names %q, which is not a %s of this provider", name, href, typ)
		}
		paths = append(paths, refPath(r.path))
	}
	if len(paths) > 0 {
		body[name] = paths
	}
	return nil
}

func (rq *request) createSegmentTemplate() error {
	return rq.storeChecked("segmentTemplates", "ProtocolSegmentTemplate", rq.checkSegmentTemplate)
}

// checkSegmentTemplate: a known protocol with its parameters, a known
// Network, a stable initial state (Table 36).
func (rq *request) checkSegmentTemplate(body map[string]any) error {
	proto, _ := body["protocol"].(string)
	if _, ok := segmentParameters[proto]; !ok && !rq.s.fault(FaultSegmentProtocolUnchecked) {
		return errorf(http.StatusBadRequest, "protocol %q is not Ethernet, IPv4 or IPv6", proto)
	}
	params, _ := body["parameters"].(map[string]string)
	for _, k := range segmentParameters[proto] {
		if params[k] == "" {
			return errorf(http.StatusBadRequest, "an %s segment needs the parameter %s", proto, k)
		}
	}
	if s, ok := body["initialState"].(string); ok && s != "STARTED" && s != "STOPPED" {
		return errorf(http.StatusBadRequest, "initialState %q is not STARTED or STOPPED", s)
	}
	if err := rq.resolveRefs(body, "endpoints", "ProtocolEndpoint"); err != nil {
		return err
	}
	if err := rq.endpointTemplatesOf(body); err != nil {
		return err
	}
	if err := rq.checkMonitorTemplates(body); err != nil {
		return err
	}
	return rq.networkRef(body)
}

// networkRef resolves a template's network to one of our Networks.
func (rq *request) networkRef(body map[string]any) error {
	m, ok := body["network"].(map[string]any)
	if !ok {
		return nil
	}
	href, _ := m["href"].(string)
	n := rq.resolve(href, "Network")
	if n == nil {
		return errorf(http.StatusBadRequest, "network %q is not a Network of this provider", href)
	}
	body["network"] = refPath(n.path)
	return nil
}

func (rq *request) createServiceTemplate() error {
	return rq.storeChecked("networkServiceTemplates", "NetworkServiceTemplate", rq.checkServiceTemplate)
}

func (rq *request) checkServiceTemplate(body map[string]any) error {
	if typ, _ := body["type"].(string); !slices.Contains(serviceTypes, typ) && !rq.s.fault(FaultServiceTypeUnchecked) {
		return errorf(http.StatusBadRequest, "type %q is not a NetworkService type of Table 44", typ)
	}
	if s, ok := body["initialState"].(string); ok && s != "STARTED" && s != "STOPPED" {
		return errorf(http.StatusBadRequest, "initialState %q is not STARTED or STOPPED", s)
	}
	for name, typ := range map[string]string{"segments": "ProtocolSegment", "endpoints": "ProtocolEndpoint"} {
		if err := rq.resolveRefs(body, name, typ); err != nil {
			return err
		}
	}
	if err := rq.checkMonitorTemplates(body); err != nil {
		return err
	}
	return rq.networkRef(body)
}

// templateOf gives the template a create names: a stored one by href, or
// one given by value. It returns a copy the create may change.
func (rq *request) templateOf(v any, typ string, byValue bool) (map[string]any, error) {
	m, _ := v.(map[string]any)
	if len(m) == 0 {
		return nil, errorf(http.StatusBadRequest, "a create needs a %s", typ)
	}
	if href, _ := m["href"].(string); href != "" {
		r := rq.resolve(href, typ)
		if r == nil {
			return nil, errorf(http.StatusBadRequest, "%q is not a %s of this provider", href, typ)
		}
		return maps.Clone(r.vals), nil
	}
	if !byValue || rq.s.fault(partByValueRefused[typ]) {
		return nil, errorf(http.StatusBadRequest, "this provider takes a %s by reference only", typ)
	}
	return m, nil
}

// partByValueRefused name the switches that refuse a part's template given
// by value although the part's …TemplateByValue capability is true.
var partByValueRefused = map[string]string{
	"ProtocolSegmentTemplate": FaultSegmentByValueRefused, "ProtocolEndpointTemplate": FaultEndpointByValueRefused,
	"NetworkInterfaceTemplate": FaultInterfaceByValueRefused, "NetworkServiceTemplate": FaultServiceByValueRefused,
}

// --- Networks ------------------------------------------------------------------

// createNetwork handles POST on the NetworkCollection: a NetworkCreate
// with its template (l.3213). The Network is CREATING, then reaches its
// initial state as start would take it there, with its components.
func (rq *request) createNetwork() error {
	body, err := rq.body(types["NetworkCreate"])
	if err != nil {
		return err
	}
	tpl, err := rq.networkCreateTemplate(body)
	if err != nil {
		return err
	}
	if err := rq.networkTemplateRefs(tpl); err != nil {
		return err
	}
	if err := rq.checkComponentTemplates(tpl); err != nil {
		return err
	}
	n := rq.makeNetwork(body, tpl, "")
	to := rq.startingState(tpl, "STOPPED", FaultNetworkInitialStateIgnored)
	j := rq.t.newJob(rq.actionURI("add"), "networks", n.path)
	d, steps := rq.s.opts.Latency, rq.stepsTo(to)
	if rq.s.fault(FaultNetworkCreatingHidden) {
		d, steps = d*40, []string{"STOPPED"} // long enough to be seen
	}
	rq.advanceIn(d, n, j, steps, to, func() { rq.setStarted(n, to == "STARTED") })
	rq.created(n, j)
	return nil
}

// networkCreateTemplate is the template of a NetworkCreate, or nil where
// a switch lets a Network be made without one.
func (rq *request) networkCreateTemplate(body map[string]any) (map[string]any, error) {
	if body["networkTemplate"] == nil && rq.s.fault(FaultNetworkWithoutTemplate) {
		return map[string]any{}, nil
	}
	return rq.templateOf(body["networkTemplate"], "NetworkTemplate", !rq.s.fault(FaultNetworkByValueRefused))
}

// checkComponentTemplates: a segment or service template used while a
// Network is made names no other Network (Tables 36, 45).
func (rq *request) checkComponentTemplates(tpl map[string]any) error {
	if rq.s.fault(FaultForeignTemplateAccepted) {
		return nil
	}
	for _, name := range []string{"segmentTemplates", "serviceTemplates"} {
		if name == "serviceTemplates" && rq.s.fault(FaultForeignServiceTemplateAccepted) {
			continue
		}
		list, _ := tpl[name].([]any)
		for _, it := range list {
			p, _ := it.(refPath)
			if r := rq.t.get(string(p)); r != nil && r.vals["network"] != nil {
				return errorf(http.StatusBadRequest, "%s %s belongs to another Network", name, rq.rend.abs(p))
			}
		}
	}
	return nil
}

// startingState is where a new resource goes: the template's initialState,
// else the DefaultInitialState, STOPPED here (l.3214-3217).
func (rq *request) startingState(tpl map[string]any, def, ignored string) string {
	if s, _ := tpl["initialState"].(string); s != "" && !rq.s.fault(ignored) {
		return s
	}
	return def
}

func (rq *request) stepsTo(state string) []string {
	if state == "STARTED" {
		return []string{"CREATING", "STARTING"}
	}
	return []string{"CREATING"}
}

// makeNetwork stores a Network and its components: the existing segments,
// services and subnetworks the template names, and one new resource per
// component template (Table 31).
func (rq *request) makeNetwork(body, tpl map[string]any, partOf string) *resource {
	t := rq.t
	n := t.add("networks", &resource{typ: "Network", partOf: partOf, vals: named(body, map[string]any{"state": "CREATING"})})
	t.networkCollections(n)
	linkAll := func(name, coll string) {
		list, _ := tpl[name].([]any)
		for _, it := range list {
			if p, ok := it.(refPath); ok && !rq.s.fault(FaultNetworkTemplateLinksIgnored) {
				t.link(n.path+"/"+coll, string(p))
			}
		}
	}
	linkAll("segments", "segments")
	linkAll("services", "services")
	linkAll("subnetworks", "subnetworks")
	each := func(name string, mk func(tpl map[string]any) *resource, coll string) {
		list, _ := tpl[name].([]any)
		for _, it := range list {
			p, _ := it.(refPath)
			src := t.get(string(p))
			if src == nil || rq.s.fault(FaultNetworkTemplateMakesNothing) {
				continue
			}
			if prev := t.madeFrom[string(p)]; prev != "" && t.res[prev] != nil && rq.s.fault(FaultTemplatePartsShared) {
				t.link(n.path+"/"+coll, prev)
				continue
			}
			c := mk(maps.Clone(src.vals))
			c.partOf = n.path
			t.madeFrom[string(p)] = c.path
			t.link(n.path+"/"+coll, c.path)
		}
	}
	each("segmentTemplates", func(v map[string]any) *resource { return rq.makeSegment(map[string]any{}, v, "STOPPED") }, "segments")
	each("serviceTemplates", func(v map[string]any) *resource { return rq.makeService(map[string]any{}, v, "STOPPED") }, "services")
	each("subnetworkTemplates", func(v map[string]any) *resource {
		sub := rq.makeNetwork(map[string]any{"name": n.str("name") + "-sub"}, v, n.path)
		sub.vals["state"] = "STOPPED"
		return sub
	}, "subnetworks")
	rq.defaultSegment(n)
	rq.monitorPart(n, tpl)
	return n
}

// components are the resources a Network's collections list.
func (t *tenant) components(n *resource) []*resource {
	var out []*resource
	for _, c := range []string{"segments", "services", "subnetworks"} {
		out = append(out, t.items(n.path+"/"+c)...)
	}
	return out
}

// setStarted starts (or stops) a Network's components, recursively
// (l.3157, l.3184).
func (rq *request) setStarted(n *resource, started bool) {
	if (started && rq.s.fault(FaultNetworkStartSparesParts)) || (!started && rq.s.fault(FaultNetworkStopSparesParts)) {
		return
	}
	state := "STOPPED"
	if started {
		state = "STARTED"
	}
	for _, c := range rq.t.components(n) {
		if c.typ == "Network" {
			c.vals["state"] = state
			rq.setStarted(c, started)
			continue
		}
		c.vals["state"] = state
	}
}

// startStopOps offers what a Network, Segment or Service may do now: start
// when STOPPED, stop when STARTED, nothing while it moves (§4.16).
func (rq *request) startStopOps(r *resource) []any {
	return rq.twoStateOps(r, [2]string{"STOPPED", "start"}, [2]string{"STARTED", "stop"})
}

// twoStateOps offers edit, delete and the one action that leaves the
// state r is in: each pair is a state and the action offered in it.
func (rq *request) twoStateOps(r *resource, pairs ...[2]string) []any {
	self := rq.rend.abs(refPath(r.path))
	ops := []any{op("edit", self), op("delete", self)}
	for _, p := range pairs {
		if r.str("state") == p[0] {
			ops = append(ops, op(rq.rend.ns+"/action/"+p[1], rq.rend.abs(refPath(r.path+"/"+p[1]))))
		}
	}
	return ops
}

// networkChild answers a Network's collections, start and stop.
func (rq *request) networkChild(n *resource, rest []string) error {
	if len(rest) == 1 {
		switch rest[0] {
		case "segments", "services", "subnetworks":
			if !rq.isRead() {
				return methodNotAllowed("GET", "HEAD")
			}
			coll := map[string]string{"segments": "ProtocolSegmentCollection", "services": "NetworkServiceCollection",
				"subnetworks": "NetworkCollection"}[rest[0]]
			return rq.listCollection(n.path+"/"+rest[0], coll, rq.t.items(n.path+"/"+rest[0]), false)
		}
	}
	return rq.startStopChild(n, rest)
}

// segmentChild answers a Segment's endpoints, start and stop.
func (rq *request) segmentChild(seg *resource, rest []string) error {
	if len(rest) == 1 && rest[0] == "endpoints" {
		return rq.segmentEndpoints(seg)
	}
	return rq.startStopChild(seg, rest)
}

func (rq *request) serviceChild(s *resource, rest []string) error {
	if len(rest) == 1 && (rest[0] == "segments" || rest[0] == "endpoints") {
		if !rq.isRead() {
			return methodNotAllowed("GET", "HEAD")
		}
		coll := map[string]string{"segments": "ProtocolSegmentCollection", "endpoints": "ProtocolEndpointCollection"}[rest[0]]
		if rest[0] == "endpoints" && rq.s.fault(FaultServiceEndpointsMistyped) {
			coll = "ProtocolSegmentCollection"
		}
		return rq.listCollection(s.path+"/"+rest[0], coll, rq.t.items(s.path+"/"+rest[0]), false)
	}
	return rq.startStopChild(s, rest)
}

// startStopChild answers start and stop. A Network passes STARTING or
// STOPPING and takes its components along; a Segment or a Service has no
// transitional state (§4.16).
func (rq *request) startStopChild(r *resource, rest []string) error {
	if err := rq.offeredAction(r, rest, "start", "stop"); err != nil {
		return err
	}
	start := rest[0] == "start"
	to, via := "STOPPED", "STOPPING"
	if start {
		to, via = "STARTED", "STARTING"
	}
	if r.typ != "Network" {
		ignored := rq.s.fault(map[string][2]string{
			"ProtocolSegment": {FaultSegmentStopIgnored, FaultSegmentStartIgnored},
			"NetworkService":  {FaultServiceStopIgnored, FaultServiceStartIgnored},
		}[r.typ][boolIndex(start)])
		if !ignored {
			r.vals["state"] = to
		}
		rq.completedJob(rest[0], r.path)
		rq.send(http.StatusNoContent, nil)
		return nil
	}
	d := rq.s.opts.Latency
	if rq.s.fault(FaultNetworkTransitionsReversed) {
		via = map[string]string{"STARTING": "STOPPING", "STOPPING": "STARTING"}[via]
		d *= 40 // the wrong state lasts long enough to be seen
	}
	j := rq.t.newJob(rq.actionURI(rest[0]), r.path)
	rq.advanceIn(d, r, j, []string{via}, to, func() { rq.setStarted(r, start) })
	rq.jobHeader(j)
	rq.answerJob(j)
	return nil
}

// offeredAction checks a POST of one of the actions names below r: an
// Action body naming it, on a resource that offers it now.
func (rq *request) offeredAction(r *resource, rest []string, names ...string) error {
	if len(rest) != 1 || !slices.Contains(names, rest[0]) {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	if rq.r.Method != http.MethodPost {
		return methodNotAllowed("POST")
	}
	if rq.s.fault(FaultNetworkXMLActionRefused) && strings.Contains(rq.r.Header.Get("Content-Type"), "xml") {
		return errorf(http.StatusUnsupportedMediaType, "this provider takes network actions in JSON only")
	}
	if !rq.allows(r, rq.rend.ns+"/action/"+rest[0]) {
		return errorf(http.StatusConflict, "the %s is %s; %s is not available", r.typ, r.str("state"), rest[0])
	}
	_, err := rq.action(rest[0])
	return err
}

// boolIndex is 1 for true, 0 for false.
func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// deleteNetwork deletes a Network with the components made for it
// (§5.10.2); what it only linked stays.
func (rq *request) deleteNetwork(n *resource) error {
	j := rq.t.newJob(rq.actionURI("delete"), n.path)
	rq.jobHeader(j)
	gone := func() {
		if !rq.s.fault(FaultNetworkDeleteKeepsParts) {
			rq.t.removeParts(n.path)
		}
		rq.t.remove(n.path)
		rq.t.finish(j, true, "")
	}
	if rq.s.fault(FaultNetworkDeletingHidden) {
		prior := n.str("state")
		rq.deleteLaterIn(n, 40*rq.s.opts.Latency, gone)
		n.vals["state"] = prior
		return nil
	}
	rq.deleteLater(n, gone)
	return nil
}

// removeParts removes what was made for the resource at path, and what was
// made for those (a subnetwork's own parts).
func (t *tenant) removeParts(path string) {
	var parts []string
	for _, r := range t.res {
		if r.partOf == path {
			parts = append(parts, r.path)
		}
	}
	for _, p := range parts {
		t.removeParts(p)
		t.remove(p)
	}
}

// --- Segments and Services ---------------------------------------------------------

// createSegment handles POST on the ProtocolSegmentCollection: the template
// names the Network the Segment joins (Table 36).
func (rq *request) createSegment() error {
	body, err := rq.body(types["ProtocolSegmentCreate"])
	if err != nil {
		return err
	}
	if body["protocolSegmentTemplate"] == nil && rq.s.fault(FaultSegmentWithoutTemplate) {
		s := rq.makeSegment(body, map[string]any{"protocol": "IPv4",
			"parameters": map[string]string{"netmask": "255.255.255.0", "subnetAddress": "10.0.0.0"}}, "STOPPED")
		rq.created(s, rq.finishedJob("segments", s.path))
		return nil
	}
	tpl, err := rq.templateOf(body["protocolSegmentTemplate"], "ProtocolSegmentTemplate", true)
	if err != nil {
		return err
	}
	if err := rq.checkSegmentTemplate(tpl); err != nil {
		return err
	}
	net, _ := tpl["network"].(refPath)
	if net == "" && !rq.s.fault(FaultSegmentNetworkOptional) {
		return errorf(http.StatusBadRequest, "a ProtocolSegment made through the segments collection needs its template's network")
	}
	def := "STOPPED"
	if rq.s.fault(FaultSegmentCreatedStarted) {
		def = "STARTED"
	}
	if rq.s.fault(FaultSegmentParametersIgnored) {
		tpl["parameters"] = map[string]string{"netmask": "255.255.255.0", "subnetAddress": "10.0.0.0"}
	}
	s := rq.makeSegment(body, tpl, def)
	s.partOf = string(net)
	if net != "" {
		rq.t.link(string(net)+"/segments", s.path)
	}
	rq.created(s, rq.finishedJob("segments", s.path))
	return nil
}

// finishedJob is the ended Job of a create in collection coll.
func (rq *request) finishedJob(coll, made string) *resource {
	j := rq.t.newJob(rq.actionURI("add"), coll, made)
	rq.t.finish(j, true, "")
	return j
}

// makeSegment stores a ProtocolSegment from a template.
func (rq *request) makeSegment(body, tpl map[string]any, def string) *resource {
	vals := map[string]any{"state": rq.startingState(tpl, def, ""), "protocol": tpl["protocol"], "noDefaultRouting": false}
	if b, ok := tpl["noDefaultRouting"].(bool); ok {
		vals["noDefaultRouting"] = b
	}
	if p, ok := tpl["parameters"].(map[string]string); ok {
		params := map[string]string{}
		for k, v := range p {
			params[k] = v
		}
		if rq.s.fault(FaultSegmentParametersDropped) {
			delete(params, "netmask")
		}
		if tpl["protocol"] == "IPv6" && rq.s.fault(FaultSegmentIPv6PrefixDropped) {
			delete(params, "prefixLength")
		}
		if tpl["protocol"] == "Ethernet" && rq.s.fault(FaultSegmentEthernetMTUDropped) {
			delete(params, "mtu")
		}
		vals["parameters"] = params
	}
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil {
			vals[k] = v
		} else if v, ok := tpl[k]; ok && v != nil && k != "properties" {
			vals[k] = v
		}
	}
	seg := rq.t.add("segments", &resource{typ: "ProtocolSegment", vals: vals})
	seg.vals["endpoints"] = refPath(seg.path + "/endpoints")
	rq.segmentEndpointsFrom(seg, tpl)
	rq.monitorPart(seg, tpl)
	return seg
}

func (rq *request) createService() error {
	body, err := rq.body(types["NetworkServiceCreate"])
	if err != nil {
		return err
	}
	if body["networkServiceTemplate"] == nil && rq.s.fault(FaultServiceWithoutTemplate) {
		s := rq.makeService(body, map[string]any{"type": "Other"}, "STOPPED")
		rq.created(s, rq.finishedJob("networkServices", s.path))
		return nil
	}
	tpl, err := rq.templateOf(body["networkServiceTemplate"], "NetworkServiceTemplate", true)
	if err != nil {
		return err
	}
	if err := rq.checkServiceTemplate(tpl); err != nil {
		return err
	}
	net, _ := tpl["network"].(refPath)
	if net == "" && !rq.s.fault(FaultServiceNetworkOptional) {
		return errorf(http.StatusBadRequest, "a NetworkService made through the networkServices collection needs its template's network")
	}
	def := "STOPPED"
	if rq.s.fault(FaultServiceCreatedStarted) {
		def = "STARTED"
	}
	s := rq.makeService(body, tpl, def)
	s.partOf = string(net)
	if net != "" {
		rq.t.link(string(net)+"/services", s.path)
	}
	rq.created(s, rq.finishedJob("networkServices", s.path))
	return nil
}

// makeService stores a NetworkService from a template, with the Segments
// it serves.
func (rq *request) makeService(body, tpl map[string]any, def string) *resource {
	vals := map[string]any{"state": rq.startingState(tpl, def, ""), "type": tpl["type"]}
	if p, ok := tpl["policies"].(map[string]string); ok && !rq.s.fault(FaultServicePoliciesDropped) {
		vals["policies"] = p
	}
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil {
			vals[k] = v
		} else if v, ok := tpl[k]; ok && v != nil && k != "properties" {
			vals[k] = v
		}
	}
	s := rq.t.add("networkServices", &resource{typ: "NetworkService", vals: vals})
	for _, c := range []string{"endpoints", "segments"} {
		s.vals[c] = refPath(s.path + "/" + c)
		list, _ := tpl[c].([]any)
		for _, it := range list {
			if p, ok := it.(refPath); ok {
				rq.t.link(s.path+"/"+c, string(p))
			}
		}
	}
	rq.monitorPart(s, tpl)
	return s
}
