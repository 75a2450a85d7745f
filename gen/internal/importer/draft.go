package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/internal/suggest"
)

// ProviderArg is one -provider: an upstream provider and the registry id
// to give it (by default the upstream id made a valid id).
type ProviderArg struct{ Upstream, ID string }

// ParseProvider reads UPSTREAM[=ID].
func ParseProvider(s string) (ProviderArg, error) {
	up, id, hasID := strings.Cut(s, "=")
	if up == "" || hasID && !slugRE.MatchString(id) {
		return ProviderArg{}, fmt.Errorf("-provider %q: want UPSTREAM or UPSTREAM=ID, ID being a registry provider id (lower-case letters, digits and '-')", s)
	}
	if !hasID {
		id = slug(up)
	}
	return ProviderArg{up, id}, nil
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// slug makes an upstream id (vertex_ai-anthropic_models) a registry id
// (vertex-ai-anthropic-models).
func slug(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return strings.Trim(s, "-")
}

// A draft is the registry drafted from a snapshot.
type draft struct {
	cat       *Catalogue
	providers []draftProvider
	runtimes  []string
	models    []*draftModel
	skipped   []string // notes on what was left out
}

type draftProvider struct {
	ProviderArg
	name     string
	authEnv  []string
	notCreds []string // upstream env names that are not credentials
}

type draftModel struct {
	id     string
	entry  *Entry // the first provider's: it speaks for the model's fields
	served []draftServed
}

type draftServed struct {
	provider string
	entry    *Entry
}

// newDraft drafts the models of the chosen providers: one model per
// upstream model key, served by every chosen provider that lists it (in
// -provider order), on every runtime given.
func newDraft(c *Catalogue, providers []ProviderArg, runtimes []string) (*draft, error) {
	d := &draft{cat: c, runtimes: runtimes}
	byID := map[string]*draftModel{}
	for _, p := range providers {
		if !c.HasProvider(p.Upstream) {
			return nil, fmt.Errorf("the %s snapshot has no provider %q%s", c.Name, p.Upstream, c.suggest(p.Upstream))
		}
		dp := draftProvider{ProviderArg: p, name: c.ProviderName(p.Upstream)}
		for _, env := range c.Env(p.Upstream) {
			switch {
			case !envRE.MatchString(env):
				dp.notCreds = append(dp.notCreds, clip(env))
			case credential(env):
				dp.authEnv = append(dp.authEnv, env)
			default:
				dp.notCreds = append(dp.notCreds, clip(env))
			}
		}
		d.providers = append(d.providers, dp)
		for _, e := range c.Entries(p.Upstream) {
			if !spellingRE.MatchString(e.Model) || len(e.Model) > 128 {
				d.skipped = append(d.skipped, fmt.Sprintf("%s %s: the key is not a registry model spelling (ASCII letters, digits and . _ / @ + - : ~, at most 128 bytes); left out", c.Name, strconv.Quote(clip(e.Ref))))
				continue
			}
			m := byID[e.Model]
			if m == nil {
				m = &draftModel{id: e.Model, entry: e}
				byID[e.Model] = m
				d.models = append(d.models, m)
			}
			if !slices.ContainsFunc(m.served, func(s draftServed) bool { return s.provider == p.ID }) {
				m.served = append(m.served, draftServed{p.ID, e})
			}
		}
	}
	return d, nil
}

var (
	envRE      = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
	spellingRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/@+:~-]*$`)
)

// credential reports whether an upstream env name holds a credential (a
// key, token, secret, password or credentials file) rather than a setting
// such as a base URL, a region, a project or an account id: only
// credentials tell providers apart in auth_env.
func credential(env string) bool {
	for _, w := range strings.Split(env, "_") {
		for _, c := range []string{"KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIALS"} {
			if strings.HasSuffix(w, c) {
				return true
			}
		}
	}
	return false
}

func (c *Catalogue) suggest(p string) string {
	var ids []string
	for id := range c.names {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if s := suggest.Closest(p, ids, 2); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// yaml writes the draft as a providers.yaml.
func (d *draft) yaml() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Drafted by gen import -from %s from %s: review it before use.\n", d.cat.Name, inert.FileName(baseName(d.cat.File)))
	b.WriteString("# Prices are USD per million tokens, as the snapshot gives them (a rate it leaves out is\n")
	b.WriteString("# left out); upstream names the snapshot entry that gen import -check compares each with.\n")
	b.WriteString("version: 1\n\nproviders:\n")
	for _, p := range d.providers {
		fmt.Fprintf(&b, "  - id: %s\n", p.ID)
		if p.name != p.ID {
			writeName(&b, "    ", p.name)
		}
		if len(p.notCreds) > 0 {
			fmt.Fprintf(&b, "    # Not credentials, so not in auth_env: %s\n", inert.Terminal(strings.Join(p.notCreds, ", ")))
		}
		if len(p.authEnv) > 0 {
			fmt.Fprintf(&b, "    auth_env: [%s]\n", strings.Join(p.authEnv, ", "))
		} else {
			fmt.Fprintf(&b, "    # The %s snapshot names no credential for it: add its auth_env.\n", d.cat.Name)
		}
	}
	b.WriteString("\nruntimes:\n")
	for _, r := range d.runtimes {
		fmt.Fprintf(&b, "  - id: %s\n", r)
	}
	b.WriteString("\n")
	for _, s := range d.skipped {
		fmt.Fprintf(&b, "# %s\n", inert.Terminal(s))
	}
	if len(d.models) == 0 {
		// An empty list, not "models:" with no value: the draft stays a
		// registry that breaks rules, not one that does not load.
		fmt.Fprintf(&b, "# The %s snapshot gives these providers no model the draft can hold.\nmodels: []\n", d.cat.Name)
	} else {
		b.WriteString("models:\n")
	}
	for _, m := range d.models {
		d.writeModel(&b, m)
	}
	return b.String()
}

// writeName writes the name line of a mapping indented by indent, or,
// for a name a registry name cannot be, a comment that says why it was
// left out.
func writeName(b *strings.Builder, indent, name string) {
	if name == "" {
		return
	}
	if why := nameProblem(name); why != "" {
		fmt.Fprintf(b, "%s# The snapshot's name %s is left out: %s.\n", indent, strconv.QuoteToGraphic(clip(name)), why)
		return
	}
	fmt.Fprintf(b, "%sname: %s\n", indent, yamlString(name))
}

func (d *draft) writeModel(b *strings.Builder, m *draftModel) {
	e := m.entry
	fmt.Fprintf(b, "  - id: %s\n", yamlString(m.id))
	if e.Name != m.id {
		writeName(b, "    ", e.Name)
	}
	b.WriteString("    legacy_ids: []\n")
	if e.Status != "" {
		fmt.Fprintf(b, "    status: %s\n", e.Status)
	}
	if e.RetiresOn != "" {
		fmt.Fprintf(b, "    retires_on: %s\n", e.RetiresOn)
	}
	if e.Context != 0 {
		fmt.Fprintf(b, "    context_window: %d\n", e.Context)
	}
	if e.Output != 0 {
		fmt.Fprintf(b, "    max_output: %d\n", e.Output)
	}
	b.WriteString("    served_by:\n")
	for _, s := range m.served {
		fmt.Fprintf(b, "      - provider: %s\n        runtimes: [%s]\n", s.provider, strings.Join(d.runtimes, ", "))
		if s.entry.Price.any() {
			fmt.Fprintf(b, "        price: %s\n", priceFlow(s.entry.Price))
		}
		for _, p := range s.entry.Problems {
			fmt.Fprintf(b, "        # %s left out: %s\n", inert.Terminal(p.Field), inert.Terminal(p.Msg))
		}
		for _, n := range s.entry.Notes {
			fmt.Fprintf(b, "        # %s\n", inert.Terminal(n))
		}
		fmt.Fprintf(b, "        upstream: {%s: %s}\n", d.cat.Name, yamlString(s.entry.Ref))
	}
}

// yamlString writes s plainly when YAML reads it back as the same string,
// else double-quoted.
func yamlString(s string) string {
	if plainRE.MatchString(s) && !numberLike.MatchString(s) && !reserved[strings.ToLower(s)] {
		return s
	}
	return strconv.Quote(s)
}

var (
	plainRE    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/@+~() -]*[A-Za-z0-9._/@+~)-]$|^[A-Za-z0-9]$`)
	numberLike = regexp.MustCompile(`^[-+0-9.][0-9a-fA-FxXoO._+-]*$`)
	reserved   = map[string]bool{"true": true, "false": true, "null": true, "yes": true, "no": true, "on": true, "off": true, "y": true, "n": true, "~": true}
)

// nameProblem says why s cannot be a registry name (the schema's
// displayName: printable, at most 200 characters), or "".
func nameProblem(s string) string {
	if n := utf8.RuneCountInString(s); n > 200 {
		return fmt.Sprintf("it has %d characters, and a registry name at most 200", n)
	}
	for _, r := range s {
		if inert.Unsafe(r) {
			return "it holds a control character, a line break or an invisible one, which a registry name may not"
		}
	}
	return ""
}

func baseName(p string) string { return p[strings.LastIndexAny(p, `/\`)+1:] }

var _ = spec.CatalogueLiteLLM
