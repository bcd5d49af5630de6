package suites

import (
	"slices"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.14.3-4 and §4.2.1.1: MachineTemplates, and Machines made from a
// template by reference, with overrides, with erased attributes and by value.

// templateRun is what the template steps share.
type templateRun struct {
	coll, uri string
	initial   string // the template's initialState ("" when none was set)
	stored    *model.Node
	machine   string // a Machine made from it by reference
}

var _ = scenario(func(r *runEnv) {
	Describe("MachineTemplates", Label("templates"), func() {
		formats(func(f model.Format) {
			Describe("templates and creation from them", Ordered, ContinueOnFailure, func() {
				tr := &templateRun{}

				r.step("creates a MachineTemplate by value",
					[]*checks.Check{checks.TemplateCreate, checks.HTTPCreateLocation, checks.HTTPCreateBody, checks.HTTPCreateJob},
					func(t *T) {
						href := readCEP(t).Href("machineTemplates")
						if href == "" {
							t.Skip("the Cloud Entry Point lists no machineTemplates")
						}
						tr.coll = t.env.client.Resolve(href)
						d, _ := t.read(tr.coll, "MachineTemplateCollection", model.Full)
						t.Must(d != nil, "the MachineTemplateCollection cannot be read")
						add, ok := d.Root.Op("add")
						if !ok {
							t.Skip("the MachineTemplateCollection offers no add operation")
						}
						cfg, img := pickConfig(t), pickImage(t)
						body := model.Obj("name", t.name("template-"+string(t.F)), "description", "made by cimitest",
							"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")))
						if t.startable() {
							tr.initial = "STARTED"
							body.Set("initialState", model.S("STARTED"))
						}
						c := t.create(tr.coll, add, "MachineTemplate", "MachineTemplate", body, checks.TemplateCreate)
						tr.uri = c.uri
						t.Must(tr.uri != "", "the create did not yield a MachineTemplate")
						got, resp := t.read(tr.uri, "MachineTemplate", model.Full)
						t.Check(checks.TemplateCreate, ev(resp), func(g Gomega) {
							g.Expect(got).NotTo(BeNil(), "GET on the new MachineTemplate")
							g.Expect(got.Root.Str("name")).To(Equal(t.name("template-"+string(t.F))), "name")
							g.Expect(t.env.client.Resolve(got.Root.Href("machineConfig"))).To(Equal(t.env.client.Resolve(cfg.Str("id"))), "machineConfig")
							g.Expect(t.env.client.Resolve(got.Root.Href("machineImage"))).To(Equal(t.env.client.Resolve(img.Str("id"))), "machineImage")
							g.Expect(got.Root.Str("initialState")).To(Equal(tr.initial), "initialState")
						})
						t.judgeListed(checks.TemplateCreate, tr.coll, "MachineTemplateCollection", tr.uri, true, "the collection lists the new template")
						if got != nil {
							tr.stored = got.Root
						}
					})

				r.step("makes a Machine from the template by reference",
					[]*checks.Check{checks.TemplateByReference, checks.MachineInitialStarted},
					func(t *T) {
						t.Must(tr.uri != "", "no MachineTemplate was created")
						m := t.machineFrom(model.Obj("href", tr.uri), "by-reference", checks.TemplateByReference)
						want := tr.initial
						if want == "" {
							want = t.defaultInitialState()
							t.NotSupported(checks.MachineInitialStarted, "STARTED is not one of the InitialStates the Provider offers")
						}
						if m == nil {
							t.NotTested(checks.MachineInitialStarted, "no Machine was made from the template (see template.by-reference)")
							return
						}
						tr.machine = m.uri
						final, seen, err := t.waitState(m.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
						if !t.judgeTransition(checks.TemplateByReference, seen, err, []string{"CREATING"}, want, m.resp) {
							return
						}
						id := checks.TemplateByReference
						if tr.initial == "STARTED" {
							id = checks.MachineInitialStarted
						}
						t.Check(id, ev(m.resp), func(g Gomega) {
							g.Expect(final.Str("state")).To(Equal(want), "state of a Machine made from a template with initialState %q", tr.initial)
						})
					})

				r.step("overrides the template for one Machine only",
					[]*checks.Check{checks.TemplateOverride},
					func(t *T) {
						t.Must(tr.uri != "" && tr.stored != nil, "no MachineTemplate was created")
						override := "STOPPED"
						if tr.initial != "STARTED" {
							if !t.startable() {
								t.Skip("the Provider offers no second initial state to override with")
							}
							override = "STARTED"
						}
						m := t.machineFrom(model.Obj("href", tr.uri, "initialState", override), "override", checks.TemplateOverride)
						if m == nil {
							return
						}
						final, seen, err := t.waitState(m.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
						if !t.judgeTransition(checks.TemplateOverride, seen, err, []string{"CREATING"}, override, m.resp) {
							return
						}
						after, resp := t.read(tr.uri, "MachineTemplate", model.Full)
						t.Check(checks.TemplateOverride, ev(m.resp, resp), func(g Gomega) {
							g.Expect(final.Str("state")).To(Equal(override), "state of the Machine made with the override")
							g.Expect(after).NotTo(BeNil(), "the template can be read again")
							g.Expect(after.Root.Str("initialState")).To(Equal(tr.stored.Str("initialState")), "the stored template keeps its initialState")
						})
					})

				r.step("erases a template attribute for one Machine only",
					[]*checks.Check{checks.TemplateErase},
					func(t *T) {
						t.Must(tr.uri != "", "no MachineTemplate was created")
						if tr.initial == "" || tr.initial == t.defaultInitialState() {
							t.Skip("erasing initialState would not change the outcome here")
						}
						m := t.machineFrom(model.Obj("href", tr.uri, "initialState", model.NullNode()), "erase", checks.TemplateErase)
						if m == nil {
							return
						}
						want := t.defaultInitialState()
						final, seen, err := t.waitState(m.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
						if !t.judgeTransition(checks.TemplateErase, seen, err, []string{"CREATING"}, want, m.resp) {
							return
						}
						after, resp := t.read(tr.uri, "MachineTemplate", model.Full)
						t.Check(checks.TemplateErase, ev(m.resp, resp), func(g Gomega) {
							g.Expect(final.Str("state")).To(Equal(want), "a Machine whose template initialState was erased ends in the default state")
							g.Expect(after.Root.Str("initialState")).To(Equal(tr.initial), "the stored template keeps its initialState")
						})
					})

				r.step("keeps a template given by value hidden",
					[]*checks.Check{checks.TemplateHidden},
					func(t *T) {
						t.Must(tr.coll != "", "the MachineTemplateCollection is not known")
						before := t.list(tr.coll, "MachineTemplateCollection")
						cfg, img := pickConfig(t), pickImage(t)
						m := t.machineFrom(model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id"))),
							"hidden-template", checks.TemplateHidden)
						if m == nil {
							return
						}
						after := t.list(tr.coll, "MachineTemplateCollection")
						if !before.whole() || !after.whole() {
							t.NotTested(checks.TemplateHidden, "the MachineTemplateCollection cannot be read whole: "+before.why+after.why)
							return
						}
						// Others may add templates meanwhile, the run's other
						// scenarios too: only one that names this
						// configuration and image is the one given by value,
						// and one the run made itself is not.
						var shown []string
						for _, id := range after.ids(t.env.client) {
							if slices.Contains(before.ids(t.env.client), id) {
								continue
							}
							d, _ := t.read(id, "MachineTemplate", model.Full)
							if d == nil || t.env.client.Resolve(d.Root.Href("machineConfig")) != t.env.client.Resolve(cfg.Str("id")) ||
								t.env.client.Resolve(d.Root.Href("machineImage")) != t.env.client.Resolve(img.Str("id")) {
								continue
							}
							if t.env.runOwns(id, "MachineTemplate", d.Root.Str("name")) {
								continue
							}
							shown = append(shown, id)
						}
						shown = t.notOwnedAfterGrace(shown)
						t.Check(checks.TemplateHidden, ev(m.resp), func(g Gomega) {
							g.Expect(shown).To(BeEmpty(), "templates with the configuration and image given by value that appeared after the create")
						})
					})

				r.step("gives Machines made from a template its ResourceMetadata",
					[]*checks.Check{checks.RMTemplateRef},
					func(t *T) { t.judgeTemplateMetadata(tr) })

				r.step("updates the MachineTemplate",
					[]*checks.Check{checks.TemplateUpdate},
					func(t *T) {
						t.Must(tr.uri != "", "no MachineTemplate was created")
						cur, _ := t.read(tr.uri, "MachineTemplate", model.Full)
						t.Must(cur != nil, "the template cannot be read")
						edit, ok := cur.Root.Op("edit")
						if !ok {
							t.Skip("the MachineTemplate offers no edit operation")
						}
						r := t.send("PUT", edit, "MachineTemplate", cur.Root.Clone().Set("description", model.S("changed by cimitest")), client.On(tr.uri))
						after, _ := t.read(tr.uri, "MachineTemplate", model.Full)
						t.Check(checks.TemplateUpdate, ev(r), func(g Gomega) {
							g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT on the template")
							g.Expect(after).NotTo(BeNil())
							g.Expect(after.Root.Str("description")).To(Equal("changed by cimitest"), "description after the PUT")
						})
					})

				r.step("changes the template's configuration and leaves its Machines as they were",
					[]*checks.Check{checks.TemplateSparesMachines},
					func(t *T) { t.templateSparesMachines(tr) })

				r.step("refuses a template with a transient initialState, or stores it without",
					[]*checks.Check{checks.TemplateStableInitialState},
					func(t *T) { t.templateTransientState(tr) })

				r.step("deletes the MachineTemplate",
					[]*checks.Check{checks.TemplateDelete},
					func(t *T) {
						t.Must(tr.uri != "", "no MachineTemplate was created")
						t.deleteSimple(tr.coll, tr.uri, "MachineTemplate", checks.TemplateDelete)
					})
			})
		})
	})
})

// templateSparesMachines points the template at another configuration: the
// Machine made from it earlier keeps its hardware (M-94).
func (t *T) templateSparesMachines(tr *templateRun) {
	t.Must(tr.uri != "" && tr.machine != "", "no Machine was made from the template (see template.by-reference)")
	cur, _ := t.read(tr.uri, "MachineTemplate", model.Full)
	t.Must(cur != nil, "the template cannot be read")
	edit, ok := cur.Root.Op("edit")
	if !ok {
		t.NotSupported(checks.TemplateSparesMachines, "the MachineTemplate offers no edit operation")
		return
	}
	before, _ := t.machine(tr.machine)
	t.Must(before != nil, "the Machine made from the template cannot be read")
	other := configShapedOtherThan(t, before)
	if other == nil {
		t.NotTested(checks.TemplateSparesMachines, "the Provider has no MachineConfiguration of another shape than the Machine's to point the template at")
		return
	}
	r := t.send("PUT", edit, "MachineTemplate", cur.Root.Clone().Set("machineConfig", model.Ref(other.Str("id"))), client.On(tr.uri))
	t.Must(r.OK(), "the template's update was refused (%s)", r.Describe())
	t.followJob(r, "MachineTemplate", "update")
	after, resp := t.machine(tr.machine)
	t.Check(checks.TemplateSparesMachines, ev(r, resp), func(g Gomega) {
		g.Expect(after.Str("cpu")).To(Equal(before.Str("cpu")), "cpu of the Machine made from the template before its update")
		g.Expect(after.Str("memory")).To(Equal(before.Str("memory")), "memory of the Machine made from the template before its update")
	})
}

// templateTransientState posts a template whose initialState is a
// transient state: refused, or stored without it (Table 19).
func (t *T) templateTransientState(tr *templateRun) {
	t.Must(tr.coll != "", "the MachineTemplateCollection is not known")
	d, _ := t.read(tr.coll, "MachineTemplateCollection", model.Full)
	t.Must(d != nil, "the MachineTemplateCollection cannot be read")
	add, ok := d.Root.Op("add")
	t.Must(ok, "the MachineTemplateCollection offers no add")
	cfg, img := pickConfig(t), pickImage(t)
	body := model.Obj("name", t.name("transient-template-"+string(t.F)), "initialState", "STARTING",
		"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")))
	r := t.post(tr.coll, add, "MachineTemplate", "MachineTemplate", body)
	if t.refused(r, "MachineTemplate", "create") {
		t.Pass(checks.TemplateStableInitialState)
		return
	}
	t.followJob(r, "MachineTemplate", "create")
	uri := t.env.client.Resolve(r.Header.Get("Location"))
	t.Must(uri != "", "the template was accepted without a Location (%s)", r.Describe())
	stored, resp := t.read(uri, "MachineTemplate", model.Full)
	t.Check(checks.TemplateStableInitialState, ev(r, resp), func(g Gomega) {
		g.Expect(stored).NotTo(BeNil(), "GET on the accepted template")
		g.Expect(model.TransientMachineStates).NotTo(ContainElement(stored.Root.Str("initialState")), "initialState of the stored template")
	})
}

// judgeTemplateMetadata makes a template that names the Machine
// ResourceMetadata in genResourceMetadata, and a Machine from it: the
// Machine names that ResourceMetadata (§5.11, l.1882-1885).
func (t *T) judgeTemplateMetadata(tr *templateRun) {
	t.Must(tr.coll != "", "the MachineTemplateCollection is not known")
	rm := t.env.metadata("Machine")
	if rm == nil || rm.Str("id") == "" {
		t.Skip("the endpoint has no Machine ResourceMetadata a template could name")
	}
	rmURI := t.env.client.Resolve(rm.Str("id"))
	d, _ := t.read(tr.coll, "MachineTemplateCollection", model.Full)
	t.Must(d != nil, "the MachineTemplateCollection cannot be read")
	add, _ := d.Root.Op("add")
	cfg, img := pickConfig(t), pickImage(t)
	body := model.Obj("name", t.name("metadata-template-"+string(t.F)), "machineConfig", model.Ref(cfg.Str("id")),
		"machineImage", model.Ref(img.Str("id")), "genResourceMetadata", model.Ref(rmURI))
	r := t.post(tr.coll, add, "MachineTemplate", "MachineTemplate", body)
	if r.Status >= 400 && r.Status < 500 {
		t.NotSupported(checks.RMTemplateRef, "the Provider refuses genResourceMetadata in a MachineTemplate ("+r.Describe()+")")
		return
	}
	t.Must(r.OK() && r.Header.Get("Location") != "", "the template with genResourceMetadata was not created (%s)", r.Describe())
	t.followJob(r, "MachineTemplate", "create")
	m := t.machineFrom(model.Ref(t.env.client.Resolve(r.Header.Get("Location"))), "metadata-machine", checks.TemplateByReference)
	t.Must(m != nil, "no Machine was made from the template")
	got, resp := t.machine(m.uri)
	t.Check(checks.RMTemplateRef, ev(resp), func(g Gomega) {
		g.Expect(t.env.client.Resolve(got.Href("resourceMetadata"))).To(Equal(rmURI), "resourceMetadata of the Machine")
	})
}

// startable reports whether a Machine may be created STARTED: the
// InitialStates capability, when present, must list it (Table 7).
func (t *T) startable() bool {
	v, ok := t.env.capability("Machine", "InitialStates")
	if !ok {
		return true
	}
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		if s == "STARTED" {
			return true
		}
	}
	return false
}

// madeMachine is a Machine a step created.
type madeMachine struct {
	uri  string
	resp *client.Response
}

// machineFrom creates a Machine from the given machineTemplate value and
// judges acceptance as id; nil when no Machine came of it.
func (t *T) machineFrom(tmpl *model.Node, purpose string, id *checks.Check) *madeMachine {
	coll, add := machinesCollection(t)
	body := model.Obj("name", t.name(purpose+"-"+string(t.F)), "machineTemplate", tmpl)
	c := t.About("Machine", "create").create(coll, add, "MachineCreate", "Machine", body, id)
	if c.uri == "" {
		return nil
	}
	return &madeMachine{uri: c.uri, resp: c.resp}
}

// deleteSimple deletes a resource through its delete operation and checks it
// answers 404 and leaves its collection; it reports whether the resource is
// gone.
func (t *T) deleteSimple(coll, uri, typ string, id *checks.Check) bool {
	del, ok := t.deleteOp(uri, typ)
	if !ok {
		t.NotSupported(id, "the "+typ+" offers no delete operation")
		return false
	}
	r := t.del(uri, del)
	if !r.OK() {
		t.Fail(id, "DELETE was refused", "200, 202 or 204", r.Describe(), r)
		t.judgeError(r, typ, "delete")
		return false
	}
	job := t.followJob(r, typ, "delete")
	gone, err := t.waitGone(uri, r.Status == 202 && !job.ended)
	if err != nil {
		t.Fail(id, err.Error(), "404", gone.Describe(), r, gone)
		return false
	}
	t.env.ledger.gone(uri)
	t.Check(id, ev(r, gone), func(g Gomega) {
		// 404 or 410: which of the two is right is http.not-found's to judge.
		g.Expect(gone.Status).To(BeElementOf(404, 410), "GET after the delete")
	})
	t.judgeListed(id, coll, typ+"Collection", uri, false, "the collection no longer lists the deleted "+typ)
	return true
}

// ownershipGrace is how long a template that looks like another's is
// given to turn out the run's own: another worker may have seen its
// create answered, and not yet written it down, when it was listed.
const ownershipGrace = 2 * time.Second

// notOwnedAfterGrace keeps, of the templates found, those still not the
// run's after the grace.
func (t *T) notOwnedAfterGrace(found []string) []string {
	if len(found) == 0 {
		return nil
	}
	select {
	case <-t.env.ctx.Done():
	case <-time.After(ownershipGrace):
	}
	var out []string
	for _, id := range found {
		d, _ := t.read(id, "MachineTemplate", model.Full)
		if d == nil || !t.env.runOwns(id, "MachineTemplate", d.Root.Str("name")) {
			out = append(out, id)
		}
	}
	return out
}
