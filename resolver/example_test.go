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
		{Runtime: "claude-code", Model: "kimi-for-coding", Override: "platform_managed"},
	} {
		dec := reg.ResolveBillingMode(in)
		fmt.Printf("%-26q %-16s %-8s %v\n", in.Model, dec.Mode, dec.Source, dec.Reason)
	}
	// Output:
	// "anthropic/claude-opus-4-7" platform_managed derived  <nil>
	// "kimi-for-coding"          byok             derived  <nil>
	// ""                         platform_managed default  no model set
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
			{Name: "ANTHROPIC_API_KEY", PlatformScope: true}, // the platform's own key
			{Name: "GITHUB_TOKEN", PlatformScope: true},      // not an LLM credential
		},
	})
	fmt.Println(plan.Decision.Mode, plan.Decision.Provider)
	fmt.Println("strip:", plan.Strip)
	fmt.Println("usable:", plan.Usable, "want:", plan.Want)
	// Output:
	// byok kimi-coding
	// strip: [ANTHROPIC_API_KEY]
	// usable: false want: [KIMI_API_KEY]
}
