package graph

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync"
	"time"
)

// Readers and writers of one PostgreSQL store in different processes keep
// apart with an advisory lock, as readers and writers in one process do
// with the Store's RWMutex: a reader holds the lock shared while it reads,
// a writer holds it exclusively while it writes. Without it a reader in
// one process could see part of an article that another process is
// replacing: Cayley's SQL backend reads a document's statements in several
// queries (the nodes first, then their properties), each seeing the
// database as it is then, so a write committed between them shows half.
//
// PostgreSQL queues a request for the lock behind one that waits for it,
// so a writer waiting for readers to finish is not overtaken by readers
// that come after it.

// pgRWLock is the key of the advisory lock; the two-key form of
// lockDocument is a separate key space.
const pgRWLock int64 = 0x67656f6b67_01 // "geokg" 1

// pgGateHold is how long a process's readers keep the shared lock before
// new readers wait for the ones reading to finish and the lock is given
// up, so a writer of another process waiting for it gets its turn.
const pgGateHold = 50 * time.Millisecond

// pgGate is the readers' side of the lock in one process: the first
// reader takes the lock on a connection of its own and the last one gives
// it up, so the readers of a busy server take it once a burst rather than
// once a read, on one connection.
type pgGate struct {
	db *sql.DB

	mu        sync.Mutex
	conn      *sql.Conn     // holds the lock shared; nil when not held
	readers   int           // readers inside
	since     time.Time     // when conn took the lock
	draining  chan struct{} // non-nil: no reader enters; closed once the lock is given up
	acquiring chan struct{} // non-nil while a reader takes the lock; closed when it has
}

// enter waits until the reader may read: the lock is held shared.
func (g *pgGate) enter(ctx context.Context) error {
	for {
		g.mu.Lock()
		switch {
		case g.draining != nil:
			ch := g.draining
			g.mu.Unlock()
			if err := wait(ctx, ch); err != nil {
				return err
			}
		case g.conn != nil:
			g.readers++
			if time.Since(g.since) > pgGateHold {
				g.draining = make(chan struct{})
			}
			g.mu.Unlock()
			return nil
		case g.acquiring != nil:
			ch := g.acquiring
			g.mu.Unlock()
			if err := wait(ctx, ch); err != nil {
				return err
			}
		default:
			done := make(chan struct{})
			g.acquiring = done
			g.mu.Unlock()
			conn, err := pgLock(ctx, g.db, `SELECT pg_advisory_lock_shared($1)`)
			g.mu.Lock()
			g.acquiring = nil
			close(done)
			if err != nil {
				g.mu.Unlock()
				return fmt.Errorf("lock store for reading: %w", err)
			}
			g.conn, g.since, g.readers = conn, time.Now(), 1
			g.mu.Unlock()
			return nil
		}
	}
}

// leave ends a read; the last reader out gives the lock up before it
// returns, so that a writer of this process, which waits for the readers
// to leave, never asks for the lock while this process holds it shared.
func (g *pgGate) leave() {
	g.mu.Lock()
	g.readers--
	if g.readers > 0 {
		g.mu.Unlock()
		return
	}
	conn, draining := g.conn, g.draining
	g.conn, g.draining = nil, nil
	g.mu.Unlock()
	pgUnlock(conn, `SELECT pg_advisory_unlock_shared($1)`)
	if draining != nil {
		close(draining)
	}
}

// pgLockWrites takes the lock exclusively, for a writer, and returns the
// function that gives it up.
func pgLockWrites(ctx context.Context, db *sql.DB) (unlock func(), err error) {
	conn, err := pgLock(ctx, db, `SELECT pg_advisory_lock($1)`)
	if err != nil {
		return nil, fmt.Errorf("lock store for writing: %w", err)
	}
	return func() { pgUnlock(conn, `SELECT pg_advisory_unlock($1)`) }, nil
}

// pgLock runs the locking statement q on a connection of its own and
// returns the connection, which holds the lock.
func pgLock(ctx context.Context, db *sql.DB, q string) (*sql.Conn, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, q, pgRWLock); err != nil {
		// A request cancelled as it was granted may leave the session
		// holding the lock: end the session rather than pool it.
		discard(conn)
		return nil, err
	}
	return conn, nil
}

// pgUnlock gives the lock up and returns the connection to the pool; when
// that fails, it ends the session, which gives up its locks.
func pgUnlock(conn *sql.Conn, q string) {
	var released bool
	if err := conn.QueryRowContext(context.Background(), q, pgRWLock).Scan(&released); err != nil || !released {
		discard(conn)
		return
	}
	conn.Close()
}

// discard closes conn's session instead of returning it to the pool.
func discard(conn *sql.Conn) {
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
}

// wait waits for ch to close or ctx to be done.
func wait(ctx context.Context, ch <-chan struct{}) error {
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
