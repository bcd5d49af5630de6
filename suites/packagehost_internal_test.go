package suites

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestPackageHostServesOnlyWhatItWasGiven(t *testing.T) {
	e := &runEnv{prefix: "cimitest-test", cepURL: "http://127.0.0.1:1/cimi/cloudEntryPoint"}
	h, why := e.packageHostOf()
	if h == nil {
		t.Fatal(why)
	}
	defer e.closePackageHost()
	src := h.serve("p.ovf", []byte("<Envelope/>"))
	dest := h.slot("out.ovf", nil)
	do := func(method, url, body string) int {
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if !strings.Contains(src, "/cimitest-test-") {
		t.Errorf("the package URL %s does not carry the run's prefix", src)
	}
	for _, c := range []struct {
		method, url string
		want        int
	}{
		{http.MethodGet, src, 200}, {http.MethodPut, src, 405}, {http.MethodPut, dest, 201}, {http.MethodPut, dest, 204},
		{http.MethodGet, dest, 200}, {http.MethodGet, dest + "x", 404}, {http.MethodDelete, dest, 405},
	} {
		if got := do(c.method, c.url, "<Envelope/>"); got != c.want {
			t.Errorf("%s %s: %d, want %d", c.method, c.url, got, c.want)
		}
	}
	if got := do(http.MethodPut, dest, strings.Repeat("x", packageHostLimit+1)); got != http.StatusRequestEntityTooLarge {
		t.Errorf("a body beyond the limit: %d", got)
	}
	if writes := len(h.writes(src)); writes != 1 || len(h.got(dest)) != 5 {
		t.Errorf("kept %d writes to the source and %d requests to the destination", writes, len(h.got(dest)))
	}
}

func TestNoPackageHostForARemoteEndpointUnlessConfigured(t *testing.T) {
	e := &runEnv{prefix: "p", cepURL: "https://cloud.example.com/cimi"}
	if h, why := e.packageHostOf(); h != nil || !strings.Contains(why, "--package-listen") {
		t.Fatalf("host %v, reason %q", h, why)
	}
	e = &runEnv{prefix: "p", cepURL: "https://cloud.example.com/cimi", cfg: Config{PackageListen: "127.0.0.1:0", PackageURL: "http://tester.example:8099/"}}
	h, why := e.packageHostOf()
	if h == nil {
		t.Fatal(why)
	}
	defer e.closePackageHost()
	if u := h.serve("p.ovf", nil); !strings.HasPrefix(u, "http://tester.example:8099/p-") {
		t.Errorf("the package URL %s is not below --package-url", u)
	}
}
