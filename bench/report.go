package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

type report struct {
	cfg     config
	machine machine
	sizes   []*sizeResult
	alts    []*altResult
	total   time.Duration
}

// The benchmark rows of the report, in order.
var benchRows = []struct{ name, label string }{
	{"BenchmarkTables/DeriveSingle", "`Derive` hit, one provider"},
	{"BenchmarkTables/DeriveByEnv", "`Derive` hit, chosen by env among several"},
	{"BenchmarkTables/DeriveAlias", "`Derive` hit, alias"},
	{"BenchmarkTables/DeriveLegacy", "`Derive` hit, legacy id"},
	{"BenchmarkTables/DeriveMiss", "`Derive` miss (unregistered spelling)"},
	{"BenchmarkTables/IsPlatform", "`IsPlatform`"},
	{"BenchmarkTables/CheckRegistered", "`CheckRegistered`"},
	{"BenchmarkTables/ResolveBillingMode", "`ResolveBillingMode` (derived)"},
	{"BenchmarkMapFloor/Lookup", "(a) Go `map[string]int32` lookup: the floor"},
	{"BenchmarkYAMLMaps/DeriveSingle", "(b) YAML loaded into maps: `Derive`, one provider"},
	{"BenchmarkYAMLMaps/DeriveByEnv", "(b) YAML loaded into maps: `Derive`, by env"},
	{"BenchmarkJSONMaps/DeriveSingle", "(c) JSON loaded into maps: `Derive`, one provider"},
}

var designLabels = map[string]string{
	dTables: "generated tables",
	dMap:    "(a) Go map literal",
	dYAML:   "(b) YAML loaded at start-up",
	dJSON:   "(c) JSON loaded at start-up",
}

func (r *report) write(w io.Writer) {
	m := r.machine
	fmt.Fprintf(w, "## Performance\n\n")
	fmt.Fprintf(w, "Machine: %s, %d cores, %.0f GiB RAM, Linux %s, %s %s.  \n", m.cpu, m.cores, m.memGiB, m.kernel, m.goVersion, m.osArch)
	if len(r.sizes) == 0 {
		fmt.Fprintf(w, "Command: `go run ./bench -alternatives -models %s -count %d -benchtime %s` (%s in all).\n", joinAlts(r.alts), r.cfg.count, r.cfg.benchtime, r.total.Round(time.Second))
		r.writeAlternatives(w)
		return
	}
	fmt.Fprintf(w, "Command: `go run ./bench -models %s -count %d -benchtime %s` (%s in all).\n\n", joinInts(r.sizes), r.cfg.count, r.cfg.benchtime, r.total.Round(time.Second))

	fmt.Fprintf(w, "### Lookups\n\nns/op: median of %d runs (fastest run in parentheses), the ratio to the map floor (a) of the same size in the same run, and allocs/op; the questions are spread over every model of the registry in a shuffled order.\n\n", r.cfg.count)
	r.header(w, "question")
	for _, row := range benchRows {
		fmt.Fprintf(w, "| %s |", row.label)
		for _, s := range r.sizes {
			b, ok := s.bench[row.name]
			if !ok {
				fmt.Fprint(w, " – |")
				continue
			}
			ratio := ""
			if x, _, ok := s.vsMap(row.name); ok && row.name != mapFloor {
				ratio = fmt.Sprintf(" · **%.2f×**", x)
			}
			fmt.Fprintf(w, " %s ns (%s)%s · %g allocs |", fmtNs(b.ns), fmtNs(b.min), ratio, b.allocs)
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "\nOne-minute load average of the machine before → after each size's benchmarks (2 cores; above 1, other work shared the CPUs and the figures are inflated):")
	for _, s := range r.sizes {
		fmt.Fprintf(w, " %s: %.1f → %.1f;", fmtInt(int64(s.n)), s.loadBefore, s.loadAfter)
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "\n### Start-up\n\nPackage init (time, allocations: `GODEBUG=inittrace=1`, median of %d runs), then the first question, cold; and the wall time of a process that answers one question.\n\n", r.cfg.reps)
	r.header(w, "design")
	for _, d := range designs {
		fmt.Fprintf(w, "| %s |", designLabels[d])
		for _, s := range r.sizes {
			st := s.startup[d]
			fmt.Fprintf(w, " init %s, %s allocs; first answer %s; process %s |", fmtDur(st.initTime), fmtInt(st.initAllocs), fmtDur(st.first), fmtDur(st.process))
		}
		fmt.Fprintln(w)
	}

	fmt.Fprintf(w, "\n### Build cost\n\nGenerator: wall time (median of %d) and peak RSS. Compile: the generated package's compile step with its dependencies cached (wall, peak RSS of the compiler; in parentheses the whole `go build`). Binary growth: size of a program answering one question minus the same program over a registry of one model, per 1,000 models.\n\n", r.cfg.reps)
	fmt.Fprintln(w, "| models | spellings | providers.yaml | gen | gen peak RSS | generated file | compile | compile peak RSS | binary growth / 1,000 models |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range r.sizes {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s |\n",
			fmtInt(int64(s.n)), fmtInt(int64(s.spellings)), fmtBytes(s.yamlBytes), fmtDur(s.gen.wall), fmtBytes(s.gen.maxRSS),
			fmtBytes(s.genFile), fmtDur(s.compile.wall), fmtDur(s.compileCmd), fmtBytes(s.compile.maxRSS), fmtBytes(s.growth(dTables)))
	}

	fmt.Fprintf(w, "\nEvery design, built the same way: binary growth and growth of `.data` (which the garbage collector scans) per 1,000 models, from the same program over a registry of one model; and the compile step of the map literal.\n\n")
	r.header(w, "design")
	for _, d := range designs {
		fmt.Fprintf(w, "| %s: binary, `.data` |", designLabels[d])
		for _, s := range r.sizes {
			fmt.Fprintf(w, " %s, %s |", fmtBytes(s.growth(d)), fmtBytes(s.dataGrowth(d)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "| (a) map literal: compile step, peak RSS |")
	for _, s := range r.sizes {
		fmt.Fprintf(w, " %s, %s |", fmtDur(s.mapCompile.wall), fmtBytes(s.mapCompile.maxRSS))
	}
	fmt.Fprintln(w)

	r.writeTargets(w)
}

func (r *report) header(w io.Writer, first string) {
	fmt.Fprintf(w, "| %s |", first)
	for _, s := range r.sizes {
		fmt.Fprintf(w, " %s models |", fmtInt(int64(s.n)))
	}
	fmt.Fprintf(w, "\n|---|%s\n", strings.Repeat("---:|", len(r.sizes)))
}

// growth is the binary growth of design d per 1,000 models, from the same
// program over a registry of one model.
func (s *sizeResult) growth(d string) int64 {
	if s.n <= 1 {
		return 0
	}
	return (s.binary[d].size - s.ref[d].size) * 1000 / int64(s.n-1)
}

// dataGrowth is the growth of .data, which the garbage collector scans, per
// 1,000 models.
func (s *sizeResult) dataGrowth(d string) int64 {
	if s.n <= 1 {
		return 0
	}
	return (s.binary[d].data - s.ref[d].data) * 1000 / int64(s.n-1)
}

// target is one line of the targets table.
type target struct {
	what, want, got string
	met             bool
	fastestOnly     bool // missed by the median, met by the fastest run
}

// mapFloor is the benchmark every lookup is compared with: one Go map
// access over the same spellings, in the same run.
const mapFloor = "BenchmarkMapFloor/Lookup"

// vsMap returns the ratio of benchmark name to the map floor at size s.
func (s *sizeResult) vsMap(name string) (ratio, fastest float64, ok bool) {
	b, f := s.bench[name], s.bench[mapFloor]
	if b.ns == 0 || f.ns == 0 {
		return 0, 0, false
	}
	return b.ns / f.ns, b.min / f.min, true
}

func (r *report) writeTargets(w io.Writer) {
	ts := slices.Concat(r.lookupTargets(), r.growthTargets(), r.buildTargets(), r.startupTargets())
	fmt.Fprintf(w, "\n### Targets\n\nJudged on the medians, ratios against the map floor of the same size in the same run; start-up cost is init time plus the first question, cold.\n\n| target | wanted | measured | met |\n|---|---|---|---|\n")
	for _, t := range ts {
		mark := "yes"
		switch {
		case !t.met && t.fastestOnly:
			mark = "**no** (fastest run: yes)"
		case !t.met:
			mark = "**no**"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", t.what, t.want, t.got, mark)
	}
}

// lookupTargets: the hit paths against the map floor at the smallest size,
// and no allocation anywhere.
func (r *report) lookupTargets() []target {
	var ts []target
	if len(r.sizes) > 0 {
		small := r.sizes[0]
		for _, row := range []struct {
			what, name string
			limit      float64
		}{
			{"`Derive` hit, one provider", "BenchmarkTables/DeriveSingle", 2.5},
			{"`Derive` hit, chosen by env", "BenchmarkTables/DeriveByEnv", 3.5},
		} {
			ratio, fastest, ok := small.vsMap(row.name)
			if !ok {
				continue
			}
			t := target{what: fmt.Sprintf("%s, %s models", row.what, fmtInt(int64(small.n))), want: fmt.Sprintf("≤ %g× the map hit", row.limit)}
			t.met, t.fastestOnly = ratio <= row.limit, ratio > row.limit && fastest <= row.limit
			got := []string{fmt.Sprintf("%.2f× (%s vs %s ns; fastest runs %.2f×)", ratio, fmtNs(small.bench[row.name].ns), fmtNs(small.bench[mapFloor].ns), fastest)}
			for _, s := range r.sizes[1:] {
				if x, _, ok := s.vsMap(row.name); ok {
					got = append(got, fmt.Sprintf("%s models: %.2f×", fmtInt(int64(s.n)), x))
				}
			}
			t.got = strings.Join(got, "; ")
			ts = append(ts, t)
		}
	}
	worst, where := 0.0, ""
	for _, s := range r.sizes {
		for _, row := range benchRows {
			if b, ok := s.bench[row.name]; ok && strings.HasPrefix(row.name, "BenchmarkTables/") && b.allocs > worst {
				worst, where = b.allocs, fmt.Sprintf(" (%s at %s models)", row.label, fmtInt(int64(s.n)))
			}
		}
	}
	return append(ts, target{what: "every lookup of the generated tables", want: "0 allocs/op", got: fmt.Sprintf("at most %g allocs/op%s", worst, where), met: worst == 0})
}

// growthTargets: from 100 to 25,000 models, each lookup grows no more than
// the map floor does.
func (r *report) growthTargets() []target {
	small, large := r.find(100), r.find(25000)
	if small == nil || large == nil || small.bench[mapFloor].ns == 0 {
		return nil
	}
	floor := large.bench[mapFloor].ns / small.bench[mapFloor].ns
	floorFastest := large.bench[mapFloor].min / small.bench[mapFloor].min
	var ts []target
	for _, row := range []struct{ what, name string }{
		{"`Derive` hit, one provider", "BenchmarkTables/DeriveSingle"},
		{"`Derive` hit, by env", "BenchmarkTables/DeriveByEnv"},
		{"`Derive` miss", "BenchmarkTables/DeriveMiss"},
		{"`CheckRegistered`", "BenchmarkTables/CheckRegistered"},
	} {
		a, b := small.bench[row.name], large.bench[row.name]
		if a.ns == 0 || b.ns == 0 {
			continue
		}
		ratio, fastest := b.ns/a.ns, b.min/a.min
		t := target{what: row.what + ": growth from 100 to 25,000 models", want: fmt.Sprintf("≤ the map's (%.2f×)", floor),
			got: fmt.Sprintf("%.2f× (%s → %s ns; fastest runs %.2f× vs the map's %.2f×)", ratio, fmtNs(a.ns), fmtNs(b.ns), fastest, floorFastest)}
		t.met, t.fastestOnly = ratio <= floor, ratio > floor && fastest <= floorFastest
		ts = append(ts, t)
	}
	return ts
}

// buildTargets: the generator's time and memory, and the compile time of
// the generated package.
func (r *report) buildTargets() []target {
	var ts []target
	for _, n := range []int{25000, 100000} {
		if s := r.find(n); s != nil {
			ts = append(ts, target{what: fmt.Sprintf("gen on %s models", fmtInt(int64(n))), want: "≤ 2 s, ≤ 300 MiB",
				got: fmt.Sprintf("%s, %s", fmtDur(s.gen.wall), fmtBytes(s.gen.maxRSS)), met: s.gen.wall <= 2*time.Second && s.gen.maxRSS <= 300<<20})
		}
	}
	for _, c := range []struct {
		n     int
		limit time.Duration
	}{{25000, 1500 * time.Millisecond}, {100000, 5 * time.Second}} {
		if s := r.find(c.n); s != nil {
			ts = append(ts, target{what: fmt.Sprintf("compile of the generated package, %s models", fmtInt(int64(c.n))), want: "≤ " + fmtDur(c.limit), got: fmtDur(s.compile.wall), met: s.compile.wall <= c.limit})
		}
	}
	return ts
}

// startupTargets: no init work, start-up far cheaper than loading the YAML,
// and lookups no slower than over the YAML-loaded maps.
func (r *report) startupTargets() []target {
	initT := target{what: "generated package init", want: "0 allocs (no init work)", met: true}
	startT := target{what: "start-up vs loading the YAML into maps", want: "≥ 1000× cheaper", met: true}
	lookT := target{what: "lookups vs the YAML-loaded maps", want: "no slower", met: true}
	var inits, starts, looks []string
	for _, s := range r.sizes {
		tab, y := s.startup[dTables], s.startup[dYAML]
		inits = append(inits, fmt.Sprintf("%s: %s allocs, %s", fmtInt(int64(s.n)), fmtInt(tab.initAllocs), fmtDur(tab.initTime)))
		initT.met = initT.met && tab.initAllocs == 0
		// The tables do no init work at all, so the comparison is with what
		// the first question costs them cold.
		cost, ycost := tab.initTime+tab.first, y.initTime+y.first
		ratio := float64(ycost) / float64(max(cost, time.Nanosecond))
		starts = append(starts, fmt.Sprintf("%s: %s vs %s (%s×)", fmtInt(int64(s.n)), fmtDur(cost), fmtDur(ycost), fmtInt(int64(ratio))))
		startT.met = startT.met && ratio >= 1000
		if a, b := s.bench["BenchmarkTables/DeriveSingle"], s.bench["BenchmarkYAMLMaps/DeriveSingle"]; a.ns != 0 && b.ns != 0 {
			looks = append(looks, fmt.Sprintf("%s: %s vs %s ns", fmtInt(int64(s.n)), fmtNs(a.ns), fmtNs(b.ns)))
			lookT.met = lookT.met && a.ns <= b.ns
		}
	}
	initT.got, startT.got, lookT.got = strings.Join(inits, "; "), strings.Join(starts, "; "), strings.Join(looks, "; ")
	return []target{initT, startT, lookT}
}

func (r *report) find(n int) *sizeResult {
	for _, s := range r.sizes {
		if s.n == n {
			return s
		}
	}
	return nil
}

func joinAlts(as []*altResult) string {
	var p []string
	for _, a := range as {
		p = append(p, strconv.Itoa(a.n))
	}
	return strings.Join(p, ",")
}

func joinInts(ss []*sizeResult) string {
	var p []string
	for _, s := range ss {
		p = append(p, strconv.Itoa(s.n))
	}
	return strings.Join(p, ",")
}

// fmtInt writes n with thousands separators.
func fmtInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func fmtNs(ns float64) string {
	if ns >= 100 {
		return strconv.FormatFloat(ns, 'f', 0, 64)
	}
	return strconv.FormatFloat(ns, 'f', 1, 64)
}

func fmtDur(d time.Duration) string {
	switch {
	case d == 0:
		return "0"
	case d < time.Microsecond:
		return fmt.Sprintf("%d ns", d.Nanoseconds())
	case d < time.Millisecond:
		return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond))
	case d < time.Second:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func fmtBytes(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	var s string
	switch {
	case n < 10<<10:
		s = fmt.Sprintf("%d B", n)
	case n < 10<<20:
		s = fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 10<<30:
		s = fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	default:
		s = fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	}
	if neg {
		return "-" + s
	}
	return s
}
