package providersgen_test

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/providersgen"
)

// TestNoInitWork re-runs this test binary with GODEBUG=inittrace=1: the
// runtime then prints a line for every package whose initialization runs
// code. The registry is a static composite literal, so providersgen must
// have no such line, or one with no allocations.
func TestNoInitWork(t *testing.T) {
	if os.Getenv("PROVIDERSGEN_INITTRACE_CHILD") == "1" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoInitWork$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "PROVIDERSGEN_INITTRACE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "init ") {
		t.Fatalf("inittrace printed nothing; is GODEBUG=inittrace=1 supported?\n%s", out)
	}
	line := regexp.MustCompile(`(?m)^init github.com/molecule-ai/providers/(providersgen|resolver) .*$`)
	for _, l := range line.FindAllString(string(out), -1) {
		if !strings.Contains(l, " 0 bytes, 0 allocs") {
			t.Errorf("init work: %s", l)
		}
	}
}

// TestRegistryIsUsable guards the statically initialized value itself.
func TestRegistryIsUsable(t *testing.T) {
	if !providersgen.Registry.IsPlatform(providersgen.ProviderPlatform) {
		t.Fatal("Registry does not know the platform provider")
	}
	if len(providersgen.SourceSHA256) != 64 {
		t.Fatalf("SourceSHA256 = %q", providersgen.SourceSHA256)
	}
}
