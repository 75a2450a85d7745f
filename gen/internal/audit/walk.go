package audit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/output"
)

// kind is how a corpus file is read, from its extension.
type kind uint8

const (
	kindUnknown kind = iota
	kindJSONL        // one JSON object per line
	kindCSV          // a header row, then one workspace per row
	kindTSV
	kindYAML // a tree, possibly several documents
	kindJSON // a tree
)

var kinds = map[string]kind{
	".jsonl": kindJSONL, ".ndjson": kindJSONL,
	".csv": kindCSV, ".tsv": kindTSV,
	".yaml": kindYAML, ".yml": kindYAML,
	".json": kindJSON,
}

// Extensions lists the file kinds audit reads, for messages.
const Extensions = ".jsonl, .ndjson, .csv, .tsv, .yaml, .yml, .json"

func kindOf(path string) kind { return kinds[strings.ToLower(filepath.Ext(path))] }

// corpusFile is one file to read.
type corpusFile struct {
	path string
	kind kind
	bad  string // why a file found in a walk cannot be read: a Problem
}

// expand lists the files under paths, in order: a file as given (it must
// be of a known kind), a directory (or a symbolic link to one) walked in
// lexical order, reading the files of known kinds and skipping hidden
// files and directories (.git). A file reached again, by another path, a
// hard link or a symbolic link, is listed once, under the first. Every
// path that does not exist or is not of a known kind is reported, all at
// once, before anything is read; a name of a known kind in a walk that is
// no regular file is listed with why, to be reported as a problem.
func expand(paths []string) ([]corpusFile, error) {
	var files []corpusFile
	var errs []error
	bySize := map[int64][]fs.FileInfo{} // the entries listed, by size: os.SameFile within
	seen := func(fi fs.FileInfo) bool {
		same := bySize[fi.Size()]
		if slices.ContainsFunc(same, func(o fs.FileInfo) bool { return os.SameFile(o, fi) }) {
			return true
		}
		bySize[fi.Size()] = append(same, fi)
		return false
	}
	add := func(path string, k kind, fi fs.FileInfo) {
		if !seen(fi) {
			files = append(files, corpusFile{path: path, kind: k})
		}
	}
	// bad lists an entry of a walk that is no regular file once, by the
	// identity of the entry itself (a link, not what it points to).
	bad := func(path, why string) {
		if fi, err := os.Lstat(path); err == nil && seen(fi) {
			return
		}
		files = append(files, corpusFile{path: path, bad: why})
	}
	for _, p := range paths {
		fi, err := os.Stat(p)
		var pe *fs.PathError
		switch {
		case errors.As(err, &pe):
			errs = append(errs, fmt.Errorf("%s: %w", inert.Terminal(p), pe.Err))
		case err != nil:
			errs = append(errs, err)
		case fi.IsDir():
			if err := walkDir(p, add, bad); err != nil {
				errs = append(errs, err)
			}
		case kindOf(p) == kindUnknown:
			errs = append(errs, fmt.Errorf("%s: not a corpus file: want one of %s, or a directory", inert.Terminal(p), Extensions))
		case !fi.Mode().IsRegular():
			errs = append(errs, fmt.Errorf("%s: not a regular file", inert.Terminal(p)))
		default:
			add(p, kindOf(p), fi)
		}
	}
	return files, errors.Join(errs...)
}

// walkDir walks the directory root, following root itself when it is a
// symbolic link (filepath.WalkDir would not): os.DirFS opens root by name.
// A symbolic link inside is read when it is to a regular file; one to a
// directory is not followed (it could loop).
func walkDir(root string, add func(string, kind, fs.FileInfo), bad func(string, string)) error {
	return fs.WalkDir(os.DirFS(root), ".", func(name string, d fs.DirEntry, err error) error {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				return fmt.Errorf("%s: %w", inert.Terminal(path), pe.Err)
			}
			return err
		}
		hidden := name != "." && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case d.IsDir() || hidden || kindOf(path) == kindUnknown:
			return nil
		}
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, syscall.ELOOP):
			bad(path, "a symbolic link loop")
		case err != nil && d.Type()&fs.ModeSymlink != 0:
			bad(path, "a broken symbolic link: "+errText(err))
		case err != nil:
			bad(path, errText(err))
		case fi.IsDir():
			bad(path, "not a regular file: a directory (a symbolic link to one is not followed)")
		case !fi.Mode().IsRegular():
			bad(path, "not a regular file: "+output.FileKind(fi.Mode()))
		default:
			add(path, kindOf(path), fi)
		}
		return nil
	})
}

// errText is an error of the file system without the path it names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
