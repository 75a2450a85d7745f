package audit

import (
	"strings"

	"github.com/molecule-ai/providers/gen/internal/outcome"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// Pair is one distinct (runtime, model) of a corpus, as written, and what
// the registry makes of it. (Once the registry has model lifecycle, the
// model's status and replacement go here, beside Status, and the reports
// show them after it.)
type Pair struct {
	Runtime    string          `json:"runtime"`
	Model      string          `json:"model"`
	Status     string          `json:"status"`               // CheckRegistered's, such as "not-on-runtime"
	Canonical  string          `json:"canonical,omitempty"`  // the model's id, when the runtime knows the spelling
	Suggestion string          `json:"suggestion,omitempty"` // CheckRegistered's "did you mean"
	Fix        *Rewrite        `json:"fix,omitempty"`        // what -fix writes instead
	Billing    outcome.Outcome `json:"billing"`              // what Derive and ResolveBillingMode answer with no auth env
	Flagged    bool            `json:"flagged"`              // logged under warn
	Refused    bool            `json:"refused"`              // refused at the -enforce level
	Count      int             `json:"occurrences"`
	// Positions are every occurrence's, for a pair that is not registered.
	Positions []Pos `json:"positions,omitempty"`

	status resolver.Status
}

// Rewrite is what -fix writes instead of a spelling: always the canonical
// id of the model the spelling already names.
type Rewrite struct {
	To  string `json:"to"`
	Why string `json:"why"` // FixAlias, FixLegacy or FixCase
	// Billing is the billing mode before → after, when the rewrite changes
	// it: a case-only mismatch is unregistered, and billed by default.
	Billing string `json:"billing_change,omitempty"`
}

// Why a spelling is rewritten.
const (
	FixAlias  = "alias"  // an alias of the model
	FixLegacy = "legacy" // a legacy id of the model
	FixCase   = "case"   // a spelling of the model in other ASCII case
)

var fixReasons = []string{FixAlias, FixLegacy, FixCase}

// classifier answers, once per distinct pair, what the registry makes of it.
type classifier struct {
	reg     *spec.Registry
	enforce resolver.Enforcement
	// fold maps every spelling, in ASCII lower case, to the models that
	// have it: one by rule 11 of the registry, though a registry built
	// without that rule could have two, and then no case is fixed.
	fold map[string][]*spec.Model
}

func newClassifier(reg *spec.Registry, enforce resolver.Enforcement) *classifier {
	c := &classifier{reg: reg, enforce: enforce, fold: map[string][]*spec.Model{}}
	for _, m := range reg.Models {
		for _, s := range m.Spellings() {
			k := lowerASCII(s)
			if ms := c.fold[k]; len(ms) == 0 || ms[len(ms)-1] != m {
				c.fold[k] = append(ms, m)
			}
		}
	}
	return c
}

func (c *classifier) classify(k pairKey) *Pair {
	g := c.reg.Resolver.CheckRegistered(k.runtime, k.model)
	p := &Pair{
		Runtime: k.runtime, Model: k.model,
		Status: g.Status.String(), Canonical: string(g.Model), Suggestion: g.Suggestion,
		Fix:     c.rewrite(k.model),
		Billing: outcome.Of(c.reg.Resolver, k.runtime, k.model, nil),
		Flagged: g.Flagged(), Refused: g.Rejected(c.enforce),
		status: g.Status,
	}
	if p.Fix != nil {
		fixed := outcome.Of(c.reg.Resolver, k.runtime, newValue(k.model, p.Fix.To), nil)
		if fixed.Mode != p.Billing.Mode {
			p.Fix.Billing = p.Billing.Mode + " → " + fixed.Mode
		}
	}
	return p
}

// rewrite returns what -fix writes instead of model (trimmed as the
// resolver trims it), or nil: an alias or a legacy id becomes the model's
// id, and so does a spelling equal to a registered one but for ASCII case.
// The runtime does not matter: the spelling names the same model on every
// runtime, so the rewrite changes nothing but the vocabulary.
//
// This is where a retired model's replacement will be written, with
// -fix-retired, once the registry has lifecycle: Why "retired", To the end
// of its replaced_by chain.
func (c *classifier) rewrite(model string) *Rewrite {
	s := strings.TrimSpace(model)
	if s == "" {
		return nil
	}
	if m, kind := c.reg.Lookup(s); m != nil {
		switch kind {
		case resolver.SpellingAlias:
			return &Rewrite{To: m.ID, Why: FixAlias}
		case resolver.SpellingLegacy:
			return &Rewrite{To: m.ID, Why: FixLegacy}
		}
		return nil
	}
	if ms := c.fold[lowerASCII(s)]; len(ms) == 1 {
		return &Rewrite{To: ms[0].ID, Why: FixCase}
	}
	return nil
}

// lowerASCII lowers ASCII letters only: the registry's case rule is about
// ASCII case (no Unicode folding, where the Kelvin sign is a k).
func lowerASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}
