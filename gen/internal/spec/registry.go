package spec

import (
	"cmp"
	"path/filepath"
	"slices"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/resolver"
)

// Registry is a valid providers.yaml: the model that every emitter and
// subcommand reads. Everything a reader asks of it (the constant names, the
// providers serving a pair, the spellings of a model) is computed once, when
// the registry is built, and answered by the methods below; nothing is
// matched by position or recomputed in an output.
//
// Tables and Resolver are the registry compiled in memory: the same
// resolver.Tables value the generated Go code spells out, so that gen delta,
// gen explain and the test vectors run the real resolver over exactly what
// would be generated. A Registry and everything it points to is read-only.
type Registry struct {
	File      string // the input's name in messages
	SHA256    string // hex SHA-256 of the input's bytes
	Providers []*Provider
	Runtimes  []*Runtime
	Models    []*Model
	Warnings  []Diag // what -strict would refuse, by position

	Tables   *resolver.Tables
	Resolver *resolver.Registry

	providers map[string]*Provider
	runtimes  map[string]*Runtime
	spellings map[string]spelled
	governed  map[string]int // each governed runtime's position among them
	authEnv   []string
	injectEnv []string
	nSpelling int
}

// Provider is one entry of providers.
type Provider struct {
	ID        string
	Name      string // the id when providers.yaml gives none
	Platform  bool
	AuthEnv   []string
	InjectEnv []string // platform providers: what the platform injects
	GoName    string   // go_name as written, or ""
	Const     string   // the generated constant, such as ProviderAnthropicOAuth
	Row       int      // position in Registry.Providers
	Line      int      // line of its id in the input
}

// Runtime is one entry of runtimes.
type Runtime struct {
	ID       string
	Name     string
	Governed bool
	GoName   string
	Const    string // such as RuntimeClaudeCode
	Row      int
	Line     int
}

// Model is one entry of models.
type Model struct {
	ID        string
	Name      string
	Aliases   []string
	LegacyIDs []string
	Served    []Served // in served_by order
	Row       int
	Line      int
	Col       int // of its id in the input

	Lifecycle     resolver.Lifecycle
	DeprecatedOn  string // YYYY-MM-DD, or ""
	RetiresOn     string // YYYY-MM-DD, or ""
	ReplacedBy    string // a model id, or ""
	ContextWindow int    // tokens; 0 when not given
	MaxOutput     int    // tokens; 0 when not given

	spellings []string   // the id, the aliases, the legacy ids: Aliases and LegacyIDs are parts of it
	on        []servedOn // by runtime, in the order they first appear in served_by
}

// servedOn is the providers serving a model on one runtime, in served_by
// order. A model has a few: a list is smaller than a map, and as fast.
type servedOn struct {
	runtime   string
	providers []*Provider
}

// Served is one served_by entry.
type Served struct {
	Provider *Provider
	Runtimes []*Runtime
	Price    *Price            // nil when the entry has none
	Upstream map[string]string // its upstream reference by catalogue (CatalogueModelsDev, ...); nil when none
}

type spelled struct {
	model *Model
	kind  resolver.Spelling
}

// Spellings returns every spelling of m: its id, then its aliases, then its
// legacy ids. The caller must not change the slice.
func (m *Model) Spellings() []string { return m.spellings }

// ProvidersOn returns the providers serving m on runtime, in served_by
// order, or nil. The caller must not change the slice.
func (m *Model) ProvidersOn(runtime string) []*Provider {
	for i := range m.on {
		if m.on[i].runtime == runtime {
			return m.on[i].providers
		}
	}
	return nil
}

// ServedOn reports whether some provider serves m on runtime.
func (m *Model) ServedOn(runtime string) bool { return len(m.ProvidersOn(runtime)) > 0 }

// RuntimeIDs returns the ids of the runtimes serving m, in the order they
// first appear in served_by.
func (m *Model) RuntimeIDs() []string {
	out := make([]string, len(m.on))
	for i, on := range m.on {
		out[i] = on.runtime
	}
	return out
}

// ServedBy reports whether provider id serves m on any runtime.
func (m *Model) ServedBy(id string) bool {
	return slices.ContainsFunc(m.Served, func(e Served) bool { return e.Provider.ID == id })
}

// Source is the input's name as generated files give it: its base name, so
// that their bytes do not depend on the directory gen ran in (go generate
// in providersgen/ and go run ./gen at the root agree), with any character
// that could break a header (a line break, "-->", a backquote, invalid
// UTF-8) replaced by '_'.
func (r *Registry) Source() string { return inert.FileName(filepath.Base(r.File)) }

// Provider returns the provider with id, or nil.
func (r *Registry) Provider(id string) *Provider { return r.providers[id] }

// Runtime returns the runtime with id, or nil.
func (r *Registry) Runtime(id string) *Runtime { return r.runtimes[id] }

// Lookup returns the model a spelling names (exactly, as Derive matches
// it) and how it names it, or nil.
func (r *Registry) Lookup(spelling string) (*Model, resolver.Spelling) {
	s, ok := r.spellings[spelling]
	if !ok {
		return nil, 0
	}
	return s.model, s.kind
}

// AuthEnv returns every provider's auth env names, each once, in YAML
// order. The caller must not change the slice.
func (r *Registry) AuthEnv() []string { return r.authEnv }

// InjectEnv returns every platform provider's inject env names, each once,
// in YAML order. The caller must not change the slice.
func (r *Registry) InjectEnv() []string { return r.injectEnv }

// SolePlatform returns the registry's only platform provider, or nil when
// it has none or several: whose inject_env a decision by default or by the
// model (billing steps 3 and 4) injects.
func (r *Registry) SolePlatform() *Provider {
	var only *Provider
	for _, p := range r.Providers {
		if !p.Platform {
			continue
		}
		if only != nil {
			return nil // several: none is the obvious one
		}
		only = p
	}
	return only
}

// NumSpellings returns the number of model spellings: ids, aliases and
// legacy ids.
func (r *Registry) NumSpellings() int { return r.nSpelling }

// Governed returns the governed runtimes, in YAML order.
func (r *Registry) Governed() []*Runtime {
	var out []*Runtime
	for _, rt := range r.Runtimes {
		if rt.Governed {
			out = append(out, rt)
		}
	}
	return out
}

// newRegistry builds the model of a doc that passed every rule. It
// consumes d: nothing may read its models after it.
func newRegistry(d *doc) *Registry {
	n := 0
	for _, m := range d.models {
		n += 1 + len(m.aliases) + len(m.legacy)
	}
	r := &Registry{
		providers: map[string]*Provider{},
		runtimes:  map[string]*Runtime{},
		spellings: make(map[string]spelled, n), // sized once: a model can have a million spellings
		governed:  map[string]int{},
	}
	envSeen := map[string]bool{}
	for i, p := range d.providers {
		pr := &Provider{
			ID: p.id.s, Name: p.name, Platform: p.platform, AuthEnv: strs(p.authEnv), InjectEnv: strs(p.injectEnv),
			GoName: p.goName.s, Const: constName("Provider", p.id.s, p.goName.s), Row: i, Line: int(p.id.pos.Line),
		}
		r.Providers = append(r.Providers, pr)
		r.providers[pr.ID] = pr
		for _, e := range pr.AuthEnv {
			if !envSeen[e] {
				envSeen[e] = true
				r.authEnv = append(r.authEnv, e)
			}
		}
		for _, e := range pr.InjectEnv {
			if !slices.Contains(r.injectEnv, e) {
				r.injectEnv = append(r.injectEnv, e)
			}
		}
	}
	for i, x := range d.runtimes {
		rt := &Runtime{
			ID: x.id.s, Name: x.name, Governed: x.governed,
			GoName: x.goName.s, Const: constName("Runtime", x.id.s, x.goName.s), Row: i, Line: int(x.id.pos.Line),
		}
		r.Runtimes = append(r.Runtimes, rt)
		r.runtimes[rt.ID] = rt
		if rt.Governed {
			r.governed[rt.ID] = len(r.governed)
		}
	}
	// The doc's models are released as they are built: at 100,000 models
	// the doc and the registry would otherwise both be whole.
	r.Models = make([]*Model, 0, len(d.models))
	for i := range d.models {
		r.Models = append(r.Models, r.newModel(i, &d.models[i]))
		d.models[i] = modelSpec{}
	}
	return r
}

// newModel builds model i, x, and adds its spellings to r.
func (r *Registry) newModel(i int, x *modelSpec) *Model {
	m := &Model{
		ID: x.id.s, Name: x.name, spellings: strs(slices.Concat([]str{x.id}, x.aliases, x.legacy)),
		Row: i, Line: int(x.id.pos.Line), Col: int(x.id.pos.Col),
		DeprecatedOn: x.deprecatedOn.s, RetiresOn: x.retiresOn.s, ReplacedBy: x.replacedBy.s,
		ContextWindow: x.contextWindow, MaxOutput: x.maxOutput,
	}
	na := 1 + len(x.aliases)
	m.Aliases, m.LegacyIDs = m.spellings[1:na:na], m.spellings[na:]
	m.Lifecycle, _ = resolver.ParseLifecycle(cmp.Or(x.status.s, resolver.LifecycleActive.String()))
	for j, sp := range m.spellings {
		kind := resolver.SpellingCanonical
		switch {
		case j > len(m.Aliases):
			kind = resolver.SpellingLegacy
		case j > 0:
			kind = resolver.SpellingAlias
		}
		r.spellings[sp] = spelled{m, kind}
	}
	r.nSpelling += len(m.spellings)
	for _, e := range x.served {
		s := Served{Provider: r.providers[e.provider.s], Price: newPrice(e.price), Upstream: upstreamRefs(e.upstream)}
		for _, id := range e.runtimes {
			rt := r.runtimes[id.s]
			s.Runtimes = append(s.Runtimes, rt)
			m.serve(rt.ID, s.Provider)
		}
		m.Served = append(m.Served, s)
	}
	return m
}

func upstreamRefs(m map[string]str) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for c, s := range m {
		out[c] = s.s
	}
	return out
}

// serve records that p serves m on runtime.
func (m *Model) serve(runtime string, p *Provider) {
	for i := range m.on {
		if m.on[i].runtime == runtime {
			m.on[i].providers = append(m.on[i].providers, p)
			return
		}
	}
	m.on = append(m.on, servedOn{runtime, []*Provider{p}})
}

func strs(l []str) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = s.s
	}
	return out
}
