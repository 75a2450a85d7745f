package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/internal/suggest"
	"github.com/molecule-ai/providers/resolver"
)

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runExplain(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("explain", stdout)
	in := fs.String("in", "providers.yaml", "the registry")
	runtime := fs.String("runtime", "", "the workspace's runtime")
	model := fs.String("model", "", "the workspace's model string")
	override := fs.String("override", "", "the stored billing override (platform_managed or byok)")
	var env, secrets listFlag
	fs.Var(&env, "env", "the name of an auth env var that is set (repeatable)")
	fs.Var(&secrets, "secret", "a workspace secret NAME, or NAME:platform for a platform-scope one (repeatable); defaults to the -env names")
	if err := fs.parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["runtime"] || !set["model"] {
		return fs.usagef("explain needs -runtime and -model (-model '' explains an unset model)")
	}
	var ss []resolver.Secret
	for _, s := range secrets {
		name, scope, _ := strings.Cut(s, ":")
		switch scope {
		case "", "platform":
		default:
			return fs.usagef("-secret %q: want NAME or NAME:platform", s)
		}
		ss = append(ss, resolver.Secret{Name: name, PlatformScope: scope == "platform"})
	}
	if len(secrets) == 0 {
		for _, e := range env {
			ss = append(ss, resolver.Secret{Name: e})
		}
	}
	reg, err := Load(*in, false)
	if err != nil {
		return err
	}
	explain(stdout, reg, *runtime, *model, env, *override, ss)
	return nil
}

// explain prints, in plain words, each step of the derivation, the billing
// decision and the credential plan for one workspace. Every decision comes
// from the real resolver over the in-memory registry; the registry's spec
// only supplies names and lists for the prose.
func explain(w io.Writer, reg *Registry, runtime, model string, env []string, override string, secrets []resolver.Secret) {
	r := reg.Resolver
	t := reg.Tables
	rt, m := strings.TrimSpace(runtime), strings.TrimSpace(model)
	envText := "no auth env set"
	if len(env) > 0 {
		envText = "env " + strings.Join(env, ", ")
	}
	fmt.Fprintf(w, "%s + %q with %s (registry %s, sha256 %s)\n", rt, m, envText, reg.File, reg.SHA256[:12])
	if len(secrets) > 0 && !secretsAreEnv(secrets, env) {
		var names []string
		for _, s := range secrets {
			n := s.Name
			if s.PlatformScope {
				n += " (platform scope)"
			}
			names = append(names, n)
		}
		fmt.Fprintf(w, "   secrets, for the credential plan: %s\n", strings.Join(names, ", "))
	}

	d, err := r.Derive(runtime, model, env)
	g := r.CheckRegistered(runtime, model)
	step := 0
	say := func(format string, args ...any) {
		step++
		fmt.Fprintf(w, "%d. %s\n", step, fmt.Sprintf(format, args...))
	}

	switch {
	case errors.Is(err, resolver.ErrNoModel):
		say("no model is set, so there is nothing to derive.")
	case errors.Is(err, resolver.ErrUnknownRuntime):
		var ids []string
		for _, row := range t.Runtimes {
			ids = append(ids, string(row.ID))
		}
		hint := ""
		if s := suggest.Closest(rt, ids, 2); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		say("runtime %q is not in the registry%s.", rt, hint)
	default:
		row := runtimeRow(t, rt)
		if !row.Governed {
			say("runtime %s (%s) is not governed by the registry (governed: false): it decides no provider.", rt, row.Name)
			break
		}
		say("runtime %s (%s) is governed by the registry.", rt, row.Name)
		explainModel(say, reg, d, err, g, m, rt, env)
	}

	dec := r.ResolveBillingMode(resolver.BillingInput{Override: override, Runtime: runtime, Model: model, AuthEnv: env})
	switch dec.Source {
	case resolver.SourceOverride:
		say("billing: %s, from the override %q, whatever the registry says.", dec.Mode, override)
	case resolver.SourceDerived:
		who := "a byok vendor, so the workspace owner's own key pays"
		if dec.Mode == resolver.PlatformManaged {
			who = "the platform's managed proxy, so the platform pays"
		}
		say("billing: %s (derived): the pair is served by %s.", dec.Mode, who)
	default:
		say("billing: %s (default): the registry cannot decide (%v), and an unset or unknown model must not stop the fleet.", dec.Mode, err)
	}
	if dec.Source != resolver.SourceOverride && errors.Is(dec.Reason, resolver.ErrInvalidOverride) {
		fmt.Fprintf(w, "   note: the override %q is not a billing mode and was ignored.\n", override)
	}

	plan := r.PlanCredentials(resolver.CredentialInput{Override: override, Runtime: runtime, Model: model, Secrets: secrets})
	var parts []string
	if len(plan.Strip) > 0 {
		parts = append(parts, "strip the platform's "+strings.Join(plan.Strip, ", "))
	} else {
		parts = append(parts, "strip nothing")
	}
	switch {
	case plan.Usable && plan.Decision.Mode == resolver.PlatformManaged:
		parts = append(parts, "usable: the platform's credentials are injected")
	case plan.Usable:
		parts = append(parts, "usable")
	case len(plan.Want) == 1:
		parts = append(parts, "NOT usable: fail closed until the owner sets "+plan.Want[0])
	case len(plan.Want) > 0:
		parts = append(parts, "NOT usable: fail closed until the owner sets one of "+strings.Join(plan.Want, ", "))
	default:
		parts = append(parts, "NOT usable: fail closed")
	}
	say("credentials: %s.", strings.Join(parts, "; "))
	fmt.Fprintf(w, "registration: %s", g.Status)
	if g.Flagged() {
		fmt.Fprint(w, " (flagged: warned about, or rejected under enforcement)")
	}
	fmt.Fprintln(w)
}

func explainModel(say func(string, ...any), reg *Registry, d resolver.Derivation, err error, g resolver.Registration, model, rt string, env []string) {
	if errors.Is(err, resolver.ErrUnregisteredModel) {
		hint := ""
		if g.Suggestion != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", g.Suggestion)
		}
		say("model %q is not registered%s.", model, hint)
		return
	}
	ms := modelSpecOf(reg.Spec, string(d.Model))
	switch d.Spelling {
	case resolver.SpellingAlias:
		say("model %q is an alias of %s (%s).", model, d.Model, ms.name)
	case resolver.SpellingLegacy:
		say("model %q is a legacy id of %s (%s).", model, d.Model, ms.name)
	default:
		say("model %q is the id of %s.", model, quoteIfNeeded(ms.name, string(d.Model)))
	}
	var cands []string
	var elsewhere []string
	for _, e := range ms.served {
		for _, r := range e.runtimes {
			if r.s == rt {
				cands = append(cands, providerText(reg, e.provider.s))
			} else if !slices.Contains(elsewhere, r.s) {
				elsewhere = append(elsewhere, r.s)
			}
		}
	}
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

func providerText(reg *Registry, id string) string {
	for _, p := range reg.Tables.Providers {
		if string(p.ID) != id {
			continue
		}
		switch {
		case p.Platform:
			return fmt.Sprintf("%s (%s, the platform)", id, p.Name)
		case len(p.AuthEnv) == 0:
			return fmt.Sprintf("%s (%s, needs no credential)", id, p.Name)
		}
		return fmt.Sprintf("%s (%s, by %s)", id, p.Name, strings.Join(p.AuthEnv, " or "))
	}
	return id
}

func runtimeRow(t *resolver.Tables, id string) resolver.RuntimeRow {
	for _, r := range t.Runtimes {
		if string(r.ID) == id {
			return r
		}
	}
	return resolver.RuntimeRow{}
}

func modelSpecOf(s *spec, id string) *modelSpec {
	for i := range s.models {
		if s.models[i].id.s == id {
			return &s.models[i]
		}
	}
	return &modelSpec{}
}

func quoteIfNeeded(name, id string) string {
	if name == id {
		return id
	}
	return fmt.Sprintf("%s (%s)", id, name)
}
