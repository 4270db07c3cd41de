package graph

import (
	"fmt"
	"sort"
)

// neighbours returns the edges from the entities frontier, forward
// (from the subject) or backward (from the object), as Paths walks them.
type neighbours func(forward bool, frontier []string) ([]pathRow, error)

// shortestDAG finds the shortest paths between src and dst of at most
// maxDepth hops, walking edges both ways, and returns for each node on one
// of them but src the edges that reach it from the node before it on such
// a path, sorted by edgeLess; nil when there is none.
//
// It searches from both ends at once, a level at a time, always on the
// side whose frontier is smaller, and stops at the first level where the
// two searches meet: the length d of the shortest paths is then the sum
// of their levels. From a hub the one-sided search reads the edges of
// every entity within d-1 hops of src; this reads those within about d/2
// hops of either end. The nodes on shortest paths are then found level by
// level from where the searches met, and their edges read once more, so
// that the answer, and the order Paths gives the paths in, are those of a
// breadth-first search from src alone.
func shortestDAG(src, dst string, maxDepth int, rowsOf neighbours) (map[string][]edge, error) {
	around := func(nodes []string) ([]pathRow, error) {
		var out []pathRow
		for _, forward := range []bool{true, false} {
			rows, err := rowsOf(forward, nodes)
			if err != nil {
				return nil, err
			}
			out = append(out, rows...)
		}
		return out, nil
	}
	type side struct {
		dist     map[string]int
		frontier []string
		level    int
	}
	fw := &side{dist: map[string]int{src: 0}, frontier: []string{src}}
	bw := &side{dist: map[string]int{dst: 0}, frontier: []string{dst}}
	met := false
	for !met && fw.level+bw.level < maxDepth && len(fw.frontier) > 0 && len(bw.frontier) > 0 {
		a, b := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			a, b = bw, fw
		}
		rows, err := around(a.frontier)
		if err != nil {
			return nil, fmt.Errorf("level %d: %w", fw.level+bw.level+1, err)
		}
		a.level++
		var next []string
		for _, r := range rows {
			if _, ok := a.dist[r.to]; ok {
				continue
			}
			a.dist[r.to] = a.level
			next = append(next, r.to)
			if _, ok := b.dist[r.to]; ok {
				met = true
			}
		}
		sort.Strings(next)
		a.frontier = next
	}
	if !met {
		return nil, nil
	}

	// The nodes on shortest paths, by their distance from src: first
	// those where the searches met, then towards each end.
	d := fw.level + bw.level
	onPath := make([][]string, d+1)
	dist := make(map[string]int)
	for n, i := range fw.dist {
		if j, ok := bw.dist[n]; ok && i == fw.level && j == bw.level {
			onPath[i] = append(onPath[i], n)
			dist[n] = i
		}
	}
	step := func(from, to int, keep func(n string) bool) error {
		rows, err := around(onPath[from])
		if err != nil {
			return err
		}
		for _, r := range rows {
			if _, ok := dist[r.to]; !ok && keep(r.to) {
				dist[r.to] = to
				onPath[to] = append(onPath[to], r.to)
			}
		}
		return nil
	}
	for i := fw.level - 1; i >= 0; i-- {
		if err := step(i+1, i, func(n string) bool { j, ok := fw.dist[n]; return ok && j == i }); err != nil {
			return nil, err
		}
	}
	for i := fw.level + 1; i <= d; i++ {
		if err := step(i-1, i, func(n string) bool { j, ok := bw.dist[n]; return ok && j == d-i }); err != nil {
			return nil, err
		}
	}

	// The edges between consecutive levels, as the breadth-first search
	// from src notes them.
	reached := make(map[string][]edge)
	for i := 0; i < d; i++ {
		for _, forward := range []bool{true, false} {
			rows, err := rowsOf(forward, onPath[i])
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				if j, ok := dist[r.to]; ok && j == i+1 {
					reached[r.to] = append(reached[r.to], edge{prev: r.from, predicate: r.predicate, forward: forward})
				}
			}
		}
	}
	for _, es := range reached {
		sort.Slice(es, func(i, j int) bool { return edgeLess(es[i], es[j]) })
	}
	return reached, nil
}
