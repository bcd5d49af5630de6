package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/model"
)

func TestSecretsNeverReachTheTranscript(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Set-Cookie", "session=abc")
		_, _ = io.WriteString(w, `{"userName": "admin", "password": "hunter2"}`)
	}))
	defer srv.Close()
	var transcript bytes.Buffer
	c, err := New(Config{User: "alice", Password: "s3cret-pw", Transcript: &transcript})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Post(srv.URL+"/x", Accept(model.JSON), Body(model.JSON, []byte(`{"password": "p4ss", "name": "n"}`)))
	if !r.OK() {
		t.Fatal(r.Describe())
	}
	c.Pin(r.ID)
	ex := c.Pinned()[0]
	all := transcript.String() + ex.Curl + ex.RequestBody + ex.ResponseBody + strings.Join(ex.RequestHeaders["Authorization"], "")
	for _, secret := range []string{"s3cret-pw", "hunter2", "p4ss", "YWxpY2U6czNjcmV0LXB3"} {
		if strings.Contains(all, secret) {
			t.Errorf("the secret %q leaked into the transcript or curl line", secret)
		}
	}
	if got := ex.RequestHeaders["Authorization"][0]; got != "Basic ***" {
		t.Errorf("Authorization recorded as %q", got)
	}
	if !strings.Contains(ex.Curl, `-u "$CIMITEST_USER:$CIMITEST_PASSWORD"`) || !strings.Contains(ex.Curl, "-X POST") {
		t.Errorf("curl line: %s", ex.Curl)
	}
	if !strings.Contains(ex.RequestBody, `"name": "n"`) {
		t.Errorf("the body lost more than its secret: %s", ex.RequestBody)
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits++ }))
	defer srv.Close()
	c, _ := New(Config{ReadOnly: true})
	for _, m := range []string{"POST", "PUT", "DELETE"} {
		if r := c.Do(m, srv.URL); !errors.Is(r.Err, ErrReadOnly) {
			t.Errorf("%s in read-only mode: %v", m, r.Err)
		}
	}
	if r := c.Get(srv.URL); r.Err != nil {
		t.Errorf("GET in read-only mode: %v", r.Err)
	}
	if hits != 1 {
		t.Errorf("%d requests reached the server, want 1", hits)
	}
}

func TestResolveAndQuery(t *testing.T) {
	c, _ := New(Config{})
	if err := c.SetBase("relative/"); err == nil {
		t.Error("a relative baseURI was accepted")
	}
	if err := c.SetBase("http://cloud.test/cimi/"); err != nil {
		t.Fatal(err)
	}
	if got := c.Resolve("machines/1"); got != "http://cloud.test/cimi/machines/1" {
		t.Errorf("Resolve = %s", got)
	}
	if got := addQuery("http://x/m?token=1", map[string][]string{"$first": {"2"}}); got != "http://x/m?token=1&$first=2" {
		t.Errorf("addQuery = %s", got)
	}
}

func TestTransportFailureIsAnError(t *testing.T) {
	c, _ := New(Config{Timeout: time.Second})
	r := c.Get("http://127.0.0.1:1/nothing")
	if r.Err == nil || r.ID == 0 {
		t.Errorf("a refused connection: %+v", r)
	}
}

func TestPollTimesOutWithAName(t *testing.T) {
	calls := 0
	err := Poll(context.Background(), Backoff{Min: 5 * time.Millisecond, Max: 10 * time.Millisecond, Factor: 2}, Limit{D: 60 * time.Millisecond, Flag: "--timeout-state"},
		"the Machine to reach STARTED", func() (bool, string, error) { calls++; return false, "state STARTING", nil })
	var te *TimeoutError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "STARTED") || !strings.Contains(err.Error(), "STARTING") {
		t.Errorf("got %v", err)
	}
	if calls < 3 {
		t.Errorf("only %d polls", calls)
	}
	if err := Poll(context.Background(), DefaultBackoff, Limit{D: time.Second}, "x", func() (bool, string, error) { return true, "", nil }); err != nil {
		t.Errorf("done at once: %v", err)
	}
}

func TestLargeBodiesStayOutOfTheReports(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusRequestEntityTooLarge)
	}))
	defer srv.Close()
	var transcript bytes.Buffer
	c, _ := New(Config{BodyLimit: 1 << 10, Transcript: &transcript})
	big := bytes.Repeat([]byte("x"), 1<<20)
	r := c.Post(srv.URL, Body(model.JSON, big))
	c.Pin(r.ID)
	ex := c.Pinned()[0]
	if len(ex.RequestBody) > 1<<10 || !ex.Truncated {
		t.Errorf("request body kept: %d bytes, truncated=%v", len(ex.RequestBody), ex.Truncated)
	}
	if len(ex.Curl) > 2<<10 || !strings.Contains(ex.Curl, "@request-body") || !strings.Contains(ex.Curl, "1048576-byte body") {
		t.Errorf("curl line of %d bytes: %.200s", len(ex.Curl), ex.Curl)
	}
	if transcript.Len() > 8<<10 {
		t.Errorf("the transcript holds %d bytes for one exchange", transcript.Len())
	}
}

// A wait that goes on is told, again and again, with what it waits for,
// how long it has waited of how long, the flag and what it saw last.
func TestLongWaitsAreTold(t *testing.T) {
	var told []string
	var phases []WaitPhase
	ctx := WithWaitWatch(context.Background(), 20*time.Millisecond, func(e WaitEvent) {
		phases = append(phases, e.Phase)
		if e.Phase == WaitStill {
			told = append(told, e.String())
		}
	})
	calls := 0
	err := Poll(ctx, Backoff{Min: 5 * time.Millisecond, Max: 5 * time.Millisecond, Factor: 1}, Limit{D: 2 * time.Second, Flag: "--timeout-state"},
		"the Machine to reach STARTED", func() (bool, string, error) {
			calls++
			return calls > 20, "state STARTING", nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if len(told) < 2 || !strings.Contains(told[0], "still waiting for the Machine to reach STARTED") ||
		!strings.Contains(told[0], "--timeout-state") || !strings.Contains(told[0], "last seen: state STARTING") {
		t.Errorf("told %q", told)
	}
	if len(phases) < 4 || phases[0] != WaitBegin || phases[len(phases)-1] != WaitEnd {
		t.Errorf("phases %v: want begin, still…, end", phases)
	}
}

// A state reached at the first look is no wait: the watch hears nothing.
func TestAWaitThatIsNoneIsNotTold(t *testing.T) {
	heard := 0
	ctx := WithWaitWatch(context.Background(), time.Millisecond, func(WaitEvent) { heard++ })
	if err := Poll(ctx, DefaultBackoff, Limit{D: time.Second}, "x", func() (bool, string, error) { return true, "", nil }); err != nil {
		t.Fatal(err)
	}
	if heard != 0 {
		t.Errorf("the watch heard %d events of a wait that never began", heard)
	}
}

// Exchanges that end at the same time are written to the transcript in the
// order of their IDs: a reader can number them by line.
func TestTranscriptIsInIDOrder(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "{}") }))
	defer srv.Close()
	var transcript safeBuffer
	c, err := New(Config{Transcript: &transcript})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				c.Get(srv.URL)
			}
		}()
	}
	wg.Wait()
	for i, line := range strings.Split(strings.TrimSpace(transcript.String()), "\n") {
		var ex report.Exchange
		if err := json.Unmarshal([]byte(line), &ex); err != nil {
			t.Fatal(err)
		}
		if ex.ID != i+1 {
			t.Fatalf("line %d holds exchange %d", i+1, ex.ID)
		}
	}
}

type safeBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *safeBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *safeBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// timeoutError is what the http.Client returns when its own Timeout fires.
type timeoutError struct{}

func (timeoutError) Error() string   { return "Client.Timeout exceeded while awaiting headers" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// The http.Client's Timeout and the exchange's deadline are the same limit;
// whichever fires first, the error names --timeout-request (on a loaded
// machine the client's own timer can win).
func TestAnExchangeTimeoutNamesItsLimit(t *testing.T) {
	c, _ := New(Config{Timeout: time.Second})
	var noCaller context.Context // the exchange had no caller's context
	err := c.transportError(noCaller, context.Background(), &url.Error{Op: "Get", URL: "http://x/cep", Err: timeoutError{}})
	if err == nil || !strings.Contains(err.Error(), "--timeout-request") {
		t.Errorf("got %v", err)
	}
}
