// Command gen compiles providers.yaml into Go tables for the resolver, and
// checks, compares and explains registries. See README.md for the CLI.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
