package spec

import (
	"fmt"

	"github.com/molecule-ai/providers/internal/table"
	"github.com/molecule-ai/providers/resolver"
)

// buildTables lays r out as resolver.Tables, in the record layouts of
// internal/table.
func buildTables(r *Registry) (*resolver.Tables, error) {
	t := &resolver.Tables{Format: resolver.TablesFormat2, NumModels: len(r.Models)}
	if err := buildRows(t, r); err != nil {
		return nil, err
	}
	if err := buildModels(t, r); err != nil {
		return nil, err
	}
	return t, nil
}

// buildRows lays out the providers and runtimes, and the indexes of their
// ids and of the auth env names.
func buildRows(t *resolver.Tables, r *Registry) error {
	var pkeys, rkeys []string
	var pvals, rvals []int
	for _, p := range r.Providers {
		t.Providers = append(t.Providers, resolver.ProviderRow{ID: resolver.ProviderID(p.ID), Name: p.Name, Platform: p.Platform, AuthEnv: p.AuthEnv})
		pkeys, pvals = append(pkeys, p.ID), append(pvals, p.Row)
	}
	for _, rt := range r.Runtimes {
		t.Runtimes = append(t.Runtimes, resolver.RuntimeRow{ID: resolver.RuntimeID(rt.ID), Name: rt.Name, Governed: rt.Governed})
		rkeys, rvals = append(rkeys, rt.ID), append(rvals, rt.Row)
	}
	var err error
	if t.ProviderIndex, _, err = table.Build(pkeys, pvals); err != nil {
		return err
	}
	if t.RuntimeIndex, _, err = table.Build(rkeys, rvals); err != nil {
		return err
	}
	t.EnvIndex, _, err = table.Build(r.AuthEnv(), make([]int, len(r.AuthEnv())))
	return err
}

// buildModels lays out the model records and the spelling index.
func buildModels(t *resolver.Tables, r *Registry) error {

	// Model records have fixed-width fields, so their offsets are known
	// before the spelling index that they and the index refer to each other
	// through.
	t.RuntimeWords = table.RuntimeWords(len(r.Runtimes))
	var keys []string
	offsets := make([]int, len(r.Models))
	served := make([][]table.Served, len(r.Models))
	off := 0
	for i, m := range r.Models {
		offsets[i] = off
		keys = append(keys, m.Spellings()...)
		off += table.ModelRecordWidth(len(m.Spellings()), len(m.Served), t.RuntimeWords)
		for _, e := range m.Served {
			s := table.Served{Provider: e.Provider.Row}
			for _, rt := range e.Runtimes {
				s.Runtimes = append(s.Runtimes, rt.Row)
			}
			served[i] = append(served[i], s)
		}
	}
	if off > table.Max5 {
		return fmt.Errorf("registry too large for the table format: %d digits of model records (capacity %d)", off, table.Max5)
	}
	layout, err := table.Place(keys)
	if err != nil {
		return err
	}
	slots := layout.Slots
	b := make([]byte, 0, off)
	k := 0
	for i, m := range r.Models {
		n := len(m.Spellings())
		if b, err = table.AppendModel(b, slots[k], slots[k+1:k+n], len(m.Aliases), served[i], t.RuntimeWords); err != nil {
			return err
		}
		k += n
	}
	t.Models = string(b)

	// Each spelling carries what Derive needs behind it in the index (see
	// table.AppendSpelling): no second lookup into the records.
	payloads := make([]string, 0, len(keys))
	for i, m := range r.Models {
		canon := slots[len(payloads)]
		for _, sp := range m.Spellings() {
			_, kind := r.Lookup(sp)
			p, err := table.AppendSpelling(nil, int(kind), offsets[i], canon, served[i], t.RuntimeWords)
			if err != nil {
				return err
			}
			payloads = append(payloads, string(p))
		}
	}
	t.ModelIndex, err = layout.Encode(keys, payloads)
	return err
}
