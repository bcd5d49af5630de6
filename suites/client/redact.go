package client

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/cimitest/cimitest/report"
)

// Secrets never reach a report: the Authorization header is masked, secret
// attributes in bodies are masked, and curl lines read credentials from
// environment variables instead of carrying them.

const masked = "***"

var secretHeaders = map[string]bool{"Authorization": true, "Proxy-Authorization": true, "Cookie": true, "Set-Cookie": true}

func redactHeaders(h http.Header) map[string][]string {
	out := make(map[string][]string, len(h))
	for k, vs := range h {
		if secretHeaders[http.CanonicalHeaderKey(k)] {
			scheme := ""
			if len(vs) > 0 {
				if i := strings.IndexByte(vs[0], ' '); i > 0 {
					scheme = vs[0][:i+1]
				}
			}
			out[k] = []string{scheme + masked}
			continue
		}
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// A secret is any value whose name says it is one: the Credential password
// (Table 23) and what extensions call tokens, keys or secrets. Names are
// compared without case, prefix or namespace, since extensions are
// serialized with namespaces of their own.
var secretWords = []string{"password", "passwd", "passphrase", "secret", "token", "privatekey", "apikey", "accesskey"}

// nameFold drops the separators a secret's name may carry (api_key, api-key).
var nameFold = strings.NewReplacer("_", "", "-", "")

func isSecretName(name string) bool {
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToLower(nameFold.Replace(name))
	for _, w := range secretWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// redactBody masks the secrets of a body. It reads the body as the JSON or
// XML it is, so that any nesting, namespace, prefix or attribute form is
// found; a body that does not parse to the end (cut for the report, or
// malformed) is masked as far as it parses, and then by pattern.
func redactBody(s string) string {
	if !mayNameSecret(s) {
		return s
	}
	trimmed := strings.TrimLeftFunc(s, unicode.IsSpace)
	switch {
	case strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "["):
		s = redactJSON(s)
	case strings.HasPrefix(trimmed, "<"):
		s = redactXML(s)
	}
	return redactLoose(s)
}

// mayNameSecret tells whether a body can hold a secret's name at all: one
// of the secret words (or the loose patterns' "pass") once case and
// separators are folded, or a JSON escape that could spell one. Most bodies
// hold none and are not parsed: the parse was a tenth of a run's CPU.
func mayNameSecret(s string) bool {
	if strings.Contains(s, `\u`) {
		return true
	}
	folded := strings.ToLower(nameFold.Replace(s))
	if strings.Contains(folded, "pass") {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(folded, w) {
			return true
		}
	}
	return false
}

// span is a part of a body to replace.
type span struct {
	from, to int
	with     string
}

func splice(s string, spans []span) string {
	if len(spans) == 0 {
		return s
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from < spans[j].from })
	var b strings.Builder
	at := 0
	for _, sp := range spans {
		if sp.from < at || sp.to > len(s) || sp.from > sp.to {
			continue
		}
		b.WriteString(s[at:sp.from])
		b.WriteString(sp.with)
		at = sp.to
	}
	b.WriteString(s[at:])
	return b.String()
}

// jsonFrame is an open JSON object or array.
type jsonFrame struct {
	object    bool
	expectKey bool
	secret    bool // the key just read names a secret
}

// redactJSON masks the scalar value of every member whose name is a secret,
// at any depth, keeping every other byte of the body as it was.
func redactJSON(s string) string {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var stack []*jsonFrame
	var spans []span
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			break
		}
		var top *jsonFrame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.expectKey {
			if key, ok := tok.(string); ok {
				top.expectKey, top.secret = false, isSecretName(key)
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &jsonFrame{object: true, expectKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, &jsonFrame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
			if len(stack) > 0 && stack[len(stack)-1].object {
				stack[len(stack)-1].expectKey = true
			}
			continue
		}
		if top != nil && top.object {
			if top.secret {
				if at := valueStart(s, before, int(dec.InputOffset())); at >= 0 {
					spans = append(spans, span{from: at, to: int(dec.InputOffset()), with: `"` + masked + `"`})
				}
			}
			top.expectKey, top.secret = true, false
		}
	}
	return splice(s, spans)
}

// valueStart finds where a scalar value begins between the end of its key
// (from) and its own end (to): after the colon and any space.
func valueStart(s string, from, to int) int {
	if to > len(s) {
		return -1
	}
	i := strings.IndexByte(s[from:to], ':')
	if i < 0 {
		i = -1
	}
	for j := from + i + 1; j < to; j++ {
		if !unicode.IsSpace(rune(s[j])) {
			return j
		}
	}
	return -1
}

// redactXML masks the content of every element whose local name is a
// secret (any prefix or namespace), of every property whose key is one, and
// the value of every attribute whose name is one.
func redactXML(s string) string {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = false
	var spans []span
	type open struct {
		name   xml.Name
		secret bool
		inner  int // offset just after the start tag
	}
	var stack []open
	for {
		before := int(dec.InputOffset())
		tok, err := dec.RawToken()
		if err != nil {
			break
		}
		after := int(dec.InputOffset())
		switch el := tok.(type) {
		case xml.StartElement:
			secret := isSecretName(el.Name.Local)
			for _, a := range el.Attr {
				if a.Name.Local == "key" && isSecretName(a.Value) {
					secret = true
				}
				if isSecretName(a.Name.Local) {
					spans = append(spans, attrSpans(s, before, after)...)
				}
			}
			stack = append(stack, open{name: el.Name, secret: secret, inner: after})
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if top.secret && before > top.inner {
				spans = append(spans, span{from: top.inner, to: before, with: masked})
			}
		}
	}
	return splice(s, spans)
}

var xmlSecretAttr = regexp.MustCompile(`(\s[A-Za-z_][\w.-]*:?[\w.-]*\s*=\s*)("[^"]*"|'[^']*')`)

// attrSpans masks, inside one start tag, the values of attributes whose
// name is a secret.
func attrSpans(s string, from, to int) []span {
	if to > len(s) {
		return nil
	}
	var out []span
	tag := s[from:to]
	for _, m := range xmlSecretAttr.FindAllStringSubmatchIndex(tag, -1) {
		name := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(tag[m[2]:m[3]]), "="))
		if !isSecretName(name) {
			continue
		}
		q := tag[m[4] : m[4]+1]
		out = append(out, span{from: from + m[4], to: from + m[5], with: q + masked + q})
	}
	return out
}

// The patterns catch what the parsers could not reach: the tail of a body
// cut for the report, or a malformed one.
var (
	jsonSecret = regexp.MustCompile(`("(?i:[^"]*(?:password|passwd|passphrase|secret|token|private_?key|api_?key|access_?key))"\s*:\s*)"(?:[^"\\]|\\.)*(?:"|$)`)
	xmlSecret  = regexp.MustCompile(`(<(?:[\w.-]+:)?(?i:[\w.-]*(?:password|passwd|passphrase|secret|token|privatekey|apikey|accesskey))(?:\s[^>]*)?>)[^<]*(</|$)`)
)

func redactLoose(s string) string {
	if !mayHoldSecret(s) {
		return s
	}
	s = jsonSecret.ReplaceAllString(s, `$1"`+masked+`"`)
	return xmlSecret.ReplaceAllString(s, `${1}`+masked+`${2}`)
}

// looseWords are what every name the two patterns above match contains,
// in lower case: a body with none of them has nothing they would mask, and
// is not scanned (most bodies; the scan was a third of a run's CPU).
var looseWords = []string{"pass", "secret", "token", "privatekey", "private_key", "apikey", "api_key", "accesskey", "access_key"}

func mayHoldSecret(s string) bool {
	lower := strings.ToLower(s)
	for _, w := range looseWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// curl renders a command that replays the request. Credentials come from
// CIMITEST_USER/CIMITEST_PASSWORD or CIMITEST_TOKEN in the environment.
func (c *Client) curl(method, target string, h http.Header, body []byte, noAuth bool) string {
	var b strings.Builder
	b.WriteString("curl -sS -i")
	if method != http.MethodGet {
		b.WriteString(" -X " + method)
	}
	if c.cfg.Insecure {
		b.WriteString(" -k")
	}
	if c.cfg.CAFile != "" {
		b.WriteString(" --cacert " + shellQuote(c.cfg.CAFile))
	}
	if !noAuth {
		switch {
		case c.cfg.Token != "":
			b.WriteString(` -H "Authorization: Bearer $CIMITEST_TOKEN"`)
		case c.cfg.User != "":
			b.WriteString(` -u "$CIMITEST_USER:$CIMITEST_PASSWORD"`)
		}
	}
	keys := make([]string, 0, len(h))
	for k := range h {
		if !secretHeaders[http.CanonicalHeaderKey(k)] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			b.WriteString(" -H " + shellQuote(k+": "+v))
		}
	}
	big := len(body) > c.cfg.BodyLimit
	switch {
	case big:
		// A body this large stays out of the reports: replay it from a file.
		b.WriteString(" --data-binary @request-body")
	case len(body) > 0:
		b.WriteString(" --data-binary " + shellQuote(redactBody(string(body))))
	}
	b.WriteString(" " + shellQuote(target))
	if big {
		fmt.Fprintf(&b, "  # request-body: the %d-byte body, not kept in the reports", len(body))
	}
	return b.String()
}

// shellQuote wraps s in single quotes for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func sortExchanges(xs []report.Exchange) {
	sort.Slice(xs, func(i, j int) bool { return xs[i].ID < xs[j].ID })
}

// transcriptWriter writes one exchange per line (JSON Lines).
type transcriptWriter struct {
	mu  sync.Mutex
	w   interface{ Write([]byte) (int, error) }
	err error
}

// writeLocked writes one exchange; the caller holds t.mu.
func (t *transcriptWriter) writeLocked(ex *report.Exchange) {
	if t.err != nil {
		return
	}
	line, err := json.Marshal(ex)
	if err == nil {
		_, err = t.w.Write(append(line, '\n'))
	}
	t.err = err
}
