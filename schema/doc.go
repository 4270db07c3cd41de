// Package schema is geokg's vocabulary: the kinds of entity, the predicates
// with their CAMEO codes and families, the IRIs that name things in the
// graph, the Entity and Statement records that flow from extraction to the
// store, and the mapping between a document's statements and its quads.
//
// schema imports nothing of geokg's own; every other package speaks it.
package schema
