package generate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/output"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// shipped are the generated files checked in, as go generate ./... makes
// them (see providersgen/doc.go and internal/fixture/doc.go).
var shipped = []Options{
	{In: "providers.yaml", Out: "providersgen/providers_gen.go", Pkg: "providersgen", JSON: "artifacts/registry.json", Vectors: "artifacts/vectors.json", Markdown: "PROVIDERS.md"},
	{In: "internal/fixture/fixture.yaml", Out: "internal/fixture/fixture_gen.go", Pkg: "fixture", JSON: "clients/ts/testdata/fixture.registry.json", Vectors: "clients/ts/testdata/fixture.vectors.json"},
}

// TestShippedFilesAreCurrent makes go test ./... itself the drift gate:
// every generated file checked in must be what gen makes of its YAML. The
// fix is go generate ./...
func TestShippedFilesAreCurrent(t *testing.T) {
	const root = "../../.."
	for _, o := range shipped {
		reg, err := spec.Load(filepath.Join(root, o.In), false)
		if err != nil {
			t.Fatal(err)
		}
		reg.File = o.In
		files, err := Files(reg, o)
		if err != nil {
			t.Fatal(err)
		}
		if len(files) != 4 && o.Markdown != "" || len(files) != 3 && o.Markdown == "" {
			t.Fatalf("%s: %d files", o.In, len(files))
		}
		for _, f := range files {
			old, err := os.ReadFile(filepath.Join(root, f.Path))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(old, f.Data) {
				t.Errorf("%s is stale: run go generate ./...\n%s", f.Path, output.Diff(f.Path, old, f.Data, f.Packed))
			}
			// An editor that trims white space on save must not change
			// what a generated file means: no line may end in any.
			for i, line := range bytes.Split(f.Data, []byte("\n")) {
				if len(bytes.TrimRight(line, " \t")) != len(line) {
					t.Errorf("%s:%d ends in white space", f.Path, i+1)
				}
			}
		}
	}
}
