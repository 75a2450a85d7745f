package importer

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// regDoc is a valid providers.yaml as yaml.v3 nodes, aligned with the
// spec.Registry built from the same bytes (model i is models[i], its
// served_by entry j is served_by[j]), so that a difference found on the
// registry can be reported at, and written to, the exact bytes of its
// scalar.
type regDoc struct {
	data   []byte
	lines  []int // offset of the start of each line
	models []*yaml.Node
}

func newRegDoc(data []byte) *regDoc {
	d := &regDoc{data: data, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return d // not expected: the bytes compiled
	}
	if models := lookup(doc.Content[0], "models"); models.val != nil {
		d.models = deref(models.val).Content
	}
	return d
}

// ref is a field of a mapping: its key and value nodes (nil when the
// mapping does not have it), the mapping, and whether it was reached
// through an alias, an anchor or a merge key, so that writing it could
// change other places that share it.
type ref struct {
	key, val *yaml.Node
	in       *yaml.Node
	shared   bool
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// lookup returns field name of mapping m, looking through merge keys.
func lookup(m *yaml.Node, name string) ref {
	shared := m != nil && m.Kind == yaml.AliasNode
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return ref{in: m, shared: shared}
	}
	var merged []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value == name && k.Tag != "!!merge" {
			// An anchored value (&name) may be shared by aliases elsewhere.
			return ref{key: k, val: deref(v), in: m, shared: shared || v.Kind == yaml.AliasNode || v.Anchor != ""}
		}
		if k.Tag == "!!merge" {
			v = deref(v)
			if v.Kind == yaml.SequenceNode {
				merged = append(merged, v.Content...)
			} else {
				merged = append(merged, v)
			}
		}
	}
	for _, src := range merged {
		if r := lookup(src, name); r.val != nil {
			r.shared, r.in = true, m
			return r
		}
	}
	return ref{in: m, shared: shared}
}

// child returns field name of the value of r.
func (r ref) child(name string) ref {
	c := lookup(r.val, name)
	c.shared = c.shared || r.shared
	return c
}

// model returns model i's mapping, as a ref.
func (d *regDoc) model(i int) ref {
	if i >= len(d.models) {
		return ref{}
	}
	return ref{val: deref(d.models[i]), shared: d.models[i].Kind == yaml.AliasNode}
}

// entry returns served_by entry j of model i.
func (d *regDoc) entry(i, j int) ref {
	sb := d.model(i).child("served_by")
	if sb.val == nil || j >= len(sb.val.Content) {
		return ref{}
	}
	n := sb.val.Content[j]
	return ref{val: deref(n), shared: sb.shared || n.Kind == yaml.AliasNode}
}

// tier returns the tier of price p whose above is n.
func tier(p ref, n int) ref {
	tiers := p.child("tiers")
	if tiers.val == nil {
		return ref{}
	}
	for _, t := range tiers.val.Content {
		tr := ref{val: deref(t), shared: tiers.shared || t.Kind == yaml.AliasNode}
		if a := tr.child("above"); a.val != nil && a.val.Value == strconv.Itoa(n) {
			return tr
		}
	}
	return ref{}
}

// offset returns the byte offset of a node's line and column (yaml.v3
// counts columns in characters).
func (d *regDoc) offset(line, col int) int {
	if line < 1 || line > len(d.lines) {
		return -1
	}
	off := d.lines[line-1]
	for c := 1; c < col && off < len(d.data) && d.data[off] != '\n'; c++ {
		_, n := utf8.DecodeRune(d.data[off:])
		off += n
	}
	return off
}

// span returns the byte range of a scalar written on one line, plain or
// quoted, and the quote it is written with; ok is false for anything else
// (a block scalar, a scalar over several lines).
func (d *regDoc) span(n *yaml.Node) (start, end int, quote byte, ok bool) {
	if n == nil || n.Kind != yaml.ScalarNode {
		return 0, 0, 0, false
	}
	start = d.offset(n.Line, n.Column)
	if start < 0 {
		return 0, 0, 0, false
	}
	eol := bytes.IndexByte(d.data[start:], '\n')
	if eol < 0 {
		eol = len(d.data) - start
	}
	line := d.data[start : start+eol]
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return 0, 0, 0, false
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		quote = line[0]
		for i := 1; i < len(line); i++ {
			switch {
			case quote == '"' && line[i] == '\\':
				i++
			case line[i] == quote && quote == '\'' && i+1 < len(line) && line[i+1] == '\'':
				i++
			case line[i] == quote:
				return start, start + i + 1, quote, true
			}
		}
		return 0, 0, 0, false
	}
	if !bytes.HasPrefix(line, []byte(n.Value)) {
		return 0, 0, 0, false
	}
	return start, start + len(n.Value), 0, true
}
