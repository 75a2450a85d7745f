package memcap

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestCapRaisedForLargeHeap: the limit starts at the cap, and once a
// collection finds more than 3/5 of it live, it is raised to 5/3 of the
// live heap, so that the collector does not run continuously.
func TestCapRaisedForLargeHeap(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	const limit = 16 << 20
	Cap(limit)
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Fatalf("limit = %d, want %d", got, limit)
	}
	live := make([][]byte, 64)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	for deadline := time.Now().Add(5 * time.Second); debug.SetMemoryLimit(-1) < 5*(64<<20)/3; {
		if time.Now().After(deadline) {
			t.Fatalf("limit = %d with 64 MiB live, want at least 5/3 of that", debug.SetMemoryLimit(-1))
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
}

// TestCapLeavesGOMEMLIMIT: a limit the user set wins.
func TestCapLeavesGOMEMLIMIT(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	before := debug.SetMemoryLimit(-1)
	Cap(16 << 20)
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit = %d, want %d (unchanged)", got, before)
	}
}
