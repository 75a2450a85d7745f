package explain

// Usage is what gen explain -h says: the synopsis, a blank line, then
// what it does.
const Usage = "gen explain -runtime R -model M [-env NAME]... [-override V] [-secret NAME[:platform]]... [-in providers.yaml]" + `

Explains one workspace's decision step by step: the runtime, the model
spelling, the providers serving the pair, which auth env chose, the billing
mode and its source, and the credential plan. -env names the auth env vars
that are set (they drive the derivation); -secret describes the workspace's
secrets for the credential plan (they default to the -env names, as the
owner's own).
`
