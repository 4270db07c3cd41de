package graph

import (
	"context"
	"fmt"
	"slices"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// EachArticle calls fn for every news article in the store, in the order
// of their IRIs, with what the store knows of it (IRI, URL, headline, publication
// date) and its statements that f keeps: its Predicates, Since and Until,
// as Relations reads them (Direction is ignored), sorted as Relations
// sorts them. Subject and Object carry what the store knows of each
// entity (name, type, ISO3, CAMEO). Negated and intended statements are
// included, marked. An article none of whose statements f keeps is
// skipped.
//
// It reads one article at a time: memory holds the articles' IRIs, one
// article's statements and the store's entities, never all statements. Like the
// scans of scan.go it holds the read lock while it runs, and fn must not
// call other Store methods; an error from fn stops it and is returned as
// it is.
func (s *Store) EachArticle(ctx context.Context, f Filter, fn func(schema.Document, []schema.Statement) error) (err error) {
	since, until, err := f.bounds()
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	var preds []quad.Value
	if len(f.Predicates) > 0 {
		if preds, err = predicateIRIs(f.Predicates); err != nil {
			return fmt.Errorf("articles: %w", err)
		}
	}

	unlock, err := s.read(ctx)
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	cache := s.newEntityCache(ctx)
	cache.lookup = s.pg == nil
	// The articles in IRI order, so that the same store gives the same
	// order whatever order its articles were written in.
	docs, err := values(ctx, s.qs, s.DocumentNodes())
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	for _, iri := range docs {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("articles: %w", err)
		}
		ref, err := s.qs.ValueOf(iriOf(iri))
		if err != nil {
			return fmt.Errorf("articles: %s: %w", iri, err)
		}
		if ref == nil {
			continue
		}
		stmts, err := s.articleStatements(ctx, ref, preds, cache)
		if err != nil {
			return fmt.Errorf("articles: %s: %w", iri, err)
		}
		kept := stmts[:0]
		for _, st := range stmts {
			if (since == "" && until == "") || inTime(st, since, until) {
				kept = append(kept, st)
			}
		}
		if len(kept) == 0 {
			continue
		}
		slices.SortFunc(kept, statementCompare)
		doc, err := s.document(ctx, iri)
		if err != nil {
			return fmt.Errorf("articles: %w", err)
		}
		if err := fn(doc, kept); err != nil {
			return err
		}
	}
	return nil
}

// articleStatements reads the statements of the document node doc whose
// predicate is one of preds (any when there are none), resolving their
// entities through cache; the caller holds the read lock.
func (s *Store) articleStatements(ctx context.Context, doc cgraph.Ref, preds []quad.Value, cache *entityCache) ([]schema.Statement, error) {
	nodes, err := s.pointingAt(ctx, doc, []quad.Value{quad.IRI(schema.DocumentProp)})
	if err != nil {
		return nil, fmt.Errorf("find statement nodes: %w", err)
	}
	props, _, err := s.nodeProps(ctx, nodes)
	if err != nil {
		return nil, fmt.Errorf("read %d statement nodes: %w", len(nodes), err)
	}
	out := make([]schema.Statement, 0, len(props))
	for i, p := range props {
		if !hasValue(p[schema.RDFType], quad.IRI(schema.StatementType)) || (len(preds) > 0 && !hasAnyValue(p[schema.PredicateProp], preds)) {
			continue
		}
		st, err := schema.StatementFromProps("", p, cache.get)
		if err == nil {
			err = cache.err
		}
		if err != nil {
			vals, verr := s.valuesOf(ctx, nodes[i:i+1])
			if verr != nil {
				return nil, verr
			}
			return nil, fmt.Errorf("statement %s: %w", schema.ValueString(vals[0]), err)
		}
		out = append(out, st)
	}
	return out, nil
}
