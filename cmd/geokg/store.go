package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quote"
)

// openStore opens the store the global flags name, for a command that
// only reads it (readOnly) or one that writes to it. A reader's bolt store
// must be there (there is nothing to read in a new one), and it is opened
// for reading only, sharing it with other readers, a read-only geokg serve
// among them; a writer's is created when missing, and it holds the store
// alone.
func openStore(ctx context.Context, o storeOptions, readOnly bool) (*graph.Store, error) {
	return openStoreMode(ctx, o, readOnly, readOnly)
}

// openStoreMode is openStore with the two apart: mustExist refuses a
// missing bolt store, readOnly opens it for reading only.
func openStoreMode(ctx context.Context, o storeOptions, mustExist, readOnly bool) (*graph.Store, error) {
	switch {
	case o.Backend == graph.Postgres && !isPostgresURL(o.DB):
		return nil, usageErrorf("--backend postgres: --db %q is not a database URL; give postgres://user:password@host:port/database", o.DB)
	case o.Backend == graph.Cockroach && !isPostgresURL(o.DB):
		return nil, usageErrorf("--backend cockroach: --db %q is not a database URL; give postgresql://user:password@host:26257/database?sslmode=verify-full", o.DB)
	}
	if mustExist && o.Backend == graph.Bolt {
		if _, err := os.Stat(o.DB); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: ingest articles first (geokg ingest), or name the store with --db or %s", o.DB, envDB)
		}
	}
	// A bolt store another process holds fails with a *graph.LockedError,
	// which names the process and says what to do.
	opts := []graph.Option{graph.WithBackend(o.Backend)}
	if readOnly {
		opts = append(opts, graph.WithReadOnly())
	}
	st, err := graph.Open(ctx, o.DB, opts...)
	if err != nil {
		return nil, err
	}
	// A command that may create the store writes to it: on a read-only
	// standby it fails now rather than once per article.
	if !mustExist && st.Standby() {
		st.Close()
		return nil, fmt.Errorf("store %s: %w: write to its primary", o.where(), graph.ErrStandby)
	}
	return st, nil
}

// isPostgresURL reports whether db looks like a PostgreSQL connection URL,
// which CockroachDB takes too.
func isPostgresURL(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// where names the store for people: its path, or its URL without the
// password, or the backend for the in-memory store.
func (o storeOptions) where() string {
	switch o.Backend {
	case graph.Bolt:
		return quote.Name(o.DB)
	case graph.Postgres, graph.Cockroach:
		if u, err := url.Parse(o.DB); err == nil {
			return u.Redacted()
		}
		return o.Backend
	}
	return o.Backend
}

// closeStore closes st, keeping the first error: use it deferred with a
// named error result.
func closeStore(st *graph.Store, err *error) {
	if cerr := st.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}
