package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/resolver"
)

// TestMergeKeyAudited: a workspace that takes its fields through a YAML
// merge key (<<) is audited as it reads, at the position of each value:
// an override of the model is seen, and refused.
func TestMergeKeyAudited(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"t.yaml": `defaults: &base {runtime: claude-code, model: claude-opus-4-7}
workspaces:
  - <<: *base
    model: gpt-4-turbo-nonexistent
`})
	rep, err := Run(testRegistry(t), []string{"t.yaml"}, Options{Enforce: resolver.EnforceReject})
	if err != nil {
		t.Fatal(err)
	}
	if s := rep.Summary; s.Occurrences != 2 || s.Refused != 1 {
		t.Errorf("%d occurrences, %d refused; want 2, 1", s.Occurrences, s.Refused)
	}
	var at []string
	for _, p := range rep.Listed() {
		at = append(at, p.Positions[0].String()+" "+p.Runtime+" "+p.Model)
	}
	want := []string{"t.yaml:4:12 claude-code gpt-4-turbo-nonexistent", "t.yaml:1:47 claude-code claude-opus-4-7"}
	if !slices.Equal(at, want) {
		t.Errorf("listed %q, want %q", at, want)
	}
}

// TestFixMergeKey: -fix rewrites a value that records inherit through a
// merge key only when every record that reads it is rewritten to the same
// id; else it is left alone, naming every merge that would change too.
func TestFixMergeKey(t *testing.T) {
	t.Chdir(t.TempDir())
	const before = `defaults: &base {runtime: claude-code, model: claude-opus-4-7}
workspaces:
  - <<: *base
    model: gpt-4-turbo-nonexistent
  - <<: *base
  - {runtime: hermes, <<: *base}
case: &case {runtime: claude-code, model: Opus}
more:
  - <<: *case
  - <<: *case
    runtime: hermes
  - <<: *case
    runtime: 7
template: &tpl {model: gpt5}
codex:
  - {<<: *tpl, runtime: codex}
  - {<<: *tpl, runtime: hermes}
`
	after := strings.NewReplacer("model: claude-opus-4-7}", "model: anthropic/claude-opus-4-7}",
		"{model: gpt5}", "{model: gpt-5.5}").Replace(before)
	writeFiles(t, ".", map[string]string{"w.yaml": before})
	caseNote := "Opus left alone: inside the YAML anchor &case, also aliased at w.yaml:10:9, w.yaml:12:9: rewriting it would change that too; rewrite by hand"
	leftAlone := []string{"w.yaml:7:43: " + caseNote, "w.yaml:7:43: " + caseNote}
	want := []string{
		"w.yaml:1:47: claude-opus-4-7 → anthropic/claude-opus-4-7",
		"w.yaml:1:47: claude-opus-4-7 → anthropic/claude-opus-4-7 (rewritten where its anchor is)",
		"w.yaml:1:47: claude-opus-4-7 → anthropic/claude-opus-4-7 (rewritten where its anchor is)",
		leftAlone[0], leftAlone[1],
		"w.yaml:14:24: gpt5 → gpt-5.5 (rewritten where its anchor is)",
		"w.yaml:14:24: gpt5 → gpt-5.5 (rewritten where its anchor is)",
	}
	fixTwice(t, "w.yaml", after, want, leftAlone)
	parses(t, "w.yaml")
}

// TestFixAliasInTemplate: a scalar anchor aliased inside a template that
// mappings merge is rewritten only when every mapping merging it is a
// record -fix rewrites the same way: here one is no workspace.
func TestFixAliasInTemplate(t *testing.T) {
	t.Chdir(t.TempDir())
	const before = `w1: {runtime: codex, model: &m gpt5}
tpl: &t {model: *m}
recs:
  - {<<: *t, runtime: codex}
other: {<<: *t, note: x}
`
	writeFiles(t, ".", map[string]string{"w.yaml": before})
	leftAlone := []string{
		"w.yaml:1:32: gpt5 left alone: its YAML anchor &m is also aliased at w.yaml:2:17, w.yaml:5:13, not as a value -fix rewrites the same way: rewriting it would change that too; rewrite by hand",
		"w.yaml:2:17: gpt5 left alone: a YAML alias: rewrite the value where its anchor is",
	}
	fixTwice(t, "w.yaml", before, leftAlone, leftAlone)

	// Without the mapping that is no workspace, the anchor is rewritten.
	only := strings.TrimSuffix(before, "other: {<<: *t, note: x}\n")
	writeFiles(t, ".", map[string]string{"w.yaml": only})
	fixTwice(t, "w.yaml", strings.Replace(only, "&m gpt5", "&m gpt-5.5", 1), []string{
		"w.yaml:1:32: gpt5 → gpt-5.5",
		"w.yaml:2:17: gpt5 → gpt-5.5 (rewritten where its anchor is)",
	}, nil)
}
