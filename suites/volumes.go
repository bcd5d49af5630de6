package suites

import (
	"fmt"
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.15: VolumeConfigurations, VolumeImages, VolumeTemplates and Volumes,
// snapshots and restore, and Volumes connected to Machines (§5.14.1.1.2).

// volumeRun is what the Volume steps share.
type volumeRun struct {
	tmpl     string
	cfg, img *model.Node // what the template was made of
	vol      string      // the Volume made from the template
	second   string      // a second Volume from the same template
	snapshot string      // a snapshot of vol
	machine  string      // a Machine the Volumes are connected to
}

var _ = scenario(func(r *runEnv) {
	Describe("Volumes", Label("volumes"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("configurations, images, templates and volumes", Ordered, ContinueOnFailure, func() {
				vr := &volumeRun{}

				r.step("reads the Volume collections and the Provider's configurations and images",
					[]*checks.Check{checks.VolumeCollections, checks.VolumeConfigAttributes, checks.VolumeImageLocation, checks.VolumeAvailabilityLevel},
					func(t *T) { t.readVolumeCatalogue() })

				r.step("creates a VolumeConfiguration and deletes it",
					[]*checks.Check{checks.VolumeConfigCreate, checks.VolumeRepresentationV1, checks.HTTPCreateLocation, checks.HTTPCreateJob, checks.HTTPCreateBody},
					func(t *T) { t.volumeConfigLifecycle() })

				r.step("registers a VolumeImage from a location and deletes it",
					[]*checks.Check{checks.VolumeImageCreate, checks.VolumeImageLocation},
					func(t *T) { t.volumeImageLifecycle() })

				r.step("creates a VolumeTemplate",
					[]*checks.Check{checks.VolumeTemplateCreate, checks.VolumeRepresentation, checks.VolumeRepresentationV1},
					func(t *T) { t.makeVolumeTemplate(vr) })

				r.step("makes a Volume from the template by reference",
					[]*checks.Check{checks.VolumeCreate, checks.VolumeCreatingState, checks.VolumeCreateAttributes, checks.VolumeCapacity,
						checks.VolumeBootable, checks.VolumeSubCollections, checks.VolumeRepresentation, checks.VolumeRepresentationV1},
					func(t *T) { t.makeVolumeFromTemplate(vr) })

				r.step("makes a second Volume from the same template",
					[]*checks.Check{checks.VolumeTemplateReuse},
					func(t *T) { t.secondVolume(vr) })

				r.step("refuses a VolumeCreate without template",
					[]*checks.Check{checks.VolumeNeedsTemplate},
					func(t *T) { t.volumeWithoutTemplate() })

				r.step("makes a Volume with its template by value",
					[]*checks.Check{checks.VolumeByValue},
					func(t *T) { t.volumeByValue(vr) })

				r.step("makes a Volume from a template with genResourceMetadata",
					[]*checks.Check{checks.VolumeGenMetadata},
					func(t *T) { t.volumeGenMetadata(vr) })

				r.step("makes Volumes from templates asking for a Meter and an EventLog, by reference and by value",
					[]*checks.Check{checks.VolumeMonitoring, checks.VolumeMonitoringByValue, checks.VolumeDelete},
					func(t *T) { t.monitoredVolumes() })

				r.step("updates and resizes the Volume",
					[]*checks.Check{checks.VolumeUpdate, checks.VolumeResize},
					func(t *T) { t.updateVolume(vr) })

				r.step("snapshots the Volume and restores it",
					[]*checks.Check{checks.VolumeSnapshot, checks.VolumeSnapshotCopy, checks.VolumeSnapshotListed, checks.VolumeSnapshotStates,
						checks.VolumeImagesV1, checks.VolumeRestore, checks.VolumeRestoreNeedsImage},
					func(t *T) { t.snapshotVolume(vr) })

				r.step("connects the Volume to a Machine and disconnects it",
					[]*checks.Check{checks.VolumeInsert, checks.VolumeRemove, checks.CollectionInsert, checks.VolumeConnect,
						checks.VolumeAttachV1, checks.VolumeDetachV1},
					func(t *T) { t.connectVolumes(vr) })

				r.step("connects one Volume to two Machines and deletes one of them",
					[]*checks.Check{checks.VolumeShared, checks.VolumeSurvivesMachine},
					func(t *T) { t.shareVolume(vr) })

				r.step("makes a Machine whose template connects Volumes",
					[]*checks.Check{checks.MachineTemplateVolumes, checks.MachineVolumeTemplates},
					func(t *T) { t.machineWithVolumes(vr) })

				r.step("deletes a connected Volume and keeps its snapshot",
					[]*checks.Check{checks.VolumeDelete, checks.VolumeDetachOnDelete, checks.VolumeImagesSurvive},
					func(t *T) { t.deleteVolume(vr) })
			})
		})
	})
})

// readVolumeCatalogue reads the four Volume collections and judges the
// Provider's own configurations and images.
func (t *T) readVolumeCatalogue() {
	cep := readCEP(t)
	var ev []*client.Response
	var bad []string
	for _, c := range []struct{ attr, coll, item string }{
		{"volumes", "VolumeCollection", "Volume"}, {"volumeTemplates", "VolumeTemplateCollection", "VolumeTemplate"},
		{"volumeConfigs", "VolumeConfigurationCollection", "VolumeConfiguration"}, {"volumeImages", "VolumeImageCollection", "VolumeImage"},
	} {
		href := cep.Href(c.attr)
		if href == "" {
			continue
		}
		d, resp := t.read(t.env.client.Resolve(href), c.coll, model.Full)
		ev = append(ev, resp)
		switch {
		case d == nil:
			bad = append(bad, c.attr+" cannot be read ("+resp.Describe()+")")
		case d.Type == nil || d.Type.Name != c.coll:
			bad = append(bad, fmt.Sprintf("%s is a %s, not a %s", c.attr, d.TypeURI, c.coll))
		default:
			for _, id := range t.itemIDs(d) {
				it, r := t.read(id, c.item, model.Full)
				if listed, unsure := t.lists(t.list(t.env.client.Resolve(href), c.coll), id); (r.Status == 404 || r.Status == 410) && !listed && unsure == "" {
					continue // deleted meanwhile, by this run or another user
				}
				if it == nil || it.Type == nil || it.Type.Name != c.item {
					bad = append(bad, fmt.Sprintf("item %s of %s does not read as a %s (%s)", id, c.attr, c.item, r.Describe()))
				}
			}
		}
	}
	if len(bad) > 0 {
		t.Fail(checks.VolumeCollections, strings.Join(bad, "; "), "collections of the Volume types", "", ev...)
	} else {
		t.Pass(checks.VolumeCollections)
	}
	t.judgeVolumeConfigs(fullItems(t, "volumeConfigs", "VolumeConfigurationCollection", "VolumeConfiguration"))
	for _, img := range fullItems(t, "volumeImages", "VolumeImageCollection", "VolumeImage") {
		t.judgeImageLocation(img, nil)
	}
	t.judgeAvailabilityLevel()
}

// judgeVolumeConfigs: type an absolute URI, capacity an integer, format a
// string where set (Table 28).
func (t *T) judgeVolumeConfigs(cfgs []*model.Node) {
	if len(cfgs) == 0 {
		t.NotTested(checks.VolumeConfigAttributes, "the Provider lists no VolumeConfiguration")
		return
	}
	for _, c := range cfgs {
		t.About("VolumeConfiguration").Check(checks.VolumeConfigAttributes, nil, func(g Gomega) {
			g.Expect(isAbsoluteURI(c.Str("type"))).To(BeTrue(), "type of %s is an absolute URI (got %q)", c.Str("id"), c.Str("type"))
			if c.Has("capacity") {
				g.Expect(c.Get("capacity").Kind).To(Equal(model.Number), "capacity of %s", c.Str("id"))
			}
			if c.Has("format") {
				g.Expect(c.Get("format").Kind).To(Equal(model.String), "format of %s", c.Str("id"))
			}
		})
	}
}

func isAbsoluteURI(s string) bool {
	i := strings.Index(s, ":")
	return i > 0 && !strings.ContainsAny(s[:i], "/?# ")
}

// judgeImageLocation: imageLocation a URI string, state a VolumeImage
// state, bootable a boolean (Table 29).
func (t *T) judgeImageLocation(img *model.Node, resp *client.Response) {
	t.About("VolumeImage").Check(checks.VolumeImageLocation, ev(resp), func(g Gomega) {
		loc := img.Get("imageLocation")
		g.Expect(loc).NotTo(BeNil(), "imageLocation of %s", img.Str("id"))
		g.Expect(loc.Kind).To(Equal(model.String), "imageLocation of %s is a URI, not a structure", img.Str("id"))
		if img.Has("state") {
			g.Expect(model.VolumeImageStates).To(ContainElement(img.Str("state")), "state of %s", img.Str("id"))
		}
		if img.Has("bootable") {
			g.Expect(img.Get("bootable").Kind).To(Equal(model.Bool), "bootable of %s", img.Str("id"))
		}
	})
}

// judgeAvailabilityLevel: the Volume and VolumeTemplate ResourceMetadata
// describe an attribute of a namespace of the Provider's (Table 7).
func (t *T) judgeAvailabilityLevel() {
	if !t.env.capable("Volume", "VolumeAvailabilityLevel") {
		return // not supported: the check's feature says so
	}
	for _, typ := range []string{"Volume", "VolumeTemplate"} {
		rm := t.env.ep.MetadataOf(typ)
		t.About("ResourceMetadata").Check(checks.VolumeAvailabilityLevel, nil, func(g Gomega) {
			g.Expect(rm).NotTo(BeNil(), "a ResourceMetadata of %s", typ)
			found := false
			for _, a := range rm.Get("attributes").List() {
				found = found || a.Str("namespace") != ""
			}
			g.Expect(found).To(BeTrue(), "the %s ResourceMetadata describes an extension attribute", typ)
		})
	}
}

func (t *T) volumeConfigLifecycle() {
	coll, add := addOf(t, "volumeConfigs", "VolumeConfigurationCollection")
	body := model.Obj("name", t.name("volume-config-"+string(t.F)), "description", "made by cimitest",
		"type", t.env.version.TypeURI("mapped"), "format", "ext4", "capacity", 2097152)
	c := t.create(coll, add, "VolumeConfiguration", "VolumeConfiguration", body, checks.VolumeConfigCreate)
	t.Must(c.uri != "", "the create did not yield a VolumeConfiguration")
	got, resp := t.read(c.uri, "VolumeConfiguration", model.Full)
	t.Check(checks.VolumeConfigCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(got.Root.Str("capacity")).To(Equal("2097152"), "capacity")
		g.Expect(got.Root.Str("format")).To(Equal("ext4"), "format")
		g.Expect(isAbsoluteURI(got.Root.Str("type"))).To(BeTrue(), "type is a URI")
	})
	if t.env.version == model.V1 {
		t.judgeVolumeShape(got, resp)
	}
	t.judgeListed(checks.VolumeConfigCreate, coll, "VolumeConfigurationCollection", c.uri, true, "the collection lists the new VolumeConfiguration")
	t.deleteSimple(coll, c.uri, "VolumeConfiguration", checks.VolumeConfigCreate)
}

func (t *T) volumeImageLifecycle() {
	coll, add := addOf(t, "volumeImages", "VolumeImageCollection")
	body := model.Obj("name", t.name("volume-image-"+string(t.F)), "description", "registered by cimitest",
		"imageLocation", t.env.cfg.ImageLocation, "bootable", false)
	c := t.create(coll, add, "VolumeImage", "VolumeImage", body, checks.VolumeImageCreate)
	t.Must(c.uri != "", "the create did not yield a VolumeImage")
	img, seen, err := t.waitImage(c.uri)
	if !t.judgeTransition(checks.VolumeImageCreate, seen, err, []string{"CREATING"}, "AVAILABLE", c.resp) {
		return
	}
	t.judgeImageLocation(img, c.resp)
	t.judgeListed(checks.VolumeImageCreate, coll, "VolumeImageCollection", c.uri, true, "the collection lists the new VolumeImage")
	t.deleteSimple(coll, c.uri, "VolumeImage", checks.VolumeImageCreate)
}

// pickVolumeConfig is a Provider's VolumeConfiguration with a capacity.
func pickVolumeConfig(t *T) *model.Node {
	cfg := t.pick(fullItems(t, "volumeConfigs", "VolumeConfigurationCollection", "VolumeConfiguration"),
		func(n *model.Node) bool { return n.Has("capacity") })
	t.Must(cfg != nil, "the Provider lists no VolumeConfiguration with a capacity")
	return cfg
}

// pickVolumeImage is an AVAILABLE VolumeImage, bootable where one is
// (nil when there is none).
func pickVolumeImage(t *T) *model.Node {
	imgs := fullItems(t, "volumeImages", "VolumeImageCollection", "VolumeImage")
	if img := t.pick(imgs, func(n *model.Node) bool {
		return n.Str("state") == "AVAILABLE" && n.Str("bootable") == "true"
	}); img != nil {
		return img
	}
	return t.pick(imgs, func(n *model.Node) bool { return n.Str("state") == "AVAILABLE" })
}

func (t *T) makeVolumeTemplate(vr *volumeRun) {
	coll, add := addOf(t, "volumeTemplates", "VolumeTemplateCollection")
	vr.cfg, vr.img = pickVolumeConfig(t), pickVolumeImage(t)
	body := model.Obj("name", t.name("volume-template-"+string(t.F)), "description", "made by cimitest",
		"volumeConfig", model.Ref(vr.cfg.Str("id")))
	if vr.img != nil {
		body.Set("volumeImage", model.Ref(vr.img.Str("id")))
	}
	c := t.create(coll, add, "VolumeTemplate", "VolumeTemplate", body, checks.VolumeTemplateCreate)
	vr.tmpl = c.uri
	t.Must(vr.tmpl != "", "the create did not yield a VolumeTemplate")
	got, resp := t.read(vr.tmpl, "VolumeTemplate", model.Full)
	t.Check(checks.VolumeTemplateCreate, ev(resp), func(g Gomega) {
		g.Expect(got).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(got.Root.Href("volumeConfig"))).To(Equal(t.env.client.Resolve(vr.cfg.Str("id"))), "volumeConfig")
		if vr.img != nil {
			g.Expect(t.env.client.Resolve(got.Root.Href("volumeImage"))).To(Equal(t.env.client.Resolve(vr.img.Str("id"))), "volumeImage")
		}
	})
	t.judgeListed(checks.VolumeTemplateCreate, coll, "VolumeTemplateCollection", vr.tmpl, true, "the collection lists the new VolumeTemplate")
	t.judgeVolumeShape(got, resp)
}

// judgeVolumeShape judges one representation of the family, as read, by
// the model: names, types, states and, in 1.x XML, the DSP8009 order.
func (t *T) judgeVolumeShape(d *model.Doc, resp *client.Response) {
	id := checks.VolumeRepresentation
	if t.env.version == model.V1 {
		id = checks.VolumeRepresentationV1
	}
	switch {
	case resp == nil || resp.Status != 200:
		t.NotTested(id, "the resource could not be read")
		return
	case d == nil || d.Type == nil:
		t.Fail(id, "the body is not a representation of the family", "", "", resp)
		return
	}
	hard := t.hardProblems(d)
	if len(hard) > 0 {
		t.About(d.Type.Name).Fail(id, strings.Join(hard, "; "), "the attributes of Tables 26-28 (1.x: DSP8009)", "", resp)
		return
	}
	t.About(d.Type.Name).Pass(id)
}

// volumesCollection finds the VolumeCollection and its add.
func volumesCollection(t *T) (coll, add string) { return addOf(t, "volumes", "VolumeCollection") }

// makeVolume posts a VolumeCreate and waits for the Volume to rest.
func (t *T) makeVolume(tmpl *model.Node, purpose string, id *checks.Check, extra ...any) (string, *client.Response) {
	coll, add := volumesCollection(t)
	body := model.Obj(append([]any{"name", t.name(purpose + "-" + string(t.F)), "volumeTemplate", tmpl}, extra...)...)
	c := t.About("Volume", "create").create(coll, add, "VolumeCreate", "Volume", body, id)
	return c.uri, c.resp
}

func (t *T) waitVolume(uri string) (*model.Node, []string, error) {
	return t.waitState(uri, []string{"CREATING"}, "AVAILABLE")
}

func (t *T) makeVolumeFromTemplate(vr *volumeRun) {
	t.Must(vr.tmpl != "", "no VolumeTemplate was created")
	props := map[string]string{"cimitest.run": t.env.runID, "purpose": "volume"}
	uri, resp := t.makeVolume(model.Obj("href", vr.tmpl), "volume", checks.VolumeCreate,
		"description", "made by cimitest", "properties", props)
	vr.vol = uri
	t.Must(uri != "", "the create did not yield a Volume")
	coll, _ := volumesCollection(t)
	t.judgeListed(checks.VolumeCreate, coll, "VolumeCollection", uri, true, "the VolumeCollection lists the new Volume")
	final, seen, err := t.waitVolume(uri)
	if !t.judgeTransition(checks.VolumeCreatingState, seen, err, []string{"CREATING"}, "AVAILABLE", resp) {
		t.NotTested(checks.VolumeCapacity, "the Volume did not become AVAILABLE")
		return
	}
	t.Check(checks.VolumeCreateAttributes, ev(resp), func(g Gomega) {
		g.Expect(final.Str("name")).To(Equal(t.name("volume-"+string(t.F))), "name")
		g.Expect(final.Str("description")).To(Equal("made by cimitest"), "description")
		g.Expect(final.Get("properties").StringMap()).To(Equal(props), "properties")
	})
	if final.Has("capacity") {
		t.Check(checks.VolumeCapacity, ev(resp), func(g Gomega) {
			g.Expect(final.Str("capacity")).To(Equal(vr.cfg.Str("capacity")), "capacity of a Volume made from %s", vr.cfg.Str("id"))
		})
	} else {
		t.NotTested(checks.VolumeCapacity, "the Volume has no capacity (an unlimited Volume may leave it out)")
	}
	if vr.img != nil && vr.img.Str("bootable") == "true" {
		t.Check(checks.VolumeBootable, ev(resp), func(g Gomega) {
			g.Expect(final.Str("bootable")).To(Equal("true"), "bootable of a Volume made from the bootable %s", vr.img.Str("id"))
		})
	} else {
		t.NotTested(checks.VolumeBootable, "the Provider lists no bootable VolumeImage")
	}
	t.judgeVolumeCollections(final)
	t.judgeVolumeShape(t.read(uri, "Volume", model.Full))
}

// judgeVolumeCollections: images and meters lead to collections of the
// right type (§5.15.1.1).
func (t *T) judgeVolumeCollections(v *model.Node) {
	want := map[string]string{"images": "VolumeImageCollection", "meters": "MeterCollection"}
	if t.env.version == model.V1 {
		want["images"] = "VolumeVolumeImageCollection"
	}
	for attr, typ := range want {
		href := v.Href(attr)
		if href == "" {
			continue
		}
		d, r := t.read(t.env.client.Resolve(href), typ, model.Full)
		t.Check(checks.VolumeSubCollections, ev(r), func(g Gomega) {
			g.Expect(d).NotTo(BeNil(), "GET on the Volume's %s", attr)
			g.Expect(d.Type).NotTo(BeNil(), "the type of the Volume's %s", attr)
			g.Expect(d.Type.Name).To(Equal(typ), "the type of the Volume's %s", attr)
		})
	}
	if v.Href("images") == "" && v.Href("meters") == "" {
		t.NotTested(checks.VolumeSubCollections, "the Volume has neither images nor meters")
	}
}

func (t *T) secondVolume(vr *volumeRun) {
	t.Must(vr.tmpl != "" && vr.vol != "", "no Volume was made from a template")
	uri, resp := t.makeVolume(model.Obj("href", vr.tmpl), "volume-again", checks.VolumeTemplateReuse)
	t.Must(uri != "", "the second create did not yield a Volume")
	vr.second = uri
	_, _, err := t.waitVolume(uri)
	t.Check(checks.VolumeTemplateReuse, ev(resp), func(g Gomega) {
		g.Expect(uri).NotTo(Equal(vr.vol), "the second Volume is not the first")
		g.Expect(err).NotTo(HaveOccurred(), "the second Volume becomes AVAILABLE")
		d, _ := t.read(uri, "Volume", model.Full)
		g.Expect(d).NotTo(BeNil())
		g.Expect(d.Root.Str("name")).To(Equal(t.name("volume-again-"+string(t.F))), "name of the second Volume")
	})
}

func (t *T) volumeWithoutTemplate() {
	coll, add := volumesCollection(t)
	n := t.name("volume-no-template-" + string(t.F))
	r := t.post(coll, add, "VolumeCreate", "Volume", model.Obj("name", n))
	t.Check(checks.VolumeNeedsTemplate, ev(r), func(g Gomega) {
		g.Expect(t.refused(r, "Volume", "create")).To(BeTrue(), "a VolumeCreate without volumeTemplate is refused with a 4xx (got %s)", r.Describe())
		g.Expect(t.namedIn(coll, "VolumeCollection", n)).To(BeFalse(), "nothing was created")
	})
}

func (t *T) volumeByValue(vr *volumeRun) {
	cfg := pickVolumeConfig(t)
	tmpl := model.Obj("volumeConfig", model.Ref(cfg.Str("id")))
	capacity := cfg.Str("capacity")
	if t.env.capable("Volume", "VolumeConfigByValue") {
		tmpl.Set("volumeConfig", model.Obj("type", t.env.version.TypeURI("mapped"), "format", "ext4", "capacity", 1048576))
		capacity = "1048576"
	}
	if t.env.capable("Volume", "VolumeImageByValue") {
		tmpl.Set("volumeImage", model.Obj("imageLocation", t.env.cfg.ImageLocation, "bootable", false))
	}
	uri, resp := t.makeVolume(tmpl, "volume-by-value", checks.VolumeByValue)
	if uri == "" {
		return
	}
	final, _, err := t.waitVolume(uri)
	t.Check(checks.VolumeByValue, ev(resp), func(g Gomega) {
		g.Expect(err).NotTo(HaveOccurred(), "the Volume becomes AVAILABLE")
		g.Expect(final.Str("capacity")).To(Equal(capacity), "capacity of the Volume made by value")
	})
}

// monitoredVolumes makes a Volume from a stored template naming a
// MeterTemplate and an EventLogTemplate (V-35), and one from an inline
// template giving both by value (V-36): each gets its Meter and EventLog,
// and is deleted after.
func (t *T) monitoredVolumes() {
	mon := t.monitorTemplates(checks.VolumeMonitoring, "volume", "Volume")
	cfg := pickVolumeConfig(t)
	coll, add := addOf(t, "volumeTemplates", "VolumeTemplateCollection")
	tmpl := t.create(coll, add, "VolumeTemplate", "VolumeTemplate", model.Obj("name", t.name("volume-template-monitored-"+string(t.F)),
		"volumeConfig", model.Ref(cfg.Str("id")), "meterTemplates", model.Arr(model.Ref(mon.meterTmpl)),
		"eventLogTemplate", model.Ref(mon.logTmpl)), checks.VolumeMonitoring)
	if tmpl.uri != "" {
		t.monitoredVolume(model.Ref(tmpl.uri), checks.VolumeMonitoring)
	}
	if !t.env.capable("Volume", "VolumeTemplateByValue") {
		t.NotSupported(checks.VolumeMonitoringByValue, "VolumeTemplateByValue is not true, so no template can carry a MeterTemplate by value")
		return
	}
	t.monitoredVolume(model.Obj("volumeConfig", model.Ref(cfg.Str("id")), "meterTemplates", model.Arr(model.Obj("meterConfig", model.Ref(mon.cfg))),
		"eventLogTemplate", model.Obj("persistence", "daily")), checks.VolumeMonitoringByValue)
}

// monitoredVolume makes a Volume from tmpl, judges its Meter and EventLog
// under id, and deletes it.
func (t *T) monitoredVolume(tmpl *model.Node, id *checks.Check) {
	uri, resp := t.makeVolume(tmpl, "volume-monitored", id)
	if uri == "" {
		return
	}
	_, _, err := t.waitVolume(uri)
	t.Must(err == nil, "the new Volume did not become AVAILABLE: %v", err)
	t.judgeMonitors(uri, "Volume", id, resp)
	coll, _ := volumesCollection(t)
	t.deleteSimple(coll, uri, "Volume", checks.VolumeDelete)
}

func (t *T) volumeGenMetadata(vr *volumeRun) {
	rm := t.env.ep.MetadataOf("Volume")
	if rm == nil || rm.Str("id") == "" {
		t.NotSupported(checks.VolumeGenMetadata, "the Provider has no ResourceMetadata of Volumes to name in a template")
		return
	}
	cfg := pickVolumeConfig(t)
	tmpl := model.Obj("volumeConfig", model.Ref(cfg.Str("id")), "genResourceMetadata", model.Ref(rm.Str("id")))
	if !t.env.capable("Volume", "VolumeTemplateByValue") {
		coll, add := t.optionalAdd("volumeTemplates", "VolumeTemplateCollection")
		if add == "" {
			t.NotSupported(checks.VolumeGenMetadata, "neither a VolumeTemplate by value nor a new VolumeTemplate is offered")
			return
		}
		stored := t.create(coll, add, "VolumeTemplate", "VolumeTemplate", tmpl.Clone().Set("name", model.S(t.name("volume-rm-"+string(t.F)))), checks.VolumeGenMetadata)
		t.Must(stored.uri != "", "the VolumeTemplate was not made")
		tmpl = model.Obj("href", stored.uri)
	}
	uri, resp := t.makeVolume(tmpl, "volume-rm", checks.VolumeGenMetadata)
	if uri == "" {
		return
	}
	final, _, _ := t.waitVolume(uri)
	t.Check(checks.VolumeGenMetadata, ev(resp), func(g Gomega) {
		g.Expect(final).NotTo(BeNil())
		g.Expect(t.env.client.Resolve(final.Href("resourceMetadata"))).To(Equal(t.env.client.Resolve(rm.Str("id"))), "resourceMetadata of the Volume")
	})
}

func (t *T) updateVolume(vr *volumeRun) {
	t.Must(vr.vol != "", "no Volume was made")
	cur, _ := t.read(vr.vol, "Volume", model.Full)
	t.Must(cur != nil, "the Volume cannot be read")
	edit, ok := cur.Root.Op("edit")
	if !ok {
		t.NotSupported(checks.VolumeUpdate, "the Volume offers no edit operation")
		t.NotSupported(checks.VolumeResize, "the Volume offers no edit operation")
		return
	}
	body := cur.Root.Clone().Set("description", model.S("changed by cimitest"))
	r := t.send(http.MethodPut, edit, "Volume", body, client.On(vr.vol))
	after, _ := t.read(vr.vol, "Volume", model.Full)
	t.Check(checks.VolumeUpdate, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT on the Volume")
		g.Expect(after).NotTo(BeNil())
		g.Expect(after.Root.Str("description")).To(Equal("changed by cimitest"), "description after the PUT")
	})
	if t.env.version != model.V2 {
		return
	}
	if !cur.Root.Has("capacity") {
		t.NotTested(checks.VolumeResize, "the Volume has no capacity to raise")
		return
	}
	old, _ := cur.Root.Int("capacity")
	bigger := after.Root.Clone().Set("capacity", model.I(old*2))
	r = t.send(http.MethodPut, edit, "Volume", bigger, client.On(vr.vol))
	if r.Status >= 400 {
		t.NotSupported(checks.VolumeResize, "the Provider refused a larger capacity ("+r.Describe()+"): resizing is its choice")
		return
	}
	t.waitVolume(vr.vol)
	resized, _ := t.read(vr.vol, "Volume", model.Full)
	t.Check(checks.VolumeResize, ev(r), func(g Gomega) {
		g.Expect(resized).NotTo(BeNil())
		got, _ := resized.Root.Int("capacity")
		g.Expect(got).To(Equal(old*2), "capacity after an accepted resize")
	})
}

func (t *T) snapshotVolume(vr *volumeRun) {
	t.Must(vr.vol != "", "no Volume was made")
	v, _ := t.read(vr.vol, "Volume", model.Full)
	t.Must(v != nil, "the Volume cannot be read")
	snap, ok := v.Root.Op(t.env.version.ActionURI("snapshot"))
	if !ok {
		t.Skip("the Volume offers no snapshot operation")
	}
	imgColl := t.env.client.Resolve(readCEP(t).Href("volumeImages"))
	body := model.Obj("name", t.name("volume-snapshot-"+string(t.F)), "imageLocation", vr.vol)
	c := t.create(imgColl, snap, "VolumeImage", "VolumeImage", body, checks.VolumeSnapshot)
	t.Must(c.uri != "", "the snapshot did not yield a VolumeImage")
	vr.snapshot = c.uri
	_, vseen, verr := t.waitState(vr.vol, []string{"CAPTURING"}, "AVAILABLE")
	img, seen, err := t.waitImage(c.uri)
	t.judgeTransition(checks.VolumeSnapshot, seen, err, []string{"CREATING"}, "AVAILABLE", c.resp)
	if t.env.version == model.V2 {
		t.judgeTransition(checks.VolumeSnapshotStates, vseen, verr, []string{"AVAILABLE", "CAPTURING"}, "AVAILABLE", c.resp)
		if img != nil {
			t.Check(checks.VolumeSnapshotCopy, ev(c.resp), func(g Gomega) {
				g.Expect(t.env.client.Resolve(img.Str("imageLocation"))).NotTo(Equal(vr.vol), "imageLocation of the finished snapshot")
			})
		}
	}
	t.judgeSnapshotListed(vr)
	t.restoreVolume(vr)
}

// judgeSnapshotListed: the Volume's images name the snapshot (2.0 as a
// VolumeImage, 1.x as a VolumeVolumeImage without operations).
func (t *T) judgeSnapshotListed(vr *volumeRun) {
	v, _ := t.read(vr.vol, "Volume", model.Full)
	t.Must(v != nil, "the Volume cannot be read")
	typ, id := "VolumeImageCollection", checks.VolumeSnapshotListed
	if t.env.version == model.V1 {
		typ, id = "VolumeVolumeImageCollection", checks.VolumeImagesV1
	}
	href := v.Root.Href("images")
	if href == "" {
		t.Fail(id, "the Volume has no images collection", "images", "none")
		return
	}
	d, r := t.read(t.env.client.Resolve(href), typ, model.Full)
	t.Check(id, ev(r), func(g Gomega) {
		g.Expect(d).NotTo(BeNil(), "GET on the Volume's images")
		var named []string
		for _, it := range d.Items() {
			ref := it.Str("id")
			if t.env.version == model.V1 {
				ref = t.itemWith(it, "volumeImage", "VolumeVolumeImage").Href("volumeImage")
			}
			named = append(named, t.env.client.Resolve(ref))
		}
		g.Expect(named).To(ContainElement(vr.snapshot), "the Volume's images name the snapshot")
		if t.env.version == model.V1 {
			_, hasOps := d.Root.Op("add")
			g.Expect(hasOps).To(BeFalse(), "a 1.x VolumeVolumeImage collection has no operation")
		}
	})
}

func (t *T) restoreVolume(vr *volumeRun) {
	if t.env.version != model.V2 {
		return
	}
	v, _ := t.read(vr.vol, "Volume", model.Full)
	t.Must(v != nil, "the Volume cannot be read")
	restore, ok := v.Root.Op(t.env.version.ActionURI("restore"))
	if !ok {
		t.NotSupported(checks.VolumeRestore, "the Volume offers no restore operation now")
		t.NotSupported(checks.VolumeRestoreNeedsImage, "the Volume offers no restore operation now")
		return
	}
	bare := t.act(vr.vol, restore, "restore")
	t.Check(checks.VolumeRestoreNeedsImage, ev(bare), func(g Gomega) {
		g.Expect(t.refused(bare, "Volume", "action:restore")).To(BeTrue(), "restore without image is refused with a 4xx (got %s)", bare.Describe())
		g.Expect(t.state(vr.vol)).To(Equal("AVAILABLE"), "the Volume's state after the refused restore")
	})
	if vr.snapshot == "" {
		t.NotTested(checks.VolumeRestore, "no snapshot of the Volume was made to restore from")
		return
	}
	t.waitVolume(vr.vol)
	r := t.act(vr.vol, restore, "restore", "image", model.Ref(vr.snapshot))
	if !r.OK() {
		t.Fail(checks.VolumeRestore, "restore was refused", "200, 202 or 204", r.Describe(), r)
		return
	}
	_, seen, err := t.waitState(vr.vol, []string{"RESTORING"}, "AVAILABLE")
	t.judgeTransition(checks.VolumeRestore, seen, err, []string{"AVAILABLE", "RESTORING"}, "AVAILABLE", r)
}
