// Geokg turns news articles into a knowledge graph of geopolitical
// relations and answers questions of it.
//
// Usage:
//
//	geokg [--db PATH] [--backend bolt|memstore|postgres|cockroach] COMMAND [flags] [args]
//
// The commands:
//
//	extract    print the statements found in articles, without storing them
//	ingest     extract statements from articles and store them in the graph
//	relations  list the stored relations of one entity
//	path       find the shortest chains of relations between two entities
//	query      run a Gizmo, GraphQL or MQL query against the graph, sandboxed
//	stats      count what the graph holds
//	code       code articles as CAMEO events, with the built-in lexicon or PETRARCH dictionaries
//	export     write the graph for Gephi, Cytoscape, yEd, Graphviz, CSV, N-Quads, JSON-LD
//	verify     check a store's consistency, naming what is damaged
//	backup     write a store to a gzipped N-Quads backup
//	restore    replace a store with a backup, keeping the old one until the new is whole
//	serve      serve Cayley's API and web UI, geokg's read API and Gephi streaming
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
