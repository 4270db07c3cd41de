package resolve

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// MaxSuggestions is how many close names an unknown name gets.
const MaxSuggestions = 5

// Store is what a Resolver needs of a store; *graph.Store has it.
type Store interface {
	Entity(ctx context.Context, iri string) (schema.Entity, error)
	FindEntities(ctx context.Context, q string, limit int) ([]schema.Entity, error)
}

var _ Store = (*graph.Store)(nil)

// Resolver resolves names against a gazetteer and a store. It is safe for
// concurrent use.
type Resolver struct {
	gaz   *gazetteer.Gazetteer
	store Store
}

// New returns a Resolver over the store st and the gazetteer gaz (the
// built-in one when gaz is nil).
func New(st Store, gaz *gazetteer.Gazetteer) (*Resolver, error) {
	if gaz == nil {
		var err error
		if gaz, err = gazetteer.Builtin(); err != nil {
			return nil, fmt.Errorf("load gazetteer: %w", err)
		}
	}
	return &Resolver{gaz: gaz, store: st}, nil
}

// Resolve finds the entity called name: the gazetteer first (any name,
// alias, demonym, capital or IRI it knows), then the store (an IRI, or a
// name or alias it holds, compared without regard to case, accents and
// punctuation). It fails with graph.ErrEmptyName for a blank name, and
// with *graph.NotInStoreError or *graph.UnknownEntityError, both
// graph.ErrNotFound, when there is no such entity in the store.
func (r *Resolver) Resolve(ctx context.Context, name string) (schema.Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return schema.Entity{}, graph.ErrEmptyName
	}
	if a, ok := r.gaz.Lookup(name); ok {
		e, err := r.store.Entity(ctx, a.IRI())
		if errors.Is(err, graph.ErrNotFound) {
			return schema.Entity{}, &graph.NotInStoreError{Name: name, Entity: a.Entity()}
		}
		return e, err
	}
	if iri := strings.TrimSuffix(strings.TrimPrefix(name, "<"), ">"); schema.IsEntityIRI(iri) {
		e, err := r.store.Entity(ctx, iri)
		if errors.Is(err, graph.ErrNotFound) {
			return schema.Entity{}, r.unknown(ctx, name)
		}
		return e, err
	}
	found, err := r.store.FindEntities(ctx, name, 1)
	if err != nil {
		return schema.Entity{}, err
	}
	if len(found) == 1 && graph.EntityNamed(found[0], name) {
		return found[0], nil
	}
	return schema.Entity{}, r.unknown(ctx, name)
}

// unknown builds the error for a name nobody knows, suggesting the
// entities of the store closest to it, then the gazetteer's.
func (r *Resolver) unknown(ctx context.Context, name string) error {
	e := &graph.UnknownEntityError{Name: name}
	seen := make(map[string]bool)
	add := func(ent schema.Entity, inStore bool) {
		if len(e.Suggestions) < MaxSuggestions && !seen[ent.IRI] {
			seen[ent.IRI] = true
			e.Suggestions = append(e.Suggestions, graph.Suggestion{IRI: ent.IRI, Name: ent.Name, Type: ent.Type, InStore: inStore})
		}
	}
	if found, err := r.store.FindEntities(ctx, name, MaxSuggestions); err == nil {
		for _, f := range found {
			add(f, true)
		}
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	for _, a := range r.gaz.Suggest(name, MaxSuggestions) {
		ent := a.Entity()
		if seen[ent.IRI] {
			continue
		}
		if stored, err := r.store.Entity(ctx, ent.IRI); err == nil {
			add(stored, true)
		} else {
			add(ent, false)
		}
	}
	return e
}
