package gengo

import (
	"bytes"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// TestPlaceholdersFormatLikeLiterals: formatting the file with placeholders
// and filling the literals in gives the bytes of formatting it whole, on
// the shipped registry, the fixture and a synthetic one; and a file in
// which a placeholder is not found once is formatted whole.
func TestPlaceholdersFormatLikeLiterals(t *testing.T) {
	for _, path := range []string{"../../../providers.yaml", "../../../internal/fixture/fixture.yaml", "../spec/testdata/synth60.yaml"} {
		reg, err := spec.Load(path, false)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := (&emitter{inline: true}).generate(reg, "x")
		if err != nil {
			t.Fatal(err)
		}
		e := &emitter{}
		src, err := e.generate(reg, "x")
		if err != nil {
			t.Fatal(err)
		}
		if len(e.lits) < 5 {
			t.Errorf("%s: only %d literals left out", path, len(e.lits))
		}
		filled, ok := e.fill(src)
		if !ok || !bytes.Equal(filled, whole) {
			t.Errorf("%s: filled placeholders (ok=%v) differ from the file formatted whole", path, ok)
		}
		if _, ok := e.fill(append(src, placeholder(0)...)); ok {
			t.Errorf("%s: a placeholder found twice was filled", path)
		}
	}
}
