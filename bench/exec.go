package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// usage is what one run of a command cost.
type usage struct {
	wall   time.Duration
	maxRSS int64 // bytes; 0 where the platform does not say
}

// runner runs commands in the scratch module.
type runner struct {
	dir     string   // working directory
	env     []string // added to the environment
	log     io.Writer
	verbose bool
}

// run runs name with args and returns its standard output and cost. The
// standard error is returned in the error when the command fails.
func (r *runner) run(ctx context.Context, env []string, name string, args ...string) ([]byte, usage, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = r.dir
	cmd.Env = append(append(os.Environ(), r.env...), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if r.verbose {
		fmt.Fprintf(r.log, "+ %s %s\n", filepath.Base(name), strings.Join(args, " "))
	}
	start := time.Now()
	err := cmd.Run()
	u := usage{wall: time.Since(start), maxRSS: maxRSS(cmd.ProcessState)}
	if err != nil {
		return stdout.Bytes(), u, fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(stderr.String(), 4000))
	}
	if stderr.Len() > 0 {
		// Keep what the command said on standard error where the caller
		// can parse it (GODEBUG=inittrace=1 writes there).
		return append(stdout.Bytes(), stderr.Bytes()...), u, nil
	}
	return stdout.Bytes(), u, nil
}

func (r *runner) goCmd(ctx context.Context, args ...string) ([]byte, usage, error) {
	return r.run(ctx, nil, "go", args...)
}

func maxRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return 0
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// toolexecEnv names the file the -toolexec wrapper appends its records to.
const toolexecEnv = "PROVIDERS_BENCH_TOOLEXEC_LOG"

// toolexecMode reports whether this process was started by go build
// -toolexec, to run one tool of the toolchain and record what it cost.
func toolexecMode() bool {
	return os.Getenv(toolexecEnv) != "" && len(os.Args) > 1 && filepath.IsAbs(os.Args[1])
}

// toolexec runs the tool in args and, for compile and link, appends a
// record "tool importpath wall-ns maxrss-bytes" to the log. The go command
// sets TOOLEXEC_IMPORTPATH to the package being built.
func toolexec(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	tool := strings.TrimSuffix(filepath.Base(args[0]), ".exe")
	version := len(args) > 1 && strings.HasPrefix(args[1], "-V")
	if (tool == "compile" || tool == "link") && !version {
		f, ferr := os.OpenFile(os.Getenv(toolexecEnv), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if ferr == nil {
			fmt.Fprintf(f, "%s %s %d %d\n", tool, os.Getenv("TOOLEXEC_IMPORTPATH"), wall.Nanoseconds(), maxRSS(cmd.ProcessState))
			f.Close()
		}
	}
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// toolRecord is one line of the toolexec log.
type toolRecord struct {
	tool, pkg string
	usage
}

func readToolLog(path string) ([]toolRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []toolRecord
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 4 {
			continue
		}
		ns, _ := strconv.ParseInt(fs[2], 10, 64)
		rss, _ := strconv.ParseInt(fs[3], 10, 64)
		recs = append(recs, toolRecord{fs[0], fs[1], usage{time.Duration(ns), rss}})
	}
	return recs, sc.Err()
}
