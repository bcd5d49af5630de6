package suites

import (
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The 1.x System model (DSP8009): a SystemTemplate posted as itself, whose
// componentDescriptor entries name a MachineTemplate (two Machines) and,
// where offered, a VolumeTemplate and a NetworkTemplate; a System from it, whose
// collections hold System… association items; an export and the import
// of its package; the System deleted.

// systemRunV1 is what the 1.x System steps share.
type systemRunV1 struct {
	tmpl, sys string
	machines  int // Machines, Volumes and Networks the template's descriptors make
	volumes   int
	networks  int
}

var _ = scenario(func(r *runEnv) {
	Describe("Systems (1.x)", Label("systems"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("a 1.x System from a template", Ordered, ContinueOnFailure, func() {
				sr := &systemRunV1{}
				r.step("posts a SystemTemplate as itself", []*checks.Check{checks.SystemTemplateV1},
					func(t *T) { t.makeSystemTemplateV1(sr) })
				r.step("makes a System from it, and refuses a SystemCreate without template",
					[]*checks.Check{checks.SystemCreateV1, checks.SystemRepresentationV1, checks.SystemAssociationsV1},
					func(t *T) { t.makeSystemV1(sr) })
				r.step("exports the System and imports its package into a SystemTemplate", []*checks.Check{checks.SystemOVFActionsV1},
					func(t *T) { t.ovfActionsV1(sr) })
				r.step("deletes the System", []*checks.Check{checks.SystemCreateV1}, func(t *T) { t.discard(sr.sys, "System") })
			})
		})
	})
})

// makeSystemTemplateV1 posts the MachineTemplate (and VolumeTemplate) the
// descriptors name, then the SystemTemplate, and reads it back.
func (t *T) makeSystemTemplateV1(sr *systemRunV1) {
	mc, madd := addOf(t, "machineTemplates", "MachineTemplateCollection")
	cfg, img := pickConfig(t), pickImage(t)
	mt := t.create(mc, madd, "MachineTemplate", "MachineTemplate", model.Obj("name", t.name("system-v1-machine-template-"+string(t.F)),
		"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id"))), checks.SystemTemplateV1)
	t.Must(mt.uri != "", "the create did not yield a MachineTemplate")
	descriptors := []*model.Node{t.descriptor(t.name("web-"+string(t.F)), "Machine", "machineTemplate", model.Ref(mt.uri)).Set("quantity", model.I(2))}
	sr.machines = 2
	if vc, vadd := t.optionalAdd("volumeTemplates", "VolumeTemplateCollection"); vadd != "" && readCEP(t).Has("volumes") {
		vt := t.create(vc, vadd, "VolumeTemplate", "VolumeTemplate", model.Obj("name", t.name("system-v1-volume-template-"+string(t.F)),
			"volumeConfig", model.Ref(pickVolumeConfig(t).Str("id"))), checks.SystemTemplateV1)
		if vt.uri != "" {
			descriptors = append(descriptors, t.descriptor(t.name("data-"+string(t.F)), "Volume", "volumeTemplate", model.Ref(vt.uri)))
			sr.volumes = 1
		}
	}
	if nt := t.optionalNetworkTemplateV1(); nt != "" {
		descriptors = append(descriptors, t.descriptor(t.name("net-"+string(t.F)), "Network", "networkTemplate", model.Ref(nt)))
		sr.networks = 1
	}
	sc, sadd := addOf(t, "systemTemplates", "SystemTemplateCollection")
	st := t.create(sc, sadd, "SystemTemplate", "SystemTemplate", model.Obj("name", t.name("system-v1-template-"+string(t.F)),
		"componentDescriptors", model.Arr(descriptors...)), checks.SystemTemplateV1)
	t.Must(st.uri != "", "the create did not yield a SystemTemplate")
	sr.tmpl = st.uri
	got, resp := t.read(st.uri, "SystemTemplate", model.Full)
	t.Check(checks.SystemTemplateV1, ev(st.resp, resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil(), "the SystemTemplate read back")
		list := got.Root.Get("componentDescriptors").List()
		g.Expect(list).To(HaveLen(len(descriptors)), "componentDescriptor entries of the SystemTemplate")
		for _, d := range list {
			g.Expect(d.Str("type")).To(HavePrefix(t.env.version.TypeURI("")), "the type of a componentDescriptor")
			g.Expect(templatesIn(d)).To(HaveLen(1), "templates of the componentDescriptor %q", d.Str("name"))
			if model.TypeName(d.Str("type")) == "Machine" {
				g.Expect(d.Str("quantity")).To(Equal("2"), "quantity of the Machine descriptor")
				g.Expect(t.env.client.Resolve(d.Href("machineTemplate"))).To(Equal(mt.uri), "machineTemplate of the Machine descriptor")
			}
		}
	})
	t.judgeListed(checks.SystemTemplateV1, sc, "SystemTemplateCollection", st.uri, true, "the collection lists the new SystemTemplate")
}

// optionalNetworkTemplateV1 makes a 1.x NetworkConfiguration and a
// NetworkTemplate of it where the entry point takes them ("" where not).
func (t *T) optionalNetworkTemplateV1() string {
	cc, cadd := t.optionalAdd("networkConfigs", "NetworkConfigurationCollection")
	nc, nadd := t.optionalAdd("networkTemplates", "NetworkTemplateCollection")
	if cadd == "" || nadd == "" || !readCEP(t).Has("networks") {
		return ""
	}
	cfg := t.create(cc, cadd, "NetworkConfiguration", "NetworkConfiguration", model.Obj(append([]any{"name",
		t.name("system-v1-network-config-" + string(t.F))}, flatten(networkConfigV1)...)...), checks.SystemTemplateV1)
	if cfg.uri == "" {
		return ""
	}
	return t.create(nc, nadd, "NetworkTemplate", "NetworkTemplate", model.Obj("name", t.name("system-v1-network-template-"+string(t.F)),
		"networkConfig", model.Ref(cfg.uri)), checks.SystemTemplateV1).uri
}

// templatesIn lists the template attributes a componentDescriptor holds.
func templatesIn(d *model.Node) []string {
	var out []string
	for _, k := range d.Keys() {
		if strings.HasSuffix(k, "Template") {
			out = append(out, k)
		}
	}
	return out
}

// makeSystemV1 makes the System, refuses one without template, and reads
// its collections and their association items.
func (t *T) makeSystemV1(sr *systemRunV1) {
	t.Must(sr.tmpl != "", "no SystemTemplate was made")
	t.refusedNetworkCreate(checks.SystemCreateV1, "systems", "SystemCollection", "SystemCreate", "System",
		"system-v1-without-template", model.Obj(), "a SystemCreate without systemTemplate")
	coll, add := addOf(t, "systems", "SystemCollection")
	c := t.create(coll, add, "SystemCreate", "System", model.Obj("name", t.name("system-v1-"+string(t.F)),
		"systemTemplate", model.Ref(sr.tmpl)), checks.SystemCreateV1)
	t.Must(c.uri != "", "the create did not yield a System")
	sr.sys = c.uri
	t.settleSystem(c.uri)
	t.judgeListed(checks.SystemCreateV1, coll, "SystemCollection", c.uri, true, "the collection lists the new System")
	d, resp := t.read(c.uri, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	t.Check(checks.SystemRepresentationV1, ev(resp), func(g Gomega) {
		// The model's 1.x System names each collection's System… type.
		for _, a := range d.Type.Attrs {
			if href := d.Root.Href(a.Name); a.Kind == model.KCollection && href != "" {
				l := t.list(t.env.client.Resolve(href), "")
				g.Expect(l.doc).NotTo(BeNil(), "the System's %s", a.Name)
				g.Expect(l.doc.Type).NotTo(BeNil(), "the type of the System's %s", a.Name)
				g.Expect(l.doc.Type.Name).To(Equal(a.Target), "the type of the System's %s", a.Name)
			}
		}
		for _, a := range []string{"parent", "networkServices", "services"} {
			g.Expect(d.Root.Has(a)).To(BeFalse(), "a 1.x System with the 2.0 attribute %s", a)
		}
	})
	t.judgeAssociations(sr, d.Root, resp)
}

// judgeAssociations reads the System's machines and volumes: association
// items, each leading to one component of its type, which the run takes
// into its ledger.
func (t *T) judgeAssociations(sr *systemRunV1, sys *model.Node, resp *client.Response) {
	for _, c := range []struct {
		attr, item, ref, typ string
		want                 int
	}{{"machines", "SystemMachine", "machine", "Machine", sr.machines}, {"volumes", "SystemVolume", "volume", "Volume", sr.volumes},
		{"networks", "SystemNetwork", "network", "Network", sr.networks}} {
		href := sys.Href(c.attr)
		if href == "" {
			t.Fail(checks.SystemAssociationsV1, "the System has no "+c.attr, "a "+c.item+"Collection", "none", resp)
			continue
		}
		l := t.list(t.env.client.Resolve(href), c.item+"Collection")
		var targets []string
		t.Check(checks.SystemAssociationsV1, ev(append([]*client.Response{resp}, l.resps...)...), func(g Gomega) {
			g.Expect(l.doc).NotTo(BeNil(), "the System's %s", c.attr)
			g.Expect(l.items).To(HaveLen(c.want), "items of the System's %s", c.attr)
			for _, it := range l.items {
				item, _ := t.read(t.env.client.Resolve(it.Str("id")), c.item, model.Full)
				g.Expect(item).NotTo(BeNil(), "the %s %s", c.item, it.Str("id"))
				g.Expect(item.Type).NotTo(BeNil())
				g.Expect(item.Type.Name).To(Equal(c.item), "the type of an item of the System's %s", c.attr)
				target := item.Root.Href(c.ref)
				g.Expect(target).NotTo(BeEmpty(), "the %s reference of %s", c.ref, it.Str("id"))
				d, _ := t.read(t.env.client.Resolve(target), c.typ, model.Full)
				g.Expect(d).NotTo(BeNil(), "%s, the %s of %s", target, c.ref, it.Str("id"))
				g.Expect(d.Type).NotTo(BeNil())
				g.Expect(d.Type.Name).To(Equal(c.typ), "what the %s of %s reads as", c.ref, it.Str("id"))
				targets = append(targets, t.env.client.Resolve(target))
			}
		})
		for _, u := range targets {
			t.env.ledger.own(u, c.typ, "", "made by the run's System")
		}
	}
}

// ovfActionsV1 exports the System with a 1.x Action naming its format,
// and imports the package back with one naming its source.
func (t *T) ovfActionsV1(sr *systemRunV1) {
	t.Must(sr.sys != "", "no System was made")
	d, _ := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	href, ok := d.Root.Op(t.env.version.ActionURI("export"))
	if !ok {
		t.NotSupported(checks.SystemOVFActionsV1, "the System does not offer export")
		return
	}
	r := t.act(sr.sys, href, "export", "format", ovfMediaType)
	t.Check(checks.SystemOVFActionsV1, ev(r), func(g Gomega) {
		g.Expect(r.OK()).To(BeTrue(), "an export Action with its format (got %s)", r.Describe())
	})
	if !r.OK() {
		return
	}
	t.followJob(r, "System", "action:export")
	loc := r.Header.Get("Location")
	coll, imp, ok := t.collectionOp("systemTemplates", "SystemTemplateCollection", "import")
	if loc == "" || !ok {
		t.NotTested(checks.SystemOVFActionsV1, "no package Location, or no import on the SystemTemplateCollection: the import Action could not be sent")
		return
	}
	uri, ir := t.importInto(coll, imp, "SystemTemplate", d.Root.Str("name"), t.env.client.Resolve(loc), checks.SystemOVFActionsV1)
	if uri == "" {
		return
	}
	tree := t.importedTemplate(uri)
	defer t.discardTree(tree)
	t.Check(checks.SystemOVFActionsV1, ev(ir), func(g Gomega) {
		g.Expect(tree.root).NotTo(BeNil(), "the SystemTemplate the import made")
		g.Expect(ir.Status).To(BeElementOf(http.StatusCreated, http.StatusAccepted, http.StatusOK, http.StatusNoContent), "the import's answer")
	})
}
