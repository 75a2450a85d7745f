package table

import (
	"slices"
	"testing"
)

// FuzzHit feeds keys of every length and content to the hit path and
// wants what the full path says: a key in the table is found at its
// record when the hit path looks it up, and nothing else is ever found.
//
//	go test ./internal/table -run='^$' -fuzz=FuzzHit -fuzztime=5m
func FuzzHit(f *testing.F) {
	keys := synthKeys(500)
	x, err := spellingTable(keys)
	if err != nil {
		f.Fatal(err)
	}
	rts, err := BuildSmall([]string{"rt", "runtime", "governed-runtime-with-a-long-id"}, []string{RuntimePayload(0, 0), RuntimePayload(1, 1), RuntimePayload(2, 2)})
	if err != nil {
		f.Fatal(err)
	}
	ix := &Index{RuntimeIndex: rts, Spellings: *x}
	for _, k := range keys[:20] {
		f.Add("runtime", k)
	}
	f.Add("governed-runtime-with-a-long-id", "")
	f.Add("", "m1")
	f.Add("runtim\x00", "vendor1/model-00001-preview\xff")
	f.Fuzz(func(t *testing.T, rt, model string) {
		g, gov, at := ix.Hit(rt, model)
		wantG := rts.Lookup(rt)
		if g >= 0 && (g != wantG || gov != Num2(rts.Records, wantG+runtimeGov)) {
			t.Fatalf("Hit(%q, %q) found runtime %d/%d, Lookup says %d", rt, model, g, gov, wantG)
		}
		if at >= 0 && (g < 0 || x.Key(at) != model) {
			t.Fatalf("Hit(%q, %q) = %d, %d: a record of %q", rt, model, g, at, x.Key(at))
		}
		inTable := slices.Contains(keys, model)
		if wantG >= 0 && inTable && x.Windowed(len(model)) && len(rt) >= MinWindowed && at != x.Find(model) {
			t.Fatalf("Hit(%q, %q) = %d, Find = %d", rt, model, at, x.Find(model))
		}
	})
}
