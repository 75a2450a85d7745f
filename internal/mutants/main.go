// Command mutants proves that the test suite is load-bearing for billing:
// it copies the module to a temporary directory, then, one at a time, flips
// each rule that decides who pays, what is stripped, whether a plan is
// usable, what a request costs and whether a retired model is flagged (a
// one-line edit, listed in mutants.go), runs the tests that guard those
// rules against the mutated copy, and expects them to fail. It exits
// 1 when a mutant survives (the suite would not notice that rule breaking),
// when a mutant no longer applies (its code changed: update the mutant),
// or when the unmutated copy does not pass.
//
//	go run ./internal/mutants [-run REGEXP] [-v]
//
// .ci/run runs it.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// packages are the tests each mutant must fail: the resolver's own, the
// generator's oracle over the vectors and plans, the rules, and the tables.
var packages = []string{"./resolver/...", "./gen/internal/artifact", "./gen/internal/spec", "./internal/table"}

func main() {
	run := flag.String("run", "", "only the mutants whose name matches this regular expression")
	verbose := flag.Bool("v", false, "print the failing tests of each mutant")
	flag.Parse()
	if err := mainErr(os.Stdout, *run, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "mutants:", err)
		os.Exit(1)
	}
}

func mainErr(w io.Writer, run string, verbose bool) error {
	only, err := regexp.Compile(run)
	if err != nil {
		return fmt.Errorf("-run: %w", err)
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "mutants-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := copyModule(root, tmp); err != nil {
		return fmt.Errorf("copying the module: %w", err)
	}
	if out, err := goTest(tmp); err != nil {
		return fmt.Errorf("the unmutated copy fails its tests, so no mutant can be judged:\n%s", out)
	}
	var survived, stale []string
	n := 0
	for _, m := range mutants {
		if !only.MatchString(m.Name) {
			continue
		}
		n++
		start := time.Now()
		killed, out, err := m.try(tmp)
		switch {
		case err != nil:
			stale = append(stale, m.Name)
			fmt.Fprintf(w, "STALE    %-32s %v\n", m.Name, err)
		case !killed:
			survived = append(survived, m.Name)
			fmt.Fprintf(w, "SURVIVED %-32s %s: %s\n", m.Name, m.File, m.Why)
		default:
			fmt.Fprintf(w, "killed   %-32s by %s (%.1fs)\n", m.Name, firstFailure(out), time.Since(start).Seconds())
			if verbose {
				fmt.Fprintf(w, "%s\n", out)
			}
		}
	}
	fmt.Fprintf(w, "%d mutants: %d killed, %d survived, %d stale\n", n, n-len(survived)-len(stale), len(survived), len(stale))
	if len(survived)+len(stale) > 0 {
		return fmt.Errorf("survived: %s; stale: %s", strings.Join(survived, ", "), strings.Join(stale, ", "))
	}
	if n == 0 {
		return fmt.Errorf("no mutant matches -run %q", run)
	}
	return nil
}

// try applies m to the copy at dir, runs the tests and restores the file.
// It reports whether the tests failed, and their output.
func (m mutant) try(dir string) (killed bool, out []byte, err error) {
	path := filepath.Join(dir, filepath.FromSlash(m.File))
	orig, err := os.ReadFile(path)
	if err != nil {
		return false, nil, err
	}
	if c := bytes.Count(orig, []byte(m.Old)); c != 1 {
		return false, nil, fmt.Errorf("%s: the code to mutate occurs %d times, want exactly once: update the mutant", m.File, c)
	}
	mutated := bytes.Replace(orig, []byte(m.Old), []byte(m.New), 1)
	if err := os.WriteFile(path, mutated, 0o644); err != nil {
		return false, nil, err
	}
	defer os.WriteFile(path, orig, 0o644)
	out, err = goTest(dir)
	var exit *exec.ExitError
	switch {
	case err == nil:
		return false, out, nil
	case errors.As(err, &exit):
		if bytes.Contains(out, []byte("[build failed]")) || bytes.Contains(out, []byte("[setup failed]")) {
			return false, out, fmt.Errorf("the mutant does not compile: fix it\n%s", out)
		}
		return true, out, nil
	}
	return false, out, err
}

func goTest(dir string) ([]byte, error) {
	cmd := exec.Command("go", append([]string{"test", "-count=1", "-short"}, packages...)...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

// firstFailure names the first failing test in go test's output.
func firstFailure(out []byte) string {
	if m := regexp.MustCompile(`(?m)^\s*--- FAIL: (\S+)`).FindSubmatch(out); m != nil {
		return string(m[1])
	}
	if m := regexp.MustCompile(`(?m)^FAIL\s+(\S+)`).FindSubmatch(out); m != nil {
		return string(m[1])
	}
	return "a failing test"
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the module: run from the repository")
	}
	return filepath.Dir(mod), nil
}

// copyModule copies the module's Go sources, test data and go.mod/go.sum;
// it skips .git, node_modules and other hidden directories.
func copyModule(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
}
