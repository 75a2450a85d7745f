package delta

import (
	"fmt"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/artifact"
	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// PriceChange is a served_by entry whose price changed. On a platform
// provider it is a change of what the platform pays.
type PriceChange struct {
	Model        string          `json:"model"`
	Provider     string          `json:"provider"`
	Runtimes     []string        `json:"runtimes"`      // the entry's runtimes, after the change
	PlatformPays bool            `json:"platform_pays"` // the provider is a platform provider
	Before       *artifact.Price `json:"before"`        // null: no price
	After        *artifact.Price `json:"after"`
	Changes      []string        `json:"changes"` // in words, USD per million tokens
}

// priceChanges lists the served_by entries, of a model both registries
// have and a provider that serves it in both, whose price changed:
// platform providers first, then in the new registry's YAML order.
func priceChanges(old, cur *spec.Registry) []PriceChange {
	out := []PriceChange{}
	for _, m := range cur.Models {
		o, _ := old.Lookup(m.ID)
		if o == nil || o.ID != m.ID {
			continue
		}
		for _, e := range m.Served {
			i := slices.IndexFunc(o.Served, func(x spec.Served) bool { return x.Provider.ID == e.Provider.ID })
			if i < 0 || o.Served[i].Price.Equal(e.Price) {
				continue
			}
			var rts []string
			for _, r := range e.Runtimes {
				rts = append(rts, r.ID)
			}
			out = append(out, PriceChange{
				Model: m.ID, Provider: e.Provider.ID, Runtimes: rts, PlatformPays: e.Provider.Platform,
				Before: artifact.NewPrice(o.Served[i].Price), After: artifact.NewPrice(e.Price),
				Changes: priceDiff(o.Served[i].Price, e.Price),
			})
		}
	}
	slices.SortStableFunc(out, func(a, b PriceChange) int {
		switch {
		case a.PlatformPays == b.PlatformPays:
			return 0
		case a.PlatformPays:
			return -1
		}
		return 1
	})
	return out
}

// priceDiff says what changed between two prices, rate by rate.
func priceDiff(before, after *spec.Price) []string {
	switch {
	case before == nil:
		return []string{"price added: " + catalogue.PriceText(after)}
	case after == nil:
		return []string{"price removed (was " + catalogue.PriceText(before) + ")"}
	}
	var out []string
	b, a := rateList(before.Base), rateList(after.Base)
	for i, name := range rateWords {
		if b[i] != a[i] {
			out = append(out, fmt.Sprintf("%s %s → %s", name, b[i], a[i]))
		}
	}
	if !slices.Equal(before.Tiers, after.Tiers) {
		out = append(out, fmt.Sprintf("long prompts %s → %s", tiersText(before), tiersText(after)))
	}
	return out
}

var rateWords = [...]string{"input", "output", "cache read", "cache write"}

func rateList(r resolver.Rates) [4]resolver.Rate {
	return [4]resolver.Rate{r.Input, r.Output, r.CacheRead, r.CacheWrite}
}

func tiersText(p *spec.Price) string {
	if len(p.Tiers) == 0 {
		return "none"
	}
	return catalogue.Tiers(p)
}

// priceCell is the changes of a row, for a table cell.
func priceCell(c PriceChange) string {
	return strings.Join(c.Changes, "; ")
}
