package spec

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
	"gopkg.in/yaml.v3"
)

// genericValid is the verdict of the generic path: jsonschema over the
// generic copy of the document.
func genericValid(root *vnode) bool {
	sch, _ := compiledSchema()
	return sch.Validate(toJSON(root)) == nil
}

// agree parses data and compares the fast check's verdict with the generic
// path's. The fast check must never call valid what the generic path
// refuses (it would hide problems); and it must call valid what the
// generic path accepts, or it saves nothing.
func agree(t *testing.T, name string, data []byte) {
	t.Helper()
	var ds diags
	root := parse(data, &ds)
	if root == nil {
		return
	}
	fast, known := fastValid(root)
	if !known {
		t.Fatalf("the fast check does not know the embedded schema's keywords")
	}
	if generic := genericValid(root); fast != generic {
		t.Errorf("%s: fast check says valid=%v, jsonschema says valid=%v", name, fast, generic)
	}
}

func corpusRegistries(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, p := range []string{"../../../providers.yaml", "../../../internal/fixture/fixture.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[p] = data
	}
	files, _ := filepath.Glob("../../testdata/script/*/*.txtar")
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if filepath.Ext(f.Name) == ".yaml" {
				out[file+":"+f.Name] = f.Data
			}
		}
	}
	return out
}

// TestFastSchemaAgrees compares the verdicts on every registry of the
// repository (the shipped one, the fixture, every script's), and on every
// variant of the shipped registry with one scalar replaced by a value of
// another shape.
func TestFastSchemaAgrees(t *testing.T) {
	corpus := corpusRegistries(t)
	if len(corpus) < 100 {
		t.Fatalf("only %d registries", len(corpus))
	}
	for name, data := range corpus {
		agree(t, name, data)
	}
	// Variants of the shipped registry, made on its tree: each scalar in
	// turn replaced by a value of another shape, each mapping in turn
	// without one of its fields or with an unknown one, each list emptied.
	var ds diags
	root := parse(corpus["../../../providers.yaml"], &ds)
	var scalars, maps, lists []*vnode
	var walk func(v *vnode)
	walk = func(v *vnode) {
		switch v.kind {
		case yaml.ScalarNode:
			scalars = append(scalars, v)
		case yaml.MappingNode:
			maps = append(maps, v)
			for _, f := range v.fields {
				walk(f.val)
			}
		case yaml.SequenceNode:
			lists = append(lists, v)
			for _, x := range v.items {
				walk(x)
			}
		}
	}
	walk(root)
	replacements := []vnode{
		{tag: tagStr, str: ""}, {tag: tagStr, str: "X Y"}, {tag: tagInt, val: json.Number("7")}, {tag: tagFloat, val: json.Number("1.5")},
		{tag: tagInt, val: json.Number("-1")}, {tag: tagBool, val: true}, {tag: tagNull}, {tag: tagStr, str: "a:b~c"},
		{tag: tagStr, str: "é"}, {tag: tagStr, str: "ANTHROPIC_API_KEY"}, {tag: tagStr, str: strings.Repeat("a", 200)},
		{tag: tagFloat, val: json.Number("1e+06")}, {tag: tagInt, val: json.Number("0")}, {tag: tagInt, val: json.Number("1000001")},
		{tag: tagStr, str: "2026-02-30"}, {tag: tagStr, str: "0.1234567"},
	}
	check := func(what string) {
		t.Helper()
		if fast, _ := fastValid(root); fast != genericValid(root) {
			t.Errorf("%s: fast check says valid=%v, jsonschema does not", what, fast)
		}
	}
	n := 0
	for i, v := range scalars {
		old := *v
		for j := range 2 {
			r := replacements[(2*i+j)%len(replacements)]
			v.tag, v.str, v.val, v.bad = r.tag, r.str, r.val, false
			check(fmt.Sprintf("scalar at %v = %q %v", old.pos, r.str, r.val))
			n++
		}
		*v = old
	}
	for i, m := range maps {
		old := m.fields
		k := i % len(old)
		m.fields = slices.Delete(slices.Clone(old), k, k+1)
		check(fmt.Sprintf("mapping at %v without %s", m.pos, old[k].name))
		m.fields = append(slices.Clone(old), field{name: "extra", val: &vnode{kind: yaml.ScalarNode, tag: tagStr, str: "x"}})
		check(fmt.Sprintf("mapping at %v with an unknown field", m.pos))
		m.fields = old
		n += 2
	}
	for _, l := range lists {
		old := l.items
		l.items = nil
		check(fmt.Sprintf("list at %v emptied", l.pos))
		l.items = append(slices.Clone(old), old...)
		check(fmt.Sprintf("list at %v doubled", l.pos))
		l.items = old
		n += 2
	}
	t.Logf("%d registries, %d variants", len(corpus), n)
}

// FuzzFastSchemaAgrees: on any input, the fast check and jsonschema agree.
//
//	go test ./gen/internal/spec -run='^$' -fuzz=FuzzFastSchemaAgrees -fuzztime=10m
func FuzzFastSchemaAgrees(f *testing.F) {
	for _, data := range corpusRegistries(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, "input", data)
	})
}

// TestASCIIPatterns: the schema's patterns of ids, spellings, env names,
// Go names and names are matched without the regexp engine, and agree
// with it on every string tried.
func TestASCIIPatterns(t *testing.T) {
	_, raw := compiledSchema()
	var patterns []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if p, ok := v["pattern"].(string); ok {
				patterns = append(patterns, p)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(raw)
	var inputs []string
	for c := range 128 {
		inputs = append(inputs, string(rune(c)), "a"+string(rune(c)), "A"+string(rune(c))+"b", string(rune(c))+"0")
	}
	inputs = append(inputs, "", "anthropic", "claude-code", "anthropic/claude-opus-4-7", "anthropic:claude", "ANTHROPIC_API_KEY",
		"_X", "Go1", "go", "Molecule AI", "é", "aé", "a\u200bb", "a\u2028", "2026-02-30", "2026-2-30", "a-", "-a")
	fast := 0
	for _, p := range patterns {
		ap := compileASCII(p)
		if ap == nil {
			continue
		}
		fast++
		re := regexp.MustCompile(p)
		for _, in := range inputs {
			if m, known := ap.match(in); known && m != re.MatchString(in) || !known && isASCII(in) {
				t.Errorf("pattern %s on %q: fast %v (known %v), regexp %v", p, in, m, known, re.MatchString(in))
			}
		}
	}
	if fast < 5 {
		t.Errorf("only %d of the schema's %d patterns are matched without the regexp engine", fast, len(patterns))
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
