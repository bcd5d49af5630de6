package reference

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveReal serves s through HTTPServer on loopback, as `cimitest serve`
// does, and returns its base URL.
func serveReal(t *testing.T, opts Options) string {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := HTTPServer(s)
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close(); s.Close() })
	return "http://" + ln.Addr().String()
}

// servedWithin fails unless a GET of the entry point is answered within d.
func servedWithin(t *testing.T, base string, d time.Duration) {
	t.Helper()
	c := &http.Client{Timeout: d}
	start := time.Now()
	resp, err := c.Get(base + EntryPointPath)
	if err != nil {
		t.Fatalf("another client was not served within %s: %v", d, err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("another client got %d", resp.StatusCode)
	}
	t.Logf("another client served in %s", time.Since(start).Round(time.Millisecond))
}

func TestAStalledBodyHoldsUpNoOne(t *testing.T) {
	base := serveReal(t, Options{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Headers announce 100 bytes; one arrives, and then nothing.
	fmt.Fprintf(conn, "POST /cimi/machines HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
	time.Sleep(100 * time.Millisecond) // the server is now reading that body
	servedWithin(t, base, time.Second)
}

func TestASlowReaderHoldsUpNoOne(t *testing.T) {
	base := serveReal(t, Options{SeedMachines: 15000})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A collection of about 15 MB, more than the socket buffers hold, asked for and never read past its first line.
	fmt.Fprintf(conn, "GET /cimi/machines HTTP/1.1\r\nHost: x\r\nAccept: application/xml\r\n\r\n")
	if _, err := bufio.NewReader(conn).ReadString('\n'); err != nil {
		t.Fatal(err)
	}
	servedWithin(t, base, time.Second)
}

func TestMalformedJSONIsRefused(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	valid := machineCreate(ts, "strict")
	for _, tc := range []struct{ name, body, want string }{
		{"invalid UTF-8", strings.Replace(valid, "strict", "str\xff\xfeict", 1), "UTF-8"},
		{"a key twice", strings.Replace(valid, `"name": "strict"`, `"name": "a", "name": "b"`, 1), `name\" appears twice`},
		{"a nested key twice", strings.Replace(valid, `"machineTemplate": {`, `"machineTemplate": {"machineConfig": {"href": "x"}, `, 1), `machineConfig\" appears twice`},
	} {
		status, _, body := call(t, ts, "POST", "/cimi/machines", jsonCT, tc.body)
		if status != http.StatusBadRequest || !strings.Contains(body, tc.want) || !strings.Contains(body, `"FAILED"`) {
			t.Errorf("%s: %d %s", tc.name, status, body)
		}
	}
	_, _, list := call(t, ts, "GET", "/cimi/machines", "", "")
	if strings.Contains(list, `"str`) || strings.Contains(list, `"name": "a"`) {
		t.Errorf("a refused body made a Machine: %s", list)
	}
	if status, _, _ := call(t, ts, "POST", "/cimi/machines", jsonCT, valid); status != 201 && status != 202 {
		t.Errorf("the valid body: %d", status)
	}
}

func TestAccountsNeedAPassword(t *testing.T) {
	if _, err := New(Options{Users: map[string]string{"alice": ""}}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("an empty password: %v", err)
	}
}

func TestDeleteOnlyWhenStopped(t *testing.T) {
	_, ts := newTestServer(t, Options{Variations: []string{VariationDeleteWhenStopped}})
	status, hdr, _ := call(t, ts, "POST", "/cimi/machines", jsonCT, `{"name": "v", "machineTemplate": {"initialState": "STARTED",
		"machineConfig": {"href": "`+ts.URL+`/cimi/machineConfigs/small"}, "machineImage": {"href": "`+ts.URL+`/cimi/machineImages/debian-12"}}}`)
	if status != 201 {
		t.Fatalf("create: %d", status)
	}
	uri := hdr.Get("Location")
	_, _, m := call(t, ts, "GET", uri, "", "")
	if !strings.Contains(m, `"STARTED"`) || strings.Contains(m, `"rel":"delete"`) {
		t.Fatalf("a STARTED Machine offers delete: %s", m)
	}
	if status, _, _ := call(t, ts, "DELETE", uri, "", ""); status != http.StatusConflict {
		t.Errorf("DELETE of a STARTED Machine: %d", status)
	}
	stop := `{"action": "http://schemas.dmtf.org/cimi/2/action/stop"}`
	if status, _, _ := call(t, ts, "POST", uri+"/stop", jsonCT, stop); status >= 300 {
		t.Fatalf("stop: %d", status)
	}
	if _, _, m = call(t, ts, "GET", uri, "", ""); !strings.Contains(m, `"rel":"delete"`) {
		t.Errorf("a STOPPED Machine offers no delete: %s", m)
	}
	if _, err := New(Options{Variations: []string{"no-such"}}); err == nil {
		t.Error("an unknown variation was accepted")
	}
}
