package graph_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
)

func TestOpenBackends(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		path    string
		backend string
		wantErr error
	}{
		{name: "memstore", backend: graph.Memstore},
		{name: "bolt", path: "store", backend: graph.Bolt},
		{name: "unknown", path: "store", backend: "postgress", wantErr: graph.ErrUnknownBackend},
		{name: "bolt without a directory", backend: graph.Bolt, wantErr: errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path != "" {
				path = filepath.Join(t.TempDir(), path)
			}
			s, err := graph.Open(ctx, path, graph.WithBackend(tt.backend))
			if tt.wantErr != nil {
				if err == nil {
					s.Close()
					t.Fatalf("Open(%q, %s) succeeded, want an error", path, tt.backend)
				}
				if tt.wantErr != errAny && !errors.Is(err, tt.wantErr) {
					t.Fatalf("Open(%q, %s) = %v, want %v", path, tt.backend, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open(%q, %s): %v", path, tt.backend, err)
			}
			defer s.Close()
			if got := s.Backend(); got != tt.backend {
				t.Errorf("Backend() = %q, want %q", got, tt.backend)
			}
			if got := stats(t, s); got.Quads != 0 {
				t.Errorf("new store has %d quads, want 0", got.Quads)
			}
		})
	}
}

// errAny stands for "some error" in tables.
var errAny = errors.New("any error")

func TestOpenUnknownBackendListsChoices(t *testing.T) {
	_, err := graph.Open(context.Background(), t.TempDir(), graph.WithBackend("postgress"))
	if err == nil {
		t.Fatal("Open with an unknown backend succeeded")
	}
	for _, want := range append(graph.Backends(), "postgress") {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}

func TestBoltWriteCloseReopen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "kg")
	s, err := graph.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	_, quads := write(t, s, docTies, tiesStatements())
	write(t, s, docEcho, echoStatements())
	wantStats := stats(t, s)
	wantRels, err := s.Relations(ctx, "ent:albania", graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := s.Stats(ctx); err == nil {
		t.Error("Stats on a closed store succeeded")
	}

	s, err = graph.Open(ctx, dir)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	if diff := cmp.Diff(wantStats, stats(t, s)); diff != "" {
		t.Errorf("Stats after reopening (-want +got):\n%s", diff)
	}
	gotRels, err := s.Relations(ctx, "ent:albania", graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantRels, gotRels); diff != "" {
		t.Errorf("Relations after reopening (-want +got):\n%s", diff)
	}
	// The stored quads read back equal to the written ones: re-ingesting
	// the document changes nothing.
	res, err := s.WriteDocument(ctx, docTies, quadtest.Quads(docTies, tiesStatements()))
	if err != nil {
		t.Fatal(err)
	}
	if want := (graph.WriteResult{Unchanged: own(docTies, quads)}); res != want {
		t.Errorf("re-ingest after reopening = %+v, want %+v", res, want)
	}
	got, err := s.Query(ctx, graph.Gizmo, `g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []interface{}{map[string]interface{}{"id": "<ent:iran>"}, map[string]interface{}{"id": "<ent:iran>"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gizmo after reopening (-want +got):\n%s", diff)
	}
}

func TestBoltLocked(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first, err := graph.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	second, err := graph.Open(ctx, dir, graph.WithLockTimeout(10*time.Millisecond))
	if err == nil {
		second.Close()
		t.Fatal("opening a store another handle holds succeeded")
	}
	if !errors.Is(err, graph.ErrLocked) {
		t.Fatalf("Open of a held store = %v, want ErrLocked", err)
	}
	// The holder is this very process, which recorded itself on Open.
	want := regexp.MustCompile("^open store " + regexp.QuoteMeta(dir) + `: locked by PID ` + strconv.Itoa(os.Getpid()) +
		` \(graph\.test, since [-0-9: ]+\); wait until it has finished, or stop it$`)
	if !want.MatchString(err.Error()) {
		t.Errorf("error = %q, want it to match %s", err, want)
	}
	// Once released, it opens.
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := graph.Open(ctx, dir, graph.WithLockTimeout(10*time.Millisecond))
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	again.Close()
}

func TestClosedStore(t *testing.T) {
	ctx := context.Background()
	s, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if _, err := s.WriteDocument(ctx, docTies, nil); err == nil {
		t.Error("WriteDocument on a closed store succeeded")
	}
	if _, err := s.Entity(ctx, "ent:iran"); err == nil {
		t.Error("Entity on a closed store succeeded")
	}
}

func TestCancelledContext(t *testing.T) {
	s := openMem(t)
	write(t, s, docTies, tiesStatements())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := map[string]func() error{
		"Stats":         func() error { _, err := s.Stats(ctx); return err },
		"Relations":     func() error { _, err := s.Relations(ctx, "ent:iran", graph.Filter{}); return err },
		"Paths":         func() error { _, err := s.Paths(ctx, "ent:united_states", "ent:iran", 0); return err },
		"Query":         func() error { _, err := s.Query(ctx, graph.Gizmo, `g.V().All()`, 0); return err },
		"WriteDocument": func() error { _, err := s.WriteDocument(ctx, docEcho, nil); return err },
		"Open": func() error {
			s, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
			if err == nil {
				s.Close()
			}
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			if err := call(); !errors.Is(err, context.Canceled) {
				t.Errorf("%s with a cancelled context = %v, want context.Canceled", name, err)
			}
		})
	}
	if got := stats(t, s).Documents; got != 1 {
		t.Errorf("documents = %d after a cancelled write, want 1", got)
	}
}
