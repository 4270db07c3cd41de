package export

import (
	"io"
	"strconv"
)

// graphmlKey declares one attribute of nodes or edges.
type graphmlKey struct {
	id, of, name, typ string
}

var graphmlKeys = []graphmlKey{
	{"label", "node", "label", "string"},
	{"kind", "node", "kind", "string"},
	{"iso3", "node", "iso3", "string"},
	{"cameo", "node", "cameo", "string"},
	{"degree", "node", "degree", "int"},
	{"elabel", "edge", "label", "string"},
	{"predicate", "edge", "predicate", "string"},
	{"family", "edge", "family", "string"},
	{"ecameo", "edge", "cameo", "string"},
	{"first", "edge", "first", "string"},
	{"last", "edge", "last", "string"},
	{"since", "edge", "since", "string"},
	{"until", "edge", "until", "string"},
	{"sources", "edge", "sources", "int"},
	{"weight", "edge", "weight", "double"},
	{"evidence", "edge", "evidence", "string"},
	{"documents", "edge", "documents", "string"},
	{"urls", "edge", "urls", "string"},
	{"headlines", "edge", "headlines", "string"},
}

// WriteGraphML writes g as GraphML: typed <key> declarations for every
// attribute (label, kind, iso3, cameo, degree on nodes; label, predicate,
// family, cameo, first, last, since, until, sources, weight, evidence,
// documents, urls, headlines on edges: see Graph.sourceFields),
// node ids the entities' IRIs. An unknown value is left out rather than
// written empty. With yed, each node and edge also carries yFiles
// graphics (a labelled, coloured shape; a coloured, labelled line), which
// yEd shows as they are.
func WriteGraphML(w io.Writer, g *Graph, yed bool) error {
	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n")
	x.raw(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`)
	if yed {
		x.raw(` xmlns:y="http://www.yworks.com/xml/graphml"`)
		x.raw(` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">`, "\n")
	} else {
		x.raw(` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`, "\n")
	}
	for _, k := range graphmlKeys {
		x.raw("  <key")
		x.attr("id", k.id)
		x.attr("for", k.of)
		x.attr("attr.name", k.name)
		x.attr("attr.type", k.typ)
		x.raw("/>\n")
	}
	if yed {
		x.raw(`  <key id="ng" for="node" yfiles.type="nodegraphics"/>`, "\n")
		x.raw(`  <key id="eg" for="edge" yfiles.type="edgegraphics"/>`, "\n")
	}
	x.raw(`  <graph id="geokg" edgedefault="directed">`, "\n")
	for _, n := range g.Nodes {
		x.raw("    <node")
		x.attr("id", n.ID)
		x.raw(">")
		data(x, "label", n.Label)
		data(x, "kind", string(n.Kind))
		data(x, "iso3", n.ISO3)
		data(x, "cameo", n.CAMEO)
		data(x, "degree", itoa(n.Degree))
		if yed {
			x.raw(`<data key="ng"><y:ShapeNode><y:Geometry height="30.0" width="`)
			x.raw(strconv.Itoa(max(60, 8*len([]rune(n.Label))+20)))
			x.raw(`.0"/><y:Fill color="`, nodeColour(n.Kind).hex(), `" transparent="false"/>`)
			x.raw(`<y:NodeLabel>`)
			x.text(n.Label)
			x.raw(`</y:NodeLabel><y:Shape type="`, yedShape(n), `"/></y:ShapeNode></data>`)
		}
		x.raw("</node>\n")
	}
	for _, e := range g.Edges {
		x.raw("    <edge")
		x.attr("id", e.ID)
		x.attr("source", e.Source)
		x.attr("target", e.Target)
		x.raw(">")
		data(x, "elabel", e.Label())
		data(x, "predicate", e.Predicate)
		data(x, "family", string(e.Family))
		data(x, "ecameo", e.CAMEO)
		data(x, "first", e.First)
		data(x, "last", e.Last)
		data(x, "since", e.Since)
		data(x, "until", e.Until)
		data(x, "sources", itoa(e.Sources))
		data(x, "weight", itoa(e.Weight))
		docs, urls, headlines := g.sourceFields(e)
		data(x, "evidence", e.Evidence)
		data(x, "documents", docs)
		data(x, "urls", urls)
		data(x, "headlines", headlines)
		if yed {
			arrow := "standard"
			if e.Symmetric() {
				arrow = "none"
			}
			x.raw(`<data key="eg"><y:PolyLineEdge><y:LineStyle color="`, edgeColour(e.Family).hex(), `" type="line" width="1.0"/>`)
			x.raw(`<y:Arrows source="none" target="`, arrow, `"/><y:EdgeLabel>`)
			x.text(e.Label())
			x.raw(`</y:EdgeLabel></y:PolyLineEdge></data>`)
		}
		x.raw("</edge>\n")
	}
	x.raw("  </graph>\n</graphml>\n")
	return x.flush()
}

// data writes <data key="key">value</data>, nothing for an empty value.
func data(x *xmlWriter, key, value string) {
	if value == "" {
		return
	}
	x.raw(`<data key="`, key, `">`)
	x.text(value)
	x.raw("</data>")
}

// yedShape is the yFiles shape of a node: rectangles for states and
// organisations, ellipses for people, and so on, as in the DOT output.
func yedShape(n Node) string {
	switch nodeShape(n.Kind) {
	case "box", "note", "component":
		return "roundrectangle"
	case "hexagon":
		return "hexagon"
	case "octagon":
		return "octagon"
	case "parallelogram":
		return "parallelogram"
	case "house":
		return "trapezoid2"
	}
	return "ellipse"
}
