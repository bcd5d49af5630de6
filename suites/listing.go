package suites

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// A Provider may answer a collection GET with fewer items than its count, a
// page of its own choosing; a Consumer reads on with $first (§5.5.12,
// l.1554-1559; §4.1.6.2). Every question of the form "does the collection
// list X" is asked of the whole collection, read page by page, and where
// the rest cannot be read the answer says so instead of guessing.

// maxPages bounds how many pages one listing reads.
const maxPages = 100

// listing is a collection read to its end.
type listing struct {
	uri      string
	doc      *model.Doc    // the first page
	items    []*model.Node // every item read, in the collection's order
	count    int64         // the collection's count (-1 when it has none)
	complete bool          // every counted item was read
	why      string        // why the listing is not complete
	stalled  bool          // count promised more items than the pages gave
	resps    []*client.Response
}

// pageGetter sends one GET of a collection page.
type pageGetter func(target string) *client.Response

// readListing reads the collection at uri in format f, page after page, for
// as long as count says there is more and the entry point advertises $first.
// A uri that already asks for a range is read as it is.
func (e *runEnv) readListing(uri string, f model.Format, get pageGetter) *listing {
	l := &listing{uri: uri, count: -1}
	r := get(uri)
	l.resps = append(l.resps, r)
	d := e.decodeAs(r, f)
	if d == nil || d.Type == nil || !d.Type.IsCollection() {
		l.why = "the collection cannot be read (" + r.Describe() + ")"
		return l
	}
	l.doc, l.items = d, d.Items()
	if c, ok := d.Root.Int("count"); ok {
		l.count = c
	}
	l.complete = e.readOn(l, f, get)
	return l
}

// readOn reads the pages after the first; it reports whether it read them
// all, and otherwise sets l.why.
func (e *runEnv) readOn(l *listing, f model.Format, get pageGetter) bool {
	if l.count < 0 || int64(len(l.items)) >= l.count || asks(l.uri, "first", "last") {
		return true
	}
	if len(l.items) == 0 && asks(l.uri, "select") {
		return true // the selection leaves the items out
	}
	collType := l.doc.Type.Name
	if !e.capable("CloudEntryPoint", "FirstParameter") {
		l.why = fmt.Sprintf("the %s shows %d of its %d items and the Cloud Entry Point advertises no $first to read the rest",
			collType, len(l.items), l.count)
		return false
	}
	p, err := model.ReadOn(l.doc, maxPages, func(from int) (*model.Doc, error) {
		r := get(fmt.Sprintf("%s%s$first=%d", l.uri, sepFor(l.uri), from))
		l.resps = append(l.resps, r)
		if d := e.decodeAs(r, f); d != nil {
			return d, nil
		}
		return nil, fmt.Errorf("the %s page from $first=%d cannot be read (%s)", collType, from, r.Describe())
	})
	l.items, l.stalled = p.Items, p.Stalled
	switch {
	case err != nil:
		l.why = err.Error()
	case !p.Complete:
		l.why = p.Why(collType, maxPages)
	}
	return p.Complete
}

// getJSON reads a page in JSON, outside any step's serialization.
func (e *runEnv) getJSON(target string) *client.Response {
	return e.client.Get(target, client.Accept(model.JSON))
}

// asks reports whether a URI carries any of the query parameters named.
func asks(uri string, params ...string) bool {
	_, q, ok := strings.Cut(uri, "?")
	if !ok {
		return false
	}
	for _, p := range params {
		if strings.Contains(q, "$"+p+"=") || strings.Contains(q, "%24"+p+"=") {
			return true
		}
	}
	return false
}

// whole reports whether every item the endpoint gives was read: all that
// count promised, or all the pages held when count promised more (then
// count is wrong, which is machine.collection-count's to judge).
func (l *listing) whole() bool { return l.complete || l.stalled }

// ids gives the resolved ids of the items read.
func (l *listing) ids(c *client.Client) []string {
	var out []string
	for _, it := range l.items {
		out = append(out, c.Resolve(it.Str("id")))
	}
	return out
}

// list reads a collection whole in the step's serialization; the first page
// is judged like any read.
func (t *T) list(uri, collType string) *listing {
	first := true
	return t.env.readListing(uri, t.F, func(target string) *client.Response {
		if first {
			first = false
			_, r := t.read(target, collType, model.Full)
			return r
		}
		return t.get(target)
	})
}

// lists reports whether the collection lists uri: true or false when the
// answer is certain, and otherwise the reason it is not.
func (t *T) lists(l *listing, uri string) (listed bool, unsure string) {
	if slices.Contains(l.ids(t.env.client), uri) {
		return true, ""
	}
	if !l.whole() {
		return false, l.why
	}
	return false, ""
}

// awaitListed reads the collection until it lists uri (want true) or no
// longer lists it (want false), for at most --timeout-state: a real cloud's
// listings may lag its writes. It returns the last listing, whether it
// listed uri, and why the answer is unsure when the collection could not be
// read whole.
func (t *T) awaitListed(coll, collType, uri string, want bool) (l *listing, listed bool, unsure string) {
	l, listed, unsure = t.seek(coll, collType, uri, want, true)
	what := fmt.Sprintf("the %s to list %s", collType, uri)
	if !want {
		what = fmt.Sprintf("the %s to stop listing %s", collType, uri)
	}
	_ = client.Poll(t.env.ctx, t.env.cfg.Backoff, client.Limit{D: t.env.cfg.Timeouts.State, Flag: flagTimeoutState}, what,
		func() (bool, string, error) {
			if l.doc == nil || listed == want || unsure != "" {
				return true, "", nil
			}
			l, listed, unsure = t.seek(coll, collType, uri, want, false)
			return false, fmt.Sprintf("listed: %v", listed), nil
		})
	return l, listed, unsure
}

// seek looks for the run's resource uri in a collection the way a Consumer
// must: by $filter on the name the run gave it where the entry point
// advertises $filter, and in the whole collection, page by page, when the
// filter does not show it (a filter's own faults are the query checks' to
// judge). That a resource is not listed rests on the whole collection, or
// on the filter where the collection cannot be read whole. The first read
// of the collection is judged like any read when judged is set.
func (t *T) seek(coll, collType, uri string, want, judged bool) (l *listing, listed bool, unsure string) {
	var byName *listing
	if o := t.env.ledger.get(uri); o != nil && o.name != "" && t.env.capable("CloudEntryPoint", "FilterParameter") {
		byName = t.env.readListing(coll+sepFor(coll)+"$filter="+enc("name="+quoted(o.name)), t.F,
			func(target string) *client.Response { return t.get(target) })
		if found, _ := t.lists(byName, uri); found && want {
			return byName, true, ""
		}
	}
	if judged {
		l = t.list(coll, collType)
	} else {
		l = t.env.readListing(coll, t.F, func(target string) *client.Response { return t.get(target) })
	}
	listed, unsure = t.lists(l, uri)
	if !listed && unsure != "" && byName != nil && byName.whole() {
		// The collection is too large to read whole: the filter answers.
		return byName, false, ""
	}
	return l, listed, unsure
}

// judgeListed judges check c on whether the collection lists uri, as want
// says it should; where the collection cannot be read whole and uri is not
// among what was read, the check is not tested, with the reason.
func (t *T) judgeListed(c *checks.Check, coll, collType, uri string, want bool, expectation string) {
	l, listed, unsure := t.awaitListed(coll, collType, uri, want)
	v := t
	switch {
	case l.doc == nil:
		v.Fail(c, "the "+collType+" cannot be read", "200 with a collection", l.resps[0].Describe(), l.resps...)
	case listed == want && (listed || unsure == ""):
		v.Pass(c)
	case !listed && unsure != "":
		v.NotTested(c, unsure)
	default:
		v.Fail(c, expectation, fmt.Sprintf("listed: %v", want), fmt.Sprintf("listed: %v (after waiting up to %s, %s)",
			listed, t.env.cfg.Timeouts.State, flagTimeoutState), l.resps...)
	}
}
