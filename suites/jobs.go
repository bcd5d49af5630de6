package suites

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/beevik/etree"
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
					jobURI, job, running := t.runningJob("slow-image-")
					if !running {
						t.NotTested(checks.JobDeleteRunning, "the image was registered at once: no Job was left running")
						return
					}
					del, ok := job.Op("delete")
					if !ok {
						t.NotSupported(checks.JobDeleteRunning, "the running Job offers no delete")
						return
					}
					_, canStop := job.Op(t.env.version.ActionURI("stop"))
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

			r.step("stops a Job while it runs, reads it again later and updates it",
				[]*checks.Check{checks.JobStop, checks.JobStopAction, checks.JobRetention, checks.JobUpdate},
				func(t *T) { t.stopJob() })

			r.step("reads the JobCollection",
				[]*checks.Check{checks.JobCollectionShape},
				func(t *T) { t.judgeJobCollection() })

			r.step("reports nested Jobs consistently",
				[]*checks.Check{checks.JobNested},
				func(t *T) {
					// A sample of the Jobs will do: the first page.
					r, d := t.jobPage(50)
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

// runningJob starts a long operation (registering a MachineImage named
// with purpose) and gives its Job and whether it still runs; uri is "" when
// the answer named no Job.
func (t *T) runningJob(purpose string) (uri string, job *model.Node, running bool) {
	if !t.env.jobs {
		t.Skip("the Cloud Entry Point does not offer jobs")
	}
	coll, add := t.optionalAdd("machineImages", "MachineImageCollection")
	if add == "" {
		t.Skip("the MachineImageCollection offers no add: no long operation to start")
	}
	r := t.post(coll, add, "MachineImage", "MachineImage", model.Obj("name", t.name(purpose+string(t.F)),
		"type", "IMAGE", "imageLocation", t.env.cfg.ImageLocation))
	uri = r.Header.Get("CIMI-Job-URI")
	if uri == "" {
		return "", nil, false
	}
	jd := t.env.decodeAs(t.get(uri), t.F)
	t.Must(jd != nil, "the Job %s cannot be read", uri)
	return t.env.client.Resolve(uri), jd.Root, r.Status == 202 && !jobEnded(jd.Root)
}

// stopJob stops a running Job (§5.17.1.1, l.3780-3806): the stop is
// accepted, the Job goes through STOPPING to STOPPED; the ended Job is then
// read again after a while (JobRetention, Table 7) and updated (J-19, J-26).
// A Job that ended at once is still read again and updated.
func (t *T) stopJob() {
	uri, job, running := t.runningJob("job-image-")
	if uri == "" {
		for _, c := range []*checks.Check{checks.JobStop, checks.JobStopAction, checks.JobRetention, checks.JobUpdate} {
			t.notTestedHere(c, "the image's answer named no Job")
		}
		return
	}
	if running {
		t.stopRunningJob(uri, job)
	} else {
		t.NotTested(checks.JobStop, "the image was registered at once: no Job was left running")
		t.notTestedHere(checks.JobStopAction, "the image was registered at once: no Job was left running")
	}
	t.judgeRetention(uri)
	t.judgeJobUpdate(uri)
}

// stopRunningJob sends stop to a running Job and follows it to its end.
func (t *T) stopRunningJob(uri string, job *model.Node) {
	v := t.About("Job", "action:stop")
	stopURI := t.env.version.ActionURI("stop")
	href, ok := job.Op(stopURI)
	if !ok {
		for _, o := range job.Get("operations").Items {
			if strings.HasSuffix(o.Str("rel"), "/stop") && checks.JobStopAction.AppliesTo(t.env.version) {
				v.Fail(checks.JobStopAction, "the running Job offers stop under another URI", stopURI, o.Str("rel"), nil)
				break
			}
		}
		t.NotSupported(checks.JobStop, "the running Job offers no stop")
		if checks.JobStopAction.AppliesTo(t.env.version) {
			t.NotSupported(checks.JobStopAction, "the running Job offers no stop")
		}
		return
	}
	sr := t.act(uri, href, "stop")
	if sr.Status == 409 {
		t.NotTested(checks.JobStop, "the Job ended before the stop reached it (409)")
		t.notTestedHere(checks.JobStopAction, "the Job ended before the stop reached it (409)")
		return
	}
	after := t.get(uri)
	seen := t.env.decodeAs(after, t.F)
	end, endResp, err := t.waitJob(uri)
	if checks.JobStopAction.AppliesTo(t.env.version) {
		v.Check(checks.JobStopAction, ev(sr), func(g Gomega) {
			g.Expect(sr.Status).To(statusIn(200, 202, 204), "POST of an Action %s to the Job's stop operation", stopURI)
		})
	}
	v.Check(checks.JobStop, ev(sr, after, endResp), func(g Gomega) {
		g.Expect(sr.Status).To(statusIn(200, 202, 204), "the answer to stop")
		g.Expect(seen).NotTo(BeNil(), "the Job after the stop")
		g.Expect(seen.Root.Str("state")).To(BeElementOf("STOPPING", "STOPPED"), "the Job's state right after the stop")
		g.Expect(err).NotTo(HaveOccurred(), "the stopped Job ends")
		g.Expect(end.Str("state")).To(Equal("STOPPED"), "the Job's state once the stop is done")
	})
}

// notTestedHere marks a check not tested where it applies to the run's
// CIMI version (job.stop-action is judged in 1.x only).
func (t *T) notTestedHere(c *checks.Check, why string) {
	if c.AppliesTo(t.env.version) {
		t.NotTested(c, why)
	}
}

// retentionWait is how long after a Job has ended the run reads it again:
// long enough to see a Provider that forgets Jobs at once, short enough to
// cost the run little.
const retentionWait = time.Second

// judgeRetention reads an ended Job again once retentionWait has passed:
// within the minutes of JobRetention it must still be there (Table 7).
func (t *T) judgeRetention(uri string) {
	raw, ok := t.env.capability("Job", "JobRetention")
	if !ok {
		t.NotSupported(checks.JobRetention, "the Provider does not advertise JobRetention")
		return
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n <= 0 {
		t.NotTested(checks.JobRetention, fmt.Sprintf("JobRetention %q is not a number of minutes (see rm.capabilities)", raw))
		return
	}
	end, _, werr := t.waitJob(uri)
	if werr != nil || end == nil {
		t.NotTested(checks.JobRetention, "the Job did not end within --timeout-job")
		return
	}
	ended := time.Now()
	select {
	case <-t.env.ctx.Done():
		t.Skip("the run is stopping")
	case <-time.After(retentionWait):
	}
	r := t.get(uri)
	if time.Since(ended) >= time.Duration(n)*time.Minute {
		t.NotTested(checks.JobRetention, fmt.Sprintf("more than the %d minutes of JobRetention passed before the Job was read again", n))
		return
	}
	t.About("Job", "read").Check(checks.JobRetention, ev(r), func(g Gomega) {
		g.Expect(r.Status).To(Equal(200), "a Job read %s after it ended, with JobRetention %d minutes", retentionWait, n)
	})
}

// judgeJobUpdate changes an ended Job's name with a PUT that also sends
// another state and progress: the name changes, the Provider's attributes
// do not (J-19, J-26).
func (t *T) judgeJobUpdate(uri string) {
	before := t.env.decodeAs(t.get(uri), t.F)
	t.Must(before != nil, "the Job %s cannot be read", uri)
	edit, ok := before.Root.Op("edit")
	if !ok {
		t.NotSupported(checks.JobUpdate, "the Job offers no edit")
		return
	}
	name := t.name("job-renamed-" + string(t.F))
	body := before.Root.Clone().Set("name", model.S(name)).Set("state", model.S("RUNNING")).Set("progress", model.I(7))
	r := t.send(http.MethodPut, edit, "Job", body, client.On(uri))
	after := t.get(uri)
	ad := t.env.decodeAs(after, t.F)
	t.About("Job", "update").Check(checks.JobUpdate, ev(r, after), func(g Gomega) {
		g.Expect(r.Status).To(statusIn(200, 202, 204), "PUT of a Job that offers edit")
		g.Expect(ad).NotTo(BeNil(), "the Job after the PUT")
		g.Expect(ad.Root.Str("name")).To(Equal(name), "the name the PUT gave")
		for _, a := range []string{"state", "progress", "action", "targetResource"} {
			g.Expect(ad.Root.Get(a).String()).To(Equal(before.Root.Get(a).String()), "%s, which the Provider owns", a)
		}
	})
}

// jobPage reads the JobCollection, its first n items where the Provider
// offers $first; d is nil when the answer cannot be decoded.
func (t *T) jobPage(n int) (*client.Response, *model.Doc) {
	href := readCEP(t).Href("jobs")
	if href == "" {
		t.Skip("the Cloud Entry Point does not offer jobs")
	}
	target := t.env.client.Resolve(href)
	if t.env.capable("CloudEntryPoint", "FirstParameter") {
		target += sepFor(target) + fmt.Sprintf("$first=1&$last=%d", n)
	}
	r := t.get(target)
	return r, t.env.decodeAs(r, t.F)
}

// judgeJobCollection reads the JobCollection (§5.17.2): the collection
// pattern, and no add, for Consumers do not make Jobs.
func (t *T) judgeJobCollection() {
	r, d := t.jobPage(5)
	typeName := ""
	if d != nil && d.Type != nil {
		typeName = d.Type.Name
	}
	t.About("JobCollection", "read").Check(checks.JobCollectionShape, ev(r), func(g Gomega) {
		g.Expect(d).NotTo(BeNil(), "the JobCollection")
		g.Expect(typeName).To(Equal("JobCollection"), "its type")
		g.Expect(d.Root.Str("id")).NotTo(BeEmpty(), "its id")
		g.Expect(d.Root.Get("count")).NotTo(BeNil(), "its count")
		_, add := d.Root.Op("add")
		g.Expect(add).To(BeFalse(), "an add operation (Consumers do not make Jobs)")
	})
}

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

// judgeJobForm judges the form J-31 gives a Job, on the answer it was read
// from: its JSON type URI, and its affectedResources and nestedJobs as
// references, in JSON arrays of {href} and in XML repeated elements with an
// href and no wrapper (§4.1.4, §5.5.11, Table 46).
func (t *T) judgeJobForm(j *model.Node, resp *client.Response) {
	if resp == nil || resp.Status != 200 || len(resp.Body) == 0 {
		return
	}
	f, _ := resp.Format()
	var bad []string
	if f == model.XML {
		bad = xmlJobForm(resp.Body)
	} else {
		if got := j.Str("resourceURI"); got != t.env.version.TypeURI("Job") {
			bad = append(bad, fmt.Sprintf("resourceURI is %q", got))
		}
		for _, attr := range []string{"affectedResources", "nestedJobs"} {
			n := j.Get(attr)
			switch {
			case n == nil:
			case n.Kind != model.Array || len(n.Items) == 0:
				bad = append(bad, attr+" is not a non-empty array")
			default:
				for _, it := range n.Items {
					if it.Kind != model.Object || it.Str("href") == "" {
						bad = append(bad, attr+" holds an item that is not a reference")
						break
					}
				}
			}
		}
	}
	v := t.About("Job", "read")
	if len(bad) > 0 {
		v.Fail(checks.JobForm, strings.Join(bad, "; "), "the Job serialization of Table 46", "", resp)
		return
	}
	v.Pass(checks.JobForm)
}

// xmlJobForm lists what is wrong with the references of an XML Job.
func xmlJobForm(body []byte) []string {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(body); err != nil || doc.Root() == nil {
		return nil // an unreadable body is the representation checks' to judge
	}
	var bad []string
	for _, el := range doc.Root().ChildElements() {
		switch el.Tag {
		case "affectedResources", "nestedJobs":
			bad = append(bad, "<"+el.Tag+"> wraps the references, which are repeated elements of their own")
		case "affectedResource", "nestedJob":
			if el.SelectAttrValue("href", "") == "" {
				bad = append(bad, "<"+el.Tag+"> has no href")
			}
		}
	}
	return bad
}
