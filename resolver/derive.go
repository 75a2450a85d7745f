package resolver

import (
	"errors"
	"strconv"
	"strings"
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

// pair is a (runtime, model) pair located in the tables.
type pair struct {
	rt   int      // runtime row
	m    modelRec // model record
	off  int      // its offset
	kind Spelling
	prov int // the derived provider's row, once found
}

// locate runs derivation steps 1 to 3: trim, runtime, model spelling.
func (t *Tables) locate(runtime, model string) (pair, outcome) {
	model = trim(model)
	if model == "" {
		return pair{}, noModel
	}
	s := t.RuntimeIndex.Lookup(trim(runtime))
	if s < 0 {
		return pair{}, unknownRuntime
	}
	rt := t.RuntimeIndex.Value(s)
	if !t.Runtimes[rt].Governed {
		return pair{rt: rt}, ungovernedRuntime
	}
	s = t.ModelIndex.Lookup(model)
	if s < 0 {
		return pair{rt: rt}, unregisteredModel
	}
	v := t.ModelIndex.Value(s)
	return pair{rt: rt, m: t.rec(v >> 2), off: v >> 2, kind: Spelling(v & 3)}, found
}

// derive runs all derivation steps. env may be nil when only the pair's
// platform-ness is wanted.
func (t *Tables) derive(runtime, model string, authEnv []string) (Derivation, pair, outcome) {
	p, o := t.locate(runtime, model)
	if o != found {
		return Derivation{}, p, o
	}
	d := Derivation{Model: t.modelID(p.m), Spelling: p.kind}
	first, n := -1, 0
	for i := range p.m.nEnt {
		if prov, ok := t.entry(p.m, i, p.rt); ok {
			if n == 0 {
				first = prov
			}
			n++
		}
	}
	switch n {
	case 0:
		return d, p, notOnRuntime
	case 1:
		p.prov = first
		d.Provider = t.Providers[first].ID
		d.Platform = t.Providers[first].Platform
		return d, p, found
	}
	// Rule 4 of the registry: every candidate agrees on platform-ness.
	d.Platform = t.Providers[first].Platform
	for i := range p.m.nEnt {
		prov, ok := t.entry(p.m, i, p.rt)
		if !ok {
			continue
		}
		if env := present(t.Providers[prov].AuthEnv, authEnv); env != "" {
			p.prov = prov
			d.Provider = t.Providers[prov].ID
			d.ByEnv = env
			return d, p, found
		}
	}
	return d, p, ambiguous
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
func (r *Registry) Derive(runtime, model string, authEnv []string) (Derivation, error) {
	t := r.tables()
	d, p, o := t.derive(runtime, model, authEnv)
	if o == ambiguous {
		return d, t.ambiguousError(p)
	}
	return d, outcomeErr[o]
}

func (t *Tables) ambiguousError(p pair) *AmbiguousError {
	e := &AmbiguousError{Runtime: t.Runtimes[p.rt].ID, Model: t.modelID(p.m)}
	for i := range p.m.nEnt {
		if prov, ok := t.entry(p.m, i, p.rt); ok {
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
	s := t.ProviderIndex.Lookup(string(p))
	return s >= 0 && t.Providers[t.ProviderIndex.Value(s)].Platform
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
	s := t.RuntimeIndex.Lookup(trim(runtime))
	if s < 0 {
		return []ModelID{}
	}
	rt := t.RuntimeIndex.Value(s)
	if !t.Runtimes[rt].Governed {
		return []ModelID{}
	}
	var ids []ModelID
	for off, i := 0, 0; i < t.NumModels; i++ {
		m := t.rec(off)
		if t.serves(m, rt) {
			ids = append(ids, t.modelID(m))
		}
		off = t.next(m)
	}
	if ids == nil {
		return []ModelID{}
	}
	return ids
}

func (t *Tables) serves(m modelRec, rt int) bool {
	for i := range m.nEnt {
		if _, ok := t.entry(m, i, rt); ok {
			return true
		}
	}
	return false
}

// trim is strings.TrimSpace with a fast path for the common clean string.
func trim(s string) string {
	if s == "" || (s[0] > ' ' && s[len(s)-1] > ' ' && s[0] < 0x80 && s[len(s)-1] < 0x80) {
		return s
	}
	return strings.TrimSpace(s)
}
