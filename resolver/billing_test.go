package resolver_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

func TestParseBillingMode(t *testing.T) {
	for in, want := range map[string]resolver.BillingMode{
		"platform_managed": resolver.PlatformManaged, " BYOK ": resolver.BYOK, "Platform_Managed": resolver.PlatformManaged, "byok": resolver.BYOK,
	} {
		got, err := resolver.ParseBillingMode(in)
		if err != nil || got != want {
			t.Errorf("ParseBillingMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "  ", "platform", "managed", "byok2", "platform-managed", "byo\u212a", "\u017fbyok"} {
		if got, err := resolver.ParseBillingMode(in); !errors.Is(err, resolver.ErrInvalidOverride) || got != "" {
			t.Errorf("ParseBillingMode(%q) = %q, %v; want ErrInvalidOverride", in, got, err)
		}
	}
}

// The behaviour the registry exists for, through the real compiled
// registry: the billing decision the seed's stored flag got wrong.
func TestResolveBillingMode(t *testing.T) {
	type want struct {
		mode     resolver.BillingMode
		source   resolver.BillingSource
		provider resolver.ProviderID
		reason   error
	}
	for _, c := range []struct {
		name string
		in   resolver.BillingInput
		want want
	}{
		{"platform-served model stays platform_managed",
			resolver.BillingInput{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"},
			want{resolver.PlatformManaged, resolver.SourceDerived, "platform", nil}},
		{"a platform key in the env does not change a platform model",
			resolver.BillingInput{Runtime: "hermes", Model: "claude-opus-4-7", AuthEnv: []string{"ANTHROPIC_API_KEY"}},
			want{resolver.PlatformManaged, resolver.SourceDerived, "platform", nil}},
		{"vendor model is byok (the billing leak)",
			resolver.BillingInput{Runtime: "claude-code", Model: "kimi-for-coding"},
			want{resolver.BYOK, resolver.SourceDerived, "kimi-coding", nil}},
		{"vendor model chosen by env is byok",
			resolver.BillingInput{Runtime: "claude-code", Model: "opus", AuthEnv: []string{"CLAUDE_CODE_OAUTH_TOKEN"}},
			want{resolver.BYOK, resolver.SourceDerived, "anthropic-oauth", nil}},
		{"ambiguous vendor model is still byok",
			resolver.BillingInput{Runtime: "claude-code", Model: "opus"},
			want{resolver.BYOK, resolver.SourceDerived, "", resolver.ErrAmbiguous}},
		{"unset model defaults to platform_managed",
			resolver.BillingInput{Runtime: "claude-code", Model: ""},
			want{resolver.PlatformManaged, resolver.SourceDefault, "", resolver.ErrNoModel}},
		{"unregistered model defaults",
			resolver.BillingInput{Runtime: "codex", Model: "gpt-9"},
			want{resolver.PlatformManaged, resolver.SourceDefault, "", resolver.ErrUnregisteredModel}},
		{"a vendor-only model on a runtime that does not serve it is byok (step 3)",
			resolver.BillingInput{Runtime: "codex", Model: "opus"},
			want{resolver.BYOK, resolver.SourceModel, "", resolver.ErrNotOnRuntime}},
		{"gpt-5.5 on claude-code: vendor-only, byok whatever the env",
			resolver.BillingInput{Runtime: "claude-code", Model: "gpt-5.5", AuthEnv: []string{"ANTHROPIC_API_KEY"}},
			want{resolver.BYOK, resolver.SourceModel, "", resolver.ErrNotOnRuntime}},
		{"a platform-only model on a runtime that does not serve it is platform_managed (step 3)",
			resolver.BillingInput{Runtime: "codex", Model: "anthropic/claude-opus-4-7"},
			want{resolver.PlatformManaged, resolver.SourceModel, "", resolver.ErrNotOnRuntime}},
		{"ungoverned runtime defaults",
			resolver.BillingInput{Runtime: "langgraph", Model: "opus"},
			want{resolver.PlatformManaged, resolver.SourceDefault, "", resolver.ErrUngovernedRuntime}},
		{"unknown runtime defaults",
			resolver.BillingInput{Runtime: "no-such", Model: "opus"},
			want{resolver.PlatformManaged, resolver.SourceDefault, "", resolver.ErrUnknownRuntime}},
		{"override byok wins over a platform model",
			resolver.BillingInput{Override: "byok", Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"},
			want{resolver.BYOK, resolver.SourceOverride, "platform", nil}},
		{"override platform_managed wins over a vendor model, trimmed and case-insensitive",
			resolver.BillingInput{Override: "  PLATFORM_MANAGED ", Runtime: "codex", Model: "gpt-5.5"},
			want{resolver.PlatformManaged, resolver.SourceOverride, "openai", nil}},
		{"override wins for an unknown pair",
			resolver.BillingInput{Override: "byok", Runtime: "langgraph", Model: "whatever"},
			want{resolver.BYOK, resolver.SourceOverride, "", nil}},
		{"blank override is no override",
			resolver.BillingInput{Override: "   ", Runtime: "codex", Model: "gpt-5.5"},
			want{resolver.BYOK, resolver.SourceDerived, "openai", nil}},
		{"invalid override is ignored and reported",
			resolver.BillingInput{Override: "free", Runtime: "codex", Model: "gpt-5.5"},
			want{resolver.BYOK, resolver.SourceDerived, "openai", resolver.ErrInvalidOverride}},
		{"invalid override and an unknown pair report both",
			resolver.BillingInput{Override: "free", Runtime: "codex", Model: ""},
			want{resolver.PlatformManaged, resolver.SourceDefault, "", resolver.ErrNoModel}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := providersgen.Registry.ResolveBillingMode(c.in)
			if got.Mode != c.want.mode || got.Source != c.want.source || got.Provider != c.want.provider {
				t.Fatalf("ResolveBillingMode(%+v) = %+v, want %+v", c.in, got, c.want)
			}
			if (c.want.reason == nil) != (got.Reason == nil) || (c.want.reason != nil && !errors.Is(got.Reason, c.want.reason)) {
				t.Fatalf("Reason = %v, want %v", got.Reason, c.want.reason)
			}
		})
	}
	got := providersgen.Registry.ResolveBillingMode(resolver.BillingInput{Override: "free", Runtime: "codex", Model: ""})
	if !errors.Is(got.Reason, resolver.ErrInvalidOverride) {
		t.Fatalf("Reason %v does not report the ignored override", got.Reason)
	}
}

func TestPlanCredentials(t *testing.T) {
	plat := func(n string) resolver.Secret { return resolver.Secret{Name: n, PlatformScope: true} }
	own := func(n string) resolver.Secret { return resolver.Secret{Name: n} }
	type want struct {
		mode     resolver.BillingMode
		source   resolver.BillingSource
		provider resolver.ProviderID
		strip    []string
		usable   bool
		want     []string
	}
	for _, c := range []struct {
		name string
		reg  *resolver.Registry
		in   resolver.CredentialInput
		want want
	}{
		{"platform model keeps everything", providersgen.Registry,
			resolver.CredentialInput{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7", Secrets: []resolver.Secret{plat("ANTHROPIC_API_KEY"), own("GITHUB_TOKEN")}},
			want{resolver.PlatformManaged, resolver.SourceDerived, "platform", nil, true, nil}},
		{"vendor model strips platform keys and fails closed without an own key (the leak fix)", providersgen.Registry,
			resolver.CredentialInput{Runtime: "claude-code", Model: "kimi-for-coding", Secrets: []resolver.Secret{plat("ANTHROPIC_API_KEY"), plat("KIMI_API_KEY"), plat("GITHUB_TOKEN")}},
			want{resolver.BYOK, resolver.SourceDerived, "kimi-coding", []string{"ANTHROPIC_API_KEY", "KIMI_API_KEY"}, false, []string{"KIMI_API_KEY"}}},
		{"vendor model with the owner's key is usable", providersgen.Registry,
			resolver.CredentialInput{Runtime: "claude-code", Model: "kimi-for-coding", Secrets: []resolver.Secret{plat("ANTHROPIC_API_KEY"), own("KIMI_API_KEY")}},
			want{resolver.BYOK, resolver.SourceDerived, "kimi-coding", []string{"ANTHROPIC_API_KEY"}, true, []string{"KIMI_API_KEY"}}},
		{"a platform key about to be stripped never chooses the vendor", providersgen.Registry,
			resolver.CredentialInput{Runtime: "claude-code", Model: "opus", Secrets: []resolver.Secret{plat("CLAUDE_CODE_OAUTH_TOKEN"), own("ANTHROPIC_API_KEY")}},
			want{resolver.BYOK, resolver.SourceDerived, "anthropic", []string{"CLAUDE_CODE_OAUTH_TOKEN"}, true, []string{"ANTHROPIC_API_KEY"}}},
		{"only platform keys for an env-chosen model: ambiguous, unusable", providersgen.Registry,
			resolver.CredentialInput{Runtime: "claude-code", Model: "opus", Secrets: []resolver.Secret{plat("CLAUDE_CODE_OAUTH_TOKEN"), plat("CLAUDE_CODE_OAUTH_TOKEN")}},
			want{resolver.BYOK, resolver.SourceDerived, "", []string{"CLAUDE_CODE_OAUTH_TOKEN"}, false, []string{"CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_API_KEY"}}},
		{"non-LLM platform secrets are never stripped", providersgen.Registry,
			resolver.CredentialInput{Runtime: "codex", Model: "gpt-5.5", Secrets: []resolver.Secret{plat("GITHUB_TOKEN"), own("OPENAI_API_KEY")}},
			want{resolver.BYOK, resolver.SourceDerived, "openai", nil, true, []string{"OPENAI_API_KEY"}}},
		{"unset model defaults to platform_managed and strips nothing", providersgen.Registry,
			resolver.CredentialInput{Runtime: "codex", Secrets: []resolver.Secret{plat("OPENAI_API_KEY")}},
			want{resolver.PlatformManaged, resolver.SourceDefault, "", nil, true, nil}},
		{"ungoverned runtime falls back to the default", providersgen.Registry,
			resolver.CredentialInput{Runtime: "langgraph", Model: "opus", Secrets: []resolver.Secret{plat("ANTHROPIC_API_KEY")}},
			want{resolver.PlatformManaged, resolver.SourceDefault, "", nil, true, nil}},
		{"override byok on a platform model is never usable", providersgen.Registry,
			resolver.CredentialInput{Override: "byok", Runtime: "claude-code", Model: "anthropic/claude-opus-4-7", Secrets: []resolver.Secret{plat("ANTHROPIC_API_KEY"), own("ANTHROPIC_API_KEY")}},
			want{resolver.BYOK, resolver.SourceOverride, "platform", []string{"ANTHROPIC_API_KEY"}, false, nil}},
		{"override byok on an unknown pair: usable when an own LLM key remains, nothing wanted", providersgen.Registry,
			resolver.CredentialInput{Override: "BYOK", Runtime: "langgraph", Model: "x", Secrets: []resolver.Secret{plat("OPENAI_API_KEY"), own("DEEPSEEK_API_KEY")}},
			want{resolver.BYOK, resolver.SourceOverride, "", []string{"OPENAI_API_KEY"}, true, nil}},
		{"override byok on an unknown pair without an own key is unusable", providersgen.Registry,
			resolver.CredentialInput{Override: "byok", Runtime: "nope", Model: "x", Secrets: []resolver.Secret{plat("OPENAI_API_KEY"), own("GITHUB_TOKEN")}},
			want{resolver.BYOK, resolver.SourceOverride, "", []string{"OPENAI_API_KEY"}, false, nil}},
		{"override platform_managed on a vendor model strips nothing", providersgen.Registry,
			resolver.CredentialInput{Override: "platform_managed", Runtime: "codex", Model: "gpt-5.5", Secrets: []resolver.Secret{plat("OPENAI_API_KEY")}},
			want{resolver.PlatformManaged, resolver.SourceOverride, "openai", nil, true, nil}},
		{"byok vendor without auth_env needs no credential", fixture.Registry,
			resolver.CredentialInput{Runtime: "r01", Model: "m-local", Secrets: []resolver.Secret{plat("ALPHA_KEY")}},
			want{resolver.BYOK, resolver.SourceDerived, "local", []string{"ALPHA_KEY"}, true, nil}},
		{"second env name of the chosen provider", fixture.Registry,
			resolver.CredentialInput{Runtime: "r01", Model: "m-duo", Secrets: []resolver.Secret{plat("ALPHA_KEY"), own("ALPHA_TOKEN")}},
			want{resolver.BYOK, resolver.SourceDerived, "alpha", []string{"ALPHA_KEY"}, true, []string{"ALPHA_KEY", "ALPHA_TOKEN"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := c.reg.PlanCredentials(c.in)
			if got.Decision.Mode != c.want.mode || got.Decision.Source != c.want.source || got.Decision.Provider != c.want.provider {
				t.Fatalf("Decision = %+v, want mode %s source %s provider %q", got.Decision, c.want.mode, c.want.source, c.want.provider)
			}
			if !slices.Equal(got.Strip, c.want.strip) || got.Usable != c.want.usable || !slices.Equal(got.Want, c.want.want) {
				t.Fatalf("plan = Strip %q Usable %v Want %q; want Strip %q Usable %v Want %q",
					got.Strip, got.Usable, got.Want, c.want.strip, c.want.usable, c.want.want)
			}
			// Billing agrees with ResolveBillingMode over the names that
			// remain, and Keep is exactly the secrets not stripped.
			var kept []string
			var keep []resolver.Secret
			for _, s := range c.in.Secrets {
				if !slices.Contains(got.Strip, s.Name) || !s.PlatformScope {
					kept, keep = append(kept, s.Name), append(keep, s)
				}
			}
			if !slices.Equal(got.Keep, keep) {
				t.Fatalf("Keep = %v, want %v", got.Keep, keep)
			}
			if b := c.reg.ResolveBillingMode(resolver.BillingInput{Override: c.in.Override, Runtime: c.in.Runtime, Model: c.in.Model, AuthEnv: kept}); b.Mode != got.Decision.Mode || b.Provider != got.Decision.Provider {
				t.Fatalf("ResolveBillingMode over the kept names = %+v, plan decision %+v", b, got.Decision)
			}
		})
	}
}

// Want is the caller's to keep: changing it cannot change the registry.
func TestPlanCredentialsOwnsItsData(t *testing.T) {
	in := resolver.CredentialInput{Runtime: "r01", Model: "m-duo", Secrets: []resolver.Secret{{Name: "ALPHA_KEY"}}}
	p := fixture.Registry.PlanCredentials(in)
	p.Want[0] = "MUTATED"
	if again := fixture.Registry.PlanCredentials(in); again.Want[0] != "ALPHA_KEY" || !again.Usable {
		t.Fatalf("mutating a plan changed the registry: %+v", again)
	}
}

// TestPlanCredentialsInject: the platform's injected env (inject_env) is
// listed under platform_managed (and no secret of those names is kept)
// and stripped under byok, and a name in both scopes loses only its
// platform-scope value.
func TestPlanCredentialsInject(t *testing.T) {
	plat := func(n string) resolver.Secret { return resolver.Secret{Name: n, PlatformScope: true} }
	own := func(n string) resolver.Secret { return resolver.Secret{Name: n} }
	proxy := []string{"ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN", "OPENAI_BASE_URL", "GOOGLE_GEMINI_BASE_URL"}
	for _, c := range []struct {
		name   string
		in     resolver.CredentialInput
		source resolver.BillingSource
		strip  []string
		keep   []resolver.Secret
		usable bool
		inject []string
	}{
		{"platform_managed injects the proxy's env",
			resolver.CredentialInput{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7", Secrets: []resolver.Secret{own("GITHUB_TOKEN")}},
			resolver.SourceDerived, nil, []resolver.Secret{own("GITHUB_TOKEN")}, true, proxy},
		{"byok strips the proxy's env with the platform's keys",
			resolver.CredentialInput{Runtime: "claude-code", Model: "kimi-for-coding", Secrets: []resolver.Secret{plat("ANTHROPIC_BASE_URL"), plat("ANTHROPIC_AUTH_TOKEN"), own("KIMI_API_KEY")}},
			resolver.SourceDerived, []string{"ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN"}, []resolver.Secret{own("KIMI_API_KEY")}, true, nil},
		{"a name in both scopes: the platform's value goes, the owner's stays",
			resolver.CredentialInput{Runtime: "claude-code", Model: "kimi-for-coding", Secrets: []resolver.Secret{plat("KIMI_API_KEY"), own("KIMI_API_KEY")}},
			resolver.SourceDerived, []string{"KIMI_API_KEY"}, []resolver.Secret{own("KIMI_API_KEY")}, true, nil},
		{"a vendor-only model on a runtime that does not serve it is byok and strips (step 3)",
			resolver.CredentialInput{Runtime: "claude-code", Model: "gpt-5.5", Secrets: []resolver.Secret{plat("ANTHROPIC_AUTH_TOKEN"), plat("OPENAI_API_KEY")}},
			resolver.SourceModel, []string{"ANTHROPIC_AUTH_TOKEN", "OPENAI_API_KEY"}, []resolver.Secret{}, false, nil},
		{"the default injects the only platform provider's env",
			resolver.CredentialInput{Runtime: "codex", Secrets: []resolver.Secret{plat("ANTHROPIC_AUTH_TOKEN")}},
			resolver.SourceDefault, nil, nil, true, proxy},
		{"an owner's secret of an injected name is replaced by the platform's, never kept beside its token",
			resolver.CredentialInput{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7", Secrets: []resolver.Secret{own("ANTHROPIC_BASE_URL"), own("GITHUB_TOKEN"), plat("OPENAI_BASE_URL")}},
			resolver.SourceDerived, nil, []resolver.Secret{own("GITHUB_TOKEN")}, true, proxy},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := providersgen.Registry.PlanCredentials(c.in)
			if got.Decision.Source != c.source || !slices.Equal(got.Strip, c.strip) || !slices.Equal(got.Keep, c.keep) || got.Usable != c.usable || !slices.Equal(got.Inject, c.inject) {
				t.Fatalf("plan = %+v", got)
			}
		})
	}
	for _, n := range proxy {
		if !providersgen.Registry.IsLLMCredential(n) {
			t.Errorf("IsLLMCredential(%q) is false for an inject_env name", n)
		}
	}
	// With two platform providers, an owner's secret named in the other
	// one's inject_env is not kept either: a runtime may read it.
	eu := fixture.Registry.PlanCredentials(resolver.CredentialInput{Runtime: "r02", Model: "m-eu", Secrets: []resolver.Secret{own("PLATFORM_BASE_URL"), own("EU_PROXY_TOKEN"), own("ALPHA_KEY")}})
	if !slices.Equal(eu.Inject, []string{"EU_PROXY_TOKEN"}) || !slices.Equal(eu.Keep, []resolver.Secret{own("ALPHA_KEY")}) {
		t.Errorf("r02 m-eu plan = %+v, want Inject [EU_PROXY_TOKEN], Keep [ALPHA_KEY]", eu)
	}
	// With two platform providers a default decision injects nothing: the
	// platform's own values stay, the owner's of those names do not.
	def := fixture.Registry.PlanCredentials(resolver.CredentialInput{Runtime: "r01", Model: "unknown-model", Secrets: []resolver.Secret{plat("PLATFORM_TOKEN"), own("PLATFORM_BASE_URL"), plat("EU_PROXY_TOKEN")}})
	if len(def.Inject) != 0 || !slices.Equal(def.Keep, []resolver.Secret{plat("PLATFORM_TOKEN"), plat("EU_PROXY_TOKEN")}) || !def.Usable {
		t.Errorf("r01 unknown-model plan = %+v, want nothing injected, the platform's two secrets kept", def)
	}
	// Inject is the caller's: changing it cannot change the registry.
	p := providersgen.Registry.PlanCredentials(resolver.CredentialInput{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"})
	p.Inject[0] = "CHANGED"
	if p := providersgen.Registry.PlanCredentials(resolver.CredentialInput{Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"}); p.Inject[0] != proxy[0] {
		t.Fatal("a caller changed the registry through Inject")
	}
}
