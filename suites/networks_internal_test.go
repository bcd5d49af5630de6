package suites

import (
	"testing"

	"github.com/cimitest/cimitest/suites/model"
)

// The spec prints no XML for a Segment's parameters: both forms an
// endpoint may choose are read, and JSON's typed values too.
func TestSegmentParametersInEitherForm(t *testing.T) {
	for name, doc := range map[string]struct {
		f    model.Format
		body string
	}{
		"an element per key": {model.XML, `<ProtocolSegment xmlns="http://schemas.dmtf.org/cimi/2"><id>http://c/s/1</id>` +
			`<protocol>IPv6</protocol><parameters><prefixLength>64</prefixLength><subnetAddress>fd00::</subnetAddress></parameters></ProtocolSegment>`},
		"property entries": {model.XML, `<ProtocolSegment xmlns="http://schemas.dmtf.org/cimi/2"><id>http://c/s/1</id>` +
			`<protocol>IPv6</protocol><parameters><property key="prefixLength">64</property><property key="subnetAddress">fd00::</property></parameters></ProtocolSegment>`},
		"JSON": {model.JSON, `{"id": "http://c/s/1", "protocol": "IPv6", "parameters": {"prefixLength": 64, "subnetAddress": "fd00::"}}`},
	} {
		d, err := model.Decode(doc.f, []byte(doc.body), model.V2)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		params := d.Root.Get("parameters")
		if v, ok := parameter(params, "prefixLength"); !ok || v != "64" {
			t.Errorf("%s: prefixLength %q, %v", name, v, ok)
		}
		if v, ok := parameter(params, "subnetAddress"); !ok || v != "fd00::" {
			t.Errorf("%s: subnetAddress %q, %v", name, v, ok)
		}
		if _, ok := parameter(params, "mtu"); ok {
			t.Errorf("%s: a key that is not there was found", name)
		}
	}
}
