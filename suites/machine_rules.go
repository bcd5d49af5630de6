package suites

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"slices"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The Machine rules beyond one lifecycle (§5.14.1-3, Tables 7, 16, 19, 21):
// Machines made from parts given by value, credentials and userData that
// must make no Machine, and a chain of snapshots taken apart image by
// image. Each step makes what it needs and deletes it again.

var _ = scenario(func(r *runEnv) {
	Describe("Machine rules", Label("machines"), SpecPriority(priorityLong), func() {
		formats(func(f model.Format) {
			r.step("makes Machines from a configuration, an image and a credential given by value",
				[]*checks.Check{checks.MachineConfigByValue, checks.MachineImageByValue, checks.MachineCredentialByValue},
				func(t *T) {
					t.configByValue()
					t.imageByValue()
					t.credentialByValue()
				})

			r.step("makes no Machine from a template whose credential is not a Credential",
				[]*checks.Check{checks.MachineBadCredential},
				func(t *T) {
					cfg, img := pickConfig(t), pickImage(t)
					// A reference to a MachineConfiguration where a Credential belongs.
					t.noMachineFrom(checks.MachineBadCredential, "bad-credential", model.Obj(
						"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")),
						"credential", model.Ref(cfg.Str("id"))), "a template whose credential is a MachineConfiguration")
				})

			r.step("takes userData as the UserData capability says",
				[]*checks.Check{checks.MachineUserDataAdvertised, checks.MachineUserDataBase64},
				func(t *T) { t.judgeUserData() })

			Describe("a chain of snapshots", Ordered, ContinueOnFailure, func() {
				lc := &machineRun{hrefs: map[string]string{}}

				r.step("snapshots a Machine, ignoring a relatedImage it is sent",
					[]*checks.Check{checks.MachineSnapshotRelated, checks.MachineSnapshot},
					func(t *T) {
						lc.uri = t.restingMachine("snapshots")
						t.snapshotWithRelated(lc)
					})

				r.step("restores from an image that is not a SNAPSHOT as RestoreFromImage says",
					[]*checks.Check{checks.MachineRestoreFromImage, checks.MachineRestoreImageAccepted},
					func(t *T) { t.restoreFromImage(lc) })

				r.step("restarts the Machine by force, and stops it by force while it stops",
					[]*checks.Check{checks.MachineRestartForce, checks.MachineStopWhileStopping},
					func(t *T) {
						t.ensure(lc, "STARTED")
						t.runAction(lc, "restart", []string{"STARTED"}, []string{"STOPPING", "STARTING", "STOPPED"}, "STARTED",
							checks.MachineRestartForce, "force", true)
						t.stopWhileStopping(lc)
					})

				r.step("relinks the SNAPSHOTs of a deleted image",
					[]*checks.Check{checks.ImageDeleteRelinks, checks.MachineSnapshot},
					func(t *T) { t.deleteRelinks(lc) })

				r.step("deletes the PARTIAL_SNAPSHOTs of a deleted image",
					[]*checks.Check{checks.ImageDeletePartials},
					func(t *T) { t.deletePartials(lc) })

				r.step("keeps the SNAPSHOTs of a deleted Machine",
					[]*checks.Check{checks.MachineDeleteKeepsImages, checks.MachineSnapshot},
					func(t *T) { t.deleteKeepsImages(lc) })
			})
		})
	})
})

// --- parts by value (Table 7) ---------------------------------------------------

// otherConfig picks a configuration unlike the one pickConfig gives where
// there is one, so that a Machine made from it shows whose values it took.
func otherConfig(t *T) *model.Node {
	first := pickConfig(t)
	if c := configShapedOtherThan(t, first); c != nil {
		return c
	}
	return first
}

// configShapedOtherThan finds a configuration whose cpu or memory differs
// from the Machine's (nil when none does).
func configShapedOtherThan(t *T, m *model.Node) *model.Node {
	for _, c := range fullItems(t, "machineConfigs", "MachineConfigurationCollection", "MachineConfiguration") {
		if c.Str("cpu") != m.Str("cpu") || c.Str("memory") != m.Str("memory") {
			return c
		}
	}
	return nil
}

// configByValue copies an existing configuration (a shape the Provider is
// known to offer) into the template by value.
func (t *T) configByValue() {
	if !t.env.capable("Machine", "MachineConfigByValue") {
		return // not supported: recorded before the step ran
	}
	cfg, img := otherConfig(t), pickImage(t)
	inline := model.Obj("cpu", cfg.Get("cpu"), "memory", cfg.Get("memory"))
	if d := cfg.Get("disks"); d != nil {
		inline.Set("disks", d.Clone())
	}
	m := t.machineFrom(model.Obj("machineConfig", inline, "machineImage", model.Ref(img.Str("id"))),
		"config-by-value", checks.MachineConfigByValue)
	if m == nil {
		return
	}
	defer t.dispose(m.uri)
	final := t.rest(m.uri, checks.MachineConfigByValue)
	if final == nil {
		return
	}
	t.Check(checks.MachineConfigByValue, ev(m.resp), func(g Gomega) {
		g.Expect(final.Str("cpu")).To(Equal(cfg.Str("cpu")), "cpu of the Machine against the configuration given by value")
		g.Expect(final.Str("memory")).To(Equal(cfg.Str("memory")), "memory of the Machine against the configuration given by value")
	})
}

// imageByValue gives an existing image's location by value.
func (t *T) imageByValue() {
	if !t.env.capable("Machine", "MachineImageByValue") {
		return
	}
	cfg, img := pickConfig(t), pickImage(t)
	full, _ := t.read(img.Str("id"), "MachineImage", model.Full)
	t.Must(full != nil && full.Root.Str("imageLocation") != "", "the image %s has no imageLocation to give by value", img.Str("id"))
	m := t.machineFrom(model.Obj("machineConfig", model.Ref(cfg.Str("id")),
		"machineImage", model.Obj("imageLocation", full.Root.Str("imageLocation"))), "image-by-value", checks.MachineImageByValue)
	if m == nil {
		return
	}
	defer t.dispose(m.uri)
	if final := t.rest(m.uri, checks.MachineImageByValue); final != nil {
		t.Pass(checks.MachineImageByValue)
	}
}

// credentialByValue gives the attributes of a Credential inline.
func (t *T) credentialByValue() {
	if !t.env.capable("Machine", "MachineCredentialByValue") {
		return
	}
	cfg, img := pickConfig(t), pickImage(t)
	m := t.machineFrom(model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")),
		"credential", model.Obj("userName", "cimitest", "password", t.env.runID)), "credential-by-value", checks.MachineCredentialByValue)
	if m == nil {
		return
	}
	defer t.dispose(m.uri)
	if final := t.rest(m.uri, checks.MachineCredentialByValue); final != nil {
		t.Pass(checks.MachineCredentialByValue)
	}
}

// rest waits for a new Machine to come to rest; a Machine that ends in
// ERROR or does not rest fails id.
func (t *T) rest(uri string, id *checks.Check) *model.Node {
	final, seen, err := t.waitState(uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
	switch {
	case client.IsTimeout(err):
		t.Errorf(id, err)
		return nil
	case err != nil:
		t.Fail(id, err.Error(), "a stable state", fmt.Sprint(seen))
		return nil
	case final.Str("state") == "ERROR" || final.Str("state") == "FAILED":
		t.Fail(id, "the new Machine ended in "+final.Str("state"), "STARTED or STOPPED", final.Str("state"))
		return nil
	}
	return final
}

// dispose deletes a Machine a step made for one check, judging nothing;
// what it cannot delete the cleanup deals with.
func (t *T) dispose(uri string) {
	t.later("disposing of "+uri, nil, func(t *T) {
		t.settle(&machineRun{uri: uri})
		del, ok := t.deleteOp(uri, "Machine")
		if !ok {
			return
		}
		if r := t.del(uri, del); r.OK() {
			if gone, err := t.waitGone(uri, r.Status == 202); err == nil && gone != nil {
				t.env.ledger.gone(uri)
			}
		}
	})
}

// --- creates that must make no Machine ------------------------------------------

// noMachineFrom posts a MachineCreate with the given template and judges id:
// refused with a 4xx and nothing made, or accepted and the creation fails
// (the Job FAILED, or the Machine in ERROR or gone), never a working Machine.
func (t *T) noMachineFrom(id *checks.Check, purpose string, tmpl *model.Node, what string) {
	coll, add := machinesCollection(t)
	n := t.name(purpose + "-" + string(t.F))
	r := t.post(coll, add, "MachineCreate", "Machine", model.Obj("name", n, "machineTemplate", tmpl))
	if t.refused(r, "Machine", "create") {
		t.Check(id, ev(r), func(g Gomega) {
			g.Expect(t.namedIn(coll, "MachineCollection", n)).To(BeFalse(), "a refused create made a Machine")
		})
		return
	}
	// Accepted: the verdict waits for the Job and the Machine to settle,
	// which nothing else in the step needs.
	t.later("judging "+what, []*checks.Check{id}, func(t *T) {
		job := t.followJob(r, "Machine", "create")
		failed := job.job != nil && job.job.Str("state") == "FAILED"
		state := ""
		if loc := r.Header.Get("Location"); loc != "" && !failed {
			_, seen, _ := t.waitState(t.env.client.Resolve(loc), []string{"CREATING", "STARTING"}, model.StableMachineStates...)
			if len(seen) > 0 {
				state = seen[len(seen)-1]
			}
		}
		t.Check(id, ev(r), func(g Gomega) {
			g.Expect(failed || state == "ERROR" || state == "").To(BeTrue(), "%s was accepted and the Machine ended %s", what, state)
		})
	})
}

// judgeUserData: a Provider that takes userData says so (M-85); userData
// that is not Base64 makes no Machine (M-86).
func (t *T) judgeUserData() {
	cfg, img := pickConfig(t), pickImage(t)
	tmpl := func(userData string) *model.Node {
		return model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")), "userData", userData)
	}
	if t.env.offersCapability("Machine", "UserData") {
		t.Pass(checks.MachineUserDataAdvertised)
		t.noMachineFrom(checks.MachineUserDataBase64, "userdata-not-base64", tmpl("not Base64: ¿?"), "userData that is not Base64")
		return
	}
	// Without the capability, userData must not be taken.
	coll, add := machinesCollection(t)
	n := t.name("userdata-unadvertised-" + string(t.F))
	r := t.post(coll, add, "MachineCreate", "Machine", model.Obj("name", n,
		"machineTemplate", tmpl(base64.StdEncoding.EncodeToString([]byte("#!/bin/sh\necho cimitest\n")))))
	if t.refused(r, "Machine", "create") {
		t.Pass(checks.MachineUserDataAdvertised)
		return
	}
	t.Fail(checks.MachineUserDataAdvertised, "a create with userData was accepted although the Machine ResourceMetadata offers no UserData capability",
		"a 4xx, or the UserData capability", r.Describe(), r)
	if loc := r.Header.Get("Location"); loc != "" {
		t.dispose(t.env.client.Resolve(loc))
	}
}

// --- the chain of snapshots (Table 21) ------------------------------------------

// restingMachine makes a Machine for a step's own use and waits for it to
// rest; the step stops when it cannot.
func (t *T) restingMachine(purpose string) string {
	cfg, img := pickConfig(t), pickImage(t)
	m := t.machineFrom(model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id"))),
		purpose, checks.MachineCreate)
	t.Must(m != nil, "no Machine could be made (see machine.create)")
	_, _, err := t.waitState(m.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
	t.Must(err == nil, "the new Machine does not come to rest: %v", err)
	return m.uri
}

// snapshotWithRelated takes the first snapshot sending a relatedImage of the
// Consumer's choosing: the Provider ignores it or refuses the request.
func (t *T) snapshotWithRelated(lc *machineRun) {
	m, _ := t.machine(lc.uri)
	href, ok := m.Op(t.env.version.ActionURI("snapshot"))
	if !ok {
		t.NotSupported(checks.MachineSnapshotRelated, "the Machine does not offer snapshot when "+m.Str("state"))
		t.Skip("the Machine does not offer snapshot")
	}
	foreign := t.env.client.Resolve(pickImage(t).Str("id"))
	body := model.Obj("name", t.name("snapshot-related-"+string(t.F)), "type", "SNAPSHOT", "imageLocation", m.Str("id"),
		"relatedImage", model.Ref(foreign))
	imagesColl := t.env.client.Resolve(readCEP(t).Href("machineImages"))
	r := t.post(imagesColl, href, "MachineImage", "MachineImage", body)
	if t.refused(r, "MachineImage", "create") {
		t.Pass(checks.MachineSnapshotRelated)
		t.capture(lc, "snapshot", checks.MachineSnapshot)
		return
	}
	job := t.followJob(r, "MachineImage", "create")
	uri := t.env.client.Resolve(r.Header.Get("Location"))
	if uri == "" && job.job != nil {
		uri = t.madeBy(job.job, imagesColl, "MachineImage", body.Str("name"))
	}
	t.Must(uri != "", "the snapshot named no image (%s)", r.Describe())
	img, _, err := t.waitImage(uri)
	t.Must(err == nil, "the snapshot did not become AVAILABLE: %v", err)
	lc.snaps = append(lc.snaps, uri)
	t.Check(checks.MachineSnapshotRelated, ev(r), func(g Gomega) {
		g.Expect(t.env.client.Resolve(img.Href("relatedImage"))).NotTo(Equal(foreign), "relatedImage of the snapshot")
	})
	t.settle(lc)
}

// restoreFromImage: without RestoreFromImage only SNAPSHOTs restore; with
// it, any image does.
func (t *T) restoreFromImage(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was made")
	offered := t.env.capable("Machine", "RestoreFromImage")
	if offered {
		t.Inapplicable(checks.MachineRestoreFromImage, "the Provider offers RestoreFromImage")
	}
	t.settle(lc)
	m, _ := t.machine(lc.uri)
	href, ok := m.Op(t.env.version.ActionURI("restore"))
	if !ok {
		t.NotSupported(checks.MachineRestoreFromImage, "the Machine does not offer restore when "+m.Str("state"))
		t.NotSupported(checks.MachineRestoreImageAccepted, "the Machine does not offer restore when "+m.Str("state"))
		return
	}
	var image string
	for _, it := range fullItems(t, "machineImages", "MachineImageCollection", "MachineImage") {
		if it.Str("type") == "IMAGE" && it.Str("state") == "AVAILABLE" {
			image = it.Str("id")
			break
		}
	}
	t.Must(image != "", "no AVAILABLE image of type IMAGE to restore from")
	before := m.Str("state")
	r := t.act(lc.uri, href, "restore", "image", model.Ref(image))
	if !offered {
		t.refusedUnmoved(lc, checks.MachineRestoreFromImage, r, before, "a restore from an IMAGE")
		return
	}
	if !r.OK() {
		t.Fail(checks.MachineRestoreImageAccepted, "a restore from an IMAGE was refused although RestoreFromImage is offered", "200, 202 or 204", r.Describe(), r)
		return
	}
	t.followJob(r, "Machine", "action:restore")
	_, seen, err := t.waitState(lc.uri, []string{"RESTORING", before}, "STARTED", "STOPPED", "PAUSED", "SUSPENDED")
	t.judgeTransition(checks.MachineRestoreImageAccepted, seen, err, []string{"RESTORING", before}, "a stable state", r)
	t.settle(lc)
}

// stopWhileStopping stops the Machine gracefully and, while it is
// STOPPING, again by force: that second stop is to be accepted (l.2619).
func (t *T) stopWhileStopping(lc *machineRun) {
	if !t.env.capable("Machine", "MachineStopForce") {
		return // not supported: recorded before the step ran
	}
	t.ensure(lc, "STARTED")
	m, _ := t.machine(lc.uri)
	href, ok := m.Op(t.env.version.ActionURI("stop"))
	t.Must(ok, "the STARTED Machine does not offer stop")
	first := t.act(lc.uri, href, "stop", "force", false)
	t.Must(first.OK(), "the stop was refused (%s)", first.Describe())
	if st := t.state(lc.uri); st != "STOPPING" {
		t.NotTested(checks.MachineStopWhileStopping, "the Machine was "+st+", not STOPPING, after the first stop: no second one could be sent in time")
		t.settle(lc)
		return
	}
	second := t.act(lc.uri, href, "stop", "force", true)
	if !second.OK() {
		if st := t.state(lc.uri); st != "STOPPING" {
			// The graceful stop may have ended between the read and the
			// second stop: a refusal then says nothing of STOPPING.
			t.NotTested(checks.MachineStopWhileStopping, "the Machine was "+orNone(st)+" once the second stop was answered: it may have left STOPPING before it arrived")
			t.settle(lc)
			return
		}
		t.Fail(checks.MachineStopWhileStopping, "a forced stop while STOPPING was refused", "200, 202 or 204", second.Describe(), first, second)
		t.settle(lc)
		return
	}
	t.followJob(second, "Machine", "action:stop")
	_, seen, err := t.waitState(lc.uri, []string{"STOPPING"}, "STOPPED")
	t.judgeTransition(checks.MachineStopWhileStopping, seen, err, []string{"STOPPING"}, "STOPPED", first, second)
}

// deleteImage deletes an image through its delete operation and waits for
// it to go; the step stops when it cannot.
func (t *T) deleteImage(uri string) {
	del, ok := t.deleteOp(uri, "MachineImage")
	if !ok {
		t.Skip("the image %s offers no delete", uri)
	}
	r := t.del(uri, del)
	t.Must(r.OK(), "the delete of the image was refused (%s)", r.Describe())
	job := t.followJob(r, "MachineImage", "delete")
	_, err := t.waitGone(uri, r.Status == 202 && !job.ended)
	t.Must(err == nil, "the image did not go: %v", err)
	t.env.ledger.gone(uri)
}

// deleteRelinks makes a chain of three snapshots, each related to the one
// before, and deletes the middle one: the last then names the first.
func (t *T) deleteRelinks(lc *machineRun) {
	t.Must(len(lc.snaps) > 0, "no snapshot was taken")
	t.settle(lc)
	first := lc.snaps[len(lc.snaps)-1]
	middle := t.capture(lc, "snapshot", checks.MachineSnapshot)
	t.Must(middle != "", "the second snapshot failed (see machine.snapshot)")
	last := t.capture(lc, "snapshot", checks.MachineSnapshot)
	t.Must(last != "", "the third snapshot failed (see machine.snapshot)")
	t.mustChain(map[string]string{middle: first, last: middle}, "snapshot")
	t.deleteImage(middle)
	lc.snaps = slices.DeleteFunc(lc.snaps, func(s string) bool { return s == middle })
	after, resp := t.read(last, "MachineImage", model.Full)
	t.Check(checks.ImageDeleteRelinks, ev(resp), func(g Gomega) {
		g.Expect(after).NotTo(BeNil(), "the last snapshot after the middle one was deleted")
		g.Expect(t.env.client.Resolve(after.Root.Href("relatedImage"))).To(Equal(first),
			"relatedImage of the last snapshot: the image the deleted one named")
	})
}

// mustChain stops the step unless each image names, as relatedImage, the
// one it was taken after: what follows judges a chain, not a broken one.
func (t *T) mustChain(relatedOf map[string]string, kind string) {
	for img, want := range relatedOf {
		d, _ := t.read(img, "MachineImage", model.Full)
		t.Must(d != nil && t.env.client.Resolve(d.Root.Href("relatedImage")) == want,
			"the %s %s does not build on %s (see machine.snapshot-chain)", kind, img, want)
	}
}

// deletePartials builds two PARTIAL_SNAPSHOTs on the latest snapshot, the
// second on the first, and deletes that snapshot: both partials go.
func (t *T) deletePartials(lc *machineRun) {
	t.Must(len(lc.snaps) > 0, "no snapshot is left to build on")
	t.settle(lc)
	base := lc.snaps[len(lc.snaps)-1]
	p1 := t.partialSnapshot(lc)
	if p1 == "" {
		return
	}
	p2 := t.partialSnapshot(lc)
	t.Must(p2 != "", "the second PARTIAL_SNAPSHOT could not be made")
	t.mustChain(map[string]string{p1: base, p2: p1}, "PARTIAL_SNAPSHOT")
	t.deleteImage(base)
	lc.snaps = slices.DeleteFunc(lc.snaps, func(s string) bool { return s == base })
	r1, r2 := t.get(p1), t.get(p2)
	t.Check(checks.ImageDeletePartials, ev(r1, r2), func(g Gomega) {
		g.Expect(r1.Status).To(BeElementOf(404, 410), "the PARTIAL_SNAPSHOT built on the deleted image")
		g.Expect(r2.Status).To(BeElementOf(404, 410), "the PARTIAL_SNAPSHOT built on that one")
	})
	for _, p := range []string{p1, p2} {
		if r := t.get(p); r.Status == 404 || r.Status == 410 {
			t.env.ledger.gone(p)
		}
	}
}

// partialSnapshot posts a PARTIAL_SNAPSHOT to the snapshot operation; ""
// (with the check not supported) when the Provider makes none.
func (t *T) partialSnapshot(lc *machineRun) string {
	m, _ := t.machine(lc.uri)
	href, ok := m.Op(t.env.version.ActionURI("snapshot"))
	t.Must(ok, "the Machine does not offer snapshot when %s", m.Str("state"))
	body := model.Obj("name", t.name(fmt.Sprintf("partial-%d-%s", len(lc.snaps), t.F)), "type", "PARTIAL_SNAPSHOT",
		"imageLocation", m.Str("id"))
	imagesColl := t.env.client.Resolve(readCEP(t).Href("machineImages"))
	r := t.post(imagesColl, href, "MachineImage", "MachineImage", body)
	if t.refused(r, "MachineImage", "create") {
		t.NotSupported(checks.ImageDeletePartials, "the Provider makes no PARTIAL_SNAPSHOT ("+r.Describe()+")")
		return ""
	}
	t.Must(r.Status == http.StatusCreated || r.Status == http.StatusAccepted, "the PARTIAL_SNAPSHOT was answered %s", r.Describe())
	job := t.followJob(r, "MachineImage", "create")
	uri := t.env.client.Resolve(r.Header.Get("Location"))
	if uri == "" && job.job != nil {
		uri = t.madeBy(job.job, imagesColl, "MachineImage", body.Str("name"))
	}
	t.Must(uri != "", "the PARTIAL_SNAPSHOT named no image")
	_, _, err := t.waitImage(uri)
	t.Must(err == nil, "the PARTIAL_SNAPSHOT did not become AVAILABLE: %v", err)
	lc.snaps = append(lc.snaps, uri)
	t.settle(lc)
	return uri
}

// deleteKeepsImages takes one more snapshot and deletes the Machine: the
// snapshot stays.
func (t *T) deleteKeepsImages(lc *machineRun) {
	t.Must(lc.uri != "", "no Machine was made")
	t.ensure(lc, "STOPPED")
	snap := t.capture(lc, "snapshot", checks.MachineSnapshot)
	t.Must(snap != "", "the snapshot failed (see machine.snapshot)")
	t.settle(lc)
	del, ok := t.deleteOp(lc.uri, "Machine")
	t.Must(ok, "the Machine offers no delete")
	r := t.del(lc.uri, del)
	t.Must(r.OK(), "the delete of the Machine was refused (%s)", r.Describe())
	job := t.followJob(r, "Machine", "delete")
	_, err := t.waitGone(lc.uri, r.Status == 202 && !job.ended)
	t.Must(err == nil, "the Machine did not go: %v", err)
	t.env.ledger.gone(lc.uri)
	after := t.get(snap)
	t.Check(checks.MachineDeleteKeepsImages, ev(r, after), func(g Gomega) {
		g.Expect(after.Status).To(Equal(200), "GET on a SNAPSHOT of the deleted Machine")
	})
}
