package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The tests of this file check the repository's own tooling around the
// generator: the release notes script of the release workflow, make help,
// and the attributes of generated files.

// TestReleaseNotes: .ci/release-notes prints one version's section of a
// changelog, the notes of its GitHub release, and fails without one.
func TestReleaseNotes(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	changelog := filepath.Join(t.TempDir(), "CHANGELOG.md")
	err := os.WriteFile(changelog, []byte(`# Changelog

## [Unreleased]

## [0.2.0] - 2027-01-02

### Fixed

- Two.

## [0.1.0] - 2026-12-01

### Added

- One.

[0.2.0]: https://example.com/v0.2.0
[0.1.0]: https://example.com/v0.1.0
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	notes := func(version string) (string, error) {
		out, err := exec.Command("bash", "../.ci/release-notes", version, changelog).CombinedOutput()
		return string(out), err
	}
	for version, want := range map[string]string{
		"v0.2.0": "### Fixed\n\n- Two.\n",
		"0.1.0":  "### Added\n\n- One.\n",
	} {
		if got, err := notes(version); err != nil || got != want {
			t.Errorf("release notes of %s: %v\n%q\nwant %q", version, err, got, want)
		}
	}
	for _, version := range []string{"Unreleased", "v0.3.0", "v0.1"} {
		if got, err := notes(version); err == nil || !strings.Contains(got, `has no section "## [`) {
			t.Errorf("release notes of %s: %v %q; want a missing section", version, err, got)
		}
	}
}

// TestMakeHelp: every target of the Makefile has a "## name: description"
// line, and make help lists each, in order.
func TestMakeHelp(t *testing.T) {
	mk := string(readFile(t, "../Makefile"))
	var targets, documented []string
	for line := range strings.SplitSeq(mk, "\n") {
		if m := regexp.MustCompile(`^([a-z][a-z-]*):([^=]|$)`).FindStringSubmatch(line); m != nil {
			targets = append(targets, m[1])
		}
		if m := regexp.MustCompile(`^## ([a-z][a-z-]*): \S`).FindStringSubmatch(line); m != nil {
			documented = append(documented, m[1])
		}
	}
	if len(targets) < 10 || !slices.Equal(targets, documented) {
		t.Fatalf("Makefile targets %q, documented by ## lines %q: want every target documented, in order", targets, documented)
	}
	if m := regexp.MustCompile(`(?m)^\.PHONY: (.*)$`).FindStringSubmatch(mk); m == nil || !slices.Equal(strings.Fields(m[1]), targets) {
		t.Errorf(".PHONY does not list the targets %q", targets)
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	cmd := exec.Command("make", "-s", "help")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("make help: %v", err)
	}
	var listed []string
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			t.Fatalf("make help: a line without a description: %q", line)
		}
		listed = append(listed, f[0])
	}
	if !slices.Equal(listed, targets) {
		t.Errorf("make help lists %q; want %q", listed, targets)
	}
}

// TestGeneratedFilesMarked: every file a //go:generate directive of this
// repository writes is marked linguist-generated in .gitattributes, whose
// comment says how to resolve a merge conflict in it.
func TestGeneratedFilesMarked(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	ls, err := exec.Command("git", "-C", "..", "ls-files", "*.go").Output()
	if err != nil {
		t.Skipf("not a git work tree: %v", err)
	}
	directive := regexp.MustCompile(`(?m)^//go:generate go run github\.com/molecule-ai/providers/gen (.*)$`)
	var outputs []string
	for name := range strings.FieldsSeq(string(ls)) {
		for _, m := range directive.FindAllStringSubmatch(string(readFile(t, filepath.Join("..", name))), -1) {
			args := strings.Fields(m[1])
			for i := 0; i+1 < len(args); i++ {
				if slices.Contains([]string{"-out", "-json", "-vectors", "-markdown"}, args[i]) {
					outputs = append(outputs, filepath.ToSlash(filepath.Join(filepath.Dir(name), args[i+1])))
				}
			}
		}
	}
	if len(outputs) < 6 {
		t.Fatalf("found %d generated files in the //go:generate lines: %q", len(outputs), outputs)
	}
	out, err := exec.Command("git", append([]string{"-C", "..", "check-attr", "linguist-generated", "--"}, outputs...)...).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range outputs {
		if !strings.Contains(string(out), path+": linguist-generated: true\n") {
			t.Errorf(".gitattributes does not mark %s linguist-generated=true:\n%s", path, out)
		}
	}
	if attrs := string(readFile(t, "../.gitattributes")); !strings.Contains(attrs, "take either side") || !strings.Contains(attrs, "go generate ./...") {
		t.Error(".gitattributes does not say how to resolve a conflict in a generated file")
	}
}
