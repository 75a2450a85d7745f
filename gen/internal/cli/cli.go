// Package cli is what every subcommand of gen shares on its command line:
// the exit codes, the errors that choose them, and a flag set whose errors
// are usage errors and whose -h prints the subcommand's usage, and the
// dispatch of a command line to a subcommand or help (commands.go). The
// subcommands define their flags in package main; their usage texts live
// beside their code, in the packages that do the work.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/output"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// Exit codes of every subcommand.
const (
	ExitOK      = 0
	ExitChanged = 1 // differences found: stale output, a non-empty delta, drift
	ExitInvalid = 2 // invalid input or usage
	ExitIO      = 3 // an output could not be written (permissions, a full disk)
)

var (
	// ErrChanged makes a command exit 1 after it has printed what changed.
	ErrChanged = errors.New("differences found")
	// ErrReported makes a command exit 2 after it has printed its problems.
	ErrReported = errors.New("problems reported")
	// ErrUnwritten makes a command exit 3 after it has printed its
	// problems, one of them a file it could not write.
	ErrUnwritten = errors.New("a file could not be written")
)

// UsageError is a command line a subcommand cannot run: the message, then
// the subcommand's synopsis.
type UsageError struct{ Msg, Synopsis, Help string }

func (e *UsageError) Error() string { return e.Msg }

// Exit prints err, if it has not been printed, to stderr and returns the
// exit code it stands for.
func Exit(err error, stderr io.Writer) int {
	var ie *spec.InputError
	var ue *UsageError
	var oe *output.UsageError
	var we *output.WriteError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.Is(err, ErrChanged):
		return ExitChanged
	case errors.Is(err, ErrReported):
		return ExitInvalid
	case errors.Is(err, ErrUnwritten):
		return ExitIO
	case errors.As(err, &ie):
		fmt.Fprintln(stderr, ie.Error())
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "gen: %s\nusage: %s\nrun '%s' for more.\n", ue.Msg, ue.Synopsis, ue.Help)
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "gen: %s\n", oe.Msg)
	case errors.As(err, &we):
		fmt.Fprintf(stderr, "gen: %v\n", we)
		return ExitIO
	default:
		fmt.Fprintf(stderr, "gen: %v\n", err)
	}
	return ExitInvalid
}

// Flags is a subcommand's flag set: its errors become usage errors, and -h
// prints the subcommand's usage and flags to stdout and exits 0.
type Flags struct {
	*flag.FlagSet
	usage  string // the synopsis, a blank line, then what it does
	stdout io.Writer
	args   bool // arguments follow the flags
}

// NewFlags returns the flag set of a subcommand whose usage text is usage:
// its synopsis, a blank line, and what it does. With args, arguments may
// follow the flags.
func NewFlags(name, usage string, args bool, stdout io.Writer) *Flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &Flags{FlagSet: fs, usage: usage, stdout: stdout, args: args}
}

// Parse parses args; -h prints the usage and returns flag.ErrHelp.
func (fs *Flags) Parse(args []string) error {
	if err := fs.FlagSet.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(fs.stdout, "usage: %s\nFlags:\n", fs.usage)
			fs.SetOutput(fs.stdout)
			fs.PrintDefaults()
			return flag.ErrHelp
		}
		return fs.Usagef("%s", err.Error())
	}
	if fs.NArg() > 0 && !fs.args {
		return fs.Usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// Usagef is a usage error of this subcommand.
func (fs *Flags) Usagef(format string, args ...any) error {
	synopsis, _, _ := strings.Cut(fs.usage, "\n\n")
	help := "gen help " + fs.Name()
	if fs.Name() == "gen" {
		help = "gen help"
	}
	return &UsageError{fmt.Sprintf(format, args...), synopsis, help}
}

// Given returns the flags set on the command line, with their values.
func (fs *Flags) Given() map[string]string {
	m := map[string]string{}
	fs.Visit(func(f *flag.Flag) { m[f.Name] = f.Value.String() })
	return m
}

// GivenAll reports whether every one of the flags names was set on the
// command line.
func (fs *Flags) GivenAll(names ...string) bool {
	set := fs.Given()
	for _, n := range names {
		if _, ok := set[n]; !ok {
			return false
		}
	}
	return true
}

// List collects a repeatable flag of names. A comma separates names too
// (-env A,B is -env A -env B): no env name, runtime id or secret name can
// hold one, so a comma is always a list the user meant.
type List []string

func (l *List) String() string { return strings.Join(*l, ",") }

// Set adds the names of v.
func (l *List) Set(v string) error {
	for s := range strings.SplitSeq(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			return fmt.Errorf("empty name in %q", v)
		}
		*l = append(*l, s)
	}
	return nil
}
