package main

import "io"

func runExplain(args []string, stdout, stderr io.Writer) error {
	return usagef("explain: not implemented yet")
}
