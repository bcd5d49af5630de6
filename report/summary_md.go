package report

import (
	"fmt"
	"io"
	"strings"
)

// mdFailuresShown bounds the failures a Markdown summary lists; the rest are
// counted and left to the reports.
const mdFailuresShown = 20

// WriteMarkdownSummary writes a short Markdown summary of the run, for a CI
// job's page (GITHUB_STEP_SUMMARY) or a pull request.
func WriteMarkdownSummary(w io.Writer, r *Results, reportDir string) error {
	var b strings.Builder
	who := r.Run.Endpoint
	if r.Implementation != nil && r.Implementation.Name() != "" {
		who = r.Implementation.Name() + " (" + r.Run.Endpoint + ")"
	}
	mark := "✅ passed"
	if !r.Summary.Passed {
		mark = "❌ not passed"
	}
	fmt.Fprintf(&b, "## cimitest: %s\n\nCIMI %s at %s", mark, r.Run.CIMIVersion, mdEscape(who))
	if r.Profile != nil {
		fmt.Fprintf(&b, ", profile `%s`", r.Profile.Name)
	}
	fmt.Fprintf(&b, "; cimitest %s; %d results in %.1f s.\n\n", r.Tool.Version, r.Summary.Total, r.Run.Seconds)
	b.WriteString("| status | results |\n|---|---:|\n")
	for _, st := range Statuses {
		if n := r.Summary.Counts[st]; n > 0 {
			fmt.Fprintf(&b, "| %s | %d |\n", st, n)
		}
	}
	if n := r.Summary.ExpectedFailures; n > 0 {
		fmt.Fprintf(&b, "| of which expected (--expect) | %d |\n", n)
	}
	if len(r.Summary.Reasons) > 0 {
		b.WriteString("\n**Why not passed**\n\n")
		for _, why := range r.Summary.Reasons {
			fmt.Fprintf(&b, "- %s\n", mdEscape(why))
		}
	}
	var shown, more int
	for _, c := range r.Checks {
		if !failing(c.Status) || c.ExpectedFailure != "" {
			continue
		}
		if shown == mdFailuresShown {
			more++
			continue
		}
		if shown == 0 {
			b.WriteString("\n**Failures**\n\n")
		}
		shown++
		fmt.Fprintf(&b, "- %s `%s` on %s (%s %s): %s\n", c.Status, c.ID, c.Subject(), c.Rule, Citation(c), mdEscape(c.Message))
	}
	if more > 0 {
		fmt.Fprintf(&b, "- and %d more\n", more)
	}
	if reportDir != "" {
		fmt.Fprintf(&b, "\nReports: `%s/report.html`, `%s/results.json`, `%s/junit.xml`.\n", reportDir, reportDir, reportDir)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps text from an endpoint from being read as Markdown or HTML.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "`", "'", "*", `\*`, "_", `\_`, "\n", " ").Replace(s)
}
