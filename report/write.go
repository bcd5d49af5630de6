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
	}
	return nil
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
