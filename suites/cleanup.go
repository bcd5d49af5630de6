package suites

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// tracker remembers every resource the run creates, from the moment the
// endpoint names it, so that all of them are deleted at the end, newest
// first, also after a failure or an interrupt (principle 5). It never holds
// anything the run did not create.
type tracker struct {
	mu    sync.Mutex
	items []tracked
	colls map[string]bool // collections the run created in, for the final sweep
}

type tracked struct {
	uri, typ string
	gone     bool
}

func newTracker() *tracker { return &tracker{colls: map[string]bool{}} }

// add registers a resource the run created (call it before any assertion).
func (tr *tracker) add(uri, typ string) {
	if uri == "" {
		return
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for _, it := range tr.items {
		if it.uri == uri {
			return
		}
	}
	tr.items = append(tr.items, tracked{uri: uri, typ: typ})
}

// collection registers a collection the run created in: the final sweep
// looks there for resources named with the run prefix whose URI the run
// never learned (a 202 without Location whose Job never ended).
func (tr *tracker) collection(uri string) {
	tr.mu.Lock()
	tr.colls[uri] = true
	tr.mu.Unlock()
}

// deleted marks a resource the run deleted itself.
func (tr *tracker) deleted(uri string) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for i := range tr.items {
		if tr.items[i].uri == uri {
			tr.items[i].gone = true
		}
	}
}

func (tr *tracker) pending() []tracked {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []tracked
	for i := len(tr.items) - 1; i >= 0; i-- {
		if !tr.items[i].gone {
			out = append(out, tr.items[i])
		}
	}
	return out
}

// cleanup deletes what is left, newest first, and reports what could not be
// removed. Only resources the run created, or that carry the run's unique
// prefix in their name, are touched.
func (e *runEnv) cleanup() []report.Leak {
	if e.cfg.KeepResources || e.cfg.ReadOnly {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), e.cfg.Timeouts.Cleanup)
	defer cancel()
	e.sweep()
	var leaks []report.Leak
	for _, it := range e.tracker.pending() {
		if err := e.remove(ctx, it.uri); err != nil {
			leaks = append(leaks, report.Leak{URI: it.uri, Type: it.typ, Reason: err.Error()})
			continue
		}
		e.tracker.deleted(it.uri)
	}
	return leaks
}

// sweep registers resources named with the run prefix that the run never
// learned the URI of.
func (e *runEnv) sweep() {
	e.tracker.mu.Lock()
	var colls []string
	for c := range e.tracker.colls {
		colls = append(colls, c)
	}
	e.tracker.mu.Unlock()
	for _, coll := range colls {
		resp := e.client.Get(coll, client.Accept(model.JSON))
		if !resp.OK() {
			continue
		}
		d, err := model.DecodeJSON(resp.Body, e.version)
		if err != nil || d.Type == nil || !d.Type.IsCollection() {
			continue
		}
		for _, it := range items(d) {
			if strings.HasPrefix(it.Str("name"), e.prefix) {
				e.tracker.add(e.client.Resolve(it.Str("id")), d.Type.Item)
			}
		}
	}
}

// remove deletes one resource through its advertised delete operation and
// waits until it is gone. A resource busy in a transitional state is given
// time to settle.
func (e *runEnv) remove(ctx context.Context, uri string) error {
	var lastState string
	err := client.Poll(ctx, e.cfg.Backoff, e.cfg.Timeouts.Cleanup, "the delete operation of "+uri, func() (bool, string, error) {
		resp := e.client.Get(uri, client.Accept(model.JSON))
		if resp.Err != nil {
			return false, resp.Err.Error(), nil
		}
		if resp.Status == 404 || resp.Status == 410 {
			return true, "", nil
		}
		if !resp.OK() {
			return false, fmt.Sprintf("GET answered %d", resp.Status), nil
		}
		d, err := model.DecodeJSON(resp.Body, e.version)
		if err != nil {
			return false, err.Error(), nil
		}
		lastState = d.Root.Str("state")
		href, ok := d.Root.Op("delete")
		if !ok {
			return false, "no delete operation offered (state " + lastState + ")", nil
		}
		del := e.client.Delete(href, client.Accept(model.JSON))
		if del.Err != nil || del.Status >= 300 {
			return false, del.Describe(), nil
		}
		return true, "", nil
	})
	if err != nil {
		return err
	}
	return client.Poll(ctx, e.cfg.Backoff, e.cfg.Timeouts.Cleanup, uri+" to disappear", func() (bool, string, error) {
		resp := e.client.Get(uri, client.Accept(model.JSON))
		if resp.Status == 404 || resp.Status == 410 {
			return true, "", nil
		}
		return false, resp.Describe(), nil
	})
}

// items returns the members of a collection document.
func items(d *model.Doc) []*model.Node {
	if d == nil || d.Type == nil || !d.Type.IsCollection() {
		return nil
	}
	for _, name := range append([]string{d.Type.Member}, d.Type.AltMembers...) {
		if m := d.Root.Get(name); m != nil && m.Kind == model.Array {
			return m.Items
		}
	}
	return nil
}

// elapsed is a small helper for messages.
func elapsed(since time.Time) string { return time.Since(since).Round(time.Millisecond).String() }
