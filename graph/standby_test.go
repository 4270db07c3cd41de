//go:build integration

package graph_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/internal/quadtest"
)

// TestStandbyStore opens a store on a PostgreSQL hot standby: it reads
// what the primary wrote, once replayed, and every write fails with
// ErrStandby and changes nothing.
func TestStandbyStore(t *testing.T) {
	primary := pgtest.Start()
	t.Cleanup(primary.Stop)
	primary.Require(t)
	standby := primary.StartStandby()
	t.Cleanup(standby.Stop)
	if err := standby.Err(); err != nil {
		t.Fatalf("start a hot standby: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	primaryURL := primary.NewDB(t)
	u, err := url.Parse(primaryURL)
	if err != nil {
		t.Fatal(err)
	}
	standbyURL := standby.URL(strings.TrimPrefix(u.Path, "/"))
	if err := primary.WaitReplayed(ctx, standby); err != nil {
		t.Fatal(err)
	}

	// No tables yet: the standby cannot make them, and says what to do.
	_, err = graph.Open(ctx, standbyURL, graph.WithBackend(graph.Postgres))
	if err == nil || !strings.Contains(err.Error(), "holds no geokg store") || !strings.Contains(err.Error(), "primary") {
		t.Fatalf("open an empty standby database: %v, want an error naming the primary", err)
	}

	p, err := graph.Open(ctx, primaryURL, graph.WithBackend(graph.Postgres))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Standby() {
		t.Error("the primary's store says it is a standby")
	}
	write(t, p, docTies, tiesStatements())
	if err := primary.WaitReplayed(ctx, standby); err != nil {
		t.Fatal(err)
	}

	s, err := graph.Open(ctx, standbyURL, graph.WithBackend(graph.Postgres))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Standby() {
		t.Fatal("the standby's store does not say it is a standby")
	}
	want := stats(t, p)
	if got := stats(t, s); !cmp.Equal(got, want) {
		t.Errorf("standby Stats = %+v, primary's %+v", got, want)
	}
	pr, err := p.Relations(ctx, "ent:iran", graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sr, err := s.Relations(ctx, "ent:iran", graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pr) == 0 || !cmp.Equal(pr, sr) {
		t.Errorf("Relations(Iran): primary %d statements, standby %d:\n%s", len(pr), len(sr), cmp.Diff(pr, sr))
	}
	// The standby reads the relations index its primary keeps, which
	// Verify checks there too.
	checkPages(t, s, []string{"ent:iran", "ent:united_states"}, 3)
	verifyClean(t, s)
	pp, err := p.RelationsPage(ctx, "ent:iran", graph.Filter{}, graph.Page{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	sp, err := s.RelationsPage(ctx, "ent:iran", graph.Filter{}, graph.Page{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if pp.Total == 0 || !cmp.Equal(pp, sp) {
		t.Errorf("RelationsPage(Iran): primary %+v, standby %+v", pp, sp)
	}

	isStandby := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, graph.ErrStandby) || !strings.Contains(err.Error(), "write to its primary") {
			t.Errorf("%s on the standby: %v, want ErrStandby", what, err)
		}
	}
	_, err = s.WriteDocument(ctx, docEcho, quadtest.Quads(docEcho, echoStatements()))
	isStandby("WriteDocument", err)
	_, err = s.DeleteDocument(ctx, docTies.ID)
	isStandby("DeleteDocument", err)
	isStandby("Update", s.Update(ctx, func(cgraph.QuadStore) error { return nil }))
	_, err = s.Restore(ctx, quadtest.Quads(docEcho, echoStatements()), graph.RestoreOptions{})
	isStandby("Restore", err)
	if got := stats(t, p); !cmp.Equal(got, want) {
		t.Errorf("primary Stats after the standby's refused writes = %+v, want %+v", got, want)
	}
}
