package suites

// A worker hands its ledger to the parent, which cleans up once for the
// whole run (parallel.go): one registry of what the run made.

// ledgerState is a ledger as a worker writes it down.
type ledgerState struct {
	Items   []ownedState   `json:"items,omitempty"`
	Unnamed []unnamedState `json:"unnamed,omitempty"`
	Jobs    []string       `json:"jobs,omitempty"`
	Created []string       `json:"created,omitempty"`
}

type ownedState struct {
	URI  string `json:"uri"`
	Type string `json:"type"`
	Name string `json:"name,omitempty"`
	How  string `json:"how,omitempty"`
	Gone bool   `json:"gone,omitempty"`
	// DeleteAnswered: a DELETE of it was accepted.
	DeleteAnswered bool `json:"deleteAnswered,omitempty"`
}

type unnamedState struct {
	Name string `json:"name"`
	Coll string `json:"coll"`
	Type string `json:"type"`
}

// state writes the ledger down.
func (l *ledger) state() ledgerState {
	l.mu.Lock()
	defer l.mu.Unlock()
	var s ledgerState
	for _, o := range l.items {
		s.Items = append(s.Items, ownedState{URI: o.uri, Type: o.typ, Name: o.name, How: o.how, Gone: o.gone, DeleteAnswered: o.deleteAnswered})
	}
	for name, u := range l.unnamed {
		s.Unnamed = append(s.Unnamed, unnamedState{Name: name, Coll: u.coll, Type: u.typ})
	}
	for j := range l.jobs {
		s.Jobs = append(s.Jobs, j)
	}
	for c := range l.created {
		s.Created = append(s.Created, c)
	}
	return s
}

// take adds what a worker's ledger holds.
func (l *ledger) take(s ledgerState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, o := range s.Items {
		if l.byURI[o.URI] != nil {
			continue
		}
		it := &owned{uri: o.URI, typ: o.Type, name: o.Name, how: o.How, gone: o.Gone, deleteAnswered: o.DeleteAnswered}
		l.items = append(l.items, it)
		l.byURI[o.URI] = it
	}
	for _, u := range s.Unnamed {
		l.unnamed[u.Name] = unnamedCreate{coll: u.Coll, typ: u.Type}
	}
	for _, j := range s.Jobs {
		l.jobs[j] = true
	}
	for _, c := range s.Created {
		l.created[c] = true
	}
}

// madeUnnamed reports whether the run posted a create of a typ named name
// that never named what it made.
func (l *ledger) madeUnnamed(name, typ string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	u, ok := l.unnamed[name]
	return ok && u.typ == typ
}

// goneURIs lists the resources the run deleted.
func (l *ledger) goneURIs() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, o := range l.items {
		if o.gone {
			out = append(out, o.uri)
		}
	}
	return out
}

// deleteAnswered notes that a DELETE of uri was accepted.
func (l *ledger) deleteAnswered(uri string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if o := l.byURI[uri]; o != nil {
		o.deleteAnswered = true
	}
}

// wasDeleteAnswered reports whether a DELETE of uri was accepted.
func (l *ledger) wasDeleteAnswered(uri string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	o := l.byURI[uri]
	return o != nil && o.deleteAnswered
}
