package spec

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/secrets"
	"gopkg.in/yaml.v3"
)

// AllowSecretShape is the comment that marks a line as reviewed: a generic
// finding (a random-looking token without a published key shape) on that
// line, or on the line after a comment line holding it, is not reported. A
// published key shape is always an error: no comment allows a key.
const AllowSecretShape = "gen:allow-secret-shape"

// scanSecrets adds a problem for every credential-shaped string anywhere in
// data, comments included (hits, secrets.Scan of data), and in the decoded value of every scalar, keys
// included (a YAML escape or line continuation can spell a key that the
// text does not show): providers.yaml is reviewed in public and compiled
// into binaries, so a key pasted into it is a leak waiting to merge. A
// published key shape is an error; a generic one is a warning (see package
// secrets). The problem is at the string's position (or its scalar's, for
// a decoded one), names the path of the scalar holding it (from root, when
// the YAML parsed) and never repeats it in full.
func scanSecrets(data string, hits []secrets.Finding, root *vnode, ds *diags) {
	type report struct {
		h         secrets.Finding
		pos       Pos
		path, how string
	}
	var raw, decoded []report
	var scalars scalarIndex
	if len(hits) > 0 {
		scalars = scalarPaths(root)
	}
	allowed := reviewedLines(data)
	var cur posCursor
	found := map[string]bool{} // tokens found in the text, \/ read as /
	for _, h := range hits {
		found[strings.ReplaceAll(h.Token, `\/`, "/")] = true
		pos := cur.pos(data, h.Off)
		raw = append(raw, report{h, pos, scalars.find(pos, h.Token), ""})
	}
	keyLines := map[int]bool{} // lines with a key found only once decoded
	forEscaped(root, func(pos Pos, val string, path func() string) {
		for _, h := range secrets.Scan(val) {
			if !found[h.Token] {
				found[h.Token] = true
				decoded = append(decoded, report{h, pos, path(), " (once its YAML escapes and line breaks are decoded)"})
				keyLines[int(pos.Line)] = keyLines[int(pos.Line)] || !h.Generic
			}
		}
	})
	for _, r := range slices.Concat(raw, decoded) {
		// A generic finding is dropped on a reviewed line, and where the
		// decoded value shows a key: "\x73k-ant-…" reads as random text.
		if r.h.Generic && (allowed[int(r.pos.Line)] || keyLines[int(r.pos.Line)]) {
			continue
		}
		reportSecret(ds, r.h, r.pos, r.path, r.how)
	}
}

// reportSecret adds the problem of one finding: an error, or a warning for
// a generic one.
func reportSecret(ds *diags, h secrets.Finding, pos Pos, path, how string) {
	switch {
	case !h.Echo:
		ds.add(pos, path, "%s%s: credentials never belong in providers.yaml; remove it and rotate it", h.What, how)
	case h.Generic:
		ds.warn(pos, path, "%s%s looks like %s (a long random string): if it is a credential, remove it and rotate it; if it is not, mark the line reviewed with a comment '# %s'", quote(secrets.Redact(h.Token)), how, h.What, AllowSecretShape)
	default:
		ds.add(pos, path, "%s%s looks like %s: credentials never belong in providers.yaml (auth_env lists env var names, never values); remove it and rotate the key", quote(secrets.Redact(h.Token)), how, h.What)
	}
}

// reviewedLines returns the lines marked with AllowSecretShape in a
// comment: the comment's own line and, for a line that is only a comment,
// the line after it.
func reviewedLines(data string) map[int]bool {
	lines := map[int]bool{}
	for line, rest := 1, data; len(rest) > 0; line++ {
		text := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		hash := commentStart(text)
		if hash < 0 || !strings.Contains(text[hash:], AllowSecretShape) {
			continue
		}
		lines[line] = true
		if len(strings.TrimSpace(text[:hash])) == 0 {
			lines[line+1] = true
		}
	}
	return lines
}

// commentStart returns the offset of the '#' that starts a comment on
// line, or -1: a '#' at the start or after a space, outside quotes.
func commentStart(line string) int {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			return i
		}
	}
	return -1
}

// posCursor converts increasing byte offsets to positions in one pass over
// the input, however many offsets fall on one line.
type posCursor struct {
	off, line, col int // the last offset converted and its position
}

func (c *posCursor) pos(data string, off int) Pos {
	if c.line == 0 {
		c.line, c.col = 1, 1
		if strings.HasPrefix(data, "\ufeff") {
			c.off = 3 // a byte order mark takes no column
		}
	}
	for c.off < off {
		if data[c.off] == '\n' {
			c.line, c.col = c.line+1, 1
			c.off++
			continue
		}
		_, n := utf8.DecodeRuneInString(data[c.off:])
		c.off += n
		c.col++
	}
	return posAt(c.line, c.col)
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
	forScalars(root, func(pos Pos, val string, _ bool, path func() string) {
		idx = append(idx, scalarPos{pos, val, path()})
	})
	// Aliases repeat nodes: keep the first of each position.
	slices.SortStableFunc(idx, func(a, b scalarPos) int { return comparePos(a.pos, b.pos) })
	return slices.CompactFunc(idx, func(a, b scalarPos) bool { return a.pos == b.pos })
}

// forEscaped calls fn with every double-quoted scalar under root, keys
// included: those whose value can differ from their text.
func forEscaped(root *vnode, fn func(pos Pos, val string, path func() string)) {
	forScalars(root, func(pos Pos, val string, escaped bool, path func() string) {
		if escaped {
			fn(pos, val, path)
		}
	})
}

// forScalars calls fn with every scalar under root, keys included, in
// document order, and a function returning its path: made only when
// asked, since most scalars need none.
func forScalars(root *vnode, fn func(pos Pos, val string, escaped bool, path func() string)) {
	var steps []loc
	path := func() string { return renderPath(steps) }
	var walk func(v *vnode)
	walk = func(v *vnode) {
		switch v.kind {
		case yaml.ScalarNode:
			fn(v.pos, v.str, v.escaped, path)
		case yaml.SequenceNode:
			for i, x := range v.items {
				steps = append(steps, loc{index: i})
				walk(x)
				steps = steps[:len(steps)-1]
			}
		case yaml.MappingNode:
			for _, f := range v.fields {
				fn(f.keyPos, f.name, f.escaped, path)
				steps = append(steps, loc{name: f.name})
				walk(f.val)
				steps = steps[:len(steps)-1]
			}
		}
	}
	if root != nil {
		walk(root)
	}
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
		return int(a.Line - b.Line)
	}
	return int(a.Col - b.Col)
}
