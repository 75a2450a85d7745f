package table

import "fmt"

// The payload of a model spelling in a registry's model index, right behind
// the spelling: everything Derive needs once the spelling is found, so that
// a lookup at scale touches one entry and nothing else. In digits:
//
//	kind       1: 0 the model's id, 1 an alias, 2 a legacy id
//	record     5: offset of the model's record in Tables.Models (YAML order)
//	canonical  4: aliases and legacy ids only: the slot of the model's id
//	served     2: number of served_by entries, then for each entry
//	  provider 2: the provider's row
//	  runtimes RuntimeWords words of 4 digits: the set of runtime rows, 24 a word
const (
	SpellingRecord    = 1         // offset of the record field
	SpellingCanonical = 1 + 5     // offset of the canonical field
	ServedProvider    = 0         // offset of the provider in an entry
	ServedRuntimes    = 2         // offset of the runtime set in an entry
	MaxRows           = 1<<12 - 1 // the largest provider row, and served_by length
	RuntimesPerWord   = 24        // runtime rows in one word of a runtime set
)

// spellingKinds is the number of spelling kinds: canonical, alias, legacy.
const spellingKinds = 3

// Served is one served_by entry of a model: a provider row and the rows of
// the runtimes it serves the model on.
type Served struct {
	Provider int
	Runtimes []int
}

// ServedWidth is the number of digits of one served_by entry.
func ServedWidth(runtimeWords int) int { return 2 + Width*runtimeWords }

// AppendSpelling appends the payload of a spelling of kind kind (0, 1 or 2)
// of the model whose record is at offset record, whose id is in slot
// canonical, served by served; runtime sets take runtimeWords words.
func AppendSpelling(b []byte, kind, record, canonical int, served []Served, runtimeWords int) ([]byte, error) {
	if kind < 0 || kind >= spellingKinds {
		return nil, fmt.Errorf("table: spelling kind %d", kind)
	}
	if record < 0 || record > Max5 || len(served) > MaxRows {
		return nil, ErrTooLarge
	}
	b = AppendNum1(b, kind)
	b = AppendNum5(b, record)
	if kind != 0 {
		b = AppendNum(b, canonical)
	}
	b = AppendNum2(b, len(served))
	words := make([]int, runtimeWords)
	for _, e := range served {
		if e.Provider < 0 || e.Provider > MaxRows {
			return nil, ErrTooLarge
		}
		b = AppendNum2(b, e.Provider)
		clear(words)
		for _, rt := range e.Runtimes {
			if rt < 0 || rt >= runtimeWords*RuntimesPerWord {
				return nil, fmt.Errorf("table: runtime row %d outside %d words", rt, runtimeWords)
			}
			words[rt/RuntimesPerWord] |= 1 << (rt % RuntimesPerWord)
		}
		for _, w := range words {
			b = AppendNum(b, w)
		}
	}
	return b, nil
}
