// Geokg turns news articles into a knowledge graph of geopolitical
// relations and answers questions of it.
//
// Usage:
//
//	geokg [--db PATH] [--backend bolt|memstore] COMMAND [flags] [args]
//
// The commands:
//
//	extract    print the statements found in articles, without storing them
//	ingest     extract statements from articles and store them in the graph
//	relations  list the stored relations of one entity
//	path       find the shortest chains of relations between two entities
//	query      run a Gizmo, GraphQL or MQL query against the graph
//	stats      count what the graph holds
//	parse      print the dependency parse of text in CoNLL-U, or score the parser
//
// The store is a bolt directory (geokg.db by default; the GEOKG_DB
// environment variable, or --db, names another). Exit status is 0 on
// success, 1 when something failed (an input in a batch, an unknown entity,
// a query error) and 2 for a usage error.
//
// This package is wiring only: reading articles is extract/source's job,
// finding statements extract's, turning them into quads schema's, and
// storing and querying graph's.
package main
