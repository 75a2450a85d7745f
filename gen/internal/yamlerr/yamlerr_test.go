package yamlerr

import (
	"errors"
	"testing"

	"gopkg.in/yaml.v3"
)

func decode(b []byte) error {
	var n yaml.Node
	return yaml.Unmarshal(b, &n)
}

// TestLine: yaml.v3 names line 2 for a flow list left open on line 3;
// the shortest failing prefix ends on line 3.
func TestLine(t *testing.T) {
	data := []byte("a: 1\nb: 2\nc: [x, y\nd: 4\ne: 5\n")
	msg, line := Split(decode(data))
	if msg != "did not find expected ',' or ']'" || line != 2 {
		t.Fatalf("yaml.v3 now says %q at line %d", msg, line)
	}
	if got := Line(data, msg, line, decode); got != 3 {
		t.Errorf("Line = %d, want 3", got)
	}
	// A message data does not fail with leaves the line as given.
	if got := Line(data, "another problem", 2, decode); got != 2 {
		t.Errorf("Line with another message = %d, want 2", got)
	}
}

func TestSplit(t *testing.T) {
	for in, want := range map[string]struct {
		msg  string
		line int
	}{
		"yaml: line 12: did not find expected key": {"did not find expected key", 12},
		"yaml: control characters are not allowed": {"control characters are not allowed", 0},
		"something else": {"something else", 0},
	} {
		if msg, line := Split(errors.New(in)); msg != want.msg || line != want.line {
			t.Errorf("Split(%q) = %q, %d; want %q, %d", in, msg, line, want.msg, want.line)
		}
	}
}
