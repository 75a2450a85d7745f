package audit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/inert"
)

// Fields of a record that -fix rewrites, as Fix.Field names them.
const (
	FieldModel   = "model"
	FieldRuntime = "runtime"
)

// allowed is what one record may read back as after -fix: the runtimes
// and models it may hold; nil is as before.
type allowed struct{ runtimes, models []string }

// fixPlan is what -fix does to one file.
type fixPlan struct {
	path    string
	data    []byte
	lines   *lineIndex
	occ     []occurrence
	shared  map[int]sharedValue  // YAML: the values aliases share, by offset
	merged  map[int]*mergedValue // YAML: the values merge keys share, by offset
	aliasAt map[int]*Rewrite     // YAML: the rewrite of the value at each alias, by offset (nil: none)
	edits   []edit
	fixes   []Fix
	want    map[int]allowed // by index in occ, for a record that may change
}

// fixFile rewrites the fixable spellings of one file and returns its
// occurrences as they are after: read back from the new bytes, which are
// written only when they hold the same records with only those values
// changed. Otherwise the file is left as it was, and a Problem says so.
func (a *auditor) fixFile(f corpusFile, data []byte, fi fs.FileInfo, occ []occurrence) []occurrence {
	pl := a.planFixes(f.path, data, occ)
	if len(pl.edits) == 0 {
		a.fixes = append(a.fixes, pl.fixes...)
		return occ
	}
	var err error
	if overlap(pl.edits) {
		err = errors.New("two rewrites overlap")
	}
	var out []byte
	var after []occurrence
	if err == nil {
		out = apply(data, pl.edits)
		after, err = a.rd.read(f.kind, bytes.NewReader(out))
	}
	if err == nil && !a.sameRecords(occ, after, pl.want) {
		err = errors.New("the rewritten file does not read back as the same records")
	}
	verified := err == nil
	if verified {
		err = unchanged(f.path, data, fi)
	}
	if err == nil {
		err = writeFile(f.path, out)
	}
	if err != nil {
		a.probs = append(a.probs, Problem{Pos: Pos{File: f.path}, Message: "-fix left the file unchanged: " + err.Error(), Write: verified})
		for _, fx := range pl.fixes {
			fx.Note, fx.Billing = cmp.Or(fx.Note, "file left unchanged"), ""
			a.fixes = append(a.fixes, fx)
		}
		return occ
	}
	a.fixes = append(a.fixes, a.fixedAt(pl, out, after)...)
	return after
}

// planFixes finds the edits of one file, and the Fix of each value -fix
// rewrites or leaves alone, in file order.
func (a *auditor) planFixes(path string, data []byte, occ []occurrence) *fixPlan {
	pl := &fixPlan{path: path, data: data, lines: newLineIndex(data), occ: occ, shared: a.rd.shared, merged: a.rd.merged, want: map[int]allowed{}}
	if pl.shared != nil {
		pl.aliasAt = map[int]*Rewrite{}
		for _, o := range occ {
			p := a.pair(o.pair)
			if o.style == styleAlias {
				pl.alias(o.off, p.Fix)
			}
			if o.rtStyle == styleAlias {
				pl.alias(o.off+int(o.rtDelta), p.RuntimeFix)
			}
		}
	}
	for i, o := range occ {
		if o.off < 0 { // a CSV field, by its line and column
			o.off = pl.lines.lineStart(int(o.line)) + int(o.col) - 1
		}
		p := a.pair(o.pair)
		if p.RuntimeFix != nil && o.rtStyle != styleNone {
			l, c := pl.lines.pos(o.off + int(o.rtDelta))
			a.planValue(pl, i, o.runtimeValue(o.off), Pos{path, l, c}, FieldRuntime, p.Runtime, p.RuntimeFix)
		}
		if p.Fix != nil {
			a.planValue(pl, i, o, Pos{path, int(o.line), int(o.col)}, FieldModel, p.Model, p.Fix)
		}
	}
	// The records that take a value through a merge key rewrite it once.
	slices.SortFunc(pl.edits, func(x, y edit) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end), cmp.Compare(x.text, y.text))
	})
	pl.edits = slices.Compact(pl.edits)
	slices.SortStableFunc(pl.fixes, func(x, y Fix) int { return cmp.Compare(x.off, y.off) })
	return pl
}

// planValue plans the rewrite rw of one value of record i: v, at pos.
func (a *auditor) planValue(pl *fixPlan, i int, v occurrence, pos Pos, field, value string, rw *Rewrite) {
	fx := Fix{Pos: pos, Field: field, Old: strings.TrimSpace(value), New: rw.To, Why: rw.Why, Billing: rw.Billing, at: i, off: v.off, merged: v.merged}
	e, note := token(pl.data, v, value, rw.To)
	if sh, ok := pl.shared[v.off]; ok && note == "" {
		note = a.sharedNote(pl, sh, rw.To)
	}
	if mv := pl.merged[v.off]; mv != nil && note == "" {
		note = a.mergedNote(pl, mv, rw.To)
	}
	w := pl.want[i]
	may := &w.models
	if field == FieldRuntime {
		may = &w.runtimes
	}
	switch {
	case note == "":
		pl.edits = append(pl.edits, e)
		*may = []string{newValue(value, rw.To)}
	case v.style == styleAlias:
		// Its anchor may be another occurrence's value, rewritten.
		*may = []string{value, newValue(value, rw.To)}
	}
	pl.want[i] = w
	fx.Note = note
	pl.fixes = append(pl.fixes, fx)
}

// overlap reports whether any two edits, in order, overlap.
func overlap(edits []edit) bool {
	for i := 1; i < len(edits); i++ {
		if edits[i].start < edits[i-1].end {
			return true
		}
	}
	return false
}

// fixedAt returns the fixes of a plan written as out, which reads as
// after: each at its position in out, applied when its value changed.
func (a *auditor) fixedAt(pl *fixPlan, out []byte, after []occurrence) []Fix {
	lines := newLineIndex(out)
	keys := a.rd.pairs.keys
	for j := range pl.fixes {
		fx := &pl.fixes[j]
		o := after[fx.at]
		b, x := keys[pl.occ[fx.at].pair], keys[o.pair]
		changed := b.model != x.model
		if fx.Field == FieldRuntime {
			off := o.off
			if off < 0 {
				off = lines.lineStart(int(o.line)) + int(o.col) - 1
			}
			fx.Pos.Line, fx.Pos.Col = lines.pos(off + int(o.rtDelta))
			changed = b.runtime != x.runtime
		} else {
			fx.Pos.Line, fx.Pos.Col = int(o.line), int(o.col)
		}
		fx.Applied = changed
		switch {
		case !changed:
			fx.Billing = ""
		case fx.Note != "" || fx.merged:
			fx.Note = "rewritten where its anchor is"
		}
	}
	return pl.fixes
}

// sameRecords reports whether after holds the records of before, in order,
// with the same runtimes and models but where want allows others.
func (a *auditor) sameRecords(before, after []occurrence, want map[int]allowed) bool {
	if len(before) != len(after) {
		return false
	}
	keys := a.rd.pairs.keys
	for i := range before {
		b, x := keys[before[i].pair], keys[after[i].pair]
		w := want[i]
		if w.runtimes == nil {
			w.runtimes = []string{b.runtime}
		}
		if w.models == nil {
			w.models = []string{b.model}
		}
		if !slices.Contains(w.runtimes, x.runtime) || !slices.Contains(w.models, x.model) {
			return false
		}
	}
	return true
}

// alias records that the alias at off is a value -fix rewrites as rw; nil
// when two records read it and are not rewritten the same way.
func (pl *fixPlan) alias(off int, rw *Rewrite) {
	if old, ok := pl.aliasAt[off]; ok && (old == nil || rw == nil || old.To != rw.To) {
		rw = nil
	}
	pl.aliasAt[off] = rw
}

// sharedNote returns why -fix leaves alone a YAML value that aliases share,
// or "" when every alias is a value of a record that -fix rewrites to the
// same id, and, for an alias inside a template others merge, so is every
// mapping that merges it: rewriting the anchor rewrites them all, as
// asked. Any other alias (another field, a mapping that is not a
// workspace, a value left as it is) would change silently.
func (a *auditor) sharedNote(pl *fixPlan, sh sharedValue, to string) string {
	if sh.inside {
		return fmt.Sprintf("inside the YAML anchor &%s, also aliased at %s: rewriting it would change that too; rewrite by hand", inert.Terminal(sh.anchor), pl.positions(sh.aliases))
	}
	var other []int
	for _, off := range sh.aliases {
		if rw := pl.aliasAt[off]; rw == nil || rw.To != to || pl.shared[off].inside {
			other = append(other, off)
			continue
		}
		if mv := pl.merged[off]; mv != nil {
			if merging, own := a.mergedOther(mv, to); len(merging) > 0 || own {
				other = append(append(other, off), merging...)
			}
		}
	}
	if len(other) == 0 {
		return ""
	}
	return fmt.Sprintf("its YAML anchor &%s is also aliased at %s, not as a value -fix rewrites the same way: rewriting it would change that too; rewrite by hand", inert.Terminal(sh.anchor), pl.positions(other))
}

// mergedNote returns why -fix leaves alone a YAML value that mappings take
// through a merge key, or "" when every record that reads it, its own
// mapping's and each merging one's, is rewritten to the same id. Any other
// use would change silently.
func (a *auditor) mergedNote(pl *fixPlan, mv *mergedValue, to string) string {
	other, own := a.mergedOther(mv, to)
	where := "the YAML anchor &" + inert.Terminal(mv.anchor)
	if mv.anchor == "" {
		where = "a mapping merged with <<"
	}
	switch {
	case len(other) > 0:
		return fmt.Sprintf("inside %s, also aliased at %s: rewriting it would change that too; rewrite by hand", where, pl.positions(other))
	case own:
		return fmt.Sprintf("inside %s, a record -fix does not rewrite the same way: rewriting it would change that too; rewrite by hand", where)
	}
	return ""
}

// mergedOther returns the merges of mv whose mapping is not a record -fix
// rewrites to the same id to, and whether mv's own mapping is a record
// that is not.
func (a *auditor) mergedOther(mv *mergedValue, to string) (other []int, own bool) {
	same := func(pair int32) bool {
		if pair < 0 {
			return false
		}
		rw := a.pair(pair).Fix
		if mv.field == keyRuntime {
			rw = a.pair(pair).RuntimeFix
		}
		return rw != nil && rw.To == to
	}
	for _, u := range mv.uses {
		if !same(u.pair) {
			other = append(other, u.at)
		}
	}
	return other, mv.ownPair >= 0 && !same(mv.ownPair)
}

// maxPositions bounds the positions a note lists.
const maxPositions = 5

// positions lists the positions of offsets, the first maxPositions, then
// how many more.
func (pl *fixPlan) positions(offs []int) string {
	var b strings.Builder
	for i, off := range offs[:min(len(offs), maxPositions)] {
		if i > 0 {
			b.WriteString(", ")
		}
		l, c := pl.lines.pos(off)
		b.WriteString(inert.Terminal(Pos{pl.path, l, c}.String()))
	}
	if n := len(offs) - maxPositions; n > 0 {
		fmt.Fprintf(&b, " and %d more", n)
	}
	return b.String()
}
