package artifact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// docWriter writes a JSON object whose members are scalars or lists of
// records, one record a line:
//
//	{
//	  "format": 1,
//	  "providers": [
//	    {"id":"platform","name":"Molecule AI platform",...},
//	    ...
//	  ]
//	}
//
// Every value is encoded by encoding/json (without HTML escaping); with
// ascii, every non-ASCII character is then written as a \u escape, so that
// no invisible character reaches a review. Otherwise only characters that
// would be invisible (control, format and space characters other than
// U+0020) are.
type docWriter struct {
	buf   bytes.Buffer
	n     int
	ascii bool
	err   error
}

func (w *docWriter) sep() {
	if w.n == 0 {
		w.buf.WriteString("{\n")
	} else {
		w.buf.WriteString(",\n")
	}
	w.n++
}

// field writes a member whose value fits on its line.
func (w *docWriter) field(name string, v any) {
	w.sep()
	w.buf.WriteString("  ")
	w.value(name)
	w.buf.WriteString(": ")
	w.value(v)
}

// list writes a member whose value is a list, one element a line.
func list[T any](w *docWriter, name string, items []T) {
	w.sep()
	w.buf.WriteString("  ")
	w.value(name)
	if len(items) == 0 {
		w.buf.WriteString(": []")
		return
	}
	w.buf.WriteString(": [\n")
	for i, item := range items {
		w.buf.WriteString("    ")
		w.value(item)
		if i < len(items)-1 {
			w.buf.WriteByte(',')
		}
		w.buf.WriteByte('\n')
	}
	w.buf.WriteString("  ]")
}

func (w *docWriter) value(v any) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		w.err = err
		return
	}
	// Non-ASCII bytes can only be inside strings, where an escape means
	// the same character.
	for _, r := range string(bytes.TrimSuffix(b.Bytes(), []byte("\n"))) {
		if r < utf8.RuneSelf || !w.ascii && unicode.IsPrint(r) {
			w.buf.WriteRune(r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&w.buf, "\\u%04x", u)
		}
	}
}

// bytes returns the document, ending in a newline.
func (w *docWriter) bytes() ([]byte, error) {
	if w.err != nil {
		return nil, w.err
	}
	w.buf.WriteString("\n}\n")
	return w.buf.Bytes(), nil
}
