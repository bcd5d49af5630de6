package reference

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// A plain read (the whole resource in JSON, no switch on) is encoded once;
// it gives the very bytes and ETag the general path gives.
func TestPlainReadsAnswerAsTheGeneralPath(t *testing.T) {
	s, err := New(Options{SeedMachines: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	get := func(path string) (string, string) {
		req := httptest.NewRequest("GET", "http://ref.test"+path, nil)
		req.Header.Set("Accept", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
		}
		return rec.Body.String(), rec.Header().Get("ETag")
	}
	paths := []string{"/cimi/machines/1", "/cimi/machines/1/disks/1", "/cimi/machineConfigs/small", "/cimi/machineImages/debian-12",
		"/cimi/resourceMetadata/machine", "/cimi/machineTemplates/small-debian?$expand", "/cimi/machineTemplates/small-debian?$expand=*",
		"/cimi/machineTemplates/small-debian?$expand=machineConfig", "/cimi/machines/1?$select=name", "/cimi/machines/1?$format=xml",
		"/cimi/machines/1?$first=1&$filter=name='x'"}
	plain := map[string][2]string{}
	for _, p := range paths {
		if !s.plain() {
			t.Fatal("the reference has a switch on")
		}
		body, etag := get(p)
		plain[p] = [2]string{body, etag}
	}
	s.vary = map[string]bool{"no-such-variation": true} // the general path, changing nothing
	for _, p := range paths {
		body, etag := get(p)
		if body != plain[p][0] || etag != plain[p][1] {
			t.Errorf("%s: plain %s %q\ngeneral %s %q", p, plain[p][1], plain[p][0], etag, body)
		}
		if !strings.HasPrefix(body, "{") && !strings.HasPrefix(body, "<?xml") || etag == "" {
			t.Errorf("%s: %q, ETag %q", p, body, etag)
		}
	}
}
