package generate_test

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/gengo"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/gen/internal/spec/spectest"
	"github.com/molecule-ai/providers/resolver"
)

// catalogueRegistry is a providers.yaml holding every row of the real
// catalogue (gen/testdata/catalogue): one provider per catalogue provider,
// authenticated by <PROVIDER>_API_KEY, and one model per model id, served on
// the governed runtime "agent" by every provider listing it, in file order,
// with no legacy ids (legacy_ids: [], so that -strict does not ask for one).
// Ids that are equal ignoring ASCII case (MiniMax-M2 and minimax-m2) are one
// model (rule 11): the first spelling in file order is its id, the others
// its aliases. It returns the YAML and, for each row, the model id it
// derives to.
func catalogueRegistry(rows []spectest.Row) (string, []string) {
	type model struct {
		id, name  string
		aliases   []string
		providers []string
	}
	var providers []string
	seenProvider := map[string]bool{}
	var models []*model
	byFold := map[string]*model{}
	canonical := make([]string, len(rows))
	for i, r := range rows {
		if !seenProvider[r.Provider] {
			seenProvider[r.Provider] = true
			providers = append(providers, r.Provider)
		}
		m := byFold[strings.ToLower(r.Model)]
		if m == nil {
			m = &model{id: r.Model, name: r.Name}
			byFold[strings.ToLower(r.Model)] = m
			models = append(models, m)
		}
		if r.Model != m.id && !contains(m.aliases, r.Model) {
			m.aliases = append(m.aliases, r.Model)
		}
		if !contains(m.providers, r.Provider) {
			m.providers = append(m.providers, r.Provider)
		}
		canonical[i] = m.id
	}
	var b strings.Builder
	b.WriteString("version: 1\nproviders:\n")
	for _, p := range providers {
		fmt.Fprintf(&b, "  - id: %s\n    auth_env: [%s]\n", p, envName(p))
	}
	b.WriteString("runtimes:\n  - id: agent\nmodels:\n")
	for _, m := range models {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    legacy_ids: []\n", m.id, spectest.Quote(m.name))
		if len(m.aliases) > 0 {
			fmt.Fprintf(&b, "    aliases: [%s]\n", strings.Join(m.aliases, ", "))
		}
		b.WriteString("    served_by:\n")
		for _, p := range m.providers {
			fmt.Fprintf(&b, "      - {provider: %s, runtimes: [agent]}\n", p)
		}
	}
	return b.String(), canonical
}

func envName(provider string) string {
	return strings.ToUpper(strings.ReplaceAll(provider, "-", "_")) + "_API_KEY"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestRealCatalogue: a registry of all 1,534 rows of a real catalogue
// (57 ids with colons, 32 pairs of ids equal ignoring case) compiles with
// -strict, so with no warning either (the credential scanner takes none of
// its ids or names for a key), generates Go that parses, and every row's
// id, asked for on the runtime with that row's provider's key, derives to
// its model and that provider.
func TestRealCatalogue(t *testing.T) {
	rows, err := spectest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	src, canonical := catalogueRegistry(rows)
	reg, err := spec.Compile("catalogue.yaml", []byte(src), true)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if got := reg.NumSpellings(); got != 1030 || len(reg.Models) != 998 || len(reg.Providers) != 41 {
		t.Errorf("%d models, %d spellings, %d providers; want 998, 1030, 41", len(reg.Models), got, len(reg.Providers))
	}
	code, err := gengo.Generate(reg, "catalogue")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "catalogue_gen.go", code, parser.SkipObjectResolution); err != nil {
		t.Fatalf("generated code does not parse: %v", err)
	}
	colons := 0
	for i, r := range rows {
		d, err := reg.Resolver.Derive("agent", r.Model, []string{envName(r.Provider)})
		if err != nil || string(d.Model) != canonical[i] || string(d.Provider) != r.Provider {
			t.Errorf("%s %q: %+v, %v; want model %q from %s", r.Provider, r.Model, d, err, canonical[i], r.Provider)
		}
		if want := resolver.SpellingAlias; r.Model != canonical[i] && d.Spelling != want {
			t.Errorf("%q: spelling %v, want an alias", r.Model, d.Spelling)
		}
		if strings.Contains(r.Model, ":") {
			colons++
		}
	}
	if colons != 57 {
		t.Errorf("%d ids with a colon, want 57", colons)
	}
}
