package export

import (
	"io"
	"strconv"
)

// GEXF namespaces: version 1.3, as Gephi writes it.
const (
	gexfNS    = "http://gexf.net/1.3"
	gexfVizNS = "http://gexf.net/1.3/viz"
)

// WriteGEXF writes g as GEXF 1.3 in dynamic mode with dates, so Gephi's
// timeline plays the graph over time. Each edge has a spell per date or
// interval its statements give (an event a spell of its day, month or
// year; a standing relation a spell from its since to its until, open
// where the text gives no end); an edge no statement dates has none and
// is always there. A node whose every edge has spells is there while one
// of them is; other nodes are always there. Nodes are coloured by kind and
// edges by family (viz:color), nodes sized by degree; the edge weight is
// the number of statements. Attributes: kind, iso3, cameo, degree on
// nodes; predicate, family, cameo, first, last, since, until, sources,
// evidence, documents, urls, headlines on edges (see Graph.sourceFields).
func WriteGEXF(w io.Writer, g *Graph) error {
	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>`, "\n")
	x.raw(`<gexf xmlns="`, gexfNS, `" xmlns:viz="`, gexfVizNS, `" version="1.3">`, "\n")
	x.raw("  <meta>\n    <creator>geokg</creator>\n    <description>Entities and the relations news articles report between them</description>\n  </meta>\n")
	x.raw(`  <graph mode="dynamic" timeformat="date" defaultedgetype="directed">`, "\n")
	x.raw(`    <attributes class="node">`, "\n")
	for _, a := range [][2]string{{"kind", "string"}, {"iso3", "string"}, {"cameo", "string"}, {"degree", "integer"}} {
		x.raw(`      <attribute id="`, a[0], `" title="`, a[0], `" type="`, a[1], `"/>`, "\n")
	}
	x.raw("    </attributes>\n")
	x.raw(`    <attributes class="edge">`, "\n")
	for _, a := range [][2]string{{"predicate", "string"}, {"family", "string"}, {"cameo", "string"}, {"first", "string"}, {"last", "string"}, {"since", "string"}, {"until", "string"}, {"sources", "integer"},
		{"evidence", "string"}, {"documents", "string"}, {"urls", "string"}, {"headlines", "string"}} {
		x.raw(`      <attribute id="`, a[0], `" title="`, a[0], `" type="`, a[1], `"/>`, "\n")
	}
	x.raw("    </attributes>\n")

	spells := nodeSpells(g)
	x.raw(`    <nodes count="`, itoa(len(g.Nodes)), `">`, "\n")
	for _, n := range g.Nodes {
		x.raw("      <node")
		x.attr("id", n.ID)
		x.attr("label", n.Label)
		x.raw(">\n        <attvalues>")
		attvalue(x, "kind", string(n.Kind))
		attvalue(x, "iso3", n.ISO3)
		attvalue(x, "cameo", n.CAMEO)
		attvalue(x, "degree", itoa(n.Degree))
		x.raw("</attvalues>\n")
		writeSpells(x, spells[n.ID])
		c := nodeColour(n.Kind)
		x.raw(`        <viz:color r="`, itoa(int(c.r)), `" g="`, itoa(int(c.g)), `" b="`, itoa(int(c.b)), `"/>`, "\n")
		x.raw(`        <viz:size value="`, strconv.FormatFloat(nodeSize(n.Degree), 'f', 1, 64), `"/>`, "\n")
		x.raw("      </node>\n")
	}
	x.raw("    </nodes>\n")
	x.raw(`    <edges count="`, itoa(len(g.Edges)), `">`, "\n")
	for _, e := range g.Edges {
		x.raw("      <edge")
		x.attr("id", e.ID)
		x.attr("label", e.Label())
		x.attr("source", e.Source)
		x.attr("target", e.Target)
		x.attr("weight", itoa(e.Weight))
		x.raw(">\n        <attvalues>")
		attvalue(x, "predicate", e.Predicate)
		attvalue(x, "family", string(e.Family))
		attvalue(x, "cameo", e.CAMEO)
		attvalue(x, "first", e.First)
		attvalue(x, "last", e.Last)
		attvalue(x, "since", e.Since)
		attvalue(x, "until", e.Until)
		attvalue(x, "sources", itoa(e.Sources))
		docs, urls, headlines := g.sourceFields(e)
		attvalue(x, "evidence", e.Evidence)
		attvalue(x, "documents", docs)
		attvalue(x, "urls", urls)
		attvalue(x, "headlines", headlines)
		x.raw("</attvalues>\n")
		writeSpells(x, edgeSpells(e))
		c := edgeColour(e.Family)
		x.raw(`        <viz:color r="`, itoa(int(c.r)), `" g="`, itoa(int(c.g)), `" b="`, itoa(int(c.b)), `"/>`, "\n")
		x.raw("      </edge>\n")
	}
	x.raw("    </edges>\n  </graph>\n</gexf>\n")
	return x.flush()
}

func attvalue(x *xmlWriter, id, value string) {
	if value == "" {
		return
	}
	x.raw(`<attvalue for="`, id, `" value="`)
	x.text(value)
	x.raw(`"/>`)
}

func writeSpells(x *xmlWriter, ss []Spell) {
	if len(ss) == 0 {
		return
	}
	x.raw("        <spells>")
	for _, s := range ss {
		x.raw("<spell")
		if s.Start != "" {
			x.attr("start", s.Start)
		}
		if s.End != "" {
			x.attr("end", s.End)
		}
		x.raw("/>")
	}
	x.raw("</spells>\n")
}

// edgeSpells returns the spells of e, none when one of them is open at both
// ends (the edge is then always there).
func edgeSpells(e Edge) []Spell {
	for _, s := range e.Spells {
		if s.Start == "" && s.End == "" {
			return nil
		}
	}
	return e.Spells
}

// nodeSpells returns, for each node whose edges all have spells, the
// union of those spells.
func nodeSpells(g *Graph) map[string][]Spell {
	all := make(map[string][]Spell)
	always := make(map[string]bool)
	for _, e := range g.Edges {
		ss := edgeSpells(e)
		for _, n := range []string{e.Source, e.Target} {
			if len(ss) == 0 {
				always[n] = true
				continue
			}
			all[n] = append(all[n], ss...)
		}
	}
	out := make(map[string][]Spell, len(all))
	for n, ss := range all {
		if !always[n] {
			out[n] = edgeSpells(Edge{Spells: mergeSpells(append([]Spell(nil), ss...))})
		}
	}
	return out
}
