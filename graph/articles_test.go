package graph_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

func TestDocuments(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		write(t, s, docTies, tiesStatements())
		write(t, s, docEcho, echoStatements())
		got, err := s.Documents(context.Background(), []string{docTies.ID, "", docEcho.ID, docTies.ID, "doc:unknown"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]schema.Document{
			docTies.ID:    {ID: docTies.ID, URL: docTies.URL, Title: docTies.Title, Published: docTies.Published},
			docEcho.ID:    {ID: docEcho.ID, Title: docEcho.Title, Published: docEcho.Published},
			"doc:unknown": {ID: "doc:unknown"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Documents (-want +got):\n%s", diff)
		}
	})
}

func TestEachArticle(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		// Written out of IRI order: the scan gives them in it.
		write(t, s, docEcho, echoStatements())
		write(t, s, docTies, tiesStatements())
		type article struct {
			Doc   schema.Document
			Stmts []schema.Statement
		}
		each := func(f graph.Filter) []article {
			t.Helper()
			var got []article
			err := s.EachArticle(ctx, f, func(d schema.Document, stmts []schema.Statement) error {
				got = append(got, article{d, append([]schema.Statement(nil), stmts...)})
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		// Every article, with its statements as Relations gives them.
		got := each(graph.Filter{})
		if len(got) != 2 {
			t.Fatalf("got %d articles, want 2", len(got))
		}
		if got[0].Doc.ID != docTies.ID || got[1].Doc.ID != docEcho.ID {
			t.Errorf("articles in the order %s, %s; want their IRIs' order", got[0].Doc.ID, got[1].Doc.ID)
		}
		for _, a := range got {
			want := docTies
			if a.Doc.ID == docEcho.ID {
				want = docEcho
			}
			want.Source, want.Text = "", ""
			if diff := cmp.Diff(want, a.Doc); diff != "" {
				t.Errorf("article (-want +got):\n%s", diff)
			}
			for _, st := range a.Stmts {
				if st.Doc != a.Doc.ID || st.Subject.Name == "" || st.Object.Name == "" {
					t.Errorf("statement %+v of %s: want its article and named entities", st, a.Doc.ID)
				}
			}
		}
		all, err := s.AllStatements(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(got[0].Stmts) + len(got[1].Stmts); n != len(all) {
			t.Errorf("articles hold %d statements, the store %d", n, len(all))
		}

		// A filter keeps statements, and articles with none kept are skipped.
		got = each(graph.Filter{Predicates: []string{"denied"}})
		for _, a := range got {
			for _, st := range a.Stmts {
				if st.Predicate != "denied" {
					t.Errorf("predicate filter kept %s", st.Predicate)
				}
			}
		}
		if len(got) != 1 || got[0].Doc.ID != docTies.ID {
			t.Errorf("predicate filter: got %d articles, want the one with a denial", len(got))
		}
		if got := each(graph.Filter{Until: "2000"}); len(got) != 0 {
			t.Errorf("until 2000: got %d articles, want none", len(got))
		}

		// An error from fn stops the scan and comes back as it is.
		stop := errors.New("stop")
		n := 0
		err = s.EachArticle(ctx, graph.Filter{}, func(schema.Document, []schema.Statement) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("EachArticle after fn failed: %v after %d calls, want stop after 1", err, n)
		}
		if err := s.EachArticle(ctx, graph.Filter{Since: "soon"}, func(schema.Document, []schema.Statement) error { return nil }); !errors.Is(err, graph.ErrBadDate) {
			t.Errorf("bad date: %v, want ErrBadDate", err)
		}
	})
}
