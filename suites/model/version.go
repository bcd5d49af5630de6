// Package model holds cimitest's own schema of the CIMI resource model and
// the code that reads, writes and judges representations against it.
//
// The schema is written from DSP0263 (2.0.0 text) and DSP8009 (the 1.x XML
// schema); it is independent of the reference server's own schema on purpose,
// so that a mistake in one is caught by the other.
package model

import (
	"fmt"
	"strings"
)

// Version is a CIMI specification line the suite can judge.
type Version string

const (
	// V1 is CIMI 1.x (1.0.1 / 1.1.0), namespace http://schemas.dmtf.org/cimi/1.
	V1 Version = "1.1"
	// V2 is CIMI 2.0.0, namespace http://schemas.dmtf.org/cimi/2.
	V2 Version = "2.0"
)

const schemaBase = "http://schemas.dmtf.org/cimi/"

// ParseVersion accepts "1", "1.0", "1.0.1", "1.1", "1.1.0", "2", "2.0", "2.0.0".
func ParseVersion(s string) (Version, error) {
	switch strings.TrimSpace(s) {
	case "1", "1.0", "1.0.1", "1.1", "1.1.0":
		return V1, nil
	case "2", "2.0", "2.0.0":
		return V2, nil
	}
	return "", fmt.Errorf("unknown CIMI version %q (want 1.1 or 2.0)", s)
}

// Major is "1" or "2", the digit used in namespaces and URIs.
func (v Version) Major() string {
	if v == V1 {
		return "1"
	}
	return "2"
}

// Namespace is the XML namespace of the version (§4.1.2, l.654-657).
func (v Version) Namespace() string { return schemaBase + v.Major() }

// TypeURI is the resourceURI of a type name in this version (§4.1.4).
func (v Version) TypeURI(name string) string { return v.Namespace() + "/" + name }

// ActionURI is the rel of a custom operation in this version (§4.2).
func (v Version) ActionURI(name string) string { return v.Namespace() + "/action/" + name }

// CapabilityURI names a capability of a resource type (§5.11.1).
func (v Version) CapabilityURI(resource, name string) string {
	return v.Namespace() + "/capability/" + resource + "/" + name
}

// VersionOfURI tells which version a CIMI type, action or capability URI or a
// namespace belongs to. ok is false when the URI is not under either prefix.
func VersionOfURI(uri string) (v Version, ok bool) {
	switch {
	case uri == V1.Namespace() || strings.HasPrefix(uri, V1.Namespace()+"/"):
		return V1, true
	case uri == V2.Namespace() || strings.HasPrefix(uri, V2.Namespace()+"/"):
		return V2, true
	}
	return "", false
}

// TypeName strips the namespace from a type URI: ".../cimi/2/Machine" gives
// "Machine". It returns "" when the URI is not a CIMI type URI.
func TypeName(uri string) string {
	if _, ok := VersionOfURI(uri); !ok {
		return ""
	}
	rest := strings.TrimPrefix(uri, schemaBase)
	i := strings.IndexByte(rest, '/')
	if i < 0 || strings.Contains(rest[i+1:], "/") {
		return ""
	}
	return rest[i+1:]
}
