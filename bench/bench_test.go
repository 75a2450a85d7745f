package main

import (
	"strings"
	"testing"
	"time"

	"github.com/molecule-ai/providers/bench/baseline"
)

// These test the harness's own logic, never timing: the figures are
// reported by go run ./bench, not asserted.

const registry = `
version: 1
providers:
  - id: platform
    platform: true
  - id: a
    auth_env: [A_KEY]
  - id: b
    auth_env: [B_KEY, B_TOKEN]
runtimes:
  - id: r1
  - id: r2
  - id: off
    governed: false
models:
  - id: m/one
    aliases: [one]
    served_by:
      - {provider: a, runtimes: [r1]}
  - id: m/two
    legacy_ids: ["m:two"]
    served_by:
      - {provider: a, runtimes: [r1, r2]}
      - {provider: b, runtimes: [r1, r2]}
  - id: m/three
    served_by:
      - {provider: platform, runtimes: [r2]}
`

func TestQuestions(t *testing.T) {
	f, err := baseline.ParseYAML([]byte(registry))
	if err != nil {
		t.Fatal(err)
	}
	qs, err := questions(f)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, q := range qs {
		kinds[q.kind]++
		if strings.ContainsAny(q.line(), "\n") && !strings.HasSuffix(q.line(), "\n") {
			t.Fatalf("line %q", q.line())
		}
	}
	want := map[string]int{kindProvider: 3, kindSingle: 2, kindByEnv: 1, kindHit: 3, kindAlias: 1, kindLegacy: 1, kindMiss: 3}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s questions, want %d (all: %v)", kinds[k], k, n, kinds)
		}
	}
	again, _ := questions(f)
	for i := range qs {
		if qs[i].line() != again[i].line() {
			t.Fatal("questions are not deterministic")
		}
	}
}

func TestBaselineDerive(t *testing.T) {
	reg, err := baseline.LoadYAML([]byte(registry))
	if err != nil {
		t.Fatal(err)
	}
	d, err := reg.Derive(" r1 ", "m:two", []string{"X", "B_TOKEN"})
	if err != nil || d.Provider != "b" || d.ByEnv != "B_TOKEN" || d.Model != "m/two" {
		t.Fatalf("Derive = %+v, %v", d, err)
	}
	if _, err := reg.Derive("r2", "m/two", nil); err == nil {
		t.Fatal("ambiguous pair derived")
	}
	if d, err := reg.Derive("r2", "m/three", nil); err != nil || !d.Platform {
		t.Fatalf("platform model: %+v, %v", d, err)
	}
	if !reg.IsPlatform("platform") || reg.IsPlatform("a") || reg.IsPlatform("nope") {
		t.Fatal("IsPlatform")
	}
}

func TestParseBench(t *testing.T) {
	out := []byte(`goos: linux
BenchmarkTables/DeriveSingle-2   	 1000000	        40.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkTables/DeriveSingle-2   	 1000000	        60.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkTables/DeriveSingle-2   	 1000000	        50.0 ns/op	       0 B/op	       0 allocs/op
BenchmarkMapFloor/Lookup         	 1000000	        12.5 ns/op	       8 B/op	       1 allocs/op
PASS
`)
	got, runs := parseBench(out)
	if runs != 3 {
		t.Errorf("runs = %d", runs)
	}
	if s := got["BenchmarkTables/DeriveSingle"]; s.ns != 50 || s.min != 40 || s.allocs != 0 {
		t.Errorf("DeriveSingle = %+v", s)
	}
	if s := got["BenchmarkMapFloor/Lookup"]; s.ns != 12.5 || s.allocs != 1 || s.bytes != 8 {
		t.Errorf("MapFloor = %+v", s)
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{fmtInt(1234567), "1,234,567"},
		{fmtInt(-1000), "-1,000"},
		{fmtInt(100), "100"},
		{fmtBytes(2048), "2048 B"},
		{fmtBytes(3 << 20), "3072.0 KiB"},
		{fmtBytes(-(20 << 20)), "-20.0 MiB"},
		{fmtDur(1500 * time.Microsecond), "1.5 ms"},
		{fmtDur(2500 * time.Millisecond), "2.50 s"},
		{fmtNs(38.12), "38.1"},
		{fmtNs(380.6), "381"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestInitLine(t *testing.T) {
	out := "init internal/bytealg @0.004 ms, 0.002 ms clock, 0 bytes, 0 allocs\ninit benchmod/n100/yamlreg @0.8 ms, 3.5 ms clock, 123456 bytes, 789 allocs\n"
	m := initLine.FindAllStringSubmatch(out, -1)
	if len(m) != 2 || m[1][1] != "benchmod/n100/yamlreg" || m[1][2] != "3.5" || m[1][4] != "789" {
		t.Fatalf("matches %q", m)
	}
}
