// Package query is the suite's own reading of the CIMI query parameters
// (§4.1.6): it computes what a $filter or $orderby must return from the
// unfiltered items, so that a Provider's answer can be compared with it.
package query

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/cimitest/cimitest/suites/model"
)

// Expr is a parsed $filter expression.
type Expr interface {
	Eval(item *model.Node) bool
}

// tokenRe splits a filter into tokens: quoted strings, property[…],
// operators, parentheses, words and literals.
var tokenRe = regexp.MustCompile(`\s*(?:` +
	`(?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")` +
	`|(?P<prop>property\[\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\])` +
	`|(?P<op><=|>=|!=|<|>|=)` +
	`|(?P<paren>[()])` +
	`|(?P<lit>[0-9][0-9TZ:.+\-]*)` +
	`|(?P<word>[A-Za-z_][A-Za-z0-9_]*)` +
	`)`)

type tok struct {
	kind string // str prop op paren lit word
	text string
}

func tokenize(s string) ([]tok, error) {
	var out []tok
	names := tokenRe.SubexpNames()
	for pos := 0; pos < len(s); {
		if strings.TrimSpace(s[pos:]) == "" {
			break
		}
		m := tokenRe.FindStringSubmatchIndex(s[pos:])
		if m == nil || m[0] != 0 {
			return nil, fmt.Errorf("cannot read %q", s[pos:])
		}
		for i := 1; i < len(names); i++ {
			if m[2*i] >= 0 {
				out = append(out, tok{names[i], s[pos+m[2*i] : pos+m[2*i+1]]})
				break
			}
		}
		pos += m[1]
	}
	return out, nil
}

func unquote(q string) string {
	body := q[1 : len(q)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' && i+1 < len(body) {
			i++
		}
		b.WriteByte(body[i])
	}
	return b.String()
}

// Parse reads a $filter expression (§4.1.6.1, l.630-643).
func Parse(s string) (Expr, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	e, err := p.or()
	if err == nil && p.i < len(p.toks) {
		err = fmt.Errorf("unexpected %q", p.toks[p.i].text)
	}
	return e, err
}

type parser struct {
	toks []tok
	i    int
}

func (p *parser) at(kind, text string) bool {
	return p.i < len(p.toks) && p.toks[p.i].kind == kind && (text == "" || p.toks[p.i].text == text)
}

func (p *parser) or() (Expr, error) {
	var terms []Expr
	for {
		e, err := p.and()
		if err != nil {
			return nil, err
		}
		terms = append(terms, e)
		if !p.at("word", "or") {
			break
		}
		p.i++
	}
	return anyOf(terms), nil
}

func (p *parser) and() (Expr, error) {
	var terms []Expr
	for {
		e, err := p.comp()
		if err != nil {
			return nil, err
		}
		terms = append(terms, e)
		if !p.at("word", "and") {
			break
		}
		p.i++
	}
	return allOf(terms), nil
}

func (p *parser) comp() (Expr, error) {
	if p.i >= len(p.toks) {
		return nil, fmt.Errorf("the expression ends too early")
	}
	t := p.toks[p.i]
	p.i++
	switch {
	case t.kind == "paren" && t.text == "(":
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		if !p.at("paren", ")") {
			return nil, fmt.Errorf("'(' is not closed")
		}
		p.i++
		return e, nil
	case t.kind == "prop":
		inner := strings.TrimSpace(t.text[len("property[") : len(t.text)-1])
		op, val, err := p.opValue()
		if err != nil || val.kind != "str" {
			return nil, fmt.Errorf("property[…] needs an operator and a quoted string")
		}
		return propCmp{key: unquote(inner), op: op, value: unquote(val.text)}, nil
	case t.kind == "word" && t.text != "true" && t.text != "false":
		op, val, err := p.opValue()
		if err != nil {
			return nil, err
		}
		return cmp{attr: t.text, op: op, lit: val}, nil
	case t.kind == "str" || t.kind == "lit" || t.text == "true" || t.text == "false":
		if p.i+1 >= len(p.toks) || p.toks[p.i].kind != "op" || p.toks[p.i+1].kind != "word" {
			return nil, fmt.Errorf("a value must be compared with an attribute")
		}
		op, attr := p.toks[p.i].text, p.toks[p.i+1].text
		p.i += 2
		return cmp{attr: attr, op: mirror(op), lit: t}, nil
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}

func (p *parser) opValue() (string, tok, error) {
	if p.i+1 >= len(p.toks) || p.toks[p.i].kind != "op" {
		return "", tok{}, fmt.Errorf("an operator is expected")
	}
	op, val := p.toks[p.i].text, p.toks[p.i+1]
	p.i += 2
	if val.kind != "str" && val.kind != "lit" && val.text != "true" && val.text != "false" {
		return "", tok{}, fmt.Errorf("a value is expected after %s", op)
	}
	return op, val, nil
}

// mirror turns "value op attr" into "attr op' value".
func mirror(op string) string {
	switch op {
	case "<":
		return ">"
	case "<=":
		return ">="
	case ">":
		return "<"
	case ">=":
		return "<="
	}
	return op
}

type anyOf []Expr
type allOf []Expr

func (a anyOf) Eval(n *model.Node) bool {
	for _, e := range a {
		if e.Eval(n) {
			return true
		}
	}
	return false
}

func (a allOf) Eval(n *model.Node) bool {
	for _, e := range a {
		if !e.Eval(n) {
			return false
		}
	}
	return true
}

type cmp struct {
	attr, op string
	lit      tok
}

// Eval compares an item attribute with the literal: integers and dates are
// ordered; strings and booleans only equal or differ (l.649-653). An
// attribute that is absent, or of another type, does not match.
func (c cmp) Eval(n *model.Node) bool {
	v := n.Get(c.attr)
	if v == nil {
		return false
	}
	switch {
	case c.lit.kind == "lit" && v.Kind == model.Number && isDigits(c.lit.text):
		a, err1 := strconv.ParseInt(v.Text, 10, 64)
		b, err2 := strconv.ParseInt(c.lit.text, 10, 64)
		return err1 == nil && err2 == nil && ordered(compareInts(a, b), c.op)
	case c.lit.kind == "lit" && v.Kind == model.String:
		a, err1 := ParseDate(v.Text)
		b, err2 := ParseDate(c.lit.text)
		return err1 == nil && err2 == nil && ordered(a.Compare(b), c.op)
	case c.lit.kind == "str" && v.Kind == model.String:
		return equality(v.Text == unquote(c.lit.text), c.op)
	case (c.lit.text == "true" || c.lit.text == "false") && v.Kind == model.Bool:
		return equality(v.Text == c.lit.text, c.op)
	}
	return false
}

type propCmp struct{ key, op, value string }

func (p propCmp) Eval(n *model.Node) bool {
	v := n.Get("properties").Get(p.key)
	return v != nil && equality(v.Text == p.value, p.op)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func compareInts(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func ordered(c int, op string) bool {
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case "=":
		return c == 0
	case ">=":
		return c >= 0
	case ">":
		return c > 0
	case "!=":
		return c != 0
	}
	return false
}

func equality(eq bool, op string) bool {
	switch op {
	case "=":
		return eq
	case "!=":
		return !eq
	}
	return false
}

// ParseDate reads an xs:dateTime (or an xs:date).
func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not an xs:dateTime", s)
}

// Key is one $orderby key.
type Key struct {
	Attr string
	Desc bool
}

// Compare orders two items by one attribute as §4.1.6.6 says (l.813-827):
// false before true, earlier dates first, smaller integers first, strings
// in binary order after NFKD normalization. ok is false when the values
// cannot be compared (absent or of different types).
func Compare(a, b *model.Node, attr string) (c int, ok bool) {
	x, y := a.Get(attr), b.Get(attr)
	if x == nil || y == nil || x.Kind != y.Kind {
		return 0, false
	}
	switch x.Kind {
	case model.Number:
		i, err1 := strconv.ParseInt(x.Text, 10, 64)
		j, err2 := strconv.ParseInt(y.Text, 10, 64)
		return compareInts(i, j), err1 == nil && err2 == nil
	case model.Bool:
		return compareInts(boolInt(x.Text), boolInt(y.Text)), true
	case model.String:
		if s, err1 := ParseDate(x.Text); err1 == nil {
			if t, err2 := ParseDate(y.Text); err2 == nil {
				return s.Compare(t), true
			}
		}
		return strings.Compare(norm.NFKD.String(x.Text), norm.NFKD.String(y.Text)), true
	}
	return 0, false
}

func boolInt(s string) int64 {
	if s == "true" {
		return 1
	}
	return 0
}

// Sorted reports whether items follow the keys; it returns the first pair
// out of order.
func Sorted(items []*model.Node, keys []Key) (bool, int) {
	for i := 1; i < len(items); i++ {
		for _, k := range keys {
			c, ok := Compare(items[i-1], items[i], k.Attr)
			if !ok || c == 0 {
				continue
			}
			if (c > 0) != k.Desc {
				return false, i
			}
			break
		}
	}
	return true, 0
}
