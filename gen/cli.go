package main

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
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

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

const usage = `usage:
  gen [-in providers.yaml] [-out providersgen/providers_gen.go] [-pkg name] [-strict] [-check]
      [-json registry.json] [-vectors vectors.json] [-markdown PROVIDERS.md]
  gen delta -base OLD.yaml | -base-ref REV [-in NEW.yaml] [-format markdown|json] [-exit-code]
  gen explain -runtime R -model M [-env NAME]... [-override V] [-secret NAME[:platform]]... [-in providers.yaml]

gen compiles providers.yaml into Go tables (writing only when the input is
valid) and, on request, into JSON for other languages, test vectors and a
Markdown catalogue; -check compares instead of writing. Exit status: 0 ok,
1 differences found, 2 invalid input or usage.
`

// run is the whole command: it parses args, runs one subcommand and maps
// its error to an exit code.
func run(args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && args[0] == "delta":
		err = runDelta(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "explain":
		err = runExplain(args[1:], stdout, stderr)
	case len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help"):
		fmt.Fprint(stdout, usage)
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
		fmt.Fprintf(stderr, "gen: %s\n%s", ue.msg, usage)
	default:
		fmt.Fprintf(stderr, "gen: %v\n", err)
	}
	return exitInvalid
}

// newFlags returns a flag set whose errors become usage errors.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return usagef("help requested")
		}
		return &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
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
	fs := newFlags("gen", stderr)
	fs.StringVar(&g.in, "in", "providers.yaml", "the registry to compile")
	fs.StringVar(&g.out, "out", "providersgen/providers_gen.go", "the Go file to write; empty for none (with -json, -vectors or -markdown)")
	fs.StringVar(&g.pkg, "pkg", defaultPkg(), "the package name of the generated file ($GOPACKAGE under go generate)")
	fs.BoolVar(&g.strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&g.check, "check", false, "compare the generated files with those on disk instead of writing them; exit 1 when stale")
	fs.StringVar(&g.json, "json", "", "also write the registry as JSON to `FILE` (artifacts/registry.schema.json)")
	fs.StringVar(&g.vectors, "vectors", "", "also write the derivation test vectors as JSON to `FILE` (artifacts/vectors.schema.json)")
	fs.StringVar(&g.markdown, "markdown", "", "also write the Markdown catalogue (PROVIDERS.md) to `FILE`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	g.given = map[string]string{}
	fs.Visit(func(f *flag.Flag) { g.given[f.Name] = f.Value.String() })
	if !token.IsIdentifier(g.pkg) {
		return usagef("-pkg %q is not a Go package name", g.pkg)
	}
	if g.out == "" && g.json == "" && g.vectors == "" && g.markdown == "" {
		return usagef("nothing to generate: -out is empty and no -json, -vectors or -markdown")
	}

	reg, err := Load(g.in, g.strict)
	if err != nil {
		return err
	}
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
