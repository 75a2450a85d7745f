package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestMainWriteError: a standard output that cannot be written is exit 3
// with one message, whether the command checked its write (delta) or not
// (explain), and for help too.
func TestMainWriteError(t *testing.T) {
	unchecked := func(_ []string, stdout, _ io.Writer) error { fmt.Fprintln(stdout, "report"); return nil }
	checked := func(_ []string, stdout, _ io.Writer) error { _, err := fmt.Fprintln(stdout, "report"); return err }
	cmds := Commands{{Name: "a", Usage: "gen a\n\nDoes a.", Run: unchecked}, {Name: "b", Usage: "gen b\n\nDoes b.", Run: checked}}
	main := Command{Name: "gen", Usage: "gen [-x]\n\nGenerates.", Run: unchecked}
	const msg = "gen: writing standard output: no space left on device\n"
	for _, args := range [][]string{{}, {"a"}, {"b"}, {"help"}, {"help", "a"}} {
		var stderr strings.Builder
		if code := cmds.Main(main, "", args, fullDisk{}, &stderr); code != ExitIO || stderr.String() != msg {
			t.Errorf("Main(%q) = %d, stderr %q; want %d, %q", args, code, stderr.String(), ExitIO, msg)
		}
	}
	var stdout, stderr strings.Builder
	if code := cmds.Main(main, "", []string{"b"}, &stdout, &stderr); code != ExitOK || stdout.String() != "report\n" || stderr.Len() != 0 {
		t.Errorf("Main(b) = %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

// TestHelp: gen help help is gen help; more than one subcommand is a usage
// error, not ignored.
func TestHelp(t *testing.T) {
	cmds := Commands{{Name: "a", Summary: "does a", Usage: "gen a\n\nDoes a.", Run: func([]string, io.Writer, io.Writer) error { return nil }}}
	main := Command{Name: "gen", Usage: "gen [-x]\n\nGenerates.", Run: cmds[0].Run}
	var list, again, stderr strings.Builder
	cmds.Main(main, "\nOverview.\n", []string{"help"}, &list, &stderr)
	if code := cmds.Main(main, "\nOverview.\n", []string{"help", "help"}, &again, &stderr); code != ExitOK || again.String() != list.String() || stderr.Len() != 0 {
		t.Errorf("gen help help = %d, %q (stderr %q); want gen help's %q", code, again.String(), stderr.String(), list.String())
	}
	const want = "gen: gen help takes one subcommand, not \"a extra\"\n"
	if code := cmds.Main(main, "", []string{"help", "a", "extra"}, &again, &stderr); code != ExitInvalid || stderr.String() != want {
		t.Errorf("gen help a extra = %d, stderr %q; want %d, %q", code, stderr.String(), ExitInvalid, want)
	}
}
