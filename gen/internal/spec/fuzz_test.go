package spec_test

import (
	"bytes"
	"errors"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/molecule-ai/providers/gen/internal/gengo"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// FuzzCompile feeds arbitrary bytes to the loader and validator. Whatever
// the input, Compile must return quickly without panicking, and either a
// registry whose generated code parses or an *InputError whose every
// problem is positioned inside the input. The seeds are the shipped
// registry, every broken registry of gen/testdata/script/errors and the
// corpus in testdata/fuzz/FuzzCompile.
//
//	go test ./gen/internal/spec -run='^$' -fuzz=FuzzCompile -fuzztime=10m
func FuzzCompile(f *testing.F) {
	if data, err := os.ReadFile("../../../providers.yaml"); err == nil {
		f.Add(data)
	}
	files, _ := filepath.Glob("../../testdata/script/errors/*.txtar")
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, af := range a.Files {
			if af.Name == "providers.yaml" {
				f.Add(af.Data)
			}
		}
	}
	for _, s := range []string{
		"",
		"version: 1\nproviders: []\nruntimes: []\nmodels: []\n",
		"a: &a [*a]\n",
		"- 1\n- 2\n",
		"version: 1\n---\nversion: 1\n",
		"{",
		"version: 1\n<<: {x: 1}\n",
		"models:\n  - id: x\n    served_by:\n\t- provider: p\n",
		"\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		reg, err := spec.Compile("providers.yaml", data, false)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Compile took %v on %d bytes", d, len(data))
		}
		if err == nil {
			src, err := gengo.Generate(reg, "providersgen")
			if err != nil {
				t.Fatalf("Generate failed on a valid registry: %v", err)
			}
			if _, err := parser.ParseFile(token.NewFileSet(), "providers_gen.go", src, parser.AllErrors); err != nil {
				t.Fatalf("generated code does not parse: %v\n%s", err, src)
			}
			return
		}
		var ie *spec.InputError
		if !errors.As(err, &ie) {
			t.Fatalf("Compile returned %T %v, want an *InputError", err, err)
		}
		if len(ie.Diags) == 0 {
			t.Fatal("an *InputError without problems")
		}
		for _, d := range ie.Diags {
			if !inside(data, d.Pos) {
				t.Errorf("problem outside the input (%d lines): %s", bytes.Count(data, []byte("\n"))+1, ie.Line(d))
			}
			if d.Msg == "" {
				t.Errorf("problem without a message at %v", d.Pos)
			}
			if line := ie.Line(d); strings.ContainsAny(line, "\n\r") || !utf8.ValidString(line) {
				t.Errorf("a problem is not one line of text: %q", line)
			}
		}
	})
}

// inside reports whether p is a position in data: an existing line, and a
// column at most one past its last character.
func inside(data []byte, p spec.Pos) bool {
	lines := bytes.Split(data, []byte("\n"))
	if p.Line < 1 || int(p.Line) > len(lines) || p.Col < 1 {
		return false
	}
	line := lines[p.Line-1]
	n := len(line)
	if utf8.Valid(line) {
		n = utf8.RuneCount(line)
	}
	return int(p.Col) <= n+1
}
