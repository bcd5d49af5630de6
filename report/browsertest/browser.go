// Package browsertest drives a headless Chromium for the tests of the HTML
// pages cimitest writes: it opens a page from disk, records every request
// the page makes (a self-contained page makes none), and counts what is
// shown after a click or a key.
package browsertest

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// PageTimeout bounds everything one test does in the browser.
const PageTimeout = 90 * time.Second

// Find gives the path of a Chromium, or "" when there is none.
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Page is one page open in a headless Chromium.
type Page struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	errors   []string
	// Load is how long the page took to load and run its script.
	Load time.Duration
}

// Open loads the file in a new headless Chromium. Without Chromium the test
// is skipped and says so: `make test` installs it from Debian when it can.
func Open(t testing.TB, file string) *Page {
	t.Helper()
	exe := Find()
	if exe == "" {
		t.Skip("did not run: no Chromium on this machine (make test installs Debian's chromium when it can)")
	}
	p := &Page{}
	var err error
	for attempt := 1; attempt <= startAttempts; attempt++ {
		if err = p.start(t, exe); err == nil {
			break
		}
		t.Logf("Chromium did not start (attempt %d of %d): %v", attempt, startAttempts, err)
	}
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	start := time.Now()
	if err := chromedp.Do(p.ctx, chromedp.Navigate("file://"+file), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("opening %s in Chromium: %v", file, err)
	}
	p.Load = time.Since(start)
	return p
}

// startAttempts bounds the starts of Chromium: Debian's wrapper now and then
// exits before the browser is up on a loaded machine.
const startAttempts = 3

// start starts a browser with a blank tab and listens to it.
func (p *Page) start(t testing.TB, exe string) error {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1400, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, PageTimeout)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	p.ctx = ctx
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`1`)); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	return chromedp.Listen(ctx, p.record)
}

// record keeps the requests the page makes and the errors its script throws.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		p.errors = append(p.errors, ev.ExceptionDetails.Text+" "+describe(ev.ExceptionDetails.Exception))
	}
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	return o.Description
}

// Do runs browser actions, failing the test on an error.
func (p *Page) Do(t testing.TB, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		t.Fatalf("in the browser: %v", err)
	}
}

// Visible counts the elements matching the CSS selector that are rendered
// (not hidden by a filter).
func (p *Page) Visible(t testing.TB, selector string) int {
	t.Helper()
	js := fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).filter(e => e.getClientRects().length > 0).length`, selector)
	n, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](js))
	if err != nil {
		t.Fatalf("in the browser: %v", err)
	}
	return n
}

// Eval evaluates a JavaScript expression that gives a string.
func (p *Page) Eval(t testing.TB, js string) string {
	t.Helper()
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("in the browser: %v", err)
	}
	return s
}

// Choose selects a value of a <select> and tells the page, as a person's
// choice would.
func Choose(selector, value string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(function(){var s=document.querySelector(%q); s.value=%q; if (s.value !== %q) throw new Error('no option %s'); s.dispatchEvent(new Event('change'));})()`,
		selector, value, value, value)
	return chromedp.Evaluate[chromedp.Void](js)
}

// Click clicks the first element matching the CSS selector.
func Click(selector string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(selector))
}

// Type types text into the first element matching the CSS selector.
func Type(selector, text string) chromedp.Action[chromedp.Void] {
	return chromedp.SendKeys(chromedp.CSS(selector), text)
}

// GoTo follows a link to the fragment, as a click on a permalink does, and
// waits for the page to handle it.
func GoTo(fragment string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`new Promise(function (done) {
		window.addEventListener('hashchange', function () { setTimeout(done, 0); }, {once: true});
		location.hash = %q;
	})`, "#"+fragment)
	return chromedp.Evaluate[chromedp.Void](js, chromedp.EvalAwaitPromise)
}

// Outside lists the requests the page made for anything but its own file.
func (p *Page) Outside(file string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, u := range p.requests {
		if !strings.HasPrefix(u, "file://"+file) && !strings.HasPrefix(u, "data:") {
			out = append(out, u)
		}
	}
	return out
}

// ScriptErrors lists the exceptions the page's script threw.
func (p *Page) ScriptErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}
