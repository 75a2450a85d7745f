// Package outcome names what the resolver answers for one workspace, in
// the words that gen delta, gen audit and the test vectors share: the
// derivation error as a kind such as "not_on_runtime", and the provider and
// billing decision as one comparable value.
package outcome

import (
	"errors"
	"strings"

	"github.com/molecule-ai/providers/resolver"
)

// Kind is a derivation error's name in delta rows and test vectors.
type Kind struct {
	Err  error  // the resolver's sentinel
	Name string // such as "not_on_runtime"
}

// Kinds are the names of every derivation error, by the sentinel each
// stands for.
var Kinds = []Kind{
	{resolver.ErrNoModel, "no_model"},
	{resolver.ErrUnknownRuntime, "unknown_runtime"},
	{resolver.ErrUngovernedRuntime, "ungoverned_runtime"},
	{resolver.ErrUnregisteredModel, "unregistered_model"},
	{resolver.ErrNotOnRuntime, "not_on_runtime"},
	{resolver.ErrAmbiguous, "ambiguous"},
}

// ErrorKind names a Derive error: "" for nil, "error" for an error of no
// known kind.
func ErrorKind(err error) string {
	for _, k := range Kinds {
		if errors.Is(err, k.Err) {
			return k.Name
		}
	}
	if err != nil {
		return "error"
	}
	return ""
}

// Outcome is what one registry answers for one (runtime, model, env) case.
type Outcome struct {
	Provider string `json:"provider,omitempty"`
	Error    string `json:"error,omitempty"` // the derivation error kind, such as not_on_runtime
	Mode     string `json:"mode"`
	Source   string `json:"source"`
}

// Of returns the outcome of Derive and ResolveBillingMode for one case.
func Of(r *resolver.Registry, runtime, model string, env []string) Outcome {
	_, err := r.Derive(runtime, model, env)
	dec := r.ResolveBillingMode(resolver.BillingInput{Runtime: runtime, Model: model, AuthEnv: env})
	return Outcome{Provider: string(dec.Provider), Error: ErrorKind(err), Mode: string(dec.Mode), Source: string(dec.Source)}
}

// String is the outcome in a few words: "anthropic · byok", or the error
// and the billing source when derivation failed.
func (o Outcome) String() string {
	who := o.Provider
	if o.Error != "" {
		who = strings.ReplaceAll(o.Error, "_", " ")
	}
	s := who + " · " + o.Mode
	if o.Source != string(resolver.SourceDerived) {
		s += " (" + o.Source + ")"
	}
	return s
}

// Served reports whether the registry serves the pair (derived billing).
func (o Outcome) Served() bool { return o.Source == string(resolver.SourceDerived) }
