package graph_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
)

// TestReadOnlyBeside: readers of a bolt store share it, with a read-only
// server of another process among them; a writer is refused while they
// read, and readers are refused while a writer holds it, each told why.
func TestReadOnlyBeside(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := graph.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, w, docTies, tiesStatements())
	want := stats(t, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	t.Run("beside a read-only server", func(t *testing.T) {
		helper, stdin := holdStore(t, dir, "read")
		defer func() { stdin.Close(); helper.Wait() }()
		if h := readHolder(t, dir); h.PID != helper.Process.Pid || h.Server != "http://127.0.0.1:64998" || h.Writes {
			t.Errorf("holder file = %+v, want the read-only server of the helper", h)
		}
		// Two readers of this process besides the helper's.
		for i := range 2 {
			r, err := graph.Open(ctx, dir, graph.WithReadOnly(), graph.WithLockTimeout(100*time.Millisecond))
			if err != nil {
				t.Fatalf("reader %d: %v", i, err)
			}
			defer r.Close()
			if diff := cmp.Diff(want, stats(t, r)); diff != "" {
				t.Errorf("reader %d: stats (-want +got):\n%s", i, diff)
			}
			rels, err := r.Relations(ctx, albania.IRI, graph.Filter{})
			if err != nil || len(rels) == 0 {
				t.Errorf("reader %d: Relations = %d, %v", i, len(rels), err)
			}
			// A reader cannot write, and its failed write changes nothing.
			if _, err := r.WriteDocument(ctx, docEcho, quadtest.Quads(docEcho, echoStatements())); err == nil {
				t.Errorf("reader %d wrote to the store", i)
			} else {
				t.Logf("reader %d, WriteDocument: %v", i, err)
			}
			if diff := cmp.Diff(want, stats(t, r)); diff != "" {
				t.Errorf("reader %d: stats after a write (-want +got):\n%s", i, diff)
			}
		}
		// A writer is refused, named the server and told to restart it
		// with writes.
		_, err := graph.Open(ctx, dir, graph.WithLockTimeout(50*time.Millisecond))
		var le *graph.LockedError
		if !errors.As(err, &le) || le.Reader {
			t.Fatalf("a writer beside readers: Open = %v, want a writer's *LockedError", err)
		}
		re := regexp.MustCompile(`locked by PID ` + strconv.Itoa(helper.Process.Pid) + ` \(geokg helper at http://127\.0\.0\.1:64998, .*\); stop it, or restart it with --allow-writes`)
		if !re.MatchString(err.Error()) {
			t.Errorf("Open = %q, want it to match %s", err, re)
		}
	})
	// The readers' Close leaves the server's record; the server's own
	// Close removed it.
	if _, err := os.Stat(filepath.Join(dir, "geokg.lock")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("holder file after every reader closed: %v, want none", err)
	}

	t.Run("beside a writing server", func(t *testing.T) {
		helper, stdin := holdStore(t, dir, "serve")
		defer func() { stdin.Close(); helper.Wait() }()
		_, err := graph.Open(ctx, dir, graph.WithReadOnly(), graph.WithLockTimeout(50*time.Millisecond))
		var le *graph.LockedError
		if !errors.As(err, &le) || !le.Reader || !errors.Is(err, graph.ErrLocked) {
			t.Fatalf("a reader beside a writer: Open = %v, want a reader's *LockedError", err)
		}
		re := regexp.MustCompile(`locked by PID ` + strconv.Itoa(helper.Process.Pid) + ` \(geokg helper at http://127\.0\.0\.1:64999, .*\); it writes to the store: stop it, restart it without --allow-writes .*, or query its API at http://127\.0\.0\.1:64999$`)
		if !re.MatchString(err.Error()) {
			t.Errorf("Open = %q, want it to match %s", err, re)
		}
	})

	t.Run("no store", func(t *testing.T) {
		missing := filepath.Join(t.TempDir(), "none")
		_, err := graph.Open(ctx, missing, graph.WithReadOnly())
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open of a missing store for reading = %v, want fs.ErrNotExist", err)
		}
		if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("a read-only Open created %s", missing)
		}
	})
}
