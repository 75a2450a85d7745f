package generate

import (
	"errors"
	"fmt"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// CheckPackage reports why pkg cannot be the package of a Go file written
// to out, or nil: it must be an identifier that is not a keyword, not _,
// and not main (the file declares no func main, so a main package would not
// build); and the other Go files already in out's directory that the build
// would compile with it must be of the same package.
func CheckPackage(pkg, out string) error {
	switch {
	case !token.IsIdentifier(pkg):
		return fmt.Errorf("-pkg %q is not a Go package name (an identifier, not a keyword)", pkg)
	case pkg == "_":
		return errors.New(`-pkg "_" is not a Go package name`)
	case pkg == "main":
		return errors.New(`-pkg main: the generated file declares no func main, so a main package would not build; name a library package`)
	}
	if out == "" {
		return nil
	}
	dir := filepath.Dir(out)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // a missing directory is reported when the file is written
	}
	var others []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || name == filepath.Base(out) {
			continue
		}
		if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
			continue // excluded by its build constraints or file name
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.PackageClauseOnly)
		if err != nil || f.Name.Name == pkg {
			continue
		}
		others = append(others, fmt.Sprintf("%s is package %s", filepath.Join(dir, name), f.Name.Name))
	}
	if len(others) > 0 {
		slices.Sort(others)
		return fmt.Errorf("-pkg %s: %s; the generated file must be in the same package, or the directory will not build", pkg, strings.Join(others, ", "))
	}
	return nil
}
