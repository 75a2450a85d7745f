package importer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// driftRegistry maps models to models.dev: the vendor first (it speaks
// for the model), a gateway second (its limits are its own).
const driftRegistry = `version: 1
providers:
  - id: anthropic
    auth_env: [ANTHROPIC_API_KEY]
  - id: openrouter
    auth_env: [OPENROUTER_API_KEY]
runtimes:
  - id: claude-code
models:
  - id: vendor-first
    status: deprecated
    context_window: 100000
    max_output: 8000
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
        price: {input: 3, output: 15}
        upstream: {models.dev: anthropic/m1}
      - provider: openrouter
        runtimes: [claude-code]
        price: {input: 3, output: 15}
        upstream: {models.dev: openrouter/m1}
  - id: gateway-only
    context_window: 200000
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
      - provider: openrouter
        runtimes: [claude-code]
        price: {input: 3, output: 15}
        upstream: {models.dev: openrouter/m2}
  - id: first-missing
    context_window: 200000
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
        upstream: {models.dev: anthropic/gone}
      - provider: openrouter
        runtimes: [claude-code]
        upstream: {models.dev: openrouter/m3}
  - id: retired-here
    status: retired
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
        upstream: {models.dev: anthropic/m4}
  - id: active-here
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
        upstream: {models.dev: anthropic/m5}
`

const driftModelsDev = `{
  "anthropic": {"id": "anthropic", "env": ["ANTHROPIC_API_KEY"], "name": "Anthropic", "models": {
    "m1": {"id": "m1", "limit": {"context": 200000, "output": 8000}, "cost": {"input": 3, "output": 15}},
    "m4": {"id": "m4", "status": "beta"},
    "m5": {"id": "m5", "status": "deprecated", "retirement_date": "2026-02-19"}
  }},
  "openrouter": {"id": "openrouter", "env": ["OPENROUTER_API_KEY"], "name": "OpenRouter", "models": {
    "m1": {"id": "m1", "limit": {"context": 150000, "output": 4000}, "cost": {"input": 3, "output": 16}},
    "m2": {"id": "m2", "limit": {"context": 128000, "output": 32000}, "cost": {"input": 2, "output": 15}},
    "m3": {"id": "m3", "limit": {"context": 1000, "output": 1000}, "status": "alpha"}
  }}
}`

// compare runs Compare and writes what it found, one line each.
func compare(t *testing.T, registry, catalogue, snapshot string, providers ...string) string {
	t.Helper()
	reg, err := spec.Compile("providers.yaml", []byte(registry), false)
	if err != nil {
		t.Fatalf("registry: %v", err)
	}
	r := Compare(reg, []byte(registry), readCatalogue(t, catalogue, snapshot), providers)
	var out []string
	for _, d := range r.Differences {
		out = append(out, fmt.Sprintf("%s %s %s: %q -> %q", d.Model, d.Provider, d.Field, d.Registry, d.Snapshot))
	}
	for _, m := range r.Missing {
		out = append(out, fmt.Sprintf("missing %s %s %s", m.Model, m.Provider, m.Upstream))
	}
	out = append(out, fmt.Sprintf("mapped %d, compared %d", r.Mapped, r.Compared))
	return strings.Join(out, "\n")
}

func TestCompareModelFactsFromFirstEntry(t *testing.T) {
	got := compare(t, driftRegistry, spec.CatalogueModelsDev, driftModelsDev)
	want := strings.Join([]string{
		// The vendor's limits, not the gateway's; no status in the
		// snapshot is no difference with the registry's deprecated.
		`vendor-first anthropic context_window: "100000" -> "200000"`,
		// The gateway's price is its own.
		`vendor-first openrouter price.output: "15" -> "16"`,
		// Only the gateway is mapped: its price, never its limits.
		`gateway-only openrouter price.input: "3" -> "2"`,
		// models.dev's deprecated is no longer served: retired, with
		// its retirement date; a retired model is the registry's call.
		`active-here anthropic status: "active" -> "retired"`,
		`active-here anthropic retires_on: "" -> "2026-02-19"`,
		// The first entry is missing: the model's facts are not
		// compared from the second.
		`missing first-missing anthropic anthropic/gone`,
		`mapped 7, compared 6`,
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestCompareProviderScope(t *testing.T) {
	// With -provider openrouter, the vendor entries that speak for the
	// models are out of scope: only the gateway's prices are compared.
	got := compare(t, driftRegistry, spec.CatalogueModelsDev, driftModelsDev, "openrouter")
	want := strings.Join([]string{
		`vendor-first openrouter price.output: "15" -> "16"`,
		`gateway-only openrouter price.input: "3" -> "2"`,
		`mapped 3, compared 3`,
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// openaiRegistry is the head of a registry of one provider and runtime:
// its models follow.
const openaiRegistry = `version: 1
providers:
  - id: openai
    auth_env: [OPENAI_API_KEY]
runtimes:
  - id: codex
models:
`

func TestCompareLiteLLM(t *testing.T) {
	registry := openaiRegistry + `  - id: gpt-5.2
    deprecated_on: 2026-01-01
    context_window: 400000
    max_output: 100000
    served_by:
      - provider: openai
        runtimes: [codex]
        upstream: {litellm: gpt-5.2}
  - id: gpt-4o
    retires_on: 2026-06-01
    max_output: 16384
    served_by:
      - provider: openai
        runtimes: [codex]
        upstream: {litellm: gpt-4o}
`
	snapshot := `{
  "gpt-5.2": {"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000, "max_tokens": 128000, "deprecation_date": "2026-06-01"},
  "gpt-4o": {"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 128000, "max_output_tokens": 16384, "deprecation_date": "2026-06-01"}
}`
	got := compare(t, registry, spec.CatalogueLiteLLM, snapshot)
	// max_input_tokens is no context window, and deprecation_date is a
	// shutdown date: it is compared with retires_on, not deprecated_on.
	want := strings.Join([]string{
		`gpt-5.2 openai max_output: "100000" -> "128000"`,
		`gpt-5.2 openai retires_on: "" -> "2026-06-01"`,
		`mapped 2, compared 2`,
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A registry written the carried-forward way (the tier above 200k repeats
// the 128k input rate) agrees with LiteLLM's keys; one whose tier above
// 200k leaves input out bills the base rate there, and differs.
func TestCompareCarriedTiers(t *testing.T) {
	registry := openaiRegistry + `  - id: carried
    served_by:
      - provider: openai
        runtimes: [codex]
        price: {input: 3, output: 15, tiers: [{above: 128000, input: 5}, {above: 200000, input: 5, output: 22.5}]}
        upstream: {litellm: m}
  - id: left-out
    served_by:
      - provider: openai
        runtimes: [codex]
        price: {input: 3, output: 15, tiers: [{above: 128000, input: 5}, {above: 200000, output: 22.5}]}
        upstream: {litellm: m}
`
	snapshot := `{"m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "input_cost_per_token_above_128k_tokens": 5e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05}}`
	got := compare(t, registry, spec.CatalogueLiteLLM, snapshot)
	want := strings.Join([]string{
		`left-out openai price.tiers[above 200000].input: "3 (not set)" -> "5"`,
		`mapped 2, compared 2`,
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
