package model

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// A hostile body nests deeper than any CIMI representation: it is refused
// with a sentence naming the limit, before any decoder sees it, however
// deep it goes.
func TestDeepBodiesAreRefusedUnread(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Format
		body []byte
	}{
		{"50,000 JSON arrays", JSON, append(bytes.Repeat([]byte("["), 50000), bytes.Repeat([]byte("]"), 50000)...)},
		{"10 million JSON arrays", JSON, bytes.Repeat([]byte("["), 10_000_000)},
		{"JSON objects", JSON, []byte(`{"resourceURI":"http://schemas.dmtf.org/cimi/2/Machine","a":` + strings.Repeat(`{"a":`, 200) + "1" + strings.Repeat("}", 201))},
		{"50,000 XML elements", XML, []byte(strings.Repeat("<a>", 50000) + strings.Repeat("</a>", 50000))},
		{"1 million XML elements", XML, []byte(strings.Repeat("<a x='>'>", 1_000_000))},
	} {
		_, err := Decode(tc.f, tc.body, V2)
		var deep *TooDeepError
		if !errors.As(err, &deep) || !strings.Contains(err.Error(), "--max-depth") {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestNestingIsCountedOnlyWhereItIs(t *testing.T) {
	SetMaxDepth(3)
	defer SetMaxDepth(0)
	for _, tc := range []struct {
		f    Format
		body string
		deep bool
	}{
		{JSON, `{"a":{"b":{"c":1}}}`, false},
		{JSON, `{"a":{"b":{"c":[1]}}}`, true},
		{JSON, `{"a":"[[[[[[{{{{ \" [[[["}`, false},
		{XML, `<a><b><c/></b></a>`, false},
		{XML, `<a><b><c><d/></c></b></a>`, false},
		{XML, `<a><b><c><d></d></c></b></a>`, true},
		{XML, `<a><!-- <b><c><d> --><b x="<c><d>"><![CDATA[<c><d><e>]]></b></a>`, false},
	} {
		if got := checkDepth(tc.f, []byte(tc.body)) != nil; got != tc.deep {
			t.Errorf("%s: refused=%v, want %v", tc.body, got, tc.deep)
		}
	}
	if MaxDepth() != 3 {
		t.Errorf("MaxDepth %d", MaxDepth())
	}
}
