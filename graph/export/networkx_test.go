//go:build integration

package export_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/export"
)

// The tests in this file read GraphML and GEXF back with networkx, one
// Python process a file: the slowest read-back tests, so they run with the
// integration tests (go test -tags integration).

// networkxScript reads a GraphML or GEXF file with networkx and prints
// its nodes and edges with their attributes as JSON. networkx releases
// before 3.6 know GEXF only up to 1.2draft; the script then registers the
// 1.3 namespaces, which is all newer networkx adds for 1.3.
const networkxScript = `
import json, sys
import networkx as nx
from networkx.readwrite import gexf as gx
fmt, path = sys.argv[1], sys.argv[2]
if fmt == "gexf":
    if "1.3" not in gx.GEXF.versions:
        v = dict(gx.GEXF.versions["1.2draft"])
        v.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3")
        gx.GEXF.versions["1.3"] = v
    g = nx.read_gexf(path)
else:
    g = nx.read_graphml(path)
edges = [[u, v, d] for u, v, d in g.edges(data=True)]
print(json.dumps({"directed": g.is_directed(), "nodes": dict(g.nodes(data=True)), "edges": edges}, default=str))
`

type nxGraph struct {
	Directed bool                      `json:"directed"`
	Nodes    map[string]map[string]any `json:"nodes"`
	Edges    [][3]json.RawMessage      `json:"edges"`
}

// readNetworkx reads path (format graphml or gexf) with networkx and
// returns nodes by id and edges by "source predicate target", each with
// the attributes in keep.
func readNetworkx(t *testing.T, format, path string, nodeKeys, edgeKeys []string) (nodes, edges map[string]map[string]any) {
	t.Helper()
	python := lookPath(t, "python3", "apt-get install python3")
	if _, _, err := runQuiet(python, "-c", "import networkx"); err != nil {
		needTool(t, false, "networkx for python3", "apt-get install python3-networkx")
	}
	out, _ := run(t, nil, python, "-c", networkxScript, format, path)
	var g nxGraph
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("networkx output: %v\n%s", err, out)
	}
	if !g.Directed {
		t.Errorf("networkx read an undirected graph")
	}
	nodes = make(map[string]map[string]any)
	for id, attrs := range g.Nodes {
		nodes[id] = pick(attrs, nodeKeys)
	}
	edges = make(map[string]map[string]any)
	for _, e := range g.Edges {
		var u, v string
		var attrs map[string]any
		if err := json.Unmarshal(e[0], &u); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(e[1], &v)
		json.Unmarshal(e[2], &attrs)
		k := fmt.Sprintf("%s %v %s", u, attrs["predicate"], v)
		if _, dup := edges[k]; dup {
			t.Errorf("networkx read edge %s twice", k)
		}
		edges[k] = pick(attrs, edgeKeys)
	}
	return nodes, edges
}

func pick(m map[string]any, keys []string) map[string]any {
	out := make(map[string]any)
	for _, k := range keys {
		if v, ok := m[k]; ok {
			out[k] = v
		}
	}
	return out
}

// put sets m[k] to v unless v is empty: the writers leave unknowns out.
func put(m map[string]any, k string, v any) {
	if s, ok := v.(string); ok && s == "" {
		return
	}
	m[k] = v
}

func wantNodes(g *export.Graph) map[string]map[string]any {
	out := make(map[string]map[string]any)
	for _, n := range g.Nodes {
		m := map[string]any{"degree": float64(n.Degree)}
		put(m, "label", n.Label)
		put(m, "kind", string(n.Kind))
		put(m, "iso3", n.ISO3)
		put(m, "cameo", n.CAMEO)
		out[n.ID] = m
	}
	return out
}

func wantEdges(g *export.Graph, withSpells bool) map[string]map[string]any {
	out := make(map[string]map[string]any)
	for _, e := range g.Edges {
		m := map[string]any{"sources": float64(e.Sources), "weight": float64(e.Weight)}
		put(m, "label", e.Label())
		put(m, "predicate", e.Predicate)
		put(m, "family", string(e.Family))
		put(m, "cameo", e.CAMEO)
		put(m, "first", e.First)
		put(m, "last", e.Last)
		put(m, "since", e.Since)
		put(m, "until", e.Until)
		if withSpells && len(e.Spells) > 0 {
			var spells []any
			for _, s := range e.Spells {
				// networkx reads a missing end (or start) as None.
				spells = append(spells, []any{orNone(s.Start), orNone(s.End)})
			}
			m["spells"] = spells
		}
		out[e.Source+" "+e.Predicate+" "+e.Target] = m
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "None"
	}
	return s
}

var (
	nodeKeys = []string{"label", "kind", "iso3", "cameo", "degree"}
	edgeKeys = []string{"label", "predicate", "family", "cameo", "first", "last", "since", "until", "sources", "weight"}
)

func TestGraphMLReadByNetworkx(t *testing.T) {
	for name, store := range stores(t) {
		for _, yed := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/yed=%v", name, yed), func(t *testing.T) {
				g := project(t, store(t), export.Options{})
				var b bytes.Buffer
				if err := export.WriteGraphML(&b, g, yed); err != nil {
					t.Fatal(err)
				}
				nodes, edges := readNetworkx(t, "graphml", writeFile(t, "g.graphml", b.Bytes()), nodeKeys, edgeKeys)
				if diff := cmp.Diff(wantNodes(g), nodes); diff != "" {
					t.Errorf("nodes (-want +networkx):\n%s", diff)
				}
				if diff := cmp.Diff(wantEdges(g, false), edges); diff != "" {
					t.Errorf("edges (-want +networkx):\n%s", diff)
				}
			})
		}
	}
}

func TestGEXFReadByNetworkx(t *testing.T) {
	for name, store := range stores(t) {
		t.Run(name, func(t *testing.T) {
			g := project(t, store(t), export.Options{})
			var b bytes.Buffer
			if err := export.WriteGEXF(&b, g); err != nil {
				t.Fatal(err)
			}
			nodes, edges := readNetworkx(t, "gexf", writeFile(t, "g.gexf", b.Bytes()), nodeKeys, append(edgeKeys, "spells"))
			if diff := cmp.Diff(wantNodes(g), nodes); diff != "" {
				t.Errorf("nodes (-want +networkx):\n%s", diff)
			}
			if diff := cmp.Diff(wantEdges(g, true), edges); diff != "" {
				t.Errorf("edges (-want +networkx):\n%s", diff)
			}
			dated := 0
			for _, e := range g.Edges {
				if len(e.Spells) > 0 {
					dated++
				}
			}
			if dated == 0 {
				t.Errorf("no edge has a spell: the timeline would show nothing")
			}
		})
	}
}
