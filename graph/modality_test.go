package graph_test

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// TestIntendedStatement stores an announced act: its statement comes back
// marked, verify accepts it without a direct edge, merged relations keep it
// apart from the act done, and no edge links the two actors.
func TestIntendedStatement(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	d := docTies
	stmts := []schema.Statement{
		stmt(d, albania, "restored_ties_with", iran, 0, func(s *schema.Statement) { s.Modality = schema.ModalityIntended; s.CAMEO = "032" }),
		stmt(d, albania, "severed_ties_with", iran, 100, date("2022-09-07")),
	}
	if _, err := s.WriteDocument(ctx, d, quadtest.Quads(d, stmts)); err != nil {
		t.Fatal(err)
	}
	r, err := s.Verify(ctx)
	if err != nil || !r.OK() {
		t.Fatalf("verify: %v %+v", err, r)
	}
	rel, err := s.Relations(ctx, albania.IRI, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var intended int
	for _, st := range rel {
		if st.Predicate == "restored_ties_with" {
			if st.Modality != schema.ModalityIntended || st.CAMEO != "032" {
				t.Errorf("intended statement read back as %+v", st)
			}
			intended++
		}
	}
	if intended != 1 {
		t.Errorf("%d intended statements read back, want 1", intended)
	}
	merged := graph.MergeStatements(rel)
	for _, m := range merged {
		if m.Predicate == "restored_ties_with" && m.Modality != schema.ModalityIntended {
			t.Errorf("merged intended relation lost its modality: %+v", m)
		}
	}
	err = s.EachQuadBatch(ctx, func(_ string, qs []quad.Quad) error {
		for _, q := range qs {
			if q.Predicate == quad.IRI("rel:restored_ties_with") {
				t.Errorf("an intended statement wrote the edge %v", q)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
