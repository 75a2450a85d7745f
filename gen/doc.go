// Gen compiles a registry of LLM providers, runtimes and models
// (providers.yaml) into Go tables for the resolver package, and checks,
// compares, explains and lints registries, and audits corpora of workspaces
// against them.
//
// Run it from go generate, as this module's providersgen package does:
//
//	//go:generate go run github.com/molecule-ai/providers/gen -in ../providers.yaml -out providers_gen.go
//
// # Pipeline
//
// Gen reads the YAML with positions, validates it against the JSON Schema
// (schema/providers.schema.json), decodes it, applies the registry's rules
// (docs/design.md numbers them) and scans every value for pasted
// credentials. It then builds the registry in memory, compiles it into the
// packed tables the resolver reads (format 4, internal/table/format.go), and
// writes them as one statically initialized resolver.Tables literal: no
// work at init, nothing for the garbage collector to scan. The same
// in-memory tables answer delta and explain through the real resolver, so
// there is one implementation of every decision.
//
// Every problem in the input is reported at once, sorted, one per line, as
//
//	providers.yaml:LINE:COL: path: message
//
// and gen exits 2 without writing anything. Warnings (an unreferenced
// provider or governed runtime, a vendor-served model without legacy_ids)
// are printed and do not fail unless -strict.
//
// # Generating
//
//	gen [-in providers.yaml] [-out providersgen/providers_gen.go] [-pkg name] [-strict]
//	    [-json registry.json] [-vectors vectors.json] [-markdown PROVIDERS.md]
//
// writes the Go file and any of the JSON registry, the test vectors and the
// Markdown catalogue, each atomically and only when its bytes change; all
// of them or none. -pkg defaults to $GOPACKAGE under go generate. No output
// may be the input or another output.
//
// With -check, gen writes nothing: it compares each file with what it would
// write, and exits 1 with a diff and the command that fixes it when one is
// stale or missing. This is the drift gate CI runs.
//
// # Subcommands
//
//	gen delta -base OLD.yaml | -base-ref REV [-in NEW.yaml] [-format markdown|json] [-exit-code]
//
// evaluates both registries over every (governed runtime, model spelling,
// relevant set of auth env names) and prints each changed outcome, billing
// flips first, with a summary that counts (runtime, model) pairs; a model
// asked for on a runtime that does not serve it counts too, since billing
// step 3 bills it by the model. -base-ref takes -in as of a git revision
// (A...B: their merge base). Changes of what credential plans strip or
// inject (auth_env, inject_env) are listed under Credentials. With
// -exit-code it exits 1 when an outcome or a credential plan changed. Price, limit and lifecycle changes are listed too, a price
// change of a platform provider first, as a change of what the platform
// pays; they do not count towards -exit-code.
//
//	gen explain -runtime R -model M [-env NAME]... [-override V] [-secret NAME[:platform]]...
//
// prints one workspace's derivation, billing decision, credential plan, the
// model's lifecycle and limits, the price of the derived pair and the
// registration status, step by step, in plain words.
//
//	gen lint [-in providers.yaml] [-today YYYY-MM-DD] [-format text|json]
//
// lists what the calendar has made stale as of -today (the current date by
// default): models whose retires_on has come but are not retired, whose
// deprecated_on has come but are still active or preview, and deprecated or
// retired models the platform still serves. It exits 1 when it finds any.
// It is the only subcommand that reads the clock: generating and -check
// never do, so generated files depend on providers.yaml alone.
//
//	gen audit [-in providers.yaml] [-enforce warn|reject] [-format text|json|markdown]
//	    [-runtime-key runtime] [-model-key model] [-fix [-fix-retired]] PATH...
//
// finds every (runtime, model) in a corpus of workspace configurations
// (JSON Lines and CSV/TSV exports, YAML and JSON templates and bundles),
// each at its FILE:LINE:COL, and reports its registration status and
// billing decision, counts by status and billing, and how many the
// -enforce level would refuse (exit 1 when any). -fix rewrites alias,
// legacy and case-only spellings to the canonical id in place, changing no
// other byte; with -fix-retired, a retired model to its replacement.
//
//	gen import -from models.dev|litellm [-provider UPSTREAM[=ID]]... [-runtimes a,b] [-in providers.yaml]
//	    [-check | -write] [-format markdown|json] SNAPSHOT
//
// reads a public catalogue snapshot from a local file (never the network).
// Without -check or -write it prints a providers.yaml drafted from it for
// the chosen upstream providers: credential env names, names, limits,
// lifecycle and exact prices, compiled as -strict (and merged into -in)
// before it is printed. -check compares the served_by entries that name
// their upstream counterpart (upstream: on the entry) with the snapshot,
// price by price and for limits and lifecycle, and exits 1 on any
// difference; -write applies the differences to -in in place, changing
// only those scalars.
//
//	gen help [CMD]
//
// describes a subcommand.
//
// # Exit status
//
// 0 success; 1 differences found (a stale file under -check, a changed
// outcome under delta -exit-code, a finding of lint, occurrences audit's
// -enforce level would refuse, drift under import -check, a draft that
// breaks a rule); 2 invalid input or usage, an output path
// that is the input, another output or not a regular file included, and a
// corpus file audit could not read; 3 an output could not be written
// (permissions, a full disk), and then no output was replaced unless the
// error says so (audit -fix: that file was left as it was).
package main
