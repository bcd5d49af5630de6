package model

import (
	"bytes"
	"fmt"
	"sync/atomic"
)

// DefaultMaxDepth is how deeply a representation may nest before it is
// refused unread. CIMI representations nest a few levels (a collection of
// Machines with expanded Disks is about ten); the limit leaves room for
// extensions and keeps a hostile body from exhausting the stack or the
// clock of the decoders.
const DefaultMaxDepth = 100

var maxDepth atomic.Int64

func init() { maxDepth.Store(DefaultMaxDepth) }

// SetMaxDepth sets the nesting limit of every later decode (n <= 0 restores
// the default). The suite sets it once from --max-depth.
func SetMaxDepth(n int) {
	if n <= 0 {
		n = DefaultMaxDepth
	}
	maxDepth.Store(int64(n))
}

// MaxDepth is the nesting limit in force.
func MaxDepth() int { return int(maxDepth.Load()) }

// TooDeepError is a body that nests deeper than the limit; it was not decoded.
type TooDeepError struct {
	Format Format
	Limit  int
}

func (e *TooDeepError) Error() string {
	return fmt.Sprintf("the %s body nests deeper than %d levels, the limit of one representation (--max-depth); it was not decoded",
		e.Format, e.Limit)
}

// checkDepth scans a body once, without decoding it, and refuses one that
// nests deeper than the limit.
func checkDepth(f Format, body []byte) error {
	limit := MaxDepth()
	var deepest int
	if f == XML {
		deepest = xmlDepth(body, limit)
	} else {
		deepest = jsonDepth(body, limit)
	}
	if deepest > limit {
		return &TooDeepError{Format: f, Limit: limit}
	}
	return nil
}

// jsonDepth counts open arrays and objects outside strings; it stops as
// soon as the count passes limit.
func jsonDepth(b []byte, limit int) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > limit {
					return deepest
				}
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// xmlDepth counts open elements, skipping comments, processing
// instructions, CDATA sections, declarations and quoted attribute values;
// it stops as soon as the count passes limit.
func xmlDepth(b []byte, limit int) int {
	depth, deepest := 0, 0
	for i := 0; i < len(b); i++ {
		if b[i] != '<' || i+1 >= len(b) {
			continue
		}
		switch next := b[i+1]; {
		case next == '/':
			depth--
			i = skipTo(b, i, ">")
		case next == '?':
			i = skipTo(b, i, "?>")
		case bytes.HasPrefix(b[i:], []byte("<!--")):
			i = skipTo(b, i, "-->")
		case bytes.HasPrefix(b[i:], []byte("<![CDATA[")):
			i = skipTo(b, i, "]]>")
		case next == '!':
			i = skipTo(b, i, ">")
		default:
			end, selfClosing := startTagEnd(b, i)
			i = end
			if selfClosing {
				continue
			}
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > limit {
					return deepest
				}
			}
		}
	}
	return deepest
}

// skipTo returns the index of the last byte of the first end after from
// (or the end of b).
func skipTo(b []byte, from int, end string) int {
	j := bytes.Index(b[from:], []byte(end))
	if j < 0 {
		return len(b)
	}
	return from + j + len(end) - 1
}

// startTagEnd finds the '>' closing the start tag at from, past quoted
// attribute values, and whether the tag closes itself.
func startTagEnd(b []byte, from int) (int, bool) {
	var quote byte
	for j := from + 1; j < len(b); j++ {
		c := b[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j, b[j-1] == '/'
		}
	}
	return len(b), false
}
