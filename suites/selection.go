package suites

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	. "github.com/onsi/ginkgo/v2" //nolint:revive
	"github.com/onsi/ginkgo/v2/types"

	"github.com/cimitest/cimitest/suites/checks"
)

// Which steps a run runs. The user selects steps (--label-filter, --focus,
// a profile's include); a step of an ordered scenario builds on the steps
// before it (the Machine the lifecycle starts is the one its first step
// made), so those run too and their results are reported. The plan is made
// before the run from Ginkgo's preview of the specs, and handed to Ginkgo as
// a label filter naming each step that runs.

// Every step carries a label of its own, "step-NNN", numbered in the order
// the specs are declared. The tree is built twice (preview and run), always
// in the same order; the numbering restarts before each build.
func (r *runEnv) nextStepLabel() string { return fmt.Sprintf("step-%03d", r.stepSeq.Add(1)) }

func (r *runEnv) resetStepLabels() { r.stepSeq.Store(0) }

var stepLabelRE = regexp.MustCompile(`^step-(\d+)$`)

// stepNumber finds the step label among labels.
func stepNumber(labels []string) (int, string) {
	for _, l := range labels {
		if m := stepLabelRE.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n, l
		}
	}
	return 0, ""
}

// plan is what the run runs.
type plan struct {
	// filter is the label filter that selects exactly the planned steps.
	filter string
	// steps counts the steps that run; selected those the user chose.
	steps, selected int
	// because gives, per step label run only as a prerequisite, the step
	// it serves.
	because map[string]string
	// asked are the check IDs the user named in --label-filter.
	asked []string
}

// previewed is one spec of Ginkgo's preview.
type previewed struct {
	label, text, group string
	unit               string
	number             int
	labels             []string
	ordered            bool
}

// makePlan previews the specs and decides which run: those base accepts
// (the run's serializations, version, read-only mode and profile) and the
// user selects, and, in an ordered scenario, every step before the last
// selected one.
func (r *runEnv) makePlanFrom(base, user func(labels []string, text string) bool, askedIDs []string) (*plan, error) {
	specs, err := r.preview()
	if err != nil {
		return nil, err
	}
	p := &plan{because: map[string]string{}, asked: askedIDs}
	last := map[string]int{} // ordered group -> last selected step number
	lastText := map[string]string{}
	run := map[string]bool{}
	for _, s := range specs {
		if !base(s.labels, s.text) || !user(s.labels, s.text) {
			continue
		}
		run[s.label] = true
		p.selected++
		if s.ordered && s.number > last[s.group] {
			last[s.group], lastText[s.group] = s.number, s.text
		}
	}
	for _, s := range specs {
		if run[s.label] || !s.ordered || s.number > last[s.group] || !base(s.labels, s.text) {
			continue
		}
		run[s.label] = true
		p.because[s.label] = lastText[s.group]
	}
	labels := make([]string, 0, len(run))
	for l := range run {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	p.steps = len(labels)
	if len(labels) == 0 {
		p.filter = "cimitest-nothing-selected"
		return p, nil
	}
	p.filter = strings.Join(labels, " || ")
	return p, nil
}

// preview asks Ginkgo for every spec, without running any. The reporting
// nodes know a preview from the run by r.previewing.
func (r *runEnv) preview() (specs []previewed, err error) {
	r.resetStepLabels()
	r.previewing.Store(true)
	defer r.previewing.Store(false)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("previewing the scenarios: %v", r)
		}
	}()
	rep := PreviewSpecs("cimitest")
	for _, sr := range rep.SpecReports {
		if sr.LeafNodeType != types.NodeTypeIt {
			continue
		}
		n, label := stepNumber(sr.Labels())
		if label == "" {
			continue
		}
		specs = append(specs, previewed{label: label, number: n, text: sr.FullText(), labels: sr.Labels(),
			ordered: sr.IsInOrderedContainer, group: strings.Join(sr.ContainerHierarchyTexts, " / "),
			unit: unitKey(sr.ContainerHierarchyTexts)})
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].number < specs[j].number })
	r.setUnits(specs)
	return specs, nil
}

// namedChecks lists the check IDs a label filter names without negating
// them: the checks the user asked for by name.
func namedChecks(filter string) []string {
	var out []string
	seen := map[string]bool{}
	tokens := regexp.MustCompile(`!?\s*[A-Za-z0-9_.:/-]+`).FindAllString(filter, -1)
	for _, tok := range tokens {
		if strings.HasPrefix(tok, "!") {
			continue
		}
		id := strings.TrimSpace(tok)
		if checks.Get(id) != nil && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Steps lists, for each check ID, the scenario steps that declare it (their
// full texts, in declaration order), for the catalogue; a pervasive check is
// judged by every step besides. It declares the
// scenarios in Ginkgo's global suite and previews them, so it counts as the
// process's one run.
func Steps() (map[string][]string, error) {
	if err := claimProcess(); err != nil {
		return nil, err
	}
	e := &runEnv{ctl: &control{}}
	e.declare(nil)
	specs, err := e.preview()
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, s := range specs {
		for _, l := range s.labels {
			if checks.Get(l) != nil && !slices.Contains(out[l], s.text) {
				out[l] = append(out[l], s.text)
			}
		}
	}
	return out, nil
}
