package table

import "fmt"

// The record layouts of table format 2, each defined once here: its fields
// as named offsets and widths, a writer (Append…) that the generator uses
// and a reader that the resolver uses. All numbers are base-64 digits (see
// digits.go); no other file computes an offset into a record.
//
// Runtime set: the rows of the runtimes a provider serves a model on, as
// RuntimeWords(n) words of Width digits, RuntimesPerWord rows a word:
//
//	word 0           word 1
//	+----+----+----+ +----+----+----+
//	| rows 0..23   | | rows 24..47  |  bit r%24 of word r/24 is row r
//	+----+----+----+ +----+----+----+
//
// Spelling payload: everything Derive needs once a model spelling is found
// in the model index, right behind the spelling's key, so that a lookup at
// scale touches one entry and nothing else:
//
//	+------+--------+-----------+--------+----------+--------------+ ...
//	| kind | record | canonical | served | provider | runtime set  |
//	|  1   |   5    | 4, not on |   2    |    2     | words × 4    | one entry
//	|      |        | a model id|        |          |              | per served_by
//	+------+--------+-----------+--------+----------+--------------+ ...
//
//	kind       0 the model's id, 1 an alias, 2 a legacy id
//	record     offset of the model's record in Tables.Models
//	canonical  aliases and legacy ids only: the slot of the model's id
//	served     number of served_by entries, then each entry
//
// Model record: one per model in YAML order, packed in Tables.Models, for
// the questions that walk every model (ModelsForRuntime, suggestions):
//
//	+-----------+---------+---------+-------------+--------+----------+-------------+ ...
//	| canonical | aliases | legacy  | their slots | served | provider | runtime set | one
//	|     4     |    4    |    4    | 4 each      |   4    |    4     | words × 4   | entry
//	+-----------+---------+---------+-------------+--------+----------+-------------+ per served_by

// RuntimesPerWord is the number of runtime rows in one word of a runtime set.
const RuntimesPerWord = 24

// RuntimeWords returns the number of words in the runtime sets of a
// registry of n runtimes (at least one).
func RuntimeWords(n int) int {
	return max(1, (n+RuntimesPerWord-1)/RuntimesPerWord)
}

// AppendRuntimeSet appends the set of rows as words words.
func AppendRuntimeSet(b []byte, rows []int, words int) ([]byte, error) {
	set := make([]int, words)
	for _, rt := range rows {
		if rt < 0 || rt >= words*RuntimesPerWord {
			return nil, fmt.Errorf("table: runtime row %d outside %d words", rt, words)
		}
		set[rt/RuntimesPerWord] |= 1 << (rt % RuntimesPerWord)
	}
	for _, w := range set {
		b = AppendNum(b, w)
	}
	return b, nil
}

// HasRuntime reports whether the runtime set at s[at:] holds row rt.
func HasRuntime(s string, at, rt int) bool {
	return Num(s, at+Width*(rt/RuntimesPerWord))>>(rt%RuntimesPerWord)&1 != 0
}

// Spelling payload fields, as offsets from the payload's start or an
// entry's start, and the model record's fields.
const (
	spellingKind      = 0     // 1 digit
	spellingRecord    = 1     // 5 digits
	spellingCanonical = 1 + 5 // 4 digits, aliases and legacy ids only
	spellingServed    = 2     // width of the count of entries
	servedProvider    = 0     // 2 digits
	servedRuntimes    = 2     // the runtime set
	spellingKinds     = 3     // canonical, alias, legacy

	recordCanonical  = 0         // 4 digits
	recordAliases    = Width     // 4 digits
	recordLegacy     = 2 * Width // 4 digits
	recordOthers     = 3 * Width // the alias and legacy slots, 4 digits each
	recordWidthFixed = 4 * Width // canonical, the two counts and the count of entries
	recordEntryFixed = Width     // the provider row of a record entry

	// MaxRows is the largest provider row, and the most served_by
	// entries of a model: 2 digits.
	MaxRows = 1<<12 - 1
)

// Served is one served_by entry of a model: a provider row and the rows of
// the runtimes it serves the model on.
type Served struct {
	Provider int
	Runtimes []int
}

// ServedWidth is the number of digits of one served_by entry of a spelling
// payload.
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
	var err error
	for _, e := range served {
		if e.Provider < 0 || e.Provider > MaxRows {
			return nil, ErrTooLarge
		}
		b = AppendNum2(b, e.Provider)
		if b, err = AppendRuntimeSet(b, e.Runtimes, runtimeWords); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Spelling is a spelling payload as the resolver reads it.
type Spelling struct {
	Kind      int // 0 the model's id, 1 an alias, 2 a legacy id
	Canonical int // the slot of the model's id, for an alias or legacy id
	served    int // offset of the first served_by entry
	end       int // offset past the last
	width     int // digits per entry
}

// ReadSpelling reads the payload at s[at:] of a registry whose runtime sets
// take runtimeWords words.
func ReadSpelling(s string, at, runtimeWords int) Spelling {
	p := Spelling{Kind: Num1(s, at+spellingKind), Canonical: -1, served: at + spellingCanonical, width: ServedWidth(runtimeWords)}
	if p.Kind != 0 {
		p.Canonical = Num(s, p.served)
		p.served += Width
	}
	p.end = p.served + spellingServed + Num2(s, p.served)*p.width
	p.served += spellingServed
	return p
}

// Record returns the offset of the model record of the spelling at s[at:].
func Record(s string, at int) int {
	return Num5(s, at+spellingRecord)
}

// First returns the offset of p's first served_by entry; entries run to
// End, Next apart.
func (p Spelling) First() int { return p.served }

// End returns the offset past p's last served_by entry.
func (p Spelling) End() int { return p.end }

// Next returns the offset of the entry after the one at e.
func (p Spelling) Next(e int) int { return e + p.width }

// Serves reports whether the entry at s[e:] serves runtime row rt.
func (p Spelling) Serves(s string, e, rt int) bool { return HasRuntime(s, e+servedRuntimes, rt) }

// Provider returns the provider row of the entry at s[e:].
func (p Spelling) Provider(s string, e int) int { return Num2(s, e+servedProvider) }

// ModelRecordWidth is the number of digits of a model record.
func ModelRecordWidth(spellings, served, runtimeWords int) int {
	return recordWidthFixed + Width*(spellings-1) + served*(recordEntryFixed+Width*runtimeWords)
}

// AppendModel appends the record of a model whose id is in slot canonical,
// whose aliases and legacy ids are in the slots others (aliases first),
// served by served.
func AppendModel(b []byte, canonical int, others []int, aliases int, served []Served, runtimeWords int) ([]byte, error) {
	b = AppendNum(b, canonical)
	b = AppendNum(b, aliases)
	b = AppendNum(b, len(others)-aliases)
	for _, s := range others {
		b = AppendNum(b, s)
	}
	b = AppendNum(b, len(served))
	var err error
	for _, e := range served {
		b = AppendNum(b, e.Provider)
		if b, err = AppendRuntimeSet(b, e.Runtimes, runtimeWords); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Model is a model record as the resolver reads it.
type Model struct {
	Canonical int // the slot of the model's id
	Others    int // number of aliases and legacy ids
	others    int // offset of their slots
	nServed   int
	served    int // offset of the first served_by entry
	width     int // digits per entry
}

// ReadModel reads the model record at s[off:].
func ReadModel(s string, off, runtimeWords int) Model {
	m := Model{
		Canonical: Num(s, off+recordCanonical),
		Others:    Num(s, off+recordAliases) + Num(s, off+recordLegacy),
		others:    off + recordOthers,
		width:     recordEntryFixed + Width*runtimeWords,
	}
	m.served = m.others + Width*m.Others
	m.nServed = Num(s, m.served)
	m.served += Width
	return m
}

// Next returns the offset of the record after m.
func (m Model) Next() int { return m.served + m.nServed*m.width }

// Other returns the slot of m's j-th alias or legacy id (aliases first).
func (m Model) Other(s string, j int) int { return Num(s, m.others+Width*j) }

// First returns the offset of m's first served_by entry; entries run to
// Next(), Step apart.
func (m Model) First() int { return m.served }

// Step returns the offset of the entry after the one at e.
func (m Model) Step(e int) int { return e + m.width }

// Serves reports whether the entry at s[e:] serves runtime row rt.
func (m Model) Serves(s string, e, rt int) bool { return HasRuntime(s, e+recordEntryFixed, rt) }

// Provider returns the provider row of the entry at s[e:].
func (m Model) Provider(s string, e int) int { return Num(s, e) }
