package suites

import (
	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive
	"net/http"

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// Bad requests to the MachineCollection: each must be refused with a 4xx
// and an error Job, and must create nothing (§5.3, §4.2.2, §5.14.2.1).

var _ = scenario(func(r *runEnv) {
	Describe("Machine creation errors", Label("machines"), func() {
		formats(func(f model.Format) {
			r.step("refuses a MachineCreate without machineTemplate",
				[]*checks.Check{checks.MachineCreateNeedsTemplate, checks.HTTPErrorJob},
				func(t *T) {
					n := t.name("no-template-" + string(t.F))
					t.refusedCreate(checks.MachineCreateNeedsTemplate, n, model.Obj("name", n))
				})

			r.step("refuses a MachineCreate naming a configuration that does not exist",
				[]*checks.Check{checks.MachineCreateBadReference, checks.HTTPErrorJob},
				func(t *T) {
					n := t.name("bad-reference-" + string(t.F))
					img := pickImage(t)
					missing := t.env.client.Resolve(readCEP(t).Href("machineConfigs")) + "/" + t.env.prefix + "-no-such-configuration"
					t.refusedCreate(checks.MachineCreateBadReference, n, model.Obj("name", n, "machineTemplate",
						model.Obj("machineConfig", model.Ref(missing), "machineImage", model.Ref(img.Str("id")))))
				})

			r.step("refuses an unknown attribute in a MachineCreate",
				[]*checks.Check{checks.HTTPUnknownAttr, checks.HTTPErrorJob},
				func(t *T) {
					n := t.name("unknown-attribute-" + string(t.F))
					cfg, img := pickConfig(t), pickImage(t)
					t.About("Machine", "create").refusedCreate(checks.HTTPUnknownAttr, n, model.Obj("name", n,
						"zzCimitestUnknown", "1",
						"machineTemplate", model.Obj("machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id")))))
				})

			r.step("does not make a Machine in a transient initialState",
				[]*checks.Check{checks.MachineCreateTransient},
				func(t *T) {
					// Refused, or accepted and then failed (Job FAILED, or the
					// Machine in ERROR or gone): never resting in STARTING.
					cfg, img := pickConfig(t), pickImage(t)
					t.noMachineFrom(checks.MachineCreateTransient, "transient", model.Obj("initialState", "STARTING",
						"machineConfig", model.Ref(cfg.Str("id")), "machineImage", model.Ref(img.Str("id"))),
						"a create with initialState STARTING")
				})

			r.step("refuses a malformed MachineCreate body",
				[]*checks.Check{checks.HTTPMalformedBody, checks.HTTPErrorJob},
				func(t *T) {
					coll, add := machinesCollection(t)
					n := t.name("malformed-" + string(t.F))
					raw := `{"resourceURI": "` + t.env.version.TypeURI("MachineCreate") + `", "name": "` + n + `", "machineTemplate": {`
					if t.F == model.XML {
						raw = `<MachineCreate xmlns="` + t.env.version.Namespace() + `"><name>` + n + `</name><machineTemplate>`
					}
					r := t.do(http.MethodPost, add, client.Creates(coll, "Machine", n), client.Accept(t.F), client.RawBody(t.F.MediaType(), []byte(raw)))
					refused := t.refused(r, "Machine", "create")
					t.About("MachineCollection", "create").Check(checks.HTTPMalformedBody, ev(r), func(g Gomega) {
						g.Expect(refused).To(BeTrue(), "a malformed body is refused with a 4xx (got %s)", r.Describe())
						g.Expect(t.namedIn(coll, "MachineCollection", n)).To(BeFalse(), "nothing was created")
					})
				})
		})
	})
})

// refusedCreate posts a MachineCreate that must be refused, and checks the
// refusal (id) and that nothing named n appeared.
func (t *T) refusedCreate(id *checks.Check, n string, body *model.Node) {
	coll, add := machinesCollection(t)
	r := t.post(coll, add, "MachineCreate", "Machine", body)
	refused := t.refused(r, "Machine", "create")
	t.Check(id, ev(r), func(g Gomega) {
		g.Expect(refused).To(BeTrue(), "the request is refused with a 4xx (got %s)", r.Describe())
		g.Expect(t.namedIn(coll, "MachineCollection", n)).To(BeFalse(), "nothing was created")
	})
}
