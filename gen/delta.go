package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/resolver"
)

func runDelta(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("delta", stdout)
	base := fs.String("base", "", "the registry before the change (a file)")
	baseRef := fs.String("base-ref", "", "the registry before the change: -in as of this git revision (git show REV:PATH)")
	in := fs.String("in", "providers.yaml", "the registry after the change")
	format := fs.String("format", "markdown", "output format: markdown or json")
	exitCode := fs.Bool("exit-code", false, "exit 1 when any outcome changed")
	if err := fs.parse(args); err != nil {
		return err
	}
	if (*base == "") == (*baseRef == "") {
		return fs.usagef("delta needs exactly one of -base FILE and -base-ref REV")
	}
	if *format != "markdown" && *format != "json" {
		return fs.usagef("-format %q: want markdown or json", *format)
	}
	var old *Registry
	var err error
	if *base != "" {
		old, err = Load(*base, false)
	} else {
		old, err = loadRef(*baseRef, *in)
	}
	if err != nil {
		return err
	}
	cur, err := Load(*in, false)
	if err != nil {
		return err
	}
	d := Delta(old, cur)
	var out []byte
	if *format == "json" {
		out, err = d.JSON()
		if err != nil {
			return err
		}
	} else {
		out = d.Markdown()
	}
	if _, err := stdout.Write(out); err != nil {
		return err
	}
	if *exitCode && len(d.Changes) > 0 {
		return errChanged
	}
	return nil
}

// loadRef loads path as of git revision rev.
func loadRef(rev, path string) (*Registry, error) {
	spec := rev + ":./" + filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
		if err != nil {
			return nil, fmt.Errorf("-base-ref: not in a git work tree: %w", err)
		}
		rel, err := filepath.Rel(strings.TrimSpace(string(top)), path)
		if err != nil {
			return nil, err
		}
		spec = rev + ":" + filepath.ToSlash(rel)
	}
	var errBuf bytes.Buffer
	cmd := exec.Command("git", "show", spec)
	cmd.Stderr = &errBuf
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("-base-ref: git show %s: %s", spec, strings.TrimSpace(errBuf.String()))
	}
	return Compile(rev+":"+filepath.Base(path), data, false)
}

// Outcome is what one registry answers for one (runtime, model, env) case.
type Outcome struct {
	Provider string `json:"provider,omitempty"`
	Error    string `json:"error,omitempty"` // the derivation error kind, such as not_on_runtime
	Mode     string `json:"mode"`
	Source   string `json:"source"`
}

func (o Outcome) String() string {
	who := o.Provider
	if o.Error != "" {
		who = strings.ReplaceAll(o.Error, "_", " ")
	}
	s := who + " · " + o.Mode
	if o.Source != string(resolver.SourceDerived) {
		s += " (" + o.Source + ")"
	}
	return s
}

// served reports whether the registry serves the pair (derived billing).
func (o Outcome) served() bool { return o.Source == string(resolver.SourceDerived) }

var errKinds = []struct {
	err  error
	kind string
}{
	{resolver.ErrNoModel, "no_model"},
	{resolver.ErrUnknownRuntime, "unknown_runtime"},
	{resolver.ErrUngovernedRuntime, "ungoverned_runtime"},
	{resolver.ErrUnregisteredModel, "unregistered_model"},
	{resolver.ErrNotOnRuntime, "not_on_runtime"},
	{resolver.ErrAmbiguous, "ambiguous"},
}

// errKind names a derivation error for delta rows and test vectors.
func errKind(err error) string {
	for _, k := range errKinds {
		if errors.Is(err, k.err) {
			return k.kind
		}
	}
	if err != nil {
		return "error"
	}
	return ""
}

func evaluate(r *resolver.Registry, runtime, model string, env []string) Outcome {
	_, err := r.Derive(runtime, model, env)
	dec := r.ResolveBillingMode(resolver.BillingInput{Runtime: runtime, Model: model, AuthEnv: env})
	return Outcome{Provider: string(dec.Provider), Error: errKind(err), Mode: string(dec.Mode), Source: string(dec.Source)}
}

// Section names, in the order a reviewer reads them.
const (
	SectionBillingFlip    = "billing_flip"
	SectionProvider       = "provider_change"
	SectionUnregistered   = "newly_unregistered"
	SectionAddition       = "addition"
	SectionOtherOutcome   = "other"
	envAny                = "any"
	envNone               = "none"
	deltaSummaryFlipToBY  = "platform→byok"
	deltaSummaryFlipToPla = "byok→platform"
)

var sectionOrder = []string{SectionBillingFlip, SectionProvider, SectionUnregistered, SectionAddition, SectionOtherOutcome}

var sectionTitle = map[string]string{
	SectionBillingFlip:  "Billing flips",
	SectionProvider:     "Provider changes",
	SectionUnregistered: "Newly unregistered",
	SectionAddition:     "Additions",
	SectionOtherOutcome: "Other outcome changes",
}

// Change is one row of a delta: the same change for every listed runtime
// and spelling of one model under one env set.
type Change struct {
	Section   string   `json:"section"`
	Runtimes  []string `json:"runtimes"`
	Model     string   `json:"model"`     // the canonical id (after the change, else before)
	Spellings []string `json:"spellings"` // the spellings that changed this way
	Env       string   `json:"env"`       // "any", "none", or the env names set
	Before    Outcome  `json:"before"`
	After     Outcome  `json:"after"`
}

// Summary counts the changes by kind.
type Summary struct {
	PlatformToBYOK    int `json:"platform_to_byok"`
	BYOKToPlatform    int `json:"byok_to_platform"`
	ProviderChanges   int `json:"provider_changes"`
	NewlyUnregistered int `json:"newly_unregistered"`
	Additions         int `json:"additions"`
	Other             int `json:"other"`
	Cases             int `json:"cases_compared"`
	ChangedCases      int `json:"cases_changed"`
}

// DeltaResult is what changes between two registries.
type DeltaResult struct {
	Base     string   `json:"base"`
	Head     string   `json:"head"`
	Summary  Summary  `json:"summary"`
	Changes  []Change `json:"changes"`
	Registry []string `json:"registry_changes"` // structural changes, in words
}

// Empty reports whether nothing changed at all.
func (d *DeltaResult) Empty() bool { return len(d.Changes) == 0 && len(d.Registry) == 0 }

type caseResult struct {
	runtime, spelling, model, env string
	before, after                 Outcome
}

// Delta evaluates both registries with the real resolver over every
// governed runtime × every spelling either serves there × every relevant
// auth-env combination, and groups the outcomes that changed.
func Delta(old, cur *Registry) *DeltaResult {
	d := &DeltaResult{Base: old.File, Head: cur.File, Changes: []Change{}, Registry: registryChanges(old.Spec, cur.Spec)}
	var results []caseResult
	for _, rt := range governedRuntimes(old.Spec, cur.Spec) {
		for _, sp := range servedSpellings(rt, old.Spec, cur.Spec) {
			model := canonicalOf(cur.Spec, sp)
			if model == "" {
				model = canonicalOf(old.Spec, sp)
			}
			type combo struct {
				label  string
				b, a   Outcome
				change bool
			}
			var combos []combo
			for _, env := range envCombos(rt, sp, old.Spec, cur.Spec) {
				b, a := evaluate(old.Resolver, rt, sp, env), evaluate(cur.Resolver, rt, sp, env)
				d.Summary.Cases++
				combos = append(combos, combo{envLabel(env), b, a, b != a})
			}
			allSame := true
			for _, c := range combos {
				if !c.change || c.b != combos[0].b || c.a != combos[0].a {
					allSame = false
				}
			}
			for _, c := range combos {
				if !c.change {
					continue
				}
				d.Summary.ChangedCases++
				label := c.label
				if allSame {
					label = envAny
				}
				results = append(results, caseResult{rt, sp, model, label, c.b, c.a})
				if allSame {
					break
				}
			}
		}
	}
	// Group: one row per (model, env, before, after), listing runtimes and
	// spellings, in the order the cases were met (YAML order).
	type key struct {
		model, env    string
		before, after Outcome
	}
	index := map[key]int{}
	for _, r := range results {
		k := key{r.model, r.env, r.before, r.after}
		i, ok := index[k]
		if !ok {
			i = len(d.Changes)
			index[k] = i
			d.Changes = append(d.Changes, Change{Section: section(r.before, r.after), Model: r.model, Env: r.env, Before: r.before, After: r.after})
		}
		c := &d.Changes[i]
		if !slices.Contains(c.Runtimes, r.runtime) {
			c.Runtimes = append(c.Runtimes, r.runtime)
		}
		if !slices.Contains(c.Spellings, r.spelling) {
			c.Spellings = append(c.Spellings, r.spelling)
		}
	}
	slices.SortStableFunc(d.Changes, func(a, b Change) int {
		return slices.Index(sectionOrder, a.Section) - slices.Index(sectionOrder, b.Section)
	})
	for _, c := range d.Changes {
		// The counts are facts about each row, so a row can count twice: an
		// added model that moves workspaces off the default is both an
		// addition and a billing flip.
		switch {
		case c.Before.Mode != c.After.Mode && c.After.Mode == string(resolver.BYOK):
			d.Summary.PlatformToBYOK++
		case c.Before.Mode != c.After.Mode:
			d.Summary.BYOKToPlatform++
		}
		switch {
		case c.Before.served() && c.After.served():
			// A flip between two served outcomes is a flip, not also a
			// provider change: the platform and a vendor always differ.
			if c.Before.Mode == c.After.Mode {
				d.Summary.ProviderChanges++
			}
		case c.Before.served():
			d.Summary.NewlyUnregistered++
		case c.After.served():
			d.Summary.Additions++
		default:
			d.Summary.Other++
		}
	}
	return d
}

// section files a change: any change of who pays comes first.
func section(b, a Outcome) string {
	switch {
	case b.Mode != a.Mode:
		return SectionBillingFlip
	case b.served() && a.served():
		return SectionProvider
	case b.served():
		return SectionUnregistered
	case a.served():
		return SectionAddition
	}
	return SectionOtherOutcome
}

func governedRuntimes(specs ...*spec) []string {
	var out []string
	for _, s := range specs {
		for _, r := range s.runtimes {
			if r.governed && !slices.Contains(out, r.id.s) {
				out = append(out, r.id.s)
			}
		}
	}
	// Runtimes in the newest order first.
	slices.SortStableFunc(out, func(a, b string) int { return runtimeRank(specs, a) - runtimeRank(specs, b) })
	return out
}

func runtimeRank(specs []*spec, id string) int {
	s := specs[len(specs)-1]
	for i, r := range s.runtimes {
		if r.id.s == id {
			return i
		}
	}
	return len(s.runtimes)
}

// servedSpellings returns every spelling of a model served on rt in either
// registry: new registry's YAML order first, then what only the old had.
func servedSpellings(rt string, old, cur *spec) []string {
	var out []string
	for _, s := range []*spec{cur, old} {
		for _, m := range s.models {
			if len(pairProviders(m, rt)) == 0 {
				continue
			}
			for _, sp := range spellingsOf(m) {
				if !slices.Contains(out, sp) {
					out = append(out, sp)
				}
			}
		}
	}
	return out
}

func spellingsOf(m modelSpec) []string {
	out := []string{m.id.s}
	for _, a := range m.aliases {
		out = append(out, a.s)
	}
	for _, l := range m.legacy {
		out = append(out, l.s)
	}
	return out
}

func canonicalOf(s *spec, spelling string) string {
	for _, m := range s.models {
		if slices.Contains(spellingsOf(m), spelling) {
			return m.id.s
		}
	}
	return ""
}

// envCombos returns the env sets worth trying for a spelling on a runtime:
// none, each candidate's env names alone (from either registry), and all of
// them together.
func envCombos(rt, sp string, specs ...*spec) [][]string {
	var names, owners []string // each env name and the provider it authenticates
	for _, s := range specs {
		for _, m := range s.models {
			if !slices.Contains(spellingsOf(m), sp) {
				continue
			}
			for _, id := range pairProviders(m, rt) {
				for _, p := range s.providers {
					if p.id.s != id {
						continue
					}
					for _, env := range p.authEnv {
						if !slices.Contains(names, env.s) {
							names = append(names, env.s)
							owners = append(owners, p.id.s)
						}
					}
				}
			}
		}
	}
	combos := [][]string{nil}
	for _, n := range names {
		combos = append(combos, []string{n})
	}
	// With three or more candidates, two of them can swap places behind the
	// first: only a workspace holding both their names sees it. Every pair
	// of names of different providers covers every such swap.
	if distinct := slices.Compact(slices.Sorted(slices.Values(owners))); len(distinct) > 2 {
		for i := range names {
			for j := i + 1; j < len(names); j++ {
				if owners[i] != owners[j] {
					combos = append(combos, []string{names[i], names[j]})
				}
			}
		}
	}
	if len(names) > 1 {
		combos = append(combos, names)
	}
	return combos
}

func envLabel(env []string) string {
	if len(env) == 0 {
		return envNone
	}
	return strings.Join(env, " + ")
}

// registryChanges lists, in words, what changed in the registry itself,
// including what alters no derivation but matters to reviewers.
func registryChanges(old, cur *spec) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }

	oldP, curP := map[string]providerSpec{}, map[string]providerSpec{}
	for _, p := range old.providers {
		oldP[p.id.s] = p
	}
	for _, p := range cur.providers {
		curP[p.id.s] = p
		o, ok := oldP[p.id.s]
		switch {
		case !ok:
			add("provider `%s` added (%s)", p.id.s, providerKind(p))
		case o.platform != p.platform:
			add("provider `%s` changed from %s to %s", p.id.s, providerKind(o), providerKind(p))
		case !slices.Equal(strs(o.authEnv), strs(p.authEnv)):
			add("provider `%s` auth env changed: %s → %s", p.id.s, listOrNone(strs(o.authEnv)), listOrNone(strs(p.authEnv)))
		}
		if ok {
			renamed(add, "provider", p.id.s, o.name, p.name, o.goName.s, p.goName.s)
		}
	}
	for _, p := range old.providers {
		if _, ok := curP[p.id.s]; !ok {
			add("provider `%s` removed", p.id.s)
		}
	}

	oldR, curR := map[string]runtimeSpec{}, map[string]runtimeSpec{}
	for _, r := range old.runtimes {
		oldR[r.id.s] = r
	}
	for _, r := range cur.runtimes {
		curR[r.id.s] = r
		o, ok := oldR[r.id.s]
		switch {
		case !ok:
			add("runtime `%s` added (%s)", r.id.s, governedWord(r.governed))
		case o.governed != r.governed:
			add("runtime `%s` is now %s (was %s)", r.id.s, governedWord(r.governed), governedWord(o.governed))
		}
		if ok {
			renamed(add, "runtime", r.id.s, o.name, r.name, o.goName.s, r.goName.s)
		}
	}
	for _, r := range old.runtimes {
		if _, ok := curR[r.id.s]; !ok {
			add("runtime `%s` removed", r.id.s)
		}
	}

	oldM, curM := map[string]modelSpec{}, map[string]modelSpec{}
	for _, m := range old.models {
		oldM[m.id.s] = m
	}
	for _, m := range cur.models {
		curM[m.id.s] = m
		o, ok := oldM[m.id.s]
		if !ok {
			add("model `%s` added", m.id.s)
			continue
		}
		renamed(add, "model", m.id.s, o.name, m.name, "", "")
		for _, kind := range []struct {
			name     string
			old, cur []str
		}{{"alias", o.aliases, m.aliases}, {"legacy id", o.legacy, m.legacy}} {
			for _, s := range strs(kind.cur) {
				if !slices.Contains(strs(kind.old), s) {
					add("%s `%s` of model `%s` added", kind.name, s, m.id.s)
				}
			}
			for _, s := range strs(kind.old) {
				if !slices.Contains(strs(kind.cur), s) {
					add("%s `%s` of model `%s` removed", kind.name, s, m.id.s)
				}
			}
		}
		if servedText(o) != servedText(m) {
			add("model `%s` served_by: %s → %s", m.id.s, servedText(o), servedText(m))
		}
	}
	for _, m := range old.models {
		if _, ok := curM[m.id.s]; !ok {
			add("model `%s` removed", m.id.s)
		}
	}
	return out
}

// renamed adds the display-name and Go-name changes of one entity: they
// change no outcome, but they change what people and code see.
func renamed(add func(string, ...any), kind, id, oldName, newName, oldGo, newGo string) {
	if oldName != newName {
		add("%s `%s` renamed: %q → %q", kind, id, oldName, newName)
	}
	if oldGo != newGo {
		add("%s `%s` go_name: %q → %q", kind, id, oldGo, newGo)
	}
}

func servedText(m modelSpec) string {
	var parts []string
	for _, e := range m.served {
		parts = append(parts, e.provider.s+" on "+strings.Join(strs(e.runtimes), ", "))
	}
	return strings.Join(parts, "; ")
}

func strs(l []str) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = s.s
	}
	return out
}

func listOrNone(l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return strings.Join(l, ", ")
}

func providerKind(p providerSpec) string {
	if p.platform {
		return "platform"
	}
	return "byok, " + listOrNone(strs(p.authEnv))
}

func governedWord(g bool) string {
	if g {
		return "governed"
	}
	return "ungoverned"
}

// JSON returns the delta as an indented JSON document.
func (d *DeltaResult) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Markdown returns the delta as a pull-request comment.
func (d *DeltaResult) Markdown() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "### Registry delta: %s → %s\n\n", d.Base, d.Head)
	if d.Empty() {
		fmt.Fprintf(&b, "No change: all %d outcomes compared are the same, and so is the registry.\n", d.Summary.Cases)
		return b.Bytes()
	}
	s := d.Summary
	if len(d.Changes) == 0 {
		fmt.Fprintf(&b, "No billing or provider outcome changes (all %d compared are the same); the registry changed as listed below.\n", s.Cases)
	} else {
		fmt.Fprintf(&b, "**%s** (platform→byok: %d, byok→platform: %d); by kind of change: %s, %d newly unregistered, %s, %d other; %d of %d outcomes changed.\n",
			plural(s.PlatformToBYOK+s.BYOKToPlatform, "billing flip"), s.PlatformToBYOK, s.BYOKToPlatform,
			plural(s.ProviderChanges, "provider change"), s.NewlyUnregistered, plural(s.Additions, "addition"), s.Other, s.ChangedCases, s.Cases)
		if s.PlatformToBYOK+s.BYOKToPlatform > 0 && s.NewlyUnregistered+s.Additions > 0 {
			b.WriteString("A pair that enters or leaves the registry and changes who pays is listed once, under billing flips, and counted in both.\n")
		}
	}
	for _, sec := range sectionOrder {
		var rows []Change
		for _, c := range d.Changes {
			if c.Section == sec {
				rows = append(rows, c)
			}
		}
		if len(rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n#### %s\n\n| runtime | model | env | before | after |\n|---|---|---|---|---|\n", sectionTitle[sec])
		for _, c := range rows {
			model := "`" + c.Model + "`"
			var others []string
			for _, s := range c.Spellings {
				if s != c.Model {
					others = append(others, "`"+s+"`")
				}
			}
			switch {
			case len(others) == 0:
			case slices.Contains(c.Spellings, c.Model):
				model += " and " + strings.Join(others, ", ")
			default:
				model += " as " + strings.Join(others, ", ")
			}
			env := c.Env
			if env != envAny && env != envNone {
				env = "`" + env + "`"
			}
			after := c.After.String()
			if sec == SectionBillingFlip {
				after = "**" + after + "**"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", strings.Join(c.Runtimes, ", "), model, env, c.Before, after)
		}
	}
	if len(d.Registry) > 0 {
		b.WriteString("\n#### Registry changes\n\n")
		for _, r := range d.Registry {
			fmt.Fprintf(&b, "- %s\n", r)
		}
	}
	return b.Bytes()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
