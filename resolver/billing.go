package resolver

import (
	"fmt"
	"strings"

	"github.com/molecule-ai/providers/internal/table"
)

// BillingMode says who pays for a workspace's LLM calls.
type BillingMode string

const (
	// PlatformManaged: the platform's managed proxy serves the model and the
	// platform's credentials are injected; the platform pays.
	PlatformManaged BillingMode = "platform_managed"
	// BYOK: a vendor serves the model with the workspace owner's own key; the
	// platform's credentials must be stripped.
	BYOK BillingMode = "byok"
)

// ParseBillingMode parses a billing mode as stored in an override column:
// surrounding space is trimmed and ASCII case is ignored (no Unicode
// folding: the Kelvin sign is not a k). Anything else, including the empty
// string, is an error wrapping ErrInvalidOverride.
func ParseBillingMode(s string) (BillingMode, error) {
	switch v := strings.TrimSpace(s); {
	case equalFoldASCII(v, string(PlatformManaged)):
		return PlatformManaged, nil
	case equalFoldASCII(v, string(BYOK)):
		return BYOK, nil
	}
	return "", fmt.Errorf("%w %q: want %q or %q", ErrInvalidOverride, s, PlatformManaged, BYOK)
}

// equalFoldASCII reports whether a and b are equal ignoring ASCII case
// only: no Unicode folding, so the Kelvin sign is not a k.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// BillingSource says where a billing decision came from.
type BillingSource string

const (
	// SourceOverride: the stored per-workspace override.
	SourceOverride BillingSource = "override"
	// SourceDerived: the registry, from the (runtime, model) pair.
	SourceDerived BillingSource = "derived"
	// SourceModel: the model, asked for on a governed runtime that does not
	// serve it, is served by platform providers only or by vendors only,
	// on every runtime: that decides (Reason is ErrNotOnRuntime). A
	// vendor-only model never runs on the platform's credentials just
	// because it was asked for on the wrong runtime.
	SourceModel BillingSource = "model"
	// SourceDefault: the fleet-safety default, because the pair could not be
	// derived (Reason says why).
	SourceDefault BillingSource = "default"
)

// BillingInput is what ResolveBillingMode decides from.
type BillingInput struct {
	Override string   // the stored override column; empty for none
	Runtime  string   // the workspace's runtime
	Model    string   // the workspace's model string
	AuthEnv  []string // names of the auth env vars that are set
}

// BillingDecision is the outcome of ResolveBillingMode.
type BillingDecision struct {
	Mode     BillingMode
	Source   BillingSource
	Provider ProviderID // the derived provider, when derivation succeeded
	Reason   error      // why the default or the model applied, why an override was ignored, or ErrAmbiguous
}

// ResolveBillingMode decides the billing mode of a workspace. It never
// fails: a valid override wins; otherwise the registry decides from the
// (runtime, model) pair, which is enough even when the auth env cannot
// choose among several vendors; otherwise the mode is PlatformManaged, the
// default that keeps a fleet with unset or unknown models running.
func (r *Registry) ResolveBillingMode(in BillingInput) BillingDecision {
	t := r.tables()
	if in.Override == "" {
		// The common case, without the override's bookkeeping.
		var d Derivation
		p, o := t.derive(&d, in.Runtime, in.Model, in.AuthEnv)
		return t.decide(d, p, o)
	}
	dec, _, _, _ := t.billing(in)
	return dec
}

// billing is ResolveBillingMode, also returning the derivation under it.
func (t *Tables) billing(in BillingInput) (BillingDecision, Derivation, pair, outcome) {
	mode, ignored := override(in.Override)
	var d Derivation
	p, o := t.derive(&d, in.Runtime, in.Model, in.AuthEnv)
	if mode != "" {
		return BillingDecision{Mode: mode, Source: SourceOverride, Provider: d.Provider}, d, p, o
	}
	dec := t.decide(d, p, o)
	switch {
	case ignored != nil && dec.Reason != nil:
		dec.Reason = fmt.Errorf("%w; %w", ignored, dec.Reason)
	case ignored != nil:
		dec.Reason = ignored
	}
	return dec, d, p, o
}

// mode is the billing mode of in without looking at its credentials: rule 4
// of the registry makes the pair's platform-ness known without them. It
// also returns the derivation under it.
func (t *Tables) mode(ov, runtime, model string) (BillingMode, pair, outcome) {
	var d Derivation
	p, o := t.derive(&d, runtime, model, nil)
	if m, _ := override(ov); m != "" {
		return m, p, o
	}
	return t.decide(d, p, o).Mode, p, o
}

// override returns the mode an override column forces, or "" with the
// reason it was ignored (nil when it was empty).
func override(v string) (BillingMode, error) {
	if strings.TrimSpace(v) == "" {
		return "", nil
	}
	m, err := ParseBillingMode(v)
	if err != nil {
		return "", fmt.Errorf("override ignored: %w", err)
	}
	return m, nil
}

// decide is billing steps 2 to 4 for a derivation outcome.
func (t *Tables) decide(d Derivation, p pair, o outcome) BillingDecision {
	switch o {
	case found, ambiguous:
		dec := BillingDecision{Mode: BYOK, Source: SourceDerived, Provider: d.Provider, Reason: outcomeErr[o]}
		if d.Platform {
			dec.Mode = PlatformManaged
		}
		return dec
	case notOnRuntime:
		x := &t.Spellings
		switch x.Layout.Billing(x.Records, p.at) {
		case table.ModelPlatform:
			return BillingDecision{Mode: PlatformManaged, Source: SourceModel, Reason: ErrNotOnRuntime}
		case table.ModelBYOK:
			return BillingDecision{Mode: BYOK, Source: SourceModel, Reason: ErrNotOnRuntime}
		}
	}
	return BillingDecision{Mode: PlatformManaged, Source: SourceDefault, Reason: outcomeErr[o]}
}
