package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// minGoldens is the least number of broken registries the corpus holds.
const minGoldens = 40

// TestErrorGoldens runs gen on every broken registry under testdata/errors.
// Each archive holds a providers.yaml, the exact stderr expected from
// "gen -in providers.yaml -out out.go" (plus the flags in an optional args
// file), and a comment saying what it covers. gen must exit 2, print
// exactly the golden, and leave the existing output file byte-identical
// with the same modification time, with no temporary file left behind.
// go test ./gen -run TestErrorGoldens -update rewrites the goldens.
func TestErrorGoldens(t *testing.T) {
	dir, err := filepath.Abs("testdata/errors") // the cases chdir
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < minGoldens {
		t.Errorf("testdata/errors holds %d broken registries, want at least %d", len(files), minGoldens)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			in, ok := archiveFile(a, "providers.yaml")
			if !ok {
				t.Fatal("no providers.yaml in the archive")
			}
			if len(bytes.TrimSpace(a.Comment)) == 0 {
				t.Error("the archive's comment should say what the case covers")
			}
			var args []string
			if s, ok := archiveFile(a, "args"); ok {
				args = strings.Fields(string(s))
			}
			stderr := runBroken(t, in, args)

			if *update {
				setArchiveFile(a, "stderr", []byte(stderr))
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, ok := archiveFile(a, "stderr")
			if !ok {
				t.Fatal("no stderr golden in the archive; run go test ./gen -run TestErrorGoldens -update")
			}
			if stderr != string(want) {
				t.Errorf("stderr differs from the golden (go test ./gen -run TestErrorGoldens -update rewrites it)\ngot:\n%s\nwant:\n%s", stderr, want)
			}
			for i, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
				if !strings.HasPrefix(line, "providers.yaml:") {
					t.Errorf("stderr line %d does not start with providers.yaml: %q", i+1, line)
				}
			}

			// Compile, the library entry point, reports the same problems.
			if len(args) == 0 {
				_, err := Compile("providers.yaml", in, false)
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Fatalf("Compile returned %v, want an *InputError", err)
				}
				if got := ie.Error() + "\n"; got != stderr {
					t.Errorf("Compile's error differs from the command's stderr:\n%s", got)
				}
			}
		})
	}
}

// runBroken runs gen on a broken registry in a fresh directory holding an
// earlier output file, checks that the run failed with exit code 2 and
// left that file alone, and returns what gen printed on stderr.
func runBroken(t *testing.T, in []byte, args []string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "providers.yaml"), in, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.go")
	old := []byte("// the previous output, which a failed run must not touch\npackage out\n")
	if err := os.WriteFile(out, old, 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(out, mtime, mtime); err != nil {
		t.Fatal(err)
	}

	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"-in", "providers.yaml", "-out", "out.go"}, args...), &stdout, &stderr)
	if code != exitInvalid {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitInvalid, stderr.String())
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout is not empty:\n%s", stdout.String())
	}
	assertUntouched(t, out, old, mtime)
	return stderr.String()
}

// assertUntouched checks that the file at path still holds data with
// modification time mtime, and that its directory holds nothing else gen
// may have written (no temporary file).
func assertUntouched(t *testing.T, path string, data []byte, mtime time.Time) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data) {
		t.Errorf("%s changed:\n%s", path, got)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(mtime) {
		t.Errorf("%s modification time changed: %v, want %v", path, fi.ModTime(), mtime)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n := e.Name(); n != filepath.Base(path) && n != "providers.yaml" {
			t.Errorf("gen left %s behind", n)
		}
	}
}

func archiveFile(a *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

func setArchiveFile(a *txtar.Archive, name string, data []byte) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = data
			return
		}
	}
	a.Files = append(a.Files, txtar.File{Name: name, Data: data})
}

// validRegistry is a small registry that passes every check, for tests to
// break one way at a time.
const validRegistry = `version: 1
providers:
  - id: platform
    platform: true
  - id: anthropic
    auth_env: [ANTHROPIC_API_KEY]
runtimes:
  - id: claude-code
models:
  - id: opus
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
  - id: anthropic/claude-opus-4-7
    served_by:
      - provider: platform
        runtimes: [claude-code]
`

// TestInputLimit: an input over 16 MiB is refused before it is parsed,
// both by the command (which never reads past the limit) and by Compile.
func TestInputLimit(t *testing.T) {
	big := make([]byte, maxInput+1)
	for i := range big {
		big[i] = '#'
	}
	copy(big, validRegistry)
	start := time.Now()
	_, err := Compile("providers.yaml", big, false)
	want := "providers.yaml:1:1: file is larger than the 16 MiB limit"
	if err == nil || err.Error() != want {
		t.Errorf("Compile: %v, want %s", err, want)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing a large input took %v: it must not be parsed", d)
	}
	stderr := runBroken(t, big, nil)
	if stderr != want+"\n" {
		t.Errorf("gen: %q, want %q", stderr, want+"\n")
	}

	// Exactly 16 MiB is accepted: the registry followed by one long comment.
	ok := big[:maxInput]
	if _, err := Compile("providers.yaml", ok, false); err != nil {
		t.Errorf("a 16 MiB registry: %v", err)
	}
}

// TestAliasBombFailsFast: a billion-laughs file expands to 10^9 nodes; it
// must be refused quickly, with one line at the alias.
func TestAliasBombFailsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	start := time.Now()
	_, err := Compile("providers.yaml", []byte(b.String()), false)
	if d := time.Since(start); d > time.Second {
		t.Errorf("the alias bomb took %v", d)
	}
	var ie *InputError
	if !errors.As(err, &ie) || len(ie.Diags) != 1 || !strings.Contains(ie.Diags[0].Msg, "expands too far") {
		t.Fatalf("got %v, want one alias bomb error", err)
	}
}

// TestMergeKeys: YAML merge keys work like anchors and aliases do, with
// keys written in the mapping winning over merged ones.
func TestMergeKeys(t *testing.T) {
	src := `version: 1
providers:
  - &vendor {id: anthropic, name: Anthropic API, auth_env: [ANTHROPIC_API_KEY]}
  - <<: *vendor
    id: anthropic-oauth
    auth_env: [CLAUDE_CODE_OAUTH_TOKEN]
runtimes:
  - id: claude-code
models:
  - id: opus
    served_by:
      - &entry {provider: anthropic-oauth, runtimes: [claude-code]}
      - <<: [*entry, {provider: ignored}]
        provider: anthropic
`
	reg, err := Compile("providers.yaml", []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	p := reg.Spec.providers[1]
	if p.id.s != "anthropic-oauth" || p.name != "Anthropic API" || len(p.authEnv) != 1 || p.authEnv[0].s != "CLAUDE_CODE_OAUTH_TOKEN" {
		t.Errorf("merged provider: %+v", p)
	}
	e := reg.Spec.models[0].served[1]
	if e.provider.s != "anthropic" || len(e.runtimes) != 1 || e.runtimes[0].s != "claude-code" {
		t.Errorf("merged served_by entry: %+v", e)
	}
}

// TestCheckNeverWrites: -check on a stale or missing file, and on bad
// input, writes nothing.
func TestCheckNeverWrites(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("providers.yaml", []byte(validRegistry), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-check", "-out", "missing.go"}, &stdout, &stderr); code != exitChanged {
		t.Errorf("-check of a missing file: exit %d, want %d\n%s", code, exitChanged, stderr.String())
	}
	if _, err := os.Stat("missing.go"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("-check created the missing file: %v", err)
	}

	stale := []byte("package providersgen\n")
	mtime := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, f := range []string{"stale.go"} {
		if err := os.WriteFile(f, stale, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(f, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	if code := run([]string{"-check", "-out", "stale.go"}, &stdout, &stderr); code != exitChanged {
		t.Errorf("-check of a stale file: exit %d, want %d", code, exitChanged)
	}
	if err := os.WriteFile("providers.yaml", []byte("version: 1\n\tproviders: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-check", "-out", "stale.go"}, &stdout, &stderr); code != exitInvalid {
		t.Errorf("-check of bad input: exit %d, want %d", code, exitInvalid)
	}
	got, _ := os.ReadFile("stale.go")
	fi, _ := os.Stat("stale.go")
	if !bytes.Equal(got, stale) || !fi.ModTime().Equal(mtime) {
		t.Errorf("-check changed stale.go")
	}
	entries, _ := os.ReadDir(".")
	if len(entries) != 2 {
		t.Errorf("-check left files behind: %v", entries)
	}
}

// TestWriteIsAtomic: a successful run replaces the output by renaming a
// complete temporary file from the same directory over it, and leaves no
// temporary file behind.
func TestWriteIsAtomic(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("providers.yaml", []byte(validRegistry), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("out.go", []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A hard link to the old file keeps seeing the old bytes: the new
	// output is a new file renamed into place, not the old one rewritten.
	if err := os.Link("out.go", "old.go"); err != nil {
		t.Skip("no hard links here:", err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-out", "out.go"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	if old, _ := os.ReadFile("old.go"); string(old) != "old\n" {
		t.Errorf("the old output was rewritten in place, not replaced")
	}
	src, _ := os.ReadFile("out.go")
	if !bytes.HasPrefix(src, []byte("// Code generated")) {
		t.Errorf("out.go: %.40q", src)
	}
	entries, _ := os.ReadDir(".")
	if len(entries) != 3 {
		t.Errorf("gen left files behind: %v", entries)
	}
}

// TestErrorCap: past 50 problems the list ends with "and N more".
func TestErrorCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(validRegistry)
	for i := range 60 {
		fmt.Fprintf(&b, "  - id: m%d\n    served_by: [{provider: nobody, runtimes: [claude-code]}]\n", i)
	}
	_, err := Compile("providers.yaml", []byte(b.String()), false)
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxDiags+1 || lines[maxDiags] != "providers.yaml: and 10 more" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
}
