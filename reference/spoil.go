package reference

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The presentation layer of the fault switches: each switch declared here
// changes how an answer looks (a header, a status, the serialization, an
// attribute dropped or spoilt), never what the server did. The handlers
// answer as a correct provider would; every answer passes through here on
// its way out. The switches that change behaviour sit in the code of the
// behaviour they break.

// answer is what a handler says, before this layer and the encoding.
type answer struct {
	status int
	// typ is the type of the representation; res the stored resource it
	// shows, when it is one.
	typ string
	res *resource
	// op is "read" for a GET of one resource, "create" for the answer of a
	// create (job is then its Job).
	op   string
	job  *resource
	body omap
	// selection is the $select of a read (nil without one).
	selected  bool
	selection map[string]bool
	// typeURI is the JSON resourceURI written first; empty leaves it out.
	typeURI string
}

// emit sends an answer: spoilt as the switches ask, then encoded in the
// negotiated serialization.
func (rq *request) emit(a *answer) {
	a.typeURI = rq.typeURIOf(a.typ)
	rq.spoilAnswer(a)
	if rq.out == "xml" {
		rq.send(a.status, writeXML(rq.s.xmlStyle(), a.typ, rq.s.reorderedV1(types[a.typ]), a.body))
		return
	}
	if a.typeURI == "" {
		rq.send(a.status, rq.json(a.body, 1024))
		return
	}
	rq.send(a.status, rq.json(append(omap{{"resourceURI", a.typeURI}}, a.body...), 1024))
}

// spoilAnswer applies the switches that change a whole answer.
func (rq *request) spoilAnswer(a *answer) {
	if rq.r.Method == http.MethodPut && rq.s.fault(FaultUpdateAnswerUntyped) {
		rq.mediaType = "-"
	}
	switch {
	case a.typ == "CloudEntryPoint":
		a.body = rq.spoilCEP(a.body)
	case a.op == "create":
		rq.spoilCreated(a)
	case a.op == "read":
		rq.spoilRead(a)
	}
	switch a.typ {
	case "Machine":
		rq.spoilMachine(a)
	case "Disk":
		rq.spoilDisk()
	}
}

// spoilCreated changes the answer of a create: JSON whatever was asked,
// the Job instead of the new resource.
func (rq *request) spoilCreated(a *answer) {
	if rq.s.fault(FaultCreateAnswerJSON) {
		rq.out = "json"
	}
	if a.status == http.StatusCreated && rq.s.fault(FaultCreateBodyIsJob) {
		a.typ, a.res, a.body, a.typeURI = "Job", a.job, rq.render(a.job), rq.typeURIOf("Job")
	}
}

// spoilRead changes a read: the operations dropped from $select=*, ids that
// are not the resource's own, no resourceURI in a $select answer.
func (rq *request) spoilRead(a *answer) {
	s := rq.s
	if a.selection["*"] && s.fault(FaultSelectStarNoOps) {
		a.body = selectAttrs(a.body, allBut(a.body, "operations"))
	}
	if a.typ == "ResourceMetadata" && s.fault(FaultIDNotSelf) {
		a.body = withValue(a.body, "id", rq.rend.abs("resourceMetadata"))
	}
	if a.typ == "Machine" && s.fault(FaultMachineIDSlash) {
		a.body = withValue(a.body, "id", rq.rend.abs(refPath(a.res.path))+"/")
	}
	if a.selected && s.fault(FaultSelectDropsResourceURI) {
		a.typeURI = ""
	}
}

// spoilMachine changes a Machine's answer: XML that disagrees with JSON,
// empty values sent in JSON.
func (rq *request) spoilMachine(a *answer) {
	switch {
	case rq.out == "xml" && rq.s.fault(FaultJSONXMLDisagree):
		out := append(omap{}, a.body...)
		for i, e := range out {
			if n, ok := e.v.(int64); ok && e.k == "cpu" {
				out[i].v = n + 1
			}
		}
		a.body = out
	case rq.out == "json" && rq.s.fault(FaultEmptyValuesSent) && a.body.get("properties") == nil:
		a.body = append(append(omap{}, a.body...), kv{"properties", map[string]string{}}, kv{"description", ""})
	}
}

// spoilDisk changes a Disk's media type.
func (rq *request) spoilDisk() {
	switch {
	case rq.out == "json" && rq.s.fault(FaultDiskVendorMediaType):
		rq.mediaType = "application/vnd.cimi+json"
	case rq.s.fault(FaultDiskWithoutContentType):
		rq.mediaType = "-"
	}
}

// spoilCEP applies the switches that change the Cloud Entry Point.
func (rq *request) spoilCEP(m omap) omap {
	s := rq.s
	if s.fault(FaultBaseURIRelative) {
		m = withValue(m, "baseURI", "/cimi/")
	}
	if s.fault(FaultCEPWithoutConfigs) {
		m = selectAttrs(m, allBut(m, "machineConfigs"))
	}
	if s.fault(FaultProviderDollarParam) {
		m = withValue(m, "jobs", omap{{"href", rq.rend.abs(refPath("jobs?$page=1"))}})
	}
	if s.fault(FaultCEPOffersAdd) {
		ops, _ := m.get("operations").([]any)
		m = withValue(m, "operations", append(append([]any{}, ops...), op("add", rq.rend.abs("cloudEntryPoint"))))
	}
	return m
}

// spoilResource applies the switches that change a stored resource wherever
// it is shown: alone, in a collection, expanded.
func (rq *request) spoilResource(r *resource, m omap) omap {
	s := rq.s
	switch r.typ {
	case "Disk":
		if c, ok := m.get("capacity").(int64); ok && s.fault(FaultDiskCapacityString) {
			m = withValue(m, "capacity", strconv.FormatInt(c, 10))
		}
		if s.fault(FaultMachineDiskFormat) {
			m = append(m, kv{"format", "ext4"})
		}
		if m.get("parent") != nil && s.fault(FaultDiskParentWrong) {
			machine := r.path[:strings.Index(r.path, "/disks/")]
			m = withValue(m, "parent", omap{{"href", rq.rend.abs(refPath(machine))}})
		}
	case "System":
		if c, ok := m.get("machines").(omap); ok && rq.out == "json" && s.fault(FaultSystemMachinesArray) {
			m = withValue(m, "machines", []any{c})
		}
	case "EventLog":
		if sum, ok := m.get("summary").(omap); ok && s.fault(FaultEventLogSummaryFlat) && rq.out == "json" {
			m = withValue(m, "summary", fmt.Sprintf("low=%v medium=%v high=%v critical=%v",
				sum.get("low"), sum.get("medium"), sum.get("high"), sum.get("critical")))
		}
	case "Credential":
		if s.fault(FaultCredentialAttributeCase) {
			m = renamed(m, "userName", "username")
		}
	case "Machine":
		if s.fault(FaultRMExtensionMissing) {
			m = selectAttrs(m, allBut(m, "region"))
		}
		if s.major == 2 && s.fault(FaultRMInstanceWrong) {
			m = withValue(m, "resourceMetadata", omap{{"href", rq.rend.abs(refPath("resourceMetadata/credential"))}})
		}
	case "ResourceMetadata":
		m = rq.spoilMetadata(r, m)
	case "Volume", "VolumeImage":
		m = rq.spoilVolume(m)
	}
	if s.major == 1 {
		m = rq.spoilNetworkV1(r, m)
	} else {
		m = rq.spoilNetwork(r, m)
	}
	return m
}

// networkStateFaults show a state of no table in place of one.
var networkStateFaults = map[string][3]string{
	FaultNetworkStateRunning: {"Network", "STARTED", "RUNNING"},
	FaultSegmentStateUp:      {"ProtocolSegment", "STARTED", "UP"},
	FaultEndpointStateActive: {"ProtocolEndpoint", "ENABLED", "ACTIVE"},
	FaultInterfaceStateUp:    {"NetworkInterface", "ENABLED", "UP"},
	FaultServiceStateRunning: {"NetworkService", "STARTED", "RUNNING"},
}

// spoilNetwork changes how the 2.0 network resources are written: states
// of no table, and in JSON attributes of the wrong kind.
func (rq *request) spoilNetwork(r *resource, m omap) omap {
	s := rq.s
	for name, f := range networkStateFaults {
		if f[0] == r.typ && m.get("state") == f[1] && s.fault(name) {
			m = withValue(m, "state", f[2])
		}
	}
	if r.typ == "ProtocolEndpoint" && s.fault(FaultEndpointOriginLowercase) {
		if o, ok := m.get("origin").(string); ok {
			m = withValue(m, "origin", strings.ToLower(o))
		}
	}
	if rq.out != "json" {
		return m
	}
	coll := func(name string) omap { return omap{{"href", rq.rend.abs(refPath(r.path + "/" + name))}} }
	switch {
	case r.typ == "Network" && s.fault(FaultNetworkSubnetworksArray):
		m = withValue(m, "subnetworks", []any{coll("subnetworks")})
	case r.typ == "ProtocolSegment" && s.fault(FaultSegmentRoutingString):
		m = withValue(m, "noDefaultRouting", fmt.Sprint(m.get("noDefaultRouting")))
	case r.typ == "ProtocolSegmentTemplate" && s.fault(FaultSegmentTemplateEndpointsCollection):
		m = append(omitted(m, "endpoints"), kv{"endpoints", coll("endpoints")})
	case r.typ == "ProtocolEndpoint" && s.fault(FaultEndpointParametersUntyped):
		if p, ok := m.get("parameters").(typedParams); ok {
			flat := map[string]string{}
			for k, v := range p {
				if list, ok := v.([]string); ok {
					flat[k] = strings.Join(list, ",")
				} else {
					flat[k] = fmt.Sprint(v)
				}
			}
			m = withValue(m, "parameters", flat)
		}
	case r.typ == "ProtocolEndpoint" && s.fault(FaultEndpointInterfaceString):
		if ref, ok := m.get("interface").(omap); ok {
			m = withValue(m, "interface", ref.get("href"))
		}
	case r.typ == "ProtocolEndpointTemplate" && s.fault(FaultEndpointTemplateMetersCollection):
		m = append(omitted(m, "meterTemplates"), kv{"meterTemplates", coll("meterTemplates")})
	case r.typ == "NetworkInterface" && s.fault(FaultInterfaceSpeedString):
		if v, ok := m.get("speed").(int64); ok {
			m = withValue(m, "speed", strconv.FormatInt(v, 10))
		}
	case r.typ == "NetworkService" && s.fault(FaultServicePoliciesList):
		if p, ok := m.get("policies").(map[string]string); ok {
			var list []any
			for k, v := range p {
				list = append(list, omap{{"key", k}, {"value", v}})
			}
			m = withValue(m, "policies", list)
		}
	case r.typ == "NetworkServiceTemplate" && s.fault(FaultServiceTemplateSegmentsCollection):
		m = withValue(m, "segments", coll("segments"))
	}
	return m
}

// spoilNetworkV1 changes how the 1.x network resources are written: a
// state of no network set, a state on an Address, a ForwardingGroup's
// networks as a collection (JSON: the XML writer knows no such shape).
func (rq *request) spoilNetworkV1(r *resource, m omap) omap {
	s := rq.s
	switch r.typ {
	case "Network", "NetworkPort":
		if m.get("state") == "STARTED" && s.fault(FaultV1NetworkStateRunning) {
			m = withValue(m, "state", "RUNNING")
		}
	case "Address":
		if s.fault(FaultV1AddressHasState) {
			m = append(m, kv{"state", "AVAILABLE"})
		}
	case "ForwardingGroup":
		if rq.out == "json" && s.fault(FaultV1GroupNetworksCollection) {
			m = withValue(m, "networks", omap{{"href", rq.rend.abs(refPath(r.path + "/networks"))}})
		}
	}
	return m
}

// reorderedV1 gives t with one field moved after the operations when a
// 1.x order switch asks it (the XML follows the type's field order).
func (s *Server) reorderedV1(t *rtype) *rtype {
	if s.major != 1 || t == nil {
		return t
	}
	for name, tf := range v1OrderFaults {
		if tf[0] != t.name || !s.fault(name) {
			continue
		}
		c := *t
		c.fields = nil
		var moved []field
		for _, f := range t.fields {
			if f.name == tf[1] {
				moved = append(moved, f)
			} else {
				c.fields = append(c.fields, f)
			}
		}
		c.fields = append(c.fields, moved...)
		return &c
	}
	return t
}

// spoilVolume changes how Volumes and VolumeImages are written: capacity
// quoted, a unit in 1.x XML, imageLocation as a reference.
func (rq *request) spoilVolume(m omap) omap {
	s := rq.s
	if c, ok := m.get("capacity").(int64); ok && s.fault(FaultVolumeCapacityQuoted) {
		m = withValue(m, "capacity", strconv.FormatInt(c, 10))
	}
	if c, ok := m.get("capacity").(int64); ok && s.major == 1 && rq.out == "xml" && s.fault(FaultV1VolumeCapacityUnit) {
		m = withValue(m, "capacity", strconv.FormatInt(c, 10)+"KB")
	}
	if loc, ok := m.get("imageLocation").(string); ok && s.fault(FaultVolumeImageLocationRef) {
		m = withValue(m, "imageLocation", omap{{"href", loc}})
	}
	return m
}

// renamed gives m with the member from called to.
func renamed(m omap, from, to string) omap {
	out := make(omap, len(m))
	for i, e := range m {
		if e.k == from {
			e.k = to
		}
		out[i] = e
	}
	return out
}

// typeURIOf gives the JSON resourceURI of a type, which a switch may spoil.
func (rq *request) typeURIOf(typ string) string {
	if typ == "Machine" && rq.s.fault(FaultWrongResourceURI) {
		return rq.rend.typeURI("VirtualMachine")
	}
	return rq.rend.typeURI(typ)
}

// collectionTypeURI names a collection's type, which a switch may spoil.
func (rq *request) collectionTypeURI(coll, path string) string {
	if coll == "VolumeCollection" && rq.s.fault(FaultVolumeCollectionMistyped) {
		return rq.rend.typeURI("VolumesCollection")
	}
	if coll == "JobCollection" && rq.s.fault(FaultJobCollectionMistyped) {
		return rq.rend.typeURI("JobsCollection")
	}
	if (coll == "SystemCollection" || coll == "SystemTemplateCollection") && rq.out == "json" && rq.s.fault(FaultSystemCollectionsMistyped) {
		return rq.rend.typeURI(strings.TrimSuffix(coll, "Collection") + "sCollection")
	}
	if coll == "ProtocolEndpointCollection" && path == "endpoints" && rq.s.fault(FaultEndpointCollectionMistyped) {
		return rq.rend.typeURI("ProtocolEndpointsCollection")
	}
	if coll == "ProtocolEndpointTemplateCollection" && rq.out == "json" && rq.s.fault(FaultEndpointTemplateCollectionMistyped) {
		return rq.rend.typeURI("ProtocolEndpointTemplatesCollection")
	}
	return rq.rend.typeURI(coll)
}

// spoilCollection applies the switches that change a collection's own
// attributes.
func (rq *request) spoilCollection(v *collectionView) {
	if rq.s.fault(FaultCollectionCount) {
		if n, ok := v.m.get("count").(int64); ok {
			v.m = withValue(v.m, "count", n+1)
		}
	}
}

// spoilError applies the switches that change an error answer; plain is
// true when it goes as text instead of an error Job.
func (rq *request) spoilError(e *apiError) (plain bool) {
	if e.status == http.StatusNotFound && strings.HasPrefix(rq.r.URL.Path, "/cimi/machines/") && rq.s.fault(FaultGoneAnswers410) {
		e.status = http.StatusGone
	}
	return rq.s.fault(FaultErrorWithoutJob)
}

// spoilHeaders applies, as the answer leaves, the switches that change its
// headers; it reports whether the body goes without a length (chunked).
func (s *Server) spoilHeaders(h http.Header, bodyLen int) (chunked bool) {
	if s.fault(FaultCreateNoLocation) {
		h.Del("Location")
	}
	if job := h.Get("CIMI-Job-URI"); job != "" && s.fault(FaultRelativeJobURI) {
		if i := strings.Index(job, "/cimi/"); i >= 0 {
			h.Set("CIMI-Job-URI", job[i+len("/cimi/"):])
		}
	}
	if s.major == 1 && s.fault(FaultV1NoVersionHeader) {
		h.Del("CIMI-Specification-Version")
	}
	if s.fault(FaultNoAuthChallenge) {
		h.Del("WWW-Authenticate")
	}
	if s.fault(FaultNoContentLength) && bodyLen > 0 {
		h.Del("Content-Length")
		return true
	}
	return false
}

// xmlStyle is how this server writes XML, the switches that spoil it
// included.
func (s *Server) xmlStyle() xmlStyle {
	st := xmlStyle{major: s.major, ns: s.ns, wrap2: s.major == 1 && s.fault(FaultV1Wrappers), wrapRefs: s.fault(FaultXMLReferencesWrapped),
		rm: rmXMLFaults{unwrapped: s.major == 2 && s.fault(FaultRMXMLUnwrapped),
			fieldsAsElems:  s.major == 2 && s.fault(FaultRMXMLFieldsAsElements),
			valueAttribute: s.major == 2 && s.fault(FaultRMXMLValueAttribute)}}
	if s.varies(VariationPrefixedXML) {
		st.prefix = "c"
	}
	if s.fault(FaultXMLNamespace) {
		st.ns += "/"
	}
	return st
}

// renderer renders values for one request, the switches that spoil dates
// and URIs included, and the variations that change them.
func (s *Server) renderer(base string) *renderer {
	r := &renderer{major: s.major, base: base, ns: s.ns,
		noZone: s.fault(FaultDateTimeNoZone), slashed: s.fault(FaultRelativeSlashURIs),
		relative: s.varies(VariationRelativeHrefs), fraction: s.varies(VariationFractionalSeconds)}
	if s.varies(VariationProviderQuery) {
		r.query = "realm=cimitest"
	}
	return r
}

// spoilMetadata applies the switches that change what a ResourceMetadata
// entry advertises (the server's behaviour does not change).
func (rq *request) spoilMetadata(r *resource, m omap) omap {
	s := rq.s
	entry := strings.TrimPrefix(r.path, "resourceMetadata/")
	if entry == "job" && s.fault(FaultRMEntryWithoutTypeURI) {
		m = selectAttrs(m, allBut(m, "typeURI"))
	}
	if entry == "machineConfiguration" && s.fault(FaultRMTypeURIMisspelled) {
		m = withValue(m, "typeURI", s.ns+"/Machineconfiguration")
	}
	if entry == "machine" && s.fault(FaultRMCIMIAttributeTyped) {
		m = editItems(m, "attributes", func(it omap) omap {
			if it.get("name") != "cpu" {
				return it
			}
			return append(append(omap{}, it...), omap{{"namespace", s.ns}, {"type", "integer"}}...)
		})
	}
	if entry == "machine" && s.major == 2 && s.fault(FaultRMAttributeUnconstrained) {
		m = editItems(m, "attributes", func(it omap) omap {
			if it.get("name") != "cpu" {
				return it
			}
			return selectAttrs(it, allBut(it, "providerMandatory", "mutable", "consumerWritable"))
		})
	}
	if entry == "machine" && s.fault(FaultRMCapabilityTwice) {
		if caps, ok := m.get("capabilities").([]any); ok && len(caps) > 0 {
			m = withValue(m, "capabilities", append(append([]any{}, caps...), caps[0]))
		}
	}
	if entry == "machine" && s.fault(FaultRMCapabilityMisplaced) {
		if caps, ok := m.get("capabilities").([]any); ok {
			stray := omap{{"name", "FilterParameter"}, {"uri", s.ns + "/capability/CloudEntryPoint/FilterParameter"}, {"value", true}}
			m = withValue(m, "capabilities", append(append([]any{}, caps...), stray))
		}
	}
	if entry == "job" && s.fault(FaultRMCapabilityValueWord) {
		m = editItems(m, "capabilities", func(it omap) omap {
			if it.get("name") == "JobRetention" {
				return withValue(it, "value", "one minute")
			}
			return it
		})
	}
	if s.fault(FaultRMExtensionNoNamespace) {
		m = editItems(m, "attributes", func(it omap) omap { return selectAttrs(it, allBut(it, "namespace")) })
	}
	if s.fault(FaultRMActionNoMethod) {
		m = editItems(m, "actions", func(it omap) omap { return selectAttrs(it, allBut(it, "method")) })
	}
	switch {
	case entry == "machine" && s.fault(FaultRMActionsIncomplete):
		m = editItems(m, "actions", func(it omap) omap {
			if it.get("name") == "restore" {
				return nil
			}
			return it
		})
	}
	switch {
	case entry == "machine" && s.fault(FaultRMCapabilityMisnamed):
		caps, _ := m.get("capabilities").([]any)
		wrong := omap{{"name", "InitialState"}, {"uri", s.ns + "/capability/Machine/InitialState"}, {"value", "STOPPED"}}
		m = withValue(m, "capabilities", append(append([]any{}, caps...), wrong))
	case entry == "machine" && s.fault(FaultRMByValueUnimplied):
		m = editItems(m, "capabilities", func(it omap) omap {
			if it.get("name") == "MachineTemplateByValue" {
				return nil
			}
			return it
		})
	case entry == "cloudEntryPoint" && s.fault(FaultNoQueryCapabilities):
		m = editItems(m, "capabilities", func(it omap) omap {
			if name, _ := it.get("name").(string); strings.HasSuffix(name, "Parameter") || name == "QueryPathNotation" {
				return nil
			}
			return it
		})
	}
	return m
}

// editItems rewrites the items of the array attribute key of m; an item
// edit returns nil drops.
func editItems(m omap, key string, edit func(omap) omap) omap {
	list, ok := m.get(key).([]any)
	if !ok {
		return m
	}
	var out []any
	for _, it := range list {
		o, isObj := it.(omap)
		if !isObj {
			out = append(out, it)
			continue
		}
		if e := edit(o); e != nil {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return selectAttrs(m, allBut(m, key))
	}
	return withValue(m, key, out)
}

// omitted is m without the attribute k.
func omitted(m omap, k string) omap {
	var out omap
	for _, e := range m {
		if e.k != k {
			out = append(out, e)
		}
	}
	return out
}
