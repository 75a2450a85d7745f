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
)

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
)

var outcomeErr = [...]error{
	found:             nil,
	noModel:           ErrNoModel,
	unknownRuntime:    ErrUnknownRuntime,
	ungovernedRuntime: ErrUngovernedRuntime,
	unregisteredModel: ErrUnregisteredModel,
	notOnRuntime:      ErrNotOnRuntime,
	ambiguous:         ErrAmbiguous,
}

// pair is a (runtime, model) pair located in the tables. It has four
// fields so that the compiler keeps it in registers.
type pair struct {
	rt   int // runtime row
	at   int // offset of the spelling's payload in ModelIndex.Keys
	prov int // the derived provider's row, once found
	kind Spelling
}

// off returns the offset of the pair's model record in Models.
func (t *Tables) off(p pair) int {
	return table.Record(t.ModelIndex.Keys, p.at)
}

// trimmed reports whether s has no surrounding space for certain: it is
// empty or starts and ends with printable ASCII. Callers use it to skip
// strings.TrimSpace on the hot path.
func trimmed(s string) bool {
	return len(s) == 0 || s[0]-0x21 < 0x5f && s[len(s)-1]-0x21 < 0x5f
}

// derive runs all derivation steps, filling in d, and returns where the
// pair is in the tables (its runtime row once known, its spelling's payload
// once found). authEnv may be nil when only the pair's platform-ness is
// wanted.
//
// This is the hot path of Derive, CheckRegistered and ResolveBillingMode.
// Everything it reads after the lookups is in the spelling's payload, right
// behind the spelling, and it looks at the providers' auth env only when
// several serve the pair.
func (t *Tables) derive(d *Derivation, runtime, model string, authEnv []string) (p pair, o outcome) {
	// Steps 1 to 3: trim, runtime, model spelling.
	if !trimmed(model) || !trimmed(runtime) {
		model, runtime = strings.TrimSpace(model), strings.TrimSpace(runtime)
	}
	if model == "" {
		return p, noModel
	}
	if p.rt = t.runtimeRow(runtime); p.rt < 0 {
		return pair{}, unknownRuntime
	}
	if !t.Runtimes[p.rt].Governed {
		return p, ungovernedRuntime
	}
	at, key := t.ModelIndex.Find(model)
	if at < 0 {
		return p, unregisteredModel
	}
	keys := t.ModelIndex.Keys
	sp := table.ReadSpelling(keys, at, t.RuntimeWords)
	p.at, p.kind = at, Spelling(sp.Kind)
	d.Spelling = p.kind
	if d.Model = ModelID(key); p.kind != SpellingCanonical {
		d.Model = ModelID(t.ModelIndex.Key(sp.Canonical))
	}
	first, n := -1, 0
	for e := sp.First(); e < sp.End(); e = sp.Next(e) {
		if !sp.Serves(keys, e, p.rt) {
			continue
		}
		prov := sp.Provider(keys, e)
		if n++; n == 1 {
			first = prov
			continue
		}
		// Several serve the pair: the first, in served_by order, whose
		// auth env is present. The first candidate's turn comes now that
		// it is known not to be alone.
		if n == 2 {
			if env := present(t.Providers[first].AuthEnv, authEnv); env != "" {
				p.prov = first
				t.chosen(d, first, env)
				return p, found
			}
		}
		if env := present(t.Providers[prov].AuthEnv, authEnv); env != "" {
			p.prov = prov
			t.chosen(d, prov, env)
			return p, found
		}
	}
	switch n {
	case 0:
		return p, notOnRuntime
	case 1:
		p.prov = first
		t.chosen(d, first, "")
		return p, found
	}
	// Rule 4 of the registry: every candidate agrees on platform-ness.
	d.Platform = t.Providers[first].Platform
	return p, ambiguous
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
			if s == n {
				return n
			}
		}
	}
	return ""
}

// Derive derives the provider that serves model on runtime, given the names
// of the auth env vars that are set (never their values). See the package
// documentation for the steps. Once the model string is known, the
// Derivation has Model and Spelling set even on ErrNotOnRuntime, and on
// ErrAmbiguous Platform too (every candidate agrees on it).
func (r *Registry) Derive(runtime, model string, authEnv []string) (d Derivation, err error) {
	t := r.tables()
	p, o := t.derive(&d, runtime, model, authEnv)
	switch o {
	case found:
		return d, nil
	case ambiguous:
		return d, t.ambiguousError(p)
	}
	return d, outcomeErr[o]
}

func (t *Tables) ambiguousError(p pair) *AmbiguousError {
	m := t.rec(t.off(p))
	e := &AmbiguousError{Runtime: t.Runtimes[p.rt].ID, Model: t.modelID(m)}
	for x := m.First(); x < m.Next(); x = m.Step(x) {
		if m.Serves(t.Models, x, p.rt) {
			prov := m.Provider(t.Models, x)
			e.Candidates = append(e.Candidates, t.Providers[prov].ID)
			e.AuthEnv = append(e.AuthEnv, t.Providers[prov].AuthEnv...)
		}
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
	row := t.ProviderIndex.LookupValue(string(p))
	return row >= 0 && t.Providers[row].Platform
}

// IsLLMCredential reports whether envName is some provider's auth env name.
func (r *Registry) IsLLMCredential(envName string) bool {
	return r.tables().EnvIndex.Lookup(envName) >= 0
}

// ModelsForRuntime returns the canonical ids of the models served on
// runtime, in YAML order. It returns an empty slice for an unknown or
// ungoverned runtime. The caller owns the slice.
func (r *Registry) ModelsForRuntime(runtime string) []ModelID {
	t := r.tables()
	rt := t.runtimeRow(trim(runtime))
	if rt < 0 || !t.Runtimes[rt].Governed {
		return []ModelID{}
	}
	var ids []ModelID
	for off, i := 0, 0; i < t.NumModels; i++ {
		m := t.rec(off)
		if t.serves(m, rt) {
			ids = append(ids, t.modelID(m))
		}
		off = m.Next()
	}
	if ids == nil {
		return []ModelID{}
	}
	return ids
}

// serves reports whether some provider serves m on runtime row rt.
func (t *Tables) serves(m table.Model, rt int) bool {
	for x := m.First(); x < m.Next(); x = m.Step(x) {
		if m.Serves(t.Models, x, rt) {
			return true
		}
	}
	return false
}

// trim is strings.TrimSpace with a fast path for the common clean string.
func trim(s string) string {
	if trimmed(s) {
		return s
	}
	return strings.TrimSpace(s)
}

// linearRuntimes is how many runtimes a plain scan of the rows beats the
// runtime index for: most ids differ in length, so a miss costs a compare
// of two integers.
const linearRuntimes = 16

// runtimeRow returns the row of runtime id, or -1.
func (t *Tables) runtimeRow(id string) int {
	if len(t.Runtimes) <= linearRuntimes {
		for i := range t.Runtimes {
			if string(t.Runtimes[i].ID) == id {
				return i
			}
		}
		return -1
	}
	return t.RuntimeIndex.LookupValue(id)
}
