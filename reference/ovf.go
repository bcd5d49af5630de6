package reference

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// OVF (DSP0243) as this provider reads and writes it: the part Annex A of
// DSP0263 maps to CIMI resources. A package is one VirtualSystemCollection
// (nested ones allowed) of VirtualSystems, each with the CPU and memory
// items of its VirtualHardwareSection and the disks and networks it
// connects to; the DiskSection and NetworkSection list what they share.

// ovfEnvelope is a package's descriptor.
type ovfEnvelope struct {
	disks []ovfDisk
	nets  []string
	top   ovfCollection
}

// ovfDisk is a DiskSection entry; its capacity is kept in kilobytes (the
// unit of a CIMI capacity).
type ovfDisk struct {
	id string
	kb int64
}

// ovfCollection is a VirtualSystemCollection.
type ovfCollection struct {
	name    string
	systems []ovfSystem
	nested  []ovfCollection
}

// ovfSystem is a VirtualSystem: CPUs, memory in kilobytes, the disk ids
// and network names its items name.
type ovfSystem struct {
	name       string
	cpu, memKB int64
	disks      []string
	nets       []string
}

const (
	ovfNS      = "http://schemas.dmtf.org/ovf/envelope/2"
	rasdNS     = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"
	ovfKBUnits = "byte * 2^10"
	// CIM resource types of the items read and written (DSP0243 §9.5).
	rasdCPU, rasdMemory, rasdEthernet, rasdDisk = "3", "4", "10", "17"
	ovfMaxNesting                               = 8
)

// bytes writes the envelope.
func (e *ovfEnvelope) bytes() []byte {
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	env := doc.CreateElement("Envelope")
	env.CreateAttr("xmlns", ovfNS)
	env.CreateAttr("xmlns:ovf", ovfNS)
	env.CreateAttr("xmlns:rasd", rasdNS)
	env.CreateElement("References")
	ds := env.CreateElement("DiskSection")
	ds.CreateElement("Info").SetText("the disks of the package")
	for _, d := range e.disks {
		el := ds.CreateElement("Disk")
		el.CreateAttr("ovf:diskId", d.id)
		el.CreateAttr("ovf:capacity", strconv.FormatInt(d.kb, 10))
		el.CreateAttr("ovf:capacityAllocationUnits", ovfKBUnits)
	}
	ns := env.CreateElement("NetworkSection")
	ns.CreateElement("Info").SetText("the networks of the package")
	for _, n := range e.nets {
		ns.CreateElement("Network").CreateAttr("ovf:name", n)
	}
	e.top.write(env)
	doc.Indent(2)
	b, _ := doc.WriteToBytes()
	return b
}

func (c *ovfCollection) write(parent *etree.Element) {
	el := parent.CreateElement("VirtualSystemCollection")
	el.CreateAttr("ovf:id", c.name)
	el.CreateElement("Info").SetText("a CIMI System")
	el.CreateElement("Name").SetText(c.name)
	for _, s := range c.systems {
		vs := el.CreateElement("VirtualSystem")
		vs.CreateAttr("ovf:id", s.name)
		vs.CreateElement("Info").SetText("a CIMI Machine")
		vs.CreateElement("Name").SetText(s.name)
		hw := vs.CreateElement("VirtualHardwareSection")
		hw.CreateElement("Info").SetText("its hardware")
		n := 0
		item := func(typ string, kv ...string) {
			n++
			it := hw.CreateElement("Item")
			for i := 0; i+1 < len(kv); i += 2 {
				it.CreateElement("rasd:" + kv[i]).SetText(kv[i+1])
			}
			it.CreateElement("rasd:InstanceID").SetText(strconv.Itoa(n))
			it.CreateElement("rasd:ResourceType").SetText(typ)
		}
		item(rasdCPU, "ElementName", "virtual CPUs", "VirtualQuantity", strconv.FormatInt(s.cpu, 10))
		item(rasdMemory, "AllocationUnits", ovfKBUnits, "ElementName", "memory", "VirtualQuantity", strconv.FormatInt(s.memKB, 10))
		for _, d := range s.disks {
			item(rasdDisk, "ElementName", "disk "+d, "HostResource", "ovf:/disk/"+d)
		}
		for _, net := range s.nets {
			item(rasdEthernet, "Connection", net, "ElementName", "interface on "+net)
		}
	}
	for i := range c.nested {
		c.nested[i].write(el)
	}
}

// parseOVF reads a package's descriptor. A lone VirtualSystem is taken as a
// collection of one.
func parseOVF(b []byte) (*ovfEnvelope, error) {
	doc := etree.NewDocument()
	doc.ReadSettings.Permissive = false
	if err := doc.ReadFromBytes(b); err != nil {
		return nil, fmt.Errorf("the package is not XML: %v", err)
	}
	env := doc.Root()
	if env == nil || env.Tag != "Envelope" {
		return nil, fmt.Errorf("the package has no OVF Envelope")
	}
	e := &ovfEnvelope{}
	for _, d := range childrenOf(env, "DiskSection", "Disk") {
		kb, err := ovfKB(ovfAttr(d, "capacity"), ovfAttr(d, "capacityAllocationUnits"), 1)
		if err != nil || ovfAttr(d, "diskId") == "" {
			return nil, fmt.Errorf("a Disk of the DiskSection has no diskId or no usable capacity")
		}
		e.disks = append(e.disks, ovfDisk{id: ovfAttr(d, "diskId"), kb: kb})
	}
	for _, n := range childrenOf(env, "NetworkSection", "Network") {
		e.nets = append(e.nets, ovfAttr(n, "name"))
	}
	top := env.SelectElement("VirtualSystemCollection")
	if top == nil {
		vs := env.SelectElement("VirtualSystem")
		if vs == nil {
			return nil, fmt.Errorf("the package has neither a VirtualSystemCollection nor a VirtualSystem")
		}
		s, err := e.readSystem(vs)
		if err != nil {
			return nil, err
		}
		e.top = ovfCollection{name: s.name, systems: []ovfSystem{s}}
		return e, nil
	}
	c, err := e.readCollection(top, 0)
	if err != nil {
		return nil, err
	}
	e.top = c
	return e, nil
}

func (e *ovfEnvelope) readCollection(el *etree.Element, depth int) (ovfCollection, error) {
	if depth > ovfMaxNesting {
		return ovfCollection{}, fmt.Errorf("VirtualSystemCollections nest deeper than %d", ovfMaxNesting)
	}
	c := ovfCollection{name: ovfName(el)}
	for _, ch := range el.ChildElements() {
		switch ch.Tag {
		case "VirtualSystem":
			s, err := e.readSystem(ch)
			if err != nil {
				return c, err
			}
			c.systems = append(c.systems, s)
		case "VirtualSystemCollection":
			n, err := e.readCollection(ch, depth+1)
			if err != nil {
				return c, err
			}
			c.nested = append(c.nested, n)
		}
	}
	return c, nil
}

// readSystem reads a VirtualSystem's first VirtualHardwareSection (with
// several, which one counts is the provider's choice, Annex A).
func (e *ovfEnvelope) readSystem(el *etree.Element) (ovfSystem, error) {
	s := ovfSystem{name: ovfName(el)}
	hw := el.SelectElement("VirtualHardwareSection")
	if hw == nil {
		return s, fmt.Errorf("VirtualSystem %q has no VirtualHardwareSection", s.name)
	}
	for _, it := range hw.SelectElements("Item") {
		field := func(name string) string {
			if f := it.SelectElement(name); f != nil {
				return strings.TrimSpace(f.Text())
			}
			return ""
		}
		switch field("ResourceType") {
		case rasdCPU:
			s.cpu, _ = strconv.ParseInt(field("VirtualQuantity"), 10, 64)
		case rasdMemory:
			kb, err := ovfKB(field("VirtualQuantity"), field("AllocationUnits"), 1<<20)
			if err != nil {
				return s, fmt.Errorf("VirtualSystem %q: memory: %v", s.name, err)
			}
			s.memKB = kb
		case rasdDisk:
			id, ok := strings.CutPrefix(field("HostResource"), "ovf:/disk/")
			if !ok || !e.hasDisk(id) {
				return s, fmt.Errorf("VirtualSystem %q names a disk the DiskSection does not list: %q", s.name, field("HostResource"))
			}
			s.disks = append(s.disks, id)
		case rasdEthernet:
			s.nets = append(s.nets, field("Connection"))
		}
	}
	if s.cpu <= 0 || s.memKB <= 0 {
		return s, fmt.Errorf("VirtualSystem %q has no CPU or memory item", s.name)
	}
	return s, nil
}

func (e *ovfEnvelope) hasDisk(id string) bool {
	for _, d := range e.disks {
		if d.id == id {
			return true
		}
	}
	return false
}

// ovfName is an entity's Name, else its ovf:id.
func ovfName(el *etree.Element) string {
	if n := el.SelectElement("Name"); n != nil && strings.TrimSpace(n.Text()) != "" {
		return strings.TrimSpace(n.Text())
	}
	return ovfAttr(el, "id")
}

// ovfAttr is the value of an attribute whatever its prefix.
func ovfAttr(el *etree.Element, key string) string {
	for _, a := range el.Attr {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}

func childrenOf(el *etree.Element, section, item string) []*etree.Element {
	if s := el.SelectElement(section); s != nil {
		return s.SelectElements(item)
	}
	return nil
}

// ovfKB turns a quantity in allocation units ("byte * 2^20", "byte",
// "KB", "MB", "GB"; def bytes per unit when none is given) into
// kilobytes.
func ovfKB(qty, units string, def int64) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(qty), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("quantity %q is not a positive integer", qty)
	}
	per := def
	u := strings.ReplaceAll(strings.TrimSpace(units), " ", "")
	switch {
	case u == "":
	case u == "byte":
		per = 1
	case strings.HasPrefix(u, "byte*2^"):
		p, err := strconv.Atoi(u[len("byte*2^"):])
		if err != nil || p < 0 || p > 60 {
			return 0, fmt.Errorf("allocation units %q are not byte * 2^n", units)
		}
		per = 1 << p
	case u == "KB" || u == "KiloBytes":
		per = 1 << 10
	case u == "MB" || u == "MegaBytes":
		per = 1 << 20
	case u == "GB" || u == "GigaBytes":
		per = 1 << 30
	default:
		return 0, fmt.Errorf("allocation units %q are not understood", units)
	}
	if hi, lo := bits.Mul64(uint64(n), uint64(per)); hi != 0 || lo > 1<<62 {
		return 0, fmt.Errorf("quantity %s %s is too large", qty, units)
	}
	return n * per / 1024, nil
}
