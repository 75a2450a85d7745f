package audit

import (
	"sync"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// registryYAML is the registry of these tests: the contract's minimum, an
// alias of a byok model, a model whose id reads as a number in YAML, two
// retired models (one whose replacement another provider serves, on the
// platform's money) and a deprecated model.
const registryYAML = `version: 1
providers:
  - id: platform
    platform: true
  - id: anthropic-oauth
    auth_env: [CLAUDE_CODE_OAUTH_TOKEN]
  - id: anthropic
    auth_env: [ANTHROPIC_API_KEY]
  - id: openai
    auth_env: [OPENAI_API_KEY]
runtimes:
  - id: claude-code
  - id: hermes
  - id: codex
  - id: langgraph
    governed: false
models:
  - id: anthropic/claude-opus-4-7
    aliases: [claude-opus-4-7]
    legacy_ids: ["anthropic:claude-opus-4-7"]
    served_by:
      - provider: platform
        runtimes: [claude-code, hermes]
  - id: opus
    served_by:
      - provider: anthropic-oauth
        runtimes: [claude-code]
      - provider: anthropic
        runtimes: [claude-code]
  - id: gpt-5.5
    aliases: [gpt5]
    served_by:
      - provider: openai
        runtimes: [codex, hermes]
  - id: "1.5"
    aliases: [one-point-five]
    served_by:
      - provider: openai
        runtimes: [codex]
  - id: gpt-4o
    aliases: [gpt4o]
    status: retired
    replaced_by: gpt-5.5
    served_by:
      - provider: openai
        runtimes: [codex]
  - id: claude-3-opus
    status: retired
    replaced_by: anthropic/claude-opus-4-7
    served_by:
      - provider: anthropic
        runtimes: [claude-code]
  - id: o3
    status: deprecated
    replaced_by: gpt-5.5
    served_by:
      - provider: openai
        runtimes: [codex]
`

// testRegistryOnce is registryYAML compiled (read-only: shared).
var testRegistryOnce = sync.OnceValue(func() *spec.Registry {
	reg, err := spec.Compile("providers.yaml", []byte(registryYAML), false)
	if err != nil {
		panic(err)
	}
	return reg
})

func testRegistry(testing.TB) *spec.Registry { return testRegistryOnce() }
