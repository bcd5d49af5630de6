package reference

import (
	"encoding/json"
	"fmt"
	"sort"
)

// conform checks a decoded request body against fields: every member must be
// an attribute the type defines, with a value of the right kind (§5.3,
// l.1247-1248: a Provider rejects what it does not know). Integers become
// int64, maps map[string]string; null stays nil (it erases a template
// attribute in a create by reference, §4.2.1.1).
func conform(fields []field, in map[string]any, major int, path string) error {
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "resourceURI" {
			delete(in, k)
			continue
		}
		f := findField(fields, k, major)
		if f == nil {
			return fmt.Errorf("unknown attribute %q%s", k, at(path))
		}
		v, err := conformValue(f, in[k], major, join(path, k))
		if err != nil {
			return err
		}
		in[k] = v
	}
	return nil
}

func findField(fields []field, name string, major int) *field {
	for i := range fields {
		f := &fields[i]
		if f.name == name && (f.only == 0 || f.only == major) {
			return f
		}
	}
	return nil
}

func at(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func conformValue(f *field, v any, major int, path string) (any, error) {
	if v == nil {
		return nil, nil
	}
	bad := func(want string) error {
		return fmt.Errorf("%s must be %s, not %s", path, want, describe(v))
	}
	switch f.kind {
	case kString, kURI, kTime, kBytes:
		if _, ok := v.(string); !ok {
			return nil, bad("a string")
		}
		return v, nil
	case kInt:
		n, ok := v.(json.Number)
		if !ok {
			return nil, bad("an integer")
		}
		i, err := n.Int64()
		if err != nil {
			return nil, bad("an integer")
		}
		return i, nil
	case kBool:
		if _, ok := v.(bool); !ok {
			return nil, bad("a boolean")
		}
		return v, nil
	case kMap:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, bad("a map of strings")
		}
		if f.typed {
			return typedValues(m, path)
		}
		out := make(map[string]string, len(m))
		for k, x := range m {
			s, ok := x.(string)
			if n, num := x.(json.Number); num && f.keyed {
				// Protocol parameters hold integers too (Tables 33-35, 38-40).
				s, ok = n.String(), true
			}
			if !ok {
				return nil, fmt.Errorf("%s.%s must be a string, not %s", path, k, describe(x))
			}
			out[k] = s
		}
		return out, nil
	case kRef, kColl:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, bad(`a reference {"href": …}`)
		}
		if h, present := m["href"]; present {
			if _, ok := h.(string); !ok {
				return nil, fmt.Errorf("%s.href must be a string", path)
			}
		}
		inline := map[string]any{}
		for k, x := range m {
			if k != "href" {
				inline[k] = x
			}
		}
		var fields []field
		if t := types[f.to]; t != nil {
			fields = t.fields
		}
		if f.kind == kColl || fields == nil {
			fields = nil
			for k := range inline {
				if k != "id" && k != "count" && k != "resourceURI" {
					return nil, fmt.Errorf("%s: a reference carries no %q here", path, k)
				}
			}
			return m, nil
		}
		if err := conform(fields, inline, major, path); err != nil {
			return nil, err
		}
		for k, x := range inline {
			m[k] = x
		}
		return m, nil
	case kStruct:
		m, ok := v.(map[string]any)
		if !ok {
			return nil, bad("a structure")
		}
		return m, conform(f.sub, m, major, path)
	case kArray:
		list, ok := v.([]any)
		if !ok {
			return nil, bad("an array")
		}
		for i, it := range list {
			p := fmt.Sprintf("%s[%d]", path, i)
			if f.sub == nil && !f.ref {
				// An array of values (URI[]): strings.
				if _, ok := it.(string); !ok {
					return nil, fmt.Errorf("%s must be a string, not %s", p, describe(it))
				}
				continue
			}
			m, ok := it.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s must be an object, not %s", p, describe(it))
			}
			if f.ref {
				if h, ok := m["href"].(string); ok && h != "" {
					continue
				}
				if t := types[f.to]; t != nil && m["href"] == nil {
					// An item given by value (a create's inline template).
					if err := conform(t.fields, m, major, p); err != nil {
						return nil, err
					}
					continue
				}
				return nil, fmt.Errorf("%s must be a reference with an href", p)
			}
			if err := conform(f.sub, m, major, p); err != nil {
				return nil, err
			}
		}
		return list, nil
	}
	return v, nil
}

func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", x)
	case json.Number:
		return "the number " + x.String()
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// typedValues keeps a typed map's strings, integers and lists of strings.
func typedValues(m map[string]any, path string) (typedParams, error) {
	out := typedParams{}
	for k, x := range m {
		switch v := x.(type) {
		case string:
			out[k] = v
		case json.Number:
			i, err := v.Int64()
			if err != nil {
				return nil, fmt.Errorf("%s.%s must be an integer, not %s", path, k, describe(x))
			}
			out[k] = i
		case []any:
			list := make([]string, 0, len(v))
			for _, it := range v {
				s, ok := it.(string)
				if !ok {
					return nil, fmt.Errorf("%s.%s must hold strings, not %s", path, k, describe(it))
				}
				list = append(list, s)
			}
			out[k] = list
		default:
			return nil, fmt.Errorf("%s.%s must be a string, an integer or a list of strings, not %s", path, k, describe(x))
		}
	}
	return out, nil
}
