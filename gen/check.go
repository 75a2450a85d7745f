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

// check compares src with the file at g.out and writes nothing.
func check(g genFlags, src []byte, summary string, stdout, stderr io.Writer) error {
	old, err := os.ReadFile(g.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "gen: %s is missing; generate it with:\n\t%s\n", g.out, g.fixCommand())
		return errChanged
	case err != nil:
		return err
	case bytes.Equal(old, src):
		fmt.Fprintf(stdout, "%s: up to date (%s)\n", g.out, summary)
		return nil
	}
	stdout.Write(shortDiff(g.out, old, src))
	fmt.Fprintf(stderr, "gen: %s is stale: it does not match %s; regenerate it with:\n\t%s\n", g.out, g.in, g.fixCommand())
	return errChanged
}

// maxDiffLines bounds the diff printed by -check.
const maxDiffLines = 200

// shortDiff is a unified diff of old and new with very long lines (the
// packed tables) shortened to a prefix and a digest, and at most
// maxDiffLines lines.
func shortDiff(name string, old, new []byte) []byte {
	d := diff.Diff(name+" (on disk)", shorten(old), name+" (generated)", shorten(new))
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
