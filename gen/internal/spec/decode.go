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
	path docPath
}

// docPath is where a value of the doc is, such as
// models[3].served_by[0].runtimes[1]. A registry has millions of values
// and a message names few, so the text is made only for a message.
type docPath struct {
	in    *docPath // the list item that holds the field; nil for a top-level list
	field fieldName
	index int32 // in the field's list, or -1
}

// fieldName is a field of the registry, in a byte.
type fieldName uint8

const (
	fProviders fieldName = iota
	fRuntimes
	fModels
	fID
	fGoName
	fAuthEnv
	fInjectEnv
	fAliases
	fLegacyIDs
	fStatus
	fDeprecatedOn
	fRetiresOn
	fReplacedBy
	fServedBy
	fProvider
	fPrice
	fTiers
	fAbove
	fInput // the rates, in the order of rateNames
	fOutput
	fCacheRead
	fCacheWrite
	fContextWindow
	fMaxOutput
	fUpstreamModelsDev
	fUpstreamLiteLLM
)

var fieldNames = [...]string{
	fProviders: "providers", fRuntimes: "runtimes", fModels: "models", fID: "id", fGoName: "go_name",
	fAuthEnv: "auth_env", fInjectEnv: "inject_env", fAliases: "aliases", fLegacyIDs: "legacy_ids",
	fStatus: "status", fDeprecatedOn: "deprecated_on", fRetiresOn: "retires_on", fReplacedBy: "replaced_by",
	fServedBy: "served_by", fProvider: "provider", fPrice: "price", fTiers: "tiers", fAbove: "above",
	fInput: "input", fOutput: "output", fCacheRead: "cache_read", fCacheWrite: "cache_write",
	fContextWindow: "context_window", fMaxOutput: "max_output",
	fUpstreamModelsDev: "upstream." + CatalogueModelsDev, fUpstreamLiteLLM: "upstream." + CatalogueLiteLLM,
}

// String returns the path as messages give it.
func (p docPath) String() string {
	s := fieldNames[p.field]
	if p.in != nil {
		s = join(p.in.String(), s)
	}
	if p.index >= 0 {
		s = indexPath(s, int(p.index))
	}
	return s
}

// child returns the path of field f of the item at p.
func (p *docPath) child(f fieldName) docPath { return docPath{in: p, field: f, index: -1} }

// sibling returns the path of field f of the item holding p.
func (p docPath) sibling(f fieldName) docPath { return p.in.child(f) }

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
	pos   Pos
}

type tierSpec struct {
	above str // the text of above, "" when not a number
	rates [numRates]str
	path  docPath
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

// decode reads the doc from root, leniently. It consumes root: the models,
// most of the tree, are released one by one as they are read, so that at
// 100,000 models the tree and the doc are never both whole in memory.
// Nothing may read root after it.
func decode(root *vnode) *doc {
	s := &doc{}
	each(root, nil, fProviders, func(v *vnode, at *docPath) {
		p := providerSpec{id: strField(v, at, fID)}
		p.name = nameField(v, p.id.s)
		p.platform = boolField(v, "platform", false)
		p.authEnv = strList(v, at, fAuthEnv)
		if f := v.get("auth_env"); f != nil {
			p.authPos = f.keyPos
		}
		p.injectEnv = strList(v, at, fInjectEnv)
		if f := v.get("inject_env"); f != nil {
			p.injectPos = f.keyPos
		}
		p.goName = strField(v, at, fGoName)
		s.providers = append(s.providers, p)
	})
	each(root, nil, fRuntimes, func(v *vnode, at *docPath) {
		r := runtimeSpec{id: strField(v, at, fID), governed: boolField(v, "governed", true)}
		r.name = nameField(v, r.id.s)
		if f := v.get("governed"); f != nil {
			r.governedPos = f.keyPos
		}
		r.goName = strField(v, at, fGoName)
		s.runtimes = append(s.runtimes, r)
	})
	if l := root.get("models"); l != nil {
		s.models = make([]modelSpec, 0, len(l.val.items)) // 300 bytes each, a hundred thousand
	}
	consume(root, nil, fModels, func(v *vnode, at *docPath) {
		m := modelSpec{id: strField(v, at, fID)}
		m.name = nameField(v, m.id.s)
		m.aliases = strList(v, at, fAliases)
		m.legacy = strList(v, at, fLegacyIDs)
		m.hasLegacy = v.get("legacy_ids") != nil
		m.status = strField(v, at, fStatus)
		m.deprecatedOn = strField(v, at, fDeprecatedOn)
		m.retiresOn = strField(v, at, fRetiresOn)
		m.replacedBy = strField(v, at, fReplacedBy)
		m.contextWindow = intField(v, fContextWindow)
		m.maxOutput = intField(v, fMaxOutput)
		each(v, at, fServedBy, func(e *vnode, eat *docPath) {
			m.served = append(m.served, servedSpec{
				provider: strField(e, eat, fProvider),
				runtimes: strList(e, eat, fRuntimes),
				price:    decodePrice(e, eat),
				upstream: decodeUpstream(e, eat),
				pos:      e.pos,
			})
		})
		s.models = append(s.models, m)
	})
	return s
}

// each calls fn for every mapping in the list field f of v, the item at
// in (nil for the document), with the mapping's path.
func each(v *vnode, in *docPath, f fieldName, fn func(item *vnode, at *docPath)) {
	walkList(v, in, f, false, fn)
}

// consume is each, releasing every item of the list once fn has read it.
func consume(v *vnode, in *docPath, f fieldName, fn func(item *vnode, at *docPath)) {
	walkList(v, in, f, true, fn)
}

func walkList(v *vnode, in *docPath, f fieldName, release bool, fn func(item *vnode, at *docPath)) {
	l := v.get(fieldNames[f])
	if l == nil || l.val.kind != yaml.SequenceNode {
		return
	}
	items := l.val.items
	for i, item := range items {
		if item.kind == yaml.MappingNode {
			fn(item, &docPath{in: in, field: f, index: int32(i)})
		}
		if release {
			items[i] = nil
		}
	}
}

// strField returns the string in field f of v, the item at in, or "" at
// v's position when it is not a string.
func strField(v *vnode, in *docPath, f fieldName) str {
	fl := v.get(fieldNames[f])
	if fl == nil || fl.val.kind != yaml.ScalarNode || fl.val.tag != tagStr {
		return str{pos: v.pos, path: in.child(f)}
	}
	return str{s: fl.val.str, pos: fl.val.pos, path: in.child(f)}
}

func nameField(v *vnode, def string) string {
	if f := v.get("name"); f != nil && f.val.kind == yaml.ScalarNode && f.val.tag == tagStr && f.val.str != "" {
		return f.val.str
	}
	return def
}

func boolField(v *vnode, name string, def bool) bool {
	if f := v.get(name); f != nil && f.val.kind == yaml.ScalarNode && f.val.tag == tagBool && !f.val.bad {
		return f.val.val.(bool)
	}
	return def
}

// strList returns the strings of the list in field f of v, the item at in.
func strList(v *vnode, in *docPath, f fieldName) []str {
	fl := v.get(fieldNames[f])
	if fl == nil || fl.val.kind != yaml.SequenceNode {
		return nil
	}
	out := make([]str, 0, len(fl.val.items))
	for i, item := range fl.val.items {
		if item.kind == yaml.ScalarNode && item.tag == tagStr {
			out = append(out, str{s: item.str, pos: item.pos, path: docPath{in: in, field: f, index: int32(i)}})
		}
	}
	return out
}

// decodePrice returns the price of the served_by entry v, the item at in,
// or nil.
func decodePrice(v *vnode, in *docPath) *priceSpec {
	f := v.get("price")
	if f == nil || f.val.kind != yaml.MappingNode {
		return nil
	}
	at := &docPath{in: in, field: fPrice, index: -1}
	p := &priceSpec{rates: rateFields(f.val, at), pos: f.val.pos}
	each(f.val, at, fTiers, func(t *vnode, tat *docPath) {
		p.tiers = append(p.tiers, tierSpec{above: tokensField(t, tat, fAbove), rates: rateFields(t, tat), path: *tat, pos: t.pos})
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
// v, the item at in, by catalogue, or nil.
func decodeUpstream(v *vnode, in *docPath) map[string]str {
	f := v.get("upstream")
	if f == nil || f.val.kind != yaml.MappingNode {
		return nil
	}
	out := map[string]str{}
	for _, c := range []struct {
		catalogue string
		field     fieldName // the key has a dot, which paths do not show: it is spelled out
	}{{CatalogueModelsDev, fUpstreamModelsDev}, {CatalogueLiteLLM, fUpstreamLiteLLM}} {
		if u := f.val.get(c.catalogue); u != nil && u.val.kind == yaml.ScalarNode && u.val.tag == tagStr && u.val.str != "" {
			out[c.catalogue] = str{s: u.val.str, pos: u.val.pos, path: in.child(c.field)}
		}
	}
	return out
}

func rateFields(v *vnode, at *docPath) [numRates]str {
	var out [numRates]str
	for i := range rateNames {
		out[i] = numField(v, at, fInput+fieldName(i))
	}
	return out
}

// numField returns the text of the number in field f of v, the item at
// at, as written, with its position; s is "" when it is not a number, or
// one refused (and reported) when it was read.
func numField(v *vnode, at *docPath, f fieldName) str {
	fl := v.get(fieldNames[f])
	if fl == nil || fl.val.kind != yaml.ScalarNode || fl.val.tag != tagInt && fl.val.tag != tagFloat || fl.val.bad {
		return str{pos: v.pos, path: at.child(f)}
	}
	return str{s: fl.val.str, pos: fl.val.pos, path: at.child(f)}
}

// tokensField returns the number in field f of v, the item at at, as the
// YAML 1.2 core schema decodes it (017 is 17, 0x10 is 16; see coreValue),
// with its position; s is "" when it is not a number.
func tokensField(v *vnode, at *docPath, f fieldName) str {
	n := numField(v, at, f)
	if f := v.get(fieldNames[f]); f != nil && n.s != "" {
		if num, ok := f.val.val.(json.Number); ok {
			n.s = string(num)
		}
	}
	return n
}

// intField returns the token count in field f of v, or 0 when it is not
// one (the schema reports it).
func intField(v *vnode, f fieldName) int {
	if n, ok := tokenCount(tokensField(v, nil, f).s); ok {
		return n
	}
	return 0
}

// tokenCount reads a decoded number (tokensField) as a token count: a
// whole number from 0 to maxTokens, exactly. It reports false for anything
// else.
func tokenCount(num string) (int, bool) {
	if len(num) > 2*maxDigits {
		return 0, false // refused when it was read (see coreValue); big.Rat is quadratic in it
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok || !r.IsInt() || r.Sign() < 0 || r.Num().Cmp(big.NewInt(maxTokens)) > 0 {
		return 0, false
	}
	return int(r.Num().Int64()), true
}

// maxTokens is the schema's largest token count (context_window,
// max_output, a tier's above).
const maxTokens = 1_000_000_000
