package graph_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
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
	addr := newPostgresDB(t)
	open := func() *graph.Store {
		s, err := graph.Open(ctx, addr, graph.WithBackend(graph.Postgres))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	a, b, c := open(), open(), open()
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
	read := make(chan error, 1)
	go func() {
		_, err := c.Stats(ctx)
		read <- err
	}()
	if err, ok := waitFor(goWrite(b, 1), time.Minute); !ok {
		t.Fatal("a writer of another document waited for the writer holding the lock (a minute)")
	} else if err != nil {
		t.Fatal(err)
	}
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
