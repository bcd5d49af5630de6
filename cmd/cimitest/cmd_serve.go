package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/cimitest/cimitest/reference"
)

// cmdServe runs the reference server until interrupted.
func cmdServe(args []string, stdout, stderr io.Writer) error {
	var (
		opts           reference.Options
		addr           string
		users          []string
		listFaults     bool
		listVariations bool
		quiet          bool
	)
	o := &options{cmd: "serve"}
	o.add(strOpt(&addr, "addr", "127.0.0.1:8080", "address to listen on"))
	o.add(strOpt(&opts.Version, "cimi-version", "2.0", "CIMI version to serve: 2.0 or 1.1"))
	o.add(durOpt(&opts.Latency, "latency", "20ms", "how long asynchronous work takes (0: everything synchronous)"))
	o.add(durOpt(&opts.SampleSecond, "sample-second", "1s", "how long one second of a Meter's sampleInterval lasts"))
	o.add(listOpt(&opts.Faults, "fault", "fault switch to turn on (repeatable; see --list-faults)"))
	o.add(listOpt(&users, "user", "USER:PASSWORD of an account (repeatable); none means no authentication"))
	o.add(intOpt(&opts.SeedMachines, "seed-machines", "0", "Machines every user starts with"))
	o.add(listOpt(&opts.Variations, "variation", "legal variation to turn on (repeatable; see --list-variations)"))
	o.add(boolOpt(&listFaults, "list-faults", "print the fault switches and exit"))
	o.add(boolOpt(&listVariations, "list-variations", "print the legal variations and exit"))
	o.add(boolOpt(&quiet, "quiet", "do not log requests"))
	if _, err := o.parse(args, stderr); err != nil {
		return err
	}
	if listFaults {
		for _, f := range reference.Faults() {
			fmt.Fprintf(stdout, "%-28s %s\n", f.Name, f.Description)
		}
		return nil
	}
	if listVariations {
		for _, v := range reference.Variations() {
			fmt.Fprintf(stdout, "%-28s %s\n", v.Name, v.Description)
		}
		return nil
	}
	if len(users) > 0 {
		opts.Users = map[string]string{}
		for _, u := range users {
			name, pw, ok := strings.Cut(u, ":")
			if !ok || name == "" {
				return usagef("--user %q: want USER:PASSWORD", u)
			}
			if pw == "" {
				return usagef("--user %s: the password is empty; give USER:PASSWORD with a password", name)
			}
			opts.Users[name] = pw
		}
	}
	if !quiet {
		opts.Log = log.New(stderr, "", log.LstdFlags)
	}
	srv, err := reference.New(opts)
	if err != nil {
		return usagef("%v", err)
	}
	defer srv.Close()
	// The server keeps little live memory and allocates a few KiB per
	// answer: a larger collection target spends less of its CPU on the
	// collector under load (docs/performance.md). GOGC, when set, decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return usagef("cannot listen on %s: %v", addr, err)
	}
	hs := reference.HTTPServer(srv)
	fmt.Fprintf(stdout, "cimitest reference CIMI server: Cloud Entry Point at http://%s%s\n", ln.Addr(), reference.EntryPointPath)
	fmt.Fprintln(stdout, "its state is kept in memory only: it is gone when the server stops")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && err != http.ErrServerClosed {
		return err
	}
	return nil
}

// serveGCPercent is the garbage collector's target of `cimitest serve`.
const serveGCPercent = 400
