package matrix

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cimitest/cimitest/report"
)

// Files the matrix command writes.
const (
	HTMLFile     = "matrix.html"
	MarkdownFile = "matrix.md"
	JSONFile     = "matrix.json"
)

//go:embed matrix.html.tmpl
var htmlTemplate string

var htmlTmpl = template.Must(template.New("matrix").Funcs(template.FuncMap{
	"class":  statusClass,
	"add1":   func(n int) int { return n + 1 },
	"counts": report.CountsText,
	"section": func(rows []Row, i int) string {
		if i > 0 && rows[i-1].Kind == rows[i].Kind {
			return ""
		}
		return map[string]string{KindProfile: "Profiles", KindCheck: "Checks", KindFeature: "Features"}[rows[i].Kind]
	},
}).Parse(htmlTemplate))

// statusClass gives a cell's CSS class (the report's status colours).
func statusClass(status string) string {
	switch status {
	case "passed", "advertised":
		return "pass"
	case "not passed":
		return "fail"
	case "not advertised":
		return "not-supported"
	}
	return status
}

// WriteAll writes matrix.html, matrix.md and matrix.json into dir.
func WriteAll(dir string, m Matrix) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	for name, write := range map[string]func(io.Writer, Matrix) error{
		HTMLFile: WriteHTML, MarkdownFile: WriteMarkdown, JSONFile: WriteJSON,
	} {
		var b bytes.Buffer
		if err := write(&b, m); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	return nil
}

// WriteJSON writes the matrix for programs.
func WriteJSON(w io.Writer, m Matrix) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(m)
}

// WriteHTML writes a self-contained page: its style and its small filter
// script are inline, so that it opens offline.
func WriteHTML(w io.Writer, m Matrix) error { return htmlTmpl.Execute(w, m) }

// WriteMarkdown writes the matrix as Markdown tables, for a wiki or a pull
// request; ≠ marks the rows where the runs disagree.
func WriteMarkdown(w io.Writer, m Matrix) error {
	var b strings.Builder
	b.WriteString("# cimitest matrix\n\n")
	if m.MixedVersions {
		b.WriteString("The runs judged different CIMI versions; a check of one version only has no result in the others.\n\n")
	}
	fmt.Fprintf(&b, "%d runs side by side; %d rows where they disagree (≠).\n\n", len(m.Columns), m.Differences)
	b.WriteString("| run | CIMI | cimitest | verdict | results |\n|---|---|---|---|---|\n")
	for _, c := range m.Columns {
		v := "passed"
		if !c.Passed {
			v = "not passed"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdCell(c.Label), c.CIMIVersion, mdCell(c.Tool.Version), v, mdCell(c.Results))
	}
	for _, kind := range []struct{ kind, title string }{{KindProfile, "Profiles"}, {KindCheck, "Checks"}, {KindFeature, "Features"}} {
		var rows []Row
		for _, r := range m.Rows {
			if r.Kind == kind.kind {
				rows = append(rows, r)
			}
		}
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n\n| | %s |", kind.title, kind.kind)
		for _, c := range m.Columns {
			fmt.Fprintf(&b, " %s |", mdCell(c.Label))
		}
		b.WriteString("\n|---|---|" + strings.Repeat("---|", len(m.Columns)) + "\n")
		for _, r := range rows {
			mark := ""
			if r.Differs {
				mark = "≠"
			}
			fmt.Fprintf(&b, "| %s | `%s` |", mark, r.Key)
			for _, c := range r.Cells {
				text := c.Status
				if text == "" {
					text = "—"
				}
				if c.Link != "" {
					text = "[" + text + "](" + c.Link + ")"
				}
				fmt.Fprintf(&b, " %s |", text)
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdCell(s string) string { return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s) }
