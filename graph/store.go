package graph

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/writer" // registers the "single" quad writer
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"

	"github.com/geokg/geokg/schema"
)

// Errors callers test for with errors.Is.
var (
	// ErrNotFound is returned when an entity, document or node is not in
	// the store.
	ErrNotFound = errors.New("not found")
	// ErrLocked is returned by Open when another process holds the bolt
	// store open; the error is a *LockedError, which names the process.
	ErrLocked = errors.New("locked by another process")
	// ErrUnknownBackend is returned by Open for a backend it does not know.
	ErrUnknownBackend = errors.New("unknown backend")
	// ErrLabelMismatch is returned by WriteDocument when a quad is not
	// labelled with the document's IRI.
	ErrLabelMismatch = errors.New("quad label is not the document IRI")
	// ErrUnknownPredicate is returned for a predicate name that is not in
	// the schema's vocabulary; it is schema.ErrUnknownPredicate, which
	// Ingest's errors wrap for a statement of such a predicate.
	ErrUnknownPredicate = schema.ErrUnknownPredicate
	// ErrUnknownLanguage is returned by Query for a query language it does
	// not run.
	ErrUnknownLanguage = errors.New("unknown query language")
	// ErrStandby is returned by every write to a store opened on a
	// PostgreSQL hot standby (a read replica, where pg_is_in_recovery() is
	// true): it is read there and written through its primary. See
	// Store.Standby.
	ErrStandby = errors.New("the store is a read-only PostgreSQL hot standby")
)

// The backends Open knows.
const (
	Bolt     = "bolt"     // an embedded bolt file in a directory: DIR/indexes.bolt
	Memstore = "memstore" // in memory, gone on Close; for tests
	Postgres = "postgres" // a PostgreSQL database named by a postgres:// URL, shared by many processes
	// Cockroach is a CockroachDB database named by a postgresql:// URL,
	// shared by many processes; docs/scale.md says what of it is tested.
	Cockroach = "cockroach"
)

// Backends lists the embedded backends Open accepts: those that keep the
// graph in this process, in a directory or in memory, and need no server.
// Open also accepts the backends of ServerBackends.
func Backends() []string { return []string{Bolt, Memstore} }

// ServerBackends lists the backends Open accepts that keep the graph in a
// database server, which several processes can share: Postgres and
// Cockroach. Their path is a connection URL.
func ServerBackends() []string { return []string{Postgres, Cockroach} }

// allBackends lists every backend Open accepts.
func allBackends() []string { return append(Backends(), ServerBackends()...) }

// boltFile is the name Cayley's bolt backend gives the database file inside
// the store directory; using the same name keeps stores readable by
// `cayley --db bolt --dbpath DIR`.
const boltFile = "indexes.bolt"

// DefaultLockTimeout is how long Open waits for another process to release
// a bolt store before it gives up with ErrLocked.
const DefaultLockTimeout = time.Second

type options struct {
	backend     string
	lockTimeout time.Duration
	bloom       bool
	command     string // names this process in a bolt store's holder file
	readOnly    bool   // a bolt store opened for reading only, with a shared lock
	sqlFlavour  string // Cayley SQL flavour of a postgres store; "" for geokg's
}

// Option configures Open.
type Option func(*options)

// WithBackend chooses the storage backend: Bolt (the default) or Memstore.
func WithBackend(name string) Option {
	return func(o *options) { o.backend = name }
}

// WithLockTimeout sets how long Open waits for a bolt store that another
// process holds; see DefaultLockTimeout. A zero or negative d waits as
// little as bolt allows.
func WithLockTimeout(d time.Duration) Option {
	return func(o *options) { o.lockTimeout = d }
}

// WithCommand names this process ("geokg serve") in the holder file of a
// bolt store it opens, which a process refused the store's lock reports
// (see LockedError). By default it is the program's name and its
// subcommand, taken from the command line.
func WithCommand(name string) Option {
	return func(o *options) { o.command = name }
}

// WithReadOnly opens a bolt store for reading only: it must exist, it is
// locked shared rather than exclusively, so any number of processes that
// read it open it at once (a read-only geokg serve and the CLI's read
// commands), and no process can write to it meanwhile; a process that
// writes to it holds it alone. The store's writes fail. Other backends
// ignore it: several processes share them anyway.
func WithReadOnly() Option {
	return func(o *options) { o.readOnly = true }
}

// WithBloomFilter turns Cayley's bloom filters on for the bolt backend.
// They are off by default: they take some 80 MB each (four on a new
// store), and opening a store with them on reads every quad in it to fill
// them, which is slow on a large store; without them a duplicate check
// reads bolt's index instead. See docs/scale.md for measurements.
func WithBloomFilter(on bool) Option {
	return func(o *options) { o.bloom = on }
}

// Store is a geokg graph in a Cayley quad store. Its methods are safe for
// concurrent use; writes are serialised and reads never see half of a
// document.
type Store struct {
	backend string
	path    string
	qs      cgraph.QuadStore
	w       cgraph.QuadWriter
	pg      *sql.DB       // the postgres backend's own connections: locks, counts
	holder  *holderRecord // a bolt store's holder file, removed on Close
	gate    *pgGate       // postgres: the readers' side of the cross-process lock (lock_pg.go)
	standby bool          // postgres: opened on a hot standby, so read-only
	rels    *pgRels       // postgres: the index of entities' statements (pgrels.go)
	bloom   bool          // bolt: Cayley's bloom filters on (WithBloomFilter)
	// readOnly is a bolt store opened with WithReadOnly; command names
	// this process, for the holder file SetServer writes then.
	readOnly bool
	command  string

	mu     sync.RWMutex // writers hold it exclusively; readers share it
	closed bool
	queue  writeQueue // articles waiting for a group commit (write_group.go)
	// known holds the entity facts (by quadKey) this process knows the
	// store holds, so that writing an article reads the facts of its
	// entities only when it states one not seen yet. Writers hold mu; a
	// writer that may change any document (writeAll) empties it.
	known map[string]bool

	damage atomic.Pointer[DamagedError] // the first damage a read found; see Damaged

	gen       atomic.Uint64                 // counts the writers that took the lock
	entities  memo[*entityIndex]            // every entity, for searches (entity.go)
	ents      readCache[schema.Entity]      // entities looked up one by one (entity.go)
	adj       readCache[[]relationEdge]     // relation edges of entities, for Paths (paths.go)
	stats     memo[Stats]                   // the counts (stats.go)
	docs      readCache[schema.Document]    // documents read (document.go)
	relations readCache[[]schema.Statement] // statements about an entity (relations.go)
	relIdx    relIndex                      // the statements of entities, kept across writes (relpage.go)
}

// The most documents, and statements, a bolt or memstore Store keeps read
// between two writes (a few hundred bytes each).
const (
	maxCachedDocuments  = 100_000
	maxCachedStatements = 100_000
)

// Open opens the store at path, creating and initialising it when it is
// missing. With the bolt backend path names a directory, which holds the
// file indexes.bolt; with the postgres backend it is a connection URL
// (postgres://user:password@host:port/database?sslmode=disable), whose
// database gets Cayley's tables on first use, and so it is with the
// cockroach backend (postgresql://…:26257/database); the memstore backend
// ignores path. Open fails with ErrIncompatibleSchema for a database whose
// quads table keeps one copy of a triple whatever its label. Open fails with ErrLocked, as a *LockedError naming the process,
// when another process has the bolt store open; many processes can open
// the same PostgreSQL database at once.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := options{backend: Bolt, lockTimeout: DefaultLockTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	var (
		qs      cgraph.QuadStore
		pg      *sql.DB
		holder  *holderRecord
		standby bool
		err     error
	)
	switch o.backend {
	case Bolt:
		qs, err = openBolt(path, o.lockTimeout, o.bloom, o.readOnly)
		if err != nil {
			return nil, err
		}
		if o.command == "" {
			o.command = defaultCommand()
		}
		// A reader shares the store with other readers: it names itself
		// as the holder only when it serves the store (SetServer).
		if !o.readOnly {
			holder = recordHolder(path, o.command)
		}
	case Memstore:
		qs = memstore.New()
	case Postgres:
		qs, pg, standby, err = openPostgres(ctx, path, o.sqlFlavour)
		if err != nil {
			return nil, err
		}
		path = redactURL(path)
	case Cockroach:
		qs, pg, err = openCockroach(ctx, path)
		if err != nil {
			return nil, err
		}
		path = redactURL(path)
	default:
		return nil, fmt.Errorf("open store %s: %w %q (choose one of %s)", path, ErrUnknownBackend, o.backend, strings.Join(allBackends(), ", "))
	}
	w, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		holder.remove()
		qs.Close()
		if pg != nil {
			pg.Close()
		}
		return nil, fmt.Errorf("open store %s: quad writer: %w", path, err)
	}
	st := &Store{backend: o.backend, path: path, qs: qs, w: w, pg: pg, holder: holder, bloom: o.bloom, standby: standby,
		readOnly: o.readOnly && o.backend == Bolt, command: o.command}
	st.docs.max, st.relations.max, st.relIdx.facts.max = maxCachedDocuments, maxCachedStatements, maxCachedDocuments
	st.ents.max, st.adj.max = maxCachedDocuments, maxCachedEdges
	if o.backend == Postgres && !standby {
		// A standby has no writer to keep apart from: the primary's
		// writers do not see its locks (see Standby).
		st.gate = &pgGate{db: pg}
	}
	if o.backend == Postgres {
		if err := st.openRels(ctx, o.sqlFlavour); err != nil {
			st.Close()
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	return st, nil
}

// openBolt opens (creating when needed) the bolt store in directory dir.
// It opens the bolt file itself, with a lock timeout, and hands it to
// Cayley's key-value quad store: Cayley's own bolt backend waits for the
// file lock forever. The file is opened with go.etcd.io/bbolt, the
// maintained fork of github.com/boltdb/bolt that Cayley's "bolt" backend
// uses; the file format is the same, so `cayley --db bolt --dbpath DIR`
// reads the store too.
//
// The file is checked first (checkBoltFile) and a damaged one refused with
// a *DamagedError; a panic or a memory fault in bolt's or Cayley's code
// while opening becomes one too.
//
// With readOnly the file must exist; bolt opens it with a shared lock
// (flock LOCK_SH), which other readers share and a writer's exclusive lock
// excludes, and nothing is written to it.
func openBolt(dir string, timeout time.Duration, bloom, readOnly bool) (_ cgraph.QuadStore, err error) {
	if dir == "" {
		return nil, fmt.Errorf("open bolt store: no directory given")
	}
	file := filepath.Join(dir, boltFile)
	if readOnly {
		if _, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("open bolt store %s for reading: %w", dir, err)
		}
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open bolt store %s: %w", dir, err)
	}
	if timeout <= 0 {
		timeout = time.Nanosecond // bolt reads 0 as "wait forever"
	}
	if err := checkBoltFile(file); err != nil {
		var re *boltReadError
		if errors.As(err, &re) {
			return nil, fmt.Errorf("open bolt store %s: %w", dir, re.err)
		}
		return nil, &DamagedError{Path: dir, Reason: err.Error()}
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer catchDamage(dir, &err)
	db, err := bolt.Open(file, 0o644, &bolt.Options{Timeout: timeout, ReadOnly: readOnly})
	if errors.Is(err, bolt.ErrTimeout) {
		e := lockedError(dir)
		e.Reader = readOnly
		return nil, e
	}
	if err != nil {
		return nil, fmt.Errorf("open bolt store %s: %w", dir, err)
	}
	kv := hbolt.New(db)
	if readOnly {
		qs, err := ckv.New(kv, cgraph.Options{ckv.OptNoBloom: !bloom})
		if err != nil {
			kv.Close()
			return nil, fmt.Errorf("open bolt store %s for reading: %w", dir, err)
		}
		return qs, nil
	}
	switch err := ckv.Init(kv, nil); {
	case err == nil:
		if err := addLabelIndex(kv); err != nil {
			kv.Close()
			return nil, fmt.Errorf("init bolt store %s: %w", dir, err)
		}
	case !errors.Is(err, cgraph.ErrDatabaseExists):
		kv.Close()
		return nil, fmt.Errorf("init bolt store %s: %w", dir, err)
	}
	qs, err := ckv.New(kv, cgraph.Options{ckv.OptNoBloom: !bloom})
	if err != nil {
		kv.Close()
		return nil, fmt.Errorf("open bolt store %s: %w", dir, err)
	}
	return qs, nil
}

// labelIndex is the index geokg adds to Cayley's two on a new bolt store:
// quads by label, then subject. Without it, finding the quads of one
// document (which WriteDocument does for every article) reads every quad
// in the store.
var labelIndex = ckv.QuadIndex{Dirs: []quad.Direction{quad.Label, quad.Subject}}

// addLabelIndex records labelIndex among the indexes of a bolt store that
// Cayley has just initialised and holds no quad yet. Cayley keeps the list
// of a store's indexes in the store and maintains every index it lists, so
// `cayley --db bolt` reads and writes the store correctly too.
func addLabelIndex(db hkv.KV) error {
	data, err := json.Marshal(append(append([]ckv.QuadIndex(nil), ckv.DefaultQuadIndexes...), labelIndex))
	if err != nil {
		return err
	}
	return hkv.Update(context.Background(), db, func(tx hkv.Tx) error {
		bucket := make([]byte, len(labelIndex.Dirs))
		for i, d := range labelIndex.Dirs {
			bucket[i] = d.Prefix()
		}
		if err := hkv.CreateBucket(context.Background(), tx, hkv.Key{bucket}); err != nil {
			return err
		}
		return tx.Put(context.Background(), hkv.Key{[]byte("meta"), []byte("indexes")}, data)
	})
}

// Close releases the store; for bolt it unlocks the file. Closing twice is
// harmless.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	// The holder file goes first: once the bolt file is closed, another
	// process may take the lock and write its own.
	s.holder.remove()
	werr := s.w.Close()
	if s.pg != nil {
		if err := s.pg.Close(); err != nil && werr == nil {
			werr = err
		}
	}
	if err := s.closeQuads(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	if werr != nil {
		return fmt.Errorf("close store %s: %w", s.path, werr)
	}
	return nil
}

// damagedCloseWait is how long Close waits for the quad store of a store
// found damaged: a read that panicked inside bolt may have left its
// transaction open, and bolt's Close would wait for it for ever.
const damagedCloseWait = 2 * time.Second

// closeQuads closes the Cayley quad store; for a damaged store it gives up
// after damagedCloseWait, leaving the file to the process's exit.
func (s *Store) closeQuads() error {
	d := s.damage.Load()
	if d == nil {
		return s.qs.Close()
	}
	done := make(chan error, 1)
	go func() { done <- s.qs.Close() }()
	t := time.NewTimer(damagedCloseWait)
	defer t.Stop()
	select {
	case <-done:
		return d
	case <-t.C:
		return fmt.Errorf("%w (a read of it is stuck, so the file stays open until this process ends)", d)
	}
}

// CloseContext is Close, bounded by ctx: when ctx is done first (a read
// that does not end holds the store), it returns an error wrapping
// ctx.Err() and leaves the store to close when the read ends, or to the
// process's exit, which releases a bolt store's lock in any case.
func (s *Store) CloseContext(ctx context.Context) error {
	done := make(chan error, 1)
	go func() { done <- s.Close() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("close store %s: a read of it is still running: %w", s.path, ctx.Err())
	}
}

// Standby reports whether the store was opened on a PostgreSQL hot
// standby, a read replica that follows its primary by streaming
// replication. Such a store is read like any other and answers what the
// standby has replayed so far; every write fails with ErrStandby, without
// touching the database. Whether the server is a standby is asked once,
// when the store is opened: a standby promoted to primary later stays
// read-only to this Store until it is opened again.
//
// A read of several queries (Relations, Paths, a Gizmo query) on a standby
// is not kept apart from the replay of the primary's writes as it is from
// other writers on the primary: an article replaced on the primary while
// such a read runs may show in it half old and half new. Each article's
// write is one transaction, which the standby replays whole.
func (s *Store) Standby() bool { return s.standby }

// Backend returns the name of the store's backend.
func (s *Store) Backend() string { return s.backend }

// QuadStore returns the Cayley quad store underneath, for Cayley's HTTP API
// and UI. Writes made through it bypass the Store's document bookkeeping.
func (s *Store) QuadStore() cgraph.QuadStore { return s.qs }

// read takes the shared lock for a reader and reports a closed store or a
// done context. On PostgreSQL it also takes the lock that keeps readers
// apart from writers in other processes (lock_pg.go).
func (s *Store) read(ctx context.Context) (unlock func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, errClosed
	}
	if s.backend == Bolt {
		// bolt maps the file: a fault reading it becomes a panic, which
		// the method's catchDamage turns into a DamagedError.
		prev := debug.SetPanicOnFault(true)
		return func() {
			debug.SetPanicOnFault(prev)
			s.mu.RUnlock()
		}, nil
	}
	if s.gate == nil {
		return s.mu.RUnlock, nil
	}
	if err := s.gate.enter(ctx); err != nil {
		s.mu.RUnlock()
		return nil, err
	}
	return func() {
		s.gate.leave()
		s.mu.RUnlock()
	}, nil
}

// write takes the exclusive lock for a writer of one document; on
// PostgreSQL also the writers' side of the cross-process lock, which
// writers of other documents in other processes share (lock_pg.go).
func (s *Store) write(ctx context.Context) (unlock func(), err error) {
	return s.lockWrites(ctx, false)
}

// writeAll is write for a writer that may change any document (Update,
// Restore): on PostgreSQL no writer of another process writes meanwhile
// either.
func (s *Store) writeAll(ctx context.Context) (unlock func(), err error) {
	return s.lockWrites(ctx, true)
}

func (s *Store) lockWrites(ctx context.Context, exclusive bool) (unlock func(), err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.standby {
		return nil, fmt.Errorf("%w (pg_is_in_recovery() is true): write to its primary", ErrStandby)
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errClosed
	}
	s.gen.Add(1) // what readers kept of the store is now old
	if exclusive {
		s.known = nil // Restore, Update: any fact may go
	}
	if s.gate == nil {
		return s.mu.Unlock, nil
	}
	release, err := pgLockWrites(ctx, s.pg, exclusive)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	return func() {
		release()
		s.mu.Unlock()
	}, nil
}

var errClosed = errors.New("store is closed")
