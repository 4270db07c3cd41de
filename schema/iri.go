package schema

import "strings"

// The prefixes of geokg's IRIs. Every IRI geokg writes starts with one of
// these or with a vocabulary's own (rdf:, schema:, xsd:); only schema
// spells them, and other packages build and read IRIs through the
// functions below.
const (
	EntityPrefix    = "ent:"  // <ent:albania>
	PredicatePrefix = "rel:"  // <rel:severed_ties_with>
	StatementPrefix = "stmt:" // <stmt:3f2a…>
	DocumentPrefix  = "doc:"  // <doc:f2a8…>, <doc:note_1>
	ClassPrefix     = "geo:"  // <geo:Country>, <geo:date>
)

// ContentHash is the property of a document node that holds the hash of
// the text its statements were extracted from (see graph's resume check).
const ContentHash = ClassPrefix + "contentHash"

// IsEntityIRI reports whether iri ("ent:iran", without angle brackets)
// names an entity.
func IsEntityIRI(iri string) bool { return strings.HasPrefix(iri, EntityPrefix) }

// IsStatementIRI reports whether iri names a statement node.
func IsStatementIRI(iri string) bool { return strings.HasPrefix(iri, StatementPrefix) }

// IsPredicateIRI reports whether iri is in the predicates' namespace
// ("rel:hosts"), known to the vocabulary or not.
func IsPredicateIRI(iri string) bool { return strings.HasPrefix(iri, PredicatePrefix) }

// EntitySlug returns the slug of an entity IRI ("ent:united_states" →
// "united_states"), or s unchanged when it is no entity IRI.
func EntitySlug(s string) string { return strings.TrimPrefix(s, EntityPrefix) }

// PredicateName returns a predicate's name from its IRI ("rel:hosts" →
// "hosts"), or s unchanged when it is no predicate IRI.
func PredicateName(s string) string { return strings.TrimPrefix(s, PredicatePrefix) }

// KindOfIRI returns the entity kind whose class IRI is iri ("geo:Country"),
// and whether it is one.
func KindOfIRI(iri string) (Kind, bool) {
	name, ok := strings.CutPrefix(iri, ClassPrefix)
	if !ok {
		return "", false
	}
	return ParseKind(name)
}
