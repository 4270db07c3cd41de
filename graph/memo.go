package graph

import (
	"sync"
	"sync/atomic"
)

// memo keeps one value derived from a store, as read at a generation of
// the store (Store.gen), until the next write: the entities searches
// match against, the counts of Stats, the relation edges Paths walks. Of
// many readers that find it old at once, one reads the store again and
// the others wait for its value, rather than each reading it.
//
// It serves bolt and memstore stores, which every write goes through;
// PostgreSQL, which other processes write, is read each time. A store
// found damaged answers nothing from what was kept (see Store.kept).
type memo[T any] struct {
	mu  sync.Mutex // one reading of the store at a time
	cur atomic.Pointer[memoValue[T]]
}

type memoValue[T any] struct {
	gen uint64
	v   T
}

// get returns the value kept for generation gen, or computes it with
// read and keeps it. A failed read keeps nothing. The caller holds the
// store's read lock, so no writer changes the generation meanwhile.
func (m *memo[T]) get(gen uint64, read func() (T, error)) (T, error) {
	if c := m.cur.Load(); c != nil && c.gen == gen {
		return c.v, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if c := m.cur.Load(); c != nil && c.gen == gen {
		return c.v, nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	m.cur.Store(&memoValue[T]{gen: gen, v: v})
	return v, nil
}

// peek returns the value kept for generation gen, or the zero value
// when there is none: it never reads the store.
func (m *memo[T]) peek(gen uint64) T {
	if c := m.cur.Load(); c != nil && c.gen == gen {
		return c.v
	}
	var zero T
	return zero
}

// kept returns the damage a read of the store found, if any: a store
// found damaged answers no read from what was kept before, as it answers
// none from the file.
func (s *Store) kept() error {
	if d := s.damage.Load(); d != nil {
		return d
	}
	return nil
}

// readCache keeps values read from a bolt or memstore store, by key,
// until the next write, up to a total weight of max (each value weighs
// what put is told: 1 for a document, its length for a list of
// statements): when it is full it is emptied and fills again.
type readCache[V any] struct {
	max    int
	mu     sync.Mutex
	gen    uint64
	m      map[string]V
	weight int
}

// get returns the value kept for key at generation gen.
func (c *readCache[V]) get(gen uint64, key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.m == nil {
		var zero V
		return zero, false
	}
	v, ok := c.m[key]
	return v, ok
}

// put keeps v, of weight w, for key at generation gen; a value heavier
// than the cache holds is not kept.
func (c *readCache[V]) put(gen uint64, key string, v V, w int) {
	if w > c.max {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.m == nil || c.weight+w > c.max {
		c.gen, c.m, c.weight = gen, make(map[string]V), 0
	}
	if _, ok := c.m[key]; !ok {
		c.m[key] = v
		c.weight += w
	}
}

// Generation returns a number that changes whenever the store may change
// (it counts the writers that took the write lock), and true, on bolt and
// memstore, which every write goes through this Store: two equal
// generations read before and after a read mean no write came between, so
// what the read gave may be kept until the generation changes (as the
// server keeps its answers). On PostgreSQL, which other processes write,
// it returns false.
func (s *Store) Generation() (uint64, bool) {
	return s.gen.Load(), s.pg == nil
}
