// Package graph stores geokg's knowledge graph in Cayley and answers
// questions of it.
//
// Open returns a Store on an embedded bolt file (the default), an
// in-memory store, or a PostgreSQL database that several processes share.
// WriteDocument writes the quads of one article in one transaction,
// replacing exactly the quads an earlier ingest of the same article left,
// so ingesting an article twice changes nothing; Ingest does the same from
// statements and records the article's content hash, so that
// DocumentStatus can tell an ingest that resumes which articles it already
// holds. MergedRelations and MergeStatements merge what many articles say
// of one relation: how many support it, first and last dates. Entity,
// FindEntities, Relations, Paths and Stats read the graph back as schema
// values; Query runs Gizmo, GraphQL or MQL through Cayley's own query
// languages. The node helpers (EntityNodes, StatementNodes, DocumentNodes,
// Edges) return Cayley paths that callers can refine before running them;
// running them bypasses the Store's lock, so with the memstore backend do not
// run them while a document is being written.
//
// graph is the only geokg package that knows Cayley.
package graph
