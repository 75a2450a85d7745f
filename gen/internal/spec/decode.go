package spec

import (
	"encoding/json"
	"math/big"

	"gopkg.in/yaml.v3"
)

// str is a string from the input with where it came from.
type str struct {
	s    string
	pos  Pos
	path string
}

type providerSpec struct {
	id        str
	name      string
	platform  bool
	authEnv   []str
	authPos   Pos // the auth_env field's key
	injectEnv []str
	injectPos Pos // the inject_env field's key
	goName    str
}

type runtimeSpec struct {
	id          str
	name        string
	governed    bool
	governedPos Pos
	goName      str
}

type servedSpec struct {
	provider str
	runtimes []str
	price    *priceSpec
	upstream map[string]str // by catalogue (CatalogueModelsDev, CatalogueLiteLLM); nil when none
	path     string
	pos      Pos
}

type modelSpec struct {
	id        str
	name      string
	aliases   []str
	legacy    []str
	hasLegacy bool // legacy_ids is present, if empty
	served    []servedSpec

	status        str // "" when not set
	deprecatedOn  str
	retiresOn     str
	replacedBy    str
	contextWindow int // 0 when not set (or not a number)
	maxOutput     int
}

// priceSpec is a served_by entry's price as written: each rate's text,
// which rule 10 reads exactly.
type priceSpec struct {
	rates [numRates]str // "" when not set; a rate's text otherwise
	tiers []tierSpec
	path  string
	pos   Pos
}

type tierSpec struct {
	above str // the text of above, "" when not a number
	rates [numRates]str
	path  string
	pos   Pos
}

// rateNames are the rates of a price, in the order of resolver.Rates.
var rateNames = [...]string{"input", "output", "cache_read", "cache_write"}

const numRates = len(rateNames)

// doc is a providers.yaml decoded leniently: whatever is well-formed is
// kept, with positions, so that the semantic rules can report every problem
// even when the schema already found some. A valid doc becomes a Registry.
type doc struct {
	providers []providerSpec
	runtimes  []runtimeSpec
	models    []modelSpec
}

func decode(root *vnode) *doc {
	s := &doc{}
	each(root, "providers", func(v *vnode, path string) {
		p := providerSpec{id: strField(v, "id", path)}
		p.name = nameField(v, p.id.s)
		p.platform = boolField(v, "platform", false)
		p.authEnv = strList(v, "auth_env", path)
		if f := v.get("auth_env"); f != nil {
			p.authPos = f.keyPos
		}
		p.injectEnv = strList(v, "inject_env", path)
		if f := v.get("inject_env"); f != nil {
			p.injectPos = f.keyPos
		}
		p.goName = strField(v, "go_name", path)
		s.providers = append(s.providers, p)
	})
	each(root, "runtimes", func(v *vnode, path string) {
		r := runtimeSpec{id: strField(v, "id", path), governed: boolField(v, "governed", true)}
		r.name = nameField(v, r.id.s)
		if f := v.get("governed"); f != nil {
			r.governedPos = f.keyPos
		}
		r.goName = strField(v, "go_name", path)
		s.runtimes = append(s.runtimes, r)
	})
	each(root, "models", func(v *vnode, path string) {
		m := modelSpec{id: strField(v, "id", path)}
		m.name = nameField(v, m.id.s)
		m.aliases = strList(v, "aliases", path)
		m.legacy = strList(v, "legacy_ids", path)
		m.hasLegacy = v.get("legacy_ids") != nil
		m.status = strField(v, "status", path)
		m.deprecatedOn = strField(v, "deprecated_on", path)
		m.retiresOn = strField(v, "retires_on", path)
		m.replacedBy = strField(v, "replaced_by", path)
		m.contextWindow = intField(v, "context_window")
		m.maxOutput = intField(v, "max_output")
		each(v, "served_by", func(e *vnode, epath string) {
			m.served = append(m.served, servedSpec{
				provider: strField(e, "provider", join(path, epath)),
				runtimes: strList(e, "runtimes", join(path, epath)),
				price:    decodePrice(e, join(path, epath)),
				upstream: decodeUpstream(e, join(path, epath)),
				path:     join(path, epath),
				pos:      e.pos,
			})
		})
		s.models = append(s.models, m)
	})
	return s
}

// each calls fn for every mapping in the list field name of v, with its
// path relative to v's (name[i]).
func each(v *vnode, name string, fn func(item *vnode, path string)) {
	f := v.get(name)
	if f == nil || f.val.kind != yaml.SequenceNode {
		return
	}
	for i, item := range f.val.items {
		if item.kind == yaml.MappingNode {
			fn(item, indexPath(name, i))
		}
	}
}

func strField(v *vnode, name, path string) str {
	f := v.get(name)
	if f == nil || f.val.kind != yaml.ScalarNode || f.val.tag != "!!str" {
		return str{pos: v.pos, path: join(path, name)}
	}
	return str{s: f.val.str, pos: f.val.pos, path: join(path, name)}
}

func nameField(v *vnode, def string) string {
	if f := v.get("name"); f != nil && f.val.kind == yaml.ScalarNode && f.val.tag == "!!str" && f.val.str != "" {
		return f.val.str
	}
	return def
}

func boolField(v *vnode, name string, def bool) bool {
	if f := v.get(name); f != nil && f.val.kind == yaml.ScalarNode && f.val.tag == "!!bool" && !f.val.bad {
		return f.val.val.(bool)
	}
	return def
}

func strList(v *vnode, name, path string) []str {
	f := v.get(name)
	if f == nil || f.val.kind != yaml.SequenceNode {
		return nil
	}
	out := make([]str, 0, len(f.val.items))
	lpath := join(path, name)
	for i, item := range f.val.items {
		if item.kind == yaml.ScalarNode && item.tag == "!!str" {
			out = append(out, str{s: item.str, pos: item.pos, path: indexPath(lpath, i)})
		}
	}
	return out
}

// decodePrice returns the price of the served_by entry v, or nil.
func decodePrice(v *vnode, path string) *priceSpec {
	f := v.get("price")
	if f == nil || f.val.kind != yaml.MappingNode {
		return nil
	}
	path = join(path, "price")
	p := &priceSpec{rates: rateFields(f.val, path), path: path, pos: f.val.pos}
	each(f.val, "tiers", func(t *vnode, tpath string) {
		tpath = join(path, tpath)
		p.tiers = append(p.tiers, tierSpec{above: tokensField(t, "above", tpath), rates: rateFields(t, tpath), path: tpath, pos: t.pos})
	})
	return p
}

// Catalogues an upstream mapping can name: the keys of a served_by
// entry's upstream field.
const (
	CatalogueModelsDev = "models.dev"
	CatalogueLiteLLM   = "litellm"
)

// decodeUpstream returns the upstream references of the served_by entry
// v by catalogue, or nil.
func decodeUpstream(v *vnode, path string) map[string]str {
	f := v.get("upstream")
	if f == nil || f.val.kind != yaml.MappingNode {
		return nil
	}
	out := map[string]str{}
	for _, c := range []string{CatalogueModelsDev, CatalogueLiteLLM} {
		// The key has a dot, which paths do not show: it is spelled out.
		if s := strField(f.val, c, ""); s.s != "" {
			s.path = join(path, "upstream."+c)
			out[c] = s
		}
	}
	return out
}

func rateFields(v *vnode, path string) [numRates]str {
	var out [numRates]str
	for i, name := range rateNames {
		out[i] = numField(v, name, path)
	}
	return out
}

// numField returns the text of the number in field name of v, as
// written, with its position; s is "" when it is not a number.
func numField(v *vnode, name, path string) str {
	f := v.get(name)
	if f == nil || f.val.kind != yaml.ScalarNode || f.val.tag != "!!int" && f.val.tag != "!!float" {
		return str{pos: v.pos, path: join(path, name)}
	}
	return str{s: f.val.str, pos: f.val.pos, path: join(path, name)}
}

// tokensField returns the number in field name of v as the YAML 1.2 core
// schema decodes it (017 is 17, 0x10 is 16; see coreValue), with its
// position; s is "" when it is not a number.
func tokensField(v *vnode, name, path string) str {
	n := numField(v, name, path)
	if f := v.get(name); f != nil && n.s != "" {
		if num, ok := f.val.val.(json.Number); ok {
			n.s = string(num)
		}
	}
	return n
}

// intField returns the token count in field name of v, or 0 when it is
// not one (the schema reports it).
func intField(v *vnode, name string) int {
	if n, ok := tokenCount(tokensField(v, name, "").s); ok {
		return n
	}
	return 0
}

// tokenCount reads a decoded number (tokensField) as a token count: a
// whole number from 0 to maxTokens, exactly. It reports false for anything
// else.
func tokenCount(num string) (int, bool) {
	r, ok := new(big.Rat).SetString(num)
	if !ok || !r.IsInt() || r.Sign() < 0 || r.Num().Cmp(big.NewInt(maxTokens)) > 0 {
		return 0, false
	}
	return int(r.Num().Int64()), true
}

// maxTokens is the schema's largest token count (context_window,
// max_output, a tier's above).
const maxTokens = 1_000_000_000
