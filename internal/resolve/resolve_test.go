package resolve_test

import (
	"context"
	"errors"
	"testing"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/resolve"
	"github.com/geokg/geokg/schema"
)

// TestResolve resolves names as people type them against a memstore
// holding one statement, Albania severing ties with Iran.
func TestResolve(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	gaz, err := gazetteer.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	albania, _ := gaz.Lookup("Albania")
	iran, _ := gaz.Lookup("Iran")
	doc := schema.Document{ID: "doc:ties", Title: "Albania cuts ties with Iran", Published: "2022-09-07"}
	stmts := []schema.Statement{{Subject: albania.Entity(), Predicate: "severed_ties_with", Object: iran.Entity(),
		Date: "2022-09-07", Confidence: 0.9, Evidence: "Albania cut ties with Iran.", Span: [2]int{0, 27}, Doc: doc.ID}}
	if _, err := st.Ingest(ctx, doc, stmts); err != nil {
		t.Fatal(err)
	}
	r, err := resolve.New(st, nil)
	if err != nil {
		t.Fatal(err)
	}

	for _, name := range []string{"Albania", "albania", "Tirana", "ent:albania", "<ent:albania>", " Albania "} {
		e, err := r.Resolve(ctx, name)
		if err != nil || e.IRI != albania.IRI() {
			t.Errorf("Resolve(%q) = %s, %v; want %s", name, e.IRI, err, albania.IRI())
		}
	}
	if _, err := r.Resolve(ctx, "  "); !errors.Is(err, graph.ErrEmptyName) {
		t.Errorf("a blank name: %v, want ErrEmptyName", err)
	}
	var nis *graph.NotInStoreError
	if _, err := r.Resolve(ctx, "France"); !errors.As(err, &nis) || !errors.Is(err, graph.ErrNotFound) || nis.Entity.IRI != "ent:france" {
		t.Errorf("a state the store does not hold: %v, want a NotInStoreError for ent:france", err)
	}
	var unknown *graph.UnknownEntityError
	if _, err := r.Resolve(ctx, "Albanai"); !errors.As(err, &unknown) || !errors.Is(err, graph.ErrNotFound) {
		t.Fatalf("a misspelt name: %v, want an UnknownEntityError", err)
	}
	if len(unknown.Suggestions) == 0 || unknown.Suggestions[0] != (graph.Suggestion{IRI: albania.IRI(), Name: "Albania", Type: schema.Country, InStore: true}) {
		t.Errorf("suggestions for a misspelt name: %+v, want Albania, in the store, first", unknown.Suggestions)
	}
	if len(unknown.Suggestions) > resolve.MaxSuggestions {
		t.Errorf("%d suggestions, more than %d", len(unknown.Suggestions), resolve.MaxSuggestions)
	}
}
