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
	// Idempotence: the edited registry agrees with the snapshot.
	again, err := spec.Compile("providers.yaml", out, false)
	if err != nil {
		t.Fatalf("edited registry: %v", err)
	}
	for _, d := range Compare(again, out, c, nil).Differences {
		t.Errorf("after Edit: %s: %q -> %q", d.key(), d.Registry, d.Snapshot)
	}
	return string(out)
}

// tierRegistry is a registry of one model whose price is price (its lines
// indented under price:, or a flow mapping after it).
func tierRegistry(price string) string {
	return `version: 1
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
        price:` + price + `
        upstream: {litellm: m1}
`
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

const writeSnapshot = `{
  "m1": {"litellm_provider": "anthropic", "mode": "chat", "max_output_tokens": 64000, "input_cost_per_token": 3e-06, "output_cost_per_token": 1.6e-05, "cache_read_input_token_cost": 3e-07}
}`

// A registry written with CRLF line endings gets CRLF on the lines -write
// adds too: a field added after a one-line field of a block mapping, at
// the model (after its id) and in a price.
func TestEditKeepsCRLF(t *testing.T) {
	lf := tierRegistry("\n          input: 3\n          output: 15")
	// The lines -write adds (an LF test first, then the same with CRLF).
	want := strings.Replace(lf, "  - id: m1\n", "  - id: m1\n    max_output: 64000\n", 1)
	want = strings.Replace(want, "output: 15\n", "output: 16\n          cache_read: 0.3\n", 1)
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

// tierSnapshot is a LiteLLM snapshot of m1 at 3 and 15 USD per million
// tokens with the given keys added.
func tierSnapshot(keys string) string {
	return `{"m1": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05` + keys + `}}`
}

const (
	// Two tiers: 6 and 15 above 128k (input only), 6 and 22.5 above 200k.
	twoTiers = `, "input_cost_per_token_above_128k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05`
	// One tier above 200k.
	oneTier = `, "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05`
)

// A price whose tiers differ from the snapshot's in which thresholds it
// has gets its whole tiers list written in one edit, in the style of the
// price mapping (flow or block) or of the list it replaces, with CRLF
// kept; a tier the snapshot does not have is removed; nothing else
// changes, and the result compared again has no difference.
func TestEditTiers(t *testing.T) {
	for _, tc := range []struct {
		name, price, snapshot, want string
	}{{
		name:     "two tiers added to a block price",
		price:    "\n          input: 3\n          output: 15",
		snapshot: twoTiers,
		want:     "\n          input: 3\n          output: 15\n          tiers:\n            - {above: 128000, input: 6}\n            - {above: 200000, input: 6, output: 22.5}",
	}, {
		name:     "two tiers added to a flow price",
		price:    " {input: 3, output: 15}",
		snapshot: twoTiers,
		want:     " {input: 3, output: 15, tiers: [{above: 128000, input: 6}, {above: 200000, input: 6, output: 22.5}]}",
	}, {
		name:     "a tier added to a flow list",
		price:    " {input: 3, output: 15, tiers: [{above: 200000, input: 6, output: 22.5}]}",
		snapshot: twoTiers,
		want:     " {input: 3, output: 15, tiers: [{above: 128000, input: 6}, {above: 200000, input: 6, output: 22.5}]}",
	}, {
		name:     "a tier added to a block list, whose own rates stay",
		price:    "\n          input: 3\n          output: 15\n          tiers:\n          - above: 200000\n            input: 6\n            output: 22.5\n            cache_read: 0.6\n          # end of price",
		snapshot: `, "input_cost_per_token_above_128k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05`,
		want:     "\n          input: 3\n          output: 15\n          tiers:\n          - {above: 128000, input: 6}\n          - {above: 200000, input: 6, output: 22.5, cache_read: 0.6}\n          # end of price",
	}, {
		name:     "a threshold changed, with a rate",
		price:    "\n          input: 3\n          output: 15\n          tiers:\n            - {above: 128000, input: 6, output: 20}",
		snapshot: oneTier,
		want:     "\n          input: 3\n          output: 15\n          tiers:\n            - {above: 200000, input: 6, output: 22.5}",
	}, {
		name:     "tiers removed from a block price",
		price:    "\n          input: 3\n          tiers:\n            - {above: 200000, input: 6, output: 22.5}\n          output: 15",
		snapshot: "",
		want:     "\n          input: 3\n          output: 15",
	}, {
		name:     "tiers removed from a flow price",
		price:    " {input: 3, output: 15, tiers: [{above: 200000, input: 6}]}",
		snapshot: "",
		want:     " {input: 3, output: 15}",
	}, {
		name:     "tiers removed from the head of a flow price",
		price:    " {tiers: [{above: 200000, input: 6}], input: 3, output: 15}",
		snapshot: "",
		want:     " {input: 3, output: 15}",
	}, {
		// The comment after the list stays, in the field's place.
		name:     "tiers removed from a block price, a comment after them kept",
		price:    "\n          input: 3\n          tiers: [{above: 200000, input: 6}]  # was promo\n          output: 15",
		snapshot: "",
		want:     "\n          input: 3\n          # was promo\n          output: 15",
	}, {
		name:     "a block tiers list removed, a comment after its last item kept",
		price:    "\n          input: 3\n          output: 15\n          tiers:\n            - {above: 200000, input: 6}  # was promo",
		snapshot: "",
		want:     "\n          input: 3\n          output: 15\n          # was promo",
	}, {
		name:     "a tier removed from a list",
		price:    " {input: 3, output: 15, tiers: [{above: 128000, input: 6}, {above: 200000, input: 6, output: 22.5}]}",
		snapshot: oneTier,
		want:     " {input: 3, output: 15, tiers: [{above: 200000, input: 6, output: 22.5}]}",
	}, {
		name:     "same thresholds: only the rate changes",
		price:    "\n          input: 3\n          output: 15\n          tiers:\n            - above: 200000  # long prompts\n              input: 5\n              output: 22.5",
		snapshot: oneTier,
		want:     "\n          input: 3\n          output: 15\n          tiers:\n            - above: 200000  # long prompts\n              input: 6\n              output: 22.5",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			lf, want, snapshot := tierRegistry(tc.price), tierRegistry(tc.want), tierSnapshot(tc.snapshot)
			if got := editText(t, lf, snapshot); got != want {
				t.Errorf("LF: got\n%s\nwant\n%s", got, want)
			}
			if got := editText(t, crlf(lf), snapshot); got != crlf(want) {
				t.Errorf("CRLF: got\n%q\nwant\n%q", got, crlf(want))
			}
		})
	}
}

// Each tier that differs is its own row of the report, whatever edit
// applies it.
func TestCompareTiers(t *testing.T) {
	for _, tc := range []struct{ price, snapshot, want string }{{
		" {input: 3, output: 15}", twoTiers,
		`m1 anthropic price.tiers[above 128000]: "" -> "input 6"` + "\n" +
			`m1 anthropic price.tiers[above 200000]: "" -> "input 6, output 22.5"`,
	}, {
		" {input: 3, output: 15, tiers: [{above: 200000, input: 6}]}", twoTiers,
		`m1 anthropic price.tiers[above 128000]: "" -> "input 6"` + "\n" +
			`m1 anthropic price.tiers[above 200000].output: "15 (not set)" -> "22.5"`,
	}, {
		" {input: 3, output: 15, tiers: [{above: 128000, input: 6, output: 20}]}", oneTier,
		`m1 anthropic price.tiers[above 128000]: "input 6, output 20" -> "none"` + "\n" +
			`m1 anthropic price.tiers[above 200000]: "" -> "input 6, output 22.5"`,
	}, {
		" {input: 3, output: 15, tiers: [{above: 200000, input: 6}]}", "",
		`m1 anthropic price.tiers[above 200000]: "input 6" -> "none"`,
	}} {
		got := compare(t, tierRegistry(tc.price), spec.CatalogueLiteLLM, tierSnapshot(tc.snapshot))
		if want := tc.want + "\nmapped 1, compared 1"; got != want {
			t.Errorf("%s: got:\n%s\nwant:\n%s", tc.price, got, want)
		}
	}
}

// A tiers list with a comment among its items is neither rewritten nor
// removed (the comment would be lost): the change is left to a person,
// and said why.
func TestEditTiersKeepsComments(t *testing.T) {
	const lost = ": the tiers list has comments that rewriting it would lose: change it by hand"
	for _, tc := range []struct{ name, price, snapshot, want string }{{
		"rewritten",
		"\n          input: 3\n          output: 15\n          tiers:\n            - {above: 200000, input: 6, output: 22.5}\n            # from the vendor's page\n            - {above: 400000, input: 7}",
		oneTier, "m1 anthropic price.tiers[above 400000]" + lost,
	}, {
		"removed, a comment in an item",
		"\n          input: 3\n          output: 15\n          tiers:\n            - above: 200000   # comment\n              input: 6",
		"", "m1 anthropic price.tiers[above 200000]" + lost,
	}, {
		"removed, a comment after the key",
		"\n          input: 3\n          tiers:  # long prompts\n            - {above: 200000, input: 6}\n          output: 15",
		"", "m1 anthropic price.tiers[above 200000]" + lost,
	}, {
		"removed from a flow price, a comment before it",
		" {input: 3, output: 15,  # promo below\n          tiers: [{above: 200000, input: 6}]}",
		"", "m1 anthropic price.tiers[above 200000]" + lost,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			registry := tierRegistry(tc.price)
			reg, err := spec.Compile("providers.yaml", []byte(registry), false)
			if err != nil {
				t.Fatal(err)
			}
			c := readCatalogue(t, spec.CatalogueLiteLLM, tierSnapshot(tc.snapshot))
			r := Compare(reg, []byte(registry), c, nil)
			out, err := Edit(r, reg, []byte(registry), c, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != registry {
				t.Errorf("the registry changed:\n%s", out)
			}
			var got []string
			for _, d := range r.Differences {
				got = append(got, d.key()+": "+d.NotApplied)
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// Tiers removed from the end of a file without a line ending at its end
// take the line ending before them.
func TestEditTiersRemovedAtEnd(t *testing.T) {
	head := strings.Replace(tierRegistry("\n          input: 3\n          output: 15"), "        upstream: {litellm: m1}\n", "", 1)
	head = strings.Replace(head, "        price:", "        upstream: {litellm: m1}\n        price:", 1)
	for _, nl := range []string{"\n", "\r\n"} {
		want := strings.ReplaceAll(strings.TrimSuffix(head, "\n"), "\n", nl)
		registry := want + nl + "          tiers:" + nl + "            - {above: 200000, input: 6}"
		if got := editText(t, registry, tierSnapshot("")); got != want {
			t.Errorf("got\n%q\nwant\n%q", got, want)
		}
	}
}
