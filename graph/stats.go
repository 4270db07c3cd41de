package graph

import (
	"context"
	"errors"
	"fmt"
	"maps"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
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
// the store, and the statements by predicate. It reads the store's indexes
// by class and predicate, never the values of the nodes it counts; on
// bolt and memstore it keeps the counts until the next write (see memo).
func (s *Store) Stats(ctx context.Context) (_ Stats, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	defer unlock()
	defer s.guard(&err)
	if s.pg != nil {
		return s.readStats(ctx)
	}
	if err := s.kept(); err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	st, err := s.stats.get(s.gen.Load(), func() (Stats, error) { return s.readStats(ctx) })
	if err != nil {
		return Stats{}, err
	}
	// The caller may change its copy.
	st.ByKind, st.ByPredicate = maps.Clone(st.ByKind), maps.Clone(st.ByPredicate)
	return st, nil
}

// readStats counts what Stats counts; the caller holds the read lock.
func (s *Store) readStats(ctx context.Context) (Stats, error) {
	st := Stats{ByKind: make(map[string]int), ByPredicate: make(map[string]int)}
	typ, err := s.qs.ValueOf(quad.IRI(schema.RDFType))
	if err != nil {
		return Stats{}, fmt.Errorf("stats: %w", err)
	}
	docs, err := s.subjectsOf(ctx, typ, quad.IRI(schema.ArticleType))
	if err != nil {
		return Stats{}, fmt.Errorf("stats: documents: %w", err)
	}
	st.Documents = len(docs)
	stmts, err := s.subjectsOf(ctx, typ, quad.IRI(schema.StatementType))
	if err != nil {
		return Stats{}, fmt.Errorf("stats: statements: %w", err)
	}
	st.Statements = len(stmts)
	pred, err := s.qs.ValueOf(quad.IRI(schema.PredicateProp))
	if err != nil {
		return Stats{}, fmt.Errorf("stats: statements: %w", err)
	}
	for _, p := range schema.Predicates() {
		n, err := s.subjectsOf(ctx, pred, quad.IRI(p.IRI()))
		if err != nil {
			return Stats{}, fmt.Errorf("stats: statements: %w", err)
		}
		if len(n) > 0 {
			st.ByPredicate[p.Name] = len(n)
		}
	}
	entities := make(map[interface{}]bool)
	for _, k := range schema.Kinds {
		n, err := s.subjectsOf(ctx, typ, quad.IRI(k.IRI()))
		if err != nil {
			return Stats{}, fmt.Errorf("stats: entities: %w", err)
		}
		if len(n) > 0 {
			st.ByKind[string(k)] = len(n)
		}
		for e := range n {
			entities[e] = true
		}
	}
	st.Entities = len(entities)

	if s.pg != nil {
		n, err := s.exactQuads(ctx)
		if err != nil {
			return Stats{}, fmt.Errorf("stats: quads: %w", err)
		}
		st.Quads = n
		return st, nil
	}
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

// subjectsOf returns the distinct subjects of the quads (x pred object),
// as keys of their node references; pred is the reference of the
// predicate, nil when the store does not have it.
func (s *Store) subjectsOf(ctx context.Context, pred cgraph.Ref, object quad.Value) (map[interface{}]bool, error) {
	out := make(map[interface{}]bool)
	if pred == nil {
		return out, nil
	}
	ref, err := s.qs.ValueOf(object)
	if err != nil || ref == nil {
		return out, err
	}
	want := refs.ToKey(pred)
	it := s.qs.QuadIterator(quad.Object, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q := it.Result()
		p, err := s.qs.QuadDirection(q, quad.Predicate)
		if err != nil {
			return nil, err
		}
		if p == nil || refs.ToKey(p) != want {
			continue
		}
		sub, err := s.qs.QuadDirection(q, quad.Subject)
		if err != nil {
			return nil, err
		}
		out[refs.ToKey(sub)] = true
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return out, ctx.Err()
}
