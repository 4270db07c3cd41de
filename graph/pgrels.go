package graph

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/geokg/geokg/schema"
)

// This file keeps, on PostgreSQL, an index of each entity's statements in
// tables beside Cayley's, so that a page of an entity's relations
// (RelationsPage) reads the page and not every statement of the entity,
// and merged relations read one row per statement instead of its quads:
//
//   - geokg_rels holds one row per (statement node, entity it names as
//     subject or object): the statement's sort key in both orders of
//     RelationsPage (k_old, k_new, byte strings that sort as keyCompare
//     does), what relMatch filters on, and what MergeStatements needs.
//     A page is one range of the index (entity, k_new) or (entity, k_old).
//   - geokg_rel_counts and geokg_rel_deltas count an entity's statements
//     by predicate and role (subject, object, both). An article's write
//     only inserts delta rows, so writers of different articles never
//     update the same row; every pgFoldEvery writes a Store folds the
//     deltas into the counts in a short transaction of its own (the only
//     place the counts of a hub are updated). A count is the sum of its
//     row and its deltas, read in one statement.
//   - geokg_meta holds "rels" = "ready" while the tables agree with the
//     quads. Writes that do not keep them (Restore while it runs, raw
//     writes through Update, a writer of another flavour) delete it
//     first, and readers then read every statement as before; the next
//     Store opened by a writer rebuilds the tables from the quads.
//
// The rows change in the same transaction as the article's quads
// (pgApply): a reader on the primary, or on a hot standby replaying it,
// sees both or neither.

// pgRelsSchema creates the tables, each statement run only when its table
// or index is missing (roles that may not create tables can open a store
// that has them).
var pgRelsSchema = []struct{ name, create string }{
	{"geokg_meta", `CREATE TABLE IF NOT EXISTS geokg_meta (key text PRIMARY KEY, value text NOT NULL)`},
	{"geokg_rels", `CREATE TABLE IF NOT EXISTS geokg_rels (
		node bytea NOT NULL, entity text NOT NULL,
		k_old bytea NOT NULL, k_new bytea NOT NULL,
		s text NOT NULL, p text NOT NULL, o text NOT NULL, doc text NOT NULL,
		date text NOT NULL, since text NOT NULL, until text NOT NULL,
		negated boolean NOT NULL, modality text NOT NULL, span0 integer NOT NULL, span1 integer NOT NULL,
		timed boolean NOT NULL, tlo text COLLATE "C" NOT NULL, thi text COLLATE "C" NOT NULL,
		PRIMARY KEY (node, entity))`},
	{"geokg_rels_oldest", `CREATE INDEX IF NOT EXISTS geokg_rels_oldest ON geokg_rels (entity, k_old)`},
	{"geokg_rels_newest", `CREATE INDEX IF NOT EXISTS geokg_rels_newest ON geokg_rels (entity, k_new)`},
	{"geokg_rel_counts", `CREATE TABLE IF NOT EXISTS geokg_rel_counts (entity text NOT NULL, p text NOT NULL, role text NOT NULL, n bigint NOT NULL, PRIMARY KEY (entity, p, role))`},
	// Folds empty the deltas often; vacuum must not truncate the table,
	// which takes a lock that writers' inserts would wait for.
	{"geokg_rel_deltas", `CREATE TABLE IF NOT EXISTS geokg_rel_deltas (entity text NOT NULL, p text NOT NULL, role text NOT NULL, n bigint NOT NULL)
		WITH (vacuum_truncate = false)`},
	{"geokg_rel_deltas_entity", `CREATE INDEX IF NOT EXISTS geokg_rel_deltas_entity ON geokg_rel_deltas (entity)`},
}

// pgFoldEvery is how many article writes of one Store go between folds of
// the count deltas.
var pgFoldEvery int64 = 64

// pgRels is a PostgreSQL Store's side of the index.
type pgRels struct {
	// maintain is set when this Store's writes keep the tables: geokg's
	// writer, on a primary, with the tables there and the rights to
	// write them. Otherwise a write marks the tables stale first.
	maintain bool
	writes   atomic.Int64
}

// Roles of an entity in a statement, as the counts keep them.
const (
	roleOut  = "o" // subject only
	roleIn   = "i" // object only
	roleBoth = "b" // subject and object
)

// relRow is one row of geokg_rels: the entity, and what relItem holds of
// the statement of the node.
type relRow struct {
	node   []byte
	entity string
	relKey
	date, since, until, modality string
}

// statement returns what the row knows of its statement, as
// relItem.statement does.
func (r *relRow) statement() schema.Statement {
	return schema.Statement{Subject: schema.Entity{IRI: r.Subject}, Predicate: r.Predicate, Object: schema.Entity{IRI: r.Object},
		Date: r.date, Since: r.since, Until: r.until, Negated: r.Negated, Modality: r.modality, Doc: r.Doc, Span: r.Span}
}

// openRels sets up the index when a PostgreSQL store is opened, its
// tables made by initPostgres: unless the index is ready (or this is a
// standby, which reads what its primary made), it builds it from the
// quads under the writers' exclusive lock. A role that may not create or
// write the tables opens the store without them: its reads read every
// statement, as before.
func (s *Store) openRels(ctx context.Context, flavour string) error {
	s.rels = &pgRels{}
	if s.standby {
		return nil
	}
	var tables bool
	if err := s.pg.QueryRowContext(ctx, `SELECT to_regclass('geokg_rels') IS NOT NULL AND to_regclass('geokg_meta') IS NOT NULL`).Scan(&tables); err != nil {
		return fmt.Errorf("relations index: %w", err)
	}
	if !tables || flavour != "" && flavour != pgFlavour {
		return nil // another writer (tests compare Cayley's): writes mark the index stale
	}
	ready, err := s.relsReady(ctx)
	if err != nil {
		return fmt.Errorf("relations index: %w", err)
	}
	if !ready {
		unlock, err := s.writeAll(ctx)
		if err != nil {
			return fmt.Errorf("relations index: %w", err)
		}
		if ready, err = s.relsReady(ctx); err == nil && !ready {
			err = s.rebuildRels(ctx) // no other process did meanwhile
		}
		unlock()
		if denied(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("relations index: build it from the store's statements: %w", err)
		}
	}
	s.rels.maintain = true
	return nil
}

// createRelsTables creates the index's tables where they are missing,
// under the lock initPostgres holds (CREATE TABLE IF NOT EXISTS is not
// safe against itself in another session). A role that may not create
// them opens the store without them.
func createRelsTables(ctx context.Context, conn *sql.Conn) error {
	for _, t := range pgRelsSchema {
		var exists bool
		if err := conn.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, t.name).Scan(&exists); err != nil {
			return err
		}
		if exists {
			continue
		}
		if _, err := conn.ExecContext(ctx, t.create); err != nil {
			if denied(err) {
				return nil
			}
			return fmt.Errorf("create %s: %w", t.name, err)
		}
	}
	return nil
}

// denied reports PostgreSQL's insufficient_privilege.
func denied(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "42501"
}

// undefinedTable reports PostgreSQL's undefined_table: a store made before
// the index, read by a role or a standby that did not create it.
func undefinedTable(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "42P01"
}

// relsReady reports whether the index agrees with the quads.
func (s *Store) relsReady(ctx context.Context) (bool, error) {
	var v sql.NullString
	err := s.pg.QueryRowContext(ctx, `SELECT (SELECT value FROM geokg_meta WHERE key = 'rels')`).Scan(&v)
	if undefinedTable(err) {
		return false, nil
	}
	return v.String == "ready", err
}

// staleRels marks the index stale, before a write that does not keep it.
// The caller holds the write lock. It fails when the tables are there but
// the mark cannot be removed: such a write would leave readers an index
// that no longer agrees with the quads.
func (s *Store) staleRels(ctx context.Context) error {
	if s.rels == nil {
		return nil
	}
	_, err := s.pg.ExecContext(ctx, `DELETE FROM geokg_meta WHERE key = 'rels'`)
	if err != nil && !undefinedTable(err) {
		return fmt.Errorf("mark the relations index stale: %w", err)
	}
	return nil
}

// relsRestored rebuilds the index after Restore, which writes through
// Cayley's writer; the caller holds the writers' exclusive lock.
func (s *Store) relsRestored(ctx context.Context) error {
	if s.rels == nil || !s.rels.maintain {
		return nil
	}
	if err := s.rebuildRels(ctx); err != nil {
		return fmt.Errorf("rebuild the relations index: %w", err)
	}
	return nil
}

// statementNodes returns the hash of every statement node of the store.
func (s *Store) pgStatementNodes(ctx context.Context) ([][]byte, error) {
	rows, err := s.pg.QueryContext(ctx, `SELECT DISTINCT subject_hash FROM quads WHERE predicate_hash = $1 AND object_hash = $2`,
		csql.HashOf(quad.IRI(schema.RDFType)).SQLValue(), csql.HashOf(quad.IRI(schema.StatementType)).SQLValue())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]byte
	for rows.Next() {
		var h []byte
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// expectedRels reads every statement node and returns the rows the index
// should hold; the caller keeps writers out.
func (s *Store) expectedRels(ctx context.Context) ([]relRow, error) {
	nodes, err := s.pgStatementNodes(ctx)
	if err != nil {
		return nil, fmt.Errorf("find statement nodes: %w", err)
	}
	var out []relRow
	for start := 0; start < len(nodes); start += pgBatch {
		chunk := nodes[start:min(start+pgBatch, len(nodes))]
		refs := make([]cgraph.Ref, len(chunk))
		for i, h := range chunk {
			var nh csql.NodeHash
			copy(nh.ValueHash[:], h)
			refs[i] = nh
		}
		props, err := s.propsOf(ctx, refs)
		if err != nil {
			return nil, fmt.Errorf("read %d statement nodes: %w", len(chunk), err)
		}
		for i, p := range props {
			out = append(out, relRowsOf(chunk[i], p)...)
		}
	}
	return out, nil
}

// rebuildRels fills the index from the quads in one transaction and marks
// it ready. The caller holds the writers' exclusive lock.
func (s *Store) rebuildRels(ctx context.Context) error {
	rows, err := s.expectedRels(ctx)
	if err != nil {
		return err
	}
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM geokg_meta WHERE key = 'rels'`, `DELETE FROM geokg_rels`, `DELETE FROM geokg_rel_counts`, `DELETE FROM geokg_rel_deltas`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := insertRels(ctx, tx, rows); err != nil {
		return err
	}
	counts := make(map[relCountKey]int64)
	for _, r := range rows {
		counts[r.countKey()]++
	}
	if err := insertCounts(ctx, tx, "geokg_rel_counts", counts); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO geokg_meta (key, value) VALUES ('rels', 'ready')`); err != nil {
		return err
	}
	return tx.Commit()
}

// relRowsOf returns the index rows of the node whose hash is node and
// whose properties are props: one per entity it names as subject or
// object, none when it is not a statement (or names an unknown predicate,
// which Relations cannot read either).
func relRowsOf(node []byte, props map[string][]quad.Value) []relRow {
	if !hasValue(props[schema.RDFType], quad.IRI(schema.StatementType)) {
		return nil
	}
	first := func(p string) string {
		if vs := props[p]; len(vs) > 0 {
			return schema.ValueString(vs[0])
		}
		return ""
	}
	st, err := schema.StatementFromProps(first(schema.DocumentProp), props, bareEntity)
	if err != nil {
		return nil
	}
	var out []relRow
	seen := make(map[string]bool)
	for _, p := range []string{schema.Subject, schema.Object} {
		for _, v := range props[p] {
			e := schema.ValueString(v)
			if e == "" || seen[e] {
				continue
			}
			seen[e] = true
			out = append(out, relRow{node: node, entity: e, relKey: keyOf(st),
				date: st.Date, since: st.Since, until: st.Until, modality: st.Modality})
		}
	}
	return out
}

// relCountKey is one count of the index.
type relCountKey struct{ entity, pred, role string }

func (r *relRow) countKey() relCountKey {
	role := roleBoth
	switch {
	case r.Subject == r.entity && r.Object != r.entity:
		role = roleOut
	case r.Object == r.entity && r.Subject != r.entity:
		role = roleIn
	case r.Subject != r.entity && r.Object != r.entity:
		role = "" // named by a second subject or object value; Direction Both only
	}
	return relCountKey{r.entity, r.Predicate, role}
}

// timeBounds returns what inTime compares a statement on: whether it has
// a time, and its first and last day ("" for an open end).
func (r *relRow) timeBounds() (timed bool, lo, hi string) {
	switch {
	case r.since != "" || r.until != "":
		return true, lowDate(r.since), highDate(r.until)
	case validDate(r.date):
		return true, lowDate(r.date), highDate(r.date)
	}
	return false, "", ""
}

// insertRels inserts rows, in statements of pgWriteRows rows.
func insertRels(ctx context.Context, tx *sql.Tx, rows []relRow) error {
	for start := 0; start < len(rows); start += pgWriteRows {
		chunk := rows[start:min(start+pgWriteRows, len(rows))]
		var (
			nodes, kOld, kNew                                           [][]byte
			ents, ss, ps, os, docs, dates, sinces, untils, mods, lo, hi []string
			neg, timed                                                  []bool
			s0, s1                                                      []int64
		)
		for i := range chunk {
			r := &chunk[i]
			t, l, h := r.timeBounds()
			nodes, kOld, kNew = append(nodes, r.node), append(kOld, sortKey(r.relKey, false)), append(kNew, sortKey(r.relKey, true))
			ents, ss, ps, os, docs = append(ents, r.entity), append(ss, r.Subject), append(ps, r.Predicate), append(os, r.Object), append(docs, r.Doc)
			dates, sinces, untils, mods = append(dates, r.date), append(sinces, r.since), append(untils, r.until), append(mods, r.modality)
			neg, s0, s1 = append(neg, r.Negated), append(s0, int64(r.Span[0])), append(s1, int64(r.Span[1]))
			timed, lo, hi = append(timed, t), append(lo, l), append(hi, h)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO geokg_rels (node, entity, k_old, k_new, s, p, o, doc, date, since, until, negated, modality, span0, span1, timed, tlo, thi)
			SELECT * FROM unnest($1::bytea[], $2::text[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::text[], $8::text[],
				$9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[], $14::integer[], $15::integer[], $16::boolean[], $17::text[], $18::text[])`,
			pq.ByteaArray(nodes), pq.StringArray(ents), pq.ByteaArray(kOld), pq.ByteaArray(kNew), pq.StringArray(ss), pq.StringArray(ps), pq.StringArray(os), pq.StringArray(docs),
			pq.StringArray(dates), pq.StringArray(sinces), pq.StringArray(untils), pq.BoolArray(neg), pq.StringArray(mods), pq.Int64Array(s0), pq.Int64Array(s1),
			pq.BoolArray(timed), pq.StringArray(lo), pq.StringArray(hi))
		if err != nil {
			return fmt.Errorf("insert %d relations index rows: %w", len(chunk), err)
		}
	}
	return nil
}

// insertCounts inserts the non-zero counts into table (geokg_rel_counts
// or geokg_rel_deltas), in one statement.
func insertCounts(ctx context.Context, tx *sql.Tx, table string, counts map[relCountKey]int64) error {
	var ents, ps, roles []string
	var ns []int64
	for k, n := range counts {
		if n != 0 {
			ents, ps, roles, ns = append(ents, k.entity), append(ps, k.pred), append(roles, k.role), append(ns, n)
		}
	}
	if len(ns) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (entity, p, role, n) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])`,
		pq.StringArray(ents), pq.StringArray(ps), pq.StringArray(roles), pq.Int64Array(ns))
	if err != nil {
		return fmt.Errorf("insert %d relation counts: %w", len(ns), err)
	}
	return nil
}

// sortKey encodes k as bytes that sort, compared byte by byte, as
// keyCompare sorts keys: undated last, the time ascending (or with newest
// descending), then predicate, subject, object, document, span and
// negation ascending. Strings are escaped (0x00 as 0x00 0xFF) and ended by
// 0x00 0x01, so that no encoding is a prefix of another; the time of
// newest is that encoding with every bit flipped, which reverses its
// order.
func sortKey(k relKey, newest bool) []byte {
	b := make([]byte, 0, 96)
	if k.When == "" {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	start := len(b)
	b = appendKeyString(b, k.When)
	if newest {
		for i := start; i < len(b); i++ {
			b[i] ^= 0xFF
		}
	}
	for _, s := range []string{k.Predicate, k.Subject, k.Object, k.Doc} {
		b = appendKeyString(b, s)
	}
	for _, n := range k.Span {
		b = binary.BigEndian.AppendUint64(b, uint64(n)^(1<<63))
	}
	if k.Negated {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendKeyString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			b = append(b, 0, 0xFF)
		} else {
			b = append(b, s[i])
		}
	}
	return append(b, 0, 1)
}

// relChange is a statement node an article's write touches, with its
// properties after the write (nil when it is gone).
type relChange struct {
	node  []byte
	after map[string][]quad.Value
}

// relChanges returns the statement nodes the deltas of one article's
// write touch, with their properties after it. A node whose rdf:type the
// write adds is new, and all its quads are in the deltas; one whose
// rdf:type it removes is gone; for one it changes in part (an article
// extracted again with other details), the article's stored quads are
// read.
func (s *Store) relChanges(ctx context.Context, deltas []cgraph.Delta) ([]relChange, error) {
	type node struct {
		subj           quad.Value
		adds, removes  []quad.Quad
		typed, untyped bool // its rdf:type geo:Statement added, removed
	}
	byNode := make(map[string]*node)
	var order []string
	var label quad.Value
	isType := func(q quad.Quad) bool {
		return schema.ValueString(q.Predicate) == schema.RDFType && schema.ValueString(q.Object) == schema.StatementType
	}
	for _, d := range deltas {
		k := schema.ValueString(d.Quad.Subject)
		if !schema.IsStatementIRI(k) {
			continue
		}
		n := byNode[k]
		if n == nil {
			n = &node{subj: d.Quad.Subject}
			byNode[k] = n
			order = append(order, k)
		}
		if d.Action == cgraph.Add {
			n.adds = append(n.adds, d.Quad)
			n.typed = n.typed || isType(d.Quad)
		} else {
			n.removes = append(n.removes, d.Quad)
			n.untyped = n.untyped || isType(d.Quad)
		}
		label = d.Quad.Label
	}
	var have map[string]quad.Quad
	out := make([]relChange, 0, len(order))
	for _, k := range order {
		n := byNode[k]
		h := csql.HashOf(n.subj)
		c := relChange{node: h.ValueHash[:]}
		var qs []quad.Quad
		switch {
		case n.untyped && !n.typed:
		case n.typed:
			qs = n.adds
		default:
			if have == nil {
				var err error
				if have, err = s.labelled(ctx, label); err != nil {
					return nil, err
				}
			}
			removed := make(map[string]bool, len(n.removes))
			for _, q := range n.removes {
				removed[quadKey(q)] = true
			}
			for key, q := range have {
				if schema.ValueString(q.Subject) == k && !removed[key] {
					qs = append(qs, q)
				}
			}
			qs = append(qs, n.adds...)
		}
		if len(qs) > 0 {
			c.after = propsOfQuads(qs)
		}
		out = append(out, c)
	}
	return out, nil
}

// propsOfQuads returns the properties the quads give their subject, as
// propsOf reads them from a store: predicate → values, each once, sorted.
func propsOfQuads(qs []quad.Quad) map[string][]quad.Value {
	m := make(map[string][]quad.Value)
	seen := make(map[[2]string]bool)
	for _, q := range qs {
		p, o := schema.ValueString(q.Predicate), q.Object.String()
		if seen[[2]string{p, o}] {
			continue
		}
		seen[[2]string{p, o}] = true
		m[p] = append(m[p], q.Object)
	}
	for _, vs := range m {
		sort.Slice(vs, func(i, j int) bool { return vs[i].String() < vs[j].String() })
	}
	return m
}

// writeRels replaces the index rows of the changed statement nodes and
// records the change of the counts as delta rows, inside the article's
// transaction. It touches no row another article's write touches: the
// rows are its own statements', and the deltas are new rows.
func writeRels(ctx context.Context, tx *sql.Tx, changes []relChange) error {
	if len(changes) == 0 {
		return nil
	}
	nodes := make([][]byte, len(changes))
	var rows []relRow
	for i, c := range changes {
		nodes[i] = c.node
		if c.after != nil {
			rows = append(rows, relRowsOf(c.node, c.after)...)
		}
	}
	deltas := make(map[relCountKey]int64)
	res, err := tx.QueryContext(ctx, `DELETE FROM geokg_rels WHERE node = ANY($1) RETURNING entity, s, p, o`, pq.ByteaArray(nodes))
	if err != nil {
		return fmt.Errorf("remove relations index rows: %w", err)
	}
	for res.Next() {
		var r relRow
		if err := res.Scan(&r.entity, &r.Subject, &r.Predicate, &r.Object); err != nil {
			res.Close()
			return err
		}
		deltas[r.countKey()]--
	}
	if err := res.Close(); err != nil {
		return err
	}
	if err := res.Err(); err != nil {
		return err
	}
	if err := insertRels(ctx, tx, rows); err != nil {
		return err
	}
	for i := range rows {
		deltas[rows[i].countKey()]++
	}
	return insertCounts(ctx, tx, "geokg_rel_deltas", deltas)
}

// foldSQL moves the count deltas into the counts, in one statement.
const foldSQL = `WITH d AS (DELETE FROM geokg_rel_deltas RETURNING entity, p, role, n),
	t AS (SELECT entity, p, role, sum(n)::bigint AS n FROM d GROUP BY entity, p, role)
	INSERT INTO geokg_rel_counts AS c (entity, p, role, n) SELECT entity, p, role, n FROM t ORDER BY entity, p, role
	ON CONFLICT (entity, p, role) DO UPDATE SET n = c.n + EXCLUDED.n`

// foldRelCounts adds the count deltas into the counts and removes them,
// in one short transaction. The only rows of the index that several
// writers update are the counts of entities many articles name, and only
// here: the articles' transactions insert deltas and never wait for it.
func (s *Store) foldRelCounts(ctx context.Context) error {
	var err error
	for try := 0; try < 4; try++ {
		_, err = s.pg.ExecContext(ctx, foldSQL)
		if err == nil || !retryable(err) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("fold the relation counts: %w", err)
	}
	return nil
}

// pgUseRels reports, under the read lock, whether the index can answer.
// (An entity the store does not know has no rows; Relations on
// PostgreSQL returns no statements for it too, rather than ErrNotFound.)
func (s *Store) pgUseRels(ctx context.Context) (bool, error) {
	if s.rels == nil {
		return false, nil
	}
	return s.relsReady(ctx)
}

// pgPage is RelationsPage on PostgreSQL: from the index when it is ready,
// reading the page's rows, the counts and the page's statements; else as
// pgRelationsPage does, from every statement.
func (s *Store) pgPage(ctx context.Context, iri string, f Filter, m relMatch, after *relKey, limit int, o Order) (RelationsPage, error) {
	out, ok, err := s.pgIndexedPage(ctx, iri, m, after, limit, o)
	if err != nil || ok {
		return out, err
	}
	return s.pgRelationsPage(ctx, iri, f, m, after, limit, o)
}

func (s *Store) pgIndexedPage(ctx context.Context, iri string, m relMatch, after *relKey, limit int, o Order) (_ RelationsPage, ok bool, err error) {
	if s.rels == nil {
		return RelationsPage{}, false, nil
	}
	fail := func(err error) (RelationsPage, bool, error) {
		return RelationsPage{}, true, fmt.Errorf("relations of %s: %w", iri, err)
	}
	unlock, err := s.read(ctx)
	if err != nil {
		return fail(err)
	}
	defer unlock()
	ready, err := s.pgUseRels(ctx)
	if err != nil {
		return fail(err)
	}
	if !ready {
		return RelationsPage{}, false, nil
	}
	total, counts, err := s.pgRelCounts(ctx, m)
	if err != nil {
		return fail(err)
	}
	col := "k_old"
	if o == Newest {
		col = "k_new"
	}
	where, args := relWhere(m)
	if after != nil {
		args = append(args, sortKey(*after, o == Newest))
		where += fmt.Sprintf(" AND %s > $%d", col, len(args))
	}
	args = append(args, limit+1)
	rows, err := s.pgRelRows(ctx, `SELECT `+relCols+` FROM geokg_rels WHERE `+
		where+` ORDER BY `+col+fmt.Sprintf(` LIMIT $%d`, len(args)), args...)
	if err != nil {
		return fail(err)
	}
	out := RelationsPage{Total: total, Counts: counts, Relations: []schema.Statement{}}
	if len(rows) > limit {
		rows = rows[:limit]
		out.NextCursor = encodeCursor(m.ent, o, rows[limit-1].relKey)
	}
	if len(rows) == 0 {
		return out, true, nil
	}
	refs := make([]cgraph.Ref, len(rows))
	for i, r := range rows {
		var h csql.NodeHash
		copy(h.ValueHash[:], r.node)
		refs[i] = h
	}
	stmts, kept, err := s.statementsOf(ctx, refs, nil)
	if err != nil {
		return fail(err)
	}
	if len(kept) != len(refs) {
		return fail(fmt.Errorf("%d statements of the relations index are not in the store (run geokg verify)", len(refs)-len(kept)))
	}
	out.Relations = stmts
	return out, true, nil
}

// relWhere returns the condition on geokg_rels that keeps the rows m
// keeps, with its arguments ($1 the entity).
func relWhere(m relMatch) (string, []any) {
	args := []any{m.ent}
	var b strings.Builder
	b.WriteString("entity = $1")
	switch m.dir {
	case Out:
		b.WriteString(" AND s = $1")
	case In:
		b.WriteString(" AND o = $1")
	}
	if m.preds != nil {
		preds := make([]string, 0, len(m.preds))
		for p := range m.preds {
			preds = append(preds, p)
		}
		args = append(args, pq.StringArray(preds))
		fmt.Fprintf(&b, " AND p = ANY($%d)", len(args))
	}
	if m.since != "" || m.until != "" {
		b.WriteString(" AND timed")
		if m.since != "" {
			args = append(args, m.since)
			fmt.Fprintf(&b, " AND (thi = '' OR thi >= $%d)", len(args))
		}
		if m.until != "" {
			args = append(args, m.until)
			fmt.Fprintf(&b, " AND (tlo = '' OR tlo <= $%d)", len(args))
		}
	}
	return b.String(), args
}

// relCols are the columns of geokg_rels that pgRelRows reads.
const relCols = "node, s, p, o, doc, date, since, until, negated, modality, span0, span1, entity"

// pgRelRows reads index rows, the columns relCols.
func (s *Store) pgRelRows(ctx context.Context, query string, args ...any) ([]relRow, error) {
	res, err := s.pg.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	var out []relRow
	for res.Next() {
		var r relRow
		if err := res.Scan(&r.node, &r.Subject, &r.Predicate, &r.Object, &r.Doc, &r.date, &r.since, &r.until,
			&r.Negated, &r.modality, &r.Span[0], &r.Span[1], &r.entity); err != nil {
			return nil, err
		}
		r.When = when(schema.Statement{Date: r.date, Since: r.since})
		out = append(out, r)
	}
	return out, res.Err()
}

// pgRelCounts returns the number of statements m keeps, in all and by
// predicate: from the counts kept at write time when m has no dates, else
// counted in the index.
func (s *Store) pgRelCounts(ctx context.Context, m relMatch) (int, map[string]int, error) {
	counts := make(map[string]int)
	var q string
	var args []any
	if m.since == "" && m.until == "" {
		q, args = `SELECT p, role, sum(n) FROM (SELECT p, role, n FROM geokg_rel_counts WHERE entity = $1
			UNION ALL SELECT p, role, n FROM geokg_rel_deltas WHERE entity = $1) c GROUP BY p, role HAVING sum(n) <> 0`, []any{m.ent}
	} else {
		var where string
		where, args = relWhere(m)
		q = `SELECT p, '', count(*) FROM geokg_rels WHERE ` + where + ` GROUP BY p`
	}
	res, err := s.pg.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, nil, err
	}
	defer res.Close()
	total := 0
	for res.Next() {
		var p, role string
		var n int
		if err := res.Scan(&p, &role, &n); err != nil {
			return 0, nil, err
		}
		switch {
		case m.preds != nil && !m.preds[p]:
			continue
		case m.dir == Out && (role == roleIn || role == ""), m.dir == In && (role == roleOut || role == ""):
			if m.since == "" && m.until == "" {
				continue
			}
		}
		counts[p] += n
		total += n
	}
	return total, counts, res.Err()
}

// pgMerged is MergedRelations on PostgreSQL: from the index's rows when it
// is ready (what MergeStatements needs of each statement, without reading
// its quads), with the facts of the entities they name; else from every
// statement, as Relations reads them.
func (s *Store) pgMerged(ctx context.Context, iri string, f Filter) ([]MergedRelation, error) {
	m, err := newRelMatch(iri, f)
	if err != nil {
		return nil, fmt.Errorf("merged relations of %s: %w", iri, err)
	}
	merged, ok, err := func() ([]MergedRelation, bool, error) {
		if s.rels == nil {
			return nil, false, nil
		}
		unlock, err := s.read(ctx)
		if err != nil {
			return nil, true, err
		}
		defer unlock()
		ready, err := s.pgUseRels(ctx)
		switch {
		case err != nil:
			return nil, true, err
		case !ready:
			return nil, false, nil
		}
		where, args := relWhere(m)
		rows, err := s.pgRelRows(ctx, `SELECT `+relCols+` FROM geokg_rels WHERE `+where, args...)
		if err != nil {
			return nil, true, err
		}
		stmts := make([]schema.Statement, len(rows))
		var iris []string
		named := make(map[string]cgraph.Ref)
		for i := range rows {
			stmts[i] = rows[i].statement()
			for _, x := range []string{rows[i].Subject, rows[i].Object} {
				if _, ok := named[x]; x != "" && !ok {
					named[x] = nil
					iris = append(iris, x)
				}
			}
		}
		ents, err := s.entitiesOf(ctx, iris, named)
		if err != nil {
			return nil, true, err
		}
		for i := range stmts {
			stmts[i].Subject, stmts[i].Object = ents[stmts[i].Subject.IRI], ents[stmts[i].Object.IRI]
		}
		sort.Slice(stmts, func(i, j int) bool { return keyCompare(keyOf(stmts[i]), keyOf(stmts[j]), false) < 0 })
		return MergeStatements(stmts), true, nil
	}()
	if err != nil {
		return nil, fmt.Errorf("merged relations of %s: %w", iri, err)
	}
	if ok {
		return merged, nil
	}
	stmts, err := s.Relations(ctx, iri, f)
	if err != nil {
		return nil, fmt.Errorf("merged %w", err)
	}
	return MergeStatements(stmts), nil
}
