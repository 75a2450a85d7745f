package importer

import (
	"cmp"
	"fmt"
	"math/big"
	"regexp"
	"slices"

	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// Entry is one model of one upstream provider in a snapshot, in the
// registry's terms: what a served_by entry mapped to it is compared with,
// and what a draft is written from. A field the snapshot does not give is
// its zero value: the snapshot's silence is never drift.
type Entry struct {
	Provider string // the upstream provider's id
	Model    string // the model's key under it
	Ref      string // the served_by upstream reference that names this entry
	Name     string
	Price    *Price // nil: no per-token price
	Context  int    // context_window; 0: not given
	Output   int    // max_output; 0: not given
	Status   string // a registry lifecycle (preview, retired), or "" when not given
	// RetiresOn is the day the model stops being served, YYYY-MM-DD, or "".
	// Neither catalogue gives the day a deprecation was announced (the
	// registry's deprecated_on), so that is never drafted or compared.
	RetiresOn string
	Problems  []Problem // values read but not usable, such as a price with no exact form
	// Notes say what the snapshot gives that the registry has no field for
	// and that looks like what it has (a one-hour cache write price), so
	// that a draft says it was left out. They are not drift.
	Notes []string
	off   int // where the entry starts in the snapshot
}

// Price is an upstream price in registry rates. A rate the snapshot does
// not give is not set (Has is false), rather than zero.
type Price struct {
	Rates
	Tiers []Tier // in increasing order of Above
}

// Rates are the four rates of a price or tier, in the order of
// resolver.Rates, each with whether the snapshot gives it.
type Rates struct {
	Rate [4]resolver.Rate
	Has  [4]bool
}

// Tier is a long-prompt price: the whole request at these rates once the
// prompt exceeds Above tokens. A rate a tier does not set is the base
// rate, as in the registry: finishTiers fills in those a lower tier sets.
type Tier struct {
	Above int
	Rates
}

// rateNames are the registry's names of the four rates.
var rateNames = [4]string{"input", "output", "cache_read", "cache_write"}

// Problem is a value of a snapshot entry that could not be used.
type Problem struct {
	Field string   // the registry field it would have set, such as price.input
	Pos   spec.Pos // in the snapshot
	Msg   string
}

// Catalogue is a snapshot read as one of the public catalogues.
type Catalogue struct {
	Name    string // CatalogueModelsDev or CatalogueLiteLLM
	File    string
	entries map[string]*Entry // by reference
	order   []*Entry          // in snapshot order
	env     map[string][]string
	names   map[string]string // provider display names
	snap    *snapshot
}

// Lookup returns the entry a served_by upstream reference names, or nil.
func (c *Catalogue) Lookup(ref string) *Entry { return c.entries[ref] }

// Entries returns the entries of upstream provider p, in snapshot order.
func (c *Catalogue) Entries(p string) []*Entry {
	var out []*Entry
	for _, e := range c.order {
		if e.Provider == p {
			out = append(out, e)
		}
	}
	return out
}

// HasProvider reports whether the snapshot has upstream provider p.
func (c *Catalogue) HasProvider(p string) bool {
	_, ok := c.names[p]
	return ok
}

// Env returns the env names the catalogue gives for provider p.
func (c *Catalogue) Env(p string) []string { return c.env[p] }

// ProviderName returns the display name of upstream provider p.
func (c *Catalogue) ProviderName(p string) string { return c.names[p] }

// Read reads the snapshot at path as catalogue name.
func Read(name, path string) (*Catalogue, error) {
	s, err := readSnapshot(path)
	if err != nil {
		return nil, err
	}
	c := &Catalogue{Name: name, File: path, entries: map[string]*Entry{}, env: map[string][]string{}, names: map[string]string{}, snap: s}
	switch name {
	case spec.CatalogueModelsDev:
		err = c.readModelsDev()
	case spec.CatalogueLiteLLM:
		c.readLiteLLM()
	default:
		return nil, fmt.Errorf("unknown catalogue %q", name)
	}
	return c, err
}

func (c *Catalogue) add(e *Entry) {
	c.entries[e.Ref] = e
	c.order = append(c.order, e)
}

// reader collects the problems of one entry.
type reader struct {
	c *Catalogue
	e *Entry
}

func (r reader) problem(field string, at *jnode, format string, args ...any) {
	r.problemAt(field, at.off, fmt.Sprintf(format, args...))
}

func (r reader) problemAt(field string, off int, msg string) {
	r.e.Problems = append(r.e.Problems, Problem{field, r.c.snap.pos(off), msg})
}

// repeats reports each key repeated in the entry's value v (at path, in
// the snapshot's own terms), at the repeat: get never reads its values.
func (r reader) repeats(path string, v *jnode) {
	if v == nil {
		return
	}
	for _, rp := range v.repeats {
		r.problemAt(clip(path+rp.key), rp.again, r.c.snap.repeatText(rp)+", so none of its values is read")
	}
	for _, f := range v.fields {
		if !v.repeated(f.key) {
			r.repeats(path+f.key+".", f.val)
		}
	}
	for i, it := range v.items {
		r.repeats(fmt.Sprintf("%s%d.", path, i), it)
	}
}

// repeatedEntry returns the entry whose key the snapshot repeats in the
// object parent: none of its values is read, and each repeat is its
// problem.
func (c *Catalogue) repeatedEntry(e *Entry, parent *jnode) *Entry {
	r := reader{c, e}
	for _, rp := range parent.repeats {
		if rp.key == e.Model {
			e.off = rp.first
			r.problemAt("every field", rp.again, c.snap.repeatText(rp)+", so none of its values is read")
		}
	}
	return e
}

// rate reads the rate at v (a number of USD per scale) into rs[i].
func (r reader) rate(field string, v *jnode, scale *big.Rat, rs *Rates, i int) {
	if v == nil || v.kind == '0' {
		return
	}
	if v.kind != 'n' {
		r.problem(field, v, "not a number")
		return
	}
	rate, problem := toRate(v.num(), scale)
	if problem != "" {
		r.problem(field, v, "%s", problem)
		return
	}
	rs.Rate[i], rs.Has[i] = rate, true
}

// tokens reads a token count.
func (r reader) tokens(field string, v *jnode) int {
	if v == nil || v.kind == '0' {
		return 0
	}
	if v.kind != 'n' {
		r.problem(field, v, "not a number")
		return 0
	}
	n, problem := toTokens(v.num())
	if problem != "" {
		r.problem(field, v, "%s", problem)
	}
	return n
}

// date reads a YYYY-MM-DD date; anything else (a month alone, a text) is a
// problem.
func (r reader) date(field string, v *jnode) string {
	if v == nil || v.kind == '0' {
		return ""
	}
	if v.kind != 's' || !datePattern.MatchString(v.str) {
		r.problem(field, v, "not a YYYY-MM-DD date")
		return ""
	}
	return v.str
}

var datePattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)

// addTier sets rate i of the tier above above, adding the tier if needed.
// It reports false, changing nothing, when the tier already has rate i at
// another value: the snapshot prices that tier two ways. The same value
// again is the same tier, given twice.
func (p *Price) addTier(above, i int, rate resolver.Rate) bool {
	j := slices.IndexFunc(p.Tiers, func(t Tier) bool { return t.Above == above })
	if j < 0 {
		p.Tiers = append(p.Tiers, Tier{Above: above})
		j = len(p.Tiers) - 1
	}
	if t := &p.Tiers[j]; t.Has[i] && t.Rate[i] != rate {
		return false
	}
	p.Tiers[j].Rate[i], p.Tiers[j].Has[i] = rate, true
	return true
}

// finishTiers sorts the tiers and carries each rate a tier sets into the
// higher tiers that do not set it. The catalogues give each rate its own
// thresholds (LiteLLM: input_cost_per_token_above_128k_tokens and
// output_cost_per_token_above_200k_tokens), and a rate's highest threshold
// under the prompt size prices it, so LiteLLM's 128k input rate still
// holds above 200k. In the registry, a rate a tier leaves out is the base
// rate: without this, prompts over 200k would pay the base input rate,
// less than those over 128k. models.dev's tiers are read the same way: a
// rate a higher tier leaves out is more likely unknown than cut back to
// the base.
func (p *Price) finishTiers() {
	slices.SortFunc(p.Tiers, func(a, b Tier) int { return cmp.Compare(a.Above, b.Above) })
	for k := 1; k < len(p.Tiers); k++ {
		t, lower := &p.Tiers[k], p.Tiers[k-1]
		for i := range t.Has {
			if !t.Has[i] && lower.Has[i] {
				t.Rate[i], t.Has[i] = lower.Rate[i], true
			}
		}
	}
}

// any reports whether a price sets anything.
func (p *Price) any() bool {
	return p != nil && (slices.Contains(p.Has[:], true) || len(p.Tiers) > 0)
}
