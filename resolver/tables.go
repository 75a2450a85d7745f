package resolver

import "github.com/molecule-ai/providers/internal/table"

// TablesFormat2 names the table encoding this resolver reads. Generated code
// sets Tables.Format to it, so tables generated for another encoding fail to
// compile against this resolver instead of answering wrongly. (Format 1 kept
// model records apart from the spelling index; format 2 puts what Derive
// needs behind each spelling, and adds small indexes.)
const TablesFormat2 = 2

// Tables is the compiled form of a registry.
//
// Tables values are written by generated code only (the generator in
// github.com/molecule-ai/providers/gen); the encoding is private to this
// module and is checked by Format. Read a registry through the methods of
// Registry, never through these fields.
type Tables struct {
	Format int

	// Providers and Runtimes are in YAML order. A runtime's position is its
	// bit in the runtime sets of the model records.
	Providers []ProviderRow
	Runtimes  []RuntimeRow

	// Each index maps an id or spelling to a slot and a payload: the row
	// (providers, runtimes), unused (env names), or for a model spelling its
	// kind, model record, canonical slot and served_by entries (see
	// table.AppendSpelling).
	ProviderIndex Index
	RuntimeIndex  Index
	ModelIndex    Index
	EnvIndex      Index

	// NumModels model records, in YAML order, packed in Models. A record is
	// the canonical id's slot, the number of aliases and of legacy ids, their
	// slots, the number of served_by entries and the entries: provider row
	// and RuntimeWords 24-bit runtime sets each. All numbers are 4 digits.
	NumModels    int
	RuntimeWords int
	Models       string
}

// ProviderRow is one provider of a Tables value.
type ProviderRow struct {
	ID       ProviderID
	Name     string
	Platform bool
	AuthEnv  []string
}

// RuntimeRow is one runtime of a Tables value.
type RuntimeRow struct {
	ID       RuntimeID
	Name     string
	Governed bool
}

// Index is a perfect-hash index packed into strings; see Tables.
type Index = table.Index

// New returns the registry of t. The generated package calls it in a
// package-level variable declaration, which the compiler initializes
// statically: no code runs at start-up. t must not be changed afterwards.
func New(t *Tables) *Registry {
	return &Registry{t: t}
}

// Registry answers derivation, billing and registration questions from
// compiled tables. A Registry is immutable and safe for concurrent use; the
// zero Registry is empty.
type Registry struct {
	t *Tables
}

var emptyTables Tables

func (r *Registry) tables() *Tables {
	if r == nil || r.t == nil {
		return &emptyTables
	}
	return r.t
}

// rec returns the model record at offset off of Models.
func (t *Tables) rec(off int) table.Model {
	return table.ReadModel(t.Models, off, t.RuntimeWords)
}

func (t *Tables) modelID(m table.Model) ModelID {
	return ModelID(t.ModelIndex.Key(m.Canonical))
}
