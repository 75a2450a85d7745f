package spec

import (
	"encoding/json"
	"math/big"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The fast schema check answers one question, whether a registry is valid
// under the embedded JSON Schema, straight from the vnode tree: no generic
// copy of the document, no validator bookkeeping. It is the common case
// (a valid registry), and at 100,000 models the generic path costs about
// a second and a gigabyte of allocations. When the answer is no, the
// generic path (jsonschema) runs and words the problems, so the schema
// stays the only source of every message. The check interprets the schema
// itself, keyword by keyword; a keyword it does not know makes it answer
// "don't know", and the generic path decides. TestFastSchemaAgrees and
// FuzzFastSchemaAgrees hold it to the generic path's verdict.

// fastSchema is one schema of the embedded document, compiled for the fast
// check.
type fastSchema struct {
	types                []string // "type": any of these; empty for any
	props                map[string]*fastSchema
	required             []string
	closed               bool        // additionalProperties: false
	additional           *fastSchema // additionalProperties: a schema
	items                *fastSchema
	minItems, maxItems   int // -1 for none
	minLength, maxLength int // -1 for none
	unique               bool
	pattern              *regexp.Regexp
	ascii                *asciiPattern // the pattern on ASCII text, when it is that simple
	minimum, maximum     *big.Rat
	enum                 []any // "enum", and "const" as an enum of one
	ref                  string
	defs                 map[string]*fastSchema // the root's $defs
}

// fastKeywords are the keywords the fast check implements, or may ignore
// (annotations).
var fastKeywords = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$ref": true, "title": true, "description": true,
	"type": true, "properties": true, "required": true, "additionalProperties": true, "items": true,
	"minItems": true, "maxItems": true, "minLength": true, "maxLength": true, "uniqueItems": true,
	"pattern": true, "minimum": true, "maximum": true, "enum": true, "const": true, "examples": true,
	"default": true, "deprecated": true, "markdownDescription": true,
}

// compiledFast is the embedded schema compiled for the fast check, or nil
// when it uses a keyword the check does not implement.
var compiledFast = sync.OnceValue(func() *fastSchema {
	_, raw := compiledSchema()
	s, ok := compileFast(raw)
	if !ok {
		return nil
	}
	defs, _ := raw["$defs"].(map[string]any)
	s.defs = map[string]*fastSchema{}
	for name, d := range defs {
		m, _ := d.(map[string]any)
		ds, ok := compileFast(m)
		if !ok {
			return nil
		}
		s.defs[name] = ds
	}
	return s
})

func compileFast(m map[string]any) (*fastSchema, bool) {
	s := &fastSchema{minItems: -1, maxItems: -1, minLength: -1, maxLength: -1}
	for k, v := range m {
		if !fastKeywords[k] || !s.keyword(k, v) {
			return nil, false
		}
	}
	return s, true
}

// keyword compiles keyword k of value v into s; false when the fast check
// cannot implement it as written.
func (s *fastSchema) keyword(k string, v any) bool {
	switch k {
	case "type":
		if t, isStr := v.(string); isStr {
			v = []any{t}
		}
		var ok bool
		s.types, ok = stringList(v)
		return ok
	case "properties":
		props, ok := v.(map[string]any)
		s.props = map[string]*fastSchema{}
		for name, p := range props {
			pm, isMap := p.(map[string]any)
			ps, compiled := compileFast(pm)
			if !isMap || !compiled {
				return false
			}
			s.props[name] = ps
		}
		return ok
	case "required":
		var ok bool
		s.required, ok = stringList(v)
		return ok
	case "additionalProperties":
		switch a := v.(type) {
		case bool:
			s.closed = !a
			return true
		case map[string]any:
			var ok bool
			s.additional, ok = compileFast(a)
			return ok
		}
		return false
	case "items":
		im, isMap := v.(map[string]any)
		var ok bool
		s.items, ok = compileFast(im)
		return ok && isMap
	case "minItems", "maxItems", "minLength", "maxLength":
		n, isNum := v.(float64)
		dst := map[string]*int{"minItems": &s.minItems, "maxItems": &s.maxItems, "minLength": &s.minLength, "maxLength": &s.maxLength}[k]
		*dst = int(n)
		return isNum && n >= 0 && n == float64(int(n))
	case "uniqueItems":
		var ok bool
		s.unique, ok = v.(bool)
		return ok
	case "pattern":
		str, isStr := v.(string)
		re, err := regexp.Compile(str)
		s.pattern, s.ascii = re, compileASCII(str)
		return isStr && err == nil
	case "minimum", "maximum":
		n, isNum := v.(float64)
		r := new(big.Rat).SetFloat64(n)
		if k == "minimum" {
			s.minimum = r
		} else {
			s.maximum = r
		}
		return isNum && r != nil
	case "enum":
		var ok bool
		s.enum, ok = v.([]any)
		return ok
	case "const":
		s.enum = []any{v}
	case "$ref":
		str, isStr := v.(string)
		s.ref = strings.TrimPrefix(str, "#/$defs/")
		return isStr && strings.HasPrefix(str, "#/$defs/")
	}
	return true // an annotation
}

// stringList returns v as a list of strings; false when it is not one.
func stringList(v any) ([]string, bool) {
	list, ok := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		str, isStr := x.(string)
		ok = ok && isStr
		out = append(out, str)
	}
	return out, ok
}

// fastValid reports whether root is valid under the schema; known is false
// when the fast check cannot tell (the generic path must decide).
func fastValid(root *vnode) (valid, known bool) {
	s := compiledFast()
	if s == nil {
		return false, false
	}
	return s.valid(root, s.defs), true
}

func (s *fastSchema) valid(v *vnode, defs map[string]*fastSchema) bool {
	if v == nil {
		return false
	}
	if s.ref != "" {
		d := defs[s.ref]
		if d == nil || !d.valid(v, defs) {
			return false
		}
	}
	if len(s.types) > 0 && !hasType(v, s.types) {
		return false
	}
	if len(s.enum) > 0 && !inEnum(v, s.enum) {
		return false
	}
	switch v.kind {
	case yaml.MappingNode:
		return s.validMapping(v, defs)
	case yaml.SequenceNode:
		return s.validSequence(v, defs)
	}
	return s.validScalar(v)
}

func (s *fastSchema) validMapping(v *vnode, defs map[string]*fastSchema) bool {
	for _, name := range s.required {
		if v.get(name) == nil {
			return false
		}
	}
	for _, f := range v.fields {
		switch p := s.props[f.name]; {
		case p != nil:
			if !p.valid(f.val, defs) {
				return false
			}
		case s.closed:
			return false
		case s.additional != nil:
			if !s.additional.valid(f.val, defs) {
				return false
			}
		}
	}
	return true
}

func (s *fastSchema) validSequence(v *vnode, defs map[string]*fastSchema) bool {
	n := len(v.items)
	if s.minItems >= 0 && n < s.minItems || s.maxItems >= 0 && n > s.maxItems {
		return false
	}
	if s.items != nil {
		for _, x := range v.items {
			if !s.items.valid(x, defs) {
				return false
			}
		}
	}
	if s.unique {
		seen := make(map[string]bool, n)
		for _, x := range v.items {
			k, ok := uniqueKey(x)
			if !ok || seen[k] {
				return false
			}
			seen[k] = true
		}
	}
	return true
}

func (s *fastSchema) validScalar(v *vnode) bool {
	if str, isStr := scalarString(v); isStr {
		if s.minLength >= 0 || s.maxLength >= 0 {
			n := utf8.RuneCountInString(str)
			if s.minLength >= 0 && n < s.minLength || s.maxLength >= 0 && n > s.maxLength {
				return false
			}
		}
		return s.pattern == nil || s.matches(str)
	}
	if s.minimum == nil && s.maximum == nil {
		return true
	}
	r, isNum := scalarNumber(v)
	if !isNum {
		return true
	}
	return (s.minimum == nil || r.Cmp(s.minimum) >= 0) && (s.maximum == nil || r.Cmp(s.maximum) <= 0)
}

// scalarString returns the string a scalar is to the schema (toJSON's).
func scalarString(v *vnode) (string, bool) {
	if v.kind == yaml.ScalarNode && (v.tag == tagStr || v.bad) {
		return v.str, true
	}
	return "", false
}

// scalarNumber returns the number a scalar is to the schema.
func scalarNumber(v *vnode) (*big.Rat, bool) {
	if _, isStr := scalarString(v); isStr || v.kind != yaml.ScalarNode {
		return nil, false
	}
	n, ok := v.val.(json.Number)
	if !ok {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(string(n))
	return r, ok
}

// hasType reports whether v is of one of the JSON types.
func hasType(v *vnode, types []string) bool {
	var t string
	switch {
	case v.kind == yaml.MappingNode:
		t = "object"
	case v.kind == yaml.SequenceNode:
		t = "array"
	default:
		if _, isStr := scalarString(v); isStr {
			t = "string"
			break
		}
		switch v.val.(type) {
		case nil:
			t = "null"
		case bool:
			t = "boolean"
		case json.Number:
			t = "number"
		}
	}
	for _, want := range types {
		if want == t || want == "integer" && t == "number" && isInteger(v) {
			return true
		}
	}
	return false
}

func isInteger(v *vnode) bool {
	r, ok := scalarNumber(v)
	return ok && r.IsInt()
}

// inEnum reports whether v equals one of the enum's values, as JSON values.
func inEnum(v *vnode, enum []any) bool {
	for _, e := range enum {
		switch e := e.(type) {
		case string:
			if s, ok := scalarString(v); ok && s == e {
				return true
			}
		case float64:
			if r, ok := scalarNumber(v); ok && r.Cmp(new(big.Rat).SetFloat64(e)) == 0 {
				return true
			}
		case bool:
			if b, ok := v.val.(bool); ok && v.kind == yaml.ScalarNode && !isStringScalar(v) && b == e {
				return true
			}
		case nil:
			if v.kind == yaml.ScalarNode && !isStringScalar(v) && v.val == nil {
				return true
			}
		default:
			return false // an object or array in an enum: not used by the schema
		}
	}
	return false
}

func isStringScalar(v *vnode) bool { _, ok := scalarString(v); return ok }

// uniqueKey is a key that two items share exactly when they are equal JSON
// values; ok is false for items the check does not compare (mappings and
// sequences, which the schema never requires unique).
func uniqueKey(v *vnode) (string, bool) {
	if v.kind != yaml.ScalarNode {
		return "", false
	}
	if s, ok := scalarString(v); ok {
		return "s" + s, true
	}
	switch x := v.val.(type) {
	case nil:
		return "z", true
	case bool:
		if x {
			return "t", true
		}
		return "f", true
	case json.Number:
		r, ok := new(big.Rat).SetString(string(x))
		return "n" + r.RatString(), ok
	}
	return "", false
}

// matches reports whether str matches the pattern.
func (s *fastSchema) matches(str string) bool {
	if s.ascii != nil {
		if m, known := s.ascii.match(str); known {
			return m
		}
	}
	return s.pattern.MatchString(str)
}

// asciiPattern is a pattern of the form ^[first][rest]*$ or ^[rest]*$
// (the form of the schema's ids, spellings, env names and names) as two
// byte sets, matched on ASCII text without the regexp engine: at 100,000
// models the schema matches over a million strings.
type asciiPattern struct {
	first, rest [128]bool
	hasFirst    bool
}

// compileASCII returns the asciiPattern of pattern, or nil when it has
// another form.
func compileASCII(pattern string) *asciiPattern {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	n := len(re.Sub)
	if re.Op != syntax.OpConcat || n < 3 || re.Sub[0].Op != syntax.OpBeginText || re.Sub[n-1].Op != syntax.OpEndText {
		return nil
	}
	p := &asciiPattern{}
	mid := re.Sub[1 : n-1]
	if len(mid) == 2 && mid[0].Op == syntax.OpCharClass {
		p.hasFirst = true
		p.first = asciiClass(mid[0])
		mid = mid[1:]
	}
	if len(mid) != 1 || mid[0].Op != syntax.OpStar || mid[0].Sub[0].Op != syntax.OpCharClass {
		return nil
	}
	p.rest = asciiClass(mid[0].Sub[0])
	return p
}

// asciiClass returns the ASCII characters of a character class.
func asciiClass(re *syntax.Regexp) [128]bool {
	var set [128]bool
	for i := 0; i+1 < len(re.Rune); i += 2 {
		for c := re.Rune[i]; c <= min(re.Rune[i+1], 127); c++ {
			set[c] = true
		}
	}
	return set
}

// match reports whether s matches; known is false for text that is not
// ASCII, which the regexp decides.
func (p *asciiPattern) match(s string) (matched, known bool) {
	matched = !p.hasFirst || s != ""
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return false, false
		case i == 0 && p.hasFirst:
			matched = matched && p.first[c]
		default:
			matched = matched && p.rest[c]
		}
	}
	return matched, true
}
