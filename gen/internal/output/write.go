package output

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/molecule-ai/providers/gen/internal/inert"
)

// WriteError is a file gen could not write, named by the path asked for
// (never the temporary file). The command exits 3 for it.
type WriteError struct {
	Path string
	Err  error
	Note string // which outputs were replaced before it failed, if any
}

func (e *WriteError) Error() string {
	msg := fmt.Sprintf("cannot write %s: %v", inert.Terminal(e.Path), e.Err)
	if e.Note != "" {
		msg += " (" + e.Note + ")"
	}
	return msg
}

func (e *WriteError) Unwrap() error { return e.Err }

// A temporary file is named .<base>.gen-<random>.tmp beside its target, so
// that a rename replaces the target atomically; one older than staleAfter
// was left by a run that was killed, and the next run removes it.
const (
	tmpPrefix  = ".gen-"
	tmpSuffix  = ".tmp"
	staleAfter = 10 * time.Minute
)

// pending is one file being replaced: its target (a symlink's target, so
// that the link stays a link and the file it names is current) and its
// temporary file, once written.
type pending struct {
	f      File
	target string
	tmp    string
}

// beforeRename runs once every temporary file is written: a test's hook.
var beforeRename = func() {}

// temps are the temporary files of the running Write, removed on SIGINT or
// SIGTERM. mu orders removal against the renames.
var (
	mu    sync.Mutex
	temps = map[string]bool{}
)

// Write writes each file that changed, and says which (by DisplayPath:
// under go generate, relative to the module root). All of them are
// written to temporary files first, each beside its target; only when every
// one is on disk are they renamed over their targets, so a failure before
// then (a full disk, a read-only directory) leaves every old file in place.
// The window that remains is the renames themselves: if one of them fails
// (the directory changed under gen), the files renamed before it are new
// and the error names them. An existing file keeps its permissions; a new
// one gets 0666 less the umask.
func Write(files []File, stdout io.Writer) error {
	var work []*pending
	for _, f := range files {
		target := f.Path
		if real, err := filepath.EvalSymlinks(f.Path); err == nil {
			target = real
		}
		if old, err := readBounded(target, len(f.Data)+1); err == nil && bytes.Equal(old, f.Data) {
			fmt.Fprintf(stdout, "%s: unchanged (%s)\n", inert.Terminal(DisplayPath(f.Path)), f.Summary)
			continue
		}
		work = append(work, &pending{f: f, target: target})
	}
	stop := onSignal()
	defer stop()
	defer removeTemps()
	for _, p := range work {
		removeStale(p.target)
		if err := p.writeTemp(); err != nil {
			return &WriteError{Path: p.f.Path, Err: err}
		}
	}
	beforeRename()
	var done []string
	for _, p := range work {
		if err := p.rename(); err != nil {
			note := ""
			if len(done) > 0 {
				note = "already replaced: " + strings.Join(done, ", ")
			}
			return &WriteError{Path: p.f.Path, Err: err, Note: note}
		}
		done = append(done, inert.Terminal(p.f.Path))
		fmt.Fprintf(stdout, "%s: written (%s)\n", inert.Terminal(DisplayPath(p.f.Path)), p.f.Summary)
	}
	return nil
}

// writeTemp writes p's data to a new temporary file beside its target,
// with the target's permissions when it exists, and syncs it.
func (p *pending) writeTemp() error {
	dir, base := filepath.Split(p.target)
	var suffix [8]byte
	rand.Read(suffix[:])
	name := filepath.Join(dir, "."+base+tmpPrefix+hex.EncodeToString(suffix[:])+tmpSuffix)
	perm := fs.FileMode(0o666) // less the umask, by the kernel
	if info, err := os.Stat(p.target); err == nil {
		perm = info.Mode().Perm()
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return pathless(err, dir)
	}
	mu.Lock()
	temps[name] = true
	mu.Unlock()
	p.tmp = name
	_, err = f.Write(p.f.Data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && perm != 0o666 {
		err = os.Chmod(name, perm) // the umask must not narrow an existing file's mode
	}
	return pathless(err, dir)
}

// rename moves p's temporary file over its target.
func (p *pending) rename() error {
	mu.Lock()
	defer mu.Unlock()
	if err := os.Rename(p.tmp, p.target); err != nil {
		return pathless(err, filepath.Dir(p.target))
	}
	delete(temps, p.tmp)
	if d, err := os.Open(filepath.Dir(p.target)); err == nil {
		d.Sync() // the rename itself, durable; not every system can
		d.Close()
	}
	return nil
}

// pathless returns err without the temporary file's name, which means
// nothing to the user: the caller names the output, and dir is said
// instead when the problem is the directory's (permissions, space).
func pathless(err error, dir string) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EROFS) {
		return fmt.Errorf("directory %s: %w", inert.Terminal(filepath.Clean(dir)), err)
	}
	return err
}

// removeTemps removes the temporary files not renamed yet.
func removeTemps() {
	mu.Lock()
	defer mu.Unlock()
	for name := range temps {
		os.Remove(name)
		delete(temps, name)
	}
}

// removeStale removes the temporary files of target older than staleAfter:
// left by a run that was killed before it could remove them.
func removeStale(target string) {
	dir, base := filepath.Split(target)
	names, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+tmpPrefix+"*"+tmpSuffix))
	for _, name := range names {
		if info, err := os.Lstat(name); err == nil && info.Mode().IsRegular() && time.Since(info.ModTime()) > staleAfter {
			os.Remove(name)
		}
	}
}

func globEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}

// onSignal removes the temporary files and dies of the signal again when
// the process gets SIGINT or SIGTERM while it writes; stop ends that.
func onSignal() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			removeTemps()
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(sig)
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// maxCompare bounds how much of an existing output -check reads: enough
// to show a diff of a file of a sensible size, never a whole /dev/zero.
const maxCompare = 64 << 20

// readBounded reads at most limit bytes of the regular file at path. It
// looks at what path is before opening it: opening a FIFO would block.
func readBounded(path string, limit int) ([]byte, error) {
	if info, err := os.Stat(path); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not a regular file", inert.Terminal(path), FileKind(info.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, int64(limit)))
}
