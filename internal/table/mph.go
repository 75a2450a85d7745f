package table

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// RecordWidth is the number of digits in one slot record: the offset of the
// slot's entry in Keys (4 digits) and the length of its key (2 digits).
const RecordWidth = Width + 2

// MaxKeyLen is the longest key an index holds.
const MaxKeyLen = 1<<12 - 1

// Index is a perfect hash over a set of distinct keys, each with a payload
// of digits, encoded in strings.
//
// A large index (Buckets not empty) is a minimal perfect hash: a key hashes
// (Seed) to a bucket; the bucket's number in Buckets is either a
// displacement that, rehashed with the key, gives the slot, or, with the
// Direct bit set, the slot itself (buckets of one key are placed last, into
// whatever slots are left). A small index (Buckets empty, at most maxSmall
// keys) has a power of two of slots and no buckets: the slot is the top bits
// of a cheaper hash, and slots without a key have length 0.
//
// Slots holds one record per slot: where the slot's entry starts in Keys and
// the length of its key. Keys holds '\n' and then one entry per slot, in
// slot order: the key, its payload, '\n'. A lookup computes one slot, reads
// one record and compares one key, and the payload is right behind the key:
// no probing, and at scale one cache miss for the entry, not one for the key
// and another for what it maps to.
type Index struct {
	Seed    uint64
	Buckets string
	Slots   string
	Keys    string
}

// Lookup returns the slot of key, or -1 when key is not in the index.
func (x *Index) Lookup(key string) int {
	s, _, _ := x.find(key)
	return s
}

// LookupValue returns the value stored for key by Build, or -1 when key is
// not in the index.
func (x *Index) LookupValue(key string) int {
	_, p, _ := x.find(key)
	if p < 0 {
		return -1
	}
	return Num(x.Keys, p)
}

// Find returns the offset in Keys of key's payload and the index's own copy
// of key, or -1 and "" when key is not in the index. Keeping the copy
// instead of the caller's string lets a caller hand it out without
// retaining (or making escape) whatever memory the caller's string lives in.
func (x *Index) Find(key string) (payload int, k string) {
	_, p, k := x.find(key)
	return p, k
}

// find returns the slot of key, the offset of its payload and the index's
// copy of the key.
func (x *Index) find(key string) (slot, payload int, k string) {
	ns := len(x.Slots) / RecordWidth
	if ns == 0 || len(key) == 0 {
		return -1, -1, ""
	}
	var s int
	if len(x.Buckets) == 0 {
		// A small index: the slot is the top bits of a cheap hash.
		s = int(smallHash(key, x.Seed) >> (64 - bits.TrailingZeros(uint(ns))))
	} else {
		h := Hash(key, x.Seed)
		d := Num(x.Buckets, Bucket(h, len(x.Buckets)/Width)*Width)
		s = d &^ Direct
		if d&Direct == 0 {
			s = Slot(h, uint32(d), ns)
		}
	}
	r := x.Slots[s*RecordWidth : s*RecordWidth+RecordWidth]
	if Num2(r, Width) != len(key) {
		return -1, -1, ""
	}
	start := Num(r, 0)
	end := start + len(key)
	if k = x.Keys[start:end]; k != key {
		return -1, -1, ""
	}
	return s, end, k
}

// Len returns the number of keys in the index.
func (x *Index) Len() int {
	n := 0
	for s := range len(x.Slots) / RecordWidth {
		if Num2(x.Slots, s*RecordWidth+Width) > 0 {
			n++
		}
	}
	return n
}

// Key returns the key in slot s, which must hold one.
func (x *Index) Key(s int) string {
	r := x.Slots[s*RecordWidth : s*RecordWidth+RecordWidth]
	start := Num(r, 0)
	return x.Keys[start : start+Num2(r, Width)]
}

// keysPerBucket is the average bucket load. Four keeps the bucket table at
// one byte per key while the build still finishes in milliseconds at 100,000
// keys; see BENCHMARKS.md.
const keysPerBucket = 4

// maxDisplacement bounds the search for one bucket before the build starts
// over with the next seed.
const maxDisplacement = 1 << 20

// ErrTooLarge reports a key set beyond what the encoding can address.
var ErrTooLarge = errors.New("table: too many keys or key bytes for the table format")

// Build returns an index over keys with values[i] (at most Max, 4 digits)
// as the payload of keys[i], and the slot each key landed in. Keys must be distinct,
// non-empty and must not contain '\n'. The result depends only on its
// inputs: the same keys in the same order always give the same bytes.
func Build(keys []string, values []int) (Index, []int, error) {
	if len(keys) != len(values) {
		return Index{}, nil, fmt.Errorf("table: %d keys but %d values", len(keys), len(values))
	}
	payloads := make([]string, len(keys))
	for i, v := range values {
		if v < 0 || v > Max {
			return Index{}, nil, ErrTooLarge
		}
		payloads[i] = string(AppendNum(nil, v))
	}
	l, err := Place(keys)
	if err != nil {
		return Index{}, nil, err
	}
	x, err := l.Encode(keys, payloads)
	return x, l.Slots, err
}

// A Layout is where each key of an index goes: Place computes it, and
// Encode writes the index with a payload for each key. Between the two,
// payloads can refer to other keys by slot.
type Layout struct {
	Slots   []int // the slot of each key
	seed    uint64
	buckets []int // nil for a small index
	n       int   // number of slots
}

// Place lays out an index over keys. Keys must be distinct, non-empty, at
// most MaxKeyLen bytes and must not contain '\n'. The result depends only
// on the keys and their order.
func Place(keys []string) (*Layout, error) {
	n := len(keys)
	for _, k := range keys {
		if k == "" || len(k) > MaxKeyLen || strings.IndexByte(k, '\n') >= 0 {
			return nil, fmt.Errorf("table: bad key %q: empty, longer than %d bytes or with a newline", k, MaxKeyLen)
		}
	}
	if n > MaxKeys {
		return nil, ErrTooLarge
	}
	if n > 0 && n <= maxSmall {
		if l, ok := placeSmall(keys); ok {
			return l, nil
		}
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
		return &Layout{Slots: slots, seed: seed, buckets: buckets, n: n}, nil
	}
	return nil, errors.New("table: no perfect hash found (are the keys distinct?)")
}

// Encode writes the index of l over keys (the keys given to Place) with
// payloads[i], a string of digits (see AppendNum), behind keys[i].
func (l *Layout) Encode(keys, payloads []string) (Index, error) {
	if len(keys) != len(l.Slots) || len(payloads) != len(keys) {
		return Index{}, fmt.Errorf("table: %d keys and %d payloads for a layout of %d", len(keys), len(payloads), len(l.Slots))
	}
	bySlot := make([]int, l.n)
	for s := range bySlot {
		bySlot[s] = -1
	}
	for k, s := range l.Slots {
		bySlot[s] = k
	}
	var kb strings.Builder
	kb.WriteByte('\n') // so that a raw literal of Keys starts on its own line
	sb := make([]byte, 0, l.n*RecordWidth)
	for _, k := range bySlot {
		if k < 0 {
			// An empty slot of a small index: a key of length 0, which no
			// lookup looks for.
			sb = AppendNum(sb, kb.Len())
			sb = AppendNum2(sb, 0)
			continue
		}
		for i := 0; i < len(payloads[k]); i++ {
			if c := payloads[k][i]; c < ' ' || c > ' '+63 {
				return Index{}, fmt.Errorf("table: payload of %q has a byte %q outside the digit alphabet", keys[k], c)
			}
		}
		if kb.Len() > Max {
			return Index{}, ErrTooLarge
		}
		sb = AppendNum(sb, kb.Len())
		sb = AppendNum2(sb, len(keys[k]))
		kb.WriteString(keys[k])
		kb.WriteString(payloads[k])
		kb.WriteByte('\n')
	}
	bb := make([]byte, 0, len(l.buckets)*Width)
	for _, v := range l.buckets {
		bb = AppendNum(bb, v)
	}
	return Index{Seed: l.seed, Buckets: string(bb), Slots: string(sb), Keys: kb.String()}, nil
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

// maxSmall is the largest key set laid out as a small index: the provider,
// runtime and env name indexes of a registry. A small index has a power of
// two of slots, two to eight per key, some empty, and no bucket table: a
// lookup hashes the key with smallHash, takes the top bits as the slot and
// compares one key. That is less than half the work of the two-level
// lookup, and Derive looks up a runtime on every call.
const maxSmall = 64

// smallTries bounds the seeds tried at each table size.
const smallTries = 1 << 12

// placeSmall lays keys out as a small index, or reports false when no seed
// places them without collisions (keys that smallHash cannot tell apart
// fall back to the two-level index).
func placeSmall(keys []string) (*Layout, bool) {
	n := len(keys)
	bitsFor := bits.Len(uint(n - 1)) // the smallest k with 1<<k >= n
	slots := make([]int, n)
	for k := bitsFor + 1; k <= bitsFor+3; k++ {
		ns := 1 << k
		taken := make([]bool, ns)
	seeds:
		for seed := uint64(0); seed < smallTries; seed++ {
			clear(taken)
			for i, key := range keys {
				s := int(smallHash(key, seed) >> (64 - k))
				if taken[s] {
					continue seeds
				}
				taken[s] = true
				slots[i] = s
			}
			return &Layout{Slots: slots, seed: seed, n: ns}, true
		}
	}
	return nil, false
}
