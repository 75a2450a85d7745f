package artifact

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// ModelVector is one Model(spelling) question and its answer.
type ModelVector struct {
	Model string    `json:"model"`
	Note  string    `json:"note,omitempty"`
	Want  ModelWant `json:"want"`
}

// ModelWant is ModelInfo, as the vectors write it: empty strings and 0
// are left out, and so is everything but Found when no model has the
// spelling.
type ModelWant struct {
	Found         bool   `json:"found"`
	ID            string `json:"id,omitempty"`
	Name          string `json:"name,omitempty"`
	Spelling      string `json:"spelling,omitempty"`
	Lifecycle     string `json:"lifecycle,omitempty"`
	DeprecatedOn  string `json:"deprecated_on,omitempty"`
	RetiresOn     string `json:"retires_on,omitempty"`
	ReplacedBy    string `json:"replaced_by,omitempty"`
	ContextWindow int    `json:"context_window,omitempty"`
	MaxOutput     int    `json:"max_output,omitempty"`
}

// CostVector is one Price(provider, model) and Cost(usage) question and
// its answer.
type CostVector struct {
	Provider string   `json:"provider"`
	Model    string   `json:"model"`
	Usage    Usage    `json:"usage"`
	Note     string   `json:"note,omitempty"`
	Want     CostWant `json:"want"`
}

// Usage is a resolver.Usage. Its counts are at most 2^53 - 1, so that
// every JSON reader (JavaScript's included) reads them exactly.
type Usage struct {
	Input      int64 `json:"input,omitempty"`
	Output     int64 `json:"output,omitempty"`
	CacheRead  int64 `json:"cache_read,omitempty"`
	CacheWrite int64 `json:"cache_write,omitempty"`
}

// CostWant is the answer: whether the pair has a price, and the cost in
// nano-USD as a decimal string (it can exceed 2^53), or the error.
type CostWant struct {
	Price   bool   `json:"price"`
	NanoUSD string `json:"nano_usd,omitempty"`
	Error   string `json:"error,omitempty"` // negative_usage or overflow
}

// maxJSONInt is the largest integer every JSON reader reads exactly.
const maxJSONInt = 1<<53 - 1

// modelVectors lists every spelling of every model, then misses and the
// edges of trimming, with the resolver's answers.
func modelVectors(reg *spec.Registry) []ModelVector {
	var out []ModelVector
	add := func(sp, note string) {
		out = append(out, ModelVector{Model: sp, Note: note})
	}
	for _, m := range reg.Models {
		for _, sp := range m.Spellings() {
			add(sp, "")
		}
	}
	if len(reg.Models) > 0 {
		id := reg.Models[0].ID
		add(" "+id+"\t", "a spelling is trimmed like Derive's model")
		add(id+"-no-such-model", "a spelling no model has")
	}
	add("", "the empty spelling names no model")
	return out
}

func modelAnswer(r *resolver.Registry, sp string) ModelWant {
	m, ok := r.Model(sp)
	if !ok {
		return ModelWant{}
	}
	return ModelWant{
		Found: true, ID: string(m.ID), Name: m.Name, Spelling: m.Spelling.String(), Lifecycle: m.Lifecycle.String(),
		DeprecatedOn: m.DeprecatedOn, RetiresOn: m.RetiresOn, ReplacedBy: string(m.ReplacedBy),
		ContextWindow: m.ContextWindow, MaxOutput: m.MaxOutput,
	}
}

// costVectors lists, for every served_by entry in YAML order, requests
// that read each rate alone, one that mixes them, and for each tier the
// prompt sizes on both sides of its above; an entry without a price gets
// one request, which has no price. Then the edges: other spellings,
// negative counts, overflow, unknown names.
func costVectors(reg *spec.Registry) []CostVector {
	var out []CostVector
	add := func(provider, model string, u Usage, note string) {
		out = append(out, CostVector{Provider: provider, Model: model, Usage: u, Note: note})
	}
	var first *spec.Model
	var firstP string
	for _, m := range reg.Models {
		for _, e := range m.Served {
			p := e.Provider.ID
			if e.Price == nil {
				add(p, m.ID, Usage{Input: 1}, "")
				continue
			}
			if first == nil {
				first, firstP = m, p
			}
			for _, u := range []Usage{{Input: 1_000_000}, {Output: 1_000_000}, {CacheRead: 1_000_000}, {CacheWrite: 1_000_000}, {Input: 1234, Output: 567, CacheRead: 89, CacheWrite: 10}} {
				add(p, m.ID, u, "")
			}
			for _, t := range e.Price.Tiers {
				// The prompt is input + cache read + cache write.
				add(p, m.ID, Usage{Input: t.Above - 100, Output: 1000, CacheRead: 60, CacheWrite: 40}, "")
				add(p, m.ID, Usage{Input: t.Above - 100, Output: 1000, CacheRead: 60, CacheWrite: 41}, "")
			}
		}
	}
	if first == nil {
		return out
	}
	for _, sp := range first.Spellings()[1:] {
		add(firstP, sp, Usage{Input: 1000, Output: 1000}, "any spelling of the model")
	}
	add(firstP, "\n"+first.ID+" ", Usage{Input: 1000, Output: 1000}, "the model is trimmed like Derive's")
	add(firstP, first.ID, Usage{}, "no tokens cost nothing")
	add(firstP, first.ID, Usage{Input: 1, Output: 1, CacheRead: 1, CacheWrite: 1}, "one token of each")
	add(firstP, first.ID, Usage{Input: 1_000_000_000, Output: 1_000_000_000}, "a billion tokens of each")
	add(firstP, first.ID, Usage{Input: maxJSONInt, Output: maxJSONInt, CacheRead: maxJSONInt, CacheWrite: maxJSONInt}, "a cost over math.MaxInt64 nano-USD is refused")
	add(firstP, first.ID, Usage{Input: 10, Output: -1}, "a negative count is refused")
	add(firstP, first.ID, Usage{CacheWrite: -maxJSONInt}, "a negative count is refused")
	add("no-such-provider", first.ID, Usage{Input: 1}, "an unknown provider has no price")
	add(firstP, first.ID+"-no-such-model", Usage{Input: 1}, "an unknown model has no price")
	return out
}

// costAnswer asks the resolver about v: Price, then Cost. An error of Cost
// the vectors cannot name is an error: they must not hide a new kind of
// failure.
func costAnswer(r *resolver.Registry, v CostVector) (CostWant, error) {
	p, ok := r.Price(resolver.ProviderID(v.Provider), v.Model)
	if !ok {
		return CostWant{}, nil
	}
	u := v.Usage
	m, err := p.Cost(resolver.Usage{Input: u.Input, Output: u.Output, CacheRead: u.CacheRead, CacheWrite: u.CacheWrite})
	switch {
	case errors.Is(err, resolver.ErrNegativeUsage):
		return CostWant{Price: true, Error: "negative_usage"}, nil
	case errors.Is(err, resolver.ErrCostOverflow):
		return CostWant{Price: true, Error: "overflow"}, nil
	case err != nil:
		return CostWant{}, fmt.Errorf("cost returned an error of no known kind: %v", err)
	}
	return CostWant{Price: true, NanoUSD: strconv.FormatInt(int64(m), 10)}, nil
}
