package resolver

import (
	"fmt"
	"strings"
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

// equalFoldASCII reports whether s is lower, an ASCII lower-case word, in
// any ASCII case.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// BillingSource says where a billing decision came from.
type BillingSource string

const (
	// SourceOverride: the stored per-workspace override.
	SourceOverride BillingSource = "override"
	// SourceDerived: the registry, from the (runtime, model) pair.
	SourceDerived BillingSource = "derived"
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
	Reason   error      // why the default applied, why an override was ignored, or ErrAmbiguous
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
		_, o := t.derive(&d, in.Runtime, in.Model, in.AuthEnv)
		return decide(d, o)
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
	dec := decide(d, o)
	switch {
	case ignored != nil && dec.Reason != nil:
		dec.Reason = fmt.Errorf("%w; %w", ignored, dec.Reason)
	case ignored != nil:
		dec.Reason = ignored
	}
	return dec, d, p, o
}

// mode is the billing mode of in without looking at its credentials: rule 4
// of the registry makes the pair's platform-ness known without them.
func (t *Tables) mode(ov, runtime, model string) BillingMode {
	if m, _ := override(ov); m != "" {
		return m
	}
	var d Derivation
	_, o := t.derive(&d, runtime, model, nil)
	return decide(d, o).Mode
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

// decide is billing steps 2 and 3 for a derivation outcome.
func decide(d Derivation, o outcome) BillingDecision {
	switch o {
	case found, ambiguous:
		dec := BillingDecision{Mode: BYOK, Source: SourceDerived, Provider: d.Provider, Reason: outcomeErr[o]}
		if d.Platform {
			dec.Mode = PlatformManaged
		}
		return dec
	}
	return BillingDecision{Mode: PlatformManaged, Source: SourceDefault, Reason: outcomeErr[o]}
}
