package main

import (
	"bytes"
	"errors"
	"go/parser"
	"go/token"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/molecule-ai/providers/gen/internal/generate"
	"github.com/molecule-ai/providers/gen/internal/output"
)

// releases are the versions of this module that the local proxy of
// TestConsumerModule serves, both made from the working tree; the second
// one's generator writes a different header.
var releases = [2]string{"v0.1.0", "v0.2.0"}

// pseudoVersion is the placeholder version the README's local-checkout
// recipe requires and replaces.
const pseudoVersion = "v0.0.0-00010101000000-000000000000"

// goGenerate is the directive prefix, split so that go generate in this
// repository does not take the consumer's directives for its own.
const goGenerate = "//" + "go:generate"

// consumerExtras are the consumer files the README does not give in full:
// the go run spelling of the directive, and a program that derives from the
// consumer's registry.
var consumerExtras = map[string]string{
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

const demoOutput = `agent "large" []: ok provider=house model=acme/large billing=platform_managed/derived
agent " acme:large " []: ok provider=house model=acme/large billing=platform_managed/derived
agent "acme-large" [RELAY_API_KEY]: ok provider=relay model=acme-large billing=byok/derived
agent "acme-large" [RELAY_API_KEY ACME_API_KEY]: ok provider=acme model=acme-large billing=byok/derived
agent "acme-large" []: several providers serve the model and no auth env chooses one provider= model=acme-large billing=byok/derived
batch "acme-large" []: ok provider=acme model=acme-large billing=byok/derived
batch "large" []: model is not served on this runtime provider= model=acme/large billing=platform_managed/model
sandbox "anything" []: runtime is not governed by the registry provider= model= billing=platform_managed/default
platform: true false
models on batch: [acme-large]
`

// TestConsumerModule runs the consumer recipe of the README verbatim (the
// blocks marked <!-- consumer: NAME -->) in throwaway modules, the way a
// user gets this module: through a module proxy. A local file-based proxy
// serves this working tree as two releases, ahead of the usual proxy
// (GOPROXY) for every other module; the consumers have a module cache of
// their own, so nothing comes from this machine's. The release consumer
// pins the first release, generates, builds and gates, then upgrades to the
// second and sees the drift gate fail until it regenerates; the
// local-checkout consumer follows the recipe for an untagged checkout.
// Both have a proxy that refuses this module with 403 (as mirrors of
// public modules do) before the usual one: the recipes never ask a proxy
// for this module but at the released versions.
func TestConsumerModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds consumer modules with the go command, downloading their dependencies")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("the README's commands run with sh")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeBlocks(t, filepath.Join(root, "README.md"))
	usual := usualProxy(t, goBin)
	dir := t.TempDir()
	for i, v := range releases {
		publish(t, root, dir, v, i > 0)
	}
	refusing := httptest.NewServer(refusingProxy())
	defer refusing.Close()
	modcache := t.TempDir()
	t.Run("release", func(t *testing.T) {
		// The refusing proxy fails any lookup of another path of this
		// module, such as the package path …/gen taken for a module.
		testRelease(t, newConsumer(t, goBin, "file://"+filepath.ToSlash(dir)+","+refusing.URL+","+usual, modcache), blocks)
	})
	t.Run("local checkout", func(t *testing.T) {
		testLocalCheckout(t, goBin, refusing.URL+","+usual, modcache, root, blocks)
	})
}

// testRelease: pin the first release, generate, build, run, gate; then
// upgrade to the second.
func testRelease(t *testing.T, c *consumer, blocks map[string]string) {
	v1, v2 := releases[0], releases[1]
	c.shBlock(0, blocks["pin"], v1)
	c.writeFiles(blocks, consumerExtras)
	c.wantRequire(v1)
	c.run(0, "mod", "tidy")
	c.wantRequire(v1) // tidy keeps the tool's module
	c.shBlock(0, blocks["generate"], v1)
	checkGenerated(t, c)
	c.run(0, "vet", "./...")
	if out := c.run(0, "run", "./cmd/demo"); out != demoOutput {
		t.Errorf("go run ./cmd/demo:\n%s\nwant:\n%s", out, demoOutput)
	}
	check := c.command(blocks["check"])
	c.sh(0, check, v1)
	c.wantVersion("gen " + v1 + " (" + modulePath + ")")

	// The upgrade: the drift gate fails (exit 1) on the new generator's
	// bytes, naming the fix, until go generate.
	upgrade := commands(blocks["upgrade"])
	if len(upgrade) < 2 || !strings.HasPrefix(upgrade[0], "go get -tool "+modulePath+"/gen@vX.Y.Z") {
		t.Fatalf("README.md's upgrade block does not start with go get -tool ...@vX.Y.Z:\n%s", blocks["upgrade"])
	}
	c.sh(0, upgrade[0], v2)
	c.wantRequire(v2)
	out := c.sh(1, check, v2)
	for _, want := range []string{
		"gen: registry/providers_gen.go is stale",
		"+// Code generated by " + modulePath + "/gen " + v2 + " from providers.yaml. DO NOT EDIT.",
		"go run " + modulePath + "/gen -in providers.yaml -out registry/providers_gen.go -pkg registry",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the drift gate after the upgrade lacks %q:\n%s", want, out)
		}
	}
	for _, cmd := range upgrade[1:] {
		c.sh(0, cmd, v2)
	}
	c.sh(0, check, v2)
	c.wantVersion("gen " + v2 + " (" + modulePath + ")")
	checkArtifacts(t, c, blocks["providers.yaml"])
}

// checkGenerated: both spellings of the directive generate the same code,
// which imports only the resolver and holds no absolute path.
func checkGenerated(t *testing.T, c *consumer) {
	gen1 := readFile(t, filepath.Join(c.dir, "registry", "providers_gen.go"))
	gen2 := readFile(t, filepath.Join(c.dir, "registry2", "providers_gen.go"))
	if !bytes.Equal(bytes.Replace(gen2, []byte("\npackage registry2\n"), []byte("\npackage registry\n"), 1), gen1) {
		t.Errorf("go tool gen and go run .../gen generate different code:\n%s", output.Diff("providers_gen.go", gen1, gen2, true))
	}
	f, err := parser.ParseFile(token.NewFileSet(), "providers_gen.go", gen1, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var imports []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		imports = append(imports, p)
	}
	if len(imports) != 1 || imports[0] != modulePath+"/resolver" {
		t.Errorf("the generated package imports %q; want only the resolver", imports)
	}
	if bytes.Contains(gen1, []byte(c.dir)) {
		t.Error("the generated file holds an absolute path")
	}
}

// checkArtifacts: the drift gate covers the JSON artifact, the vectors and
// the catalogue too, and fails on each once providers.yaml changes.
func checkArtifacts(t *testing.T, c *consumer, registry string) {
	c.run(0, "tool", "gen", "-in", "providers.yaml", "-out", "", "-json", "registry.json", "-vectors", "vectors.json", "-markdown", "PROVIDERS.md")
	gate := []string{"tool", "gen", "-check", "-in", "providers.yaml", "-out", "registry/providers_gen.go", "-pkg", "registry", "-json", "registry.json", "-vectors", "vectors.json", "-markdown", "PROVIDERS.md"}
	c.run(0, gate...)
	edited := strings.Replace(registry, "name: Acme AI", "name: Acme AI (direct)", 1)
	if err := os.WriteFile(filepath.Join(c.dir, "providers.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out := c.run(1, gate...)
	for _, want := range []string{
		"registry/providers_gen.go is stale", "registry.json is stale", "vectors.json is stale", "PROVIDERS.md is stale",
		"go run " + modulePath + "/gen -in providers.yaml -out registry/providers_gen.go -pkg registry -json registry.json -vectors vectors.json -markdown PROVIDERS.md",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stale -check output lacks %q:\n%s", want, out)
		}
	}
}

// testLocalCheckout: the README's recipe for an untagged checkout works
// behind a proxy that refuses this module with 403, where the former
// recipe (go get -tool ...@pseudo-version after a replace) failed.
func testLocalCheckout(t *testing.T, goBin, proxy, modcache, root string, blocks map[string]string) {
	old := newConsumer(t, goBin, proxy, modcache)
	old.run(0, "mod", "edit", "-replace="+modulePath+"="+root)
	if out := old.run(1, "get", "-tool", modulePath+"/gen@"+pseudoVersion); !strings.Contains(out, "403 Forbidden") {
		t.Errorf("the former recipe failed, but not on the proxy's 403:\n%s", out)
	}

	c := newConsumer(t, goBin, proxy, modcache)
	c.writeFiles(blocks, nil)
	c.shBlock(0, blocks["local"], "")
	c.wantRequire(pseudoVersion)
	c.wantGoMod(`(?m)^tool github\.com/molecule-ai/providers/gen$`)
	c.shBlock(0, blocks["generate"], "")
	c.sh(0, c.command(blocks["check"]), "")
	c.wantVersion("gen " + pseudoVersion + " (replaced by " + root + ") (" + modulePath + ")")
}

// consumer is a throwaway consumer module and the environment of its go
// commands.
type consumer struct {
	t     *testing.T
	goBin string
	dir   string
	env   []string
	root  string // this checkout, for the README's /path/to/providers
}

func newConsumer(t *testing.T, goBin, proxy, modcache string) *consumer {
	root, _ := filepath.Abs("..")
	c := &consumer{t: t, goBin: goBin, dir: t.TempDir(), root: root}
	c.env = append(os.Environ(),
		"GOPROXY="+proxy, "GOMODCACHE="+modcache,
		// No checksum database knows a module served from a working tree;
		// every other module is checked against it, through the proxy.
		"GONOSUMDB="+modulePath, "GOPRIVATE=", "GONOPROXY=", "GONOSUMCHECK=", "GOINSECURE=",
		"GOFLAGS=-modcacherw", // so that the test can remove its module cache
		"GOWORK=off", "GOTOOLCHAIN=local",
		"GOPACKAGE=", "GOFILE=", "GOLINE=", // in case the test itself runs under go generate
	)
	c.run(0, "mod", "init", "example.com/consumer")
	return c
}

// run runs the go command and wants exit status want.
func (c *consumer) run(want int, args ...string) string {
	c.t.Helper()
	return c.exec(want, c.goBin, args...)
}

// sh runs one command of the README with sh, vX.Y.Z standing for version
// and /path/to/providers for this checkout, and wants exit status want.
func (c *consumer) sh(want int, cmd, version string) string {
	c.t.Helper()
	cmd = strings.ReplaceAll(cmd, "/path/to/providers", generate.ShellQuote(c.root))
	if version != "" {
		cmd = strings.ReplaceAll(cmd, "@vX.Y.Z", "@"+version)
	}
	return c.exec(want, "sh", "-c", cmd)
}

// shBlock runs each command of a README block in turn.
func (c *consumer) shBlock(want int, block, version string) {
	c.t.Helper()
	for _, cmd := range commands(block) {
		c.sh(want, cmd, version)
	}
}

func (c *consumer) exec(want int, name string, args ...string) string {
	c.t.Helper()
	t0 := time.Now()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = c.dir, c.env
	var out, stderr bytes.Buffer
	both := &syncWriter{w: &out}
	cmd.Stdout, cmd.Stderr = both, io.MultiWriter(both, &stderr)
	err := cmd.Run()
	code := 0
	if ee, ok := errors.AsType[*exec.ExitError](err); ok {
		code = ee.ExitCode()
	} else if err != nil {
		c.t.Fatal(err)
	}
	c.t.Logf("%s %s: exit %d (%.1fs)", name, strings.Join(args, " "), code, time.Since(t0).Seconds())
	if code != want {
		c.t.Fatalf("%s %s in %s: exit %d, want %d\n%s", name, strings.Join(args, " "), c.dir, code, want, out.String())
	}
	// The README's registry is an example to copy: it must compile clean,
	// so the generator never warns about it, whichever command runs it.
	if w := genWarning.FindAll(stderr.Bytes(), -1); len(w) > 0 {
		c.t.Errorf("%s %s: the generator warned on stderr:\n%s", name, strings.Join(args, " "), bytes.Join(w, []byte("\n")))
	}
	return out.String()
}

// genWarning matches a warning of the generator: FILE:LINE:COL: warning: ...
var genWarning = regexp.MustCompile(`(?m)^\S+:\d+:\d+: warning: .*$`)

// syncWriter serializes the writes of a command's stdout and stderr, which
// exec copies in two goroutines when they are not the same writer.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// command returns the one command of a README block.
func (c *consumer) command(block string) string {
	c.t.Helper()
	cmds := commands(block)
	if len(cmds) != 1 {
		c.t.Fatalf("want one command in README.md's block, got %q", cmds)
	}
	return cmds[0]
}

// writeFiles writes the README's registry and package doc, and extras.
func (c *consumer) writeFiles(blocks, extras map[string]string) {
	c.t.Helper()
	files := map[string]string{"providers.yaml": blocks["providers.yaml"], "registry/doc.go": blocks["registry/doc.go"]}
	for name, text := range extras {
		files[name] = text
	}
	for name, text := range files {
		path := filepath.Join(c.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			c.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			c.t.Fatal(err)
		}
	}
}

// wantRequire wants go.mod to require this module at version v.
func (c *consumer) wantRequire(v string) {
	c.t.Helper()
	c.wantGoMod(`(?m)^(require )?\s*github\.com/molecule-ai/providers ` + regexp.QuoteMeta(v) + `( // indirect)?$`)
}

// wantGoMod wants go.mod to match a regular expression.
func (c *consumer) wantGoMod(re string) {
	c.t.Helper()
	if mod := readFile(c.t, filepath.Join(c.dir, "go.mod")); !regexp.MustCompile(re).Match(mod) {
		c.t.Fatalf("go.mod does not match %s:\n%s", re, mod)
	}
}

// wantVersion wants go tool gen -version to print want.
func (c *consumer) wantVersion(want string) {
	c.t.Helper()
	if got := strings.TrimSpace(c.run(0, "tool", "gen", "-version")); got != want {
		c.t.Errorf("go tool gen -version = %q, want %q", got, want)
	}
}

// readmeBlocks returns the README's code blocks marked
// <!-- consumer: NAME -->, by name, and fails when one is missing.
func readmeBlocks(t *testing.T, path string) map[string]string {
	t.Helper()
	readme := readFile(t, path)
	blocks := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)<!-- consumer: (\\S+) -->\n```\\w*\n(.*?)```").FindAllSubmatch(readme, -1) {
		blocks[string(m[1])] = string(m[2])
	}
	for _, name := range []string{"pin", "providers.yaml", "registry/doc.go", "generate", "check", "upgrade", "local"} {
		if blocks[name] == "" {
			t.Fatalf("README.md has no code block marked <!-- consumer: %s -->", name)
		}
	}
	return blocks
}

// commands returns the commands of a shell block, one per line, with
// backslash continuations joined and blank lines left out.
func commands(block string) []string {
	var out []string
	for line := range strings.SplitSeq(strings.ReplaceAll(block, "\\\n", ""), "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	return out
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
