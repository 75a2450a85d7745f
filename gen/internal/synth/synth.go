// Command synth writes a synthetic providers.yaml of any size, for measuring
// the generator and the resolver at scale (go run ./bench uses it):
//
//	go run ./gen/internal/synth -models 25000 > /tmp/providers.yaml
//
// The registry is valid (gen accepts it with -strict) and has the shape of a
// large real catalogue: 40 byok providers and a platform provider, 8
// governed and 2 ungoverned runtimes, an alias on every 5th model, a legacy
// spelling on every 7th (and legacy_ids: [] on the others), a third of the
// models served by two byok providers (the auth env decides between them),
// and the platform serving a third; a context window on every 3rd model, a
// price on the first served_by entry of every 8th (with a long-prompt tier
// on every 32nd), and every 20th model deprecated in favour of the one
// before it. The models list is written compactly (its items not
// indented), so that 100,000 models stay under gen's 16 MiB input limit.
// The output depends only on the number of models.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("models", 1000, "number of models")
	out := fs.String("o", "", "write to this file instead of standard output")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "synth: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if err := writeTo(*out, stdout, *n); err != nil {
		fmt.Fprintf(stderr, "synth: %v\n", err)
		return 1
	}
	return 0
}

func writeTo(path string, stdout io.Writer, n int) error {
	if path == "" {
		return Write(stdout, n)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := Write(f, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// byok are the vendor providers, reached with the owner's own key. Each has
// its own auth env names (rule 5 of the registry); a few have two.
var byok = []struct{ id, name, env string }{
	{"anthropic", "Anthropic API", "ANTHROPIC_API_KEY"},
	{"openai", "OpenAI API", "OPENAI_API_KEY"},
	{"google", "Google Gemini API", "GEMINI_API_KEY GOOGLE_API_KEY"},
	{"mistral", "Mistral AI", "MISTRAL_API_KEY"},
	{"deepseek", "DeepSeek", "DEEPSEEK_API_KEY"},
	{"xai", "xAI", "XAI_API_KEY"},
	{"cohere", "Cohere", "COHERE_API_KEY CO_API_KEY"},
	{"ai21", "AI21 Labs", "AI21_API_KEY"},
	{"together", "Together AI", "TOGETHER_API_KEY"},
	{"fireworks", "Fireworks AI", "FIREWORKS_API_KEY"},
	{"groq", "Groq", "GROQ_API_KEY"},
	{"cerebras", "Cerebras", "CEREBRAS_API_KEY"},
	{"perplexity", "Perplexity", "PERPLEXITY_API_KEY PPLX_API_KEY"},
	{"openrouter", "OpenRouter", "OPENROUTER_API_KEY"},
	{"nous", "Nous Research", "HERMES_API_KEY"},
	{"zai", "Z.ai", "GLM_API_KEY"},
	{"moonshot", "Moonshot AI", "MOONSHOT_API_KEY"},
	{"minimax", "MiniMax", "MINIMAX_API_KEY"},
	{"qwen", "Alibaba Qwen", "DASHSCOPE_API_KEY"},
	{"baidu", "Baidu Qianfan", "QIANFAN_API_KEY"},
	{"tencent", "Tencent Hunyuan", "HUNYUAN_API_KEY"},
	{"bytedance", "ByteDance Ark", "ARK_API_KEY"},
	{"yi", "01.AI Yi", "YI_API_KEY"},
	{"reka", "Reka", "REKA_API_KEY"},
	{"writer", "Writer", "WRITER_API_KEY"},
	{"nvidia", "NVIDIA NIM", "NVIDIA_API_KEY"},
	{"ibm", "IBM watsonx", "WATSONX_API_KEY"},
	{"bedrock", "Amazon Bedrock", "AWS_BEARER_TOKEN_BEDROCK"},
	{"azure-openai", "Azure OpenAI", "AZURE_OPENAI_API_KEY"},
	{"vertex", "Google Vertex AI", "VERTEX_API_KEY"},
	{"huggingface", "Hugging Face Inference", "HF_TOKEN"},
	{"replicate", "Replicate", "REPLICATE_API_TOKEN"},
	{"deepinfra", "DeepInfra", "DEEPINFRA_API_KEY"},
	{"lepton", "Lepton AI", "LEPTON_API_KEY"},
	{"novita", "Novita AI", "NOVITA_API_KEY"},
	{"sambanova", "SambaNova", "SAMBANOVA_API_KEY"},
	{"hyperbolic", "Hyperbolic", "HYPERBOLIC_API_KEY"},
	{"lambda", "Lambda Inference", "LAMBDA_API_KEY"},
	{"kilocode", "Kilo Code gateway", "KILOCODE_API_KEY"},
	{"stepfun", "StepFun", "STEPFUN_API_KEY"},
}

var governed = []string{"claude-code", "hermes", "codex", "gemini-cli", "openclaw", "crewai", "autogen", "deepagents"}

var ungoverned = []string{"langgraph", "external"}

// runtimeSets are the runtime lists models are served on, written once each
// with a YAML anchor and referred to by alias afterwards, as a hand-kept
// registry would. Together they cover every governed runtime.
var runtimeSets = [][]string{
	{"claude-code", "hermes", "openclaw", "crewai", "autogen", "deepagents"},
	{"codex", "hermes"},
	{"gemini-cli", "hermes", "crewai"},
	{"hermes", "openclaw", "crewai", "autogen", "deepagents"},
	{"claude-code"},
	{"codex"},
	{"gemini-cli", "codex", "hermes"},
	governed,
}

// platformSet is where the platform's proxy serves its models; platformOff
// is where the same models are reached byok instead (rule 4 lets a model be
// platform-billed on some runtimes and byok on others).
var (
	platformSet = []string{"claude-code", "hermes", "crewai", "autogen"}
	platformOff = []string{"codex", "gemini-cli"}
)

// Name parts of model ids: ids run from about 15 to 50 bytes, like the ids
// of real catalogues.
var (
	families = []string{"chat", "coder", "reasoner", "instruct", "vision", "flash", "pro", "mini", "large", "turbo", "nano", "omni", "sonnet", "haiku", "opus"}
	sizes    = []string{"", "-7b", "-8b", "-32b", "-70b", "-405b", "-a3b", "-1.5", "-2.5", "-4.1", "-mini"}
	variants = []string{"", "-instruct", "-preview", "-latest", "-thinking", "-chat-v2", "-distill-qwen"}
)

// Model returns the canonical id of model i, and the vendor it belongs to.
func modelID(i int) string {
	v := byok[i%len(byok)].id
	f := families[(i/len(byok))%len(families)]
	s := sizes[(i/7)%len(sizes)]
	x := variants[(i/3)%len(variants)]
	return fmt.Sprintf("%s/%s%s%s-%04d", v, f, s, x, i)
}

// Write writes a providers.yaml of n models to w. Every spelling is unique
// because it ends in the model's number.
func Write(w io.Writer, n int) error {
	if n < 1 {
		return errors.New("want at least 1 model")
	}
	b := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(b, "# Synthetic registry of %d models, written by gen/internal/synth.\nversion: 1\n\nproviders:\n", n)
	fmt.Fprintf(b, "  - id: platform\n    name: Molecule AI platform\n    platform: true\n")
	for _, p := range byok {
		fmt.Fprintf(b, "  - id: %s\n    name: %s\n    auth_env: [%s]\n", p.id, p.name, strings.ReplaceAll(p.env, " ", ", "))
	}
	b.WriteString("\nruntimes:\n")
	for _, r := range governed {
		fmt.Fprintf(b, "  - id: %s\n", r)
	}
	for _, r := range ungoverned {
		fmt.Fprintf(b, "  - id: %s\n    governed: false\n", r)
	}
	b.WriteString("\nmodels:\n")

	lists := newAnchors()
	for i := range n {
		id := modelID(i)
		vendor := byok[i%len(byok)].id
		fmt.Fprintf(b, "- id: %s\n", id)
		name := id[strings.IndexByte(id, '/')+1:]
		if i%5 == 0 {
			fmt.Fprintf(b, "  aliases: [%s]\n", name)
		}
		if i%7 == 0 {
			fmt.Fprintf(b, "  legacy_ids: [\"%s:%s\"]\n", vendor, name)
		} else {
			b.WriteString("  legacy_ids: []\n") // none, on purpose: -strict wants it said
		}
		if i%20 == 9 {
			fmt.Fprintf(b, "  status: deprecated\n  deprecated_on: 2026-0%d-1%d\n  replaced_by: %s\n", 1+i%9, i%10, modelID(i-1))
		}
		if i%3 == 0 {
			fmt.Fprintf(b, "  context_window: %d\n", 32000<<(i%6))
		}
		b.WriteString("  served_by:\n")
		// Small registries must still use every provider and runtime set,
		// so the choices cycle fast; the mix by i%3 is a third each.
		set := (i / 3) % len(runtimeSets)
		price := ""
		if i%8 == 0 {
			price = priceField(i)
		}
		switch i % 3 {
		case 0: // two byok vendors, the auth env decides
			other := byok[(i+1+(i/3)%(len(byok)-1))%len(byok)].id
			fmt.Fprintf(b, "  - {provider: %s, runtimes: %s%s}\n", vendor, lists.ref("rs", set, runtimeSets[set]), price)
			fmt.Fprintf(b, "  - {provider: %s, runtimes: %s}\n", other, lists.ref("rs", set, runtimeSets[set]))
		case 1: // the platform's proxy; byok on the runtimes it does not cover
			fmt.Fprintf(b, "  - {provider: platform, runtimes: %s%s}\n", lists.ref("platform", 0, platformSet), price)
			if i%2 == 1 {
				fmt.Fprintf(b, "  - {provider: %s, runtimes: %s}\n", vendor, lists.ref("byok", 0, platformOff))
			}
		default: // one byok vendor
			fmt.Fprintf(b, "  - {provider: %s, runtimes: %s%s}\n", vendor, lists.ref("rs", set, runtimeSets[set]), price)
		}
	}
	return b.Flush()
}

// priceField returns the price field of model i's first served_by entry:
// rates of the shape of real price pages, and a long-prompt tier on every
// 4th priced model.
func priceField(i int) string {
	in := []string{"0.05", "0.15", "0.3", "1.25", "3", "15"}[i%6]
	p := fmt.Sprintf(", price: {input: %s, output: %d, cache_read: 0.0%d", in, 1+i%40, 1+i%9)
	if i%32 == 0 {
		p += ", tiers: [{above: 200000, input: 6, output: 45}]"
	}
	return p + "}"
}

// anchors writes a runtime list in full with an anchor the first time, and
// as an alias after that.
type anchors map[string]bool

func newAnchors() anchors { return anchors{} }

func (a anchors) ref(kind string, k int, list []string) string {
	name := fmt.Sprintf("%s%d", kind, k)
	if a[name] {
		return "*" + name
	}
	a[name] = true
	return "&" + name + " [" + strings.Join(list, ", ") + "]"
}
