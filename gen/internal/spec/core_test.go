package spec

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// TestCoreSchema: a plain scalar resolves, and a tagged one decodes, by the
// YAML 1.2 core schema exactly; YAML 1.1 forms are strings untagged and
// refused tagged.
func TestCoreSchema(t *testing.T) {
	for _, c := range []struct {
		plain string
		tag   string // what it resolves to untagged
	}{
		{"", "!!null"}, {"~", "!!null"}, {"null", "!!null"}, {"NULL", "!!null"}, {"nULL", "!!str"},
		{"true", "!!bool"}, {"False", "!!bool"}, {"yes", "!!str"}, {"on", "!!str"}, {"Off", "!!str"}, {"y", "!!str"},
		{"1", "!!int"}, {"-17", "!!int"}, {"+3", "!!int"}, {"017", "!!int"}, {"0o17", "!!int"}, {"0x1f", "!!int"},
		{"0b101", "!!str"}, {"1_000", "!!str"}, {"+0x1f", "!!str"}, {"-0o7", "!!str"}, {"0X1F", "!!str"},
		{"1.5", "!!float"}, {".5", "!!float"}, {"1.", "!!float"}, {"-2e3", "!!float"}, {".inf", "!!float"}, {"-.Inf", "!!float"}, {".NaN", "!!float"},
		{"1e", "!!str"}, {"2026-01-01", "!!str"}, {"1:20", "!!str"}, {"gpt-5.5", "!!str"},
	} {
		if got := coreTag(c.plain); got != c.tag {
			t.Errorf("coreTag(%q) = %s, want %s", c.plain, got, c.tag)
		}
	}
	for _, c := range []struct {
		tag, s string
		want   any // the decoded value, or an error containing this string
	}{
		{"!!bool", "true", true}, {"!!bool", "FALSE", false}, {"!!bool", "yes", "not a boolean"}, {"!!bool", "on", "not a boolean"}, {"!!bool", "1", "not a boolean"},
		{"!!int", "017", json.Number("17")}, {"!!int", "0o17", json.Number("15")}, {"!!int", "0x1f", json.Number("31")}, {"!!int", "+5", json.Number("5")},
		{"!!int", "99999999999999999999999", json.Number("99999999999999999999999")}, {"!!int", "1_000", "not an integer"}, {"!!int", "0b1", "not an integer"}, {"!!int", "1.0", "not an integer"},
		{"!!float", "1", json.Number("1")}, {"!!float", "1.50", json.Number("1.50")}, {"!!float", "-2e3", json.Number("-2e3")}, {"!!float", "+0.5", json.Number("0.5")},
		{"!!float", ".inf", "not a finite number"}, {"!!float", ".nan", "not a finite number"}, {"!!float", "1e999", "beyond the range"}, {"!!float", "1,5", "not a number"},
		{"!!null", "~", nil}, {"!!null", "", nil}, {"!!null", "none", "not null"},
		// Numbers are bounded before any exact arithmetic, which is
		// quadratic in their length; an underflow is out of range too.
		{"!!int", strings.Repeat("9", 64), json.Number(strings.Repeat("9", 64))}, {"!!int", "-" + strings.Repeat("9", 65), "number too long: 65 digits"},
		{"!!int", "0x" + strings.Repeat("f", 65), "number too long: 65 digits"}, {"!!int", "0o" + strings.Repeat("7", 65), "number too long: 65 digits"},
		{"!!float", "1." + strings.Repeat("0", 64), "number too long: 65 digits"}, {"!!float", "1." + strings.Repeat("0", 62), json.Number("1." + strings.Repeat("0", 62))},
		{"!!float", "1e-" + strings.Repeat("0", 64), "number too long: 65 digits"}, {"!!float", strings.Repeat("1", 65), "number too long: 65 digits"},
		{"!!float", "1e-400", "beyond the range"}, {"!!float", "0.00e-400", json.Number("0.00e-400")}, {"!!float", "-5e-324", json.Number("-5e-324")},
		{"!!binary", "aGk=", "not supported"}, {"!!timestamp", "2026-01-01", "not supported"},
	} {
		got, err := coreValue(c.tag, c.s)
		if want, isErr := c.want.(string); isErr {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("coreValue(%s %q) = %v, %v; want an error saying %q", c.tag, c.s, got, err, want)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("coreValue(%s %q) = %#v, %v; want %#v", c.tag, c.s, got, err, c.want)
		}
	}
}

// TestTaggedScalarsDecoded: tagged values that YAML 1.2 accepts mean what
// they say in the registry; the non-specific tag ! makes a string.
func TestTaggedScalarsDecoded(t *testing.T) {
	src := strings.NewReplacer(
		"version: 1", "version: !!int 0x1",
		"    platform: true", "    platform: !!bool TRUE",
		"  - id: claude-code\n", "  - id: claude-code\n  - id: &n ! 7\n    governed: !!bool False\n",
		"  - id: opus", "  - id: !!str 123",
	).Replace(validRegistry)
	reg, err := Compile("p", []byte(src), true)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	if p := reg.Provider("platform"); !p.Platform {
		t.Error("platform: !!bool TRUE is not a platform provider")
	}
	if rt := reg.Runtime("7"); rt == nil || rt.Governed {
		t.Errorf("runtime ! 7 with governed: !!bool False: %+v", rt)
	}
	if m, _ := reg.Lookup("123"); m == nil {
		t.Error("model !!str 123 is not registered")
	}
}

// TestRuneIndex: positions map back to byte offsets on lines of any
// length and content, a byte order mark taking no column.
func TestRuneIndex(t *testing.T) {
	data := []byte("\ufeffé: x\n" + strings.Repeat("ä", 1000) + "!z\n\nlast")
	x := newRuneIndex(data)
	for _, c := range []struct {
		p    Pos
		want string // the text from there
	}{
		{Pos{1, 1}, "é: x\n"}, {Pos{1, 4}, "x\n"}, {Pos{2, 1001}, "!z\n"}, {Pos{3, 1}, "\nlast"}, {Pos{4, 2}, "ast"}, {Pos{5, 1}, ""}, {Pos{4, 9}, ""},
	} {
		if got := string(data[x.offset(c.p):]); !strings.HasPrefix(got, c.want) || c.want == "" && got != "" {
			t.Errorf("offset(%v): %q, want %q", c.p, got, c.want)
		}
	}
}

// TestPatternRules: each rule's character classes say what its schema
// pattern matches, which messages and suggestions rely on.
func TestPatternRules(t *testing.T) {
	samples := []string{"a", "A", "0", "-a", "a-b", "a_b", "A_B", "a.b/c@d+e:f~g", "Ab9", "a b", "é", "a\u202e", "x\ty", "_X", "Z9", ":a", "~a", "a;"}
	for pattern, rule := range patternRules {
		re := regexp.MustCompile(pattern)
		for _, s := range samples {
			if got, want := rule.matches(s), re.MatchString(s); got != want {
				t.Errorf("%s: matches(%q) = %v, the pattern says %v", pattern, s, got, want)
			}
		}
	}
}
