package resolver

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/molecule-ai/providers/internal/table"
)

// randomPrice returns a price of up to 3 tiers whose rates never fall from
// one tier to the next, and its rates in the order RatesFor reads them.
func randomPrice(r *rand.Rand) Price {
	rate := func(floor int64) int64 {
		switch r.IntN(4) {
		case 0:
			return floor
		case 1:
			return min(1e12, floor+r.Int64N(1000))
		}
		return floor + r.Int64N(1e12-floor+1)
	}
	var base [table.Rates]int64
	for i := range base {
		base[i] = rate(0)
	}
	var tiers []table.PriceTier
	above, prev := 0, base
	for range r.IntN(4) {
		above += 1 + r.IntN(300000)
		t := table.PriceTier{Above: above}
		for i := range t.Rates {
			t.Rates[i] = rate(prev[i])
		}
		tiers, prev = append(tiers, t), t.Rates
	}
	b, err := table.AppendPrice(nil, 0, base, tiers)
	if err != nil {
		panic(err)
	}
	_, body, _ := table.PriceRecord("\n"+string(b), 1)
	return Price{body}
}

func randomUsage(r *rand.Rand) Usage {
	n := func() int64 {
		switch r.IntN(5) {
		case 0:
			return 0
		case 1:
			return r.Int64N(1000)
		case 2:
			return r.Int64N(2_000_000)
		case 3:
			return r.Int64N(1 << 40)
		}
		return r.Int64()
	}
	return Usage{n(), n(), n(), n()}
}

// exactCost is Cost computed with math/big: the oracle.
func exactCost(p Price, u Usage) (Money, error) {
	rates := p.RatesFor(u.Prompt())
	sum := new(big.Int)
	for _, f := range []struct {
		n int64
		r Rate
	}{{u.Input, rates.Input}, {u.Output, rates.Output}, {u.CacheRead, rates.CacheRead}, {u.CacheWrite, rates.CacheWrite}} {
		sum.Add(sum, new(big.Int).Mul(big.NewInt(f.n), big.NewInt(int64(f.r))))
	}
	sum.Add(sum, big.NewInt(500))
	sum.Quo(sum, big.NewInt(1000))
	if !sum.IsInt64() {
		return 0, ErrCostOverflow
	}
	return Money(sum.Int64()), nil
}

// TestCostAgreesWithBig: Cost's 128-bit arithmetic gives what math/big
// gives, overflow included, over random prices and usages of every size.
func TestCostAgreesWithBig(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 1))
	for range 200000 {
		p, u := randomPrice(r), randomUsage(r)
		got, err := p.Cost(u)
		want, wantErr := exactCost(p, u)
		if got != want || !errors.Is(err, wantErr) || (err == nil) != (wantErr == nil) {
			t.Fatalf("Cost(%+v) of %q = %d, %v; math/big says %d, %v", u, p.body, got, err, want, wantErr)
		}
	}
}

var usageFields = []func(*Usage) *int64{
	func(u *Usage) *int64 { return &u.Input },
	func(u *Usage) *int64 { return &u.Output },
	func(u *Usage) *int64 { return &u.CacheRead },
	func(u *Usage) *int64 { return &u.CacheWrite },
}

// TestCostMonotone: more tokens of any kind never cost less, for prices
// whose tiers do not lower a rate (every real price page's).
func TestCostMonotone(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 2))
	for range 200000 {
		p, u := randomPrice(r), randomUsage(r)
		for _, f := range usageFields {
			*f(&u) %= 5_000_000 // small enough not to overflow
		}
		before, err := p.Cost(u)
		if err != nil {
			t.Fatal(err)
		}
		more := u
		*usageFields[r.IntN(len(usageFields))](&more) += 1 + r.Int64N(400000)
		after, err := p.Cost(more)
		if err != nil {
			t.Fatal(err)
		}
		if after < before {
			t.Fatalf("price %q: Cost(%+v) = %d but Cost(%+v) = %d", p.body, u, before, more, after)
		}
	}
}

func TestCostOverflowEdges(t *testing.T) {
	b, _ := table.AppendPrice(nil, 0, [table.Rates]int64{1e12, 1e12, 1e12, 1e12}, nil)
	_, body, _ := table.PriceRecord("\n"+string(b), 1)
	p := Price{body}
	// Each field alone: 9223372036 tokens at 1 USD fit, one more does not.
	for i, f := range usageFields {
		var u Usage
		*f(&u) = 9_223_372_036
		if m, err := p.Cost(u); err != nil || m != 9_223_372_036_000_000_000 {
			t.Errorf("field %d: %d, %v", i, m, err)
		}
		*f(&u)++
		if _, err := p.Cost(u); !errors.Is(err, ErrCostOverflow) {
			t.Errorf("field %d, one more token: %v", i, err)
		}
		*f(&u) = math.MaxInt64
		if _, err := p.Cost(u); !errors.Is(err, ErrCostOverflow) {
			t.Errorf("field %d at MaxInt64: %v", i, err)
		}
	}
}
