package graph

import (
	"context"
	"sort"
)

// PathsOneSided is Paths with the breadth-first search from src alone
// that Paths did before it searched from both ends (oneSidedDAG), for
// tests that compare the two.
func (s *Store) PathsOneSided(ctx context.Context, from, to string, maxDepth int) ([]Path, error) {
	return s.pathsBy(ctx, from, to, maxDepth, oneSidedDAG)
}

// oneSidedDAG is the search of Paths before shortestDAG: level by level
// from src until dst is reached, noting for each node the edges that
// first reached it.
func oneSidedDAG(src, dst string, maxDepth int, rowsOf neighbours) (map[string][]edge, error) {
	depth := map[string]int{src: 0}
	reached := make(map[string][]edge)
	frontier := []string{src}
	for level := 1; level <= maxDepth && len(frontier) > 0; level++ {
		var next []string
		for _, forward := range []bool{true, false} {
			rows, err := rowsOf(forward, frontier)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				n := r.to
				if d, ok := depth[n]; ok && d < level {
					continue
				}
				if _, ok := depth[n]; !ok {
					depth[n] = level
					next = append(next, n)
				}
				reached[n] = append(reached[n], edge{prev: r.from, predicate: r.predicate, forward: forward})
			}
		}
		if _, ok := depth[dst]; ok {
			break
		}
		sort.Strings(next)
		frontier = next
	}
	if _, ok := depth[dst]; !ok {
		return nil, nil
	}
	for _, es := range reached {
		sort.Slice(es, func(i, j int) bool { return edgeLess(es[i], es[j]) })
	}
	return reached, nil
}
