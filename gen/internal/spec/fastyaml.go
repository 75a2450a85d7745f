package spec

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The fast YAML path reads the shape that a providers.yaml takes (block
// mappings and lists, one-line flow lists and mappings, plain scalars,
// one-line quoted scalars without escapes, anchors and aliases on one-line
// values, comments) straight into the vnode tree that yaml.v3 and the
// converter would give, without yaml.v3's tree of every node: at 100,000
// models that tree is 300 MB and most of a second. Anything else, and
// anything the converter would report (a duplicate or merge key, a value
// the core schema refuses, an alias that expands too far or too deep),
// makes it give up, and parse takes the yaml.v3 path, which decides and
// words every message: the fast path never makes one. It gives up rather
// than guess, so a file it reads is one whose meaning is not in doubt, and
// an alias is the node it names, shared rather than copied (nothing changes
// a vnode once built). TestFastYAMLAgrees and FuzzFastYAMLAgrees hold it
// to the yaml.v3 path's tree.

// maxSimpleKey is the longest key the fast path reads: yaml.v3 refuses an
// implicit key longer than 1024 characters.
const maxSimpleKey = 1000

// fastParser reads one document; see fastParse.
type fastParser struct {
	src       string // the input
	off       int    // the next byte to read
	line      int    // the line of off, from 1
	lineStart int    // the offset where that line starts
	colOff    int    // an offset on the line whose column is known (see pos)
	col       int    // the column of colOff, from 1
	stepped   int    // the bytes pos has counted columns over, in all
	ended     bool   // no content follows
	anchors   map[string]*fastAnchor
	nodes     int      // the YAML nodes, as countNodes counts them
	cost      int      // the nodes the converter would convert, aliases expanded
	deepest   int      // the greatest depth converted, aliases expanded
	fields    []field  // the fields of the mappings being read, innermost last
	items     []*vnode // the items of the lists being read, innermost last
	slab
}

// fastAnchor is an anchored node with what converting it costs.
type fastAnchor struct {
	v            *vnode // nil while the node is being read
	cost, height int
}

// giveUp is the panic that ends the fast path (like go/parser's bailout):
// the input is left to the yaml.v3 path.
type giveUp struct{}

// fastParse returns the vnode tree of src, or false when the yaml.v3 path
// must read it. src has passed parse's checks (UTF-8, no control
// characters or tabs, within MaxInput).
func fastParse(src string) (root *vnode, ok bool) {
	return newFastParser(src).parse()
}

func newFastParser(src string) *fastParser {
	return &fastParser{src: src, line: 1, col: 1, anchors: map[string]*fastAnchor{}}
}

func (p *fastParser) parse() (root *vnode, ok bool) {
	src := p.src
	if strings.IndexByte(src, '\r') >= 0 || strings.HasPrefix(src, "\ufeff") {
		return nil, false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(giveUp); !is {
				panic(r)
			}
			root, ok = nil, false
		}
	}()
	if p.skipToContent(); p.ended || p.indent() != 0 {
		return nil, false // empty, or not a mapping at the margin
	}
	root = p.blockMapping(0, 0)
	if !p.ended || p.cost > 4*p.nodes+10000 {
		return nil, false
	}
	return root, true
}

func (p *fastParser) fail() { panic(giveUp{}) }

// at returns the byte at off, or 0 past the end.
func (p *fastParser) at(off int) byte {
	if off < len(p.src) {
		return p.src[off]
	}
	return 0
}

// pos returns the position of off, on the current line, as yaml.v3 counts
// it: the column in characters. The column is counted on from the last one
// asked for (positions are asked for in order along a line), not from the
// line's start: a 16 MiB line of a million scalars costs one pass.
func (p *fastParser) pos(off int) Pos {
	if p.colOff < p.lineStart {
		p.colOff, p.col = p.lineStart, 1 // a new line
	}
	if off >= p.colOff {
		p.col += utf8.RuneCountInString(p.src[p.colOff:off])
		p.stepped += off - p.colOff
	} else {
		p.col -= utf8.RuneCountInString(p.src[off:p.colOff])
		p.stepped += p.colOff - off
	}
	p.colOff = off
	return posAt(p.line, p.col)
}

// indent returns the column of off, from 0, on a line indented with spaces.
func (p *fastParser) indent() int { return p.off - p.lineStart }

// nextContent checks that the rest of the line is spaces and a comment,
// and moves to the first character of the next line that holds more, or
// sets ended.
func (p *fastParser) nextContent() {
	p.endLine()
	p.skipToContent()
}

// skipToContent moves from the start of a line to the first character of
// the next line that holds more than spaces and a comment, or sets ended.
func (p *fastParser) skipToContent() {
	for p.off < len(p.src) {
		start := p.off
		for p.at(p.off) == ' ' {
			p.off++
		}
		switch p.at(p.off) {
		case '\n':
		case '#':
			p.skipLine()
			continue
		case 0:
			p.ended = true
			return
		default:
			if rest := p.src[start:]; strings.HasPrefix(rest, "---") || strings.HasPrefix(rest, "...") {
				p.fail() // a document marker
			}
			return
		}
		p.skipLine()
	}
	p.ended = true
}

// endLine checks that the rest of the line is spaces and a comment, and
// moves past it.
func (p *fastParser) endLine() {
	spaces := p.skipSpaces()
	switch c := p.at(p.off); {
	case c == '#' && spaces > 0, c == '\n', c == 0:
		p.skipLine()
	default:
		p.fail()
	}
}

// skipLine moves to the start of the next line.
func (p *fastParser) skipLine() {
	i := strings.IndexByte(p.src[p.off:], '\n')
	if i < 0 {
		p.off = len(p.src)
		return
	}
	p.off += i + 1
	p.line++
	p.lineStart = p.off
}

func (p *fastParser) skipSpaces() int {
	start := p.off
	for p.at(p.off) == ' ' {
		p.off++
	}
	return p.off - start
}

// note records a node converted at depth.
func (p *fastParser) note(depth int) {
	p.cost++
	p.nodes++
	if depth > maxDepth {
		p.fail()
	}
	p.deepest = max(p.deepest, depth)
}

// entry reports whether off starts a block list item ("- ").
func (p *fastParser) entry() bool {
	return p.at(p.off) == '-' && (p.at(p.off+1) == ' ' || p.at(p.off+1) == '\n' || p.at(p.off+1) == 0)
}

// blockMapping reads a block mapping whose keys are at column indent, the
// first at off. Like every block reader, it returns at the first character
// of the next line with content, or with ended set.
func (p *fastParser) blockMapping(indent, depth int) *vnode {
	v := p.node(vnode{pos: p.pos(p.off), kind: yaml.MappingNode})
	p.note(depth)
	base := len(p.fields)
	seen := keySet{}
	for {
		if p.entry() {
			p.fail() // a list item where a key belongs
		}
		name, kp, escaped := p.key(false)
		if _, dup := seen.get(p.fields[base:], name); dup {
			p.fail()
		}
		val := p.blockValue(indent, depth+1)
		p.fields = append(p.fields, field{name: name, keyPos: kp, val: val, escaped: escaped})
		seen.add(p.fields[base:])
		if p.ended || p.indent() < indent {
			break
		}
		if p.indent() > indent {
			p.fail() // a continuation line, or a bad indentation
		}
	}
	v.fields = p.popFields(base)
	return v
}

// key reads a mapping key and the ':' after it: a plain or quoted scalar
// on one line, followed by a space or the end of the line (in a flow
// mapping, by a space).
func (p *fastParser) key(flow bool) (name string, at Pos, escaped bool) {
	start := p.off
	at = p.pos(start)
	p.nodes++
	switch p.at(p.off) {
	case '"', '\'':
		escaped = p.at(p.off) == '"'
		name = p.quoted()
	default:
		name = p.plain(flow)
		if name == "<<" {
			p.fail() // a merge key
		}
	}
	next := p.at(p.off + 1)
	if p.at(p.off) != ':' || p.off-start > maxSimpleKey || next != ' ' && (flow || next != '\n' && next != 0) {
		p.fail()
	}
	p.off++
	return name, at, escaped
}

// blockValue reads the value of a block mapping's key, just read: on the
// same line, or on the lines below when the line ends after the ':'.
func (p *fastParser) blockValue(indent, depth int) *vnode {
	p.skipSpaces()
	if c := p.at(p.off); c != '#' && c != '\n' && c != 0 {
		v := p.inline(false, depth)
		p.nextContent()
		return v
	}
	if p.nextContent(); p.ended {
		p.fail() // an empty value
	}
	switch n := p.indent(); {
	case p.entry() && n >= indent:
		return p.blockList(n, depth)
	case n > indent:
		return p.blockMapping(n, depth)
	}
	p.fail() // an empty value
	return nil
}

// blockList reads a block list whose items' '-' are at column indent, the
// first at off.
func (p *fastParser) blockList(indent, depth int) *vnode {
	v := p.node(vnode{pos: p.pos(p.off), kind: yaml.SequenceNode})
	p.note(depth)
	base := len(p.items)
	for {
		p.off++
		if p.skipSpaces() == 0 || p.entry() {
			p.fail() // an item on the lines below, or a list in a list
		}
		var item *vnode
		if c := p.at(p.off); c == '#' || c == '\n' || c == 0 {
			p.fail()
		} else if p.isKey() {
			item = p.blockMapping(p.indent(), depth+1)
		} else {
			item = p.inline(false, depth+1)
			p.nextContent()
		}
		p.items = append(p.items, item)
		if p.ended || p.indent() < indent {
			break
		}
		if p.indent() > indent {
			p.fail()
		}
		if !p.entry() {
			break // the next key of the mapping that holds an indentless list
		}
	}
	v.items = p.popItems(base)
	return v
}

// isKey reports whether off starts a key on this line: a scalar followed
// by ':' and a space or the end of the line.
func (p *fastParser) isKey() bool {
	off := p.off
	defer func() { p.off = off }()
	switch p.at(p.off) {
	case '"', '\'':
		if !p.tryQuoted() {
			return false
		}
	default:
		if !plainStart(p.src[p.off:]) {
			return false
		}
		p.plain(false)
	}
	next := p.at(p.off + 1)
	return p.at(p.off) == ':' && (next == ' ' || next == '\n' || next == 0)
}

// tryQuoted moves past a quoted scalar on this line, and reports whether
// it is closed there.
func (p *fastParser) tryQuoted() bool {
	q := p.at(p.off)
	for i := p.off + 1; i < len(p.src) && p.src[i] != '\n'; i++ {
		if p.src[i] == q && !(q == '\'' && p.at(i+1) == '\'') {
			p.off = i + 1
			return true
		}
		if q == '\'' && p.src[i] == '\'' {
			i++ // '' is a quote
		}
	}
	return false
}

// inline reads a value that starts and ends on this line: a flow list or
// mapping, a quoted or plain scalar, an alias, or one of these anchored. In
// block context the rest of the line is left for the caller.
func (p *fastParser) inline(flow bool, depth int) *vnode {
	start := p.off
	switch p.at(p.off) {
	case '[':
		return p.flowList(depth)
	case '{':
		return p.flowMapping(depth)
	case '*':
		return p.alias(flow, depth)
	case '&':
		return p.anchored(flow, depth)
	case '"', '\'':
		escaped := p.at(p.off) == '"'
		s := p.quoted()
		p.note(depth)
		return p.node(vnode{pos: p.pos(start), kind: yaml.ScalarNode, tag: tagStr, str: s, escaped: escaped})
	}
	s := p.plain(flow)
	p.note(depth)
	v := p.node(vnode{pos: p.pos(start), kind: yaml.ScalarNode, str: s})
	if v.resolve(coreTag(s)) != nil {
		p.fail() // a value the converter reports
	}
	return v
}

// quoted reads a quoted scalar that closes on this line and holds no
// escape, and returns its value.
func (p *fastParser) quoted() string {
	q := p.at(p.off)
	start := p.off
	if !p.tryQuoted() {
		p.fail()
	}
	s := p.src[start+1 : p.off-1]
	switch {
	case q == '"' && strings.IndexByte(s, '\\') >= 0:
		p.fail() // an escape: the yaml.v3 path decodes it
	case q == '\'' && strings.Contains(s, "''"):
		return strings.ReplaceAll(s, "''", "'")
	}
	return s
}

// plainStart reports whether s starts a plain scalar the fast path reads:
// not an indicator, and not '-', '?' or ':' unless a letter, a digit or
// '.' follows the '-' (a negative number, say).
func plainStart(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; c {
	case '-':
		return len(s) > 1 && (isAlnum(s[1]) || s[1] == '.')
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\n':
		return false
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// plain reads a plain scalar on this line, as yaml.v3 ends it: at ": "
// (or ':' at the end of the line), at " #", at the end of the line and, in
// flow context, at ',', '?', '[', ']', '{' and '}'; trailing spaces are not
// part of it. In flow context a comment or the end of the line inside the
// collection makes the fast path give up.
func (p *fastParser) plain(flow bool) string {
	if !plainStart(p.src[p.off:]) {
		p.fail()
	}
	start, end := p.off, p.off
	for {
		c := p.at(p.off)
		switch {
		case c == 0 || c == '\n':
			if flow {
				p.fail()
			}
			return p.src[start:end]
		case c == ' ':
			p.off++
			if p.at(p.off) == '#' {
				if flow {
					p.fail()
				}
				p.off = end
				return p.src[start:end]
			}
			continue
		case c == ':' && (p.at(p.off+1) == ' ' || p.at(p.off+1) == '\n' || p.at(p.off+1) == 0):
			p.off = end
			return p.src[start:end]
		case flow && strings.IndexByte(",?[]{}", c) >= 0:
			if c != ',' && c != ']' && c != '}' {
				p.fail()
			}
			p.off = end
			return p.src[start:end]
		}
		p.off++
		end = p.off
	}
}

// flowList reads a flow list that closes on this line.
func (p *fastParser) flowList(depth int) *vnode {
	v := p.node(vnode{pos: p.pos(p.off), kind: yaml.SequenceNode})
	p.note(depth)
	base := len(p.items)
	p.off++
	p.skipSpaces()
	for p.at(p.off) != ']' {
		p.items = append(p.items, p.inline(true, depth+1))
		p.flowSeparator(']')
	}
	p.off++
	v.items = p.popItems(base)
	return v
}

// flowMapping reads a flow mapping that closes on this line.
func (p *fastParser) flowMapping(depth int) *vnode {
	v := p.node(vnode{pos: p.pos(p.off), kind: yaml.MappingNode})
	p.note(depth)
	base := len(p.fields)
	seen := keySet{}
	p.off++
	p.skipSpaces()
	for p.at(p.off) != '}' {
		name, kp, escaped := p.key(true)
		if _, dup := seen.get(p.fields[base:], name); dup {
			p.fail()
		}
		p.skipSpaces()
		p.fields = append(p.fields, field{name: name, keyPos: kp, val: p.inline(true, depth+1), escaped: escaped})
		seen.add(p.fields[base:])
		p.flowSeparator('}')
	}
	p.off++
	v.fields = p.popFields(base)
	return v
}

// flowSeparator moves past the spaces and the ',' after an entry of a
// flow collection that end closes, or to the end; anything else, or a ','
// just before the end, makes the fast path give up.
func (p *fastParser) flowSeparator(end byte) {
	p.skipSpaces()
	switch p.at(p.off) {
	case ',':
		p.off++
		if p.skipSpaces(); p.at(p.off) == end {
			p.fail() // a trailing comma
		}
	case end:
	default:
		p.fail()
	}
}

// popFields returns the fields of the mapping just read, from base, in a
// slice of their own (empty, not nil, as the converter makes it).
func (p *fastParser) popFields(base int) []field {
	out := make([]field, len(p.fields)-base)
	copy(out, p.fields[base:])
	p.fields = p.fields[:base]
	return out
}

// popItems returns the items of the list just read, from base, in a slice
// of their own.
func (p *fastParser) popItems(base int) []*vnode {
	out := make([]*vnode, len(p.items)-base)
	copy(out, p.items[base:])
	p.items = p.items[:base]
	return out
}

// anchorName reads the name after '&' or '*' at off.
func (p *fastParser) anchorName() string {
	start := p.off + 1
	end := start
	for end < len(p.src) && (isAlnum(p.src[end]) || p.src[end] == '_' || p.src[end] == '-') {
		end++
	}
	if end == start {
		p.fail()
	}
	p.off = end
	return p.src[start:end]
}

// anchored reads an anchored value on this line. Its node starts at the
// '&', as in yaml.v3; an alias inside it to its own name makes the fast
// path give up (the converter reports the loop).
func (p *fastParser) anchored(flow bool, depth int) *vnode {
	start := p.pos(p.off)
	name := p.anchorName()
	if p.skipSpaces() == 0 {
		p.fail()
	}
	if c := p.at(p.off); c == '&' || c == '*' || c == '#' || c == '\n' || c == 0 {
		p.fail()
	}
	p.anchors[name] = &fastAnchor{} // being read
	cost, deepest := p.cost, p.deepest
	p.deepest = 0
	v := p.inline(flow, depth)
	v.pos = start
	p.anchors[name] = &fastAnchor{v: v, cost: p.cost - cost, height: p.deepest - depth}
	p.deepest = max(deepest, p.deepest)
	return v
}

// alias returns the node an alias names, shared.
func (p *fastParser) alias(flow bool, depth int) *vnode {
	name := p.anchorName()
	c := p.at(p.off)
	if !(c == ' ' || c == '\n' || c == 0 || flow && (c == ',' || c == ']' || c == '}')) {
		p.fail()
	}
	a := p.anchors[name]
	if a == nil || a.v == nil {
		p.fail() // no such anchor yet, or one that contains the alias
	}
	p.note(depth)
	p.cost += a.cost
	if depth+1+a.height > maxDepth {
		p.fail()
	}
	p.deepest = max(p.deepest, depth+1+a.height)
	return a.v
}
