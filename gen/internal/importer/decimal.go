package importer

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/molecule-ai/providers/resolver"
)

// Rates are exact: a registry rate is an integer number of millionths of
// a USD per million tokens (resolver.RateUnit), read from the decimal text
// of the snapshot. json.Number keeps that text (3e-06, 0.125, 1.875e-05),
// and big.Rat reads it exactly, so no float64 rounding can creep in.

// perMillion and perToken are the scales of the two catalogues: models.dev
// gives USD per million tokens, LiteLLM USD per token.
var (
	perMillion = big.NewRat(int64(resolver.RateUnit), 1)
	perToken   = new(big.Rat).Mul(perMillion, big.NewRat(1_000_000, 1))
)

// maxRate is the registry's largest rate: 1,000,000 USD per million tokens.
var maxRate = new(big.Rat).Mul(big.NewRat(1_000_000, 1), perMillion)

// toRate converts the JSON number text num, in USD per unit of scale,
// into a registry rate. A value that is negative, over the registry's
// maximum, or that has no exact form in 6 decimals of a USD per million
// tokens is a problem in words (the value is never rounded).
func toRate(num json.Number, scale *big.Rat) (resolver.Rate, string) {
	if problem := checkNumber(num); problem != "" {
		return 0, problem
	}
	v, ok := new(big.Rat).SetString(string(num))
	if !ok {
		return 0, fmt.Sprintf("%s is not a number", num)
	}
	v.Mul(v, scale)
	switch {
	case v.Sign() < 0:
		return 0, fmt.Sprintf("%s is negative", num)
	case v.Cmp(maxRate) > 0:
		return 0, fmt.Sprintf("%s is %s USD per million tokens, more than the registry's 1,000,000", num, perMillionText(v))
	case !v.IsInt():
		return 0, fmt.Sprintf("%s is %s USD per million tokens, which has no exact form in 6 decimals: set it by hand", num, perMillionText(v))
	}
	return resolver.Rate(v.Num().Int64()), ""
}

// perMillionText writes a rate in units of resolver.RateUnit as USD per
// million tokens, exactly when it has up to 12 decimals, else to 12.
func perMillionText(v *big.Rat) string {
	usd := new(big.Rat).Quo(v, perMillion)
	s := usd.FloatString(12)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if shown, _ := new(big.Rat).SetString(s); shown.Cmp(usd) != 0 {
		s += "…"
	}
	return s
}

// toTokens converts a JSON number into a token count: a whole number from
// 1 to 1,000,000,000 (the registry's bounds). Zero, which catalogues write
// for "unknown", is no count; anything else out of range is a problem.
func toTokens(num json.Number) (int, string) {
	if problem := checkNumber(num); problem != "" {
		return 0, problem
	}
	v, ok := new(big.Rat).SetString(string(num))
	switch {
	case !ok || !v.IsInt() || v.Sign() < 0:
		return 0, fmt.Sprintf("%s is not a token count", num)
	case v.Sign() == 0:
		return 0, ""
	case v.Cmp(big.NewRat(1_000_000_000, 1)) > 0:
		return 0, fmt.Sprintf("%s tokens is more than the registry's 1,000,000,000", num)
	}
	return int(v.Num().Int64()), ""
}

// A snapshot is not trusted to be the catalogue it claims to be: a number
// such as 1e999999 would make big.Rat build an integer of millions of
// bits, and a run of 100,000 digits costs more than linear time to convert
// and print. The catalogues write prices such as 1.875e-05 and 0.0000015
// and counts such as 1000000, so a number is read only when its text is at
// most maxNumberText bytes and its exponent within ±maxExponent; then the
// exact arithmetic below stays on small integers.
const (
	maxNumberText = 32
	maxExponent   = 30
)

// checkNumber says why the JSON number text num is not read, or "".
func checkNumber(num json.Number) string {
	s := string(num)
	if len(s) > maxNumberText {
		return fmt.Sprintf("%s is not a number a catalogue writes: longer than %d characters", clip(s), maxNumberText)
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		// At most maxNumberText digits: an exponent Atoi cannot read is out
		// of range too.
		if e, err := strconv.Atoi(s[i+1:]); err != nil || e < -maxExponent || e > maxExponent {
			return fmt.Sprintf("%s is not a number a catalogue writes: its exponent is beyond ±%d", s, maxExponent)
		}
	}
	return ""
}

// A message echoes a text from a snapshot whole up to maxEcho bytes, and
// a longer one as its first clipAt bytes and its length.
const (
	maxEcho = 64
	clipAt  = 40
)

// clip returns s when it is short, else its first clipAt bytes (cut at a
// character boundary) and its length: a message echoes what a snapshot
// holds without echoing a hostile megabyte.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	cut := clipAt
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:cut], len(s))
}
