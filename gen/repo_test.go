package main

import (
	"os"
	"os/exec"
	"path/filepath"
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
