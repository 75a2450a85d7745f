package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The JSON readers check a text with json.Valid first, then walk it with
// the small scanner below, which can therefore assume valid JSON. The walk
// keeps byte offsets (encoding/json's decoder would not say where a value
// starts) and allocates nothing for members other than the two fields:
// this is what keeps a million-line export fast.

// jsonField is the runtime or model member of one object.
type jsonField struct {
	found   bool
	off     int // offset of the value
	null    bool
	str     []byte // the raw string token, quotes included; nil when not a string
	escaped bool   // the string holds a backslash escape
}

// ok reports whether the field can be read: a string, null, or absent.
func (f *jsonField) ok() bool { return f.str != nil || f.null || !f.found }

// decoded returns the string of an escaped field.
func (f *jsonField) decoded() string {
	var s string
	json.Unmarshal(f.str, &s) // valid JSON: cannot fail
	return s
}

// jsonWalk is a walk over one valid JSON text.
type jsonWalk struct {
	b     []byte
	r     *reader
	deep  bool // visit every object at any depth (a tree), else the top one (a line)
	lines *lineIndex
	base  int // offset of b in the file
	line  int // the line of b, for a JSON Lines record
}

// object reads the object at b[i] and returns the offset after it.
func (w *jsonWalk) object(i int) (int, error) {
	start := i
	var rt, md jsonField
	for i = skipSpace(w.b, i+1); w.b[i] != '}'; i = skipSpace(w.b, i) {
		if w.b[i] == ',' {
			i = skipSpace(w.b, i+1)
		}
		key := i
		end, esc := skipString(w.b, i)
		i = skipSpace(w.b, skipSpace(w.b, end)+1) // past the ':'
		var f *jsonField
		switch w.r.keyOf(w.b[key:end], esc) {
		case keyRuntime:
			f = &rt
		case keyModel:
			f = &md
		}
		if f != nil {
			if f.found {
				return 0, w.problem(key, "duplicate key %s: which one a consumer reads depends on its parser; remove one", w.b[key:end])
			}
			*f = jsonField{found: true, off: i, null: w.b[i] == 'n'}
			if w.b[i] == '"' {
				e, esc := skipString(w.b, i)
				f.str, f.escaped = w.b[i:e], esc
			}
		}
		var err error
		if i, err = w.value(i); err != nil {
			return 0, err
		}
	}
	return i + 1, w.emit(start, &rt, &md)
}

// value skips the value at b[i], walking into it for a tree, and returns
// the offset after it.
func (w *jsonWalk) value(i int) (int, error) {
	switch {
	case w.b[i] == '{' && w.deep:
		return w.object(i)
	case w.b[i] == '[' && w.deep:
		var err error
		for i = skipSpace(w.b, i+1); w.b[i] != ']'; i = skipSpace(w.b, i) {
			if w.b[i] == ',' {
				i = skipSpace(w.b, i+1)
			}
			if i, err = w.value(i); err != nil {
				return 0, err
			}
		}
		return i + 1, nil
	}
	return skipValue(w.b, i), nil
}

// emit records the occurrence of an object, if it is one. A JSON Lines
// record is one whatever it holds, but must name a runtime or a model; in
// a tree, an object is one when both fields are strings (or one is null).
func (w *jsonWalk) emit(start int, rt, md *jsonField) error {
	switch {
	case w.deep && (!rt.found || !md.found || !rt.ok() || !md.ok() || rt.null && md.null):
		return nil
	case !rt.found && !md.found:
		return w.problem(start, "no %q or %q field: is this a workspace record? (-runtime-key, -model-key)", w.r.runtimeKey, w.r.modelKey)
	case !rt.ok():
		return w.problem(rt.off, "%q: want a string or null", w.r.runtimeKey)
	case !md.ok():
		return w.problem(md.off, "%q: want a string or null", w.r.modelKey)
	}
	o := occurrence{off: w.base + start}
	if md.found {
		o.off = w.base + md.off
		if md.str != nil {
			o.style = styleJSON
		}
	}
	o.line, o.col = w.pos(o.off - w.base)
	if rt.str != nil {
		o.setRuntime(w.base+rt.off, styleJSON)
	}
	if rt.escaped || md.escaped {
		runtime, model := string(unquoted(rt.str)), string(unquoted(md.str))
		if rt.escaped {
			runtime = rt.decoded()
		}
		if md.escaped {
			model = md.decoded()
		}
		o.pair = id(w.r.pairs, runtime, model)
	} else {
		o.pair = id(w.r.pairs, unquoted(rt.str), unquoted(md.str))
	}
	w.r.occ = append(w.r.occ, o)
	return nil
}

func (w *jsonWalk) pos(i int) (int32, int32) {
	if w.lines != nil {
		l, c := w.lines.pos(w.base + i)
		return int32(l), int32(c)
	}
	return int32(w.line), int32(i + 1)
}

func (w *jsonWalk) problem(i int, format string, args ...any) error {
	l, c := w.pos(i)
	return &problemError{int(l), int(c), fmt.Sprintf(format, args...)}
}

func unquoted(tok []byte) []byte {
	if len(tok) < 2 {
		return nil
	}
	return tok[1 : len(tok)-1]
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the offset after the string at b[i] and whether it
// holds an escape.
func skipString(b []byte, i int) (end int, escaped bool) {
	i++
	j := bytes.IndexByte(b[i:], '"')
	k := bytes.IndexByte(b[i:i+j], '\\')
	if k < 0 {
		return i + j + 1, false
	}
	for i += k; b[i] != '"'; i++ {
		if b[i] == '\\' {
			i++
		}
	}
	return i + 1, true
}

// skipValue returns the offset after the value at b[i].
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		end, _ := skipString(b, i)
		return end
	case '{', '[':
		for depth := 0; ; i++ {
			switch b[i] {
			case '"':
				i, _ = skipString(b, i)
				i--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	}
	for i < len(b) && !strings.ContainsRune(",}] \t\r\n", rune(b[i])) {
		i++
	}
	return i
}

// syntaxOffset returns where json.Valid found b invalid, and why.
func syntaxOffset(b []byte) (int, string) {
	var v any
	err := json.Unmarshal(b, &v)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return 0, "invalid JSON"
	}
	if strings.HasPrefix(se.Error(), "unexpected end") {
		return len(b), "unexpected end of JSON: truncated?"
	}
	return max(int(se.Offset)-1, 0), se.Error()
}

// readJSONLines reads one workspace object per line; blank lines are
// skipped.
func (r *reader) readJSONLines(src io.Reader) error {
	w := jsonWalk{r: r}
	lines := bufio.NewReaderSize(src, 64<<10)
	var long []byte
	for line, off := 1, 0; ; line++ {
		b, err := readLine(lines, &long)
		switch {
		case err != nil && !errors.Is(err, io.EOF):
			return &problemError{line, 1, err.Error()}
		case err != nil && len(b) == 0:
			return nil
		}
		next := off + len(b)
		b = bytes.TrimSuffix(b, []byte("\n"))
		if line == 1 && bytes.HasPrefix(b, []byte("\ufeff")) {
			b, off = b[3:], off+3
		}
		w.b, w.base, w.line = b, off, line
		if err := w.record(); err != nil {
			return err
		}
		if err != nil { // the last line had no line feed
			return nil
		}
		off = next
	}
}

// readLine returns the next line, with its line feed, valid until the next
// call; a line longer than the buffer is put together in *long.
func readLine(r *bufio.Reader, long *[]byte) ([]byte, error) {
	b, err := r.ReadSlice('\n')
	if !errors.Is(err, bufio.ErrBufferFull) {
		return b, err
	}
	*long = append((*long)[:0], b...)
	for errors.Is(err, bufio.ErrBufferFull) {
		b, err = r.ReadSlice('\n')
		*long = append(*long, b...)
	}
	return *long, err
}

func (w *jsonWalk) record() error {
	i := skipSpace(w.b, 0)
	if i == len(w.b) {
		return nil
	}
	if !utf8.Valid(w.b) {
		return w.problem(invalidUTF8(w.b), "invalid UTF-8: save the file as UTF-8")
	}
	if !json.Valid(w.b) {
		at, msg := syntaxOffset(w.b)
		return w.problem(at, "%s", msg)
	}
	if w.b[i] != '{' {
		return w.problem(i, "want a JSON object on each line")
	}
	_, err := w.object(i)
	return err
}

// readJSONTree reads every object of a JSON document that holds both fields.
func (r *reader) readJSONTree(data []byte, lines *lineIndex) error {
	b := data[lines.bom:]
	w := jsonWalk{r: r, b: b, deep: true, lines: lines, base: lines.bom}
	if !json.Valid(b) {
		at, msg := syntaxOffset(b)
		return w.problem(at, "%s", msg)
	}
	_, err := w.value(skipSpace(b, 0))
	return err
}
