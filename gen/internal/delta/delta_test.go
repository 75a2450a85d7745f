package delta

import (
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// BenchmarkDeltaShipped is the full delta of the shipped registry against
// itself: every runtime × spelling × env combination through both.
func BenchmarkDeltaShipped(b *testing.B) {
	reg, err := spec.Load("../../../providers.yaml", false)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if d := Compute(reg, reg); !d.Empty() {
			b.Fatal("a registry differs from itself")
		}
	}
}
