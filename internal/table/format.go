package table

import (
	"fmt"
	"slices"
	"strings"
)

// The record layouts of table format 4, each defined once here: its fields
// as named offsets and widths, a writer (Append…) that the generator uses
// and readers that the resolver uses. All numbers are base-64 digits
// (digits.go); every table is a newline followed by one record a line, so
// that no line of the generated file ends in white space and a changed
// record is a changed line. No other file computes an offset into a record.
//
// # Small records (Small.Records: provider, runtime and env-name indexes)
//
//	+----------------------+--------+-----------+----+
//	| key, '.'-padded      | length | payload   | \n |
//	| KeyWidth bytes       | 2      | see below | 1  |
//	+----------------------+--------+-----------+----+
//
//	provider payload   row 2                  (its position in Tables.Providers)
//	runtime payload    row 2 | governed 2     (its position among the governed runtimes, or NotGoverned)
//	env-name payload   kind 1                 (EnvAuth, EnvInject or both)
//
// An empty slot has length 0.
//
// # Spelling records (Tables.Spellings, in the slots of a minimal perfect hash)
//
// Everything Derive needs once a model spelling is found, in the spelling's
// own record, so that a hit reads one bucket and one record:
//
//	+-------------+-----+-------+-------+-----------+-----------+------+---------------------+----+
//	| key         | len | flags | model | canonical | canon len | list | provider on runtime | \n |
//	| KeyWidth    | 1   | 1     | 4     | 4         | 1         | 4    | 2 per governed      | 1  |
//	+-------------+-----+-------+-------+-----------+-----------+------+---------------------+----+
//
//	key        the spelling, '.'-padded; for a spelling longer than the
//	           field, its offset in LongKeys (5 digits) and length (3)
//	len        the spelling's length, or LongKey
//	flags      bits 0-1: the spelling's kind (0 id, 1 alias, 2 legacy id);
//	           bits 2-3: who pays for the model on every runtime that serves
//	           it (ModelMixed, ModelPlatform, ModelBYOK): billing step 3
//	model      the model's row, in YAML order (Tables.Models)
//	canonical  the slot of the record of the model's id
//	canon len  the length of the model's id, or LongKey
//	list       offset of the model's candidates in Lists, or 0 when no
//	           runtime has several providers for it (Lists starts with a
//	           newline, so no block is at 0)
//	provider   for each governed runtime, in its governed order: 0 the
//	           model is not served there; 1 + the row of the one provider
//	           serving it, below Several; or Several + the offset of its
//	           candidates from the model's in Lists
//
// # Candidates (Tables.Lists), for models with several providers on a runtime
//
//	+-------+----------+-------+----------+-----+----+
//	| count | provider | count | provider | ... | \n |
//	| 1     | 2 each   | 1     | 2 each   |     | 1  |
//	+-------+----------+-------+----------+-----+----+
//
// one entry for each governed runtime on which several providers serve the
// model: their rows, in served_by order. The runtime's provider field in a
// spelling record says where its entry starts.
//
// # Models (Tables.Models), in YAML order
//
//	+-----------+---------------------------------------+----+
//	| spellings | slot of each: id, aliases, legacy ids | \n |
//	| 4         | 4 each                                | 1  |
//	+-----------+---------------------------------------+----+
//
// # Model details (Tables.ModelInfo), one record per model row, InfoStride apart
//
// What Model, Price and CheckRegistered read beside the spelling records,
// and Derive never does, so that none of it widens a spelling record:
//
//	+-----------+----------+---------+----------+---------+------------+------+----------+--------+--------+----+
//	| lifecycle | deprec.  | retires | replaced | context | max output | name | name len | prices | priced | \n |
//	| 1         | 10       | 10      | 4        | 5       | 5          | 5    | 2        | 5      | 2      | 1  |
//	+-----------+----------+---------+----------+---------+------------+------+----------+--------+--------+----+
//
//	lifecycle  0 active, 1 preview, 2 deprecated, 3 retired
//	deprec.    deprecated_on and retires_on as written, YYYY-MM-DD, or
//	retires    '.'-padded when not set (no date starts with '.')
//	replaced   1 + the slot of the spelling record of the replacement's
//	           id, or 0
//	context    context_window and max_output in tokens, 0 when not set
//	max output
//	name       the name's offset and length in ModelNames; length 0 when
//	name len   the name is the id
//	prices     the offset in Prices of the model's first price record, and
//	priced     how many it has (its served_by entries with a price, in
//	           served_by order)
//
// # Prices (Tables.Prices), one record a line, by model in YAML order
//
//	+----------+-------+------------------------------------+-------+-------+-----+----+
//	| provider | tiers | input | output | cache rd | cache wr | above | rates | ... | \n |
//	| 2        | 1     | 7 each                             | 5     | 4×7   |     | 1  |
//	+----------+-------+------------------------------------+-------+-------+-----+----+
//
// The provider's row, the number of tiers, the base rates, then each tier's
// prompt size above which it applies (strictly increasing) and its rates,
// every one filled in (a rate a tier leaves out is the base rate). A rate
// is an exact price in units of 1e-6 USD per million tokens, which is
// 1e-12 USD (a pico-dollar) per token.

// Small record fields.
const (
	SmallLen     = 2 // the width of a key's length
	padding      = '.'
	NotGoverned  = Max2 // the governed index of a runtime that is not governed
	EnvAuth      = 1    // an env name that is some provider's auth_env
	EnvInject    = 2    // an env name that is some platform provider's inject_env
	runtimeRow   = 0
	runtimeGov   = 2
	RuntimeWidth = 4 // the runtime payload
	ProviderRow  = 0
)

// ProviderPayload is the payload of provider row.
func ProviderPayload(row int) string { return string(AppendNum(nil, row, 2)) }

// RuntimePayload is the payload of runtime row, governed index gov (or
// NotGoverned).
func RuntimePayload(row, gov int) string {
	return string(AppendNum(AppendNum(nil, row, 2), gov, 2))
}

// EnvPayload is the payload of an env name of kind (EnvAuth|EnvInject).
func EnvPayload(kind int) string { return string(AppendNum(nil, kind, 1)) }

// EnvKind reads an env-name payload at s[p:]: EnvAuth, EnvInject or both.
func EnvKind(s string, p int) int { return Num1(s, p) }

// Runtime reads a runtime payload at s[p:].
func Runtime(s string, p int) (row, gov int) {
	return Num2(s, p+runtimeRow), Num2(s, p+runtimeGov)
}

func appendSmallRecord(b []byte, key, payload string, width int) []byte {
	b = append(b, key...)
	for range width - len(key) {
		b = append(b, padding)
	}
	b = AppendNum(b, len(key), SmallLen)
	b = append(b, payload...)
	return append(b, '\n')
}

func emptyPayload(n int) string { return strings.Repeat(string(Digit(0)), n) }

// Spelling record fields, as offsets from the end of the key field.
const (
	spellLen       = 0
	spellFlags     = 1
	spellModel     = 2
	spellCanonical = 6
	spellCanonLen  = 10
	spellList      = 11
	spellProviders = 15 // the first provider field; the fixed part's width

	// LongKey is the length of a key longer than the key field, kept in
	// LongKeys.
	LongKey = Max1
	// MaxKeyWidth bounds the key field of spelling records.
	MaxKeyWidth = MaxWindowed
	// Several and above mark a runtime served by several providers of a
	// model: the field is Several + the offset of their entry from the
	// model's candidates. Below it, 1 + a provider row.
	Several = 1 << 11
	// MaxProviders is the most providers a registry has: 1 + the last row
	// is below Several.
	MaxProviders = Several - 1

	kindMask      = 3
	billingShift  = 2
	ModelMixed    = 0 // providers of the model disagree on platform across runtimes
	ModelPlatform = 1 // every provider of the model is a platform provider
	ModelBYOK     = 2 // no provider of the model is a platform provider
)

// SpellingLayout is the shape of the spelling records of one registry.
type SpellingLayout struct {
	KeyWidth int // bytes of the key field: a multiple of 8, at most MaxKeyWidth
	Governed int // governed runtimes
}

// NewSpellingLayout returns the layout for spellings of the lengths given:
// the key field holds 99 in 100 of them (and at most MaxKeyWidth bytes),
// the rest are long keys, so that a few long spellings do not widen every
// record.
func NewSpellingLayout(lengths []int, governed int) SpellingLayout {
	sorted := slices.Sorted(slices.Values(lengths))
	w := 8
	if len(sorted) > 0 {
		w = sorted[len(sorted)-1-(len(sorted)-1)/100]
	}
	return SpellingLayout{KeyWidth: min(MaxKeyWidth, max(8, (w+7)/8*8)), Governed: governed}
}

// Long reports whether a key of n bytes is a long key, kept in LongKeys.
func (l SpellingLayout) Long(n int) bool { return n > l.KeyWidth || n >= LongKey }

// Stride is the bytes of one record and its newline.
func (l SpellingLayout) Stride() int { return l.KeyWidth + spellProviders + 2*l.Governed + 1 }

// Spelling is one spelling record, as the generator writes it.
type Spelling struct {
	Key       string
	LongAt    int // Key's offset in LongKeys, when it is a long key
	Kind      int // 0 id, 1 alias, 2 legacy id
	Billing   int // ModelMixed, ModelPlatform or ModelBYOK
	Model     int // the model's row
	Canonical int // the slot of the model's id
	CanonLen  int // the length of the model's id (LongKey when long)
	List      int // offset in Lists, or 0
	Providers []int
}

// Append appends the record of s.
func (l SpellingLayout) Append(b []byte, s Spelling) ([]byte, error) {
	if len(s.Providers) != l.Governed {
		return nil, fmt.Errorf("table: %d provider fields for %d governed runtimes", len(s.Providers), l.Governed)
	}
	if s.Model > Max4 || s.Canonical > Max4 || s.List > Max4 || s.LongAt > Max5 {
		return nil, ErrTooLarge
	}
	key, n := s.Key, len(s.Key)
	if l.Long(n) {
		key, n = string(AppendNum(AppendNum(nil, s.LongAt, 5), len(s.Key), 3)), LongKey
	}
	b = append(b, key...)
	for range l.KeyWidth - len(key) {
		b = append(b, padding)
	}
	b = AppendNum(b, n, 1)
	b = AppendNum(b, s.Kind|s.Billing<<billingShift, 1)
	b = AppendNum(b, s.Model, 4)
	b = AppendNum(b, s.Canonical, 4)
	cn := s.CanonLen
	if l.Long(cn) {
		cn = LongKey
	}
	b = AppendNum(b, cn, 1)
	b = AppendNum(b, s.List, 4)
	for _, p := range s.Providers {
		if p > Max2 {
			return nil, ErrTooLarge
		}
		b = AppendNum(b, p, 2)
	}
	return append(b, '\n'), nil
}

// Len reads the key length of the record at s[at:].
func (l SpellingLayout) Len(s string, at int) int { return Num1(s, at+l.KeyWidth+spellLen) }

// Kind reads the spelling kind of the record at s[at:].
func (l SpellingLayout) Kind(s string, at int) int {
	return Num1(s, at+l.KeyWidth+spellFlags) & kindMask
}

// Billing reads the model-wide billing of the record at s[at:].
func (l SpellingLayout) Billing(s string, at int) int {
	return Num1(s, at+l.KeyWidth+spellFlags) >> billingShift
}

// Model reads the model row of the record at s[at:].
func (l SpellingLayout) Model(s string, at int) int { return Num4(s, at+l.KeyWidth+spellModel) }

// Canonical reads the slot of the model's id.
func (l SpellingLayout) Canonical(s string, at int) int { return Num4(s, at+l.KeyWidth+spellCanonical) }

// CanonLen reads the length of the model's id, or LongKey.
func (l SpellingLayout) CanonLen(s string, at int) int { return Num1(s, at+l.KeyWidth+spellCanonLen) }

// List reads the offset of the model's candidates, or 0.
func (l SpellingLayout) List(s string, at int) int { return Num4(s, at+l.KeyWidth+spellList) }

// Provider reads the provider field of governed runtime g: 0, 1 + a
// provider row, or Several + the offset of the candidates.
func (l SpellingLayout) Provider(s string, at, g int) int {
	return Num2(s, at+l.KeyWidth+spellProviders+2*g)
}

// LongKey reads where the key of a long-key record is in LongKeys.
func (l SpellingLayout) LongKey(s string, at int) (off, n int) {
	return Num5(s, at), Num3(s, at+5)
}

// Candidate entry fields.
const (
	candCount    = 1 // the number of candidates
	candProvider = 2 // a candidate's provider row
)

// AppendCandidates appends the candidates of one (model, runtime), rows
// in served_by order, and returns the provider field that points at them
// for a model whose candidates start at block.
func AppendCandidates(b []byte, block int, rows []int) ([]byte, int, error) {
	field := Several + len(b) - block
	if len(rows) > Max1 || field > Max2 {
		return nil, 0, ErrTooLarge
	}
	b = AppendNum(b, len(rows), candCount)
	for _, p := range rows {
		if p > Max2 {
			return nil, 0, ErrTooLarge
		}
		b = AppendNum(b, p, candProvider)
	}
	return b, field, nil
}

// Candidates returns where the candidates are of a field v >= Several of a
// model whose candidates start at block, and how many there are.
func Candidates(s string, block, v int) (at, n int) {
	at = block + v - Several
	return at + candCount, Num1(s, at)
}

// Candidate returns the provider row of the i-th candidate at s[at:].
func Candidate(s string, at, i int) int { return Num2(s, at+candProvider*i) }

// Model record fields.
const modelCount = 4

// AppendModel appends a model's spellings: the slot of its id, then of its
// aliases and legacy ids.
func AppendModel(b []byte, slots []int) []byte {
	b = AppendNum(b, len(slots), modelCount)
	for _, s := range slots {
		b = AppendNum(b, s, 4)
	}
	return append(b, '\n')
}

// Model is a model record as the resolver reads it.
type Model struct {
	at, n int
}

// ReadModel reads the model record at s[off:].
func ReadModel(s string, off int) Model { return Model{off + modelCount, Num4(s, off)} }

// Spellings returns the number of the model's spellings.
func (m Model) Spellings() int { return m.n }

// Slot returns the slot of the model's j-th spelling (0: its id).
func (m Model) Slot(s string, j int) int { return Num4(s, m.at+4*j) }

// Next returns the offset of the record after m.
func (m Model) Next() int { return m.at + 4*m.n + 1 }

// Summary describes the records of l in one line, for the header of a
// generated file.
func (l SpellingLayout) Summary() string {
	return fmt.Sprintf("key %d | len 1 | flags 1 | model 4 | canonical 4 | canon len 1 | list 4 | provider 2×%d | newline: %d bytes",
		l.KeyWidth, l.Governed, l.Stride())
}

// Model detail fields.
const (
	infoLifecycle  = 0
	infoDeprecated = 1
	infoRetires    = 11
	infoReplaced   = 21
	infoContext    = 25
	infoMaxOutput  = 30
	infoName       = 35
	infoNameLen    = 40
	infoPrices     = 42
	infoPriced     = 47
	// InfoStride is the bytes of one model detail record and its newline.
	InfoStride = 50

	dateWidth = 10
	// MaxLimit is the largest context window or output limit.
	MaxLimit = Max5
)

// ModelInfo is a model detail record, as the generator writes it.
type ModelInfo struct {
	Lifecycle     int    // 0 active, 1 preview, 2 deprecated, 3 retired
	DeprecatedOn  string // YYYY-MM-DD, or ""
	RetiresOn     string
	ReplacedBy    int // 1 + the slot of the replacement's id, or 0
	ContextWindow int
	MaxOutput     int
	NameAt        int // the name's offset in ModelNames
	NameLen       int // 0: the name is the id
	Prices        int // the offset of the first price record in Prices
	Priced        int // how many price records the model has
}

// AppendModelInfo appends the detail record of m.
func AppendModelInfo(b []byte, m ModelInfo) ([]byte, error) {
	for _, d := range []string{m.DeprecatedOn, m.RetiresOn} {
		if d != "" && (len(d) != dateWidth || d[0] < '0' || d[0] > '9' || strings.ContainsAny(d, "\n`")) {
			return nil, fmt.Errorf("table: %q is not a YYYY-MM-DD date", d)
		}
	}
	if m.Lifecycle < 0 || m.Lifecycle > Max1 || m.ReplacedBy > Max4 || m.ContextWindow > MaxLimit || m.MaxOutput > MaxLimit ||
		m.NameAt > Max5 || m.NameLen > Max2 || m.Prices > Max5 || m.Priced > Max2 {
		return nil, ErrTooLarge
	}
	b = AppendNum(b, m.Lifecycle, 1)
	for _, d := range []string{m.DeprecatedOn, m.RetiresOn} {
		b = append(b, d...)
		for range dateWidth - len(d) {
			b = append(b, padding)
		}
	}
	b = AppendNum(b, m.ReplacedBy, 4)
	b = AppendNum(b, m.ContextWindow, 5)
	b = AppendNum(b, m.MaxOutput, 5)
	b = AppendNum(b, m.NameAt, 5)
	b = AppendNum(b, m.NameLen, 2)
	b = AppendNum(b, m.Prices, 5)
	b = AppendNum(b, m.Priced, 2)
	return append(b, '\n'), nil
}

// Info is a model detail record as the resolver reads it.
type Info struct {
	s  string
	at int
}

// ReadInfo returns the detail record of model row in s (Tables.ModelInfo).
func ReadInfo(s string, row int) Info { return Info{s, 1 + row*InfoStride} }

// Lifecycle reads the model's lifecycle.
func (i Info) Lifecycle() int { return Num1(i.s, i.at+infoLifecycle) }

// DeprecatedOn reads deprecated_on, or "": a slice of the table's string.
func (i Info) DeprecatedOn() string { return i.date(infoDeprecated) }

// RetiresOn reads retires_on, or "".
func (i Info) RetiresOn() string { return i.date(infoRetires) }

func (i Info) date(field int) string {
	if i.s[i.at+field] == padding {
		return ""
	}
	return i.s[i.at+field : i.at+field+dateWidth]
}

// ReplacedBy reads 1 + the slot of the replacement's id, or 0.
func (i Info) ReplacedBy() int { return Num4(i.s, i.at+infoReplaced) }

// ContextWindow reads the context window, 0 when not set.
func (i Info) ContextWindow() int { return Num5(i.s, i.at+infoContext) }

// MaxOutput reads the output limit, 0 when not set.
func (i Info) MaxOutput() int { return Num5(i.s, i.at+infoMaxOutput) }

// Name reads where the model's name is in ModelNames; n is 0 when the
// name is the id.
func (i Info) Name() (off, n int) { return Num5(i.s, i.at+infoName), Num2(i.s, i.at+infoNameLen) }

// Prices reads where the model's price records start in Prices, and how
// many there are.
func (i Info) Prices() (off, n int) { return Num5(i.s, i.at+infoPrices), Num2(i.s, i.at+infoPriced) }

// Price record fields.
const (
	priceProvider = 0
	priceTiers    = 2
	priceBase     = 3 // the base rates; the tiers follow them
	rateWidth     = 7
	// Rates is the number of rates of a price: input, output, cache read
	// and cache write, in that order.
	Rates      = 4
	ratesWidth = Rates * rateWidth
	tierAbove  = 0
	tierRates  = 5
	tierWidth  = tierRates + ratesWidth
	// MaxRate is the largest rate, in 1e-6 USD per million tokens (42
	// bits; a registry's rates are at most 1e12, 1,000,000 USD).
	MaxRate = 1<<(6*rateWidth) - 1
	// MaxAbove is the largest prompt size a tier starts above.
	MaxAbove = Max5
	// MaxTiers is the most tiers a price has.
	MaxTiers = Max1
)

// PriceTier is one tier of a price, as the generator writes it.
type PriceTier struct {
	Above int
	Rates [Rates]int64
}

// AppendPrice appends the price record of provider row provider.
func AppendPrice(b []byte, provider int, base [Rates]int64, tiers []PriceTier) ([]byte, error) {
	if provider > Max2 || len(tiers) > MaxTiers {
		return nil, ErrTooLarge
	}
	b = AppendNum(b, provider, 2)
	b = AppendNum(b, len(tiers), 1)
	var err error
	if b, err = appendRates(b, base); err != nil {
		return nil, err
	}
	for _, t := range tiers {
		if t.Above < 0 || t.Above > MaxAbove {
			return nil, ErrTooLarge
		}
		b = AppendNum(b, t.Above, 5)
		if b, err = appendRates(b, t.Rates); err != nil {
			return nil, err
		}
	}
	return append(b, '\n'), nil
}

func appendRates(b []byte, rates [Rates]int64) ([]byte, error) {
	for _, r := range rates {
		if r < 0 || r > MaxRate {
			return nil, ErrTooLarge
		}
		for i := rateWidth - 1; i >= 0; i-- {
			b = append(b, Digit(int(r>>(6*i)&63)))
		}
	}
	return b, nil
}

// PriceRecord reads the price record at s[at:] (Tables.Prices): its
// provider's row, its body (the tiers and rates, which PriceTiers,
// PriceRate and PriceAbove read; a slice of s) and the offset of the next
// record.
func PriceRecord(s string, at int) (provider int, body string, next int) {
	n := priceBase - priceTiers + ratesWidth + Num1(s, at+priceTiers)*tierWidth
	return Num2(s, at+priceProvider), s[at+priceTiers : at+priceTiers+n], at + priceTiers + n + 1
}

// PriceTiers returns the number of tiers of a price body.
func PriceTiers(body string) int { return Num1(body, 0) }

// PriceRate returns rate j (0 input, 1 output, 2 cache read, 3 cache
// write) of tier i of a price body; tier 0 is the base price, tier i > 0
// the i-th of PriceTiers.
func PriceRate(body string, i, j int) int64 {
	at := priceBase - priceTiers + j*rateWidth
	if i > 0 {
		at += ratesWidth + (i-1)*tierWidth + tierRates
	}
	return int64(Num4(body, at))<<18 | int64(Num3(body, at+4))
}

// PriceAbove returns the prompt size above which tier i > 0 of a price
// body applies.
func PriceAbove(body string, i int) int {
	return Num5(body, priceBase-priceTiers+ratesWidth+(i-1)*tierWidth+tierAbove)
}
