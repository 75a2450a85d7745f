package resolver

import (
	"errors"
	"strconv"
	"strings"

	"github.com/molecule-ai/providers/internal/table"
)

// ProviderID is a provider id from providers.yaml, such as "anthropic-oauth".
type ProviderID string

// RuntimeID is a runtime id from providers.yaml, such as "claude-code".
type RuntimeID string

// ModelID is a canonical model id from providers.yaml, such as
// "anthropic/claude-opus-4-7".
type ModelID string

// Spelling says how a model string named its model.
type Spelling uint8

const (
	// SpellingCanonical is the model's id.
	SpellingCanonical Spelling = iota
	// SpellingAlias is one of the model's aliases.
	SpellingAlias
	// SpellingLegacy is one of the model's legacy ids.
	SpellingLegacy
)

// String returns "canonical", "alias" or "legacy".
func (s Spelling) String() string {
	switch s {
	case SpellingCanonical:
		return "canonical"
	case SpellingAlias:
		return "alias"
	case SpellingLegacy:
		return "legacy"
	}
	return "Spelling(" + strconv.Itoa(int(s)) + ")"
}

// Errors returned by Derive. Test for them with errors.Is; an ambiguous
// derivation returns an *AmbiguousError, which matches ErrAmbiguous.
var (
	ErrNoModel           = errors.New("no model set")
	ErrUnknownRuntime    = errors.New("runtime is not in the registry")
	ErrUngovernedRuntime = errors.New("runtime is not governed by the registry")
	ErrUnregisteredModel = errors.New("model is not registered")
	ErrNotOnRuntime      = errors.New("model is not served on this runtime")
	ErrAmbiguous         = errors.New("several providers serve the model and no auth env chooses one")
	ErrInvalidOverride   = errors.New("invalid billing override")

	// ErrNoRegistry is the error of a nil or zero Registry, which knows no
	// runtime: it matches ErrUnknownRuntime too, so checks fail open, but
	// says what is wrong.
	ErrNoRegistry error = noRegistryError{}
)

// noRegistryError is ErrNoRegistry: a type rather than fmt.Errorf, so that
// the package's initialization does no work (providersgen's TestNoInitWork).
type noRegistryError struct{}

func (noRegistryError) Error() string {
	return "the registry is unavailable (a nil or zero Registry): " + ErrUnknownRuntime.Error()
}

func (noRegistryError) Unwrap() error { return ErrUnknownRuntime }

// AmbiguousError reports a (runtime, model) pair served by several providers
// when none of their auth env names was present.
type AmbiguousError struct {
	Runtime    RuntimeID
	Model      ModelID
	Candidates []ProviderID // in served_by order
	AuthEnv    []string     // the env names that would choose, in that order
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	b.WriteString("model ")
	b.WriteString(strconv.Quote(string(e.Model)))
	b.WriteString(" on runtime ")
	b.WriteString(strconv.Quote(string(e.Runtime)))
	b.WriteString(" is served by ")
	for i, c := range e.Candidates {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(c))
	}
	b.WriteString(" and no auth env chooses one; set one of ")
	b.WriteString(strings.Join(e.AuthEnv, ", "))
	return b.String()
}

// Is reports whether target is ErrAmbiguous.
func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// Derivation is the outcome of Derive.
type Derivation struct {
	Provider ProviderID // empty unless Derive succeeded
	Model    ModelID    // the canonical id, once the model string is known
	Spelling Spelling   // how the model string named it
	Platform bool       // whether the platform pays; known once the pair is served, even when ambiguous
	ByEnv    string     // the auth env name that chose among several providers, else empty
}

// outcome is Derive's result without an error value, so that callers inside
// the package can branch on it without building (and allocating) errors.
type outcome uint8

const (
	found outcome = iota
	noModel
	unknownRuntime
	ungovernedRuntime
	unregisteredModel
	notOnRuntime
	ambiguous
	noRegistry
)

var outcomeErr = [...]error{
	found:             nil,
	noModel:           ErrNoModel,
	unknownRuntime:    ErrUnknownRuntime,
	ungovernedRuntime: ErrUngovernedRuntime,
	unregisteredModel: ErrUnregisteredModel,
	notOnRuntime:      ErrNotOnRuntime,
	ambiguous:         ErrAmbiguous,
	noRegistry:        ErrNoRegistry,
}

// pair is a (runtime, model) pair located in the tables.
type pair struct {
	rt   int // runtime row
	gov  int // its governed index
	at   int // offset of the spelling's record in Spellings
	prov int // the derived provider's row, once found
}

// trimmed reports whether s has no surrounding space for certain: it is
// empty or starts and ends with printable ASCII. Callers use it to skip
// strings.TrimSpace.
func trimmed(s string) bool {
	return len(s) == 0 || s[0]-0x21 < 0x5f && s[len(s)-1]-0x21 < 0x5f
}

// Derive derives the provider that serves model on runtime, given the names
// of the auth env vars that are set (never their values). See the package
// documentation for the steps. Once the model string is known, the
// Derivation has Model and Spelling set even on ErrNotOnRuntime, and on
// ErrAmbiguous Platform too (every candidate agrees on it).
func (r *Registry) Derive(runtime, model string, authEnv []string) (Derivation, error) {
	t := r.tables()
	// The hit path: a governed runtime and a spelling the hit paths look
	// up, each found with one hash and one record, and a provider that the
	// record names, or that the caller's env chooses among its candidates.
	if g, gov, at := t.Index.Hit(runtime, model); at >= 0 {
		x := &t.Spellings
		v := x.Layout.Provider(x.Records, at, gov)
		var row *ProviderRow
		var env string
		switch {
		case uint(v-1) < table.Several-1:
			row = &t.Providers[v-1]
		case v >= table.Several:
			row, env = t.chooseHit(at, v, authEnv)
		}
		if row != nil {
			kind := x.Layout.Kind(x.Records, at)
			m := ModelID(x.Records[at : at+len(model)])
			if kind != 0 {
				m = t.canonicalModel(at)
			}
			return Derivation{Provider: row.ID, Model: m, Spelling: Spelling(kind), Platform: row.Platform, ByEnv: env}, nil
		}
		return t.deriveAt(g, gov, at, len(model), authEnv)
	} else if g >= 0 && t.Spellings.Windowed(len(model)) && trimmed(model) {
		return Derivation{}, ErrUnregisteredModel
	}
	return t.deriveSlow(runtime, model, authEnv)
}

// chooseHit is step 6 on the hit path: the provider row, among the
// candidates that provider field v of the spelling record at at points
// to, with an auth env name in authEnv, and that name; nil when none.
func (t *Tables) chooseHit(at, v int, authEnv []string) (*ProviderRow, string) {
	x := &t.Spellings
	c, k := table.Candidates(t.Lists, x.Layout.List(x.Records, at), v)
	for i := range k {
		row := &t.Providers[table.Candidate(t.Lists, c, i)]
		for _, name := range row.AuthEnv {
			for _, s := range authEnv {
				if table.Equal(s, name) {
					return row, name
				}
			}
		}
	}
	return nil, ""
}

// deriveAt derives the pair of the runtime payload g and governed index gov
// and the record at at of a spelling of n bytes, when the hit path found
// both but no provider: the spelling is not served there, or the env
// chooses none of its candidates.
func (t *Tables) deriveAt(g, gov, at, n int, authEnv []string) (Derivation, error) {
	var d Derivation
	switch p, o := t.deriveHit(&d, g, gov, at, n, authEnv); o {
	case found:
		return d, nil
	case ambiguous:
		return d, t.ambiguousError(p)
	default:
		return d, outcomeErr[o]
	}
}

// deriveHit is steps 4 to 6 for a pair the hit path found: the runtime
// payload g and governed index gov, the record at at of a spelling of n
// bytes.
func (t *Tables) deriveHit(d *Derivation, g, gov, at, n int, authEnv []string) (pair, outcome) {
	x := &t.Spellings
	kind := x.Layout.Kind(x.Records, at)
	d.Model, d.Spelling = ModelID(x.Records[at:at+n]), Spelling(kind)
	if kind != 0 {
		d.Model = t.canonicalModel(at)
	}
	p := pair{rt: -1, gov: gov, at: at}
	switch v := x.Layout.Provider(x.Records, at, gov); {
	case v == 0:
		p.rt, _ = table.Runtime(t.RuntimeIndex.Records, g)
		return p, notOnRuntime
	case v >= table.Several:
		p, o := t.choose(d, p, v, authEnv)
		if o != found {
			p.rt, _ = table.Runtime(t.RuntimeIndex.Records, g)
		}
		return p, o
	default:
		p.prov = v - 1
		t.chosen(d, p.prov, "")
		return p, found
	}
}

// deriveSlow is Derive's full path, for what the hit path does not look up.
func (t *Tables) deriveSlow(runtime, model string, authEnv []string) (Derivation, error) {
	var d Derivation
	p, o := t.derive(&d, runtime, model, authEnv)
	switch o {
	case found:
		return d, nil
	case ambiguous:
		return d, t.ambiguousError(p)
	}
	return d, outcomeErr[o]
}

// canonicalModel returns the id of the model of the alias or legacy id
// record at at, as the tables hold it.
func (t *Tables) canonicalModel(at int) ModelID {
	x := &t.Spellings
	slot, n := x.Layout.Canonical(x.Records, at), x.Layout.CanonLen(x.Records, at)
	if n == table.LongKey {
		return t.modelID(at)
	}
	at = x.Record(slot)
	return ModelID(x.Records[at : at+n])
}

// derive runs all derivation steps, filling in d, and returns where the
// pair is in the tables (its runtime row once known, its spelling's record
// once found). authEnv may be nil when only the pair's platform-ness is
// wanted.
func (t *Tables) derive(d *Derivation, runtime, model string, authEnv []string) (p pair, o outcome) {
	if g, gov, at := t.Index.Hit(runtime, model); at >= 0 {
		return t.deriveHit(d, g, gov, at, len(model), authEnv)
	} else if g >= 0 && t.Spellings.Windowed(len(model)) && trimmed(model) {
		return pair{gov: gov}, unregisteredModel
	}
	// Steps 1 to 3: trim, runtime, model spelling.
	if !trimmed(model) || !trimmed(runtime) {
		model, runtime = strings.TrimSpace(model), strings.TrimSpace(runtime)
	}
	if model == "" {
		return p, noModel
	}
	if t == &emptyTables {
		return pair{rt: -1}, noRegistry
	}
	if p.rt, p.gov = t.runtime(runtime); p.rt < 0 {
		return pair{rt: -1}, unknownRuntime
	}
	if p.gov == table.NotGoverned {
		return p, ungovernedRuntime
	}
	x := &t.Spellings
	if p.at = x.Find(model); p.at < 0 {
		return p, unregisteredModel
	}
	d.Spelling = Spelling(x.Layout.Kind(x.Records, p.at))
	d.Model = t.modelID(p.at)
	// Steps 4 to 6: the providers serving the pair.
	switch v := x.Layout.Provider(x.Records, p.at, p.gov); {
	case v == 0:
		return p, notOnRuntime
	case v >= table.Several:
		return t.choose(d, p, v, authEnv)
	default:
		p.prov = v - 1
		t.chosen(d, p.prov, "")
		return p, found
	}
}

// choose is step 6: the first provider, in served_by order, serving the
// pair with an auth env name in authEnv.
func (t *Tables) choose(d *Derivation, p pair, v int, authEnv []string) (pair, outcome) {
	at, n := t.candidates(p.at, v)
	for i := range n {
		prov := table.Candidate(t.Lists, at, i)
		if env := present(t.Providers[prov].AuthEnv, authEnv); env != "" {
			p.prov = prov
			t.chosen(d, prov, env)
			return p, found
		}
	}
	// Rule 4 of the registry: every candidate agrees on platform-ness.
	d.Platform = t.Providers[table.Candidate(t.Lists, at, 0)].Platform
	return p, ambiguous
}

// candidates returns where the providers serving a pair are in Lists, and
// how many there are: v is the provider field of the spelling record at
// rec, at least table.Several.
func (t *Tables) candidates(rec, v int) (at, n int) {
	x := &t.Spellings
	return table.Candidates(t.Lists, x.Layout.List(x.Records, rec), v)
}

// chosen fills in d for provider row prov, chosen by env (or alone).
func (t *Tables) chosen(d *Derivation, prov int, env string) {
	row := &t.Providers[prov]
	d.Provider, d.Platform, d.ByEnv = row.ID, row.Platform, env
}

// present returns the first of names that is in set, as the registry spells
// it: returning the caller's string would make set's contents escape.
func present(names, set []string) string {
	for _, n := range names {
		for _, s := range set {
			if table.Equal(s, n) {
				return n
			}
		}
	}
	return ""
}

func (t *Tables) ambiguousError(p pair) *AmbiguousError {
	e := &AmbiguousError{Runtime: t.Runtimes[p.rt].ID, Model: t.modelID(p.at)}
	x := &t.Spellings
	at, n := t.candidates(p.at, x.Layout.Provider(x.Records, p.at, p.gov))
	for i := range n {
		prov := &t.Providers[table.Candidate(t.Lists, at, i)]
		e.Candidates = append(e.Candidates, prov.ID)
		e.AuthEnv = append(e.AuthEnv, prov.AuthEnv...)
	}
	return e
}

// DeriveProvider is Derive's provider alone.
func (r *Registry) DeriveProvider(runtime, model string, authEnv []string) (ProviderID, error) {
	d, err := r.Derive(runtime, model, authEnv)
	return d.Provider, err
}

// IsPlatform reports whether p is a platform provider. It is closed: an
// unknown id is not the platform.
func (r *Registry) IsPlatform(p ProviderID) bool {
	t := r.tables()
	at := t.ProviderIndex.Lookup(string(p))
	return at >= 0 && t.Providers[table.Num2(t.ProviderIndex.Records, at+table.ProviderRow)].Platform
}

// ModelsForRuntime returns the canonical ids of the models served on
// runtime, in YAML order. It returns an empty slice for an unknown or
// ungoverned runtime. The caller owns the slice.
func (r *Registry) ModelsForRuntime(runtime string) []ModelID {
	t := r.tables()
	_, gov := t.runtime(trim(runtime))
	ids := []ModelID{}
	if gov == table.NotGoverned {
		return ids
	}
	for off, i := 1, 0; i < t.NumModels; i++ {
		m := table.ReadModel(t.Models, off)
		off = m.Next()
		x := &t.Spellings
		if at := x.Record(m.Slot(t.Models, 0)); x.Layout.Provider(x.Records, at, gov) != 0 {
			ids = append(ids, ModelID(x.Key(at)))
		}
	}
	return ids
}

// trim is strings.TrimSpace with a fast path for the common clean string.
func trim(s string) string {
	if trimmed(s) {
		return s
	}
	return strings.TrimSpace(s)
}
