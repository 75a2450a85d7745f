package main

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites golden files instead of comparing with them, for every
// golden of the gen command: go test ./gen -update. (See
// testdata/script/README.md.)
var update = flag.Bool("update", false, "rewrite golden files under testdata")

// statusEnv names the file where the gen program of the scripts leaves its
// exit status, for the status command.
const statusEnv = "GEN_TEST_STATUS_FILE"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gen": func() {
			code := run(os.Args[1:], os.Stdout, os.Stderr)
			if f := os.Getenv(statusEnv); f != "" {
				os.WriteFile(f, []byte(strconv.Itoa(code)), 0o644)
			}
			os.Exit(code)
		},
	})
}

// setupTime is the modification time every file of a script starts with,
// so that unchanged can tell a rewrite of the same bytes.
var setupTime = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// fileState is a file of a script's work directory as the script starts.
type fileState struct {
	data []byte
	dir  []string // the names in its directory
}

// TestScripts runs every script under testdata/script: the CLI scripts
// (cli/), the broken-registry corpus (errors/), the delta goldens (delta/)
// and the audit goldens (audit/). Each is a testscript archive; go test ./gen -update rewrites
// the files that cmp compares stdout and stderr with. Beside testscript's
// own commands, scripts have:
//
//	exec gen ARGS...   the command, in process
//	status N           the last gen exited with status N
//	unchanged FILE...  FILE holds the bytes it started with, was not
//	                   rewritten, and nothing new appeared beside it
//	replace FILE OLD NEW  replace the one occurrence of OLD in FILE by NEW
//	                   (fails unless OLD occurs exactly once)
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"cli", "errors", "delta", "audit", "import"} {
		t.Run(dir, func(t *testing.T) {
			testscript.Run(t, scriptParams(filepath.Join("testdata/script", dir), root))
		})
	}
}

func scriptParams(dir, root string) testscript.Params {
	return testscript.Params{
		Dir:           dir,
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// Scripts can copy the shipped registry in: cp $ROOT/providers.yaml .
			env.Setenv("ROOT", root)
			status, err := os.MkdirTemp("", "gen-status")
			if err != nil {
				return err
			}
			env.Defer(func() { os.RemoveAll(status) })
			env.Setenv(statusEnv, filepath.Join(status, "status"))
			files := map[string]fileState{}
			err = filepath.WalkDir(env.WorkDir, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				names, err := dirNames(filepath.Dir(path))
				if err != nil {
					return err
				}
				files[path] = fileState{data, names}
				return os.Chtimes(path, setupTime, setupTime)
			})
			env.Values["files"] = files
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status":    cmdStatus,
			"unchanged": cmdUnchanged,
			"replace":   cmdReplace,
		},
	}
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: status N")
	}
	got, err := os.ReadFile(ts.Getenv(statusEnv))
	ts.Check(err)
	if string(got) != args[0] {
		ts.Fatalf("gen exited with status %s, want %s", got, args[0])
	}
}

func cmdUnchanged(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unchanged FILE...")
	}
	files := ts.Value("files").(map[string]fileState)
	for _, name := range args {
		path := ts.MkAbs(name)
		was, ok := files[path]
		if !ok {
			ts.Fatalf("%s is not a file of the archive", name)
		}
		data, err := os.ReadFile(path)
		ts.Check(err)
		if !bytes.Equal(data, was.data) {
			ts.Fatalf("%s changed:\n%s", name, data)
		}
		fi, err := os.Stat(path)
		ts.Check(err)
		if !fi.ModTime().Equal(setupTime) {
			ts.Fatalf("%s was rewritten (modified %v)", name, fi.ModTime())
		}
		names, err := dirNames(filepath.Dir(path))
		ts.Check(err)
		if extra := slices.DeleteFunc(names, func(n string) bool { return slices.Contains(was.dir, n) }); len(extra) > 0 {
			ts.Fatalf("gen left %s beside %s", strings.Join(extra, ", "), name)
		}
	}
}

func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	data := ts.ReadFile(args[0])
	if n := strings.Count(data, args[1]); n != 1 {
		ts.Fatalf("%s holds %q %d times, want once", args[0], args[1], n)
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Replace(data, args[1], args[2], 1)), 0o644))
}

func dirNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, err
}

// TestScriptCorpus: the error corpus covers the rules and the schema, and
// every broken registry says what it covers.
func TestScriptCorpus(t *testing.T) {
	const minErrors = 40
	files, _ := filepath.Glob("testdata/script/errors/*.txtar")
	if len(files) < minErrors {
		t.Errorf("testdata/script/errors holds %d broken registries, want at least %d", len(files), minErrors)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("# ")) {
			t.Errorf("%s: a script starts with a comment saying what it covers", f)
		}
	}
}
