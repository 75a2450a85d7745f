package resolver_test

import (
	"testing"

	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

func TestModel(t *testing.T) {
	platform := resolver.ModelInfo{
		ID: "m-platform", Name: "The platform's model", Spelling: resolver.SpellingAlias,
		Lifecycle: resolver.LifecycleDeprecated, DeprecatedOn: "2026-01-15", RetiresOn: "2026-07-01",
		ReplacedBy: "m-wide", ContextWindow: 1000000, MaxOutput: 64000,
	}
	for _, c := range []struct {
		spelling string
		want     resolver.ModelInfo
		ok       bool
	}{
		{" mp\t", platform, true},
		{"old:mp", func() resolver.ModelInfo { m := platform; m.Spelling = resolver.SpellingLegacy; return m }(), true},
		{"m-local", resolver.ModelInfo{ID: "m-local", Name: "Local model (retired)", Lifecycle: resolver.LifecycleRetired, RetiresOn: "2025-12-31", ReplacedBy: "m-duo"}, true},
		{"duo", resolver.ModelInfo{ID: "m-duo", Name: "m-duo", Spelling: resolver.SpellingAlias, ContextWindow: 128000}, true},
		{"m-wide", resolver.ModelInfo{ID: "m-wide", Name: "m-wide", Lifecycle: resolver.LifecyclePreview, MaxOutput: 8192}, true},
		{"MP", resolver.ModelInfo{}, false},
		{"", resolver.ModelInfo{}, false},
		{"m-wide-no", resolver.ModelInfo{}, false},
	} {
		got, ok := fixture.Registry.Model(c.spelling)
		if got != c.want || ok != c.ok {
			t.Errorf("Model(%q) = %+v, %v; want %+v, %v", c.spelling, got, ok, c.want, c.ok)
		}
	}
	if m, ok := providersgen.Registry.Model("anthropic:claude-opus-4-7"); !ok || m.ID != "anthropic/claude-opus-4-7" || m.Name != "Claude Opus 4.7" || m.Spelling != resolver.SpellingLegacy {
		t.Errorf("Model(anthropic:claude-opus-4-7) = %+v, %v", m, ok)
	}
}

func TestCheckRegisteredLifecycle(t *testing.T) {
	r := fixture.Registry
	for _, c := range []struct {
		runtime, model string
		want           resolver.Registration
		flagged        bool
	}{
		// A retired model is flagged, with its replacement suggested.
		{"r01", "m-local", resolver.Registration{Status: resolver.StatusRegistered, Runtime: "r01", Model: "m-local",
			Suggestion: "m-duo", Lifecycle: resolver.LifecycleRetired, ReplacedBy: "m-duo"}, true},
		{"r02", "m-local", resolver.Registration{Status: resolver.StatusNotOnRuntime, Runtime: "r02", Model: "m-local",
			Suggestion: "m-duo", Lifecycle: resolver.LifecycleRetired, ReplacedBy: "m-duo"}, true},
		// A deprecated one still works: not flagged, the replacement known.
		{"r30", "mp2", resolver.Registration{Status: resolver.StatusAlias, Runtime: "r30", Model: "m-platform",
			Lifecycle: resolver.LifecycleDeprecated, ReplacedBy: "m-wide"}, false},
		{"r05", "m-wide", resolver.Registration{Status: resolver.StatusRegistered, Runtime: "r05", Model: "m-wide",
			Lifecycle: resolver.LifecyclePreview}, false},
		// Ungoverned and unknown runtimes fail open before the model.
		{"off", "m-local", resolver.Registration{Status: resolver.StatusUngovernedRuntime, Runtime: "off"}, false},
	} {
		got := r.CheckRegistered(c.runtime, c.model)
		if got != c.want || got.Flagged() != c.flagged {
			t.Errorf("CheckRegistered(%q, %q) = %+v (flagged %v), want %+v (flagged %v)", c.runtime, c.model, got, got.Flagged(), c.want, c.flagged)
		}
	}
}

func TestLifecycleStrings(t *testing.T) {
	for l, s := range map[resolver.Lifecycle]string{
		resolver.LifecycleActive: "active", resolver.LifecyclePreview: "preview",
		resolver.LifecycleDeprecated: "deprecated", resolver.LifecycleRetired: "retired",
	} {
		if l.String() != s {
			t.Errorf("%d.String() = %q, want %q", l, l.String(), s)
		}
		if got, ok := resolver.ParseLifecycle(s); !ok || got != l {
			t.Errorf("ParseLifecycle(%q) = %v, %v", s, got, ok)
		}
	}
	if _, ok := resolver.ParseLifecycle("Retired"); ok {
		t.Error("ParseLifecycle is case-sensitive, as providers.yaml is")
	}
	if resolver.Lifecycle(9).String() != "Lifecycle(9)" {
		t.Error("Lifecycle(9).String()")
	}
}

func TestModelPriceAllocs(t *testing.T) {
	r := fixture.Registry
	p, _ := r.Price("platform", "mp")
	u := resolver.Usage{Input: 300000, Output: 1000, CacheRead: 5, CacheWrite: 7}
	for name, f := range map[string]func(){
		"Model":                   func() { _, _ = r.Model(" old:mp ") },
		"Model miss":              func() { _, _ = r.Model("nope") },
		"Price":                   func() { _, _ = r.Price("platform", "m-platform") },
		"Price miss":              func() { _, _ = r.Price("beta", "m-duo") },
		"Cost":                    func() { _, _ = p.Cost(u) },
		"CheckRegistered retired": func() { _ = r.CheckRegistered("r01", "m-local") },
	} {
		if n := testing.AllocsPerRun(100, f); n != 0 {
			t.Errorf("%s allocates %v times", name, n)
		}
	}
}
