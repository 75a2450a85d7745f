package spec

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/molecule-ai/providers/internal/suggest"
	"github.com/molecule-ai/providers/resolver"
)

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// checkRules adds a problem for each broken semantic rule (docs/design.md,
// "Rules") and a warning for each provider or governed runtime that nothing
// references. The rules see the doc decoded leniently, after the schema:
// each reports what it can of a broken file, and stays quiet where the
// schema has already said what is wrong.
func checkRules(d *doc, ds *diags) {
	x := newRuleIndex(d)
	rule1UniqueIDs(x, ds)
	rule1Spellings(x, ds)
	rule2References(x, ds)
	rule3ProviderOnce(x, ds)
	rule4Billing(x, ds)
	rule5Env(x, ds)
	rule6PlatformAuth(x, ds)
	rule7GoNames(x, ds)
	rule8InjectEnv(x, ds)
	rule11CaseFold(x, ds)
	rule9Lifecycle(x, ds)
	rule10Prices(x, ds)
	rule12Upstream(x, ds)
	warnUnreferenced(x, ds)
}

// ruleIndex is what the rules share, computed once: the first declaration
// of each id, the valid ids (the only ones worth suggesting) and, for each
// model, the providers serving it on each runtime that several serve it
// on.
type ruleIndex struct {
	d           *doc
	providers   map[string]*providerSpec
	runtimes    map[string]*runtimeSpec
	providerIDs []string
	runtimeIDs  []string
	// invalid holds the corrected spelling of each id that breaks the id
	// pattern: the schema suggests it there, and a reference spelt that
	// way is not reported again as unknown.
	invalid    map[string]bool
	pairs      []pairServers // by model, then runtime in first-seen order; only pairs with several servers
	nSpellings int           // model ids, aliases and legacy ids
}

// pairServers is one (model, runtime) and the providers serving it, in
// served_by order; entries that rules 2 and 3 refuse are left out.
type pairServers struct {
	model   *modelSpec
	runtime string
	servers []server
}

type server struct {
	p  *providerSpec
	at str // the runtime entry naming the pair
}

func newRuleIndex(d *doc) *ruleIndex {
	x := &ruleIndex{d: d, providers: map[string]*providerSpec{}, runtimes: map[string]*runtimeSpec{}, invalid: map[string]bool{}}
	for i := range d.providers {
		p := &d.providers[i]
		if _, dup := x.providers[p.id.s]; p.id.s != "" && !dup {
			x.providers[p.id.s] = p
			x.providerIDs = x.appendValid(x.providerIDs, p.id.s)
		}
	}
	for i := range d.runtimes {
		r := &d.runtimes[i]
		if _, dup := x.runtimes[r.id.s]; r.id.s != "" && !dup {
			x.runtimes[r.id.s] = r
			x.runtimeIDs = x.appendValid(x.runtimeIDs, r.id.s)
		}
	}
	// Reused for every model, and cleared: maps allocated per model would
	// cost more than the rest of the index. Most pairs have one server,
	// which no rule looks at: they are counted, not kept.
	seen, servers, pairOf := map[string]bool{}, map[string]int{}, map[string]int{}
	for i := range d.models {
		m := &d.models[i]
		x.nSpellings += 1 + len(m.aliases) + len(m.legacy)
		clear(servers)
		x.eachServer(m, seen, func(_ *providerSpec, rt str) { servers[rt.s]++ })
		clear(pairOf)
		x.eachServer(m, seen, func(p *providerSpec, rt str) {
			if servers[rt.s] < 2 {
				return
			}
			j, ok := pairOf[rt.s]
			if !ok {
				j = len(x.pairs)
				pairOf[rt.s] = j
				x.pairs = append(x.pairs, pairServers{model: m, runtime: rt.s})
			}
			x.pairs[j].servers = append(x.pairs[j].servers, server{p, rt})
		})
	}
	return x
}

// eachServer calls fn with each provider serving m on a governed runtime,
// and the runtime's entry, in served_by order; a provider is taken at its
// first entry (rule 3 reports the others), and an unknown one not at all.
// seen is cleared and used to find the first entries.
func (x *ruleIndex) eachServer(m *modelSpec, seen map[string]bool, fn func(p *providerSpec, rt str)) {
	clear(seen)
	for _, e := range m.served {
		p := x.providers[e.provider.s]
		if p == nil || seen[p.id.s] {
			continue
		}
		seen[p.id.s] = true
		for _, rt := range e.runtimes {
			if r := x.runtimes[rt.s]; r != nil && r.governed {
				fn(p, rt)
			}
		}
	}
}

// appendValid appends id to ids when it is a valid id, else records its
// corrected spelling in invalid.
func (x *ruleIndex) appendValid(ids []string, id string) []string {
	if slugRE.MatchString(id) {
		return append(ids, id)
	}
	x.invalid[patternRules[slugRE.String()].fix(id)] = true
	return ids
}

// reported reports whether a reference to a missing id was already
// reported by the schema: an id that breaks the pattern, or its correction.
func (x *ruleIndex) reported(id string) bool {
	return !slugRE.MatchString(id) || x.invalid[id]
}

// mixed reports whether the servers of a pair disagree on platform (rule 4).
func (ps pairServers) mixed() bool {
	return slices.ContainsFunc(ps.servers, func(s server) bool { return s.p.platform != ps.servers[0].p.platform })
}

// Rule 1: "Ids are unique per kind." (providers and runtimes here; model
// spellings in rule1Spellings.)
func rule1UniqueIDs(x *ruleIndex, ds *diags) {
	for i := range x.d.providers {
		p := &x.d.providers[i]
		if first := x.providers[p.id.s]; p.id.s != "" && first != p {
			ds.add(p.id.pos, p.id.path.String(), "duplicate provider id %s (first defined at line %d): ids are unique among providers", quote(p.id.s), first.id.pos.Line)
		}
	}
	for i := range x.d.runtimes {
		r := &x.d.runtimes[i]
		if first := x.runtimes[r.id.s]; r.id.s != "" && first != r {
			ds.add(r.id.pos, r.id.path.String(), "duplicate runtime id %s (first defined at line %d): ids are unique among runtimes", quote(r.id.s), first.id.pos.Line)
		}
	}
}

// Rule 1: "Model ids, aliases and legacy ids share one namespace: no
// spelling may name two models, and none may repeat."
func rule1Spellings(x *ruleIndex, ds *diags) {
	spellings := make(map[string]owner, x.nSpellings)
	// reported holds the clashes reported, by model, list and spelling: a
	// second repeat within one list is the schema's uniqueItems to
	// report. It is looked at only for clashes, so the rule stays linear.
	type inList struct {
		model, list int
		s           string
	}
	reported := map[inList]bool{}
	x.forSpellings(func(mi, li int, sp *str) {
		first, dup := spellings[sp.s]
		if !dup {
			spellings[sp.s] = owner{mi, sp}
		}
		k := inList{mi, li, sp.s}
		if !dup || reported[k] || first.model == mi && sameList(*first.at, *sp) {
			return
		}
		reported[k] = true
		if first.model == mi {
			ds.add(sp.pos, sp.path.String(), "spelling %s repeats this model's own %s (first defined at line %d): list it once", quote(sp.s), spellingKind(*first.at), first.at.pos.Line)
		} else {
			ds.add(sp.pos, sp.path.String(), "spelling %s already names model %s (first defined at line %d): a spelling names one model", quote(sp.s), quote(x.d.models[first.model].id.s), first.at.pos.Line)
		}
	})
}

// forSpellings calls fn with every non-empty spelling of every model, in
// order, with the model's index and the spelling's list (0 the id, 1 the
// aliases, 2 the legacy ids).
func (x *ruleIndex) forSpellings(fn func(model, list int, sp *str)) {
	for mi := range x.d.models {
		m := &x.d.models[mi]
		for li, list := range [...][]str{{m.id}, m.aliases, m.legacy} {
			for si := range list {
				if list[si].s != "" {
					fn(mi, li, &list[si])
				}
			}
		}
	}
}

// owner is the model (by index) and the spelling that first claimed a
// spelling.
type owner struct {
	model int
	at    *str
}

// Rule 2: "Every served_by.provider and served_by.runtimes entry exists; a
// governed: false runtime cannot appear in served_by."
func rule2References(x *ruleIndex, ds *diags) {
	for _, m := range x.d.models {
		for _, e := range m.served {
			if pid := e.provider; pid.s != "" && x.providers[pid.s] == nil && !x.reported(pid.s) {
				ds.add(pid.pos, pid.path.String(), "unknown provider %s%s", quote(pid.s), didYouMean(pid.s, x.providerIDs, "providers"))
			}
			for _, rt := range e.runtimes {
				r := x.runtimes[rt.s]
				switch {
				case r == nil && !x.reported(rt.s):
					ds.add(rt.pos, rt.path.String(), "unknown runtime %s%s", quote(rt.s), didYouMean(rt.s, x.runtimeIDs, "runtimes"))
				case r != nil && !r.governed:
					ds.add(rt.pos, rt.path.String(), "runtime %s is not governed (governed: false at line %d): the registry serves no model on it; remove it here or make it governed", quote(rt.s), r.governedPos.Line)
				}
			}
		}
	}
}

// Rule 3: "A provider appears at most once per model."
func rule3ProviderOnce(x *ruleIndex, ds *diags) {
	for _, m := range x.d.models {
		first := map[string]str{}
		for _, e := range m.served {
			pid := e.provider
			if x.providers[pid.s] == nil {
				continue
			}
			if f, dup := first[pid.s]; dup {
				ds.add(pid.pos, pid.path.String(), "provider %s already serves this model (first at line %d): a provider appears once per model; list all its runtimes in that entry", quote(pid.s), f.pos.Line)
				continue
			}
			first[pid.s] = pid
		}
	}
}

// Rule 4: "Billing is decided by (runtime, model) alone: all providers
// serving the same model on the same runtime agree on platform."
func rule4Billing(x *ruleIndex, ds *diags) {
	for _, ps := range x.pairs {
		first := ps.servers[0]
		for _, o := range ps.servers[1:] {
			if o.p.platform != first.p.platform {
				ds.add(o.at.pos, o.at.path.String(), "model %s on runtime %s: provider %s is %s but %s (line %d) is %s; billing is decided by (runtime, model) alone, so a pair is served by platform providers only or by byok providers only",
					quote(ps.model.id.s), quote(ps.runtime), quote(o.p.id.s), billingWord(o.p.platform), quote(first.p.id.s), first.at.pos.Line, billingWord(first.p.platform))
			}
		}
	}
}

// Rule 5: "Where several providers serve one (model, runtime), each has a
// non-empty auth_env and no env name is shared between them, so the env can
// tell them apart." A pair that breaks rule 4 is not reported again here.
func rule5Env(x *ruleIndex, ds *diags) {
	for _, ps := range x.pairs {
		if len(ps.servers) < 2 || ps.mixed() {
			continue
		}
		envOwner := map[string]server{}
		for _, o := range ps.servers {
			if len(o.p.authEnv) == 0 {
				ds.add(o.at.pos, o.at.path.String(), "model %s on runtime %s has several providers, so each needs auth_env to tell them apart; provider %s (line %d) has none", quote(ps.model.id.s), quote(ps.runtime), quote(o.p.id.s), o.p.id.pos.Line)
				continue
			}
			for _, env := range o.p.authEnv {
				if other, shared := envOwner[env.s]; shared && other.p != o.p {
					ds.add(o.at.pos, o.at.path.String(), "providers %s (line %d) and %s both serve model %s on runtime %s and share auth env %s: the env could not tell them apart", quote(other.p.id.s), other.at.pos.Line, quote(o.p.id.s), quote(ps.model.id.s), quote(ps.runtime), unquoted(env.s))
				}
				envOwner[env.s] = o
			}
		}
	}
}

// Rule 6: "A platform: true provider has no auth_env."
func rule6PlatformAuth(x *ruleIndex, ds *diags) {
	for i := range x.d.providers {
		p := &x.d.providers[i]
		if x.providers[p.id.s] == p && p.platform && len(p.authEnv) > 0 {
			ds.add(p.authPos, p.id.path.sibling(fAuthEnv).String(),
				"platform provider %s takes no auth_env: the platform's credentials are injected, never chosen by env; remove auth_env or platform: true", quote(p.id.s))
		}
	}
}

// Rule 7: "Generated Go constant names do not collide": the error names
// both ids and suggests go_name.
func rule7GoNames(x *ruleIndex, ds *diags) {
	type named struct{ id, goName str }
	check := func(kind, prefix string, items []named) {
		taken := map[string]named{}
		for _, it := range items {
			name := constName(prefix, it.id.s, it.goName.s)
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
			ds.add(at.pos, at.path.String(), "Go name %s of %s %s collides with %s %s (line %d): set go_name on one of them", unquoted(name), kind, quote(it.id.s), kind, quote(first.id.s), first.id.pos.Line)
		}
	}
	var ps, rs []named
	for _, p := range x.d.providers {
		ps = append(ps, named{p.id, p.goName})
	}
	for _, r := range x.d.runtimes {
		rs = append(rs, named{r.id, r.goName})
	}
	check("provider", "Provider", ps)
	check("runtime", "Runtime", rs)
}

// Rule 8: "inject_env appears only on platform: true providers."
func rule8InjectEnv(x *ruleIndex, ds *diags) {
	for i := range x.d.providers {
		p := &x.d.providers[i]
		if x.providers[p.id.s] == p && !p.platform && len(p.injectEnv) > 0 {
			ds.add(p.injectPos, p.id.path.sibling(fInjectEnv).String(),
				"provider %s is byok and takes no inject_env: only a platform provider's proxy is injected; list the names that authenticate it under auth_env, or set platform: true", quote(p.id.s))
		}
	}
}

// Rule 11: "Two spellings that are equal ignoring ASCII case name the
// same model": otherwise a workspace's typo in case (Acme-Large for
// acme-large) would silently choose another model, and perhaps who pays.
// Exact repeats are rule 1's to report.
func rule11CaseFold(x *ruleIndex, ds *diags) {
	folded := make(map[string]owner, x.nSpellings)
	x.forSpellings(func(mi, _ int, sp *str) {
		key := suggest.LowerASCII(sp.s)
		first, dup := folded[key]
		switch {
		case !dup:
			folded[key] = owner{mi, sp}
		case first.model != mi && first.at.s != sp.s:
			ds.add(sp.pos, sp.path.String(), "spelling %s differs only in case from %s of model %s (line %d): spellings equal ignoring case must name the same model, so that a typo in case never picks another model; rename one, or make both spellings of one model",
				quote(sp.s), quote(first.at.s), quote(x.d.models[first.model].id.s), first.at.pos.Line)
		}
	})
}

// Rule 9: "replaced_by names another model's canonical id; that model is
// not retired, and following replaced_by never loops. Dates are real
// calendar dates, and deprecated_on ≤ retires_on when both are set."
func rule9Lifecycle(x *ruleIndex, ds *diags) {
	ids := map[string]*modelSpec{}
	var idList []string
	for i := range x.d.models {
		m := &x.d.models[i]
		if _, dup := ids[m.id.s]; m.id.s != "" && !dup {
			ids[m.id.s] = m
			idList = append(idList, m.id.s)
		}
	}
	next := map[*modelSpec]*modelSpec{} // the valid replaced_by edges
	for i := range x.d.models {
		m := &x.d.models[i]
		checkDates(m, ds)
		r := m.replacedBy
		target := ids[r.s]
		switch {
		case r.s == "":
		case r.s == m.id.s:
			ds.add(r.pos, r.path.String(), "replaced_by names the model itself: name the model that replaces it")
		case target == nil:
			ds.add(r.pos, r.path.String(), "replaced_by %s is not a model id%s", quote(r.s), replacementHint(x, r.s, idList))
		case target.status.s == resolver.LifecycleRetired.String():
			hint := ""
			if target.replacedBy.s != "" {
				hint = fmt.Sprintf(" (it is replaced by %s)", quote(target.replacedBy.s))
			}
			ds.add(r.pos, r.path.String(), "replaced_by names model %s, which is retired (line %d): name a model that is not%s", quote(r.s), target.id.pos.Line, hint)
		default:
			next[m] = target
		}
	}
	for _, loop := range replacementLoops(x.d.models, next) {
		var names []string
		for _, m := range loop {
			names = append(names, unquoted(m.id.s))
		}
		names = append(names, unquoted(loop[0].id.s))
		r := loop[0].replacedBy
		ds.add(r.pos, r.path.String(), "replaced_by loops: %s; a replacement chain must end at a model with no replaced_by", strings.Join(names, " → "))
	}
}

// checkDates reports a date that is not on the calendar, and a retirement
// before the deprecation.
func checkDates(m *modelSpec, ds *diags) {
	var when [2]time.Time
	for i, d := range []str{m.deprecatedOn, m.retiresOn} {
		if !datePattern.MatchString(d.s) {
			continue // unset, or the schema's to report
		}
		t, err := time.Parse(time.DateOnly, d.s)
		if err != nil {
			ds.add(d.pos, d.path.String(), "%s is not a calendar date: %s", unquoted(d.s), dateProblem(d.s))
			continue
		}
		when[i] = t
	}
	if !when[0].IsZero() && !when[1].IsZero() && when[1].Before(when[0]) {
		ds.add(m.retiresOn.pos, m.retiresOn.path.String(), "retires_on %s is before deprecated_on %s (line %d): a model is deprecated before it retires", unquoted(m.retiresOn.s), unquoted(m.deprecatedOn.s), m.deprecatedOn.pos.Line)
	}
}

var datePattern = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// dateProblem says what is wrong with a YYYY-MM-DD date that time.Parse
// refuses.
func dateProblem(d string) string {
	y, _ := strconv.Atoi(d[:4])
	mo, _ := strconv.Atoi(d[5:7])
	if mo < 1 || mo > 12 {
		return "the month is from 01 to 12"
	}
	days := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return fmt.Sprintf("%s %d has %d days", time.Month(mo), y, days)
}

// replacementHint says which model a replaced_by that is not an id was
// probably meant to name.
func replacementHint(x *ruleIndex, s string, ids []string) string {
	for _, m := range x.d.models {
		for _, sp := range append(slices.Clone(m.aliases), m.legacy...) {
			if sp.s == s {
				return fmt.Sprintf(": it is %s of model %s; replaced_by names a model by its id", article(spellingKind(sp)), quote(m.id.s))
			}
		}
	}
	if c := suggest.Closest(s, ids, 2); c != "" {
		return " (did you mean " + quote(c) + "?)"
	}
	return ": name the id of a model of this registry"
}

func article(kind string) string {
	if kind == "alias" {
		return "an alias"
	}
	return "a " + kind
}

// replacementLoops returns each loop of next, once, starting at its
// member first in YAML order.
func replacementLoops(models []modelSpec, next map[*modelSpec]*modelSpec) [][]*modelSpec {
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*modelSpec]int{}
	order := map[*modelSpec]int{}
	for i := range models {
		order[&models[i]] = i
	}
	var loops [][]*modelSpec
	for i := range models {
		var path []*modelSpec
		m := &models[i]
		for m != nil && state[m] == unseen {
			state[m] = onPath
			path = append(path, m)
			m = next[m]
		}
		if m != nil && state[m] == onPath {
			loop := path[slices.Index(path, m):]
			first := 0
			for j, l := range loop {
				if order[l] < order[loop[first]] {
					first = j
				}
			}
			loops = append(loops, slices.Concat(loop[first:], loop[:first]))
		}
		for _, p := range path {
			state[p] = done
		}
	}
	return loops
}

// Rule 10: "Prices: exact decimals as above; tier above values are
// positive and strictly increasing; a tier sets at least one rate."
// (Positive, and each rate from 0 to 1,000,000: the schema's bounds.)
func rule10Prices(x *ruleIndex, ds *diags) {
	for _, m := range x.d.models {
		for _, e := range m.served {
			p := e.price
			if p == nil {
				continue
			}
			checkRates(p.rates, ds)
			prev, prevLine := 0, 0
			for _, t := range p.tiers {
				checkRates(t.rates, ds)
				if !slices.ContainsFunc(t.rates[:], func(r str) bool { return r.s != "" }) {
					ds.add(t.pos, t.path.String(), "this tier sets no rate: give at least one of %s, or remove the tier", strings.Join(rateNames[:], ", "))
				}
				above, ok := tokenCount(t.above.s)
				if !ok || above < 1 {
					continue // the schema's to report
				}
				if above <= prev {
					ds.add(t.above.pos, t.above.path.String(), "above %d is not more than the previous tier's %d (line %d): tiers go in strictly increasing order of above", above, prev, prevLine)
					continue
				}
				prev, prevLine = above, int(t.above.pos.Line)
			}
		}
	}
}

// Rule 12: "An upstream reference to models.dev is PROVIDER/MODEL, and a
// byok provider's entries name one models.dev provider": a vendor's users
// pay that vendor's price, so an entry priced by another vendor's
// catalogue entry is a mistake (a platform provider proxies several
// vendors, and may name any).
func rule12Upstream(x *ruleIndex, ds *diags) {
	first := map[string]str{} // byok provider id → its first models.dev reference
	for _, m := range x.d.models {
		for _, e := range m.served {
			ref, ok := e.upstream[CatalogueModelsDev]
			if !ok {
				continue
			}
			up, model, found := strings.Cut(ref.s, "/")
			if !found || up == "" || model == "" {
				ds.add(ref.pos, ref.path.String(), "models.dev reference %s is not PROVIDER/MODEL: write the provider's key in models.dev's api.json, a '/', then the model's key under it, such as anthropic/claude-opus-4-7", quote(ref.s))
				continue
			}
			p := x.providers[e.provider.s]
			if p == nil || p.platform {
				continue
			}
			f, seen := first[p.id.s]
			if !seen {
				first[p.id.s] = ref
				continue
			}
			if fp, _, _ := strings.Cut(f.s, "/"); fp != up {
				ds.add(ref.pos, ref.path.String(), "byok provider %s is priced by models.dev provider %s (line %d), but this entry names %s: a vendor's entries name that vendor's catalogue entries, so its users are priced by what they pay", quote(p.id.s), quote(fp), f.pos.Line, quote(up))
			}
		}
	}
}

func checkRates(rates [numRates]str, ds *diags) {
	for _, r := range rates {
		if r.s == "" {
			continue
		}
		if _, _, problem := parseRate(r.s); problem != "" {
			ds.add(r.pos, r.path.String(), "%s", problem)
		}
	}
}

// warnUnreferenced warns of a provider that serves no model and a governed
// runtime that serves none: likely a leftover, and an error under -strict.
func warnUnreferenced(x *ruleIndex, ds *diags) {
	usedP, usedR := map[string]bool{}, map[string]bool{}
	for _, m := range x.d.models {
		for _, e := range m.served {
			usedP[e.provider.s] = true
			for _, rt := range e.runtimes {
				usedR[rt.s] = true
			}
		}
	}
	for _, id := range x.providerIDs {
		if p := x.providers[id]; !usedP[id] {
			ds.warn(p.id.pos, p.id.path.String(), "provider %s serves no model", quote(id))
		}
	}
	for _, id := range x.runtimeIDs {
		if r := x.runtimes[id]; r.governed && !usedR[id] {
			ds.warn(r.id.pos, r.id.path.String(), "governed runtime %s serves no model", quote(id))
		}
	}
	warnNoLegacy(x, ds)
}

// warnNoLegacy warns of a model that a vendor serves and that has no
// legacy_ids field: workspaces created with the old vendor:model
// vocabulary would come out unregistered and default to platform_managed.
// An explicit empty list (legacy_ids: []) says there is none on purpose.
func warnNoLegacy(x *ruleIndex, ds *diags) {
	for i := range x.d.models {
		m := &x.d.models[i]
		if m.id.s == "" || m.hasLegacy {
			continue
		}
		for _, e := range m.served {
			if p := x.providers[e.provider.s]; p != nil && !p.platform {
				ds.warn(m.id.pos, m.id.path.String(), "model %s is served by vendor %s but has no legacy_ids: add its old spelling, such as %s, or write legacy_ids: [] if it has none", quote(m.id.s), quote(p.id.s), quote(p.id.s+":"+strings.TrimPrefix(m.id.s, p.id.s+"/")))
				break
			}
		}
	}
}

// sameList reports whether two spellings are items of one list.
func sameList(a, b str) bool {
	return a.path.in == b.path.in && a.path.field == b.path.field && a.path.index >= 0 && b.path.index >= 0
}

func billingWord(platform bool) string {
	if platform {
		return "a platform provider (platform_managed)"
	}
	return "byok"
}

// didYouMean suggests the nearest of ids, or says where to declare s.
func didYouMean(s string, ids []string, list string) string {
	if c := suggest.Closest(s, ids, 2); c != "" {
		return " (did you mean " + quote(c) + "?)"
	}
	if c := suggest.Closest(strings.ToLower(s), ids, 2); c != "" {
		return " (did you mean " + quote(c) + "?)"
	}
	return fmt.Sprintf(": declare it under %s, or name one that is", list)
}

// spellingKind says which list a model spelling is in.
func spellingKind(sp str) string {
	switch {
	case sp.path.field == fAliases:
		return "alias"
	case sp.path.field == fLegacyIDs:
		return "legacy id"
	}
	return "id"
}
