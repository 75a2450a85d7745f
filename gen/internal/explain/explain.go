// Package explain prints one workspace's decision step by step, in plain
// words, for a support ticket: the runtime, the model spelling, the
// providers serving the pair, which auth env chose, the billing mode and its
// source, the credential plan, the model's lifecycle, limits and the price
// of the derived pair, and the registration status. Every decision
// comes from the real resolver over the in-memory registry; the registry's
// model only supplies names and lists for the prose.
package explain

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/internal/suggest"
	"github.com/molecule-ai/providers/resolver"
)

// Case is one workspace to explain.
type Case struct {
	Runtime, Model string
	Env            []string          // names of the auth env vars that are set
	Override       string            // the stored billing override
	Secrets        []resolver.Secret // for the credential plan
}

// ParseSecret parses a secret as gen explain -secret takes it: NAME for
// the workspace owner's own, NAME:platform for a platform-scope one.
func ParseSecret(s string) (resolver.Secret, error) {
	name, scope, _ := strings.Cut(s, ":")
	switch {
	case name == "":
		return resolver.Secret{}, errors.New("the NAME is empty")
	case scope != "" && scope != "platform":
		return resolver.Secret{}, errors.New("want NAME or NAME:platform")
	}
	return resolver.Secret{Name: name, PlatformScope: scope == "platform"}, nil
}

// Write prints, in plain words, each step of the derivation, the billing
// decision and the credential plan for c.
func Write(w io.Writer, reg *spec.Registry, c Case) {
	e := &explainer{w: w, reg: reg, c: c}
	e.header()
	d, err := reg.Resolver.Derive(c.Runtime, c.Model, c.Env)
	g := reg.Resolver.CheckRegistered(c.Runtime, c.Model)
	e.derivation(d, err, g)
	e.billing(err)
	e.credentials()
	if d.Model != "" {
		e.details(d)
	}
	fmt.Fprintf(w, "registration: %s", g.Status)
	switch {
	case g.Lifecycle == resolver.LifecycleRetired && g.Suggestion != "":
		fmt.Fprintf(w, " (flagged: the model is retired; move to %s)", g.Suggestion)
	case g.Lifecycle == resolver.LifecycleRetired:
		fmt.Fprint(w, " (flagged: the model is retired)")
	case g.Flagged():
		fmt.Fprint(w, " (flagged: warned about, or rejected under enforcement)")
	}
	fmt.Fprintln(w)
}

// details says what the registry knows of the model, whatever the runtime
// (its lifecycle and limits, from Model), and the price of the derived
// pair (from Price): what the platform pays for it on a platform_managed
// pair.
func (e *explainer) details(d resolver.Derivation) {
	m, _ := e.reg.Resolver.Model(e.c.Model)
	life := m.Lifecycle.String()
	var dates []string
	if m.DeprecatedOn != "" {
		dates = append(dates, "deprecated on "+m.DeprecatedOn)
	}
	if m.RetiresOn != "" {
		verb := "retires on "
		if m.Lifecycle == resolver.LifecycleRetired {
			verb = "retired on "
		}
		dates = append(dates, verb+m.RetiresOn)
	}
	if m.ReplacedBy != "" {
		dates = append(dates, "replaced by "+string(m.ReplacedBy))
	}
	if len(dates) > 0 {
		life += " (" + strings.Join(dates, ", ") + ")"
	}
	fmt.Fprintf(e.w, "lifecycle: %s\n", life)
	var limits []string
	if m.ContextWindow > 0 {
		limits = append(limits, fmt.Sprintf("context window %s tokens", catalogue.Thousands(int64(m.ContextWindow))))
	}
	if m.MaxOutput > 0 {
		limits = append(limits, fmt.Sprintf("max output %s tokens", catalogue.Thousands(int64(m.MaxOutput))))
	}
	if len(limits) == 0 {
		limits = append(limits, "not listed")
	}
	fmt.Fprintf(e.w, "limits: %s\n", strings.Join(limits, ", "))
	switch p, ok := e.reg.Resolver.Price(d.Provider, e.c.Model); {
	case d.Provider == "":
		fmt.Fprintln(e.w, "price: no provider is derived, so no price")
	case !ok:
		fmt.Fprintf(e.w, "price: not listed for %s\n", d.Provider)
	default:
		who := "the workspace owner pays it"
		if d.Platform {
			who = "the platform pays it"
		}
		fmt.Fprintf(e.w, "price: %s, in USD per million tokens: %s (%s)\n", d.Provider, catalogue.PriceText(spec.PriceOf(p)), who)
	}
}

// explainer writes the numbered steps of one explanation.
type explainer struct {
	w    io.Writer
	reg  *spec.Registry
	c    Case
	step int
}

// say writes the next step.
func (e *explainer) say(format string, args ...any) {
	e.step++
	fmt.Fprintf(e.w, "%d. %s\n", e.step, fmt.Sprintf(format, args...))
}

// header names the case and the registry, and the secrets when they are
// not just the env names.
func (e *explainer) header() {
	c := e.c
	// What the caller typed is shown inert (quoted when it holds a control
	// or formatting character): a support ticket's pasted values must not
	// drive the terminal.
	envText := "no auth env set"
	if len(c.Env) > 0 {
		envText = "env " + strings.Join(terminal(c.Env), ", ")
	}
	fmt.Fprintf(e.w, "%s + %q with %s (registry %s, sha256 %s)\n", inert.Terminal(strings.TrimSpace(c.Runtime)), strings.TrimSpace(c.Model), envText, inert.Terminal(e.reg.File), e.reg.SHA256[:12])
	if len(c.Secrets) > 0 && !secretsAreEnv(c.Secrets, c.Env) {
		var names []string
		for _, s := range c.Secrets {
			n := inert.Terminal(s.Name)
			if s.PlatformScope {
				n += " (platform scope)"
			}
			names = append(names, n)
		}
		fmt.Fprintf(e.w, "   secrets, for the credential plan: %s\n", strings.Join(names, ", "))
	}
}

// derivation explains the runtime, then the model.
func (e *explainer) derivation(d resolver.Derivation, err error, g resolver.Registration) {
	rt := strings.TrimSpace(e.c.Runtime)
	switch {
	case errors.Is(err, resolver.ErrNoModel):
		e.say("no model is set, so there is nothing to derive.")
	case errors.Is(err, resolver.ErrUnknownRuntime):
		var ids []string
		for _, row := range e.reg.Runtimes {
			ids = append(ids, row.ID)
		}
		hint := ""
		if s := suggest.Closest(rt, ids, 2); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		e.say("runtime %q is not in the registry%s.", rt, hint)
	default:
		row := e.reg.Runtime(rt)
		if !row.Governed {
			e.say("runtime %s (%s) is not governed by the registry (governed: false): it decides no provider.", rt, row.Name)
			return
		}
		e.say("runtime %s (%s) is governed by the registry.", rt, row.Name)
		explainModel(e.say, e.reg, d, err, g, strings.TrimSpace(e.c.Model), rt, e.c.Env)
	}
}

// billing explains the billing decision; err is Derive's.
func (e *explainer) billing(err error) {
	c := e.c
	dec := e.reg.Resolver.ResolveBillingMode(resolver.BillingInput{Override: c.Override, Runtime: c.Runtime, Model: c.Model, AuthEnv: c.Env})
	switch dec.Source {
	case resolver.SourceOverride:
		e.say("billing: %s, from the override %q, whatever the registry says.", dec.Mode, c.Override)
	case resolver.SourceDerived:
		who := "a byok vendor, so the workspace owner's own key pays"
		if dec.Mode == resolver.PlatformManaged {
			who = "the platform's managed proxy, so the platform pays"
		}
		e.say("billing: %s (derived): the pair is served by %s.", dec.Mode, who)
	case resolver.SourceModel:
		who := "a byok vendor, so the workspace owner's own key pays"
		if dec.Mode == resolver.PlatformManaged {
			who = "the platform's managed proxy, so the platform pays"
		}
		e.say("billing: %s (model): the pair decides nothing (%v), but every provider of the model, on every runtime, is %s.", dec.Mode, err, who)
	default:
		e.say("billing: %s (default): the registry cannot decide (%v), and an unset or unknown model must not stop the fleet.", dec.Mode, err)
	}
	if dec.Source != resolver.SourceOverride && errors.Is(dec.Reason, resolver.ErrInvalidOverride) {
		fmt.Fprintf(e.w, "   note: the override %q is not a billing mode and was ignored.\n", c.Override)
	}
}

// credentials explains the credential plan.
func (e *explainer) credentials() {
	c := e.c
	plan := e.reg.Resolver.PlanCredentials(resolver.CredentialInput{Override: c.Override, Runtime: c.Runtime, Model: c.Model, Secrets: c.Secrets})
	var parts []string
	if len(plan.Strip) > 0 {
		parts = append(parts, "strip the platform's "+strings.Join(plan.Strip, ", "))
	} else {
		parts = append(parts, "strip nothing")
	}
	switch {
	case plan.Usable && plan.Decision.Mode == resolver.PlatformManaged && len(plan.Inject) > 0:
		parts = append(parts, "usable: the platform injects "+strings.Join(plan.Inject, ", ")+replaced(c.Secrets, plan))
	case plan.Usable && plan.Decision.Mode == resolver.PlatformManaged:
		parts = append(parts, "usable: the registry names no env for the platform to inject here (no inject_env, or no single platform provider to take it from); the platform's own secrets are kept"+replaced(c.Secrets, plan))
	case plan.Usable:
		parts = append(parts, "usable")
	case len(plan.Want) == 1:
		parts = append(parts, "NOT usable: fail closed until the owner sets "+plan.Want[0])
	case len(plan.Want) > 0:
		parts = append(parts, "NOT usable: fail closed until the owner sets one of "+strings.Join(plan.Want, ", "))
	default:
		parts = append(parts, "NOT usable: fail closed: "+e.whyUnusable(plan))
	}
	// The plan derives from the secrets kept, step 4 from -env: say so
	// when they name different providers rather than leave both standing.
	if d, _ := e.reg.Resolver.Derive(c.Runtime, c.Model, c.Env); plan.Decision.Mode == resolver.BYOK &&
		plan.Decision.Provider != "" && d.Provider != "" && plan.Decision.Provider != d.Provider {
		parts = append(parts, fmt.Sprintf("the kept secrets choose %s, not %s as the -env names do (the plan derives from the secrets)", plan.Decision.Provider, d.Provider))
	}
	e.say("credentials: %s.", strings.Join(parts, "; "))
}

// replaced says which of the workspace's secrets a platform_managed plan
// leaves out of Keep: those the injected values replace, and the owner's
// own secrets of names a platform provider injects.
func replaced(secrets []resolver.Secret, plan resolver.CredentialPlan) string {
	var injected, owners []string
	for _, s := range secrets {
		switch {
		case slices.Contains(plan.Keep, s):
		case slices.Contains(plan.Inject, s.Name):
			injected = appendNew(injected, s.Name)
		default:
			owners = appendNew(owners, s.Name)
		}
	}
	var out []string
	if len(injected) > 0 {
		out = append(out, "the injected value replaces the workspace's "+strings.Join(injected, ", "))
	}
	if len(owners) > 0 {
		out = append(out, "the owner's "+strings.Join(owners, ", ")+" is not kept: a platform provider injects that name")
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, "; ") + ")"
}

func appendNew(names []string, n string) []string {
	if slices.Contains(names, n) {
		return names
	}
	return append(names, n)
}

// whyUnusable says why a byok plan that wants no env name is not usable:
// nothing the owner could set would make it usable as it stands.
func (e *explainer) whyUnusable(plan resolver.CredentialPlan) string {
	if p := plan.Decision.Provider; p != "" && e.reg.Resolver.IsPlatform(p) {
		return fmt.Sprintf("billing is byok, but the pair is served by %s, the platform's proxy, which never serves byok; "+
			"no owner key can make it usable: drop the byok override, or pick a model a vendor serves on this runtime", p)
	}
	var kept []string
	for _, s := range plan.Keep {
		kept = append(kept, s.Name)
	}
	_, err := e.reg.Resolver.Derive(e.c.Runtime, e.c.Model, kept)
	what := "no secret is kept"
	if len(kept) > 0 {
		what = "none of the kept secrets (" + strings.Join(kept, ", ") + ") is an LLM credential"
	}
	return fmt.Sprintf("the registry names no provider for the pair (%v), so any provider's key would do, and %s", err, what)
}

func explainModel(say func(string, ...any), reg *spec.Registry, d resolver.Derivation, err error, g resolver.Registration, model, rt string, env []string) {
	if errors.Is(err, resolver.ErrUnregisteredModel) {
		hint := ""
		if g.Suggestion != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", g.Suggestion)
		}
		say("model %q is not registered%s.", model, hint)
		return
	}
	ms, _ := reg.Lookup(string(d.Model))
	switch d.Spelling {
	case resolver.SpellingAlias:
		say("model %q is an alias of %s (%s).", model, d.Model, ms.Name)
	case resolver.SpellingLegacy:
		say("model %q is a legacy id of %s (%s).", model, d.Model, ms.Name)
	default:
		say("model %q is the id of %s.", model, quoteIfNeeded(ms.Name, string(d.Model)))
	}
	var cands []string
	for _, p := range ms.ProvidersOn(rt) {
		cands = append(cands, providerText(p))
	}
	elsewhere := slices.DeleteFunc(ms.RuntimeIDs(), func(id string) bool { return id == rt })
	if errors.Is(err, resolver.ErrNotOnRuntime) {
		say("%s is not served on %s; it is served on %s.", d.Model, rt, strings.Join(elsewhere, ", "))
		return
	}
	if len(cands) == 1 {
		say("on %s it is served by one provider, %s: chosen whatever the env.", rt, cands[0])
		return
	}
	say("on %s it is served by %d providers, in order of preference: %s.", rt, len(cands), strings.Join(cands, "; "))
	if err != nil {
		say("none of their env names is set, so the provider is ambiguous (billing is still known: every candidate agrees on who pays).")
		return
	}
	say("%s is set, so the provider is %s.", d.ByEnv, d.Provider)
}

// secretsAreEnv reports whether secrets are just the -env names as the
// owner's own, the default, which the header already shows.
func secretsAreEnv(secrets []resolver.Secret, env []string) bool {
	if len(secrets) != len(env) {
		return false
	}
	for i, s := range secrets {
		if s.PlatformScope || s.Name != env[i] {
			return false
		}
	}
	return true
}

func providerText(p *spec.Provider) string {
	switch {
	case p.Platform:
		return fmt.Sprintf("%s (%s, the platform)", p.ID, p.Name)
	case len(p.AuthEnv) == 0:
		return fmt.Sprintf("%s (%s, needs no credential)", p.ID, p.Name)
	}
	return fmt.Sprintf("%s (%s, by %s)", p.ID, p.Name, strings.Join(p.AuthEnv, " or "))
}

func quoteIfNeeded(name, id string) string {
	if name == id {
		return id
	}
	return fmt.Sprintf("%s (%s)", id, name)
}

// terminal returns each of ss made inert for a terminal.
func terminal(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = inert.Terminal(s)
	}
	return out
}
