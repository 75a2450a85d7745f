package audit

import (
	"strings"

	"github.com/molecule-ai/providers/gen/internal/outcome"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/internal/suggest"
	"github.com/molecule-ai/providers/resolver"
)

// Pair is one distinct (runtime, model) of a corpus, as written, and what
// the registry makes of it.
type Pair struct {
	Runtime    string `json:"runtime"`
	Model      string `json:"model"`
	Status     string `json:"status"`                // CheckRegistered's, such as "not-on-runtime"
	Lifecycle  string `json:"lifecycle,omitempty"`   // the model's, when the spelling names one (on any runtime)
	ReplacedBy string `json:"replaced_by,omitempty"` // the model's replacement, if any
	// ReplacementBilling is the billing outcome before → after the
	// replacement, when it differs (another provider, another mode, or
	// not served on the runtime): what -fix-retired would change.
	ReplacementBilling string   `json:"replacement_billing,omitempty"`
	Canonical          string   `json:"canonical,omitempty"`  // the model's id, when the runtime knows the spelling
	Suggestion         string   `json:"suggestion,omitempty"` // CheckRegistered's "did you mean"
	Fix                *Rewrite `json:"fix,omitempty"`        // what -fix writes instead
	// RuntimeFix is what -fix writes instead of an unknown runtime equal
	// to a registered one but for ASCII case: the suggestion for it.
	RuntimeFix *Rewrite        `json:"runtime_fix,omitempty"`
	Billing    outcome.Outcome `json:"billing"` // what Derive and ResolveBillingMode answer with no auth env
	Flagged    bool            `json:"flagged"` // logged under warn
	Refused    bool            `json:"refused"` // refused at the -enforce level
	Count      int             `json:"occurrences"`
	// Positions are every occurrence's, for a pair listed (Listed).
	Positions []Pos `json:"positions,omitempty"`

	status resolver.Status
}

// Listed reports whether the reports list the pair's occurrences: its
// status is not registered, or its model is deprecated or retired.
func (p *Pair) Listed() bool {
	return p.status != resolver.StatusRegistered || p.Lifecycle == resolver.LifecycleDeprecated.String() || p.Lifecycle == resolver.LifecycleRetired.String()
}

// Rewrite is what -fix writes instead of a spelling: the canonical id of
// the model the spelling already names or, with -fix-retired, the
// replacement of a retired model.
type Rewrite struct {
	To  string `json:"to"`
	Why string `json:"why"` // FixAlias, FixLegacy, FixCase or FixRetired
	// Billing is what the rewrite changes in billing (billingChange): the
	// mode before → after for a spelling of the same model (a case-only
	// mismatch is unregistered, and billed by default), the whole outcome
	// for a retired model's replacement.
	Billing string `json:"billing_change,omitempty"`
}

// Why a spelling is rewritten.
const (
	FixAlias  = "alias"  // an alias of the model
	FixLegacy = "legacy" // a legacy id of the model
	FixCase   = "case"   // a spelling of the model in other ASCII case
	// FixRetired: a retired model, rewritten to its replacement (another
	// model: only with -fix-retired).
	FixRetired = "retired"
)

var fixReasons = []string{FixAlias, FixLegacy, FixCase, FixRetired}

// classifier answers, once per distinct pair, what the registry makes of it.
type classifier struct {
	reg        *spec.Registry
	enforce    resolver.Enforcement
	fixRetired bool
	// fold maps every spelling, in ASCII lower case, to the models that
	// have it: one by rule 11 of the registry, though a registry built
	// without that rule could have two, and then no case is fixed.
	fold map[string][]*spec.Model
	// foldRuntime maps every runtime id, in ASCII lower case, to the ids.
	foldRuntime map[string][]string
}

func newClassifier(reg *spec.Registry, o Options) *classifier {
	c := &classifier{reg: reg, enforce: o.Enforce, fixRetired: o.FixRetired, fold: map[string][]*spec.Model{}, foldRuntime: map[string][]string{}}
	for _, rt := range reg.Runtimes {
		k := suggest.LowerASCII(rt.ID)
		c.foldRuntime[k] = append(c.foldRuntime[k], rt.ID)
	}
	for _, m := range reg.Models {
		for _, s := range m.Spellings() {
			k := suggest.LowerASCII(s)
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
		RuntimeFix: c.runtimeRewrite(k.runtime),
		Billing:    outcome.Of(c.reg.Resolver, k.runtime, k.model, nil),
		Flagged:    g.Flagged(), Refused: g.Rejected(c.enforce),
		status: g.Status,
	}
	if m, ok := c.reg.Resolver.Model(k.model); ok {
		p.Lifecycle, p.ReplacedBy = m.Lifecycle.String(), string(m.ReplacedBy)
	}
	// The model's rewrite and replacement are judged on the runtime as
	// -fix leaves it.
	runtime, model := k.runtime, k.model
	if p.RuntimeFix != nil {
		runtime = newValue(runtime, p.RuntimeFix.To)
	}
	if p.ReplacedBy != "" {
		p.ReplacementBilling = billingChange(p.Billing, outcome.Of(c.reg.Resolver, runtime, p.ReplacedBy, nil), false)
	}
	if p.Fix = c.rewrite(runtime, model); p.Fix != nil {
		model = newValue(model, p.Fix.To)
	}
	// The record's billing change is told once: on the model's rewrite,
	// else on the runtime's.
	change := billingChange(p.Billing, outcome.Of(c.reg.Resolver, runtime, model, nil), p.Fix == nil || p.Fix.Why != FixRetired)
	switch {
	case p.Fix != nil:
		p.Fix.Billing = change
	case p.RuntimeFix != nil:
		p.RuntimeFix.Billing = change
	}
	return p
}

// runtimeRewrite returns what -fix writes instead of runtime (trimmed),
// or nil: an unknown runtime equal to one registered runtime but for ASCII
// case becomes its id (the same runtime, misspelled).
func (c *classifier) runtimeRewrite(runtime string) *Rewrite {
	rt := strings.TrimSpace(runtime)
	if ids := c.foldRuntime[suggest.LowerASCII(rt)]; c.reg.Runtime(rt) == nil && len(ids) == 1 {
		return &Rewrite{To: ids[0], Why: FixCase}
	}
	return nil
}

// billingChange returns the billing outcome before → after a rewrite, or ""
// when it does not change. A rewrite to the same model's id changes at most
// the mode (a case-only mismatch is unregistered, billed by default, so its
// provider and source always change and only the mode is news); a rewrite
// to another model, a retired one's replacement, may change the provider
// as well as the mode, so the whole outcome is shown.
func billingChange(before, after outcome.Outcome, sameModel bool) string {
	switch {
	case sameModel && before.Mode != after.Mode:
		return before.Mode + " → " + after.Mode
	case !sameModel && before != after:
		return before.String() + " → " + after.String()
	}
	return ""
}

// rewrite returns what -fix writes instead of model (trimmed as the
// resolver trims it) on runtime, or nil. An alias or a legacy id becomes
// the model's id whatever the runtime: the spelling names the same model on
// every runtime, so the rewrite changes nothing but the vocabulary. A
// spelling equal to a registered one but for ASCII case names no model
// today, so it becomes the model's id only where that id is registered on
// the runtime: elsewhere the rewrite would not make the pair registered,
// only pick a model for the workspace. With -fix-retired, any spelling of a
// retired model becomes its replacement (rule 9 of the registry: one that
// is not retired).
func (c *classifier) rewrite(runtime, model string) *Rewrite {
	m, why := c.model(strings.TrimSpace(model))
	switch {
	case m == nil:
		return nil
	case c.fixRetired && m.Lifecycle == resolver.LifecycleRetired && m.ReplacedBy != "":
		return &Rewrite{To: m.ReplacedBy, Why: FixRetired}
	case why == "":
		return nil
	case why == FixCase && c.reg.Resolver.CheckRegistered(runtime, m.ID).Status != resolver.StatusRegistered:
		return nil
	}
	return &Rewrite{To: m.ID, Why: why}
}

// model returns the model a spelling names and, unless it is the model's
// id, why -fix rewrites it; nil when it names none.
func (c *classifier) model(s string) (*spec.Model, string) {
	if m, kind := c.reg.Lookup(s); m != nil {
		switch kind {
		case resolver.SpellingAlias:
			return m, FixAlias
		case resolver.SpellingLegacy:
			return m, FixLegacy
		}
		return m, ""
	}
	if ms := c.fold[suggest.LowerASCII(s)]; s != "" && len(ms) == 1 {
		return ms[0], FixCase
	}
	return nil, ""
}
