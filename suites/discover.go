package suites

import (
	"errors"
	"net/url"
	"strings"

	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// discover reads the Cloud Entry Point before any scenario runs: it decides
// whether the run can happen at all (reachable, CIMI, a version the suite
// judges) and learns the baseURI, Jobs support and the capabilities.
func (e *runEnv) discover() error {
	e.cepURL = e.cfg.Endpoint
	d, resp, err := e.fetchCEP()
	if err != nil {
		return err
	}
	want := e.cfg.Version
	switch {
	case want == "auto":
		e.version = d.Version
	default:
		v, _ := model.ParseVersion(want)
		if v != d.Version {
			return usage("the endpoint speaks CIMI %s (namespace %s) but --cimi-version %s was asked", d.Version, d.Version.Namespace(), want)
		}
		e.version = v
	}
	e.cep = d.Root
	base := d.Root.Str("baseURI")
	if err := e.client.SetBase(base); err != nil {
		// Judged by cep.base-uri; resolve against the entry point meanwhile.
		_ = e.client.SetBase(dirOf(resp.URL))
	}
	e.jobs = d.Root.Has("jobs")
	e.rmTypes = map[string]string{}
	e.rms = map[string]*model.Node{}
	e.caps = e.capabilities()
	return nil
}

// fetchCEP reads the entry point in JSON, or in XML when JSON is not
// offered, and turns every way it can go wrong into one clear sentence.
func (e *runEnv) fetchCEP() (*model.Doc, *client.Response, error) {
	var lastErr error
	for _, f := range []model.Format{model.JSON, model.XML} {
		resp := e.client.Get(e.cfg.Endpoint, client.Accept(f))
		switch {
		case resp.Err != nil:
			return nil, nil, usage("cannot reach the endpoint %s: %v", e.cfg.Endpoint, rootCause(resp.Err))
		case resp.Status == 401 || resp.Status == 403:
			return nil, nil, usage("the endpoint %s refused the request (HTTP %d): give --user and --password, or --token", e.cfg.Endpoint, resp.Status)
		case resp.Status != 200:
			return nil, nil, usage("the endpoint %s answered HTTP %d; a Cloud Entry Point answers 200", e.cfg.Endpoint, resp.Status)
		}
		got, ok := resp.Format()
		if !ok {
			lastErr = usage("the endpoint %s is not a CIMI endpoint: it answered with Content-Type %q, not application/json or application/xml",
				e.cfg.Endpoint, resp.Header.Get("Content-Type"))
			continue
		}
		d, err := model.Decode(got, resp.Body, "")
		if err != nil {
			if errors.Is(err, model.ErrNotCIMI) {
				lastErr = usage("the endpoint %s is not a CIMI endpoint: %v", e.cfg.Endpoint, err)
			} else {
				lastErr = usage("the endpoint %s sent a body that cannot be read: %v", e.cfg.Endpoint, err)
			}
			continue
		}
		if d.Version == "" {
			lastErr = usage("the endpoint %s is not a CIMI endpoint: its document names no CIMI type (resourceURI %q)", e.cfg.Endpoint, d.TypeURI)
			continue
		}
		if d.Type == nil || d.Type.Name != "CloudEntryPoint" {
			return nil, nil, usage("the document at %s is a %s, not a CloudEntryPoint: give the Cloud Entry Point URL", e.cfg.Endpoint, d.TypeURI)
		}
		return d, resp, nil
	}
	return nil, nil, lastErr
}

// capabilities reads the capability values of every ResourceMetadata the
// entry point lists (§5.11.1): URI to value, "true" when the value is absent.
func (e *runEnv) capabilities() map[string]string {
	caps := map[string]string{}
	href := e.cep.Href("resourceMetadata")
	if href == "" {
		return caps
	}
	resp := e.client.Get(href, client.Accept(model.JSON))
	if !resp.OK() {
		return caps
	}
	d, err := model.DecodeJSON(resp.Body, e.version)
	if err != nil {
		return caps
	}
	for _, it := range items(d) {
		rm := it
		if !it.Has("capabilities") && it.Str("id") != "" {
			r := e.client.Get(it.Str("id"), client.Accept(model.JSON))
			if !r.OK() {
				continue
			}
			full, err := model.DecodeJSON(r.Body, e.version)
			if err != nil {
				continue
			}
			rm = full.Root
		}
		if name := model.TypeName(rm.Str("typeURI")); name != "" {
			e.rmTypes[name] = rm.Str("typeURI")
			e.rms[name] = rm
		}
		list := rm.Get("capabilities")
		if list == nil {
			continue
		}
		for _, c := range list.Items {
			v := c.Get("value")
			switch {
			case v == nil:
				caps[c.Str("uri")] = "true"
			case v.Kind == model.Array:
				var parts []string
				for _, x := range v.Items {
					parts = append(parts, x.Text)
				}
				caps[c.Str("uri")] = strings.Join(parts, ",")
			default:
				caps[c.Str("uri")] = v.Text
			}
		}
	}
	return caps
}

// capability gives the value of a capability of resource (§5.11.1); ok is
// false when it is not advertised. An absent boolean capability is false.
func (e *runEnv) capability(resource, name string) (string, bool) {
	v, ok := e.caps[e.version.CapabilityURI(resource, name)]
	return v, ok
}

func (e *runEnv) capable(resource, name string) bool {
	v, ok := e.capability(resource, name)
	return ok && v == "true"
}

func dirOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Path = p.Path[:strings.LastIndexByte(p.Path, '/')+1]
	p.RawQuery = ""
	return p.String()
}

// rootCause strips the URL wrapping from a transport error.
func rootCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
