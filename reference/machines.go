package reference

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strings"
	"time"
)

// The Machine state model (§5.14.1.2, Table 16). Each action lists the
// states it may start from, the transitional states it passes through and
// the state it ends in. The operations a Machine advertises are derived from
// this one table, so that advertisement and acceptance never disagree.
type machineAction struct {
	from  []string
	steps []string
	to    string // "" for capture/snapshot/restore: decided at run time
}

var machineActions = map[string]machineAction{
	"start":    {from: []string{"STOPPED", "PAUSED", "SUSPENDED"}, steps: []string{"STARTING"}, to: "STARTED"},
	"stop":     {from: []string{"STARTED", "PAUSED", "SUSPENDED", "STOPPING"}, steps: []string{"STOPPING"}, to: "STOPPED"},
	"restart":  {from: []string{"STARTED", "STOPPED"}, steps: []string{"STOPPING", "STARTING"}, to: "STARTED"},
	"pause":    {from: []string{"STARTED"}, steps: []string{"PAUSING"}, to: "PAUSED"},
	"suspend":  {from: []string{"STARTED"}, steps: []string{"SUSPENDING"}, to: "SUSPENDED"},
	"capture":  {from: []string{"STARTED", "STOPPED"}, steps: []string{"CAPTURING"}},
	"snapshot": {from: []string{"STARTED", "STOPPED"}, steps: []string{"CAPTURING"}},
	"restore":  {from: []string{"STARTED", "STOPPED"}, steps: []string{"RESTORING"}},
}

// actionOrder fixes the order of the advertised operations.
var actionOrder = []string{"start", "stop", "restart", "pause", "suspend", "capture", "snapshot", "restore"}

// machineOps lists the operations a Machine offers in its current state.
func (rq *request) machineOps(m *resource) []any {
	state := m.str("state")
	self := rq.rend.abs(refPath(m.path))
	var ops []any
	hidden := rq.s.fault(FaultUnadvertisedHonoured)
	switch {
	case state == "CREATING", state == "DELETING", hidden:
	default:
		ops = append(ops, op("edit", self))
	}
	switch {
	case hidden:
	case rq.s.varies(VariationDeleteWhenStopped):
		if state == "STOPPED" || state == "ERROR" {
			ops = append(ops, op("delete", self))
		}
	case slices.Contains([]string{"STARTED", "STOPPED", "PAUSED", "SUSPENDED", "ERROR", "FAILED"}, state):
		ops = append(ops, op("delete", self))
	}
	for _, name := range actionOrder {
		a := machineActions[name]
		if !slices.Contains(a.from, state) && !(rq.s.fault(FaultOpsIgnoreState) && state != "DELETING") {
			continue
		}
		rel := rq.rend.ns + "/action/" + name
		if name == "pause" && rq.s.major == 2 && rq.s.fault(FaultPauseURITypo) {
			rel = rq.rend.ns + "/action.pause"
		}
		ops = append(ops, op(rel, rq.actionHref(m, name)))
	}
	if rq.s.major == 2 && !hidden && slices.Contains([]string{"STARTED", "STOPPED", "PAUSED", "SUSPENDED"}, state) {
		ops = append(ops, op(rq.rend.ns+"/action/connectvolume", rq.rend.abs(refPath(m.path+"/connectvolume"))))
	}
	return ops
}

// actionHref is where an action is posted: capture goes to the
// MachineImageCollection and snapshot to the Machine's snapshots (§5.14.7.1:
// the Provider tells them apart by the URI used).
func (rq *request) actionHref(m *resource, name string) string {
	switch name {
	case "capture":
		return rq.rend.abs("machineImages")
	case "snapshot":
		return rq.rend.abs(refPath(m.path + "/snapshots"))
	}
	return rq.rend.abs(refPath(m.path + "/" + name))
}

// subCollections of a Machine and their collection type per version.
func subCollectionType(seg string, major int) string {
	switch seg {
	case "disks":
		return "DiskCollection"
	case "volumes":
		if major == 1 {
			return "MachineVolumeCollection"
		}
		return "locatedVolumeCollection"
	case "interfaces":
		if major == 2 {
			return "NetworkInterfaceCollection"
		}
	case "networkInterfaces":
		if major == 1 {
			return "MachineNetworkInterfaceCollection"
		}
	case "snapshots":
		if major == 1 {
			return "MachineSnapshotCollection"
		}
		return "MachineImageCollection"
	}
	return ""
}

// machineChild handles what is below a Machine: /machines/{id}/{seg} is a
// sub-collection or an action (its Disks are served as stored resources).
func (rq *request) machineChild(m *resource, rest []string) error {
	seg := rest[0]
	switch {
	case seg == "volumes":
		return rq.machineVolumes(m, rest[1:])
	case seg == "meters" && len(rest) == 1:
		return rq.meters(m)
	case seg == "connectvolume" && len(rest) == 1 && rq.s.major == 2:
		return rq.connectVolume(m)
	case seg == "networkInterfaces" && len(rest) == 3 && rest[2] == "addresses" && rq.s.major == 1:
		return rq.interfaceAddresses(m.path + "/" + strings.Join(rest, "/"))
	case len(rest) != 1:
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	case subCollectionType(seg, rq.s.major) != "":
		return rq.machineCollection(m, seg)
	}
	return rq.machineAction(m, seg)
}

// machineCollection answers a request on one of a Machine's collections:
// a read, or a snapshot posted to its snapshots.
func (rq *request) machineCollection(m *resource, seg string) error {
	path := m.path + "/" + seg
	switch {
	case rq.isRead():
		return rq.listCollection(path, subCollectionType(seg, rq.s.major), rq.t.items(path), seg == "disks")
	case seg == "disks" && rq.r.Method == http.MethodPost:
		return rq.addDisk(m)
	case seg == "snapshots" && rq.r.Method == http.MethodPost:
		if !slices.Contains(machineActions["snapshot"].from, m.str("state")) {
			return errorf(http.StatusConflict, "the Machine is %s; snapshot is not available", m.str("state"))
		}
		return rq.createImage(m)
	}
	return methodNotAllowed("GET", "HEAD")
}

// addDisk adds a Disk to a Machine (the DiskCollection offers add, Table 16).
func (rq *request) addDisk(m *resource) error {
	body, err := rq.body(types["Disk"])
	if err != nil {
		return err
	}
	c, ok := body["capacity"].(int64)
	if !ok || c <= 0 {
		return errorf(http.StatusBadRequest, "a Disk needs a positive capacity")
	}
	disk := &resource{typ: "Disk", vals: map[string]any{"capacity": c}}
	for _, k := range []string{"name", "description", "properties", "initialLocation"} {
		if v, ok := body[k]; ok && v != nil && !isEmpty(v) {
			disk.vals[k] = v
		}
	}
	rq.t.add(m.path+"/disks", disk)
	j := rq.t.newJob(rq.actionURI("add"), m.path+"/disks", disk.path)
	rq.t.finish(j, true, "")
	if rq.s.fault(FaultDiskAddIgnored) {
		rq.t.remove(disk.path)
	}
	rq.created(disk, j)
	return nil
}

// machineAction runs the action name on Machine m: the Machine goes through
// the action's transitional states to its end state, tracked by a Job.
func (rq *request) machineAction(m *resource, name string) error {
	a, ok := machineActions[name]
	if !ok || name == "capture" || name == "snapshot" {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	if rq.r.Method != http.MethodPost {
		return methodNotAllowed("POST")
	}
	if err := rq.checkIfMatch(m); err != nil {
		return err
	}
	body, err := rq.action(name)
	if err != nil {
		return err
	}
	state := m.str("state")
	wrongState := (name == "start" && state == "STARTED" && rq.s.fault(FaultWrongStateAccepted)) ||
		(name == "pause" && state == "STOPPED" && rq.s.fault(FaultPauseWhenStoppedAccepted))
	if !slices.Contains(a.from, state) && !wrongState {
		return errorf(http.StatusConflict, "the Machine is %s; %s is not available in that state", state, name)
	}
	if err := rq.refuseByFault(name, state, body); err != nil {
		return err
	}
	to, done := rq.actionEnd(name, a), func() {}
	if name == "restore" {
		if to, done, err = rq.restoreEnd(m, body, state); err != nil {
			return err
		}
	}
	switch {
	case name == "restart" && state == "STOPPED":
		a.steps = []string{"STARTING"}
	case name == "restart" && rq.s.fault(FaultRestartDoesNothing):
		a.steps = nil
	case name == "start" && state == "STOPPED" && rq.s.fault(FaultStartThroughStopping):
		a.steps = []string{"STOPPING", "STARTING"}
	}
	j := rq.t.newJob(rq.rend.ns+"/action/"+name, m.path)
	// A graceful stop lets the guest shut down: it takes longer than a
	// forced one (which is what a Consumer may send while it lasts).
	// A restart is a stop and a start, each as slow as a graceful stop.
	d := rq.s.opts.Latency
	switch {
	case name == "stop" && body["force"] != true:
		d *= 5
	case name == "restart":
		d *= 10
	case name == "start" && rq.s.fault(FaultStartThroughStopping):
		d *= 40 // the wrong state lasts long enough to be seen
	}
	if len(a.steps) == 0 {
		m.vals["state"] = to
		rq.t.finish(j, true, "")
	} else {
		rq.advanceIn(d, m, j, a.steps, to, done)
	}
	rq.jobHeader(j)
	switch {
	case rq.s.fault(FaultActionAnswersText):
		rq.mediaType = "text/plain"
		rq.send(http.StatusOK, []byte("done\n"))
	case rq.s.opts.Latency == 0 || len(a.steps) == 0:
		rq.send(http.StatusOK, nil)
	case rq.s.fault(FaultAcceptedAnswersText):
		rq.mediaType = "text/plain"
		rq.send(http.StatusAccepted, []byte("accepted\n"))
	default:
		rq.writeResource(http.StatusAccepted, j)
	}
	return nil
}

// restoreEnd is where a restore leads: the state its SNAPSHOT recorded,
// with that image as the latest snapshot.
func (rq *request) restoreEnd(m *resource, body map[string]any, state string) (string, func(), error) {
	if body["image"] == nil && rq.s.fault(FaultRestoreWithoutImage) {
		return state, func() {}, nil
	}
	img, err := rq.restoreImage(body)
	if err != nil {
		return "", nil, err
	}
	to := "STOPPED"
	if img.imageState == "STARTED" {
		to = "STARTED"
	}
	if rq.s.fault(FaultRestoreKeepsLatest) || img.str("type") != "SNAPSHOT" {
		return to, func() {}, nil // an IMAGE is no snapshot of the Machine
	}
	return to, func() { m.vals["latestSnapshot"] = refPath(img.path) }, nil
}

// refuseByFault refuses an advertised action, as two fault switches ask.
func (rq *request) refuseByFault(seg, state string, body map[string]any) error {
	resume := (seg == "start" && state == "SUSPENDED" && rq.s.fault(FaultResumeRefused)) ||
		(seg == "start" && state == "PAUSED" && rq.s.fault(FaultResumePausedRefused))
	switch {
	case resume || (seg == "restart" && state == "STOPPED" && rq.s.fault(FaultRestartStoppedRefused)),
		seg == "stop" && state == "STOPPING" && rq.s.fault(FaultStopWhileStoppingRefused):
		return errorf(http.StatusConflict, "%s is not possible now", seg)
	case seg == "restart" && body["force"] != nil && rq.s.fault(FaultRestartRefusesForce):
		return errorf(http.StatusBadRequest, "restart takes no force")
	}
	return nil
}

// actionEnd is the state an action ends in, which fault switches may spoil.
func (rq *request) actionEnd(seg string, a machineAction) string {
	switch {
	case seg == "stop" && rq.s.fault(FaultStopStaysStarted):
		return "STARTED"
	case seg == "pause" && rq.s.fault(FaultPauseEndsStopped):
		return "STOPPED"
	case seg == "suspend" && rq.s.fault(FaultSuspendEndsPaused):
		return "PAUSED"
	case seg == "restart" && rq.s.fault(FaultRestartEndsStopped):
		return "STOPPED"
	}
	return a.to
}

// restoreImage finds the image of a restore Action: mandatory, and a
// SNAPSHOT unless RestoreFromImage is offered (a variation).
func (rq *request) restoreImage(body map[string]any) (*resource, error) {
	ref, _ := body["image"].(map[string]any)
	href, _ := ref["href"].(string)
	if href == "" {
		return nil, errorf(http.StatusBadRequest, "restore needs an image reference")
	}
	img := rq.resolve(href, "MachineImage")
	if img == nil {
		return nil, errorf(http.StatusBadRequest, "image %s is not a MachineImage of this provider", href)
	}
	fromImage := rq.s.varies(VariationRestoreFromImage) && !rq.s.fault(FaultRestoreFromImageRefused)
	if img.str("type") != "SNAPSHOT" && !fromImage && !rq.s.fault(FaultRestoreFromImageAccepted) {
		return nil, errorf(http.StatusBadRequest, "this provider restores only from SNAPSHOT images")
	}
	if img.str("state") != "AVAILABLE" {
		return nil, errorf(http.StatusConflict, "image %s is %s", href, img.str("state"))
	}
	return img, nil
}

// advance moves Machine m through steps to the final state to, each step
// taking an equal share of the latency; done runs at the end and the Job
// ends. With no latency everything happens before the response.
func (rq *request) advance(m, j *resource, steps []string, to string, done func()) {
	rq.advanceIn(rq.s.opts.Latency, m, j, steps, to, done)
}

// advanceIn is advance taking d in all.
func (rq *request) advanceIn(d time.Duration, m, j *resource, steps []string, to string, done func()) {
	s, t := rq.s, rq.t
	finish := func() {
		m.vals["state"] = to
		if s.fault(FaultUpdatedOnAction) {
			m.updated = s.now()
		}
		if done != nil {
			done()
		}
		t.finish(j, true, "")
	}
	if d == 0 || len(steps) == 0 {
		finish()
		return
	}
	step := d / time.Duration(len(steps))
	var next func(i int)
	next = func(i int) {
		if t.res[m.path] != m {
			t.finish(j, false, "the Machine was deleted")
			return
		}
		if i == len(steps) {
			finish()
			return
		}
		m.vals["state"] = steps[i]
		s.later(t, step, func() { next(i + 1) })
	}
	next(0)
}

// createMachine handles POST on the MachineCollection (§4.2.1.1, §5.14.2.1):
// it reads the MachineCreate, works out the template it means, checks every
// part of it, and makes the Machine, which goes through CREATING (and
// STARTING) to its initial state.
func (rq *request) createMachine() error {
	body, err := rq.body(types["MachineCreate"])
	if err != nil {
		return err
	}
	if rq.s.fault(FaultXMLMachineCreateRefused) && strings.Contains(rq.r.Header.Get("Content-Type"), "xml") {
		return errorf(http.StatusBadRequest, "cannot read this MachineCreate")
	}
	in, _ := body["machineTemplate"].(map[string]any)
	if in == nil && rq.s.fault(FaultTemplateOptional) {
		in = map[string]any{"machineConfig": refPath("machineConfigs/small"), "machineImage": refPath("machineImages/debian-12")}
	}
	if in == nil {
		return errorf(http.StatusBadRequest, "a MachineCreate needs a machineTemplate")
	}
	tmpl, err := rq.effectiveTemplate(in)
	if err != nil {
		return err
	}
	cfg, initial, err := rq.checkMachineTemplate(tmpl)
	if err != nil {
		return err
	}
	plan, err := rq.planVolumes(tmpl)
	if err != nil {
		return err
	}
	m := rq.newMachine(body, tmpl, cfg)
	if href, _ := in["href"].(string); href != "" {
		if tr := rq.resolve(href, "MachineTemplate"); tr != nil {
			m.template = tr.path
		}
	}
	if in["href"] == nil && rq.s.fault(FaultByValueTemplateExposed) {
		rq.exposeTemplate(tmpl)
	}
	rq.addMachineParts(m, cfg)
	rq.addMachineInterfacesV1(m, tmpl)
	rq.addMachineInterfaces(m, tmpl)
	if err := rq.monitorNew(m, tmpl); err != nil {
		rq.t.remove(m.path)
		return err
	}
	made := rq.connectPlanned(m, plan)
	if rq.s.fault(FaultJobOmitsMadeVolumes) {
		made = nil
	}
	j := rq.t.newJob(rq.actionURI("add"), "machines", append([]string{m.path}, made...)...)
	if rq.s.fault(FaultCreateProvisioning) && rq.s.opts.Latency > 0 {
		rq.provisionLingering(m, j, initial)
		return nil
	}
	steps := []string{"CREATING"}
	if initial == "STARTED" {
		steps = append(steps, "STARTING")
	}
	rq.advance(m, j, steps, initial, nil)
	rq.created(m, j)
	return nil
}

// checkMachineTemplate checks the parts of the template a Machine is made
// from and gives the hardware values and the initial state.
func (rq *request) checkMachineTemplate(tmpl map[string]any) (map[string]any, string, error) {
	cfg, err := rq.configValues(tmpl["machineConfig"])
	if err != nil {
		return nil, "", err
	}
	if err := rq.imageValue(tmpl["machineImage"]); err != nil {
		return nil, "", err
	}
	if err := rq.credentialValue(tmpl["credential"]); err != nil {
		return nil, "", err
	}
	initial, err := rq.initialState(tmpl)
	if err != nil {
		return nil, "", err
	}
	if ud, ok := tmpl["userData"].(string); ok && !rq.s.fault(FaultUserDataNotBase64Accepted) {
		if _, err := base64.StdEncoding.DecodeString(ud); err != nil {
			return nil, "", errorf(http.StatusBadRequest, "userData is not Base64 (§5.14.3)")
		}
	}
	if err := rq.interfaceTemplatesOf(tmpl); err != nil {
		return nil, "", err
	}
	if err := rq.machineInterfacesV1(tmpl); err != nil {
		return nil, "", err
	}
	return cfg, initial, nil
}

// initialState is the state a new Machine ends in: the template's
// initialState, one of InitialStates, or STOPPED without one (there is no
// DefaultInitialState capability, §5.14.2.1, l.2830-2833).
func (rq *request) initialState(tmpl map[string]any) (string, error) {
	initial, _ := tmpl["initialState"].(string)
	switch {
	case initial == "" && rq.s.fault(FaultDefaultStarted):
		return "STARTED", nil
	case initial == "":
		return "STOPPED", nil
	case initial == "STARTED" && rq.s.fault(FaultInitialStateIgnored):
		return "STOPPED", nil
	case initial == "STOPPED" && rq.s.fault(FaultInitialStoppedIgnored):
		return "STARTED", nil
	case initial == "STARTED", initial == "STOPPED":
		return initial, nil
	case initial == "STARTING" && rq.s.fault(FaultTransientInitialAccepted):
		return initial, nil
	}
	return "", errorf(http.StatusBadRequest, "initialState %q is not one of InitialStates (STARTED, STOPPED)", initial)
}

// newMachine stores a new Machine, CREATING, with the create's name,
// description and properties and its configuration's hardware.
func (rq *request) newMachine(body, tmpl, cfg map[string]any) *resource {
	m := &resource{typ: "Machine", vals: map[string]any{"state": "CREATING", "region": "eu-west-1"}}
	if rq.s.major == 2 {
		// Each Machine names the ResourceMetadata that governs it: its
		// template's, else the entry point's (§5.11, l.1873-1887).
		m.vals["resourceMetadata"] = refPath("resourceMetadata/machine")
		if rm := rq.genMetadata(tmpl["genResourceMetadata"]); rm != "" {
			m.vals["resourceMetadata"] = refPath(rm)
			if rq.s.fault(FaultRMTemplateIgnored) {
				delete(m.vals, "resourceMetadata")
			}
		}
	}
	for _, k := range []string{"cpu", "memory", "cpuArch", "cpuSpeed"} {
		if v, ok := cfg[k]; ok {
			m.vals[k] = v
		}
	}
	if !rq.s.fault(FaultCreateIgnoresName) {
		for _, k := range []string{"name", "description", "properties"} {
			if v, ok := body[k]; ok && v != nil && !isEmpty(v) {
				m.vals[k] = v
			}
		}
	}
	if p, ok := m.vals["properties"].(map[string]string); ok && rq.s.fault(FaultPropertyKeysFolded) {
		folded := map[string]string{}
		for k, v := range p {
			folded[strings.ToLower(k)] = v
		}
		m.vals["properties"] = folded
	}
	return rq.t.add("machines", m)
}

// exposeTemplate makes a by-value template visible, as a fault asks.
func (rq *request) exposeTemplate(tmpl map[string]any) {
	exposed := map[string]any{"name": "transient"}
	for _, k := range []string{"machineConfig", "machineImage"} {
		if ref, ok := tmpl[k].(map[string]any); ok {
			if href, _ := ref["href"].(string); href != "" {
				exposed[k] = refPath(rq.trimHref(href))
			}
		}
	}
	rq.t.add("machineTemplates", &resource{typ: "MachineTemplate", vals: exposed})
}

// provisionLingering ends the create's Job while the new resource (a
// Machine, a Volume) stays in a state of its own for a while, as a fault
// asks.
func (rq *request) provisionLingering(m, j *resource, initial string) {
	m.vals["state"] = "PROVISIONING"
	rq.t.finish(j, true, "")
	t := rq.t
	rq.s.later(t, 5*rq.s.opts.Latency, func() {
		if t.res[m.path] == m {
			m.vals["state"] = initial
		}
	})
	rq.created(m, j)
}

// created answers a create: 201 with Location and the resource when the work
// is done, otherwise 202 with Location, the Job URI and the resource as it
// stands (§4.2.1.1, §4.2.1.7).
func (rq *request) created(r, j *resource) {
	rq.jobHeader(j)
	rq.w.Header().Set("Location", rq.rend.absolute(refPath(r.path)))
	status := http.StatusCreated
	if !jobDone(j) {
		status = http.StatusAccepted
	}
	if status == http.StatusCreated && rq.s.varies(VariationCreatedWithoutBody) {
		rq.send(status, nil)
		return
	}
	rq.emit(&answer{status: status, op: "create", typ: r.typ, res: r, job: j, body: rq.render(r)})
}

// listMachines gives the Machines the collection shows, as two switches
// spoil it: new Machines missing, deleted ones still there.
func (rq *request) listMachines() []*resource {
	items := rq.t.items("machines")
	if rq.s.fault(FaultNewMachineUnlisted) {
		var seeded []*resource
		for _, m := range items {
			if m.seeded {
				seeded = append(seeded, m)
			}
		}
		items = seeded
	}
	return append(items, rq.t.ghosts...)
}

// machineUpdate is what an update of a Machine writes, as two switches
// spoil it: the read-only region written, properties cut to eight.
func (rq *request) machineUpdate(_ *resource, body map[string]any, names []string) ([]string, error) {
	if _, sent := body["region"].(string); sent && rq.s.fault(FaultRMReadOnlyWritten) {
		names = append(names, "region")
	}
	if p, ok := body["properties"].(map[string]string); ok && len(p) > 8 && rq.s.fault(FaultMaxPropertiesTruncated) {
		kept := map[string]string{}
		for _, k := range sortedKeys(p)[:8] {
			kept[k] = p[k]
		}
		body["properties"] = kept
	}
	return names, nil
}

// machineMetadata: the capabilities of Machines here (Table 7), the
// region extension and, in 2.0, the constraint on cpu, and the actions.
func machineMetadata(t *tenant, vals map[string]any) {
	cap := func(name string, value any) any { return t.capability("Machine", name, value) }
	defaultState := "STOPPED"
	if t.s.fault(FaultDefaultInitialStateOutside) {
		defaultState = "PAUSED"
	}
	caps := []any{
		cap("MachineTemplateByValue", true), cap("MachineConfigByValue", true), cap("MachineImageByValue", true),
		cap("MachineCredentialByValue", true), cap("InitialStates", "STARTED,STOPPED"), cap("DefaultInitialState", defaultState),
		cap("MachineStopForce", true), cap("MachineStopForceDefault", false), cap("MachineVolumeTemplatesByValue", true),
	}
	if !t.s.fault(FaultUserDataUnadvertised) {
		caps = append(caps, cap("UserData", "metadata"))
	}
	if t.s.varies(VariationRestoreFromImage) {
		caps = append(caps, cap("RestoreFromImage", true))
	}
	vals["capabilities"] = caps
	vals["attributes"] = []any{t.extensionAttribute("region", "string")}
	if t.s.major == 2 {
		// DSP8009 allows one attribute entry only.
		vals["attributes"] = []any{t.constraint("cpu"), t.extensionAttribute("region", "string")}
	}
	vals["actions"] = t.actions(actionOrder...)
	if t.s.major == 2 {
		vals["actions"] = t.actions(slices.Concat(actionOrder, []string{"connectvolume"})...)
	}
}

// addMachineParts creates the Disks of a new Machine and its sub-collection
// references.
func (rq *request) addMachineParts(m *resource, cfg map[string]any) {
	for _, seg := range []string{"disks", "volumes", "interfaces", "networkInterfaces", "snapshots"} {
		if subCollectionType(seg, rq.s.major) != "" {
			m.vals[seg] = refPath(m.path + "/" + seg)
		}
	}
	m.vals["meters"] = refPath(m.path + "/meters")
	if rq.s.fault(FaultVolumesWrongCollection) {
		m.vals["volumes"] = refPath(m.path + "/disks")
	}
	if rq.s.fault(FaultInterfacesWrongCollection) {
		for _, seg := range []string{"interfaces", "networkInterfaces"} {
			if _, ok := m.vals[seg]; ok {
				m.vals[seg] = refPath(m.path + "/disks")
			}
		}
	}
	disks, _ := cfg["disks"].([]any)
	for _, d := range disks {
		dm, _ := d.(map[string]any)
		disk := &resource{typ: "Disk", vals: map[string]any{}}
		if c, ok := dm["capacity"]; ok {
			disk.vals["capacity"] = c
		}
		if l, ok := dm["initialLocation"]; ok {
			disk.vals["initialLocation"] = l
		}
		rq.t.add(m.path+"/disks", disk)
	}
}

// effectiveTemplate merges a referenced template with the overrides given
// beside its href; an override of null erases the attribute for this
// creation only (§4.2.1.1, l.966-984). The stored template is not touched.
func (rq *request) effectiveTemplate(in map[string]any) (map[string]any, error) {
	eff := map[string]any{}
	if href, _ := in["href"].(string); href != "" && rq.s.fault(FaultTemplateReferenceRefused) {
		return nil, errorf(http.StatusBadRequest, "machineTemplate by reference is not understood")
	}
	if href, _ := in["href"].(string); href != "" {
		tr := rq.resolve(href, "MachineTemplate")
		if tr == nil {
			return nil, errorf(http.StatusBadRequest, "machineTemplate %s is not a MachineTemplate of this provider", href)
		}
		for k, v := range tr.vals {
			eff[k] = v
		}
		if rq.s.fault(FaultOverridePersists) {
			defer func() {
				for k, v := range in {
					if k != "href" && v != nil {
						tr.vals[k] = v
					}
				}
			}()
		}
	}
	mergeOverrides(eff, in)
	return eff, nil
}

// mergeOverrides writes the attributes given beside a template's href
// into eff; a null erases one for this creation only (§4.2.1.1).
func mergeOverrides(eff, in map[string]any) {
	for k, v := range in {
		switch {
		case k == "href":
		case v == nil:
			delete(eff, k)
		default:
			eff[k] = v
		}
	}
}

// genMetadata gives the path of a template's genResourceMetadata, stored
// (refPath) or given by reference; "" when there is none of ours.
func (rq *request) genMetadata(v any) string {
	switch x := v.(type) {
	case refPath:
		return string(x)
	case map[string]any:
		h, _ := x["href"].(string)
		if r := rq.resolve(h, "ResourceMetadata"); r != nil {
			return r.path
		}
	}
	return ""
}

// refTo resolves a reference value (a stored refPath or a request
// {"href": …}) to a resource of type typ.
func (rq *request) refTo(v any, typ, name string, required bool) (*resource, error) {
	switch x := v.(type) {
	case nil:
		if required {
			return nil, errorf(http.StatusBadRequest, "the machineTemplate has no %s", name)
		}
		return nil, nil
	case refPath:
		if r := rq.t.get(string(x)); r != nil && r.typ == typ {
			return r, nil
		}
		return nil, errorf(http.StatusBadRequest, "%s no longer exists", name)
	case map[string]any:
		href, _ := x["href"].(string)
		if href == "" {
			return nil, errorf(http.StatusBadRequest, "%s by value is not supported by this provider", name)
		}
		r := rq.resolve(href, typ)
		if r == nil && typ == "MachineConfiguration" && rq.s.fault(FaultBadReferenceAccepted) {
			r = rq.t.get("machineConfigs/small")
		}
		if r == nil {
			return nil, errorf(http.StatusBadRequest, "%s %s is not a %s of this provider", name, href, typ)
		}
		return r, nil
	}
	return nil, errorf(http.StatusBadRequest, "%s is not a reference", name)
}

// configValues gives the hardware values of a machineConfig given by
// reference or, since MachineConfigByValue is offered, by value.
func (rq *request) configValues(v any) (map[string]any, error) {
	if x, ok := v.(map[string]any); ok && x["href"] == nil {
		cpu, ok1 := x["cpu"].(int64)
		mem, ok2 := x["memory"].(int64)
		if !ok1 || !ok2 || cpu <= 0 || mem <= 0 {
			return nil, errorf(http.StatusBadRequest, "a machineConfig by value needs positive cpu and memory")
		}
		if rq.s.fault(FaultConfigByValueIgnored) {
			return rq.t.get("machineConfigs/small").vals, nil
		}
		out := map[string]any{"cpu": cpu, "memory": mem, "cpuArch": "x86_64", "cpuSpeed": int64(2400)}
		for _, k := range []string{"cpuArch", "cpuSpeed", "disks"} {
			if v, ok := x[k]; ok && v != nil {
				out[k] = v
			}
		}
		return out, nil
	}
	r, err := rq.refTo(v, "MachineConfiguration", "machineConfig", true)
	if err != nil {
		return nil, err
	}
	return r.vals, nil
}

// imageValue checks a machineImage given by reference or, since
// MachineImageByValue is offered, by value: an image to be imported from
// its imageLocation for this Machine.
func (rq *request) imageValue(v any) error {
	if x, ok := v.(map[string]any); ok && x["href"] == nil {
		loc, _ := x["imageLocation"].(string)
		switch {
		case rq.s.fault(FaultImageByValueRefused):
			return errorf(http.StatusBadRequest, "machineImage by value is not supported")
		case loc == "":
			return errorf(http.StatusBadRequest, "a machineImage by value needs an imageLocation")
		}
		return nil
	}
	_, err := rq.refTo(v, "MachineImage", "machineImage", true)
	return err
}

// credentialValue checks a credential given by reference or by value.
func (rq *request) credentialValue(v any) error {
	if x, ok := v.(map[string]any); ok && x["href"] == nil {
		switch {
		case rq.s.fault(FaultMachineCredentialByValueRefused):
			return errorf(http.StatusBadRequest, "credential by value is not supported")
		case len(x) == 0:
			return errorf(http.StatusBadRequest, "an empty credential by value")
		}
		return nil // MachineCredentialByValue is offered
	}
	if v == nil {
		return nil
	}
	_, err := rq.refTo(v, "Credential", "credential", false)
	if err != nil && rq.s.fault(FaultBadCredentialAccepted) {
		return nil
	}
	return err
}

// removeSnapshotsOf deletes the images in a Machine's snapshots (a fault:
// they outlive the Machine, Table 16).
func (rq *request) removeSnapshotsOf(m *resource) {
	for _, it := range rq.t.items(m.path + "/snapshots") {
		img := it
		if it.typ == "MachineSnapshot" {
			p, _ := it.vals["shapshot"].(refPath)
			img = rq.t.get(string(p))
		}
		if img != nil && rq.t.get(img.path) != nil {
			rq.removeImage(img)
		}
	}
}

// deleteMachine starts the deletion: DELETING, then gone (§4.2.1.4).
func (rq *request) deleteMachine(m *resource) error {
	j := rq.t.newJob(rq.actionURI("delete"), m.path)
	rq.jobHeader(j)
	prior := m.str("state")
	gone := func() {
		if rq.s.fault(FaultDeleteLeavesReadable) {
			m.vals["state"] = prior
			rq.t.finish(j, true, "")
			return
		}
		disks := rq.t.items(m.path + "/disks")
		if rq.s.fault(FaultMachineDeleteTakesVolumes) {
			for _, it := range rq.t.items(m.path + "/volumes") {
				p, _ := it.vals["volume"].(refPath)
				rq.t.removeAttachments(string(p))
				rq.t.remove(string(p))
			}
		}
		if rq.s.fault(FaultDeleteMachineTakesSnapshots) {
			rq.removeSnapshotsOf(m)
		}
		if !rq.s.fault(FaultMachineInterfacesKept) {
			rq.t.removeParts(m.path) // its NetworkInterfaces (§5.14.1.1.3)
		}
		rq.t.remove(m.path)
		rq.t.finish(j, true, "")
		if rq.s.fault(FaultDisksSurviveDelete) {
			for _, d := range disks {
				rq.t.res[d.path] = d
				rq.t.link(m.path+"/disks", d.path)
			}
		}
		if rq.s.fault(FaultDeletedStillListed) {
			rq.t.ghosts = append(rq.t.ghosts, m)
		}
		if strings.HasPrefix(m.partOf, "systems/") && rq.s.fault(FaultSystemListsDeleted) {
			rq.t.sysGhosts[m.partOf] = append(rq.t.sysGhosts[m.partOf], m)
		}
	}
	rq.deleteLater(m, gone)
	return nil
}

// deleteLater answers a delete whose work, gone, takes the latency: the
// resource is DELETING meanwhile and the answer is 202 (at once and 200
// without latency, §4.2.1.4).
func (rq *request) deleteLater(r *resource, gone func()) {
	rq.deleteLaterIn(r, rq.s.opts.Latency, gone)
}

// deleteLaterIn is deleteLater with the work taking d.
func (rq *request) deleteLaterIn(r *resource, d time.Duration, gone func()) {
	if d == 0 {
		gone()
		rq.deleted()
		return
	}
	r.vals["state"] = "DELETING"
	t := rq.t
	rq.s.later(t, d, func() {
		if t.res[r.path] == r {
			gone()
		}
	})
	rq.send(http.StatusAccepted, nil)
}

// trimHref turns an absolute href of ours into a path; others stay as given.
func (rq *request) trimHref(href string) string {
	if p, ok := rq.rend.local(href); ok {
		return p
	}
	return href
}
