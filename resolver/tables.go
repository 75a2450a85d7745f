package resolver

import (
	"fmt"

	"github.com/molecule-ai/providers/internal/table"
)

// TablesFormat4 names the table encoding this resolver reads. Generated code
// sets Tables.Format to it, so tables generated for another encoding fail to
// compile against this resolver instead of answering wrongly; a Tables value
// whose Format field says otherwise (a hand-edited file) makes every method
// panic with the reason. (Format 1 kept model records apart from the
// spelling index; format 2 put what Derive needs behind each spelling;
// format 3 keeps each spelling and everything Derive needs in one
// fixed-width record, with no space in its alphabet; format 4 adds model
// details and prices in tables of their own, leaving the spelling records
// as they were.)
const TablesFormat4 = 4

// Tables is the compiled form of a registry.
//
// Tables values are written by generated code only (the generator in
// github.com/molecule-ai/providers/gen); the encoding is private to this
// module (internal/table/format.go) and is checked by Format. Read a
// registry through the methods of Registry, never through these fields.
type Tables struct {
	Format int

	// Providers and Runtimes are in YAML order: a provider's or runtime's
	// row is its position here.
	Providers []ProviderRow
	Runtimes  []RuntimeRow

	// Small perfect hashes over the ids of providers and the env names
	// that are LLM credentials.
	ProviderIndex Small
	EnvIndex      Small

	// The runtimes' index and the model spellings, with everything Derive
	// needs in each spelling's record: what the hit path reads. Lists holds
	// the served_by lists of models with several providers on a runtime,
	// and Models each model's spellings in YAML order.
	Index
	Lists     string
	NumModels int
	Models    string

	// SolePlatform is 1 + the row of the registry's only platform
	// provider, or 0 when it has none or several.
	SolePlatform int

	// What Derive never reads: ModelInfo holds one record per model row
	// (lifecycle, dates, replacement, limits, and where its name and
	// prices are), ModelNames the names that are not the model's id, and
	// Prices the price records of the served_by entries that have one.
	ModelInfo  string
	ModelNames string
	Prices     string
}

// ProviderRow is one provider of a Tables value.
type ProviderRow struct {
	ID        ProviderID
	Name      string
	Platform  bool
	AuthEnv   []string
	InjectEnv []string
}

// RuntimeRow is one runtime of a Tables value.
type RuntimeRow struct {
	ID       RuntimeID
	Name     string
	Governed bool
}

// Small is a perfect hash over a few ids; see Tables.
type Small = table.Small

// Index is the runtimes and model spellings of a registry; see Tables.
type Index = table.Index

// SpellingTable is the model spellings of a registry; see Tables.
type SpellingTable = table.SpellingTable

// SpellingLayout is the shape of a registry's spelling records; see Tables.
type SpellingLayout = table.SpellingLayout

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

var emptyTables = Tables{Format: TablesFormat4}

// tables returns r's tables, the empty tables for a nil or zero Registry.
// Tables of another format panic: answering from them would be wrong
// everywhere, silently.
func (r *Registry) tables() *Tables {
	if r != nil && r.t != nil && r.t.Format == TablesFormat4 {
		return r.t
	}
	return r.otherTables()
}

// otherTables is tables for a nil or zero Registry, or tables of another
// format; it is apart so that tables is inlined.
func (r *Registry) otherTables() *Tables {
	if r == nil || r.t == nil {
		return &emptyTables
	}
	panic(fmt.Sprintf("resolver: the registry's tables are in format %d, and this resolver reads format %d: regenerate them (go generate)", r.t.Format, TablesFormat4))
}

// modelID returns the id of the model of the spelling record at at.
func (t *Tables) modelID(at int) ModelID {
	x := &t.Spellings
	slot := x.Layout.Canonical(x.Records, at)
	return ModelID(x.Key(x.Record(slot)))
}

// runtime returns the row and governed index of runtime id, or -1 and
// table.NotGoverned.
func (t *Tables) runtime(id string) (row, gov int) {
	p := t.RuntimeIndex.Lookup(id)
	if p < 0 {
		return -1, table.NotGoverned
	}
	return table.Runtime(t.RuntimeIndex.Records, p)
}
