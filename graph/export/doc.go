// Package export writes geokg's graph for visualisation and analysis
// tools: GraphML (Gephi, Cytoscape, yEd), GEXF 1.3 with spells for Gephi's
// timeline, DOT for Graphviz, Cytoscape.js JSON, CSV (Kumu, Flourish,
// spreadsheets), pictures (SVG, PNG) through Graphviz, and the raw quads as
// N-Quads or JSON-LD through github.com/cayleygraph/quad's writers.
//
// All the graph formats share one projection of the store, Project: nodes
// are entities; edges are relations aggregated over the statements that
// report them, one edge per subject, predicate and object, with dates,
// CAMEO code, number of sources and weight. Options narrow it to a time
// window, some predicates, well-sourced edges or the neighbourhood of one
// entity. The writers stream their output element by element; the
// projection holds only nodes and aggregated edges, never the statements'
// text, and the raw-quad formats hold one batch of quads at a time.
package export
