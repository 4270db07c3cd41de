package graph_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // Cayley's own "postgres" flavour, to read what geokg wrote
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// docValues is an article whose quads hold a value of every kind Cayley's
// SQL backend stores in its own columns, plus one it stores encoded.
var docValues = schema.Document{ID: "doc:every_value"}

func valueQuads() []quad.Quad {
	d := quad.IRI(docValues.ID)
	p := func(name string) quad.IRI { return quad.IRI("geo:" + name) }
	return []quad.Quad{
		{Subject: d, Predicate: p("iri"), Object: quad.IRI("ent:iran"), Label: d},
		{Subject: d, Predicate: p("bnode"), Object: quad.BNode("b1"), Label: d},
		{Subject: d, Predicate: p("string"), Object: quad.String("nul \x00 inside"), Label: d},
		{Subject: d, Predicate: p("typed"), Object: quad.TypedString{Value: "0.9", Type: "xsd:float"}, Label: d},
		{Subject: d, Predicate: p("lang"), Object: quad.LangString{Value: "Iran", Lang: "en"}, Label: d},
		{Subject: d, Predicate: p("int"), Object: quad.Int(-7), Label: d},
		{Subject: d, Predicate: p("bool"), Object: quad.Bool(true), Label: d},
		{Subject: d, Predicate: p("float"), Object: quad.Float(2.5), Label: d},
		{Subject: d, Predicate: p("time"), Object: quad.Time(time.Date(2022, 9, 7, 12, 30, 0, 0, time.UTC)), Label: d},
		{Subject: d, Predicate: p("raw"), Object: quad.Raw("raw bytes"), Label: d},
	}
}

// bigQuads returns a document of n quads, more than one INSERT carries.
func bigQuads(doc schema.Document, n, from int) []quad.Quad {
	d := quad.IRI(doc.ID)
	out := make([]quad.Quad, n)
	for i := range out {
		out[i] = quad.Quad{Subject: d, Predicate: quad.IRI("geo:alias"), Object: quad.String(fmt.Sprintf("name %d", from+i)), Label: d}
	}
	return out
}

// pgWrites is a sequence of writes that covers what ingest does to a
// store: new articles sharing nodes, every kind of value, a document too
// large for one statement, an article written again with other quads (its
// old quads removed, node counts lowered) and one deleted.
func pgWrites(t *testing.T, s *graph.Store) {
	t.Helper()
	ctx := context.Background()
	docBig := schema.Document{ID: "doc:big"}
	steps := []struct {
		doc   schema.Document
		quads []quad.Quad
	}{
		{docTies, quadtest.Quads(docTies, tiesStatements())},
		{docEcho, quadtest.Quads(docEcho, echoStatements())},
		{docValues, valueQuads()},
		{docBig, bigQuads(docBig, 2500, 0)},
		{docBig, bigQuads(docBig, 1200, 2000)},
		{docTies, quadtest.Quads(docTies, tiesStatements()[:3])},
	}
	for i, st := range steps {
		if _, err := s.WriteDocument(ctx, st.doc, st.quads); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	if _, err := s.DeleteDocument(ctx, docEcho.ID); err != nil {
		t.Fatal(err)
	}
}

// pgTables returns the rows of Cayley's two tables in the database at url
// as JSON text, sorted: every column of nodes, and the four hashes of
// quads (their serial number and time stamp differ from run to run).
func pgTables(t *testing.T, url string) []string {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	for _, q := range []string{
		`SELECT row_to_json(n)::text FROM nodes n`,
		`SELECT json_build_object('s', subject_hash, 'p', predicate_hash, 'o', object_hash, 'l', label_hash)::text FROM quads`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	sort.Strings(out)
	return out
}

// TestPostgresWriterRows makes the same writes through Cayley's own
// postgres writer and through geokg's batched one: the two databases must
// hold the same rows, node reference counts included.
func TestPostgresWriterRows(t *testing.T) {
	ctx := context.Background()
	tables := map[string][]string{}
	for _, w := range []struct {
		name string
		opts []graph.Option
	}{
		{"cayley", []graph.Option{graph.WithCayleyPostgresWriter()}},
		{"geokg", nil},
	} {
		url := pgtest.NewDB(t)
		s, err := graph.Open(ctx, url, append([]graph.Option{graph.WithBackend(graph.Postgres)}, w.opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		pgWrites(t, s)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		tables[w.name] = pgTables(t, url)
	}
	if len(tables["cayley"]) < 1000 {
		t.Fatalf("Cayley's writer left %d rows, too few for the comparison to mean much", len(tables["cayley"]))
	}
	if diff := cmp.Diff(tables["cayley"], tables["geokg"]); diff != "" {
		t.Errorf("rows (-cayley +geokg):\n%s", diff)
	}
}

// TestPostgresStockCayleyReads reads a store geokg wrote with Cayley's own
// "postgres" flavour, as `cayley --db postgres` would: every quad written
// and not removed is there, and nothing else.
func TestPostgresStockCayleyReads(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDB(t)
	s, err := graph.Open(ctx, url, graph.WithBackend(graph.Postgres))
	if err != nil {
		t.Fatal(err)
	}
	pgWrites(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, q := range append(append(quadtest.Quads(docTies, tiesStatements()[:3]), valueQuads()...), bigQuads(schema.Document{ID: "doc:big"}, 1200, 2000)...) {
		want = append(want, q.NQuad())
	}
	sort.Strings(want)

	qs, err := csql.New("postgres", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	var got []string
	it := qs.QuadsAllIterator().Iterate()
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, q.NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	it.Close()
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quads Cayley reads (-written +read):\n%s", diff)
	}
}

// TestPostgresWriterDuplicates writes quads twice through Cayley's quad
// writer on geokg's flavour, labelled and not: ignoring duplicates keeps
// one copy, otherwise the second write fails with Cayley's ErrQuadExists.
func TestPostgresWriterDuplicates(t *testing.T) {
	ctx := context.Background()
	s, err := graph.Open(ctx, pgtest.NewDB(t), graph.WithBackend(graph.Postgres))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		name  string
		label quad.Value
	}{
		{"labelled", quad.IRI("doc:dup")},
		{"unlabelled", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := quad.Quad{Subject: quad.IRI("ent:a"), Predicate: quad.IRI("rel:b_" + tt.name), Object: quad.IRI("ent:c"), Label: tt.label}
			lenient, err := cgraph.NewQuadWriter("single", s.QuadStore(), cgraph.Options{"ignore_duplicate": true})
			if err != nil {
				t.Fatal(err)
			}
			for range 2 {
				if err := lenient.AddQuad(q); err != nil {
					t.Fatalf("ignoring duplicates: %v", err)
				}
			}
			strict, err := cgraph.NewQuadWriter("single", s.QuadStore(), cgraph.Options{"ignore_duplicate": false})
			if err != nil {
				t.Fatal(err)
			}
			if err := strict.AddQuad(q); !errors.Is(err, cgraph.ErrQuadExists) {
				t.Errorf("second write without ignoring duplicates: %v, want ErrQuadExists", err)
			}
			if got := storedCopies(t, s, q); got != 1 {
				t.Errorf("%d copies of %s stored, want 1", got, q.NQuad())
			}
		})
	}
}

// storedCopies counts the stored copies of q, label included.
func storedCopies(t *testing.T, s *graph.Store, q quad.Quad) int {
	t.Helper()
	ctx := context.Background()
	qs := s.QuadStore()
	ref, err := qs.ValueOf(q.Subject)
	if err != nil {
		t.Fatal(err)
	}
	it := qs.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	n := 0
	for it.Next(ctx) {
		got, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		if got.NQuad() == q.NQuad() {
			n++
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}
