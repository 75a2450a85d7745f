package importer

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// readCatalogue reads snapshot text as catalogue name.
func readCatalogue(t *testing.T, name, text string) *Catalogue {
	t.Helper()
	path := filepath.Join(t.TempDir(), "snapshot.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Read(name, path)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return c
}

// entryFacts is what an Entry says about its model, in words.
func entryFacts(e *Entry) string {
	var problems []string
	for _, p := range e.Problems {
		problems = append(problems, p.Field+": "+p.Msg)
	}
	price := "none"
	if e.Price != nil {
		price = priceText(e.Price)
	}
	return strings.Join([]string{
		"context " + tokenText(e.Context), "output " + tokenText(e.Output), "status " + e.Status,
		"retires_on " + e.RetiresOn, "price " + price,
		"problems [" + strings.Join(problems, "; ") + "]",
	}, " | ")
}

// checkEntry reads snapshot text as catalogue name and wants the entry ref
// to say want (as entryFacts writes it).
func checkEntry(t *testing.T, name, text, ref, want string) {
	t.Helper()
	e := readCatalogue(t, name, text).Lookup(ref)
	if e == nil {
		t.Fatalf("entry %s not read", ref)
	}
	if got := entryFacts(e); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestLiteLLMEntry(t *testing.T) {
	cases := []struct{ name, entry, want string }{
		{
			// GPT-5.2: 272,000 input tokens of a 400,000-token context window.
			"max_input_tokens is not a context window",
			`{"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 272000, "max_output_tokens": 128000, "max_tokens": 128000}`,
			"context  | output 128000 | status  | retires_on  | price none | problems []",
		},
		{
			// sample_spec: max_tokens is max_output_tokens when the provider
			// gives one, else max_input_tokens: alone, it is no output limit.
			"max_tokens alone is not an output limit",
			`{"litellm_provider": "openai", "mode": "chat", "max_input_tokens": 8192, "max_tokens": 8192}`,
			"context  | output  | status  | retires_on  | price none | problems []",
		},
		{
			// Anthropic retired Claude Sonnet 3.7 on 2026-02-19.
			"deprecation_date is the shutdown date",
			`{"litellm_provider": "anthropic", "mode": "chat", "deprecation_date": "2026-02-19", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05}`,
			"context  | output  | status  | retires_on 2026-02-19 | price input 3, output 15 | problems []",
		},
		{
			"a month is no date",
			`{"litellm_provider": "anthropic", "mode": "chat", "deprecation_date": "2026-02"}`,
			"context  | output  | status  | retires_on  | price none | problems [retires_on: not a YYYY-MM-DD date]",
		},
		{
			"a long-prompt tier and exact decimals",
			`{"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07, "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05}`,
			"context  | output  | status  | retires_on  | price input 3, output 15, cache read 0.3; prompts over 200,000 tokens: input 6, output 22.5 | problems []",
		},
		{
			// LiteLLM's 128k input rule still holds above 200k: the tier above
			// 200k carries it (a rate a registry tier leaves out is the base
			// rate, 3, which would make the longer prompt cheaper).
			"a tier carries forward the rates of lower tiers",
			`{"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "output_cost_per_token_above_200k_tokens": 2.25e-05, "input_cost_per_token_above_128k_tokens": 5e-06, "cache_read_input_token_cost_above_64k_tokens": 1e-06}`,
			"context  | output  | status  | retires_on  | price input 3, output 15; prompts over 64,000 tokens: cache read 1; prompts over 128,000 tokens: input 5, cache read 1; prompts over 200,000 tokens: input 5, output 22.5, cache read 1 | problems []",
		},
		{
			// Keys that look like tiers but do not parse are reported, not
			// dropped; other concepts (one-hour cache writes, service tiers)
			// are not tiers, nor problems.
			"tier keys that do not parse",
			`{"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "input_cost_per_token_above_200K_tokens": 6e-06, "output_cost_per_token_above_1.5k_tokens": 2e-05, "output_cost_per_token_above_k_tokens": 2e-05, "cache_read_input_token_cost_above_200k": 1e-06, "cache_creation_input_token_cost_above_1hr": 6e-06, "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05, "input_cost_per_token_above_272k_tokens_priority": 1e-05, "cache_read_input_token_cost_flex_above_272k_tokens": 1e-07}`,
			"context  | output  | status  | retires_on  | price input 3 | problems [" +
				"price.tiers.input: key input_cost_per_token_above_200K_tokens is not a long-prompt price LiteLLM writes: want _above_Nk_tokens, N a whole number from 1; " +
				"price.tiers.output: key output_cost_per_token_above_1.5k_tokens is not a long-prompt price LiteLLM writes: want _above_Nk_tokens, N a whole number from 1; " +
				"price.tiers.output: key output_cost_per_token_above_k_tokens is not a long-prompt price LiteLLM writes: want _above_Nk_tokens, N a whole number from 1; " +
				"price.tiers.cache_read: key cache_read_input_token_cost_above_200k is not a long-prompt price LiteLLM writes: want _above_Nk_tokens, N a whole number from 1]",
		},
		{
			// JSON with a repeated key is ambiguous: the value is not read.
			"a repeated key",
			`{"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
 "input_cost_per_token": 4e-06}`,
			"context  | output  | status  | retires_on  | price output 15 | problems [" +
				"input_cost_per_token: key \"input_cost_per_token\" is repeated (first at 1:57): JSON with a repeated key is ambiguous, so none of its values is read]",
		},
		{
			// Atoi of these digits overflows: the key is reported, not read
			// as a tier above a wrapped-around number of tokens.
			"a tier key past the registry's token counts",
			`{"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "input_cost_per_token_above_99999999999999999999k_tokens": 6e-06, "output_cost_per_token_above_1000001k_tokens": 2.25e-05, "input_cost_per_token_above_1000000k_tokens": 4e-06}`,
			"context  | output  | status  | retires_on  | price input 3; prompts over 1,000,000,000 tokens: input 4 | problems [" +
				"price.tiers.input: key input_cost_per_token_above_99999999999999999999k_tokens names a prompt size over the registry's 1,000,000,000 tokens; " +
				"price.tiers.output: key output_cost_per_token_above_1000001k_tokens names a prompt size over the registry's 1,000,000,000 tokens]",
		},
		{
			"a tier key of no prompt size",
			`{"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "input_cost_per_token_above_0k_tokens": 6e-06, "output_cost_per_token_above_0200k_tokens": 2.25e-05}`,
			"context  | output  | status  | retires_on  | price input 3 | problems [" +
				"price.tiers.input: key input_cost_per_token_above_0k_tokens names no prompt size: want _above_Nk_tokens, N a whole number from 1; " +
				"price.tiers.output: key output_cost_per_token_above_0200k_tokens names no prompt size: want _above_Nk_tokens, N a whole number from 1]",
		},
		{
			// A hostile key is echoed clipped, and its rate is not read.
			"a tier key of a hundred thousand digits",
			`{"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "input_cost_per_token_above_` + strings.Repeat("9", 100_000) + `k_tokens": 6e-06}`,
			"context  | output  | status  | retires_on  | price input 3 | problems [" +
				"price.tiers.input: key input_cost_per_token_above_9999999999999… (100035 bytes) names a prompt size over the registry's 1,000,000,000 tokens]",
		},
		{
			"hostile numbers",
			`{"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e999999, "output_cost_per_token": 1e-999999, "cache_read_input_token_cost": ` + strings.Repeat("1", 100_000) + `, "max_output_tokens": 1E+31}`,
			"context  | output  | status  | retires_on  | price none | problems [" +
				"max_output: 1E+31 is not a number a catalogue writes: its exponent is beyond ±30; " +
				"price.input: 1e999999 is not a number a catalogue writes: its exponent is beyond ±30; " +
				"price.output: 1e-999999 is not a number a catalogue writes: its exponent is beyond ±30; " +
				"price.cache_read: 1111111111111111111111111111111111111111… (100000 bytes) is not a number a catalogue writes: longer than 32 characters]",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkEntry(t, spec.CatalogueLiteLLM, `{"m": `+c.entry+`}`, "m", c.want)
		})
	}
}

func TestModelsDevEntry(t *testing.T) {
	cases := []struct{ name, fields, want string }{
		{
			"no status states nothing",
			`"limit": {"context": 400000, "input": 272000, "output": 128000}`,
			"context 400000 | output 128000 | status  | retires_on  | price none | problems []",
		},
		{"alpha is a preview", `"status": "alpha"`, "context  | output  | status preview | retires_on  | price none | problems []"},
		{"beta is a preview", `"status": "beta"`, "context  | output  | status preview | retires_on  | price none | problems []"},
		{
			// models.dev: "deprecated - the model is no longer served by the
			// provider's public API", which the registry calls retired.
			"deprecated is no longer served",
			`"status": "deprecated", "retirement_date": "2026-02-19"`,
			"context  | output  | status retired | retires_on 2026-02-19 | price none | problems []",
		},
		{
			"an undocumented status",
			`"status": "sunset"`,
			`context  | output  | status  | retires_on  | price none | problems [status: status "sunset" is not one models.dev documents (alpha, beta, deprecated)]`,
		},
		{
			"a status that is not a string",
			`"status": true`,
			`context  | output  | status  | retires_on  | price none | problems [status: not a string]`,
		},
		{"a null status states nothing", `"status": null`, "context  | output  | status  | retires_on  | price none | problems []"},
		{
			"a hostile status is echoed clipped",
			`"status": "` + strings.Repeat("x", 100_000) + `"`,
			`context  | output  | status  | retires_on  | price none | problems [status: status "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (100000 bytes)" is not one models.dev documents (alpha, beta, deprecated)]`,
		},
		{
			// A tier that leaves out a rate a lower tier sets carries it: in
			// the registry, it would be the base rate.
			"a tier carries forward the rates of lower tiers",
			`"cost": {"input": 3, "output": 15, "tiers": [{"tier": {"type": "context", "size": 200000}, "output": 22.5}, {"tier": {"type": "context", "size": 128000}, "input": 5}]}`,
			"context  | output  | status  | retires_on  | price input 3, output 15; prompts over 128,000 tokens: input 5; prompts over 200,000 tokens: input 5, output 22.5 | problems []",
		},
		{
			// A tier with no threshold: the snapshot's tiers are not all
			// known, so the price is left out.
			"a tier without a size",
			`"cost": {"input": 3, "tiers": [{"tier": {"type": "context"}, "input": 4}]}`,
			"context  | output  | status  | retires_on  | price none | problems [price.tiers: a tier without tier.size or context.min: its threshold is unknown, so the price is left out]",
		},
		{
			// Two tiers at one threshold with other rates: which applies is
			// unknown, so the price is neither compared nor drafted.
			"two tiers at one size with other rates",
			`"cost": {"input": 3, "tiers": [{"tier": {"type": "context", "size": 128000}, "input": 4}, {"tier": {"type": "context", "size": 128000}, "input": 5}]}`,
			"context  | output  | status  | retires_on  | price none | problems [price.tiers: two tiers above 128000 tokens with other rates: which applies is unknown, so the price is left out]",
		},
		{
			"context_over_200k and a tier at 200000 with other rates",
			`"cost": {"input": 3, "context_over_200k": {"input": 6}, "tiers": [{"context": {"min": 200000}, "input": 7}]}`,
			"context  | output  | status  | retires_on  | price none | problems [price.tiers: two tiers above 200000 tokens with other rates: which applies is unknown, so the price is left out]",
		},
		{
			// The same tier given twice (or in both forms) is one tier.
			"identical tiers merge",
			`"cost": {"input": 3, "context_over_200k": {"input": 6}, "tiers": [{"tier": {"type": "context", "size": 200000}, "input": 6, "output": 20}, {"tier": {"type": "context", "size": 200000}, "output": 20}]}`,
			"context  | output  | status  | retires_on  | price input 3; prompts over 200,000 tokens: input 6, output 20 | problems []",
		},
		{
			// A prompt-size tier whose threshold cannot be read leaves the
			// price out: comparing the rest would remove a registry tier.
			"hostile limits and tier sizes",
			`"limit": {"context": 1e999999, "output": ` + strings.Repeat("7", 100_000) + `}, "cost": {"input": 1, "tiers": [{"tier": {"type": "context", "size": 2e+999}, "input": 2}, {"tier": {"type": "` + strings.Repeat("y", 1000) + `"}, "input": 3}]}`,
			"context  | output  | status  | retires_on  | price none | problems [" +
				"context_window: 1e999999 is not a number a catalogue writes: its exponent is beyond ±30; " +
				"max_output: 7777777777777777777777777777777777777777… (100000 bytes) is not a number a catalogue writes: longer than 32 characters; " +
				"price.tiers.above: 2e+999 is not a number a catalogue writes: its exponent is beyond ±30; " +
				`price.tiers: a tier of type "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy… (1000 bytes)": only context tiers (prompt size) have a registry form]`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkEntry(t, spec.CatalogueModelsDev, `{"p": {"id": "p", "env": ["P_API_KEY"], "name": "P", "models": {"m": {"id": "m", `+c.fields+`}}}}`, "p/m", c.want)
		})
	}
}

func TestToRate(t *testing.T) {
	cases := []struct{ num, scale, want string }{
		{"3e-06", "token", "3"},
		{"6.05e-08", "token", "0.0605"},
		{"1.875e-05", "token", "18.75"},
		{"0.125", "million", "0.125"},
		{"6.05055e-08", "token", "problem: 6.05055e-08 is 0.0605055 USD per million tokens, which has no exact form in 6 decimals: set it by hand"},
		{"-1", "million", "problem: -1 is negative"},
		{"1000001", "million", "problem: 1000001 is 1000001 USD per million tokens, more than the registry's 1,000,000"},
		{"1e30", "million", "problem: 1e30 is 1000000000000000000000000000000 USD per million tokens, more than the registry's 1,000,000"},
		{"1e-30", "token", "problem: 1e-30 is 0… USD per million tokens, which has no exact form in 6 decimals: set it by hand"},
		{"1e31", "million", "problem: 1e31 is not a number a catalogue writes: its exponent is beyond ±30"},
		{"1e999999", "token", "problem: 1e999999 is not a number a catalogue writes: its exponent is beyond ±30"},
		{"1e-999999", "token", "problem: 1e-999999 is not a number a catalogue writes: its exponent is beyond ±30"},
		{"1e99999999999999999999", "token", "problem: 1e99999999999999999999 is not a number a catalogue writes: its exponent is beyond ±30"},
		{"0.00000000000000000000000000003", "token", "problem: 0.00000000000000000000000000003 is 0… USD per million tokens, which has no exact form in 6 decimals: set it by hand"},
		{"0.0000000000000000000000000000003", "token", "problem: 0.0000000000000000000000000000003 is not a number a catalogue writes: longer than 32 characters"},
		{"1" + strings.Repeat("0", 100_000), "million", "problem: 1000000000000000000000000000000000000000… (100001 bytes) is not a number a catalogue writes: longer than 32 characters"},
	}
	for _, c := range cases {
		scale := perMillion
		if c.scale == "token" {
			scale = perToken
		}
		rate, problem := toRate(json.Number(c.num), scale)
		got := rate.String()
		if problem != "" {
			got = "problem: " + problem
		}
		if got != c.want {
			t.Errorf("toRate(%s per %s) = %s, want %s", clip(c.num), c.scale, got, c.want)
		}
	}
}

func TestToTokens(t *testing.T) {
	cases := []struct {
		num     string
		want    int
		problem string
	}{
		{"200000", 200000, ""},
		{"0", 0, ""}, // a catalogue's "unknown"
		{"1.5", 0, "1.5 is not a token count"},
		{"-4096", 0, "-4096 is not a token count"},
		{"2000000000", 0, "2000000000 tokens is more than the registry's 1,000,000,000"},
		{"1e9", 1_000_000_000, ""},
		{"1e999999", 0, "1e999999 is not a number a catalogue writes: its exponent is beyond ±30"},
		{"1" + strings.Repeat("0", 100_000), 0, "1000000000000000000000000000000000000000… (100001 bytes) is not a number a catalogue writes: longer than 32 characters"},
	}
	for _, c := range cases {
		n, problem := toTokens(json.Number(c.num))
		if n != c.want || problem != c.problem {
			t.Errorf("toTokens(%s) = %d, %q; want %d, %q", clip(c.num), n, problem, c.want, c.problem)
		}
	}
}

// Keys of other concepts that look like tiers (a one-hour cache write, a
// priority or flex service tier) are left out with a note, not a problem.
func TestLiteLLMNotes(t *testing.T) {
	c := readCatalogue(t, spec.CatalogueLiteLLM, `{"m": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06,
 "cache_creation_input_token_cost_above_1hr": 6e-06, "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05,
 "input_cost_per_token_above_272k_tokens_priority": 1e-05, "cache_read_input_token_cost_flex_above_272k_tokens": 1e-07}}`)
	got := strings.Join(c.Lookup("m").Notes, "\n")
	want := strings.Join([]string{
		"cache_creation_input_token_cost_above_1hr left out: a one-hour cache write price, which the registry has no field for",
		"cache_creation_input_token_cost_above_1hr_above_200k_tokens left out: a one-hour cache write price, which the registry has no field for",
		"input_cost_per_token_above_272k_tokens_priority left out: a priority service-tier price, which the registry has no field for",
		"cache_read_input_token_cost_flex_above_272k_tokens left out: a flex service-tier price, which the registry has no field for",
	}, "\n")
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A repeated entry key is a problem of that entry, at the repeat, and
// none of its values is read; a repeat in what gen import does not read
// (an embedding model) is no problem.
func TestRepeatedEntry(t *testing.T) {
	c := readCatalogue(t, spec.CatalogueLiteLLM, `{
  "m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-06},
  "e": {"litellm_provider": "openai", "mode": "embedding"},
  "m": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 4e-06},
  "e": {"litellm_provider": "openai", "mode": "embedding"}
}`)
	var got []string
	for _, e := range c.Entries("openai") {
		got = append(got, e.Ref+": "+entryFacts(e))
		for _, p := range e.Problems {
			got = append(got, fmt.Sprintf("  at %d:%d", p.Pos.Line, p.Pos.Col))
		}
	}
	want := strings.Join([]string{
		`m: context  | output  | status  | retires_on  | price none | problems [every field: key "m" is repeated (first at 2:3): JSON with a repeated key is ambiguous, so none of its values is read]`,
		"  at 4:3",
	}, "\n")
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("got:\n%s\nwant:\n%s", g, want)
	}
}

// Above the entries (a models.dev provider, its env, name or models), a
// repeated key is an error of the snapshot: api.json is written by a JSON
// serializer, which cannot repeat a key.
func TestModelsDevRepeatedProvider(t *testing.T) {
	path := filepath.Join(t.TempDir(), "api.json")
	text := `{"p": {"id": "p", "env": ["P_API_KEY"], "models": {}},
"p": {"id": "p", "name": "P", "name": "Q", "models": {}}}`
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(spec.CatalogueModelsDev, path)
	want := path + `:2:1: key "p" is repeated (first at 1:2): JSON with a repeated key is ambiguous` + "\n" +
		path + `:2:31: key "name" is repeated (first at 2:18): JSON with a repeated key is ambiguous`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
