package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/bench/baseline"
	"github.com/molecule-ai/providers/resolver"
)

// The questions the benchmarks ask, by kind. Each kind holds one question
// per eligible model, in a shuffled order, so that a benchmark cycling
// through them touches the whole table rather than one hot key: at 100,000
// models the table no longer fits in the caches, and the figures show it.
const (
	kindSingle   = "single"   // canonical id, one provider serves it on the runtime
	kindByEnv    = "env"      // canonical id, several providers: the env chooses
	kindAlias    = "alias"    // an alias
	kindLegacy   = "legacy"   // a legacy id
	kindMiss     = "miss"     // an unregistered spelling on a governed runtime
	kindHit      = "hit"      // single and env questions interleaved
	kindProvider = "provider" // a provider id (IsPlatform)
)

// unrelatedEnv is an env name no provider uses, present in every question
// as it would be in a real workspace's environment.
const unrelatedEnv = "GITHUB_TOKEN"

// question is one line of cases.txt: kind, runtime, model, env names.
type question struct {
	kind, runtime, model string
	env                  []string
}

func (q question) line() string {
	return strings.Join([]string{q.kind, q.runtime, q.model, strings.Join(q.env, ",")}, "\t") + "\n"
}

// questions derives the benchmark questions of a registry, checking each
// answer with the map-based baseline so that a benchmark can fail on a
// wrong answer. The order depends only on the registry.
func questions(f *baseline.File) ([]question, error) {
	reg, err := baseline.New(f)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(uint64(len(f.Models)), 0x9e3779b97f4a7c15))
	var qs []question
	for _, p := range f.Providers {
		qs = append(qs, question{kind: kindProvider, model: p.ID})
	}
	envOf := map[string][]string{}
	for _, p := range f.Providers {
		envOf[p.ID] = p.AuthEnv
	}
	for k, i := range rng.Perm(len(f.Models)) {
		m := f.Models[i]
		var rts []string
		for _, s := range m.ServedBy {
			for _, rt := range s.Runtimes {
				if !slices.Contains(rts, rt) {
					rts = append(rts, rt)
				}
			}
		}
		rt := rts[rng.IntN(len(rts))]
		d, err := reg.Derive(rt, m.ID, nil)
		var env []string
		kind := kindSingle
		switch {
		case err == nil:
			env = []string{unrelatedEnv}
			if e := envOf[string(d.Provider)]; len(e) > 0 {
				env = append(env, e[0]) // the owner's key is set
			}
		case errors.Is(err, resolver.ErrAmbiguous):
			// Alternately the first and the last candidate: Derive looks at
			// the candidates before the chosen one.
			var cands []string
			for _, s := range m.ServedBy {
				if slices.Contains(s.Runtimes, rt) {
					cands = append(cands, s.Provider)
				}
			}
			c := cands[0]
			if k%2 == 1 {
				c = cands[len(cands)-1]
			}
			env = []string{unrelatedEnv, envOf[c][len(envOf[c])-1]}
			kind = kindByEnv
		default:
			return nil, fmt.Errorf("model %s on %s: %v", m.ID, rt, err)
		}
		q := question{kind: kind, runtime: rt, model: m.ID, env: env}
		qs = append(qs, q)
		q.kind = kindHit
		qs = append(qs, q)
		for _, a := range m.Aliases {
			qs = append(qs, question{kind: kindAlias, runtime: rt, model: a, env: env})
		}
		for _, l := range m.LegacyIDs {
			qs = append(qs, question{kind: kindLegacy, runtime: rt, model: l, env: env})
		}
		miss := typo(m.ID, k)
		if _, err := reg.Derive(rt, miss, nil); !errors.Is(err, resolver.ErrUnregisteredModel) {
			miss = m.ID + "-nightly"
		}
		qs = append(qs, question{kind: kindMiss, runtime: rt, model: miss, env: env})
	}
	for _, q := range qs {
		if q.kind == kindProvider {
			continue
		}
		_, err := reg.Derive(q.runtime, q.model, q.env)
		if (err == nil) == (q.kind == kindMiss) {
			return nil, fmt.Errorf("question %q on %q: unexpected answer %v", q.model, q.runtime, err)
		}
	}
	return qs, nil
}

// typo returns a misspelling of id: a changed, dropped or added character,
// as a person would make it.
func typo(id string, k int) string {
	i := len(id) / 2
	switch k % 3 {
	case 0:
		c := "x"
		if id[i] == 'x' {
			c = "y"
		}
		return id[:i] + c + id[i+1:]
	case 1:
		return id[:i] + id[i+1:]
	}
	return id + "-latest"
}
