package importer

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"gopkg.in/yaml.v3"
)

// draftName is how messages name the draft: the printed text.
const draftName = "<stdout>"

// checkDraft compiles the draft as gen -strict would and, when -in was
// given, merged into that registry; it returns the problems, one per
// line, or "".
func checkDraft(text string, o Options) string {
	if _, err := spec.Compile(draftName, []byte(text), true); err != nil {
		return "gen import: the draft breaks these rules:\n" + err.Error() + "\n"
	}
	if !o.InGiven {
		return ""
	}
	data, err := spec.ReadInput(o.In)
	if err != nil {
		return fmt.Sprintf("gen import: -in: %v\n", err)
	}
	reg, dr := parseDoc(data), parseDoc([]byte(text))
	if reg == nil || dr == nil {
		return fmt.Sprintf("gen import: -in %s is not YAML\n", o.In)
	}
	origins := mergeDocs(reg, dr)
	merged, err := yaml.Marshal(reg)
	if err != nil {
		return fmt.Sprintf("gen import: merging: %v\n", err)
	}
	_, err = spec.Compile(o.In, merged, true)
	var ie *spec.InputError
	if err == nil || !errors.As(err, &ie) {
		return ""
	}
	places := mapPlaces(merged, reg, origins)
	var b strings.Builder
	fmt.Fprintf(&b, "gen import: merged into %s, the draft breaks these rules:\n", o.In)
	for _, d := range ie.Diags {
		b.WriteString(places.relocate(d, origins, o.In) + "\n")
	}
	return b.String()
}

func parseDoc(data []byte) *yaml.Node {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	return doc.Content[0]
}

// origin is where an item of a merged list comes from.
type origin struct {
	draft bool
	index int
	node  *yaml.Node
}

// mergeDocs appends the draft's providers, runtimes and models to the
// registry's lists (a provider or runtime the registry already has is
// the registry's), and returns where each item of the merged lists comes
// from, by list.
func mergeDocs(reg, dr *yaml.Node) map[string][]origin {
	out := map[string][]origin{}
	for _, sec := range []string{"providers", "runtimes", "models"} {
		rs, ds := lookup(reg, sec).val, lookup(dr, sec).val
		if rs == nil || ds == nil || rs.Kind != yaml.SequenceNode {
			continue
		}
		rs.Style = 0 // a flow list ([]) grows into a block one
		ids := map[string]bool{}
		for i, it := range rs.Content {
			out[sec] = append(out[sec], origin{false, i, it})
			if id := lookup(it, "id").val; id != nil {
				ids[id.Value] = true
			}
		}
		for i, it := range ds.Content {
			if id := lookup(it, "id").val; sec != "models" && id != nil && ids[id.Value] {
				continue
			}
			rs.Content = append(rs.Content, it)
			out[sec] = append(out[sec], origin{true, i, it})
		}
	}
	return out
}

// A place is a position in the registry (-in) or in the draft.
type place struct {
	draft     bool
	line, col int
}

// placeMap maps positions in the merged text, which yaml.Marshal wrote
// with lines of its own (it drops blank lines, joins a flow list written
// over several lines), back to the files its nodes came from: a problem
// is reported where the user can find it.
type placeMap struct {
	at    map[[2]int]place // by the merged line and column of each node
	line  map[int]place    // by merged line: its first node's
	order [][2]int         // the merged positions, in order
}

// mapPlaces reads the merged text back and walks it beside reg, the tree
// it was written from, whose nodes keep their positions in the registry
// or, under an item origins says is the draft's, in the draft.
func mapPlaces(merged []byte, reg *yaml.Node, origins map[string][]origin) *placeMap {
	m := &placeMap{at: map[[2]int]place{}, line: map[int]place{}}
	fromDraft := map[*yaml.Node]bool{}
	for _, list := range origins {
		for _, o := range list {
			fromDraft[o.node] = o.draft
		}
	}
	var walk func(got, src *yaml.Node, draft bool)
	walk = func(got, src *yaml.Node, draft bool) {
		draft = draft || fromDraft[src]
		at := [2]int{got.Line, got.Column}
		if _, seen := m.at[at]; !seen {
			m.at[at] = place{draft, src.Line, src.Column}
			m.order = append(m.order, at)
		}
		if _, seen := m.line[got.Line]; !seen {
			m.line[got.Line] = place{draft, src.Line, src.Column}
		}
		if got.Kind != src.Kind || len(got.Content) != len(src.Content) {
			return // not expected: the text was written from src
		}
		for i := range got.Content {
			walk(got.Content[i], src.Content[i], draft)
		}
	}
	if doc := parseDoc(merged); doc != nil {
		walk(doc, reg, false)
	}
	slices.SortFunc(m.order, comparePos)
	return m
}

// comparePos orders line and column positions.
func comparePos(a, b [2]int) int { return cmp.Or(a[0]-b[0], a[1]-b[1]) }

// find returns the place of the node at a merged position, or of the last
// node before it.
func (m *placeMap) find(line, col int) place {
	if p, ok := m.at[[2]int{line, col}]; ok {
		return p
	}
	i, _ := slices.BinarySearchFunc(m.order, [2]int{line, col}, comparePos)
	if i == 0 {
		return place{line: 1, col: 1}
	}
	return m.at[m.order[i-1]]
}

// lineRef is how a message refers to another line: "(first defined at
// line 12)", "(line 12)".
var lineRef = regexp.MustCompile(`\bline ([0-9]+)\b`)

// relocate words a problem of the merged registry at its line in the
// registry or the draft, with its path in that file, and the lines its
// message refers to in the same terms: a line of the other file is named
// with it.
func (m *placeMap) relocate(d spec.Diag, origins map[string][]origin, in string) string {
	p := m.find(int(d.Pos.Line), int(d.Pos.Col))
	d.Pos = spec.Pos{Line: int32(p.line), Col: int32(p.col)}
	if h := pathHead.FindStringSubmatch(d.Path); h != nil {
		if i, _ := strconv.Atoi(h[2]); i < len(origins[h[1]]) {
			d.Path = fmt.Sprintf("%s[%d]%s", h[1], origins[h[1]][i].index, h[3])
		}
	}
	file := fileName(p.draft, in)
	d.Msg = lineRef.ReplaceAllStringFunc(d.Msg, func(ref string) string {
		n, _ := strconv.Atoi(lineRef.FindStringSubmatch(ref)[1])
		q, ok := m.line[n]
		switch {
		case !ok:
			return ref + " of the merged text"
		case q.draft == p.draft:
			return fmt.Sprintf("line %d", q.line)
		}
		return fmt.Sprintf("line %d of %s", q.line, inert.Terminal(fileName(q.draft, in)))
	})
	return (&spec.InputError{File: file}).Line(d)
}

// fileName names the draft or the registry in messages.
func fileName(draft bool, in string) string {
	if draft {
		return draftName
	}
	return in
}

var pathHead = regexp.MustCompile(`^(providers|runtimes|models)\[([0-9]+)\](.*)$`)
