// Package reference is a complete CIMI provider used to test cimitest and
// usable by client authors as a realistic endpoint: an http.Handler with an
// in-memory store, asynchronous operations through Jobs, Basic auth with
// per-user isolation, and fault switches that each make it break one rule.
package reference

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configure a Server.
type Options struct {
	// Version is "2.0" (default) or "1.1".
	Version string
	// Latency is how long asynchronous work takes; 0 makes every operation
	// synchronous (201/200 with a completed Job).
	Latency time.Duration
	// Faults are fault switch names (see Faults).
	Faults []string
	// Users maps user names to passwords; empty means no authentication.
	// Each user sees only what it created (and its own copy of the seeds).
	Users map[string]string
	// MaxBody caps request bodies (default 1 MiB); larger ones get 413.
	MaxBody int64
	// Log receives one line per request when set.
	Log *log.Logger
	// Now replaces the clock (tests).
	Now func() time.Time
	// SeedMachines gives every user this many STOPPED Machines to start
	// with (for crawls of a large endpoint).
	SeedMachines int
	// Variations are legal behaviours to turn on (see Variations).
	Variations []string
	// SampleSecond is how long one second of a Meter's sampleInterval
	// lasts (default a second): tests shorten it so that Meters sample
	// quickly.
	SampleSecond time.Duration
}

// HTTPServer wraps h in an http.Server with the limits a server on a
// network needs: a client that sends its headers or body slowly, reads the
// answer slowly or keeps an idle connection is cut off after a while, and
// holds up no one else meanwhile.
func HTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
}

// EntryPointPath is the path of the Cloud Entry Point on the server.
const EntryPointPath = "/cimi/cloudEntryPoint"

// Server is the reference CIMI provider.
type Server struct {
	opts   Options
	major  int
	ns     string
	faults map[string]bool
	vary   map[string]bool

	requests atomic.Int64 // counts collection reads, for the unstable-order fault

	mu      sync.Mutex
	tenants map[string]*tenant
	timers  map[*time.Timer]struct{}
	closed  bool
}

// New builds a server. It refuses an unknown version or fault name.
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, tenants: map[string]*tenant{}, timers: map[*time.Timer]struct{}{}, faults: map[string]bool{}}
	switch opts.Version {
	case "", "2", "2.0", "2.0.0":
		s.major = 2
	case "1", "1.0", "1.0.1", "1.1", "1.1.0":
		s.major = 1
	default:
		return nil, fmt.Errorf("unknown CIMI version %q (want 2.0 or 1.1)", opts.Version)
	}
	s.ns = fmt.Sprintf("http://schemas.dmtf.org/cimi/%d", s.major)
	for _, f := range opts.Faults {
		if _, ok := faultIndex[f]; !ok {
			return nil, fmt.Errorf("unknown fault %q (see --list-faults)", f)
		}
		s.faults[f] = true
	}
	vary, err := checkVariations(opts.Variations)
	if err != nil {
		return nil, err
	}
	s.vary = vary
	if s.opts.MaxBody == 0 {
		s.opts.MaxBody = 1 << 20
	}
	if s.opts.Now == nil {
		s.opts.Now = time.Now
	}
	if s.opts.SampleSecond <= 0 {
		s.opts.SampleSecond = time.Second
	}
	if opts.Latency < 0 {
		return nil, fmt.Errorf("latency must not be negative")
	}
	for name, pw := range opts.Users {
		if name == "" || pw == "" {
			return nil, fmt.Errorf("the account %q has an empty name or password", name)
		}
	}
	return s, nil
}

// Close stops pending asynchronous work.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for t := range s.timers {
		t.Stop()
	}
	s.timers = map[*time.Timer]struct{}{}
}

func (s *Server) fault(name string) bool { return s.faults[name] }

// plain reports whether no fault and no variation is on.
func (s *Server) plain() bool { return len(s.faults) == 0 && len(s.vary) == 0 }

func (s *Server) now() time.Time { return s.opts.Now().UTC().Truncate(time.Second) }

// later runs fn on tenant t after d, under the tenant lock.
func (s *Server) later(t *tenant, d time.Duration, fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	var timer *time.Timer
	timer = time.AfterFunc(d, func() {
		s.mu.Lock()
		delete(s.timers, timer)
		closed := s.closed
		s.mu.Unlock()
		if closed {
			return
		}
		t.mu.Lock()
		defer t.mu.Unlock()
		fn()
		t.tick()
	})
	s.timers[timer] = struct{}{}
}

func (s *Server) tenant(user string) *tenant {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenants[user]
	if t == nil {
		t = newTenant(s)
		s.tenants[user] = t
	}
	return t
}

// apiError is an error answer: a status code and a message for the error Job.
type apiError struct {
	status int
	msg    string
	allow  string // for 405
}

func (e *apiError) Error() string { return e.msg }

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status: status, msg: fmt.Sprintf(format, args...)}
}

// request is one request in flight.
type request struct {
	s      *Server
	t      *tenant
	w      http.ResponseWriter
	r      *http.Request
	rend   *renderer
	out    string // "json" or "xml"
	status int
	// mediaType replaces the Content-Type of the answer (a fault).
	mediaType string
	// importing: the System being made comes from an OVF import, whose
	// templates given by value are this provider's own.
	importing bool
	// raw is the request body, read before the tenant's lock.
	raw []byte
	// user is who asked ("" without authentication).
	user string
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Every answer is kept in buf until the handler is done and the tenant's
	// lock released; the presentation switches of spoil.go change its
	// headers as it leaves.
	buf := newBufferedWriter()
	rq := &request{s: s, w: buf, r: r}
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			// A bug of ours: answer 500 with an error Job rather than dropping
			// the connection, and leave a trace.
			log.Printf("reference: panic serving %s %s: %v", r.Method, r.URL, p)
			buf.reset()
			rq.fail(errorf(http.StatusInternalServerError, "internal error"))
		}
		buf.flushTo(w, r.Method != http.MethodHead, func(h http.Header, n int) bool {
			s.varyHeaders(h, rq.rend.base)
			return s.spoilHeaders(h, n)
		})
		if s.opts.Log != nil {
			s.opts.Log.Printf("%s %s %d %s", r.Method, r.URL.RequestURI(), rq.status, time.Since(start).Round(time.Microsecond))
		}
	}()
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	rq.rend = s.renderer(scheme + "://" + r.Host + "/cimi/")
	buf.Header().Set("CIMI-Specification-Version", s.specVersion())
	out, err := s.negotiate(r)
	if isPackagePath(r.URL.Path) { // a package is OVF whatever the Accept
		out, err = "json", nil
	}
	rq.out = out
	if err != nil {
		rq.fail(err)
		return
	}
	if out == "html" {
		buf.Header().Set("Content-Type", "text/html; charset=utf-8")
		rq.status = http.StatusOK
		_, _ = io.WriteString(buf, "<html><body><h1>CIMI</h1><p>Ask for application/json or application/xml.</p></body></html>\n")
		return
	}
	if err := s.checkVersionHeader(r); err != nil {
		rq.fail(err)
		return
	}
	if err := s.checkParams(r); err != nil {
		rq.fail(err)
		return
	}
	user, err := s.authenticate(r)
	if err != nil {
		buf.Header().Set("WWW-Authenticate", `Basic realm="cimi"`)
		rq.fail(err)
		return
	}
	// The body is read before the tenant's lock is taken and the answer is
	// written after it is released: a client that sends or reads slowly
	// holds up only itself.
	if apiErr := rq.readBody(); apiErr != nil {
		rq.fail(apiErr)
		return
	}
	rq.t, rq.user = s.tenant(user), user
	rq.t.mu.Lock()
	defer rq.t.mu.Unlock()
	rq.t.tick()
	if err := rq.route(); err != nil {
		rq.fail(err)
	}
	rq.record()
	rq.t.tick()
}

// readBody reads the request body, up to the size limit, before any lock.
func (rq *request) readBody() *apiError {
	if rq.r.Body == nil || rq.r.Body == http.NoBody {
		return nil
	}
	raw, err := io.ReadAll(io.LimitReader(rq.r.Body, rq.s.opts.MaxBody+1))
	if err != nil {
		return errorf(http.StatusBadRequest, "reading the body: %v", err)
	}
	rq.raw = raw
	return nil
}

// bufferedWriter keeps an answer in memory until the lock is released.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBufferedWriter() *bufferedWriter { return &bufferedWriter{header: http.Header{}} }

func (b *bufferedWriter) Header() http.Header { return b.header }

func (b *bufferedWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// reset drops what was kept.
func (b *bufferedWriter) reset() {
	b.header, b.status = http.Header{}, 0
	b.body.Reset()
}

// flushTo sends the kept answer; spoil changes its headers first and says
// whether the body goes without a length.
func (b *bufferedWriter) flushTo(w http.ResponseWriter, withBody bool, spoil func(http.Header, int) bool) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	chunked := spoil(w.Header(), b.body.Len())
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	if chunked {
		// Flushing before the body makes the answer chunked.
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	if withBody {
		_, _ = w.Write(b.body.Bytes())
	}
}

// negotiate picks the response format: $format first (§4.1.6.5), then
// Accept (§4.1.4). An Accept that names neither CIMI media type and no
// wildcard gets 406.
func (s *Server) negotiate(r *http.Request) (string, *apiError) {
	if f := r.URL.Query()["$format"]; len(f) > 0 && !s.fault(FaultFormatIgnored) {
		switch strings.ToLower(f[0]) {
		case "json":
			return "json", nil
		case "xml":
			return "xml", nil
		}
	}
	accept := r.Header.Get("Accept")
	if accept == "" && s.fault(FaultWildcardAcceptRefused) {
		return "json", errorf(http.StatusNotAcceptable, "an Accept header naming application/json or application/xml is required")
	}
	if accept == "" && s.varies(VariationXMLByDefault) {
		return "xml", nil
	}
	if accept == "" {
		return "json", nil
	}
	best, bestQ := "", -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		var f string
		switch mt {
		case "application/json":
			f = "json"
		case "application/*", "*/*":
			if !s.fault(FaultWildcardAcceptRefused) {
				f = "json"
			}
		case "application/xml", "text/xml":
			f = "xml"
		case "text/html":
			if s.fault(FaultHTMLForUnknownAccept) {
				f = "html"
			}
		}
		if f != "" && q > 0 && q > bestQ {
			best, bestQ = f, q
		}
	}
	if best == "" {
		return "json", errorf(http.StatusNotAcceptable, "Accept %q names neither application/json nor application/xml", accept)
	}
	return best, nil
}

// specVersion is sent in CIMI-Specification-Version on every answer, as the
// 1.x implementations did (2.0 defines no such header).
func (s *Server) specVersion() string {
	if s.major == 1 {
		return "1.1.0"
	}
	return "2.0.0"
}

// checkVersionHeader accepts a CIMI-Specification-Version request header
// that lists a version this server speaks (major.minor or major.minor.update,
// a shorter one matching a longer one); otherwise 400.
func (s *Server) checkVersionHeader(r *http.Request) *apiError {
	h := r.Header.Get("CIMI-Specification-Version")
	if h == "" || (s.major == 1 && s.fault(FaultV1NoVersionHeader)) {
		return nil
	}
	served := s.specVersion()
	for _, v := range strings.Split(h, ",") {
		v = strings.TrimSpace(v)
		if v != "" && (v == served || strings.HasPrefix(served, v+".")) {
			return nil
		}
	}
	return errorf(http.StatusBadRequest, "CIMI-Specification-Version %q names no version this server speaks (%s)", h, served)
}

// checkParams answers a fault: unknown query parameters are refused.
func (s *Server) checkParams(r *http.Request) *apiError {
	if !s.fault(FaultUnknownParamRejected) {
		return nil
	}
	for k := range r.URL.Query() {
		switch k {
		case "$filter", "$first", "$last", "$orderby", "$select", "$expand", "$format":
		default:
			return errorf(http.StatusBadRequest, "unknown query parameter %s", k)
		}
	}
	return nil
}

func (s *Server) authenticate(r *http.Request) (string, *apiError) {
	if len(s.opts.Users) == 0 {
		return "", nil
	}
	u, p, ok := r.BasicAuth()
	if !ok {
		if s.fault(FaultAuthOnlyEntryPoint) && r.URL.Path != EntryPointPath {
			return "", nil
		}
		return "", errorf(http.StatusUnauthorized, "authentication required (HTTP Basic)")
	}
	want, known := s.opts.Users[u]
	if known && s.fault(FaultAuthAnyPassword) {
		return u, nil
	}
	if !known || subtle.ConstantTimeCompare([]byte(want), []byte(p)) != 1 {
		return "", errorf(http.StatusUnauthorized, "unknown user or wrong password")
	}
	return u, nil
}

// body reads the request body as the type named by roots[0] (other roots
// are accepted aliases), checks its media type and decodes it.
func (rq *request) body(t *rtype, roots ...string) (map[string]any, error) {
	ct := rq.r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil && ct != "" {
		return nil, errorf(http.StatusUnsupportedMediaType, "Content-Type %q cannot be parsed", ct)
	}
	var format string
	switch mt {
	case "application/json":
		format = "json"
	case "application/xml", "text/xml":
		format = "xml"
	default:
		if rq.s.fault(FaultMediaTypeAccepted) {
			format = "json"
			break
		}
		return nil, errorf(http.StatusUnsupportedMediaType, "Content-Type %q is neither application/json nor application/xml", ct)
	}
	raw := rq.raw
	if int64(len(raw)) > rq.s.opts.MaxBody {
		if rq.s.fault(FaultOversizedBody500) {
			return nil, errorf(http.StatusInternalServerError, "out of memory")
		}
		return nil, errorf(http.StatusRequestEntityTooLarge, "the body is larger than %d bytes", rq.s.opts.MaxBody)
	}
	if len(roots) == 0 {
		roots = []string{t.name}
	}
	if format == "json" && rq.s.fault(FaultResourceURIRequired) && !strings.Contains(string(raw), `"resourceURI"`) {
		return nil, errorf(http.StatusBadRequest, "resourceURI is missing")
	}
	if format == "json" && rq.s.fault(FaultResourceURIIgnored) {
		roots = append(roots, anyResourceURI)
	}
	m, derr := decodeBody(format, raw, rq.s.major, rq.s.ns, t, roots...)
	if derr != nil {
		if rq.s.fault(FaultMalformedBody500) && strings.HasPrefix(derr.Error(), "malformed") {
			return nil, errorf(http.StatusInternalServerError, "%v", derr)
		}
		return nil, errorf(http.StatusBadRequest, "%v", derr)
	}
	if rq.s.fault(FaultWrongTypeCoerced) {
		coerceInts(t.fields, m, rq.s.major)
	}
	if rq.s.fault(FaultExtensionRejected) {
		if _, ok := m["region"]; ok {
			return nil, errorf(http.StatusBadRequest, "unknown attribute \"region\"")
		}
	}
	if !rq.s.fault(FaultUnknownAttrAccepted) {
		if err := conform(t.fields, m, rq.s.major, ""); err != nil {
			return nil, errorf(http.StatusBadRequest, "%v", err)
		}
	} else {
		stripUnknown(t.fields, m, rq.s.major)
		if err := conform(t.fields, m, rq.s.major, ""); err != nil {
			return nil, errorf(http.StatusBadRequest, "%v", err)
		}
	}
	return m, nil
}

// coerceInts replaces strings where integers belong by 1 (a fault).
func coerceInts(fields []field, m map[string]any, major int) {
	for k, v := range m {
		if f := findField(fields, k, major); f != nil && f.kind == kInt {
			n, isNumber := v.(json.Number)
			if _, err := n.Int64(); !isNumber || err != nil {
				m[k] = json.Number("1")
			}
		}
	}
}

func stripUnknown(fields []field, m map[string]any, major int) {
	for k := range m {
		if findField(fields, k, major) == nil {
			delete(m, k)
		}
	}
}

func (rq *request) send(status int, body []byte) {
	h := rq.w.Header()
	if len(body) > 0 {
		switch {
		case rq.mediaType == "-":
			h["Content-Type"] = nil // no header, and no sniffing either
		case rq.mediaType != "":
			h.Set("Content-Type", rq.mediaType)
		case rq.out == "xml":
			h.Set("Content-Type", "application/xml")
		default:
			h.Set("Content-Type", "application/json")
		}
	}
	rq.status = status
	h.Set("Content-Length", strconv.Itoa(len(body)))
	rq.w.WriteHeader(status)
	if rq.r.Method != http.MethodHead {
		_, _ = rq.w.Write(body)
	}
}

// fail answers with an error Job (§4.2.2, l.1138-1145): a transient Job
// with an empty id describing the failure.
func (rq *request) fail(err error) {
	e, ok := err.(*apiError)
	if !ok {
		e = errorf(http.StatusInternalServerError, "%v", err)
	}
	if e.allow != "" {
		rq.w.Header().Set("Allow", e.allow)
	}
	if plain := rq.spoilError(e); plain {
		rq.w.Header().Set("Content-Type", "text/plain")
		rq.status = e.status
		rq.w.WriteHeader(e.status)
		_, _ = io.WriteString(rq.w, e.msg+"\n")
		return
	}
	if rq.rend == nil {
		rq.rend = &renderer{major: rq.s.major, base: "http://" + rq.r.Host + "/cimi/", ns: rq.s.ns}
	}
	target := omap{{"href", "http://" + rq.r.Host + rq.r.URL.Path}}
	if rq.r.TLS != nil {
		target = omap{{"href", "https://" + rq.r.Host + rq.r.URL.Path}}
	}
	// A transient Job, kept for this report only: id "" (§4.2.2).
	id := ""
	if rq.s.fault(FaultErrorJobFakeID) {
		id = "http://" + rq.r.Host + "/cimi/jobs/error-report"
	}
	job := omap{
		{"id", id},
		{"state", "FAILED"},
		{"targetResource", target},
		{"affectedResources", []any{target}},
		{"progress", int64(100)},
		{"statusMessage", e.msg},
		{"timeOfStatusChange", rq.s.now().Format(time.RFC3339)},
	}
	if rq.out == "xml" {
		rq.send(e.status, writeXML(xmlStyle{major: rq.s.major, ns: rq.s.ns}, "Job", types["Job"], job))
		return
	}
	rq.send(e.status, rq.json(append(omap{{"resourceURI", rq.rend.typeURI("Job")}}, job...), 1024))
}

func methodNotAllowed(allowed ...string) *apiError {
	sort.Strings(allowed)
	e := errorf(http.StatusMethodNotAllowed, "method not allowed here; allowed: %s", strings.Join(allowed, ", "))
	e.allow = strings.Join(allowed, ", ")
	return e
}
