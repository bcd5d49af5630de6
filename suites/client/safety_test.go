package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cimitest/cimitest/suites/model"
)

// recorder is a loopback server that remembers what reached it.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string // "METHOD path auth=<Authorization>"
}

func newRecorder(t *testing.T, h http.HandlerFunc) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.seen = append(rec.seen, r.Method+" "+r.URL.Path+" auth="+r.Header.Get("Authorization"))
		rec.mu.Unlock()
		if h != nil {
			h(w, r)
		}
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (r *recorder) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

func TestCredentialsGoOnlyToTheEndpointOrigin(t *testing.T) {
	endpoint, other := newRecorder(t, nil), newRecorder(t, nil)
	c, err := New(Config{User: "alice", Password: "pw", Origins: []string{endpoint.URL + "/cimi/cloudEntryPoint"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"GET", "POST", "PUT", "DELETE"} {
		r := c.Do(m, other.URL+"/cimi/machines/1")
		ref := RefusalOf(r.Err)
		if ref == nil || ref.Kind != RefusedForeignOrigin || !strings.Contains(ref.Reason, "--allow-origin") {
			t.Errorf("%s to another origin: %v", m, r.Err)
		}
	}
	if got := other.requests(); len(got) > 0 {
		t.Errorf("the other origin received %v", got)
	}
	if r := c.Get(endpoint.URL + "/cimi/machines"); r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := endpoint.requests(); len(got) != 1 || !strings.Contains(got[0], "auth=Basic ") {
		t.Errorf("the endpoint received %v", got)
	}
	fo := c.ForeignOrigins()
	if len(fo) != 1 || fo[0].Count != 4 || !strings.HasPrefix(fo[0].First, "GET "+other.URL) {
		t.Errorf("foreign origins: %+v", fo)
	}

	// --allow-origin opts in, credentials included.
	c, _ = New(Config{User: "alice", Password: "pw", Origins: []string{endpoint.URL, other.URL}})
	if r := c.Get(other.URL + "/images/1"); r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := other.requests(); len(got) != 1 || !strings.Contains(got[0], "auth=Basic ") {
		t.Errorf("an allowed origin received %v", got)
	}
}

func TestOriginsCompareSchemeHostAndPort(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"https://Cloud.Example.com/cimi", "https://cloud.example.com:443/x", true},
		{"http://cloud.example.com/", "http://cloud.example.com:80", true},
		{"http://cloud.example.com/", "https://cloud.example.com/", false},
		{"http://cloud.example.com:8080/", "http://cloud.example.com:8081/", false},
		{"http://cloud.example.com/", "http://cloud.example.com.evil.test/", false},
		{"http://[::1]:80/", "http://[::1]/", true},
	} {
		a, errA := Origin(tc.a)
		b, errB := Origin(tc.b)
		if errA != nil || errB != nil || (a == b) != tc.same {
			t.Errorf("%s vs %s: %q %q (%v %v), same=%v", tc.a, tc.b, a, b, errA, errB, tc.same)
		}
	}
	if _, err := Origin("/relative"); err == nil {
		t.Error("a relative URL has an origin")
	}
}

// fakeGuard permits what its function says and counts the answers.
type fakeGuard struct {
	permit   func(method, target string, p Purpose) error
	answered atomic.Int32
}

func (g *fakeGuard) Permit(method, target string, p Purpose) error {
	return g.permit(method, target, p)
}
func (g *fakeGuard) Answered(string, string, Purpose, *Response) { g.answered.Add(1) }

func TestGuardedWritesSayWhatTheyAreFor(t *testing.T) {
	srv := newRecorder(t, nil)
	g := &fakeGuard{permit: func(_, _ string, p Purpose) error {
		if p.Owner == srv.URL+"/mine" || p.Collection != "" {
			return nil
		}
		return &Refusal{Kind: RefusedNotOwned, Reason: "not the run's"}
	}}
	c, _ := New(Config{Guard: g})
	if r := c.Post(srv.URL + "/anything"); RefusalOf(r.Err) == nil || RefusalOf(r.Err).Kind != RefusedUnguarded {
		t.Errorf("a write without a purpose: %v", r.Err)
	}
	if r := c.Delete(srv.URL+"/theirs", On(srv.URL+"/theirs")); RefusalOf(r.Err) == nil || RefusalOf(r.Err).Kind != RefusedNotOwned {
		t.Errorf("a write the guard refuses: %v", r.Err)
	}
	if r := c.Delete(srv.URL+"/mine", On(srv.URL+"/mine")); r.Err != nil {
		t.Errorf("a permitted write: %v", r.Err)
	}
	if r := c.Post(srv.URL+"/coll", Creates(srv.URL+"/coll", "Machine", "n")); r.Err != nil {
		t.Errorf("a create: %v", r.Err)
	}
	if r := c.Get(srv.URL + "/theirs"); r.Err != nil {
		t.Errorf("reads need no purpose: %v", r.Err)
	}
	if got := srv.requests(); len(got) != 3 {
		t.Errorf("the server received %v; want the two permitted writes and the read", got)
	}
	if n := g.answered.Load(); n != 2 {
		t.Errorf("the guard learnt of %d answers, want 2", n)
	}
}

func TestAStoppedRunSendsOnlyItsCleanup(t *testing.T) {
	srv := newRecorder(t, nil)
	ctx, cancel := context.WithCancelCause(context.Background())
	c, _ := New(Config{Context: ctx})
	cancel(errors.New("interrupted"))
	if r := c.Get(srv.URL + "/x"); !IsStopped(r.Err) {
		t.Errorf("a read after the stop: %v", r.Err)
	}
	if r := c.Get(srv.URL+"/y", ForCleanup()); r.Err != nil {
		t.Errorf("a cleanup read after the stop: %v", r.Err)
	}
	if got := srv.requests(); len(got) != 1 || !strings.HasPrefix(got[0], "GET /y") {
		t.Errorf("the server received %v", got)
	}
}

func TestAWriteInFlightFinishesWhenTheRunStops(t *testing.T) {
	release := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			<-release
			w.Header().Set("Location", "/made/1")
			w.WriteHeader(http.StatusCreated)
		}
	})
	ctx, cancel := context.WithCancelCause(context.Background())
	c, _ := New(Config{Context: ctx, Timeout: 10 * time.Second})
	done := make(chan *Response)
	go func() { done <- c.Post(srv.URL + "/coll") }()
	waitFor(t, func() bool { return len(srv.requests()) == 1 })
	cancel(errors.New("interrupted"))
	if left := c.WaitWrites(shortContext(t, 50*time.Millisecond)); len(left) != 1 {
		t.Errorf("writes in flight: %v", left)
	}
	close(release)
	r := <-done
	if r.Err != nil || r.Status != http.StatusCreated {
		t.Errorf("the write in flight was cut: %s", r.Describe())
	}
	if left := c.WaitWrites(shortContext(t, time.Second)); len(left) != 0 {
		t.Errorf("writes still in flight: %v", left)
	}
}

func TestAReadInFlightEndsWithTheRun(t *testing.T) {
	srv := newRecorder(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithCancelCause(context.Background())
	c, _ := New(Config{Context: ctx, Timeout: time.Minute})
	done := make(chan *Response)
	go func() { done <- c.Get(srv.URL + "/slow") }()
	waitFor(t, func() bool { return len(srv.requests()) == 1 })
	cancel(errors.New("interrupted"))
	select {
	case r := <-done:
		if r.Err == nil {
			t.Error("the read was not abandoned")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a read in flight outlived the run by 5s")
	}
}

func TestAnswersOverTheLimitAreRefusedUnread(t *testing.T) {
	const limit = 1 << 20
	body := bytes.Repeat([]byte(" "), 3*limit)
	withLength := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer withLength.Close()
	chunked := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		for i := 0; i < 3; i++ {
			_, _ = w.Write(body[:limit])
			w.(http.Flusher).Flush()
		}
	}))
	defer chunked.Close()
	c, _ := New(Config{MaxBody: limit})
	for _, url := range []string{withLength.URL, chunked.URL} {
		r := c.Get(url)
		var tooLarge *BodyTooLargeError
		if !errors.As(r.Err, &tooLarge) || !strings.Contains(r.Err.Error(), "--max-body") || len(r.Body) != 0 {
			t.Errorf("%s: %v (%d bytes kept)", url, r.Err, len(r.Body))
		}
	}
}

func TestTimeoutsNameTheirFlag(t *testing.T) {
	err := Poll(context.Background(), Backoff{Min: time.Millisecond, Max: time.Millisecond, Factor: 1},
		Limit{D: 5 * time.Millisecond, Flag: "--timeout-job"}, "the Job to end", func() (bool, string, error) { return false, "RUNNING", nil })
	if !IsTimeout(err) || !strings.Contains(err.Error(), "--timeout-job") {
		t.Errorf("got %v", err)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("interrupted"))
	err = Poll(ctx, DefaultBackoff, Limit{D: time.Minute}, "the Machine to start", func() (bool, string, error) { return false, "", nil })
	if !IsStopped(err) || IsTimeout(err) {
		t.Errorf("a stopped wait: %v", err)
	}
}

// Secrets are found by reading the body as what it is: any nesting, any
// namespace or prefix, attributes, property keys, and bodies cut short.
func TestRedactionReadsTheTree(t *testing.T) {
	for _, tc := range []struct{ name, body string }{
		{"json member", `{"name":"n","password":"S1"}`},
		{"json nested and spaced", `{"a":{"b":[{"Password" : "S1"}]}}`},
		{"json escaped", `{"password":"S1 \"quoted\" \\ end"}`},
		{"json number", `{"token":123456789}`},
		{"json extension key", `{"ext_apiToken":"S1","db_password":"S1"}`},
		{"json property", `{"properties":{"password":"S1"}}`},
		{"json cut short", `{"name":"n","password":"S1`},
		{"xml default namespace", `<Credential xmlns="http://schemas.dmtf.org/cimi/2"><password>S1</password></Credential>`},
		{"xml own namespace", `<Credential><password xmlns="urn:x">S1</password></Credential>`},
		{"xml prefixed", `<Credential xmlns:ext="urn:x"><ext:password>S1</ext:password></Credential>`},
		{"xml prefixed extension", `<Machine xmlns:e="urn:x"><e:apiToken>S1</e:apiToken></Machine>`},
		{"xml attribute", `<Credential xmlns:e="urn:x"><e:login user="u" e:password='S1'/></Credential>`},
		{"xml property", `<Machine><properties><property key="password">S1</property></properties></Machine>`},
		{"xml CDATA", `<Credential><password><![CDATA[S1]]></password></Credential>`},
		{"xml cut short", `<Credential><name>n</name><x:password>S1`},
	} {
		got := redactBody(tc.body)
		if strings.Contains(got, "S1") || strings.Contains(got, "123456789") {
			t.Errorf("%s: %s", tc.name, got)
		}
		if !strings.Contains(got, masked) {
			t.Errorf("%s: nothing masked: %s", tc.name, got)
		}
	}
	// What is not a secret stays as it was, byte for byte.
	keep := `{"name" : "password-reset", "description":"a token of thanks", "n": [1, 2]}`
	if got := redactBody(keep); got != keep {
		t.Errorf("a body without secrets changed: %s", got)
	}
	keepXML := `<Machine xmlns="urn:x"><name>password</name><description>token</description></Machine>`
	if got := redactBody(keepXML); got != keepXML {
		t.Errorf("an XML body without secrets changed: %s", got)
	}
}

func TestSecretsStayOutOfCurlLinesAndTranscripts(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		_, _ = io.WriteString(w, `<Credential xmlns:e="urn:e"><e:password>S3rv3r</e:password></Credential>`)
	})
	var transcript bytes.Buffer
	c, _ := New(Config{Token: "T0k3n", Transcript: &transcript})
	r := c.Post(srv.URL, Body(model.XML, []byte(`<CredentialCreate><ext:password xmlns:ext="urn:e">Cl13nt</ext:password></CredentialCreate>`)))
	c.Pin(r.ID)
	ex := c.Pinned()[0]
	all := transcript.String() + ex.Curl + ex.RequestBody + ex.ResponseBody + fmt.Sprint(ex.RequestHeaders)
	for _, secret := range []string{"S3rv3r", "Cl13nt", "T0k3n"} {
		if strings.Contains(all, secret) {
			t.Errorf("%s leaked: %s", secret, all)
		}
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func shortContext(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
