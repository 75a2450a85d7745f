package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/molecule-ai/providers/resolver"
)

// The JSON artifacts are for clients that are not written in Go: the
// registry as one document (RegistryJSON), and test vectors computed by the
// real resolver (Vectors) that any reimplementation of the derivation must
// reproduce. Both are pure functions of the registry: the same
// providers.yaml always gives the same bytes.

// artifactFormat is the version of both JSON documents. A client refuses any
// other: a new format would change what the documents mean.
const artifactFormat = 1

// Schema ids of the two documents (artifacts/*.schema.json).
const (
	registrySchemaURL = "https://github.com/molecule-ai/providers/artifacts/registry.schema.json"
	vectorsSchemaURL  = "https://github.com/molecule-ai/providers/artifacts/vectors.schema.json"
)

// jsonRegistry is the registry as non-Go clients read it: providers.yaml
// with every default filled in and YAML anchors expanded, in YAML order.
type jsonRegistry struct {
	Format       int            `json:"format"`
	Source       string         `json:"source"`
	SourceSHA256 string         `json:"source_sha256"`
	Providers    []jsonProvider `json:"providers"`
	Runtimes     []jsonRuntime  `json:"runtimes"`
	Models       []jsonModel    `json:"models"`
}

type jsonProvider struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Platform bool     `json:"platform"`
	AuthEnv  []string `json:"auth_env"`
}

type jsonRuntime struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Governed bool   `json:"governed"`
}

type jsonModel struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	Aliases   []string     `json:"aliases"`
	LegacyIDs []string     `json:"legacy_ids"`
	ServedBy  []jsonServed `json:"served_by"`
}

type jsonServed struct {
	Provider string   `json:"provider"`
	Runtimes []string `json:"runtimes"`
}

// RegistryJSON returns reg as the JSON artifact described by
// artifacts/registry.schema.json.
func RegistryJSON(reg *Registry) ([]byte, error) {
	doc := jsonRegistry{
		Format:       artifactFormat,
		Source:       sourceName(reg.File),
		SourceSHA256: reg.SHA256,
		Providers:    []jsonProvider{},
		Runtimes:     []jsonRuntime{},
		Models:       []jsonModel{},
	}
	for _, p := range reg.Spec.providers {
		doc.Providers = append(doc.Providers, jsonProvider{ID: p.id.s, Name: p.name, Platform: p.platform, AuthEnv: strs(p.authEnv)})
	}
	for _, r := range reg.Spec.runtimes {
		doc.Runtimes = append(doc.Runtimes, jsonRuntime{ID: r.id.s, Name: r.name, Governed: r.governed})
	}
	for _, m := range reg.Spec.models {
		md := jsonModel{ID: m.id.s, Name: m.name, Aliases: strs(m.aliases), LegacyIDs: strs(m.legacy), ServedBy: []jsonServed{}}
		for _, e := range m.served {
			md.ServedBy = append(md.ServedBy, jsonServed{Provider: e.provider.s, Runtimes: strs(e.runtimes)})
		}
		doc.Models = append(doc.Models, md)
	}
	return layoutJSON(doc, jsonLayout{flat: 2, spaced: true})
}

// jsonVectors is the test vector file: what the real resolver answers for
// every spelling on every runtime under every relevant env, and for inputs
// that must miss.
type jsonVectors struct {
	Format       int          `json:"format"`
	Source       string       `json:"source"`
	SourceSHA256 string       `json:"source_sha256"`
	Count        int          `json:"count"`
	Vectors      []jsonVector `json:"vectors"`
}

// jsonVector is one case: Derive(Runtime, Model, Env) and
// ResolveBillingMode({Override, Runtime, Model, Env}).
type jsonVector struct {
	Runtime  string   `json:"runtime"`
	Model    string   `json:"model"`
	Env      []string `json:"env,omitempty"`
	Override string   `json:"override,omitempty"`
	Note     string   `json:"note,omitempty"`
	Want     jsonWant `json:"want"`
}

// jsonWant is the resolver's answer to a vector. Empty strings, false and
// empty lists are left out, except the error ("" for success).
type jsonWant struct {
	Error         string   `json:"error"`              // "" or an error kind (errKinds)
	Provider      string   `json:"provider,omitempty"` // Derivation.Provider
	Model         string   `json:"model,omitempty"`    // Derivation.Model: the canonical id
	Spelling      string   `json:"spelling,omitempty"` // once the model is known: canonical, alias or legacy
	Platform      bool     `json:"platform,omitempty"`
	ByEnv         string   `json:"by_env,omitempty"`
	Candidates    []string `json:"candidates,omitempty"` // only with error "ambiguous"
	BillingMode   string   `json:"billing_mode"`
	BillingSource string   `json:"billing_source"`
}

// vectorErrorKind returns the vectors' name for a Derive error (errKind,
// shared with gen delta), and an error for one it cannot name: the vectors
// must not hide a new kind of failure.
func vectorErrorKind(err error) (string, error) {
	if k := errKind(err); k != "error" {
		return k, nil
	}
	return "", fmt.Errorf("derive returned an error of no known kind: %v", err)
}

// Vectors returns the derivation test vectors of reg as the JSON document
// described by artifacts/vectors.schema.json.
func Vectors(reg *Registry) ([]byte, error) {
	cases := vectorCases(reg)
	doc := jsonVectors{
		Format:       artifactFormat,
		Source:       sourceName(reg.File),
		SourceSHA256: reg.SHA256,
		Count:        len(cases),
		Vectors:      make([]jsonVector, 0, len(cases)),
	}
	for _, c := range cases {
		w, err := vectorAnswer(reg.Resolver, c)
		if err != nil {
			return nil, err
		}
		c.Want = w
		doc.Vectors = append(doc.Vectors, c)
	}
	// One vector a line, so that a change to the registry shows as changed
	// lines; inputs are ASCII but for the edge cases, which are escaped.
	return layoutJSON(doc, jsonLayout{flat: 3, ascii: true})
}

// vectorAnswer asks the resolver about c.
func vectorAnswer(r *resolver.Registry, c jsonVector) (jsonWant, error) {
	d, err := r.Derive(c.Runtime, c.Model, c.Env)
	kind, kerr := vectorErrorKind(err)
	if kerr != nil {
		return jsonWant{}, kerr
	}
	w := jsonWant{
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
	return w, nil
}

// vectorCases lists the inputs of the test vectors, in a fixed order.
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
func vectorCases(reg *Registry) []jsonVector {
	s := reg.Spec
	var out []jsonVector
	add := func(runtime, model string, env []string, override, note string) {
		out = append(out, jsonVector{Runtime: runtime, Model: model, Env: env, Override: override, Note: note})
	}
	var allEnv []string
	for _, p := range s.providers {
		for _, e := range p.authEnv {
			if !slices.Contains(allEnv, e.s) {
				allEnv = append(allEnv, e.s)
			}
		}
	}
	envOf := map[string][]string{}
	for _, p := range s.providers {
		envOf[p.id.s] = strs(p.authEnv)
	}

	for _, r := range s.runtimes {
		for _, m := range s.models {
			cands := pairProviders(m, r.id.s)
			for i, sp := range spellingsOf(m) {
				if !r.governed || len(cands) == 0 || i > 0 {
					add(r.id.s, sp, nil, "", "")
					continue
				}
				for _, env := range vectorEnvSets(cands, envOf, allEnv) {
					add(r.id.s, sp, env, "", "")
				}
			}
		}
	}

	// Inputs that must miss, and the edges of trimming and matching. They
	// are built from the registry's own ids so that every registry gets
	// them.
	rt, m := vectorFirstServed(s)
	unknownRT := freeID("no-such-runtime", func(id string) bool {
		return slices.ContainsFunc(s.runtimes, func(r runtimeSpec) bool { return r.id.s == id })
	})
	add(rt, "", nil, "", "an empty model is no_model")
	add(rt, " \t\n", nil, "", "a blank model is no_model")
	add(unknownRT, "", nil, "", "no_model is checked before the runtime")
	add("", "", nil, "", "no_model is checked before the runtime")
	if m == nil {
		return out
	}
	id := m.id.s
	add(unknownRT, id, nil, "", "a runtime the registry does not know")
	add("", id, nil, "", "an empty runtime is unknown")
	if u := strings.ToUpper(rt); u != rt {
		add(u, id, nil, "", "runtime ids are case-sensitive")
	}
	for _, r := range s.runtimes {
		if !r.governed {
			add(r.id.s, id+"-no-such-model", nil, "", "an ungoverned runtime is reported before the model is looked up")
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
	if u := strings.ToUpper(id); canonicalOf(s, u) == "" {
		add(rt, u, nil, "", "model spellings are case-sensitive")
	}
	if i := strings.IndexFunc(id, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }); i > 0 {
		add(rt, id[:i]+" "+id[i+1:], nil, "", "inner space is not trimmed")
	}
	// Env names match exactly: never trimmed, never case-folded.
	if crt, cm, e, ok := vectorFirstChoice(s, envOf); ok {
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

// pairProviders returns the providers that serve m on runtime, in served_by
// order.
func pairProviders(m modelSpec, runtime string) []string {
	var out []string
	for _, e := range m.served {
		if slices.ContainsFunc(e.runtimes, func(r str) bool { return r.s == runtime }) {
			out = append(out, e.provider.s)
		}
	}
	return out
}

// vectorEnvSets returns the env sets worth trying on a pair served by cands.
func vectorEnvSets(cands []string, envOf map[string][]string, allEnv []string) [][]string {
	sets := [][]string{{}}
	var every []string
	for _, c := range cands {
		for _, e := range envOf[c] {
			sets = append(sets, []string{e})
			if !slices.Contains(every, e) {
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
			if !slices.Contains(every, e) {
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
func vectorFirstServed(s *spec) (string, *modelSpec) {
	for _, r := range s.runtimes {
		if !r.governed {
			continue
		}
		for i := range s.models {
			if len(pairProviders(s.models[i], r.id.s)) > 0 {
				return r.id.s, &s.models[i]
			}
		}
	}
	if len(s.runtimes) > 0 {
		return s.runtimes[0].id.s, nil
	}
	return "runtime", nil
}

// vectorFirstChoice returns the first pair where the env chooses among
// several providers, and the env name that chooses the second of them.
func vectorFirstChoice(s *spec, envOf map[string][]string) (runtime, model, env string, ok bool) {
	for _, r := range s.runtimes {
		if !r.governed {
			continue
		}
		for _, m := range s.models {
			if c := pairProviders(m, r.id.s); len(c) > 1 && len(envOf[c[1]]) > 0 {
				return r.id.s, m.id.s, envOf[c[1]][0], true
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

// jsonLayout says how layoutJSON writes a document.
type jsonLayout struct {
	// flat is how deep a value may nest and still be written on one line:
	// 1, holding only scalars; 2, holding those too; and so on. The
	// document and its top-level members are always spread over lines.
	flat int
	// spaced puts a space after each colon and comma of a one-line value.
	spaced bool
	// ascii escapes every non-ASCII character; otherwise only those that
	// would be invisible in a review (control characters, spaces other
	// than U+0020, format characters such as U+FEFF) are escaped.
	ascii bool
}

// layoutJSON encodes v as indented JSON in which every object or array
// below the top level and nested at most l.flat deep is written on one
// line: a provider, a served_by entry or a test vector reads as one line
// and changes as one line in a diff. The output ends in a newline.
func layoutJSON(v any, l jsonLayout) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	n, err := readJNode(dec, l.ascii)
	if err != nil {
		return nil, err
	}
	sep := jsonSep{comma: ",", colon: ":"}
	if l.spaced {
		sep = jsonSep{comma: ", ", colon: ": "}
	}
	var out bytes.Buffer
	n.write(&out, 0, l.flat, sep)
	out.WriteByte('\n')
	return out.Bytes(), nil
}

type jsonSep struct{ comma, colon string }

// jnode is a parsed JSON value that keeps its members' order.
type jnode struct {
	scalar []byte // a scalar's encoding
	open   byte   // '{' or '[' for a container
	keys   [][]byte
	kids   []*jnode
	height int // 0 for a scalar, else 1 + the greatest height of its members
}

func readJNode(dec *json.Decoder, ascii bool) (*jnode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		b, err := jsonScalar(tok, ascii)
		return &jnode{scalar: b}, err
	}
	n := &jnode{open: byte(d), height: 1}
	for dec.More() {
		if n.open == '{' {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			kb, err := jsonScalar(k, ascii)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, kb)
		}
		kid, err := readJNode(dec, ascii)
		if err != nil {
			return nil, err
		}
		n.kids = append(n.kids, kid)
		n.height = max(n.height, kid.height+1)
	}
	_, err = dec.Token() // the closing delimiter
	return n, err
}

func jsonScalar(v any, ascii bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if _, ok := v.(string); !ok {
		return b, nil
	}
	var out []byte
	for _, r := range string(b) {
		if r < utf8.RuneSelf || !ascii && unicode.IsPrint(r) {
			out = utf8.AppendRune(out, r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			out = fmt.Appendf(out, "\\u%04x", u)
		}
	}
	return out, nil
}

// write writes n at the given depth of indentation.
func (n *jnode) write(w *bytes.Buffer, depth, flat int, sep jsonSep) {
	if n.open == 0 || depth >= 2 && n.height <= flat || len(n.kids) == 0 {
		n.writeLine(w, sep)
		return
	}
	w.WriteByte(n.open)
	w.WriteByte('\n')
	pad := strings.Repeat("  ", depth+1)
	for i, kid := range n.kids {
		w.WriteString(pad)
		if n.open == '{' {
			w.Write(n.keys[i])
			w.WriteString(": ")
		}
		kid.write(w, depth+1, flat, sep)
		if i < len(n.kids)-1 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	w.WriteString(strings.Repeat("  ", depth))
	w.WriteByte(n.close())
}

// writeLine writes n on one line.
func (n *jnode) writeLine(w *bytes.Buffer, sep jsonSep) {
	if n.open == 0 {
		w.Write(n.scalar)
		return
	}
	w.WriteByte(n.open)
	for i, kid := range n.kids {
		if i > 0 {
			w.WriteString(sep.comma)
		}
		if n.open == '{' {
			w.Write(n.keys[i])
			w.WriteString(sep.colon)
		}
		kid.writeLine(w, sep)
	}
	w.WriteByte(n.close())
}

func (n *jnode) close() byte {
	if n.open == '{' {
		return '}'
	}
	return ']'
}
