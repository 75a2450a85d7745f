// Package inert makes text that came from the input, or from the command
// line, safe to show a person: in a terminal, in Markdown and HTML, and in
// the header of a generated file. Safe means it cannot do anything but be
// read: no control character, invisible formatting character (a bidi
// override reorders what follows it; a zero-width one hides in plain
// sight), line break or invalid UTF-8 gets through as itself, and Markdown
// or HTML in it is shown, not rendered.
//
// The registry's own strings mostly need none of this: ids and env names
// are ASCII by their patterns, and display names may not hold such
// characters (the schema). What reaches an output from elsewhere (file
// names, revisions, the arguments of gen explain) goes through here.
package inert

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unsafe reports whether r must never be shown as itself: a control
// character, a format character (bidi controls, zero-width characters, the
// byte order mark), a line or paragraph separator, or a private-use
// character.
func Unsafe(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Co)
}

// clean reports whether s is valid UTF-8 with no unsafe character.
func clean(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if Unsafe(r) {
			return false
		}
	}
	return true
}

// Terminal returns s as itself when it is safe to print, else Go-quoted
// with every unsafe character escaped ("a\u202eb").
func Terminal(s string) string {
	if clean(s) {
		return s
	}
	return strconv.QuoteToGraphic(s)
}

// FileName returns a file name for the header of a generated file (a Go
// comment, an HTML comment, a Markdown code span): letters, digits, spaces
// and . _ + @ = , - ~ ( ) are kept, anything else becomes '_'. A name
// with a line break, "-->", a backquote, a byte order mark or invalid
// UTF-8 can then break none of them.
func FileName(s string) string {
	var b strings.Builder
	for _, r := range s { // invalid UTF-8 reads as utf8.RuneError
		switch {
		case r == utf8.RuneError || Unsafe(r):
			b.WriteByte('_')
		case unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ._+@=,-~()", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// markdown escapes what Markdown and HTML would read as markup, and line
// breaks, which would end a table row or a list item. '@' becomes an HTML
// entity: on a pull-request comment "@team" in a display name would notify
// that team.
var markdown = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "@", "&#64;", "\r\n", " ", "\n", " ", "\r", " ",
)

// Markdown returns free text (a name from the YAML) for a Markdown table
// cell or list item: it cannot end the cell, start markup, an HTML tag or
// comment, or break the line, and unsafe characters are written as escapes
// (\u202e).
func Markdown(s string) string {
	if !clean(s) {
		s = strings.Trim(strconv.QuoteToGraphic(s), `"`)
	}
	return markdown.Replace(s)
}

// JSON returns a JSON document with every unsafe character inside its
// strings written as a \u escape: the same JSON value, inert in a terminal
// or a web page. (encoding/json escapes control characters and U+2028 and
// U+2029, but leaves bidi overrides and other format characters raw.)
func JSON(doc []byte) []byte {
	if clean(string(doc)) {
		return doc
	}
	var b strings.Builder
	for _, r := range string(doc) {
		switch {
		case r == '\n' || r == '\t' || !Unsafe(r):
			b.WriteRune(r)
		case r > 0xffff: // a private-use plane: a surrogate pair
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return []byte(b.String())
}
