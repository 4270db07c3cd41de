package graph_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sort"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

func TestDocument(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		write(t, s, docTies, tiesStatements())
		ctx := context.Background()
		tests := []struct {
			name    string
			iri     string
			want    schema.Document
			wantErr error
		}{
			{name: "IRI", iri: "doc:albania_cuts_ties", want: schema.Document{ID: docTies.ID, URL: docTies.URL, Title: docTies.Title, Published: docTies.Published}},
			{name: "IRI in brackets", iri: "<doc:albania_cuts_ties>", want: schema.Document{ID: docTies.ID, URL: docTies.URL, Title: docTies.Title, Published: docTies.Published}},
			{name: "unknown document", iri: "doc:nothing", wantErr: graph.ErrNotFound},
			{name: "an entity is no document", iri: "ent:albania", wantErr: graph.ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.Document(ctx, tt.iri)
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Document(%q) error = %v, want %v", tt.iri, err, tt.wantErr)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("Document(%q) (-want +got):\n%s", tt.iri, diff)
				}
			})
		}
	})
}

func TestAllEntitiesAndStatements(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		ents, err := s.AllEntities(ctx)
		if err != nil || len(ents) != 0 {
			t.Fatalf("empty store: AllEntities = %v, %v", ents, err)
		}
		write(t, s, docTies, tiesStatements())
		write(t, s, docEcho, echoStatements())

		ents, err = s.AllEntities(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var iris []string
		for _, e := range ents {
			iris = append(iris, e.IRI)
		}
		if diff := cmp.Diff([]string{"ent:albania", "ent:edi_rama", "ent:iran", "ent:mek", "ent:united_states"}, iris); diff != "" {
			t.Errorf("AllEntities IRIs (-want +got):\n%s", diff)
		}
		for _, e := range ents {
			if e.IRI == "ent:edi_rama" && (e.Parent != "ent:albania" || e.Name != "Edi Rama") {
				t.Errorf("Edi Rama = %+v, want his name and parent state", e)
			}
		}

		all, err := s.AllStatements(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := len(tiesStatements()) + len(echoStatements())
		if len(all) != want {
			t.Fatalf("AllStatements: %d statements, want %d", len(all), want)
		}
		// Every statement Relations gives for an entity is among them, equal.
		rel, err := s.Relations(ctx, "ent:albania", graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		byKey := func(st schema.Statement) string {
			return st.Doc + "|" + st.Subject.IRI + "|" + st.Predicate + "|" + st.Object.IRI + fmt.Sprint(st.Span)
		}
		have := make(map[string]schema.Statement)
		for _, st := range all {
			have[byKey(st)] = st
		}
		for _, r := range rel {
			if diff := cmp.Diff(r, have[byKey(r)]); diff != "" {
				t.Errorf("statement %s (-Relations +AllStatements):\n%s", byKey(r), diff)
			}
		}
		when := func(st schema.Statement) string {
			if st.Date != "" {
				return st.Date
			}
			if st.Since != "" {
				return st.Since
			}
			return "~" // undated last
		}
		if !sort.SliceIsSorted(all, func(i, j int) bool { return when(all[i]) < when(all[j]) }) {
			t.Errorf("AllStatements is not sorted by date")
		}
	})
}

func TestViewAndUpdate(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		q := quad.MakeIRI("ent:albania", "rel:ally_of", "ent:united_states", "doc:raw")
		err := s.Update(ctx, func(qs cgraph.QuadStore) error {
			return qs.ApplyDeltas([]cgraph.Delta{{Quad: q, Action: cgraph.Add}}, cgraph.IgnoreOpts{IgnoreDup: true})
		})
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		err = s.View(ctx, func(qs cgraph.QuadStore) error {
			ref, err := qs.ValueOf(quad.IRI("rel:ally_of"))
			found = ref != nil
			return err
		})
		if err != nil || !found {
			t.Fatalf("View after Update: found=%v err=%v", found, err)
		}

		// A writer waits while a reader holds the store.
		held := make(chan struct{})
		release := make(chan struct{})
		go s.View(ctx, func(cgraph.QuadStore) error {
			close(held)
			<-release
			return nil
		})
		<-held
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		done := make(chan error, 1)
		go func() {
			done <- s.Update(short, func(cgraph.QuadStore) error { return nil })
		}()
		close(release)
		if err := <-done; err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Update after the reader let go: %v", err)
		}

		s.Close()
		if err := s.View(ctx, func(cgraph.QuadStore) error { return nil }); err == nil {
			t.Error("View on a closed store: no error")
		}
	})
}

func ExampleStore_Document() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	doc, err := s.Document(ctx, "doc:albania_cuts_ties")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Published, doc.Title)
	fmt.Println(doc.URL)
	// Output:
	// 2022-09-07 Albania cuts ties with Iran
	// https://example.org/albania-iran
}

func ExampleStore_AllStatements() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	stmts, err := s.AllStatements(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, st := range stmts[:3] {
		fmt.Println(st.Date+st.Since, st.Subject.Name, st.Predicate, st.Object.Name)
	}
	// Output:
	// 2012 United States delisted_terrorist MEK
	// 2013 United States requested Albania
	// 2016 Albania hosts MEK
}

func ExampleStore_AllEntities() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	ents, err := s.AllEntities(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range ents {
		fmt.Println(e.IRI, e.Type)
	}
	// Output:
	// ent:albania Country
	// ent:edi_rama Person
	// ent:iran Country
	// ent:mek PoliticalGroup
	// ent:united_states Country
}

func ExampleStore_View() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	// Cayley's own API under the store's read lock.
	err := s.View(ctx, func(qs cgraph.QuadStore) error {
		st, err := qs.Stats(ctx, true)
		if err != nil {
			return err
		}
		fmt.Println(st.Quads.Value > 0)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// true
}

func ExampleStore_Update() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	// A raw quad, outside any ingested article: label it with a document
	// of its own.
	q := quad.MakeIRI("ent:albania", "rel:ally_of", "ent:united_states", "doc:analyst_notes")
	err := s.Update(ctx, func(qs cgraph.QuadStore) error {
		return qs.ApplyDeltas([]cgraph.Delta{{Quad: q, Action: cgraph.Add}}, cgraph.IgnoreOpts{IgnoreDup: true})
	})
	if err != nil {
		log.Fatal(err)
	}
	res, err := s.Query(ctx, graph.Gizmo, `g.V("<ent:albania>").Out("<rel:ally_of>").All()`, 0)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res)
	// Output:
	// [map[id:<ent:united_states>]]
}
