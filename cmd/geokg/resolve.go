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
	"github.com/geokg/geokg/internal/resolve"
	"github.com/geokg/geokg/schema"
)

// resolver turns a name as a user types it (an alias, a canonical name, an
// IRI) into an entity of the store. It is the server's resolver
// (internal/resolve), so the command line and the read API agree on every
// name; only the error for an unknown name is laid out for a terminal
// here.
type resolver struct{ r *resolve.Resolver }

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
	r, err := resolve.New(st, gaz)
	if err != nil {
		return nil, err
	}
	return &resolver{r: r}, nil
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

// resolve finds the entity called name: the gazetteer first (any alias,
// demonym, capital or IRI it knows), then the store. An unknown name's
// error lists the closest known entities, one a line.
func (r *resolver) resolve(ctx context.Context, name string) (schema.Entity, error) {
	if strings.TrimSpace(name) == "" {
		return schema.Entity{}, usageErrorf("an empty entity name")
	}
	e, err := r.r.Resolve(ctx, name)
	var unknown *graph.UnknownEntityError
	if errors.As(err, &unknown) {
		return schema.Entity{}, &unknownEntityError{unknown}
	}
	return e, err
}

// unknownEntityError lays out the server's error for a terminal.
type unknownEntityError struct{ *graph.UnknownEntityError }

func (e *unknownEntityError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "no entity called %q in the store", e.Name)
	if len(e.Suggestions) == 0 {
		return b.String()
	}
	b.WriteString("; the closest known entities are:")
	for _, s := range e.Suggestions[:min(len(e.Suggestions), resolve.MaxSuggestions)] {
		fmt.Fprintf(&b, "\n  %s (%s", s.Name, s.IRI)
		if s.Type != "" {
			fmt.Fprintf(&b, ", %s", s.Type)
		}
		b.WriteString(")")
		if !s.InStore {
			b.WriteString(" - known to the gazetteer, not in the store")
		}
	}
	return b.String()
}

func (e *unknownEntityError) Unwrap() error { return e.UnknownEntityError }
