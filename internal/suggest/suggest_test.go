package suggest

import "testing"

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
