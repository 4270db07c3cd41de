package graph_test

import (
	"context"
	"testing"

	gcmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// comparePaths asks s for the paths between pairs of ents, up to depth
// hops, with Paths and with the one-sided search Paths made before, and
// returns how many pairs had paths.
func comparePaths(t *testing.T, s *graph.Store, ents []string, depth int) int {
	t.Helper()
	ctx := context.Background()
	found := 0
	for i, a := range ents {
		for _, b := range ents[i+1:] {
			want, err := s.PathsOneSided(ctx, a, b, depth)
			if err != nil {
				t.Fatalf("one-sided paths %s to %s: %v", a, b, err)
			}
			got, err := s.Paths(ctx, a, b, depth)
			if err != nil {
				t.Fatalf("Paths %s to %s: %v", a, b, err)
			}
			if diff := gcmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("Paths %s to %s, depth %d (-one-sided +both ends):\n%s", a, b, depth, diff)
			}
			if len(got) > 0 {
				found++
			}
			for _, p := range got {
				for _, h := range p {
					checkSupport(t, s, h)
				}
			}
		}
	}
	return found
}

// TestPathsMatchOneSided compares Paths, which searches from both ends,
// with the breadth-first search from one end it replaced, between every
// two entities of the bundled articles, at depths 2 and 4, on every
// backend.
func TestPathsMatchOneSided(t *testing.T) {
	ctx := context.Background()
	articles := bundledArticles(t)
	ents := entitiesIn(articles)
	for _, b := range referenceStores {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			for _, a := range articles {
				if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
					t.Fatal(err)
				}
			}
			depths, pairs, want := []int{2, 4}, ents, 100
			if b.name == graph.Postgres || b.name == "bolt without label index" {
				// The slow ones: one depth, the first 25 entities.
				depths, pairs, want = []int{3}, ents[:25], 10
			}
			for _, d := range depths {
				n := comparePaths(t, s, pairs, d)
				if d >= 3 && n < want {
					t.Errorf("depth %d: %d pairs connected, want at least %d", d, n, want)
				}
			}
		})
	}
}

// checkSupport compares a hop's statements with those Relations gives:
// the asserted statements of its relation, and the first MaxHopSupport of
// them.
func checkSupport(t *testing.T, s *graph.Store, h graph.Hop) {
	t.Helper()
	subj, obj := h.From.IRI, h.To.IRI
	if !h.Forward {
		subj, obj = obj, subj
	}
	stmts, err := s.Relations(context.Background(), subj, graph.Filter{Predicates: []string{h.Predicate}, Direction: graph.Out})
	if err != nil {
		t.Fatal(err)
	}
	var want []schema.Statement
	for _, st := range stmts {
		if st.Object.IRI == obj && st.Asserted() {
			want = append(want, st)
		}
	}
	if h.Statements != len(want) {
		t.Errorf("hop %s -%s-> %s: %d statements, Relations gives %d", subj, h.Predicate, obj, h.Statements, len(want))
	}
	if diff := gcmp.Diff(want[:min(len(want), graph.MaxHopSupport)], h.Support, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("hop %s -%s-> %s: support (-Relations +hop):\n%s", subj, h.Predicate, obj, diff)
	}
}
