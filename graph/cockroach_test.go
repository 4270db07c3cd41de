package graph_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// No CockroachDB server runs in these tests (its licence does not let us
// use it here). The cockroach backend's statements are checked as text,
// and the backend runs against PostgreSQL with serializable isolation, as
// a stand-in that speaks the same protocol and aborts conflicting
// transactions as CockroachDB does; docs/scale.md says what that leaves
// untested. Whoever may run CockroachDB can point envCockroach at a server:
// the tests that need only a database (TestCockroachBackend and the
// cockroach case of TestSharedStoreConcurrentWriters) then run against it.

// envCockroach names a CockroachDB server, as a postgresql:// URL whose
// user may create databases, for the tests that can run against one.
const envCockroach = "GEOKG_TEST_COCKROACH_URL"

// TestCockroachSchema checks the statements that create a CockroachDB
// store: each may run again (IF NOT EXISTS), the unique indexes on quads
// are partial, and none uses what CockroachDB lacks or what only it has.
func TestCockroachSchema(t *testing.T) {
	stmts := graph.CockroachSchema()
	all := strings.Join(stmts, "\n")
	for _, want := range []string{
		`CREATE UNIQUE INDEX IF NOT EXISTS spo_unique ON quads (subject_hash, predicate_hash, object_hash) WHERE label_hash IS NULL`,
		`CREATE UNIQUE INDEX IF NOT EXISTS spol_unique ON quads (subject_hash, predicate_hash, object_hash, label_hash) WHERE label_hash IS NOT NULL`,
		`CREATE INDEX IF NOT EXISTS spo_index ON quads (subject_hash, predicate_hash, object_hash)`,
		`CREATE INDEX IF NOT EXISTS ops_index ON quads (object_hash, predicate_hash, subject_hash)`,
		`CREATE INDEX IF NOT EXISTS pos_index ON quads (predicate_hash, object_hash, subject_hash)`,
		`CREATE INDEX IF NOT EXISTS osp_index ON quads (object_hash, subject_hash, predicate_hash)`,
		`CREATE INDEX IF NOT EXISTS geokg_label_index ON quads (label_hash, subject_hash)`,
		`CREATE TABLE IF NOT EXISTS geokg_doc_locks (doc TEXT PRIMARY KEY)`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no statement %q", want)
		}
	}
	for _, s := range stmts {
		if !strings.HasPrefix(s, "CREATE ") || !strings.Contains(s, " IF NOT EXISTS ") {
			t.Errorf("statement cannot run twice: %s", s)
		}
		for _, bad := range []string{"FAMILY", "RETURNING NOTHING", "pg_advisory", "FOREIGN KEY", "FILLFACTOR"} {
			if strings.Contains(strings.ToUpper(s), strings.ToUpper(bad)) {
				t.Errorf("statement uses %s: %s", bad, s)
			}
		}
	}
}

// standInURL returns a new database of the PostgreSQL cluster whose
// sessions run serializable transactions, like CockroachDB's.
func standInURL(t *testing.T) string {
	return pgtest.NewDB(t) + "&default_transaction_isolation=serializable"
}

// crdbURL returns a new database on the CockroachDB server of envCockroach,
// dropped after the test, or without that variable one of the stand-in.
func crdbURL(t *testing.T) string {
	t.Helper()
	server := os.Getenv(envCockroach)
	if server == "" {
		return standInURL(t)
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s: %v", envCockroach, err)
	}
	name := fmt.Sprintf("geokg_test_%d", time.Now().UnixNano())
	db, err := sql.Open("postgres", server)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("%s: create database %s: %v", envCockroach, name, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("postgres", server)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE " + name); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

func openCockroach(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), crdbURL(t), graph.WithBackend(graph.Cockroach))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sqlRows runs query on the database at addr and returns each row's
// columns joined by " | ", sorted.
func sqlRows(t *testing.T, addr, query string) []string {
	t.Helper()
	db, err := sql.Open("postgres", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, v := range vals {
			parts = append(parts, v.String)
		}
		out = append(out, strings.Join(parts, " | "))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestCockroachSchemaIsCayleys creates a store with the cockroach
// backend's statements and one with Cayley's own postgres schema, both on
// PostgreSQL: the tables must have the same columns and the quads table the
// same indexes, but for Cayley's fill factor and foreign keys.
func TestCockroachSchemaIsCayleys(t *testing.T) {
	ctx := context.Background()
	urls := map[string]string{graph.Postgres: pgtest.NewDB(t), graph.Cockroach: standInURL(t)}
	got := map[string][]string{}
	for _, backend := range []string{graph.Postgres, graph.Cockroach} {
		s, err := graph.Open(ctx, urls[backend], graph.WithBackend(backend))
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		got[backend] = append(sqlRows(t, urls[backend], `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name IN ('nodes', 'quads')`),
			sqlRows(t, urls[backend], `SELECT indexname, replace(indexdef, ' WITH (fillfactor=''50'')', '') FROM pg_indexes
			WHERE schemaname = current_schema() AND tablename IN ('nodes', 'quads')`)...)
	}
	if len(got[graph.Postgres]) < 20 {
		t.Fatalf("Cayley's schema reads as %d rows, too few: %q", len(got[graph.Postgres]), got[graph.Postgres])
	}
	if diff := cmp.Diff(got[graph.Postgres], got[graph.Cockroach]); diff != "" {
		t.Errorf("columns and indexes (-postgres +cockroach):\n%s", diff)
	}
}

// TestCockroachBackend runs the cockroach backend (on the stand-in, or on
// the server of envCockroach): the same relation from two articles is
// stored once per article, and the store answers as a memstore holding the
// same articles does.
func TestCockroachBackend(t *testing.T) {
	ctx := context.Background()
	mem, crdb := openMem(t), openCockroach(t)
	for _, s := range []*graph.Store{mem, crdb} {
		write(t, s, docTies, tiesStatements())
		write(t, s, docEcho, echoStatements())
	}
	if n := countQuads(t, crdb, "ent:albania", "rel:severed_ties_with", "ent:iran"); n != 2 {
		t.Errorf("%d copies of Albania severed_ties_with Iran, want one per article: 2", n)
	}
	type answers struct {
		Stats     graph.Stats
		Relations []schema.Statement
		Merged    []graph.MergedRelation
		Paths     []string
	}
	ask := func(s *graph.Store) answers {
		var a answers
		var err error
		if a.Stats, err = s.Stats(ctx); err != nil {
			t.Fatal(err)
		}
		// memstore keeps entity facts once, labelled with the entity; the
		// SQL backends once per article (see graph.Store.WriteDocument).
		a.Stats.Quads = 0
		if a.Relations, err = s.Relations(ctx, "ent:iran", graph.Filter{}); err != nil {
			t.Fatal(err)
		}
		if a.Merged, err = s.MergedRelations(ctx, "ent:albania", graph.Filter{}); err != nil {
			t.Fatal(err)
		}
		ps, err := s.Paths(ctx, "ent:united_states", "ent:iran", 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			a.Paths = append(a.Paths, p.String())
		}
		return a
	}
	want, got := ask(mem), ask(crdb)
	if len(want.Relations) == 0 || len(want.Paths) == 0 {
		t.Fatalf("empty answers compare nothing: %+v", want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-memstore +cockroach):\n%s", diff)
	}
}

// TestOpenRefusesUniqueTriples opens a database whose quads table has an
// unconditional unique index on (subject, predicate, object), as Cayley's
// own cockroach backend makes it: both SQL backends refuse it, since it
// would keep one copy of a relation that several articles report.
func TestOpenRefusesUniqueTriples(t *testing.T) {
	for _, backend := range []string{graph.Postgres, graph.Cockroach} {
		t.Run(backend, func(t *testing.T) {
			addr := pgtest.NewDB(t)
			db, err := sql.Open("postgres", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, s := range graph.CockroachSchema() {
				s = strings.ReplaceAll(s, " WHERE label_hash IS NULL", "")
				s = strings.ReplaceAll(s, " WHERE label_hash IS NOT NULL", "")
				if _, err := db.Exec(s); err != nil {
					t.Fatal(err)
				}
			}
			_, err = graph.Open(context.Background(), addr, graph.WithBackend(backend))
			if !errors.Is(err, graph.ErrIncompatibleSchema) {
				t.Fatalf("Open = %v, want ErrIncompatibleSchema", err)
			}
			if !strings.Contains(err.Error(), "spo_unique") {
				t.Errorf("the error does not name the index: %v", err)
			}
		})
	}
}

// TestOpenSQLErrors checks the errors of opening a server backend with no
// URL or an unreachable one: they name the backend, and never show a
// password.
func TestOpenSQLErrors(t *testing.T) {
	tests := []struct {
		backend, addr string
		want          string
	}{
		{graph.Cockroach, "", "open cockroach store: no database URL given"},
		{graph.Postgres, "", "open postgres store: no database URL given"},
		{graph.Cockroach, "postgresql://geokg:secret@127.0.0.1:1/kg?sslmode=disable&connect_timeout=5", "open cockroach store postgresql://geokg:xxxxx@127.0.0.1:1/kg?sslmode=disable&connect_timeout=5: connect:"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %q", tt.backend, tt.addr), func(t *testing.T) {
			_, err := graph.Open(context.Background(), tt.addr, graph.WithBackend(tt.backend))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("Open = %v, want an error starting %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}

// TestSharedStoreRoles opens a store that its owner created as a role that
// may only read and write its rows, and as one that may only read them, as
// docs/scale.md advises for a shared database: both open it (geokg changes
// no schema that is already there), the writer writes, the reader reads
// and may not write.
func TestSharedStoreRoles(t *testing.T) {
	for _, tt := range []struct {
		backend string
		url     func(t *testing.T) string
	}{
		{graph.Postgres, func(t *testing.T) string { return pgtest.NewDB(t) }},
		{graph.Cockroach, standInURL},
	} {
		t.Run(tt.backend, func(t *testing.T) {
			ctx := context.Background()
			addr := tt.url(t)
			owner, err := graph.Open(ctx, addr, graph.WithBackend(tt.backend))
			if err != nil {
				t.Fatal(err)
			}
			write(t, owner, docTies, tiesStatements())
			owner.Close()

			writer, reader := "kgwriter_"+tt.backend, "kgreader_"+tt.backend
			db, err := sql.Open("postgres", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, stmt := range []string{
				"CREATE ROLE " + writer + " LOGIN",
				"CREATE ROLE " + reader + " LOGIN",
				"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + writer,
				"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + writer,
				"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader,
			} {
				if _, err := db.Exec(stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
			as := func(role string) *graph.Store {
				t.Helper()
				s, err := graph.Open(ctx, strings.Replace(addr, "postgres@", role+"@", 1), graph.WithBackend(tt.backend))
				if err != nil {
					t.Fatalf("open as %s: %v", role, err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			w, r := as(writer), as(reader)
			write(t, w, docEcho, echoStatements())
			rels, err := r.Relations(ctx, "ent:albania", graph.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			docs := map[string]bool{}
			for _, s := range rels {
				docs[s.Doc] = true
			}
			if !docs[docTies.ID] || !docs[docEcho.ID] {
				t.Errorf("the reader sees statements of %v, want both articles", docs)
			}
			doc := schema.Document{ID: "doc:by_reader"}
			stmts := []schema.Statement{stmt(doc, iran, "condemned", albania, 0, nil)}
			if _, err := r.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err == nil || !strings.Contains(err.Error(), "permission denied") {
				t.Errorf("the reader wrote: %v, want permission denied", err)
			}
		})
	}
}
