package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// page builds a MachineCollection page with count and the given item ids.
func page(t *testing.T, count int, ids ...string) *Doc {
	t.Helper()
	var items []string
	for _, id := range ids {
		items = append(items, fmt.Sprintf(`{"resourceURI": "http://schemas.dmtf.org/cimi/2/Machine", "id": %q}`, id))
	}
	body := fmt.Sprintf(`{"resourceURI": "http://schemas.dmtf.org/cimi/2/MachineCollection", "id": "http://x/machines", "count": %d`, count)
	if len(items) > 0 {
		body += `, "machines": [` + strings.Join(items, ",") + `]`
	}
	d, err := DecodeJSON([]byte(body+"}"), V2)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pager serves a collection of n items in pages of size.
func pager(t *testing.T, n, size int, asked *[]int) func(from int) (*Doc, error) {
	return func(from int) (*Doc, error) {
		*asked = append(*asked, from)
		var ids []string
		for i := from; i <= n && i < from+size; i++ {
			ids = append(ids, fmt.Sprintf("m%d", i))
		}
		return page(t, n, ids...), nil
	}
}

func TestReadOnReadsEveryPage(t *testing.T) {
	var asked []int
	p, err := ReadOn(page(t, 7, "m1", "m2"), 100, pager(t, 7, 2, &asked))
	if err != nil || !p.Complete || p.Stalled || len(p.Items) != 7 || p.Pages != 4 {
		t.Fatalf("got %d items in %d pages, complete %v, stalled %v, err %v", len(p.Items), p.Pages, p.Complete, p.Stalled, err)
	}
	if fmt.Sprint(asked) != "[3 5 7]" {
		t.Errorf("asked from %v, want [3 5 7]", asked)
	}
	if p.Items[6].Str("id") != "m7" || p.Why("MachineCollection", 100) != "" {
		t.Errorf("last item %s, why %q", p.Items[6].Str("id"), p.Why("MachineCollection", 100))
	}
}

func TestReadOnStopsWhereItCannotGoOn(t *testing.T) {
	var asked []int
	// A Provider that ignores $first gives the same page again.
	p, _ := ReadOn(page(t, 5, "m1", "m2"), 100, func(int) (*Doc, error) { return page(t, 5, "m1", "m2"), nil })
	if p.Complete || !p.Stalled || !strings.Contains(p.Why("MachineCollection", 100), "gave no more after 2") {
		t.Errorf("a page of nothing new: complete %v, stalled %v, %q", p.Complete, p.Stalled, p.Why("MachineCollection", 100))
	}
	// Bounded: a huge collection is read to maxPages and no further.
	p, _ = ReadOn(page(t, 1000, "m1"), 3, pager(t, 1000, 1, &asked))
	if p.Complete || p.Stalled || p.Pages != 3 || len(asked) != 2 || !strings.Contains(p.Why("MachineCollection", 3), "first 3") {
		t.Errorf("bounded read: %d pages, asked %v, %q", p.Pages, asked, p.Why("MachineCollection", 3))
	}
	// A page that cannot be read ends the listing with its error.
	p, err := ReadOn(page(t, 4, "m1"), 100, func(int) (*Doc, error) { return nil, errors.New("503") })
	if p.Complete || err == nil || len(p.Items) != 1 {
		t.Errorf("failing page: complete %v, err %v", p.Complete, err)
	}
	// Without a count there is nothing to read on for.
	d, _ := DecodeJSON([]byte(`{"resourceURI": "http://schemas.dmtf.org/cimi/2/MachineCollection", "id": "http://x/machines"}`), V2)
	p, _ = ReadOn(d, 100, func(int) (*Doc, error) { t.Fatal("read on without a count"); return nil, nil })
	if !p.Complete || p.Count != -1 {
		t.Errorf("no count: complete %v, count %d", p.Complete, p.Count)
	}
}
