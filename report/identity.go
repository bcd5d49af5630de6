package report

import "strings"

// Implementation names the product a run judged, as the person running it
// gave it (--impl-* flags, CIMITEST_IMPL_* or the config file): a plug-fest
// matrix and a conformance statement say who was tested, not only where.
type Implementation struct {
	Organization string `json:"organization,omitempty" yaml:"organization,omitempty"`
	Product      string `json:"product,omitempty" yaml:"product,omitempty"`
	Version      string `json:"version,omitempty" yaml:"version,omitempty"`
	Contact      string `json:"contact,omitempty" yaml:"contact,omitempty"`
	URL          string `json:"url,omitempty" yaml:"url,omitempty"`
}

// Empty reports whether nothing names the implementation.
func (i Implementation) Empty() bool { return i == Implementation{} }

// Name is "Organization Product Version", with what is known.
func (i Implementation) Name() string {
	var parts []string
	for _, p := range []string{i.Organization, i.Product, i.Version} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}
