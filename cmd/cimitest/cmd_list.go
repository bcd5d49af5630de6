package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cimitest/cimitest/profiles"
	"github.com/cimitest/cimitest/suites"
	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// listedCheck is one row of `cimitest list --json`.
type listedCheck struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Rule       string   `json:"rule"`
	Clause     string   `json:"clause"`
	Lines      string   `json:"lines,omitempty"`
	Level      string   `json:"level"`
	Area       string   `json:"area"`
	Resource   string   `json:"resource"`
	Operation  string   `json:"operation"`
	Labels     []string `json:"labels"`
	Versions   []string `json:"versions"`
	Untestable string   `json:"untestable,omitempty"`
	// Needs are the features the endpoint must advertise for the check to
	// apply; Steps the scenario steps that judge it.
	Needs []string `json:"needs,omitempty"`
	Steps []string `json:"steps,omitempty"`
	// Pervasive checks are judged by every step, on what it reads and sends.
	Pervasive bool `json:"pervasive,omitempty"`
}

// cmdList prints the catalogue of checks.
func cmdList(args []string, stdout, stderr io.Writer) error {
	var asJSON bool
	var version, profile string
	o := &options{cmd: "list"}
	o.add(boolOpt(&asJSON, "json", "print JSON instead of a table"))
	o.add(strOpt(&version, "cimi-version", "", "only checks that apply to this version (1.1 or 2.0)"))
	o.add(strOpt(&profile, "profile", "", "only the checks of this profile (a shipped name or a file)"))
	if _, err := o.parse(args, stderr); err != nil {
		return err
	}
	var p *profiles.Profile
	if profile != "" {
		var err error
		if p, err = profiles.Load(profile); err != nil {
			return usagef("%v", err)
		}
	}
	var only model.Version
	if version != "" {
		v, err := model.ParseVersion(version)
		if err != nil {
			return usagef("%v", err)
		}
		only = v
	}
	steps, err := suites.Steps()
	if err != nil {
		return err
	}
	var rows []listedCheck
	for _, c := range checks.All() {
		if (only != "" && !c.AppliesTo(only)) || (p != nil && !p.Selects(c)) {
			continue
		}
		labels := []string{c.ID, c.Area}
		if c.Mutating {
			labels = append(labels, "mutating")
		} else {
			labels = append(labels, "read-only")
		}
		versions := []string{string(model.V1), string(model.V2)}
		if c.Only != "" {
			versions = []string{string(c.Only)}
		}
		rows = append(rows, listedCheck{ID: c.ID, Title: c.Title, Rule: c.Rule, Clause: c.Clause, Lines: c.Lines,
			Level: string(c.Level), Area: c.Area, Resource: c.Resource, Operation: c.Operation,
			Labels: labels, Versions: versions, Untestable: c.Untestable, Needs: featureNames(c.Needs), Steps: steps[c.ID],
			Pervasive: c.Pervasive})
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRULE\tCLAUSE\tLEVEL\tLABELS\tCHECK")
	for _, r := range rows {
		title := r.Title
		if r.Untestable != "" {
			title += " [not testable: " + r.Untestable + "]"
		}
		fmt.Fprintf(tw, "%s\t%s\t§%s %s\t%s\t%s\t%s\n", r.ID, r.Rule, r.Clause, r.Lines, r.Level, r.Area, title)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d checks\n", len(rows))
	if p != nil {
		fmt.Fprintf(stdout, "profile %s (%s) requires: %s\n", p.Name, p.Title, strings.Join(p.Requires, ", "))
	}
	return nil
}

func featureNames(fs []features.Feature) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}
