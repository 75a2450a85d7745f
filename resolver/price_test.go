package resolver_test

import (
	"errors"
	"math"
	"testing"

	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/resolver"
)

// TestCostByHand checks Cost against values computed by hand from the
// fixture's prices, in USD per million tokens, to the nano-dollar.
func TestCostByHand(t *testing.T) {
	r := fixture.Registry
	// m-platform on platform: input 3, output 15, cache_read 0.3,
	// cache_write 3.75; above 200000: input 6, output 22.5; above 500000:
	// cache_read 0.6 (the rates it leaves out are the base rates).
	tiered, ok := r.Price("platform", "mp")
	if !ok {
		t.Fatal("no price for platform and mp")
	}
	// m-duo on alpha: input 0.000001, output 1000000, cache_read 0,
	// cache_write 999999.999999: the smallest and largest rates.
	edges, _ := r.Price("alpha", "m-duo")
	// m-wide on gamma: input 0.1, output 0.2.
	tenths, _ := r.Price("gamma", "m-wide")
	free, ok := r.Price("gamma", "duo")
	if !ok {
		t.Fatal("price: {} is a price (free), not a missing one")
	}
	for _, c := range []struct {
		name  string
		p     resolver.Price
		u     resolver.Usage
		want  resolver.Money
		error error
	}{
		{"one million input tokens", tiered, resolver.Usage{Input: 1_000_000}, 3_000_000_000, nil},
		// (1000×3 + 500×15 + 2000×0.3 + 100×3.75) / 1e6 = 0.011475 USD.
		{"every field", tiered, resolver.Usage{Input: 1000, Output: 500, CacheRead: 2000, CacheWrite: 100}, 11_475_000, nil},
		// A prompt of exactly 200000 tokens is not above 200000: base rates.
		{"prompt at the tier", tiered, resolver.Usage{Input: 200_000, Output: 1000}, 615_000_000, nil},
		// (200001×6 + 1000×22.5) / 1e6 = 1.222506 USD.
		{"prompt one above the tier", tiered, resolver.Usage{Input: 200_001, Output: 1000}, 1_222_506_000, nil},
		// Cached tokens count towards the prompt: 100000×6 + 100001×0.3.
		{"cache reads reach the tier", tiered, resolver.Usage{Input: 100_000, CacheRead: 100_001}, 630_000_300, nil},
		// A prompt of 501001 is above 500000: cache_read 0.6, and input
		// back at the base 3: (500001×3 + 10×15 + 1000×0.6) / 1e6 =
		// 1.500753 USD.
		{"second tier", tiered, resolver.Usage{Input: 500_001, Output: 10, CacheRead: 1000}, 1_500_753_000, nil},
		{"nothing", tiered, resolver.Usage{}, 0, nil},
		// One token at 1e-6 USD per million is 1e-12 USD: rounded once, half up.
		{"a pico-dollar rounds to 0", edges, resolver.Usage{Input: 1}, 0, nil},
		{"499 pico-dollars round down", edges, resolver.Usage{Input: 499}, 0, nil},
		{"500 pico-dollars round up", edges, resolver.Usage{Input: 500}, 1, nil},
		{"1500 pico-dollars round up", edges, resolver.Usage{Input: 1500}, 2, nil},
		{"rounded once, not per field", edges, resolver.Usage{Input: 400, CacheRead: 1e9}, 0, nil},
		// A billion tokens at the highest rate, 1,000,000 USD per million
		// (1 USD a token): 1e9 USD.
		{"a billion tokens at the highest rate", edges, resolver.Usage{Output: 1_000_000_000}, 1_000_000_000_000_000_000, nil},
		{"a billion tokens at 999999.999999", edges, resolver.Usage{CacheWrite: 1_000_000_000}, 999_999_999_999_000_000, nil},
		// The most Money holds is 9223372036.854775807 USD: 9223372036
		// tokens at 1 USD each.
		{"the largest cost that fits", edges, resolver.Usage{Output: 9_223_372_036}, 9_223_372_036_000_000_000, nil},
		{"one token more overflows", edges, resolver.Usage{Output: 9_223_372_037}, 0, resolver.ErrCostOverflow},
		{"every field at the limit", edges, resolver.Usage{Input: math.MaxInt64, Output: math.MaxInt64, CacheRead: math.MaxInt64, CacheWrite: math.MaxInt64}, 0, resolver.ErrCostOverflow},
		{"negative input", edges, resolver.Usage{Input: -1}, 0, resolver.ErrNegativeUsage},
		{"negative cache write", tiered, resolver.Usage{Output: 5, CacheWrite: math.MinInt64}, 0, resolver.ErrNegativeUsage},
		// 0.1 + 0.2 is 0.3, exactly.
		{"0.1 + 0.2", tenths, resolver.Usage{Input: 1, Output: 1}, 300, nil},
		{"0.1 + 0.2, a million each", tenths, resolver.Usage{Input: 1_000_000, Output: 1_000_000}, 300_000_000, nil},
		{"free", free, resolver.Usage{Input: 1 << 40, Output: 1 << 40}, 0, nil},
		{"the zero Price is free", resolver.Price{}, resolver.Usage{Input: 5}, 0, nil},
	} {
		got, err := c.p.Cost(c.u)
		if got != c.want || !errors.Is(err, c.error) || (err == nil) != (c.error == nil) {
			t.Errorf("%s: Cost(%+v) = %d, %v; want %d, %v", c.name, c.u, got, err, c.want, c.error)
		}
	}
}

func TestPrice(t *testing.T) {
	r := fixture.Registry
	p, ok := r.Price("platform", " m-platform ")
	if !ok {
		t.Fatal("no price")
	}
	base := resolver.Rates{Input: 3_000_000, Output: 15_000_000, CacheRead: 300_000, CacheWrite: 3_750_000}
	if p.Base() != base || p.NumTiers() != 2 {
		t.Fatalf("Base() = %+v, NumTiers() = %d", p.Base(), p.NumTiers())
	}
	tier1 := resolver.Tier{Above: 200000, Rates: resolver.Rates{Input: 6_000_000, Output: 22_500_000, CacheRead: 300_000, CacheWrite: 3_750_000}}
	tier2 := resolver.Tier{Above: 500000, Rates: resolver.Rates{Input: 3_000_000, Output: 15_000_000, CacheRead: 600_000, CacheWrite: 3_750_000}}
	if p.Tier(0) != tier1 || p.Tier(1) != tier2 {
		t.Fatalf("tiers %+v, %+v", p.Tier(0), p.Tier(1))
	}
	for prompt, want := range map[int64]resolver.Rates{0: base, 200000: base, 200001: tier1.Rates, 500000: tier1.Rates, 500001: tier2.Rates, math.MaxInt64: tier2.Rates} {
		if got := p.RatesFor(prompt); got != want {
			t.Errorf("RatesFor(%d) = %+v, want %+v", prompt, got, want)
		}
	}
	for _, c := range []struct {
		provider resolver.ProviderID
		model    string
	}{
		{"beta", "m-duo"},       // serves it, without a price
		{"alpha", "m-platform"}, // does not serve it
		{"nope", "m-duo"},       // no such provider
		{"alpha", "nope"},       // no such model
		{"alpha", ""},
	} {
		if p, ok := r.Price(c.provider, c.model); ok || p != (resolver.Price{}) {
			t.Errorf("Price(%q, %q) = %+v, %v; want none", c.provider, c.model, p, ok)
		}
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Tier(2) of a price with 2 tiers did not panic")
			}
		}()
		p.Tier(2)
	}()
}

func TestMoneyAndRateStrings(t *testing.T) {
	for m, s := range map[resolver.Money]string{
		0: "$0", 1: "$0.000000001", 300: "$0.0000003", 1_500_000_000: "$1.5", 3_000_000_000: "$3",
		math.MaxInt64: "$9223372036.854775807", -500_000_000: "-$0.5",
		-1: "-$0.000000001", math.MinInt64: "-$9223372036.854775808",
	} {
		if m.String() != s {
			t.Errorf("Money(%d).String() = %q, want %q", m, m.String(), s)
		}
	}
	for r, s := range map[resolver.Rate]string{0: "0", 1: "0.000001", 75_000: "0.075", 2_500_000: "2.5", 15_000_000: "15", 1_000_000_000_000: "1000000", -1: "-0.000001", -2_500_000: "-2.5", math.MinInt64: "-9223372036854.775808"} {
		if r.String() != s {
			t.Errorf("Rate(%d).String() = %q, want %q", r, r.String(), s)
		}
	}
	for u, want := range map[resolver.Usage]int64{
		{Input: 1, Output: 1000, CacheRead: 2, CacheWrite: 3}:                       6,
		{Input: math.MaxInt64, CacheRead: 1}:                                        math.MaxInt64,
		{Input: math.MaxInt64, CacheRead: math.MaxInt64, CacheWrite: math.MaxInt64}: math.MaxInt64,
	} {
		if got := u.Prompt(); got != want {
			t.Errorf("%+v.Prompt() = %d, want %d", u, got, want)
		}
	}
}
