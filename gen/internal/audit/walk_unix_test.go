//go:build unix

package audit

import (
	"os"
	"slices"
	"syscall"
	"testing"
)

// TestFIFOInWalk: a named pipe named like a corpus file is reported, and
// never opened (which would block).
func TestFIFOInWalk(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"d/a.jsonl": `{"runtime":"codex","model":"gpt5"}` + "\n"})
	if err := syscall.Mkfifo("d/pipe.jsonl", 0o600); err != nil {
		t.Skip(err)
	}
	rep, err := Run(testRegistry(t), []string{"d"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{Pos: Pos{File: "d/pipe.jsonl"}, Message: "not a regular file: a named pipe (FIFO)"}}
	if !slices.Equal(rep.Problems, want) || rep.Summary.Files != 2 || rep.Summary.Skipped != 1 {
		t.Errorf("problems %v, %d files, %d skipped; want %v, 2, 1", rep.Problems, rep.Summary.Files, rep.Summary.Skipped, want)
	}
}

// TestBadEntryOnce: a bad entry reached by two paths (its directory and a
// symbolic link to it) is reported once; a link loop is called one.
func TestBadEntryOnce(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"d/a.jsonl": `{"runtime":"codex","model":"gpt5"}` + "\n"})
	if err := syscall.Mkfifo("d/pipe.jsonl", 0o600); err != nil {
		t.Skip(err)
	}
	for _, l := range [][2]string{{"d", "link"}, {"missing.jsonl", "d/broken.jsonl"}, {"loop.jsonl", "d/loop.jsonl"}} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Skip(err)
		}
	}
	rep, err := Run(testRegistry(t), []string{"d", "link"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Pos: Pos{File: "d/broken.jsonl"}, Message: "a broken symbolic link: no such file or directory"},
		{Pos: Pos{File: "d/loop.jsonl"}, Message: "a symbolic link loop"},
		{Pos: Pos{File: "d/pipe.jsonl"}, Message: "not a regular file: a named pipe (FIFO)"},
	}
	if !slices.Equal(rep.Problems, want) || rep.Summary.Files != 4 || rep.Summary.Skipped != 3 {
		t.Errorf("problems %v, %d files, %d skipped; want %v, 4, 3", rep.Problems, rep.Summary.Files, rep.Summary.Skipped, want)
	}
}
