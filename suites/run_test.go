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

// TestRunEmbedsInGoTest runs the whole suite inside `go test`, the way a
// vendor can embed it, against the reference server in the same process
// (so that the race detector sees both).
func TestRunEmbedsInGoTest(t *testing.T) {
	ref, err := reference.New(reference.Options{Latency: 10 * time.Millisecond, Users: map[string]string{"vendor": "pw"}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(ref)
	defer func() { srv.Close(); ref.Close() }()
	results, err := suites.Run(context.Background(), suites.Config{
		Endpoint: srv.URL + reference.EntryPointPath, User: "vendor", Password: "pw",
		Timeouts: suites.Timeouts{Job: 5 * time.Second, State: 5 * time.Second, Cleanup: 20 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !results.Summary.Passed {
		for _, c := range results.Checks {
			if c.Status == report.Fail || c.Status == report.Error {
				t.Errorf("%s %s %s [%s]: %s", c.ID, c.Resource, c.Operation, c.Format, c.Message)
			}
		}
	}
	if results.Summary.Counts[report.Pass] < 500 {
		t.Errorf("only %d results passed", results.Summary.Counts[report.Pass])
	}
	if _, err := suites.Run(context.Background(), suites.Config{Endpoint: srv.URL + reference.EntryPointPath,
		User: "vendor", Password: "pw"}); err == nil {
		t.Error("a second Run in one process was not refused")
	}
}
