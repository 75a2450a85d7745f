package resolver

import (
	"strconv"
	"strings"

	"github.com/molecule-ai/providers/internal/suggest"
	"github.com/molecule-ai/providers/internal/table"
)

// Status is the outcome of CheckRegistered.
type Status uint8

const (
	// StatusRegistered: the model's id, served on the runtime.
	StatusRegistered Status = iota
	// StatusAlias: an alias of a model served on the runtime.
	StatusAlias
	// StatusLegacy: a legacy id of a model served on the runtime.
	StatusLegacy
	// StatusNotOnRuntime: a registered model that the runtime does not serve.
	StatusNotOnRuntime
	// StatusUnregistered: no model has this spelling.
	StatusUnregistered
	// StatusNoModel: the model string is empty.
	StatusNoModel
	// StatusUngovernedRuntime: the registry does not govern the runtime.
	StatusUngovernedRuntime
	// StatusUnknownRuntime: the runtime is not in the registry.
	StatusUnknownRuntime
)

var statusNames = [...]string{
	StatusRegistered:        "registered",
	StatusAlias:             "alias",
	StatusLegacy:            "legacy",
	StatusNotOnRuntime:      "not-on-runtime",
	StatusUnregistered:      "unregistered",
	StatusNoModel:           "no-model",
	StatusUngovernedRuntime: "ungoverned-runtime",
	StatusUnknownRuntime:    "unknown-runtime",
}

// String returns the status in kebab case, such as "not-on-runtime".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// Enforcement is how strictly a caller treats a flagged registration.
type Enforcement uint8

const (
	EnforceOff    Enforcement = iota // do not check
	EnforceWarn                      // log flagged pairs, allow them
	EnforceReject                    // refuse flagged pairs
)

var enforcementNames = [...]string{EnforceOff: "off", EnforceWarn: "warn", EnforceReject: "reject"}

// String returns "off", "warn" or "reject".
func (e Enforcement) String() string {
	if int(e) < len(enforcementNames) {
		return enforcementNames[e]
	}
	return "Enforcement(" + strconv.Itoa(int(e)) + ")"
}

// ParseEnforcement parses "off", "warn" or "reject" (as written by String),
// so that the level can come from configuration: like ParseBillingMode,
// it trims surrounding space and ignores ASCII case ("Warn" is warn), and
// no other folding (the Kelvin sign is not a k).
func ParseEnforcement(s string) (Enforcement, bool) {
	v := strings.TrimSpace(s)
	for e, n := range enforcementNames {
		if equalFoldASCII(v, n) {
			return Enforcement(e), true
		}
	}
	return EnforceOff, false
}

// Registration is the outcome of CheckRegistered.
type Registration struct {
	Status  Status
	Runtime RuntimeID // the trimmed runtime
	Model   ModelID   // the canonical id when the spelling is registered
	// Suggestion, for StatusUnregistered: a close spelling served on the
	// runtime, or empty; for a retired model: its replacement, or empty.
	Suggestion string
	// Lifecycle and ReplacedBy are the model's, once Model is known.
	Lifecycle  Lifecycle
	ReplacedBy ModelID
}

// Flagged reports whether the pair is governed and wrong: a registered model
// not served on the runtime, an unregistered model, or a retired model (its
// calls fail upstream). Unknown and ungoverned runtimes and an unset model
// fail open.
func (g Registration) Flagged() bool {
	return g.Status == StatusNotOnRuntime || g.Status == StatusUnregistered || g.Lifecycle == LifecycleRetired
}

// Rejected reports whether a caller enforcing at level e must refuse the pair.
func (g Registration) Rejected(e Enforcement) bool {
	return g.Flagged() && e == EnforceReject
}

// CheckRegistered reports whether model is registered on runtime.
func (r *Registry) CheckRegistered(runtime, model string) Registration {
	t := r.tables()
	runtime = trim(runtime)
	g := Registration{Runtime: RuntimeID(runtime)}
	var d Derivation
	p, o := t.derive(&d, runtime, model, nil)
	switch o {
	case noModel:
		g.Status = StatusNoModel
	case unknownRuntime, noRegistry:
		g.Status = StatusUnknownRuntime
	case ungovernedRuntime:
		g.Status = StatusUngovernedRuntime
	case unregisteredModel:
		g.Status = StatusUnregistered
		g.Suggestion = t.suggest(p.gov, trim(model))
	case notOnRuntime:
		g.Model, g.Status = d.Model, StatusNotOnRuntime
		t.lifecycle(&g, p.at)
	default: // served, by one provider or several
		g.Model = d.Model
		switch d.Spelling {
		case SpellingAlias:
			g.Status = StatusAlias
		case SpellingLegacy:
			g.Status = StatusLegacy
		default:
			g.Status = StatusRegistered
		}
		t.lifecycle(&g, p.at)
	}
	return g
}

// lifecycle fills in the lifecycle and replacement of the model of the
// spelling record at at, and suggests the replacement of a retired model.
func (t *Tables) lifecycle(g *Registration, at int) {
	in := t.info(at)
	g.Lifecycle, g.ReplacedBy = Lifecycle(in.Lifecycle()), t.replacedBy(in)
	if g.Lifecycle == LifecycleRetired {
		g.Suggestion = string(g.ReplacedBy)
	}
}

// maxSuggestDistance is the largest edit distance of a suggestion.
const maxSuggestDistance = 2

// suggest returns a spelling served on governed runtime gov for model, an
// unregistered spelling: one equal to it ignoring ASCII case (rule 11 of
// the registry makes it unique), else the closest within
// maxSuggestDistance edits ignoring ASCII case, the first in YAML order on
// a tie, else "".
func (t *Tables) suggest(gov int, model string) string {
	best, bestD := "", maxSuggestDistance+1
	x := &t.Spellings
	for off, i := 1, 0; i < t.NumModels; i++ {
		m := table.ReadModel(t.Models, off)
		off = m.Next()
		if x.Layout.Provider(x.Records, x.Record(m.Slot(t.Models, 0)), gov) == 0 {
			continue
		}
		for j := range m.Spellings() {
			k := x.Key(x.Record(m.Slot(t.Models, j)))
			if equalFoldASCII(model, k) {
				return k
			}
			if d := suggest.DistanceFold(model, k, bestD-1); d < bestD {
				best, bestD = k, d
			}
		}
	}
	return best
}
