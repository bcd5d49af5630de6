package query

import (
	"testing"

	"github.com/cimitest/cimitest/suites/model"
)

func items() []*model.Node {
	return []*model.Node{
		model.Obj("name", "small", "cpu", 1, "created", "2024-01-01T00:00:00Z", "properties", map[string]string{"tier": "web"}),
		model.Obj("name", "medium", "cpu", 2, "created", "2024-06-01T00:00:00Z"),
		model.Obj("name", "large", "cpu", 4, "created", "2025-01-01T00:00:00+01:00", "properties", map[string]string{"tier": "db"}),
	}
}

func names(e Expr) []string {
	var out []string
	for _, it := range items() {
		if e.Eval(it) {
			out = append(out, it.Str("name"))
		}
	}
	return out
}

func TestFilters(t *testing.T) {
	for _, tc := range []struct {
		filter string
		want   string
	}{
		{`name='small'`, "small"},
		{`name="small"`, "small"},
		{`'small'=name`, "small"},
		{`cpu>=2`, "medium large"},
		{`2<=cpu`, "medium large"},
		{`cpu<2`, "small"},
		{`cpu!=2`, "small large"},
		{`cpu>1 and cpu<4`, "medium"},
		{`cpu=1 or cpu=2 and name='large'`, "small"},
		{`(cpu=1 or cpu=2) and name='small'`, "small"},
		{`created>2024-03-01T00:00:00Z`, "medium large"},
		{`property['tier']='db'`, "large"},
		{`property['tier']!='db'`, "small"},
		{`name<'z'`, ""},
		{`nosuch=1`, ""},
	} {
		e, err := Parse(tc.filter)
		if err != nil {
			t.Errorf("%s: %v", tc.filter, err)
			continue
		}
		got := ""
		for i, n := range names(e) {
			if i > 0 {
				got += " "
			}
			got += n
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.filter, got, tc.want)
		}
	}
	for _, bad := range []string{`cpu>>2`, `(cpu=1`, `cpu=`, `and`, `name='x`} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("%s parsed", bad)
		}
	}
}

func TestOrder(t *testing.T) {
	its := items()
	if ok, _ := Sorted(its, []Key{{Attr: "cpu"}}); !ok {
		t.Error("cpu ascending")
	}
	if ok, _ := Sorted(its, []Key{{Attr: "cpu", Desc: true}}); ok {
		t.Error("cpu descending accepted an ascending list")
	}
	if ok, i := Sorted(its, []Key{{Attr: "name"}}); ok || i != 1 {
		t.Errorf("names are not sorted: %v %d", ok, i)
	}
	// NFKD: the ligature ﬁ sorts as "fi".
	a, b := model.Obj("name", "\ufb01x"), model.Obj("name", "fz")
	if c, _ := Compare(a, b, "name"); c >= 0 {
		t.Error("NFKD comparison")
	}
}
