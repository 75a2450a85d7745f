package generate

// Usage is what gen -h says: the synopsis, a blank line, then what the
// main job does.
const Usage = "gen [-in providers.yaml] [-out providersgen/providers_gen.go] [-pkg name] [-strict] [-check]\n    [-json registry.json] [-vectors vectors.json] [-markdown PROVIDERS.md] | -version" + `

Validates providers.yaml (the JSON Schema, then the registry's rules) and
writes the Go tables, and any of the JSON registry, test vectors and Markdown
catalogue asked for, atomically and only when the bytes change. Every problem
in the input is reported as FILE:LINE:COL: path: message, exit status 2, and
nothing is written. -check writes nothing: exit 1, with a diff and the command
that fixes it, when a file is stale or missing.

Outputs are regular files: an output path that is the input or another
output, a device, a FIFO, a socket or a directory is refused (exit 2); a
symlink is written through to its target. Every output is written to a
temporary file beside it first, and only when all are on disk are they
renamed over the old ones, so a failure leaves every old file in place (exit
3, naming the path); an existing file keeps its permissions. Temporary files
are removed on SIGINT and SIGTERM, and left-overs of a killed run (named
.FILE.gen-*.tmp) by the next run.
`
