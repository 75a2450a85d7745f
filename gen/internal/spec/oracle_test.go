package spec_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

func TestShippedRegistryIsStrictClean(t *testing.T) {
	if _, err := spec.Load("../../../providers.yaml", true); err != nil {
		t.Fatalf("providers.yaml has warnings: %v", err)
	}
}

// oracleRegistries are the registries the oracles check, each with its
// compiled package.
var oracleRegistries = []oracleRegistry{
	{"../../../providers.yaml", providersgen.Registry},
	{"../../../internal/fixture/fixture.yaml", fixture.Registry},
}

type oracleRegistry struct {
	in       string
	compiled *resolver.Registry
}

func (c oracleRegistry) load(t *testing.T) *spec.Registry {
	t.Helper()
	reg, err := spec.Load(c.in, false)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestOracle checks the compact tables against a slow scan of the parsed
// YAML, for every runtime × spelling × relevant env combination, through
// both the in-memory registry and the compiled package.
func TestOracle(t *testing.T) {
	for _, c := range oracleRegistries {
		reg := c.load(t)
		n := 0
		forEachCase(reg, func(rt, model string, env []string) {
			n++
			want, wantErr := slowDerive(reg, rt, model, env)
			for name, r := range map[string]*resolver.Registry{"in-memory": reg.Resolver, "compiled": c.compiled} {
				got, err := r.Derive(rt, model, env)
				if !errors.Is(err, wantErr) || (wantErr == nil) != (err == nil) || got != want {
					t.Fatalf("%s %s: Derive(%q, %q, %q) = %+v, %v; slow scan says %+v, %v", c.in, name, rt, model, env, got, err, want, wantErr)
				}
			}
		})
		if n < 1000 {
			t.Fatalf("%s: only %d cases", c.in, n)
		}
		t.Logf("%s: %d cases agree", c.in, n)
	}
}

// forEachCase calls fn for every runtime (and an unknown one) × every
// spelling (and misses) × env sets: none, each env name alone, and all the
// names of the providers serving the spelling.
func forEachCase(reg *spec.Registry, fn func(runtime, model string, env []string)) {
	runtimes := []string{"no-such-runtime", ""}
	for _, r := range reg.Runtimes {
		runtimes = append(runtimes, r.ID, " "+r.ID+"\t")
	}
	models := []string{"", "  ", "no-such-model"}
	for _, m := range reg.Models {
		models = append(models, strings.ToUpper(m.ID), m.ID+" ")
		models = append(models, m.Spellings()...)
	}
	var allEnv []string
	for _, p := range reg.Providers {
		allEnv = append(allEnv, p.AuthEnv...)
	}
	for _, rt := range runtimes {
		for _, m := range models {
			fn(rt, m, nil)
			fn(rt, m, []string{"UNRELATED"})
			fn(rt, m, allEnv)
			rev := slices.Clone(allEnv)
			slices.Reverse(rev)
			fn(rt, m, rev)
			for _, e := range allEnv {
				fn(rt, m, []string{e})
			}
		}
	}
}

// slowDerive is the derivation of docs/design.md read straight off the
// registry's model, one list at a time, with no index.
func slowDerive(reg *spec.Registry, runtime, model string, env []string) (resolver.Derivation, error) {
	runtime, model = strings.TrimSpace(runtime), strings.TrimSpace(model)
	if model == "" {
		return resolver.Derivation{}, resolver.ErrNoModel
	}
	var rt *spec.Runtime
	for _, r := range reg.Runtimes {
		if r.ID == runtime {
			rt = r
		}
	}
	if rt == nil {
		return resolver.Derivation{}, resolver.ErrUnknownRuntime
	}
	if !rt.Governed {
		return resolver.Derivation{}, resolver.ErrUngovernedRuntime
	}
	var m *spec.Model
	spelling := resolver.SpellingCanonical
	for _, x := range reg.Models {
		if x.ID == model {
			m = x
		}
	}
	for _, x := range reg.Models {
		if m == nil && slices.Contains(x.Aliases, model) {
			m, spelling = x, resolver.SpellingAlias
		}
	}
	for _, x := range reg.Models {
		if m == nil && slices.Contains(x.LegacyIDs, model) {
			m, spelling = x, resolver.SpellingLegacy
		}
	}
	if m == nil {
		return resolver.Derivation{}, resolver.ErrUnregisteredModel
	}
	d := resolver.Derivation{Model: resolver.ModelID(m.ID), Spelling: spelling}
	var cands []*spec.Provider
	for _, e := range m.Served {
		for _, r := range e.Runtimes {
			if r.ID == runtime {
				cands = append(cands, e.Provider)
			}
		}
	}
	switch len(cands) {
	case 0:
		return d, resolver.ErrNotOnRuntime
	case 1:
		d.Provider, d.Platform = resolver.ProviderID(cands[0].ID), cands[0].Platform
		return d, nil
	}
	d.Platform = cands[0].Platform
	for _, c := range cands {
		for _, e := range c.AuthEnv {
			if slices.Contains(env, e) {
				d.Provider, d.ByEnv = resolver.ProviderID(c.ID), e
				return d, nil
			}
		}
	}
	return d, resolver.ErrAmbiguous
}

// TestOracleModelsAndPrices checks Model and Price from the compact tables
// against the registry's model, for every spelling (and misses) and every
// provider, through both the in-memory registry and the compiled package.
func TestOracleModelsAndPrices(t *testing.T) {
	priced := 0
	for _, c := range oracleRegistries {
		reg := c.load(t)
		spellings := []string{"", "no-such-model"}
		for _, m := range reg.Models {
			spellings = append(spellings, " "+m.ID+"\n", strings.ToUpper(m.ID))
			spellings = append(spellings, m.Spellings()...)
		}
		for _, sp := range spellings {
			m, kind := reg.Lookup(strings.TrimSpace(sp))
			want := resolver.ModelInfo{}
			if m != nil {
				want = resolver.ModelInfo{
					ID: resolver.ModelID(m.ID), Name: m.Name, Spelling: kind, Lifecycle: m.Lifecycle,
					DeprecatedOn: m.DeprecatedOn, RetiresOn: m.RetiresOn, ReplacedBy: resolver.ModelID(m.ReplacedBy),
					ContextWindow: m.ContextWindow, MaxOutput: m.MaxOutput,
				}
			}
			for name, r := range map[string]*resolver.Registry{"in-memory": reg.Resolver, "compiled": c.compiled} {
				if got, ok := r.Model(sp); got != want || ok != (m != nil) {
					t.Fatalf("%s %s: Model(%q) = %+v, %v; the registry says %+v", c.in, name, sp, got, ok, want)
				}
				for _, p := range append(slices.Clone(reg.Providers), &spec.Provider{ID: "no-such-provider"}) {
					var wantPrice *spec.Price
					if m != nil {
						for _, e := range m.Served {
							if e.Provider.ID == p.ID {
								wantPrice = e.Price
							}
						}
					}
					got, ok := r.Price(resolver.ProviderID(p.ID), sp)
					if ok != (wantPrice != nil) || ok && !samePrice(got, wantPrice) {
						t.Fatalf("%s %s: Price(%q, %q) = %+v, %v; the registry says %+v", c.in, name, p.ID, sp, got, ok, wantPrice)
					}
					if ok {
						priced++
					}
				}
			}
		}
	}
	if priced == 0 {
		t.Fatal("no price in either registry")
	}
}

func samePrice(p resolver.Price, q *spec.Price) bool {
	if p.Base() != q.Base || p.NumTiers() != len(q.Tiers) {
		return false
	}
	for i, t := range q.Tiers {
		if p.Tier(i) != t {
			return false
		}
	}
	return true
}
