package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// MaxSnapshot is the largest snapshot read, and MaxValues the most JSON
// values it may hold. The real catalogues are a few MiB (LiteLLM's about
// 1.6 MiB, models.dev's api.json a few times that) at 25 to 45 bytes a
// value: some 50,000 and 200,000 values. A value costs about 150 bytes of
// tree, so MaxValues holds it near 150 MB with room for the catalogues to
// grow five times over; without it, 64 MiB of 0s (32 million values)
// would take gigabytes.
const (
	MaxSnapshot = 64 << 20
	MaxValues   = 1_000_000
)

// A jnode is a JSON value of a snapshot with the byte offset where it
// starts, so that a problem with a value the importer uses is reported at
// the snapshot's line and column. Numbers keep their text (json.Number):
// prices are converted from it exactly, never through float64.
type jnode struct {
	off     int
	kind    byte     // '{', '[', 's' string, 'n' number, 'b' bool, '0' null
	str     string   // a string, or a number's text
	fields  []jfield // objects, in order, a repeated key as often as it appears
	items   []*jnode
	repeats []repeat // the keys of an object that appear more than once
}

type jfield struct {
	key    string
	keyOff int // where the key starts
	val    *jnode
}

// A repeat is a key of an object after its first appearance. JSON with a
// repeated key is ambiguous (JSON.parse keeps the last value, other
// readers the first), and LiteLLM's hand-edited file has had them: the
// values of a repeated key are never read, and the readers report it.
type repeat struct {
	key          string
	first, again int // the offsets of the first key and of this one
}

// get returns the value of field key of an object, or nil, also when the
// key is repeated.
func (n *jnode) get(key string) *jnode {
	if n == nil || n.kind != '{' || n.repeated(key) {
		return nil
	}
	for _, f := range n.fields {
		if f.key == key {
			return f.val
		}
	}
	return nil
}

// repeated reports whether key appears more than once in object n.
func (n *jnode) repeated(key string) bool {
	for _, r := range n.repeats {
		if r.key == key {
			return true
		}
	}
	return false
}

// num returns the text of a number.
func (n *jnode) num() json.Number { return json.Number(n.str) }

// text returns the string value of field key, or "".
func (n *jnode) text(key string) string {
	if v := n.get(key); v != nil && v.kind == 's' {
		return v.str
	}
	return ""
}

// snapshot is one catalogue file, parsed.
type snapshot struct {
	name string // as given on the command line, for messages
	data []byte
	root *jnode
}

// readSnapshot reads and parses the JSON file at path. A file that is not
// JSON (malformed, truncated, or not UTF-8) is a *spec.InputError at the
// line and column where reading it failed.
func readSnapshot(path string) (*snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &snapshot{name: path}
	tooLarge := fmt.Sprintf("the snapshot is larger than the %d MiB limit: the catalogues are a few MiB", MaxSnapshot>>20)
	// A regular file is refused from its size, and read into a buffer of
	// that size (io.ReadAll would grow one to twice the file).
	var b bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		if fi.Size() > MaxSnapshot {
			return nil, s.errorAt(0, tooLarge)
		}
		b.Grow(int(fi.Size()) + bytes.MinRead)
	}
	if _, err := b.ReadFrom(io.LimitReader(f, MaxSnapshot+1)); err != nil {
		return nil, err
	}
	s.data = b.Bytes()
	if len(s.data) > MaxSnapshot {
		s.data = nil
		return nil, s.errorAt(0, tooLarge)
	}
	if !utf8.Valid(s.data) {
		// IndexRune of RuneError finds the first invalid byte sequence.
		return nil, s.errorAt(bytes.IndexRune(s.data, utf8.RuneError), "invalid UTF-8: a catalogue snapshot is JSON text")
	}
	root, err := s.parse()
	if err != nil {
		return nil, err
	}
	if root.kind != '{' {
		return nil, s.errorAt(root.off, "the snapshot is not a JSON object: want the catalogue's file as downloaded")
	}
	s.root = root
	return s, nil
}

// parse builds the tree of s.data with a token decoder, noting where each
// value starts.
func (s *snapshot) parse() (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(s.data))
	dec.UseNumber()
	p := &parser{s: s, dec: dec}
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, s.errorAt(s.skipSpace(int(dec.InputOffset())), "unexpected text after the JSON value: the snapshot holds one JSON document")
	}
	return root, nil
}

// maxDepth bounds nesting: the catalogues nest five or six levels.
const maxDepth = 64

type parser struct {
	s      *snapshot
	dec    *json.Decoder
	values int // read so far, up to MaxValues
}

func (p *parser) value(depth int) (*jnode, error) {
	off := p.s.skipSpace(int(p.dec.InputOffset()))
	if p.values++; p.values > MaxValues {
		return nil, p.s.errorAt(off, fmt.Sprintf("the snapshot holds more than %s JSON values: the catalogues hold a few hundred thousand", catalogue.Thousands(MaxValues)))
	}
	tok, err := p.dec.Token()
	if err != nil {
		return nil, p.s.syntaxError(err, off)
	}
	n := &jnode{off: off}
	switch t := tok.(type) {
	case json.Delim:
		if depth >= maxDepth {
			return nil, p.s.errorAt(off, fmt.Sprintf("nested more than %d levels deep: this is not a catalogue snapshot", maxDepth))
		}
		n.kind = byte(t)
		if t == '{' {
			return n, p.object(n, depth)
		}
		return n, p.array(n, depth)
	case string:
		n.kind, n.str = 's', t
	case json.Number:
		n.kind, n.str = 'n', string(t)
	case bool:
		n.kind = 'b'
	case nil:
		n.kind = '0'
	}
	return n, nil
}

func (p *parser) object(n *jnode, depth int) error {
	first := map[string]int{} // where each key first appears
	for p.dec.More() {
		off := p.s.skipSpace(int(p.dec.InputOffset()))
		tok, err := p.dec.Token()
		if err != nil {
			return p.s.syntaxError(err, off)
		}
		key, _ := tok.(string)
		if at, seen := first[key]; seen {
			n.repeats = append(n.repeats, repeat{key, at, off})
		} else {
			first[key] = off
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		n.fields = append(n.fields, jfield{key, off, v})
	}
	return p.close()
}

// repeatText says that the key of r is repeated, where it first appears.
func (s *snapshot) repeatText(r repeat) string {
	at := s.pos(r.first)
	return fmt.Sprintf("key %s is repeated (first at %d:%d): JSON with a repeated key is ambiguous", strconv.Quote(clip(r.key)), at.Line, at.Col)
}

func (p *parser) array(n *jnode, depth int) error {
	for p.dec.More() {
		v, err := p.value(depth + 1)
		if err != nil {
			return err
		}
		n.items = append(n.items, v)
	}
	return p.close()
}

func (p *parser) close() error {
	off := p.s.skipSpace(int(p.dec.InputOffset()))
	if _, err := p.dec.Token(); err != nil {
		return p.s.syntaxError(err, off)
	}
	return nil
}

// skipSpace returns the offset of the first byte at or after off that is
// not JSON white space or a separator (the decoder's offset is the end of
// the previous token).
func (s *snapshot) skipSpace(off int) int {
	for off < len(s.data) && bytes.IndexByte([]byte(" \t\r\n:,"), s.data[off]) >= 0 {
		off++
	}
	return off
}

// syntaxError words a decoder error at the offset of the token being read.
func (s *snapshot) syntaxError(err error, off int) error {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return s.errorAt(len(s.data), fmt.Sprintf("unexpected end of the snapshot after %d bytes: it is truncated (download it again)", len(s.data)))
	case errors.As(err, &se):
		at := int(se.Offset) - 1 // the offending byte: the decoder had read it
		if at < off {
			at = off
		}
		if at >= len(s.data) {
			return s.errorAt(len(s.data), fmt.Sprintf("unexpected end of the snapshot after %d bytes: it is truncated (download it again)", len(s.data)))
		}
		return s.errorAt(at, "JSON syntax: "+se.Error())
	}
	return s.errorAt(off, "JSON: "+err.Error())
}

// errorAt is a problem at byte offset off of the snapshot.
func (s *snapshot) errorAt(off int, msg string) *spec.InputError {
	return &spec.InputError{File: s.name, Diags: []spec.Diag{{Pos: s.pos(off), Msg: msg}}}
}

// pos converts a byte offset into a 1-based line and a column in
// characters.
func (s *snapshot) pos(off int) spec.Pos {
	off = min(off, len(s.data))
	line := 1 + bytes.Count(s.data[:off], []byte("\n"))
	start := bytes.LastIndexByte(s.data[:off], '\n') + 1
	return spec.Pos{Line: int32(line), Col: int32(1 + utf8.RuneCount(s.data[start:off]))}
}
