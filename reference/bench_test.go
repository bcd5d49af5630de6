package reference

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// Benchmarks of the reference server's request handling, in process (no
// network): reading a Machine and the MachineCollection in each format.

func benchServer(b *testing.B, machines int) (*Server, string) {
	b.Helper()
	s, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	body := `{"machineTemplate": {"machineConfig": {"href": "http://ref.test/cimi/machineConfigs/small"}, "machineImage": {"href": "http://ref.test/cimi/machineImages/debian-12"}}}`
	var first string
	for i := 0; i < machines; i++ {
		req := httptest.NewRequest("POST", "http://ref.test/cimi/machines", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 201 {
			b.Fatalf("create: %d %s", rec.Code, rec.Body)
		}
		if first == "" {
			first = rec.Header().Get("Location")
		}
	}
	return s, first
}

func benchGet(b *testing.B, s *Server, url, accept string) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", url, nil)
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

func BenchmarkGetMachineJSON(b *testing.B) {
	s, m := benchServer(b, 1)
	benchGet(b, s, m, "application/json")
}

func BenchmarkGetMachineXML(b *testing.B) {
	s, m := benchServer(b, 1)
	benchGet(b, s, m, "application/xml")
}

func BenchmarkGetCollection100JSON(b *testing.B) {
	s, _ := benchServer(b, 100)
	benchGet(b, s, "http://ref.test/cimi/machines", "application/json")
}

func BenchmarkGetCollection100XML(b *testing.B) {
	s, _ := benchServer(b, 100)
	benchGet(b, s, "http://ref.test/cimi/machines", "application/xml")
}
