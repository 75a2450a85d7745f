// Package delta shows what a change to providers.yaml does to billing: both
// registries are evaluated with the real resolver over every governed
// runtime × every model spelling either serves there × every relevant
// auth-env set, and each changed outcome is listed, billing flips first,
// with the registry changes behind them (changes.go). Compute returns the
// result; Markdown (a pull-request comment, from delta.md.tmpl) and JSON
// print it.
package delta

import (
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/outcome"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// Sections of a delta, in the order a reviewer reads them.
const (
	SectionBillingFlip  = "billing_flip"
	SectionProvider     = "provider_change"
	SectionUnregistered = "newly_unregistered"
	SectionAddition     = "addition"
	SectionOther        = "other"
)

var sectionOrder = []string{SectionBillingFlip, SectionProvider, SectionUnregistered, SectionAddition, SectionOther}

// Env labels of a change that does not depend on one env set.
const (
	EnvAny  = "any"  // every env set changed the same way
	EnvNone = "none" // no auth env set
)

// Change is one row of a delta: the same change for every listed runtime
// and spelling of one model under one env set.
type Change struct {
	Section   string          `json:"section"`
	Runtimes  []string        `json:"runtimes"`
	Model     string          `json:"model"`     // the canonical id (after the change, else before)
	Spellings []string        `json:"spellings"` // the spellings that changed this way
	Env       string          `json:"env"`       // "any", "none", or the env names set
	Before    outcome.Outcome `json:"before"`
	After     outcome.Outcome `json:"after"`
}

// Summary counts what changed. The counts by kind are of distinct
// (runtime, canonical model) pairs, not of rows: one pair can change
// differently under several env sets, and one row can cover several
// runtimes. A pair is counted once in each section it has rows in.
type Summary struct {
	PlatformToBYOK    int `json:"platform_to_byok"` // pairs, in the billing flips
	BYOKToPlatform    int `json:"byok_to_platform"` // pairs, in the billing flips
	ProviderChanges   int `json:"provider_changes"`
	NewlyUnregistered int `json:"newly_unregistered"`
	Additions         int `json:"additions"`
	Other             int `json:"other"`
	Pairs             int `json:"pairs_changed"` // distinct pairs with any changed outcome
	Cases             int `json:"cases_compared"`
	ChangedCases      int `json:"cases_changed"`
}

// Result is what changes between two registries.
type Result struct {
	Base    string   `json:"base"`
	Head    string   `json:"head"`
	Summary Summary  `json:"summary"`
	Changes []Change `json:"changes"`
	// Credentials lists, in words (Markdown), what credential plans strip
	// or inject differently: changes of who keeps which secret.
	Credentials []string      `json:"credential_changes"`
	Prices      []PriceChange `json:"price_changes"`    // what the platform pays first
	Registry    []string      `json:"registry_changes"` // structural changes, in words (Markdown)
}

// Empty reports whether nothing changed at all.
func (d *Result) Empty() bool {
	return len(d.Changes) == 0 && len(d.Credentials) == 0 && len(d.Prices) == 0 && len(d.Registry) == 0
}

// OutcomesChanged reports whether a workspace gets another answer: a
// changed derivation or billing outcome, or a changed credential plan.
// gen delta -exit-code exits 1 then.
func (d *Result) OutcomesChanged() bool {
	return len(d.Changes) > 0 || len(d.Credentials) > 0
}

type caseResult struct {
	runtime, spelling, model, env string
	before, after                 outcome.Outcome
}

// Compute evaluates both registries with the real resolver over every
// governed runtime × every spelling either serves there × every relevant
// auth-env combination, and groups the outcomes that changed.
func Compute(old, cur *spec.Registry) *Result {
	d := &Result{Base: old.File, Head: cur.File, Changes: []Change{}, Credentials: credentialChanges(old, cur), Prices: priceChanges(old, cur), Registry: registryChanges(old, cur)}
	var results []caseResult
	for _, rt := range governedRuntimes(old, cur) {
		for _, sp := range spellingsOn(rt, old, cur) {
			results = append(results, d.compare(rt, sp, old, cur)...)
		}
	}
	d.group(results)
	d.count()
	return d
}

// compare evaluates one (runtime, spelling) under every env set worth
// trying and returns the changed cases; when every env set changed the same
// way, one case labelled "any".
func (d *Result) compare(rt, sp string, old, cur *spec.Registry) []caseResult {
	model := canonicalOf(cur, sp)
	if model == "" {
		model = canonicalOf(old, sp)
	}
	var changed []caseResult
	allSame := true
	envs := envCombos(rt, sp, old, cur)
	for _, env := range envs {
		b, a := outcome.Of(old.Resolver, rt, sp, env), outcome.Of(cur.Resolver, rt, sp, env)
		d.Summary.Cases++
		if b == a {
			allSame = false
			continue
		}
		changed = append(changed, caseResult{rt, sp, model, envLabel(env), b, a})
		if changed[0].before != b || changed[0].after != a {
			allSame = false
		}
	}
	if allSame && len(changed) > 0 {
		changed = changed[:1]
		changed[0].env = EnvAny
	}
	d.Summary.ChangedCases += len(changed)
	return changed
}

// group folds cases into rows, one per (model, env, before, after),
// listing runtimes and spellings in the order the cases were met (YAML
// order), billing flips first.
func (d *Result) group(results []caseResult) {
	type key struct {
		model, env    string
		before, after outcome.Outcome
	}
	index := map[key]int{}
	for _, r := range results {
		k := key{r.model, r.env, r.before, r.after}
		i, ok := index[k]
		if !ok {
			i = len(d.Changes)
			index[k] = i
			d.Changes = append(d.Changes, Change{Section: section(r.before, r.after), Model: r.model, Env: r.env, Before: r.before, After: r.after})
		}
		c := &d.Changes[i]
		if !slices.Contains(c.Runtimes, r.runtime) {
			c.Runtimes = append(c.Runtimes, r.runtime)
		}
		if !slices.Contains(c.Spellings, r.spelling) {
			c.Spellings = append(c.Spellings, r.spelling)
		}
	}
	slices.SortStableFunc(d.Changes, func(a, b Change) int {
		return slices.Index(sectionOrder, a.Section) - slices.Index(sectionOrder, b.Section)
	})
}

// count fills in the summary: the distinct (runtime, model) pairs of each
// section, billing flips by direction.
func (d *Result) count() {
	type pair struct{ runtime, model string }
	seen := map[*int]map[pair]bool{}
	add := func(counter *int, p pair) {
		if seen[counter] == nil {
			seen[counter] = map[pair]bool{}
		}
		if !seen[counter][p] {
			seen[counter][p] = true
			*counter++
		}
	}
	counters := map[string]*int{
		SectionProvider:     &d.Summary.ProviderChanges,
		SectionUnregistered: &d.Summary.NewlyUnregistered,
		SectionAddition:     &d.Summary.Additions,
		SectionOther:        &d.Summary.Other,
	}
	for _, c := range d.Changes {
		counter := counters[c.Section]
		switch {
		case c.Section != SectionBillingFlip:
		case c.After.Mode == string(resolver.BYOK):
			counter = &d.Summary.PlatformToBYOK
		default:
			counter = &d.Summary.BYOKToPlatform
		}
		for _, rt := range c.Runtimes {
			add(counter, pair{rt, c.Model})
			add(&d.Summary.Pairs, pair{rt, c.Model})
		}
	}
}

// section files a change: any change of who pays comes first, but a pair
// the registry did not know before is an addition, whatever it is billed
// now: its platform_managed was the fleet-safety default for unknown pairs,
// not a decision that flips. That holds for a new model's spellings on the
// runtimes that do not serve it too, which billing step 3 now bills by the
// model.
func section(b, a outcome.Outcome) string {
	known := a.Served() || a.Source == string(resolver.SourceModel)
	switch {
	case b.Source == string(resolver.SourceDefault) && a.Served(),
		b.Error == "unregistered_model" && known:
		return SectionAddition
	case b.Mode != a.Mode:
		return SectionBillingFlip
	case b.Served() && a.Served():
		return SectionProvider
	case b.Served():
		return SectionUnregistered
	case a.Served():
		return SectionAddition
	}
	return SectionOther
}

// governedRuntimes returns the runtimes governed in either registry, in
// the newest registry's order, then those it no longer has.
func governedRuntimes(old, cur *spec.Registry) []string {
	var out []string
	for _, r := range slices.Concat(old.Runtimes, cur.Runtimes) {
		if r.Governed && !slices.Contains(out, r.ID) {
			out = append(out, r.ID)
		}
	}
	rank := func(id string) int {
		if r := cur.Runtime(id); r != nil {
			return r.Row
		}
		return len(cur.Runtimes)
	}
	slices.SortStableFunc(out, func(a, b string) int { return rank(a) - rank(b) })
	return out
}

// spellingsOn returns the spellings worth trying on rt: every spelling of
// every model in either registry, those served on rt first (the newest
// registry's YAML order, then what only the old had), then the rest. A
// model not served on rt still has a billing outcome there (step 3: the
// model's platform-ness, when all its providers agree), which a change
// elsewhere can flip.
func spellingsOn(rt string, old, cur *spec.Registry) []string {
	var served, rest []string
	seen := map[string]bool{}
	for _, r := range []*spec.Registry{cur, old} {
		for _, m := range r.Models {
			for _, sp := range m.Spellings() {
				if seen[sp] {
					continue
				}
				seen[sp] = true
				if m.ServedOn(rt) || servedIn(old, sp, rt) || servedIn(cur, sp, rt) {
					served = append(served, sp)
				} else {
					rest = append(rest, sp)
				}
			}
		}
	}
	return append(served, rest...)
}

// servedIn reports whether registry r serves spelling sp on rt.
func servedIn(r *spec.Registry, sp, rt string) bool {
	m, _ := r.Lookup(sp)
	return m != nil && m.ServedOn(rt)
}

func canonicalOf(r *spec.Registry, spelling string) string {
	if m, _ := r.Lookup(spelling); m != nil {
		return m.ID
	}
	return ""
}

// envCombos returns the env sets worth trying for a spelling on a runtime:
// none, each candidate's env names alone (from either registry), and all of
// them together.
func envCombos(rt, sp string, regs ...*spec.Registry) [][]string {
	var names, owners []string // each env name and the provider it authenticates
	for _, r := range regs {
		m, _ := r.Lookup(sp)
		if m == nil {
			continue
		}
		for _, p := range m.ProvidersOn(rt) {
			for _, env := range p.AuthEnv {
				if !slices.Contains(names, env) {
					names = append(names, env)
					owners = append(owners, p.ID)
				}
			}
		}
	}
	combos := [][]string{nil}
	for _, n := range names {
		combos = append(combos, []string{n})
	}
	// With three or more candidates, two of them can swap places behind the
	// first: only a workspace holding both their names sees it. Every pair
	// of names of different providers covers every such swap.
	if distinct := slices.Compact(slices.Sorted(slices.Values(owners))); len(distinct) > 2 {
		for i := range names {
			for j := i + 1; j < len(names); j++ {
				if owners[i] != owners[j] {
					combos = append(combos, []string{names[i], names[j]})
				}
			}
		}
	}
	if len(names) > 1 {
		combos = append(combos, names)
	}
	return combos
}

func envLabel(env []string) string {
	if len(env) == 0 {
		return EnvNone
	}
	return strings.Join(env, " + ")
}
