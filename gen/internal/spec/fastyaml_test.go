package spec

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

// agreeYAML reads data on both paths: when the fast path reads it, the
// yaml.v3 path must read it without a problem into an equal tree. It
// reports whether the fast path read it.
func agreeYAML(t *testing.T, name string, data []byte) bool {
	t.Helper()
	var ds diags
	if !readable(data, &ds) {
		return false // neither path runs
	}
	fast, ok := fastParse(string(data))
	if !ok {
		return false
	}
	slow := parseYAML(data, &ds)
	switch {
	case len(ds.list) > 0:
		t.Errorf("%s: the fast path read it, the yaml.v3 path reports %s:%d:%d %s", name, "input", ds.list[0].Pos.Line, ds.list[0].Pos.Col, ds.list[0].Msg)
	case !reflect.DeepEqual(fast, slow):
		t.Errorf("%s: the trees differ:\n%s", name, firstDiff(fast, slow, ""))
	}
	return true
}

// firstDiff describes where two trees first differ.
func firstDiff(a, b *vnode, path string) string {
	if a == nil || b == nil {
		return fmt.Sprintf("%s: %v vs %v", path, a, b)
	}
	if a.pos != b.pos || a.kind != b.kind || a.tag != b.tag || a.str != b.str || a.escaped != b.escaped || a.bad != b.bad || !reflect.DeepEqual(a.val, b.val) ||
		len(a.fields) != len(b.fields) || len(a.items) != len(b.items) || (a.fields == nil) != (b.fields == nil) || (a.items == nil) != (b.items == nil) {
		return fmt.Sprintf("%s: fast %+v\n  yaml.v3 %+v", path, *a, *b)
	}
	for i := range a.fields {
		fa, fb := a.fields[i], b.fields[i]
		if fa.name != fb.name || fa.keyPos != fb.keyPos || fa.escaped != fb.escaped {
			return fmt.Sprintf("%s: key %d: fast %+v, yaml.v3 %+v", path, i, fa, fb)
		}
		if d := firstDiff(fa.val, fb.val, path+"."+fa.name); d != "" {
			return d
		}
	}
	for i := range a.items {
		if d := firstDiff(a.items[i], b.items[i], fmt.Sprintf("%s[%d]", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// TestFastYAMLAgrees compares the two paths on every registry of the
// repository, on synthetic ones, and on variants of each with one line
// changed, and checks that the fast path reads the shipped registry and
// the synthetic ones (or it saves nothing).
func TestFastYAMLAgrees(t *testing.T) {
	corpus := corpusRegistries(t)
	corpus["synth 60"] = synthetic(t)
	read, variants := 0, 0
	for name, data := range corpus {
		if agreeYAML(t, name, data) {
			read++
		}
		for i, v := range lineVariants(data) {
			agreeYAML(t, fmt.Sprintf("%s, variant %d", name, i), v)
			variants++
		}
	}
	for _, name := range []string{"../../../providers.yaml", "../../../internal/fixture/fixture.yaml", "synth 60"} {
		if _, ok := fastParse(string(corpus[name])); !ok {
			t.Errorf("%s: the fast path does not read it", name)
		}
	}
	t.Logf("%d of %d registries read by the fast path; %d variants", read, len(corpus), variants)
}

// lineVariants returns data with one line changed in each of several ways:
// indented more or less, cut, joined with the next, or with a character
// inserted where it tends to matter.
func lineVariants(data []byte) [][]byte {
	lines := strings.SplitAfter(string(data), "\n")
	var out [][]byte
	edits := []func(string) string{
		func(l string) string { return " " + l },
		func(l string) string { return strings.TrimPrefix(l, " ") },
		func(l string) string { return strings.TrimPrefix(l, "  ") },
		func(l string) string { return l[:len(l)/2] + "\n" },
		func(l string) string { return strings.TrimSuffix(l, "\n") },
		func(l string) string { return strings.Replace(l, ": ", ":", 1) },
		func(l string) string { return strings.Replace(l, ", ", " #", 1) },
		func(l string) string { return strings.Replace(l, "- ", "-  ", 1) },
		func(l string) string { return strings.Replace(l, "[", "[ ", 1) },
		func(l string) string { return strings.Replace(l, "]", ",]", 1) },
		func(l string) string { return strings.Replace(l, "\n", " # c\n", 1) },
		func(l string) string { return strings.Replace(l, ": ", ": &x ", 1) },
		func(l string) string { return strings.Replace(l, ": ", ": *x ", 1) },
		func(l string) string { return strings.Replace(l, "\"", "'", 2) },
		func(l string) string { return strings.Replace(l, "a", "é", 1) },
		func(l string) string { return strings.Replace(l, " ", "", 1) },
		func(l string) string { return l + l },
	}
	for i := range lines {
		edit := edits[i%len(edits)]
		v := strings.Join(lines[:i], "") + edit(lines[i]) + strings.Join(lines[i+1:], "")
		out = append(out, []byte(v))
	}
	return out
}

// FuzzFastYAMLAgrees: on any input the fast path reads, the yaml.v3 path
// reads the same tree without a problem.
//
//	go test ./gen/internal/spec -run='^$' -fuzz=FuzzFastYAMLAgrees -fuzztime=10m
func FuzzFastYAMLAgrees(f *testing.F) {
	for _, data := range corpusRegistries(f) {
		f.Add(data)
	}
	f.Add(synthetic(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		agreeYAML(t, "input", data)
	})
}

// synthetic is a registry of 60 models written by gen/internal/synth: the
// shape of the large registries the fast path is for.
func synthetic(t testing.TB) []byte {
	data, err := os.ReadFile("testdata/synth60.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestFastYAMLLongLine: the fast path reads a 1 MiB flow list on one line,
// with non-ASCII scalars, at the columns yaml.v3 gives (in characters), in
// one pass: counting each column from the line's start took 13 s.
func TestFastYAMLLongLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\nproviders: []\nruntimes: []\nmodels: []\nx: {a: [")
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "é%d, {k%d: 'ü'}, ", i, i)
	}
	b.WriteString("z]}\n")
	data := []byte(b.String())
	p := newFastParser(string(data))
	if _, ok := p.parse(); !ok {
		t.Fatal("the fast path does not read it")
	}
	// Columns are counted on from the last one: each byte of the line is
	// stepped over about once, not once per token (which was quadratic).
	if p.stepped > 2*len(data) {
		t.Errorf("pos stepped over %d bytes for a %d-byte input", p.stepped, len(data))
	}
	agreeYAML(t, "one long line", data)
}
