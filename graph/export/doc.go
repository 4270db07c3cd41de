// Package export writes geokg's graph for visualisation and analysis
// tools: GraphML (Gephi, Cytoscape, yEd), GEXF 1.3 with spells for Gephi's
// timeline, DOT for Graphviz, Cytoscape.js JSON, CSV (Kumu, Flourish,
// spreadsheets), pictures (SVG, PNG) through Graphviz, and the raw quads as
// N-Quads or JSON-LD through github.com/cayleygraph/quad's writers.
//
// All the graph formats share one projection of the store, Project: nodes
// are entities; edges are relations aggregated over the statements that
// report them, one edge per subject, predicate and object, with dates,
// CAMEO code, number of sources and weight, one evidence sentence and the
// articles that report it (URL, headline, date). Options narrow it to a
// time window, some predicates, well-sourced edges or the neighbourhood of
// one entity. The writers stream their output element by element; the
// projection holds only nodes and aggregated edges (one sentence each),
// and the raw-quad formats hold one batch of quads at a time.
//
// Events writes the other table analysts use: one row per coded event
// (CAMEO code, root, quad class, Goldstein score, actors and their codes,
// evidence, article), as CSV, TSV or JSONL, streamed article by article.
package export
