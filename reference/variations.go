package reference

import (
	"fmt"
	"sort"
)

// Variations are the mirror of the fault switches: each makes the server
// behave in a way the standard allows and a careless client does not
// expect. A suite that judges by the standard stays as green with any of
// them on as without. Each is declared once, like a fault.

// Variation describes one switch.
type Variation struct {
	Name        string
	Description string
}

var (
	variationList  []Variation
	variationIndex = map[string]Variation{}
)

func variation(name, description string) string {
	v := Variation{Name: name, Description: description}
	variationList = append(variationList, v)
	variationIndex[name] = v
	return name
}

var (
	// VariationDeleteWhenStopped: the operations of a resource may depend
	// on its state (§4.2, l.866-868).
	VariationDeleteWhenStopped = variation("delete-only-when-stopped",
		"offers delete on a Machine only while it is STOPPED (or in ERROR)")
	// VariationRestoreFromImage: a Provider may restore Machines from any
	// image (Table 7, RestoreFromImage).
	VariationRestoreFromImage = variation("restore-from-image",
		"advertises RestoreFromImage and restores a Machine from an IMAGE as well as from a SNAPSHOT")
)

// Variations lists every variation, sorted by name.
func Variations() []Variation {
	out := append([]Variation(nil), variationList...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func checkVariations(names []string) (map[string]bool, error) {
	on := map[string]bool{}
	for _, n := range names {
		if _, ok := variationIndex[n]; !ok {
			return nil, fmt.Errorf("unknown variation %q (see --list-variations)", n)
		}
		on[n] = true
	}
	return on, nil
}
