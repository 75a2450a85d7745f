package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/molecule-ai/providers/gen/internal/inert"
)

// Target is an output path as given on the command line, with the flag
// that named it.
type Target struct {
	Flag string // such as "-out"
	Path string
}

// UsageError is an output path that gen refuses before reading or writing
// anything: the input itself, another output, or not a regular file. The
// command exits 2 for it, like any other usage error.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// resolved is where a path really is: its target when it is a symlink.
type resolved struct {
	abs  string      // the absolute path of the file that would be written
	info fs.FileInfo // its FileInfo, or nil when it does not exist yet
}

// Validate checks, before anything is read or written, that each output is
// a regular file or does not exist yet (a symlink counts as its target,
// which must exist), and that no two of in and the outputs are the same
// file (os.SameFile, or the same resolved path for a file not yet there).
func Validate(in string, outs []Target) error {
	seen := make([]resolved, 0, len(outs)+1)
	named := make([]Target, 0, len(outs)+1)
	if info, err := os.Stat(in); err == nil {
		abs, _ := filepath.Abs(in)
		if real, err := filepath.EvalSymlinks(in); err == nil {
			abs, _ = filepath.Abs(real)
		}
		seen = append(seen, resolved{abs, info})
		named = append(named, Target{"-in", in})
	}
	for _, o := range outs {
		r, err := resolve(o)
		if err != nil {
			return err
		}
		for i, s := range seen {
			if same(r, s) {
				return &UsageError{fmt.Sprintf("%s %s is the same file as %s %s: every output must be a file of its own, and never the input", o.Flag, inert.Terminal(o.Path), named[i].Flag, inert.Terminal(named[i].Path))}
			}
		}
		seen = append(seen, r)
		named = append(named, o)
	}
	return nil
}

// resolve finds where o would be written and refuses what is not a
// regular file.
func resolve(o Target) (resolved, error) {
	path := o.Path
	link, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		dir, err := filepath.EvalSymlinks(filepath.Dir(path))
		if err != nil {
			return resolved{}, &UsageError{fmt.Sprintf("%s %s: directory %s does not exist", o.Flag, inert.Terminal(path), inert.Terminal(filepath.Dir(path)))}
		}
		abs, err := filepath.Abs(filepath.Join(dir, filepath.Base(path)))
		return resolved{abs, nil}, err
	case err != nil:
		return resolved{}, err
	case link.Mode()&fs.ModeSymlink != 0:
		// Written through to the target (see Write), which must exist.
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return resolved{}, &UsageError{fmt.Sprintf("%s %s is a symlink to a file that does not exist: gen writes through a symlink to its target, so create the target or remove the link", o.Flag, inert.Terminal(path))}
		}
		path = real
	}
	info, err := os.Stat(path)
	if err != nil {
		return resolved{}, err
	}
	if !info.Mode().IsRegular() {
		return resolved{}, &UsageError{fmt.Sprintf("%s %s is %s, not a regular file: gen writes and compares regular files only, so it leaves it alone", o.Flag, inert.Terminal(o.Path), FileKind(info.Mode()))}
	}
	abs, err := filepath.Abs(path)
	return resolved{abs, info}, err
}

func same(a, b resolved) bool {
	if a.info != nil && b.info != nil {
		return os.SameFile(a.info, b.info)
	}
	return a.abs == b.abs
}

// FileKind names the type of a file that is not a regular one, for a
// message: "a directory", "a named pipe (FIFO)".
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}
