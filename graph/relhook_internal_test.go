package graph

import (
	"context"
	"testing"

	"github.com/geokg/geokg/schema"
)

// TestNoteRelationsKeepsIndex checks that a write of an article updates
// the index of relations in place (noteRelations) rather than leaving it
// to be read again: the entity read before the write is still held, at
// the store's new generation, with the article's statement in it; a
// deletion takes it out again.
func TestNoteRelationsKeepsIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "", WithBackend(Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	iran := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN"}
	albania := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB"}
	write := func(id, date string) schema.Document {
		doc := schema.Document{ID: id, Published: date}
		st := schema.Statement{Subject: albania, Predicate: "condemned", Object: iran, Date: date, Doc: id, Evidence: "Albania condemned Iran.", Span: [2]int{0, 23}}
		qs, err := DocumentQuads(doc, []schema.Statement{st})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.WriteDocument(ctx, doc, qs); err != nil {
			t.Fatal(err)
		}
		return doc
	}
	write("doc:a", "2022-01-01")
	if _, err := s.RelationsPage(ctx, "ent:iran", Filter{}, Page{}); err != nil {
		t.Fatal(err)
	}
	held := func() int {
		s.relIdx.mu.Lock()
		defer s.relIdx.mu.Unlock()
		e := s.relIdx.ents["ent:iran"]
		if s.relIdx.gen != s.gen.Load() || e == nil {
			t.Fatalf("index at generation %d, store at %d, iran held: %v", s.relIdx.gen, s.gen.Load(), e != nil)
		}
		return len(e.oldest)
	}
	if n := held(); n != 1 {
		t.Fatalf("index holds %d statements about Iran, want 1", n)
	}
	b := write("doc:b", "2023-01-01")
	if n := held(); n != 2 {
		t.Fatalf("after a write the index holds %d statements about Iran, want 2", n)
	}
	page, err := s.RelationsPage(ctx, "ent:iran", Filter{}, Page{Limit: 1})
	if err != nil || len(page.Relations) != 1 || page.Relations[0].Doc != "doc:b" || page.Total != 2 {
		t.Fatalf("newest page after the write: %+v, %v", page, err)
	}
	if _, err := s.DeleteDocument(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if n := held(); n != 1 {
		t.Fatalf("after a deletion the index holds %d statements about Iran, want 1", n)
	}
}
