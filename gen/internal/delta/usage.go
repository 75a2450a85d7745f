package delta

// Usage is what gen delta -h says: the synopsis, a blank line, then what
// it does.
const Usage = "gen delta -base OLD.yaml | -base-ref REV [-in NEW.yaml] [-format markdown|json] [-exit-code]" + `

Shows what a change to providers.yaml does to billing: both registries are
evaluated with the real resolver over every governed runtime, every model
spelling of either (those it does not serve are billed by the model, step 3)
and every relevant auth-env set, and each changed outcome is listed (billing
flips first) with the registry changes behind it. Changes of what a
credential plan strips (byok) or injects (platform_managed) are listed
under Credentials; like outcomes, they count towards -exit-code. The headline counts
(runtime, model) pairs; a pair the registry did not serve before is an
addition, not a billing flip.
`
