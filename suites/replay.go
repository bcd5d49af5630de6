package suites

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/features"
)

// Discovery is made once per run. With workers, the parent records the
// answers of its discovery and each worker replays them: the same
// requests, answered from the record and not sent again, give every worker
// the very claims the parent judged.

// recordedReply is one answer of the parent's discovery.
type recordedReply struct {
	Method string      `json:"method"`
	URL    string      `json:"url"`
	Accept string      `json:"accept,omitempty"`
	Status int         `json:"status"`
	Header http.Header `json:"header,omitempty"`
	Body   []byte      `json:"body,omitempty"`
}

func (r recordedReply) key() string { return r.Method + " " + r.URL + " " + r.Accept }

// discoveryRecorder wraps the network while discovery runs.
type discoveryRecorder struct {
	mu      sync.Mutex
	on      bool
	limit   int64
	replies []recordedReply
	next    http.RoundTripper
}

func (d *discoveryRecorder) wrap(next http.RoundTripper) http.RoundTripper {
	d.next = next
	return d
}

func (d *discoveryRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := d.next.RoundTrip(req)
	d.mu.Lock()
	on := d.on
	d.mu.Unlock()
	if err != nil || !on {
		return resp, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, d.limit+1))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, nil
	}
	d.mu.Lock()
	d.replies = append(d.replies, recordedReply{Method: req.Method, URL: req.URL.String(), Accept: req.Header.Get("Accept"),
		Status: resp.StatusCode, Header: resp.Header.Clone(), Body: body})
	d.mu.Unlock()
	return resp, nil
}

// stop ends the recording.
func (d *discoveryRecorder) stop() {
	if d == nil {
		return
	}
	d.mu.Lock()
	d.on = false
	d.mu.Unlock()
}

func (d *discoveryRecorder) recorded() []recordedReply {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]recordedReply(nil), d.replies...)
}

// replayer answers a worker's discovery from its parent's record.
type replayer struct {
	mu      sync.Mutex
	byKey   map[string][]recordedReply
	missing []string
}

func newReplayer(replies []recordedReply) *replayer {
	r := &replayer{byKey: map[string][]recordedReply{}}
	for _, rep := range replies {
		r.byKey[rep.key()] = append(r.byKey[rep.key()], rep)
	}
	return r
}

var errNotRecorded = errors.New("not part of the parent's discovery")

func (r *replayer) RoundTrip(req *http.Request) (*http.Response, error) {
	key := recordedReply{Method: req.Method, URL: req.URL.String(), Accept: req.Header.Get("Accept")}.key()
	r.mu.Lock()
	defer r.mu.Unlock()
	list := r.byKey[key]
	if len(list) == 0 {
		r.missing = append(r.missing, key)
		return nil, fmt.Errorf("%s: %w", key, errNotRecorded)
	}
	rep := list[0]
	if len(list) > 1 {
		r.byKey[key] = list[1:]
	}
	return &http.Response{Status: http.StatusText(rep.Status), StatusCode: rep.Status, Header: rep.Header.Clone(),
		Body: io.NopCloser(bytes.NewReader(rep.Body)), ContentLength: int64(len(rep.Body)), Request: req,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1}, nil
}

// discoverReplayed makes a worker's discovery from the parent's record:
// nothing is sent, nothing is judged again (the parent judged it).
func (e *runEnv) discoverReplayed(replies []recordedReply) error {
	rp := newReplayer(replies)
	c, err := client.New(client.Config{Transport: rp, User: e.cfg.User, Password: e.cfg.Password, Token: e.cfg.Token,
		Origins: append([]string{e.cfg.Endpoint}, e.cfg.AllowOrigins...), MaxBody: e.cfg.MaxBody})
	if err != nil {
		return err
	}
	ep, err := features.Discover(c, e.cfg.Endpoint, e.cfg.Version)
	if err != nil {
		return fmt.Errorf("replaying the parent's discovery: %w", err)
	}
	if len(rp.missing) > 0 {
		return fmt.Errorf("replaying the parent's discovery: %d requests were not in its record (first: %s)", len(rp.missing), rp.missing[0])
	}
	ep.Aim(e.client)
	e.adopt(ep)
	return nil
}
