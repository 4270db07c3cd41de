package graph

import (
	"context"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// WriteResult counts what WriteDocument changed: the article's quads added,
// removed (left by an earlier ingest of the document and no longer
// produced), and already stored; and on the embedded backends, which keep
// entity facts once per store (see WriteDocument), the facts of its
// entities it added because the store lacked them, and removed because no
// other article names their entity any more. Added, Removed and Unchanged
// depend on the article alone; the facts on what else the store holds.
type WriteResult struct {
	Added        int `json:"added"`
	Removed      int `json:"removed"`
	Unchanged    int `json:"unchanged"`
	FactsAdded   int `json:"facts_added,omitempty"`
	FactsRemoved int `json:"facts_removed,omitempty"`
}

// WriteDocument stores the quads of doc, as schema.Quads gives them, in one
// transaction. It replaces exactly the quads labelled with doc.ID: what an
// earlier ingest stored and quads no longer holds is removed, what is new is
// added, and the rest is left alone, so writing the same document twice
// changes nothing. Every quad must be labelled with doc.ID; otherwise
// WriteDocument fails with ErrLabelMismatch and writes nothing.
//
// On the embedded backends (bolt, memstore) the facts of the entities the
// article names are kept once per store, labelled with the entity rather
// than the article (see write_facts.go): WriteDocument adds those the
// store lacks, and they go with the last article that names the entity.
// Articles that several goroutines write at once are committed together,
// several whole articles in one transaction (see write_group.go), so a
// crash still leaves whole articles only.
func (s *Store) WriteDocument(ctx context.Context, doc schema.Document, quads []quad.Quad) (WriteResult, error) {
	if doc.ID == "" {
		return WriteResult{}, fmt.Errorf("write document: %w", errNoID)
	}
	label := iriOf(doc.ID)
	for i, q := range quads {
		if !q.IsValid() {
			return WriteResult{}, fmt.Errorf("write document %s: quad %d (%s): incomplete quad", doc.ID, i, q.NQuad())
		}
		if q.Label == nil || q.Label.String() != label.String() {
			return WriteResult{}, fmt.Errorf("write document %s: quad %d (%s): %w", doc.ID, i, q.NQuad(), ErrLabelMismatch)
		}
	}
	var facts []quad.Quad
	if s.factsOnce() {
		quads, facts = splitFacts(quads)
	}
	want := make(map[string]quad.Quad, len(quads))
	for _, q := range quads {
		want[quadKey(q)] = q
	}
	if s.factsOnce() {
		return s.enqueue(&writeJob{ctx: ctx, doc: doc.ID, label: label, want: want, facts: facts, wake: make(chan struct{}, 1)})
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
	res, err := s.writeArticle(ctx, label, have, want, nil)
	if err != nil {
		return WriteResult{}, fmt.Errorf("write document %s: %w", doc.ID, err)
	}
	s.noteRelations(ctx, quadsOf(have), quads)
	return res, nil
}

// writeArticle replaces the stored quads have of the article label with
// want, and adds those of its entities' facts the store lacks, under the
// write lock the caller holds: the write of one article that a group
// cannot take, as it replaces or removes quads. Facts of entities that
// the article no longer names, and no other article does, are removed
// with the article's quads.
func (s *Store) writeArticle(ctx context.Context, label quad.IRI, have, want map[string]quad.Quad, facts []quad.Quad) (WriteResult, error) {
	var (
		res             WriteResult
		adds, removes   []quad.Quad
		removedSet      = make(map[string]quad.Quad)
		newFacts, stale []quad.Quad
		err             error
	)
	for k, q := range have {
		if _, ok := want[k]; ok {
			res.Unchanged++
			continue
		}
		removes = append(removes, q)
		removedSet[k] = q
	}
	for k, q := range want {
		if _, ok := have[k]; !ok {
			adds = append(adds, q)
		}
	}
	if s.factsOnce() {
		if newFacts, err = s.missingFacts(ctx, facts, make(map[string]bool)); err != nil {
			return WriteResult{}, err
		}
		if len(removes) > 0 {
			ents := namedBy(removedSet)
			for e := range namedBy(want) {
				delete(ents, e)
			}
			if stale, err = s.gcFacts(ctx, ents, label); err != nil {
				return WriteResult{}, err
			}
		}
	}
	if len(adds)+len(newFacts) == 0 && len(removes)+len(stale) == 0 {
		return res, nil
	}
	if err := ctx.Err(); err != nil {
		return WriteResult{}, err
	}
	if len(adds)+len(newFacts) > 0 && len(removes)+len(stale) > 0 && s.backend == Bolt {
		return s.replaceInTwo(ctx, label, have, want, facts, res.Unchanged)
	}
	tx := cgraph.NewTransactionN(len(adds) + len(removes) + len(newFacts) + len(stale))
	stageArticle(tx, append(adds, newFacts...), append(removes, stale...))
	s.forgetFacts(stale)
	if err := s.apply(ctx, tx); err != nil {
		return WriteResult{}, err
	}
	s.knowFacts(newFacts)
	res.Added, res.Removed, res.FactsAdded, res.FactsRemoved = len(adds), len(removes), len(newFacts), len(stale)
	return res, nil
}

// stageArticle puts the quads that writing one article adds and removes
// (its own, and its entities' facts) into tx. Every write of an article
// goes through it, whether the article is committed alone or in a group,
// so what must change with an article's quads in the same transaction
// belongs here.
func stageArticle(tx *cgraph.Transaction, added, removed []quad.Quad) {
	for _, q := range removed {
		tx.RemoveQuad(q)
	}
	for _, q := range added {
		tx.AddQuad(q)
	}
}

// replaceInTwo replaces an article's stored quads have with want in two
// transactions, the first removing every old quad (with the facts of the
// entities no other article names) and the second adding every new one
// (with the facts the store then lacks), under the write lock the caller
// holds. unchanged is the number of quads of have that want keeps.
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
func (s *Store) replaceInTwo(ctx context.Context, label quad.IRI, have, want map[string]quad.Quad, facts []quad.Quad, unchanged int) (WriteResult, error) {
	stale, err := s.gcFacts(ctx, namedBy(have), label)
	if err != nil {
		return WriteResult{}, err
	}
	old := make([]quad.Quad, 0, len(have)+len(stale))
	for _, q := range have {
		old = append(old, q)
	}
	del := cgraph.NewTransactionN(len(old) + len(stale))
	stageArticle(del, nil, append(old, stale...))
	s.forgetFacts(stale)
	if err := s.apply(ctx, del); err != nil {
		return WriteResult{}, fmt.Errorf("remove the old version: %w", err)
	}
	newFacts, err := s.missingFacts(ctx, facts, make(map[string]bool))
	if err != nil {
		return WriteResult{}, fmt.Errorf("add the new version (the old one is removed; ingest the article again): %w", err)
	}
	add := cgraph.NewTransactionN(len(want) + len(newFacts))
	added := make([]quad.Quad, 0, len(want)+len(newFacts))
	for _, q := range want {
		added = append(added, q)
	}
	stageArticle(add, append(added, newFacts...), nil)
	if err := s.apply(ctx, add); err != nil {
		return WriteResult{}, fmt.Errorf("add the new version (the old one is removed; ingest the article again): %w", err)
	}
	s.knowFacts(newFacts)
	// Counted as the difference between before and after: a fact removed
	// and added again is neither.
	res := WriteResult{Unchanged: unchanged, Added: len(want) - unchanged, Removed: len(have) - unchanged}
	readded := make(map[string]bool, len(newFacts))
	for _, q := range newFacts {
		readded[quadKey(q)] = true
	}
	for _, q := range stale {
		if readded[quadKey(q)] {
			delete(readded, quadKey(q))
			continue
		}
		res.FactsRemoved++
	}
	res.FactsAdded = len(readded)
	return res, nil
}

// DeleteDocument removes every quad labelled with the document IRI docIRI,
// in one transaction, with the facts of the entities that no other stored
// article names (see WriteDocument), and returns how many quads it
// removed. It fails with ErrNotFound when the store holds no quad of that
// document.
func (s *Store) DeleteDocument(ctx context.Context, docIRI string) (int, error) {
	unlock, err := s.write(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	defer unlock()
	label := iriOf(docIRI)
	unlockDoc, err := s.lockDocument(ctx, string(label))
	if err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	defer unlockDoc()

	have, err := s.labelled(ctx, label)
	if err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	if len(have) == 0 {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, ErrNotFound)
	}
	var stale []quad.Quad
	if s.factsOnce() {
		if stale, err = s.gcFacts(ctx, namedBy(have), label); err != nil {
			return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
		}
	}
	old := make([]quad.Quad, 0, len(have)+len(stale))
	for _, q := range have {
		old = append(old, q)
	}
	old = append(old, stale...)
	tx := cgraph.NewTransactionN(len(old))
	stageArticle(tx, nil, old)
	s.forgetFacts(stale)
	if err := s.apply(ctx, tx); err != nil {
		return 0, fmt.Errorf("delete document %s: %w", docIRI, err)
	}
	s.noteRelations(ctx, quadsOf(have), nil)
	return len(old), nil
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
