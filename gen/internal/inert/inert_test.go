package inert

import "testing"

func TestMarkdown(t *testing.T) {
	for in, want := range map[string]string{
		"Claude Opus 4.7":    "Claude Opus 4.7",
		"a|b":                `a\|b`,
		"<!-- x":             "&lt;!-- x",
		"ping @org/team":     "ping &#64;org/team",
		"AT&T":               "AT&amp;T",
		"*bold* _it_ [l](u)": `\*bold\* \_it\_ \[l\](u)`,
		// Unsafe characters are quoted first, then the backslash is
		// escaped, so the rendered text shows \n and \u202e.
		"two\nlines":        `two\\nlines`,
		"rtl\u202eoverride": `rtl\\u202eoverride`,
	} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}
