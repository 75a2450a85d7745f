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
// flips first, then changes of what credential plans strip or inject, of
// prices (the platform's first), limits and lifecycle. -base-ref takes -in
// as of a git revision (A...B: their merge base); -exit-code exits 1 when
// an outcome or a credential plan changed.
//
//	gen explain -runtime R -model M [-env NAME]... [-override V] [-secret NAME[:platform]]...
//
// prints one workspace's derivation, billing decision, credential plan,
// lifecycle, limits, price and registration status, in plain words.
//
//	gen lint [-in providers.yaml] [-today YYYY-MM-DD] [-format text|json]
//
// lists what the calendar has made stale as of -today (retires_on or
// deprecated_on come, deprecated or retired models the platform still
// serves) and exits 1 when it finds any. It is the only subcommand that
// reads the clock: generated files depend on providers.yaml alone.
//
//	gen audit [-in providers.yaml] [-enforce warn|reject] [-format text|json|markdown]
//	    [-runtime-key runtime] [-model-key model] [-fix [-fix-retired]] PATH...
//
// finds every (runtime, model) in a corpus of workspace configurations
// (JSON Lines, CSV/TSV, YAML and JSON), each at its FILE:LINE:COL, with its
// registration status and billing decision, and exits 1 when the -enforce
// level would refuse any. -fix rewrites alias, legacy and case-only
// spellings to the canonical id in place (-fix-retired: retired models to
// their replacement), changing no other byte.
//
//	gen import -from models.dev|litellm [-provider UPSTREAM[=ID]]... [-runtimes a,b] [-in providers.yaml]
//	    [-check | -write] [-format markdown|json] SNAPSHOT
//
// reads a public catalogue snapshot from a local file (never the network).
// Without -check or -write it prints a providers.yaml draft for the chosen
// upstream providers, compiled as -strict (merged into -in when given).
// -check compares the served_by entries that name their upstream
// counterpart with the snapshot (prices, limits, lifecycle) and exits 1 on
// any difference; -write applies the differences to -in in place.
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
