package client

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// What the client refuses to send, and why. A refused request is never put
// on the wire; it still appears in the transcript, with the reason, so that
// a reader sees what the run did not do.

// RefusalKind says why a request was not sent.
type RefusalKind string

const (
	// RefusedReadOnly: a mutating request in --read-only mode.
	RefusedReadOnly RefusalKind = "read-only"
	// RefusedForeignOrigin: the URL is on another origin than the endpoint's.
	RefusedForeignOrigin RefusalKind = "foreign-origin"
	// RefusedNotOwned: the write targets something the run cannot show it made.
	RefusedNotOwned RefusalKind = "not-owned"
	// RefusedUnguarded: a write that says neither what it acts on nor where it
	// creates (a defect of the suite, never sent).
	RefusedUnguarded RefusalKind = "unguarded"
	// RefusedStopped: the run was interrupted or ran out of time.
	RefusedStopped RefusalKind = "stopped"
)

// Refusal is the error of a request the client did not send.
type Refusal struct {
	Kind   RefusalKind
	Reason string
	// Origin is the foreign origin, for RefusedForeignOrigin.
	Origin string
}

func (r *Refusal) Error() string { return "not sent: " + r.Reason }

// Is lets errors.Is(err, ErrReadOnly) keep working.
func (r *Refusal) Is(target error) bool {
	return target == ErrReadOnly && r.Kind == RefusedReadOnly
}

// ErrReadOnly is returned for a mutating request in read-only mode.
var ErrReadOnly = errors.New("read-only mode: mutating request not sent")

// RefusalOf returns the refusal behind err, or nil.
func RefusalOf(err error) *Refusal {
	var r *Refusal
	if errors.As(err, &r) {
		return r
	}
	return nil
}

// Purpose says on whose behalf a write is sent. Every POST, PUT and DELETE
// of a guarded client carries one: the guard decides from it whether the
// write may go (docs/design.md, "Safety": the run writes only to what it
// made).
type Purpose struct {
	// Owner is the URI of the resource the write acts on (an update, a
	// delete, an action), as the run learnt it when it made the resource.
	Owner string
	// Collection is where a create posts; Type and Name describe what it
	// makes.
	Collection, Type, Name string
	// Cleanup marks the requests of the final cleanup: they are sent after
	// the run has stopped.
	Cleanup bool
}

func (p Purpose) empty() bool { return p.Owner == "" && p.Collection == "" }

// Guard decides whether a write may be sent and learns from its answer.
type Guard interface {
	// Permit is called before a write is sent; an error (a *Refusal) keeps it
	// from being sent.
	Permit(method, target string, p Purpose) error
	// Answered is called with the answer of every write that was sent, before
	// Do returns and before the write stops counting as in flight.
	Answered(method, target string, p Purpose, r *Response)
}

// On marks a write that acts on the resource owner (an update, a delete or
// an action).
func On(owner string) Option { return func(r *request) { r.purpose.Owner = owner } }

// Creates marks a create that posts into collection a resource of type typ
// named name.
func Creates(collection, typ, name string) Option {
	return func(r *request) {
		r.purpose.Collection, r.purpose.Type, r.purpose.Name = collection, typ, name
	}
}

// ForCleanup marks a request of the final cleanup: it is sent even after the
// run stopped.
func ForCleanup() Option { return func(r *request) { r.purpose.Cleanup = true } }

// Note attaches a short explanation to the exchange in the transcript (why
// the suite made this request).
func Note(s string) Option { return func(r *request) { r.note = s } }

// Origin is the scheme, host and port of a URL, lower-cased, with the
// default port made explicit: "https://cloud.example.com:443".
func Origin(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", err
	}
	if !u.IsAbs() || u.Host == "" {
		return "", fmt.Errorf("%q is not an absolute URL", raw)
	}
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port, nil
}

// origins is the set of origins the client may talk to.
type origins map[string]bool

func newOrigins(list []string) (origins, error) {
	if len(list) == 0 {
		return nil, nil
	}
	o := origins{}
	for _, s := range list {
		n, err := Origin(s)
		if err != nil {
			return nil, fmt.Errorf("origin %q: %v", s, err)
		}
		o[n] = true
	}
	return o, nil
}

// check refuses a URL on an origin outside the set (no set: any origin).
func (o origins) check(target string) *Refusal {
	if o == nil {
		return nil
	}
	n, err := Origin(target)
	if err != nil {
		return &Refusal{Kind: RefusedForeignOrigin, Reason: fmt.Sprintf("%s is not an absolute URL on the endpoint's origin", target)}
	}
	if o[n] {
		return nil
	}
	return &Refusal{Kind: RefusedForeignOrigin, Origin: n,
		Reason: fmt.Sprintf("%s is on %s, another origin than the endpoint's (give --allow-origin %s to let the run go there)", target, n, n)}
}
