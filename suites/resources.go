package suites

import (
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.14.5-12: MachineConfigurations, MachineImages, Credentials and
// CredentialTemplates made and removed by a Consumer, where offered.

// addOf finds a Cloud Entry Point collection and its add operation; the step
// is skipped when either is not offered.
func addOf(t *T, attr, collType string) (coll, add string) {
	href := readCEP(t).Href(attr)
	if href == "" {
		t.Skip("the Cloud Entry Point lists no %s", attr)
	}
	coll = t.env.client.Resolve(href)
	d, _ := t.read(coll, collType, model.Full)
	t.Must(d != nil, "the %s cannot be read", collType)
	add, ok := d.Root.Op("add")
	if !ok {
		t.Skip("the %s offers no add operation", collType)
	}
	return coll, add
}

var _ = scenario(func(r *runEnv) {
	Describe("MachineConfigurations", Label("configurations"), func() {
		formats(func(f model.Format) {
			Describe("made by a Consumer", Ordered, ContinueOnFailure, func() {
				var coll, uri string
				r.step("creates a MachineConfiguration",
					[]*checks.Check{checks.ConfigCreate, checks.HTTPCreateLocation, checks.HTTPCreateJob, checks.HTTPCreateBody},
					func(t *T) {
						var add string
						coll, add = addOf(t, "machineConfigs", "MachineConfigurationCollection")
						body := model.Obj("name", t.name("config-"+string(t.F)), "description", "made by cimitest",
							"cpu", 1, "memory", 524288,
							"disks", model.Arr(model.Obj("capacity", 1048576, "format", "ext4")),
							"cpuArch", "x86_64", "cpuSpeed", 1000)
						c := t.create(coll, add, "MachineConfiguration", "MachineConfiguration", body, checks.ConfigCreate)
						uri = c.uri
						t.Must(uri != "", "the create did not yield a MachineConfiguration")
						got, resp := t.read(uri, "MachineConfiguration", model.Full)
						t.Check(checks.ConfigCreate, ev(resp), func(g Gomega) {
							g.Expect(got).NotTo(BeNil())
							g.Expect(got.Root.Str("cpu")).To(Equal("1"), "cpu")
							g.Expect(got.Root.Str("memory")).To(Equal("524288"), "memory")
							disks := got.Root.Get("disks")
							g.Expect(disks).NotTo(BeNil(), "disks")
							g.Expect(disks.Items).To(HaveLen(1), "disks")
							g.Expect(disks.Items[0].Str("capacity")).To(Equal("1048576"), "disk capacity")
							g.Expect(disks.Items[0].Str("format")).To(Equal("ext4"), "disk format")
						})
					})
				r.step("deletes the MachineConfiguration",
					[]*checks.Check{checks.ConfigDelete},
					func(t *T) {
						t.Must(uri != "", "no MachineConfiguration was created")
						t.deleteSimple(coll, uri, "MachineConfiguration", checks.ConfigDelete)
					})
			})
		})
	})
})

var _ = scenario(func(r *runEnv) {
	Describe("MachineImages", Label("images"), SpecPriority(priorityMedium), func() {
		formats(func(f model.Format) {
			Describe("registered by a Consumer", Ordered, ContinueOnFailure, func() {
				var coll, uri string
				r.step("registers a MachineImage from an external location",
					[]*checks.Check{checks.ImageCreate, checks.ImageNoRelated, checks.HTTPCreateLocation, checks.HTTPCreateJob, checks.HTTPCreateBody},
					func(t *T) {
						var add string
						coll, add = addOf(t, "machineImages", "MachineImageCollection")
						body := model.Obj("name", t.name("image-"+string(t.F)), "description", "registered by cimitest",
							"type", "IMAGE", "imageLocation", t.env.cfg.ImageLocation)
						c := t.create(coll, add, "MachineImage", "MachineImage", body, checks.ImageCreate)
						uri = c.uri
						t.Must(uri != "", "the create did not yield a MachineImage")
						img, seen, err := t.waitImage(uri)
						if !t.judgeTransition(checks.ImageCreate, seen, err, []string{"CREATING"}, "AVAILABLE", c.resp) {
							t.NotTested(checks.ImageNoRelated, "the image did not become AVAILABLE")
							return
						}
						t.Check(checks.ImageNoRelated, nil, func(g Gomega) {
							g.Expect(img.Str("type")).To(Equal("IMAGE"), "type")
							g.Expect(img.Has("relatedImage")).To(BeFalse(), "an IMAGE has no relatedImage")
						})
					})
				r.step("deletes the MachineImage, emptying the references to it",
					[]*checks.Check{checks.ImageDelete, checks.RefDeletedTarget},
					func(t *T) {
						t.Must(uri != "", "no MachineImage was created")
						// A template that points at the image loses that reference (§5.10.1).
						tmplColl, tmplAdd := t.optionalAdd("machineTemplates", "MachineTemplateCollection")
						tmpl := ""
						if tmplAdd != "" {
							body := model.Obj("name", t.name("image-reference-"+string(t.F)),
								"machineConfig", model.Ref(pickConfig(t).Str("id")), "machineImage", model.Ref(uri))
							tmpl = t.create(tmplColl, tmplAdd, "MachineTemplate", "MachineTemplate", body, checks.TemplateCreate).uri
						}
						deleted := t.deleteSimple(coll, uri, "MachineImage", checks.ImageDelete)
						if tmpl == "" {
							t.NotSupported(checks.RefDeletedTarget, "no MachineTemplate could be made to point at the image")
							return
						}
						if !deleted {
							t.NotTested(checks.RefDeletedTarget, "the MachineImage was not deleted (see image.delete)")
							return
						}
						d, r := t.read(tmpl, "MachineTemplate", model.Full)
						t.Check(checks.RefDeletedTarget, ev(r), func(g Gomega) {
							g.Expect(d).NotTo(BeNil(), "the MachineTemplate can still be read")
							g.Expect(d.Root.Href("machineImage")).To(BeEmpty(), "machineImage of a template whose image was deleted")
						})
					})
			})
		})
	})
})

var _ = scenario(func(r *runEnv) {
	Describe("Credentials", Label("credentials"), func() {
		formats(func(f model.Format) {
			Describe("templates and credentials", Ordered, ContinueOnFailure, func() {
				var tmplColl, tmplURI, credColl, credURI string
				params := map[string]string{"region": "cimitest"}

				r.step("creates a CredentialTemplate",
					[]*checks.Check{checks.CredentialTemplateCreate, checks.HTTPCreateLocation, checks.HTTPCreateJob, checks.HTTPCreateBody},
					func(t *T) {
						var add string
						tmplColl, add = addOf(t, "credentialTemplates", "CredentialTemplateCollection")
						body := model.Obj("name", t.name("credential-template-"+string(t.F)), "userName", "cimitest", "password", t.env.runID+"-secret")
						if t.env.version == model.V2 {
							body.Set("parameters", model.Props(params))
						}
						c := t.create(tmplColl, add, "CredentialTemplate", "CredentialTemplate", body, checks.CredentialTemplateCreate)
						tmplURI = c.uri
						t.Must(tmplURI != "", "the create did not yield a CredentialTemplate")
						got, resp := t.read(tmplURI, "CredentialTemplate", model.Full)
						t.Check(checks.CredentialTemplateCreate, ev(resp), func(g Gomega) {
							g.Expect(got).NotTo(BeNil())
							g.Expect(got.Root.Str("name")).To(Equal(t.name("credential-template-"+string(t.F))), "name")
							g.Expect(got.Root.Str("userName")).To(Equal("cimitest"), "userName")
						})
					})

				r.step("creates a Credential from the template by reference",
					[]*checks.Check{checks.CredentialCreate, checks.CredentialParameters, checks.CredentialAttributeNames},
					func(t *T) {
						t.Must(tmplURI != "", "no CredentialTemplate was created")
						var add string
						credColl, add = addOf(t, "credentials", "CredentialCollection")
						props := map[string]string{"cimitest.run": t.env.runID}
						body := model.Obj("name", t.name("credential-"+string(t.F)), "description", "made by cimitest",
							"properties", props, "credentialTemplate", model.Ref(tmplURI))
						c := t.create(credColl, add, "CredentialCreate", "Credential", body, checks.CredentialCreate)
						credURI = c.uri
						t.Must(credURI != "", "the create did not yield a Credential")
						got, resp := t.read(credURI, "Credential", model.Full)
						t.Must(got != nil, "the Credential cannot be read")
						t.Check(checks.CredentialCreate, ev(resp), func(g Gomega) {
							g.Expect(got.Root.Str("name")).To(Equal(t.name("credential-"+string(t.F))), "name")
							g.Expect(got.Root.Str("description")).To(Equal("made by cimitest"), "description")
							g.Expect(got.Root.Get("properties").StringMap()).To(Equal(props), "properties")
						})
						if t.env.version == model.V2 {
							t.Check(checks.CredentialParameters, ev(resp), func(g Gomega) {
								g.Expect(got.Root.Get("parameters").StringMap()).To(Equal(params), "parameters copied from the template")
							})
						}
						t.judgeCredentialNames(got.Root, resp)
					})

				r.step("refuses a CredentialCreate without template",
					[]*checks.Check{checks.CredentialNeedsTemplate},
					func(t *T) {
						coll, add := addOf(t, "credentials", "CredentialCollection")
						n := t.name("credential-no-template-" + string(t.F))
						r := t.post(coll, add, "CredentialCreate", "Credential", model.Obj("name", n))
						t.Check(checks.CredentialNeedsTemplate, ev(r), func(g Gomega) {
							g.Expect(t.refused(r, "Credential", "create")).To(BeTrue(), "a CredentialCreate without credentialTemplate is refused with a 4xx (got %s)", r.Describe())
							g.Expect(t.namedIn(coll, "CredentialCollection", n)).To(BeFalse(), "nothing was created")
						})
					})

				r.step("creates a Credential with the template by value",
					[]*checks.Check{checks.CredentialByValue, checks.CredentialAttributeNames},
					func(t *T) {
						if !t.env.capable("Credential", "CredentialTemplateByValue") {
							t.Skip("the Provider does not offer CredentialTemplateByValue")
						}
						coll, add := addOf(t, "credentials", "CredentialCollection")
						body := model.Obj("name", t.name("credential-by-value-"+string(t.F)),
							"credentialTemplate", model.Obj("userName", "cimitest", "password", t.env.runID+"-secret"))
						c := t.create(coll, add, "CredentialCreate", "Credential", body, checks.CredentialByValue)
						if c.uri != "" {
							got, resp := t.read(c.uri, "Credential", model.Full)
							t.Check(checks.CredentialByValue, ev(resp), func(g Gomega) {
								g.Expect(got).NotTo(BeNil())
								g.Expect(got.Root.Str("userName")).To(Equal("cimitest"), "userName of a Credential made by value")
							})
							if got != nil {
								t.judgeCredentialNames(got.Root, resp)
							}
						}
					})

				r.step("updates and deletes the Credential",
					[]*checks.Check{checks.CredentialUpdateDelete},
					func(t *T) {
						t.Must(credURI != "", "no Credential was created")
						cur, _ := t.read(credURI, "Credential", model.Full)
						t.Must(cur != nil, "the Credential cannot be read")
						if edit, ok := cur.Root.Op("edit"); ok {
							r := t.send("PUT", edit, "Credential", cur.Root.Clone().Set("description", model.S("changed by cimitest")), client.On(credURI))
							after, _ := t.read(credURI, "Credential", model.Full)
							t.Check(checks.CredentialUpdateDelete, ev(r), func(g Gomega) {
								g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT on the Credential")
								g.Expect(after.Root.Str("description")).To(Equal("changed by cimitest"), "description after the PUT")
							})
						}
						t.deleteSimple(credColl, credURI, "Credential", checks.CredentialUpdateDelete)
					})
			})
		})
	})
})

// judgeCredentialNames: the suggested Credential attributes are spelled
// exactly userName, password and key, and key is a string (Tables 23-24;
// names are case-sensitive, §5.2).
func (t *T) judgeCredentialNames(cred *model.Node, resp *client.Response) {
	var seen, bad []string
	for _, f := range cred.Fields {
		for _, want := range []string{"userName", "password", "key"} {
			if !strings.EqualFold(f.Name, want) {
				continue
			}
			seen = append(seen, f.Name)
			if f.Name != want {
				bad = append(bad, f.Name+" is spelled "+want+" in the spec")
			} else if want == "key" && f.Value.Kind != model.String {
				bad = append(bad, "key is a "+f.Value.Kind.String()+", not a string")
			}
		}
	}
	switch {
	case len(bad) > 0:
		t.Fail(checks.CredentialAttributeNames, strings.Join(bad, "; "), "userName, password, key", strings.Join(seen, ", "), resp)
	case len(seen) == 0:
		t.NotTested(checks.CredentialAttributeNames, "the Credential shows none of userName, password and key")
	default:
		t.Pass(checks.CredentialAttributeNames)
	}
}
