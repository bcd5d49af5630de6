package reference

import (
	"net/http"
	"strconv"
	"strings"
)

// topCollections maps the path segment of each Cloud Entry Point collection
// to its collection type; creatable ones take POST on the collection.
var topCollections = map[string]struct {
	coll      string
	creatable bool
}{
	"resourceMetadata":    {"ResourceMetadataCollection", false},
	"machines":            {"MachineCollection", true},
	"machineTemplates":    {"MachineTemplateCollection", true},
	"machineConfigs":      {"MachineConfigurationCollection", true},
	"machineImages":       {"MachineImageCollection", true},
	"credentials":         {"CredentialCollection", true},
	"credentialTemplates": {"CredentialTemplateCollection", true},
	"jobs":                {"JobCollection", false},
}

// route dispatches a request on its path below /cimi/.
func (rq *request) route() error {
	path, ok := strings.CutPrefix(rq.r.URL.Path, "/cimi/")
	if !ok {
		return errorf(http.StatusNotFound, "no CIMI resource at %s; the Cloud Entry Point is %s", rq.r.URL.Path, EntryPointPath)
	}
	segs := strings.Split(path, "/")
	top, isTop := topCollections[segs[0]]
	switch {
	case path == "cloudEntryPoint":
		return rq.cloudEntryPoint()
	case isTop && len(segs) == 1:
		return rq.topCollection(segs[0], top.coll, top.creatable)
	case isTop && len(segs) == 2:
		return rq.resource(rq.t.get(path))
	case segs[0] == "machines" && len(segs) == 3:
		return rq.machineChild(segs[1], segs[2])
	case segs[0] == "machines" && len(segs) == 4 && (segs[2] == "disks" || segs[2] == "snapshots"):
		return rq.resource(rq.t.get(path))
	case segs[0] == "jobs" && len(segs) == 3 && segs[2] == "stop":
		return rq.jobStop(rq.t.get("jobs/" + segs[1]))
	}
	return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
}

func (rq *request) isRead() bool {
	return rq.r.Method == http.MethodGet || rq.r.Method == http.MethodHead
}

// --- Cloud Entry Point (§5.12) -----------------------------------------------

func (rq *request) cloudEntryPoint() error {
	switch {
	case rq.isRead():
	case rq.r.Method == http.MethodPut:
		body, err := rq.body(types["CloudEntryPoint"])
		if err != nil {
			return err
		}
		cep := rq.t.cep()
		applyUpdate(cep, body, []string{"name", "description", "properties"})
		cep.updated = rq.s.now()
		rq.completedJob("edit", "cloudEntryPoint")
	default:
		return methodNotAllowed("GET", "HEAD", "PUT")
	}
	rq.write(http.StatusOK, "CloudEntryPoint", rq.renderCEP())
	return nil
}

// cep holds the user's Cloud Entry Point attributes that a PUT may change.
func (t *tenant) cep() *resource {
	r := t.res["cloudEntryPoint"]
	if r == nil {
		r = &resource{typ: "CloudEntryPoint", path: "cloudEntryPoint", created: t.s.now(),
			vals: map[string]any{"name": "cimitest reference provider",
				"description": "the reference CIMI provider shipped with cimitest"}}
		r.updated = r.created
		t.res[r.path] = r
	}
	return r
}

func (rq *request) renderCEP() omap {
	cep := rq.t.cep()
	vals := map[string]any{
		"id": rq.rend.abs("cloudEntryPoint"), "baseURI": rq.rend.base,
		"created": cep.created, "updated": cep.updated,
	}
	if rq.s.fault(FaultBaseURIRelative) {
		vals["baseURI"] = "/cimi/"
	}
	for k, v := range cep.vals {
		vals[k] = v
	}
	for _, c := range cepCollections {
		vals[c.attr] = refPath(c.attr)
	}
	if rq.s.fault(FaultCEPWithoutConfigs) {
		delete(vals, "machineConfigs")
	}
	if rq.s.fault(FaultProviderDollarParam) {
		vals["jobs"] = refPath("jobs?$page=1")
	}
	vals["operations"] = []any{op("edit", rq.rend.abs("cloudEntryPoint"))}
	if rq.s.fault(FaultCEPOffersAdd) {
		vals["operations"] = append(vals["operations"].([]any), op("add", rq.rend.abs("cloudEntryPoint")))
	}
	return rq.rend.object(types["CloudEntryPoint"], vals, types["CloudEntryPoint"].fields)
}

func op(rel, href string) omap { return omap{{"rel", rel}, {"href", href}} }

// --- collections (§5.5.12) ---------------------------------------------------

func (rq *request) topCollection(seg, coll string, creatable bool) error {
	switch {
	case rq.isRead():
		return rq.listCollection(seg, coll, rq.listed(seg), creatable)
	case rq.r.Method == http.MethodPost && creatable:
		return rq.create(seg)
	case creatable:
		return methodNotAllowed("GET", "HEAD", "POST")
	}
	return methodNotAllowed("GET", "HEAD")
}

// listed gives the items a top collection shows, as fault switches spoil it.
func (rq *request) listed(seg string) []*resource {
	items := rq.t.items(seg)
	if seg != "machines" {
		return items
	}
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

// typeURIOf gives the JSON resourceURI of a type, which a fault may spoil.
func (rq *request) typeURIOf(typ string) string {
	if typ == "Machine" && rq.s.fault(FaultWrongResourceURI) {
		return rq.rend.typeURI("VirtualMachine")
	}
	return rq.rend.typeURI(typ)
}

// create dispatches POST on a creatable collection.
func (rq *request) create(seg string) error {
	switch seg {
	case "machines":
		return rq.createMachine()
	case "machineTemplates":
		return rq.createTemplate()
	case "machineConfigs":
		return rq.createConfig()
	case "machineImages":
		return rq.createImage(nil)
	case "credentials":
		return rq.createCredential()
	case "credentialTemplates":
		return rq.createCredentialTemplate()
	}
	return methodNotAllowed("GET", "HEAD")
}

// --- single resources ------------------------------------------------------------

// render gives the full representation of a stored resource.
func (rq *request) render(r *resource) omap {
	vals := make(map[string]any, len(r.vals)+4)
	for k, v := range r.vals {
		vals[k] = v
	}
	vals["id"] = rq.rend.abs(refPath(r.path))
	vals["created"] = r.created
	vals["updated"] = r.updated
	if r.typ == "Disk" && rq.s.major == 2 {
		vals["parent"] = refPath(r.path[:strings.LastIndexByte(r.path, '/')])
	}
	if c, ok := vals["capacity"].(int64); ok && r.typ == "Disk" && rq.s.fault(FaultDiskCapacityString) {
		vals["capacity"] = strconv.FormatInt(c, 10)
	}
	if r.typ == "Machine" && rq.s.fault(FaultRMExtensionMissing) {
		delete(vals, "region")
	}
	if r.typ == "Machine" && rq.s.major == 2 && rq.s.fault(FaultRMInstanceWrong) {
		vals["resourceMetadata"] = refPath("resourceMetadata/credential")
	}
	if ops := rq.operations(r); len(ops) > 0 {
		vals["operations"] = ops
	}
	return rq.rend.object(types[r.typ], vals, types[r.typ].fields)
}

// read answers GET on a resource, with $select and $expand (§4.1.6.3-4)
// and its ETag.
func (rq *request) read(r *resource) error {
	q, err := parseQuery(rq.r.URL, rq.s.fault)
	if err != nil {
		return err
	}
	sel := q.selected
	if q.itemSel != nil && sel == nil {
		sel = map[string]bool{}
	}
	if rq.s.fault(FaultExpandUnknownRejected) {
		for name := range q.expand {
			if f := types[r.typ].field(name, rq.s.major); name != "*" && (f == nil || (f.kind != kRef && f.kind != kColl)) {
				return errorf(http.StatusBadRequest, "$expand names %s, which is not a reference of a %s", name, r.typ)
			}
		}
	}
	m := selectAttrs(rq.expandRefs(rq.render(r), r, q), sel)
	if sel["*"] && rq.s.fault(FaultSelectStarNoOps) {
		m = selectAttrs(m, allBut(m, "operations"))
	}
	if r.typ == "ResourceMetadata" && rq.s.fault(FaultIDNotSelf) {
		m = withValue(m, "id", rq.rend.abs("resourceMetadata"))
	}
	if r.typ == "Machine" && rq.s.fault(FaultMachineIDSlash) {
		m = withValue(m, "id", rq.rend.abs(refPath(r.path))+"/")
	}
	rq.w.Header().Set("ETag", rq.etag(r))
	rq.writeRendered(http.StatusOK, r, m, sel != nil)
	return nil
}

// writeResource sends the representation of r.
func (rq *request) writeResource(status int, r *resource) {
	rq.writeRendered(status, r, rq.render(r), false)
}

// writeRendered sends a rendered resource; JSON always names its type
// (§4.1.4, l.591-592), unless a fault drops it from a $select answer.
func (rq *request) writeRendered(status int, r *resource, m omap, selected bool) {
	if r.typ == "Machine" {
		m = rq.machineFaults(m)
	}
	if r.typ == "Disk" && rq.out == "json" && rq.s.fault(FaultDiskVendorMediaType) {
		rq.mediaType = "application/vnd.cimi+json"
	}
	if r.typ == "Disk" && rq.s.fault(FaultDiskWithoutContentType) {
		rq.mediaType = "-"
	}
	if rq.out == "json" {
		if selected && rq.s.fault(FaultSelectDropsResourceURI) {
			rq.send(status, encodeJSON(m))
			return
		}
		rq.send(status, encodeJSON(append(omap{{"resourceURI", rq.typeURIOf(r.typ)}}, m...)))
		return
	}
	rq.send(status, writeXML(rq.s.xmlStyle(), r.typ, types[r.typ], m))
}

// operations lists what the caller may do with r now (§4.2, l.857-861).
func (rq *request) operations(r *resource) []any {
	self := rq.rend.abs(refPath(r.path))
	switch r.typ {
	case "Machine":
		return rq.machineOps(r)
	case "Job":
		var ops []any
		if !jobDone(r) {
			ops = append(ops, op(rq.rend.ns+"/action/stop", self+"/stop"))
		}
		return append(ops, op("edit", self), op("delete", self))
	case "MachineImage":
		if s := r.str("state"); s == "CREATING" || s == "DELETING" {
			return nil
		}
		return []any{op("edit", self), op("delete", self)}
	case "MachineTemplate", "MachineConfiguration", "Credential", "CredentialTemplate":
		return []any{op("edit", self), op("delete", self)}
	}
	return nil
}

// resource handles GET, PUT and DELETE on a stored resource.
func (rq *request) resource(r *resource) error {
	if r == nil && strings.HasPrefix(rq.r.URL.Path, "/cimi/machines/") && rq.s.fault(FaultGoneAnswers410) {
		return errorf(http.StatusGone, "no resource at %s", rq.r.URL.Path)
	}
	if r == nil {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	switch {
	case rq.isRead():
		return rq.read(r)
	case rq.r.Method == http.MethodPut && hasOp(rq.operations(r), "edit"):
		if err := rq.checkIfMatch(r); err != nil {
			return err
		}
		return rq.update(r)
	case rq.r.Method == http.MethodDelete && hasOp(rq.operations(r), "delete"):
		if err := rq.checkIfMatch(r); err != nil {
			return err
		}
		return rq.delete(r)
	case rq.r.Method == http.MethodPut || rq.r.Method == http.MethodDelete:
		return errorf(http.StatusConflict, "%s is not allowed on this %s now", rq.r.Method, r.typ)
	}
	return methodNotAllowed("GET", "HEAD", "PUT", "DELETE")
}

func hasOp(ops []any, rel string) bool {
	for _, o := range ops {
		if m, ok := o.(omap); ok && m.get("rel") == rel {
			return true
		}
	}
	return false
}

// writable lists the attributes a PUT replaces, per type: everything not
// read-only, except what is fixed at creation.
func writable(typ string, major int) []string {
	var out []string
	for _, f := range types[typ].fields {
		if f.ro || (f.only != 0 && f.only != major) {
			continue
		}
		if typ == "MachineImage" && (f.name == "type" || f.name == "imageLocation") {
			continue
		}
		out = append(out, f.name)
	}
	return out
}

// update replaces the writable attributes of r (§4.2.1.3): an attribute
// absent from the body is removed (§5.5, l.1274-1275), read-only ones are
// ignored without error (l.1025-1027). With ?$select=a,b only a and b are
// replaced, and an attribute in the body that is not selected is an error
// (§4.2.1.3.1, l.1053-1084).
func (rq *request) update(r *resource) error {
	q, err := parseQuery(rq.r.URL, rq.s.fault)
	if err != nil {
		return err
	}
	body, err := rq.body(types[r.typ])
	if err != nil {
		return err
	}
	names := writable(r.typ, rq.s.major)
	if q.selected != nil && !q.selected["*"] && !rq.s.fault(FaultPartialUpdateIgnored) {
		for k := range body {
			if !q.selected[k] {
				return errorf(http.StatusBadRequest, "%s is in the body but not in $select, so unknown to the selected subset", k)
			}
		}
		var subset []string
		for _, n := range names {
			_, sent := body[n]
			if q.selected[n] && (sent || !rq.s.fault(FaultPartialUpdateKeeps)) {
				subset = append(subset, n)
			}
		}
		names = subset
	}
	if err := rq.checkRefs(r.typ, body); err != nil {
		return err
	}
	if (r.typ == "MachineTemplate" && rq.s.fault(FaultTemplateUpdateIgnored)) || (r.typ == "Credential" && rq.s.fault(FaultCredentialUpdateIgnored)) {
		names = nil
	}
	if _, sent := body["region"].(string); sent && r.typ == "Machine" && rq.s.fault(FaultRMReadOnlyWritten) {
		names = append(names, "region")
	}
	if p, ok := body["properties"].(map[string]string); ok && len(p) > 8 && rq.s.fault(FaultMaxPropertiesTruncated) {
		kept := map[string]string{}
		for _, k := range sortedKeys(p)[:8] {
			kept[k] = p[k]
		}
		body["properties"] = kept
	}
	applyUpdate(r, body, names)
	r.updated = rq.s.now()
	rq.completedJob("edit", r.path)
	rq.w.Header().Set("ETag", rq.etag(r))
	rq.writeResource(http.StatusOK, r)
	return nil
}

func applyUpdate(r *resource, body map[string]any, names []string) {
	for _, name := range names {
		v, ok := body[name]
		if !ok || v == nil || isEmpty(v) {
			delete(r.vals, name)
			continue
		}
		r.vals[name] = v
	}
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case string:
		return x == ""
	case map[string]string:
		return len(x) == 0
	case []any:
		return len(x) == 0
	}
	return false
}

// delete removes r; Machines go through DELETING asynchronously.
func (rq *request) delete(r *resource) error {
	if rq.deleteIgnored(r.typ) {
		rq.completedJob("delete", r.path)
		rq.send(http.StatusOK, nil)
		return nil
	}
	switch r.typ {
	case "Machine":
		return rq.deleteMachine(r)
	case "MachineImage":
		rq.deleteImage(r)
	case "Job":
		if !jobDone(r) && rq.s.fault(FaultRunningJobKept) {
			rq.send(http.StatusOK, nil)
			return nil
		}
		if !jobDone(r) {
			rq.t.stopJob(r)
		}
		rq.t.remove(r.path)
	default:
		rq.t.remove(r.path)
	}
	rq.completedJob("delete", r.path)
	rq.send(http.StatusOK, nil)
	return nil
}

// deleteIgnored tells whether a fault switch makes DELETE a no-op for typ.
func (rq *request) deleteIgnored(typ string) bool {
	switch typ {
	case "MachineTemplate":
		return rq.s.fault(FaultTemplateDeleteIgnored)
	case "MachineConfiguration":
		return rq.s.fault(FaultConfigDeleteIgnored)
	case "MachineImage":
		return rq.s.fault(FaultImageDeleteIgnored)
	}
	return false
}

// completedJob records a synchronous operation and names its Job in the
// CIMI-Job-URI header (§4.2.1.6, l.1116-1122).
func (rq *request) completedJob(action, target string, affected ...string) *resource {
	j := rq.t.newJob(rq.actionURI(action), target, affected...)
	rq.t.finish(j, true, "")
	if rq.t.res[target] == nil && !(strings.HasPrefix(target, "machines/") && rq.s.fault(FaultJobListsDeleted)) {
		// A deleted resource is neither a reference nor listed (§5.10.1, Table 46).
		dropRefs(j.vals, target)
	}
	rq.jobHeader(j)
	return j
}

// actionURI names the kind of action of a Job: the action URI for custom
// operations, and this provider's own URI for CRUD, which the spec leaves open.
func (rq *request) actionURI(action string) string {
	if strings.Contains(action, "/") {
		return action
	}
	return rq.rend.ns + "/action/" + action
}

func (rq *request) jobHeader(j *resource) {
	uri := rq.rend.absolute(refPath(j.path))
	if rq.s.fault(FaultRelativeJobURI) {
		uri = j.path
	}
	rq.w.Header().Set("CIMI-Job-URI", uri)
}

// --- Jobs (§5.17.1.1) --------------------------------------------------------------

func (rq *request) jobStop(j *resource) error {
	if j == nil {
		return errorf(http.StatusNotFound, "no Job at %s", rq.r.URL.Path)
	}
	if rq.r.Method != http.MethodPost {
		return methodNotAllowed("POST")
	}
	if _, err := rq.action(j, "stop"); err != nil {
		return err
	}
	if jobDone(j) {
		return errorf(http.StatusConflict, "the Job has already ended (%s)", j.str("state"))
	}
	rq.t.stopJob(j)
	rq.completedJob(rq.rend.ns+"/action/stop", j.path)
	rq.send(http.StatusOK, nil)
	return nil
}

// stopJob moves a running Job to STOPPED; the work it tracked is left as it is
// (the spec requires no rollback, §5.17.1).
func (t *tenant) stopJob(j *resource) {
	if j.abort != nil {
		j.abort()
		j.abort = nil
	}
	j.vals["state"] = "STOPPED"
	j.vals["progress"] = int64(100)
	j.vals["timeOfStatusChange"] = t.s.now()
	j.vals["statusMessage"] = "stopped on request"
}

// action reads an Action body and checks that it names the operation it was
// posted to (REC: a mismatch is a bad request).
func (rq *request) action(r *resource, name string) (map[string]any, error) {
	body, err := rq.body(types["Action"])
	if err != nil {
		return nil, err
	}
	want := rq.rend.ns + "/action/" + name
	if got, _ := body["action"].(string); got != want && !rq.s.fault(FaultActionBodyIgnored) {
		return nil, errorf(http.StatusBadRequest, "the Action names %q; this operation is %s", got, want)
	}
	return body, nil
}

// machineFaults spoils a rendered Machine the way two fault switches ask.
func (rq *request) machineFaults(m omap) omap {
	if rq.out == "xml" && rq.s.fault(FaultJSONXMLDisagree) {
		out := append(omap{}, m...)
		for i, e := range out {
			if n, ok := e.v.(int64); ok && e.k == "cpu" {
				out[i].v = n + 1
			}
		}
		return out
	}
	if rq.out == "json" && rq.s.fault(FaultEmptyValuesSent) && m.get("properties") == nil {
		return append(append(omap{}, m...), kv{"properties", map[string]string{}}, kv{"description", ""})
	}
	return m
}
