package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// maxSuggestions is how many close names an unknown name gets.
const maxSuggestions = 5

// resolver turns a name as a user types it (an alias, a canonical name, an
// IRI) into an entity of the store.
type resolver struct {
	gaz   *gazetteer.Gazetteer
	store *graph.Store
}

// newResolver resolves names with the built-in gazetteer, then with the
// store.
func newResolver(st *graph.Store) (*resolver, error) {
	return newResolverWith(st, "", io.Discard)
}

// newResolverWith resolves names with the built-in gazetteer, extended by
// the user's file gazFile when one is given (problems in it reported on
// warn), then with the store.
func newResolverWith(st *graph.Store, gazFile string, warn io.Writer) (*resolver, error) {
	gaz, err := loadGazetteer(gazFile, warn)
	if err != nil {
		return nil, err
	}
	return &resolver{gaz: gaz, store: st}, nil
}

// loadGazetteer returns the built-in gazetteer with the actors of the
// user's file added, an actor of the same name replacing the built-in one
// (or the built-in gazetteer alone when file is ""). A malformed line is
// reported on warn as "geokg: warning: file:line: problem" and skipped; a
// file that cannot be read, or that holds no actor at all, is an error.
func loadGazetteer(file string, warn io.Writer) (*gazetteer.Gazetteer, error) {
	gaz, err := gazetteer.Builtin()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	if file == "" {
		return gaz, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("--gazetteer: %w", err)
	}
	defer f.Close()
	actors, problems := gazetteer.Parse(f, file)
	for _, p := range problems {
		if !errors.Is(p, gazetteer.ErrMalformed) {
			return nil, fmt.Errorf("--gazetteer %s: %w", file, p)
		}
		fmt.Fprintf(warn, "geokg: warning: %v\n", p)
	}
	if len(actors) == 0 {
		return nil, fmt.Errorf("--gazetteer %s: no actors in the file (want a tab-separated header naming at least the columns name and kind, then one actor a line)", file)
	}
	return gaz.With(actors...), nil
}

// notInStoreError is a name the gazetteer knows whose entity the store
// holds nothing about.
type notInStoreError struct {
	name   string
	entity schema.Entity
}

func (e *notInStoreError) Error() string {
	return fmt.Sprintf("%q is %s (%s, %s), which is not in the store; ingest articles that mention it first",
		e.name, e.entity.Name, e.entity.IRI, e.entity.Type)
}

func (e *notInStoreError) Unwrap() error { return graph.ErrNotFound }

// unknownEntityError is a name neither the gazetteer nor the store knows,
// with the closest names that are known.
type unknownEntityError struct {
	name        string
	suggestions []suggestion
}

type suggestion struct {
	entity  schema.Entity
	inStore bool
}

func (e *unknownEntityError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "no entity called %q in the store", e.name)
	if len(e.suggestions) == 0 {
		return b.String()
	}
	b.WriteString("; the closest known entities are:")
	for _, s := range e.suggestions {
		fmt.Fprintf(&b, "\n  %s (%s", s.entity.Name, s.entity.IRI)
		if s.entity.Type != "" {
			fmt.Fprintf(&b, ", %s", s.entity.Type)
		}
		b.WriteString(")")
		if !s.inStore {
			b.WriteString(" - known to the gazetteer, not in the store")
		}
	}
	return b.String()
}

func (e *unknownEntityError) Unwrap() error { return graph.ErrNotFound }

// resolve finds the entity called name: the gazetteer first (any alias,
// demonym, capital or IRI it knows), then the store (an IRI, or a name or
// alias it holds exactly).
func (r *resolver) resolve(ctx context.Context, name string) (schema.Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return schema.Entity{}, usageErrorf("an empty entity name")
	}
	if a, ok := r.gaz.Lookup(name); ok {
		e, err := r.store.Entity(ctx, a.IRI())
		if errors.Is(err, graph.ErrNotFound) {
			return schema.Entity{}, &notInStoreError{name: name, entity: a.Entity()}
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
	if len(found) == 1 && exactly(found[0], name) {
		return found[0], nil
	}
	return schema.Entity{}, r.unknown(ctx, name)
}

// exactly reports whether name is e's IRI, name or one of its aliases, as
// the store compares them (case, accents and punctuation aside).
func exactly(e schema.Entity, name string) bool {
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
func (r *resolver) unknown(ctx context.Context, name string) error {
	e := &unknownEntityError{name: name}
	seen := make(map[string]bool)
	add := func(s suggestion) {
		if len(e.suggestions) < maxSuggestions && !seen[s.entity.IRI] {
			seen[s.entity.IRI] = true
			e.suggestions = append(e.suggestions, s)
		}
	}
	if found, err := r.store.FindEntities(ctx, name, maxSuggestions); err == nil {
		for _, f := range found {
			add(suggestion{entity: f, inStore: true})
		}
	}
	for _, a := range r.gaz.Suggest(name, maxSuggestions) {
		ent := a.Entity()
		if seen[ent.IRI] {
			continue
		}
		s := suggestion{entity: ent}
		if stored, err := r.store.Entity(ctx, ent.IRI); err == nil {
			s = suggestion{entity: stored, inStore: true}
		}
		add(s)
	}
	return e
}
