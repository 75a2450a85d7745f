package spec

import (
	"fmt"
	"slices"

	"github.com/molecule-ai/providers/internal/table"
	"github.com/molecule-ai/providers/resolver"
)

// buildTables lays r out as resolver.Tables, in the record layouts of
// internal/table/format.go.
func buildTables(r *Registry) (*resolver.Tables, error) {
	t := &resolver.Tables{Format: resolver.TablesFormat4, NumModels: len(r.Models)}
	if err := buildRows(t, r); err != nil {
		return nil, err
	}
	if err := buildSpellings(t, r); err != nil {
		return nil, err
	}
	if err := buildDetails(t, r); err != nil {
		return nil, err
	}
	return t, nil
}

// buildRows lays out the providers and runtimes, and the indexes of their
// ids and of the env names that are LLM credentials.
func buildRows(t *resolver.Tables, r *Registry) error {
	if len(r.Providers) > table.MaxProviders {
		return fmt.Errorf("registry too large for the table format: %d providers (capacity %d)", len(r.Providers), table.MaxProviders)
	}
	var ids, payloads []string
	if p := r.SolePlatform(); p != nil {
		t.SolePlatform = p.Row + 1
	}
	for _, p := range r.Providers {
		t.Providers = append(t.Providers, resolver.ProviderRow{ID: resolver.ProviderID(p.ID), Name: p.Name, Platform: p.Platform, AuthEnv: p.AuthEnv, InjectEnv: p.InjectEnv})
		ids, payloads = append(ids, p.ID), append(payloads, table.ProviderPayload(p.Row))
	}
	var err error
	if t.ProviderIndex, err = table.BuildSmall(ids, payloads); err != nil {
		return err
	}
	ids, payloads = nil, nil
	for _, rt := range r.Runtimes {
		t.Runtimes = append(t.Runtimes, resolver.RuntimeRow{ID: resolver.RuntimeID(rt.ID), Name: rt.Name, Governed: rt.Governed})
		gov := table.NotGoverned
		if rt.Governed {
			gov = r.governed[rt.ID]
		}
		ids, payloads = append(ids, rt.ID), append(payloads, table.RuntimePayload(rt.Row, gov))
	}
	if t.RuntimeIndex, err = table.BuildSmall(ids, payloads); err != nil {
		return err
	}
	// The env names that are LLM credentials: auth_env and inject_env.
	ids, payloads = nil, nil
	kinds := map[string]int{}
	for _, e := range slices.Concat(r.AuthEnv(), r.InjectEnv()) {
		if kinds[e] == 0 {
			ids = append(ids, e)
		}
		if slices.Contains(r.AuthEnv(), e) {
			kinds[e] |= table.EnvAuth
		}
		if slices.Contains(r.InjectEnv(), e) {
			kinds[e] |= table.EnvInject
		}
	}
	for _, e := range ids {
		payloads = append(payloads, table.EnvPayload(kinds[e]))
	}
	t.EnvIndex, err = table.BuildSmall(ids, payloads)
	return err
}

// buildSpellings lays out the spelling records in the slots of a minimal
// perfect hash, the served lists, the long keys and the models.
func buildSpellings(t *resolver.Tables, r *Registry) error {
	if len(r.Models) > table.Max4 {
		return table.ErrTooLarge
	}
	var keys []string
	var lengths []int
	for _, m := range r.Models {
		for _, sp := range m.Spellings() {
			keys, lengths = append(keys, sp), append(lengths, len(sp))
		}
	}
	x := &t.Spellings
	x.Layout = table.NewSpellingLayout(lengths, len(r.governed))
	x.Stride = x.Layout.Stride()
	layout, err := table.Place(keys)
	if err != nil {
		return err
	}
	x.Seed, x.Buckets, x.Len = layout.Seed, layout.Buckets, len(keys)

	records := make([][]byte, len(keys))
	var lists, long, models []byte
	lists, long, models = append(lists, '\n'), append(long, '\n'), append(models, '\n')
	k := 0
	for _, m := range r.Models {
		rec := r.spellingRecord(m)
		n := len(m.Spellings())
		rec.Canonical, rec.CanonLen = layout.Slots[k], len(m.ID)
		if lists, err = r.appendCandidates(lists, m, &rec); err != nil {
			return err
		}
		models = table.AppendModel(models, layout.Slots[k:k+n])
		for j, sp := range m.Spellings() {
			_, kind := r.Lookup(sp)
			rec.Key, rec.Kind = sp, int(kind)
			if x.Layout.Long(len(sp)) {
				rec.LongAt = len(long)
				long = append(append(long, sp...), '\n')
			}
			if records[layout.Slots[k+j]], err = x.Layout.Append(nil, rec); err != nil {
				return err
			}
		}
		k += n
	}
	if len(lists) > table.Max4 || len(long) > table.Max5 {
		return fmt.Errorf("registry too large for the table format: %d bytes of served lists (capacity %d), %d of long spellings (capacity %d)", len(lists), table.Max4, len(long), table.Max5)
	}
	b := make([]byte, 1, 1+len(keys)*x.Stride)
	b[0] = '\n'
	for _, rec := range records {
		b = append(b, rec...)
	}
	x.Records, x.LongKeys, t.Lists, t.Models = string(b), string(long), string(lists), string(models)
	return nil
}

// spellingRecord returns the fields that every spelling record of m
// shares: who pays for the model, its row, and the provider on each
// governed runtime that one provider serves it on.
func (r *Registry) spellingRecord(m *Model) table.Spelling {
	rec := table.Spelling{Model: m.Row, Providers: make([]int, len(r.governed)), Billing: table.ModelMixed}
	platform, byok := false, false
	for _, e := range m.Served {
		platform, byok = platform || e.Provider.Platform, byok || !e.Provider.Platform
	}
	switch {
	case platform && !byok:
		rec.Billing = table.ModelPlatform
	case byok && !platform:
		rec.Billing = table.ModelBYOK
	}
	for _, on := range m.on {
		if len(on.providers) == 1 {
			rec.Providers[r.governed[on.runtime]] = on.providers[0].Row + 1
		}
	}
	return rec
}

// appendCandidates appends to lists the candidates of m on each governed
// runtime where several providers serve it, and points the provider fields
// of rec and its List at them.
func (r *Registry) appendCandidates(lists []byte, m *Model, rec *table.Spelling) ([]byte, error) {
	block := len(lists)
	for _, on := range m.on {
		ps := on.providers
		if len(ps) < 2 {
			continue
		}
		rows := make([]int, len(ps))
		for i, p := range ps {
			rows[i] = p.Row
		}
		var err error
		if lists, rec.Providers[r.governed[on.runtime]], err = table.AppendCandidates(lists, block, rows); err != nil {
			return nil, err
		}
		rec.List = block
	}
	if rec.List > 0 {
		lists = append(lists, '\n')
	}
	return lists, nil
}

// buildDetails lays out what Derive never reads, apart from the spelling
// records: each model's detail record, the names that are not ids and the
// price records.
func buildDetails(t *resolver.Tables, r *Registry) error {
	idSlot := make([]int, 0, len(r.Models))
	for off, i := 1, 0; i < t.NumModels; i++ {
		m := table.ReadModel(t.Models, off)
		idSlot, off = append(idSlot, m.Slot(t.Models, 0)), m.Next()
	}
	info := make([]byte, 1, 1+len(r.Models)*table.InfoStride)
	info[0] = '\n'
	names, prices := []byte{'\n'}, []byte{'\n'}
	var err error
	for _, m := range r.Models {
		d := table.ModelInfo{
			Lifecycle: int(m.Lifecycle), DeprecatedOn: m.DeprecatedOn, RetiresOn: m.RetiresOn,
			ContextWindow: m.ContextWindow, MaxOutput: m.MaxOutput, Prices: len(prices),
		}
		if rm, _ := r.Lookup(m.ReplacedBy); rm != nil {
			d.ReplacedBy = 1 + idSlot[rm.Row]
		}
		if m.Name != m.ID {
			d.NameAt, d.NameLen = len(names), len(m.Name)
			names = append(append(names, m.Name...), '\n')
		}
		for _, e := range m.Served {
			if e.Price == nil {
				continue
			}
			if prices, err = appendPrice(prices, e); err != nil {
				return err
			}
			d.Priced++
		}
		if d.Priced == 0 {
			d.Prices = 0
		}
		if info, err = table.AppendModelInfo(info, d); err != nil {
			return err
		}
	}
	if len(names) > table.Max5 || len(prices) > table.Max5 {
		return fmt.Errorf("registry too large for the table format: %d bytes of model names, %d of prices (capacity %d each)", len(names), len(prices), table.Max5)
	}
	t.ModelInfo, t.ModelNames, t.Prices = string(info), string(names), string(prices)
	return nil
}

// appendPrice appends the price record of served_by entry e.
func appendPrice(b []byte, e Served) ([]byte, error) {
	rates := func(r resolver.Rates) [table.Rates]int64 {
		return [table.Rates]int64{int64(r.Input), int64(r.Output), int64(r.CacheRead), int64(r.CacheWrite)}
	}
	tiers := make([]table.PriceTier, len(e.Price.Tiers))
	for i, t := range e.Price.Tiers {
		tiers[i] = table.PriceTier{Above: int(t.Above), Rates: rates(t.Rates)}
	}
	return table.AppendPrice(b, e.Provider.Row, rates(e.Price.Base), tiers)
}
