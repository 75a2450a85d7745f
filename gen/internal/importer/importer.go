// Package importer is gen import: it reads a public catalogue snapshot
// (models.dev's api.json, LiteLLM's model_prices_and_context_window.json)
// from a local file, never the network, and either drafts registry entries
// from it or compares (and, with -write, updates) the prices, limits and
// lifecycle of the served_by entries mapped to it by their upstream field.
//
// Each catalogue field maps to the registry field with the same meaning,
// and a field the snapshot leaves out states nothing (it is never drift):
//
//	registry         models.dev                         LiteLLM
//	price            cost (USD per million tokens)      *_cost_per_token, *_token_cost (USD per token)
//	context_window   limit.context                      none (max_input_tokens is the prompt limit)
//	max_output       limit.output                       max_output_tokens
//	status           alpha, beta: preview;              none
//	                 deprecated ("no longer served by
//	                 the provider's public API"): retired
//	deprecated_on    none                               none
//	retires_on       retirement_date                    deprecation_date (the shutdown date)
//
// A price belongs to its served_by entry. Limits and lifecycle belong to
// the model, and only its first served_by entry (its preferred provider,
// usually the platform or the vendor) speaks for them, when that entry is
// mapped: a gateway serving the same model may legitimately cap it lower.
//
// Numbers are read from the snapshot's JSON text (json.Number) and
// converted exactly: LiteLLM's 3e-06 USD per token is 3 USD per million
// tokens; a value with no exact form in the registry's 6 decimals is
// reported, never rounded. -write edits providers.yaml by byte ranges of
// the scalars that differ (found through yaml.v3 node positions), so
// comments and layout stay; the result must compile and must differ from
// the snapshot only where a change was left to a person, or nothing is
// written.
package importer

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/template"

	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/cli"
	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/output"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// synopsis is the command line of gen import.
const synopsis = "gen import -from models.dev|litellm [-provider UPSTREAM[=ID]]... [-runtimes a,b] [-in providers.yaml] [-check | -write] [-format markdown|json] SNAPSHOT"

// Usage is what gen import -h says: the synopsis, a blank line, then what
// it does.
const Usage = synopsis + `

Reads a catalogue snapshot downloaded beforehand (models.dev's api.json,
LiteLLM's model_prices_and_context_window.json); it never uses the network.

Draft (neither -check nor -write): prints a complete providers.yaml for the
-provider upstream providers (ID renames one), serving their models on the
-runtimes: auth_env from the upstream env names that are credentials (base
URLs, regions, project ids are left out, in a comment), names, limits,
lifecycle and prices, and an upstream reference on every served_by entry.
The draft is compiled as gen -strict would, and with an explicit -in merged
into that registry too; each rule it would break is printed as
<stdout>:LINE:COL (a line of the draft) or FILE:LINE:COL (of -in), a line
it refers to in the other file says which ("line 8 of FILE"), and the exit
status is 1. The draft is printed either way, valid YAML, and ends with
those problems as comments; comments in it say what it left out and why
(a name a registry name cannot be, a value that cannot be used, a key the
registry has no field for). A long-prompt tier carries the rates the
lower tiers set and it does not (a rate a registry tier leaves out is the
base rate).

Drift (-check): compares every served_by entry of -in that has an upstream
reference to this catalogue (with -provider, only those upstream
providers) with the snapshot: its price rate by rate and, when it is the
model's first served_by entry (its preferred provider), the model's
context_window, max_output, status and retires_on. What the snapshot does
not give is not compared: LiteLLM gives no context window (its
max_input_tokens is the prompt limit) and no status, and its
deprecation_date is the shutdown date (retires_on); models.dev's status
deprecated means no longer served (retired). Prints the differences, the
entries missing from the snapshot and the values that cannot be compared
(such as a price with no exact 6-decimal form, a price with two tiers at
one threshold at other rates, or a key repeated in the entry) as a table (-format markdown)
or JSON, and exits 1 when there is any.

-write: the same, then applies the differences to -in in place, changing
only those scalars (or adding a missing field after a one-line field of its
mapping); comments and layout are kept. Tiers are matched by threshold; a
tier only the registry or only the snapshot has is a difference, and then
the whole tiers list is written in one edit, as the snapshot gives it. A
change it cannot make safely (a value shared through a YAML anchor with
entries it does not concern, a tiers list to rewrite or remove with
comments among its items; a comment after a removed list stays) is left to
a person and marked. Writes atomically, and
only when the result compiles. Then run go generate ./... and make delta to
review what the change does.
`

// Options are the flags of gen import.
type Options struct {
	From      string
	Snapshot  string
	Providers []ProviderArg
	Runtimes  []string
	In        string
	InGiven   bool // -in was given: a draft is checked merged into it
	Check     bool
	Write     bool
	Format    string
}

// ErrFound makes the command exit 1: drift found, or a draft that breaks
// a rule.
var ErrFound = cli.ErrChanged

// Usage checks the flags together and says what is wrong, or "".
func (o Options) Usage() string {
	switch {
	case o.From != spec.CatalogueModelsDev && o.From != spec.CatalogueLiteLLM:
		return fmt.Sprintf("-from %q: want models.dev or litellm", o.From)
	case o.Snapshot == "":
		return "import needs the SNAPSHOT file, last"
	case o.Check && o.Write:
		return "-check and -write exclude each other"
	case (o.Check || o.Write) && len(o.Runtimes) > 0:
		return "-runtimes is for a draft: -check and -write compare the registry's own entries"
	case !o.Check && !o.Write && (len(o.Providers) == 0 || len(o.Runtimes) == 0):
		return "a draft needs -provider and -runtimes"
	case o.Format != "markdown" && o.Format != "json":
		return fmt.Sprintf("-format %q: want markdown or json", o.Format)
	}
	return ""
}

// Run runs gen import with valid options.
func Run(o Options, stdout, stderr io.Writer) error {
	c, err := Read(o.From, o.Snapshot)
	if err != nil {
		return err
	}
	if !o.Check && !o.Write {
		return runDraft(o, c, stdout, stderr)
	}
	data, err := spec.ReadInput(o.In)
	if err != nil {
		return err
	}
	reg, err := spec.Compile(o.In, data, false)
	if err != nil {
		return err
	}
	var ups []string
	for _, p := range o.Providers {
		ups = append(ups, p.Upstream)
	}
	r := Compare(reg, data, c, ups)
	if o.Write && len(r.Differences) > 0 {
		out, err := Edit(r, reg, data, c, ups)
		if err != nil {
			return err
		}
		if err := output.Validate("", []output.Target{{Flag: "-in", Path: o.In}}); err != nil {
			return err
		}
		r.Written = true
		if err := writeReport(r, o.Format, stdout); err != nil {
			return err
		}
		applied := 0
		for _, d := range r.Differences {
			if d.NotApplied == "" {
				applied++
			}
		}
		summary := fmt.Sprintf("%d of %s applied from %s", applied, catalogue.Plural(len(r.Differences), "difference"), baseName(c.File))
		if err := output.Write([]output.File{{Path: o.In, Data: out, Summary: summary}}, stderr); err != nil {
			return err
		}
		fmt.Fprintln(stderr, "gen import: now run go generate ./... to regenerate, and make delta to review what it changes")
		if applied < len(r.Differences) || len(r.Missing) > 0 || len(r.Unusable) > 0 {
			return ErrFound
		}
		return nil
	}
	if err := writeReport(r, o.Format, stdout); err != nil {
		return err
	}
	if !r.Clean() {
		return ErrFound
	}
	return nil
}

//go:embed drift.md.tmpl
var mdSource string

var mdPage = template.Must(template.New("drift").Funcs(template.FuncMap{
	"plural": catalogue.Plural,
	"text":   inert.Markdown,
	"base":   baseName,
	"count":  count,
}).Parse(mdSource))

// count is n and the noun for it, singular or plural.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func writeReport(r *Report, format string, w io.Writer) error {
	var b bytes.Buffer
	if format == "json" {
		out, err := json.MarshalIndent(r, "", "  ")
		if err != nil {
			return err
		}
		b.Write(inert.JSON(append(out, '\n')))
	} else if err := mdPage.Execute(&b, r); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// runDraft prints the draft, then compiles it (alone, and merged into -in
// when -in was given) and reports each rule it would break.
func runDraft(o Options, c *Catalogue, stdout, stderr io.Writer) error {
	d, err := newDraft(c, o.Providers, o.Runtimes)
	if err != nil {
		return err
	}
	text := d.yaml()
	problems := checkDraft(text, o)
	// The rules the draft breaks end it too, as comments: a draft
	// redirected to a file says so when it is reviewed, and the lines
	// they name are the draft's own.
	if _, err := io.WriteString(stdout, text+commented(problems)); err != nil {
		return err
	}
	for _, s := range d.skipped {
		fmt.Fprintf(stderr, "gen import: %s\n", inert.Terminal(s))
	}
	if problems == "" {
		return nil
	}
	fmt.Fprint(stderr, problems)
	return ErrFound
}

// commented returns each line of text as a YAML comment, after a blank
// line, or "" for no text.
func commented(text string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n")
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		b.WriteString("# " + inert.Terminal(line) + "\n")
	}
	return b.String()
}
