package spec

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/secrets"
	"github.com/molecule-ai/providers/gen/internal/secrets/secretstest"
	"github.com/molecule-ai/providers/gen/internal/spec/spectest"
)

// placements are the ways a key ends up in providers.yaml: each edits
// validRegistry to hold key somewhere, or returns "" when the placement
// does not apply to that key.
var placements = []struct {
	name string
	put  func(key string) string
}{
	{"name", func(key string) string {
		return addAfter("  - id: anthropic\n", "    name: "+spectest.Quote(key)+"\n")
	}},
	{"alias", func(key string) string {
		return addAfter("  - id: opus\n", "    aliases: ["+spectest.Quote(key)+"]\n")
	}},
	{"comment", func(key string) string { return validRegistry + "# old key " + key + "\n" }},
	{"# ENV=key", func(key string) string { return validRegistry + "# ANTHROPIC_API_KEY=" + key + "\n" }},
	{"field name", func(key string) string {
		return addAfter("  - id: anthropic\n", "    "+spectest.Quote(key)+": x\n")
	}},
	{`YAML escape \xNN`, func(key string) string {
		return addAfter("  - id: anthropic\n", fmt.Sprintf("    name: \"\\x%02x%s\"\n", key[0], key[1:]))
	}},
	{`\ continuation`, func(key string) string {
		h := len(key) / 2
		return addAfter("  - id: anthropic\n", "    name: \""+key[:h]+"\\\n      "+key[h:]+"\"\n")
	}},
	{`\/ escape`, func(key string) string {
		if !strings.Contains(key, "/") {
			return ""
		}
		return addAfter("  - id: anthropic\n", "    name: \""+strings.ReplaceAll(key, "/", `\/`)+"\"\n")
	}},
}

func addAfter(line, add string) string {
	return strings.Replace(validRegistry, line, line+add, 1)
}

// TestSecretFalseNegatives is the false-negative table: fakes of every
// published key format, in every placement, must be found by the scanner
// (the raw text and each scalar's decoded value). A published shape is an
// error every time; a bare random token (no shape to go by) is found at
// least 95% of the time, as a warning. go test -v prints the table.
func TestSecretFalseNegatives(t *testing.T) {
	const samples = 50
	r := rand.New(rand.NewPCG(14, 5))
	type cell struct{ errs, warns, tried int }
	table := map[string]map[string]*cell{}
	var formats []string
	for range samples {
		for _, f := range secretstest.Fakes(r) {
			if table[f.Format] == nil {
				table[f.Format] = map[string]*cell{}
				formats = append(formats, f.Format)
			}
			for _, p := range placements {
				src := p.put(f.Key)
				if src == "" {
					continue
				}
				c := table[f.Format][p.name]
				if c == nil {
					c = &cell{}
					table[f.Format][p.name] = c
				}
				c.tried++
				errs, warns := scanOnly(src)
				switch {
				case errs > 0:
					c.errs++
				case warns > 0:
					c.warns++
				}
				if !f.Generic && errs == 0 {
					t.Errorf("%s in %s: not an error:\n%s", f.Format, p.name, src)
				}
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s", "format")
	for _, p := range placements {
		fmt.Fprintf(&b, " | %-20s", p.name)
	}
	b.WriteString("\n")
	generic := map[string]bool{}
	for _, f := range secretstest.Fakes(r) {
		generic[f.Format] = f.Generic
	}
	for _, f := range formats {
		fmt.Fprintf(&b, "%-22s", f)
		for _, p := range placements {
			c := table[f][p.name]
			if c == nil {
				fmt.Fprintf(&b, " | %-20s", "n/a")
				continue
			}
			fmt.Fprintf(&b, " | %-20s", fmt.Sprintf("%d+%dw/%d", c.errs, c.warns, c.tried))
			if generic[f] && float64(c.errs+c.warns) < 0.95*float64(c.tried) {
				t.Errorf("%s in %s: found %d of %d", f, p.name, c.errs+c.warns, c.tried)
			}
		}
		b.WriteString("\n")
	}
	t.Logf("found as errors + warnings / tried:\n%s", b.String())
}

// scanOnly counts the credential problems the scanner reports in src, as
// errors and as warnings, whatever else is wrong with it.
func scanOnly(src string) (errs, warns int) {
	var ds diags
	root := parse([]byte(src), &ds)
	ds = diags{}
	scanSecrets(src, secrets.Scan(src), root, &ds)
	for _, d := range ds.list {
		if d.Warning {
			warns++
		} else {
			errs++
		}
	}
	return errs, warns
}
