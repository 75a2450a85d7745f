package spec

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/molecule-ai/providers/gen/internal/spec/spectest"
)

// validRegistry is a small registry that passes every check.
const validRegistry = spectest.Valid

// TestInputLimit: an input over 16 MiB is refused before it is parsed.
func TestInputLimit(t *testing.T) {
	big := make([]byte, MaxInput+1)
	for i := range big {
		big[i] = '#'
	}
	copy(big, validRegistry)
	_, err := Compile("providers.yaml", big, false)
	want := "providers.yaml:1:1: file is larger than the 16 MiB limit"
	if err == nil || err.Error() != want {
		t.Errorf("Compile: %v, want %s", err, want)
	}
	// Exactly 16 MiB is accepted: the registry followed by one long comment.
	if _, err := Compile("providers.yaml", big[:MaxInput], false); err != nil {
		t.Errorf("a 16 MiB registry: %v", err)
	}
}

// TestAliasBombFailsFast: a billion-laughs file expands to 10^9 nodes; it
// must be refused without expanding it, with one line at the alias.
func TestAliasBombFailsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	// Expanded, it would not finish: the test would time out.
	_, err := Compile("providers.yaml", []byte(b.String()), false)
	var ie *InputError
	if !errors.As(err, &ie) || len(ie.Diags) != 1 || !strings.Contains(ie.Diags[0].Msg, "expands too far") {
		t.Fatalf("got %v, want one alias bomb error", err)
	}
}

// TestMergeKeys: YAML merge keys work like anchors and aliases do, with
// keys written in the mapping winning over merged ones.
func TestMergeKeys(t *testing.T) {
	src := `version: 1
providers:
  - &vendor {id: anthropic, name: Anthropic API, auth_env: [ANTHROPIC_API_KEY]}
  - <<: *vendor
    id: anthropic-oauth
    auth_env: [CLAUDE_CODE_OAUTH_TOKEN]
runtimes:
  - id: claude-code
models:
  - id: opus
    legacy_ids: ["anthropic:opus"]
    served_by:
      - &entry {provider: anthropic-oauth, runtimes: [claude-code]}
      - <<: [*entry, {provider: ignored}]
        provider: anthropic
`
	reg, err := Compile("providers.yaml", []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	p := reg.Providers[1]
	if p.ID != "anthropic-oauth" || p.Name != "Anthropic API" || !slices.Equal(p.AuthEnv, []string{"CLAUDE_CODE_OAUTH_TOKEN"}) {
		t.Errorf("merged provider: %+v", p)
	}
	e := reg.Models[0].Served[1]
	if e.Provider.ID != "anthropic" || len(e.Runtimes) != 1 || e.Runtimes[0].ID != "claude-code" {
		t.Errorf("merged served_by entry: %+v", e)
	}
}

// TestErrorCap: past 50 problems the list ends with "and N more".
func TestErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(validRegistry)
	for i := range 60 {
		fmt.Fprintf(&b, "  - id: m%d\n    served_by: [{provider: nobody, runtimes: [claude-code]}]\n", i)
	}
	_, err := Compile("providers.yaml", []byte(b.String()), false)
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxDiags+1 || lines[maxDiags] != "providers.yaml: and 10 more" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}

// TestSecretNeverInOutput: a credential anywhere fails the run, and no
// message repeats it: not the schema's, not the rules'.
func TestSecretNeverInOutput(t *testing.T) {
	key := "sk-ant-api03-" + strings.Repeat("Xq7Lm2Rt9Vb4Nc8Kd1Fh6Jp3Ws5Ty0Gz", 3) + "AA"
	body := key[13:]
	for _, src := range []string{
		strings.Replace(validRegistry, "id: opus", "id: opus\n    name: "+key, 1),
		strings.Replace(validRegistry, "[ANTHROPIC_API_KEY]", "["+key+"]", 1),
		strings.Replace(validRegistry, "id: opus", "id: opus\n    aliases: ["+key+"]", 1),
		strings.Replace(validRegistry, "provider: anthropic", "provider: "+key, 1),
		strings.Replace(validRegistry, "id: claude-code", "id: claude-code\n    "+key+": 1", 1),
		strings.Replace(validRegistry, "runtimes:", "runtimes: # "+key, 1),
	} {
		_, err := Compile("providers.yaml", []byte(src), false)
		if err == nil {
			t.Errorf("no error for a registry holding a key:\n%s", src)
			continue
		}
		if !strings.Contains(err.Error(), "looks like an Anthropic API key") {
			t.Errorf("the key is not reported:\n%v", err)
		}
		if strings.Contains(err.Error(), body[:12]) {
			t.Errorf("a message repeats the key:\n%v", err)
		}
	}
}

// TestSecretPositions: a key is reported at its line and column, in the
// scalar that holds it, however many share its line.
func TestSecretPositions(t *testing.T) {
	key := "ghp_" + strings.Repeat("aB3dE5fG7h", 4)
	line := "  - id: claude-code\n    name: \"" + strings.Repeat(key+" ", 3) + "\"\n"
	src := strings.Replace(validRegistry, "  - id: claude-code\n", line, 1)
	_, err := Compile("providers.yaml", []byte(src), false)
	ie, ok := err.(*InputError)
	if !ok || len(ie.Diags) != 3 {
		t.Fatalf("got %v, want 3 problems", err)
	}
	for i, d := range ie.Diags {
		want := posAt(9, 12+i*(len(key)+1))
		if d.Pos != want || d.Path != "runtimes[0].name" {
			t.Errorf("problem %d at %v %s, want %v runtimes[0].name", i, d.Pos, d.Path, want)
		}
	}
}

// TestUnsafeSpellingsRejected: every id, alias, legacy id, env name and
// go_name that could end a string literal, a raw string or a comment, or
// start a new line, is refused by the schema patterns; none reaches
// Generate. (Names are free text and escaped instead: see above.)
func TestUnsafeSpellingsRejected(t *testing.T) {
	bad := []string{"a\"b", "a`b", "a*/b", "a/*b", "a\nb", "a\\b", "a b", "a;b", "a{b", "a}b", "a)b", "a\x00b", "a\u2028b", "a'b", "a$b"}
	const anthropic = "id: anthropic\n    auth_env: [ANTHROPIC_API_KEY]\n"
	fields := []struct{ what, old, tmpl string }{
		{"provider id", anthropic, anthropic + "  - id: %s\n"},
		{"runtime id", "id: claude-code\n", "id: claude-code\n  - id: %s\n"},
		{"alias", "id: opus\n", "id: opus\n    aliases: [%s]\n"},
		{"legacy id", "id: opus\n", "id: opus\n    legacy_ids: [%s]\n"},
		{"env name", anthropic, "id: anthropic\n    auth_env: [%s]\n"},
		{"go_name", "id: claude-code\n", "id: claude-code\n    go_name: %s\n"},
	}
	for _, f := range fields {
		for _, s := range bad {
			src := strings.Replace(validRegistry, f.old, fmt.Sprintf(f.tmpl, spectest.Quote(s)), 1)
			_, err := Compile("providers.yaml", []byte(src), false)
			if err == nil {
				t.Errorf("%s %q is accepted", f.what, s)
				continue
			}
			if !strings.Contains(err.Error(), "is not a valid") {
				t.Errorf("%s %q: no pattern error:\n%v", f.what, s, err)
			}
		}
	}
}

// TestLongValuesClipped: a message repeats at most a prefix of a value of
// the input, followed by its length, wherever the value appears: a 1 MB
// scalar is never echoed whole, and reporting it costs no more than a
// short one.
func TestLongValuesClipped(t *testing.T) {
	const n = 1 << 20
	lower, upper := strings.Repeat("a", n), strings.Repeat("A", n)
	near := strings.Repeat("p", 2000) // a "did you mean" compares spellings: see suggest.Distance
	clipped := regexp.MustCompile(`…"? \(\d+ bytes\)`)
	for _, c := range []struct {
		what  string
		edits []string // old, new, ...
	}{
		{"unknown provider", []string{"provider: anthropic", "provider: " + lower}},
		{"suggested provider", []string{"provider: anthropic", "provider: " + near + "q", "  - id: anthropic\n", "  - id: " + near + "\n  - id: anthropic\n"}},
		{"string for a boolean", []string{"platform: true", "platform: " + lower}},
		{"env var name", []string{"[ANTHROPIC_API_KEY]", "[" + lower + "]"}},
		{"shared env var name", []string{"[ANTHROPIC_API_KEY]", "[" + upper + "]\n  - id: b\n    auth_env: [" + upper + "]",
			"provider: anthropic", "provider: anthropic\n        runtimes: [claude-code]\n      - provider: b"}},
		{"unknown tag", []string{"id: claude-code", "id: !" + lower + " claude-code"}},
		{"unknown alias", []string{"id: claude-code", "id: *" + lower}},
		{"replaced_by", []string{"id: opus\n", "id: opus\n    replaced_by: " + lower + "\n"}},
	} {
		t.Run(c.what, func(t *testing.T) {
			src := strings.NewReplacer(c.edits...).Replace(validRegistry)
			start := time.Now()
			_, err := Compile("providers.yaml", []byte(src), false)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil {
				t.Error("no error")
				return
			}
			msg := err.Error()
			for _, line := range strings.Split(msg, "\n") {
				if len(line) > 600 {
					t.Errorf("a message of %d bytes: %.300s…", len(line), line)
				}
			}
			if !clipped.MatchString(msg) {
				t.Errorf("no value shown clipped:\n%.2000s", msg)
			}
		})
	}
}
