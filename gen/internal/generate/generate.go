// Package generate is gen's main job as a library: load providers.yaml,
// render every output asked for in memory (the Go tables, the JSON
// registry, the test vectors, the Markdown catalogue), then write them or,
// with Check, compare them with what is on disk. Rendering never touches the
// disk, so a bad input writes nothing.
package generate

import (
	"errors"
	"fmt"
	"io"

	"github.com/molecule-ai/providers/gen/internal/artifact"
	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/gengo"
	"github.com/molecule-ai/providers/gen/internal/output"
	"github.com/molecule-ai/providers/gen/internal/spec"
)

// Options are gen's flags.
type Options struct {
	In       string // the registry
	Out      string // the Go file; "" for none
	Pkg      string // its package name
	JSON     string // the JSON registry; "" for none
	Vectors  string // the test vectors; "" for none
	Markdown string // the catalogue page; "" for none
	Strict   bool   // warnings are errors
	Check    bool   // compare instead of writing
	Fix      string // the command that regenerates, printed when Check finds a stale file
}

// Run checks the output paths (output.Validate), loads o.In, prints its
// warnings, renders the outputs and writes or checks them. It reports
// whether Check found a stale or missing file. Bad input is a
// *spec.InputError, a refused output path an *output.UsageError, and
// nothing is written; a write that fails is an *output.WriteError.
func Run(o Options, stdout, stderr io.Writer) (stale bool, err error) {
	if err := output.Validate(o.In, o.Targets()); err != nil {
		return false, err
	}
	reg, err := spec.Load(o.In, o.Strict)
	if ie, ok := errors.AsType[*spec.InputError](err); ok {
		ie.File = output.DisplayPath(ie.File)
	}
	if err != nil {
		return false, err
	}
	reg.File = output.DisplayPath(reg.File)
	if len(reg.Warnings) > 0 {
		fmt.Fprintln(stderr, (&spec.InputError{File: reg.File, Diags: reg.Warnings}).Error())
	}
	files, err := Files(reg, o)
	if err != nil {
		return false, err
	}
	if !o.Check {
		return false, output.Write(files, stdout)
	}
	stale, err = output.Check(files, o.In, stdout, stderr)
	if stale && err == nil {
		fmt.Fprintf(stderr, "gen: regenerate with:\n\t%s\n", o.Fix)
	}
	return stale, err
}

// Targets returns the outputs o asks for, with their flags.
func (o Options) Targets() []output.Target {
	var out []output.Target
	for _, t := range []output.Target{{Flag: "-out", Path: o.Out}, {Flag: "-json", Path: o.JSON}, {Flag: "-vectors", Path: o.Vectors}, {Flag: "-markdown", Path: o.Markdown}} {
		if t.Path != "" {
			out = append(out, t)
		}
	}
	return out
}

// Files renders, in memory, every file o asks for.
func Files(reg *spec.Registry, o Options) ([]output.File, error) {
	summary := fmt.Sprintf("%d providers, %d runtimes, %d models, %d spellings", len(reg.Providers), len(reg.Runtimes), len(reg.Models), reg.NumSpellings())
	var files []output.File
	add := func(path string, render func() ([]byte, error), summary string, packed bool) error {
		if path == "" {
			return nil
		}
		data, err := render()
		if err != nil {
			return err
		}
		files = append(files, output.File{Path: path, Data: data, Summary: summary, Packed: packed})
		return nil
	}
	vectors := ""
	if o.Vectors != "" {
		vectors = fmt.Sprintf("%d test vectors", len(artifact.VectorCases(reg)))
	}
	for _, err := range []error{
		add(o.Out, func() ([]byte, error) { return gengo.Generate(reg, o.Pkg) }, summary, true),
		add(o.JSON, func() ([]byte, error) { return artifact.RegistryJSON(reg) }, summary, false),
		add(o.Vectors, func() ([]byte, error) { return artifact.Vectors(reg) }, vectors, false),
		add(o.Markdown, func() ([]byte, error) { return catalogue.Markdown(reg) }, summary, false),
	} {
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}
