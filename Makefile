# Everything here is plain go commands; see README.md.
GO ?= go
ACTIONLINT_VERSION ?= v1.7.12

.PHONY: all generate check test bench lint delta ci

all: generate check test

## generate: regenerate every generated file from its YAML
generate:
	$(GO) generate ./...

## check: the drift gate; fails (exit 1, with a diff) when generated code is stale
check:
	$(GO) run ./gen -check
	$(GO) run ./gen -check -in internal/fixture/fixture.yaml -out internal/fixture/fixture_gen.go -pkg fixture

## test: the test suite, as CI runs it
test:
	$(GO) test ./...

## bench: the resolver micro-benchmarks on the shipped registry
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./resolver

## lint: formatting and vet
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GO) vet ./...
	$(GO) run github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)

## delta: what the working copy of providers.yaml changes against the committed one (BASE=REV to compare with another revision)
BASE ?= HEAD
delta:
	$(GO) run ./gen delta -base-ref $(BASE)

## ci: what .ci/run runs
ci:
	./.ci/run
