package reference

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Meters and EventLogs (§5.17.3-13). A Meter samples one aspect of its
// target while it is started; its samples are written when someone looks
// (each request and each timer brings every Meter up to date), stamped with
// the moment they were due. An EventLog watches its target the same way
// and writes an Event for each change of state, update, write request,
// refused request and deletion.

func init() {
	addType("MeterConfiguration", withCommon(
		fRefs("associatedTo", "associatedTo").v(1), fList("associatedResources", "associatedResource").v(2),
		fURI("aspect"), fString("units"), fInt("sampleInterval"), fString("timeScope"),
		fString("intervalDuration"), fBool("isContinuous"))...)
	addType("MeterTemplate", withCommon(fRef("targetResource", ""), fRef("meterConfig", "MeterConfiguration"))...)
	addType("Meter", withCommon(
		fRef("targetResource", "").readOnly(), fURI("aspect").readOnly(), fString("units").readOnly(),
		fInt("sampleInterval").readOnly(), fString("timeScope").readOnly(), fString("intervalDuration").readOnly(),
		fBool("isContinuous").readOnly(), fColl("samples"), fString("minValue"), fString("maxValue"),
		fTime("stopTime"), fTime("expiresTime"))...)
	addType("MeterCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("meterTemplate", "MeterTemplate"))
	// 2.0 Sample (Table 48); DSP8009 puts the values in a <sample> child
	// and gives a Sample no operations.
	addType("Sample", fURI("id").readOnly(), fString("name"), fString("description"),
		fTime("created").readOnly(), fTime("updated").readOnly(), fMap("properties"),
		fTime("timestamp").v(2), fString("value").v(2),
		field{name: "sample", kind: kStruct, only: 1, sub: []field{fTime("timestamp").attr(), fString("value").attr()}})
	addCollection("SampleCollection", "Sample", "samples")
	addType("EventLogTemplate", withCommon(fRef("targetResource", ""), fString("persistence"))...)
	addType("EventLog", withCommon(
		fRef("targetResource", "").readOnly(), fColl("events"), fString("persistence"),
		field{name: "summary", kind: kStruct, ro: true, sub: []field{fInt("low"), fInt("medium"), fInt("high"), fInt("critical")}})...)
	addType("EventLogCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("eventLogTemplate", "EventLogTemplate"))
	addType("Event", fURI("id").readOnly(), fString("name"), fString("description"),
		fTime("created").readOnly(), fTime("updated").readOnly(), fMap("properties"),
		fTime("timestamp"), fURI("type"), field{name: "content", kind: kStruct, sub: []field{
			fString("resName"), fRef("resource", ""), fURI("resType"), fString("state"), fString("previous"),
			fString("change"), fString("code"), fString("detail"), fString("operation"), fString("initiator"),
		}}, fString("outcome"), fString("severity"), fString("contact"))
	addCollection("EventCollection", "Event", "events")
}

// monitoringRows are the Meter and EventLog rows of the table.
func monitoringRows() []*typeRow {
	return []*typeRow{
		{typ: "Meter", attr: "meters", coll: "MeterCollection", member: "meters", meta: "meter",
			hooks: hooks{create: func(rq *request) error { return rq.createMeter(nil) }, ops: (*request).meterOps,
				child: (*request).meterChild, remove: (*request).deleteMeter, metadata: meterMetadata,
				list: func(rq *request) []*resource { return rq.unlisted("meters", FaultMeterCreateUnlisted) }, updateIgnored: FaultMeterUpdateIgnored}},
		{typ: "MeterTemplate", attr: "meterTemplates", coll: "MeterTemplateCollection", member: "meterTemplates",
			hooks: hooks{create: (*request).createMeterTemplate,
				list: func(rq *request) []*resource { return rq.unlisted("meterTemplates", FaultMeterTemplateUnlisted) }}},
		{typ: "MeterConfiguration", attr: "meterConfigs", coll: "MeterConfigurationCollection", member: "meterConfigurations",
			hooks: hooks{create: (*request).createMeterConfig, updateIgnored: FaultMeterConfigUpdateIgnored}},
		{typ: "EventLog", attr: "eventLogs", coll: "EventLogCollection", member: "eventLogs", meta: "eventLog",
			hooks: hooks{create: (*request).createEventLog, child: (*request).eventLogChild, remove: (*request).deleteEventLog,
				metadata: eventLogMetadata, updateIgnored: FaultEventLogUpdateIgnored}},
		{typ: "EventLogTemplate", attr: "eventLogTemplates", coll: "EventLogTemplateCollection", member: "eventLogTemplates",
			hooks: hooks{create: (*request).createEventLogTemplate}},
	}
}

func meterMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("Meter", "MeterTemplateByValue", true), t.capability("Meter", "MeterConfigByValue", true)}
	vals["actions"] = t.actions("start", "stop")
}

func eventLogMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("EventLog", "Linked", true)}
}

// seedMonitoring gives every user two MeterConfigurations: the CPU of a
// Machine sampled at each moment, and its memory averaged over a day.
func (t *tenant) seedMonitoring() {
	for _, c := range []struct {
		id, aspect, units, scope, duration string
	}{{"machine-cpu", "cpu", "percent CPU", "Point", ""}, {"machine-memory-daily", "memory", "kilobytes", "Interval", "P1D"}} {
		vals := map[string]any{"name": c.id, "description": "the " + c.aspect + " of a Machine",
			"aspect": t.aspectURI(c.aspect), "units": c.units, "sampleInterval": int64(60), "timeScope": c.scope,
			"isContinuous": c.scope == "Point"}
		t.setAssociated(vals, "Machine")
		if c.duration != "" && !t.s.fault(FaultMeterIntervalWithoutDuration) {
			vals["intervalDuration"] = c.duration
		}
		t.add("meterConfigs", &resource{typ: "MeterConfiguration", path: "meterConfigs/" + c.id, seeded: true, vals: vals})
	}
}

func (t *tenant) aspectURI(word string) string {
	if t.s.fault(FaultMeterAspectRelative) {
		return word
	}
	return t.s.ns + "/aspect/" + word
}

// setAssociated writes the resource types a MeterConfiguration applies to
// in the version's form: 2.0 type URIs, 1.x references to them.
func (t *tenant) setAssociated(vals map[string]any, types ...string) {
	var list []any
	for _, typ := range types {
		if t.s.major == 1 {
			list = append(list, map[string]any{"href": t.s.ns + "/" + typ})
		} else {
			list = append(list, t.s.ns+"/"+typ)
		}
	}
	if t.s.major == 1 {
		vals["associatedTo"] = list
	} else {
		vals["associatedResources"] = list
	}
}

// associated lists the type URIs a MeterConfiguration's values name.
func (rq *request) associated(cfg map[string]any) []string {
	var out []string
	for _, name := range []string{"associatedResources", "associatedTo"} {
		list, _ := cfg[name].([]any)
		for _, it := range list {
			switch x := it.(type) {
			case string:
				out = append(out, x)
			case map[string]any:
				h, _ := x["href"].(string)
				out = append(out, h)
			}
		}
	}
	return out
}

// --- MeterConfiguration and MeterTemplate -----------------------------------------

func (rq *request) createMeterConfig() error {
	body, err := rq.body(types["MeterConfiguration"])
	if err != nil {
		return err
	}
	if err := rq.checkMeterConfig(body); err != nil {
		return err
	}
	return rq.store("meterConfigs", "MeterConfiguration", body)
}

// checkMeterConfig: an aspect URI, a positive sampleInterval, a known
// timeScope (Table 50).
func (rq *request) checkMeterConfig(cfg map[string]any) error {
	aspect, _ := cfg["aspect"].(string)
	scope, _ := cfg["timeScope"].(string)
	switch {
	case aspect == "":
		return errorf(http.StatusBadRequest, "a MeterConfiguration needs an aspect")
	case scope != "" && scope != "Point" && scope != "Interval":
		return errorf(http.StatusBadRequest, "timeScope is Point or Interval, not %q", scope)
	}
	if n, ok := cfg["sampleInterval"].(int64); ok && n <= 0 {
		return errorf(http.StatusBadRequest, "sampleInterval must be positive")
	}
	return nil
}

func (rq *request) createMeterTemplate() error {
	body, err := rq.body(types["MeterTemplate"])
	if err != nil {
		return err
	}
	if _, err := rq.meterConfigValues(body["meterConfig"]); err != nil {
		return err
	}
	if h := hrefOf(body["meterConfig"]); h != "" {
		body["meterConfig"] = refPath(rq.resolve(h, "MeterConfiguration").path)
	}
	if h := hrefOf(body["targetResource"]); h != "" {
		target := rq.monitorable(h)
		if target == nil {
			return errorf(http.StatusBadRequest, "targetResource %s is not a resource of this provider that can be metered", h)
		}
		body["targetResource"] = refPath(target.path)
	}
	return rq.store("meterTemplates", "MeterTemplate", body)
}

// unlisted gives the items of a collection, without the Consumer's under
// the fault.
func (rq *request) unlisted(coll, fault string) []*resource {
	items := rq.t.items(coll)
	if rq.s.fault(fault) {
		return slices.DeleteFunc(items, func(r *resource) bool { return !r.seeded })
	}
	return items
}

func hrefOf(v any) string {
	switch x := v.(type) {
	case map[string]any:
		h, _ := x["href"].(string)
		return h
	case refPath:
		return string(x)
	}
	return ""
}

// monitorable resolves a target of a Meter or an EventLog: a Machine or a
// Volume of the caller's.
func (rq *request) monitorable(href string) *resource {
	if r := rq.t.get(href); r != nil && (r.typ == "Machine" || r.typ == "Volume") {
		return r
	}
	for _, typ := range []string{"Machine", "Volume"} {
		if r := rq.resolve(href, typ); r != nil {
			return r
		}
	}
	return nil
}

// meterConfigValues gives the values of a meterConfig by reference or by
// value (MeterConfigByValue is offered).
func (rq *request) meterConfigValues(v any) (map[string]any, error) {
	x, _ := v.(map[string]any)
	switch {
	case v == nil:
		return nil, errorf(http.StatusBadRequest, "a MeterTemplate needs a meterConfig")
	case x == nil:
		if p, ok := v.(refPath); ok {
			if r := rq.t.get(string(p)); r != nil {
				return r.vals, nil
			}
		}
		return nil, errorf(http.StatusBadRequest, "the meterConfig no longer exists")
	}
	if href, _ := x["href"].(string); href != "" {
		r := rq.resolve(href, "MeterConfiguration")
		if r == nil {
			return nil, errorf(http.StatusBadRequest, "meterConfig %s is not a MeterConfiguration of this provider", href)
		}
		return r.vals, nil
	}
	if rq.s.fault(FaultMeterConfigByValueRefused) {
		return nil, errorf(http.StatusBadRequest, "meterConfig by value is not supported")
	}
	return x, rq.checkMeterConfig(x)
}

// --- Meter -----------------------------------------------------------------------

// sampler is a Meter's recording: started or not, and when its next sample
// is due.
type sampler struct {
	recording bool
	next      time.Time
	every     time.Duration
	taken     int
	// stopIgnored keeps the samples coming after a stop (a fault).
	stopIgnored bool
}

// createMeter handles a MeterCreate posted to the MeterCollection (owner
// nil) or to a resource's own meters (§5.17.4.1, Table 49).
func (rq *request) createMeter(owner *resource) error {
	body, err := rq.body(types["MeterCreate"])
	if err != nil && rq.s.fault(FaultMeterBareAccepted) {
		body, err = rq.body(types["Meter"])
	}
	if err != nil {
		return err
	}
	in, _ := body["meterTemplate"].(map[string]any)
	if in == nil {
		if !rq.s.fault(FaultMeterBareAccepted) {
			return errorf(http.StatusBadRequest, "a MeterCreate needs a meterTemplate")
		}
		in = map[string]any{"meterConfig": refPath("meterConfigs/machine-cpu")}
		if owner == nil {
			in["targetResource"] = map[string]any{"href": rq.anyMachine()}
		}
	}
	tmpl, err := rq.effectiveMeterTemplate(in)
	if err != nil {
		return err
	}
	target, err := rq.meterTarget(tmpl, owner)
	if err != nil {
		return err
	}
	cfg, err := rq.meterConfigValues(tmpl["meterConfig"])
	if err != nil {
		return err
	}
	if target != nil && !slices.Contains(rq.associated(cfg), rq.rend.typeURI(target.typ)) && !rq.s.fault(FaultMeterTypeUnchecked) {
		return errorf(http.StatusBadRequest, "the MeterConfiguration does not apply to a %s", target.typ)
	}
	m := rq.newMeter(body, cfg, target, owner == nil)
	coll := "meters"
	if owner != nil {
		coll = owner.path + "/meters"
	}
	rq.madeNow(coll, m)
	return nil
}

// madeNow answers the create of r in coll, done at once, with its Job.
func (rq *request) madeNow(coll string, r *resource) {
	j := rq.t.newJob(rq.actionURI("add"), coll, r.path)
	rq.t.finish(j, true, "")
	rq.created(r, j)
}

// anyMachine is the path of one of the caller's Machines ("" for none).
func (rq *request) anyMachine() string {
	if ms := rq.t.items("machines"); len(ms) > 0 {
		return ms[0].path
	}
	return ""
}

// effectiveMeterTemplate merges a referenced MeterTemplate with what is
// given beside its href, or takes a template given by value.
func (rq *request) effectiveMeterTemplate(in map[string]any) (map[string]any, error) {
	eff := map[string]any{}
	if href, _ := in["href"].(string); href != "" {
		tr := rq.resolve(href, "MeterTemplate")
		if tr == nil {
			return nil, errorf(http.StatusBadRequest, "meterTemplate %s is not a MeterTemplate of this provider", href)
		}
		for k, v := range tr.vals {
			eff[k] = v
		}
	} else if rq.s.fault(FaultMeterByValueRefused) {
		return nil, errorf(http.StatusBadRequest, "meterTemplate by value is not supported")
	}
	mergeOverrides(eff, in)
	return eff, nil
}

// meterTarget finds what the Meter meters: the template's targetResource,
// required on the Cloud Entry Point's collection and, on a resource's own,
// absent or that resource (Table 49).
func (rq *request) meterTarget(tmpl map[string]any, owner *resource) (*resource, error) {
	h := hrefOf(tmpl["targetResource"])
	switch {
	case h == "" && owner != nil:
		return owner, nil
	case h == "" && rq.s.fault(FaultMeterTargetOptional):
		return nil, nil
	case h == "":
		return nil, errorf(http.StatusBadRequest, "a Meter made on the Cloud Entry Point's meters needs a targetResource")
	}
	target := rq.monitorable(h)
	switch {
	case target == nil:
		return nil, errorf(http.StatusBadRequest, "targetResource %s is not a resource of this provider that can be metered", h)
	case owner != nil && target != owner && !rq.s.fault(FaultMeterOtherTargetAccepted):
		return nil, errorf(http.StatusBadRequest, "a Meter added to %s must meter it, not %s", rq.rend.abs(refPath(owner.path)), h)
	}
	return target, nil
}

// newMeter stores a stopped Meter with the configuration's values and
// lists it in its target's meters.
func (rq *request) newMeter(body, cfg map[string]any, target *resource, global bool) *resource {
	m := &resource{typ: "Meter", vals: map[string]any{}, sampling: &sampler{}}
	for _, k := range []string{"aspect", "units", "sampleInterval", "timeScope", "intervalDuration", "isContinuous"} {
		if v, ok := cfg[k]; ok && v != nil {
			m.vals[k] = v
		}
	}
	if a, _ := m.vals["aspect"].(string); !strings.Contains(a, ":") && !rq.s.fault(FaultMeterAspectRelative) {
		m.vals["aspect"] = rq.rend.ns + "/aspect/" + a
	}
	for _, k := range []string{"name", "description", "properties", "minValue", "maxValue", "stopTime", "expiresTime"} {
		if v, ok := body[k]; ok && v != nil && !isEmpty(v) {
			m.vals[k] = v
		}
	}
	rq.t.add("meters", m)
	m.vals["samples"] = refPath(m.path + "/samples")
	if target != nil {
		m.vals["targetResource"] = refPath(target.path)
		if !(global && rq.s.fault(FaultMeterNotInTarget)) {
			rq.t.link(target.path+"/meters", m.path)
		}
	}
	return m
}

// deleteMeter deletes a Meter, which leaves its target's meters (l.3828).
func (rq *request) deleteMeter(m *resource) error {
	if rq.s.fault(FaultMeterDeleteLeavesListed) {
		rq.t.members["meters"] = without(rq.t.members["meters"], m.path)
	} else {
		rq.t.remove(m.path)
	}
	rq.completedJob("delete", m.path)
	rq.deleted()
	return nil
}

// meterOps: edit, delete, and start or stop as the Meter records or not.
func (rq *request) meterOps(m *resource) []any {
	self := rq.rend.abs(refPath(m.path))
	ops := []any{op("edit", self), op("delete", self)}
	if m.sampling != nil && m.sampling.recording {
		return append(ops, op(rq.rend.ns+"/action/stop", rq.rend.abs(refPath(m.path+"/stop"))))
	}
	return append(ops, op(rq.rend.ns+"/action/start", rq.rend.abs(refPath(m.path+"/start"))))
}

// meterChild answers a Meter's samples, start and stop.
func (rq *request) meterChild(m *resource, rest []string) error {
	if len(rest) != 1 {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	switch rest[0] {
	case "samples":
		if !rq.isRead() {
			return methodNotAllowed("GET", "HEAD")
		}
		return rq.listCollection(m.path+"/samples", "SampleCollection", rq.t.items(m.path+"/samples"), false)
	case "start", "stop":
		if rq.r.Method != http.MethodPost {
			return methodNotAllowed("POST")
		}
		if !rq.allows(m, rq.rend.ns+"/action/"+rest[0]) {
			return errorf(http.StatusConflict, "the Meter is not in a state to %s", rest[0])
		}
		if _, err := rq.action(rest[0]); err != nil {
			return err
		}
		rq.switchMeter(m, rest[0] == "start")
		rq.completedJob(rest[0], m.path)
		rq.send(http.StatusNoContent, nil)
		return nil
	}
	return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
}

// switchMeter starts or stops a Meter's recording.
func (rq *request) switchMeter(m *resource, start bool) {
	sm := m.sampling
	now := rq.s.opts.Now()
	rq.t.catchUp(m, now)
	switch {
	case start && rq.s.fault(FaultMeterStartIgnored):
		sm.recording = true
		sm.next = time.Time{}
	case start:
		n, _ := m.vals["sampleInterval"].(int64)
		sm.every = time.Duration(max(n, 1)) * rq.s.opts.SampleSecond
		sm.recording, sm.next = true, now.Add(sm.every)
	case rq.s.fault(FaultMeterStopIgnored):
		sm.recording, sm.stopIgnored = false, true
	default:
		sm.recording = false
	}
}

// catchUp writes the samples a Meter was due to take until now, and deletes
// it once its expiresTime has passed (Table 47).
func (t *tenant) catchUp(m *resource, now time.Time) {
	sm := m.sampling
	if sm == nil {
		return
	}
	if exp, ok := timeOf(m.vals["expiresTime"]); ok && now.After(exp) && !t.s.fault(FaultMeterNeverExpires) {
		t.remove(m.path)
		return
	}
	if !(sm.recording || sm.stopIgnored) || sm.next.IsZero() {
		return
	}
	stop, hasStop := timeOf(m.vals["stopTime"])
	for !sm.next.After(now) {
		if hasStop && sm.next.After(stop) && !t.s.fault(FaultMeterSamplesPastStopTime) {
			break
		}
		t.addSample(m, sm.next)
		sm.next = sm.next.Add(sm.every)
	}
}

// addSample records one sample: what the target shows of the aspect now.
func (t *tenant) addSample(m *resource, at time.Time) {
	sm := m.sampling
	sm.taken++
	value := "0"
	target := t.get(string(hrefOf(m.vals["targetResource"])))
	aspect, _ := m.vals["aspect"].(string)
	if target != nil && target.str("state") == "STARTED" {
		switch {
		case strings.HasSuffix(aspect, "cpu"):
			value = fmt.Sprint(20 + sm.taken*7%60)
		case strings.HasSuffix(aspect, "memory"):
			value = fmt.Sprint(target.vals["memory"])
		}
	}
	stamp := at.UTC().Format("2006-01-02T15:04:05.000Z")
	if t.s.fault(FaultSampleTimestampNotDateTime) {
		stamp = fmt.Sprint(at.Unix())
	}
	s := &resource{typ: "Sample", vals: map[string]any{}}
	if t.s.major == 1 {
		s.vals["sample"] = map[string]any{"timestamp": stamp, "value": value}
	} else {
		s.vals["timestamp"], s.vals["value"] = stamp, value
	}
	t.add(m.path+"/samples", s)
}

// timeOf reads a dateTime value as stored (a string from a body).
func timeOf(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return x, !x.IsZero()
	case string:
		t, err := time.Parse(time.RFC3339, x)
		return t, err == nil
	}
	return time.Time{}, false
}

// meters answers a resource's own meters: read, add, and DELETE, which
// deletes the Meters it lists (§5.17.3, l.3812-3814).
func (rq *request) meters(owner *resource) error {
	path := owner.path + "/meters"
	self := rq.rend.abs(refPath(path))
	switch {
	case rq.isRead():
		return rq.listCollection(path, "MeterCollection", rq.t.items(path), true, op("delete", self))
	case rq.r.Method == http.MethodPost:
		return rq.createMeter(owner)
	case rq.r.Method == http.MethodDelete:
		if !rq.s.fault(FaultMeterCollectionDeleteIgnored) {
			for _, m := range rq.t.items(path) {
				rq.t.remove(m.path)
			}
		}
		rq.completedJob("delete", path)
		rq.deleted()
		return nil
	}
	return methodNotAllowed("GET", "HEAD", "POST", "DELETE")
}

// monitoredTypes are the types whose Meters and EventLog go with them.
var monitoredTypes = map[string]bool{"Machine": true, "Volume": true, "System": true, "Network": true, "ProtocolSegment": true,
	"ProtocolEndpoint": true, "NetworkInterface": true, "NetworkService": true}

// dropMonitors deletes the Meters of a resource being deleted and, since
// Linked is advertised, its EventLogs (§5.17.3, §5.17.8).
func (t *tenant) dropMonitors(path string) {
	if t.res[path] == nil || !monitoredTypes[t.res[path].typ] {
		return
	}
	t.dropLogs(path)
	for _, m := range t.items("meters") {
		if m.vals["targetResource"] == refPath(path) && !t.s.fault(FaultMetersOutliveTarget) {
			t.remove(m.path)
		}
	}
}

// --- EventLog --------------------------------------------------------------------

// watcher is what an EventLog last saw of its target.
type watcher struct {
	state   string
	updated time.Time
	gone    bool
}

func (rq *request) createEventLogTemplate() error {
	body, err := rq.body(types["EventLogTemplate"])
	if err != nil {
		return err
	}
	if h := hrefOf(body["targetResource"]); h != "" {
		target := rq.monitorable(h)
		if target == nil {
			return errorf(http.StatusBadRequest, "targetResource %s is not a resource of this provider that can be logged", h)
		}
		body["targetResource"] = refPath(target.path)
	}
	if rq.s.fault(FaultEventLogTemplateDropsPersistence) {
		delete(body, "persistence")
	}
	return rq.store("eventLogTemplates", "EventLogTemplate", body)
}

// createEventLog handles an EventLogCreate (§5.17.10, l.3942-3944).
func (rq *request) createEventLog() error {
	body, err := rq.body(types["EventLogCreate"])
	if err != nil {
		return err
	}
	in, _ := body["eventLogTemplate"].(map[string]any)
	if in == nil {
		return errorf(http.StatusBadRequest, "an EventLogCreate needs an eventLogTemplate")
	}
	tmpl, err := rq.effectiveLogTemplate(in)
	if err != nil {
		return err
	}
	var target *resource
	if h := hrefOf(tmpl["targetResource"]); h != "" {
		if target = rq.monitorable(h); target == nil {
			return errorf(http.StatusBadRequest, "targetResource %s is not a resource of this provider that can be logged", h)
		}
	}
	rq.madeNow("eventLogs", rq.newEventLog(body, tmpl, target))
	return nil
}

// newEventLog stores an EventLog watching target (which may be nil).
func (rq *request) newEventLog(body, tmpl map[string]any, target *resource) *resource {
	l := &resource{typ: "EventLog", vals: map[string]any{"summary": map[string]any{}}, watch: &watcher{}}
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil && !isEmpty(v) {
			l.vals[k] = v
		}
	}
	if p, ok := tmpl["persistence"].(string); ok && p != "" {
		l.vals["persistence"] = p
	}
	rq.t.add("eventLogs", l)
	l.vals["events"] = refPath(l.path + "/events")
	if target != nil && !rq.s.fault(FaultEventLogTargetIgnored) {
		l.vals["targetResource"] = refPath(target.path)
		target.vals["eventLog"] = refPath(l.path)
		l.watch.state, l.watch.updated = target.str("state"), target.updated
	}
	rq.t.summarize(l)
	return l
}

// eventLogChild answers an EventLog's events.
func (rq *request) eventLogChild(l *resource, rest []string) error {
	if len(rest) != 1 || rest[0] != "events" {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	addable := rq.s.fault(FaultEventsAddable)
	switch {
	case rq.isRead():
		return rq.listCollection(l.path+"/events", "EventCollection", rq.t.items(l.path+"/events"), addable)
	case rq.r.Method == http.MethodPost && addable:
		body, err := rq.body(types["Event"])
		if err != nil {
			return err
		}
		rq.madeNow(l.path+"/events", rq.t.add(l.path+"/events", &resource{typ: "Event", vals: body}))
		return nil
	}
	return methodNotAllowed("GET", "HEAD")
}

// deleteEventLog deletes a log with its Events (§5.17.8, l.3924).
func (rq *request) deleteEventLog(l *resource) error {
	var kept []*resource
	if rq.s.fault(FaultEventLogDeleteKeepsEvents) {
		kept = rq.t.items(l.path + "/events")
	}
	rq.t.remove(l.path)
	for _, e := range kept {
		rq.t.res[e.path] = e
	}
	rq.completedJob("delete", l.path)
	rq.deleted()
	return nil
}

// summarize counts a log's Events by severity (Table 52: at read time,
// which is after the last tick).
func (t *tenant) summarize(l *resource) {
	if t.s.fault(FaultEventLogSummaryStale) {
		if _, done := l.vals["summary"].(map[string]any)["low"]; done {
			return
		}
	}
	counts := map[string]any{"low": int64(0), "medium": int64(0), "high": int64(0), "critical": int64(0)}
	for _, e := range t.items(l.path + "/events") {
		if n, ok := counts[strings.ToLower(e.str("severity"))].(int64); ok {
			counts[strings.ToLower(e.str("severity"))] = n + 1
		}
	}
	l.vals["summary"] = counts
}

// tick brings every Meter and EventLog up to date.
func (t *tenant) tick() {
	now := t.s.opts.Now()
	for _, m := range t.items("meters") {
		t.catchUp(m, now)
	}
	for _, l := range t.items("eventLogs") {
		t.watchTarget(l)
	}
}

// watchTarget writes the Events of what happened to a log's target since
// it last looked: a new state, an update, its deletion.
func (t *tenant) watchTarget(l *resource) {
	w := l.watch
	path := string(hrefOf(l.vals["targetResource"]))
	if w == nil || w.gone || (path == "" && w.state == "") {
		return
	}
	target := t.get(path)
	if target == nil {
		w.gone = true
		return
	}
	if s := target.str("state"); s != w.state {
		t.stateEvent(l, target, w.state)
		w.state = s
	}
	if target.updated.After(w.updated) {
		w.updated = target.updated
		t.event(l, "model", "Success", "low", map[string]any{"change": t.word("update"), "detail": "the resource was updated"}, target)
	}
	t.summarize(l)
}

func (t *tenant) word(change string) string {
	if t.s.fault(FaultEventModelChangeWord) {
		return change + "d"
	}
	return change
}

// stateEvent records a state change (Table 55 state).
func (t *tenant) stateEvent(l, target *resource, previous string) {
	content := map[string]any{"state": target.str("state")}
	if previous != "" {
		content["previous"] = previous
		if t.s.fault(FaultEventStateContentStale) {
			content["state"] = previous
		}
	}
	severity := "low"
	if target.str("state") == "ERROR" {
		severity = "high"
	}
	outcome := "Status"
	if t.s.fault(FaultEventOutcomeUnknownWord) {
		outcome = "Changed"
	}
	t.event(l, "state", outcome, severity, content, target)
}

// event adds an Event to a log, about target when it is given.
func (t *tenant) event(l *resource, typ, outcome, severity string, content map[string]any, target *resource) {
	if target != nil {
		content["resName"] = target.str("name")
		content["resource"] = refPath(target.path)
		content["resType"] = t.s.ns + "/" + target.typ
	}
	if typ == "alarm" && t.s.fault(FaultEventAlarmWithoutCode) {
		delete(content, "code")
	}
	if typ == "access" && t.s.fault(FaultEventAccessWithoutOperation) {
		delete(content, "operation")
	}
	e := &resource{typ: "Event", vals: map[string]any{"type": t.s.ns + "/event/" + typ, "outcome": outcome, "content": content}}
	if t.s.fault(FaultEventTypeRelative) {
		e.vals["type"] = typ
	}
	if severity != "" {
		if t.s.fault(FaultEventSeverityUppercase) {
			severity = strings.ToUpper(severity)
		}
		e.vals["severity"] = severity
	}
	now := t.s.now()
	e.created = now
	e.vals["timestamp"] = now
	if t.s.fault(FaultEventTimestampAfterCreated) {
		e.vals["timestamp"] = now.Add(time.Hour)
	}
	if t.s.fault(FaultEventsPurgedAtOnce) {
		for _, old := range t.items(l.path + "/events") {
			t.remove(old.path)
		}
	}
	t.add(l.path+"/events", e)
}

// record writes the Events of a request on a log's target: access for a
// write that was done, alarm for one that was refused (Table 55).
func (rq *request) record() {
	if rq.t == nil || rq.isRead() {
		return
	}
	path, _ := strings.CutPrefix(rq.r.URL.Path, "/cimi/")
	for _, l := range rq.t.items("eventLogs") {
		target := string(hrefOf(l.vals["targetResource"]))
		if target == "" || (path != target && !strings.HasPrefix(path, target+"/")) {
			continue
		}
		r := rq.t.get(target)
		if r == nil {
			r = &resource{typ: "Machine", path: target}
		}
		if rq.status >= 400 {
			rq.t.event(l, "alarm", "Failure", "medium", map[string]any{"code": fmt.Sprint(rq.status),
				"detail": rq.r.Method + " " + rq.r.URL.Path + " was refused"}, r)
		} else {
			// The resource is the one acted on; the operation's URI is in detail.
			rq.t.event(l, "access", "Success", "", map[string]any{"operation": rq.r.Method,
				"resource": refPath(target), "detail": rq.r.Method + " " + rq.r.URL.Path, "initiator": rq.user}, nil)
		}
		rq.t.summarize(l)
	}
}

// dropLogs deletes the EventLogs of a resource being deleted (Linked).
func (t *tenant) dropLogs(path string) {
	for _, l := range t.items("eventLogs") {
		if l.vals["targetResource"] != refPath(path) {
			continue
		}
		t.watchTarget(l)
		if !t.s.fault(FaultEventLogOutlivesTarget) {
			t.remove(l.path)
		} else {
			t.event(l, "model", "Success", "low", map[string]any{"change": t.word("delete"), "detail": "the resource was deleted"}, t.get(path))
		}
	}
}

// monitorNew makes the Meters and the EventLog a new resource's template
// asks for (Tables 14, 19: meterTemplates, eventLogTemplate).
func (rq *request) monitorNew(r *resource, tmpl map[string]any) error {
	list, _ := tmpl["meterTemplates"].([]any)
	for _, it := range list {
		in, _ := it.(map[string]any)
		if in == nil {
			continue
		}
		eff, err := rq.effectiveMeterTemplate(in)
		if err != nil {
			return err
		}
		cfg, err := rq.meterConfigValues(eff["meterConfig"])
		if err != nil {
			return err
		}
		if !rq.s.fault(FaultTemplateMetersIgnored) {
			rq.newMeter(map[string]any{"name": r.str("name") + "-meter"}, cfg, r, false)
		}
	}
	if in, ok := tmpl["eventLogTemplate"].(map[string]any); ok && !rq.s.fault(FaultTemplateEventLogIgnored) {
		eff, err := rq.effectiveLogTemplate(in)
		if err != nil {
			return err
		}
		rq.newEventLog(map[string]any{"name": r.str("name") + "-log"}, eff, r)
	}
	return nil
}

// effectiveLogTemplate merges a referenced EventLogTemplate with what is
// given beside its href, or takes a template given by value.
func (rq *request) effectiveLogTemplate(in map[string]any) (map[string]any, error) {
	eff := map[string]any{}
	if href, _ := in["href"].(string); href != "" {
		tr := rq.resolve(href, "EventLogTemplate")
		if tr == nil {
			return nil, errorf(http.StatusBadRequest, "eventLogTemplate %s is not an EventLogTemplate of this provider", href)
		}
		for k, v := range tr.vals {
			eff[k] = v
		}
	}
	mergeOverrides(eff, in)
	return eff, nil
}
