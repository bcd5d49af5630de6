package model

import "fmt"

// A Provider may answer a collection GET with fewer items than its count;
// a Consumer reads on with $first (§5.5.12, §4.1.6.2). There are no next
// links: the next page starts after the items read so far.

// Paged is a collection read on from its first page.
type Paged struct {
	Items []*Node
	Count int64 // the first page's count; -1 when it has none
	// Complete: every counted item was read. Stalled: a page added nothing
	// though count promised more.
	Complete, Stalled bool
	Pages             int
}

// ReadOn reads the pages after first until count is reached, a page adds
// nothing new, maxPages pages were read, or next fails. next fetches the
// page that starts at the 1-based position from; items are told apart by
// id (one without an id is always new).
func ReadOn(first *Doc, maxPages int, next func(from int) (*Doc, error)) (*Paged, error) {
	p := &Paged{Items: append([]*Node(nil), first.Items()...), Count: -1, Pages: 1}
	if c, ok := first.Root.Int("count"); ok {
		p.Count = c
	}
	seen := map[string]bool{}
	for _, it := range p.Items {
		seen[it.Str("id")] = true
	}
	for p.Count >= 0 && int64(len(p.Items)) < p.Count {
		if p.Pages >= maxPages {
			return p, nil
		}
		d, err := next(len(p.Items) + 1)
		if err != nil {
			return p, err
		}
		p.Pages++
		fresh := 0
		for _, it := range d.Items() {
			if id := it.Str("id"); id == "" || !seen[id] {
				seen[id] = true
				p.Items = append(p.Items, it)
				fresh++
			}
		}
		if fresh == 0 {
			p.Stalled = true
			return p, nil
		}
	}
	p.Complete = true
	return p, nil
}

// Why says why a read collection is not complete ("" when it is).
func (p *Paged) Why(collType string, maxPages int) string {
	switch {
	case p.Complete:
		return ""
	case p.Stalled:
		return fmt.Sprintf("the %s counts %d items but gave no more after %d", collType, p.Count, len(p.Items))
	}
	return fmt.Sprintf("the %s has %d items; the run read the first %d, in %d pages", collType, p.Count, len(p.Items), maxPages)
}
