package model

import (
	"os"
	"path/filepath"
	"testing"
)

// Benchmarks of reading and judging one representation.

func benchDecode(b *testing.B, name string, f Format) {
	body, err := os.ReadFile(filepath.Join(fixtures, name))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for i := 0; i < b.N; i++ {
		d, err := Decode(f, body, V2)
		if err != nil {
			b.Fatal(err)
		}
		if p := Validate(d, V2, Full); len(p) > 0 {
			b.Fatal(p)
		}
	}
}

func BenchmarkDecodeValidateMachineJSON(b *testing.B) { benchDecode(b, "v2/machine.json", JSON) }
func BenchmarkDecodeValidateMachineXML(b *testing.B)  { benchDecode(b, "v2/machine.xml", XML) }
