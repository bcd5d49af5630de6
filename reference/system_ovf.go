package reference

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OVF export and import of Systems and SystemTemplates (§5.13.1.2,
// §5.13.2.1, §5.13.4.1, §5.13.5.1, Annex A). An export without destination
// is kept here, below packages/, and named by the answer's Location; one
// with an http(s) destination is PUT there. An import reads its source
// (one of our packages, or an http(s) URL) and makes a SystemTemplate with
// the templates it names, or a System with its components.

const (
	ovfMediaType = "application/ovf"
	// ovfFetchLimit and ovfFetchTimeout bound what an import reads and an
	// export writes elsewhere.
	ovfFetchLimit   = 4 << 20
	ovfFetchTimeout = 10 * time.Second
	// packagesPath is where exports without destination are kept.
	packagesPath = "packages/"
	// ovfImage is the MachineImage imported MachineTemplates boot from:
	// the package's disks become VolumeTemplates, not images (Annex A
	// leaves that choice to the provider).
	ovfImage = "machineImages/debian-12"
)

// isPackagePath tells whether a request is for an exported package.
func isPackagePath(p string) bool { return strings.HasPrefix(p, "/cimi/"+packagesPath) }

// servePackage answers GET on an exported package.
func (rq *request) servePackage() error {
	if !rq.isRead() {
		return methodNotAllowed("GET", "HEAD")
	}
	b, ok := rq.t.packages[strings.TrimPrefix(rq.r.URL.Path, "/cimi/")]
	if !ok {
		return errorf(http.StatusNotFound, "no package at %s", rq.r.URL.Path)
	}
	rq.mediaType = ovfMediaType
	if rq.s.fault(FaultOVFServedAsXML) {
		rq.mediaType = "application/xml"
	}
	rq.send(http.StatusOK, b)
	return nil
}

// --- export -------------------------------------------------------------------------

// exportPackage answers an export of a System or SystemTemplate whose
// package env gives: kept here with a Location, or PUT to the destination.
func (rq *request) exportPackage(r *resource, env func() *ovfEnvelope) error {
	if rq.s.fault(FaultOVFXMLExportRefused) && strings.Contains(rq.r.Header.Get("Content-Type"), "xml") {
		return errorf(http.StatusUnsupportedMediaType, "this provider takes export Actions in JSON only")
	}
	body, err := rq.action("export")
	if err != nil {
		return err
	}
	if f, _ := body["format"].(string); f != "" && f != ovfMediaType {
		return errorf(http.StatusBadRequest, "this provider exports %s only, not %q", ovfMediaType, f)
	}
	data := env().bytes()
	j := rq.t.newJob(rq.actionURI("export"), r.path)
	rq.jobHeader(j)
	dest, _ := body["destination"].(string)
	if dest == "" {
		p := rq.t.keepPackage(data)
		if !rq.s.fault(FaultOVFExportNoLocation) {
			rq.w.Header().Set("Location", rq.rend.absolute(refPath(p)))
		}
		rq.settle(j, rq.s.opts.Latency, func() {})
		rq.answerJob(j)
		return nil
	}
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errorf(http.StatusBadRequest, "destination %q is not an http or https URL", dest)
	}
	method := http.MethodPut
	if rq.s.fault(FaultOVFExportPosts) {
		method = http.MethodPost
	}
	if rq.s.fault(FaultOVFExportBesideDestination) {
		u = u.JoinPath("package.ovf")
	}
	t, s := rq.t, rq.s
	finish := func(err error) {
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		t.finish(j, err == nil, msg)
	}
	if s.opts.Latency == 0 { // all work done before the answer, as asked
		err := sendPackage(method, u.String(), data)
		finish(err)
		if err != nil {
			return errorf(http.StatusBadRequest, "the destination did not take the package: %v", err)
		}
		rq.answerJob(j)
		return nil
	}
	go func() { // the tenant is not held while another host answers
		err := sendPackage(method, u.String(), data)
		s.later(t, 0, func() { finish(err) })
	}()
	rq.answerJob(j)
	return nil
}

// sendPackage writes a package to another host (DSP0263 l.2259-2260: PUT
// for HTTP).
func sendPackage(method, dest string, data []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), ovfFetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, dest, bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", ovfMediaType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("writing the package to %s: %v", dest, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("writing the package to %s: %s answered %d", dest, method, resp.StatusCode)
	}
	return nil
}

// systemEnvelope is the package of a System: a VirtualSystem per Machine,
// a Disk per Volume it lists or its Machines use, a Network per Network,
// a nested collection per nested System (l.2248).
func (rq *request) systemEnvelope(sys *resource) *ovfEnvelope {
	e := &ovfEnvelope{}
	e.top = rq.systemCollectionOVF(e, sys, 0)
	return e
}

func (rq *request) systemCollectionOVF(e *ovfEnvelope, sys *resource, depth int) ovfCollection {
	c := ovfCollection{name: nameOr(sys)}
	for _, v := range rq.t.items(sys.path + "/volumes") {
		e.addDisk(v)
	}
	for _, n := range rq.t.items(sys.path + "/networks") {
		e.addNet(nameOr(n))
	}
	machines := rq.t.items(sys.path + "/machines")
	if rq.s.fault(FaultOVFExportMissesMachine) && len(machines) > 0 {
		machines = machines[1:]
	}
	for _, m := range machines {
		vs := ovfSystem{name: nameOr(m)}
		vs.cpu, _ = m.vals["cpu"].(int64)
		vs.memKB, _ = m.vals["memory"].(int64)
		for _, it := range rq.t.items(m.path + "/volumes") {
			p, _ := it.vals["volume"].(refPath)
			if v := rq.t.get(string(p)); v != nil {
				vs.disks = append(vs.disks, e.addDisk(v))
			}
		}
		c.systems = append(c.systems, vs)
	}
	if depth < maxSystemNesting {
		for _, n := range rq.t.items(sys.path + "/systems") {
			c.nested = append(c.nested, rq.systemCollectionOVF(e, n, depth+1))
		}
	}
	return c
}

// templateEnvelope is the package of a SystemTemplate: a VirtualSystem per
// Machine its descriptors would make, a Disk per Volume they would make or
// name, a Network per Network, a nested collection per nested template
// (l.2455).
func (rq *request) templateEnvelope(tr *resource) *ovfEnvelope {
	e := &ovfEnvelope{}
	e.top = rq.templateCollectionOVF(e, nameOr(tr), tr.vals, 0)
	return e
}

func (rq *request) templateCollectionOVF(e *ovfEnvelope, name string, tpl map[string]any, depth int) ovfCollection {
	c := ovfCollection{name: name}
	list, _ := tpl["componentDescriptors"].([]any)
	for i, it := range list {
		d, _ := it.(map[string]any)
		attr, typ, err := rq.descriptorComponent(d, i)
		if err != nil {
			continue
		}
		if typ == "Machine" && rq.s.fault(FaultOVFTemplateExportMissesMachine) && i == firstMachine(list) {
			continue
		}
		dname, _ := d["name"].(string)
		in, _ := d[attr].(map[string]any)
		n := quantityOf(d)
		for k := int64(1); k <= n; k++ {
			iname := dname
			if n > 1 {
				iname += strconv.FormatInt(k, 10)
			}
			switch typ {
			case "Machine":
				if vs, ok := rq.templateSystemOVF(e, iname, attr, in); ok {
					c.systems = append(c.systems, vs)
				}
			case "Volume":
				rq.templateDiskOVF(e, iname, attr, in)
			case "Network":
				e.addNet(iname)
			case "System":
				if tpl, err := rq.templateOf(in, "SystemTemplate", true); err == nil && depth < maxSystemNesting {
					c.nested = append(c.nested, rq.templateCollectionOVF(e, iname, tpl, depth+1))
				}
			}
		}
	}
	return c
}

// templateSystemOVF is the VirtualSystem of a Machine descriptor.
func (rq *request) templateSystemOVF(e *ovfEnvelope, name, attr string, in map[string]any) (ovfSystem, bool) {
	vs := ovfSystem{name: name}
	if attr == "machine" {
		m := rq.resolve(rq.hrefOf(in), "Machine")
		if m == nil {
			return vs, false
		}
		vs.cpu, _ = m.vals["cpu"].(int64)
		vs.memKB, _ = m.vals["memory"].(int64)
		return vs, true
	}
	tmpl, err := rq.effectiveTemplate(in)
	if err != nil {
		return vs, false
	}
	cfg, err := rq.configValues(tmpl["machineConfig"])
	if err != nil {
		return vs, false
	}
	vs.cpu, _ = cfg["cpu"].(int64)
	vs.memKB, _ = cfg["memory"].(int64)
	vts, _ := tmpl["volumeTemplates"].([]any)
	for i, it := range vts {
		item, _ := it.(map[string]any)
		vt, _ := item["volumeTemplate"].(map[string]any)
		if p, ok := item["volumeTemplate"].(refPath); ok {
			vt = map[string]any{"href": rq.rend.absolute(p)}
		}
		if id := rq.templateDiskOVF(e, fmt.Sprintf("%s-vt%d", name, i+1), "volumeTemplate", vt); id != "" {
			vs.disks = append(vs.disks, id)
		}
	}
	return vs, true
}

// templateDiskOVF adds the Disk a Volume descriptor (or a Machine
// template's VolumeTemplate) would make, and gives its id.
func (rq *request) templateDiskOVF(e *ovfEnvelope, name, attr string, in map[string]any) string {
	if attr == "volume" {
		if v := rq.resolve(rq.hrefOf(in), "Volume"); v != nil {
			return e.addDisk(v)
		}
		return ""
	}
	tmpl, _, err := rq.effectiveVolumeTemplate(in)
	if err != nil {
		return ""
	}
	cfg, err := rq.volumeConfigValues(tmpl["volumeConfig"], true)
	if err != nil {
		return ""
	}
	kb, _ := cfg["capacity"].(int64)
	e.disks = append(e.disks, ovfDisk{id: name, kb: kb})
	return name
}

// addDisk adds a Volume's Disk once, and gives its id.
func (e *ovfEnvelope) addDisk(v *resource) string {
	id := "volume-" + path.Base(v.path)
	if !e.hasDisk(id) {
		kb, _ := v.vals["capacity"].(int64)
		e.disks = append(e.disks, ovfDisk{id: id, kb: kb})
	}
	return id
}

func (e *ovfEnvelope) addNet(name string) {
	if !slices.Contains(e.nets, name) {
		e.nets = append(e.nets, name)
	}
}

// nameOr is a resource's name, else the last segment of its path.
func nameOr(r *resource) string {
	if n := r.str("name"); n != "" {
		return n
	}
	return path.Base(r.path)
}

// --- import -------------------------------------------------------------------------

// importSource reads the Action of an import and the package its source
// names (l.2303: source is mandatory).
func (rq *request) importSource() (string, *ovfEnvelope, error) {
	body, err := rq.action("import")
	if err != nil {
		return "", nil, err
	}
	source, _ := body["source"].(string)
	if source == "" && !rq.s.fault(FaultOVFImportWithoutSource) {
		return "", nil, errorf(http.StatusBadRequest, "an import needs a source")
	}
	if source == "" { // the switch: the provider's first package stands in
		if n := len(rq.t.packageOrder); n > 0 {
			source = rq.rend.absolute(refPath(rq.t.packageOrder[n-1]))
		}
	}
	data, err := rq.fetchPackage(source)
	if err != nil {
		return "", nil, err
	}
	env, err := parseOVF(data)
	if err != nil {
		return "", nil, errorf(http.StatusBadRequest, "the package at %s: %v", source, err)
	}
	return source, env, nil
}

// fetchPackage reads a package: ours from memory, another host's by GET
// (bounded in size and time). A source below our own base that is not a
// package is refused: the tenant is held while an import runs.
func (rq *request) fetchPackage(source string) ([]byte, error) {
	if p, ok := rq.rend.local(source); ok {
		if b, ok := rq.t.packages[p]; ok {
			return b, nil
		}
		return nil, errorf(http.StatusBadRequest, "source %q is no package of this provider", source)
	}
	u, err := url.Parse(source)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errorf(http.StatusBadRequest, "source %q is not an http or https URL", source)
	}
	ctx, cancel := context.WithTimeout(context.Background(), ovfFetchTimeout)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	req.Header.Set("Accept", ovfMediaType+", application/xml;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, errorf(http.StatusBadRequest, "reading source %s: %v", source, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, ovfFetchLimit+1))
	switch {
	case err != nil:
		return nil, errorf(http.StatusBadRequest, "reading source %s: %v", source, err)
	case resp.StatusCode != http.StatusOK:
		return nil, errorf(http.StatusBadRequest, "reading source %s: GET answered %d", source, resp.StatusCode)
	case len(data) > ovfFetchLimit:
		return nil, errorf(http.StatusBadRequest, "the package at %s is larger than %d bytes", source, ovfFetchLimit)
	}
	if rq.s.fault(FaultOVFImportWritesSource) {
		_ = sendPackage(http.MethodPut, source, append(data, "<!-- imported -->"...))
	}
	return data, nil
}

// importSystem handles import on the SystemCollection: a System with a
// Machine per VirtualSystem, a Volume per Disk (shared by the Machines
// that use it), a Network per Network and a nested System per nested
// collection (Annex A, l.4080-4097).
func (rq *request) importSystem() error {
	_, env, err := rq.importSource()
	if err != nil {
		return err
	}
	tpl := rq.importedSystemTemplate(env, env.top, true)
	rq.importing = true // its own templates by value, not a consumer's
	sys, j, err := rq.buildSystem(map[string]any{"name": env.top.name}, tpl, 0)
	if err != nil {
		return err
	}
	if rq.s.fault(FaultOVFImportUnlisted) {
		rq.t.members["systems"] = without(rq.t.members["systems"], sys.path)
	}
	rq.created(sys, j)
	return nil
}

// importedSystemTemplate is the template, by value, that makes a System
// from collection c of the package.
func (rq *request) importedSystemTemplate(env *ovfEnvelope, c ovfCollection, top bool) map[string]any {
	var list []any
	desc := func(name, typ, attr string, v any) {
		list = append(list, map[string]any{"name": name, "type": rq.rend.typeURI(typ), attr: v})
	}
	// Volumes and Networks are named after the package's collection, so
	// that they read as made from it.
	named := func(id string) string { return env.top.name + "-" + id }
	here := map[string]bool{}
	for _, s := range c.systems {
		for _, d := range s.disks {
			here[d] = true
		}
	}
	// A Disk is made in the System whose Machines use it, once, and shared
	// by them; one no Machine uses, in the top System.
	for _, d := range env.disks {
		if here[d.id] || top && !env.top.uses(d.id) {
			desc(named(d.id), "Volume", "volumeTemplate", map[string]any{"volumeConfig": map[string]any{"capacity": d.kb, "type": rq.mappedType()}})
		}
	}
	if top && rq.s.major == 2 && !rq.s.fault(FaultOVFImportNetworksIgnored) { // 1.x: no Networks in Systems
		for _, n := range env.nets {
			desc(named(n), "Network", "networkTemplate", map[string]any{"description": "from an OVF package"})
		}
	}
	for _, s := range c.systems {
		var vols []any
		for _, d := range s.disks {
			vols = append(vols, map[string]any{"volume": map[string]any{"href": "#" + named(d)}})
		}
		mt := map[string]any{"machineConfig": map[string]any{"cpu": rq.importedCPU(s), "memory": s.memKB},
			"machineImage": map[string]any{"href": rq.rend.absolute(ovfImage)}, "volumes": vols}
		desc(s.name, "Machine", "machineTemplate", mt)
	}
	for _, n := range c.nested {
		sub := rq.importedSystemTemplate(env, n, false)
		if rq.s.fault(FaultOVFImportFlat) {
			subs, _ := sub["componentDescriptors"].([]any)
			list = append(list, subs...)
			continue
		}
		desc(n.name, "System", "systemTemplate", sub)
	}
	return map[string]any{"componentDescriptors": list}
}

// importTemplate handles import on the SystemTemplateCollection: a
// VolumeTemplate per Disk, a NetworkTemplate per Network, and a
// SystemTemplate per collection whose Machine descriptors name a new
// MachineTemplate per VirtualSystem, each with a new MachineConfiguration
// (Annex A, l.4059-4079).
func (rq *request) importTemplate() error {
	source, env, err := rq.importSource()
	if err != nil {
		return err
	}
	var made []string
	add := func(coll, typ string, vals map[string]any) string {
		r := rq.t.add(coll, &resource{typ: typ, vals: vals})
		if !(rq.s.fault(FaultOVFImportPartsUnlisted) && typ == "MachineTemplate") {
			made = append(made, r.path)
		} else {
			rq.t.members[coll] = without(rq.t.members[coll], r.path)
		}
		return r.path
	}
	base := env.top.name
	disks := map[string]string{}
	for _, d := range env.disks {
		cfg := add("volumeConfigs", "VolumeConfiguration", map[string]any{"name": base + "-" + d.id, "capacity": d.kb, "type": rq.mappedType()})
		disks[d.id] = add("volumeTemplates", "VolumeTemplate", map[string]any{"name": base + "-" + d.id, "volumeConfig": refPath(cfg)})
	}
	nets := map[string]string{}
	for _, n := range env.nets {
		if rq.s.fault(FaultOVFImportNetworksIgnored) || rq.s.major == 1 {
			break
		}
		nets[n] = add("networkTemplates", "NetworkTemplate", map[string]any{"name": base + "-" + n})
	}
	st := rq.importCollection(env, env.top, disks, nets, add, 0)
	tr := rq.t.get(st)
	if !rq.s.fault(FaultOVFImportImageMissing) {
		tr.vals["importImage"] = source
		if rq.s.fault(FaultOVFImportImageWrong) {
			tr.vals["importImage"] = rq.rend.absolute(packagesPath + "0")
		}
	}
	if rq.s.fault(FaultOVFImportUnlisted) {
		rq.t.members["systemTemplates"] = without(rq.t.members["systemTemplates"], st)
	}
	j := rq.t.newJob(rq.actionURI("import"), "systemTemplates", append([]string{st}, made...)...)
	rq.t.finish(j, true, "")
	rq.created(tr, j)
	return nil
}

// importCollection stores the SystemTemplate of collection c and the
// templates it names, and gives its path.
func (rq *request) importCollection(env *ovfEnvelope, c ovfCollection, disks, nets map[string]string, add func(coll, typ string, vals map[string]any) string, depth int) string {
	var list []any
	desc := func(name, typ, attr, p string) {
		list = append(list, map[string]any{"name": name, "type": rq.rend.typeURI(typ), attr: map[string]any{"href": rq.rend.absolute(refPath(p))}})
	}
	systems := c.systems
	if rq.s.fault(FaultOVFImportOneTemplate) && len(systems) > 1 {
		systems = systems[:1]
	}
	for _, s := range systems {
		// Its disks are those of the VirtualSystem's disk items (also made
		// VolumeTemplates), else one for the image; gpu is this provider's
		// extension (see createConfig).
		cfg := add("machineConfigs", "MachineConfiguration", map[string]any{"name": s.name, "cpu": rq.importedCPU(s), "memory": s.memKB,
			"cpuArch": "x86_64", "cpuSpeed": int64(2400), "disks": env.configDisks(s), "gpu": false})
		var vts []any
		for _, d := range s.disks {
			vts = append(vts, map[string]any{"volumeTemplate": refPath(disks[d])})
		}
		mt := add("machineTemplates", "MachineTemplate", map[string]any{"name": s.name, "machineConfig": refPath(cfg),
			"machineImage": refPath(ovfImage), "volumeTemplates": vts})
		desc(s.name, "Machine", "machineTemplate", mt)
	}
	if depth == 0 {
		for _, n := range env.nets {
			if nets[n] == "" {
				continue
			}
			desc(n, "Network", "networkTemplate", nets[n])
		}
	}
	for _, n := range c.nested {
		if depth < maxSystemNesting {
			desc(n.name, "System", "systemTemplate", rq.importCollection(env, n, disks, nets, add, depth+1))
		}
	}
	return add("systemTemplates", "SystemTemplate", map[string]any{"name": c.name, "componentDescriptors": list})
}

// uses tells whether a VirtualSystem of the collection, or of one nested
// in it, names disk id.
func (c *ovfCollection) uses(id string) bool {
	for _, s := range c.systems {
		if slices.Contains(s.disks, id) {
			return true
		}
	}
	for i := range c.nested {
		if c.nested[i].uses(id) {
			return true
		}
	}
	return false
}

// configDisks are the disks of a VirtualSystem's MachineConfiguration: one
// per disk item, else a 10 GiB one for the image.
func (e *ovfEnvelope) configDisks(s ovfSystem) []any {
	var out []any
	for _, id := range s.disks {
		for _, d := range e.disks {
			if d.id == id {
				out = append(out, map[string]any{"capacity": d.kb, "format": "raw"})
			}
		}
	}
	if len(out) == 0 {
		out = append(out, map[string]any{"capacity": int64(10 << 20), "format": "raw"})
	}
	return out
}

// firstMachine is the index of the first Machine descriptor (-1: none).
func firstMachine(list []any) int {
	for i, it := range list {
		if d, _ := it.(map[string]any); d["machineTemplate"] != nil || d["machine"] != nil {
			return i
		}
	}
	return -1
}

// importedCPU is the CPUs an import gives a VirtualSystem's Machine or
// MachineConfiguration: its own, or one under a switch.
func (rq *request) importedCPU(s ovfSystem) int64 {
	if rq.s.fault(FaultOVFImportConfigIgnored) {
		return 1
	}
	return s.cpu
}
