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
	var asJSON, byRule bool
	var version, profile, family string
	o := &options{cmd: "list"}
	o.add(boolOpt(&asJSON, "json", "print JSON instead of a table"))
	o.add(boolOpt(&byRule, "rules", "list the spec digest's numbered rules with the checks that judge each"))
	o.add(strOpt(&family, "family", "", "with --rules: only the rules of this family (M, P, J, R, C, V, N, S, MT, E)"))
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
	if byRule {
		return listRules(stdout, asJSON, family, only)
	}
	if family != "" {
		return usagef("--family goes with --rules")
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
		return writeJSON(stdout, rows)
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

// listedRule is one row of `cimitest list --rules --json`.
type listedRule struct {
	ID         string   `json:"id"`
	Level      string   `json:"level"`
	Version    string   `json:"version,omitempty"`
	Status     string   `json:"status"` // judged, not-testable or no-check
	JudgedBy   []string `json:"judgedBy,omitempty"`
	Untestable []string `json:"untestable,omitempty"`
}

// listRules prints every numbered rule with what judges it.
func listRules(stdout io.Writer, asJSON bool, family string, only model.Version) error {
	var rows []listedRule
	counts := map[string]int{}
	for _, rc := range checks.Coverage() {
		fam, _, _ := strings.Cut(rc.ID, "-")
		if (family != "" && !strings.EqualFold(fam, family)) || (only != "" && !rc.AppliesTo(only)) {
			continue
		}
		status := "no-check"
		switch {
		case len(rc.Judged) > 0:
			status = "judged"
		case len(rc.Untestable) > 0:
			status = "not-testable"
		}
		counts[status]++
		rows = append(rows, listedRule{ID: rc.ID, Level: string(rc.Level), Version: string(rc.Only), Status: status,
			JudgedBy: rc.Judged, Untestable: rc.Untestable})
	}
	if len(rows) == 0 {
		return usagef("no rule of family %q", family)
	}
	if asJSON {
		return writeJSON(stdout, rows)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tLEVEL\tVERSION\tSTATUS\tCHECKS")
	for _, r := range rows {
		what := strings.Join(r.JudgedBy, ", ")
		if r.Status == "not-testable" {
			what = strings.Join(r.Untestable, "; ")
		}
		v := r.Version
		if v == "" {
			v = "both"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Level, v, r.Status, what)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d rules: %d judged, %d not testable, %d without a check\n", len(rows),
		counts["judged"], counts["not-testable"], counts["no-check"])
	return nil
}

func featureNames(fs []features.Feature) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// writeJSON prints v as indented JSON, for --json.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
