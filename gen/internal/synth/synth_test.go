package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type file struct {
	Providers []struct {
		ID       string   `yaml:"id"`
		Platform bool     `yaml:"platform"`
		AuthEnv  []string `yaml:"auth_env"`
	} `yaml:"providers"`
	Runtimes []struct {
		ID       string `yaml:"id"`
		Governed *bool  `yaml:"governed"`
	} `yaml:"runtimes"`
	Models []struct {
		ID       string   `yaml:"id"`
		Aliases  []string `yaml:"aliases"`
		Legacy   []string `yaml:"legacy_ids"`
		ServedBy []struct {
			Provider string   `yaml:"provider"`
			Runtimes []string `yaml:"runtimes"`
		} `yaml:"served_by"`
	} `yaml:"models"`
}

func synth(t *testing.T, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	if !bytes.Equal(synth(t, 500), synth(t, 500)) {
		t.Fatal("two registries of 500 models differ")
	}
}

// TestShape checks the mix the benchmarks rely on.
func TestShape(t *testing.T) {
	const n = 2100
	var f file
	if err := yaml.Unmarshal(synth(t, n), &f); err != nil {
		t.Fatal(err)
	}
	platform, byok := 0, 0
	for _, p := range f.Providers {
		if p.Platform {
			platform++
		} else {
			byok++
		}
	}
	governed, ungoverned := 0, 0
	for _, r := range f.Runtimes {
		if r.Governed == nil || *r.Governed {
			governed++
		} else {
			ungoverned++
		}
	}
	if platform != 1 || byok != 40 || governed != 8 || ungoverned != 2 {
		t.Errorf("%d platform and %d byok providers, %d governed and %d ungoverned runtimes; want 1, 40, 8, 2", platform, byok, governed, ungoverned)
	}
	if len(f.Models) != n {
		t.Fatalf("%d models, want %d", len(f.Models), n)
	}
	aliases, legacy, twoByok, onPlatform := 0, 0, 0, 0
	for _, m := range f.Models {
		aliases += len(m.Aliases)
		legacy += len(m.Legacy)
		vendors := 0
		for _, s := range m.ServedBy {
			if s.Provider == "platform" {
				onPlatform++
			} else {
				vendors++
			}
		}
		if vendors == 2 {
			twoByok++
		}
	}
	if aliases != n/5 || legacy != n/7 || twoByok != n/3 || onPlatform != n/3 {
		t.Errorf("%d aliases, %d legacy ids, %d models with two byok providers, %d on the platform; want %d, %d, %d, %d", aliases, legacy, twoByok, onPlatform, n/5, n/7, n/3, n/3)
	}
}

// TestGenAccepts runs the generator on a synthetic registry with -strict:
// it must be valid, without warnings, at a size where every provider and
// runtime is in use.
func TestGenAccepts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the generator")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "providers.yaml")
	if err := os.WriteFile(in, synth(t, 300), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gobin, "run", "github.com/molecule-ai/providers/gen", "-strict", "-in", in, "-out", filepath.Join(dir, "synth_gen.go"), "-pkg", "synthgen")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("gen rejected the synthetic registry: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "300 models") {
		t.Errorf("gen said %q", out)
	}
}
