// Package spectest holds what the generator's tests share: a small valid
// registry to break one way at a time, and YAML quoting for hostile strings.
package spectest

import (
	"fmt"
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
