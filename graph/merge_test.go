package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

func TestMergeStatements(t *testing.T) {
	third := schema.Document{ID: "doc:third"}
	stmts := append(append(tiesStatements(), echoStatements()...),
		stmt(third, albania, "severed_ties_with", iran, 5, date("2022-09")),
		stmt(third, albania, "severed_ties_with", iran, 90, date("2023-01-02")),
		stmt(third, iran, "condemned", albania, 120, func(s *schema.Statement) { s.Date = "2022-09-09"; s.Negated = true }),
	)
	got := graph.MergeStatements(stmts)
	type brief struct {
		Rel            string
		Sources, Stmts int
		First, Last    string
		Docs           []string
	}
	var briefs []brief
	for _, m := range got {
		neg := ""
		if m.Negated {
			neg = "not "
		}
		briefs = append(briefs, brief{m.Subject.Name + " " + neg + m.Predicate + " " + m.Object.Name, m.Sources, m.Statements, m.First, m.Last, m.Documents})
	}
	want := []brief{
		{"Albania severed_ties_with Iran", 3, 4, "2022-09", "2023-01-02", []string{"doc:albania_cuts_ties", "doc:second_report", "doc:third"}},
		{"Iran not condemned Albania", 2, 2, "2022-09-08", "2022-09-09", []string{"doc:albania_cuts_ties", "doc:third"}},
		{"United States delisted_terrorist MEK", 1, 1, "2012", "2012", []string{"doc:albania_cuts_ties"}},
		{"United States requested Albania", 1, 1, "2013", "2013", []string{"doc:albania_cuts_ties"}},
		{"Albania hosts MEK", 1, 1, "2016", "2016", []string{"doc:albania_cuts_ties"}},
		{"Edi Rama accused Iran", 1, 1, "2022-09-07", "2022-09-07", []string{"doc:albania_cuts_ties"}},
		{"Iran denied Albania", 1, 1, "2022-09-08", "2022-09-08", []string{"doc:albania_cuts_ties"}},
		{"United States condemned Iran", 1, 1, "2022-09-10", "2022-09-10", []string{"doc:second_report"}},
		{"MEK opposes Iran", 1, 1, "", "", []string{"doc:albania_cuts_ties"}},
	}
	if diff := cmp.Diff(want, briefs); diff != "" {
		t.Errorf("MergeStatements (-want +got):\n%s", diff)
	}
}

func TestMergedRelations(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		write(t, s, docTies, tiesStatements())
		write(t, s, docEcho, echoStatements())
		got, err := s.MergedRelations(context.Background(), albania.IRI, graph.Filter{Predicates: []string{"severed_ties_with"}})
		if err != nil {
			t.Fatal(err)
		}
		want := []graph.MergedRelation{{
			Subject: bare(albania), Predicate: "severed_ties_with", Object: bare(iran),
			Sources: 2, Statements: 2, First: "2022-09-07", Last: "2022-09-07",
			Documents: []string{docTies.ID, docEcho.ID},
		}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("MergedRelations (-want +got):\n%s", diff)
		}
	})
}

func TestIngestAndDocumentStatus(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		doc := docTies
		doc.Text = "Albania cut diplomatic ties with Iran on Wednesday."
		status := func(d schema.Document) graph.DocumentStatus {
			t.Helper()
			st, err := s.DocumentStatus(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		if got := status(doc); got != graph.DocumentMissing {
			t.Errorf("before ingest: %v, want missing", got)
		}
		res, err := s.Ingest(ctx, doc, tiesStatements())
		if err != nil {
			t.Fatal(err)
		}
		if want := len(quadtest.Quads(doc, tiesStatements())) + 1; res.Added+res.FactsAdded != want {
			t.Errorf("Ingest added %d quads and %d entity facts, want %d in all (the statements' and the content hash)", res.Added, res.FactsAdded, want)
		}
		if got := status(doc); got != graph.DocumentCurrent {
			t.Errorf("after ingest: %v, want current", got)
		}
		changed := doc
		changed.Text += " It expelled Iranian diplomats."
		if got := status(changed); got != graph.DocumentChanged {
			t.Errorf("changed text: %v, want changed", got)
		}
		// A document written without a hash reads as changed.
		write(t, s, docEcho, echoStatements())
		if got := status(docEcho); got != graph.DocumentChanged {
			t.Errorf("written by WriteDocument: %v, want changed", got)
		}
		again, err := s.Ingest(ctx, doc, tiesStatements())
		if err != nil {
			t.Fatal(err)
		}
		if again.Added != 0 || again.Removed != 0 {
			t.Errorf("ingest again = %+v, want no change", again)
		}
	})
}

// TestIngestRefusesUnknownPredicate: an article with a statement whose
// predicate the vocabulary does not know is refused whole, with
// ErrUnknownPredicate, and the store keeps what it held: the article as
// stored before, not a <rel:> edge.
func TestIngestRefusesUnknownPredicate(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		if _, err := s.Ingest(ctx, docTies, tiesStatements()); err != nil {
			t.Fatal(err)
		}
		before := allQuads(t, s)
		changed := docTies
		changed.Title = "a new reading"
		stmts := tiesStatements()
		stmts[len(stmts)-1].Predicate = "befriended"
		res, err := s.Ingest(ctx, changed, stmts)
		if !errors.Is(err, graph.ErrUnknownPredicate) || !errors.Is(err, schema.ErrUnknownPredicate) {
			t.Fatalf("Ingest with predicate befriended: %+v, %v; want ErrUnknownPredicate", res, err)
		}
		if !strings.Contains(err.Error(), docTies.ID) || !strings.Contains(err.Error(), `"befriended"`) {
			t.Errorf("error %q names neither the document nor the predicate", err)
		}
		if diff := cmp.Diff(before, allQuads(t, s)); diff != "" {
			t.Errorf("store changed by a refused article (-before +after):\n%s", diff)
		}
	})
}
