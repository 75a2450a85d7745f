package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
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

// litellmTier matches the rest of a long-prompt rate key after its rate
// key, such as _above_200k_tokens of input_cost_per_token_above_200k_tokens.
var litellmTier = regexp.MustCompile(`^_above_([0-9]+)k_tokens$`)

// litellmOther are the concepts of keys that start with a rate key and
// hold _above_ but are no long-prompt price, each with what it is: a
// one-hour cache write (cache_creation_input_token_cost_above_1hr, and
// its own long-prompt tier ..._above_1hr_above_200k_tokens) and the
// priority and flex service tiers (input_cost_per_token_above_272k_tokens_priority,
// cache_read_input_token_cost_flex_above_272k_tokens). The registry has no
// field for them: they are left out, with a note in a draft. A key that
// is neither a tier nor one of these is a problem of its entry, never
// dropped silently: it may be a tier spelled otherwise (_above_200K_tokens).
var litellmOther = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`^cache_creation_input_token_cost_above_1hr(_|$)`), "a one-hour cache write price"},
	{regexp.MustCompile(`_priority(_|$)`), "a priority service-tier price"},
	{regexp.MustCompile(`_flex(_|$)`), "a flex service-tier price"},
}

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
	root := c.snap.root
	done := map[string]bool{} // repeated keys already read
	for _, f := range root.fields {
		m := f.val
		provider := litellmProvider(m)
		if !root.repeated(f.key) {
			if provider != "" {
				c.addProvider(provider)
				c.add(c.litellmEntry(provider, f.key, m))
			}
			continue
		}
		if done[f.key] {
			continue
		}
		done[f.key] = true
		// A repeated model key is an entry when any of its values is
		// one; a repeated embedding model or sample_spec is not read.
		for _, g := range root.fields {
			if p := litellmProvider(g.val); g.key == f.key && p != "" {
				provider = p
			}
		}
		if provider != "" {
			c.addProvider(provider)
			c.add(c.repeatedEntry(&Entry{Provider: provider, Model: f.key, Ref: f.key, Name: f.key, off: m.off}, root))
		}
	}
}

// litellmProvider returns the provider of a chat, completion or responses
// model, or "" for anything else (sample_spec, embeddings).
func litellmProvider(m *jnode) string {
	if m.kind != '{' || !litellmModes[m.text("mode")] {
		return ""
	}
	return m.text("litellm_provider")
}

func (c *Catalogue) addProvider(provider string) {
	if _, seen := c.names[provider]; seen {
		return
	}
	c.names[provider] = provider
	env := litellmEnv[provider]
	if env == nil && len(provider) > len("vertex_ai") && provider[:len("vertex_ai")] == "vertex_ai" {
		env = litellmEnv["vertex_ai"] // vertex_ai-anthropic_models and the like
	}
	c.env[provider] = env
}

func (c *Catalogue) litellmEntry(provider, key string, m *jnode) *Entry {
	e := &Entry{Provider: provider, Model: key, Ref: key, Name: key, off: m.off}
	r := reader{c, e}
	e.Output = r.tokens("max_output", m.get("max_output_tokens"))
	e.RetiresOn = r.date("retires_on", m.get("deprecation_date"))
	r.repeats("", m)
	p := &Price{}
	for i, k := range litellmRates {
		r.rate("price."+rateNames[i], m.get(k), perToken, &p.Rates, i)
	}
	for _, f := range m.fields {
		if !m.repeated(f.key) {
			r.litellmTier(p, f)
		}
	}
	p.finishTiers()
	// A price is per token: a model priced per second or per query only
	// has none.
	if p.Has[0] || p.Has[1] {
		e.Price = p
	}
	return e
}

// litellmTier reads field f of an entry into p when it is a long-prompt
// rate, notes it when it is another concept (litellmOther), and reports it
// when it starts with a rate key and holds _above_ but is neither.
func (r reader) litellmTier(p *Price, f jfield) {
	i := slices.IndexFunc(litellmRates[:], func(k string) bool { return strings.HasPrefix(f.key, k+"_") })
	if i < 0 || !strings.Contains(f.key, "_above_") {
		return // input_cost_per_token_batches, and keys of no rate
	}
	field := "price.tiers." + rateNames[i]
	rest := f.key[len(litellmRates[i]):]
	sub := litellmTier.FindStringSubmatch(rest)
	if sub == nil {
		for _, o := range litellmOther {
			if o.re.MatchString(f.key) {
				r.e.Notes = append(r.e.Notes, fmt.Sprintf("%s left out: %s, which the registry has no field for", clip(f.key), o.what))
				return
			}
		}
		r.problem(field, f.val, "key %s is not a long-prompt price LiteLLM writes: want _above_Nk_tokens, N a whole number from 1", clip(f.key))
		return
	}
	above, problem := tierAbove(sub[1])
	if problem != "" {
		r.problem(field, f.val, "key %s names %s", clip(f.key), problem)
		return
	}
	var t Rates
	r.rate(field, f.val, perToken, &t, i)
	if t.Has[i] {
		// A key names one rate of one tier, and a repeated key is read
		// for no value, so no rate is set twice.
		p.addTier(above, i, t.Rate[i])
	}
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
