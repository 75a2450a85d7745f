package main

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Exit codes of every subcommand.
const (
	exitOK      = 0
	exitChanged = 1 // differences found: stale output, a non-empty delta
	exitInvalid = 2 // invalid input or usage
)

// errChanged makes a command exit 1 after it has printed what changed.
var errChanged = errors.New("differences found")

type usageError struct{ msg, synopsis string }

func (e *usageError) Error() string { return e.msg }

// Synopses of the subcommands; -h adds each flag's description.
const (
	genSynopsis     = "gen [-in providers.yaml] [-out providersgen/providers_gen.go] [-pkg name] [-strict] [-check]\n    [-json registry.json] [-vectors vectors.json] [-markdown PROVIDERS.md]"
	deltaSynopsis   = "gen delta -base OLD.yaml | -base-ref REV [-in NEW.yaml] [-format markdown|json] [-exit-code]"
	explainSynopsis = "gen explain -runtime R -model M [-env NAME]... [-override V] [-secret NAME[:platform]]... [-in providers.yaml]"
)

const usage = `usage:
  ` + genSynopsis + `
  ` + deltaSynopsis + `
  ` + explainSynopsis + `

gen compiles providers.yaml into Go tables (writing only when the input is
valid) and, on request, into JSON for other languages, test vectors and a
Markdown catalogue; -check compares instead of writing. gen delta shows what a
change to providers.yaml does to billing; gen explain shows one decision step
by step. 'gen help CMD' or 'gen CMD -h' describes each flag.

Exit status: 0 ok, 1 differences found, 2 invalid input or usage.
`

// help is what each subcommand says of itself under -h, before its flags.
var help = map[string]string{
	"gen": genSynopsis + `

Validates providers.yaml (the JSON Schema, then the registry's rules) and
writes the Go tables, and any of the JSON registry, test vectors and Markdown
catalogue asked for, atomically and only when the bytes change. Every problem
in the input is reported as FILE:LINE:COL: path: message, exit status 2, and
nothing is written. -check writes nothing: exit 1, with a diff and the command
that fixes it, when a file is stale or missing.
`,
	"delta": deltaSynopsis + `

Shows what a change to providers.yaml does to billing: both registries are
evaluated with the real resolver over every governed runtime, every model
spelling either serves there and every relevant auth-env set, and each changed
outcome is listed (billing flips first) with the registry changes behind it.
`,
	"explain": explainSynopsis + `

Explains one workspace's decision step by step: the runtime, the model
spelling, the providers serving the pair, which auth env chose, the billing
mode and its source, and the credential plan. -env names the auth env vars
that are set (they drive the derivation); -secret describes the workspace's
secrets for the credential plan (they default to the -env names, as the
owner's own).
`,
}

// run is the whole command: it parses args, runs one subcommand and maps
// its error to an exit code.
func run(args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && args[0] == "delta":
		err = runDelta(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "explain":
		err = runExplain(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "help":
		switch {
		case len(args) == 1:
			fmt.Fprint(stdout, usage)
		case help[args[1]] != "":
			return run([]string{args[1], "-h"}, stdout, stderr)
		default:
			fmt.Fprintf(stderr, "gen: no help for %q; try gen help\n", args[1])
			return exitInvalid
		}
		return exitOK
	default:
		err = runGen(args, stdout, stderr)
	}
	var ie *InputError
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errChanged):
		return exitChanged
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ie):
		fmt.Fprintln(stderr, ie.Error())
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "gen: %s\nusage: %s\nrun 'gen help' for more.\n", ue.msg, ue.synopsis)
	default:
		fmt.Fprintf(stderr, "gen: %v\n", err)
	}
	return exitInvalid
}

// flags is a subcommand's flag set: its errors become usage errors, and -h
// prints the subcommand's help and flags to stdout and exits 0.
type flags struct {
	*flag.FlagSet
	name   string
	stdout io.Writer
}

func newFlags(name string, stdout io.Writer) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{fs, name, stdout}
}

func (fs *flags) parse(args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(fs.stdout, "usage: %s\nFlags:\n", help[fs.name])
			fs.SetOutput(fs.stdout)
			fs.PrintDefaults()
			return flag.ErrHelp
		}
		return fs.usagef("%s", err.Error())
	}
	if fs.NArg() > 0 {
		return fs.usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// usagef is a usage error of this subcommand.
func (fs *flags) usagef(format string, args ...any) error {
	synopsis, _, _ := strings.Cut(help[fs.name], "\n\n")
	return &usageError{fmt.Sprintf(format, args...), synopsis}
}

type genFlags struct {
	in, out, pkg string
	strict       bool
	check        bool
	given        map[string]string // the flags given, with their values

	// Artifacts for other languages and for people; "" for none.
	json, vectors, markdown string
}

func runGen(args []string, stdout, stderr io.Writer) error {
	var g genFlags
	fs := newFlags("gen", stdout)
	fs.StringVar(&g.in, "in", "providers.yaml", "the registry to compile")
	fs.StringVar(&g.out, "out", "providersgen/providers_gen.go", "the Go file to write; empty for none (with -json, -vectors or -markdown)")
	fs.StringVar(&g.pkg, "pkg", defaultPkg(), "the package name of the generated file ($GOPACKAGE under go generate)")
	fs.BoolVar(&g.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&g.check, "check", false, "compare the generated files with those on disk instead of writing them; exit 1 when stale")
	fs.StringVar(&g.json, "json", "", "also write the registry as JSON to `FILE` (artifacts/registry.schema.json)")
	fs.StringVar(&g.vectors, "vectors", "", "also write the derivation test vectors as JSON to `FILE` (artifacts/vectors.schema.json)")
	fs.StringVar(&g.markdown, "markdown", "", "also write the Markdown catalogue (PROVIDERS.md) to `FILE`")
	if err := fs.parse(args); err != nil {
		return err
	}
	g.given = map[string]string{}
	fs.Visit(func(f *flag.Flag) { g.given[f.Name] = f.Value.String() })
	if !token.IsIdentifier(g.pkg) || g.pkg == "_" {
		return fs.usagef("-pkg %q is not a Go package name", g.pkg)
	}
	if g.out == "" && g.json == "" && g.vectors == "" && g.markdown == "" {
		return fs.usagef("nothing to generate: -out is empty and no -json, -vectors or -markdown")
	}

	reg, err := Load(g.in, g.strict)
	var ie *InputError
	if errors.As(err, &ie) {
		ie.File = displayPath(ie.File)
	}
	if err != nil {
		return err
	}
	reg.File = displayPath(reg.File)
	printWarnings(stderr, reg)
	outs, err := g.outputs(reg)
	if err != nil {
		return err
	}
	if g.check {
		return checkOutputs(g, outs, stdout, stderr)
	}
	return writeOutputs(outs, stdout)
}

// displayPath is how messages name the input. Under go generate, which runs
// in the package's directory, a path such as ../providers.yaml is given
// relative to the module root instead, where the user ran go generate ./...
// and where editors resolve file:line:col.
func displayPath(path string) string {
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

func defaultPkg() string {
	if p := os.Getenv("GOPACKAGE"); p != "" {
		return p
	}
	return "providersgen"
}

func printWarnings(w io.Writer, reg *Registry) {
	if len(reg.Warnings) == 0 {
		return
	}
	e := &InputError{File: reg.File, Diags: reg.Warnings}
	fmt.Fprintln(w, e.Error())
}

// fixCommand is the command that regenerates what -check compared: the
// same flags, less -check.
func (g genFlags) fixCommand() string {
	cmd := []string{"go run github.com/molecule-ai/providers/gen"}
	for _, name := range []string{"in", "out", "pkg", "json", "vectors", "markdown"} {
		if v, ok := g.given[name]; ok {
			cmd = append(cmd, "-"+name, shellQuote(v))
		}
	}
	if g.strict {
		cmd = append(cmd, "-strict")
	}
	return strings.Join(cmd, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
