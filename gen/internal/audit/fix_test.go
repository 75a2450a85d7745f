package audit

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/output"
	"github.com/molecule-ai/providers/resolver"
	"gopkg.in/yaml.v3"
)

// fixCases are corpus files before and after -fix: only the bytes of the
// model values change, however each is written.
var fixCases = []struct {
	name, before, after string
	fixes               []string // as the text report prints them
}{{
	name: "workspaces.jsonl",
	before: "{\"runtime\":\"claude-code\",\"model\":\"claude-opus-4-7\"}\r\n" +
		"{\"model\" : \"Opus\" , \"runtime\":\"claude-code\"}\r\n" +
		"{\"runtime\":\"codex\",\"model\":\" gpt5\\t\"}\r\n" + // escaped: rewritten as a JSON string
		"{\"runtime\":\"codex\",\"model\":\"gpt\\u0035\",\"x\":\"gpt5\"}\r\n" +
		"{\"runtime\":\"codex\",\"model\":\"gpt-5.5\"}\r\n" +
		"{\"runtime\":\"claude-code\",\"model\":\"opsu\"}\r\n" +
		"{\"runtime\":\"langgraph\",\"model\":\"anthropic:claude-opus-4-7\"}", // any runtime: the same model
	after: "{\"runtime\":\"claude-code\",\"model\":\"anthropic/claude-opus-4-7\"}\r\n" +
		"{\"model\" : \"opus\" , \"runtime\":\"claude-code\"}\r\n" +
		"{\"runtime\":\"codex\",\"model\":\" gpt-5.5\\t\"}\r\n" +
		"{\"runtime\":\"codex\",\"model\":\"gpt-5.5\",\"x\":\"gpt5\"}\r\n" +
		"{\"runtime\":\"codex\",\"model\":\"gpt-5.5\"}\r\n" +
		"{\"runtime\":\"claude-code\",\"model\":\"opsu\"}\r\n" +
		"{\"runtime\":\"langgraph\",\"model\":\"anthropic/claude-opus-4-7\"}",
	fixes: []string{
		"workspaces.jsonl:1:34: claude-opus-4-7 → anthropic/claude-opus-4-7",
		"workspaces.jsonl:2:12: Opus → opus",
		"workspaces.jsonl:3:28: gpt5 → gpt-5.5",
		"workspaces.jsonl:4:28: gpt5 → gpt-5.5",
		"workspaces.jsonl:7:32: anthropic:claude-opus-4-7 → anthropic/claude-opus-4-7",
	},
}, {
	name: "templates.yaml",
	before: `# workspaces by team
teams:
  - name: research   # keep this comment
    runtime: codex
    model: one-point-five   # the id 1.5 reads as a number unquoted
  - {runtime: codex, model: gpt5, name: flow}
  - runtime: claude-code
    model: 'Claude-Opus-4-7'
  - runtime: hermes
    model: "claude-opus-4-7"
  - runtime: codex
    model: "gpt\x35"
  - runtime: codex
    model: ' gpt5 '
  - runtime: codex
    model: &m !!str GPT5
  - runtime: hermes
    model: *m
  - runtime: codex
    model: >-
      gpt5
---
runtime: claude-code
model: 'anthropic:claude-opus-4-7'
`,
	after: `# workspaces by team
teams:
  - name: research   # keep this comment
    runtime: codex
    model: "1.5"   # the id 1.5 reads as a number unquoted
  - {runtime: codex, model: gpt-5.5, name: flow}
  - runtime: claude-code
    model: 'anthropic/claude-opus-4-7'
  - runtime: hermes
    model: "anthropic/claude-opus-4-7"
  - runtime: codex
    model: "gpt-5.5"
  - runtime: codex
    model: ' gpt-5.5 '
  - runtime: codex
    model: &m !!str gpt-5.5
  - runtime: hermes
    model: *m
  - runtime: codex
    model: >-
      gpt5
---
runtime: claude-code
model: 'anthropic/claude-opus-4-7'
`,
	fixes: []string{
		"templates.yaml:5:12: one-point-five → 1.5",
		"templates.yaml:6:29: gpt5 → gpt-5.5",
		"templates.yaml:8:12: Claude-Opus-4-7 → anthropic/claude-opus-4-7",
		"templates.yaml:10:12: claude-opus-4-7 → anthropic/claude-opus-4-7",
		"templates.yaml:12:12: gpt5 → gpt-5.5",
		"templates.yaml:14:12: gpt5 → gpt-5.5",
		"templates.yaml:16:21: GPT5 → gpt-5.5",
		"templates.yaml:18:12: GPT5 → gpt-5.5 (rewritten where its anchor is)",
		"templates.yaml:20:12: gpt5 left alone: a YAML block scalar (| or >): rewrite it by hand",
		"templates.yaml:24:8: anthropic:claude-opus-4-7 → anthropic/claude-opus-4-7",
	},
}, {
	name: "export.csv",
	before: "id,runtime,model\r\n" +
		"1,claude-code,claude-opus-4-7\r\n" +
		"2,codex,\"GPT-5.5\"\r\n" +
		"3,codex,\" gpt5 \"\r\n" +
		"4,codex,\"gp\"\"t5\"\r\n" +
		"5,codex,gpt5\r\n",
	after: "id,runtime,model\r\n" +
		"1,claude-code,anthropic/claude-opus-4-7\r\n" +
		"2,codex,\"gpt-5.5\"\r\n" +
		"3,codex,\" gpt-5.5 \"\r\n" +
		"4,codex,\"gp\"\"t5\"\r\n" +
		"5,codex,gpt-5.5\r\n",
	fixes: []string{
		"export.csv:2:15: claude-opus-4-7 → anthropic/claude-opus-4-7",
		"export.csv:3:9: GPT-5.5 → gpt-5.5",
		"export.csv:4:9: gpt5 → gpt-5.5",
		"export.csv:6:9: gpt5 → gpt-5.5",
	},
}, {
	name:   "export.tsv",
	before: "runtime\tmodel\ncodex\tone-point-five\n",
	after:  "runtime\tmodel\ncodex\t1.5\n",
	fixes:  []string{"export.tsv:2:7: one-point-five → 1.5"},
}, {
	name: "bundle.json",
	before: `{
  "workspaces": [
    {"runtime": "hermes", "model": "anthropic:claude-opus-4-7"},
    {"config": {"runtime": "codex", "model": "GPT5"}}
  ]
}
`,
	after: `{
  "workspaces": [
    {"runtime": "hermes", "model": "anthropic/claude-opus-4-7"},
    {"config": {"runtime": "codex", "model": "gpt-5.5"}}
  ]
}
`,
	fixes: []string{
		"bundle.json:3:36: anthropic:claude-opus-4-7 → anthropic/claude-opus-4-7",
		"bundle.json:4:46: GPT5 → gpt-5.5",
	},
}}

func fixLine(fx Fix) string {
	if !fx.Applied {
		return fx.Pos.String() + ": " + fx.Old + " left alone: " + fx.Note
	}
	s := fx.Pos.String() + ": " + fx.Old + " → " + fx.New
	if fx.Note != "" {
		s += " (" + fx.Note + ")"
	}
	return s
}

// TestFix: -fix changes the model values and no other byte, keeps each
// file's mode, and says what it changed where; a second -fix changes
// nothing, and every rewritten file still reads.
func TestFix(t *testing.T) {
	reg := testRegistry(t)
	dir := t.TempDir()
	t.Chdir(dir)
	var paths []string
	for _, tc := range fixCases {
		if err := os.WriteFile(tc.name, []byte(tc.before), 0o640); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, tc.name)
	}
	rep, err := Run(reg, paths, Options{Enforce: resolver.EnforceReject, Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Fatalf("problems: %v", rep.Problems)
	}
	var got []string
	for _, fx := range rep.Fixes {
		got = append(got, fixLine(fx))
	}
	var want []string
	for _, tc := range fixCases {
		want = append(want, tc.fixes...)
		data, err := os.ReadFile(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != tc.after {
			t.Errorf("%s after -fix:\n%s\nwant\n%s", tc.name, data, tc.after)
		}
		if fi, err := os.Stat(tc.name); err != nil || fi.Mode().Perm() != 0o640 {
			t.Errorf("%s: mode %v, %v; want 0640 kept", tc.name, fi.Mode(), err)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("fixes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, tc := range fixCases {
		parses(t, tc.name)
	}
	if rep.Summary.Fixed != len(want)-1 {
		t.Errorf("Summary.Fixed = %d, want %d", rep.Summary.Fixed, len(want)-1)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(fixCases) {
		t.Errorf("-fix left %d files in the directory, want %d", len(entries), len(fixCases))
	}

	// A second -fix: the block scalar is left alone again, and nothing
	// changes.
	again, err := Run(reg, paths, Options{Enforce: resolver.EnforceReject, Fix: true})
	if err != nil || len(again.Problems) > 0 || again.Summary.Fixed != 0 || len(again.Fixes) != 1 {
		t.Fatalf("second -fix: %v, problems %v, fixes %v", err, again.Problems, again.Fixes)
	}
	for _, tc := range fixCases {
		if data, _ := os.ReadFile(tc.name); string(data) != tc.after {
			t.Errorf("%s changed on the second -fix:\n%s", tc.name, data)
		}
	}
}

// TestFixLeavesFailedFileAlone: a file whose rewrite cannot be written is
// left as it was, and says so; the others are still fixed.
func TestFixLeavesFailedFileAlone(t *testing.T) {
	reg := testRegistry(t)
	t.Chdir(t.TempDir())
	line := []byte(`{"runtime":"codex","model":"gpt5"}` + "\n")
	for _, p := range []string{"a.jsonl", "b.jsonl"} {
		if err := os.WriteFile(p, line, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer func(w func(string, []byte) error) { writeFile = w }(writeFile)
	writeFile = func(path string, data []byte) error {
		if path == "a.jsonl" {
			return errors.New("disk full")
		}
		return output.Write([]output.File{{Path: path, Data: data}}, io.Discard)
	}
	rep, err := Run(reg, []string{"a.jsonl", "b.jsonl"}, Options{Enforce: resolver.EnforceReject, Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{Pos: Pos{File: "a.jsonl"}, Message: "-fix left the file unchanged: disk full", Write: true}}
	if !slices.Equal(rep.Problems, want) {
		t.Errorf("problems %v, want %v", rep.Problems, want)
	}
	var fixes []string
	for _, fx := range rep.Fixes {
		fixes = append(fixes, fixLine(fx))
	}
	if want := "a.jsonl:1:28: gpt5 left alone: file left unchanged\nb.jsonl:1:28: gpt5 → gpt-5.5"; strings.Join(fixes, "\n") != want {
		t.Errorf("fixes:\n%s\nwant\n%s", strings.Join(fixes, "\n"), want)
	}
	if data, _ := os.ReadFile("a.jsonl"); !bytes.Equal(data, line) {
		t.Errorf("a.jsonl changed: %s", data)
	}
	if data, _ := os.ReadFile("b.jsonl"); string(data) != `{"runtime":"codex","model":"gpt-5.5"}`+"\n" {
		t.Errorf("b.jsonl not fixed: %s", data)
	}
	// The report counts a.jsonl as it is: still an alias.
	if got := rep.Summary.ByStatus; got[rep.Summary.ByStatus.index("alias")].N != 1 || rep.Summary.Fixed != 1 {
		t.Errorf("by status %v, fixed %d", got, rep.Summary.Fixed)
	}
}

// TestSameRecords: the read-back check refuses a rewrite that lost,
// added, reordered or changed a record beyond the models it fixed.
func TestSameRecords(t *testing.T) {
	a := &auditor{rd: &reader{pairs: newPairTable()}}
	occ := func(pairs ...[2]string) []occurrence {
		var out []occurrence
		for _, p := range pairs {
			out = append(out, occurrence{pair: id(a.rd.pairs, p[0], p[1])})
		}
		return out
	}
	x, y, yFixed, z := [2]string{"claude-code", "opus"}, [2]string{"codex", "gpt5"}, [2]string{"codex", "gpt-5.5"}, [2]string{"hermes", "gpt-5.5"}
	before := occ(x, y)
	want := map[int]allowed{1: {models: []string{"gpt-5.5"}}}
	for _, tc := range []struct {
		after []occurrence
		ok    bool
	}{
		{occ(x, yFixed), true},
		{occ(x, y), false},         // the fix did not happen
		{occ(x), false},            // a record lost
		{occ(x, yFixed, x), false}, // a record added
		{occ(yFixed, x), false},    // reordered
		{occ(z, yFixed), false},    // a runtime changed
		{occ(y, yFixed), false},    // a model not fixed changed
	} {
		if got := a.sameRecords(before, tc.after, want); got != tc.ok {
			t.Errorf("sameRecords(%v) = %v, want %v", tc.after, got, tc.ok)
		}
	}
}

// parses fails the test unless the file at name parses with the standard
// decoder of its kind, independently of the audit's own readers.
func parses(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	switch kindOf(name) {
	case kindJSON:
		var v any
		err = json.Unmarshal(data, &v)
	case kindJSONL:
		for line := range strings.SplitSeq(string(data), "\n") {
			var v any
			if err = json.Unmarshal([]byte(line), &v); err != nil {
				break
			}
		}
	case kindYAML:
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for err == nil {
			var v any
			err = dec.Decode(&v)
		}
		if errors.Is(err, io.EOF) {
			err = nil
		}
	case kindCSV, kindTSV:
		r := csv.NewReader(bytes.NewReader(data))
		if kindOf(name) == kindTSV {
			r.Comma = '\t'
		}
		_, err = r.ReadAll()
	}
	if err != nil {
		t.Errorf("%s does not parse after -fix: %v", name, err)
	}
}

// TestFixThroughLink: a corpus file that is a symbolic link has its target
// rewritten, and stays a link.
func TestFixThroughLink(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("target.jsonl", []byte(`{"runtime":"codex","model":"gpt5"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.jsonl", "link.jsonl"); err != nil {
		t.Skip(err)
	}
	rep, err := Run(testRegistry(t), []string{"link.jsonl"}, Options{Fix: true})
	if err != nil || rep.Summary.Fixed != 1 {
		t.Fatalf("%v, %d fixed", err, rep.Summary.Fixed)
	}
	if fi, err := os.Lstat("link.jsonl"); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("link.jsonl is no longer a link: %v %v", fi.Mode(), err)
	}
	if data, _ := os.ReadFile("target.jsonl"); string(data) != `{"runtime":"codex","model":"gpt-5.5"}` {
		t.Errorf("target.jsonl: %s", data)
	}
}

// TestFixRetired: -fix writes a retired model's own id, never another
// model; -fix-retired writes its replacement, from any spelling. A
// deprecated model is left as it is.
func TestFixRetired(t *testing.T) {
	t.Chdir(t.TempDir())
	const before = `{"runtime":"codex","model":"gpt-4o"}
{"runtime":"codex","model":"gpt4o"}
{"runtime":"codex","model":"GPT-4O"}
{"runtime":"codex","model":"o3"}
`
	for _, tc := range []struct {
		retired     bool
		after       string
		fixes       []string
		refusedNext int
	}{{
		after: `{"runtime":"codex","model":"gpt-4o"}
{"runtime":"codex","model":"gpt-4o"}
{"runtime":"codex","model":"gpt-4o"}
{"runtime":"codex","model":"o3"}
`,
		fixes:       []string{"w.jsonl:2:28: gpt4o → gpt-4o", "w.jsonl:3:28: GPT-4O → gpt-4o (billing platform_managed → byok)"},
		refusedNext: 3,
	}, {
		retired: true,
		after: `{"runtime":"codex","model":"gpt-5.5"}
{"runtime":"codex","model":"gpt-5.5"}
{"runtime":"codex","model":"gpt-5.5"}
{"runtime":"codex","model":"o3"}
`,
		fixes: []string{
			"w.jsonl:1:28: gpt-4o → gpt-5.5 [retired]",
			"w.jsonl:2:28: gpt4o → gpt-5.5 [retired]",
			"w.jsonl:3:28: GPT-4O → gpt-5.5 [retired] (billing unregistered model · platform_managed (default) → openai · byok)",
		},
	}} {
		if err := os.WriteFile("w.jsonl", []byte(before), 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := Run(testRegistry(t), []string{"w.jsonl"}, Options{Enforce: resolver.EnforceReject, Fix: true, FixRetired: tc.retired})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, fx := range rep.Fixes {
			line := fx.Pos.String() + ": " + fx.Old + " → " + fx.New
			if fx.Why == FixRetired {
				line += " [retired]"
			}
			if fx.Billing != "" {
				line += " (billing " + fx.Billing + ")"
			}
			got = append(got, line)
		}
		if !slices.Equal(got, tc.fixes) {
			t.Errorf("-fix-retired=%v: fixes %q, want %q", tc.retired, got, tc.fixes)
		}
		if data, _ := os.ReadFile("w.jsonl"); string(data) != tc.after {
			t.Errorf("-fix-retired=%v: after\n%s\nwant\n%s", tc.retired, data, tc.after)
		}
		if rep.Summary.Refused != tc.refusedNext {
			t.Errorf("-fix-retired=%v: %d refused after, want %d", tc.retired, rep.Summary.Refused, tc.refusedNext)
		}
	}
	if _, err := Run(testRegistry(t), []string{"w.jsonl"}, Options{FixRetired: true}); err == nil {
		t.Error("-fix-retired without -fix: no error")
	}
}

// fixLines returns the -fix changes of a report as fixLine writes them.
func fixLines(rep *Report) []string {
	var out []string
	for _, fx := range rep.Fixes {
		out = append(out, fixLine(fx))
	}
	return out
}

// TestFixCaseOnRuntime: a case-only mismatch is rewritten only where the
// model it names is registered on the workspace's runtime: elsewhere the
// rewrite would not make the pair registered, only name a model the
// workspace never asked for by that name. An alias or a legacy id names
// its model on any runtime, and is rewritten everywhere.
func TestFixCaseOnRuntime(t *testing.T) {
	t.Chdir(t.TempDir())
	const before = `{"runtime":"claude-code","model":"CLAUDE-OPUS-4-7"}
{"runtime":"codex","model":"CLAUDE-OPUS-4-7"}
{"runtime":"langgraph","model":"Opus"}
{"runtime":"kimi","model":"Opus"}
{"runtime":"codex","model":"claude-opus-4-7"}
`
	const after = `{"runtime":"claude-code","model":"anthropic/claude-opus-4-7"}
{"runtime":"codex","model":"CLAUDE-OPUS-4-7"}
{"runtime":"langgraph","model":"Opus"}
{"runtime":"kimi","model":"Opus"}
{"runtime":"codex","model":"anthropic/claude-opus-4-7"}
`
	writeFiles(t, ".", map[string]string{"w.jsonl": before})
	rep, err := Run(testRegistry(t), []string{"w.jsonl"}, Options{Enforce: resolver.EnforceReject, Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"w.jsonl:1:34: CLAUDE-OPUS-4-7 → anthropic/claude-opus-4-7",
		"w.jsonl:5:28: claude-opus-4-7 → anthropic/claude-opus-4-7",
	}
	if got := fixLines(rep); !slices.Equal(got, want) {
		t.Errorf("fixes %q, want %q", got, want)
	}
	if data, _ := os.ReadFile("w.jsonl"); string(data) != after {
		t.Errorf("after -fix:\n%s\nwant\n%s", data, after)
	}
	if n := rep.Summary.Fixable.Total(); n != 0 {
		t.Errorf("%d fixable after -fix, want 0: %v", n, rep.Summary.Fixable)
	}
}

// TestRetiredBilling: a retired model's replacement says what it does to
// billing when the outcome differs (another provider, another mode), in
// the preview and in the -fix -fix-retired change; the same outcome says
// nothing.
func TestRetiredBilling(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"w.jsonl": `{"runtime":"claude-code","model":"claude-3-opus"}
{"runtime":"codex","model":"gpt-4o"}
`})
	const change = "anthropic · byok → platform · platform_managed"
	rep, err := Run(testRegistry(t), []string{"w.jsonl"}, Options{Enforce: resolver.EnforceReject})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range rep.Pairs {
		got[p.Model] = p.ReplacementBilling
	}
	if want := map[string]string{"claude-3-opus": change, "gpt-4o": ""}; !maps.Equal(got, want) {
		t.Errorf("replacement billing %q, want %q", got, want)
	}
	text, err := rep.Text()
	if err != nil {
		t.Fatal(err)
	}
	if want := `-fix -fix-retired → anthropic/claude-opus-4-7 (billing ` + change + ")\n"; !strings.Contains(string(text), want) {
		t.Errorf("the text report does not say %q:\n%s", want, text)
	}
	md, err := rep.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	if want := "`-fix-retired` → `anthropic/claude-opus-4-7`, **billing " + change + "**"; !strings.Contains(string(md), want) {
		t.Errorf("the Markdown report does not say %q:\n%s", want, md)
	}

	rep, err = Run(testRegistry(t), []string{"w.jsonl"}, Options{Enforce: resolver.EnforceReject, Fix: true, FixRetired: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, fx := range rep.Fixes {
		lines = append(lines, fixLine(fx)+" / "+fx.Billing)
	}
	want := []string{
		"w.jsonl:1:34: claude-3-opus → anthropic/claude-opus-4-7 / " + change,
		"w.jsonl:2:28: gpt-4o → gpt-5.5 / ",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("fixes %q, want %q", lines, want)
	}
}

// TestFixSharedAnchor: -fix leaves alone, and says where it is aliased, a
// YAML anchored value (or one inside an anchored mapping) that an alias
// uses anywhere but as a model -fix rewrites the same way: rewriting it
// would change that use too. The rest of the file is fixed.
func TestFixSharedAnchor(t *testing.T) {
	t.Chdir(t.TempDir())
	const before = `- runtime: codex
  model: &m GPT5
- runtime: hermes
  model: *m
- runtime: codex
  fallback: *m
- runtime: codex
  model: &k gpt5
- runtime: hermes
  model: *k
- runtime: claude-code
  model: &c claude-opus-4-7
- runtime: codex
  model: *c
- base: &base
    runtime: hermes
    model: claude-opus-4-7
- <<: *base
  runtime: claude-code
- copy: *base
- runtime: codex
  model: gpt5
`
	// Only the anchors that no other use shares, and the plain value.
	after := strings.NewReplacer("&k gpt5", "&k gpt-5.5", "&c claude-opus-4-7", "&c anthropic/claude-opus-4-7",
		"  model: gpt5\n", "  model: gpt-5.5\n").Replace(before)
	writeFiles(t, ".", map[string]string{"w.yaml": before})
	leftAlone := []string{
		"w.yaml:2:13: GPT5 left alone: its YAML anchor &m is also aliased at w.yaml:6:13, not as a value -fix rewrites the same way: rewriting it would change that too; rewrite by hand",
		"w.yaml:4:10: GPT5 left alone: a YAML alias: rewrite the value where its anchor is",
		"w.yaml:17:12: claude-opus-4-7 left alone: inside the YAML anchor &base, also aliased at w.yaml:18:7, w.yaml:20:9: rewriting it would change that too; rewrite by hand",
	}
	want := []string{
		leftAlone[0], leftAlone[1],
		"w.yaml:8:13: gpt5 → gpt-5.5",
		"w.yaml:10:10: gpt5 → gpt-5.5 (rewritten where its anchor is)",
		"w.yaml:12:13: claude-opus-4-7 → anthropic/claude-opus-4-7",
		"w.yaml:14:10: claude-opus-4-7 → anthropic/claude-opus-4-7 (rewritten where its anchor is)",
		leftAlone[2], leftAlone[2], // the mapping, and the one merging it
		"w.yaml:22:10: gpt5 → gpt-5.5",
	}
	// The second -fix leaves the same alone, and changes nothing.
	fixTwice(t, "w.yaml", after, want, append(leftAlone, leftAlone[2]))
}

// fixTwice runs -fix on the file name twice, wanting the changes first,
// then again: both leave it as after, with no problem.
func fixTwice(t *testing.T, name, after string, first, again []string) {
	t.Helper()
	for _, want := range [][]string{first, again} {
		rep, err := Run(testRegistry(t), []string{name}, Options{Enforce: resolver.EnforceReject, Fix: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Problems) > 0 {
			t.Fatalf("problems %v", rep.Problems)
		}
		if got := fixLines(rep); !slices.Equal(got, want) {
			t.Errorf("fixes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if data, _ := os.ReadFile(name); string(data) != after {
			t.Errorf("after -fix:\n%s\nwant\n%s", data, after)
		}
	}
}

// TestFixRuntimeCase: an unknown runtime equal to a registered one but for
// ASCII case is suggested, and -fix rewrites it (only its bytes), checking
// the model's case fix on the runtime as rewritten; a runtime that is not
// a case mismatch of one is left as it is.
func TestFixRuntimeCase(t *testing.T) {
	t.Chdir(t.TempDir())
	const before = `{"runtime":"Claude-Code","model":"Opus"}
{"model":"gpt5","runtime":"CODEX"}
{"runtime":"kimi","model":"opus"}
`
	const after = `{"runtime":"claude-code","model":"opus"}
{"model":"gpt-5.5","runtime":"codex"}
{"runtime":"kimi","model":"opus"}
`
	writeFiles(t, ".", map[string]string{
		"w.jsonl": before,
		"t.yaml":  "- runtime: 'Hermes'\n  model: gpt-5.5\n",
		"e.csv":   "runtime,model\nCodex,gpt-5.5\n",
	})
	paths := []string{"w.jsonl", "t.yaml", "e.csv"}
	rep, err := Run(testRegistry(t), paths, Options{Enforce: resolver.EnforceReject})
	if err != nil {
		t.Fatal(err)
	}
	text, err := rep.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"w.jsonl:1:34: Claude-Code + \"Opus\": unknown-runtime; billing platform_managed (default); -fix runtime → claude-code; -fix → opus (case; billing platform_managed → byok)\n",
		"w.jsonl:3:27: kimi + \"opus\": unknown-runtime; billing platform_managed (default)\n",
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the text report does not say %q:\n%s", want, text)
		}
	}

	rep, err = Run(testRegistry(t), paths, Options{Enforce: resolver.EnforceReject, Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, fx := range rep.Fixes {
		got = append(got, fx.Field+" "+fixLine(fx)+" / "+fx.Billing)
	}
	want := []string{
		"runtime w.jsonl:1:12: Claude-Code → claude-code / ",
		"model w.jsonl:1:34: Opus → opus / platform_managed → byok",
		"model w.jsonl:2:10: gpt5 → gpt-5.5 / platform_managed → byok",
		"runtime w.jsonl:2:30: CODEX → codex / ",
		"runtime t.yaml:1:12: Hermes → hermes / platform_managed → byok",
		"runtime e.csv:2:1: Codex → codex / platform_managed → byok",
	}
	if !slices.Equal(got, want) {
		t.Errorf("fixes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for name, want := range map[string]string{"w.jsonl": after, "t.yaml": "- runtime: 'hermes'\n  model: gpt-5.5\n", "e.csv": "runtime,model\ncodex,gpt-5.5\n"} {
		if data, _ := os.ReadFile(name); string(data) != want {
			t.Errorf("%s after -fix:\n%s\nwant\n%s", name, data, want)
		}
	}
	if s := rep.Summary; s.Refused != 0 || s.ByStatus[s.ByStatus.index("unknown-runtime")].N != 1 {
		t.Errorf("after -fix: %d refused, by status %v", s.Refused, s.ByStatus)
	}
}

// TestFixConcurrentWrite: a file that changes on disk after -fix read it
// is left as the other writer made it, and is a problem that makes the
// command exit 3 (Write); the other files are fixed.
func TestFixConcurrentWrite(t *testing.T) {
	t.Chdir(t.TempDir())
	line := `{"runtime":"codex","model":"gpt5"}` + "\n"
	writeFiles(t, ".", map[string]string{"a.jsonl": line, "b.jsonl": line})
	const other = `{"runtime":"codex","model":"gpt5"}` + "\n" + `{"runtime":"hermes","model":"gpt5"}` + "\n"
	defer func(r func(string) ([]byte, os.FileInfo, error)) { readForFix = r }(readForFix)
	read := readForFix
	readForFix = func(path string) ([]byte, os.FileInfo, error) {
		data, fi, err := read(path)
		if path == "a.jsonl" { // another writer, after the read
			if err := os.WriteFile(path, []byte(other), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return data, fi, err
	}
	rep, err := Run(testRegistry(t), []string{"a.jsonl", "b.jsonl"}, Options{Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{Pos: Pos{File: "a.jsonl"}, Message: "-fix left the file unchanged: it changed on disk after it was read; run gen audit again", Write: true}}
	if !slices.Equal(rep.Problems, want) {
		t.Errorf("problems %v, want %v", rep.Problems, want)
	}
	if data, _ := os.ReadFile("a.jsonl"); string(data) != other {
		t.Errorf("a.jsonl: %s; want the other writer's", data)
	}
	if data, _ := os.ReadFile("b.jsonl"); string(data) != `{"runtime":"codex","model":"gpt-5.5"}`+"\n" {
		t.Errorf("b.jsonl not fixed: %s", data)
	}
}
