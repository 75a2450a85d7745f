package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/yamlerr"
	"gopkg.in/yaml.v3"
)

// maxDepth bounds nesting; a valid registry nests five levels deep.
const maxDepth = 64

// A vnode is a YAML node with aliases resolved, merge keys refused and
// positions kept: the one tree that schema validation, the semantic rules
// and the model are built from.
type vnode struct {
	pos  Pos
	kind yaml.Kind // MappingNode, SequenceNode or ScalarNode
	tag  scalarTag // of a scalar
	bad  bool      // a scalar refused (and reported) when it was read
	// escaped: a double-quoted scalar, whose value can differ from its
	// text by escapes and line continuations
	escaped bool
	str     string   // scalar value as written
	val     any      // the decoded value of a null, bool, int or float (see coreValue)
	fields  []field  // mapping entries in order
	items   []*vnode // sequence items
}

// scalarTag is the tag of a scalar vnode in a byte: a registry has
// hundreds of thousands of scalars.
type scalarTag uint8

const (
	tagNone  scalarTag = iota // a mapping or a list
	tagStr                    // !!str
	tagInt                    // !!int
	tagFloat                  // !!float
	tagBool                   // !!bool
	tagNull                   // !!null
	tagOther                  // another tag, which no value has: the scalar is refused (bad)
)

// tagOf returns the scalarTag of a short tag such as !!str.
func tagOf(name string) scalarTag {
	switch name {
	case "!!str":
		return tagStr
	case "!!int":
		return tagInt
	case "!!float":
		return tagFloat
	case "!!bool":
		return tagBool
	case "!!null":
		return tagNull
	}
	return tagOther
}

type field struct {
	name    string
	keyPos  Pos
	val     *vnode
	escaped bool // the key is double-quoted
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

// parse turns the bytes of a providers.yaml into a vnode tree. Problems are
// added to ds; the tree is nil when the YAML itself could not be read.
func parse(data []byte, ds *diags) *vnode { return parseText(data, string(data), ds) }

// parseText is parse given the input as text too: the tree's strings are
// parts of it, and check shares it with the credential scan. data is read
// only by the first checks, so that the caller can let it go.
func parseText(data []byte, text string, ds *diags) *vnode {
	if !readable(data, ds) {
		return nil
	}
	if v, ok := fastParse(text); ok {
		return v
	}
	return parseYAML([]byte(text), ds) // a copy: data is not read after readable
}

// readable reports whether data can be read as YAML text at all: within
// MaxInput, UTF-8, no control characters and no tabs. When it cannot, the
// problem is added to ds.
func readable(data []byte, ds *diags) bool {
	if len(data) > MaxInput {
		ds.add(Pos{1, 1}, "", "%s", tooLarge)
		return false
	}
	if !utf8.Valid(data) {
		ds.add(offsetPos(data, invalidUTF8(data)), "", "invalid UTF-8: save the file as UTF-8")
		return false
	}
	if off, r := badChar(data); off >= 0 {
		switch r {
		case 0:
			ds.add(offsetPos(data, off), "", "NUL byte: this is not a text file")
		case '\r':
			ds.add(offsetPos(data, off), "", "carriage return without a line feed: save the file with \\n (or \\r\\n) line endings")
		case 0x85, 0x2028, 0x2029:
			ds.add(offsetPos(data, off), "", "Unicode line break %U: YAML reads it as a new line; use \\n", r)
		default:
			ds.add(offsetPos(data, off), "", "control character %U: YAML allows only printable characters; delete it", r)
		}
		return false
	}
	if i := bytes.IndexByte(data, '\t'); i >= 0 {
		msg := "tab character in the indentation: YAML indents with spaces only; replace it with spaces"
		if !indentTab(data, i) {
			msg = "tab character: this file uses spaces only; replace it with spaces"
		}
		switch n := bytes.Count(data[i+1:], []byte("\t")); n {
		case 0:
		case 1:
			msg += " (and 1 more tab after this one)"
		default:
			msg += fmt.Sprintf(" (and %d more tabs after this one)", n)
		}
		ds.add(offsetPos(data, i), "", "%s", msg)
		return false
	}
	return true
}

// parseYAML is parse with yaml.v3: the tree of its nodes, converted.
func parseYAML(data []byte, ds *diags) *vnode {
	root, err := decodeYAML(data)
	if err != nil {
		pos, msg := syntaxError(data, err)
		ds.add(pos, "", "%s", msg)
		return nil
	}
	if root == nil || root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" && root.Value == "" {
		ds.add(Pos{1, 1}, "", "empty file: want a mapping with version, providers, runtimes and models")
		return nil
	}
	c := converter{ds: ds, budget: 4*countNodes(root, 0) + 10000, lines: 1 + bytes.Count(data, []byte("\n")),
		data: data, bang: bytes.IndexByte(data, '!') >= 0}
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
		return nil, &docError{posAt(next.Line, next.Column)}
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
	return "a second YAML document: providers.yaml holds exactly one (remove the '---' or '...' separator and what follows, or merge the two)"
}

// syntaxError returns the position and plain-words message of an error from
// decodeYAML. yaml.v3 reports syntax errors at the start of the construct
// that failed (or without a line), so the line is found again here: it is
// the first line whose prefix of the file fails the same way. Truncating a
// file at a line break leaves valid YAML everywhere outside quoted and
// flow constructs, which is where the problem starts.
func syntaxError(data []byte, err error) (Pos, string) {
	var de *docError
	if errors.As(err, &de) {
		// Point at the separator that starts the second document.
		lines := bytes.Split(data, []byte("\n"))
		line := min(int(de.pos.Line), len(lines))
		for l := line; l >= 1; l-- {
			if t := lines[l-1]; bytes.HasPrefix(t, []byte("---")) || bytes.HasPrefix(t, []byte("...")) {
				return posAt(l, 1), de.Error()
			}
		}
		return posAt(line, 1), de.Error()
	}
	problem, line := yamlerr.Split(err)
	line = max(line, 1)
	if !strings.HasPrefix(err.Error(), "yaml: the YAML parser failed") {
		line = yamlerr.Line(data, problem, line, func(b []byte) error {
			_, err := decodeYAML(b)
			return err
		})
	}
	pos := posAt(line, firstCol(data, line))
	if anchor, ok := strings.CutPrefix(problem, "unknown anchor '"); ok {
		anchor = strings.TrimSuffix(anchor, "' referenced")
		if i := aliasUse(data, anchor); i >= 0 {
			pos = offsetPos(data, i)
		}
		return pos, fmt.Sprintf("YAML alias *%s: no anchor &%s is defined before it", unquoted(anchor), unquoted(anchor))
	}
	for _, h := range syntaxHints {
		if strings.HasPrefix(problem, h.problem) {
			return pos, "YAML syntax: " + h.words
		}
	}
	return pos, "YAML syntax: " + problem
}

// syntaxHints says in plain words what the yaml.v3 problems mean, and what
// usually causes them.
var syntaxHints = []struct{ problem, words string }{
	{"did not find expected key", "this line does not fit the mapping it is in: check its indentation (keys of one mapping line up), or quote a value that contains ': ' or ' #'"},
	{"did not find expected '-' indicator", "this line does not fit the list it is in: check its indentation (items of one list line up under their '-')"},
	{"did not find expected ',' or ']'", "a [ list ] is not closed: add the ']' or separate its items with ','"},
	{"did not find expected ',' or '}'", "a { mapping } is not closed: add the '}' or separate its entries with ','"},
	{"did not find expected node content", "a value is missing here: an unclosed '[' or '{', or a ',' with nothing after it?"},
	{"mapping values are not allowed in this context", "unexpected ':' on this line: quote a value that contains ': ', or check the indentation"},
	{"block sequence entries are not allowed in this context", "a '- ' list item cannot start on the line of its key: put the items on the lines below, indented"},
	{"found character that cannot start any token", "a plain value cannot start with this character (such as @ ` % or |): quote the value"},
	{"found unexpected end of stream", "a quoted value is not closed: add the closing quote"},
	{"found unknown escape character", "unknown escape in a double-quoted value: write \\\\ for a backslash, or use single quotes"},
	{"could not find expected ':'", "a key without ':' after it (or a quoted value that is not closed)"},
	{"control characters are not allowed", "a control character: YAML allows only printable characters"},
	{"exceeded max depth", fmt.Sprintf("nested too deep (the registry nests 5 levels; the limit is %d)", maxDepth)},
	{"found a tab character", "a tab character: indent YAML with spaces, never tabs"},
	{"found undefined tag handle", "an undefined YAML tag handle: write a plain value"},
	{"found unexpected document indicator", "a '---' or '...' inside a value: quote the value"},
}

// aliasUse returns the offset of the first use of alias *name in data, or -1.
func aliasUse(data []byte, name string) int {
	re := regexp.MustCompile(`\*` + regexp.QuoteMeta(name) + `(?:[\s,\]}]|$)`)
	if loc := re.FindIndex(data); loc != nil {
		return loc[0]
	}
	return -1
}

// firstCol returns the column of the first non-blank character of line.
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
	if i := bytes.IndexByte(data, '\n'); i >= 0 && col > i+1 {
		return 1 // a blank line
	}
	return col
}

// indentTab reports whether the tab at data[i] is in a line's indentation.
func indentTab(data []byte, i int) bool {
	for j := i - 1; j >= 0 && data[j] != '\n'; j-- {
		if data[j] != ' ' && data[j] != '\t' {
			return false
		}
	}
	return true
}

// badChar returns the offset of the first character that YAML does not
// allow (a control character other than tab, line feed and carriage return,
// or a byte order mark past the start), or that YAML takes for a line break
// where editors and these messages do not (a carriage return alone, NEL,
// U+2028, U+2029), and the character; or -1.
func badChar(data []byte) (int, rune) {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == '\t' || r == '\n':
		case r == '\r':
			if i+1 == len(data) || data[i+1] != '\n' {
				return i, r
			}
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0,
			r == 0xfeff && i > 0, r == 0xfffe || r == 0xffff, r == 0x2028 || r == 0x2029:
			return i, r
		}
		i += n
	}
	return -1, 0
}

// offsetPos converts a byte offset into a line and a column in characters,
// as yaml.v3 counts them: a byte order mark at the start takes no column.
func offsetPos(data []byte, off int) Pos {
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	if start == 0 && bytes.HasPrefix(data, []byte("\ufeff")) && off >= 3 {
		start = 3
	}
	return posAt(line, 1+utf8.RuneCount(data[start:off]))
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
	active []*yaml.Node // aliases being expanded, outermost first
	lines  int          // lines in the input, to keep positions inside it
	data   []byte       // the input
	bang   bool         // whether the input has a '!' (a tag) anywhere
	index  *runeIndex   // built on first use
	at     []loc        // the path to the node being converted
	slab
}

// slabSize is how many nodes are allocated at once: a 16 MiB input has
// millions, and one allocation each would be most of the work.
const slabSize = 1024

// slab allocates vnodes slabSize at a time.
type slab struct{ free []vnode }

// node returns a new node holding v.
func (s *slab) node(v vnode) *vnode {
	if len(s.free) == 0 {
		s.free = make([]vnode, slabSize)
	}
	n := &s.free[0]
	*n = v
	s.free = s.free[1:]
	return n
}

// pos returns n's position. yaml.v3 places an empty value at the end of
// the input one line past its last line break; it is moved back onto the
// last line.
func (c *converter) pos(n *yaml.Node) Pos {
	if c.lines > 0 && n.Line > c.lines {
		return posAt(c.lines, 1)
	}
	return posAt(n.Line, n.Column)
}

// convert turns n into a vnode, within the budget and depth limits.
func (c *converter) convert(n *yaml.Node, depth int) *vnode {
	if c.blown {
		return nil
	}
	pos := c.pos(n)
	c.budget--
	if c.budget < 0 {
		c.blown = true
		if len(c.active) > 0 {
			a := c.active[0]
			c.ds.add(c.pos(a), "", "YAML alias *%s expands too far (an alias bomb?): aliases may expand the file to at most a few times its size", unquoted(a.Value))
		} else {
			c.ds.add(pos, "", "the document is too large to expand")
		}
		return nil
	}
	if depth > maxDepth {
		c.blown = true
		c.ds.add(pos, "", "nested more than %d levels deep (the registry nests 5)", maxDepth)
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return c.alias(n, pos, depth)
	case yaml.ScalarNode:
		return c.scalar(n, pos)
	case yaml.SequenceNode:
		return c.sequence(n, pos, depth)
	case yaml.MappingNode:
		return c.mapping(n, pos, depth)
	}
	c.ds.add(pos, "", "unexpected YAML node")
	return nil
}

// loc is one step of the path to the node being converted: a mapping key,
// or a list index when name is "".
type loc struct {
	name  string
	index int
}

// path returns where the node being converted is, such as
// models[3].aliases[0], leaving out keys that are not plain words. It is
// built only for a message: the converter keeps a stack of steps rather
// than a string per node.
func (c *converter) path() string { return renderPath(c.at) }

// renderPath makes steps a path such as models[3].aliases[0], leaving out
// keys that are not plain words.
func renderPath(steps []loc) string {
	p := ""
	for _, l := range steps {
		switch {
		case l.name == "":
			p = indexPath(p, l.index)
		case plainKey.MatchString(l.name):
			p = join(p, l.name)
		}
	}
	return p
}

// alias expands an alias in place, refusing one that contains itself.
func (c *converter) alias(n *yaml.Node, pos Pos, depth int) *vnode {
	if n.Alias == nil {
		c.ds.add(pos, "", "YAML alias *%s: no anchor &%s is defined before it", unquoted(n.Value), unquoted(n.Value))
		return nil
	}
	for _, a := range c.active {
		if a.Alias == n.Alias {
			c.blown = true
			c.ds.add(pos, "", "YAML alias *%s refers to a node that contains it", unquoted(n.Value))
			return nil
		}
	}
	c.active = append(c.active, n)
	v := c.convert(n.Alias, depth+1)
	c.active = c.active[:len(c.active)-1]
	return v
}

// scalar resolves and decodes a scalar by the YAML 1.2 core schema (see
// coreTag): a quoted or block scalar is a string; a plain one is what its
// form says, or a string under the non-specific tag !; an explicitly
// tagged one must have its tag's form. A value that is refused is reported
// here, once, and marked bad so that nothing else reports it again.
func (c *converter) scalar(n *yaml.Node, pos Pos) *vnode {
	v := c.node(vnode{pos: pos, kind: yaml.ScalarNode, str: n.Value, escaped: n.Style&yaml.DoubleQuotedStyle != 0})
	const quoted = yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle
	tag := coreTag(n.Value)
	switch {
	case n.Style&yaml.TaggedStyle != 0:
		tag = n.ShortTag()
	case n.Style&quoted != 0 || c.nonSpecific(n):
		tag = "!!str"
	}
	if err := v.resolve(tag); err != nil {
		c.ds.add(pos, c.path(), "%s", err)
		v.bad = true
	}
	return v
}

// resolve sets the tag of a scalar, and its value from the tag and its
// text (coreValue), or says why the core schema refuses it.
func (v *vnode) resolve(tag string) error {
	if v.tag = tagOf(tag); v.tag == tagStr {
		return nil
	}
	val, err := coreValue(tag, v.str)
	v.val = val
	return err
}

// nonSpecific reports whether the plain scalar n carries the non-specific
// tag "!", which makes it a string (YAML 1.2, section 6.9.1). yaml.v3
// drops that tag, so it is read from the text: a plain scalar cannot start
// with '!' or '&', so either one where the node starts is a property.
func (c *converter) nonSpecific(n *yaml.Node) bool {
	if !c.bang {
		return false // no '!' anywhere in the input
	}
	if c.index == nil {
		c.index = newRuneIndex(c.data)
	}
	rest := c.data[c.index.offset(posAt(n.Line, n.Column)):]
	for len(rest) > 0 && rest[0] == '&' { // an anchor before the tag
		i := bytes.IndexAny(rest, " \n")
		if i < 0 {
			return false
		}
		rest = bytes.TrimLeft(rest[i:], " \n")
	}
	return len(rest) > 1 && rest[0] == '!' && (rest[1] == ' ' || rest[1] == '\n')
}

func (c *converter) sequence(n *yaml.Node, pos Pos, depth int) *vnode {
	c.checkTag(n, pos, "!!seq")
	v := c.node(vnode{pos: pos, kind: yaml.SequenceNode, items: make([]*vnode, 0, len(n.Content))})
	for i, item := range n.Content {
		c.at = append(c.at, loc{index: i})
		x := c.convert(item, depth+1)
		c.at = c.at[:len(c.at)-1]
		if x != nil {
			v.items = append(v.items, x)
		} else if c.blown {
			return nil
		} else {
			v.items = append(v.items, c.node(vnode{pos: c.pos(item), kind: yaml.ScalarNode, tag: tagNull}))
		}
	}
	return v
}

// mapping converts a mapping: duplicate keys refused, merge keys (<<)
// applied.
func (c *converter) mapping(n *yaml.Node, pos Pos, depth int) *vnode {
	c.checkTag(n, pos, "!!map")
	v := c.node(vnode{pos: pos, kind: yaml.MappingNode, fields: make([]field, 0, len(n.Content)/2)})
	seen := keySet{}
	var merged []field
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		kp := c.pos(k)
		if k.Kind == yaml.AliasNode && k.Alias != nil {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			c.ds.add(kp, "", "a mapping key must be a plain word, not a %s", nodeKindName(k.Kind))
			continue
		}
		if k.Style&yaml.TaggedStyle != 0 && k.ShortTag() != "!!str" && k.ShortTag() != "!!merge" {
			c.ds.add(kp, c.path(), "YAML tag %s on a mapping key: a key is a plain word; remove the tag", tagName(k.Tag))
			continue
		}
		if k.ShortTag() == "!!merge" {
			if merged = c.merge(val, depth, merged); c.blown {
				return nil
			}
			continue
		}
		if first, dup := seen.get(v.fields, k.Value); dup {
			c.ds.add(kp, "", "duplicate key %s (first defined at line %d): a key appears once per mapping", quote(k.Value), first.Line)
			continue
		}
		c.at = append(c.at, loc{name: k.Value})
		x := c.convert(val, depth+1)
		c.at = c.at[:len(c.at)-1]
		if c.blown {
			return nil
		}
		if x == nil {
			x = c.node(vnode{pos: c.pos(val), kind: yaml.ScalarNode, tag: tagNull})
		}
		v.fields = append(v.fields, field{name: k.Value, keyPos: kp, val: x, escaped: k.Style&yaml.DoubleQuotedStyle != 0})
		seen.add(v.fields)
	}
	// Keys written in the mapping win over merged ones, and an earlier
	// merged mapping wins over a later one (YAML merge key semantics).
	for _, f := range merged {
		if _, dup := seen.get(v.fields, f.name); !dup {
			v.fields = append(v.fields, f)
			seen.add(v.fields)
		}
	}
	return v
}

// keySetMin is the size from which a keySet indexes a mapping's keys: a
// registry's mappings have a handful, which a scan finds faster than a map
// that every mapping would allocate.
const keySetMin = 16

// keySet finds a key among the fields of one mapping in constant time
// however many there are.
type keySet struct{ index map[string]int }

// get returns the position of the field named name, if there is one.
func (ks *keySet) get(fields []field, name string) (Pos, bool) {
	if ks.index != nil {
		i, ok := ks.index[name]
		if !ok {
			return Pos{}, false
		}
		return fields[i].keyPos, true
	}
	for _, f := range fields {
		if f.name == name {
			return f.keyPos, true
		}
	}
	return Pos{}, false
}

// add records the last of fields, just appended.
func (ks *keySet) add(fields []field) {
	switch {
	case ks.index != nil:
		ks.index[fields[len(fields)-1].name] = len(fields) - 1
	case len(fields) == keySetMin:
		ks.index = make(map[string]int, 2*keySetMin)
		for i, f := range fields {
			ks.index[f.name] = i
		}
	}
}

// checkTag reports an explicit tag on a list or mapping other than want.
func (c *converter) checkTag(n *yaml.Node, pos Pos, want string) {
	if n.Tag != "" && n.ShortTag() != want {
		c.ds.add(pos, c.path(), "YAML tag %s is not supported: write a plain %s", tagName(n.Tag), nodeKindName(n.Kind))
	}
}

// merge appends the fields of the value of a merge key (<<): a mapping, or
// a list of mappings, usually aliases (<<: *defaults).
func (c *converter) merge(val *yaml.Node, depth int, out []field) []field {
	x := c.convert(val, depth+1)
	if x == nil {
		return out
	}
	srcs := []*vnode{x}
	if x.kind == yaml.SequenceNode {
		srcs = x.items
	}
	for _, src := range srcs {
		if src.kind != yaml.MappingNode {
			c.ds.add(src.pos, "", "a merge key (<<) takes a mapping or a list of them, usually an alias such as <<: *defaults; this is a %s", kindName(src))
			continue
		}
		out = append(out, src.fields...)
	}
	return out
}

func nodeKindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

func kindName(v *vnode) string {
	switch v.kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	switch v.tag {
	case tagNull:
		return "null"
	case tagInt, tagFloat:
		return "number"
	case tagBool:
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
	if v.tag == tagStr || v.bad {
		return v.str // a refused value is reported already: the schema sees text
	}
	return v.val
}

// tagName shows a tag as written, or quoted when it holds anything else
// (a tag's %-escapes can decode to any character).
func tagName(tag string) string {
	if plainTag.MatchString(tag) {
		return unquoted(tag)
	}
	return quote(tag)
}

var plainTag = regexp.MustCompile(`^!{1,2}[A-Za-z0-9_./:-]*$`)
