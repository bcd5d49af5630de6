package suites

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.13, the 2.0 System model: the run makes a MachineTemplate (and,
// where offered, a VolumeTemplate, a Volume and a NetworkTemplate), a
// SystemTemplate whose descriptors name them, and a System from it; it
// reads the System's components, moves its Machines, renames it, deletes
// one Machine and then the System.

// systemRun is what the System steps share.
type systemRun struct {
	tmpl     string // the SystemTemplate
	volume   string // an existing Volume a descriptor names (associated)
	sys      string // the System
	web      string // the Machine descriptor's name (two Machines: web1, web2)
	hasParts map[string]int
	// monitored: the template names a MeterTemplate and an EventLogTemplate.
	monitored bool
	volTmpl   string // the run's VolumeTemplate ("" where Volumes are not offered)
	// machineTmpl is the run's MachineTemplate the first descriptor names.
	machineTmpl string
	netTmpl     string // the run's NetworkTemplate ("" where Networks are not offered)
	inserted    string // a Network of the run's inserted into the System
	adopted     string // a Network of the run's made the System's child by its parent
	mon         monitoring
	genRM       string // the ResourceMetadata the template's genResourceMetadata names
	// rels are the action rels the System advertised in the states the run
	// read, with the responses that showed them.
	rels   []string
	relEvs []*client.Response
}

var _ = scenario(func(r *runEnv) {
	Describe("Systems", Label("systems"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("a System from a template", Ordered, ContinueOnFailure, func() {
				sr := &systemRun{hasParts: map[string]int{}}
				r.step("reads the system collections", []*checks.Check{checks.SystemCollections},
					func(t *T) { t.readSystemCollections() })
				r.step("creates the component templates and a SystemTemplate", []*checks.Check{checks.SystemTemplateCreate, checks.SystemMonitoring},
					func(t *T) { t.makeSystemTemplate(sr) })
				r.step("refuses a SystemCreate without template", []*checks.Check{checks.SystemNeedsTemplate},
					func(t *T) {
						t.refusedNetworkCreate(checks.SystemNeedsTemplate, "systems", "SystemCollection", "SystemCreate", "System",
							"system-without-template", model.Obj(), "a SystemCreate without template")
					})
				r.step("makes a System from the template, reading it while its create runs",
					[]*checks.Check{checks.SystemCreate, checks.SystemGenMetadata, checks.SystemChildren, checks.SystemAssociated, checks.SystemCollectionTypes,
						checks.SystemRepresentation, checks.SystemTransientStates, checks.SystemMonitoring}, func(t *T) { t.makeSystem(sr) })
				r.step("makes a System whose Machine template is given by value, and refuses malformed descriptors",
					[]*checks.Check{checks.SystemByValue, checks.SystemDescriptorType, checks.SystemOneComponent, checks.SystemDelete},
					func(t *T) { t.systemByValue(sr) })
				r.step("makes a System whose Machine template makes and attaches Volumes, with an override",
					[]*checks.Check{checks.SystemMachineVolumes, checks.SystemTemplateOverride, checks.SystemDelete},
					func(t *T) { t.systemMachineVolumes(sr) })
				r.step("makes a System whose inline Machine template names its Volume by #name",
					[]*checks.Check{checks.SystemNameRefs, checks.SystemDelete},
					func(t *T) { t.systemNameRefs(sr) })
				r.step("makes a System with a HighReliability and a DisasterRecovery service, and works them",
					[]*checks.Check{checks.SystemServices, checks.SystemServiceBackups, checks.SystemServiceNode, checks.SystemServiceSwap,
						checks.SystemServiceRemove, checks.SystemServiceUpdateDelete, checks.SystemDelete},
					func(t *T) { t.systemServices(sr) })
				r.step("makes a System whose template gives its monitors by value",
					[]*checks.Check{checks.SystemMonitoringByValue, checks.SystemDelete},
					func(t *T) { t.systemMonitorsByValue(sr) })
				r.step("inserts a Network of the run's into the System's networks, and makes another the System's child",
					[]*checks.Check{checks.SystemInsert, checks.SystemAdopt}, func(t *T) { t.insertNetwork(sr) })
				r.step("stops and starts the System, and reads its state as its Machines move",
					[]*checks.Check{checks.SystemState, checks.SystemStartStop, checks.SystemRepresentation,
						checks.SystemActionRels, checks.SystemMixedAction},
					func(t *T) { t.moveSystem(sr) })
				r.step("updates the System", []*checks.Check{checks.SystemUpdate},
					func(t *T) { t.updateSimple(sr.sys, "System", checks.SystemUpdate) })
				r.step("deletes a Machine of the System", []*checks.Check{checks.SystemComponentDelete},
					func(t *T) { t.deleteSystemMachine(sr) })
				r.step("deletes the System, reading it while its delete runs",
					[]*checks.Check{checks.SystemDelete, checks.SystemInsert, checks.SystemAdopt, checks.SystemAssociated, checks.SystemTransientStates, checks.SystemMonitoring},
					func(t *T) { t.deleteSystem(sr) })
			})
		})
	})
})

// systemCollections are a 2.0 System's collections and their types (Table 9).
var systemCollections = []struct{ attr, coll string }{
	{"systems", "SystemCollection"}, {"machines", "MachineCollection"}, {"credentials", "CredentialCollection"},
	{"volumes", "VolumeCollection"}, {"networks", "NetworkCollection"}, {"networkServices", "NetworkServiceCollection"},
	{"services", "SystemServiceCollection"}, {"meters", "MeterCollection"},
}

// readSystemCollections judges the entry point's systems and
// systemTemplates (S-01, S-29, S-81).
func (t *T) readSystemCollections() {
	cep := readCEP(t)
	colls := []struct{ attr, coll string }{{"systems", "SystemCollection"}, {"systemTemplates", "SystemTemplateCollection"}}
	if t.judgeCollectionsOf(checks.SystemCollections, cep, "the Cloud Entry Point's", colls) == 0 {
		t.NotSupported(checks.SystemCollections, "the Cloud Entry Point lists neither systems nor systemTemplates")
	}
}

// makeSystemTemplate makes the templates the descriptors name, and the
// SystemTemplate: two Machines from one descriptor, a Volume and a Network
// from templates where the entry point offers them, and an existing Volume.
func (t *T) makeSystemTemplate(sr *systemRun) {
	mc, madd := addOf(t, "machineTemplates", "MachineTemplateCollection")
	cfg, img := pickConfig(t), pickImage(t)
	mt := t.create(mc, madd, "MachineTemplate", "MachineTemplate", model.Obj("name", t.name("system-machine-template-"+string(t.F)),
		"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id"))), checks.SystemTemplateCreate)
	t.Must(mt.uri != "", "the create did not yield a MachineTemplate")
	sr.machineTmpl = mt.uri
	sr.web = t.name("web-" + string(t.F))
	descriptors := []*model.Node{t.descriptor(sr.web, "Machine", "machineTemplate", model.Ref(mt.uri)).Set("quantity", model.I(2))}
	sr.hasParts["machines"] = 2
	if vt := t.optionalVolumeTemplate(); vt != "" {
		sr.volTmpl = vt
		descriptors = append(descriptors, t.descriptor(t.name("data-"+string(t.F)), "Volume", "volumeTemplate", model.Ref(vt)))
		sr.hasParts["volumes"]++
		if uri, _ := t.makeVolume(model.Ref(vt), "system-shared-volume", checks.SystemTemplateCreate); uri != "" {
			if _, _, err := t.waitVolume(uri); err == nil {
				sr.volume = uri
				descriptors = append(descriptors, t.descriptor(t.name("shared-"+string(t.F)), "Volume", "volume", model.Ref(uri)))
				sr.hasParts["volumes"]++
			}
		}
	}
	if nt := t.optionalNetworkTemplate(); nt != "" {
		sr.netTmpl = nt
		descriptors = append(descriptors, t.descriptor(t.name("net-"+string(t.F)), "Network", "networkTemplate", model.Ref(nt)))
		sr.hasParts["networks"]++
	}
	body := model.Obj("name", t.name("system-template-"+string(t.F)), "componentDescriptors", model.Arr(descriptors...))
	if t.offersMonitorTemplates() {
		mon := t.monitorTemplates(checks.SystemMonitoring, "system", "System")
		body.Set("meterTemplates", model.Arr(model.Ref(mon.meterTmpl))).Set("eventLogTemplate", model.Ref(mon.logTmpl))
		sr.monitored, sr.mon = true, mon
	}
	if rm := t.env.ep.MetadataOf("System"); rm != nil && rm.Str("id") != "" {
		sr.genRM = t.env.client.Resolve(rm.Str("id"))
		body.Set("genResourceMetadata", model.Ref(sr.genRM))
	}
	sc, sadd := addOf(t, "systemTemplates", "SystemTemplateCollection")
	st := t.create(sc, sadd, "SystemTemplate", "SystemTemplate", body, checks.SystemTemplateCreate)
	sr.tmpl = st.uri
	t.Must(st.uri != "", "the create did not yield a SystemTemplate")
	got, resp := t.read(st.uri, "SystemTemplate", model.Full)
	t.Check(checks.SystemTemplateCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		list := got.Root.Get("componentDescriptors").List()
		g.Expect(list).To(HaveLen(len(descriptors)), "componentDescriptors of the SystemTemplate")
		for _, d := range list {
			if d.Str("name") == sr.web {
				g.Expect(d.Str("quantity")).To(Equal("2"), "quantity of the Machine descriptor")
				g.Expect(t.env.client.Resolve(d.Href("machineTemplate"))).To(Equal(mt.uri), "machineTemplate of the Machine descriptor")
			}
		}
	})
	t.judgeListed(checks.SystemTemplateCreate, sc, "SystemTemplateCollection", st.uri, true, "the collection lists the new SystemTemplate")
}

// offersMonitorTemplates tells whether the run can make the
// MeterConfiguration, MeterTemplate and EventLogTemplate a template names.
func (t *T) offersMonitorTemplates() bool {
	for _, c := range []struct{ attr, coll string }{{"meterConfigs", "MeterConfigurationCollection"},
		{"meterTemplates", "MeterTemplateCollection"}, {"eventLogTemplates", "EventLogTemplateCollection"}} {
		if _, add := t.optionalAdd(c.attr, c.coll); add == "" {
			return false
		}
	}
	return true
}

// descriptor is a component descriptor of type typ naming its component
// in attr.
func (t *T) descriptor(name, typ, attr string, component *model.Node) *model.Node {
	return model.Obj("name", name, "description", "made by cimitest for a System", "type", t.env.version.TypeURI(typ), attr, component)
}

// optionalVolumeTemplate makes a VolumeTemplate where the entry point takes
// one ("" where not).
func (t *T) optionalVolumeTemplate() string {
	coll, add := t.optionalAdd("volumeTemplates", "VolumeTemplateCollection")
	if add == "" || !readCEP(t).Has("volumes") {
		return ""
	}
	cfg := pickVolumeConfig(t)
	vt := t.create(coll, add, "VolumeTemplate", "VolumeTemplate", model.Obj("name", t.name("system-volume-template-"+string(t.F)),
		"volumeConfig", model.Ref(cfg.Str("id"))), checks.SystemTemplateCreate)
	return vt.uri
}

// optionalNetworkTemplate makes an IPv4 segment template and a
// NetworkTemplate of it where the entry point takes them ("" where not).
func (t *T) optionalNetworkTemplate() string {
	sc, sadd := t.optionalAdd("segmentTemplates", "ProtocolSegmentTemplateCollection")
	nc, nadd := t.optionalAdd("networkTemplates", "NetworkTemplateCollection")
	if sadd == "" || nadd == "" {
		return ""
	}
	st := t.create(sc, sadd, "ProtocolSegmentTemplate", "ProtocolSegmentTemplate", model.Obj("name", t.name("system-segment-template-"+string(t.F)),
		"protocol", "IPv4", "parameters", ipv4Params()), checks.SystemTemplateCreate)
	if st.uri == "" {
		return ""
	}
	nt := t.create(nc, nadd, "NetworkTemplate", "NetworkTemplate", model.Obj("name", t.name("system-network-template-"+string(t.F)),
		"segmentTemplates", model.Arr(model.Ref(st.uri))), checks.SystemTemplateCreate)
	return nt.uri
}

// makeSystem makes the System, reading it while its create runs (S-90),
// and judges what it lists (S-31, S-65, S-66, S-72, S-03), its children's
// parents (S-05), the associated Volume (S-06, S-71), its collections'
// types (S-14) and its representation (S-02, S-10).
func (t *T) makeSystem(sr *systemRun) {
	t.Must(sr.tmpl != "", "no SystemTemplate was made")
	coll, add := addOf(t, "systems", "SystemCollection")
	resp := t.post(coll, add, "SystemCreate", "System", model.Obj("name", t.name("system-"+string(t.F)), "systemTemplate", model.Ref(sr.tmpl)))
	if resp.Status != http.StatusCreated && resp.Status != http.StatusAccepted {
		t.Fail(checks.SystemCreate, "the SystemCreate was refused", "201 or 202", resp.Describe(), resp)
		t.Skip("no System was made")
	}
	sr.sys = t.env.client.Resolve(resp.Header.Get("Location"))
	t.Must(sr.sys != "", "the create answered without a Location (%s)", resp.Describe())
	seen, evs := t.whileJobRuns(sr.sys, resp.Header.Get("CIMI-Job-URI"))
	t.judgeRunning(checks.SystemTransientStates, "System", "create", seen, []string{"CREATING"}, append(evs, resp))
	t.followJob(resp, "System", "create")
	sys := t.restingSystem(sr)
	if sr.monitored {
		t.judgeMonitors(sr.sys, "System", checks.SystemMonitoring, resp)
	} else {
		t.NotSupported(checks.SystemMonitoring, "the entry point does not take the MeterConfiguration, MeterTemplate and EventLogTemplate a SystemTemplate would name")
	}
	if sr.genRM == "" {
		t.NotSupported(checks.SystemGenMetadata, "the Provider has no ResourceMetadata of Systems to name in a template")
	} else {
		t.Check(checks.SystemGenMetadata, ev(resp), func(g Gomega) {
			g.Expect(sys.Href("resourceMetadata")).NotTo(BeEmpty(), "resourceMetadata of the System")
			g.Expect(t.env.client.Resolve(sys.Href("resourceMetadata"))).To(Equal(sr.genRM), "resourceMetadata of the System")
		})
	}
	parts := t.systemParts(sr, sys)
	t.judgeSystemComponents(sr, sys, parts, resp)
	t.judgeSystemCollections(sys)
	t.judgeSystemShape(sr.sys)
}

// restingSystem waits for the System to leave CREATING, and for its
// Machines to rest.
func (t *T) restingSystem(sr *systemRun) *model.Node {
	_, _, err := t.waitState(sr.sys, []string{"CREATING"}, append([]string{"MIXED"}, model.StableMachineStates...)...)
	t.Must(err == nil, "the System did not leave CREATING: %v", err)
	d, _ := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	for _, m := range t.networkParts(d.Root, "machines", "MachineCollection") {
		t.rest(t.env.client.Resolve(m.Str("id")), checks.SystemCreate)
	}
	d, _ = t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	return d.Root
}

// systemParts reads the System's machines, volumes and networks, and
// takes what it made into the run's ledger (what it only associated is
// the run's already, or not the run's).
func (t *T) systemParts(sr *systemRun, sys *model.Node) map[string][]*model.Node {
	parts := map[string][]*model.Node{}
	for _, c := range []struct{ attr, coll, typ string }{{"machines", "MachineCollection", "Machine"},
		{"volumes", "VolumeCollection", "Volume"}, {"networks", "NetworkCollection", "Network"}} {
		parts[c.attr] = t.networkParts(sys, c.attr, c.coll)
		for _, p := range parts[c.attr] {
			if id := t.env.client.Resolve(p.Str("id")); id != sr.volume {
				t.env.ledger.own(id, c.typ, "", "made by the run's System")
			}
		}
	}
	return parts
}

// judgeSystemComponents: the System lists what its descriptors made, with
// their names, types and parents, and the Volume it only names.
func (t *T) judgeSystemComponents(sr *systemRun, sys *model.Node, parts map[string][]*model.Node, resp *client.Response) {
	var names []string
	for _, m := range parts["machines"] {
		names = append(names, m.Str("name"))
	}
	t.Check(checks.SystemCreate, ev(resp), func(g Gomega) {
		g.Expect(names).To(ConsistOf(sr.web+"1", sr.web+"2"), "the names of the Machines made from a descriptor of quantity 2")
		for attr, n := range sr.hasParts {
			g.Expect(parts[attr]).To(HaveLen(n), "the System's %s", attr)
		}
		for attr, list := range parts {
			for _, p := range list {
				typ := map[string]string{"machines": "Machine", "volumes": "Volume", "networks": "Network"}[attr]
				g.Expect(p.Str("resourceURI") == "" || strings.HasSuffix(p.Str("resourceURI"), "/"+typ)).To(BeTrue(),
					"the type of %s in the System's %s", p.Str("id"), attr)
				if t.env.client.Resolve(p.Str("id")) != sr.volume {
					g.Expect(p.Str("description")).To(Equal("made by cimitest for a System"), "description of %s, its descriptor's", p.Str("id"))
				}
			}
		}
	})
	t.Check(checks.SystemChildren, ev(resp), func(g Gomega) {
		for attr, list := range parts {
			for _, p := range list {
				if t.env.client.Resolve(p.Str("id")) == sr.volume {
					continue
				}
				coll := t.env.client.Resolve(sys.Href(attr))
				g.Expect(t.env.client.Resolve(p.Href("parent"))).To(Equal(coll), "parent of %s, made by the System", p.Str("id"))
			}
		}
		for _, c := range systemCollections {
			if href := sys.Href(c.attr); href != "" {
				d, _ := t.read(t.env.client.Resolve(href), c.coll, model.Full)
				g.Expect(d).NotTo(BeNil(), "the System's %s reads", c.attr)
				g.Expect(t.env.client.Resolve(d.Root.Href("parent"))).To(Equal(sr.sys), "parent of the System's %s", c.attr)
			}
		}
	})
	if sr.volume == "" {
		t.NotSupported(checks.SystemAssociated, "the run made no Volume for a descriptor to name")
		return
	}
	var ids []string
	for _, v := range parts["volumes"] {
		ids = append(ids, t.env.client.Resolve(v.Str("id")))
	}
	vol, _ := t.read(sr.volume, "Volume", model.Full)
	t.Check(checks.SystemAssociated, ev(resp), func(g Gomega) {
		g.Expect(ids).To(ContainElement(sr.volume), "the System's volumes list the existing Volume its template names")
		g.Expect(vol).NotTo(BeNil(), "the existing Volume reads")
		g.Expect(t.env.client.Resolve(vol.Root.Href("parent"))).NotTo(HavePrefix(sr.sys), "parent of the associated Volume")
	})
}

// judgeSystemCollections: each collection a System names is of its item
// type's collection type (S-14).
func (t *T) judgeSystemCollections(sys *model.Node) {
	if t.judgeCollectionsOf(checks.SystemCollectionTypes, sys, "the System's", systemCollections) == 0 {
		t.NotTested(checks.SystemCollectionTypes, "the System names no collection")
	}
}

// judgeCollectionsOf judges under id that each collection of colls that
// holder names reads as a collection of its type; it gives how many it
// judged.
func (t *T) judgeCollectionsOf(id *checks.Check, holder *model.Node, whose string, colls []struct{ attr, coll string }) int {
	judged := 0
	for _, c := range colls {
		href := holder.Href(c.attr)
		if href == "" {
			continue
		}
		judged++
		d, resp := t.read(t.env.client.Resolve(href), c.coll, model.Full)
		t.Check(id, ev(resp), func(g Gomega) {
			g.Expect(d).NotTo(BeNil(), "%s %s reads", whose, c.attr)
			g.Expect(d.Type).NotTo(BeNil(), "%s %s has a known type", whose, c.attr)
			g.Expect(d.Type.Name).To(Equal(c.coll), "the type of %s %s", whose, c.attr)
		})
	}
	return judged
}

// judgeSystemShape reads the System whole and judges it against Table 9
// (S-02, S-10).
func (t *T) judgeSystemShape(uri string) {
	d, resp := t.read(uri, "System", model.Full)
	switch {
	case d == nil || d.Type == nil:
		t.Fail(checks.SystemRepresentation, "the System cannot be read as one", "a System", resp.Describe(), resp)
	default:
		if hard := t.hardProblems(d); len(hard) > 0 {
			t.Fail(checks.SystemRepresentation, strings.Join(hard, "; "), "the attributes of Table 9", "", resp)
			return
		}
		t.Pass(checks.SystemRepresentation)
	}
}

// moveSystem takes the System through its two actions, the one that
// leaves its present state first: its Machines and it end in the state
// each says; between them one Machine alone is moved to the other state,
// the System is MIXED meanwhile, and takes pause and start as such (S-11,
// S-12, S-18, S-19, S-20). The action rels of every state read are judged
// at the end (S-17).
func (t *T) moveSystem(sr *systemRun) {
	t.Must(sr.sys != "", "no System was made")
	t.judgeSystemState(sr)
	d := t.systemRels(sr)
	steps := [][2]string{{"stop", "STOPPED"}, {"start", "STARTED"}}
	if _, stops := d.Op(t.env.version.ActionURI("stop")); d.Str("state") == "STOPPED" || !stops {
		steps[0], steps[1] = steps[1], steps[0]
	}
	defer t.judgeActionRels(sr)
	if !t.systemAction(sr, steps[0][0], steps[0][1]) {
		t.NotTested(checks.SystemMixedAction, "the System could not be moved to one state")
		return
	}
	t.judgeSystemState(sr)
	t.systemRels(sr)
	machines := t.systemMachines(sr)
	t.Must(len(machines) > 1, "the System has fewer than two Machines")
	if t.moveMachine(machines[0], steps[1][0], steps[1][1]) {
		t.judgeSystemState(sr)
		t.mixedActions(sr)
	} else {
		t.NotTested(checks.SystemState, "the System's Machine offers no "+steps[1][0]+", so no MIXED System could be made")
		t.NotTested(checks.SystemMixedAction, "no MIXED System could be made")
	}
	switch t.systemRels(sr).Str("state") {
	case "MIXED":
		t.moveMachine(machines[0], steps[0][0], steps[0][1])
	case steps[1][1]:
		t.systemAction(sr, steps[0][0], steps[0][1])
	}
	t.systemAction(sr, steps[1][0], steps[1][1])
	t.judgeSystemState(sr)
	t.systemRels(sr)
	t.judgeSystemShape(sr.sys)
}

// systemRels reads the System and keeps the rels of the actions it
// advertises.
func (t *T) systemRels(sr *systemRun) *model.Node {
	d, resp := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	for _, rel := range d.Root.Rels() {
		if rel != "edit" && rel != "delete" && !slices.Contains(sr.rels, rel) {
			sr.rels = append(sr.rels, rel)
			sr.relEvs = append(sr.relEvs, resp)
		}
	}
	return d.Root
}

// judgeActionRels: every advertised rel that names a System action does
// so as …/2/action/<name> in lower case (S-17).
func (t *T) judgeActionRels(sr *systemRun) {
	if len(sr.rels) == 0 {
		t.NotSupported(checks.SystemActionRels, "the System advertised no action in the states the run read")
		return
	}
	t.Check(checks.SystemActionRels, sr.relEvs, func(g Gomega) {
		for _, rel := range sr.rels {
			name := strings.ToLower(rel[strings.LastIndexAny(rel, "/.#:")+1:])
			if slices.Contains([]string{"start", "stop", "restart", "pause", "suspend"}, name) {
				g.Expect(rel).To(Equal(t.env.version.ActionURI(name)), "the rel of the System's %s", name)
			}
		}
	})
}

// mixedActions: a MIXED System's pause pauses the Machines that are
// STARTED and leaves the STOPPED ones as they are (S-20); its start then
// starts them all (S-19).
func (t *T) mixedActions(sr *systemRun) {
	d := t.systemRels(sr)
	before := map[string]string{}
	for _, m := range t.systemMachines(sr) {
		n, _ := t.read(m, "Machine", model.Full)
		t.Must(n != nil, "a Machine of the System cannot be read")
		before[m] = n.Root.Str("state")
	}
	states := slices.Collect(maps.Values(before))
	href, ok := d.Op(t.env.version.ActionURI("pause"))
	switch {
	case d.Str("state") != "MIXED" || !slices.Contains(states, "STARTED") || !slices.Contains(states, "STOPPED"):
		t.NotTested(checks.SystemMixedAction, "the System was not MIXED with Machines STARTED and STOPPED")
		return
	case !ok:
		t.NotSupported(checks.SystemMixedAction, "the MIXED System offers no pause")
		return
	}
	paused := map[string]string{"STARTED": "PAUSED", "STOPPED": "STOPPED"}
	if !t.mixedAction(sr, href, "pause", before, paused) {
		return
	}
	d = t.systemRels(sr)
	if href, ok := d.Op(t.env.version.ActionURI("start")); ok {
		now := map[string]string{}
		for m, s := range before {
			now[m] = paused[s]
		}
		t.mixedAction(sr, href, "start", now, map[string]string{"PAUSED": "STARTED", "STOPPED": "STARTED"})
	}
}

// mixedAction posts action to the MIXED System and wants each Machine,
// in state before[m], to end in after[before[m]].
func (t *T) mixedAction(sr *systemRun, href, action string, before, after map[string]string) bool {
	r := t.act(sr.sys, href, action)
	if !r.OK() {
		t.Fail(checks.SystemMixedAction, "the "+action+" the MIXED System advertised was refused", "200, 202 or 204", r.Describe(), r)
		return false
	}
	t.followJob(r, "System", "action:"+action)
	got := map[string]string{}
	for m, s := range before {
		if s == after[s] { // one the action cannot take: read once its kin have moved
			continue
		}
		n, err := t.settled(m, []string{s, "STARTING", "PAUSING", "STOPPING"}, after[s])
		got[m] = stateOr(n, err)
	}
	for m, s := range before {
		if s == after[s] {
			n, _ := t.read(m, "Machine", model.Full)
			got[m] = "unreadable"
			if n != nil {
				got[m] = n.Root.Str("state")
			}
		}
	}
	t.Check(checks.SystemMixedAction, ev(r), func(g Gomega) {
		for m, s := range before {
			g.Expect(got[m]).To(Equal(after[s]), "the Machine %s, %s before the MIXED System's %s", m, s, action)
		}
	})
	return true
}

// stateOr is a resource's state, with the error of the wait that read it.
func stateOr(n *model.Node, err error) string {
	s := "unreadable"
	if n != nil {
		s = n.Str("state")
	}
	if err != nil {
		s = fmt.Sprintf("%s (%v)", s, err)
	}
	return s
}

// moveMachine posts action to a Machine of the run's System where it is
// offered and waits for want; false where it is not offered.
func (t *T) moveMachine(uri, action, want string) bool {
	m, _ := t.read(uri, "Machine", model.Full)
	t.Must(m != nil, "the System's Machine cannot be read")
	href, ok := m.Root.Op(t.env.version.ActionURI(action))
	if !ok {
		return false
	}
	r := t.act(uri, href, action)
	t.Must(r.OK(), "the Machine's %s was refused: %s", action, r.Describe())
	t.followJob(r, "Machine", "action:"+action)
	_, _, err := t.waitState(uri, []string{m.Root.Str("state"), "STARTING", "STOPPING"}, want)
	t.Must(err == nil, "the Machine did not end %s: %v", want, err)
	return true
}

// systemMachines are the System's Machines.
func (t *T) systemMachines(sr *systemRun) []string {
	d, _ := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	var out []string
	for _, m := range t.list(t.env.client.Resolve(d.Root.Href("machines")), "MachineCollection").items {
		out = append(out, t.env.client.Resolve(m.Str("id")))
	}
	return out
}

// judgeSystemState: the System's state is its Machines' shared resting
// state, or MIXED where they differ.
func (t *T) judgeSystemState(sr *systemRun) {
	var states []string
	var evs []*client.Response
	for _, m := range t.systemMachines(sr) {
		n, err := t.settled(m, []string{"STARTING", "STOPPING", "CREATING"}, model.StableMachineStates...)
		t.Must(err == nil, "a Machine of the System does not rest: %v", err)
		states = append(states, n.Str("state"))
	}
	want := "MIXED"
	if len(states) > 0 && !slices.ContainsFunc(states, func(s string) bool { return s != states[0] }) {
		want = states[0]
	}
	d, resp := t.read(sr.sys, "System", model.Full)
	evs = append(evs, resp)
	t.Check(checks.SystemState, evs, func(g Gomega) {
		g.Expect(d).NotTo(BeNil(), "the System reads")
		g.Expect(d.Root.Str("state")).To(Equal(want), "state of the System whose Machines are %s", strings.Join(states, ", "))
	})
}

// systemAction posts start or stop to the System and waits for every
// Machine and the System to end in want.
func (t *T) systemAction(sr *systemRun, action, want string) bool {
	d, _ := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	href, ok := d.Root.Op(t.env.version.ActionURI(action))
	if !ok {
		t.NotSupported(checks.SystemStartStop, "the "+d.Root.Str("state")+" System offers no "+action)
		return false
	}
	r := t.act(sr.sys, href, action)
	if !r.OK() {
		t.Fail(checks.SystemStartStop, "the advertised "+action+" was refused", "200, 202 or 204", r.Describe(), r)
		return false
	}
	t.followJob(r, "System", "action:"+action)
	var got []string
	for _, m := range t.systemMachines(sr) {
		n, err := t.settled(m, []string{"STARTING", "STOPPING", "STARTED", "STOPPED"}, want)
		got = append(got, stateOr(n, err))
	}
	sys, err := t.settled(sr.sys, []string{"STARTING", "STOPPING", "MIXED", "STARTED", "STOPPED"}, want)
	t.Check(checks.SystemStartStop, ev(r), func(g Gomega) {
		for _, s := range got {
			g.Expect(s).To(Equal(want), "a Machine of the System after its %s", action)
		}
		g.Expect(err).NotTo(HaveOccurred(), "the System after its %s", action)
		g.Expect(sys.Str("state")).To(Equal(want), "state of the System after its %s", action)
	})
	return true
}

// deleteSystemMachine deletes the System's second Machine: it leaves the
// System's machines (S-89).
func (t *T) deleteSystemMachine(sr *systemRun) {
	machines := t.systemMachines(sr)
	t.Must(len(machines) > 1, "the System has fewer than two Machines")
	d, _ := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	if t.deleteSimple(machinesCollectionURI(t), machines[1], "Machine", checks.SystemComponentDelete) {
		t.judgeListed(checks.SystemComponentDelete, t.env.client.Resolve(d.Root.Href("machines")), "MachineCollection", machines[1], false,
			"the System's machines no longer list the deleted Machine")
	}
}

// deleteSystem deletes the System, reading it while its delete runs
// (S-90): the components it made go (S-87), the Volume it only named
// stays (S-88).
func (t *T) deleteSystem(sr *systemRun) {
	t.Must(sr.sys != "", "no System was made")
	d, _ := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	var made []string
	for _, list := range t.systemParts(sr, d.Root) {
		for _, p := range list {
			if id := t.env.client.Resolve(p.Str("id")); id != sr.volume && id != sr.inserted && id != sr.adopted {
				made = append(made, id)
			}
		}
	}
	meters, _, _ := t.metersOf(sr.sys, "System")
	del, ok := t.deleteOp(sr.sys, "System")
	if !ok {
		t.NotSupported(checks.SystemDelete, "the System offers no delete")
		return
	}
	r := t.del(sr.sys, del)
	if !r.OK() {
		t.Fail(checks.SystemDelete, "DELETE was refused", "200, 202 or 204", r.Describe(), r)
		return
	}
	seen, evs := t.whileJobRuns(sr.sys, r.Header.Get("CIMI-Job-URI"))
	t.judgeRunning(checks.SystemTransientStates, "System", "delete", seen, []string{"DELETING"}, append(evs, r))
	gone, err := t.waitGone(sr.sys, r.Status == http.StatusAccepted)
	if err != nil {
		t.Fail(checks.SystemDelete, err.Error(), "404", gone.Describe(), r, gone)
		return
	}
	t.env.ledger.gone(sr.sys)
	left, levs := t.stillReadable(made)
	t.Check(checks.SystemDelete, append(levs, r), func(g Gomega) {
		g.Expect(left).To(BeEmpty(), "the components made for the deleted System that can still be read")
	})
	for _, id := range made {
		if !slices.Contains(left, id) {
			t.env.ledger.gone(id)
		}
	}
	t.judgeListed(checks.SystemDelete, t.env.client.Resolve(readCEP(t).Href("systems")), "SystemCollection", sr.sys, false,
		"the SystemCollection no longer lists the deleted System")
	if len(meters) > 0 {
		kept, mevs := t.stillReadable(meters)
		t.Check(checks.SystemMonitoring, mevs, func(g Gomega) {
			g.Expect(kept).To(BeEmpty(), "the Meters of the deleted System that can still be read")
		})
		for _, m := range meters {
			if !slices.Contains(kept, m) {
				t.env.ledger.gone(m)
			}
		}
	}
	t.afterSystemDelete(checks.SystemAssociated, sr.volume, http.StatusOK, "the associated Volume", r)
	t.afterSystemDelete(checks.SystemAdopt, sr.adopted, http.StatusNotFound, "the Network made the System's child", r)
	t.afterSystemDelete(checks.SystemInsert, sr.inserted, http.StatusOK, "the Network inserted into the System", r)
}

// afterSystemDelete reads what the System's delete r should have left
// (200) or taken (404), where the run made it (uri not "").
func (t *T) afterSystemDelete(id *checks.Check, uri string, want int, what string, r *client.Response) {
	if uri == "" {
		return
	}
	got := t.get(uri)
	t.Check(id, ev(r, got), func(g Gomega) {
		g.Expect(got.Status).To(Equal(want), "%s after the System's delete", what)
	})
	if got.Status == http.StatusNotFound {
		t.env.ledger.gone(uri)
	}
}

// systemByValue makes a System from a template whose one descriptor gives
// its MachineTemplate inline, where SystemComponentTemplateByValue is true
// (S-86), and deletes it; a template whose Machine descriptor says it makes
// a Volume is refused (S-66).
func (t *T) systemByValue(sr *systemRun) {
	cfg, img := pickConfig(t), pickImage(t)
	inline := model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")))
	sc, sadd := addOf(t, "systemTemplates", "SystemTemplateCollection")
	wrong := model.Obj("name", t.name("system-template-wrong-type-"+string(t.F)), "componentDescriptors",
		model.Arr(t.descriptor(t.name("wrong-"+string(t.F)), "Volume", "machineTemplate", inline)))
	t.refusedMadeOrUsed(checks.SystemDescriptorType, sc, sadd, "SystemTemplate", wrong, func(made string) {
		t.refusedNetworkCreate(checks.SystemDescriptorType, "systems", "SystemCollection", "SystemCreate", "System",
			"system-wrong-type", model.Obj("systemTemplate", model.Ref(made)), "a System from a descriptor whose type is not its template's")
	})
	t.refuseTwoComponents(sr, sc, sadd)
	if !t.env.capable("System", "SystemComponentTemplateByValue") {
		t.NotSupported(checks.SystemByValue, "SystemComponentTemplateByValue is not true")
		return
	}
	name := t.name("inline-" + string(t.F))
	st := t.create(sc, sadd, "SystemTemplate", "SystemTemplate", model.Obj("name", t.name("system-template-by-value-"+string(t.F)),
		"componentDescriptors", model.Arr(t.descriptor(name, "Machine", "machineTemplate", inline))), checks.SystemByValue)
	if st.uri == "" {
		return
	}
	coll, add := addOf(t, "systems", "SystemCollection")
	c := t.create(coll, add, "SystemCreate", "System", model.Obj("name", t.name("system-by-value-"+string(t.F)),
		"systemTemplate", model.Ref(st.uri)), checks.SystemByValue)
	if c.uri == "" {
		return
	}
	_, _, err := t.waitState(c.uri, []string{"CREATING"}, append([]string{"MIXED"}, model.StableMachineStates...)...)
	t.Must(err == nil, "the System did not leave CREATING: %v", err)
	d, _ := t.read(c.uri, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	var names []string
	for _, m := range t.networkParts(d.Root, "machines", "MachineCollection") {
		names = append(names, m.Str("name"))
		t.env.ledger.own(t.env.client.Resolve(m.Str("id")), "Machine", "", "made by the run's System")
	}
	t.Check(checks.SystemByValue, ev(c.resp), func(g Gomega) {
		g.Expect(names).To(ConsistOf(name), "the Machines of a System whose Machine template was given by value")
	})
	t.deleteSimple(coll, c.uri, "System", checks.SystemDelete)
}

// madeSystem makes a System from a new SystemTemplate of descriptors,
// waits for it to rest and takes what it lists into the ledger; "" where
// a create was refused (judged under id).
func (t *T) madeSystem(purpose string, descriptors []*model.Node, id *checks.Check) string {
	sc, sadd := addOf(t, "systemTemplates", "SystemTemplateCollection")
	tmpl := t.create(sc, sadd, "SystemTemplate", "SystemTemplate", model.Obj("name", t.name("system-template-"+purpose+"-"+string(t.F)),
		"componentDescriptors", model.Arr(descriptors...)), id).uri
	if tmpl == "" {
		return ""
	}
	return t.systemFrom(purpose, tmpl, id)
}

// systemFrom makes a System from the run's SystemTemplate tmpl, waits for
// it to rest and takes what it lists into the ledger; "" where the create
// was refused (judged under id).
func (t *T) systemFrom(purpose, tmpl string, id *checks.Check) string {
	coll, add := addOf(t, "systems", "SystemCollection")
	c := t.create(coll, add, "SystemCreate", "System", model.Obj("name", t.name("system-"+purpose+"-"+string(t.F)),
		"systemTemplate", model.Ref(tmpl)), id)
	if c.uri == "" {
		return ""
	}
	t.takeSystem(c.uri)
	return c.uri
}

// takeSystem waits for a new System to rest and takes what it lists into
// the ledger.
func (t *T) takeSystem(uri string) {
	t.settleSystem(uri)
	d, _ := t.read(uri, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	t.systemParts(&systemRun{}, d.Root)
}

// settleSystem waits for a new System to leave CREATING (and the moves of
// its Machines) for a resting state or MIXED.
func (t *T) settleSystem(uri string) {
	_, _, err := t.waitState(uri, []string{"CREATING", "STARTING", "STOPPING"}, append([]string{"MIXED"}, model.StableMachineStates...)...)
	t.Must(err == nil, "the System %s did not leave CREATING: %v", uri, err)
}

// namedParts maps the names of a System's components of attr to their URIs.
func (t *T) namedParts(sys, attr, coll string) map[string]string {
	d, _ := t.read(sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	out := map[string]string{}
	for _, p := range t.networkParts(d.Root, attr, coll) {
		out[t.env.client.Resolve(p.Str("id"))] = p.Str("name")
	}
	return out
}

// systemMachineVolumes makes a System of two descriptors: a Machine from
// a stored MachineTemplate that makes a Volume from the run's
// VolumeTemplate and attaches an existing Volume, given with an
// initialState override; and a Volume from the same VolumeTemplate. The
// System lists the two new Volumes, distinct, and not the existing one
// (S-32, S-33, S-34), which outlives the System (S-09); the Machine takes
// the override and the stored template does not (S-69, S-70).
func (t *T) systemMachineVolumes(sr *systemRun) {
	if sr.volTmpl == "" {
		t.NotSupported(checks.SystemMachineVolumes, "the entry point takes no VolumeTemplate and Volume")
		t.NotSupported(checks.SystemTemplateOverride, "the run's second System needs Volumes")
		return
	}
	existing, _ := t.makeVolume(model.Ref(sr.volTmpl), "system-attached-volume", checks.SystemMachineVolumes)
	t.Must(existing != "", "the create did not yield a Volume")
	_, _, err := t.waitVolume(existing)
	t.Must(err == nil, "the Volume did not become AVAILABLE: %v", err)
	mc, madd := addOf(t, "machineTemplates", "MachineTemplateCollection")
	cfg, img := pickConfig(t), pickImage(t)
	mt := t.create(mc, madd, "MachineTemplate", "MachineTemplate", model.Obj("name", t.name("system-volumes-machine-template-"+string(t.F)),
		"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")),
		"volumes", model.Arr(model.Obj("volume", model.Ref(existing), "initialLocation", "/dev/vdc")),
		"volumeTemplates", model.Arr(model.Obj("volumeTemplate", model.Ref(sr.volTmpl), "initialLocation", "/dev/vdb"))),
		checks.SystemMachineVolumes)
	t.Must(mt.uri != "", "the create did not yield a MachineTemplate")
	stored, _ := t.read(mt.uri, "MachineTemplate", model.Full)
	t.Must(stored != nil, "the MachineTemplate cannot be read")
	override := "STOPPED"
	if t.defaultInitialState() != "STARTED" && t.startable() {
		override = "STARTED"
	}
	app := t.name("app-" + string(t.F))
	sys := t.madeSystem("machine-volumes", []*model.Node{
		t.descriptor(app, "Machine", "machineTemplate", model.Obj("href", mt.uri, "initialState", override)),
		t.descriptor(t.name("data-"+string(t.F)), "Volume", "volumeTemplate", model.Ref(sr.volTmpl)),
	}, checks.SystemMachineVolumes)
	if sys == "" {
		t.NotTested(checks.SystemTemplateOverride, "no System was made")
		return
	}
	volumes := t.namedParts(sys, "volumes", "VolumeCollection")
	machines := t.namedParts(sys, "machines", "MachineCollection")
	t.Must(len(machines) == 1, "the System lists %d Machines, not 1", len(machines))
	var machine string
	for m := range machines {
		machine = m
	}
	attached := t.volumesOf(machine)
	var fresh []string
	for _, a := range attached.items {
		if a.volume != existing {
			fresh = append(fresh, a.volume)
		}
	}
	t.Check(checks.SystemMachineVolumes, ev(attached.resp), func(g Gomega) {
		g.Expect(fresh).To(HaveLen(1), "the Volumes the Machine's template made and connected to it")
		g.Expect(volumes).NotTo(HaveKey(existing), "the System's volumes hold the existing Volume its Machine's template attaches")
		g.Expect(volumes).To(HaveLen(2), "the System's volumes: the descriptor's Volume and the one the Machine's template made")
		for _, v := range fresh {
			g.Expect(volumes).To(HaveKey(v), "the System's volumes hold the Volume its Machine's template made")
		}
	})
	t.judgeOverride(machine, mt.uri, stored.Root, override)
	t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("systems")), sys, "System", checks.SystemDelete)
	v := t.get(existing)
	t.Check(checks.SystemMachineVolumes, ev(v), func(g Gomega) {
		g.Expect(v.Status).To(Equal(http.StatusOK), "the Volume the System's Machine only attached, after the System's delete")
	})
}

// judgeOverride: the System's Machine rests in the overriding state, the
// stored template keeps its own (S-69, S-70).
func (t *T) judgeOverride(machine, tmpl string, stored *model.Node, override string) {
	final, err := t.settled(machine, []string{"CREATING", "STARTING", "STOPPING"}, model.StableMachineStates...)
	after, resp := t.read(tmpl, "MachineTemplate", model.Full)
	t.Check(checks.SystemTemplateOverride, ev(resp), func(g Gomega) {
		g.Expect(err).NotTo(HaveOccurred(), "the System's Machine rests")
		g.Expect(final.Str("state")).To(Equal(override), "state of the Machine whose descriptor overrides initialState")
		g.Expect(after).NotTo(BeNil(), "the MachineTemplate reads again")
		g.Expect(after.Root.Str("initialState")).To(Equal(stored.Str("initialState")), "initialState of the stored MachineTemplate")
	})
}

// systemNameRefs makes a System whose first descriptor gives a Machine
// template inline that attaches #<data>, and whose next two descriptors
// make the Volumes scratch and data: the System is made whatever the
// order (S-62), and the Machine's volume is data (S-63, S-64, S-68).
func (t *T) systemNameRefs(sr *systemRun) {
	if sr.volTmpl == "" || !t.env.capable("System", "SystemComponentTemplateByValue") {
		t.NotSupported(checks.SystemNameRefs, "the entry point takes no VolumeTemplate, or SystemComponentTemplateByValue is not true")
		return
	}
	cfg, img := pickConfig(t), pickImage(t)
	data := t.name("named-data-" + string(t.F))
	inline := model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")),
		"volumes", model.Arr(model.Obj("volume", model.Ref("#"+data), "initialLocation", "/dev/vdb")))
	sys := t.madeSystem("name-refs", []*model.Node{
		t.descriptor(t.name("named-app-"+string(t.F)), "Machine", "machineTemplate", inline),
		t.descriptor(t.name("named-scratch-"+string(t.F)), "Volume", "volumeTemplate", model.Ref(sr.volTmpl)),
		t.descriptor(data, "Volume", "volumeTemplate", model.Ref(sr.volTmpl)),
	}, checks.SystemNameRefs)
	if sys == "" {
		return
	}
	var want string
	for uri, name := range t.namedParts(sys, "volumes", "VolumeCollection") {
		if name == data {
			want = uri
		}
	}
	machines := t.namedParts(sys, "machines", "MachineCollection")
	var got []string
	var evs []*client.Response
	for m := range machines {
		mv := t.volumesOf(m)
		evs = append(evs, mv.resp)
		for _, a := range mv.items {
			got = append(got, a.volume)
		}
	}
	t.Check(checks.SystemNameRefs, evs, func(g Gomega) {
		g.Expect(want).NotTo(BeEmpty(), "the System lists a Volume named %s", data)
		g.Expect(machines).To(HaveLen(1), "the System's Machines")
		g.Expect(got).To(ConsistOf(want), "the Volumes of the Machine whose template names #%s", data)
	})
	t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("systems")), sys, "System", checks.SystemDelete)
}

// refuseTwoComponents: a descriptor naming both the run's MachineTemplate
// and its VolumeTemplate is refused, where it is posted or used (S-67).
func (t *T) refuseTwoComponents(sr *systemRun, sc, sadd string) {
	if sr.volTmpl == "" {
		t.NotSupported(checks.SystemOneComponent, "the entry point takes no VolumeTemplate for a second component")
		return
	}
	d := t.descriptor(t.name("two-"+string(t.F)), "Machine", "machineTemplate", model.Ref(sr.machineTmpl)).
		Set("volumeTemplate", model.Ref(sr.volTmpl))
	two := model.Obj("name", t.name("system-template-two-components-"+string(t.F)), "componentDescriptors", model.Arr(d))
	t.refusedMadeOrUsed(checks.SystemOneComponent, sc, sadd, "SystemTemplate", two, func(made string) {
		t.refusedNetworkCreate(checks.SystemOneComponent, "systems", "SystemCollection", "SystemCreate", "System",
			"system-two-components", model.Obj("systemTemplate", model.Ref(made)), "a System from a descriptor with two components")
	})
}

// systemMonitorsByValue makes a System of one Machine from a template that
// gives a MeterTemplate and an EventLogTemplate by value (S-75, a MAY: a
// refusal is not supported), judges its Meter and EventLog, and deletes it.
func (t *T) systemMonitorsByValue(sr *systemRun) {
	if !sr.monitored {
		t.NotSupported(checks.SystemMonitoringByValue, "the entry point does not take the MeterConfiguration a MeterTemplate by value would name")
		return
	}
	body := model.Obj("name", t.name("system-template-monitors-by-value-"+string(t.F)), "componentDescriptors",
		model.Arr(t.descriptor(t.name("watched-"+string(t.F)), "Machine", "machineTemplate", model.Ref(sr.machineTmpl))),
		"meterTemplates", model.Arr(model.Obj("meterConfig", model.Ref(sr.mon.cfg))), "eventLogTemplate", model.Obj("persistence", "daily"))
	st, r := t.optionalSystemTemplate(body, "whose monitors are given by value", checks.SystemMonitoringByValue)
	if st == "" {
		return
	}
	sys := t.systemFrom("monitors-by-value", st, checks.SystemMonitoringByValue)
	if sys == "" {
		return
	}
	t.judgeMonitors(sys, "System", checks.SystemMonitoringByValue, r)
	t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("systems")), sys, "System", checks.SystemDelete)
}

// optionalSystemTemplate posts a SystemTemplate using a feature the
// Provider may lack: refused, each of ids is not supported and the URI is
// "" (what makes the template a refusal is named by what).
func (t *T) optionalSystemTemplate(body *model.Node, what string, ids ...*checks.Check) (string, *client.Response) {
	sc, sadd := addOf(t, "systemTemplates", "SystemTemplateCollection")
	r := t.post(sc, sadd, "SystemTemplate", "SystemTemplate", body)
	if t.refused(r, "SystemTemplate", "create") {
		for _, id := range ids {
			t.NotSupported(id, "the Provider refused a SystemTemplate "+what+" ("+r.Describe()+")")
		}
		return "", r
	}
	st := t.env.client.Resolve(r.Header.Get("Location"))
	t.Must(r.OK() && st != "", "the SystemTemplate was not made: %s", r.Describe())
	t.env.ledger.own(st, "SystemTemplate", body.Str("name"), "the template the run posted")
	return st, r
}

// insertNetwork makes a Network through the entry point and inserts it
// into the System's networks: listed there, its parent unchanged (S-07);
// a second, inserted too, is given the System's networks as parent by a
// PUT (S-08). The System's delete leaves the first and takes the second
// (judged there).
func (t *T) insertNetwork(sr *systemRun) {
	t.Must(sr.sys != "", "no System was made")
	if sr.netTmpl == "" {
		t.NotSupported(checks.SystemInsert, "the entry point takes no NetworkTemplate and Network")
		t.NotSupported(checks.SystemAdopt, "the entry point takes no NetworkTemplate and Network")
		return
	}
	coll := t.env.client.Resolve(t.systemHref(sr.sys, "networks"))
	t.Must(coll != "", "the System names no networks")
	d, _ := t.read(coll, "NetworkCollection", model.Full)
	t.Must(d != nil, "the System's networks cannot be read")
	href, ok := d.Root.Op(t.env.version.ActionURI("insert"))
	if !ok {
		t.NotSupported(checks.SystemInsert, "the System's networks offer no insert")
		t.NotSupported(checks.SystemAdopt, "the System's networks offer no insert")
		return
	}
	before, after, resp := t.insertedNetwork(sr, coll, href, "system-inserted-network", checks.SystemInsert)
	if after == nil {
		return
	}
	sr.inserted = t.env.client.Resolve(after.Str("id"))
	t.Check(checks.SystemInsert, ev(resp), func(g Gomega) {
		g.Expect(after.Href("parent")).To(Equal(before.Href("parent")), "parent of the Network after its insert into a System")
	})
	t.adoptNetwork(sr, coll, href)
}

// insertedNetwork makes a Network and inserts it into the System's
// networks (coll, through href): the Network before and after, and the
// answer of the read after; nil after where the insert was refused.
func (t *T) insertedNetwork(sr *systemRun, coll, href, purpose string, id *checks.Check) (before, after *model.Node, resp *client.Response) {
	c := t.createNetwork(purpose, model.Ref(sr.netTmpl), id)
	t.Must(c.uri != "", "the create did not yield a Network")
	_, err := t.settled(c.uri, []string{"CREATING"}, "STOPPED", "STARTED")
	t.Must(err == nil, "the new Network did not settle: %v", err)
	b, _ := t.read(c.uri, "Network", model.Full)
	t.Must(b != nil, "the Network cannot be read")
	r := t.act(sr.sys, href, "insert", "network", model.Ref(c.uri))
	if !r.OK() {
		t.Fail(id, "the insert the System's networks advertised was refused", "200, 202 or 204", r.Describe(), r)
		return b.Root, nil, r
	}
	t.followJob(r, "System", "update")
	t.judgeListed(id, coll, "NetworkCollection", c.uri, true, "the System's networks list the inserted Network")
	a, resp := t.read(c.uri, "Network", model.Full)
	t.Must(a != nil, "the inserted Network cannot be read")
	return b.Root, a.Root, resp
}

// adoptNetwork inserts a second Network and PUTs it with the System's
// networks as parent: where the parent then reads so, the Network is the
// System's child (S-08, a MAY: a parent kept as it was is not supported).
func (t *T) adoptNetwork(sr *systemRun, coll, href string) {
	_, n, _ := t.insertedNetwork(sr, coll, href, "system-adopted-network", checks.SystemAdopt)
	if n == nil {
		return
	}
	uri := t.env.client.Resolve(n.Str("id"))
	edit, ok := n.Op("edit")
	if !ok {
		t.NotSupported(checks.SystemAdopt, "the Network offers no edit")
		return
	}
	r := t.send(http.MethodPut, edit, "Network", n.Clone().Set("parent", model.Ref(coll)), client.On(uri))
	after, _ := t.read(uri, "Network", model.Full)
	t.Must(after != nil, "the Network cannot be read")
	if !r.OK() || t.env.client.Resolve(after.Root.Href("parent")) != coll {
		t.NotSupported(checks.SystemAdopt, "the Provider keeps a Network's parent when a PUT names a System's networks ("+r.Describe()+")")
		return
	}
	sr.adopted = uri
}
