package suites

import (
	"net/http"
	"slices"

	. "github.com/onsi/gomega" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.13.3, SystemServices: the run makes a System of three Machines
// (primary, spare, standby) from a template with a HighReliability and a
// DisasterRecovery service descriptor naming #primary, then works the
// services' actions and deletes them before the System.

// serviceRun is what the service steps share.
type serviceRun struct {
	sys                        string
	primary, spare, standby    string // the System's Machines
	hr, dr                     string // the two SystemServices
	names                      map[string]string
	highReliability, disasterR string // the service types
}

// Parameters of the run's HighReliability descriptor (Table 15).
const (
	hrHeartbeat       = 500
	hrReplicationType = "asynchronous"
	hrRPO             = 5
	drDataCenter      = "urn:cimitest:backup-data-center"
)

// systemServices makes the System and works its services (S-38 to S-60,
// S-73, S-84).
func (t *T) systemServices(sr *systemRun) {
	t.Must(sr.machineTmpl != "", "no MachineTemplate was made")
	ns := t.env.version.Namespace() + "/SystemService/"
	vr := &serviceRun{names: map[string]string{}, highReliability: ns + "highreliability/active", disasterR: ns + "disasterrecovery/"}
	for _, n := range []string{"primary", "spare", "standby"} {
		vr.names[n] = t.name("svc-" + n + "-" + string(t.F))
	}
	if !t.makeServiceSystem(vr, sr) {
		return
	}
	t.judgeServices(vr)
	t.serviceBackups(vr)
	t.serviceNodeRequired(vr)
	t.serviceSwap(vr)
	t.serviceRemove(vr)
	t.serviceUpdateDelete(vr)
	t.deleteSimple(t.env.client.Resolve(readCEP(t).Href("systems")), vr.sys, "System", checks.SystemDelete)
}

// serviceChecks are the checks that need the service System.
var serviceChecks = []*checks.Check{checks.SystemServices, checks.SystemServiceBackups, checks.SystemServiceNode,
	checks.SystemServiceSwap, checks.SystemServiceRemove, checks.SystemServiceUpdateDelete}

// makeServiceSystem makes the System; false where the Provider refuses
// its service descriptors (every service check is then not supported).
func (t *T) makeServiceSystem(vr *serviceRun, sr *systemRun) bool {
	var descriptors []*model.Node
	for _, n := range []string{"primary", "spare", "standby"} {
		descriptors = append(descriptors, t.descriptor(vr.names[n], "Machine", "machineTemplate", model.Ref(sr.machineTmpl)))
	}
	hr := model.Obj("name", t.name("svc-hr-"+string(t.F)), "description", "high reliability by cimitest",
		"properties", map[string]string{"cimitest.run": t.env.runID}, "serviceType", vr.highReliability,
		"parameters", model.Obj("machines", model.Arr(model.S("#"+vr.names["primary"])), "heartbeat", model.I(hrHeartbeat),
			"replicationType", hrReplicationType, "RPO", model.I(hrRPO)))
	dr := model.Obj("name", t.name("svc-dr-"+string(t.F)), "description", "disaster recovery by cimitest", "serviceType", vr.disasterR,
		"parameters", model.Obj("machines", model.Arr(model.S("#"+vr.names["primary"])), "backupDataCenter", drDataCenter))
	body := model.Obj("name", t.name("system-template-services-"+string(t.F)), "componentDescriptors", model.Arr(descriptors...),
		"serviceDescriptors", model.Arr(hr, dr))
	st, _ := t.optionalSystemTemplate(body, "with HighReliability and DisasterRecovery service descriptors", serviceChecks...)
	if st == "" {
		return false
	}
	vr.sys = t.systemFrom("services", st, checks.SystemServices)
	if vr.sys == "" {
		return false
	}
	byName := map[string]string{}
	for uri, name := range t.namedParts(vr.sys, "machines", "MachineCollection") {
		byName[name] = uri
	}
	vr.primary, vr.spare, vr.standby = byName[vr.names["primary"]], byName[vr.names["spare"]], byName[vr.names["standby"]]
	t.Must(vr.primary != "" && vr.spare != "" && vr.standby != "", "the System lacks a Machine its descriptors named")
	return true
}

// servicesOf reads the System's services, with the answer of the System's
// read.
func (t *T) servicesOf(vr *serviceRun) ([]*model.Node, *client.Response) {
	d, resp := t.read(vr.sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	return t.networkParts(d.Root, "services", "SystemServiceCollection"), resp
}

// covered lists a service's Machines and their backups.
func (t *T) covered(svc string) (map[string]string, *client.Response) {
	d, _ := t.read(svc, "SystemService", model.Full)
	t.Must(d != nil, "the SystemService cannot be read")
	href := d.Root.Href("machines")
	t.Must(href != "", "the SystemService names no machines")
	l := t.list(t.env.client.Resolve(href), "RecoverableMachineCollection")
	out := map[string]string{}
	for _, it := range l.items {
		backup := it.Href("backupmachine")
		if backup != "" {
			backup = t.env.client.Resolve(backup)
		}
		out[t.env.client.Resolve(it.Str("id"))] = backup
	}
	var last *client.Response
	if len(l.resps) > 0 {
		last = l.resps[len(l.resps)-1]
	}
	return out, last
}

// judgeServices: both services, as their descriptors say, covering
// #primary (S-73, S-84, S-39, S-42, S-45, S-59, S-38).
func (t *T) judgeServices(vr *serviceRun) {
	svcs, resp := t.servicesOf(vr)
	var hr, dr *model.Node
	for _, s := range svcs {
		switch s.Str("serviceType") {
		case vr.highReliability:
			hr = s
		case vr.disasterR, vr.disasterR[:len(vr.disasterR)-1]:
			dr = s
		}
	}
	t.Check(checks.SystemServices, ev(resp), func(g Gomega) {
		g.Expect(svcs).To(HaveLen(2), "the System's services")
		g.Expect(hr).NotTo(BeNil(), "a service of type %s", vr.highReliability)
		g.Expect(dr).NotTo(BeNil(), "a service of type %s", vr.disasterR)
		g.Expect(hr.Str("name")).To(Equal(t.name("svc-hr-"+string(t.F))), "name of the HighReliability service")
		g.Expect(hr.Str("description")).To(Equal("high reliability by cimitest"), "description of the HighReliability service")
		params := hr.Get("parameters")
		for key, want := range map[string]string{"heartbeat": "500", "replicationType": hrReplicationType, "RPO": "5"} {
			got, _ := parameter(params, key)
			g.Expect(got).To(Equal(want), "parameters.%s of the HighReliability service", key)
		}
		if t.F == model.JSON {
			for _, key := range []string{"heartbeat", "RPO"} {
				g.Expect(params.Get(key).Kind).To(Equal(model.Number), "parameters.%s of the HighReliability service is a JSON integer", key)
			}
		}
		got, _ := parameter(dr.Get("parameters"), "backupDataCenter")
		g.Expect(got).To(Equal(drDataCenter), "parameters.backupDataCenter of the DisasterRecovery service")
	})
	t.Must(hr != nil && dr != nil, "the System lacks one of its services")
	vr.hr, vr.dr = t.env.client.Resolve(hr.Str("id")), t.env.client.Resolve(dr.Str("id"))
	t.env.ledger.own(vr.hr, "SystemService", hr.Str("name"), "made by the run's System")
	t.env.ledger.own(vr.dr, "SystemService", dr.Str("name"), "made by the run's System")
	hrm, r1 := t.covered(vr.hr)
	drm, r2 := t.covered(vr.dr)
	t.Check(checks.SystemServices, ev(r1, r2), func(g Gomega) {
		g.Expect(hrm).To(HaveKey(vr.primary), "the HighReliability service covers the Machine #%s names", vr.names["primary"])
		g.Expect(drm).To(HaveKey(vr.primary), "the DisasterRecovery service covers the Machine #%s names too", vr.names["primary"])
	})
}

// systemMachineSet lists the System's Machines, taking new ones (backups)
// into the ledger.
func (t *T) systemMachineSet(vr *serviceRun) map[string]string {
	m := t.namedParts(vr.sys, "machines", "MachineCollection")
	for uri, name := range m {
		t.env.ledger.own(uri, "Machine", name, "made by the run's System")
	}
	return m
}

// serviceBackups: the covered Machine has a backup in the System; addRM
// spare makes a new one; addRM standby with backup spare's makes none
// (S-46, S-48, S-49, S-55).
func (t *T) serviceBackups(vr *serviceRun) {
	hrm, resp := t.covered(vr.hr)
	before := t.systemMachineSet(vr)
	t.Check(checks.SystemServiceBackups, ev(resp), func(g Gomega) {
		g.Expect(hrm[vr.primary]).NotTo(BeEmpty(), "backupmachine of the covered Machine")
		g.Expect(before).To(HaveKey(hrm[vr.primary]), "the backup Machine is one of the System's Machines")
		g.Expect(hrm[vr.primary]).NotTo(Equal(vr.primary), "the backup Machine is another Machine")
	})
	if !t.serviceAct(vr.hr, "addRM", checks.SystemServiceBackups, "node", model.Ref(vr.spare)) {
		return
	}
	hrm, resp = t.covered(vr.hr)
	after := t.systemMachineSet(vr)
	t.Check(checks.SystemServiceBackups, ev(resp), func(g Gomega) {
		g.Expect(hrm).To(HaveKey(vr.spare), "the service's machines after addRM")
		g.Expect(hrm[vr.spare]).NotTo(BeEmpty(), "backupmachine of the Machine added without backup")
		g.Expect(before).NotTo(HaveKey(hrm[vr.spare]), "the backup of the Machine added without backup is a new Machine")
		g.Expect(after).To(HaveKey(hrm[vr.spare]), "the new backup Machine is one of the System's Machines")
	})
}

// serviceAct posts an action of a service with its parameters; false
// (judged under id) where it is not offered or refused.
func (t *T) serviceAct(svc, action string, id *checks.Check, extra ...any) bool {
	d, _ := t.read(svc, "SystemService", model.Full)
	t.Must(d != nil, "the SystemService cannot be read")
	href, ok := d.Root.Op(t.env.version.ActionURI(action))
	if !ok {
		t.NotSupported(id, "the SystemService offers no "+action)
		return false
	}
	r := t.act(svc, href, action, extra...)
	if !r.OK() {
		t.Fail(id, "the "+action+" the SystemService advertised was refused", "200, 202 or 204", r.Describe(), r)
		return false
	}
	t.followJob(r, "SystemService", "action:"+action)
	return true
}

// serviceNodeRequired: each advertised action without node is refused
// (S-52).
func (t *T) serviceNodeRequired(vr *serviceRun) {
	judged := 0
	for _, svc := range []string{vr.hr, vr.dr} {
		d, _ := t.read(svc, "SystemService", model.Full)
		t.Must(d != nil, "the SystemService cannot be read")
		for _, action := range []string{"addRM", "removeRM", "swapBackup", "forceSync"} {
			href, ok := d.Root.Op(t.env.version.ActionURI(action))
			if !ok {
				continue
			}
			judged++
			r := t.act(svc, href, action)
			t.Check(checks.SystemServiceNode, ev(r), func(g Gomega) {
				g.Expect(t.refused(r, "SystemService", "action:"+action)).To(BeTrue(), "%s without node is refused with a 4xx (got %s)", action, r.Describe())
			})
		}
	}
	if judged == 0 {
		t.NotSupported(checks.SystemServiceNode, "the SystemServices offer none of addRM, removeRM, swapBackup and forceSync")
	}
}

// serviceSwap: swapBackup primary makes its backup the covered Machine,
// primary its backup (S-53; S-54: it may be missing).
func (t *T) serviceSwap(vr *serviceRun) {
	hrm, _ := t.covered(vr.hr)
	backup := hrm[vr.primary]
	if !t.serviceAct(vr.hr, "swapBackup", checks.SystemServiceSwap, "node", model.Ref(vr.primary)) {
		return
	}
	after, resp := t.covered(vr.hr)
	t.Check(checks.SystemServiceSwap, ev(resp), func(g Gomega) {
		g.Expect(after).NotTo(HaveKey(vr.primary), "the swapped Machine is no longer the covered one")
		g.Expect(after).To(HaveKeyWithValue(backup, vr.primary), "its former backup is covered, with it as backupmachine")
	})
	t.serviceAct(vr.hr, "swapBackup", checks.SystemServiceSwap, "node", model.Ref(backup))
}

// serviceRemove: removeRM spare takes it out and discards the backup the
// service made; addRM standby with spare as backup makes no Machine (S-49);
// the DisasterRecovery service adds and removes spare (S-56, S-60).
func (t *T) serviceRemove(vr *serviceRun) {
	hrm, _ := t.covered(vr.hr)
	made := hrm[vr.spare]
	if made != "" && t.serviceAct(vr.hr, "removeRM", checks.SystemServiceRemove, "node", model.Ref(vr.spare)) {
		after, resp := t.covered(vr.hr)
		gone := t.get(made)
		t.Check(checks.SystemServiceRemove, ev(resp, gone), func(g Gomega) {
			g.Expect(after).NotTo(HaveKey(vr.spare), "the service's machines after removeRM")
			g.Expect(gone.Status).To(Equal(http.StatusNotFound), "the backup Machine the service made, after removeRM")
		})
		if gone.Status == http.StatusNotFound {
			t.env.ledger.gone(made)
		}
	}
	before := t.systemMachineSet(vr)
	if t.serviceAct(vr.hr, "addRM", checks.SystemServiceBackups, "node", model.Ref(vr.standby), "backup", model.Ref(vr.spare)) {
		after, resp := t.covered(vr.hr)
		now := t.systemMachineSet(vr)
		t.Check(checks.SystemServiceBackups, ev(resp), func(g Gomega) {
			g.Expect(after).To(HaveKeyWithValue(vr.standby, vr.spare), "backupmachine of a Machine added with its backup")
			g.Expect(now).To(HaveLen(len(before)), "the System's Machines after addRM with a backup")
		})
	}
	if t.serviceAct(vr.dr, "addRM", checks.SystemServiceRemove, "node", model.Ref(vr.spare)) {
		added, r1 := t.covered(vr.dr)
		if t.serviceAct(vr.dr, "removeRM", checks.SystemServiceRemove, "node", model.Ref(vr.spare)) {
			removed, r2 := t.covered(vr.dr)
			t.Check(checks.SystemServiceRemove, ev(r1, r2), func(g Gomega) {
				g.Expect(added).To(HaveKey(vr.spare), "the DisasterRecovery service's machines after addRM")
				g.Expect(removed).NotTo(HaveKey(vr.spare), "the DisasterRecovery service's machines after removeRM")
			})
		}
	}
}

// serviceUpdateDelete renames the HighReliability service and deletes
// both: every Machine they covered stays (S-47, S-41, S-60).
func (t *T) serviceUpdateDelete(vr *serviceRun) {
	t.updateSimple(vr.hr, "SystemService", checks.SystemServiceUpdateDelete)
	var machines []string
	for _, svc := range []string{vr.hr, vr.dr} {
		m, _ := t.covered(svc)
		for uri, backup := range m {
			for _, x := range []string{uri, backup} {
				if x != "" && !slices.Contains(machines, x) {
					machines = append(machines, x)
				}
			}
		}
	}
	svcColl := t.env.client.Resolve(t.systemHref(vr.sys, "services"))
	for _, svc := range []string{vr.hr, vr.dr} {
		if t.deleteSimple(svcColl, svc, "SystemService", checks.SystemServiceUpdateDelete) {
			t.env.ledger.gone(svc)
		}
	}
	left, evs := t.stillReadable(machines)
	t.Check(checks.SystemServiceUpdateDelete, evs, func(g Gomega) {
		g.Expect(left).To(ConsistOf(machines), "the Machines the deleted services covered that can still be read")
	})
}

// systemHref is the href of a System's attribute.
func (t *T) systemHref(sys, attr string) string {
	d, _ := t.read(sys, "System", model.Full)
	t.Must(d != nil, "the System cannot be read")
	return d.Root.Href(attr)
}
