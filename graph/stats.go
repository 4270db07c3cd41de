package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// Stats counts what the store holds.
type Stats struct {
	Documents   int            `json:"documents"`
	Statements  int            `json:"statements"`
	Entities    int            `json:"entities"`
	Quads       int            `json:"quads"`
	ByKind      map[string]int `json:"by_kind"`      // entities by kind ("Country")
	ByPredicate map[string]int `json:"by_predicate"` // statements by predicate ("hosts")
}

// Stats counts the documents, statements, entities (by kind) and quads in
// the store, and the statements by predicate.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	defer unlock()

	st := Stats{ByKind: make(map[string]int), ByPredicate: make(map[string]int)}
	docs, err := values(ctx, s.qs, s.DocumentNodes())
	if err != nil {
		return Stats{}, fmt.Errorf("stats: documents: %w", err)
	}
	st.Documents = len(docs)

	const tagNode, tagValue = "node", "value"
	stmts := s.statementNodes().Tag(tagNode).Out(quad.IRI(schema.PredicateProp)).Tag(tagValue)
	rows, err := tagRows(ctx, s.qs, stmts)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: statements: %w", err)
	}
	seen := make(map[string]bool)
	for _, r := range rows {
		if k := r[tagNode] + "\x00" + r[tagValue]; !seen[k] {
			seen[k] = true
			st.ByPredicate[predicateName(r[tagValue])]++
		}
	}
	ids, err := values(ctx, s.qs, s.statementNodes())
	if err != nil {
		return Stats{}, fmt.Errorf("stats: statements: %w", err)
	}
	st.Statements = len(ids)

	ents := s.EntityNodes().Tag(tagNode).Out(quad.IRI(schema.RDFType)).Tag(tagValue)
	rows, err = tagRows(ctx, s.qs, ents)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: entities: %w", err)
	}
	entities := make(map[string]bool)
	seen = make(map[string]bool)
	for _, r := range rows {
		kind, ok := schema.ParseKind(strings.TrimPrefix(r[tagValue], "geo:"))
		if !ok {
			continue
		}
		entities[r[tagNode]] = true
		if k := r[tagNode] + "\x00" + r[tagValue]; !seen[k] {
			seen[k] = true
			st.ByKind[string(kind)]++
		}
	}
	st.Entities = len(entities)

	qs, err := s.qs.Stats(ctx, false)
	switch {
	case errors.Is(err, ckv.ErrNoBucket):
		// a bolt store nothing was ever written to has no size yet
	case err != nil:
		return Stats{}, fmt.Errorf("stats: quads: %w", err)
	default:
		st.Quads = int(qs.Quads.Value)
	}
	return st, nil
}
