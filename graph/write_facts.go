package graph

import (
	"context"
	"errors"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// Entity facts once per store.
//
// schema.Quads labels an entity's facts (type, name, codes, aliases) with
// the article that names the entity, so every article restates them. On the embedded backends (bolt, memstore)
// the store keeps them once instead, labelled with the entity's own IRI:
//
//	<ent:iran> <rdf:type> <geo:Country> <ent:iran> .
//
// WriteDocument moves them there (splitFacts) and adds those the store
// does not hold yet; the article keeps its own quads only. On bolt this is
// what keeps the write of an article from growing with the store: Cayley's
// bolt indexes keep one list of quad ids per (subject, predicate) and per
// (object, predicate, subject), rewritten whole on every write, and the
// lists of a much-named entity's facts held one id per article.
//
// An entity's facts stay while an article names it (as the subject or
// object of a statement) and go, in the same transaction, with the last
// article that names it (gcFacts). They are the union of what the
// articles that named it stated: a fact only a deleted article stated (a
// name or code from another gazetteer) stays while the entity is named.
// docs/design.md says why.
//
// The server backends (PostgreSQL, CockroachDB) keep the facts per
// article: several processes write them at once, each writing only its
// own article's quads, and their indexes do not rewrite lists.

// factsOnce reports whether the store keeps entity facts once, labelled
// with the entity: the embedded backends, which one process writes.
func (s *Store) factsOnce() bool { return s.pg == nil }

// splitFacts splits quads, the quads of one article, into the article's
// own quads and its entities' facts, relabelled with the entity: the
// quads whose subject is an entity and whose predicate is no relation. The
// link of an actor to its state (<rel:head_of_government_of> …) stays with
// the article: it is an edge that paths walk and exporters count by
// article, as the edges of statements are.
func splitFacts(quads []quad.Quad) (article, facts []quad.Quad) {
	for _, q := range quads {
		if entityFact(q) {
			q.Label = q.Subject
			facts = append(facts, q)
			continue
		}
		article = append(article, q)
	}
	return article, facts
}

// entityFact reports whether q is an entity's fact rather than the
// article's. The aliases an article saw (<geo:alias>) stay with the
// article: they differ from article to article, and kept once per entity
// they would outlive the article that saw them, so that replacing an
// article would not leave the store as writing the new version alone
// does.
func entityFact(q quad.Quad) bool {
	sub, ok := q.Subject.(quad.IRI)
	if !ok || !schema.IsEntityIRI(string(sub)) {
		return false
	}
	p := schema.ValueString(q.Predicate)
	return p != schema.Alias && !schema.IsPredicateIRI(p)
}

// namedBy returns the entities that the statements among quads name, as
// their subject or object, each once.
func namedBy(quads map[string]quad.Quad) map[quad.IRI]bool {
	out := make(map[quad.IRI]bool)
	for _, q := range quads {
		sub, ok := q.Subject.(quad.IRI)
		if !ok || !schema.IsStatementIRI(string(sub)) {
			continue
		}
		switch schema.ValueString(q.Predicate) {
		case schema.Subject, schema.Object:
			if e, ok := q.Object.(quad.IRI); ok {
				out[e] = true
			}
		}
	}
	return out
}

// missingFacts returns the facts the store does not hold, nor pending
// (facts an earlier article of the same transaction adds, by quadKey,
// which it updates). It reads the stored facts of an entity once, and
// only when s.known does not hold every fact asked of it; the caller holds
// the write lock.
func (s *Store) missingFacts(ctx context.Context, facts []quad.Quad, pending map[string]bool) ([]quad.Quad, error) {
	read := make(map[quad.Value]bool)
	var out []quad.Quad
	for _, q := range facts {
		k := quadKey(q)
		if pending[k] || s.known[k] {
			continue
		}
		if !read[q.Label] {
			read[q.Label] = true
			have, err := s.labelled(ctx, q.Label)
			if err != nil {
				return nil, fmt.Errorf("facts of %s: %w", q.Label, err)
			}
			for k := range have {
				s.knowFact(k)
			}
			if s.known[k] {
				continue
			}
		}
		pending[k] = true
		out = append(out, q)
	}
	return out, nil
}

// maxKnownFacts bounds Store.known: past it, the set starts again empty.
const maxKnownFacts = 1 << 20

// knowFact records that the store holds the fact of quadKey k.
func (s *Store) knowFact(k string) {
	if s.known == nil || len(s.known) >= maxKnownFacts {
		s.known = make(map[string]bool)
	}
	s.known[k] = true
}

// knowFacts records that the store holds facts, which a transaction
// added.
func (s *Store) knowFacts(facts []quad.Quad) {
	for _, q := range facts {
		s.knowFact(quadKey(q))
	}
}

// forgetFacts drops facts, which a transaction removes, from Store.known.
func (s *Store) forgetFacts(facts []quad.Quad) {
	for _, q := range facts {
		delete(s.known, quadKey(q))
	}
}

// gcFacts returns the stored facts of the entities of ents that no
// article other than label names: those that go when label's quads do.
func (s *Store) gcFacts(ctx context.Context, ents map[quad.IRI]bool, label quad.IRI) ([]quad.Quad, error) {
	var out []quad.Quad
	for e := range ents {
		named, err := s.namedElsewhere(ctx, e, label)
		if err != nil {
			return nil, fmt.Errorf("articles naming %s: %w", e, err)
		}
		if named {
			continue
		}
		have, err := s.labelled(ctx, e)
		if err != nil {
			return nil, fmt.Errorf("facts of %s: %w", e, err)
		}
		for _, q := range have {
			out = append(out, q)
		}
	}
	return out, nil
}

// namedElsewhere reports whether a statement of an article other than
// label names the entity e as its subject or object. It stops at the
// first it finds.
func (s *Store) namedElsewhere(ctx context.Context, e, label quad.IRI) (bool, error) {
	ref, err := s.qs.ValueOf(e)
	if err != nil || ref == nil {
		return false, err
	}
	for _, role := range []quad.Value{quad.IRI(schema.Subject), quad.IRI(schema.Object)} {
		p, err := s.qs.ValueOf(role)
		if err != nil {
			return false, err
		}
		if p == nil {
			continue
		}
		err = s.eachEdge(ctx, quad.Object, ref, p, func(q cgraph.Ref) error {
			l, err := s.qs.QuadDirection(q, quad.Label)
			if err != nil {
				return err
			}
			if l == nil {
				return errEnough // an unlabelled statement quad names it too
			}
			v, err := s.qs.NameOf(l)
			if err != nil {
				return err
			}
			if v == nil || v.String() != label.String() {
				return errEnough
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
	}
	return false, nil
}

// AsStored returns quads, the quads of one article as schema.Quads gives
// them, as the store keeps them: on the embedded backends its entities'
// facts are labelled with the entity (see WriteDocument).
func (s *Store) AsStored(quads []quad.Quad) []quad.Quad {
	if !s.factsOnce() {
		return quads
	}
	article, facts := splitFacts(quads)
	return append(article, facts...)
}
