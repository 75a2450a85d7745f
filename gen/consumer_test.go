package main

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/molecule-ai/providers/gen/internal/output"
)

// The consumer repository of TestConsumerModule: the setup the README
// documents, with its own registry and its own generated package.
// goGenerate is the directive prefix, split so that go generate in this
// repository does not take the consumer's directives for its own.
const goGenerate = "//" + "go:generate"

var consumerFiles = map[string]string{
	"providers.yaml": `version: 1
providers:
  - id: house
    name: House proxy
    platform: true
  - id: acme
    name: Acme AI
    auth_env: [ACME_API_KEY]
  - id: relay
    name: Relay router
    auth_env: [RELAY_API_KEY]
runtimes:
  - id: agent
  - id: batch
    go_name: BatchJobs
  - id: sandbox
    governed: false
models:
  - id: acme/large
    aliases: [large]
    legacy_ids: ["acme:large"]
    served_by:
      - provider: house
        runtimes: [agent]
  - id: acme-large
    served_by:
      - provider: acme
        runtimes: [agent, batch]
      - provider: relay
        runtimes: [agent]
`,
	// The Go 1.24+ spelling: the generator is a tool of the module.
	"registry/doc.go": `// Package registry is this repository's provider registry, generated from
// ../providers.yaml.
package registry

` + goGenerate + ` go tool gen -in ../providers.yaml -out providers_gen.go -pkg registry
`,
	// The go run spelling, with the package name from $GOPACKAGE.
	"registry2/doc.go": `// Package registry2 is the same registry, generated with go run.
package registry2

` + goGenerate + ` go run github.com/molecule-ai/providers/gen -in ../providers.yaml -out providers_gen.go
`,
	"cmd/demo/main.go": `// Command demo derives from the consumer's own registry.
package main

import (
	"errors"
	"fmt"

	"example.com/consumer/registry"
	"github.com/molecule-ai/providers/resolver"
)

func main() {
	for _, c := range []struct {
		rt    resolver.RuntimeID
		model string
		env   []string
	}{
		{registry.RuntimeAgent, "large", nil},
		{registry.RuntimeAgent, " acme:large ", nil},
		{registry.RuntimeAgent, "acme-large", []string{"RELAY_API_KEY"}},
		{registry.RuntimeAgent, "acme-large", []string{"RELAY_API_KEY", "ACME_API_KEY"}},
		{registry.RuntimeAgent, "acme-large", nil},
		{registry.RuntimeBatchJobs, "acme-large", nil},
		{registry.RuntimeBatchJobs, "large", nil},
		{registry.RuntimeSandbox, "anything", nil},
	} {
		d, err := registry.Registry.Derive(string(c.rt), c.model, c.env)
		b := registry.Registry.ResolveBillingMode(resolver.BillingInput{Runtime: string(c.rt), Model: c.model, AuthEnv: c.env})
		kind := "ok"
		for _, e := range []error{resolver.ErrAmbiguous, resolver.ErrNotOnRuntime, resolver.ErrUngovernedRuntime} {
			if errors.Is(err, e) {
				kind = e.Error()
			}
		}
		fmt.Printf("%s %q %v: %s provider=%s model=%s billing=%s/%s\n", c.rt, c.model, c.env, kind, d.Provider, d.Model, b.Mode, b.Source)
	}
	fmt.Println("platform:", registry.Registry.IsPlatform(registry.ProviderHouse), registry.Registry.IsPlatform(registry.ProviderAcme))
	fmt.Println("models on batch:", registry.Registry.ModelsForRuntime(string(registry.RuntimeBatchJobs)))
}
`,
}

// TestConsumerModule is the consumer setup of the README, end to end: a
// throwaway module that requires this one (through a replace directive),
// pins the generator with a tool directive, generates its own registry with
// go generate in both spellings, builds, vets and runs a program that
// derives from it, and keeps the drift gate. The go commands read modules
// from this machine's module cache first and the configured proxy second:
// a fresh machine has only what building this repository downloaded, and
// the consumer's go mod tidy needs the whole module graph (test
// dependencies of dependencies included).
func TestConsumerModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a consumer module with the go command")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	proxy := goEnv(t, goBin, "GOPROXY")
	cache := "file://" + filepath.ToSlash(filepath.Join(goEnv(t, goBin, "GOMODCACHE"), "cache", "download"))
	env := append(os.Environ(),
		// The cache holds what this repository's build verified; the
		// consumer's go.sum is written from it (and from the proxy for the
		// rest of the graph), without a checksum database on this network.
		"GOWORK=off", "GOTOOLCHAIN=local", "GOPROXY="+cache+","+proxy, "GOSUMDB=off", "GOFLAGS=-mod=readonly",
		"GOPACKAGE=", "GOFILE=", "GOLINE=", // in case the test itself runs under go generate
	)
	start := time.Now()
	run := func(wantOK bool, dir string, args ...string) string {
		t.Helper()
		t0 := time.Now()
		cmd := exec.Command(goBin, args...)
		cmd.Dir, cmd.Env = dir, env
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		t.Logf("go %s (%.1fs)", strings.Join(args, " "), time.Since(t0).Seconds())
		if (err == nil) != wantOK {
			t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out.String())
		}
		return out.String()
	}

	// The README's steps: a module, the dependency and the pinned tool.
	run(true, dir, "mod", "init", "example.com/consumer")
	run(true, dir, "mod", "edit", "-replace=github.com/molecule-ai/providers="+root)
	run(true, dir, "get", "-tool", "github.com/molecule-ai/providers/gen@v0.0.0-00010101000000-000000000000")
	for name, text := range consumerFiles {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(true, dir, "mod", "tidy")
	mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^tool github\.com/molecule-ai/providers/gen$`).Match(mod) {
		t.Fatalf("go mod tidy dropped the tool directive:\n%s", mod)
	}

	// go generate runs each directive in its package's directory: the
	// relative -in and -out resolve there.
	run(true, dir, "generate", "./...")
	gen1 := readFile(t, filepath.Join(dir, "registry", "providers_gen.go"))
	gen2 := readFile(t, filepath.Join(dir, "registry2", "providers_gen.go"))
	if !bytes.Equal(bytes.Replace(gen2, []byte("\npackage registry2\n"), []byte("\npackage registry\n"), 1), gen1) {
		t.Errorf("go tool gen and go run .../gen generate different code:\n%s", output.Diff("providers_gen.go", gen1, gen2, true))
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "providers_gen.go", gen1, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var imports []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		imports = append(imports, p)
	}
	if len(imports) != 1 || imports[0] != "github.com/molecule-ai/providers/resolver" {
		t.Errorf("the generated package imports %q; want only the resolver", imports)
	}
	if bytes.Contains(gen1, []byte(dir)) || bytes.Contains(gen1, []byte(root)) {
		t.Error("the generated file holds an absolute path")
	}

	run(true, dir, "build", "./...")
	run(true, dir, "vet", "./...")
	out := run(true, dir, "run", "./cmd/demo")
	want := `agent "large" []: ok provider=house model=acme/large billing=platform_managed/derived
agent " acme:large " []: ok provider=house model=acme/large billing=platform_managed/derived
agent "acme-large" [RELAY_API_KEY]: ok provider=relay model=acme-large billing=byok/derived
agent "acme-large" [RELAY_API_KEY ACME_API_KEY]: ok provider=acme model=acme-large billing=byok/derived
agent "acme-large" []: ` + "several providers serve the model and no auth env chooses one" + ` provider= model=acme-large billing=byok/derived
batch "acme-large" []: ok provider=acme model=acme-large billing=byok/derived
batch "large" []: model is not served on this runtime provider= model=acme/large billing=platform_managed/default
sandbox "anything" []: runtime is not governed by the registry provider= model= billing=platform_managed/default
platform: true false
models on batch: [acme-large]
`
	if out != want {
		t.Errorf("go run ./cmd/demo:\n%s\nwant:\n%s", out, want)
	}

	// The consumer's drift gate passes, then fails once providers.yaml
	// changes, naming the command that fixes it; other artifacts too.
	check := []string{"tool", "gen", "-check", "-in", "providers.yaml", "-out", "registry/providers_gen.go", "-pkg", "registry"}
	run(true, dir, check...)
	run(true, dir, "tool", "gen", "-in", "providers.yaml", "-out", "", "-json", "registry.json", "-vectors", "vectors.json", "-markdown", "PROVIDERS.md")
	withArtifacts := append(check, "-json", "registry.json", "-vectors", "vectors.json", "-markdown", "PROVIDERS.md")
	run(true, dir, withArtifacts...)
	yml := strings.Replace(consumerFiles["providers.yaml"], "name: Acme AI", "name: Acme AI (direct)", 1)
	if err := os.WriteFile(filepath.Join(dir, "providers.yaml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	out = run(false, dir, withArtifacts...)
	for _, want := range []string{
		"registry/providers_gen.go is stale",
		"registry.json is stale",
		"vectors.json is stale",
		"PROVIDERS.md is stale",
		"go run github.com/molecule-ai/providers/gen -in providers.yaml -out registry/providers_gen.go -pkg registry -json registry.json -vectors vectors.json -markdown PROVIDERS.md",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stale -check output lacks %q:\n%s", want, out)
		}
	}
	t.Logf("consumer module: %.1fs in all", time.Since(start).Seconds())
}

func goEnv(t *testing.T, goBin, name string) string {
	t.Helper()
	out, err := exec.Command(goBin, "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
