// Package table is the packed table format shared by the generator, which
// writes it, and the resolver, which reads it: a string hash, a minimal
// perfect hash built over a set of keys, and a digit encoding that lets
// numeric tables live in raw Go string literals.
//
// Everything here is internal to the module: generated code only ever sees
// strings and integers inside resolver.Tables, so the format can change with
// the module (resolver.TablesFormat2 guards against mixing versions: a
// generated file names the format it was written in, and fails to compile
// against a resolver that reads another).
package table

import "math/bits"

// Multipliers from wyhash (public domain); any odd constants with well-mixed
// bits would do, these are known to pass SMHasher in that construction.
const (
	k0 = 0xa0761d6478bd642f
	k1 = 0xe7037ed1a0b428db
	k2 = 0x8ebc6af09c88c6e3
)

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func r8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func r4(s string) uint64 {
	_ = s[3]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// Hash returns a 64-bit hash of s under seed. It reads 8 bytes at a time
// (wyhash-style), which is what keeps a lookup near the cost of a map's.
func Hash(s string, seed uint64) uint64 {
	n := len(s)
	seed ^= k0
	var a, b uint64
	switch {
	case n > 16:
		p := s
		for len(p) > 16 {
			seed = mix(r8(p)^k1, r8(p[8:])^seed)
			p = p[16:]
		}
		a = r8(s[n-16:])
		b = r8(s[n-8:])
	case n >= 4:
		q := (n >> 3) << 2
		a = r4(s)<<32 | r4(s[q:])
		b = r4(s[n-4:])<<32 | r4(s[n-4-q:])
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	return mix(k1^uint64(n), mix(a^k1, b^seed))
}

// smallHash is the hash of a small index: a key's length, its first, last
// (and, past 16 bytes, middle) eight bytes and the seed, mixed by one
// multiplication, whose top bits are the slot. Keys it cannot tell apart make buildSmall fail,
// never a lookup.
func smallHash(s string, seed uint64) uint64 {
	n := len(s)
	var a, b uint64
	switch {
	case n > 16:
		a, b = r8(s)^r8(s[(n-8)>>1:])*k0, r8(s[n-8:])
	case n >= 8:
		a, b = r8(s), r8(s[n-8:])
	case n >= 4:
		a, b = r4(s), r4(s[n-4:])
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	x := a ^ bits.RotateLeft64(b, 31) ^ uint64(n)<<56 ^ seed*k2
	return mix(x, k1)
}

// Bucket returns the bucket of hash h among nb buckets.
func Bucket(h uint64, nb int) int {
	return int((h >> 32) * uint64(nb) >> 32)
}

// Slot returns the slot of hash h displaced by d among ns slots.
func Slot(h uint64, d uint32, ns int) int {
	return int(uint64(uint32(mix(h^k2, uint64(d)+k0))) * uint64(ns) >> 32)
}

// Direct marks a bucket value that holds its single key's slot itself
// rather than a displacement.
const Direct = 1 << 23

// MaxKeys is the largest key set Build accepts: slots must fit beside the
// Direct flag in one 4-digit number.
const MaxKeys = Direct - 1
