package audit

import (
	"encoding/json"
	"io"
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
	// shared are the values of the file being read that YAML aliases
	// share, by offset (-fix must not rewrite them alone).
	shared map[int]sharedValue
	// merged are the values of the file being read that mappings take
	// through a YAML merge key, by offset.
	merged map[int]*mergedValue
}

// sharedValue is a YAML value that an alias reads too: an anchored scalar,
// or one inside an anchored mapping or sequence (inside).
type sharedValue struct {
	anchor  string
	inside  bool
	aliases []int // the offsets of the aliases of the anchor
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

// read returns the occurrences in a file of kind k read from src, in file
// order, or a *problemError saying why the file cannot be read: then none
// of it counts. Record files (JSON Lines, CSV, TSV) are read as a stream,
// so that a large export is never held in memory; trees are read whole.
func (r *reader) read(k kind, src io.Reader) ([]occurrence, error) {
	r.occ, r.shared, r.merged = nil, nil, nil
	var err error
	switch k {
	case kindJSONL:
		err = r.readJSONLines(src)
	case kindCSV:
		err = r.readCSV(src, ',')
	case kindTSV:
		err = r.readCSV(src, '\t')
	default:
		err = r.readTree(k, src)
	}
	if err != nil {
		return nil, err
	}
	return r.occ, nil
}

// readTree reads a YAML or JSON file whole.
func (r *reader) readTree(k kind, src io.Reader) error {
	data, err := io.ReadAll(src) // a template or a bundle: small
	if err != nil {
		return &problemError{msg: err.Error()}
	}
	lines := newLineIndex(data)
	if !utf8.Valid(data) {
		l, c := lines.pos(invalidUTF8(data))
		return &problemError{l, c, "invalid UTF-8: save the file as UTF-8"}
	}
	if k == kindJSON {
		err = r.readJSONTree(data, lines)
	} else {
		err = r.readYAML(data, lines)
	}
	// A tree reports an object after the objects inside it.
	slices.SortStableFunc(r.occ, func(a, b occurrence) int { return a.off - b.off })
	return err
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
