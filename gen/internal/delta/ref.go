package delta

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// LoadRef loads the registry at path as of git revision rev (git show
// REV:PATH), through the same Compile as any file: a bad registry is a
// positioned *spec.InputError.
func LoadRef(rev, path string) (*spec.Registry, error) {
	ref := rev + ":./" + filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
		if err != nil {
			return nil, fmt.Errorf("-base-ref: not in a git work tree: %w", err)
		}
		rel, err := filepath.Rel(strings.TrimSpace(string(top)), path)
		if err != nil {
			return nil, err
		}
		ref = rev + ":" + filepath.ToSlash(rel)
	}
	var errBuf bytes.Buffer
	cmd := exec.Command("git", "show", ref)
	cmd.Stderr = &errBuf
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("-base-ref: git show %s: %s", ref, strings.TrimSpace(errBuf.String()))
	}
	return spec.Compile(rev+":"+filepath.Base(path), data, false)
}
