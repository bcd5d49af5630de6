package report

import (
	"fmt"
	"io"
	"sort"
)

// Change is one result whose status differs between two runs.
type Change struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Subject string `json:"subject"`
	// Old and New are the statuses; "" where the run had no such result.
	Old     Status `json:"old"`
	New     Status `json:"new"`
	Message string `json:"message,omitempty"`
}

// Diff is what changed from one run to the next.
type Diff struct {
	// Regressions judge worse than before (a failure, error or warning that
	// was not there); Fixes better (a failure or warning gone, the result
	// still judged); Unjudged were judged before and no longer are.
	Regressions []Change `json:"regressions"`
	Fixes       []Change `json:"fixes"`
	Unjudged    []Change `json:"unjudged"`
	// Notes say what makes the two runs hard to compare.
	Notes []string `json:"notes,omitempty"`
}

// severity orders the statuses a diff compares; -1 is not judged.
func severity(s Status) int {
	switch s {
	case Fail, Error:
		return 2
	case Warn:
		return 1
	case Pass:
		return 0
	}
	return -1
}

// Compare lists the regressions, fixes and results no longer judged from
// old to new, result by result (check, resource, operation, serialization).
func Compare(old, new *Results) Diff {
	var d Diff
	before := map[string]CheckResult{}
	for _, c := range old.Checks {
		before[c.Key()] = c
	}
	seen := map[string]bool{}
	for _, c := range new.Checks {
		seen[c.Key()] = true
		o, had := before[c.Key()]
		ch := Change{ID: c.ID, Title: c.Title, Subject: c.Subject(), New: c.Status, Message: c.Message}
		if had {
			ch.Old = o.Status
		}
		sn, so := severity(c.Status), severity(ch.Old)
		switch {
		case sn > 0 && sn > so:
			d.Regressions = append(d.Regressions, ch)
		case so > 0 && sn >= 0 && sn < so:
			d.Fixes = append(d.Fixes, ch)
		case so >= 0 && sn < 0:
			d.Unjudged = append(d.Unjudged, ch)
		}
	}
	for _, c := range old.Checks {
		if !seen[c.Key()] && severity(c.Status) >= 0 {
			d.Unjudged = append(d.Unjudged, Change{ID: c.ID, Title: c.Title, Subject: c.Subject(), Old: c.Status})
		}
	}
	for _, l := range [][]Change{d.Regressions, d.Fixes, d.Unjudged} {
		sort.Slice(l, func(i, j int) bool { return l[i].ID+"|"+l[i].Subject < l[j].ID+"|"+l[j].Subject })
	}
	if old.Run.CIMIVersion != new.Run.CIMIVersion {
		d.Notes = append(d.Notes, fmt.Sprintf("the runs judged different CIMI versions (%s, then %s): results of one version only show as appeared or unjudged", old.Run.CIMIVersion, new.Run.CIMIVersion))
	}
	if old.Tool.Catalogue != new.Tool.Catalogue {
		d.Notes = append(d.Notes, "the runs used different check catalogues (another cimitest build): a changed check may show as a change of the endpoint")
	}
	return d
}

// WriteText writes the diff for a person; markdown adds list markers and
// headings for a pull request or a CI summary.
func (d Diff) WriteText(w io.Writer, markdown bool) {
	head := func(n int, one, many string) {
		if markdown {
			fmt.Fprintf(w, "\n### %s\n\n", Plural(n, one, many))
		} else {
			fmt.Fprintf(w, "%s:\n", Plural(n, one, many))
		}
	}
	item := func(c Change) {
		old := string(c.Old)
		if old == "" {
			old = "absent"
		}
		now := string(c.New)
		if now == "" {
			now = "absent"
		}
		line := fmt.Sprintf("%s on %s: %s → %s", c.ID, c.Subject, old, now)
		if markdown {
			line = fmt.Sprintf("`%s` on %s: %s → **%s**", c.ID, c.Subject, old, now)
		}
		if c.Message != "" && severity(c.New) > 0 {
			line += " (" + c.Message + ")"
		}
		if markdown {
			fmt.Fprintf(w, "- %s\n", line)
			return
		}
		fmt.Fprintf(w, "  - %s\n", line)
	}
	for _, n := range d.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for _, g := range []struct {
		list      []Change
		one, many string
	}{
		{d.Regressions, "regression", "regressions"},
		{d.Fixes, "fix", "fixes"},
		{d.Unjudged, "result no longer judged", "results no longer judged"},
	} {
		if len(g.list) > 0 {
			head(len(g.list), g.one, g.many)
			for _, c := range g.list {
				item(c)
			}
		}
	}
	if len(d.Regressions)+len(d.Fixes)+len(d.Unjudged) == 0 {
		fmt.Fprintln(w, "no result changed")
	}
}
