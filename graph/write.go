package graph

import (
	"context"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// WriteResult counts what WriteDocument changed: quads added, quads removed
// (left by an earlier ingest of the document and no longer produced), and
// quads that were already stored.
type WriteResult struct {
	Added     int `json:"added"`
	Removed   int `json:"removed"`
	Unchanged int `json:"unchanged"`
}

// WriteDocument stores the quads of doc, as schema.Quads gives them, in one
// transaction. It replaces exactly the quads labelled with doc.ID: what an
// earlier ingest stored and quads no longer holds is removed, what is new is
// added, and the rest is left alone, so writing the same document twice
// changes nothing. Every quad must be labelled with doc.ID; otherwise
// WriteDocument fails with ErrLabelMismatch and writes nothing.
func (s *Store) WriteDocument(ctx context.Context, doc schema.Document, quads []quad.Quad) (WriteResult, error) {
	if doc.ID == "" {
		return WriteResult{}, fmt.Errorf("write document: %w", errNoID)
	}
	label := iriOf(doc.ID)
	want := make(map[string]quad.Quad, len(quads))
	for i, q := range quads {
		if !q.IsValid() {
			return WriteResult{}, fmt.Errorf("write document %s: quad %d (%s): incomplete quad", doc.ID, i, q.NQuad())
		}
		if q.Label == nil || q.Label.String() != label.String() {
			return WriteResult{}, fmt.Errorf("write document %s: quad %d (%s): %w", doc.ID, i, q.NQuad(), ErrLabelMismatch)
		}
		want[quadKey(q)] = q
	}

	unlock, err := s.write(ctx)
	if err != nil {
		return WriteResult{}, fmt.Errorf("write document %s: %w", doc.ID, err)
	}
	defer unlock()
	unlockDoc, err := s.lockDocument(ctx, string(label))
	if err != nil {
		return WriteResult{}, fmt.Errorf("write document %s: %w", doc.ID, err)
	}
	defer unlockDoc()

	have, err := s.labelled(ctx, label)
	if err != nil {
		return WriteResult{}, fmt.Errorf("write document %s: %w", doc.ID, err)
	}
	var res WriteResult
	tx := cgraph.NewTransaction()
	for k, q := range have {
		if _, ok := want[k]; ok {
			res.Unchanged++
			continue
		}
		tx.RemoveQuad(q)
		res.Removed++
	}
	for k, q := range want {
		if _, ok := have[k]; !ok {
			tx.AddQuad(q)
			res.Added++
		}
	}
	if res.Added == 0 && res.Removed == 0 {
		s.noteRelations(ctx, nil, nil)
		return res, nil
	}
	if err := ctx.Err(); err != nil {
		return WriteResult{}, fmt.Errorf("write document %s: %w", doc.ID, err)
	}
	if res.Added > 0 && res.Removed > 0 && s.backend == Bolt {
		err = s.replaceInTwo(ctx, have, want)
	} else {
		err = s.apply(ctx, tx)
	}
	if err != nil {
		return WriteResult{}, fmt.Errorf("write document %s: %w", doc.ID, err)
	}
	s.noteRelations(ctx, quadsOf(have), quads)
	return res, nil
}

// replaceInTwo replaces a document's stored quads have with want in two
// transactions, the first removing every old quad and the second adding
// every new one, under the write lock the caller holds.
//
// Cayley's key-value backend (bolt) cannot take one transaction that both
// removes and adds quads sharing a node whose reference count goes down
// overall (the document's label, when a new version is smaller): it leaves
// the added quads with those directions empty. Each of the two
// transactions here only adds or only removes. In between, the document is
// absent rather than half there, so a crash leaves whole articles only,
// and the next ingest finds no content hash and writes it again. Readers
// in this process wait on the write lock and never see the gap; no other
// process can open the bolt file meanwhile.
func (s *Store) replaceInTwo(ctx context.Context, have, want map[string]quad.Quad) error {
	del := cgraph.NewTransactionN(len(have))
	for _, q := range have {
		del.RemoveQuad(q)
	}
	if err := s.apply(ctx, del); err != nil {
		return fmt.Errorf("remove the old version: %w", err)
	}
	add := cgraph.NewTransactionN(len(want))
	for _, q := range want {
		add.AddQuad(q)
	}
	if err := s.apply(ctx, add); err != nil {
		return fmt.Errorf("add the new version (the old one is removed; ingest the article again): %w", err)
	}
	return nil
}

// DeleteDocument removes every quad labelled with the document IRI docIRI,
// in one transaction, and returns how many it removed. It fails with
// ErrNotFound when the store holds no quad of that document.
func (s *Store) DeleteDocument(ctx context.Context, docIRI string) (int, error) {
	unlock, err := s.write(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	defer unlock()
	unlockDoc, err := s.lockDocument(ctx, string(iriOf(docIRI)))
	if err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	defer unlockDoc()

	have, err := s.labelled(ctx, iriOf(docIRI))
	if err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	if len(have) == 0 {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, ErrNotFound)
	}
	tx := cgraph.NewTransactionN(len(have))
	for _, q := range have {
		tx.RemoveQuad(q)
	}
	if err := s.apply(ctx, tx); err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	s.noteRelations(ctx, quadsOf(have), nil)
	return len(have), nil
}

// labelled returns the stored quads whose label is label, keyed by quadKey.
func (s *Store) labelled(ctx context.Context, label quad.Value) (map[string]quad.Quad, error) {
	out := make(map[string]quad.Quad)
	ref, err := s.qs.ValueOf(label)
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", label, err)
	}
	if ref == nil {
		return out, nil
	}
	err = s.eachQuad(ctx, quad.Label, ref, func(q quad.Quad) {
		out[quadKey(q)] = q
	})
	if err != nil {
		return nil, fmt.Errorf("quads labelled %s: %w", label, err)
	}
	return out, nil
}

// quadKey identifies a quad by the N-Quads form of its four values, so a
// quad read back from a store matches the one written.
func quadKey(q quad.Quad) string {
	var b strings.Builder
	for i, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		if i > 0 {
			b.WriteByte(0)
		}
		if v := q.Get(d); v != nil {
			b.WriteString(v.String())
		}
	}
	return b.String()
}

var errNoID = fmt.Errorf("document has no IRI")
