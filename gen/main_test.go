package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// update rewrites golden files instead of comparing with them:
// go test ./gen -update.
var update = flag.Bool("update", false, "rewrite golden files under testdata")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"gen": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts in testdata/script: each is a txtar
// archive of files and gen invocations with their expected output.
func TestScripts(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// Scripts can copy the shipped registry in: cp $ROOT/providers.yaml .
			env.Setenv("ROOT", root)
			return nil
		},
		UpdateScripts: *update,
	})
}
