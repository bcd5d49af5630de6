package reference

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// clock is a test clock the reference reads through Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// list reads a JSON collection's items.
func list(t *testing.T, ts *httptest.Server, url, member string) []map[string]any {
	t.Helper()
	resp, err := ts.Client().Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	items, _ := m[member].([]any)
	for _, it := range items {
		out = append(out, it.(map[string]any))
	}
	return out
}

// A Meter samples every sampleInterval seconds of the clock while started,
// stamped with the moment each sample was due, and not after a stop.
func TestMetersSampleOnTheClock(t *testing.T) {
	c := &clock{now: time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)}
	_, ts := newTestServer(t, Options{Now: c.Now})
	status, h, body := call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "m"))
	if status != 201 {
		t.Fatalf("machine: %d %s", status, body)
	}
	machine := h.Get("Location")
	status, h, body = call(t, ts, "POST", "/cimi/meterConfigs", jsonCT, `{"name": "c", "aspect": "http://schemas.dmtf.org/cimi/2/aspect/cpu",
		"associatedResources": ["http://schemas.dmtf.org/cimi/2/Machine"], "sampleInterval": 10, "timeScope": "Point"}`)
	if status != 201 {
		t.Fatalf("config: %d %s", status, body)
	}
	cfg := h.Get("Location")
	status, h, body = call(t, ts, "POST", "/cimi/meters", jsonCT, fmt.Sprintf(`{"name": "m",
		"meterTemplate": {"targetResource": {"href": %q}, "meterConfig": {"href": %q}}}`, machine, cfg))
	if status != 201 {
		t.Fatalf("meter: %d %s", status, body)
	}
	meter := h.Get("Location")
	samples := func() []string {
		var out []string
		for _, s := range list(t, ts, meter+"/samples", "samples") {
			out = append(out, s["timestamp"].(string))
		}
		return out
	}
	c.add(time.Minute)
	if got := samples(); len(got) != 0 {
		t.Fatalf("a Meter not started has samples: %v", got)
	}
	status, _, body = call(t, ts, "POST", meter+"/start", jsonCT, `{"action": "http://schemas.dmtf.org/cimi/2/action/start"}`)
	if status >= 300 {
		t.Fatalf("start: %d %s", status, body)
	}
	c.add(35 * time.Second)
	want := []string{"2026-12-03T10:01:10.000Z", "2026-12-03T10:01:20.000Z", "2026-12-03T10:01:30.000Z"}
	if got := samples(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("samples 35 s after start: %v, want %v", got, want)
	}
	status, _, body = call(t, ts, "POST", meter+"/stop", jsonCT, `{"action": "http://schemas.dmtf.org/cimi/2/action/stop"}`)
	if status >= 300 {
		t.Fatalf("stop: %d %s", status, body)
	}
	c.add(time.Minute)
	if got := samples(); len(got) != 3 {
		t.Fatalf("samples a minute after stop: %v", got)
	}
	// Deleting the Machine deletes its Meter.
	if status, _, body = call(t, ts, "DELETE", machine, "", ""); status >= 300 {
		t.Fatalf("delete: %d %s", status, body)
	}
	if status, _, _ = call(t, ts, "GET", meter, "", ""); status != 404 {
		t.Fatalf("the Meter of a deleted Machine answers %d", status)
	}
}

// An EventLog logs its Machine's state changes, an update and a refused
// request, and its summary counts them by severity.
func TestEventLogsWatchTheirTarget(t *testing.T) {
	_, ts := newTestServer(t, Options{})
	_, h, _ := call(t, ts, "POST", "/cimi/machines", jsonCT, machineCreate(ts, "m"))
	machine := h.Get("Location")
	status, h, body := call(t, ts, "POST", "/cimi/eventLogs", jsonCT, fmt.Sprintf(`{"name": "l",
		"eventLogTemplate": {"targetResource": {"href": %q}, "persistence": "daily"}}`, machine))
	if status != 201 {
		t.Fatalf("log: %d %s", status, body)
	}
	log := h.Get("Location")
	call(t, ts, "POST", machine+"/start", jsonCT, `{"action": "http://schemas.dmtf.org/cimi/2/action/start"}`)
	call(t, ts, "POST", machine+"/start", jsonCT, `{"action": "http://schemas.dmtf.org/cimi/2/action/stop"}`)
	var kinds []string
	severities := map[string]int{}
	for _, e := range list(t, ts, log+"/events", "events") {
		typ := strings.TrimPrefix(e["type"].(string), "http://schemas.dmtf.org/cimi/2/event/")
		content := e["content"].(map[string]any)
		if typ == "state" {
			typ += ":" + content["state"].(string)
		}
		kinds = append(kinds, typ)
		if s, ok := e["severity"].(string); ok {
			severities[s]++
		}
	}
	want := "access state:STARTED alarm"
	if strings.Join(kinds, " ") != want {
		t.Fatalf("events %v, want %s", kinds, want)
	}
	_, _, body = call(t, ts, "GET", log, "", "")
	var l map[string]any
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	sum := l["summary"].(map[string]any)
	if sum["low"] != float64(severities["low"]) || sum["medium"] != float64(severities["medium"]) {
		t.Fatalf("summary %v, events by severity %v", sum, severities)
	}
	// Linked: deleting the Machine deletes its EventLog and its Events.
	call(t, ts, "DELETE", machine, "", "")
	if status, _, _ = call(t, ts, "GET", log+"/events/1", "", ""); status != 404 {
		t.Fatalf("an Event of a deleted Machine's log answers %d", status)
	}
}
