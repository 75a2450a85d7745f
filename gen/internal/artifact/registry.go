// Package artifact writes a registry for clients that are not written in
// Go: the registry as one JSON document (RegistryJSON) and test vectors
// computed by the real resolver (Vectors) that any reimplementation of the
// derivation must reproduce. Both are pure functions of the spec.Registry:
// the same providers.yaml always gives the same bytes. Their schemas are
// artifacts/registry.schema.json and artifacts/vectors.schema.json.
//
// Each record (a provider, a runtime, a model, a test vector) is one
// encoding/json value on one line, so that a change to the registry shows
// as changed lines in a review.
package artifact

import (
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// Format is the version of both JSON documents. A client refuses any
// other: a new format would change what the documents mean. (Format 2
// added inject_env, billing source "model", registration statuses and
// credential plans; format 3 the models' lifecycle and limits, the
// served_by entries' prices, and the model and cost vectors.)
const Format = 3

// RegistryDoc is the registry as non-Go clients read it: providers.yaml
// with every default filled in and YAML anchors expanded, in YAML order.
type RegistryDoc struct {
	Format       int        `json:"format"`
	Source       string     `json:"source"`
	SourceSHA256 string     `json:"source_sha256"`
	Providers    []Provider `json:"providers"`
	Runtimes     []Runtime  `json:"runtimes"`
	Models       []Model    `json:"models"`
}

// Provider is one provider of a RegistryDoc.
type Provider struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Platform  bool     `json:"platform"`
	AuthEnv   []string `json:"auth_env"`
	InjectEnv []string `json:"inject_env"`
}

// Runtime is one runtime of a RegistryDoc.
type Runtime struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Governed bool   `json:"governed"`
}

// Model is one model of a RegistryDoc. Unset dates and replaced_by are
// "", unset limits 0.
type Model struct {
	ID            string   `json:"id"`
	Name          string   `json:"name"`
	Aliases       []string `json:"aliases"`
	LegacyIDs     []string `json:"legacy_ids"`
	Status        string   `json:"status"`
	DeprecatedOn  string   `json:"deprecated_on"`
	RetiresOn     string   `json:"retires_on"`
	ReplacedBy    string   `json:"replaced_by"`
	ContextWindow int      `json:"context_window"`
	MaxOutput     int      `json:"max_output"`
	ServedBy      []Served `json:"served_by"`
}

// Served is one served_by entry of a Model.
type Served struct {
	Provider string   `json:"provider"`
	Runtimes []string `json:"runtimes"`
	Price    *Price   `json:"price"` // null when the entry has none
}

// Price is a served_by entry's price with every rate filled in: exact
// decimal strings of USD per million tokens (a JSON number would reach
// most clients as a float).
type Price struct {
	Rates
	Tiers []Tier `json:"tiers"`
}

// Rates are the four rates of a price or a tier.
type Rates struct {
	Input      string `json:"input"`
	Output     string `json:"output"`
	CacheRead  string `json:"cache_read"`
	CacheWrite string `json:"cache_write"`
}

// Tier is one tier of a Price: the rates of a request whose prompt has
// more than Above tokens.
type Tier struct {
	Above int64 `json:"above"`
	Rates
}

func newRates(r resolver.Rates) Rates {
	return Rates{r.Input.String(), r.Output.String(), r.CacheRead.String(), r.CacheWrite.String()}
}

// NewPrice returns p as the JSON artifact writes it, or nil.
func NewPrice(p *spec.Price) *Price {
	if p == nil {
		return nil
	}
	out := &Price{Rates: newRates(p.Base), Tiers: []Tier{}}
	for _, t := range p.Tiers {
		out.Tiers = append(out.Tiers, Tier{Above: t.Above, Rates: newRates(t.Rates)})
	}
	return out
}

// NewRegistryDoc returns the document of reg.
func NewRegistryDoc(reg *spec.Registry) RegistryDoc {
	doc := RegistryDoc{
		Format:       Format,
		Source:       reg.Source(),
		SourceSHA256: reg.SHA256,
		Providers:    []Provider{},
		Runtimes:     []Runtime{},
		Models:       []Model{},
	}
	for _, p := range reg.Providers {
		doc.Providers = append(doc.Providers, Provider{ID: p.ID, Name: p.Name, Platform: p.Platform, AuthEnv: nonNil(p.AuthEnv), InjectEnv: nonNil(p.InjectEnv)})
	}
	for _, r := range reg.Runtimes {
		doc.Runtimes = append(doc.Runtimes, Runtime{ID: r.ID, Name: r.Name, Governed: r.Governed})
	}
	for _, m := range reg.Models {
		md := Model{
			ID: m.ID, Name: m.Name, Aliases: nonNil(m.Aliases), LegacyIDs: nonNil(m.LegacyIDs),
			Status: m.Lifecycle.String(), DeprecatedOn: m.DeprecatedOn, RetiresOn: m.RetiresOn, ReplacedBy: m.ReplacedBy,
			ContextWindow: m.ContextWindow, MaxOutput: m.MaxOutput, ServedBy: []Served{},
		}
		for _, e := range m.Served {
			s := Served{Provider: e.Provider.ID, Runtimes: []string{}, Price: NewPrice(e.Price)}
			for _, r := range e.Runtimes {
				s.Runtimes = append(s.Runtimes, r.ID)
			}
			md.ServedBy = append(md.ServedBy, s)
		}
		doc.Models = append(doc.Models, md)
	}
	return doc
}

// RegistryJSON returns reg as the JSON artifact described by
// artifacts/registry.schema.json.
func RegistryJSON(reg *spec.Registry) ([]byte, error) {
	doc := NewRegistryDoc(reg)
	var w docWriter
	w.field("format", doc.Format)
	w.field("source", doc.Source)
	w.field("source_sha256", doc.SourceSHA256)
	list(&w, "providers", doc.Providers)
	list(&w, "runtimes", doc.Runtimes)
	list(&w, "models", doc.Models)
	return w.bytes()
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
