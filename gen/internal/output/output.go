// Package output writes generated files, or compares them with what is on
// disk (-check): regular files only (never the input, another output, a
// device or a FIFO), replaced all together and atomically, only when the
// bytes change, and a bounded unified diff when they are stale.
package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/molecule-ai/providers/gen/internal/inert"
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
	name := inert.Terminal(f.Path)
	old, err := readBounded(f.Path, maxCompare+1)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		stdout.Write(Diff(name, nil, f.Data, f.Packed))
		fmt.Fprintf(stderr, "gen: %s is missing\n", name)
		return true, nil
	case err != nil:
		return false, err
	case bytes.Equal(old, f.Data):
		fmt.Fprintf(stdout, "%s: up to date (%s)\n", name, f.Summary)
		return false, nil
	case len(old) > maxCompare:
		fmt.Fprintf(stderr, "gen: %s is stale: it does not match %s (it is over %d MiB: no diff)\n", name, inert.Terminal(in), maxCompare>>20)
		return true, nil
	}
	stdout.Write(Diff(name, old, f.Data, f.Packed))
	fmt.Fprintf(stderr, "gen: %s is stale: it does not match %s\n", name, inert.Terminal(in))
	return true, nil
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
