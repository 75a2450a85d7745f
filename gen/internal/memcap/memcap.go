// Package memcap keeps a process's heap within a cap while its live heap
// is small, without ever collecting continuously when it is not.
//
// The Go collector lets the heap grow to twice the live heap between
// collections (GOGC=100): at 100,000 models gen's live heap peaks near
// 135 MB, and gen's memory reaches 330 MB. A soft memory limit
// (debug.SetMemoryLimit) at the cap makes the collector run earlier
// instead; but a limit near or below the live heap makes it run all the
// time (slowed only by its 50% CPU cap), which a larger input, or one that
// takes the yaml.v3 path, would hit. So Cap raises the limit whenever a
// collection finds more than live/limit = 3/5 of it live, to 5/3 of the
// live heap: while the live heap is under 3/5 of the cap, the heap stays
// under the cap; above, the collector behaves as GOGC=67 would.
package memcap

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// Cap sets a soft memory limit of limit bytes, raised as described in the
// package doc. It does nothing when GOMEMLIMIT is set: the user's limit
// wins.
func Cap(limit int64) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
	watch(limit)
}

// tick is an object whose finalizer runs after the collection that finds
// it unreachable: one per collection, each re-armed by the last.
type tick struct{ _ *int }

func watch(limit int64) {
	runtime.SetFinalizer(&tick{}, func(*tick) {
		if live := liveHeap(); 5*live > 3*limit {
			limit = 5 * live / 3
			debug.SetMemoryLimit(limit)
		}
		watch(limit)
	})
}

// liveHeap returns the bytes of heap objects that the last collection
// found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
