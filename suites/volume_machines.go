package suites

import (
	"net/http"

	. "github.com/onsi/gomega" //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// Volumes connected to Machines (§5.14.1.1.2): 2.0 insert, remove and
// connectvolume on the Machine's locatedVolume collection, 1.x MachineVolume
// records added and deleted; what deleting either side does to the other.

// attachment is one entry of a Machine's volumes.
type attachment struct {
	id, volume, location string
}

// machineVolumes reads the volumes collection of a Machine: its href, its
// add, insert and remove operations and its entries.
type machineVolumes struct {
	href, add, insert, remove string
	items                     []attachment
	doc                       *model.Doc
	resp                      *client.Response
}

func (t *T) volumesOf(machine string) machineVolumes {
	m, _ := t.read(machine, "Machine", model.Full)
	t.Must(m != nil, "the Machine cannot be read")
	var mv machineVolumes
	mv.href = t.env.client.Resolve(m.Root.Href("volumes"))
	t.Must(mv.href != "", "the Machine has no volumes collection")
	typ, item := "locatedVolumeCollection", "locatedVolume"
	if t.env.version == model.V1 {
		typ, item = "MachineVolumeCollection", "MachineVolume"
	}
	mv.doc, mv.resp = t.read(mv.href, typ, model.Full)
	t.Must(mv.doc != nil, "the Machine's volumes cannot be read")
	mv.add, _ = mv.doc.Root.Op("add")
	mv.insert, _ = mv.doc.Root.Op(t.env.version.ActionURI("insert"))
	mv.remove, _ = mv.doc.Root.Op(t.env.version.ActionURI("remove"))
	for _, it := range mv.doc.Items() {
		it = t.itemWith(it, "volume", item)
		mv.items = append(mv.items, attachment{id: t.env.client.Resolve(it.Str("id")),
			volume: t.env.client.Resolve(it.Href("volume")), location: it.Str("initialLocation")})
	}
	return mv
}

// itemWith gives a collection item with attribute attr: as listed, or
// read at its id where the collection shows only some of its attributes
// (§5.5.12, l.1537-1541: items may carry a subset).
func (t *T) itemWith(it *model.Node, attr, typ string) *model.Node {
	if it.Has(attr) || it.Str("id") == "" {
		return it
	}
	if full, _ := t.read(t.env.client.Resolve(it.Str("id")), typ, model.Full); full != nil {
		return full.Root
	}
	return it
}

// entryFor finds the entry of vol, if listed.
func (mv machineVolumes) entryFor(vol string) (attachment, bool) {
	for _, a := range mv.items {
		if a.volume == vol {
			return a, true
		}
	}
	return attachment{}, false
}

// connect connects vol to machine the way the version offers (2.0 insert,
// 1.x add of a MachineVolume) and gives the answer and, in 1.x, the new
// record's URI.
func (t *T) connect(machine, vol, location string, id *checks.Check) (*client.Response, string) {
	mv := t.volumesOf(machine)
	if t.env.version == model.V1 {
		if mv.add == "" {
			t.NotSupported(id, "the Machine's volumes offer no add operation")
			t.Skip("the Machine's volumes offer no add operation")
		}
		body := model.Obj("name", t.name("machine-volume-"+string(t.F)), "initialLocation", location, "volume", model.Ref(vol))
		c := t.create(mv.href, mv.add, "MachineVolume", "MachineVolume", body, id, client.On(machine))
		return c.resp, c.uri
	}
	if mv.insert == "" {
		t.NotSupported(id, "the Machine's volumes offer no insert operation")
		t.Skip("the Machine's volumes offer no insert operation")
	}
	return t.act(machine, mv.insert, "insert", "initialLocation", location, "volume", model.Ref(vol)), ""
}

func (t *T) connectVolumes(vr *volumeRun) {
	t.Must(vr.vol != "", "no Volume was made")
	t.waitVolume(vr.vol)
	vr.machine = t.restingMachine("volume-host")
	if t.env.version == model.V1 {
		t.connectV1(vr)
		return
	}
	mv := t.volumesOf(vr.machine)
	t.Check(checks.VolumeInsert, ev(mv.resp), func(g Gomega) {
		g.Expect(mv.doc.Type.Name).To(Equal("locatedVolumeCollection"), "the type of a 2.0 Machine's volumes")
	})
	r, _ := t.connect(vr.machine, vr.vol, "/dev/vdb", checks.VolumeInsert)
	after := t.volumesOf(vr.machine)
	entry, listed := after.entryFor(vr.vol)
	t.Check(checks.VolumeInsert, ev(r, after.resp), func(g Gomega) {
		g.Expect(r.OK()).To(BeTrue(), "insert is accepted (got %s)", r.Describe())
		g.Expect(listed).To(BeTrue(), "the Machine's volumes list the inserted Volume")
		g.Expect(entry.location).To(Equal("/dev/vdb"), "initialLocation of the entry")
	})
	rm := t.act(vr.machine, after.remove, "remove", "volume", model.Ref(vr.vol))
	gone := t.volumesOf(vr.machine)
	_, still := gone.entryFor(vr.vol)
	kept := t.get(vr.vol)
	ok := t.Check(checks.VolumeRemove, ev(rm, gone.resp, kept), func(g Gomega) {
		g.Expect(after.remove).NotTo(BeEmpty(), "the Machine's volumes offer remove")
		g.Expect(rm.OK()).To(BeTrue(), "remove is accepted (got %s)", rm.Describe())
		g.Expect(still).To(BeFalse(), "the Machine's volumes no longer list the removed Volume")
		g.Expect(kept.Status).To(Equal(200), "the removed Volume remains")
	})
	if listed && ok {
		t.Pass(checks.CollectionInsert)
	} else {
		t.Fail(checks.CollectionInsert, "insert and remove on a Machine's volumes did not add and drop the Volume (see volume.insert, volume.remove)", "", "")
	}
	t.connectVolumeAction(vr)
}

// connectVolumeAction connects the Volume through the Machine's own
// connectvolume (§5.14.1.2), then removes it again.
func (t *T) connectVolumeAction(vr *volumeRun) {
	m, _ := t.read(vr.machine, "Machine", model.Full)
	t.Must(m != nil, "the Machine cannot be read")
	href, ok := m.Root.Op(t.env.version.ActionURI("connectvolume"))
	if !ok {
		t.NotSupported(checks.VolumeConnect, "the Machine offers no connectvolume now ("+m.Root.Str("state")+")")
		return
	}
	r := t.act(vr.machine, href, "connectvolume", "volume", model.Ref(vr.vol), "initialLocation", "/dev/vdc")
	mv := t.volumesOf(vr.machine)
	entry, listed := mv.entryFor(vr.vol)
	t.Check(checks.VolumeConnect, ev(r, mv.resp), func(g Gomega) {
		g.Expect(r.OK()).To(BeTrue(), "connectvolume is accepted (got %s)", r.Describe())
		g.Expect(listed).To(BeTrue(), "the Machine's volumes list the connected Volume")
		g.Expect(entry.location).To(Equal("/dev/vdc"), "initialLocation of the entry")
	})
	if listed && mv.remove != "" {
		t.act(vr.machine, mv.remove, "remove", "volume", model.Ref(vr.vol))
	}
}

func (t *T) connectV1(vr *volumeRun) {
	r, rec := t.connect(vr.machine, vr.vol, "/dev/vdb", checks.VolumeAttachV1)
	mv := t.volumesOf(vr.machine)
	entry, listed := mv.entryFor(vr.vol)
	t.Check(checks.VolumeAttachV1, ev(r, mv.resp), func(g Gomega) {
		g.Expect(rec).NotTo(BeEmpty(), "the add names the new MachineVolume")
		g.Expect(listed).To(BeTrue(), "the Machine's volumes list a MachineVolume of the Volume")
		g.Expect(entry.location).To(Equal("/dev/vdb"), "initialLocation of the MachineVolume")
	})
	t.Must(rec != "", "no MachineVolume was made")
	del, ok := t.deleteOp(rec, "MachineVolume")
	if !ok {
		t.NotSupported(checks.VolumeDetachV1, "the MachineVolume offers no delete operation")
		return
	}
	d := t.del(rec, del)
	t.detached(rec, d)
	after := t.volumesOf(vr.machine)
	_, still := after.entryFor(vr.vol)
	kept := t.get(vr.vol)
	t.Check(checks.VolumeDetachV1, ev(d, after.resp, kept), func(g Gomega) {
		g.Expect(d.OK()).To(BeTrue(), "DELETE of the MachineVolume (got %s)", d.Describe())
		g.Expect(still).To(BeFalse(), "the Machine's volumes no longer list the Volume")
		g.Expect(kept.Status).To(Equal(200), "the Volume remains")
	})
}

// detached records a deleted MachineVolume as gone once it is seen gone.
func (t *T) detached(rec string, d *client.Response) {
	if !d.OK() {
		return
	}
	if _, err := t.waitGone(rec, d.Status == 202); err == nil {
		t.env.ledger.gone(rec)
	}
}

// shareVolume connects the second Volume to two Machines (where the
// Provider says it can), then deletes one Machine: the Volume remains.
func (t *T) shareVolume(vr *volumeRun) {
	t.Must(vr.machine != "" && vr.second != "", "no Machine or no second Volume was made")
	other := t.restingMachine("volume-second-host")
	r1, _ := t.connect(vr.machine, vr.second, "/dev/vdd", checks.VolumeSurvivesMachine)
	t.Must(r1.OK(), "the Volume could not be connected: %s", r1.Describe())
	if t.env.version == model.V2 && t.env.capable("Volume", "SharedVolumeSupport") {
		r2, _ := t.connect(other, vr.second, "/dev/vdd", checks.VolumeShared)
		one, two := t.volumesOf(vr.machine), t.volumesOf(other)
		_, in1 := one.entryFor(vr.second)
		_, in2 := two.entryFor(vr.second)
		t.Check(checks.VolumeShared, ev(r2, one.resp, two.resp), func(g Gomega) {
			g.Expect(r2.OK()).To(BeTrue(), "the second connection is accepted (got %s)", r2.Describe())
			g.Expect(in1 && in2).To(BeTrue(), "both Machines list the Volume")
		})
	} else {
		// Connect the other Machine to a Volume of its own to delete it with.
		r2, _ := t.connect(other, vr.vol, "/dev/vdd", checks.VolumeSurvivesMachine)
		t.Must(r2.OK(), "the Volume could not be connected: %s", r2.Describe())
	}
	del, ok := t.deleteOp(other, "Machine")
	t.Must(ok, "the Machine offers no delete")
	d := t.del(other, del)
	t.Must(d.OK(), "the Machine could not be deleted: %s", d.Describe())
	if _, err := t.waitGone(other, d.Status == 202); err == nil {
		t.env.ledger.gone(other)
	}
	survivor := vr.second
	if t.env.version != model.V2 || !t.env.capable("Volume", "SharedVolumeSupport") {
		survivor = vr.vol
	}
	kept := t.get(survivor)
	t.Check(checks.VolumeSurvivesMachine, ev(d, kept), func(g Gomega) {
		g.Expect(kept.Status).To(Equal(200), "the Volume of the deleted Machine remains")
	})
}

// machineWithVolumes makes a Machine whose template connects an existing
// Volume (volumes) and, in 2.0, makes a new one (volumeTemplates by value).
func (t *T) machineWithVolumes(vr *volumeRun) {
	t.Must(vr.second != "", "no Volume was made")
	t.waitVolume(vr.second)
	cfg, img := pickConfig(t), pickImage(t)
	tmpl := model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")))
	if t.env.version == model.V1 {
		tmpl.Set("volumes", model.Arr(model.Obj("href", vr.second, "initialLocation", "/dev/vde")))
	} else {
		tmpl.Set("volumes", model.Arr(model.Obj("volume", model.Ref(vr.second), "initialLocation", "/dev/vde")))
		if t.env.capable("Machine", "MachineVolumeTemplatesByValue") {
			vt := model.Obj("volumeConfig", model.Ref(pickVolumeConfig(t).Str("id")))
			tmpl.Set("volumeTemplates", model.Arr(model.Obj("volumeTemplate", vt, "initialLocation", "/dev/vdf")))
		}
	}
	m := t.machineFrom(tmpl, "machine-with-volumes", checks.MachineTemplateVolumes)
	t.Must(m != nil, "no Machine was made")
	_, _, err := t.waitState(m.uri, []string{"CREATING", "STARTING"}, model.StableMachineStates...)
	t.Must(err == nil, "the new Machine does not come to rest: %v", err)
	mv := t.volumesOf(m.uri)
	entry, listed := mv.entryFor(vr.second)
	t.Check(checks.MachineTemplateVolumes, ev(m.resp, mv.resp), func(g Gomega) {
		g.Expect(listed).To(BeTrue(), "the new Machine's volumes list the Volume its template names")
		if entry.location != "" || t.env.version == model.V1 {
			g.Expect(entry.location).To(Equal("/dev/vde"), "initialLocation of the entry")
		}
	})
	var fresh []attachment
	for _, a := range mv.items {
		if a.volume != vr.second {
			fresh = append(fresh, a)
			t.ownVolume(a.volume)
		}
	}
	if t.env.version == model.V2 {
		job := t.createJob(m.resp)
		t.Check(checks.MachineVolumeTemplates, ev(m.resp, mv.resp), func(g Gomega) {
			g.Expect(fresh).To(HaveLen(1), "the new Machine's volumes list one Volume made from its volumeTemplates")
			g.Expect(fresh[0].location).To(Equal("/dev/vdf"), "initialLocation of the new Volume")
			g.Expect(t.get(fresh[0].volume).Status).To(Equal(200), "the new Volume reads")
			if job != nil {
				// Every resource the create made is one it affected (§5.17.1, Table 46).
				g.Expect(t.hrefs(job.Get("affectedResources"))).To(HaveKey(fresh[0].volume), "the create's Job lists the Volume it made")
			}
		})
	}
	t.dispose(m.uri)
}

// createJob reads the Job a create's answer names (nil without Jobs).
func (t *T) createJob(resp *client.Response) *model.Node {
	if resp == nil || resp.Header.Get("CIMI-Job-URI") == "" {
		return nil
	}
	d, _ := t.read(t.env.client.Resolve(resp.Header.Get("CIMI-Job-URI")), "Job", model.Full)
	if d == nil {
		return nil
	}
	return d.Root
}

// ownVolume records a Volume a Machine's template made for the run, so
// that the cleanup deletes it.
func (t *T) ownVolume(uri string) {
	if uri == "" {
		return
	}
	d, _ := t.read(uri, "Volume", model.Full)
	if d != nil {
		t.env.ledger.own(uri, "Volume", d.Root.Str("name"), "made by the volumeTemplates of a Machine the run made")
	}
}

// deleteVolume connects the Volume again, deletes it, and looks at the
// Machine's volumes and at the snapshot.
func (t *T) deleteVolume(vr *volumeRun) {
	t.Must(vr.vol != "" && vr.machine != "", "no Volume or no Machine was made")
	t.waitVolume(vr.vol)
	r, _ := t.connect(vr.machine, vr.vol, "/dev/vdg", checks.VolumeDetachOnDelete)
	connected := r.OK()
	coll, _ := volumesCollection(t)
	deleted := t.deleteSimple(coll, vr.vol, "Volume", checks.VolumeDelete)
	switch {
	case !deleted:
		t.NotTested(checks.VolumeDetachOnDelete, "the Volume was not deleted (see volume.delete)")
	case !connected:
		t.NotTested(checks.VolumeDetachOnDelete, "the Volume could not be connected ("+r.Describe()+")")
	default:
		mv := t.volumesOf(vr.machine)
		_, still := mv.entryFor(vr.vol)
		t.Check(checks.VolumeDetachOnDelete, ev(mv.resp), func(g Gomega) {
			g.Expect(still).To(BeFalse(), "the Machine's volumes no longer list the deleted Volume")
		})
	}
	if t.env.version != model.V2 {
		return
	}
	switch {
	case vr.snapshot == "":
		t.NotTested(checks.VolumeImagesSurvive, "no snapshot of the Volume was made")
	case !deleted:
		t.NotTested(checks.VolumeImagesSurvive, "the Volume was not deleted (see volume.delete)")
	default:
		img := t.get(vr.snapshot)
		t.Check(checks.VolumeImagesSurvive, ev(img), func(g Gomega) {
			g.Expect(img.Status).To(Equal(http.StatusOK), "GET on the snapshot of the deleted Volume")
		})
	}
	t.dispose(vr.machine)
}
