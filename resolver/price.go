package resolver

import (
	"errors"
	"math"
	"math/bits"
	"strconv"

	"github.com/molecule-ai/providers/internal/table"
)

// Rate is an exact price per token, in units of 1e-6 USD per million
// tokens (which is 1e-12 USD, a pico-dollar, per token): providers.yaml's
// rates are decimals of USD per million tokens with at most 6 digits after
// the point, so every rate is a whole number of these units.
type Rate int64

// RateUnit is one USD per million tokens.
const RateUnit Rate = 1_000_000

// String returns the rate in USD per million tokens, as exact decimal
// digits with no trailing zeros: "2.5", "0.075", "15".
func (r Rate) String() string {
	return decimal(int64(r), 6)
}

// Rates are the four rates of a price. A rate providers.yaml leaves out of
// a base price is zero; one it leaves out of a tier is the base rate.
type Rates struct{ Input, Output, CacheRead, CacheWrite Rate }

// Tier is the rates that price a whole request whose prompt has more than
// Above tokens.
type Tier struct {
	Above int64
	Rates Rates
}

// Price is the price of a served_by entry: base rates and tiers. It is a
// view of the registry's own tables, so it is cheap to copy and holds
// nothing the caller could change. The zero Price is free: every rate is
// zero.
type Price struct {
	body string // a price record's tiers and rates (internal/table/format.go)
}

// Base returns the rates of a request with a prompt in no tier.
func (p Price) Base() Rates { return p.rates(0) }

// NumTiers returns the number of tiers, 0 for a flat price.
func (p Price) NumTiers() int {
	if p.body == "" {
		return 0
	}
	return table.PriceTiers(p.body)
}

// Tier returns tier i, 0 <= i < NumTiers(), in increasing order of Above.
func (p Price) Tier(i int) Tier {
	if i < 0 || i >= p.NumTiers() {
		panic("resolver: Price.Tier(" + strconv.Itoa(i) + ") of a price with " + strconv.Itoa(p.NumTiers()) + " tiers")
	}
	return Tier{Above: int64(table.PriceAbove(p.body, i+1)), Rates: p.rates(i + 1)}
}

// RatesFor returns the rates that price a request whose prompt (input +
// cache read + cache write tokens) is prompt tokens: those of the tier
// with the largest Above below prompt, else the base rates. A prompt of
// exactly Above tokens is not in the tier: "above 200000" starts at
// 200,001, as the providers' price pages mean it.
func (p Price) RatesFor(prompt int64) Rates {
	for i := p.NumTiers(); i > 0; i-- {
		if int64(table.PriceAbove(p.body, i)) < prompt {
			return p.rates(i)
		}
	}
	return p.rates(0)
}

// rates returns the rates of tier i, 0 being the base.
func (p Price) rates(i int) Rates {
	if p.body == "" {
		return Rates{}
	}
	return Rates{
		Input:      Rate(table.PriceRate(p.body, i, 0)),
		Output:     Rate(table.PriceRate(p.body, i, 1)),
		CacheRead:  Rate(table.PriceRate(p.body, i, 2)),
		CacheWrite: Rate(table.PriceRate(p.body, i, 3)),
	}
}

// Usage is the tokens of one request.
type Usage struct{ Input, Output, CacheRead, CacheWrite int64 }

// Prompt returns the prompt size that chooses a price's tier: input +
// cache read + cache write tokens, saturating at math.MaxInt64.
func (u Usage) Prompt() int64 {
	s, c1 := bits.Add64(uint64(max(u.Input, 0)), uint64(max(u.CacheRead, 0)), 0)
	s, c2 := bits.Add64(s, uint64(max(u.CacheWrite, 0)), 0)
	if c1|c2 != 0 || s > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(s)
}

// Money is an amount in nano-USD (1e-9 USD).
type Money int64

// String returns the amount in USD, exact, with no trailing zeros:
// "$0.000012345", "$3", "-$0.5".
func (m Money) String() string {
	s := decimal(int64(m), 9)
	if s[0] == '-' {
		return "-$" + s[1:] // Cost never returns one
	}
	return "$" + s
}

// Errors of Cost.
var (
	ErrNegativeUsage = errors.New("resolver: negative token count in usage")
	ErrCostOverflow  = errors.New("resolver: cost does not fit in Money (over 9.2 billion USD)")
)

// Cost returns what usage u costs at price p, in nano-USD: the exact sum of
// each token count times its rate (in the tier RatesFor(u.Prompt())
// chooses), rounded half up to a nano-dollar once, at the end. It is exact
// integer arithmetic with 128-bit intermediates, never floating point, and
// does not allocate. It refuses a negative token count (ErrNegativeUsage)
// and a cost over math.MaxInt64 nano-USD (ErrCostOverflow). Cost is
// monotone in each token count as long as no tier lowers a rate.
func (p Price) Cost(u Usage) (Money, error) {
	if u.Input < 0 || u.Output < 0 || u.CacheRead < 0 || u.CacheWrite < 0 {
		return 0, ErrNegativeUsage
	}
	r := p.RatesFor(u.Prompt())
	// Each product is below 2^63 × 2^42, and their sum below 2^107: the
	// 128-bit sum cannot overflow.
	var hi, lo uint64
	hi, lo = mulAdd(hi, lo, u.Input, r.Input)
	hi, lo = mulAdd(hi, lo, u.Output, r.Output)
	hi, lo = mulAdd(hi, lo, u.CacheRead, r.CacheRead)
	hi, lo = mulAdd(hi, lo, u.CacheWrite, r.CacheWrite)
	// pico-USD to nano-USD, half up: (sum + 500) / 1000.
	lo, c := bits.Add64(lo, picoPerNano/2, 0)
	hi += c
	if hi >= picoPerNano {
		return 0, ErrCostOverflow // the quotient would not fit in 64 bits
	}
	q, _ := bits.Div64(hi, lo, picoPerNano)
	if q > math.MaxInt64 {
		return 0, ErrCostOverflow
	}
	return Money(q), nil
}

// picoPerNano converts a sum of tokens × rates (pico-USD) to Money.
const picoPerNano = 1000

// mulAdd returns the 128-bit hi:lo + tokens × rate.
func mulAdd(hi, lo uint64, tokens int64, rate Rate) (uint64, uint64) {
	ph, pl := bits.Mul64(uint64(tokens), uint64(rate))
	lo, c := bits.Add64(lo, pl, 0)
	hi, _ = bits.Add64(hi, ph, c)
	return hi, lo
}

// decimal writes v / 10^places as exact decimal digits, without trailing
// zeros after the point; v >= 0.
func decimal(v int64, places int) string {
	var buf [24]byte
	u, sign := uint64(v), ""
	if v < 0 {
		u, sign = -u, "-" // two's complement: math.MinInt64 too
	}
	b := strconv.AppendUint(buf[:0], u, 10)
	for len(b) <= places {
		b = append([]byte{'0'}, b...)
	}
	whole, frac := b[:len(b)-places], b[len(b)-places:]
	for len(frac) > 0 && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	if len(frac) == 0 {
		return sign + string(whole)
	}
	return sign + string(whole) + "." + string(frac)
}

// Price returns the price of the served_by entry of provider p for the
// model that model names (any spelling, trimmed of surrounding space like
// Derive's model). It reports false when p does not serve the model, when
// the entry has no price, and for an unknown provider or spelling. It does
// not allocate.
func (r *Registry) Price(p ProviderID, model string) (Price, bool) {
	t := r.tables()
	pa := t.ProviderIndex.Lookup(string(p))
	at := t.Spellings.Find(trim(model))
	if pa < 0 || at < 0 {
		return Price{}, false
	}
	prov := table.Num2(t.ProviderIndex.Records, pa+table.ProviderRow)
	off, n := t.info(at).Prices()
	for range n {
		row, body, next := table.PriceRecord(t.Prices, off)
		if row == prov {
			return Price{body}, true
		}
		off = next
	}
	return Price{}, false
}
