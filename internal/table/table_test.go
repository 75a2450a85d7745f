package table

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func synthKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("vendor%d/model-%05d-preview", i%41, i)
	}
	return keys
}

func TestBuildLookup(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 100, 1000, 33000} {
		keys := synthKeys(n)
		values := make([]int, n)
		for i := range values {
			values[i] = i * 7
		}
		x, slots, err := Build(keys, values)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if x.Len() != n {
			t.Fatalf("n=%d: Len = %d", n, x.Len())
		}
		seen := make(map[int]bool)
		for i, k := range keys {
			s := x.Lookup(k)
			if s != slots[i] || seen[s] {
				t.Fatalf("n=%d: Lookup(%q) = %d, want %d (unique)", n, k, s, slots[i])
			}
			seen[s] = true
			if got := x.Key(s); got != k {
				t.Fatalf("Key(%d) = %q, want %q", s, got, k)
			}
			if got := x.LookupValue(k); got != values[i] {
				t.Fatalf("LookupValue(%q) = %d, want %d", k, got, values[i])
			}
			for _, miss := range []string{k + "x", k[:len(k)-1], strings.ToUpper(k)} {
				if s := x.Lookup(miss); s >= 0 {
					t.Fatalf("Lookup(%q) = %d, want -1", miss, s)
				}
			}
		}
		if x.Lookup("") != -1 {
			t.Fatalf("Lookup(\"\") found")
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	keys := synthKeys(500)
	values := make([]int, len(keys))
	a, _, _ := Build(keys, values)
	b, _, _ := Build(keys, values)
	if a != b {
		t.Fatal("two builds of the same keys differ")
	}
}

func TestDigitsRoundTrip(t *testing.T) {
	for _, v := range []int{0, 1, 63, 64, 4095, 1 << 20, Max} {
		b := AppendNum(nil, v)
		if len(b) != Width || Num(string(b), 0) != v {
			t.Fatalf("round trip of %d gave %q", v, b)
		}
		for _, c := range b {
			if c < 0x20 || c > 0x5f {
				t.Fatalf("digit %q outside the raw-string alphabet", c)
			}
		}
	}
	for _, v := range []int{0, Max + 1, Max5} {
		if b := AppendNum5(nil, v); Num5(string(b), 0) != v {
			t.Fatalf("5-digit round trip of %d gave %q", v, b)
		}
	}
}

func TestHashSpreads(t *testing.T) {
	// Every length from 0 to 40 takes a different path through Hash; each
	// must depend on every byte.
	base := strings.Repeat("abcdefghij", 4)
	for n := 1; n <= len(base); n++ {
		s := base[:n]
		h := Hash(s, 0)
		for i := 0; i < n; i++ {
			b := []byte(s)
			b[i] ^= 1
			if Hash(string(b), 0) == h {
				t.Fatalf("Hash ignores byte %d of a %d-byte key", i, n)
			}
		}
		if Hash(s, 1) == h {
			t.Fatalf("Hash ignores the seed at length %d", n)
		}
	}
}

func BenchmarkBuild100k(b *testing.B) {
	keys := synthKeys(135000)
	values := make([]int, len(keys))
	for b.Loop() {
		if _, _, err := Build(keys, values); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	for _, n := range []int{100, 33000} {
		keys := synthKeys(n)
		x, _, _ := Build(keys, make([]int, n))
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				if x.Lookup(keys[i]) < 0 {
					b.Fatal("miss")
				}
				i = (i + 7919) % n
			}
		})
	}
}

func BenchmarkMapFloor(b *testing.B) {
	for _, n := range []int{100, 33000} {
		keys := synthKeys(n)
		m := make(map[string]int, n)
		for i, k := range keys {
			m[strings.Clone(k)] = i
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, ok := m[keys[i]]; !ok {
					b.Fatal("miss")
				}
				i = (i + 7919) % n
			}
		})
	}
}

func TestSmallIndex(t *testing.T) {
	runtimes := []string{"claude-code", "hermes", "codex", "gemini-cli", "openclaw", "crewai", "autogen", "deepagents", "langgraph", "external", "mock", "federated", "kimi"}
	x, slots, err := Build(runtimes, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	if err != nil {
		t.Fatal(err)
	}
	if x.Buckets != "" {
		t.Fatalf("13 runtime ids got a two-level index")
	}
	if ns := len(x.Slots) / RecordWidth; ns&(ns-1) != 0 || ns < len(runtimes) {
		t.Fatalf("%d slots for %d keys: want a power of two", ns, len(runtimes))
	}
	if x.Len() != len(runtimes) {
		t.Fatalf("Len = %d", x.Len())
	}
	for i, k := range runtimes {
		if s := x.Lookup(k); s != slots[i] || x.Key(s) != k || x.LookupValue(k) != i {
			t.Fatalf("%q: slot %d (want %d), key %q, value %d", k, s, slots[i], x.Key(s), x.LookupValue(k))
		}
	}
	for _, miss := range []string{"", "claude", "claude-codex", "HERMES", "mock ", "x"} {
		if x.Lookup(miss) >= 0 {
			t.Fatalf("Lookup(%q) found", miss)
		}
	}

	// Keys that share their first, middle and last eight bytes and their
	// length defeat smallHash: Build falls back to the two-level index.
	same := []string{"prefix-0-aaXaaaaaaaaaa-x-aaaaaaaaaaaaa-suffix", "prefix-0-aaYaaaaaaaaaa-x-aaaaaaaaaaaaa-suffix"}
	x, _, err = Build(same, []int{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if x.Buckets == "" || x.LookupValue(same[0]) != 1 || x.LookupValue(same[1]) != 2 {
		t.Fatalf("fallback index: buckets %q, values %d %d", x.Buckets, x.LookupValue(same[0]), x.LookupValue(same[1]))
	}
}

func TestPayloads(t *testing.T) {
	for _, n := range []int{3, 500} {
		keys := synthKeys(n)
		l, err := Place(keys)
		if err != nil {
			t.Fatal(err)
		}
		payloads := make([]string, n)
		for i := range keys {
			// Each payload names another key's slot: what Place is for.
			payloads[i] = string(AppendNum(AppendNum1(nil, i%64), l.Slots[(i+1)%n]))
		}
		x, err := l.Encode(keys, payloads)
		if err != nil {
			t.Fatal(err)
		}
		for i, k := range keys {
			p, got := x.Find(k)
			if p < 0 || got != k || x.Keys[p:p+5] != payloads[i] || x.Lookup(k) != l.Slots[i] {
				t.Fatalf("n=%d: Find(%q) = %d, %q", n, k, p, got)
			}
			if x.Key(Num(x.Keys, p+1)) != keys[(i+1)%n] {
				t.Fatalf("n=%d: payload of %q does not lead to %q", n, k, keys[(i+1)%n])
			}
		}
		if _, err := l.Encode(keys, append(payloads[:n-1:n-1], "`")); err == nil {
			t.Fatal("a backquote in a payload was accepted")
		}
	}
	if _, err := Place([]string{"a", ""}); err == nil {
		t.Fatal("an empty key was accepted")
	}
}

// entries lists the provider rows serving runtime rt, read with the
// cursor methods of a Spelling or a Model.
func entries(s string, rt int, first, end int, next func(int) int, serves func(string, int, int) bool, prov func(string, int) int) []int {
	var out []int
	for e := first; e < end; e = next(e) {
		if serves(s, e, rt) {
			out = append(out, prov(s, e))
		}
	}
	return out
}

func TestSpellingRoundTrip(t *testing.T) {
	served := []Served{{Provider: 3, Runtimes: []int{0, 2}}, {Provider: 70, Runtimes: []int{25}}}
	b, err := AppendSpelling([]byte("key"), 1, 12345, 77, served, 2)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if Record(s, 3) != 12345 {
		t.Fatalf("record of %q", s)
	}
	p := ReadSpelling(s, 3, 2)
	if p.Kind != 1 || p.Canonical != 77 || p.End() != len(s) {
		t.Fatalf("ReadSpelling(%q) = %+v", s, p)
	}
	for rt, want := range map[int][]int{0: {3}, 1: nil, 2: {3}, 25: {70}, 24: nil} {
		if got := entries(s, rt, p.First(), p.End(), p.Next, p.Serves, p.Provider); !slices.Equal(got, want) {
			t.Errorf("runtime %d: providers %v, want %v", rt, got, want)
		}
	}
	if b, _ := AppendSpelling(nil, 0, 5, 99, nil, 1); len(b) != 1+5+2 || ReadSpelling(string(b), 0, 1).Canonical != -1 {
		t.Fatalf("a canonical spelling has a canonical slot: %q", b)
	}
	if _, err := AppendSpelling(nil, 0, 0, 0, []Served{{Provider: 0, Runtimes: []int{24}}}, 1); err == nil {
		t.Fatal("runtime row 24 fit in one word")
	}
}

func TestModelRoundTrip(t *testing.T) {
	served := []Served{{Provider: 5, Runtimes: []int{1}}, {Provider: 4000, Runtimes: []int{1, 30}}}
	b, err := AppendModel([]byte("xx"), 9, []int{10, 11, 12}, 2, served, 2)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	m := ReadModel(s, 2, 2)
	if m.Canonical != 9 || m.Others != 3 || m.Next() != len(s) || len(s)-2 != ModelRecordWidth(4, 2, 2) {
		t.Fatalf("ReadModel(%q) = %+v, width %d", s, m, ModelRecordWidth(4, 2, 2))
	}
	for j, want := range []int{10, 11, 12} {
		if got := m.Other(s, j); got != want {
			t.Errorf("Other(%d) = %d, want %d", j, got, want)
		}
	}
	for rt, want := range map[int][]int{1: {5, 4000}, 30: {4000}, 0: nil} {
		if got := entries(s, rt, m.First(), m.Next(), m.Step, m.Serves, m.Provider); !slices.Equal(got, want) {
			t.Errorf("runtime %d: providers %v, want %v", rt, got, want)
		}
	}
}
