package graph

import (
	"context"
	"fmt"
	"sort"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// This file holds the whole-store scans that exporters build on: every
// statement, every direct relation edge, every quad grouped by document.
// Each holds the store's read lock while it runs and calls fn as it goes,
// keeping only what one item needs, so memory does not grow with the
// store. fn must not call other Store methods (the lock is not
// re-entrant when a writer waits); collect what it needs and look it up
// after the scan returns. An error from fn stops the scan and is returned
// as it is.

// EachStatement calls fn for every statement node in the store that f
// keeps: its Predicates, Since and Until, as Relations reads them
// (Direction is ignored: there is no one entity). Subject and Object carry
// only their IRIs; Entity gives the rest. Negated statements are included,
// marked Negated. The order is the store's.
func (s *Store) EachStatement(ctx context.Context, f Filter, fn func(schema.Statement) error) (err error) {
	since, until, err := f.bounds()
	if err != nil {
		return fmt.Errorf("statements: %w", err)
	}
	var p *path.Path
	if len(f.Predicates) > 0 {
		vs, err := predicateIRIs(f.Predicates)
		if err != nil {
			return fmt.Errorf("statements: %w", err)
		}
		p = path.StartPath(s.qs, vs...).In(quad.IRI(schema.PredicateProp)).
			Has(quad.IRI(schema.RDFType), quad.IRI(schema.StatementType))
	} else {
		p = s.statementNodes()
	}

	unlock, err := s.read(ctx)
	if err != nil {
		return fmt.Errorf("statements: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	iriOnly := func(iri string) schema.Entity {
		if iri == "" {
			return schema.Entity{}
		}
		return schema.Entity{IRI: iri}
	}
	var fnErr error
	err = p.Iterate(ctx).EachValue(s.qs, func(v quad.Value) error {
		id := schema.ValueString(v)
		props, err := s.props(ctx, v)
		if err != nil {
			return err
		}
		st, err := schema.StatementFromProps(id, props, iriOnly)
		if err != nil {
			return err
		}
		if (since != "" || until != "") && !inTime(st, since, until) {
			return nil
		}
		if err := fn(st); err != nil {
			fnErr = err
			return err
		}
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("statements: %w", err)
	}
	return nil
}

// RelationEdge is one direct relation edge as stored: the quad
// Subject -Predicate-> Object labelled with Doc, which path queries walk.
// A relation that several documents report is stored once per document.
type RelationEdge struct {
	Subject   string // entity IRI, "ent:albania"
	Predicate string // predicate name, "severed_ties_with"
	Object    string // entity IRI
	Doc       string // document IRI, "doc:…"; "" for a quad with no label
}

// EachRelation calls fn for every direct relation edge in the store whose
// predicate is one of predicates ("hosts" or "rel:hosts"), or any
// predicate of the vocabulary when none is given: one call per stored
// quad, entity by entity. Besides the edge of every statement not negated,
// these include the links from an organ, official or outlet to its state
// (part_of, head_of_government_of, …) that no statement backs. It walks
// the entities' outgoing quads, so it reads no more than the entities'
// facts and edges.
func (s *Store) EachRelation(ctx context.Context, predicates []string, fn func(RelationEdge) error) (err error) {
	want := make(map[string]string) // predicate IRI → name
	if len(predicates) == 0 {
		for _, p := range schema.Predicates() {
			want[p.IRI()] = p.Name
		}
	}
	for _, n := range predicates {
		p, ok := schema.LookupPredicate(n)
		if !ok {
			return fmt.Errorf("relations: predicate %q: %w", n, ErrUnknownPredicate)
		}
		want[p.IRI()] = p.Name
	}

	unlock, err := s.read(ctx)
	if err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	var fnErr error
	err = s.EntityNodes().Unique().Iterate(ctx).EachValue(s.qs, func(v quad.Value) error {
		ref, err := s.qs.ValueOf(v)
		if err != nil || ref == nil {
			return err
		}
		return s.eachQuad(ctx, quad.Subject, ref, func(q quad.Quad) {
			name, ok := want[schema.ValueString(q.Predicate)]
			if !ok || fnErr != nil {
				return
			}
			fnErr = fn(RelationEdge{
				Subject:   schema.ValueString(q.Subject),
				Predicate: name,
				Object:    schema.ValueString(q.Object),
				Doc:       schema.ValueString(q.Label),
			})
		})
	})
	if fnErr != nil {
		return fnErr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("relations: %w", err)
	}
	return nil
}

// MaxQuadBatch is the most quads EachQuadBatch passes to fn at once.
const MaxQuadBatch = 50000

// EachQuadBatch calls fn with every quad of the store, in one pass, in
// batches: runs of quads that share a label (a document's IRI, an
// entity's for the facts a bolt or memstore store keeps once per entity,
// or "" for none), as the store keeps them, cut at MaxQuadBatch quads. A document
// ingested in one transaction is one run, so it usually comes whole; a
// document re-ingested with changes may come in several runs. Each batch
// is sorted by the quads' N-Quads form, so the same store gives the same
// order every time. At most one batch is held in memory.
func (s *Store) EachQuadBatch(ctx context.Context, fn func(doc string, quads []quad.Quad) error) (err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return fmt.Errorf("quads: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	var (
		batch []quad.Quad
		label string
	)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		sortQuadBatch(batch)
		err := fn(label, batch)
		batch = batch[:0]
		return err
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("quads: %w", err)
		}
		if !q.IsValid() && s.backend == Bolt {
			// Every quad geokg writes has a subject, predicate and object:
			// one without was read from damaged bytes.
			d := &DamagedError{Path: s.path, Reason: "a stored quad has lost its subject, predicate or object"}
			s.damage.CompareAndSwap(nil, d)
			return d
		}
		l := schema.ValueString(q.Label)
		if len(batch) > 0 && (l != label || len(batch) >= MaxQuadBatch) {
			if err := flush(); err != nil {
				return err
			}
		}
		label = l
		batch = append(batch, q)
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("quads: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("quads: %w", err)
	}
	return flush()
}

// sortQuadBatch orders quads by their N-Quads form.
func sortQuadBatch(qs []quad.Quad) {
	keys := make([]string, len(qs))
	for i, q := range qs {
		keys[i] = q.NQuad()
	}
	sort.Sort(quadsByNQuad{keys, qs})
}

type quadsByNQuad struct {
	keys  []string
	quads []quad.Quad
}

func (b quadsByNQuad) Len() int           { return len(b.keys) }
func (b quadsByNQuad) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b quadsByNQuad) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.quads[i], b.quads[j] = b.quads[j], b.quads[i]
}
