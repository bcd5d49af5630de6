package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// Files are the report file names written into the output directory.
const (
	JUnitFile = "junit.xml"
	HTMLFile  = "report.html"
	JSONFile  = "results.json"
)

// WriteAll writes the three reports into dir, creating it. Each file is
// written whole to a temporary name and renamed, so that a failure never
// leaves half a report.
func WriteAll(dir string, r *Results) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the report directory: %w", err)
	}
	var resultsJSON []byte
	for _, out := range []struct {
		name  string
		write func(*bytes.Buffer, *Results) error
	}{
		{JSONFile, func(b *bytes.Buffer, r *Results) error { return WriteJSON(b, r) }},
		{JUnitFile, func(b *bytes.Buffer, r *Results) error { return WriteJUnit(b, r) }},
		{HTMLFile, func(b *bytes.Buffer, r *Results) error { return WriteHTML(b, r) }},
	} {
		var b bytes.Buffer
		if err := out.write(&b, r); err != nil {
			return fmt.Errorf("writing %s: %w", out.name, err)
		}
		if err := writeFile(filepath.Join(dir, out.name), b.Bytes()); err != nil {
			return err
		}
		if out.name == JSONFile {
			resultsJSON = b.Bytes()
		}
	}
	return writeStatement(dir, r, resultsJSON)
}

// writeStatement writes statement.yaml for a run that judged a profile, and
// removes a stale one otherwise, so that a statement in the directory is
// always the statement of the results beside it.
func writeStatement(dir string, r *Results, resultsJSON []byte) error {
	path := filepath.Join(dir, StatementFile)
	if r.Profile == nil {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("removing the stale %s: %w", StatementFile, err)
		}
		return nil
	}
	st, err := NewStatement(r, resultsJSON)
	if err != nil {
		return err
	}
	data, err := WriteStatement(st)
	if err != nil {
		return fmt.Errorf("writing %s: %w", StatementFile, err)
	}
	return writeFile(path, data)
}

func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
