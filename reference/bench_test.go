package reference

import (
	"io"
	"net/http"
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

// seeded is a server whose user starts with n Machines, as
// `cimitest serve --seed-machines n` gives.
func seeded(b *testing.B, n int) *Server {
	b.Helper()
	s, err := New(Options{SeedMachines: n})
	if err != nil {
		b.Fatal(err)
	}
	// The first request builds the user's world; keep it out of the timing.
	benchGet(&testing.B{N: 1}, s, "http://ref.test/cimi/cloudEntryPoint", "application/json")
	return s
}

// $filter over 10,000 Machines: one match, and a page of a broad match.
func BenchmarkFilter10000OneMatch(b *testing.B) {
	s := seeded(b, 10000)
	b.ResetTimer()
	benchGet(b, s, "http://ref.test/cimi/machines?$filter=name%3D%27seed-5000%27", "application/json")
}

func BenchmarkFilter10000Page(b *testing.B) {
	s := seeded(b, 10000)
	b.ResetTimer()
	benchGet(b, s, "http://ref.test/cimi/machines?$filter=cpu%3E%3D1+and+state%3D%27STOPPED%27&$first=1&$last=20", "application/json")
}

func BenchmarkGetCollection10000JSON(b *testing.B) {
	s := seeded(b, 10000)
	b.ResetTimer()
	benchGet(b, s, "http://ref.test/cimi/machines", "application/json")
}

// Over loopback, side by side: GET of one Machine in JSON from the
// reference, and from a bare net/http handler that writes the same bytes
// with the same headers. The ratio of the two is the share of the
// network's limit the reference reaches (docs/performance.md); both use
// the same client, eight requests in flight on keep-alive connections.
func BenchmarkLoopbackGetMachineJSON(b *testing.B) {
	s, m := benchServer(b, 1)
	loopback(b, s, strings.TrimPrefix(m, "http://ref.test"))
}

func BenchmarkLoopbackBareSameBytes(b *testing.B) {
	s, m := benchServer(b, 1)
	req := httptest.NewRequest("GET", m, nil)
	req.Header.Set("Accept", "application/json")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	body, header := rec.Body.Bytes(), rec.Header().Clone()
	bare := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		_, _ = w.Write(body)
	})
	loopback(b, bare, strings.TrimPrefix(m, "http://ref.test"))
}

func loopback(b *testing.B, h http.Handler, path string) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 8, MaxConnsPerHost: 8}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	url := srv.URL + path
	b.SetParallelism(4) // eight in flight on two cores
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("GET", url, nil)
			req.Header.Set("Accept", "application/json")
			resp, err := c.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
}
