package secrets

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/secrets/secretstest"
	"github.com/molecule-ai/providers/gen/internal/spec/spectest"
)

func fakeKey(r *rand.Rand, prefix, alphabet string, n int) string {
	return secretstest.Key(r, prefix, alphabet, n)
}

const (
	alnum62   = secretstest.Alnum62
	base64url = secretstest.Base64URL
	hexLower  = secretstest.HexLower
)

func TestCredentialShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		for _, f := range secretstest.Fakes(r) {
			what, key := f.Format, f.Key
			if got, generic := Classify(key); got == "" || generic != f.Generic {
				t.Errorf("round %d: a fake %s credential: %q, generic %v: %s", round, what, got, generic, key)
			}
			// Pasted anywhere on a line, quoted or not, it is found, at
			// its position, and the message does not repeat it.
			for _, line := range []string{
				"    name: " + key + "\n",
				`    name: "key ` + key + `"` + "\n",
				"    auth_env: [" + key + "]\n",
				"# " + key + "\n",
				"    aliases: ['" + key + "']\n",
			} {
				hits := Scan(line)
				if len(hits) != 1 {
					t.Errorf("%s in %q: %d findings, want 1", what, line, len(hits))
					continue
				}
				if want := strings.Index(line, key); hits[0].Off != want {
					t.Errorf("%s in %q: at offset %d, want %d", what, line, hits[0].Off, want)
				}
				if r := Redact(hits[0].Token); hits[0].Echo && strings.Contains(r, key[min(len(key), 8):]) {
					t.Errorf("%s: the redacted token repeats the key: %s", what, r)
				}
			}
		}
	}
}

// innocent are strings a registry is full of: model ids of every vendor,
// env names, names, dates, hashes of things that are not secrets are not
// among them (a 40-character hex hash is flagged on purpose).
var innocent = []string{
	"gpt-4o-mini-2024-07-18",
	"gpt-4.1-nano-2025-04-14",
	"o3-mini-2025-01-31",
	"gpt-5.5",
	"chatgpt-4o-latest",
	"claude-3-5-sonnet-20241022",
	"anthropic/claude-opus-4-7",
	"anthropic:claude-opus-4-7",
	"anthropic.claude-3-5-sonnet-20241022-v2:0",
	"us.anthropic.claude-sonnet-4-20250514-v1:0",
	"claude-sonnet-4@20250514",
	"gemini-2.5-pro-preview-05-06",
	"gemini-2.0-flash-thinking-exp-01-21",
	"models/gemini-1.5-flash-8b-exp-0924",
	"meta-llama/Llama-3.3-70B-Instruct-Turbo",
	"meta-llama/Meta-Llama-3.1-405B-Instruct-FP8",
	"accounts/fireworks/models/llama-v3p1-405b-instruct",
	"accounts/fireworks/models/deepseek-r1-distill-qwen-32b",
	"Qwen/Qwen2.5-Coder-32B-Instruct",
	"Qwen/Qwen3-235B-A22B-Instruct-2507-FP8",
	"deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
	"deepseek/deepseek-chat-v3-0324:free",
	"mistralai/Mixtral-8x22B-Instruct-v0.1",
	"mistral-large-2411",
	"codestral-2501",
	"nousresearch/hermes-3-llama-3.1-405b",
	"NousResearch/Hermes-4-405B-FP8",
	"moonshotai/Kimi-K2-Instruct-0905",
	"kimi-k2-0711-preview",
	"glm-4.5-air",
	"zai-org/GLM-4.6-FP8",
	"MiniMax-M2",
	"MiniMaxAI/MiniMax-M1-80k",
	"x-ai/grok-4-fast:free",
	"huggingface/XiaomiMiMo/MiMo-V2-Flash",
	"XiaomiMiMo/MiMo-V2-Flash:novita",
	"grok-code-fast-1",
	"TheBloke/Mixtral-8x7B-Instruct-v0.1-GGUF",
	"mlx-community/Qwen2.5-Coder-14B-Instruct-4bit",
	"openrouter/auto",
	"DeepSeekCoderV2LiteInstruct",
	"NousResearchHermes3Llama31405B",
	"CLAUDE_CODE_OAUTH_TOKEN",
	"ANTHROPIC_API_KEY",
	"AWS_SECRET_ACCESS_KEY",
	"GOOGLE_APPLICATION_CREDENTIALS",
	"OPENAI_API_KEY",
	"sk-learn",
	"sk-some-very-long-model-name-here",
	"ghp_is_a_prefix_word",
	"xoxb-integration",
	"AKIA-is-an-aws-prefix",
	"hf_transfer",
	"123e4567-e89b-12d3-a456-426614174000",
	"2026-11-28T14:55:00Z",
	"https://api.anthropic.com/v1/messages",
	"https://openrouter.ai/api/v1",
	"schema/providers.schema.json",
	"yaml-language-server:",
	"$schema=schema/providers.schema.json",
	"platform_managed",
	"Molecule AI platform",
	"Kimi for Coding (Moonshot AI)",
	"v1.2.3-rc.4+build.5",
}

func TestInnocentLookAlikes(t *testing.T) {
	for _, s := range innocent {
		if what := Shape(s); what != "" {
			t.Errorf("%q is taken for %s", s, what)
		}
		if hits := Scan("    name: " + s + "\n"); len(hits) > 0 {
			t.Errorf("%q: %+v", s, hits)
		}
	}
}

// TestShippedRegistryHasNoSecrets: nothing in the shipped providers.yaml
// (model ids, aliases, names, comments) is taken for a credential.
func TestShippedRegistryHasNoSecrets(t *testing.T) {
	for _, path := range []string{"../../../providers.yaml", "../../../internal/fixture/fixture.yaml"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range Scan(string(data)) {
			t.Errorf("%s: offset %d: %s", path, h.Off, h.What)
		}
	}
}

func TestRedactAll(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	key := fakeKey(r, "ghp_", alnum62, 36)
	got := RedactAll("token " + key + " here")
	if want := "token ghp_" + key[4:6] + "… here"; got != want {
		t.Errorf("RedactAll = %q, want %q", got, want)
	}
	if s := "no secrets here"; RedactAll(s) != s {
		t.Errorf("RedactAll changed %q", s)
	}
}

// TestRandomTokensDetected: bare random tokens of the lengths API keys
// have are caught without a vendor prefix, nearly always (a random string
// can happen to read like words: "and nearly" is the honest bound).
func TestRandomTokensDetected(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, c := range []struct {
		alphabet string
		n        int
		want     float64 // the least fraction caught
	}{
		{alnum62, 32, 0.99},
		{alnum62, 40, 0.995},
		{base64url, 40, 0.99},
		{base64url, 64, 0.999},
		{hexLower, 32, 1},
		{hexLower, 64, 1},
	} {
		caught := 0
		const samples = 2000
		for range samples {
			if Shape(fakeKey(r, "", c.alphabet, c.n)) != "" {
				caught++
			}
		}
		if got := float64(caught) / samples; got < c.want {
			t.Errorf("%d-character tokens over %.10s…: caught %.2f%%, want at least %.1f%%", c.n, c.alphabet, 100*got, 100*c.want)
		}
	}
}

// TestCatalogueIsNotSecret: no model id or name of a real catalogue (1,534
// of them, gen/testdata/catalogue), alone or prefixed by its provider as
// registries often spell them, is taken for a credential, certain or
// generic: a false positive stops a real user's generation under -strict.
func TestCatalogueIsNotSecret(t *testing.T) {
	rows, err := spectest.Catalogue()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1534 {
		t.Fatalf("%d rows, want 1534", len(rows))
	}
	for _, r := range rows {
		for _, s := range []string{r.Model, r.Name, r.Provider + "/" + r.Model, r.Provider + ":" + r.Model, "    name: " + r.Name + " # " + r.Model} {
			for _, h := range Scan(s) {
				t.Errorf("%s %q: %q is taken for %s (generic %v)", r.Provider, s, h.Token, h.What, h.Generic)
			}
		}
	}
}
