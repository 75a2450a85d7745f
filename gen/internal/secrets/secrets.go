// Package secrets finds credential-shaped strings in text: vendor API keys,
// tokens, private keys and URLs with a password. providers.yaml is reviewed
// in public and compiled into binaries, so the generator refuses any input
// holding one, and every message it prints passes through RedactAll.
//
// A finding is certain or generic. A certain one has a published key shape
// (a vendor's prefix and body, a JSON Web Token, a private key header, a URL
// with a password): a key, near enough always. A generic one is only a long
// run of random-looking characters, which a real model id can also be
// (huggingface/XiaomiMiMo/MiMo-V2-Flash): the generator warns of it rather
// than refusing the file.
//
// The scanner works on plain text and knows nothing of YAML: the caller
// maps a Finding's byte offset to a position and a path, and scans the
// decoded value of each scalar too (YAML escapes can spell a key that the
// text does not show).
package secrets

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
)

// keyShapes are the well-known shapes of pasted credentials: a vendor's
// prefix and a body. Most prefixes are specific enough alone; after the
// generic sk- the body must also look random, so that a model id which
// happens to start that way is left alone.
var keyShapes = []struct {
	prefixes []string // the token starts with one of these, or the shape does not apply
	re       *regexp.Regexp
	what     string
	random   bool // the body must look random
}{
	{[]string{"sk-ant-"}, regexp.MustCompile(`^sk-ant-[A-Za-z0-9_-]{20,}`), "an Anthropic API key", false},
	{[]string{"sk-"}, regexp.MustCompile(`^sk-(?:proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{20,}`), "an OpenAI-style secret key", true},
	{[]string{"AKIA", "ASIA", "ABIA", "ACCA"}, regexp.MustCompile(`^(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}$`), "an AWS access key id", false},
	{[]string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}, regexp.MustCompile(`^gh[pousr]_[A-Za-z0-9]{30,}`), "a GitHub token", false},
	{[]string{"github_pat_"}, regexp.MustCompile(`^github_pat_[A-Za-z0-9_]{30,}`), "a GitHub token", false},
	{[]string{"glpat-"}, regexp.MustCompile(`^glpat-[A-Za-z0-9_-]{20,}`), "a GitLab token", false},
	{[]string{"xox"}, regexp.MustCompile(`^xox[abposre]-[0-9]+-[A-Za-z0-9-]{10,}`), "a Slack token", false},
	{[]string{"AIza"}, regexp.MustCompile(`^AIza[0-9A-Za-z_-]{30,}`), "a Google API key", false},
	{[]string{"ya29."}, regexp.MustCompile(`^ya29\.[0-9A-Za-z_-]{20,}`), "a Google OAuth token", false},
	{[]string{"hf_"}, regexp.MustCompile(`^hf_[A-Za-z0-9]{30,}`), "a Hugging Face token", false},
	{[]string{"xai-"}, regexp.MustCompile(`^xai-[A-Za-z0-9]{30,}`), "an xAI API key", false},
	{[]string{"gsk_"}, regexp.MustCompile(`^gsk_[A-Za-z0-9]{30,}`), "a Groq API key", false},
	{[]string{"pplx-"}, regexp.MustCompile(`^pplx-[A-Za-z0-9]{30,}`), "a Perplexity API key", false},
	{[]string{"nvapi-"}, regexp.MustCompile(`^nvapi-[A-Za-z0-9_-]{30,}`), "an NVIDIA API key", false},
	{[]string{"r8_"}, regexp.MustCompile(`^r8_[A-Za-z0-9]{30,}`), "a Replicate token", false},
	{[]string{"sk_live_", "sk_test_", "rk_live_", "rk_test_"}, regexp.MustCompile(`^(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,}`), "a Stripe secret key", false},
	{[]string{"npm_"}, regexp.MustCompile(`^npm_[A-Za-z0-9]{30,}`), "an npm token", false},
	{[]string{"pypi-"}, regexp.MustCompile(`^pypi-[A-Za-z0-9_-]{40,}`), "a PyPI token", false},
	{[]string{"SG."}, regexp.MustCompile(`^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}`), "a SendGrid API key", false},
	{[]string{"eyJ"}, regexp.MustCompile(`^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}`), "a JSON Web Token", false},
}

var (
	privateKeyRE = regexp.MustCompile(`-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----`)
	// The part after :// of a URL with a password in it: user:password@.
	urlPasswordRE = regexp.MustCompile(`^[^\s/:@'"]+:[^\s/@'"]+@`)
)

// minKey is the length of the shortest key: no shorter string is one.
const minKey = 16

// Finding is one credential-shaped string in a text.
type Finding struct {
	Off     int    // byte offset of its start
	Token   string // the text found; never print it whole (see Redact)
	What    string // what it looks like, such as "an Anthropic API key"
	Echo    bool   // whether a message may show Redact(Token): false for shapes whose start says too much
	Generic bool   // only its randomness says it is a credential (see the package doc)
}

// Scan returns every credential-shaped string in text, comments and all,
// by offset.
func Scan(text string) []Finding {
	var hits []Finding
	if strings.Contains(text, "PRIVATE KEY") {
		for _, loc := range privateKeyRE.FindAllStringIndex(text, -1) {
			hits = append(hits, Finding{loc[0], text[loc[0]:loc[1]], "a private key", false, false})
		}
	}
	for i := 0; ; {
		j := strings.Index(text[i:], "://")
		if j < 0 {
			break
		}
		j += i
		if m := urlPasswordRE.FindString(text[j+3:]); m != "" {
			start := j
			for start > 0 && schemeByte(text[start-1]) {
				start--
			}
			hits = append(hits, Finding{start, text[start : j+3+len(m)], "a URL with a password in it", false, false})
		}
		i = j + 3
	}
	forTokens(text, func(i, j int) {
		if what, generic := Classify(text[i:j]); what != "" {
			hits = append(hits, Finding{i, text[i:j], what, true, generic})
		}
	})
	slices.SortStableFunc(hits, func(a, b Finding) int { return cmp.Compare(a.Off, b.Off) })
	return hits
}

// forTokens calls fn with the bounds of each token: a maximal run of token
// bytes, where \/ (JSON's escaped slash) counts as one, split at each '='
// inside it, so that NAME=VALUE gives the value alone. A '=' that ends a
// token, or comes before another '=', is base64 padding and stays.
func forTokens(text string, fn func(i, j int)) {
	for i := 0; i < len(text); {
		if !tokenAt(text, i) {
			i++
			continue
		}
		j := i
		for j < len(text) && tokenAt(text, j) {
			if text[j] == '=' && j+1 < len(text) && text[j+1] != '=' && tokenAt(text, j+1) {
				if j > i {
					fn(i, j)
				}
				i = j + 1
			}
			if text[j] == '\\' {
				j++ // the '/' of \/
			}
			j++
		}
		fn(i, j)
		i = j
	}
}

// tokenAt reports whether text[i] is part of a token.
func tokenAt(text string, i int) bool {
	return tokenByte(text[i]) || text[i] == '\\' && i+1 < len(text) && text[i+1] == '/'
}

func schemeByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'
}

func tokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == '-' || c == '+' || c == '/' || c == '=' || c == '.'
}

// Shape returns what tok, one token, looks like, or "" for an innocent token.
// Model ids, env names and prose are words and numbers joined by - _ / . :
// a credential is a long run of random letters and digits.
func Shape(tok string) string {
	what, _ := Classify(tok)
	return what
}

// Classify returns what tok, one token, looks like, or "" for an innocent
// token, and whether only its randomness says so (generic) rather than a
// published key shape.
func Classify(tok string) (what string, generic bool) {
	if len(tok) < minKey {
		return "", false
	}
	tok = strings.TrimRight(strings.ReplaceAll(tok, `\/`, "/"), ".")
	for _, k := range keyShapes {
		for _, p := range k.prefixes {
			if !strings.HasPrefix(tok, p) {
				continue
			}
			if m := k.re.FindString(tok); m != "" && (!k.random || randomBody(m)) {
				return k.what, false
			}
			break
		}
	}
	if generic := genericShape(tok); generic != "" {
		return generic, true
	}
	return "", false
}

// genericShape returns "a secret token" when tok is long and random enough
// to be a key without a known prefix, or "".
func genericShape(tok string) string {
	if len(tok) < 20 {
		return ""
	}
	n, letters := 0, 0 // runs of letters and digits, and their length
	for i := 0; i < len(tok); {
		j := i
		for j < len(tok) && class(tok[j]) != 0 {
			j++
		}
		if j > i {
			if j-i >= 20 && random(tok[i:j]) {
				return "a secret token"
			}
			n++
			letters += j - i
		}
		i = j + 1
	}
	// Keys in base64url are random across their - and _ too, which come
	// every 30 characters or so; model ids are pieces a few letters long
	// (huggingface/XiaomiMiMo/MiMo-V2-Flash: 32 letters in 5 runs), so
	// the runs must average 7 letters.
	if n > 1 && letters >= 16 && letters >= 7*n {
		rs := runs(tok)
		if joined := strings.Join(rs, ""); mixed(joined) && !wordlike(rs...) && entropy(joined) >= 3.8 {
			return "a secret token"
		}
	}
	return ""
}

// randomBody reports whether a prefixed key has a random-looking body.
func randomBody(m string) bool {
	for _, run := range runs(m) {
		if len(run) >= 10 && !wordlike(run) || longHex(run) {
			return true
		}
	}
	return false
}

// longHex reports whether run is 24 hex digits or more: random, even when
// its few letters happen to spell words (86751372b582feb59518c0841079fba8).
func longHex(run string) bool {
	return len(run) >= 24 && strings.Trim(strings.ToLower(run), "0123456789abcdef") == ""
}

// runs splits tok into its runs of letters and digits.
func runs(tok string) []string {
	return strings.FieldsFunc(tok, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
}

// random reports whether a run of letters and digits looks random: it
// mixes character classes, does not read as words and numbers, and has
// high entropy. Long hex strings count as random.
func random(run string) bool {
	if !mixed(run) {
		return false
	}
	if longHex(run) {
		return true
	}
	return !wordlike(run) && entropy(run) >= 3.3
}

// mixed reports whether s has two of upper case, lower case and digits.
func mixed(s string) bool {
	upper, lower, digit := classes(s)
	return upper && lower || upper && digit || lower && digit
}

// wordlike reports whether a run of letters and digits reads as words and
// numbers (DeepSeekCoderV2Lite, Llama3370BInstruct, GOOGLECREDENTIALS)
// rather than random characters: most of its letters are in word-sized
// pieces that have vowels and no long consonant clusters. Random base62
// splits into pieces of one or two letters, and a long random piece has
// five consonants in a row somewhere.
func wordlike(runs ...string) bool {
	letters, covered := 0, 0
	for _, run := range runs {
		forPieces(run, func(piece string) {
			letters += len(piece)
			if isWord(piece) {
				covered += len(piece)
			}
		})
	}
	return letters == 0 || 4*covered >= 3*letters
}

// forPieces calls fn with each piece of letters of a run, split the way Go
// splits camel case: "HTTPServer2Go" gives HTTP, Server, Go.
func forPieces(run string, fn func(piece string)) {
	for i := 0; i < len(run); {
		j := i + 1
		switch class(run[i]) {
		case 3:
			for j < len(run) && class(run[j]) == 3 {
				j++
			}
			i = j
			continue
		case 1:
			for j < len(run) && class(run[j]) == 1 {
				j++
			}
			if j-i == 1 {
				for j < len(run) && class(run[j]) == 2 {
					j++
				}
			} else if j < len(run) && class(run[j]) == 2 {
				j-- // the last capital starts the next word
			}
		default:
			for j < len(run) && class(run[j]) == 2 {
				j++
			}
		}
		fn(run[i:j])
		i = j
	}
}

// isWord reports whether a piece of letters could be a word: three letters
// or more, a fifth of them vowels, at most four consonants in a row.
func isWord(piece string) bool {
	if len(piece) < 3 {
		return false
	}
	vowels, cons, maxCons := 0, 0, 0
	for i := 0; i < len(piece); i++ {
		if strings.IndexByte("aeiouyAEIOUY", piece[i]) >= 0 {
			vowels++
			cons = 0
		} else {
			cons++
			maxCons = max(maxCons, cons)
		}
	}
	return vowels > 0 && 5*vowels >= len(piece) && maxCons <= 4
}

func class(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return 1
	case c >= 'a' && c <= 'z':
		return 2
	case c >= '0' && c <= '9':
		return 3
	}
	return 0
}

func classes(s string) (upper, lower, digit bool) {
	for i := 0; i < len(s); i++ {
		switch class(s[i]) {
		case 1:
			upper = true
		case 2:
			lower = true
		case 3:
			digit = true
		}
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

// Redact keeps enough of a secret to find it, not enough to use it.
func Redact(s string) string {
	if len(s) > 8 {
		return s[:6] + "…"
	}
	return s
}

// Contains reports whether any token of s is credential-shaped.
func Contains(s string) bool {
	if len(s) < minKey {
		return false
	}
	found := false
	forTokens(s, func(i, j int) {
		found = found || Shape(s[i:j]) != ""
	})
	return found
}

// ContainsKey reports whether any token of s has a published key shape
// (a certain finding, not a generic one).
func ContainsKey(s string) bool {
	if len(s) < minKey {
		return false
	}
	found := false
	forTokens(s, func(i, j int) {
		if what, generic := Classify(s[i:j]); what != "" && !generic {
			found = true
		}
	})
	return found
}

// RedactAll returns s with its credential-shaped tokens redacted.
func RedactAll(s string) string {
	if len(s) < minKey {
		return s
	}
	var b strings.Builder
	last := 0
	forTokens(s, func(i, j int) {
		if Shape(s[i:j]) != "" {
			b.WriteString(s[last:i])
			b.WriteString(Redact(s[i:j]))
			last = j
		}
	})
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}
