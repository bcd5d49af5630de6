package suites

import (
	"fmt"
	"slices"
	"strings"
	"time"

	. "github.com/onsi/gomega" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// capture makes a MachineImage from the Machine through its capture or
// snapshot operation (§5.14.7.1, l.2917-2934) and returns the image URI
// ("" when it could not). id is the check it judges.
func (t *T) capture(lc *machineRun, op string, id *checks.Check) string {
	m, _ := t.machine(lc.uri)
	prior := m.Str("state")
	href, ok := m.Op(t.env.version.ActionURI(op))
	if !ok {
		t.NotSupported(id, fmt.Sprintf("the Machine does not offer %s when %s", op, prior))
		if op == "capture" {
			t.NotSupported(checks.MachineCaptureState, "the Machine does not offer capture")
			t.NotSupported(checks.ImageNoRelated, "no IMAGE was made")
		}
		return ""
	}
	kind := "IMAGE"
	if op == "snapshot" {
		kind = "SNAPSHOT"
	}
	latestBefore := t.env.client.Resolve(m.Href("latestSnapshot"))
	body := model.Obj("name", t.name(op+"-"+string(t.F)), "description", "made by cimitest from its lifecycle Machine",
		"type", kind, "imageLocation", m.Str("id"))
	imagesColl := t.env.client.Resolve(readCEP(t).Href("machineImages"))
	c := t.create(imagesColl, href, "MachineImage", "MachineImage", body, id)
	lc.jobURIs = append(lc.jobURIs, c.job.uri)
	if c.uri == "" {
		return ""
	}
	img, imgSeen, err := t.waitImage(c.uri)
	_, seen, merr := t.waitState(lc.uri, []string{"CAPTURING", prior}, prior)
	if op == "capture" {
		switch {
		case client.IsTimeout(merr):
			t.Errorf(checks.MachineCaptureState, merr)
		case merr != nil:
			t.Fail(checks.MachineCaptureState, merr.Error(), prior+" (or CAPTURING meanwhile)", fmt.Sprint(seen))
		default:
			t.Pass(checks.MachineCaptureState)
		}
	}
	switch {
	case client.IsTimeout(err):
		t.Errorf(id, err)
		return c.uri
	case err != nil:
		t.Fail(id, err.Error(), "AVAILABLE", fmt.Sprint(imgSeen))
		return c.uri
	}
	ok = t.Check(id, ev(c.resp), func(g Gomega) {
		g.Expect(img.Str("type")).To(Equal(kind), "type of the new image")
		if kind == "SNAPSHOT" {
			g.Expect(t.env.client.Resolve(img.Str("imageLocation"))).NotTo(Equal(lc.uri), "a finished SNAPSHOT does not point at the Machine")
			g.Expect(t.env.client.Resolve(img.Href("relatedImage"))).To(Equal(latestBefore), "relatedImage names the previous latestSnapshot")
			after, _ := t.machine(lc.uri)
			g.Expect(t.env.client.Resolve(after.Href("latestSnapshot"))).To(Equal(c.uri), "latestSnapshot of the Machine")
			snaps := t.list(after.Href("snapshots"), "")
			g.Expect(snaps.doc).NotTo(BeNil(), "the Machine's snapshots collection")
			listed := t.snapshotImages(snaps)
			// Absent from a collection that cannot be read whole proves nothing.
			if slices.Contains(listed, c.uri) || snaps.whole() {
				g.Expect(listed).To(ContainElement(c.uri), "the Machine's snapshots list the new SNAPSHOT")
			}
		}
	})
	if kind == "IMAGE" {
		t.Check(checks.ImageNoRelated, nil, func(g Gomega) {
			g.Expect(img.Has("relatedImage")).To(BeFalse(), "an IMAGE has no relatedImage")
		})
	}
	if ok && kind == "SNAPSHOT" {
		lc.snaps = append(lc.snaps, c.uri)
	}
	return c.uri
}

// snapshotImages lists the images a Machine's snapshots collection holds: its
// items in 2.0 (§5.14.1.1.4), the images its MachineSnapshot associations
// name in 1.x (DSP8009 spells the reference "shapshot").
func (t *T) snapshotImages(l *listing) []string {
	if t.env.version == model.V2 {
		return l.ids(t.env.client)
	}
	var out []string
	for _, it := range l.items {
		h := it.Href("shapshot")
		if h == "" {
			// Items may show only their id: read the association.
			if full := t.env.decodeAs(t.env.client.Get(it.Str("id"), client.Accept(model.JSON)), model.JSON); full != nil {
				h = full.Root.Href("shapshot")
			}
		}
		if h != "" {
			out = append(out, t.env.client.Resolve(h))
		}
	}
	return out
}

// judgeReadOnlyExtensions changes, in a full PUT, each string extension
// attribute the Machine ResourceMetadata declares not writable: it must be
// ignored without error (§5.3; Table 6).
func (t *T) judgeReadOnlyExtensions(lc *machineRun, edit string) {
	judged := false
	for _, a := range t.env.metadata("Machine").Get("attributes").List() {
		ns := a.Str("namespace")
		if ns == "" || (a.Str("mutable") != "false" && a.Str("consumerWritable") != "false") {
			continue
		}
		key := a.Str("name")
		if t.F == model.XML {
			key = "{" + ns + "}" + key
		}
		cur, _ := t.machine(lc.uri)
		if v := cur.Get(key); v == nil || v.Kind != model.String {
			continue
		}
		judged = true
		r := t.send("PUT", edit, "Machine", cur.Clone().Set(key, model.S("cimitest-changed")), client.On(lc.uri))
		after, _ := t.machine(lc.uri)
		t.Check(checks.RMReadOnly, ev(r), func(g Gomega) {
			g.Expect(r.Status).To(statusIn(200, 202, 204), "a PUT that changes %s, which is not writable", a.Str("name"))
			g.Expect(after.Str(key)).To(Equal(cur.Str(key)), "%s after the PUT", a.Str("name"))
		})
		t.settle(lc)
	}
	if !judged {
		t.Inapplicable(checks.RMReadOnly, "the Machine ResourceMetadata declares no read-only string extension the Machine shows")
	}
}

// waitImage polls a MachineImage until it is AVAILABLE.
func (t *T) waitImage(uri string) (*model.Node, []string, error) {
	return t.waitState(uri, []string{"CREATING"}, "AVAILABLE")
}

// updateMachine exercises PUT on the Machine (§4.2.1.3).
func (t *T) updateMachine(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was created")
	t.settle(lc)
	m, _ := t.machine(lc.uri)
	edit, ok := m.Op("edit")
	if !ok {
		t.probeUnadvertised(lc.uri, "PUT", m)
		t.Skip("the Machine offers no edit operation")
	}
	t.NotTested(checks.MachineUnadvertisedRefused, "the Machine advertised edit")
	before := m.Clone()
	time.Sleep(1100 * time.Millisecond) // updated has one-second precision in many Providers

	// A full PUT with a new name, description and properties.
	newName := t.name("renamed-" + string(t.F))
	props := map[string]string{"cimitest.run": t.env.runID, "changed": "yes"}
	body := m.Clone().Set("name", model.S(newName)).Set("description", model.S("renamed by cimitest")).
		Set("properties", model.Props(props))
	r := t.send("PUT", edit, "Machine", body, client.On(lc.uri))
	after, _ := t.machine(lc.uri)
	t.Check(checks.MachineUpdate, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT on the edit operation")
		g.Expect(after.Str("name")).To(Equal(newName), "name after the PUT")
		g.Expect(after.Str("description")).To(Equal("renamed by cimitest"), "description after the PUT")
		g.Expect(after.Get("properties").StringMap()).To(Equal(props), "properties after the PUT")
		g.Expect(after.Str("updated") >= before.Str("updated")).To(BeTrue(), "updated moved forward (%s, then %s)",
			before.Str("updated"), after.Str("updated"))
	})
	if r.OK() {
		t.followJob(r, "Machine", "update")
	}
	if r.Status == 200 {
		t.judgeHeadersOf(r, "Machine", "update")
	}

	// Read-only attributes changed in a PUT are ignored, without error.
	ro := after.Clone().Set("state", model.S("STARTED")).Set("created", model.S("2001-01-01T00:00:00Z"))
	r = t.send("PUT", edit, "Machine", ro, client.On(lc.uri))
	again, _ := t.machine(lc.uri)
	t.Check(checks.MachineUpdateReadOnly, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "a PUT that changes read-only attributes is not refused")
		g.Expect(again.Str("state")).To(Equal(after.Str("state")), "state after the PUT")
		g.Expect(again.Str("created")).To(Equal(after.Str("created")), "created after the PUT")
	})
	t.settle(lc)
	t.judgeReadOnlyExtensions(lc, edit)

	// An attribute left out of a full PUT is removed.
	r = t.send("PUT", edit, "Machine", again.Clone().Delete("description"), client.On(lc.uri))
	third, _ := t.machine(lc.uri)
	t.Check(checks.MachineUpdateRemoves, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT without description")
		g.Expect(third.Has("description")).To(BeFalse(), "description after a PUT that left it out")
	})

	// An unknown attribute is refused (§5.3).
	r = t.send("PUT", edit, "Machine", third.Clone().Set("zzCimitestUnknown", model.S("1")), client.On(lc.uri))
	fourth, _ := t.machine(lc.uri)
	refused := t.refused(r, "Machine", "update")
	t.About("Machine", "update").Check(checks.HTTPUnknownAttr, ev(r), func(g Gomega) {
		g.Expect(refused).To(BeTrue(), "a PUT with an unknown attribute is refused with a 4xx (got %s)", r.Describe())
		g.Expect(fourth.Str("name")).To(Equal(third.Str("name")), "the Machine did not change")
	})
}

// deleteOp finds the delete operation of the run's resource uri. The
// operations a resource offers may depend on its state (§4.2, l.866-868): a
// resource that offers stop but not delete is stopped first, and its delete
// looked for once it rests.
func (t *T) deleteOp(uri, typ string) (string, bool) {
	d, _ := t.read(uri, typ, model.Full)
	t.Must(d != nil, "the %s cannot be read", typ)
	if del, ok := d.Root.Op("delete"); ok {
		return del, true
	}
	stop, ok := d.Root.Op(t.env.version.ActionURI("stop"))
	if !ok {
		return "", false
	}
	r := t.act(uri, stop, "stop")
	t.Must(r.OK(), "the %s offers no delete, and its stop was refused: %s", typ, r.Describe())
	var del string
	err := client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.State, Flag: flagTimeoutState},
		"the "+typ+" "+uri+" to offer delete once stopped", func() (bool, string, error) {
			cur := t.env.decodeAs(t.get(uri), t.F)
			if cur == nil {
				return false, "unreadable", nil
			}
			del, ok = cur.Root.Op("delete")
			return ok, "state " + cur.Root.Str("state"), nil
		})
	return del, err == nil
}

// deleteMachine deletes the Machine and checks it is gone with its Disks.
func (t *T) deleteMachine(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was created")
	t.settle(lc)
	if m, _ := t.machine(lc.uri); offers(m, "delete") {
		t.NotTested(checks.MachineUnadvertisedRefused, "the Machine advertised delete")
	} else if t.probeUnadvertised(lc.uri, "DELETE", m) {
		t.Skip("the Machine offers no delete operation; the DELETE sent anyway removed it")
	}
	del, ok := t.deleteOp(lc.uri, "Machine")
	if !ok {
		t.Skip("the Machine offers no delete operation")
	}
	m, _ := t.machine(lc.uri)
	disks := t.env.client.Resolve(m.Href("disks"))
	var diskURIs []string
	if d, _ := t.read(disks, "DiskCollection", model.Full); d != nil {
		diskURIs = t.itemIDs(d)
	}
	r := t.del(lc.uri, del)
	if !t.About("Machine", "delete").Check(checks.MachineDelete, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "DELETE on the delete operation")
	}) {
		t.judgeError(r, "Machine", "delete")
		return
	}
	job := t.followJob(r, "Machine", "delete")
	lc.jobURIs = append(lc.jobURIs, job.uri)
	gone, err := t.waitGone(lc.uri, r.Status == 202 && !job.ended)
	switch {
	case client.IsTimeout(err):
		t.Errorf(checks.MachineDelete, err, r)
	case err != nil:
		t.Fail(checks.MachineDelete, err.Error(), "DELETING, then 404", "", r, gone)
	default:
		t.env.ledger.gone(lc.uri)
		t.Pass(checks.MachineDelete)
	}
	if err != nil {
		t.NotTested(checks.MachineDeleteChildren, "the Machine was not deleted")
		t.NotTested(checks.MachineDeleteUnlisted, "the Machine was not deleted")
		t.NotTested(checks.JobNoDeleted, "the Machine was not deleted")
		t.NotTested(checks.HTTPNotFound, "the Machine was not deleted")
		t.NotTested(checks.HTTPErrorJob, "the Machine was not deleted")
		return
	}
	if gone.Status == 404 {
		t.Pass(checks.HTTPNotFound)
	} else {
		t.Fail(checks.HTTPNotFound, "a deleted resource is not answered 404", "404", gone.Describe(), gone)
	}
	t.judgeError(gone, "Machine", "read")
	for _, uri := range append([]string{disks}, diskURIs...) {
		r := t.get(uri)
		if r.Status == 404 || r.Status == 410 {
			t.Pass(checks.MachineDeleteChildren)
		} else {
			t.Fail(checks.MachineDeleteChildren, "a Disk (or the disks collection) of the deleted Machine is still there", "404", r.Describe(), r)
		}
	}
	coll, _ := machinesCollection(t)
	t.judgeListed(checks.MachineDeleteUnlisted, coll, "MachineCollection", lc.uri, false, "the MachineCollection no longer lists the deleted Machine")
	for _, j := range lc.jobURIs {
		if j == "" {
			continue
		}
		jd, jr := t.read(j, "Job", model.Full)
		if jd == nil {
			continue
		}
		t.Check(checks.JobNoDeleted, ev(jr), func(g Gomega) {
			g.Expect(t.hrefs(jd.Root.Get("affectedResources"))).NotTo(HaveKey(lc.uri), "a Job lists the deleted Machine")
		})
	}
}

// waitGone waits until uri answers 404 (or 410). When the delete is over (a
// synchronous answer, or its Job has ended) the resource must be gone at
// once; while it runs, the resource shows DELETING, and another state after
// DELETING means it came back.
func (t *T) waitGone(uri string, running bool) (*client.Response, error) {
	var last *client.Response
	sawDeleting, stayed := false, false
	var back string // the state it stayed in ("" for a type without state)
	check := func() (bool, string, error) {
		r := t.get(uri)
		last = r
		if r.Status == 404 || r.Status == 410 {
			return true, "", nil
		}
		if r.Status != 200 {
			return false, r.Describe(), nil
		}
		s := t.stateOf(r)
		if s == "DELETING" {
			sawDeleting = true
		} else if sawDeleting || !running {
			back, stayed = s, true
			return true, s, nil
		}
		return false, "state " + s, nil
	}
	if !running {
		if done, _, _ := check(); done && !stayed {
			return last, nil
		}
		return last, fmt.Errorf("the delete is over, yet the resource is still readable (state %q)", back)
	}
	err := client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.State, Flag: flagTimeoutState}, uri+" to be deleted", check)
	if err == nil && stayed {
		err = fmt.Errorf("the resource left DELETING for %s instead of disappearing", back)
	}
	return last, err
}

func (t *T) stateOf(r *client.Response) string {
	f, _ := r.Format()
	d, err := model.Decode(f, r.Body, t.env.version)
	if err != nil {
		return ""
	}
	return d.Root.Str("state")
}

// unadvertised tries on the run's resting Machine the PUT and DELETE it
// does not advertise in its present state. A DELETE that was honoured
// leaves the lifecycle without its Machine.
func (t *T) unadvertised(lc *machineRun) {
	m, _ := t.machine(lc.uri)
	tried := false
	if !offers(m, "edit") {
		tried = true
		t.probeUnadvertised(lc.uri, "PUT", m)
	}
	if !offers(m, "delete") {
		tried = true
		if t.probeUnadvertised(lc.uri, "DELETE", m) {
			lc.uri = ""
		}
	}
	if !tried {
		t.NotTested(checks.MachineUnadvertisedRefused, "the "+m.Str("state")+" Machine advertised edit and delete")
	}
}

// probeUnadvertised sends the run's own Machine a PUT (its representation
// with a new description) or a DELETE that its last read did not advertise
// (M-21, §4.2.1.3-4). It reports whether the Machine is gone: a DELETE that
// was honoured has removed it, and the run records that.
func (t *T) probeUnadvertised(uri, method string, m *model.Node) (gone bool) {
	var r *client.Response
	if method == "PUT" {
		body := m.Clone().Set("description", model.S("changed by a PUT that was not advertised"))
		r = t.send("PUT", uri, "Machine", body, client.On(uri))
	} else {
		r = t.del(uri, uri)
	}
	refused := t.refused(r, "Machine", strings.ToLower(method))
	after, _ := t.read(uri, "Machine", model.Full)
	t.Check(checks.MachineUnadvertisedRefused, ev(r), func(g Gomega) {
		g.Expect(refused).To(BeTrue(), "a %s the Machine did not advertise is refused with a 4xx (got %s)", method, r.Describe())
		if method == "PUT" && after != nil {
			g.Expect(after.Root.Str("description")).To(Equal(m.Str("description")), "the description did not change")
		}
	})
	if method == "DELETE" && r.OK() {
		if _, err := t.waitGone(uri, r.Status == 202); err == nil {
			t.env.ledger.gone(uri)
			return true
		}
	}
	return false
}

func offers(n *model.Node, rel string) bool {
	_, ok := n.Op(rel)
	return ok
}
