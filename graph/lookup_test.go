package graph_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	gcmp "github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// TestEntityLookupMatchesIndex looks up every entity of the bundled
// articles, and finds the best match of its IRI, its name and each alias,
// on a store that has not read its index of every entity (so each is read
// alone, through the store's indexes), and then compares them with what
// the index of every entity gives (AllEntities, and FindEntities with no
// limit, which ranks every entity).
func TestEntityLookupMatchesIndex(t *testing.T) {
	ctx := context.Background()
	articles := bundledArticles(t)
	for _, b := range referenceStores {
		if b.name == graph.Postgres {
			continue // looked up through the entity index only on bolt and memstore
		}
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			for _, a := range articles {
				if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
					t.Fatal(err)
				}
			}
			ents := entitiesIn(articles)
			got := make(map[string]schema.Entity)
			for _, iri := range ents {
				e, err := s.Entity(ctx, iri)
				if err != nil && !errors.Is(err, graph.ErrNotFound) {
					t.Fatalf("Entity(%s): %v", iri, err)
				}
				got[iri] = e // the zero Entity when the store has no facts about it
			}
			for _, iri := range []string{"ent:atlantis", "doc:nothing"} {
				if _, err := s.Entity(ctx, iri); err == nil {
					t.Errorf("Entity(%s) found what the store does not hold", iri)
				}
			}
			// The first entity FindEntities gives for each name, asked
			// for one match (looked up alone where it can be).
			first := make(map[string]string)
			var queries []string
			for _, iri := range ents {
				e := got[iri]
				queries = append(queries, iri, e.Name, "<"+iri+">", schema.EntitySlug(iri))
				queries = append(queries, e.Aliases...)
			}
			queries = append(queries, "Nowhereland", "united states", "IRAN")
			for _, q := range queries {
				found, err := s.FindEntities(ctx, q, 1)
				if err != nil {
					t.Fatal(err)
				}
				if len(found) > 0 {
					first[q] = found[0].IRI
				}
			}

			all, err := s.AllEntities(ctx)
			if err != nil {
				t.Fatal(err)
			}
			byIRI := make(map[string]schema.Entity)
			for _, e := range all {
				byIRI[e.IRI] = e
			}
			for _, iri := range ents {
				if diff := gcmp.Diff(byIRI[iri], got[iri]); diff != "" {
					t.Errorf("Entity(%s) alone (-index +alone):\n%s", iri, diff)
				}
			}
			for _, q := range queries {
				found, err := s.FindEntities(ctx, q, 0)
				if err != nil {
					t.Fatal(err)
				}
				want := ""
				if len(found) > 0 {
					want = found[0].IRI
				}
				if first[q] != want {
					t.Errorf("FindEntities(%q, 1) = %q, the best of all is %q", q, first[q], want)
				}
			}
		})
	}
}

// TestPathsAfterWrites: the relation edges Paths keeps between calls
// follow the writes: a path appears with the article that makes it and
// goes with that article.
func TestPathsAfterWrites(t *testing.T) {
	ctx := context.Background()
	country := func(name string) schema.Entity {
		return schema.Entity{IRI: schema.EntityIRI(name), Name: name, Type: schema.Country}
	}
	a, b, c, d := country("Arcadia"), country("Borduria"), country("Carpania"), country("Dystopia")
	article := func(id string, subj, obj schema.Entity) (schema.Document, []schema.Statement) {
		doc := schema.Document{ID: "doc:" + id, Title: id, Published: "2030-01-01"}
		ev := subj.Name + " condemned " + obj.Name + "."
		return doc, []schema.Statement{{Subject: subj, Predicate: "condemned", Object: obj, Date: "2030-01-01",
			Confidence: 0.9, Evidence: ev, Span: [2]int{0, len(ev)}, Doc: doc.ID}}
	}
	for _, open := range []func(testing.TB) *graph.Store{openMem, openBolt} {
		s := open(t)
		t.Run(s.Backend(), func(t *testing.T) {
			hops := func() string {
				t.Helper()
				paths, err := s.Paths(ctx, a.IRI, d.IRI, 4)
				if err != nil {
					t.Fatal(err)
				}
				return fmt.Sprint(paths)
			}
			for _, x := range [][2]schema.Entity{{a, b}, {c, d}} {
				doc, stmts := article(x[0].Name+x[1].Name, x[0], x[1])
				write(t, s, doc, stmts)
			}
			if got := hops(); got != "[]" {
				t.Fatalf("before the article linking them: %s", got)
			}
			doc, stmts := article("bc", b, c)
			write(t, s, doc, stmts)
			want := "[Arcadia -condemned-> Borduria -condemned-> Carpania -condemned-> Dystopia]"
			if got := hops(); got != want {
				t.Fatalf("after the article linking them: %s, want %s", got, want)
			}
			if _, err := s.DeleteDocument(ctx, doc.ID); err != nil {
				t.Fatal(err)
			}
			if got := hops(); got != "[]" {
				t.Errorf("after deleting the article linking them: %s", got)
			}
		})
	}
}
