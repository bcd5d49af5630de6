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

// systemCollections are a 2.0 System's collections and their types
// (Table 9).
var systemCollections = []struct{ attr, coll string }{
	{"systems", "SystemCollection"}, {"machines", "MachineCollection"}, {"credentials", "CredentialCollection"},
	{"volumes", "VolumeCollection"}, {"networks", "NetworkCollection"}, {"networkServices", "NetworkServiceCollection"},
	{"services", "SystemServiceCollection"}, {"meters", "MeterCollection"},
}

// descriptorComponents are the attributes of a component descriptor that
// make a component, and the type each makes or names (Table 14).
var descriptorComponents = map[string]string{
	"machineTemplate": "Machine", "volumeTemplate": "Volume", "networkTemplate": "Network",
	"machine": "Machine", "volume": "Volume", "network": "Network",
}

// systemActions are the actions a System offers, each done to every
// Machine that can take it (l.2239-2244).
var systemActions = []string{"start", "stop", "restart", "pause", "suspend"}

// componentColls are the System collections of the types a descriptor
// makes or names.
var componentColls = map[string]string{"Machine": "machines", "Volume": "volumes", "Network": "networks"}

// machineStates are the Machine states a System takes when all its
// Machines share one (Table 9).
var machineStates = []string{"STARTING", "STARTED", "STOPPING", "STOPPED", "PAUSING", "PAUSED", "SUSPENDING", "SUSPENDED"}

func init() {
	var colls []field
	for _, c := range systemCollections {
		colls = append(colls, fColl(c.attr))
	}
	addType("System", withCommon(append(append([]field{fString("state").readOnly()}, colls...),
		fRef("eventLog", "EventLog").readOnly())...)...)
	addType("SystemTemplate", withCommon(
		fList("componentDescriptors", "componentDescriptor", fString("name"), fString("description"), fMap("properties"),
			fURI("type"), fInt("quantity"), fRef("machineTemplate", "MachineTemplate"), fRef("volumeTemplate", "VolumeTemplate"),
			fRef("networkTemplate", "NetworkTemplate"), fRef("machine", "Machine"), fRef("volume", "Volume"), fRef("network", "Network")),
		fList("serviceDescriptors", "serviceDescriptor", fString("name"), fString("description"), fMap("properties"),
			fURI("serviceType"), fParams("parameters")),
		fRefsOrValues("meterTemplates", "meterTemplate", "MeterTemplate"), fRef("eventLogTemplate", "EventLogTemplate"),
		fURI("importImage"), fRef("genResourceMetadata", "ResourceMetadata"))...)
	addType("SystemCreate", fString("name"), fString("description"), fMap("properties"), fRef("systemTemplate", "SystemTemplate"))
	addCollection("SystemServiceCollection", "SystemService", "systemServices")
}

// systemRows are the System rows of the table (2.0).
func systemRows() []*typeRow {
	return []*typeRow{
		{typ: "System", attr: "systems", coll: "SystemCollection", member: "systems", meta: "system", only: 2,
			hooks: hooks{create: (*request).createSystem, ops: (*request).systemOps, child: (*request).systemChild,
				remove: (*request).deleteSystem, metadata: systemMetadata, live: (*request).systemState,
				updateIgnored: FaultSystemUpdateIgnored}},
		{typ: "SystemTemplate", attr: "systemTemplates", coll: "SystemTemplateCollection", member: "systemTemplates", only: 2,
			hooks: hooks{create: (*request).createSystemTemplate, update: localRefs}},
	}
}

func systemMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("System", "SystemComponentTemplateByValue", true)}
	vals["actions"] = t.actions(systemActions...)
}

// --- templates ---------------------------------------------------------------

func (rq *request) createSystemTemplate() error {
	return rq.storeChecked("systemTemplates", "SystemTemplate", func(body map[string]any) error {
		if err := rq.checkSystemTemplate(body); err != nil {
			return err
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
	case href == "" && rq.s.fault(FaultSystemByValueRefused):
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
	if err := rq.checkSystemTemplate(tpl); err != nil {
		return err
	}
	sys := rq.t.add("systems", &resource{typ: "System", vals: named(body, map[string]any{"state": "CREATING"})})
	for _, c := range systemCollections {
		sys.vals[c.attr] = refPath(sys.path + "/" + c.attr)
	}
	list, _ := tpl["componentDescriptors"].([]any)
	made := []string{sys.path}
	b := &systemBuild{sys: sys, named: map[string]string{}, volumeFrom: map[string]string{}}
	for _, i := range rq.descriptorOrder(list) {
		d, _ := list[i].(map[string]any)
		paths, err := rq.realize(b, d, i)
		if err != nil {
			rq.t.removeParts(sys.path)
			rq.t.remove(sys.path)
			return err
		}
		made = append(made, paths...)
	}
	if err := rq.makeServices(b, tpl); err != nil {
		rq.t.removeParts(sys.path)
		rq.t.remove(sys.path)
		return err
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
	rq.created(sys, j)
	return nil
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
	n := int64(1)
	if q, ok := d["quantity"].(int64); ok && q > 1 && !rq.s.fault(FaultSystemQuantityIgnored) {
		n = q
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

// adopt makes c a child of the System: its parent is the System's
// collection of its type (l.2184).
func (rq *request) adopt(sys, c *resource, coll string) {
	if c == nil {
		return
	}
	c.partOf = sys.path
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
	if jobDone(j) {
		rq.send(http.StatusNoContent, nil)
		return nil
	}
	rq.writeResource(http.StatusAccepted, j)
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
	for _, c := range systemCollections {
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
	body, err := rq.action(sys, name)
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
