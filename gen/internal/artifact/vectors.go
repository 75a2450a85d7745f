package artifact

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/molecule-ai/providers/gen/internal/outcome"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// VectorsDoc is the test vector file: what the real resolver answers for
// every spelling on every runtime under every relevant env, and for inputs
// that must miss (Vectors); what Model says of every spelling (Models); and
// what every price charges for requests of every shape (Costs).
type VectorsDoc struct {
	Format       int           `json:"format"`
	Source       string        `json:"source"`
	SourceSHA256 string        `json:"source_sha256"`
	Count        int           `json:"count"`
	Vectors      []Vector      `json:"vectors"`
	Plans        []Plan        `json:"plans"`
	Models       []ModelVector `json:"models"`
	Costs        []CostVector  `json:"costs"`
}

// Vector is one case: Derive(Runtime, Model, Env),
// ResolveBillingMode({Override, Runtime, Model, Env}) and
// CheckRegistered(Runtime, Model).
type Vector struct {
	Runtime  string   `json:"runtime"`
	Model    string   `json:"model"`
	Env      []string `json:"env,omitempty"`
	Override string   `json:"override,omitempty"`
	Note     string   `json:"note,omitempty"`
	Want     Want     `json:"want"`
}

// Want is the resolver's answer to a vector. Empty strings, false and
// empty lists are left out, except the error ("" for success).
type Want struct {
	Error         string   `json:"error"`              // "" or an error kind (errKinds)
	Provider      string   `json:"provider,omitempty"` // Derivation.Provider
	Model         string   `json:"model,omitempty"`    // Derivation.Model: the canonical id
	Spelling      string   `json:"spelling,omitempty"` // once the model is known: canonical, alias or legacy
	Platform      bool     `json:"platform,omitempty"`
	ByEnv         string   `json:"by_env,omitempty"`
	Candidates    []string `json:"candidates,omitempty"` // only with error "ambiguous"
	BillingMode   string   `json:"billing_mode"`
	BillingSource string   `json:"billing_source"`
	Status        string   `json:"status"`                // CheckRegistered's Status
	Suggestion    string   `json:"suggestion,omitempty"`  // CheckRegistered's Suggestion
	Lifecycle     string   `json:"lifecycle,omitempty"`   // CheckRegistered's Lifecycle, unless active
	ReplacedBy    string   `json:"replaced_by,omitempty"` // CheckRegistered's ReplacedBy
}

// vectorErrorKind returns the vectors' name for a Derive error (shared with
// gen delta), and an error for one it cannot name: the vectors must not
// hide a new kind of failure.
func vectorErrorKind(err error) (string, error) {
	if k := outcome.ErrorKind(err); k != "error" {
		return k, nil
	}
	return "", fmt.Errorf("derive returned an error of no known kind: %v", err)
}

// Vectors returns the derivation test vectors of reg as the JSON document
// described by artifacts/vectors.schema.json.
func Vectors(reg *spec.Registry) ([]byte, error) {
	cases := VectorCases(reg)
	for i := range cases {
		w, err := vectorAnswer(reg.Resolver, cases[i])
		if err != nil {
			return nil, err
		}
		cases[i].Want = w
	}
	plans := PlanCases(reg)
	for i := range plans {
		plans[i].Want = planAnswer(reg.Resolver, plans[i])
	}
	models := modelVectors(reg)
	for i := range models {
		models[i].Want = modelAnswer(reg.Resolver, models[i].Model)
	}
	costs := costVectors(reg)
	for i := range costs {
		var err error
		if costs[i].Want, err = costAnswer(reg.Resolver, costs[i]); err != nil {
			return nil, err
		}
	}
	// Inputs are ASCII but for the edge cases, which are escaped.
	w := docWriter{ascii: true}
	w.field("format", Format)
	w.field("source", reg.Source())
	w.field("source_sha256", reg.SHA256)
	w.field("count", len(cases))
	list(&w, "vectors", cases)
	list(&w, "plans", plans)
	list(&w, "models", models)
	list(&w, "costs", costs)
	return w.bytes()
}

// vectorAnswer asks the resolver about c.
func vectorAnswer(r *resolver.Registry, c Vector) (Want, error) {
	d, err := r.Derive(c.Runtime, c.Model, c.Env)
	kind, kerr := vectorErrorKind(err)
	if kerr != nil {
		return Want{}, kerr
	}
	w := Want{
		Error:    kind,
		Provider: string(d.Provider),
		Model:    string(d.Model),
		Platform: d.Platform,
		ByEnv:    d.ByEnv,
	}
	if d.Model != "" {
		w.Spelling = d.Spelling.String()
	}
	if ae, ok := errors.AsType[*resolver.AmbiguousError](err); ok {
		for _, p := range ae.Candidates {
			w.Candidates = append(w.Candidates, string(p))
		}
	}
	b := r.ResolveBillingMode(resolver.BillingInput{Override: c.Override, Runtime: c.Runtime, Model: c.Model, AuthEnv: c.Env})
	w.BillingMode, w.BillingSource = string(b.Mode), string(b.Source)
	g := r.CheckRegistered(c.Runtime, c.Model)
	w.Status, w.Suggestion, w.ReplacedBy = g.Status.String(), g.Suggestion, string(g.ReplacedBy)
	if g.Lifecycle != resolver.LifecycleActive {
		w.Lifecycle = g.Lifecycle.String()
	}
	return w, nil
}

// VectorCases lists the inputs of the test vectors, in a fixed order.
// First, runtimes in YAML order and on each every model spelling (id,
// aliases, legacy ids) in YAML order. Where the runtime serves the model,
// its id comes with each env set that can matter: none, each candidate
// provider's each env name alone, all of them together (in reverse, so
// that served_by order visibly wins over env order) and, where several
// candidates compete, the env name of a provider that does not serve the
// pair; its other spellings, which resolve to the same model, come with no
// env. An ungoverned runtime, or a model the runtime does not serve, gets
// no env: nothing could change the answer. Then inputs that must miss, the
// edges of trimming and matching, and billing overrides.
func VectorCases(reg *spec.Registry) []Vector {
	var out []Vector
	add := func(runtime, model string, env []string, override, note string) {
		out = append(out, Vector{Runtime: runtime, Model: model, Env: env, Override: override, Note: note})
	}
	for _, r := range reg.Runtimes {
		for _, m := range reg.Models {
			cands := m.ProvidersOn(r.ID)
			for i, sp := range m.Spellings() {
				if !r.Governed || len(cands) == 0 || i > 0 {
					add(r.ID, sp, nil, "", "")
					continue
				}
				for _, env := range vectorEnvSets(cands, reg.AuthEnv()) {
					add(r.ID, sp, env, "", "")
				}
			}
		}
	}

	// Inputs that must miss, and the edges of trimming and matching. They
	// are built from the registry's own ids so that every registry gets
	// them.
	rt, m := vectorFirstServed(reg)
	unknownRT := freeID("no-such-runtime", func(id string) bool { return reg.Runtime(id) != nil })
	add(rt, "", nil, "", "an empty model is no_model")
	add(rt, " \t\n", nil, "", "a blank model is no_model")
	add(unknownRT, "", nil, "", "no_model is checked before the runtime")
	add("", "", nil, "", "no_model is checked before the runtime")
	if m == nil {
		return out
	}
	id := m.ID
	add(unknownRT, id, nil, "", "a runtime the registry does not know")
	add("", id, nil, "", "an empty runtime is unknown")
	if u := strings.ToUpper(rt); u != rt {
		add(u, id, nil, "", "runtime ids are case-sensitive")
	}
	for _, r := range reg.Runtimes {
		if !r.Governed {
			add(r.ID, id+"-no-such-model", nil, "", "an ungoverned runtime is reported before the model is looked up")
			break
		}
	}
	add(" "+rt+"\t", "\n"+id+"  ", nil, "", "surrounding ASCII space is trimmed")
	add("\u00a0"+rt, id+"\u3000", nil, "", "surrounding Unicode space (U+00A0, U+3000) is trimmed")
	add("\u0085"+rt+"\u2028", "\u2029"+id+"\u0085", nil, "", "U+0085 NEL, U+2028 and U+2029 are space to Go's strings.TrimSpace (JavaScript's trim() keeps U+0085)")
	add(rt, "\ufeff"+id, nil, "", "U+FEFF is not space to Go's strings.TrimSpace (JavaScript's trim() removes it)")
	add("\ufeff"+rt, id, nil, "", "U+FEFF is not space to Go's strings.TrimSpace (JavaScript's trim() removes it)")
	add(rt, "\u200b"+id, nil, "", "U+200B ZERO WIDTH SPACE is not space")
	add(rt, id+"-no-such-model", nil, "", "a spelling no model has")
	if u := strings.ToUpper(id); func() bool { m, _ := reg.Lookup(u); return m == nil }() {
		add(rt, u, nil, "", "model spellings are case-sensitive")
	}
	if i := strings.IndexFunc(id, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }); i > 0 {
		add(rt, id[:i]+" "+id[i+1:], nil, "", "inner space is not trimmed")
	}
	// Env names match exactly: never trimmed, never case-folded.
	if crt, cm, e, ok := vectorFirstChoice(reg); ok {
		add(crt, cm, []string{strings.ToLower(e)}, "", "env names are case-sensitive")
		add(crt, cm, []string{" " + e}, "", "env names are not trimmed")
		add(crt, cm, []string{e, e, "UNRELATED_NAME"}, "", "repeated and unrelated env names")
	}
	// Billing overrides: trimmed, any case; anything else is ignored.
	for _, ov := range []string{"byok", " BYOK\t", "platform_managed", "Platform_Managed", "free", "platform-managed"} {
		note := "a billing override is trimmed and case-insensitive"
		if _, err := resolver.ParseBillingMode(ov); err != nil {
			note = "an invalid billing override is ignored"
		}
		add(rt, id, nil, ov, note)
	}
	add(rt, id, nil, "BYO\u212a", "only ASCII letters fold: U+212A KELVIN SIGN is not k, so the override is ignored")
	add(unknownRT, id, nil, "byok", "an override applies whatever the pair")
	add(rt, "", nil, "platform_managed", "an override applies whatever the pair")
	add(rt, "", nil, "   ", "a blank override is no override")
	return out
}

// vectorEnvSets returns the env sets worth trying on a pair served by cands.
func vectorEnvSets(cands []*spec.Provider, allEnv []string) [][]string {
	sets := [][]string{{}}
	var every []string
	seen := map[string]bool{}
	for _, c := range cands {
		for _, e := range c.AuthEnv {
			sets = append(sets, []string{e})
			if !seen[e] {
				seen[e] = true
				every = append(every, e)
			}
		}
	}
	if len(every) > 1 {
		slices.Reverse(every)
		sets = append(sets, every)
	}
	if len(cands) > 1 {
		for _, e := range allEnv {
			if !seen[e] {
				sets = append(sets, []string{e})
				break
			}
		}
	}
	return sets
}

// vectorFirstServed returns the first governed runtime that serves a model,
// and that model; with no such pair, the first runtime (or "runtime") and
// nil.
func vectorFirstServed(reg *spec.Registry) (string, *spec.Model) {
	for _, r := range reg.Governed() {
		for _, m := range reg.Models {
			if m.ServedOn(r.ID) {
				return r.ID, m
			}
		}
	}
	if len(reg.Runtimes) > 0 {
		return reg.Runtimes[0].ID, nil
	}
	return "runtime", nil
}

// vectorFirstChoice returns the first pair where the env chooses among
// several providers, and the env name that chooses the second of them.
func vectorFirstChoice(reg *spec.Registry) (runtime, model, env string, ok bool) {
	for _, r := range reg.Governed() {
		for _, m := range reg.Models {
			if c := m.ProvidersOn(r.ID); len(c) > 1 && len(c[1].AuthEnv) > 0 {
				return r.ID, m.ID, c[1].AuthEnv[0], true
			}
		}
	}
	return "", "", "", false
}

// freeID returns base, or base with the smallest numeric suffix, such that
// taken reports false.
func freeID(base string, taken func(string) bool) string {
	id := base
	for i := 2; taken(id); i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	return id
}
