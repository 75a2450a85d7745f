package main

import (
	"errors"
	"fmt"
	"io"
)

// output is one file that gen writes or, with -check, compares.
type output struct {
	path    string
	data    []byte
	summary string // what it holds, for the status line
	packed  bool   // the Go tables: shorten their long lines in diffs
}

// outputs makes every file g asks for, in memory, before any is written or
// compared: the Go tables (-out), the JSON registry (-json), the test
// vectors (-vectors) and the catalogue page (-markdown).
func (g genFlags) outputs(reg *Registry) ([]output, error) {
	summary := fmt.Sprintf("%d providers, %d runtimes, %d models, %d spellings", len(reg.Tables.Providers), len(reg.Tables.Runtimes), reg.Tables.NumModels, reg.Spellings)
	var outs []output
	if g.out != "" {
		src, err := Generate(reg, g.pkg)
		if err != nil {
			return nil, err
		}
		outs = append(outs, output{path: g.out, data: src, summary: summary, packed: true})
	}
	if g.json != "" {
		data, err := RegistryJSON(reg)
		if err != nil {
			return nil, err
		}
		outs = append(outs, output{path: g.json, data: data, summary: summary})
	}
	if g.vectors != "" {
		data, err := Vectors(reg)
		if err != nil {
			return nil, err
		}
		outs = append(outs, output{path: g.vectors, data: data, summary: fmt.Sprintf("%d test vectors", len(vectorCases(reg)))})
	}
	if g.markdown != "" {
		outs = append(outs, output{path: g.markdown, data: Catalogue(reg), summary: summary})
	}
	return outs, nil
}

// checkOutputs compares every output with its file, writing nothing; it
// reports each stale or missing file, not just the first.
func checkOutputs(g genFlags, outs []output, stdout, stderr io.Writer) error {
	var stale error
	for _, o := range outs {
		switch err := checkOutput(g, o, stdout, stderr); {
		case errors.Is(err, errChanged):
			stale = err
		case err != nil:
			return err
		}
	}
	if stale != nil {
		fmt.Fprintf(stderr, "gen: regenerate with:\n\t%s\n", g.fixCommand())
	}
	return stale
}

// writeOutputs writes each output that changed, atomically.
func writeOutputs(outs []output, stdout io.Writer) error {
	for _, o := range outs {
		changed, err := writeIfChanged(o.path, o.data)
		if err != nil {
			return err
		}
		state := "unchanged"
		if changed {
			state = "written"
		}
		fmt.Fprintf(stdout, "%s: %s (%s)\n", o.path, state, o.summary)
	}
	return nil
}
