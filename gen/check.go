package main

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

// checkOutput compares o with its file and writes nothing.
func checkOutput(g genFlags, o output, stdout, stderr io.Writer) error {
	old, err := os.ReadFile(o.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		stdout.Write(shortDiff(o.path, nil, o.data, o.packed))
		fmt.Fprintf(stderr, "gen: %s is missing\n", o.path)
		return errChanged
	case err != nil:
		return err
	case bytes.Equal(old, o.data):
		fmt.Fprintf(stdout, "%s: up to date (%s)\n", o.path, o.summary)
		return nil
	}
	stdout.Write(shortDiff(o.path, old, o.data, o.packed))
	fmt.Fprintf(stderr, "gen: %s is stale: it does not match %s\n", o.path, g.in)
	return errChanged
}

// maxDiffLines bounds the diff printed by -check.
const maxDiffLines = 200

// shortDiff is a unified diff of old and new of at most maxDiffLines
// lines. With packed, very long lines (the Go file's packed tables) are
// shortened to a prefix and a digest; artifacts keep whole lines, since a
// reviewer needs all of a test vector or a table row.
func shortDiff(name string, old, new []byte, packed bool) []byte {
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
