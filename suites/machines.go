package suites

import (
	"fmt"
	"slices"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.14.1-2: a Machine from creation to deletion, through every action and
// state, in each serialization.

// machineRun is what the steps of one lifecycle share.
type machineRun struct {
	uri     string
	config  *model.Node       // the MachineConfiguration it was made from
	hrefs   map[string]string // action name -> href, as advertised
	snaps   []string          // SNAPSHOT images taken, oldest first
	jobURIs []string          // Jobs of the run's writes on this Machine
}

// noteHrefs keeps the href of every action the Machine offers now, for the
// states that must refuse them later.
func (lc *machineRun) noteHrefs(m *model.Node, v model.Version) {
	for _, name := range []string{"start", "stop", "restart", "pause", "suspend"} {
		if href, ok := m.Op(v.ActionURI(name)); ok {
			lc.hrefs[name] = href
		}
	}
}

// Actions a state must not offer: the spec defines them only from other
// states (§5.14.1.2, l.2571-2721).
var notOfferedIn = map[string][]string{
	"STOPPED":   {"stop", "pause", "suspend"},
	"STARTED":   {"start"},
	"PAUSED":    {"pause", "suspend"},
	"SUSPENDED": {"pause", "suspend"},
}

var _ = scenario(func(r *runEnv) {
	Describe("Machines", Label("machines"), SpecPriority(priorityLongest), func() {
		formats(func(f model.Format) {
			Describe("lifecycle", Ordered, ContinueOnFailure, func() {
				lc := &machineRun{hrefs: map[string]string{}}

				r.step("creates a Machine with its template given by value",
					[]*checks.Check{checks.MachineCreate, checks.HTTPCreateLocation, checks.HTTPCreateBody, checks.HTTPCreateJob,
						checks.MachineByValue, checks.MachineCreatingState, checks.MachineInitialState,
						checks.MachineCreateAttributes, checks.MachinePropertiesVerbatim, checks.MachineConfigApplied},
					func(t *T) {
						coll, add := machinesCollection(t)
						cfg, img := pickConfig(t), pickImage(t)
						lc.config = cfg
						// Keys that differ only in case are two keys, and values keep their case.
						props := map[string]string{"cimitest.run": t.env.runID, "purpose": "lifecycle-" + string(t.F),
							"Tier": "Gold Class", "tier": "gold class"}
						body := model.Obj(
							"name", t.name("lifecycle-"+string(t.F)),
							"description", "made by cimitest to exercise the Machine lifecycle",
							"properties", props,
							"machineTemplate", model.Obj(
								"machineConfig", model.Ref(cfg.Str("id")),
								"machineImage", model.Ref(img.Str("id"))))
						c := t.create(coll, add, "MachineCreate", "Machine", body, checks.MachineCreate)
						lc.uri = c.uri
						lc.jobURIs = append(lc.jobURIs, c.job.uri)
						switch {
						case c.resp.Status == 201 || c.resp.Status == 202:
							t.Pass(checks.MachineByValue)
						case t.env.version == model.V2 || t.env.capable("Machine", "MachineTemplateByValue"):
							t.Fail(checks.MachineByValue, "a create with the template by value was refused", "201 or 202", c.resp.Describe(), c.resp)
						default:
							// 1.x asks for it only where MachineTemplateByValue is offered.
							t.Warn(checks.MachineByValue, "a create with the template by value was refused (MachineTemplateByValue is not offered)", c.resp)
						}
						t.Must(lc.uri != "", "the create did not yield a Machine")
						want := t.defaultInitialState()
						final, seen, err := t.waitState(lc.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
						if !t.judgeTransition(checks.MachineCreatingState, seen, err, []string{"CREATING", "STARTING"}, "a stable state", c.resp) {
							t.NotTested(checks.MachineInitialState, "the new Machine did not come to rest")
						} else if got := final.Str("state"); got == want {
							t.Pass(checks.MachineInitialState)
						} else {
							t.Fail(checks.MachineInitialState, "the new Machine did not end in its initial state", want, got)
						}
						t.Must(final != nil, "the new Machine cannot be read")
						t.Check(checks.MachineCreateAttributes, nil, func(g Gomega) {
							g.Expect(final.Str("name")).To(Equal(t.name("lifecycle-"+string(t.F))), "name")
							g.Expect(final.Str("description")).To(Equal("made by cimitest to exercise the Machine lifecycle"), "description")
						})
						t.Check(checks.MachinePropertiesVerbatim, nil, func(g Gomega) {
							g.Expect(final.Get("properties").StringMap()).To(Equal(props), "properties")
						})
						t.Check(checks.MachineConfigApplied, nil, func(g Gomega) {
							g.Expect(final.Str("cpu")).To(Equal(cfg.Str("cpu")), "cpu of the Machine against its MachineConfiguration")
							g.Expect(final.Str("memory")).To(Equal(cfg.Str("memory")), "memory of the Machine against its MachineConfiguration")
						})
					})

				r.step("reads the Machine and its collections",
					[]*checks.Check{checks.MachineRead, checks.MachineListed, checks.MachineDisks, checks.MachineSubCollections,
						checks.MachineOperationsState, checks.MachineStableState, checks.QueryFilterProperty, checks.QueryExpand,
						checks.JSONXMLAgree, checks.BothFormats, checks.RMOperations, checks.RMExtensions,
						checks.RMInstanceRef, checks.MachineDiskParent, checks.MachineDiskNoFormat},
					func(t *T) {
						t.Must(lc.uri != "", "no Machine was created")
						d, resp := t.read(lc.uri, "Machine", model.Full)
						t.Check(checks.MachineRead, ev(resp), func(g Gomega) {
							g.Expect(resp.Status).To(Equal(200))
							g.Expect(d).NotTo(BeNil())
							g.Expect(t.env.client.Resolve(d.Root.Str("id"))).To(Equal(lc.uri), "id")
						})
						t.Must(d != nil, "the Machine cannot be read")
						m := d.Root
						coll, _ := machinesCollection(t)
						t.judgeListed(checks.MachineListed, coll, "MachineCollection", lc.uri, true, "the MachineCollection lists the new Machine")
						t.judgeCount(t.list(coll, "MachineCollection"), "MachineCollection")
						t.judgeDisks(m)
						t.judgeSubCollections(m)
						t.judgeOperations(m, resp)
						t.judgeStable(lc.uri, m.Str("state"))
						t.judgePropertyFilter(coll, lc.uri, m)
						t.judgeExpandDisks(lc.uri, m)
						if len(t.env.cfg.Formats) == 2 {
							t.agree(lc.uri, "Machine")
						} else {
							t.Inapplicable(checks.JSONXMLAgree, "only one serialization was selected (--format)")
							t.Inapplicable(checks.BothFormats, "only one serialization was selected (--format)")
						}
					})

				r.step("adds a Disk where its disks collection offers add",
					[]*checks.Check{checks.MachineDiskAdd},
					func(t *T) { t.addDisk(lc) })

				r.step("starts the Machine",
					[]*checks.Check{checks.MachineStart, checks.MachineActionJob, checks.MachineUpdatedUnchanged, checks.MachineOperationsState},
					func(t *T) {
						t.ensure(lc, "STOPPED")
						t.runAction(lc, "start", []string{"STOPPED"}, []string{"STARTING"}, "STARTED", checks.MachineStart)
					})

				r.step("refuses start on a STARTED Machine, and what it does not advertise",
					[]*checks.Check{checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved, checks.MachineUnadvertisedRefused},
					func(t *T) {
						t.ensure(lc, "STARTED")
						t.Must(t.wrongStates(lc, "STARTED") > 0, "the Machine never offered start")
						t.unadvertised(lc)
					})

				r.step("pauses the Machine and resumes it",
					[]*checks.Check{checks.MachinePause, checks.MachineResumePaused, checks.MachinePauseURI,
						checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved},
					func(t *T) {
						t.ensure(lc, "STARTED")
						t.judgePauseURI(lc)
						if !t.runAction(lc, "pause", []string{"STARTED"}, []string{"PAUSING"}, "PAUSED", checks.MachinePause) {
							t.unreachable(lc, "pause", checks.MachineResumePaused, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved)
							return
						}
						t.wrongStates(lc, "PAUSED")
						t.runAction(lc, "start", []string{"PAUSED"}, []string{"STARTING"}, "STARTED", checks.MachineResumePaused)
					})

				r.step("suspends the Machine and resumes it",
					[]*checks.Check{checks.MachineSuspend, checks.MachineResumeSuspended,
						checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved},
					func(t *T) {
						t.ensure(lc, "STARTED")
						if !t.runAction(lc, "suspend", []string{"STARTED"}, []string{"SUSPENDING"}, "SUSPENDED", checks.MachineSuspend) {
							t.unreachable(lc, "suspend", checks.MachineResumeSuspended, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved)
							return
						}
						t.wrongStates(lc, "SUSPENDED")
						t.runAction(lc, "start", []string{"SUSPENDED"}, []string{"STARTING"}, "STARTED", checks.MachineResumeSuspended)
					})

				r.step("restarts a STARTED Machine",
					[]*checks.Check{checks.MachineRestart},
					func(t *T) {
						t.ensure(lc, "STARTED")
						t.runAction(lc, "restart", []string{"STARTED"}, []string{"STOPPING", "STARTING", "STOPPED"}, "STARTED", checks.MachineRestart)
					})

				r.step("captures the Machine into a new MachineImage",
					[]*checks.Check{checks.MachineCapture, checks.MachineCaptureState, checks.ImageNoRelated},
					func(t *T) {
						t.ensure(lc, "STARTED")
						t.capture(lc, "capture", checks.MachineCapture)
					})

				r.step("takes two snapshots of the Machine",
					[]*checks.Check{checks.MachineSnapshot, checks.MachineSnapshotChain},
					func(t *T) {
						t.ensure(lc, "STARTED")
						first := t.capture(lc, "snapshot", checks.MachineSnapshot)
						if first == "" {
							t.NotSupported(checks.MachineSnapshotChain, "no snapshot could be taken")
							return
						}
						second := t.capture(lc, "snapshot", checks.MachineSnapshot)
						t.Must(second != "", "the second snapshot failed")
						img, resp := t.read(second, "MachineImage", model.Full)
						t.Check(checks.MachineSnapshotChain, ev(resp), func(g Gomega) {
							g.Expect(img).NotTo(BeNil())
							g.Expect(t.env.client.Resolve(img.Root.Href("relatedImage"))).To(Equal(first),
								"relatedImage of the second snapshot names the first")
						})
					})

				r.step("restores the Machine from its first snapshot",
					[]*checks.Check{checks.MachineRestore, checks.MachineRestoreNeedsImage},
					func(t *T) {
						t.ensure(lc, "STARTED")
						m, _ := t.machine(lc.uri)
						href, ok := m.Op(t.env.version.ActionURI("restore"))
						if !ok || len(lc.snaps) == 0 {
							t.Skip("the Machine offers no restore, or has no snapshot")
						}
						before := m.Str("state")
						t.refusedUnmoved(lc, checks.MachineRestoreNeedsImage, t.act(lc.uri, href, "restore"), before, "a restore without image")
						r := t.act(lc.uri, href, "restore", "image", model.Ref(lc.snaps[0]))
						if !r.OK() {
							t.Fail(checks.MachineRestore, "the advertised restore was refused", "200, 202 or 204", r.Describe(), r)
							return
						}
						t.followJob(r, "Machine", "action:restore")
						final, seen, err := t.waitState(lc.uri, []string{"RESTORING", before}, "STARTED", "STOPPED", "PAUSED", "SUSPENDED")
						if !t.judgeTransition(checks.MachineRestore, seen, err, []string{"RESTORING", before}, "a stable state", r) {
							return
						}
						t.Check(checks.MachineRestore, ev(r), func(g Gomega) {
							g.Expect(t.env.client.Resolve(final.Href("latestSnapshot"))).To(Equal(lc.snaps[0]), "latestSnapshot after the restore")
						})
					})

				r.step("stops the Machine",
					[]*checks.Check{checks.MachineStop, checks.MachineStopForce, checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved},
					func(t *T) {
						t.ensure(lc, "STARTED")
						var extra []any
						if t.env.capable("Machine", "MachineStopForce") {
							extra = []any{"force", false}
						}
						ok := t.runAction(lc, "stop", []string{"STARTED"}, []string{"STOPPING"}, "STOPPED", checks.MachineStop, extra...)
						switch {
						case len(extra) == 0:
							t.NotSupported(checks.MachineStopForce, "the Provider does not offer the MachineStopForce capability")
						case ok:
							t.Pass(checks.MachineStopForce)
						default:
							t.Fail(checks.MachineStopForce, "stop with force=false failed although MachineStopForce is offered", "", "")
						}
						if ok {
							t.wrongStates(lc, "STOPPED")
						} else {
							t.unreachable(lc, "stop", checks.MachineWrongStateRefused, checks.MachineWrongStateUnmoved)
						}
					})

				r.step("restarts a STOPPED Machine and stops it again",
					[]*checks.Check{checks.MachineRestartStopped, checks.MachineStopForce},
					func(t *T) {
						t.ensure(lc, "STOPPED")
						t.runAction(lc, "restart", []string{"STOPPED"}, []string{"STARTING"}, "STARTED", checks.MachineRestartStopped)
						t.ensure(lc, "STARTED")
						if !t.env.capable("Machine", "MachineStopForce") {
							t.NotSupported(checks.MachineStopForce, "the Provider does not offer the MachineStopForce capability")
							t.ensure(lc, "STOPPED")
							return
						}
						t.runAction(lc, "stop", []string{"STARTED"}, []string{"STOPPING"}, "STOPPED", checks.MachineStopForce, "force", true)
					})

				r.step("refuses an Action that names another action",
					[]*checks.Check{checks.MachineWrongAction, checks.HTTPUnknownAction},
					func(t *T) {
						t.Must(lc.uri != "", "no Machine was created")
						t.settle(lc)
						m, _ := t.machine(lc.uri)
						before := m.Str("state")
						// Post to the start (or stop) operation an Action naming another action.
						href, ok := m.Op(t.env.version.ActionURI("start"))
						other := "suspend"
						if !ok {
							href, ok = m.Op(t.env.version.ActionURI("stop"))
							other = "start"
						}
						if !ok {
							t.Skip("the Machine offers neither start nor stop now")
						}
						t.refusedUnmoved(lc, checks.MachineWrongAction, t.act(lc.uri, href, other), before,
							"an Action naming "+other+", posted to another operation")
						t.refusedUnmoved(lc, checks.HTTPUnknownAction, t.act(lc.uri, href, "cimitest-unknown"), before,
							"an Action naming an action no one defines")
					})

				r.step("updates the Machine",
					[]*checks.Check{checks.MachineUpdate, checks.MachineUpdateReadOnly, checks.MachineUpdateRemoves, checks.HTTPUnknownAttr,
						checks.RMReadOnly, checks.MachineUnadvertisedRefused},
					func(t *T) { t.updateMachine(lc) })

				r.step("stores as many properties as MaxPropertyItems promises",
					[]*checks.Check{checks.RMMaxProperties},
					func(t *T) { t.judgeMaxProperties(lc) })

				r.step("updates part of the Machine with PUT ?$select",
					[]*checks.Check{checks.UpdateSelect, checks.UpdateSelectReset, checks.UpdateSelectExtra},
					func(t *T) { t.partialUpdate(lc) })

				r.step("honours If-Match where it sends ETags",
					[]*checks.Check{checks.HTTPETag},
					func(t *T) { t.judgeETag(lc) })

				r.step("deletes the Machine",
					[]*checks.Check{checks.MachineDelete, checks.MachineDeleteChildren, checks.MachineDeleteUnlisted,
						checks.HTTPNotFound, checks.HTTPErrorJob, checks.JobNoDeleted, checks.MachineUnadvertisedRefused},
					func(t *T) { t.deleteMachine(lc) })
			})
		})
	})
})

// machinesCollection finds the MachineCollection and its add operation.
func machinesCollection(t *T) (coll, add string) {
	cep := readCEP(t)
	coll = t.env.client.Resolve(cep.Href("machines"))
	if coll == "" {
		t.Skip("the Cloud Entry Point lists no machines")
	}
	d, _ := t.read(coll, "MachineCollection", model.Full)
	t.Must(d != nil, "the MachineCollection cannot be read")
	add, ok := d.Root.Op("add")
	if !ok {
		t.Skip("the MachineCollection offers no add operation")
	}
	return coll, add
}

// pickConfig and pickImage choose existing resources to build Machines from;
// they are only read, never changed.
func pickConfig(t *T) *model.Node {
	if it := t.pick(fullItems(t, "machineConfigs", "MachineConfigurationCollection", "MachineConfiguration"), func(it *model.Node) bool {
		return it.Has("cpu") && it.Has("memory")
	}); it != nil {
		return it
	}
	t.Skip("the endpoint lists no MachineConfiguration to build a Machine from")
	return nil
}

func pickImage(t *T) *model.Node {
	if it := t.pick(fullItems(t, "machineImages", "MachineImageCollection", "MachineImage"), func(it *model.Node) bool {
		s := it.Str("state")
		return (s == "" || s == "AVAILABLE") && it.Str("type") != "SNAPSHOT" && it.Str("type") != "PARTIAL_SNAPSHOT"
	}); it != nil {
		return it
	}
	t.Skip("the endpoint lists no AVAILABLE MachineImage to build a Machine from")
	return nil
}

// pick gives the first item that fits, the Provider's before the run's
// own: another scenario of the run may delete its own at any moment.
func (t *T) pick(items []*model.Node, fits func(*model.Node) bool) *model.Node {
	var own *model.Node
	for _, it := range items {
		if !fits(it) {
			continue
		}
		if !strings.HasPrefix(it.Str("name"), t.env.prefix) {
			return it
		}
		if own == nil {
			own = it
		}
	}
	return own
}

// fullItems reads every item of a Cloud Entry Point collection in full.
func fullItems(t *T, attr, collType, itemType string) []*model.Node {
	href := readCEP(t).Href(attr)
	if href == "" {
		return nil
	}
	d, _ := t.read(href, collType, model.Full)
	var out []*model.Node
	for _, it := range d.Items() {
		id := it.Str("id")
		if id == "" {
			continue
		}
		full, _ := t.read(id, itemType, model.Full)
		if full != nil {
			out = append(out, full.Root)
		}
	}
	return out
}

func (t *T) itemIDs(d *model.Doc) []string {
	var ids []string
	for _, it := range d.Items() {
		ids = append(ids, t.env.client.Resolve(it.Str("id")))
	}
	return ids
}

// defaultInitialState is where a Machine made without initialState ends
// (§5.14.2.1, l.2830-2833).
func (t *T) defaultInitialState() string {
	if v, ok := t.env.capability("Machine", "DefaultInitialState"); ok && v != "" {
		return v
	}
	return "STOPPED"
}

// machine reads a Machine in full, judging the representation.
func (t *T) machine(uri string) (*model.Node, *client.Response) {
	d, resp := t.read(uri, "Machine", model.Full)
	t.Must(d != nil, "the Machine %s cannot be read (%s)", uri, resp.Describe())
	return d.Root, resp
}

// state reads the state of a resource without judging it ("" when gone).
func (t *T) state(uri string) string {
	r := t.get(uri)
	f, _ := r.Format()
	d, err := model.Decode(f, r.Body, t.env.version)
	if r.Status != 200 || err != nil {
		return ""
	}
	return d.Root.Str("state")
}

// judgeTransition records a state-transition check from what waitState saw.
func (t *T) judgeTransition(id *checks.Check, seen []string, err error, via []string, want string, ev ...*client.Response) bool {
	switch {
	case client.IsTimeout(err):
		t.Errorf(id, err, t.lastOf(ev)...)
		return false
	case err != nil:
		t.Fail(id, err.Error(), want+" (through "+strings.Join(via, ", ")+")", strings.Join(seen, " → "), t.lastOf(ev)...)
		return false
	}
	t.Pass(id)
	return true
}

// refusedUnmoved judges an Action that must be refused: a 4xx with an error
// Job, and the Machine left in the state it was in.
func (t *T) refusedUnmoved(lc *machineRun, id *checks.Check, r *client.Response, before, what string) {
	after := t.state(lc.uri)
	if t.refused(r, "Machine", "action") && after == before {
		t.Pass(id)
		return
	}
	t.Fail(id, what+" was accepted or moved the state", "a 4xx and state "+before,
		fmt.Sprintf("%s, state %s", r.Describe(), after), r)
	t.settle(lc)
}

// unreachable records a check that needed action to have worked first: not
// supported when the Machine does not offer it, not tested when it failed.
func (t *T) unreachable(lc *machineRun, action string, ids ...*checks.Check) {
	for _, id := range ids {
		if lc.hrefs[action] == "" {
			t.NotSupported(id, "the Machine does not offer "+action)
			continue
		}
		t.NotTested(id, "the "+action+" failed (see machine."+action+")")
	}
}

// lastOf adds the latest exchange (the read that showed the outcome) to the
// evidence.
func (t *T) lastOf(ev []*client.Response) []*client.Response {
	return append(ev, &client.Response{ID: t.env.client.Last()})
}

// runAction posts the advertised action name to the Machine and follows it
// to the state to, judging id and the checks every action shares.
func (t *T) runAction(lc *machineRun, name string, from, via []string, to string, id *checks.Check, extra ...any) bool {
	m, _ := t.machine(lc.uri)
	state := m.Str("state")
	t.Must(slices.Contains(from, state), "the Machine is %s; the step needs %s", state, strings.Join(from, " or "))
	lc.noteHrefs(m, t.env.version)
	href, ok := m.Op(t.env.version.ActionURI(name))
	if !ok {
		t.NotSupported(id, fmt.Sprintf("the Machine does not offer %s when %s", name, state))
		return false
	}
	updated := m.Str("updated")
	afterSecond(updated)
	r := t.act(lc.uri, href, name, extra...)
	if !r.OK() {
		t.Fail(id, "the advertised action was refused", "200, 202 or 204", r.Describe(), r)
		t.judgeError(r, "Machine", "action:"+name)
		return false
	}
	t.judgeActionAnswer(r)
	// An action that ends where it began (restart) leaves no trace but the
	// states it passes: look at once, before following its Job.
	// Read at once too: a Job followed to its end would hide the states the
	// action passed through.
	returns := slices.Contains(from, to)
	first := t.state(lc.uri)
	job := t.followJob(r, "Machine", "action:"+name)
	lc.jobURIs = append(lc.jobURIs, job.uri)
	w := wait{before: from, via: via, want: []string{to}}
	if job.ended && job.job.Str("state") == "SUCCESS" || returns {
		w.before = nil // the Job says the action is over: no more time to begin
	}
	final, seen, err := t.await(lc.uri, w)
	if err == nil && first != "" && !slices.Contains(from, first) && !slices.Contains(via, first) && first != to {
		seen = append([]string{first}, seen...)
		err = fmt.Errorf("the state went to %s right after the answer (states seen: %s)", first, strings.Join(seen, " → "))
	}
	if returns && err == nil && first == to && !slices.ContainsFunc(seen, func(s string) bool { return s != to }) {
		t.NotTested(id, fmt.Sprintf("the %s could not be observed: the Machine was %s at every read, from the first one after the answer on", name, to))
		return true
	}
	ok = t.judgeTransition(id, seen, err, via, to, r)
	t.judgeActionJob(job, lc.uri, r)
	if final != nil {
		if final.Str("updated") == updated {
			t.Pass(checks.MachineUpdatedUnchanged)
		} else {
			t.Fail(checks.MachineUpdatedUnchanged, "the action changed updated", updated, final.Str("updated"), r)
		}
		t.judgeOperations(final, r)
	}
	return ok
}

// judgeActionAnswer: the answer to an action is empty, a Job, or the
// Machine (M-37).
func (t *T) judgeActionAnswer(r *client.Response) {
	v := t.About("Machine", "action")
	if len(r.Body) == 0 {
		v.Pass(checks.MachineActionAnswer)
		return
	}
	if f, ok := r.Format(); ok {
		if d, err := model.Decode(f, r.Body, t.env.version); err == nil && d.Type != nil &&
			(d.Type.Name == "Job" || d.Type.Name == "Machine") {
			v.Pass(checks.MachineActionAnswer)
			return
		}
	}
	v.Fail(checks.MachineActionAnswer, "the answer to an action is neither empty, a Job nor the Machine",
		"no body, a Job or the Machine", fmt.Sprintf("%s: %.80q", r.Header.Get("Content-Type"), r.Body), r)
}

// afterSecond waits, once, until a second has passed since updated, so
// that a Provider's one-second timestamps can show a change made by an
// action (which must not change updated, Table 5).
func afterSecond(updated string) {
	if updated == "" {
		return
	}
	ts, err := time.Parse(time.RFC3339, updated)
	if err != nil {
		// No usable timestamp (repr.datetime judges it): wait a whole second.
		time.Sleep(1100 * time.Millisecond)
		return
	}
	if d := time.Until(ts.Add(1100 * time.Millisecond)); d > 0 && d < 2*time.Second {
		time.Sleep(d)
	}
}

// judgeActionJob checks that an action's Job targets the Machine and ends in
// SUCCESS.
func (t *T) judgeActionJob(job jobOutcome, machineURI string, r *client.Response) {
	switch {
	case !t.env.jobs:
		t.NotSupported(checks.MachineActionJob, "the Cloud Entry Point does not offer jobs")
	case job.err != nil:
		t.Errorf(checks.MachineActionJob, job.err, r)
	case job.job == nil:
		t.NotTested(checks.MachineActionJob, "the Job of the action cannot be read (see http.job-uri)")
	default:
		j := job.job
		if !job.ended {
			// A synchronous answer: followJob judged it; read it once more.
			jr := t.get(job.uri)
			if d := t.judgeRead(jr, "Job", model.Full); d != nil {
				j = d.Root
			}
		}
		t.Check(checks.MachineActionJob, ev(r), func(g Gomega) {
			g.Expect(t.env.client.Resolve(j.Href("targetResource"))).To(Equal(machineURI), "targetResource of the Job")
			g.Expect(j.Str("state")).To(Equal("SUCCESS"), "state of the Job")
			g.Expect(j.Str("progress")).To(Equal("100"), "progress of the Job")
		})
	}
}

// judgeOperations checks that the operations fit the state.
func (t *T) judgeOperations(m *model.Node, r *client.Response) {
	state := m.Str("state")
	bad := []string{}
	for _, name := range notOfferedIn[state] {
		if _, ok := m.Op(t.env.version.ActionURI(name)); ok {
			bad = append(bad, name)
		}
	}
	if len(bad) > 0 {
		t.Fail(checks.MachineOperationsState, fmt.Sprintf("a %s Machine offers %s", state, strings.Join(bad, ", ")),
			"no "+strings.Join(notOfferedIn[state], ", "), strings.Join(m.Rels(), ", "), r)
		return
	}
	if _, ok := notOfferedIn[state]; ok {
		t.Pass(checks.MachineOperationsState)
	} else {
		t.NotTested(checks.MachineOperationsState, "the Machine is "+state+", a state whose operations the spec does not settle")
	}
}

// wrongStates posts, to a Machine resting in state, every action the state
// model does not allow there (notOfferedIn) whose href the Machine has
// shown: each must be refused with a 4xx and leave the state as it was
// (§5.14.1.2, l.2571-2721). It returns how many it tried.
func (t *T) wrongStates(lc *machineRun, state string) int {
	tried := 0
	for _, name := range notOfferedIn[state] {
		href := lc.hrefs[name]
		if href == "" {
			continue
		}
		tried++
		v := t.About("Machine", "action:"+name)
		r := t.act(lc.uri, href, name)
		refused := t.refused(r, "Machine", "action:"+name)
		seen := []string{t.state(lc.uri)}
		if r.OK() {
			t.followJob(r, "Machine", "action:"+name)
			seen = append(seen, t.state(lc.uri))
		}
		if refused {
			v.Pass(checks.MachineWrongStateRefused)
		} else {
			v.Fail(checks.MachineWrongStateRefused, fmt.Sprintf("%s on a %s Machine was not refused", name, state), "a 4xx", r.Describe(), r)
		}
		if moved := slices.ContainsFunc(seen, func(s string) bool { return s != state }); moved {
			v.Fail(checks.MachineWrongStateUnmoved, fmt.Sprintf("a %s on a %s Machine moved its state", name, state), state, strings.Join(seen, " → "), r)
			t.settle(lc)
		} else {
			v.Pass(checks.MachineWrongStateUnmoved)
		}
	}
	return tried
}

// judgePauseURI: a STARTED Machine that offers pause names it by its action
// URI, not by the misprint …/action.pause (l.2693).
func (t *T) judgePauseURI(lc *machineRun) {
	if t.env.version != model.V2 {
		return
	}
	m, resp := t.machine(lc.uri)
	misprint := strings.TrimSuffix(t.env.version.ActionURI("pause"), "/pause") + ".pause"
	_, right := m.Op(t.env.version.ActionURI("pause"))
	_, wrong := m.Op(misprint)
	switch {
	case wrong:
		t.Fail(checks.MachinePauseURI, "pause is advertised under "+misprint, t.env.version.ActionURI("pause"), misprint, resp)
	case right:
		t.Pass(checks.MachinePauseURI)
	default:
		t.NotSupported(checks.MachinePauseURI, "the STARTED Machine does not offer pause")
	}
}

// judgeStable reads a resting Machine again: its state must not move.
func (t *T) judgeStable(uri, state string) {
	if !slices.Contains(model.StableMachineStates, state) {
		t.NotTested(checks.MachineStableState, "the Machine is not at rest (state "+state+")")
		return
	}
	if again := t.state(uri); again == state {
		t.Pass(checks.MachineStableState)
	} else {
		t.Fail(checks.MachineStableState, "the state moved while nobody acted on the Machine", state, again)
	}
}

// judgeDisks reads the Machine's disks collection and its Disks.
func (t *T) judgeDisks(m *model.Node) {
	href := m.Href("disks")
	if href == "" {
		t.Fail(checks.MachineDisks, "the Machine has no disks reference", "disks", "none")
		return
	}
	d, resp := t.read(href, "DiskCollection", model.Full)
	ok := t.About("DiskCollection").Check(checks.MachineDisks, ev(resp), func(g Gomega) {
		g.Expect(resp.Status).To(Equal(200), "GET on the disks collection")
		g.Expect(d).NotTo(BeNil())
		g.Expect(d.TypeURI).To(Equal(t.env.version.TypeURI("DiskCollection")))
	})
	if !ok {
		return
	}
	coll := t.env.client.Resolve(href)
	if t.env.version == model.V2 {
		t.About("DiskCollection").Check(checks.MachineDiskParent, ev(resp), func(g Gomega) {
			g.Expect(t.env.client.Resolve(d.Root.Href("parent"))).To(Equal(t.env.client.Resolve(m.Str("id"))), "parent of the disks collection")
		})
	}
	for _, it := range d.Items() {
		disk, dresp := t.read(it.Str("id"), "Disk", model.Full)
		t.Check(checks.MachineDisks, ev(dresp), func(g Gomega) {
			g.Expect(disk).NotTo(BeNil(), "GET on a Disk")
			g.Expect(disk.Root.Str("id")).NotTo(BeEmpty(), "id")
			if disk.Root.Has("capacity") {
				_, isInt := disk.Root.Int("capacity")
				g.Expect(isInt).To(BeTrue(), "capacity is an integer")
			}
		})
		if disk == nil {
			continue
		}
		v := t.About("Disk")
		v.Check(checks.MachineDiskNoFormat, ev(dresp), func(g Gomega) {
			g.Expect(disk.Root.Has("format")).To(BeFalse(), "a Disk of a Machine with a format")
		})
		if t.env.version == model.V2 {
			v.Check(checks.MachineDiskParent, ev(dresp), func(g Gomega) {
				g.Expect(t.env.client.Resolve(disk.Root.Href("parent"))).To(Equal(coll), "parent of the Disk")
			})
		}
	}
}

// addDisk posts a Disk to the Machine's disks collection where it offers
// add (Table 16): it is made and listed there.
func (t *T) addDisk(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was created")
	t.settle(lc)
	m, _ := t.machine(lc.uri)
	coll := t.env.client.Resolve(m.Href("disks"))
	t.Must(coll != "", "the Machine has no disks collection")
	d, _ := t.read(coll, "DiskCollection", model.Full)
	t.Must(d != nil, "the disks collection cannot be read")
	add, ok := d.Root.Op("add")
	if !ok {
		t.NotSupported(checks.MachineDiskAdd, "the Machine's disks collection offers no add")
		return
	}
	body := model.Obj("name", t.name("disk-"+string(t.F)), "capacity", 1048576)
	c := t.About("Disk", "create").create(coll, add, "Disk", "Disk", body, checks.MachineDiskAdd, client.On(lc.uri))
	if c.uri == "" {
		return
	}
	disk, resp := t.read(c.uri, "Disk", model.Full)
	t.About("Disk", "create").Check(checks.MachineDiskAdd, ev(c.resp, resp), func(g Gomega) {
		g.Expect(disk).NotTo(BeNil(), "GET on the new Disk")
		g.Expect(disk.Root.Str("capacity")).To(Equal("1048576"), "capacity of the new Disk")
	})
	t.judgeListed(checks.MachineDiskAdd, coll, "DiskCollection", c.uri, true, "the disks collection lists the new Disk")
}

// judgeSubCollections checks the collection types behind volumes,
// interfaces and snapshots (§5.14.1.1).
func (t *T) judgeSubCollections(m *model.Node) {
	want := map[string]string{"volumes": "locatedVolumeCollection", "interfaces": "NetworkInterfaceCollection",
		"snapshots": "MachineImageCollection"}
	if t.env.version == model.V1 {
		want = map[string]string{"volumes": "MachineVolumeCollection", "networkInterfaces": "MachineNetworkInterfaceCollection",
			"snapshots": "MachineSnapshotCollection"}
	}
	judged := false
	for attr, coll := range want {
		href := m.Href(attr)
		if href == "" {
			continue
		}
		judged = true
		d, resp := t.read(href, coll, model.Full)
		t.About(coll).Check(checks.MachineSubCollections, ev(resp), func(g Gomega) {
			g.Expect(resp.Status).To(Equal(200), "GET on %s", attr)
			g.Expect(d).NotTo(BeNil())
			g.Expect(d.TypeURI).To(Equal(t.env.version.TypeURI(coll)), "the type of %s", attr)
		})
	}
	if !judged {
		t.NotSupported(checks.MachineSubCollections, "the Machine shows no volumes, interfaces or snapshots collection")
	}
}

// ensure brings the Machine to state with start or stop when it is not
// there; the actions are judged like any other.
func (t *T) ensure(lc *machineRun, state string) {
	t.Must(lc.uri != "", "no Machine was created")
	t.settle(lc)
	cur := t.state(lc.uri)
	if cur == state {
		return
	}
	switch state {
	case "STARTED":
		t.Must(slices.Contains([]string{"STOPPED", "PAUSED", "SUSPENDED"}, cur), "the Machine is %s and cannot be started", cur)
		t.runAction(lc, "start", []string{cur}, []string{"STARTING"}, "STARTED", checks.MachineStart)
	case "STOPPED":
		t.Must(slices.Contains([]string{"STARTED", "PAUSED", "SUSPENDED"}, cur), "the Machine is %s and cannot be stopped", cur)
		t.runAction(lc, "stop", []string{cur}, []string{"STOPPING"}, "STOPPED", checks.MachineStop)
	}
	cur = t.state(lc.uri)
	t.Must(cur == state, "the Machine is %s, not %s", cur, state)
}

// settle waits until the Machine rests in a stable state.
func (t *T) settle(lc *machineRun) {
	var transitional []string
	for _, s := range model.MachineStates {
		if !slices.Contains(model.StableMachineStates, s) {
			transitional = append(transitional, s)
		}
	}
	_, _, err := t.waitState(lc.uri, transitional, model.StableMachineStates...)
	t.Must(err == nil, "the Machine does not come to rest: %v", err)
}
