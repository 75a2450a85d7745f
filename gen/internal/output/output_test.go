//go:build unix

package output

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// snapshot is every file under dir: its mode, and its bytes for a regular
// file, or where it points for a symlink.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		state := info.Mode().String()
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			state += " -> " + target
		case info.Mode().IsRegular():
			data, _ := os.ReadFile(path)
			state += " " + string(data) + " " + info.ModTime().String()
		}
		out[path] = state
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustWrite(t *testing.T, path, data string, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

// TestRefusalsLeaveFilesAlone: each refused output leaves the file system
// byte for byte as it was, and a FIFO is refused without being opened.
func TestRefusalsLeaveFilesAlone(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "p.yaml")
	out := filepath.Join(dir, "x.go")
	mustWrite(t, in, "version: 1\n", 0o644)
	mustWrite(t, out, "package x\n", 0o644)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", filepath.Join(dir, "sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	os.Symlink(out, filepath.Join(dir, "link.go"))
	os.Link(in, filepath.Join(dir, "hard.yaml"))
	before := snapshot(t, dir)
	for _, c := range []struct {
		outs []Target
		want string
	}{
		{[]Target{{"-out", in}}, "is the same file as -in"},
		{[]Target{{"-out", filepath.Join(dir, "hard.yaml")}}, "is the same file as -in"},
		{[]Target{{"-out", out}, {"-json", filepath.Join(dir, "link.go")}}, "is the same file as -out"},
		{[]Target{{"-out", filepath.Join(dir, "new.go")}, {"-json", filepath.Join(dir, ".", "new.go")}}, "is the same file as -out"},
		{[]Target{{"-out", fifo}}, "is a named pipe (FIFO)"},
		{[]Target{{"-out", filepath.Join(dir, "sock")}}, "is a socket"},
		{[]Target{{"-out", "/dev/null"}}, "is a character device"},
		{[]Target{{"-out", dir}}, "is a directory"},
	} {
		err := Validate(in, c.outs)
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want a usage error saying %q", c.outs, err, c.want)
		}
	}
	if after := snapshot(t, dir); !mapsEqual(before, after) {
		t.Errorf("the directory changed:\n%v\n%v", before, after)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("/dev/null: %v %v", info, err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestWriteAllOrNothing: when one output cannot be written, no output is
// replaced and no temporary file is left; when a rename fails (the last
// window), the error names what was replaced before it.
func TestWriteAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.go")
	mustWrite(t, a, "old a\n", 0o644)
	before := snapshot(t, dir)
	err := Write([]File{{Path: a, Data: []byte("new a\n")}, {Path: filepath.Join(dir, "gone", "b.json"), Data: []byte("b")}}, io.Discard)
	var we *WriteError
	if !errors.As(err, &we) || we.Path != filepath.Join(dir, "gone", "b.json") || we.Note != "" {
		t.Fatalf("Write: %#v", err)
	}
	if strings.Contains(err.Error(), tmpPrefix) {
		t.Errorf("the error names a temporary file: %v", err)
	}
	if after := snapshot(t, dir); !mapsEqual(before, after) {
		t.Errorf("a failed Write changed the directory:\n%v\n%v", before, after)
	}

	// A rename onto a non-empty directory fails after a.go is replaced.
	busy := filepath.Join(dir, "busy")
	os.MkdirAll(filepath.Join(busy, "x"), 0o755)
	err = Write([]File{{Path: a, Data: []byte("new a\n")}, {Path: busy, Data: []byte("b")}}, io.Discard)
	if !errors.As(err, &we) || !strings.Contains(we.Note, "already replaced: "+a) {
		t.Fatalf("Write: %v", err)
	}
	if names := tempNames(t, dir); len(names) > 0 {
		t.Errorf("temporary files left: %v", names)
	}
}

func tempNames(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if strings.Contains(filepath.Base(path), tmpPrefix) {
			out = append(out, path)
		}
		return nil
	})
	return out
}

// TestWriteModes: an existing file keeps its mode, a new one gets 0666
// less the umask, and a symlink is written through to its target.
func TestWriteModes(t *testing.T) {
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	dir := t.TempDir()
	private := filepath.Join(dir, "private.go")
	mustWrite(t, private, "old\n", 0o600)
	target := filepath.Join(dir, "target.json")
	mustWrite(t, target, "old\n", 0o640)
	link := filepath.Join(dir, "link.json")
	os.Symlink("target.json", link)
	fresh := filepath.Join(dir, "fresh.md")
	err := Write([]File{{Path: private, Data: []byte("new\n")}, {Path: link, Data: []byte("through\n")}, {Path: fresh, Data: []byte("new\n")}}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{private: 0o600, target: 0o640, fresh: 0o640} {
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v (%v)", path, info.Mode().Perm(), want, err)
		}
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s is no longer a symlink", link)
	}
	if data, _ := os.ReadFile(target); string(data) != "through\n" {
		t.Errorf("the symlink's target holds %q", data)
	}
}

// TestStaleTemps: a temporary file of gen's naming left by a killed run is
// removed by the next run; a recent one (another run's, maybe) is not.
func TestStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".x.go"+tmpPrefix+"0123456789abcdef"+tmpSuffix)
	recent := filepath.Join(dir, ".x.go"+tmpPrefix+"fedcba9876543210"+tmpSuffix)
	other := filepath.Join(dir, ".y.go"+tmpPrefix+"0123456789abcdef"+tmpSuffix)
	for _, p := range []string{stale, recent, other} {
		mustWrite(t, p, "partial", 0o600)
	}
	long := time.Now().Add(-2 * staleAfter)
	os.Chtimes(stale, long, long)
	os.Chtimes(other, long, long)
	if err := Write([]File{{Path: filepath.Join(dir, "x.go"), Data: []byte("x")}}, io.Discard); err != nil {
		t.Fatal(err)
	}
	got := tempNames(t, dir)
	if want := []string{recent, other}; !slices.Equal(got, want) {
		t.Errorf("temporary files: %v, want %v", got, want)
	}
}

// TestCheckBounded: -check reads at most maxCompare bytes of a huge file.
func TestCheckBounded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.go")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(4 * maxCompare) // sparse
	f.Close()
	var stdout, stderr bytes.Buffer
	stale, err := Check([]File{{Path: path, Data: []byte("package x\n")}}, "p.yaml", &stdout, &stderr)
	if err != nil || !stale || !strings.Contains(stderr.String(), "no diff") || stdout.Len() > 0 {
		t.Errorf("Check: %v %v\nstdout %q\nstderr %q", stale, err, stdout.String(), stderr.String())
	}
}

// beforeRenameEnv makes the test binary a helper process that writes two
// files and then waits, so that TestSignalRemovesTemps can interrupt it.
const beforeRenameEnv = "OUTPUT_TEST_WAIT_BEFORE_RENAME"

func TestMain(m *testing.M) {
	if dir := os.Getenv(beforeRenameEnv); dir != "" {
		beforeRename = func() {
			os.Stdout.WriteString("ready\n")
			time.Sleep(time.Minute)
		}
		Write([]File{{Path: filepath.Join(dir, "a.go"), Data: []byte("new")}, {Path: filepath.Join(dir, "b.go"), Data: []byte("new")}}, io.Discard)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSignalRemovesTemps: SIGINT or SIGTERM while the outputs are written
// removes the temporary files, leaves the old outputs, and the process dies
// of the signal.
func TestSignalRemovesTemps(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		mustWrite(t, filepath.Join(dir, "a.go"), "old", 0o644)
		before := snapshot(t, dir)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), beforeRenameEnv+"="+dir)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
			t.Fatalf("helper: %q", line)
		}
		if n := len(tempNames(t, dir)); n != 2 {
			t.Fatalf("%d temporary files while writing, want 2", n)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != sig {
			t.Errorf("%v: the helper ended with %v, want death by the signal", sig, err)
		}
		if after := snapshot(t, dir); !mapsEqual(before, after) {
			t.Errorf("%v: the directory changed:\n%v\n%v", sig, before, after)
		}
	}
}
