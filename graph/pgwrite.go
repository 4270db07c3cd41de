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
// runTxUpsert, which names those partial indexes as its conflict targets
// and sends no CockroachDB-only SQL. Transactions that CockroachDB aborts
// for a conflict are retried whole by Store.apply, so it needs no TxRetry.
func crdbRegistration() csql.Registration {
	r := pgRegistration()
	r.FillFactor = false // CockroachDB has no fill factor …
	r.Estimated = nil    // … and no pg_class to estimate counts from
	r.NoForeignKeys = true
	r.NoSchemaChangesInTx = true
	r.RunTx = runTxUpsert
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
// statements:
//
//  1. it looks up which of the nodes are stored already;
//  2. it inserts the others, with their reference counts (INSERT … ON
//     CONFLICT DO NOTHING RETURNING hash: one another writer inserted
//     meanwhile is counted with the stored ones);
//  3. it inserts the quads, labelled and unlabelled apart, each with the
//     conflict target of its unique index;
//  4. it raises the reference counts of the nodes that were stored: their
//     rows locked in the order of their hashes, so that concurrent
//     writers never wait for each other in a circle, then updated.
//
// Nodes such as rdf:type are named by every article, so the writer that
// raises their counts holds their rows until it commits, and every other
// writer that raises them waits; so does one that so much as inserts one
// of them (PostgreSQL waits to see whether the new version of a row
// commits). Raising them last, and inserting only the nodes not found
// stored, keeps that wait to the end of each transaction: raising them
// first, as Cayley's writer does, made the writers of different articles
// write one after the other.
//
// Deleted quads and decremented nodes are Cayley's generic code's work,
// not this function's.
func runTxBatched(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts) error {
	raise, err := writeRows(tx, nodes, quads, opts)
	if err != nil {
		return err
	}
	return raise()
}

// runTxUpsert is runTxBatched for CockroachDB: it inserts the nodes, or
// raises the counts of those stored, in one statement (INSERT … ON
// CONFLICT DO UPDATE) before the quads. Under serializable isolation the
// lookup of stored nodes that runTxBatched makes first is one more read for
// concurrent writers to conflict on: on the stand-in (PostgreSQL
// serializable) writers aborted each other more than Store.apply's
// retries cover.
func runTxUpsert(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts) error {
	_, _, err := writeNodesQuads(tx, nodes, quads, opts, true)
	return err
}

// writeRows does the first three steps of runTxBatched and returns the
// fourth.
func writeRows(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts) (raise func() error, _ error) {
	raised, incs, err := writeNodesQuads(tx, nodes, quads, opts, false)
	if err != nil {
		return nil, err
	}
	return func() error { return raiseRefs(tx, raised, incs) }, nil
}

// writeNodesQuads is writeRows, or with upsert the whole of runTxUpsert
// (nothing is then left to raise). It returns the stored nodes whose
// reference counts are to be raised, and by how much.
func writeNodesQuads(tx *sql.Tx, nodes []graphlog.NodeUpdate, quads []graphlog.QuadUpdate, opts cgraph.IgnoreOpts, upsert bool) (raised [][]byte, incs []int64, _ error) {
	rows := make([][]any, 0, len(nodes))
	hashes := make([][]byte, 0, len(nodes))
	for _, n := range nodes {
		if n.RefInc < 0 {
			return nil, nil, errors.New("write nodes: a decrement among the increments")
		}
		row, err := nodeRow(n)
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, row)
		hashes = append(hashes, row[1].([]byte))
	}
	stored := map[string]bool{}
	if !upsert {
		var err error
		if stored, err = storedNodes(tx, hashes); err != nil {
			return nil, nil, err
		}
	}
	var missing [][]any
	for _, row := range rows {
		if !stored[string(row[1].([]byte))] {
			missing = append(missing, row)
		}
	}
	added := make(map[string]bool, len(missing))
	for start := 0; start < len(missing); start += pgWriteRows {
		chunk := missing[start:min(start+pgWriteRows, len(missing))]
		if err := insertNodes(tx, chunk, added, upsert); err != nil {
			return nil, nil, insertError(err)
		}
	}

	var labelled, unlabelled [][]any
	for _, q := range quads {
		if q.Del {
			return nil, nil, errors.New("write quads: a deletion among the additions")
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
				return nil, nil, insertError(err)
			}
		}
	}

	if upsert {
		return nil, nil, nil
	}
	for i, h := range hashes {
		if !added[string(h)] {
			raised = append(raised, h)
			incs = append(incs, int64(nodes[i].RefInc))
		}
	}
	return raised, incs, nil
}

// storedNodes returns which of hashes name nodes stored already. A plain
// read, it waits for no other writer.
func storedNodes(tx *sql.Tx, hashes [][]byte) (map[string]bool, error) {
	stored := make(map[string]bool, len(hashes))
	if len(hashes) == 0 {
		return stored, nil
	}
	res, err := tx.Query(`SELECT hash FROM nodes WHERE hash = ANY($1)`, pq.ByteaArray(hashes))
	if err != nil {
		return nil, err
	}
	defer res.Close()
	for res.Next() {
		var h []byte
		if err := res.Scan(&h); err != nil {
			return nil, err
		}
		stored[string(h)] = true
	}
	return stored, res.Err()
}

// insertNodes inserts the nodes of rows that are not stored yet and adds
// the hash of each one it inserted to added; with upsert it raises the
// counts of the others instead.
func insertNodes(tx *sql.Tx, rows [][]any, added map[string]bool, upsert bool) error {
	res, err := tx.Query(insertNodesSQL(len(rows), upsert), flatten(rows)...)
	if err != nil {
		return err
	}
	defer res.Close()
	for res.Next() {
		var h []byte
		if err := res.Scan(&h); err != nil {
			return err
		}
		added[string(h)] = true
	}
	return res.Err()
}

// errNodeGone is a node that was stored when a transaction looked and was
// gone when it raised its reference count: another transaction removed
// its last quad meanwhile. The transaction is tried again (retryable).
var errNodeGone = errors.New("a node was removed by another writer while this one wrote")

// raiseRefs adds incs[i] to the reference count of the stored node of
// hashes[i], locking the rows in the order of their hashes first.
func raiseRefs(tx *sql.Tx, hashes [][]byte, incs []int64) error {
	if len(hashes) == 0 {
		return nil
	}
	if _, err := tx.Exec(`SELECT 1 FROM nodes WHERE hash = ANY($1) ORDER BY hash FOR NO KEY UPDATE`, pq.ByteaArray(hashes)); err != nil {
		return err
	}
	res, err := tx.Exec(`UPDATE nodes SET refs = nodes.refs + v.inc FROM unnest($1::bytea[], $2::bigint[]) AS v(hash, inc) WHERE nodes.hash = v.hash`,
		pq.ByteaArray(hashes), pq.Int64Array(incs))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != int64(len(hashes)) {
		return fmt.Errorf("raise the reference counts of %d nodes: %d found: %w", len(hashes), n, errNodeGone)
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

// insertNodesSQL returns the statement that inserts those of n nodes that
// are not stored yet and returns their hashes; raiseRefs adds to the
// reference counts of the others. With upsert the statement adds to them
// itself, and returns nothing.
func insertNodesSQL(n int, upsert bool) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO nodes (`)
	b.WriteString(strings.Join(nodeColumns, ", "))
	b.WriteString(`) VALUES `)
	placeholders(&b, n, len(nodeColumns), "")
	if upsert {
		b.WriteString(` ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`)
	} else {
		b.WriteString(` ON CONFLICT (hash) DO NOTHING RETURNING hash`)
	}
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
