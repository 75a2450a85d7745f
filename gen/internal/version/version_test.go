package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestOf(t *testing.T) {
	const gen = Module + "/gen"
	dep := func(path, v string) *debug.Module { return &debug.Module{Path: path, Version: v} }
	for _, c := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{{
		name: "a tool of another module (go tool gen)",
		bi: debug.BuildInfo{Path: gen, Main: debug.Module{Path: "example.com/consumer", Version: "(devel)"},
			Deps: []*debug.Module{dep("github.com/dave/jennifer", "v1.7.1"), dep(Module, "v0.1.0")}},
		want: "gen v0.1.0 (github.com/molecule-ai/providers)",
	}, {
		name: "go install github.com/molecule-ai/providers/gen@v0.2.0",
		bi:   debug.BuildInfo{Path: gen, Main: debug.Module{Path: Module, Version: "v0.2.0"}},
		want: "gen v0.2.0 (github.com/molecule-ai/providers)",
	}, {
		name: "a checkout, with the commit",
		bi: debug.BuildInfo{Path: gen, Main: debug.Module{Path: Module, Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "894ba4e0a1b2c3d4e5f60718293a4b5c6d7e8f90"}, {Key: "vcs.modified", Value: "true"}}},
		want: "gen (devel) 894ba4e0a1b2, modified (github.com/molecule-ai/providers)",
	}, {
		name: "a checkout, without VCS information (go run, -buildvcs=false)",
		bi:   debug.BuildInfo{Path: gen, Main: debug.Module{Path: Module, Version: "(devel)"}},
		want: "gen (devel) (github.com/molecule-ai/providers)",
	}, {
		name: "the tests of this module",
		bi:   debug.BuildInfo{Path: gen + ".test", Main: debug.Module{Path: Module}},
		want: "gen (devel) (github.com/molecule-ai/providers)",
	}, {
		name: "a tool replaced by a local checkout",
		bi: debug.BuildInfo{Path: gen, Main: debug.Module{Path: "example.com/consumer", Version: "(devel)"},
			Deps: []*debug.Module{{Path: Module, Version: "v0.0.0-00010101000000-000000000000", Replace: &debug.Module{Path: "../providers", Version: "(devel)"}}}},
		want: "gen v0.0.0-00010101000000-000000000000 (replaced by ../providers) (github.com/molecule-ai/providers)",
	}, {
		name: "a tool replaced by a fork's release",
		bi: debug.BuildInfo{Path: gen, Main: debug.Module{Path: "example.com/consumer", Version: "(devel)"},
			Deps: []*debug.Module{{Path: Module, Version: "v0.1.0", Replace: &debug.Module{Path: "example.com/fork", Version: "v0.1.1"}}}},
		want: "gen v0.1.0 (replaced by example.com/fork v0.1.1) (github.com/molecule-ai/providers)",
	}} {
		if got := Of(&c.bi); got != c.want {
			t.Errorf("%s:\ngot  %s\nwant %s", c.name, got, c.want)
		}
	}
}

// TestString is the version of this test binary: built from this module,
// a development build.
func TestString(t *testing.T) {
	if got := String(); !strings.HasPrefix(got, "gen ") || !strings.HasSuffix(got, "("+Module+")") {
		t.Errorf("String() = %q", got)
	}
}
