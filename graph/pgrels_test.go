package graph_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
	gcmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/schema"
)

// openPG opens the PostgreSQL store at url, closed when the test ends.
func openPG(t *testing.T, url string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), url, graph.WithBackend(graph.Postgres))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func execSQL(t *testing.T, url string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// relationsProblems returns what Verify finds wrong with the relations
// index. (The bundled articles hold some that Verify finds other problems
// with on purpose, and TestPostgresRelationsIndexReplace makes edges
// without statements.)
func relationsProblems(t *testing.T, s *graph.Store) []graph.Problem {
	t.Helper()
	r, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []graph.Problem
	for _, p := range r.Problems {
		if p.Kind == graph.ProblemRelationsIndex {
			out = append(out, p)
		}
	}
	return out
}

// verifyClean fails the test when Verify finds the relations index
// wrong.
func verifyClean(t *testing.T, s *graph.Store) {
	t.Helper()
	for _, p := range relationsProblems(t, s) {
		t.Errorf("verify: %s", p)
	}
}

// allPaged returns every statement of the entity, from pages of 1000.
func allPaged(t *testing.T, s *graph.Store, ent string) []schema.Statement {
	t.Helper()
	got, _, _ := pagedAll(t, s, ent, graph.Filter{}, graph.Oldest, graph.MaxPageLimit)
	return got
}

// TestPostgresRelationsIndex shows that pages on PostgreSQL come from the
// index geokg keeps (a row taken out of it shows in the pages and in
// Verify, not in Relations), that a stale index is not read, and that
// opening the store as a writer rebuilds it, as it builds it for a store
// made before it (its tables dropped).
func TestPostgresRelationsIndex(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t)
	s := openPG(t, url)
	articles := bundledArticles(t)
	for _, a := range articles {
		if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
			t.Fatal(err)
		}
	}
	verifyClean(t, s)
	const iran = "ent:iran"
	want, err := s.Relations(ctx, iran, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 10 {
		t.Fatalf("Iran has %d statements, too few", len(want))
	}
	if got := allPaged(t, s, iran); !gcmp.Equal(want, got, cmpopts.EquateEmpty()) {
		t.Fatalf("pages of Iran differ from Relations:\n%s", gcmp.Diff(want, got))
	}

	// One row out of the index: the pages miss it, Relations does not.
	execSQL(t, url, `DELETE FROM geokg_rels WHERE ctid = (SELECT ctid FROM geokg_rels WHERE entity = 'ent:iran' LIMIT 1)`)
	if got := allPaged(t, s, iran); len(got) != len(want)-1 {
		t.Errorf("with a row of Iran's index removed, the pages give %d statements, want %d: they are not read from the index", len(got), len(want)-1)
	}
	if len(relationsProblems(t, s)) == 0 {
		t.Error("Verify finds nothing wrong with an index that lacks a row")
	}

	// Marked stale: the pages read every statement again.
	execSQL(t, url, `DELETE FROM geokg_meta WHERE key = 'rels'`)
	if got := allPaged(t, s, iran); !gcmp.Equal(want, got, cmpopts.EquateEmpty()) {
		t.Errorf("pages of a stale index differ from Relations:\n%s", gcmp.Diff(want, got))
	}
	if len(relationsProblems(t, s)) > 0 {
		t.Error("Verify checks an index marked stale")
	}

	// A writer's open rebuilds it.
	s2 := openPG(t, url)
	verifyClean(t, s2)
	checkPages(t, s2, []string{iran, "ent:albania", "ent:united_states"}, 7)

	// A store made before the index: its tables are built on open.
	execSQL(t, url, `DROP TABLE geokg_rels, geokg_rel_counts, geokg_rel_deltas, geokg_meta`)
	if got := allPaged(t, s2, iran); !gcmp.Equal(want, got, cmpopts.EquateEmpty()) {
		t.Errorf("pages without the index's tables differ from Relations:\n%s", gcmp.Diff(want, got))
	}
	s3 := openPG(t, url)
	verifyClean(t, s3)
	execSQL(t, url, `DELETE FROM geokg_rels WHERE ctid = (SELECT ctid FROM geokg_rels WHERE entity = 'ent:iran' LIMIT 1)`)
	if got := allPaged(t, s3, iran); len(got) != len(want)-1 {
		t.Errorf("the index built on open is not read: %d statements, want %d", len(got), len(want)-1)
	}
}

// TestPostgresRelationsIndexReplace writes articles again with changed
// statements (another date and evidence, a statement dropped, one
// negated), which changes statement nodes in part, and deletes some: the
// index keeps up, as Verify and the pages show.
func TestPostgresRelationsIndexReplace(t *testing.T) {
	ctx := context.Background()
	s := openPG(t, pgtest.NewDB(t))
	articles := bundledArticles(t)
	for _, a := range articles {
		if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
			t.Fatal(err)
		}
	}
	changed := 0
	for i, a := range articles[:6] {
		quads := slices.Clone(a.quads)
		var dropped string
		for j, q := range quads {
			switch schema.ValueString(q.Predicate) {
			case schema.Date:
				quads[j].Object = quad.String("2001-02-03")
				changed++
			case schema.Evidence:
				quads[j].Object = quad.String("changed: " + schema.ValueString(q.Object))
			case schema.Subject:
				if i%2 == 0 && dropped == "" {
					dropped = schema.ValueString(q.Subject)
				}
			}
		}
		if dropped != "" {
			quads = slices.DeleteFunc(quads, func(q quad.Quad) bool { return schema.ValueString(q.Subject) == dropped })
		}
		if i == 1 {
			for _, q := range quads {
				if schema.ValueString(q.Predicate) == schema.RDFType && schema.ValueString(q.Object) == schema.StatementType {
					quads = append(quads, quad.Quad{Subject: q.Subject, Predicate: quad.IRI(schema.Negated), Object: quad.String("true"), Label: q.Label})
					break
				}
			}
		}
		if _, err := s.WriteDocument(ctx, a.doc, quads); err != nil {
			t.Fatal(err)
		}
	}
	if changed == 0 {
		t.Fatal("no statement date changed: the test changes nothing in part")
	}
	for _, a := range articles[6:9] {
		if _, err := s.DeleteDocument(ctx, a.doc.ID); err != nil {
			t.Fatal(err)
		}
	}
	verifyClean(t, s)
	checkPages(t, s, entitiesIn(articles), 4)
}

// TestPostgresRelationsIndexWriters has three stores write overlapping
// articles at once, folding the count deltas after every other write,
// and a fourth replace and delete some meanwhile: the index and its counts
// are exact (Verify), and the pages equal Relations.
func TestPostgresRelationsIndexWriters(t *testing.T) {
	defer graph.SetRelFoldEvery(graph.SetRelFoldEvery(2))
	ctx := context.Background()
	url := pgtest.NewDB(t)
	articles := bundledArticles(t)
	openPG(t, url) // creates the tables
	orders := [][]article{articles, slices.Clone(articles), articles[len(articles)/2:]}
	slices.Reverse(orders[1])
	var wg sync.WaitGroup
	errs := make([]error, len(orders)+1)
	for i, order := range orders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := openPG(t, url)
			for _, a := range order {
				if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := openPG(t, url)
		for _, a := range articles[:4] {
			if _, err := s.WriteDocument(ctx, a.doc, a.quads[:len(a.quads)/2]); err != nil {
				errs[len(orders)] = err
				return
			}
			if _, err := s.DeleteDocument(ctx, a.doc.ID); err != nil && !errors.Is(err, graph.ErrNotFound) {
				errs[len(orders)] = err
				return
			}
		}
	}()
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", i+1, err)
		}
	}
	s := openPG(t, url)
	verifyClean(t, s)
	checkPages(t, s, entitiesIn(articles), 5)
}

// TestPostgresRelationsIndexRestore backs up a PostgreSQL store and
// restores it into a new one, and over a store that holds other articles
// (Force): the index of the restored store is exact.
func TestPostgresRelationsIndexRestore(t *testing.T) {
	ctx := context.Background()
	src := openPG(t, pgtest.NewDB(t))
	articles := bundledArticles(t)
	for _, a := range articles {
		if _, err := src.WriteDocument(ctx, a.doc, a.quads); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := src.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	quads, err := graph.ReadBackup(bytes.NewReader(buf.Bytes()), "backup")
	if err != nil {
		t.Fatal(err)
	}
	fresh := openPG(t, pgtest.NewDB(t))
	if _, err := fresh.Restore(ctx, quads, graph.RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	verifyClean(t, fresh)
	checkPages(t, fresh, entitiesIn(articles), 6)

	other := openPG(t, pgtest.NewDB(t))
	for _, a := range articles[:3] {
		if _, err := other.WriteDocument(ctx, a.doc, a.quads[:len(a.quads)/2]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := other.Restore(ctx, quads, graph.RestoreOptions{Force: true}); err != nil {
		t.Fatal(err)
	}
	verifyClean(t, other)
	checkPages(t, other, entitiesIn(articles), 6)
}
