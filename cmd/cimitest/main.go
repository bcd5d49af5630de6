// Command cimitest is the conformance and interoperability test suite for
// the DMTF CIMI cloud API (DSP0263), with its reference CIMI server.
//
//	cimitest run     aim the scenarios at an endpoint (or the embedded reference)
//	cimitest list     print every check of the catalogue
//	cimitest discover print what an endpoint claims
//	cimitest serve    run the reference CIMI server
//	cimitest matrix   set several runs side by side
//	cimitest verify   check a conformance statement against its results
//	cimitest diff     list regressions and fixes between two runs
//
// Exit status: 0 the endpoint passes; 1 it does not; 2 the run could not
// happen (bad flags or configuration, unreachable or non-CIMI endpoint); 3
// the run was stopped before its end (an interrupt, or --timeout-run).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cimitest/cimitest/suites/checks"
)

// version is set at build time (-ldflags "-X main.version=…").
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usageText = `cimitest: conformance tests for DMTF CIMI endpoints (DSP0263 1.x and 2.0)

usage:
  cimitest run    [--endpoint URL] [flags]   run the scenarios (no endpoint: the embedded reference server)
  cimitest list   [--json] [flags]           print the catalogue of checks
  cimitest discover [--endpoint URL] [--json] print what an endpoint claims (collections, capabilities, …)
  cimitest serve  [--addr ADDR] [flags]      run the reference CIMI server
  cimitest matrix [--out DIR] RESULTS...     set several runs side by side (results.json files or folders)
  cimitest verify STATEMENT RESULTS          check a conformance statement against its results.json
  cimitest diff   [--markdown] OLD NEW       list regressions and fixes between two runs (exit 1 on a regression)
  cimitest version

Run "cimitest <command> -h" for the flags of a command.
`

// run dispatches a command and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usageText)
		return 2
	}
	var err error
	switch args[0] {
	case "run":
		var code int
		code, err = cmdRun(args[1:], stdout, stderr)
		if err == nil {
			return code
		}
	case "matrix", "verify", "diff":
		cmd := map[string]func([]string, io.Writer, io.Writer) (int, error){"matrix": cmdMatrix, "verify": cmdVerify, "diff": cmdDiff}[args[0]]
		var code int
		if code, err = cmd(args[1:], stdout, stderr); err == nil {
			return code
		}
	case "list":
		err = cmdList(args[1:], stdout, stderr)
	case "serve":
		err = cmdServe(args[1:], stdout, stderr)
	case "discover":
		err = cmdDiscover(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintf(stdout, "cimitest %s (check catalogue %s)\n", version, checks.Digest())
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usageText)
		return 0
	default:
		fmt.Fprintf(stderr, "cimitest: unknown command %q\n\n%s", args[0], usageText)
		return 2
	}
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "cimitest:", err)
	return 2
}

// Typed option constructors.

func strOpt(p *string, name, def, usage string) *option {
	return &option{name: name, def: def, usage: usage, set: func(v string) error { *p = v; return nil }}
}

func boolOpt(p *bool, name, usage string) *option {
	return &option{name: name, def: "false", usage: usage, flag: true, set: func(v string) error {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		*p = b
		return nil
	}}
}

func durOpt(p *time.Duration, name, def, usage string) *option {
	return &option{name: name, def: def, usage: usage, set: func(v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return fmt.Errorf("%q is not a duration such as 30s or 5m", v)
		}
		*p = d
		return nil
	}}
}

// sizeOpt reads a byte count: 65536, 64KiB, 64MiB or 1GiB.
func sizeOpt(p *int64, name, def, usage string) *option {
	return &option{name: name, def: def, usage: usage, set: func(v string) error {
		n, err := parseSize(v)
		if err != nil {
			return err
		}
		*p = n
		return nil
	}}
}

func parseSize(v string) (int64, error) {
	mult := int64(1)
	num := strings.TrimSpace(v)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if strings.HasSuffix(num, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("%q is not a size such as 65536, 64KiB or 64MiB", v)
	}
	return n * mult, nil
}

func intOpt(p *int, name, def, usage string) *option {
	return &option{name: name, def: def, usage: usage, set: func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("%q is not a whole number", v)
		}
		*p = n
		return nil
	}}
}

func listOpt(p *[]string, name, usage string) *option {
	return &option{name: name, usage: usage, multi: true, set: func(v string) error {
		*p = append(*p, strings.TrimSpace(v))
		return nil
	}}
}
