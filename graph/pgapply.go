package graph

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	graphlog "github.com/cayleygraph/cayley/graph/log"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/lib/pq"
)

// pgApply writes one article's transaction on PostgreSQL in a
// transaction of its own rather than through Cayley's writer, so that the
// index of the article's statements (pgrels.go) changes with its quads. It
// stores the rows Cayley's SQL writer stores (ApplyDeltas with
// runTxBatched, ignoring duplicates and missing quads), in this order:
//
//  1. the nodes not stored yet, and the added quads (writeNodesQuads);
//  2. the removed quads, in one statement per kind (labelled or not);
//  3. the index rows of the statements the write touches, and the count
//     deltas (writeRels);
//  4. the reference counts of the stored nodes, raised or lowered, their
//     rows locked in hash order; then the nodes no quad uses any more are
//     removed.
//
// Like runTxBatched it leaves the rows other writers share (the counts of
// rdf:type, the predicates, big countries) to the end. A write the
// database aborted for a deadlock or a serialisation failure is tried
// again, as Store.apply does. Every pgFoldEvery writes it folds the count
// deltas (foldRelCounts) after its commit.
func (s *Store) pgApply(ctx context.Context, tx *cgraph.Transaction) error {
	changes, err := s.relChanges(ctx, tx.Deltas)
	if err != nil {
		return fmt.Errorf("read the article's statements: %w", err)
	}
	for try := 0; ; try++ {
		err = s.pgApplyOnce(ctx, tx.Deltas, changes)
		if err == nil || !retryable(err) || try >= pgMaxRetries {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pgBackoff(try)):
		}
	}
	if err != nil {
		return err
	}
	if s.rels.writes.Add(1)%pgFoldEvery == 0 {
		// A fold that fails leaves the deltas for the next one; the
		// counts, their sum, stay exact.
		_ = s.foldRelCounts(ctx)
	}
	return nil
}

func (s *Store) pgApplyOnce(ctx context.Context, in []cgraph.Delta, changes []relChange) error {
	d := graphlog.SplitDeltas(in)
	tx, err := s.pg.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	raised, incs, err := writeNodesQuads(tx, d.IncNode, d.QuadAdd, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}, false)
	if err != nil {
		return err
	}
	missing, err := deleteQuads(ctx, tx, d.QuadDel)
	if err != nil {
		return err
	}
	if err := writeRels(ctx, tx, changes); err != nil {
		return err
	}
	// Lower the counts of the nodes of the removed quads, but not for a
	// quad that was not there (Cayley's writer does the same with
	// ignore_missing).
	var lowered [][]byte
	for _, n := range d.DecNode {
		inc := int64(n.RefInc + missing[n.Hash])
		if inc == 0 {
			continue
		}
		h := csql.NodeHash{ValueHash: n.Hash}.SQLValue().([]byte)
		raised, incs = append(raised, h), append(incs, inc)
		lowered = append(lowered, h)
	}
	if err := raiseRefs(tx, raised, incs); err != nil {
		return err
	}
	if len(lowered) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`, pq.ByteaArray(lowered)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// deleteQuads removes quads and returns, for each node, how many of the
// quads that were not stored name it (each direction once).
func deleteQuads(ctx context.Context, tx *sql.Tx, quads []graphlog.QuadUpdate) (map[refs.ValueHash]int, error) {
	missing := make(map[refs.ValueHash]int)
	if len(quads) == 0 {
		return missing, nil
	}
	var labelled, unlabelled [4][][]byte
	want := make(map[[4]refs.ValueHash]int)
	for _, q := range quads {
		set := &labelled
		if !q.Quad.Label.Valid() {
			set = &unlabelled
		}
		for i, h := range q.Quad.Dirs() {
			if v := (csql.NodeHash{ValueHash: h}).SQLValue(); v != nil {
				set[i] = append(set[i], v.([]byte))
			}
		}
		want[[4]refs.ValueHash(q.Quad.Dirs())]++
	}
	gone := func(res *sql.Rows) error {
		defer res.Close()
		for res.Next() {
			var k [4]csql.NodeHash
			if err := res.Scan(&k[0], &k[1], &k[2], &k[3]); err != nil {
				return err
			}
			want[[4]refs.ValueHash{k[0].ValueHash, k[1].ValueHash, k[2].ValueHash, k[3].ValueHash}]--
		}
		return res.Err()
	}
	if len(labelled[0]) > 0 {
		res, err := tx.QueryContext(ctx, `DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[], $4::bytea[]) AS d(s, p, o, l)
			WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash = d.l
			RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`,
			pq.ByteaArray(labelled[0]), pq.ByteaArray(labelled[1]), pq.ByteaArray(labelled[2]), pq.ByteaArray(labelled[3]))
		if err != nil {
			return nil, fmt.Errorf("remove %d quads: %w", len(labelled[0]), err)
		}
		if err := gone(res); err != nil {
			return nil, fmt.Errorf("remove %d quads: %w", len(labelled[0]), err)
		}
	}
	if len(unlabelled[0]) > 0 {
		res, err := tx.QueryContext(ctx, `DELETE FROM quads q USING unnest($1::bytea[], $2::bytea[], $3::bytea[]) AS d(s, p, o)
			WHERE q.subject_hash = d.s AND q.predicate_hash = d.p AND q.object_hash = d.o AND q.label_hash IS NULL
			RETURNING q.subject_hash, q.predicate_hash, q.object_hash, q.label_hash`,
			pq.ByteaArray(unlabelled[0]), pq.ByteaArray(unlabelled[1]), pq.ByteaArray(unlabelled[2]))
		if err != nil {
			return nil, fmt.Errorf("remove %d quads: %w", len(unlabelled[0]), err)
		}
		if err := gone(res); err != nil {
			return nil, fmt.Errorf("remove %d quads: %w", len(unlabelled[0]), err)
		}
	}
	for k, n := range want {
		for ; n > 0; n-- {
			for _, h := range k {
				if h.Valid() {
					missing[h]++
				}
			}
		}
	}
	return missing, nil
}
