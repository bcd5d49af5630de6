package features

import (
	"bytes"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"
)

// LoadClaims reads a vendor's claim file: the features it says the
// endpoint offers, in the names `cimitest discover` prints.
//
//	features:
//	  - collection/machines
//	  - capability/CloudEntryPoint/FilterParameter
func LoadClaims(path string) ([]Feature, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the claim file: %v", err)
	}
	var doc struct {
		Features []string `yaml:"features"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("the claim file %s is not a list of features (features: [...]): %v", path, err)
	}
	out := make([]Feature, 0, len(doc.Features))
	for _, s := range doc.Features {
		f := Feature(s)
		if !f.Valid() {
			return nil, fmt.Errorf("the claim file %s: %q is not a feature (collection/…, create/…, capability/…, action/…, format/…)", path, s)
		}
		out = append(out, f)
	}
	return out, nil
}

// Valid reports whether f has the form of a feature name.
func (f Feature) Valid() bool {
	switch f.Kind() {
	case "collection", "create", "format":
		return len(bytes.Split([]byte(f), []byte("/"))) == 2
	case "capability", "action":
		return len(bytes.Split([]byte(f), []byte("/"))) == 3
	}
	return false
}
