package main

import (
	"math"
	"regexp"
	"strings"
)

// keyShapes are the well-known shapes of pasted credentials.
var keyShapes = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`^sk-ant-[A-Za-z0-9_-]{16,}`), "an Anthropic API key"},
	{regexp.MustCompile(`^sk-[A-Za-z0-9_-]{20,}`), "an OpenAI-style secret key"},
	{regexp.MustCompile(`^(AKIA|ASIA)[0-9A-Z]{16}`), "an AWS access key id"},
	{regexp.MustCompile(`^gh[pousr]_[A-Za-z0-9]{30,}`), "a GitHub token"},
	{regexp.MustCompile(`^github_pat_[A-Za-z0-9_]{20,}`), "a GitHub token"},
	{regexp.MustCompile(`^xox[abposr]-[A-Za-z0-9-]{10,}`), "a Slack token"},
	{regexp.MustCompile(`^AIza[0-9A-Za-z_-]{30,}`), "a Google API key"},
	{regexp.MustCompile(`^glpat-[A-Za-z0-9_-]{20,}`), "a GitLab token"},
	{regexp.MustCompile(`^hf_[A-Za-z0-9]{30,}`), "a Hugging Face token"},
	{regexp.MustCompile(`^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}`), "a JSON Web Token"},
}

var privateKeyRE = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY-----`)

// scanSecrets adds a problem for every credential-shaped string anywhere in
// data, comments included: providers.yaml is reviewed in public and compiled
// into binaries, so a key pasted into it is a leak waiting to merge.
func scanSecrets(data []byte, ds *diags) {
	text := string(data)
	for _, loc := range privateKeyRE.FindAllStringIndex(text, -1) {
		ds.add(offsetPos(data, loc[0]), "", "a private key: keys never belong in providers.yaml")
	}
	for i := 0; i < len(text); {
		if !tokenByte(text[i]) || (i > 0 && tokenByte(text[i-1])) {
			i++
			continue
		}
		j := i
		for j < len(text) && tokenByte(text[j]) {
			j++
		}
		if what := credentialShape(text[i:j]); what != "" {
			ds.add(offsetPos(data, i), "", "%q looks like %s: credentials never belong in providers.yaml (auth_env takes env var names, never values); remove it and rotate the key", redact(text[i:j]), what)
		}
		i = j
	}
}

func tokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.'
}

// credentialShape returns what tok looks like, or "" for an innocent token.
func credentialShape(tok string) string {
	for _, k := range keyShapes {
		if k.re.MatchString(tok) {
			return k.what
		}
	}
	// A random token: a long run of letters and digits mixing cases and
	// digits, or a long high-entropy run. Model ids are short words joined
	// by - _ / . and never get there.
	if !strings.ContainsAny(tok, "-_.") && len(tok) >= 32 && entropy(tok) >= 4.2 {
		if upper, lower, digit := classes(tok); upper && lower && digit {
			return "a secret token"
		}
	}
	for _, run := range strings.FieldsFunc(tok, func(r rune) bool { return r == '-' || r == '_' || r == '/' || r == '.' || r == '+' || r == '=' }) {
		upper, lower, digit := classes(run)
		switch {
		case len(run) >= 24 && upper && lower && digit:
			return "a secret token"
		case len(run) >= 32 && digit && (upper || lower) && entropy(run) >= 3.5:
			return "a secret token"
		}
	}
	return ""
}

func classes(s string) (upper, lower, digit bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		upper = upper || c >= 'A' && c <= 'Z'
		lower = lower || c >= 'a' && c <= 'z'
		digit = digit || c >= '0' && c <= '9'
	}
	return
}

// entropy is the Shannon entropy of s in bits per byte.
func entropy(s string) float64 {
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	h := 0.0
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / float64(len(s))
			h -= p * math.Log2(p)
		}
	}
	return h
}

// redact keeps enough of a secret to find it, not enough to use it.
func redact(s string) string {
	if len(s) > 8 {
		return s[:6] + "…"
	}
	return s
}
