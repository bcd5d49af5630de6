package reference

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Volumes (§5.15): Volumes made from a VolumeTemplate, which joins a
// VolumeConfiguration (type, format, size) and an optional VolumeImage
// (content); snapshots (a VolumeImage pointing at a Volume) and restore;
// and the connection of Volumes to Machines (§5.14.1.1.2, §5.5.12.2-4):
// 2.0 insert, remove and connectvolume on a Machine's locatedVolume
// collection, 1.x MachineVolume records added to and deleted from it.

// mappedType is the one Volume type the spec defines (Table 26); 2.0 also
// accepts the 1.x spelling Table 28 prints (digest §3.9: emit /2/).
func (rq *request) mappedType() string { return rq.rend.ns + "/mapped" }

func init() {
	addType("Volume", withCommon(
		fString("state").readOnly(), fURI("type"), fInt("capacity"), fBool("bootable"),
		fColl("images"), fColl("meters"), fRef("eventLog", "EventLog").readOnly(),
		field{name: "availabilityLevel", kind: kString, ro: true, ns: ExtensionNamespace})...)
	addType("VolumeTemplate", withCommon(volumeTemplateFields()...)...)
	addType("VolumeConfiguration", withCommon(fURI("type"), fString("format"), fInt("capacity"))...)
	addType("VolumeImage", withCommon(fString("state").readOnly(), fURI("imageLocation"), fBool("bootable"))...)
	addType("VolumeVolumeImage", withCommon(fRef("volumeImage", "VolumeImage").readOnly())...)
	addType("MachineVolume", withCommon(fString("initialLocation"), fRef("volume", "Volume"))...)
	addType("locatedVolume", withCommon(fString("initialLocation"), fRef("volume", "Volume"))...)
	addType("VolumeCreate", fString("name"), fString("description"), fMap("properties"),
		fRef("volumeTemplate", "VolumeTemplate"))
	addCollection("VolumeVolumeImageCollection", "VolumeVolumeImage", "volumeVolumeImages")
	addCollection("MeterCollection", "Meter", "meters")
}

func volumeTemplateFields() []field {
	return []field{
		fRef("volumeConfig", "VolumeConfiguration"), fRef("volumeImage", "VolumeImage"),
		fRefsOrValues("meterTemplates", "meterTemplate", "MeterTemplate"), fRef("eventLogTemplate", "EventLogTemplate"),
		fRef("genResourceMetadata", "ResourceMetadata").v(2),
	}
}

// volumeRows are the Volume family's rows of the table.
func volumeRows() []*typeRow {
	return []*typeRow{
		{typ: "Volume", attr: "volumes", coll: "VolumeCollection", member: "volumes", meta: "volume",
			hooks: hooks{create: (*request).createVolume, list: (*request).listVolumes, ops: (*request).volumeOps,
				child: (*request).volumeChild, update: (*request).volumeUpdate, remove: (*request).deleteVolume,
				fixed: []string{"type", "bootable"}, metadata: volumeMetadata,
				updateIgnored: FaultVolumeUpdateIgnored, deleteIgnored: FaultVolumeDeleteIgnored}},
		{typ: "VolumeTemplate", attr: "volumeTemplates", coll: "VolumeTemplateCollection", member: "volumeTemplates",
			meta:  "volumeTemplate",
			hooks: hooks{create: (*request).createVolumeTemplate, update: checkVolumeTemplateRefs, metadata: volumeTemplateMetadata}},
		{typ: "VolumeConfiguration", attr: "volumeConfigs", coll: "VolumeConfigurationCollection", member: "volumeConfigurations",
			hooks: hooks{create: (*request).createVolumeConfig, deleteIgnored: FaultVolumeConfigDeleteIgnored}},
		{typ: "VolumeImage", attr: "volumeImages", coll: "VolumeImageCollection", member: "volumeImages",
			hooks: hooks{create: (*request).createVolumeImage, ops: imageOps, fixed: []string{"imageLocation"},
				remove: (*request).deleteVolumeImage, deleteIgnored: FaultVolumeImageDeleteIgnored}},
	}
}

// seedVolumes gives every user two VolumeConfigurations, two VolumeImages
// and a VolumeTemplate made by the Provider.
func (t *tenant) seedVolumes() {
	typ := t.s.ns + "/mapped"
	if t.s.fault(FaultVolumeConfigTypeNotURI) {
		typ = "mapped"
	}
	for _, c := range []struct {
		id       string
		capacity int64
		format   string
	}{{"10g-ext4", 10485760, "ext4"}, {"100g-raw", 104857600, ""}} {
		vals := map[string]any{"name": c.id, "description": "a " + c.id + " volume", "type": typ, "capacity": c.capacity}
		if c.format != "" {
			vals["format"] = c.format
		}
		t.add("volumeConfigs", &resource{typ: "VolumeConfiguration", path: "volumeConfigs/" + c.id, seeded: true, vals: vals})
	}
	for _, im := range []struct {
		id       string
		bootable bool
	}{{"empty-ext4", false}, {"debian-12-boot", true}} {
		t.add("volumeImages", &resource{typ: "VolumeImage", path: "volumeImages/" + im.id, seeded: true, vals: map[string]any{
			"name": im.id, "state": "AVAILABLE", "imageLocation": "http://images.cimi.test/volumes/" + im.id + ".img",
			"bootable": im.bootable,
		}})
	}
	t.add("volumeTemplates", &resource{typ: "VolumeTemplate", path: "volumeTemplates/10g-empty", seeded: true, vals: map[string]any{
		"name": "10g-empty", "description": "an empty 10 GB ext4 volume",
		"volumeConfig": refPath("volumeConfigs/10g-ext4"), "volumeImage": refPath("volumeImages/empty-ext4"),
	}})
}

// volumeMetadata: the Volume capabilities this server offers (Table 7),
// its availability-level extension, and its actions.
func volumeMetadata(t *tenant, vals map[string]any) {
	cap := func(name string, value any) any { return t.capability("Volume", name, value) }
	vals["capabilities"] = []any{
		cap("SharedVolumeSupport", true), cap("VolumeConfigByValue", true), cap("VolumeImageByValue", true),
		cap("VolumeSnapshot", true), cap("VolumeTemplateByValue", !t.s.fault(FaultVolumeTemplateByValueUnadvertised)),
		cap("VolumeAvailabilityLevel", true),
	}
	if !t.s.fault(FaultVolumeAvailabilityUndescribed) {
		vals["attributes"] = []any{t.extensionAttribute("availabilityLevel", "string")}
	}
	vals["actions"] = t.actions("snapshot", "restore")
}

// volumeTemplateMetadata: the availability level is described for
// VolumeTemplates too (Table 7).
func volumeTemplateMetadata(t *tenant, vals map[string]any) {
	a := t.extensionAttribute("availabilityLevel", "string")
	if t.s.major == 2 {
		// A template may leave it out: the Provider then picks the level.
		a["providerMandatory"], a["mutable"], a["consumerWritable"] = false, true, true
	}
	vals["attributes"] = []any{a}
}

// --- VolumeConfiguration, VolumeTemplate, VolumeImage -------------------------

// createVolumeConfig handles POST on the VolumeConfigurationCollection:
// the body is the VolumeConfiguration itself (§5.15.6.1).
func (rq *request) createVolumeConfig() error {
	body, err := rq.body(types["VolumeConfiguration"])
	if err != nil {
		return err
	}
	if c, _ := body["capacity"].(int64); c <= 0 {
		return errorf(http.StatusBadRequest, "a VolumeConfiguration needs a positive capacity (kilobytes)")
	}
	body["type"] = rq.volumeType(body["type"])
	if rq.s.fault(FaultVolumeConfigDropsFormat) {
		delete(body, "format")
	}
	return rq.store("volumeConfigs", "VolumeConfiguration", body)
}

// volumeType is the type a configuration stores: the mapped type in this
// version's spelling when none or the other version's is given.
func (rq *request) volumeType(v any) string {
	s, _ := v.(string)
	if s == "" || strings.HasPrefix(s, "http://schemas.dmtf.org/cimi/") && strings.HasSuffix(s, "/mapped") {
		return rq.mappedType()
	}
	return s
}

// createVolumeTemplate handles POST on the VolumeTemplateCollection: the
// body is the VolumeTemplate itself (§5.15.4.1).
func (rq *request) createVolumeTemplate() error {
	body, err := rq.body(types["VolumeTemplate"], "VolumeTemplate", "VolumeTemplateCreate")
	if err != nil {
		return err
	}
	if err := rq.checkVolumeRefs(body); err != nil {
		return err
	}
	if rq.s.fault(FaultVolumeTemplateDropsImage) {
		delete(body, "volumeImage")
	}
	return rq.store("volumeTemplates", "VolumeTemplate", body)
}

func checkVolumeTemplateRefs(rq *request, _ *resource, body map[string]any, names []string) ([]string, error) {
	return names, rq.checkVolumeRefs(body)
}

// checkVolumeRefs resolves what a VolumeTemplate points at to our own
// resources (stored as paths); a configuration or image given by value
// stays inline, and so do its MeterTemplates and EventLogTemplate in a
// create's inline template.
func (rq *request) checkVolumeRefs(body map[string]any) error {
	if err := rq.checkMonitorTemplates(body); err != nil {
		return err
	}
	if _, err := rq.volumeConfigValues(body["volumeConfig"], false); err != nil {
		return err
	}
	if _, err := rq.volumeImageValues(body["volumeImage"]); err != nil {
		return err
	}
	for name, target := range map[string]string{"volumeConfig": "VolumeConfiguration", "volumeImage": "VolumeImage",
		"genResourceMetadata": "ResourceMetadata"} {
		m, ok := body[name].(map[string]any)
		if !ok {
			continue
		}
		if href, _ := m["href"].(string); href != "" {
			r := rq.resolve(href, target)
			if r == nil {
				return errorf(http.StatusBadRequest, "%s %s is not a %s of this provider", name, href, target)
			}
			if name == "genResourceMetadata" && r.str("typeURI") != rq.rend.typeURI("Volume") {
				return errorf(http.StatusBadRequest, "genResourceMetadata %s does not describe Volumes", href)
			}
			body[name] = refPath(r.path)
		}
	}
	return nil
}

// createVolumeImage handles POST on the VolumeImageCollection: an image
// imported from its imageLocation or, when that names one of our Volumes,
// a snapshot of it (§5.15.8.1).
func (rq *request) createVolumeImage() error {
	body, err := rq.body(types["VolumeImage"])
	if err != nil {
		return err
	}
	loc := locationOf(body["imageLocation"])
	if loc == "" {
		return errorf(http.StatusBadRequest, "a VolumeImage needs an imageLocation")
	}
	img := &resource{typ: "VolumeImage", vals: map[string]any{"state": "CREATING"}}
	for _, k := range []string{"name", "description", "properties", "bootable"} {
		if v, ok := body[k]; ok && v != nil && !isEmpty(v) {
			img.vals[k] = v
		}
	}
	if vol := rq.resolve(loc, "Volume"); vol != nil {
		return rq.snapshotVolume(vol, img)
	}
	img.vals["imageLocation"] = loc
	rq.t.add("volumeImages", img)
	j := rq.t.newJob(rq.actionURI("add"), "volumeImages", img.path)
	j.abort = func() { img.vals["state"] = "ERROR" }
	rq.settle(j, rq.s.opts.Latency, func() {
		if !rq.s.fault(FaultVolumeImageStuck) {
			img.vals["state"] = "AVAILABLE"
		}
	})
	rq.created(img, j)
	return nil
}

// locationOf reads an imageLocation given as a URI or, as some clients
// send it, as a reference (digest §3.6: accept both on input).
func locationOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		h, _ := x["href"].(string)
		return h
	}
	return ""
}

// snapshotVolume takes a snapshot of vol: the Volume is CAPTURING while
// its data is copied, the image then points at the copy and joins the
// Volume's images (§5.15.8.1, l.3100-3106).
func (rq *request) snapshotVolume(vol, img *resource) error {
	switch {
	case rq.s.fault(FaultVolumeSnapshotRefused):
		return errorf(http.StatusBadRequest, "an imageLocation must name image data, not a Volume")
	case vol.str("state") != "AVAILABLE":
		return errorf(http.StatusConflict, "the Volume is %s; a snapshot needs it AVAILABLE", vol.str("state"))
	}
	if _, ok := img.vals["bootable"]; !ok {
		img.vals["bootable"] = vol.vals["bootable"]
	}
	img.vals["imageLocation"] = rq.rend.abs(refPath(vol.path))
	rq.t.add("volumeImages", img)
	switch {
	case rq.s.fault(FaultVolumeSnapshotUnlisted):
	case rq.s.major == 1:
		rq.t.add(vol.path+"/images", &resource{typ: "VolumeVolumeImage", vals: map[string]any{"volumeImage": refPath(img.path)}})
	default:
		rq.t.link(vol.path+"/images", img.path)
	}
	after := "AVAILABLE"
	if rq.s.fault(FaultVolumeSnapshotEndsError) {
		after = "ERROR"
	}
	j := rq.t.newJob(rq.rend.ns+"/action/snapshot", "volumeImages", img.path, vol.path)
	rq.advance(vol, j, []string{"CAPTURING"}, after, func() {
		img.vals["state"] = "AVAILABLE"
		if !rq.s.fault(FaultVolumeSnapshotKeepsLocation) {
			img.vals["imageLocation"] = fmt.Sprintf("http://images.cimi.test/volume-snapshots/%s.img", img.path[len("volumeImages/"):])
		}
	})
	rq.created(img, j)
	return nil
}

// deleteVolumeImage deletes an image and the 1.x associations that name it.
func (rq *request) deleteVolumeImage(img *resource) error {
	for p, r := range rq.t.res {
		if r.typ == "VolumeVolumeImage" && r.vals["volumeImage"] == refPath(img.path) {
			rq.t.remove(p)
		}
	}
	rq.t.remove(img.path)
	rq.completedJob("delete", img.path)
	rq.deleted()
	return nil
}

// --- Volume ----------------------------------------------------------------------

// createVolume handles POST on the VolumeCollection: a VolumeCreate whose
// volumeTemplate is given by reference (with overrides) or by value
// (§5.15.2.1, §4.2.1.1).
func (rq *request) createVolume() error {
	body, err := rq.body(types["VolumeCreate"])
	if err != nil {
		return err
	}
	if rq.s.fault(FaultXMLVolumeCreateRefused) && strings.Contains(rq.r.Header.Get("Content-Type"), "xml") {
		return errorf(http.StatusBadRequest, "cannot read this VolumeCreate")
	}
	in, _ := body["volumeTemplate"].(map[string]any)
	if in == nil && rq.s.fault(FaultVolumeTemplateOptional) {
		in = map[string]any{"href": rq.rend.abs("volumeTemplates/10g-empty")}
	}
	if in == nil {
		return errorf(http.StatusBadRequest, "a VolumeCreate needs a volumeTemplate")
	}
	tmpl, from, err := rq.effectiveVolumeTemplate(in)
	if err != nil {
		return err
	}
	if prior := rq.madeFrom(from); prior != nil && rq.s.fault(FaultVolumeTemplateReuse) {
		rq.created(prior, rq.completedJob("add", "volumes", prior.path))
		return nil
	}
	vol, err := rq.newVolume(tmpl, body)
	if err != nil {
		return err
	}
	vol.template = from
	j := rq.t.newJob(rq.actionURI("add"), "volumes", vol.path)
	if rq.s.fault(FaultVolumeCreateProvisioning) && rq.s.opts.Latency > 0 {
		rq.provisionLingering(vol, j, rq.volumeReady())
		return nil
	}
	rq.advance(vol, j, []string{"CREATING"}, rq.volumeReady(), nil)
	rq.created(vol, j)
	return nil
}

// volumeReady is the state a new Volume ends in.
func (rq *request) volumeReady() string {
	if rq.s.fault(FaultVolumeEndsInUse) {
		return "IN-USE"
	}
	return "AVAILABLE"
}

// madeFrom finds a Volume the run made from the template at path.
func (rq *request) madeFrom(path string) *resource {
	if path == "" {
		return nil
	}
	for _, v := range rq.t.items("volumes") {
		if v.template == path {
			return v
		}
	}
	return nil
}

// effectiveVolumeTemplate merges a referenced VolumeTemplate with the
// overrides beside its href (null erases for this creation only), or takes
// a template given by value (VolumeTemplateByValue is offered).
func (rq *request) effectiveVolumeTemplate(in map[string]any) (map[string]any, string, error) {
	eff, from := map[string]any{}, ""
	if href, _ := in["href"].(string); href != "" {
		tr := rq.resolve(href, "VolumeTemplate")
		if tr == nil {
			return nil, "", errorf(http.StatusBadRequest, "volumeTemplate %s is not a VolumeTemplate of this provider", href)
		}
		for k, v := range tr.vals {
			eff[k] = v
		}
		from = tr.path
	} else if rq.s.fault(FaultVolumeTemplateByValueRefused) {
		return nil, "", errorf(http.StatusBadRequest, "volumeTemplate by value is not supported")
	}
	mergeOverrides(eff, in)
	return eff, from, nil
}

// newVolume checks the parts of an effective template and stores the
// Volume, CREATING, with the create's name, description and properties.
func (rq *request) newVolume(tmpl, body map[string]any) (*resource, error) {
	if err := rq.checkMonitorTemplates(tmpl); err != nil {
		return nil, err
	}
	cfg, err := rq.volumeConfigValues(tmpl["volumeConfig"], true)
	if err != nil {
		return nil, err
	}
	img, err := rq.volumeImageValues(tmpl["volumeImage"])
	if err != nil {
		return nil, err
	}
	capacity, _ := cfg["capacity"].(int64)
	if rq.s.fault(FaultVolumeCapacityInBytes) {
		capacity *= 1000
	}
	vol := &resource{typ: "Volume", vals: map[string]any{
		"state": "CREATING", "type": rq.volumeType(cfg["type"]), "capacity": capacity, "bootable": false,
		"availabilityLevel": "standard",
	}}
	if b, ok := img["bootable"].(bool); ok && !rq.s.fault(FaultVolumeBootableIgnored) {
		vol.vals["bootable"] = b
	}
	if rq.s.major == 2 {
		vol.vals["resourceMetadata"] = refPath("resourceMetadata/volume")
		if rm := rq.genMetadata(tmpl["genResourceMetadata"]); rm != "" {
			vol.vals["resourceMetadata"] = refPath(rm)
			if rq.s.fault(FaultVolumeGenMetadataIgnored) {
				delete(vol.vals, "resourceMetadata")
			}
		}
	}
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil && !isEmpty(v) && !(k != "name" && rq.s.fault(FaultVolumeCreateDropsProperties)) {
			vol.vals[k] = v
		}
	}
	rq.t.add("volumes", vol)
	vol.vals["images"] = refPath(vol.path + "/images")
	vol.vals["meters"] = refPath(vol.path + "/meters")
	if !rq.s.fault(FaultVolumeMonitorsIgnored) {
		_ = rq.monitorNew(vol, tmpl) // checkVolumeRefs resolved its templates
	}
	return vol, nil
}

// volumeConfigValues gives the values of a volumeConfig given by reference
// or, since VolumeConfigByValue is offered, by value.
func (rq *request) volumeConfigValues(v any, required bool) (map[string]any, error) {
	switch x := v.(type) {
	case nil:
		if required {
			return nil, errorf(http.StatusBadRequest, "the volumeTemplate has no volumeConfig")
		}
		return nil, nil
	case refPath:
		if r := rq.t.get(string(x)); r != nil && r.typ == "VolumeConfiguration" {
			return r.vals, nil
		}
		return nil, errorf(http.StatusBadRequest, "the volumeConfig no longer exists")
	case map[string]any:
		href, _ := x["href"].(string)
		if href == "" {
			if rq.s.fault(FaultVolumeConfigByValueRefused) {
				return nil, errorf(http.StatusBadRequest, "volumeConfig by value is not supported")
			}
			if c, _ := x["capacity"].(int64); c <= 0 {
				return nil, errorf(http.StatusBadRequest, "a volumeConfig by value needs a positive capacity")
			}
			return x, nil
		}
		r := rq.resolve(href, "VolumeConfiguration")
		if r == nil {
			return nil, errorf(http.StatusBadRequest, "volumeConfig %s is not a VolumeConfiguration of this provider", href)
		}
		return r.vals, nil
	}
	return nil, errorf(http.StatusBadRequest, "volumeConfig is not a reference")
}

// volumeImageValues gives the values of an optional volumeImage given by
// reference or, since VolumeImageByValue is offered, by value.
func (rq *request) volumeImageValues(v any) (map[string]any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case refPath:
		if r := rq.t.get(string(x)); r != nil && r.typ == "VolumeImage" {
			return r.vals, nil
		}
		return nil, errorf(http.StatusBadRequest, "the volumeImage no longer exists")
	case map[string]any:
		href, _ := x["href"].(string)
		if href == "" {
			if rq.s.fault(FaultVolumeImageByValueRefused) {
				return nil, errorf(http.StatusBadRequest, "volumeImage by value is not supported")
			}
			if locationOf(x["imageLocation"]) == "" {
				return nil, errorf(http.StatusBadRequest, "a volumeImage by value needs an imageLocation")
			}
			return x, nil
		}
		r := rq.resolve(href, "VolumeImage")
		if r == nil {
			return nil, errorf(http.StatusBadRequest, "volumeImage %s is not a VolumeImage of this provider", href)
		}
		if r.str("state") != "AVAILABLE" {
			return nil, errorf(http.StatusConflict, "volumeImage %s is %s", href, r.str("state"))
		}
		return r.vals, nil
	}
	return nil, errorf(http.StatusBadRequest, "volumeImage is not a reference")
}

// listVolumes gives the Volumes the collection shows (a switch hides the
// Consumer's).
func (rq *request) listVolumes() []*resource {
	return rq.unlisted("volumes", FaultVolumeCreateUnlisted)
}

// volumeOps: a Volume at rest may be edited, deleted, snapshotted (posted
// to the VolumeImageCollection, digest REC) and restored; one being made,
// copied, restored or deleted offers nothing but edit while busy.
func (rq *request) volumeOps(v *resource) []any {
	self := rq.rend.abs(refPath(v.path))
	switch v.str("state") {
	case "CREATING", "DELETING":
		return nil
	case "CAPTURING", "RESTORING":
		return []any{op("edit", self)}
	}
	return []any{op("edit", self), op("delete", self),
		op(rq.rend.ns+"/action/snapshot", rq.rend.abs("volumeImages")),
		op(rq.rend.ns+"/action/restore", rq.rend.abs(refPath(v.path+"/restore")))}
}

// volumeChild answers below a Volume: its images and meters, and restore.
func (rq *request) volumeChild(v *resource, rest []string) error {
	if len(rest) != 1 {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	path := v.path + "/" + rest[0]
	switch {
	case rest[0] == "images" && rq.isRead():
		coll := "VolumeImageCollection"
		if rq.s.major == 1 {
			coll = "VolumeVolumeImageCollection"
		}
		if rq.s.fault(FaultVolumeImagesWrongCollection) {
			coll = "MeterCollection"
		}
		return rq.listCollection(path, coll, rq.t.items(path), false)
	case rest[0] == "meters" && rq.isRead():
		coll := "MeterCollection"
		if rq.s.fault(FaultVolumeMetersWrongCollection) {
			coll = "VolumeImageCollection"
		}
		return rq.listCollection(path, coll, rq.t.items(path), false)
	case rest[0] == "restore":
		return rq.restoreVolume(v)
	case rest[0] == "images" || rest[0] == "meters":
		return methodNotAllowed("GET", "HEAD")
	}
	return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
}

// restoreVolume restores a Volume from one of its images: RESTORING, then
// AVAILABLE (§5.15.1.2, l.3018-3049).
func (rq *request) restoreVolume(v *resource) error {
	if rq.r.Method != http.MethodPost {
		return methodNotAllowed("POST")
	}
	body, err := rq.action("restore")
	if err != nil {
		return err
	}
	ref, _ := body["image"].(map[string]any)
	href, _ := ref["href"].(string)
	switch {
	case rq.s.fault(FaultVolumeRestoreRefused):
		return errorf(http.StatusBadRequest, "restore is not possible")
	case href == "" && !rq.s.fault(FaultVolumeRestoreWithoutImage):
		return errorf(http.StatusBadRequest, "restore needs an image reference")
	case v.str("state") != "AVAILABLE":
		return errorf(http.StatusConflict, "the Volume is %s; restore needs it AVAILABLE", v.str("state"))
	}
	if href != "" {
		img := rq.resolve(href, "VolumeImage")
		if img == nil || img.str("state") != "AVAILABLE" {
			return errorf(http.StatusBadRequest, "image %s is not an AVAILABLE VolumeImage of this provider", href)
		}
	}
	j := rq.t.newJob(rq.rend.ns+"/action/restore", v.path)
	after := "AVAILABLE"
	if rq.s.fault(FaultVolumeRestoreEndsError) {
		after = "ERROR"
	}
	rq.advance(v, j, []string{"RESTORING"}, after, nil)
	rq.jobHeader(j)
	if jobDone(j) {
		rq.send(http.StatusOK, nil)
		return nil
	}
	rq.writeResource(http.StatusAccepted, j)
	return nil
}

// volumeUpdate: capacity may grow; shrinking it would need an evaluation
// this provider does not make, so it is refused (Table 26).
func (rq *request) volumeUpdate(v *resource, body map[string]any, names []string) ([]string, error) {
	c, sent := body["capacity"].(int64)
	old, _ := v.vals["capacity"].(int64)
	switch {
	case !sent || !slices.Contains(names, "capacity"):
		// An update without capacity keeps it: a Volume's size is not
		// erased by leaving it out.
		return slices.DeleteFunc(names, func(n string) bool { return n == "capacity" }), nil
	case c < old:
		return nil, errorf(http.StatusBadRequest, "capacity can only grow here (%d < %d)", c, old)
	case rq.s.fault(FaultVolumeResizeIgnored):
		return slices.DeleteFunc(names, func(n string) bool { return n == "capacity" }), nil
	}
	return names, nil
}

// deleteVolume: DELETING, then gone, and gone from every Machine it was
// connected to (§5.5.12.4, l.1660-1664); its images stay (Table 26).
func (rq *request) deleteVolume(v *resource) error {
	j := rq.t.newJob(rq.actionURI("delete"), v.path)
	rq.jobHeader(j)
	gone := func() {
		images := rq.t.items(v.path + "/images")
		if rq.s.fault(FaultVolumeDeleteLeavesAttachments) {
			defer rq.t.keepAttachments(v.path)()
		} else {
			rq.t.removeAttachments(v.path)
		}
		rq.t.remove(v.path)
		if rq.s.fault(FaultVolumeDeleteTakesImages) {
			for _, img := range images {
				if img.typ == "VolumeVolumeImage" {
					p, _ := img.vals["volumeImage"].(refPath)
					img = rq.t.get(string(p))
				}
				if img != nil {
					rq.t.remove(img.path)
				}
			}
		}
		rq.t.finish(j, true, "")
	}
	rq.deleteLater(v, gone)
	return nil
}

// keepAttachments gives back, after the Volume at path is removed, the
// Machines' records of it with their reference (a fault).
func (t *tenant) keepAttachments(path string) func() {
	kept := t.attachmentsOf(path)
	return func() {
		for _, r := range kept {
			r.vals["volume"] = refPath(path)
		}
	}
}

// removeAttachments drops every Machine's record of the Volume at path.
func (t *tenant) removeAttachments(path string) {
	for _, r := range t.attachmentsOf(path) {
		t.remove(r.path)
	}
}

// attachmentsOf lists the Machines' records of the Volume at path.
func (t *tenant) attachmentsOf(path string) []*resource {
	var out []*resource
	for _, r := range t.res {
		if (r.typ == "locatedVolume" || r.typ == "MachineVolume") && r.vals["volume"] == refPath(path) {
			out = append(out, r)
		}
	}
	return out
}
