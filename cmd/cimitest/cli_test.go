package main

import (
	"bytes"
	"encoding/pem"
	"flag"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
)

// Bad input from the user or from the endpoint: exit status 2 and one clear
// sentence, never a panic.

func TestUsageErrorsExit2(t *testing.T) {
	badConfig := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(badConfig, []byte("endpoint: http://x\nno-such-key: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	notYAML := filepath.Join(t.TempDir(), "not.yaml")
	if err := os.WriteFile(notYAML, []byte("endpoint: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"run", "--no-such-flag"}, "flag provided but not defined"},
		{[]string{"run", "--format", "yaml"}, "want json, xml or both"},
		{[]string{"run", "--timeout-job", "soon"}, "not a duration"},
		{[]string{"run", "--config", badConfig}, "unknown keys: no-such-key"},
		{[]string{"run", "--config", notYAML}, "not valid YAML"},
		{[]string{"run", "--config", "/nonexistent/cimitest.yaml"}, "cannot read the config file"},
		{[]string{"run", "--endpoint", "ftp://example.com/cep"}, "not an http:// or https:// URL"},
		{[]string{"run", "--cimi-version", "3.0"}, "unknown CIMI version"},
		{[]string{"run", "--label-filter", "machines &&"}, "bad --label-filter"},
		{[]string{"run", "--parallel", "0", "--endpoint", "http://127.0.0.1:1/"}, "--parallel 0: give 1 or more"},
		{[]string{"run", "--user", "u", "--token", "t", "--endpoint", "http://127.0.0.1:1/"}, "either --user/--password or --token"},
		{[]string{"serve", "--fault", "no-such-fault"}, "unknown fault"},
		{[]string{"serve", "--user", "nopassword"}, "want USER:PASSWORD"},
		{[]string{"serve", "--user", "alice:"}, "the password is empty"},
		{[]string{"serve", "--variation", "no-such-variation"}, "unknown variation"},
		{[]string{"run", "--endpoint", "http://127.0.0.1:9/cimi", "--reference-fault", "x"}, "apply to the embedded reference server"},
		{[]string{"run", "--allow-origin", "not-an-origin"}, "is not an origin"},
		{[]string{"run", "--max-body", "lots"}, "not a size"},
		{[]string{"run", "--endpoint", "ftp://alice:hunter2@example.com/cep"}, "not an http:// or https:// URL"},
		{[]string{"list", "--cimi-version", "9"}, "unknown CIMI version"},
		{[]string{"run", "--expect", "/nonexistent/expect.yaml"}, "cannot read the expectations file"},
		{[]string{"matrix"}, "name the results.json files"},
		{[]string{"run", "https://cloud.example.com/cep"}, `takes no arguments, only flags; got "https://cloud.example.com/cep"`},
		{[]string{"list", "machines"}, "takes no arguments"},
		{[]string{"matrix", "/nonexistent/results.json"}, "no such file"},
		{[]string{"matrix", notYAML}, "not a cimitest results file"},
		{[]string{"verify", notYAML}, "give the statement and the results"},
		{[]string{"verify", notYAML, notYAML}, "not a cimitest conformance statement"},
		{[]string{"diff", notYAML}, "give the two results"},
		{[]string{"diff", notYAML, "/nonexistent"}, "not a cimitest results file"},
	} {
		var out, errb bytes.Buffer
		args := tc.args
		if args[0] == "run" {
			args = append(args, "--out", t.TempDir())
		}
		code := run(args, &out, &errb)
		if code != 2 {
			t.Errorf("%v: exit status %d, want 2 (%s)", tc.args, code, errb.String())
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: message %q does not say %q", tc.args, errb.String(), tc.want)
		}
		if strings.Contains(errb.String()+out.String(), "hunter2") {
			t.Errorf("%v: the password in the URL was printed: %s", tc.args, errb.String())
		}
	}
}

func TestFlagsMayFollowArguments(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	out := fs.String("out", "", "")
	got, err := parseInterspersed(fs, []string{"a", "--out", "m", "b", "--", "--out", "c"})
	if err != nil || *out != "m" || strings.Join(got, " ") != "a b --out c" {
		t.Errorf("got %q, --out %q, %v", got, *out, err)
	}
}

func TestConfigPrecedence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(file, []byte("endpoint: http://from-file/cep\nformat: xml\nfocus: [a, b]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var endpoint, format string
	var focus []string
	o := &options{cmd: "t"}
	o.add(strOpt(&endpoint, "endpoint", "", ""))
	o.add(strOpt(&format, "format", "both", ""))
	o.add(listOpt(&focus, "focus", ""))
	t.Setenv("CIMITEST_FORMAT", "json")
	t.Setenv("CIMITEST_ENDPOINT", "http://from-env/cep")
	if _, err := o.parse([]string{"--config", file, "--endpoint", "http://from-flag/cep"}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if endpoint != "http://from-flag/cep" {
		t.Errorf("endpoint %q: the flag wins", endpoint)
	}
	if format != "json" {
		t.Errorf("format %q: the environment beats the file", format)
	}
	if strings.Join(focus, ",") != "a,b" {
		t.Errorf("focus %v: a list from the file", focus)
	}
}

// badEndpoint serves h on loopback and returns its URL.
func badEndpoint(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s.URL + "/cep"
}

func TestEndpointsThatAreNotCIMIExit2(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/cep"
	ln.Close()
	v1, err := reference.New(reference.Options{Version: "1.1"})
	if err != nil {
		t.Fatal(err)
	}
	v1s := httptest.NewServer(v1)
	t.Cleanup(v1s.Close)
	for _, tc := range []struct {
		name, endpoint, want string
		args                 []string
	}{
		{"nothing listening", closed, "cannot reach the endpoint", nil},
		{"an HTML page", badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<html><body>hello</body></html>"))
		}), "not a CIMI endpoint", nil},
		{"JSON without resourceURI", badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"hello": "world"}`))
		}), "names no CIMI type", nil},
		{"broken JSON", badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"resourceURI": `))
		}), "cannot be read", nil},
		{"a 500", badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(500)
		}), "answered HTTP 500", nil},
		{"a 401", badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(401)
		}), "--user and --password, or --token", nil},
		{"a Machine, not the entry point", badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"resourceURI": "http://schemas.dmtf.org/cimi/2/Machine", "id": "x"}`))
		}), "not a CloudEntryPoint", nil},
		{"a CIMI 3 namespace", badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			_, _ = w.Write([]byte(`<CloudEntryPoint xmlns="http://schemas.dmtf.org/cimi/3"><id>x</id></CloudEntryPoint>`))
		}), "not a CIMI", nil},
		{"a CIMI 1.x endpoint judged as 2.0", v1s.URL + reference.EntryPointPath, "speaks CIMI 1.1", []string{"--cimi-version", "2.0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			dir := t.TempDir()
			args := append([]string{"run", "--endpoint", tc.endpoint, "--out", dir, "--timeout-request", "5s"}, tc.args...)
			code := run(args, &out, &errb)
			if code != 2 {
				t.Errorf("exit status %d, want 2; stderr %q", code, errb.String())
			}
			msg := strings.TrimSpace(errb.String())
			if !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") > 0 {
				t.Errorf("want one sentence saying %q, got %q", tc.want, msg)
			}
			// A CI reads junit.xml: the run that could not happen says why there.
			junit, err := os.ReadFile(filepath.Join(dir, report.JUnitFile))
			if err != nil || !strings.Contains(string(junit), "could not happen") || !strings.Contains(string(junit), `type="not-run"`) {
				t.Errorf("junit.xml does not say why the run could not happen: %v\n%s", err, junit)
			}
			if r, err := report.ReadJSON(filepath.Join(dir, report.JSONFile)); err != nil || r.Run.Outcome != report.OutcomeNotRun || r.Summary.Passed {
				t.Errorf("results.json of a run that could not happen: %v %+v", err, r)
			}
		})
	}
}

// An endpoint that answers as CIMI with an entry point of no CIMI type is
// an endpoint that fails: exit 1, cep.read red with what it sent.
func TestBrokenEntryPointFailsCEPRead(t *testing.T) {
	for _, tc := range []struct{ name, mediaType, body string }{
		{"JSON", "application/json", `{"resourceURI": "http://schemas.dmtf.org/cimi/2/CloudEntryPont", "id": "x"}`},
		{"XML", "application/xml", `<CloudEntryPont xmlns="http://schemas.dmtf.org/cimi/2"><id>x</id></CloudEntryPont>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			endpoint := badEndpoint(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.mediaType)
				_, _ = w.Write([]byte(tc.body))
			})
			var out, errb bytes.Buffer
			dir := t.TempDir()
			code := run([]string{"run", "--endpoint", endpoint, "--out", dir, "--timeout-request", "5s"}, &out, &errb)
			if code != 1 {
				t.Errorf("exit status %d, want 1; stdout %q stderr %q", code, out.String(), errb.String())
			}
			r, err := report.ReadJSON(filepath.Join(dir, report.JSONFile))
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Checks) != 1 || r.Checks[0].ID != "cep.read" || r.Checks[0].Status != report.Fail ||
				!strings.Contains(r.Checks[0].Message, "CloudEntryPont") || len(r.Checks[0].Evidence) == 0 {
				t.Errorf("want cep.read failed with the type it saw and the exchange, got %+v", r.Checks)
			}
			if r.Summary.Passed {
				t.Error("the summary says passed")
			}
		})
	}
}

func TestListPrintsEveryCheck(t *testing.T) {
	// list previews the scenarios with Ginkgo, which runs once per process:
	// the binary, not this test process, does it.
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, "list", "--json")
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	for _, want := range []string{`"id": "machine.start"`, `"rule": "M-38, M-35, P-77, R-40"`, `"clause": "5.14.1.2"`, `"level": "SHALL"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("list --json lacks %s", want)
		}
	}
	out.Reset()
	if code := run([]string{"serve", "--list-faults"}, &out, &errb); code != 0 || !strings.Contains(out.String(), reference.FaultJobNeverEnds) {
		t.Errorf("serve --list-faults: %d %s", code, out.String())
	}
}

func TestTLSEndpoints(t *testing.T) {
	ref, err := reference.New(reference.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(ref)
	t.Cleanup(func() { srv.Close(); ref.Close() })
	ca := filepath.Join(t.TempDir(), "ca.pem")
	pemBlock := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(ca, pemBlock, 0o644); err != nil {
		t.Fatal(err)
	}
	endpoint := srv.URL + reference.EntryPointPath
	quick := []string{"--endpoint", endpoint, "--label-filter", "entrypoint"}
	if code, out, _ := runBin(t, append(quick, "--ca", ca)...); code != 0 {
		t.Errorf("with --ca: exit %d\n%s", code, tail(out))
	}
	if code, out, _ := runBin(t, append(quick, "--insecure")...); code != 0 {
		t.Errorf("with --insecure: exit %d\n%s", code, tail(out))
	}
	code, out, _ := runBin(t, quick...)
	if code != 2 || !strings.Contains(out, "certificate") {
		t.Errorf("without --ca: exit %d, want 2 with a word on the certificate\n%s", code, tail(out))
	}
}
