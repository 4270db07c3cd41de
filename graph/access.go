package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// View runs fn with the Cayley quad store underneath while holding the
// store's shared lock, so fn sees whole documents only: WriteDocument,
// DeleteDocument and Update wait until it returns. It is how Cayley's own
// query languages and HTTP handlers read the graph beside writers. fn must
// not call the Store's other methods, which take the lock themselves, and
// must not keep qs once it returns.
func (s *Store) View(ctx context.Context, fn func(qs cgraph.QuadStore) error) (err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return fmt.Errorf("read store: %w", err)
	}
	defer unlock()
	defer s.guard(&err)
	return fn(s.qs)
}

// Update runs fn with the Cayley quad store while holding the store's
// exclusive lock: no reader and no other writer runs meanwhile. It is for
// raw quad writes, such as those of Cayley's write API, which bypass the
// document bookkeeping of WriteDocument: a quad written this way belongs to
// the document named by its label, if any, and a later WriteDocument of that
// document replaces it. fn must not call the Store's other methods.
func (s *Store) Update(ctx context.Context, fn func(qs cgraph.QuadStore) error) error {
	unlock, err := s.writeAll(ctx)
	if err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	defer unlock()
	if err := s.staleRels(ctx); err != nil {
		return fmt.Errorf("write store: %w", err)
	}
	return fn(s.qs)
}
