package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/molecule-ai/providers/gen/internal/audit"
	"github.com/molecule-ai/providers/gen/internal/delta"
	"github.com/molecule-ai/providers/gen/internal/explain"
	"github.com/molecule-ai/providers/gen/internal/generate"
	"github.com/molecule-ai/providers/gen/internal/lint"
	"github.com/molecule-ai/providers/gen/internal/output"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/gen/internal/version"
	"github.com/molecule-ai/providers/resolver"
)

// Exit codes of every subcommand.
const (
	exitOK      = 0
	exitChanged = 1 // differences found: stale output, a non-empty delta
	exitInvalid = 2 // invalid input or usage
	exitIO      = 3 // an output could not be written (permissions, a full disk)
)

// errChanged makes a command exit 1 after it has printed what changed.
var errChanged = errors.New("differences found")

// errReported makes a command exit 2 after it has printed its problems,
// and errUnwritten exit 3, when one was a file it could not write.
var (
	errReported  = errors.New("problems reported")
	errUnwritten = errors.New("a file could not be written")
)

type usageError struct{ msg, synopsis string }

func (e *usageError) Error() string { return e.msg }

// Synopses of the subcommands; -h adds each flag's description.
const (
	genSynopsis     = "gen [-in providers.yaml] [-out providersgen/providers_gen.go] [-pkg name] [-strict] [-check]\n    [-json registry.json] [-vectors vectors.json] [-markdown PROVIDERS.md] | -version"
	deltaSynopsis   = "gen delta -base OLD.yaml | -base-ref REV [-in NEW.yaml] [-format markdown|json] [-exit-code]"
	explainSynopsis = "gen explain -runtime R -model M [-env NAME]... [-override V] [-secret NAME[:platform]]... [-in providers.yaml]"
	lintSynopsis    = "gen lint [-in providers.yaml] [-today YYYY-MM-DD] [-format text|json]"
	auditSynopsis   = "gen audit [-in providers.yaml] [-enforce warn|reject] [-format text|json|markdown]\n    [-runtime-key runtime] [-model-key model] [-fix [-fix-retired]] PATH..."
)

const usage = `usage:
  ` + genSynopsis + `
  ` + deltaSynopsis + `
  ` + explainSynopsis + `
  ` + lintSynopsis + `
  ` + auditSynopsis + `

gen compiles providers.yaml into Go tables (writing only when the input is
valid) and, on request, into JSON for other languages, test vectors and a
Markdown catalogue; -check compares instead of writing. gen delta shows what a
change to providers.yaml does to billing; gen explain shows one decision step
by step; gen lint lists what the calendar has made stale; gen audit says
whether a corpus of workspaces is ready for reject. 'gen help CMD' or
'gen CMD -h' describes each flag.

Exit status: 0 ok, 1 differences found, 2 invalid input or usage (an
output path that is the input, another output or not a regular file
included), 3 an output could not be written (permissions, a full disk;
every old file is left in place, see gen -h).
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

Outputs are regular files: an output path that is the input or another
output, a device, a FIFO, a socket or a directory is refused (exit 2); a
symlink is written through to its target. Every output is written to a
temporary file beside it first, and only when all are on disk are they
renamed over the old ones, so a failure leaves every old file in place (exit
3, naming the path); an existing file keeps its permissions. Temporary files
are removed on SIGINT and SIGTERM, and left-overs of a killed run (named
.FILE.gen-*.tmp) by the next run.

Subcommands ('gen help CMD' describes each):
  gen delta     what a change to providers.yaml does to billing, for reviewers
  gen explain   one workspace's derivation and billing decision, step by step
  gen lint      lifecycle dates that have come, and what the platform still pays for
  gen audit     what the registry makes of a corpus of workspaces; -fix converges it
  gen help      the usage of every subcommand
`,
	"delta": deltaSynopsis + `

Shows what a change to providers.yaml does to billing: both registries are
evaluated with the real resolver over every governed runtime, every model
spelling of either (those it does not serve are billed by the model, step 3)
and every relevant auth-env set, and each changed outcome is listed (billing flips first) with the registry changes behind it.
The headline counts (runtime, model) pairs; a pair the registry did not serve
before is an addition, not a billing flip.
`,
	"explain": explainSynopsis + `

Explains one workspace's decision step by step: the runtime, the model
spelling, the providers serving the pair, which auth env chose, the billing
mode and its source, and the credential plan. -env names the auth env vars
that are set (they drive the derivation); -secret describes the workspace's
secrets for the credential plan (they default to the -env names, as the
owner's own).
`,
	"lint": lintSynopsis + `

Lists, as of -today, models whose retires_on or deprecated_on has come but
whose status does not say so, and deprecated or retired models the platform
still serves (and pays for); exit 1 when it finds any. The only subcommand
that reads the date: generating and -check never do.
`,
	"audit": auditSynopsis + audit.Help,
}

// run is the whole command: it parses args, runs one subcommand and maps
// its error to an exit code.
func run(args []string, stdout, stderr io.Writer) int {
	var err error
	switch {
	case len(args) > 0 && args[0] == "delta":
		err = runDelta(args[1:], stdout)
	case len(args) > 0 && args[0] == "explain":
		err = runExplain(args[1:], stdout)
	case len(args) > 0 && args[0] == "lint":
		err = runLint(args[1:], stdout)
	case len(args) > 0 && args[0] == "audit":
		err = runAudit(args[1:], stdout, stderr)
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
	var ie *spec.InputError
	var ue *usageError
	var oe *output.UsageError
	var we *output.WriteError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errChanged):
		return exitChanged
	case errors.Is(err, errReported):
		return exitInvalid
	case errors.Is(err, errUnwritten):
		return exitIO
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ie):
		fmt.Fprintln(stderr, ie.Error())
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "gen: %s\nusage: %s\nrun 'gen help' for more.\n", ue.msg, ue.synopsis)
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "gen: %s\n", oe.Msg)
	case errors.As(err, &we):
		fmt.Fprintf(stderr, "gen: %v\n", we)
		return exitIO
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
	paths  bool // arguments follow the flags
}

func newFlags(name string, stdout io.Writer) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{FlagSet: fs, name: name, stdout: stdout}
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
	if fs.NArg() > 0 && !fs.paths {
		return fs.usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// usagef is a usage error of this subcommand.
func (fs *flags) usagef(format string, args ...any) error {
	synopsis, _, _ := strings.Cut(help[fs.name], "\n\n")
	return &usageError{fmt.Sprintf(format, args...), synopsis}
}

// given returns the flags set on the command line, with their values.
func (fs *flags) given() map[string]string {
	m := map[string]string{}
	fs.Visit(func(f *flag.Flag) { m[f.Name] = f.Value.String() })
	return m
}

func runGen(args []string, stdout, stderr io.Writer) error {
	var o generate.Options
	fs := newFlags("gen", stdout)
	fs.StringVar(&o.In, "in", "providers.yaml", "the registry to compile")
	fs.StringVar(&o.Out, "out", "providersgen/providers_gen.go", "the Go file to write; empty for none (with -json, -vectors or -markdown)")
	fs.StringVar(&o.Pkg, "pkg", defaultPkg(), "the package name of the generated file ($GOPACKAGE under go generate)")
	fs.BoolVar(&o.Strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&o.Check, "check", false, "compare the generated files with those on disk instead of writing them; exit 1 when stale")
	fs.StringVar(&o.JSON, "json", "", "also write the registry as JSON to `FILE` (artifacts/registry.schema.json)")
	fs.StringVar(&o.Vectors, "vectors", "", "also write the derivation test vectors as JSON to `FILE` (artifacts/vectors.schema.json)")
	fs.StringVar(&o.Markdown, "markdown", "", "also write the Markdown catalogue (PROVIDERS.md) to `FILE`")
	showVersion := fs.Bool("version", false, "print the generator's version (the module version go.mod requires) and exit")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *showVersion {
		_, err := fmt.Fprintln(stdout, version.String())
		return err
	}
	if err := generate.CheckPackage(o.Pkg, o.Out); err != nil {
		return fs.usagef("%v", err)
	}
	if o.Out == "" && o.JSON == "" && o.Vectors == "" && o.Markdown == "" {
		return fs.usagef("nothing to generate: -out is empty and no -json, -vectors or -markdown")
	}
	o.Fix = fixCommand(fs.given(), o.Strict)
	stale, err := generate.Run(o, stdout, stderr)
	if stale {
		return errChanged
	}
	return err
}

func defaultPkg() string {
	if p := os.Getenv("GOPACKAGE"); p != "" {
		return p
	}
	return "providersgen"
}

// fixCommand is the command that regenerates what -check compared: the
// same flags, less -check.
func fixCommand(given map[string]string, strict bool) string {
	cmd := []string{"go run github.com/molecule-ai/providers/gen"}
	for _, name := range []string{"in", "out", "pkg", "json", "vectors", "markdown"} {
		if v, ok := given[name]; ok {
			cmd = append(cmd, "-"+name, shellQuote(v))
		}
	}
	if strict {
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

func runDelta(args []string, stdout io.Writer) error {
	fs := newFlags("delta", stdout)
	base := fs.String("base", "", "the registry before the change (a file)")
	baseRef := fs.String("base-ref", "", "the registry before the change: -in as of this git revision (git show REV:PATH, run in -in's directory); A...B is the merge base of A and B")
	in := fs.String("in", "providers.yaml", "the registry after the change")
	format := fs.String("format", "markdown", "output format: markdown or json")
	exitCode := fs.Bool("exit-code", false, "exit 1 when any outcome changed")
	if err := fs.parse(args); err != nil {
		return err
	}
	if (*base == "") == (*baseRef == "") {
		return fs.usagef("delta needs exactly one of -base FILE and -base-ref REV")
	}
	if *format != "markdown" && *format != "json" {
		return fs.usagef("-format %q: want markdown or json", *format)
	}
	var old *spec.Registry
	var err error
	if *base != "" {
		old, err = spec.Load(*base, false)
	} else {
		old, err = delta.LoadRef(*baseRef, *in)
	}
	if err != nil {
		return err
	}
	cur, err := spec.Load(*in, false)
	if err != nil {
		return err
	}
	d := delta.Compute(old, cur)
	out, err := d.Markdown()
	if *format == "json" {
		out, err = d.JSON()
	}
	if err != nil {
		return err
	}
	if _, err := stdout.Write(out); err != nil {
		return err
	}
	if *exitCode && len(d.Changes) > 0 {
		return errChanged
	}
	return nil
}

// listFlag collects a repeatable flag of names. A comma separates names
// too (-env A,B is -env A -env B): no env name can hold one, so a comma is
// always a list the user meant, never part of a name.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for s := range strings.SplitSeq(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			return fmt.Errorf("empty name in %q", v)
		}
		*l = append(*l, s)
	}
	return nil
}

func runExplain(args []string, stdout io.Writer) error {
	fs := newFlags("explain", stdout)
	in := fs.String("in", "providers.yaml", "the registry")
	var c explain.Case
	fs.StringVar(&c.Runtime, "runtime", "", "the workspace's runtime")
	fs.StringVar(&c.Model, "model", "", "the workspace's model string")
	fs.StringVar(&c.Override, "override", "", "the stored billing override (platform_managed or byok)")
	var env, secrets listFlag
	fs.Var(&env, "env", "the `NAME` of an auth env var that is set (repeatable; -env A,B is -env A -env B)")
	fs.Var(&secrets, "secret", "a workspace secret `NAME`, or NAME:platform for a platform-scope one (repeatable, or comma-separated); defaults to the -env names")
	if err := fs.parse(args); err != nil {
		return err
	}
	if set := fs.given(); !hasKeys(set, "runtime", "model") {
		return fs.usagef("explain needs -runtime and -model (-model '' explains an unset model)")
	}
	c.Env = env
	for _, s := range secrets {
		name, scope, _ := strings.Cut(s, ":")
		switch scope {
		case "", "platform":
		default:
			return fs.usagef("-secret %q: want NAME or NAME:platform", s)
		}
		c.Secrets = append(c.Secrets, resolver.Secret{Name: name, PlatformScope: scope == "platform"})
	}
	if len(secrets) == 0 {
		for _, e := range env {
			c.Secrets = append(c.Secrets, resolver.Secret{Name: e})
		}
	}
	reg, err := spec.Load(*in, false)
	if err != nil {
		return err
	}
	explain.Write(stdout, reg, c)
	return nil
}

func runLint(args []string, stdout io.Writer) error {
	fs := newFlags("lint", stdout)
	in := fs.String("in", "providers.yaml", "the registry")
	today := fs.String("today", time.Now().Format(time.DateOnly), "the day to lint as of, YYYY-MM-DD")
	format := fs.String("format", "text", "output format: text or json")
	if err := fs.parse(args); err != nil {
		return err
	}
	if err := lint.ParseDay(*today); err != nil {
		return fs.usagef("-today: %v", err)
	} else if *format != "text" && *format != "json" {
		return fs.usagef("-format %q: want text or json", *format)
	}
	reg, err := spec.Load(*in, false)
	if err != nil {
		return err
	}
	r := lint.Check(reg, *today)
	if err := map[string]func(io.Writer) error{"text": r.Text, "json": r.JSON}[*format](stdout); err != nil || len(r.Findings) == 0 {
		return err
	}
	return errChanged
}

func hasKeys(m map[string]string, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	return true
}

func runAudit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("audit", stdout)
	fs.paths = true
	in := fs.String("in", "providers.yaml", "the registry")
	enforce := fs.String("enforce", "reject", "the enforcement level of the verdict: warn or reject")
	format := fs.String("format", "text", "output format: text, json or markdown")
	var o audit.Options
	fs.StringVar(&o.Keys.Runtime, "runtime-key", "runtime", "the `NAME` of the runtime field or column")
	fs.StringVar(&o.Keys.Model, "model-key", "model", "the `NAME` of the model field or column")
	fs.BoolVar(&o.Fix, "fix", false, "rewrite alias, legacy and case-only spellings to the canonical id, in place")
	fs.BoolVar(&o.FixRetired, "fix-retired", false, "with -fix, also rewrite a retired model to its replacement")
	if err := fs.parse(args); err != nil {
		return err
	}
	var ok bool
	switch o.Enforce, ok = resolver.ParseEnforcement(*enforce); {
	case !ok || o.Enforce == resolver.EnforceOff:
		return fs.usagef("-enforce %q: want warn or reject", *enforce)
	case !audit.IsFormat(*format):
		return fs.usagef("-format %q: want text, json or markdown", *format)
	case fs.NArg() == 0:
		return fs.usagef("audit needs a PATH: a corpus file or directory")
	case o.FixRetired && !o.Fix:
		return fs.usagef("-fix-retired rewrites only with -fix")
	}
	reg, err := spec.Load(*in, false)
	if err != nil {
		return err
	}
	rep, err := audit.Run(reg, fs.Args(), o)
	if err != nil {
		return err
	}
	out, err := rep.Render(*format)
	stdout.Write(out)
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, p)
	}
	switch {
	case err != nil:
		return err
	case slices.ContainsFunc(rep.Problems, func(p audit.Problem) bool { return p.Write }):
		return errUnwritten
	case len(rep.Problems) > 0:
		return errReported
	case rep.Summary.Refused > 0:
		return errChanged
	}
	return nil
}
