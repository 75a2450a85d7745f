package importer

import (
	"cmp"
	"slices"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// readModelsDev reads models.dev's api.json: an object of providers by id,
// each with its env names, its name and an object of models by id. Prices
// are USD per million tokens; a long-prompt price is cost.context_over_200k
// or an item of cost.tiers whose threshold is tier.size or context.min
// (the forms models.dev has used). limit.context is the context window and
// limit.output max_output (limit.input, the most a prompt may hold, has no
// registry field).
func (c *Catalogue) readModelsDev() error {
	if err := c.modelsDevRepeats(); err != nil {
		return err
	}
	for _, pf := range c.snap.root.fields {
		p := pf.val
		if p.kind != '{' {
			continue
		}
		c.names[pf.key] = cmp.Or(p.text("name"), pf.key)
		if env := p.get("env"); env != nil {
			for _, e := range env.items {
				if e.kind == 's' {
					c.env[pf.key] = append(c.env[pf.key], e.str)
				}
			}
		}
		models := p.get("models")
		if models == nil || models.kind != '{' {
			continue
		}
		done := map[string]bool{} // repeated model keys already read
		for _, mf := range models.fields {
			switch {
			case models.repeated(mf.key) && !done[mf.key]:
				done[mf.key] = true
				c.add(c.repeatedEntry(&Entry{Provider: pf.key, Model: mf.key, Ref: pf.key + "/" + mf.key, Name: mf.key, off: mf.val.off}, models))
			case !models.repeated(mf.key) && mf.val.kind == '{':
				c.add(c.modelsDevEntry(pf.key, mf.key, mf.val))
			}
		}
	}
	return nil
}

// modelsDevRepeats returns the keys repeated above the models (a provider
// id, or a provider's env, name or models) as an error of the snapshot:
// api.json is written by a JSON serializer, which cannot repeat a key, and
// a provider read two ways could not be drafted or compared at all. A
// repeated model key is a problem of that model only.
func (c *Catalogue) modelsDevRepeats() error {
	s := c.snap
	list := s.root.repeats
	for _, pf := range s.root.fields {
		list = append(list, pf.val.repeats...)
	}
	if len(list) == 0 {
		return nil
	}
	slices.SortFunc(list, func(a, b repeat) int { return cmp.Compare(a.again, b.again) })
	e := &spec.InputError{File: s.name}
	for _, r := range list {
		e.Diags = append(e.Diags, spec.Diag{Pos: s.pos(r.again), Msg: s.repeatText(r)})
	}
	return e
}

// modelsDevStatus maps the status values models.dev documents to registry
// lifecycles: alpha and beta (in testing) are preview; deprecated is, in
// models.dev's words, "no longer served by the provider's public API",
// which the registry calls retired (its deprecated is announced but still
// callable). A model without a status states nothing: it is not compared.
var modelsDevStatus = map[string]string{"alpha": "preview", "beta": "preview", "deprecated": "retired"}

func (c *Catalogue) modelsDevEntry(provider, model string, m *jnode) *Entry {
	e := &Entry{Provider: provider, Model: model, Ref: provider + "/" + model, Name: cmp.Or(m.text("name"), model), off: m.off}
	r := reader{c, e}
	r.repeats("", m)
	e.Status = r.status(m.get("status"))
	// retirement_date is the day the model stops being served.
	e.RetiresOn = r.date("retires_on", m.get("retirement_date"))
	if lim := m.get("limit"); lim != nil {
		e.Context = r.tokens("context_window", lim.get("context"))
		e.Output = r.tokens("max_output", lim.get("output"))
	}
	cost := m.get("cost")
	if cost == nil || cost.kind != '{' {
		return e
	}
	p := &Price{}
	r.rates("price", cost, &p.Rates)
	known := true
	if over := cost.get("context_over_200k"); over != nil && over.kind == '{' {
		known = r.addTier(p, 200_000, over)
	}
	if tiers := cost.get("tiers"); tiers != nil {
		for _, it := range tiers.items {
			known = r.tier(it, p) && known
		}
	}
	p.finishTiers()
	if known && p.any() {
		e.Price = p
	}
	return e
}

// status reads a models.dev status as a registry lifecycle, or "" when
// there is none.
func (r reader) status(v *jnode) string {
	switch {
	case v == nil || v.kind == '0':
		return ""
	case v.kind != 's':
		r.problem("status", v, "not a string")
	case modelsDevStatus[v.str] == "":
		r.problem("status", v, "status %q is not one models.dev documents (alpha, beta, deprecated)", clip(v.str))
	}
	return modelsDevStatus[v.str]
}

// rates reads the four rates of a models.dev cost object.
func (r reader) rates(field string, v *jnode, rs *Rates) {
	for i, name := range rateNames {
		r.rate(field+"."+name, v.get(name), perMillion, rs, i)
	}
}

// tier reads one item of cost.tiers. It reports false when the item
// prices a tier of p another way (addTier), or is a prompt-size tier whose
// threshold cannot be read: the snapshot's tiers are then not all known,
// and comparing the rest would have -write remove a registry tier.
func (r reader) tier(it *jnode, p *Price) bool {
	size := it.get("tier").get("size")
	if t := it.get("tier").text("type"); t != "" && t != "context" {
		r.problem("price.tiers", it, "a tier of type %q: only context tiers (prompt size) have a registry form", clip(t))
		return true
	}
	if size == nil {
		size = it.get("context").get("min")
	}
	if size == nil {
		r.problem("price.tiers", it, "a tier without tier.size or context.min: its threshold is unknown, so the price is left out")
		return false
	}
	above := r.tokens("price.tiers.above", size)
	if above == 0 {
		return false // reported by tokens
	}
	return r.addTier(p, above, it)
}

// addTier adds the rates of v, a cost object, to p's tier above above.
// When the tier already has one of them at another value (two tiers at
// one size, or context_over_200k and a tier at 200000), which applies is
// unknown: that is a problem of the entry, and it reports false so that
// the price is neither compared nor drafted. A tier given twice alike is
// one tier.
func (r reader) addTier(p *Price, above int, v *jnode) bool {
	var t Rates
	r.rates("price.tiers", v, &t)
	ok := true
	for i := range t.Has {
		if t.Has[i] && !p.addTier(above, i, t.Rate[i]) {
			ok = false
		}
	}
	if !ok {
		r.problem("price.tiers", v, "two tiers above %d tokens with other rates: which applies is unknown, so the price is left out", above)
	}
	return ok
}
