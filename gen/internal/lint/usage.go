package lint

// Usage is what gen lint -h says: the synopsis, a blank line, then what
// it does.
const Usage = "gen lint [-in providers.yaml] [-today YYYY-MM-DD] [-format text|json]" + `

Lists, as of -today, models whose retires_on or deprecated_on has come but
whose status does not say so, and deprecated or retired models the platform
still serves (and pays for); exit 1 when it finds any. The only subcommand
that reads the date: generating and -check never do.
`
