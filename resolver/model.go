package resolver

import (
	"strconv"

	"github.com/molecule-ai/providers/internal/table"
)

// Lifecycle is where a model is in its provider's life cycle.
type Lifecycle uint8

const (
	// LifecycleActive is a current model (the default).
	LifecycleActive Lifecycle = iota
	// LifecyclePreview is a model offered before general availability.
	LifecyclePreview
	// LifecycleDeprecated is a model its provider has announced it will
	// retire: it still works.
	LifecycleDeprecated
	// LifecycleRetired is a model its provider no longer serves: calls to
	// it fail upstream.
	LifecycleRetired
)

var lifecycleNames = [...]string{
	LifecycleActive:     "active",
	LifecyclePreview:    "preview",
	LifecycleDeprecated: "deprecated",
	LifecycleRetired:    "retired",
}

// String returns the lifecycle as providers.yaml writes it: "active",
// "preview", "deprecated" or "retired".
func (l Lifecycle) String() string {
	if int(l) < len(lifecycleNames) {
		return lifecycleNames[l]
	}
	return "Lifecycle(" + strconv.Itoa(int(l)) + ")"
}

// ParseLifecycle parses a lifecycle as String writes it.
func ParseLifecycle(s string) (Lifecycle, bool) {
	for l, n := range lifecycleNames {
		if n == s {
			return Lifecycle(l), true
		}
	}
	return LifecycleActive, false
}

// ModelInfo describes a registered model, whatever runtime asks.
type ModelInfo struct {
	ID           ModelID  // the canonical id
	Name         string   // the display name (the id when the registry gives none)
	Spelling     Spelling // how the spelling asked for named the model
	Lifecycle    Lifecycle
	DeprecatedOn string  // YYYY-MM-DD, or empty
	RetiresOn    string  // YYYY-MM-DD, or empty
	ReplacedBy   ModelID // the model to move to, or empty
	// The limits in tokens, 0 when the registry does not give them.
	ContextWindow, MaxOutput int
}

// Model returns what the registry says of the model that spelling (an id,
// alias or legacy id, trimmed of surrounding space like Derive's model)
// names, with no runtime needed: to canonicalize a model string on import,
// or to show a model's lifecycle and limits. It reports false for a
// spelling no model has. Its strings are the registry's own: it does not
// allocate.
func (r *Registry) Model(spelling string) (ModelInfo, bool) {
	t := r.tables()
	at := t.Spellings.Find(trim(spelling))
	if at < 0 {
		return ModelInfo{}, false
	}
	return t.modelInfo(at), true
}

// modelInfo returns the ModelInfo of the model of the spelling record at
// at.
func (t *Tables) modelInfo(at int) ModelInfo {
	x := &t.Spellings
	in := t.info(at)
	m := ModelInfo{
		ID:            t.modelID(at),
		Spelling:      Spelling(x.Layout.Kind(x.Records, at)),
		Lifecycle:     Lifecycle(in.Lifecycle()),
		DeprecatedOn:  in.DeprecatedOn(),
		RetiresOn:     in.RetiresOn(),
		ReplacedBy:    t.replacedBy(in),
		ContextWindow: in.ContextWindow(),
		MaxOutput:     in.MaxOutput(),
	}
	m.Name = string(m.ID)
	if off, n := in.Name(); n > 0 {
		m.Name = t.ModelNames[off : off+n]
	}
	return m
}

// info returns the detail record of the model of the spelling record at
// at.
func (t *Tables) info(at int) table.Info {
	x := &t.Spellings
	return table.ReadInfo(t.ModelInfo, x.Layout.Model(x.Records, at))
}

// replacedBy returns the id of the replacement of the model of in, or "".
func (t *Tables) replacedBy(in table.Info) ModelID {
	s := in.ReplacedBy()
	if s == 0 {
		return ""
	}
	x := &t.Spellings
	return ModelID(x.Key(x.Record(s - 1)))
}
