package features_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// serve starts the reference in version v behind wrap (nil: as it is) and
// gives the entry point URL.
func serve(t *testing.T, v string, wrap func(http.Handler) http.Handler) string {
	t.Helper()
	srv, err := reference.New(reference.Options{Version: v, Latency: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return hs.URL + reference.EntryPointPath
}

func discover(t *testing.T, endpoint, want string) (*features.Endpoint, error) {
	t.Helper()
	c, err := client.New(client.Config{Timeout: 5 * time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	return features.Discover(c, endpoint, want)
}

func mustClaim(t *testing.T, ep *features.Endpoint, f features.Feature, value string) {
	t.Helper()
	c, ok := ep.Features.Claim(f)
	switch {
	case !ok:
		t.Errorf("%s not discovered", f)
	case value != "" && c.Value != value:
		t.Errorf("%s = %q, want %q", f, c.Value, value)
	case c.Source == "":
		t.Errorf("%s has no source", f)
	}
}

func TestDiscoverFindsWhatTheReferenceOffers(t *testing.T) {
	ep, err := discover(t, serve(t, "2.0", nil), "auto")
	if err != nil {
		t.Fatal(err)
	}
	if ep.Version != model.V2 || !slices.Equal(ep.Formats, []string{"json", "xml"}) {
		t.Errorf("version %s, formats %v", ep.Version, ep.Formats)
	}
	for _, f := range []features.Feature{"collection/machines", "collection/resourceMetadata", "create/Machine",
		"create/MachineTemplate", "action/Machine/capture", "action/Job/stop", "format/xml"} {
		mustClaim(t, ep, f, "")
	}
	mustClaim(t, ep, features.Capability("CloudEntryPoint", "FilterParameter"), "true")
	mustClaim(t, ep, features.Capability("Machine", "InitialStates"), "STARTED,STOPPED")
	mustClaim(t, ep, features.Capability("Job", "JobRetention"), "60")

	// A false capability is read but claims nothing.
	if _, ok := ep.Features.Claim(features.Capability("Machine", "MachineStopForceDefault")); ok {
		t.Error("a capability set to false became a feature")
	}
	if v, ok := ep.Capability("Machine", "MachineStopForce"); !ok || v != "true" {
		t.Errorf("MachineStopForce = %q, %v", v, ok)
	}
	mustClaim(t, ep, "collection/systems", "")
	mustClaim(t, ep, features.Capability("System", "SystemComponentTemplateByValue"), "true")
	mustClaim(t, ep, "collection/networks", "")
	mustClaim(t, ep, "collection/volumes", "")
	mustClaim(t, ep, features.Capability("Volume", "VolumeSnapshot"), "true")
	// The Credential ResourceMetadata lists no actions: only an instance can tell.
	if claimed, known := ep.Features.Has("action/Credential/frobnicate"); claimed || known {
		t.Errorf("action of a type without listed actions: claimed %v, known %v", claimed, known)
	}
	if claimed, known := ep.Features.Has("action/Machine/frobnicate"); claimed || !known {
		t.Errorf("unlisted Machine action: claimed %v, known %v", claimed, known)
	}
	if ep.MetadataOf("Machine") == nil || ep.MetadataOf("Volume") == nil || ep.MetadataOf("Network") == nil ||
		ep.MetadataOf("System") == nil || ep.MetadataOf("SystemService") == nil || ep.MetadataOf("Disk") != nil {
		t.Error("MetadataOf gives the wrong ResourceMetadata")
	}
	var machines *features.CollectionInfo
	for i := range ep.Collections {
		if ep.Collections[i].Attr == "machines" {
			machines = &ep.Collections[i]
		}
	}
	if machines == nil || !machines.Readable || !machines.Add || machines.Type != "MachineCollection" {
		t.Errorf("machines collection: %+v", machines)
	}
	list := ep.Features.List()
	if !slices.IsSorted(list) || len(list) != len(ep.Claims) {
		t.Errorf("List is not the sorted claims: %d listed, %d claims", len(list), len(ep.Claims))
	}
}

// An endpoint that answers only XML is discovered through XML.
func TestDiscoverAnXMLOnlyEndpoint(t *testing.T) {
	xmlOnly := func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.Header.Get("Accept"), "json") {
				http.Error(w, "XML only", http.StatusNotAcceptable)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	ep, err := discover(t, serve(t, "2.0", xmlOnly), "auto")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ep.Formats, []string{"xml"}) {
		t.Errorf("formats %v, want [xml]", ep.Formats)
	}
	for _, f := range []features.Feature{"collection/machines", "create/Machine", "format/xml",
		features.Capability("CloudEntryPoint", "FilterParameter"), "action/Machine/capture"} {
		mustClaim(t, ep, f, "")
	}
	if !ep.Features.Lacks("format/json") {
		t.Error("format/json claimed by an XML-only endpoint")
	}
}

func TestDiscoverCIMI11(t *testing.T) {
	ep, err := discover(t, serve(t, "1.1", nil), "auto")
	if err != nil {
		t.Fatal(err)
	}
	if ep.Version != model.V1 {
		t.Errorf("version %s", ep.Version)
	}
	mustClaim(t, ep, "collection/machines", "")
	mustClaim(t, ep, "create/Machine", "")
	if _, err := discover(t, serve(t, "1.1", nil), "2.0"); !errors.Is(err, features.ErrNotUsable) || !strings.Contains(err.Error(), "speaks CIMI 1") {
		t.Errorf("asking for 2.0 of a 1.1 endpoint: %v", err)
	}
}

func TestDiscoverRefusesWhatIsNotAnEntryPoint(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"html", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<html><body>hello</body></html>"))
		}, "not a CIMI endpoint"},
		{"unauthorized", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusUnauthorized)
		}, "--user"},
		{"not found", func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusNotFound)
		}, "HTTP 404"},
		{"json but not CIMI", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"hello": "world"}`))
		}, "not a CIMI endpoint"},
		{"truncated", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"resourceURI": "http://schemas.dmtf.org/cimi/2/CloudEntryPoint", "id":`))
		}, "cannot be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hs := httptest.NewServer(tc.handler)
			defer hs.Close()
			_, err := discover(t, hs.URL, "auto")
			if !errors.Is(err, features.ErrNotUsable) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an ErrNotUsable saying %q", err, tc.want)
			}
		})
	}
	if _, err := discover(t, "http://127.0.0.1:1/cimi", "auto"); !errors.Is(err, features.ErrNotUsable) || !strings.Contains(err.Error(), "cannot reach") {
		t.Errorf("closed port: %v", err)
	}
}

func TestLoadClaims(t *testing.T) {
	dir := t.TempDir()
	write := func(name, doc string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	got, err := features.LoadClaims(write("good.yaml", "features:\n  - collection/machines\n  - capability/Machine/InitialStates\n"))
	if err != nil || !slices.Equal(got, []features.Feature{"collection/machines", "capability/Machine/InitialStates"}) {
		t.Errorf("good claims: %v, %v", got, err)
	}
	for name, doc := range map[string]string{
		"unknown key":   "feature:\n  - collection/machines\n",
		"not a feature": "features:\n  - machines\n",
		"bad kind":      "features:\n  - volume/machines\n",
		"short":         "features:\n  - capability/Machine\n",
		"not yaml":      "features: [\n",
	} {
		if _, err := features.LoadClaims(write(strings.ReplaceAll(name, " ", "-")+".yaml", doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := features.LoadClaims(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
}

func TestWhereNamesTheAdvertisingPlace(t *testing.T) {
	for f, want := range map[features.Feature]string{
		"collection/volumes":                "the Cloud Entry Point lists no volumes",
		"create/Machine":                    "the MachineCollection offers no add operation",
		"capability/Machine/InitialStates":  "the Machine ResourceMetadata does not set the InitialStates capability",
		"action/Machine/capture":            "the Machine ResourceMetadata lists no capture action",
		"format/xml":                        "the endpoint does not answer in xml",
		features.Capability("Job", "Other"): "the Job ResourceMetadata does not set the Other capability",
	} {
		if got := features.Where(f); got != want {
			t.Errorf("Where(%s) = %q, want %q", f, got, want)
		}
	}
}
