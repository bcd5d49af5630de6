# cimitest: `make run` runs the suite against the embedded reference server
# and writes reports/; `make test` runs every test of the project.

GO      ?= go
BIN     := bin/cimitest
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build run test lint vet fmt-check staticcheck tools checks-doc bench fuzz clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/cimitest

# The full suite against the embedded reference server; exits with
# cimitest's status (0: every check passes).
run: build
	./$(BIN) run --out reports

# The fault self-test (cmd/cimitest) runs the binary once per switch, each
# run in one process; those runs mostly wait on the reference's latency, so
# sixteen at a time fit two cores. Ginkgo refuses -parallel, so the other
# packages run apart.
test: lint tools
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v /cmd/cimitest$$)
	$(GO) test -race -count=1 -timeout 30m -parallel 16 ./cmd/cimitest

lint: vet fmt-check staticcheck

# xmllint validates the reference's 1.x XML against the DMTF schema
# (reference/xsd_test.go); it comes from Debian's libxml2-utils. Chromium
# drives the filters of report.html and matrix.html (report/browsertest).
# Each test says it did not run when its tool could not be installed.
tools:
	@command -v xmllint >/dev/null 2>&1 || { \
	  echo "installing xmllint (Debian libxml2-utils) for the DSP8009 check"; \
	  { apt-get install -y -q libxml2-utils || { apt-get update -q && apt-get install -y -q libxml2-utils; }; } >/dev/null 2>&1 || \
	  echo "xmllint could not be installed: the DSP8009 check will say it did not run"; }
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing chromium (Debian) for the tests of the HTML reports"; \
	  { apt-get install -y -q --no-install-recommends chromium || { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; }; } >/dev/null 2>&1 || \
	  echo "chromium could not be installed: the browser tests will say they did not run"; }

vet:
	$(GO) vet ./...

# staticcheck comes from the Go module proxy at a pinned version; suites/
# allows the dot imports of the Ginkgo and Gomega DSLs (staticcheck.conf).
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
staticcheck:
	$(GO) run $(STATICCHECK) ./...

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# docs/checks.md is generated from the catalogue, the scenarios and the fault
# cases; a test fails when it is stale.
checks-doc:
	$(GO) test ./cmd/cimitest -count=1 -run TestChecksDocumentIsCurrent -update

# Measurements, reported in docs/performance.md; never asserted in tests:
# the Go benchmarks, then `cimitest run` against the reference at latency
# 0, 20 ms and 1 s with --parallel 1, 2, 4 and 8 (about ten minutes); then
# the size and load time of the report pages in headless Chromium.
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
	CIMITEST_BENCH=1 $(GO) test -count=1 -timeout 60m -run 'TestMeasureParallelMatrix|TestMeasureReportPages' -v ./cmd/cimitest

# A bounded fuzzing session of the reference server's request handling.
fuzz:
	$(GO) test ./reference -run '^$$' -fuzz FuzzRequests -fuzztime 60s -parallel 1

clean:
	rm -rf bin reports
