package server_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/server"
)

func node(id int, tags, values []string, link, fixed bool) server.ShapeNode {
	if tags == nil {
		tags = []string{}
	}
	if values == nil {
		values = []string{}
	}
	return server.ShapeNode{ID: id, Tags: tags, Values: values, IsLinkNode: link, IsFixed: fixed}
}

func TestShape(t *testing.T) {
	ts := newServer(t, newStore(t))
	tests := []struct {
		name  string
		lang  string
		query string
		want  server.Shape
	}{
		{
			name:  "the issue's query",
			lang:  "gizmo",
			query: gizmoTies,
			want: server.Shape{
				Nodes: []server.ShapeNode{
					node(0, nil, []string{"<ent:albania>"}, false, true),
					node(1, nil, []string{"<rel:severed_ties_with>"}, true, true),
					node(2, nil, nil, false, false),
				},
				Links: []server.ShapeLink{{Source: 0, Target: 2, LinkNode: 1}},
			},
		},
		{
			name:  "tags for the visualiser",
			lang:  "gizmo",
			query: `g.V("<ent:albania>").Tag("source").Out("<rel:severed_ties_with>").Tag("target").All()`,
			want: server.Shape{
				Nodes: []server.ShapeNode{
					node(0, []string{"source"}, []string{"<ent:albania>"}, false, true),
					node(1, nil, []string{"<rel:severed_ties_with>"}, true, true),
					node(2, []string{"target"}, nil, false, false),
				},
				Links: []server.ShapeLink{{Source: 0, Target: 2, LinkNode: 1}},
			},
		},
		{
			name:  "in, then a filter on the type",
			lang:  "gizmo",
			query: `g.V("<ent:iran>").In("<rel:severed_ties_with>").Has("<rdf:type>", "<geo:Country>").All()`,
			want: server.Shape{
				Nodes: []server.ShapeNode{
					node(0, nil, nil, false, false),
					node(1, nil, []string{"<rel:severed_ties_with>"}, true, true),
					node(2, nil, []string{"<ent:iran>"}, false, true),
					node(3, nil, []string{"<rdf:type>"}, true, true),
					node(4, nil, []string{"<geo:Country>"}, false, true),
				},
				Links: []server.ShapeLink{{Source: 0, Target: 2, LinkNode: 1}, {Source: 0, Target: 4, LinkNode: 3}},
			},
		},
		{
			name:  "two hops",
			lang:  "gizmo",
			query: `g.V("<ent:united_states>").Out("<rel:requested>").Out("<rel:hosts>").All()`,
			want: server.Shape{
				Nodes: []server.ShapeNode{
					node(0, nil, []string{"<ent:united_states>"}, false, true),
					node(1, nil, []string{"<rel:requested>"}, true, true),
					node(2, nil, nil, false, false),
					node(3, nil, []string{"<rel:hosts>"}, true, true),
					node(4, nil, nil, false, false),
				},
				Links: []server.ShapeLink{{Source: 0, Target: 2, LinkNode: 1}, {Source: 2, Target: 4, LinkNode: 3}},
			},
		},
		{
			name:  "the last of several queries",
			lang:  "gizmo",
			query: `var n = g.V().Count(); g.V("<ent:albania>").Out("<rel:hosts>").All()`,
			want: server.Shape{
				Nodes: []server.ShapeNode{
					node(0, nil, []string{"<ent:albania>"}, false, true),
					node(1, nil, []string{"<rel:hosts>"}, true, true),
					node(2, nil, nil, false, false),
				},
				Links: []server.ShapeLink{{Source: 0, Target: 2, LinkNode: 1}},
			},
		},
		{
			name:  "a value the store does not hold",
			lang:  "gizmo",
			query: `g.V("<ent:atlantis>").Out("<rel:severed_ties_with>").All()`,
			want: server.Shape{
				Nodes: []server.ShapeNode{
					node(0, nil, []string{"<ent:atlantis>"}, false, true),
					node(1, nil, []string{"<rel:severed_ties_with>"}, true, true),
					node(2, nil, nil, false, false),
				},
				Links: []server.ShapeLink{{Source: 0, Target: 2, LinkNode: 1}},
			},
		},
		{
			name:  "a script with no query",
			lang:  "gizmo",
			query: `var x = 1 + 1`,
			want:  server.Shape{Nodes: []server.ShapeNode{}, Links: []server.ShapeLink{}},
		},
		{
			name:  "MQL",
			lang:  "mql",
			query: `[{"id": "<ent:albania>", "<rel:severed_ties_with>": null}]`,
			want: server.Shape{
				Nodes: []server.ShapeNode{
					node(0, nil, []string{"<ent:albania>"}, false, true),
					node(1, nil, []string{"<rel:severed_ties_with>"}, true, true),
					node(2, nil, nil, false, false),
				},
				Links: []server.ShapeLink{{Source: 0, Target: 2, LinkNode: 1}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got server.Shape
			post(t, ts.URL+"/api/v1/shape/"+tt.lang, tt.query).want(t, http.StatusOK).decode(t, &got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("shape (-want +got):\n%s", diff)
			}
		})
	}
}

// TestShapeReadsNoData: a shape query looks up its values but walks no
// quads, so a query over every node answers at once with its shape.
func TestShapeReadsNoData(t *testing.T) {
	ts := newServer(t, newStore(t))
	var got server.Shape
	post(t, ts.URL+"/api/v1/shape/gizmo", `g.V().Out().Out().Out().Out().All()`).want(t, http.StatusOK).decode(t, &got)
	if len(got.Links) != 4 {
		t.Errorf("shape of four hops has %d links: %+v", len(got.Links), got)
	}
}

// TestShapeOfEveryStep runs the shape of queries using each kind of Gizmo
// step: each must give a shape, and none may bring the server down.
// (FollowRecursive builds its iterator outside Cayley's shapes, so its
// shape is empty.)
func TestShapeOfEveryStep(t *testing.T) {
	ts := newServer(t, newStore(t))
	queries := []string{
		`g.V().All()`,
		`g.V("<ent:albania>", "<ent:iran>").All()`,
		`g.V("<ent:albania>").Both("<rel:severed_ties_with>").All()`,
		`g.V("<ent:albania>").Out(["<rel:severed_ties_with>", "<rel:hosts>"], "pred").All()`,
		`g.V("<ent:albania>").OutPredicates().All()`,
		`g.V("<ent:albania>").InPredicates().All()`,
		`g.V("<ent:albania>").Labels().All()`,
		`g.V("<ent:albania>").LabelContext("<doc:x>").Out().All()`,
		`g.V("<ent:albania>").Out().Is("<ent:iran>").All()`,
		`g.V("<ent:albania>").Out().Except(g.V("<ent:iran>")).All()`,
		`g.V("<ent:albania>").Out().Union(g.V("<ent:iran>").Out()).All()`,
		`g.V("<ent:albania>").Out().And(g.V("<ent:iran>")).All()`,
		`g.V("<ent:albania>").Out().Or(g.V("<ent:mek>")).All()`,
		`g.V("<ent:albania>").Out().Unique().Skip(1).Limit(2).All()`,
		`g.V("<ent:albania>").Out().Order().All()`,
		`g.V().Has("<rdf:type>", "<geo:Country>").HasR("<rel:severed_ties_with>").All()`,
		`g.V().Has("<schema:name>", gt("M")).All()`,
		`g.V().Filter(regex("^Al")).All()`,
		`g.V().Filter(like("Al%")).All()`,
		`g.V("<ent:albania>").Save("<schema:name>", "name").SaveOpt("<geo:iso3>", "iso").SaveR("<geo:subject>", "stmt").All()`,
		`g.V("<ent:albania>").Follow(g.M().Out("<rel:severed_ties_with>")).All()`,
		`g.V("<ent:albania>").FollowR(g.M().In("<rel:severed_ties_with>")).All()`,
		`g.V("<ent:albania>").Out().Back("x").All()`,
		`g.V("<ent:albania>").Tag("a").Out().Back("a").All()`,
		`g.V("<ent:albania>").Out().Count()`,
		`g.Emit(g.V("<ent:albania>").Out().ToArray())`,
		`g.V("<ent:albania>").Out().ForEach(function(d) { g.Emit(d) })`,
		`g.V("<ent:albania>").Out().TagValue()`,
		`g.V("<ent:albania>").Out().GetLimit(1)`,
		`var m = g.Morphism().Out(); g.V("<ent:albania>").Follow(m).Follow(m).All()`,
	}
	for _, q := range queries {
		t.Run(q, func(t *testing.T) {
			r := post(t, ts.URL+"/api/v1/shape/gizmo", q)
			if r.code != http.StatusOK && r.code != http.StatusBadRequest {
				t.Fatalf("status %d: %s", r.code, r.body)
			}
			if r.code == http.StatusBadRequest {
				t.Logf("400: %s", r.errorMessage(t))
				return
			}
			var got server.Shape
			r.decode(t, &got)
			if len(got.Nodes) == 0 {
				t.Errorf("no nodes: %s", r.body)
			}
		})
	}
}
