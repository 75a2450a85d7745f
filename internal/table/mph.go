package table

import (
	"errors"
	"slices"
)

// A minimal perfect hash over a set of distinct keys, computed by the
// generator, places each key in its own slot of n: a key hashes (Hash, under
// Seed) to a bucket of about keysPerBucket keys; the bucket's 4-digit number
// in Buckets is either a displacement that, mixed with the hash (Slot),
// gives the slot, or, with the Direct bit set, the slot itself (buckets of
// one key are placed last, into whatever slots are left). A lookup reads
// one bucket and then the slot's record, which holds the key: two dependent
// reads, the first from a table of one byte per key that stays in cache.

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

// MaxKeys is the largest key set Place accepts: slots must fit beside the
// Direct flag in one 4-digit number.
const MaxKeys = Direct - 1

// SlotOf returns the slot of a key with hash h in a minimal perfect hash
// whose bucket values are buckets (4 digits each) over ns slots.
func SlotOf(buckets string, h uint64, ns int) int {
	d := Num4(buckets, 4*Bucket(h, len(buckets)/4))
	if d&Direct != 0 {
		return d &^ Direct
	}
	return Slot(h, uint32(d), ns)
}

// keysPerBucket is the average bucket load. Four keeps the bucket table at
// one byte per key while the build still finishes in milliseconds at 100,000
// keys; see BENCHMARKS.md.
const keysPerBucket = 4

// maxDisplacement bounds the search for one bucket before the build starts
// over with the next seed.
const maxDisplacement = 1 << 20

// ErrTooLarge reports a registry beyond what the encoding can address.
var ErrTooLarge = errors.New("table: too many keys or too much data for the table format")

// A Layout is where each key of a minimal perfect hash goes.
type Layout struct {
	Seed    uint64
	Buckets string // 4 digits a bucket
	Slots   []int  // the slot of each key
}

// Place lays out a minimal perfect hash over keys, which must be distinct.
// The result depends only on the keys and their order.
func Place(keys []string) (*Layout, error) {
	n := len(keys)
	if n > MaxKeys {
		return nil, ErrTooLarge
	}
	nb := max(1, (n+keysPerBucket-1)/keysPerBucket)
	hashes := make([]uint64, n)
	for seed := uint64(0); seed < 64; seed++ {
		for i, k := range keys {
			hashes[i] = Hash(k, seed)
		}
		buckets, slots, ok := place(hashes, nb)
		if !ok {
			continue
		}
		b := make([]byte, 0, 4*nb)
		for _, v := range buckets {
			b = AppendNum(b, v, 4)
		}
		return &Layout{Seed: seed, Buckets: string(b), Slots: slots}, nil
	}
	return nil, errors.New("table: no perfect hash found (are the keys distinct?)")
}

// place finds a displacement for every bucket, biggest buckets first, and
// returns each bucket's number and each key's slot.
func place(hashes []uint64, nb int) ([]int, []int, bool) {
	n := len(hashes)
	members := make([][]int32, nb)
	for i, h := range hashes {
		b := Bucket(h, nb)
		members[b] = append(members[b], int32(i))
	}
	order := make([]int32, nb)
	for b := range order {
		order[b] = int32(b)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return len(members[b]) - len(members[a]) })

	taken := make([]bool, n)
	slotOf := make([]int, n)
	value := make([]int, nb)
	var try []int
	free := 0 // lowest slot that may be free, for singletons
	for _, b := range order {
		m := members[b]
		switch len(m) {
		case 0:
			continue
		case 1:
			for taken[free] {
				free++
			}
			taken[free] = true
			slotOf[m[0]] = free
			value[b] = Direct | free
			continue
		}
		placed := false
		for d := uint32(1); d < maxDisplacement && !placed; d++ {
			try = try[:0]
			placed = true
			for _, k := range m {
				s := Slot(hashes[k], d, n)
				if taken[s] || slices.Contains(try, s) {
					placed = false
					break
				}
				try = append(try, s)
			}
			if placed {
				for j, k := range m {
					taken[try[j]] = true
					slotOf[k] = try[j]
				}
				value[b] = int(d)
			}
		}
		if !placed {
			return nil, nil, false
		}
	}
	return value, slotOf, true
}
