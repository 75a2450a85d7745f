package delta

import (
	"slices"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// BenchmarkDeltaShipped is the full delta of the shipped registry against
// itself: every runtime × spelling × env combination through both.
func BenchmarkDeltaShipped(b *testing.B) {
	reg, err := spec.Load("../../../providers.yaml", false)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if d := Compute(reg, reg); !d.Empty() {
			b.Fatal("a registry differs from itself")
		}
	}
}

const credBase = `version: 1
providers:
  - id: platform
    platform: true
    inject_env: [ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN]
  - id: anthropic
    auth_env: [ANTHROPIC_API_KEY]
runtimes:
  - id: claude-code
models:
  - id: opus
    served_by:
      - provider: platform
        runtimes: [claude-code]
  - id: sonnet
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
`

// compile compiles src as the registry name, or fails the test.
func compile(t *testing.T, name, src string) *spec.Registry {
	t.Helper()
	reg, err := spec.Compile(name, []byte(src), false)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestCredentialChanges covers what no outcome shows: a second platform
// provider leaves default and step-3 decisions with nothing to inject,
// and a new auth_env name is stripped from byok workspaces from then on.
func TestCredentialChanges(t *testing.T) {
	old := compile(t, "base.yaml", credBase)
	head := strings.Replace(credBase, "  - id: anthropic\n", "  - id: proxy-eu\n    platform: true\n    inject_env: [EU_PROXY_TOKEN]\n  - id: anthropic\n", 1)
	cur := compile(t, "head.yaml", head)
	d := Compute(old, cur)
	want := []string{
		"`EU_PROXY_TOKEN` is now an LLM credential: a platform-scope secret of that name is stripped from byok workspaces",
		"platform_managed decisions by default or by the model are injected the env of no provider (the registry has no single platform provider) (was `platform` (ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN))",
	}
	if !slices.Equal(d.Credentials, want) {
		t.Errorf("Credentials:\n got %q\nwant %q", d.Credentials, want)
	}
	if !d.OutcomesChanged() {
		t.Error("OutcomesChanged() = false with credential changes")
	}
	if d := Compute(old, old); len(d.Credentials) != 0 || d.OutcomesChanged() {
		t.Errorf("a registry against itself: Credentials %q, OutcomesChanged %v", d.Credentials, d.OutcomesChanged())
	}
}

// TestLoadRefRefusesOptions: a revision git would read as an option
// (--output=FILE writes a file) is refused before git runs.
func TestLoadRefRefusesOptions(t *testing.T) {
	dir := t.TempDir()
	for _, rev := range []string{"--output=" + dir + "/x", "main...-p", "-h"} {
		_, err := LoadRef(rev, dir+"/providers.yaml")
		want := "-base-ref " + rev + ": a revision cannot start with '-'"
		if err == nil || err.Error() != want {
			t.Errorf("LoadRef(%q) = %v, want %q", rev, err, want)
		}
	}
}

// TestCredentialChangesOrder: reordering inject_env changes no plan (it
// is listed as a registry change, and -exit-code stays 0).
func TestCredentialChangesOrder(t *testing.T) {
	old := compile(t, "base.yaml", credBase)
	cur := compile(t, "head.yaml", strings.Replace(credBase, "[ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN]", "[ANTHROPIC_AUTH_TOKEN, ANTHROPIC_BASE_URL]", 1))
	if d := Compute(old, cur); len(d.Credentials) != 0 || d.OutcomesChanged() || len(d.Registry) != 1 {
		t.Errorf("reordered inject_env: Credentials %q, Registry %q, OutcomesChanged %v", d.Credentials, d.Registry, d.OutcomesChanged())
	}
}

// TestCredentialChangesTurnPlatform: a vendor that becomes a platform
// provider says what its workspaces are injected from now on.
func TestCredentialChangesTurnPlatform(t *testing.T) {
	old := compile(t, "base.yaml", credBase)
	head := strings.Replace(credBase, "  - id: anthropic\n    auth_env: [ANTHROPIC_API_KEY]\n", "  - id: anthropic\n    platform: true\n    inject_env: [ANTHROPIC_PROXY_TOKEN]\n", 1)
	cur := compile(t, "head.yaml", head)
	want := []string{
		"`ANTHROPIC_API_KEY` is no longer an LLM credential: a platform-scope secret of that name is **kept** by byok workspaces (it was stripped)",
		"`ANTHROPIC_PROXY_TOKEN` is now an LLM credential: a platform-scope secret of that name is stripped from byok workspaces",
		"`anthropic` is now a platform provider: platform_managed workspaces it serves are injected ANTHROPIC_PROXY_TOKEN",
		"platform_managed decisions by default or by the model are injected the env of no provider (the registry has no single platform provider) (was `platform` (ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN))",
	}
	if d := Compute(old, cur); !slices.Equal(d.Credentials, want) {
		t.Errorf("Credentials:\n got %q\nwant %q", d.Credentials, want)
	}
}
