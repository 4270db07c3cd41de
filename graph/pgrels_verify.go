package graph

import (
	"bytes"
	"context"
	"fmt"
	"sort"
)

// ProblemRelationsIndex: on PostgreSQL, the index of entities'
// statements (geokg_rels) or its counts do not hold what the statement
// nodes say. Opening the store as a writer after `DELETE FROM geokg_meta
// WHERE key = 'rels'` rebuilds it.
const ProblemRelationsIndex ProblemKind = "relations-index"

// verifyRels compares the index with the rows the statement nodes give,
// and the counts (with their deltas) with the rows. A stale index (marked
// so by a write that did not keep it) is no problem: readers do not use
// it, and the next writer to open the store rebuilds it. The caller holds
// the read lock.
func (s *Store) verifyRels(ctx context.Context) ([]Problem, error) {
	ready, err := s.relsReady(ctx)
	if err != nil || !ready {
		return nil, err
	}
	want, err := s.expectedRels(ctx)
	if err != nil {
		return nil, fmt.Errorf("relations index: %w", err)
	}
	have, err := s.pgRelRows(ctx, `SELECT `+relCols+` FROM geokg_rels`)
	if err != nil {
		return nil, fmt.Errorf("relations index: %w", err)
	}
	var problems []Problem
	key := func(r *relRow) string { return string(r.node) + "\x00" + r.entity }
	index := make(map[string]*relRow, len(have))
	for i := range have {
		index[key(&have[i])] = &have[i]
	}
	counts := make(map[relCountKey]int64)
	for i := range want {
		w := &want[i]
		counts[w.countKey()]++
		h, ok := index[key(w)]
		delete(index, key(w))
		switch {
		case !ok:
			problems = append(problems, Problem{Kind: ProblemRelationsIndex, Doc: w.Doc, Node: w.entity,
				Message: fmt.Sprintf("the statement %s %s %s of %s is missing from the index of %s", w.Subject, w.Predicate, w.Object, w.Doc, w.entity)})
		case h.relKey != w.relKey || h.date != w.date || h.since != w.since || h.until != w.until || h.modality != w.modality:
			problems = append(problems, Problem{Kind: ProblemRelationsIndex, Doc: w.Doc, Node: w.entity,
				Message: fmt.Sprintf("the index of %s holds the statement %s %s %s of %s as %+v, the store as %+v", w.entity, w.Subject, w.Predicate, w.Object, w.Doc, *h, *w)})
		}
	}
	for _, h := range index {
		problems = append(problems, Problem{Kind: ProblemRelationsIndex, Doc: h.Doc, Node: h.entity,
			Message: fmt.Sprintf("the index of %s holds the statement %s %s %s of %s, which the store does not", h.entity, h.Subject, h.Predicate, h.Object, h.Doc)})
	}
	res, err := s.pg.QueryContext(ctx, `SELECT entity, p, role, sum(n) FROM (SELECT entity, p, role, n FROM geokg_rel_counts
		UNION ALL SELECT entity, p, role, n FROM geokg_rel_deltas) c GROUP BY entity, p, role`)
	if err != nil {
		return nil, fmt.Errorf("relations index counts: %w", err)
	}
	defer res.Close()
	stored := make(map[relCountKey]int64)
	for res.Next() {
		var k relCountKey
		var n int64
		if err := res.Scan(&k.entity, &k.pred, &k.role, &n); err != nil {
			return nil, fmt.Errorf("relations index counts: %w", err)
		}
		stored[k] = n
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("relations index counts: %w", err)
	}
	for k := range counts {
		if _, ok := stored[k]; !ok {
			stored[k] = 0
		}
	}
	for k, n := range stored {
		if n != counts[k] {
			problems = append(problems, Problem{Kind: ProblemRelationsIndex, Node: k.entity,
				Message: fmt.Sprintf("the index counts %d statements %s with %s as %s, the store has %d", n, k.pred, k.entity, roleName(k.role), counts[k])})
		}
	}
	sort.Slice(problems, func(i, j int) bool {
		a, b := problems[i], problems[j]
		if c := bytes.Compare([]byte(a.Node), []byte(b.Node)); c != 0 {
			return c < 0
		}
		return a.Message < b.Message
	})
	return problems, nil
}

func roleName(role string) string {
	switch role {
	case roleOut:
		return "subject"
	case roleIn:
		return "object"
	case roleBoth:
		return "subject and object"
	}
	return "another role"
}
