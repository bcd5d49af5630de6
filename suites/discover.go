package suites

import (
	"errors"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/suites/client"

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/features"
	"github.com/cimitest/cimitest/suites/model"
)

// discover reads what the endpoint claims (suites/features): its version,
// base URI, collections, capabilities and actions. An endpoint that cannot
// be judged at all stops the run with a UsageError.
func (e *runEnv) discover() error {
	e.cepURL = e.cfg.Endpoint
	ep, err := features.Discover(e.client, e.cfg.Endpoint, e.cfg.Version)
	e.discovery.stop()
	if errors.Is(err, features.ErrNotUsable) {
		return &UsageError{Err: err}
	}
	if errors.Is(err, features.ErrBrokenEntryPoint) {
		// The endpoint answered as CIMI and failed: cep.read says so, with
		// the exchange, and nothing else can be judged.
		var evidence []int
		if last := e.client.Last(); last > 0 {
			e.client.Pin(last)
			evidence = []int{last}
		}
		e.rec.record(checks.CEPRead, subject{resource: "CloudEntryPoint", operation: "read"}, report.Fail, err.Error(),
			"a CloudEntryPoint", "", "", evidence)
		return err
	}
	if err != nil {
		return err
	}
	e.adopt(ep)
	for _, n := range ep.Notes {
		e.note("discovery: " + n)
	}
	return e.judgeOrigins()
}

// adopt takes what discovery found as the run's.
func (e *runEnv) adopt(ep *features.Endpoint) {
	e.cepURL = e.cfg.Endpoint
	e.ep = ep
	e.version = ep.Version
	for _, c := range ep.Collections {
		e.ledger.allowCollection(e.client.Resolve(c.URI))
	}
	e.cep = ep.CEP
	e.jobs = ep.CEP.Has("jobs")
}

// missingFeature names a feature check id needs that the endpoint is known
// not to claim.
func (e *runEnv) missingFeature(c *checks.Check) (features.Feature, bool) {
	for _, f := range c.Needs {
		if e.ep.Features.Lacks(f) {
			return f, true
		}
	}
	return "", false
}

// capability gives the value of a capability of resource (§5.11.1); ok is
// false when it is not advertised. An absent boolean capability is false.
func (e *runEnv) capability(resource, name string) (string, bool) {
	return e.ep.Capability(resource, name)
}

func (e *runEnv) capable(resource, name string) bool {
	v, ok := e.capability(resource, name)
	return ok && v == "true"
}

// capabilityOr gives a capability's value, or def when it is not
// advertised.
func (e *runEnv) capabilityOr(resource, name, def string) string {
	if v, ok := e.capability(resource, name); ok && v != "" {
		return v
	}
	return def
}

// offersCapability reports whether a capability is advertised at all,
// whatever its value (UserData names a method, not true or false).
func (e *runEnv) offersCapability(resource, name string) bool {
	v, ok := e.capability(resource, name)
	return ok && v != "" && v != "false"
}

// metadataTypeURI gives the typeURI of a type's ResourceMetadata.
func (e *runEnv) metadataTypeURI(typ string) (string, bool) {
	rm := e.ep.MetadataOf(typ)
	if rm == nil {
		return "", false
	}
	return rm.Str("typeURI"), true
}

// metadata gives a type's ResourceMetadata, as discovery read it (nil when
// none).
func (e *runEnv) metadata(typ string) *model.Node { return e.ep.MetadataOf(typ) }

// judgeOrigins stops a run whose entry point leads only elsewhere: when
// every collection it lists is on another origin than the endpoint's, the
// run could judge nothing without sending credentials there.
func (e *runEnv) judgeOrigins() error {
	foreign, first := 0, ""
	for _, c := range e.ep.Collections {
		if !e.client.Allowed(c.URI) {
			foreign++
			if first == "" {
				first = e.client.Resolve(c.URI)
			}
		}
	}
	if foreign == 0 || foreign < len(e.ep.Collections) {
		return nil
	}
	o, _ := client.Origin(first)
	return usage("every collection of the entry point is on another origin than the endpoint's (%s is on %s, baseURI %q); "+
		"cimitest sends requests and credentials only to the endpoint's origin: give --allow-origin %s if that host is part of the endpoint",
		first, o, e.ep.BaseURI, o)
}
