package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// Tags that Edges puts on the paths it returns.
const (
	TagFrom      = "from"      // the node the edge was walked from
	TagPredicate = "predicate" // the relation predicate walked
)

// Direction says which end of a relation an entity is at.
type Direction int

// Directions. The zero value is Both.
const (
	Both Direction = iota // subject or object
	Out                   // subject: what the entity did or holds
	In                    // object: what was done to or held of the entity
)

// String returns "both", "out" or "in".
func (d Direction) String() string {
	switch d {
	case Both:
		return "both"
	case Out:
		return "out"
	case In:
		return "in"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// iriOf turns "ent:albania" or "<ent:albania>" into the IRI value.
func iriOf(s string) quad.IRI {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") {
		s = s[1 : len(s)-1]
	}
	return quad.IRI(s)
}

func irisOf(ss []string) []quad.Value {
	out := make([]quad.Value, len(ss))
	for i, s := range ss {
		out[i] = iriOf(s)
	}
	return out
}

// relationVia lists the IRIs of every predicate in the vocabulary: the
// edges between entities that paths walk.
func relationVia() []quad.Value {
	ps := schema.Predicates()
	out := make([]quad.Value, len(ps))
	for i, p := range ps {
		out[i] = quad.IRI(p.IRI())
	}
	return out
}

// predicateIRIs resolves predicate names ("hosts" or "rel:hosts").
func predicateIRIs(names []string) ([]quad.Value, error) {
	out := make([]quad.Value, 0, len(names))
	for _, n := range names {
		p, ok := schema.LookupPredicate(strings.TrimSpace(n))
		if !ok {
			return nil, fmt.Errorf("predicate %q: %w", n, ErrUnknownPredicate)
		}
		out = append(out, quad.IRI(p.IRI()))
	}
	return out, nil
}

// EntityNodes returns a path to the entities of the given kinds, or of every
// kind when none is given.
func (s *Store) EntityNodes(kinds ...schema.Kind) *path.Path {
	if len(kinds) == 0 {
		kinds = schema.Kinds
	}
	classes := make([]quad.Value, len(kinds))
	for i, k := range kinds {
		classes[i] = quad.IRI(k.IRI())
	}
	return path.StartPath(s.qs, classes...).In(quad.IRI(schema.RDFType))
}

// DocumentNodes returns a path to the stored documents (news articles).
func (s *Store) DocumentNodes() *path.Path {
	return path.StartPath(s.qs, quad.IRI(schema.ArticleType)).In(quad.IRI(schema.RDFType))
}

// StatementNodes returns a path to the statement nodes in which the entity
// iri is the subject (Out), the object (In) or either (Both), limited to the
// given predicates when there are any.
func (s *Store) StatementNodes(iri string, dir Direction, predicates ...string) (*path.Path, error) {
	roles, preds, err := statementFilter(iri, dir, predicates)
	if err != nil {
		return nil, err
	}
	via := make([]interface{}, len(roles))
	for i, r := range roles {
		via[i] = r
	}
	p := path.StartPath(s.qs, iriOf(iri)).In(via...).
		Has(quad.IRI(schema.RDFType), quad.IRI(schema.StatementType))
	if len(preds) > 0 {
		p = p.Has(quad.IRI(schema.PredicateProp), preds...)
	}
	return p.Unique(), nil
}

// statementFilter resolves what StatementNodes selects on: the role
// predicates that point from a statement node at the entity (geo:subject,
// geo:object or both, as dir says) and the relation predicates' IRIs.
func statementFilter(iri string, dir Direction, predicates []string) (roles, preds []quad.Value, err error) {
	switch dir {
	case Out:
		roles = []quad.Value{quad.IRI(schema.Subject)}
	case In:
		roles = []quad.Value{quad.IRI(schema.Object)}
	case Both:
		roles = []quad.Value{quad.IRI(schema.Subject), quad.IRI(schema.Object)}
	default:
		return nil, nil, fmt.Errorf("statements of %s: bad direction %v", iri, dir)
	}
	if len(predicates) > 0 {
		preds, err = predicateIRIs(predicates)
		if err != nil {
			return nil, nil, fmt.Errorf("statements of %s: %w", iri, err)
		}
	}
	return roles, preds, nil
}

// pointingAt returns the nodes that have a quad node -role-> target for one
// of roles, each once, in the store's order. It reads those quads through
// the bolt store's object–predicate index, or in one SQL query on
// PostgreSQL, as references.
func (s *Store) pointingAt(ctx context.Context, target cgraph.Ref, roles []quad.Value) ([]cgraph.Ref, error) {
	var preds []cgraph.Ref
	for _, r := range roles {
		p, err := s.qs.ValueOf(r)
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", r, err)
		}
		if p != nil {
			preds = append(preds, p)
		}
	}
	if len(preds) == 0 {
		return nil, nil // no statement in the store
	}
	var out []cgraph.Ref
	seen := make(map[interface{}]bool)
	add := func(r cgraph.Ref) {
		if k := refs.ToKey(r); !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	if s.pg != nil {
		err := s.pgEdges(ctx, quad.Object, quad.Subject, []cgraph.Ref{target}, preds, func(_, _, node cgraph.Ref) { add(node) })
		if err != nil {
			return nil, err
		}
		return out, ctx.Err()
	}
	for _, p := range preds {
		if err := s.eachEdge(ctx, quad.Object, target, p, func(q cgraph.Ref) error {
			from, err := s.qs.QuadDirection(q, quad.Subject)
			if err != nil {
				return err
			}
			add(from)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return out, ctx.Err()
}

// eachEdge calls fn with every quad whose fromDir is node and whose
// predicate is pred, read through edgeIterator. An error from fn stops it
// and is returned.
func (s *Store) eachEdge(ctx context.Context, fromDir quad.Direction, node, pred cgraph.Ref, fn func(q cgraph.Ref) error) error {
	it := s.edgeIterator(fromDir, node, pred).Iterate()
	defer it.Close()
	pk := refs.ToKey(pred)
	for it.Next(ctx) {
		q := it.Result()
		pr, err := s.qs.QuadDirection(q, quad.Predicate)
		if err != nil {
			return err
		}
		if refs.ToKey(pr) != pk {
			continue
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// Edges returns a path from the entities iris along the direct relation
// edges, forward (subject to object) or backward, to their neighbours. Each
// result carries the tags TagFrom (the starting entity) and TagPredicate
// (the predicate walked). A relation that several documents report is
// stored once per document, so it gives one result per document; Paths
// counts it once.
func (s *Store) Edges(forward bool, iris ...string) *path.Path {
	p := path.StartPath(s.qs, irisOf(iris)...).Tag(TagFrom)
	if forward {
		return p.OutWithTags([]string{TagPredicate}, relationVia())
	}
	return p.InWithTags([]string{TagPredicate}, relationVia())
}

// props returns the properties of node v: predicate IRI → values, each
// value once, in a stable order. It returns nil for a node the store does
// not have.
func (s *Store) props(ctx context.Context, v quad.Value) (map[string][]quad.Value, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", v, err)
	}
	if ref == nil {
		return nil, nil
	}
	ps, err := s.propsOf(ctx, []cgraph.Ref{ref})
	if err != nil {
		return nil, fmt.Errorf("properties of %s: %w", v, err)
	}
	if ps[0] == nil {
		return map[string][]quad.Value{}, nil
	}
	return ps[0], nil
}

// eachQuad calls fn for every quad whose direction d is the node ref.
func (s *Store) eachQuad(ctx context.Context, d quad.Direction, ref cgraph.Ref, fn func(quad.Quad)) error {
	it := s.qs.QuadIterator(d, ref).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return err
		}
		fn(q)
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// values runs p and returns the distinct values it reaches, as plain
// strings, sorted.
func values(ctx context.Context, qs cgraph.QuadStore, p *path.Path) ([]string, error) {
	seen := make(map[string]bool)
	err := p.Iterate(ctx).EachValue(qs, func(v quad.Value) error {
		seen[schema.ValueString(v)] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(seen))
	for v := range seen {
		out = append(out, v)
	}
	sort.Strings(out)
	return out, nil
}

// tagRows runs p and returns the tags of each result as plain strings; tag
// the last node of p to see it.
func tagRows(ctx context.Context, qs cgraph.QuadStore, p *path.Path) ([]map[string]string, error) {
	var rows []map[string]string
	err := p.Iterate(ctx).TagValues(qs, func(m map[string]quad.Value) error {
		row := make(map[string]string, len(m))
		for k, v := range m {
			row[k] = schema.ValueString(v)
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// statementNodes returns a path to every statement node.
func (s *Store) statementNodes() *path.Path {
	return path.StartPath(s.qs, quad.IRI(schema.StatementType)).In(quad.IRI(schema.RDFType))
}
