package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/molecule-ai/providers/gen/internal/audit"
	"github.com/molecule-ai/providers/gen/internal/cli"
	"github.com/molecule-ai/providers/gen/internal/delta"
	"github.com/molecule-ai/providers/gen/internal/explain"
	"github.com/molecule-ai/providers/gen/internal/generate"
	"github.com/molecule-ai/providers/gen/internal/importer"
	"github.com/molecule-ai/providers/gen/internal/lint"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/gen/internal/version"
	"github.com/molecule-ai/providers/resolver"
)

// subcommands are gen's subcommands, in the order gen help lists them.
var subcommands = cli.Commands{
	{Name: "delta", Summary: "what a change to providers.yaml does to billing, for reviewers", Usage: delta.Usage, Run: runDelta},
	{Name: "explain", Summary: "one workspace's derivation and billing decision, step by step", Usage: explain.Usage, Run: runExplain},
	{Name: "lint", Summary: "lifecycle dates that have come, and what the platform still pays for", Usage: lint.Usage, Run: runLint},
	{Name: "audit", Summary: "what the registry makes of a corpus of workspaces; -fix converges it", Usage: audit.Usage, Run: runAudit},
	{Name: "import", Summary: "draft entries from a catalogue snapshot, or check and fix their drift", Usage: importer.Usage, Run: runImport},
}

// overview is what gen help says after the synopses.
const overview = `
gen compiles providers.yaml into Go tables (writing only when the input is
valid) and, on request, into JSON for other languages, test vectors and a
Markdown catalogue; -check compares instead of writing. 'gen help CMD' or
'gen CMD -h' describes each flag.

Exit status: 0 ok, 1 differences found, 2 invalid input or usage (an
output path that is the input, another output or not a regular file
included), 3 an output could not be written (permissions, a full disk;
every old file is left in place, see gen -h).
`

// run is the whole command: it parses args, runs gen or one subcommand
// and maps its error to an exit code.
func run(args []string, stdout, stderr io.Writer) int {
	return subcommands.Main(cli.Command{Name: "gen", Usage: generate.Usage, Run: runGen}, overview, args, stdout, stderr)
}

func runGen(args []string, stdout, stderr io.Writer) error {
	var o generate.Options
	fs := cli.NewFlags("gen", generate.Usage+subcommands.List("gen"), false, stdout)
	fs.StringVar(&o.In, "in", "providers.yaml", "the registry to compile")
	fs.StringVar(&o.Out, "out", "providersgen/providers_gen.go", "the Go file to write; empty for none (with -json, -vectors or -markdown)")
	fs.StringVar(&o.Pkg, "pkg", defaultPkg(), "the package name of the generated file ($GOPACKAGE under go generate)")
	fs.BoolVar(&o.Strict, "strict", false, "treat warnings as errors")
	fs.BoolVar(&o.Check, "check", false, "compare the generated files with those on disk instead of writing them; exit 1 when stale")
	fs.StringVar(&o.JSON, "json", "", "also write the registry as JSON to `FILE` (artifacts/registry.schema.json)")
	fs.StringVar(&o.Vectors, "vectors", "", "also write the derivation test vectors as JSON to `FILE` (artifacts/vectors.schema.json)")
	fs.StringVar(&o.Markdown, "markdown", "", "also write the Markdown catalogue (PROVIDERS.md) to `FILE`")
	showVersion := fs.Bool("version", false, "print the generator's version (the module version go.mod requires) and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *showVersion {
		_, err := fmt.Fprintln(stdout, version.String())
		return err
	}
	if err := generate.CheckPackage(o.Pkg, o.Out); err != nil {
		return fs.Usagef("%v", err)
	}
	if o.Out == "" && o.JSON == "" && o.Vectors == "" && o.Markdown == "" {
		return fs.Usagef("nothing to generate: -out is empty and no -json, -vectors or -markdown")
	}
	o.Fix = generate.FixCommand(fs.Given(), o.Strict)
	stale, err := generate.Run(o, stdout, stderr)
	if stale {
		return cli.ErrChanged
	}
	return err
}

func defaultPkg() string {
	if p := os.Getenv("GOPACKAGE"); p != "" {
		return p
	}
	return "providersgen"
}

func runDelta(args []string, stdout, _ io.Writer) error {
	fs := cli.NewFlags("delta", delta.Usage, false, stdout)
	base := fs.String("base", "", "the registry before the change (a file)")
	baseRef := fs.String("base-ref", "", "the registry before the change: -in as of this git revision (git show REV:PATH, run in -in's directory); A...B is the merge base of A and B")
	in := fs.String("in", "providers.yaml", "the registry after the change")
	format := fs.String("format", "markdown", "output format: markdown or json")
	exitCode := fs.Bool("exit-code", false, "exit 1 when any outcome or credential plan changed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*base == "") == (*baseRef == "") {
		return fs.Usagef("delta needs exactly one of -base FILE and -base-ref REV")
	}
	if *format != "markdown" && *format != "json" {
		return fs.Usagef("-format %q: want markdown or json", *format)
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
	if *exitCode && d.OutcomesChanged() {
		return cli.ErrChanged
	}
	return nil
}

func runExplain(args []string, stdout, _ io.Writer) error {
	fs := cli.NewFlags("explain", explain.Usage, false, stdout)
	in := fs.String("in", "providers.yaml", "the registry")
	var c explain.Case
	fs.StringVar(&c.Runtime, "runtime", "", "the workspace's runtime")
	fs.StringVar(&c.Model, "model", "", "the workspace's model string")
	fs.StringVar(&c.Override, "override", "", "the stored billing override (platform_managed or byok)")
	var env, secrets cli.List
	fs.Var(&env, "env", "the `NAME` of an auth env var that is set (repeatable; -env A,B is -env A -env B)")
	fs.Var(&secrets, "secret", "a workspace secret `NAME`, or NAME:platform for a platform-scope one (repeatable, or comma-separated); defaults to the -env names")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !fs.GivenAll("runtime", "model") {
		return fs.Usagef("explain needs -runtime and -model (-model '' explains an unset model)")
	}
	c.Env = env
	for _, s := range secrets {
		secret, err := explain.ParseSecret(s)
		if err != nil {
			return fs.Usagef("-secret %q: %v", s, err)
		}
		c.Secrets = append(c.Secrets, secret)
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

func runLint(args []string, stdout, _ io.Writer) error {
	fs := cli.NewFlags("lint", lint.Usage, false, stdout)
	in := fs.String("in", "providers.yaml", "the registry")
	today := fs.String("today", time.Now().Format(time.DateOnly), "the day to lint as of, YYYY-MM-DD")
	format := fs.String("format", "text", "output format: text or json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := lint.ParseDay(*today); err != nil {
		return fs.Usagef("-today: %v", err)
	} else if *format != "text" && *format != "json" {
		return fs.Usagef("-format %q: want text or json", *format)
	}
	reg, err := spec.Load(*in, false)
	if err != nil {
		return err
	}
	r := lint.Check(reg, *today)
	if err := map[string]func(io.Writer) error{"text": r.Text, "json": r.JSON}[*format](stdout); err != nil || len(r.Findings) == 0 {
		return err
	}
	return cli.ErrChanged
}

func runAudit(args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlags("audit", audit.Usage, true, stdout)
	in := fs.String("in", "providers.yaml", "the registry")
	enforce := fs.String("enforce", "reject", "the enforcement level of the verdict: warn or reject")
	format := fs.String("format", "text", "output format: text, json or markdown")
	var o audit.Options
	fs.StringVar(&o.Keys.Runtime, "runtime-key", "runtime", "the `NAME` of the runtime field or column")
	fs.StringVar(&o.Keys.Model, "model-key", "model", "the `NAME` of the model field or column")
	fs.BoolVar(&o.Fix, "fix", false, "rewrite alias, legacy and case-only spellings to the canonical id, in place")
	fs.BoolVar(&o.FixRetired, "fix-retired", false, "with -fix, also rewrite a retired model to its replacement")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var ok bool
	switch o.Enforce, ok = resolver.ParseEnforcement(*enforce); {
	case !ok || o.Enforce == resolver.EnforceOff:
		return fs.Usagef("-enforce %q: want warn or reject", *enforce)
	case !audit.IsFormat(*format):
		return fs.Usagef("-format %q: want text, json or markdown", *format)
	case fs.NArg() == 0:
		return fs.Usagef("audit needs a PATH: a corpus file or directory")
	case o.FixRetired && !o.Fix:
		return fs.Usagef("-fix-retired rewrites only with -fix")
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
	stdout.Write(out) // an error is exit 3: cli.Commands.Main sees it
	for _, p := range rep.Problems {
		fmt.Fprintln(stderr, p)
	}
	if err != nil {
		return err
	}
	return rep.Err()
}

func runImport(args []string, stdout, stderr io.Writer) error {
	fs := cli.NewFlags("import", importer.Usage, true, stdout)
	o := importer.Options{}
	fs.StringVar(&o.From, "from", "", "the catalogue of the snapshot: models.dev or litellm")
	var providers, runtimes cli.List
	fs.Var(&providers, "provider", "an upstream provider, as UPSTREAM or UPSTREAM=ID (repeatable, or comma-separated): what a draft takes, what -check compares")
	fs.Var(&runtimes, "runtimes", "the runtimes a draft serves its models on (comma-separated)")
	fs.StringVar(&o.In, "in", "providers.yaml", "the registry: compared and written by -check and -write; a draft is checked merged into it when given")
	fs.BoolVar(&o.Check, "check", false, "list the differences between the registry's mapped entries and the snapshot; exit 1 when there is any")
	fs.BoolVar(&o.Write, "write", false, "apply the differences to -in in place")
	fs.StringVar(&o.Format, "format", "markdown", "output format of -check and -write: markdown or json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fs.Usagef("unexpected argument %q after the snapshot", fs.Arg(1))
	}
	o.Snapshot = fs.Arg(0)
	for _, p := range providers {
		arg, err := importer.ParseProvider(p)
		if err != nil {
			return fs.Usagef("%v", err)
		}
		o.Providers = append(o.Providers, arg)
	}
	o.Runtimes, o.InGiven = runtimes, fs.GivenAll("in")
	if msg := o.Usage(); msg != "" {
		return fs.Usagef("%s", msg)
	}
	return importer.Run(o, stdout, stderr)
}
