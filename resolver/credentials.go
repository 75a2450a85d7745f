package resolver

import (
	"slices"

	"github.com/molecule-ai/providers/internal/table"
)

// Secret is one of a workspace's secrets: its name, never its value, and
// whether it came from the platform's global scope.
type Secret struct {
	Name          string
	PlatformScope bool
}

// CredentialInput is what PlanCredentials decides from.
type CredentialInput struct {
	Override string // the stored billing override column; empty for none
	Runtime  string
	Model    string
	Secrets  []Secret
}

// CredentialPlan is the outcome of PlanCredentials.
type CredentialPlan struct {
	Decision BillingDecision
	// Strip names the platform-scope secrets to drop before the workspace
	// starts, under byok: the platform's own LLM credentials. It names the
	// platform's values only: a workspace secret of the same name that is
	// not platform-scope is kept (see Keep).
	Strip []string
	// Keep is the secrets the workspace keeps, in the order given: every
	// secret but the platform-scope ones named in Strip and, under
	// platform_managed, those named in Inject, whatever their scope (the
	// injected value replaces them), and the owner's own secrets named in
	// any platform provider's inject_env: an owner's ANTHROPIC_BASE_URL
	// kept beside the platform's token would send that token to the owner's
	// server. The platform's own values of other names stay. Build the workspace's env from Keep plus Inject, not by
	// removing Strip's names, which would drop the owner's own key of the
	// same name too.
	Keep []Secret
	// Usable reports whether a kept secret authenticates the provider;
	// fail closed when false.
	Usable bool
	// Want is the env names that would authenticate the provider (or the
	// candidates), empty when the registry does not know the pair.
	Want []string
	// Inject is, under platform_managed, the env names the platform
	// injects: its proxy's (the inject_env of the platform provider serving
	// the pair, or of the registry's only platform provider).
	Inject []string
}

// PlanCredentials decides the billing mode and which credentials the
// workspace keeps. The mode is decided without looking at credentials (an
// override, else the pair's platform-ness, else the model's, else the
// default), so a platform key can never turn a byok workspace into a
// platform one. Under byok every platform-scope LLM credential (any
// provider's auth_env, any platform provider's inject_env) is stripped,
// and the vendor is derived from the names that remain: a key about to be
// stripped never chooses it.
func (r *Registry) PlanCredentials(in CredentialInput) CredentialPlan {
	t := r.tables()
	mode, p, o := t.mode(in.Override, in.Runtime, in.Model)
	byok := mode == BYOK
	var strip, kept []string
	keep := make([]Secret, 0, len(in.Secrets))
	for _, s := range in.Secrets {
		if byok && s.PlatformScope && t.EnvIndex.Lookup(s.Name) >= 0 {
			if !slices.Contains(strip, s.Name) {
				strip = append(strip, s.Name)
			}
			continue
		}
		keep = append(keep, s)
		kept = append(kept, s.Name)
	}
	dec, _, p2, o2 := t.billing(BillingInput{Override: in.Override, Runtime: in.Runtime, Model: in.Model, AuthEnv: kept})
	plan := CredentialPlan{Decision: dec, Strip: strip, Keep: keep}
	if !byok {
		plan.Usable = true
		plan.Inject = slices.Clone(t.inject(p, o))
		plan.Keep = slices.DeleteFunc(keep, func(s Secret) bool {
			return slices.Contains(plan.Inject, s.Name) || !s.PlatformScope && t.injected(s.Name)
		})
		return plan
	}
	t.usable(&plan, p2, o2, kept)
	return plan
}

// usable fills in Usable and Want of a byok plan, from the derivation over
// the kept names.
func (t *Tables) usable(plan *CredentialPlan, p pair, o outcome, kept []string) {
	switch o {
	case found:
		row := &t.Providers[p.prov]
		switch {
		case row.Platform:
			// An override forced byok on a platform-served pair: the
			// platform's proxy never serves byok, whatever the keys.
		case len(row.AuthEnv) == 0:
			plan.Usable = true // a byok vendor that needs no credential
		default:
			plan.Usable = present(row.AuthEnv, kept) != ""
			plan.Want = slices.Clone(row.AuthEnv)
		}
	case ambiguous:
		plan.Want = t.ambiguousError(p).AuthEnv
	default:
		// The registry does not know the pair: usable if any LLM
		// credential is left, and nothing to ask for.
		plan.Usable = slices.ContainsFunc(kept, func(n string) bool { return t.EnvIndex.Lookup(n) >= 0 })
	}
}

// inject returns the env names the platform injects for a platform_managed
// pair: the inject_env of the platform provider serving it, else of the
// registry's only platform provider, else none.
func (t *Tables) inject(p pair, o outcome) []string {
	if o == found && t.Providers[p.prov].Platform {
		return t.Providers[p.prov].InjectEnv
	}
	if t.SolePlatform > 0 {
		return t.Providers[t.SolePlatform-1].InjectEnv
	}
	return nil
}

// injected reports whether name is in some platform provider's inject_env.
// The env index says so: its payload is the name's kind.
func (t *Tables) injected(name string) bool {
	p := t.EnvIndex.Lookup(name)
	return p >= 0 && table.EnvKind(t.EnvIndex.Records, p)&table.EnvInject != 0
}

// IsLLMCredential reports whether envName is some provider's auth env name
// or some platform provider's inject env name.
func (r *Registry) IsLLMCredential(envName string) bool {
	return r.tables().EnvIndex.Lookup(envName) >= 0
}
