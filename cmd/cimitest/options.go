package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cimitest/cimitest/suites"
)

// Configuration comes from flags, CIMITEST_* environment variables and a
// YAML file (--config): flags win over the environment, which wins over
// the file, which wins over the defaults. Each option is declared once and
// read from all three places the same way.

// option is one setting of a command.
type option struct {
	name  string // flag name and YAML key; CIMITEST_<NAME> in the environment
	usage string
	def   string
	multi bool // may be given several times (a list in YAML, comma-separated in the environment)
	flag  bool // a boolean switch
	set   func(v string) error
}

// envName is the environment variable of an option.
func (o *option) envName() string {
	return "CIMITEST_" + strings.ToUpper(strings.ReplaceAll(o.name, "-", "_"))
}

// options is the option set of one command.
type options struct {
	cmd string
	// positional names the arguments the command takes besides its flags
	// ("RESULTS..."); without it, an argument is an error (a URL given
	// without --endpoint must not run against the embedded reference).
	positional string
	list       []*option
	// config is the path of the YAML file, from --config or CIMITEST_CONFIG.
	config string
}

func (opts *options) add(o *option) { opts.list = append(opts.list, o) }

// rawValue collects what a flag was given on the command line.
type rawValue struct {
	o    *option
	vals []string
}

func (r *rawValue) String() string { return strings.Join(r.vals, ",") }
func (r *rawValue) Set(v string) error {
	if !r.o.multi {
		r.vals = nil
	}
	r.vals = append(r.vals, v)
	return nil
}
func (r *rawValue) IsBoolFlag() bool { return r.o.flag }

// usagef is a configuration error (exit status 2), of the same type the
// suite uses for a run that cannot happen.
func usagef(format string, args ...any) error {
	return &suites.UsageError{Err: fmt.Errorf(format, args...)}
}

// parse reads args, the environment and the config file, and applies each
// option in order of precedence. It returns the positional arguments.
func (opts *options) parse(args []string, stderr io.Writer) ([]string, error) {
	fs := flag.NewFlagSet("cimitest "+opts.cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	raws := map[string]*rawValue{}
	for _, o := range opts.list {
		r := &rawValue{o: o}
		raws[o.name] = r
		fs.Var(r, o.name, o.usage)
	}
	fs.StringVar(&opts.config, "config", os.Getenv("CIMITEST_CONFIG"), "YAML file with settings (keys are the flag names)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cimitest %s [flags] %s\n\nflags (also CIMITEST_<NAME> variables and keys of the --config file):\n", opts.cmd, opts.positional)
		fs.PrintDefaults()
	}
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usagef("%v", err)
	}
	if opts.positional == "" && len(positional) > 0 {
		return nil, usagef("cimitest %s takes no arguments, only flags; got %q (the endpoint is given with --endpoint)", opts.cmd, positional[0])
	}
	file := map[string][]string{}
	if opts.config != "" {
		var err error
		if file, err = readConfigFile(opts.config, opts.list); err != nil {
			return nil, err
		}
	}
	for _, o := range opts.list {
		vals := []string{o.def}
		if v, ok := file[o.name]; ok {
			vals = v
		}
		if v, ok := os.LookupEnv(o.envName()); ok {
			vals = []string{v}
			if o.multi {
				vals = splitList(v)
			}
		}
		if r := raws[o.name]; len(r.vals) > 0 {
			vals = r.vals
		}
		for _, v := range vals {
			if v == "" && o.multi {
				continue
			}
			if err := o.set(v); err != nil {
				return nil, usagef("--%s: %v", o.name, err)
			}
		}
	}
	return positional, nil
}

// parseInterspersed parses flags before, between and after the positional
// arguments (`cimitest matrix fest --out m`), as far as a "--", after which
// everything is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if at := len(args) - len(rest); at > 0 && args[at-1] == "--" {
			return append(positional, rest...), nil
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// readConfigFile reads a YAML mapping of option names to values; unknown keys
// and values of the wrong shape are errors.
func readConfigFile(path string, known []*option) (map[string][]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("cannot read the config file: %v", err)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, usagef("the config file %s is not valid YAML: %v", path, err)
	}
	byName := map[string]*option{}
	for _, o := range known {
		byName[o.name] = o
	}
	out := map[string][]string{}
	var unknown []string
	for k, v := range raw {
		o := byName[k]
		if o == nil {
			unknown = append(unknown, k)
			continue
		}
		switch x := v.(type) {
		case []any:
			if !o.multi {
				return nil, usagef("the config file %s: %s takes one value, not a list", path, k)
			}
			for _, it := range x {
				out[k] = append(out[k], fmt.Sprint(it))
			}
		case map[string]any:
			return nil, usagef("the config file %s: %s takes a value, not a mapping", path, k)
		case nil:
			out[k] = []string{""}
		default:
			out[k] = []string{fmt.Sprint(x)}
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, usagef("the config file %s has unknown keys: %s", path, strings.Join(unknown, ", "))
	}
	return out, nil
}
