package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/suites"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/features"
)

// cmdDiscover prints what an endpoint claims: its version, serializations,
// collections, capabilities, ResourceMetadata and the features they make.
func cmdDiscover(args []string, stdout, stderr io.Writer) error {
	var (
		endpoint, cimiVersion, user, password, token, ca string
		insecure, asJSON                                 bool
		timeout                                          time.Duration
	)
	o := &options{cmd: "discover"}
	o.add(strOpt(&endpoint, "endpoint", "", "Cloud Entry Point URL (none: the embedded reference server)"))
	o.add(strOpt(&cimiVersion, "cimi-version", "auto", "CIMI version the endpoint must speak: auto, 1.1 or 2.0"))
	o.add(strOpt(&user, "user", "", "HTTP Basic user"))
	o.add(strOpt(&password, "password", "", "HTTP Basic password (prefer CIMITEST_PASSWORD)"))
	o.add(strOpt(&token, "token", "", "bearer token (prefer CIMITEST_TOKEN)"))
	o.add(strOpt(&ca, "ca", "", "PEM file of a CA to trust"))
	o.add(boolOpt(&insecure, "insecure", "skip TLS certificate verification"))
	o.add(durOpt(&timeout, "timeout-request", "30s", "limit of one HTTP exchange"))
	o.add(boolOpt(&asJSON, "json", "print JSON instead of text"))
	if _, err := o.parse(args, stderr); err != nil {
		return err
	}
	if user != "" && token != "" {
		return usagef("give either --user/--password or --token, not both")
	}
	if endpoint == "" {
		opts := reference.Options{}
		if user != "" {
			opts.Users = map[string]string{user: password}
		}
		stop, url, err := startReference(opts, cimiVersion)
		if err != nil {
			return err
		}
		defer stop()
		endpoint = url
	}
	endpoint, user, password, err := suites.TakeUserinfo(endpoint, user, password, token)
	if err != nil {
		return usagef("%v", err)
	}
	c, err := client.New(client.Config{Timeout: timeout, User: user, Password: password, Token: token, CAFile: ca,
		Insecure: insecure, ReadOnly: true, Origins: []string{endpoint}})
	if err != nil {
		return usagef("%v", err)
	}
	ep, err := features.Discover(c, endpoint, cimiVersion)
	if errors.Is(err, features.ErrNotUsable) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(stdout, ep)
	}
	return printEndpoint(stdout, ep)
}

// printEndpoint writes what discovery found, for a person.
func printEndpoint(w io.Writer, ep *features.Endpoint) error {
	fmt.Fprintf(w, "CIMI %s endpoint at %s\n", ep.Version, ep.URL)
	fmt.Fprintf(w, "baseURI:      %s\n", ep.BaseURI)
	fmt.Fprintf(w, "formats:      %s\n", strings.Join(ep.Formats, ", "))
	if len(ep.Operations) > 0 {
		fmt.Fprintf(w, "operations:   %s (on the Cloud Entry Point)\n", strings.Join(ep.Operations, ", "))
	}
	fmt.Fprintf(w, "\ncollections (%d):\n", len(ep.Collections))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range ep.Collections {
		state := fmt.Sprintf("%d items", c.Count)
		if !c.Readable {
			state = "cannot be read"
		}
		add := ""
		if c.Add {
			add = "add"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", c.Attr, c.Type, state, add)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nresource metadata (%d types):\n", len(ep.Metadata))
	for _, m := range ep.Metadata {
		fmt.Fprintf(w, "  %s  (%s)\n", m.Name, m.TypeURI)
		for _, c := range m.Capabilities {
			fmt.Fprintf(w, "    capability %s = %s\n", capabilityName(c), c.Value)
		}
		for _, a := range m.Actions {
			fmt.Fprintf(w, "    action     %s  %s %s\n", a.Name, a.Method, a.URI)
		}
		for _, a := range m.Attributes {
			if a.Namespace != "" {
				fmt.Fprintf(w, "    attribute  %s  (extension: %s, %s)\n", a.Name, a.Namespace, a.Type)
			} else {
				fmt.Fprintf(w, "    attribute  %s\n", a.Name)
			}
		}
		if m.ValueScopes > 0 {
			fmt.Fprintf(w, "    vscope     %d value scope(s)\n", m.ValueScopes)
		}
	}
	for _, n := range ep.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	list := ep.Features.List()
	fmt.Fprintf(w, "\nfeatures claimed (%d):\n", len(list))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, f := range list {
		c, _ := ep.Features.Claim(f)
		val := ""
		if c.Value != "" && c.Value != "true" {
			val = " = " + c.Value
		}
		fmt.Fprintf(tw, "  %s%s\t%s\n", f, val, c.Source)
	}
	return tw.Flush()
}

func capabilityName(c features.CapabilityInfo) string {
	if i := strings.Index(c.URI, "/capability/"); i >= 0 {
		return c.URI[i+len("/capability/"):]
	}
	return c.URI
}
