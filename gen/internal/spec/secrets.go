package spec

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/secrets"
	"gopkg.in/yaml.v3"
)

// scanSecrets adds a problem for every credential-shaped string anywhere in
// data, comments included: providers.yaml is reviewed in public and compiled
// into binaries, so a key pasted into it is a leak waiting to merge. The
// problem is at the string's position, names the path of the scalar holding
// it (from root, when the YAML parsed) and never repeats it in full.
func scanSecrets(data []byte, root *vnode, ds *diags) {
	if len(data) > MaxInput {
		return // refused unread
	}
	hits := secrets.Scan(string(data))
	if len(hits) == 0 {
		return
	}
	paths := scalarPaths(root)
	var cur posCursor
	for _, h := range hits {
		pos := cur.pos(data, h.Off)
		path := paths.find(pos, h.Token)
		if !h.Echo {
			ds.add(pos, path, "%s: credentials never belong in providers.yaml; remove it and rotate it", h.What)
			continue
		}
		ds.add(pos, path, "%s looks like %s: credentials never belong in providers.yaml (auth_env lists env var names, never values); remove it and rotate the key", quote(secrets.Redact(h.Token)), h.What)
	}
}

// posCursor converts increasing byte offsets to positions in one pass over
// the input, however many offsets fall on one line.
type posCursor struct {
	off, line, col int // the last offset converted and its position
}

func (c *posCursor) pos(data []byte, off int) Pos {
	if c.line == 0 {
		c.line, c.col = 1, 1
		if len(data) >= 3 && string(data[:3]) == "\ufeff" {
			c.off = 3 // a byte order mark takes no column
		}
	}
	for c.off < off {
		if data[c.off] == '\n' {
			c.line, c.col = c.line+1, 1
			c.off++
			continue
		}
		_, n := utf8.DecodeRune(data[c.off:])
		c.off += n
		c.col++
	}
	return Pos{c.line, c.col}
}

// scalarPos is where a scalar (a value or a mapping key) starts, and its path.
type scalarPos struct {
	pos  Pos
	val  string
	path string
}

// scalarIndex is every scalar of a document, by position.
type scalarIndex []scalarPos

// scalarPaths lists the scalars under root by position, for naming the path
// of a secret found in the raw text; nil for no tree.
func scalarPaths(root *vnode) scalarIndex {
	var idx scalarIndex
	var walk func(v *vnode, path string)
	walk = func(v *vnode, path string) {
		switch v.kind {
		case yaml.ScalarNode:
			idx = append(idx, scalarPos{v.pos, v.str, path})
		case yaml.SequenceNode:
			for i, x := range v.items {
				walk(x, indexPath(path, i))
			}
		case yaml.MappingNode:
			for _, f := range v.fields {
				fp := path
				if plainKey.MatchString(f.name) {
					fp = join(path, f.name)
				}
				idx = append(idx, scalarPos{f.keyPos, f.name, path})
				walk(f.val, fp)
			}
		}
	}
	if root != nil {
		walk(root, "")
	}
	// Aliases repeat nodes: keep the first of each position.
	slices.SortStableFunc(idx, func(a, b scalarPos) int { return comparePos(a.pos, b.pos) })
	return slices.CompactFunc(idx, func(a, b scalarPos) bool { return a.pos == b.pos })
}

// find returns the path of the scalar holding tok at pos: the last scalar
// starting at or before pos, if it contains tok. A token in a comment, or
// in a scalar that does not hold it as written (an escaped one), has none.
func (idx scalarIndex) find(pos Pos, tok string) string {
	i, _ := slices.BinarySearchFunc(idx, pos, func(s scalarPos, p Pos) int { return comparePos(s.pos, p) })
	if i < len(idx) && idx[i].pos == pos {
		i++
	}
	if i == 0 || !strings.Contains(idx[i-1].val, tok) {
		return ""
	}
	return idx[i-1].path
}

func comparePos(a, b Pos) int {
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}
