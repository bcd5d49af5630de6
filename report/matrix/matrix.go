// Package matrix sets the results of several cimitest runs side by side: a
// plug-fest's implementations as columns, and their verdicts, profiles,
// features and checks as rows, with the rows where they disagree marked.
package matrix

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/cimitest/cimitest/report"
)

// Column is one run.
type Column struct {
	Label          string                 `json:"label"`
	Implementation *report.Implementation `json:"implementation,omitempty"`
	Endpoint       string                 `json:"endpoint"`
	CIMIVersion    string                 `json:"cimiVersion"`
	Tool           report.Tool            `json:"tool"`
	Faults         []string               `json:"referenceFaults,omitempty"`
	// Results is the results.json the column was read from; Report the
	// run's report.html as a link from the matrix ("" when there is none).
	Results string                `json:"results"`
	Report  string                `json:"report,omitempty"`
	Passed  bool                  `json:"passed"`
	Counts  map[report.Status]int `json:"counts"`
}

// Row kinds, in the order the matrix shows them: profiles, checks, features.
const (
	KindProfile = "profile"
	KindFeature = "feature"
	KindCheck   = "check"
)

// Row is one profile, feature or check across the runs.
type Row struct {
	Kind  string `json:"kind"`
	Key   string `json:"key"`
	Title string `json:"title,omitempty"`
	Area  string `json:"area,omitempty"`
	Level string `json:"level,omitempty"`
	Cells []Cell `json:"cells"`
	// Differs marks a row where one run passes and another fails (for a
	// feature: one advertises it and another does not).
	Differs bool `json:"differs"`
}

// Cell is one run's outcome on a row; an empty Status means the run has no
// result there (another version, another selection).
type Cell struct {
	Status string `json:"status,omitempty"`
	// Detail says more: how many subjects failed and the first message.
	Detail string `json:"detail,omitempty"`
	// Link points into the run's report at the result; Exchange at the
	// exchange that shows a failure.
	Link     string `json:"link,omitempty"`
	Exchange string `json:"exchange,omitempty"`
}

// Matrix is the whole table.
type Matrix struct {
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
	// MixedVersions is set when the runs judged different CIMI versions.
	MixedVersions bool `json:"mixedVersions"`
	// Differences counts the rows marked Differs.
	Differences int `json:"differences"`
}

// Input is one results file and the results read from it.
type Input struct {
	Path    string
	Results *report.Results
}

// Find expands files and folders into results files: a folder gives every
// results.json under it, in path order.
func Find(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && d.Name() == report.JSONFile {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s holds no %s", a, report.JSONFile)
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// Read reads every results file, failing on the first it cannot read.
func Read(paths []string) ([]Input, error) {
	ins := make([]Input, 0, len(paths))
	for _, p := range paths {
		r, err := report.ReadJSON(p)
		if err != nil {
			return nil, err
		}
		ins = append(ins, Input{Path: p, Results: r})
	}
	return ins, nil
}

// Build sets the inputs side by side; outDir is where the matrix is written,
// so that its links to each run's report are relative and survive a copy of
// the whole tree.
func Build(ins []Input, outDir string) Matrix {
	var m Matrix
	labels := map[string]int{}
	for _, in := range ins {
		m.Columns = append(m.Columns, column(in, outDir, labels))
	}
	for _, c := range m.Columns[1:] {
		m.MixedVersions = m.MixedVersions || c.CIMIVersion != m.Columns[0].CIMIVersion
	}
	m.Rows = append(m.Rows, profileRows(ins)...)
	m.Rows = append(m.Rows, checkRows(ins, m.Columns)...)
	m.Rows = append(m.Rows, featureRows(ins)...)
	for _, r := range m.Rows {
		if r.Differs {
			m.Differences++
		}
	}
	return m
}

func column(in Input, outDir string, labels map[string]int) Column {
	r := in.Results
	c := Column{Implementation: r.Implementation, Endpoint: r.Run.Endpoint, CIMIVersion: r.Run.CIMIVersion,
		Tool: r.Tool, Faults: r.Run.ReferenceFaults, Results: in.Path, Passed: r.Summary.Passed, Counts: r.Summary.Counts}
	c.Label = label(r)
	if n := labels[c.Label]; n > 0 {
		labels[c.Label] = n + 1
		c.Label = fmt.Sprintf("%s (%d)", c.Label, n+1)
	} else {
		labels[c.Label] = 1
	}
	html := filepath.Join(filepath.Dir(in.Path), report.HTMLFile)
	if _, err := os.Stat(html); err == nil {
		if rel, err := relative(outDir, html); err == nil {
			c.Report = rel
		}
	}
	return c
}

// label names a run: the implementation when the run was told it, else the
// endpoint's host (with the reference's fault switches).
func label(r *report.Results) string {
	if r.Implementation != nil && r.Implementation.Name() != "" {
		return r.Implementation.Name()
	}
	if r.Run.Reference {
		l := "reference " + r.Run.CIMIVersion
		if len(r.Run.ReferenceFaults) > 0 {
			l += " + " + strings.Join(r.Run.ReferenceFaults, " + ")
		}
		return l
	}
	if u, err := url.Parse(r.Run.Endpoint); err == nil && u.Host != "" {
		return u.Host
	}
	return r.Run.Endpoint
}

// relative gives target as a slash-separated link from dir.
func relative(dir, target string) (string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	absTarget, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absDir, absTarget)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

func profileRows(ins []Input) []Row {
	var rows []Row
	idx := map[string]int{}
	for i, in := range ins {
		p := in.Results.Profile
		if p == nil {
			continue
		}
		j, ok := idx[p.Name]
		if !ok {
			j = len(rows)
			idx[p.Name] = j
			rows = append(rows, Row{Kind: KindProfile, Key: p.Name, Title: p.Title, Cells: make([]Cell, len(ins))})
		}
		cell := Cell{Status: "passed"}
		if !p.Passed {
			cell.Status = "not passed"
		}
		if len(p.Missing) > 0 {
			cell.Detail = "does not advertise " + strings.Join(p.Missing, ", ")
		}
		rows[j].Cells[i] = cell
	}
	for i := range rows {
		rows[i].Differs = differs(rows[i].Cells, "passed", "not passed")
	}
	return rows
}

func featureRows(ins []Input) []Row {
	idx := map[string]*Row{}
	for i, in := range ins {
		for _, f := range in.Results.Features {
			row := idx[f.Feature]
			if row == nil {
				row = &Row{Kind: KindFeature, Key: f.Feature, Cells: make([]Cell, len(ins))}
				idx[f.Feature] = row
			}
			cell := Cell{Status: "advertised", Detail: f.Value}
			if !f.Discovered {
				cell = Cell{Status: "not advertised", Detail: f.Source}
			}
			row.Cells[i] = cell
		}
	}
	keys := make([]string, 0, len(idx))
	for k := range idx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rows := make([]Row, 0, len(keys))
	for _, k := range keys {
		row := idx[k]
		row.Differs = differs(row.Cells, "advertised", "not advertised")
		rows = append(rows, *row)
	}
	return rows
}

// differs reports whether one cell says good and another one of bad.
func differs(cells []Cell, good string, bad ...string) bool {
	var g, b bool
	for _, c := range cells {
		g = g || c.Status == good
		b = b || slices.Contains(bad, c.Status)
	}
	return g && b
}

func checkRows(ins []Input, cols []Column) []Row {
	idx := map[string]*Row{}
	for i, in := range ins {
		byCheck := map[string][]report.CheckResult{}
		for _, c := range in.Results.Checks {
			byCheck[c.ID] = append(byCheck[c.ID], c)
		}
		for id, results := range byCheck {
			row := idx[id]
			if row == nil {
				c := results[0]
				row = &Row{Kind: KindCheck, Key: id, Title: c.Title, Area: c.Area, Level: c.Level, Cells: make([]Cell, len(ins))}
				idx[id] = row
			}
			row.Cells[i] = checkCell(in.Results, results, cols[i].Report)
		}
	}
	keys := make([]string, 0, len(idx))
	for k := range idx {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := idx[keys[i]], idx[keys[j]]
		if a.Area != b.Area {
			return a.Area < b.Area
		}
		return a.Key < b.Key
	})
	rows := make([]Row, 0, len(keys))
	for _, k := range keys {
		row := idx[k]
		row.Differs = differs(row.Cells, string(report.Pass), string(report.Fail), string(report.Error))
		rows = append(rows, *row)
	}
	return rows
}

// checkCell is a run's outcome of one check: the worst of its subjects,
// linked to that result in the run's report and to its first exchange.
func checkCell(r *report.Results, results []report.CheckResult, reportLink string) Cell {
	worst := results[0]
	bad := 0
	for _, c := range results {
		if report.Worse(c.Status, worst.Status) {
			worst = c
		}
		if c.Status == report.Fail || c.Status == report.Error {
			bad++
		}
	}
	cell := Cell{Status: string(worst.Status)}
	switch {
	case bad > 0:
		cell.Detail = fmt.Sprintf("%d of %d subjects: %s", bad, len(results), worst.Message)
	case worst.Status != report.Pass:
		cell.Detail = worst.Message
	}
	if worst.ExpectedFailure != "" {
		cell.Detail = "expected (" + worst.ExpectedFailure + "); " + cell.Detail
	}
	if reportLink != "" {
		cell.Link = reportLink + "#" + report.Anchor(worst)
		if len(worst.Evidence) > 0 && r.Exchange(worst.Evidence[0]) != nil {
			cell.Exchange = reportLink + "#" + report.ExchangeAnchor(worst.Evidence[0])
		}
	}
	return cell
}
