package graph

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	csql "github.com/cayleygraph/cayley/graph/sql"
	cpostgres "github.com/cayleygraph/cayley/graph/sql/postgres"
	"github.com/lib/pq"
)

// This file is geokg's writer for Cayley's SQL backend. Cayley's own
// "postgres" flavour writes a transaction with one INSERT per node and one
// per quad: an article of a hundred quads costs some 250 statements, each a
// round trip to the server. geokg registers flavours of its own that read
// exactly as Cayley's do and store exactly the same rows, but write each
// transaction's nodes with one multi-row INSERT and its quads with another,
// two statements for most articles. A store they write stays a Cayley
// store: Cayley's own postgres flavour reads it (TestPostgresStockCayleyReads),
// and geokg reads stores Cayley wrote.

// The SQL flavours geokg registers with Cayley's SQL backend.
const (
	// pgFlavour is PostgreSQL, as Cayley's "postgres" flavour, with the
	// batched writer.
	pgFlavour = "geokg-postgres"
	// crdbFlavour is CockroachDB through the same driver (lib/pq), with the
	// batched writer and the schema of cockroachSchema.
	crdbFlavour = "geokg-cockroach"
)

// Registering a flavour is how Cayley's SQL backend is extended; it is done
// once, like the registration of Cayley's own flavours.
func init() {
	csql.Register(pgFlavour, pgRegistration())
	csql.Register(crdbFlavour, crdbRegistration())
}

// pgRegistration describes PostgreSQL as Cayley's postgres flavour does
// (same types, indexes, dialect and error conversion), with runTxBatched
// as the writer.
func pgRegistration() csql.Registration {
	return csql.Registration{
		Driver:             "postgres",
		HashType:           `BYTEA`,
		BytesType:          `BYTEA`,
		HorizonType:        `BIGSERIAL`,
		TimeType:           `timestamp with time zone`,
		QueryDialect:       cpostgres.QueryDialect,
		ConditionalIndexes: true,
		FillFactor:         true,
		Error:              cpostgres.ConvError,
		Estimated: func(table string) string {
			return "SELECT reltuples::BIGINT AS estimate FROM pg_class WHERE relname='" + table + "';"
		},
		RunTx: runTxBatched,
	}
}

// crdbRegistration describes CockroachDB for Cayley's SQL reader and
// writer. It differs from Cayley's own "cockroach" flavour on purpose: the
// driver is lib/pq (as for PostgreSQL, so geokg's batched reads and error
// checks are the same code), the unique indexes on quads are partial
// (ConditionalIndexes, see cockroachSchema) and the writer is
// runTxBatched, which names those partial indexes as its conflict targets
// and sends no CockroachDB-only SQL. Transactions that CockroachDB aborts
// for a conflict are retried whole by Store.apply, so it needs no TxRetry.
func crdbRegistration() csql.Registration {
	r := pgRegistration()
	r.FillFactor = false // CockroachDB has no fill factor …
	r.Estimated = nil    // … and no pg_class to estimate counts from
	r.NoForeignKeys = true
	r.NoSchemaChangesInTx = true
	return r
}

// pgWriteRows is how many rows one INSERT carries at most. A row takes at
// most twelve parameters, and PostgreSQL accepts 65,535 in one statement.
const pgWriteRows = 1000

// The conflict targets of quad inserts that ignore duplicates: the partial
// unique indexes Cayley creates where the database supports them, one for
// labelled quads and one for quads without a label. Naming them (rather
// than a bare ON CONFLICT) lets CockroachDB, which needs an arbiter that
// implies a partial index's predicate, use them too.
const (
	conflictLabelled   = ` ON CONFLICT (subject_hash, predicate_hash, object_hash, label_hash) WHERE label_hash IS NOT NULL DO NOTHING`
	conflictUnlabelled = ` ON CONFLICT (subject_hash, predicate_hash, object_hash) WHERE label_hash IS NULL DO NOTHING`
)

// runTxBatched writes the node reference increments and the added quads of
// one transaction, as Cayley's postgres flavour does, in a few multi-row
// statements: first the nodes, in the order of their hashes that Cayley
// sorts them in, so that concurrent writers lock shared node rows in the
// same order; then the quads, labelled and unlabelled apart, each with the
// conflict target of its unique index. Deleted quads and decremented nodes
// are Cayley's generic code's work, not this function's.
func runTxBatched(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts) error {
	rows := make([][]any, 0, len(nodes))
	for _, n := range nodes {
		if n.RefInc < 0 {
			return errors.New("write nodes: a decrement among the increments")
		}
		row, err := nodeRow(n)
		if err != nil {
			return err
		}
		rows = append(rows, row)
	}
	for start := 0; start < len(rows); start += pgWriteRows {
		chunk := rows[start:min(start+pgWriteRows, len(rows))]
		if _, err := tx.Exec(insertNodesSQL(len(chunk)), flatten(chunk)...); err != nil {
			return insertError(err)
		}
	}

	var labelled, unlabelled [][]any
	for _, q := range quads {
		if q.Del {
			return errors.New("write quads: a deletion among the additions")
		}
		row := make([]any, 0, 4)
		for _, h := range q.Quad.Dirs() {
			row = append(row, csql.NodeHash{ValueHash: h}.SQLValue())
		}
		if row[3] == nil {
			unlabelled = append(unlabelled, row)
		} else {
			labelled = append(labelled, row)
		}
	}
	for _, set := range []struct {
		rows     [][]any
		conflict string
	}{{labelled, conflictLabelled}, {unlabelled, conflictUnlabelled}} {
		end := ""
		if opts.IgnoreDup {
			end = set.conflict
		}
		for start := 0; start < len(set.rows); start += pgWriteRows {
			chunk := set.rows[start:min(start+pgWriteRows, len(set.rows))]
			if _, err := tx.Exec(insertQuadsSQL(len(chunk))+end, flatten(chunk)...); err != nil {
				return insertError(err)
			}
		}
	}
	return nil
}

// nodeColumns are the columns of Cayley's nodes table that insertNodesSQL
// fills, in order: the reference count increment, the hash, then every
// value column. Cayley's writer names only the columns of a node's value
// type and leaves the others NULL; nodeRow gives them NULL explicitly, so
// the row stored is the same and nodes of every type go in one statement.
var nodeColumns = []string{"refs", "hash", "value", "value_string", "datatype", "language", "iri", "bnode",
	"value_int", "value_bool", "value_float", "value_time"}

// nodeRow returns the values of nodeColumns for a node update, as Cayley's
// csql.NodeValues lays out the value for its type.
func nodeRow(n graphlog.NodeUpdate) ([]any, error) {
	typ, values, err := csql.NodeValues(csql.NodeHash{ValueHash: n.Hash}, n.Val)
	if err != nil {
		return nil, fmt.Errorf("write node %v: %w", n.Val, err)
	}
	row := make([]any, len(nodeColumns))
	row[0], row[1] = n.RefInc, values[0]
	for i, col := range typ.Columns() {
		j := slices.Index(nodeColumns, col)
		if j < 0 {
			return nil, fmt.Errorf("write node %v: unknown column %s", n.Val, col)
		}
		row[j] = values[1+i]
	}
	return row, nil
}

// insertNodesSQL returns the statement that inserts n nodes, or adds to
// the reference counts of those already stored.
func insertNodesSQL(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO nodes (`)
	b.WriteString(strings.Join(nodeColumns, ", "))
	b.WriteString(`) VALUES `)
	placeholders(&b, n, len(nodeColumns), "")
	b.WriteString(` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`)
	return b.String()
}

// insertQuadsSQL returns the statement that inserts n quads, without its
// conflict clause.
func insertQuadsSQL(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO quads (subject_hash, predicate_hash, object_hash, label_hash, ts) VALUES `)
	placeholders(&b, n, 4, ", now()")
	return b.String()
}

// placeholders writes n rows of cols placeholders each, numbered from $1,
// each row followed by extra: "($1, $2), ($3, $4)".
func placeholders(b *strings.Builder, n, cols int, extra string) {
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range cols {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(p))
			p++
		}
		b.WriteString(extra)
		b.WriteByte(')')
	}
}

// flatten returns the values of rows in one list, row after row.
func flatten(rows [][]any) []any {
	n := 0
	for _, r := range rows {
		n += len(r)
	}
	out := make([]any, 0, n)
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// insertError turns a unique violation into Cayley's ErrQuadExists, as
// Cayley's postgres flavour does, and leaves other errors alone so that
// Store.apply sees PostgreSQL's deadlock and serialisation codes.
func insertError(err error) error {
	var pe *pq.Error
	if errors.As(err, &pe) && pe.Code == "23505" {
		return &cgraph.DeltaError{Err: cgraph.ErrQuadExists}
	}
	return err
}

// withSQLFlavour makes Open write a postgres store through the named Cayley
// SQL flavour instead of geokg's: the benchmarks and tests compare geokg's
// writer with Cayley's own "postgres" flavour through it.
func withSQLFlavour(name string) Option {
	return func(o *options) { o.sqlFlavour = name }
}
