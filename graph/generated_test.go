//go:build integration

package graph_test

import (
	"context"
	"testing"

	"github.com/geokg/geokg/graph"
)

// The comparisons on 2,000 generated articles write them into two stores
// each, which takes minutes: they run with the integration tests (go test
// -tags integration), as TestRelationsHubMatchReference does.

// TestRelationsPageGenerated compares the pages with Relations on 2,000
// generated articles, for the hub and a few others.
func TestRelationsPageGenerated(t *testing.T) {
	ctx := context.Background()
	docs, quads := genCorpus(t, 2000)
	for _, b := range []struct {
		name string
		open func(testing.TB) *graph.Store
	}{{graph.Memstore, openMem}, {graph.Bolt, openBolt}} {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			for i, d := range docs {
				if _, err := s.WriteDocument(ctx, d, quads[i]); err != nil {
					t.Fatal(err)
				}
				if i == len(docs)/2 {
					// Read the hub's index once, so the rest of the
					// writes update it.
					if _, err := s.RelationsPage(ctx, "ent:united_states", graph.Filter{}, graph.Page{}); err != nil {
						t.Fatal(err)
					}
				}
			}
			n := checkPages(t, s, []string{"ent:united_states", "ent:albania", "ent:nicaragua"}, graph.DefaultPageLimit)
			if n < 5000 {
				t.Errorf("compared %d statements, want at least 5000", n)
			}
		})
	}
}

// TestPathsMatchOneSidedGenerated does the same on 2,000 generated
// articles, between the hub, states and minor entities.
func TestPathsMatchOneSidedGenerated(t *testing.T) {
	ctx := context.Background()
	docs, quads := genCorpus(t, 2000)
	ents := entitiesIn([]article{{docs[0], quads[0]}, {docs[1], quads[1]}, {docs[7], quads[7]}, {docs[1500], quads[1500]}})
	ents = append(ents, "ent:united_states", "ent:albania", "ent:nicaragua")
	for _, b := range []struct {
		name string
		open func(testing.TB) *graph.Store
	}{{graph.Memstore, openMem}, {graph.Bolt, openBolt}} {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			for i, d := range docs {
				if _, err := s.WriteDocument(ctx, d, quads[i]); err != nil {
					t.Fatal(err)
				}
			}
			for _, d := range []int{2, 3, 4} {
				if n := comparePaths(t, s, ents, d); d >= 3 && n < 20 {
					t.Errorf("depth %d: %d pairs connected, want at least 20", d, n)
				}
			}
		})
	}
}
