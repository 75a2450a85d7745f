package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// maxInput is the largest providers.yaml accepted, checked before parsing.
const maxInput = 16 << 20

// maxDepth bounds nesting; a valid registry nests five levels deep.
const maxDepth = 64

// A vnode is a YAML node with aliases resolved, merge keys refused and
// positions kept: the one tree that schema validation, the semantic rules
// and the model are built from.
type vnode struct {
	pos    Pos
	kind   yaml.Kind // MappingNode, SequenceNode or ScalarNode
	tag    string    // short tag of a scalar: !!str, !!int, !!bool, !!null, !!float
	str    string    // scalar value
	fields []field   // mapping entries in order
	items  []*vnode  // sequence items
}

type field struct {
	name   string
	keyPos Pos
	val    *vnode
}

// get returns the value of the mapping field name, or nil.
func (v *vnode) get(name string) *field {
	if v == nil {
		return nil
	}
	for i := range v.fields {
		if v.fields[i].name == name {
			return &v.fields[i]
		}
	}
	return nil
}

// readInput reads path, refusing files over maxInput before parsing them.
func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, &InputError{File: path, Diags: []Diag{{Pos: Pos{1, 1}, Msg: fmt.Sprintf("file is larger than the %d MiB limit", maxInput>>20)}}}
	}
	return data, nil
}

// parse turns the bytes of a providers.yaml into a vnode tree. Problems are
// added to ds; the tree is nil when the YAML itself could not be read.
func parse(data []byte, ds *diags) *vnode {
	if len(data) > maxInput {
		ds.add(Pos{1, 1}, "", "file is larger than the %d MiB limit", maxInput>>20)
		return nil
	}
	if !utf8.Valid(data) {
		ds.add(offsetPos(data, invalidUTF8(data)), "", "invalid UTF-8: save the file as UTF-8")
		return nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		ds.add(offsetPos(data, bytes.IndexByte(data, 0)), "", "NUL byte: this is not a text file")
		return nil
	}
	tabs := false
	for i, c := range data {
		if c == '\t' {
			ds.add(offsetPos(data, i), "", "tab character: YAML here is indented with spaces only")
			tabs = true
		}
	}
	if tabs {
		return nil
	}
	root, err := decodeYAML(data)
	if err != nil {
		ds.add(yamlErrPos(data, err), "", "%s", yamlErrMsg(err))
		return nil
	}
	if root == nil {
		ds.add(Pos{1, 1}, "", "empty file: want a mapping with version, providers, runtimes and models")
		return nil
	}
	c := converter{ds: ds, budget: 4*countNodes(root, 0) + 10000}
	v := c.convert(root, 0)
	if c.blown {
		return nil
	}
	if v != nil && v.kind != yaml.MappingNode {
		ds.add(v.pos, "", "the document is a %s: want a mapping with version, providers, runtimes and models", kindName(v))
		return nil
	}
	return v
}

// decodeYAML parses the one document in data. A panic in the YAML library
// is turned into an error: bad input must never crash the generator.
func decodeYAML(data []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, fmt.Errorf("yaml: the YAML parser failed on this input (%v)", r)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &docError{Pos{next.Line, next.Column}}
	case !errors.Is(err, io.EOF):
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

type docError struct{ pos Pos }

func (e *docError) Error() string {
	return "a second YAML document: providers.yaml holds exactly one (remove the '---' separator)"
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

func yamlErrPos(data []byte, err error) Pos {
	var de *docError
	if errors.As(err, &de) {
		return de.pos
	}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
		line, _ := strconv.Atoi(m[1])
		return Pos{line, firstCol(data, line)}
	}
	return Pos{1, 1}
}

func yamlErrMsg(err error) string {
	var de *docError
	if errors.As(err, &de) {
		return de.Error()
	}
	return "YAML syntax: " + yamlLine.ReplaceAllString(err.Error(), "")
}

// firstCol returns the column of the first non-blank byte of line.
func firstCol(data []byte, line int) int {
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return 1
		}
		data = data[i+1:]
	}
	col := 1
	for _, c := range data {
		if c != ' ' {
			break
		}
		col++
	}
	return col
}

// offsetPos converts a byte offset into a line and a column in characters.
func offsetPos(data []byte, off int) Pos {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return Pos{line, 1 + utf8.RuneCount(data[start:off])}
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

func countNodes(n *yaml.Node, depth int) int {
	if n == nil || depth > maxDepth {
		return 1
	}
	c := 1
	for _, k := range n.Content {
		c += countNodes(k, depth+1)
	}
	return c
}

// converter resolves aliases within a budget of nodes, so that a "billion
// laughs" file fails fast instead of expanding.
type converter struct {
	ds     *diags
	budget int
	blown  bool
	active []*yaml.Node // anchors being expanded, to catch an alias to an ancestor
}

func (c *converter) convert(n *yaml.Node, depth int) *vnode {
	if c.blown {
		return nil
	}
	c.budget--
	if c.budget < 0 {
		c.blown = true
		c.ds.add(Pos{n.Line, n.Column}, "", "YAML aliases expand too far (an alias bomb?): the file must expand to at most a few times its own size")
		return nil
	}
	if depth > maxDepth {
		c.blown = true
		c.ds.add(Pos{n.Line, n.Column}, "", "nested more than %d levels deep", maxDepth)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			c.ds.add(Pos{n.Line, n.Column}, "", "unknown YAML alias %q", n.Value)
			return nil
		}
		for _, a := range c.active {
			if a == n.Alias {
				c.blown = true
				c.ds.add(Pos{n.Line, n.Column}, "", "YAML alias *%s refers to a node that contains it", n.Value)
				return nil
			}
		}
		c.active = append(c.active, n.Alias)
		v := c.convert(n.Alias, depth+1)
		c.active = c.active[:len(c.active)-1]
		return v
	case yaml.ScalarNode:
		tag := n.ShortTag()
		switch tag {
		case "!!str", "!!int", "!!bool", "!!null", "!!float":
		case "!!timestamp", "!!binary":
			tag = "!!str"
		default:
			c.ds.add(Pos{n.Line, n.Column}, "", "YAML tag %s is not supported: write a plain value", n.Tag)
			tag = "!!str"
		}
		return &vnode{pos: Pos{n.Line, n.Column}, kind: yaml.ScalarNode, tag: tag, str: n.Value}
	case yaml.SequenceNode:
		v := &vnode{pos: Pos{n.Line, n.Column}, kind: yaml.SequenceNode, items: []*vnode{}}
		for _, item := range n.Content {
			if x := c.convert(item, depth+1); x != nil {
				v.items = append(v.items, x)
			} else if c.blown {
				return nil
			} else {
				v.items = append(v.items, &vnode{pos: Pos{item.Line, item.Column}, kind: yaml.ScalarNode, tag: "!!null"})
			}
		}
		return v
	case yaml.MappingNode:
		v := &vnode{pos: Pos{n.Line, n.Column}, kind: yaml.MappingNode}
		seen := map[string]Pos{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			kp := Pos{k.Line, k.Column}
			if k.Kind == yaml.AliasNode && k.Alias != nil {
				k = k.Alias
			}
			if k.Kind != yaml.ScalarNode {
				c.ds.add(kp, "", "a mapping key must be a plain word")
				continue
			}
			if k.ShortTag() == "!!merge" {
				c.ds.add(kp, "", "YAML merge keys (<<) are not supported: write the fields out")
				continue
			}
			if first, dup := seen[k.Value]; dup {
				c.ds.add(kp, "", "duplicate key %q (first at line %d)", k.Value, first.Line)
				continue
			}
			seen[k.Value] = kp
			x := c.convert(val, depth+1)
			if c.blown {
				return nil
			}
			if x == nil {
				x = &vnode{pos: Pos{val.Line, val.Column}, kind: yaml.ScalarNode, tag: "!!null"}
			}
			v.fields = append(v.fields, field{name: k.Value, keyPos: kp, val: x})
		}
		return v
	}
	c.ds.add(Pos{n.Line, n.Column}, "", "unexpected YAML node")
	return nil
}

func kindName(v *vnode) string {
	switch v.kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	switch v.tag {
	case "!!null":
		return "null"
	case "!!int", "!!float":
		return "number"
	case "!!bool":
		return "boolean"
	}
	return "string"
}

// toJSON returns v as the generic value that JSON Schema validates.
func toJSON(v *vnode) any {
	switch v.kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(v.fields))
		for _, f := range v.fields {
			m[f.name] = toJSON(f.val)
		}
		return m
	case yaml.SequenceNode:
		a := make([]any, len(v.items))
		for i, x := range v.items {
			a[i] = toJSON(x)
		}
		return a
	}
	switch v.tag {
	case "!!null":
		return nil
	case "!!bool":
		b, _ := strconv.ParseBool(strings.ToLower(v.str))
		return b
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(v.str, "_", ""), 0, 64); err == nil {
			return i
		}
		return float64(0)
	case "!!float":
		f, _ := strconv.ParseFloat(v.str, 64)
		return f
	}
	return v.str
}
