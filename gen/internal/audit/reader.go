package audit

import (
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// Keys are the names of the two fields in a corpus: the flags -runtime-key
// and -model-key, for corpora that spell them otherwise.
type Keys struct{ Runtime, Model string }

// DefaultKeys are the field names of the platform's workspace records.
var DefaultKeys = Keys{"runtime", "model"}

// reader reads the occurrences of corpus files into one pair table.
type reader struct {
	runtimeKey, modelKey string
	pairs                *pairTable
	occ                  []occurrence // of the file being read
}

type keyName uint8

const (
	keyOther keyName = iota
	keyRuntime
	keyModel
)

func (r *reader) keyName(name string) keyName {
	switch name {
	case r.runtimeKey:
		return keyRuntime
	case r.modelKey:
		return keyModel
	}
	return keyOther
}

// keyOf names a JSON key token.
func (r *reader) keyOf(tok []byte, escaped bool) keyName {
	if !escaped {
		name := unquoted(tok)
		switch {
		case string(name) == r.runtimeKey:
			return keyRuntime
		case string(name) == r.modelKey:
			return keyModel
		}
		return keyOther
	}
	var s string
	json.Unmarshal(tok, &s) // a valid JSON string: cannot fail
	return r.keyName(s)
}

// read returns the occurrences in data, a file of kind k, in file order, or
// a *problemError saying why the file cannot be read: then none of it
// counts.
func (r *reader) read(k kind, data []byte) ([]occurrence, error) {
	r.occ = nil
	lines := newLineIndex(data)
	if !utf8.Valid(data) {
		l, c := lines.pos(invalidUTF8(data))
		return nil, &problemError{l, c, "invalid UTF-8: save the file as UTF-8"}
	}
	var err error
	switch k {
	case kindJSONL:
		err = r.readJSONLines(data)
	case kindJSON:
		err = r.readJSONTree(data, lines)
	case kindYAML:
		err = r.readYAML(data, lines)
	case kindCSV:
		err = r.readCSV(data, lines, ',')
	case kindTSV:
		err = r.readCSV(data, lines, '\t')
	}
	if err != nil {
		return nil, err
	}
	if k == kindJSON || k == kindYAML {
		// A tree reports an object after the objects inside it.
		slices.SortStableFunc(r.occ, func(a, b occurrence) int { return a.off - b.off })
	}
	return r.occ, nil
}

// invalidUTF8 returns the offset of the first byte of data that is not
// valid UTF-8.
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}
