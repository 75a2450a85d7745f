// Package providersgen is the registry compiled from this repository's
// providers.yaml: typed Provider and Runtime constants and Registry, a
// *resolver.Registry initialized statically (no code runs at start-up).
//
// Do not edit providers_gen.go: change providers.yaml and regenerate with
// go generate ./providersgen (or go run ./gen from the repository root).
// go test ./... and go run ./gen -check fail when the generated file is
// stale.
package providersgen

//go:generate go run github.com/molecule-ai/providers/gen -in ../providers.yaml -out providers_gen.go -pkg providersgen
