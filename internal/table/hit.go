package table

import "unsafe"

// The hit paths: a lookup of a key of MinWindowed to MaxWindowed bytes (and
// at most the table's key field), written out with every helper inlined by
// hand, because the Go compiler inlines only small functions and a call
// costs as much as the hash. They compute exactly Hash and SlotOf;
// TestHitAgrees checks them against those, key by key, and FuzzHit with
// keys of every length. Index.Hit is, for that reason, the one hand-written
// function of the module over 80 lines: folding its two comparison
// switches into boolean expressions or flags cost 7 to 18 more
// instructions per Derive under callgrind (1.5 to 4%), and splitting it
// costs a call.

// Index is what the hit path of Derive reads: the runtimes and the model
// spellings of a registry. Index values are written by generated code only.
type Index struct {
	RuntimeIndex Small
	Spellings    SpellingTable
}

// Hit looks up a (runtime, model) pair on the hit path: a governed runtime
// and a spelling that the hit paths look up. It returns the runtime's
// payload and governed index and the offset in Spellings.Records of the
// spelling's record. When it does not find the pair, at is -1, and g is -1
// too unless it found the runtime: then a model that Hit looks up
// (Windowed) and that has no surrounding space is certainly not
// registered. Both lookups are written out here, with no call.
func (x *Index) Hit(runtime, model string) (g, gov, at int) {
	r, s := &x.RuntimeIndex, &x.Spellings
	k, width := len(runtime), r.KeyWidth
	m, mwidth := len(model), s.Layout.KeyWidth
	if r.Bits == 0 || k < MinWindowed || k > width || k >= LongKey {
		return -1, 0, -1
	}
	// Both keys are hashed first, so that the two lookups' loads overlap.
	p := unsafe.Pointer(unsafe.StringData(runtime))
	var w0, w3 uint64
	if k < 8 {
		w0, w3 = at4(p, 0), at4(p, k-4)
	} else {
		w0, w3 = at8(p, 0), at8(p, k-8)
	}
	g = 1 + int(smallMix(w0, w3, k, r.Seed)>>((64-r.Bits)&63))*r.Stride
	mp := unsafe.Pointer(unsafe.StringData(model))
	windowed := m >= MinWindowed && m <= mwidth && m < LongKey
	o1, o2 := min(8, m-8), min(16, m-8)
	var h uint64
	switch {
	case !windowed:
	case m < 8:
		a, b := at4(mp, 0), at4(mp, m-4)
		h = Hash4(a, a, b, b, m, s.Seed)
	case m <= 32:
		h = Hash4(at8(mp, 0), at8(mp, o1), at8(mp, o2), at8(mp, m-8), m, s.Seed)
	default:
		h = Hash4(at8(mp, 0), at8(mp, 8), at8(mp, 16), at8(mp, 24), m, s.Seed)
		h = Hash4(at8(mp, m-32), at8(mp, m-24), at8(mp, m-16), at8(mp, m-8), m, h)
	}

	// And the model's bucket and record are found before the runtime's
	// record is compared.
	var mrec unsafe.Pointer // the model's record, its key field and length in bounds
	if windowed {
		d := Num4(s.Buckets, 4*int((h>>32)*uint64(len(s.Buckets)/4)>>32))
		slot := d &^ Direct
		if d&Direct == 0 {
			slot = int(uint64(uint32(mix(h^k2, uint64(d)+k0))) * uint64(s.Len) >> 32)
		}
		at = 1 + slot*s.Stride
		if at+mwidth >= len(s.Records) {
			return -1, 0, -1
		}
		mrec = unsafe.Add(unsafe.Pointer(unsafe.StringData(s.Records)), at)
	}

	if g+width+SmallLen+RuntimeWidth > len(r.Records) {
		return -1, 0, -1
	}
	// The record's key field holds at least k bytes, its bounds checked
	// above, and at2, at4 and at8 read within them (see at8).
	q := unsafe.Add(unsafe.Pointer(unsafe.StringData(r.Records)), g)
	if uint16(at2(q, width)) != digits2(k) {
		return -1, 0, -1
	}
	switch {
	case k < 8:
		if at4(q, 0) != w0 || at4(q, k-4) != w3 {
			return -1, 0, -1
		}
	case k <= 16:
		if at8(q, 0) != w0 || at8(q, k-8) != w3 {
			return -1, 0, -1
		}
	default:
		if diffWindows(p, q, k) != 0 {
			return -1, 0, -1
		}
	}
	if gov = Num2(r.Records, g+width+SmallLen+runtimeGov); gov == NotGoverned {
		return -1, 0, -1
	}
	g += width + SmallLen
	if !windowed || *(*byte)(unsafe.Add(mrec, mwidth+spellLen)) != Digit(m) {
		return g, gov, -1
	}
	q = mrec
	switch {
	case m < 8:
		if at4(q, 0) != at4(mp, 0) || at4(q, m-4) != at4(mp, m-4) {
			return g, gov, -1
		}
	case m <= 32:
		if at8(q, 0) != at8(mp, 0) || at8(q, o1) != at8(mp, o1) || at8(q, o2) != at8(mp, o2) || at8(q, m-8) != at8(mp, m-8) {
			return g, gov, -1
		}
	default:
		if at8(q, 0) != at8(mp, 0) || at8(q, 8) != at8(mp, 8) || at8(q, 16) != at8(mp, 16) || at8(q, 24) != at8(mp, 24) ||
			at8(q, m-32) != at8(mp, m-32) || at8(q, m-24) != at8(mp, m-24) || at8(q, m-16) != at8(mp, m-16) || at8(q, m-8) != at8(mp, m-8) {
			return g, gov, -1
		}
	}
	return g, gov, at
}

// diffWindows is zero when the k bytes at p and at q are equal,
// MinWindowed <= k < 64: it compares the windows that Hash reads, which
// cover them.
func diffWindows(p, q unsafe.Pointer, k int) uint64 {
	switch {
	case k < 8:
		return (at4(p, 0) ^ at4(q, 0)) | (at4(p, k-4) ^ at4(q, k-4))
	case k <= 32:
		a, b := min(8, k-8), min(16, k-8)
		return (at8(p, 0) ^ at8(q, 0)) | (at8(p, a) ^ at8(q, a)) | (at8(p, b) ^ at8(q, b)) | (at8(p, k-8) ^ at8(q, k-8))
	}
	d := uint64(0)
	for o := 0; o < 32; o += 8 {
		d |= (at8(p, o) ^ at8(q, o)) | (at8(p, k-32+o) ^ at8(q, k-32+o))
	}
	return d
}

// SpellingTable is the model spellings of a registry: a minimal perfect
// hash (Seed, Buckets) over Len fixed-width records of the shape Layout
// (format.go), Stride bytes apart in Records; LongKeys holds the spellings
// longer than the key field. SpellingTable values are written by generated
// code only.
type SpellingTable struct {
	Seed     uint64
	Buckets  string
	Layout   SpellingLayout
	Stride   int
	Len      int
	Records  string
	LongKeys string
}

// Windowed reports whether the hit path looks up a spelling of n bytes.
func (x *SpellingTable) Windowed(n int) bool {
	return n >= MinWindowed && n <= x.Layout.KeyWidth && n < LongKey
}

// Find returns the offset in Records of the record of key, or -1.
func (x *SpellingTable) Find(key string) int {
	if x.Len == 0 || key == "" {
		return -1
	}
	at := 1 + SlotOf(x.Buckets, Hash(key, x.Seed), x.Len)*x.Stride
	if x.Key(at) != key {
		return -1
	}
	return at
}

// Key returns the spelling of the record at at.
func (x *SpellingTable) Key(at int) string {
	n := x.Layout.Len(x.Records, at)
	if n == LongKey {
		off, n := x.Layout.LongKey(x.Records, at)
		return x.LongKeys[off : off+n]
	}
	return x.Records[at : at+n]
}

// Record returns the offset in Records of the record in slot s.
func (x *SpellingTable) Record(s int) int { return 1 + s*x.Stride }

// Equal reports whether a == b, comparing strings of 8 to 16 bytes (most
// env names) inline, two windows, rather than through a call.
func Equal(a, b string) bool {
	if n := len(a); n == len(b) && n >= 8 && n <= 16 {
		p, q := unsafe.Pointer(unsafe.StringData(a)), unsafe.Pointer(unsafe.StringData(b))
		return at8(p, 0) == at8(q, 0) && at8(p, n-8) == at8(q, n-8)
	}
	return a == b
}
