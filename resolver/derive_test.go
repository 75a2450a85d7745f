package resolver_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

type deriveCase struct {
	name    string
	runtime string
	model   string
	env     []string
	want    resolver.Derivation
	err     error
}

func runDerive(t *testing.T, reg *resolver.Registry, cases []deriveCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := reg.Derive(c.runtime, c.model, c.env)
			if !errors.Is(err, c.err) || (c.err == nil && err != nil) {
				t.Fatalf("Derive(%q, %q, %q) error = %v, want %v", c.runtime, c.model, c.env, err, c.err)
			}
			if got != c.want {
				t.Fatalf("Derive(%q, %q, %q) = %+v, want %+v", c.runtime, c.model, c.env, got, c.want)
			}
			p, err2 := reg.DeriveProvider(c.runtime, c.model, c.env)
			if p != c.want.Provider || !errors.Is(err2, c.err) {
				t.Fatalf("DeriveProvider = %q, %v; want %q, %v", p, err2, c.want.Provider, c.err)
			}
		})
	}
}

// The seed's answers on the shipped registry.
func TestDeriveShipped(t *testing.T) {
	opus := resolver.Derivation{Model: "opus"}
	runDerive(t, providersgen.Registry, []deriveCase{
		{"platform model", "claude-code", "anthropic/claude-opus-4-7", nil,
			resolver.Derivation{Provider: providersgen.ProviderPlatform, Model: "anthropic/claude-opus-4-7", Platform: true}, nil},
		{"platform model ignores env", "hermes", "anthropic/claude-opus-4-7", []string{"ANTHROPIC_API_KEY"},
			resolver.Derivation{Provider: "platform", Model: "anthropic/claude-opus-4-7", Platform: true}, nil},
		{"alias canonicalizes", "claude-code", "claude-opus-4-7", nil,
			resolver.Derivation{Provider: "platform", Model: "anthropic/claude-opus-4-7", Spelling: resolver.SpellingAlias, Platform: true}, nil},
		{"legacy colon spelling canonicalizes", "claude-code", "anthropic:claude-opus-4-7", nil,
			resolver.Derivation{Provider: "platform", Model: "anthropic/claude-opus-4-7", Spelling: resolver.SpellingLegacy, Platform: true}, nil},
		{"oauth token chooses", "claude-code", "opus", []string{"CLAUDE_CODE_OAUTH_TOKEN"},
			resolver.Derivation{Provider: providersgen.ProviderAnthropicOAuth, Model: "opus", ByEnv: "CLAUDE_CODE_OAUTH_TOKEN"}, nil},
		{"api key chooses", "claude-code", "opus", []string{"ANTHROPIC_API_KEY"},
			resolver.Derivation{Provider: "anthropic", Model: "opus", ByEnv: "ANTHROPIC_API_KEY"}, nil},
		{"served_by order wins when both are set", "claude-code", "opus", []string{"ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN"},
			resolver.Derivation{Provider: "anthropic-oauth", Model: "opus", ByEnv: "CLAUDE_CODE_OAUTH_TOKEN"}, nil},
		{"unrelated env is ignored", "claude-code", "sonnet", []string{"PATH", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"},
			resolver.Derivation{Provider: "anthropic", Model: "sonnet", ByEnv: "ANTHROPIC_API_KEY"}, nil},
		{"ambiguous keeps model and platform", "claude-code", "opus", []string{"OPENAI_API_KEY"}, opus, resolver.ErrAmbiguous},
		{"kimi for coding", "claude-code", "kimi-for-coding", nil,
			resolver.Derivation{Provider: "kimi-coding", Model: "kimi-for-coding"}, nil},
		{"kimi for coding on hermes", "hermes", "kimi-for-coding", nil,
			resolver.Derivation{Provider: "kimi-coding", Model: "kimi-for-coding"}, nil},
		{"gpt-5.5 on codex", "codex", "gpt-5.5", nil,
			resolver.Derivation{Provider: "openai", Model: "gpt-5.5"}, nil},
		{"surrounding space is trimmed", "  codex\t", "\ngpt-5.5 ", nil,
			resolver.Derivation{Provider: "openai", Model: "gpt-5.5"}, nil},
		{"not on runtime keeps the model", "codex", "opus", nil, opus, resolver.ErrNotOnRuntime},
		{"not on runtime, alias", "codex", "claude-opus-4-7", nil,
			resolver.Derivation{Model: "anthropic/claude-opus-4-7", Spelling: resolver.SpellingAlias}, resolver.ErrNotOnRuntime},
		{"unregistered", "codex", "gpt-9", nil, resolver.Derivation{}, resolver.ErrUnregisteredModel},
		{"spelling is case-sensitive", "codex", "GPT-5.5", nil, resolver.Derivation{}, resolver.ErrUnregisteredModel},
		{"no model", "codex", "", nil, resolver.Derivation{}, resolver.ErrNoModel},
		{"blank model", "codex", "   ", nil, resolver.Derivation{}, resolver.ErrNoModel},
		{"no model is checked before the runtime", "no-such-runtime", "", nil, resolver.Derivation{}, resolver.ErrNoModel},
		{"unknown runtime", "no-such-runtime", "opus", nil, resolver.Derivation{}, resolver.ErrUnknownRuntime},
		{"empty runtime", "", "opus", nil, resolver.Derivation{}, resolver.ErrUnknownRuntime},
		{"ungoverned runtime", "langgraph", "opus", nil, resolver.Derivation{}, resolver.ErrUngovernedRuntime},
		{"ungoverned runtime before model lookup", "kimi", "no-such-model", nil, resolver.Derivation{}, resolver.ErrUngovernedRuntime},
	})
}

func TestDeriveFixture(t *testing.T) {
	duo := resolver.Derivation{Model: "m-duo"}
	runDerive(t, fixture.Registry, []deriveCase{
		{"runtime in the second word", "r30", "m-platform", nil,
			resolver.Derivation{Provider: "platform", Model: "m-platform", Platform: true}, nil},
		{"second alias", "r01", "mp2", nil,
			resolver.Derivation{Provider: "platform", Model: "m-platform", Spelling: resolver.SpellingAlias, Platform: true}, nil},
		{"not on a runtime between", "r02", "m-platform", nil, resolver.Derivation{Model: "m-platform"}, resolver.ErrNotOnRuntime},
		{"second env name of a provider", "r01", "duo", []string{"ALPHA_TOKEN"},
			resolver.Derivation{Provider: "alpha", Model: "m-duo", Spelling: resolver.SpellingAlias, ByEnv: "ALPHA_TOKEN"}, nil},
		{"ByEnv is the provider's first present name", "r01", "m-duo", []string{"ALPHA_TOKEN", "ALPHA_KEY"},
			resolver.Derivation{Provider: "alpha", Model: "m-duo", ByEnv: "ALPHA_KEY"}, nil},
		{"second candidate", "r02", "old:duo", []string{"BETA_KEY"},
			resolver.Derivation{Provider: "beta", Model: "m-duo", Spelling: resolver.SpellingLegacy, ByEnv: "BETA_KEY"}, nil},
		{"candidates differ per runtime", "r29", "m-duo", []string{"BETA_KEY", "GAMMA_KEY"},
			resolver.Derivation{Provider: "gamma", Model: "m-duo", ByEnv: "GAMMA_KEY"}, nil},
		{"single provider ignores env", "r30", "m-duo", []string{"ALPHA_KEY"},
			resolver.Derivation{Provider: "beta", Model: "m-duo"}, nil},
		{"ambiguous", "r01", "m-duo", []string{"GAMMA_KEY"}, duo, resolver.ErrAmbiguous},
		{"provider without auth_env", "r01", "m-local", nil,
			resolver.Derivation{Provider: "local", Model: "m-local"}, nil},
		{"every runtime of both words", "r24", "m-wide", nil,
			resolver.Derivation{Provider: "gamma", Model: "m-wide"}, nil},
		{"word boundary", "r25", "m-wide", nil,
			resolver.Derivation{Provider: "gamma", Model: "m-wide"}, nil},
	})
}

func TestAmbiguousError(t *testing.T) {
	_, err := fixture.Registry.Derive("r01", "duo", []string{"GAMMA_KEY"})
	var ae *resolver.AmbiguousError
	if !errors.As(err, &ae) {
		t.Fatalf("error %T %v is not an *AmbiguousError", err, err)
	}
	want := &resolver.AmbiguousError{
		Runtime:    "r01",
		Model:      "m-duo",
		Candidates: []resolver.ProviderID{"alpha", "beta"},
		AuthEnv:    []string{"ALPHA_KEY", "ALPHA_TOKEN", "BETA_KEY"},
	}
	if !reflect.DeepEqual(ae, want) {
		t.Fatalf("got %+v, want %+v", ae, want)
	}
	const msg = `model "m-duo" on runtime "r01" is served by alpha, beta and no auth env chooses one; set one of ALPHA_KEY, ALPHA_TOKEN, BETA_KEY`
	if err.Error() != msg {
		t.Fatalf("Error() = %q, want %q", err.Error(), msg)
	}
	if errors.Is(err, resolver.ErrNotOnRuntime) {
		t.Fatal("AmbiguousError matches ErrNotOnRuntime")
	}
}

// The error must not keep the caller's authEnv: changing it afterwards
// cannot change the error.
func TestAmbiguousErrorOwnsItsData(t *testing.T) {
	env := []string{"NOPE"}
	_, err := fixture.Registry.Derive("r01", "m-duo", env)
	before := err.Error()
	env[0] = "ALPHA_KEY"
	if err.Error() != before {
		t.Fatal("the error changed with the caller's slice")
	}
	ae := err.(*resolver.AmbiguousError)
	ae.AuthEnv[0] = "MUTATED"
	ae.Candidates[0] = "mutated"
	if _, err := fixture.Registry.Derive("r01", "m-duo", nil); !strings.Contains(err.Error(), "alpha, beta") || !strings.Contains(err.Error(), "ALPHA_KEY") {
		t.Fatalf("mutating one error changed the registry: %v", err)
	}
}

func TestIsPlatform(t *testing.T) {
	r := providersgen.Registry
	for p, want := range map[resolver.ProviderID]bool{
		"platform": true, "anthropic": false, "anthropic-oauth": false, "openai": false,
		"": false, "Platform": false, "platform ": false, "no-such": false,
	} {
		if got := r.IsPlatform(p); got != want {
			t.Errorf("IsPlatform(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestIsLLMCredential(t *testing.T) {
	r := providersgen.Registry
	for name, want := range map[string]bool{
		"ANTHROPIC_API_KEY": true, "CLAUDE_CODE_OAUTH_TOKEN": true, "GEMINI_API_KEY": true, "GOOGLE_API_KEY": true,
		"GITHUB_TOKEN": false, "PATH": false, "": false, "anthropic_api_key": false,
	} {
		if got := r.IsLLMCredential(name); got != want {
			t.Errorf("IsLLMCredential(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestModelsForRuntime(t *testing.T) {
	got := fixture.Registry.ModelsForRuntime(" r01 ")
	want := []resolver.ModelID{"m-platform", "m-duo", "m-local", "m-wide"}
	if !slices.Equal(got, want) {
		t.Fatalf("ModelsForRuntime(r01) = %q, want %q", got, want)
	}
	if got := fixture.Registry.ModelsForRuntime("r30"); !slices.Equal(got, []resolver.ModelID{"m-platform", "m-duo", "m-wide"}) {
		t.Fatalf("ModelsForRuntime(r30) = %q", got)
	}
	for _, rt := range []string{"off", "nope", ""} {
		got := fixture.Registry.ModelsForRuntime(rt)
		if got == nil || len(got) != 0 {
			t.Fatalf("ModelsForRuntime(%q) = %#v, want an empty non-nil slice", rt, got)
		}
	}
	// The caller owns the slice.
	got[0] = "changed"
	if fixture.Registry.ModelsForRuntime("r01")[0] != "m-platform" {
		t.Fatal("changing a returned slice changed the registry")
	}
	codex := providersgen.Registry.ModelsForRuntime("codex")
	if !slices.Contains(codex, "gpt-5.5") || slices.Contains(codex, "opus") {
		t.Fatalf("ModelsForRuntime(codex) = %q", codex)
	}
}

func TestZeroRegistry(t *testing.T) {
	var r resolver.Registry
	if _, err := r.Derive("claude-code", "opus", nil); err != resolver.ErrNoRegistry || !errors.Is(err, resolver.ErrUnknownRuntime) {
		t.Fatalf("zero Registry Derive error = %v", err)
	}
	// The default applies, and says why: the registry is unavailable, not
	// the runtime unknown.
	dec := r.ResolveBillingMode(resolver.BillingInput{Runtime: "claude-code", Model: "opus"})
	if dec.Mode != resolver.PlatformManaged || dec.Source != resolver.SourceDefault || dec.Reason != resolver.ErrNoRegistry ||
		dec.Reason.Error() != "the registry is unavailable (a nil or zero Registry): runtime is not in the registry" {
		t.Fatalf("zero Registry ResolveBillingMode = %+v", dec)
	}
	if r.IsPlatform("platform") || r.IsLLMCredential("X") || len(r.ModelsForRuntime("x")) != 0 {
		t.Fatal("zero Registry is not empty")
	}
	if _, ok := r.Model("opus"); ok {
		t.Fatal("zero Registry has a model")
	}
	if _, ok := r.Price("anthropic", "opus"); ok {
		t.Fatal("zero Registry has a price")
	}
	var nilReg *resolver.Registry
	if got := nilReg.CheckRegistered("a", "b").Status; got != resolver.StatusUnknownRuntime {
		t.Fatalf("nil Registry CheckRegistered = %v", got)
	}
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2000 {
				d, err := providersgen.Registry.Derive("claude-code", "opus", []string{"ANTHROPIC_API_KEY"})
				if err != nil || d.Provider != "anthropic" {
					t.Errorf("Derive = %+v, %v", d, err)
					return
				}
				_ = providersgen.Registry.ModelsForRuntime("hermes")
			}
		}()
	}
	wg.Wait()
}

func TestDeriveAllocs(t *testing.T) {
	r := providersgen.Registry
	env := []string{"PATH", "ANTHROPIC_API_KEY"}
	for _, c := range []struct{ rt, m string }{
		{"claude-code", "anthropic/claude-opus-4-7"}, {"claude-code", "opus"}, {"claude-code", "anthropic:claude-opus-4-7"},
		{"codex", "nope"}, {"nope", "opus"}, {"codex", "opus"},
	} {
		if n := testing.AllocsPerRun(100, func() { _, _ = r.Derive(c.rt, c.m, env) }); n != 0 {
			t.Errorf("Derive(%q, %q) allocates %v times", c.rt, c.m, n)
		}
		if n := testing.AllocsPerRun(100, func() { _ = r.CheckRegistered(c.rt, c.m) }); n != 0 && c.m != "nope" {
			t.Errorf("CheckRegistered(%q, %q) allocates %v times", c.rt, c.m, n)
		}
		if n := testing.AllocsPerRun(100, func() {
			_ = r.ResolveBillingMode(resolver.BillingInput{Runtime: c.rt, Model: c.m, AuthEnv: env})
		}); n != 0 {
			t.Errorf("ResolveBillingMode(%q, %q) allocates %v times", c.rt, c.m, n)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _ = r.IsPlatform("platform") }); n != 0 {
		t.Errorf("IsPlatform allocates %v times", n)
	}
}

// TestWrongFormatPanics: tables that say they are in another format (a
// hand-edited or stale generated file) are refused loudly by every method,
// not read as an empty registry.
func TestWrongFormatPanics(t *testing.T) {
	for _, f := range []int{0, 2, resolver.TablesFormat4 + 1} {
		reg := resolver.New(&resolver.Tables{Format: f})
		for name, call := range map[string]func(){
			"Derive":           func() { reg.Derive("claude-code", "opus", nil) },
			"IsPlatform":       func() { reg.IsPlatform("platform") },
			"CheckRegistered":  func() { reg.CheckRegistered("claude-code", "opus") },
			"ModelsForRuntime": func() { reg.ModelsForRuntime("claude-code") },
			"Model":            func() { reg.Model("opus") },
			"Price":            func() { reg.Price("anthropic", "opus") },
		} {
			func() {
				defer func() {
					msg, _ := recover().(string)
					want := fmt.Sprintf("resolver: the registry's tables are in format %d, and this resolver reads format %d: regenerate them (go generate)", f, resolver.TablesFormat4)
					if msg != want {
						t.Errorf("format %d, %s: recovered %q, want %q", f, name, msg, want)
					}
				}()
				call()
			}()
		}
	}
}
