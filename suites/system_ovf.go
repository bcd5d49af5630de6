package suites

import (
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/fixtures/ovf"
	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
	"github.com/cimitest/cimitest/suites/ovfdoc"
)

// OVF export and import (§5.13.1.2, §5.13.2.1, §5.13.4.1, §5.13.5.1,
// Annex A). Exports go to the Location the Provider names and to
// destinations on the run's package host; imports read the run's own
// three-tier package from the package host, whose names carry the run's
// prefix so that what an import makes is recognised as the run's.

const ovfMediaType = "application/ovf"

// OVF is a scenario of its own (label ovf): a Provider may offer Systems
// without it, and a run of the System scenario need not wait for it.
var _ = scenario(func(r *runEnv) {
	Describe("System OVF export and import", Label("ovf"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("a System and its template, exported and imported", Ordered, ContinueOnFailure, func() {
				sr := &systemRun{}
				r.step("makes a SystemTemplate and a System from it", []*checks.Check{checks.SystemExport, checks.SystemTemplateExport},
					func(t *T) { t.systemToExport(sr) })
				r.step("exports the System to OVF packages, at its Location and at destinations of the run's",
					[]*checks.Check{checks.SystemExport, checks.SystemExportContent, checks.SystemExportDestination},
					func(t *T) { t.exportSystem(sr) })
				r.step("exports the SystemTemplate to an OVF package, and imports that back",
					[]*checks.Check{checks.SystemTemplateExport}, func(t *T) { t.exportTemplate(sr) })
				r.step("imports the run's OVF package into a SystemTemplate",
					[]*checks.Check{checks.SystemTemplateImport, checks.SystemImportImage, checks.SystemImportImageGiven,
						checks.SystemTemplateImportMapping}, func(t *T) { t.importTemplate(sr) })
				r.step("imports the run's OVF package into a System, and deletes it",
					[]*checks.Check{checks.SystemImport, checks.SystemImportMapping},
					func(t *T) { t.importSystem(sr) })
				r.step("deletes the exported System", []*checks.Check{checks.SystemExport}, func(t *T) { t.discard(sr.sys, "System") })
			})
		})
	})
})

// systemToExport makes what the exports start from, judging nothing (the
// System scenario judges it): a SystemTemplate with a Machine descriptor
// of quantity 2 and, where Volumes are offered, a Volume descriptor, and
// a System from it.
func (t *T) systemToExport(sr *systemRun) {
	cfg, img := pickConfig(t), pickImage(t)
	mt := t.needed("machineTemplates", "MachineTemplate", model.Obj("name", t.name("ovf-machine-template-"+string(t.F)),
		"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id"))))
	descriptors := []*model.Node{t.descriptor(t.name("ovf-web-"+string(t.F)), "Machine", "machineTemplate", model.Ref(mt)).Set("quantity", model.I(2))}
	if _, add := t.optionalAdd("volumeTemplates", "VolumeTemplateCollection"); add != "" && readCEP(t).Has("volumes") {
		vt := t.needed("volumeTemplates", "VolumeTemplate", model.Obj("name", t.name("ovf-volume-template-"+string(t.F)),
			"volumeConfig", model.Ref(pickVolumeConfig(t).Str("id"))))
		descriptors = append(descriptors, t.descriptor(t.name("ovf-data-"+string(t.F)), "Volume", "volumeTemplate", model.Ref(vt)))
	}
	sr.tmpl = t.needed("systemTemplates", "SystemTemplate", model.Obj("name", t.name("ovf-system-template-"+string(t.F)),
		"componentDescriptors", model.Arr(descriptors...)))
	sr.sys = t.neededAs("systems", "SystemCreate", "System", model.Obj("name", t.name("ovf-system-"+string(t.F)),
		"systemTemplate", model.Ref(sr.tmpl)))
	t.takeSystem(sr.sys)
}

// needed makes a template a step needs through the collection attr names,
// judging nothing; it ends the step when the template is not made.
func (t *T) needed(attr, typ string, body *model.Node) string {
	return t.neededAs(attr, typ, typ, body)
}

// neededAs is needed for a resource made from a typeName body (a
// SystemCreate makes a System).
func (t *T) neededAs(attr, typeName, typ string, body *model.Node) string {
	coll, add := addOf(t, attr, typ+"Collection")
	r := t.post(coll, add, typeName, typ, body)
	t.Must(r.Status == http.StatusCreated || r.Status == http.StatusAccepted, "the %s the step needs was not made: %s", typ, r.Describe())
	t.Must(r.Header.Get("Location") != "", "the %s the step needs was made without a Location", typ)
	return t.env.client.Resolve(r.Header.Get("Location"))
}

// hw is a Machine's or VirtualSystem's hardware, as the mapping checks
// compare it: CPUs and memory in KiB (CIMI's unit).
type hw struct{ cpu, memKB int64 }

func (h hw) String() string { return fmt.Sprintf("%d CPU, %d KiB", h.cpu, h.memKB) }

func hwOf(s ovfdoc.System) hw { return hw{s.CPU, s.MemoryBytes / 1024} }

func hwOfNode(n *model.Node) hw {
	cpu, _ := n.Int("cpu")
	mem, _ := n.Int("memory")
	return hw{cpu, mem}
}

// --- export -----------------------------------------------------------------------

// exportSystem exports the System to the Location the Provider names and
// judges the package against what the System lists; then to a new and to
// an already used destination on the package host.
func (t *T) exportSystem(sr *systemRun) {
	t.Must(sr.sys != "", "no System was made")
	d, _ := t.read(sr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	href, ok := d.Root.Op(t.env.version.ActionURI("export"))
	if !ok {
		for _, c := range []*checks.Check{checks.SystemExport, checks.SystemExportContent, checks.SystemExportDestination} {
			t.NotSupported(c, "the System does not offer export")
		}
		return
	}
	machines := t.networkParts(d.Root, "machines", "MachineCollection")
	volumes := t.networkParts(d.Root, "volumes", "VolumeCollection")
	networks := t.networkParts(d.Root, "networks", "NetworkCollection")
	r := t.act(sr.sys, href, "export")
	env, pr := t.exportedPackage(checks.SystemExport, r, "System")
	if env == nil {
		t.NotTested(checks.SystemExportContent, "no package could be read from the export's Location")
	} else {
		var want, got []hw
		for _, m := range machines {
			want = append(want, hwOfNode(m))
		}
		for _, s := range env.Top.AllSystems() {
			got = append(got, hwOf(s))
		}
		t.Check(checks.SystemExportContent, ev(r, pr), func(g Gomega) {
			g.Expect(got).To(ConsistOf(want), "the hardware of the package's VirtualSystems, against the System's Machines")
			g.Expect(len(env.Disks)).To(BeNumerically(">=", len(volumes)), "Disks in the package; the System lists %d Volumes", len(volumes))
			g.Expect(len(env.Networks)).To(BeNumerically(">=", len(networks)), "Networks in the package; the System lists %d", len(networks))
		})
	}
	host, why := t.env.packageHostOf()
	if host == nil {
		t.NotTested(checks.SystemExportDestination, why)
		return
	}
	fresh := host.slot("system-export.ovf", nil)
	old := ovf.ThreeTier(t.env.prefix + "-old")
	used := host.slot("system-export-again.ovf", old)
	for _, dest := range []string{fresh, used} {
		r := t.act(sr.sys, href, "export", "destination", dest)
		if !r.OK() {
			t.Fail(checks.SystemExportDestination, "the export to "+dest+" was refused", "200, 202 or 204", r.Describe(), r)
			return
		}
		t.followJob(r, "System", "action:export")
		got, gr := t.awaitWrite(host, dest)
		t.Check(checks.SystemExportDestination, ev(r, gr), func(g Gomega) {
			g.Expect(got).NotTo(BeNil(), "a write of the package to %s", dest)
			g.Expect(got.Method).To(Equal(http.MethodPut), "the method the package was written with (HTTP: PUT)")
			g.Expect(mediaType(got.ContentType)).To(Equal(ovfMediaType), "the Content-Type of the package written")
			e, err := ovfdoc.Parse(got.Body)
			g.Expect(err).NotTo(HaveOccurred(), "the package written")
			g.Expect(e.Top.AllSystems()).To(HaveLen(len(machines)), "VirtualSystems in the package written, one per Machine")
			if dest == used {
				g.Expect(got.Body).NotTo(Equal(old), "the package at a destination that held one: replaced by the System's")
			}
		})
	}
}

// exportedPackage follows an export without destination to the package
// its Location names and reads it; nil where it could not (judged on id).
func (t *T) exportedPackage(id *checks.Check, r *client.Response, typ string) (*ovfdoc.Envelope, *client.Response) {
	if !r.OK() {
		t.Fail(id, "the export was refused", "200, 202 or 204", r.Describe(), r)
		t.judgeError(r, typ, "action:export")
		return nil, nil
	}
	t.followJob(r, typ, "action:export")
	loc := r.Header.Get("Location")
	if loc == "" {
		t.Fail(id, "an export without destination has no Location header", "the URL of the package in Location", "none", r)
		return nil, nil
	}
	uri := t.env.client.Resolve(loc)
	if !t.env.client.Allowed(uri) {
		t.NotTested(id, "the package is at "+uri+", an origin the run does not send requests to (--allow-origin)")
		return nil, nil
	}
	pr := t.do(http.MethodGet, uri, client.AcceptRaw(ovfMediaType+", application/xml;q=0.5, */*;q=0.1"))
	var env *ovfdoc.Envelope
	var perr error
	if pr.Status == http.StatusOK {
		env, perr = ovfdoc.Parse(pr.Body)
	}
	t.Check(id, ev(r, pr), func(g Gomega) {
		g.Expect(pr.Status).To(Equal(http.StatusOK), "GET on the Location of the export")
		g.Expect(mediaType(pr.Header.Get("Content-Type"))).To(Equal(ovfMediaType), "the media type of the package")
		g.Expect(perr).NotTo(HaveOccurred(), "the package")
	})
	return env, pr
}

// awaitWrite waits for the Provider's write to a destination of the
// package host (the export's Job may end before, or without, it).
func (t *T) awaitWrite(host *packageHost, dest string) (*inbound, *client.Response) {
	var got *inbound
	_ = client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.Job, Flag: flagTimeoutJob},
		"the package to be written to "+dest, func() (bool, string, error) {
			if w := host.writes(dest); len(w) > 0 {
				got = &w[0]
				return true, "", nil
			}
			return false, "nothing written yet", nil
		})
	if got == nil {
		return nil, nil
	}
	return got, t.env.client.Inbound(got.Method, dest, got.Header, got.Body, got.Status)
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ct
	}
	return mt
}

// exportTemplate exports the run's SystemTemplate, judges the package
// against its descriptors, and imports it back where the collection
// offers import.
func (t *T) exportTemplate(sr *systemRun) {
	t.Must(sr.tmpl != "", "no SystemTemplate was made")
	d, _ := t.read(sr.tmpl, "SystemTemplate", model.Full)
	t.Must(d != nil, "the SystemTemplate cannot be read")
	href, ok := d.Root.Op(t.env.version.ActionURI("export"))
	if !ok {
		t.NotSupported(checks.SystemTemplateExport, "the SystemTemplate does not offer export")
		return
	}
	descs, instances := 0, int64(0)
	kinds := map[string]int{}
	for _, c := range d.Root.Get("componentDescriptors").List() {
		typ := model.TypeName(c.Str("type"))
		kinds[typ]++
		if typ == "Machine" {
			q, ok := c.Int("quantity")
			if !ok || q < 1 {
				q = 1
			}
			descs, instances = descs+1, instances+q
		}
	}
	r := t.act(sr.tmpl, href, "export")
	env, pr := t.exportedPackage(checks.SystemTemplateExport, r, "SystemTemplate")
	if env == nil {
		return
	}
	vs := len(env.Top.AllSystems())
	t.Check(checks.SystemTemplateExport, ev(r, pr), func(g Gomega) {
		g.Expect(vs).To(BeNumerically(">=", descs), "VirtualSystems in the package; the template has %d Machine descriptors making %d Machines", descs, instances)
		g.Expect(vs).To(BeNumerically("<=", instances), "VirtualSystems in the package; the template's Machine descriptors make %d Machines", instances)
		g.Expect(len(env.Disks)).To(BeNumerically(">=", kinds["Volume"]), "Disks in the package, against the Volume descriptors")
		g.Expect(len(env.Networks)).To(BeNumerically(">=", kinds["Network"]), "Networks in the package, against the Network descriptors")
	})
	// Back again: the Provider reads its own package (no package host
	// needed).
	coll, imp, ok := t.collectionOp("systemTemplates", "SystemTemplateCollection", "import")
	if !ok {
		return
	}
	back, br := t.importInto(coll, imp, "SystemTemplate", env.Top.Name, pr.URL, checks.SystemTemplateExport)
	if back == "" {
		return
	}
	tree := t.importedTemplate(back)
	defer t.discardTree(tree)
	t.Check(checks.SystemTemplateExport, ev(r, pr, br), func(g Gomega) {
		g.Expect(tree.allMachines()).To(HaveLen(vs), "Machine descriptors of the SystemTemplate imported from the export, one per VirtualSystem")
	})
}

// --- import -----------------------------------------------------------------------

// collectionOp finds an operation of the collection an entry point
// attribute names; where there is none, it marks each of ids not
// supported, or not tested when the collection cannot be read.
func (t *T) collectionOp(attr, collType, name string, ids ...*checks.Check) (string, string, bool) {
	mark := func(not func(*checks.Check, string), why string) (string, string, bool) {
		for _, c := range ids {
			not(c, why)
		}
		return "", "", false
	}
	href := readCEP(t).Href(attr)
	if href == "" {
		return mark(t.NotSupported, "the Cloud Entry Point lists no "+attr)
	}
	coll := t.env.client.Resolve(href)
	l := t.list(coll, collType)
	if l.doc == nil {
		return mark(t.NotTested, "the "+collType+" cannot be read, so its operations are not known")
	}
	op, ok := l.doc.Root.Op(t.env.version.ActionURI(name))
	if !ok {
		return mark(t.NotSupported, "the "+collType+" does not offer "+name)
	}
	return coll, op, true
}

// importInto posts an import of source into coll through its import
// operation and gives what it made ("" where it made nothing the run can
// name; judged under id). The resource is named from the package, so the
// create is recorded under that name.
func (t *T) importInto(coll, href, typ, name, source string, id *checks.Check) (string, *client.Response) {
	r := t.send(http.MethodPost, href, "Action", t.importAction(source), client.Creates(coll, typ, name))
	if !r.OK() {
		t.Fail(id, "the import was refused", "201, 202 or 204", r.Describe(), r)
		t.judgeError(r, typ+"Collection", "action:import")
		return "", r
	}
	uri := ""
	if loc := r.Header.Get("Location"); loc != "" {
		uri = t.env.client.Resolve(loc)
	}
	job := t.followJob(r, typ, "action:import")
	if uri == "" && job.job != nil && job.job.Str("state") == "SUCCESS" {
		uri = t.madeBy(job.job, coll, typ, name)
	}
	if uri == "" {
		t.Fail(id, "neither Location nor the import's Job names what it made", "a URI for the new "+typ, "none", r)
	}
	return uri, r
}

// importAction is the Action of an import of source (none: "").
func (t *T) importAction(source string) *model.Node {
	body := model.Obj("action", t.env.version.ActionURI("import"))
	if source != "" {
		body.Set("source", model.S(source))
	}
	return body
}

// refusedWithoutSource judges an import without source: refused with a
// 4xx (l.2303, l.2504); what it made anyway is the run's to delete.
func (t *T) refusedWithoutSource(coll, href, typ string, id *checks.Check) {
	r := t.send(http.MethodPost, href, "Action", t.importAction(""), client.Creates(coll, typ, ""))
	t.Check(id, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(BeNumerically(">=", 400), "the status of an import without source")
		g.Expect(r.Status).To(BeNumerically("<", 500), "the status of an import without source")
	})
	if loc := r.Header.Get("Location"); r.OK() && loc != "" {
		t.env.ledger.own(t.env.client.Resolve(loc), typ, "", "made by an import without source")
	}
}

// servedPackage puts the run's three-tier package on the package host for
// one import, its names beginning with purpose; nil where there is no
// host (the checks are then not tested).
func (t *T) servedPackage(purpose string, ids ...*checks.Check) (*packageHost, string, *ovfdoc.Envelope) {
	host, why := t.env.packageHostOf()
	if host == nil {
		for _, c := range ids {
			t.NotTested(c, why)
		}
		return nil, "", nil
	}
	data := ovf.ThreeTier(t.name(purpose))
	env, err := ovfdoc.Parse(data)
	t.Must(err == nil, "the run's own OVF package does not read: %v", err)
	return host, host.serve(purpose+".ovf", data), env
}

// judgeSourceKept: the Provider only read the package it imported (§4.3,
// l.1159-1160).
func (t *T) judgeSourceKept(host *packageHost, src string, id *checks.Check, r *client.Response) {
	var writes []string
	for _, in := range host.writes(src) {
		writes = append(writes, in.Method)
	}
	t.Check(id, ev(r), func(g Gomega) {
		g.Expect(writes).To(BeEmpty(), "requests other than GET the Provider sent to the package it imported")
	})
}

// packageImport is an import of the run's package that made something.
type packageImport struct {
	src, uri string
	env      *ovfdoc.Envelope
	resp     *client.Response
}

// importPackage imports the run's package into the collection of typ,
// after an import without source; it judges on id that the first is
// refused, and that the second's result is listed and its source only
// read. Nil where nothing was made (all say why where it is not id's
// verdict).
func (t *T) importPackage(attr, typ, purpose string, id *checks.Check, all ...*checks.Check) *packageImport {
	collType := typ + "Collection"
	coll, href, ok := t.collectionOp(attr, collType, "import", all...)
	if !ok {
		return nil
	}
	host, src, env := t.servedPackage(purpose+"-"+string(t.F), all...)
	if host == nil {
		return nil
	}
	t.refusedWithoutSource(coll, href, typ, id)
	uri, r := t.importInto(coll, href, typ, env.Top.Name, src, id)
	if uri == "" {
		return nil
	}
	t.judgeListed(id, coll, collType, uri, true, "the collection lists the imported "+typ)
	t.judgeSourceKept(host, src, id, r)
	return &packageImport{src: src, uri: uri, env: env, resp: r}
}

// importTemplate imports the run's package into the SystemTemplate
// collection and judges the templates it made (Annex A, l.4059-4079).
func (t *T) importTemplate(sr *systemRun) {
	imp := t.importPackage("systemTemplates", "SystemTemplate", "ovf-template", checks.SystemTemplateImport,
		checks.SystemTemplateImport, checks.SystemImportImage, checks.SystemImportImageGiven, checks.SystemTemplateImportMapping)
	if imp == nil {
		return
	}
	tree := t.importedTemplate(imp.uri)
	defer t.discardTree(tree)
	t.Must(tree.root != nil, "the imported SystemTemplate cannot be read")
	src, r := imp.src, imp.resp
	image := tree.root.Str("importImage")
	if image == "" {
		t.Fail(checks.SystemImportImageGiven, "the imported SystemTemplate has no importImage", src, "none", r)
		t.Inapplicable(checks.SystemImportImage, "the imported SystemTemplate has no importImage")
	} else {
		t.Pass(checks.SystemImportImageGiven)
		t.Check(checks.SystemImportImage, ev(r), func(g Gomega) {
			g.Expect(image).To(Equal(src), "the importImage of the imported SystemTemplate")
		})
	}
	t.judgeTemplateMapping(imp.env, tree, r)
}

// judgeTemplateMapping compares the imported templates with the package:
// Machine descriptors and MachineConfigurations per VirtualSystem, disks
// as VolumeTemplates, the nested collection as a nested SystemTemplate,
// NetworkTemplates per Network, each made template listed.
func (t *T) judgeTemplateMapping(env *ovfdoc.Envelope, tree *templateTree, r *client.Response) {
	disks := map[string]int64{}
	for _, d := range env.Disks {
		disks[d.ID] = d.Bytes / 1024
	}
	want := func(c *ovfdoc.Collection) []string {
		var out []string
		for _, s := range c.Systems {
			var caps []int64
			for _, d := range s.Disks {
				caps = append(caps, disks[d])
			}
			slices.Sort(caps)
			out = append(out, fmt.Sprintf("%s, disks %v", hwOf(s), caps))
		}
		return out
	}
	t.Check(checks.SystemTemplateImportMapping, ev(r), func(g Gomega) {
		g.Expect(tree.machineShapes()).To(ConsistOf(want(env.Top)), "the Machine descriptors of the imported SystemTemplate")
		g.Expect(tree.nested).To(HaveLen(len(env.Top.Nested)), "System descriptors naming a nested SystemTemplate")
		for i, n := range tree.nested {
			if i < len(env.Top.Nested) {
				g.Expect(n.machineShapes()).To(ConsistOf(want(env.Top.Nested[i])), "the Machine descriptors of the nested SystemTemplate")
			}
		}
		g.Expect(tree.networkTemplates()).To(HaveLen(len(env.Networks)), "distinct NetworkTemplates the imported SystemTemplates name")
	})
	for _, p := range tree.parts() {
		t.judgeListed(checks.SystemTemplateImportMapping, p.coll, p.collType, p.uri, true, "the "+p.collType+" lists the "+p.typ+" the import made")
	}
}

// importSystem imports the run's package into the SystemCollection and
// judges the System it made (Annex A, l.4080-4097), then deletes it.
func (t *T) importSystem(sr *systemRun) {
	imp := t.importPackage("systems", "System", "ovf-system", checks.SystemImport, checks.SystemImport, checks.SystemImportMapping)
	if imp == nil {
		return
	}
	uri, env, r := imp.uri, imp.env, imp.resp
	t.settleSystem(uri)
	top := t.importedSystem(uri, 0)
	var diskKB []int64
	for _, d := range env.Disks {
		diskKB = append(diskKB, d.Bytes/1024)
	}
	t.Check(checks.SystemImportMapping, ev(r), func(g Gomega) {
		g.Expect(top.machines).To(ConsistOf(hwsOf(env.Top.Systems)), "the Machines of the imported System")
		g.Expect(top.nested).To(HaveLen(len(env.Top.Nested)), "nested Systems of the imported System")
		for i, n := range top.nested {
			if i < len(env.Top.Nested) {
				g.Expect(n.machines).To(ConsistOf(hwsOf(env.Top.Nested[i].Systems)), "the Machines of the nested System")
			}
		}
		g.Expect(top.allVolumes()).To(ConsistOf(diskKB), "the capacities (KiB) of the imported Volumes, one per Disk")
		g.Expect(top.networks).To(Equal(len(env.Networks)), "Networks of the imported System")
	})
	t.discard(uri, "System")
}

func hwsOf(list []ovfdoc.System) []any {
	var out []any
	for _, s := range list {
		out = append(out, hwOf(s))
	}
	return out
}

// importedSys is an imported System as the mapping check compares it.
type importedSys struct {
	machines []hw
	volumes  []int64
	networks int
	nested   []*importedSys
}

func (s *importedSys) allVolumes() []int64 {
	out := slices.Clone(s.volumes)
	for _, n := range s.nested {
		out = append(out, n.allVolumes()...)
	}
	return out
}

// importedSystem reads an imported System and the Systems nested in it,
// taking their components into the ledger.
func (t *T) importedSystem(uri string, depth int) *importedSys {
	d, _ := t.read(uri, "System", model.Full)
	t.Must(d != nil, "the imported System cannot be read")
	out := &importedSys{}
	parts := t.systemParts(&systemRun{}, d.Root)
	for _, m := range parts["machines"] {
		out.machines = append(out.machines, hwOfNode(m))
	}
	for _, v := range parts["volumes"] {
		c, _ := v.Int("capacity")
		out.volumes = append(out.volumes, c)
	}
	out.networks = len(parts["networks"])
	if depth > 4 {
		return out
	}
	for _, n := range t.networkParts(d.Root, "systems", "SystemCollection") {
		id := t.env.client.Resolve(n.Str("id"))
		t.env.ledger.own(id, "System", "", "made by the run's import")
		out.nested = append(out.nested, t.importedSystem(id, depth+1))
	}
	return out
}

// --- imported SystemTemplates -----------------------------------------------------

// templateTree is an imported SystemTemplate with what it names.
type templateTree struct {
	uri      string
	root     *model.Node
	machines []*importedMachine
	networks []string // NetworkTemplates of its Network descriptors
	nested   []*templateTree
	made     []madePart // what the import made, oldest first
}

type importedMachine struct {
	hw    hw
	disks []int64 // capacities (KiB) of its VolumeTemplates
}

// madePart is a template an import made, and the collection that lists it.
type madePart struct{ uri, typ, coll, collType string }

func (tr *templateTree) allMachines() []*importedMachine {
	out := slices.Clone(tr.machines)
	for _, n := range tr.nested {
		out = append(out, n.allMachines()...)
	}
	return out
}

func (tr *templateTree) machineShapes() []string {
	var out []string
	for _, m := range tr.machines {
		caps := slices.Clone(m.disks)
		slices.Sort(caps)
		out = append(out, fmt.Sprintf("%s, disks %v", m.hw, caps))
	}
	return out
}

func (tr *templateTree) networkTemplates() []string {
	seen := slices.Clone(tr.networks)
	for _, n := range tr.nested {
		seen = append(seen, n.networkTemplates()...)
	}
	slices.Sort(seen)
	return slices.Compact(seen)
}

func (tr *templateTree) parts() []madePart {
	out := slices.Clone(tr.made)
	for _, n := range tr.nested {
		out = append(out, n.parts()...)
	}
	return out
}

// importedTemplate reads an imported SystemTemplate, the templates its
// descriptors name and nested SystemTemplates; each one named with the
// run's prefix becomes the run's (a Provider's own template never does).
func (t *T) importedTemplate(uri string) *templateTree {
	return t.readTemplateTree(uri, 0)
}

func (t *T) readTemplateTree(uri string, depth int) *templateTree {
	tr := &templateTree{uri: uri}
	d, _ := t.read(uri, "SystemTemplate", model.Full)
	if d == nil {
		return tr
	}
	tr.root = d.Root
	for _, c := range d.Root.Get("componentDescriptors").List() {
		switch model.TypeName(c.Str("type")) {
		case "Machine":
			if h := c.Href("machineTemplate"); h != "" {
				tr.machines = append(tr.machines, t.importedMachineTemplate(tr, t.env.client.Resolve(h)))
			}
		case "Network":
			if h := c.Href("networkTemplate"); h != "" {
				tr.networks = append(tr.networks, t.claimImported(tr, t.env.client.Resolve(h), "NetworkTemplate", "networkTemplates"))
			}
		case "System":
			if h := c.Href("systemTemplate"); h != "" && depth < 4 {
				n := t.env.client.Resolve(h)
				t.claimImported(tr, n, "SystemTemplate", "systemTemplates")
				tr.nested = append(tr.nested, t.readTemplateTree(n, depth+1))
			}
		}
	}
	return tr
}

// importedMachineTemplate reads a MachineTemplate an import made, its
// MachineConfiguration and VolumeTemplates (and their configurations).
func (t *T) importedMachineTemplate(tr *templateTree, uri string) *importedMachine {
	m := &importedMachine{}
	t.claimImported(tr, uri, "MachineTemplate", "machineTemplates")
	d, _ := t.read(uri, "MachineTemplate", model.Full)
	if d == nil {
		return m
	}
	if h := d.Root.Href("machineConfig"); h != "" {
		cfg := t.env.client.Resolve(h)
		t.claimImported(tr, cfg, "MachineConfiguration", "machineConfigs")
		if c, _ := t.read(cfg, "MachineConfiguration", model.Full); c != nil {
			m.hw = hwOfNode(c.Root)
		}
	}
	for _, vt := range d.Root.Get("volumeTemplates").List() {
		h := vt.Href("volumeTemplate")
		if h == "" {
			continue
		}
		vtURI := t.env.client.Resolve(h)
		t.claimImported(tr, vtURI, "VolumeTemplate", "volumeTemplates")
		v, _ := t.read(vtURI, "VolumeTemplate", model.Full)
		if v == nil || v.Root.Href("volumeConfig") == "" {
			continue
		}
		vc := t.env.client.Resolve(v.Root.Href("volumeConfig"))
		t.claimImported(tr, vc, "VolumeConfiguration", "volumeConfigs")
		if c, _ := t.read(vc, "VolumeConfiguration", model.Full); c != nil {
			capacity, _ := c.Root.Int("capacity")
			m.disks = append(m.disks, capacity)
		}
	}
	return m
}

// claimImported records a template an import made, and makes it the
// run's when its name carries the run's prefix; it gives uri.
func (t *T) claimImported(tr *templateTree, uri, typ, attr string) string {
	for _, p := range tr.made {
		if p.uri == uri {
			return uri
		}
	}
	coll := ""
	if attr != "" {
		coll = t.env.client.Resolve(readCEP(t).Href(attr))
	}
	tr.made = append(tr.made, madePart{uri: uri, typ: typ, coll: coll, collType: typ + "Collection"})
	if d, _ := t.read(uri, typ, model.Full); d != nil && strings.HasPrefix(d.Root.Str("name"), t.env.prefix) {
		t.env.ledger.own(uri, typ, d.Root.Str("name"), "made by the run's import")
	}
	return uri
}

// discardTree deletes an imported SystemTemplate, then what it named,
// judging nothing: the SystemTemplates first, configurations last.
func (t *T) discardTree(tr *templateTree) {
	if tr == nil || tr.uri == "" {
		return
	}
	order := []string{"SystemTemplate", "MachineTemplate", "VolumeTemplate", "NetworkTemplate", "MachineConfiguration", "VolumeConfiguration"}
	list := append([]madePart{{uri: tr.uri, typ: "SystemTemplate"}}, tr.parts()...)
	slices.SortStableFunc(list, func(a, b madePart) int { return slices.Index(order, a.typ) - slices.Index(order, b.typ) })
	for _, p := range list {
		if t.env.ledger.get(p.uri) != nil {
			t.discard(p.uri, p.typ)
		}
	}
}

// discard deletes one of the run's resources and waits for it to go,
// judging nothing: what it cannot delete the cleanup deals with.
func (t *T) discard(uri, typ string) {
	d, _ := t.read(uri, typ, model.Full)
	if d == nil {
		return
	}
	del, ok := d.Root.Op("delete")
	if !ok {
		return
	}
	r := t.env.client.Do(http.MethodDelete, del, client.Accept(t.F), client.On(uri))
	if !r.OK() {
		return
	}
	if gone, err := t.waitGone(uri, r.Status == http.StatusAccepted); err == nil && gone != nil {
		t.env.ledger.gone(uri)
	}
}
