// Package output writes generated files, or compares them with what is on
// disk (-check): atomic replacement, only when the bytes change, and a
// bounded unified diff when they are stale.
package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/diff"
)

// File is one file that gen writes or, with -check, compares.
type File struct {
	Path    string
	Data    []byte
	Summary string // what it holds, for the status line
	Packed  bool   // the Go tables: shorten their long lines in diffs
}

// Check compares every file with what is on disk and writes nothing. It
// reports each stale or missing file with a diff, not just the first, and
// whether any was; in names the input they are generated from.
func Check(files []File, in string, stdout, stderr io.Writer) (stale bool, err error) {
	for _, f := range files {
		s, err := check(f, in, stdout, stderr)
		if err != nil {
			return false, err
		}
		stale = stale || s
	}
	return stale, nil
}

func check(f File, in string, stdout, stderr io.Writer) (stale bool, err error) {
	old, err := os.ReadFile(f.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		stdout.Write(Diff(f.Path, nil, f.Data, f.Packed))
		fmt.Fprintf(stderr, "gen: %s is missing\n", f.Path)
		return true, nil
	case err != nil:
		return false, err
	case bytes.Equal(old, f.Data):
		fmt.Fprintf(stdout, "%s: up to date (%s)\n", f.Path, f.Summary)
		return false, nil
	}
	stdout.Write(Diff(f.Path, old, f.Data, f.Packed))
	fmt.Fprintf(stderr, "gen: %s is stale: it does not match %s\n", f.Path, in)
	return true, nil
}

// Write writes each file that changed, atomically, and says which (by
// DisplayPath: under go generate, relative to the module root).
func Write(files []File, stdout io.Writer) error {
	for _, f := range files {
		changed, err := writeIfChanged(f.Path, f.Data)
		if err != nil {
			return err
		}
		state := "unchanged"
		if changed {
			state = "written"
		}
		fmt.Fprintf(stdout, "%s: %s (%s)\n", DisplayPath(f.Path), state, f.Summary)
	}
	return nil
}

// maxDiffLines bounds the diff printed by -check.
const maxDiffLines = 200

// Diff is a unified diff of old and new of at most maxDiffLines
// lines. With packed, very long lines (the Go file's packed tables) are
// shortened to a prefix and a digest; artifacts keep whole lines, since a
// reviewer needs all of a test vector or a table row.
func Diff(name string, old, new []byte, packed bool) []byte {
	if packed {
		old, new = shorten(old), shorten(new)
	}
	d := diff.Diff(name+" (on disk)", old, name+" (generated)", new)
	lines := strings.SplitAfter(string(d), "\n")
	if len(lines) > maxDiffLines {
		lines = append(lines[:maxDiffLines], fmt.Sprintf("... and %d more lines of diff\n", len(lines)-maxDiffLines))
	}
	return []byte(strings.Join(lines, ""))
}

func shorten(b []byte) []byte {
	const max = 160
	lines := bytes.SplitAfter(b, []byte("\n"))
	for i, l := range lines {
		if len(l) > max {
			sum := sha256.Sum256(l)
			lines[i] = fmt.Appendf(nil, "%s… [%d bytes, sha256 %x]\n", l[:max-40], len(l), sum[:6])
		}
	}
	return bytes.Join(lines, nil)
}

// writeIfChanged writes data to path atomically, unless the file already
// holds exactly data; it reports whether it wrote. The temporary file is
// made in the same directory and renamed over path, so a reader (or an
// interrupted run) never sees a partial file.
func writeIfChanged(path string, data []byte) (bool, error) {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return false, err
	}
	return true, os.Rename(tmp.Name(), path)
}
