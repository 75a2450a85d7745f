package table

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// RecordWidth is the number of digits in one slot record: the offset of the
// slot's key in Keys (4 digits) and the slot's value (5 digits).
const RecordWidth = Width + 5

// Index is a minimal perfect hash over a set of distinct keys, encoded.
//
// A key hashes (Seed) to a bucket; the bucket's number in Buckets is either
// a displacement that, rehashed with the key, gives the slot, or, with the
// Direct bit set, the slot itself (buckets of one key are placed last, into
// whatever slots are left). Slots holds one record per slot plus a final
// sentinel: the offset in Keys where the slot's key starts, and its value.
// Keys holds '\n' and then the keys in slot order, each followed by '\n',
// so the slot's key is Keys[start : nextStart-1]. A lookup computes one slot and compares
// one key: no probing, no misses that touch more than one record.
type Index struct {
	Seed    uint64
	Buckets string
	Slots   string
	Keys    string
}

// Lookup returns the slot of key, or -1 when key is not in the index.
func (x *Index) Lookup(key string) int {
	ns := len(x.Slots)/RecordWidth - 1
	if ns <= 0 {
		return -1
	}
	h := Hash(key, x.Seed)
	d := Num(x.Buckets, Bucket(h, len(x.Buckets)/Width)*Width)
	var s int
	if d&Direct != 0 {
		s = d &^ Direct
	} else {
		s = Slot(h, uint32(d), ns)
	}
	i := s * RecordWidth
	start, end := Num(x.Slots, i), Num(x.Slots, i+RecordWidth)
	if end-start-1 != len(key) || x.Keys[start:end-1] != key {
		return -1
	}
	return s
}

// Len returns the number of keys (slots) in the index.
func (x *Index) Len() int {
	if n := len(x.Slots)/RecordWidth - 1; n > 0 {
		return n
	}
	return 0
}

// Key returns the key in slot s.
func (x *Index) Key(s int) string {
	i := s * RecordWidth
	return x.Keys[Num(x.Slots, i) : Num(x.Slots, i+RecordWidth)-1]
}

// Value returns the value stored for slot s.
func (x *Index) Value(s int) int {
	return Num5(x.Slots, s*RecordWidth+Width)
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

// Build returns an index over keys with values[i] stored for keys[i], and
// the slot each key landed in. Keys must be distinct and must not contain
// '\n'. The result depends only on its inputs: the same keys in the same
// order always give the same bytes.
func Build(keys []string, values []int) (Index, []int, error) {
	if len(keys) != len(values) {
		return Index{}, nil, fmt.Errorf("table: %d keys but %d values", len(keys), len(values))
	}
	n := len(keys)
	total := 0
	for i, k := range keys {
		if strings.IndexByte(k, '\n') >= 0 {
			return Index{}, nil, fmt.Errorf("table: key %q contains a newline", k)
		}
		if values[i] < 0 || values[i] > Max5 {
			return Index{}, nil, ErrTooLarge
		}
		total += len(k) + 1
	}
	if n > MaxKeys || total+1 > Max {
		return Index{}, nil, ErrTooLarge
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
		return encode(seed, keys, values, buckets, slots), slots, nil
	}
	return Index{}, nil, errors.New("table: no perfect hash found (are the keys distinct?)")
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

func encode(seed uint64, keys []string, values, buckets, slotOf []int) Index {
	n := len(keys)
	bySlot := make([]int, n)
	for k, s := range slotOf {
		bySlot[s] = k
	}
	var kb strings.Builder
	kb.WriteByte('\n') // so that a raw literal of Keys starts on its own line
	sb := make([]byte, 0, (n+1)*RecordWidth)
	for _, k := range bySlot {
		sb = AppendNum(sb, kb.Len())
		sb = AppendNum5(sb, values[k])
		kb.WriteString(keys[k])
		kb.WriteByte('\n')
	}
	sb = AppendNum(sb, kb.Len())
	sb = AppendNum5(sb, 0)
	bb := make([]byte, 0, len(buckets)*Width)
	for _, v := range buckets {
		bb = AppendNum(bb, v)
	}
	return Index{Seed: seed, Buckets: string(bb), Slots: string(sb), Keys: kb.String()}
}
