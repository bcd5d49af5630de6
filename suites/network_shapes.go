package suites

import (
	"strings"

	"github.com/cimitest/cimitest/suites/checks"
	"github.com/cimitest/cimitest/suites/client"
	"github.com/cimitest/cimitest/suites/model"
)

// networkShapes name the representation check of each network type, per
// CIMI version: the 2.0 tables (§5.16) and DSP8009.
var networkShapes = map[model.Version]map[string]*checks.Check{
	model.V2: {
		"Network": checks.NetworkRepresentation, "ProtocolSegment": checks.SegmentRepresentation,
		"ProtocolSegmentTemplate": checks.SegmentRepresentation, "ProtocolEndpoint": checks.EndpointRepresentation,
		"ProtocolEndpointTemplate": checks.EndpointRepresentation, "NetworkInterface": checks.InterfaceRepresentation,
		"NetworkService": checks.ServiceRepresentation, "NetworkServiceTemplate": checks.ServiceRepresentation,
	},
	model.V1: {
		"Network": checks.NetworkRepresentationV1, "NetworkTemplate": checks.NetworkRepresentationV1,
		"NetworkConfiguration": checks.NetworkRepresentationV1, "NetworkPort": checks.PortRepresentationV1,
		"NetworkPortTemplate": checks.PortRepresentationV1, "NetworkPortConfiguration": checks.PortRepresentationV1,
		"Address": checks.AddressRepresentationV1, "AddressTemplate": checks.AddressRepresentationV1,
		"ForwardingGroup": checks.ForwardingGroupRepresentationV1, "ForwardingGroupTemplate": checks.ForwardingGroupRepresentationV1,
	},
}

// stateless are the 1.x network types DSP8009 gives no state.
var stateless = map[string]bool{"Address": true, "AddressTemplate": true, "ForwardingGroup": true, "ForwardingGroupTemplate": true}

// judgeNetworkShape judges one network representation by the model:
// names, types, state values and, in 1.x XML, the DSP8009 order.
func (t *T) judgeNetworkShape(d *model.Doc, resp *client.Response) {
	if d == nil || d.Type == nil {
		return // the create or read checks say what went wrong
	}
	id := networkShapes[t.env.version][d.Type.Name]
	if id == nil {
		return
	}
	hard := t.hardProblems(d)
	if t.env.version == model.V1 && stateless[d.Type.Name] && d.Root.Has("state") {
		// An extension would pass the model; a state is not one (N-123, N-126).
		hard = append(hard, "this "+d.Type.Name+" has a state ("+d.Root.Str("state")+"), which DSP8009 does not give it")
	}
	if len(hard) > 0 {
		t.About(d.Type.Name, "read").Fail(id, strings.Join(hard, "; "), "the names, types and values of its definition", "", resp)
		return
	}
	t.About(d.Type.Name, "read").Pass(id)
}

// hardProblems are what the model finds wrong in d, its soft findings
// left out.
func (t *T) hardProblems(d *model.Doc) []string {
	var hard []string
	for _, p := range model.Validate(d, t.env.version, model.Full) {
		if !p.Soft {
			hard = append(hard, p.String())
		}
	}
	return hard
}

// readShape reads a resource of the run and judges its shape.
func (t *T) readShape(uri, typ string) (*model.Node, *client.Response) {
	d, resp := t.read(uri, typ, model.Full)
	t.judgeNetworkShape(d, resp)
	if d == nil {
		return nil, resp
	}
	return d.Root, resp
}
