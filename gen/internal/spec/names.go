package spec

import (
	"strings"
	"unicode"
)

// initialisms are written in capitals in Go names (OAuth as "OAuth").
var initialisms = map[string]string{
	"api": "API", "cli": "CLI", "id": "ID", "url": "URL", "http": "HTTP",
	"json": "JSON", "sdk": "SDK", "ai": "AI", "llm": "LLM", "oauth": "OAuth",
}

// goIdent returns the Go name for an id: the id split on non-alphanumerics,
// each part capitalized, initialisms in capitals. "anthropic-oauth" gives
// "AnthropicOAuth", "gemini-cli" gives "GeminiCLI".
func goIdent(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if up, ok := initialisms[strings.ToLower(part)]; ok {
			b.WriteString(up)
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}

// constName returns the name of the generated constant for an id: prefix
// and go_name when one is set, else prefix and the id's Go name; "" for an
// id that is not valid (the schema reports it).
func constName(prefix, id, goName string) string {
	switch {
	case goName != "":
		return prefix + goName
	case slugRE.MatchString(id):
		return prefix + goIdent(id)
	}
	return ""
}
