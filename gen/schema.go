package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"gopkg.in/yaml.v3"

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

// patternWords says in words what each schema pattern allows.
var patternWords = map[string]string{
	"^[a-z0-9][a-z0-9-]*$":             "lower-case letters, digits and '-', starting with a letter or digit",
	"^[A-Za-z0-9][A-Za-z0-9._/@+-]*$":  "letters, digits and . _ / @ + -, starting with a letter or digit",
	"^[A-Za-z0-9][A-Za-z0-9._/@+:-]*$": "letters, digits and . _ / @ + - :, starting with a letter or digit",
	"^[A-Z_][A-Z0-9_]*$":               "upper-case letters, digits and '_', not starting with a digit (an env var name, never its value)",
	"^[A-Z][A-Za-z0-9]*$":              "a Go identifier starting with an upper-case letter, letters and digits only",
}

// validateSchema checks root against the embedded JSON Schema and adds one
// plain-words problem per failed keyword, at the YAML position it concerns.
func validateSchema(root *vnode, ds *diags) {
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

func schemaDiag(root *vnode, raw map[string]any, e *jsonschema.ValidationError, ds *diags) {
	at, path := locate(root, e.InstanceLocation)
	if at == nil {
		ds.add(root.pos, "", "schema: %s", e.Error())
		return
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		for _, m := range k.Missing {
			ds.add(at.pos, path, "missing required field %q%s", m, requiredHint[m])
		}
	case *kind.AdditionalProperties:
		allowed := schemaProps(raw, e.SchemaURL)
		for _, p := range k.Properties {
			f := at.get(p)
			pos := at.pos
			if f != nil {
				pos = f.keyPos
			}
			msg := fmt.Sprintf("unknown field %q", p)
			if s := suggest.Closest(p, allowed, 3); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else if len(allowed) > 0 {
				msg += " (allowed: " + strings.Join(allowed, ", ") + ")"
			}
			ds.add(pos, join(path, p), "%s", msg)
		}
	case *kind.Type:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = typeWords[w]
		}
		got := kindName(at)
		if at.kind == yaml.ScalarNode && at.tag == "!!null" {
			got = "empty (null)"
		}
		ds.add(at.pos, path, "want %s, got %s", strings.Join(want, " or "), got)
	case *kind.Pattern:
		words := patternWords[k.Want]
		if words == "" {
			words = "a match for " + k.Want
		}
		ds.add(at.pos, path, "%q is not allowed here: want %s", k.Got, words)
	case *kind.MaxLength:
		ds.add(at.pos, path, "%d characters long: the limit is %d", k.Got, k.Want)
	case *kind.MinLength:
		ds.add(at.pos, path, "must not be empty")
	case *kind.MinItems:
		ds.add(at.pos, path, "empty list: list at least %d", k.Want)
	case *kind.UniqueItems:
		item := at
		if d := k.Duplicates[1]; d < len(at.items) {
			item = at.items[d]
		}
		ds.add(item.pos, fmt.Sprintf("%s[%d]", path, k.Duplicates[1]), "repeats item %d of the list", k.Duplicates[0])
	case *kind.Const:
		if path == "version" {
			ds.add(at.pos, path, "unsupported version %v: this generator reads version 1", k.Got)
			return
		}
		ds.add(at.pos, path, "want %v", k.Want)
	default:
		ds.add(at.pos, path, "%s", strings.TrimSpace(e.ErrorKind.LocalizedString(nil)))
	}
}

var requiredHint = map[string]string{
	"served_by": ": list who serves the model, e.g. served_by: [{provider: anthropic, runtimes: [claude-code]}]",
	"runtimes":  ": list the runtime ids this provider serves the model on",
	"provider":  ": name the provider id that serves the model",
	"version":   ": add 'version: 1' at the top",
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

// locate returns the node at a JSON pointer's tokens and its display path.
func locate(root *vnode, tokens []string) (*vnode, string) {
	v, path := root, ""
	for _, t := range tokens {
		switch v.kind {
		case yaml.MappingNode:
			f := v.get(t)
			if f == nil {
				return nil, ""
			}
			v, path = f.val, join(path, t)
		case yaml.SequenceNode:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(v.items) {
				return nil, ""
			}
			v, path = v.items[i], fmt.Sprintf("%s[%d]", path, i)
		default:
			return nil, ""
		}
	}
	return v, path
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
