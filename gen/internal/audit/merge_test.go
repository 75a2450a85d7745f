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
