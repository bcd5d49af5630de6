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
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	"github.com/onsi/ginkgo/v2/types"

	"github.com/cimitest/cimitest/profiles"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// Timeouts are the named waits of a run (principle 6).
type Timeouts struct {
	Request time.Duration // one HTTP exchange
	Job     time.Duration // a Job to end
	State   time.Duration // a resource to reach a state
	Cleanup time.Duration // the whole cleanup
}

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
	// ToolVersion goes into the reports.
	ToolVersion string
	// Output receives Ginkgo's progress lines (os.Stdout when nil... set by
	// the caller); Verbose makes them detailed.
	Verbose bool
}

// DefaultTimeouts suit a real cloud; the reference server needs far less.
var DefaultTimeouts = Timeouts{Request: 30 * time.Second, Job: 10 * time.Minute, State: 10 * time.Minute, Cleanup: 10 * time.Minute}

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
	ctx     context.Context
	cfg     Config
	client  *client.Client
	rec     *recorder
	tracker *tracker
	runID   string
	prefix  string

	version model.Version
	cepURL  string
	cep     *model.Node
	jobs    bool               // the Provider exposes Jobs (CEP jobs)
	ep      *features.Endpoint // what the endpoint claims

	// inapplicable keeps, per check ID, why a step could not judge it.
	inapplicable sync.Map
	mu           sync.Mutex // guards notes
	suiteReport  *types.Report
	errors       []string
	notes        []string
	leaks        []report.Leak
	cleaned      bool
}

// env is set by Run before the specs run; the specs read it.
var env *runEnv

var ran atomic.Bool

// Run aims the scenarios at cfg.Endpoint and returns what they found. It can
// run once per process (Ginkgo runs one suite per process). A *UsageError
// means the run could not happen.
func Run(ctx context.Context, cfg Config) (*report.Results, error) {
	if err := cfg.complete(); err != nil {
		return nil, err
	}
	c, err := client.New(client.Config{Timeout: cfg.Timeouts.Request, User: cfg.User, Password: cfg.Password,
		Token: cfg.Token, CAFile: cfg.CAFile, Insecure: cfg.Insecure, ReadOnly: cfg.ReadOnly, Transcript: cfg.Transcript})
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	e := &runEnv{ctx: ctx, cfg: cfg, client: c, rec: newRecorder(), tracker: newTracker(), runID: newRunID()}
	e.prefix = "cimitest-" + e.runID
	started := time.Now()
	if err := e.discover(); err != nil {
		return nil, err
	}
	if p := cfg.Profile; p != nil {
		if !p.AppliesTo(e.version) {
			return nil, usage("the profile %s is for CIMI %s; the endpoint speaks CIMI %s", p.Name, strings.Join(p.Versions, " and "), e.version)
		}
		e.rec.keep = func(c *checks.Check) bool { return p.Selects(c) || e.judgesClaims(c.ID) }
	}
	if !ran.CompareAndSwap(false, true) {
		return nil, errors.New("suites.Run runs the scenarios once per process (a Ginkgo limit)")
	}
	env = e
	filter := e.labelFilter()
	suiteCfg, repCfg := GinkgoConfiguration()
	suiteCfg.LabelFilter = filter
	suiteCfg.FocusStrings = cfg.Focus
	suiteCfg.Timeout = 24 * time.Hour
	suiteCfg.RandomSeed = 1
	repCfg.NoColor = true
	repCfg.Succinct = !cfg.Verbose
	repCfg.Verbose = cfg.Verbose
	RunSpecs(failer{}, "cimitest", suiteCfg, repCfg)
	if !e.cleaned {
		e.leaks = e.cleanup()
	}
	return e.results(started), nil
}

// failer satisfies Ginkgo's testing interface outside `go test`; the verdict
// comes from the results, not from it.
type failer struct{}

func (failer) Fail() {}

var _ = AfterSuite(func() {
	if env != nil && !env.cleaned {
		env.cleaned = true
		env.leaks = env.cleanup()
	}
})

var _ = ReportAfterSuite("cimitest results", func(r Report) {
	if env != nil {
		env.suiteReport = &r
	}
})

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
	if !strings.HasPrefix(c.Endpoint, "http://") && !strings.HasPrefix(c.Endpoint, "https://") {
		return usage("the endpoint %q is not an http:// or https:// URL", c.Endpoint)
	}
	switch c.Version {
	case "", "auto":
		c.Version = "auto"
	default:
		if _, err := model.ParseVersion(c.Version); err != nil {
			return usage("%v", err)
		}
	}
	if c.CrawlLimit <= 0 {
		c.CrawlLimit = 500
	}
	if c.CrawlSample <= 0 {
		c.CrawlSample = 10
	}
	if c.ImageLocation == "" {
		c.ImageLocation = "http://images.cimitest.invalid/cimitest.qcow2"
	}
	if len(c.Formats) == 0 {
		c.Formats = []model.Format{model.JSON, model.XML}
	}
	if c.Timeouts.Request == 0 {
		c.Timeouts.Request = DefaultTimeouts.Request
	}
	if c.Timeouts.Job == 0 {
		c.Timeouts.Job = DefaultTimeouts.Job
	}
	if c.Timeouts.State == 0 {
		c.Timeouts.State = DefaultTimeouts.State
	}
	if c.Timeouts.Cleanup == 0 {
		c.Timeouts.Cleanup = DefaultTimeouts.Cleanup
	}
	if c.Backoff == (client.Backoff{}) {
		c.Backoff = client.DefaultBackoff
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

// labelFilter adds the format and read-only selections to the user's filter.
func (e *runEnv) labelFilter() string {
	var parts []string
	if e.cfg.LabelFilter != "" {
		parts = append(parts, "("+e.cfg.LabelFilter+")")
	}
	if p := e.cfg.Profile; p != nil && !contains(p.Include, "all") {
		// Steps that judge any check of the profile; what it excludes is
		// dropped from the results, not from the steps it shares.
		include := p.Include
		if e.cfg.ClaimsFile != "" {
			include = append(slices.Clip(include), checks.ClaimsMatch)
		}
		parts = append(parts, "("+strings.Join(include, " || ")+")")
	}
	var fs []string
	for _, f := range e.cfg.Formats {
		fs = append(fs, string(f))
	}
	parts = append(parts, "("+strings.Join(fs, " || ")+")")
	if e.cfg.ReadOnly {
		parts = append(parts, "!"+labelMutating)
	}
	parts = append(parts, "!"+otherVersionLabel(e.version))
	return strings.Join(parts, " && ")
}

// judgesClaims reports whether id is the claims check of a run given a
// claim file: a profile run judges it too, as the vendor asked for it.
func (e *runEnv) judgesClaims(id string) bool {
	return e.cfg.ClaimsFile != "" && id == checks.ClaimsMatch
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

// note records something a reader of the report should know that is not a
// verdict on the endpoint (a limit the run reached, say).
func (e *runEnv) note(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.notes = append(e.notes, s)
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

// results assembles the report model.
func (e *runEnv) results(started time.Time) *report.Results {
	e.markSkipped()
	for _, c := range checks.All() {
		if !c.AppliesTo(e.version) || e.rec.judged(c.ID) {
			continue
		}
		reason := "no scenario judged it in this run"
		if why, ok := e.inapplicable.Load(c.ID); ok {
			reason = why.(string)
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
		Tool: report.Tool{Name: "cimitest", Version: e.cfg.ToolVersion},
		Run: report.Run{ID: e.runID, Started: started, Finished: time.Now(), Endpoint: e.cepURL,
			Reference: e.cfg.Reference, CIMIVersion: string(e.version), Formats: formats, ReadOnly: e.cfg.ReadOnly,
			LabelFilter: e.cfg.LabelFilter, Focus: e.cfg.Focus, Exchanges: e.client.Count()},
		Checks:    e.rec.list(),
		Exchanges: e.client.Pinned(),
		Leaks:     e.leaks,
		Errors:    e.errors,
		Notes:     e.notes,
		Features:  e.featureResults(),
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
	if e.suiteReport != nil && e.suiteReport.SpecialSuiteFailureReasons != nil {
		for _, reason := range e.suiteReport.SpecialSuiteFailureReasons {
			r.Errors = append(r.Errors, "run: "+reason)
		}
	}
	r.Finish()
	return r
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
	if e.cfg.LabelFilter != "" {
		user, _ = types.ParseLabelFilter(e.cfg.LabelFilter)
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
		if format == "" || contains(labels, otherVersionLabel(e.version)) {
			continue
		}
		reason := "skipped: an earlier step of the scenario failed"
		switch {
		case sr.State == types.SpecStateInterrupted || sr.State == types.SpecStateAborted:
			reason = "the run was interrupted"
		case user != nil && !user(labels):
			reason = "left out by --label-filter " + e.cfg.LabelFilter
		case e.cfg.ReadOnly && contains(labels, labelMutating):
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
		if contains(labels, string(f)) {
			return string(f)
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
