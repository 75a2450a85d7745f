package main

import (
	"bytes"
	"context"
	"debug/elf"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/molecule-ai/providers/bench/baseline"
)

//go:embed tmpl/bench_test.go.tmpl
var benchTestTmpl string

// modPath is the module path of the scratch module.
const modPath = "benchmod"

// Designs, as they are named in the scratch module: the generated tables
// and the three baselines.
const (
	dTables = "tables"
	dMap    = "maplit"
	dYAML   = "yamlreg"
	dJSON   = "jsonreg"
)

var designs = []string{dTables, dMap, dYAML, dJSON}

// harness holds what every size shares.
type harness struct {
	c       config
	root    string // the repository
	work    string // scratch directory
	mod     string // scratch module
	bin     string // built tools and programs
	self    string // this program, for -toolexec
	log     io.Writer
	rawOut  io.Writer
	repo    *runner // runs in the repository
	modRun  *runner // runs in the scratch module
	toolLog string
	ref     map[string]binInfo // each design's program over a registry of one model
}

func measure(ctx context.Context, c config, log io.Writer) (*report, error) {
	h := &harness{c: c, log: log}
	var err error
	if h.root, err = repoRoot(); err != nil {
		return nil, err
	}
	if h.self, err = os.Executable(); err != nil {
		return nil, err
	}
	h.work = c.work
	if h.work == "" {
		if h.work, err = os.MkdirTemp("", "providers-bench-"); err != nil {
			return nil, err
		}
		if !c.keep {
			defer os.RemoveAll(h.work)
		}
	} else if err := os.MkdirAll(h.work, 0o755); err != nil {
		return nil, err
	}
	if c.keep || c.work != "" {
		fmt.Fprintf(log, "bench: scratch directory %s\n", h.work)
	}
	h.mod = filepath.Join(h.work, "mod")
	h.bin = filepath.Join(h.work, "bin")
	h.toolLog = filepath.Join(h.work, "toolexec.log")
	for _, d := range []string{h.mod, h.bin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	env := []string{"GOWORK=off", "GOFLAGS=", "CGO_ENABLED=0"}
	h.repo = &runner{dir: h.root, env: env, log: log, verbose: c.verbose}
	h.modRun = &runner{dir: h.mod, env: env, log: log, verbose: c.verbose}
	if c.raw != "" {
		f, err := os.Create(c.raw)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		h.rawOut = f
	}

	rep := &report{cfg: c, machine: describeMachine(ctx, h.repo)}
	fmt.Fprintln(log, "bench: building gen and synth")
	if _, _, err := h.repo.goCmd(ctx, "build", "-o", h.bin, "./gen", "./gen/internal/synth"); err != nil {
		return nil, err
	}
	if err := h.setupModule(ctx); err != nil {
		return nil, err
	}
	for _, n := range c.models {
		if c.alternatives {
			break
		}
		r, err := h.size(ctx, n)
		if err != nil {
			return nil, fmt.Errorf("N=%d: %w", n, err)
		}
		rep.sizes = append(rep.sizes, r)
	}
	if c.alternatives {
		for _, n := range c.models {
			a, err := h.alternatives(ctx, n)
			if err != nil {
				return nil, fmt.Errorf("alternatives at N=%d: %w", n, err)
			}
			rep.alts = append(rep.alts, a)
		}
	}
	return rep, nil
}

func repoRoot() (string, error) {
	out, _, err := (&runner{env: []string{"GOWORK=off"}}).goCmd(context.Background(), "list", "-m", "-f", "{{.Dir}}", "github.com/molecule-ai/providers")
	if err != nil {
		return "", fmt.Errorf("run go run ./bench from the repository: %w", err)
	}
	return strings.TrimSpace(string(firstLine(out))), nil
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// setupModule writes the scratch module: it requires this repository
// through a replace directive, and its dependencies come from the module
// cache the repository's own build filled.
func (h *harness) setupModule(ctx context.Context) error {
	gomod := fmt.Sprintf("module %s\n\ngo 1.26.0\n\nrequire github.com/molecule-ai/providers v0.0.0\n\nreplace github.com/molecule-ai/providers => %s\n", modPath, h.root)
	if err := os.WriteFile(filepath.Join(h.mod, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	sum, err := os.ReadFile(filepath.Join(h.root, "go.sum"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(h.mod, "go.sum"), sum, 0o644); err != nil {
		return err
	}
	deps := "package deps\n\nimport (\n\t_ \"github.com/molecule-ai/providers/bench/baseline\"\n\t_ \"github.com/molecule-ai/providers/resolver\"\n)\n"
	if err := writeFile(filepath.Join(h.mod, "deps", "deps.go"), deps); err != nil {
		return err
	}
	if _, _, err := h.modRun.goCmd(ctx, "mod", "tidy"); err != nil {
		return err
	}
	fmt.Fprintln(h.log, "bench: warming the build cache; programs over a registry of one model, to measure growth from")
	if _, _, err := h.modRun.goCmd(ctx, "build", "./deps"); err != nil {
		return err
	}
	ref, err := h.prepare(ctx, 1, 1)
	if err != nil {
		return fmt.Errorf("reference registry: %w", err)
	}
	h.ref = ref.bins
	return nil
}

func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}

// sizeResult is everything measured for one N.
type sizeResult struct {
	n            int
	ref          map[string]binInfo
	loadBefore   float64
	loadAfter    float64
	spellings    int
	yamlBytes    int64
	gen          usage // median wall, largest peak RSS
	genFile      int64
	compile      usage // the generated package's compile step
	compileCmd   time.Duration
	mapCompile   usage // the map literal's compile step
	binary       map[string]binInfo
	startup      map[string]startup
	bench        map[string]benchStat
	benchRuns    int
	benchElapsed time.Duration
}

type startup struct {
	initTime   time.Duration // package init, from GODEBUG=inittrace=1
	initBytes  int64
	initAllocs int64
	first      time.Duration // the first Derive (or map access), cold
	process    time.Duration // exec to exit, answering one question
}

type benchStat struct {
	ns     float64 // median ns/op
	min    float64 // fastest run
	bytes  float64
	allocs float64 // largest allocs/op seen
}

// prepared is one registry written out: the synthetic YAML, the generated
// tables and the baselines in the scratch module, and their programs.
type prepared struct {
	n         int
	dir       string // scratch directory of this size
	pkgDir    string // its package directory in the scratch module
	pkg       string // its import path
	yamlBytes int64
	gen       usage
	genOut    string
	file      *baseline.File
	questions []question
	bins      map[string]binInfo
}

// binInfo is the size of a design's program.
type binInfo struct {
	path       string
	size, data int64 // data: bytes of .data, what the garbage collector scans
}

func (h *harness) prepare(ctx context.Context, n, genReps int) (*prepared, error) {
	p := &prepared{n: n, bins: map[string]binInfo{}}
	name := fmt.Sprintf("n%d", n)
	p.dir = filepath.Join(h.work, name)
	p.pkgDir = filepath.Join(h.mod, name)
	p.pkg = modPath + "/" + name
	yamlPath := filepath.Join(p.dir, "providers.yaml")
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return nil, err
	}
	if _, _, err := h.repo.run(ctx, nil, filepath.Join(h.bin, "synth"), "-models", strconv.Itoa(n), "-o", yamlPath); err != nil {
		return nil, err
	}
	yamlData, err := os.ReadFile(yamlPath)
	if err != nil {
		return nil, err
	}
	p.yamlBytes = int64(len(yamlData))

	p.genOut = filepath.Join(p.pkgDir, dTables, "providers_gen.go")
	if err := os.MkdirAll(filepath.Dir(p.genOut), 0o755); err != nil {
		return nil, err
	}
	var gens []usage
	for range genReps {
		os.Remove(p.genOut)
		_, u, err := h.repo.run(ctx, nil, filepath.Join(h.bin, "gen"), "-in", yamlPath, "-out", p.genOut, "-pkg", dTables)
		if err != nil {
			return nil, err
		}
		gens = append(gens, u)
	}
	p.gen = medianUsage(gens)

	if p.file, err = baseline.ParseYAML(yamlData); err != nil {
		return nil, err
	}
	if p.questions, err = questions(p.file); err != nil {
		return nil, err
	}
	if err := h.writeDesigns(p.pkgDir, p.pkg, yamlData, p.file, p.questions); err != nil {
		return nil, err
	}
	binDir := filepath.Join(p.dir, "bin")
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		return nil, err
	}
	if _, _, err := h.modRun.goCmd(ctx, "build", "-o", binDir+string(filepath.Separator), "./"+name+"/cmd/..."); err != nil {
		return nil, err
	}
	for _, d := range designs {
		b, err := measureBinary(filepath.Join(binDir, d))
		if err != nil {
			return nil, err
		}
		p.bins[d] = b
	}
	return p, nil
}

func (h *harness) size(ctx context.Context, n int) (*sizeResult, error) {
	r := &sizeResult{n: n, startup: map[string]startup{}}
	fmt.Fprintf(h.log, "bench: N=%d: synthetic registry, generator (%d runs), baselines, programs\n", n, h.c.reps)
	p, err := h.prepare(ctx, n, h.c.reps)
	if err != nil {
		return nil, err
	}
	r.yamlBytes, r.gen, r.spellings, r.binary, r.ref = p.yamlBytes, p.gen, countSpellings(p.file), p.bins, h.ref
	st, err := os.Stat(p.genOut)
	if err != nil {
		return nil, err
	}
	r.genFile = st.Size()

	fmt.Fprintf(h.log, "bench: N=%d: compile time of the generated package (%d runs)\n", n, h.c.reps)
	if r.compile, r.compileCmd, err = h.compileCost(ctx, p.pkg+"/"+dTables, p.genOut, h.c.reps); err != nil {
		return nil, err
	}
	if r.mapCompile, _, err = h.compileCost(ctx, p.pkg+"/"+dMap, filepath.Join(p.pkgDir, dMap, "maplit.go"), 1); err != nil {
		return nil, err
	}

	fmt.Fprintf(h.log, "bench: N=%d: start-up (%d runs each)\n", n, h.c.reps)
	var probe question
	for _, q := range p.questions {
		if q.kind == kindSingle {
			probe = q
			break
		}
	}
	for _, d := range designs {
		var runs []startup
		for range h.c.reps {
			s, err := h.startupCost(ctx, p.bins[d].path, p.pkg+"/", probe)
			if err != nil {
				return nil, err
			}
			runs = append(runs, s)
		}
		r.startup[d] = medianStartup(runs)
	}

	fmt.Fprintf(h.log, "bench: N=%d: benchmarks (-count %d -benchtime %s)\n", n, h.c.count, h.c.benchtime)
	testBin := filepath.Join(p.dir, "bench.test")
	if _, _, err := h.modRun.goCmd(ctx, "test", "-c", "-o", testBin, "./"+filepath.Base(p.pkgDir)); err != nil {
		return nil, err
	}
	// One process per run, so that the runs of each benchmark are spread
	// over the whole measurement rather than back to back: a burst of other
	// work on the machine then spoils one run of many benchmarks, not every
	// run of one.
	r.loadBefore = loadAverage()
	start := time.Now()
	var out []byte
	for range h.c.count {
		o, _, err := (&runner{dir: p.pkgDir, log: h.log, verbose: h.c.verbose}).run(ctx, nil, testBin,
			"-test.run", "^$", "-test.bench", ".", "-test.benchmem", "-test.benchtime", h.c.benchtime)
		if err != nil {
			return nil, err
		}
		out = append(out, o...)
	}
	r.benchElapsed = time.Since(start)
	r.loadAfter = loadAverage()
	if h.rawOut != nil {
		fmt.Fprintf(h.rawOut, "# N=%d models\n%s\n", n, out)
	}
	r.bench, r.benchRuns = parseBench(out)
	if len(r.bench) == 0 {
		return nil, fmt.Errorf("no benchmark results in:\n%s", out)
	}
	return r, nil
}

// loadAverage returns the one-minute load average, or -1: the figures are
// only as good as the machine was quiet.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return -1
	}
	return v
}

// measureBinary returns the size of a program and of its .data section.
func measureBinary(path string) (binInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return binInfo{}, err
	}
	b := binInfo{path: path, size: st.Size()}
	if f, err := elf.Open(path); err == nil {
		if sec := f.Section(".data"); sec != nil {
			b.data = int64(sec.Size)
		}
		f.Close()
	}
	return b, nil
}

func countSpellings(f *baseline.File) int {
	n := 0
	for _, m := range f.Models {
		n += 1 + len(m.Aliases) + len(m.LegacyIDs)
	}
	return n
}

// writeDesigns writes the baselines, the programs and the benchmarks of one
// registry into the scratch module.
func (h *harness) writeDesigns(pkgDir, pkg string, yamlData []byte, f *baseline.File, qs []question) error {
	// (a) the floor: a Go map literal of every spelling.
	var b strings.Builder
	b.WriteString("// Code generated by go run ./bench. DO NOT EDIT.\n\npackage maplit\n\n// Spellings maps every model spelling to its model's position.\nvar Spellings = map[string]int32{\n")
	for i, m := range f.Models {
		for _, s := range append(append([]string{m.ID}, m.Aliases...), m.LegacyIDs...) {
			fmt.Fprintf(&b, "\t%s: %d,\n", strconv.Quote(s), i)
		}
	}
	b.WriteString("}\n")
	if err := writeFile(filepath.Join(pkgDir, dMap, "maplit.go"), b.String()); err != nil {
		return err
	}

	// (b) and (c): the runtime-loading design over embedded data.
	jsonData, err := json.Marshal(f)
	if err != nil {
		return err
	}
	for _, d := range []struct{ name, file, load string }{
		{dYAML, "providers.yaml", "MustLoadYAML"},
		{dJSON, "providers.json", "MustLoadJSON"},
	} {
		data := yamlData
		if d.name == dJSON {
			data = jsonData
		}
		if err := os.MkdirAll(filepath.Join(pkgDir, d.name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(pkgDir, d.name, d.file), data, 0o644); err != nil {
			return err
		}
		src := fmt.Sprintf("package %s\n\nimport (\n\t_ \"embed\"\n\n\t\"github.com/molecule-ai/providers/bench/baseline\"\n)\n\n//go:embed %s\nvar data []byte\n\n// Registry is loaded at start-up.\nvar Registry = baseline.%s(data)\n", d.name, d.file, d.load)
		if err := writeFile(filepath.Join(pkgDir, d.name, d.name+".go"), src); err != nil {
			return err
		}
	}

	// One program per design, answering the question on its command line.
	progs := map[string]string{
		dTables: "d, err := tables.Registry.Derive(os.Args[1], os.Args[2], os.Args[3:])\n\tfmt.Println(time.Since(start).Nanoseconds(), d.Provider, err)",
		dMap:    "v, ok := maplit.Spellings[os.Args[2]]\n\tfmt.Println(time.Since(start).Nanoseconds(), v, ok)",
		dYAML:   "d, err := yamlreg.Registry.Derive(os.Args[1], os.Args[2], os.Args[3:])\n\tfmt.Println(time.Since(start).Nanoseconds(), d.Provider, err)",
		dJSON:   "d, err := jsonreg.Registry.Derive(os.Args[1], os.Args[2], os.Args[3:])\n\tfmt.Println(time.Since(start).Nanoseconds(), d.Provider, err)",
	}
	for _, d := range designs {
		src := fmt.Sprintf("package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"time\"\n\n\t\"%s/%s\"\n)\n\nfunc main() {\n\tstart := time.Now()\n\t%s\n}\n", pkg, d, progs[d])
		if err := writeFile(filepath.Join(pkgDir, "cmd", d, "main.go"), src); err != nil {
			return err
		}
	}

	// The benchmarks and their questions.
	var cases strings.Builder
	for _, q := range qs {
		cases.WriteString(q.line())
	}
	if err := writeFile(filepath.Join(pkgDir, "cases.txt"), cases.String()); err != nil {
		return err
	}
	var src bytes.Buffer
	if err := template.Must(template.New("bench").Parse(benchTestTmpl)).Execute(&src, map[string]string{"Pkg": pkg}); err != nil {
		return err
	}
	return writeFile(filepath.Join(pkgDir, "bench_test.go"), src.String())
}

// compileCost measures the compile step of package pkg (whose source file
// is file) with its dependencies cached: it builds once to warm the cache,
// then changes a comment in file and rebuilds reps times through a
// -toolexec wrapper that records the compiler's wall time and peak RSS. It
// returns the median compile step and the median wall time of the whole go
// build command.
func (h *harness) compileCost(ctx context.Context, pkg, file string, reps int) (usage, time.Duration, error) {
	build := func() (time.Duration, error) {
		os.Remove(h.toolLog)
		_, u, err := h.modRun.run(ctx, []string{toolexecEnv + "=" + h.toolLog}, "go", "build", "-toolexec", h.self, pkg)
		return u.wall, err
	}
	if _, err := build(); err != nil {
		return usage{}, 0, err
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return usage{}, 0, err
	}
	var steps []usage
	var cmds []time.Duration
	for k := range reps {
		nonce := fmt.Sprintf("\n// bench: rebuild %d at %d\n", k, time.Now().UnixNano())
		if err := os.WriteFile(file, append(slices.Clip(src), nonce...), 0o644); err != nil {
			return usage{}, 0, err
		}
		wall, err := build()
		if err != nil {
			return usage{}, 0, err
		}
		recs, err := readToolLog(h.toolLog)
		if err != nil {
			return usage{}, 0, err
		}
		found := false
		for _, rec := range recs {
			if rec.tool == "compile" && rec.pkg == pkg {
				steps = append(steps, rec.usage)
				found = true
			}
			if rec.tool == "compile" && rec.pkg != pkg {
				return usage{}, 0, fmt.Errorf("compiling %s also compiled %s: the cache was not warm", pkg, rec.pkg)
			}
		}
		if !found {
			return usage{}, 0, fmt.Errorf("go build %s did not compile it", pkg)
		}
		cmds = append(cmds, wall)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		return usage{}, 0, err
	}
	return medianUsage(steps), median(cmds), nil
}

var initLine = regexp.MustCompile(`(?m)^init (\S+) @[\d.]+ ms, ([\d.]+) ms clock, (\d+) bytes, (\d+) allocs`)

// startupCost runs a design's program once with GODEBUG=inittrace=1 and
// adds up the init work of the packages under prefix (the design's own).
func (h *harness) startupCost(ctx context.Context, exe, prefix string, q question) (startup, error) {
	args := append([]string{q.runtime, q.model}, q.env...)
	out, u, err := h.repo.run(ctx, []string{"GODEBUG=inittrace=1"}, exe, args...)
	if err != nil {
		return startup{}, err
	}
	s := startup{process: u.wall}
	for _, m := range initLine.FindAllSubmatch(out, -1) {
		if !strings.HasPrefix(string(m[1]), prefix) {
			continue
		}
		ms, _ := strconv.ParseFloat(string(m[2]), 64)
		s.initTime += time.Duration(ms * float64(time.Millisecond))
		b, _ := strconv.ParseInt(string(m[3]), 10, 64)
		a, _ := strconv.ParseInt(string(m[4]), 10, 64)
		s.initBytes += b
		s.initAllocs += a
	}
	// The program prints the time its question took and the answer, which
	// must be a hit.
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 || strings.HasPrefix(l, "init ") {
			continue
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		s.first = time.Duration(ns)
		if ok := f[len(f)-1] == "<nil>" || f[len(f)-1] == "true"; !ok {
			return startup{}, fmt.Errorf("%s %q answered %q", filepath.Base(exe), args, l)
		}
	}
	return s, nil
}

var benchLine = regexp.MustCompile(`(?m)^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+([\d.]+) B/op\s+([\d.]+) allocs/op`)

// parseBench returns the median ns/op of each benchmark and the number of
// runs of each.
func parseBench(out []byte) (map[string]benchStat, int) {
	runs := map[string][]benchStat{}
	for _, m := range benchLine.FindAllSubmatch(out, -1) {
		ns, _ := strconv.ParseFloat(string(m[2]), 64)
		by, _ := strconv.ParseFloat(string(m[3]), 64)
		al, _ := strconv.ParseFloat(string(m[4]), 64)
		runs[string(m[1])] = append(runs[string(m[1])], benchStat{ns: ns, bytes: by, allocs: al})
	}
	res := map[string]benchStat{}
	count := 0
	for name, rs := range runs {
		ns := make([]float64, len(rs))
		var s benchStat
		for i, r := range rs {
			ns[i] = r.ns
			s.bytes = max(s.bytes, r.bytes)
			s.allocs = max(s.allocs, r.allocs)
		}
		slices.Sort(ns)
		s.min = ns[0]
		s.ns = ns[len(ns)/2]
		if len(ns)%2 == 0 {
			s.ns = (ns[len(ns)/2-1] + ns[len(ns)/2]) / 2
		}
		res[name] = s
		count = max(count, len(rs))
	}
	return res, count
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}

// medianUsage is the median wall time and the largest peak RSS.
func medianUsage(us []usage) usage {
	var walls []time.Duration
	var rss int64
	for _, u := range us {
		walls = append(walls, u.wall)
		rss = max(rss, u.maxRSS)
	}
	return usage{wall: median(walls), maxRSS: rss}
}

func medianStartup(ss []startup) startup {
	pick := func(f func(startup) time.Duration) time.Duration {
		var ds []time.Duration
		for _, s := range ss {
			ds = append(ds, f(s))
		}
		return median(ds)
	}
	return startup{
		initTime:   pick(func(s startup) time.Duration { return s.initTime }),
		initBytes:  ss[len(ss)-1].initBytes,
		initAllocs: ss[len(ss)-1].initAllocs,
		first:      pick(func(s startup) time.Duration { return s.first }),
		process:    pick(func(s startup) time.Duration { return s.process }),
	}
}

// machine describes where the figures came from.
type machine struct {
	cpu, goVersion, osArch, kernel string
	cores                          int
	memGiB                         float64
}

func describeMachine(ctx context.Context, r *runner) machine {
	m := machine{cores: runtime.NumCPU(), osArch: runtime.GOOS + "/" + runtime.GOARCH, cpu: "unknown CPU"}
	if out, _, err := r.goCmd(ctx, "env", "GOVERSION"); err == nil {
		m.goVersion = strings.TrimSpace(string(out))
	}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				m.memGiB = kb / (1 << 20)
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(b))
	}
	return m
}
