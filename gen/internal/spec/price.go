package spec

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/molecule-ai/providers/resolver"
)

// Price is the price of a served_by entry, exact: rates in units of 1e-6
// USD per million tokens, read from the decimal text of providers.yaml and
// never through floating point. Every tier's rates are filled in (a rate
// a tier leaves out is the base rate).
type Price struct {
	Base  resolver.Rates
	Tiers []resolver.Tier // in increasing order of Above
}

// maxRate is the largest rate: 1,000,000 USD per million tokens.
const maxRate = 1_000_000 * resolver.RateUnit

// rateDigits is how many digits a rate has after the point, at most.
const rateDigits = 6

// plainDecimal matches a decimal written plainly: digits, and digits after
// a point; a sign, so that a negative rate is the schema's to report.
var plainDecimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`)

// parseRate reads the text of a rate exactly. It returns the rate and ok,
// or, for a rate that is not a plain decimal with at most 6 digits after
// the point, a problem in words. A rate out of range (negative, or over
// 1,000,000) is ok = false with no problem: the schema reports it.
func parseRate(text string) (r resolver.Rate, ok bool, problem string) {
	if !plainDecimal.MatchString(text) {
		msg := fmt.Sprintf("rate %s is not a plain decimal: write digits, and at most %d after the point, such as 2.5 or 0.075", unquoted(text), rateDigits)
		if fix := plainFix(text); fix != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", fix)
		}
		return 0, false, msg
	}
	whole, frac, _ := strings.Cut(text, ".")
	if len(frac) > rateDigits {
		return 0, false, fmt.Sprintf("rate %s has %d digits after the point: rates are exact to %d (a millionth of a dollar per million tokens)", unquoted(text), len(frac), rateDigits)
	}
	if whole[0] == '-' || len(whole) > 7 {
		return 0, false, "" // out of range: the schema says so
	}
	for _, c := range whole + frac + strings.Repeat("0", rateDigits-len(frac)) {
		r = r*10 + resolver.Rate(c-'0')
	}
	if r > maxRate {
		return 0, false, ""
	}
	return r, true, ""
}

// plainFix returns text written plainly, for the YAML spellings of a
// number that are not (+2, .5, 5.), or "".
func plainFix(text string) string {
	fix := strings.TrimPrefix(text, "+")
	if strings.HasPrefix(fix, ".") {
		fix = "0" + fix
	}
	fix = strings.TrimSuffix(fix, ".")
	if whole, frac, ok := strings.Cut(fix, "."); len(whole) > 1 {
		whole = strings.TrimLeft(whole, "0")
		if whole == "" {
			whole = "0"
		}
		fix = whole
		if ok {
			fix += "." + frac
		}
	}
	if fix == text || !plainDecimal.MatchString(fix) {
		return ""
	}
	return fix
}

// newPrice returns the exact price of p, which passed rule 10.
func newPrice(p *priceSpec) *Price {
	if p == nil {
		return nil
	}
	rates := func(texts [numRates]str, base resolver.Rates) resolver.Rates {
		out := [numRates]*resolver.Rate{&base.Input, &base.Output, &base.CacheRead, &base.CacheWrite}
		for i, t := range texts {
			if t.s != "" {
				*out[i], _, _ = parseRate(t.s)
			}
		}
		return base
	}
	out := &Price{Base: rates(p.rates, resolver.Rates{})}
	for _, t := range p.tiers {
		above, _ := tokenCount(t.above.s)
		out.Tiers = append(out.Tiers, resolver.Tier{Above: int64(above), Rates: rates(t.rates, out.Base)})
	}
	return out
}

// Equal reports whether p and q are the same price; nil is no price.
func (p *Price) Equal(q *Price) bool {
	if p == nil || q == nil {
		return p == q
	}
	if p.Base != q.Base || len(p.Tiers) != len(q.Tiers) {
		return false
	}
	for i := range p.Tiers {
		if p.Tiers[i] != q.Tiers[i] {
			return false
		}
	}
	return true
}

// PriceOf returns the price a resolver answers with, as a Price.
func PriceOf(p resolver.Price) *Price {
	out := &Price{Base: p.Base()}
	for i := range p.NumTiers() {
		out.Tiers = append(out.Tiers, p.Tier(i))
	}
	return out
}
