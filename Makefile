# Everything here is plain go commands; see README.md.
GO ?= go
ACTIONLINT_VERSION ?= v1.7.12

.PHONY: all help generate check test bench bench-quick bench-resolver lint delta ts ci

## all: generate, check and test (what make with no target does)
all: generate check test

## help: list every target with what it does (each target's "## name: description" line)
help:
	@awk '/^## [a-z-]+: / { name = substr($$2, 1, length($$2) - 1); sub(/^## [a-z-]+: /, ""); printf "  %-15s %s\n", name, $$0 }' $(firstword $(MAKEFILE_LIST))

## generate: regenerate every generated file from its YAML (Go tables, JSON artifact, test vectors, PROVIDERS.md)
generate:
	$(GO) generate ./...

## check: the drift gate; fails when generated code is stale, with a diff and the fixing command (gen exits 1, so make exits 2)
check:
	$(GO) run ./gen -check -json artifacts/registry.json -vectors artifacts/vectors.json -markdown PROVIDERS.md
	$(GO) run ./gen -check -in internal/fixture/fixture.yaml -out internal/fixture/fixture_gen.go -pkg fixture \
	  -json clients/ts/testdata/fixture.registry.json -vectors clients/ts/testdata/fixture.vectors.json

## test: the test suite, as CI runs it
test:
	$(GO) test ./...

## bench: the performance report of README.md and BENCHMARKS.md: synthetic registries of 100 to 100,000 models, the tables beside a Go map and YAML/JSON loaded at start-up (about 4 minutes)
bench:
	$(GO) run ./bench

## bench-quick: the same report at 100 and 2,500 models (about a minute)
bench-quick:
	$(GO) run ./bench -models 100,2500 -count 3

## bench-resolver: the resolver micro-benchmarks on the shipped registry
bench-resolver:
	$(GO) test -run '^$$' -bench . -benchmem ./resolver

## lint: gofmt, go vet and actionlint (the GitHub workflows) over the code; providers.yaml's lifecycle dates are go run ./gen lint
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) run github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

## delta: what this branch (commits and working copy) does to billing, against where it forked from main (BASE=REV for another base, e.g. BASE=HEAD for uncommitted changes only)
# The fork point: the merge base of HEAD and origin/main, or main without a remote.
BASE ?= $(shell git rev-parse -q --verify origin/main >/dev/null && echo origin/main || echo main)...HEAD
delta:
	$(GO) run ./gen delta -base-ref $(BASE)

## ts: the TypeScript reference resolver against every test vector, and its package installed from npm pack (Node 20+)
ts:
	cd clients/ts && npm ci --no-audit --no-fund && npm test && npm run test:pack

## ci: what .ci/run runs
ci:
	./.ci/run
