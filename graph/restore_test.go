package graph_test

import (
	"bytes"
	"context"
	"database/sql"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
)

// TestRestoreForceKeepsOldStore: a forced restore that fails part way
// leaves the store as it was, on every backend; one that succeeds leaves
// exactly the backup. The failures: a cancelled restore, on every
// backend; on PostgreSQL also a value the database refuses (a CHECK
// constraint the test adds stands for a full disk or a broken
// connection), met after the old quads' removal was sent in the same
// transaction, where a restore in batches had committed the removal and
// left an empty store.
func TestRestoreForceKeepsOldStore(t *testing.T) {
	src := openMem(t)
	write(t, src, docTies, tiesStatements())
	quads, err := graph.ReadBackup(bytes.NewReader(backup(t, src)), "ties.nq.gz")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []struct {
		name string
		open func(testing.TB) (*graph.Store, string)
	}{
		{graph.Memstore, func(t testing.TB) (*graph.Store, string) { return openMem(t), "" }},
		{graph.Bolt, func(t testing.TB) (*graph.Store, string) { return openBolt(t), "" }},
		{graph.Postgres, func(t testing.TB) (*graph.Store, string) {
			url := pgtest.NewDB(t)
			s, err := graph.Open(context.Background(), url, graph.WithBackend(graph.Postgres))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s, url
		}},
	} {
		t.Run(b.name, func(t *testing.T) { testRestoreForce(t, src, quads, b.open) })
	}
}

func testRestoreForce(t *testing.T, src *graph.Store, quads []quad.Quad, open func(testing.TB) (*graph.Store, string)) {
	dst, url := open(t)
	{
		write(t, dst, docEcho, echoStatements())
		before := allQuads(t, dst)
		unchanged := func(what string) {
			t.Helper()
			if diff := cmp.Diff(before, allQuads(t, dst)); diff != "" {
				t.Errorf("%s changed the store (-want +got):\n%s", what, diff)
			}
		}

		cancelled, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := dst.Restore(cancelled, quads, graph.RestoreOptions{Force: true}); err == nil {
			t.Error("a cancelled restore succeeded")
		}
		unchanged("a cancelled restore")

		if url != "" {
			db, err := sql.Open("postgres", url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`ALTER TABLE nodes ADD CONSTRAINT refused CHECK (value_string IS DISTINCT FROM 'refused')`); err != nil {
				t.Fatal(err)
			}
			bad := append(append([]quad.Quad(nil), quads...),
				quad.Make(quad.IRI("ent:x"), quad.IRI("schema:name"), quad.String("refused"), quad.IRI("doc:x")))
			_, err = dst.Restore(context.Background(), bad, graph.RestoreOptions{Force: true})
			if err == nil {
				t.Fatal("a restore of a value PostgreSQL refuses succeeded")
			}
			t.Logf("refused: %v", err)
			unchanged("a failed restore")
		}

		res, err := dst.Restore(context.Background(), quads, graph.RestoreOptions{Force: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Removed != len(before) || res.Quads != len(quads) {
			t.Errorf("forced restore: %+v, want %d removed and %d written", res, len(before), len(quads))
		}
		if diff := cmp.Diff(allQuads(t, src), allQuads(t, dst)); diff != "" {
			t.Errorf("forced restore: the store is not the backup (-want +got):\n%s", diff)
		}
	}
}
