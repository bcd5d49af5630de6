package report

import (
	_ "embed"
	"html/template"
	"io"
	"sort"
	"strings"
)

//go:embed templates/report.html.tmpl
var reportTemplate string

var htmlFuncs = template.FuncMap{
	"citation": Citation,
	"lower":    strings.ToLower,
	"status":   func(s Status) string { return string(s) },
	"exchange": func(r *Results, id int) *Exchange { return r.Exchange(id) },
	"deref":    func(b *bool) bool { return b != nil && *b },
	"headers": func(h map[string][]string) string {
		keys := make([]string, 0, len(h))
		for k := range h {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		for _, k := range keys {
			for _, v := range h[k] {
				b.WriteString(k + ": " + v + "\n")
			}
		}
		return b.String()
	},
}

var reportTmpl = template.Must(template.New("report").Funcs(htmlFuncs).Parse(reportTemplate))

// htmlView is what the template sees.
type htmlView struct {
	R        *Results
	Problems []CheckResult // Fail, Error and Warn, worst first
	Statuses []Status
	Matrix   []matrixRow
	Formats  []string
	Claims   bool // a claim file was given
}

type matrixRow struct {
	Resource, Operation string
	Cells               []Status // one per format, "" when not judged
}

// WriteHTML writes a self-contained report.html: no scripts, styles or
// fonts from elsewhere, so it opens offline.
func WriteHTML(w io.Writer, r *Results) error {
	v := htmlView{R: r, Statuses: Statuses}
	for _, f := range r.Features {
		v.Claims = v.Claims || f.Claimed != nil
	}
	for _, st := range []Status{Fail, Error, Warn} {
		for _, c := range r.Checks {
			if c.Status == st {
				v.Problems = append(v.Problems, c)
			}
		}
	}
	v.Formats, v.Matrix = matrix(r.Rollup)
	return reportTmpl.Execute(w, v)
}

// matrix turns the rollup into rows of resource x operation with one column
// per serialization.
func matrix(rollup []Rollup) ([]string, []matrixRow) {
	formats := []string{}
	seen := map[string]bool{}
	for _, ru := range rollup {
		if !seen[ru.Format] {
			seen[ru.Format] = true
			formats = append(formats, ru.Format)
		}
	}
	sort.Strings(formats)
	idx := map[string]*matrixRow{}
	var order []string
	for _, ru := range rollup {
		k := ru.Resource + "|" + ru.Operation
		row := idx[k]
		if row == nil {
			row = &matrixRow{Resource: ru.Resource, Operation: ru.Operation, Cells: make([]Status, len(formats))}
			idx[k] = row
			order = append(order, k)
		}
		for i, f := range formats {
			if f == ru.Format {
				row.Cells[i] = ru.Status
			}
		}
	}
	sort.Strings(order)
	rows := make([]matrixRow, 0, len(order))
	for _, k := range order {
		rows = append(rows, *idx[k])
	}
	return formats, rows
}
