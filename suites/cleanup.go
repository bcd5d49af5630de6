package suites

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The cleanup removes what the run made (ownership.go says what that is),
// also after a failure, an interrupt or --timeout-run, and says exactly what
// it left and what stopped it. A resource is deleted only after the same
// check as any write: it still reads as the run's. One that offers no delete
// is first brought to a state that does: a running Machine is stopped, a
// transitional state is waited out. Independent resources go at the same
// time; one that refers to another goes before it (a Machine before its
// image, the second snapshot before the first).

// cleanupWorkers is how many deletions run at once.
const cleanupWorkers = 4

// transitional states end by themselves: the cleanup waits for them.
var transitional = map[string]bool{"CREATING": true, "STARTING": true, "STOPPING": true, "PAUSING": true,
	"SUSPENDING": true, "CAPTURING": true, "RESTORING": true, "DELETING": true, "QUEUED": true, "RUNNING": true}

// cleanup removes what is left and returns what could not be removed.
func (e *runEnv) cleanup() []report.Leak {
	leaks := e.settleWrites()
	if e.cfg.ReadOnly {
		return leaks
	}
	if e.cfg.KeepResources {
		e.sweep(context.Background())
		for _, o := range e.ledger.live() {
			leaks = append(leaks, report.Leak{URI: o.uri, Type: o.typ, Name: o.name, Kept: true,
				Reason: "kept: --keep-resources"})
		}
		return leaks
	}
	ctx, cancel := context.WithTimeout(e.ctl.cleanup, e.cfg.Timeouts.Cleanup)
	defer cancel()
	e.sweep(ctx)
	items := e.ledger.live()
	if len(items) > 0 {
		e.ctl.say("cimitest: removing the %d resources the run made (up to --timeout-cleanup %s)", len(items), e.cfg.Timeouts.Cleanup)
	}
	left := e.removeAll(ctx, items)
	leaks = append(leaks, e.settleWrites()...)
	if ctx.Err() != nil {
		e.dropChildrenOfRemoved(items, left)
	}
	for _, o := range items {
		if why, ok := left[o.uri]; ok {
			leaks = append(leaks, report.Leak{URI: o.uri, Type: o.typ, Name: o.name, Reason: why.reason, Deleting: why.deleting,
				Unverified: why.unverified})
		}
	}
	return leaks
}

// dropChildrenOfRemoved: when the cleanup was stopped before it could see
// to a resource below one it removed or the run deleted (a Disk of a
// Machine), that resource went with its parent (deleting a Machine deletes its Disks, which
// machine.delete-children judges): it is not listed as left.
func (e *runEnv) dropChildrenOfRemoved(items []*owned, left map[string]leftReason) {
	var removed []string
	for _, parent := range items {
		if _, kept := left[parent.uri]; !kept {
			removed = append(removed, parent.uri)
		}
	}
	removed = append(removed, e.ledger.goneURIs()...)
	n := 0
	for _, child := range items {
		why, ok := left[child.uri]
		if !ok {
			continue
		}
		if below(child.uri, removed) {
			delete(left, child.uri)
			n++
			continue
		}
		// A DELETE of it was accepted before: it may be gone, or going.
		if e.ledger.wasDeleteAnswered(child.uri) && !why.deleting {
			left[child.uri] = leftReason{reason: "a DELETE of it was accepted, and the cleanup stopped before it could see whether it is gone: " + why.reason, deleting: true}
		}
	}
	// Then, whatever the order of the items: below one whose DELETE was
	// accepted, it is going with it; below one the stopped cleanup could
	// not read, it may have gone with it.
	for _, child := range items {
		why, ok := left[child.uri]
		if !ok || why.deleting {
			continue
		}
		for _, parent := range items {
			p, ok := left[parent.uri]
			if !ok || !strings.HasPrefix(child.uri, parent.uri+"/") {
				continue
			}
			if p.deleting {
				left[child.uri] = leftReason{reason: "the " + parent.typ + " it belongs to was being deleted when the cleanup stopped: " + p.reason, deleting: true}
				break
			}
			if p.unverified && !why.unverified {
				left[child.uri] = leftReason{reason: why.reason + "; the " + parent.typ + " it belongs to could not be read either, and may have taken it along",
					unverified: true}
				break
			}
		}
	}
	if n > 0 {
		e.note(fmt.Sprintf("the cleanup was stopped before it saw to %d resources below ones it removed; they are taken as gone with them", n))
	}
}

// below tells whether uri lies below one of parents.
func below(uri string, parents []string) bool {
	for _, p := range parents {
		if strings.HasPrefix(uri, p+"/") {
			return true
		}
	}
	return false
}

// leftReason says why a resource is still there.
type leftReason struct {
	reason string
	// deleting: the endpoint accepted its DELETE, and it had not yet gone
	// when the cleanup ended.
	deleting bool
	// unverified: the cleanup stopped before it could read it.
	unverified bool
}

// settleWrites waits for the writes in flight (each ends within
// --timeout-request) and lists those whose outcome the run never learnt.
func (e *runEnv) settleWrites() []report.Leak {
	ctx, cancel := context.WithTimeout(e.ctl.abandon, e.cfg.Timeouts.Request+5*time.Second)
	defer cancel()
	var leaks []report.Leak
	for _, w := range e.client.WaitWrites(ctx) {
		leaks = append(leaks, report.Leak{URI: w, Type: "unknown",
			Reason: "a write was still in flight when the run ended: what it made or changed is unknown"})
	}
	return leaks
}

// removeAll deletes items in waves: each wave holds the resources no
// remaining one refers to, deleted at the same time. It returns, per URI,
// why a resource is left.
func (e *runEnv) removeAll(ctx context.Context, items []*owned) map[string]leftReason {
	refs := e.references(ctx, items)
	left := map[string]leftReason{}
	pending := append([]*owned(nil), items...)
	for len(pending) > 0 {
		wave, rest := nextWave(pending, refs)
		for uri, reason := range e.removeWave(ctx, wave) {
			left[uri] = reason
		}
		pending = rest
	}
	// A resource the endpoint would not delete while another existed may go
	// now that the others are gone: one more try, newest first.
	for _, o := range items {
		if _, ok := left[o.uri]; ok && ctx.Err() == nil {
			if why := e.remove(ctx, o); why == nil {
				delete(left, o.uri)
			} else {
				left[o.uri] = *why
			}
		}
	}
	return left
}

// references reads each resource once and lists the run's resources it
// refers to.
func (e *runEnv) references(ctx context.Context, items []*owned) map[string][]string {
	mine := map[string]bool{}
	for _, o := range items {
		mine[o.uri] = true
	}
	refs := map[string][]string{}
	for _, o := range items {
		if ctx.Err() != nil {
			break
		}
		d := e.readForCleanup(ctx, o.uri)
		if d == nil {
			continue
		}
		for _, h := range d.Root.Hrefs() {
			if h = e.client.Resolve(h); h != o.uri && mine[h] {
				refs[o.uri] = append(refs[o.uri], h)
			}
		}
	}
	return refs
}

// nextWave splits pending (newest first) into the resources no other
// pending one refers to, and the rest. A cycle gives up its newest member.
func nextWave(pending []*owned, refs map[string][]string) (wave, rest []*owned) {
	referred := map[string]bool{}
	for _, o := range pending {
		for _, r := range refs[o.uri] {
			referred[r] = true
		}
	}
	for _, o := range pending {
		if referred[o.uri] {
			rest = append(rest, o)
		} else {
			wave = append(wave, o)
		}
	}
	if len(wave) == 0 {
		return pending[:1], pending[1:]
	}
	return wave, rest
}

// removeWave deletes a wave, cleanupWorkers at a time.
func (e *runEnv) removeWave(ctx context.Context, wave []*owned) map[string]leftReason {
	var mu sync.Mutex
	left := map[string]leftReason{}
	sem := make(chan struct{}, cleanupWorkers)
	var wg sync.WaitGroup
	for _, o := range wave {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if why := e.remove(ctx, o); why != nil {
				mu.Lock()
				left[o.uri] = *why
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return left
}

// remove deletes one resource, first bringing it to a state that offers
// delete, and waits until it is gone. It returns nil when it is gone, or
// what kept it.
func (e *runEnv) remove(ctx context.Context, o *owned) *leftReason {
	var blocked string
	deleting := false
	stuck := 0
	err := client.Poll(ctx, e.cfg.Backoff, client.Limit{D: e.cfg.Timeouts.Cleanup, Flag: flagTimeoutCleanup},
		"the "+o.typ+" "+o.uri+" to be deleted", func() (bool, string, error) {
			done, why, err := e.removeStep(ctx, o, deleting)
			blocked = why
			deleting = deleting || strings.HasPrefix(why, deletedPrefix)
			// A resource at rest that offers no way to delete it is read a
			// few times (it may go with its parent), then left, so that it
			// does not spend the others' share of --timeout-cleanup.
			if stuck = stuckCount(stuck, why); stuck >= stuckReads {
				return false, why, errors.New(why)
			}
			return done, why, err
		})
	switch {
	case err == nil:
		e.ledger.gone(o.uri)
		return nil
	case client.IsStopped(err) && errors.Is(ctx.Err(), context.DeadlineExceeded):
		return &leftReason{reason: "the cleanup's time (--timeout-cleanup " + e.cfg.Timeouts.Cleanup.String() + ") ran out while " + blocked, deleting: deleting}
	case client.IsStopped(err):
		// Stopped before its first read was answered: whether it is still
		// there is not known.
		unseen := strings.HasPrefix(blocked, "it could not be read")
		return &leftReason{reason: "the cleanup was stopped (interrupt) while " + blocked, deleting: deleting, unverified: unseen}
	}
	return &leftReason{reason: err.Error(), deleting: deleting}
}

// deletedPrefix starts what removeStep says once the endpoint accepted a
// DELETE.
const deletedPrefix = "its DELETE was accepted"

// errLeftAlone ends the cleanup of a resource that must not be touched.
var errLeftAlone = errors.New("left alone")

// removeStep does the next thing towards deleting o: reports it gone,
// deletes it, stops it, or waits (once its DELETE was accepted, only
// waits). It says what it is waiting on.
func (e *runEnv) removeStep(ctx context.Context, o *owned, deleted bool) (bool, string, error) {
	r := e.client.Get(o.uri, e.cleanupAccept(), client.ForCleanup(), client.Context(ctx), client.Note("cleanup"))
	switch {
	case r.Err != nil:
		return false, "it could not be read: " + r.Err.Error(), nil
	case r.Status == http.StatusNotFound || r.Status == http.StatusGone:
		return true, "", nil
	case r.Status != http.StatusOK:
		return false, fmt.Sprintf("GET answered %d", r.Status), nil
	}
	d := e.decodeAs(r, e.cleanupFormat())
	if d == nil {
		return false, "its representation cannot be read", nil
	}
	state := d.Root.Str("state")
	if deleted {
		return false, deletedPrefix + " (state " + orNone(state) + "); waiting for it to disappear", nil
	}
	if href, ok := d.Root.Op("delete"); ok {
		del := e.client.Delete(href, e.cleanupAccept(), client.On(o.uri), client.ForCleanup(), client.Note("cleanup"))
		if ref := client.RefusalOf(del.Err); ref != nil && ref.Kind == client.RefusedNotOwned {
			return false, "", fmt.Errorf("%w: not deleted, as it may not be the run's: %s", errLeftAlone, ref.Reason)
		}
		if del.Err != nil || del.Status >= 300 {
			return false, "its DELETE failed: " + del.Describe(), nil
		}
		return false, deletedPrefix + " (state " + orNone(state) + "); waiting for it to disappear", nil
	}
	if transitional[state] {
		return false, "waiting for its transitional state " + state + " to end (no delete offered meanwhile)", nil
	}
	if href, ok := d.Root.Op(e.version.ActionURI("stop")); ok {
		body, _ := model.Encode(e.cleanupFormat(), e.version, "Action", model.Obj("action", e.version.ActionURI("stop")), false)
		st := e.client.Post(href, e.cleanupAccept(), client.Body(e.cleanupFormat(), body), client.On(o.uri),
			client.ForCleanup(), client.Note("cleanup: stop it so that it offers delete"))
		if ref := client.RefusalOf(st.Err); ref != nil && ref.Kind == client.RefusedNotOwned {
			return false, "", fmt.Errorf("%w: not stopped, as it may not be the run's: %s", errLeftAlone, ref.Reason)
		}
		return false, "stopping it (state " + orNone(state) + ") so that it offers delete: " + st.Describe(), nil
	}
	return false, noWayPrefix + orNone(state) + ", and no stop to reach one", nil
}

// noWayPrefix starts what removeStep says of a resource it has no way to
// delete; stuckReads is how many such readings end its cleanup.
const (
	noWayPrefix = "it offers no delete operation in state "
	stuckReads  = 3
)

func stuckCount(n int, why string) int {
	if strings.HasPrefix(why, noWayPrefix) {
		return n + 1
	}
	return 0
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// readForCleanup reads one of the run's resources (nil when it cannot).
func (e *runEnv) readForCleanup(ctx context.Context, uri string) *model.Doc {
	r := e.client.Get(uri, e.cleanupAccept(), client.ForCleanup(), client.Context(ctx), client.Note("cleanup: what does it refer to?"))
	if r.Status != http.StatusOK {
		return nil
	}
	return e.decodeAs(r, e.cleanupFormat())
}

// cleanupFormat is the serialization the cleanup reads: JSON where offered.
func (e *runEnv) cleanupFormat() model.Format {
	if e.offers(model.JSON) {
		return model.JSON
	}
	return model.XML
}

func (e *runEnv) cleanupAccept() client.Option { return client.Accept(e.cleanupFormat()) }

// sweep finds, in the collections the run created in, the resources of
// creates the endpoint accepted without naming what they made: each carries
// the exact name the run gave, and becomes the run's.
func (e *runEnv) sweep(ctx context.Context) {
	colls := e.ledger.createdIn()
	sort.Strings(colls)
	for _, coll := range colls {
		wanted := e.ledger.unnamedIn(coll)
		if len(wanted) == 0 || ctx.Err() != nil {
			continue
		}
		l := e.readListing(coll, e.cleanupFormat(), func(target string) *client.Response {
			return e.client.Get(target, e.cleanupAccept(), client.ForCleanup(), client.Context(ctx),
				client.Note("cleanup: find what the run made"))
		})
		for _, it := range l.items {
			id := e.client.Resolve(it.Str("id"))
			n := it.Str("name")
			if n == "" {
				if full := e.readForCleanup(ctx, id); full != nil {
					n = full.Root.Str("name")
				}
			}
			if typ, ok := wanted[n]; ok && id != "" {
				e.ledger.own(id, typ, n, "found by the name the run gave in "+coll+", after a create that named no resource")
			}
		}
	}
}

// ownedType names the type of one of the run's resources, for reports.
func (e *runEnv) ownedType(uri string) string {
	if o := e.ledger.get(e.client.Resolve(uri)); o != nil {
		return o.typ
	}
	if e.ledger.ownsJob(e.client.Resolve(uri)) {
		return "Job"
	}
	return "any"
}
