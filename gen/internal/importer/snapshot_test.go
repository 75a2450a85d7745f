package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// readError reads the snapshot at path as LiteLLM's and returns its error
// in words, as gen prints it.
func readError(t *testing.T, path string) string {
	t.Helper()
	_, err := Read(spec.CatalogueLiteLLM, path)
	if err == nil {
		t.Fatal("Read: no error")
	}
	return strings.ReplaceAll(err.Error(), filepath.Dir(path)+string(filepath.Separator), "")
}

// A snapshot over the limit is refused from its size, before it is read:
// the file here is sparse, so the test writes no 64 MiB.
func TestSnapshotTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snapshot.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(64<<20 + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	want := "snapshot.json:1:1: the snapshot is larger than the 64 MiB limit: the catalogues are a few MiB"
	if got := readError(t, path); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A snapshot of small values is refused at the value past the cap, before
// its tree outgrows memory: a 64 MiB file of 0s is 32 million values.
func TestSnapshotValueCap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snapshot.json")
	// The object and its list are two values; the cap is reached at the
	// list's MaxValues-1st item, on line 2.
	text := "{\"m\": [\n" + strings.Repeat("0,", MaxValues-1) + "0]}"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "snapshot.json:2:1999997: the snapshot holds more than 1,000,000 JSON values: the catalogues hold a few hundred thousand"
	if got := readError(t, path); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	// One value fewer is read.
	text = "{\"m\": [\n" + strings.Repeat("0,", MaxValues-3) + "0]}"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(spec.CatalogueLiteLLM, path); err != nil {
		t.Errorf("%d values: %v", MaxValues, err)
	}
}

// A draft echoes a hostile env name clipped, in the comment that lists
// the env names that are not credentials.
func TestDraftClipsEnvNames(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	c := readCatalogue(t, spec.CatalogueModelsDev, `{"p": {"id": "p", "env": ["P_API_KEY", "`+long+`", "P_REGION_`+strings.ToUpper(long)+`"], "name": "P", "models": {}}}`)
	d, err := newDraft(c, []ProviderArg{{"p", "p"}}, []string{"claude-code"})
	if err != nil {
		t.Fatal(err)
	}
	want := "    # Not credentials, so not in auth_env: " + strings.Repeat("a", 40) + "… (100000 bytes), P_REGION_" + strings.Repeat("A", 31) + "… (100009 bytes)\n"
	if got := d.yaml(); !strings.Contains(got, want) || len(got) > 2000 {
		t.Errorf("got %.2000s\nwant a line %s", got, want)
	}
}
