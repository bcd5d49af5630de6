// Package suites holds the Ginkgo scenarios of cimitest, one file per area,
// and Run, the one entry point that aims them at a CIMI endpoint. Run also
// embeds in a vendor's own `go test`.
package suites

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	"github.com/onsi/ginkgo/v2/formatter"
	"github.com/onsi/ginkgo/v2/types"

	"github.com/cimitest/cimitest/profiles"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// Timeouts are the named waits of a run (docs/design.md, "Waits and timeouts").
type Timeouts struct {
	Request time.Duration // one HTTP exchange
	Job     time.Duration // a Job to end
	State   time.Duration // a resource to reach a state
	Cleanup time.Duration // the whole cleanup
	Run     time.Duration // the scenarios, after which the run stops and cleans up
}

// The flags that set each named wait, for the messages that say one ran out.
const (
	flagTimeoutJob     = "--timeout-job"
	flagTimeoutState   = "--timeout-state"
	flagTimeoutCleanup = "--timeout-cleanup"
)

// Config is what a run needs.
type Config struct {
	Endpoint      string         // the Cloud Entry Point URL
	Version       string         // "auto", "1.1" or "2.0"
	Formats       []model.Format // serializations to exercise
	User          string         // HTTP Basic user
	Password      string         // HTTP Basic password
	Token         string         // bearer token
	CAFile        string         // extra CA bundle
	Insecure      bool           // skip TLS verification
	LabelFilter   string         // Ginkgo label filter
	Focus         []string       // Ginkgo focus regexps
	ReadOnly      bool           // send no mutating request
	KeepResources bool           // leave created resources in place
	// ImageLocation is the imageLocation of the MachineImage the run
	// registers; aim it at a real image for a real cloud.
	ImageLocation string
	// CrawlLimit bounds the resources the crawl reads; CrawlSample is how
	// many items of each collection it follows.
	CrawlLimit  int
	CrawlSample int
	Timeouts    Timeouts
	Backoff     client.Backoff
	// Profile, when set, names the features the endpoint must claim and the
	// checks that judge it; the results hold only those checks.
	Profile *profiles.Profile
	// Claims are the features the vendor says the endpoint offers (its
	// --claims file); ClaimsFile names the file in the reports.
	Claims     []features.Feature
	ClaimsFile string
	// Transcript receives every exchange as JSON Lines when set.
	Transcript io.Writer
	// Reference says the endpoint is the embedded reference server.
	Reference bool
	// ReferenceFaults and ReferenceVariations are the switches it has on
	// (for the report).
	ReferenceFaults, ReferenceVariations []string
	// ToolVersion goes into the reports.
	ToolVersion string
	// Implementation names who is tested, for the reports.
	Implementation report.Implementation
	// How the console shows the run (progress.go): Live redraws one status
	// line (for a terminal); otherwise each finished step gets a line.
	// Quiet says only failures, messages and the summary; Verbose adds
	// every wait and the reason of each step that judged nothing.
	Live, Quiet, Verbose bool
	// Parallel is how many scenarios run at the same time, each unit in a
	// worker process (parallel.go); below 2, or without StartWorker, the
	// run happens in this process.
	Parallel int
	// StartWorker gives the command of a worker process: this program,
	// which will find WorkerEnv in its environment and call Work.
	StartWorker func() *exec.Cmd
	// Worker is set in a worker process: where its parent handed it the run.
	Worker *Worker
	// AllowOrigins are origins (scheme://host:port) besides the endpoint's
	// that the run may send requests and credentials to.
	AllowOrigins []string
	// MaxBody is the largest answer the run reads (bytes); MaxDepth the
	// deepest nesting of a representation it decodes.
	MaxBody  int64
	MaxDepth int
	// HandleSignals makes the run take SIGINT and SIGTERM (the CLI): the
	// first stops the scenarios and cleans up, the second stops the cleanup,
	// the third stops waiting for writes in flight. Without it, cancelling
	// the context passed to Run is the first stage.
	HandleSignals bool
	// Log receives what the run says while it runs (interrupts, cleanup).
	Log io.Writer
	// PackageListen is where the run's OVF package host listens
	// (host:port); PackageURL the URL the Provider reaches it at (default:
	// http:// and the address it listens on). Without PackageListen the
	// host listens on a free loopback port, for an endpoint on loopback
	// only.
	PackageListen, PackageURL string
}

// consoleMode is how the console shows the run.
func (c *Config) consoleMode() consoleMode {
	switch {
	case c.Quiet:
		return quietMode
	case c.Verbose:
		return verboseMode
	case c.Live:
		return liveMode
	}
	return linesMode
}

// DefaultTimeouts suit a real cloud; the reference server needs far less.
var DefaultTimeouts = Timeouts{Request: 30 * time.Second, Job: 10 * time.Minute, State: 10 * time.Minute,
	Cleanup: 10 * time.Minute, Run: 6 * time.Hour}

// UsageError marks a run that could not happen: bad configuration, an
// endpoint that cannot be reached or is not CIMI. The CLI exits 2 on it.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usage(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// runEnv is the state of the run the scenarios read.
type runEnv struct {
	ctx    context.Context // the scenarios' context: done once the run stops
	ctl    *control
	cfg    Config
	client *client.Client
	rec    *recorder
	ledger *ledger
	plan   *plan
	runID  string
	prefix string

	version model.Version
	cepURL  string
	cep     *model.Node
	jobs    bool               // the Provider exposes Jobs (CEP jobs)
	ep      *features.Endpoint // what the endpoint claims

	// inapplicable keeps, per check, every reason a step gave for not
	// judging it (guarded by mu).
	inapplicable map[*checks.Check][]string
	mu           sync.Mutex // guards notes
	suiteReport  *types.Report
	// stepSeq numbers the steps as the tree is built; previewing is set
	// while Ginkgo previews it.
	stepSeq    atomic.Int64
	previewing atomic.Bool
	errors     []string
	notes      []string
	leaks      []report.Leak

	con       teller   // the console, or a worker's parent
	console   *console // the console of a run that has one
	discovery *discoveryRecorder
	// units numbers the units (parallel.go) in declaration order; unitNow
	// is the unit recording now.
	units      map[string]int
	quietUnits map[string]bool
	unitNow    atomic.Int64
	share      *claims // a worker's share of the units
	workDir    string  // where a parent and its workers meet
	workers    int     // how many worker processes ran the scenarios
	// lastUnit is the unit this process ran last (for the console).
	lastUnit string

	// pending are the background jobs of steps (T.later).
	pending sync.WaitGroup

	// pkgHost is the run's OVF package host, started on first use;
	// pkgWhy says why there is none.
	pkgOnce sync.Once
	pkgHost *packageHost
	pkgWhy  string

	prepare    func() error // makes the run ready before its first step
	ready      sync.Once
	prepareErr error
}

// ran guards Ginkgo's global suite, which runs once per process: one run
// per process, by Run, Test or Register.
var ran atomic.Bool

func claimProcess() error {
	if !ran.CompareAndSwap(false, true) {
		return errors.New("the scenarios run once per process (Ginkgo runs its global suite once): start another process for another run")
	}
	return nil
}

// Run aims the scenarios at cfg.Endpoint and returns what they found. It can
// run once per process (Ginkgo runs one suite per process). A *UsageError
// means the run could not happen; the results then say why, for the reports.
func Run(ctx context.Context, cfg Config) (*report.Results, error) {
	started := time.Now()
	e, err := newRun(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer e.ctl.release()
	defer e.console.close()
	defer e.closePackageHost()
	if r, err := e.open(started); r != nil || err != nil {
		return r, err
	}
	if err := claimProcess(); err != nil {
		return nil, err
	}
	e.declare(nil)
	if e.plan, err = e.makePlan(); err != nil {
		return nil, err
	}
	if e.parallel() {
		e.runWorkers()
	} else {
		e.runSpecs()
	}
	return e.close(started), nil
}

// parallel reports whether the run's scenarios run in workers.
func (e *runEnv) parallel() bool { return e.cfg.Parallel > 1 && e.cfg.StartWorker != nil }

// newRun checks the configuration and makes the run's client and stop
// control; nothing is sent yet.
func newRun(ctx context.Context, cfg Config) (*runEnv, error) {
	if err := cfg.complete(); err != nil {
		return nil, err
	}
	con := newConsole(cfg.Log, cfg.consoleMode())
	ctl := newControl(ctx, con, cfg.Timeouts.Run)
	if cfg.HandleSignals {
		ctl.handleSignals()
	}
	e := &runEnv{ctx: ctl.run, ctl: ctl, cfg: cfg, rec: newRecorder(), ledger: newLedger(), runID: newRunID(),
		con: con, console: con}
	e.prefix = "cimitest-" + e.runID
	e.unitNow.Store(unitDiscovery)
	e.rec.unit = func() int { return int(e.unitNow.Load()) }
	var wrap func(http.RoundTripper) http.RoundTripper
	if e.parallel() {
		e.discovery = &discoveryRecorder{on: true, limit: cfg.MaxBody}
		wrap = e.discovery.wrap
	}
	c, err := client.New(client.Config{Timeout: cfg.Timeouts.Request, User: cfg.User, Password: cfg.Password,
		Token: cfg.Token, CAFile: cfg.CAFile, Insecure: cfg.Insecure, ReadOnly: cfg.ReadOnly, Transcript: cfg.Transcript,
		Origins: append([]string{cfg.Endpoint}, cfg.AllowOrigins...), Guard: guard{e}, Context: ctl.run, MaxBody: cfg.MaxBody,
		Wrap: wrap})
	if err != nil {
		ctl.release()
		con.close()
		return nil, &UsageError{Err: err}
	}
	e.client = c
	model.SetMaxDepth(cfg.MaxDepth)
	return e, nil
}

// open discovers the endpoint and checks the profile against it. When the
// run cannot go on it returns the results that say why (and the error, for
// a run that could not happen rather than one that was interrupted).
func (e *runEnv) open(started time.Time) (*report.Results, error) {
	if err := e.discover(); err != nil {
		if errors.Is(err, features.ErrBrokenEntryPoint) {
			// A run that happened, and failed at its first check.
			r := e.notRun(started, err)
			r.Checks = e.rec.list()
			r.Finish()
			return r, nil
		}
		if e.stopped() {
			r := e.notRun(started, err)
			r.Run.Outcome, r.Run.Stopped = report.OutcomeInterrupted, "it was interrupted during discovery"
			r.Finish()
			return r, nil
		}
		return e.notRun(started, err), err
	}
	if p := e.cfg.Profile; p != nil {
		if !p.AppliesTo(e.version) {
			err := usage("the profile %s is for CIMI %s; the endpoint speaks CIMI %s", p.Name, strings.Join(p.Versions, " and "), e.version)
			return e.notRun(started, err), err
		}
	}
	e.keepProfile()
	return nil, nil
}

// keepProfile makes the results hold only the profile's checks (and the
// claims check the vendor asked for).
func (e *runEnv) keepProfile() {
	if p := e.cfg.Profile; p != nil {
		e.rec.keep = func(c *checks.Check) bool { return p.Selects(c) || e.judgesClaims(c.ID) }
	}
}

// close ends a run whose scenarios are over: it cleans up and gives the
// results.
func (e *runEnv) close(started time.Time) *report.Results {
	e.con.tell(event{Kind: kindUnit, Text: "cleaning up"})
	e.ctl.enterCleanup()
	e.leaks = e.cleanup()
	return e.results(started)
}

// declare puts the run's scenarios into Ginkgo's global suite, each area a
// top-level container (Ginkgo orders those by its seed). Before its body,
// every step makes the run ready once (prepare, nil when the run is ready),
// and checks that the run has not stopped and that the step is this
// process's to run (beforeStep). That is done by the steps themselves, not
// by a top-level BeforeEach: Ginkgo's preview of the tree (selection.go)
// leaves the suite without the top-level setup nodes it had.
func (e *runEnv) declare(prepare func() error) {
	e.prepare = prepare
	ReportAfterSuite("cimitest results", func(r Report) {
		if !e.previewing.Load() {
			e.suiteReport = &r
		}
	})
	for _, declare := range scenarios {
		declare(e)
	}
}

// beforeStep readies a step: it skips the step of another worker's unit,
// makes the run ready before the first step, and skips every step once the
// run has stopped.
func (e *runEnv) beforeStep() {
	report := CurrentSpecReport()
	if !e.runsHere(report.ContainerHierarchyTexts) {
		Skip(otherWorker)
	}
	e.unitNow.Store(int64(e.unitOf(report.ContainerHierarchyTexts)))
	e.ready.Do(func() {
		// Ginkgo has taken SIGINT and SIGTERM for itself by now; the run
		// takes them back, so that an interrupt means what control.go says.
		e.ctl.takeSignals()
		if e.prepare != nil {
			e.prepareErr = e.prepare()
		}
	})
	if e.prepareErr != nil {
		Fail("cimitest: " + e.prepareErr.Error())
	}
	if e.stopped() {
		Skip(e.stopReason())
	}
}

// runSpecs runs the planned steps.
func (e *runEnv) runSpecs() {
	suiteCfg, repCfg := GinkgoConfiguration()
	suiteCfg.LabelFilter = e.plan.filter
	suiteCfg.FocusStrings = nil
	// --timeout-run stops the run itself; Ginkgo's own limit only backs it.
	suiteCfg.Timeout = e.cfg.Timeouts.Run + time.Hour
	// A step stopped by an interrupt ends once its write in flight is
	// answered: Ginkgo waits that long for it.
	suiteCfg.GracePeriod = e.cfg.Timeouts.Request + 5*time.Second
	suiteCfg.RandomSeed = 1
	repCfg.NoColor = true
	repCfg.Succinct = !e.cfg.Verbose
	repCfg.Verbose = e.cfg.Verbose
	e.resetStepLabels()
	// The run's console (progress.go) tells what Ginkgo's would.
	formatter.ColorableStdOut = io.Discard
	RunSpecs(failer{}, "cimitest", suiteCfg, repCfg)
	e.pending.Wait()
}

// failer satisfies Ginkgo's testing interface outside `go test`; the verdict
// comes from the results, not from it.
type failer struct{}

func (failer) Fail() {}

// stopped reports whether the scenarios were stopped early.
func (e *runEnv) stopped() bool {
	stopped, _ := e.ctl.stopped()
	return stopped
}

// stopReason says why the scenarios stopped early ("" when they did not).
func (e *runEnv) stopReason() string {
	stopped, cause := e.ctl.stopped()
	switch {
	case !stopped:
		return ""
	case errors.Is(cause, errTimeoutRun):
		return fmt.Sprintf("not judged: the run stopped when --timeout-run (%s) ran out", e.cfg.Timeouts.Run)
	}
	return "not judged: the run was interrupted"
}

// makePlan decides which steps run (selection.go).
func (e *runEnv) makePlan() (*plan, error) {
	var user types.LabelFilter
	if sel := e.selectionFilter(); sel != "" {
		var err error
		if user, err = types.ParseLabelFilter(sel); err != nil {
			return nil, usage("bad --label-filter: %v", err)
		}
	}
	var focus []*regexp.Regexp
	for _, f := range e.cfg.Focus {
		re, err := regexp.Compile(f)
		if err != nil {
			return nil, usage("bad --focus %q: %v", f, err)
		}
		focus = append(focus, re)
	}
	base, err := types.ParseLabelFilter(e.baseFilter())
	if err != nil {
		return nil, err
	}
	// Every step may judge the pervasive checks on what it reads and sends:
	// the user's filter sees their labels on every step.
	var pervasive []string
	for _, c := range checks.Pervasive() {
		pervasive = append(pervasive, c.ID)
	}
	chosen := func(labels []string, text string) bool {
		if user != nil && !user(append(slices.Clip(labels), pervasive...)) {
			return false
		}
		if len(focus) == 0 {
			return true
		}
		for _, re := range focus {
			if re.MatchString(text) {
				return true
			}
		}
		return false
	}
	return e.makePlanFrom(func(l []string, _ string) bool { return base(l) }, chosen, namedChecks(e.cfg.LabelFilter))
}

func newRunID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// complete fills defaults and checks the configuration.
func (c *Config) complete() error {
	if c.Endpoint == "" {
		return usage("no endpoint: give --endpoint with the Cloud Entry Point URL")
	}
	if err := c.takeUserinfo(); err != nil {
		return err
	}
	if err := c.check(); err != nil {
		return err
	}
	c.defaults()
	return nil
}

// check refuses settings that cannot work.
func (c *Config) check() error {
	for _, o := range c.AllowOrigins {
		if _, err := client.Origin(o); err != nil || !strings.Contains(o, "://") {
			return usage("--allow-origin %q is not an origin such as https://images.example.com:8443", o)
		}
	}
	if c.Version != "" && c.Version != "auto" {
		if _, err := model.ParseVersion(c.Version); err != nil {
			return usage("%v", err)
		}
	}
	if c.Parallel < 0 || (c.Parallel == 0 && c.StartWorker != nil) {
		return usage("--parallel %d: give 1 or more (1 runs the scenarios one after the other)", c.Parallel)
	}
	if c.User != "" && c.Token != "" {
		return usage("give either --user/--password or --token, not both")
	}
	if c.LabelFilter != "" {
		if _, err := types.ParseLabelFilter(c.LabelFilter); err != nil {
			return usage("bad --label-filter: %v", err)
		}
	}
	return nil
}

// defaults fills what was not set.
func (c *Config) defaults() {
	if c.Version == "" {
		c.Version = "auto"
	}
	setDefault(&c.CrawlLimit, 500)
	setDefault(&c.CrawlSample, 10)
	setDefault(&c.MaxDepth, model.DefaultMaxDepth)
	setDefault(&c.MaxBody, client.DefaultMaxBody)
	setDefault(&c.Timeouts.Request, DefaultTimeouts.Request)
	setDefault(&c.Timeouts.Job, DefaultTimeouts.Job)
	setDefault(&c.Timeouts.State, DefaultTimeouts.State)
	setDefault(&c.Timeouts.Cleanup, DefaultTimeouts.Cleanup)
	setDefault(&c.Timeouts.Run, DefaultTimeouts.Run)
	if c.ImageLocation == "" {
		c.ImageLocation = "http://images.cimitest.invalid/cimitest.qcow2"
	}
	if len(c.Formats) == 0 {
		c.Formats = []model.Format{model.JSON, model.XML}
	}
	if c.Backoff == (client.Backoff{}) {
		c.Backoff = client.DefaultBackoff
	}
}

// setDefault sets *p to def when it is not positive.
func setDefault[N int | int64 | time.Duration](p *N, def N) {
	if *p <= 0 {
		*p = def
	}
}

// takeUserinfo takes credentials written into the endpoint URL
// (https://alice:pw@host/…) as the run's, and removes them from the URL, so
// that they are never recorded: every report names the endpoint.
func (c *Config) takeUserinfo() error {
	endpoint, user, pw, err := TakeUserinfo(c.Endpoint, c.User, c.Password, c.Token)
	if err != nil {
		return &UsageError{Err: err}
	}
	c.Endpoint, c.User, c.Password = endpoint, user, pw
	return nil
}

// TakeUserinfo returns endpoint without the credentials written into it,
// and the credentials to use: those of the URL, which must then agree with
// user and password, or user and password themselves.
func TakeUserinfo(endpoint, user, password, token string) (string, string, string, error) {
	u, err := url.Parse(endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		shown := endpoint
		if err == nil {
			shown = u.Redacted()
		} else if i := strings.LastIndex(shown, "@"); i >= 0 {
			shown = "…@" + shown[i+1:]
		}
		return "", "", "", fmt.Errorf("the endpoint %q is not an http:// or https:// URL", shown)
	}
	if u.User == nil {
		return endpoint, user, password, nil
	}
	name := u.User.Username()
	pw, _ := u.User.Password()
	u.User = nil
	switch {
	case token != "":
		return "", "", "", errors.New("the endpoint URL carries credentials and --token was given too: give one of them")
	case user != "" && (user != name || password != pw):
		return "", "", "", errors.New("the endpoint URL carries credentials that differ from --user/--password: give one of them")
	}
	return u.String(), name, pw, nil
}

// baseFilter selects the steps this run can run at all: its
// serializations, its CIMI version, no writes in read-only mode.
func (e *runEnv) baseFilter() string {
	var fs []string
	for _, f := range e.cfg.Formats {
		fs = append(fs, string(f))
	}
	parts := []string{"(" + strings.Join(fs, " || ") + ")"}
	if e.cfg.ReadOnly {
		parts = append(parts, "!"+labelMutating)
	}
	parts = append(parts, "!"+otherVersionLabel(e.version))
	return strings.Join(parts, " && ")
}

// selectionFilter is what the user and the profile select: the user's
// --label-filter, and the steps judging any check the profile includes
// (what it excludes is dropped from the results, not from the steps it
// shares). "" selects everything.
func (e *runEnv) selectionFilter() string {
	var parts []string
	if e.cfg.LabelFilter != "" {
		parts = append(parts, "("+e.cfg.LabelFilter+")")
	}
	if p := e.cfg.Profile; p != nil && !slices.Contains(p.Include, "all") {
		include := p.Include
		if e.cfg.ClaimsFile != "" {
			include = append(slices.Clip(include), checks.ClaimsMatch.ID)
		}
		parts = append(parts, "("+strings.Join(include, " || ")+")")
	}
	return strings.Join(parts, " && ")
}

// judgesClaims reports whether id is the claims check of a run given a
// claim file: a profile run judges it too, as the vendor asked for it.
func (e *runEnv) judgesClaims(id string) bool {
	return e.cfg.ClaimsFile != "" && id == checks.ClaimsMatch.ID
}

// Version labels keep the scenarios of one CIMI version away from the other.
const (
	labelV1 = "cimi-1"
	labelV2 = "cimi-2"
)

func otherVersionLabel(v model.Version) string {
	if v == model.V1 {
		return labelV2
	}
	return labelV1
}

// addError records that the suite itself went wrong somewhere.
func (e *runEnv) addError(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.errors = append(e.errors, s)
}

// note records something a reader of the report should know that is not a
// verdict on the endpoint (a limit the run reached, say).
func (e *runEnv) note(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !slices.Contains(e.notes, s) {
		e.notes = append(e.notes, s)
	}
}

// claims reports whether the endpoint claims f.
func (e *runEnv) claims(f features.Feature) bool {
	claimed, _ := e.ep.Features.Has(f)
	return claimed
}

// featureResults lists what the endpoint claims, with what the profile
// requires and what the vendor claims, so that the reports can show where
// they part.
func (e *runEnv) featureResults() []report.FeatureResult {
	byName := map[features.Feature]*report.FeatureResult{}
	var order []features.Feature
	get := func(f features.Feature) *report.FeatureResult {
		if fr := byName[f]; fr != nil {
			return fr
		}
		fr := &report.FeatureResult{Feature: string(f), Source: features.Where(f)}
		if c, ok := e.ep.Features.Claim(f); ok {
			fr.Discovered, fr.Source, fr.Value = true, c.Source, c.Value
		}
		byName[f] = fr
		order = append(order, f)
		return fr
	}
	for _, f := range e.ep.Features.List() {
		get(f)
	}
	if p := e.cfg.Profile; p != nil {
		for _, f := range p.Features() {
			get(f).Required = true
		}
	}
	if e.cfg.ClaimsFile != "" {
		claimed := map[features.Feature]bool{}
		for _, f := range e.cfg.Claims {
			claimed[f] = true
			get(f)
		}
		for _, f := range order {
			c := claimed[f]
			byName[f].Claimed = &c
		}
	}
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	out := make([]report.FeatureResult, len(order))
	for i, f := range order {
		out[i] = *byName[f]
	}
	return out
}

// noteInapplicable keeps why a step did not judge c.
func (e *runEnv) noteInapplicable(c *checks.Check, reason string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inapplicable == nil {
		e.inapplicable = map[*checks.Check][]string{}
	}
	if !slices.Contains(e.inapplicable[c], reason) {
		e.inapplicable[c] = append(e.inapplicable[c], reason)
	}
}

func (e *runEnv) inapplicableReasons(c *checks.Check) string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return strings.Join(slices.Sorted(slices.Values(e.inapplicable[c])), "; ")
}

// results assembles the report model.
func (e *runEnv) results(started time.Time) *report.Results {
	e.markSkipped()
	e.unitNow.Store(unitUnjudged)
	for _, c := range checks.All() {
		if !c.AppliesTo(e.version) || e.rec.judged(c.ID) {
			continue
		}
		reason := "no scenario judged it in this run"
		if e.cfg.LabelFilter != "" {
			reason = "left out by --label-filter " + e.cfg.LabelFilter + ": no scenario it kept judged it"
		}
		if why := e.inapplicableReasons(c); why != "" {
			reason = why
		}
		switch {
		case c.Untestable != "":
			reason = "not testable from outside: " + c.Untestable
		case e.cfg.ReadOnly && c.Mutating:
			reason = "read-only mode: the check needs to create or change resources"
		}
		e.rec.record(c, subject{}, report.NotTested, reason, "", "", "", nil)
	}
	formats := make([]string, len(e.cfg.Formats))
	for i, f := range e.cfg.Formats {
		formats[i] = string(f)
	}
	r := &report.Results{
		Tool:           e.tool(),
		Implementation: e.implementation(),
		Run:            e.runInfo(started, formats),
		Checks:         e.rec.list(),
		Exchanges:      e.client.Pinned(),
		Leaks:          e.leaks,
		Errors:         e.errors,
		Notes:          append(e.notes, e.foreignNotes()...),
		Features:       e.featureResults(),
	}
	if e.plan != nil {
		r.Run.Steps, r.Run.Selected, r.Run.Asked = e.plan.steps, e.plan.selected, e.plan.asked
		if n := len(e.plan.because); n > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("%d steps ran only because a selected step of their ordered scenario builds on them; their results are reported too", n))
		}
	}
	if stopped, cause := e.ctl.stopped(); stopped {
		r.Run.Outcome, r.Run.Stopped = report.OutcomeInterrupted, "it was interrupted"
		if errors.Is(cause, errTimeoutRun) {
			r.Run.Outcome = report.OutcomeTimedOut
			r.Run.Stopped = fmt.Sprintf("--timeout-run (%s) ran out", e.cfg.Timeouts.Run)
		}
	}
	if p := e.cfg.Profile; p != nil {
		r.Run.Profile = p.Name
		r.Profile = &report.ProfileResult{Name: p.Name, Title: p.Title, Source: p.Source}
		for _, f := range p.Features() {
			if !e.claims(f) {
				r.Profile.Missing = append(r.Profile.Missing, string(f))
			}
		}
	}
	r.Minimal = e.minimalConformance(r.Checks)
	if e.console != nil {
		r.Timing = e.console.timing()
		r.Timing.Workers = max(1, e.workers)
	}
	if e.suiteReport != nil && e.suiteReport.SpecialSuiteFailureReasons != nil && !e.stopped() {
		for _, reason := range e.suiteReport.SpecialSuiteFailureReasons {
			r.Errors = append(r.Errors, "run: "+reason)
		}
	}
	r.Finish()
	return r
}

// tool names this build of cimitest and its catalogue for the reports.
func (e *runEnv) tool() report.Tool {
	return report.Tool{Name: "cimitest", Version: e.cfg.ToolVersion, Catalogue: checks.Digest()}
}

// implementation is who the run was told it judges, if anyone.
func (e *runEnv) implementation() *report.Implementation {
	if e.cfg.Implementation.Empty() {
		return nil
	}
	impl := e.cfg.Implementation
	return &impl
}

// runInfo describes the run for the reports.
func (e *runEnv) runInfo(started time.Time, formats []string) report.Run {
	return report.Run{ID: e.runID, Started: started, Finished: time.Now(), Endpoint: e.cfg.Endpoint,
		Reference: e.cfg.Reference, ReferenceFaults: e.cfg.ReferenceFaults, ReferenceVariations: e.cfg.ReferenceVariations,
		CIMIVersion: string(e.version), Formats: formats, ReadOnly: e.cfg.ReadOnly,
		LabelFilter: e.cfg.LabelFilter, Focus: e.cfg.Focus, Exchanges: e.client.Count()}
}

// notRun gives the results of a run that could not happen, so that the
// reports (junit.xml for a CI) still say why.
func (e *runEnv) notRun(started time.Time, err error) *report.Results {
	formats := make([]string, len(e.cfg.Formats))
	for i, f := range e.cfg.Formats {
		formats[i] = string(f)
	}
	r := &report.Results{Tool: e.tool(), Implementation: e.implementation(), Run: e.runInfo(started, formats),
		Exchanges: e.client.Pinned(), Notes: e.foreignNotes()}
	if last := e.client.Last(); last > 0 {
		e.client.Pin(last)
		r.Exchanges = e.client.Pinned()
	}
	r.Run.Outcome, r.Run.Stopped = report.OutcomeNotRun, err.Error()
	r.Finish()
	return r
}

// foreignNotes names the origins the run was pointed at and did not go to.
func (e *runEnv) foreignNotes() []string {
	var out []string
	for _, f := range e.client.ForeignOrigins() {
		out = append(out, fmt.Sprintf("%d requests to %s were not sent: it is another origin than the endpoint's, and credentials go only there "+
			"(first: %s; --allow-origin %s lets the run go there)", f.Count, f.Origin, f.First, f.Origin))
	}
	return out
}

// markSkipped gives the checks of steps that never ran a NotTested result
// with the reason: left out by the user's selection or by read-only mode, or
// skipped after an earlier step failed. Steps of another serialization or
// CIMI version than the run's are simply not part of it.
func (e *runEnv) markSkipped() {
	if e.suiteReport == nil {
		return
	}
	var user types.LabelFilter
	if sel := e.selectionFilter(); sel != "" {
		user, _ = types.ParseLabelFilter(sel)
	}
	for _, sr := range e.suiteReport.SpecReports {
		if sr.LeafNodeType != types.NodeTypeIt {
			continue
		}
		switch sr.State {
		case types.SpecStateSkipped, types.SpecStatePending, types.SpecStateInterrupted, types.SpecStateAborted:
		default:
			continue
		}
		labels := sr.Labels()
		format := e.formatOf(labels)
		if format == "" || slices.Contains(labels, otherVersionLabel(e.version)) || sr.Failure.Message == otherWorker {
			continue
		}
		if e.share != nil {
			// Another worker's unit is its to tell; a unit no worker ran is
			// told by the first worker to claim it now.
			if mine, _ := e.share.claim(unitKey(sr.ContainerHierarchyTexts)); !mine {
				continue
			}
		}
		e.unitNow.Store(int64(unitSkipped + e.unitOf(sr.ContainerHierarchyTexts)))
		reason := "skipped: an earlier step of the scenario failed"
		switch {
		case e.stopped():
			reason = e.stopReason()
		case sr.State == types.SpecStateInterrupted || sr.State == types.SpecStateAborted:
			reason = "the run was interrupted"
		case user != nil && !user(labels):
			reason = "left out by --label-filter " + e.cfg.LabelFilter
		case e.cfg.ReadOnly && slices.Contains(labels, labelMutating):
			reason = "read-only mode: the step creates or changes resources"
		case len(e.cfg.Focus) > 0:
			reason = "not in the --focus selection"
		}
		for _, l := range labels {
			c := checks.Get(l)
			if c == nil || !c.AppliesTo(e.version) {
				continue
			}
			e.rec.record(c, subject{format: format}, report.NotTested, reason, "", "", sr.FullText(), nil)
		}
	}
}

// formatOf finds the serialization label of a step, if it is one the run
// exercises.
func (e *runEnv) formatOf(labels []string) string {
	for _, f := range e.cfg.Formats {
		if slices.Contains(labels, string(f)) {
			return string(f)
		}
	}
	return ""
}

// minimalProfile is the shipped profile of each version's minimal
// conformance clause; 1.x has none.
var minimalProfile = map[model.Version]string{model.V2: "core"}

// minimalConformance judges, in a run without --profile, the minimal
// conformance of the endpoint's version: the features it must advertise and
// the results of the checks that judge them.
func (e *runEnv) minimalConformance(results []report.CheckResult) *report.ProfileResult {
	name, ok := minimalProfile[e.version]
	if e.cfg.Profile != nil || !ok {
		return nil
	}
	p, err := profiles.Load(name)
	if err != nil {
		return nil
	}
	m := &report.ProfileResult{Name: p.Name, Title: p.Title, Source: p.Source, Checks: map[report.Status]int{}}
	for _, f := range p.Features() {
		if !e.claims(f) {
			m.Missing = append(m.Missing, string(f))
		}
	}
	for _, c := range results {
		if id := checks.Get(c.ID); id != nil && p.Selects(id) {
			m.Checks[c.Status]++
		}
	}
	return m
}
