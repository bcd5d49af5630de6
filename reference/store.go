package reference

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// resource is one stored resource.
type resource struct {
	typ     string
	path    string         // relative to the base URI, e.g. "machines/3"
	vals    map[string]any // attribute values by name (not id, created, updated)
	created time.Time
	updated time.Time
	// Provider-only state.
	seeded     bool   // created by the server, not by a Consumer
	imageState string // MachineImage: the Machine state a snapshot recorded
	template   string // Machine: the template it was made from by reference
	partOf     string // a Network's component: the Network it was made for
	// abort runs when the Job is stopped before its work is done.
	abort func()
	// lateAfter, set by a fault, is the create's Job: the first GET after it
	// ended answers 404.
	lateAfter *resource
	sampling  *sampler // Meter: its recording
	watch     *watcher // EventLog: what it last saw of its target
}

func (r *resource) str(name string) string {
	s, _ := r.vals[name].(string)
	return s
}

// tenant is the world of one user: every user has its own store, so users
// never see each other's resources (Basic auth with per-user isolation).
type tenant struct {
	s       *Server
	mu      sync.Mutex
	res     map[string]*resource
	members map[string][]string // collection path -> item paths, in insertion order
	seq     map[string]int
	jobs    []string    // job paths, oldest first, for retention
	ghosts  []*resource // deleted Machines still listed (a fault)
	// madeFrom names the last network part made from each template (for
	// a switch that shares it with the next Network).
	madeFrom map[string]string
	// sysGhosts are deleted Machines still listed by their System (a
	// fault).
	sysGhosts map[string][]*resource
	// recoverable lists, per SystemService, its Machines and their backups.
	recoverable map[string][]recoverable
	// packages are the OVF packages exports left here, by path, the last
	// maxPackages of them, oldest first in packageOrder.
	packages     map[string][]byte
	packageOrder []string
	packageSeq   int
}

// maxPackages bounds the exported packages kept per user.
const maxPackages = 64

// maxJobs bounds the finished Jobs kept per user; JobRetention advertises
// how long a finished Job is kept at least.
const maxJobs = 5000

func newTenant(s *Server) *tenant {
	t := &tenant{s: s, res: map[string]*resource{}, members: map[string][]string{}, seq: map[string]int{},
		madeFrom: map[string]string{}, sysGhosts: map[string][]*resource{}, packages: map[string][]byte{},
		recoverable: map[string][]recoverable{}}
	t.seed()
	return t
}

// nextPath allocates a new item path in collection coll.
func (t *tenant) nextPath(coll string) string {
	t.seq[coll]++
	return coll + "/" + strconv.Itoa(t.seq[coll])
}

// add stores r as a new item of collection coll.
func (t *tenant) add(coll string, r *resource) *resource {
	if r.path == "" {
		r.path = t.nextPath(coll)
	}
	now := t.s.now()
	if r.created.IsZero() {
		r.created = now
	}
	r.updated = r.created
	if r.vals == nil {
		r.vals = map[string]any{}
	}
	t.res[r.path] = r
	t.members[coll] = append(t.members[coll], r.path)
	return r
}

func (t *tenant) get(path string) *resource { return t.res[path] }

// lists tells whether the collection coll holds the resource at path.
func (t *tenant) lists(coll, path string) bool { return slices.Contains(t.members[coll], path) }

// link adds an existing resource to another collection (e.g. a snapshot to
// its Machine's snapshots).
func (t *tenant) link(coll, path string) {
	t.members[coll] = append(t.members[coll], path)
}

// items lists the resources of a collection in insertion order.
func (t *tenant) items(coll string) []*resource {
	var out []*resource
	for _, p := range t.members[coll] {
		if r := t.res[p]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

// remove deletes a resource with everything it owns (§5.10.2) and drops
// every reference to it: single references become empty, collections and
// reference arrays lose the entry (§5.10.1, §5.5.12 l.1446-1447, Table 46
// for affectedResources).
func (t *tenant) remove(path string) {
	t.dropMonitors(path)
	prefix := path + "/"
	for p := range t.res {
		if p == path || strings.HasPrefix(p, prefix) {
			delete(t.res, p)
		}
	}
	for coll, list := range t.members {
		if coll == path || strings.HasPrefix(coll, prefix) {
			delete(t.members, coll)
			continue
		}
		t.members[coll] = without(list, path)
	}
	if t.s.fault(FaultDanglingImageRef) && strings.HasPrefix(path, "machineImages/") {
		return
	}
	for _, r := range t.res {
		if r.typ == "Job" && strings.HasPrefix(path, "machines/") && t.s.fault(FaultJobListsDeleted) {
			continue
		}
		dropRefs(r.vals, path)
	}
}

func without(list []string, path string) []string {
	out := list[:0]
	for _, p := range list {
		if p != path {
			out = append(out, p)
		}
	}
	return out
}

func dropRefs(vals map[string]any, path string) {
	// What the resource owned (a Machine's disks collection, its Disks) went
	// with it: references to those go too.
	gone := func(p refPath) bool { return string(p) == path || strings.HasPrefix(string(p), path+"/") }
	for k, v := range vals {
		switch x := v.(type) {
		case refPath:
			if gone(x) {
				delete(vals, k)
			}
		case map[string]any:
			if h, ok := x["href"].(refPath); ok && gone(h) {
				delete(vals, k)
			}
		case []any:
			var keep []any
			for _, it := range x {
				if rp, ok := it.(refPath); ok && gone(rp) {
					continue
				}
				keep = append(keep, it)
			}
			if len(keep) == 0 {
				delete(vals, k)
			} else {
				vals[k] = keep
			}
		}
	}
}

// resolve maps an absolute href of this server to a stored resource of type
// typ; it returns nil when the href does not resolve to one.
func (rq *request) resolve(href, typ string) *resource {
	p, ok := rq.rend.local(href)
	if !ok {
		return nil
	}
	r := rq.t.get(p)
	if r == nil || (typ != "" && r.typ != typ) {
		return nil
	}
	return r
}

// --- Jobs (§5.17.1) ----------------------------------------------------

// newJob records an operation. A Job starts RUNNING; finish ends it.
func (t *tenant) newJob(action string, target string, affected ...string) *resource {
	// One reading of the clock: created and timeOfStatusChange must not
	// straddle a second.
	now := t.s.now()
	j := &resource{typ: "Job", created: now, vals: map[string]any{
		"state":              "RUNNING",
		"action":             action,
		"progress":           int64(0),
		"timeOfStatusChange": now,
	}}
	if target != "" {
		j.vals["targetResource"] = refPath(target)
		if !t.s.fault(FaultJobTargetNotAffected) {
			affected = append([]string{target}, affected...)
		}
	}
	t.setAffected(j, affected...)
	t.add("jobs", j)
	t.jobs = append(t.jobs, j.path)
	t.trimJobs()
	return j
}

func (t *tenant) setAffected(j *resource, paths ...string) {
	seen := map[string]bool{}
	var list []any
	for _, p := range paths {
		if p != "" && !seen[p] {
			seen[p] = true
			list = append(list, refPath(p))
		}
	}
	if len(list) > 0 {
		j.vals["affectedResources"] = list
	}
}

// finish ends a Job with SUCCESS or FAILED and progress 100 (Table 46).
func (t *tenant) finish(j *resource, ok bool, msg string) {
	if j == nil || t.res[j.path] == nil {
		return
	}
	if t.s.fault(FaultJobNeverEnds) {
		j.vals["progress"] = int64(50)
		return
	}
	state := "SUCCESS"
	if !ok {
		state = "FAILED"
	}
	j.vals["state"] = state
	j.vals["progress"] = int64(100)
	j.vals["timeOfStatusChange"] = t.s.now()
	if t.s.fault(FaultJobProgressOver) {
		j.vals["progress"] = int64(101)
	}
	if t.s.fault(FaultJobTimeTravel) {
		j.vals["timeOfStatusChange"] = j.created.Add(-time.Hour)
	}
	if msg != "" {
		j.vals["statusMessage"] = msg
	}
	t.forgetLater(j)
}

func jobDone(j *resource) bool {
	switch j.str("state") {
	case "SUCCESS", "FAILED", "STOPPED":
		return true
	}
	return false
}

// trimJobs drops the oldest finished Jobs beyond maxJobs.
func (t *tenant) trimJobs() {
	for len(t.jobs) > maxJobs {
		p := t.jobs[0]
		t.jobs = t.jobs[1:]
		if j := t.res[p]; j != nil && !jobDone(j) {
			t.jobs = append(t.jobs, p)
			return
		}
		delete(t.res, p)
		t.members["jobs"] = without(t.members["jobs"], p)
	}
}

// --- seeds ---------------------------------------------------------------

// seed gives every user the same Provider-made configurations, images and
// templates to start from.
func (t *tenant) seed() {
	for _, c := range []struct {
		id          string
		cpu, memory int64
		disk        int64
		gpu         bool
	}{
		{"small", 1, 1048576, 10485760, false},
		{"medium", 2, 4194304, 20971520, false},
		{"large", 4, 8388608, 41943040, true},
	} {
		t.add("machineConfigs", &resource{typ: "MachineConfiguration", path: "machineConfigs/" + c.id, seeded: true, vals: map[string]any{
			"name": c.id, "description": "a " + c.id + " virtual machine",
			"cpu": c.cpu, "memory": c.memory, "cpuArch": "x86_64", "cpuSpeed": int64(2400), "gpu": c.gpu,
			"disks": []any{map[string]any{"capacity": c.disk, "format": "ext4", "initialLocation": "/dev/vda"}},
		}})
		if t.s.fault(FaultConfigWithoutCPUArch) {
			delete(t.get("machineConfigs/"+c.id).vals, "cpuArch")
		}
	}
	for _, im := range []struct{ id, desc string }{
		{"debian-12", "Debian 12 cloud image"},
		{"alpine-3", "Alpine Linux 3 cloud image"},
	} {
		t.add("machineImages", &resource{typ: "MachineImage", path: "machineImages/" + im.id, seeded: true, vals: map[string]any{
			"name": im.id, "description": im.desc, "state": "AVAILABLE", "type": "IMAGE",
			"imageLocation": "http://images.cimi.test/" + im.id + ".qcow2",
		}})
	}
	t.add("machineTemplates", &resource{typ: "MachineTemplate", path: "machineTemplates/small-debian", seeded: true, vals: map[string]any{
		"name": "small-debian", "description": "a small Debian machine",
		"machineConfig": refPath("machineConfigs/small"), "machineImage": refPath("machineImages/debian-12"),
		"initialState": "STOPPED",
	}})
	if t.s.fault(FaultDanglingReference) {
		t.res["machineTemplates/small-debian"].vals["credential"] = refPath("credentials/none")
	}
	t.add("credentialTemplates", &resource{typ: "CredentialTemplate", path: "credentialTemplates/admin", seeded: true, vals: map[string]any{
		"name": "admin", "description": "an administrator login", "userName": "admin",
	}})
	t.seedVolumes()
	t.seedMonitoring()
	t.seedNetworks()
	t.seedNetworksV1()
	t.seedMetadata()
	t.seedMachines(t.s.opts.SeedMachines)
}

// seedMachines adds n STOPPED Machines made from the small configuration,
// named seed-1 … seed-n.
func (t *tenant) seedMachines(n int) {
	cfg := t.res["machineConfigs/small"]
	for i := 1; i <= n; i++ {
		m := &resource{typ: "Machine", seeded: true, vals: map[string]any{
			"name": "seed-" + strconv.Itoa(i), "state": "STOPPED", "region": "eu-west-1",
			"cpu": cfg.vals["cpu"], "memory": cfg.vals["memory"], "cpuArch": cfg.vals["cpuArch"], "cpuSpeed": cfg.vals["cpuSpeed"],
		}}
		t.add("machines", m)
		for _, seg := range []string{"disks", "volumes", "interfaces", "networkInterfaces", "snapshots"} {
			if subCollectionType(seg, t.s.major) != "" {
				m.vals[seg] = refPath(m.path + "/" + seg)
			}
		}
		t.add(m.path+"/disks", &resource{typ: "Disk", vals: map[string]any{"capacity": int64(10485760), "initialLocation": "/dev/vda"}})
	}
}

// sortedKeys is used where output order must be stable.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// keepPackage keeps an exported package and gives its path; the oldest
// goes beyond maxPackages.
func (t *tenant) keepPackage(data []byte) string {
	t.packageSeq++
	p := "packages/" + strconv.Itoa(t.packageSeq)
	t.packages[p] = data
	t.packageOrder = append(t.packageOrder, p)
	if len(t.packageOrder) > maxPackages {
		delete(t.packages, t.packageOrder[0])
		t.packageOrder = t.packageOrder[1:]
	}
	return p
}
