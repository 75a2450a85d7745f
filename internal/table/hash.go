package table

import "math/bits"

// Multipliers from wyhash (public domain); any odd constants with well-mixed
// bits would do, these are known to pass SMHasher in that construction.
const (
	k0 = 0xa0761d6478bd642f
	k1 = 0xe7037ed1a0b428db
	k2 = 0x8ebc6af09c88c6e3
	k3 = 0x589965cc75374cc3
	k4 = 0x1d8e4e27c47d124f
)

func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// R8 reads the 8 bytes at s[i:] as a little-endian number (one load).
func R8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// R4 reads the 4 bytes at s[i:] as a little-endian number (one load).
func R4(s string, i int) uint64 {
	s = s[i : i+4]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
}

// Keys are hashed and compared through windows, so that a lookup reads a
// few words whatever the key's length and branches only on its class:
//
//	4 to 7 bytes    the 4-byte windows at 0 and n-4 (w0 and w3; w1 = w0, w2 = w3)
//	8 to 32 bytes   the 8-byte windows at 0, min(8, n-8), min(16, n-8), n-8
//	33 to 64 bytes  those of its first 32 bytes, and of its last 32 bytes
//	others          Hash folds 32-byte blocks (the full path only)
//
// The windows of a class cover the key whatever its length, so comparing
// them compares every byte. The hit paths (hit.go) load them once, hash
// them and compare them with the record's, whose key is stored at the same
// offsets.

// MinWindowed and MaxWindowed bound the lengths of the keys the hit paths
// look up.
const (
	MinWindowed = 4
	MaxWindowed = 64
)

// Windows returns the four windows of s, 4 <= len(s) <= 32.
func Windows(s string) (w0, w1, w2, w3 uint64) {
	n := len(s)
	if n < 8 {
		w0, w3 = R4(s, 0), R4(s, n-4)
		return w0, w0, w3, w3
	}
	return R8(s, 0), R8(s, min(8, n-8)), R8(s, min(16, n-8)), R8(s, n-8)
}

// Hash4 is the hash of a key of n bytes whose four windows are w0..w3:
// four independent multiplications, summed, and one to mix the sum (its
// high half, which picks the bucket, depends on every bit of it). The
// seed goes into every product, so that keys whose windows happen to sum
// alike under one seed do not under the next, which the generator tries.
func Hash4(w0, w1, w2, w3 uint64, n int, seed uint64) uint64 {
	h := ((w0^seed)*k0 + (w1^seed^k4)*k1) + ((w2^seed)*k2 + (w3^seed^uint64(n))*k3)
	return (h ^ h>>32) * k4
}

// Hash returns the hash of s under seed, for every length: Hash4 of its
// windows, of each half's for 33 to 64 bytes, of each 32-byte block's for
// longer keys.
func Hash(s string, seed uint64) uint64 {
	n := len(s)
	switch {
	case n >= MinWindowed && n <= 32:
		w0, w1, w2, w3 := Windows(s)
		return Hash4(w0, w1, w2, w3, n, seed)
	case n < MinWindowed:
		var w uint64
		for i := 0; i < n; i++ {
			w = w<<8 | uint64(s[i])
		}
		return Hash4(w, w, w, w, n, seed)
	case n <= MaxWindowed:
		w0, w1, w2, w3 := Windows(s[:32])
		v0, v1, v2, v3 := Windows(s[n-32:])
		return Hash4(v0, v1, v2, v3, n, Hash4(w0, w1, w2, w3, n, seed))
	}
	acc := seed
	for p := s; len(p) > 32; p = p[32:] {
		acc = Hash4(R8(p, 0), R8(p, 8), R8(p, 16), R8(p, 24), 32, acc)
	}
	w0, w1, w2, w3 := Windows(s[n-32:])
	return Hash4(w0, w1, w2, w3, n, acc)
}

// SmallHash is the hash of a small table (Small): the outer windows of the
// key (8 bytes at 0 and n-8, or 4 at 0 and n-4), its length and the seed,
// mixed by one multiplication, whose top bits are the slot. Keys that it
// cannot tell apart (equal in length and in those windows) make the
// generator fall back to a scan, never a lookup go wrong: the whole key is
// compared.
func SmallHash(s string, seed uint64) uint64 {
	n := len(s)
	var a, b uint64
	switch {
	case n >= 8:
		a, b = R8(s, 0), R8(s, n-8)
	case n >= 4:
		a, b = R4(s, 0), R4(s, n-4)
	default:
		for i := 0; i < n; i++ {
			a = a<<8 | uint64(s[i])
		}
	}
	return smallMix(a, b, n, seed)
}

// smallMix mixes the outer windows a and b of a key of n bytes.
func smallMix(a, b uint64, n int, seed uint64) uint64 {
	return (a ^ bits.RotateLeft64(b, 29) ^ uint64(n)<<56 ^ seed) * k1
}
