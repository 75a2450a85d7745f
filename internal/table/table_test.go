package table

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// synthKeys returns n distinct keys of every length class: short, windowed
// and long, many sharing their first and last eight bytes.
func synthKeys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		switch i % 5 {
		case 0:
			keys[i] = fmt.Sprintf("vendor%d/model-%05d-preview", i%41, i)
		case 1:
			keys[i] = fmt.Sprintf("m%d", i)
		case 2:
			keys[i] = fmt.Sprintf("meta-llama/llama-%05d-instruct:free", i)
		case 3:
			keys[i] = fmt.Sprintf("us.anthropic.claude-%05d-sonnet-4-5-20250929-v1:0-and-more-bytes-%d", i, i)
		default:
			keys[i] = fmt.Sprintf("k%03d", i%1000) + strings.Repeat("x", i/1000)
		}
	}
	return keys
}

func TestDigits(t *testing.T) {
	for d := range 64 {
		c := Digit(d)
		if c == ' ' || c == '\t' || c == '`' || c < '!' || c > '~' {
			t.Fatalf("digit %d is %q: not a printable, non-space, raw-string-safe byte", d, c)
		}
		if got := Num1(string(c), 0); got != d {
			t.Fatalf("Num1(%q) = %d, want %d", c, got, d)
		}
	}
	for _, v := range []int{0, 1, 62, 63, 64, 4095, 1 << 20, Max4} {
		b := string(AppendNum(nil, v, 4))
		if Num4(b, 0) != v || len(b) != 4 {
			t.Fatalf("Num4 round trip of %d gave %q", v, b)
		}
		if v <= Max2 && Num2(string(AppendNum(nil, v, 2)), 0) != v {
			t.Fatalf("Num2 round trip of %d", v)
		}
		if v <= 1<<18-1 && Num3(string(AppendNum(nil, v, 3)), 0) != v {
			t.Fatalf("Num3 round trip of %d", v)
		}
	}
	for _, v := range []int{0, Max4 + 1, Max5} {
		if Num5(string(AppendNum(nil, v, 5)), 0) != v {
			t.Fatalf("Num5 round trip of %d", v)
		}
	}
	defer func() {
		if recover() == nil {
			t.Fatal("AppendNum accepted a number too large for its width")
		}
	}()
	AppendNum(nil, Max2+1, 2)
}

// TestHitAgrees checks the hit path, written out by hand, against Hash,
// SlotOf and Find, for keys of every length and misses of every kind.
func TestHitAgrees(t *testing.T) {
	keys := synthKeys(3000)
	x, err := spellingTable(keys)
	if err != nil {
		t.Fatal(err)
	}
	rts, err := BuildSmall([]string{"rt", "runtime", "governed-runtime", "ungoverned"}, []string{RuntimePayload(0, 0), RuntimePayload(1, 1), RuntimePayload(2, 2), RuntimePayload(3, NotGoverned)})
	if err != nil {
		t.Fatal(err)
	}
	ix := &Index{RuntimeIndex: rts, Spellings: *x}
	if g, _, at := ix.Hit("ungoverned", keys[0]); g >= 0 || at >= 0 {
		t.Fatal("the hit path looks up a model on an ungoverned runtime")
	}
	for _, rt := range []string{"runtime", "governed-runtime"} {
		for _, k := range keys {
			at := x.Find(k)
			if at < 0 || x.Key(at) != k {
				t.Fatalf("Find(%q) = %d", k, at)
			}
			g, gov, hit := ix.Hit(rt, k)
			if wantG := rts.Lookup(rt); g != wantG || gov != Num2(rts.Records, wantG+runtimeGov) {
				t.Fatalf("Hit(%q, %q) runtime %d/%d, want %d", rt, k, g, gov, wantG)
			}
			switch {
			case x.Windowed(len(k)) && hit != at:
				t.Fatalf("Hit(%q) = %d, Find = %d", k, hit, at)
			case !x.Windowed(len(k)) && hit != -1:
				t.Fatalf("Hit(%q) = %d for a key it does not look up", k, hit)
			}
			for _, miss := range []string{k + "x", k[:len(k)-1], strings.ToUpper(k), "x" + k[1:], k[:len(k)-1] + "#", " " + k} {
				if slices.Contains(keys, miss) {
					continue
				}
				if at := x.Find(miss); at >= 0 {
					t.Fatalf("Find(%q) = %d, want -1", miss, at)
				}
				if g, _, at := ix.Hit(rt, miss); at >= 0 || g < 0 {
					t.Fatalf("Hit(%q) = %d, %d; want the runtime and -1", miss, g, at)
				}
			}
		}
	}
	for _, miss := range []string{"", "r", "rt ", "RUNTIME", "runtimes", "governed-runtimf"} {
		if g, _, at := ix.Hit(miss, keys[0]); g >= 0 || at >= 0 {
			t.Fatalf("Hit(%q, …) found a runtime", miss)
		}
	}
}

// spellingTable builds a spelling table over keys whose records hold
// nothing but the keys (one governed runtime, nobody serving).
func spellingTable(keys []string) (*SpellingTable, error) {
	var lengths []int
	for _, k := range keys {
		lengths = append(lengths, len(k))
	}
	x := &SpellingTable{Layout: NewSpellingLayout(lengths, 1)}
	x.Stride = x.Layout.Stride()
	l, err := Place(keys)
	if err != nil {
		return nil, err
	}
	x.Seed, x.Buckets, x.Len = l.Seed, l.Buckets, len(keys)
	records := make([][]byte, len(keys))
	long := []byte{'\n'}
	for i, k := range keys {
		s := Spelling{Key: k, Providers: []int{0}, Canonical: l.Slots[i], CanonLen: len(k)}
		if len(k) > x.Layout.KeyWidth {
			s.LongAt = len(long)
			long = append(append(long, k...), '\n')
		}
		if records[l.Slots[i]], err = x.Layout.Append(nil, s); err != nil {
			return nil, err
		}
	}
	x.Records, x.LongKeys = "\n"+string(slices.Concat(records...)), string(long)
	return x, nil
}

func TestPlaceDeterministic(t *testing.T) {
	keys := synthKeys(500)
	a, err := Place(keys)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Place(keys)
	if a.Seed != b.Seed || a.Buckets != b.Buckets || !slices.Equal(a.Slots, b.Slots) {
		t.Fatal("two placements of the same keys differ")
	}
	seen := map[int]bool{}
	for i, k := range keys {
		s := SlotOf(a.Buckets, Hash(k, a.Seed), len(keys))
		if s != a.Slots[i] || seen[s] {
			t.Fatalf("SlotOf(%q) = %d, placed at %d", k, s, a.Slots[i])
		}
		seen[s] = true
	}
}

func TestSmall(t *testing.T) {
	for _, n := range []int{1, 2, 13, 64, 200} {
		keys := synthKeys(n)
		payloads := make([]string, n)
		for i := range payloads {
			payloads[i] = ProviderPayload(i)
		}
		x, err := BuildSmall(keys, payloads)
		if err != nil {
			t.Fatal(err)
		}
		if got := x.Keys(); len(got) != n {
			t.Fatalf("n=%d: %d keys", n, len(got))
		}
		for i, k := range keys {
			p := x.Lookup(k)
			if p < 0 || Num2(x.Records, p) != i {
				t.Fatalf("n=%d: Lookup(%q) = %d", n, k, p)
			}
			for _, miss := range []string{k + "x", strings.ToUpper(k), "", k[:len(k)-1]} {
				if slices.Contains(keys, miss) {
					continue
				}
				if x.Lookup(miss) >= 0 {
					t.Fatalf("n=%d: %q found", n, miss)
				}
			}
		}
		for _, line := range strings.Split(x.Records, "\n") {
			if strings.HasSuffix(line, " ") {
				t.Fatalf("a record line ends in a space: %q", line)
			}
		}
	}
	var empty Small
	if empty.Lookup("x") != -1 {
		t.Fatal("the empty table finds a key")
	}
}

func TestSpellingRecordRoundTrip(t *testing.T) {
	l := NewSpellingLayout([]int{10, 20, 30}, 3)
	if l.KeyWidth != 32 {
		t.Fatalf("KeyWidth %d", l.KeyWidth)
	}
	for _, key := range []string{"short-key", strings.Repeat("long", 20)} {
		s := Spelling{Key: key, LongAt: 77, Kind: 2, Billing: ModelBYOK, Model: 12345, Canonical: 999, CanonLen: 40, List: 4321, Providers: []int{0, Several + 3, 7}}
		b, err := l.Append([]byte("x"), s)
		if err != nil {
			t.Fatal(err)
		}
		rec := string(b)
		if len(rec)-1 != l.Stride() || rec[len(rec)-1] != '\n' {
			t.Fatalf("record of %d bytes, stride %d", len(rec)-1, l.Stride())
		}
		n := l.Len(rec, 1)
		if len(key) > l.KeyWidth {
			off, kn := l.LongKey(rec, 1)
			if n != LongKey || off != 77 || kn != len(key) {
				t.Fatalf("long key: len %d, at %d+%d", n, off, kn)
			}
		} else if n != len(key) || rec[1:1+n] != key {
			t.Fatalf("key %q, len %d", rec[1:1+n], n)
		}
		slot, cn := l.Canonical(rec, 1), l.CanonLen(rec, 1)
		if l.Kind(rec, 1) != 2 || l.Billing(rec, 1) != ModelBYOK || l.Model(rec, 1) != 12345 || slot != 999 || cn != LongKey || l.List(rec, 1) != 4321 {
			t.Fatalf("fields of %q", rec)
		}
		for g, want := range []int{0, Several + 3, 7} {
			if got := l.Provider(rec, 1, g); got != want {
				t.Fatalf("provider %d = %d, want %d", g, got, want)
			}
		}
	}
	if _, err := l.Append(nil, Spelling{Key: "k", Providers: []int{1}}); err == nil {
		t.Fatal("a record with the wrong number of provider fields")
	}
}

func TestCandidatesRoundTrip(t *testing.T) {
	b := []byte("\nxyz")
	block := len(b)
	var fields []int
	lists := [][]int{{5, 9}, {1, 2, 2000}}
	for _, rows := range lists {
		var f int
		var err error
		if b, f, err = AppendCandidates(b, block, rows); err != nil {
			t.Fatal(err)
		}
		if f < Several || f > Max2 {
			t.Fatalf("field %d", f)
		}
		fields = append(fields, f)
	}
	for i, rows := range lists {
		at, n := Candidates(string(b), block, fields[i])
		var got []int
		for j := range n {
			got = append(got, Candidate(string(b), at, j))
		}
		if !slices.Equal(got, rows) {
			t.Fatalf("entry %d: %v, want %v", i, got, rows)
		}
	}
}

func TestModelRoundTrip(t *testing.T) {
	b := AppendModel([]byte("\n"), []int{9, 10, 11})
	b = AppendModel(b, []int{3})
	m := ReadModel(string(b), 1)
	if m.Spellings() != 3 || m.Slot(string(b), 0) != 9 || m.Slot(string(b), 2) != 11 {
		t.Fatalf("first model %+v", m)
	}
	m = ReadModel(string(b), m.Next())
	if m.Spellings() != 1 || m.Slot(string(b), 0) != 3 || m.Next() != len(b) {
		t.Fatalf("second model %+v", m)
	}
}

func TestHashSpreads(t *testing.T) {
	// Keys equal in their first and last eight bytes and their length
	// still hash apart: every byte counts.
	r := rand.New(rand.NewPCG(1, 2))
	seen := map[uint64]string{}
	for i := range 20000 {
		mid := fmt.Sprintf("%08d", r.IntN(1e8))
		k := "meta-llama/" + mid + "-instruct:free"
		if prev, dup := seen[Hash(k, 0)]; dup && prev != k {
			t.Fatalf("%q and %q collide (%d)", prev, k, i)
		}
		seen[Hash(k, 0)] = k
	}
}

func TestModelInfoRoundTrip(t *testing.T) {
	infos := []ModelInfo{
		{},
		{Lifecycle: 3, DeprecatedOn: "2026-01-15", RetiresOn: "2026-07-01", ReplacedBy: Max4, ContextWindow: MaxLimit, MaxOutput: 1, NameAt: Max5, NameLen: Max2, Prices: Max5, Priced: Max2},
		{Lifecycle: 2, RetiresOn: "2025-12-31", ContextWindow: 1_000_000_000, MaxOutput: 128000, NameAt: 1, NameLen: 20, Prices: 9, Priced: 2},
	}
	b := []byte("\n")
	for _, in := range infos {
		var err error
		if b, err = AppendModelInfo(b, in); err != nil {
			t.Fatal(err)
		}
	}
	if len(b) != 1+len(infos)*InfoStride {
		t.Fatalf("%d bytes for %d records of %d", len(b), len(infos), InfoStride)
	}
	for row, want := range infos {
		r := ReadInfo(string(b), row)
		nameAt, nameLen := r.Name()
		prices, priced := r.Prices()
		got := ModelInfo{r.Lifecycle(), r.DeprecatedOn(), r.RetiresOn(), r.ReplacedBy(), r.ContextWindow(), r.MaxOutput(), nameAt, nameLen, prices, priced}
		if got != want {
			t.Errorf("row %d: %+v, want %+v", row, got, want)
		}
	}
	for _, bad := range []ModelInfo{{DeprecatedOn: "2026-1-1"}, {RetiresOn: ".026-01-01"}, {ContextWindow: MaxLimit + 1}, {Priced: Max2 + 1}, {Lifecycle: -1}} {
		if _, err := AppendModelInfo(nil, bad); err == nil {
			t.Errorf("AppendModelInfo(%+v) accepted it", bad)
		}
	}
}

func TestPriceRoundTrip(t *testing.T) {
	type price struct {
		provider int
		base     [Rates]int64
		tiers    []PriceTier
	}
	prices := []price{
		{0, [Rates]int64{}, nil},
		{Max2, [Rates]int64{1, MaxRate, 0, 1e12}, []PriceTier{{1, [Rates]int64{2, 3, 4, 5}}, {MaxAbove, [Rates]int64{MaxRate, MaxRate, MaxRate, MaxRate}}}},
		{7, [Rates]int64{3_000_000, 15_000_000, 300_000, 3_750_000}, []PriceTier{{200000, [Rates]int64{6_000_000, 22_500_000, 300_000, 3_750_000}}}},
	}
	b := []byte("\n")
	for _, p := range prices {
		var err error
		if b, err = AppendPrice(b, p.provider, p.base, p.tiers); err != nil {
			t.Fatal(err)
		}
	}
	s, at := string(b), 1
	for i, want := range prices {
		prov, body, next := PriceRecord(s, at)
		got := price{provider: prov}
		for j := range Rates {
			got.base[j] = PriceRate(body, 0, j)
		}
		for k := 1; k <= PriceTiers(body); k++ {
			tier := PriceTier{Above: PriceAbove(body, k)}
			for j := range Rates {
				tier.Rates[j] = PriceRate(body, k, j)
			}
			got.tiers = append(got.tiers, tier)
		}
		if got.provider != want.provider || got.base != want.base || !slices.Equal(got.tiers, want.tiers) {
			t.Errorf("price %d: %+v, want %+v", i, got, want)
		}
		if s[next-1] != '\n' {
			t.Fatalf("price %d does not end its line", i)
		}
		at = next
	}
	if at != len(s) {
		t.Fatalf("the records end at %d of %d", at, len(s))
	}
	for _, bad := range []price{{provider: Max2 + 1}, {base: [Rates]int64{-1}}, {base: [Rates]int64{MaxRate + 1}}, {tiers: []PriceTier{{Above: MaxAbove + 1}}}, {tiers: make([]PriceTier, MaxTiers+1)}} {
		if _, err := AppendPrice(nil, bad.provider, bad.base, bad.tiers); err == nil {
			t.Errorf("AppendPrice(%+v) accepted it", bad)
		}
	}
}
