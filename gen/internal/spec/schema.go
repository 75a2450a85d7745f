package spec

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/unicode/runenames"
	"gopkg.in/yaml.v3"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/secrets"
	"github.com/molecule-ai/providers/internal/suggest"
	"github.com/molecule-ai/providers/schema"
)

// compiledSchema is the embedded schema, compiled once. The raw document is
// kept too: error messages look up allowed field names and descriptions in
// it rather than repeating them here.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, map[string]any) {
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema.JSON))
	if err != nil {
		panic("embedded schema: " + err.Error())
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.URL, doc); err != nil {
		panic("embedded schema: " + err.Error())
	}
	sch, err := c.Compile(schema.URL)
	if err != nil {
		panic("embedded schema: " + err.Error())
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(schema.JSON), &raw); err != nil {
		panic("embedded schema: " + err.Error())
	}
	return sch, raw
})

// patternRule says in words what a schema pattern allows, and which
// characters may start and continue a match, to name the offending one.
type patternRule struct {
	words       string
	first, rest func(r rune) bool
	fix         func(string) string // a likely intended value, or ""
	shape       *regexp.Regexp      // for a pattern of fixed shape (a date): the pattern itself
}

func lowerDigit(r rune) bool { return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' }
func upperDigit(r rune) bool { return r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' }
func alnum(r rune) bool      { return lowerDigit(r) || r >= 'A' && r <= 'Z' }

var patternRules = map[string]patternRule{
	"^[a-z0-9][a-z0-9-]*$": {
		words: "lower-case letters, digits and '-', starting with a letter or digit",
		first: lowerDigit,
		rest:  func(r rune) bool { return lowerDigit(r) || r == '-' },
		fix: func(s string) string {
			return strings.Trim(strings.Map(slugRune, strings.ToLower(strings.TrimSpace(s))), "-")
		},
	},
	"^[A-Za-z0-9][A-Za-z0-9._/@+:~-]*$": {
		words: "ASCII letters, digits and . _ / @ + - : ~, starting with a letter or digit",
		first: alnum,
		rest:  func(r rune) bool { return alnum(r) || strings.ContainsRune("._/@+:~-", r) },
		fix:   strings.TrimSpace,
	},
	"^[A-Z_][A-Z0-9_]*$": {
		words: "upper-case letters, digits and '_', not starting with a digit: the name of an env var, never its value",
		first: func(r rune) bool { return r >= 'A' && r <= 'Z' || r == '_' },
		rest:  func(r rune) bool { return upperDigit(r) || r == '_' },
		fix: func(s string) string {
			return strings.Map(func(r rune) rune {
				if r == '-' || r == '.' || r == ' ' {
					return '_'
				}
				return r
			}, strings.ToUpper(strings.TrimSpace(s)))
		},
	},
	`^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}]*$`: {
		words: "printable text: no control characters, invisible formatting characters (bidi overrides, zero-width characters), line or paragraph separators or private-use characters",
		first: printable,
		rest:  printable,
	},
	"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": {
		words: "a date written YYYY-MM-DD, such as 2026-08-05",
		first: isDigit,
		rest:  func(r rune) bool { return isDigit(r) || r == '-' },
		fix:   fixDate,
		shape: datePattern,
	},
	"^[A-Z][A-Za-z0-9]*$": {
		words: "letters and digits, starting with an upper-case letter",
		first: func(r rune) bool { return r >= 'A' && r <= 'Z' },
		rest:  alnum,
		fix:   func(s string) string { return goIdent(strings.TrimSpace(s)) },
	},
	"^[!-~]+$": {
		words: "printable ASCII without spaces: the catalogue's own key, as written there",
		first: visibleASCII,
		rest:  visibleASCII,
		fix:   strings.TrimSpace,
	},
}

func visibleASCII(r rune) bool { return r >= '!' && r <= '~' }

// matches reports whether s matches the rule's pattern: each pattern is
// one character class for the first character and one for the rest, or a
// fixed shape.
func (rule patternRule) matches(s string) bool {
	if rule.shape != nil {
		return rule.shape.MatchString(s)
	}
	for i, r := range s {
		if i == 0 && !rule.first(r) || i > 0 && !rule.rest(r) {
			return false
		}
	}
	return true
}

// printable reports whether a display name may hold r (see inert.Unsafe).
func printable(r rune) bool { return !inert.Unsafe(r) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// fixDate writes a date given without leading zeros (2026-8-5) as
// YYYY-MM-DD, or returns "".
func fixDate(s string) string {
	t, err := time.Parse("2006-1-2", strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func slugRune(r rune) rune {
	switch {
	case lowerDigit(r) || r == '-':
		return r
	case r == '_' || r == ' ' || r == '.' || r == '/':
		return '-'
	}
	return -1
}

// defWords names what a schema definition describes, for messages.
var defWords = map[string]string{
	"slug":           "id",
	"spelling":       "model spelling",
	"legacySpelling": "legacy id",
	"envName":        "env var name",
	"goName":         "Go name",
	"displayName":    "name",
	"provider":       "provider",
	"runtime":        "runtime",
	"model":          "model",
	"servedBy":       "served_by entry",
	"date":           "date",
	"tokens":         "token count",
	"rate":           "rate (USD per million tokens)",
	"price":          "price",
	"tier":           "price tier",
	"upstream":       "upstream mapping",
	"upstreamRef":    "upstream reference",
	"":               "top level",
}

// mappingExample shows the shape of a mapping where a list item of another
// type was found.
var mappingExample = map[string]string{
	"provider": "{id: anthropic, auth_env: [ANTHROPIC_API_KEY]}",
	"runtime":  "{id: claude-code}",
	"model":    "{id: opus, served_by: [...]}",
	"servedBy": "{provider: anthropic, runtimes: [claude-code]}",
	"price":    "{input: 3, output: 15}",
	"tier":     "{above: 200000, input: 6}",
	"upstream": "{models.dev: anthropic/claude-opus-4-7, litellm: claude-opus-4-7}",
}

// requiredHints say what to write for a missing required field, by schema
// definition ("" is the top level) and field.
var requiredHints = map[string]string{
	"/version":          "add 'version: 1' at the top of the file",
	"/providers":        "add a 'providers:' list ('providers: []' for none)",
	"/runtimes":         "add a 'runtimes:' list ('runtimes: []' for none)",
	"/models":           "add a 'models:' list ('models: []' for none)",
	"provider/id":       "every provider needs an id, such as 'id: anthropic'",
	"runtime/id":        "every runtime needs an id, such as 'id: claude-code'",
	"model/id":          "every model needs an id, such as 'id: anthropic/claude-opus-4-7'",
	"model/served_by":   "list who serves the model on which runtimes, such as 'served_by: [{provider: anthropic, runtimes: [claude-code]}]'",
	"servedBy/provider": "name the provider that serves the model, such as 'provider: anthropic'",
	"servedBy/runtimes": "list the runtimes it serves the model on, such as 'runtimes: [claude-code]'",
}

// minItemsWords says what an empty list should have held.
var minItemsWords = map[string]string{
	"served_by": "list at least one provider serving the model, or remove the model",
	"runtimes":  "list at least one runtime, or remove this entry",
}

// validateSchema checks root against the embedded JSON Schema and adds one
// plain-words problem per failed keyword, at the YAML position it concerns.
func validateSchema(root *vnode, ds *diags) {
	if valid, known := fastValid(root); valid && known {
		return
	}
	sch, raw := compiledSchema()
	err := sch.Validate(toJSON(root))
	if err == nil {
		return
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		ds.add(root.pos, "", "schema: %v", err)
		return
	}
	for _, leaf := range leaves(ve, nil) {
		schemaDiag(root, raw, leaf, ds)
	}
}

func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// defName returns the schema definition a keyword belongs to: "provider"
// for .../providers.schema.json#/$defs/provider/properties/auth_env, ""
// for the top level.
func defName(schemaURL string) string {
	_, ptr, _ := strings.Cut(schemaURL, "#")
	if rest, ok := strings.CutPrefix(ptr, "/$defs/"); ok {
		name, _, _ := strings.Cut(rest, "/")
		return name
	}
	return ""
}

// schemaDiag adds the plain-words problem of one failed schema keyword,
// at the position of the YAML node it concerns.
func schemaDiag(root *vnode, raw map[string]any, e *jsonschema.ValidationError, ds *diags) {
	at, path, keyPos := locate(root, e.InstanceLocation)
	if at == nil { // not expected: the instance is built from root
		ds.add(root.pos, "", "does not match the schema at /%s (%s)", quote(strings.Join(e.InstanceLocation, "/")), strings.Join(e.ErrorKind.KeywordPath(), "/"))
		return
	}
	if at.bad {
		return // a scalar refused when it was read, and reported then
	}
	def := defName(e.SchemaURL)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		requiredDiag(at, path, def, k, ds)
	case *kind.AdditionalProperties:
		unknownFieldDiag(at, path, def, raw, e.SchemaURL, k, ds)
	case *kind.Type:
		typeDiag(at, path, keyPos, def, k, ds)
	case *kind.Pattern:
		if secrets.ContainsKey(k.Got) {
			return // a pasted key: scanSecrets reports it without repeating it
		}
		ds.addMsg(at.pos, path, patternMsg(k.Got, k.Want, defWords[def]))
	case *kind.MaxLength:
		// JSON Schema counts characters. Every pattern but a display
		// name's allows ASCII only, so for ids, spellings, env and Go
		// names the limit is in bytes too, and is said in bytes: a
		// non-ASCII one breaks its pattern as well.
		n, unit := len(at.str), "bytes"
		if def == "displayName" {
			n, unit = utf8.RuneCountInString(at.str), "characters"
		}
		q, _ := quoteHead(at.str)
		ds.add(at.pos, path, "%s is %d %s long: the limit for a %s is %d", q, n, unit, defWords[def], k.Want)
	case *kind.MinLength:
		ds.add(at.pos, path, "must not be empty: remove it to default to the id")
	case *kind.Enum:
		enumDiag(at, path, k, ds)
	case *kind.Minimum:
		ds.add(at.pos, path, "%s is less than %s, the least a %s can be", unquoted(at.str), k.Want.RatString(), defWords[def])
	case *kind.Maximum:
		ds.add(at.pos, path, "%s is more than %s, the most a %s can be", unquoted(at.str), k.Want.RatString(), defWords[def])
	case *kind.MinItems:
		msg := minItemsWords[lastName(path)]
		if msg == "" {
			msg = fmt.Sprintf("list at least %d", k.Want)
		}
		ds.add(at.pos, path, "empty list: %s", msg)
	case *kind.MaxItems:
		// auth_env is bounded because every pair a provider serves looks
		// at each of its names, so a long list would cost time per pair;
		// tiers because a price record counts them in one digit.
		if lastName(path) == "tiers" {
			ds.add(at.pos, path, "%d tiers: a price takes at most %d", k.Got, k.Want)
			break
		}
		ds.add(at.pos, path, "%d names: a provider takes at most %d (any one of them selects it)", k.Got, k.Want)
	case *kind.UniqueItems:
		uniqueDiag(at, path, k, ds)
	case *kind.Const:
		if path == "version" {
			if at.tag == tagInt || at.tag == tagFloat {
				ds.add(at.pos, path, "unsupported version %s: this generator reads version 1", unquoted(at.str))
			}
			return // a version of another type is a type error already
		}
		ds.add(at.pos, path, "want %v", k.Want)
	default: // a keyword the schema does not use today
		ds.add(at.pos, path, "does not match the schema (%s)", strings.Join(e.ErrorKind.KeywordPath(), "/"))
	}
}

func requiredDiag(at *vnode, path, def string, k *kind.Required, ds *diags) {
	for _, m := range k.Missing {
		msg := "missing required field " + quote(m)
		if h := requiredHints[def+"/"+m]; h != "" {
			msg += ": " + h
		}
		ds.add(at.pos, path, "%s", msg)
	}
}

// unknownFieldDiag names each unknown field at its key, with the field it
// was probably meant to be or where it belongs.
func unknownFieldDiag(at *vnode, path, def string, raw map[string]any, schemaURL string, k *kind.AdditionalProperties, ds *diags) {
	allowed := schemaProps(raw, schemaURL)
	keys := make(map[string]Pos, len(at.fields)) // one lookup per unknown field, however many
	for _, f := range at.fields {
		if _, dup := keys[f.name]; !dup {
			keys[f.name] = f.keyPos
		}
	}
	for _, p := range k.Properties {
		pos, fpath := at.pos, path
		if kp, ok := keys[p]; ok {
			pos = kp
		}
		if plainKey.MatchString(p) {
			fpath = join(path, p)
		}
		msg := fmt.Sprintf("unknown field %s", quote(p))
		if s := suggest.Closest(strings.ToLower(p), allowed, 3); s != "" {
			msg += " (did you mean " + quote(s) + "?)"
		} else if where := fieldHome(raw, p, def); where != "" {
			msg += fmt.Sprintf(" in a %s: %s belongs in %s", defWords[def], quote(p), where)
		} else if len(allowed) > 0 {
			msg += " (allowed here: " + strings.Join(allowed, ", ") + ")"
		}
		ds.add(pos, fpath, "%s", msg)
	}
}

// typeDiag says what was wanted and what was found, and how to write it.
func typeDiag(at *vnode, path string, keyPos Pos, def string, k *kind.Type, ds *diags) {
	want := make([]string, len(k.Want))
	for i, w := range k.Want {
		want[i] = typeWords[w]
	}
	pos := at.pos
	var got string
	switch {
	case at.kind == yaml.ScalarNode && at.tag == tagNull && at.str == "":
		got = "no value"
		if keyPos != (Pos{}) {
			pos = keyPos // an empty value has no position of its own
		}
	case at.kind == yaml.ScalarNode && at.tag == tagNull:
		got = "null"
	case at.kind == yaml.ScalarNode && at.tag == tagStr:
		got = "string " + quote(at.str)
	case at.kind == yaml.ScalarNode:
		got = kindName(at) + " " + unquoted(at.str)
	default:
		got = "a " + kindName(at)
	}
	w := strings.Join(want, " or ")
	if slices.Contains(k.Want, "object") && mappingExample[def] != "" {
		w += " such as " + mappingExample[def]
	}
	msg := fmt.Sprintf("want %s, got %s", w, got)
	switch {
	case slices.Contains(k.Want, "string") && at.kind == yaml.ScalarNode && at.tag != tagNull:
		msg += fmt.Sprintf(": quote it if it is meant as text (%s)", quote(at.str))
	case slices.Contains(k.Want, "boolean") && at.kind == yaml.ScalarNode && at.tag == tagStr:
		msg += ": write true or false, without quotes"
	case slices.Contains(k.Want, "array") && at.kind == yaml.ScalarNode && at.tag == tagStr && listable.MatchString(at.str) && !secrets.Contains(at.str):
		msg += fmt.Sprintf(": a list of one is written [%s]", at.str)
	case slices.Contains(k.Want, "array") && at.kind == yaml.ScalarNode && at.tag != tagNull:
		msg += ": a list is written [a, b] or as '- ' items on the lines below"
	case slices.Contains(k.Want, "array") && at.kind == yaml.MappingNode:
		msg += ": make it a list by putting '- ' before its first field"
	case slices.Contains(k.Want, "array") && at.kind == yaml.ScalarNode && at.tag == tagNull:
		if h := minItemsWords[lastName(path)]; h != "" {
			msg += ": " + h
		} else {
			msg += ": write [] for an empty list"
		}
	}
	ds.add(pos, path, "%s", msg)
}

// enumDiag names the allowed values, and the one probably meant.
func enumDiag(at *vnode, path string, k *kind.Enum, ds *diags) {
	var want []string
	for _, w := range k.Want {
		want = append(want, fmt.Sprint(w))
	}
	msg := fmt.Sprintf("%s is not one of %s", quote(at.str), strings.Join(want, ", "))
	if c := strings.ToLower(at.str); slices.Contains(want, c) {
		msg += " (did you mean " + quote(c) + "? values are lower case)"
	} else if c := suggest.Closest(c, want, 3); c != "" {
		msg += " (did you mean " + quote(c) + "?)"
	}
	ds.add(at.pos, path, "%s", msg)
}

func uniqueDiag(at *vnode, path string, k *kind.UniqueItems, ds *diags) {
	first, dup := at, at
	if i := k.Duplicates[0]; i < len(at.items) {
		first = at.items[i]
	}
	if i := k.Duplicates[1]; i < len(at.items) {
		dup = at.items[i]
	}
	where := fmt.Sprintf("line %d", first.pos.Line)
	if first.pos.Line == dup.pos.Line {
		where = fmt.Sprintf("column %d", first.pos.Col)
	}
	ds.add(dup.pos, indexPath(path, k.Duplicates[1]), "%s is listed twice (first at %s): list it once", quote(dup.str), where)
}

var typeWords = map[string]string{
	"object":  "a mapping",
	"array":   "a list",
	"string":  "a string",
	"integer": "a whole number",
	"number":  "a number",
	"boolean": "true or false",
	"null":    "null",
}

// locate returns the node at a JSON pointer's tokens, its display path and,
// when it is the value of a mapping field, the field's key position.
func locate(root *vnode, tokens []string) (*vnode, string, Pos) {
	v, path, keyPos := root, "", Pos{}
	for _, t := range tokens {
		switch v.kind {
		case yaml.MappingNode:
			f := v.get(t)
			if f == nil {
				return nil, "", Pos{}
			}
			v, path, keyPos = f.val, join(path, t), f.keyPos
		case yaml.SequenceNode:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(v.items) {
				return nil, "", Pos{}
			}
			v, path, keyPos = v.items[i], indexPath(path, i), Pos{}
		default:
			return nil, "", Pos{}
		}
	}
	return v, path, keyPos
}

// listable matches a string that can be shown as a flow list item.
var listable = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/@+:~-]{0,63}$`)

// plainKey matches a field name that can be shown in a path.
var plainKey = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// lastName returns the last field name of a path: "runtimes" for
// models[0].served_by[1].runtimes.
func lastName(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}

// patternMsg explains why got does not match the schema pattern want.
func patternMsg(got, want, what string) string {
	rule, ok := patternRules[want]
	if !ok {
		return fmt.Sprintf("%s is not a valid %s: want a match for %s", quote(got), what, want)
	}
	msg := fmt.Sprintf("%s is not a valid %s", quote(got), what)
	if foreign := nonASCII(got, rule); len(foreign) > 0 {
		// A letter of another script can look exactly like an ASCII one
		// (Cyrillic а, Latin a): each is named, and no fix is suggested,
		// since one that dropped it would hide what was wrong.
		verb := " is"
		if len(foreign) > 1 {
			verb = " are"
		}
		return msg + ": " + runeNames(foreign) + verb + " not allowed; use " + rule.words
	}
	if rule.fix != nil {
		if f := rule.fix(got); f != got && f != "" && rule.matches(f) && likelyFix(got, f) {
			msg += " (did you mean " + quote(f) + "?)"
		}
	}
	for i, r := range got {
		switch {
		case i == 0 && !rule.first(r):
			if rule.rest(r) {
				msg += fmt.Sprintf(": it cannot start with %s", quoteRune(r))
			} else {
				msg += fmt.Sprintf(": %s is not allowed", quoteRune(r))
			}
		case i > 0 && !rule.rest(r):
			msg += fmt.Sprintf(": %s is not allowed", quoteRune(r))
		default:
			continue
		}
		break
	}
	return msg + "; use " + rule.words
}

// likelyFix reports whether fix is close enough to got to be what was
// meant: the same word up to case, separators and two more edits.
func likelyFix(got, fix string) bool {
	norm := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == '_' || r == ' ' || r == '.' {
				return '-'
			}
			return unicode.ToLower(r)
		}, s)
	}
	return suggest.Distance(norm(got), norm(fix), 2) <= 2
}

func quoteRune(r rune) string {
	switch r {
	case ' ':
		return "a space"
	case '\'':
		return `"'"`
	}
	if r >= 0x80 {
		return runeName(r)
	}
	if r < ' ' || r == 0x7f {
		return fmt.Sprintf("%U", r)
	}
	return "'" + string(r) + "'"
}

// runeName names a character by its code point and Unicode name, such as
// U+0430 CYRILLIC SMALL LETTER A: a message never shows a look-alike or an
// invisible character as itself.
func runeName(r rune) string {
	if name := runenames.Name(r); name != "" && !strings.HasPrefix(name, "<") {
		return fmt.Sprintf("%U %s", r, name)
	}
	return fmt.Sprintf("%U", r)
}

// maxNamed is how many distinct characters runeNames names.
const maxNamed = 3

// runeNames names rs, at most maxNamed of them, joined for a sentence.
func runeNames(rs []rune) string {
	var names []string
	for _, r := range rs[:min(len(rs), maxNamed)] {
		names = append(names, runeName(r))
	}
	if len(rs) > maxNamed {
		names = append(names, fmt.Sprintf("%d more", len(rs)-maxNamed))
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// nonASCII returns, when s holds a non-ASCII character that rule does not
// allow, every distinct character that rule does not allow and that a
// message could not show as itself (non-ASCII or control), in order; else
// nil.
func nonASCII(s string, rule patternRule) []rune {
	var out []rune
	foreign := false
	for i, r := range s {
		if i == 0 && rule.first(r) || i > 0 && rule.rest(r) || r < 0x80 && r >= ' ' && r != 0x7f || slices.Contains(out, r) {
			continue
		}
		out = append(out, r)
		foreign = foreign || r >= 0x80
	}
	if !foreign {
		return nil
	}
	return out
}

// fieldHome returns where a field unknown in definition def belongs
// instead, such as "a served_by entry", or "".
func fieldHome(raw map[string]any, name, def string) string {
	defs, _ := raw["$defs"].(map[string]any)
	var homes []string
	for _, d := range []string{"provider", "runtime", "model", "servedBy"} {
		m, _ := defs[d].(map[string]any)
		props, _ := m["properties"].(map[string]any)
		if _, ok := props[name]; ok && d != def {
			homes = append(homes, "a "+defWords[d])
		}
	}
	if props, _ := raw["properties"].(map[string]any); props[name] != nil && def != "" {
		homes = append(homes, "the top level")
	}
	if len(homes) == 0 || len(homes) > 2 {
		return ""
	}
	return strings.Join(homes, " or ")
}

// indexPath returns path[i], in one allocation: a path is made for every
// list item of the input.
func indexPath(path string, i int) string {
	var num [20]byte
	digits := strconv.AppendInt(num[:0], int64(i), 10)
	var b strings.Builder
	b.Grow(len(path) + len(digits) + 2)
	b.WriteString(path)
	b.WriteByte('[')
	b.Write(digits)
	b.WriteByte(']')
	return b.String()
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// schemaProps returns the property names allowed where the keyword at
// keywordURL applies, from the schema document itself.
func schemaProps(raw map[string]any, keywordURL string) []string {
	_, ptr, _ := strings.Cut(keywordURL, "#")
	ptr = strings.TrimSuffix(ptr, "/additionalProperties")
	var node any = raw
	for _, t := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if t == "" {
			continue
		}
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[t]
	}
	m, _ := node.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	var names []string
	for n := range props {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
