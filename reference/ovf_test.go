package reference

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cimitest/cimitest/fixtures/ovf"
)

func TestOVFRoundTripsThroughTheWriter(t *testing.T) {
	env, err := parseOVF(ovf.ThreeTier("t"))
	if err != nil {
		t.Fatal(err)
	}
	if len(env.top.systems) != 2 || len(env.top.nested) != 1 || len(env.disks) != 2 || len(env.nets) != 2 {
		t.Fatalf("read %+v", env)
	}
	if db := env.top.systems[1]; db.cpu != 4 || db.memKB != 4<<20 || len(db.disks) != 2 {
		t.Fatalf("db read as %+v", db)
	}
	again, err := parseOVF(env.bytes())
	if err != nil {
		t.Fatalf("the writer's package does not read back: %v", err)
	}
	if again.top.systems[0].memKB != 2<<20 || again.disks[0].kb != 1<<20 || len(again.top.nested[0].systems) != 1 {
		t.Fatalf("read back as %+v", again)
	}
}

func TestOVFRefusesBrokenPackages(t *testing.T) {
	for name, body := range map[string]string{
		"not XML":      "{",
		"no envelope":  "<a/>",
		"no system":    "<Envelope/>",
		"no hardware":  `<Envelope><VirtualSystem ovf:id="x" xmlns:ovf="o"/></Envelope>`,
		"unknown disk": `<Envelope><VirtualSystem><VirtualHardwareSection><Item><ResourceType>17</ResourceType><HostResource>ovf:/disk/x</HostResource></Item></VirtualHardwareSection></VirtualSystem></Envelope>`,
		"huge memory":  `<Envelope><VirtualSystem><VirtualHardwareSection><Item><ResourceType>3</ResourceType><VirtualQuantity>1</VirtualQuantity></Item><Item><ResourceType>4</ResourceType><AllocationUnits>byte * 2^60</AllocationUnits><VirtualQuantity>99</VirtualQuantity></Item></VirtualHardwareSection></VirtualSystem></Envelope>`,
	} {
		if _, err := parseOVF([]byte(body)); err == nil {
			t.Errorf("%s: taken", name)
		}
	}
}

// packageHost serves the fixture and keeps what is PUT to it.
func packageHost(t *testing.T) (*httptest.Server, func() map[string]string) {
	var mu sync.Mutex
	got := map[string]string{}
	h := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.Method == http.MethodGet {
			w.Header().Set("Content-Type", "application/ovf")
			_, _ = w.Write(ovf.ThreeTier("t"))
			return
		}
		b, _ := io.ReadAll(r.Body)
		got[r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type")] = string(b)
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(h.Close)
	return h, func() map[string]string {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

func TestSystemImportAndExport(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	host, received := packageHost(t)
	imp := `{"resourceURI": "http://schemas.dmtf.org/cimi/2/Action", "action": "http://schemas.dmtf.org/cimi/2/action/import", "source": "` + host.URL + `/p.ovf"}`
	if st, _, body := call(t, ts, "POST", "/cimi/systems/import", jsonCT, `{"action": "http://schemas.dmtf.org/cimi/2/action/import"}`); st != 400 {
		t.Fatalf("an import without source: %d %s", st, body)
	}
	st, h, body := call(t, ts, "POST", "/cimi/systems/import", jsonCT, imp)
	if st/100 != 2 || h.Get("Location") == "" {
		t.Fatalf("import: %d %s", st, body)
	}
	sys := h.Get("Location")
	count := func(uri, member string) int {
		_, _, b := call(t, ts, "GET", uri, "", "", "Accept", jsonCT)
		var m map[string]any
		_ = json.Unmarshal([]byte(b), &m)
		list, _ := m[member].([]any)
		return len(list)
	}
	if n := count(sys+"/machines", "machines"); n != 2 {
		t.Errorf("the imported System has %d Machines, want 2", n)
	}
	if n := count(sys+"/volumes", "volumes"); n != 2 {
		t.Errorf("the imported System has %d Volumes, want 2", n)
	}
	if n := count(sys+"/systems", "systems"); n != 1 {
		t.Errorf("the imported System has %d Systems, want 1", n)
	}
	exp := `{"action": "http://schemas.dmtf.org/cimi/2/action/export"}`
	st, h, body = call(t, ts, "POST", sys+"/export", jsonCT, exp)
	if st/100 != 2 || h.Get("Location") == "" {
		t.Fatalf("export: %d %s", st, body)
	}
	st, h, body = call(t, ts, "GET", h.Get("Location"), "", "", "Accept", "application/ovf")
	if st != 200 || h.Get("Content-Type") != "application/ovf" || !strings.Contains(body, "t-ovf-cache") {
		t.Fatalf("the exported package: %d %s %s", st, h.Get("Content-Type"), body)
	}
	st, _, body = call(t, ts, "POST", sys+"/export", jsonCT,
		`{"action": "http://schemas.dmtf.org/cimi/2/action/export", "destination": "`+host.URL+`/out.ovf"}`)
	if st/100 != 2 {
		t.Fatalf("export to a destination: %d %s", st, body)
	}
	for range 200 {
		if len(received()) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if pkg, ok := received()["PUT /out.ovf application/ovf"]; !ok || !strings.Contains(pkg, "VirtualSystemCollection") {
		t.Fatalf("the destination received %v", received())
	}
	st, h, body = call(t, ts, "POST", "/cimi/systemTemplates/import", jsonCT, imp)
	if st != 201 || h.Get("Location") == "" || !strings.Contains(body, host.URL+"/p.ovf") {
		t.Fatalf("template import: %d %s", st, body)
	}
	if st, _, body := call(t, ts, "DELETE", sys, "", ""); st/100 != 2 {
		t.Fatalf("delete: %d %s", st, body)
	}
}
