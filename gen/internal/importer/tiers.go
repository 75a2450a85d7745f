package importer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
	"gopkg.in/yaml.v3"
)

// tiers compares the long-prompt tiers of a price, matched by threshold.
// The snapshot's price is the whole price: a tier it does not have is a
// difference too. When both have the same thresholds, each rate that
// differs is its own edit; otherwise one edit writes the whole tiers list
// (the snapshot's thresholds, each with the rates the snapshot gives and
// those the registry sets that it does not), shared by every tier row, so
// that two missing tiers add one tiers field and a threshold that moved
// replaces its tier.
func (c *comparer) tiers(have *spec.Price, up *Price, pr ref) {
	var list *edit
	if !slices.EqualFunc(have.Tiers, up.Tiers, func(h resolver.Tier, u Tier) bool { return h.Above == int64(u.Above) }) {
		list = tierList(have, up, pr)
	}
	for _, above := range thresholds(have, up) {
		label := fmt.Sprintf("price.tiers[above %d]", above)
		i, j := tierIndex(have, above), slices.IndexFunc(up.Tiers, func(t Tier) bool { return t.Above == above })
		switch {
		case j < 0:
			at := tier(pr, above)
			c.add(label, ratesText(registryRates(at, have.Tiers[i].Rates)), "none", at, *list)
		case i < 0:
			c.add(label, "", ratesText(up.Tiers[j].Rates), pr, *list)
		default:
			c.rates(label+".", rateArray(have.Tiers[i].Rates), up.Tiers[j].Rates, tier(pr, above), list)
		}
	}
}

// thresholds returns the thresholds of both prices' tiers, in increasing
// order.
func thresholds(have *spec.Price, up *Price) []int {
	var out []int
	for _, t := range have.Tiers {
		out = append(out, int(t.Above))
	}
	for _, t := range up.Tiers {
		out = append(out, t.Above)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tierList is the edit that writes the whole tiers list of price pr as
// the snapshot gives it, keeping each rate of a tier with the same
// threshold that the registry sets and the snapshot does not give.
func tierList(have *spec.Price, up *Price, pr ref) *edit {
	items := []string{}
	for _, t := range up.Tiers {
		if i := tierIndex(have, t.Above); i >= 0 {
			own := registryRates(tier(pr, t.Above), have.Tiers[i].Rates)
			for k := range t.Has {
				if !t.Has[k] && own.Has[k] {
					t.Rate[k], t.Has[k] = own.Rate[k], true
				}
			}
		}
		items = append(items, tierFlow(t))
	}
	return &edit{field: pr.child("tiers"), parent: pr, name: "tiers", list: true, items: items}
}

// registryRates returns the rates a registry tier sets itself (a rate it
// leaves out is the base rate), from its mapping t and its rates r.
func registryRates(t ref, r resolver.Rates) Rates {
	var out Rates
	for k, name := range rateNames {
		if t.child(name).val != nil {
			out.Rate[k], out.Has[k] = rateArray(r)[k], true
		}
	}
	return out
}

func rateArray(r resolver.Rates) [4]resolver.Rate {
	return [4]resolver.Rate{r.Input, r.Output, r.CacheRead, r.CacheWrite}
}

// listValue is a list edit's items as the value of its field, after
// "name:": a flow sequence, or in a block mapping whose keys are indented
// by indent, one "- " line each.
func (e edit) listValue(flow bool, indent, nl string) string {
	if flow {
		return " [" + strings.Join(e.items, ", ") + "]"
	}
	var b strings.Builder
	for _, it := range e.items {
		b.WriteString(nl + indent + "  - " + it)
	}
	return b.String()
}

// locateList finds where a list edit changes the bytes of d: it adds the
// field, replaces its whole value, or with no items removes the field.
func (e edit) locateList(d *regDoc) (change, string) {
	v := e.field.val
	switch {
	case v == nil:
		return e.insert(d)
	case len(e.items) == 0:
		return e.remove(d)
	}
	start := d.offset(v.Line, v.Column)
	end, ok := d.end(v)
	if start < 0 || !ok || v.Kind != yaml.SequenceNode {
		return change{}, "the " + e.name + " list is not written as a plain list: change it by hand"
	}
	if bytes.IndexByte(d.data[start:end], '#') >= 0 {
		return change{}, e.commentsLost()
	}
	text := "[" + strings.Join(e.items, ", ") + "]"
	if v.Style&yaml.FlowStyle == 0 {
		_, nl := d.lineEnd(start)
		text = "- " + strings.Join(e.items, nl+strings.Repeat(" ", v.Column-1)+"- ")
	}
	return change{start, end, text, e.field.shared}, ""
}

// commentsLost is why a list with comments among its items is left to a
// person: -write keeps every comment.
func (e edit) commentsLost() string {
	return "the " + e.name + " list has comments that rewriting it would lose: change it by hand"
}

// remove deletes field e.field from its mapping: in a flow mapping from
// the end of the value before it, in a block mapping its whole lines, or
// up to the comment that ends its last line, which stays in its place.
// Any other comment in what it would delete leaves it to a person.
func (e edit) remove(d *regDoc) (change, string) {
	m, k := e.field.in, e.field.key
	i := slices.Index(m.Content, k)
	end, ok := d.end(e.field.val)
	start := d.offset(k.Line, k.Column)
	if i < 0 || i%2 != 0 || !ok || start < 0 {
		return change{}, "the " + e.name + " field is shared or not written plainly: remove it by hand"
	}
	if m.Style&yaml.FlowStyle != 0 {
		// With the comma before it, or after it when it comes first.
		switch {
		case i > 0:
			start, ok = d.end(m.Content[i-1])
		case len(m.Content) > 2:
			end = d.offset(m.Content[2].Line, m.Content[2].Column)
		}
		if !ok || end < 0 {
			return change{}, "the fields around " + e.name + " are not written plainly: remove it by hand"
		}
		if bytes.IndexByte(d.data[start:end], '#') >= 0 {
			return change{}, e.commentsLost()
		}
		return change{start, end, "", e.field.shared}, ""
	}
	lineStart := d.offset(k.Line, 1)
	if strings.TrimLeft(string(d.data[lineStart:start]), " ") != "" {
		return change{}, "the " + e.name + " field does not start its line: remove it by hand"
	}
	at, nl := d.lineEnd(end)
	if bytes.IndexByte(d.data[start:end], '#') >= 0 {
		return change{}, e.commentsLost()
	}
	switch rest := bytes.TrimLeft(d.data[end:at], " \t"); {
	case len(rest) > 0 && rest[0] == '#':
		return change{start, at - len(rest), "", e.field.shared}, ""
	case len(rest) > 0:
		return change{}, "the " + e.name + " field is not written plainly: remove it by hand"
	}
	if at == len(d.data) { // the last line: remove the line ending before it
		lineStart = max(lineStart-1, 0)
		if lineStart > 0 && d.data[lineStart-1] == '\r' {
			lineStart--
		}
		return change{lineStart, at, "", e.field.shared}, ""
	}
	return change{lineStart, at + len(nl), "", e.field.shared}, ""
}

// end returns the offset just past node n: past its closing bracket for
// a flow collection, past its last value for a block one. ok is false for
// a scalar not on one line, an alias, or a comment before a closing
// bracket.
func (d *regDoc) end(n *yaml.Node) (int, bool) {
	switch {
	case n.Kind == yaml.ScalarNode:
		_, end, _, ok := d.span(n)
		return end, ok
	case n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode || len(n.Content) == 0 && n.Style&yaml.FlowStyle == 0:
		return 0, false
	case n.Style&yaml.FlowStyle == 0:
		return d.end(n.Content[len(n.Content)-1])
	}
	at := d.offset(n.Line, n.Column) + 1 // after the opening bracket
	if len(n.Content) > 0 {
		var ok bool
		if at, ok = d.end(n.Content[len(n.Content)-1]); !ok {
			return 0, false
		}
	}
	for ; at < len(d.data); at++ {
		switch d.data[at] {
		case ' ', '\t', '\r', '\n', ',':
		case ']', '}':
			return at + 1, true
		default:
			return 0, false
		}
	}
	return 0, false
}
