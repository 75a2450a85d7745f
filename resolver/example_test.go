package resolver_test

import (
	"errors"
	"fmt"

	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

func ExampleRegistry_Derive() {
	reg := providersgen.Registry

	// One provider serves the pair: the env does not matter.
	d, _ := reg.Derive("claude-code", "anthropic:claude-opus-4-7", nil)
	fmt.Println(d.Provider, d.Model, d.Spelling, d.Platform)

	// Several do: the first, in providers.yaml order, whose auth env is set.
	d, _ = reg.Derive("claude-code", "opus", []string{"ANTHROPIC_API_KEY"})
	fmt.Println(d.Provider, "chosen by", d.ByEnv)

	_, err := reg.Derive("claude-code", "opus", nil)
	fmt.Println(errors.Is(err, resolver.ErrAmbiguous))
	// Output:
	// platform anthropic/claude-opus-4-7 legacy true
	// anthropic chosen by ANTHROPIC_API_KEY
	// true
}

func ExampleRegistry_ResolveBillingMode() {
	reg := providersgen.Registry
	for _, in := range []resolver.BillingInput{
		{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"},
		{Runtime: "claude-code", Model: "kimi-for-coding"},
		{Runtime: "claude-code", Model: ""},
		{Runtime: "claude-code", Model: "gpt-5.5"}, // not served there; only vendors serve it
		{Runtime: "claude-code", Model: "kimi-for-coding", Override: "platform_managed"},
	} {
		dec := reg.ResolveBillingMode(in)
		fmt.Printf("%-26q %-16s %-8s %v\n", in.Model, dec.Mode, dec.Source, dec.Reason)
	}
	// Output:
	// "anthropic/claude-opus-4-7" platform_managed derived  <nil>
	// "kimi-for-coding"          byok             derived  <nil>
	// ""                         platform_managed default  no model set
	// "gpt-5.5"                  byok             model    model is not served on this runtime
	// "kimi-for-coding"          platform_managed override <nil>
}

func ExampleRegistry_CheckRegistered() {
	reg := providersgen.Registry
	enforce := resolver.EnforceWarn // one word to go to resolver.EnforceReject

	g := reg.CheckRegistered("codex", "gpt-5.6")
	if g.Flagged() {
		fmt.Printf("%s on %s: %s (did you mean %q?) rejected=%v\n", "gpt-5.6", g.Runtime, g.Status, g.Suggestion, g.Rejected(enforce))
	}
	fmt.Println(reg.CheckRegistered("langgraph", "anything").Status)
	// Output:
	// gpt-5.6 on codex: unregistered (did you mean "gpt-5.5"?) rejected=false
	// ungoverned-runtime
}

func ExampleRegistry_PlanCredentials() {
	plan := providersgen.Registry.PlanCredentials(resolver.CredentialInput{
		Runtime: "claude-code",
		Model:   "kimi-for-coding",
		Secrets: []resolver.Secret{
			{Name: "ANTHROPIC_API_KEY", PlatformScope: true},  // the platform's own key
			{Name: "ANTHROPIC_BASE_URL", PlatformScope: true}, // the platform's proxy (inject_env)
			{Name: "GITHUB_TOKEN", PlatformScope: true},       // not an LLM credential
			{Name: "ANTHROPIC_API_KEY"},                       // the owner's own key of the same name
		},
	})
	fmt.Println(plan.Decision.Mode, plan.Decision.Provider)
	fmt.Println("strip:", plan.Strip)
	// Build the workspace's env from Keep: removing Strip's names would
	// drop the owner's ANTHROPIC_API_KEY too.
	fmt.Println("keep:", plan.Keep)
	fmt.Println("usable:", plan.Usable, "want:", plan.Want)

	// Under platform_managed, the platform injects its proxy's env.
	plan = providersgen.Registry.PlanCredentials(resolver.CredentialInput{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"})
	fmt.Println(plan.Decision.Mode, "inject:", plan.Inject)
	// Output:
	// byok kimi-coding
	// strip: [ANTHROPIC_API_KEY ANTHROPIC_BASE_URL]
	// keep: [{GITHUB_TOKEN true} {ANTHROPIC_API_KEY false}]
	// usable: false want: [KIMI_API_KEY]
	// platform_managed inject: [ANTHROPIC_BASE_URL ANTHROPIC_AUTH_TOKEN OPENAI_BASE_URL GOOGLE_GEMINI_BASE_URL]
}

func ExampleRegistry_Model() {
	m, _ := providersgen.Registry.Model(" claude-3-7-sonnet ")
	fmt.Println(m.ID, m.Lifecycle, m.RetiresOn, "→", m.ReplacedBy)
	m, _ = providersgen.Registry.Model("anthropic:claude-opus-4-7")
	fmt.Println(m.ID, m.Spelling, m.Name, m.ContextWindow)
	// Output:
	// claude-3-7-sonnet retired 2026-02-19 → claude-sonnet-4-6
	// anthropic/claude-opus-4-7 legacy Claude Opus 4.7 1000000
}

func ExamplePrice_Cost() {
	p, _ := providersgen.Registry.Price(providersgen.ProviderPlatform, "anthropic/claude-opus-4-7")
	fmt.Println("input", p.Base().Input, "output", p.Base().Output, "USD per million tokens")

	// 12000×5 + 800×25 + 90000×0.5 USD per million tokens.
	cost, _ := p.Cost(resolver.Usage{Input: 12_000, Output: 800, CacheRead: 90_000})
	fmt.Println(int64(cost), cost)

	// A prompt over 200,000 tokens: the whole request at the tier's rates.
	cost, _ = p.Cost(resolver.Usage{Input: 250_000, Output: 1_000})
	fmt.Println(cost)
	// Output:
	// input 5 output 25 USD per million tokens
	// 125000000 $0.125
	// $2.5375
}
