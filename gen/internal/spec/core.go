package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The YAML 1.2 core schema (yaml.org/spec/1.2.2, section 10.3) decides what
// a scalar means: a plain scalar without a tag is null, a boolean, an
// integer or a float when it has one of the forms below, and a string
// otherwise; a scalar with a core tag must have that tag's form. yaml.v3
// resolves more (YAML 1.1's 0b101, 1_000, 017 as octal, dates), and does
// not check tagged values at all (!!bool yes would be read as false), so
// every scalar is resolved and decoded here instead.
var (
	coreNull  = regexp.MustCompile(`^(?:~|null|Null|NULL)?$`)
	coreTrue  = regexp.MustCompile(`^(?:true|True|TRUE)$`)
	coreFalse = regexp.MustCompile(`^(?:false|False|FALSE)$`)
	coreDec   = regexp.MustCompile(`^[-+]?[0-9]+$`)
	coreOct   = regexp.MustCompile(`^0o[0-7]+$`)
	coreHex   = regexp.MustCompile(`^0x[0-9a-fA-F]+$`)
	coreFloat = regexp.MustCompile(`^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$`)
	coreInf   = regexp.MustCompile(`^[-+]?\.(?:inf|Inf|INF)$`)
	coreNaN   = regexp.MustCompile(`^\.(?:nan|NaN|NAN)$`)
)

// coreTag returns the tag a plain scalar without a tag resolves to.
func coreTag(s string) string {
	if s != "" && !strings.ContainsRune("-+.0123456789~nNtTfF", rune(s[0])) {
		return "!!str" // the common case, decided by the first byte
	}
	switch {
	case coreNull.MatchString(s):
		return "!!null"
	case coreTrue.MatchString(s) || coreFalse.MatchString(s):
		return "!!bool"
	case coreDec.MatchString(s) || coreOct.MatchString(s) || coreHex.MatchString(s):
		return "!!int"
	case coreFloat.MatchString(s) || coreInf.MatchString(s) || coreNaN.MatchString(s):
		return "!!float"
	}
	return "!!str"
}

// coreValue decodes s as a value of the core tag: nil, a bool, or a
// json.Number holding the exact integer or the float. A value that does not
// have the tag's form, or that no field of a registry could hold (an
// infinite float, not a number), is an error that says what to write.
func coreValue(tag, s string) (any, error) {
	if tag == "!!int" || tag == "!!float" {
		if n := numDigits(s); n > maxDigits && coreTag(s) != "!!str" {
			return nil, fmt.Errorf("number too long: %d digits (at most %d): no field takes it; quote it if it is meant as text", n, maxDigits)
		}
	}
	switch tag {
	case "!!null":
		if coreNull.MatchString(s) {
			return nil, nil
		}
		return nil, fmt.Errorf("YAML tag !!null: %s is not null in YAML 1.2: write null or ~, or leave the value empty", quote(s))
	case "!!bool":
		switch {
		case coreTrue.MatchString(s):
			return true, nil
		case coreFalse.MatchString(s):
			return false, nil
		}
		return nil, fmt.Errorf("YAML tag !!bool: %s is not a boolean in YAML 1.2 (yes, no, on and off were YAML 1.1): write true or false", quote(s))
	case "!!int":
		if n, ok := coreInt(s); ok {
			return json.Number(n.String()), nil
		}
		return nil, fmt.Errorf("YAML tag !!int: %s is not an integer in YAML 1.2: write decimal digits (or 0o for octal, 0x for hex), without '_'", quote(s))
	case "!!float":
		if n, ok := coreInt(s); ok && coreDec.MatchString(s) {
			return json.Number(n.String()), nil
		}
		if coreInf.MatchString(s) || coreNaN.MatchString(s) {
			return nil, fmt.Errorf("%s is a YAML float that is not a finite number: no field takes it; quote it if it is meant as text", quote(s))
		}
		if !coreFloat.MatchString(s) {
			return nil, fmt.Errorf("YAML tag !!float: %s is not a number in YAML 1.2: write digits with an optional '.' and exponent", quote(s))
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) || f == 0 && nonZero(s) {
			return nil, fmt.Errorf("%s is beyond the range of a 64-bit float: no field takes it; quote it if it is meant as text", quote(s))
		}
		if json.Valid([]byte(s)) {
			// Exact, not rounded through float64: the schema's bounds on
			// prices are checked on the number as written.
			return json.Number(s), nil
		}
		return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
	}
	return nil, fmt.Errorf("YAML tag %s is not supported: write a plain value", tagName(tag))
}

// maxDigits is the most digits a number may have. The largest a registry
// holds has 13 (a rate of 1000000.000000); exact arithmetic on a number
// (big.Int, big.Rat, and the schema's bounds) takes time quadratic in its
// length, so a longer one is refused before any.
const maxDigits = 64

// numDigits returns how many digits s, a number of the core schema, has:
// those after 0x or 0o, or every decimal digit (an exponent's too).
func numDigits(s string) int {
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o') {
		return len(s) - 2
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			n++
		}
	}
	return n
}

// nonZero reports whether the decimal s has a digit other than 0 before
// its exponent: a float that parses to 0 then underflowed.
func nonZero(s string) bool {
	mantissa, _, _ := strings.Cut(strings.ToLower(s), "e")
	return strings.ContainsAny(mantissa, "123456789")
}

// coreInt returns the integer s spells in the core schema: decimal with an
// optional sign, 0o octal or 0x hex. It is exact at any size.
func coreInt(s string) (*big.Int, bool) {
	base, digits := 10, s
	switch {
	case coreOct.MatchString(s):
		base, digits = 8, s[2:]
	case coreHex.MatchString(s):
		base, digits = 16, s[2:]
	case !coreDec.MatchString(s):
		return nil, false
	}
	return new(big.Int).SetString(strings.TrimPrefix(digits, "+"), base)
}

// runeStride is how many characters apart runeIndex keeps checkpoints.
const runeStride = 256

// runeIndex maps a position as yaml.v3 gives it (a line, and a column in
// characters) back to a byte offset, walking at most runeStride characters
// per lookup however long the line: lookups stay linear in the input even
// on one 16 MiB line.
type runeIndex struct {
	data       []byte
	lineStart  []int // the character number where each line starts
	checkpoint []int // the byte offset of character k*runeStride
}

func newRuneIndex(data []byte) *runeIndex {
	x := &runeIndex{data: data, lineStart: []int{0}}
	off := 0
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		off = 3 // a byte order mark takes no column
	}
	for r := 0; off < len(data); r++ {
		if r%runeStride == 0 {
			x.checkpoint = append(x.checkpoint, off)
		}
		if data[off] == '\n' {
			x.lineStart = append(x.lineStart, r+1)
		}
		_, n := utf8.DecodeRune(data[off:])
		off += n
	}
	return x
}

// offset returns the byte offset of p, or len(data) for a position past
// the end.
func (x *runeIndex) offset(p Pos) int {
	if p.Line < 1 || int(p.Line) > len(x.lineStart) || p.Col < 1 {
		return len(x.data)
	}
	r := x.lineStart[p.Line-1] + int(p.Col) - 1
	k := r / runeStride
	if k >= len(x.checkpoint) {
		return len(x.data)
	}
	off := x.checkpoint[k]
	for i := 0; i < r%runeStride && off < len(x.data); i++ {
		_, n := utf8.DecodeRune(x.data[off:])
		off += n
	}
	return off
}
