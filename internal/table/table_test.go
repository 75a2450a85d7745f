package table

import (
	"fmt"
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
			if got := x.Value(s); got != values[i] {
				t.Fatalf("Value(%d) = %d, want %d", s, got, values[i])
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
