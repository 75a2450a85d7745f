package audit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/output"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// Options are the choices of one audit.
type Options struct {
	Enforce resolver.Enforcement // the level the verdict is for
	Keys    Keys                 // the field names; DefaultKeys when zero
	Fix     bool                 // rewrite fixable spellings in place
	// FixRetired, with Fix, also rewrites a retired model to its
	// replacement: another model, so only when asked.
	FixRetired bool
}

// writeFile replaces a corpus file atomically, keeping its permissions
// and, for a symbolic link, writing through to its target; tests make it
// fail.
var writeFile = func(path string, data []byte) error {
	return output.Write([]output.File{{Path: path, Data: data}}, io.Discard)
}

// fileResult is one corpus file as read.
type fileResult struct {
	path string
	occ  []occurrence
	read bool // false: unreadable, left out
}

// auditor is one run over a corpus.
type auditor struct {
	reg   *spec.Registry
	opts  Options
	rd    *reader
	cls   *classifier
	pairs []*Pair // by pair index, classified on first use
	files []fileResult
	fixes []Fix
	probs []Problem
}

// Run audits the corpus files under paths against reg, and with o.Fix
// rewrites their fixable spellings first. A path that does not exist or
// is not a corpus file is an error, reported before anything is read; a
// file that cannot be read is a Problem of the report.
func Run(reg *spec.Registry, paths []string, o Options) (*Report, error) {
	if o.Keys == (Keys{}) {
		o.Keys = DefaultKeys
	}
	if o.Keys.Runtime == o.Keys.Model {
		return nil, fmt.Errorf("the runtime and model keys are both %q", o.Keys.Runtime)
	}
	if o.FixRetired && !o.Fix {
		return nil, errors.New("-fix-retired rewrites files only with -fix")
	}
	files, err := expand(paths)
	if err != nil {
		return nil, err
	}
	a := &auditor{
		reg: reg, opts: o, cls: newClassifier(reg, o),
		rd: &reader{runtimeKey: o.Keys.Runtime, modelKey: o.Keys.Model, pairs: newPairTable()},
	}
	for _, f := range files {
		a.files = append(a.files, a.readFile(f))
	}
	return a.report(), nil
}

// readFile reads one file, and fixes it when asked.
func (a *auditor) readFile(f corpusFile) fileResult {
	res := fileResult{path: f.path}
	var occ []occurrence
	var data []byte
	var err error
	if a.opts.Fix {
		if data, err = os.ReadFile(f.path); err == nil {
			occ, err = a.rd.read(f.kind, bytes.NewReader(data))
		}
	} else {
		var file *os.File
		if file, err = os.Open(f.path); err == nil {
			occ, err = a.rd.read(f.kind, file)
			file.Close()
		}
	}
	if err != nil {
		p := Problem{Pos: Pos{File: f.path}, Message: err.Error()}
		var pe *problemError
		var ioe *fs.PathError
		if errors.As(err, &pe) {
			p = Problem{Pos: Pos{f.path, pe.line, pe.col}, Message: pe.msg}
		} else if errors.As(err, &ioe) {
			p.Message = ioe.Err.Error()
		}
		a.probs = append(a.probs, p)
		return res
	}
	res.occ, res.read = occ, true
	if a.opts.Fix {
		res.occ = a.fixFile(f, data, occ)
	}
	return res
}

// pair returns the classified pair of index i.
func (a *auditor) pair(i int32) *Pair {
	for int(i) >= len(a.pairs) {
		a.pairs = append(a.pairs, nil)
	}
	if a.pairs[i] == nil {
		a.pairs[i] = a.cls.classify(a.rd.pairs.keys[i])
	}
	return a.pairs[i]
}

// fixFile rewrites the fixable spellings of one file and returns its
// occurrences as they are after: read back from the new bytes, which are
// written only when they hold the same records with only those models
// changed. Otherwise the file is left as it was, and a Problem says so.
func (a *auditor) fixFile(f corpusFile, data []byte, occ []occurrence) []occurrence {
	var edits []edit
	var fixes []Fix
	var at []int               // the index in occ of each fix
	want := map[int][]string{} // the models an occurrence may read back as, when it may change
	lines := newLineIndex(data)
	shared, aliasAt := a.rd.shared, map[int]int{} // YAML: the values aliases share; the alias occurrences by offset
	for i, o := range occ {
		if o.style == styleAlias && shared != nil {
			aliasAt[o.off] = i
		}
	}
	for i, o := range occ {
		if o.off < 0 { // a CSV field, by its line and column
			o.off = lines.lineStart(int(o.line)) + int(o.col) - 1
		}
		p := a.pair(o.pair)
		if p.Fix == nil {
			continue
		}
		fx := Fix{Pos: Pos{f.path, int(o.line), int(o.col)}, Old: strings.TrimSpace(p.Model), New: p.Fix.To, Why: p.Fix.Why}
		e, note := token(data, o, p.Model, p.Fix.To)
		if sh, ok := shared[o.off]; ok && note == "" {
			note = a.sharedNote(f.path, lines, sh, occ, aliasAt, p.Fix.To)
		}
		if note == "" && len(edits) > 0 && e.start < edits[len(edits)-1].end {
			note = "overlaps another rewrite"
		}
		switch {
		case note == "":
			edits = append(edits, e)
			want[i] = []string{newValue(p.Model, p.Fix.To)}
		case o.style == styleAlias:
			// Its anchor may be another occurrence's value, rewritten.
			want[i] = []string{p.Model, newValue(p.Model, p.Fix.To)}
		}
		fx.Note = note
		fixes, at = append(fixes, fx), append(at, i)
	}
	if len(edits) == 0 {
		a.fixes = append(a.fixes, fixes...)
		return occ
	}
	out := apply(data, edits)
	after, err := a.rd.read(f.kind, bytes.NewReader(out))
	if err == nil && !a.sameRecords(occ, after, want) {
		err = errors.New("the rewritten file does not read back as the same records")
	}
	verified := err == nil
	if verified {
		err = writeFile(f.path, out)
	}
	if err != nil {
		a.probs = append(a.probs, Problem{Pos: Pos{File: f.path}, Message: "-fix left the file unchanged: " + err.Error(), Write: verified})
		for _, fx := range fixes {
			fx.Note = cmp.Or(fx.Note, "file left unchanged")
			a.fixes = append(a.fixes, fx)
		}
		return occ
	}
	for j, fx := range fixes {
		o := after[at[j]]
		fx.Pos.Line, fx.Pos.Col = int(o.line), int(o.col)
		if o.pair != occ[at[j]].pair {
			fx.Applied = true
			if fx.Note != "" {
				fx.Note = "rewritten where its anchor is"
			}
			fx.Billing = a.pair(occ[at[j]].pair).Fix.Billing
		}
		a.fixes = append(a.fixes, fx)
	}
	return after
}

// sameRecords reports whether after holds the records of before, in order,
// with the same runtimes, and the same models but where want allows others.
func (a *auditor) sameRecords(before, after []occurrence, want map[int][]string) bool {
	if len(before) != len(after) {
		return false
	}
	keys := a.rd.pairs.keys
	for i := range before {
		b, x := keys[before[i].pair], keys[after[i].pair]
		models, ok := want[i]
		if !ok {
			models = []string{b.model}
		}
		if b.runtime != x.runtime || !slices.Contains(models, x.model) {
			return false
		}
	}
	return true
}

// sharedNote returns why -fix leaves alone a YAML value that aliases share,
// or "" when every alias is the model of an occurrence that -fix rewrites
// to the same id: rewriting the anchor rewrites them all, as asked. Any
// other alias (another field, a mapping that is not a workspace, a model
// left as it is) would change silently.
func (a *auditor) sharedNote(path string, lines *lineIndex, sh sharedValue, occ []occurrence, aliasAt map[int]int, to string) string {
	at := func(off int) string {
		l, c := lines.pos(off)
		return inert.Terminal(Pos{path, l, c}.String())
	}
	if sh.inside {
		return fmt.Sprintf("inside the YAML anchor &%s, also aliased at %s: rewriting it would change that too; rewrite by hand", sh.anchor, at(sh.aliases[0]))
	}
	for _, off := range sh.aliases {
		i, ok := aliasAt[off]
		if ok {
			if fx := a.pair(occ[i].pair).Fix; fx != nil && fx.To == to {
				continue
			}
		}
		return fmt.Sprintf("its YAML anchor &%s is also aliased at %s, not as a model -fix rewrites the same way: rewriting it would change that too; rewrite by hand", sh.anchor, at(off))
	}
	return ""
}
