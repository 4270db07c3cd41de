package graph

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/url"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres" // the "postgres" SQL flavour, whose tables geokg's flavours share
	"github.com/lib/pq"
)

// Advisory lock keys. PostgreSQL advisory locks are held by a session and
// released when it ends, so a process that dies releases what it held.
const (
	// pgInitLock serialises creating Cayley's tables: several processes
	// opening a new database at once would otherwise race to create them.
	pgInitLock int64 = 0x67656f6b67_00 // "geokg" 0
	// pgDocLockSpace is the first key of a per-document advisory lock: two
	// processes writing the same article wait for each other instead of
	// computing their changes from the same old state.
	pgDocLockSpace int32 = 0x67656f6b // "geok"
)

// pgMaxRetries bounds how often a write that the database aborted for a
// deadlock or a serialisation failure is tried again. Under serializable
// isolation (CockroachDB's) every two writers that update the reference
// count of one node at once conflict, and one of them is aborted.
const pgMaxRetries = 12

// pgBackoff returns how long to wait before trying an aborted write again
// for the try-th time (from 0): doubling from 10 ms up to a second, with
// jitter, so that writers that collided do not collide again in step.
func pgBackoff(try int) time.Duration {
	d := min(10*time.Millisecond<<min(try, 7), time.Second)
	return d/2 + rand.N(d)
}

// openPostgres opens (creating Cayley's tables when they are missing) the
// PostgreSQL database at addr, a postgres:// URL. It returns Cayley's quad
// store, which writes through flavour (geokg's batched writer when it is
// ""), and a pool of our own for advisory locks, exact counts and batched
// reads. standby is true when the server is a hot standby (see
// Store.Standby), whose store is opened for reading only: it must hold
// the tables already, made on its primary.
func openPostgres(ctx context.Context, addr, flavour string) (_ cgraph.QuadStore, _ *sql.DB, standby bool, _ error) {
	if flavour == "" {
		flavour = pgFlavour
	}
	where := redactURL(addr)
	if addr == "" {
		return nil, nil, false, errors.New("open postgres store: no database URL given (postgres://user@host:port/database)")
	}
	db, err := sql.Open("postgres", addr)
	if err != nil {
		return nil, nil, false, fmt.Errorf("open postgres store %s: %w", where, err)
	}
	db.SetMaxOpenConns(4)
	// A writer holds up to three at once (the document's advisory lock,
	// the writers' lock, the article's transaction): keep them open
	// rather than start a server process for each write.
	db.SetMaxIdleConns(4)
	fail := func(step string, err error) (cgraph.QuadStore, *sql.DB, bool, error) {
		db.Close()
		return nil, nil, false, fmt.Errorf("open postgres store %s: %s: %w", where, step, err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail("connect", err)
	}
	if err := db.QueryRowContext(ctx, `SELECT pg_is_in_recovery()`).Scan(&standby); err != nil {
		return fail("ask whether the server is a standby", err)
	}
	if standby {
		if err := checkStandby(ctx, db); err != nil {
			return fail("open the hot standby (read-only)", err)
		}
	} else if err := initPostgres(ctx, db, addr); err != nil {
		return fail("create tables", err)
	}
	if err := checkQuadIndexes(ctx, db); err != nil {
		return fail("check tables", err)
	}
	qs, err := csql.New(flavour, addr, nil)
	if err != nil {
		return fail("open", err)
	}
	return qs, db, standby, nil
}

// checkStandby checks that the database of a hot standby holds a store:
// there, nothing can be created.
func checkStandby(ctx context.Context, db *sql.DB) error {
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL AND to_regclass('nodes') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		return errors.New("the database holds no geokg store, and a standby is read-only: open its primary first (any geokg command creates the tables there) and let the standby replay it")
	}
	return nil
}

// initPostgres creates Cayley's tables unless they exist, holding an
// advisory lock so that concurrent first opens do not collide.
func initPostgres(ctx context.Context, db *sql.DB, addr string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, pgInitLock); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, pgInitLock)
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('quads') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if err := csql.Init(cpostgres.Type, addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return err
		}
	}
	// Cayley indexes quads by subject, predicate and object, not by label;
	// WriteDocument reads a document's quads by label for every article.
	// Only the owner of the table may create an index, even one that is
	// there already: look first, so that roles that may only read or write
	// the tables can open the store.
	if err := conn.QueryRowContext(ctx, `SELECT to_regclass('geokg_label_index') IS NOT NULL`).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		if _, err = conn.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS geokg_label_index ON quads (label_hash, subject_hash)`); err != nil {
			return err
		}
	}
	return createRelsTables(ctx, conn)
}

// redactURL hides the password of a database URL for messages.
func redactURL(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || u.User == nil {
		return addr
	}
	return u.Redacted()
}

// lockDocument takes the cross-process lock of one document on a shared
// backend: a PostgreSQL advisory lock, or on CockroachDB, which has none,
// a row lock (lockDocumentRow); elsewhere the Store's own lock is enough
// and it does nothing.
func (s *Store) lockDocument(ctx context.Context, docIRI string) (unlock func(), err error) {
	if s.pg == nil {
		return func() {}, nil
	}
	if s.backend == Cockroach {
		return s.lockDocumentRow(ctx, docIRI)
	}
	conn, err := s.pg.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock document: %w", err)
	}
	h := fnv.New32a()
	h.Write([]byte(docIRI))
	key := int32(h.Sum32())
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1, $2)`, pgDocLockSpace, key); err != nil {
		conn.Close()
		return nil, fmt.Errorf("lock document: %w", err)
	}
	return func() {
		// A failed unlock leaves the lock to the session, which Close of a
		// broken connection ends; nothing else to do.
		conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1, $2)`, pgDocLockSpace, key)
		conn.Close()
	}, nil
}

// apply applies tx, trying again when PostgreSQL or CockroachDB aborted it
// for a deadlock or a serialisation failure: concurrent writers update the
// reference counts of shared nodes (rdf:type, an entity's IRI).
func (s *Store) apply(ctx context.Context, tx *cgraph.Transaction) error {
	if s.rels != nil {
		if s.rels.maintain {
			return s.pgApply(ctx, tx)
		}
		if err := s.staleRels(ctx); err != nil {
			return err
		}
	}
	for try := 0; ; try++ {
		err := s.w.ApplyTransaction(tx)
		if err == nil || !retryable(err) || try >= pgMaxRetries {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pgBackoff(try)):
		}
	}
}

// retryable reports a PostgreSQL error that a second try may not meet.
func retryable(err error) bool {
	if errors.Is(err, errNodeGone) {
		return true
	}
	var pe *pq.Error
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40P01", "40001": // deadlock_detected, serialization_failure
		return true
	case "23503": // foreign_key_violation: a quad's node was removed after the writer found it stored (see runTxBatched)
		return true
	}
	return false
}

// exactQuads counts the quads of a PostgreSQL store exactly; Cayley's SQL
// store gives an estimate, or a count cached until this process writes.
func (s *Store) exactQuads(ctx context.Context) (int, error) {
	var n int
	if err := s.pg.QueryRowContext(ctx, `SELECT count(*) FROM quads`).Scan(&n); err != nil {
		return 0, err
	}
	return n, nil
}
