// Package textdist measures how far apart two names are, for "did you
// mean" suggestions in the gazetteer and the store.
package textdist

// Levenshtein returns the edit distance between a and b, in runes, or a
// value above limit as soon as it must exceed limit (a negative limit
// means no limit).
func Levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if limit >= 0 {
		if d := len(ra) - len(rb); d > limit || -d > limit {
			return limit + 1
		}
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if limit >= 0 && rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
