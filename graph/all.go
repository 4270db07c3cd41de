package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/geokg/geokg/schema"
)

// AllEntities returns every entity in the store, sorted by IRI, with what
// the store knows of each: name, kind, codes, aliases and parent state.
func (s *Store) AllEntities(ctx context.Context) (_ []schema.Entity, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("all entities: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	ids, err := values(ctx, s.qs, s.EntityNodes())
	if err != nil {
		return nil, fmt.Errorf("all entities: %w", err)
	}
	cache := s.newEntityCache(ctx)
	cache.full = true
	out := make([]schema.Entity, 0, len(ids))
	for _, id := range ids {
		e := cache.get(id)
		if cache.err != nil {
			return nil, fmt.Errorf("all entities: %w", cache.err)
		}
		out = append(out, e)
	}
	return out, nil
}

// AllStatements returns every statement in the store, negated ones
// included, sorted as Relations sorts them: by date (undated last), then
// predicate, subject, object and document. Subject and Object carry what
// the store knows of each entity (name, type, ISO3, CAMEO).
func (s *Store) AllStatements(ctx context.Context) (_ []schema.Statement, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("all statements: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	ids, err := values(ctx, s.qs, s.statementNodes())
	if err != nil {
		return nil, fmt.Errorf("all statements: %w", err)
	}
	cache := s.newEntityCache(ctx)
	out := make([]schema.Statement, 0, len(ids))
	for _, id := range ids {
		props, err := s.props(ctx, iriOf(id))
		if err != nil {
			return nil, fmt.Errorf("all statements: %w", err)
		}
		st, err := schema.StatementFromProps(id, props, cache.get)
		if err != nil {
			return nil, fmt.Errorf("all statements: %w", err)
		}
		if cache.err != nil {
			return nil, fmt.Errorf("all statements: %w", cache.err)
		}
		out = append(out, st)
	}
	sort.SliceStable(out, func(i, j int) bool { return statementLess(out[i], out[j]) })
	return out, nil
}
