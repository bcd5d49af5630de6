package reference

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// call sends one request to a test server and returns status, headers, body.
func call(t *testing.T, srv *httptest.Server, method, path, ctype, body string, hdr ...string) (int, http.Header, string) {
	t.Helper()
	url := path
	if !strings.HasPrefix(path, "http") {
		url = srv.URL + path
	}
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func newTestServer(t *testing.T, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { ts.Close(); s.Close() })
	return s, ts
}

const jsonCT, xmlCT = "application/json", "application/xml"

func machineCreate(ts *httptest.Server, name string) string {
	return `{"name": "` + name + `", "machineTemplate": {"machineConfig": {"href": "` + ts.URL +
		`/cimi/machineConfigs/small"}, "machineImage": {"href": "` + ts.URL + `/cimi/machineImages/debian-12"}}}`
}

func TestBadRequestsGetA4xxAndAnErrorJob(t *testing.T) {
	_, ts := newTestServer(t, Options{MaxBody: 4096})
	big := `{"name": "` + strings.Repeat("x", 5000) + `"}`
	for _, tc := range []struct {
		name, method, path, ctype, body string
		want                            int
	}{
		{"malformed JSON", "POST", "/cimi/machines", jsonCT, `{"name": `, 400},
		{"a JSON array", "POST", "/cimi/machines", jsonCT, `[1, 2]`, 400},
		{"malformed XML", "POST", "/cimi/machines", xmlCT, `<MachineCreate xmlns="http://schemas.dmtf.org/cimi/2"><name>`, 400},
		{"XML in another namespace", "POST", "/cimi/machines", xmlCT, `<MachineCreate xmlns="urn:other"/>`, 400},
		{"XML with the wrong root", "POST", "/cimi/machines", xmlCT, `<Machine xmlns="http://schemas.dmtf.org/cimi/2"/>`, 400},
		{"a wrong-typed name", "POST", "/cimi/machines", jsonCT, `{"name": 5, "machineTemplate": {}}`, 400},
		{"a wrong-typed cpu", "POST", "/cimi/machineConfigs", jsonCT, `{"cpu": "two", "memory": 1}`, 400},
		{"an unknown attribute", "POST", "/cimi/machineConfigs", jsonCT, `{"cpu": 1, "memory": 1, "colour": "red"}`, 400},
		{"no machineTemplate", "POST", "/cimi/machines", jsonCT, `{"name": "x"}`, 400},
		{"a template that does not exist", "POST", "/cimi/machines", jsonCT, `{"machineTemplate": {"href": "http://elsewhere/t"}}`, 400},
		{"a transient initialState", "POST", "/cimi/machines", jsonCT, `{"machineTemplate": {"initialState": "STARTING"}}`, 400},
		{"a wrong resourceURI", "POST", "/cimi/machineConfigs", jsonCT, `{"resourceURI": "http://schemas.dmtf.org/cimi/2/Volume", "cpu": 1, "memory": 1}`, 400},
		{"a text/plain body", "POST", "/cimi/machines", "text/plain", `hello`, 415},
		{"no Content-Type", "POST", "/cimi/machines", "", `{}`, 415},
		{"an oversized body", "POST", "/cimi/machines", jsonCT, big, 413},
		{"an unknown resource", "GET", "/cimi/machines/999", "", ``, 404},
		{"a path outside CIMI", "GET", "/etc/passwd", "", ``, 404},
		{"PUT on a collection", "PUT", "/cimi/machines", jsonCT, `{}`, 405},
		{"POST on a Job collection", "POST", "/cimi/jobs", jsonCT, `{}`, 405},
		{"DELETE on the entry point", "DELETE", "/cimi/cloudEntryPoint", "", ``, 405},
		{"an unsatisfiable Accept", "GET", "/cimi/cloudEntryPoint", "", ``, 406},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := []string{}
			if tc.want == 406 {
				hdr = []string{"Accept", "text/html"}
			}
			status, h, body := call(t, ts, tc.method, tc.path, tc.ctype, tc.body, hdr...)
			if status != tc.want {
				t.Fatalf("status %d, want %d: %s", status, tc.want, body)
			}
			var job map[string]any
			if err := json.Unmarshal([]byte(body), &job); err != nil {
				t.Fatalf("the error body is not JSON: %q", body)
			}
			if job["resourceURI"] != "http://schemas.dmtf.org/cimi/2/Job" || job["state"] != "FAILED" || job["id"] != "" {
				t.Errorf("the error body is not a transient FAILED Job: %s", body)
			}
			if h.Get("Content-Length") == "" {
				t.Error("no Content-Length")
			}
		})
	}
	// Nothing was created by any of them.
	_, _, list := call(t, ts, "GET", "/cimi/machines", "", "")
	if !strings.Contains(list, `"count":0`) {
		t.Errorf("a refused request created a Machine: %s", list)
	}
}

func TestUsersSeeOnlyTheirOwnResources(t *testing.T) {
	_, ts := newTestServer(t, Options{Users: map[string]string{"alice": "a-pw", "bob": "b-pw"}})
	status, h, _ := call(t, ts, "GET", "/cimi/cloudEntryPoint", "", "")
	if status != 401 || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Basic") {
		t.Fatalf("no credentials: %d %v", status, h)
	}
	status, _, _ = call(t, ts, "GET", "/cimi/cloudEntryPoint", "", "", "Authorization", basic("alice", "wrong"))
	if status != 401 {
		t.Fatalf("a wrong password: %d", status)
	}
	status, h, _ = call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "alices"), "Authorization", basic("alice", "a-pw"))
	if status != 201 && status != 202 {
		t.Fatalf("alice's create: %d", status)
	}
	loc := h.Get("Location")
	if status, _, _ := call(t, ts, "GET", loc, "", "", "Authorization", basic("bob", "b-pw")); status != 404 {
		t.Errorf("bob reads alice's Machine: %d", status)
	}
	if _, _, list := call(t, ts, "GET", "/cimi/machines", "", "", "Authorization", basic("bob", "b-pw")); !strings.Contains(list, `"count":0`) {
		t.Errorf("bob's MachineCollection shows alice's Machine: %s", list)
	}
	if status, _, _ := call(t, ts, "GET", loc, "", "", "Authorization", basic("alice", "a-pw")); status != 200 {
		t.Errorf("alice cannot read her Machine: %d", status)
	}
}

func basic(u, p string) string {
	req, _ := http.NewRequest("GET", "http://x/", nil)
	req.SetBasicAuth(u, p)
	return req.Header.Get("Authorization")
}

func TestSynchronousCreateAnswers201(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	status, h, body := call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "sync"))
	if status != 201 || h.Get("Location") == "" || h.Get("CIMI-Job-URI") == "" {
		t.Fatalf("%d %v", status, h)
	}
	if !strings.Contains(body, `"state":"STOPPED"`) || !strings.Contains(body, `"id":"`+h.Get("Location")+`"`) {
		t.Errorf("the 201 body is not the new Machine: %s", body)
	}
	_, _, job := call(t, ts, "GET", h.Get("CIMI-Job-URI"), "", "")
	if !strings.Contains(job, `"state":"SUCCESS"`) || !strings.Contains(job, `"progress":100`) {
		t.Errorf("the Job of a synchronous create has not ended: %s", job)
	}
}

func TestAsynchronousCreateGoesThroughCreating(t *testing.T) {
	_, ts := newTestServer(t, Options{Latency: 200 * time.Millisecond})
	status, h, body := call(t, ts, "POST", "/cimi/machines", xmlCT,
		`<MachineCreate xmlns="http://schemas.dmtf.org/cimi/2"><name>async</name><machineTemplate>`+
			`<initialState>STARTED</initialState>`+
			`<machineConfig href="`+ts.URL+`/cimi/machineConfigs/small"/><machineImage href="`+ts.URL+`/cimi/machineImages/debian-12"/>`+
			`</machineTemplate></MachineCreate>`, "Accept", xmlCT)
	if status != 202 || !strings.Contains(body, "<state>CREATING</state>") {
		t.Fatalf("%d %s", status, body)
	}
	deadline := time.Now().Add(3 * time.Second)
	for time.Now().Before(deadline) {
		_, _, m := call(t, ts, "GET", h.Get("Location"), "", "")
		if strings.Contains(m, `"state":"STARTED"`) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("the Machine never reached STARTED")
}

func TestDeletingAnImageRelinksSnapshots(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	_, h, _ := call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "snap"))
	machine := h.Get("Location")
	snap := func() string {
		status, h, body := call(t, ts, "POST", machine+"/snapshots", jsonCT, `{"type": "SNAPSHOT", "imageLocation": "`+machine+`"}`)
		if status != 201 {
			t.Fatalf("snapshot: %d %s", status, body)
		}
		return h.Get("Location")
	}
	s1, s2, s3 := snap(), snap(), snap()
	// s2 -> s1, s3 -> s2; deleting s2 relinks s3 to s1.
	if status, _, _ := call(t, ts, "DELETE", s2, "", ""); status != 200 {
		t.Fatalf("delete: %d", status)
	}
	_, _, body := call(t, ts, "GET", s3, "", "")
	if !strings.Contains(body, `"relatedImage":{"href":"`+s1+`"}`) {
		t.Errorf("s3 does not point at s1 after s2 was deleted: %s", body)
	}
	_, _, m := call(t, ts, "GET", machine+"/snapshots", "", "")
	if strings.Contains(m, s2) || !strings.Contains(m, s3) {
		t.Errorf("the Machine's snapshots: %s", m)
	}
	s.Close()
}

// Deleting a Machine deletes its Disks and their collection, and the Jobs
// that named them no longer do (a reference to a deleted resource is empty).
func TestJobsForgetWhatADeletedMachineOwned(t *testing.T) {
	s, ts := newTestServer(t, Options{})
	_, h, _ := call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "owner"))
	machine := h.Get("Location")
	status, h, body := call(t, ts, "POST", machine+"/disks", jsonCT, `{"resourceURI": "http://schemas.dmtf.org/cimi/2/Disk", "capacity": 1000}`)
	if status != 201 {
		t.Fatalf("disk add: %d %s", status, body)
	}
	job := h.Get("CIMI-Job-URI")
	if status, _, _ := call(t, ts, "DELETE", machine, "", ""); status != 200 {
		t.Fatalf("delete: %d", status)
	}
	_, _, j := call(t, ts, "GET", job, "", "")
	if strings.Contains(j, machine+"/disks") {
		t.Errorf("the Job of the Disk add still names the deleted Machine's disks: %s", j)
	}
	s.Close()
}

func TestFaultNamesAreChecked(t *testing.T) {
	if _, err := New(Options{Faults: []string{"nope"}}); err == nil {
		t.Error("an unknown fault was accepted")
	}
	if _, err := New(Options{Version: "3.0"}); err == nil {
		t.Error("version 3.0 was accepted")
	}
	for _, f := range Faults() {
		if _, err := New(Options{Faults: []string{f.Name}}); err != nil || f.Description == "" {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}

// FuzzRequests throws arbitrary bodies at every writable path: the server
// must answer with a status below 500 and never panic. `go test` runs the
// seeds; `go test -fuzz FuzzRequests -fuzztime 30s` explores further.
func FuzzRequests(f *testing.F) {
	for _, seed := range []string{`{}`, `{"name": "x"}`, `<MachineCreate xmlns="http://schemas.dmtf.org/cimi/2"/>`,
		`{"machineTemplate": {"machineConfig": {"href": 5}}}`, `{"properties": {"a": 1}}`, `{"disks": [1]}`,
		`<Action xmlns="http://schemas.dmtf.org/cimi/2"><action>x</action><force>maybe</force></Action>`, "\x00\xff"} {
		for _, path := range []string{"/cimi/machines", "/cimi/machineConfigs", "/cimi/machineTemplates",
			"/cimi/credentials", "/cimi/machineImages"} {
			f.Add(path, seed)
		}
	}
	s, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path, body string) {
		for _, ct := range []string{jsonCT, xmlCT} {
			req := httptest.NewRequest("POST", "http://ref.test"+"/cimi/", strings.NewReader(body))
			req.URL.Path = "/" + strings.TrimPrefix(path, "/")
			req.Header.Set("Content-Type", ct)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code >= 500 {
				t.Fatalf("%s %s: %d %s", path, ct, rec.Code, rec.Body.String())
			}
		}
	})
}

func TestJSONWriterRoundTrips(t *testing.T) {
	tricky := "quote \" backslash \\ newline \n tab \t bell \a nul \x00 é ✓"
	b := encodeJSON(omap{{"s", tricky}, {"n", int64(-5)}, {"b", true}, {"m", map[string]string{"z": "1", "a": "2"}},
		{"l", []any{omap{{"href", "x"}}, "y"}}})
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if back["s"] != tricky || back["n"] != float64(-5) || back["b"] != true {
		t.Errorf("round trip: %v", back)
	}
	if !strings.Contains(string(b), `"m":{"a":"2","z":"1"}`) {
		t.Errorf("maps are not written in key order: %s", b)
	}
}
