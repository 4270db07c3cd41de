package export_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/schema"
)

func edgeByID(g *export.Graph, id string) (export.Edge, bool) {
	for _, e := range g.Edges {
		if e.ID == id {
			return e, true
		}
	}
	return export.Edge{}, false
}

func nodeByID(g *export.Graph, id string) (export.Node, bool) {
	for _, n := range g.Nodes {
		if n.ID == id {
			return n, true
		}
	}
	return export.Node{}, false
}

// TestProjectSeed checks edges the seed article states plainly.
func TestProjectSeed(t *testing.T) {
	g := project(t, seed(t), export.Options{})
	tests := []struct {
		id   string
		want export.Edge
	}{
		{"ent:albania-severed_ties_with-ent:iran", export.Edge{
			ID: "ent:albania-severed_ties_with-ent:iran", Source: "ent:albania", Target: "ent:iran",
			Predicate: "severed_ties_with", Family: schema.Conflict, CAMEO: "161",
			First: "2022-09-07", Last: "2022-09-07", Sources: 1, Weight: 1,
			Spells:    []export.Spell{{Start: "2022-09-07", End: "2022-09-07"}},
			Evidence:  "What happened: Earlier today, Albanian Prime Minister Edi Rama announced that the eastern European country was severing ties with the Islamic Republic, effective immediately.",
			Documents: []string{"doc:a7bde9087908e651"},
		}},
		{"ent:mek-based_in-ent:albania", export.Edge{
			ID: "ent:mek-based_in-ent:albania", Source: "ent:mek", Target: "ent:albania",
			Predicate: "based_in", Family: schema.Neutral, First: "2016", Last: "2016", Since: "2016",
			Sources: 1, Weight: 1, Spells: []export.Spell{{Start: "2016-01-01"}},
			Evidence:  "Since 2016, the Iranian dissident group Mujahedin-e-Khalq (MEK), has been based in Albania.",
			Documents: []string{"doc:a7bde9087908e651"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got, ok := edgeByID(g, tt.id)
			if !ok {
				t.Fatalf("no edge %s in %d edges", tt.id, len(g.Edges))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("edge (-want +got):\n%s", diff)
			}
		})
	}
	albania, ok := nodeByID(g, "ent:albania")
	if want := (export.Node{ID: "ent:albania", Label: "Albania", Kind: schema.Country, ISO3: "ALB", CAMEO: "ALB", Degree: albania.Degree}); !ok || albania != want {
		t.Errorf("node ent:albania = %+v, want %+v", albania, want)
	}
	// Several predicates between Albania and Iran stay separate edges.
	preds := map[string]bool{}
	for _, e := range g.Edges {
		if e.Source == "ent:albania" && e.Target == "ent:iran" {
			preds[e.Predicate] = true
		}
	}
	if len(preds) < 2 {
		t.Errorf("Albania → Iran has predicates %v, want several edges", preds)
	}
}

// TestProjectShape checks what holds of every projection.
func TestProjectShape(t *testing.T) {
	for name, store := range stores(t) {
		t.Run(name, func(t *testing.T) {
			g := project(t, store(t), export.Options{})
			if len(g.Nodes) == 0 || len(g.Edges) == 0 {
				t.Fatalf("%d nodes, %d edges", len(g.Nodes), len(g.Edges))
			}
			nodes := make(map[string]export.Node)
			sum := 0
			for _, n := range g.Nodes {
				nodes[n.ID] = n
				sum += n.Degree
			}
			if sum != 2*len(g.Edges) {
				t.Errorf("degrees add up to %d, want twice the %d edges", sum, len(g.Edges))
			}
			seen := make(map[string]bool)
			for _, e := range g.Edges {
				if _, ok := nodes[e.Source]; !ok {
					t.Errorf("edge %s: no node %s", e.ID, e.Source)
				}
				if _, ok := nodes[e.Target]; !ok {
					t.Errorf("edge %s: no node %s", e.ID, e.Target)
				}
				if seen[e.ID] {
					t.Errorf("edge %s twice", e.ID)
				}
				seen[e.ID] = true
				if e.Sources < 1 || e.Weight < 1 {
					t.Errorf("edge %s: %d sources, weight %d", e.ID, e.Sources, e.Weight)
				}
				if e.Symmetric() && e.Source > e.Target {
					t.Errorf("symmetric edge %s runs from the higher IRI", e.ID)
				}
			}
		})
	}
}

// TestProjectNegated: a negated statement makes no edge. Our AUKUS article
// says France did not recall its ambassador to Britain.
func TestProjectNegated(t *testing.T) {
	st := ours(t)
	negated := 0
	err := st.EachStatement(context.Background(), graph.Filter{Predicates: []string{"recalled_ambassador_from"}}, func(s schema.Statement) error {
		if s.Negated && s.Subject.IRI == "ent:france" && s.Object.IRI == "ent:united_kingdom" {
			negated++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if negated == 0 {
		t.Fatal("the store lacks the negated statement this test is about")
	}
	g := project(t, st, export.Options{})
	if e, ok := edgeByID(g, "ent:france-recalled_ambassador_from-ent:united_kingdom"); ok {
		t.Errorf("negated statement made edge %+v", e)
	}
	if _, ok := edgeByID(g, "ent:france-recalled_ambassador_from-ent:australia"); !ok {
		t.Errorf("the stated recall from Australia is missing")
	}
}

func edgeIDs(g *export.Graph, keep func(export.Edge) bool) []string {
	var ids []string
	for _, e := range g.Edges {
		if keep(e) {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

func TestProjectOptions(t *testing.T) {
	st := ours(t)
	all := project(t, st, export.Options{})
	tests := []struct {
		name  string
		opts  export.Options
		check func(t *testing.T, g *export.Graph)
	}{
		{
			name: "predicates",
			opts: export.Options{Predicates: []string{"severed_ties_with", "rel:restored_ties_with"}},
			check: func(t *testing.T, g *export.Graph) {
				want := edgeIDs(all, func(e export.Edge) bool {
					return e.Predicate == "severed_ties_with" || e.Predicate == "restored_ties_with"
				})
				if diff := cmp.Diff(want, edgeIDs(g, func(export.Edge) bool { return true })); diff != "" || len(want) == 0 {
					t.Errorf("edges (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "min sources",
			opts: export.Options{MinSources: 2},
			check: func(t *testing.T, g *export.Graph) {
				want := edgeIDs(all, func(e export.Edge) bool { return e.Sources >= 2 })
				if diff := cmp.Diff(want, edgeIDs(g, func(export.Edge) bool { return true })); diff != "" || len(want) == 0 {
					t.Errorf("edges (-want +got):\n%s", diff)
				}
			},
		},
		{
			name: "since",
			opts: export.Options{Since: "2023"},
			check: func(t *testing.T, g *export.Graph) {
				if len(g.Edges) == 0 || len(g.Edges) >= len(all.Edges) {
					t.Fatalf("%d edges of %d", len(g.Edges), len(all.Edges))
				}
				for _, e := range g.Edges {
					if len(e.Spells) == 0 || (e.Last != "" && e.Last < "2023" && e.Until == "" && e.Since == "") {
						t.Errorf("edge %s (first %s, last %s, spells %v) is not in 2023 or later", e.ID, e.First, e.Last, e.Spells)
					}
				}
			},
		},
		{
			name: "until",
			opts: export.Options{Until: "2016"},
			check: func(t *testing.T, g *export.Graph) {
				if len(g.Edges) == 0 {
					t.Fatal("no edge until 2016")
				}
				for _, e := range g.Edges {
					if e.First == "" || e.First[:4] > "2016" {
						t.Errorf("edge %s starts %q, after 2016", e.ID, e.First)
					}
				}
			},
		},
		{
			name: "entity depth 1",
			opts: export.Options{Entity: "ent:iran"},
			check: func(t *testing.T, g *export.Graph) {
				near := map[string]bool{"ent:iran": true}
				for _, e := range all.Edges {
					if e.Source == "ent:iran" {
						near[e.Target] = true
					}
					if e.Target == "ent:iran" {
						near[e.Source] = true
					}
				}
				want := edgeIDs(all, func(e export.Edge) bool { return near[e.Source] && near[e.Target] })
				if diff := cmp.Diff(want, edgeIDs(g, func(export.Edge) bool { return true })); diff != "" {
					t.Errorf("edges (-want +got):\n%s", diff)
				}
				if len(g.Nodes) != len(near) {
					t.Errorf("%d nodes, want %d", len(g.Nodes), len(near))
				}
			},
		},
		{
			name: "entity depth 2",
			opts: export.Options{Entity: "ent:iran", Depth: 2},
			check: func(t *testing.T, g *export.Graph) {
				one := project(t, st, export.Options{Entity: "ent:iran"})
				if len(g.Edges) <= len(one.Edges) {
					t.Errorf("depth 2 has %d edges, depth 1 %d", len(g.Edges), len(one.Edges))
				}
				for _, id := range edgeIDs(one, func(export.Edge) bool { return true }) {
					if _, ok := edgeByID(g, id); !ok {
						t.Errorf("depth 2 lacks %s", id)
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, project(t, st, tt.opts))
		})
	}
}

func TestProjectErrors(t *testing.T) {
	st := ours(t)
	tests := []struct {
		name string
		opts export.Options
		want error
	}{
		{"bad date", export.Options{Since: "last year"}, graph.ErrBadDate},
		{"unknown predicate", export.Options{Predicates: []string{"befriended"}}, graph.ErrUnknownPredicate},
		{"negative depth", export.Options{Entity: "ent:iran", Depth: -1}, export.ErrBadOption},
		{"depth without entity", export.Options{Depth: 2}, export.ErrBadOption},
		{"negative minimum", export.Options{MinSources: -1}, export.ErrBadOption},
		{"unknown entity", export.Options{Entity: "ent:atlantis"}, graph.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := export.Project(context.Background(), st, tt.opts)
			if !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestWriteRawRejectsFilters(t *testing.T) {
	err := export.Write(context.Background(), &discard{}, ours(t), export.NQuads, export.Options{Since: "2022"})
	if !errors.Is(err, export.ErrBadOption) {
		t.Errorf("error %v, want ErrBadOption", err)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want export.Format
		err  error
	}{
		{"graphml", export.GraphML, nil},
		{"GEXF", export.GEXF, nil},
		{"cyjs", export.Cytoscape, nil},
		{"json-ld", export.JSONLD, nil},
		{"nq", export.NQuads, nil},
		{"pdf", "", export.ErrUnknownFormat},
	}
	for _, tt := range tests {
		got, err := export.ParseFormat(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}
