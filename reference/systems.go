package reference

import (
	"net/http"
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
		fRefsOrValues("meterTemplates", "meterTemplate", "MeterTemplate"), fRef("eventLogTemplate", "EventLogTemplate"),
		fURI("importImage"), fRef("genResourceMetadata", "ResourceMetadata"))...)
	addType("SystemCreate", fString("name"), fString("description"), fMap("properties"), fRef("systemTemplate", "SystemTemplate"))
	addCollection("SystemServiceCollection", "SystemService", "services")
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
	vals["actions"] = t.actions("start", "stop")
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
	for i, it := range list {
		d, _ := it.(map[string]any)
		paths, err := rq.realize(sys, d, i)
		if err != nil {
			rq.t.removeParts(sys.path)
			rq.t.remove(sys.path)
			return err
		}
		made = append(made, paths...)
	}
	if !rq.s.fault(FaultSystemMonitorsIgnored) {
		_ = rq.monitorNew(sys, tpl) // checked with the template
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

// realize makes the components of descriptor i (quantity of them, named
// <name>1 … <name>n beyond one, l.2445), or associates the existing
// resource it names, and lists them in the System.
func (rq *request) realize(sys *resource, d map[string]any, i int) ([]string, error) {
	attr, typ, err := rq.descriptorComponent(d, i)
	if err != nil {
		return nil, err
	}
	coll := map[string]string{"Machine": "machines", "Volume": "volumes", "Network": "networks"}[typ]
	if attr == coll[:len(coll)-1] { // an existing resource: associated
		r := rq.resolve(d[attr].(map[string]any)["href"].(string), typ)
		if !rq.s.fault(FaultSystemAssociatedUnlisted) {
			rq.t.link(sys.path+"/"+coll, r.path)
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
		c, err := rq.makeComponent(typ, d[attr].(map[string]any), names)
		if err != nil {
			return made, err
		}
		c.partOf = sys.path
		c.vals["parent"] = refPath(sys.path + "/" + coll)
		if rq.s.fault(FaultSystemParentWrong) {
			c.vals["parent"] = refPath(coll)
		}
		if !(typ == "Volume" && rq.s.fault(FaultSystemVolumesUnlisted)) {
			rq.t.link(sys.path+"/"+coll, c.path)
		}
		made = append(made, c.path)
	}
	return made, nil
}

// makeComponent makes one Machine, Volume or Network from a template given
// by reference or by value, with the descriptor's name, description and
// properties (not the template's).
func (rq *request) makeComponent(typ string, in, names map[string]any) (*resource, error) {
	switch typ {
	case "Machine":
		tmpl, err := rq.effectiveTemplate(in)
		if err != nil {
			return nil, err
		}
		cfg, initial, err := rq.checkMachineTemplate(tmpl)
		if err != nil {
			return nil, err
		}
		m := rq.newMachine(names, tmpl, cfg)
		rq.addMachineParts(m, cfg)
		steps := []string{"CREATING"}
		if initial == "STARTED" {
			steps = append(steps, "STARTING")
		}
		rq.advance(m, rq.t.newJob(rq.actionURI("add"), "machines", m.path), steps, initial, nil)
		return m, nil
	case "Volume":
		tmpl, _, err := rq.effectiveVolumeTemplate(in)
		if err != nil {
			return nil, err
		}
		vol, err := rq.newVolume(tmpl, names)
		if err != nil {
			return nil, err
		}
		rq.advance(vol, rq.t.newJob(rq.actionURI("add"), "volumes", vol.path), []string{"CREATING"}, rq.volumeReady(), nil)
		return vol, nil
	}
	tpl, err := rq.templateOf(in, "NetworkTemplate", true)
	if err != nil {
		return nil, err
	}
	if err := rq.networkTemplateRefs(tpl); err != nil {
		return nil, err
	}
	n := rq.makeNetwork(names, tpl, "")
	to := rq.startingState(tpl, "STOPPED", "")
	rq.advance(n, rq.t.newJob(rq.actionURI("add"), "networks", n.path), rq.stepsTo(to), to,
		func() { rq.setStarted(n, to == "STARTED") })
	return n, nil
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

// systemOps offers edit and delete, and start and stop while the System
// rests (a MIXED System may be started or stopped, l.2242).
func (rq *request) systemOps(sys *resource) []any {
	self := rq.rend.abs(refPath(sys.path))
	ops := []any{op("edit", self), op("delete", self)}
	vals := map[string]any{"state": sys.str("state")}
	rq.systemState(sys, vals)
	switch vals["state"] {
	case "STOPPED", "MIXED":
		ops = append(ops, op(rq.rend.ns+"/action/start", rq.rend.abs(refPath(sys.path+"/start"))))
	}
	switch vals["state"] {
	case "STARTED", "MIXED":
		ops = append(ops, op(rq.rend.ns+"/action/stop", rq.rend.abs(refPath(sys.path+"/stop"))))
	}
	return ops
}

// systemChild answers a System's collections, start and stop.
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
			return rq.listCollection(sys.path+"/"+c.attr, coll, items, false)
		}
	}
	if err := rq.offeredAction(sys, rest, "start", "stop"); err != nil {
		return err
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

// systemAction starts or stops every Machine of the System that can take
// it; one in another state keeps its state (l.2241-2244).
func (rq *request) systemAction(sys *resource, name string, j *resource) {
	from, via, to := "STOPPED", "STARTING", "STARTED"
	if name == "stop" {
		from, via, to = "STARTED", "STOPPING", "STOPPED"
	}
	machines := rq.t.items(sys.path + "/machines")
	if rq.s.fault(FaultSystemActionSparesMachines) && len(machines) > 0 {
		machines = machines[1:]
	}
	pending := 0
	for _, m := range machines {
		if m.str("state") != from {
			continue
		}
		pending++
		mj := rq.t.newJob(rq.actionURI(name), m.path)
		rq.advance(m, mj, []string{via}, to, nil)
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
