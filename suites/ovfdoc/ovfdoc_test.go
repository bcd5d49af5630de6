package ovfdoc

import (
	"errors"
	"testing"

	"github.com/cimitest/cimitest/fixtures/ovf"
)

func TestTheFixtureReads(t *testing.T) {
	e, err := Parse(ovf.ThreeTier("p"))
	if err != nil {
		t.Fatal(err)
	}
	if e.Top.Name != "p-ovf-app" || len(e.Top.Systems) != 2 || len(e.Top.Nested) != 1 || len(e.Top.AllSystems()) != 3 {
		t.Fatalf("read %+v", e.Top)
	}
	db := e.Top.Systems[1]
	if db.CPU != 4 || db.MemoryBytes != 4<<30 || len(db.Disks) != 2 || len(db.Connections) != 2 {
		t.Fatalf("db read as %+v", db)
	}
	if len(e.Disks) != 2 || e.Disks[0].Bytes != 1<<30 || e.Disks[1].Bytes != 2<<30 || len(e.Networks) != 2 {
		t.Fatalf("sections read as %+v %+v", e.Disks, e.Networks)
	}
}

func TestWhatIsNotOVF(t *testing.T) {
	for _, b := range []string{"", "{}", "<Other/>"} {
		if _, err := Parse([]byte(b)); !errors.Is(err, ErrNotOVF) {
			t.Errorf("%q: %v", b, err)
		}
	}
	if _, err := Parse([]byte("<Envelope/>")); err == nil || errors.Is(err, ErrNotOVF) {
		t.Errorf("an empty Envelope: %v", err)
	}
	for _, u := range []string{"byte * 2^70", "furlongs"} {
		if _, err := Bytes("1", u, 1); err == nil {
			t.Errorf("units %q taken", u)
		}
	}
	if _, err := Bytes("9223372036854775807", "KB", 1); err == nil {
		t.Error("an overflow taken")
	}
}
