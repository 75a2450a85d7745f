package resolver_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/internal/suggest"
	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

// FuzzResolve feeds arbitrary runtimes, models, env names and overrides to
// every entry point of the shipped registry, the edge-case fixture and the
// zero registry. Nothing may panic, and the answers must agree: Derive with
// CheckRegistered, ModelsForRuntime and IsPlatform; ResolveBillingMode and
// PlanCredentials with Derive; and every answer with the answer for the
// trimmed strings. The seeds cover every outcome; the corpus in
// testdata/fuzz/FuzzResolve adds what fuzzing found interesting.
//
//	go test ./resolver -run='^$' -fuzz=FuzzResolve -fuzztime=10m
func FuzzResolve(f *testing.F) {
	for _, s := range []struct{ runtime, model, env, override string }{
		{"claude-code", "anthropic/claude-opus-4-7", "", ""},
		{"claude-code", "claude-opus-4-7", "", ""},
		{"hermes", "anthropic:claude-opus-4-7", "", "byok"},
		{"claude-code", "opus", "ANTHROPIC_API_KEY\nCLAUDE_CODE_OAUTH_TOKEN", ""},
		{"claude-code", "opus", "", " Platform_Managed "},
		{"claude-code", "opus", "OPENAI_API_KEY", "free"},
		{" codex ", " gpt-5.5\t", "OPENAI_API_KEY", ""},
		{"codex", "gpt-5.6", "", ""},
		{"codex", "opus", "", ""},
		{"langgraph", "opus", "", ""},
		{"no-such-runtime", "opus", "", ""},
		{"claude-code", "", "", ""},
		{"", "   ", "", ""},
		{"r01", "m-ambiguous", "", ""},
		{"r29", "m-wide", "ALPHA_TOKEN", "BYOK"},
		{"\x00", "\xff\xfe", "\n\n", "\u00a0byok\u2028"},
	} {
		f.Add(s.runtime, s.model, s.env, s.override, uint8(0))
		f.Add(s.runtime, s.model, s.env, s.override, uint8(0xff))
	}
	regs := []*resolver.Registry{providersgen.Registry, fixture.Registry, {}, nil}
	f.Fuzz(func(t *testing.T, runtime, model, envList, override string, scope uint8) {
		var env []string
		if envList != "" {
			env = strings.Split(envList, "\n")
		}
		var secrets []resolver.Secret
		for i, name := range env {
			secrets = append(secrets, resolver.Secret{Name: name, PlatformScope: scope>>(i%8)&1 == 1})
		}
		for _, r := range regs {
			checkResolve(t, r, runtime, model, env, override, secrets)
		}
	})
}

func checkResolve(t *testing.T, r *resolver.Registry, runtime, model string, env []string, override string, secrets []resolver.Secret) {
	envCopy := slices.Clone(env)
	d, err := r.Derive(runtime, model, env)
	g := r.CheckRegistered(runtime, model)
	if !slices.Equal(env, envCopy) {
		t.Fatalf("Derive changed its authEnv argument")
	}

	// Derive and CheckRegistered tell the same story.
	var amb *resolver.AmbiguousError
	served := g.Status == resolver.StatusRegistered || g.Status == resolver.StatusAlias || g.Status == resolver.StatusLegacy
	wantStatus := map[error]resolver.Status{
		resolver.ErrNoModel:           resolver.StatusNoModel,
		resolver.ErrUnknownRuntime:    resolver.StatusUnknownRuntime,
		resolver.ErrUngovernedRuntime: resolver.StatusUngovernedRuntime,
		resolver.ErrUnregisteredModel: resolver.StatusUnregistered,
		resolver.ErrNotOnRuntime:      resolver.StatusNotOnRuntime,
		resolver.ErrNoRegistry:        resolver.StatusUnknownRuntime, // the fuzzer's nil registry
	}
	switch {
	case err == nil || errors.As(err, &amb):
		if !served {
			t.Fatalf("Derive(%q, %q) = %+v, %v but CheckRegistered says %v", runtime, model, d, err, g.Status)
		}
		if g.Model != d.Model {
			t.Fatalf("Derive model %q, CheckRegistered model %q", d.Model, g.Model)
		}
		wantSpelling := map[resolver.Status]resolver.Spelling{
			resolver.StatusRegistered: resolver.SpellingCanonical,
			resolver.StatusAlias:      resolver.SpellingAlias,
			resolver.StatusLegacy:     resolver.SpellingLegacy,
		}[g.Status]
		if d.Spelling != wantSpelling {
			t.Fatalf("Derive spelling %v, CheckRegistered status %v", d.Spelling, g.Status)
		}
		if !slices.Contains(r.ModelsForRuntime(runtime), d.Model) {
			t.Fatalf("ModelsForRuntime(%q) lacks %q, which Derive serves there", runtime, d.Model)
		}
		if err == nil {
			if d.Provider == "" || r.IsPlatform(d.Provider) != d.Platform {
				t.Fatalf("Derive = %+v: provider and platform disagree", d)
			}
			if d.ByEnv != "" && (!slices.Contains(env, d.ByEnv) || !r.IsLLMCredential(d.ByEnv)) {
				t.Fatalf("Derive chose by env %q, which is not in %q or not a credential", d.ByEnv, env)
			}
		} else {
			if d.Provider != "" || len(amb.Candidates) < 2 || !errors.Is(err, resolver.ErrAmbiguous) {
				t.Fatalf("ambiguous Derive = %+v, %v", d, err)
			}
			for _, c := range amb.Candidates {
				if r.IsPlatform(c) != d.Platform {
					t.Fatalf("candidate %q disagrees on platform-ness (rule 4)", c)
				}
			}
		}
	default:
		want, ok := wantStatus[err]
		if !ok {
			t.Fatalf("Derive returned an unexpected error %T %v", err, err)
		}
		if g.Status != want {
			t.Fatalf("Derive(%q, %q) error %v, CheckRegistered status %v", runtime, model, err, g.Status)
		}
		if d.Provider != "" || d.ByEnv != "" || d.Model != "" && (err != resolver.ErrNotOnRuntime || d.Model != g.Model) {
			t.Fatalf("failed Derive (%v) returned %+v", err, d)
		}
		if err == resolver.ErrNotOnRuntime && slices.Contains(r.ModelsForRuntime(runtime), g.Model) {
			t.Fatalf("ModelsForRuntime(%q) lists %q, which is not served there", runtime, g.Model)
		}
	}
	if g.Flagged() != (g.Status == resolver.StatusNotOnRuntime || g.Status == resolver.StatusUnregistered || g.Lifecycle == resolver.LifecycleRetired) {
		t.Fatalf("Flagged() = %v for %v", g.Flagged(), g.Status)
	}
	if g.Rejected(resolver.EnforceReject) != g.Flagged() || g.Rejected(resolver.EnforceWarn) || g.Rejected(resolver.EnforceOff) {
		t.Fatalf("Rejected disagrees with Flagged for %v", g.Status)
	}
	if g.Suggestion != "" {
		s := r.CheckRegistered(runtime, g.Suggestion)
		if g.Status != resolver.StatusUnregistered || s.Status > resolver.StatusLegacy ||
			suggest.DistanceFold(strings.TrimSpace(model), g.Suggestion, 2) > 2 {
			t.Fatalf("CheckRegistered(%q, %q) suggests %q (%v)", runtime, model, g.Suggestion, s.Status)
		}
	}
	if g.Status == resolver.StatusUnknownRuntime || g.Status == resolver.StatusUngovernedRuntime {
		if ms := r.ModelsForRuntime(runtime); ms == nil || len(ms) != 0 {
			t.Fatalf("ModelsForRuntime(%q) = %#v, want an empty slice", runtime, ms)
		}
	}

	// The same answers for the trimmed strings.
	rt, m := strings.TrimSpace(runtime), strings.TrimSpace(model)
	d2, err2 := r.Derive(rt, m, env)
	if d2 != d || !sameError(err, err2) {
		t.Fatalf("Derive(%q, %q) = %+v, %v but trimmed %+v, %v", runtime, model, d, err, d2, err2)
	}
	if g2 := r.CheckRegistered(rt, m); g2 != g {
		t.Fatalf("CheckRegistered(%q, %q) = %+v but trimmed %+v", runtime, model, g, g2)
	}

	// Billing follows from the derivation.
	dec := r.ResolveBillingMode(resolver.BillingInput{Override: override, Runtime: runtime, Model: model, AuthEnv: env})
	forced, ferr := resolver.ParseBillingMode(override)
	switch {
	case ferr == nil:
		if dec.Mode != forced || dec.Source != resolver.SourceOverride {
			t.Fatalf("override %q gave %+v", override, dec)
		}
	case err == nil || amb != nil:
		want := resolver.BYOK
		if d.Platform {
			want = resolver.PlatformManaged
		}
		if dec.Mode != want || dec.Source != resolver.SourceDerived || dec.Provider != d.Provider {
			t.Fatalf("derived %+v, %v but billing %+v", d, err, dec)
		}
	case errors.Is(err, resolver.ErrNotOnRuntime) && dec.Source == resolver.SourceModel:
		// Step 3: the model decides; checked against the registry by the
		// oracle tests.
		if !errors.Is(dec.Reason, resolver.ErrNotOnRuntime) {
			t.Fatalf("model-wide billing without the reason: %+v", dec)
		}
	default:
		if dec.Mode != resolver.PlatformManaged || dec.Source != resolver.SourceDefault || !errors.Is(dec.Reason, err) {
			t.Fatalf("underived (%v) but billing %+v", err, dec)
		}
	}
	if strings.TrimSpace(override) != "" && ferr != nil && !errors.Is(dec.Reason, resolver.ErrInvalidOverride) {
		t.Fatalf("override %q ignored without saying so: %+v", override, dec)
	}

	// Credentials: platform billing strips nothing and is usable; byok
	// strips only platform-scope LLM credentials.
	plan := r.PlanCredentials(resolver.CredentialInput{Override: override, Runtime: runtime, Model: model, Secrets: secrets})
	if plan.Decision.Mode != resolver.PlatformManaged && plan.Decision.Mode != resolver.BYOK {
		t.Fatalf("PlanCredentials mode %q", plan.Decision.Mode)
	}
	if plan.Decision.Mode == resolver.PlatformManaged && (len(plan.Strip) > 0 || !plan.Usable) {
		t.Fatalf("platform-managed plan %+v", plan)
	}
	for _, s := range plan.Strip {
		i := slices.IndexFunc(secrets, func(x resolver.Secret) bool { return x.Name == s && x.PlatformScope })
		if i < 0 || !r.IsLLMCredential(s) {
			t.Fatalf("plan strips %q, which is not a platform-scope LLM credential", s)
		}
	}
	// Keep: the secrets in their order, less the stripped platform-scope
	// ones (byok), or less those an injected value replaces and owner's
	// secrets of injected names (platform_managed): never one named in
	// Inject beside the injected value.
	j := 0
	for _, s := range secrets {
		if j < len(plan.Keep) && plan.Keep[j] == s {
			j++
			continue
		}
		switch {
		case plan.Decision.Mode == resolver.BYOK && s.PlatformScope && slices.Contains(plan.Strip, s.Name):
		case plan.Decision.Mode == resolver.PlatformManaged && (slices.Contains(plan.Inject, s.Name) || !s.PlatformScope && r.IsLLMCredential(s.Name)):
		default:
			t.Fatalf("plan %+v drops %+v", plan, s)
		}
	}
	if j != len(plan.Keep) {
		t.Fatalf("plan keeps %+v, not a subsequence of %+v", plan.Keep, secrets)
	}
	for _, s := range plan.Keep {
		if plan.Decision.Mode == resolver.PlatformManaged && slices.Contains(plan.Inject, s.Name) {
			t.Fatalf("plan keeps %+v beside the injected %q", s, s.Name)
		}
	}
}

// sameError reports whether a and b are the same sentinel, or both
// ambiguous errors with the same text.
func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || errors.Is(a, resolver.ErrAmbiguous) && errors.Is(b, resolver.ErrAmbiguous) && a.Error() == b.Error()
}
