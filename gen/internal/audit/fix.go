package audit

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Fix is one spelling -fix rewrote, or would have and left alone (Note
// says why).
type Fix struct {
	Pos     Pos    `json:"pos"`   // of the value, in the file as written by -fix
	Field   string `json:"field"` // FieldModel or FieldRuntime
	Old     string `json:"old"`   // the spelling, trimmed
	New     string `json:"new"`
	Why     string `json:"why"` // FixAlias, FixLegacy, FixCase or FixRetired
	Applied bool   `json:"applied"`
	Note    string `json:"note,omitempty"`
	Billing string `json:"billing_change,omitempty"` // as in Rewrite, when applied

	at     int  // the index of its record in the file's occurrences
	off    int  // of the value in the file before
	merged bool // the value is taken through a YAML merge key
}

// edit replaces data[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// token returns the edit that makes the model value at o read to instead
// of value's spelling (value trimmed; the space around it stays), or why
// it is left alone. Only the value's own bytes change: when its text is
// the value itself, only the spelling's bytes; when it is written with
// escapes or folded lines, the whole value, as a JSON string (also a YAML
// double-quoted scalar) with the same meaning.
func token(data []byte, o occurrence, value, to string) (edit, string) {
	lead, n := spellingSpan(value)
	inner := func(at int) edit { return edit{at + lead, at + lead + n, to} }
	whole := func(end int) edit { return edit{o.off, end, jsonString(newValue(value, to))} }
	if o.off < 0 || o.off > len(data) {
		return edit{}, "the value is not where it was read"
	}
	switch o.style {
	case styleJSON, styleDouble, styleSingle:
		esc := byte('\\')
		if o.style == styleSingle {
			esc = '\''
		}
		end := quotedEnd(data, o.off, esc)
		if end < 0 {
			return edit{}, "the value is not where it was read"
		}
		if string(data[o.off+1:end-1]) == value {
			return inner(o.off + 1), ""
		}
		return whole(end), ""
	case styleCSV:
		if o.off < len(data) && data[o.off] == '"' {
			if end := o.off + 1 + len(value); !bytes.HasPrefix(data[o.off+1:], []byte(value)) || end >= len(data) || data[end] != '"' {
				return edit{}, "a quoted field with line breaks or quotes: rewrite it by hand"
			}
			return inner(o.off + 1), ""
		}
		if !bytes.HasPrefix(data[o.off:], []byte(value)) {
			return edit{}, "the value is not where it was read"
		}
		return inner(o.off), ""
	case stylePlain:
		if !bytes.HasPrefix(data[o.off:], []byte(value)) {
			return edit{}, "a plain value written over several lines: rewrite it by hand"
		}
		if !plainString(to) {
			// The id would read as another type unquoted (a number, a
			// boolean, null): it needs quotes now.
			return edit{o.off, o.off + len(value), jsonString(to)}, ""
		}
		return inner(o.off), ""
	case styleBlock:
		return edit{}, "a YAML block scalar (| or >): rewrite it by hand"
	case styleAlias:
		return edit{}, "a YAML alias: rewrite the value where its anchor is"
	}
	return edit{}, "no value to rewrite"
}

// spellingSpan returns where the spelling is in a model value: the
// resolver trims the space around it.
func spellingSpan(value string) (lead, n int) {
	lead = len(value) - len(strings.TrimLeftFunc(value, unicode.IsSpace))
	return lead, len(strings.TrimSpace(value))
}

// newValue is value with its spelling replaced by to.
func newValue(value, to string) string {
	lead, n := spellingSpan(value)
	return value[:lead] + to + value[lead+n:]
}

// quotedEnd returns the offset after the quoted scalar at data[off]: a
// JSON or YAML double-quoted string (esc '\\': a backslash escapes the
// next byte) or a YAML single-quoted one (esc '\”: a doubled quote is
// one), or -1.
func quotedEnd(data []byte, off int, esc byte) int {
	if off >= len(data) || data[off] != '"' && data[off] != '\'' {
		return -1
	}
	q := data[off]
	for i := off + 1; i < len(data); i++ {
		switch {
		case esc == '\\' && data[i] == '\\':
			i++
		case data[i] != q:
		case esc == q && i+1 < len(data) && data[i+1] == q:
			i++
		default:
			return i + 1
		}
	}
	return -1
}

// jsonString returns s as a JSON string, which is also a YAML
// double-quoted scalar with the same value.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// plainString reports whether s reads back as the string s when written
// as a YAML plain scalar (not as a number, a boolean or null).
func plainString(s string) bool {
	var n yaml.Node
	if yaml.Unmarshal([]byte(s), &n) != nil || len(n.Content) != 1 {
		return false
	}
	v := n.Content[0]
	return v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str" && v.Value == s && v.Style == 0
}

// apply returns data with the edits (in order, not overlapping) made.
func apply(data []byte, edits []edit) []byte {
	n := len(data)
	for _, e := range edits {
		n += len(e.text) - (e.end - e.start)
	}
	out := make([]byte, 0, n)
	at := 0
	for _, e := range edits {
		out = append(append(out, data[at:e.start]...), e.text...)
		at = e.end
	}
	return append(out, data[at:]...)
}
