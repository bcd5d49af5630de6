package reference

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Creation of templates, configurations, images and credentials.

// createTemplate handles POST on the MachineTemplateCollection: the body is
// the MachineTemplate itself (§5.14.4.1; some 1.x clients send
// MachineTemplateCreate, which is accepted too).
func (rq *request) createTemplate() error {
	body, err := rq.body(types["MachineTemplate"], "MachineTemplate", "MachineTemplateCreate")
	if err != nil {
		return err
	}
	if err := rq.checkRefs("MachineTemplate", body); err != nil {
		return err
	}
	if rq.s.fault(FaultTemplateDropsName) {
		delete(body, "name")
	}
	return rq.store("machineTemplates", "MachineTemplate", body)
}

// createConfig handles POST on the MachineConfigurationCollection.
func (rq *request) createConfig() error {
	body, err := rq.body(types["MachineConfiguration"])
	if err != nil {
		return err
	}
	for _, k := range []string{"cpu", "memory"} {
		if v, _ := body[k].(int64); v <= 0 {
			return errorf(http.StatusBadRequest, "a MachineConfiguration needs a positive %s", k)
		}
	}
	if cpu, _ := body["cpu"].(int64); cpu > maxCPU && rq.s.major == 2 && !rq.s.fault(FaultVScopeIgnored) {
		return errorf(http.StatusBadRequest, "cpu %d is outside the vscope of MachineConfiguration (1 to %d)", cpu, maxCPU)
	}
	if err := checkDisks(body["disks"]); err != nil {
		return err
	}
	if body["cpuArch"] == nil {
		body["cpuArch"] = "x86_64"
	}
	if body["cpuSpeed"] == nil {
		body["cpuSpeed"] = int64(2400)
	}
	body["gpu"] = false // this provider's extension, always shown (its ResourceMetadata)
	if mem, _ := body["memory"].(int64); rq.s.fault(FaultConfigHalvesMemory) {
		body["memory"] = mem / 2
	}
	return rq.store("machineConfigs", "MachineConfiguration", body)
}

func checkDisks(v any) error {
	list, _ := v.([]any)
	for i, d := range list {
		m, _ := d.(map[string]any)
		if c, _ := m["capacity"].(int64); c <= 0 {
			return errorf(http.StatusBadRequest, "disks[%d] needs a positive capacity", i)
		}
		if f, _ := m["format"].(string); f == "" {
			return errorf(http.StatusBadRequest, "disks[%d] needs a format", i)
		}
	}
	return nil
}

// createCredentialTemplate handles POST on the CredentialTemplateCollection.
func (rq *request) createCredentialTemplate() error {
	body, err := rq.body(types["CredentialTemplate"])
	if err != nil {
		return err
	}
	if rq.s.fault(FaultCredentialTemplateDropsName) {
		delete(body, "name")
	}
	return rq.store("credentialTemplates", "CredentialTemplate", body)
}

// createCredential handles POST on the CredentialCollection: a
// CredentialCreate that names a CredentialTemplate by reference or, since
// CredentialTemplateByValue is offered, by value (§5.14.10.1).
func (rq *request) createCredential() error {
	body, err := rq.body(types["CredentialCreate"])
	if err != nil {
		return err
	}
	in, _ := body["credentialTemplate"].(map[string]any)
	if in == nil && rq.s.fault(FaultCredentialTemplateOptional) {
		in = map[string]any{}
	}
	if in == nil {
		return errorf(http.StatusBadRequest, "a CredentialCreate needs a credentialTemplate")
	}
	if in["href"] == nil && rq.s.fault(FaultCredentialByValueRefused) {
		return errorf(http.StatusBadRequest, "a credentialTemplate by value is not supported")
	}
	vals := map[string]any{}
	if href, _ := in["href"].(string); href != "" {
		ct := rq.resolve(href, "CredentialTemplate")
		if ct == nil {
			return errorf(http.StatusBadRequest, "credentialTemplate %s is not a CredentialTemplate of this provider", href)
		}
		for _, k := range []string{"userName", "password", "key", "parameters"} {
			if v, ok := ct.vals[k]; ok && !(k == "parameters" && rq.s.fault(FaultCredentialDropsParameters)) {
				vals[k] = v
			}
		}
	}
	for _, k := range []string{"userName", "password", "key", "parameters"} {
		if v, ok := in[k]; ok {
			if v == nil {
				delete(vals, k)
			} else {
				vals[k] = v
			}
		}
	}
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil && !(k == "name" && rq.s.fault(FaultCredentialDropsName)) {
			vals[k] = v
		}
	}
	return rq.store("credentials", "Credential", vals)
}

// store keeps a new Consumer-made resource and answers 201 (these creations
// are immediate).
func (rq *request) store(coll, typ string, body map[string]any) error {
	r := &resource{typ: typ, vals: map[string]any{}}
	for k, v := range body {
		if v != nil && !isEmpty(v) {
			r.vals[k] = v
		}
	}
	rq.t.add(coll, r)
	j := rq.t.newJob(rq.actionURI("add"), coll, r.path)
	if rq.s.varies(VariationAsyncCreates) {
		if rq.s.fault(FaultAsyncLocationLate) {
			r.lateAfter = j
		}
		rq.settle(j, rq.s.opts.Latency, func() {})
	} else {
		rq.t.finish(j, true, "")
	}
	rq.created(r, j)
	return nil
}

// checkRefs resolves the references of a MachineTemplate body to our own
// resources (a MachineTemplate must point at things that exist) and stores
// them as paths; by-value parts are kept inline.
func (rq *request) checkRefs(typ string, body map[string]any) error {
	if typ != "MachineTemplate" {
		return nil
	}
	if err := rq.interfaceTemplatesOf(body); err != nil {
		return err
	}
	if err := rq.templateVolumeRefs(body); err != nil {
		return err
	}
	if err := rq.machineInterfacesV1(body); err != nil {
		return err
	}
	if rq.s.fault(FaultV1TemplateInterfacesDropped) {
		delete(body, "networkInterfaces")
	}
	if s, ok := body["initialState"].(string); ok && s != "STARTED" && s != "STOPPED" &&
		!(s == "STARTING" && rq.s.fault(FaultTemplateTransientInitialState)) {
		return errorf(http.StatusBadRequest, "initialState %q is not one of InitialStates (STARTED, STOPPED)", s)
	}
	if rm, ok := body["genResourceMetadata"].(map[string]any); ok {
		// The ResourceMetadata given to the Machines made from the template
		// must describe Machines (§5.11, Table 19).
		h, _ := rm["href"].(string)
		if r := rq.resolve(h, "ResourceMetadata"); r == nil || r.str("typeURI") != rq.rend.typeURI("Machine") {
			return errorf(http.StatusBadRequest, "genResourceMetadata %q is not a ResourceMetadata of Machines here", h)
		}
	}
	for name, target := range map[string]string{"machineConfig": "MachineConfiguration",
		"machineImage": "MachineImage", "credential": "Credential", "genResourceMetadata": "ResourceMetadata"} {
		m, ok := body[name].(map[string]any)
		if !ok {
			continue
		}
		href, _ := m["href"].(string)
		if href == "" {
			if name == "machineImage" {
				if err := rq.imageValue(m); err != nil {
					return err
				}
			}
			continue
		}
		r := rq.resolve(href, target)
		if r == nil {
			return errorf(http.StatusBadRequest, "%s %s is not a %s of this provider", name, href, target)
		}
		body[name] = refPath(r.path)
	}
	return nil
}

// templateVolumeRefs: a stored 2.0 MachineTemplate may name existing
// Volumes and VolumeTemplates of ours (Table 19), kept as paths; 1.x
// templates here take neither.
func (rq *request) templateVolumeRefs(body map[string]any) error {
	for attr, target := range map[string]string{"volumes": "Volume", "volumeTemplates": "VolumeTemplate"} {
		list, ok := body[attr].([]any)
		if !ok {
			continue
		}
		if rq.s.major == 1 {
			return errorf(http.StatusBadRequest, "this provider does not support %s in a MachineTemplate", attr)
		}
		key := strings.ToLower(target[:1]) + target[1:]
		for i, it := range list {
			item, _ := it.(map[string]any)
			m, _ := item[key].(map[string]any)
			href, _ := m["href"].(string)
			if href == "" && key == "volumeTemplate" && m != nil {
				continue // given by value
			}
			r := rq.resolve(href, target)
			if r == nil {
				return errorf(http.StatusBadRequest, "%s[%d]: %q is not a %s of this provider", attr, i, href, target)
			}
			item[key] = refPath(r.path)
		}
	}
	return nil
}

// --- MachineImage (§5.14.7) ---------------------------------------------------

// createImage registers an image. Posted to the MachineImageCollection with
// an imageLocation naming one of our Machines it is a capture; posted to a
// Machine's snapshots (machine != nil) it is a snapshot (§5.14.7.1,
// l.2917-2934). Otherwise the image is imported from its location.
func (rq *request) createImage(machine *resource) error {
	body, err := rq.body(types["MachineImage"])
	if err != nil {
		return err
	}
	loc, _ := body["imageLocation"].(string)
	if loc == "" && !rq.s.fault(FaultImageWithoutLocation) {
		return errorf(http.StatusBadRequest, "a MachineImage needs an imageLocation")
	}
	given, _ := body["relatedImage"].(map[string]any)
	delete(body, "relatedImage") // set by the Provider only (Table 21)
	typ, _ := body["type"].(string)
	if typ == "" {
		typ = "IMAGE"
	}
	if !slices.Contains([]string{"IMAGE", "SNAPSHOT", "PARTIAL_SNAPSHOT"}, typ) {
		return errorf(http.StatusBadRequest, "type %q is not IMAGE, SNAPSHOT or PARTIAL_SNAPSHOT", typ)
	}
	snapshot := machine != nil
	if machine == nil {
		machine = rq.resolve(loc, "Machine")
	} else if m := rq.resolve(loc, "Machine"); m != nil && m != machine {
		return errorf(http.StatusBadRequest, "imageLocation names another Machine than the one snapshotted")
	}
	if snapshot && typ != "PARTIAL_SNAPSHOT" {
		typ = "SNAPSHOT"
	}
	img := &resource{typ: "MachineImage", vals: map[string]any{"state": "CREATING", "type": typ}}
	if href, _ := given["href"].(string); href != "" && rq.s.fault(FaultSnapshotTakesRelatedImage) {
		img.vals["relatedImage"] = refPath(rq.trimHref(href))
	}
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil && !isEmpty(v) {
			img.vals[k] = v
		}
	}
	if machine == nil {
		rq.importImage(img, loc)
		return nil
	}
	return rq.captureImage(machine, img, typ)
}

// importImage registers an image from its location; the data takes longer
// to import than other work here.
func (rq *request) importImage(img *resource, loc string) {
	img.vals["imageLocation"] = loc
	rq.t.add("machineImages", img)
	j := rq.t.newJob(rq.actionURI("add"), "machineImages", img.path)
	// A stopped import leaves the image in ERROR.
	j.abort = func() { img.vals["state"] = "ERROR" }
	if rq.s.fault(FaultImportedImageRelated) {
		img.vals["relatedImage"] = refPath("machineImages/debian-12")
	}
	rq.settle(j, 10*rq.s.opts.Latency, func() {
		if img.str("state") == "CREATING" && !rq.s.fault(FaultImageImportStuck) {
			img.vals["state"] = "AVAILABLE"
		}
	})
	rq.created(img, j)
}

// captureImage makes an image of a Machine: a capture (IMAGE) or a snapshot,
// which joins the Machine's chain of snapshots. The Machine is CAPTURING
// meanwhile; writing the image data is a nested Job (§5.17.1, l.3763-3769),
// and the capture succeeds only when it does.
func (rq *request) captureImage(machine, img *resource, typ string) error {
	prior := machine.str("state")
	if !slices.Contains(machineActions["capture"].from, prior) {
		return errorf(http.StatusConflict, "the Machine is %s; it cannot be captured now", prior)
	}
	rq.t.add("machineImages", img)
	img.vals["imageLocation"] = fmt.Sprintf("http://images.cimi.test/captures/%s.qcow2", img.path[len("machineImages/"):])
	img.imageState = prior
	action, after := "capture", prior
	if typ == "SNAPSHOT" || typ == "PARTIAL_SNAPSHOT" {
		action = "snapshot"
		rq.chainSnapshot(machine, img)
	} else if rq.s.fault(FaultCaptureChangesState) {
		after = "STOPPED"
	}
	stuck := action == "capture" && rq.s.fault(FaultCaptureImageStuck)
	j := rq.t.newJob(rq.rend.ns+"/action/"+action, "machineImages", img.path, machine.path)
	write := rq.t.newJob(rq.actionURI("add"), "machineImages", img.path)
	write.vals["parentJob"] = refPath(j.path)
	j.vals["nestedJobs"] = []any{refPath(write.path)}
	rq.advance(machine, j, []string{"CAPTURING"}, after, func() {
		if !stuck {
			img.vals["state"] = "AVAILABLE"
		}
		if rq.s.fault(FaultNestedFailureHidden) {
			rq.t.finish(write, false, "the image data could not be written")
			return
		}
		rq.t.finish(write, true, "")
	})
	rq.created(img, j)
	return nil
}

// chainSnapshot makes a new snapshot the Machine's latest, related to the
// one before, and lists it in the Machine's snapshots.
func (rq *request) chainSnapshot(machine, img *resource) {
	_, given := img.vals["relatedImage"]
	if latest, ok := machine.vals["latestSnapshot"].(refPath); ok && !given && !rq.s.fault(FaultSnapshotChainBroken) {
		img.vals["relatedImage"] = latest
	}
	switch {
	case rq.s.fault(FaultSnapshotUnlisted):
	case rq.s.major == 1:
		rq.t.add(machine.path+"/snapshots", &resource{typ: "MachineSnapshot", vals: map[string]any{"shapshot": refPath(img.path)}})
	default:
		rq.t.link(machine.path+"/snapshots", img.path)
	}
	machine.vals["latestSnapshot"] = refPath(img.path)
}

// settle ends a Job after d (or now when d is 0), running done first.
func (rq *request) settle(j *resource, d time.Duration, done func()) {
	t := rq.t
	if d == 0 {
		done()
		t.finish(j, true, "")
		return
	}
	rq.s.later(t, d, func() {
		if t.res[j.path] != nil && !jobDone(j) {
			done()
			t.finish(j, true, "")
		}
	})
}

// deleteImage deletes an image by the rules of Table 21.
func (rq *request) deleteImage(img *resource) error {
	rq.removeImage(img)
	rq.completedJob("delete", img.path)
	rq.deleted()
	return nil
}

// imageOps: an image being made or deleted offers nothing.
func imageOps(rq *request, img *resource) []any {
	if s := img.str("state"); s == "CREATING" || s == "DELETING" {
		return nil
	}
	self := rq.rend.abs(refPath(img.path))
	return []any{op("edit", self), op("delete", self)}
}

// checkTemplateRefs checks the references of a MachineTemplate an update
// writes, as a create does.
func checkTemplateRefs(rq *request, tr *resource, body map[string]any, names []string) ([]string, error) {
	if err := rq.checkRefs("MachineTemplate", body); err != nil {
		return names, err
	}
	if rq.s.fault(FaultTemplateUpdateChangesMachines) {
		rq.rebuildFrom(tr, body["machineConfig"])
	}
	return names, nil
}

// rebuildFrom gives the Machines made from template tr the hardware of the
// configuration cfg (a fault: a Machine does not follow its template).
func (rq *request) rebuildFrom(tr *resource, cfg any) {
	p, _ := cfg.(refPath)
	c := rq.t.get(string(p))
	if c == nil {
		return
	}
	for _, m := range rq.t.items("machines") {
		if m.template == tr.path {
			m.vals["cpu"], m.vals["memory"] = c.vals["cpu"], c.vals["memory"]
		}
	}
}

// removeImage applies the MachineImage delete rules of Table 21: SNAPSHOTs
// that pointed at the image now point at its own relatedImage, and
// PARTIAL_SNAPSHOTs built on it go with it, recursively.
func (rq *request) removeImage(img *resource) {
	parent, hasParent := img.vals["relatedImage"].(refPath)
	var doomed []*resource
	for _, r := range rq.t.items("machineImages") {
		if rel, ok := r.vals["relatedImage"].(refPath); !ok || string(rel) != img.path {
			continue
		}
		switch {
		case r.str("type") == "PARTIAL_SNAPSHOT" && !rq.s.fault(FaultDeleteImageKeepsPartials):
			doomed = append(doomed, r)
		case rq.s.fault(FaultDeleteImageDropsLink):
			delete(r.vals, "relatedImage")
		default:
			if hasParent {
				r.vals["relatedImage"] = parent
			} else {
				delete(r.vals, "relatedImage")
			}
		}
	}
	for p, r := range rq.t.res {
		// 1.x snapshot associations go with their image.
		if r.typ == "MachineSnapshot" && r.vals["shapshot"] == refPath(img.path) {
			rq.t.remove(p)
		}
	}
	rq.t.remove(img.path)
	for _, r := range doomed {
		if rq.t.res[r.path] != nil {
			rq.removeImage(r)
		}
	}
}
