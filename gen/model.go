package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/molecule-ai/providers/internal/table"
	"github.com/molecule-ai/providers/resolver"
)

// Registry is a validated providers.yaml compiled in memory: the same
// resolver.Tables value the generated code spells out, so gen delta and gen
// explain run the real resolver over exactly what would be generated.
type Registry struct {
	File      string
	SHA256    string
	Spec      *spec
	Tables    *resolver.Tables
	Resolver  *resolver.Registry
	Warnings  []Diag
	Spellings int
}

// Load reads, validates and compiles the providers.yaml at path. Bad input
// is an *InputError listing every problem; with strict, warnings are too.
func Load(path string, strict bool) (*Registry, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	return Compile(path, data, strict)
}

// Compile is Load for bytes already read; name is used in messages.
func Compile(name string, data []byte, strict bool) (*Registry, error) {
	var ds diags
	root := parse(data, &ds)
	scanSecrets(data, &ds)
	var s *spec
	if root != nil {
		validateSchema(root, &ds)
		s = decodeSpec(root)
		checkRules(s, &ds)
	}
	errs, warns := ds.errors(), ds.warnings()
	if strict {
		// -strict: the warnings are errors, and say so (with "(-strict)").
		errs = ds.sorted()
		for i := range errs {
			if errs[i].Warning {
				errs[i].Warning = false
				errs[i].Msg += " (an error under -strict)"
			}
		}
	}
	if len(errs) > 0 {
		return nil, &InputError{File: name, Diags: errs}
	}
	t, n, err := buildTables(s)
	if err != nil {
		return nil, &InputError{File: name, Diags: []Diag{{Pos: Pos{1, 1}, Msg: err.Error()}}}
	}
	sum := sha256.Sum256(data)
	return &Registry{
		File:      name,
		SHA256:    hex.EncodeToString(sum[:]),
		Spec:      s,
		Tables:    t,
		Resolver:  resolver.New(t),
		Warnings:  warns,
		Spellings: n,
	}, nil
}

// buildTables lays a valid spec out as resolver.Tables, and returns the
// number of model spellings.
func buildTables(s *spec) (*resolver.Tables, int, error) {
	t := &resolver.Tables{Format: resolver.TablesFormat2}
	provRow := map[string]int{}
	var pkeys []string
	var pvals []int
	for i, p := range s.providers {
		row := resolver.ProviderRow{ID: resolver.ProviderID(p.id.s), Name: p.name, Platform: p.platform}
		for _, e := range p.authEnv {
			row.AuthEnv = append(row.AuthEnv, e.s)
		}
		t.Providers = append(t.Providers, row)
		provRow[p.id.s] = i
		pkeys, pvals = append(pkeys, p.id.s), append(pvals, i)
	}
	rtRow := map[string]int{}
	var rkeys []string
	var rvals []int
	for i, r := range s.runtimes {
		t.Runtimes = append(t.Runtimes, resolver.RuntimeRow{ID: resolver.RuntimeID(r.id.s), Name: r.name, Governed: r.governed})
		rtRow[r.id.s] = i
		rkeys, rvals = append(rkeys, r.id.s), append(rvals, i)
	}
	var err error
	if t.ProviderIndex, _, err = table.Build(pkeys, pvals); err != nil {
		return nil, 0, err
	}
	if t.RuntimeIndex, _, err = table.Build(rkeys, rvals); err != nil {
		return nil, 0, err
	}
	var envs []string
	envSeen := map[string]bool{}
	for _, p := range t.Providers {
		for _, e := range p.AuthEnv {
			if !envSeen[e] {
				envSeen[e] = true
				envs = append(envs, e)
			}
		}
	}
	if t.EnvIndex, _, err = table.Build(envs, make([]int, len(envs))); err != nil {
		return nil, 0, err
	}

	// Model records have fixed-width fields, so their offsets are known
	// before the spelling index that they and the index refer to each other
	// through.
	t.RuntimeWords = max(1, (len(s.runtimes)+23)/24)
	entryWidth := 4 * (1 + t.RuntimeWords)
	var keys []string
	offsets := make([]int, len(s.models))
	off := 0
	for i, m := range s.models {
		offsets[i] = off
		keys = append(keys, m.id.s)
		for _, a := range m.aliases {
			keys = append(keys, a.s)
		}
		for _, l := range m.legacy {
			keys = append(keys, l.s)
		}
		off += 16 + 4*(len(m.aliases)+len(m.legacy)) + entryWidth*len(m.served)
	}
	if off > table.Max5 {
		return nil, 0, fmt.Errorf("registry too large for the table format: %d digits of model records (capacity %d)", off, table.Max5)
	}
	layout, err := table.Place(keys)
	if err != nil {
		return nil, 0, err
	}
	slots := layout.Slots
	b := make([]byte, 0, off)
	k := 0
	for _, m := range s.models {
		b = table.AppendNum(b, slots[k])
		b = table.AppendNum(b, len(m.aliases))
		b = table.AppendNum(b, len(m.legacy))
		for range len(m.aliases) + len(m.legacy) {
			k++
			b = table.AppendNum(b, slots[k])
		}
		k++
		b = table.AppendNum(b, len(m.served))
		for _, e := range m.served {
			b = table.AppendNum(b, provRow[e.provider.s])
			words := make([]int, t.RuntimeWords)
			for _, r := range e.runtimes {
				i := rtRow[r.s]
				words[i/24] |= 1 << (i % 24)
			}
			for _, w := range words {
				b = table.AppendNum(b, w)
			}
		}
	}
	t.Models = string(b)
	t.NumModels = len(s.models)

	// Each spelling carries what Derive needs behind it in the index (see
	// table.AppendSpelling): no second lookup into the records.
	payloads := make([]string, 0, len(keys))
	for i, m := range s.models {
		served := make([]table.Served, len(m.served))
		for j, e := range m.served {
			served[j].Provider = provRow[e.provider.s]
			for _, r := range e.runtimes {
				served[j].Runtimes = append(served[j].Runtimes, rtRow[r.s])
			}
		}
		canon := slots[len(payloads)]
		for j := range 1 + len(m.aliases) + len(m.legacy) {
			kind := resolver.SpellingCanonical
			switch {
			case j > len(m.aliases):
				kind = resolver.SpellingLegacy
			case j > 0:
				kind = resolver.SpellingAlias
			}
			p, err := table.AppendSpelling(nil, int(kind), offsets[i], canon, served, t.RuntimeWords)
			if err != nil {
				return nil, 0, err
			}
			payloads = append(payloads, string(p))
		}
	}
	if t.ModelIndex, err = layout.Encode(keys, payloads); err != nil {
		return nil, 0, err
	}
	return t, len(keys), nil
}
