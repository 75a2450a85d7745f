package importer

import (
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// editText runs Compare and Edit on registry against a LiteLLM snapshot and
// returns the edited bytes.
func editText(t *testing.T, registry, snapshot string) string {
	t.Helper()
	reg, err := spec.Compile("providers.yaml", []byte(registry), false)
	if err != nil {
		t.Fatalf("registry: %v", err)
	}
	c := readCatalogue(t, spec.CatalogueLiteLLM, snapshot)
	r := Compare(reg, []byte(registry), c, nil)
	out, err := Edit(r, reg, []byte(registry), c, nil)
	if err != nil {
		t.Fatalf("Edit: %v", err)
	}
	for _, d := range r.Differences {
		if d.NotApplied != "" {
			t.Errorf("%s not applied: %s", d.key(), d.NotApplied)
		}
	}
	return string(out)
}

const writeSnapshot = `{
  "m1": {"litellm_provider": "anthropic", "mode": "chat", "max_output_tokens": 64000, "input_cost_per_token": 3e-06, "output_cost_per_token": 1.6e-05, "cache_read_input_token_cost": 3e-07}
}`

// A registry written with CRLF line endings gets CRLF on the lines -write
// adds too: a field added after a one-line field of a block mapping, at
// the model (after its id) and in a price.
func TestEditKeepsCRLF(t *testing.T) {
	lf := `version: 1
providers:
  - id: anthropic
    auth_env: [ANTHROPIC_API_KEY]
runtimes:
  - id: claude-code
models:
  - id: m1
    legacy_ids: []
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
        price:
          input: 3
          output: 15
        upstream: {litellm: m1}
`
	// The lines -write adds (an LF test first, then the same with CRLF).
	want := strings.Replace(lf, "  - id: m1\n", "  - id: m1\n    max_output: 64000\n", 1)
	want = strings.Replace(want, "output: 15\n", "output: 16\n          cache_read: 0.3\n", 1)
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	if got := editText(t, lf, writeSnapshot); got != want {
		t.Errorf("LF: got\n%s\nwant\n%s", got, want)
	}
	if got := editText(t, crlf(lf), writeSnapshot); got != crlf(want) {
		t.Errorf("CRLF: got\n%q\nwant\n%q", got, crlf(want))
	}
	// The last line without its line ending: a line added after it takes
	// the file's.
	last := crlf(lf) + "  - id: m2\r\n    legacy_ids: []\r\n    served_by:\r\n      - provider: anthropic\r\n        runtimes: [claude-code]\r\n        upstream: {litellm: m2}\r\n        price:\r\n          input: 1"
	snapshot := strings.Replace(writeSnapshot, "\n}", ",\n  \"m2\": {\"litellm_provider\": \"anthropic\", \"mode\": \"chat\", \"input_cost_per_token\": 1e-06, \"output_cost_per_token\": 2e-06}\n}", 1)
	wantLast := crlf(want) + "  - id: m2\r\n    legacy_ids: []\r\n    served_by:\r\n      - provider: anthropic\r\n        runtimes: [claude-code]\r\n        upstream: {litellm: m2}\r\n        price:\r\n          input: 1\r\n          output: 2"
	if got := editText(t, last, snapshot); got != wantLast {
		t.Errorf("CRLF, no line ending at the end: got\n%q\nwant\n%q", got, wantLast)
	}
}
