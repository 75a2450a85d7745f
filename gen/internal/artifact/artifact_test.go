package artifact

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/molecule-ai/providers/gen/internal/outcome"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/internal/fixture"
	"github.com/molecule-ai/providers/providersgen"
	"github.com/molecule-ai/providers/resolver"
)

// shippedArtifacts are the files generated from a registry and checked in,
// with the compiled registry they must agree with. The fixture's artifacts
// give the TypeScript client the cases the shipped registry lacks (a byok
// provider without auth_env, three providers on one pair, 30 runtimes).
var shippedArtifacts = []struct {
	json, vectors string
	compiled      *resolver.Registry
	sha256        string
}{
	{"../../../artifacts/registry.json", "../../../artifacts/vectors.json", providersgen.Registry, providersgen.SourceSHA256},
	{"../../../clients/ts/testdata/fixture.registry.json", "../../../clients/ts/testdata/fixture.vectors.json", fixture.Registry, fixture.SourceSHA256},
}

func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := doc.(map[string]any)["$id"].(string)
	if want := "https://github.com/molecule-ai/providers/artifacts/" + filepath.Base(path); id != want {
		t.Errorf("%s: $id %q, want %q", path, id, want)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(id)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return sch
}

func validate(sch *jsonschema.Schema, data []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// TestArtifactSchemas validates the JSON artifacts of every registry at
// hand against their published schemas, and checks that the schemas reject
// what they must (so that they are not vacuous).
func TestArtifactSchemas(t *testing.T) {
	regSchema := compileSchema(t, "../../../artifacts/registry.schema.json")
	vecSchema := compileSchema(t, "../../../artifacts/vectors.schema.json")
	for _, in := range []string{"../../../providers.yaml", "../../../internal/fixture/fixture.yaml"} {
		reg, err := spec.Load(in, false)
		if err != nil {
			t.Fatal(err)
		}
		rj, err := RegistryJSON(reg)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(regSchema, rj); err != nil {
			t.Errorf("%s: registry JSON: %v", in, err)
		}
		vj, err := Vectors(reg)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(vecSchema, vj); err != nil {
			t.Errorf("%s: vectors: %v", in, err)
		}
	}

	bad := map[string]string{
		"format 2":          `{"format":2,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[],"runtimes":[],"models":[]}`,
		"unknown field":     `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[],"runtimes":[],"models":[],"extra":1}`,
		"missing auth_env":  `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[{"id":"a","name":"a","platform":false}],"runtimes":[],"models":[]}`,
		"bad id":            `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[{"id":"A","name":"a","platform":false,"auth_env":[]}],"runtimes":[],"models":[]}`,
		"empty served_by":   `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[],"runtimes":[],"models":[{"id":"m","name":"m","aliases":[],"legacy_ids":[],"served_by":[]}]}`,
		"short sha256":      `{"format":3,"source":"p.yaml","source_sha256":"abc","providers":[],"runtimes":[],"models":[]}`,
		"vector error kind": `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","count":1,"plans":[],"models":[],"costs":[],"vectors":[{"runtime":"r","model":"m","want":{"error":"oops","billing_mode":"byok","billing_source":"derived","status":"registered"}}]}`,
		"vector status":     `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","count":1,"plans":[],"models":[],"costs":[],"vectors":[{"runtime":"r","model":"m","want":{"error":"","billing_mode":"byok","billing_source":"derived","status":"Registered"}}]}`,
		"vector plan":       `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","count":0,"vectors":[],"models":[],"costs":[],"plans":[{"runtime":"r","model":"m","secrets":["A:owner"],"want":{"billing_mode":"byok","billing_source":"derived","strip":[],"keep":[],"usable":true,"want":[],"inject":[]}}]}`,
		"vector cost float": `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","count":0,"vectors":[],"plans":[],"models":[],"costs":[{"provider":"p","model":"m","usage":{},"want":{"price":true,"nano_usd":"1.5"}}]}`,
		"vector big count":  `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","count":0,"vectors":[],"plans":[],"models":[],"costs":[{"provider":"p","model":"m","usage":{"input":9007199254740992},"want":{"price":false}}]}`,
		"rate as a number":  `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[],"runtimes":[],"models":[{"id":"m","name":"m","aliases":[],"legacy_ids":[],"status":"active","deprecated_on":"","retires_on":"","replaced_by":"","context_window":0,"max_output":0,"served_by":[{"provider":"p","runtimes":["r"],"price":{"input":5,"output":"1","cache_read":"0","cache_write":"0","tiers":[]}}]}]}`,
		"rate trailing 0":   `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[],"runtimes":[],"models":[{"id":"m","name":"m","aliases":[],"legacy_ids":[],"status":"active","deprecated_on":"","retires_on":"","replaced_by":"","context_window":0,"max_output":0,"served_by":[{"provider":"p","runtimes":["r"],"price":{"input":"2.50","output":"1","cache_read":"0","cache_write":"0","tiers":[]}}]}]}`,
		"price extra field": `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[],"runtimes":[],"models":[{"id":"m","name":"m","aliases":[],"legacy_ids":[],"status":"active","deprecated_on":"","retires_on":"","replaced_by":"","context_window":0,"max_output":0,"served_by":[{"provider":"p","runtimes":["r"],"price":{"input":"2","output":"1","cache_read":"0","cache_write":"0","tiers":[],"batch":"1"}}]}]}`,
	}
	// The bad documents above differ from this good one in one place.
	good := `{"format":3,"source":"p.yaml","source_sha256":"` + strings.Repeat("0", 64) + `","providers":[],"runtimes":[],"models":[{"id":"m","name":"m","aliases":[],"legacy_ids":[],"status":"active","deprecated_on":"","retires_on":"","replaced_by":"","context_window":0,"max_output":0,"served_by":[{"provider":"p","runtimes":["r"],"price":{"input":"2.5","output":"1","cache_read":"0","cache_write":"0","tiers":[{"above":1,"input":"2.5","output":"1","cache_read":"0","cache_write":"0.000001"}]}}]}]}`
	if err := validate(regSchema, []byte(good)); err != nil {
		t.Errorf("the schema refuses a good document: %v", err)
	}
	for name, doc := range bad {
		sch := regSchema
		if strings.HasPrefix(name, "vector") {
			sch = vecSchema
		}
		if err := validate(sch, []byte(doc)); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

// readVectors decodes a vectors file.
func readVectors(t *testing.T, path string) VectorsDoc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc VectorsDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if doc.Format != Format || doc.Count != len(doc.Vectors) {
		t.Fatalf("%s: format %d, count %d of %d vectors", path, doc.Format, doc.Count, len(doc.Vectors))
	}
	return doc
}

// readRegistry decodes a registry JSON artifact.
func readRegistry(t *testing.T, path string) RegistryDoc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var reg RegistryDoc
	if err := json.Unmarshal(data, &reg); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return reg
}

// TestVectorsReplay replays every checked-in vector through the compiled
// registry (the generated Go package, not the generator's in-memory copy):
// the vectors, the generated tables and the resolver all agree.
func TestVectorsReplay(t *testing.T) {
	for _, a := range shippedArtifacts {
		doc := readVectors(t, a.vectors)
		if doc.SourceSHA256 != a.sha256 {
			t.Errorf("%s: source_sha256 %s, but the compiled registry's is %s", a.vectors, doc.SourceSHA256, a.sha256)
		}
		bad := 0
		for i, v := range doc.Vectors {
			got, err := vectorAnswer(a.compiled, v)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, v.Want) {
				if bad++; bad <= 10 {
					t.Errorf("%s: vector %d %s:\n got  %+v\n want %+v", a.vectors, i, describe(v), got, v.Want)
				}
			}
		}
		if bad > 10 {
			t.Errorf("%s: %d vectors disagree in all", a.vectors, bad)
		}
	}
}

func describe(v Vector) string {
	s := fmt.Sprintf("Derive(%q, %q, %q)", v.Runtime, v.Model, v.Env)
	if v.Override != "" {
		s += fmt.Sprintf(" override %q", v.Override)
	}
	return s
}

// TestVectorsOracle derives every vector again with a plain reading of the
// design's steps over the JSON registry alone: what a client in another
// language does. It proves that the JSON artifact holds everything the
// derivation needs and that the vectors say what the design says.
func TestVectorsOracle(t *testing.T) {
	for _, a := range shippedArtifacts {
		reg := readRegistry(t, a.json)
		doc := readVectors(t, a.vectors)
		if doc.SourceSHA256 != reg.SourceSHA256 {
			t.Errorf("%s and %s come from different YAML", a.json, a.vectors)
		}
		checkOracle(t, a.vectors, &reg, doc)
	}
}

// TestFreshOracle compiles each registry now, with the generator as it is
// (not the checked-in tables), computes its vectors and plans through the
// resolver over those tables, and holds them to the oracle: a fault in how
// the generator builds the tables (a billing flag, an env name's kind)
// fails here even before anything is regenerated.
func TestFreshOracle(t *testing.T) {
	for _, in := range []string{"../../../providers.yaml", "../../../internal/fixture/fixture.yaml"} {
		reg, err := spec.Load(in, false)
		if err != nil {
			t.Fatal(err)
		}
		doc := NewRegistryDoc(reg)
		data, err := Vectors(reg)
		if err != nil {
			t.Fatal(err)
		}
		var vec VectorsDoc
		if err := json.Unmarshal(data, &vec); err != nil {
			t.Fatal(err)
		}
		checkOracle(t, in, &doc, vec)
	}
}

// checkOracle holds every vector and plan of doc to the oracle over reg.
func checkOracle(t *testing.T, name string, reg *RegistryDoc, doc VectorsDoc) {
	t.Helper()
	if len(doc.Plans) < 10 {
		t.Fatalf("%s: %d plans", name, len(doc.Plans))
	}
	bad := 0
	for i, v := range doc.Vectors {
		if got := oracle(reg, v); !reflect.DeepEqual(got, v.Want) {
			if bad++; bad <= 10 {
				t.Errorf("%s: vector %d %s:\n oracle %+v\n want   %+v", name, i, describe(v), got, v.Want)
			}
		}
	}
	for i, p := range doc.Plans {
		if got := oraclePlan(reg, p); !reflect.DeepEqual(got, p.Want) {
			if bad++; bad <= 10 {
				t.Errorf("%s: plan %d %+v:\n oracle %+v\n want   %+v", name, i, p, got, p.Want)
			}
		}
	}
}

// oracle is the derivation and billing of docs/design.md, step by step, over the JSON
// registry, written for clarity rather than speed.
func oracle(reg *RegistryDoc, v Vector) Want {
	runtime, model := strings.TrimSpace(v.Runtime), strings.TrimSpace(v.Model)
	w := oracleDerive(reg, runtime, model, v.Env)
	w.BillingMode, w.BillingSource = oracleBilling(reg, w, model, v.Override)
	w.Status = map[string]string{"no_model": "no-model", "unknown_runtime": "unknown-runtime", "ungoverned_runtime": "ungoverned-runtime",
		"unregistered_model": "unregistered", "not_on_runtime": "not-on-runtime"}[w.Error]
	if w.Status == "" {
		w.Status = map[string]string{"canonical": "registered", "alias": "alias", "legacy": "legacy"}[w.Spelling]
	}
	if w.Status == "unregistered" {
		w.Suggestion = oracleSuggest(reg, runtime, model)
	}
	// Once the model is known: its lifecycle; a retired model suggests its
	// replacement.
	if m, _ := oracleLookup(reg, model); m != nil && w.Model != "" {
		if m.Status != "active" {
			w.Lifecycle = m.Status
		}
		if w.ReplacedBy = m.ReplacedBy; m.Status == "retired" {
			w.Suggestion = m.ReplacedBy
		}
	}
	return w
}

// oracleBilling is billing steps 1 to 4 for a derivation w of model.
func oracleBilling(reg *RegistryDoc, w Want, model, override string) (mode, source string) {
	// Overrides fold ASCII case only: lower-case only A-Z.
	ov := strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, strings.TrimSpace(override))
	switch {
	case ov == "platform_managed" || ov == "byok":
		return ov, "override"
	case w.Error == "" || w.Error == "ambiguous":
		if w.Platform {
			return "platform_managed", "derived"
		}
		return "byok", "derived"
	case w.Error == "not_on_runtime":
		// Step 3: every provider of the model, on any runtime, agrees.
		m := reg.Models[slices.IndexFunc(reg.Models, func(m Model) bool { return m.ID == w.Model })]
		platform := map[bool]bool{}
		for _, e := range m.ServedBy {
			platform[reg.Providers[slices.IndexFunc(reg.Providers, func(p Provider) bool { return p.ID == e.Provider })].Platform] = true
		}
		switch {
		case platform[true] && !platform[false]:
			return "platform_managed", "model"
		case platform[false] && !platform[true]:
			return "byok", "model"
		}
	}
	return "platform_managed", "default"
}

// oracleSuggest is the suggestion for an unregistered model: a spelling
// served on the runtime equal to it ignoring ASCII case, else the first
// within 2 edits ignoring ASCII case, the closest first.
func oracleSuggest(reg *RegistryDoc, runtime, model string) string {
	var spellings []string
	for _, m := range reg.Models {
		if slices.ContainsFunc(m.ServedBy, func(e Served) bool { return slices.Contains(e.Runtimes, runtime) }) {
			spellings = append(append(append(spellings, m.ID), m.Aliases...), m.LegacyIDs...)
		}
	}
	lower := func(s string) string {
		return strings.Map(func(r rune) rune {
			if 'A' <= r && r <= 'Z' {
				return r + 'a' - 'A'
			}
			return r
		}, s)
	}
	for _, s := range spellings {
		if lower(s) == lower(model) {
			return s
		}
	}
	best, bestD := "", 3
	for _, s := range spellings {
		if d := levenshtein(lower(model), lower(s)); d < bestD {
			best, bestD = s, d
		}
	}
	return best
}

// levenshtein is the edit distance of a and b in bytes, the textbook way.
func levenshtein(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(a)][len(b)]
}

// oraclePlan is PlanCredentials, step by step, over the JSON registry.
func oraclePlan(reg *RegistryDoc, c Plan) PlanWant {
	runtime, model := strings.TrimSpace(c.Runtime), strings.TrimSpace(c.Model)
	mode, _ := oracleBilling(reg, oracleDerive(reg, runtime, model, nil), model, c.Override)
	isLLM := func(name string) bool {
		return slices.ContainsFunc(reg.Providers, func(p Provider) bool {
			return slices.Contains(p.AuthEnv, name) || slices.Contains(p.InjectEnv, name)
		})
	}
	w := PlanWant{Strip: []string{}, Keep: []string{}, Want: []string{}, Inject: []string{}}
	var kept []string
	for _, s := range c.Secrets {
		name, platform := strings.CutSuffix(s, ":platform")
		if mode == "byok" && platform && isLLM(name) {
			if !slices.Contains(w.Strip, name) {
				w.Strip = append(w.Strip, name)
			}
			continue
		}
		w.Keep, kept = append(w.Keep, s), append(kept, name)
	}
	d := oracleDerive(reg, runtime, model, kept)
	w.BillingMode, w.BillingSource = oracleBilling(reg, d, model, c.Override)
	w.Provider = d.Provider
	platforms := slices.DeleteFunc(slices.Clone(reg.Providers), func(p Provider) bool { return !p.Platform })
	switch {
	case mode == "platform_managed":
		w.Usable = true
		if d.Error == "" && d.Platform {
			w.Inject = reg.Providers[slices.IndexFunc(reg.Providers, func(p Provider) bool { return p.ID == d.Provider })].InjectEnv
		} else if len(platforms) == 1 {
			w.Inject = platforms[0].InjectEnv
		}
		// An injected value replaces a secret of its name; an owner's
		// secret named in any platform provider's inject_env goes too.
		w.Keep = slices.DeleteFunc(w.Keep, func(s string) bool {
			name, platform := strings.CutSuffix(s, ":platform")
			return slices.Contains(w.Inject, name) ||
				!platform && slices.ContainsFunc(platforms, func(p Provider) bool { return slices.Contains(p.InjectEnv, name) })
		})
	case d.Error == "":
		p := reg.Providers[slices.IndexFunc(reg.Providers, func(p Provider) bool { return p.ID == d.Provider })]
		switch {
		case p.Platform:
		case len(p.AuthEnv) == 0:
			w.Usable = true
		default:
			w.Usable = slices.ContainsFunc(p.AuthEnv, func(e string) bool { return slices.Contains(kept, e) })
			w.Want = p.AuthEnv
		}
	case d.Error == "ambiguous":
		for _, id := range d.Candidates {
			w.Want = append(w.Want, reg.Providers[slices.IndexFunc(reg.Providers, func(p Provider) bool { return p.ID == id })].AuthEnv...)
		}
	default:
		w.Usable = slices.ContainsFunc(kept, isLLM)
	}
	return w
}

// TestPlansOracle derives every credential plan again over the JSON
// registry alone, as a client in another language does.
// TestPlansCompiled replays the plans through the compiled registries
// (TestVectorsOracle holds them to the oracle).
func TestPlansCompiled(t *testing.T) {
	for _, a := range shippedArtifacts {
		doc := readVectors(t, a.vectors)
		for i, p := range doc.Plans {
			if got := planAnswer(a.compiled, p); !reflect.DeepEqual(got, p.Want) {
				t.Errorf("%s: plan %d: the compiled registry plans %+v, the vector says %+v", a.vectors, i, got, p.Want)
			}
		}
	}
}

func oracleDerive(reg *RegistryDoc, runtime, model string, env []string) Want {
	if model == "" {
		return Want{Error: "no_model"}
	}
	i := slices.IndexFunc(reg.Runtimes, func(r Runtime) bool { return r.ID == runtime })
	if i < 0 {
		return Want{Error: "unknown_runtime"}
	}
	if !reg.Runtimes[i].Governed {
		return Want{Error: "ungoverned_runtime"}
	}
	var m *Model
	var spelling string
	for _, kind := range []string{"canonical", "alias", "legacy"} {
		for j := range reg.Models {
			names := map[string][]string{"canonical": {reg.Models[j].ID}, "alias": reg.Models[j].Aliases, "legacy": reg.Models[j].LegacyIDs}[kind]
			if m == nil && slices.Contains(names, model) {
				m, spelling = &reg.Models[j], kind
			}
		}
	}
	if m == nil {
		return Want{Error: "unregistered_model"}
	}
	w := Want{Model: m.ID, Spelling: spelling}
	var cands []Provider
	for _, e := range m.ServedBy {
		if slices.Contains(e.Runtimes, runtime) {
			k := slices.IndexFunc(reg.Providers, func(p Provider) bool { return p.ID == e.Provider })
			cands = append(cands, reg.Providers[k])
		}
	}
	switch len(cands) {
	case 0:
		w.Error = "not_on_runtime"
		return w
	case 1:
		w.Provider, w.Platform = cands[0].ID, cands[0].Platform
		return w
	}
	w.Platform = cands[0].Platform
	for _, c := range cands {
		for _, e := range c.AuthEnv {
			if slices.Contains(env, e) {
				w.Provider, w.ByEnv = c.ID, e
				return w
			}
		}
	}
	w.Error = "ambiguous"
	for _, c := range cands {
		w.Candidates = append(w.Candidates, c.ID)
	}
	return w
}

// TestVectorsCover checks that the shipped vectors cover what they promise:
// every spelling on every runtime, every candidate's every env name on each
// pair with several providers, and every outcome.
func TestVectorsCover(t *testing.T) {
	reg, err := spec.Load("../../../providers.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	doc := readVectors(t, "../../../artifacts/vectors.json")
	type key struct{ runtime, model string }
	seen := map[key][][]string{}
	kinds := map[string]int{}
	sources := map[string]int{}
	for _, v := range doc.Vectors {
		seen[key{v.Runtime, v.Model}] = append(seen[key{v.Runtime, v.Model}], v.Env)
		kinds[v.Want.Error]++
		sources[v.Want.BillingSource+"/"+v.Want.BillingMode]++
	}
	for _, r := range reg.Runtimes {
		for _, m := range reg.Models {
			cands := m.ProvidersOn(r.ID)
			for _, sp := range m.Spellings() {
				envs, ok := seen[key{r.ID, sp}]
				if !ok {
					t.Errorf("no vector for %s on %s", sp, r.ID)
				}
				if sp != m.ID || !r.Governed || len(cands) < 2 {
					continue
				}
				for _, p := range cands {
					for _, e := range p.AuthEnv {
						if !slices.ContainsFunc(envs, func(env []string) bool { return slices.Equal(env, []string{e}) }) {
							t.Errorf("no vector for %s on %s with %s alone", sp, r.ID, e)
						}
					}
				}
			}
		}
	}
	for _, k := range outcome.Kinds {
		if kinds[k.Name] == 0 {
			t.Errorf("no vector has error %s", k.Name)
		}
	}
	for _, s := range []string{"derived/byok", "derived/platform_managed", "default/platform_managed", "override/byok", "override/platform_managed"} {
		if sources[s] == 0 {
			t.Errorf("no vector has billing %s", s)
		}
	}
	if kinds[""] == 0 {
		t.Error("no vector succeeds")
	}
	t.Logf("%d vectors: %v", len(doc.Vectors), kinds)
}

// TestVectorErrorKinds keeps the vectors' error names in step with the
// resolver's errors: an error Derive can return that has no name would make
// Vectors fail.
func TestVectorErrorKinds(t *testing.T) {
	for _, k := range outcome.Kinds {
		if got, err := vectorErrorKind(fmt.Errorf("wrapped: %w", k.Err)); got != k.Name || err != nil {
			t.Errorf("vectorErrorKind(%v) = %q, %v; want %q", k.Err, got, err, k.Name)
		}
	}
	if _, err := vectorErrorKind(errors.New("something else")); err == nil {
		t.Error("an unknown error has a kind")
	}
}

// TestArtifactsDeterministic: the same registry gives the same bytes, and
// nothing in them depends on where the YAML was read from.
func TestArtifactsDeterministic(t *testing.T) {
	data, err := os.ReadFile("../../../providers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := spec.Compile("providers.yaml", data, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := spec.Compile(filepath.Join(t.TempDir(), "sub", "providers.yaml"), data, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []func(*spec.Registry) ([]byte, error){RegistryJSON, Vectors} {
		x, err := f(a)
		if err != nil {
			t.Fatal(err)
		}
		y, err := f(b)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Error("output depends on the input's path")
		}
	}
}

// TestModelAndCostVectorsReplay replays the model and cost vectors through
// the compiled registry.
func TestModelAndCostVectorsReplay(t *testing.T) {
	for _, a := range shippedArtifacts {
		doc := readVectors(t, a.vectors)
		for i, v := range doc.Models {
			if got := modelAnswer(a.compiled, v.Model); got != v.Want {
				t.Errorf("%s: model vector %d Model(%q):\n got  %+v\n want %+v", a.vectors, i, v.Model, got, v.Want)
			}
		}
		for i, v := range doc.Costs {
			if got, err := costAnswer(a.compiled, v); err != nil || got != v.Want {
				t.Errorf("%s: cost vector %d %+v:\n got  %+v, %v\n want %+v", a.vectors, i, v, got, err, v.Want)
			}
		}
		if len(doc.Models) == 0 || len(doc.Costs) == 0 {
			t.Errorf("%s: %d model and %d cost vectors", a.vectors, len(doc.Models), len(doc.Costs))
		}
	}
}

// TestModelAndCostVectorsOracle answers the model and cost vectors again
// from the JSON registry alone, as a client in another language would: a
// plain lookup, and the cost in exact rational arithmetic (math/big) from
// the decimal strings.
func TestModelAndCostVectorsOracle(t *testing.T) {
	kinds := map[string]int{}
	for _, a := range shippedArtifacts {
		reg := readRegistry(t, a.json)
		doc := readVectors(t, a.vectors)
		for i, v := range doc.Models {
			if got := oracleModel(&reg, v.Model); got != v.Want {
				t.Errorf("%s: model vector %d Model(%q):\n oracle %+v\n want   %+v", a.vectors, i, v.Model, got, v.Want)
			}
		}
		for i, v := range doc.Costs {
			got := oracleCost(&reg, v)
			if got != v.Want {
				t.Errorf("%s: cost vector %d %+v:\n oracle %+v\n want   %+v", a.vectors, i, v, got, v.Want)
			}
			kinds[fmt.Sprintf("%v %s", got.Price, got.Error)]++
		}
	}
	for _, k := range []string{"true ", "false ", "true overflow", "true negative_usage"} {
		if kinds[k] == 0 {
			t.Errorf("no cost vector answers %q", k)
		}
	}
}

// oracleLookup finds the model a spelling names in the JSON registry.
func oracleLookup(reg *RegistryDoc, sp string) (*Model, string) {
	for _, kind := range []string{"canonical", "alias", "legacy"} {
		for j := range reg.Models {
			m := &reg.Models[j]
			names := map[string][]string{"canonical": {m.ID}, "alias": m.Aliases, "legacy": m.LegacyIDs}[kind]
			if slices.Contains(names, sp) {
				return m, kind
			}
		}
	}
	return nil, ""
}

func oracleModel(reg *RegistryDoc, sp string) ModelWant {
	m, kind := oracleLookup(reg, strings.TrimSpace(sp))
	if m == nil {
		return ModelWant{}
	}
	return ModelWant{
		Found: true, ID: m.ID, Name: m.Name, Spelling: kind, Lifecycle: m.Status, DeprecatedOn: m.DeprecatedOn,
		RetiresOn: m.RetiresOn, ReplacedBy: m.ReplacedBy, ContextWindow: m.ContextWindow, MaxOutput: m.MaxOutput,
	}
}

func oracleCost(reg *RegistryDoc, v CostVector) CostWant {
	m, _ := oracleLookup(reg, strings.TrimSpace(v.Model))
	var p *Price
	if m != nil {
		for _, e := range m.ServedBy {
			if e.Provider == v.Provider {
				p = e.Price
			}
		}
	}
	if p == nil {
		return CostWant{}
	}
	u := v.Usage
	if u.Input < 0 || u.Output < 0 || u.CacheRead < 0 || u.CacheWrite < 0 {
		return CostWant{Price: true, Error: "negative_usage"}
	}
	rates := p.Rates
	for _, t := range p.Tiers {
		if u.Input+u.CacheRead+u.CacheWrite > t.Above {
			rates = t.Rates
		}
	}
	usd := new(big.Rat)
	for _, f := range []struct {
		n    int64
		rate string
	}{{u.Input, rates.Input}, {u.Output, rates.Output}, {u.CacheRead, rates.CacheRead}, {u.CacheWrite, rates.CacheWrite}} {
		r, ok := new(big.Rat).SetString(f.rate)
		if !ok {
			panic("rate " + f.rate)
		}
		usd.Add(usd, r.Mul(r, new(big.Rat).SetInt64(f.n)))
	}
	// USD per million tokens × tokens / 1e6 = USD; × 1e9 = nano-USD.
	nano := usd.Mul(usd, big.NewRat(1000, 1))
	half := new(big.Rat).Add(nano, big.NewRat(1, 2))
	n := new(big.Int).Quo(half.Num(), half.Denom())
	if !n.IsInt64() {
		return CostWant{Price: true, Error: "overflow"}
	}
	return CostWant{Price: true, NanoUSD: n.String()}
}
