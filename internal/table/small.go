package table

import (
	"fmt"
	"math/bits"
	"slices"
)

// Small is a perfect hash over a few keys (the ids of providers and
// runtimes, env names) with the keys and their payloads in fixed-width
// records: a lookup hashes the key with one multiplication (SmallHash),
// takes the top Bits bits as the slot and compares the key with the slot's
// record, window by window; the payload is right behind it. There is no
// bucket table: the generator tries seeds until the keys land in distinct
// slots of a power-of-two table (two to eight slots a key), and when none
// does (keys that differ only in their middle bytes) it sets Bits to 0 and
// a lookup scans the records instead.
//
// Records is a newline, then one record a line (see SmallKey and friends
// in format.go for the layout). Small values are written by generated code
// only.
type Small struct {
	Seed     uint64
	Bits     int    // log2 of the slots; 0: no hash, scan
	KeyWidth int    // bytes of a record's key field
	Stride   int    // bytes of a record and its newline
	Records  string // "\n" and a record per slot
}

// Lookup returns the offset in Records of the payload of key s, or -1.
func (x *Small) Lookup(s string) int {
	n := len(s)
	if n == 0 || n > x.KeyWidth || len(x.Records) <= 1 {
		return -1
	}
	if x.Bits == 0 {
		for r := 1; r < len(x.Records); r += x.Stride {
			if Num2(x.Records, r+x.KeyWidth) == n && x.Records[r:r+n] == s {
				return r + x.KeyWidth + SmallLen
			}
		}
		return -1
	}
	r := 1 + int(SmallHash(s, x.Seed)>>(64-x.Bits))*x.Stride
	if Num2(x.Records, r+x.KeyWidth) != n || x.Records[r:r+n] != s {
		return -1
	}
	return r + x.KeyWidth + SmallLen
}

// Keys returns the keys of x, in slot order.
func (x *Small) Keys() []string {
	var out []string
	for r := 1; r < len(x.Records); r += x.Stride {
		if n := Num2(x.Records, r+x.KeyWidth); n > 0 {
			out = append(out, x.Records[r:r+n])
		}
	}
	return out
}

// smallTries bounds the seeds tried at each table size.
const smallTries = 1 << 12

// BuildSmall returns the small table of keys, each with its payload (a
// string of digits, all of one length). Keys must be distinct, non-empty
// and free of newlines. The result depends only on its inputs.
func BuildSmall(keys, payloads []string) (Small, error) {
	if len(keys) != len(payloads) {
		return Small{}, fmt.Errorf("table: %d keys but %d payloads", len(keys), len(payloads))
	}
	width := 0
	for i, k := range keys {
		if k == "" || len(k) > Max2 || slices.Contains([]byte(k), '\n') {
			return Small{}, fmt.Errorf("table: bad key %q", k)
		}
		if len(payloads[i]) != len(payloads[0]) {
			return Small{}, fmt.Errorf("table: payloads of different lengths")
		}
		width = max(width, len(k))
	}
	x := Small{KeyWidth: max(8, (width+7)/8*8)}
	if len(keys) > 0 {
		x.Stride = x.KeyWidth + SmallLen + len(payloads[0]) + 1
	}
	slots := placeSmall(keys, &x)
	if slots == nil { // no seed separates the keys: records in key order
		slots = make([]int, len(keys))
		for i := range slots {
			slots[i] = i
		}
	}
	ns := len(keys)
	if x.Bits > 0 {
		ns = 1 << x.Bits
	}
	bySlot := make([]int, ns)
	for i := range bySlot {
		bySlot[i] = -1
	}
	for k, s := range slots {
		bySlot[s] = k
	}
	b := []byte{'\n'}
	for _, k := range bySlot {
		if k < 0 {
			b = appendSmallRecord(b, "", emptyPayload(len(payloads[0])), x.KeyWidth)
			continue
		}
		b = appendSmallRecord(b, keys[k], payloads[k], x.KeyWidth)
	}
	x.Records = string(b)
	return x, nil
}

// placeSmall finds a seed and a table size that put keys in distinct
// slots, sets them in x and returns each key's slot; nil when none does.
func placeSmall(keys []string, x *Small) []int {
	n := len(keys)
	if n == 0 {
		return nil
	}
	least := bits.Len(uint(n - 1)) // the smallest b with 1<<b >= n
	slots := make([]int, n)
	for b := max(1, least+1); b <= least+3; b++ {
		taken := make([]bool, 1<<b)
	seeds:
		for seed := uint64(0); seed < smallTries; seed++ {
			clear(taken)
			for i, key := range keys {
				s := int(SmallHash(key, seed) >> (64 - b))
				if taken[s] {
					continue seeds
				}
				taken[s] = true
				slots[i] = s
			}
			x.Seed, x.Bits = seed, b
			return slots
		}
	}
	return nil
}
