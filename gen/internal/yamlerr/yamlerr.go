// Package yamlerr places the syntax errors of yaml.v3 in the input: their
// message without yaml.v3's prefix, and the line at fault. yaml.v3 names
// the line before the construct that failed starts (or no line), not the
// one at fault; but a file cut at a line break reads as far as it did, so
// the fault is on the last line of the shortest such prefix that fails
// the same way, which a bisection finds in a few parses. The registry
// loader (spec) and gen audit's YAML reader both place their errors so.
package yamlerr

import (
	"regexp"
	"strconv"
)

// prefix matches the prefix of a yaml.v3 error.
var prefix = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// Split returns the message of err without yaml.v3's "yaml: line N: "
// prefix, and N, or 0 when it names no line.
func Split(err error) (msg string, line int) {
	s := err.Error()
	m := prefix.FindStringSubmatch(s)
	if m == nil {
		return s, 0
	}
	if m[1] != "" {
		line, _ = strconv.Atoi(m[1])
	}
	return s[len(m[0]):], line
}

// Line returns the line, at or after from, where the prefix of data that
// ends with that line first fails decode with the message msg (as Split
// returns it): once a prefix fails so, longer ones keep failing the same
// way. It returns from when data itself does not fail so.
func Line(data []byte, msg string, from int, decode func([]byte) error) int {
	ends := []int{0} // ends[l] is the offset after line l
	for i, c := range data {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if ends[len(ends)-1] < len(data) {
		ends = append(ends, len(data))
	}
	fails := func(l int) bool {
		err := decode(data[:ends[l]])
		if err == nil {
			return false
		}
		m, _ := Split(err)
		return m == msg
	}
	lo, hi := max(from, 1)-1, len(ends)-1 // line hi fails, line lo does not
	if lo >= hi || !fails(hi) {
		return from
	}
	for hi-lo > 1 {
		if mid := lo + (hi-lo)/2; fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
