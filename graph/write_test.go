package graph_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

func TestWriteDocumentReingestUnchanged(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		first, quads := write(t, s, docTies, tiesStatements())
		if want := (graph.WriteResult{Added: own(docTies, quads), FactsAdded: len(quads) - own(docTies, quads)}); first != want {
			t.Errorf("first write = %+v, want %+v", first, want)
		}
		before := stats(t, s)
		if before.Quads != len(quads) {
			t.Errorf("store holds %d quads, want the %d written", before.Quads, len(quads))
		}
		again, _ := write(t, s, docTies, tiesStatements())
		if want := (graph.WriteResult{Unchanged: own(docTies, quads)}); again != want {
			t.Errorf("re-ingest = %+v, want %+v", again, want)
		}
		if diff := cmp.Diff(before, stats(t, s)); diff != "" {
			t.Errorf("Stats changed on re-ingest (-want +got):\n%s", diff)
		}
	})
}

func TestWriteDocumentChangedReingest(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		_, old := write(t, s, docTies, tiesStatements())

		// A better reading of the article: Albania expelled Iran's diplomats
		// rather than severing ties.
		changed := tiesStatements()
		changed[0].Predicate = "expelled_diplomats_of"
		changed[0].CAMEO = "161"
		res, quads := write(t, s, docTies, changed)

		gone, added := quadDiff(old, quads)
		if want := (graph.WriteResult{Added: added, Removed: gone, Unchanged: own(docTies, quads) - added}); res != want {
			t.Errorf("changed re-ingest = %+v, want %+v", res, want)
		}
		if res.Added == 0 || res.Removed == 0 {
			t.Errorf("changed re-ingest = %+v, want quads both added and removed", res)
		}
		if got := stats(t, s).Quads; got != len(quads) {
			t.Errorf("store holds %d quads, want %d", got, len(quads))
		}
		if n := countQuads(t, s, albania.IRI, "rel:severed_ties_with", iran.IRI); n != 0 {
			t.Errorf("old edge severed_ties_with still stored %d times", n)
		}
		if n := countQuads(t, s, albania.IRI, "rel:expelled_diplomats_of", iran.IRI); n != 1 {
			t.Errorf("new edge expelled_diplomats_of stored %d times, want 1", n)
		}
		rels, err := s.Relations(ctx, albania.IRI, graph.Filter{Direction: graph.Out})
		if err != nil {
			t.Fatal(err)
		}
		var preds []string
		for _, r := range rels {
			preds = append(preds, r.Predicate)
		}
		if diff := cmp.Diff([]string{"hosts", "expelled_diplomats_of"}, preds); diff != "" {
			t.Errorf("Albania's statements after the change (-want +got):\n%s", diff)
		}
	})
}

// quadDiff counts the quads of old not in new, and of new not in old.
func quadDiff(old, new []quad.Quad) (gone, added int) {
	in := func(q quad.Quad, qs []quad.Quad) bool {
		for _, o := range qs {
			if o.NQuad() == q.NQuad() {
				return true
			}
		}
		return false
	}
	for _, q := range old {
		if !in(q, new) {
			gone++
		}
	}
	for _, q := range new {
		if !in(q, old) {
			added++
		}
	}
	return gone, added
}

// countQuads counts the stored quads subject → predicate → object, whatever
// their label.
func countQuads(t *testing.T, s *graph.Store, subj, pred, obj string) int {
	t.Helper()
	qs := s.QuadStore()
	ref, err := qs.ValueOf(quad.IRI(subj))
	if err != nil {
		t.Fatal(err)
	}
	if ref == nil {
		return 0
	}
	n := 0
	err = iterator.Iterate(context.Background(), qs.QuadIterator(quad.Subject, ref)).Each(func(r cgraph.Ref) error {
		q, err := qs.Quad(r)
		if err != nil {
			return err
		}
		if q.Predicate == quad.IRI(pred) && q.Object == quad.IRI(obj) {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTwoDocumentsSameRelation(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		_, ties := write(t, s, docTies, tiesStatements())
		_, echo := write(t, s, docEcho, echoStatements())
		// What the store holds once docTies is deleted: docEcho's quads,
		// and on the embedded backends, where entity facts are kept once
		// (labelled with the entity), the facts docTies added of the
		// entities docEcho names too.
		after := make(map[string]bool)
		for _, q := range echo {
			after[q.NQuad()] = true
		}
		for _, q := range ties {
			if schema.ValueString(q.Label) == docTies.ID {
				continue
			}
			for _, e := range echo {
				if e.Label == q.Label {
					after[q.NQuad()] = true
				}
			}
		}
		before := stats(t, s).Quads

		// The direct edge is stored once per document that reports it…
		if n := countQuads(t, s, albania.IRI, "rel:severed_ties_with", iran.IRI); n != 2 {
			t.Errorf("severed_ties_with quads = %d, want 2 (one per document)", n)
		}
		// …each document has its own statement node…
		rels, err := s.Relations(ctx, albania.IRI, graph.Filter{Predicates: []string{"severed_ties_with"}})
		if err != nil {
			t.Fatal(err)
		}
		var docs []string
		for _, r := range rels {
			docs = append(docs, r.Doc)
		}
		if diff := cmp.Diff([]string{docTies.ID, docEcho.ID}, docs); diff != "" {
			t.Errorf("severed_ties_with statements by document (-want +got):\n%s", diff)
		}
		if got := stats(t, s).ByPredicate["severed_ties_with"]; got != 2 {
			t.Errorf("Stats.ByPredicate[severed_ties_with] = %d, want 2", got)
		}
		// …and a path walks the edge once.
		paths, err := s.Paths(ctx, albania.IRI, iran.IRI, 1)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{
			"Albania <-denied- Iran",
			"Albania -severed_ties_with-> Iran",
		}
		if diff := cmp.Diff(want, pathStrings(paths)); diff != "" {
			t.Errorf("paths Albania → Iran (-want +got):\n%s", diff)
		}
		// Deleting one document leaves the other's edge.
		n, err := s.DeleteDocument(ctx, docTies.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := before - len(after); n != want {
			t.Errorf("DeleteDocument removed %d quads, want %d", n, want)
		}
		if n := countQuads(t, s, albania.IRI, "rel:severed_ties_with", iran.IRI); n != 1 {
			t.Errorf("severed_ties_with quads after deleting one document = %d, want 1", n)
		}
		if got, want := stats(t, s).Quads, len(after); got != want {
			t.Errorf("quads after deleting one document = %d, want %d", got, want)
		}
		rep, err := s.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() {
			t.Errorf("verify after deleting one document: %v", rep.Problems)
		}
		// Deleting the other leaves nothing: the entities' facts go with
		// the last article that names them.
		if _, err := s.DeleteDocument(ctx, docEcho.ID); err != nil {
			t.Fatal(err)
		}
		if got := stats(t, s).Quads; got != 0 {
			t.Errorf("quads after deleting both documents = %d, want 0", got)
		}
	})
}

func TestWriteDocumentRejectsForeignLabel(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		label quad.Value
	}{
		{name: "other document", label: quad.IRI(docEcho.ID)},
		{name: "no label", label: nil},
		{name: "string label", label: quad.String(docTies.ID)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openMem(t)
			quads := quadtest.Quads(docTies, tiesStatements())
			quads[len(quads)/2].Label = tt.label
			_, err := s.WriteDocument(ctx, docTies, quads)
			if !errors.Is(err, graph.ErrLabelMismatch) {
				t.Fatalf("WriteDocument with a quad labelled %v = %v, want ErrLabelMismatch", tt.label, err)
			}
			if got := stats(t, s).Quads; got != 0 {
				t.Errorf("store holds %d quads after a rejected write, want 0", got)
			}
		})
	}
}

func TestWriteDocumentRejectedKeepsOldVersion(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	write(t, s, docTies, tiesStatements())
	before := stats(t, s)
	quads := quadtest.Quads(docTies, tiesStatements()[:2])
	quads[0].Label = quad.IRI("doc:elsewhere")
	if _, err := s.WriteDocument(ctx, docTies, quads); !errors.Is(err, graph.ErrLabelMismatch) {
		t.Fatalf("WriteDocument = %v, want ErrLabelMismatch", err)
	}
	if diff := cmp.Diff(before, stats(t, s)); diff != "" {
		t.Errorf("a rejected write changed the store (-want +got):\n%s", diff)
	}
}

func TestWriteDocumentNoID(t *testing.T) {
	s := openMem(t)
	if _, err := s.WriteDocument(context.Background(), schema.Document{}, nil); err == nil {
		t.Error("WriteDocument of a document without IRI succeeded")
	}
}

func TestDeleteDocumentMissing(t *testing.T) {
	s := openMem(t)
	write(t, s, docTies, tiesStatements())
	if _, err := s.DeleteDocument(context.Background(), "doc:never_seen"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("DeleteDocument of an unknown document = %v, want ErrNotFound", err)
	}
}

func TestWriteEmptyRemovesDocument(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		_, quads := write(t, s, docTies, tiesStatements())
		res, err := s.WriteDocument(context.Background(), docTies, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := (graph.WriteResult{Removed: own(docTies, quads), FactsRemoved: len(quads) - own(docTies, quads)}); res != want {
			t.Errorf("writing no quads = %+v, want %+v", res, want)
		}
		if got := stats(t, s); got.Quads != 0 || got.Documents != 0 {
			t.Errorf("after writing no quads: %+v, want an empty store", got)
		}
	})
}

// TestWriteDocumentShrinks writes an article again with fewer statements,
// so that the document's own nodes lose more references than the new
// version adds: the store must hold exactly the new version's quads.
// (Cayley's key-value backend mis-resolves the added quads of a
// transaction that also removes quads sharing their nodes; WriteDocument
// must not give it one.)
func TestWriteDocumentShrinks(t *testing.T) {
	backends(t, func(t *testing.T, s *graph.Store) {
		ctx := context.Background()
		write(t, s, docTies, tiesStatements())
		smaller := tiesStatements()[:1]
		smaller[0].Predicate = "expelled_diplomats_of"
		smaller[0].CAMEO = "161"
		_, want := write(t, s, docTies, smaller)

		quads, err := graph.ReadBackup(bytes.NewReader(backup(t, s)), "kg.nq.gz")
		if err != nil {
			t.Fatal(err)
		}
		key := func(q quad.Quad) string { return q.NQuad() }
		if diff := cmp.Diff(want, quads, cmpopts.SortSlices(func(a, b quad.Quad) bool { return key(a) < key(b) }),
			cmp.Comparer(func(a, b quad.Quad) bool { return key(a) == key(b) })); diff != "" {
			t.Errorf("store after the smaller version (-want +got):\n%s", diff)
		}
		rep, err := s.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() {
			t.Errorf("verify: %+v", rep.Problems)
		}
	})
}
