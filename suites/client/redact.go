package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"

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

// secretKeys are attribute names whose values are masked in bodies: the
// Credential password (Table 23) and anything that looks like a token.
var (
	jsonSecret = regexp.MustCompile(`("(?i:password|secret|token)"\s*:\s*)"(?:[^"\\]|\\.)*"`)
	xmlSecret  = regexp.MustCompile(`(<(?i:password|secret|token)>)[^<]*(</)`)
)

func redactBody(s string) string {
	s = jsonSecret.ReplaceAllString(s, `$1"`+masked+`"`)
	return xmlSecret.ReplaceAllString(s, `${1}`+masked+`${2}`)
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

func (t *transcriptWriter) write(ex *report.Exchange) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.err != nil {
		return
	}
	line, err := json.Marshal(ex)
	if err == nil {
		_, err = t.w.Write(append(line, '\n'))
	}
	t.err = err
}
