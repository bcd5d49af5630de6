package reference

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
)

// ProtocolEndpoints and NetworkInterfaces (§5.16.9-16): an Endpoint is made
// in a Segment (through the Segment's endpoints, or the entry point's
// endpoints), STATIC with the address its template gives or DYNAMIC, in
// which case a DHCP Service of its Segment gives it one; an Interface is
// made from its template with its speed and mtu. Both are enabled and
// disabled, and leave every collection when deleted.

func init() {
	addType("ProtocolEndpoint", withCommon(fString("state").readOnly(), fString("protocol").readOnly(), fString("address"),
		fString("origin"), fRef("interface", "NetworkInterface"), fParams("parameters"), fColl("meters"),
		fRef("eventLog", "EventLog").readOnly())...)
	addType("ProtocolEndpointTemplate", withCommon(append([]field{fString("initialState"), fString("address"), fString("origin"),
		fRef("interface", "NetworkInterface"), fParams("parameters")}, monitorTemplateFields()...)...)...)
	addType("ProtocolEndpointCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("protocolEndpointTemplate", "ProtocolEndpointTemplate"))
	addType("NetworkInterface", withCommon(fString("state").readOnly(), fColl("endpoints"), fInt("speed"), fInt("mtu"),
		fColl("meters"), fRef("eventLog", "EventLog").readOnly())...)
	addType("NetworkInterfaceTemplate", withCommon(append([]field{fString("initialState"), fInt("speed"), fInt("mtu")},
		monitorTemplateFields()...)...)...)
	addType("NetworkInterfaceCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("networkInterfaceTemplate", "NetworkInterfaceTemplate"))
}

// endpointRows are the Endpoint and Interface rows of the table.
func endpointRows() []*typeRow {
	return []*typeRow{
		{typ: "ProtocolEndpoint", attr: "endpoints", coll: "ProtocolEndpointCollection", member: "endpoints", meta: "protocolEndpoint", only: 2,
			hooks: hooks{create: func(rq *request) error { return rq.createEndpoint(nil) }, ops: (*request).enableOps, update: localRefs,
				child: monitored((*request).enableChild), fixed: []string{"protocol", "origin"}, metadata: endpointMetadata,
				deleteIgnored: FaultEndpointDeleteIgnored}},
		{typ: "ProtocolEndpointTemplate", attr: "endpointTemplates", coll: "ProtocolEndpointTemplateCollection",
			member: "endpointTemplates", only: 2, hooks: hooks{create: (*request).createEndpointTemplate, update: localRefs}},
		{typ: "NetworkInterface", attr: "interfaces", coll: "NetworkInterfaceCollection", member: "networkInterfaces", meta: "networkInterface", only: 2,
			hooks: hooks{create: (*request).createInterface, ops: (*request).enableOps, child: monitored((*request).interfaceChild),
				metadata: interfaceMetadata, deleteIgnored: FaultInterfaceDeleteIgnored}},
		{typ: "NetworkInterfaceTemplate", attr: "interfaceTemplates", coll: "NetworkInterfaceTemplateCollection",
			member: "networkInterfaceTemplates", only: 2, hooks: hooks{create: (*request).createInterfaceTemplate, update: localRefs}},
	}
}

func endpointMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("ProtocolEndpoint", "ProtocolEndpointTemplateByValue", true),
		t.capability("ProtocolEndpoint", "DefaultInitialState", "DISABLED"), t.capability("ProtocolEndpoint", "InitialStates", "ENABLED,DISABLED")}
	vals["actions"] = t.actions("enable", "disable")
}

func interfaceMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("NetworkInterface", "NetworkInterfaceTemplateByValue", true),
		t.capability("NetworkInterface", "DefaultInitialState", "DISABLED"), t.capability("NetworkInterface", "InitialStates", "ENABLED,DISABLED")}
	vals["actions"] = t.actions("enable", "disable")
}

// --- templates ---------------------------------------------------------------

func (rq *request) createEndpointTemplate() error {
	return rq.storeChecked("endpointTemplates", "ProtocolEndpointTemplate", rq.checkEndpointTemplate)
}

// checkEndpointTemplate: STATIC gives its address, DYNAMIC none (Table
// 41); a stable initial state; an Interface of ours.
func (rq *request) checkEndpointTemplate(body map[string]any) error {
	origin, _ := body["origin"].(string)
	addr, _ := body["address"].(string)
	switch {
	case origin != "STATIC" && origin != "DYNAMIC":
		return errorf(http.StatusBadRequest, "origin %q is not STATIC or DYNAMIC", origin)
	case origin == "STATIC" && addr == "" && !rq.s.fault(FaultEndpointOriginUnchecked):
		return errorf(http.StatusBadRequest, "a STATIC endpoint template gives its address")
	case origin == "DYNAMIC" && addr != "" && !rq.s.fault(FaultEndpointOriginUnchecked):
		return errorf(http.StatusBadRequest, "a DYNAMIC endpoint template gives no address")
	}
	if s, ok := body["initialState"].(string); ok && s != "ENABLED" && s != "DISABLED" {
		return errorf(http.StatusBadRequest, "initialState %q is not ENABLED or DISABLED", s)
	}
	if m, ok := body["interface"].(map[string]any); ok {
		href, _ := m["href"].(string)
		nic := rq.resolve(href, "NetworkInterface")
		if nic == nil {
			return errorf(http.StatusBadRequest, "interface %q is not a NetworkInterface of this provider", href)
		}
		body["interface"] = refPath(nic.path)
	}
	if err := rq.checkEndpointParameters(body); err != nil {
		return err
	}
	return rq.checkMonitorTemplates(body)
}

func (rq *request) createInterfaceTemplate() error {
	return rq.storeChecked("interfaceTemplates", "NetworkInterfaceTemplate", rq.checkInterfaceTemplate)
}

// checkInterfaceTemplate: a stable initial state.
func (rq *request) checkInterfaceTemplate(body map[string]any) error {
	if s, ok := body["initialState"].(string); ok && s != "ENABLED" && s != "DISABLED" && !rq.s.fault(FaultInterfaceTemplateTransientState) {
		return errorf(http.StatusBadRequest, "initialState %q is not ENABLED or DISABLED", s)
	}
	return rq.checkMonitorTemplates(body)
}

// --- Endpoints ---------------------------------------------------------------------

// createEndpoint makes a ProtocolEndpoint from its template, in segment
// when posted to a Segment's endpoints (nil: the entry point's endpoints,
// where it belongs to no Segment until one lists it).
func (rq *request) createEndpoint(segment *resource) error {
	body, err := rq.body(types["ProtocolEndpointCreate"])
	if err != nil {
		return err
	}
	if body["protocolEndpointTemplate"] == nil && rq.s.fault(FaultEndpointWithoutTemplate) {
		body["protocolEndpointTemplate"] = map[string]any{"origin": "DYNAMIC"}
	}
	tpl, err := rq.templateOf(body["protocolEndpointTemplate"], "ProtocolEndpointTemplate", true)
	if err != nil {
		return err
	}
	if err := rq.checkEndpointTemplate(tpl); err != nil {
		return err
	}
	if err := rq.addressFits(tpl, segment); err != nil {
		return err
	}
	e := rq.makeEndpoint(body, tpl, segment)
	coll := "endpoints"
	if segment != nil {
		coll = segment.path + "/endpoints"
	}
	rq.created(e, rq.finishedJob(coll, e.path))
	return nil
}

// addressFits refuses a STATIC address of another protocol than the
// Segment's: a Segment's Endpoints all use its protocol (l.3114).
func (rq *request) addressFits(tpl map[string]any, segment *resource) error {
	addr, _ := tpl["address"].(string)
	if segment == nil || addr == "" || rq.s.fault(FaultEndpointAddressProtocolUnchecked) {
		return nil
	}
	proto := segment.str("protocol")
	if got := addressProtocol(addr); got != "" && got != proto {
		return errorf(http.StatusBadRequest, "the address %s is %s, not of the Segment's protocol %s", addr, got, proto)
	}
	return nil
}

// addressProtocol tells an address's protocol by its form ("" for none).
func addressProtocol(addr string) string {
	if ip := net.ParseIP(addr); ip != nil {
		if ip.To4() != nil {
			return "IPv4"
		}
		return "IPv6"
	}
	if _, err := net.ParseMAC(addr); err == nil {
		return "Ethernet"
	}
	return ""
}

// makeEndpoint stores a ProtocolEndpoint from a checked template, listed in
// segment's endpoints where it has one.
func (rq *request) makeEndpoint(body, tpl map[string]any, segment *resource) *resource {
	vals := map[string]any{"state": rq.startingState(tpl, "DISABLED", ""), "origin": tpl["origin"]}
	if rq.s.fault(FaultEndpointCreatedEnabled) {
		vals["state"] = "ENABLED"
	}
	for _, k := range []string{"address", "interface", "parameters"} {
		if v, ok := tpl[k]; ok && v != nil && !(k == "interface" && rq.s.fault(FaultEndpointInterfaceDropped)) {
			vals[k] = v
		}
	}
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil {
			vals[k] = v
		}
	}
	e := rq.t.add("endpoints", &resource{typ: "ProtocolEndpoint", vals: vals})
	if segment != nil {
		rq.joinSegment(e, segment)
	}
	if nic, _ := e.vals["interface"].(refPath); nic != "" {
		rq.t.link(string(nic)+"/endpoints", e.path)
	}
	rq.monitorPart(e, tpl)
	return e
}

// joinSegment lists an Endpoint in its Segment, with the Segment's
// protocol (a switch lists it in the Segment's sibling Segments too).
func (rq *request) joinSegment(e, segment *resource) {
	e.partOf = segment.path
	rq.t.link(segment.path+"/endpoints", e.path)
	if p, _ := segment.vals["protocol"].(string); p != "" {
		e.vals["protocol"] = p
		if rq.s.fault(FaultEndpointProtocolWrong) {
			e.vals["protocol"] = map[string]string{"IPv4": "IPv6"}[p]
		}
		if a, _ := e.vals["address"].(string); rq.s.fault(FaultEndpointAddressProtocolUnchecked) && addressProtocol(a) == "IPv6" {
			e.vals["protocol"] = "IPv6"
		}
	}
	rq.dhcp(e, segment)
	if rq.s.fault(FaultEndpointInTwoSegments) && segment.partOf != "" {
		for _, other := range rq.t.items(segment.partOf + "/segments") {
			if other != segment {
				rq.t.link(other.path+"/endpoints", e.path)
			}
		}
	}
}

// dhcp gives a DYNAMIC Endpoint an address in its Segment's subnet when a
// DHCP Service serves the Segment (N-53: the Provider may).
func (rq *request) dhcp(e, segment *resource) {
	if e.str("origin") != "DYNAMIC" {
		return
	}
	for _, svc := range rq.t.items("networkServices") {
		if svc.str("type") != "DHCP" || !slices.Contains(rq.t.members[svc.path+"/segments"], segment.path) {
			continue
		}
		params, _ := segment.vals["parameters"].(map[string]string)
		subnet := strings.TrimSuffix(params["subnetAddress"], ".0")
		e.vals["address"] = fmt.Sprintf("%s.%d", subnet, 100+len(rq.t.members[segment.path+"/endpoints"]))
		return
	}
}

// segmentEndpoints answers a Segment's endpoints: the list, and add.
func (rq *request) segmentEndpoints(seg *resource) error {
	switch {
	case rq.isRead():
		return rq.listCollection(seg.path+"/endpoints", "ProtocolEndpointCollection", rq.t.items(seg.path+"/endpoints"), true)
	case rq.r.Method == http.MethodPost:
		return rq.createEndpoint(seg)
	}
	return methodNotAllowed("GET", "HEAD", "POST")
}

// enableOps offers enable when DISABLED and disable when ENABLED (§4.16).
func (rq *request) enableOps(r *resource) []any {
	return rq.twoStateOps(r, [2]string{"DISABLED", "enable"}, [2]string{"ENABLED", "disable"})
}

// enableChild answers enable and disable: done at once, no transitional
// state (§4.16).
func (rq *request) enableChild(r *resource, rest []string) error {
	if err := rq.offeredAction(r, rest, "enable", "disable"); err != nil {
		return err
	}
	enable := rest[0] == "enable"
	ignored := rq.s.fault(map[string][2]string{
		"ProtocolEndpoint": {FaultEndpointDisableIgnored, FaultEndpointEnableIgnored},
		"NetworkInterface": {FaultInterfaceDisableIgnored, FaultInterfaceEnableIgnored},
	}[r.typ][boolIndex(enable)])
	if !ignored {
		r.vals["state"] = map[bool]string{true: "ENABLED", false: "DISABLED"}[enable]
	}
	rq.completedJob(rest[0], r.path)
	rq.send(http.StatusNoContent, nil)
	return nil
}

// --- Interfaces --------------------------------------------------------------------

func (rq *request) createInterface() error {
	body, err := rq.body(types["NetworkInterfaceCreate"])
	if err != nil {
		return err
	}
	if body["networkInterfaceTemplate"] == nil && rq.s.fault(FaultInterfaceWithoutTemplate) {
		body["networkInterfaceTemplate"] = map[string]any{"speed": int64(1000000000)}
	}
	tpl, err := rq.templateOf(body["networkInterfaceTemplate"], "NetworkInterfaceTemplate", true)
	if err != nil {
		return err
	}
	if err := rq.checkInterfaceTemplate(tpl); err != nil {
		return err
	}
	nic := rq.makeInterface(body, tpl)
	rq.created(nic, rq.finishedJob("interfaces", nic.path))
	return nil
}

// makeInterface stores a NetworkInterface from its template.
func (rq *request) makeInterface(body, tpl map[string]any) *resource {
	vals := named(body, map[string]any{"state": rq.startingState(tpl, "DISABLED", "")})
	if rq.s.fault(FaultInterfaceCreatedEnabled) {
		vals["state"] = "ENABLED"
	}
	for _, k := range []string{"speed", "mtu"} {
		if v, ok := tpl[k]; ok && v != nil && !(k == "mtu" && rq.s.fault(FaultInterfaceMTUDropped)) {
			vals[k] = v
		}
	}
	nic := rq.t.add("interfaces", &resource{typ: "NetworkInterface", vals: vals})
	nic.vals["endpoints"] = refPath(nic.path + "/endpoints")
	rq.monitorPart(nic, tpl)
	return nic
}

// interfaceTemplatesOf resolves the interfaceTemplates of a 2.0
// MachineTemplate: each a NetworkInterfaceTemplate of this provider, or
// one given by value, with a stable initial state.
func (rq *request) interfaceTemplatesOf(tmpl map[string]any) error {
	list, _ := tmpl["interfaceTemplates"].([]any)
	for i, it := range list {
		if p, ok := it.(refPath); ok {
			if rq.t.get(string(p)) == nil {
				return errorf(http.StatusBadRequest, "an interface template of the MachineTemplate is gone")
			}
			continue
		}
		m, _ := it.(map[string]any)
		if href, _ := m["href"].(string); href != "" {
			r := rq.resolve(href, "NetworkInterfaceTemplate")
			if r == nil {
				return errorf(http.StatusBadRequest, "%q is not a NetworkInterfaceTemplate of this provider", href)
			}
			list[i] = refPath(r.path)
			continue
		}
		if err := rq.checkInterfaceTemplate(m); err != nil {
			return err
		}
	}
	return nil
}

// addMachineInterfaces gives a new 2.0 Machine a NetworkInterface per
// interface template, listed in its interfaces and made for it: its
// delete takes them (§5.14.1.1.3).
func (rq *request) addMachineInterfaces(m *resource, tmpl map[string]any) {
	list, _ := tmpl["interfaceTemplates"].([]any)
	if rq.s.fault(FaultMachineInterfaceTemplatesIgnored) {
		return
	}
	for i, it := range list {
		tpl := rq.t.valuesOf(it)
		if tpl == nil {
			continue
		}
		nic := rq.makeInterface(map[string]any{"name": fmt.Sprintf("%s-nic%d", m.str("name"), i)}, tpl)
		nic.partOf = m.path
		rq.t.link(m.path+"/interfaces", nic.path)
	}
}

// interfaceChild answers an Interface's endpoints, enable and disable.
func (rq *request) interfaceChild(nic *resource, rest []string) error {
	if len(rest) == 1 && rest[0] == "endpoints" {
		if !rq.isRead() {
			return methodNotAllowed("GET", "HEAD")
		}
		return rq.listCollection(nic.path+"/endpoints", "ProtocolEndpointCollection", rq.t.items(nic.path+"/endpoints"), false)
	}
	return rq.enableChild(nic, rest)
}
