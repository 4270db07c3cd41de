//go:build integration

package graph_test

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
)

// Three writers at once on PostgreSQL and on the CockroachDB stand-in: the
// slowest of the package's tests, run with the integration tests
// (go test -tags integration).

// TestSharedStoreConcurrentWriters has three stores (three connection
// pools, as three processes would have) write overlapping sets of
// articles into one database at once: the tables must hold the same rows,
// node reference counts included, as those of a single clean writer. On
// PostgreSQL the documents are locked with advisory locks; with the
// cockroach backend (on the serializable stand-in) with row locks, and
// conflicting transactions are aborted and retried.
func TestSharedStoreConcurrentWriters(t *testing.T) {
	docs, quads := genCorpus(t, 60)
	for _, tt := range []struct {
		backend string
		url     func(t *testing.T) string
	}{
		{graph.Postgres, func(t *testing.T) string { return pgtest.NewDB(t) }},
		{graph.Cockroach, crdbURL},
	} {
		t.Run(tt.backend, func(t *testing.T) {
			ctx := context.Background()
			clean, shared := tt.url(t), tt.url(t)
			writeAll := func(addr string, order []int) error {
				s, err := graph.Open(ctx, addr, graph.WithBackend(tt.backend))
				if err != nil {
					return err
				}
				defer s.Close()
				for _, i := range order {
					if _, err := s.WriteDocument(ctx, docs[i], quads[i]); err != nil {
						return err
					}
				}
				return nil
			}
			all := make([]int, len(docs))
			for i := range all {
				all[i] = i
			}
			if err := writeAll(clean, all); err != nil {
				t.Fatal(err)
			}
			reversed := make([]int, len(all))
			for i := range all {
				reversed[i] = all[len(all)-1-i]
			}
			orders := [][]int{all[:40], all[20:], reversed}
			var wg sync.WaitGroup
			errs := make([]error, len(orders))
			for i, order := range orders {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = writeAll(shared, order)
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("writer %d: %v", i+1, err)
				}
			}
			want, got := pgTables(t, clean), pgTables(t, shared)
			if len(want) < 1000 {
				t.Fatalf("the clean store has %d rows, too few to compare", len(want))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows (-clean +concurrent):\n%s", diff)
			}
			if tt.backend == graph.Postgres {
				// The relations index and its counts, which the writers
				// kept in their articles' transactions, are exact.
				s, err := graph.Open(ctx, shared, graph.WithBackend(tt.backend))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				verifyClean(t, s)
			}
		})
	}
}
