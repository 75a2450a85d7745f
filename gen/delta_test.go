package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestDeltaGoldens runs gen delta over each registry pair under
// testdata/delta and compares the Markdown with the archive's want.md
// (go test ./gen -update rewrites it).
func TestDeltaGoldens(t *testing.T) {
	files, _ := filepath.Glob("testdata/delta/*.txtar")
	if len(files) < 6 {
		t.Fatalf("only %d delta goldens", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var want []byte
			for _, f := range ar.Files {
				if f.Name == "want.md" {
					want = f.Data
					continue
				}
				if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := inDir(t, dir, func() int {
				return run([]string{"delta", "-base", "base.yaml", "-in", "head.yaml", "-exit-code"}, &stdout, &stderr)
			})
			if stderr.Len() > 0 {
				t.Fatalf("stderr: %s", stderr.String())
			}
			// -exit-code: 1 exactly when an outcome changed (a registry
			// change that alters no outcome, such as a rename, exits 0).
			noOutcome := strings.Contains(stdout.String(), "No change") || strings.Contains(stdout.String(), "No billing or provider outcome changes")
			if (code == exitOK) != noOutcome || (code != exitOK && code != exitChanged) {
				t.Fatalf("exit code %d for a delta whose outcomes are unchanged=%v", code, noOutcome)
			}
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want.md" {
						ar.Files[i].Data = stdout.Bytes()
					}
				}
				if want == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "want.md", Data: stdout.Bytes()})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(stdout.Bytes(), want) {
				t.Errorf("delta differs from want.md (go test ./gen -update rewrites it):\n%s", shortDiff("want.md", want, stdout.Bytes(), false))
			}
		})
	}
}

func TestDeltaJSON(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/delta/seed_leak.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"delta", "-base", filepath.Join(dir, "base.yaml"), "-in", filepath.Join(dir, "head.yaml"), "-format", "json"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var d DeltaResult
	if err := json.Unmarshal(stdout.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.Summary.PlatformToBYOK != 1 || d.Summary.BYOKToPlatform != 0 || len(d.Changes) != 1 {
		t.Fatalf("summary %+v, %d changes", d.Summary, len(d.Changes))
	}
	c := d.Changes[0]
	want := Change{
		Section: SectionBillingFlip, Runtimes: []string{"claude-code", "hermes"}, Model: "kimi-for-coding",
		Spellings: []string{"kimi-for-coding"}, Env: envAny,
		Before: Outcome{Provider: "platform", Mode: "platform_managed", Source: "derived"},
		After:  Outcome{Provider: "kimi-coding", Mode: "byok", Source: "derived"},
	}
	if got, _ := json.Marshal(c); string(got) != string(must(json.Marshal(want))) {
		t.Fatalf("change = %s\nwant     %s", got, must(json.Marshal(want)))
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
	ar, err := txtar.ParseFile("testdata/delta/seed_leak.txtar")
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
	if code != exitChanged {
		t.Fatalf("exit %d, stderr %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "### Registry delta: HEAD:providers.yaml → providers.yaml") ||
		!strings.Contains(stdout.String(), "| claude-code, hermes | `kimi-for-coding` | any | platform · platform_managed | **kimi-coding · byok** |") {
		t.Fatalf("unexpected delta:\n%s", stdout.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := inDir(t, dir, func() int { return run([]string{"delta", "-base-ref", "no-such-rev"}, &stdout, &stderr) }); code != exitInvalid || !strings.Contains(stderr.String(), "git show no-such-rev:./providers.yaml") {
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
		if code := run(args, &stdout, &stderr); code != exitInvalid {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// BenchmarkDeltaShipped is the full delta of the shipped registry against
// itself: every runtime × spelling × env combination through both.
func BenchmarkDeltaShipped(b *testing.B) {
	reg, err := Load("../providers.yaml", false)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if d := Delta(reg, reg); !d.Empty() {
			b.Fatal("a registry differs from itself")
		}
	}
}
