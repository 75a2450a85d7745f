package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Command is a command or one of its subcommands: its name, what it is for
// in a few words, its usage text (synopsis, blank line, description) and
// its body.
type Command struct {
	Name, Summary, Usage string
	Run                  func(args []string, stdout, stderr io.Writer) error
}

// Commands are a command's subcommands, in the order help lists them.
type Commands []Command

// Main runs the command line args of the command main: "help [CMD]", one
// of the subcommands, or else main itself. It prints what went wrong and
// returns the exit code. overview is what help says after the synopses.
// A standard output that could not be written (a full disk, a closed
// pipe) is exit 3, whether or not the command checked its writes.
func (cs Commands) Main(main Command, overview string, args []string, stdout, stderr io.Writer) int {
	out := &recorder{w: stdout}
	if len(args) > 0 && args[0] == "help" {
		if code := cs.help(main, overview, args[1:], out, stderr); out.err == nil || code == ExitIO {
			return code
		}
		fmt.Fprintf(stderr, "%s: writing standard output: %v\n", main.Name, out.err)
		return ExitIO
	}
	run := main.Run
	if len(args) > 0 {
		if i := cs.index(args[0]); i >= 0 {
			run, args = cs[i].Run, args[1:]
		}
	}
	err := run(args, out, stderr)
	if out.err == nil {
		return Exit(err, stderr)
	}
	if err != nil && !errors.Is(err, out.err) {
		Exit(err, stderr) // printed; the write error decides the code
	}
	fmt.Fprintf(stderr, "%s: writing standard output: %v\n", main.Name, out.err)
	return ExitIO
}

// recorder is a writer that remembers its first error.
type recorder struct {
	w   io.Writer
	err error
}

func (r *recorder) Write(p []byte) (int, error) {
	n, err := r.w.Write(p)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

func (cs Commands) index(name string) int {
	return slices.IndexFunc(cs, func(c Command) bool { return c.Name == name })
}

// help prints the synopsis of every subcommand, or one's usage (as CMD -h
// does).
func (cs Commands) help(main Command, overview string, args []string, stdout, stderr io.Writer) int {
	if len(args) > 1 {
		fmt.Fprintf(stderr, "%s: %[1]s help takes one subcommand, not %q\n", main.Name, strings.Join(args, " "))
		return ExitInvalid
	}
	if len(args) == 0 || args[0] == "help" {
		fmt.Fprintf(stdout, "usage:\n  %s\n", synopsis(main.Usage))
		for _, c := range cs {
			fmt.Fprintf(stdout, "  %s\n", synopsis(c.Usage))
		}
		fmt.Fprint(stdout, overview+cs.List(main.Name))
		return ExitOK
	}
	switch {
	case args[0] == main.Name:
		return cs.Main(main, overview, []string{"-h"}, stdout, stderr)
	case cs.index(args[0]) >= 0:
		return cs.Main(main, overview, []string{args[0], "-h"}, stdout, stderr)
	}
	fmt.Fprintf(stderr, "%s: no help for %q; try %[1]s help\n", main.Name, args[0])
	return ExitInvalid
}

func synopsis(usage string) string {
	s, _, _ := strings.Cut(usage, "\n\n")
	return strings.ReplaceAll(s, "\n", "\n  ")
}

// List lists the subcommands of the command name, for its -h and help.
func (cs Commands) List(name string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nSubcommands ('%s help CMD' describes each):\n", name)
	for _, c := range cs {
		fmt.Fprintf(&b, "  %s %-9s %s\n", name, c.Name, c.Summary)
	}
	fmt.Fprintf(&b, "  %s help      the usage of every subcommand\n", name)
	return b.String()
}
