package gazetteer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/geokg/geokg/internal/textdist"
)

// Suggest returns up to n actors whose names come closest to name, for a
// name Lookup does not know ("Irann" → Iran, Iraq). Every form of an actor
// is compared by edit distance, a form that starts with name counts as
// close, and so does one sharing a whole word of four letters or more. The
// closest come first; actors too far from name are left out, so the result
// may be empty.
func (g *Gazetteer) Suggest(name string, n int) []Actor {
	q := lookupKey(name)
	if q == "" || n <= 0 {
		return nil
	}
	qWords := strings.Fields(q)
	limit := max(2, utf8.RuneCountInString(q)/3)
	type scored struct {
		actor, dist, rank int
	}
	best := make(map[int]scored)
	for k, es := range g.lookup {
		d := textdist.Levenshtein(q, k, limit)
		if len(q) >= 3 && strings.HasPrefix(k, q) {
			d = min(d, 1)
		}
		if d > limit && sharesWord(qWords, k) {
			d = limit
		}
		if d > limit {
			continue
		}
		for _, e := range es {
			s := scored{actor: e.actor, dist: d, rank: e.form.rank()}
			if o, ok := best[e.actor]; !ok || s.dist < o.dist || s.dist == o.dist && s.rank < o.rank {
				best[e.actor] = s
			}
		}
	}
	all := make([]scored, 0, len(best))
	for _, s := range best {
		all = append(all, s)
	}
	slices.SortFunc(all, func(a, b scored) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return a.actor - b.actor
	})
	out := make([]Actor, 0, min(n, len(all)))
	for _, s := range all[:min(n, len(all))] {
		out = append(out, g.actors[s.actor].clone())
	}
	return out
}

// sharesWord reports whether key holds one of ws that has four letters or
// more.
func sharesWord(ws []string, key string) bool {
	for _, kw := range strings.Fields(key) {
		for _, w := range ws {
			if len(w) >= 4 && w == kw {
				return true
			}
		}
	}
	return false
}
