package resolver

import "slices"

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
	Strip    []string // platform-scope LLM credentials to remove before the workspace starts
	Usable   bool     // whether a remaining secret authenticates the provider; fail closed when false
	Want     []string // env names that authenticate the provider (or candidates), empty when unknown
}

// PlanCredentials decides the billing mode and which credentials the
// workspace keeps. The mode is decided without looking at credentials (an
// override, else the pair's platform-ness, else the default), so a platform
// key can never turn a byok workspace into a platform one. Under byok every
// platform-scope LLM credential is stripped, and the vendor is derived from
// the names that remain: a key about to be stripped never chooses it.
func (r *Registry) PlanCredentials(in CredentialInput) CredentialPlan {
	t := r.tables()
	byok := t.mode(in.Override, in.Runtime, in.Model) == BYOK
	var strip, kept []string
	for _, s := range in.Secrets {
		if byok && s.PlatformScope && t.EnvIndex.Lookup(s.Name) >= 0 {
			if !slices.Contains(strip, s.Name) {
				strip = append(strip, s.Name)
			}
			continue
		}
		kept = append(kept, s.Name)
	}
	dec, _, p, o := t.billing(BillingInput{Override: in.Override, Runtime: in.Runtime, Model: in.Model, AuthEnv: kept})
	plan := CredentialPlan{Decision: dec, Strip: strip}
	if !byok {
		plan.Usable = true
		return plan
	}
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
	return plan
}
