// Package providersgen is the registry compiled from this repository's
// providers.yaml: typed Provider and Runtime constants and Registry, a
// *resolver.Registry initialized statically (no code runs at start-up).
//
// Do not edit providers_gen.go: change providers.yaml and regenerate with
// go generate ./... from the repository root, which also refreshes the JSON
// artifact, the test vectors and PROVIDERS.md. go test ./... and the drift
// gate (make check) fail when any of them is stale.
package providersgen

//go:generate go run github.com/molecule-ai/providers/gen -in ../providers.yaml -out providers_gen.go -pkg providersgen -json ../artifacts/registry.json -vectors ../artifacts/vectors.json -markdown ../PROVIDERS.md
