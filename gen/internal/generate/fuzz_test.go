package generate_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/molecule-ai/providers/gen/internal/artifact"
	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/delta"
	"github.com/molecule-ai/providers/gen/internal/explain"
	"github.com/molecule-ai/providers/gen/internal/gengo"
	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/gen/internal/spec/spectest"
	"github.com/molecule-ai/providers/resolver"
)

// hostileRegistry is a registry whose display names, and whose file name,
// are the fuzzer's.
func hostileRegistry(provider, runtime, model string) []byte {
	return []byte(`version: 1
providers:
  - id: platform
    platform: true
    name: ` + spectest.Quote(provider) + `
  - id: vendor
    auth_env: [VENDOR_KEY]
    name: ` + spectest.Quote(model) + `
runtimes:
  - id: claude-code
    name: ` + spectest.Quote(runtime) + `
models:
  - id: vendor/model
    name: ` + spectest.Quote(model) + `
    served_by:
      - provider: vendor
        runtimes: [claude-code]
  - id: plat
    name: ` + spectest.Quote(provider+runtime) + `
    served_by:
      - provider: platform
        runtimes: [claude-code]
`)
}

// plainRegistry is hostileRegistry with plain names, the base of a delta
// that renames every name.
var plainRegistry = hostileRegistry("Platform", "Claude Code", "Model")

// FuzzHostileNames feeds hostile display names and file names through every
// text output: the Go source, the JSON registry and vectors, PROVIDERS.md,
// the delta (Markdown and JSON, with every name renamed), gen explain, and
// the problems of a refused input. None may carry a control or formatting
// character (bidi overrides, zero-width characters, line separators) or
// invalid UTF-8 through, and no Markdown output an unescaped '<'.
//
//	go test ./gen/internal/generate -run='^$' -fuzz=FuzzHostileNames -fuzztime=2m -parallel=1
func FuzzHostileNames(f *testing.F) {
	for _, s := range [][4]string{
		{"Anthropic \u202egnp.exe", "Claude\x00Code", "Opus\u2028next", "providers.yaml"},
		{"\x1b]8;;https://evil.example\x1b\\Docs\x1b]8;;\x1b\\", "\x1b[2J\x1b[H", "a\u200bb\ufeff", "p\n-->.yaml"},
		{"Platform <!-- hide", "<b>bold</b> | cell", "`code` *em* [l](u) & _u_", "\ufeffp.yaml"},
		{"Kimi 月之暗面 (Ω)", "tab\there", "\xff\xfe", "p`x`\xff.yaml"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, provider, runtime, model, file string) {
		if file == "" || strings.ContainsAny(file, "/\x00") {
			file = "providers.yaml"
		}
		start := time.Now()
		defer func() {
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v on names of %d, %d and %d bytes", d, len(provider), len(runtime), len(model))
			}
		}()
		reg, err := spec.Compile(file, hostileRegistry(provider, runtime, model), false)
		if err != nil {
			var ie *spec.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Compile: %T %v", err, err)
			}
			checkInert(t, "the problems", []byte(ie.Error()), false)
			return
		}
		base, err := spec.Compile("base.yaml", plainRegistry, false)
		if err != nil {
			t.Fatal(err)
		}
		outputs := map[string][]byte{}
		add := func(name string) func([]byte, error) {
			return func(data []byte, err error) {
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				outputs[name] = data
			}
		}
		add("PROVIDERS.md")(catalogue.Markdown(reg))
		add("providers_gen.go")(gengo.Generate(reg, "p"))
		add("registry.json")(artifact.RegistryJSON(reg))
		add("vectors.json")(artifact.Vectors(reg))
		d := delta.Compute(base, reg)
		add("delta.md")(d.Markdown())
		add("delta.json")(d.JSON())
		var ex bytes.Buffer
		explain.Write(&ex, reg, explain.Case{Runtime: runtime, Model: model, Env: []string{provider}, Secrets: []resolver.Secret{{Name: runtime, PlatformScope: true}}})
		explain.Write(&ex, reg, explain.Case{Runtime: "claude-code", Model: "vendor/model", Env: []string{"VENDOR_KEY"}})
		outputs["explain"] = ex.Bytes()
		for name, data := range outputs {
			checkInert(t, name, data, strings.HasSuffix(name, ".md"))
		}
	})
}

// checkInert fails t when data holds invalid UTF-8 or a character that is
// never shown as itself (inert.Unsafe) other than the line breaks and tabs
// of the output's own layout, or, for Markdown, a '<' beyond the
// generated-file comment that opens the page.
func checkInert(t *testing.T, name string, data []byte, markdown bool) {
	t.Helper()
	if !utf8.Valid(data) {
		t.Fatalf("%s: invalid UTF-8:\n%q", name, data)
	}
	for i, r := range string(data) {
		if r != '\n' && r != '\t' && inert.Unsafe(r) {
			t.Fatalf("%s: %U at byte %d:\n%q", name, r, i, data)
		}
	}
	if markdown {
		body := data
		if bytes.HasPrefix(body, []byte("<!-- Code generated ")) {
			_, body, _ = bytes.Cut(body, []byte("-->"))
		}
		if i := bytes.IndexByte(body, '<'); i >= 0 {
			t.Fatalf("%s: an unescaped '<': %q", name, body[max(0, i-40):min(len(body), i+40)])
		}
	}
}
