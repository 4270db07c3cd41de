package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/geokg/geokg/graph"
)

// cyNode and cyEdge are the data of a Cytoscape.js element; name repeats
// the label because Cytoscape desktop shows "name".
type cyNode struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Name   string `json:"name"`
	Kind   string `json:"kind,omitempty"`
	ISO3   string `json:"iso3,omitempty"`
	CAMEO  string `json:"cameo,omitempty"`
	Degree int    `json:"degree"`
	Color  string `json:"color"`
}

type cyEdge struct {
	ID        string         `json:"id"`
	Source    string         `json:"source"`
	Target    string         `json:"target"`
	Label     string         `json:"label"`
	Name      string         `json:"name"`
	Predicate string         `json:"predicate"`
	Family    string         `json:"family,omitempty"`
	CAMEO     string         `json:"cameo,omitempty"`
	First     string         `json:"first,omitempty"`
	Last      string         `json:"last,omitempty"`
	Since     string         `json:"since,omitempty"`
	Until     string         `json:"until,omitempty"`
	Sources   int            `json:"sources"`
	Weight    int            `json:"weight"`
	Color     string         `json:"color"`
	Evidence  string         `json:"evidence,omitempty"`
	Documents []graph.Source `json:"documents"`
}

type cyElement[T any] struct {
	Data    T      `json:"data"`
	Classes string `json:"classes,omitempty"`
}

// WriteCytoscape writes g as Cytoscape.js JSON,
// {"elements": {"nodes": […], "edges": […]}}, one element per line. Each
// element's data holds id, label (and name, for Cytoscape desktop) and
// every attribute (an edge's documents as objects: iri, url, headline,
// published), plus a colour (by kind for nodes, by family for edges)
// that a style can map with data(color); classes holds the kind or family.
func WriteCytoscape(w io.Writer, g *Graph) error {
	b := bufio.NewWriter(w)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	var err error
	put := func(s string) {
		if err == nil {
			_, err = b.WriteString(s)
		}
	}
	encode := func(v any) {
		if err == nil {
			err = enc.Encode(v) // ends the element with a newline
		}
	}
	put("{\"elements\": {\n\"nodes\": [\n")
	for i, n := range g.Nodes {
		if i > 0 {
			put(",")
		}
		encode(cyElement[cyNode]{Data: cyNode{
			ID: n.ID, Label: n.Label, Name: n.Label, Kind: string(n.Kind), ISO3: n.ISO3, CAMEO: n.CAMEO,
			Degree: n.Degree, Color: nodeColour(n.Kind).hex(),
		}, Classes: string(n.Kind)})
	}
	put("],\n\"edges\": [\n")
	for i, e := range g.Edges {
		if i > 0 {
			put(",")
		}
		encode(cyElement[cyEdge]{Data: cyEdge{
			ID: e.ID, Source: e.Source, Target: e.Target, Label: e.Label(), Name: e.Label(), Predicate: e.Predicate,
			Family: string(e.Family), CAMEO: e.CAMEO, First: e.First, Last: e.Last, Since: e.Since, Until: e.Until,
			Sources: e.Sources, Weight: e.Weight, Color: edgeColour(e.Family).hex(),
			Evidence: e.Evidence, Documents: g.Sources(e),
		}, Classes: string(e.Family)})
	}
	put("]\n}}\n")
	if err != nil {
		return err
	}
	return b.Flush()
}
