package reference

import (
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// wire is what one request gave back.
type wire struct {
	status int
	ctype  string
	loc    string
	etag   string
	body   string
}

// probe sends one request to a server with the given variations.
type probe func(t *testing.T, ts *httptest.Server) wire

func probeGet(path string, hdr ...string) probe {
	return func(t *testing.T, ts *httptest.Server) wire {
		status, h, body := call(t, ts, "GET", path, "", "", hdr...)
		return wire{status, h.Get("Content-Type"), h.Get("Location"), h.Get("ETag"), body}
	}
}

func createConfig(t *testing.T, ts *httptest.Server) wire {
	status, h, body := call(t, ts, "POST", "/cimi/machineConfigs", jsonCT,
		`{"name": "v", "cpu": 1, "memory": 1048576, "disks": [{"capacity": 1048576, "format": "ext4"}]}`, "Accept", jsonCT)
	return wire{status, h.Get("Content-Type"), h.Get("Location"), h.Get("ETag"), body}
}

func createAndDeleteMachine(t *testing.T, ts *httptest.Server) wire {
	status, h, _ := call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "v"), "Accept", jsonCT)
	if status != 201 {
		t.Fatalf("create: %d", status)
	}
	status, h, body := call(t, ts, "DELETE", ts.URL+strings.TrimPrefix(h.Get("Location"), ts.URL), "", "", "Accept", jsonCT)
	return wire{status, h.Get("Content-Type"), h.Get("Location"), h.Get("ETag"), body}
}

func createMachine(t *testing.T, ts *httptest.Server) wire {
	status, h, body := call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "v"), "Accept", jsonCT)
	return wire{status, h.Get("Content-Type"), h.Get("Location"), h.Get("ETag"), body}
}

// sent runs a probe and writes the server's own address as base, so that
// two servers' answers compare.
func sent(t *testing.T, p probe, ts *httptest.Server) wire {
	w := p(t, ts)
	w.body = strings.ReplaceAll(w.body, ts.URL, "http://base")
	w.loc = strings.ReplaceAll(w.loc, ts.URL, "http://base")
	return w
}

func jsonEqual(a, b string) bool {
	var x, y any
	return json.Unmarshal([]byte(a), &x) == nil && json.Unmarshal([]byte(b), &y) == nil && reflect.DeepEqual(x, y)
}

// Each legal variation must change what goes over the wire in the way it
// says, or a suite that stays green with it on proves nothing.
func TestEachVariationChangesTheWire(t *testing.T) {
	cep := probeGet("/cimi/cloudEntryPoint", "Accept", jsonCT)
	cepXML := probeGet("/cimi/cloudEntryPoint", "Accept", xmlCT)
	configs := probeGet("/cimi/machineConfigs", "Accept", jsonCT)
	cases := map[string]struct {
		probe probe
		shows func(clean, varied wire) bool
	}{
		VariationPageLimit: {configs, func(c, v wire) bool {
			return strings.Count(v.body, `"resourceURI"`) < strings.Count(c.body, `"resourceURI"`) &&
				strings.Count(v.body, `"resourceURI"`) > 1 && strings.Contains(v.body, `"count":`)
		}},
		VariationRelativeHrefs: {cep, func(c, v wire) bool {
			return strings.Count(v.body, "http://base") == 1 && strings.Count(c.body, "http://base") > 1
		}},
		VariationRelativeLocation: {createMachine, func(c, v wire) bool {
			return strings.HasPrefix(c.loc, "http://") && v.loc != "" && !strings.HasPrefix(v.loc, "http")
		}},
		VariationPrefixedXML: {cepXML, func(c, v wire) bool {
			return strings.Contains(v.body, "<c:CloudEntryPoint") && !strings.Contains(c.body, "<c:")
		}},
		VariationMediaTypeParameters: {cep, func(c, v wire) bool {
			return v.ctype == "application/json; charset=utf-8" && c.ctype == "application/json"
		}},
		VariationFractionalSeconds: {cep, func(c, v wire) bool {
			return regexp.MustCompile(`\.\d{3}\+02:00"`).MatchString(v.body) && !strings.Contains(c.body, "+02:00")
		}},
		VariationMemberOrder: {cep, func(c, v wire) bool { return c.body != v.body && jsonEqual(c.body, v.body) }},
		VariationDelete204:   {createAndDeleteMachine, func(c, v wire) bool { return c.status == 200 && v.status == 204 }},
		VariationItemsCommon: {configs, func(c, v wire) bool {
			return strings.Contains(c.body, `"cpu"`) && !strings.Contains(v.body, `"cpu"`) && strings.Contains(v.body, `"name"`)
		}},
		VariationNoETag: {probeGet("/cimi/machineConfigs/small", "Accept", jsonCT), func(c, v wire) bool {
			return c.etag != "" && v.etag == ""
		}},
		VariationPrettyJSON: {cep, func(c, v wire) bool {
			return !strings.Contains(c.body, "\n  ") && strings.Contains(v.body, "\n  ") && jsonEqual(c.body, v.body)
		}},
		VariationProviderQuery: {cep, func(c, v wire) bool {
			return strings.Contains(v.body, "?realm=cimitest") && !strings.Contains(c.body, "?realm")
		}},
		VariationXMLByDefault: {probeGet("/cimi/cloudEntryPoint"), func(c, v wire) bool {
			return c.ctype == "application/json" && v.ctype == "application/xml"
		}},
		VariationCreatedWithoutBody: {createMachine, func(c, v wire) bool {
			return c.status == 201 && v.status == 201 && c.body != "" && v.body == "" && v.loc != ""
		}},
		VariationRestoreFromImage: {probeGet("/cimi/resourceMetadata", "Accept", jsonCT), func(c, v wire) bool {
			return strings.Contains(v.body, "Machine/RestoreFromImage") && !strings.Contains(c.body, "RestoreFromImage")
		}},
		VariationAsyncCreates: {createConfig, func(c, v wire) bool { return c.status == 201 && v.status == 202 }},
		VariationDeleteWhenStopped: {func(t *testing.T, ts *httptest.Server) wire {
			status, h, _ := call(t, ts, "POST", "/cimi/machines", jsonCT, strings.Replace(machineCreate(ts, "v"),
				`"machineConfig"`, `"initialState": "STARTED", "machineConfig"`, 1), "Accept", jsonCT)
			if status != 201 {
				t.Fatalf("create: %d", status)
			}
			status, _, body := call(t, ts, "DELETE", h.Get("Location"), "", "")
			return wire{status: status, body: body}
		}, func(c, v wire) bool { return c.status == 200 && v.status == 409 }},
	}
	for _, vr := range Variations() {
		t.Run(vr.Name, func(t *testing.T) {
			tc, ok := cases[vr.Name]
			if !ok {
				t.Fatal("no case shows what this variation changes")
			}
			fixed := func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
			latency := time.Duration(0)
			if vr.Name == VariationAsyncCreates {
				latency = time.Hour // the Job is still running when the answer comes
			}
			_, clean := newTestServer(t, Options{Now: fixed})
			_, varied := newTestServer(t, Options{Now: fixed, Latency: latency, Variations: []string{vr.Name}})
			c, v := sent(t, tc.probe, clean), sent(t, tc.probe, varied)
			if !tc.shows(c, v) {
				t.Errorf("the wire does not show %q\nclean:  %d %s %q %.300s\nvaried: %d %s %q %.300s",
					vr.Description, c.status, c.ctype, c.loc, c.body, v.status, v.ctype, v.loc, v.body)
			}
		})
	}
}
