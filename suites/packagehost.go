package suites

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// The package host is a small HTTP server of the run's own that an OVF
// import reads its source from and an export writes its destination to
// (§5.13.1.2, §5.13.2.1, Annex A): the Provider connects to it, so it must
// listen where the Provider can reach it. It serves only the packages the
// run put there, below a path no one can guess, takes a PUT or POST only
// at the destinations the run handed out, keeps what it received for the
// checks and the report, and stops with the run. The run never sends it
// credentials: it is the Provider that calls.

// packageHostLimit bounds one package the host takes; packageHostTimeout
// one exchange with it.
const (
	packageHostLimit   = 8 << 20
	packageHostTimeout = 30 * time.Second
)

// packageHost is the run's package host.
type packageHost struct {
	srv  *http.Server
	base string // the URL the Provider reaches it at, with the secret path

	mu       sync.Mutex
	seq      int               // numbers the paths handed out
	served   map[string][]byte // path -> package it serves
	slots    map[string]bool   // paths that take a PUT or POST
	received []inbound
}

// inbound is one request the Provider made to the host.
type inbound struct {
	Method, Path, ContentType string
	Body                      []byte
	Header                    http.Header
	Status                    int
}

// packageHostOf starts the run's package host on first use; without one,
// the reason why the steps that need it cannot run.
func (e *runEnv) packageHostOf() (*packageHost, string) {
	e.pkgOnce.Do(func() { e.pkgHost, e.pkgWhy = e.startPackageHost() })
	return e.pkgHost, e.pkgWhy
}

// startPackageHost listens where the configuration says, or, for an
// endpoint on loopback, on a free loopback port.
func (e *runEnv) startPackageHost() (*packageHost, string) {
	listen, public := e.cfg.PackageListen, e.cfg.PackageURL
	if listen == "" {
		if !onLoopback(e.cepURL) {
			return nil, "no package host the Provider can reach: set --package-listen (and --package-url) to let the Provider read and write OVF packages from this machine"
		}
		listen = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Sprintf("the package host cannot listen on %s: %v", listen, err)
	}
	if public == "" {
		public = "http://" + ln.Addr().String()
	}
	secret := make([]byte, 12)
	_, _ = rand.Read(secret)
	h := &packageHost{base: strings.TrimSuffix(public, "/") + "/" + e.prefix + "-" + hex.EncodeToString(secret),
		served: map[string][]byte{}, slots: map[string]bool{}}
	h.srv = &http.Server{Handler: h, ReadHeaderTimeout: packageHostTimeout, ReadTimeout: packageHostTimeout,
		WriteTimeout: packageHostTimeout, MaxHeaderBytes: 64 << 10}
	go func() { _ = h.srv.Serve(ln) }()
	return h, ""
}

// closePackageHost stops the host, if the run started one.
func (e *runEnv) closePackageHost() {
	if e.pkgHost != nil {
		_ = e.pkgHost.srv.Close()
	}
}

// onLoopback tells whether a URL names a loopback host.
func onLoopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Hostname() == "localhost" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}

// serve puts a package at a new path and gives its URL.
func (h *packageHost) serve(name string, data []byte) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.path(name)
	h.served[p] = data
	return h.url(p)
}

// slot hands out a destination that takes a package; with data, it holds
// that package already.
func (h *packageHost) slot(name string, data []byte) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	p := h.path(name)
	h.slots[p] = true
	if data != nil {
		h.served[p] = data
	}
	return h.url(p)
}

// path is the host's path for a name, unique within the run.
func (h *packageHost) path(name string) string {
	u, _ := url.Parse(h.base)
	h.seq++
	return fmt.Sprintf("%s/%d-%s", u.Path, h.seq, name)
}

func (h *packageHost) url(p string) string {
	u, _ := url.Parse(h.base)
	u.Path = p
	return u.String()
}

// got lists what the Provider sent to a URL of the host (any method).
func (h *packageHost) got(target string) []inbound {
	u, err := url.Parse(target)
	if err != nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []inbound
	for _, in := range h.received {
		if in.Path == u.Path {
			out = append(out, in)
		}
	}
	return out
}

// writes lists the requests other than GET and HEAD the Provider sent to a
// URL of the host.
func (h *packageHost) writes(target string) []inbound {
	var out []inbound
	for _, in := range h.got(target) {
		if in.Method != http.MethodGet && in.Method != http.MethodHead {
			out = append(out, in)
		}
	}
	return out
}

// ServeHTTP answers the Provider: GET of a package, PUT or POST to a slot.
// Anything else is refused and kept, so that a write where none was asked
// for shows.
func (h *packageHost) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, packageHostLimit+1))
	h.mu.Lock()
	defer h.mu.Unlock()
	in := inbound{Method: r.Method, Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), Header: r.Header.Clone()}
	defer func() { h.received = append(h.received, in) }()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		in.Body = body
	}
	switch {
	case err != nil || len(body) > packageHostLimit:
		in.Status = http.StatusRequestEntityTooLarge
		http.Error(w, "the body is larger than the package host takes, or was cut", in.Status)
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		data, ok := h.served[r.URL.Path]
		if !ok {
			in.Status = http.StatusNotFound
			http.NotFound(w, r)
			return
		}
		in.Status = http.StatusOK
		w.Header().Set("Content-Type", "application/ovf")
		_, _ = w.Write(data)
	case (r.Method == http.MethodPut || r.Method == http.MethodPost) && h.slots[r.URL.Path]:
		_, existed := h.served[r.URL.Path]
		h.served[r.URL.Path] = body
		in.Status = http.StatusCreated
		if existed {
			in.Status = http.StatusNoContent
		}
		w.WriteHeader(in.Status)
	default:
		in.Status = http.StatusMethodNotAllowed
		http.Error(w, errors.New("the package host takes no "+r.Method+" here").Error(), in.Status)
	}
}
