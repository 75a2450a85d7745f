package delta

import (
	"fmt"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// registryChanges lists, in words (Markdown), what changed in the registry
// itself, including what alters no derivation but matters to reviewers:
// renames, aliases, auth env, served_by.
func registryChanges(old, cur *spec.Registry) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	providerID := func(p *spec.Provider) string { return p.ID }
	diff(old.Providers, cur.Providers, providerID,
		func(p *spec.Provider) { add("provider `%s` added (%s)", p.ID, providerKind(p)) },
		func(o, p *spec.Provider) {
			switch {
			case o.Platform != p.Platform:
				add("provider `%s` changed from %s to %s", p.ID, providerKind(o), providerKind(p))
			case !slices.Equal(o.AuthEnv, p.AuthEnv):
				add("provider `%s` auth env changed: %s → %s", p.ID, listOrNone(o.AuthEnv), listOrNone(p.AuthEnv))
			}
			if !slices.Equal(o.InjectEnv, p.InjectEnv) {
				add("provider `%s` inject env changed: %s → %s", p.ID, listOrNone(o.InjectEnv), listOrNone(p.InjectEnv))
			}
			renamed(add, "provider", p.ID, o.Name, p.Name, o.GoName, p.GoName)
		},
		func(p *spec.Provider) { add("provider `%s` removed", p.ID) })

	runtimeID := func(r *spec.Runtime) string { return r.ID }
	diff(old.Runtimes, cur.Runtimes, runtimeID,
		func(r *spec.Runtime) { add("runtime `%s` added (%s)", r.ID, governedWord(r.Governed)) },
		func(o, r *spec.Runtime) {
			if o.Governed != r.Governed {
				add("runtime `%s` is now %s (was %s)", r.ID, governedWord(r.Governed), governedWord(o.Governed))
			}
			renamed(add, "runtime", r.ID, o.Name, r.Name, o.GoName, r.GoName)
		},
		func(r *spec.Runtime) { add("runtime `%s` removed", r.ID) })

	modelID := func(m *spec.Model) string { return m.ID }
	diff(old.Models, cur.Models, modelID,
		func(m *spec.Model) { add("model `%s` added", m.ID) },
		func(o, m *spec.Model) {
			renamed(add, "model", m.ID, o.Name, m.Name, "", "")
			for _, kind := range []struct {
				name     string
				old, cur []string
			}{{"alias", o.Aliases, m.Aliases}, {"legacy id", o.LegacyIDs, m.LegacyIDs}} {
				for _, s := range kind.cur {
					if !slices.Contains(kind.old, s) {
						add("%s `%s` of model `%s` added", kind.name, s, m.ID)
					}
				}
				for _, s := range kind.old {
					if !slices.Contains(kind.cur, s) {
						add("%s `%s` of model `%s` removed", kind.name, s, m.ID)
					}
				}
			}
			if servedText(o) != servedText(m) {
				add("model `%s` served_by: %s → %s", m.ID, servedText(o), servedText(m))
			}
			lifecycleChanges(add, o, m)
		},
		func(m *spec.Model) { add("model `%s` removed", m.ID) })
	return out
}

// lifecycleChanges adds the lifecycle and limit changes of a model: they
// change no derivation, but a retirement changes what the registration
// check says, and a limit what a workspace can send.
func lifecycleChanges(add func(string, ...any), o, m *spec.Model) {
	if o.Lifecycle != m.Lifecycle {
		add("model `%s` status: %s → %s", m.ID, o.Lifecycle, m.Lifecycle)
	}
	for _, f := range []struct{ name, old, cur string }{
		{"deprecated_on", o.DeprecatedOn, m.DeprecatedOn},
		{"retires_on", o.RetiresOn, m.RetiresOn},
		{"replaced_by", o.ReplacedBy, m.ReplacedBy},
	} {
		if f.old != f.cur {
			add("model `%s` %s: %s → %s", m.ID, f.name, orNone(f.old), orNone(f.cur))
		}
	}
	for _, f := range []struct {
		name     string
		old, cur int
	}{{"context window", o.ContextWindow, m.ContextWindow}, {"max output", o.MaxOutput, m.MaxOutput}} {
		if f.old != f.cur {
			add("model `%s` %s: %s → %s", m.ID, f.name, tokensOrNone(f.old), tokensOrNone(f.cur))
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func tokensOrNone(n int) string {
	if n == 0 {
		return "none"
	}
	return catalogue.Thousands(int64(n)) + " tokens"
}

// diff calls added for each item of cur that old does not have, changed for
// each that both have, in cur's order, then removed for each item of old
// that cur does not have, in old's order. Items are matched by id.
func diff[T any](old, cur []T, id func(T) string, added func(T), changed func(old, cur T), removed func(T)) {
	before := make(map[string]T, len(old))
	for _, o := range old {
		before[id(o)] = o
	}
	after := make(map[string]bool, len(cur))
	for _, c := range cur {
		after[id(c)] = true
		if o, ok := before[id(c)]; ok {
			changed(o, c)
		} else {
			added(c)
		}
	}
	for _, o := range old {
		if !after[id(o)] {
			removed(o)
		}
	}
}

// renamed adds the display-name and Go-name changes of one entity: they
// change no outcome, but they change what people and code see.
func renamed(add func(string, ...any), kind, id, oldName, newName, oldGo, newGo string) {
	if oldName != newName {
		add("%s `%s` renamed: %s → %s", kind, id, quoted(oldName), quoted(newName))
	}
	if oldGo != newGo {
		add("%s `%s` go_name: %q → %q", kind, id, oldGo, newGo)
	}
}

func servedText(m *spec.Model) string {
	var parts []string
	for _, e := range m.Served {
		var ids []string
		for _, r := range e.Runtimes {
			ids = append(ids, r.ID)
		}
		parts = append(parts, e.Provider.ID+" on "+strings.Join(ids, ", "))
	}
	return strings.Join(parts, "; ")
}

func listOrNone(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, ", ")
}

func providerKind(p *spec.Provider) string {
	if p.Platform {
		return "platform"
	}
	return "byok, " + listOrNone(p.AuthEnv)
}

func governedWord(g bool) string {
	if g {
		return "governed"
	}
	return "ungoverned"
}

// quoted is a display name in quotes for a Markdown list item: its
// Markdown and HTML escaped, so that a name holding "<!--" cannot open an
// HTML comment and hide every later line of a pull-request comment.
func quoted(name string) string { return `"` + inert.Markdown(name) + `"` }

// credentialChanges lists, in words (Markdown), the changes to what a
// credential plan strips and injects: no derivation or billing mode shows
// them, yet a name that stops being an LLM credential is a platform secret
// a byok workspace keeps from now on.
func credentialChanges(old, cur *spec.Registry) []string {
	out := []string{}
	was, is := llmCredentials(old), llmCredentials(cur)
	for _, n := range was {
		if !slices.Contains(is, n) {
			out = append(out, fmt.Sprintf("`%s` is no longer an LLM credential: a platform-scope secret of that name is **kept** by byok workspaces (it was stripped)", n))
		}
	}
	for _, n := range is {
		if !slices.Contains(was, n) {
			out = append(out, fmt.Sprintf("`%s` is now an LLM credential: a platform-scope secret of that name is stripped from byok workspaces", n))
		}
	}
	for _, p := range cur.Providers {
		o := old.Provider(p.ID)
		if p.Platform && o != nil && !o.Platform {
			out = append(out, fmt.Sprintf("`%s` is now a platform provider: platform_managed workspaces it serves are injected %s", p.ID, listOrNone(p.InjectEnv)))
		}
		// The order of inject_env changes no plan: what is injected is a set.
		if !p.Platform || o == nil || !o.Platform || slices.Equal(slices.Sorted(slices.Values(o.InjectEnv)), slices.Sorted(slices.Values(p.InjectEnv))) {
			continue
		}
		out = append(out, fmt.Sprintf("platform_managed workspaces served by `%s` are injected %s (was %s)", p.ID, listOrNone(p.InjectEnv), listOrNone(o.InjectEnv)))
	}
	// The env injected for a default or step-3 decision follows the sole
	// platform provider; a change of its inject_env is listed above.
	if o, c := old.SolePlatform(), cur.SolePlatform(); platformID(o) != platformID(c) {
		out = append(out, fmt.Sprintf("platform_managed decisions by default or by the model are injected the env of %s (was %s)", platformText(c), platformText(o)))
	}
	return out
}

// llmCredentials returns the env names a byok plan strips: every auth_env
// and inject_env name.
func llmCredentials(r *spec.Registry) []string {
	return slices.Compact(slices.Sorted(slices.Values(slices.Concat(r.AuthEnv(), r.InjectEnv()))))
}

func platformID(p *spec.Provider) string {
	if p == nil {
		return ""
	}
	return p.ID
}

func platformText(p *spec.Provider) string {
	if p == nil {
		return "no provider (the registry has no single platform provider)"
	}
	return fmt.Sprintf("`%s` (%s)", p.ID, listOrNone(p.InjectEnv))
}
