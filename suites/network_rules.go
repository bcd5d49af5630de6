package suites

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"

	. "github.com/onsi/gomega" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The rules every 2.0 network resource shares (§5.16), judged on what the
// network scenario made: a Network's states while it is made and deleted,
// a template used twice, the Segment every Network has, Segments made with
// Endpoints, the Meters and EventLogs templates ask for, the collections
// each resource holds, and updates.

// watchNetwork makes a second Network from the run's NetworkTemplate and
// deletes it, reading it while the Job of each runs (N-112): it is
// CREATING (or STARTING, on its way to a started initial state, l.3217),
// then DELETING. The second Network has parts of its own (N-107).
func (t *T) watchNetwork(nr *networkRun) {
	t.Must(nr.netTmpl != "" && nr.net != "", "no NetworkTemplate or no Network was made")
	coll, add := addOf(t, "networks", "NetworkCollection")
	resp := t.post(coll, add, "NetworkCreate", "Network", model.Obj("name", t.name("network-again-"+string(t.F)),
		"networkTemplate", model.Ref(nr.netTmpl)))
	if resp.Status != http.StatusCreated && resp.Status != http.StatusAccepted {
		t.Fail(checks.NetworkTemplateReuse, "a second create from the run's NetworkTemplate was refused", "201 or 202", resp.Describe(), resp)
		t.NotTested(checks.NetworkTransientStates, "no second Network was made")
		return
	}
	uri := t.env.client.Resolve(resp.Header.Get("Location"))
	t.Must(uri != "", "the create answered without a Location (%s)", resp.Describe())
	seen, evs := t.whileJobRuns(uri, resp.Header.Get("CIMI-Job-URI"))
	t.judgeWhileRunning("create", seen, []string{"CREATING", "STARTING"}, append(evs, resp))
	net, err := t.settled(uri, []string{"CREATING", "STARTING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the second Network did not settle: %v", err)
	t.judgeOwnParts(nr, uri, net, resp)
	del, ok := t.deleteOp(uri, "Network")
	if !ok {
		t.NotTested(checks.NetworkTransientStates, "the Network offers no delete, so no delete could be watched")
		return
	}
	d := t.del(uri, del)
	t.Must(d.OK(), "the second Network could not be deleted: %s", d.Describe())
	seen, evs = t.whileJobRuns(uri, d.Header.Get("CIMI-Job-URI"))
	t.judgeWhileRunning("delete", seen, []string{"DELETING"}, append(evs, d))
	if _, err := t.waitGone(uri, d.Status == http.StatusAccepted); err == nil {
		t.env.ledger.gone(uri)
	}
}

// whileJobRuns reads uri, then its Job, until the Job has ended, and gives
// the states read while the Job still ran: a read that came before a read
// of the running Job was made while the work was in progress.
func (t *T) whileJobRuns(uri, job string) (seen []string, evs []*client.Response) {
	if job == "" {
		return nil, nil
	}
	job = t.env.client.Resolve(job)
	_ = client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.Job, Flag: flagTimeoutJob}, "the Job "+job+" to end",
		func() (bool, string, error) {
			r := t.get(uri)
			jr := t.get(job)
			f, _ := jr.Format()
			jd, err := model.Decode(f, jr.Body, t.env.version)
			if jr.Status != http.StatusOK || err != nil {
				return false, jr.Describe(), nil
			}
			if jobEnded(jd.Root) {
				return true, jd.Root.Str("state"), nil
			}
			if r.Status == http.StatusOK {
				seen = append(seen, t.stateOf(r))
				evs = append(evs, r)
			}
			return false, "state " + t.stateOf(r), nil
		})
	return seen, evs
}

// judgeWhileRunning: every state the Network read while the op's Job ran
// is one of want.
func (t *T) judgeWhileRunning(op string, seen, want []string, evs []*client.Response) {
	t.judgeRunning(checks.NetworkTransientStates, "Network", op, seen, want, evs)
}

// judgeRunning judges under id that every state a resource of type typ
// read while the op's Job ran is one of want.
func (t *T) judgeRunning(id *checks.Check, typ, op string, seen, want []string, evs []*client.Response) {
	if len(seen) == 0 {
		t.NotTested(id, "the "+typ+"'s "+op+" was over at the first read (no Job, or a Job already ended): nothing was in progress to read")
		return
	}
	var wrong []string
	for _, s := range seen {
		if !slices.Contains(want, s) {
			wrong = append(wrong, s)
		}
	}
	if len(wrong) > 0 {
		t.Fail(id, fmt.Sprintf("while its %s ran, the %s read %s", op, typ, strings.Join(wrong, ", ")),
			strings.Join(want, " or "), strings.Join(seen, " → "), evs...)
		return
	}
	t.Pass(id)
}

// judgeOwnParts: the second Network made from a template has Segments and
// Services of its own, none of the first Network's (N-107).
func (t *T) judgeOwnParts(nr *networkRun, uri string, net *model.Node, resp *client.Response) {
	first, _ := t.read(nr.net, "Network", model.Full)
	t.Must(first != nil, "the run's Network cannot be read")
	ids := func(n *model.Node) []string {
		var out []string
		for _, p := range append(t.networkParts(n, "segments", "ProtocolSegmentCollection"), t.networkParts(n, "services", "NetworkServiceCollection")...) {
			out = append(out, t.env.client.Resolve(p.Str("id")))
		}
		return out
	}
	mine, theirs := ids(net), ids(first.Root)
	t.Check(checks.NetworkTemplateReuse, ev(resp), func(g Gomega) {
		g.Expect(uri).NotTo(Equal(nr.net), "the second Network is a new resource")
		g.Expect(mine).To(HaveLen(2), "the Segment and Service of the second Network from a template with one of each")
		for _, id := range mine {
			g.Expect(theirs).NotTo(ContainElement(id), "a part of the second Network that the first lists too")
		}
	})
}

// needSegment makes a Network from a template with a service template
// only: refused, or it has a Segment once made (N-03).
func (t *T) needSegment(nr *networkRun) {
	t.Must(nr.svcTmpl != "", "no service template was made")
	tc, tadd := addOf(t, "networkTemplates", "NetworkTemplateCollection")
	tr := t.post(tc, tadd, "NetworkTemplate", "NetworkTemplate", model.Obj("name", t.name("network-template-no-segment-"+string(t.F)),
		"serviceTemplates", model.Arr(model.Ref(nr.svcTmpl))))
	if t.refused(tr, "NetworkTemplate", "create") {
		t.Pass(checks.NetworkHasSegment)
		return
	}
	tmpl := t.env.client.Resolve(tr.Header.Get("Location"))
	t.Must(tmpl != "", "the NetworkTemplate was accepted without a Location (%s)", tr.Describe())
	coll, add := addOf(t, "networks", "NetworkCollection")
	r := t.post(coll, add, "NetworkCreate", "Network", model.Obj("name", t.name("network-no-segment-"+string(t.F)), "networkTemplate", model.Ref(tmpl)))
	if t.refused(r, "Network", "create") {
		t.Pass(checks.NetworkHasSegment)
		return
	}
	uri := t.env.client.Resolve(r.Header.Get("Location"))
	t.Must(uri != "", "the Network was accepted without a Location (%s)", r.Describe())
	t.followJob(r, "Network", "create")
	net, err := t.settled(uri, []string{"CREATING", "STARTING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the Network did not settle: %v", err)
	segs := t.networkParts(net, "segments", "ProtocolSegmentCollection")
	for _, s := range segs {
		t.env.ledger.own(t.env.client.Resolve(s.Str("id")), "ProtocolSegment", "", "made for a Network the run made")
	}
	t.Check(checks.NetworkHasSegment, ev(r), func(g Gomega) {
		g.Expect(segs).NotTo(BeEmpty(), "the Segments of a Network made from a template with neither segments nor segment templates")
	})
	t.deleteSimple(coll, uri, "Network", checks.NetworkDelete)
}

// segmentWithEndpoints makes, in the run's Network, a Segment from a
// template naming one DYNAMIC endpoint template twice (N-44, and a
// template used twice, N-107), and one whose endpoint template is given by
// value (N-45); then judges how Segments and Endpoints belong together
// (N-04, N-05). Both Segments are deleted at the end.
func (t *T) segmentWithEndpoints(nr *networkRun) {
	t.Must(nr.net != "" && nr.segment != "", "no Network or no Segment was made")
	ec, eadd := addOf(t, "endpointTemplates", "ProtocolEndpointTemplateCollection")
	dyn := t.create(ec, eadd, "ProtocolEndpointTemplate", "ProtocolEndpointTemplate",
		model.Obj("name", t.name("endpoint-template-dynamic-"+string(t.F)), "origin", "DYNAMIC"), checks.SegmentEndpointTemplates)
	t.Must(dyn.uri != "", "the create did not yield a ProtocolEndpointTemplate")
	params := model.Obj("netmask", "255.255.255.0", "subnetAddress", "10.9.7.0")
	var made []string
	seg, eps := t.segmentFrom(nr, "segment-endpoints", params, model.Arr(model.Ref(dyn.uri), model.Ref(dyn.uri)), checks.SegmentEndpointTemplates)
	if seg != "" {
		made = append(made, seg)
		t.Check(checks.SegmentEndpointTemplates, nil, func(g Gomega) {
			g.Expect(eps).To(HaveLen(2), "the Endpoints of a Segment whose template has two endpointTemplates")
			for _, e := range eps {
				if e.Has("protocol") {
					g.Expect(e.Str("protocol")).To(Equal("IPv4"), "protocol of an Endpoint of the IPv4 Segment")
				}
			}
		})
		t.Check(checks.NetworkTemplateReuse, nil, func(g Gomega) {
			g.Expect(eps).To(HaveLen(2), "two Endpoints from one endpoint template named twice")
		})
	}
	byValue, evs := t.segmentByValue(nr)
	if byValue != "" {
		made = append(made, byValue)
		t.Check(checks.SegmentEndpointTemplatesByValue, nil, func(g Gomega) {
			g.Expect(evs).To(HaveLen(1), "the Endpoints of a Segment whose template has one endpoint template by value")
			for _, e := range evs {
				g.Expect(e.Str("address")).To(Equal("10.9.6.5"), "address of the Endpoint, from its template")
			}
		})
	}
	t.judgeSingleProtocol(nr)
	t.judgeOneSegment(nr)
	for _, uri := range made {
		t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("segments")), uri, "ProtocolSegment", checks.SegmentDelete)
	}
}

// segmentByValue makes a Segment from an inline template whose one
// endpoint template is given by value too, where ProtocolSegment takes its
// templates by value (N-45).
func (t *T) segmentByValue(nr *networkRun) (string, []*model.Node) {
	if !t.env.capable("ProtocolSegment", "ProtocolSegmentTemplateByValue") {
		t.NotSupported(checks.SegmentEndpointTemplatesByValue, "ProtocolSegmentTemplateByValue is not true, so no segment template can carry an endpoint template by value")
		return "", nil
	}
	coll, add := addOf(t, "segments", "ProtocolSegmentCollection")
	c := t.create(coll, add, "ProtocolSegmentCreate", "ProtocolSegment", model.Obj("name", t.name("segment-endpoint-by-value-"+string(t.F)),
		"protocolSegmentTemplate", model.Obj("network", model.Ref(nr.net), "protocol", "IPv4",
			"parameters", model.Obj("netmask", "255.255.255.0", "subnetAddress", "10.9.6.0"),
			"endpointTemplates", model.Arr(model.Obj("origin", "STATIC", "address", "10.9.6.5")))), checks.SegmentEndpointTemplatesByValue)
	if c.uri == "" {
		return "", nil
	}
	return c.uri, t.segmentEndpointsRead(c.uri)
}

// segmentEndpointsRead waits for a new Segment and reads its Endpoints,
// which become the run's.
func (t *T) segmentEndpointsRead(uri string) []*model.Node {
	seg, err := t.settled(uri, []string{"CREATING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the new Segment did not settle: %v", err)
	eps := t.networkParts(seg, "endpoints", "ProtocolEndpointCollection")
	for _, e := range eps {
		t.env.ledger.own(t.env.client.Resolve(e.Str("id")), "ProtocolEndpoint", "", "made by the endpointTemplates of a Segment the run made")
	}
	return eps
}

// segmentFrom makes an IPv4 segment template in the run's Network with the
// given endpointTemplates, then a Segment from it, and reads its Endpoints
// (taken as the run's). A refusal fails id.
func (t *T) segmentFrom(nr *networkRun, purpose string, params, endpointTemplates *model.Node, id *checks.Check) (string, []*model.Node) {
	tc, tadd := addOf(t, "segmentTemplates", "ProtocolSegmentTemplateCollection")
	tmpl := t.create(tc, tadd, "ProtocolSegmentTemplate", "ProtocolSegmentTemplate", model.Obj("name", t.name(purpose+"-template-"+string(t.F)),
		"network", model.Ref(nr.net), "protocol", "IPv4", "parameters", params, "endpointTemplates", endpointTemplates), id)
	if tmpl.uri == "" {
		return "", nil
	}
	c, _ := t.createFrom("segments", "ProtocolSegmentCollection", "ProtocolSegmentCreate", "ProtocolSegment", purpose,
		"protocolSegmentTemplate", tmpl.uri, id)
	if c.uri == "" {
		return "", nil
	}
	return c.uri, t.segmentEndpointsRead(c.uri)
}

// judgeSingleProtocol: the Endpoints every Segment of the run's Network
// lists have its protocol, and a STATIC IPv6 Endpoint posted into the
// run's IPv4 Segment is refused or made with the Segment's protocol (N-04).
func (t *T) judgeSingleProtocol(nr *networkRun) {
	net, _ := t.read(nr.net, "Network", model.Full)
	t.Must(net != nil, "the Network cannot be read")
	for _, s := range t.networkParts(net.Root, "segments", "ProtocolSegmentCollection") {
		eps := t.networkParts(s, "endpoints", "ProtocolEndpointCollection")
		t.Check(checks.SegmentSingleProtocol, nil, func(g Gomega) {
			for _, e := range eps {
				if e.Has("protocol") {
					g.Expect(e.Str("protocol")).To(Equal(s.Str("protocol")), "protocol of %s, listed by the Segment %s", e.Str("id"), s.Str("id"))
				}
			}
		})
	}
	ec, eadd := addOf(t, "endpointTemplates", "ProtocolEndpointTemplateCollection")
	v6 := t.create(ec, eadd, "ProtocolEndpointTemplate", "ProtocolEndpointTemplate",
		model.Obj("name", t.name("endpoint-template-ipv6-"+string(t.F)), "origin", "STATIC", "address", "fd00:9:8::20"), checks.SegmentSingleProtocol)
	if v6.uri == "" {
		return
	}
	coll, add := t.segmentEndpoints(nr)
	r := t.post(coll, add, "ProtocolEndpointCreate", "ProtocolEndpoint", model.Obj("name", t.name("endpoint-ipv6-in-ipv4-"+string(t.F)),
		"protocolEndpointTemplate", model.Ref(v6.uri)), client.On(nr.segment))
	if t.refused(r, "ProtocolEndpoint", "create") {
		t.Pass(checks.SegmentSingleProtocol)
		return
	}
	uri := t.env.client.Resolve(r.Header.Get("Location"))
	t.Must(uri != "", "the Endpoint was accepted without a Location (%s)", r.Describe())
	t.followJob(r, "ProtocolEndpoint", "create")
	e, err := t.settled(uri, []string{"CREATING"}, "DISABLED", "ENABLED")
	t.Must(err == nil, "the new Endpoint did not settle: %v", err)
	t.Check(checks.SegmentSingleProtocol, ev(r), func(g Gomega) {
		if e.Has("protocol") {
			g.Expect(e.Str("protocol")).To(Equal("IPv4"), "protocol of an Endpoint with an IPv6 address taken into an IPv4 Segment")
		}
	})
	t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("endpoints")), uri, "ProtocolEndpoint", checks.EndpointDelete)
}

// judgeOneSegment: each Endpoint the run made in a Segment is listed by
// that Segment and by no other of the segments collection (N-05).
func (t *T) judgeOneSegment(nr *networkRun) {
	mine := map[string]string{} // Endpoint -> the Segment the run made it in
	net, _ := t.read(nr.net, "Network", model.Full)
	t.Must(net != nil, "the Network cannot be read")
	for _, s := range t.networkParts(net.Root, "segments", "ProtocolSegmentCollection") {
		seg := t.env.client.Resolve(s.Str("id"))
		for _, e := range t.list(t.env.client.Resolve(s.Href("endpoints")), "ProtocolEndpointCollection").items {
			if id := t.env.client.Resolve(e.Str("id")); t.env.ledger.get(id) != nil {
				mine[id] = seg
			}
		}
	}
	if len(mine) == 0 {
		t.NotTested(checks.EndpointOneSegment, "no Segment of the run's Network lists an Endpoint the run made")
		return
	}
	listedBy := map[string][]string{}
	cep := t.env.client.Resolve(readCEP(t).Href("segments"))
	for _, s := range t.list(cep, "ProtocolSegmentCollection").items {
		seg := t.env.client.Resolve(s.Str("id"))
		d, _ := t.read(seg, "ProtocolSegment", model.Full)
		if d == nil || d.Root.Href("endpoints") == "" {
			continue
		}
		for _, e := range t.list(t.env.client.Resolve(d.Root.Href("endpoints")), "ProtocolEndpointCollection").items {
			if id := t.env.client.Resolve(e.Str("id")); mine[id] != "" {
				listedBy[id] = append(listedBy[id], seg)
			}
		}
	}
	t.Check(checks.EndpointOneSegment, nil, func(g Gomega) {
		for id, seg := range mine {
			g.Expect(listedBy[id]).To(Equal([]string{seg}), "the Segments that list the Endpoint %s", id)
		}
	})
}

// monitoredPart is one network resource the run makes from a template
// asking for a Meter and an EventLog.
type monitoredPart struct {
	typ, attr, coll, createType, field, tmplAttr string
	tmpl                                         *model.Node // the template, without the monitoring attributes
	on                                           string      // the Segment it is posted in ("" for the entry point's collection)
}

// monitoring are what the monitored parts' templates name: a
// MeterConfiguration, a MeterTemplate of it and an EventLogTemplate.
type monitoring struct{ cfg, meterTmpl, logTmpl string }

// monitorParts makes a Network, a Segment, an Endpoint and an Interface
// from stored templates naming a MeterTemplate and an EventLogTemplate
// (N-108), a Service from a stored template giving both by value and an
// Interface from an inline template doing the same (N-109); each gets its
// Meter and EventLog, and is deleted after.
func (t *T) monitorParts(nr *networkRun) {
	t.Must(nr.net != "" && nr.segment != "" && nr.segTmpl != "", "no Network, Segment or segment template was made")
	mon := t.monitorTemplates(checks.NetworkMonitoring, "network", "Network", "ProtocolSegment", "ProtocolEndpoint", "NetworkInterface", "NetworkService")
	parts := []monitoredPart{
		{"Network", "networks", "NetworkCollection", "NetworkCreate", "networkTemplate", "networkTemplates",
			model.Obj("segmentTemplates", model.Arr(model.Ref(nr.segTmpl))), ""},
		{"ProtocolSegment", "segments", "ProtocolSegmentCollection", "ProtocolSegmentCreate", "protocolSegmentTemplate", "segmentTemplates",
			model.Obj("network", model.Ref(nr.net), "protocol", "IPv4", "parameters", model.Obj("netmask", "255.255.255.0", "subnetAddress", "10.9.5.0")), ""},
		{"ProtocolEndpoint", "", "ProtocolEndpointCollection", "ProtocolEndpointCreate", "protocolEndpointTemplate", "endpointTemplates",
			model.Obj("origin", "DYNAMIC"), nr.segment},
		{"NetworkInterface", "interfaces", "NetworkInterfaceCollection", "NetworkInterfaceCreate", "networkInterfaceTemplate", "interfaceTemplates",
			model.Obj("mtu", 1500), ""},
		{"NetworkService", "networkServices", "NetworkServiceCollection", "NetworkServiceCreate", "networkServiceTemplate", "networkServiceTemplates",
			model.Obj("network", model.Ref(nr.net), "type", "Firewall"), ""},
	}
	for _, p := range parts {
		tmplType := strings.TrimSuffix(p.createType, "Create") + "Template"
		tc, tadd := addOf(t, p.tmplAttr, tmplType+"Collection")
		id, meter, log := checks.NetworkMonitoring, model.Ref(mon.meterTmpl), model.Ref(mon.logTmpl)
		if p.typ == "NetworkService" { // the stored template gives both by value (N-109)
			id, meter, log = checks.NetworkMonitoringByValue, model.Obj("meterConfig", model.Ref(mon.cfg)), model.Obj("persistence", "daily")
		}
		tmpl := t.create(tc, tadd, tmplType, tmplType, p.tmpl.Clone().Set("name", model.S(t.name("monitored-"+strings.ToLower(p.typ)+"-template-"+string(t.F)))).
			Set("meterTemplates", model.Arr(meter)).Set("eventLogTemplate", log), id)
		if tmpl.uri != "" {
			t.readShape(tmpl.uri, tmplType)
			t.monitorPart(nr, p, model.Ref(tmpl.uri), id)
		}
	}
	nic := parts[3]
	if !t.env.capable("NetworkInterface", "NetworkInterfaceTemplateByValue") {
		t.NotSupported(checks.NetworkMonitoringByValue, "NetworkInterfaceTemplateByValue is not true, so no template can carry a MeterTemplate by value")
		return
	}
	t.monitorPart(nr, nic, nic.tmpl.Clone().Set("meterTemplates", model.Arr(model.Obj("meterConfig", model.Ref(mon.cfg)))).
		Set("eventLogTemplate", model.Obj("persistence", "daily")), checks.NetworkMonitoringByValue)
}

// monitorTemplates makes the MeterConfiguration (for the types given),
// MeterTemplate and EventLogTemplate that monitored resources' templates
// name; a refusal fails id.
func (t *T) monitorTemplates(id *checks.Check, purpose string, types ...string) monitoring {
	cc, cadd := addOf(t, "meterConfigs", "MeterConfigurationCollection")
	cfg := t.create(cc, cadd, "MeterConfiguration", "MeterConfiguration", t.meterConfigBody("meter-config-"+purpose, types...), id)
	t.Must(cfg.uri != "", "the create did not yield a MeterConfiguration")
	mc, madd := addOf(t, "meterTemplates", "MeterTemplateCollection")
	mt := t.create(mc, madd, "MeterTemplate", "MeterTemplate", model.Obj("name", t.name("meter-template-"+purpose+"-"+string(t.F)),
		"meterConfig", model.Ref(cfg.uri)), id)
	t.Must(mt.uri != "", "the create did not yield a MeterTemplate")
	lc, ladd := addOf(t, "eventLogTemplates", "EventLogTemplateCollection")
	lt := t.create(lc, ladd, "EventLogTemplate", "EventLogTemplate", model.Obj("name", t.name("log-template-"+purpose+"-"+string(t.F)),
		"persistence", "daily"), id)
	t.Must(lt.uri != "", "the create did not yield an EventLogTemplate")
	return monitoring{cfg: cfg.uri, meterTmpl: mt.uri, logTmpl: lt.uri}
}

// monitorPart makes one monitored resource from tmpl (a reference or an
// inline template), judges its Meter and EventLog under id, and deletes it.
func (t *T) monitorPart(nr *networkRun, p monitoredPart, tmpl *model.Node, id *checks.Check) {
	var coll, add string
	var opts []client.Option
	if p.on != "" {
		coll, add = t.segmentEndpoints(nr)
		opts = append(opts, client.On(p.on))
	} else {
		coll, add = addOf(t, p.attr, p.coll)
	}
	c := t.create(coll, add, p.createType, p.typ, model.Obj("name", t.name("monitored-"+strings.ToLower(p.typ)+"-"+string(t.F)), p.field, tmpl), id, opts...)
	if c.uri == "" {
		return
	}
	_, err := t.settled(c.uri, []string{"CREATING", "STARTING"}, "STOPPED", "STARTED", "DISABLED", "ENABLED")
	t.Must(err == nil, "the new %s did not settle: %v", p.typ, err)
	t.judgeMonitors(c.uri, p.typ, id, c.resp)
	cep := coll
	if p.on != "" {
		cep = t.env.client.Resolve(readCEP(t).Href("endpoints"))
	}
	t.deleteSimple(cep, c.uri, p.typ, deleteChecks[p.typ])
}

// deleteChecks judge the delete of each network type.
var deleteChecks = map[string]*checks.Check{"Network": checks.NetworkDelete, "ProtocolSegment": checks.SegmentDelete,
	"ProtocolEndpoint": checks.EndpointDelete, "NetworkInterface": checks.InterfaceDelete, "NetworkService": checks.ServiceDelete}

// judgeMonitors: a resource made from a template naming one MeterTemplate
// and an EventLogTemplate lists one Meter metering it and names an
// EventLog that logs it; both become the run's.
func (t *T) judgeMonitors(uri, typ string, id *checks.Check, resp *client.Response) {
	ids, _, lr := t.metersOf(uri, typ)
	for _, m := range ids {
		t.env.ledger.own(m, "Meter", "", "made by the meterTemplates of a "+typ+" the run made")
	}
	d, _ := t.read(uri, typ, model.Full)
	t.Must(d != nil, "the new %s cannot be read", typ)
	log := t.env.client.Resolve(d.Root.Href("eventLog"))
	if log != "" {
		t.env.ledger.own(log, "EventLog", "", "made by the eventLogTemplate of a "+typ+" the run made")
	}
	about := t.About(typ, "create")
	about.Check(id, ev(resp, lr), func(g Gomega) {
		g.Expect(ids).To(HaveLen(1), "the %s's meters list one Meter per meterTemplate", typ)
		m, _ := t.read(ids[0], "Meter", model.Full)
		g.Expect(m).NotTo(BeNil(), "the Meter reads")
		g.Expect(t.env.client.Resolve(m.Root.Href("targetResource"))).To(Equal(uri), "targetResource of the Meter")
	})
	about.Check(id, ev(resp), func(g Gomega) {
		g.Expect(log).NotTo(BeEmpty(), "the %s names an eventLog", typ)
		l, _ := t.read(log, "EventLog", model.Full)
		g.Expect(l).NotTo(BeNil(), "its EventLog reads")
		g.Expect(t.env.client.Resolve(l.Root.Href("targetResource"))).To(Equal(uri), "targetResource of the EventLog")
	})
}

// judgePartCollections reads the collections of the run's Network, Segment,
// Endpoint, Interface and the Network's Service: each leads to a
// collection of its type (N-11, N-35, N-58, N-73, N-86).
func (t *T) judgePartCollections(nr *networkRun) {
	type holder struct{ uri, typ string }
	holders := []holder{{nr.net, "Network"}, {nr.segment, "ProtocolSegment"}, {nr.endpoint, "ProtocolEndpoint"}, {nr.nic, "NetworkInterface"}}
	if net, _ := t.read(nr.net, "Network", model.Full); net != nil {
		for _, s := range t.networkParts(net.Root, "services", "NetworkServiceCollection") {
			holders = append(holders, holder{t.env.client.Resolve(s.Str("id")), "NetworkService"})
		}
	}
	type colls = []struct{ attr, coll string }
	kinds := map[string]colls{
		"Network":          {{"meters", "MeterCollection"}},
		"ProtocolSegment":  {{"endpoints", "ProtocolEndpointCollection"}, {"meters", "MeterCollection"}},
		"ProtocolEndpoint": {{"meters", "MeterCollection"}},
		"NetworkInterface": {{"meters", "MeterCollection"}},
		"NetworkService": {{"endpoints", "ProtocolEndpointCollection"}, {"segments", "ProtocolSegmentCollection"},
			{"meters", "MeterCollection"}},
	}
	judged := 0
	for _, h := range holders {
		if h.uri == "" {
			continue
		}
		if d, _ := t.read(h.uri, h.typ, model.Full); d != nil {
			judged += t.About(h.typ, "read").judgeCollectionsOf(checks.NetworkPartCollections, d.Root, "the "+h.typ+"'s", kinds[h.typ])
		}
	}
	if judged == 0 {
		t.NotTested(checks.NetworkPartCollections, "none of the run's network resources has a meters, endpoints or segments collection")
	}
}

// updateNetworkResources changes the name and description of each network
// resource and template the run made, through its edit operation (N-99).
func (t *T) updateNetworkResources(nr *networkRun) {
	t.Must(nr.net != "", "no Network was made")
	for _, r := range []struct{ uri, typ string }{
		{nr.net, "Network"}, {nr.netTmpl, "NetworkTemplate"}, {nr.segment, "ProtocolSegment"}, {nr.inNetSegTmpl, "ProtocolSegmentTemplate"},
		{nr.endpoint, "ProtocolEndpoint"}, {nr.endpointTmpl, "ProtocolEndpointTemplate"}, {nr.nic, "NetworkInterface"},
		{nr.nicTmpl, "NetworkInterfaceTemplate"}, {nr.svcTmpl, "NetworkServiceTemplate"},
	} {
		if r.uri != "" {
			t.About(r.typ, "update").updateSimple(r.uri, r.typ, checks.NetworkUpdate)
		}
	}
	if net, _ := t.read(nr.net, "Network", model.Full); net != nil {
		for _, s := range t.networkParts(net.Root, "services", "NetworkServiceCollection") {
			id := t.env.client.Resolve(s.Str("id"))
			t.env.ledger.own(id, "NetworkService", "", "made for the run's Network from its template")
			t.About("NetworkService", "update").updateSimple(id, "NetworkService", checks.NetworkUpdate)
		}
	}
}

// endpointCases are the STATIC Endpoints the run makes in each of its
// Segments, with the parameters of their protocol (Tables 38-40), and the
// kind each parameter has in JSON.
var endpointCases = []struct {
	protocol, address string
	params            *model.Node
	kinds             map[string]model.NodeKind
}{
	{"IPv4", "10.9.8.40", model.Obj("hostname", "cimitest-host"), map[string]model.NodeKind{"hostname": model.String}},
	{"IPv6", "2001:db8:9:8::40", model.Obj("prefixLength", 64, "addressType", "Global Unicast"),
		map[string]model.NodeKind{"prefixLength": model.Number, "addressType": model.String}},
	{"Ethernet", "02:00:00:09:08:40", model.Obj("aliases", model.Arr(model.S("02:00:00:09:08:41")),
		"groupAddresses", model.Arr(model.S("01:00:5e:00:00:fb"))),
		map[string]model.NodeKind{"aliases": model.Array, "groupAddresses": model.Array}},
}

// endpointParameters makes a STATIC Endpoint with its protocol's
// parameters in each of the run's Segments and reads them back (N-55), with
// the IPv6 one's addressType (N-54); an IPv6 template whose addressType is
// not its address's kind is refused, or corrected.
func (t *T) endpointParameters(nr *networkRun) {
	segs := map[string]string{"IPv4": nr.segment, "IPv6": nr.otherSegs["IPv6"], "Ethernet": nr.otherSegs["Ethernet"]}
	for _, c := range endpointCases {
		if segs[c.protocol] == "" {
			continue
		}
		e, resp := t.staticEndpoint(segs[c.protocol], "endpoint-"+strings.ToLower(c.protocol)+"-parameters", c.address, c.params,
			checks.EndpointParameters)
		if e == nil {
			continue
		}
		params := e.Get("parameters")
		t.Check(checks.EndpointParameters, ev(resp), func(g Gomega) {
			for _, k := range c.params.Keys() {
				got := paramValues(params, k)
				g.Expect(got).To(Equal(paramValues(c.params, k)), "the %s parameter %s of %s", c.protocol, k, e.Str("id"))
				if v := params.Get(k); t.F == model.JSON && v != nil {
					g.Expect(v.Kind).To(Equal(c.kinds[k]), "the JSON kind of the %s parameter %s", c.protocol, k)
				}
			}
		})
		if c.protocol == "IPv6" {
			t.judgeAddressType(e, resp)
		}
		t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("endpoints")), t.env.client.Resolve(e.Str("id")), "ProtocolEndpoint", checks.EndpointDelete)
	}
	if segs["IPv6"] == "" {
		t.NotTested(checks.EndpointAddressType, "the run made no IPv6 Segment")
		return
	}
	e, resp := t.staticEndpoint(segs["IPv6"], "endpoint-ipv6-wrong-address-type", "2001:db8:9:8::41",
		model.Obj("prefixLength", 64, "addressType", "Link Local Unicast"), nil)
	switch {
	case e == nil && resp != nil:
		t.Pass(checks.EndpointAddressType) // refused
		return
	case e == nil:
		t.NotTested(checks.EndpointAddressType, "the Endpoint with a wrong addressType was accepted without a Location")
		return
	}
	t.judgeAddressType(e, resp)
	t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("endpoints")), t.env.client.Resolve(e.Str("id")), "ProtocolEndpoint", checks.EndpointDelete)
}

// staticEndpoint posts a STATIC endpoint template with address and params,
// then an Endpoint of it into the Segment seg, and reads it. A refusal of
// either fails id, or, with id nil, gives nil.
func (t *T) staticEndpoint(seg, purpose, address string, params *model.Node, id *checks.Check) (*model.Node, *client.Response) {
	ec, eadd := addOf(t, "endpointTemplates", "ProtocolEndpointTemplateCollection")
	body := model.Obj("name", t.name(purpose+"-template-"+string(t.F)), "origin", "STATIC", "address", address, "parameters", params)
	var tmpl string
	if id == nil {
		r := t.post(ec, eadd, "ProtocolEndpointTemplate", "ProtocolEndpointTemplate", body)
		if t.refused(r, "ProtocolEndpointTemplate", "create") {
			return nil, r
		}
		tmpl = t.env.client.Resolve(r.Header.Get("Location"))
		t.Must(tmpl != "", "the template was accepted without a Location (%s)", r.Describe())
	} else if tmpl = t.create(ec, eadd, "ProtocolEndpointTemplate", "ProtocolEndpointTemplate", body, id).uri; tmpl == "" {
		return nil, nil
	}
	d, _ := t.read(seg, "ProtocolSegment", model.Full)
	t.Must(d != nil && d.Root.Href("endpoints") != "", "the Segment %s has no endpoints collection", seg)
	coll := t.env.client.Resolve(d.Root.Href("endpoints"))
	cd, _ := t.read(coll, "ProtocolEndpointCollection", model.Full)
	t.Must(cd != nil, "the Segment's endpoints cannot be read")
	add, ok := cd.Root.Op("add")
	t.Must(ok, "the Segment's endpoints offer no add")
	create := model.Obj("name", t.name(purpose+"-"+string(t.F)), "protocolEndpointTemplate", model.Ref(tmpl))
	var uri string
	if id == nil {
		r := t.post(coll, add, "ProtocolEndpointCreate", "ProtocolEndpoint", create, client.On(seg))
		if t.refused(r, "ProtocolEndpoint", "create") {
			return nil, r
		}
		uri = t.env.client.Resolve(r.Header.Get("Location"))
		t.followJob(r, "ProtocolEndpoint", "create")
	} else {
		uri = t.create(coll, add, "ProtocolEndpointCreate", "ProtocolEndpoint", create, id, client.On(seg)).uri
	}
	if uri == "" {
		return nil, nil
	}
	if _, err := t.settled(uri, []string{"CREATING"}, "DISABLED", "ENABLED"); err != nil {
		t.Must(false, "the new Endpoint did not settle: %v", err)
	}
	e, resp := t.read(uri, "ProtocolEndpoint", model.Full)
	t.Must(e != nil, "the new Endpoint cannot be read")
	return e.Root, resp
}

// judgeAddressType: an IPv6 Endpoint's addressType, where it has one, is a
// word of Table 38 and the kind of its address (N-54).
func (t *T) judgeAddressType(e *model.Node, resp *client.Response) {
	at, ok := parameter(e.Get("parameters"), "addressType")
	if !ok {
		t.NotTested(checks.EndpointAddressType, "the IPv6 Endpoint has no addressType")
		return
	}
	t.Check(checks.EndpointAddressType, ev(resp), func(g Gomega) {
		g.Expect(ipv6AddressTypes).To(ContainElement(at), "addressType of %s", e.Str("id"))
		g.Expect(at).To(Equal(ipv6AddressType(e.Str("address"))), "addressType of %s, against its address %s", e.Str("id"), e.Str("address"))
	})
}

// paramValues reads one key of a parameters map as text: a JSON list's
// items, an XML wrapper's items or key repeated, or one value.
func paramValues(params *model.Node, key string) []string {
	var out []string
	for _, f := range params.Fields {
		if f.Name != key {
			continue
		}
		switch f.Value.Kind {
		case model.Array:
			for _, it := range f.Value.List() {
				out = append(out, it.Text)
			}
			continue
		case model.Object: // XML: a wrapper of items
			for _, it := range f.Value.Fields {
				out = append(out, it.Value.Text)
			}
			continue
		}
		out = append(out, f.Value.Text)
	}
	if v, ok := parameter(params, key); ok && out == nil {
		out = append(out, v)
	}
	return out
}

// ipv6AddressTypes are the addressType words of Table 38.
var ipv6AddressTypes = []string{"Unspecified", "Loopback", "Multicast", "Link Local Unicast", "Global Unicast",
	"Embedded IPv4 Address", "Site Local Unicast"}

// ipv6AddressType is the kind of an IPv6 address in the words of Table 38.
func ipv6AddressType(addr string) string {
	ip := net.ParseIP(addr)
	switch {
	case ip == nil:
		return ""
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
