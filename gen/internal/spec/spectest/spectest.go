// Package spectest holds what the generator's tests share: a small valid
// registry to break one way at a time, and YAML quoting for hostile strings.
package spectest

import (
	"fmt"
	"os"
	"strings"
)

// Valid is a small registry that passes every check, for tests to break one
// way at a time.
const Valid = `version: 1
providers:
  - id: platform
    platform: true
  - id: anthropic
    auth_env: [ANTHROPIC_API_KEY]
runtimes:
  - id: claude-code
models:
  - id: opus
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
    legacy_ids: ["anthropic:opus"]
  - id: anthropic/claude-opus-4-7
    served_by:
      - provider: platform
        runtimes: [claude-code]
`

// Quote writes s as a YAML double-quoted scalar.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// CatalogueFile is the real catalogue of gen/testdata/catalogue (see its
// README and license), relative to a package directory two levels under
// gen/internal, as every package using it is.
const CatalogueFile = "../../testdata/catalogue/catalogue-models.tsv"

// Row is one model of the real catalogue.
type Row struct {
	Provider, Model, Name string
}

// Catalogue reads the real catalogue: 1,534 rows in file order.
func Catalogue() ([]Row, error) {
	data, err := os.ReadFile(CatalogueFile)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) < 2 || lines[0] != "provider\tmodel\tname" {
		return nil, fmt.Errorf("%s: not a provider, model, name table", CatalogueFile)
	}
	var rows []Row
	for i, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 3", CatalogueFile, i+2, len(f))
		}
		rows = append(rows, Row{f[0], f[1], f[2]})
	}
	return rows, nil
}
