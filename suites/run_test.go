package suites_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites"
)

// TestRunEmbedsInGoTest runs the whole suite inside `go test` through
// suites.Test, the way a vendor can embed it, against the reference server
// in the same process (so that the race detector sees both).
func TestRunEmbedsInGoTest(t *testing.T) {
	ref, err := reference.New(reference.Options{Latency: 10 * time.Millisecond, Users: map[string]string{"vendor": "pw"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(ref)
	defer func() { srv.Close(); ref.Close() }()
	// suites.Test reports every failed check as a test error.
	results := suites.Test(t, suites.Config{
		Endpoint: srv.URL + reference.EntryPointPath, User: "vendor", Password: "pw",
		Timeouts: suites.Timeouts{Job: 5 * time.Second, State: 5 * time.Second, Cleanup: 20 * time.Second},
	})
	if results.Summary.Counts[report.Pass] < 500 {
		t.Errorf("only %d results passed", results.Summary.Counts[report.Pass])
	}
	if _, err := suites.Run(context.Background(), suites.Config{Endpoint: srv.URL + reference.EntryPointPath,
		User: "vendor", Password: "pw"}); err == nil {
		t.Error("a second Run in one process was not refused")
	}
}
