package generate

import "strings"

// FixCommand is the command that regenerates what -check compared: the
// same flags, less -check.
func FixCommand(given map[string]string, strict bool) string {
	cmd := []string{"go run github.com/molecule-ai/providers/gen"}
	for _, name := range []string{"in", "out", "pkg", "json", "vectors", "markdown"} {
		if v, ok := given[name]; ok {
			cmd = append(cmd, "-"+name, ShellQuote(v))
		}
	}
	if strict {
		cmd = append(cmd, "-strict")
	}
	return strings.Join(cmd, " ")
}

// ShellQuote quotes s for a POSIX shell, unless it needs no quotes.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
