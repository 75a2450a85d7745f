// Package catalogue writes a registry as a Markdown page (PROVIDERS.md):
// the providers and who pays for them, the runtimes and whether the
// registry governs them, and a model × runtime matrix of the providers that
// serve each pair, so that someone choosing a model can look instead of
// reading YAML. The page is the template catalogue.md.tmpl over the
// spec.Registry; like every output, it is a pure function of the registry.
package catalogue

import (
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"text/template"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

//go:embed catalogue.md.tmpl
var source string

var page = template.Must(template.New("catalogue").Funcs(template.FuncMap{
	"plural":    Plural,
	"text":      Text,
	"code":      Code,
	"provider":  provider,
	"providers": providers,
	"tokens":    tokens,
	"tiers":     Tiers,
}).Parse(source))

// view is what the template reads: the registry and a few questions about
// it, answered once for the whole page.
type view struct {
	*spec.Registry
	SHA        string
	Spellings  int
	Governed   []*spec.Runtime
	Ungoverned []string
	byProvider map[*spec.Provider]int // models each provider serves
	onRuntime  map[string]int         // models served on each runtime
}

// ModelsOf returns the number of models p serves.
func (v view) ModelsOf(p *spec.Provider) int { return v.byProvider[p] }

// ModelsOn returns the number of models served on rt.
func (v view) ModelsOn(rt *spec.Runtime) int { return v.onRuntime[rt.ID] }

// pricedEntry is a served_by entry with a price, and its model.
type pricedEntry struct {
	Model  *spec.Model
	Served spec.Served
}

// Priced returns the served_by entries with a price, by model in YAML
// order.
func (v view) Priced() []pricedEntry {
	var out []pricedEntry
	for _, m := range v.Models {
		for _, e := range m.Served {
			if e.Price != nil {
				out = append(out, pricedEntry{m, e})
			}
		}
	}
	return out
}

// count fills in the number of models of each provider and runtime, in
// one pass over the served_by entries.
func (v *view) count() {
	v.byProvider, v.onRuntime = map[*spec.Provider]int{}, map[string]int{}
	for _, m := range v.Models {
		for _, id := range m.RuntimeIDs() {
			v.onRuntime[id]++
		}
		for _, e := range m.Served {
			v.byProvider[e.Provider]++ // a provider appears once per model (rule 3)
		}
	}
}

// Markdown returns the catalogue page of reg.
func Markdown(reg *spec.Registry) ([]byte, error) {
	v := view{Registry: reg, SHA: reg.SHA256[:12], Spellings: reg.NumSpellings(), Governed: reg.Governed()}
	v.count()
	for _, r := range reg.Runtimes {
		if !r.Governed {
			v.Ungoverned = append(v.Ungoverned, r.ID)
		}
	}
	var b bytes.Buffer
	if err := page.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("catalogue: %w", err)
	}
	return b.Bytes(), nil
}

// Plural is n and noun, with an s unless n is 1.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// provider is a provider id as code, bold when it is a platform provider.
func provider(p *spec.Provider) string {
	if p.Platform {
		return "**`" + p.ID + "`**"
	}
	return "`" + p.ID + "`"
}

func providers(ps []*spec.Provider) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = provider(p)
	}
	return strings.Join(out, ", ")
}

// tokens writes a token count with thousands separators, or nothing for
// 0 (not given).
func tokens(n int) string {
	if n == 0 {
		return ""
	}
	return Thousands(int64(n))
}

// Thousands writes n >= 0 with a comma between each group of three
// digits.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// PriceText is a price in words, rates in USD per million tokens: "input
// 5, output 25, cache read 0.5, cache write 6.25; prompts over 200,000
// tokens: input 10, output 37.5, cache read 1, cache write 12.5".
func PriceText(p *spec.Price) string {
	s := ratesText(p.Base)
	for _, t := range p.Tiers {
		s += fmt.Sprintf("; prompts over %s tokens: %s", Thousands(t.Above), ratesText(t.Rates))
	}
	return s
}

func ratesText(r resolver.Rates) string {
	return fmt.Sprintf("input %s, output %s, cache read %s, cache write %s", r.Input, r.Output, r.CacheRead, r.CacheWrite)
}

// Tiers writes a price's tiers: "> 200,000: 10 / 37.5 / 1 / 12.5".
func Tiers(p *spec.Price) string {
	var out []string
	for _, t := range p.Tiers {
		r := t.Rates
		out = append(out, fmt.Sprintf("> %s: %s / %s / %s / %s", Thousands(t.Above), r.Input, r.Output, r.CacheRead, r.CacheWrite))
	}
	return strings.Join(out, "; ")
}

// Code writes ids as code, joined by sep. Ids and env names cannot contain
// a backquote or a pipe (the schema's patterns), so they need no escaping.
func Code(ids []string, sep string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = "`" + id + "`"
	}
	return strings.Join(out, sep)
}

// Text escapes free text (a name from the YAML) for a table cell: it cannot
// end the cell, start markup or an HTML tag, or break the line.
func Text(s string) string { return inert.Markdown(s) }
