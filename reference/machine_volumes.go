package reference

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The Volumes of a Machine (§5.14.1.1.2). In 2.0 its volumes collection is
// an enhanced collection of locatedVolume items, changed with the
// collection's insert and remove (§5.5.12.2-3) or the Machine's
// connectvolume; in 1.x it holds MachineVolume records, added with the
// collection's add and removed by deleting them. Either way an item is a
// stored resource below the Machine, naming the Volume.

// attachmentType is the item type of a Machine's volumes collection.
func (rq *request) attachmentType() string {
	if rq.s.major == 1 {
		return "MachineVolume"
	}
	return "locatedVolume"
}

// machineVolumes answers a request on a Machine's volumes collection
// (rest empty) or on its insert and remove operations.
func (rq *request) machineVolumes(m *resource, rest []string) error {
	path := m.path + "/volumes"
	switch {
	case len(rest) == 0 && rq.isRead():
		if rq.s.major == 1 {
			return rq.listCollection(path, "MachineVolumeCollection", rq.t.items(path), true)
		}
		return rq.listCollection(path, "locatedVolumeCollection", rq.t.items(path), false,
			op(rq.rend.ns+"/action/insert", rq.rend.abs(refPath(path+"/insert"))),
			op(rq.rend.ns+"/action/remove", rq.rend.abs(refPath(path+"/remove"))))
	case len(rest) == 0 && rq.r.Method == http.MethodPost && rq.s.major == 1:
		return rq.addMachineVolume(m)
	case len(rest) == 0:
		return methodNotAllowed("GET", "HEAD")
	case len(rest) == 1 && rq.s.major == 2 && (rest[0] == "insert" || rest[0] == "remove"):
		if rq.r.Method != http.MethodPost {
			return methodNotAllowed("POST")
		}
		body, err := rq.action(rest[0])
		if err != nil {
			return err
		}
		if rest[0] == "remove" {
			return rq.removeVolume(m, body)
		}
		return rq.connect(m, body, "insert")
	}
	return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
}

// connectVolume handles the Machine's connectvolume action (2.0,
// §5.14.1.2): an insert with credentials and properties.
func (rq *request) connectVolume(m *resource) error {
	if rq.r.Method != http.MethodPost {
		return methodNotAllowed("POST")
	}
	body, err := rq.action("connectvolume")
	if err != nil {
		return err
	}
	return rq.connect(m, body, "connectvolume")
}

// connect adds the Volume a body names to the Machine's volumes, with its
// initialLocation, and answers with the completed Job.
func (rq *request) connect(m *resource, body map[string]any, action string) error {
	vol, err := rq.connectable(m, body["volume"])
	if err != nil {
		return err
	}
	loc, _ := body["initialLocation"].(string)
	if action == "connectvolume" && rq.s.fault(FaultConnectVolumeIgnored) {
		rq.completedJob(rq.rend.ns+"/action/"+action, m.path, vol.path)
		rq.send(http.StatusOK, nil)
		return nil
	}
	item := rq.attach(m, vol, loc)
	rq.completedJob(rq.rend.ns+"/action/"+action, m.path, vol.path, item.path)
	rq.send(http.StatusOK, nil)
	return nil
}

// addMachineVolume handles POST of a MachineVolume to a 1.x Machine's
// volumes (the collection's add): 201 with the new record.
func (rq *request) addMachineVolume(m *resource) error {
	body, err := rq.body(types["MachineVolume"])
	if err != nil {
		return err
	}
	vol, err := rq.connectable(m, body["volume"])
	if err != nil {
		return err
	}
	loc, _ := body["initialLocation"].(string)
	item := rq.attach(m, vol, loc)
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil && !isEmpty(v) {
			item.vals[k] = v
		}
	}
	j := rq.t.newJob(rq.actionURI("add"), m.path+"/volumes", item.path, vol.path)
	rq.t.finish(j, true, "")
	rq.created(item, j)
	return nil
}

// connectable finds the Volume a request names and checks that it may be
// connected to m: one of ours, AVAILABLE, not already there, and on one
// other Machine at most where SharedVolumeSupport says so (it does here).
func (rq *request) connectable(m *resource, ref any) (*resource, error) {
	x, _ := ref.(map[string]any)
	href, _ := x["href"].(string)
	vol := rq.resolve(href, "Volume")
	switch {
	case vol == nil:
		return nil, errorf(http.StatusBadRequest, "volume %q is not a Volume of this provider", href)
	case vol.str("state") != "AVAILABLE":
		return nil, errorf(http.StatusConflict, "the Volume is %s; it can be connected when AVAILABLE", vol.str("state"))
	}
	for _, holder := range rq.t.holdersOf(vol.path) {
		if holder == m.path {
			return nil, errorf(http.StatusConflict, "the Volume is already connected to this Machine")
		}
		if rq.s.fault(FaultSharedVolumeRefused) {
			return nil, errorf(http.StatusConflict, "the Volume is connected to another Machine")
		}
	}
	return vol, nil
}

// holdersOf lists the Machines a Volume is connected to.
func (t *tenant) holdersOf(volPath string) []string {
	var out []string
	for _, r := range t.attachmentsOf(volPath) {
		machine, _, _ := strings.Cut(r.path, "/volumes/")
		out = append(out, machine)
	}
	slices.Sort(out)
	return out
}

// attach stores the record of vol on m.
func (rq *request) attach(m, vol *resource, loc string) *resource {
	item := &resource{typ: rq.attachmentType(), vals: map[string]any{"volume": refPath(vol.path)}}
	if loc != "" && !rq.s.fault(FaultVolumeInsertDropsLocation) {
		item.vals["initialLocation"] = loc
	}
	return rq.t.add(m.path+"/volumes", item)
}

// removeVolume handles remove on a 2.0 Machine's volumes: the membership
// goes, the Volume stays (§5.5.12.3, l.1643-1659).
func (rq *request) removeVolume(m *resource, body map[string]any) error {
	x, _ := body["volume"].(map[string]any)
	href, _ := x["href"].(string)
	p, _ := rq.rend.local(href)
	for _, it := range rq.t.items(m.path + "/volumes") {
		if it.vals["volume"] != refPath(p) {
			continue
		}
		if !rq.s.fault(FaultVolumeRemoveIgnored) {
			rq.t.remove(it.path)
		}
		rq.completedJob(rq.rend.ns+"/action/remove", m.path, p)
		rq.send(http.StatusOK, nil)
		return nil
	}
	return errorf(http.StatusBadRequest, "volume %q is not in this Machine's volumes", href)
}

// --- at Machine creation (Table 19) -------------------------------------------------

// plannedVolumes are the Volumes a MachineTemplate connects to the new
// Machine: existing ones (volumes) and new ones (volumeTemplates).
type plannedVolumes struct {
	existing []plannedVolume
	fresh    []plannedVolume
}

type plannedVolume struct {
	vol  *resource      // existing
	tmpl map[string]any // new: the effective VolumeTemplate
	loc  string
}

// planVolumes checks the volumes and volumeTemplates of a template before
// the Machine is made, so that a bad entry refuses the whole create.
func (rq *request) planVolumes(tmpl map[string]any) (plannedVolumes, error) {
	var plan plannedVolumes
	vols, _ := tmpl["volumes"].([]any)
	for _, v := range vols {
		item, _ := v.(map[string]any)
		ref := item["volume"]
		if rq.s.major == 1 {
			ref = map[string]any{"href": item["href"]}
		}
		href := rq.hrefOf(ref)
		vol := rq.resolve(href, "Volume")
		if vol == nil || vol.str("state") != "AVAILABLE" {
			return plan, errorf(http.StatusBadRequest, "volumes: %q is not an AVAILABLE Volume of this provider", href)
		}
		loc, _ := item["initialLocation"].(string)
		plan.existing = append(plan.existing, plannedVolume{vol: vol, loc: loc})
	}
	vts, _ := tmpl["volumeTemplates"].([]any)
	for _, v := range vts {
		item, _ := v.(map[string]any)
		in, _ := item["volumeTemplate"].(map[string]any)
		if p, ok := item["volumeTemplate"].(refPath); ok { // a stored template's
			in = map[string]any{"href": rq.rend.absolute(p)}
		}
		if rq.s.major == 1 {
			in = map[string]any{"href": item["href"]}
		}
		if in == nil {
			return plan, errorf(http.StatusBadRequest, "a volumeTemplates item needs a volumeTemplate")
		}
		eff, _, err := rq.effectiveVolumeTemplate(in)
		if err != nil {
			return plan, err
		}
		if _, err := rq.volumeConfigValues(eff["volumeConfig"], true); err != nil {
			return plan, err
		}
		loc, _ := item["initialLocation"].(string)
		plan.fresh = append(plan.fresh, plannedVolume{tmpl: eff, loc: loc})
	}
	return plan, nil
}

// hrefOf is the href of a reference given in a body ({"href": …}) or
// stored by us (a path).
func (rq *request) hrefOf(v any) string {
	if p, ok := v.(refPath); ok {
		return rq.rend.absolute(p)
	}
	m, _ := v.(map[string]any)
	href, _ := m["href"].(string)
	return href
}

// connectPlanned connects the planned Volumes to the new Machine m; new
// Volumes are made AVAILABLE with it, named after it.
func (rq *request) connectPlanned(m *resource, plan plannedVolumes) []string {
	var made []string
	if !rq.s.fault(FaultTemplateVolumesIgnored) {
		for _, p := range plan.existing {
			rq.attach(m, p.vol, p.loc)
		}
	}
	if rq.s.fault(FaultTemplateVolumeTemplatesIgnored) {
		return made
	}
	for i, p := range plan.fresh {
		name, _ := m.vals["name"].(string)
		vol, err := rq.newVolume(p.tmpl, map[string]any{"name": volumeNameFor(name, i)})
		if err != nil {
			continue // checked by planVolumes
		}
		vol.vals["state"] = "AVAILABLE"
		rq.attach(m, vol, p.loc)
		made = append(made, vol.path)
	}
	return made
}

// volumeNameFor names the i-th Volume a template makes for a Machine.
func volumeNameFor(machine string, i int) string {
	if machine == "" {
		return ""
	}
	return machine + "-volume-" + strconv.Itoa(i+1)
}
