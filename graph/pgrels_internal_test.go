package graph

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestSortKeyOrder checks that the byte keys of the PostgreSQL relations
// index sort as keyCompare sorts keys, both orders, on keys that share
// prefixes, hold NUL bytes, negative spans and undated times.
func TestSortKeyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	keys := make([]relKey, 400)
	for i := range keys {
		keys[i] = relKey{
			When:      pick("", "2022", "2022-09", "2022-09-07", "2022-09-07\x00", "2021-12-31", "2022-1"),
			Predicate: pick("accused", "accuse", "accused_of", "a\x00b", "a"),
			Subject:   pick("ent:iran", "ent:ira", "ent:iran_x", ""),
			Object:    pick("ent:albania", "ent:alb"),
			Doc:       pick("doc:1", "doc:10", "doc:1\x00"),
			Span:      [2]int{r.IntN(5) - 2, r.IntN(300)},
			Negated:   r.IntN(2) == 0,
		}
	}
	for _, newest := range []bool{false, true} {
		for _, a := range keys {
			for _, b := range keys {
				want := keyCompare(a, b, newest)
				got := bytes.Compare(sortKey(a, newest), sortKey(b, newest))
				if got != want {
					t.Fatalf("newest %v: keyCompare(%+v, %+v) = %d, byte keys compare %d", newest, a, b, want, got)
				}
			}
		}
	}
}
