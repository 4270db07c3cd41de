package graph

import (
	"errors"
	"fmt"
	"strings"

	"github.com/geokg/geokg/schema"
)

// The errors of resolving a name as a person types it into an entity
// (internal/resolve does it for the command line and the server): both
// unwrap to ErrNotFound.

// ErrEmptyName is an entity name that is empty or blank.
var ErrEmptyName = errors.New("an empty entity name")

// NotInStoreError is a name the gazetteer knows whose entity the store
// holds nothing about. It unwraps to ErrNotFound.
type NotInStoreError struct {
	Name   string
	Entity schema.Entity // as the gazetteer knows it
}

func (e *NotInStoreError) Error() string {
	return fmt.Sprintf("%q is %s (%s, %s), which is not in the store; ingest articles that mention it first",
		e.Name, e.Entity.Name, e.Entity.IRI, e.Entity.Type)
}

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *NotInStoreError) Unwrap() error { return ErrNotFound }

// UnknownEntityError is a name neither the gazetteer nor the store knows,
// with the closest names that are known. It unwraps to ErrNotFound.
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

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *UnknownEntityError) Unwrap() error { return ErrNotFound }

// EntityNamed reports whether name is e's IRI, name or one of its
// aliases, as FindEntities compares them (without regard to case,
// accents and punctuation).
func EntityNamed(e schema.Entity, name string) bool {
	if schema.IsEntityIRI(name) {
		return e.IRI == name
	}
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
