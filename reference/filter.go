package reference

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The $filter grammar of §4.1.6.1 (l.630-643):
//
//	Filter  ::= AndExpr ( 'or' Filter )*
//	AndExpr ::= Comp ( 'and' AndExpr )*
//	Comp    ::= Attribute Op Value | Value Op Attribute | PropExpr | '(' Filter ')'
//	PropExpr ::= 'property[' StringValue ']' Op StringValue
//
// Whitespace between tokens is allowed. and binds tighter than or.

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tString
	tInt
	tDate
	tBool
	tOp
	tAnd
	tOr
	tLParen
	tRParen
	tProperty // "property[" … "]": the key is the token text
)

type token struct {
	kind tokKind
	text string
}

func lexFilter(s string) ([]token, error) {
	var out []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			out = append(out, token{tLParen, "("})
			i++
		case c == ')':
			out = append(out, token{tRParen, ")"})
			i++
		case c == '<' || c == '>' || c == '=' || c == '!':
			op := string(c)
			if i+1 < len(s) && s[i+1] == '=' {
				op += "="
			}
			if op == "!" {
				return nil, fmt.Errorf("'!' must be followed by '='")
			}
			out = append(out, token{tOp, op})
			i += len(op)
		case c == '\'' || c == '"':
			str, n, err := lexString(s[i:])
			if err != nil {
				return nil, err
			}
			out = append(out, token{tString, str})
			i += n
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && strings.IndexByte("0123456789-:.TZ+", s[j]) >= 0 {
				j++
			}
			lit := s[i:j]
			if strings.ContainsAny(lit, "-:T") {
				out = append(out, token{tDate, lit})
			} else {
				out = append(out, token{tInt, lit})
			}
			i = j
		case c == '_' || unicode.IsLetter(rune(c)):
			j := i
			for j < len(s) && (s[j] == '_' || unicode.IsLetter(rune(s[j])) || unicode.IsDigit(rune(s[j]))) {
				j++
			}
			word := s[i:j]
			switch {
			case word == "property" && j < len(s) && s[j] == '[':
				key, n, err := lexString(strings.TrimLeft(s[j+1:], " "))
				if err != nil {
					return nil, fmt.Errorf("property[…] needs a quoted key: %v", err)
				}
				rest := s[j+1:]
				k := len(rest) - len(strings.TrimLeft(rest, " ")) + n
				rest = strings.TrimLeft(rest[k:], " ")
				if !strings.HasPrefix(rest, "]") {
					return nil, fmt.Errorf("property[ is not closed")
				}
				out = append(out, token{tProperty, key})
				i = len(s) - len(rest) + 1
				continue
			case word == "and":
				out = append(out, token{tAnd, word})
			case word == "or":
				out = append(out, token{tOr, word})
			case word == "true" || word == "false":
				out = append(out, token{tBool, word})
			default:
				out = append(out, token{tIdent, word})
			}
			i = j
		default:
			return nil, fmt.Errorf("unexpected %q", c)
		}
	}
	return out, nil
}

// lexString reads a single- or double-quoted string with backslash escapes.
func lexString(s string) (string, int, error) {
	if s == "" || (s[0] != '\'' && s[0] != '"') {
		return "", 0, fmt.Errorf("a quoted string is expected")
	}
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case q:
			return b.String(), i + 1, nil
		default:
			b.WriteByte(s[i])
		}
	}
	return "", 0, fmt.Errorf("unterminated string")
}

// expr is a parsed filter.
type expr interface {
	match(v itemView) bool
}

type orExpr []expr
type andExpr []expr

func (o orExpr) match(v itemView) bool {
	for _, e := range o {
		if e.match(v) {
			return true
		}
	}
	return false
}

func (a andExpr) match(v itemView) bool {
	for _, e := range a {
		if !e.match(v) {
			return false
		}
	}
	return true
}

// comparison compares an attribute with a literal; flipped means the
// literal came first (Value Op Attribute).
type comparison struct {
	attr    string
	op      string
	lit     token
	flipped bool
}

type propExpr struct {
	key, op, value string
}

func (p propExpr) match(v itemView) bool {
	raw, _ := v.get("properties")
	props, _ := raw.(map[string]string)
	val, ok := props[p.key]
	if !ok {
		return false
	}
	return compareOrdered(strings.Compare(val, p.value), p.op, true)
}

type parser struct {
	toks []token
	pos  int
}

func parseFilter(s string) (expr, error) {
	toks, err := lexFilter(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	e, err := p.filter()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tEOF {
		return nil, fmt.Errorf("unexpected %q", p.peek().text)
	}
	return e, nil
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return token{kind: tEOF}
}

func (p *parser) next() token {
	t := p.peek()
	p.pos++
	return t
}

func (p *parser) filter() (expr, error) {
	first, err := p.and()
	if err != nil {
		return nil, err
	}
	or := orExpr{first}
	for p.peek().kind == tOr {
		p.next()
		e, err := p.and()
		if err != nil {
			return nil, err
		}
		or = append(or, e)
	}
	if len(or) == 1 {
		return first, nil
	}
	return or, nil
}

func (p *parser) and() (expr, error) {
	first, err := p.comp()
	if err != nil {
		return nil, err
	}
	and := andExpr{first}
	for p.peek().kind == tAnd {
		p.next()
		e, err := p.comp()
		if err != nil {
			return nil, err
		}
		and = append(and, e)
	}
	if len(and) == 1 {
		return first, nil
	}
	return and, nil
}

func (p *parser) comp() (expr, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		e, err := p.filter()
		if err != nil {
			return nil, err
		}
		if p.next().kind != tRParen {
			return nil, fmt.Errorf("a '(' is not closed")
		}
		return e, nil
	case tProperty:
		op := p.next()
		val := p.next()
		if op.kind != tOp || val.kind != tString {
			return nil, fmt.Errorf("property['%s'] must be compared with a quoted string", t.text)
		}
		return propExpr{key: t.text, op: op.text, value: val.text}, nil
	case tIdent:
		op, lit := p.next(), p.next()
		if op.kind != tOp || !isLiteral(lit) {
			return nil, fmt.Errorf("%s must be compared with a value", t.text)
		}
		return &comparison{attr: t.text, op: op.text, lit: lit}, nil
	case tString, tInt, tDate, tBool:
		op, attr := p.next(), p.next()
		if op.kind != tOp || attr.kind != tIdent {
			return nil, fmt.Errorf("a value must be compared with an attribute")
		}
		return &comparison{attr: attr.text, op: op.text, lit: t, flipped: true}, nil
	case tEOF:
		return nil, fmt.Errorf("the expression ends too early")
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}

func isLiteral(t token) bool {
	switch t.kind {
	case tString, tInt, tDate, tBool:
		return true
	}
	return false
}

// match compares the attribute's value with the literal; values of another
// type, and absent attributes, do not match.
func (c *comparison) match(vals itemView) bool {
	v, ok := vals.get(c.attr)
	if !ok {
		return false
	}
	cmp, ordered, ok := compareValue(v, c.lit)
	if !ok {
		return false
	}
	if c.flipped {
		cmp = -cmp
	}
	return compareOrdered(cmp, c.op, ordered)
}

// compareValue gives attribute - literal as -1, 0 or 1; ordered is false for
// types that only support = and != (strings, booleans).
func compareValue(v any, lit token) (cmp int, ordered, ok bool) {
	switch x := v.(type) {
	case int64:
		if lit.kind != tInt {
			return 0, false, false
		}
		n, err := strconv.ParseInt(lit.text, 10, 64)
		if err != nil {
			return 0, false, false
		}
		return cmpInt(x, n), true, true
	case time.Time:
		t, err := parseDate(lit.text)
		if err != nil || lit.kind != tDate {
			return 0, false, false
		}
		return x.Compare(t), true, true
	case bool:
		if lit.kind != tBool {
			return 0, false, false
		}
		if x == (lit.text == "true") {
			return 0, false, true
		}
		return 1, false, true
	case string:
		if lit.kind == tString {
			return strings.Compare(x, lit.text), false, true
		}
		if lit.kind == tDate {
			a, err1 := parseDate(x)
			b, err2 := parseDate(lit.text)
			if err1 == nil && err2 == nil {
				return a.Compare(b), true, true
			}
		}
	case refPath:
		if lit.kind == tString {
			return strings.Compare(string(x), lit.text), false, true
		}
	}
	return 0, false, false
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func compareOrdered(cmp int, op string, ordered bool) bool {
	switch op {
	case "=":
		return cmp == 0
	case "!=":
		return cmp != 0
	}
	if !ordered {
		return false
	}
	switch op {
	case "<":
		return cmp < 0
	case "<=":
		return cmp <= 0
	case ">":
		return cmp > 0
	case ">=":
		return cmp >= 0
	}
	return false
}

// parseDate reads an xs:dateTime, or an xs:date as midnight UTC.
func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date", s)
}
