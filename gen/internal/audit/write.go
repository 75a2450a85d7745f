package audit

import (
	"os"
	"path/filepath"
)

// replaceFile replaces the file at path with data atomically: the bytes
// are written to a temporary file in the same directory, synced, given the
// old file's permissions and renamed over it, so that a reader (or an
// interrupted run) sees the old file or the new one, never a mix. A
// symbolic link is followed: its target is replaced and the link kept.
//
// (gen/internal/output has a writer for generated files; this one keeps
// the mode of a file it did not create and follows links, which a
// generated file needs neither of.)
func replaceFile(path string, data []byte) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	fi, err := os.Stat(target)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), fi.Mode().Perm())
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), target)
}
