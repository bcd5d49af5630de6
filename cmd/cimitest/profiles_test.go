package main

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cimitest/cimitest/profiles"
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
)

// Profiles, discovery and claims, end to end: every shipped profile passes
// against the reference in each of its versions; a profile whose required
// feature is hidden fails and says which; `cimitest discover` shows what the
// reference offers; a claim file that disagrees with discovery warns.

func TestShippedProfilesPassAgainstTheReference(t *testing.T) {
	t.Parallel() // a few runs, waiting more than working: beside the others
	names := profiles.Names()
	if len(names) < 4 {
		t.Fatalf("only %d shipped profiles: %v", len(names), names)
	}
	for _, name := range names {
		p, err := profiles.Load(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range p.Versions {
			t.Run(p.Name+"/"+v, func(t *testing.T) {
				t.Parallel()
				code, out, r := runBin(t, runArgs(v, "--profile", p.Name)...)
				requireClean(t, code, out, r)
				if r == nil {
					return
				}
				if r.Profile == nil || r.Profile.Name != p.Name || !r.Profile.Passed || len(r.Profile.Missing) > 0 {
					t.Fatalf("profile verdict %+v", r.Profile)
				}
				if r.Summary.Total == 0 || r.Profile.Checks[report.Pass] == 0 {
					t.Errorf("profile %s judged nothing: %+v", p.Name, r.Profile.Checks)
				}
				for _, c := range r.Checks {
					if c.ID == checks.ClaimsMatch.ID {
						continue // judged in every run given --claims
					}
					if chk := checks.Get(c.ID); chk == nil || !p.Selects(chk) {
						t.Errorf("%s is in the results, but profile %s does not include it", c.ID, p.Name)
					}
				}
				for _, f := range r.Features {
					if f.Required && !f.Discovered {
						t.Errorf("required feature %s not discovered, yet the profile passed", f.Feature)
					}
				}
			})
		}
	}
}

func TestProfileNamesTheFeatureItMisses(t *testing.T) {
	out := t.TempDir()
	args := append(runArgs("2.0", "--profile", "core", "--reference-fault", reference.FaultCEPWithoutConfigs), "--out", out)
	cmd := exec.Command(bin, append([]string{"run"}, args...)...)
	stdout, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, want status 1\n%s", err, tail(string(stdout)))
	}
	r, err := report.ReadJSON(filepath.Join(out, report.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile == nil || r.Profile.Passed || !slices.Contains(r.Profile.Missing, "collection/machineConfigs") {
		t.Fatalf("profile verdict %+v, want failed, missing collection/machineConfigs", r.Profile)
	}
	html, err := os.ReadFile(filepath.Join(out, report.HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	_, missing, _ := strings.Cut(string(html), "the endpoint does not claim")
	missing, _, _ = strings.Cut(missing, "which the profile requires")
	if !strings.Contains(missing, "<code>collection/machineConfigs</code>") {
		t.Error("the HTML report does not name the missing feature")
	}
	if !strings.Contains(string(stdout), "collection/machineConfigs") {
		t.Errorf("the summary does not name the missing feature:\n%s", tail(string(stdout)))
	}
}

// TestDiscoverShowsWhatTheReferenceOffers reads the reference's entry point
// and ResourceMetadata with plain HTTP, and holds `cimitest discover`
// against them, in text and in JSON.
func TestDiscoverShowsWhatTheReferenceOffers(t *testing.T) {
	stop, endpoint, err := startReference(reference.Options{}, "2.0")
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	cep := getJSON(t, endpoint)
	var collections, capabilities []string
	for attr, v := range cep {
		if m, ok := v.(map[string]any); ok && m["href"] != nil {
			collections = append(collections, attr)
		}
	}
	ref, _ := cep["resourceMetadata"].(map[string]any)
	href, _ := ref["href"].(string)
	rmd := getJSON(t, href)
	entries, _ := rmd["resourceMetadatas"].([]any)
	for _, item := range entries {
		rm, _ := item.(map[string]any)
		caps, _ := rm["capabilities"].([]any)
		for _, c := range caps {
			// A false capability is advertised but makes no feature.
			if name, ok := c.(map[string]any)["name"].(string); ok && c.(map[string]any)["value"] != false {
				capabilities = append(capabilities, name)
			}
		}
	}
	if len(collections) < 6 || len(capabilities) < 10 {
		t.Fatalf("the reference shows %d collections and %d capabilities; expected more", len(collections), len(capabilities))
	}

	text, err := exec.Command(bin, "discover", "--endpoint", endpoint).CombinedOutput()
	if err != nil {
		t.Fatalf("discover: %v\n%s", err, text)
	}
	for _, want := range append(append([]string{"CIMI 2.0 endpoint", "operations:   edit"}, collections...), capabilities...) {
		if !strings.Contains(string(text), want) {
			t.Errorf("discover text lacks %q", want)
		}
	}

	js, err := exec.Command(bin, "discover", "--endpoint", endpoint, "--json").Output()
	if err != nil {
		t.Fatalf("discover --json: %v", err)
	}
	var got struct {
		Version     string `json:"cimiVersion"`
		Operations  []string
		Collections []struct{ Attr string }
		Features    map[string]any
	}
	if err := json.Unmarshal(js, &got); err != nil {
		t.Fatalf("discover --json: %v\n%s", err, js)
	}
	if got.Version != "2.0" || !slices.Contains(got.Operations, "edit") {
		t.Errorf("version %q, operations %v", got.Version, got.Operations)
	}
	var attrs []string
	for _, c := range got.Collections {
		attrs = append(attrs, c.Attr)
	}
	for _, c := range collections {
		if !slices.Contains(attrs, c) {
			t.Errorf("discover --json lacks collection %s", c)
		}
		if _, ok := got.Features["collection/"+c]; !ok {
			t.Errorf("discover --json lacks feature collection/%s", c)
		}
	}
	for _, name := range capabilities {
		found := false
		for f := range got.Features {
			found = found || (strings.HasPrefix(f, "capability/") && strings.HasSuffix(f, "/"+name))
		}
		if !found {
			t.Errorf("discover --json lacks capability %s", name)
		}
	}
}

func TestClaimsThatDisagreeWarn(t *testing.T) {
	t.Parallel() // a few runs, waiting more than working: beside the others
	claims := filepath.Join(t.TempDir(), "claims.yaml")
	// Claims an action the reference lacks and leaves out a collection it has.
	doc := "features:\n  - collection/machines\n  - action/Credential/rotate\n  - format/json\n"
	if err := os.WriteFile(claims, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--cimi-version", "2.0", "--claims", claims, "--profile", "core"}, fast...)
	code, out, r := runBin(t, args...)
	if code != 0 {
		t.Fatalf("exit %d, want 0 (claims disagreeing only warn)\n%s", code, tail(out))
	}
	warned := false
	for _, c := range r.Checks {
		if c.ID == "claims.match" {
			warned = c.Status == report.Warn && strings.Contains(c.Message, "action/Credential/rotate")
		}
	}
	if !warned {
		t.Error("claims.match did not warn about action/Credential/rotate")
	}
	differ := map[string]bool{}
	for _, f := range r.Features {
		if f.Disagrees() {
			differ[f.Feature] = true
		}
	}
	for _, f := range []string{"action/Credential/rotate", "collection/machineImages"} {
		if !differ[f] {
			t.Errorf("features[%s] does not record the disagreement (%v)", f, differ)
		}
	}
}

// getJSON reads url in JSON, with Basic credentials when user is set.
func getJSON(t *testing.T, url string, userPassword ...string) map[string]any {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	if len(userPassword) == 2 {
		req.SetBasicAuth(userPassword[0], userPassword[1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return m
}
