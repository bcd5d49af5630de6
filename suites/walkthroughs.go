package suites

import (
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The walkthroughs of the catalogue digest (§5, W1-W14), the DMTF plug-fest
// "CIMI basics" storyline: every href is discovered, never built.

// walkRun is what the walkthrough steps share.
type walkRun struct {
	machine  *machineRun // the Machine made by value (W4)
	fromTmpl string      // the Machine made from the template (W5)
	tmplColl string
	tmpl     string
	made     []made // what to delete in W14, in the order made
}

type made struct{ coll, collType, uri, typ string }

var _ = scenario(func(r *runEnv) {
	Describe("Walkthroughs", Label("walkthrough"), SpecPriority(priorityLong), func() {
		formats(func(f model.Format) {
			Describe("from discovery to clean-up", Ordered, ContinueOnFailure, func() {
				w := &walkRun{machine: &machineRun{hrefs: map[string]string{}}}

				r.step("W1 discovers the cloud", []*checks.Check{checks.WalkDiscover}, func(t *T) { t.walkDiscover() })
				r.step("W2 reads the metadata and capabilities", []*checks.Check{checks.WalkMetadata}, func(t *T) { t.walkMetadata() })
				r.step("W3 lists images and configurations", []*checks.Check{checks.WalkCatalogue}, func(t *T) { t.walkCatalogue() })
				r.step("W4 makes a Machine with its template by value", []*checks.Check{checks.WalkByValue}, func(t *T) { t.walkByValue(w) })
				r.step("W5 makes a template and a Machine from it", []*checks.Check{checks.WalkTemplate}, func(t *T) { t.walkTemplate(w) })
				r.step("W6 retrieves the Machine", []*checks.Check{checks.WalkRetrieve}, func(t *T) { t.walkRetrieve(w) })
				r.step("W7 stops, starts and restarts the Machine", []*checks.Check{checks.WalkStartStop}, func(t *T) { t.walkStartStop(w) })
				r.step("W8 modifies the Machine", []*checks.Check{checks.WalkModify}, func(t *T) { t.walkModify(w) })
				r.step("W9 attaches a Volume", []*checks.Check{checks.WalkVolume}, func(t *T) { t.walkVolume(w) })
				r.step("W10 captures the Machine", []*checks.Check{checks.WalkCapture}, func(t *T) { t.walkCapture(w) })
				r.step("W11 follows a Job", []*checks.Check{checks.WalkJob}, func(t *T) { t.walkJob(w) })
				r.step("W12 meters a Machine", []*checks.Check{checks.WalkMeter}, func(t *T) { t.walkMeter() })
				r.step("W13 logs the Machine's events", []*checks.Check{checks.WalkEventLog}, func(t *T) { t.walkEventLog(w) })
				r.step("W14 cleans up", []*checks.Check{checks.WalkCleanup}, func(t *T) { t.walkCleanup(w) })
			})
		})
	})
})

// W1: the entry point in JSON and XML, and $format where offered.
func (t *T) walkDiscover() {
	j := t.env.decodeAs(t.env.client.Get(t.env.cepURL, client.Accept(model.JSON)), model.JSON)
	x := t.env.decodeAs(t.env.client.Get(t.env.cepURL, client.Accept(model.XML)), model.XML)
	t.Check(checks.WalkDiscover, nil, func(g Gomega) {
		for _, d := range []*model.Doc{j, x} {
			g.Expect(d).NotTo(BeNil(), "the entry point in both serializations")
			g.Expect(d.TypeURI).To(Equal(t.env.version.TypeURI("CloudEntryPoint")), "its type")
			g.Expect(d.Root.Str("id")).NotTo(BeEmpty(), "its id")
			g.Expect(d.Root.Str("baseURI")).NotTo(BeEmpty(), "its baseURI")
			g.Expect(d.Root.Href("machines")).NotTo(BeEmpty(), "its machines collection")
		}
		if t.env.version == model.V2 && t.env.capable("CloudEntryPoint", "FormatParameter") {
			r := t.env.client.Get(t.env.cepURL+sepFor(t.env.cepURL)+"$format=xml", client.Accept(model.JSON))
			got, _ := r.Format()
			g.Expect(got).To(Equal(model.XML), "?$format=xml with Accept application/json")
		}
	})
}

// W2: the ResourceMetadata collection and its entries.
func (t *T) walkMetadata() {
	href := readCEP(t).Href("resourceMetadata")
	l := t.list(t.env.client.Resolve(href), "ResourceMetadataCollection")
	t.Check(checks.WalkMetadata, ev(l.resps...), func(g Gomega) {
		g.Expect(l.doc).NotTo(BeNil(), "the ResourceMetadataCollection")
		if l.whole() {
			g.Expect(l.items).To(HaveLen(int(l.count)), "count against the items")
		}
		for _, it := range l.items {
			rm := t.env.decodeAs(t.get(it.Str("id")), t.F)
			g.Expect(rm).NotTo(BeNil(), "the ResourceMetadata %s", it.Str("id"))
			g.Expect(rm.Root.Str("typeURI")).NotTo(BeEmpty(), "typeURI of %s", it.Str("id"))
			if model.TypeName(rm.Root.Str("typeURI")) == "Machine" {
				g.Expect(rm.Root.Str("name")).To(Equal("Machine"), "the name of the Machine ResourceMetadata")
			}
			for _, c := range rm.Root.Get("capabilities").List() {
				g.Expect(c.Str("uri")).NotTo(BeEmpty(), "a capability's uri")
			}
			for _, a := range rm.Root.Get("actions").List() {
				g.Expect([]string{a.Str("name"), a.Str("uri"), a.Str("method")}).NotTo(ContainElement(""), "an action's name, uri and method")
			}
			for _, a := range rm.Root.Get("attributes").List() {
				if a.Str("namespace") != "" {
					g.Expect(a.Str("type")).NotTo(BeEmpty(), "the type of extension %s", a.Str("name"))
				}
			}
		}
	})
}

// W3: images and configurations, and one of each read in full.
func (t *T) walkCatalogue() {
	imgs := fullItems(t, "machineImages", "MachineImageCollection", "MachineImage")
	cfgs := fullItems(t, "machineConfigs", "MachineConfigurationCollection", "MachineConfiguration")
	t.Check(checks.WalkCatalogue, nil, func(g Gomega) {
		g.Expect(imgs).NotTo(BeEmpty(), "MachineImages listed")
		g.Expect(cfgs).NotTo(BeEmpty(), "MachineConfigurations listed")
		g.Expect(imgs[0].Str("imageLocation")).NotTo(BeEmpty(), "imageLocation of %s", imgs[0].Str("id"))
		for _, attr := range []string{"cpu", "memory", "disks", "cpuArch", "cpuSpeed"} {
			g.Expect(cfgs[0].Has(attr)).To(BeTrue(), "%s of %s", attr, cfgs[0].Str("id"))
		}
	})
}

// W4: a Machine with its template by value.
func (t *T) walkByValue(w *walkRun) {
	coll, add := machinesCollection(t)
	cfg, img := pickConfig(t), pickImage(t)
	body := model.Obj("name", t.name("walk-"+string(t.F)), "description", "made by the cimitest walkthrough",
		"machineTemplate", model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id"))))
	c := t.create(coll, add, "MachineCreate", "Machine", body, checks.WalkByValue)
	t.Must(c.uri != "", "the create did not yield a Machine")
	w.machine.uri = c.uri
	w.made = append(w.made, made{coll, "MachineCollection", c.uri, "Machine"})
	_, seen, err := t.waitState(c.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
	t.judgeTransition(checks.WalkByValue, seen, err, []string{"CREATING"}, "a stable state", c.resp)
}

// W5: a template, read back, and a Machine from it by reference.
func (t *T) walkTemplate(w *walkRun) {
	coll, add := addOf(t, "machineTemplates", "MachineTemplateCollection")
	cfg, img := pickConfig(t), pickImage(t)
	body := model.Obj("name", t.name("walk-template-"+string(t.F)), "machineConfig", model.Ref(cfg.Str("id")),
		"machineImage", model.Ref(img.Str("id")))
	c := t.create(coll, add, "MachineTemplate", "MachineTemplate", body, checks.WalkTemplate)
	t.Must(c.uri != "", "the create did not yield a MachineTemplate")
	w.tmplColl, w.tmpl = coll, c.uri
	got, r := t.read(c.uri, "MachineTemplate", model.Full)
	t.Check(checks.WalkTemplate, ev(r), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the MachineTemplate read back")
		g.Expect(got.Root.Str("name")).To(Equal(t.name("walk-template-" + string(t.F))))
		g.Expect(got.Root.Href("machineConfig")).NotTo(BeEmpty(), "machineConfig")
		g.Expect(got.Root.Href("machineImage")).NotTo(BeEmpty(), "machineImage")
	})
	m := t.machineFrom(model.Ref(c.uri), "walk-from-template", checks.WalkTemplate)
	t.Must(m != nil, "no Machine was made from the template")
	w.fromTmpl = m.uri
	mcoll, _ := machinesCollection(t)
	w.made = append(w.made, made{mcoll, "MachineCollection", m.uri, "Machine"})
}

// W6: the Machine, its attributes and its operations.
func (t *T) walkRetrieve(w *walkRun) {
	t.Must(w.machine.uri != "", "no Machine was made in W4")
	t.settle(w.machine)
	m, r := t.machine(w.machine.uri)
	t.Check(checks.WalkRetrieve, ev(r), func(g Gomega) {
		_, cpu := m.Int("cpu")
		_, mem := m.Int("memory")
		g.Expect(cpu && mem).To(BeTrue(), "integer cpu and memory")
		g.Expect(model.StableMachineStates).To(ContainElement(m.Str("state")), "a state")
		g.Expect(m.Href("disks")).NotTo(BeEmpty(), "disks")
		for _, forbidden := range notOfferedIn[m.Str("state")] {
			_, offered := m.Op(t.env.version.ActionURI(forbidden))
			g.Expect(offered).To(BeFalse(), "a %s Machine offers %s", m.Str("state"), forbidden)
		}
	})
}

// W7: stop (when started), start, restart.
func (t *T) walkStartStop(w *walkRun) {
	lc := w.machine
	t.Must(lc.uri != "", "no Machine was made in W4")
	t.settle(lc)
	if t.state(lc.uri) != "STOPPED" {
		t.runAction(lc, "stop", []string{"STARTED", "PAUSED", "SUSPENDED"}, []string{"STOPPING"}, "STOPPED", checks.WalkStartStop)
	}
	if t.runAction(lc, "start", []string{"STOPPED"}, []string{"STARTING"}, "STARTED", checks.WalkStartStop) {
		t.runAction(lc, "restart", []string{"STARTED"}, []string{"STOPPING", "STARTING", "STOPPED"}, "STARTED", checks.WalkStartStop)
	}
}

// W8: PUT ?$select=name,description with only the name.
func (t *T) walkModify(w *walkRun) {
	lc := w.machine
	t.Must(lc.uri != "", "no Machine was made in W4")
	t.settle(lc)
	m, _ := t.machine(lc.uri)
	edit, ok := m.Op("edit")
	if !ok {
		t.Skip("the Machine offers no edit operation")
	}
	afterSecond(m.Str("updated"))
	newName := t.name("walk-renamed-" + string(t.F))
	r := t.send("PUT", edit+sepFor(edit)+"$select=name,description", "Machine", model.Obj("name", newName), client.On(lc.uri))
	after, _ := t.machine(lc.uri)
	t.Check(checks.WalkModify, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT ?$select=name,description")
		g.Expect(after.Str("name")).To(Equal(newName), "name")
		g.Expect(after.Has("description")).To(BeFalse(), "description, selected but not sent")
		g.Expect(after.Str("created")).To(Equal(m.Str("created")), "created")
		g.Expect(after.Str("updated") > m.Str("updated")).To(BeTrue(), "updated moved forward (%s, then %s)", m.Str("updated"), after.Str("updated"))
	})
}

// W10: capture makes a new MachineImage.
func (t *T) walkCapture(w *walkRun) {
	lc := w.machine
	t.Must(lc.uri != "", "no Machine was made in W4")
	t.settle(lc)
	imgColl := t.env.client.Resolve(readCEP(t).Href("machineImages"))
	before := t.list(imgColl, "MachineImageCollection").ids(t.env.client)
	img := t.capture(lc, "capture", checks.WalkCapture)
	t.Must(img != "", "the capture made no image")
	w.made = append(w.made, made{imgColl, "MachineImageCollection", img, "MachineImage"})
	after, listed, unsure := t.awaitListed(imgColl, "MachineImageCollection", img, true)
	if !listed && unsure != "" {
		t.NotTested(checks.WalkCapture, unsure)
		return
	}
	t.Check(checks.WalkCapture, ev(after.resps...), func(g Gomega) {
		g.Expect(before).NotTo(ContainElement(img), "the image is new")
		g.Expect(listed).To(BeTrue(), "the MachineImageCollection lists the new image")
	})
}

// W11: the Job of a stop, followed to its end.
func (t *T) walkJob(w *walkRun) {
	lc := w.machine
	t.Must(len(lc.jobURIs) > 0, "no operation of the walkthrough named a Job")
	uri := lc.jobURIs[len(lc.jobURIs)-1]
	t.Must(uri != "", "the last operation named no Job")
	job, r, err := t.waitJob(uri)
	t.Check(checks.WalkJob, ev(r), func(g Gomega) {
		g.Expect(err).NotTo(HaveOccurred(), "the Job ends")
		g.Expect(job).NotTo(BeNil())
		g.Expect(t.hrefs(job.Get("affectedResources"))).To(HaveKey(t.env.client.Resolve(job.Href("targetResource"))), "the target among the affected")
		g.Expect(job.Str("progress")).To(Equal("100"), "progress of the ended Job")
	})
}

// W14: delete what the walkthrough made, newest first.
func (t *T) walkCleanup(w *walkRun) {
	t.Must(len(w.made) > 0 || w.tmpl != "", "the walkthrough made nothing")
	for i := len(w.made) - 1; i >= 0; i-- {
		m := w.made[i]
		if m.typ == "Machine" {
			t.settle(&machineRun{uri: m.uri})
		}
		t.deleteSimple(m.coll, m.uri, m.typ, checks.WalkCleanup)
	}
	if w.tmpl != "" {
		t.deleteSimple(w.tmplColl, w.tmpl, "MachineTemplate", checks.WalkCleanup)
	}
}

// walkVolume (W9): a Volume is made from a template the Provider lists (or
// one given by value), connected to the walkthrough's Machine, listed among
// its volumes, disconnected, and kept; W14 deletes it.
func (t *T) walkVolume(w *walkRun) {
	t.Must(w.machine.uri != "", "no Machine was made (W4)")
	t.settle(w.machine)
	tmpl := model.Obj("volumeConfig", model.Ref(pickVolumeConfig(t).Str("id")))
	if !t.env.capable("Volume", "VolumeTemplateByValue") {
		vt := t.pick(fullItems(t, "volumeTemplates", "VolumeTemplateCollection", "VolumeTemplate"), func(*model.Node) bool { return true })
		t.Must(vt != nil, "the Provider lists no VolumeTemplate and takes none by value")
		tmpl = model.Obj("href", vt.Str("id"))
	}
	vol, _ := t.makeVolume(tmpl, "walk-volume", checks.WalkVolume)
	t.Must(vol != "", "no Volume was made")
	coll, _ := volumesCollection(t)
	w.made = append(w.made, made{coll, "VolumeCollection", vol, "Volume"})
	_, _, err := t.waitVolume(vol)
	t.Must(err == nil, "the Volume does not become AVAILABLE: %v", err)
	r, rec := t.connect(w.machine.uri, vol, "/dev/vdb", checks.WalkVolume)
	mv := t.volumesOf(w.machine.uri)
	_, listed := mv.entryFor(vol)
	var detach *client.Response
	switch {
	case rec != "":
		if del, ok := t.deleteOp(rec, "MachineVolume"); ok {
			detach = t.del(rec, del)
			t.detached(rec, detach)
		}
	case mv.remove != "":
		detach = t.act(w.machine.uri, mv.remove, "remove", "volume", model.Ref(vol))
	}
	after := t.volumesOf(w.machine.uri)
	_, still := after.entryFor(vol)
	kept := t.get(vol)
	t.Check(checks.WalkVolume, ev(r, mv.resp, detach, after.resp, kept), func(g Gomega) {
		g.Expect(r.OK()).To(BeTrue(), "the Volume is connected (got %s)", r.Describe())
		g.Expect(listed).To(BeTrue(), "the Machine's volumes list it")
		g.Expect(detach).NotTo(BeNil(), "the Machine's volumes offer a way to disconnect it")
		g.Expect(detach.OK()).To(BeTrue(), "the Volume is disconnected (got %s)", detach.Describe())
		g.Expect(still).To(BeFalse(), "the Machine's volumes no longer list it")
		g.Expect(kept.Status).To(Equal(200), "the disconnected Volume remains")
	})
}

// W12: a MeterConfiguration, a MeterTemplate and a Meter of a new Machine;
// the Meter is in the Machine's meters, samples while started, stops, is
// deleted; another Meter goes with the Machine.
func (t *T) walkMeter() {
	m := t.restingMachine("walk-metered")
	cfgColl, cfgAdd := addOf(t, "meterConfigs", "MeterConfigurationCollection")
	cfg := t.create(cfgColl, cfgAdd, "MeterConfiguration", "MeterConfiguration", t.meterConfigBody("walk-meter-config", "Machine"), checks.WalkMeter)
	t.Must(cfg.uri != "", "no MeterConfiguration was made")
	tColl, tAdd := addOf(t, "meterTemplates", "MeterTemplateCollection")
	tmpl := t.create(tColl, tAdd, "MeterTemplate", "MeterTemplate",
		model.Obj("name", t.name("walk-meter-template-"+string(t.F)), "targetResource", model.Ref(m), "meterConfig", model.Ref(cfg.uri)), checks.WalkMeter)
	t.Must(tmpl.uri != "", "no MeterTemplate was made")
	meter := t.postMeter("walk-meter", model.Obj("href", tmpl.uri), checks.WalkMeter)
	t.Must(meter.uri != "", "no Meter was made")
	ids, _, lr := t.metersOf(m, "Machine")
	d, _ := t.read(meter.uri, "Meter", model.Full)
	t.Must(d != nil, "the Meter cannot be read")
	var grew, stopped bool
	if start, ok := d.Root.Op(t.env.version.ActionURI("start")); ok && t.act(meter.uri, start, "start").OK() {
		err := client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.State, Flag: flagTimeoutState}, meter.uri+" to sample",
			func() (bool, string, error) {
				s, _ := t.samplesOf(meter.uri)
				return len(s) >= 2, fmt.Sprintf("%d samples", len(s)), nil
			})
		grew = err == nil
		d, _ = t.read(meter.uri, "Meter", model.Full)
		if stop, ok := d.Root.Op(t.env.version.ActionURI("stop")); ok {
			stopped = t.act(meter.uri, stop, "stop").OK()
		}
	}
	del, _ := d.Root.Op("delete")
	dr := t.del(meter.uri, del)
	after, _, _ := t.metersOf(m, "Machine")
	second := t.postMeter("walk-meter-second", model.Obj("href", tmpl.uri), checks.WalkMeter)
	md, ok := t.deleteOp(m, "Machine")
	t.Must(ok, "the Machine offers no delete")
	mdr := t.del(m, md)
	if _, err := t.waitGone(m, mdr.Status == 202); err == nil {
		t.env.ledger.gone(m)
	}
	var left *client.Response
	if second.uri != "" {
		left = t.get(second.uri)
	}
	t.Check(checks.WalkMeter, ev(meter.resp, lr, dr, mdr, left), func(g Gomega) {
		g.Expect(ids).To(ContainElement(meter.uri), "the Machine's meters list the Meter")
		g.Expect(grew).To(BeTrue(), "the started Meter records samples")
		g.Expect(stopped).To(BeTrue(), "the Meter stops")
		g.Expect(dr.OK()).To(BeTrue(), "the Meter is deleted (got %s)", dr.Describe())
		g.Expect(after).NotTo(ContainElement(meter.uri), "the deleted Meter leaves the Machine's meters")
		g.Expect(left).NotTo(BeNil(), "a second Meter was made")
		g.Expect(left.Status).To(BeElementOf(404, 410), "the second Meter is gone with its Machine")
	})
	for _, u := range []string{meter.uri, second.uri} {
		if r := t.get(u); r.Status == 404 || r.Status == 410 {
			t.env.ledger.gone(u)
		}
	}
}

// W13: an EventLog of the Machine, made from an EventLogTemplate; a stop
// and a start show as state Events with the Machine's state; the summary
// counts them; the deleted log takes its Events.
func (t *T) walkEventLog(w *walkRun) {
	t.Must(w.machine.uri != "", "no Machine was made (W4)")
	t.settle(w.machine)
	m := w.machine.uri
	tColl, tAdd := addOf(t, "eventLogTemplates", "EventLogTemplateCollection")
	tmpl := t.create(tColl, tAdd, "EventLogTemplate", "EventLogTemplate",
		model.Obj("name", t.name("walk-log-template-"+string(t.F)), "targetResource", model.Ref(m), "persistence", "daily"), checks.WalkEventLog)
	t.Must(tmpl.uri != "", "no EventLogTemplate was made")
	coll, add := addOf(t, "eventLogs", "EventLogCollection")
	log := t.About("EventLog", "create").create(coll, add, "EventLogCreate", "EventLog",
		model.Obj("name", t.name("walk-log-"+string(t.F)), "eventLogTemplate", model.Obj("href", tmpl.uri)), checks.WalkEventLog)
	t.Must(log.uri != "", "no EventLog was made")
	if t.state(m) != "STARTED" {
		t.driveMachine(m, "start", "STARTED")
	}
	if !t.driveMachine(m, "stop", "STOPPED") || !t.driveMachine(m, "start", "STARTED") {
		t.NotTested(checks.WalkEventLog, "the Machine could not be stopped and started (see the Machine checks)")
		return
	}
	l, events, _ := t.eventsOf(log.uri)
	var states []string
	counts := map[string]int64{}
	for _, e := range events {
		counts[e.Str("severity")]++
		if strings.HasSuffix(e.Str("type"), "/event/state") {
			states = append(states, e.Get("content").Str("state"))
		}
	}
	d, _ := t.deleteOp(log.uri, "EventLog")
	dr := t.del(log.uri, d)
	var still []string
	for _, e := range events {
		if r := t.get(t.env.client.Resolve(e.Str("id"))); r.Status == 200 {
			still = append(still, e.Str("id"))
		}
	}
	if dr.OK() {
		t.env.ledger.gone(log.uri)
	}
	t.Check(checks.WalkEventLog, ev(log.resp, dr), func(g Gomega) {
		g.Expect(l).NotTo(BeNil(), "the EventLog reads")
		g.Expect(states).To(ContainElements("STOPPED", "STARTED"), "state Events show the Machine STOPPED and STARTED")
		for _, sev := range []string{"low", "medium", "high", "critical"} {
			n, _ := l.Get("summary").Int(sev)
			g.Expect(n).To(Equal(counts[sev]), "summary.%s against the Events", sev)
		}
		g.Expect(dr.OK()).To(BeTrue(), "the EventLog is deleted (got %s)", dr.Describe())
		g.Expect(still).To(BeEmpty(), "the Events of the deleted EventLog are gone")
	})
}
