// Package profiles reads profile documents: the features an endpoint must
// claim and the checks that judge it. The shipped profiles are embedded in
// the binary; a user may write their own (README.md gives the form).
package profiles

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

//go:embed shipped/*.yaml
var shipped embed.FS

// Profile is one profile document.
type Profile struct {
	Name     string   `yaml:"name" json:"name"`
	Title    string   `yaml:"title" json:"title"`
	Versions []string `yaml:"versions" json:"versions"`
	Requires []string `yaml:"requires" json:"requires,omitempty"`
	Include  []string `yaml:"include" json:"include"`
	Exclude  []string `yaml:"exclude" json:"exclude,omitempty"`
	// Source is "shipped:<name>" or the file it was read from.
	Source string `yaml:"-" json:"source"`
}

// Names lists the shipped profiles.
func Names() []string {
	entries, _ := shipped.ReadDir("shipped")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Load reads a shipped profile by name, or a profile document from a file.
func Load(nameOrFile string) (*Profile, error) {
	if data, err := shipped.ReadFile(path.Join("shipped", nameOrFile+".yaml")); err == nil {
		return parse(data, "shipped:"+nameOrFile)
	}
	data, err := os.ReadFile(nameOrFile)
	if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(nameOrFile, "/.") {
		return nil, fmt.Errorf("no profile %q: the shipped ones are %s, or give a file", nameOrFile, strings.Join(Names(), ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the profile %s: %v", nameOrFile, err)
	}
	return parse(data, nameOrFile)
}

func parse(data []byte, source string) (*Profile, error) {
	var p Profile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("the profile %s is not a profile document: %v", source, err)
	}
	p.Source = source
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("the profile %s: %v", source, err)
	}
	return &p, nil
}

// validate checks every name the document uses.
func (p *Profile) validate() error {
	if p.Name == "" || p.Title == "" {
		return errors.New("it needs a name and a title")
	}
	if len(p.Versions) == 0 {
		return errors.New("it names no CIMI version (versions: [\"2.0\"] or [\"1.1\"])")
	}
	for _, v := range p.Versions {
		if _, err := model.ParseVersion(v); err != nil {
			return err
		}
	}
	for _, f := range p.Requires {
		if !features.Feature(f).Valid() {
			return fmt.Errorf("%q is not a feature (collection/…, create/…, capability/…, action/…, format/…)", f)
		}
	}
	if len(p.Include) == 0 {
		return errors.New("it includes no check (include: areas or check IDs, or all)")
	}
	areas := map[string]bool{"all": true}
	for _, c := range checks.All() {
		areas[c.Area] = true
	}
	for _, list := range [][]string{p.Include, p.Exclude} {
		for _, s := range list {
			if !areas[s] && checks.Get(s) == nil {
				return fmt.Errorf("%q is neither an area nor a check ID (cimitest list)", s)
			}
		}
	}
	return nil
}

// AppliesTo reports whether the profile is for version v.
func (p *Profile) AppliesTo(v model.Version) bool {
	for _, s := range p.Versions {
		if pv, _ := model.ParseVersion(s); pv == v {
			return true
		}
	}
	return false
}

// Selects reports whether the profile judges check c.
func (p *Profile) Selects(c *checks.Check) bool {
	in := func(list []string) bool {
		for _, s := range list {
			if s == "all" || s == c.Area || s == c.ID {
				return true
			}
		}
		return false
	}
	return in(p.Include) && !in(p.Exclude)
}

// Features gives the required features.
func (p *Profile) Features() []features.Feature {
	out := make([]features.Feature, len(p.Requires))
	for i, f := range p.Requires {
		out[i] = features.Feature(f)
	}
	return out
}
