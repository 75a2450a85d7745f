// Package suggest finds the nearest spelling to a mistyped one, for the
// "did you mean" hints of the resolver and the generator.
package suggest

// Distance returns the Levenshtein distance between a and b in bytes, or
// limit+1 when it is larger than limit (the search stops early then).
func Distance(a, b string, limit int) int { return distance(a, b, limit, false) }

// DistanceFold is Distance ignoring ASCII case.
func DistanceFold(a, b string, limit int) int { return distance(a, b, limit, true) }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func distance(a, b string, limit int, fold bool) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	var buf [2][130]int
	var prev, cur []int
	if len(a)+1 <= len(buf[0]) {
		prev, cur = buf[0][:len(a)+1], buf[1][:len(a)+1]
	} else {
		prev, cur = make([]int, len(a)+1), make([]int, len(a)+1)
	}
	for i := range prev {
		prev[i] = i
	}
	for j := 1; j <= len(b); j++ {
		cur[0] = j
		rowMin := j
		for i := 1; i <= len(a); i++ {
			c := prev[i-1]
			if x, y := a[i-1], b[j-1]; x != y && (!fold || lower(x) != lower(y)) {
				c = 1 + min(c, prev[i], cur[i-1])
			}
			cur[i] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	if prev[len(a)] > limit {
		return limit + 1
	}
	return prev[len(a)]
}

// Closest returns the candidate nearest to s within limit edits, the first
// on a tie, or "" when none is that close.
func Closest(s string, candidates []string, limit int) string {
	best, bestD := "", limit+1
	for _, c := range candidates {
		if d := Distance(s, c, bestD-1); d < bestD && c != s {
			best, bestD = c, d
		}
	}
	return best
}
