package graph_test

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
)

// TestPostgresWritersShareTheLock has a writer of one document hold the
// cross-process lock as it does while it writes, and checks, with stores
// of their own as other processes have: a writer of another document
// writes meanwhile, a reader waits for the writer to finish, and a writer
// of the whole store (Update) waits for it and keeps the others out.
func TestPostgresWritersShareTheLock(t *testing.T) {
	docs, quads := genCorpus(t, 6)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	addr := pgtest.NewDB(t)
	a, b, c := openStore(t, ctx, addr), openStore(t, ctx, addr), openStore(t, ctx, addr)
	if _, err := a.WriteDocument(ctx, docs[0], quads[0]); err != nil {
		t.Fatal(err)
	}
	// waitFor reports whether done closes within d; the waits that must
	// end are given a minute, far more than a write takes.
	waitFor := func(done <-chan error, d time.Duration) (error, bool) {
		select {
		case err := <-done:
			return err, true
		case <-time.After(d):
			return nil, false
		}
	}
	goWrite := func(s *graph.Store, i int) <-chan error {
		done := make(chan error, 1)
		go func() {
			_, err := s.WriteDocument(ctx, docs[i], quads[i])
			done <- err
		}()
		return done
	}

	// hold takes a's locks; they are given up at the latest when the test
	// ends, before the stores close, so that a failure does not hang.
	hold := func(exclusive bool) func() {
		release, err := a.HoldWrite(ctx, exclusive)
		if err != nil {
			t.Fatal(err)
		}
		var once sync.Once
		t.Cleanup(func() { once.Do(release) })
		return func() { once.Do(release) }
	}
	release := hold(false)
	if err, ok := waitFor(goWrite(b, 1), time.Minute); !ok {
		t.Fatal("a writer of another document waited for the writer holding the lock (a minute)")
	} else if err != nil {
		t.Fatal(err)
	}
	// A reader waits; a writer that comes after it waits for it in turn
	// (PostgreSQL queues a lock request behind a waiting one it conflicts
	// with), so the reader comes second here.
	read := make(chan error, 1)
	go func() {
		_, err := c.Stats(ctx)
		read <- err
	}()
	if _, ok := waitFor(read, 200*time.Millisecond); ok {
		t.Error("a reader read while a writer of another process held the lock")
	}
	release()
	if err, ok := waitFor(read, time.Minute); !ok || err != nil {
		t.Fatalf("the reader, once the writer was done: %v (ended: %v)", err, ok)
	}

	release = hold(true)
	w := goWrite(b, 2)
	if _, ok := waitFor(w, 200*time.Millisecond); ok {
		t.Error("a writer of one document wrote while another process held the whole store")
	}
	release()
	if err, ok := waitFor(w, time.Minute); !ok || err != nil {
		t.Fatalf("the writer, once the store was given up: %v (ended: %v)", err, ok)
	}
	st, err := c.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 3 {
		t.Errorf("%d documents stored, want 3", st.Documents)
	}
}

// TestPostgresWritersShareNodes has a writer hold its transaction open,
// its article's nodes and quads written, while another store writes
// another article naming the same entities and predicates: the second
// must not wait for the first to commit (the reference counts of shared
// nodes such as rdf:type are raised at the end of a transaction), nor for
// a fold of the relations index's count deltas held open meanwhile (an
// article's write only inserts its own index rows and delta rows). Once
// all are done, every node's reference count is the number of quad
// directions that name it, and the index is exact.
func TestPostgresWritersShareNodes(t *testing.T) {
	docs, quads := genCorpus(t, 30)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	addr := pgtest.NewDB(t)
	a, b := openStore(t, ctx, addr), openStore(t, ctx, addr)
	// The first 20 articles are stored. Of the others, two are written
	// at once that share only nodes stored already: a node that both
	// would add is one the second must wait for, to know whether the
	// first adds it.
	stored := map[quad.Value]bool{}
	for i := range 20 {
		if _, err := a.WriteDocument(ctx, docs[i], quads[i]); err != nil {
			t.Fatal(err)
		}
		for _, q := range quads[i] {
			for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				stored[v] = true
			}
		}
	}
	newNodes := func(i int) map[quad.Value]bool {
		m := map[quad.Value]bool{}
		for _, q := range quads[i] {
			for _, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
				if !stored[v] {
					m[v] = true
				}
			}
		}
		return m
	}
	first, second := -1, -1
pairs:
	for i := 20; i < len(docs); i++ {
		for j := i + 1; j < len(docs); j++ {
			ni, nj := newNodes(i), newNodes(j)
			shared := false
			for v := range ni {
				shared = shared || nj[v]
			}
			if !shared {
				first, second = i, j
				break pairs
			}
		}
	}
	if first < 0 {
		t.Fatal("no two generated articles share only stored nodes")
	}
	commit, err := a.BeginWrite(ctx, quads[first])
	if err != nil {
		t.Fatal(err)
	}
	// A third store folds the count deltas of the relations index
	// meanwhile, and holds the count rows it updated (those of the
	// countries the articles name) until the end.
	fold, err := openStore(t, ctx, addr).BeginFold(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	var commitErr error
	end := func() {
		once.Do(func() {
			commitErr = commit()
			if err := fold(); err != nil && commitErr == nil {
				commitErr = err
			}
		})
	}
	t.Cleanup(end)
	done := make(chan error, 1)
	go func() {
		_, err := b.WriteDocument(ctx, docs[second], quads[second])
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("a writer waited a minute for another writer's open transaction to commit")
	}
	end()
	if commitErr != nil {
		t.Fatal(commitErr)
	}
	st, err := b.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 22 {
		t.Errorf("%d documents stored, want 22", st.Documents)
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var nodes, wrong int
	err = db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE n.refs <> (
		(SELECT count(*) FROM quads WHERE subject_hash = n.hash) + (SELECT count(*) FROM quads WHERE predicate_hash = n.hash) +
		(SELECT count(*) FROM quads WHERE object_hash = n.hash) + (SELECT count(*) FROM quads WHERE label_hash = n.hash)))
		FROM nodes n`).Scan(&nodes, &wrong)
	if err != nil {
		t.Fatal(err)
	}
	if nodes < 100 || wrong != 0 {
		t.Errorf("%d of %d nodes have a reference count other than the quads naming them", wrong, nodes)
	}
	verifyClean(t, b)
}

// openStore opens the postgres store at addr, as another process would,
// until the test ends.
func openStore(t *testing.T, ctx context.Context, addr string) *graph.Store {
	t.Helper()
	s, err := graph.Open(ctx, addr, graph.WithBackend(graph.Postgres))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
