package graph_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// BenchmarkWriteDocument writes a new article of eight statements per
// iteration into a growing in-memory store.
func BenchmarkWriteDocument(b *testing.B) {
	ctx := context.Background()
	s := openMem(b)
	docs := make([]schema.Document, b.N)
	quads := make([][]quad.Quad, b.N)
	for i := range docs {
		docs[i] = schema.Document{ID: fmt.Sprintf("doc:bench_%d", i), Published: "2022-09-07"}
		stmts := tiesStatements()
		for j := range stmts {
			stmts[j].Doc = docs[i].ID
		}
		quads[i] = schema.Quads(docs[i], stmts)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range docs {
		if _, err := s.WriteDocument(ctx, docs[i], quads[i]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReingestDocument writes the same article again: the no-change
// path that re-running an ingest takes.
func BenchmarkReingestDocument(b *testing.B) {
	ctx := context.Background()
	s := openMem(b)
	quads := schema.Quads(docTies, tiesStatements())
	if _, err := s.WriteDocument(ctx, docTies, quads); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.WriteDocument(ctx, docTies, quads); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRelations looks up Iran's relations in a store of 100 articles.
func BenchmarkRelations(b *testing.B) {
	ctx := context.Background()
	s := openMem(b)
	for i := range 100 {
		doc := schema.Document{ID: fmt.Sprintf("doc:bench_%d", i)}
		stmts := tiesStatements()
		for j := range stmts {
			stmts[j].Doc = doc.ID
		}
		write(b, s, doc, stmts)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		rels, err := s.Relations(ctx, "ent:iran", graph.Filter{Since: "2022"})
		if err != nil {
			b.Fatal(err)
		}
		if len(rels) != 400 {
			b.Fatalf("got %d relations, want 400", len(rels))
		}
	}
}

func TestConcurrentWritesAndReads(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 20 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			doc := schema.Document{ID: fmt.Sprintf("doc:concurrent_%d", i)}
			stmts := tiesStatements()
			for j := range stmts {
				stmts[j].Doc = doc.ID
			}
			if _, err := s.WriteDocument(ctx, doc, schema.Quads(doc, stmts)); err != nil {
				errs <- err
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := s.Relations(ctx, "ent:united_states", graph.Filter{}); err != nil && !errors.Is(err, graph.ErrNotFound) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	rels, err := s.Relations(ctx, "ent:united_states", graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 20*2 {
		t.Errorf("got %d statements about the United States, want %d", len(rels), 20*2)
	}
}
