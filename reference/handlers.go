package reference

import (
	"net/http"
	"slices"
	"strings"
)

// route dispatches a request on its path below /cimi/, by the table of
// table.go.
func (rq *request) route() error {
	path, ok := strings.CutPrefix(rq.r.URL.Path, "/cimi/")
	if !ok {
		return errorf(http.StatusNotFound, "no CIMI resource at %s; the Cloud Entry Point is %s", rq.r.URL.Path, EntryPointPath)
	}
	if path == "cloudEntryPoint" {
		return rq.cloudEntryPoint()
	}
	if isPackagePath(rq.r.URL.Path) {
		return rq.servePackage()
	}
	segs := strings.Split(path, "/")
	k := rowAt(segs[0], rq.s.major)
	switch {
	case k == nil:
	case len(segs) == 1:
		return rq.collection(k)
	case len(segs) == 2 && segs[1] == "import" && k.imports != nil:
		if rq.r.Method != http.MethodPost {
			return methodNotAllowed("POST")
		}
		return k.imports(rq)
	case len(segs) == 2:
		return rq.resource(rq.t.get(path))
	case rq.t.get(path) != nil:
		// A stored resource below another (a Machine's Disk) is served as
		// any resource, whatever became of its parent.
		return rq.resource(rq.t.get(path))
	case k.child != nil:
		r := rq.t.get(segs[0] + "/" + segs[1])
		if r == nil {
			return errorf(http.StatusNotFound, "no %s at %s", k.typ, rq.r.URL.Path)
		}
		return k.child(rq, r, segs[2:])
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
	rq.emit(&answer{status: http.StatusOK, typ: "CloudEntryPoint", body: rq.renderCEP()})
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
	for k, v := range cep.vals {
		vals[k] = v
	}
	for _, k := range table {
		if k.serves(rq.s.major) {
			vals[k.attr] = refPath(k.attr)
		}
	}
	if rq.s.major == 2 && rq.s.fault(FaultNetwork1xCollectionListed) {
		vals["networkConfigs"] = refPath("networkTemplates")
	}
	if rq.s.major == 1 && rq.s.fault(FaultV1CEPListsSegments) {
		vals["segments"] = refPath("networks")
	}
	vals["operations"] = []any{op("edit", rq.rend.abs("cloudEntryPoint"))}
	return rq.rend.object(types["CloudEntryPoint"], vals, types["CloudEntryPoint"].fields)
}

func op(rel, href string) omap { return omap{{"rel", rel}, {"href", href}} }

// --- collections (§5.5.12) ---------------------------------------------------

// collection answers a request on the collection of kind k.
func (rq *request) collection(k *typeRow) error {
	creatable := k.create != nil
	switch {
	case rq.isRead():
		items := rq.t.items(k.attr)
		if k.list != nil {
			items = k.list(rq)
		}
		coll := k.coll
		if k.attr == "meterConfigs" && rq.s.fault(FaultMeterConfigsWrongCollection) {
			coll = "MeterTemplateCollection"
		}
		var ops []any
		if k.imports != nil {
			ops = append(ops, op(rq.rend.ns+"/action/import", rq.rend.abs(refPath(k.attr+"/import"))))
		}
		return rq.listCollection(k.attr, coll, items, creatable, ops...)
	case rq.r.Method == http.MethodPost && creatable:
		return k.create(rq)
	case creatable:
		return methodNotAllowed("GET", "HEAD", "POST")
	}
	return methodNotAllowed("GET", "HEAD")
}

// --- single resources ------------------------------------------------------------

// render gives the full representation of a stored resource, as every
// answer shows it (alone, in a collection, expanded).
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
	if ops := rq.operations(r); len(ops) > 0 {
		vals["operations"] = ops
	}
	if k := rowOf(r.typ, rq.s.major); k != nil && k.live != nil {
		k.live(rq, r, vals)
	}
	return rq.spoilResource(r, rq.rend.object(types[r.typ], vals, types[r.typ].fields))
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
	rendered := rq.render(r)
	if rq.plainRead(q, sel) {
		rq.sendPlain(r, rendered)
		return nil
	}
	rq.w.Header().Set("ETag", rq.etagOf(r, rendered))
	m := selectAttrs(rq.expandRefs(rendered, r, q), sel)
	rq.emit(&answer{status: http.StatusOK, op: "read", typ: r.typ, res: r, body: m, selected: sel != nil, selection: sel})
	return nil
}

// plainRead reports whether a read is the common case: the whole
// resource in JSON, nothing selected or expanded, on a reference with no
// fault or variation on. Its body is then the very rendering its ETag
// hashes, encoded once (sendPlain): the reference as a load target.
func (rq *request) plainRead(q *query, sel map[string]bool) bool {
	return rq.out != "xml" && sel == nil && q.expand == nil && !q.expandAll && rq.s.plain()
}

// sendPlain answers a plain read: the rendering is encoded once, hashed
// for the ETag, and sent after the resourceURI.
func (rq *request) sendPlain(r *resource, rendered omap) {
	enc := encodeJSONSized(rendered, 2048)
	rq.w.Header().Set("ETag", etagOfEncoding(enc))
	typeURI := rq.typeURIOf(r.typ)
	if typeURI == "" {
		rq.send(http.StatusOK, enc)
		return
	}
	body := make([]byte, 0, len(enc)+96)
	body = append(body, `{"resourceURI":`...)
	body = appendJSONString(body, typeURI)
	if len(enc) > 3 { // more than "{}\n"
		body = append(body, ',')
	}
	body = append(body, enc[1:]...)
	rq.send(http.StatusOK, body)
}

// writeResource sends the representation of r.
func (rq *request) writeResource(status int, r *resource) {
	rq.emit(&answer{status: status, typ: r.typ, res: r, body: rq.render(r)})
}

// operations lists what the caller may do with r now (§4.2, l.857-861).
func (rq *request) operations(r *resource) []any {
	k := rowOf(r.typ, rq.s.major)
	switch {
	case k == nil && r.typ == "MachineVolume":
		// A 1.x Volume is disconnected by deleting its record.
		return []any{op("delete", rq.rend.abs(refPath(r.path)))}
	case k == nil:
		return nil
	case k.ops != nil:
		return k.ops(rq, r)
	}
	self := rq.rend.abs(refPath(r.path))
	return []any{op("edit", self), op("delete", self)}
}

// resource handles GET, PUT and DELETE on a stored resource.
func (rq *request) resource(r *resource) error {
	if r == nil {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	if r.lateAfter != nil && r.lateAfter.str("state") == "SUCCESS" && rq.r.Method == http.MethodGet {
		r.lateAfter = nil
		return errorf(http.StatusNotFound, "no resource at %s yet", rq.r.URL.Path)
	}
	switch {
	case rq.isRead():
		return rq.read(r)
	case rq.r.Method == http.MethodPut && rq.allows(r, "edit"):
		if err := rq.checkIfMatch(r); err != nil {
			return err
		}
		return rq.update(r)
	case rq.r.Method == http.MethodDelete && rq.allows(r, "delete"):
		if err := rq.checkIfMatch(r); err != nil {
			return err
		}
		return rq.delete(r)
	case rq.r.Method == http.MethodPut || rq.r.Method == http.MethodDelete:
		return errorf(http.StatusConflict, "%s is not allowed on this %s now", rq.r.Method, r.typ)
	}
	return methodNotAllowed("GET", "HEAD", "PUT", "DELETE")
}

// allows tells whether r takes the operation: the reference honours only
// what it advertises, unless a fault says otherwise.
func (rq *request) allows(r *resource, rel string) bool {
	if r.typ == "Machine" && rq.s.fault(FaultUnadvertisedHonoured) {
		return true
	}
	return hasOp(rq.operations(r), rel)
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
	var fixed []string
	if k := rowOf(typ, major); k != nil {
		fixed = k.fixed
	}
	var out []string
	for _, f := range types[typ].fields {
		if f.ro || (f.only != 0 && f.only != major) || slices.Contains(fixed, f.name) {
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
	if k := rowOf(r.typ, rq.s.major); k != nil {
		if k.update != nil {
			if names, err = k.update(rq, r, body, names); err != nil {
				return err
			}
		}
		if k.updateIgnored != "" && rq.s.fault(k.updateIgnored) {
			names = nil
		}
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

// delete removes r, through its kind's hook where it has one.
func (rq *request) delete(r *resource) error {
	k := rowOf(r.typ, rq.s.major)
	if k != nil && k.deleteIgnored != "" && rq.s.fault(k.deleteIgnored) {
		rq.completedJob("delete", r.path)
		rq.deleted()
		return nil
	}
	if k != nil && k.remove != nil {
		return k.remove(rq, r)
	}
	if r.typ == "MachineVolume" && rq.s.fault(FaultMachineVolumeDeleteIgnored) {
		rq.completedJob("delete", r.path)
		rq.deleted()
		return nil
	}
	rq.t.remove(r.path)
	rq.completedJob("delete", r.path)
	rq.deleted()
	return nil
}

// deleted answers a finished DELETE: 200, or 204 where a variation asks.
func (rq *request) deleted() {
	if rq.s.varies(VariationDelete204) {
		rq.send(http.StatusNoContent, nil)
		return
	}
	rq.send(http.StatusOK, nil)
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
	if rq.r.Method == http.MethodPut && rq.s.fault(FaultJobURIMissingOnPut) {
		return
	}
	rq.w.Header().Set("CIMI-Job-URI", rq.rend.absolute(refPath(j.path)))
}

// answerJob answers an action with its Job: 202 while it runs, 204 once
// it has ended.
func (rq *request) answerJob(j *resource) {
	if jobDone(j) {
		rq.send(http.StatusNoContent, nil)
		return
	}
	rq.writeResource(http.StatusAccepted, j)
}

// action reads an Action body and checks that it names the operation it was
// posted to (REC: a mismatch is a bad request).
func (rq *request) action(name string) (map[string]any, error) {
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
