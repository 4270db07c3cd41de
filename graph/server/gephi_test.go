package server_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/server"
)

// gephiEvents parses a graph stream: one JSON event a line, each line
// ended by \r\n.
func gephiEvents(t *testing.T, body []byte) (nodes map[string]server.GephiNode, edges map[string]server.GephiEdge, order []string) {
	t.Helper()
	text := string(body)
	if !strings.HasSuffix(text, "\r\n") {
		t.Fatalf("the stream does not end with \\r\\n: %q", text[max(0, len(text)-40):])
	}
	nodes = make(map[string]server.GephiNode)
	edges = make(map[string]server.GephiEdge)
	for _, line := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		var ev map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &ev); err != nil || len(ev) != 1 {
			t.Fatalf("bad event %q: %v", line, err)
		}
		for kind, objs := range ev {
			for id, raw := range objs {
				order = append(order, kind)
				switch kind {
				case "an":
					var n server.GephiNode
					json.Unmarshal(raw, &n)
					nodes[id] = n
				case "ae":
					var e server.GephiEdge
					json.Unmarshal(raw, &e)
					edges[id] = e
				default:
					t.Errorf("unknown event %q", kind)
				}
			}
		}
	}
	return nodes, edges, order
}

func TestGephi(t *testing.T) {
	ts := newServer(t, newStore(t))
	r := get(t, ts.URL+"/gephi/gs").want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/stream+json" {
		t.Errorf("Content-Type %q", ct)
	}
	nodes, edges, order := gephiEvents(t, r.body)

	albania, ok := nodes["ent:albania"]
	if !ok {
		t.Fatalf("no node ent:albania among %d", len(nodes))
	}
	if albania.Label != "Albania" || albania.Kind != "Country" || albania.ISO3 != "ALB" {
		t.Errorf("node ent:albania: %+v", albania)
	}
	tie, ok := edges["ent:albania severed_ties_with ent:iran 2022-09-07"]
	if !ok {
		t.Fatalf("no edge Albania severed ties with Iran among %d edges", len(edges))
	}
	want := server.GephiEdge{
		Source: "ent:albania", Target: "ent:iran", Directed: true, Label: "severed ties with",
		Predicate: "severed_ties_with", Date: "2022-09-07", Family: "conflict", CAMEO: "161",
		Weight: tie.Weight, R: tie.R, G: tie.G, B: tie.B,
	}
	if diff := cmp.Diff(want, tie); diff != "" {
		t.Errorf("edge (-want +got):\n%s", diff)
	}
	if tie.Weight < 1 {
		t.Errorf("edge weight %v", tie.Weight)
	}
	for id, e := range edges {
		if _, ok := nodes[e.Source]; !ok {
			t.Errorf("edge %s: source %s was not streamed", id, e.Source)
		}
		if _, ok := nodes[e.Target]; !ok {
			t.Errorf("edge %s: target %s was not streamed", id, e.Target)
		}
	}
	// Nodes come first, so Gephi knows both ends of every edge.
	if i := strings.Index(strings.Join(order, " "), "ae"); i >= 0 && strings.Contains(strings.Join(order, " ")[i:], "an") {
		t.Errorf("a node event after an edge event")
	}

	t.Run("limit", func(t *testing.T) {
		r := get(t, ts.URL+"/gephi/gs?limit=3").want(t, http.StatusOK)
		nodes, edges, _ := gephiEvents(t, r.body)
		if len(nodes) != 3 {
			t.Errorf("limit=3 streamed %d nodes", len(nodes))
		}
		for id, e := range edges {
			if _, ok := nodes[e.Source]; !ok {
				t.Errorf("edge %s leaves the streamed nodes", id)
			}
		}
		get(t, ts.URL+"/gephi/gs?limit=some").want(t, http.StatusBadRequest).errorMessage(t)
	})
}
