package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
)

// ErrIncompatibleSchema is returned by Open for a PostgreSQL or CockroachDB
// database whose quads table cannot hold geokg's graph: one made by
// Cayley's own cockroach backend, whose unique index on (subject,
// predicate, object) keeps one copy of a triple where geokg keeps one per
// article that says it.
var ErrIncompatibleSchema = errors.New("store's tables do not fit geokg")

// cockroachSchema returns the statements that create, unless they exist,
// the tables and indexes of a CockroachDB store: Cayley's SQL schema (the
// nodes and quads tables that Cayley's SQL backend reads, with the columns
// and types of its postgres flavour), its unique indexes made partial as
// on PostgreSQL, so that the same triple can be stored once per label, its
// four lookup indexes, geokg's label index, and the table of document
// locks (lockDocumentRow). Each statement stands alone and may run again,
// so that several processes opening a new database need no lock, which
// CockroachDB does not offer; there are no foreign keys, as in Cayley's
// cockroach flavour.
func cockroachSchema() []string {
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS nodes (
	hash BYTEA PRIMARY KEY,
	refs INT NOT NULL,
	value BYTEA,
	value_string TEXT,
	datatype TEXT,
	language TEXT,
	iri BOOLEAN,
	bnode BOOLEAN,
	value_int BIGINT,
	value_bool BOOLEAN,
	value_float DOUBLE PRECISION,
	value_time TIMESTAMP WITH TIME ZONE
)`,
		`CREATE TABLE IF NOT EXISTS quads (
	horizon BIGSERIAL PRIMARY KEY,
	subject_hash BYTEA NOT NULL,
	predicate_hash BYTEA NOT NULL,
	object_hash BYTEA NOT NULL,
	label_hash BYTEA,
	ts TIMESTAMP
)`,
		`CREATE UNIQUE INDEX IF NOT EXISTS spo_unique ON quads (subject_hash, predicate_hash, object_hash) WHERE label_hash IS NULL`,
		`CREATE UNIQUE INDEX IF NOT EXISTS spol_unique ON quads (subject_hash, predicate_hash, object_hash, label_hash) WHERE label_hash IS NOT NULL`,
	}
	// Cayley's lookup indexes, under Cayley's names.
	for _, cols := range [][3]string{
		{"subject", "predicate", "object"},
		{"object", "predicate", "subject"},
		{"predicate", "object", "subject"},
		{"object", "subject", "predicate"},
	} {
		name := cols[0][:1] + cols[1][:1] + cols[2][:1]
		stmts = append(stmts, fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s_index ON quads (%s_hash, %s_hash, %s_hash)`, name, cols[0], cols[1], cols[2]))
	}
	return append(stmts,
		`CREATE INDEX IF NOT EXISTS geokg_label_index ON quads (label_hash, subject_hash)`,
		`CREATE TABLE IF NOT EXISTS geokg_doc_locks (doc TEXT PRIMARY KEY)`,
	)
}

// openCockroach opens (creating the tables of cockroachSchema when they are
// missing) the CockroachDB database at addr, a postgresql:// URL, through
// lib/pq and geokg's "geokg-cockroach" SQL flavour. It returns Cayley's
// quad store and a pool of our own for document locks, exact counts and
// batched reads.
func openCockroach(ctx context.Context, addr string) (cgraph.QuadStore, *sql.DB, error) {
	where := redactURL(addr)
	if addr == "" {
		return nil, nil, errors.New("open cockroach store: no database URL given (postgresql://user@host:26257/database)")
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("open cockroach store %s: %w", where, err)
	}
	db.SetMaxOpenConns(4)
	fail := func(step string, err error) (cgraph.QuadStore, *sql.DB, error) {
		db.Close()
		return nil, nil, fmt.Errorf("open cockroach store %s: %s: %w", where, step, err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail("connect", err)
	}
	if err := createSchema(ctx, db, cockroachSchema()); err != nil {
		return fail("create tables", err)
	}
	if err := checkQuadIndexes(ctx, db); err != nil {
		return fail("check tables", err)
	}
	qs, err := csql.New(crdbFlavour, addr, nil)
	if err != nil {
		return fail("open", err)
	}
	return qs, db, nil
}

// createSchema runs those of stmts whose table or index is missing, in
// order, each on its own: on a store that has them all it changes nothing
// and needs no right to change the schema, so that roles that may only read
// or write the tables can open it. A statement that fails (two processes
// creating the same table at once may collide) is tried again a few times:
// the statements may all run again.
func createSchema(ctx context.Context, db *sql.DB, stmts []string) error {
	have, err := schemaObjects(ctx, db)
	if err != nil {
		return fmt.Errorf("list tables and indexes: %w", err)
	}
	for _, stmt := range stmts {
		if have[objectName(stmt)] {
			continue
		}
		var err error
		for try := 0; try < 3; try++ {
			if _, err = db.ExecContext(ctx, stmt); err == nil {
				break
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Duration(try+1) * 50 * time.Millisecond):
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", firstLine(stmt), err)
		}
	}
	return nil
}

// schemaObjects returns the names of the tables and indexes in the current
// schema of db.
func schemaObjects(ctx context.Context, db *sql.DB) (map[string]bool, error) {
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
		UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		have[name] = true
	}
	return have, rows.Err()
}

// objectName returns the name of the table or index a statement of
// cockroachSchema creates: the word after IF NOT EXISTS.
func objectName(stmt string) string {
	words := strings.Fields(stmt)
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "EXISTS" {
			return words[i+1]
		}
	}
	return ""
}

// firstLine returns the first line of s, for messages.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// checkQuadIndexes makes sure that the unique indexes of the quads table
// are Cayley's partial ones, which let the same triple be stored once per
// label, and fails with ErrIncompatibleSchema otherwise.
func checkQuadIndexes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT indexname, indexdef FROM pg_indexes
		WHERE tablename = 'quads' AND schemaname = current_schema() AND indexname IN ('spo_unique', 'spol_unique')`)
	if err != nil {
		return err
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			return err
		}
		if !strings.Contains(strings.ToUpper(def), " WHERE ") {
			return fmt.Errorf("%w: index %s on quads is not partial (%s): Cayley's cockroach backend made these tables, and they keep one copy of a triple where geokg keeps one per article; use a new database", ErrIncompatibleSchema, name, def)
		}
		found[name] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range []string{"spo_unique", "spol_unique"} {
		if !found[name] {
			return fmt.Errorf("%w: the quads table has no unique index %s", ErrIncompatibleSchema, name)
		}
	}
	return nil
}

// lockDocumentRow takes the cross-process lock of one document where
// advisory locks are missing (CockroachDB implements pg_advisory_lock as a
// no-op, so it cannot be trusted there): a transaction of its own inserts
// the document's row into geokg_doc_locks and stays open, so that another
// process inserting the same row waits for it to end; unlocking rolls the
// transaction back, leaving the table empty. A process that dies ends its
// transaction with its connection, and so releases the lock.
func (s *Store) lockDocumentRow(ctx context.Context, docIRI string) (unlock func(), err error) {
	for try := 0; ; try++ {
		tx, err := s.pg.BeginTx(ctx, nil)
		if err != nil {
			return nil, fmt.Errorf("lock document: %w", err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO geokg_doc_locks (doc) VALUES ($1) ON CONFLICT (doc) DO UPDATE SET doc = EXCLUDED.doc`, docIRI)
		if err == nil {
			return func() { tx.Rollback() }, nil
		}
		tx.Rollback()
		if !retryable(err) || try >= pgMaxRetries {
			return nil, fmt.Errorf("lock document: %w", err)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("lock document: %w", ctx.Err())
		case <-time.After(pgBackoff(try)):
		}
	}
}
