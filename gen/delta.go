package main

import "io"

func runDelta(args []string, stdout, stderr io.Writer) error {
	return usagef("delta: not implemented yet")
}
