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
// apart with two advisory locks, as readers and writers in one process do
// with the Store's RWMutex. Without them a reader in one process could see
// part of an article that another process is replacing: Cayley's SQL
// backend reads a document's statements in several queries (the nodes
// first, then their properties), each seeing the database as it is then,
// so a write committed between them shows half.
//
// Readers must not overlap writers, but readers may overlap readers and
// writers of different articles may overlap writers (two writers of one
// article wait for each other on that article's own lock, lockDocument).
// PostgreSQL's advisory locks have only a shared and an exclusive mode, so
// this takes two of them, one held by each side while it works and taken
// exclusively by the other side for a moment to get in:
//
//   - pgReadLock: readers hold it shared while they read. A writer takes it
//     exclusively and gives it up at once, which waits for the readers
//     reading to finish.
//   - pgWriteLock: writers hold it shared while they write. A reader takes
//     it exclusively and gives it up once it holds pgReadLock, which waits
//     for the writers writing to finish.
//
// Both sides take pgWriteLock first, then pgReadLock, so they never wait
// for each other in a circle. A writer that holds pgWriteLock and waits for
// the readers keeps new readers out (they wait for pgWriteLock
// exclusively); a reader that holds pgWriteLock exclusively keeps new
// writers out until it holds pgReadLock. PostgreSQL queues a request for a
// lock behind any waiting request it conflicts with, so neither side
// starves the other. A writer that changes the whole store (Update,
// Restore) holds pgWriteLock exclusively: it excludes every other writer as
// well.

// The keys of the two locks; the two-key form of lockDocument is a separate
// key space.
const (
	pgReadLock  int64 = 0x67656f6b67_01 // "geokg" 1
	pgWriteLock int64 = 0x67656f6b67_02 // "geokg" 2
)

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
			conn, err := pgLock(ctx, g.db,
				lockStep{`SELECT pg_advisory_lock($1)`, pgWriteLock},
				lockStep{`SELECT pg_advisory_lock_shared($1)`, pgReadLock},
				lockStep{`SELECT pg_advisory_unlock($1)`, pgWriteLock})
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
	pgUnlock(conn, lockStep{`SELECT pg_advisory_unlock_shared($1)`, pgReadLock})
	if draining != nil {
		close(draining)
	}
}

// pgLockWrites takes the writers' side of the lock, for a writer of one
// document (exclusive false: other writers write at once) or of the whole
// store (exclusive true), and returns the function that gives it up.
func pgLockWrites(ctx context.Context, db *sql.DB, exclusive bool) (unlock func(), err error) {
	lock, unlockQ := `SELECT pg_advisory_lock_shared($1)`, `SELECT pg_advisory_unlock_shared($1)`
	if exclusive {
		lock, unlockQ = `SELECT pg_advisory_lock($1)`, `SELECT pg_advisory_unlock($1)`
	}
	conn, err := pgLock(ctx, db,
		lockStep{lock, pgWriteLock},
		lockStep{`SELECT pg_advisory_lock($1)`, pgReadLock}, // the readers reading finish
		lockStep{`SELECT pg_advisory_unlock($1)`, pgReadLock})
	if err != nil {
		return nil, fmt.Errorf("lock store for writing: %w", err)
	}
	return func() { pgUnlock(conn, lockStep{unlockQ, pgWriteLock}) }, nil
}

// lockStep is one statement of taking or giving up a lock: q, given key.
type lockStep struct {
	q   string
	key int64
}

// pgLock runs the locking steps on a connection of its own and returns the
// connection, which holds the locks taken.
func pgLock(ctx context.Context, db *sql.DB, steps ...lockStep) (*sql.Conn, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	for _, st := range steps {
		if _, err := conn.ExecContext(ctx, st.q, st.key); err != nil {
			// A request cancelled as it was granted may leave the session
			// holding the lock: end the session rather than pool it.
			discard(conn)
			return nil, err
		}
	}
	return conn, nil
}

// pgUnlock gives a lock up and returns the connection to the pool; when
// that fails, it ends the session, which gives up its locks.
func pgUnlock(conn *sql.Conn, st lockStep) {
	var released bool
	if err := conn.QueryRowContext(context.Background(), st.q, st.key).Scan(&released); err != nil || !released {
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
