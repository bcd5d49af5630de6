package suites

import (
	"fmt"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// judgePropertyFilter finds the lifecycle Machine by its properties
// (§4.1.6.1, l.643-647): it must be the only one with those values, and a
// value no Machine holds must find none. The second question is what shows
// an ignored filter when the run's Machine is alone in the collection.
func (t *T) judgePropertyFilter(coll, uri string, m *model.Node) {
	if !t.env.capable("CloudEntryPoint", "FilterParameter") {
		t.NotSupported(checks.QueryFilterProperty, "the Provider does not advertise FilterParameter")
		return
	}
	purpose := "lifecycle-" + string(t.F)
	if props := m.Get("properties").StringMap(); props["purpose"] != purpose || props["cimitest.run"] != t.env.runID {
		t.NotTested(checks.QueryFilterProperty, "the Machine does not hold the properties it was created with (see machine.properties-verbatim)")
		return
	}
	f := fmt.Sprintf("property['purpose']='%s' and property['cimitest.run']='%s'", purpose, t.env.runID)
	got, count, _, r := t.ask(coll, "$filter="+enc(f))
	none := fmt.Sprintf("property['cimitest.run']='%s-none'", t.env.runID)
	gotNone, countNone, _, rNone := t.ask(coll, "$filter="+enc(none))
	t.About("MachineCollection").Check(checks.QueryFilterProperty, ev(r, rNone), func(g Gomega) {
		g.Expect(r.Status).To(Equal(200), "GET ?$filter=%s", f)
		g.Expect(got).To(Equal([]string{uri}), "the Machines whose properties match")
		g.Expect(count).To(BeEquivalentTo(1), "count")
		g.Expect(rNone.Status).To(Equal(200), "GET ?$filter=%s", none)
		g.Expect(gotNone).To(BeEmpty(), "the Machines with a property value none holds")
		g.Expect(countNone).To(BeEquivalentTo(0), "count of the Machines with a property value none holds")
	})
}

// partialUpdate exercises PUT ?$select (§4.2.1.3.1, l.1053-1084).
func (t *T) partialUpdate(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was created")
	t.settle(lc)
	m, _ := t.machine(lc.uri)
	edit, ok := m.Op("edit")
	if !ok {
		t.Skip("the Machine offers no edit operation")
	}
	put := func(sel string, body *model.Node) (*client.Response, *model.Node) {
		r := t.send("PUT", edit+sepFor(edit)+"$select="+sel, "Machine", body, client.On(lc.uri))
		after, _ := t.machine(lc.uri)
		return r, after
	}
	// The attributes left unselected must be there to be seen kept: a full
	// PUT sets them first where an earlier step removed them.
	if m.Str("description") == "" || len(m.Get("properties").StringMap()) == 0 {
		full := m.Clone().Set("description", model.S("kept by a partial update")).
			Set("properties", model.Props(map[string]string{"cimitest.run": t.env.runID}))
		t.Must(t.send("PUT", edit, "Machine", full, client.On(lc.uri)).OK(), "the Machine cannot be given a description to keep")
		t.settle(lc)
		m, _ = t.machine(lc.uri)
	}
	// Only the selected attribute changes. The name is what is selected, so
	// that a Provider that ignores $select and replaces the whole Machine
	// still leaves it named as the run's (the run writes only to those).
	newName := t.name("partial-" + string(t.F))
	r, after := put("name", model.Obj("name", newName))
	t.Check(checks.UpdateSelect, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT ?$select=name")
		g.Expect(after.Str("name")).To(Equal(newName), "name")
		g.Expect(after.Str("description")).To(Equal(m.Str("description")), "description, which was not selected")
		g.Expect(after.Get("properties").StringMap()).To(Equal(m.Get("properties").StringMap()), "properties, which were not selected")
	})
	// A selected attribute missing from the body is reset.
	r, after = put("name,description", model.Obj("name", newName))
	t.Check(checks.UpdateSelectReset, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT ?$select=name,description with only name")
		g.Expect(after.Str("name")).To(Equal(newName), "name")
		g.Expect(after.Has("description")).To(BeFalse(), "description, selected but not sent")
	})
	// An attribute in the body that is not selected is refused.
	r, again := put("name", model.Obj("name", newName+"-x", "description", "not selected"))
	refused := t.refused(r, "Machine", "update")
	t.Check(checks.UpdateSelectExtra, ev(r), func(g Gomega) {
		g.Expect(refused).To(BeTrue(), "PUT ?$select=name with a description in the body is refused (got %s)", r.Describe())
		g.Expect(again.Str("name")).To(Equal(newName), "the name did not change")
		g.Expect(again.Has("description")).To(BeFalse(), "the description did not change")
	})
}

// judgeETag checks If-Match where the Machine sends an ETag (§4.1.7.2).
func (t *T) judgeETag(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was created")
	t.settle(lc)
	m, resp := t.machine(lc.uri)
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Skip("the Machine has no ETag")
	}
	edit, ok := m.Op("edit")
	if !ok {
		t.Skip("the Machine offers no edit operation")
	}
	stale := m.Clone().Set("description", model.S("must not be stored"))
	r := t.send("PUT", edit, "Machine", stale, client.Header("If-Match", `"cimitest-stale"`), client.On(lc.uri))
	after, _ := t.machine(lc.uri)
	t.Check(checks.HTTPETag, ev(resp, r), func(g Gomega) {
		g.Expect(r.Status).To(Equal(412), "PUT with a stale If-Match")
		g.Expect(after.Str("description")).To(Equal(m.Str("description")), "the description after a refused PUT")
	})
	fresh := after.Clone().Set("description", model.S("stored with If-Match"))
	_, cur := t.machine(lc.uri)
	before := cur.Header.Get("ETag")
	r = t.send("PUT", edit, "Machine", fresh, client.Header("If-Match", before), client.On(lc.uri))
	final, _ := t.machine(lc.uri)
	t.Check(checks.HTTPETag, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT with the current ETag")
		g.Expect(final.Str("description")).To(Equal("stored with If-Match"), "the description after the PUT")
	})
	if !r.OK() {
		return
	}
	// The ETag the server itself gave before the update is now stale: a
	// server that only refuses tokens it never issued lets it through.
	t.followJob(r, "Machine", "update")
	again := final.Clone().Set("description", model.S("must not be stored either"))
	r = t.send("PUT", edit, "Machine", again, client.Header("If-Match", before), client.On(lc.uri))
	last, _ := t.machine(lc.uri)
	t.Check(checks.HTTPETag, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(Equal(412), "PUT with the ETag the Machine had before its last update (%s)", before)
		g.Expect(last.Str("description")).To(Equal("stored with If-Match"), "the description after a refused PUT")
	})
}

// judgeMaxProperties puts as many properties on the Machine as the
// MaxPropertyItems capability promises (Table 7): all are kept.
func (t *T) judgeMaxProperties(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was created")
	v, _ := t.env.capability("CloudEntryPoint", "MaxPropertyItems")
	n, err := strconv.Atoi(v)
	t.Must(err == nil && n > 0, "MaxPropertyItems is %q, not a positive integer (see rm.capabilities)", v)
	if n > 500 {
		n = 500 // enough to show a Provider keeps many; the note says so
		t.env.note(fmt.Sprintf("MaxPropertyItems is %s; cimitest stored %d properties", v, n))
	}
	t.settle(lc)
	m, _ := t.machine(lc.uri)
	edit, ok := m.Op("edit")
	if !ok {
		t.Skip("the Machine offers no edit operation")
	}
	props := map[string]string{"cimitest.run": t.env.runID}
	for i := 1; len(props) < n; i++ {
		props[fmt.Sprintf("cimitest.p%03d", i)] = strconv.Itoa(i)
	}
	r := t.send("PUT", edit, "Machine", m.Clone().Set("properties", model.Props(props)), client.On(lc.uri))
	after, _ := t.machine(lc.uri)
	t.Check(checks.RMMaxProperties, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "a PUT with %d properties", n)
		g.Expect(after.Get("properties").StringMap()).To(Equal(props), "the %d properties after the PUT", n)
	})
	t.settle(lc)
}

var _ = scenario(func(r *runEnv) {
	Describe("Machines in each initial state", Label("machines"), func() {
		formats(func(f model.Format) {
			r.step("creates a Machine in each state InitialStates lists",
				[]*checks.Check{checks.RMInitialStates},
				func(t *T) { t.judgeInitialStates() })
		})
	})
})

// judgeInitialStates creates one Machine per state the InitialStates
// capability lists, with that initialState: each settles in it (Table 7).
func (t *T) judgeInitialStates() {
	v, _ := t.env.capability("Machine", "InitialStates")
	coll, add := machinesCollection(t)
	cfg, img := pickConfig(t), pickImage(t)
	for _, s := range strings.Split(v, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		body := model.Obj("name", t.name("initial-"+strings.ToLower(s)+"-"+string(t.F)), "machineTemplate",
			model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")), "initialState", s))
		c := t.create(coll, add, "MachineCreate", "Machine", body, checks.RMInitialStates)
		if c.uri == "" {
			continue
		}
		final, seen, err := t.waitState(c.uri, []string{"CREATING", "STARTING", "STOPPING"}, model.StableMachineStates...)
		if !t.judgeTransition(checks.RMInitialStates, seen, err, []string{"CREATING"}, s, c.resp) {
			continue
		}
		t.Check(checks.RMInitialStates, ev(c.resp), func(g Gomega) {
			g.Expect(final.Str("state")).To(Equal(s), "state of a Machine created with initialState %s", s)
		})
	}
}
