package export

import (
	"bufio"
	"io"
	"strings"

	"github.com/geokg/geokg/schema"
)

// WriteDOT writes g for Graphviz: a directed graph, left to right, with
// one node per entity (its name as label, a shape and fill colour by kind:
// countries and governments boxes, people ellipses, IGOs hexagons, armed
// groups octagons, …) and one edge per relation, coloured by family
// (conflict red, cooperation green, neutral grey) and labelled with its
// predicate and years. Symmetric relations are drawn without arrowheads.
// Each line is written as it is made.
func WriteDOT(w io.Writer, g *Graph) error {
	b := bufio.NewWriter(w)
	var err error
	put := func(ss ...string) {
		for _, s := range ss {
			if err == nil {
				_, err = b.WriteString(s)
			}
		}
	}
	put("digraph geokg {\n")
	put("  graph [rankdir=LR, fontsize=10];\n")
	put("  node [style=\"filled\", fontsize=10, color=\"#555555\"];\n")
	put("  edge [fontsize=8];\n")
	for _, n := range g.Nodes {
		style := "filled"
		if n.Kind == schema.Government {
			style = "filled,rounded"
		}
		put("  ", dotID(n.ID), " [label=", dotID(n.Label), ", shape=", nodeShape(n.Kind),
			", style=", dotID(style), ", fillcolor=", dotID(nodeColour(n.Kind).hex()), "];\n")
	}
	for _, e := range g.Edges {
		c := dotID(edgeColour(e.Family).hex())
		put("  ", dotID(e.Source), " -> ", dotID(e.Target), " [label=", dotID(e.Label()),
			", color=", c, ", fontcolor=", c)
		if e.Symmetric() {
			put(", dir=none")
		}
		put("];\n")
	}
	put("}\n")
	if err != nil {
		return err
	}
	return b.Flush()
}

// dotID quotes s as a DOT string: double quotes and backslashes escaped,
// line breaks as \n.
func dotID(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
