package reference

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Networks, the CIMI 1.x model (DSP8009 Network*, NetworkPort*, Address*,
// ForwardingGroup*): a Network is made from a NetworkTemplate joining a
// NetworkConfiguration; NetworkPorts are made in a Network, which lists
// each as a NetworkNetworkPort record; Addresses and ForwardingGroups are
// made from their templates. Templates and configurations are posted as
// themselves (§4.2.1.1): 1.x has no …Create message for them.

func networkFieldsV1() []field {
	return only(1, []field{fString("networkType"), fInt("mtu"), fString("classOfService"),
		fColl("networkPorts"), fRef("forwardingGroup", "ForwardingGroup")})
}

func networkTemplateFieldsV1() []field {
	return only(1, []field{fRef("networkConfig", "NetworkConfiguration"), fRef("forwardingGroup", "ForwardingGroup")})
}

// addressFields are the Address elements an AddressTemplate shares.
func addressFields() []field {
	return []field{fString("ip"), fString("hostname"), fString("allocation"), fString("defaultGateway"),
		fList("dns", "dns"), fString("protocol"), fString("mask"), fRef("network", "Network")}
}

func createFields(template, typ string) []field {
	return []field{fString("name"), fString("description"), fMap("properties"), fRef(template, typ)}
}

func init() {
	addType("NetworkConfiguration", withCommon(fString("networkType"), fInt("mtu"), fString("classOfService"))...)
	addType("NetworkPort", withCommon(fString("state").readOnly(), fRef("network", "Network"), fString("portType"),
		fString("classOfService"))...)
	addType("NetworkPortTemplate", withCommon(fRef("network", "Network"), fRef("networkPortConfig", "NetworkPortConfiguration"))...)
	addType("NetworkPortConfiguration", withCommon(fString("portType"), fString("classOfService"))...)
	addType("NetworkPortCreate", createFields("networkPortTemplate", "NetworkPortTemplate")...)
	addType("NetworkNetworkPort", withCommon(fRef("networkPort", "NetworkPort").readOnly())...)
	addCollection("NetworkNetworkPortCollection", "NetworkNetworkPort", "networkNetworkPorts")
	addType("Address", withCommon(append(addressFields(), fRef("resource", ""))...)...)
	addType("AddressTemplate", withCommon(addressFields()...)...)
	addType("AddressCreate", createFields("addressTemplate", "AddressTemplate")...)
	addType("ForwardingGroup", withCommon(fRefs("networks", "network"))...)
	addType("ForwardingGroupTemplate", withCommon(fRefs("networks", "network"))...)
	addType("ForwardingGroupCreate", createFields("forwardingGroupTemplate", "ForwardingGroupTemplate")...)
}

// networkRowsV1 are the 1.x network rows of the table, in the order of
// the 1.x Cloud Entry Point (DSP8009 CloudEntryPoint).
func networkRowsV1() []*typeRow {
	v1 := func(typ, attr, coll, member string, h hooks) *typeRow {
		return &typeRow{typ: typ, attr: attr, coll: coll, member: member, only: 1, hooks: h}
	}
	net := v1("Network", "networks", "NetworkCollection", "networks", hooks{create: (*request).createNetworkV1,
		ops: (*request).startStopOps, child: (*request).networkChildV1, remove: (*request).deleteNetworkV1,
		fixed: []string{"networkType"}, metadata: networkMetadataV1})
	net.meta = "network"
	port := v1("NetworkPort", "networkPorts", "NetworkPortCollection", "networkPorts", hooks{create: (*request).createPort,
		ops: (*request).startStopOps, child: (*request).startStopChild, remove: (*request).deletePort,
		fixed: []string{"network"}, metadata: portMetadata})
	port.meta = "networkPort"
	group := v1("ForwardingGroup", "forwardingGroups", "ForwardingGroupCollection", "forwardingGroups",
		hooks{create: (*request).createForwardingGroup, metadata: forwardingGroupMetadata})
	group.meta = "forwardingGroup"
	return []*typeRow{
		net,
		v1("NetworkTemplate", "networkTemplates", "NetworkTemplateCollection", "networkTemplates",
			hooks{create: (*request).createNetworkTemplateV1}),
		v1("NetworkConfiguration", "networkConfigs", "NetworkConfigurationCollection", "networkConfigurations",
			hooks{create: (*request).createNetworkConfig}),
		port,
		v1("NetworkPortTemplate", "networkPortTemplates", "NetworkPortTemplateCollection", "networkPortTemplates",
			hooks{create: (*request).createPortTemplate}),
		v1("NetworkPortConfiguration", "networkPortConfigs", "NetworkPortConfigurationCollection", "networkPortConfigurations",
			hooks{create: (*request).createPortConfig}),
		v1("Address", "addresses", "AddressCollection", "addresses", hooks{create: (*request).createAddress}),
		v1("AddressTemplate", "addressTemplates", "AddressTemplateCollection", "addressTemplates",
			hooks{create: (*request).createAddressTemplate}),
		group,
		v1("ForwardingGroupTemplate", "forwardingGroupTemplates", "ForwardingGroupTemplateCollection", "forwardingGroupTemplates",
			hooks{create: (*request).createForwardingGroupTemplate}),
	}
}

// The 1.0.1 capabilities of the 1.x network resources (there is no
// DefaultInitialState in 1.x).
func networkMetadataV1(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("Network", "NetworkConfigByValue", true),
		t.capability("Network", "NetworkTemplateByValue", true)}
	vals["actions"] = t.actions("start", "stop")
}

func portMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("NetworkPort", "NetworkPortConfigByValue", true),
		t.capability("NetworkPort", "NetworkPortTemplateByValue", true)}
	vals["actions"] = t.actions("start", "stop")
}

func forwardingGroupMetadata(t *tenant, vals map[string]any) {
	vals["capabilities"] = []any{t.capability("ForwardingGroup", "MixedNetwork", false)}
}

// seedNetworksV1 gives every 1.x user a started public Network, a private
// configuration and template, a port configuration and an address
// template of the public Network.
func (t *tenant) seedNetworksV1() {
	if t.s.major != 1 {
		return
	}
	t.add("networkConfigs", &resource{typ: "NetworkConfiguration", path: "networkConfigs/private-1500", seeded: true,
		vals: map[string]any{"name": "private-1500", "description": "a private network, 1500-byte frames",
			"networkType": "PRIVATE", "mtu": int64(1500), "classOfService": "standard"}})
	t.add("networkTemplates", &resource{typ: "NetworkTemplate", path: "networkTemplates/private", seeded: true,
		vals: map[string]any{"name": "private", "description": "a private network", "initialState": "STOPPED",
			"networkConfig": refPath("networkConfigs/private-1500")}})
	pub := t.add("networks", &resource{typ: "Network", path: "networks/public", seeded: true,
		vals: map[string]any{"name": "public", "description": "the world outside this cloud", "state": "STARTED",
			"networkType": "PUBLIC", "mtu": int64(1500), "classOfService": "standard"}})
	pub.vals["networkPorts"] = refPath(pub.path + "/networkPorts")
	t.add("networkPortConfigs", &resource{typ: "NetworkPortConfiguration", path: "networkPortConfigs/access", seeded: true,
		vals: map[string]any{"name": "access", "description": "a port for one Machine", "portType": "ACCESS",
			"classOfService": "standard"}})
	t.add("addressTemplates", &resource{typ: "AddressTemplate", path: "addressTemplates/public-dynamic", seeded: true,
		vals: map[string]any{"name": "public-dynamic", "description": "an address of the public network, given by DHCP",
			"allocation": "dynamic", "protocol": "IPv4", "network": refPath(pub.path)}})
}

// --- templates and configurations ------------------------------------------------

func noCheck(map[string]any) error { return nil }

func (rq *request) createNetworkConfig() error {
	return rq.storeChecked("networkConfigs", "NetworkConfiguration", func(body map[string]any) error {
		if rq.s.fault(FaultV1NetworkConfigDropsMTU) {
			delete(body, "mtu")
		}
		return nil
	})
}

func (rq *request) createPortConfig() error {
	return rq.storeChecked("networkPortConfigs", "NetworkPortConfiguration", noCheck)
}

func (rq *request) createNetworkTemplateV1() error {
	return rq.storeChecked("networkTemplates", "NetworkTemplate", rq.networkTemplateRefsV1)
}

// networkTemplateRefsV1: a configuration by reference or by value, a
// known ForwardingGroup, a stable initial state.
func (rq *request) networkTemplateRefsV1(body map[string]any) error {
	if s, ok := body["initialState"].(string); ok && s != "STARTED" && s != "STOPPED" {
		return errorf(http.StatusBadRequest, "initialState %q is not STARTED or STOPPED", s)
	}
	if err := rq.refOrValue(body, "networkConfig", "NetworkConfiguration"); err != nil {
		return err
	}
	return rq.refOrValue(body, "forwardingGroup", "ForwardingGroup")
}

func (rq *request) createPortTemplate() error {
	return rq.storeChecked("networkPortTemplates", "NetworkPortTemplate", rq.portTemplateRefs)
}

func (rq *request) portTemplateRefs(body map[string]any) error {
	if err := rq.networkRef(body); err != nil {
		return err
	}
	return rq.refOrValue(body, "networkPortConfig", "NetworkPortConfiguration")
}

func (rq *request) createAddressTemplate() error {
	return rq.storeChecked("addressTemplates", "AddressTemplate", rq.networkRef)
}

func (rq *request) createForwardingGroupTemplate() error {
	return rq.storeChecked("forwardingGroupTemplates", "ForwardingGroupTemplate", func(body map[string]any) error {
		return rq.resolveRefs(body, "networks", "Network")
	})
}

// refOrValue resolves body[name] to one of our resources of type typ when
// it names one; values given inline stay.
func (rq *request) refOrValue(body map[string]any, name, typ string) error {
	m, ok := body[name].(map[string]any)
	if !ok {
		return nil
	}
	href, _ := m["href"].(string)
	if href == "" {
		return nil
	}
	r := rq.resolve(href, typ)
	if r == nil {
		return errorf(http.StatusBadRequest, "%s %q is not a %s of this provider", name, href, typ)
	}
	body[name] = refPath(r.path)
	return nil
}

// valuesOf gives the attributes of a resolved reference or of a value
// given inline.
func (t *tenant) valuesOf(v any) map[string]any {
	switch x := v.(type) {
	case refPath:
		if r := t.get(string(x)); r != nil {
			return r.vals
		}
	case map[string]any:
		return x
	}
	return nil
}

// createFromTemplate reads a 1.x create message: a body naming its template by
// reference or by value (byValue), checked by check. A switch lets a
// create without template through with an empty one.
func (rq *request) createFromTemplate(createType, field, typ string, byValue bool, check func(map[string]any) error) (map[string]any, map[string]any, error) {
	body, err := rq.body(types[createType])
	if err != nil {
		return nil, nil, err
	}
	if body[field] == nil && rq.s.fault(FaultV1CreateWithoutTemplate) {
		return body, map[string]any{}, nil
	}
	tpl, err := rq.templateOf(body[field], typ, byValue)
	if err != nil {
		return nil, nil, err
	}
	return body, tpl, check(tpl)
}

// named copies a create's name, description and properties.
func named(body map[string]any, vals map[string]any) map[string]any {
	for _, k := range []string{"name", "description", "properties"} {
		if v, ok := body[k]; ok && v != nil {
			vals[k] = v
		}
	}
	return vals
}

// --- Networks ----------------------------------------------------------------------

// createNetworkV1 handles a 1.x NetworkCreate: the Network takes its
// configuration's type, mtu and class of service, is CREATING, then
// reaches the template's initialState (STOPPED without one).
func (rq *request) createNetworkV1() error {
	body, tpl, err := rq.createFromTemplate("NetworkCreate", "networkTemplate", "NetworkTemplate",
		!rq.s.fault(FaultV1NetworkByValueRefused), rq.networkTemplateRefsV1)
	if err != nil {
		return err
	}
	n, j := rq.newNetworkV1(body, tpl)
	rq.created(n, j)
	return nil
}

// newNetworkV1 makes a 1.x Network named by body from a checked template
// (a NetworkCreate's, or a System descriptor's), with the Job that makes
// it.
func (rq *request) newNetworkV1(body, tpl map[string]any) (*resource, *resource) {
	vals := named(body, map[string]any{"state": "CREATING"})
	if cfg := rq.t.valuesOf(tpl["networkConfig"]); cfg != nil && !rq.s.fault(FaultV1NetworkConfigIgnored) {
		for _, k := range []string{"networkType", "mtu", "classOfService"} {
			if v, ok := cfg[k]; ok {
				vals[k] = v
			}
		}
	}
	n := rq.t.add("networks", &resource{typ: "Network", vals: vals})
	n.vals["networkPorts"] = refPath(n.path + "/networkPorts")
	if g, ok := tpl["forwardingGroup"].(refPath); ok {
		n.vals["forwardingGroup"] = g
		rq.joinGroup(string(g), n.path)
	}
	to := rq.startingState(tpl, "STOPPED", "")
	j := rq.t.newJob(rq.actionURI("add"), "networks", n.path)
	rq.advanceIn(rq.s.opts.Latency, n, j, rq.stepsTo(to), to, nil)
	return n, j
}

// joinGroup adds a Network to a ForwardingGroup's networks.
func (rq *request) joinGroup(group, net string) {
	g := rq.t.get(group)
	if g == nil {
		return
	}
	list, _ := g.vals["networks"].([]any)
	g.vals["networks"] = append(slices.Clone(list), refPath(net))
}

// networkChildV1 answers a 1.x Network's networkPorts, start and stop.
func (rq *request) networkChildV1(n *resource, rest []string) error {
	if len(rest) == 1 && rest[0] == "networkPorts" {
		if !rq.isRead() {
			return methodNotAllowed("GET", "HEAD")
		}
		path := n.path + "/networkPorts"
		if rq.s.fault(FaultV1NetworkPortsResources) {
			var ports []*resource
			for _, r := range rq.t.items(path) {
				ref, _ := r.vals["networkPort"].(refPath)
				if p := rq.t.get(string(ref)); p != nil {
					ports = append(ports, p)
				}
			}
			return rq.listCollection(path, "NetworkPortCollection", ports, false)
		}
		return rq.listCollection(path, "NetworkNetworkPortCollection", rq.t.items(path), rq.s.fault(FaultV1NetworkPortsAddOffered))
	}
	return rq.startStopChild(n, rest)
}

// deleteNetworkV1 deletes a Network with its ports, and takes it out of
// its ForwardingGroup.
func (rq *request) deleteNetworkV1(n *resource) error {
	for _, r := range rq.t.items(n.path + "/networkPorts") {
		if p, ok := r.vals["networkPort"].(refPath); ok {
			rq.t.remove(string(p))
		}
	}
	rq.t.remove(n.path)
	rq.completedJob("delete", n.path)
	rq.deleted()
	return nil
}

// --- NetworkPorts ------------------------------------------------------------------

// createPort handles a NetworkPortCreate: the template names the Network
// the port joins and its configuration gives the port's type and class
// of service. The Network lists it as a NetworkNetworkPort record.
func (rq *request) createPort() error {
	body, tpl, err := rq.createFromTemplate("NetworkPortCreate", "networkPortTemplate", "NetworkPortTemplate", true, rq.portTemplateRefs)
	if err != nil {
		return err
	}
	net, _ := tpl["network"].(refPath)
	if net == "" && !rq.s.fault(FaultV1CreateWithoutTemplate) {
		return errorf(http.StatusBadRequest, "a NetworkPort needs its template's network")
	}
	vals := named(body, map[string]any{"state": "STARTED"})
	if net != "" {
		vals["network"] = net
	}
	if cfg := rq.t.valuesOf(tpl["networkPortConfig"]); cfg != nil && !rq.s.fault(FaultV1PortConfigIgnored) {
		for _, k := range []string{"portType", "classOfService"} {
			if v, ok := cfg[k]; ok {
				vals[k] = v
			}
		}
	}
	p := rq.t.add("networkPorts", &resource{typ: "NetworkPort", vals: vals})
	if net != "" {
		rq.t.add(string(net)+"/networkPorts", &resource{typ: "NetworkNetworkPort", vals: map[string]any{"networkPort": refPath(p.path)}})
	}
	rq.created(p, rq.finishedJob("networkPorts", p.path))
	return nil
}

// deletePort deletes a NetworkPort and its record in its Network (a
// switch keeps the record).
func (rq *request) deletePort(p *resource) error {
	var records []*resource
	if net, ok := p.vals["network"].(refPath); ok {
		for _, r := range rq.t.items(string(net) + "/networkPorts") {
			if r.vals["networkPort"] == refPath(p.path) {
				records = append(records, r)
			}
		}
	}
	stale := rq.s.fault(FaultV1NetworkPortsStale)
	for _, r := range records {
		if !stale {
			rq.t.remove(r.path)
		}
	}
	rq.t.remove(p.path)
	for _, r := range records {
		if stale {
			r.vals["networkPort"] = refPath(p.path) // the removal dropped it
		}
	}
	rq.completedJob("delete", p.path)
	rq.deleted()
	return nil
}

// --- Addresses and ForwardingGroups -------------------------------------------------

// createAddress handles an AddressCreate: the Address takes the template's
// attributes; its resource is set when it is given to one.
func (rq *request) createAddress() error {
	body, tpl, err := rq.createFromTemplate("AddressCreate", "addressTemplate", "AddressTemplate", true, rq.networkRef)
	if err != nil {
		return err
	}
	vals := named(body, map[string]any{})
	for _, k := range []string{"ip", "hostname", "allocation", "defaultGateway", "dns", "protocol", "mask", "network"} {
		if v, ok := tpl[k]; ok && v != nil {
			vals[k] = v
		}
	}
	if dns, ok := vals["dns"].([]any); ok && len(dns) > 1 && rq.s.fault(FaultV1AddressDNSFirstOnly) {
		vals["dns"] = dns[:1]
	}
	a := rq.t.add("addresses", &resource{typ: "Address", vals: vals})
	rq.created(a, rq.finishedJob("addresses", a.path))
	return nil
}

// createForwardingGroup handles a ForwardingGroupCreate: the group joins
// the Networks its template names.
func (rq *request) createForwardingGroup() error {
	body, tpl, err := rq.createFromTemplate("ForwardingGroupCreate", "forwardingGroupTemplate", "ForwardingGroupTemplate", true,
		func(tpl map[string]any) error { return rq.resolveRefs(tpl, "networks", "Network") })
	if err != nil {
		return err
	}
	vals := named(body, map[string]any{})
	if list, ok := tpl["networks"].([]any); ok {
		if len(list) > 1 && rq.s.fault(FaultV1GroupFirstNetworkOnly) {
			list = list[:1]
		}
		vals["networks"] = slices.Clone(list)
	}
	g := rq.t.add("forwardingGroups", &resource{typ: "ForwardingGroup", vals: vals})
	list, _ := vals["networks"].([]any)
	for _, it := range list {
		if n := rq.t.get(string(it.(refPath))); n != nil {
			n.vals["forwardingGroup"] = refPath(g.path)
		}
	}
	rq.created(g, rq.finishedJob("forwardingGroups", g.path))
	return nil
}

// --- a Machine's network interfaces (1.x) -----------------------------------------

func init() {
	addType("MachineNetworkInterface", withCommon(fColl("addresses"), fRef("network", "Network"), fRef("networkPort", "NetworkPort"),
		fString("state"), fString("macAddress"), fInt("mtu"))...)
	addType("MachineNetworkInterfaceAddress", withCommon(fRef("address", "Address").readOnly())...)
	addCollection("MachineNetworkInterfaceAddressCollection", "MachineNetworkInterfaceAddress", "machineNetworkInterfaceAddresses")
}

// machineInterfacesV1 resolves the networkInterfaces of a 1.x
// MachineTemplate: each names a Network of this provider and a state
// (DSP8009 NetworkInterface), and may name Addresses and a NetworkPort.
func (rq *request) machineInterfacesV1(tmpl map[string]any) error {
	list, _ := tmpl["networkInterfaces"].([]any)
	for _, it := range list {
		nic, _ := it.(map[string]any)
		net := rq.pathOf(nic["network"], "Network")
		if net == "" {
			return errorf(http.StatusBadRequest, "a networkInterface needs the Network of this provider it joins")
		}
		nic["network"] = refPath(net)
		if s, _ := nic["state"].(string); s == "" {
			return errorf(http.StatusBadRequest, "a networkInterface needs a state")
		}
		if nic["networkPort"] != nil {
			p := rq.pathOf(nic["networkPort"], "NetworkPort")
			if p == "" {
				return errorf(http.StatusBadRequest, "the networkPort of a networkInterface is not a NetworkPort of this provider")
			}
			nic["networkPort"] = refPath(p)
		}
		addrs, _ := nic["addresses"].([]any)
		for i, a := range addrs {
			p := rq.pathOf(a, "Address")
			if p == "" {
				return errorf(http.StatusBadRequest, "an address of a networkInterface is not an Address of this provider")
			}
			addrs[i] = refPath(p)
		}
	}
	return nil
}

// pathOf is the path of our resource of type typ that v names (a path
// already resolved, or a reference); "" for none.
func (rq *request) pathOf(v any, typ string) string {
	var r *resource
	switch x := v.(type) {
	case refPath:
		r = rq.t.get(string(x))
	case map[string]any:
		h, _ := x["href"].(string)
		r = rq.resolve(h, typ)
	}
	if r == nil || r.typ != typ {
		return ""
	}
	return r.path
}

// addMachineInterfacesV1 gives a new 1.x Machine a MachineNetworkInterface
// per networkInterface of its template, with a MAC address, the Network's
// mtu unless the template sets one, and a record per Address, whose
// resource becomes the Machine.
func (rq *request) addMachineInterfacesV1(m *resource, tmpl map[string]any) {
	list, _ := tmpl["networkInterfaces"].([]any)
	for i, it := range list {
		nic, _ := it.(map[string]any)
		vals := map[string]any{"network": nic["network"], "state": nic["state"],
			"macAddress": fmt.Sprintf("02:00:00:%02x:%02x:%02x", len(rq.t.res)%256, i%256, len(list)%256)}
		if rq.s.fault(FaultV1MachineInterfaceNetworkDropped) {
			delete(vals, "network")
		}
		if p, ok := nic["networkPort"].(refPath); ok {
			vals["networkPort"] = p
		}
		if mtu, ok := nic["mtu"].(int64); ok {
			vals["mtu"] = mtu
		} else if n := rq.t.valuesOf(nic["network"]); n != nil && n["mtu"] != nil {
			vals["mtu"] = n["mtu"]
		}
		r := rq.t.add(m.path+"/networkInterfaces", &resource{typ: "MachineNetworkInterface", vals: vals})
		r.vals["addresses"] = refPath(r.path + "/addresses")
		addrs, _ := nic["addresses"].([]any)
		for _, a := range addrs {
			p, _ := a.(refPath)
			if rq.s.fault(FaultV1MachineInterfaceAddressesEmpty) {
				break
			}
			rq.t.add(r.path+"/addresses", &resource{typ: "MachineNetworkInterfaceAddress", vals: map[string]any{"address": p}})
			if addr := rq.t.get(string(p)); addr != nil {
				addr.vals["resource"] = refPath(m.path)
			}
		}
	}
}

// interfaceAddresses answers the addresses of a MachineNetworkInterface.
func (rq *request) interfaceAddresses(path string) error {
	if rq.t.get(strings.TrimSuffix(path, "/addresses")) == nil {
		return errorf(http.StatusNotFound, "no resource at %s", rq.r.URL.Path)
	}
	if !rq.isRead() {
		return methodNotAllowed("GET", "HEAD")
	}
	return rq.listCollection(path, "MachineNetworkInterfaceAddressCollection", rq.t.items(path), false)
}
