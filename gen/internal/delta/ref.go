package delta

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// LoadRef loads the registry at path as of git revision rev (git show
// REV:PATH), through the same Compile as any file: a bad registry is a
// positioned *spec.InputError. rev A...B is the merge base of A and B (an
// empty side is HEAD), what a branch forked from: origin/main...HEAD is the
// base of a pull request. Git runs in path's directory, so the repository
// is path's, wherever gen runs.
func LoadRef(rev, path string) (*spec.Registry, error) {
	dir, base := filepath.Split(path)
	shown := inert.Terminal(rev)
	// git would read a revision starting with '-' as an option
	// (--output=FILE writes a file).
	for _, side := range strings.Split(rev, "...") {
		if strings.HasPrefix(side, "-") {
			return nil, fmt.Errorf("-base-ref %s: a revision cannot start with '-'", shown)
		}
	}
	commit := rev
	if a, b, ok := strings.Cut(rev, "..."); ok {
		mb, err := git(dir, "merge-base", or(a, "HEAD"), or(b, "HEAD"))
		if err != nil {
			return nil, fmt.Errorf("-base-ref %s: %w", shown, err)
		}
		commit = strings.TrimSpace(string(mb))
	} else if strings.Contains(rev, "..") {
		return nil, fmt.Errorf("-base-ref %s: a range is not one revision; name the base (A), or A...B for the merge base of A and B", shown)
	}
	// One commit, verified, so that a revision git reads as something
	// else (a tree, a blob) is an error here and not an empty file. The
	// revision is resolved first: ^{commit} appended to :/text would
	// become part of the text searched for.
	c, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", commit)
	if err == nil {
		c, err = git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", strings.TrimSpace(string(c))+"^{commit}")
	}
	if err != nil {
		hint := ""
		if s, _ := git(dir, "rev-parse", "--is-shallow-repository"); strings.TrimSpace(string(s)) == "true" {
			hint = " (the clone is shallow: its history may not reach it; git fetch --unshallow)"
		}
		return nil, fmt.Errorf("-base-ref %s: not a commit in the repository of %s%s", shown, inert.Terminal(path), hint)
	}
	commit = strings.TrimSpace(string(c))
	// ./ names the file relative to the directory git runs in.
	data, err := git(dir, "show", commit+":./"+base)
	if err != nil {
		return nil, fmt.Errorf("-base-ref %s: %w", shown, err)
	}
	return spec.Compile(rev+":"+base, data, false)
}

// git runs a git command in dir ("" for the current one) and returns its
// standard output; its error says the command and what git printed.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var errBuf bytes.Buffer
	cmd.Stderr = &errBuf
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(errBuf.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
