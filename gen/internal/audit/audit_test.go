package audit

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/resolver"
)

// writeFiles writes files (name → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// everyStatus is a corpus of every file kind with every status.
var everyStatus = map[string]string{
	"db/workspaces.jsonl": `{"runtime":"claude-code","model":"anthropic/claude-opus-4-7"}
{"runtime":"claude-code","model":"opus"}
{"runtime":"hermes","model":"claude-opus-4-7"}
{"runtime":"claude-code","model":"anthropic:claude-opus-4-7"}
{"runtime":"claude-code","model":"gpt-5.5"}
{"runtime":"claude-code","model":"opsu"}
{"runtime":"claude-code","model":null}
{"runtime":"langgraph","model":"opus"}
{"runtime":"kimi","model":"opus"}
`,
	"db/export.csv":       "id,runtime,model\n1,codex,gpt5\n2,codex,GPT-5.5\n3,hermes,opus\n",
	"db/export.tsv":       "runtime\tmodel\ncodex\tgpt-5.5\ncodex\tgpt-4o\ncodex\tgpt4o\ncodex\to3\n",
	"templates/team.yaml": "team:\n  default: {runtime: claude-code, model: Opus}\n---\nruntime: codex\nmodel: ''\n",
	"bundles/b.json":      `[{"runtime":"codex","model":"gpt-6"},{"w":{"runtime":"hermes","model":"gpt-5.5"}}]`,
	"bundles/broken.json": `[{"runtime":"codex","model":"gpt-6"},]`,
	".git/HEAD.json":      `not read: hidden`,
	"notes.txt":           `not read: not a corpus file`,
}

// TestReport: each occurrence gets its pair's status, billing and fix;
// every breakdown adds up to the number of occurrences; the unreadable
// file is left out and counted.
func TestReport(t *testing.T) {
	rep := everyStatusReport(t)
	var pairs []string
	for _, p := range rep.Pairs {
		fix := "-"
		if p.Fix != nil {
			fix = p.Fix.Why + "→" + p.Fix.To
		}
		if p.ReplacedBy != "" {
			fix = "(→" + p.ReplacedBy + ") " + fix
		}
		pairs = append(pairs, fmt.Sprintf("%s %q %s/%s %s %s/%s refused=%v ×%d %v",
			p.Runtime, p.Model, p.Status, cmp.Or(p.Lifecycle, "-"), fix, p.Billing.Mode, p.Billing.Source, p.Refused, p.Count, p.Positions))
	}
	want := []string{
		`claude-code "Opus" unregistered/- case→opus platform_managed/default refused=true ×1 [templates/team.yaml:2:42]`,
		`claude-code "opsu" unregistered/- - platform_managed/default refused=true ×1 [db/workspaces.jsonl:6:34]`,
		`codex "GPT-5.5" unregistered/- case→gpt-5.5 platform_managed/default refused=true ×1 [db/export.csv:3:9]`,
		`codex "gpt-6" unregistered/- - platform_managed/default refused=true ×1 [bundles/b.json:1:29]`,
		`claude-code "gpt-5.5" not-on-runtime/active - ` + notOnRuntimeBilling + ` refused=true ×1 [db/workspaces.jsonl:5:34]`,
		// A retired model is refused whatever its spelling; -fix writes
		// its id, -fix-retired its replacement (TestFixRetired).
		`codex "gpt-4o" registered/retired (→gpt-5.5) - byok/derived refused=true ×1 [db/export.tsv:3:7]`,
		`codex "gpt4o" alias/retired (→gpt-5.5) alias→gpt-4o byok/derived refused=true ×1 [db/export.tsv:4:7]`,
		`hermes "opus" not-on-runtime/active - ` + notOnRuntimeBilling + ` refused=true ×1 [db/export.csv:4:10]`,
		`claude-code "anthropic:claude-opus-4-7" legacy/active legacy→anthropic/claude-opus-4-7 platform_managed/derived refused=false ×1 [db/workspaces.jsonl:4:34]`,
		`codex "gpt5" alias/active alias→gpt-5.5 byok/derived refused=false ×1 [db/export.csv:2:9]`,
		`hermes "claude-opus-4-7" alias/active alias→anthropic/claude-opus-4-7 platform_managed/derived refused=false ×1 [db/workspaces.jsonl:3:29]`,
		`claude-code "" no-model/- - platform_managed/default refused=false ×1 [db/workspaces.jsonl:7:34]`,
		`codex "" no-model/- - platform_managed/default refused=false ×1 [templates/team.yaml:5:8]`,
		// The lifecycle of the model a spelling names, on any runtime.
		`kimi "opus" unknown-runtime/active - platform_managed/default refused=false ×1 [db/workspaces.jsonl:9:27]`,
		`langgraph "opus" ungoverned-runtime/active - platform_managed/default refused=false ×1 [db/workspaces.jsonl:8:32]`,
		`claude-code "anthropic/claude-opus-4-7" registered/active - platform_managed/derived refused=false ×1 []`,
		`claude-code "opus" registered/active - byok/derived refused=false ×1 []`,
		`codex "gpt-5.5" registered/active - byok/derived refused=false ×1 []`,
		// A deprecated model is listed, not refused.
		`codex "o3" registered/deprecated (→gpt-5.5) - byok/derived refused=false ×1 [db/export.tsv:5:7]`,
		`hermes "gpt-5.5" registered/active - byok/derived refused=false ×1 []`,
	}
	if !slices.Equal(pairs, want) {
		t.Errorf("pairs:\n\t%s\nwant\n\t%s", strings.Join(pairs, "\n\t"), strings.Join(want, "\n\t"))
	}
	s := rep.Summary
	if s.Occurrences != 20 || s.Files != 6 || s.Skipped != 1 || s.Refused != 8 || s.Flagged != 8 {
		t.Errorf("summary %+v", s)
	}
	wantProblems := []Problem{{Pos: Pos{"bundles/broken.json", 1, 38}, Message: "invalid character ']' looking for beginning of value"}}
	if !slices.Equal(rep.Problems, wantProblems) {
		t.Errorf("problems %v, want %v", rep.Problems, wantProblems)
	}
	checkTotals(t, rep)
	for _, st := range statuses() {
		if s.ByStatus[s.ByStatus.index(st.String())].N == 0 {
			t.Errorf("the corpus has no %s occurrence", st)
		}
	}
	for _, c := range s.ByLifecycle {
		if c.N == 0 && c.Name != resolver.LifecyclePreview.String() {
			t.Errorf("the corpus has no %s occurrence", c.Name)
		}
	}
	if got, want := counts(s.FlaggedBy()), "2 not-on-runtime, 4 unregistered, 2 retired"; got != want {
		t.Errorf("flagged by %s, want %s", got, want)
	}
}

// everyStatusReport returns the report on the everyStatus corpus, under
// reject.
func everyStatusReport(t *testing.T) *Report {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, everyStatus)
	t.Chdir(dir)
	rep, err := Run(testRegistry(t), []string{"."}, Options{Enforce: resolver.EnforceReject})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// notOnRuntimeBilling is the billing of a registered model asked for on a
// runtime that does not serve it.
var notOnRuntimeBilling = func() string {
	d := testRegistryOnce().Resolver.ResolveBillingMode(resolver.BillingInput{Runtime: "hermes", Model: "opus"})
	return string(d.Mode) + "/" + string(d.Source)
}()

// checkTotals: every breakdown of the summary adds up to the number of
// occurrences.
func checkTotals(t *testing.T, rep *Report) {
	t.Helper()
	s := rep.Summary
	pairs, billing, byStatusOfBilling, positions := 0, 0, 0, 0
	for _, p := range rep.Pairs {
		pairs += p.Count
		if p.Listed() {
			positions += len(p.Positions)
		} else {
			positions += p.Count
		}
	}
	for _, b := range s.Billing {
		billing += b.Count
		byStatusOfBilling += b.ByStatus.Total()
	}
	for name, n := range map[string]int{
		"by status": s.ByStatus.Total(), "pairs": pairs, "billing": billing,
		"billing by status": byStatusOfBilling, "positions": positions,
	} {
		if n != s.Occurrences {
			t.Errorf("%s adds up to %d, want %d occurrences", name, n, s.Occurrences)
		}
	}
	if s.FlaggedBy().Total() != s.Flagged || s.Refused > s.Flagged || s.PlatformDefault != s.DefaultByStatus().Total() {
		t.Errorf("flagged %d by status %v, refused %d, on the default %d by status %v", s.Flagged, s.FlaggedBy(), s.Refused, s.PlatformDefault, s.DefaultByStatus())
	}
	listed := 0
	for _, p := range rep.Listed() {
		listed += p.Count
	}
	if len(rep.findings()) != listed || s.ByLifecycle.Total() != s.Occurrences {
		t.Errorf("%d findings, want %d (every listed occurrence); by lifecycle %v", len(rep.findings()), listed, s.ByLifecycle)
	}
}

// TestTotalsLarge: the totals add up on the synthetic export too, at the
// -enforce levels of the verdict.
func TestTotalsLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.jsonl")
	writeCorpus(t, path, 10_000)
	for _, e := range []resolver.Enforcement{resolver.EnforceWarn, resolver.EnforceReject} {
		rep, err := Run(testRegistry(t), []string{path}, Options{Enforce: e})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Summary.Occurrences != 10_000 {
			t.Fatalf("%d occurrences", rep.Summary.Occurrences)
		}
		checkTotals(t, rep)
		if refused := rep.Summary.Refused; (e == resolver.EnforceReject) != (refused == 1100) {
			t.Errorf("%v: %d refused", e, refused)
		}
	}
}

// TestPaths: every path that is missing or not a corpus file is reported
// at once, before anything is read.
func TestPaths(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"a.jsonl": "", "b.txt": "", "d/.hidden/c.jsonl": "", "d/C.JSONL": ""})
	_, err := Run(testRegistry(t), []string{"a.jsonl", "missing.csv", "b.txt", "d"}, Options{})
	want := "missing.csv: no such file or directory\nb.txt: not a corpus file: want one of .jsonl, .ndjson, .csv, .tsv, .yaml, .yml, .json, or a directory"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want\n%s", err, want)
	}
	rep, err := Run(testRegistry(t), []string{"d", "a.jsonl", "./a.jsonl"}, Options{})
	if err != nil || rep.Summary.Files != 2 {
		t.Errorf("files %d, %v; want d/C.JSONL and a.jsonl once", rep.Summary.Files, err)
	}
	if _, err := Run(testRegistry(t), []string{"a.jsonl"}, Options{Keys: Keys{"m", "m"}}); err == nil {
		t.Error("the same key for runtime and model: no error")
	}
}

// TestMarkdownBounded: the Markdown report lists at most maxRows pairs and
// -fix changes, and says how many more JSON has.
func TestMarkdownBounded(t *testing.T) {
	t.Chdir(t.TempDir())
	var b strings.Builder
	for i := range maxRows + 5 {
		fmt.Fprintf(&b, "{\"runtime\":\"codex\",\"model\":\"gpt5\"}\n{\"runtime\":\"codex\",\"model\":\"m-%d\"}\n", i)
	}
	writeFiles(t, ".", map[string]string{"w.jsonl": b.String()})
	rep, err := Run(testRegistry(t), []string{"w.jsonl"}, Options{Enforce: resolver.EnforceReject, Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	md, err := rep.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n… and 5 more pairs: see `-format json`.\n", "\n… and 5 more: see `-format json`.\n"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the Markdown report does not say %q", want)
		}
	}
	if n := strings.Count(string(md), "\n| `codex` | `m-"); n != maxRows {
		t.Errorf("%d pair rows, want %d", n, maxRows)
	}
}

// TestInertOutput: a corpus value or a file name with control, bidi or
// Markdown characters reaches no report as itself.
func TestInertOutput(t *testing.T) {
	t.Chdir(t.TempDir())
	name := "w\u202e.jsonl"
	writeFiles(t, ".", map[string]string{
		name: `{"runtime":"codex\u0007","model":"a|b` + "`" + `\u202e<b>\u001b[31m"}` + "\n",
	})
	rep, err := Run(testRegistry(t), []string{name}, Options{Enforce: resolver.EnforceReject})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "markdown", "json"} {
		out, err := rep.Render(format)
		if err != nil {
			t.Fatal(err)
		}
		bad := []string{"\u202e", "\a", "\x1b"}
		if format == "markdown" { // nor what would end a code span or a cell
			bad = append(bad, "a|b", "b`")
		}
		for _, b := range bad {
			if strings.Contains(string(out), b) {
				t.Errorf("%s report holds %q:\n%s", format, b, out)
			}
		}
	}
}

// TestMarkdownTablesApart: every table of the Markdown report starts after
// a blank line, else GitHub renders two tables as one.
func TestMarkdownTablesApart(t *testing.T) {
	rep := everyStatusReport(t)
	md, err := rep.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(md), "\n")
	tables := 0
	for i := 1; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "|") && !strings.HasPrefix(lines[i-1], "|") {
			tables++
			if lines[i-1] != "" {
				t.Errorf("line %d: a table right after %q", i+1, lines[i-1])
			}
		}
		if strings.HasPrefix(lines[i], "|---") && lines[i-2] != "" {
			t.Errorf("line %d: a delimiter row not after a header row that follows a blank line", i+1)
		}
	}
	if tables != 4 {
		t.Errorf("%d tables, want 4 (status, lifecycle, billing, pairs):\n%s", tables, md)
	}
}

// TestSameFileOnce: a file reached by two names (a hard link, a symbolic
// link, a path given twice) is read once, under the first name.
func TestSameFileOnce(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"d/a.jsonl": `{"runtime":"codex","model":"gpt5"}` + "\n"})
	if err := os.Link("d/a.jsonl", "hard.jsonl"); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("a.jsonl", "d/soft.jsonl"); err != nil {
		t.Skip(err)
	}
	for _, fix := range []bool{false, true} {
		rep, err := Run(testRegistry(t), []string{"d", "hard.jsonl", "d/a.jsonl"}, Options{Fix: fix})
		if err != nil {
			t.Fatal(err)
		}
		if s := rep.Summary; s.Files != 1 || s.Occurrences != 1 {
			t.Errorf("fix=%v: %d files, %d occurrences; want 1 of each", fix, s.Files, s.Occurrences)
		}
		if fix && (len(rep.Fixes) != 1 || rep.Fixes[0].Pos.File != filepath.Join("d", "a.jsonl")) {
			t.Errorf("fixes %v, want one, in d/a.jsonl", rep.Fixes)
		}
	}
}

// TestPlatformMoney: every occurrence that falls to the platform_managed
// default is platform money, flagged or not: an unknown runtime, an
// ungoverned one and an unset model fail open, and are billed to the
// platform as much as an unregistered model is.
func TestPlatformMoney(t *testing.T) {
	rep := everyStatusReport(t)
	s := rep.Summary
	if got, want := counts(s.DefaultByStatus()), "4 unregistered, 2 no-model, 1 ungoverned-runtime, 1 unknown-runtime"; got != want {
		t.Fatalf("billed by default: %s, want %s", got, want)
	}
	if s.PlatformDefault != 8 {
		t.Errorf("platform money %d, want 8", s.PlatformDefault)
	}
	text, err := rep.Text()
	if err != nil {
		t.Fatal(err)
	}
	if want := "\nplatform money: 8 occurrences fall to the platform_managed default (4 unregistered, 2 no-model, 1 ungoverned-runtime, 1 unknown-runtime)\n"; !strings.Contains(string(text), want) {
		t.Errorf("the text report does not say %q:\n%s", want, text)
	}
}

// TestSummaryLines: the fixable line counts a retired model with a
// replacement as the per-line output does (with -fix-retired); no billing
// line is printed when nothing was counted.
func TestSummaryLines(t *testing.T) {
	rep := everyStatusReport(t)
	text, err := rep.Text()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"db/export.tsv:3:7: codex + \"gpt-4o\": registered, retired (replaced by gpt-5.5), refused; billing byok (derived); -fix -fix-retired → gpt-5.5\n",
		"\nfixable: 3 alias, 1 legacy, 2 case, 1 retired (with -fix-retired) (gen audit -fix rewrites them)\n",
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the report does not say %q:\n%s", want, text)
		}
	}
	writeFiles(t, ".", map[string]string{"empty/w.jsonl": ""})
	rep, err = Run(testRegistry(t), []string{"empty"}, Options{Enforce: resolver.EnforceReject})
	if err != nil {
		t.Fatal(err)
	}
	if text, _ := rep.Text(); strings.Contains(string(text), "billing:") {
		t.Errorf("an empty corpus:\n%s", text)
	}
	if md, _ := rep.Markdown(); strings.Contains(string(md), "| billing |") {
		t.Errorf("an empty corpus:\n%s", md)
	}
}

// TestAliasPositionsListed: a value left alone because of its anchor names
// every alias, up to five, then how many more.
func TestAliasPositionsListed(t *testing.T) {
	t.Chdir(t.TempDir())
	var b strings.Builder
	b.WriteString("- base: &b {runtime: codex, model: gpt5}\n")
	for range 7 {
		b.WriteString("- x: *b\n")
	}
	writeFiles(t, ".", map[string]string{"w.yaml": b.String()})
	rep, err := Run(testRegistry(t), []string{"w.yaml"}, Options{Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "w.yaml:1:36: gpt5 left alone: inside the YAML anchor &b, also aliased at w.yaml:2:6, w.yaml:3:6, w.yaml:4:6, w.yaml:5:6, w.yaml:6:6 and 2 more: rewriting it would change that too; rewrite by hand"
	if got := fixLines(rep); len(got) != 1 || got[0] != want {
		t.Errorf("fixes %q, want %q", got, want)
	}
}
