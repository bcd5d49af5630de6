package report

import (
	_ "embed"
	"fmt"
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
	"deref":    func(b *bool) bool { return b != nil && *b },
	"svgnum":   svgNum,
	"lastX": func(b chartBar) float64 {
		if len(b.Segments) == 0 {
			return chartLabelWidth
		}
		last := b.Segments[len(b.Segments)-1]
		return last.X + last.W
	},
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
	Problems []problemView // Fail, Error and Warn, worst first
	Results  []resultRow
	Statuses []Status
	Grid     grid
	Chart    chart
	// Areas, Levels and Formats are the values the filters offer.
	Areas, Levels, Formats []string
	Claims                 bool // a claim file was given
	// FeaturesAdvertised counts the features discovery found;
	// FeatureProblems those required and missing or differing from a claim.
	FeaturesAdvertised, FeatureProblems int
}

// resultRow is one result with its permalinks; CheckAnchor is set on the
// first result of each check.
type resultRow struct {
	CheckResult
	Anchor, CheckAnchor string
}

// problemView is a failure, error or warning with the exchanges that show
// it; an exchange carries its anchor where it is shown first.
type problemView struct {
	CheckResult
	Anchor    string
	Exchanges []exchangeView
}

type exchangeView struct {
	*Exchange
	Anchor string
}

// WriteHTML writes a self-contained report.html: its style and its small
// filter script are inline, and nothing is fetched from elsewhere, so it
// opens offline.
func WriteHTML(w io.Writer, r *Results) error {
	v := htmlView{R: r, Statuses: Statuses}
	for _, f := range r.Features {
		v.Claims = v.Claims || f.Claimed != nil
		if f.Discovered {
			v.FeaturesAdvertised++
		}
		if (f.Required && !f.Discovered) || f.Disagrees() {
			v.FeatureProblems++
		}
	}
	v.Problems = problems(r)
	v.Results = resultRows(r.Checks)
	v.Grid = buildGrid(r.Rollup)
	v.Chart = buildChart(r.Checks)
	v.Areas, v.Levels, v.Formats = filterValues(r.Checks)
	return reportTmpl.Execute(w, v)
}

func problems(r *Results) []problemView {
	var out []problemView
	shown := map[int]bool{}
	for _, st := range []Status{Fail, Error, Warn} {
		for _, c := range r.Checks {
			if c.Status != st {
				continue
			}
			p := problemView{CheckResult: c, Anchor: Anchor(c) + "-detail"}
			for _, id := range c.Evidence {
				x := r.Exchange(id)
				if x == nil {
					continue
				}
				ev := exchangeView{Exchange: x}
				if !shown[id] {
					ev.Anchor, shown[id] = ExchangeAnchor(id), true
				}
				p.Exchanges = append(p.Exchanges, ev)
			}
			out = append(out, p)
		}
	}
	return out
}

func resultRows(checks []CheckResult) []resultRow {
	rows := make([]resultRow, len(checks))
	seen := map[string]bool{}
	for i, c := range checks {
		rows[i] = resultRow{CheckResult: c, Anchor: Anchor(c)}
		if !seen[c.ID] {
			rows[i].CheckAnchor, seen[c.ID] = CheckAnchor(c.ID), true
		}
	}
	return rows
}

func filterValues(checks []CheckResult) (areas, levels, formats []string) {
	sets := [3]map[string]bool{{}, {}, {}}
	for _, c := range checks {
		sets[0][c.Area], sets[1][c.Level] = true, true
		if c.Format != "" {
			sets[2][c.Format] = true
		}
	}
	var out [3][]string
	for i, s := range sets {
		for k := range s {
			out[i] = append(out[i], k)
		}
		sort.Strings(out[i])
	}
	return out[0], out[1], out[2]
}

// grid is the rollup as resources (rows) by operations (columns), a badge
// per serialization in each cell.
type grid struct {
	Operations []string
	Rows       []gridRow
}

type gridRow struct {
	Resource string
	Cells    [][]gridBadge // one per operation
}

type gridBadge struct {
	Format string // "" for a result of no serialization
	Status Status
	// Title says the counts; Filter is the search that lists the results.
	Title, Filter string
}

func buildGrid(rollup []Rollup) grid {
	var g grid
	ops, resources := map[string]bool{}, map[string]bool{}
	for _, ru := range rollup {
		ops[ru.Operation], resources[ru.Resource] = true, true
	}
	for op := range ops {
		g.Operations = append(g.Operations, op)
	}
	sort.Strings(g.Operations)
	col := map[string]int{}
	for i, op := range g.Operations {
		col[op] = i
	}
	var names []string
	for res := range resources {
		names = append(names, res)
	}
	sort.Strings(names)
	rowOf := map[string]int{}
	for i, res := range names {
		rowOf[res] = i
		g.Rows = append(g.Rows, gridRow{Resource: res, Cells: make([][]gridBadge, len(g.Operations))})
	}
	for _, ru := range rollup {
		subject := ru.Resource + " " + ru.Operation
		if ru.Format != "" {
			subject += " [" + ru.Format + "]"
		}
		b := gridBadge{Format: ru.Format, Status: ru.Status, Title: subject + ": " + CountsText(ru.Counts), Filter: subject}
		cell := &g.Rows[rowOf[ru.Resource]].Cells[col[ru.Operation]]
		*cell = append(*cell, b)
	}
	return g
}

// chart is a bar per area, its results stacked by status, as inline SVG.
type chart struct {
	Width, Height int
	Bars          []chartBar
}

type chartBar struct {
	Area     string
	Y, Total int
	// Bad says the failures, errors and warnings ("4 fail, 1 warn"), which
	// a thin segment does not show.
	Bad      string
	Segments []chartSegment
}

type chartSegment struct {
	Status Status
	X, W   float64
	N      int
}

const (
	chartLabelWidth = 130
	chartBarWidth   = 520
	chartRow        = 20
)

func buildChart(checks []CheckResult) chart {
	counts := map[string]map[Status]int{}
	for _, c := range checks {
		if counts[c.Area] == nil {
			counts[c.Area] = map[Status]int{}
		}
		counts[c.Area][c.Status]++
	}
	areas := make([]string, 0, len(counts))
	most := 1
	for a, m := range counts {
		areas = append(areas, a)
		total := 0
		for _, n := range m {
			total += n
		}
		most = max(most, total)
	}
	sort.Strings(areas)
	ch := chart{Width: chartLabelWidth + chartBarWidth + 60, Height: chartRow*len(areas) + 4}
	for i, a := range areas {
		bar := chartBar{Area: a, Y: i * chartRow}
		x := float64(chartLabelWidth)
		for _, st := range Statuses {
			n := counts[a][st]
			if n == 0 {
				continue
			}
			w := float64(n) * chartBarWidth / float64(most)
			bar.Segments = append(bar.Segments, chartSegment{Status: st, X: x, W: max(w, 1), N: n})
			x += max(w, 1)
			bar.Total += n
		}
		bar.Bad = CountsText(map[Status]int{Fail: counts[a][Fail], Error: counts[a][Error], Warn: counts[a][Warn]})
		ch.Bars = append(ch.Bars, bar)
	}
	return ch
}

// svgNum writes a coordinate with one decimal.
func svgNum(f float64) string { return fmt.Sprintf("%.1f", f) }
