package graph

import (
	"context"

	cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres"
)

// WithCayleyPostgresWriter makes Open write a postgres store through
// Cayley's own "postgres" SQL flavour, one statement per row, as geokg did
// before it had its own writer; tests and benchmarks compare the two.
func WithCayleyPostgresWriter() Option { return withSQLFlavour(cpostgres.Type) }

// CockroachSchema exposes the statements that create a CockroachDB store.
func CockroachSchema() []string { return cockroachSchema() }

// HoldWrite takes the locks a writer of one document holds while it
// writes (exclusive false) or those of Update and Restore (true), and
// returns the function that gives them up.
func (s *Store) HoldWrite(ctx context.Context, exclusive bool) (func(), error) {
	if exclusive {
		return s.writeAll(ctx)
	}
	return s.write(ctx)
}
