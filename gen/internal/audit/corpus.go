package audit

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
)

// Pos is a place in a corpus file: a 1-based line and byte column (a byte
// order mark takes no column). Line 0 names the whole file.
type Pos struct {
	File      string
	Line, Col int
}

// String returns FILE:LINE:COL, or FILE for the whole file.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// MarshalText writes p as String does, so that JSON carries positions as
// editors and terminals read them.
func (p Pos) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// style is how a model value is written in its file, which decides how
// -fix can rewrite it.
type style uint8

const (
	styleNone   style = iota // no value: the field is absent or null
	styleJSON                // a JSON string
	stylePlain               // a YAML plain scalar
	styleSingle              // a YAML single-quoted scalar
	styleDouble              // a YAML double-quoted scalar
	styleBlock               // a YAML literal or folded block scalar
	styleAlias               // a YAML alias of a scalar written elsewhere
	styleCSV                 // a CSV or TSV field, quoted or not (-fix looks)
)

// occurrence is one (runtime, model) found in a file.
type occurrence struct {
	pair      int32 // index in the pair table
	line, col int32 // of the model value, or of the record without one
	// rtDelta is the offset of the runtime value's token from off (in
	// the padding after col: an occurrence stays 32 bytes).
	rtDelta int32
	off     int // of the model value's token (after a YAML anchor or tag); -1: find it from line and col
	style   style
	rtStyle style // the runtime value's; styleNone when -fix cannot find it
	// merged and rtMerged say that the model and the runtime value are
	// taken through a YAML merge key, from the mapping they are written in.
	merged, rtMerged bool
}

// setRuntime records that the runtime value's token is at off, written in
// st; o.off must be set.
func (o *occurrence) setRuntime(off int, st style) {
	if d := off - o.off; d == int(int32(d)) { // else too far to keep: -fix leaves it
		o.rtDelta, o.rtStyle = int32(d), st
	}
}

// runtimeValue returns the runtime value of an occurrence whose model
// value is at off, as an occurrence of its own for token.
func (o occurrence) runtimeValue(off int) occurrence {
	return occurrence{off: off + int(o.rtDelta), style: o.rtStyle, merged: o.rtMerged}
}

// pairKey is a distinct (runtime, model) as written, before any trimming.
type pairKey struct{ runtime, model string }

// pairTable interns the distinct pairs of a corpus, so that each is
// classified once however often it occurs, and a record's strings are
// allocated only the first time they are seen.
type pairTable struct {
	index map[string]int32
	keys  []pairKey
	buf   []byte
}

func newPairTable() *pairTable { return &pairTable{index: map[string]int32{}} }

// id returns the index of (runtime, model), adding it when new.
func id[S string | []byte](t *pairTable, runtime, model S) int32 {
	// The length prefix keeps ("a\x00", "b") and ("a", "\x00b") apart.
	t.buf = binary.AppendUvarint(t.buf[:0], uint64(len(runtime)))
	t.buf = append(append(t.buf, runtime...), model...)
	if i, ok := t.index[string(t.buf)]; ok {
		return i
	}
	i := int32(len(t.keys))
	t.index[string(t.buf)] = i
	t.keys = append(t.keys, pairKey{string(runtime), string(model)})
	return i
}

// problemError is why a file could not be read, and where.
type problemError struct {
	line, col int
	msg       string
}

func (e *problemError) Error() string { return fmt.Sprintf("%d:%d: %s", e.line, e.col, e.msg) }

// lineIndex converts byte offsets of one file to lines and columns.
type lineIndex struct {
	data   []byte
	starts []int // offset of each line's first byte, built on first use
	bom    int   // 3 when the file starts with a UTF-8 byte order mark
}

func newLineIndex(data []byte) *lineIndex {
	x := &lineIndex{data: data}
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		x.bom = 3
	}
	return x
}

func (x *lineIndex) build() {
	if x.starts != nil {
		return
	}
	x.starts = []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(x.data[i:], '\n')
		if j < 0 {
			return
		}
		i += j + 1
		x.starts = append(x.starts, i)
	}
}

// pos returns the line and byte column of off.
func (x *lineIndex) pos(off int) (line, col int) {
	x.build()
	lo, hi := 0, len(x.starts)
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; x.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	col = off - x.starts[lo] + 1
	if lo == 0 {
		col -= min(x.bom, off)
	}
	return lo + 1, col
}

// lineStart returns the offset of line's first byte (1-based), after the
// byte order mark on line 1, or -1 beyond the end.
func (x *lineIndex) lineStart(line int) int {
	x.build()
	if line < 1 || line > len(x.starts) {
		return -1
	}
	if line == 1 {
		return x.bom
	}
	return x.starts[line-1]
}
