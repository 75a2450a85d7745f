package importer

import (
	"regexp"
	"strconv"
)

// LiteLLM's model_prices_and_context_window.json is one object of models
// by key (the model string LiteLLM users write), each naming its provider
// in litellm_provider. Prices are USD per token; a long-prompt price is a
// rate key followed by _above_Nk_tokens. Only chat, completion and
// responses models are read: the rest (embeddings, images, audio) are not
// models a workspace runs.
//
// Limits: max_output_tokens is max_output. LiteLLM gives no context
// window: max_input_tokens is the most a prompt may hold, which can be
// less than the window (GPT-5.2: 272,000 of 400,000), and max_tokens is a
// legacy key that is max_output_tokens when the provider states one and
// max_input_tokens otherwise, so neither is read.
//
// Lifecycle: deprecation_date is the day the model stops serving requests
// (claude-3-7-sonnet-20250219: 2026-02-19, the day Anthropic retired it),
// so it is retires_on. LiteLLM has no status and no announcement date.

// litellmRates are LiteLLM's keys of the four registry rates.
var litellmRates = [4]string{"input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost", "cache_creation_input_token_cost"}

// litellmTier matches a long-prompt rate key, such as
// input_cost_per_token_above_200k_tokens; tierAbove reads its size.
var litellmTier = regexp.MustCompile(`^(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost|cache_creation_input_token_cost)_above_([0-9]+)k_tokens$`)

var litellmModes = map[string]bool{"chat": true, "completion": true, "responses": true}

// litellmEnv are the env names LiteLLM's provider documentation gives for
// the providers most registries serve: the catalogue itself names none. A
// provider not listed here is drafted without auth_env.
var litellmEnv = map[string][]string{
	"anthropic":        {"ANTHROPIC_API_KEY"},
	"openai":           {"OPENAI_API_KEY"},
	"gemini":           {"GEMINI_API_KEY"},
	"vertex_ai":        {"VERTEXAI_PROJECT", "VERTEXAI_LOCATION", "GOOGLE_APPLICATION_CREDENTIALS"},
	"bedrock":          {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION_NAME"},
	"bedrock_converse": {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION_NAME"},
	"azure":            {"AZURE_API_KEY", "AZURE_API_BASE", "AZURE_API_VERSION"},
	"azure_ai":         {"AZURE_AI_API_KEY", "AZURE_AI_API_BASE"},
	"deepseek":         {"DEEPSEEK_API_KEY"},
	"openrouter":       {"OPENROUTER_API_KEY"},
	"xai":              {"XAI_API_KEY"},
	"mistral":          {"MISTRAL_API_KEY"},
	"groq":             {"GROQ_API_KEY"},
	"cloudflare":       {"CLOUDFLARE_API_KEY", "CLOUDFLARE_ACCOUNT_ID"},
}

func (c *Catalogue) readLiteLLM() {
	for _, f := range c.snap.root.fields {
		m := f.val
		provider := m.text("litellm_provider")
		if m.kind != '{' || provider == "" || !litellmModes[m.text("mode")] {
			continue // sample_spec, non-chat models
		}
		if _, seen := c.names[provider]; !seen {
			c.names[provider] = provider
			env := litellmEnv[provider]
			if env == nil && len(provider) > len("vertex_ai") && provider[:len("vertex_ai")] == "vertex_ai" {
				env = litellmEnv["vertex_ai"] // vertex_ai-anthropic_models and the like
			}
			c.env[provider] = env
		}
		c.add(c.litellmEntry(provider, f.key, m))
	}
}

func (c *Catalogue) litellmEntry(provider, key string, m *jnode) *Entry {
	e := &Entry{Provider: provider, Model: key, Ref: key, Name: key, off: m.off}
	r := reader{c, e}
	e.Output = r.tokens("max_output", m.get("max_output_tokens"))
	e.RetiresOn = r.date("retires_on", m.get("deprecation_date"))
	p := &Price{}
	for i, k := range litellmRates {
		r.rate("price."+rateNames[i], m.get(k), perToken, &p.Rates, i)
	}
	for _, f := range m.fields {
		sub := litellmTier.FindStringSubmatch(f.key)
		if sub == nil {
			continue
		}
		i := indexOf(litellmRates[:], sub[1])
		field := "price.tiers." + rateNames[i]
		above, problem := tierAbove(sub[2])
		if problem != "" {
			r.problem(field, f.val, "key %s names %s", clip(f.key), problem)
			continue
		}
		var t Rates
		r.rate(field, f.val, perToken, &t, i)
		if t.Has[i] {
			p.addTier(above, i, t.Rate[i])
		}
	}
	p.sortTiers()
	// A price is per token: a model priced per second or per query only
	// has none.
	if p.Has[0] || p.Has[1] {
		e.Price = p
	}
	return e
}

// tierAbove reads the N of a key's _above_Nk_tokens as a number of
// tokens, bounded before it is converted (so that no digits overflow it)
// by the registry's largest token count, or says why it is none.
func tierAbove(digits string) (int, string) {
	const maxK = 1_000_000 // 1,000,000,000 tokens
	if digits[0] == '0' {
		return 0, "no prompt size: want _above_Nk_tokens, N a whole number from 1"
	}
	if len(digits) > len(strconv.Itoa(maxK)) {
		return 0, "a prompt size over the registry's 1,000,000,000 tokens"
	}
	k, err := strconv.Atoi(digits)
	if err != nil || k > maxK {
		return 0, "a prompt size over the registry's 1,000,000,000 tokens"
	}
	return k * 1000, ""
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
