package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const golden = "../fixtures/golden"

var yes, no = true, false

// sample is a small run with one result of every status, a profile that
// misses a feature, and a claim file that disagrees with discovery.
func sample() *Results {
	t0 := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	r := &Results{
		Tool:           Tool{Name: "cimitest", Version: "test", Catalogue: "sha256:0123456789abcdef"},
		Implementation: &Implementation{Organization: "Acme", Product: "Cloud", Version: "3.1", Contact: "cimi@acme.example"},
		Run: Run{ID: "0badcafe", Started: t0, Finished: t0.Add(3500 * time.Millisecond),
			Endpoint: "http://127.0.0.1:8080/cimi/cloudEntryPoint", CIMIVersion: "2.0",
			Formats: []string{"json", "xml"}, Exchanges: 42},
		Checks: []CheckResult{
			{ID: "machine.start", Title: "start takes a STOPPED Machine to STARTED", Rule: "M-38", Clause: "5.14.1.2",
				Lines: "l.2571-2580", Level: "SHALL", Area: "machines", Resource: "Machine", Operation: "action:start",
				Format: "json", Status: Pass, Count: 2},
			{ID: "machine.stop", Title: "stop takes a STARTED Machine to STOPPED", Rule: "M-41", Clause: "5.14.1.2",
				Lines: "l.2603-2618", Level: "SHALL", Area: "machines", Resource: "Machine", Operation: "action:stop",
				Format: "xml", Status: Fail, Message: "the state went to STARTED", Expected: "STOPPED",
				Actual: "STOPPING → STARTED", Evidence: []int{7}, Spec: "Machines xml lifecycle stops the Machine", Count: 1},
			{ID: "http.accept-honoured", Title: "the answer uses the asked media type", Rule: "P-05", Clause: "4.1.4",
				Level: "SHOULD", Area: "protocol", Resource: "Machine", Operation: "read", Format: "xml", Status: Warn,
				Message: "JSON came back", Count: 1},
			{ID: "machine.capture", Title: "capture makes an IMAGE", Rule: "M-50", Clause: "5.14.7.1", Level: "SHALL",
				Area: "machines", Resource: "Machine", Operation: "action:capture", Format: "json", Status: NotSupported,
				Message: "the Machine does not offer capture", Count: 1},
			{ID: "machine.restore", Title: "restore from a SNAPSHOT", Rule: "M-57", Clause: "5.14.1.2", Level: "SHALL",
				Area: "machines", Resource: "Machine", Operation: "action:restore", Format: "json", Status: NotTested,
				Message: "left out by --label-filter machines && !restore", Count: 1},
			{ID: "http.async-job", Title: "a 202 produces a Job that ends", Rule: "P-85", Clause: "4.2.1.7", Level: "SHALL",
				Area: "protocol", Resource: "Machine", Operation: "create", Format: "json", Status: Error,
				Message: "timed out after 2s waiting for the Job to end", Count: 1},
		},
		Exchanges: []Exchange{{ID: 7, Time: t0.Add(time.Second), Millis: 1.5, Method: "GET",
			URL: "http://127.0.0.1:8080/cimi/machines/1", RequestHeaders: map[string][]string{"Accept": {"application/xml"}, "Authorization": {"Basic ***"}},
			Status: 200, ResponseHeaders: map[string][]string{"Content-Type": {"application/xml"}},
			ResponseBody: `<Machine xmlns="http://schemas.dmtf.org/cimi/2"><state>STARTED</state></Machine>`,
			Curl:         `curl -sS -i -u "$CIMITEST_USER:$CIMITEST_PASSWORD" -H 'Accept: application/xml' 'http://127.0.0.1:8080/cimi/machines/1'`}},
		Leaks: []Leak{{URI: "http://127.0.0.1:8080/cimi/machines/2", Type: "Machine", Reason: "DELETE answered 409"}},
		Notes: []string{"the crawl stopped at its limit of 500 resources with 12 more reachable (--crawl-limit)"},
		Timing: &Timing{Workers: 4, StepCount: 2, StepSeconds: 13.5, WaitCount: 1, WaitSeconds: 12,
			Steps: []Timed{{What: "Machines json lifecycle starts the Machine", Seconds: 12.5, Outcome: "failed"}, {What: "Cloud Entry Point json reads the Cloud Entry Point", Seconds: 1, Outcome: "passed"}},
			Waits: []Timed{{What: "the Job http://127.0.0.1:8080/cimi/jobs/3 to end", Seconds: 12, Outcome: "reached", Limit: "--timeout-job",
				Last: "state RUNNING, progress 40 (start of http://127.0.0.1:8080/cimi/machines/1)"}}},
		Features: []FeatureResult{
			{Feature: "collection/machines", Discovered: true, Source: "the Cloud Entry Point lists machines", Required: true, Claimed: &yes},
			{Feature: "collection/volumes", Source: "the Cloud Entry Point lists no volumes", Required: true, Claimed: &yes},
			{Feature: "capability/CloudEntryPoint/MaxPropertyItems", Discovered: true, Value: "64", Source: "the CloudEntryPoint ResourceMetadata", Claimed: &no},
		},
		Profile: &ProfileResult{Name: "core", Title: "Minimal conformance", Source: "shipped:core", Missing: []string{"collection/volumes"}},
	}
	r.Finish()
	return r
}

func TestSummaryAndRollup(t *testing.T) {
	r := sample()
	if r.Summary.Passed {
		t.Error("a run with a failure, an error and a leak passed")
	}
	if r.Summary.Counts[Fail] != 1 || r.Summary.Counts[NotTested] != 1 || r.Summary.Total != 6 {
		t.Errorf("counts %v", r.Summary.Counts)
	}
	for _, ru := range r.Rollup {
		if ru.Resource == "Machine" && ru.Operation == "action:stop" && ru.Status != Fail {
			t.Errorf("rollup of stop: %s", ru.Status)
		}
		if ru.Operation == "action:restore" {
			t.Error("a NotTested result made it into the rollup")
		}
	}
}

func TestWorseOrdersStatuses(t *testing.T) {
	if !Worse(Fail, Error) || !Worse(Error, Warn) || !Worse(Warn, Pass) || !Worse(Pass, NotSupported) || !Worse(NotSupported, NotTested) {
		t.Error("status order")
	}
}

func TestReportsMatchGoldenFiles(t *testing.T) {
	r := sample()
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"results.json.golden", func(b *bytes.Buffer) error { return WriteJSON(b, r) }},
		{"junit.xml.golden", func(b *bytes.Buffer) error { return WriteJUnit(b, r) }},
		{"report.html.golden", func(b *bytes.Buffer) error { return WriteHTML(b, r) }},
	} {
		var b bytes.Buffer
		if err := tc.write(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(golden, tc.name)
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./report -update to create it)", err)
		}
		if !bytes.Equal(want, b.Bytes()) {
			t.Errorf("%s differs from the golden file; run go test ./report -update if the change is meant", tc.name)
		}
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, sample()); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, banned := range []string{"<script src", "<link ", "@import", "http://fonts", "https://"} {
		if strings.Contains(html, banned) {
			t.Errorf("the report refers to something outside it: %q", banned)
		}
	}
	for _, want := range []string{"Acme Cloud 3.1", "cimi@acme.example", "catalogue", "machine.stop", "M-41", "§5.14.1.2 l.2603-2618", "STOPPING → STARTED", "curl -sS -i", "Basic ***", "NOT PASSED", "resources left behind"} {
		if !strings.Contains(html, want) && !strings.Contains(strings.ToLower(html), strings.ToLower(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func TestReadJSONRefusesOtherSchemas(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.json")
	if err := os.WriteFile(p, []byte(`{"schemaVersion": "99"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadJSON(p); err == nil || !strings.Contains(err.Error(), "schema version") {
		t.Errorf("got %v", err)
	}
	if err := WriteAll(dir, sample()); err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(filepath.Join(dir, JSONFile))
	if err != nil || back.Summary.Total != 6 {
		t.Errorf("round trip: %v %v", err, back)
	}
}

func TestProfileVerdict(t *testing.T) {
	for _, tc := range []struct {
		missing []string
		status  Status
		want    bool
	}{
		{nil, Pass, true},
		{[]string{"collection/machineConfigs"}, Pass, false},
		{nil, Fail, false},
		{nil, Warn, true},
	} {
		r := &Results{Checks: []CheckResult{{ID: "x", Status: tc.status}}, Profile: &ProfileResult{Name: "core", Missing: tc.missing}}
		r.Finish()
		if r.Profile.Passed != tc.want || r.Summary.Passed != tc.want {
			t.Errorf("missing %v, a %s result: profile passed %v, run passed %v; want %v", tc.missing, tc.status, r.Profile.Passed, r.Summary.Passed, tc.want)
		}
	}
}

// The verdict says why a run did not pass, one sentence per reason: also
// for what no check stands for (an interrupt, nothing judged, a check asked
// for by name and not judged).
func TestVerdictReasons(t *testing.T) {
	judged := []CheckResult{{ID: "a", Status: Pass}, {ID: "b", Status: NotTested, Message: "not reached: the create failed"}}
	for _, tc := range []struct {
		name   string
		r      Results
		passed bool
		want   string
	}{
		{"clean", Results{Checks: judged[:1]}, true, ""},
		{"kept on purpose", Results{Checks: judged[:1], Leaks: []Leak{{URI: "u", Kept: true}}}, true, ""},
		{"left behind", Results{Checks: judged[:1], Leaks: []Leak{{URI: "u"}}}, false, "1 resource was left behind"},
		{"nothing judged", Results{Checks: judged[1:]}, false, "no check was judged"},
		{"asked and not judged", Results{Checks: judged, Run: Run{Asked: []string{"b"}}}, false, "b (not reached: the create failed)"},
		{"interrupted", Results{Checks: judged[:1], Run: Run{Outcome: OutcomeInterrupted, Stopped: "it was interrupted"}}, false, "did not finish"},
		{"not run", Results{Run: Run{Outcome: OutcomeNotRun, Stopped: "cannot reach"}}, false, "could not happen: cannot reach"},
		{"minimal conformance met", Results{Checks: judged[:1], Minimal: &ProfileResult{Name: "core", Title: "Minimal conformance"}}, true, ""},
		{"minimal conformance not met", Results{Checks: judged[:1], Minimal: &ProfileResult{Name: "core", Title: "Minimal conformance",
			Missing: []string{"create/MachineConfiguration"}}}, false, "does not meet Minimal conformance: it does not advertise create/MachineConfiguration"},
	} {
		r := tc.r
		r.Finish()
		got := strings.Join(r.Summary.Reasons, "; ")
		if r.Summary.Passed != tc.passed || (tc.want != "" && !strings.Contains(got, tc.want)) || (tc.passed && got != "") {
			t.Errorf("%s: passed=%v reasons %q", tc.name, r.Summary.Passed, got)
		}
	}
}
