// Package resolver answers billing questions from a compiled provider
// registry: which provider serves a workspace's (runtime, model), whether
// the platform pays, whether the pair is registered at all, and which
// credentials the workspace must not keep.
//
// The registry is providers.yaml compiled into Go by
// github.com/molecule-ai/providers/gen; this repository's own is
// providersgen.Registry, and other repositories generate theirs into their
// own packages. Nothing is read from disk at run time, and a Registry is
// immutable and safe for concurrent use.
//
// # Derivation
//
// Derive(runtime, model, authEnv) takes the names of the auth env vars that
// are set (never their values) and, in order:
//
//  1. trims surrounding space from runtime and model; an empty model is
//     ErrNoModel, checked first so that an unset model always reads as such;
//  2. looks the runtime up: ErrUnknownRuntime, or ErrUngovernedRuntime for a
//     runtime with governed: false;
//  3. looks the model spelling up, exactly and case-sensitively, as an id,
//     else an alias, else a legacy id: ErrUnregisteredModel when none;
//  4. finds the providers serving the model on the runtime:
//     ErrNotOnRuntime when none;
//  5. with one provider, returns it whatever the env;
//  6. with several, returns the first in providers.yaml order one of whose
//     auth_env names is in authEnv, else an *AmbiguousError (ErrAmbiguous).
//
// # Billing
//
// ResolveBillingMode never fails. A valid override (platform_managed or
// byok, trimmed, any case) wins. Otherwise the pair decides: the registry
// guarantees that all providers of one (runtime, model) agree on whether the
// platform pays, so the mode is known even when the env cannot choose the
// vendor. Otherwise the mode is PlatformManaged (SourceDefault), so that an
// unset or unknown model does not stop a fleet; Reason says why.
//
// PlanCredentials decides the mode the same way without looking at
// credentials, then, under byok, strips every platform-scope LLM credential
// and derives the vendor from what remains: a platform key that is about to
// be stripped never chooses the vendor. A plan that is not Usable must fail
// closed.
//
// # Registration
//
// CheckRegistered classifies a pair; Flagged pairs (a model not on the
// runtime, an unregistered model, a retired model) are warned about or
// rejected according to the caller's Enforcement, so moving from warn to
// reject is one word. Unknown and ungoverned runtimes and an unset model
// fail open. A retired model's Suggestion is its replacement.
//
// # Models and prices
//
// Model answers for any spelling, with no runtime: the canonical id, the
// model's Lifecycle, its dates and replacement, and its limits. Price
// returns the price of a provider's served_by entry for a model, and
// Price.Cost what a request costs, exactly: rates are integers of 1e-6 USD
// per million tokens read from the YAML's decimal text, the sum of tokens
// times rates is computed in 128-bit integers, and the result is Money in
// nano-USD, rounded half up once. The prompt (input + cache read + cache
// write tokens) chooses the tier: the one with the largest Above below it,
// strictly, prices the whole request.
//
// # Performance
//
// Lookups hash the string once into a minimal perfect hash over packed
// tables; successful Derive, IsPlatform, CheckRegistered,
// ResolveBillingMode, Model, Price and Cost calls do not allocate. Model
// details and prices live in tables of their own, which Derive never reads.
package resolver
