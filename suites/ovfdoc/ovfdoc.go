// Package ovfdoc reads an OVF descriptor (DSP0243) as the System export and
// import checks need it: the VirtualSystems of each VirtualSystemCollection
// with their CPUs, memory, disks and connections, and the DiskSection and
// NetworkSection (DSP0263 Annex A). Elements and attributes are matched by
// local name, so OVF 1.x and 2.0 envelopes both read.
package ovfdoc

import (
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// Envelope is a package's descriptor.
type Envelope struct {
	Disks    []Disk
	Networks []string
	// Top is the outermost VirtualSystemCollection; a package of one
	// VirtualSystem reads as a collection holding it.
	Top *Collection
}

// Disk is a DiskSection entry.
type Disk struct {
	ID    string
	Bytes int64 // 0 when the capacity cannot be read
}

// Collection is a VirtualSystemCollection.
type Collection struct {
	Name    string
	Systems []System
	Nested  []*Collection
}

// System is a VirtualSystem as its first VirtualHardwareSection describes
// it.
type System struct {
	Name        string
	CPU         int64
	MemoryBytes int64
	Disks       []string // disk ids its disk items name
	Connections []string // network names its ethernet items connect to
}

// maxDepth bounds nested collections in what is read.
const maxDepth = 16

// CIM resource types (DSP0243 §9.5, CIM_ResourceAllocationSettingData).
const (
	typeCPU      = "3"
	typeMemory   = "4"
	typeEthernet = "10"
	typeDisk     = "17"
)

// ErrNotOVF says the bytes are not an OVF descriptor at all.
var ErrNotOVF = errors.New("not an OVF descriptor")

// Parse reads a descriptor.
func Parse(b []byte) (*Envelope, error) {
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotOVF, err)
	}
	root := doc.Root()
	if root == nil || root.Tag != "Envelope" {
		return nil, fmt.Errorf("%w: its root is not Envelope", ErrNotOVF)
	}
	e := &Envelope{}
	if s := root.SelectElement("DiskSection"); s != nil {
		for _, d := range s.SelectElements("Disk") {
			n, _ := Bytes(attr(d, "capacity"), attr(d, "capacityAllocationUnits"), 1)
			e.Disks = append(e.Disks, Disk{ID: attr(d, "diskId"), Bytes: n})
		}
	}
	if s := root.SelectElement("NetworkSection"); s != nil {
		for _, n := range s.SelectElements("Network") {
			e.Networks = append(e.Networks, attr(n, "name"))
		}
	}
	if c := root.SelectElement("VirtualSystemCollection"); c != nil {
		e.Top = readCollection(c, 0)
	} else if vs := root.SelectElement("VirtualSystem"); vs != nil {
		s := readSystem(vs)
		e.Top = &Collection{Name: s.Name, Systems: []System{s}}
	} else {
		return nil, fmt.Errorf("the Envelope has neither a VirtualSystemCollection nor a VirtualSystem")
	}
	return e, nil
}

func readCollection(el *etree.Element, depth int) *Collection {
	c := &Collection{Name: name(el)}
	for _, ch := range el.ChildElements() {
		switch {
		case ch.Tag == "VirtualSystem":
			c.Systems = append(c.Systems, readSystem(ch))
		case ch.Tag == "VirtualSystemCollection" && depth < maxDepth:
			c.Nested = append(c.Nested, readCollection(ch, depth+1))
		}
	}
	return c
}

func readSystem(el *etree.Element) System {
	s := System{Name: name(el)}
	hw := el.SelectElement("VirtualHardwareSection")
	if hw == nil {
		return s
	}
	for _, it := range hw.SelectElements("Item") {
		field := func(n string) string {
			if f := it.SelectElement(n); f != nil {
				return strings.TrimSpace(f.Text())
			}
			return ""
		}
		switch field("ResourceType") {
		case typeCPU:
			s.CPU, _ = strconv.ParseInt(field("VirtualQuantity"), 10, 64)
		case typeMemory:
			// Memory without units is in megabytes (DSP0243 §9.5).
			s.MemoryBytes, _ = Bytes(field("VirtualQuantity"), field("AllocationUnits"), 1<<20)
		case typeDisk:
			if id, ok := strings.CutPrefix(field("HostResource"), "ovf:/disk/"); ok {
				s.Disks = append(s.Disks, id)
			}
		case typeEthernet:
			s.Connections = append(s.Connections, field("Connection"))
		}
	}
	return s
}

// AllSystems lists the VirtualSystems of c and of every collection nested
// in it.
func (c *Collection) AllSystems() []System {
	if c == nil {
		return nil
	}
	out := append([]System(nil), c.Systems...)
	for _, n := range c.Nested {
		out = append(out, n.AllSystems()...)
	}
	return out
}

// Bytes turns a quantity in OVF allocation units ("byte * 2^20", "byte",
// "KB", "MB", "GB" or their long names; def bytes per unit when none is
// given) into bytes.
func Bytes(qty, units string, def int64) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(qty), 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("quantity %q is not a whole number", qty)
	}
	per := def
	switch u := strings.ReplaceAll(strings.TrimSpace(units), " ", ""); {
	case u == "":
	case u == "byte":
		per = 1
	case strings.HasPrefix(u, "byte*2^"):
		p, err := strconv.Atoi(u[len("byte*2^"):])
		if err != nil || p < 0 || p > 62 {
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
	if hi, lo := bits.Mul64(uint64(n), uint64(per)); hi != 0 || lo > 1<<63-1 {
		return 0, fmt.Errorf("%s %s is too large", qty, units)
	}
	return n * per, nil
}

// name is an entity's Name, else its id.
func name(el *etree.Element) string {
	if n := el.SelectElement("Name"); n != nil && strings.TrimSpace(n.Text()) != "" {
		return strings.TrimSpace(n.Text())
	}
	return attr(el, "id")
}

// attr is an attribute's value whatever its prefix.
func attr(el *etree.Element, key string) string {
	for _, a := range el.Attr {
		if a.Key == key {
			return a.Value
		}
	}
	return ""
}
