package suites

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.17.3-13: Meters on a Machine the run made, from a MeterConfiguration
// and a MeterTemplate the run made, started, stopped and deleted; and an
// EventLog of that Machine, which logs what the run does to it.

// meterRun is what the monitoring steps share.
type meterRun struct {
	machine string // the Machine metered and logged
	cfg     string // the MeterConfiguration the run made (sampleInterval 1)
	tmpl    string // the MeterTemplate the run made
	meter   string // the Meter made from tmpl on the Cloud Entry Point's meters
	logTmpl string // the EventLogTemplate the run made
	log     string // the EventLog of machine
}

var _ = scenario(func(r *runEnv) {
	Describe("Monitoring", Label("monitoring"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("meters and event logs", Ordered, ContinueOnFailure, func() {
				mr := &meterRun{}

				r.step("reads the monitoring collections and the Provider's MeterConfigurations",
					[]*checks.Check{checks.MonitoringCollections, checks.MeterConfigValues},
					func(t *T) { t.readMonitoringCatalogue() })
				r.step("makes a Machine to meter and log", []*checks.Check{checks.MachineCreate},
					func(t *T) { mr.machine = t.restingMachine("metered") })
				r.step("creates a MeterConfiguration and updates it",
					[]*checks.Check{checks.MeterConfigCreate, checks.MeterConfigValues},
					func(t *T) { t.makeMeterConfig(mr) })
				r.step("creates a MeterTemplate", []*checks.Check{checks.MeterTemplateCreate},
					func(t *T) { t.makeMeterTemplate(mr) })
				r.step("makes a Meter from the template", []*checks.Check{checks.MeterCreate, checks.MeterInTarget, checks.MeterConfigValues},
					func(t *T) { t.makeMeter(mr) })
				r.step("refuses Meters without template, without target or of the wrong type",
					[]*checks.Check{checks.MeterBareRefused, checks.MeterNeedsTarget, checks.MeterTargetType},
					func(t *T) { t.refuseMeters(mr) })
				r.step("makes Meters on the Machine's own meters", []*checks.Check{checks.MeterOwnTarget},
					func(t *T) { t.meterOwnTarget(mr) })
				r.step("makes a Meter with its template by value", []*checks.Check{checks.MeterByValue},
					func(t *T) { t.meterByValue(mr) })
				r.step("starts and stops the Meter", []*checks.Check{checks.MeterStart, checks.MeterStop, checks.MeterSamples},
					func(t *T) { t.startStopMeter(mr) })
				r.step("meters until a stopTime and an expiresTime", []*checks.Check{checks.MeterTimes},
					func(t *T) { t.meterTimes(mr) })
				r.step("updates the Meter", []*checks.Check{checks.MeterUpdate},
					func(t *T) { t.updateSimple(mr.meter, "Meter", checks.MeterUpdate) })
				r.step("deletes the Meter", []*checks.Check{checks.MeterDelete},
					func(t *T) { t.deleteMeter(mr) })
				r.step("deletes the Machine's meters", []*checks.Check{checks.MeterCollectionDelete},
					func(t *T) { t.deleteMeters(mr) })
				r.step("creates an EventLogTemplate", []*checks.Check{checks.EventLogTemplateCreate},
					func(t *T) { t.makeEventLogTemplate(mr) })
				r.step("makes an EventLog of the Machine", []*checks.Check{checks.EventLogCreate},
					func(t *T) { t.makeEventLog(mr) })
				r.step("stops, starts and renames the Machine and reads its Events",
					[]*checks.Check{checks.EventLogStateEvents, checks.EventAttributes, checks.EventTimestamp, checks.EventContent,
						checks.EventLogSummary, checks.EventLogPersistence, checks.EventsNotAddable},
					func(t *T) { t.readEvents(mr) })
				r.step("updates the EventLog", []*checks.Check{checks.EventLogUpdate},
					func(t *T) { t.updateSimple(mr.log, "EventLog", checks.EventLogUpdate) })
				r.step("deletes the EventLog", []*checks.Check{checks.EventLogDelete},
					func(t *T) { t.deleteEventLog(mr) })
				r.step("makes a Machine whose template has meterTemplates and an eventLogTemplate, and deletes it",
					[]*checks.Check{checks.MeterFromTemplate, checks.EventLogFromTemplate, checks.MeterGoesWithTarget, checks.EventLogLinked},
					func(t *T) { t.monitoredMachine(mr) })
				r.step("deletes the MeterConfiguration", []*checks.Check{checks.MeterConfigCreate},
					func(t *T) {
						coll, _ := addOf(t, "meterConfigs", "MeterConfigurationCollection")
						t.Must(mr.cfg != "", "no MeterConfiguration was made")
						t.deleteSimple(coll, mr.cfg, "MeterConfiguration", checks.MeterConfigCreate)
					})
			})
		})
	})
})

// pause waits d as a watched wait, so that the console says what the run
// waits for (after a stop on a real cloud, three sample intervals can be
// minutes); less when the run stops. Its limit is d itself, so that the
// backoff never sleeps past it.
func (t *T) pause(d time.Duration, what string) {
	if d <= 0 {
		return
	}
	end := time.Now().Add(d)
	_ = client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: d, Flag: flagTimeoutState}, what,
		func() (bool, string, error) { return !time.Now().Before(end), "waiting", nil })
}

// firstResp is the answer to the first page of a listing (nil if none).
func (l *listing) firstResp() *client.Response {
	if l == nil || len(l.resps) == 0 {
		return nil
	}
	return l.resps[0]
}

// monitoringNS is the version's namespace (…/cimi/2).
func (t *T) monitoringNS() string {
	return strings.TrimSuffix(t.env.version.TypeURI("Machine"), "/Machine")
}

// readMonitoringCatalogue: the monitoring attributes of the Cloud Entry
// Point are references to collections of their types (C-10), and the
// Provider's MeterConfigurations have sound values.
func (t *T) readMonitoringCatalogue() {
	cep := readCEP(t)
	var bad []string
	var ev []*client.Response
	seen := 0
	for _, c := range []struct{ attr, coll string }{
		{"jobs", "JobCollection"}, {"meters", "MeterCollection"}, {"meterTemplates", "MeterTemplateCollection"},
		{"meterConfigs", "MeterConfigurationCollection"}, {"eventLogs", "EventLogCollection"}, {"eventLogTemplates", "EventLogTemplateCollection"},
	} {
		n := cep.Get(c.attr)
		if n == nil {
			continue
		}
		seen++
		if n.Kind != model.Object || n.Str("href") == "" {
			bad = append(bad, c.attr+" is not a reference with an href")
			continue
		}
		d, resp := t.read(t.env.client.Resolve(n.Str("href")), c.coll, model.Full)
		ev = append(ev, resp)
		if d == nil || d.Type == nil || d.Type.Name != c.coll {
			bad = append(bad, fmt.Sprintf("%s does not lead to a %s (%s)", c.attr, c.coll, resp.Describe()))
		}
	}
	switch {
	case seen == 0:
		t.NotSupported(checks.MonitoringCollections, "the Cloud Entry Point lists no monitoring collection")
	case len(bad) > 0:
		t.Fail(checks.MonitoringCollections, strings.Join(bad, "; "), "references to collections of the monitoring types", "", ev...)
	default:
		t.Pass(checks.MonitoringCollections)
	}
	cfgs := fullItems(t, "meterConfigs", "MeterConfigurationCollection", "MeterConfiguration")
	if len(cfgs) == 0 {
		t.NotTested(checks.MeterConfigValues, "the Provider lists no MeterConfiguration")
	}
	for _, c := range cfgs {
		t.judgeMeterValues(c, "MeterConfiguration", nil)
	}
}

// judgeMeterValues: aspect an absolute URI, timeScope Point or Interval,
// intervalDuration an xs:duration and present for Interval (Tables 47, 50).
func (t *T) judgeMeterValues(n *model.Node, typ string, resp *client.Response) {
	t.About(typ).Check(checks.MeterConfigValues, ev(resp), func(g Gomega) {
		g.Expect(isAbsoluteURI(n.Str("aspect"))).To(BeTrue(), "aspect of %s is an absolute URI (got %q)", n.Str("id"), n.Str("aspect"))
		if n.Has("timeScope") {
			g.Expect(n.Str("timeScope")).To(BeElementOf("Point", "Interval"), "timeScope of %s", n.Str("id"))
		}
		if n.Str("timeScope") == "Interval" {
			g.Expect(n.Str("intervalDuration")).NotTo(BeEmpty(), "intervalDuration of the Interval %s", n.Str("id"))
		}
		if d := n.Str("intervalDuration"); d != "" {
			g.Expect(model.IsDuration(d)).To(BeTrue(), "intervalDuration of %s is an xs:duration (got %q)", n.Str("id"), d)
		}
	})
}

// meterConfigBody is a MeterConfiguration of the CPU of the given types,
// sampled every second.
func (t *T) meterConfigBody(name string, types ...string) *model.Node {
	body := model.Obj("name", t.name(name+"-"+string(t.F)), "description", "made by cimitest",
		"aspect", t.monitoringNS()+"/aspect/cpu", "units", "percent CPU", "sampleInterval", 1, "timeScope", "Point", "isContinuous", true)
	var list []*model.Node
	for _, typ := range types {
		if t.env.version == model.V1 {
			list = append(list, model.Ref(t.env.version.TypeURI(typ)))
		} else {
			list = append(list, model.S(t.env.version.TypeURI(typ)))
		}
	}
	if t.env.version == model.V1 {
		body.Set("associatedTo", model.Arr(list...))
	} else {
		body.Set("associatedResources", model.Arr(list...))
	}
	return body
}

func (t *T) makeMeterConfig(mr *meterRun) {
	coll, add := addOf(t, "meterConfigs", "MeterConfigurationCollection")
	c := t.create(coll, add, "MeterConfiguration", "MeterConfiguration", t.meterConfigBody("meter-config", "Machine"), checks.MeterConfigCreate)
	mr.cfg = c.uri
	t.Must(c.uri != "", "the create did not yield a MeterConfiguration")
	got, resp := t.read(c.uri, "MeterConfiguration", model.Full)
	t.Check(checks.MeterConfigCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(got.Root.Str("aspect")).To(Equal(t.monitoringNS()+"/aspect/cpu"), "aspect")
		g.Expect(got.Root.Str("sampleInterval")).To(Equal("1"), "sampleInterval")
		g.Expect(got.Root.Str("timeScope")).To(Equal("Point"), "timeScope")
	})
	if got != nil {
		t.judgeMeterValues(got.Root, "MeterConfiguration", resp)
	}
	t.judgeListed(checks.MeterConfigCreate, coll, "MeterConfigurationCollection", c.uri, true, "the collection lists the new MeterConfiguration")
	t.updateSimple(c.uri, "MeterConfiguration", checks.MeterConfigCreate)
}

// updateSimple changes the description of a resource through its edit
// operation and reads it back.
func (t *T) updateSimple(uri, typ string, id *checks.Check) {
	t.Must(uri != "", "no %s was made", typ)
	cur, _ := t.read(uri, typ, model.Full)
	t.Must(cur != nil, "the %s cannot be read", typ)
	edit, ok := cur.Root.Op("edit")
	if !ok {
		t.NotSupported(id, "the "+typ+" offers no edit operation")
		return
	}
	body := cur.Root.Clone().Set("name", model.S(cur.Root.Str("name")+"-renamed")).Set("description", model.S("changed by cimitest"))
	r := t.send(http.MethodPut, edit, typ, body, client.On(uri))
	after, _ := t.read(uri, typ, model.Full)
	t.Check(id, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT on the %s", typ)
		g.Expect(after).NotTo(BeNil())
		g.Expect(after.Root.Str("description")).To(Equal("changed by cimitest"), "description after the PUT")
		g.Expect(after.Root.Str("name")).To(Equal(cur.Root.Str("name")+"-renamed"), "name after the PUT")
	})
}

func (t *T) makeMeterTemplate(mr *meterRun) {
	t.Must(mr.cfg != "" && mr.machine != "", "no MeterConfiguration or no Machine was made")
	coll, add := addOf(t, "meterTemplates", "MeterTemplateCollection")
	body := model.Obj("name", t.name("meter-template-"+string(t.F)), "targetResource", model.Ref(mr.machine), "meterConfig", model.Ref(mr.cfg))
	c := t.create(coll, add, "MeterTemplate", "MeterTemplate", body, checks.MeterTemplateCreate)
	mr.tmpl = c.uri
	t.Must(c.uri != "", "the create did not yield a MeterTemplate")
	got, resp := t.read(c.uri, "MeterTemplate", model.Full)
	t.Check(checks.MeterTemplateCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(got.Root.Href("targetResource"))).To(Equal(mr.machine), "targetResource")
		g.Expect(t.env.client.Resolve(got.Root.Href("meterConfig"))).To(Equal(mr.cfg), "meterConfig")
	})
	t.judgeListed(checks.MeterTemplateCreate, coll, "MeterTemplateCollection", c.uri, true, "the collection lists the new MeterTemplate")
}

// postMeter posts a MeterCreate with tmpl to the Cloud Entry Point's meters.
func (t *T) postMeter(purpose string, tmpl *model.Node, id *checks.Check) created {
	coll, add := addOf(t, "meters", "MeterCollection")
	body := model.Obj("name", t.name(purpose+"-"+string(t.F)), "meterTemplate", tmpl)
	return t.About("Meter", "create").create(coll, add, "MeterCreate", "Meter", body, id)
}

// metersOf lists the URIs in a resource's meters.
func (t *T) metersOf(uri, typ string) (ids []string, href string, resp *client.Response) {
	d, _ := t.read(uri, typ, model.Full)
	if d == nil || d.Root.Href("meters") == "" {
		return nil, "", nil
	}
	href = t.env.client.Resolve(d.Root.Href("meters"))
	l := t.list(href, "MeterCollection")
	for _, it := range l.items {
		ids = append(ids, t.env.client.Resolve(it.Str("id")))
	}
	return ids, href, l.firstResp()
}

func (t *T) makeMeter(mr *meterRun) {
	t.Must(mr.tmpl != "", "no MeterTemplate was made")
	c := t.postMeter("meter", model.Obj("href", mr.tmpl), checks.MeterCreate)
	mr.meter = c.uri
	t.Must(c.uri != "", "the create did not yield a Meter")
	got, resp := t.read(c.uri, "Meter", model.Full)
	t.Check(checks.MeterCreate, ev(c.resp, resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(got.Root.Href("targetResource"))).To(Equal(mr.machine), "targetResource of the Meter")
		g.Expect(got.Root.Str("aspect")).To(Equal(t.monitoringNS()+"/aspect/cpu"), "aspect of the Meter (its configuration's)")
	})
	if got != nil {
		t.judgeMeterValues(got.Root, "Meter", resp)
	}
	coll, _ := addOf(t, "meters", "MeterCollection")
	t.judgeListed(checks.MeterCreate, coll, "MeterCollection", c.uri, true, "the MeterCollection lists the new Meter")
	ids, href, lr := t.metersOf(mr.machine, "Machine")
	if href == "" {
		t.Fail(checks.MeterInTarget, "the Machine has no meters collection", "meters", "none")
		return
	}
	t.Check(checks.MeterInTarget, ev(lr), func(g Gomega) {
		g.Expect(ids).To(ContainElement(c.uri), "the Machine's meters list the Meter made on the Cloud Entry Point's meters")
	})
}

// refuseMeters posts three creates the spec rules out, each of which must
// be refused and make nothing.
func (t *T) refuseMeters(mr *meterRun) {
	t.Must(mr.cfg != "" && mr.machine != "", "no MeterConfiguration or no Machine was made")
	coll, add := addOf(t, "meters", "MeterCollection")
	refused := func(id *checks.Check, purpose string, body *model.Node, what string) {
		name := t.name(purpose + "-" + string(t.F))
		typeName := "MeterCreate"
		if id == checks.MeterBareRefused {
			typeName = "Meter"
		}
		r := t.post(coll, add, typeName, "Meter", body.Set("name", model.S(name)))
		t.Check(id, ev(r), func(g Gomega) {
			g.Expect(t.refused(r, "Meter", "create")).To(BeTrue(), "%s is refused with a 4xx (got %s)", what, r.Describe())
			g.Expect(t.namedIn(coll, "MeterCollection", name)).To(BeFalse(), "nothing was made")
		})
	}
	bare := model.Obj("targetResource", model.Ref(mr.machine), "aspect", t.monitoringNS()+"/aspect/cpu", "sampleInterval", 1)
	refused(checks.MeterBareRefused, "meter-bare", bare, "a bare Meter")
	refused(checks.MeterNeedsTarget, "meter-no-target", model.Obj("meterTemplate", model.Obj("meterConfig", model.Ref(mr.cfg))),
		"a Meter whose template has no targetResource")
	cfgColl, cfgAdd := addOf(t, "meterConfigs", "MeterConfigurationCollection")
	other := t.create(cfgColl, cfgAdd, "MeterConfiguration", "MeterConfiguration", t.meterConfigBody("meter-config-volumes", "Volume"), checks.MeterTargetType)
	if other.uri == "" {
		return
	}
	refused(checks.MeterTargetType, "meter-wrong-type",
		model.Obj("meterTemplate", model.Obj("targetResource", model.Ref(mr.machine), "meterConfig", model.Ref(other.uri))),
		"a Meter of a Machine from a configuration for Volumes")
	t.deleteSimple(cfgColl, other.uri, "MeterConfiguration", checks.MeterTargetType)
}

// meterOwnTarget posts to the Machine's own meters: a template without
// targetResource meters the Machine; one naming another resource is refused.
func (t *T) meterOwnTarget(mr *meterRun) {
	t.Must(mr.cfg != "" && mr.machine != "", "no MeterConfiguration or no Machine was made")
	href, add := t.metersOp(mr.machine, "add", checks.MeterOwnTarget)
	if add == "" {
		return
	}
	body := model.Obj("name", t.name("meter-own-"+string(t.F)), "meterTemplate", model.Obj("meterConfig", model.Ref(mr.cfg)))
	c := t.create(href, add, "MeterCreate", "Meter", body, checks.MeterOwnTarget, client.On(mr.machine))
	if c.uri != "" {
		got, resp := t.read(c.uri, "Meter", model.Full)
		t.Check(checks.MeterOwnTarget, ev(resp), func(g Gomega) {
			g.Expect(got).NotTo(BeNil())
			g.Expect(t.env.client.Resolve(got.Root.Href("targetResource"))).To(Equal(mr.machine), "targetResource of a Meter added to the Machine's meters")
		})
	}
	other := t.restingMachine("metered-other")
	name := t.name("meter-other-target-" + string(t.F))
	bad := model.Obj("name", name, "meterTemplate", model.Obj("targetResource", model.Ref(other), "meterConfig", model.Ref(mr.cfg)))
	r := t.post(href, add, "MeterCreate", "Meter", bad, client.On(mr.machine))
	otherMeters, _, _ := t.metersOf(other, "Machine")
	t.Check(checks.MeterOwnTarget, ev(r), func(g Gomega) {
		g.Expect(t.refused(r, "Meter", "create")).To(BeTrue(), "a Meter added to one Machine's meters that names another is refused with a 4xx (got %s)", r.Describe())
		g.Expect(otherMeters).To(BeEmpty(), "the other Machine has no Meter")
	})
	t.dispose(other)
}

func (t *T) meterByValue(mr *meterRun) {
	t.Must(mr.cfg != "" && mr.machine != "", "no MeterConfiguration or no Machine was made")
	var cfg *model.Node = model.Ref(mr.cfg)
	if t.env.capable("Meter", "MeterConfigByValue") {
		cfg = t.meterConfigBody("meter-config-inline", "Machine").Delete("name").Delete("description")
	}
	c := t.postMeter("meter-by-value", model.Obj("targetResource", model.Ref(mr.machine), "meterConfig", cfg), checks.MeterByValue)
	if c.uri == "" {
		return
	}
	got, resp := t.read(c.uri, "Meter", model.Full)
	t.Check(checks.MeterByValue, ev(c.resp, resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(got.Root.Href("targetResource"))).To(Equal(mr.machine), "targetResource")
		g.Expect(got.Root.Str("sampleInterval")).To(Equal("1"), "sampleInterval of the configuration given")
	})
}

// samplesOf reads a Meter's samples whole.
func (t *T) samplesOf(meter string) ([]*model.Node, *client.Response) {
	d, _ := t.read(meter, "Meter", model.Full)
	if d == nil || d.Root.Href("samples") == "" {
		return nil, nil
	}
	l := t.list(t.env.client.Resolve(d.Root.Href("samples")), "SampleCollection")
	attr := "timestamp"
	if t.env.version == model.V1 {
		attr = "sample"
	}
	items := make([]*model.Node, len(l.items))
	for i, it := range l.items {
		items[i] = t.itemWith(it, attr, "Sample")
	}
	return items, l.firstResp()
}

// sampleTime reads a Sample's timestamp (1.x: in its <sample> child).
func (t *T) sampleTime(s *model.Node) (time.Time, string) {
	raw := s.Str("timestamp")
	if t.env.version == model.V1 {
		raw = s.Get("sample").Str("timestamp")
	}
	at, ok := model.ParseDateTime(raw)
	if !ok {
		return time.Time{}, raw
	}
	return at, raw
}

// startStopMeter starts the Meter, waits for its samples to grow, stops it
// and watches them stay (three times the spacing seen while it ran).
func (t *T) startStopMeter(mr *meterRun) {
	t.Must(mr.meter != "", "no Meter was made")
	d, _ := t.read(mr.meter, "Meter", model.Full)
	t.Must(d != nil, "the Meter cannot be read")
	start, ok := d.Root.Op(t.env.version.ActionURI("start"))
	if !ok {
		t.NotSupported(checks.MeterStart, "the Meter offers no start")
		t.Skip("the Meter offers no start")
	}
	before, _ := t.samplesOf(mr.meter)
	r := t.act(mr.meter, start, "start")
	if !r.OK() {
		t.Fail(checks.MeterStart, "start was refused", "a 2xx", r.Describe(), r)
		return
	}
	began := time.Now()
	var grown []*model.Node
	var last *client.Response
	err := client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.State, Flag: flagTimeoutState}, mr.meter+" to record two samples", func() (bool, string, error) {
		grown, last = t.samplesOf(mr.meter)
		return len(grown) >= len(before)+2, fmt.Sprintf("%d samples", len(grown)), nil
	})
	t.Check(checks.MeterStart, ev(r, last), func(g Gomega) {
		g.Expect(err).NotTo(HaveOccurred(), "the samples grow after start")
	})
	if len(grown) == 0 {
		t.NotTested(checks.MeterSamples, "the Meter has no sample to read")
	}
	for _, s := range grown {
		at, raw := t.sampleTime(s)
		value := s.Str("value")
		if t.env.version == model.V1 {
			value = s.Get("sample").Str("value")
		}
		t.About("Sample").Check(checks.MeterSamples, ev(last), func(g Gomega) {
			g.Expect(at.IsZero()).To(BeFalse(), "timestamp of %s is an xs:dateTime (got %q)", s.Str("id"), raw)
			g.Expect(value).NotTo(BeEmpty(), "value of %s", s.Str("id"))
		})
	}
	if err != nil {
		t.NotTested(checks.MeterStop, "the Meter recorded no samples to stop")
		return
	}
	d, _ = t.read(mr.meter, "Meter", model.Full)
	stop, ok := d.Root.Op(t.env.version.ActionURI("stop"))
	if !ok {
		t.NotSupported(checks.MeterStop, "the started Meter offers no stop")
		return
	}
	rs := t.act(mr.meter, stop, "stop")
	if !rs.OK() {
		t.Fail(checks.MeterStop, "stop was refused", "a 2xx", rs.Describe(), rs)
		return
	}
	stopped, _ := t.samplesOf(mr.meter)
	// Wait three times the time one sample took, at least a second.
	spacing := time.Since(began) / time.Duration(max(len(grown)-len(before), 1))
	t.pause(max(3*spacing, 300*time.Millisecond), mr.meter+" to record no sample after stop")
	after, lr := t.samplesOf(mr.meter)
	t.Check(checks.MeterStop, ev(rs, lr), func(g Gomega) {
		g.Expect(len(after)).To(BeNumerically("<=", len(stopped)), "samples after stop (%d right after it)", len(stopped))
	})
}

// meterTimes makes a Meter that stops a second after it starts and expires
// a second later: no sample is later than stopTime, and the Meter goes.
// Judged once per run (in JSON): what it judges is not a matter of
// serialization, and it costs two seconds.
func (t *T) meterTimes(mr *meterRun) {
	if t.F != model.JSON && t.env.offers(model.JSON) {
		t.Inapplicable(checks.MeterTimes, "judged once per run, in the JSON steps")
		return
	}
	t.Must(mr.tmpl != "", "no MeterTemplate was made")
	// A second from now, in milliseconds (a Provider that keeps whole
	// seconds stops earlier, which the check allows).
	stopAt := time.Now().UTC().Add(time.Second).Truncate(time.Millisecond)
	expireAt := stopAt.Add(500 * time.Millisecond)
	c := t.postMeter("meter-times", model.Obj("href", mr.tmpl), checks.MeterTimes)
	if c.uri == "" {
		return
	}
	got, _ := t.read(c.uri, "Meter", model.Full)
	t.Must(got != nil, "the Meter cannot be read")
	edit, ok := got.Root.Op("edit")
	if !ok {
		t.NotSupported(checks.MeterTimes, "the Meter offers no edit to set its stopTime and expiresTime")
		return
	}
	timed := got.Root.Clone().Set("stopTime", model.S(stopAt.Format(time.RFC3339Nano))).Set("expiresTime", model.S(expireAt.Format(time.RFC3339Nano)))
	if r := t.send(http.MethodPut, edit, "Meter", timed, client.On(c.uri)); !r.OK() {
		t.NotSupported(checks.MeterTimes, "the Provider refused to set stopTime and expiresTime ("+r.Describe()+")")
		return
	}
	got, _ = t.read(c.uri, "Meter", model.Full)
	t.Must(got != nil, "the Meter cannot be read")
	if !got.Root.Has("stopTime") || !got.Root.Has("expiresTime") {
		t.NotTested(checks.MeterTimes, "the Meter keeps no stopTime or expiresTime")
		return
	}
	if start, ok := got.Root.Op(t.env.version.ActionURI("start")); ok {
		t.act(c.uri, start, "start")
	}
	t.pause(time.Until(stopAt.Add(200*time.Millisecond)), c.uri+" to pass its stopTime")
	samples, sr := t.samplesOf(c.uri)
	for _, s := range samples {
		at, raw := t.sampleTime(s)
		t.Check(checks.MeterTimes, ev(sr), func(g Gomega) {
			g.Expect(at.After(stopAt)).To(BeFalse(), "sample %s at %s is no later than stopTime %s", s.Str("id"), raw, stopAt.Format(time.RFC3339Nano))
		})
	}
	var last *client.Response
	err := client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: time.Until(expireAt) + t.env.cfg.Timeouts.State, Flag: flagTimeoutState},
		c.uri+" to expire", func() (bool, string, error) {
			if time.Now().Before(expireAt) {
				return false, "before its expiresTime", nil
			}
			last = t.get(c.uri)
			return last.Status == 404 || last.Status == 410, last.Describe(), nil
		})
	t.Check(checks.MeterTimes, ev(last), func(g Gomega) {
		g.Expect(err).NotTo(HaveOccurred(), "the Meter is gone after its expiresTime")
	})
	if err == nil {
		t.env.ledger.gone(c.uri)
	}
}

func (t *T) deleteMeter(mr *meterRun) {
	t.Must(mr.meter != "", "no Meter was made")
	coll, _ := addOf(t, "meters", "MeterCollection")
	if !t.deleteSimple(coll, mr.meter, "Meter", checks.MeterDelete) {
		return
	}
	ids, _, lr := t.metersOf(mr.machine, "Machine")
	t.Check(checks.MeterDelete, ev(lr), func(g Gomega) {
		g.Expect(ids).NotTo(ContainElement(mr.meter), "the Machine's meters no longer list the deleted Meter")
	})
}

// metersOp finds the Machine's meters and the operation rel they offer;
// without either, id is not supported and op is "".
func (t *T) metersOp(machine, rel string, id *checks.Check) (href, op string) {
	d, _ := t.read(machine, "Machine", model.Full)
	t.Must(d != nil, "the Machine cannot be read")
	if d.Root.Href("meters") == "" {
		t.NotSupported(id, "the Machine has no meters collection")
		return "", ""
	}
	href = t.env.client.Resolve(d.Root.Href("meters"))
	if l, _ := t.read(href, "MeterCollection", model.Full); l != nil {
		op, _ = l.Root.Op(rel)
	}
	if op == "" {
		t.NotSupported(id, "the Machine's meters offer no "+rel)
	}
	return href, op
}

// deleteMeters deletes the Machine's own meters where that is offered.
func (t *T) deleteMeters(mr *meterRun) {
	ids, _, _ := t.metersOf(mr.machine, "Machine")
	_, del := t.metersOp(mr.machine, "delete", checks.MeterCollectionDelete)
	if del == "" {
		return
	}
	if len(ids) == 0 {
		t.NotTested(checks.MeterCollectionDelete, "the Machine's meters are empty")
		return
	}
	r := t.del(mr.machine, del)
	var gone []string
	for _, id := range ids {
		if g := t.get(id); g.Status == 404 || g.Status == 410 {
			gone = append(gone, id)
			t.env.ledger.gone(id)
		}
	}
	t.Check(checks.MeterCollectionDelete, ev(r), func(g Gomega) {
		g.Expect(r.OK()).To(BeTrue(), "DELETE of the Machine's meters (got %s)", r.Describe())
		g.Expect(gone).To(ConsistOf(ids), "the Meters the collection listed are gone")
	})
}

// --- EventLogs -----------------------------------------------------------------

func (t *T) makeEventLogTemplate(mr *meterRun) {
	t.Must(mr.machine != "", "no Machine was made")
	coll, add := addOf(t, "eventLogTemplates", "EventLogTemplateCollection")
	body := model.Obj("name", t.name("log-template-"+string(t.F)), "targetResource", model.Ref(mr.machine), "persistence", "daily")
	c := t.create(coll, add, "EventLogTemplate", "EventLogTemplate", body, checks.EventLogTemplateCreate)
	mr.logTmpl = c.uri
	t.Must(c.uri != "", "the create did not yield an EventLogTemplate")
	got, resp := t.read(c.uri, "EventLogTemplate", model.Full)
	t.Check(checks.EventLogTemplateCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(got.Root.Href("targetResource"))).To(Equal(mr.machine), "targetResource")
		g.Expect(got.Root.Str("persistence")).To(Equal("daily"), "persistence")
	})
	t.judgeListed(checks.EventLogTemplateCreate, coll, "EventLogTemplateCollection", c.uri, true, "the collection lists the new EventLogTemplate")
}

func (t *T) makeEventLog(mr *meterRun) {
	t.Must(mr.machine != "", "no Machine was made")
	tmpl := model.Obj("targetResource", model.Ref(mr.machine), "persistence", "daily")
	if mr.logTmpl != "" {
		tmpl = model.Obj("href", mr.logTmpl)
	}
	coll, add := addOf(t, "eventLogs", "EventLogCollection")
	body := model.Obj("name", t.name("log-"+string(t.F)), "eventLogTemplate", tmpl)
	c := t.About("EventLog", "create").create(coll, add, "EventLogCreate", "EventLog", body, checks.EventLogCreate)
	mr.log = c.uri
	t.Must(c.uri != "", "the create did not yield an EventLog")
	got, resp := t.read(c.uri, "EventLog", model.Full)
	m, _ := t.read(mr.machine, "Machine", model.Full)
	t.Check(checks.EventLogCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(got.Root.Href("targetResource"))).To(Equal(mr.machine), "targetResource of the EventLog")
		g.Expect(got.Root.Str("persistence")).To(Equal("daily"), "persistence of the EventLog")
		if m != nil && m.Root.Has("eventLog") {
			g.Expect(t.env.client.Resolve(m.Root.Href("eventLog"))).To(Equal(c.uri), "the Machine's eventLog")
		}
	})
	t.judgeListed(checks.EventLogCreate, coll, "EventLogCollection", c.uri, true, "the collection lists the new EventLog")
}

// eventsOf reads an EventLog and its Events.
func (t *T) eventsOf(log string) (*model.Node, []*model.Node, *listing) {
	d, _ := t.read(log, "EventLog", model.Full)
	if d == nil || d.Root.Href("events") == "" {
		return nil, nil, nil
	}
	l := t.list(t.env.client.Resolve(d.Root.Href("events")), "EventCollection")
	items := make([]*model.Node, len(l.items))
	for i, it := range l.items {
		items[i] = t.itemWith(it, "type", "Event")
	}
	return d.Root, items, l
}

// readEvents acts on the Machine (stop, start, an update, a refused start)
// and judges what its EventLog shows.
func (t *T) readEvents(mr *meterRun) {
	t.Must(mr.log != "" && mr.machine != "", "no EventLog or no Machine was made")
	if t.state(mr.machine) != "STARTED" {
		t.driveMachine(mr.machine, "start", "STARTED")
	}
	stopped := t.driveMachine(mr.machine, "stop", "STOPPED")
	started := stopped && t.driveMachine(mr.machine, "start", "STARTED")
	if m, _ := t.read(mr.machine, "Machine", model.Full); m != nil {
		if edit, ok := m.Root.Op("edit"); ok {
			t.send(http.MethodPut, edit, "Machine", m.Root.Clone().Set("description", model.S("logged by cimitest")), client.On(mr.machine))
		}
		if href, ok := m.Root.Op(t.env.version.ActionURI("stop")); ok {
			// A stop with a wrong Action, to be refused (an alarm).
			t.send(http.MethodPost, href, "Action", model.Obj("action", t.env.version.ActionURI("restore")), client.On(mr.machine))
		}
	}
	log, events, l := t.eventsOf(mr.log)
	t.Must(log != nil && l != nil, "the EventLog or its events cannot be read")
	resp := l.firstResp()
	t.judgeStateEvents(mr, events, stopped && started, resp)
	t.judgeEvents(events, resp)
	t.judgeSummary(mr, log, events, resp)
	t.judgeEventsNotAddable(log, l)
	t.Check(checks.EventLogPersistence, ev(resp), func(g Gomega) {
		g.Expect(len(events)).To(BeNumerically(">=", 2), "Events of the last minutes in a daily EventLog")
	})
}

// driveMachine runs an action of the Machine and waits for it to rest in
// to; it judges nothing (the Machine checks do).
func (t *T) driveMachine(uri, action, to string) bool {
	m, _ := t.machine(uri)
	if m == nil {
		return false
	}
	href, ok := m.Op(t.env.version.ActionURI(action))
	if !ok {
		return false
	}
	if r := t.act(uri, href, action); !r.OK() {
		return false
	}
	_, _, err := t.waitState(uri, []string{m.Str("state"), "STARTING", "STOPPING"}, to)
	return err == nil
}

// judgeStateEvents: the log shows the Machine STOPPED and STARTED, in state
// Events naming it (Table 55).
func (t *T) judgeStateEvents(mr *meterRun, events []*model.Node, acted bool, resp *client.Response) {
	if !acted {
		t.NotTested(checks.EventLogStateEvents, "the Machine could not be stopped and started")
		return
	}
	var states []string
	for _, e := range events {
		if e.Str("type") != t.monitoringNS()+"/event/state" && e.Str("type") != "state" {
			continue
		}
		c := e.Get("content")
		if t.env.client.Resolve(c.Href("resource")) != mr.machine {
			continue
		}
		states = append(states, c.Str("state"))
		t.About("Event").Check(checks.EventLogStateEvents, ev(resp), func(g Gomega) {
			g.Expect(c.Str("resType")).To(Equal(t.env.version.TypeURI("Machine")), "content.resType of %s", e.Str("id"))
			g.Expect(model.MachineStates).To(ContainElement(c.Str("state")), "content.state of %s", e.Str("id"))
			if c.Has("previous") {
				g.Expect(c.Str("state")).NotTo(Equal(c.Str("previous")), "content.state of the change %s differs from content.previous", e.Str("id"))
			}
		})
	}
	// A collection's order is the Provider's: which state came last is not
	// judged, only that both were logged.
	t.Check(checks.EventLogStateEvents, ev(resp), func(g Gomega) {
		g.Expect(states).To(ContainElement("STOPPED"), "a state Event shows the Machine STOPPED (states logged: %v)", states)
		g.Expect(states).To(ContainElement("STARTED"), "a state Event shows the Machine STARTED again")
	})
}

// judgeEvents: type, outcome, severity, timestamp and the content of the
// alarm, model and access types (Tables 54, 55).
func (t *T) judgeEvents(events []*model.Node, resp *client.Response) {
	if len(events) == 0 {
		for _, id := range []*checks.Check{checks.EventAttributes, checks.EventTimestamp, checks.EventContent} {
			t.NotTested(id, "the EventLog has no Event")
		}
		return
	}
	ns := t.monitoringNS() + "/event/"
	contentSeen := false
	for _, e := range events {
		typ := e.Str("type")
		t.About("Event").Check(checks.EventAttributes, ev(resp), func(g Gomega) {
			g.Expect(isAbsoluteURI(typ)).To(BeTrue(), "type of %s is an absolute URI (got %q)", e.Str("id"), typ)
			if strings.HasPrefix(typ, ns) {
				g.Expect(model.EventOutcomes).To(ContainElement(e.Str("outcome")), "outcome of %s", e.Str("id"))
			}
			if e.Has("severity") {
				g.Expect(model.EventSeverities).To(ContainElement(e.Str("severity")), "severity of %s", e.Str("id"))
			}
		})
		at, ok := model.ParseDateTime(e.Str("timestamp"))
		made, cok := model.ParseDateTime(e.Str("created"))
		t.About("Event").Check(checks.EventTimestamp, ev(resp), func(g Gomega) {
			g.Expect(ok).To(BeTrue(), "timestamp of %s is an xs:dateTime (got %q)", e.Str("id"), e.Str("timestamp"))
			if cok {
				g.Expect(at.After(made)).To(BeFalse(), "timestamp %s of %s is no later than created %s", e.Str("timestamp"), e.Str("id"), e.Str("created"))
			}
		})
		want := map[string][]string{ns + "alarm": {"code", "detail"}, ns + "model": {"change", "detail"}, ns + "access": {"operation", "resource"}}[typ]
		if want == nil {
			continue
		}
		contentSeen = true
		c := e.Get("content")
		t.About("Event").Check(checks.EventContent, ev(resp), func(g Gomega) {
			for _, k := range want {
				g.Expect(c.Has(k)).To(BeTrue(), "content.%s of the %s Event %s", k, lastSegment(typ), e.Str("id"))
			}
			if typ == ns+"model" {
				g.Expect(c.Str("change")).To(BeElementOf("create", "update", "delete"), "content.change of %s", e.Str("id"))
			}
		})
	}
	if !contentSeen {
		t.NotTested(checks.EventContent, "the EventLog has no alarm, model or access Event")
	}
}

// judgeSummary: summary holds the counts of the Events by severity; it is
// read again with the Events when they moved in between.
func (t *T) judgeSummary(mr *meterRun, log *model.Node, events []*model.Node, resp *client.Response) {
	count := func(events []*model.Node) map[string]int64 {
		out := map[string]int64{"low": 0, "medium": 0, "high": 0, "critical": 0}
		for _, e := range events {
			if _, ok := out[e.Str("severity")]; ok {
				out[e.Str("severity")]++
			}
		}
		return out
	}
	summary := func(log *model.Node) map[string]int64 {
		out := map[string]int64{}
		for _, k := range []string{"low", "medium", "high", "critical"} {
			if n, ok := log.Get("summary").Int(k); ok {
				out[k] = n
			}
		}
		return out
	}
	if !log.Has("summary") {
		t.NotTested(checks.EventLogSummary, "the EventLog has no summary")
		return
	}
	got, want := summary(log), count(events)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		// An Event may have come between the two reads: read both again.
		again, evs, _ := t.eventsOf(mr.log)
		if again != nil {
			log, got, want = again, summary(again), count(evs)
		}
	}
	t.Check(checks.EventLogSummary, ev(resp), func(g Gomega) {
		g.Expect(log.Get("summary").Kind).To(Equal(model.Object), "summary is a structure")
		g.Expect(got).To(Equal(want), "summary against the Events by severity")
	})
}

// judgeEventsNotAddable: the events collection offers no add, and a post
// to it is refused.
func (t *T) judgeEventsNotAddable(log *model.Node, l *listing) {
	if l.doc == nil {
		t.NotTested(checks.EventsNotAddable, "the events cannot be read")
		return
	}
	add, offered := l.doc.Root.Op("add")
	t.Check(checks.EventsNotAddable, ev(l.firstResp()), func(g Gomega) {
		g.Expect(l.doc.Type).NotTo(BeNil())
		g.Expect(l.doc.Type.Name).To(Equal("EventCollection"), "type of the events")
		g.Expect(offered).To(BeFalse(), "the events offer add (%s)", add)
	})
}

func (t *T) deleteEventLog(mr *meterRun) {
	t.Must(mr.log != "", "no EventLog was made")
	_, events, _ := t.eventsOf(mr.log)
	coll, _ := addOf(t, "eventLogs", "EventLogCollection")
	if !t.deleteSimple(coll, mr.log, "EventLog", checks.EventLogDelete) {
		return
	}
	for _, e := range events {
		r := t.get(t.env.client.Resolve(e.Str("id")))
		t.Check(checks.EventLogDelete, ev(r), func(g Gomega) {
			g.Expect(r.Status).To(BeElementOf(404, 410), "GET on the Event %s of the deleted EventLog", e.Str("id"))
		})
	}
}

// monitoredMachine makes a Machine whose template asks for a Meter and an
// EventLog, then deletes it: both go with it (Linked where advertised).
func (t *T) monitoredMachine(mr *meterRun) {
	t.Must(mr.cfg != "", "no MeterConfiguration was made")
	mtColl, mtAdd := addOf(t, "meterTemplates", "MeterTemplateCollection")
	mt := t.create(mtColl, mtAdd, "MeterTemplate", "MeterTemplate",
		model.Obj("name", t.name("meter-template-any-"+string(t.F)), "meterConfig", model.Ref(mr.cfg)), checks.MeterFromTemplate)
	t.Must(mt.uri != "", "no MeterTemplate without target was made")
	cfg, img := pickConfig(t), pickImage(t)
	tmpl := model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")),
		"meterTemplates", model.Arr(model.Ref(mt.uri)), "eventLogTemplate", model.Obj("persistence", "daily"))
	m := t.machineFrom(tmpl, "machine-monitored", checks.MeterFromTemplate)
	t.Must(m != nil, "no Machine was made")
	_, _, err := t.waitState(m.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
	t.Must(err == nil, "the new Machine does not come to rest: %v", err)
	ids, _, lr := t.metersOf(m.uri, "Machine")
	for _, id := range ids {
		t.env.ledger.own(id, "Meter", "", "made by the meterTemplates of a Machine the run made")
	}
	t.Check(checks.MeterFromTemplate, ev(m.resp, lr), func(g Gomega) {
		g.Expect(ids).To(HaveLen(1), "the Machine's meters list one Meter per meterTemplate")
		d, _ := t.read(ids[0], "Meter", model.Full)
		g.Expect(d).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(d.Root.Href("targetResource"))).To(Equal(m.uri), "targetResource of the Meter")
	})
	md, _ := t.read(m.uri, "Machine", model.Full)
	log := ""
	if md != nil {
		log = t.env.client.Resolve(md.Root.Href("eventLog"))
	}
	if log != "" {
		t.env.ledger.own(log, "EventLog", "", "made by the eventLogTemplate of a Machine the run made")
	}
	ld, lresp := t.read(log, "EventLog", model.Full)
	t.Check(checks.EventLogFromTemplate, ev(m.resp, lresp), func(g Gomega) {
		g.Expect(log).NotTo(BeEmpty(), "the Machine names an eventLog")
		g.Expect(ld).NotTo(BeNil(), "its EventLog reads")
		g.Expect(t.env.client.Resolve(ld.Root.Href("targetResource"))).To(Equal(m.uri), "targetResource of the EventLog")
	})
	del, ok := t.deleteOp(m.uri, "Machine")
	t.Must(ok, "the Machine offers no delete")
	t.settle(&machineRun{uri: m.uri})
	d := t.del(m.uri, del)
	t.Must(d.OK(), "the Machine could not be deleted: %s", d.Describe())
	if _, err := t.waitGone(m.uri, d.Status == 202); err == nil {
		t.env.ledger.gone(m.uri)
	}
	for _, id := range ids {
		r := t.get(id)
		t.Check(checks.MeterGoesWithTarget, ev(d, r), func(g Gomega) {
			g.Expect(r.Status).To(BeElementOf(404, 410), "GET on the Meter %s of the deleted Machine", id)
		})
		if r.Status == 404 || r.Status == 410 {
			t.env.ledger.gone(id)
		}
	}
	if len(ids) == 0 {
		t.NotTested(checks.MeterGoesWithTarget, "the Machine had no Meter")
	}
	switch {
	case !t.env.capable("EventLog", "Linked"):
		t.NotSupported(checks.EventLogLinked, "the Provider does not advertise EventLog Linked")
	case log == "":
		t.NotTested(checks.EventLogLinked, "the Machine had no EventLog")
	default:
		r := t.get(log)
		t.Check(checks.EventLogLinked, ev(d, r), func(g Gomega) {
			g.Expect(r.Status).To(BeElementOf(404, 410), "GET on the EventLog of the deleted Machine")
		})
		if r.Status == 404 || r.Status == 410 {
			t.env.ledger.gone(log)
		}
	}
}
