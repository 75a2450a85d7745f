package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

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

// readForFix reads a file -fix may rewrite, and what it was on disk then;
// tests make another writer change it after.
var readForFix = func(path string) ([]byte, fs.FileInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(f)
	return data, fi, err
}

// errChanged is why -fix leaves alone a file another writer changed
// after it was read: replacing it would lose that write.
var errChanged = errors.New("it changed on disk after it was read; run gen audit again")

// unchanged returns errChanged unless the file at path is still data, as
// read when it was fi. Another write between this check and the rename
// that replaces the file is still lost: only a lock the writers share
// could prevent that.
func unchanged(path string, data []byte, fi fs.FileInfo) error {
	now, err := os.Stat(path)
	if err != nil {
		return err
	}
	if now.Size() != fi.Size() || !now.ModTime().Equal(fi.ModTime()) {
		return errChanged
	}
	again, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(again, data) {
		return errChanged
	}
	return nil
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
	if f.bad != "" {
		a.probs = append(a.probs, Problem{Pos: Pos{File: f.path}, Message: f.bad})
		return res
	}
	var occ []occurrence
	var data []byte
	var fi fs.FileInfo
	var err error
	if a.opts.Fix {
		if data, fi, err = readForFix(f.path); err == nil {
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
		res.occ = a.fixFile(f, data, fi, occ)
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
