package audit

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/molecule-ai/providers/resolver"
)

// corpusMix is the (runtime, model) of each of 100 workspaces of a
// synthetic export: mostly registered, with every other status.
var corpusMix = func() (mix [100][2]string) {
	parts := []struct {
		n              int
		runtime, model string
	}{
		{40, "claude-code", "anthropic/claude-opus-4-7"},
		{20, "claude-code", "opus"},
		{10, "codex", "gpt-5.5"},
		{8, "hermes", "claude-opus-4-7"},
		{5, "claude-code", "anthropic:claude-opus-4-7"},
		{4, "claude-code", "Opus"},
		{4, "claude-code", "gpt-5.5"},
		{3, "codex", "gpt-6"},
		{3, "claude-code", ""},
		{2, "langgraph", "opus"},
		{1, "kimi", "opus"},
	}
	i := 0
	for _, p := range parts {
		for range p.n {
			mix[i] = [2]string{p.runtime, p.model}
			i++
		}
	}
	return mix
}()

// writeCorpus writes a JSON Lines export of n workspaces to path, each line
// a realistic record of about 190 bytes.
func writeCorpus(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		p := corpusMix[i*37%100]
		model := `"` + p[1] + `"`
		if p[1] == "" {
			model = "null"
		}
		fmt.Fprintf(w, `{"id":"ws-%07d","owner":"user-%05d","runtime":%q,"model":%s,"created_at":"2026-01-02T03:04:05Z","settings":{"temperature":0.2,"tags":["team-a","prod"]}}`+"\n",
			i, i%50000, p[0], model)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkAudit1M audits and prints (as text) a generated JSON Lines export
// of one million workspaces, written to a temporary directory. The target
// is under 10 s per audit:
//
//	go test -run '^$' -bench Audit1M -benchtime 3x ./gen/internal/audit
func BenchmarkAudit1M(b *testing.B) {
	const n = 1_000_000
	reg := testRegistry(b)
	path := filepath.Join(b.TempDir(), "workspaces.jsonl")
	writeCorpus(b, path, n)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	for b.Loop() {
		rep, err := Run(reg, []string{path}, Options{Enforce: resolver.EnforceReject})
		if err != nil {
			b.Fatal(err)
		}
		out, err := rep.Render("text")
		if err != nil || rep.Summary.Occurrences != n {
			b.Fatalf("%d occurrences, %v", rep.Summary.Occurrences, err)
		}
		b.ReportMetric(float64(len(out)), "output-bytes")
	}
}
