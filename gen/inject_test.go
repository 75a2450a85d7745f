package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// hostileNames are display names written to break out of a Go string
// literal, a comment or a line: quotes, backquotes, comment delimiters,
// newlines, directives, control and invisible characters, format verbs.
var hostileNames = []string{
	"Quote \" backtick ` star-slash */ and\nnewline",
	"/* block */ // line `raw` \"dq\" 'sq'",
	"\"}; func init() { panic(\"pwned\") }; var _ = []string{\"",
	"`+ os.Getenv(\"HOME\") +`",
	"*/ func init() { panic(1) } /*",
	"line one\n//go:build ignore\n//go:generate rm -rf /\npackage evil",
	"carriage\rreturn and tab\tand form\ffeed",
	"NUL \x00 bell \a escape \x1b[31m red",
	"line\u2028separator\u2029paragraph\u0085next \ufeff bom",
	"backslash \\ and \\\" and \\n literal",
	"%s %v %d %!x %%",
	"}\n)\n}\n",
	"émoji 🔑 and RTL \u202e override",
	strings.Repeat("`*/\"\n", 40),
}

// TestHostileNamesCompile generates a registry whose names are all hostile,
// checks the generated file declares exactly what it should, compiles and
// vets it as a package of its own module, and runs a test there that reads
// every name back byte for byte.
func TestHostileNamesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	var b strings.Builder
	b.WriteString("version: 1\nproviders:\n")
	for i, n := range hostileNames {
		fmt.Fprintf(&b, "  - id: p%d\n    name: %s\n    auth_env: [P%d_API_KEY]\n", i, yamlQuote(n), i)
	}
	b.WriteString("  - id: platform\n    platform: true\n    name: " + yamlQuote(hostileNames[0]) + "\n")
	b.WriteString("runtimes:\n  - id: rt\n    name: " + yamlQuote(hostileNames[2]) + "\n")
	b.WriteString("models:\n  - id: m\n    name: " + yamlQuote(hostileNames[1]) + "\n    served_by:\n")
	for i := range hostileNames {
		fmt.Fprintf(&b, "      - provider: p%d\n        runtimes: [rt]\n", i)
	}
	b.WriteString("  - id: n\n    served_by:\n      - provider: platform\n        runtimes: [rt]\n")

	reg, err := Compile("providers.yaml", []byte(b.String()), true)
	if err != nil {
		t.Fatalf("the hostile registry does not compile:\n%v\n%s", err, b.String())
	}
	for i, n := range hostileNames {
		if got := reg.Tables.Providers[i].Name; got != n {
			t.Fatalf("name %d read as %q, want %q", i, got, n)
		}
	}
	src, err := Generate(reg, "registry")
	if err != nil {
		t.Fatal(err)
	}

	// The file declares exactly the generated names: no name added a
	// declaration, a directive or a line to a comment.
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "registry_gen.go", src, parser.ParseComments)
	if err != nil {
		t.Fatalf("generated code does not parse: %v", err)
	}
	if !ast.IsGenerated(f) {
		t.Error("ast.IsGenerated is false")
	}
	var decls []string
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			t.Errorf("unexpected declaration %T", d)
			continue
		}
		for _, s := range gd.Specs {
			switch s := s.(type) {
			case *ast.ValueSpec:
				for _, n := range s.Names {
					decls = append(decls, n.Name)
				}
			case *ast.ImportSpec:
				decls = append(decls, "import "+s.Path.Value)
			default:
				t.Errorf("unexpected spec %T", s)
			}
		}
	}
	want := []string{"import \"github.com/molecule-ai/providers/resolver\"", "SourceSHA256"}
	for i := range hostileNames {
		want = append(want, fmt.Sprintf("ProviderP%d", i))
	}
	want = append(want, "ProviderPlatform", "RuntimeRt", "Registry", "tables")
	if !slices.Equal(decls, want) {
		t.Errorf("declarations:\n%v\nwant:\n%v", decls, want)
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:") || strings.HasPrefix(c.Text, "/*") {
				t.Errorf("generated comment %q at %v", c.Text, fset.Position(c.Pos()))
			}
		}
	}

	// Compile, vet and run it.
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":                   "module injected\n\ngo 1.26\n\nrequire github.com/molecule-ai/providers v0.0.0\n\nreplace github.com/molecule-ai/providers => " + root + "\n",
		"go.sum":                   string(sum),
		"registry/registry_gen.go": string(src),
		"registry/names_test.go":   namesTest(reg),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// namesTest is a test for the generated package that compares every name
// in its tables with the name in providers.yaml, and derives through it.
func namesTest(reg *Registry) string {
	var b strings.Builder
	b.WriteString("package registry\n\nimport \"testing\"\n\nfunc TestNames(t *testing.T) {\n\twant := []string{\n")
	for _, p := range reg.Tables.Providers {
		fmt.Fprintf(&b, "\t\t%s,\n", strconv.Quote(p.Name))
	}
	b.WriteString("\t}\n\tif len(tables.Providers) != len(want) {\n\t\tt.Fatalf(\"%d providers\", len(tables.Providers))\n\t}\n")
	b.WriteString("\tfor i, p := range tables.Providers {\n\t\tif p.Name != want[i] {\n\t\t\tt.Errorf(\"provider %d: name %q, want %q\", i, p.Name, want[i])\n\t\t}\n\t}\n")
	fmt.Fprintf(&b, "\tif got := tables.Runtimes[0].Name; got != %s {\n\t\tt.Errorf(\"runtime name %%q\", got)\n\t}\n", strconv.Quote(reg.Tables.Runtimes[0].Name))
	b.WriteString("\tif d, err := Registry.Derive(\"rt\", \"m\", []string{\"P3_API_KEY\"}); err != nil || d.Provider != ProviderP3 {\n\t\tt.Errorf(\"Derive: %+v, %v\", d, err)\n\t}\n")
	b.WriteString("\tif !Registry.IsPlatform(ProviderPlatform) {\n\t\tt.Error(\"platform is not the platform\")\n\t}\n}\n")
	return b.String()
}

// yamlQuote writes s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TestUnsafeSpellingsRejected: every id, alias, legacy id, env name and
// go_name that could end a string literal, a raw string or a comment, or
// start a new line, is refused by the schema patterns; none reaches
// Generate. (Names are free text and escaped instead: see above.)
func TestUnsafeSpellingsRejected(t *testing.T) {
	bad := []string{"a\"b", "a`b", "a*/b", "a/*b", "a\nb", "a\\b", "a b", "a;b", "a{b", "a}b", "a)b", "a\x00b", "a\u2028b", "a'b", "a$b"}
	const anthropic = "id: anthropic\n    auth_env: [ANTHROPIC_API_KEY]\n"
	fields := []struct{ what, old, tmpl string }{
		{"provider id", anthropic, anthropic + "  - id: %s\n"},
		{"runtime id", "id: claude-code\n", "id: claude-code\n  - id: %s\n"},
		{"alias", "id: opus\n", "id: opus\n    aliases: [%s]\n"},
		{"legacy id", "id: opus\n", "id: opus\n    legacy_ids: [%s]\n"},
		{"env name", anthropic, "id: anthropic\n    auth_env: [%s]\n"},
		{"go_name", "id: claude-code\n", "id: claude-code\n    go_name: %s\n"},
	}
	for _, f := range fields {
		for _, s := range bad {
			src := strings.Replace(validRegistry, f.old, fmt.Sprintf(f.tmpl, yamlQuote(s)), 1)
			_, err := Compile("providers.yaml", []byte(src), false)
			if err == nil {
				t.Errorf("%s %q is accepted", f.what, s)
				continue
			}
			if !strings.Contains(err.Error(), "is not a valid") {
				t.Errorf("%s %q: no pattern error:\n%v", f.what, s, err)
			}
		}
	}
}
