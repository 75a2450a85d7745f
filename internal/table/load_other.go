//go:build !(amd64 || arm64 || 386 || ppc64le || loong64 || wasm)

package table

import "unsafe"

// at8 reads the 8 bytes at p+o as a little-endian number, like R8 but
// without a bounds check (see load_le.go), one byte at a time: right on
// machines of either byte order and on those that fault on an unaligned
// load.
func at8(p unsafe.Pointer, o int) uint64 {
	b := (*[8]byte)(unsafe.Add(p, o))
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// at4 is at8 for 4 bytes.
func at4(p unsafe.Pointer, o int) uint64 {
	b := (*[4]byte)(unsafe.Add(p, o))
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24
}

// at2 is at8 for 2 bytes.
func at2(p unsafe.Pointer, o int) uint64 {
	b := (*[2]byte)(unsafe.Add(p, o))
	return uint64(b[0]) | uint64(b[1])<<8
}
