package resolver_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

// The benchmarks below measure the resolver over this repository's
// registry (providersgen.Registry), cycling through every case of a kind so
// that no single hot key flatters the figures. They only run with -bench:
// nothing here is a timed test. The same questions over synthetic
// registries of up to 100,000 models are asked by go run ./bench.

// benchCase is one Derive question.
type benchCase struct {
	runtime, model string
	env            []string
}

// benchCases are the questions, by kind, built once from providers.yaml.
type benchCases struct {
	single, byEnv, alias, legacy, miss []benchCase
	providers                          []resolver.ProviderID
	runtimes                           []string
	spellings                          []string
	prices                             []priced // the served_by entries with a price
}

// priced is a (provider, model) pair with a price.
type priced struct {
	provider resolver.ProviderID
	model    string
}

var cases *benchCases

func loadBenchCases(b *testing.B) *benchCases {
	b.Helper()
	if cases != nil {
		return cases
	}
	data, err := os.ReadFile("../providers.yaml")
	if err != nil {
		b.Fatal(err)
	}
	var doc struct {
		Providers []struct {
			ID      string   `yaml:"id"`
			AuthEnv []string `yaml:"auth_env"`
		} `yaml:"providers"`
		Runtimes []struct {
			ID       string `yaml:"id"`
			Governed *bool  `yaml:"governed"`
		} `yaml:"runtimes"`
		Models []struct {
			ID       string   `yaml:"id"`
			Aliases  []string `yaml:"aliases"`
			Legacy   []string `yaml:"legacy_ids"`
			ServedBy []struct {
				Provider string    `yaml:"provider"`
				Runtimes []string  `yaml:"runtimes"`
				Price    *struct{} `yaml:"price"`
			} `yaml:"served_by"`
		} `yaml:"models"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	c := &benchCases{}
	for _, p := range doc.Providers {
		c.providers = append(c.providers, resolver.ProviderID(p.ID))
	}
	for _, r := range doc.Runtimes {
		if r.Governed == nil || *r.Governed {
			c.runtimes = append(c.runtimes, r.ID)
		}
	}
	reg := providersgen.Registry
	for _, m := range doc.Models {
		c.spellings = append(append(append(c.spellings, m.ID), m.Aliases...), m.Legacy...)
		seen := map[string]bool{}
		for _, e := range m.ServedBy {
			if e.Price != nil {
				c.prices = append(c.prices, priced{resolver.ProviderID(e.Provider), m.ID})
			}
			for _, rt := range e.Runtimes {
				if seen[rt] {
					continue
				}
				seen[rt] = true
				_, err := reg.Derive(rt, m.ID, nil)
				var amb *resolver.AmbiguousError
				switch {
				case err == nil:
					c.single = append(c.single, benchCase{rt, m.ID, []string{"UNRELATED_TOKEN"}})
					for _, a := range m.Aliases {
						c.alias = append(c.alias, benchCase{rt, a, nil})
					}
					for _, l := range m.Legacy {
						c.legacy = append(c.legacy, benchCase{rt, l, nil})
					}
				case errors.As(err, &amb):
					// The last candidate's env: Derive looks at every
					// candidate before it, the slowest env-chosen path.
					env := amb.AuthEnv[len(amb.AuthEnv)-1]
					c.byEnv = append(c.byEnv, benchCase{rt, m.ID, []string{"UNRELATED_TOKEN", env}})
				}
				c.miss = append(c.miss, benchCase{rt, m.ID + "-typo", nil})
			}
		}
	}
	for _, k := range [][]benchCase{c.single, c.byEnv, c.alias, c.legacy, c.miss} {
		if len(k) == 0 {
			b.Fatal("providers.yaml lacks a kind of benchmark case")
		}
	}
	cases = c
	return c
}

func benchDerive(b *testing.B, kind func(*benchCases) []benchCase, want error) {
	cs := kind(loadBenchCases(b))
	reg := providersgen.Registry
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := &cs[i]
		if _, err := reg.Derive(c.runtime, c.model, c.env); err != want {
			b.Fatalf("Derive(%q, %q, %q): %v, want %v", c.runtime, c.model, c.env, err, want)
		}
		if i++; i == len(cs) {
			i = 0
		}
	}
}

func BenchmarkDeriveSingle(b *testing.B) {
	benchDerive(b, func(c *benchCases) []benchCase { return c.single }, nil)
}

func BenchmarkDeriveByEnv(b *testing.B) {
	benchDerive(b, func(c *benchCases) []benchCase { return c.byEnv }, nil)
}

func BenchmarkDeriveAlias(b *testing.B) {
	benchDerive(b, func(c *benchCases) []benchCase { return c.alias }, nil)
}

func BenchmarkDeriveLegacy(b *testing.B) {
	benchDerive(b, func(c *benchCases) []benchCase { return c.legacy }, nil)
}

func BenchmarkDeriveMiss(b *testing.B) {
	benchDerive(b, func(c *benchCases) []benchCase { return c.miss }, resolver.ErrUnregisteredModel)
}

func BenchmarkIsPlatform(b *testing.B) {
	ps := loadBenchCases(b).providers
	reg := providersgen.Registry
	b.ReportAllocs()
	n, i := 0, 0
	for b.Loop() {
		if reg.IsPlatform(ps[i]) {
			n++
		}
		if i++; i == len(ps) {
			i = 0
		}
	}
	if n == 0 {
		b.Fatal("no platform provider")
	}
}

func BenchmarkCheckRegistered(b *testing.B) {
	cs := loadBenchCases(b).single
	reg := providersgen.Registry
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := &cs[i]
		if g := reg.CheckRegistered(c.runtime, c.model); g.Status != resolver.StatusRegistered {
			b.Fatalf("CheckRegistered(%q, %q) = %v", c.runtime, c.model, g.Status)
		}
		if i++; i == len(cs) {
			i = 0
		}
	}
}

func BenchmarkResolveBillingMode(b *testing.B) {
	c := loadBenchCases(b)
	cs := append(append([]benchCase(nil), c.single...), c.byEnv...)
	reg := providersgen.Registry
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c := &cs[i]
		if d := reg.ResolveBillingMode(resolver.BillingInput{Runtime: c.runtime, Model: c.model, AuthEnv: c.env}); d.Source != resolver.SourceDerived {
			b.Fatalf("ResolveBillingMode(%q, %q) = %+v", c.runtime, c.model, d)
		}
		if i++; i == len(cs) {
			i = 0
		}
	}
}

// BenchmarkModel looks up every model spelling in turn, with no runtime.
func BenchmarkModel(b *testing.B) {
	sps := loadBenchCases(b).spellings
	reg := providersgen.Registry
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := reg.Model(sps[i]); !ok {
			b.Fatalf("Model(%q) not found", sps[i])
		}
		if i++; i == len(sps) {
			i = 0
		}
	}
}

// BenchmarkPrice asks the price of every priced (provider, model) pair.
func BenchmarkPrice(b *testing.B) {
	ps := loadBenchCases(b).prices
	if len(ps) == 0 {
		b.Skip("providers.yaml has no price")
	}
	reg := providersgen.Registry
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := reg.Price(ps[i].provider, ps[i].model); !ok {
			b.Fatalf("Price(%q, %q) not found", ps[i].provider, ps[i].model)
		}
		if i++; i == len(ps) {
			i = 0
		}
	}
}

// BenchmarkCost prices a request of every size, from a few tokens to one
// past the largest tier, at every price in turn.
func BenchmarkCost(b *testing.B) {
	var prices []resolver.Price
	for _, p := range loadBenchCases(b).prices {
		price, _ := providersgen.Registry.Price(p.provider, p.model)
		prices = append(prices, price)
	}
	if len(prices) == 0 {
		b.Skip("providers.yaml has no price")
	}
	usages := []resolver.Usage{{Input: 12, Output: 3}, {Input: 30000, Output: 2000, CacheRead: 120000, CacheWrite: 4000}, {Input: 1_200_000, Output: 64000}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := prices[i%len(prices)].Cost(usages[i%len(usages)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkModelsForRuntime allocates by contract: the caller owns the
// slice it returns.
func BenchmarkModelsForRuntime(b *testing.B) {
	rts := loadBenchCases(b).runtimes
	reg := providersgen.Registry
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if len(reg.ModelsForRuntime(rts[i])) == 0 {
			b.Fatalf("no models on %q", rts[i])
		}
		if i++; i == len(rts) {
			i = 0
		}
	}
}

// BenchmarkMapFloor is the floor of a string-keyed lookup, for the ratios
// of the benchmarks above: one Go map access per question of
// BenchmarkDeriveSingle, the map holding every model spelling. The map's
// keys are copies, so that no lookup takes the pointer-equality shortcut
// the tables never get.
func BenchmarkMapFloor(b *testing.B) {
	c := loadBenchCases(b)
	cs := c.single
	m := map[string]int{}
	for i, s := range c.spellings {
		m[strings.Clone(s)] = i
	}
	b.ReportAllocs()
	i, n := 0, 0
	for b.Loop() {
		if _, ok := m[cs[i].model]; ok {
			n++
		}
		if i++; i == len(cs) {
			i = 0
		}
	}
	if n == 0 {
		b.Fatal("no hit")
	}
}
