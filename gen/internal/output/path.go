package output

import (
	"os"
	"path/filepath"
)

// DisplayPath is how messages name an input. Under go generate, which runs
// in the package's directory, a path such as ../providers.yaml is given
// relative to the module root instead, where the user ran go generate ./...
// and where editors resolve file:line:col.
func DisplayPath(path string) string {
	if os.Getenv("GOFILE") == "" {
		return path
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if rel, err := filepath.Rel(dir, abs); err == nil {
				return filepath.ToSlash(rel)
			}
			return path
		}
		if filepath.Dir(dir) == dir {
			return path
		}
	}
}
