package server

import (
	"context"
	"errors"
	"strings"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Resolver turns an entity name as a person types it into an entity of
// the store, for the read API's entity, relations and path endpoints.
// internal/resolve's, which asks the gazetteer first, is the one geokg
// serve gives the server (WithResolver). It fails with graph.ErrEmptyName
// for a blank name (400), and with an error that is graph.ErrNotFound for
// an unknown one (404; a *graph.UnknownEntityError's suggestions go into
// the answer).
type Resolver interface {
	Resolve(ctx context.Context, name string) (schema.Entity, error)
}

// WithResolver resolves entity names with r. Without it the server
// resolves names against the store alone (see storeResolver).
func WithResolver(r Resolver) Option { return func(c *config) { c.resolver = r } }

// storeResolver resolves names against the store only: an IRI, or a name
// or alias the store holds (compared without regard to case, accents and
// punctuation). It knows no demonym, capital or abbreviation that only a
// gazetteer holds.
type storeResolver struct{ st Store }

func (r storeResolver) Resolve(ctx context.Context, name string) (schema.Entity, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return schema.Entity{}, graph.ErrEmptyName
	}
	if iri := strings.TrimSuffix(strings.TrimPrefix(name, "<"), ">"); schema.IsEntityIRI(iri) {
		e, err := r.st.Entity(ctx, iri)
		if errors.Is(err, graph.ErrNotFound) {
			return schema.Entity{}, &graph.UnknownEntityError{Name: name}
		}
		return e, err
	}
	found, err := r.st.FindEntities(ctx, name, 1)
	if err != nil {
		return schema.Entity{}, err
	}
	if len(found) == 1 && graph.EntityNamed(found[0], strings.TrimSuffix(strings.TrimPrefix(name, "<"), ">")) {
		return found[0], nil
	}
	return schema.Entity{}, &graph.UnknownEntityError{Name: name}
}
