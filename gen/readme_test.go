package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

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
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	sha := regexp.MustCompile(`sha256 [0-9a-f]{12}`)
	got, want := sha.ReplaceAll(stdout.Bytes(), []byte("sha256 …")), sha.ReplaceAll(m[2], []byte("sha256 …"))
	if !bytes.Equal(got, want) {
		t.Errorf("README.md's gen explain example is stale:\n%s", output.Diff("README.md", want, got, false))
	}
}
