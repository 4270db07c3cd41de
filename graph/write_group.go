package graph

import (
	"context"
	"fmt"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Group commit.
//
// A bolt transaction costs two fdatasync calls and a rewrite of every page
// it touches, whatever it holds; an article is a hundred quads. So on the
// embedded backends, articles that goroutines write at once (the workers
// of an ingest) are committed together: the first writer commits what is
// waiting, up to maxGroupArticles articles, in one transaction, and hands
// the next group to the first writer still waiting. Each article is in
// exactly one transaction, whole, so a crash leaves whole articles only;
// every writer returns once its own article is committed.
//
// Only new articles share a transaction: one that replaces stored quads
// is written alone (writeArticle), as Cayley's bolt backend must remove
// and add in separate transactions. A group whose transaction fails is
// written again one article at a time, so that one article's failure is
// its own.

// The most articles, and quads, one group commit writes.
const (
	maxGroupArticles = 256
	maxGroupQuads    = 40_000
)

// writeQueue holds the articles waiting to be written.
type writeQueue struct {
	mu      sync.Mutex
	pending []*writeJob
	busy    bool // a writer is committing; it hands over to pending[0]
}

// writeJob is one article waiting in the writeQueue: its own quads want,
// its entities' facts, and, once written, what came of it.
type writeJob struct {
	ctx   context.Context
	doc   string
	label quad.IRI
	want  map[string]quad.Quad
	facts []quad.Quad

	res      WriteResult
	err      error
	finished bool          // res and err are set; read after wake
	wake     chan struct{} // one send: finished, or lead the next group
}

// enqueue writes j, with the articles other goroutines are writing at the
// same time, and returns what came of it.
func (s *Store) enqueue(j *writeJob) (WriteResult, error) {
	q := &s.queue
	q.mu.Lock()
	q.pending = append(q.pending, j)
	lead := !q.busy
	q.busy = true
	q.mu.Unlock()
	if !lead {
		<-j.wake
		if j.finished {
			return j.res, j.err
		}
	}
	// j leads: it is first in the queue.
	q.mu.Lock()
	n := min(len(q.pending), maxGroupArticles)
	group := append([]*writeJob(nil), q.pending[:n]...)
	q.pending = q.pending[n:]
	q.mu.Unlock()

	s.commitGroup(group)

	for _, g := range group {
		if g != j {
			g.finished = true
			g.wake <- struct{}{}
		}
	}
	q.mu.Lock()
	if len(q.pending) == 0 {
		q.busy = false
	} else {
		q.pending[0].wake <- struct{}{}
	}
	q.mu.Unlock()
	if j.err != nil {
		return WriteResult{}, fmt.Errorf("write document %s: %w", j.doc, j.err)
	}
	return j.res, nil
}

// commitGroup writes the articles of group, setting each one's result:
// new articles together, in transactions of up to maxGroupQuads quads,
// and an article that replaces stored quads alone, in order.
func (s *Store) commitGroup(group []*writeJob) {
	unlock, err := s.write(context.Background())
	if err != nil {
		for _, j := range group {
			j.err = err
		}
		return
	}
	defer unlock()

	var (
		tx       = cgraph.NewTransaction()
		batch    []*writeJob
		quads    int
		newFacts []quad.Quad
		pending  = make(map[string]bool) // facts batch adds
		labels   = make(map[string]bool) // articles batch writes
	)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		if err := s.apply(context.Background(), tx); err != nil {
			if len(batch) == 1 {
				batch[0].res, batch[0].err = WriteResult{}, err
			} else {
				for _, j := range batch {
					j.res, j.err = s.writeAlone(j)
				}
			}
		} else {
			s.knowFacts(newFacts)
			// The index of relations takes the batch's statements in
			// place, once for the one transaction (noteRelations).
			var written []quad.Quad
			for _, j := range batch {
				written = append(written, quadsOf(j.want)...)
			}
			s.noteRelations(context.Background(), nil, written)
		}
		tx, batch, quads, newFacts = cgraph.NewTransaction(), nil, 0, nil
		pending, labels = make(map[string]bool), make(map[string]bool)
	}
	for _, j := range group {
		if err := j.ctx.Err(); err != nil {
			j.err = err
			continue
		}
		if labels[j.label.String()] {
			flush() // the same article twice: the second replaces the first
		}
		have, err := s.labelled(j.ctx, j.label)
		if err != nil {
			j.err = err
			continue
		}
		if len(have) > 0 {
			flush()
			if j.res, j.err = s.writeArticle(j.ctx, j.label, have, j.want, j.facts); j.err == nil {
				s.noteRelations(j.ctx, quadsOf(have), quadsOf(j.want))
			}
			continue
		}
		facts, err := s.missingFacts(j.ctx, j.facts, pending)
		if err != nil {
			j.err = err
			continue
		}
		added := make([]quad.Quad, 0, len(j.want)+len(facts))
		for _, q := range j.want {
			added = append(added, q)
		}
		added = append(added, facts...)
		newFacts = append(newFacts, facts...)
		stageArticle(tx, added, nil)
		j.res = WriteResult{Added: len(j.want), FactsAdded: len(facts)}
		batch = append(batch, j)
		labels[j.label.String()] = true
		if quads += len(added); quads >= maxGroupQuads {
			flush()
		}
	}
	flush()
}

// writeAlone writes the article of j in a transaction of its own, under
// the write lock the caller holds.
func (s *Store) writeAlone(j *writeJob) (WriteResult, error) {
	have, err := s.labelled(j.ctx, j.label)
	if err != nil {
		return WriteResult{}, err
	}
	return s.writeArticle(j.ctx, j.label, have, j.want, j.facts)
}
