package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/molecule-ai/providers/gen/internal/cli"
	"github.com/molecule-ai/providers/gen/internal/delta"
	"github.com/molecule-ai/providers/gen/internal/outcome"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/gen/internal/spec/spectest"
)

// validRegistry is a small registry that passes every check.
const validRegistry = spectest.Valid

// TestInputLimit: the command refuses an input over 16 MiB without
// reading past the limit, exit 2, and writes nothing.
func TestInputLimit(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	big := make([]byte, spec.MaxInput+1)
	for i := range big {
		big[i] = '#'
	}
	copy(big, validRegistry)
	if err := os.WriteFile("providers.yaml", big, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-out", "out.go"}, &stdout, &stderr); code != cli.ExitInvalid {
		t.Errorf("exit %d, want %d", code, cli.ExitInvalid)
	}
	if want := "providers.yaml:1:1: file is larger than the 16 MiB limit\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
	if _, err := os.Stat("out.go"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("out.go: %v", err)
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
	if code := run([]string{"-check", "-out", "missing.go"}, &stdout, &stderr); code != cli.ExitChanged {
		t.Errorf("-check of a missing file: exit %d, want %d\n%s", code, cli.ExitChanged, stderr.String())
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
	if code := run([]string{"-check", "-out", "stale.go"}, &stdout, &stderr); code != cli.ExitChanged {
		t.Errorf("-check of a stale file: exit %d, want %d", code, cli.ExitChanged)
	}
	if err := os.WriteFile("providers.yaml", []byte("version: 1\n\tproviders: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-check", "-out", "stale.go"}, &stdout, &stderr); code != cli.ExitInvalid {
		t.Errorf("-check of bad input: exit %d, want %d", code, cli.ExitInvalid)
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
	if code := run([]string{"-out", "out.go"}, &stdout, &stderr); code != cli.ExitOK {
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

func TestDeltaJSON(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/script/delta/seed_leak.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"delta", "-base", filepath.Join(dir, "base.yaml"), "-in", filepath.Join(dir, "head.yaml"), "-format", "json"}, &stdout, &stderr); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var d delta.Result
	if err := json.Unmarshal(stdout.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	// Three (runtime, model) pairs in two rows: the summary counts pairs.
	// kimi-for-coding moves from the platform to its vendor on the two
	// runtimes that serve it, and so, by billing step 3, becomes byok on
	// codex, which does not serve it.
	if want := (delta.Summary{PlatformToBYOK: 3, Pairs: 3, Cases: 30, ChangedCases: 3}); d.Summary != want || len(d.Changes) != 2 {
		t.Fatalf("summary %+v, %d changes; want %+v, 2 changes", d.Summary, len(d.Changes), want)
	}
	want := []delta.Change{{
		Section: delta.SectionBillingFlip, Runtimes: []string{"claude-code", "hermes"}, Model: "kimi-for-coding",
		Spellings: []string{"kimi-for-coding"}, Env: delta.EnvAny,
		Before: outcome.Outcome{Provider: "platform", Mode: "platform_managed", Source: "derived"},
		After:  outcome.Outcome{Provider: "kimi-coding", Mode: "byok", Source: "derived"},
	}, {
		Section: delta.SectionBillingFlip, Runtimes: []string{"codex"}, Model: "kimi-for-coding",
		Spellings: []string{"kimi-for-coding"}, Env: delta.EnvAny,
		Before: outcome.Outcome{Error: "not_on_runtime", Mode: "platform_managed", Source: "model"},
		After:  outcome.Outcome{Error: "not_on_runtime", Mode: "byok", Source: "model"},
	}}
	if got, _ := json.Marshal(d.Changes); string(got) != string(must(json.Marshal(want))) {
		t.Fatalf("changes = %s\nwant      %s", got, must(json.Marshal(want)))
	}
}

// inDir runs fn with dir as the working directory.
func inDir(t *testing.T, dir string, fn func() int) int {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	return fn()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestDeltaBaseRef reads the base from git, as CI does with -base-ref.
func TestDeltaBaseRef(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	ar, err := txtar.ParseFile("testdata/script/delta/seed_leak.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range ar.Files {
		files[f.Name] = f.Data
	}
	dir := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gitRun("init", "-q")
	os.WriteFile(filepath.Join(dir, "providers.yaml"), files["base.yaml"], 0o644)
	gitRun("add", "providers.yaml")
	gitRun("commit", "-qm", "base")
	os.WriteFile(filepath.Join(dir, "providers.yaml"), files["head.yaml"], 0o644)

	var stdout, stderr bytes.Buffer
	code := inDir(t, dir, func() int { return run([]string{"delta", "-base-ref", "HEAD", "-exit-code"}, &stdout, &stderr) })
	if code != cli.ExitChanged {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "### Registry delta: HEAD:providers.yaml → providers.yaml") ||
		!strings.Contains(stdout.String(), "| claude-code, hermes | `kimi-for-coding` | any | platform · platform_managed | **kimi-coding · byok** |") {
		t.Fatalf("unexpected delta:\n%s", stdout.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := inDir(t, dir, func() int { return run([]string{"delta", "-base-ref", "no-such-rev"}, &stdout, &stderr) }); code != cli.ExitInvalid || stderr.String() != "gen: -base-ref no-such-rev: not a commit in the repository of providers.yaml\n" {
		t.Fatalf("bad ref: exit %d, stderr %q", code, stderr.String())
	}
}

func TestDeltaUsage(t *testing.T) {
	for _, args := range [][]string{
		{"delta"},
		{"delta", "-base", "a.yaml", "-base-ref", "HEAD"},
		{"delta", "-base", "a.yaml", "-format", "xml"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != cli.ExitInvalid {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// failingWriter fails every write, as /dev/full does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestAuditReportUnwritten: an audit report that cannot be written to
// stdout is an output error, not a verdict: exit 3, and stderr says so.
func TestAuditReportUnwritten(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("providers.yaml", []byte(validRegistry), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("j.jsonl", []byte(`{"runtime":"x","model":"y"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"audit", "j.jsonl"}, failingWriter{}, &stderr); code != cli.ExitIO || stderr.String() != "gen: writing standard output: no space left on device\n" {
		t.Errorf("exit %d, stderr %q; want 3 and the write error", code, stderr.String())
	}
}
