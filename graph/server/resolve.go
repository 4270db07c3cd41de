package server

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// maxSuggestions is how many close names an unknown name gets.
const maxSuggestions = 5

// EntityFinder is what a Resolver needs of a store; *graph.Store has it.
type EntityFinder interface {
	Entity(ctx context.Context, iri string) (schema.Entity, error)
	FindEntities(ctx context.Context, q string, limit int) ([]schema.Entity, error)
}

// Resolver turns a name as a person types it (a canonical name, an alias
// or abbreviation, a demonym, a capital standing for its state, or an IRI
// with or without angle brackets) into an entity of the store, the way
// `geokg relations` does. It is safe for concurrent use.
type Resolver struct {
	gaz   *gazetteer.Gazetteer
	store EntityFinder
}

// NewResolver returns a Resolver over the gazetteer gaz (the built-in one
// when gaz is nil) and the store st.
func NewResolver(st EntityFinder, gaz *gazetteer.Gazetteer) (*Resolver, error) {
	if gaz == nil {
		var err error
		if gaz, err = gazetteer.Builtin(); err != nil {
			return nil, fmt.Errorf("load gazetteer: %w", err)
		}
	}
	return &Resolver{gaz: gaz, store: st}, nil
}

// NotInStoreError is a name the gazetteer knows whose entity the store
// holds nothing about. It unwraps to graph.ErrNotFound.
type NotInStoreError struct {
	Name   string
	Entity schema.Entity // as the gazetteer knows it
}

func (e *NotInStoreError) Error() string {
	return fmt.Sprintf("%q is %s (%s, %s), which is not in the store; ingest articles that mention it first",
		e.Name, e.Entity.Name, e.Entity.IRI, e.Entity.Type)
}

func (e *NotInStoreError) Unwrap() error { return graph.ErrNotFound }

// UnknownEntityError is a name neither the gazetteer nor the store knows,
// with the closest names that are known. It unwraps to graph.ErrNotFound.
type UnknownEntityError struct {
	Name        string
	Suggestions []Suggestion
}

// Suggestion is a known entity close to an unknown name.
type Suggestion struct {
	IRI     string      `json:"iri"`
	Name    string      `json:"name"`
	Type    schema.Kind `json:"type,omitempty"`
	InStore bool        `json:"in_store"` // false: known to the gazetteer only
}

// suggestion is the JSON form in error answers.
type suggestion = Suggestion

func (e *UnknownEntityError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "no entity called %q in the store", e.Name)
	if len(e.Suggestions) == 0 {
		return b.String()
	}
	b.WriteString("; the closest known are ")
	for i, s := range e.Suggestions {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", s.Name, s.IRI)
	}
	return b.String()
}

func (e *UnknownEntityError) Unwrap() error { return graph.ErrNotFound }

// Resolve finds the entity called name: the gazetteer first (any name,
// alias, demonym, capital or IRI it knows), then the store (an IRI, or a
// name or alias it holds, compared without regard to case, accents and
// punctuation). It fails with *NotInStoreError or *UnknownEntityError,
// both graph.ErrNotFound, when there is no such entity in the store.
func (r *Resolver) Resolve(ctx context.Context, name string) (schema.Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return schema.Entity{}, badRequestf("an empty entity name")
	}
	if a, ok := r.gaz.Lookup(name); ok {
		e, err := r.store.Entity(ctx, a.IRI())
		if errors.Is(err, graph.ErrNotFound) {
			return schema.Entity{}, &NotInStoreError{Name: name, Entity: a.Entity()}
		}
		return e, err
	}
	if iri := strings.TrimSuffix(strings.TrimPrefix(name, "<"), ">"); strings.HasPrefix(iri, "ent:") {
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
	if len(found) == 1 && sameEntity(found[0], name) {
		return found[0], nil
	}
	return schema.Entity{}, r.unknown(ctx, name)
}

// sameEntity reports whether name is e's IRI, name or one of its aliases,
// as the store compares them.
func sameEntity(e schema.Entity, name string) bool {
	key := schema.Slug(name)
	if key == "" {
		return false
	}
	if e.IRI == schema.EntityIRI(name) || schema.Slug(e.Name) == key {
		return true
	}
	for _, a := range e.Aliases {
		if schema.Slug(a) == key {
			return true
		}
	}
	return false
}

// unknown builds the error for a name nobody knows, suggesting the
// entities of the store closest to it, then the gazetteer's.
func (r *Resolver) unknown(ctx context.Context, name string) error {
	e := &UnknownEntityError{Name: name}
	seen := make(map[string]bool)
	add := func(ent schema.Entity, inStore bool) {
		if len(e.Suggestions) < maxSuggestions && !seen[ent.IRI] {
			seen[ent.IRI] = true
			e.Suggestions = append(e.Suggestions, Suggestion{IRI: ent.IRI, Name: ent.Name, Type: ent.Type, InStore: inStore})
		}
	}
	if found, err := r.store.FindEntities(ctx, name, maxSuggestions); err == nil {
		for _, f := range found {
			add(f, true)
		}
	} else if ctx.Err() != nil {
		return ctx.Err()
	}
	for _, a := range r.gaz.Suggest(name, maxSuggestions) {
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
