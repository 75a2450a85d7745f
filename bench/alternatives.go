package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/molecule-ai/providers/bench/baseline"
	"github.com/molecule-ai/providers/internal/table"
)

// The table layouts rejected for the generated code, measured with
// -alternatives over the same model spellings (each mapped to its model's
// position), so BENCHMARKS.md can show why.
const (
	altSwitch = "switchlit" // func Lookup(s string) int32 { switch s { case ...: } }
	altSorted = "sorted"    // sorted [...]string and [...]int32 arrays, binary search
	altU32    = "u32arrays" // the perfect hash with its tables as [...]uint32 literals
)

var alts = []string{altSwitch, altSorted, altU32}

var altLabels = map[string]string{
	altSwitch: "string `switch`",
	altSorted: "sorted `[...]string` + `[...]int32`, binary search",
	altU32:    "perfect hash, tables as `[...]uint32` literals",
}

// maxSwitch is the largest registry whose switch is compiled: the compile
// time grows faster than linearly (about a minute at 25,000 models).
const maxSwitch = 25000

// altResult is what the rejected layouts cost at one N.
type altResult struct {
	n    int
	rows map[string]altRow
}

type altRow struct {
	skipped    string
	compile    usage
	size, data int64 // binary and .data growth per 1,000 models
	lookup     benchStat
	hasLookup  bool
}

func (h *harness) alternatives(ctx context.Context, n int) (*altResult, error) {
	res := &altResult{n: n, rows: map[string]altRow{}}
	fmt.Fprintf(h.log, "bench: N=%d: alternatives\n", n)
	keys, vals, err := h.spellings(ctx, n)
	if err != nil {
		return nil, err
	}
	refKeys, refVals, err := h.spellings(ctx, 1)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("alt%d", n)
	if err := h.writeAlts(name, keys, vals, n <= maxSwitch); err != nil {
		return nil, err
	}
	if err := h.writeAlts("alt1", refKeys, refVals, true); err != nil {
		return nil, err
	}
	if err := h.buildAlts(ctx, res, name); err != nil {
		return nil, err
	}
	if err := h.benchAlts(ctx, res, name); err != nil {
		return nil, err
	}
	return res, nil
}

// buildAlts compiles each alternative of res.n models and of one, measuring
// the compile step and how much each model adds to the binary.
func (h *harness) buildAlts(ctx context.Context, res *altResult, name string) error {
	n := res.n
	bins := map[string]map[string]binInfo{}
	for _, dir := range []string{name, "alt1"} {
		binDir := filepath.Join(h.work, dir, "bin")
		if err := os.MkdirAll(binDir, 0o755); err != nil {
			return err
		}
		bins[dir] = map[string]binInfo{}
		for _, a := range alts {
			if a == altSwitch && dir == name && n > maxSwitch {
				continue
			}
			pkg := modPath + "/" + dir + "/" + a
			if dir == name {
				u, _, err := h.compileCost(ctx, pkg, filepath.Join(h.mod, dir, a, a+".go"), 1)
				if err != nil {
					return err
				}
				res.rows[a] = altRow{compile: u}
			}
			exe := filepath.Join(binDir, a)
			if _, _, err := h.modRun.run(ctx, []string{toolexecEnv + "=" + h.toolLog}, "go", "build", "-toolexec", h.self, "-o", exe, "./"+dir+"/cmd/"+a); err != nil {
				return err
			}
			b, err := measureBinary(exe)
			if err != nil {
				return err
			}
			bins[dir][a] = b
		}
	}
	for _, a := range alts {
		row, ok := res.rows[a]
		if !ok {
			res.rows[a] = altRow{skipped: fmt.Sprintf("not compiled above %s models", fmtInt(maxSwitch))}
			continue
		}
		row.size = (bins[name][a].size - bins["alt1"][a].size) * 1000 / int64(n-1)
		row.data = (bins[name][a].data - bins["alt1"][a].data) * 1000 / int64(n-1)
		res.rows[a] = row
	}

	return nil
}

// benchAlts measures the lookups of the alternatives beside the map floor,
// in one test binary built with the same -toolexec so that the packages
// just compiled come from the cache.
func (h *harness) benchAlts(ctx context.Context, res *altResult, name string) error {
	n := res.n
	testBin := filepath.Join(h.work, name, "alt.test")
	if _, _, err := h.modRun.run(ctx, []string{toolexecEnv + "=" + h.toolLog}, "go", "test", "-toolexec", h.self, "-c", "-o", testBin, "./"+name); err != nil {
		return err
	}
	out, _, err := (&runner{dir: filepath.Join(h.mod, name), log: h.log, verbose: h.c.verbose}).run(ctx, nil, testBin,
		"-test.run", "^$", "-test.bench", ".", "-test.benchmem", "-test.count", strconv.Itoa(h.c.count), "-test.benchtime", h.c.benchtime)
	if err != nil {
		return err
	}
	if h.rawOut != nil {
		fmt.Fprintf(h.rawOut, "# alternatives, N=%d models\n%s\n", n, out)
	}
	stats, _ := parseBench(out)
	for _, a := range []string{altSwitch, altSorted} {
		if b, ok := stats["BenchmarkAlt/"+a]; ok {
			row := res.rows[a]
			row.lookup, row.hasLookup = b, true
			res.rows[a] = row
		}
	}
	if b, ok := stats["BenchmarkAlt/map"]; ok {
		res.rows["map"] = altRow{lookup: b, hasLookup: true}
	}
	return nil
}

// spellings returns every model spelling of the synthetic registry of n
// models and its model's position.
func (h *harness) spellings(ctx context.Context, n int) ([]string, []int, error) {
	path := filepath.Join(h.work, fmt.Sprintf("n%d", n), "providers.yaml")
	if _, err := os.Stat(path); err != nil {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, nil, err
		}
		if _, _, err := h.repo.run(ctx, nil, filepath.Join(h.bin, "synth"), "-models", strconv.Itoa(n), "-o", path); err != nil {
			return nil, nil, err
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := baseline.ParseYAML(data)
	if err != nil {
		return nil, nil, err
	}
	var keys []string
	var vals []int
	for i, m := range f.Models {
		for _, s := range append(append([]string{m.ID}, m.Aliases...), m.LegacyIDs...) {
			keys = append(keys, s)
			vals = append(vals, i)
		}
	}
	return keys, vals, nil
}

// altHeader starts every file the alternatives write.
const altHeader = "// Code generated by go run ./bench. DO NOT EDIT.\n\n"

// writeAlts writes the alternatives over keys into the scratch module under
// dir: one package and one program each, and a benchmark of their lookups.
func (h *harness) writeAlts(dir string, keys []string, vals []int, withSwitch bool) error {
	root := filepath.Join(h.mod, dir)
	writers := []func(string, []string, []int) error{writeSorted, writeU32}
	if withSwitch {
		writers = append(writers, writeSwitch)
	}
	for _, write := range writers {
		if err := write(root, keys, vals); err != nil {
			return err
		}
	}
	for _, a := range alts {
		if a == altSwitch && !withSwitch {
			continue
		}
		src := fmt.Sprintf("package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n\t\"%s/%s/%s\"\n)\n\nfunc main() {\n\tfmt.Println(%s.Lookup(os.Args[1]))\n}\n", modPath, dir, a, a)
		if err := writeFile(filepath.Join(root, "cmd", a, "main.go"), src); err != nil {
			return err
		}
	}
	return writeAltBench(root, dir, keys, withSwitch)
}

// writeSwitch writes the alternative of a string switch.
func writeSwitch(root string, keys []string, vals []int) error {
	var b strings.Builder
	b.WriteString(altHeader + "package switchlit\n\n// Lookup returns the value of s, or -1.\nfunc Lookup(s string) int32 {\n\tswitch s {\n")
	for i, k := range keys {
		fmt.Fprintf(&b, "\tcase %s:\n\t\treturn %d\n", strconv.Quote(k), vals[i])
	}
	b.WriteString("\t}\n\treturn -1\n}\n")
	return writeFile(filepath.Join(root, altSwitch, altSwitch+".go"), b.String())
}

// writeSorted writes the alternative of a sorted array searched by binary
// search.
func writeSorted(root string, keys []string, vals []int) error {
	var b strings.Builder
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	b.WriteString(altHeader + "package sorted\n\nimport \"sort\"\n\nvar keys = [...]string{\n")
	for _, i := range order {
		fmt.Fprintf(&b, "\t%s,\n", strconv.Quote(keys[i]))
	}
	b.WriteString("}\n\nvar vals = [...]int32{\n")
	for _, i := range order {
		fmt.Fprintf(&b, "\t%d,\n", vals[i])
	}
	b.WriteString("}\n\n// Lookup returns the value of s, or -1.\nfunc Lookup(s string) int32 {\n\tif i := sort.SearchStrings(keys[:], s); i < len(keys) && keys[i] == s {\n\t\treturn vals[i]\n\t}\n\treturn -1\n}\n")
	return writeFile(filepath.Join(root, altSorted, altSorted+".go"), b.String())
}

// writeU32 writes the same perfect hash as the generated tables, with its
// numbers in [...]uint32 literals instead of digit strings: a bucket table
// and a slot's key offset and length.
func writeU32(root string, keys []string, _ []int) error {
	var b strings.Builder
	l, err := table.Place(keys)
	if err != nil {
		return err
	}
	b.WriteString(altHeader + "package u32arrays\n\nvar buckets = [...]uint32{\n\t0, // never empty, for Lookup\n")
	for i := 0; i+4 <= len(l.Buckets); i += 4 {
		fmt.Fprintf(&b, "\t%d,\n", table.Num4(l.Buckets, i))
	}
	bySlot := make([]string, len(keys))
	for k, slot := range l.Slots {
		bySlot[slot] = keys[k]
	}
	var joined strings.Builder
	b.WriteString("}\n\nvar starts = [...]uint32{\n")
	for _, k := range bySlot {
		fmt.Fprintf(&b, "\t%d,\n", joined.Len())
		joined.WriteString(k)
	}
	b.WriteString("}\n\nvar lens = [...]uint8{\n")
	for _, k := range bySlot {
		fmt.Fprintf(&b, "\t%d,\n", len(k))
	}
	fmt.Fprintf(&b, "}\n\nconst keys = %s\n\n// Lookup reads every table, to keep them in the program.\nfunc Lookup(s string) int32 {\n\tn := len(s)\n\treturn int32(buckets[n%%len(buckets)] + starts[n%%len(starts)] + uint32(lens[n%%len(lens)]) + uint32(keys[n%%len(keys)]))\n}\n", strconv.Quote(joined.String()))
	return writeFile(filepath.Join(root, altU32, altU32+".go"), b.String())
}

// writeAltBench writes the benchmark of the lookups: the spellings in a
// shuffled order, beside a map built at run time.
func writeAltBench(root, dir string, keys []string, withSwitch bool) error {
	shuffled := slices.Clone(keys)
	for i := range shuffled {
		j := (i*7919 + 13) % len(shuffled)
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	}
	if err := writeFile(filepath.Join(root, "keys.txt"), strings.Join(shuffled, "\n")+"\n"); err != nil {
		return err
	}
	var imports, runs strings.Builder
	for _, a := range []string{altSwitch, altSorted} {
		if a == altSwitch && !withSwitch {
			continue
		}
		fmt.Fprintf(&imports, "\t\"%s/%s/%s\"\n", modPath, dir, a)
		fmt.Fprintf(&runs, "\tb.Run(%q, func(b *testing.B) { run(b, func(s string) bool { return %s.Lookup(s) >= 0 }) })\n", a, a)
	}
	test := altHeader + "package alt_test\n\nimport (\n\t_ \"embed\"\n\t\"strings\"\n\t\"testing\"\n\n" + imports.String() + ")\n\n" +
		"//go:embed keys.txt\nvar keysTxt string\n\n" +
		"func BenchmarkAlt(b *testing.B) {\n\tvar keys []string\n\tfor _, k := range strings.Fields(keysTxt) {\n\t\tkeys = append(keys, strings.Clone(k))\n\t}\n" +
		"\tm := make(map[string]int32, len(keys))\n\tfor i, k := range keys {\n\t\tm[strings.Clone(k)] = int32(i)\n\t}\n" +
		"\trun := func(b *testing.B, lookup func(string) bool) {\n\t\tb.ReportAllocs()\n\t\ti := 0\n\t\tfor b.Loop() {\n\t\t\tif !lookup(keys[i]) {\n\t\t\t\tb.Fatal(keys[i])\n\t\t\t}\n\t\t\tif i++; i == len(keys) {\n\t\t\t\ti = 0\n\t\t\t}\n\t\t}\n\t}\n" +
		"\tb.Run(\"map\", func(b *testing.B) { run(b, func(s string) bool { _, ok := m[s]; return ok }) })\n" + runs.String() + "}\n"
	return writeFile(filepath.Join(root, "alt_test.go"), test)
}

func (r *report) writeAlternatives(w io.Writer) {
	fmt.Fprintf(w, "\n### Layouts not chosen (`-alternatives`)\n\nThe same model spellings, each mapped to its model's position. Compile step with dependencies cached and peak RSS; binary and `.data` growth per 1,000 models; lookup ns/op (median of %d) over the spellings in a shuffled order, beside a Go map built at run time.\n\n", r.cfg.count)
	fmt.Fprint(w, "| layout |")
	for _, a := range r.alts {
		fmt.Fprintf(w, " %s models |", fmtInt(int64(a.n)))
	}
	fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---:|", len(r.alts)))
	for _, name := range alts {
		fmt.Fprintf(w, "| %s |", altLabels[name])
		for _, a := range r.alts {
			row := a.rows[name]
			if row.skipped != "" {
				fmt.Fprintf(w, " %s |", row.skipped)
				continue
			}
			fmt.Fprintf(w, " compile %s, %s; binary %s, `.data` %s", fmtDur(row.compile.wall), fmtBytes(row.compile.maxRSS), fmtBytes(row.size), fmtBytes(row.data))
			if row.hasLookup {
				fmt.Fprintf(w, "; lookup %s ns", fmtNs(row.lookup.ns))
			}
			fmt.Fprint(w, " |")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprint(w, "| Go map (built at run time), lookup |")
	for _, a := range r.alts {
		fmt.Fprintf(w, " %s ns |", fmtNs(a.rows["map"].lookup.ns))
	}
	fmt.Fprintln(w)
}
