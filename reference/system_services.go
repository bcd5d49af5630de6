package reference

import (
	"maps"
	"net/http"
	"slices"
	"strings"
)

// SystemServices (§5.13.3): a SystemTemplate's serviceDescriptors make, with
// the System, a SystemService each, covering the components their #name
// references name. A HighReliability service keeps a backup Machine for
// each Machine it covers (addRM, removeRM, swapBackup, forceSync); a
// DisasterRecovery one only lists its Machines (addRM, removeRM).

func init() {
	nestedRows = append(nestedRows, &typeRow{typ: "SystemService", only: 2, hooks: hooks{ops: (*request).serviceOps,
		remove: (*request).deleteService, updateIgnored: FaultServiceUpdateIgnored}})
	addType("SystemService", withCommon(fURI("serviceType"), fColl("machines"), fParams("parameters"))...)
	addType("RecoverableMachine", withCommon(fRef("backupmachine", "Machine"))...)
	addCollection("RecoverableMachineCollection", "RecoverableMachine", "recoverableMachines")
}

// recoverable is one Machine a SystemService covers and its backup; made
// tells that the service made the backup (removeRM discards it then).
type recoverable struct {
	machine, backup string
	made            bool
}

// serviceActions are the actions of the services the reference offers: an
// active HighReliability service takes them all.
var serviceActions = serviceKinds["highreliability/active"]

// serviceKinds are the service types the reference offers and the actions
// each takes (Tables 11 and 13).
var serviceKinds = map[string][]string{
	"highreliability/active":  {"addRM", "removeRM", "swapBackup", "forceSync"},
	"highreliability/passive": {"addRM", "removeRM", "forceSync"},
	"disasterrecovery/":       {"addRM", "removeRM"},
}

// serviceKind is the key of serviceKinds a serviceType names ("" for none);
// a DisasterRecovery type may lack its trailing slash (Table 14 prints it
// so).
func (rq *request) serviceKind(typ string) string {
	rest, ok := strings.CutPrefix(typ, rq.rend.ns+"/SystemService/")
	if !ok {
		return ""
	}
	if rest == "disasterrecovery" {
		rest += "/"
	}
	if _, ok := serviceKinds[rest]; !ok {
		return ""
	}
	return rest
}

// checkServiceDescriptors: each descriptor has a service type of ours.
func (rq *request) checkServiceDescriptors(tpl map[string]any) error {
	list, _ := tpl["serviceDescriptors"].([]any)
	for i, it := range list {
		d, _ := it.(map[string]any)
		typ, _ := d["serviceType"].(string)
		if rq.serviceKind(typ) == "" {
			return errorf(http.StatusBadRequest, "serviceDescriptors[%d]: this provider offers no service %q", i, typ)
		}
	}
	return nil
}

// makeServices makes the System's SystemServices from its template's
// serviceDescriptors, once its components are made (Table 14, l.2445).
func (rq *request) makeServices(b *systemBuild, tpl map[string]any) error {
	list, _ := tpl["serviceDescriptors"].([]any)
	for _, it := range list {
		d, _ := it.(map[string]any)
		svc := &resource{typ: "SystemService", vals: map[string]any{}}
		for _, k := range []string{"name", "description", "properties", "serviceType"} {
			if v, ok := d[k]; ok && v != nil {
				svc.vals[k] = v
			}
		}
		if typ, _ := d["serviceType"].(string); rq.s.fault(FaultServiceTypeShort) {
			svc.vals["serviceType"] = rq.serviceKind(typ)
		}
		params, _ := d["parameters"].(typedParams)
		svc.vals["parameters"] = maps.Clone(params)
		if rq.s.fault(FaultServiceParametersDropped) {
			svc.vals["parameters"] = typedParams{}
		}
		rq.t.add(b.sys.path+"/services", svc)
		svc.vals["parent"] = refPath(b.sys.path + "/services")
		svc.vals["machines"] = refPath(svc.path + "/machines")
		names, _ := params["machines"].([]string)
		for _, n := range names {
			p, ok := b.named[strings.TrimPrefix(n, "#")]
			if !ok || !strings.HasPrefix(n, "#") {
				return errorf(http.StatusBadRequest, "serviceDescriptors: %q names no Machine of this System", n)
			}
			if rq.s.fault(FaultServiceCoversNothing) {
				continue
			}
			rq.coverMachine(b.sys, svc, p, "")
		}
	}
	return nil
}

// coverMachine adds machine to the service, with backup, or with a new
// backup Machine in the System where none is given and the service keeps
// backups (l.2357-2363).
func (rq *request) coverMachine(sys, svc *resource, machine, backup string) {
	item := recoverable{machine: machine, backup: backup}
	if backup == "" && strings.HasPrefix(rq.serviceKind(svc.str("serviceType")), "highreliability") &&
		!rq.s.fault(FaultServiceNoBackup) {
		item.backup, item.made = rq.backupOf(sys, machine), true
	}
	rq.t.recoverable[svc.path] = append(rq.t.recoverable[svc.path], item)
}

// backupOf makes a STOPPED copy of a Machine of the System, its child.
func (rq *request) backupOf(sys *resource, machine string) string {
	m := rq.t.get(machine)
	vals := map[string]any{"state": "STOPPED"}
	for k, v := range m.vals {
		if k != "state" {
			vals[k] = v
		}
	}
	if name, _ := m.vals["name"].(string); name != "" {
		vals["name"] = name + "-backup"
	}
	b := rq.t.add("machines", &resource{typ: "Machine", vals: vals})
	for _, seg := range []string{"disks", "volumes", "interfaces", "snapshots", "meters"} {
		if _, ok := m.vals[seg]; ok {
			b.vals[seg] = refPath(b.path + "/" + seg)
		}
	}
	rq.adopt(sys, b, "machines")
	rq.t.link(sys.path+"/machines", b.path)
	return b.path
}

// serviceOps: read, update and delete, and the actions of its kind.
func (rq *request) serviceOps(svc *resource) []any {
	self := rq.rend.abs(refPath(svc.path))
	ops := []any{op("edit", self), op("delete", self)}
	for _, name := range serviceKinds[rq.serviceKind(svc.str("serviceType"))] {
		ops = append(ops, op(rq.rend.ns+"/action/"+name, rq.rend.abs(refPath(svc.path+"/"+name))))
	}
	return ops
}

// systemServiceChild answers below a System's services: a service's machines
// and its actions.
func (rq *request) systemServiceChild(sys *resource, rest []string) error {
	svc := rq.t.get(sys.path + "/services/" + rest[0])
	if svc == nil || len(rest) != 2 {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	if rest[1] == "machines" {
		if !rq.isRead() {
			return methodNotAllowed("GET", "HEAD")
		}
		return rq.listCollection(svc.path+"/machines", "RecoverableMachineCollection", rq.recoverableItems(svc), false)
	}
	if rq.r.Method != http.MethodPost || !rq.allows(svc, rq.rend.ns+"/action/"+rest[1]) {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	body, err := rq.action(rest[1])
	if err != nil {
		return err
	}
	node, backup := rq.machineOf(sys, body["node"]), rq.machineOf(sys, body["backup"])
	switch {
	case body["node"] == nil && rq.s.fault(FaultServiceNodeOptional):
	case body["node"] == nil:
		return errorf(http.StatusBadRequest, "%s needs a node", rest[1])
	case node == "" && body["node"] != nil:
		return errorf(http.StatusBadRequest, "the node is not a Machine of this System")
	case body["backup"] != nil && backup == "":
		return errorf(http.StatusBadRequest, "the backup is not a Machine of this System")
	}
	if node != "" { // none only where a switch takes an action without node
		if err := rq.serviceAction(sys, svc, rest[1], node, backup); err != nil {
			return err
		}
	}
	rq.completedJob(rq.rend.ns+"/action/"+rest[1], svc.path)
	rq.send(http.StatusNoContent, nil)
	return nil
}

// machineOf is the path of the Machine of the System a reference names
// ("" for none).
func (rq *request) machineOf(sys *resource, v any) string {
	m := rq.resolve(rq.hrefOf(v), "Machine")
	if m == nil || !rq.t.lists(sys.path+"/machines", m.path) {
		return ""
	}
	return m.path
}

// serviceAction does one of a service's actions to node (l.2368-2431).
func (rq *request) serviceAction(sys, svc *resource, name, node, backup string) error {
	items := rq.t.recoverable[svc.path]
	at := slices.IndexFunc(items, func(it recoverable) bool { return it.machine == node })
	switch {
	case name == "addRM" && at >= 0:
		return errorf(http.StatusConflict, "the Machine is already covered by this service")
	case name == "addRM":
		if rq.s.fault(FaultServiceBackupIgnored) {
			backup = ""
		}
		rq.coverMachine(sys, svc, node, backup)
	case at < 0:
		return errorf(http.StatusConflict, "the Machine is not covered by this service")
	case name == "removeRM" && rq.s.fault(FaultServiceDRRemoveIgnored) && rq.serviceKind(svc.str("serviceType")) == "disasterrecovery/":
	case name == "removeRM":
		gone := items[at]
		rq.t.recoverable[svc.path] = slices.Delete(items, at, at+1)
		if gone.made && !rq.s.fault(FaultServiceBackupKept) {
			rq.t.removeParts(gone.backup)
			rq.t.remove(gone.backup)
		}
	case name == "swapBackup" && !rq.s.fault(FaultServiceSwapIgnored):
		items[at].machine, items[at].backup = items[at].backup, items[at].machine
	}
	return nil
}

// recoverableItems are the service's Machines as RecoverableMachine items:
// each the Machine's id, with its backup (Table 12).
func (rq *request) recoverableItems(svc *resource) []*resource {
	var out []*resource
	for _, it := range rq.t.recoverable[svc.path] {
		m := rq.t.get(it.machine)
		if m == nil {
			continue
		}
		vals := map[string]any{"name": m.vals["name"]}
		if it.backup != "" {
			vals["backupmachine"] = refPath(it.backup)
		}
		out = append(out, &resource{typ: "RecoverableMachine", path: m.path, created: m.created, updated: m.updated, vals: vals})
	}
	return out
}

// deleteService deletes a service and forgets what it covered; the
// Machines stay (Table 10), unless a switch takes them.
func (rq *request) deleteService(svc *resource) error {
	if rq.s.fault(FaultServiceDeleteTakesMachines) {
		for _, it := range rq.t.recoverable[svc.path] {
			rq.t.removeParts(it.machine)
			rq.t.remove(it.machine)
		}
	}
	delete(rq.t.recoverable, svc.path)
	rq.t.remove(svc.path)
	rq.completedJob("delete", svc.path)
	rq.deleted()
	return nil
}
