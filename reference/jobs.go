package reference

import (
	"net/http"
	"time"
)

// Jobs (§5.17.1): what a Job offers, stopping one, deleting one.

// jobOps offers stop while the Job runs, and edit and delete.
func jobOps(rq *request, j *resource) []any {
	self := rq.rend.abs(refPath(j.path))
	var ops []any
	if !jobDone(j) || rq.s.fault(FaultJobStopOfferedWhenEnded) {
		rel := rq.rend.ns + "/action/stop"
		if rq.s.major == 1 && rq.s.fault(FaultJobStopOtherRel) {
			rel = "http://schemas.dmtf.org/cimi/2/action/stop"
		}
		ops = append(ops, op(rel, rq.rend.abs(refPath(j.path+"/stop"))))
	}
	return append(ops, op("edit", self), op("delete", self))
}

// jobChild answers /jobs/{id}/stop.
func (rq *request) jobChild(j *resource, rest []string) error {
	if len(rest) != 1 || rest[0] != "stop" {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	if rq.r.Method != http.MethodPost {
		return methodNotAllowed("POST")
	}
	if _, err := rq.action("stop"); err != nil {
		return err
	}
	if jobDone(j) {
		return errorf(http.StatusConflict, "the Job has already ended (%s)", j.str("state"))
	}
	if !rq.s.fault(FaultJobStopIgnored) {
		rq.t.stopJob(j)
	}
	rq.completedJob(rq.rend.ns+"/action/stop", j.path)
	rq.send(http.StatusOK, nil)
	return nil
}

// deleteJob stops a running Job before it goes (§5.17.1.1, l.3777-3778).
func (rq *request) deleteJob(j *resource) error {
	if !jobDone(j) && rq.s.fault(FaultRunningJobKept) {
		rq.deleted()
		return nil
	}
	if !jobDone(j) {
		rq.t.stopJob(j)
	}
	rq.t.remove(j.path)
	rq.completedJob("delete", j.path)
	rq.deleted()
	return nil
}

// stopJob moves a running Job to STOPPED; the work it tracked is left as it is
// (the spec requires no rollback, §5.17.1).
func (t *tenant) stopJob(j *resource) {
	if j.abort != nil {
		j.abort()
		j.abort = nil
	}
	j.vals["state"] = "STOPPED"
	j.vals["progress"] = int64(100)
	j.vals["timeOfStatusChange"] = t.s.now()
	j.vals["statusMessage"] = "stopped on request"
	t.forgetLater(j)
}

// jobMetadata: Jobs are kept a while after they end, and can be stopped.
func jobMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("Job", "JobRetention", int64(60))}
	vals["actions"] = t.actions("stop")
}

// jobUpdate keeps a PUT of a Job to its name, description and properties:
// everything else is the Provider's (§4.2.1.3, l.1025-1027).
func jobUpdate(rq *request, j *resource, body map[string]any, names []string) ([]string, error) {
	if rq.s.fault(FaultJobUpdateOverwrites) {
		names = append(names, "state", "progress")
	}
	return names, nil
}

// forgetLater removes an ended Job after a short while, under the
// jobs-forgotten switch.
func (t *tenant) forgetLater(j *resource) {
	if !t.s.fault(FaultJobsForgotten) {
		return
	}
	t.s.later(t, 500*time.Millisecond, func() {
		if t.res[j.path] == j {
			t.remove(j.path)
		}
	})
}
