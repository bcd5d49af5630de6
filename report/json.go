package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// WriteJSON writes results.json.
func WriteJSON(w io.Writer, r *Results) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// ReadJSON reads a results.json file, refusing other schema versions.
func ReadJSON(path string) (*Results, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r Results
	if err := json.NewDecoder(f).Decode(&r); err != nil {
		return nil, fmt.Errorf("%s: not a cimitest results file: %v", path, err)
	}
	if r.SchemaVersion != SchemaVersion {
		return nil, fmt.Errorf("%s: results schema version %q; this cimitest reads %q", path, r.SchemaVersion, SchemaVersion)
	}
	return &r, nil
}
