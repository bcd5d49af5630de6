package reference

import (
	"strings"
	"testing"
)

func TestV1SystemsListAssociationItems(t *testing.T) {
	_, ts := newTestServer(t, Options{Version: "1.1"})
	ns := "http://schemas.dmtf.org/cimi/1"
	tmpl := `<SystemTemplate xmlns="` + ns + `"><name>t</name>
<componentDescriptor><name>web</name><type>` + ns + `/Machine</type>
<machineTemplate><machineConfig href="` + ts.URL + `/cimi/machineConfigs/small"/><machineImage href="` + ts.URL + `/cimi/machineImages/debian-12"/></machineTemplate>
<quantity>2</quantity></componentDescriptor></SystemTemplate>`
	st, h, body := call(t, ts, "POST", "/cimi/systemTemplates", xmlCT, tmpl, "Accept", xmlCT)
	if st/100 != 2 {
		t.Fatalf("SystemTemplate: %d %s", st, body)
	}
	tmplURI := h.Get("Location")
	if st, _, body := call(t, ts, "GET", tmplURI, "", "", "Accept", xmlCT); st != 200 || !strings.Contains(body, "<componentDescriptor>") ||
		strings.Contains(body, "<componentDescriptors>") || strings.Index(body, "<quantity>") < strings.Index(body, "<machineTemplate") {
		t.Fatalf("the SystemTemplate in 1.x XML: %d %s", st, body)
	}
	create := `<SystemCreate xmlns="` + ns + `"><name>s</name><systemTemplate href="` + h.Get("Location") + `"/></SystemCreate>`
	st, h, body = call(t, ts, "POST", "/cimi/systems", xmlCT, create, "Accept", xmlCT)
	if st/100 != 2 {
		t.Fatalf("System: %d %s", st, body)
	}
	sys := h.Get("Location")
	st, _, body = call(t, ts, "GET", sys+"/machines", "", "", "Accept", xmlCT)
	if st != 200 || strings.Count(body, "<SystemMachine>") != 2 || !strings.Contains(body, "<machine href=") {
		t.Fatalf("machines: %d %s", st, body)
	}
	st, _, body = call(t, ts, "GET", sys, "", "", "Accept", xmlCT)
	if st != 200 || strings.Contains(body, "networkServices") || !strings.Contains(body, "forwardingGroups") {
		t.Fatalf("the System: %d %s", st, body)
	}
	st, _, body = call(t, ts, "GET", sys, "", "", "Accept", jsonCT)
	if st != 200 || !strings.Contains(body, `"machines"`) {
		t.Fatalf("the System in JSON: %d %s", st, body)
	}
}
