package graph

import (
	"context"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/cayleygraph/quad"
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

// BeginWrite writes quads into a postgres store as its writer does, in a
// transaction that it leaves open before the writer's last step, which
// raises the reference counts of the nodes stored already; commit takes
// that step and commits. The test sees what a writer holds meanwhile: the
// article's nodes, quads, relations index rows and count deltas.
func (s *Store) BeginWrite(ctx context.Context, quads []quad.Quad) (commit func() error, err error) {
	deltas := make([]cgraph.Delta, len(quads))
	for i, q := range quads {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	changes, err := s.relChanges(ctx, deltas)
	if err != nil {
		return nil, err
	}
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	d := graphlog.InsertQuads(quads)
	raise, err := writeRows(tx, d.IncNode, d.QuadAdd, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	if err := writeRels(ctx, tx, changes); err != nil {
		tx.Rollback()
		return nil, err
	}
	return func() error {
		if err := raise(); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	}, nil
}

// BeginFold folds the relation count deltas as Store writers do every
// few writes, in a transaction it leaves open, holding the rows of the
// counts it updated; commit commits it.
func (s *Store) BeginFold(ctx context.Context) (commit func() error, err error) {
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, foldSQL); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx.Commit, nil
}
