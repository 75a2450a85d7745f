//go:build amd64 || arm64 || 386 || ppc64le || loong64 || wasm

package table

import "unsafe"

// at8 reads the 8 bytes at p+o as a little-endian number, like R8 but
// without a bounds check: every caller keeps o >= 0 and o+8 within the
// string p points into (o <= k-8 for a key of k bytes, and a record's key
// field is at least k bytes, its bounds checked when it was sliced). On
// these little-endian machines an unaligned load is allowed and is one
// instruction; load_other.go reads byte by byte elsewhere.
func at8(p unsafe.Pointer, o int) uint64 { return *(*uint64)(unsafe.Add(p, o)) }

// at4 is at8 for 4 bytes.
func at4(p unsafe.Pointer, o int) uint64 { return uint64(*(*uint32)(unsafe.Add(p, o))) }

// at2 is at8 for 2 bytes.
func at2(p unsafe.Pointer, o int) uint64 { return uint64(*(*uint16)(unsafe.Add(p, o))) }
