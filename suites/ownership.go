package suites

import (
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// The run writes only to what it made (docs/design.md, "Safety"). A URI becomes the
// run's own in one of two ways: the Location of a create the endpoint
// accepted (201 or 202), or, for a create whose answer named no resource,
// the affected resource of its succeeded Job that has the type and the exact
// name the run gave. Before every update, action or delete, and before every
// delete of the cleanup, the guard reads the resource and checks that it is
// still of that type and carries the run's name prefix; otherwise the write
// is not sent.

// ledger is what the run made, in the order it made it.
type ledger struct {
	mu      sync.Mutex
	items   []*owned
	byURI   map[string]*owned
	unnamed map[string]unnamedCreate // name -> an accepted create the run never learnt the URI of
	jobs    map[string]bool          // Jobs the run's own writes started
	colls   map[string]bool          // collections the run may create in
	// created is the collections the run posted a create into, for the
	// final sweep.
	created map[string]bool
	// onOwn hears of each resource the run comes to own (a worker tells
	// the other workers, parallel.go).
	onOwn func(ownedState)
}

// owned is one resource of the run.
type owned struct {
	uri, typ, name string
	how            string // how the URI became the run's
	gone           bool
	// deleteAnswered: a DELETE of it was accepted (it may be gone, or going).
	deleteAnswered bool
}

// unnamedCreate is a create the endpoint accepted without naming what it
// made.
type unnamedCreate struct{ coll, typ string }

func newLedger() *ledger {
	return &ledger{byURI: map[string]*owned{}, unnamed: map[string]unnamedCreate{}, jobs: map[string]bool{},
		colls: map[string]bool{}, created: map[string]bool{}}
}

// own records uri as the run's.
func (l *ledger) own(uri, typ, name, how string) {
	if uri == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if o := l.byURI[uri]; o != nil {
		return
	}
	o := &owned{uri: uri, typ: typ, name: name, how: how}
	l.items = append(l.items, o)
	l.byURI[uri] = o
	delete(l.unnamed, name)
	if l.onOwn != nil {
		l.onOwn(ownedState{URI: uri, Type: typ, Name: name, How: how})
	}
}

// get returns the run's resource at uri, or nil.
func (l *ledger) get(uri string) *owned {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.byURI[uri]
}

// gone marks a resource the run deleted.
func (l *ledger) gone(uri string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if o := l.byURI[uri]; o != nil {
		o.gone = true
	}
}

// live lists the resources not known to be gone, newest first.
func (l *ledger) live() []*owned {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []*owned
	for i := len(l.items) - 1; i >= 0; i-- {
		if !l.items[i].gone {
			c := *l.items[i]
			out = append(out, &c)
		}
	}
	return out
}

// allowCollection lets the run create in coll.
func (l *ledger) allowCollection(coll string) {
	l.mu.Lock()
	l.colls[coll] = true
	l.mu.Unlock()
}

func (l *ledger) mayCreateIn(coll string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.colls[coll]
}

func (l *ledger) ownsJob(uri string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.jobs[uri]
}

// unnamedIn lists, for the sweep, the creates into coll that never named
// their resource.
func (l *ledger) unnamedIn(coll string) map[string]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]string{}
	for name, u := range l.unnamed {
		if u.coll == coll {
			out[name] = u.typ
		}
	}
	return out
}

func (l *ledger) createdIn() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for c := range l.created {
		out = append(out, c)
	}
	return out
}

// guard is the client's Guard for a run.
type guard struct{ e *runEnv }

// Permit lets a write go when it creates in a collection the run may
// create in, or acts on a resource that is, as the endpoint shows it now,
// the one the run made. A collection of the run's own resource (a Machine's
// disks) is one to create in when the write names that resource as owner
// and the collection sits below it.
func (g guard) Permit(method, target string, p client.Purpose) error {
	e := g.e
	coll := e.client.Resolve(p.Collection)
	// Provider query parameters may ride on both URIs (§4.1.6): compare paths.
	below := p.Owner != "" && strings.HasPrefix(withoutQuery(coll), withoutQuery(e.client.Resolve(p.Owner))+"/")
	if p.Collection != "" && !e.ledger.mayCreateIn(coll) && !below {
		return &client.Refusal{Kind: client.RefusedNotOwned,
			Reason: fmt.Sprintf("%s is not a collection the Cloud Entry Point lists: the run creates only there", p.Collection)}
	}
	if p.Owner == "" {
		return nil
	}
	return e.verifyOwn(method, target, p)
}

// Answered learns from the answer of a write: the Location of an accepted
// create becomes the run's, and so does the Job an answer names.
func (g guard) Answered(method, target string, p client.Purpose, r *client.Response) {
	e := g.e
	if r.Err != nil {
		return
	}
	l := e.ledger
	if job := r.Header.Get("CIMI-Job-URI"); job != "" {
		l.mu.Lock()
		l.jobs[e.client.Resolve(job)] = true
		l.mu.Unlock()
	}
	if method == http.MethodDelete && r.OK() {
		l.deleteAnswered(e.client.Resolve(target))
	}
	if p.Collection == "" || method != http.MethodPost {
		return
	}
	coll := e.client.Resolve(p.Collection)
	l.mu.Lock()
	l.created[coll] = true
	l.mu.Unlock()
	if r.Status != http.StatusCreated && r.Status != http.StatusAccepted {
		return
	}
	if loc := r.Header.Get("Location"); loc != "" {
		l.own(e.client.Resolve(loc), p.Type, p.Name, fmt.Sprintf("the Location of a create answered %d", r.Status))
		return
	}
	if p.Name != "" {
		l.mu.Lock()
		l.unnamed[p.Name] = unnamedCreate{coll: coll, typ: p.Type}
		tell := l.onOwn
		l.mu.Unlock()
		if tell != nil {
			tell(ownedState{Type: p.Type, Name: p.Name, How: "a create that named no resource"})
		}
	}
}

// verifyOwn reads the resource a write acts on and refuses the write unless
// it is the run's: made by the run, still of its type, still named with the
// run's prefix. An update or delete sent to another URI than the resource's
// own must lead to the same resource.
func (e *runEnv) verifyOwn(method, target string, p client.Purpose) error {
	owner := e.client.Resolve(p.Owner)
	isJob := e.ledger.ownsJob(owner)
	o := e.ledger.get(owner)
	if o == nil && !isJob {
		return notOwned("%s is not a resource the run made", owner)
	}
	typ := "Job"
	if o != nil {
		typ = o.typ
	}
	why := "is it still the run's? (before " + method + " " + target + ")"
	d, err := e.readOwn(owner, e.cleanupFormat(), p.Cleanup, why)
	if err != nil {
		return err
	}
	if !isType(d, typ) && e.offers(model.XML) && e.offers(model.JSON) {
		// The type a serialization names is the endpoint's to get right
		// (judged elsewhere); the resource is the run's if either says so.
		if x, err := e.readOwn(owner, model.XML, p.Cleanup, why); err == nil && isType(x, typ) {
			d = x
		}
	}
	switch {
	case !isType(d, typ):
		return notOwned("%s is no longer the %s the run made: it reads as %s", owner, typ, d.TypeURI)
	case !isJob && !strings.HasPrefix(d.Root.Str("name"), e.prefix):
		return notOwned("%s is not named like the run's resources (%s-…): its name is %q", owner, e.prefix, d.Root.Str("name"))
	}
	if method == http.MethodPost || withoutQuery(target) == owner || e.ownCollection(d, withoutQuery(target)) {
		return nil
	}
	// An edit or delete operation at another URI must lead to the resource
	// itself: never to another one.
	other, err := e.readOwn(target, e.cleanupFormat(), p.Cleanup, "does the "+method+" operation lead to "+owner+"?")
	if err == nil && other.Root.Str("id") != "" && e.client.Resolve(other.Root.Str("id")) != owner {
		return notOwned("the %s operation of %s leads to another resource, %s", method, owner, other.Root.Str("id"))
	}
	return nil
}

// ownCollection reports whether uri is one of the collections of the run's
// resource d (a Machine's meters): a write there acts on the resource's own
// parts, as a delete of the resource itself would.
func (e *runEnv) ownCollection(d *model.Doc, uri string) bool {
	if d.Type == nil {
		return false
	}
	for _, a := range d.Type.Attrs {
		if a.Kind == model.KCollection && d.Root.Href(a.Name) != "" && withoutQuery(e.client.Resolve(d.Root.Href(a.Name))) == uri {
			return true
		}
	}
	return false
}

func isType(d *model.Doc, typ string) bool { return d.Type != nil && d.Type.Name == typ }

// readOwn reads a resource in serialization f, for the guard.
func (e *runEnv) readOwn(uri string, f model.Format, cleanup bool, why string) (*model.Doc, error) {
	opts := []client.Option{client.Accept(f), client.Note(why)}
	if cleanup {
		opts = append(opts, client.ForCleanup())
	}
	r := e.client.Get(uri, opts...)
	switch {
	case r.Err != nil:
		if ref := client.RefusalOf(r.Err); ref != nil {
			return nil, ref
		}
		return nil, notOwned("%s cannot be read to make sure it is the run's: %v", uri, r.Err)
	case r.Status != 200:
		return nil, notOwned("%s cannot be read to make sure it is the run's: GET answered %d", uri, r.Status)
	}
	got, ok := r.Format()
	if !ok {
		got = f
	}
	d, err := model.Decode(got, r.Body, e.version)
	if err != nil {
		return nil, notOwned("%s cannot be read to make sure it is the run's: %v", uri, err)
	}
	return d, nil
}

func notOwned(format string, args ...any) *client.Refusal {
	return &client.Refusal{Kind: client.RefusedNotOwned, Reason: fmt.Sprintf(format, args...)}
}

// offers reports whether the endpoint serves serialization f.
func (e *runEnv) offers(f model.Format) bool {
	if e.ep == nil {
		return f == model.JSON
	}
	for _, x := range e.ep.Formats {
		if x == string(f) {
			return true
		}
	}
	return false
}

// withoutQuery drops the query of a URI: a PUT ?$select to the resource
// itself is still sent to the resource.
func withoutQuery(uri string) string {
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		return uri[:i]
	}
	return uri
}
