package reference

import (
	"maps"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Systems (§5.13), the CIMI 2.0 model: a SystemTemplate lists component
// descriptors, each a template (by reference or by value) or an existing
// resource; a SystemCreate makes a System whose new components are its
// children (deleted with it) and whose existing ones are associated (left
// alone). The System's state follows its Machines (Table 9); start and stop
// reach every Machine.

// systemCollection is one of a System's collections: its attribute, its
// type and, in 1.x, the association items it holds and the attribute of
// their one reference (DSP8009 SystemSystem … SystemForwardingGroup).
type systemCollection struct{ attr, coll, item, ref string }

// systemCollections are a 2.0 System's collections and their types
// (Table 9).
var systemCollections = []systemCollection{
	{attr: "systems", coll: "SystemCollection"}, {attr: "machines", coll: "MachineCollection"},
	{attr: "credentials", coll: "CredentialCollection"}, {attr: "volumes", coll: "VolumeCollection"},
	{attr: "networks", coll: "NetworkCollection"}, {attr: "networkServices", coll: "NetworkServiceCollection"},
	{attr: "services", coll: "SystemServiceCollection"}, {attr: "meters", coll: "MeterCollection"},
}

// systemCollectionsV1 are a 1.x System's collections (DSP8009
// SystemElements): each but meters holds association items.
var systemCollectionsV1 = []systemCollection{
	{"systems", "SystemSystemCollection", "SystemSystem", "system"},
	{"machines", "SystemMachineCollection", "SystemMachine", "machine"},
	{"credentials", "SystemCredentialCollection", "SystemCredential", "credential"},
	{"volumes", "SystemVolumeCollection", "SystemVolume", "volume"},
	{"networks", "SystemNetworkCollection", "SystemNetwork", "network"},
	{"networkPorts", "SystemNetworkPortCollection", "SystemNetworkPort", "networkPort"},
	{"addresses", "SystemAddressCollection", "SystemAddress", "address"},
	{"forwardingGroups", "SystemForwardingGroupCollection", "SystemForwardingGroup", "forwardingGroup"},
	{attr: "meters", coll: "MeterCollection"},
}

// collectionsOf are the System collections of CIMI major version major.
func collectionsOf(major int) []systemCollection {
	if major == 1 {
		return systemCollectionsV1
	}
	return systemCollections
}

// descriptorComponents are the attributes of a component descriptor that
// make a component, and the type each makes or names (Table 14).
var descriptorComponents = map[string]string{
	"machineTemplate": "Machine", "volumeTemplate": "Volume", "networkTemplate": "Network",
	"machine": "Machine", "volume": "Volume", "network": "Network",
	"systemTemplate": "System", "system": "System",
}

// systemActions are the actions a System offers, each done to every
// Machine that can take it (l.2239-2244).
var systemActions = []string{"start", "stop", "restart", "pause", "suspend"}

// componentColls are the System collections of the types a descriptor
// makes or names.
var componentColls = map[string]string{"Machine": "machines", "Volume": "volumes", "Network": "networks", "System": "systems"}

// machineStates are the Machine states a System takes when all its
// Machines share one (Table 9).
var machineStates = []string{"STARTING", "STARTED", "STOPPING", "STOPPED", "PAUSING", "PAUSED", "SUSPENDING", "SUSPENDED"}

func init() {
	// Both versions' collections in one order that keeps each version's:
	// the 2.0-only ones, then the 1.x-only ones, before meters.
	var colls []field
	for _, c := range systemCollections[:len(systemCollections)-1] {
		f := fColl(c.attr)
		if c.attr == "networkServices" || c.attr == "services" {
			f = f.v(2)
		}
		colls = append(colls, f)
	}
	for _, c := range systemCollectionsV1[5:8] {
		colls = append(colls, fColl(c.attr).v(1))
	}
	colls = append(colls, fColl("meters"))
	addType("System", withCommon(append(append([]field{fString("state").readOnly()}, colls...),
		fRef("eventLog", "EventLog").readOnly())...)...)
	for _, c := range systemCollectionsV1 {
		if c.item != "" {
			addType(c.item, withCommon(fRef(c.ref, strings.ToUpper(c.ref[:1])+c.ref[1:]))...)
			addCollection(c.coll, c.item, strings.ToLower(c.item[:1])+c.item[1:]+"s")
		}
	}
	addType("SystemTemplate", withCommon(
		// quantity last: DSP8009 orders it after the component.
		fList("componentDescriptors", "componentDescriptor", fString("name"), fString("description"), fMap("properties"),
			fURI("type"), fRef("machineTemplate", "MachineTemplate"), fRef("volumeTemplate", "VolumeTemplate"),
			fRef("networkTemplate", "NetworkTemplate"), fRef("systemTemplate", "SystemTemplate"), fRef("machine", "Machine").v(2),
			fRef("volume", "Volume").v(2), fRef("network", "Network").v(2), fRef("system", "System").v(2), fInt("quantity")),
		fList("serviceDescriptors", "serviceDescriptor", fString("name"), fString("description"), fMap("properties"),
			fURI("serviceType"), fParams("parameters")).v(2),
		fRefsOrValues("meterTemplates", "meterTemplate", "MeterTemplate"), fRef("eventLogTemplate", "EventLogTemplate"),
		fURI("importImage"), fRef("genResourceMetadata", "ResourceMetadata").v(2))...)
	addType("SystemCreate", fString("name"), fString("description"), fMap("properties"), fRef("systemTemplate", "SystemTemplate"))
	addCollection("SystemServiceCollection", "SystemService", "systemServices")
}

// systemRows are the System rows of the table (2.0).
func systemRows() []*typeRow {
	return []*typeRow{
		{typ: "System", attr: "systems", coll: "SystemCollection", member: "systems", meta: "system",
			hooks: hooks{create: (*request).createSystem, imports: (*request).importSystem, ops: (*request).systemOps, child: (*request).systemChild,
				remove: (*request).deleteSystem, metadata: systemMetadata, live: (*request).systemState,
				updateIgnored: FaultSystemUpdateIgnored}},
		{typ: "SystemTemplate", attr: "systemTemplates", coll: "SystemTemplateCollection", member: "systemTemplates",
			hooks: hooks{create: (*request).createSystemTemplate, imports: (*request).importTemplate, update: localRefs,
				ops: systemTemplateOps, child: systemTemplateChild}},
	}
}

func systemMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("System", "SystemComponentTemplateByValue", true)}
	vals["actions"] = t.actions(append(slices.Clone(systemActions), "export")...)
}

// systemTemplateOps: edit, delete and export (l.2455).
func systemTemplateOps(rq *request, tr *resource) []any {
	self := rq.rend.abs(refPath(tr.path))
	return []any{op("edit", self), op("delete", self), op(rq.rend.ns+"/action/export", rq.rend.abs(refPath(tr.path+"/export")))}
}

// systemTemplateChild answers a SystemTemplate's export.
func systemTemplateChild(rq *request, tr *resource, rest []string) error {
	if len(rest) != 1 || rest[0] != "export" {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	if rq.r.Method != http.MethodPost {
		return methodNotAllowed("POST")
	}
	return rq.exportPackage(tr, func() *ovfEnvelope { return rq.templateEnvelope(tr) })
}

// --- templates ---------------------------------------------------------------

func (rq *request) createSystemTemplate() error {
	store := rq.storeChecked
	if rq.s.major == 1 && rq.s.fault(FaultSystemV1TemplateCreateWrapped) {
		store = rq.storeWrapped
	}
	return store("systemTemplates", "SystemTemplate", func(body map[string]any) error {
		if err := rq.checkSystemTemplate(body); err != nil {
			return err
		}
		if rq.s.major == 1 && rq.s.fault(FaultSystemV1TemplateDropsDescriptors) {
			delete(body, "componentDescriptors")
		}
		if rq.s.fault(FaultSystemTemplateDropsQuantity) {
			list, _ := body["componentDescriptors"].([]any)
			for _, it := range list {
				if d, ok := it.(map[string]any); ok {
					delete(d, "quantity")
				}
			}
		}
		return nil
	})
}

// checkSystemTemplate: each descriptor has a type and exactly one component
// attribute, a template or resource of ours of that type (Table 14).
func (rq *request) checkSystemTemplate(body map[string]any) error {
	list, _ := body["componentDescriptors"].([]any)
	for i, it := range list {
		d, _ := it.(map[string]any)
		if _, _, err := rq.descriptorComponent(d, i); err != nil {
			return err
		}
	}
	if err := rq.checkServiceDescriptors(body); err != nil {
		return err
	}
	return rq.checkMonitorTemplates(body)
}

// descriptorComponent gives the one component attribute of descriptor i
// and the type it makes or names.
func (rq *request) descriptorComponent(d map[string]any, i int) (string, string, error) {
	var found []string
	for attr := range d {
		if _, ok := descriptorComponents[attr]; ok && d[attr] != nil {
			found = append(found, attr)
		}
	}
	slices.Sort(found)
	if len(found) > 1 && rq.s.fault(FaultSystemTwoComponentsTaken) {
		found = found[:1]
	}
	if len(found) != 1 {
		return "", "", errorf(http.StatusBadRequest, "componentDescriptors[%d] needs exactly one component attribute, not %d", i, len(found))
	}
	attr, typ := found[0], descriptorComponents[found[0]]
	if want := rq.rend.typeURI(typ); d["type"] != want && !rq.s.fault(FaultSystemDescriptorTypeUnchecked) {
		return "", "", errorf(http.StatusBadRequest, "componentDescriptors[%d]: type %v is not %s, the type its %s makes", i, d["type"], want, attr)
	}
	ref, _ := d[attr].(map[string]any)
	href, _ := ref["href"].(string)
	target := typ
	if attr == strings.ToLower(typ[:1])+typ[1:]+"Template" {
		target = typ + "Template"
	}
	switch {
	case href != "" && rq.resolve(href, target) == nil:
		return "", "", errorf(http.StatusBadRequest, "componentDescriptors[%d]: %s %q is not a %s of this provider", i, attr, href, target)
	case href == "" && target == typ:
		return "", "", errorf(http.StatusBadRequest, "componentDescriptors[%d]: %s names an existing %s by href", i, attr, typ)
	case href == "" && rq.s.fault(FaultSystemByValueRefused) && !rq.importing:
		return "", "", errorf(http.StatusBadRequest, "componentDescriptors[%d]: this provider takes %s by reference only", i, attr)
	}
	return attr, typ, nil
}

// --- Systems -----------------------------------------------------------------

// createSystem handles POST on the SystemCollection: a SystemCreate with
// its template (l.2290). Every descriptor is checked before anything is
// made; the System is CREATING until its components are made.
func (rq *request) createSystem() error {
	body, err := rq.body(types["SystemCreate"])
	if err != nil {
		return err
	}
	tpl, err := rq.systemCreateTemplate(body)
	if err != nil {
		return err
	}
	sys, j, err := rq.buildSystem(body, tpl, 0)
	if err != nil {
		return err
	}
	rq.created(sys, j)
	return nil
}

// maxSystemNesting bounds Systems of Systems (a template naming itself).
const maxSystemNesting = 4

// buildSystem makes a System named by names from template tpl, with its
// components (nested Systems depth deep), and the Job that makes it.
func (rq *request) buildSystem(names, tpl map[string]any, depth int) (*resource, *resource, error) {
	if depth > maxSystemNesting {
		return nil, nil, errorf(http.StatusBadRequest, "SystemTemplates nest deeper than %d", maxSystemNesting)
	}
	if err := rq.checkSystemTemplate(tpl); err != nil {
		return nil, nil, err
	}
	sys := rq.t.add("systems", &resource{typ: "System", vals: named(names, map[string]any{"state": "CREATING"})})
	for _, c := range collectionsOf(rq.s.major) {
		sys.vals[c.attr] = refPath(sys.path + "/" + c.attr)
	}
	list, _ := tpl["componentDescriptors"].([]any)
	made := []string{sys.path}
	b := &systemBuild{sys: sys, named: map[string]string{}, volumeFrom: map[string]string{}, depth: depth}
	for _, i := range rq.descriptorOrder(list) {
		d, _ := list[i].(map[string]any)
		paths, err := rq.realize(b, d, i)
		if err != nil {
			rq.t.removeParts(sys.path)
			rq.t.remove(sys.path)
			return nil, nil, err
		}
		made = append(made, paths...)
	}
	if err := rq.makeServices(b, tpl); err != nil {
		rq.t.removeParts(sys.path)
		rq.t.remove(sys.path)
		return nil, nil, err
	}
	if !rq.s.fault(FaultSystemMonitorsIgnored) {
		_ = rq.monitorNew(sys, rq.byValueMonitors(tpl)) // checked with the template
	}
	if rm := rq.resolve(rq.hrefOf(tpl["genResourceMetadata"]), "ResourceMetadata"); rm != nil && !rq.s.fault(FaultSystemGenMetadataIgnored) {
		sys.vals["resourceMetadata"] = refPath(rm.path) // Table 14
	}
	j := rq.t.newJob(rq.actionURI("add"), "systems", made...)
	d, steps := rq.s.opts.Latency, []string{"CREATING"}
	if rq.s.fault(FaultSystemCreatingHidden) {
		d, steps = d*40, []string{"STOPPED"}
	}
	rq.advanceIn(d, sys, j, steps, "", nil)
	return sys, j, nil
}

// systemCreateTemplate is the template of a SystemCreate, or an empty one
// where a switch lets a System be made without one.
func (rq *request) systemCreateTemplate(body map[string]any) (map[string]any, error) {
	if body["systemTemplate"] == nil && rq.s.fault(FaultSystemWithoutTemplate) {
		return map[string]any{}, nil
	}
	return rq.templateOf(body["systemTemplate"], "SystemTemplate", true)
}

// systemBuild is what the making of one System keeps between its
// descriptors.
type systemBuild struct {
	sys *resource
	// named maps a descriptor's name to the first component it made or
	// named, for #name references (l.2439-2443).
	named map[string]string
	// volumeFrom maps a VolumeTemplate to the Volume a descriptor made
	// from it (only a switch uses it).
	volumeFrom map[string]string
	depth      int // how deep in Systems of Systems this one is
}

// descriptorOrder is the order the descriptors are realized in: what a
// Machine may refer to (Volumes, Networks, existing resources) first,
// Machines last; the array order carries no meaning (l.2435-2438).
func (rq *request) descriptorOrder(list []any) []int {
	var first, last []int
	for i, it := range list {
		d, _ := it.(map[string]any)
		if d["machineTemplate"] != nil && !rq.s.fault(FaultSystemDescriptorsInOrder) {
			last = append(last, i)
		} else {
			first = append(first, i)
		}
	}
	return append(first, last...)
}

// realize makes the components of descriptor i (quantity of them, named
// <name>1 … <name>n beyond one, l.2445), or associates the existing
// resource it names, and lists them in the System.
func (rq *request) realize(b *systemBuild, d map[string]any, i int) ([]string, error) {
	sys := b.sys
	attr, typ, err := rq.descriptorComponent(d, i)
	if err != nil {
		return nil, err
	}
	coll := componentColls[typ]
	name, _ := d["name"].(string)
	if attr == coll[:len(coll)-1] { // an existing resource: associated
		r := rq.resolve(d[attr].(map[string]any)["href"].(string), typ)
		if !rq.s.fault(FaultSystemAssociatedUnlisted) {
			rq.t.link(sys.path+"/"+coll, r.path)
		}
		if name != "" {
			b.named[name] = r.path
		}
		return nil, nil
	}
	n := quantityOf(d)
	if rq.s.fault(FaultSystemQuantityIgnored) {
		n = 1
	}
	var made []string
	for k := int64(1); k <= n; k++ {
		names := map[string]any{}
		for _, key := range []string{"name", "description", "properties"} {
			if v, ok := d[key]; ok && v != nil && !(key == "name" && rq.s.fault(FaultSystemDescriptorNameIgnored)) {
				names[key] = v
			}
		}
		if name, ok := names["name"].(string); ok && n > 1 {
			names["name"] = name + strconv.FormatInt(k, 10)
		}
		c, volumes, err := rq.makeComponent(b, typ, d[attr].(map[string]any), names)
		if err != nil {
			return made, err
		}
		rq.adopt(sys, c, coll)
		if !(typ == "Volume" && rq.s.fault(FaultSystemVolumesUnlisted)) {
			rq.t.link(sys.path+"/"+coll, c.path)
		}
		if _, ok := b.named[name]; name != "" && !ok {
			b.named[name] = c.path
		}
		if href, _ := d[attr].(map[string]any)["href"].(string); typ == "Volume" && href != "" {
			if p, ok := rq.rend.local(href); ok {
				b.volumeFrom[p] = c.path
			}
		}
		made = append(append(made, c.path), volumes...)
		for _, v := range volumes { // made by the Machine's template (l.2292, Table 19)
			rq.adopt(sys, rq.t.get(v), "volumes")
			if !rq.s.fault(FaultSystemMachineVolumesUnlisted) {
				rq.t.link(sys.path+"/volumes", v)
			}
		}
	}
	return made, nil
}

// quantityOf is how many components a descriptor makes (l.2445: 1
// without quantity).
func quantityOf(d map[string]any) int64 {
	if q, ok := d["quantity"].(int64); ok && q > 1 {
		return q
	}
	return 1
}

// adopt makes c a child of the System: its parent is the System's
// collection of its type (l.2184).
func (rq *request) adopt(sys, c *resource, coll string) {
	if c == nil {
		return
	}
	c.partOf = sys.path
	if rq.s.major == 1 { // 1.x resources name no parent
		return
	}
	c.vals["parent"] = refPath(sys.path + "/" + coll)
	if rq.s.fault(FaultSystemParentWrong) {
		c.vals["parent"] = refPath(coll)
	}
}

// makeComponent makes one Machine, Volume or Network from a template given
// by reference or by value, with the descriptor's name, description and
// properties (not the template's); for a Machine it also gives the
// Volumes its template's volumeTemplates made.
func (rq *request) makeComponent(b *systemBuild, typ string, in, names map[string]any) (*resource, []string, error) {
	switch typ {
	case "Machine":
		return rq.makeSystemMachine(b, in, names)
	case "System": // a System of Systems (l.2184)
		tpl, err := rq.templateOf(in, "SystemTemplate", true)
		if err != nil {
			return nil, nil, err
		}
		sys, _, err := rq.buildSystem(names, tpl, b.depth+1)
		return sys, nil, err
	case "Volume":
		tmpl, _, err := rq.effectiveVolumeTemplate(in)
		if err != nil {
			return nil, nil, err
		}
		vol, err := rq.newVolume(tmpl, names)
		if err != nil {
			return nil, nil, err
		}
		rq.advance(vol, rq.t.newJob(rq.actionURI("add"), "volumes", vol.path), []string{"CREATING"}, rq.volumeReady(), nil)
		return vol, nil, nil
	}
	tpl, err := rq.templateOf(in, "NetworkTemplate", true)
	if err != nil {
		return nil, nil, err
	}
	if rq.s.major == 1 { // the 1.x network model (DSP8009)
		if err := rq.networkTemplateRefsV1(tpl); err != nil {
			return nil, nil, err
		}
		n, _ := rq.newNetworkV1(names, tpl)
		return n, nil, nil
	}
	if err := rq.networkTemplateRefs(tpl); err != nil {
		return nil, nil, err
	}
	n := rq.makeNetwork(names, tpl, "")
	to := rq.startingState(tpl, "STOPPED", "")
	rq.advance(n, rq.t.newJob(rq.actionURI("add"), "networks", n.path), rq.stepsTo(to), to,
		func() { rq.setStarted(n, to == "STARTED") })
	return n, nil, nil
}

// makeSystemMachine makes a System's Machine: its template's #name
// references resolved to the System's components, the Volumes it attaches
// and makes connected (Table 19), overrides next to a template's href
// applied for this Machine only (§4.2.1.1).
func (rq *request) makeSystemMachine(b *systemBuild, in, names map[string]any) (*resource, []string, error) {
	in, err := rq.resolveNames(b, in)
	if err != nil {
		return nil, nil, err
	}
	if href, _ := in["href"].(string); href != "" {
		in = rq.descriptorOverrides(in, href)
	}
	tmpl, err := rq.effectiveTemplate(in)
	if err != nil {
		return nil, nil, err
	}
	if rq.s.fault(FaultSystemSharedVolumeTemplate) {
		tmpl = rq.reuseDescriptorVolumes(b, tmpl)
	}
	cfg, initial, err := rq.checkMachineTemplate(tmpl)
	if err != nil {
		return nil, nil, err
	}
	plan, err := rq.planSystemVolumes(b, tmpl)
	if err != nil {
		return nil, nil, err
	}
	m := rq.newMachine(names, tmpl, cfg)
	rq.addMachineParts(m, cfg)
	rq.addMachineInterfaces(m, tmpl)
	made := rq.connectPlanned(m, plan)
	if rq.s.fault(FaultSystemListsAttachedVolumes) {
		for _, p := range plan.existing {
			rq.t.link(b.sys.path+"/volumes", p.vol.path)
		}
	}
	steps := []string{"CREATING"}
	if initial == "STARTED" {
		steps = append(steps, "STARTING")
	}
	rq.advance(m, rq.t.newJob(rq.actionURI("add"), "machines", append([]string{m.path}, made...)...), steps, initial, nil)
	return m, made, nil
}

// descriptorOverrides are the attributes given next to a descriptor's
// template href; a switch ignores them, another writes them into the
// stored template.
func (rq *request) descriptorOverrides(in map[string]any, href string) map[string]any {
	if rq.s.fault(FaultSystemOverridesIgnored) {
		return map[string]any{"href": href}
	}
	if tr := rq.resolve(href, "MachineTemplate"); tr != nil && rq.s.fault(FaultSystemOverrideStored) {
		for k, v := range in {
			if k != "href" && v != nil {
				tr.vals[k] = v
			}
		}
	}
	return in
}

// planSystemVolumes is planVolumes, where a Volume the System itself is
// making may still be CREATING.
func (rq *request) planSystemVolumes(b *systemBuild, tmpl map[string]any) (plannedVolumes, error) {
	var own []*resource
	for _, p := range b.named {
		if r := rq.t.get(p); r != nil && r.typ == "Volume" && r.partOf == b.sys.path && r.str("state") == "CREATING" {
			r.vals["state"] = "AVAILABLE"
			own = append(own, r)
		}
	}
	plan, err := rq.planVolumes(tmpl)
	for _, r := range own {
		r.vals["state"] = "CREATING"
	}
	return plan, err
}

// resolveNames gives a copy of an inline template whose #name hrefs are
// the paths of the System's components of those names (l.2439-2443).
func (rq *request) resolveNames(b *systemBuild, in map[string]any) (map[string]any, error) {
	var bad string
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(x))
			for k, e := range x {
				out[k] = walk(e)
			}
			if href, _ := x["href"].(string); strings.HasPrefix(href, "#") {
				p, ok := b.named[href[1:]]
				if ok && rq.s.fault(FaultSystemNameRefFirst) {
					p = rq.firstOfType(b.sys, rq.t.get(p))
				}
				if !ok {
					bad = href
				}
				out["href"] = rq.rend.absolute(refPath(p))
			}
			return out
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = walk(e)
			}
			return out
		}
		return v
	}
	out, _ := walk(in).(map[string]any)
	if bad != "" {
		return nil, errorf(http.StatusBadRequest, "%s names no component of this System made before it", bad)
	}
	return out, nil
}

// firstOfType is the path of the System's first component of r's type.
func (rq *request) firstOfType(sys, r *resource) string {
	if items := rq.t.items(sys.path + "/" + componentColls[r.typ]); len(items) > 0 {
		return items[0].path
	}
	return r.path
}

// reuseDescriptorVolumes (a switch) attaches the Volume a descriptor made
// from a VolumeTemplate in place of a new one from the same template.
func (rq *request) reuseDescriptorVolumes(b *systemBuild, tmpl map[string]any) map[string]any {
	vts, _ := tmpl["volumeTemplates"].([]any)
	var keep, vols []any
	for _, it := range vts {
		item, _ := it.(map[string]any)
		href := rq.hrefOf(item["volumeTemplate"])
		p, _ := rq.rend.local(href)
		if v, ok := b.volumeFrom[p]; ok && href != "" {
			vols = append(vols, map[string]any{"volume": refPath(v), "initialLocation": item["initialLocation"]})
			continue
		}
		keep = append(keep, it)
	}
	out := maps.Clone(tmpl)
	out["volumeTemplates"] = keep
	if old, _ := tmpl["volumes"].([]any); len(vols) > 0 {
		out["volumes"] = append(slices.Clone(old), vols...)
	}
	return out
}

// systemState is the state a System shows: its own while it is made or
// deleted, else its Machines' one shared state, else MIXED (Table 9).
func (rq *request) systemState(sys *resource, vals map[string]any) {
	own := sys.str("state")
	if own == "CREATING" || own == "DELETING" || own == "ERROR" || rq.s.fault(FaultSystemCreatingHidden) && own == "STOPPED" {
		return
	}
	if rq.s.fault(FaultSystemStateFixed) {
		vals["state"] = "STARTED"
		return
	}
	state := ""
	for i, m := range rq.t.items(sys.path + "/machines") {
		s := m.str("state")
		if i > 0 && s != state || !slices.Contains(machineStates, s) {
			state = "MIXED"
			break
		}
		state = s
	}
	if state == "" {
		state = "MIXED"
	}
	if state == "STARTED" && rq.s.fault(FaultSystemStateWord) {
		state = "ACTIVE"
	}
	vals["state"] = state
}

// systemOps offers edit and delete, and, while the System rests, each
// action that at least one of its Machines can take: a MIXED System may
// take them too (l.2242).
func (rq *request) systemOps(sys *resource) []any {
	self := rq.rend.abs(refPath(sys.path))
	ops := []any{op("edit", self), op("delete", self)}
	if own := sys.str("state"); own != "CREATING" && own != "DELETING" {
		ops = append(ops, op(rq.rend.ns+"/action/export", rq.rend.abs(refPath(sys.path+"/export"))))
	}
	vals := map[string]any{"state": sys.str("state")}
	rq.systemState(sys, vals)
	if state, _ := vals["state"].(string); !slices.Contains([]string{"STARTED", "STOPPED", "PAUSED", "SUSPENDED", "MIXED"}, state) {
		return ops
	}
	for _, name := range systemActions {
		if !rq.someMachineTakes(sys, name) {
			continue
		}
		rel := rq.rend.ns + "/action/" + name
		if name == "restart" && rq.s.fault(FaultSystemRestartRel) {
			rel = rq.rend.ns + "/action/Restart"
		}
		ops = append(ops, op(rel, rq.rend.abs(refPath(sys.path+"/"+name))))
	}
	return ops
}

// someMachineTakes tells whether one of the System's Machines can take
// the action in its present state.
func (rq *request) someMachineTakes(sys *resource, name string) bool {
	for _, m := range rq.t.items(sys.path + "/machines") {
		if slices.Contains(machineActions[name].from, m.str("state")) {
			return true
		}
	}
	return false
}

// systemChild answers a System's collections and actions.
func (rq *request) systemChild(sys *resource, rest []string) error {
	if rq.s.major == 1 && len(rest) <= 2 {
		if c, ok := associationColl(rest[0]); ok {
			return rq.systemAssociations(sys, c, rest[1:])
		}
	}
	if len(rest) == 1 {
		for _, c := range systemCollections {
			if c.attr != rest[0] {
				continue
			}
			if !rq.isRead() {
				return methodNotAllowed("GET", "HEAD")
			}
			coll := c.coll
			if c.attr == "machines" && rq.s.fault(FaultSystemMachinesMistyped) {
				coll = "VolumeCollection"
			}
			items := rq.t.items(sys.path + "/" + c.attr)
			if c.attr == "machines" {
				items = append(items, rq.t.sysGhosts[sys.path]...)
			}
			var ops []any
			if insertable[c.attr] != "" {
				for _, a := range []string{"insert", "remove"} {
					ops = append(ops, op(rq.rend.ns+"/action/"+a, rq.rend.abs(refPath(sys.path+"/"+c.attr+"/"+a))))
				}
			}
			return rq.listCollection(sys.path+"/"+c.attr, coll, items, false, ops...)
		}
	}
	if len(rest) > 1 && rest[0] == "services" {
		return rq.systemServiceChild(sys, rest[1:])
	}
	if len(rest) == 2 && insertable[rest[0]] != "" {
		return rq.systemMembership(sys, rest[0], rest[1])
	}
	if len(rest) == 1 && rest[0] == "export" {
		if !rq.allows(sys, rq.rend.ns+"/action/export") {
			return errorf(http.StatusConflict, "the System is %s; export is not available", sys.str("state"))
		}
		return rq.exportPackage(sys, func() *ovfEnvelope { return rq.systemEnvelope(sys) })
	}
	vals := map[string]any{}
	rq.systemState(sys, vals)
	if err := rq.offeredAction(sys, rest, systemActions...); err != nil {
		return err
	}
	if vals["state"] == "MIXED" && rq.s.fault(FaultSystemMixedActionRefused) {
		return errorf(http.StatusConflict, "the System is MIXED")
	}
	j := rq.t.newJob(rq.actionURI(rest[0]), sys.path)
	rq.systemAction(sys, rest[0], j)
	rq.jobHeader(j)
	rq.answerJob(j)
	return nil
}

// systemAction does the action to every Machine of the System that can
// take it in its state; one that cannot keeps its state (l.2241-2244).
func (rq *request) systemAction(sys *resource, name string, j *resource) {
	a := machineActions[name]
	machines := rq.t.items(sys.path + "/machines")
	if rq.s.fault(FaultSystemActionSparesMachines) && len(machines) > 0 {
		machines = machines[1:]
	}
	pending := 0
	for _, m := range machines {
		if !slices.Contains(a.from, m.str("state")) {
			if rq.s.fault(FaultSystemActionForcesState) {
				m.vals["state"] = a.to
			}
			continue
		}
		pending++
		mj := rq.t.newJob(rq.actionURI(name), m.path)
		rq.advance(m, mj, a.steps, a.to, nil)
	}
	rq.s.later(rq.t, rq.s.opts.Latency, func() { rq.t.finish(j, true, "") })
	if pending == 0 || rq.s.opts.Latency == 0 {
		rq.t.finish(j, true, "")
	}
}

// deleteSystem deletes a System with its children (§5.10.2); what it only
// associated stays (l.1861).
func (rq *request) deleteSystem(sys *resource) error {
	j := rq.t.newJob(rq.actionURI("delete"), sys.path)
	rq.jobHeader(j)
	associated := map[string]bool{}
	for _, c := range collectionsOf(rq.s.major) {
		for _, it := range rq.t.items(sys.path + "/" + c.attr) {
			if it.partOf != sys.path {
				associated[it.path] = true
			}
		}
	}
	rq.deleteLater(sys, func() {
		if rq.s.fault(FaultSystemDeletesAssociated) {
			for p := range associated {
				rq.t.removeParts(p)
				rq.t.remove(p)
			}
		}
		if !rq.s.fault(FaultSystemChildrenKept) {
			rq.t.removeParts(sys.path)
		}
		rq.t.remove(sys.path)
		rq.t.finish(j, true, "")
	})
	return nil
}

// insertable are the System collections that take insert and remove, and
// the Action attribute naming the resource (§5.5.12.2, l.1620-1645).
var insertable = map[string]string{"machines": "machine", "volumes": "volume", "networks": "network"}

// systemMembership inserts an existing resource into one of a System's
// collections as an associated component (its parent stays, l.2188-2194),
// or removes one from it, the resource staying.
func (rq *request) systemMembership(sys *resource, attr, name string) error {
	if rq.r.Method != http.MethodPost || name != "insert" && name != "remove" {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	body, err := rq.action(name)
	if err != nil {
		return err
	}
	key := insertable[attr]
	typ := strings.ToUpper(key[:1]) + key[1:]
	r := rq.resolve(rq.hrefOf(body[key]), typ)
	if r == nil {
		return errorf(http.StatusBadRequest, "the Action names no %s of this provider in %s", typ, key)
	}
	coll := sys.path + "/" + attr
	listed := rq.t.lists(coll, r.path)
	switch {
	case name == "insert" && listed:
		return errorf(http.StatusConflict, "the %s is already in the System's %s", typ, attr)
	case name == "insert":
		rq.t.link(coll, r.path)
		if rq.s.fault(FaultSystemInsertAdopts) {
			rq.adopt(sys, r, attr)
		}
	case !listed:
		return errorf(http.StatusBadRequest, "the %s is not in the System's %s", typ, attr)
	default:
		rq.t.members[coll] = without(rq.t.members[coll], r.path)
	}
	rq.completedJob(rq.rend.ns+"/action/"+name, sys.path, r.path)
	rq.send(http.StatusNoContent, nil)
	return nil
}

// byValueMonitors is the template, without its monitors given by value
// where a switch ignores them.
func (rq *request) byValueMonitors(tpl map[string]any) map[string]any {
	if !rq.s.fault(FaultSystemMonitorsByValueIgnored) {
		return tpl
	}
	out := maps.Clone(tpl)
	var refs []any
	list, _ := tpl["meterTemplates"].([]any)
	for _, it := range list {
		if m, _ := it.(map[string]any); m["href"] != nil {
			refs = append(refs, it)
		}
	}
	out["meterTemplates"] = refs
	if m, _ := tpl["eventLogTemplate"].(map[string]any); m != nil && m["href"] == nil {
		delete(out, "eventLogTemplate")
	}
	return out
}

// adoptByParent: a PUT of a Network a System lists whose parent is that
// System's networks makes it the System's child, deleted with it
// (l.2193-2194); another parent is ignored, as any read-only attribute.
func adoptByParent(rq *request, r *resource, body map[string]any, names []string) ([]string, error) {
	p, ok := rq.rend.local(rq.hrefOf(body["parent"]))
	sys := rq.t.get(path.Dir(p))
	if !ok || sys == nil || sys.typ != "System" || path.Base(p) != "networks" || !rq.t.lists(p, r.path) {
		return names, nil
	}
	if !rq.s.fault(FaultSystemParentWriteShallow) {
		r.partOf = sys.path
	}
	r.vals["parent"] = refPath(p)
	return names, nil
}

// associationColl is the 1.x System collection of attribute attr that
// holds association items.
func associationColl(attr string) (systemCollection, bool) {
	for _, c := range systemCollectionsV1 {
		if c.attr == attr && c.item != "" {
			return c, true
		}
	}
	return systemCollection{}, false
}

// systemAssociations answers a 1.x System's collection (rest empty) or one
// of its items: each component the System lists, as an association item
// with one reference to it (DSP8009 SystemMachine …), at the System's
// collection path and the component's own last segment.
func (rq *request) systemAssociations(sys *resource, c systemCollection, rest []string) error {
	if !rq.isRead() {
		return methodNotAllowed("GET", "HEAD")
	}
	var items []*resource
	for _, r := range rq.t.items(sys.path + "/" + c.attr) {
		a := &resource{typ: c.item, path: sys.path + "/" + c.attr + "/" + path.Base(r.path), created: r.created,
			updated: r.created, vals: map[string]any{c.ref: refPath(r.path)}}
		if rq.s.fault(FaultSystemV1ItemsBare) {
			a.typ = r.typ
			a.vals = r.vals
		}
		if len(rest) == 1 && path.Base(r.path) == rest[0] {
			rq.writeResource(http.StatusOK, a)
			return nil
		}
		items = append(items, a)
	}
	if len(rest) == 1 {
		return errorf(http.StatusNotFound, "no %s at %s", c.item, rq.r.URL.Path)
	}
	coll := c.coll
	if rq.s.fault(FaultSystemV1CollectionsMistyped) {
		coll = strings.TrimPrefix(coll, "System")
	}
	return rq.listCollection(sys.path+"/"+c.attr, coll, items, false)
}
