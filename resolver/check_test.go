package resolver_test

import (
	"testing"

	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

func TestCheckRegistered(t *testing.T) {
	for _, c := range []struct {
		reg            *resolver.Registry
		runtime, model string
		want           resolver.Registration
		flagged        bool
	}{
		{providersgen.Registry, "claude-code", "anthropic/claude-opus-4-7",
			resolver.Registration{Status: resolver.StatusRegistered, Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"}, false},
		{providersgen.Registry, " claude-code ", " claude-opus-4-7 ",
			resolver.Registration{Status: resolver.StatusAlias, Runtime: "claude-code", Model: "anthropic/claude-opus-4-7"}, false},
		{providersgen.Registry, "hermes", "anthropic:claude-opus-4-7",
			resolver.Registration{Status: resolver.StatusLegacy, Runtime: "hermes", Model: "anthropic/claude-opus-4-7"}, false},
		{providersgen.Registry, "codex", "opus",
			resolver.Registration{Status: resolver.StatusNotOnRuntime, Runtime: "codex", Model: "opus"}, true},
		{providersgen.Registry, "codex", "gpt-5.6",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "codex", Suggestion: "gpt-5.5"}, true},
		{providersgen.Registry, "codex", "GPT-5.5",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "codex", Suggestion: "gpt-5.5"}, true},
		{providersgen.Registry, "codex", "GPT-5.6",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "codex", Suggestion: "gpt-5.5"}, true},
		{providersgen.Registry, "codex", "gpt-5.\u0435",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "codex", Suggestion: "gpt-5.5"}, true},
		{providersgen.Registry, "codex", "totally-unknown-model",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "codex"}, true},
		{providersgen.Registry, "codex", "",
			resolver.Registration{Status: resolver.StatusNoModel, Runtime: "codex"}, false},
		{providersgen.Registry, "no-such", "",
			resolver.Registration{Status: resolver.StatusNoModel, Runtime: "no-such"}, false},
		{providersgen.Registry, "langgraph", "opus",
			resolver.Registration{Status: resolver.StatusUngovernedRuntime, Runtime: "langgraph"}, false},
		{providersgen.Registry, "no-such", "opus",
			resolver.Registration{Status: resolver.StatusUnknownRuntime, Runtime: "no-such"}, false},
		// Suggestions come only from spellings served on the runtime: "mp"
		// is one edit from "mp3" but m-platform is not on r02.
		{fixture.Registry, "r02", "mp3",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "r02"}, true},
		{fixture.Registry, "r01", "mp3",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "r01", Suggestion: "mp"}, true},
		// Ties go to the first in YAML order: "mpX" is one edit from both
		// "mp" and "mp2"... and "mp" comes first.
		{fixture.Registry, "r30", "mpX",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "r30", Suggestion: "mp"}, true},
		// Distance 2 is the limit.
		{fixture.Registry, "r01", "m-lcl",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "r01", Suggestion: "m-local"}, true},
		{fixture.Registry, "r01", "m-lXX",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "r01", Suggestion: ""}, true},
		{fixture.Registry, "r01", "old:duX",
			resolver.Registration{Status: resolver.StatusUnregistered, Runtime: "r01", Suggestion: "old:duo"}, true},
	} {
		got := c.reg.CheckRegistered(c.runtime, c.model)
		if got != c.want {
			t.Errorf("CheckRegistered(%q, %q) = %+v, want %+v", c.runtime, c.model, got, c.want)
		}
		if got.Flagged() != c.flagged {
			t.Errorf("CheckRegistered(%q, %q).Flagged() = %v", c.runtime, c.model, got.Flagged())
		}
		for _, e := range []resolver.Enforcement{resolver.EnforceOff, resolver.EnforceWarn, resolver.EnforceReject} {
			if want := c.flagged && e == resolver.EnforceReject; got.Rejected(e) != want {
				t.Errorf("CheckRegistered(%q, %q).Rejected(%v) = %v", c.runtime, c.model, e, !want)
			}
		}
	}
}

func TestCheckRegisteredAgreesWithDerive(t *testing.T) {
	// Every registered spelling on every runtime: CheckRegistered says
	// registered exactly when Derive finds the pair served.
	r := providersgen.Registry
	for _, rt := range []string{"claude-code", "hermes", "codex", "gemini-cli", "openclaw", "crewai", "autogen", "deepagents"} {
		served := map[resolver.ModelID]bool{}
		for _, m := range r.ModelsForRuntime(rt) {
			served[m] = true
		}
		for _, other := range []string{"claude-code", "hermes", "codex", "gemini-cli"} {
			for _, m := range r.ModelsForRuntime(other) {
				g := r.CheckRegistered(rt, string(m))
				if want := served[m]; (g.Status == resolver.StatusRegistered) != want {
					t.Errorf("CheckRegistered(%q, %q) = %v, served = %v", rt, m, g.Status, want)
				}
			}
		}
	}
}

func TestStatusStrings(t *testing.T) {
	want := map[resolver.Status]string{
		resolver.StatusRegistered: "registered", resolver.StatusAlias: "alias", resolver.StatusLegacy: "legacy",
		resolver.StatusNotOnRuntime: "not-on-runtime", resolver.StatusUnregistered: "unregistered",
		resolver.StatusNoModel: "no-model", resolver.StatusUngovernedRuntime: "ungoverned-runtime",
		resolver.StatusUnknownRuntime: "unknown-runtime", resolver.Status(99): "Status(99)",
	}
	for s, w := range want {
		if s.String() != w {
			t.Errorf("%d.String() = %q, want %q", s, s.String(), w)
		}
	}
	for _, e := range []resolver.Enforcement{resolver.EnforceOff, resolver.EnforceWarn, resolver.EnforceReject} {
		if got, ok := resolver.ParseEnforcement(e.String()); !ok || got != e {
			t.Errorf("ParseEnforcement(%q) = %v, %v", e.String(), got, ok)
		}
	}
	for s, want := range map[string]resolver.Enforcement{" Warn\n": resolver.EnforceWarn, "REJECT": resolver.EnforceReject, "\tOff ": resolver.EnforceOff} {
		if got, ok := resolver.ParseEnforcement(s); !ok || got != want {
			t.Errorf("ParseEnforcement(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"strict", "r\u00e9ject", "w arn", ""} {
		if _, ok := resolver.ParseEnforcement(s); ok {
			t.Errorf("ParseEnforcement(%q) succeeded", s)
		}
	}
	if _, ok := resolver.ParseEnforcement("strict"); ok {
		t.Error(`ParseEnforcement("strict") succeeded`)
	}
	if resolver.SpellingLegacy.String() != "legacy" || resolver.Spelling(7).String() != "Spelling(7)" {
		t.Error("Spelling.String")
	}
}
