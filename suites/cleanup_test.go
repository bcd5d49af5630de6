package suites

import (
	"reflect"
	"testing"
)

// The cleanup deletes a resource before what it refers to, and independent
// resources in one wave.
func TestCleanupWavesFollowReferences(t *testing.T) {
	// Newest first: a Machine made from a template, the template, a second
	// snapshot referring to the first, the first, and an unrelated config.
	machine, tmpl, snap2, snap1, cfg := &owned{uri: "m"}, &owned{uri: "t"}, &owned{uri: "s2"}, &owned{uri: "s1"}, &owned{uri: "c"}
	refs := map[string][]string{"m": {"t", "s1"}, "t": {"c"}, "s2": {"s1"}}
	pending := []*owned{machine, tmpl, snap2, snap1, cfg}
	var waves [][]string
	for len(pending) > 0 {
		wave, rest := nextWave(pending, refs)
		var names []string
		for _, o := range wave {
			names = append(names, o.uri)
		}
		waves = append(waves, names)
		pending = rest
	}
	want := [][]string{{"m", "s2"}, {"t", "s1"}, {"c"}}
	if !reflect.DeepEqual(waves, want) {
		t.Errorf("waves %v, want %v", waves, want)
	}
	// A cycle gives up its newest member rather than stalling.
	a, b := &owned{uri: "a"}, &owned{uri: "b"}
	wave, rest := nextWave([]*owned{a, b}, map[string][]string{"a": {"b"}, "b": {"a"}})
	if len(wave) != 1 || wave[0] != a || len(rest) != 1 {
		t.Errorf("a cycle: wave %v rest %v", wave, rest)
	}
}

func TestChecksNamedInALabelFilter(t *testing.T) {
	for filter, want := range map[string][]string{
		"machine.restart":                         {"machine.restart"},
		"machines && !machine.restart":            nil,
		"(machine.start || machine.stop) && json": {"machine.start", "machine.stop"},
		"machine.start,machine.start":             {"machine.start"},
		"crawl":                                   nil,
	} {
		if got := namedChecks(filter); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %v, want %v", filter, got, want)
		}
	}
}

func TestUserinfoBecomesTheCredentials(t *testing.T) {
	c := Config{Endpoint: "https://alice:s3cret@cloud.example.com/cimi/cep"}
	if err := c.takeUserinfo(); err != nil || c.User != "alice" || c.Password != "s3cret" || c.Endpoint != "https://cloud.example.com/cimi/cep" {
		t.Errorf("%v %+v", err, c)
	}
	c = Config{Endpoint: "https://alice:s3cret@cloud.example.com/cimi/cep", User: "bob", Password: "x"}
	if err := c.takeUserinfo(); err == nil {
		t.Error("different credentials in the URL and in --user were accepted")
	}
	c = Config{Endpoint: "https://alice:s3cret@cloud.example.com/cimi/cep", Token: "t"}
	if err := c.takeUserinfo(); err == nil {
		t.Error("credentials in the URL and a token were accepted")
	}
}
