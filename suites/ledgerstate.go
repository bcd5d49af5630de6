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
		s.Items = append(s.Items, ownedState{URI: o.uri, Type: o.typ, Name: o.name, How: o.how, Gone: o.gone})
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
		it := &owned{uri: o.URI, typ: o.Type, name: o.Name, how: o.How, gone: o.Gone}
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
