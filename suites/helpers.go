package suites

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/onsi/gomega"

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// Helpers the scenarios share: read and judge a representation, create a
// resource following either answer the spec allows, follow Jobs, wait for
// states, post actions.

// get sends a GET in the step's serialization.
func (t *T) get(uri string, opts ...client.Option) *client.Response {
	return t.do(http.MethodGet, uri, append([]client.Option{client.Accept(t.F)}, opts...)...)
}

// send encodes body as typeName in the step's serialization and sends it.
// A write says what it is for: client.On(the resource it acts on) or
// client.Creates(the collection it creates in); post, act and del say it
// for their callers.
func (t *T) send(method, uri, typeName string, body *model.Node, opts ...client.Option) *client.Response {
	// A representation read back and sent again names its own type; the
	// request names the type it sends.
	body = body.Clone().Delete("resourceURI")
	raw, err := model.Encode(t.F, t.env.version, typeName, body, false)
	t.Must(err == nil, "cannot encode a %s: %v", typeName, err)
	opts = append([]client.Option{client.Accept(t.F), client.Body(t.F, raw)}, opts...)
	return t.do(method, uri, opts...)
}

// post sends a create of a resType into coll through its add href, without
// judging the answer; whatever the endpoint makes of it becomes the run's
// only if the endpoint accepted it (201 or 202).
func (t *T) post(coll, add, typeName, resType string, body *model.Node, opts ...client.Option) *client.Response {
	return t.send(http.MethodPost, add, typeName, body, append(opts, client.Creates(coll, resType, body.Str("name")))...)
}

// del sends the delete operation href of the run's resource owner.
func (t *T) del(owner, href string) *client.Response {
	return t.do(http.MethodDelete, href, client.Accept(t.F), client.On(owner))
}

// do sends one request. A request the client would not send ends the step:
// a write to something that is not, as the endpoint now shows it, what the
// run made, fails http.identity-kept; a stopped run, another origin or a
// defect of the suite leave the rest of the step not tested, with the
// reason. No check is ever judged on a request that was not sent.
func (t *T) do(method, uri string, opts ...client.Option) *client.Response {
	r := t.env.client.Do(method, uri, opts...)
	ref := client.RefusalOf(r.Err)
	if ref == nil {
		if owner := r.Purpose.Owner; owner != "" && client.IsWrite(method) {
			t.About(t.env.ownedType(owner), "write").Pass(checks.HTTPIdentityKept)
		}
		return r
	}
	switch ref.Kind {
	case client.RefusedNotOwned:
		owner := r.Purpose.Owner
		t.About(t.env.ownedType(owner), "write").Fail(checks.HTTPIdentityKept, "the write was not sent: "+ref.Reason,
			"the resource the run made, of its type and named "+t.env.prefix+"-…", "", r)
		panic(stepAbort{reason: "the write was not sent: " + ref.Reason})
	case client.RefusedStopped:
		panic(stepAbort{reason: ref.Reason, stopped: true})
	}
	panic(stepAbort{reason: ref.Error()})
}

// read GETs uri and judges the answer: status, headers and the
// representation against the model. It returns the decoded document, or nil
// when there is nothing to judge (then the step's checks say why).
func (t *T) read(uri, typeName string, scope model.Scope) (*model.Doc, *client.Response) {
	resp := t.get(uri)
	return t.judgeRead(resp, typeName, scope), resp
}

// judgeRead judges a GET answer (200 with a representation of typeName).
func (t *T) judgeRead(resp *client.Response, typeName string, scope model.Scope) *model.Doc {
	if resp.Err != nil || resp.Status != 200 {
		return nil
	}
	t.judgeHeaders(resp, typeName)
	return t.judgeBody(resp, typeName, scope)
}

// judgeHeaders checks media type, Accept and Content-Length of an answer
// with a body (§4.1.4, §4.2.1.2).
func (t *T) judgeHeaders(resp *client.Response, typeName string) {
	t.judgeHeadersOf(resp, typeName, "read")
}

// judgeHeadersOf judges the headers of the answer to operation op: a read,
// or an update whose 200 carries the resource (P-69).
func (t *T) judgeHeadersOf(resp *client.Response, typeName, op string) {
	if len(resp.Body) == 0 {
		return
	}
	v := t.About(typeName, op)
	f, ok := resp.Format()
	if !ok {
		v.Fail(checks.HTTPMediaType, "the body is not application/json or application/xml",
			"application/json or application/xml", resp.Header.Get("Content-Type"), resp)
	} else {
		v.Pass(checks.HTTPMediaType)
		if f != t.F {
			v.Fail(checks.HTTPAcceptHonored, "the answer is not in the serialization the Accept header asked for",
				t.F.MediaType(), resp.Header.Get("Content-Type"), resp)
		} else {
			v.Pass(checks.HTTPAcceptHonored)
		}
	}
	t.judgeHeaderForm(resp, typeName)
	if resp.Header.Get("Content-Length") == "" || resp.Header.Get("Content-Type") == "" {
		v.Fail(checks.HTTPContentLength, "an answer with a body lacks Content-Type or Content-Length",
			"both headers", fmt.Sprintf("Content-Type %q, Content-Length %q", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Length")), resp)
	} else {
		v.Pass(checks.HTTPContentLength)
	}
}

// judgeBody decodes a representation and records every representation
// check for its type: a check with no problem passes.
func (t *T) judgeBody(resp *client.Response, typeName string, scope model.Scope) *model.Doc {
	f, ok := resp.Format()
	if !ok {
		f = t.F
	}
	v := t.About(typeName, "read")
	if typeName == "" {
		v = t.About(t.subject.resource, "read")
	}
	d, err := model.Decode(f, resp.Body, t.env.version)
	if err != nil {
		check := checks.ReprStructures
		if f == model.XML {
			check = checks.ReprNamespace
		}
		v.Fail(check, fmt.Sprintf("the body cannot be read as a CIMI representation: %v", err), "", "", resp)
		return nil
	}
	if d.Type != nil {
		v = t.About(d.Type.Name, "read")
	}
	problems := model.Validate(d, t.env.version, scope)
	for _, id := range model.RepresentationChecks {
		if f == model.JSON && (id == model.CheckNamespace || id == model.CheckXMLOrder) {
			continue
		}
		if f == model.XML && id == model.CheckBytes && !hasKind(d, model.KBytes) {
			continue
		}
		var hard, soft []string
		for _, p := range problems {
			if p.Check != id {
				continue
			}
			if p.Soft {
				soft = append(soft, p.String())
			} else {
				hard = append(hard, p.String())
			}
		}
		c := checks.MustGet(id)
		switch {
		case len(hard) > 0:
			v.Fail(c, strings.Join(hard, "; "), "", "", resp)
		case len(soft) > 0:
			v.Warn(c, strings.Join(soft, "; "), resp)
		default:
			v.Pass(c)
		}
	}
	if d.Type != nil && typeName != "" && d.Type.Name != typeName && !strings.HasPrefix(typeName, "Job") {
		v.Fail(checks.ReprResourceURI, fmt.Sprintf("expected a %s, got a %s", typeName, d.Type.Name),
			t.env.version.TypeURI(typeName), d.TypeURI, resp)
	}
	if scope == model.Full && resp.Status == 200 && !strings.Contains(resp.URL, "$select") {
		t.judgeInstanceMetadata(d, resp)
	}
	return d
}

func hasKind(d *model.Doc, k model.Kind) bool {
	if d.Type == nil {
		return false
	}
	for _, a := range d.Type.Attrs {
		if a.Kind == k && d.Root.Has(a.Name) {
			return true
		}
	}
	return false
}

// --- Jobs --------------------------------------------------------------------

// jobOutcome is what following the Job of a write found.
type jobOutcome struct {
	uri   string
	job   *model.Node // the Job as last read; nil when there is none
	ended bool
	err   error // a timeout or a read failure
}

// followJob judges the Job side of a write answer (§4.2.1.6-7): with Jobs
// exposed the answer names an absolute, readable Job; a synchronous answer
// names an ended Job; a 202 produces a Job that runs to its end. op names the
// operation for the report.
func (t *T) followJob(resp *client.Response, typeName, op string) jobOutcome {
	v := t.About(typeName, op)
	uri := resp.Header.Get("CIMI-Job-URI")
	if !t.env.jobs {
		if uri == "" {
			v.NotSupported(checks.HTTPJobURI, "the Cloud Entry Point does not offer jobs")
		}
		return jobOutcome{}
	}
	u, err := url.Parse(uri)
	switch {
	case uri == "":
		v.Fail(checks.HTTPJobURI, "the Provider exposes Jobs but the answer has no CIMI-Job-URI header", "a CIMI-Job-URI header", "none", resp)
		v.jobUnreadable(resp)
		return jobOutcome{}
	case err != nil || !u.IsAbs():
		v.Fail(checks.HTTPJobURI, "CIMI-Job-URI is not an absolute URI", "an absolute URI", uri, resp)
		v.jobUnreadable(resp)
		return jobOutcome{}
	}
	jr := t.get(uri)
	jd := t.judgeRead(jr, "Job", model.Full)
	if jd == nil || jd.Type == nil || jd.Type.Name != "Job" {
		v.Fail(checks.HTTPJobURI, "the Job named by CIMI-Job-URI cannot be read", "200 with a Job", jr.Describe(), resp, jr)
		v.jobUnreadable(resp)
		return jobOutcome{uri: uri}
	}
	v.Pass(checks.HTTPJobURI)
	t.judgeJob(jd.Root, jr)
	out := jobOutcome{uri: uri, job: jd.Root, ended: jobEnded(jd.Root)}
	if resp.Status != 202 {
		v.Inapplicable(checks.HTTPAsyncJob, "every write was answered synchronously: there was no 202 to follow")
		if out.ended && progress(jd.Root) == 100 {
			v.Pass(checks.HTTPSyncJobDone)
		} else {
			v.Fail(checks.HTTPSyncJobDone, "a synchronous answer named a Job that has not ended",
				"state SUCCESS, FAILED or STOPPED with progress 100",
				fmt.Sprintf("state %s, progress %s", jd.Root.Str("state"), jd.Root.Str("progress")), resp, jr)
		}
		return out
	}
	if why := t.acceptedBody(resp, typeName); why != "" {
		v.Fail(checks.HTTPAsyncJob, "the body of a 202 "+why, "a Job, a partial "+typeName+" or no body", resp.Describe(), resp)
	}
	job, jresp, err := t.waitJob(uri)
	if job != nil {
		out.job = job
	}
	if err != nil {
		out.err = err
		if client.IsTimeout(err) {
			v.Errorf(checks.HTTPAsyncJob, err, resp, jresp)
		} else {
			v.Fail(checks.HTTPAsyncJob, err.Error(), "", "", resp, jresp)
		}
		return out
	}
	out.ended = true
	v.Pass(checks.HTTPAsyncJob)
	return out
}

// acceptedBody says what is wrong with the body of a 202, if anything: it
// may be empty, a Job, or a partial representation of the resource acted
// on or created (P-86).
func (t *T) acceptedBody(resp *client.Response, typeName string) string {
	if len(bytes.TrimSpace(resp.Body)) == 0 {
		return ""
	}
	f, ok := resp.Format()
	if !ok {
		return "is neither JSON nor XML (" + resp.Header.Get("Content-Type") + ")"
	}
	d, err := model.Decode(f, resp.Body, t.env.version)
	switch {
	case err != nil:
		return "cannot be read: " + err.Error()
	case d.Type == nil:
		return "is of no CIMI type (" + d.TypeURI + ")"
	case d.Type.Name != "Job" && d.Type.Name != typeName && d.Type.Name != typeName+"Collection":
		return "is a " + d.Type.Name
	}
	return ""
}

// jobUnreadable marks the Job checks of an answer whose Job cannot be read.
func (t *T) jobUnreadable(resp *client.Response) {
	id := checks.HTTPSyncJobDone
	if resp.Status == 202 {
		id = checks.HTTPAsyncJob
	}
	t.NotTested(id, "the Job of the answer cannot be read (see http.job-uri)")
}

// waitJob polls a Job until it ends.
func (t *T) waitJob(uri string) (*model.Node, *client.Response, error) {
	var last *model.Node
	var lastResp *client.Response
	err := client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.Job, Flag: flagTimeoutJob}, "the Job "+uri+" to end", func() (bool, string, error) {
		r := t.get(uri)
		lastResp = r
		if r.Err != nil || r.Status != 200 {
			return false, r.Describe(), nil
		}
		f, _ := r.Format()
		d, err := model.Decode(f, r.Body, t.env.version)
		if err != nil {
			return false, err.Error(), nil
		}
		last = d.Root
		seen := "state " + d.Root.Str("state") + ", progress " + d.Root.Str("progress")
		if action, target := d.Root.Str("action"), d.Root.Href("targetResource"); action != "" || target != "" {
			seen += " (" + strings.TrimSpace(lastSegment(action)+" of "+target) + ")"
		}
		return jobEnded(d.Root), seen, nil
	})
	if last != nil {
		t.judgeJob(last, lastResp)
	}
	return last, lastResp, err
}

func jobEnded(j *model.Node) bool {
	switch j.Str("state") {
	case "SUCCESS", "FAILED", "STOPPED":
		return true
	}
	return false
}

func progress(j *model.Node) int64 {
	p, _ := j.Int("progress")
	return p
}

// judgeJob checks the Job rules that hold for every Job read (Table 46).
func (t *T) judgeJob(j *model.Node, resp *client.Response) {
	v := t.About("Job", "read")
	p, hasP := j.Int("progress")
	switch {
	case hasP && (p < 0 || p > 100):
		v.Fail(checks.JobProgress, "progress is outside 0-100", "0..100", strconv.FormatInt(p, 10), resp)
	case jobEnded(j) && hasP && p != 100:
		v.Fail(checks.JobProgress, "a Job that has ended shows progress below 100", "100", strconv.FormatInt(p, 10), resp)
	default:
		v.Pass(checks.JobProgress)
	}
	if target := j.Href("targetResource"); target != "" {
		if t.hrefs(j.Get("affectedResources"))[t.env.client.Resolve(target)] {
			v.Pass(checks.JobTargetAffected)
		} else {
			v.Fail(checks.JobTargetAffected, "affectedResources does not include targetResource",
				target, j.Get("affectedResources").String(), resp)
		}
	}
	if jobEnded(j) && j.Get("nestedJobs") != nil {
		t.judgeNested(j, resp)
	}
	if jobEnded(j) {
		// Only what can be done is offered (§4.2): an ended Job cannot be stopped.
		if _, stop := j.Op(t.env.version.ActionURI("stop")); stop {
			v.Fail(checks.JobStopEnded, "a Job that has ended offers stop", "no stop operation once "+j.Str("state"), "stop offered", resp)
		} else {
			v.Pass(checks.JobStopEnded)
		}
	}
	t.judgeJobForm(j, resp)
	created, updated := j.Str("created"), j.Str("timeOfStatusChange")
	if created != "" && updated != "" && updated < created {
		v.Fail(checks.JobStatusTime, "timeOfStatusChange is earlier than created", "≥ "+created, updated, resp)
	} else if updated != "" {
		v.Pass(checks.JobStatusTime)
	}
}

// hrefs collects the resolved hrefs of a reference array.
func (t *T) hrefs(n *model.Node) map[string]bool {
	out := map[string]bool{}
	if n == nil {
		return out
	}
	for _, it := range n.Items {
		if h := it.Str("href"); h != "" {
			out[t.env.client.Resolve(h)] = true
		}
	}
	return out
}

// --- create ----------------------------------------------------------------

// created is what a create found.
type created struct {
	uri  string
	resp *client.Response
	job  jobOutcome
}

// create posts body (a typeName message) to the add operation of the
// collection and follows whichever answer comes (both answers the spec allows: docs/design.md): 201 with
// Location, or 202 with a Job that ends with the resource. The new resource
// is registered for cleanup as soon as its URI is known. accepted names the
// check that the create itself was accepted.
func (t *T) create(collURI, addHref, typeName, resType string, body *model.Node, accepted *checks.Check, opts ...client.Option) created {
	v := t.About(resType, "create")
	resp := t.post(collURI, addHref, typeName, resType, body, opts...)
	out := created{resp: resp}
	if resp.Err != nil || (resp.Status != 201 && resp.Status != 202) {
		v.Fail(accepted, "the create was not accepted", "201 or 202", resp.Describe(), resp)
		t.judgeError(resp, resType, "create")
		return out
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		out.uri = t.env.client.Resolve(loc)
	}
	v.Pass(accepted)
	out.job = t.followJob(resp, resType, "create")
	if out.uri == "" && out.job.job != nil && out.job.job.Str("state") == "SUCCESS" {
		out.uri = t.madeBy(out.job.job, collURI, resType, body.Str("name"))
	}
	t.judgeCreateAnswer(v, resp, out, collURI, resType)
	return out
}

// madeBy finds, among the affected resources of a create's succeeded Job,
// the one the create made: of its type and with the exact name the run gave
// (§5.17.1, Table 46: the new resource is listed there). It becomes the
// run's; nothing else in the list is ever taken for it.
func (t *T) madeBy(job *model.Node, coll, resType, wantName string) string {
	if wantName == "" {
		return ""
	}
	for h := range t.hrefs(job.Get("affectedResources")) {
		if h == t.env.client.Resolve(coll) {
			continue
		}
		d := t.readAny(h)
		if d != nil && d.Type != nil && d.Type.Name == resType && d.Root.Str("name") == wantName {
			t.env.ledger.own(h, resType, wantName, "the affected resource of the create's Job, with the name the run gave")
			return h
		}
	}
	return ""
}

// readAny reads a resource in a serialization the endpoint offers (JSON
// where it can); nil when it cannot be read.
func (t *T) readAny(uri string) *model.Doc {
	f := model.JSON
	if !t.env.offers(model.JSON) {
		f = model.XML
	}
	return t.env.decodeAs(t.do(http.MethodGet, uri, client.Accept(f)), f)
}

// judgeCreateAnswer checks Location, the body and the Job of a create.
func (t *T) judgeCreateAnswer(v *T, resp *client.Response, out created, collURI, resType string) {
	loc := resp.Header.Get("Location")
	switch {
	case resp.Status == 201 && loc == "":
		v.Fail(checks.HTTPCreateLocation, "a 201 create has no Location header", "a Location header", "none", resp)
	case out.uri == "":
		v.Fail(checks.HTTPCreateLocation, "neither Location nor the Job names the new resource", "a URI for the new resource", "none", resp)
	default:
		r := t.get(out.uri)
		if r.Status == 200 {
			v.Pass(checks.HTTPCreateLocation)
		} else {
			v.Fail(checks.HTTPCreateLocation, "the new resource cannot be read at its URI", "200", r.Describe(), resp, r)
		}
	}
	if resp.Status == 201 && len(resp.Body) > 0 {
		d := t.judgeBody(resp, resType, model.Full)
		t.judgeHeaders(resp, resType)
		switch {
		case d == nil:
			v.Fail(checks.HTTPCreateBody, "the 201 body cannot be read as a representation", resType, "", resp)
		case d.Type == nil || d.Type.Name != resType:
			v.Fail(checks.HTTPCreateBody, "the 201 body is not the new resource", resType, d.TypeURI, resp)
		case loc != "" && t.env.client.Resolve(d.Root.Str("id")) != t.env.client.Resolve(loc):
			v.Fail(checks.HTTPCreateBody, "the id of the returned resource is not the Location", t.env.client.Resolve(loc), d.Root.Str("id"), resp)
		default:
			v.Pass(checks.HTTPCreateBody)
		}
	} else if resp.Status == 201 {
		v.Inapplicable(checks.HTTPCreateBody, "every create of this kind was answered 201 without a body")
	} else {
		v.Inapplicable(checks.HTTPCreateBody, "every create of this kind was answered 202; the check judges 201 answers with a body")
	}
	if resp.Status == 202 && len(resp.Body) > 0 {
		// A 202 body may be the Job or a partial resource (§4.2.1.7, l.1132-1141).
		d := v.judgeBody(resp, "", model.Partial)
		if d != nil && d.Type != nil && d.Type.Name != "Job" && d.Type.Name != resType {
			v.Fail(checks.HTTPAsyncJob, "a 202 body is neither the Job nor the resource being created", "Job or "+resType, d.TypeURI, resp)
		}
	}
	if out.job.job != nil && (out.job.ended || resp.Status != 202) {
		j := out.job.job
		affected := t.hrefs(j.Get("affectedResources"))
		target := t.env.client.Resolve(j.Href("targetResource"))
		switch {
		case target != t.env.client.Resolve(collURI):
			v.Fail(checks.HTTPCreateJob, "the Job of a create does not target the collection", collURI, target, resp)
		case out.uri != "" && !affected[out.uri]:
			v.Fail(checks.HTTPCreateJob, "the Job of a create does not list the new resource", out.uri, j.Get("affectedResources").String(), resp)
		default:
			v.Pass(checks.HTTPCreateJob)
		}
	} else if !t.env.jobs {
		v.NotSupported(checks.HTTPCreateJob, "the Cloud Entry Point does not offer jobs")
	} else if out.job.err != nil {
		v.Errorf(checks.HTTPCreateJob, out.job.err, resp)
	} else {
		v.NotTested(checks.HTTPCreateJob, "the Job of the create cannot be read (see http.job-uri)")
	}
}

// judgeError checks that an error answer carries a Job (§4.2.2).
func (t *T) judgeError(resp *client.Response, resType, op string) {
	if resp.Err != nil || resp.Status < 400 {
		t.Inapplicable(checks.HTTPErrorJob, "the requests meant to fail were not refused")
		return
	}
	v := t.About(resType, "error")
	f, ok := resp.Format()
	if !ok || len(resp.Body) == 0 {
		v.Fail(checks.HTTPErrorJob, "the error answer carries no Job representation", "a Job (JSON or XML)",
			fmt.Sprintf("Content-Type %q, %d bytes", resp.Header.Get("Content-Type"), len(resp.Body)), resp)
		return
	}
	d, err := model.Decode(f, resp.Body, t.env.version)
	if err != nil || d.Type == nil || d.Type.Name != "Job" {
		got := "an unreadable body"
		if err == nil {
			got = d.TypeURI
		}
		v.Fail(checks.HTTPErrorJob, "the error answer body is not a Job", "a Job", got, resp)
		return
	}
	if s := d.Root.Str("state"); s != "" && s != "FAILED" && s != "STOPPED" {
		v.Fail(checks.HTTPErrorJob, "the error Job does not say the operation failed", "state FAILED", s, resp)
		return
	}
	if why, ev := t.errorJobIdentity(d.Root); why != "" {
		v.Fail(checks.HTTPErrorJob, why, `id "" with nested Jobs inline, or the id of a readable Job`, d.Root.Str("id"), append([]*client.Response{resp}, ev...)...)
		return
	}
	v.Pass(checks.HTTPErrorJob)
	t.judgeJob(d.Root, resp)
}

// errorJobIdentity: in 2.0 an error Job kept only for the report has id ""
// and its nested Jobs inline; one with an id is a Job like any other, and
// can be read (§4.2.2, l.1149-1152).
func (t *T) errorJobIdentity(j *model.Node) (why string, ev []*client.Response) {
	if t.env.version != model.V2 {
		return "", nil
	}
	if id := j.Str("id"); id != "" {
		r := t.get(t.env.client.Resolve(id))
		if r.Status != 200 {
			return "the error Job names an id that cannot be read", []*client.Response{r}
		}
		return "", nil
	}
	for _, n := range j.Get("nestedJobs").List() {
		if len(n.Fields) <= 1 {
			return "a transient error Job (id \"\") lists its nested Jobs by reference, not inline", nil
		}
	}
	return "", nil
}

// refused judges an answer that must be a refusal: a 4xx (never a 5xx) with
// an error Job. It reports whether it was one.
func (t *T) refused(resp *client.Response, resType, op string) bool {
	t.judgeError(resp, resType, op)
	return resp.Err == nil && resp.Status >= 400 && resp.Status < 500
}

// --- states --------------------------------------------------------------------

// wait describes the states a resource may show on its way somewhere:
// before are allowed only until another state shows (the state an action
// starts from, while the Provider has not begun), via throughout, and the
// wait ends at one of want. Any other state ends it with an error.
type wait struct {
	before, via, want []string
}

// waitState polls a resource until its state is one of want, allowing the
// states in allowed on the way.
func (t *T) waitState(uri string, allowed []string, want ...string) (*model.Node, []string, error) {
	return t.await(uri, wait{via: allowed, want: want})
}

// await polls a resource through the states w allows.
func (t *T) await(uri string, w wait) (*model.Node, []string, error) {
	var seen []string
	var last *model.Node
	var bad string
	moved := false
	err := client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.State, Flag: flagTimeoutState}, uri+" to reach "+strings.Join(w.want, " or "), func() (bool, string, error) {
		r := t.get(uri)
		if r.Err != nil || r.Status != 200 {
			return false, r.Describe(), nil
		}
		f, _ := r.Format()
		d, err := model.Decode(f, r.Body, t.env.version)
		if err != nil {
			return false, err.Error(), nil
		}
		last = d.Root
		s := d.Root.Str("state")
		if len(seen) == 0 || seen[len(seen)-1] != s {
			seen = append(seen, s)
		}
		switch {
		case slices.Contains(w.want, s):
			return true, s, nil
		case !moved && slices.Contains(w.before, s):
			return false, "state " + s, nil
		case slices.Contains(w.via, s):
			moved = true
			return false, "state " + s, nil
		}
		bad = s
		return true, s, nil
	})
	if err == nil && bad != "" {
		err = fmt.Errorf("the state went to %s (states seen: %s)", bad, strings.Join(seen, " → "))
	}
	return last, seen, err
}

// --- actions -------------------------------------------------------------------

// act posts an Action named name (an action URI of the version) to href,
// an operation of the run's resource owner, with extra parameters.
func (t *T) act(owner, href, name string, extra ...any) *client.Response {
	body := model.Obj(append([]any{"action", t.env.version.ActionURI(name)}, extra...)...)
	return t.send(http.MethodPost, href, "Action", body, client.On(owner))
}

// statusIn is a Gomega matcher shorthand for an HTTP status among codes.
func statusIn(codes ...int) gomega.OmegaMatcher {
	m := make([]any, len(codes))
	for i, c := range codes {
		m[i] = c
	}
	return gomega.BeElementOf(m...)
}

// name gives a resource name carrying the run's unique prefix.
func (t *T) name(purpose string) string { return t.env.prefix + "-" + purpose }

// statusOK reports whether an answer is a 2xx.

// namedIn reports whether a collection lists an item with the given name,
// reading it whole; where it cannot, the run's notes say on how much of the
// collection the answer rests.
func (t *T) namedIn(coll, collType, itemName string) bool {
	l := t.list(coll, collType)
	if !l.whole() && l.doc != nil {
		t.env.note(fmt.Sprintf("the %s could not be read whole, so that refused creates made nothing in it was judged on the items the run could read",
			collType))
	}
	for _, it := range l.items {
		if it.Str("name") == itemName {
			return true
		}
		if !it.Has("name") && it.Str("id") != "" {
			if full, _ := t.read(it.Str("id"), "", model.Partial); full != nil && full.Root.Str("name") == itemName {
				return true
			}
		}
	}
	return false
}

// lastSegment gives what follows the last '/' or '#' of a URI (an action's
// short name).
func lastSegment(uri string) string {
	if i := strings.LastIndexAny(uri, "/#"); i >= 0 {
		return uri[i+1:]
	}
	return uri
}
