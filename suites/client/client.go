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
	"net/http"
	"net/url"
	"os"
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
}

// ErrReadOnly is returned for a mutating request in read-only mode.
var ErrReadOnly = errors.New("read-only mode: mutating request not sent")

// Client sends CIMI requests and records them.
type Client struct {
	cfg  Config
	http *http.Client

	mu     sync.Mutex
	seq    int
	recent []*report.Exchange // ring of the last cfg.Keep exchanges
	pinned map[int]*report.Exchange
	base   *url.URL
	tw     *transcriptWriter
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
	c := &Client{cfg: cfg, http: &http.Client{Transport: tr, Timeout: cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		pinned: map[int]*report.Exchange{}}
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
	// Err is a transport failure (no answer at all).
	Err error
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
	header  http.Header
	body    []byte
	noAuth  bool
	query   url.Values
	ctx     context.Context
	timeout time.Duration
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

// Context bounds the request by ctx as well as by the timeout.
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

// Do sends one request and records the exchange. It never panics: a
// transport failure comes back in Response.Err.
func (c *Client) Do(method, target string, opts ...Option) *Response {
	rq := &request{header: http.Header{}, query: url.Values{}, ctx: context.Background()}
	for _, o := range opts {
		o(rq)
	}
	target = c.Resolve(target)
	if len(rq.query) > 0 {
		target = addQuery(target, rq.query)
	}
	resp := &Response{Method: method, URL: target}
	ex := &report.Exchange{Time: time.Now(), Method: method, URL: target}
	defer c.record(ex, resp)
	if c.cfg.ReadOnly && method != http.MethodGet && method != http.MethodHead {
		resp.Err = ErrReadOnly
		return resp
	}
	ctx, cancel := context.WithTimeout(rq.ctx, c.cfg.Timeout)
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
		c.authorize(req)
	}
	ex.RequestHeaders = redactHeaders(req.Header)
	ex.RequestBody, ex.Truncated = c.keep(rq.body)
	ex.Curl = c.curl(method, target, req.Header, rq.body, rq.noAuth)
	start := time.Now()
	hr, err := c.http.Do(req)
	if err != nil {
		resp.Err = err
		ex.Millis = ms(time.Since(start))
		return resp
	}
	defer hr.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hr.Body, 64<<20))
	ex.Millis = ms(time.Since(start))
	resp.Status, resp.Header, resp.Body = hr.StatusCode, hr.Header, data
	if err != nil {
		resp.Err = fmt.Errorf("reading the response body: %w", err)
	}
	return resp
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

func (c *Client) authorize(req *http.Request) {
	switch {
	case c.cfg.Token != "":
		req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	case c.cfg.User != "":
		req.SetBasicAuth(c.cfg.User, c.cfg.Password)
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
	c.mu.Unlock()
	if tw != nil {
		tw.write(ex)
	}
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

// Last returns the ID of the latest exchange (0 when none).
func (c *Client) Last() int { return c.Count() }
