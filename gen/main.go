package main

import (
	"os"

	"github.com/molecule-ai/providers/gen/internal/memcap"
)

// heapCap is the memory gen keeps to while its live heap is under 3/5 of
// it (see package memcap): at 100,000 models the live heap peaks near
// 135 MB, and gen stays under 300 MiB.
const heapCap = 256 << 20

func main() {
	memcap.Cap(heapCap)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
