package audit

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// field is the value of a field of a mapping, and where it comes from:
// written in the mapping home, and taken through the merge key alias via
// (nil: its own).
type field struct{ value, home, via *yaml.Node }

// fieldSet are a mapping's runtime and model fields, by keyName.
type fieldSet [keyModel + 1]field

// mergedValue is a YAML value of a mapping that others take through a
// merge key: -fix rewrites it only when every record that reads it is
// rewritten to the same id.
type mergedValue struct {
	anchor  string // of the mapping it is written in; "" when merged inline
	field   keyName
	uses    []mergeUse
	merged  bool // some mapping takes it through a merge key
	ownPair int32
}

// mergeUse is a mapping that takes a value through the merge key alias at
// offset at: a record (pair) or not (pair -1).
type mergeUse struct {
	pair int32
	at   int
}

// mapping records the occurrence of mapping n, if it is one. outer is as
// in node, for n's own fields.
func (w *yamlWalk) mapping(n, outer *yaml.Node) error {
	f, err := w.ownFields(n, true)
	if err != nil {
		return err
	}
	for k, v := range w.fields(n) {
		if f[k].value == nil {
			f[k] = v
		}
	}
	pair := w.record(f)
	for k, v := range f {
		switch {
		case v.value == nil:
		case v.via == nil:
			w.share(w.offset(v.value), v.value, outer)
			w.use(v, keyName(k), pair)
		default:
			w.use(v, keyName(k), pair)
		}
	}
	return nil
}

// record records the occurrence of a mapping whose fields are f, if it is
// one, and returns its pair, or -1.
func (w *yamlWalk) record(f fieldSet) int32 {
	rt, md := f[keyRuntime].value, f[keyModel].value
	if rt == nil || md == nil {
		return -1
	}
	runtime, rtNull, rtOK := yamlString(rt)
	model, mdNull, mdOK := yamlString(md)
	if !rtOK || !mdOK || rtNull && mdNull {
		return -1
	}
	o := occurrence{pair: id(w.r.pairs, runtime, model), off: w.offset(md), style: yamlStyle(md, mdNull), merged: f[keyModel].via != nil}
	if !rtNull {
		o.setRuntime(w.offset(rt), yamlStyle(rt, false))
		o.rtMerged = f[keyRuntime].via != nil
	}
	l, c := w.lines.pos(o.off)
	o.line, o.col = int32(l), int32(c)
	w.r.occ = append(w.r.occ, o)
	return o.pair
}

// ownFields returns the fields written in mapping n; with strict, a field
// written twice is an error.
func (w *yamlWalk) ownFields(n *yaml.Node, strict bool) (fieldSet, error) {
	var f fieldSet
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			continue
		}
		name := w.r.keyName(k.Value)
		switch {
		case name == keyOther:
		case f[name].value == nil:
			f[name] = field{value: n.Content[i+1], home: n}
		case strict:
			return f, w.problem(k, fmt.Sprintf("duplicate key %q: which one a consumer reads depends on its parser; remove one", k.Value))
		}
	}
	return f, nil
}

// mergeSources returns the mappings (aliases of them, or written inline)
// that the merge keys of n merge into it, in the order YAML gives them
// precedence: the earlier first.
func mergeSources(n *yaml.Node) []*yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	var out []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := n.Content[i], n.Content[i+1]; k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" && k.Value == "<<" {
			if v.Kind == yaml.SequenceNode {
				out = append(out, v.Content...)
			} else {
				out = append(out, v)
			}
		}
	}
	return out
}

// fields returns the fields mapping n takes through its merge keys: its
// own win over them, and an earlier merged mapping over a later one.
func (w *yamlWalk) fields(n *yaml.Node) fieldSet {
	var f fieldSet
	for _, src := range mergeSources(n) {
		m := src
		if m.Kind == yaml.AliasNode {
			m = m.Alias
		}
		if m == nil || m.Kind != yaml.MappingNode {
			continue // not a merge YAML allows: a consumer refuses it
		}
		for k, v := range w.allFields(m) {
			if f[k].value == nil && v.value != nil {
				f[k] = field{value: v.value, home: v.home, via: src}
			}
		}
	}
	return f
}

// allFields returns the fields of mapping m, its own and merged, once.
func (w *yamlWalk) allFields(m *yaml.Node) fieldSet {
	if f, ok := w.resolved[m]; ok {
		if f == nil {
			return fieldSet{} // m merges itself
		}
		return *f
	}
	w.resolved[m] = nil
	f, _ := w.ownFields(m, false) // a duplicate is reported where m is
	for k, v := range w.fields(m) {
		if f[k].value == nil {
			f[k] = v
		}
	}
	w.resolved[m] = &f
	return f
}

// use records that a mapping whose pair is pair (-1: not a record) reads
// v as its field k.
func (w *yamlWalk) use(v field, k keyName, pair int32) {
	if v.via == nil && pair < 0 {
		return // the field of a mapping that is not a record: its template
	}
	mv := w.uses[v.value]
	if mv == nil {
		mv = &mergedValue{anchor: v.home.Anchor, field: k, ownPair: -1}
		w.uses[v.value] = mv
	}
	if v.via == nil {
		mv.ownPair = pair
		return
	}
	mv.merged = true
	mv.uses = append(mv.uses, mergeUse{pair, w.offset(v.via)})
}

// keepMerged keeps, by offset, the values of the document that a mapping
// takes through a merge key, for -fix.
func (w *yamlWalk) keepMerged() {
	for v, mv := range w.uses {
		if !mv.merged {
			continue
		}
		if w.r.merged == nil {
			w.r.merged = map[int]*mergedValue{}
		}
		w.r.merged[w.offset(v)] = mv
	}
}
