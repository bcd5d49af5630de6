package suites

import (
	. "github.com/onsi/ginkgo/v2" //nolint:revive
	. "github.com/onsi/gomega"    //nolint:revive

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// §5.17.1: deleting a running Job, and nested Jobs.

var _ = scenario(func(r *runEnv) {
	Describe("Jobs", Label("jobs"), func() {
		formats(func(f model.Format) {
			r.step("deletes a Job while it runs",
				[]*checks.Check{checks.JobDeleteRunning},
				func(t *T) {
					if !t.env.jobs {
						t.Skip("the Cloud Entry Point does not offer jobs")
					}
					coll, add := t.optionalAdd("machineImages", "MachineImageCollection")
					if add == "" {
						t.Skip("the MachineImageCollection offers no add: no long operation to start")
					}
					r := t.post(coll, add, "MachineImage", "MachineImage", model.Obj("name", t.name("slow-image-"+string(t.F)),
						"type", "IMAGE", "imageLocation", t.env.cfg.ImageLocation))
					jobURI := r.Header.Get("CIMI-Job-URI")
					if r.Status != 202 || jobURI == "" {
						t.NotTested(checks.JobDeleteRunning, "the image was registered at once: no Job was left running")
						return
					}
					jd := t.env.decodeAs(t.get(jobURI), t.F)
					t.Must(jd != nil, "the Job %s cannot be read", jobURI)
					if jobEnded(jd.Root) {
						t.NotTested(checks.JobDeleteRunning, "the Job ended before it could be deleted")
						return
					}
					del, ok := jd.Root.Op("delete")
					if !ok {
						t.NotSupported(checks.JobDeleteRunning, "the running Job offers no delete")
						return
					}
					_, canStop := jd.Root.Op(t.env.version.ActionURI("stop"))
					dr := t.del(t.env.client.Resolve(jobURI), del)
					if !canStop {
						// A running Job that cannot be stopped cannot be deleted (l.3777-3778).
						still := t.get(jobURI)
						t.Check(checks.JobDeleteRunning, ev(dr, still), func(g Gomega) {
							g.Expect(dr.OK()).To(BeFalse(), "DELETE of a running Job without stop must fail")
							g.Expect(still.Status).To(Equal(200), "the Job is still there")
						})
						return
					}
					gone, err := t.waitGone(jobURI, dr.Status == 202)
					t.Check(checks.JobDeleteRunning, ev(dr, gone), func(g Gomega) {
						g.Expect(dr.Status).To(statusIn(200, 202, 204), "DELETE of a running Job that offers stop")
						g.Expect(err).NotTo(HaveOccurred(), "the Job is gone afterwards")
					})
				})

			r.step("reports nested Jobs consistently",
				[]*checks.Check{checks.JobNested},
				func(t *T) {
					href := readCEP(t).Href("jobs")
					if href == "" {
						t.Skip("the Cloud Entry Point does not offer jobs")
					}
					// A sample of the Jobs will do: the first page.
					target := t.env.client.Resolve(href)
					if t.env.capable("CloudEntryPoint", "FirstParameter") {
						target += sepFor(target) + "$first=1&$last=50"
					}
					r := t.get(target)
					d := t.env.decodeAs(r, t.F)
					t.Must(d != nil, "the JobCollection cannot be read (%s)", r.Describe())
					seen := 0
					for _, it := range d.Items() {
						r := t.get(it.Str("id"))
						j := t.env.decodeAs(r, t.F)
						if j == nil || j.Root.Get("nestedJobs") == nil {
							continue
						}
						seen++
						t.judgeNested(j.Root, r)
					}
					if seen == 0 {
						t.Inapplicable(checks.JobNested, "no Job with nested Jobs was found")
					}
				})
		})
	})
})

// judgeNested checks a Job's nested Jobs (l.3763-3769): each names the Job
// as its parent, and the Job is SUCCESS only when they all are.
func (t *T) judgeNested(j *model.Node, resp *client.Response) {
	v := t.About("Job", "read")
	self := t.env.client.Resolve(j.Str("id"))
	for _, n := range j.Get("nestedJobs").Items {
		r := t.get(n.Str("href"))
		nested := t.env.decodeAs(r, t.F)
		switch {
		case nested == nil:
			v.Fail(checks.JobNested, "a nested Job cannot be read", "200 with a Job", r.Describe(), resp, r)
			return
		case t.env.client.Resolve(nested.Root.Href("parentJob")) != self:
			v.Fail(checks.JobNested, "a nested Job does not name its parent in parentJob", self, nested.Root.Href("parentJob"), resp, r)
			return
		case j.Str("state") == "SUCCESS" && nested.Root.Str("state") != "SUCCESS":
			v.Fail(checks.JobNested, "a Job is SUCCESS while one of its nested Jobs is not", "SUCCESS", nested.Root.Str("state"), resp, r)
			return
		}
	}
	v.Pass(checks.JobNested)
}
