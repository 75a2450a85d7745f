package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/cli"
	"github.com/molecule-ai/providers/gen/internal/output"
)

// TestREADMEExplain runs the gen explain example of README.md and wants the
// output shown there, so that the README cannot go stale silently. The
// registry's digest changes with every edit of providers.yaml and is not
// compared.
func TestREADMEExplain(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```\n\\$ go run ./gen (explain [^\n]*)\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no gen explain example")
	}
	var stdout, stderr bytes.Buffer
	code := inDir(t, "..", func() int { return run(strings.Fields(string(m[1])), &stdout, &stderr) })
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	sha := regexp.MustCompile(`sha256 [0-9a-f]{12}`)
	got, want := sha.ReplaceAll(stdout.Bytes(), []byte("sha256 …")), sha.ReplaceAll(m[2], []byte("sha256 …"))
	if !bytes.Equal(got, want) {
		t.Errorf("README.md's gen explain example is stale:\n%s", output.Diff("README.md", want, got, false))
	}
}

// TestREADMEAudit runs the gen audit walk-through of README.md on a fresh
// copy of the sample corpus, in order, and wants the output shown there and
// the exit status the text says: the audit (1), the fix (0), the re-run (0).
func TestREADMEAudit(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const shown = "/tmp/corpus" // where README.md copies the corpus
	// A fresh copy: cp -r into an existing directory would nest the corpus
	// in it, and a fixed one from an earlier try would not show the audit.
	if !bytes.Contains(readme, []byte("$ rm -rf "+shown+" && cp -r gen/testdata/audit/sample "+shown+"\n")) {
		t.Fatal("README.md does not copy the sample corpus afresh to " + shown)
	}
	corpus := filepath.Join(t.TempDir(), "corpus")
	if err := os.CopyFS(corpus, os.DirFS("testdata/audit/sample")); err != nil {
		t.Fatal(err)
	}
	steps := regexp.MustCompile("(?s)```\n\\$ go run ./gen (audit [^\n]*)\n(.*?)```").FindAllSubmatch(readme, -1)
	var codes []int
	for _, m := range steps {
		args := strings.Fields(strings.ReplaceAll(string(m[1]), shown, corpus))
		var stdout, stderr bytes.Buffer
		codes = append(codes, inDir(t, "..", func() int { return run(args, &stdout, &stderr) }))
		got := bytes.ReplaceAll(stdout.Bytes(), []byte(corpus), []byte(shown))
		if !bytes.Equal(got, m[2]) || stderr.Len() > 0 {
			t.Errorf("README.md's %s is stale:\n%s%s", m[1], output.Diff("README.md", m[2], got, false), stderr.Bytes())
		}
	}
	if want := []int{cli.ExitChanged, cli.ExitOK, cli.ExitOK}; !slices.Equal(codes, want) {
		t.Errorf("README.md's gen audit steps exit %v, want %v", codes, want)
	}
}
