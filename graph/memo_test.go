package graph_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/geokg/geokg/graph"
)

// TestReadsAfterWrites: what the store keeps between reads (the
// entities, the counts, the relation edges, documents, the statements
// about an entity) is read again after each write, so no read misses
// what a write added, nor shows what a restore removed.
func TestReadsAfterWrites(t *testing.T) {
	ctx := context.Background()
	for _, open := range []func(testing.TB) *graph.Store{openMem, openBolt} {
		s := open(t)
		t.Run(s.Backend(), func(t *testing.T) {
			write(t, s, docEcho, echoStatements())
			// check reads everything twice (the second from what was
			// kept) and compares with what the store holds: want
			// statements about the MEK, a path from it to the United
			// States, docTies and its two documents, or none of them.
			check := func(when string, withTies bool) {
				t.Helper()
				for range 2 {
					rels, err := s.Relations(ctx, mek.IRI, graph.Filter{})
					if withTies && (err != nil || len(rels) != 3) {
						t.Errorf("%s: relations of %s: %d, %v; want 3", when, mek.IRI, len(rels), err)
					}
					if !withTies && !errors.Is(err, graph.ErrNotFound) {
						t.Errorf("%s: relations of %s: %d, %v; want ErrNotFound", when, mek.IRI, len(rels), err)
					}
					if _, err := s.Entity(ctx, mek.IRI); (err == nil) != withTies {
						t.Errorf("%s: entity %s: %v", when, mek.IRI, err)
					}
					if _, err := s.Document(ctx, docTies.ID); (err == nil) != withTies {
						t.Errorf("%s: document %s: %v", when, docTies.ID, err)
					}
					st, err := s.Stats(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if want := map[bool]int{true: 2, false: 1}[withTies]; st.Documents != want {
						t.Errorf("%s: stats: %d documents, want %d", when, st.Documents, want)
					}
					paths, err := s.Paths(ctx, mek.IRI, usa.IRI, 2)
					if withTies && (err != nil || len(paths) == 0) {
						t.Errorf("%s: paths from %s to %s: %v, %v", when, mek.IRI, usa.IRI, paths, err)
					}
					if !withTies && !errors.Is(err, graph.ErrNotFound) {
						t.Errorf("%s: paths from %s: %v, %v; want ErrNotFound", when, mek.IRI, paths, err)
					}
				}
			}
			check("before the article", false)
			backupOfEcho := backup(t, s)
			write(t, s, docTies, tiesStatements())
			check("after the article", true)
			quads, err := graph.ReadBackup(bytes.NewReader(backupOfEcho), "echo.nq.gz")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Restore(ctx, quads, graph.RestoreOptions{Force: true}); err != nil {
				t.Fatal(err)
			}
			check("after restoring a backup without it", false)
		})
	}
}
