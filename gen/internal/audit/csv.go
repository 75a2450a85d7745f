package audit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// readCSV reads a table export: a header row naming the columns, then one
// workspace per row. Quoting follows RFC 4180 for TSV too (sep '\t'), as
// spreadsheet and database exports write it; every row has the header's
// number of fields.
func (r *reader) readCSV(data []byte, lines *lineIndex, sep rune) error {
	cr := csv.NewReader(bytes.NewReader(data[lines.bom:]))
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
		line, col := cr.FieldPos(mi)
		o := occurrence{pair: id(r.pairs, rec[ri], rec[mi]), line: int32(line), col: int32(col), style: styleCSV}
		o.off = lines.lineStart(line) + col - 1
		if o.off < len(data) && data[o.off] == '"' {
			o.style = styleCSVQuoted
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
