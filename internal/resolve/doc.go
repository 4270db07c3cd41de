// Package resolve turns a name as a person types it (a canonical name, an
// alias or abbreviation, a demonym, a capital standing for its state, or
// an IRI with or without angle brackets) into an entity of the store:
// the gazetteer first, then the store. geokg's commands (relations, path,
// entity) and its server's read API resolve names with it, so they agree
// on every name. An unknown name's error suggests the closest known
// entities.
//
// What is here: Resolver (New, Resolve), the Store it reads, and
// MaxSuggestions; the errors it returns are graph's (ErrEmptyName,
// NotInStoreError, UnknownEntityError with its Suggestions).
package resolve
