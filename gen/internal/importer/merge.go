package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

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
	var b strings.Builder
	fmt.Fprintf(&b, "gen import: merged into %s, the draft breaks these rules:\n", o.In)
	for _, d := range ie.Diags {
		b.WriteString(relocate(d, origins, o.In, reg, dr) + "\n")
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

var pathHead = regexp.MustCompile(`^(providers|runtimes|models)\[([0-9]+)\](.*)$`)

// relocate words a problem of the merged registry at the draft's or the
// registry's own line, with the path in that file.
func relocate(d spec.Diag, origins map[string][]origin, in string, reg, dr *yaml.Node) string {
	m := pathHead.FindStringSubmatch(d.Path)
	if m == nil {
		return fmt.Sprintf("%s (merged): %s", in, lineOf(d))
	}
	i, _ := strconv.Atoi(m[2])
	if i >= len(origins[m[1]]) {
		return fmt.Sprintf("%s (merged): %s", in, lineOf(d))
	}
	o := origins[m[1]][i]
	d.Path = fmt.Sprintf("%s[%d]%s", m[1], o.index, m[3])
	n := walk(o.node, m[3])
	d.Pos = spec.Pos{Line: int32(n.Line), Col: int32(n.Column)}
	file := in
	if o.draft {
		file = draftName
	}
	return (&spec.InputError{File: file}).Line(d)
}

func lineOf(d spec.Diag) string {
	return (&spec.InputError{File: ""}).Line(d)[1:]
}

var pathStep = regexp.MustCompile(`\.([A-Za-z0-9_-]+)|\[([0-9]+)\]`)

// walk follows a path such as .served_by[0].runtimes[1] from n as far as
// it goes, and returns the node it reaches.
func walk(n *yaml.Node, path string) *yaml.Node {
	for _, s := range pathStep.FindAllStringSubmatch(path, -1) {
		var next *yaml.Node
		if s[1] != "" {
			next = lookup(n, s[1]).val
		} else if i, _ := strconv.Atoi(s[2]); deref(n).Kind == yaml.SequenceNode && i < len(deref(n).Content) {
			next = deref(deref(n).Content[i])
		}
		if next == nil {
			break
		}
		n = next
	}
	return n
}
