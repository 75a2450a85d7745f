package spec

import (
	"strings"
	"testing"
)

// ruleCase breaks validRegistry one way: each replacement of old by new in
// order, then wants exactly the problems listed (errors and warnings, as
// the command prints them, without the file name).
type ruleCase struct {
	name string
	edit []string // old, new, old, new, ...
	want []string
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := validRegistry
			for i := 0; i+1 < len(c.edit); i += 2 {
				if !strings.Contains(src, c.edit[i]) {
					t.Fatalf("edit %q does not apply", c.edit[i])
				}
				src = strings.Replace(src, c.edit[i], c.edit[i+1], 1)
			}
			var ds diags
			root := parse([]byte(src), &ds)
			if root == nil {
				t.Fatalf("does not parse: %v", ds.list)
			}
			checkRules(decode(root), &ds)
			e := &InputError{File: "p"}
			var got []string
			for _, d := range ds.sorted() {
				got = append(got, strings.TrimPrefix(e.Line(d), "p:"))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestRulesValid(t *testing.T) {
	runRuleCases(t, []ruleCase{{name: "valid registry", want: nil}})
}

func TestRule1UniqueIDs(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"provider", []string{"  - id: anthropic\n", "  - id: anthropic\n    auth_env: [X]\n  - id: anthropic\n"},
			[]string{`7:9: providers[2].id: duplicate provider id "anthropic" (first defined at line 5): ids are unique among providers`}},
		{"runtime", []string{"  - id: claude-code\n", "  - id: claude-code\n  - id: claude-code\n"},
			[]string{`9:9: runtimes[1].id: duplicate runtime id "claude-code" (first defined at line 8): ids are unique among runtimes`}},
		{"a provider may share a runtime's id", []string{"  - id: claude-code\n", "  - id: claude-code\n  - id: anthropic\n"},
			[]string{`9:9: warning: runtimes[1].id: governed runtime "anthropic" serves no model`}},
	})
}

func TestRule1Spellings(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"an alias naming another model", []string{"  - id: opus\n", "  - id: opus\n    aliases: [anthropic/claude-opus-4-7]\n"},
			[]string{`16:9: models[1].id: spelling "anthropic/claude-opus-4-7" already names model "opus" (first defined at line 11): a spelling names one model`}},
		{"a legacy id repeating the model's id", []string{`legacy_ids: ["anthropic:opus"]`, `legacy_ids: [opus]`},
			[]string{`14:18: models[0].legacy_ids[0]: spelling "opus" repeats this model's own id (first defined at line 10): list it once`}},
		{"an alias that is another's legacy id", []string{"  - id: anthropic/claude-opus-4-7\n", "  - id: anthropic/claude-opus-4-7\n    aliases: [\"anthropic:opus\"]\n"},
			[]string{`16:15: models[1].aliases[0]: spelling "anthropic:opus" already names model "opus" (first defined at line 14): a spelling names one model`}},
	})
}

func TestRule2References(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"unknown provider", []string{"provider: anthropic\n", "provider: anthropc\n"},
			[]string{`5:9: warning: providers[1].id: provider "anthropic" serves no model`, `12:19: models[0].served_by[0].provider: unknown provider "anthropc" (did you mean "anthropic"?)`}},
		{"unknown runtime", []string{"runtimes: [claude-code]\n", "runtimes: [claude-code, codex]\n"},
			[]string{`13:33: models[0].served_by[0].runtimes[1]: unknown runtime "codex": declare it under runtimes, or name one that is`}},
		{"ungoverned runtime", []string{"  - id: claude-code\n", "  - id: claude-code\n  - id: langgraph\n    governed: false\n", "runtimes: [claude-code]\n", "runtimes: [langgraph]\n"},
			[]string{`15:20: models[0].served_by[0].runtimes[0]: runtime "langgraph" is not governed (governed: false at line 10): the registry serves no model on it; remove it here or make it governed`}},
	})
}

func TestRule3ProviderOnce(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"twice", []string{"      - provider: anthropic\n        runtimes: [claude-code]\n", "      - provider: anthropic\n        runtimes: [claude-code]\n      - provider: anthropic\n        runtimes: [claude-code]\n"},
			[]string{`14:19: models[0].served_by[1].provider: provider "anthropic" already serves this model (first at line 12): a provider appears once per model; list all its runtimes in that entry`}},
	})
}

func TestRule4Billing(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"platform and byok on one pair", []string{"      - provider: platform\n", "      - provider: anthropic\n        runtimes: [claude-code]\n      - provider: platform\n", "  - id: anthropic/claude-opus-4-7\n", "  - id: anthropic/claude-opus-4-7\n    legacy_ids: []\n"},
			[]string{`21:20: models[1].served_by[1].runtimes[0]: model "anthropic/claude-opus-4-7" on runtime "claude-code": provider "platform" is a platform provider (platform_managed) but "anthropic" (line 19) is byok; billing is decided by (runtime, model) alone, so a pair is served by platform providers only or by byok providers only`}},
	})
}

func TestRule5Env(t *testing.T) {
	const second = "      - provider: anthropic\n        runtimes: [claude-code]\n"
	runRuleCases(t, []ruleCase{
		{"no auth_env", []string{"    auth_env: [ANTHROPIC_API_KEY]\n", "    auth_env: [ANTHROPIC_API_KEY]\n  - id: vendor\n", second, second + "      - provider: vendor\n        runtimes: [claude-code]\n"},
			[]string{`16:20: models[0].served_by[1].runtimes[0]: model "opus" on runtime "claude-code" has several providers, so each needs auth_env to tell them apart; provider "vendor" (line 7) has none`}},
		{"shared env", []string{"    auth_env: [ANTHROPIC_API_KEY]\n", "    auth_env: [ANTHROPIC_API_KEY]\n  - id: vendor\n    auth_env: [ANTHROPIC_API_KEY]\n", second, second + "      - provider: vendor\n        runtimes: [claude-code]\n"},
			[]string{`17:20: models[0].served_by[1].runtimes[0]: providers "anthropic" (line 15) and "vendor" both serve model "opus" on runtime "claude-code" and share auth env ANTHROPIC_API_KEY: the env could not tell them apart`}},
	})
}

func TestRule6PlatformAuth(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"platform with auth_env", []string{"    platform: true\n", "    platform: true\n    auth_env: [PLATFORM_KEY]\n"},
			[]string{`5:5: providers[0].auth_env: platform provider "platform" takes no auth_env: the platform's credentials are injected, never chosen by env; remove auth_env or platform: true`}},
	})
}

func TestRule7GoNames(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"ids", []string{"  - id: claude-code\n", "  - id: claude-code\n  - id: claude--code\n"},
			[]string{`9:9: runtimes[1].id: Go name RuntimeClaudeCode of runtime "claude--code" collides with runtime "claude-code" (line 8): set go_name on one of them`, `9:9: warning: runtimes[1].id: governed runtime "claude--code" serves no model`}},
		{"go_name", []string{"  - id: claude-code\n", "  - id: claude-code\n  - id: codex\n    go_name: ClaudeCode\n"},
			[]string{`9:9: warning: runtimes[1].id: governed runtime "codex" serves no model`, `10:14: runtimes[1].go_name: Go name RuntimeClaudeCode of runtime "codex" collides with runtime "claude-code" (line 8): set go_name on one of them`}},
	})
}

func TestRule8InjectEnv(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"on the platform", []string{"    platform: true\n", "    platform: true\n    inject_env: [ANTHROPIC_BASE_URL, ANTHROPIC_AUTH_TOKEN]\n"}, nil},
		{"on a vendor", []string{"    auth_env: [ANTHROPIC_API_KEY]\n", "    auth_env: [ANTHROPIC_API_KEY]\n    inject_env: [ANTHROPIC_BASE_URL]\n"},
			[]string{`7:5: providers[1].inject_env: provider "anthropic" is byok and takes no inject_env: only a platform provider's proxy is injected; list the names that authenticate it under auth_env, or set platform: true`}},
	})
}

func TestWarnNoLegacy(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"missing", []string{"    legacy_ids: [\"anthropic:opus\"]\n", ""},
			[]string{`10:9: warning: models[0].id: model "opus" is served by vendor "anthropic" but has no legacy_ids: add its old spelling, such as "anthropic:opus", or write legacy_ids: [] if it has none`}},
		{"none on purpose", []string{`legacy_ids: ["anthropic:opus"]`, `legacy_ids: []`}, nil},
		{"served by the platform only", []string{"    legacy_ids: [\"anthropic:opus\"]\n", "", "provider: anthropic\n", "provider: platform\n"},
			[]string{`5:9: warning: providers[1].id: provider "anthropic" serves no model`}},
	})
}

func TestRule11CaseFold(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"ids of two models", []string{"  - id: opus\n", "  - id: Anthropic/Claude-Opus-4-7\n"},
			[]string{`15:9: models[1].id: spelling "anthropic/claude-opus-4-7" differs only in case from "Anthropic/Claude-Opus-4-7" of model "Anthropic/Claude-Opus-4-7" (line 10): spellings equal ignoring case must name the same model, so that a typo in case never picks another model; rename one, or make both spellings of one model`}},
		{"an alias and another model's legacy id", []string{"  - id: opus\n", "  - id: opus\n    aliases: [OPUS-latest]\n", "  - id: anthropic/claude-opus-4-7\n", "  - id: anthropic/claude-opus-4-7\n    legacy_ids: [\"opus-Latest\"]\n"},
			[]string{`17:18: models[1].legacy_ids[0]: spelling "opus-Latest" differs only in case from "OPUS-latest" of model "opus" (line 11): spellings equal ignoring case must name the same model, so that a typo in case never picks another model; rename one, or make both spellings of one model`}},
		{"spellings of one model may differ in case", []string{"  - id: opus\n", "  - id: opus\n    aliases: [Opus, OPUS]\n"}, nil},
		{"an exact repeat is rule 1's", []string{"  - id: opus\n", "  - id: opus\n    aliases: [anthropic/claude-opus-4-7]\n"},
			[]string{`16:9: models[1].id: spelling "anthropic/claude-opus-4-7" already names model "opus" (first defined at line 11): a spelling names one model`}},
	})
}

func TestRule9Lifecycle(t *testing.T) {
	const opus, opus47 = "  - id: opus\n", "  - id: anthropic/claude-opus-4-7\n"
	runRuleCases(t, []ruleCase{
		{"valid", []string{opus, opus + "    status: deprecated\n    deprecated_on: 2026-08-05\n    retires_on: 2026-08-05\n    replaced_by: anthropic/claude-opus-4-7\n"}, nil},
		{"itself", []string{opus, opus + "    replaced_by: opus\n"},
			[]string{`11:18: models[0].replaced_by: replaced_by names the model itself: name the model that replaces it`}},
		{"unknown", []string{opus47, opus47 + "    replaced_by: opuss\n"},
			[]string{`16:18: models[1].replaced_by: replaced_by "opuss" is not a model id (did you mean "opus"?)`}},
		{"an alias", []string{opus, opus + "    aliases: [claude-opus]\n", opus47, opus47 + "    replaced_by: claude-opus\n"},
			[]string{`17:18: models[1].replaced_by: replaced_by "claude-opus" is not a model id: it is an alias of model "opus"; replaced_by names a model by its id`}},
		{"retired", []string{opus, opus + "    status: retired\n    replaced_by: gone\n", opus47, opus47 + "    replaced_by: opus\n"},
			[]string{`12:18: models[0].replaced_by: replaced_by "gone" is not a model id: name the id of a model of this registry`,
				`18:18: models[1].replaced_by: replaced_by names model "opus", which is retired (line 10): name a model that is not (it is replaced by "gone")`}},
		{"loop", []string{opus, opus + "    replaced_by: anthropic/claude-opus-4-7\n", opus47, opus47 + "    replaced_by: opus\n"},
			[]string{`11:18: models[0].replaced_by: replaced_by loops: opus → anthropic/claude-opus-4-7 → opus; a replacement chain must end at a model with no replaced_by`}},
		{"not a calendar date", []string{opus, opus + "    deprecated_on: 2026-02-29\n    retires_on: 2024-02-30\n"},
			[]string{`11:20: models[0].deprecated_on: 2026-02-29 is not a calendar date: February 2026 has 28 days`,
				`12:17: models[0].retires_on: 2024-02-30 is not a calendar date: February 2024 has 29 days`}},
		{"no month 13", []string{opus, opus + "    retires_on: 2026-13-01\n"},
			[]string{`11:17: models[0].retires_on: 2026-13-01 is not a calendar date: the month is from 01 to 12`}},
		{"retired before deprecated", []string{opus, opus + "    deprecated_on: 2026-08-05\n    retires_on: \"2026-08-04\"\n"},
			[]string{`12:17: models[0].retires_on: retires_on 2026-08-04 is before deprecated_on 2026-08-05 (line 11): a model is deprecated before it retires`}},
	})
}

func TestRule10Prices(t *testing.T) {
	const entry = "      - provider: anthropic\n        runtimes: [claude-code]\n"
	price := func(p string) []string { return []string{entry, entry + "        price: " + p + "\n"} }
	runRuleCases(t, []ruleCase{
		{"valid", price("{input: 5, output: 25, cache_read: 0.5, cache_write: 6.25, tiers: [{above: 200000, input: 10}, {above: 1000000, output: 50}]}"), nil},
		{"free", price("{}"), nil},
		{"the extremes", price("{input: 0.000001, output: 1000000, cache_read: 0}"), nil},
		{"seven digits", price("{input: 0.0000001}"),
			[]string{`14:24: models[0].served_by[0].price.input: rate 0.0000001 has 7 digits after the point: rates are exact to 6 (a millionth of a dollar per million tokens)`}},
		{"an exponent", price("{output: 1e3}"),
			[]string{`14:25: models[0].served_by[0].price.output: rate 1e3 is not a plain decimal: write digits, and at most 6 after the point, such as 2.5 or 0.075`}},
		{"YAML spellings", price("{input: .5, output: +2, cache_read: 1_000, cache_write: 007.50}"), // 1_000 is a string, the schema's to report
			[]string{`14:24: models[0].served_by[0].price.input: rate .5 is not a plain decimal: write digits, and at most 6 after the point, such as 2.5 or 0.075 (did you mean 0.5?)`,
				`14:36: models[0].served_by[0].price.output: rate +2 is not a plain decimal: write digits, and at most 6 after the point, such as 2.5 or 0.075 (did you mean 2?)`,
				`14:72: models[0].served_by[0].price.cache_write: rate 007.50 is not a plain decimal: write digits, and at most 6 after the point, such as 2.5 or 0.075 (did you mean 7.50?)`}},
		{"out of range is the schema's", price("{input: -1, output: 1000000.5}"), nil},
		{"tiers out of order", price("{input: 1, tiers: [{above: 1000, input: 2}, {above: 1000, input: 3}, {above: 500, input: 4}, {above: 2000, input: 5}]}"),
			[]string{`14:68: models[0].served_by[0].price.tiers[1].above: above 1000 is not more than the previous tier's 1000 (line 14): tiers go in strictly increasing order of above`,
				`14:93: models[0].served_by[0].price.tiers[2].above: above 500 is not more than the previous tier's 1000 (line 14): tiers go in strictly increasing order of above`}},
		{"a tier without rates", price("{input: 1, tiers: [{above: 1000}]}"),
			[]string{`14:35: models[0].served_by[0].price.tiers[0]: this tier sets no rate: give at least one of input, output, cache_read, cache_write, or remove the tier`}},
	})
}

func TestRule12Upstream(t *testing.T) {
	const opus = "      - provider: anthropic\n        runtimes: [claude-code]\n    legacy_ids"
	const platform = "      - provider: platform\n        runtimes: [claude-code]\n"
	up := func(entry, ref string) []string {
		return []string{entry, strings.Replace(entry, "runtimes: [claude-code]\n", "runtimes: [claude-code]\n        upstream: "+ref+"\n", 1)}
	}
	// A second model served by anthropic, to name a second models.dev provider.
	second := []string{"  - id: anthropic/claude-opus-4-7\n", "  - id: sonnet\n    legacy_ids: []\n    served_by:\n      - provider: anthropic\n        runtimes: [claude-code]\n        upstream: {models.dev: anthropics/claude-sonnet-4-5}\n  - id: anthropic/claude-opus-4-7\n"}
	runRuleCases(t, []ruleCase{
		{"both catalogues", up(opus, "{models.dev: anthropic/claude-opus-4-7, litellm: claude-opus-4-7}"), nil},
		{"a model id with a slash and a colon", up(opus, "{models.dev: amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0}"), nil},
		{"not PROVIDER/MODEL", up(opus, "{models.dev: claude-opus-4-7}"),
			[]string{`14:32: models[0].served_by[0].upstream.models.dev: models.dev reference "claude-opus-4-7" is not PROVIDER/MODEL: write the provider's key in models.dev's api.json, a '/', then the model's key under it, such as anthropic/claude-opus-4-7`}},
		{"an empty model", up(opus, "{models.dev: anthropic/}"),
			[]string{`14:32: models[0].served_by[0].upstream.models.dev: models.dev reference "anthropic/" is not PROVIDER/MODEL: write the provider's key in models.dev's api.json, a '/', then the model's key under it, such as anthropic/claude-opus-4-7`}},
		{"a byok provider names two models.dev providers", append(up(opus, "{models.dev: anthropic/claude-opus-4-7}"), second...),
			[]string{`21:32: models[1].served_by[0].upstream.models.dev: byok provider "anthropic" is priced by models.dev provider "anthropic" (line 14), but this entry names "anthropics": a vendor's entries name that vendor's catalogue entries, so its users are priced by what they pay`}},
		{"a platform provider may name several", append(up(platform, "{models.dev: anthropic/claude-opus-4-7}"),
			"  - id: opus\n", "  - id: gpt\n    served_by:\n      - provider: platform\n        runtimes: [claude-code]\n        upstream: {models.dev: openai/gpt-5}\n  - id: opus\n"), nil},
	})
}
