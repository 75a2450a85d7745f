// Package suggest finds the nearest spelling to a mistyped one, for the
// "did you mean" hints of the resolver and the generator.
package suggest

// Distance returns the Levenshtein distance between a and b in bytes, or
// limit+1 when it is larger than limit (the search stops early then).
func Distance(a, b string, limit int) int { return distance(a, b, limit, false) }

// DistanceFold is Distance ignoring ASCII case.
func DistanceFold(a, b string, limit int) int { return distance(a, b, limit, true) }

// LowerASCII returns s with ASCII letters in lower case, and s itself (no
// allocation) when it has none in upper case: the registry's case rule is
// about ASCII case only (the Kelvin sign is not a k).
func LowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}

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
	if len(a)+2 <= len(buf[0]) {
		prev, cur = buf[0][:len(a)+2], buf[1][:len(a)+2]
	} else {
		prev, cur = make([]int, len(a)+2), make([]int, len(a)+2)
	}
	for i := range prev {
		prev[i] = i
	}
	// Only the cells within limit of the diagonal can hold a distance of
	// at most limit: each row computes those (the band), and the cells
	// just outside it are limit+1. The cost is len(b)·(2·limit+1), not
	// len(a)·len(b): two 1 MB spellings compare in milliseconds.
	far := limit + 1
	for j := 1; j <= len(b); j++ {
		lo, hi := max(1, j-limit), min(len(a), j+limit)
		cur[lo-1] = far
		if lo == 1 {
			cur[0] = min(j, far)
		}
		rowMin := cur[lo-1]
		for i := lo; i <= hi; i++ {
			c := prev[i-1]
			if x, y := a[i-1], b[j-1]; x != y && (!fold || lower(x) != lower(y)) {
				c = 1 + min(c, prev[i], cur[i-1])
			}
			cur[i] = min(c, far)
			rowMin = min(rowMin, c)
		}
		cur[hi+1] = far
		if rowMin > limit {
			return far
		}
		prev, cur = cur, prev
	}
	return min(prev[len(a)], far)
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
