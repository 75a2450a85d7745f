package importer

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/spec"
	"gopkg.in/yaml.v3"
)

// edit is how -write applies one difference: replace the bytes of an
// existing scalar, or insert a new field into a mapping after one of its
// one-line scalar fields; a list edit writes a whole list (a price's
// tiers) in one change, so that the differences it applies together
// cannot add the field twice. Nothing else of the file changes: comments,
// order, quoting and layout stay as they are.
type edit struct {
	field       ref    // the field to replace; field.val is nil when it is to be inserted
	parent      ref    // the mapping to insert into
	anchor      string // the field to insert after; "" for the last one-line scalar field
	name, text  string // the field and its new value as YAML
	unsupported string // why this change is left to a person, if it is

	list  bool     // the value is the list of items; with none, the field is removed
	items []string // flow mappings
}

// change is an edit located in the bytes.
type change struct {
	start, end int
	text       string
	shared     bool // the bytes are shared through an anchor or merge key
}

// locate finds where e changes the bytes of d, or says why it cannot.
func (e edit) locate(d *regDoc) (change, string) {
	if e.unsupported != "" {
		return change{}, e.unsupported
	}
	if e.list {
		return e.locateList(d)
	}
	if e.field.val != nil {
		start, end, quote, ok := d.span(e.field.val)
		if !ok {
			return change{}, "the value is not written on one line"
		}
		text := e.text
		if quote != 0 {
			text = string(quote) + text + string(quote)
		}
		return change{start, end, text, e.field.shared}, ""
	}
	return e.insert(d)
}

// insert adds the field to its mapping, after its anchor field, in the
// mapping's style.
func (e edit) insert(d *regDoc) (change, string) {
	m := e.parent.val
	if m == nil || m.Kind != yaml.MappingNode {
		return change{}, "there is no mapping to add it to"
	}
	key, val := anchorField(m, e.anchor)
	if key == nil {
		return change{}, "the mapping has no one-line field to add it after"
	}
	_, end, _, ok := d.span(val)
	if !ok {
		return change{}, "the mapping has no one-line field to add it after"
	}
	flow := m.Style&yaml.FlowStyle != 0
	value := " " + e.text
	at, nl := d.lineEnd(end)
	indent := strings.Repeat(" ", key.Column-1)
	if e.list {
		value = e.listValue(flow, indent, nl)
	}
	if flow {
		return change{end, end, ", " + e.name + ":" + value, e.parent.shared}, ""
	}
	return change{at, at, nl + indent + e.name + ":" + value, e.parent.shared}, ""
}

// lineEnd returns the offset where the line holding off ends, before its
// line ending, and that ending ("\r\n" or "\n"), so that a line added
// after it ends as its neighbours do; the last line, when it has none,
// takes the file's first.
func (d *regDoc) lineEnd(off int) (int, string) {
	eol := bytes.IndexByte(d.data[off:], '\n')
	if eol < 0 {
		if first := bytes.IndexByte(d.data, '\n'); first > 0 && d.data[first-1] == '\r' {
			return len(d.data), "\r\n"
		}
		return len(d.data), "\n"
	}
	at := off + eol
	if at > off && d.data[at-1] == '\r' {
		return at - 1, "\r\n"
	}
	return at, "\n"
}

// anchorField returns the field named name of mapping m, or with name ""
// the last field whose value is a scalar (merge keys aside).
func anchorField(m *yaml.Node, name string) (key, val *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case k.Tag == "!!merge":
		case name != "" && k.Value == name:
			return k, v
		case name == "" && v.Kind == yaml.ScalarNode:
			key, val = k, v
		}
	}
	return key, val
}

// apply returns data with the changes made (at most one per range).
func apply(data []byte, cs []change) []byte {
	// From the end, so that offsets stay valid; changes at one offset in
	// reverse, so that they end up in the order planned.
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if cs[a].start != cs[b].start {
			return cs[b].start - cs[a].start
		}
		return b - a
	})
	out := slices.Clone(data)
	for _, i := range order {
		c := cs[i]
		out = slices.Concat(out[:c.start], []byte(c.text), out[c.end:])
	}
	return out
}

// Edit applies the report's differences to data, the registry's bytes, as
// far as each can be applied, and returns the new bytes. A difference left
// to a person gets its reason in NotApplied. The result is checked: it
// compiles, and compared again with the snapshot it has exactly the
// differences that were not applied, and nothing else of the registry
// changed; otherwise Edit returns an error and the caller writes nothing.
func Edit(r *Report, reg *spec.Registry, data []byte, c *Catalogue, providers []string) ([]byte, error) {
	avoidShared := false
	for {
		out, cs := plan(r, data, avoidShared)
		if len(cs) == 0 {
			return data, nil
		}
		err := verify(r, reg, out, c, providers)
		if err == nil {
			return out, nil
		}
		if avoidShared || !slices.ContainsFunc(cs, func(c change) bool { return c.shared }) {
			return nil, err
		}
		avoidShared = true // try again, leaving shared values to a person
	}
}

// plan locates every difference's change, marking those it cannot make.
func plan(r *Report, data []byte, avoidShared bool) ([]byte, []change) {
	d := newRegDoc(data)
	var cs []change
	replaced := map[[2]int]string{} // the ranges replaced, with their text
	planned := map[change]bool{}
	for i := range r.Differences {
		diff := &r.Differences[i]
		c, why := diff.edit.locate(d)
		prev, overlap := replaced[[2]int{c.start, c.end}]
		switch {
		case why != "":
		case c.shared && avoidShared:
			why = "the value is shared through a YAML anchor or merge key with entries this change does not concern: change it by hand"
		case planned[c]:
			// The same change: a value shared through an anchor changed
			// the same way, or one tiers list for several tiers.
		case overlap && prev != c.text:
			why = "another difference changes the same value otherwise (it is shared through a YAML anchor): change it by hand"
		default:
			if c.start != c.end {
				replaced[[2]int{c.start, c.end}] = c.text
			}
			planned[c] = true
			cs = append(cs, c)
		}
		diff.NotApplied = why
	}
	return apply(data, cs), cs
}

// verify checks the edited bytes: they compile, and they differ from the
// snapshot exactly where a difference was not applied, and from the old
// registry nowhere else.
func verify(r *Report, old *spec.Registry, out []byte, c *Catalogue, providers []string) error {
	cur, err := spec.Compile(old.File, out, false)
	if err != nil {
		return fmt.Errorf("the edited registry would not compile, so nothing was written:\n%w", err)
	}
	after := Compare(cur, out, c, providers)
	var want, got []string
	touched := map[[2]int]bool{}
	for _, d := range r.Differences {
		if d.NotApplied != "" {
			want = append(want, d.key())
		} else {
			touched[[2]int{d.model, d.row}] = true
		}
	}
	for _, d := range after.Differences {
		got = append(got, d.key())
	}
	if !slices.Equal(want, got) {
		return fmt.Errorf("the edited registry still differs from the snapshot (%s), so nothing was written", strings.Join(got, ", "))
	}
	for i, m := range cur.Models {
		o := old.Models[i]
		if !touched[[2]int{i, -1}] && (m.ContextWindow != o.ContextWindow || m.MaxOutput != o.MaxOutput || m.Lifecycle != o.Lifecycle || m.DeprecatedOn != o.DeprecatedOn || m.RetiresOn != o.RetiresOn) {
			return fmt.Errorf("the edit would change model %s beyond the differences, so nothing was written", m.ID)
		}
		for j, s := range m.Served {
			if !touched[[2]int{i, j}] && !s.Price.Equal(o.Served[j].Price) {
				return fmt.Errorf("the edit would change the price of %s by %s beyond the differences, so nothing was written", m.ID, s.Provider.ID)
			}
		}
	}
	return nil
}

func (d Difference) key() string { return d.Model + " " + d.Provider + " " + d.Field }
