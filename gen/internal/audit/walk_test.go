package audit

import (
	"os"
	"slices"
	"testing"
)

// TestSymlinkedRoot: a PATH that is a symbolic link to a directory is
// walked, under its own name; inside a walk, a corpus file name that is
// no regular file (a broken link, a link to a directory) is a problem,
// counted as a file left out, not skipped silently.
func TestSymlinkedRoot(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"tree/a.jsonl": `{"runtime":"codex","model":"gpt5"}` + "\n", "tree/sub/b.yaml": "runtime: codex\nmodel: gpt5\n"})
	for _, l := range [][2]string{{"tree", "linkdir"}, {"missing.jsonl", "tree/broken.jsonl"}, {"sub", "tree/dir.json"}} {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Skip(err)
		}
	}
	rep, err := Run(testRegistry(t), []string{"linkdir"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Summary; s.Files != 4 || s.Skipped != 2 || s.Occurrences != 2 {
		t.Errorf("%d files, %d skipped, %d occurrences; want 4, 2, 2", s.Files, s.Skipped, s.Occurrences)
	}
	want := []Problem{
		{Pos: Pos{File: "linkdir/broken.jsonl"}, Message: "a broken symbolic link: no such file or directory"},
		{Pos: Pos{File: "linkdir/dir.json"}, Message: "not a regular file: a directory (a symbolic link to one is not followed)"},
	}
	if !slices.Equal(rep.Problems, want) {
		t.Errorf("problems %v, want %v", rep.Problems, want)
	}
}
