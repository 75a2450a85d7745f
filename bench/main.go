// Command bench measures the compiled registry tables against the designs a
// user would pick instead, on synthetic registries of any size:
//
//	go run ./bench                                  # N = 100, 2,500, 25,000, 100,000 (make bench)
//	go run ./bench -models 100,2500 -count 3        # quick
//	go run ./bench -alternatives -models 2500,25000 # the layouts not chosen for the generated code
//
// For each N it writes a synthetic providers.yaml (gen/internal/synth),
// times the generator on it, and builds a scratch module beside it that
// holds the generated tables and three baselines over the same registry: a
// Go map literal of the spellings (the floor of a string-keyed lookup), and
// the runtime-loading design, the same YAML loaded at start-up with yaml.v3
// into maps, and an embedded JSON copy parsed with encoding/json. It then
// measures compile time and peak memory of the generated package with the
// dependencies cached, binary size, start-up cost (package init time and
// allocations from GODEBUG=inittrace=1, and the wall time of a process that
// answers one question), and runs go test -bench -benchmem over every
// design with the lookups spread over the whole table. It prints one
// Markdown report to standard output (progress goes to standard error) and
// checks the figures against the performance targets of docs/design.md.
//
// Nothing here is a timed test: the figures are reported, never asserted in
// go test, so they cannot flake in CI.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"
)

func main() {
	if toolexecMode() {
		os.Exit(toolexec(os.Args[1:]))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	models       []int
	count        int
	benchtime    string
	reps         int
	work         string
	keep         bool
	raw          string
	alternatives bool
	verbose      bool
}

func run(args []string, stdout, stderr io.Writer) int {
	var c config
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	models := fs.String("models", "100,2500,25000,100000", "comma-separated registry sizes (number of models)")
	fs.IntVar(&c.count, "count", 8, "runs of each benchmark, each in its own process (the report shows the median and the fastest)")
	fs.StringVar(&c.benchtime, "benchtime", "400ms", "go test -benchtime of each run")
	fs.IntVar(&c.reps, "reps", 3, "repetitions of each generator, compile and start-up measurement (the report shows the median)")
	fs.StringVar(&c.work, "work", "", "scratch directory (default: a new temporary directory)")
	fs.BoolVar(&c.keep, "keep", false, "keep the scratch directory")
	fs.StringVar(&c.raw, "raw", "", "also write the raw go test -bench output to this file (for benchstat)")
	fs.BoolVar(&c.alternatives, "alternatives", false, "instead, measure the table layouts not chosen for the generated code (string switch, static arrays); slow: a 25,000-case switch takes about a minute to compile")
	fs.BoolVar(&c.verbose, "v", false, "print every command")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for _, s := range strings.Split(*models, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(s, "_", "")))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "bench: -models: %q is not a positive number\n", s)
			return 2
		}
		c.models = append(c.models, n)
	}
	if c.count < 1 || c.reps < 1 {
		fmt.Fprintln(stderr, "bench: -count and -reps must be at least 1")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	rep, err := measure(ctx, c, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "bench: %v\n", err)
		if errors.Is(err, context.Canceled) {
			return 130
		}
		return 1
	}
	rep.total = time.Since(start)
	rep.write(stdout)
	return 0
}
