package graph

import cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres"

// WithCayleyPostgresWriter makes Open write a postgres store through
// Cayley's own "postgres" SQL flavour, one statement per row, as geokg did
// before it had its own writer; tests and benchmarks compare the two.
func WithCayleyPostgresWriter() Option { return withSQLFlavour(cpostgres.Type) }

// CockroachSchema exposes the statements that create a CockroachDB store.
func CockroachSchema() []string { return cockroachSchema() }
