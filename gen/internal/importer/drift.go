package importer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
	"gopkg.in/yaml.v3"
)

// Difference is one price, limit or lifecycle value of a mapped served_by
// entry that the snapshot gives otherwise. Prices belong to the entry.
// Limits and lifecycle belong to the model, and only its first served_by
// entry (its preferred provider: the platform or the vendor) speaks for
// them, when that entry is mapped: a gateway's or a reseller's limits
// differ legitimately from the vendor's, so they are never compared.
type Difference struct {
	Model    string `json:"model"`
	Provider string `json:"provider"` // of the served_by entry
	Upstream string `json:"upstream"` // its upstream reference
	Field    string `json:"field"`    // such as price.output, price.tiers[above 200000].input, context_window
	Registry string `json:"registry"` // the registry's value, "" when it has none
	Snapshot string `json:"snapshot"`
	Line     int    `json:"line"` // in the registry: the value, or the mapping that lacks it
	Col      int    `json:"col"`
	// NotApplied says why gen import -write left it to be edited by hand.
	NotApplied string `json:"not_applied,omitempty"`

	edit       edit // what -write changes
	model, row int  // the model's and served_by entry's index; row -1 for a model field
}

// Missing is a mapped served_by entry whose upstream reference the
// snapshot does not have (renamed, or retired upstream).
type Missing struct {
	Model    string `json:"model"`
	Provider string `json:"provider"`
	Upstream string `json:"upstream"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
}

// Unusable is a value of a mapped snapshot entry that could not be
// compared, such as a price with no exact form in 6 decimals.
type Unusable struct {
	Upstream string `json:"upstream"`
	Field    string `json:"field"`
	At       string `json:"at"` // FILE:LINE:COL in the snapshot
	Problem  string `json:"problem"`
}

// Report is what gen import -check found.
type Report struct {
	Registry    string       `json:"registry"`
	Catalogue   string       `json:"catalogue"`
	Snapshot    string       `json:"snapshot"`
	Mapped      int          `json:"entries_mapped"`   // in scope: compared, or missing from the snapshot
	Compared    int          `json:"entries_compared"` // found in the snapshot
	Differences []Difference `json:"differences"`
	Missing     []Missing    `json:"missing"`
	Unusable    []Unusable   `json:"unusable"`
	Written     bool         `json:"written"` // -write wrote the registry
}

// Clean reports whether the registry agrees with the snapshot everywhere
// it is mapped.
func (r *Report) Clean() bool {
	return len(r.Differences) == 0 && len(r.Missing) == 0 && len(r.Unusable) == 0
}

// Compare lists every difference between the mapped entries of reg (whose
// bytes are data) and the catalogue. With providers, only entries mapped
// to those upstream providers are compared.
func Compare(reg *spec.Registry, data []byte, c *Catalogue, providers []string) *Report {
	r := &Report{Registry: reg.File, Catalogue: c.Name, Snapshot: c.File, Differences: []Difference{}, Missing: []Missing{}, Unusable: []Unusable{}}
	doc := newRegDoc(data)
	for i, m := range reg.Models {
		for j, s := range m.Served {
			refText, ok := s.Upstream[c.Name]
			if !ok {
				continue
			}
			e := c.Lookup(refText)
			if e == nil {
				if len(providers) == 0 || inScope(refText, c, providers) {
					line, col := pos(doc.entry(i, j).val)
					r.Missing = append(r.Missing, Missing{m.ID, s.Provider.ID, refText, line, col})
				}
				continue
			}
			if len(providers) > 0 && !slices.Contains(providers, e.Provider) {
				continue
			}
			r.Compared++
			cmp := comparer{r: r, m: m, s: s, e: e, doc: doc, entry: doc.entry(i, j), mi: i, ej: j}
			if j == 0 { // the preferred entry speaks for the model
				cmp.model(doc.model(i))
			}
			cmp.price()
			for _, p := range e.Problems {
				r.Unusable = append(r.Unusable, Unusable{e.Ref, p.Field, fmt.Sprintf("%s:%d:%d", c.File, p.Pos.Line, p.Pos.Col), p.Msg})
			}
		}
	}
	r.Mapped = r.Compared + len(r.Missing)
	return r
}

// inScope reports whether a reference the snapshot lacks belongs to one of
// providers (a models.dev reference names its provider; a LiteLLM key does
// not, and is always in scope).
func inScope(refText string, c *Catalogue, providers []string) bool {
	if c.Name != spec.CatalogueModelsDev {
		return true
	}
	p, _, _ := strings.Cut(refText, "/")
	return slices.Contains(providers, p)
}

func pos(n *yaml.Node) (int, int) {
	if n == nil {
		return 0, 0
	}
	return n.Line, n.Column
}

// comparer compares one mapped served_by entry with its snapshot entry.
type comparer struct {
	r     *Report
	m     *spec.Model
	s     spec.Served
	e     *Entry
	doc   *regDoc
	entry ref
	mi    int // the model's index
	ej    int // the entry's index; -1 while comparing model fields
}

func (c *comparer) add(field, registry, snapshot string, at ref, ed edit) {
	line, col := 0, 0
	if at.val != nil {
		line, col = at.val.Line, at.val.Column
	}
	c.r.Differences = append(c.r.Differences, Difference{
		Model: c.m.ID, Provider: c.s.Provider.ID, Upstream: c.e.Ref, Field: field,
		Registry: registry, Snapshot: snapshot, Line: line, Col: col, edit: ed, model: c.mi, row: c.ej,
	})
}

// model compares the model's limits and lifecycle.
func (c *comparer) model(m ref) {
	entry := c.ej
	c.ej = -1
	defer func() { c.ej = entry }()
	c.tokens("context_window", c.m.ContextWindow, c.e.Context, m)
	c.tokens("max_output", c.m.MaxOutput, c.e.Output, m)
	if st := c.e.Status; st != "" && c.m.Lifecycle != resolver.LifecycleRetired && st != c.m.Lifecycle.String() {
		// A model the registry has retired stays retired: a catalogue
		// that lists it otherwise lags behind.
		c.field("status", c.m.Lifecycle.String(), st, m)
	}
	c.date("retires_on", c.m.RetiresOn, c.e.RetiresOn, m)
}

func (c *comparer) tokens(name string, have, want int, m ref) {
	if want != 0 && have != want {
		c.field(name, tokenText(have), strconv.Itoa(want), m)
	}
}

func (c *comparer) date(name, have, want string, m ref) {
	if want != "" && have != want {
		c.field(name, have, want, m)
	}
}

// field adds a difference of a scalar field of the model mapping m.
func (c *comparer) field(name, have, want string, m ref) {
	f := m.child(name)
	at := f
	if f.val == nil {
		at = m
	}
	c.add(name, have, want, at, edit{field: f, parent: m, anchor: "id", name: name, text: want})
}

func tokenText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// price compares the entry's price, rate by rate and tier by tier; only
// what the snapshot gives is compared.
func (c *comparer) price() {
	up := c.e.Price
	if up == nil {
		return
	}
	pr := c.entry.child("price")
	have := c.s.Price
	if have == nil {
		c.add("price", "", priceText(up), c.entry, edit{field: pr, parent: c.entry, anchor: "provider", name: "price", text: priceFlow(up)})
		return
	}
	c.rates("price.", rateArray(have.Base), up.Rates, pr, nil)
	c.tiers(have, up, pr)
}

// rates compares the rates the snapshot gives with the registry's (a rate
// the registry leaves out is zero in the base price, the base rate in a
// tier). With list, the edit of the whole tiers list applies each
// difference instead of its own.
func (c *comparer) rates(prefix string, have [4]resolver.Rate, up Rates, in ref, list *edit) {
	for i, name := range rateNames {
		if !up.Has[i] || have[i] == up.Rate[i] {
			continue
		}
		f := in.child(name)
		at, registry := f, have[i].String()
		if f.val == nil {
			at, registry = in, have[i].String()+" (not set)"
		}
		ed := edit{field: f, parent: in, anchor: "", name: name, text: up.Rate[i].String()}
		if list != nil {
			ed = *list
		}
		c.add(prefix+name, registry, up.Rate[i].String(), at, ed)
	}
}

func tierIndex(p *spec.Price, above int) int {
	for i, t := range p.Tiers {
		if t.Above == int64(above) {
			return i
		}
	}
	return -1
}

// priceText writes an upstream price in words, USD per million tokens.
func priceText(p *Price) string {
	s := ratesText(p.Rates)
	for _, t := range p.Tiers {
		s += fmt.Sprintf("; prompts over %s tokens: %s", catalogue.Thousands(int64(t.Above)), ratesText(t.Rates))
	}
	return s
}

func ratesText(r Rates) string {
	var out []string
	for i, name := range rateWords {
		if r.Has[i] {
			out = append(out, name+" "+r.Rate[i].String())
		}
	}
	return strings.Join(out, ", ")
}

var rateWords = [4]string{"input", "output", "cache read", "cache write"}

// priceFlow writes an upstream price as a YAML flow mapping.
func priceFlow(p *Price) string {
	parts := ratesFlow(p.Rates)
	if len(p.Tiers) > 0 {
		var tiers []string
		for _, t := range p.Tiers {
			tiers = append(tiers, tierFlow(t))
		}
		parts = append(parts, "tiers: ["+strings.Join(tiers, ", ")+"]")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func tierFlow(t Tier) string {
	return "{" + strings.Join(append([]string{"above: " + strconv.Itoa(t.Above)}, ratesFlow(t.Rates)...), ", ") + "}"
}

func ratesFlow(r Rates) []string {
	var out []string
	for i, name := range rateNames {
		if r.Has[i] {
			out = append(out, name+": "+r.Rate[i].String())
		}
	}
	return out
}
