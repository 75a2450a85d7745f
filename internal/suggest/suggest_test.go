package suggest

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b        string
		limit, want int
		fold        int // the distance ignoring ASCII case
	}{
		{"gpt-5.5", "gpt-5.5", 2, 0, 0},
		{"gpt-5.6", "gpt-5.5", 2, 1, 1},
		{"GPT-5.5", "gpt-5.5", 2, 3, 0},
		{"GPT-5.6", "gpt-5.5", 2, 3, 1},
		{"opus", "sonnet", 2, 3, 3},
		{"", "ab", 2, 2, 2},
		{"abc", "", 2, 3, 3},
		{"kimi-for-coding", "kimi-fr-codng", 2, 2, 2},
	} {
		if got := Distance(c.a, c.b, c.limit); got != c.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
		if want := min(c.fold, c.limit+1); DistanceFold(c.a, c.b, c.limit) != want {
			t.Errorf("DistanceFold(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, DistanceFold(c.a, c.b, c.limit), want)
		}
	}
}

func TestClosest(t *testing.T) {
	ids := []string{"anthropic", "anthropic-oauth", "openai"}
	for s, want := range map[string]string{"anthropc": "anthropic", "openia": "openai", "google": "", "anthropic": ""} {
		if got := Closest(s, ids, 2); got != want {
			t.Errorf("Closest(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestDistanceBanded: the banded search agrees with the full table on
// short random strings of a small alphabet (many near misses), and two
// 1 MB spellings compare in linear time: the full table took hours.
func TestDistanceBanded(t *testing.T) {
	full := func(a, b string, limit int, fold bool) int {
		prev := make([]int, len(a)+1)
		for i := range prev {
			prev[i] = i
		}
		for j := 1; j <= len(b); j++ {
			cur := make([]int, len(a)+1)
			cur[0] = j
			for i := 1; i <= len(a); i++ {
				c := prev[i-1]
				if x, y := a[i-1], b[j-1]; x != y && (!fold || lower(x) != lower(y)) {
					c = 1 + min(c, prev[i], cur[i-1])
				}
				cur[i] = c
			}
			prev = cur
		}
		return min(prev[len(a)], limit+1)
	}
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(9))
		for i := range b {
			b[i] = "abAB"[r.IntN(4)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, limit, fold := word(), word(), r.IntN(4), r.IntN(2) == 0
		if got, want := distance(a, b, limit, fold), full(a, b, limit, fold); got != want {
			t.Fatalf("distance(%q, %q, %d, %v) = %d, want %d", a, b, limit, fold, got, want)
		}
	}
	// The full table of two 1 MB strings would not finish (10^12 cells):
	// the test would time out.
	long := strings.Repeat("a", 1<<20)
	if d := Distance(long+"b", long+"c", 2); d != 1 {
		t.Errorf("Distance of two 1 MB spellings one apart = %d", d)
	}
	if d := DistanceFold(long, strings.ToUpper(long), 2); d != 0 {
		t.Errorf("DistanceFold of a 1 MB spelling and its upper case = %d", d)
	}
}

func TestLowerASCII(t *testing.T) {
	for in, want := range map[string]string{"Acme-Large": "acme-large", "acme": "acme", "\u212aimi": "\u212aimi", "ÉCLAIR-X": "Éclair-x", "": ""} {
		if got := LowerASCII(in); got != want {
			t.Errorf("LowerASCII(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(10, func() { _ = LowerASCII("already-lower") }); n != 0 {
		t.Errorf("LowerASCII of a lower-case string allocated %v times", n)
	}
}
