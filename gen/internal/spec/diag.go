package spec

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/secrets"
)

// Pos is a 1-based line and column in the input file.
type Pos struct{ Line, Col int32 }

// posAt returns the position of line and col. An input has at most
// MaxInput bytes, so both fit in 32 bits: a registry holds millions of
// positions.
func posAt(line, col int) Pos { return Pos{int32(line), int32(col)} }

// Diag is one problem found in a providers.yaml.
type Diag struct {
	Pos     Pos
	Path    string // where in the document, such as models[3].served_by[0].provider
	Msg     string
	Warning bool
}

// maxDiags is how many problems are listed before "and N more".
const maxDiags = 50

// InputError is every problem found in one input file. Compile returns it
// for bad input; the command prints it and exits 2.
type InputError struct {
	File  string
	Diags []Diag // sorted by position
}

func (e *InputError) Error() string {
	var b strings.Builder
	for i, d := range e.Diags {
		if i == maxDiags {
			fmt.Fprintf(&b, "%s: and %d more\n", inert.Terminal(e.File), len(e.Diags)-maxDiags)
			break
		}
		b.WriteString(e.Line(d))
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// Line formats one problem as FILE:LINE:COL: [warning: ]PATH: MSG.
func (e *InputError) Line(d Diag) string {
	s := fmt.Sprintf("%s:%d:%d: ", inert.Terminal(e.File), d.Pos.Line, d.Pos.Col)
	if d.Warning {
		s += "warning: "
	}
	if d.Path != "" {
		// A path repeats mapping keys from the input: redact them like
		// quoted strings, so that a key pasted as a field name is not
		// printed either.
		s += secrets.RedactAll(d.Path) + ": "
	}
	return s + d.Msg
}

// diags collects problems while the input is checked.
type diags struct {
	list []Diag
	done bool // list is sorted; adding a problem clears it
}

func (ds *diags) add(p Pos, path, format string, args ...any) {
	ds.list = append(ds.list, Diag{Pos: p, Path: path, Msg: fmt.Sprintf(format, args...)})
	ds.done = false
}

// addMsg adds a problem whose message is already worded.
func (ds *diags) addMsg(p Pos, path, msg string) {
	ds.list = append(ds.list, Diag{Pos: p, Path: path, Msg: msg})
	ds.done = false
}

func (ds *diags) warn(p Pos, path, format string, args ...any) {
	ds.list = append(ds.list, Diag{Pos: p, Path: path, Msg: fmt.Sprintf(format, args...), Warning: true})
	ds.done = false
}

// sorted returns the problems by position, without exact repeats. It
// sorts the list in place, once: a file can have a million problems.
func (ds *diags) sorted() []Diag {
	if !ds.done {
		slices.SortStableFunc(ds.list, func(a, b Diag) int {
			return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
		})
		ds.list = slices.Compact(ds.list)
		ds.done = true
	}
	return ds.list
}

func (ds *diags) errors() []Diag {
	return slices.DeleteFunc(slices.Clone(ds.sorted()), func(d Diag) bool { return d.Warning })
}

func (ds *diags) warnings() []Diag {
	return slices.DeleteFunc(slices.Clone(ds.sorted()), func(d Diag) bool { return !d.Warning })
}

// maxQuoted is the most characters of an input string a message repeats.
const maxQuoted = 80

// clipWindow is how many bytes of a long string clip reads: enough to
// redact a key that starts among the characters shown, and no more, so
// that a message about a 1 MB value (repeated by an alias, perhaps) costs
// what one about a short value does.
const clipWindow = 1024

// quote returns s as a Go-quoted string for a message: control characters
// and newlines escaped, so a message stays on one line; credential-shaped
// parts redacted, so an error never repeats a pasted key; and a long
// string shortened to its start and its length: "abc…" (1048576 bytes).
func quote(s string) string {
	q, cut := quoteHead(s)
	if cut {
		q += " (" + strconv.Itoa(len(s)) + " bytes)"
	}
	return q
}

// quoteHead is quote without the length, for a message that states it.
func quoteHead(s string) (q string, cut bool) {
	head, cut := clip(s)
	if cut {
		head += "…"
	}
	return strconv.Quote(head), cut
}

// unquoted is quote without the quotes, for a value a message shows bare
// (a date, an env var name, a tag): abc… (1048576 bytes).
func unquoted(s string) string {
	head, cut := clip(s)
	q := strconv.Quote(head)
	q = q[1 : len(q)-1]
	if !cut {
		return q
	}
	return q + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// clip returns s redacted (secrets.RedactAll) and, when it is longer than
// maxQuoted characters, its first maxQuoted-10 only, with cut set.
func clip(s string) (head string, cut bool) {
	window := s
	if len(s) > clipWindow {
		end := clipWindow
		for end > 0 && !utf8.RuneStart(s[end]) {
			end--
		}
		window, cut = s[:end], true
	}
	head = secrets.RedactAll(window)
	if !cut && utf8.RuneCountInString(head) <= maxQuoted {
		return head, false
	}
	n := 0
	for i := range head {
		if n == maxQuoted-10 {
			return head[:i], true
		}
		n++
	}
	return head, true
}
