package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/internal/suggest"
)

var (
	slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	envRE  = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
)

// checkRules adds a problem for each broken semantic rule of DESIGN.md
// (1 to 7) and a warning for each unreferenced provider or governed runtime.
func checkRules(s *spec, ds *diags) {
	providers := map[string]*providerSpec{}
	var providerIDs []string
	// invalid holds the corrected spelling of each id that breaks the id
	// pattern: the schema suggests it there, and a reference spelt that
	// way is not reported again as unknown.
	invalid := map[string]bool{}
	for i := range s.providers {
		p := &s.providers[i]
		if p.id.s == "" {
			continue
		}
		if first, dup := providers[p.id.s]; dup {
			ds.add(p.id.pos, p.id.path, "duplicate provider id %s (first defined at line %d): ids are unique among providers", quote(p.id.s), first.id.pos.Line)
			continue
		}
		providers[p.id.s] = p
		providerIDs = appendValid(providerIDs, p.id.s, invalid)
		if p.platform && len(p.authEnv) > 0 { // rule 6
			ds.add(p.authPos, join(strings.TrimSuffix(p.id.path, ".id"), "auth_env"),
				"platform provider %s takes no auth_env: the platform's credentials are injected, never chosen by env; remove auth_env or platform: true", quote(p.id.s))
		}
	}
	runtimes := map[string]*runtimeSpec{}
	var runtimeIDs []string
	for i := range s.runtimes {
		r := &s.runtimes[i]
		if r.id.s == "" {
			continue
		}
		if first, dup := runtimes[r.id.s]; dup {
			ds.add(r.id.pos, r.id.path, "duplicate runtime id %s (first defined at line %d): ids are unique among runtimes", quote(r.id.s), first.id.pos.Line)
			continue
		}
		runtimes[r.id.s] = r
		runtimeIDs = appendValid(runtimeIDs, r.id.s, invalid)
	}
	checkGoNames(s, ds)

	// Rule 1: one namespace for every model spelling.
	type owner struct {
		model int
		at    str
	}
	spellings := map[string]owner{}
	for mi, m := range s.models {
		all := append(append([]str{m.id}, m.aliases...), m.legacy...)
		for j, sp := range all {
			if sp.s == "" {
				continue
			}
			if j > 0 && slices.ContainsFunc(all[:j], func(o str) bool { return o.s == sp.s && sameList(o, sp) }) {
				continue // a repeat within one list: the schema's uniqueItems reports it
			}
			if first, dup := spellings[sp.s]; dup {
				if first.model == mi {
					ds.add(sp.pos, sp.path, "spelling %s repeats this model's own %s (first defined at line %d): list it once", quote(sp.s), spellingKind(first.at), first.at.pos.Line)
				} else {
					ds.add(sp.pos, sp.path, "spelling %s already names model %s (first defined at line %d): a spelling names one model", quote(sp.s), quote(s.models[first.model].id.s), first.at.pos.Line)
				}
				continue
			}
			spellings[sp.s] = owner{mi, sp}
		}
	}

	usedProviders := map[string]bool{}
	usedRuntimes := map[string]bool{}
	for _, m := range s.models {
		seen := map[string]servedSpec{}
		type server struct {
			p  *providerSpec
			at str // the runtime entry
		}
		byRuntime := map[string][]server{}
		var runtimeOrder []string
		for _, e := range m.served {
			pid := e.provider
			p := providers[pid.s]
			switch {
			case pid.s == "":
			case p == nil && (!slugRE.MatchString(pid.s) || invalid[pid.s]): // the schema reported it
			case p == nil: // rule 2
				ds.add(pid.pos, pid.path, "unknown provider %s%s", quote(pid.s), didYouMean(pid.s, providerIDs, "providers"))
			default:
				usedProviders[pid.s] = true
				if first, dup := seen[pid.s]; dup { // rule 3
					ds.add(pid.pos, pid.path, "provider %s already serves this model (first at line %d): a provider appears once per model; list all its runtimes in that entry", quote(pid.s), first.provider.pos.Line)
					p = nil
				} else {
					seen[pid.s] = e
				}
			}
			for _, rt := range e.runtimes {
				r := runtimes[rt.s]
				switch {
				case r == nil && (!slugRE.MatchString(rt.s) || invalid[rt.s]): // the schema reported it
					continue
				case r == nil:
					ds.add(rt.pos, rt.path, "unknown runtime %s%s", quote(rt.s), didYouMean(rt.s, runtimeIDs, "runtimes"))
					continue
				case !r.governed:
					ds.add(rt.pos, rt.path, "runtime %s is not governed (governed: false at line %d): the registry serves no model on it; remove it here or make it governed", quote(rt.s), r.governedPos.Line)
					continue
				}
				usedRuntimes[rt.s] = true
				if p == nil {
					continue
				}
				if _, ok := byRuntime[rt.s]; !ok {
					runtimeOrder = append(runtimeOrder, rt.s)
				}
				byRuntime[rt.s] = append(byRuntime[rt.s], server{p, rt})
			}
		}
		for _, rt := range runtimeOrder {
			srv := byRuntime[rt]
			if len(srv) < 2 {
				continue
			}
			first := srv[0]
			mixed := false
			for _, o := range srv[1:] { // rule 4
				if o.p.platform != first.p.platform {
					mixed = true
					ds.add(o.at.pos, o.at.path, "model %s on runtime %s: provider %s is %s but %s (line %d) is %s; billing is decided by (runtime, model) alone, so a pair is served by platform providers only or by byok providers only",
						quote(m.id.s), quote(rt), quote(o.p.id.s), billingWord(o.p.platform), quote(first.p.id.s), first.at.pos.Line, billingWord(first.p.platform))
				}
			}
			if mixed {
				continue // rule 5 would only repeat it
			}
			envOwner := map[string]server{}
			for _, o := range srv { // rule 5
				if len(o.p.authEnv) == 0 {
					ds.add(o.at.pos, o.at.path, "model %s on runtime %s has several providers, so each needs auth_env to tell them apart; provider %s (line %d) has none", quote(m.id.s), quote(rt), quote(o.p.id.s), o.p.id.pos.Line)
					continue
				}
				for _, env := range o.p.authEnv {
					if other, shared := envOwner[env.s]; shared && other.p != o.p {
						ds.add(o.at.pos, o.at.path, "providers %s (line %d) and %s both serve model %s on runtime %s and share auth env %s: the env could not tell them apart", quote(other.p.id.s), other.at.pos.Line, quote(o.p.id.s), quote(m.id.s), quote(rt), env.s)
					}
					envOwner[env.s] = o
				}
			}
		}
	}
	for _, id := range providerIDs {
		if !usedProviders[id] {
			p := providers[id]
			ds.warn(p.id.pos, p.id.path, "provider %s serves no model", quote(id))
		}
	}
	for _, id := range runtimeIDs {
		if r := runtimes[id]; r.governed && !usedRuntimes[id] {
			ds.warn(r.id.pos, r.id.path, "governed runtime %s serves no model", quote(id))
		}
	}
}

func sameList(a, b str) bool {
	return a.path[:strings.LastIndexByte(a.path, '[')+1] == b.path[:strings.LastIndexByte(b.path, '[')+1]
}

func billingWord(platform bool) string {
	if platform {
		return "a platform provider (platform_managed)"
	}
	return "byok"
}

// appendValid appends id to ids when it is a valid id (the only kind worth
// suggesting), else records its corrected spelling in invalid.
func appendValid(ids []string, id string, invalid map[string]bool) []string {
	if slugRE.MatchString(id) {
		return append(ids, id)
	}
	invalid[patternRules[slugRE.String()].fix(id)] = true
	return ids
}

// didYouMean suggests the nearest of ids, or says where to declare s.
func didYouMean(s string, ids []string, list string) string {
	if c := suggest.Closest(s, ids, 2); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	if c := suggest.Closest(strings.ToLower(s), ids, 2); c != "" {
		return fmt.Sprintf(" (did you mean %q?)", c)
	}
	return fmt.Sprintf(": declare it under %s, or name one that is", list)
}

// spellingKind says which list a model spelling is in.
func spellingKind(sp str) string {
	switch {
	case strings.Contains(sp.path, ".aliases["):
		return "alias"
	case strings.Contains(sp.path, ".legacy_ids["):
		return "legacy id"
	}
	return "id"
}

// checkGoNames is rule 7: the generated constants must not collide.
func checkGoNames(s *spec, ds *diags) {
	var ps, rs []goNamed
	for _, p := range s.providers {
		ps = append(ps, goNamed{p.id, p.goName})
	}
	for _, r := range s.runtimes {
		rs = append(rs, goNamed{r.id, r.goName})
	}
	checkCollisions("provider", "Provider", ps, ds)
	checkCollisions("runtime", "Runtime", rs, ds)
}

type goNamed struct{ id, goName str }

// constName returns the generated constant's name, or "" for an invalid id.
func (n goNamed) constName(prefix string) string {
	switch {
	case n.goName.s != "":
		return prefix + n.goName.s
	case slugRE.MatchString(n.id.s):
		return prefix + goName(n.id.s)
	}
	return ""
}

func checkCollisions(kind, prefix string, items []goNamed, ds *diags) {
	taken := map[string]goNamed{}
	for _, it := range items {
		name := it.constName(prefix)
		if name == "" {
			continue
		}
		first, dup := taken[name]
		if !dup {
			taken[name] = it
			continue
		}
		if first.id.s == it.id.s {
			continue // a duplicate id, reported by rule 1
		}
		at := it.id
		if it.goName.s != "" {
			at = it.goName
		}
		ds.add(at.pos, at.path, "Go name %s of %s %s collides with %s %s (line %d): set go_name on one of them", name, kind, quote(it.id.s), kind, quote(first.id.s), first.id.pos.Line)
	}
}
