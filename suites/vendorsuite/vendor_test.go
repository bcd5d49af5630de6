// Package vendorsuite_test shows how a vendor runs cimitest's checks inside
// their own Ginkgo suite, next to their own specs, with their own RunSpecs:
// here against the reference server, started in the same process.
package vendorsuite_test

import (
	"net/http/httptest"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/cimitest/cimitest/reference"
	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites"
)

// The vendor's endpoint: here the reference, made when the package loads so
// that its URL is known when the specs are declared.
var endpoint = func() string {
	ref, err := reference.New(reference.Options{Latency: 5 * time.Millisecond, Users: map[string]string{"vendor": "pw"}})
	if err != nil {
		panic(err)
	}
	return httptest.NewServer(ref).URL + reference.EntryPointPath
}()

var results *report.Results

// cimitest's scenarios join the vendor's suite.
var _ = suites.Register(suites.Config{
	Endpoint: endpoint, User: "vendor", Password: "pw",
	Timeouts: suites.Timeouts{Job: 5 * time.Second, State: 5 * time.Second, Cleanup: 20 * time.Second},
}, func(r *report.Results, err error) {
	if err != nil {
		panic(err)
	}
	results = r
})

// One of the vendor's own specs, beside them.
var _ = Describe("the vendor's own checks", Label("vendor"), func() {
	It("finds its entry point", func() {
		Expect(endpoint).To(ContainSubstring("cloudEntryPoint"))
	})
})

func TestVendorSuite(t *testing.T) {
	RegisterFailHandler(Fail)
	// The vendor's filter: cimitest's JSON half, and the vendor's own specs.
	suiteCfg, repCfg := GinkgoConfiguration()
	suiteCfg.LabelFilter = "json || vendor"
	RunSpecs(t, "vendor suite with cimitest", suiteCfg, repCfg)
	if results == nil {
		t.Fatal("cimitest gave no results")
	}
	if n := results.Summary.Counts[report.Pass]; n < 100 {
		t.Errorf("only %d checks passed", n)
	}
	if results.Summary.Counts[report.Fail] > 0 || len(results.Leaks) > 0 {
		t.Errorf("failed %d, left %v", results.Summary.Counts[report.Fail], results.Leaks)
	}
}
