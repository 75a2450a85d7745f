package main

// mutant is a one-line edit that breaks one billing, stripping,
// usability, price or lifecycle rule. Old must occur exactly once in File.
type mutant struct {
	Name     string
	File     string
	Old, New string
	Why      string // the rule it breaks
}

var mutants = []mutant{
	// Billing: who pays (steps 1 to 4).
	{
		Name: "override-ignored", File: "resolver/billing.go",
		Old: "	if mode != \"\" {\n		return BillingDecision{Mode: mode, Source: SourceOverride",
		New: "	if false && mode != \"\" {\n		return BillingDecision{Mode: mode, Source: SourceOverride",
		Why: "step 1: a valid override wins",
	},
	{
		Name: "override-ignored-in-plans", File: "resolver/billing.go",
		Old: "	if m, _ := override(ov); m != \"\" {",
		New: "	if m, _ := override(ov); false && m != \"\" {",
		Why: "step 1 for credential plans: the override decides what is stripped",
	},
	{
		Name: "derived-platform-inverted", File: "resolver/billing.go",
		Old: "		if d.Platform {\n			dec.Mode = PlatformManaged",
		New: "		if !d.Platform {\n			dec.Mode = PlatformManaged",
		Why: "step 2: the pair's platform-ness decides",
	},
	{
		Name: "step3-model-platform-skipped", File: "resolver/billing.go",
		Old: "		case table.ModelPlatform:\n			return BillingDecision{Mode: PlatformManaged, Source: SourceModel",
		New: "		case table.ModelPlatform:\n			return BillingDecision{Mode: BYOK, Source: SourceModel",
		Why: "step 3: a model only the platform serves is platform_managed",
	},
	{
		Name: "step3-model-byok-skipped", File: "resolver/billing.go",
		Old: "		case table.ModelBYOK:\n			return BillingDecision{Mode: BYOK, Source: SourceModel",
		New: "		case table.ModelBYOK:\n			return BillingDecision{Mode: PlatformManaged, Source: SourceModel",
		Why: "step 3: a model only vendors serve is byok on a runtime that does not serve it",
	},
	{
		Name: "step3-mixed-counts-as-byok", File: "gen/internal/spec/tables.go",
		Old: "	case byok && !platform:",
		New: "	case byok:",
		Why: "step 3: a model the platform serves somewhere is not vendor-only",
	},
	{
		Name: "default-byok", File: "resolver/billing.go",
		Old: "	return BillingDecision{Mode: PlatformManaged, Source: SourceDefault, Reason: outcomeErr[o]}",
		New: "	return BillingDecision{Mode: BYOK, Source: SourceDefault, Reason: outcomeErr[o]}",
		Why: "step 4: an unknown pair is platform_managed, so the fleet keeps running",
	},
	{
		Name: "override-case-folded-by-unicode", File: "resolver/billing.go",
		Old: "	case equalFoldASCII(v, string(BYOK)):",
		New: "	case strings.EqualFold(v, string(BYOK)):",
		Why: "an override folds ASCII case only: byo\\u212a is no billing mode",
	},

	// Stripping: what a byok workspace loses.
	{
		Name: "strip-under-platform-managed", File: "resolver/credentials.go",
		Old: "		if byok && s.PlatformScope && t.EnvIndex.Lookup(s.Name) >= 0 {",
		New: "		if s.PlatformScope && t.EnvIndex.Lookup(s.Name) >= 0 {",
		Why: "only byok strips: a platform_managed workspace keeps the platform's credentials",
	},
	{
		Name: "strip-owner-secrets", File: "resolver/credentials.go",
		Old: "		if byok && s.PlatformScope && t.EnvIndex.Lookup(s.Name) >= 0 {",
		New: "		if byok && t.EnvIndex.Lookup(s.Name) >= 0 {",
		Why: "only platform-scope secrets are stripped: the owner's own key of the same name stays",
	},
	{
		Name: "strip-nothing", File: "resolver/credentials.go",
		Old: "		if byok && s.PlatformScope && t.EnvIndex.Lookup(s.Name) >= 0 {",
		New: "		if byok && s.PlatformScope && t.EnvIndex.Lookup(s.Name) < -1 {",
		Why: "byok strips every platform-scope LLM credential",
	},
	{
		Name: "inject-names-not-credentials", File: "gen/internal/spec/tables.go",
		Old: "	for _, e := range slices.Concat(r.AuthEnv(), r.InjectEnv()) {",
		New: "	for _, e := range r.AuthEnv() {",
		Why: "rule 8: the platform's inject_env names are LLM credentials, stripped under byok",
	},
	{
		Name: "derive-from-stripped-keys", File: "resolver/credentials.go",
		Old: "AuthEnv: kept})",
		New: "AuthEnv: append(kept, strip...)})",
		Why: "a key about to be stripped never chooses the vendor",
	},

	// Usability: when a byok workspace must fail closed.
	{
		Name: "platform-pair-usable-under-byok", File: "resolver/credentials.go",
		Old: "			// platform's proxy never serves byok, whatever the keys.\n",
		New: "			// platform's proxy never serves byok, whatever the keys.\n			plan.Usable = true\n",
		Why: "a byok override on a platform-served pair is never usable",
	},
	{
		Name: "vendor-usable-without-key", File: "resolver/credentials.go",
		Old: "			plan.Usable = present(row.AuthEnv, kept) != \"\"",
		New: "			plan.Usable = true",
		Why: "a byok vendor pair is usable only with one of its auth_env names kept",
	},
	{
		Name: "keyless-vendor-unusable", File: "resolver/credentials.go",
		Old: "			plan.Usable = true // a byok vendor that needs no credential",
		New: "			plan.Usable = false",
		Why: "a byok vendor with no auth_env needs no credential",
	},
	{
		Name: "unknown-pair-usable", File: "resolver/credentials.go",
		Old: "		plan.Usable = slices.ContainsFunc(kept, func(n string) bool { return t.EnvIndex.Lookup(n) >= 0 })",
		New: "		plan.Usable = true",
		Why: "an unknown pair under byok is usable only with some LLM credential kept",
	},
	{
		Name: "want-dropped", File: "resolver/credentials.go",
		Old: "			plan.Want = slices.Clone(row.AuthEnv)",
		New: "			plan.Want = nil",
		Why: "an unusable plan names what would make it usable",
	},
	{
		Name: "inject-missing", File: "resolver/credentials.go",
		Old: "		plan.Inject = slices.Clone(t.inject(p, o))",
		New: "		plan.Inject = slices.Clone(t.inject(p, o))[:0]",
		Why: "platform_managed lists what the platform injects",
	},
	{
		Name: "inject-sole-platform-always", File: "resolver/credentials.go",
		Old: "	if o == found && t.Providers[p.prov].Platform {",
		New: "	if false {",
		Why: "a pair's own platform provider decides what is injected, not the registry's first",
	},
	{
		Name: "inject-with-several-platforms", File: "gen/internal/spec/registry.go",
		Old: "			return nil // several: none is the obvious one",
		New: "			return p",
		Why: "with two platform providers a decision by default injects nothing: neither proxy is the obvious one",
	},
	{
		Name: "keep-beside-inject", File: "resolver/credentials.go",
		Old: "			return slices.Contains(plan.Inject, s.Name) || !s.PlatformScope && t.injected(s.Name)",
		New: "			return false",
		Why: "an owner's secret of an injected name never stays beside the platform's token",
	},

	// Derivation: which provider, which the billing follows.
	{
		Name: "env-order-ignored", File: "resolver/derive.go",
		Old: "		if env := present(t.Providers[prov].AuthEnv, authEnv); env != \"\" {",
		New: "		if env := present(t.Providers[prov].AuthEnv, t.Providers[prov].AuthEnv); env != \"\" {",
		Why: "the first provider whose auth env is present is chosen, not the first provider",
	},

	// Prices and lifecycle: how much a request costs, and whether it runs.
	{
		Name: "tier-boundary-inclusive", File: "resolver/price.go",
		Old: "		if int64(table.PriceAbove(p.body, i)) < prompt {",
		New: "		if int64(table.PriceAbove(p.body, i)) <= prompt {",
		Why: "a prompt of exactly above tokens is not in the tier",
	},
	{
		Name: "tier-ignores-cache", File: "resolver/price.go",
		Old: "	r := p.RatesFor(u.Prompt())",
		New: "	r := p.RatesFor(u.Input)",
		Why: "cached prompt tokens count towards the tier",
	},
	{
		Name: "round-down", File: "resolver/price.go",
		Old: "	lo, c := bits.Add64(lo, picoPerNano/2, 0)",
		New: "	lo, c := bits.Add64(lo, 0, 0)",
		Why: "cost rounds half up to a nano-dollar",
	},
	{
		Name: "cache-write-free", File: "resolver/price.go",
		Old: "	hi, lo = mulAdd(hi, lo, u.CacheWrite, r.CacheWrite)",
		New: "	_ = r.CacheWrite",
		Why: "every token count is priced",
	},
	{
		Name: "retired-not-flagged", File: "resolver/check.go",
		Old: " || g.Lifecycle == LifecycleRetired",
		New: "",
		Why: "a retired model is flagged: its calls fail upstream",
	},
}
