package reference

import (
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// What every 2.0 network resource shares beyond its own table: Meters and
// an EventLog made from its template's meterTemplates and eventLogTemplate
// (Tables 31, 36, 41, 43, 45), its meters collection; a Segment's Endpoints
// made from its template's endpointTemplates (Table 36); and the Segment
// every Network has (l.3113).

// checkMonitorTemplates resolves a network template's meterTemplates and
// eventLogTemplate before anything is made from it: each a template of
// ours or one given by value, with a MeterConfiguration of ours.
func (rq *request) checkMonitorTemplates(tpl map[string]any) error {
	list, _ := tpl["meterTemplates"].([]any)
	for _, it := range list {
		in, _ := it.(map[string]any)
		if in == nil {
			return errorf(http.StatusBadRequest, "a meterTemplates item is neither a reference nor a MeterTemplate")
		}
		if href, _ := in["href"].(string); href == "" && rq.s.fault(FaultMeterTemplateByValueRefused) {
			return errorf(http.StatusBadRequest, "this provider takes the meterTemplates of a network template by reference only")
		}
		eff, err := rq.effectiveMeterTemplate(in)
		if err != nil {
			return err
		}
		if _, err := rq.meterConfigValues(eff["meterConfig"]); err != nil {
			return err
		}
	}
	if in, ok := tpl["eventLogTemplate"].(map[string]any); ok {
		if _, err := rq.effectiveLogTemplate(in); err != nil {
			return err
		}
	}
	return nil
}

// monitorPart gives a new network resource its meters collection, and the
// Meters and the EventLog its checked template asks for.
func (rq *request) monitorPart(r *resource, tpl map[string]any) {
	r.vals["meters"] = refPath(r.path + "/meters")
	if rq.s.fault(FaultNetworkMonitorsIgnored) {
		return
	}
	_ = rq.monitorNew(r, tpl) // its templates were checked before r was made
}

// monitored answers a network resource's meters before its own children.
func monitored(next func(rq *request, r *resource, rest []string) error) func(rq *request, r *resource, rest []string) error {
	return func(rq *request, r *resource, rest []string) error {
		if len(rest) != 1 || rest[0] != "meters" {
			return next(rq, r, rest)
		}
		if rq.s.fault(FaultPartMetersMistyped) && rq.isRead() {
			return rq.listCollection(r.path+"/meters", "MeterTemplateCollection", rq.t.items(r.path+"/meters"), false)
		}
		return rq.meters(r)
	}
}

// endpointTemplatesOf resolves a segment template's endpointTemplates:
// each a ProtocolEndpointTemplate of ours, or one given by value (Table
// 36), checked as such.
func (rq *request) endpointTemplatesOf(body map[string]any) error {
	list, _ := body["endpointTemplates"].([]any)
	for i, it := range list {
		if _, ok := it.(refPath); ok {
			continue
		}
		m, _ := it.(map[string]any)
		if href, _ := m["href"].(string); href != "" {
			r := rq.resolve(href, "ProtocolEndpointTemplate")
			if r == nil {
				return errorf(http.StatusBadRequest, "endpointTemplates names %q, which is not a ProtocolEndpointTemplate of this provider", href)
			}
			list[i] = refPath(r.path)
			continue
		}
		if m == nil || rq.s.fault(FaultSegmentEndpointTemplateByValueRefused) {
			return errorf(http.StatusBadRequest, "this provider takes endpointTemplates by reference only")
		}
		if err := rq.checkEndpointTemplate(m); err != nil {
			return err
		}
	}
	return nil
}

// segmentEndpointsFrom lists in a new Segment the Endpoints its template
// names and makes one per endpointTemplates item (Table 36).
func (rq *request) segmentEndpointsFrom(seg *resource, tpl map[string]any) {
	list, _ := tpl["endpoints"].([]any)
	for _, it := range list {
		if p, ok := it.(refPath); ok {
			rq.t.link(seg.path+"/endpoints", string(p))
		}
	}
	if rq.s.fault(FaultSegmentEndpointTemplatesIgnored) {
		return
	}
	list, _ = tpl["endpointTemplates"].([]any)
	for i, it := range list {
		et, _ := it.(map[string]any)
		if p, ok := it.(refPath); ok {
			if r := rq.t.get(string(p)); r != nil {
				et = r.vals
			}
		}
		if et == nil {
			continue
		}
		e := rq.makeEndpoint(map[string]any{"name": seg.str("name") + "-endpoint-" + strconv.Itoa(i+1)}, et, seg)
		e.partOf = seg.path
	}
}

// defaultSegment gives a Network made without any Segment an IPv4 one, so
// that it has at least one (l.3113).
func (rq *request) defaultSegment(n *resource) {
	if len(rq.t.members[n.path+"/segments"]) > 0 || rq.s.fault(FaultNetworkWithoutSegment) {
		return
	}
	seg := rq.makeSegment(map[string]any{"name": n.str("name") + "-segment"}, map[string]any{"protocol": "IPv4",
		"parameters": map[string]string{"netmask": "255.255.255.0", "subnetAddress": "10.0.0.0"}}, "STOPPED")
	seg.partOf = n.path
	rq.t.link(n.path+"/segments", seg.path)
}

// localRefs is the update hook of the network types: the references a PUT
// body names by href to resources of ours are kept as paths, as a create
// keeps them, so that they go when their target is deleted.
func localRefs(rq *request, _ *resource, body map[string]any, names []string) ([]string, error) {
	local := func(v any) any {
		m, _ := v.(map[string]any)
		href, _ := m["href"].(string)
		if len(m) != 1 || href == "" {
			return v
		}
		if p, ok := rq.rend.local(href); ok && rq.t.get(p) != nil {
			return refPath(p)
		}
		return v
	}
	for k, v := range body {
		if list, ok := v.([]any); ok {
			for i, it := range list {
				list[i] = local(it)
			}
			continue
		}
		body[k] = local(v)
	}
	return names, nil
}

// ipv6AddressTypes are the addressType values of Table 38.
var ipv6AddressTypes = []string{"Unspecified", "Loopback", "Multicast", "Link Local Unicast", "Global Unicast",
	"Embedded IPv4 Address", "Site Local Unicast"}

// ipv6AddressType is the kind of an IPv6 address in the words of Table 38
// ("" for an address that is not IPv6).
func ipv6AddressType(addr string) string {
	ip := net.ParseIP(addr)
	if ip == nil || ip.To4() != nil && !strings.Contains(addr, ":") {
		return ""
	}
	switch {
	case ip.IsUnspecified():
		return "Unspecified"
	case ip.IsLoopback():
		return "Loopback"
	case ip.IsMulticast():
		return "Multicast"
	case ip.IsLinkLocalUnicast():
		return "Link Local Unicast"
	case ip.To4() != nil:
		return "Embedded IPv4 Address"
	case ip[0] == 0xfe && ip[1]&0xc0 == 0xc0:
		return "Site Local Unicast"
	}
	return "Global Unicast"
}

// checkEndpointParameters reads an endpoint template's parameters as
// Tables 38-40 type them (XML gives every value as text, a list as its key
// repeated) and refuses an IPv6 addressType that is not the kind of the
// address (Table 38).
func (rq *request) checkEndpointParameters(body map[string]any) error {
	p, _ := body["parameters"].(typedParams)
	if p == nil {
		return nil
	}
	if s, ok := p["prefixLength"].(string); ok {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return errorf(http.StatusBadRequest, "prefixLength %q is not an integer", s)
		}
		p["prefixLength"] = n
	}
	for _, k := range []string{"aliases", "groupAddresses"} {
		switch v := p[k].(type) {
		case string:
			p[k] = []string{v}
		case []any:
			list := make([]string, 0, len(v))
			for _, it := range v {
				s, _ := it.(string)
				list = append(list, s)
			}
			p[k] = list
		}
	}
	at, ok := p["addressType"].(string)
	if !ok || rq.s.fault(FaultEndpointAddressTypeUnchecked) {
		return nil
	}
	addr, _ := body["address"].(string)
	if !slices.Contains(ipv6AddressTypes, at) {
		return errorf(http.StatusBadRequest, "addressType %q is not one of Table 38", at)
	}
	if want := ipv6AddressType(addr); addr != "" && want != at {
		return errorf(http.StatusBadRequest, "addressType %q is not the kind of the address %s (%s)", at, addr, want)
	}
	return nil
}
