// Package schema holds the JSON Schema (draft 2020-12) of providers.yaml,
// embedded so that the generator validates the same way from any directory
// and from other repositories.
//
// Editors that understand the yaml-language-server modeline at the top of
// providers.yaml use the same file for completion and hover help.
package schema

import _ "embed"

// JSON is providers.schema.json.
//
//go:embed providers.schema.json
var JSON string

// URL is the schema's $id.
const URL = "https://github.com/molecule-ai/providers/schema/providers.schema.json"
