package audit

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// readCSV reads a table export: a header row naming the columns, then one
// workspace per row. Quoting follows RFC 4180 for TSV too (sep '\t'), as
// spreadsheet and database exports write it; every row has the header's
// number of fields.
func (r *reader) readCSV(src io.Reader, sep rune) error {
	br := bufio.NewReader(src)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3) // columns on line 1 count from after it
	}
	cr := csv.NewReader(br)
	cr.Comma = sep
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return csvProblem(err)
	}
	ri, mi := -1, -1
	for i, name := range header {
		f := &ri
		switch r.keyName(name) {
		case keyOther:
			continue
		case keyModel:
			f = &mi
		}
		if *f >= 0 {
			l, c := cr.FieldPos(i)
			return &problemError{l, c, fmt.Sprintf("duplicate column %q", name)}
		}
		*f = i
	}
	for _, c := range []struct {
		i    int
		name string
		flag string
	}{{ri, r.runtimeKey, "-runtime-key"}, {mi, r.modelKey, "-model-key"}} {
		if c.i < 0 {
			return &problemError{1, 1, fmt.Sprintf("the header has no %q column (%s names it)", c.name, c.flag)}
		}
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return csvProblem(err)
		}
		for _, i := range []int{ri, mi} {
			if !utf8.ValidString(rec[i]) {
				l, c := cr.FieldPos(i)
				return &problemError{l, c, "invalid UTF-8: save the file as UTF-8"}
			}
		}
		// The offset of a field is found only for -fix, from its line and
		// column: the stream is not kept.
		line, col := cr.FieldPos(mi)
		o := occurrence{pair: id(r.pairs, rec[ri], rec[mi]), line: int32(line), col: int32(col), off: -1, style: styleCSV}
		if rl, rc := cr.FieldPos(ri); rl == line { // else a field with a line break before: -fix leaves it
			o.rtDelta, o.rtStyle = int32(rc-col), styleCSV
		}
		r.occ = append(r.occ, o)
	}
}

func csvProblem(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &problemError{pe.Line, max(pe.Column, 1), pe.Err.Error()}
	}
	return &problemError{1, 1, err.Error()}
}
