package audit

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/yamlerr"
	"gopkg.in/yaml.v3"
)

// readYAML reads every mapping, at any depth and in every document, that
// has both fields as strings (or one null), its own or taken through a
// merge key (<<). Aliases are not followed into other mappings: a mapping
// counts once, where it is written. A model value that is an alias of a
// scalar counts where the alias is; one a mapping takes through a merge
// key, where it is written.
func (r *reader) readYAML(data []byte, lines *lineIndex) error {
	w := yamlWalk{r: r, data: data, lines: lines}
	visit := func(doc *yaml.Node) error {
		w.aliases, w.merges = map[*yaml.Node][]*yaml.Node{}, map[*yaml.Node]bool{}
		w.resolved, w.uses = map[*yaml.Node]*fieldSet{}, map[*yaml.Node]*mergedValue{}
		if err := w.collectAliases(doc, nil, map[*yaml.Node]bool{}); err != nil {
			return err
		}
		if err := w.node(doc, nil); err != nil {
			return err
		}
		w.keepMerged()
		return nil
	}
	if err := decodeYAML(data, visit); err != nil {
		var pe *problemError
		if errors.As(err, &pe) {
			return err
		}
		return yamlProblem(data, err)
	}
	return nil
}

// decodeYAML parses every document of data, calling visit on each. A panic
// of the YAML library is an error: bad input must never crash the command.
func decodeYAML(data []byte, visit func(*yaml.Node) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the YAML parser failed on this file (%v)", p)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
		if err := visit(&doc); err != nil {
			return err
		}
	}
}

type yamlWalk struct {
	r       *reader
	data    []byte
	lines   *lineIndex
	aliases map[*yaml.Node][]*yaml.Node // of the document: the aliases of each anchored node
	merges  map[*yaml.Node]bool         // the aliases that are the value of a merge key, or in its sequence
	// resolved are the fields of each mapping, merged ones included, once
	// found (nil while being found: a merge that loops adds nothing).
	resolved map[*yaml.Node]*fieldSet
	uses     map[*yaml.Node]*mergedValue // by value: the mappings that read it, for -fix
}

// collectAliases lists, by anchored node, every alias of it under n, and
// marks those that are merged. It refuses what a YAML parser refuses when
// it decodes the tree: an alias inside its own anchor, and a merge key
// that is not one (see checkMerges). open are the nodes above n; at is
// the key whose value n is, if any: where a problem is.
func (w *yamlWalk) collectAliases(n, at *yaml.Node, open map[*yaml.Node]bool) error {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		if open[n.Alias] {
			return w.problem(cmp.Or(at, n), "the alias *"+inert.Terminal(n.Value)+" is inside its own anchor: a YAML parser refuses it (the value would contain itself)")
		}
		w.aliases[n.Alias] = append(w.aliases[n.Alias], n)
	}
	if err := w.checkMerges(n); err != nil {
		return err
	}
	for _, src := range mergeSources(n) {
		w.merges[src] = true
	}
	open[n] = true
	defer delete(open, n)
	for i, c := range n.Content {
		var key *yaml.Node
		if n.Kind == yaml.MappingNode && i%2 == 1 {
			key = n.Content[i-1]
		}
		if err := w.collectAliases(c, key, open); err != nil {
			return err
		}
	}
	return nil
}

// checkMerges returns a problem at the first merge key of n that a YAML
// parser refuses, or reads otherwise than as a merge: a second one, one
// whose value is not a mapping or a sequence of them, and a key tagged
// !!merge that is not << (yaml.v3 reads it as a plain key).
func (w *yamlWalk) checkMerges(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	seen := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!merge" {
			continue
		}
		switch {
		case k.Value != "<<":
			return w.problem(k, fmt.Sprintf("the key %q is tagged !!merge but is not <<: a YAML parser reads it as a plain key, not a merge; remove the tag", inert.Terminal(k.Value)))
		case seen:
			return w.problem(k, "a second merge key (<<) in one mapping: a YAML parser refuses it; merge a sequence instead, <<: [*a, *b]")
		case !mergeable(v):
			return w.problem(k, "the merge key (<<) takes a mapping or a sequence of mappings: a YAML parser refuses anything else")
		}
		seen = true
	}
	return nil
}

// mergeable reports whether v is a value a merge key may take: a mapping
// (or an alias of one), or a sequence of them.
func mergeable(v *yaml.Node) bool {
	isMap := func(n *yaml.Node) bool {
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		return n.Kind == yaml.MappingNode
	}
	if v.Kind != yaml.SequenceNode {
		return isMap(v)
	}
	for _, c := range v.Content {
		if !isMap(c) {
			return false
		}
	}
	return true
}

// problem returns a problem at node n.
func (w *yamlWalk) problem(n *yaml.Node, msg string) error {
	l, c := w.lines.pos(w.offset(n))
	return &problemError{l, c, msg}
}

// onlyMerged reports whether every alias of n is merged: then its own
// fields are values the mappings merging it read as theirs.
func (w *yamlWalk) onlyMerged(n *yaml.Node) bool {
	for _, a := range w.aliases[n] {
		if !w.merges[a] {
			return false
		}
	}
	return n.Kind == yaml.MappingNode
}

// node walks n; outer is the outermost mapping or sequence above it that
// is anchored and aliased, if any.
func (w *yamlWalk) node(n, outer *yaml.Node) error {
	own := outer // of a mapping's own fields
	if outer == nil && n.Kind != yaml.ScalarNode && len(w.aliases[n]) > 0 {
		outer = n
		if !w.onlyMerged(n) {
			own = n
		}
	}
	switch n.Kind {
	case yaml.DocumentNode, yaml.SequenceNode:
		for _, c := range n.Content {
			if err := w.node(c, outer); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		if err := w.mapping(n, own); err != nil {
			return err
		}
		for i := 1; i < len(n.Content); i += 2 {
			if err := w.node(n.Content[i], outer); err != nil {
				return err
			}
		}
	}
	return nil
}

// share records, for -fix, that the value at off is an anchored scalar
// with aliases, or inside outer, an anchored mapping or sequence with
// aliases: rewriting it would change what each alias reads too.
func (w *yamlWalk) share(off int, v, outer *yaml.Node) {
	anchored := outer
	if anchored == nil && v.Kind == yaml.ScalarNode && len(w.aliases[v]) > 0 {
		anchored = v
	}
	if anchored == nil {
		return
	}
	sh := sharedValue{anchor: anchored.Anchor, inside: anchored != v}
	for _, a := range w.aliases[anchored] {
		sh.aliases = append(sh.aliases, w.offset(a))
	}
	if w.r.shared == nil {
		w.r.shared = map[int]sharedValue{}
	}
	w.r.shared[off] = sh
}

// yamlString returns the string a scalar (or an alias of one) holds, and
// whether it is null; ok is false for anything else.
func yamlString(n *yaml.Node) (s string, null, ok bool) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return "", false, false
	}
	switch n.ShortTag() {
	case "!!str":
		return n.Value, false, true
	case "!!null":
		return "", true, true
	}
	return "", false, false
}

func yamlStyle(n *yaml.Node, null bool) style {
	switch {
	case null:
		return styleNone
	case n.Kind == yaml.AliasNode:
		return styleAlias
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return styleBlock
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return styleDouble
	case n.Style&yaml.SingleQuotedStyle != 0:
		return styleSingle
	}
	return stylePlain
}

// offset returns the byte offset of n's token: yaml.v3 counts columns in
// characters, and starts a node at its anchor or tag, which are skipped.
func (w *yamlWalk) offset(n *yaml.Node) int {
	off := w.lines.lineStart(n.Line)
	if off < 0 {
		return len(w.data)
	}
	for c := 1; c < n.Column && off < len(w.data) && w.data[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(w.data[off:])
		off += size
	}
	if n.Anchor == "" && n.Style&yaml.TaggedStyle == 0 {
		return off
	}
	for off < len(w.data) && (w.data[off] == '&' || w.data[off] == '!') {
		for off < len(w.data) && !isYAMLSpace(w.data[off]) {
			off++
		}
		for off < len(w.data) && isYAMLSpace(w.data[off]) {
			off++
		}
	}
	return off
}

func isYAMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// yamlProblem places a yaml.v3 error at the first character of its line.
func yamlProblem(data []byte, err error) error {
	msg, line := yamlerr.Split(err)
	if line > 0 {
		line = yamlerr.Line(data, msg, line, func(b []byte) error {
			return decodeYAML(b, func(*yaml.Node) error { return nil })
		})
	}
	line = max(line, 1)
	col := 1
	if off := newLineIndex(data).lineStart(line); off >= 0 {
		rest := data[off:]
		col += len(rest) - len(bytes.TrimLeft(rest, " "))
	}
	return &problemError{line, col, "YAML: " + strings.TrimSpace(msg)}
}
