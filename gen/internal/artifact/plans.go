package artifact

import (
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// Plan is one credential-plan case: PlanCredentials({Override, Runtime,
// Model, Secrets}). A secret is written NAME for the owner's own and
// NAME:platform for a platform-scope one.
type Plan struct {
	Runtime  string   `json:"runtime"`
	Model    string   `json:"model"`
	Override string   `json:"override,omitempty"`
	Secrets  []string `json:"secrets"`
	Note     string   `json:"note,omitempty"`
	Want     PlanWant `json:"want"`
}

// PlanWant is the resolver's plan. Lists are always present.
type PlanWant struct {
	BillingMode   string   `json:"billing_mode"`
	BillingSource string   `json:"billing_source"`
	Provider      string   `json:"provider,omitempty"`
	Strip         []string `json:"strip"`
	Keep          []string `json:"keep"` // secrets, written like Plan.Secrets
	Usable        bool     `json:"usable"`
	Want          []string `json:"want"`
	Inject        []string `json:"inject"`
}

// platformScope marks a platform-scope secret in a plan case.
const platformScope = ":platform"

func secretOf(s string) resolver.Secret {
	name, platform := strings.CutSuffix(s, platformScope)
	return resolver.Secret{Name: name, PlatformScope: platform}
}

func secretText(s resolver.Secret) string {
	if s.PlatformScope {
		return s.Name + platformScope
	}
	return s.Name
}

// planAnswer asks the resolver about c.
func planAnswer(r *resolver.Registry, c Plan) PlanWant {
	in := resolver.CredentialInput{Override: c.Override, Runtime: c.Runtime, Model: c.Model}
	for _, s := range c.Secrets {
		in.Secrets = append(in.Secrets, secretOf(s))
	}
	p := r.PlanCredentials(in)
	w := PlanWant{
		BillingMode: string(p.Decision.Mode), BillingSource: string(p.Decision.Source), Provider: string(p.Decision.Provider),
		Strip: nonNil(p.Strip), Keep: []string{}, Usable: p.Usable, Want: nonNil(p.Want), Inject: nonNil(p.Inject),
	}
	for _, s := range p.Keep {
		w.Keep = append(w.Keep, secretText(s))
	}
	return w
}

// PlanCases lists the inputs of the credential-plan vectors, in a fixed
// order: on every governed runtime, every model served there, by its id,
// with the secrets that can change the plan (none; each candidate's first
// env name, the owner's and then the platform's; one name in both scopes;
// the platform's injected env beside an owner's key; an owner's secrets of
// every injected name); then a model asked
// for where it is not served, unknown pairs, and billing overrides.
func PlanCases(reg *spec.Registry) []Plan {
	var out []Plan
	add := func(runtime, model, override, note string, secrets ...string) {
		out = append(out, Plan{Runtime: runtime, Model: model, Override: override, Note: note, Secrets: nonNil(secrets)})
	}
	inject := plat(reg.InjectEnv())
	for _, r := range reg.Governed() {
		for _, m := range reg.Models {
			cands := m.ProvidersOn(r.ID)
			if len(cands) == 0 {
				continue
			}
			add(r.ID, m.ID, "", "")
			for _, p := range cands {
				if len(p.AuthEnv) == 0 {
					continue
				}
				e := p.AuthEnv[0]
				add(r.ID, m.ID, "", "", e)
				add(r.ID, m.ID, "", "", e+platformScope)
				add(r.ID, m.ID, "", "a name in both scopes: only the platform's value is stripped", e+platformScope, e)
				add(r.ID, m.ID, "", "", slices.Concat(inject, []string{e})...)
			}
			if cands[0].Platform && len(reg.InjectEnv()) > 0 {
				add(r.ID, m.ID, "", "an owner's secret named in any platform provider's inject_env is not kept", slices.Concat(reg.InjectEnv(), []string{"OWNER_TOKEN"})...)
			}
			if cands[0].Platform {
				add(r.ID, m.ID, "byok", "a byok override on a platform pair is never usable", slices.Concat(inject, []string{"OWNER_TOKEN"})...)
			}
		}
	}
	rt, m := vectorFirstServed(reg)
	if m == nil {
		return out
	}
	llm := plat(reg.AuthEnv())
	for _, x := range reg.Models {
		for _, g := range reg.Governed() {
			if !x.ServedOn(g.ID) {
				add(g.ID, x.ID, "", "a model where it is not served: the model decides when its providers agree", llm...)
				break
			}
		}
	}
	add(rt, "no-such-model", "", "an unknown model: the default, usable when an LLM credential is left", slices.Concat(llm, reg.AuthEnv()[:min(1, len(reg.AuthEnv()))])...)
	add(rt, "", "", "an unset model: the default", llm...)
	add(rt, "no-such-model", "", "the default: the platform's own values of injected names stay unless injected", plat(reg.InjectEnv())...)
	add(rt, m.ID, "platform_managed", "a platform_managed override strips nothing", llm...)
	add("no-such-runtime", m.ID, "byok", "a byok override on an unknown pair", llm...)
	return out
}

// plat returns names as platform-scope secrets.
func plat(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n + platformScope
	}
	return out
}
