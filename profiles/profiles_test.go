package profiles

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/model"
)

func TestShippedProfilesLoad(t *testing.T) {
	names := Names()
	for _, want := range []string{"core", "cimi-basics", "full-2.0", "full-1.1"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Errorf("no shipped profile %s (have %v)", want, names)
		}
	}
	for _, n := range names {
		p, err := Load(n)
		if err != nil {
			t.Errorf("%s: %v", n, err)
			continue
		}
		if p.Name != n || p.Source != "shipped:"+n {
			t.Errorf("%s: name %q, source %q", n, p.Name, p.Source)
		}
		selected := 0
		for _, c := range checks.All() {
			if p.Selects(c) {
				selected++
			}
		}
		if selected == 0 {
			t.Errorf("%s selects no check", n)
		}
	}
}

func TestProfileSelection(t *testing.T) {
	core, err := Load("core")
	if err != nil {
		t.Fatal(err)
	}
	if !core.AppliesTo(model.V2) || core.AppliesTo(model.V1) {
		t.Error("core is a 2.0 profile")
	}
	full11, err := Load("full-1.1")
	if err != nil {
		t.Fatal(err)
	}
	if !full11.AppliesTo(model.V1) || full11.AppliesTo(model.V2) {
		t.Error("full-1.1 is a 1.1 profile")
	}
	p := write(t, "name: p\ntitle: t\nversions: [\"2.0\"]\ninclude: [machines, query.filter]\nexclude: [machine.restore]\n")
	prof, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"machine.start": true, "machine.restore": false, "query.filter": true,
		"query.orderby": false, "cep.read": false} {
		if got := prof.Selects(checks.MustGet(id)); got != want {
			t.Errorf("Selects(%s) = %v, want %v", id, got, want)
		}
	}
	if prof.Source != p {
		t.Errorf("source %q", prof.Source)
	}
}

func TestBadProfilesAreRefused(t *testing.T) {
	for doc, want := range map[string]string{
		"name: p\ntitle: t\nversions: [\"2.0\"]\ninclude: [all]\nextra: 1\n":                      "not a profile document",
		"title: t\nversions: [\"2.0\"]\ninclude: [all]\n":                                         "needs a name",
		"name: p\ntitle: t\ninclude: [all]\n":                                                     "names no CIMI version",
		"name: p\ntitle: t\nversions: [\"3.0\"]\ninclude: [all]\n":                                "3.0",
		"name: p\ntitle: t\nversions: [\"2.0\"]\n":                                                "includes no check",
		"name: p\ntitle: t\nversions: [\"2.0\"]\ninclude: [nosuch]\n":                             "neither an area nor a check ID",
		"name: p\ntitle: t\nversions: [\"2.0\"]\ninclude: [all]\nrequires: [machines]\n":          "not a feature",
		"name: p\ntitle: t\nversions: [\"2.0\"]\ninclude: [all]\nexclude: [machine.frobnicate]\n": "neither an area nor a check ID",
	} {
		_, err := Load(write(t, doc))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error saying %q", doc, err, want)
		}
	}
	if _, err := Load("nosuch"); err == nil || !strings.Contains(err.Error(), "core") {
		t.Errorf("unknown name: %v (the error should list the shipped profiles)", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("missing file: %v", err)
	}
}

func write(t *testing.T, doc string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "profile.yaml")
	if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
