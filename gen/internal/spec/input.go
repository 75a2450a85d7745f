package spec

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"

	"github.com/molecule-ai/providers/gen/internal/secrets"
	"github.com/molecule-ai/providers/resolver"
)

// MaxInput is the largest providers.yaml accepted, checked before parsing.
const MaxInput = 16 << 20

// Load reads, validates and compiles the providers.yaml at path. Bad input
// is an *InputError listing every problem; with strict, warnings are too.
func Load(path string, strict bool) (*Registry, error) {
	data, err := ReadInput(path)
	if err != nil {
		return nil, err
	}
	return Compile(path, data, strict)
}

// ReadInput reads path, refusing a file over MaxInput before reading it
// all: that is an *InputError like any other bad input.
func ReadInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Sized from the file's size (for a regular file), as os.ReadFile is:
	// io.ReadAll would grow its buffer to up to twice the input.
	var b bytes.Buffer
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		b.Grow(int(min(fi.Size(), MaxInput+1)) + bytes.MinRead)
	}
	if _, err := b.ReadFrom(io.LimitReader(f, MaxInput+1)); err != nil {
		return nil, err
	}
	data := b.Bytes()
	if len(data) > MaxInput {
		return nil, &InputError{File: path, Diags: []Diag{{Pos: Pos{1, 1}, Msg: tooLarge}}}
	}
	return data, nil
}

// check runs the checks of Compile and returns the doc, or nil when the
// YAML could not be read, and every problem found. The stages that do not
// depend on each other run at once (the raw credential scan beside the
// parse, the schema beside the scan of the tree's scalars), each into its
// own list, and the lists are joined in a fixed order, so the problems are
// the same as in one pass. Decode comes last of the stages that read the
// tree, since it consumes it, and the rules read only the doc.
func check(data []byte) (*doc, *diags) {
	var ds, secretDs, schemaDs, rulesDs diags
	var scan, schema sync.WaitGroup
	var raw []secrets.Finding
	// The input as text: the one copy that the scan, the tree's strings
	// and everything after read, so that data can be collected.
	var text string
	if len(data) <= MaxInput {
		text = string(data)
		scan.Go(func() { raw = secrets.Scan(text) })
	}
	root := parseText(data, text, &ds)
	if root != nil {
		schema.Go(func() { validateSchema(root, &schemaDs) })
	}
	scan.Wait()
	scanSecrets(text, raw, root, &secretDs)
	schema.Wait()
	var d *doc
	if root != nil {
		d = decode(root)
		checkRules(d, &rulesDs)
	}
	ds.list = slices.Concat(ds.list, secretDs.list, schemaDs.list, rulesDs.list)
	return d, &ds
}

var tooLarge = fmt.Sprintf("file is larger than the %d MiB limit", MaxInput>>20)

// Compile is Load for bytes already read; name is used in messages. It runs
// the whole front end: parse (YAML nodes with positions), the credential
// scan, the JSON Schema, the rules, and then builds the model and its
// tables.
func Compile(name string, data []byte, strict bool) (*Registry, error) {
	sum := sha256.Sum256(data)
	d, ds := check(data)
	errs, warns := ds.errors(), ds.warnings()
	if strict {
		// -strict: the warnings are errors, and say so.
		errs = slices.Clone(ds.sorted())
		for i := range errs {
			if errs[i].Warning {
				errs[i].Warning = false
				errs[i].Msg += " (an error under -strict)"
			}
		}
	}
	if len(errs) > 0 {
		return nil, &InputError{File: name, Diags: errs}
	}
	r := newRegistry(d)
	t, err := buildTables(r)
	if err != nil {
		return nil, &InputError{File: name, Diags: []Diag{{Pos: Pos{1, 1}, Msg: err.Error()}}}
	}
	r.File, r.SHA256, r.Warnings = name, hex.EncodeToString(sum[:]), warns
	r.Tables, r.Resolver = t, resolver.New(t)
	return r, nil
}
