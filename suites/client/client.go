// Package client is the HTTP client the scenarios use: CIMI media types,
// named timeouts, credentials that never reach a report, and a transcript of
// every exchange so that a failure can show the request and response that
// prove it, with a curl line to replay it.
package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/model"
)

// Config configures a Client.
type Config struct {
	// Timeout bounds one HTTP exchange.
	Timeout time.Duration
	// User and Password give HTTP Basic credentials; Token a bearer token.
	User, Password, Token string
	// CAFile adds a CA bundle to trust; Insecure skips TLS verification.
	CAFile   string
	Insecure bool
	// ReadOnly refuses every method but GET and HEAD, as a safety net for
	// --read-only runs.
	ReadOnly bool
	// BodyLimit caps the bytes of each body kept in the transcript.
	BodyLimit int
	// Keep is how many recent exchanges stay in memory in full.
	Keep int
	// Transcript, when set, receives every exchange as one JSON line.
	Transcript io.Writer
	// Origins are the origins (scheme://host:port) the client talks to; a
	// request to any other is not sent, and credentials never leave them.
	// Empty: any origin (for tools that only read a URL they were given).
	Origins []string
	// Guard, when set, must permit every write (see Purpose).
	Guard Guard
	// Context is the run's: once it is done, only cleanup requests are sent,
	// and reads in flight are abandoned. Writes in flight always finish (or
	// time out), so that the run knows what they did.
	Context context.Context
	// MaxBody refuses answers larger than this many bytes (default 64 MiB).
	MaxBody int64
	// Transport, when set, carries the requests instead of the network's
	// (a worker replays the discovery its parent made); Wrap, when set,
	// wraps the network's (the parent records that discovery).
	Transport http.RoundTripper
	Wrap      func(http.RoundTripper) http.RoundTripper
}

// DefaultMaxBody is the largest answer read by default.
const DefaultMaxBody = 64 << 20

// Client sends CIMI requests and records them.
type Client struct {
	cfg  Config
	http *http.Client

	origins origins
	ctx     context.Context

	mu      sync.Mutex
	seq     int
	recent  []*report.Exchange // ring of the last cfg.Keep exchanges
	pinned  map[int]*report.Exchange
	base    *url.URL
	tw      *transcriptWriter
	foreign map[string]*ForeignOrigin
	writes  map[int]string // writes in flight: ticket -> "METHOD URL"
	ticket  int
	idle    *sync.Cond // signalled when a write in flight ends
}

// ForeignOrigin is an origin the run was sent towards and did not go: the
// first URL that named it and how many requests were not sent.
type ForeignOrigin struct {
	Origin, First string
	Count         int
}

// New builds a client; it fails on an unreadable CA file.
func New(cfg Config) (*Client, error) {
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.BodyLimit == 0 {
		cfg.BodyLimit = 64 << 10
	}
	if cfg.Keep == 0 {
		cfg.Keep = 2000
	}
	if cfg.MaxBody == 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	allowed, err := newOrigins(cfg.Origins)
	if err != nil {
		return nil, err
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 8
	if cfg.CAFile != "" || cfg.Insecure {
		tc := &tls.Config{InsecureSkipVerify: cfg.Insecure} //nolint:gosec // only on explicit --insecure
		if cfg.CAFile != "" {
			pem, err := os.ReadFile(cfg.CAFile)
			if err != nil {
				return nil, fmt.Errorf("reading the CA file: %w", err)
			}
			pool, err := x509.SystemCertPool()
			if err != nil || pool == nil {
				pool = x509.NewCertPool()
			}
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("the CA file %s holds no PEM certificate", cfg.CAFile)
			}
			tc.RootCAs = pool
		}
		tr.TLSClientConfig = tc
	}
	var rt http.RoundTripper = tr
	if cfg.Wrap != nil {
		rt = cfg.Wrap(tr)
	}
	if cfg.Transport != nil {
		rt = cfg.Transport
	}
	c := &Client{cfg: cfg, http: &http.Client{Transport: rt, Timeout: cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		pinned: map[int]*report.Exchange{}, origins: allowed, ctx: cfg.Context,
		foreign: map[string]*ForeignOrigin{}, writes: map[int]string{}}
	c.idle = sync.NewCond(&c.mu)
	if cfg.Transcript != nil {
		c.tw = &transcriptWriter{w: cfg.Transcript}
	}
	return c, nil
}

// SetBase records the Cloud Entry Point's baseURI, against which relative
// hrefs are resolved (§5.5.10).
func (c *Client) SetBase(base string) error {
	u, err := url.Parse(base)
	if err != nil || !u.IsAbs() {
		return fmt.Errorf("baseURI %q is not an absolute URI", base)
	}
	c.mu.Lock()
	c.base = u
	c.mu.Unlock()
	return nil
}

// Resolve turns an href from a representation into an absolute URL.
func (c *Client) Resolve(href string) string {
	u, err := url.Parse(href)
	if err != nil || u.IsAbs() {
		return href
	}
	c.mu.Lock()
	base := c.base
	c.mu.Unlock()
	if base == nil {
		return href
	}
	return base.ResolveReference(u).String()
}

// Response is one answer, with its recorded exchange.
type Response struct {
	ID     int // exchange ID in the transcript
	Method string
	URL    string
	Status int
	Header http.Header
	Body   []byte
	// Err is a transport failure (no answer at all), or the reason the
	// client did not send the request (a *Refusal).
	Err error
	// Purpose is what the request said it was for (writes).
	Purpose Purpose
}

// Format is the serialization of the body, from its Content-Type.
func (r *Response) Format() (model.Format, bool) {
	if r == nil || r.Header == nil {
		return "", false
	}
	return model.FormatOf(r.Header.Get("Content-Type"))
}

// OK reports whether the status is 2xx.
func (r *Response) OK() bool { return r != nil && r.Err == nil && r.Status >= 200 && r.Status < 300 }

// Describe summarizes the answer for messages.
func (r *Response) Describe() string {
	if r == nil {
		return "no response"
	}
	if r.Err != nil {
		return fmt.Sprintf("%s %s: %v", r.Method, r.URL, r.Err)
	}
	return fmt.Sprintf("%s %s answered %d", r.Method, r.URL, r.Status)
}

// Option shapes a request.
type Option func(*request)

type request struct {
	header    http.Header
	body      []byte
	noAuth    bool
	wrongAuth bool
	query     url.Values
	ctx       context.Context
	purpose   Purpose
	note      string
}

// Accept asks for a serialization.
func Accept(f model.Format) Option { return Header("Accept", f.MediaType()) }

// AcceptRaw sets the Accept header verbatim.
func AcceptRaw(v string) Option { return Header("Accept", v) }

// Body sends a body of the given format.
func Body(f model.Format, b []byte) Option {
	return func(r *request) {
		r.body = b
		r.header.Set("Content-Type", f.MediaType())
	}
}

// RawBody sends bytes with any Content-Type (for bad-input checks).
func RawBody(contentType string, b []byte) Option {
	return func(r *request) {
		r.body = b
		if contentType != "" {
			r.header.Set("Content-Type", contentType)
		}
	}
}

// Header sets a request header.
func Header(k, v string) Option { return func(r *request) { r.header.Set(k, v) } }

// Query adds a query parameter, keeping those already in the URL (§4.1.6,
// l.608-609).
func Query(k, v string) Option { return func(r *request) { r.query.Add(k, v) } }

// NoAuth sends the request without credentials.
func NoAuth() Option { return func(r *request) { r.noAuth = true } }

// WrongAuth sends the run's credentials spoiled: the user's name with
// another password, or another token.
func WrongAuth() Option { return func(r *request) { r.wrongAuth = true } }

// Context bounds a read by ctx as well as by the timeout and the run.
func Context(ctx context.Context) Option { return func(r *request) { r.ctx = ctx } }

// Get, Post, Put and Delete are shorthands for Do.
func (c *Client) Get(url string, opts ...Option) *Response { return c.Do(http.MethodGet, url, opts...) }
func (c *Client) Post(url string, opts ...Option) *Response {
	return c.Do(http.MethodPost, url, opts...)
}
func (c *Client) Put(url string, opts ...Option) *Response { return c.Do(http.MethodPut, url, opts...) }
func (c *Client) Delete(url string, opts ...Option) *Response {
	return c.Do(http.MethodDelete, url, opts...)
}

// IsWrite reports whether a method changes something on the endpoint.
func IsWrite(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// Do sends one request and records the exchange. It never panics: a
// transport failure, and a request the client would not send, come back in
// Response.Err.
func (c *Client) Do(method, target string, opts ...Option) *Response {
	rq := &request{header: http.Header{}, query: url.Values{}}
	for _, o := range opts {
		o(rq)
	}
	target = c.Resolve(target)
	if len(rq.query) > 0 {
		target = addQuery(target, rq.query)
	}
	resp := &Response{Method: method, URL: target, Purpose: rq.purpose}
	ex := &report.Exchange{Time: time.Now(), Method: method, URL: target, Note: rq.note}
	defer c.record(ex, resp)
	write := IsWrite(method)
	if ref := c.refuse(method, target, write, rq.purpose); ref != nil {
		resp.Err = ref
		return resp
	}
	if write {
		ticket := c.beginWrite(method + " " + target)
		defer c.endWrite(ticket)
		if c.cfg.Guard != nil {
			defer func() { c.cfg.Guard.Answered(method, target, rq.purpose, resp) }()
		}
	}
	ctx, cancel := c.requestContext(rq, write)
	defer cancel()
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		resp.Err = err
		return resp
	}
	req.Header = rq.header
	if !rq.noAuth {
		c.authorize(req, rq.wrongAuth)
	}
	ex.RequestHeaders = redactHeaders(req.Header)
	ex.RequestBody, ex.Truncated = c.keep(rq.body)
	ex.Curl = c.curl(method, target, req.Header, rq.body, rq.noAuth)
	start := time.Now()
	hr, err := c.http.Do(req)
	if err != nil {
		resp.Err = c.transportError(rq.ctx, ctx, err)
		ex.Millis = ms(time.Since(start))
		return resp
	}
	defer hr.Body.Close()
	data, err := c.readBody(hr)
	ex.Millis = ms(time.Since(start))
	resp.Status, resp.Header, resp.Body = hr.StatusCode, hr.Header, data
	if err != nil {
		resp.Err = err
	}
	return resp
}

// transportError says which limit cut an exchange short, when one did.
// caller is the context the caller gave (nil when none), ctx the
// exchange's own.
func (c *Client) transportError(caller, ctx context.Context, err error) error {
	switch {
	case c.ctx.Err() != nil && ctx.Err() != nil:
		return &Refusal{Kind: RefusedStopped, Reason: "abandoned in flight: the run has stopped (" + context.Cause(c.ctx).Error() + ")"}
	case caller != nil && caller.Err() != nil:
		// The caller's own limit (a wait, the cleanup's share) ran out first.
		return fmt.Errorf("abandoned: the caller's time ran out before an answer came (%v)", context.Cause(caller))
	case errors.Is(ctx.Err(), context.DeadlineExceeded) || isTimeout(err):
		// The http.Client's own Timeout, equal to the exchange's deadline,
		// may fire first on a loaded machine: the same limit ran out.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("no answer within %s, the limit of one exchange (--timeout-request): %w", c.cfg.Timeout, err)
	}
	return err
}

// isTimeout reports whether a transport error is a timeout.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// refuse says why a request must not be sent, or nil. The order matters: a
// stopped run sends nothing but its cleanup; no request leaves the allowed
// origins; read-only mode sends no write; a guarded client sends no write
// its guard does not permit.
func (c *Client) refuse(method, target string, write bool, p Purpose) *Refusal {
	if c.ctx.Err() != nil && !p.Cleanup {
		return &Refusal{Kind: RefusedStopped, Reason: "the run has stopped (" + context.Cause(c.ctx).Error() + ")"}
	}
	if ref := c.origins.check(target); ref != nil {
		c.noteForeign(ref.Origin, method+" "+target)
		return ref
	}
	if !write {
		return nil
	}
	if c.cfg.ReadOnly {
		return &Refusal{Kind: RefusedReadOnly, Reason: "read-only mode: " + method + " is a write"}
	}
	if c.cfg.Guard == nil {
		return nil
	}
	if p.empty() {
		return &Refusal{Kind: RefusedUnguarded, Reason: method + " " + target + " names neither the resource it acts on nor the collection it creates in (a defect of cimitest)"}
	}
	if err := c.cfg.Guard.Permit(method, target, p); err != nil {
		if ref := RefusalOf(err); ref != nil {
			return ref
		}
		return &Refusal{Kind: RefusedNotOwned, Reason: err.Error()}
	}
	return nil
}

// requestContext bounds one exchange. A read ends with the run (or the
// caller's context); a cleanup read only with the caller's context; a write
// is detached from both so that, once sent, its answer is always read and
// the run knows what it did.
func (c *Client) requestContext(rq *request, write bool) (context.Context, context.CancelFunc) {
	switch {
	case write:
		return context.WithTimeout(context.WithoutCancel(c.ctx), c.cfg.Timeout)
	case rq.purpose.Cleanup && rq.ctx != nil:
		return context.WithTimeout(rq.ctx, c.cfg.Timeout)
	case rq.purpose.Cleanup:
		return context.WithTimeout(context.WithoutCancel(c.ctx), c.cfg.Timeout)
	case rq.ctx != nil:
		ctx, cancel := context.WithTimeout(rq.ctx, c.cfg.Timeout)
		stop := context.AfterFunc(c.ctx, cancel)
		return ctx, func() { stop(); cancel() }
	}
	return context.WithTimeout(c.ctx, c.cfg.Timeout)
}

// BodyTooLargeError is an answer over the MaxBody limit; it was not read.
type BodyTooLargeError struct{ Limit int64 }

func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("the answer's body is larger than %d bytes, the limit of one answer (--max-body); it was not read", e.Limit)
}

// readBody reads an answer up to MaxBody; a larger one is an error that
// names the limit, not a body cut short.
func (c *Client) readBody(hr *http.Response) ([]byte, error) {
	limit := c.cfg.MaxBody
	if hr.ContentLength > limit {
		return nil, &BodyTooLargeError{Limit: limit}
	}
	data, err := io.ReadAll(io.LimitReader(hr.Body, limit+1))
	if err != nil {
		return data, fmt.Errorf("reading the response body: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, &BodyTooLargeError{Limit: limit}
	}
	return data, nil
}

// beginWrite counts a write in flight; endWrite ends it.
func (c *Client) beginWrite(what string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ticket++
	c.writes[c.ticket] = what
	return c.ticket
}

func (c *Client) endWrite(ticket int) {
	c.mu.Lock()
	delete(c.writes, ticket)
	c.mu.Unlock()
	c.idle.Broadcast()
}

// WaitWrites waits until no write is in flight, or ctx ends; it returns the
// writes still in flight then.
func (c *Client) WaitWrites(ctx context.Context) []string {
	stop := context.AfterFunc(ctx, func() {
		c.mu.Lock()
		c.idle.Broadcast()
		c.mu.Unlock()
	})
	defer stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.writes) > 0 && ctx.Err() == nil {
		c.idle.Wait()
	}
	var out []string
	for _, w := range c.writes {
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// Allowed reports whether the client may send a request to target's origin.
func (c *Client) Allowed(target string) bool { return c.origins.check(c.Resolve(target)) == nil }

func (c *Client) noteForeign(origin, what string) {
	if origin == "" {
		origin = "(not an absolute URL)"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.foreign[origin]
	if f == nil {
		f = &ForeignOrigin{Origin: origin, First: what}
		c.foreign[origin] = f
	}
	f.Count++
}

// ForeignOrigins lists the origins the run did not go to, sorted.
func (c *Client) ForeignOrigins() []ForeignOrigin {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]ForeignOrigin, 0, len(c.foreign))
	for _, f := range c.foreign {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Origin < out[j].Origin })
	return out
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func addQuery(target string, q url.Values) string {
	sep := "?"
	if strings.Contains(target, "?") {
		sep = "&"
	}
	return target + sep + encodeQuery(q)
}

// encodeQuery keeps "$" readable: CIMI parameter names start with it.
func encodeQuery(q url.Values) string {
	return strings.ReplaceAll(q.Encode(), "%24", "$")
}

// authorize adds the credentials; they only ever go to an allowed origin
// (refuse has kept every other request from being sent).
func (c *Client) authorize(req *http.Request, wrong bool) {
	if c.origins.check(req.URL.String()) != nil {
		return
	}
	spoil := func(secret string) string {
		if wrong {
			return secret + "-cimitest-wrong"
		}
		return secret
	}
	switch {
	case c.cfg.Token != "":
		req.Header.Set("Authorization", "Bearer "+spoil(c.cfg.Token))
	case c.cfg.User != "":
		req.SetBasicAuth(c.cfg.User, spoil(c.cfg.Password))
	}
}

// record finishes the exchange and keeps it.
func (c *Client) record(ex *report.Exchange, resp *Response) {
	if resp.Err != nil {
		ex.Error = resp.Err.Error()
	}
	ex.Status = resp.Status
	if resp.Header != nil {
		ex.ResponseHeaders = redactHeaders(resp.Header)
	}
	var cut bool
	ex.ResponseBody, cut = c.keep(resp.Body)
	ex.Truncated = ex.Truncated || cut
	c.mu.Lock()
	c.seq++
	ex.ID = c.seq
	resp.ID = ex.ID
	c.recent = append(c.recent, ex)
	if len(c.recent) > c.cfg.Keep {
		c.recent = c.recent[len(c.recent)-c.cfg.Keep:]
	}
	tw := c.tw
	if tw == nil {
		c.mu.Unlock()
		return
	}
	// The transcript's lock is taken before the numbering's is let go, so
	// that exchanges ending at once are written in the order of their IDs.
	tw.mu.Lock()
	c.mu.Unlock()
	defer tw.mu.Unlock()
	tw.writeLocked(ex)
}

// keep returns the body as text for the transcript, redacted and cut.
func (c *Client) keep(b []byte) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	cut := false
	if len(b) > c.cfg.BodyLimit {
		b, cut = b[:c.cfg.BodyLimit], true
	}
	return redactBody(string(b)), cut
}

// Inbound records a request the endpoint made to the run (to its package
// host) as an exchange of the transcript, and gives it as a Response for
// the evidence of a check. Its Note says so.
func (c *Client) Inbound(method, target string, h http.Header, body []byte, status int) *Response {
	resp := &Response{Method: method, URL: target, Status: status, Header: http.Header{}}
	ex := &report.Exchange{Time: time.Now(), Method: method, URL: target, Note: "a request the endpoint made to the run's package host",
		RequestHeaders: redactHeaders(h)}
	ex.RequestBody, ex.Truncated = c.keep(body)
	resp.Body = body // the checks read what was sent
	c.record(ex, &Response{Status: status})
	resp.ID = ex.ID
	return resp
}

// Pin keeps the exchanges with the given IDs for the report and returns
// those still known.
func (c *Client) Pin(ids ...int) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []int
	for _, id := range ids {
		if _, ok := c.pinned[id]; ok {
			out = append(out, id)
			continue
		}
		for i := len(c.recent) - 1; i >= 0; i-- {
			if c.recent[i].ID == id {
				c.pinned[id] = c.recent[i]
				out = append(out, id)
				break
			}
		}
	}
	return out
}

// Keep pins an exchange made elsewhere (by a worker of the run), already
// numbered in this client's sequence.
func (c *Client) Keep(ex report.Exchange) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pinned[ex.ID] = &ex
}

// Pinned returns the pinned exchanges, sorted by ID.
func (c *Client) Pinned() []report.Exchange {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]report.Exchange, 0, len(c.pinned))
	for _, ex := range c.pinned {
		out = append(out, *ex)
	}
	sortExchanges(out)
	return out
}

// Count is the number of exchanges made.
func (c *Client) Count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.seq
}

// Advance moves the exchange numbering on by n: a run whose workers made
// n exchanges numbers its own next ones after theirs.
func (c *Client) Advance(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq += n
}

// Last returns the ID of the latest exchange (0 when none).
func (c *Client) Last() int { return c.Count() }
