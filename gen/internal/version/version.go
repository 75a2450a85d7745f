// Package version says which release of the generator is running, from the
// build information the go command records in every binary: the version of
// the module that holds the gen package, which is the version go.mod
// requires when gen is a tool of another module, or "(devel)" and the
// commit when gen is built from a checkout of this one.
package version

import (
	"runtime/debug"
	"strings"
)

// Module is the module that holds the generator.
const Module = "github.com/molecule-ai/providers"

// String returns the running generator's version line.
func String() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "gen (unknown version: built without module information)"
	}
	return Of(bi)
}

// Of returns the version line of a gen binary with build information bi,
// such as "gen v0.1.0 (github.com/molecule-ai/providers)". The module is
// the main module when gen is built from this repository, and a dependency
// when it is built as a tool of another module (go tool gen).
func Of(bi *debug.BuildInfo) string {
	m := &bi.Main
	for _, d := range bi.Deps {
		if contains(d.Path, bi.Path) && !contains(m.Path, bi.Path) {
			m = d
		}
	}
	v := m.Version
	if v == "" || v == "(devel)" {
		v = "(devel)" + vcs(bi.Settings)
	}
	if r := m.Replace; r != nil {
		// A directory replacement has no version ("(devel)").
		v += " (replaced by " + strings.TrimSpace(r.Path+" "+strings.TrimPrefix(r.Version, "(devel)")) + ")"
	}
	return "gen " + v + " (" + m.Path + ")"
}

// contains reports whether the module at path mod holds the package pkg.
func contains(mod, pkg string) bool {
	return mod != "" && (pkg == mod || strings.HasPrefix(pkg, mod+"/"))
}

// vcs describes the commit a development build was built from, when the
// go command recorded it (not under -buildvcs=false, nor by go run).
func vcs(settings []debug.BuildSetting) string {
	var rev, modified string
	for _, s := range settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return ""
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += ", modified"
	}
	return " " + rev
}
