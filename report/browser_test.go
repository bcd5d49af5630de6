package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	browser "github.com/cimitest/cimitest/report/browsertest"
)

// large is a run of n results over several areas, levels, serializations and
// statuses, with evidence for its failures: the size a full run of both
// serializations reaches and more.
func large(n int) *Results {
	r := sample()
	base := r.Checks
	areas := []string{"machines", "protocol", "volumes", "query", "representation"}
	resources := []string{"Machine", "MachineCollection", "Volume", "CloudEntryPoint", "Job"}
	ops := []string{"read", "create", "delete", "action:start", "query"}
	statuses := []Status{Pass, Pass, Pass, Pass, Pass, Pass, Pass, Fail, Warn, NotSupported, NotTested, Error}
	r.Checks = nil
	for i := 0; len(r.Checks) < n; i++ {
		c := base[i%len(base)]
		// 100 checks x 5 resources x 5 operations x 2 serializations: each
		// result its own subject, as in a real run.
		c.ID = fmt.Sprintf("%s.rule-%02d", areas[i%5], i%100)
		c.Area, c.Resource, c.Operation = areas[i%5], resources[(i/100)%5], ops[(i/500)%5]
		c.Format = []string{"json", "xml"}[(i/2500)%2]
		c.Level = []string{"SHALL", "SHOULD", "MAY"}[(i%100/7)%3]
		c.Status = statuses[i%len(statuses)]
		c.Message = fmt.Sprintf("message %d", i)
		if c.Status != Fail {
			c.Evidence = nil
		}
		r.Checks = append(r.Checks, c)
	}
	r.Finish()
	return r
}

// count gives how many results satisfy keep.
func count(r *Results, keep func(CheckResult) bool) int {
	n := 0
	for _, c := range r.Checks {
		if keep(c) {
			n++
		}
	}
	return n
}

// The report's filters, grid links and permalinks, driven in a headless
// Chromium on a report of 5,000 results: each filter shows exactly the
// results it should, and the page asks nothing of the network.
func TestReportFiltersInBrowser(t *testing.T) {
	if browser.Find() == "" {
		t.Skip("did not run: no Chromium on this machine (make test installs Debian's chromium when it can)")
	}
	r := large(5000)
	path := filepath.Join(t.TempDir(), HTMLFile)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(f, r); err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, _ := os.Stat(path)
	p := browser.Open(t, path)
	t.Logf("report of %d results: %d bytes, loaded with its script run in %s (%s)", len(r.Checks), st.Size(), p.Load,
		p.Eval(t, `(function(){var n=performance.getEntriesByType('navigation')[0]; return 'DOM ready after '+Math.round(n.domInteractive)+' ms, script done after '+Math.round(n.domContentLoadedEventEnd)+' ms, load '+Math.round(n.loadEventEnd)+' ms'})()`))

	const rows = "#result-table tbody tr"
	expect := func(what string, want int) {
		t.Helper()
		if got := p.Visible(t, rows); got != want {
			t.Errorf("%s: %d results shown, want %d", what, got, want)
		}
	}
	expect("no filter", len(r.Checks))
	if got := p.Eval(t, `document.getElementById('f-shown').textContent`); got != fmt.Sprintf("%d of %d results shown", len(r.Checks), len(r.Checks)) {
		t.Errorf("the counter says %q", got)
	}

	t.Logf("a filter change over %d results takes %s ms", len(r.Checks), p.Eval(t, `(function(){
		var box = document.querySelector('#filters input[value=fail]'), t0 = performance.now();
		box.click(); box.click();
		return ((performance.now() - t0) / 2).toFixed(0); })()`))
	p.Do(t, browser.Click(`#filters input[value=pass]`))
	expect("without pass", count(r, func(c CheckResult) bool { return c.Status != Pass }))
	p.Do(t, browser.Choose("#f-area", "volumes"))
	expect("without pass, area volumes", count(r, func(c CheckResult) bool { return c.Status != Pass && c.Area == "volumes" }))
	p.Do(t, browser.Choose("#f-level", "SHOULD"), browser.Choose("#f-format", "xml"))
	expect("without pass, volumes, SHOULD, xml", count(r, func(c CheckResult) bool {
		return c.Status != Pass && c.Area == "volumes" && c.Level == "SHOULD" && c.Format == "xml"
	}))

	p.Do(t, browser.Click("#f-reset"), browser.Type("#f-search", "message 4242"))
	expect("search", count(r, func(c CheckResult) bool { return strings.Contains(c.Message, "message 4242") && c.Status != Pass }))

	// The failure cards follow the status filter too.
	p.Do(t, browser.Click("#f-reset"))
	for _, st := range []Status{Fail, Error, Warn} {
		p.Do(t, browser.Click(`#filters input[value=`+string(st)+`]`))
	}
	if n := p.Visible(t, ".card"); n != 0 {
		t.Errorf("%d failure cards shown with fail, error and warn unticked", n)
	}

	// A grid badge lists the results of its subject.
	p.Do(t, browser.Click(`table.grid a[data-filter="Volume action:start [xml]"]`))
	expect("grid Volume action:start [xml]", count(r, func(c CheckResult) bool {
		return c.Resource == "Volume" && c.Operation == "action:start" && c.Format == "xml"
	}))

	// A permalink to a result the filters hide shows it.
	var hidden CheckResult
	for _, c := range r.Checks {
		if c.Status == Pass && c.Resource != "Volume" {
			hidden = c
			break
		}
	}
	p.Do(t, browser.Click(`#filters input[value=pass]`))
	p.Do(t, browser.GoTo(Anchor(hidden)))
	if n := p.Visible(t, "#"+cssEscape(Anchor(hidden))); n != 1 {
		t.Errorf("the permalink #%s does not show its result", Anchor(hidden))
	}
	if n := p.Visible(t, "#"+cssEscape(CheckAnchor(r.Checks[0].ID))); n != 1 {
		t.Errorf("no element for the check permalink %s", CheckAnchor(r.Checks[0].ID))
	}
	if out := p.Outside(path); len(out) > 0 {
		t.Errorf("the report asked for %v", out)
	}
	if errs := p.ScriptErrors(); len(errs) > 0 {
		t.Errorf("the report's script threw %v", errs)
	}
}

// cssEscape escapes the dots of an anchor for a CSS ID selector.
func cssEscape(id string) string { return strings.ReplaceAll(id, ".", `\.`) }
