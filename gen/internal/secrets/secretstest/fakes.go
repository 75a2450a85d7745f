// Package secretstest makes fake credentials of every published key format,
// for the scanner's tests and the generator's false-negative table. The
// fakes are made at run time, so that the source holds no string a secret
// scanner would take for a live key.
package secretstest

import "math/rand/v2"

// Fake is one fake credential.
type Fake struct {
	Format string // the key format, such as "anthropic"
	Key    string
	// Generic: the format has no published prefix or shape (a bare random
	// token), so the scanner can only warn of it.
	Generic bool
}

// Alphabets of key bodies.
const (
	Alnum62   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	Base64URL = Alnum62 + "-_"
	Base64    = Alnum62 + "+/"
	UpperNum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	HexLower  = "0123456789abcdef"
	Digits    = "0123456789"
)

// Key returns prefix and n characters drawn from alphabet.
func Key(r *rand.Rand, prefix, alphabet string, n int) string {
	b := []byte(prefix)
	for range n {
		b = append(b, alphabet[r.IntN(len(alphabet))])
	}
	return string(b)
}

// Fakes returns one fake of each format, in a fixed order: vendor prefixes
// with random bodies as the vendors publish them, and bare random tokens of
// the usual lengths.
func Fakes(r *rand.Rand) []Fake {
	return []Fake{
		{"anthropic", Key(r, "sk-ant-api03-", Base64URL, 93) + "AA", false},
		{"anthropic admin", Key(r, "sk-ant-admin01-", Base64URL, 93), false},
		{"openai legacy", Key(r, "sk-", Alnum62, 48), false},
		{"openai project", Key(r, "sk-proj-", Base64URL, 156), false},
		{"openai svcacct", Key(r, "sk-svcacct-", Base64URL, 120), false},
		{"openrouter", Key(r, "sk-or-v1-", HexLower, 64), false},
		{"deepseek", Key(r, "sk-", HexLower, 32), false},
		{"aws access key id", Key(r, "AKIA", UpperNum, 16), false},
		{"aws session key id", Key(r, "ASIA", UpperNum, 16), false},
		{"github classic", Key(r, "ghp_", Alnum62, 36), false},
		{"github oauth", Key(r, "gho_", Alnum62, 36), false},
		{"github fine-grained", Key(r, "github_pat_", Alnum62+"_", 82), false},
		{"gitlab", Key(r, "glpat-", Base64URL, 20), false},
		{"slack bot", "xoxb-" + Key(r, "", Digits, 12) + "-" + Key(r, "", Digits, 13) + "-" + Key(r, "", Alnum62, 24), false},
		{"slack user", "xoxp-" + Key(r, "", Digits, 12) + "-" + Key(r, "", Digits, 12) + "-" + Key(r, "", HexLower, 32), false},
		{"google api key", Key(r, "AIza", Base64URL, 35), false},
		{"google oauth", Key(r, "ya29.", Base64URL, 120), false},
		{"hugging face", Key(r, "hf_", Alnum62, 34), false},
		{"xai", Key(r, "xai-", Alnum62, 80), false},
		{"groq", Key(r, "gsk_", Alnum62, 52), false},
		{"perplexity", Key(r, "pplx-", Alnum62, 48), false},
		{"nvidia", Key(r, "nvapi-", Base64URL, 64), false},
		{"replicate", Key(r, "r8_", Alnum62, 37), false},
		{"stripe", Key(r, "sk_live_", Alnum62, 99), false},
		{"npm", Key(r, "npm_", Alnum62, 36), false},
		{"pypi", Key(r, "pypi-AgEIcHlwaS5vcmc", Base64URL, 120), false},
		{"sendgrid", Key(r, "SG.", Base64URL, 22) + Key(r, ".", Base64URL, 43), false},
		{"jwt", "eyJhbGciOiJIUzI1NiJ9." + Key(r, "eyJ", Base64URL, 60) + Key(r, ".", Base64URL, 43), false},
		{"aws secret access key", Key(r, "", Base64, 40), true},
		{"mistral (bare)", Key(r, "", Alnum62, 32), true},
		{"together (hex)", Key(r, "", HexLower, 64), true},
		{"gemini-ish (b64)", Key(r, "", Base64URL, 40), true},
		{"bearer token", Key(r, "", Alnum62, 24), true},
	}
}
