package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/cimitest/cimitest/profiles"
	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites"
	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// runFlags are the flags of `cimitest run` that are not a field of
// suites.Config as they are.
type runFlags struct {
	cfg           suites.Config
	format, out   string
	profile       string
	claims        string
	refLatency    time.Duration
	refSample     time.Duration
	refFaults     []string
	refVariations []string
	refSeed       int
	expect        string
}

// cmdRun runs the scenarios and writes the reports. It returns the exit
// status when the run happened, or an error when it could not.
func cmdRun(args []string, stdout, stderr io.Writer) (int, error) {
	f := &runFlags{}
	o := &options{cmd: "run"}
	f.register(o)
	if _, err := o.parse(args, stderr); err != nil {
		return 0, err
	}
	w, err := suites.WorkerFromEnv()
	if err != nil {
		return 0, err
	}
	if w != nil {
		return work(f, w)
	}
	cfg, err := f.config()
	if err != nil {
		return 0, err
	}
	expectations, err := f.expectations()
	if err != nil {
		return 0, err
	}
	transcript, err := openTranscript(f.out)
	if err != nil {
		return 0, err
	}
	defer transcript.Close()
	cfg.Transcript = transcript
	if cfg.Endpoint == "" {
		stop, err := f.embedReference(&cfg, stdout)
		if err != nil {
			return 0, err
		}
		defer stop()
	}
	cfg.HandleSignals, cfg.Log, cfg.Live = true, stdout, isTerminal(stdout)
	cfg.StartWorker = workerCommand(args)
	results, err := suites.Run(context.Background(), cfg)
	if results != nil && expectations != nil {
		results.Expect(expectations)
	}
	if results != nil {
		// Also a run that could not happen writes its reports: a CI reads
		// junit.xml for the reason.
		if werr := report.WriteAll(f.out, results); werr != nil {
			return 0, werr
		}
	}
	if err != nil {
		var ue *suites.UsageError
		if errors.As(err, &ue) {
			return 0, ue
		}
		return 0, err
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, summaryLine(results, f.out))
	if err := appendStepSummary(results, f.out); err != nil {
		fmt.Fprintln(stderr, "cimitest:", err)
	}
	return exitStatus(results), nil
}

// expectations reads the --expect file, refusing IDs the catalogue lacks.
func (f *runFlags) expectations() ([]report.Expectation, error) {
	if f.expect == "" {
		return nil, nil
	}
	list, err := report.ReadExpectations(f.expect, func(id string) bool { return checks.Get(id) != nil })
	if err != nil {
		return nil, usagef("%v", err)
	}
	return list, nil
}

// appendStepSummary adds a Markdown summary of the run to the file
// GITHUB_STEP_SUMMARY names, when it names one (a GitHub Actions job).
func appendStepSummary(r *report.Results, out string) error {
	path := os.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	var werr error
	if err := appendTo(path, func(w io.Writer) { werr = report.WriteMarkdownSummary(w, r, out) }); err != nil || werr != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %v", errors.Join(err, werr))
	}
	return nil
}

func (f *runFlags) register(o *options) {
	cfg := &f.cfg
	o.add(strOpt(&cfg.Endpoint, "endpoint", "", "Cloud Entry Point URL of the endpoint under test (none: the embedded reference server)"))
	o.add(strOpt(&cfg.Version, "cimi-version", "auto", "CIMI version to judge: auto, 1.1 or 2.0"))
	o.add(strOpt(&f.format, "format", "both", "serializations to exercise: json, xml or both"))
	o.add(strOpt(&cfg.User, "user", "", "HTTP Basic user"))
	o.add(strOpt(&cfg.Password, "password", "", "HTTP Basic password (prefer CIMITEST_PASSWORD)"))
	o.add(strOpt(&cfg.Token, "token", "", "bearer token (prefer CIMITEST_TOKEN)"))
	o.add(strOpt(&cfg.CAFile, "ca", "", "PEM file of a CA to trust"))
	o.add(boolOpt(&cfg.Insecure, "insecure", "skip TLS certificate verification"))
	o.add(strOpt(&f.profile, "profile", "", "profile to judge the endpoint by: "+strings.Join(profiles.Names(), ", ")+", or a profile file"))
	o.add(strOpt(&f.claims, "claims", "", "YAML file of the features the vendor says the endpoint offers"))
	o.add(strOpt(&f.expect, "expect", "", "YAML file of accepted failures (check, subject, reason, expires): they do not fail the run"))
	impl := &cfg.Implementation
	o.add(strOpt(&impl.Organization, "impl-organization", "", "organization that makes the implementation under test (for the reports)"))
	o.add(strOpt(&impl.Product, "impl-product", "", "product name of the implementation under test"))
	o.add(strOpt(&impl.Version, "impl-version", "", "version of the implementation under test"))
	o.add(strOpt(&impl.Contact, "impl-contact", "", "contact for the implementation under test (an e-mail address)"))
	o.add(strOpt(&impl.URL, "impl-url", "", "web page of the implementation under test"))
	o.add(strOpt(&cfg.LabelFilter, "label-filter", "", "Ginkgo label filter: areas (machines), check IDs (machine.start), read-only, mutating"))
	o.add(listOpt(&cfg.Focus, "focus", "run only scenarios whose text matches this regular expression (repeatable)"))
	o.add(boolOpt(&cfg.ReadOnly, "read-only", "send no request that creates, changes or deletes anything"))
	o.add(boolOpt(&cfg.KeepResources, "keep-resources", "leave the resources the run created in place"))
	o.add(durOpt(&cfg.Timeouts.Request, "timeout-request", "30s", "limit of one HTTP exchange"))
	o.add(durOpt(&cfg.Timeouts.Job, "timeout-job", "10m", "limit for a Job to end"))
	o.add(durOpt(&cfg.Timeouts.State, "timeout-state", "10m", "limit for a resource to reach a state"))
	o.add(durOpt(&cfg.Timeouts.Cleanup, "timeout-cleanup", "10m", "limit for removing what the run created"))
	o.add(durOpt(&cfg.Timeouts.Run, "timeout-run", "6h", "limit of the whole run, after which it stops, cleans up and reports what it did not judge"))
	o.add(listOpt(&cfg.AllowOrigins, "allow-origin", "another origin (scheme://host:port) the run may send requests and credentials to (repeatable)"))
	o.add(sizeOpt(&cfg.MaxBody, "max-body", "64MiB", "largest answer the run reads (bytes, or with KiB, MiB, GiB)"))
	o.add(intOpt(&cfg.MaxDepth, "max-depth", "100", "deepest nesting of a JSON or XML representation the run decodes"))
	o.add(strOpt(&cfg.ImageLocation, "image-location", "", "imageLocation of the MachineImage the run registers (a real image URL for a real cloud)"))
	o.add(strOpt(&cfg.PackageListen, "package-listen", "", "host:port where the run serves and receives OVF packages for System import and export (default: a loopback port, for an endpoint on loopback only)"))
	o.add(strOpt(&cfg.PackageURL, "package-url", "", "URL at which the endpoint reaches --package-listen (default: http:// and that address)"))
	o.add(intOpt(&cfg.CrawlLimit, "crawl-limit", "500", "most resources the crawl reads"))
	o.add(intOpt(&cfg.CrawlSample, "crawl-sample", "10", "items of each collection the crawl follows"))
	o.add(intOpt(&f.refSeed, "reference-seed-machines", "0", "Machines the embedded reference server starts with"))
	o.add(strOpt(&f.out, "out", "reports", "directory for junit.xml, report.html, results.json and transcript.jsonl"))
	o.add(boolOpt(&cfg.Verbose, "verbose", "say every step, every wait and why a step judged nothing"))
	o.add(boolOpt(&cfg.Quiet, "quiet", "say only failures, interrupts and the summary"))
	o.add(intOpt(&cfg.Parallel, "parallel", "4", "scenarios run at the same time, each in a worker process (1: one after the other, in this process)"))
	o.add(durOpt(&f.refLatency, "reference-latency", "20ms", "latency of the embedded reference server"))
	o.add(durOpt(&f.refSample, "reference-sample-second", "50ms", "how long one second of a Meter's sampleInterval lasts on the embedded reference server"))
	o.add(listOpt(&f.refFaults, "reference-fault", "fault switch of the embedded reference server (repeatable)"))
	o.add(listOpt(&f.refVariations, "reference-variation", "legal variation of the embedded reference server (repeatable)"))
}

// config completes the run's configuration from the flags that name files
// or choices.
func (f *runFlags) config() (suites.Config, error) {
	cfg := f.cfg
	if cfg.Endpoint != "" && (len(f.refFaults) > 0 || len(f.refVariations) > 0 || f.refSeed > 0) {
		return cfg, usagef("--reference-fault, --reference-variation and --reference-seed-machines apply to the embedded reference server, not to --endpoint")
	}
	if f.profile != "" {
		p, err := profiles.Load(f.profile)
		if err != nil {
			return cfg, usagef("%v", err)
		}
		cfg.Profile = p
	}
	if f.claims != "" {
		list, err := features.LoadClaims(f.claims)
		if err != nil {
			return cfg, usagef("%v", err)
		}
		cfg.Claims, cfg.ClaimsFile = list, f.claims
	}
	switch f.format {
	case "both":
		cfg.Formats = []model.Format{model.JSON, model.XML}
	case "json", "xml":
		cfg.Formats = []model.Format{model.Format(f.format)}
	default:
		return cfg, usagef("--format %q: want json, xml or both", f.format)
	}
	cfg.ToolVersion = version
	return cfg, nil
}

// openTranscript makes the report directory and the transcript in it.
func openTranscript(out string) (*os.File, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, usagef("cannot create the report directory %s: %v", out, err)
	}
	transcript, err := os.Create(filepath.Join(out, "transcript.jsonl"))
	if err != nil {
		return nil, usagef("cannot write the transcript: %v", err)
	}
	return transcript, nil
}

// embedReference starts the reference server the run is aimed at when no
// --endpoint is given, and returns how to stop it.
func (f *runFlags) embedReference(cfg *suites.Config, stdout io.Writer) (func(), error) {
	opts := reference.Options{Latency: f.refLatency, SampleSecond: f.refSample, Faults: f.refFaults, SeedMachines: f.refSeed, Variations: f.refVariations}
	if cfg.User != "" {
		// The embedded server asks for the credentials the run was given.
		opts.Users = map[string]string{cfg.User: cfg.Password}
	}
	stop, endpoint, err := startReference(opts, cfg.Version)
	if err != nil {
		return nil, err
	}
	cfg.Endpoint, cfg.Reference = endpoint, true
	cfg.ReferenceFaults, cfg.ReferenceVariations = f.refFaults, f.refVariations
	fmt.Fprintf(stdout, "cimitest: no --endpoint given; running against the embedded reference server at %s\n", endpoint)
	return stop, nil
}

// Exit statuses of a run that happened.
const (
	exitPassed      = 0
	exitNotPassed   = 1
	exitInterrupted = 3
)

// exitStatus is 0 for a pass, 3 for a run stopped before its end (an
// interrupt or --timeout-run), 1 otherwise.
func exitStatus(r *report.Results) int {
	switch {
	case r.Run.Outcome == report.OutcomeInterrupted || r.Run.Outcome == report.OutcomeTimedOut:
		return exitInterrupted
	case r.Summary.Passed:
		return exitPassed
	}
	return exitNotPassed
}

// startReference serves the reference server on a free loopback port.
func startReference(opts reference.Options, cimiVersion string) (stop func(), endpoint string, err error) {
	if cimiVersion != "" && cimiVersion != "auto" {
		opts.Version = cimiVersion
	}
	srv, err := reference.New(opts)
	if err != nil {
		return nil, "", usagef("%v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", fmt.Errorf("cannot listen on loopback: %w", err)
	}
	hs := reference.HTTPServer(srv)
	go func() { _ = hs.Serve(ln) }()
	stop = func() {
		srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
	}
	return stop, "http://" + ln.Addr().String() + reference.EntryPointPath, nil
}

// summaryLine tells the outcome in one line.
func summaryLine(r *report.Results, out string) string {
	verdict := "PASSED"
	switch {
	case r.Run.Outcome == report.OutcomeInterrupted || r.Run.Outcome == report.OutcomeTimedOut:
		verdict = "STOPPED (" + r.Run.Stopped + ")"
	case !r.Summary.Passed:
		verdict = "NOT PASSED"
	}
	extra := ""
	if n := r.LeftBehind(); n > 0 {
		extra = fmt.Sprintf(", %d resources left behind (listed in the reports)", n)
	} else if len(r.Leaks) > 0 {
		extra = fmt.Sprintf(", %d resources kept (--keep-resources)", len(r.Leaks))
	}
	if n := r.Summary.ExpectedFailures; n > 0 {
		extra += fmt.Sprintf(", %d expected failures (--expect)", n)
	}
	if p := r.Profile; p != nil {
		extra += ", profile " + p.Name
		if len(p.Missing) > 0 {
			extra += " lacks " + strings.Join(p.Missing, ", ")
		}
	}
	if m := r.Minimal; m != nil {
		extra += ", " + m.Title + " "
		if m.Passed {
			extra += "met"
		} else {
			extra += "not met"
		}
	}
	line := fmt.Sprintf("cimitest: %s — CIMI %s at %s: %d results (%s)%s, %d HTTP exchanges in %.1fs; reports in %s",
		verdict, r.Run.CIMIVersion, r.Run.Endpoint, r.Summary.Total, report.CountsText(r.Summary.Counts), extra,
		r.Run.Exchanges, r.Run.Seconds, out)
	for _, why := range r.Summary.Reasons {
		line += "\n  - " + why
	}
	return line
}

// work runs a worker's share of a parent's run (suites/parallel.go): the
// same flags as the parent's, aimed at the parent's endpoint, reporting to
// the parent only.
func work(f *runFlags, w *suites.Worker) (int, error) {
	f.refFaults, f.refVariations, f.refSeed = nil, nil, 0
	if f.cfg.Endpoint == "" {
		endpoint, err := suites.HandoffEndpoint(w)
		if err != nil {
			return 0, err
		}
		f.cfg.Endpoint = endpoint
	}
	cfg, err := f.config()
	if err != nil {
		return 0, err
	}
	cfg.Worker, cfg.HandleSignals = w, true
	if err := suites.Work(context.Background(), cfg); err != nil {
		return 0, err
	}
	return 0, nil
}

// workerCommand starts this program again with the same arguments, as a
// worker of the run (the environment says which).
func workerCommand(args []string) func() *exec.Cmd {
	self, err := os.Executable()
	if err != nil {
		return nil
	}
	return func() *exec.Cmd {
		return exec.Command(self, append([]string{"run"}, args...)...)
	}
}

// isTerminal reports whether w is a terminal, where the console redraws one
// status line instead of writing a line per step.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
