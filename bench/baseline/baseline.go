// Package baseline is the design the compiled tables are measured against:
// a registry loaded at start-up from providers.yaml (with gopkg.in/yaml.v3)
// or from a JSON copy (with encoding/json) into Go maps, answering Derive
// the way a hand-written loader would. go run ./bench embeds the same
// registry both ways and times loading and lookups beside the generated
// tables. It is benchmark code, not an alternative resolver: it does not
// validate the registry beyond what answering needs.
package baseline

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/molecule-ai/providers/resolver"
)

// File is providers.yaml (or its JSON copy) as plain Go values.
type File struct {
	Version   int        `yaml:"version" json:"version"`
	Providers []Provider `yaml:"providers" json:"providers"`
	Runtimes  []Runtime  `yaml:"runtimes" json:"runtimes"`
	Models    []Model    `yaml:"models" json:"models"`
}

// Provider is one entry of providers.
type Provider struct {
	ID       string   `yaml:"id" json:"id"`
	Name     string   `yaml:"name,omitempty" json:"name,omitempty"`
	Platform bool     `yaml:"platform,omitempty" json:"platform,omitempty"`
	AuthEnv  []string `yaml:"auth_env,omitempty" json:"auth_env,omitempty"`
	GoName   string   `yaml:"go_name,omitempty" json:"go_name,omitempty"`
}

// Runtime is one entry of runtimes.
type Runtime struct {
	ID       string `yaml:"id" json:"id"`
	Name     string `yaml:"name,omitempty" json:"name,omitempty"`
	Governed *bool  `yaml:"governed,omitempty" json:"governed,omitempty"`
	GoName   string `yaml:"go_name,omitempty" json:"go_name,omitempty"`
}

// Model is one entry of models.
type Model struct {
	ID        string   `yaml:"id" json:"id"`
	Name      string   `yaml:"name,omitempty" json:"name,omitempty"`
	Aliases   []string `yaml:"aliases,omitempty" json:"aliases,omitempty"`
	LegacyIDs []string `yaml:"legacy_ids,omitempty" json:"legacy_ids,omitempty"`
	ServedBy  []Served `yaml:"served_by" json:"served_by"`
}

// Served is one entry of a model's served_by.
type Served struct {
	Provider string   `yaml:"provider" json:"provider"`
	Runtimes []string `yaml:"runtimes" json:"runtimes"`
}

// ParseYAML decodes providers.yaml.
func ParseYAML(data []byte) (*File, error) {
	var f File
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// ParseJSON decodes the JSON copy of providers.yaml.
func ParseJSON(data []byte) (*File, error) {
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// Registry is a registry held in maps.
type Registry struct {
	providers map[string]*provider
	runtimes  map[string]bool // id → governed
	spellings map[string]spelling
}

type provider struct {
	id       resolver.ProviderID
	platform bool
	authEnv  []string
}

type model struct {
	id     resolver.ModelID
	served []served
}

type served struct {
	p        *provider
	runtimes []string
}

type spelling struct {
	m    *model
	kind resolver.Spelling
}

// LoadYAML is the start-up work of the runtime-loading design: parse the
// YAML and build the maps.
func LoadYAML(data []byte) (*Registry, error) {
	f, err := ParseYAML(data)
	if err != nil {
		return nil, err
	}
	return New(f)
}

// LoadJSON is LoadYAML for the JSON copy.
func LoadJSON(data []byte) (*Registry, error) {
	f, err := ParseJSON(data)
	if err != nil {
		return nil, err
	}
	return New(f)
}

// MustLoadYAML is LoadYAML for a package-level variable.
func MustLoadYAML(data []byte) *Registry { return must(LoadYAML(data)) }

// MustLoadJSON is LoadJSON for a package-level variable.
func MustLoadJSON(data []byte) *Registry { return must(LoadJSON(data)) }

func must(r *Registry, err error) *Registry {
	if err != nil {
		panic(err)
	}
	return r
}

// New builds the maps of f.
func New(f *File) (*Registry, error) {
	r := &Registry{
		providers: make(map[string]*provider, len(f.Providers)),
		runtimes:  make(map[string]bool, len(f.Runtimes)),
		spellings: make(map[string]spelling, len(f.Models)),
	}
	for _, p := range f.Providers {
		r.providers[p.ID] = &provider{id: resolver.ProviderID(p.ID), platform: p.Platform, authEnv: p.AuthEnv}
	}
	for _, rt := range f.Runtimes {
		r.runtimes[rt.ID] = rt.Governed == nil || *rt.Governed
	}
	models := make([]model, len(f.Models))
	for i, fm := range f.Models {
		m := &models[i]
		m.id = resolver.ModelID(fm.ID)
		for _, s := range fm.ServedBy {
			p := r.providers[s.Provider]
			if p == nil {
				return nil, fmt.Errorf("model %s: unknown provider %q", fm.ID, s.Provider)
			}
			m.served = append(m.served, served{p, s.Runtimes})
		}
		r.spellings[fm.ID] = spelling{m, resolver.SpellingCanonical}
		for _, a := range fm.Aliases {
			r.spellings[a] = spelling{m, resolver.SpellingAlias}
		}
		for _, l := range fm.LegacyIDs {
			r.spellings[l] = spelling{m, resolver.SpellingLegacy}
		}
	}
	return r, nil
}

// Derive answers like resolver.Registry.Derive, except that an ambiguous
// pair returns resolver.ErrAmbiguous itself.
func (r *Registry) Derive(runtime, model string, authEnv []string) (resolver.Derivation, error) {
	model = strings.TrimSpace(model)
	if model == "" {
		return resolver.Derivation{}, resolver.ErrNoModel
	}
	governed, ok := r.runtimes[strings.TrimSpace(runtime)]
	if !ok {
		return resolver.Derivation{}, resolver.ErrUnknownRuntime
	}
	if !governed {
		return resolver.Derivation{}, resolver.ErrUngovernedRuntime
	}
	sp, ok := r.spellings[model]
	if !ok {
		return resolver.Derivation{}, resolver.ErrUnregisteredModel
	}
	runtime = strings.TrimSpace(runtime)
	d := resolver.Derivation{Model: sp.m.id, Spelling: sp.kind}
	var first *provider
	n := 0
	for _, s := range sp.m.served {
		if slices.Contains(s.runtimes, runtime) {
			if n == 0 {
				first = s.p
			}
			n++
		}
	}
	switch n {
	case 0:
		return d, resolver.ErrNotOnRuntime
	case 1:
		d.Provider, d.Platform = first.id, first.platform
		return d, nil
	}
	d.Platform = first.platform
	for _, s := range sp.m.served {
		if !slices.Contains(s.runtimes, runtime) {
			continue
		}
		for _, e := range s.p.authEnv {
			if slices.Contains(authEnv, e) {
				d.Provider, d.ByEnv = s.p.id, e
				return d, nil
			}
		}
	}
	return d, resolver.ErrAmbiguous
}

// IsPlatform answers like resolver.Registry.IsPlatform.
func (r *Registry) IsPlatform(p resolver.ProviderID) bool {
	q := r.providers[string(p)]
	return q != nil && q.platform
}
