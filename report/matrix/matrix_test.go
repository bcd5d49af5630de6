package matrix

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cimitest/cimitest/report"
	browser "github.com/cimitest/cimitest/report/browsertest"
)

// runAt writes the reports of a small run into dir and returns the path of
// its results.json.
func runAt(t *testing.T, dir, version string, impl *report.Implementation, profilePassed bool, st map[string]report.Status, features map[string]bool) string {
	t.Helper()
	r := &report.Results{Tool: report.Tool{Name: "cimitest", Version: "test", Catalogue: "sha256:0"}, Implementation: impl,
		Run: report.Run{Endpoint: "http://" + filepath.Base(dir) + ".example/cep", CIMIVersion: version}}
	for _, key := range []string{"machine.stop|json", "machine.stop|xml", "machine.start|json", "volume.create|json"} {
		id, format, _ := strings.Cut(key, "|")
		s, ok := st[key]
		if !ok {
			continue
		}
		c := report.CheckResult{ID: id, Title: id + " works", Area: strings.SplitN(id, ".", 2)[0] + "s", Level: "SHALL",
			Resource: "Machine", Operation: "action", Format: format, Status: s, Message: "it did not", Count: 1}
		if s == report.Fail {
			c.Evidence = []int{3}
		}
		r.Checks = append(r.Checks, c)
	}
	r.Exchanges = []report.Exchange{{ID: 3, Method: "GET", URL: "http://x/1", Status: 200}}
	for f, ok := range features {
		r.Features = append(r.Features, report.FeatureResult{Feature: f, Discovered: ok})
	}
	r.Profile = &report.ProfileResult{Name: "core", Title: "Minimal"}
	if !profilePassed {
		r.Profile.Missing = []string{"collection/volumes"}
	}
	r.Finish()
	if err := report.WriteAll(dir, r); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, report.JSONFile)
}

func threeRuns(t *testing.T) (root string, m Matrix) {
	root = t.TempDir()
	runAt(t, filepath.Join(root, "runs", "acme"), "2.0", &report.Implementation{Organization: "Acme", Product: "Cloud", Version: "1"}, true,
		map[string]report.Status{"machine.stop|json": report.Pass, "machine.stop|xml": report.Pass, "machine.start|json": report.Pass},
		map[string]bool{"collection/machines": true, "collection/volumes": true})
	runAt(t, filepath.Join(root, "runs", "beta"), "2.0", nil, false,
		map[string]report.Status{"machine.stop|json": report.Pass, "machine.stop|xml": report.Fail, "machine.start|json": report.Pass},
		map[string]bool{"collection/machines": true, "collection/volumes": false})
	runAt(t, filepath.Join(root, "runs", "gamma"), "1.1", nil, true,
		map[string]report.Status{"machine.stop|json": report.Warn, "volume.create|json": report.Pass},
		map[string]bool{"collection/machines": true})
	paths, err := Find([]string{filepath.Join(root, "runs")})
	if err != nil {
		t.Fatal(err)
	}
	ins, err := Read(paths)
	if err != nil {
		t.Fatal(err)
	}
	return root, Build(ins, filepath.Join(root, "matrix"))
}

func row(m Matrix, kind, key string) *Row {
	for i := range m.Rows {
		if m.Rows[i].Kind == kind && m.Rows[i].Key == key {
			return &m.Rows[i]
		}
	}
	return nil
}

func TestBuild(t *testing.T) {
	_, m := threeRuns(t)
	var labels []string
	for _, c := range m.Columns {
		labels = append(labels, c.Label)
	}
	if got := strings.Join(labels, ", "); got != "Acme Cloud 1, beta.example, gamma.example" {
		t.Errorf("columns %s", got)
	}
	if !m.MixedVersions {
		t.Error("a 1.1 run beside 2.0 runs is not marked")
	}
	stop := row(m, KindCheck, "machine.stop")
	if stop == nil || !stop.Differs || stop.Cells[0].Status != "pass" || stop.Cells[1].Status != "fail" || stop.Cells[2].Status != "warn" {
		t.Fatalf("machine.stop row %+v", stop)
	}
	if c := stop.Cells[1]; c.Link != "../runs/beta/report.html#r-machine.stop--Machine--action--xml" ||
		c.Exchange != "../runs/beta/report.html#x-3" || !strings.Contains(c.Detail, "1 of 2 subjects") {
		t.Errorf("the failing cell %+v", c)
	}
	if r := row(m, KindCheck, "machine.start"); r.Differs || r.Cells[2].Status != "" {
		t.Errorf("machine.start: %+v", r)
	}
	if r := row(m, KindCheck, "volume.create"); r.Differs || r.Cells[0].Status != "" || r.Cells[2].Status != "pass" {
		t.Errorf("volume.create, judged in one run only: %+v", r)
	}
	if r := row(m, KindFeature, "collection/volumes"); !r.Differs || r.Cells[1].Status != "not advertised" || r.Cells[2].Status != "" {
		t.Errorf("collection/volumes: %+v", r)
	}
	if r := row(m, KindProfile, "core"); !r.Differs || r.Cells[1].Status != "not passed" {
		t.Errorf("profile core: %+v", r)
	}
	if m.Differences != 3 {
		t.Errorf("%d differences, want 3 (machine.stop, collection/volumes, core)", m.Differences)
	}
	var md bytes.Buffer
	if err := WriteMarkdown(&md, m); err != nil {
		t.Fatal(err)
	}
	if s := md.String(); !strings.Contains(s, "| ≠ | `machine.stop` | [pass](../runs/acme/report.html#r-machine.stop--Machine--action--json) | [fail](") ||
		!strings.Contains(s, "different CIMI versions") {
		t.Errorf("matrix.md:\n%s", s)
	}
}

func TestFindRefusesAFolderWithoutResults(t *testing.T) {
	if _, err := Find([]string{t.TempDir()}); err == nil || !strings.Contains(err.Error(), "holds no results.json") {
		t.Errorf("got %v", err)
	}
}

// matrix.html opens offline, its links reach each run's report, and its
// filter shows the rows where the runs disagree.
func TestMatrixInBrowser(t *testing.T) {
	if browser.Find() == "" {
		t.Skip("did not run: no Chromium on this machine (make test installs Debian's chromium when it can)")
	}
	root, m := threeRuns(t)
	out := filepath.Join(root, "matrix")
	if err := WriteAll(out, m); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(out, HTMLFile)
	p := browser.Open(t, page)
	if n := p.Visible(t, "#matrix tr[data-kind]"); n != len(m.Rows) {
		t.Errorf("%d rows shown, want %d", n, len(m.Rows))
	}
	p.Do(t, browser.Click("#only-differences"))
	if n := p.Visible(t, "#matrix tr[data-kind]"); n != m.Differences {
		t.Errorf("only differences: %d rows shown, want %d", n, m.Differences)
	}
	p.Do(t, browser.Click("#only-differences"), browser.Choose("#kind", "check"), browser.Type("#search", "volume"))
	if n := p.Visible(t, "#matrix tr[data-kind]"); n != 1 {
		t.Errorf("checks matching volume: %d rows shown, want 1", n)
	}
	if n := p.Visible(t, "#mixed"); n != 1 {
		t.Error("the mixed-version banner is not shown")
	}
	// Every link of a cell leads to a file that exists.
	links := p.Eval(t, `Array.from(document.querySelectorAll('#matrix td a')).map(a => a.href).join('\n')`)
	for _, l := range strings.Split(links, "\n") {
		file := strings.TrimPrefix(strings.SplitN(l, "#", 2)[0], "file://")
		if _, err := os.Stat(file); err != nil {
			t.Errorf("a cell links to %s: %v", l, err)
		}
	}
	if out := p.Outside(page); len(out) > 0 {
		t.Errorf("the matrix asked for %v", out)
	}
	if errs := p.ScriptErrors(); len(errs) > 0 {
		t.Errorf("the matrix's script threw %v", errs)
	}
}
